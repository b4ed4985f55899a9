//go:build unix

package lint

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestChangedPagesInterruptedRemovesIndexCopy: Ctrl-C while git diff
// reads the copy of the index stops git and returns an error, and the
// copy is not left in the temporary folder.
func TestChangedPagesInterruptedRemovesIndexCopy(t *testing.T) {
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := gitIn(t, dir)
	page := filepath.Join(dir, "content", "handbook", "x", "senior.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("---\ntitle: t\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("init", "-q", "-b", "main", ".")
	run("add", "-A")
	run("commit", "-q", "-m", "x")

	// A git whose diff says it started, then waits.
	bin, tmp := t.TempDir(), t.TempDir()
	started := filepath.Join(bin, "started")
	script := "#!/bin/sh\nfor a in \"$@\"; do if [ \"$a\" = diff ]; then : > " + started + "; exec sleep 30; fi; done\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("TMPDIR", tmp)

	done := make(chan error, 1)
	go func() {
		_, err := ChangedPages(context.Background(), ChangedOptions{Root: dir, Config: DefaultConfig(), Since: "HEAD"})
		done <- err
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(started); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("git diff never started")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "interrupted") {
			t.Errorf("error %v, want one saying the run was interrupted", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("ChangedPages did not return after the interrupt")
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "careerlint-index-*"))
	if len(left) > 0 {
		t.Errorf("left in the temporary folder: %q", left)
	}
}
