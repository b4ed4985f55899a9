package lint

import (
	"errors"
	"fmt"
	"math/rand"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestResolveRef follows Hugo's ref lookup order: relative to the page (a
// section's _index.md is relative to its own folder, a regular page or leaf
// bundle to the folder holding it), then from the content root, then by
// unique base name.
func TestResolveRef(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md":           "---\ntitle: h\n---\n",
		"content/handbook/sec/_index.md":       "---\ntitle: s\n---\n",
		"content/handbook/sec/child.md":        "---\ntitle: c\n---\n",
		"content/handbook/sec/other.md":        "---\ntitle: o\n---\n",
		"content/handbook/sec/bundle/index.md": "---\ntitle: b\n---\n",
		"content/handbook/values/_index.md":    "---\ntitle: v\n---\n",
		"content/handbook/a/guide.md":          "---\ntitle: g\n---\n",
		"content/handbook/b/guide/index.md":    "---\ntitle: g\n---\n",
		"content/handbook/child.md":            "---\ntitle: top child\n---\n",
		"content/handbook/what's new.md":       "---\ntitle: w\n---\n",
		"content/handbook/a&b.md":              "---\ntitle: a\n---\n",
		"content/handbook/1.2-notes.md":        "---\ntitle: n\n---\n",
		"content/handbook/langp.en.md":         "---\ntitle: l\n---\n",
		"content/handbook/My Page.md":          "---\ntitle: m\n---\n",
		"content/handbook/nlink.md":            "---\ntitle: n\nbuild:\n  render: link\n---\n",
		"content/handbook/never.md":            "---\ntitle: n\nbuild:\n  render: never\n---\n",
	})
	cfg := DefaultConfig()
	pg := func(p string) *Page { return &Page{Path: p} }
	s := NewSite(root, cfg, nil)
	cases := []struct {
		from, ref, want string
		err             error
	}{
		{"content/handbook/sec/_index.md", "child", "content/handbook/sec/child.md", nil},
		{"content/handbook/sec/other.md", "child", "content/handbook/sec/child.md", nil},
		{"content/handbook/sec/other.md", "child.md#x", "content/handbook/sec/child.md", nil},
		{"content/handbook/sec/bundle/index.md", "other", "content/handbook/sec/other.md", nil},
		{"content/handbook/sec/other.md", "bundle", "content/handbook/sec/bundle/index.md", nil},
		{"content/handbook/sec/other.md", "/handbook/child", "content/handbook/child.md", nil},
		{"content/handbook/_index.md", "sec/child", "content/handbook/sec/child.md", nil},
		{"content/handbook/sec/other.md", "values", "content/handbook/values/_index.md", nil},
		// Hugo 0.151 looks a bare name up only without any slash.
		{"content/handbook/sec/other.md", "/values", "", nil},
		{"content/handbook/sec/other.md", "VALUES", "content/handbook/values/_index.md", nil},
		{"content/handbook/sec/other.md", "./values", "", nil},
		{"content/handbook/sec/other.md", "x/values", "", nil},
		{"content/handbook/sec/other.md", "guide", "", ErrAmbiguousRef},
		{"content/handbook/sec/other.md", "#anchor", "content/handbook/sec/other.md", nil},
		// No path and no fragment: Hugo 0.151 writes an empty link.
		{"content/handbook/sec/other.md", "", "", ErrEmptyRef},
		{"content/handbook/sec/other.md", "//", "", ErrEmptyRef},
		{"content/handbook/sec/other.md", "?q=1", "", ErrEmptyRef},
		{"content/handbook/sec/other.md", "#", "", ErrEmptyRef},
		{"content/handbook/sec/other.md", "nothing", "", nil},
		// What Hugo 0.151 builds showed: one trailing slash goes before
		// the slash count, ...
		{"content/handbook/sec/other.md", "values/", "content/handbook/values/_index.md", nil},
		// any content format's extension names the page, ...
		{"content/handbook/sec/other.md", "/handbook/sec/child.html", "content/handbook/sec/child.md", nil},
		{"content/handbook/sec/other.md", "child.org", "content/handbook/sec/child.md", nil},
		// the default language's suffix is no part of the name, ...
		{"content/handbook/sec/other.md", "langp", "content/handbook/langp.en.md", nil},
		{"content/handbook/sec/other.md", "/handbook/langp", "content/handbook/langp.en.md", nil},
		// the key drops no character that URLs drop, ...
		{"content/handbook/sec/other.md", "/handbook/whats-new", "", nil},
		{"content/handbook/sec/other.md", "/handbook/what's new", "content/handbook/what's new.md", nil},
		{"content/handbook/sec/other.md", "what's-new", "content/handbook/what's new.md", nil},
		{"content/handbook/sec/other.md", "ab", "", nil},
		{"content/handbook/sec/other.md", "a&b", "content/handbook/a&b.md", nil},
		// a dot in a bare name starts an extension, ...
		{"content/handbook/sec/other.md", "1.2-notes", "", nil},
		{"content/handbook/sec/other.md", "1.2-notes.md", "content/handbook/1.2-notes.md", nil},
		{"content/handbook/sec/other.md", "child.md.md", "", nil},
		{"content/handbook/sec/other.md", "/handbook/1.2-notes", "content/handbook/1.2-notes.md", nil},
		// the ref is a URL: escapes decoded, the query dropped, ...
		{"content/handbook/sec/other.md", "/handbook/My%20Page", "content/handbook/My Page.md", nil},
		{"content/handbook/sec/other.md", "/handbook/sec/child%2Emd", "content/handbook/sec/child.md", nil},
		{"content/handbook/sec/other.md", "values?x=1#y", "content/handbook/values/_index.md", nil},
		{"content/handbook/sec/other.md", "%zz", "", ErrRefURL},
		// a path from the root is not cleaned, ...
		{"content/handbook/sec/other.md", "/handbook/./sec/child", "", nil},
		{"content/handbook/sec/other.md", "/handbook/sec/../child", "", nil},
		{"content/handbook/sec/other.md", "/handbook//child", "", nil},
		{"content/handbook/sec/other.md", "../child", "content/handbook/child.md", nil},
		// and a page rendered as a link only has a URL but no page.
		{"content/handbook/sec/other.md", "/handbook/nlink", "content/handbook/nlink.md", ErrRefNotWritten},
		{"content/handbook/sec/other.md", "nlink", "content/handbook/nlink.md", ErrRefNotWritten},
		{"content/handbook/sec/other.md", "/handbook/never", "content/handbook/never.md", ErrNoURL},
	}
	for _, c := range cases {
		checkRef(t, s, pg(c.from), c.ref, c.want, c.err)
	}
	// A suggested ref resolves, to the file it was suggested for.
	for ref, want := range map[string]string{"langpp": "content/handbook/langp.en.md", "/handbook/whats-new": "content/handbook/what's new.md", "otherr": "content/handbook/sec/other.md"} {
		sug := s.SuggestRef(ref)
		if got, err := s.ResolveRef(pg("content/handbook/sec/other.md"), sug); got != want || err != nil {
			t.Errorf("SuggestRef(%q) = %q, which resolves to %q, %v; want %q", ref, sug, got, err, want)
		}
	}
}

