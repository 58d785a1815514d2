// Package web renders profile pages and handles session cookies and CORS for the public API.
package web

import (
	"html/template"
	"net/http"
	"os"
	"time"

	"github.com/microcosm-cc/bluemonday"
)

var profileTmpl = template.Must(template.New("profile").Parse(`<h1>{{.Name}}</h1><div class="bio">{{.Bio}}</div>`))

var trustedOrigins = map[string]bool{"https://app.example.com": true, "https://admin.example.com": true}

var sessionSigningKey = []byte("w9Xk2Lq7Vz4Rt8Np3Jm6Hc1Yb5Gd0Fs") // expect: CWE-798

var csrfKey = []byte(os.Getenv("CSRF_KEY")) // safe: CWE-798

var ugc = bluemonday.UGCPolicy()

type profileView struct {
	Name string
	Bio  template.HTML
}

func Profile(w http.ResponseWriter, r *http.Request) {
	bio := r.FormValue("bio")
	view := profileView{Name: r.FormValue("name"), Bio: template.HTML(bio)} // expect: CWE-79
	profileTmpl.Execute(w, view)
}

func ProfileSanitized(w http.ResponseWriter, r *http.Request) {
	view := profileView{Name: r.FormValue("name"), Bio: template.HTML(ugc.Sanitize(r.FormValue("bio")))} // safe: CWE-79
	profileTmpl.Execute(w, view)
}

func Footer(w http.ResponseWriter, r *http.Request) {
	view := profileView{Name: "About us", Bio: template.HTML("<em>Made with care in Lisbon</em>")} // safe: CWE-79
	profileTmpl.Execute(w, view)
}

func PlainProfile(w http.ResponseWriter, r *http.Request) {
	tmpl := template.Must(template.New("plain").Parse(`<h1>{{.}}</h1>`))
	tmpl.Execute(w, r.FormValue("name")) // safe: CWE-79
}

func WithCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		w.Header().Set("Access-Control-Allow-Origin", origin) // expect: CWE-942
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func WithTrustedCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); trustedOrigins[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin) // safe: CWE-942
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Add("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}

func WithPublicCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*") // safe: CWE-942
		next.ServeHTTP(w, r)
	})
}

func SetSession(w http.ResponseWriter, sessionID string) {
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sessionID, Path: "/", Expires: time.Now().Add(24 * time.Hour)}) // expect: CWE-614
}

func SetSessionSecure(w http.ResponseWriter, sessionID string) {
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sessionID, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}) // safe: CWE-614, CWE-1004
}

func SetAuthToken(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: "auth_token", Value: token, Path: "/", Secure: true, HttpOnly: false}) // expect: CWE-1004
}

func SetTheme(w http.ResponseWriter, r *http.Request) {
	theme := "light"
	if r.FormValue("theme") == "dark" {
		theme = "dark"
	}
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: theme, Path: "/", MaxAge: 31536000}) // safe: CWE-614, CWE-1004
}
