package rules_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/anchor"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
)

// TestListMarkerIncludersOutsideRun checks that a run over some of the
// pages, or over the career pages only, withholds the fix of a list at the start of an included file when
// a page outside the run pastes that file right after a list of its own,
// directly or through another include file: the fix would join the two
// lists there. An editor's unsaved text of that page counts instead of
// the file, and with no such page the fix is offered.
func TestListMarkerIncludersOutsideRun(t *testing.T) {
	const (
		page   = matrix + "x/senior.md"
		shared = "assets/includes/shared.md"
		other  = "content/handbook/other/page.md"
	)
	site := func(t *testing.T, otherText string) string {
		root := t.TempDir()
		writeFile(t, root, page, "---\ntitle: Senior\n---\n\nText before.\n\n{{% include \"includes/shared.md\" %}}\n\nText after.\n")
		writeFile(t, root, shared, "* one\n* two\n")
		writeFile(t, root, "assets/includes/wrap.md", "{{% include \"includes/shared.md\" %}}\n")
		if otherText != "" {
			writeFile(t, root, other, "---\ntitle: Other\n---\n\n"+otherText)
		}
		return root
	}
	runPaths := func(t *testing.T, root string, overlay map[string][]byte, paths ...string) []lint.Diagnostic {
		t.Helper()
		cfg := linttest.Config(t, root, rules.All())
		cfg.Pages = lint.DefaultConfig().Pages // the level pages only
		res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.ListMarker},
			Paths: paths, Overlay: overlay})
		if err != nil {
			t.Fatal(err)
		}
		var out []lint.Diagnostic
		for _, d := range res.Diagnostics {
			if d.Span.File == shared {
				out = append(out, d)
			}
		}
		if len(out) != 2 {
			t.Fatalf("%d list-marker findings in %s, want 2: %v", len(out), shared, res.Diagnostics)
		}
		return out
	}
	run := func(t *testing.T, root string, overlay map[string][]byte) []lint.Diagnostic {
		t.Helper()
		return runPaths(t, root, overlay, filepath.Join(root, filepath.FromSlash(page)))
	}
	withheld := func(t *testing.T, ds []lint.Diagnostic, at string) {
		t.Helper()
		for i, d := range ds {
			if len(d.Fixes) != 0 || !strings.Contains(d.Message, "rewrite this list by hand") {
				t.Errorf("%+v: fix offered (%q), want it withheld", d.Span, d.Message)
			}
			if i > 0 {
				// A later bullet points at the first, whose finding says why.
				if !slices.ContainsFunc(d.Related, func(r lint.Related) bool { return r.Span == ds[0].Span }) {
					t.Errorf("%+v: related %v, want the list's first bullet %+v", d.Span, d.Related, ds[0].Span)
				}
				continue
			}
			if !slices.ContainsFunc(d.Related, func(r lint.Related) bool { return r.Span.File == at }) {
				t.Errorf("%+v: related %v, want the include in %s", d.Span, d.Related, at)
			}
		}
	}
	offered := func(t *testing.T, ds []lint.Diagnostic) {
		t.Helper()
		for _, d := range ds {
			if len(d.Fixes) != 1 {
				t.Errorf("%+v: %d fixes (%q), want the marker rewritten", d.Span, len(d.Fixes), d.Message)
			}
		}
	}
	t.Run("direct", func(t *testing.T) {
		withheld(t, run(t, site(t, "- a list of the page\n\n{{% include \"includes/shared.md\" %}}\n"), nil), other)
	})
	t.Run("through another include", func(t *testing.T) {
		withheld(t, run(t, site(t, "- a list of the page\n\n{{% include \"includes/wrap.md\" %}}\n"), nil), other)
	})
	t.Run("unsaved text", func(t *testing.T) {
		root := site(t, "- a list of the page\n\n{{% include \"includes/shared.md\" %}}\n")
		offered(t, run(t, root, map[string][]byte{other: []byte("---\ntitle: Other\n---\n\nNo include now.\n")}))
		root = site(t, "")
		withheld(t, run(t, root, map[string][]byte{other: []byte("- a list\n\n{{% include \"includes/shared.md\" %}}\n")}), other)
		// Through another include file, which the run does not read:
		// named in the unsaved text only, and in the text of a page open
		// in an editor as it is on disk.
		withheld(t, run(t, root, map[string][]byte{other: []byte("- a list\n\n{{% include \"includes/wrap.md\" %}}\n")}), other)
		text := "- a list of the page\n\n{{% include \"includes/wrap.md\" %}}\n"
		root = site(t, text)
		withheld(t, run(t, root, map[string][]byte{other: []byte("---\ntitle: Other\n---\n\n" + text)}), other)
	})
	t.Run("every career page", func(t *testing.T) {
		// A run without paths lints the career pages, not the other
		// pages of the content folder, which may paste the file too.
		withheld(t, runPaths(t, site(t, "- a list of the page\n\n{{% include \"includes/shared.md\" %}}\n"), nil), other)
	})
	t.Run("apart", func(t *testing.T) {
		offered(t, run(t, site(t, "Text before.\n\n{{% include \"includes/shared.md\" %}}\n"), nil))
	})
	t.Run("no other page", func(t *testing.T) {
		offered(t, run(t, site(t, ""), nil))
	})
}

