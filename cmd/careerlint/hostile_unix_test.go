//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHostileNamedPipe lints a named pipe named like a page beside a good
// page: it is one finding, and the run never blocks reading it.
func TestHostileNamedPipe(t *testing.T) {
	t.Parallel()
	root := safetyTree(t, t.TempDir(), map[string]string{hostileDir + "good.md": goodPage})
	if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(hostileDir+"pipe.md")), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	done := make(chan struct{})
	var code int
	var stdout, stderr string
	go func() {
		defer close(done)
		code, stdout, stderr = runCLI(t, "--root", root, "--color", "never")
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("careerlint blocked on the named pipe")
	}
	want := goodFinding + "    5 | * bullet\n      | ^\n" + hostileDir + "pipe.md:1:1: error file-format not a regular file but a named pipe (FIFO), so it was not read; replace it with the Markdown file\n2 files, 1 error, 1 warning, 0 infos\n1 fixable with --fix\n"
	if code != exitFindings || stdout != want || stderr != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
}

// TestHostileGitignore lints a site whose .gitignore is no plain file of
// the site: a named pipe, a symlink to /dev/zero (a link git stores as
// readily as a page) and a symlink to a file outside the root that would
// leave the good page out. Each is passed over, as git passes over a
// symlinked .gitignore: the run neither blocks, nor reads without end,
// nor reads outside the root, and the good page is linted. (A real
// process, killed at the time limit: a read of /dev/zero in this one
// would not stop.)
func TestHostileGitignore(t *testing.T) {
	t.Parallel()
	bin := selfCommand(t)
	outside := filepath.Join(t.TempDir(), "gitignore")
	if err := os.WriteFile(outside, []byte("good.md\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, make := range map[string]func(p string) error{
		"fifo":         func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"endless":      func(p string) error { return os.Symlink("/dev/zero", p) },
		"outside root": func(p string) error { return os.Symlink(outside, p) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := safetyTree(t, t.TempDir(), map[string]string{hostileDir + "good.md": goodPage})
			if err := make(filepath.Join(root, ".gitignore")); err != nil {
				t.Skip(err)
			}
			cmd := exec.Command(bin, "--root", root, "--color", "never")
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			timer := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
			defer timer.Stop()
			cmd.Wait()
			want := goodFinding + "    5 | * bullet\n      | ^\n1 file, 0 errors, 1 warning, 0 infos\n1 fixable with --fix\n"
			if code := cmd.ProcessState.ExitCode(); code != exitFindings || stdout.String() != want || stderr.String() != "" {
				t.Errorf("exit %d (-1: killed after 20 s), stderr %q, stdout:\n%s\nwant:\n%s", code, stderr.String(), stdout.String(), want)
			}
		})
	}
}