// TestResolveRefIndexPages covers the refs that name a folder's index
// page (index, _index, index.md, x/index, ...) and the pages Hugo makes
// without a file. Every case was checked against Hugo 0.151 builds
// (relref from each page, failures as warnings):
//   - the home page and each top-level folder holding a content file (in
//     any publish state; a file starting with '.' is none) are in the tree
//     without an _index.md, and take a cascade from the home page; such
//     a section is found by its folder's name too, like a file's;
//   - a ref ending in "/index" names the leaf bundle x/index/index.md
//     first (the suffix compares in its case), then x/index.md;
//   - a leaf bundle in index.en.md looks from the folder holding it, as
//     one in index.md does;
//   - ".." stops at the content root;
//   - an unpublished section or home page (draft, publish date to come,
//     cascaded or not) stays in the tree: a ref finds it, and Hugo writes
//     an empty link without a warning.
func TestResolveRefIndexPages(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/p.md":               "---\ntitle: p\n---\n",
		"content/handbook/sec/_index.md":      "---\ntitle: s\n---\n",
		"content/handbook/sec/q.md":           "---\ntitle: q\n---\n",
		"content/handbook/sec/bund/index.md":  "---\ntitle: b\n---\n",
		"content/handbook/sec/index/index.md": "---\ntitle: i\n---\n",
		"content/handbook/plain/r.md":         "---\ntitle: r\n---\n",
		"content/handbook/plain/other.md":     "---\ntitle: o\n---\n",
		"content/handbook/lb/index.en.md":     "---\ntitle: l\n---\n",
		"content/handbook/dsec/_index.md":     "---\ntitle: d\ndraft: true\n---\n",
		"content/handbook/dsec/y.md":          "---\ntitle: y\n---\n",
		"content/handbook/fsec/_index.md":     "---\ntitle: f\npublishDate: 2099-01-01\n---\n",
		"content/other/deep/x.md":             "---\ntitle: x\n---\n",
		"content/t-draft/a.md":                "---\ntitle: a\ndraft: true\n---\n",
		"content/t-hidden/.a.md":              "---\ntitle: a\n---\n",
		"content/t-txt/notes.txt":             "text\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	cases := []struct {
		from, ref, want string
		err             error
	}{
		// No content/_index.md, no content/handbook/_index.md: the pages
		// Hugo makes for them.
		{"content/handbook/p.md", "/", "content/_index.md", nil},
		{"content/handbook/p.md", "/handbook", "content/handbook/_index.md", nil},
		{"content/handbook/p.md", "index", "content/handbook/_index.md", nil},
		{"content/handbook/p.md", "_index.md", "content/handbook/_index.md", nil},
		{"content/handbook/p.md", "index.en.md", "content/handbook/_index.md", nil},
		{"content/handbook/p.md", "../index", "content/_index.md", nil},
		{"content/handbook/plain/r.md", "index", "content/_index.md", nil},
		{"content/handbook/plain/r.md", "../index", "content/handbook/_index.md", nil},
		{"content/handbook/sec/q.md", "../_index.md", "content/handbook/_index.md", nil},
		{"content/other/deep/x.md", "../index", "content/other/_index.md", nil},
		{"content/handbook/p.md", "other", "content/other/_index.md", nil},
		{"content/handbook/p.md", "/t-draft", "content/t-draft/_index.md", nil},
		// By name (an extension Hugo drops keeps the ref from matching a
		// path): a section made without a file has its folder's name.
		{"content/handbook/p.md", "t-draft.frz", "content/t-draft/_index.md", nil},
		{"content/handbook/p.md", "other.frz", "", ErrAmbiguousRef},
		{"content/handbook/p.md", "deep.frz", "", nil},
		// (These three held before: no page for a folder holding no
		// content file, or below the top level.)
		{"content/handbook/p.md", "/t-hidden", "", nil},
		{"content/handbook/p.md", "/t-txt", "", nil},
		{"content/handbook/p.md", "/other/deep", "", nil},
		// x/index: the bundle named index first.
		{"content/handbook/p.md", "sec/index", "content/handbook/sec/index/index.md", nil},
		{"content/handbook/p.md", "sec/index/", "content/handbook/sec/index/index.md", nil},
		{"content/handbook/p.md", "/handbook/sec/index", "content/handbook/sec/index/index.md", nil},
		{"content/handbook/sec/q.md", "./index", "content/handbook/sec/index/index.md", nil},
		{"content/handbook/sec/_index.md", "./index", "content/handbook/sec/index/index.md", nil},
		// (These four held before: no "/index" suffix in these refs.)
		{"content/handbook/p.md", "sec/INDEX", "content/handbook/sec/_index.md", nil},
		{"content/handbook/p.md", "sec/index.md", "content/handbook/sec/_index.md", nil},
		{"content/handbook/sec/_index.md", "index", "content/handbook/sec/_index.md", nil},
		{"content/handbook/sec/bund/index.md", "index", "content/handbook/sec/_index.md", nil},
		// A leaf bundle in index.en.md.
		{"content/handbook/lb/index.en.md", "index", "content/handbook/_index.md", nil},
		{"content/handbook/lb/index.en.md", "./_index.md", "content/handbook/_index.md", nil},
		{"content/handbook/lb/index.en.md", "lb/index", "content/handbook/lb/index.en.md", nil},
		// ".." above the content root.
		{"content/handbook/sec/q.md", "../../../handbook/p", "content/handbook/p.md", nil},
		{"content/handbook/sec/q.md", "../../../handbook/p.md", "content/handbook/p.md", nil},
		{"content/handbook/p.md", "../../index", "content/_index.md", nil},
		// Unpublished sections.
		{"content/handbook/p.md", "/handbook/dsec", "content/handbook/dsec/_index.md", ErrNoURL},
		{"content/handbook/p.md", "dsec", "content/handbook/dsec/_index.md", ErrNoURL},
		{"content/handbook/dsec/y.md", "index", "content/handbook/dsec/_index.md", ErrNoURL},
		{"content/handbook/p.md", "/handbook/fsec", "content/handbook/fsec/_index.md", ErrNoURL},
	}
	for _, c := range cases {
		checkRef(t, s, &Page{Path: c.from}, c.ref, c.want, c.err)
	}

	// A home page, whose cascade reaches the top-level sections it makes.
	root = writeTree(t, t.TempDir(), map[string]string{
		"content/_index.md":     "---\ntitle: h\ncascade:\n  - build:\n      render: never\n    _target:\n      path: /t-a\n  - build:\n      render: link\n    _target:\n      path: /t-l\n---\n",
		"content/handbook/p.md": "---\ntitle: p\n---\n",
		"content/t-a/x.md":      "---\ntitle: x\n---\n",
		"content/t-l/x.md":      "---\ntitle: x\n---\n",
	})
	s = NewSite(root, DefaultConfig(), nil)
	checkRef(t, s, &Page{Path: "content/_index.md"}, "../index", "content/_index.md", nil)
	checkRef(t, s, &Page{Path: "content/_index.md"}, "../../handbook/p", "content/handbook/p.md", nil)
	checkRef(t, s, &Page{Path: "content/handbook/p.md"}, "/t-a", "content/t-a/_index.md", ErrNoURL)
	checkRef(t, s, &Page{Path: "content/t-a/x.md"}, "index", "content/t-a/_index.md", ErrNoURL)
	checkRef(t, s, &Page{Path: "content/handbook/p.md"}, "/t-l", "content/t-l/_index.md", ErrRefNotWritten)

	// A draft home page.
	root = writeTree(t, t.TempDir(), map[string]string{
		"content/_index.md":     "---\ntitle: h\ndraft: true\n---\n",
		"content/handbook/p.md": "---\ntitle: p\n---\n",
	})
	s = NewSite(root, DefaultConfig(), nil)
	checkRef(t, s, &Page{Path: "content/handbook/p.md"}, "/", "content/_index.md", ErrNoURL)
}

// TestResolveURL covers page URLs from paths and from front matter.
func TestResolveURL(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/values/_index.md": "---\ntitle: v\naliases: [/handbook/old/, relative-alias]\n---\n",
		"content/handbook/team/CSR.md":      "---\ntitle: c\n---\n",
		"content/handbook/team/moved.md":    "+++\ntitle = \"m\"\nurl = \"/handbook/new-home/\"\n+++\n",
		"content/handbook/team/slugged.md":  "{\"title\": \"s\", \"slug\": \"short\"}\n",
		"content/handbook/team/big.md":      "---\ntitle: b\n# " + strings.Repeat("padding ", 1200) + "\naliases:\n  - /handbook/big-alias/\n---\n",
		// The alias scan reads 1 KB heads: in these, the head ends right
		// after a "---" or "+++" that starts a longer line, which must
		// not be taken for the closing delimiter.
		"content/handbook/team/cut.md":      cutHead("---\ntitle: T\nnotes: \"", "---x\"\naliases: [/handbook/old-cut/]\n---\n"),
		"content/handbook/team/cut-toml.md": cutHead("+++\ntitle = \"T\"\nnotes = \"\"\"", "+++x\"\"\"\naliases = [\"/handbook/old-cut-toml/\"]\n+++\n"),
		"content/handbook/team/one-line.md": "---\ntitle: \"" + strings.Repeat("x", 2000) + "\"\naliases: [/handbook/old-long-title/]\n---\n",
		// The default language's suffix is no part of the URL; another
		// language, not configured, is part of the name (Hugo 0.151).
		"content/handbook/team/lang.en.md":  "---\ntitle: l\n---\n",
		"content/handbook/team/other.fr.md": "---\ntitle: o\n---\n",
		// Hugo 0.151 writes aliases and url with their "." and ".."
		// segments and doubled slashes removed.
		"content/handbook/team/messy.md": "---\ntitle: m\naliases: [/al//one/, /d1/./x/, /d2/../y/, '//lead/z/', /trail//]\nurl: /u//b/\n---\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	for url, want := range map[string]string{
		"/handbook/values/":         "content/handbook/values/_index.md",
		"/handbook/values":          "content/handbook/values/_index.md",
		"/handbook/values.html":     "content/handbook/values/_index.md",
		"/handbook/old/":            "content/handbook/values/_index.md",
		"/handbook/relative-alias/": "content/handbook/values/_index.md",
		"/handbook/team/csr/":       "content/handbook/team/CSR.md",
		"/handbook/team/CSR/":       "",
		"/handbook/new-home/":       "content/handbook/team/moved.md",
		"/handbook/team/moved/":     "",
		"/handbook/team/short/":     "content/handbook/team/slugged.md",
		"/handbook/team/slugged/":   "",
		"/handbook/big-alias/":      "content/handbook/team/big.md",
		"/handbook/old-cut/":        "content/handbook/team/cut.md",
		"/handbook/old-cut-toml/":   "content/handbook/team/cut-toml.md",
		"/handbook/old-long-title/": "content/handbook/team/one-line.md",
		"/handbook/team/lang/":      "content/handbook/team/lang.en.md",
		"/handbook/team/lang.en/":   "",
		"/handbook/team/other.fr/":  "content/handbook/team/other.fr.md",
		"/al/one/":                  "content/handbook/team/messy.md",
		"/d1/x/":                    "content/handbook/team/messy.md",
		"/y/":                       "content/handbook/team/messy.md",
		"/lead/z/":                  "content/handbook/team/messy.md",
		"/trail/":                   "content/handbook/team/messy.md",
		"/u/b/":                     "content/handbook/team/messy.md",
	} {
		if got := s.ResolveURL(url).File; got != want {
			t.Errorf("ResolveURL(%q) = %q, want %q", url, got, want)
		}
	}
	if got := s.SuggestURL("/handbook/team/CSR/"); got != "/handbook/team/csr/" {
		t.Errorf("SuggestURL of a case-only difference = %q", got)
	}
	// The same segments in another order: a level and its track swapped,
	// rather than the page that shares only the last segment.
	if got := s.SuggestURL("/handbook/csr/team/"); got != "/handbook/team/csr/" {
		t.Errorf("SuggestURL of swapped segments = %q, want /handbook/team/csr/", got)
	}
	// Past the first misses, the same answer comes from an index of the
	// URLs by their segments.
	for i := range permScanMisses {
		s.SuggestURL(fmt.Sprintf("/handbook/miss-%d/", i))
	}
	if got := s.SuggestURL("/team/handbook/csr/"); got != "/handbook/team/csr/" || s.urlIdx.byPerm == nil {
		t.Errorf("SuggestURL of swapped segments from the index = %q (index built: %v), want /handbook/team/csr/", got, s.urlIdx.byPerm != nil)
	}
	// A misspelt folder, found among the names under its parent folder.
	for u, want := range map[string]string{"/handbok/": "", "/handbok/values/": "/handbook/values/", "/handbook/valuse/": "/handbook/values/", "/handbook/taem/csr/": "/handbook/team/csr/", "/handbook/zzzzzz/": ""} {
		if got := s.SuggestURL(u); got != want {
			t.Errorf("SuggestURL(%s) = %q, want %q", u, got, want)
		}
	}
	if got := s.urlChildren("/handbook/"); !slices.Equal(got, []string{"big-alias", "new-home", "old", "old-cut", "old-cut-toml", "old-long-title", "relative-alias", "team", "values"}) {
		t.Errorf("urlChildren(/handbook/) = %q", got)
	}
	// The index of every folder's children, built past the first
	// folders, lists what a pass over the URLs for one folder lists (the
	// messy page's URLs have empty segments).
	all := s.urlIdx.allChildren()
	if len(all["/handbook/"]) == 0 || len(all["/al/"]) == 0 {
		t.Errorf("allChildren lists no /handbook/ or /al/: %q", all)
	}
	for _, folder := range append(sortedKeys(all), "/nothing/", "/handbook", "/handbook/team/csr/", "") {
		s.urlIdx.kidScans.Store(0)
		if got, want := all[folder], s.urlChildren(folder); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Errorf("allChildren()[%q] = %q, want %q", folder, got, want)
		}
	}
	// The three spellings of one URL share one memo entry.
	for _, u := range []string{"/values/", "/values", "/values.html"} {
		if got := s.SuggestURL(u); got != "/handbook/values/" {
			t.Errorf("SuggestURL(%s) = %q, want /handbook/values/", u, got)
		}
	}
	n := 0
	s.suggested.Range(func(k, v any) bool {
		if k == "/values" && v == "/handbook/values/" {
			n++
		}
		return true
	})
	if n != 1 {
		t.Errorf("SuggestURL memo holds /values %d times, want once with its answer", n)
	}
}