// TestListMarkerPageListReadsNoOtherPages: a list that ends a linted page
// (not an included file) is pasted nowhere else that a search of the
// other pages would find (it looks for the run's included files), so its
// finding in a run over some pages does not read every page of the
// content folder.
func TestListMarkerPageListReadsNoOtherPages(t *testing.T) {
	const page = matrix + "x/senior.md"
	root := t.TempDir()
	writeFile(t, root, page, "---\ntitle: Senior\n---\n\n{{% include \"includes/shared.md\" %}}\n\nText.\n\n* one\n* two\n")
	writeFile(t, root, "assets/includes/shared.md", "Shared text.\n")
	writeFile(t, root, "content/handbook/other/page.md", "---\ntitle: Other\n---\n\n{{% include \"includes/shared.md\" %}}\n")
	cfg := linttest.Config(t, root, rules.All())
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.ListMarker, rules.Whitespace},
		Paths: []string{filepath.Join(root, filepath.FromSlash(page))}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range res.Diagnostics {
		if d.Rule == rules.ListMarker && d.Span.File == page && len(d.Fixes) == 1 {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d fixable list-marker findings in the page, want 2: %v", n, res.Diagnostics)
	}
	if res.Site.ReadOtherPages() {
		t.Error("the run read the other pages for a list of a linted page")
	}
}

// TestListMarkerIncludeMiddleReadsNoOtherPages: a list inside an included
// file, text before and after it, is checked against the pages of the run
// that paste the file, and a run over one page does not read every other
// page of the site for it (only a list at the start or end of the file,
// which lists around the include may join, needs the pages beyond the run).
func TestListMarkerIncludeMiddleReadsNoOtherPages(t *testing.T) {
	const page = matrix + "x/senior.md"
	root := t.TempDir()
	writeFile(t, root, page, "---\ntitle: Senior\n---\n\n{{% include \"includes/shared.md\" %}}\n")
	writeFile(t, root, "assets/includes/shared.md", "Shared text.\n\n* one\n* two\n\nMore text.\n")
	writeFile(t, root, "content/handbook/other/page.md", "---\ntitle: Other\n---\n\n{{% include \"includes/shared.md\" %}}\n")
	cfg := linttest.Config(t, root, rules.All())
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.ListMarker},
		Paths: []string{filepath.Join(root, filepath.FromSlash(page))}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range res.Diagnostics {
		if d.Rule == rules.ListMarker && d.Span.File == "assets/includes/shared.md" && len(d.Fixes) == 1 {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d fixable list-marker findings in the include, want 2: %v", n, res.Diagnostics)
	}
	if res.Site.ReadOtherPages() {
		t.Error("the run read the other pages for a list inside an included file")
	}
}

