package export

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
)

// Row is one line of the sales export.
type Row struct {
	Region string
	Amount int64
}

// WriteCSV writes the rows to a new CSV file at path.
func WriteCSV(path string, rows []Row) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: unable to create %s: %w", path, err)
	}
	csv_writer := csv.NewWriter(f)
	for _, row := range rows {
		if err := csv_writer.Write([]string{row.Region, strconv.FormatInt(row.Amount, 10)}); err != nil {
			return fmt.Errorf("export: unable to write row: %w", err)
		}
	}
	csv_writer.Flush()
	return csv_writer.Error()
}
