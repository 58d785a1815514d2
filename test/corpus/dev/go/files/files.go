// Package files serves export downloads and runs archive jobs for the admin console.
package files

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const exportDir = "/srv/exports"

type Server struct {
	Root *os.Root
}

func Download(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open(filepath.Join(exportDir, r.URL.Query().Get("file"))) // expect: CWE-22
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func DownloadBase(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	f, err := os.Open(filepath.Join(exportDir, name)) // safe: CWE-22
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func Serve(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	target := exportDir + "/" + name
	http.ServeFile(w, r, target) // expect: CWE-22
}

func ServeChecked(w http.ResponseWriter, r *http.Request) {
	target := filepath.Join(exportDir, filepath.Clean("/"+r.URL.Query().Get("name")))
	if !strings.HasPrefix(target, exportDir+string(os.PathSeparator)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	http.ServeFile(w, r, target) // safe: CWE-22
}

func (s *Server) ServeRooted(w http.ResponseWriter, r *http.Request) {
	f, err := s.Root.Open(r.URL.Query().Get("name")) // safe: CWE-22
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func ReadReport(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(exportDir, "reports", name)) // expect: CWE-22
}

func Archive(w http.ResponseWriter, r *http.Request) {
	project := r.FormValue("project")
	cmd := exec.Command("sh", "-c", "tar -czf /tmp/"+project+".tgz -C "+exportDir+" "+project) // expect: CWE-78
	if out, err := cmd.CombinedOutput(); err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, "ok")
}

func ArchiveSafe(w http.ResponseWriter, r *http.Request) {
	project := filepath.Base(r.FormValue("project"))
	cmd := exec.Command("tar", "-czf", filepath.Join(os.TempDir(), project+".tgz"), "-C", exportDir, "--", project) // safe: CWE-78
	if err := cmd.Run(); err != nil {
		http.Error(w, "archive failed", http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, "ok")
}

func GitLog(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("ref")
	script := fmt.Sprintf("git -C /srv/repo log --oneline -n 20 %s", ref)
	out, _ := exec.Command("bash", "-c", script).Output() // expect: CWE-78
	w.Write(out)
}

func GitLogSafe(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("ref")
	if strings.HasPrefix(ref, "-") {
		http.Error(w, "bad ref", http.StatusBadRequest)
		return
	}
	args := []string{"-C", "/srv/repo", "log", "--oneline", "-n", "20", ref, "--"}
	out, _ := exec.Command("git", args...).Output() // safe: CWE-78
	w.Write(out)
}

func DiskUsage(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("sh", "-c", "df -h /srv | tail -1").Output() // safe: CWE-78
	w.Write(out)
}