// TestListMarkerKeepApartKeepsRendering checks list-marker's suggestion
// for a list that its fix would join to a list next to it across a blank
// line, or a loose list to a tight one, or nest in one: the line
// "<!-- -->" it puts between them keeps the two lists apart, so that with the suggestion
// applied and the markers rewritten (--fix --apply-suggestions) the page
// renders as before, save for the HTML comment and lists right after one
// another joined into one, and every bullet takes the expected marker.
func TestListMarkerKeepApartKeepsRendering(t *testing.T) {
	md := anchor.NewMarkdown()
	render := func(src []byte) string {
		var b strings.Builder
		if err := md.Convert(src, &b); err != nil {
			t.Fatal(err)
		}
		// The comment is a block of its own, which Hugo does not show
		// (goldmark writes it as it is written, a line break included,
		// and after a tab the columns the container does not take).
		var out []string
		for line := range strings.Lines(strings.ReplaceAll(b.String(), "\r", "")) {
			if strings.TrimSpace(line) != "<!-- -->" && strings.TrimSpace(line) != "" {
				out = append(out, line)
			}
		}
		// Bullet lists right after one another join into one, as the
		// rule means them to (each item read as before).
		return strings.ReplaceAll(strings.Join(out, ""), "</ul>\n<ul>\n", "")
	}
	for _, page := range []string{
		"- a\n\n* b\n",                              // a blank line, the neighbour before
		"* a\n\n- b\n",                              // a blank line, the neighbour after
		"* a\n\n+ b\n",                              // both rewritten
		"- a\n\n* b\n\n- c\n",                       // on both sides
		"Text.\n- a\n\n* b\nlazy text\n",            // text around them
		"- a\n\n  Its paragraph.\n* b\n",            // loose, then tight
		"- a\n* b\n\n  Its paragraph.\n",            // tight, then loose
		"* a\n\n  Its paragraph.\n- b\n",            // loose, then tight, the first rewritten
		"- x\n  - a\n\n  * b\n",                     // nested
		"- x\n  - a\n  * b\n\n    Its paragraph.\n", // nested, tight then loose
		"1. x\n   - a\n\n   * b\n",                  // in an ordered item
		"> - a\n>\n> * b\n",                         // quoted
		"> - a\n> * b\n>\n>   Its paragraph.\n",     // quoted, tight then loose
		"- x\n\n\t- a\n\n\t* b\n",                   // indented with a tab
		"- a\r\n\r\n* b\r\n",                        // CRLF
		"-\n\n*\n",                                  // empty items
		"- a\n\n  Its paragraph.\n+ b\n* c\n",       // a tight list after one that joins a loose one
		"* a\n  + b\n\n  * c\n",                     // lists inside the items join
		"-\n   * a\n",                               // a list under an empty item, which "-" would nest
		"+\n  * a\n",                                // the same, both rewritten
		"- x\n  -\n     * a\n",                      // the same, nested
		"*\n  - a\n",                                // a list of dashes under an empty item, which "-" for it would nest
	} {
		root := t.TempDir()
		file := matrix + "x/senior.md"
		src := "---\ntitle: Senior\n---\n\n" + page
		writeFile(t, root, file, src)
		cfg := linttest.Config(t, root, rules.All())
		opt := lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.ListMarker}, ApplySuggestions: true}
		fixed, err := lint.FixAll(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range fixed.Result.Diagnostics {
			t.Errorf("%q: after --fix --apply-suggestions: %s", page, d.Message)
		}
		ff, ok := fixed.Files[file]
		if !ok {
			t.Errorf("%q: nothing fixed", page)
			continue
		}
		body := strings.TrimPrefix(string(ff.New), "---\ntitle: Senior\n---\n\n")
		if before, after := render([]byte(page)), render([]byte(body)); before != after {
			t.Errorf("%q fixed as %q renders\n%s\nrather than\n%s", page, body, after, before)
		}
	}
}

