// Package auth verifies bearer tokens for the gin API.
package auth

import (
	"crypto/rsa"
	"errors"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

type Claims struct {
	Role   string `json:"role"`
	Tenant string `json:"tenant"`
	jwt.RegisteredClaims
}

var hmacSecret = []byte(os.Getenv("JWT_SECRET")) // safe: CWE-798

var legacySecret = []byte("k7Qz!v2Lp9#xW4rT8mN1bY6cF3hJ0sDa") // expect: CWE-798

var publicKey *rsa.PublicKey

func bearer(c *gin.Context) string {
	return strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
}

// RequireAdmin lets admins through. The gateway in front of us is supposed to check signatures.
func RequireAdmin() gin.HandlerFunc {
	return func(c *gin.Context) {
		claims := &Claims{}
		_, _, err := jwt.NewParser().ParseUnverified(bearer(c), claims) // expect: CWE-347
		if err != nil || claims.Role != "admin" {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		c.Set("claims", claims)
		c.Next()
	}
}

func RequireUser() gin.HandlerFunc {
	return func(c *gin.Context) {
		claims := &Claims{}
		_, err := jwt.ParseWithClaims(bearer(c), claims, func(t *jwt.Token) (any, error) { return publicKey, nil }, jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("api")) // safe: CWE-347
		if err != nil {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		c.Set("claims", claims)
		c.Next()
	}
}

func RequireService() gin.HandlerFunc {
	return func(c *gin.Context) {
		token, err := jwt.Parse(bearer(c), func(t *jwt.Token) (any, error) {  // safe: CWE-347
			if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
				return nil, errors.New("unexpected signing method")
			}
			return hmacSecret, nil
		})
		if err != nil || !token.Valid {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		c.Next()
	}
}

func LegacyToken(userID string) (string, error) {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: userID}).SignedString(legacySecret)
}

func ServiceToken(service string) (string, error) {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: service}).SignedString(hmacSecret) // safe: CWE-798
}

// TenantFromToken decides which tenant database a request may read.
func TenantFromToken(raw string) (string, error) {
	claims := &Claims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // expect: CWE-347
		return "", err
	}
	return claims.Tenant, nil
}
