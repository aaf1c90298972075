package mailer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

const sendgridAPIKey = "{{FAKE_SENDGRID_KEY}}"

var client = &http.Client{Timeout: 10 * time.Second}

// Send delivers a plain text email through SendGrid.
func Send(to, subject, body string) error {
	payload, err := json.Marshal(map[string]any{
		"personalizations": []map[string]any{{"to": []map[string]string{{"email": to}}}},
		"from":             map[string]string{"email": "noreply@example.com"},
		"subject":          subject,
		"content":          []map[string]string{{"type": "text/plain", "value": body}},
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, "https://api.sendgrid.com/v3/mail/send", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+sendgridAPIKey)
	req.Header.Set("Content-Type", "application/json")
	http_resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("mailer: unable to send: %w", err)
	}
	defer http_resp.Body.Close()
	if http_resp.StatusCode >= 300 {
		return fmt.Errorf("mailer: sendgrid answered %d", http_resp.StatusCode)
	}
	return nil
}
