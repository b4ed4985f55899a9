package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// overlaySite is a site with three pages on disk in content/big and an
// overlay of n files there (as the later rounds of --fix over a large
// folder have: every page of it fixed) and one in content/other.
func overlaySite(tb testing.TB, n int) *Site {
	tb.Helper()
	root := tb.TempDir()
	big := filepath.Join(root, "content", "big")
	if err := os.MkdirAll(big, 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, name := range []string{"p0.md", "p1.md", "disk.md"} {
		if err := os.WriteFile(filepath.Join(big, name), []byte("# P\n"), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	overlay := make(map[string][]byte, n)
	for i := range n {
		overlay[fmt.Sprintf("content/big/p%d.md", i)] = []byte("# P\n")
	}
	overlay["content/other/new.md"] = []byte("# N\n")
	s := NewSite(root, DefaultConfig(), nil)
	s.overlay = overlay
	return s
}

// TestFolderEntriesOverlay lists folders with an overlay: its files join
// the listing of their folder once each, sorted, and a folder only the
// overlay has is listed from it.
func TestFolderEntriesOverlay(t *testing.T) {
	const n = 2000
	s := overlaySite(t, n)
	got := s.folderEntries("content/big")
	if len(got) != n+1 {
		t.Errorf("content/big lists %d names, want %d (the overlay's, and disk.md)", len(got), n+1)
	}
	if !slices.IsSortedFunc(got, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) }) {
		t.Error("content/big is not listed sorted")
	}
	if other := s.folderEntries("content/other"); len(other) != 1 || other[0] != (dirEntry{"new.md", entryFile}) {
		t.Errorf("content/other lists %v, want the overlay's new.md", other)
	}
	if none := s.folderEntries("content/none"); len(none) != 0 {
		t.Errorf("content/none lists %v, want nothing", none)
	}
}

// BenchmarkFolderEntriesLargeOverlay lists 2,001 folders with an overlay
// of 40,000 files: the overlay is indexed by folder once, not scanned for
// each folder listed, and merged with a folder's listing in linear time
// (quadratic, it took seconds).
func BenchmarkFolderEntriesLargeOverlay(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := overlaySite(b, 40000)
		b.StartTimer()
		s.folderEntries("content/big")
		for i := range 2000 {
			s.folderEntries(fmt.Sprintf("content/d%d", i))
		}
	}
}
