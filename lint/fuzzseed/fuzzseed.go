// Package fuzzseed reads the hand-written seed corpora of careerlint's fuzz
// targets, kept in testdata/fuzz/NAME/ at the module root. It depends on
// the standard library only, so that the fuzz tests of every package
// (lint/shortcode and lint/anchor included) can use it without an import
// cycle.
package fuzzseed

import (
	"os"
	"path/filepath"
	"testing"
)

// Seeds returns the files of testdata/fuzz/name/ at the module root: the
// seed corpus of the fuzz target name. A target without seeds fails the
// test, so that a renamed folder is noticed.
func Seeds(tb testing.TB, name string) [][]byte {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
	dir = filepath.Join(dir, "testdata", "fuzz", name)
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		tb.Fatalf("no seed corpus in %s: %v", dir, err)
	}
	var out [][]byte
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}
