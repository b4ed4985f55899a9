package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFolderEntriesLargeOverlay lists folders with an overlay of many
// files, as the later rounds of --fix over a large folder have (every
// page of it fixed): the overlay is indexed by folder once, not scanned
// for each folder listed, and merged with a folder's listing in linear
// time (it took seconds, quadratic in the files of one folder).
func TestFolderEntriesLargeOverlay(t *testing.T) {
	if testing.Short() {
		t.Skip("large overlay")
	}
	root := t.TempDir()
	big := filepath.Join(root, "content", "big")
	if err := os.MkdirAll(big, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"p0.md", "p1.md", "disk.md"} {
		if err := os.WriteFile(filepath.Join(big, name), []byte("# P\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const n = 40000
	overlay := make(map[string][]byte, n)
	for i := range n {
		overlay[fmt.Sprintf("content/big/p%d.md", i)] = []byte("# P\n")
	}
	overlay["content/other/new.md"] = []byte("# N\n")
	s := NewSite(root, DefaultConfig(), nil)
	s.overlay = overlay
	start := time.Now()
	got := s.folderEntries("content/big")
	for i := range 2000 {
		s.folderEntries(fmt.Sprintf("content/d%d", i))
	}
	elapsed := time.Since(start)
	if len(got) != n+1 {
		t.Errorf("content/big lists %d names, want %d (the overlay's, and disk.md)", len(got), n+1)
	}
	if !slices.IsSortedFunc(got, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) }) {
		t.Error("content/big is not listed sorted")
	}
	if other := s.folderEntries("content/other"); len(other) != 1 || other[0] != (dirEntry{"new.md", entryFile}) {
		t.Errorf("content/other lists %v, want the overlay's new.md", other)
	}
	if elapsed > 2*time.Second {
		t.Errorf("listing 2,001 folders with an overlay of %d files took %v, want well under 2s", n, elapsed)
	}
}
