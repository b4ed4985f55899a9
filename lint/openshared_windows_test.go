//go:build windows

package lint

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenSharedLetsOthersDelete checks that a page careerlint has open can
// be deleted meanwhile (Windows refuses it for a file that os.Open
// opened), and that the open file still reads its text.
func TestOpenSharedLetsOthersDelete(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"a.md": "old\n"})
	a := filepath.Join(root, "a.md")
	f, err := openShared(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.Remove(a); err != nil {
		t.Errorf("deleting a file careerlint has open: %v", err)
	}
	if got, err := io.ReadAll(f); err != nil || string(got) != "old\n" {
		t.Errorf("the open file reads %q, %v; want its text", got, err)
	}
	if got, err := ReadFileShared(filepath.Join(root, "missing.md")); !os.IsNotExist(err) {
		t.Errorf("ReadFileShared(missing.md) = %q, %v; want not found", got, err)
	}
}
