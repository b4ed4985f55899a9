package lint

import (
	"context"
	"fmt"
	"maps"
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

// TestFolderEntriesFromWalk: a folder the walk of the content folder read
// is listed from that walk, as reading it again would list it: files,
// folders and symlinks, less the run's absent files, with its overlay's;
// a folder the walk did not enter (one starting with ".") is read.
func TestFolderEntriesFromWalk(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/a/x.md":         "# X\n",
		"content/a/gone.md":      "# G\n",
		"content/a/image.png":    "png",
		"content/a/sub/y.md":     "# Y\n",
		"content/.hidden/z.md":   "# Z\n",
		"content/node_modules/n": "n",
	})
	if err := os.Symlink("x.md", filepath.Join(root, "content/a/link.md")); err != nil {
		t.Skip(err)
	}
	cfg := DefaultConfig()
	_, _, lists, _, err := discoverWalkFolders(root, cfg, nil, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := lists["content/a"]; !ok {
		t.Fatalf("the walk kept no listing of content/a: %v", slices.Sorted(maps.Keys(lists)))
	}
	if _, ok := lists["content/.hidden"]; ok {
		t.Error("the walk entered content/.hidden")
	}
	newSite := func(walked bool) *Site {
		s := NewSite(root, cfg, nil)
		s.absent = map[string]bool{"content/a/gone.md": true}
		s.overlay = map[string][]byte{"content/a/new.md": []byte("# N\n")}
		if walked {
			s.walkedLists = lists
		}
		return s
	}
	for _, dir := range []string{"content", "content/a", "content/a/sub", "content/.hidden", "content/node_modules"} {
		want := newSite(false).folderEntries(dir)
		if got := newSite(true).folderEntries(dir); !slices.Equal(got, want) {
			t.Errorf("%s: listed from the walk %v, from the disk %v", dir, got, want)
		}
	}
	got := newSite(true).folderEntries("content/a")
	names := make([]string, len(got))
	for i, e := range got {
		names[i] = e.name
	}
	if want := []string{"image.png", "link.md", "new.md", "sub", "x.md"}; !slices.Equal(names, want) {
		t.Errorf("content/a lists %v, want %v", names, want)
	}
	// A run over the content folder hands its walk's listings to the site.
	res, err := Run(context.Background(), RunOptions{Root: root, Config: cfg, AllMarkdown: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Site.walkedLists["content/a/sub"]; !ok {
		t.Error("the run's site holds no listing of content/a/sub from its walk")
	}
}
