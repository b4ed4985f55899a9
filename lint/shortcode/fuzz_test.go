package shortcode

import (
	"os"
	"path/filepath"
	"testing"
)

// fuzzSeeds returns the files of testdata/fuzz/NAME/ at the module root:
// the hand-written seed corpus of the fuzz target NAME. A target without
// seeds fails, so that a renamed folder is noticed.
func fuzzSeeds(f *testing.F, name string) [][]byte {
	f.Helper()
	dir, err := os.Getwd()
	if err != nil {
		f.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			f.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
	dir = filepath.Join(dir, "testdata", "fuzz", name)
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		f.Fatalf("no seed corpus in %s: %v", dir, err)
	}
	var out [][]byte
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}