// TestListMarkerPastedAdviceKeepsRendering follows what list-marker says
// of a list that an include puts next to another: with the line
// "<!-- -->" next to the include, between two lists that read as two, or
// with the bullets of both rewritten, where they read as one, the
// markers are all rewritten and each page renders as before, its
// includes pasted as Hugo pastes them.
func TestListMarkerPastedAdviceKeepsRendering(t *testing.T) {
	const page = matrix + "x/senior.md"
	includeRE := regexp.MustCompile(`\{\{% include "([^"]+)" %\}\}`)
	md := anchor.NewMarkdown()
	render := func(root string) string {
		read := func(rel string) string {
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		// Hugo pastes the included file's text in place of the shortcode.
		src := includeRE.ReplaceAllStringFunc(read(page), func(sc string) string {
			return read("assets/" + includeRE.FindStringSubmatch(sc)[1])
		})
		var b strings.Builder
		if err := md.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		var out []string
		for line := range strings.Lines(b.String()) {
			if strings.TrimSpace(line) != "<!-- -->" {
				out = append(out, line)
			}
		}
		return strings.Join(out, "")
	}
	const front = "---\ntitle: Senior\n---\n\n"
	for _, c := range []struct {
		name            string
		files, followed map[string]string
		how             string
	}{{
		name:     "an included list of stars before a page list of dashes",
		files:    map[string]string{page: front + "Text.\n\n{{% include \"includes/a.md\" %}}\n- Page item.\n", "assets/includes/a.md": "* Included item.\n"},
		followed: map[string]string{page: front + "Text.\n\n{{% include \"includes/a.md\" %}}\n<!-- -->\n- Page item.\n"},
		how:      "; to keep them two lists, put a line <!-- --> between them, right after the include",
	}, {
		name:     "a page list of stars before an included list of dashes",
		files:    map[string]string{page: front + "* Page item.\n\n{{% include \"includes/b.md\" %}}\n", "assets/includes/b.md": "- Included item.\n"},
		followed: map[string]string{page: front + "* Page item.\n\n<!-- -->\n{{% include \"includes/b.md\" %}}\n"},
		how:      "; to keep them two lists, put a line <!-- --> between them, right before the include",
	}, {
		name:     "a page list of stars after an included list of dashes",
		files:    map[string]string{page: front + "Text.\n\n{{% include \"includes/d.md\" %}}\n* Page item.\n", "assets/includes/d.md": "- Included item.\n"},
		followed: map[string]string{page: front + "Text.\n\n{{% include \"includes/d.md\" %}}\n<!-- -->\n* Page item.\n"},
		how:      "; to keep them two lists, put a line <!-- --> between them, right after the include",
	}, {
		name:     "an included list of stars after a page list of dashes",
		files:    map[string]string{page: front + "- Page item.\n\n{{% include \"includes/e.md\" %}}\n", "assets/includes/e.md": "* Included item.\n"},
		followed: map[string]string{page: front + "- Page item.\n\n<!-- -->\n{{% include \"includes/e.md\" %}}\n"},
		how:      "; to keep them two lists, put a line <!-- --> between them, right before the include",
	}, {
		name:     "an included list of stars between two page lists of dashes",
		files:    map[string]string{page: front + "- Page item.\n\n{{% include \"includes/f.md\" %}}\n- Another page item.\n", "assets/includes/f.md": "* Included item.\n"},
		followed: map[string]string{page: front + "- Page item.\n\n<!-- -->\n{{% include \"includes/f.md\" %}}\n<!-- -->\n- Another page item.\n"},
		how:      "; to keep them two lists, put a line <!-- --> between them, right before and right after the include",
	}, {
		name:     "a page list of stars and an included one, one list",
		files:    map[string]string{page: front + "* Page item.\n{{% include \"includes/c.md\" %}}\n", "assets/includes/c.md": "* Included item.\n"},
		followed: map[string]string{page: front + "- Page item.\n{{% include \"includes/c.md\" %}}\n", "assets/includes/c.md": "- Included item.\n"},
		how:      "; to keep them one list, rewrite the bullets of both together",
	}} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range c.files {
				writeFile(t, root, name, text)
			}
			before := render(root)
			opt := lint.RunOptions{Root: root, Config: linttest.Config(t, root, rules.All()), Rules: []*lint.Rule{rules.ListMarker}}
			res, err := lint.Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Diagnostics) == 0 {
				t.Fatal("no finding")
			}
			for _, d := range res.Diagnostics {
				if !strings.HasSuffix(d.Message, c.how) || len(d.Fixes) > 0 {
					t.Errorf("%s: %q (%d fixes), want no fix and a message ending %q", d.Span.File, d.Message, len(d.Fixes), c.how)
				}
			}
			for name, text := range c.followed {
				writeFile(t, root, name, text)
			}
			fixed, err := lint.FixAll(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range fixed.Result.Diagnostics {
				t.Errorf("%s: after the advice and --fix: %s", d.Span.File, d.Message)
			}
			for name, ff := range fixed.Files {
				writeFile(t, root, name, string(ff.New))
			}
			if after := render(root); after != before {
				t.Errorf("renders\n%s\nrather than\n%s", after, before)
			}
		})
	}
}

