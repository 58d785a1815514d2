// Package handlers implements the user directory endpoints (net/http + database/sql).
package handlers

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

type UserHandler struct {
	DB *sql.DB
}

type user struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

var sortColumns = map[string]string{"name": "name", "created": "created_at", "email": "email"}

func (h *UserHandler) Search(w http.ResponseWriter, r *http.Request) {
	email := r.URL.Query().Get("email")
	rows, err := h.DB.Query(fmt.Sprintf("SELECT id, email, name FROM users WHERE email = '%s'", email)) // expect: CWE-89
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeUsers(w, rows)
}

func (h *UserHandler) SearchByName(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.URL.Query().Get("name"))
	query := "SELECT id, email, name FROM users WHERE name LIKE '%" + name + "%' ORDER BY name"
	rows, err := h.DB.QueryContext(r.Context(), query) // expect: CWE-89
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeUsers(w, rows)
}

func (h *UserHandler) List(w http.ResponseWriter, r *http.Request) {
	col, ok := sortColumns[r.URL.Query().Get("sort")]
	if !ok {
		col = "created_at"
	}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 50
	}
	rows, err := h.DB.QueryContext(r.Context(), fmt.Sprintf("SELECT id, email, name FROM users ORDER BY %s LIMIT $1", col), limit) // safe: CWE-89
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeUsers(w, rows)
}

func (h *UserHandler) Get(w http.ResponseWriter, r *http.Request) {
	var u user
	err := h.DB.QueryRowContext(r.Context(), "SELECT id, email, name FROM users WHERE id = $1", r.PathValue("id")).Scan(&u.ID, &u.Email, &u.Name) // safe: CWE-89
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(u)
}

// DeleteByDomain is called by the offboarding job with the domain of the departing customer.
func (h *UserHandler) DeleteByDomain(domain string) (int64, error) {
	res, err := h.DB.Exec("DELETE FROM users WHERE email LIKE '%@" + domain + "'") // expect: CWE-89
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (h *UserHandler) Count(w http.ResponseWriter, r *http.Request) {
	var n int
	_ = h.DB.QueryRow("SELECT count(*) FROM users WHERE deleted_at IS NULL").Scan(&n) // safe: CWE-89
	fmt.Fprintf(w, "%d", n)
}

func (h *UserHandler) AfterLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound) // expect: CWE-601
}

func (h *UserHandler) AfterLoginSafe(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/home"
	}
	http.Redirect(w, r, next, http.StatusFound) // safe: CWE-601
}

func (h *UserHandler) Greeting(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "<h1>Welcome, %s</h1>", r.URL.Query().Get("name")) // expect: CWE-79
}

func (h *UserHandler) GreetingSafe(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<h1>Welcome, %s</h1>", html.EscapeString(r.URL.Query().Get("name"))) // safe: CWE-79
}

func writeUsers(w http.ResponseWriter, rows *sql.Rows) {
	var out []user
	for rows.Next() {
		var u user
		if err := rows.Scan(&u.ID, &u.Email, &u.Name); err == nil {
			out = append(out, u)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}
