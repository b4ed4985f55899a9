package lint

import (
	"testing"
	"time"
)

// TestPublishDates: pages whose publish date is to come or whose expiry
// date has passed are not published, as in Hugo 0.151's production build
// (each case checked against one, in 2026): the publish date is the first
// of publishDate, pubdate, published and the page date (date, lastmod,
// modified), the expiry date the first of expiryDate and unpublishdate.
func TestPublishDates(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md":            "---\ntitle: h\n---\n",
		"content/handbook/fut-date.md":          "---\ntitle: a\ndate: 2099-01-01\n---\n",
		"content/handbook/fut-pub.md":           "---\ntitle: a\npublishDate: 2099-01-01T10:00:00Z\n---\n",
		"content/handbook/fut-date-past-pub.md": "---\ntitle: a\ndate: 2099-01-01\npublishDate: 2001-01-01\n---\n",
		"content/handbook/expired.md":           "---\ntitle: a\nexpiryDate: 2001-01-01\n---\n",
		"content/handbook/unpub.md":             "---\ntitle: a\nunpublishdate: \"2001-01-01\"\n---\n",
		"content/handbook/pubdate.md":           "---\ntitle: a\npubdate: 2099-01-01\n---\n",
		"content/handbook/published.md":         "---\ntitle: a\npublished: 2099-01-01\n---\n",
		"content/handbook/lastmod.md":           "---\ntitle: a\nlastmod: 2099-01-01\n---\n",
		"content/handbook/toml.md":              "+++\ntitle = \"a\"\ndate = 2099-01-01T00:00:00Z\n+++\n",
		"content/handbook/toml-local.md":        "+++\ntitle = \"a\"\ndate = 2099-01-01\n+++\n",
		"content/handbook/toml-time.md":         "+++\ntitle = \"a\"\ndate = 2001-01-01T10:00:00\nexpiryDate = 2001-01-02\n+++\n",
		// published set to null makes a draft; a null date is the zero
		// date, as "" is (Hugo 0.151, found by random sites).
		"content/handbook/pub-null.md":       "---\ntitle: a\npublished:\n---\n",
		"content/handbook/pub-null-draft.md": "---\ntitle: a\npublished: ~\ndraft: false\n---\n",
		"content/handbook/date-null.md":      "---\ntitle: a\ndate:\nlastmod: 2099-03-04\n---\n",
		"content/handbook/case.md":           "---\ntitle: a\nPublishDate: 2099-06-01\n---\n",
		"content/handbook/past.md":           "---\ntitle: a\ndate: 2001-01-01\nexpiryDate: 2099-01-01\n---\n",
		"content/handbook/not-a-date.md":     "---\ntitle: a\ndate: someday\n---\n",
		// An empty date is no date: the next key counts; the zero expiry
		// date is none.
		"content/handbook/empty-pub.md":    "---\ntitle: a\npublishDate: \"\"\ndate: 2099-01-01\n---\n",
		"content/handbook/empty-expiry.md": "---\ntitle: a\nexpiryDate: \"\"\nunpublishdate: 2020-01-01\n---\n",
		"content/handbook/zero-expiry.md":  "---\ntitle: a\nexpirydate: 0001-01-01\n---\n",
		"content/handbook/offset.md":       "---\ntitle: a\ndate: \"2099-01-01 10:00:00 -07:00\"\n---\n",
		"content/handbook/ansic.md":        "---\ntitle: a\ndate: \"Thu Jan  1 10:00:00 2099\"\n---\n",
		"content/handbook/unix.md":         "---\ntitle: a\ndate: 4070908800\n---\n",
		"content/handbook/hugo-refuses.md": "---\ntitle: a\ndate: \"Jan 2, 2099\"\n---\n",
		"content/handbook/spaced.md":       "---\ntitle: a\ndate: \"  2099-01-01  \"\n---\n",
		"content/handbook/day-mon.md":      "---\ntitle: a\ndate: \"01 Jan 2099\"\n---\n",
		// An empty date is the zero date: the next keys do not count.
		"content/handbook/empty-date.md":    "---\ntitle: a\ndate: \"\"\nlastmod: 2099-01-01\n---\n",
		"content/handbook/empty-lastmod.md": "---\ntitle: a\nlastmod: \"\"\nmodified: 2099-01-01\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/handbook/fut-date/":          "",
		"/handbook/fut-pub/":           "",
		"/handbook/fut-date-past-pub/": "content/handbook/fut-date-past-pub.md",
		"/handbook/expired/":           "",
		"/handbook/unpub/":             "",
		"/handbook/pubdate/":           "",
		"/handbook/published/":         "",
		"/handbook/lastmod/":           "",
		"/handbook/toml/":              "",
		"/handbook/toml-local/":        "",
		"/handbook/toml-time/":         "",
		"/handbook/pub-null/":          "",
		"/handbook/pub-null-draft/":    "content/handbook/pub-null-draft.md",
		"/handbook/date-null/":         "content/handbook/date-null.md",
		"/handbook/case/":              "",
		"/handbook/past/":              "content/handbook/past.md",
		"/handbook/not-a-date/":        "content/handbook/not-a-date.md",
		"/handbook/empty-pub/":         "",
		"/handbook/empty-expiry/":      "",
		"/handbook/zero-expiry/":       "content/handbook/zero-expiry.md",
		"/handbook/offset/":            "",
		"/handbook/ansic/":             "",
		"/handbook/unix/":              "",
		// Dates Hugo does not read (it fails the build) decide nothing.
		"/handbook/hugo-refuses/":  "content/handbook/hugo-refuses.md",
		"/handbook/spaced/":        "content/handbook/spaced.md",
		"/handbook/day-mon/":       "",
		"/handbook/empty-date/":    "content/handbook/empty-date.md",
		"/handbook/empty-lastmod/": "",
	}, func(s *Site, _ bool) {
		if f, why := s.UnpublishedAt("/handbook/fut-date/"); f != "content/handbook/fut-date.md" || why != "date 2099-01-01T00:00:00Z is to come" {
			t.Errorf("UnpublishedAt(/handbook/fut-date/) = %q, %q", f, why)
		}
		if f, why := s.UnpublishedAt("/handbook/expired/"); f != "content/handbook/expired.md" || why != "expiryDate 2001-01-01T00:00:00Z has passed" {
			t.Errorf("UnpublishedAt(/handbook/expired/) = %q, %q", f, why)
		}
		if f, _ := s.UnpublishedAt("/handbook/past/"); f != "" {
			t.Errorf("UnpublishedAt(/handbook/past/) = %q for a published page", f)
		}
	})
}

