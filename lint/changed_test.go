package lint

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGitBlobs: contents in order, nil for a missing object (a name with
// spaces included), an unaskable name (a line break) and a tree.
func TestGitBlobs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main", ".")
	write("a b.md", "first\n")
	write("d/c.md", "")
	write("e.md", "third, with a line\nbreak\n")
	run("add", "-A")
	run("commit", "-q", "-m", "x")
	got := gitBlobs(context.Background(), dir, []string{"HEAD:a b.md", "HEAD:no such missing", "HEAD:d/c.md", "HEAD:x\ny", "HEAD:d", "HEAD:e.md"})
	want := []string{"first\n", "<nil>", "", "<nil>", "<nil>", "third, with a line\nbreak\n"}
	for i, w := range want {
		g := "<nil>"
		if got[i] != nil {
			g = string(got[i])
		}
		if g != w {
			t.Errorf("blob %d = %q, want %q", i, g, w)
		}
	}
}
