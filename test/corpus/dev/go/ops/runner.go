// Package ops runs maintenance commands for the admin console: git operations on the content
// repository, image conversion, and backups. Handlers receive their values from query strings.
package ops

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alessio/shellescape"
)

const repoDir = "/srv/content"

var (
	refPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$`)
	formats    = map[string]string{"png": "png", "jpeg": "jpg", "webp": "webp"}
)

func git(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", repoDir}, args...)...) // safe: CWE-78
	return cmd.Output()
}

// LogHandler shows the history of one file.
func LogHandler(w http.ResponseWriter, r *http.Request) {
	file := r.URL.Query().Get("file")
	out, err := git(r.Context(), "log", "-n", "20", "--format=%h %s", "--", file)
	if err != nil {
		http.Error(w, "git failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

// CheckoutHandler switches the working copy to a branch.
func CheckoutHandler(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("ref")
	out, err := exec.Command("sh", "-c", "cd "+repoDir+" && git checkout "+ref).CombinedOutput() // expect: CWE-78
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

// CheckoutHandlerV2 validates the ref before it reaches the shell.
func CheckoutHandlerV2(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("ref")
	if !refPattern.MatchString(ref) {
		http.Error(w, "invalid ref", http.StatusBadRequest)
		return
	}
	out, err := exec.Command("sh", "-c", "cd "+repoDir+" && git checkout "+ref).CombinedOutput() // safe: CWE-78
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

// FetchHandler refreshes all remotes; the script is fixed.
func FetchHandler(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("sh", "-c", "cd "+repoDir+" && git fetch --all --prune").CombinedOutput() // safe: CWE-78
	w.Write(out)
}

// ConvertHandler converts an uploaded image to another format.
func ConvertHandler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	ext, ok := formats[r.URL.Query().Get("format")]
	if !ok {
		http.Error(w, "unknown format", http.StatusBadRequest)
		return
	}
	script := fmt.Sprintf("convert /uploads/%s /converted/%s.%s", shellescape.Quote(name), shellescape.Quote(name), ext)
	out, err := exec.Command("bash", "-c", script).CombinedOutput() // safe: CWE-78
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ThumbHandler resizes an upload.
func ThumbHandler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	size := r.URL.Query().Get("size")
	script := fmt.Sprintf("convert /uploads/%s -resize %s /thumbs/%s", name, size, name)
	if err := exec.Command("bash", "-c", script).Run(); err != nil { // expect: CWE-78
		http.Error(w, "convert failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// NiceHandler lowers the priority of the worker process.
func NiceHandler(w http.ResponseWriter, r *http.Request) {
	prio, err := strconv.Atoi(r.URL.Query().Get("priority"))
	if err != nil || prio < 0 || prio > 19 {
		http.Error(w, "bad priority", http.StatusBadRequest)
		return
	}
	cmd := fmt.Sprintf("renice -n %d -p $(pgrep -f app-worker)", prio)
	exec.Command("sh", "-c", cmd).Run() // safe: CWE-78
	w.WriteHeader(http.StatusNoContent)
}

// EchoHandler passes the message to the script as a positional parameter, not as code.
func EchoHandler(w http.ResponseWriter, r *http.Request) {
	msg := r.URL.Query().Get("msg")
	out, _ := exec.Command("sh", "-c", `printf '%s\n' "$1" | wc -c`, "sh", msg).Output() // safe: CWE-78
	w.Write(out)
}

// Backup dumps a database; called by the scheduler with names from its own config.
func Backup(ctx context.Context, database string) error {
	stamp := time.Now().UTC().Format("20060102T150405")
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	return exec.CommandContext(ctx, "pg_dump", "--format=custom", "--file", "/backups/"+database+"-"+stamp+".dump", database).Run() // safe: CWE-78
}

// Archive compresses a directory picked by the caller.
func Archive(dir string) error {
	return exec.Command("sh", "-c", "tar -czf /backups/archive.tgz "+strings.TrimSpace(dir)).Run() // expect: CWE-78
}
