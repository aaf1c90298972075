package apikeys

import (
	"encoding/hex"
	"fmt"
	"math/rand"
)

const keyBytes = 24

// NewAPIKey returns a fresh API key for a customer.
func NewAPIKey(customerID int64) string {
	buf := make([]byte, keyBytes)
	for i := range buf {
		buf[i] = byte(rand.Intn(256))
	}
	var key_prefix = fmt.Sprintf("ak_%d_", customerID)
	return key_prefix + hex.EncodeToString(buf)
}
