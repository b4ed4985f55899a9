//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// deepFolder makes, under dir, a chain of folders whose path is longer
// than the system allows (which even root cannot list), with a page at its
// end, and returns the chain's first folder.
func deepFolder(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("d", 200)
	for range 22 {
		if err := syscall.Mkdirat(fd, name, 0o755); err != nil {
			syscall.Close(fd)
			t.Fatal(err)
		}
		next, err := syscall.Openat(fd, name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		syscall.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
	}
	f, err := syscall.Openat(fd, "page.md", syscall.O_CREAT|syscall.O_WRONLY, 0o644)
	syscall.Close(fd)
	if err != nil {
		t.Fatal(err)
	}
	syscall.Write(f, []byte(goodPage))
	syscall.Close(f)
	return filepath.Join(dir, name)
}

// TestUnreadableFolderNamed: a folder the walk cannot read is reported by
// file-format (its pages were not linted) in a run over a folder holding
// it as in a whole-site run, not lost when the command line turns the
// folder named into its files; named itself, it is the same finding.
func TestUnreadableFolderNamed(t *testing.T) {
	root := safetyTree(t, t.TempDir(), map[string]string{hostileDir + "good.md": goodPage})
	first := deepFolder(t, filepath.Join(root, filepath.FromSlash(hostileDir+"deep")))
	const unread = ": error file-format cannot read folder: file name too long; the pages in it were not linted\n"
	track := filepath.Join(root, filepath.FromSlash(hostileDir))
	for i, args := range [][]string{
		{"--root", root},
		{"--root", root, track},
		{"links", "--root", root, filepath.Join(root, "content", "handbook")},
		{"--root", root, first}, // named, it holds no page to lint but is reported
	} {
		code, stdout, stderr := runCLI(t, append(args, "--color", "never")...)
		if code != exitFindings || stderr != "" || !strings.Contains(stdout, unread) || strings.Count(stdout, unread) != 1 {
			t.Errorf("careerlint %s: exit %d, stderr %q, stdout:\n%s\nwant one finding %q", strings.Join(args[2:], " "), code, stderr, stdout, unread)
		}
		if i < 2 && !strings.Contains(stdout, goodFinding) { // links checks no list marker
			t.Errorf("careerlint %s: the good page's finding is missing:\n%s", strings.Join(args[2:], " "), stdout)
		}
	}
}