// TestURLCache checks that runs sharing a URLCache reuse the index built
// by the first (a page created later stays unknown) until it is
// invalidated.
func TestURLCache(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md":        "---\ntitle: a\n---\n\n[b](/handbook/b/) and [old](/handbook/old/)\n",
		"content/handbook/c/_index.md": "---\ntitle: c\naliases: [/handbook/old/]\n---\n",
	})
	cache := NewURLCache()
	run := func() []string {
		s := NewSite(root, DefaultConfig(), nil)
		s.useCache(cache)
		var missing []string
		for _, u := range []string{"/handbook/b/", "/handbook/old/", "/handbook/c/"} {
			if s.ResolveURL(u).File == "" {
				missing = append(missing, u)
			}
		}
		return missing
	}
	if got := run(); !slices.Equal(got, []string{"/handbook/b/"}) {
		t.Fatalf("first run: missing %v, want [/handbook/b/]", got)
	}
	writeTree(t, root, map[string]string{"content/handbook/b.md": "---\ntitle: b\n---\n"})
	if got := run(); !slices.Equal(got, []string{"/handbook/b/"}) {
		t.Errorf("second run should use the cached index (b created since): missing %v", got)
	}
	cache.Invalidate()
	if got := run(); len(got) != 0 {
		t.Errorf("after Invalidate: missing %v, want none", got)
	}
}

// TestURLCacheFileSaved: a save that leaves a page's front matter as the
// index read it keeps the cached index, and so does a save of a file
// outside the content folder; a save that changes front matter, or of a
// file the index does not hold, drops it.
func TestURLCacheFileSaved(t *testing.T) {
	const aText = "---\ntitle: a\n---\n\n[gone](/handbook/gone/)\n"
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md":        aText,
		"content/handbook/c/_index.md": "---\ntitle: c\naliases: [/handbook/old/]\n---\n",
		"assets/includes/x.md":         "text\n",
	})
	cache := NewURLCache()
	site := func() *Site {
		s := NewSite(root, DefaultConfig(), nil)
		s.useCache(cache)
		return s
	}
	build := func() *urlIndex {
		s := site()
		s.ResolveURL("/handbook/gone/") // a miss: every front matter is read
		if !s.urlIdx.fmDone.Load() {
			t.Fatal("the miss did not index the front matter")
		}
		return s.urlIdx
	}
	for _, c := range []struct {
		name string
		file string
		text string
		kept bool
	}{
		{"text below the front matter", "content/handbook/a.md", aText + "\nMore text.\n", true},
		{"an include file", "assets/includes/x.md", "other text\n", true},
		{"a front matter key", "content/handbook/a.md", "---\ntitle: a\naliases: [/handbook/gone/]\n---\n", false},
		{"an alias dropped", "content/handbook/c/_index.md", "---\ntitle: c\n---\n", false},
		{"a file the index does not hold", "content/handbook/new.md", "---\ntitle: n\n---\n", false},
	} {
		idx := build()
		writeTree(t, root, map[string]string{c.file: c.text})
		cache.FileSaved(site(), c.file)
		cache.mu.Lock()
		kept := cache.idx == idx
		cache.mu.Unlock()
		if kept != c.kept {
			t.Errorf("%s: index kept %v, want %v", c.name, kept, c.kept)
		}
		cache.Invalidate()
	}
	// Kept, the index answers as one built anew would.
	writeTree(t, root, map[string]string{"content/handbook/c/_index.md": "---\ntitle: c\naliases: [/handbook/old/]\n---\n"})
	build()
	writeTree(t, root, map[string]string{"content/handbook/a.md": aText + "\nEdited.\n"})
	cache.FileSaved(site(), "content/handbook/a.md")
	if got := site().ResolveURL("/handbook/old/").File; got != "content/handbook/c/_index.md" {
		t.Errorf("after a kept save, /handbook/old/ resolves to %q", got)
	}
}

// TestURLCacheHolds: the cached index lists the content pages it was built
// with, not one created since; with no index built, every page counts as
// held (the next run builds one).
func TestURLCacheHolds(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md":        "---\ntitle: a\n---\n",
		"content/handbook/b/index.md":  "---\ntitle: b\n---\n",
		"content/handbook/b/notes.md":  "---\ntitle: n\n---\n",
		"content/handbook/dup/x.md":    "---\ntitle: x\n---\n",
		"content/handbook/dup/x.en.md": "---\ntitle: x\n---\n",
	})
	cache := NewURLCache()
	if !cache.Holds("content/handbook/new.md") {
		t.Error("no index built: Holds is false")
	}
	s := NewSite(root, DefaultConfig(), nil)
	s.useCache(cache)
	s.urls()
	// A leaf bundle's resource and the file Hugo drops of two that are
	// one page are no pages, but the walk found them: opening one is no
	// sign of a file the index missed.
	for _, f := range []string{"content/handbook/a.md", "content/handbook/b/index.md", "content/handbook/b/notes.md", "content/handbook/dup/x.md", "content/handbook/dup/x.en.md"} {
		if !cache.Holds(f) {
			t.Errorf("the index does not hold %s", f)
		}
	}
	writeTree(t, root, map[string]string{"content/handbook/new.md": "---\ntitle: n\n---\n"})
	if cache.Holds("content/handbook/new.md") {
		t.Error("the index holds new.md, created after it was built")
	}
}

// TestCheckLinkPaths covers link paths decoded once, relative links on a
// page whose URL is not a folder, and page names with a dot.
func TestCheckLinkPaths(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/values/_index.md": "---\ntitle: v\n---\n",
		"content/handbook/1.2-notes.md":     "---\ntitle: n\n---\n",
		"content/handbook/moved.md":         "---\ntitle: m\nurl: /handbook/moved-page.html\n---\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	moved := s.Target("content/handbook/moved.md")
	for _, c := range []struct {
		from  *Page
		dest  string
		found bool
		kind  DestKind
	}{
		{nil, "/handbook/v%61lues/", true, DestPage},
		{nil, "/handbook/val%2575es/", false, DestPage}, // decoded once: "val%75es"
		{nil, "/handbook/values/index", false, DestPage},
		{nil, "/handbook/values/index.html", true, DestPage},
		{nil, "/handbook/1.2-notes", true, DestPage},
		{nil, "/handbook/1.2-notes/", true, DestPage},
		{moved, "values/", true, DestPage}, // against /handbook/, not /handbook/moved-page.html/
	} {
		got := s.CheckLink(c.from, Link{Kind: InlineLink, Dest: c.dest})
		if got.Found != c.found || got.Dest.Kind != c.kind {
			t.Errorf("%q: found %v kind %v (path %q), want found %v kind %v", c.dest, got.Found, got.Dest.Kind, got.Dest.Path, c.found, c.kind)
		}
	}
}

func TestSharedSegments(t *testing.T) {
	tests := []struct {
		ks, cs []string
		want   int
	}{
		{[]string{"a", "a", "b"}, []string{"a", "b", "b"}, 2},
		{[]string{"a", "a"}, []string{"a", "a", "a"}, 2},
		{[]string{"handbook", "x", "page"}, []string{"page", "handbook"}, 2},
		{[]string{"x"}, []string{"y"}, 0},
		{nil, []string{"y"}, 0},
	}
	for _, tt := range tests {
		if got := sharedSegments(tt.ks, tt.cs, make([]bool, len(tt.ks))); got != tt.want {
			t.Errorf("sharedSegments(%q, %q) = %d, want %d", tt.ks, tt.cs, got, tt.want)
		}
	}
}

// TestFolderRuns checks that sorted paths split into runs of one folder,
// a folder's files falling on both sides of its subfolders' files.
func TestFolderRuns(t *testing.T) {
	files := []string{"a/b.md", "a/b/c.md", "a/b/d.md", "a/c.md", "z.md"}
	got := folderRuns(files)
	want := []int{0, 1, 3, 4, 5}
	if !slices.Equal(got, want) {
		t.Errorf("folderRuns(%q) = %v, want %v", files, got, want)
	}
	for g := 0; g+1 < len(got); g++ {
		for i := got[g]; i < got[g+1]; i++ {
			if path.Dir(files[i]) != path.Dir(files[got[g]]) {
				t.Errorf("run %d mixes folders: %q", g, files[got[g]:got[g+1]])
			}
		}
	}
	if got := folderRuns(nil); len(got) != 1 {
		t.Errorf("folderRuns(nil) = %v, want no run", got)
	}
}

// cutHead returns start, padded with x and a line end so that rest starts
// 3 bytes before the end of the alias scan's 1 KB head.
func cutHead(start, rest string) string {
	head := len(*headBuffers.Get().(*[]byte))
	return start + strings.Repeat("x", head-3-1-len(start)) + "\n" + rest
}

