package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoBinaryTracked: no file the repository tracks is a compiled
// program (ELF or Mach-O). A careerlint built in the working tree
// (go build -o cl) and committed by mistake ships in the module's zip, which
// every go install and the GitLab CI job download.
func TestNoBinaryTracked(t *testing.T) {
	top, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = top
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("the project is not a git working tree: %v", err)
	}
	magics := [][]byte{
		[]byte("\x7fELF"),
		{0xcf, 0xfa, 0xed, 0xfe}, {0xce, 0xfa, 0xed, 0xfe}, // Mach-O
		{0xca, 0xfe, 0xba, 0xbe}, // Mach-O universal
	}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		fh, err := os.Open(filepath.Join(top, filepath.FromSlash(f)))
		if err != nil {
			continue // deleted in the working tree
		}
		head := make([]byte, 4)
		n, _ := fh.Read(head)
		fh.Close()
		for _, m := range magics {
			if bytes.HasPrefix(head[:n], m) {
				t.Errorf("%s is a compiled program; remove it from the repository (git rm --cached %s)", f, f)
				break
			}
		}
	}
}
