// Package integrations exposes the link-check and webhook-test endpoints (gin).
package integrations

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

var allowedHosts = map[string]bool{"api.github.com": true, "hooks.slack.com": true, "api.pagerduty.com": true}

var insecureClient = &http.Client{
	Timeout: 10 * time.Second,
	Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // expect: CWE-295
	},
}

func internalClient() (*http.Client, error) {
	pem, err := os.ReadFile("/etc/ssl/internal-ca.pem")
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}, nil // safe: CWE-295
}

func RegisterRoutes(r *gin.Engine) {
	r.GET("/links/check", checkLink)
	r.GET("/links/check/v2", checkLinkAllowed)
	r.POST("/webhooks/test", testWebhook)
	r.GET("/status/:service", serviceStatus)
	r.GET("/legacy/inventory", legacyInventory)
}

func checkLink(c *gin.Context) {
	resp, err := http.Get(c.Query("url")) // expect: CWE-918
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"ok": false})
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"ok": resp.StatusCode < 400, "status": resp.StatusCode})
}

func checkLinkAllowed(c *gin.Context) {
	u, err := url.Parse(c.Query("url"))
	if err != nil || u.Scheme != "https" || !allowedHosts[u.Hostname()] {
		c.JSON(http.StatusBadRequest, gin.H{"error": "host not allowed"})
		return
	}
	resp, err := http.Get(u.String()) // safe: CWE-918
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"ok": false})
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"ok": resp.StatusCode < 400})
}

type webhookTest struct {
	Host string `json:"host"`
	Path string `json:"path"`
}

func testWebhook(c *gin.Context) {
	var body webhookTest
	if err := c.BindJSON(&body); err != nil {
		return
	}
	endpoint := fmt.Sprintf("https://%s/%s", body.Host, body.Path)
	req, _ := http.NewRequest(http.MethodPost, endpoint, nil) // expect: CWE-918
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"ok": false})
		return
	}
	resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"status": resp.StatusCode})
}

func serviceStatus(c *gin.Context) {
	resp, err := http.Get("https://status.example.com/api/v2/components/" + url.PathEscape(c.Param("service"))) // safe: CWE-918
	if err != nil {
		c.Status(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	c.DataFromReader(http.StatusOK, resp.ContentLength, "application/json", resp.Body, nil)
}

func legacyInventory(c *gin.Context) {
	resp, err := insecureClient.Get("https://inventory.legacy.example.internal/api/stock") // safe: CWE-918
	if err != nil {
		c.Status(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	c.Data(http.StatusOK, "application/json", data)
}

// FetchManifest downloads a plugin manifest from the URL the plugin registry returned.
func FetchManifest(manifestURL string) ([]byte, error) {
	resp, err := http.Get(manifestURL) // expect: CWE-918
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