// TestSimpleURLFrontMatter compares the alias scan's reading of simple
// YAML front matter with YAML's decoder over generated bodies made of
// lines that are simple, nearly simple and not simple: where the scan
// reads a body itself, the URLs must be those decoding gives, and a body
// decoding refuses must never be read.
func TestSimpleURLFrontMatter(t *testing.T) {
	lines := []string{
		"title: Senior", "title: \"Senior: Staff\"", "title: 'It''s'", "title: C#", "title: a # c", "title: [x, y]",
		"url: /handbook/new/", "url: \"/handbook/q/\"", "url: 'x'", "url: 123", "url: true", "url: yes", "url: ~", "url:", "url: /a: b",
		"slug: short", "slug: Null", "slug: -x", "slug: \"with space\"", "slug: on",
		"aliases: /handbook/old/", "aliases: [/a/, /b/]", "aliases: [/a/, 'b']", "aliases: []", "aliases: [/a/, [b]]", "aliases: [/a/,]",
		"aliases:", "- /x/", "  - /y/", "  - \"/z/\"", "    - /w/", "- ", "-x", "  nested: v",
		"", "# comment", "  # indented comment", "weight: 10", "draft: false", "description: Text with: colon", "key:value",
		"date: 2099-01-01", "date: 2001-01-01T10:00:00Z", "date: 4070908800", "date: \"2099-01-01\"", "date: ~", "date: 2099-01-01 10:00:00 -07:00",
		"publishDate: 2099-01-01", "expiryDate: 2001-01-01", "lastmod: '2099-01-01'", "PubDate: 2099-1-1", "date: 2099-01-01x", "date: 20990101",
		"\"quoted\": v", "dup: 1", "dup: 2", "tabbed:\tv", "unicode: é ü", "nel: \u0085", "ls: \u2028", "del: \x7f", "bad: \xff",
		"---", "...", "list:", "- a", "- b: c",
		// Found by a review: Unicode spaces are not YAML's, "?" ends a
		// plain scalar in [...], and keys stop at 1024 characters.
		"aliases: \u00a0", "url: \u3000", "aliases: [/old?x=1]", "aliases: [a ?b]", strings.Repeat("k", 1025) + ": x",
	}
	r := rand.New(rand.NewSource(1))
	accepted, withURLs := 0, 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := 1 + r.Intn(6); n > 0; n-- {
			b.WriteString(lines[r.Intn(len(lines))])
			if r.Intn(10) == 0 {
				b.WriteString("\r")
			}
			b.WriteString("\n")
		}
		body := b.String()
		simple, ok := simpleURLFrontMatter([]byte(body))
		if !ok {
			continue
		}
		accepted++
		if len(simple.Children) > 0 {
			withURLs++
		}
		src := []byte("---\n" + body + "---\n")
		fm := ParseFrontMatter(src)
		if fm == nil {
			t.Fatalf("no front matter in %q", src)
		}
		checkSimpleURLs(t, src, fm) // the fuzzer's comparison
	}
	t.Logf("%d read without the decoder, %d setting URLs", accepted, withURLs)
	for _, body := range []string{"aliases: \u00a0\n  - /x\n", "url: \u00a0\n- /x\n", "aliases: [/old?x=1]\n", "aliases: [a?b]\n", strings.Repeat("a", 1025) + ": x\n"} {
		if _, ok := simpleURLFrontMatter([]byte(body)); ok {
			t.Errorf("read %.40q without the decoder; YAML reads it otherwise or refuses it", body)
		}
	}
	if accepted < 1500 || withURLs < 800 {
		t.Errorf("only %d bodies read without the decoder, %d setting URLs: the test exercises too little", accepted, withURLs)
	}
}

// TestHugoURLs: page URLs as Hugo 0.151 publishes them (each case was
// checked against a Hugo build): path URLs lower-cased and sanitised,
// slugs sanitised and trimmed, url and aliases kept as written, front
// matter keys in any case, and links with dot segments as a browser
// requests them.
func TestHugoURLs(t *testing.T) {
	page := "---\ntitle: x\n---\n"
	tree := map[string]string{
		"content/handbook/_index.md":          page,
		"content/handbook/t/what's new.md":    page,
		"content/handbook/t/a&b.md":           page,
		"content/handbook/t/c - d.md":         page,
		"content/handbook/t/x  y.md":          page,
		"content/handbook/t/Café.md":          page,
		"content/handbook/t/a+b@c~d.md":       page,
		"content/handbook/t/[x].md":           page,
		"content/handbook/t/-lead.md":         page,
		"content/handbook/t/nb\u00a0sp\tx.md": page,
		"content/handbook/t/e \tf.md":         page,
		"content/handbook/t/g\t-h.md":         page,
		"content/handbook/fm/u5.md":           "---\ntitle: x\nurl: /handbook/./dot//x/\n---\n",
		"content/handbook/.hidden/p.md":       page,
		"content/handbook/fm/s1.md":           "---\ntitle: x\nslug: \"Q&A: FAQ!\"\n---\n",
		"content/handbook/fm/s2.md":           "---\ntitle: x\nslug: my  slug\n---\n",
		"content/handbook/fm/s3.md":           "---\ntitle: x\nslug: -dashy-\n---\n",
		"content/handbook/fm/s4.md":           "---\ntitle: x\nslug: 2024\n---\n",
		"content/handbook/fm/s5.md":           "---\ntitle: x\nSlug: Mixed Case\n---\n",
		"content/handbook/fm/s6.md":           "---\ntitle: x\nslug: ../up\n---\n",
		"content/handbook/fm/s7.md":           "---\ntitle: x\nslug: ./x/../dot//y\n---\n",
		"content/handbook/fm/s8.md":           "---\ntitle: x\nslug: ../../../../top\n---\n",
		"content/handbook/sl/_index.en.md":    "---\ntitle: x\nslug: s-b\n---\n",
		"content/handbook/fm/u1.md":           "---\ntitle: x\nurl: /Handbook/Moved-U/\n---\n",
		"content/handbook/fm/u2.md":           "---\ntitle: x\nurl: /handbook/x/../dots/\n---\n",
		"content/handbook/fm/u3.md":           "---\ntitle: x\nurl: /handbook/noslash\n---\n",
		"content/handbook/fm/u4.md":           "---\ntitle: x\nURL: /handbook/upper-key/\n---\n",
		"content/handbook/fm/a1.md":           "---\ntitle: x\naliases: /handbook/old-a/ /handbook/old-b/\n---\n",
		"content/handbook/fm/a2.md":           "---\ntitle: x\nAliases: [/Handbook/Old-C/]\n---\n",
		"content/handbook/fm/a3.md":           "+++\ntitle = \"x\"\nALIASES = [\"/handbook/old-toml/\"]\n+++\n",
	}
	for name := range tree {
		if unnameableOnWindows(name) {
			delete(tree, name) // a tab in a name; the other names still check the URLs
		}
	}
	root := writeTree(t, t.TempDir(), tree)
	checkResolveURL(t, root, func(s *Site) { s.urls() }, map[string]string{
		"/handbook/t/whats-new/":   "content/handbook/t/what's new.md",
		"/handbook/t/what's-new/":  "",
		"/handbook/t/what's new/":  "",
		"/handbook/t/ab/":          "content/handbook/t/a&b.md",
		"/handbook/t/c---d/":       "content/handbook/t/c - d.md",
		"/handbook/t/c-d/":         "",
		"/handbook/t/x--y/":        "content/handbook/t/x  y.md",
		"/handbook/t/x  y/":        "",
		"/handbook/t/café/":        "content/handbook/t/Café.md",
		"/handbook/t/a+b@c~d/":     "content/handbook/t/a+b@c~d.md",
		"/handbook/t/x/":           "content/handbook/t/[x].md",
		"/handbook/t/-lead/":       "content/handbook/t/-lead.md",
		"/handbook/.hidden/p/":     "",
		"/handbook/fm/qa-faq/":     "content/handbook/fm/s1.md",
		"/handbook/fm/my-slug/":    "content/handbook/fm/s2.md",
		"/handbook/fm/dashy/":      "content/handbook/fm/s3.md",
		"/handbook/fm/-dashy-/":    "",
		"/handbook/fm/2024/":       "content/handbook/fm/s4.md",
		"/handbook/fm/mixed-case/": "content/handbook/fm/s5.md",
		"/handbook/fm/s5/":         "",
		// A slug's "." and ".." segments are cleaned, as in a url.
		"/handbook/up/":       "content/handbook/fm/s6.md",
		"/handbook/fm/../up/": "",
		"/handbook/fm/dot/y/": "content/handbook/fm/s7.md",
		"/top/":               "content/handbook/fm/s8.md",
		// A section page's slug is ignored, in any language.
		"/handbook/sl/":        "content/handbook/sl/_index.en.md",
		"/handbook/s-b/":       "",
		"/Handbook/Moved-U/":   "content/handbook/fm/u1.md",
		"/handbook/moved-u/":   "",
		"/handbook/dots/":      "content/handbook/fm/u2.md",
		"/handbook/noslash/":   "content/handbook/fm/u3.md",
		"/handbook/upper-key/": "content/handbook/fm/u4.md",
		"/handbook/fm/u4/":     "",
		"/handbook/old-a/":     "content/handbook/fm/a1.md",
		"/handbook/old-b/":     "content/handbook/fm/a1.md",
		"/Handbook/Old-C/":     "content/handbook/fm/a2.md",
		"/handbook/old-c/":     "",
		"/handbook/old-toml/":  "content/handbook/fm/a3.md",
	}, func(s *Site, walked bool) {
		// A relative link on a page whose url has no slash resolves from
		// the folder Hugo writes it to.
		if got := s.PageURL(&Page{Path: "content/handbook/fm/u3.md", FrontMatter: s.frontMatterOf("content/handbook/fm/u3.md")}); got != "/handbook/noslash/" {
			t.Errorf("PageURL of url /handbook/noslash = %q", got)
		}
	})
	s := NewSite(root, DefaultConfig(), nil)
	if got := s.SuggestURL("/handbook/fm/u1/"); got == "/handbook/fm/u1/" {
		t.Errorf("SuggestURL offers the path URL of a page its url moved away")
	}
	for url, want := range map[string]string{
		"/handbook/moved-u/":    "/Handbook/Moved-U/", // the url's own case
		"/handbook/t/whats-nw/": "/handbook/t/whats-new/",
	} {
		if got := s.SuggestURL(url); got != want {
			t.Errorf("SuggestURL(%q) = %q, want %q", url, got, want)
		}
	}
}

// TestHugoURLsYAML11: Hugo 0.151 reads front matter YAML the 1.1 way, and
// turns the value of slug, url and each alias into a string: a plain yes,
// on or Y is the boolean true and gives "true", no, off or N "false"; a
// number is written in decimal, as decoded (1e3 is 1000, 0x1F is 31,
// 1.50 is 1.5). Quoted, each is kept as written, and TOML has no YAML 1.1
// words.
func TestHugoURLsYAML11(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/y/s1.md": "---\ntitle: x\nslug: yes\n---\n",
		"content/handbook/y/s2.md": "---\ntitle: x\nslug: Off\n---\n",
		"content/handbook/y/s3.md": "---\ntitle: x\nslug: \"on\"\n---\n",
		"content/handbook/y/s4.md": "---\ntitle: x\nslug: 1.50\n---\n",
		"content/handbook/y/s5.md": "---\ntitle: x\nslug: 0x1F\n---\n",
		"content/handbook/y/t1.md": "+++\ntitle = \"x\"\nslug = \"yes\"\n+++\n",
		"content/handbook/y/u1.md": "---\ntitle: x\nurl: on\n---\n",
		"content/handbook/y/u2.md": "---\ntitle: x\nurl: 1e3\n---\n",
		"content/handbook/z/a1.md": "---\ntitle: x\naliases: [Y, /handbook/al/]\n---\n",
		"content/handbook/w/a2.md": "---\ntitle: x\naliases:\n  - N\n  - 'n'\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.urls() }, map[string]string{
		"/handbook/y/true/":  "content/handbook/y/s1.md",
		"/handbook/y/yes/":   "content/handbook/y/t1.md",
		"/handbook/y/false/": "content/handbook/y/s2.md",
		"/handbook/y/off/":   "",
		"/handbook/y/on/":    "content/handbook/y/s3.md",
		"/handbook/y/1.5/":   "content/handbook/y/s4.md",
		"/handbook/y/1.50/":  "",
		"/handbook/y/31/":    "content/handbook/y/s5.md",
		"/true/":             "content/handbook/y/u1.md",
		"/on/":               "",
		"/1000/":             "content/handbook/y/u2.md",
		"/handbook/al/":      "content/handbook/z/a1.md",
		"/handbook/z/true/":  "content/handbook/z/a1.md",
		"/handbook/z/y/":     "",
		"/handbook/w/false/": "content/handbook/w/a2.md",
		"/handbook/w/n/":     "content/handbook/w/a2.md",
	}, func(*Site, bool) {})
}

