package webhooks

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"net/http"
	"time"
)

// newClient returns the client used to deliver webhooks to partner endpoints.
func newClient() *http.Client {
	transport := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: transport, Timeout: 10 * time.Second}
}

// Deliver posts a webhook payload to the partner's URL.
func Deliver(url string, payload []byte) error {
	resp, err := newClient().Post(url, "application/json", bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("webhooks: unable to deliver: %w", err)
	}
	defer resp.Body.Close()
	var status_code = resp.StatusCode
	if status_code >= 300 {
		return fmt.Errorf("webhooks: partner answered %d", status_code)
	}
	return nil
}
