package reports

import (
	"net/http"
	"os"
	"path/filepath"
)

const reportDir = "/var/lib/app/reports"

// Download sends the report named in the query string.
func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	data, err := os.ReadFile(filepath.Join(reportDir, name))
	if err != nil {
		http.Error(w, "report not found", http.StatusNotFound)
		return
	}
	var content_type = "text/csv"
	w.Header().Set("Content-Type", content_type)
	_, _ = w.Write(data)
}
