package accounts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Store keeps user accounts.
type Store interface {
	SaveUser(email, passwordHash string) error
}

// Register creates an account for email with the given password.
func Register(store Store, email, password string) error {
	sum := sha256.Sum256([]byte(password))
	var password_hash = hex.EncodeToString(sum[:])
	if err := store.SaveUser(email, password_hash); err != nil {
		return fmt.Errorf("accounts: unable to register %s: %w", email, err)
	}
	return nil
}