// TestCascade: values a cascade key sets reach the page that holds it,
// the pages of its section and of the sections below, unless a page sets
// the key itself; a _target limits them by path glob and kind (each case
// checked against a Hugo 0.151 build).
func TestCascade(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md":     "---\ntitle: h\n---\n",
		"content/handbook/a/_index.md":   "---\ntitle: A\ncascade:\n  draft: true\n---\n",
		"content/handbook/a/x.md":        "---\ntitle: x\n---\n",
		"content/handbook/a/y.md":        "---\ntitle: y\ndraft: false\n---\n",
		"content/handbook/b/_index.md":   "---\ntitle: B\ncascade:\n  build:\n    render: never\n---\n",
		"content/handbook/b/x.md":        "---\ntitle: x\n---\n",
		"content/handbook/c/_index.md":   "---\ntitle: C\ncascade:\n  - _target:\n      path: /handbook/c/x\n    build:\n      render: never\n---\n",
		"content/handbook/c/x.md":        "---\ntitle: x\n---\n",
		"content/handbook/c/y.md":        "---\ntitle: y\n---\n",
		"content/handbook/q/_index.md":   "---\ntitle: Q\ncascade:\n  headless: true\n---\n",
		"content/handbook/q/r/_index.md": "---\ntitle: R\n---\n",
		"content/handbook/q/r/x.md":      "---\ntitle: x\n---\n",
		"content/handbook/k/_index.md":   "---\ntitle: K\ncascade:\n  _target:\n    kind: page\n  draft: true\n---\n",
		"content/handbook/k/x.md":        "---\ntitle: x\n---\n",
		"content/handbook/l/_index.md":   "---\ntitle: L\ncascade:\n  - _target:\n      path: \"/handbook/l/a*\"\n    draft: true\n  - target:\n      path: \"**/zz\"\n    build:\n      render: never\n---\n",
		"content/handbook/l/ab.md":       "---\ntitle: ab\n---\n",
		"content/handbook/l/b.md":        "---\ntitle: b\n---\n",
		"content/handbook/l/zz.md":       "---\ntitle: zz\n---\n",
		"content/handbook/p/_index.md":   "---\ntitle: P\ncascade:\n  date: 2099-01-01\n---\n",
		"content/handbook/p/x.md":        "---\ntitle: x\n---\n",
		"content/handbook/p/y.md":        "---\ntitle: y\ndate: 2001-01-01\n---\n",
		"content/handbook/self.md":       "---\ntitle: self\ncascade:\n  draft: true\n---\n",
		"content/handbook/t/_index.md":   "+++\ntitle = \"T\"\n[cascade]\ndraft = true\n+++\n",
		"content/handbook/t/x.md":        "---\ntitle: x\n---\n",
		// A cascade's params are front matter too; an invalid target
		// pattern is ignored; a section's page may be _index.en.md.
		"content/handbook/pa/_index.md": "---\ntitle: P\ncascade:\n  params:\n    draft: true\n---\n",
		"content/handbook/pa/x.md":      "---\ntitle: x\n---\n",
		"content/handbook/cp/_index.md": "---\ntitle: C\ncascade:\n  publishDate: 2000-01-01\n  params:\n    publishDate: 2099-01-01\n---\n",
		"content/handbook/cp/p.md":      "---\ntitle: p\n---\n",
		// Cascaded params beat cascaded keys of entries with the same
		// target (none here), across list entries and levels, which Hugo
		// joins into one entry (see TestCascadeMerge).
		"content/handbook/lp/_index.md":      "---\ntitle: L\ncascade:\n  - draft: false\n  - params:\n      draft: true\n---\n",
		"content/handbook/lp/h.md":           "---\ntitle: h\n---\n",
		"content/handbook/up/_index.md":      "---\ntitle: U\ncascade:\n  params:\n    draft: false\n---\n",
		"content/handbook/up/docs/_index.md": "---\ntitle: D\ncascade:\n  - draft: yes\n---\n",
		"content/handbook/up/docs/g.md":      "---\ntitle: g\n---\n",
		// ... even over the page's own cascade.
		"content/handbook/sp/_index.md":     "---\ntitle: S\ncascade:\n  params:\n    draft: true\n---\n",
		"content/handbook/sp/docs/index.md": "---\ntitle: d\ncascade:\n  - draft: no\n---\n",
		// A bundle's section file is a resource: its cascade counts for
		// nothing.
		"content/handbook/bun/_index.md":   "---\ntitle: B\ncascade:\n  date: 2099-03-04\n---\n",
		"content/handbook/bun/index.en.md": "---\ntitle: b\n---\n",
		"content/handbook/own/x.md":        "---\ntitle: x\nparams:\n  draft: true\n---\n",
		"content/handbook/bad/_index.md":   "---\ntitle: B\ncascade:\n  _target:\n    path: \"/handbook/bad/[]a]\"\n  draft: true\n---\n",
		"content/handbook/bad/a.md":        "---\ntitle: a\n---\n",
		"content/handbook/open/_index.md":  "---\ntitle: O\ncascade:\n  _target:\n    path: \"/handbook/open/{a\"\n  draft: true\n---\n",
		"content/handbook/open/a.md":       "---\ntitle: a\n---\n",
		"content/handbook/en/_index.en.md": "---\ntitle: E\ncascade:\n  draft: true\n---\n",
		"content/handbook/en/a.md":         "---\ntitle: a\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/handbook/a/":         "",
		"/handbook/a/x/":       "",
		"/handbook/a/y/":       "content/handbook/a/y.md",
		"/handbook/b/":         "",
		"/handbook/b/x/":       "",
		"/handbook/c/":         "content/handbook/c/_index.md",
		"/handbook/c/x/":       "",
		"/handbook/c/y/":       "content/handbook/c/y.md",
		"/handbook/q/r/":       "",
		"/handbook/q/r/x/":     "",
		"/handbook/k/":         "content/handbook/k/_index.md",
		"/handbook/k/x/":       "",
		"/handbook/l/":         "content/handbook/l/_index.md",
		"/handbook/l/ab/":      "",
		"/handbook/l/b/":       "content/handbook/l/b.md",
		"/handbook/l/zz/":      "",
		"/handbook/p/":         "",
		"/handbook/p/x/":       "",
		"/handbook/p/y/":       "content/handbook/p/y.md",
		"/handbook/self/":      "",
		"/handbook/t/x/":       "",
		"/handbook/pa/x/":      "",
		"/handbook/cp/p/":      "", // a cascade's params win over its keys
		"/handbook/lp/h/":      "",
		"/handbook/up/docs/g/": "content/handbook/up/docs/g.md",
		"/handbook/sp/docs/":   "",
		"/handbook/bun/":       "content/handbook/bun/index.en.md",
		"/handbook/own/x/":     "content/handbook/own/x.md",
		"/handbook/bad/":       "",
		"/handbook/bad/a/":     "",
		"/handbook/open/":      "content/handbook/open/_index.md",
		"/handbook/open/a/":    "",
		"/handbook/en/a/":      "",
	}, func(s *Site, _ bool) {
		if f, why := s.UnpublishedAt("/handbook/q/r/x/"); f != "content/handbook/q/r/x.md" || why != "headless: true, cascaded from the section content/handbook/q" {
			t.Errorf("UnpublishedAt(/handbook/q/r/x/) = %q, %q", f, why)
		}
		if f, why := s.UnpublishedAt("/handbook/self/"); f != "content/handbook/self.md" || why != "draft: true, set by its own cascade" {
			t.Errorf("UnpublishedAt(/handbook/self/) = %q, %q", f, why)
		}
	})
}

