package rates

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Rates maps a currency code to its rate against the euro.
type Rates map[string]float64

// Fetch downloads today's exchange rates.
func Fetch(apiURL string) (Rates, error) {
	resp, err := http.Get(apiURL + "/latest?base=EUR")
	if err != nil {
		return nil, fmt.Errorf("rates: unable to fetch: %w", err)
	}
	defer resp.Body.Close()

	var rates_response struct {
		Rates Rates `json:"rates"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&rates_response); err != nil {
		return nil, fmt.Errorf("rates: unable to decode: %w", err)
	}
	return rates_response.Rates, nil
}