// TestClassifyDestDotSegments: a site path with "." or ".." segments is
// checked as the browser requests it.
func TestClassifyDestDotSegments(t *testing.T) {
	s := NewSite(t.TempDir(), DefaultConfig(), nil)
	for dest, want := range map[string]string{
		"/handbook/./t/":                      "/handbook/t/",
		"/handbook/t/x/../ab/":                "/handbook/t/ab/",
		"/handbook/t/..":                      "/handbook/",
		"/../handbook/":                       "/handbook/",
		"https://handbook.gitlab.com/a/../b/": "/b/",
		"/handbook/a.b/":                      "/handbook/a.b/",
		"/handbook/%2e%2E/company/":           "/company/",
		"/handbook/.%2e/x/":                   "/x/",
		"/handbook/%2ex/":                     "/handbook/.x/",
	} {
		if got := s.ClassifyDest(nil, Link{Dest: dest}).Path; got != want {
			t.Errorf("ClassifyDest(%q).Path = %q, want %q", dest, got, want)
		}
	}
}

// TestMayMoveURL: the keys that set URLs are found in any case.
func TestMayMoveURL(t *testing.T) {
	for body, want := range map[string]bool{
		"title: x\nurl: /a/\n":                 true,
		"title: x\nURL: /a/\n":                 true,
		"title: x\nSlug: a\n":                  true,
		"title: x\nALIASES: [/a/]\n":           true,
		"title: x\nDraft: true\n":              true,
		"{\"title\": \"x\", \"URL\": \"/a/\"}": true,
		"title: Some URL and Slug\n":           false,
		"title: x\nHeadless: true\n":           true,
		"title: Leadership Level\n":            false,
		"title: x\nlevel: senior\n":            false,
		"Lx":                                   false,
	} {
		if got := mayMoveURL([]byte(body)); got != want {
			t.Errorf("mayMoveURL(%q) = %v, want %v", body, got, want)
		}
	}
}

// TestUnpublishedPages: a page Hugo's production build does not write (a
// draft, build render never, headless) is no link target, its aliases
// are no URLs, and refs do not find it (each checked against a Hugo 0.151
// build).
func TestUnpublishedPages(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md":   "---\ntitle: h\n---\n",
		"content/handbook/t/d1.md":     "---\ntitle: d\ndraft: true\naliases: [/handbook/draft-alias/]\n---\n",
		"content/handbook/t/d2.md":     "---\ntitle: d\nDraft: \"true\"\n---\n",
		"content/handbook/t/d3.md":     "---\ntitle: d\ndraft: false\n---\n",
		"content/handbook/t/d4.md":     "+++\ntitle = \"d\"\ndraft = true\n+++\n",
		"content/handbook/t/b1.md":     "---\ntitle: b\nbuild:\n  render: never\n---\n",
		"content/handbook/t/b2.md":     "---\ntitle: b\n_build:\n  render: false\n---\n",
		"content/handbook/t/b3.md":     "---\ntitle: b\nbuild:\n  render: always\n---\n",
		"content/handbook/t/hs.md":     "---\ntitle: h\nheadless: true\n---\n",
		"content/handbook/a/guide.md":  "---\ntitle: g\n---\n",
		"content/handbook/b/guide.md":  "---\ntitle: g\ndraft: true\n---\n",
		"content/handbook/c/notes.md":  "---\ntitle: n\ndraft: true\n---\n",
		"content/handbook/r/link.md":   "---\ntitle: r\nbuild:\n  render: link\n---\n",
		"content/handbook/r/yes.md":    "---\ntitle: r\ndraft: yes\n---\n",
		"content/handbook/r/qyes.md":   "---\ntitle: r\ndraft: \"yes\"\n---\n",
		"content/handbook/r/off.md":    "---\ntitle: r\nbuild:\n  render: off\n---\n",
		"content/handbook/r/Never.md":  "---\ntitle: r\nbuild:\n  render: Never\n---\n",
		"content/handbook/r/qfalse.md": "---\ntitle: r\nbuild:\n  render: \"false\"\n---\n",
		"content/handbook/r/both.md":   "---\ntitle: r\nbuild:\n  render: never\n_build:\n  render: always\n---\n",
		"content/handbook/r/tagged.md": "---\ntitle: r\ndraft: !!str yes\n---\n",
		"content/handbook/r/under.md":  "---\ntitle: r\nbuild:\n  render: always\n_build:\n  render: never\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/handbook/t/d1/":        "",
		"/handbook/draft-alias/": "",
		"/handbook/t/d2/":        "",
		"/handbook/t/d3/":        "content/handbook/t/d3.md",
		"/handbook/t/d4/":        "",
		"/handbook/t/b1/":        "",
		"/handbook/t/b2/":        "",
		"/handbook/t/b3/":        "content/handbook/t/b3.md",
		"/handbook/t/hs/":        "",
		"/handbook/a/guide/":     "content/handbook/a/guide.md",
		"/handbook/r/link/":      "",
		"/handbook/r/yes/":       "",
		"/handbook/r/qyes/":      "content/handbook/r/qyes.md",
		"/handbook/r/off/":       "",
		"/handbook/r/never/":     "content/handbook/r/Never.md",
		"/handbook/r/qfalse/":    "content/handbook/r/qfalse.md",
		"/handbook/r/both/":      "content/handbook/r/both.md",
		"/handbook/r/tagged/":    "content/handbook/r/tagged.md",
		"/handbook/r/under/":     "",
	}, func(s *Site, walked bool) {
		from := &Page{Path: "content/handbook/_index.md"}
		for ref, want := range map[string]string{"guide": "content/handbook/a/guide.md", "c/notes": "", "notes": ""} {
			got, err := s.ResolveRef(from, ref)
			var unpub *UnpublishedError
			if want == "" && (!errors.As(err, &unpub) || unpub.File != "content/handbook/c/notes.md" || unpub.Why != "draft: true") {
				t.Errorf("walked %v: ResolveRef(%q) = %q, %v; want the draft content/handbook/c/notes.md named", walked, ref, got, err)
			}
			if got != want || (want != "" && err != nil) {
				t.Errorf("walked %v: ResolveRef(%q) = %q, %v; want %q", walked, ref, got, err, want)
			}
		}
	})
}

// checkResolveURL checks ResolveURL on a site over root for each case,
// before the URL index is built (as a run over one page has it) and after
// build, then runs more on the same site.
func checkResolveURL(t *testing.T, root string, build func(*Site), cases map[string]string, more func(s *Site, walked bool)) {
	t.Helper()
	for _, walked := range []bool{false, true} {
		s := NewSite(root, DefaultConfig(), nil)
		if walked {
			build(s)
		}
		for url, want := range cases {
			if got := s.ResolveURL(url).File; got != want {
				t.Errorf("walked %v: ResolveURL(%q) = %q, want %q", walked, url, got, want)
			}
		}
		more(s, walked)
	}
}

// TestAutoSections: Hugo writes the home page and a section page for each
// top-level content folder that holds a page, with or without _index.md;
// a deeper folder without one has no page (checked against Hugo 0.151).
// The section is made whatever the publish state or URL of the pages in
// the folder: a folder holding only a draft, or only a page moved away,
// still has its section page (checked against Hugo 0.151's builds: each
// folder below is one of the probe site's, with a link to it).
func TestAutoSections(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a/page.md":       "---\ntitle: p\n---\n",
		"content/empty/.keep.md":           "---\ntitle: hidden\n---\n",
		"content/t-draft/p.md":             "---\ntitle: p\ndraft: true\n---\n",
		"content/t-future/p.md":            "---\ntitle: p\npublishDate: 2999-01-01\n---\n",
		"content/t-expired/p.md":           "---\ntitle: p\nexpiryDate: 2000-01-01\n---\n",
		"content/t-headless/p.md":          "---\ntitle: p\nheadless: true\n---\n",
		"content/t-never/p.md":             "---\ntitle: p\n_build:\n  render: never\n---\n",
		"content/t-link/p.md":              "---\ntitle: p\n_build:\n  render: link\n---\n",
		"content/t-url/p.md":               "---\ntitle: p\nurl: /elsewhere/\n---\n",
		"content/t-slug/p.md":              "---\ntitle: p\nslug: other\n---\n",
		"content/t-deep/a/b.md":            "---\ntitle: p\ndraft: true\n---\n",
		"content/t-bundle/x/index.md":      "---\ntitle: p\ndraft: true\n---\n",
		"content/t-bundle/x/r.md":          "---\ntitle: a resource\n---\n",
		"content/T Up/p.md":                "---\ntitle: p\ndraft: true\n---\n",
		"content/t-leafdraft/index.md":     "---\ntitle: a top-level leaf bundle is a page, not a section\ndraft: true\n---\n",
		"content/t-leafdraft/sub/r.md":     "---\ntitle: its resource\n---\n",
		"content/t-leaf/index.md":          "---\ntitle: p\n---\n",
		"content/t-sectiondraft/_index.md": "---\ntitle: its own page decides\ndraft: true\n---\n",
		"content/t-sectiondraft/p.md":      "---\ntitle: p\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.urls() }, map[string]string{
		"/":                "content/_index.md",
		"/handbook/":       "content/handbook/_index.md",
		"/handbook/a/":     "",
		"/empty/":          "",
		"/nothing/":        "",
		"/t-draft/":        "content/t-draft/_index.md",
		"/t-future/":       "content/t-future/_index.md",
		"/t-expired/":      "content/t-expired/_index.md",
		"/t-headless/":     "content/t-headless/_index.md",
		"/t-never/":        "content/t-never/_index.md",
		"/t-link/":         "content/t-link/_index.md",
		"/t-url/":          "content/t-url/_index.md",
		"/t-slug/":         "content/t-slug/_index.md",
		"/t-slug/other/":   "content/t-slug/p.md",
		"/t-deep/":         "content/t-deep/_index.md",
		"/t-deep/a/":       "",
		"/t-bundle/":       "content/t-bundle/_index.md",
		"/t-up/":           "content/T Up/_index.md",
		"/t-leafdraft/":    "",
		"/t-leaf/":         "content/t-leaf/index.md",
		"/t-sectiondraft/": "",
	}, func(s *Site, walked bool) {
		for _, u := range []string{"/t-draft/", "/t-leafdraft/", "/t-sectiondraft/"} {
			if dir, why := s.UnpublishedSectionAt(u); dir != "" {
				t.Errorf("walked %v: UnpublishedSectionAt(%q) = %q, %q, want none", walked, u, dir, why)
			}
		}
	})
}

