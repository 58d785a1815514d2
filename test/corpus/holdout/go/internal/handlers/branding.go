package handlers

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
)

var allowedReturnHosts = map[string]bool{"app.acme.io": true, "billing.acme.io": true}

type BrandingHandler struct {
	Store interface {
		SaveLogo(accountID string, data []byte) error
	}
}

func (h *BrandingHandler) ImportLogo(w http.ResponseWriter, r *http.Request) {
	var req struct {
		LogoURL string `json:"logo_url"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		fail(w, http.StatusBadRequest, "bad json")
		return
	}
	resp, err := http.Get(req.LogoURL) // expect: CWE-918
	if err != nil {
		fail(w, http.StatusBadGateway, "fetch failed")
		return
	}
	defer resp.Body.Close()
	logo, _ := io.ReadAll(io.LimitReader(resp.Body, 2<<20))
	if err := h.Store.SaveLogo(r.PathValue("account"), logo); err != nil {
		fail(w, http.StatusInternalServerError, "save failed")
		return
	}
	json.NewEncoder(w).Encode(map[string]int{"bytes": len(logo)})
}

func (h *BrandingHandler) Rates(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://api.frankfurter.app/latest?from=EUR") // safe: CWE-918
	if err != nil {
		fail(w, http.StatusBadGateway, "rates unavailable")
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, resp.Body)
}

func (h *BrandingHandler) Back(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, r.URL.Query().Get("return_to"), http.StatusFound) // expect: CWE-601
}

func (h *BrandingHandler) Continue(w http.ResponseWriter, r *http.Request) {
	target := "/branding"
	if u, err := url.Parse(r.URL.Query().Get("next")); err == nil && u.Scheme == "https" && allowedReturnHosts[u.Host] {
		target = u.String()
	}
	http.Redirect(w, r, target, http.StatusFound) // safe: CWE-601
}

func (h *BrandingHandler) Done(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/branding?saved=1", http.StatusSeeOther) // safe: CWE-601
}
