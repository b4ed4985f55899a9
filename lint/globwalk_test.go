package lint

import (
	"path"
	"strings"
	"testing"
)

// selectorKeeps decides a file path the way the walk does: from the
// root's states, entering each folder (stopping where no glob reaches
// below), then matching the file's name.
func selectorKeeps(s pageSelector, p string) bool {
	segs := strings.Split(p, "/")
	st := s.start(".")
	for _, seg := range segs[:len(segs)-1] {
		if !s.reaches(st) {
			return false
		}
		st = s.enter(st, seg)
	}
	return s.reaches(st) && s.keeps(st, segs[len(segs)-1])
}

// TestPageSelectorAgreesWithMatchGlob compares the walk's folder-by-folder
// matching with MatchGlob on every glob of up to three segments, and on a
// seventh of them paired with another, against every path of up to four
// segments drawn from small alphabets.
func TestPageSelectorAgreesWithMatchGlob(t *testing.T) {
	globs := slashPaths([]string{"a", "b", "**", "*", "[ab]", "a*", "", "[/"}, 3)
	paths := slashPaths([]string{"a", "b", "ab", ""}, 4)
	sets := [][]string{nil}
	for i, g := range globs {
		sets = append(sets, []string{g})
		if i%7 == 0 {
			sets = append(sets, []string{g, globs[(i*31+5)%len(globs)]})
		}
	}
	for _, set := range sets {
		s := pageSelector{globs: set}
		for _, p := range paths {
			if got, want := selectorKeeps(s, p), matchPages(set, p); got != want {
				t.Fatalf("globs %q, path %q: the walk's matching says %v, MatchGlob %v", set, p, got, want)
			}
		}
	}
}

// TestPageSelectorStart: starting a walk at a folder stands where entering
// its segments one by one does.
func TestPageSelectorStart(t *testing.T) {
	s := pageSelector{globs: DefaultConfig().Pages}
	st := s.start(".")
	for _, seg := range []string{"content", "handbook", "engineering", "careers", "matrix"} {
		st = s.enter(st, seg)
	}
	from := s.start("content/handbook/engineering/careers/matrix")
	if !s.keeps(from, "senior.md") || !s.keeps(st, "senior.md") {
		t.Error("a level page under careers/matrix is not kept")
	}
	if s.keeps(s.start("content/handbook/engineering"), "senior.md") {
		t.Error("a page outside careers/matrix is kept")
	}
	if s.reaches(s.start("content/company")) {
		t.Error("the globs reach below content/company")
	}
	if !s.reaches(s.start("content/handbook/x")) {
		t.Error("the globs do not reach below content/handbook/x")
	}
}

// TestPageSelectorKeepsAllocs: the walk asks keeps for every Markdown file
// of the content folder; it must not allocate.
func TestPageSelectorKeepsAllocs(t *testing.T) {
	s := pageSelector{globs: DefaultConfig().Pages}
	st := s.start("content/handbook/engineering/careers/matrix/web")
	allocs := testing.AllocsPerRun(100, func() {
		s.keeps(st, "senior.md")
		s.keeps(st, "notes.txt")
	})
	if allocs != 0 {
		t.Errorf("keeps allocated %v times per call pair, want 0", allocs)
	}
}

// TestChildPath: the walk's joining agrees with path.Join for the clean
// folders and single names it is given.
func TestChildPath(t *testing.T) {
	for _, dir := range []string{".", "content", "content/handbook", "a/b c/d"} {
		for _, name := range []string{"x.md", "_index.md", ".hidden", "a b", `back\slash`, "..x"} {
			if got, want := childPath(dir, name), path.Join(dir, name); got != want {
				t.Errorf("childPath(%q, %q) = %q, path.Join says %q", dir, name, got, want)
			}
		}
	}
}

// TestPagesMatchUpperMarkdown: a pages glob ending in ".md" matches a
// Markdown file whose extension is written in capitals (STAFF.MD, which
// Hugo publishes as it does staff.md), in the walk and in matchPages
// alike; other globs match it as written.
func TestPagesMatchUpperMarkdown(t *testing.T) {
	for _, c := range []struct {
		glob, path string
		want       bool
	}{
		{"**/*.md", "a/STAFF.MD", true},
		{"**/*.md", "a/x.Md", true},
		{"a/staff.md", "a/staff.MD", true},
		{"a/staff.md", "a/STAFF.MD", false}, // the name's case still counts
		{"**/*.MD", "a/x.MD", true},
		{"**/*.MD", "a/x.md", false},
		{"**/*.md", "a/x.MDX", false},
		{"**", "a/x.MD", true},
	} {
		s := pageSelector{globs: []string{c.glob}}
		if got := matchPages([]string{c.glob}, c.path); got != c.want {
			t.Errorf("matchPages(%q, %q) = %v, want %v", c.glob, c.path, got, c.want)
		}
		if got := selectorKeeps(s, c.path); got != c.want {
			t.Errorf("the walk keeps %q for %q: %v, want %v", c.path, c.glob, got, c.want)
		}
	}
}