// TestLeafBundleResources checks that Markdown files inside a leaf bundle
// (a folder holding index.md), at any depth, are no pages, as in Hugo:
// they are resources of the bundle. A section's pages and the bundle's own
// index.md are pages; an index.md at the content root makes no bundle.
func TestLeafBundleResources(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/index.md":                "---\ntitle: home\n---\n",
		"content/handbook/g/index.md":     "---\ntitle: g\n---\n",
		"content/handbook/g/notes.md":     "---\ntitle: n\n---\n",
		"content/handbook/g/sub/deep.md":  "---\ntitle: d\n---\n",
		"content/handbook/g/sub/index.md": "---\ntitle: nested bundle\n---\n",
		"content/handbook/s/_index.md":    "---\ntitle: s\n---\n",
		"content/handbook/s/p.md":         "---\ntitle: p\n---\n",
		"content/handbook/gx/page.md":     "---\ntitle: a sibling folder whose name starts like the bundle's\n---\n",
		// index.en.md makes a bundle; a section file beside index.md
		// makes the folder a section (checked against Hugo 0.151).
		"content/handbook/e/index.en.md":  "---\ntitle: e\n---\n",
		"content/handbook/e/sub.md":       "---\ntitle: s\n---\n",
		"content/handbook/both/_index.md": "---\ntitle: b\n---\n",
		"content/handbook/both/index.md":  "---\ntitle: b\n---\n",
		"content/handbook/both/sub.md":    "---\ntitle: s\n---\n",
		// index.en.md outranks _index.md (Hugo 0.151): a bundle.
		"content/handbook/e4/index.en.md": "---\ntitle: e\n---\n",
		"content/handbook/e4/_index.md":   "---\ntitle: s\n---\n",
		"content/handbook/e4/p.md":        "---\ntitle: p\n---\n",
	})
	for url, want := range map[string]string{
		"/handbook/g/":          "content/handbook/g/index.md",
		"/handbook/g/notes/":    "",
		"/handbook/g/sub/deep/": "",
		"/handbook/g/sub/":      "",
		"/handbook/s/p/":        "content/handbook/s/p.md",
		"/handbook/gx/page/":    "content/handbook/gx/page.md",
		"/handbook/e/":          "content/handbook/e/index.en.md",
		"/handbook/e/sub/":      "",
		"/handbook/both/sub/":   "content/handbook/both/sub.md",
		"/handbook/e4/":         "content/handbook/e4/index.en.md",
		"/handbook/e4/p/":       "",
	} {
		// A new site per URL: the first lookup takes the short path that
		// checks the files the URL names, a miss then lists the content.
		s := NewSite(root, DefaultConfig(), nil)
		if got := s.ResolveURL(url).File; got != want {
			t.Errorf("ResolveURL(%q) = %q, want %q", url, got, want)
		}
		if got, _ := s.ResolveRef(nil, strings.TrimSuffix(url, "/")); got != want {
			t.Errorf("ResolveRef(%q) = %q, want %q", url, got, want)
		}
	}
	// A link to such a file's path URL names it and its bundle, with the
	// content listed or not.
	for _, walked := range []bool{false, true} {
		s := NewSite(root, DefaultConfig(), nil)
		if walked {
			s.urls()
		}
		if f, b := s.BundleResourceAt("/handbook/g/sub/deep/"); f != "content/handbook/g/sub/deep.md" || b != "content/handbook/g/index.md" {
			t.Errorf("walked %v: BundleResourceAt = %q, %q", walked, f, b)
		}
		if f, b := s.BundleResourceAt("/handbook/e/sub/"); f != "content/handbook/e/sub.md" || b != "content/handbook/e/index.en.md" {
			t.Errorf("walked %v: BundleResourceAt = %q, %q", walked, f, b)
		}
		if f, b := s.BundleResourceAt("/handbook/s/p/"); f != "" || b != "" {
			t.Errorf("walked %v: BundleResourceAt(a page) = %q, %q", walked, f, b)
		}
	}
	got := dropBundleResources([]string{"content/a/index.md", "content/a/x.md", "content/a/y/z.md", "content/ab/c.md", "content/b.md", "content/index.md"}, "content")
	if d := cmp.Diff([]string{"content/a/index.md", "content/ab/c.md", "content/b.md", "content/index.md"}, got); d != "" {
		t.Errorf("dropBundleResources (-want +got):\n%s", d)
	}
}

// TestDuplicatePages: files in one folder that Hugo takes for one page
// (X.md and x.md, x.en.md and x.md, _index.md and index.md) are one page:
// Hugo 0.151 keeps the one with the language suffix if there is one, else
// the first in sorted order, and ignores the others, their front matter
// too (checked against its builds).
func TestDuplicatePages(t *testing.T) {
	skipOnWindowsCaseFolding(t)
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md":     "---\ntitle: h\n---\n",
		"content/handbook/dup/X.md":      "---\ntitle: X\naliases: [/al-x/]\n---\n",
		"content/handbook/dup/x.md":      "---\ntitle: x\naliases: [/al-y/]\n---\n",
		"content/handbook/dup/y.en.md":   "---\ntitle: Y\n---\n",
		"content/handbook/dup/y.md":      "---\ntitle: y\ndraft: true\n---\n",
		"content/handbook/dup/z.md":      "---\ntitle: z\nurl: /moved-z/\n---\n",
		"content/handbook/dup/z.en.md":   "---\ntitle: Z\n---\n",
		"content/handbook/two/_index.md": "---\ntitle: s\n---\n",
		"content/handbook/two/index.md":  "---\ntitle: i\nurl: /cap-32/\n---\n",
		// The language suffix wins over the sorted order: FAQ.md sorts
		// before faq.en.md.
		"content/handbook/three/FAQ.md":     "---\ntitle: F\naliases: [/al-faq/]\n---\n",
		"content/handbook/three/faq.en.md":  "---\ntitle: f\npublishDate: 2099-01-01\n---\n",
		"content/handbook/three/faq.md":     "---\ntitle: f\n---\n",
		"content/handbook/four/_index.md":   "---\ntitle: s\n---\n",
		"content/handbook/four/index.en.md": "---\ntitle: b\naliases: [/al-four/]\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/al-x/":               "content/handbook/dup/X.md",
		"/al-y/":               "",
		"/handbook/dup/y/":     "content/handbook/dup/y.en.md",
		"/handbook/dup/z/":     "content/handbook/dup/z.en.md",
		"/moved-z/":            "",
		"/handbook/two/":       "content/handbook/two/_index.md",
		"/cap-32/":             "",
		"/handbook/three/faq/": "",
		"/al-faq/":             "",
		"/al-four/":            "content/handbook/four/index.en.md",
	}, func(s *Site, walked bool) {
		// A run over a few pages looks for the files a URL names and sees
		// no case variant; once the content is listed, the one page is X.md.
		s.urls()
		if got := s.ResolveURL("/handbook/dup/x/").File; got != "content/handbook/dup/X.md" {
			t.Errorf("walked %v: ResolveURL(/handbook/dup/x/) = %q, want the first file", walked, got)
		}
		if got, err := s.ResolveRef(&Page{Path: "content/handbook/_index.md"}, "y"); got != "content/handbook/dup/y.en.md" || err != nil {
			t.Errorf("walked %v: ref y = %q, %v; want the one page", walked, got, err)
		}
	})
}

// TestRefUnrenderedPages: Hugo 0.151 keeps headless pages and pages never
// rendered in the tree refs look in (a ref finds them and writes an empty
// link, and they make a name ambiguous), but not drafts or pages whose
// publish date is to come, nor expired ones, even headless or never
// rendered (checked against a build).
func TestRefUnrenderedPages(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md": "---\ntitle: h\n---\n",
		"content/handbook/a/x.md":    "---\ntitle: x\nbuild:\n  render: never\n---\n",
		"content/handbook/b/x.md":    "---\ntitle: x\n---\n",
		"content/handbook/c/y.md":    "---\ntitle: y\nheadless: true\n---\n",
		"content/handbook/d/y.md":    "---\ntitle: y\n---\n",
		"content/handbook/e/w.md":    "---\ntitle: w\ndraft: true\n---\n",
		"content/handbook/f/w.md":    "---\ntitle: w\n---\n",
		"content/handbook/g/v.md":    "---\ntitle: v\npublishDate: 2099-01-01\n---\n",
		"content/handbook/h/v.md":    "---\ntitle: v\n---\n",
		"content/handbook/i/u.md":    "---\ntitle: u\nheadless: true\npublishDate: 2099-01-01\n---\n",
		"content/handbook/j/u.md":    "---\ntitle: u\n---\n",
		"content/handbook/k/t.md":    "---\ntitle: t\n_build:\n  render: link\npublishDate: 2099-01-01\n---\n",
		"content/handbook/l/t.md":    "---\ntitle: t\n---\n",
		"content/handbook/m/s.md":    "---\ntitle: s\n_build:\n  render: never\nexpiryDate: 2001-01-01\n---\n",
		"content/handbook/n/s.md":    "---\ntitle: s\n---\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	from := &Page{Path: "content/handbook/zz.md"}
	for _, c := range []struct {
		ref, want string
		err       error
	}{
		{"x", "", ErrAmbiguousRef},
		{"y.md", "", ErrAmbiguousRef},
		{"w", "content/handbook/f/w.md", nil},
		{"v", "content/handbook/h/v.md", nil},
		{"/handbook/a/x", "content/handbook/a/x.md", ErrNoURL},
		{"/handbook/c/y", "content/handbook/c/y.md", ErrNoURL},
		{"/handbook/g/v", "", ErrUnpublished},
		{"/handbook/e/w", "", ErrUnpublished},
		{"u", "content/handbook/j/u.md", nil},
		{"t", "content/handbook/l/t.md", nil},
		{"s", "content/handbook/n/s.md", nil},
		{"/handbook/i/u", "", ErrUnpublished},
		{"/handbook/k/t", "", ErrUnpublished},
	} {
		checkRef(t, s, from, c.ref, c.want, c.err)
	}
}

