//go:build windows

package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriteFileAtomicWaitsForReader checks that a fix replaces a file that
// another program has open for a moment (Windows refuses the rename
// meanwhile): the write is tried again until the file is closed.
func TestWriteFileAtomicWaitsForReader(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"p.md": "old\n"})
	f, err := os.Open(filepath.Join(root, "p.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tries := 0
	replaceWait = func(time.Duration) {
		tries++
		if tries == 3 {
			f.Close()
		}
	}
	t.Cleanup(func() { replaceWait = time.Sleep })
	if err := WriteFileAtomic(root, "p.md", []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if tries != 3 {
		t.Errorf("replaced after %d waits, want 3 (the file was closed at the third)", tries)
	}
	if got := mustRead(t, filepath.Join(root, "p.md")); got != "new\n" {
		t.Errorf("file = %q, want the fix", got)
	}
	if names := dirNames(t, root); len(names) != 1 {
		t.Errorf("files left: %v, want only p.md", names)
	}
}

// TestWriteFileAtomicHeldOpen checks that a file another program keeps
// open is left as it was, with an error that says why, and no temporary
// file left behind.
func TestWriteFileAtomicHeldOpen(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"p.md": "old\n"})
	f, err := os.Open(filepath.Join(root, "p.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var waited time.Duration
	replaceWait = func(d time.Duration) { waited += d }
	t.Cleanup(func() { replaceWait = time.Sleep })
	err = WriteFileAtomic(root, "p.md", []byte("old\n"), []byte("new\n"))
	if err == nil || !strings.Contains(err.Error(), "open in another program") {
		t.Fatalf("err = %v, want one saying the file may be open elsewhere", err)
	}
	if waited < 2*time.Second {
		t.Errorf("gave up after waiting %v, want about 2s", waited)
	}
	f.Close()
	if got := mustRead(t, filepath.Join(root, "p.md")); got != "old\n" {
		t.Errorf("file = %q, want it untouched", got)
	}
	if names := dirNames(t, root); len(names) != 1 {
		t.Errorf("files left: %v, want only p.md", names)
	}
}
