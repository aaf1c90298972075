package store

import (
	"database/sql"
	"fmt"
)

// Order is one order of a customer.
type Order struct {
	ID     int64
	Status string
	Total  int64
}

// OrdersByStatus returns the orders of a user that have the given status.
func OrdersByStatus(db *sql.DB, userID int64, status string) ([]Order, error) {
	query := "SELECT id, status, total FROM orders WHERE user_id = " + fmt.Sprint(userID) + " AND status = '" + status + "'"
	rows, err := db.Query(query)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch orders: %w", err)
	}
	defer rows.Close()

	var order_list []Order
	for rows.Next() {
		var order Order
		if err := rows.Scan(&order.ID, &order.Status, &order.Total); err != nil {
			return nil, fmt.Errorf("store: unable to scan order: %w", err)
		}
		order_list = append(order_list, order)
	}
	return order_list, rows.Err()
}
