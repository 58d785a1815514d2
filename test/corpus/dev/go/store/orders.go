// Package store implements the order store and its HTTP handlers. Everything here is meant to be safe.
package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

var receiptTmpl = template.Must(template.New("receipt").Parse(`<h1>Order {{.ID}}</h1><p>{{.Note}}</p>`))

type Store struct {
	DB        *sql.DB
	Receipts  string
	StatusURL string
}

type Order struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Note   string `json:"note"`
}

func NewStore(db *sql.DB) *Store {
	return &Store{DB: db, Receipts: "/srv/receipts", StatusURL: os.Getenv("PAYMENTS_STATUS_URL")} // safe: CWE-798
}

func (s *Store) Find(ctx context.Context, id string) (*Order, error) {
	var o Order
	err := s.DB.QueryRowContext(ctx, "SELECT id, status, note FROM orders WHERE id = $1", id).Scan(&o.ID, &o.Status, &o.Note) // safe: CWE-89
	return &o, err
}

func (s *Store) ByStatus(ctx context.Context, statuses []string) (*sql.Rows, error) {
	placeholders := make([]string, len(statuses))
	args := make([]any, len(statuses))
	for i, st := range statuses {
		placeholders[i] = "$" + strconv.Itoa(i+1)
		args[i] = st
	}
	return s.DB.QueryContext(ctx, "SELECT id, status FROM orders WHERE status IN ("+strings.Join(placeholders, ",")+")", args...) // safe: CWE-89
}

func (s *Store) Show(w http.ResponseWriter, r *http.Request) {
	o, err := s.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	receiptTmpl.Execute(w, o) // safe: CWE-79
}

func (s *Store) Receipt(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.PathValue("file"))
	http.ServeFile(w, r, filepath.Join(s.Receipts, name)) // safe: CWE-22
}

func (s *Store) Print(w http.ResponseWriter, r *http.Request) {
	o, err := s.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	out, err := exec.CommandContext(r.Context(), "lp", "-d", "receipts", "--", filepath.Join(s.Receipts, filepath.Base(o.ID)+".pdf")).CombinedOutput() // safe: CWE-78
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (s *Store) ShareToken(w http.ResponseWriter, r *http.Request) {
	b := make([]byte, 24)
	rand.Read(b) // safe: CWE-338
	sum := sha256.Sum256(b) // safe: CWE-327
	json.NewEncoder(w).Encode(map[string]string{"token": hex.EncodeToString(b), "lookup": hex.EncodeToString(sum[:])})
}

func (s *Store) PaymentsStatus(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(s.StatusURL) // safe: CWE-918
	if err != nil {
		http.Error(w, "unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, resp.Body)
}

func (s *Store) Done(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/orders/"+slug(r.PathValue("id")), http.StatusSeeOther) // safe: CWE-601
}

func slug(id string) string {
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' {
			return c
		}
		return -1
	}, strings.ToLower(id))
}
