package main

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"flag"
	"log"
	mrand "math/rand"
	"net/http"
	"os"
	"time"
)

const partnerAPIKey = "pk_3c9F7aQ2vL8mX4tR6wZ1yB5nK0dH7sJe" // expect: CWE-798

func internalClient() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}} // safe: CWE-295
	return &http.Client{Transport: tr, Timeout: 15 * time.Second}
}

func partnerClient() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} // expect: CWE-295
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

func newSessionID() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(mrand.Intn(256)) // expect: CWE-338
	}
	return hex.EncodeToString(b)
}

func newRequestNonce() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil { // safe: CWE-338
		log.Fatalf("crypto/rand: %v", err)
	}
	return hex.EncodeToString(b)
}

func backoff(attempt int) time.Duration {
	return time.Duration(1<<attempt)*time.Second + time.Duration(mrand.Int63n(int64(time.Second))) // safe: CWE-338
}

func localPasswordDigest(password string) string {
	sum := md5.Sum([]byte(password)) // expect: CWE-327
	return hex.EncodeToString(sum[:])
}

func dedupeKey(path string) string {
	sum := md5.Sum([]byte(path)) // safe: CWE-327
	return hex.EncodeToString(sum[:8])
}

func payloadChecksum(data []byte) string {
	sum := sha256.Sum256(data) // safe: CWE-327
	return hex.EncodeToString(sum[:])
}

func push(client *http.Client, url, token string, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("X-Checksum", payloadChecksum(body))
		req.Header.Set("X-Session", newSessionID())
		req.Header.Set("X-Nonce", newRequestNonce())
		resp, err := client.Do(req)
		if err == nil && resp.StatusCode < 300 {
			resp.Body.Close()
			return nil
		}
		time.Sleep(backoff(attempt))
	}
	return os.ErrDeadlineExceeded
}

func main() {
	file := flag.String("file", "export.json", "export file to sync")
	flag.Parse()
	data, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	internalToken := os.Getenv("SYNC_AGENT_TOKEN") // safe: CWE-798
	body, _ := json.Marshal(map[string]any{"key": dedupeKey(*file), "owner": localPasswordDigest(os.Getenv("SYNC_OWNER_PASSWORD")), "data": json.RawMessage(data)})
	if err := push(internalClient(), "https://sync.internal.acme.io/v1/ingest", internalToken, body); err != nil {
		log.Fatalf("internal sync failed: %v", err)
	}
	if err := push(partnerClient(), "https://api.partner-ledger.com/v2/import", partnerAPIKey, body); err != nil {
		log.Fatalf("partner sync failed: %v", err)
	}
}