func TestHugoGlob(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		want       bool
	}{
		{"/handbook/l/a*", "/handbook/l/ab", true},
		{"/handbook/l/a*", "/handbook/l/a/b", false},
		{"**/zz", "/handbook/l/zz", true},
		{"/handbook/**", "/handbook/a/b", true},
		{"/handbook/?", "/handbook/x", true},
		{"/handbook/?", "/handbook/xy", false},
		{"{page,section}", "section", true},
		{"{page,section}", "home", false},
		{"/x/[ab]", "/x/b", true},
		{"/x/[!ab]", "/x/b", false},
		{"/x.y", "/xzy", false},
		{"/x/{a", "/x/a", true},    // a brace left open is closed at the end
		{"/x/[]a]", "/x/a", false}, // not a valid pattern: nil
		{"/x/[a-", "/x/a", false},  // an unclosed class: not valid
		{`/x/p\`, "/x/p", true},    // a trailing backslash is dropped
	} {
		re := hugoGlob(c.pattern)
		if got := re != nil && re.MatchString(c.s); got != c.want {
			t.Errorf("hugoGlob(%q) on %q = %v, want %v", c.pattern, c.s, got, c.want)
		}
	}
}

// TestPublishStateNow checks the boundary of the clock: a publish date
// before now is published, one after it is not.
func TestPublishStateNow(t *testing.T) {
	now := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	for date, want := range map[string]int{
		"2030-06-01T11:59:59Z":      renderAlways,
		"2030-06-01T12:00:01Z":      renderNone,
		"2030-06-01T13:00:00+02:00": renderAlways, // 11:00 UTC
		"2030-06-01":                renderAlways,
		"2030-06-02":                renderNone,
	} {
		fm := &Node{Kind: MapNode, Children: []*Node{{Kind: ScalarNode, Key: "date", Value: date}}}
		if got, _ := publishState(pubView{own: fm}, now); got != want {
			t.Errorf("date %s at %v: state %d, want %d", date, now, got, want)
		}
	}
}

// TestDraftHomePage: Hugo makes the home page and top-level sections
// itself only when they have no page of their own; a draft one is no page
// (checked against Hugo 0.151).
func TestDraftHomePage(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/_index.md":          "---\ntitle: home\ndraft: true\n---\n",
		"content/handbook/_index.md": "---\ntitle: h\ndraft: true\n---\n",
		"content/handbook/a.md":      "---\ntitle: a\n---\n",
		"content/other/b.md":         "---\ntitle: b\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/":            "",
		"/handbook/":   "",
		"/handbook/a/": "content/handbook/a.md",
		"/other/":      "content/other/_index.md",
	}, func(*Site, bool) {})
}

// TestAutoSectionCascade: a top-level section Hugo makes itself (no
// _index.md) has no front matter of its own; the home page's cascade
// decides whether Hugo writes it, with its _target (path, kind, the older
// target key), even when the home page itself is a draft, and whatever the
// pages below it do. A section with an _index.md is decided by its own
// front matter over the cascade; a deeper folder without one has no page.
// Each case checked against Hugo 0.151's build of this tree.
func TestAutoSectionCascade(t *testing.T) {
	home := "---\ntitle: home\ndraft: true\ncascade:\n" +
		"  - _target:\n      path: /c-draft\n    draft: true\n" +
		"  - _target:\n      path: /c-headless\n    headless: true\n" +
		"  - _target:\n      path: /c-never\n    _build:\n      render: never\n" +
		"  - _target:\n      path: /c-link\n    _build:\n      render: link\n" +
		"  - _target:\n      path: /c-build\n    build:\n      render: never\n" +
		"  - _target:\n      path: /c-future\n    publishDate: 2999-01-01\n" +
		"  - _target:\n      path: /c-expired\n    expiryDate: 2000-01-01\n" +
		"  - target:\n      path: /c-old-target\n    draft: true\n" +
		"  - _target:\n      kind: section\n      path: \"/c-kind*\"\n    params:\n      draft: true\n" +
		"  - _target:\n      kind: page\n    headless: true\n" +
		"  - _target:\n      path: /c-list\n    _build:\n      list: never\n" +
		"  - _target:\n      path: /c-below/**\n    draft: true\n" +
		"  - _target:\n      path: /c-own\n    draft: true\n" +
		"---\n"
	files := map[string]string{
		"content/_index.md":       home,
		"content/c-own/_index.md": "---\ntitle: own\ndraft: false\n---\n",
		"content/plain/deep/q.md": "---\ntitle: q\nheadless: false\n---\n",
	}
	for _, d := range []string{"c-draft", "c-headless", "c-never", "c-link", "c-build", "c-future", "c-expired", "c-old-target", "c-kind-sec", "c-list", "c-below", "c-own", "plain"} {
		files["content/"+d+"/p.md"] = "---\ntitle: p\nheadless: false\n---\n"
	}
	root := writeTree(t, t.TempDir(), files)
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/":              "",
		"/c-draft/":      "",
		"/c-headless/":   "",
		"/c-never/":      "",
		"/c-link/":       "",
		"/c-build/":      "",
		"/c-future/":     "",
		"/c-expired/":    "",
		"/c-old-target/": "",
		"/c-kind-sec/":   "",
		"/c-list/":       "content/c-list/_index.md",
		"/c-below/":      "content/c-below/_index.md",
		"/c-below/p/":    "",
		"/c-own/":        "content/c-own/_index.md",
		"/plain/":        "content/plain/_index.md",
		"/plain/deep/":   "",
		"/plain/deep/q/": "content/plain/deep/q.md",
		"/c-draft/p/":    "content/c-draft/p.md",
	}, func(s *Site, walked bool) {
		for u, want := range map[string][2]string{
			"/c-draft/":    {"content/c-draft", "draft: true, cascaded from the home page"},
			"/c-headless/": {"content/c-headless", "headless: true, cascaded from the home page"},
			"/c-link/":     {"content/c-link", "build option render: link, cascaded from the home page"},
			"/c-kind-sec/": {"content/c-kind-sec", "draft: true, cascaded from the home page"},
			"/c-list/":     {"", ""},
			"/c-own/":      {"", ""}, // its own _index.md: UnpublishedAt's
			"/":            {"", ""}, // the home page's own _index.md too
			"/plain/deep/": {"", ""},
		} {
			if dir, why := s.UnpublishedSectionAt(u); dir != want[0] || why != want[1] {
				t.Errorf("walked %v: UnpublishedSectionAt(%q) = %q, %q, want %q, %q", walked, u, dir, why, want[0], want[1])
			}
		}
	})
}

// TestKeysInAnotherCase: Hugo lower-cases front matter keys, and a key in
// another case than lower case replaces the lower-case one, wherever each
// is written (Hugo 0.151, each case checked against it in 2026). Two keys
// in other cases are a random pick in Hugo: the front-matter rule reports
// them, so no case here depends on one.
func TestKeysInAnotherCase(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/_index.md":      "---\ntitle: h\n---\n",
		"content/handbook/draft-last.md":  "---\ntitle: a\ndraft: false\nDraft: true\n---\n",
		"content/handbook/draft-first.md": "---\ntitle: a\nDraft: true\ndraft: false\n---\n",
		"content/handbook/inner.md":       "---\ntitle: a\ndRaft: true\ndraft: false\n---\n",
		"content/handbook/kept.md":        "---\ntitle: a\ndraft: true\ndrafT: false\n---\n",
		"content/handbook/toml.md":        "+++\ntitle = \"a\"\ndraft = false\nDraft = true\n+++\n",
		"content/handbook/json.md":        "{\"title\": \"a\", \"draft\": false, \"Draft\": true}\n",
		"content/handbook/date.md":        "---\ntitle: a\ndate: 2099-01-01\nDate: 2000-01-01\n---\n",
		"content/handbook/date2.md":       "---\ntitle: a\nDate: 2099-01-01\ndate: 2000-01-01\n---\n",
		"content/handbook/slug.md":        "---\ntitle: a\nslug: s2\nSlug: s1\n---\n",
		"content/handbook/url.md":         "---\ntitle: a\nURL: /u1/\nurl: /u2/\n---\n",
		"content/handbook/aliases.md":     "---\ntitle: a\nAliases: [/a1/]\naliases: [/a2/]\n---\n",
		"content/handbook/s/_index.md":    "---\ntitle: s\ncascade:\n  draft: false\n  Draft: true\n---\n",
		"content/handbook/s/t.md":         "---\ntitle: t\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/handbook/draft-last/":  "",
		"/handbook/draft-first/": "",
		"/handbook/inner/":       "",
		"/handbook/kept/":        "content/handbook/kept.md",
		"/handbook/toml/":        "",
		"/handbook/json/":        "",
		"/handbook/date/":        "content/handbook/date.md",
		"/handbook/date2/":       "",
		"/handbook/s1/":          "content/handbook/slug.md",
		"/handbook/s2/":          "",
		"/u1/":                   "content/handbook/url.md",
		"/u2/":                   "",
		"/a1/":                   "content/handbook/aliases.md",
		"/a2/":                   "",
		"/handbook/s/":           "",
		"/handbook/s/t/":         "",
	}, func(s *Site, _ bool) {
		if f, why := s.UnpublishedAt("/handbook/draft-first/"); f != "content/handbook/draft-first.md" || why != "draft: true" {
			t.Errorf("UnpublishedAt(/handbook/draft-first/) = %q, %q", f, why)
		}
	})
}

// TestSectionFileInTheLanguageWins: of _index.md and _index.en.md in one
// folder Hugo 0.151 keeps _index.en.md and ignores the other, cascade and
// all (checked with a Hugo build): the cascade read is the kept file's,
// whether or not the front matter index is built yet.
func TestSectionFileInTheLanguageWins(t *testing.T) {
	files := map[string]string{
		"content/handbook/x/_index.md":    "---\ntitle: X\ncascade:\n  draft: true\n---\n",
		"content/handbook/x/_index.en.md": "---\ntitle: X en\n---\n",
		"content/handbook/x/p.md":         "---\ntitle: p\n---\n",
		"content/handbook/y/_index.md":    "---\ntitle: Y\n---\n",
		"content/handbook/y/_index.en.md": "---\ntitle: Y en\ncascade:\n  draft: true\n---\n",
		"content/handbook/y/q.md":         "---\ntitle: q\n---\n",
		"content/handbook/l.md":           "---\ntitle: l\n---\n",
	}
	for _, built := range []bool{false, true} {
		s := newTestSite(t, files, "content/handbook/l.md")
		if built {
			s.frontMatterURLs()
		}
		if f, why := s.UnpublishedAt("/handbook/x/p/"); f != "" {
			t.Errorf("index built %v: /handbook/x/p/ unpublished (%s), want published: x/_index.md is ignored", built, why)
		}
		if f, _ := s.UnpublishedAt("/handbook/y/q/"); f != "content/handbook/y/q.md" {
			t.Errorf("index built %v: /handbook/y/q/ published, want a draft by y/_index.en.md's cascade", built)
		}
	}
}

// TestCascadeMerge: Hugo 0.151 keeps a page's cascade as entries by
// target, its own first, then its sections', nearest first; an entry
// with the target of an earlier one joins it (its keys after the earlier
// one's) instead of taking its own place. So a section's cascade without
// a target pulls the home page's targetless entry before the home page's
// targeted ones (each case checked against a Hugo 0.151 build).
func TestCascadeMerge(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/_index.md": "---\ntitle: Home\ncascade:\n  - draft: true\n    _target:\n      path: '/{s,t,u,v}/**'\n  - draft: false\n---\n",
		// A targetless entry of its own: the home page's draft: false
		// joins it, ahead of the targeted draft: true.
		"content/s/_index.md": "---\ntitle: S\ncascade:\n  weight: 5\n---\n",
		"content/s/p.md":      "---\ntitle: SP\n---\n",
		// No cascade of its own: the home page's entries in their order.
		"content/t/_index.md": "---\ntitle: T\n---\n",
		"content/t/p.md":      "---\ntitle: TP\n---\n",
		// An entry with another target: no joining.
		"content/u/_index.md": "---\ntitle: U\ncascade:\n  weight: 5\n  _target:\n    kind: page\n---\n",
		"content/u/p.md":      "---\ntitle: UP\n---\n",
		// A page's own targetless cascade joins the same way.
		"content/v/p.md": "---\ntitle: VP\ncascade:\n  - _build:\n      render: link\n_build:\n  render: always\n---\n",
		// Two entries of one list with one target: the first one's keys
		// win.
		"content/w/_index.md": "---\ntitle: W\ncascade:\n  - draft: true\n  - draft: false\n---\n",
		"content/w/p.md":      "---\ntitle: WP\n---\n",
		"content/x/_index.md": "---\ntitle: X\ncascade:\n  - draft: false\n  - draft: true\n---\n",
		"content/x/p.md":      "---\ntitle: XP\n---\n",
		// Params beat keys within an entry only: an earlier entry's key
		// beats a later entry's params.
		"content/y/_index.md":  "---\ntitle: Y\ncascade:\n  - draft: false\n  - params:\n      draft: true\n    _target:\n      kind: page\n---\n",
		"content/y/p.md":       "---\ntitle: YP\n---\n",
		"content/z/_index.md":  "---\ntitle: Z\ncascade:\n  - params:\n      draft: true\n    _target:\n      kind: page\n  - draft: false\n---\n",
		"content/z/p.md":       "---\ntitle: ZP\n---\n",
		"content/z2/_index.md": "---\ntitle: Z2\ncascade:\n  - draft: true\n    target:\n      kind: page\n  - draft: false\n    _target:\n      kind: page\n---\n",
		"content/z2/p.md":      "---\ntitle: Z2P\n---\n",
	})
	checkResolveURL(t, root, func(s *Site) { s.frontMatterURLs() }, map[string]string{
		"/s/":   "content/s/_index.md",
		"/s/p/": "content/s/p.md",
		"/t/":   "content/t/_index.md",
		"/t/p/": "",
		"/u/":   "content/u/_index.md",
		"/u/p/": "",
		"/v/p/": "content/v/p.md",
		"/w/":   "",
		"/w/p/": "",
		"/x/":   "content/x/_index.md",
		"/x/p/": "content/x/p.md",
		"/y/p/": "content/y/p.md",
		"/z/p/": "",
		// target and _target are one target: the first entry wins.
		"/z2/p/": "",
	}, func(*Site, bool) {})
}
