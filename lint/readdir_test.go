package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReadDirUnsorted: the listing holds what os.ReadDir finds, with the
// same names and types (a symlink as a symlink, whatever it leads to), and
// a file or missing folder is an error.
func TestReadDirUnsorted(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"sub", ".hidden"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 300; i++ { // more than one read of entries
		name := strings.Repeat("x", 1+i%200) + ".md"
		if err := os.WriteFile(filepath.Join(dir, "sub", name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, d := range []string{dir, filepath.Join(dir, "sub")} {
		want, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readDirUnsorted(d)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(got, func(a, b dirent) int { return strings.Compare(a.name, b.name) })
		if len(got) != len(want) {
			t.Fatalf("%s: %d entries, want %d", d, len(got), len(want))
		}
		for i, w := range want {
			if got[i].Name() != w.Name() || got[i].Type() != w.Type() || got[i].IsDir() != w.IsDir() {
				t.Errorf("%s: entry %q type %v, want %q type %v", d, got[i].Name(), got[i].Type(), w.Name(), w.Type())
			}
		}
	}
	for _, bad := range []string{filepath.Join(dir, "page.md"), filepath.Join(dir, "missing")} {
		if _, err := readDirUnsorted(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
