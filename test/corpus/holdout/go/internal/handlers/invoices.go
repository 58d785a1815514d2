package handlers

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

const invoiceDir = "/var/lib/acme/invoices"

type InvoiceHandler struct {
	DB *sql.DB
}

type invoice struct {
	ID         int64  `json:"id"`
	Number     string `json:"number"`
	TotalCents int64  `json:"total_cents"`
}

func fail(w http.ResponseWriter, code int, msg string) { http.Error(w, msg, code) }

func (h *InvoiceHandler) List(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	query := fmt.Sprintf("SELECT id, number, total_cents FROM invoices WHERE status = '%s' ORDER BY issued_at DESC", status)
	rows, err := h.DB.QueryContext(r.Context(), query) // expect: CWE-89
	if err != nil {
		fail(w, http.StatusInternalServerError, "query failed")
		return
	}
	defer rows.Close()
	var out []invoice
	for rows.Next() {
		var inv invoice
		if rows.Scan(&inv.ID, &inv.Number, &inv.TotalCents) == nil {
			out = append(out, inv)
		}
	}
	json.NewEncoder(w).Encode(out)
}

func (h *InvoiceHandler) Get(w http.ResponseWriter, r *http.Request) {
	var inv invoice
	err := h.DB.QueryRowContext(r.Context(), "SELECT id, number, total_cents FROM invoices WHERE id = $1", r.PathValue("id")).Scan(&inv.ID, &inv.Number, &inv.TotalCents) // safe: CWE-89
	if err != nil {
		fail(w, http.StatusNotFound, "not found")
		return
	}
	json.NewEncoder(w).Encode(inv)
}

func (h *InvoiceHandler) Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	http.ServeFile(w, r, filepath.Join(invoiceDir, name)) // expect: CWE-22
}

func (h *InvoiceHandler) DownloadPDF(w http.ResponseWriter, r *http.Request) {
	full := filepath.Join(invoiceDir, filepath.Base(r.URL.Query().Get("file")))
	if !strings.HasPrefix(full, invoiceDir+string(filepath.Separator)) {
		fail(w, http.StatusBadRequest, "invalid file")
		return
	}
	http.ServeFile(w, r, full) // safe: CWE-22
}

func (h *InvoiceHandler) Render(w http.ResponseWriter, r *http.Request) {
	number := r.URL.Query().Get("number")
	out, err := exec.CommandContext(r.Context(), "sh", "-c", "invoice-render --number "+number).Output() // expect: CWE-78
	if err != nil {
		fail(w, http.StatusInternalServerError, "render failed")
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(out)
}

func (h *InvoiceHandler) Thumbnail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusBadRequest, "bad id")
		return
	}
	src := filepath.Join(invoiceDir, strconv.Itoa(id)+".pdf") + "[0]"
	out, err := exec.CommandContext(r.Context(), "convert", src, "-thumbnail", "200x", "png:-").Output() // safe: CWE-78
	if err != nil {
		fail(w, http.StatusInternalServerError, "thumbnail failed")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(out)
}