// TestListMarkerWithheldNeighbourKeepsRendering: a list whose fix is
// withheld keeps its marker, so the lists around it, in its file or in a
// file pasted with it, are judged against the rewrite without it. An
// included list of stars pasted under an empty item "*" of the page,
// which a blank line keeps from its fix, would leave the item with "-"
// alone; --fix leaves it, and the page renders as before.
func TestListMarkerWithheldNeighbourKeepsRendering(t *testing.T) {
	const page, front = matrix + "x/senior.md", "---\ntitle: Senior\n---\n\n"
	includeRE := regexp.MustCompile(`\{\{% include "([^"]+)" %\}\}`)
	md := anchor.NewMarkdown()
	render := func(root string) string {
		read := func(rel string) string {
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		src := includeRE.ReplaceAllStringFunc(strings.TrimPrefix(read(page), front), func(sc string) string {
			return read("assets/" + includeRE.FindStringSubmatch(sc)[1])
		})
		var b strings.Builder
		if err := md.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(b.String(), "</ul>\n<ul>\n", "")
	}
	root := t.TempDir()
	writeFile(t, root, page, front+"- l\n\n*\n  {{% include \"includes/n.md\" %}}\n")
	writeFile(t, root, "assets/includes/n.md", "* e\n")
	before := render(root)
	opt := lint.RunOptions{Root: root, Config: linttest.Config(t, root, rules.All()), Rules: []*lint.Rule{rules.ListMarker}}
	fixed, err := lint.FixAll(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	for name, ff := range fixed.Files {
		writeFile(t, root, name, string(ff.New))
	}
	if after := render(root); after != before {
		t.Errorf("--fix: renders\n%s\nrather than\n%s", after, before)
	}
}

// pastedIncludeRE matches an include shortcode as the rendering tests
// write it, and frontMatterRE a page's front matter.
var (
	pastedIncludeRE = regexp.MustCompile(`\{\{% include "([^"]+)" %\}\}`)
	frontMatterRE   = regexp.MustCompile(`(?s)^---\n.*?\n---\n`)
)

// renderPasted renders, as Hugo's goldmark does, the page at rel under
// root without its front matter, each include shortcode replaced by the
// text of its file under assets/ (an include is written alone on its
// line, and indented as its text is to be read).
func renderPasted(t *testing.T, root, rel string) string {
	t.Helper()
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	src := pastedIncludeRE.ReplaceAllStringFunc(frontMatterRE.ReplaceAllString(read(rel), ""), func(sc string) string {
		return read("assets/" + pastedIncludeRE.FindStringSubmatch(sc)[1])
	})
	var b strings.Builder
	if err := anchor.NewMarkdown().Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestListMarkerKeptListKeepsRendering: a list that keeps its marker
// under --fix, for a bullet that would read as a thematic break or for
// an inline suppression, is left out of the rewrite the lists around it,
// in its file or in a file pasted with it, are judged against. Under an
// empty item "*" (goldmark reads a list indented under an empty item as
// nested in it only when their markers are the same), a list of stars
// kept would leave the item rewritten alone, and a list of stars
// rewritten alone would leave a kept item: that fix is withheld, saying
// why, and --fix leaves the page rendering as before. A list under a
// kept "+", which reads as a list of its own in either marker, is fixed.
func TestListMarkerKeptListKeepsRendering(t *testing.T) {
	const page, front = matrix + "x/senior.md", "---\ntitle: Senior\n---\n\n"
	const sup = "<!-- careerlint-disable-next-line list-marker -- written as the source has it -->\n"
	const inner = "a list inside its items keeps its marker"
	const kept = "a suppression keeps the marker of another list"
	render := func(root string) string { return renderPasted(t, root, page) }
	for _, c := range []struct {
		name  string
		files map[string]string
		// withheld is the list whose fix is withheld for the kept one, by
		// its file and first bullet's line, and says what its finding
		// says; "" when every finding that neither a thematic break nor a
		// suppression keeps is fixed.
		withheld string
		line     int
		says     string
	}{{
		name:     "an empty item over a list kept for a thematic break",
		files:    map[string]string{page: front + "*\n  * --\n"},
		withheld: page, line: 5, says: inner,
	}, {
		name:     "an empty item over a list one of whose bullets is kept for a thematic break",
		files:    map[string]string{page: front + "*\n  * a\n  * --\n"},
		withheld: page, line: 5, says: inner,
	}, {
		name:     "an empty item over an included list kept for a thematic break",
		files:    map[string]string{page: front + "*\n  {{% include \"includes/n.md\" %}}\n", "assets/includes/n.md": "* --\n"},
		withheld: page, line: 5, says: inner,
	}, {
		name:     "a list under an empty item a suppression keeps",
		files:    map[string]string{page: front + sup + "*\n  * a\n"},
		withheld: page, line: 7, says: kept,
	}, {
		name:     "the same after a blank line",
		files:    map[string]string{page: front + "- l\n\n" + sup + "*\n  * e\n"},
		withheld: page, line: 9, says: kept,
	}, {
		name:  "a list under an empty item in a third marker a suppression keeps",
		files: map[string]string{page: front + sup + "+\n  * a\n"},
	}, {
		name:     "an included list under an empty item a suppression keeps",
		files:    map[string]string{page: front + sup + "*\n  {{% include \"includes/n.md\" %}}\n", "assets/includes/n.md": "* e\n"},
		withheld: "assets/includes/n.md", line: 1, says: kept,
	}, {
		name:     "an empty item over an included list a suppression keeps",
		files:    map[string]string{page: front + "*\n  {{% include \"includes/n.md\" %}}\n", "assets/includes/n.md": "* e\n<!-- careerlint-disable-file list-marker -- written as the source has it -->\n"},
		withheld: page, line: 5, says: kept,
	}} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range c.files {
				writeFile(t, root, name, text)
			}
			before := render(root)
			opt := lint.RunOptions{Root: root, Config: linttest.Config(t, root, rules.All()), Rules: []*lint.Rule{rules.ListMarker}, SuppressionRule: rules.Suppression}
			res, err := lint.Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, d := range res.Diagnostics {
				line := res.Site.LinesOf(d.Span.File).Position(d.Span.Start).Line
				switch {
				case d.Rule == rules.Suppression:
					t.Errorf("%s:%d: %s", d.Span.File, line, d.Message)
				case d.Span.File == c.withheld && line == c.line:
					found = true
					if len(d.Fixes) > 0 || !strings.Contains(d.Message, c.says) || len(d.Related) == 0 && c.says == kept {
						t.Errorf("%s:%d: %q (%d fixes), want no fix and %q, with a related location for a suppression", d.Span.File, line, d.Message, len(d.Fixes), c.says)
					}
				case len(d.Fixes) == 0 && !strings.Contains(d.Message, "thematic break"):
					t.Errorf("%s:%d: %q, want a fix", d.Span.File, line, d.Message)
				}
			}
			if c.withheld != "" && !found {
				t.Errorf("no finding at %s:%d", c.withheld, c.line)
			}
			fixed, err := lint.FixAll(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if c.withheld == "" && len(fixed.Files) == 0 {
				t.Error("nothing fixed")
			}
			for name, ff := range fixed.Files {
				writeFile(t, root, name, string(ff.New))
			}
			if after := render(root); after != before {
				t.Errorf("--fix: renders\n%s\nrather than\n%s", after, before)
			}
		})
	}
}

// TestListMarkerPartialFixKeepsRendering runs FixAll over some files only
// (RunOptions.FixOnly, a hook's --pages-only or --changed-since): a list
// whose fix, made without the fixes of the files the run leaves, would
// change how Hugo renders the page gets none, and its finding says which
// file the run leaves; a list the others do not touch is fixed; the page
// renders as before.
func TestListMarkerPartialFixKeepsRendering(t *testing.T) {
	const page, front, inc = matrix + "x/senior.md", "---\ntitle: Senior\n---\n\n", "assets/includes/n.md"
	render := func(root string) string { return renderPasted(t, root, page) }
	for _, c := range []struct {
		name  string
		files map[string]string
		only  []string
		// withheld is the file of the list withheld, whose finding names
		// leaves, the file the run does not rewrite; fixed are the files
		// the run rewrites.
		withheld, leaves string
		fixed            []string
	}{{
		name:     "an empty item of the page over an included list, the page fixed alone",
		files:    map[string]string{page: front + "*\n  {{% include \"includes/n.md\" %}}\n", inc: "* e\n"},
		only:     []string{page},
		withheld: page, leaves: inc,
	}, {
		name:     "the same, the include file fixed alone",
		files:    map[string]string{page: front + "*\n  {{% include \"includes/n.md\" %}}\n", inc: "* e\n"},
		only:     []string{inc},
		withheld: inc, leaves: page,
	}, {
		name:  "the same, both fixed",
		files: map[string]string{page: front + "*\n  {{% include \"includes/n.md\" %}}\n", inc: "* e\n"},
		only:  []string{page, inc},
		fixed: []string{inc, page},
	}, {
		name:  "a list of the page apart from the included one",
		files: map[string]string{page: front + "* a\n\nText.\n\n{{% include \"includes/n.md\" %}}\n", inc: "* e\n"},
		only:  []string{page},
		fixed: []string{page},
	}} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range c.files {
				writeFile(t, root, name, text)
			}
			before := render(root)
			opt := lint.RunOptions{Root: root, Config: linttest.Config(t, root, rules.All()), Rules: []*lint.Rule{rules.ListMarker}, SuppressionRule: rules.Suppression,
				FixOnly: func(f string) bool { return slices.Contains(c.only, f) }}
			fixed := fixAllFixing(t, opt, c.fixed)
			found := false
			for _, d := range fixed.Result.Diagnostics {
				if d.Span.File == c.withheld {
					found = true
					if want := "this run does not rewrite the list of " + c.leaves; len(d.Fixes) > 0 || !strings.Contains(d.Message, want) {
						t.Errorf("%s: %q (%d fixes), want no fix and %q", d.Span.File, d.Message, len(d.Fixes), want)
					}
				}
			}
			if c.withheld != "" && !found {
				t.Errorf("no finding in %s", c.withheld)
			}
			for name, ff := range fixed.Files {
				writeFile(t, root, name, string(ff.New))
			}
			if after := render(root); after != before {
				t.Errorf("--fix: renders\n%s\nrather than\n%s", after, before)
			}
		})
	}
}

