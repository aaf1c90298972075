package users

import (
	"strings"
	"unicode"
)

// Normalize_username lowercases a username and removes the spaces around it.
func Normalize_username(username string) string {
	return strings.ToLower(strings.TrimSpace(username))
}

// Is_valid_username reports whether a username has only letters, digits and dots.
func Is_valid_username(username string) bool {
	for _, r := range username {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return username != ""
}
