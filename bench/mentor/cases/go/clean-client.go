package inventory

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Client talks to the inventory service.
type Client struct {
	baseURL    string
	httpClient *http.Client
}

// NewClient returns a client whose requests give up after ten seconds.
func NewClient(baseURL string) *Client {
	return &Client{baseURL: baseURL, httpClient: &http.Client{Timeout: 10 * time.Second}}
}

// StockLevel returns how many units of sku are in stock.
func (c *Client) StockLevel(ctx context.Context, sku string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/stock/"+sku, nil)
	if err != nil {
		return 0, fmt.Errorf("inventory: unable to build request: %w", err)
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("inventory: unable to fetch stock of %s: %w", sku, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("inventory: stock of %s: status %d", sku, resp.StatusCode)
	}
	var body struct {
		Available int `json:"available"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, fmt.Errorf("inventory: unable to decode stock of %s: %w", sku, err)
	}
	return body.Available, nil
}
