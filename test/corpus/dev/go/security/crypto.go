// Package security holds password hashing, token generation and field encryption helpers.
package security

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	mrand "math/rand"
	"os"
	"time"

	"golang.org/x/crypto/bcrypt"
)

const tokenAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

var fieldKey = mustKey(os.Getenv("FIELD_KEY")) // safe: CWE-798, CWE-321

func mustKey(b64 string) []byte {
	k, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(k) != 32 {
		panic("FIELD_KEY must be 32 base64-encoded bytes")
	}
	return k
}

func HashPassword(password string) string {
	sum := md5.Sum([]byte(password)) // expect: CWE-327
	return hex.EncodeToString(sum[:])
}

func HashPasswordSalted(password, salt string) string {
	h := sha1.New() // expect: CWE-327
	h.Write([]byte(salt + password))
	return hex.EncodeToString(h.Sum(nil))
}

func HashPasswordBcrypt(password string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(password), 12) // safe: CWE-327
}

func FileChecksum(r io.Reader) (string, error) {
	h := sha256.New() // safe: CWE-327
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func ETag(body []byte) string {
	sum := md5.Sum(body) // safe: CWE-327
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func ResetToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = tokenAlphabet[mrand.Intn(len(tokenAlphabet))] // expect: CWE-338
	}
	return string(b)
}

func SessionID() string {
	return fmt.Sprintf("%016x%016x", mrand.Uint64(), mrand.Uint64()) // expect: CWE-338
}

func SecureToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil { // safe: CWE-338
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func RetryJitter(attempt int) time.Duration {
	return time.Duration(1<<attempt)*100*time.Millisecond + time.Duration(mrand.Intn(100))*time.Millisecond // safe: CWE-338
}

func EncryptLegacy(plaintext []byte) ([]byte, error) {
	block, err := des.NewCipher(fieldKey[:8]) // expect: CWE-327
	if err != nil {
		return nil, err
	}
	iv := make([]byte, des.BlockSize)
	if _, err := rand.Read(iv); err != nil {
		return nil, err
	}
	out := make([]byte, len(plaintext))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, plaintext)
	return append(iv, out...), nil
}

func EncryptStaticIV(plaintext []byte) ([]byte, error) {
	block, err := aes.NewCipher(fieldKey) // safe: CWE-327
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(plaintext))
	cipher.NewCBCEncrypter(block, []byte("0123456789abcdef")).CryptBlocks(out, plaintext) // expect: CWE-327
	return out, nil
}

func EncryptWithBuiltinKey(plaintext []byte) ([]byte, error) {
	block, err := aes.NewCipher([]byte("Lk93vQx7Rt2mWp8Z")) // expect: CWE-321
	if err != nil {
		return nil, err
	}
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, gcm.NonceSize())
	rand.Read(nonce)
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}

func Encrypt(plaintext []byte) ([]byte, error) {
	block, err := aes.NewCipher(fieldKey)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block) // safe: CWE-327
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}