// checkRefOK reports whether a ref from a page resolves to want, with an
// error matching wantErr (none when nil).
func checkRefOK(s *Site, from *Page, ref, want string, wantErr error) bool {
	got, err := s.ResolveRef(from, ref)
	return got == want && (wantErr == nil) == (err == nil) && (wantErr == nil || errors.Is(err, wantErr))
}

// checkRef checks that a ref from a page resolves to want, with an error
// matching wantErr (none when nil).
func checkRef(t *testing.T, s *Site, from *Page, ref, want string, wantErr error) {
	t.Helper()
	got, err := s.ResolveRef(from, ref)
	if got != want || (wantErr == nil) != (err == nil) || (wantErr != nil && !errors.Is(err, wantErr)) {
		t.Errorf("ref %q from %s = %q, %v; want %q, %v", ref, from.Path, got, err, want, wantErr)
	}
}

// TestHomePageURL: Hugo 0.151 writes the home page at "/" whatever its
// front matter url ("/home/", "home.html": no page there), while its
// aliases are written; a section's url moves it (checked against Hugo
// 0.151's builds of this tree).
func TestHomePageURL(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/_index.md":     "---\ntitle: home\nurl: /home/\naliases: [/abs/]\n---\n",
		"content/sec/_index.md": "---\ntitle: s\nurl: /uu/\n---\n",
		"content/sec/p.md":      "---\ntitle: p\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/":       "content/_index.md",
		"/home/":  "",
		"/abs/":   "content/_index.md",
		"/uu/":    "content/sec/_index.md",
		"/sec/":   "",
		"/sec/p/": "content/sec/p.md",
	}, func(*Site, bool) {})
}

func TestURLPathEnd(t *testing.T) {
	for _, d := range []string{"", "/a/b/", "/a?x#y", "/a#y?x", "?", "#", "/a?", "/a#", "x#?#", "https://h/p?q=1#f"} {
		want := len(d)
		if i := strings.IndexAny(d, "?#"); i >= 0 {
			want = i
		}
		if got := URLPathEnd(d); got != want {
			t.Errorf("URLPathEnd(%q) = %d, want %d", d, got, want)
		}
	}
}

// TestHTMLFileURLs: a page whose front matter URL names a .html file
// (url: /x.html, or an alias /old.html) is served only as that file, as
// Hugo writes it: the slash and bare forms are no page, and their
// did-you-mean is the .html URL. A folder-form URL or a page's path for
// the same key keeps every form, but for the .html file itself, which
// Hugo writes for the front matter URL that names it. A url with another
// extension names only that file; an alias with one is a folder.
func TestHTMLFileURLs(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md":     "---\ntitle: a\nurl: /handbook/file.html\n---\n",
		"content/handbook/b.md":     "---\ntitle: b\naliases: [/handbook/old.html]\n---\n",
		"content/handbook/c.md":     "---\ntitle: c\naliases: [/handbook/both.html, /handbook/both/]\n---\n",
		"content/handbook/d.md":     "---\ntitle: d\naliases: [/handbook/e.html]\n---\n",
		"content/handbook/e.md":     "---\ntitle: e\n---\n",
		"content/handbook/f.md":     "---\ntitle: f\naliases: [/handbook/sub/index.html]\n---\n",
		"content/handbook/other.md": "---\ntitle: o\n---\n",
		"content/handbook/g.md":     "---\ntitle: g\nurl: /handbook/g/\n---\n",
		"content/handbook/h.md":     "---\ntitle: h\nurl: /handbook/g.html\n---\n",
		"content/handbook/p.md":     "---\ntitle: p\nurl: /handbook/report.pdf\n---\n",
		"content/handbook/q.md":     "---\ntitle: q\naliases: [/handbook/old.pdf]\n---\n",
		"static/handbook/real.pdf":  "%PDF",
	})
	s := NewSite(root, DefaultConfig(), nil)
	for url, want := range map[string]string{
		"/handbook/file.html":       "content/handbook/a.md",
		"/handbook/file/":           "",
		"/handbook/file":            "",
		"/handbook/old.html":        "content/handbook/b.md",
		"/handbook/old/":            "",
		"/handbook/both.html":       "content/handbook/c.md",
		"/handbook/both/":           "content/handbook/c.md",
		"/handbook/e/":              "content/handbook/e.md", // its own path serves it
		"/handbook/e.html":          "content/handbook/d.md", // Hugo writes d's alias there
		"/handbook/g/":              "content/handbook/g.md",
		"/handbook/g":               "content/handbook/g.md",
		"/handbook/g.html":          "content/handbook/h.md", // h's own URL, beside g's
		"/handbook/report.pdf/":     "",
		"/handbook/report.pdf.html": "",
		"/handbook/old.pdf/":        "content/handbook/q.md", // an alias is a folder but for .html
		"/handbook/sub/":            "content/handbook/f.md", // index.html names the folder
		"/handbook/other.html":      "content/handbook/other.md",
	} {
		if got := s.ResolveURL(url).File; got != want {
			t.Errorf("ResolveURL(%q) = %q, want %q", url, got, want)
		}
	}
	for url, want := range map[string]string{"/handbook/report.pdf/": "/handbook/report.pdf", "/handbook/file/": "/handbook/file.html", "/handbook/old": "/handbook/old.html", "/handbook/fille.html": "/handbook/file.html"} {
		if got := s.SuggestURL(url); got != want {
			t.Errorf("SuggestURL(%q) = %q, want %q", url, got, want)
		}
	}
	if !s.ServedAsHTMLFile("/handbook/file.html") || s.ServedAsHTMLFile("/handbook/both.html") || s.ServedAsHTMLFile("/handbook/e.html") {
		t.Error("ServedAsHTMLFile: want true for file.html only")
	}
	p := s.Page("content/handbook/other.md")
	for dest, want := range map[string]string{"/handbook/report.pdf": "content/handbook/p.md", "/handbook/old.pdf": ""} {
		if c := s.CheckLink(p, Link{Dest: dest}); c.Target != want || c.Found != (want != "") {
			t.Errorf("CheckLink(%q) = %q found %v, want %q", dest, c.Target, c.Found, want)
		}
	}
}

// TestFileLinkReadsNoFrontMatter: a link to a file in a static root, or
// on a site without static roots (where file links are not checked),
// does not read every page's front matter to look for a url naming it;
// only a file missing from the static roots does.
func TestFileLinkReadsNoFrontMatter(t *testing.T) {
	for _, static := range []bool{false, true} {
		tree := map[string]string{
			"content/handbook/a.md": "---\ntitle: a\n---\n",
			"content/handbook/p.md": "---\ntitle: p\nurl: /handbook/report.pdf\n---\n",
		}
		if static {
			tree["static/handbook/real.pdf"] = "%PDF"
		}
		s := NewSite(writeTree(t, t.TempDir(), tree), DefaultConfig(), nil)
		p := s.Page("content/handbook/a.md")
		c := s.CheckLink(p, Link{Dest: "/handbook/real.pdf"})
		if c.Found != static || c.Checked != static || s.fmBuilt() {
			t.Errorf("static root %v: CheckLink(/handbook/real.pdf) = found %v checked %v, front matter index built %v; want %v %v false", static, c.Found, c.Checked, s.fmBuilt(), static, static)
		}
		if c := s.CheckLink(p, Link{Dest: "/handbook/report.pdf"}); c.Found != static || static && c.Target != "content/handbook/p.md" {
			t.Errorf("static root %v: CheckLink(/handbook/report.pdf) = %q found %v", static, c.Target, c.Found)
		}
	}
}

// TestHTMLFileURLIndexHTML: /x/index.html is the folder /x/, so it does
// not reach a page Hugo writes only as the file /x.html.
func TestHTMLFileURLIndexHTML(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md": "---\ntitle: a\nurl: /handbook/file.html\n---\n",
		"content/handbook/b.md": "---\ntitle: b\naliases: [/handbook/old.html]\n---\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	for url, want := range map[string]string{
		"/handbook/file/index.html": "",
		"/handbook/old/index.html":  "",
		"/handbook/file.html":       "content/handbook/a.md",
	} {
		if got := s.ResolveURL(url).File; got != want {
			t.Errorf("ResolveURL(%q) = %q, want %q", url, got, want)
		}
	}
	if got := s.SuggestURL("/handbook/file/index.html"); got != "/handbook/file.html" {
		t.Errorf("SuggestURL = %q, want /handbook/file.html", got)
	}
}

// TestHTMLFileAliasOfMadeSection: an alias /careers.html does not hide
// the section page Hugo makes at /careers/ for a top-level folder holding
// a page.
func TestHTMLFileAliasOfMadeSection(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/careers/jobs.md": "---\ntitle: jobs\naliases: [/careers.html]\n---\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	for url, want := range map[string]string{
		"/careers/":     "content/careers/_index.md",
		"/careers":      "content/careers/_index.md",
		"/careers.html": "content/careers/jobs.md",
	} {
		if got := s.ResolveURL(url).File; got != want {
			t.Errorf("ResolveURL(%q) = %q, want %q", url, got, want)
		}
	}
}

// TestURLCacheKeptPastPublishDate: a page to come when the cached index
// read the front matter is published once its date passes: a run after
// that resolves it, as a new index does, though no front matter changed
// (a save of another page's text kept the index).
func TestURLCacheKeptPastPublishDate(t *testing.T) {
	const aText = "---\ntitle: a\n---\n\n[gone](/handbook/gone/)\n"
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md":        aText,
		"content/handbook/b.md":        "---\ntitle: b\npublishDate: 2026-01-01T01:00:00Z\n---\n",
		"content/handbook/c/_index.md": "---\ntitle: c\nexpiryDate: 2026-01-01T02:00:00Z\n---\n",
	})
	cache := NewURLCache()
	site := func(now time.Time) *Site {
		s := NewSite(root, DefaultConfig(), nil)
		s.now = now
		s.useCache(cache)
		return s
	}
	s := site(t0)
	s.ResolveURL("/handbook/gone/") // every front matter is read
	if got := s.ResolveURL("/handbook/b/").File; got != "" {
		t.Fatalf("before its publish date, /handbook/b/ resolves to %q", got)
	}
	writeTree(t, root, map[string]string{"content/handbook/a.md": aText + "\nEdited.\n"})
	cache.FileSaved(site(t0), "content/handbook/a.md")
	if got := site(t0.Add(90 * time.Minute)).ResolveURL("/handbook/b/").File; got != "content/handbook/b.md" {
		t.Errorf("after its publish date, /handbook/b/ resolves to %q", got)
	}
	if got := site(t0.Add(90 * time.Minute)).ResolveURL("/handbook/c/").File; got != "content/handbook/c/_index.md" {
		t.Errorf("before its expiry date, /handbook/c/ resolves to %q", got)
	}
	if got := site(t0.Add(3 * time.Hour)).ResolveURL("/handbook/c/").File; got != "" {
		t.Errorf("after its expiry date, /handbook/c/ resolves to %q", got)
	}
}

