package storage

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

var ErrOutsideRoot = errors.New("storage: path escapes root")

var sortColumns = map[string]string{"name": "name", "size": "size_bytes", "created": "created_at"}

type BlobStore struct {
	Root string
	DB   *sql.DB
}

func (s *BlobStore) resolve(rel string) (string, error) {
	full := filepath.Join(s.Root, filepath.Clean("/"+rel))
	r, err := filepath.Rel(s.Root, full)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", ErrOutsideRoot
	}
	return full, nil
}

func (s *BlobStore) Read(rel string) ([]byte, error) {
	full, err := s.resolve(rel)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(full) // safe: CWE-22
}

func (s *BlobStore) Put(ctx context.Context, owner int64, name string, data []byte) (string, error) {
	idBytes := make([]byte, 16)
	if _, err := rand.Read(idBytes); err != nil { // safe: CWE-338
		return "", err
	}
	id := hex.EncodeToString(idBytes)
	sum := sha256.Sum256(data) // safe: CWE-327
	if err := os.WriteFile(filepath.Join(s.Root, id), data, 0o600); err != nil { // safe: CWE-22
		return "", err
	}
	_, err := s.DB.ExecContext(ctx, "INSERT INTO blobs (id, owner_id, name, sha256, size_bytes) VALUES ($1, $2, $3, $4, $5)", id, owner, filepath.Base(name), hex.EncodeToString(sum[:]), len(data)) // safe: CWE-89
	return id, err
}

func (s *BlobStore) List(ctx context.Context, owner int64, sortBy string) (*sql.Rows, error) {
	col, ok := sortColumns[sortBy]
	if !ok {
		col = "created_at"
	}
	return s.DB.QueryContext(ctx, fmt.Sprintf("SELECT id, name, size_bytes FROM blobs WHERE owner_id = $1 ORDER BY %s DESC", col), owner) // safe: CWE-89
}

func (s *BlobStore) Sniff(ctx context.Context, rel string) (string, error) {
	full, err := s.resolve(rel)
	if err != nil {
		return "", err
	}
	out, err := exec.CommandContext(ctx, "file", "--brief", "--mime-type", "--", full).Output() // safe: CWE-78
	return strings.TrimSpace(string(out)), err
}

func sealWithEnvKey(plaintext []byte) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(os.Getenv("BLOB_SEAL_KEY")) // safe: CWE-321
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block) // safe: CWE-327
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}