// TestListMarkerOutsideRunKeepsRendering runs FixAll as careerlint --fix
// runs it, over some pages or over every career page: a list whose fix,
// made without the fixes of the lists of the pages the run does not lint
// (a page it was not given, a handbook page that is no career page, a
// career page the ignore globs leave out),
// would change how Hugo renders such a page gets none, and its finding
// says which page and what to do; given that page too, the two are fixed;
// every page renders as before.
func TestListMarkerOutsideRunKeepsRendering(t *testing.T) {
	const (
		inc    = "assets/includes/n.md"
		page   = matrix + "web/a.md"
		career = matrix + "web/b.md"
		other  = "content/handbook/other/b.md"
		// ignored is a career page by the pages globs that the ignore
		// globs of the cases with ignore leave out.
		ignored = matrix + "web/draft-b.md"
	)
	render := func(root, rel string) string { return renderPasted(t, root, rel) }
	for _, c := range []struct {
		name string
		// includer is the page whose empty item "*" holds the included
		// list "* e"; paths are those of the run (none: every career
		// page).
		includer string
		paths    []string
		// hint is what the withheld finding says to do, "" when the
		// run fixes the include file; fixed are the files it rewrites.
		hint  string
		fixed []string
		// ignore sets the configuration's ignore globs to leave out the
		// pages named draft-*.md.
		ignore bool
	}{{
		name:     "a career page the run is not given",
		includer: career, paths: []string{page},
		hint: "this run does not lint " + career + ", whose list keeps its marker (see the related location), and with \"-\" in this list alone Hugo would read its items at another depth or in another list; fix the two together with careerlint --fix " + career + ", or over the whole site",
	}, {
		name:     "the same, given too",
		includer: career, paths: []string{page, career},
		fixed: []string{inc, career},
	}, {
		name:     "the same, every career page",
		includer: career,
		fixed:    []string{inc, career},
	}, {
		name:     "a handbook page, every career page",
		includer: other,
		hint:     "careerlint does not check " + other + " for list markers (it is no career page), so its list keeps its marker (see the related location), and with \"-\" in this list alone Hugo would read its items at another depth or in another list; rewrite the two together by hand, that list with \"-\", or keep this list's marker and suppress its findings",
	}, {
		name:     "the same, a run given it",
		includer: other, paths: []string{page, other},
		hint: "careerlint does not check " + other + " for list markers (it is no career page)",
	}, {
		name:     "a career page the ignore globs leave out, every career page",
		includer: ignored, ignore: true,
		hint: "careerlint does not check " + ignored + " for list markers (the configuration's ignore globs leave it out), so its list keeps its marker (see the related location), and with \"-\" in this list alone Hugo would read its items at another depth or in another list; rewrite the two together by hand, that list with \"-\", or keep this list's marker and suppress its findings",
	}, {
		name:     "the same, a run given another page",
		includer: ignored, ignore: true, paths: []string{page},
		hint: "careerlint does not check " + ignored + " for list markers (the configuration's ignore globs leave it out)",
	}, {
		name:     "the same, a run given it too",
		includer: ignored, ignore: true, paths: []string{page, ignored},
		hint: "careerlint does not check " + ignored + " for list markers (the configuration's ignore globs leave it out)",
	}} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, page, "---\ntitle: A\n---\n\nText.\n\n{{% include \"includes/n.md\" %}}\n")
			writeFile(t, root, c.includer, "---\ntitle: B\n---\n\n*\n  {{% include \"includes/n.md\" %}}\n")
			writeFile(t, root, inc, "* e\n")
			before := render(root, c.includer)
			var paths []string
			for _, p := range c.paths {
				paths = append(paths, filepath.Join(root, filepath.FromSlash(p)))
			}
			cfg := linttest.Config(t, root, rules.All())
			cfg.Pages = lint.DefaultConfig().Pages // the career pages only
			if c.ignore {
				cfg.Ignore = []string{"**/draft-*.md"}
			}
			opt := lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.ListMarker}, SuppressionRule: rules.Suppression,
				Paths: paths, OtherRules: rules.LinkRules()}
			fixed := fixAllFixing(t, opt, c.fixed)
			found := false
			for _, d := range fixed.Result.Diagnostics {
				if d.Span.File == inc {
					found = true
					if len(d.Fixes) > 0 || !strings.Contains(d.Message, c.hint) {
						t.Errorf("%s: %q (%d fixes), want no fix and %q", d.Span.File, d.Message, len(d.Fixes), c.hint)
					}
					if !slices.ContainsFunc(d.Related, func(r lint.Related) bool { return r.Span.File == c.includer }) {
						t.Errorf("%s: related %v, want the bullet of %s", d.Span.File, d.Related, c.includer)
					}
				}
			}
			if c.hint != "" && !found {
				t.Errorf("no finding in %s", inc)
			}
			for name, ff := range fixed.Files {
				writeFile(t, root, name, string(ff.New))
			}
			if after := render(root, c.includer); after != before {
				t.Errorf("--fix: %s renders\n%s\nrather than\n%s", c.includer, after, before)
			}
		})
	}
}