// TestDottedURLIsFile: Hugo 0.151 writes a front matter url that holds a
// dot anywhere and does not end in a slash as a file named by the url
// (url: /handbook/v1.0/team is the file /handbook/v1.0/team, and
// /handbook/t/./dot the file /handbook/t/dot), not as a folder with an
// index.html: only that URL reaches the page (checked against Hugo
// 0.151's builds). A url whose ".." Hugo cleans away is read after
// cleaning, as Hugo reads it.
func TestDottedURLIsFile(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md": "---\ntitle: a\nurl: /handbook/v1.0/team\n---\n",
		"content/handbook/b.md": "---\ntitle: b\nurl: /handbook/t/./dot\n---\n",
		"content/handbook/c.md": "---\ntitle: c\nurl: /handbook/v2.0/team/\n---\n",
		"content/handbook/d.md": "---\ntitle: d\nurl: /handbook/v3.0/../plain\n---\n",
		"content/handbook/e.md": "---\ntitle: e\nurl: /handbook/idx/index.html\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/handbook/v1.0/team":            "content/handbook/a.md",
		"/handbook/v1.0/team/":           "",
		"/handbook/v1.0/team/index.html": "",
		"/handbook/t/dot":                "content/handbook/b.md",
		"/handbook/t/dot/":               "",
		"/handbook/v2.0/team/":           "content/handbook/c.md",
		"/handbook/v2.0/team":            "content/handbook/c.md",
		"/handbook/plain/":               "content/handbook/d.md",
		"/handbook/idx/":                 "content/handbook/e.md",
	}, func(s *Site, _ bool) {
		if got := s.SuggestURL("/handbook/v1.0/team/"); got != "/handbook/v1.0/team" {
			t.Errorf("SuggestURL(/handbook/v1.0/team/) = %q, want the file's URL", got)
		}
		// A relative link on the page resolves from the folder holding
		// the file.
		if got := s.PageURL(&Page{Path: "content/handbook/a.md", FrontMatter: s.frontMatterOf("content/handbook/a.md")}); got != "/handbook/v1.0/team" {
			t.Errorf("PageURL of url /handbook/v1.0/team = %q", got)
		}
	})
}

// TestResolveRefByFile: a ref with an extension that Hugo 0.151's page
// paths miss is looked for as a file too, the path cleaned as a file
// path: from the page's own folder (a leaf bundle's too, where the page
// paths start from the folder holding the bundle), and, for a ref not
// starting with ".", from the content folder when the home page has a
// file. The file must exist under the name written. Checked against
// Hugo 0.151 builds, with and without content/_index.md.
func TestResolveRefByFile(t *testing.T) {
	tree := map[string]string{
		"content/handbook/_index.md":           "---\ntitle: h\n---\n",
		"content/handbook/sec/_index.md":       "---\ntitle: s\n---\n",
		"content/handbook/sec/child.md":        "---\ntitle: c\n---\n",
		"content/handbook/sec/other.md":        "---\ntitle: o\n---\n",
		"content/handbook/sec/bundle/index.md": "---\ntitle: b\n---\n",
		"content/handbook/child.md":            "---\ntitle: top child\n---\n",
		"content/handbook/gone.md":             "---\ntitle: g\ndraft: true\n---\n",
	}
	for _, home := range []bool{false, true} {
		if home {
			tree["content/_index.md"] = "---\ntitle: home\n---\n"
		}
		s := NewSite(writeTree(t, t.TempDir(), tree), DefaultConfig(), nil)
		onlyHome := func(f string) string {
			if home {
				return f
			}
			return ""
		}
		other, bundle := &Page{Path: "content/handbook/sec/other.md"}, &Page{Path: "content/handbook/sec/bundle/index.md"}
		for _, c := range []struct {
			from      *Page
			ref, want string
			err       error
		}{
			{other, "/handbook/./sec/child.md", onlyHome("content/handbook/sec/child.md"), nil},
			{other, "/handbook/sec/../child.md", onlyHome("content/handbook/child.md"), nil},
			{other, "/handbook//child.md", onlyHome("content/handbook/child.md"), nil},
			{other, "handbook/sec/../child.md#x", onlyHome("content/handbook/child.md"), nil},
			{other, "/handbook/./sec/child.md/", onlyHome("content/handbook/sec/child.md"), nil},
			{other, "/handbook/./sec/_index.md", onlyHome("content/handbook/sec/_index.md"), nil},
			{other, "/handbook/./sec/bundle/index.md", onlyHome("content/handbook/sec/bundle/index.md"), nil},
			// the file under another name, a path without extension and
			// one leaving the content folder find nothing;
			{other, "/handbook/./sec/Child.md", "", nil},
			{other, "/handbook/./sec/child", "", nil},
			{other, "/../handbook/child.md", "", nil},
			// an unpublished page found so is reported as such;
			{other, "/handbook/./gone.md", "", map[bool]error{true: ErrUnpublished}[home]},
			// from a leaf bundle, a ref starting with "./" is looked for
			// from the folder holding it, then as a file from its own.
			{bundle, "./../other.md", "content/handbook/sec/other.md", nil},
			{bundle, "./../../child.md", "content/handbook/child.md", nil},
		} {
			if !checkRefOK(s, c.from, c.ref, c.want, c.err) {
				t.Errorf("home page file %v: ref %q from %s: want %q, %v", home, c.ref, c.from.Path, c.want, c.err)
			}
		}
	}
}

// TestCleanDir checks cleanDir against path.Dir on clean slash paths.
func TestCleanDir(t *testing.T) {
	for _, f := range []string{"a.md", "/a.md", "a/b.md", "content/x/y/_index.md", "/", "content/a b/c.md"} {
		if got, want := cleanDir(f), path.Dir(f); got != want {
			t.Errorf("cleanDir(%q) = %q, want %q", f, got, want)
		}
	}
}

func TestMemoOnceRunsOnce(t *testing.T) {
	var m sync.Map
	var calls atomic.Int32
	release := make(chan struct{})
	f := func(key string) string {
		calls.Add(1)
		<-release // every other goroutine asks while this one works
		return key + "!"
	}
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Go(func() { got[i] = memoOnce(&m, "k", f) })
	}
	time.Sleep(10 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("f ran %d times, want once", n)
	}
	for i, g := range got {
		if g != "k!" {
			t.Errorf("goroutine %d got %q, want %q", i, g, "k!")
		}
	}
}

// TestMovedReadOncePerRun: once the content root is listed, ResolveURL
// keeps no memo, and every link to a page asks whether its front matter
// moves it; the page's front matter is read for the first ask only.
func TestMovedReadOncePerRun(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/t.md": "---\ntitle: T\n---\n# T\n",
		"content/u.md": "---\nurl: /elsewhere/\n---\n# U\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	s.urls()
	if s.frontMatterURLsIfMoved("content/t.md") || !s.frontMatterURLsIfMoved("content/u.md") {
		t.Fatal("t.md should stay at its path URL and u.md move")
	}
	// Changed on disk during the run: the run keeps what it read.
	writeTree(t, root, map[string]string{"content/t.md": "---\nurl: /moved/\n---\n# T\n"})
	if s.frontMatterURLsIfMoved("content/t.md") {
		t.Error("t.md's front matter was read again")
	}
	if !NewSite(root, DefaultConfig(), nil).frontMatterURLsIfMoved("content/t.md") {
		t.Error("a new run does not see t.md's url")
	}
}

// TestURLCacheVersion: the version of a cache stays while its index does,
// and changes when the index is dropped (Invalidate, a save of front
// matter) or a publish date it read passes; Drops counts the indexes
// dropped or replaced. With no index held the version names none.
func TestURLCacheVersion(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a.md": "---\ntitle: a\n---\n",
		"content/handbook/b.md": "---\ntitle: b\npublishDate: 2026-01-01T01:00:00Z\n---\n",
	})
	cfg := DefaultConfig()
	cache := NewURLCache()
	none := cache.Version(root, cfg, t0)
	if none.idx != nil || none.Drops() != 0 {
		t.Fatalf("no index: version %+v", none)
	}
	build := func(now time.Time) {
		s := NewSite(root, cfg, nil)
		s.now = now
		s.useCache(cache)
		s.ResolveURL("/handbook/gone/") // every front matter is read
	}
	build(t0)
	v := cache.Version(root, cfg, t0)
	if v == none || v.idx == nil || v.Drops() != 0 {
		t.Fatalf("an index built: version %+v", v)
	}
	if cache.Version(root, cfg, t0.Add(30*time.Minute)) != v {
		t.Error("the version changed with no change")
	}
	if w := cache.Version(t.TempDir(), cfg, t0); w.idx != nil {
		t.Error("another root has the index")
	}
	if w := cache.Version(root, cfg, t0.Add(90*time.Minute)); w == v || w.idx != nil || w.Drops() != 0 {
		t.Errorf("the publish date passed: version %+v, before %+v", w, v)
	}
	build(t0.Add(90 * time.Minute))
	w := cache.Version(root, cfg, t0.Add(90*time.Minute))
	if w == v || w.idx == nil || w.Drops() != 1 {
		t.Errorf("rebuilt after the publish date: version %+v, before %+v", w, v)
	}
	writeTree(t, root, map[string]string{"content/handbook/a.md": "---\ntitle: a\naliases: [/handbook/x/]\n---\n"})
	cache.FileSaved(NewSite(root, cfg, nil), "content/handbook/a.md")
	if x := cache.Version(root, cfg, t0.Add(90*time.Minute)); x == w || x.idx != nil || x.Drops() != 2 {
		t.Errorf("front matter saved: version %+v, before %+v", x, w)
	}
	build(t0.Add(90 * time.Minute))
	cache.Invalidate()
	if x := cache.Version(root, cfg, t0.Add(90*time.Minute)); x.idx != nil || x.Drops() != 3 {
		t.Errorf("after Invalidate: version %+v", x)
	}
}
