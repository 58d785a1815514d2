package auth

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/golang-jwt/jwt/v5"
)

var signingKey = []byte("hs256-Zt7Qp3Lm9Wx2Kv6Rn4Bc8Yf1Gh5Sd0") // expect: CWE-798

type Claims struct {
	UserID string `json:"uid"`
	jwt.RegisteredClaims
}

type ctxKey struct{}

var trustedOrigins = map[string]bool{"https://app.acme.io": true, "https://admin.acme.io": true}

func IssueToken(uid string) (string, error) {
	claims := Claims{UserID: uid, RegisteredClaims: jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
}

func ParseToken(raw string) (*Claims, error) {
	c := &Claims{}
	_, err := jwt.ParseWithClaims(raw, c, func(t *jwt.Token) (interface{}, error) { return signingKey, nil }, jwt.WithValidMethods([]string{"HS256"})) // safe: CWE-347
	return c, err
}

// PeekUser reads the uid from a token issued by the mobile gateway.
func PeekUser(raw string) (string, error) {
	tok, _, err := jwt.NewParser().ParseUnverified(raw, &Claims{}) // expect: CWE-347
	if err != nil {
		return "", err
	}
	return tok.Claims.(*Claims).UserID, nil
}

func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		uid, err := PeekUser(raw)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, uid)))
	})
}

func SetSession(w http.ResponseWriter, token, refresh string) {
	http.SetCookie(w, &http.Cookie{
		Name:     "session",
		Value:    token,
		Path:     "/",
		HttpOnly: false, // expect: CWE-1004
		Secure:   true, // safe: CWE-614
		SameSite: http.SameSiteLaxMode,
	})
	http.SetCookie(w, &http.Cookie{Name: "refresh_session", Value: refresh, Path: "/auth", HttpOnly: true}) // expect: CWE-614
	http.SetCookie(w, &http.Cookie{Name: "ui_theme", Value: "dark", Path: "/", MaxAge: 31536000}) // safe: CWE-614
}

func OpenCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); origin != "" {
			w.Header().Set("Access-Control-Allow-Origin", origin) // expect: CWE-942
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		next.ServeHTTP(w, r)
	})
}

func StrictCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); trustedOrigins[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin) // safe: CWE-942
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Add("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}

func Welcome(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<h1>Welcome back, %s</h1>", chi.URLParam(r, "name")) // expect: CWE-79
}

func Goodbye(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<h1>See you soon, %s</h1>", html.EscapeString(chi.URLParam(r, "name"))) // safe: CWE-79
}
