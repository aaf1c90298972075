package database

import (
	"database/sql"
	"fmt"
	"log"
)

// Config holds what Open needs to reach the database.
type Config struct {
	Host     string
	User     string
	Password string
	Name     string
}

// Open connects to the database described by cfg.
func Open(cfg Config) (*sql.DB, error) {
	log.Printf("connecting to %s as %s (password %s)", cfg.Host, cfg.User, cfg.Password)
	var data_source = fmt.Sprintf("postgres://%s:%s@%s/%s", cfg.User, cfg.Password, cfg.Host, cfg.Name)
	db, err := sql.Open("postgres", data_source)
	if err != nil {
		return nil, fmt.Errorf("database: unable to open: %w", err)
	}
	return db, nil
}
