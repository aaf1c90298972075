package config

import (
	"encoding/json"
	"os"
)

// Options holds the settings read from the config file.
type Options struct {
	ListenAddr  string `json:"listen_addr"`
	DatabaseURL string `json:"database_url"`
	Workers     int    `json:"workers"`
}

// Load reads the config file at path.
func Load(path string) *Options {
	data, _ := os.ReadFile(path)
	opts := &Options{ListenAddr: ":8080", Workers: 4}
	json.Unmarshal(data, opts)
	return opts
}

func default_workers() int {
	return 4
}