// fixAllFixing runs lint.FixAll, failing the test on an error, and checks
// that it rewrote the files want, sorted.
func fixAllFixing(t *testing.T, opt lint.RunOptions, want []string) *lint.Fixed {
	t.Helper()
	fixed, err := lint.FixAll(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(fixed.Files)); !slices.Equal(got, want) {
		t.Errorf("fixed %q, want %q", got, want)
	}
	return fixed
}

// BenchmarkListMarkerJoinedLists lints a page of one-item lists whose
// markers alternate ("-", "*", "+" on consecutive lines), which the
// rewrite to "-" joins into one list: each list's fix is judged against
// that list, whose items are compared once, not once a list (quadratic:
// 20,000 such lines took minutes). Compare the time per line of the two
// sizes:
//
//	go test -run '^$' -bench ListMarkerJoinedLists ./rules/
func BenchmarkListMarkerJoinedLists(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			root := b.TempDir()
			var page strings.Builder
			page.WriteString("---\ntitle: Senior\n---\n\n")
			for i := range n {
				page.WriteString(string("-*+"[i%3]) + " item\n")
			}
			if err := os.MkdirAll(filepath.Join(root, matrix, "x"), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, matrix, "x/senior.md"), []byte(page.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: []*lint.Rule{rules.ListMarker}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
