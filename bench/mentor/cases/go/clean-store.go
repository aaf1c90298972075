package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Customer is a customer as stored in the database.
type Customer struct {
	ID    int64
	Email string
	Name  string
}

// CustomerByEmail returns the customer with the given email address, or nil when there is none.
func CustomerByEmail(ctx context.Context, db *sql.DB, email string) (*Customer, error) {
	query := `SELECT id, email, name FROM customers WHERE email = LOWER($1)`
	var customer Customer
	err := db.QueryRowContext(ctx, query, email).Scan(&customer.ID, &customer.Email, &customer.Name)
	switch {
	case err == sql.ErrNoRows:
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("store: unable to fetch customer %q: %w", email, err)
	}
	return &customer, nil
}
