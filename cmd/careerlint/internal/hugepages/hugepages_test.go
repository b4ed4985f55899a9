package hugepages

import (
	"go/build"
	"slices"
	"strings"
	"testing"
)

func TestWanted(t *testing.T) {
	for _, c := range []struct {
		mode, godebug string
		want          bool
	}{
		{"always [madvise] never\n", "", true},
		{"always [madvise] never\n", "disablethp=1", false},
		{"always [madvise] never\n", "madvdontneed=1,disablethp=1", false},
		{"always [madvise] never\n", "disablethp=1,disablethp=0", true},
		{"always [madvise] never\n", "disablethp=0,disablethp=1", false},
		{"always [madvise] never\n", "inittrace=1", true},
		// The system already backs every heap with huge pages, or never.
		{"[always] madvise never\n", "", false},
		{"always madvise [never]\n", "", false},
		// No such file (not Linux, or a kernel without huge pages).
		{"", "", false},
	} {
		if got := wanted(c.mode, c.godebug); got != c.want {
			t.Errorf("wanted(%q, %q) = %v, want %v", c.mode, c.godebug, got, c.want)
		}
	}
}

// TestImports checks that the package imports nothing but the few
// standard packages it needs: Go initialises a package once all its
// imports are, so with these its init runs before the libraries' that
// allocate most (goldmark's, which import regexp and net/url; the order
// itself is checked by the command's script huge_pages.txtar). Other
// packages import runtime/debug (fmt, os, time) and are initialised
// before it, but they allocate some 70 KB.
func TestImports(t *testing.T) {
	allowed := []string{"runtime", "runtime/debug", "runtime/metrics", "syscall", "unsafe"}
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkg.Imports {
		if !slices.Contains(allowed, p) {
			t.Errorf("imports %s: the package must import only %s, to be initialised before the libraries", p, strings.Join(allowed, ", "))
		}
	}
}

func TestReserveFor(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{nil, runReserve},
		{[]string{"--root", "handbook"}, runReserve},
		{[]string{"content/handbook/x.md"}, runReserve},
		{[]string{"lsp"}, 0},
		{[]string{"lsp", "--stdio"}, 0},
		{[]string{"explain", "link-anchor"}, 0},
		{[]string{"--version"}, 0},
		{[]string{"rules"}, 0},
		{[]string{"links"}, wholeReserve},
		{[]string{"links", "--format", "json"}, wholeReserve},
		// A path named links, after a flag, is a lint run.
		{[]string{"--root", ".", "links"}, runReserve},
	} {
		if got := reserveFor(c.args); got != c.want {
			t.Errorf("reserveFor(%q) = %d, want %d", c.args, got, c.want)
		}
	}
}

func TestStrictOvercommit(t *testing.T) {
	for mode, want := range map[string]bool{"0\n": false, "1\n": false, "2\n": true, "": false} {
		if got := strictOvercommit(mode); got != want {
			t.Errorf("strictOvercommit(%q) = %v, want %v", mode, got, want)
		}
	}
}
