package lsp

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/rules"
)

// TestIncludeOpenedAsSavedAfterPage: a page that includes a file is open,
// then the include file is opened as it is saved: its finding names each
// open page that includes it (README), as when the include is opened
// first.
func TestIncludeOpenedAsSavedAfterPage(t *testing.T) {
	root := fixtureSite(t)
	staff := strings.ReplaceAll(seniorPage, "Senior", "Staff")
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":      seniorPage,
		trackDir + "staff.md":       staff,
		"assets/includes/values.md": "* Values text.\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	seniorURI, staffURI := docURI(root, trackDir+"senior.md"), docURI(root, trackDir+"staff.md")
	c.open(staffURI, staff)
	c.settle(staffURI, 1)
	n := c.idleReports()
	c.open(incURI, "* Values text.\n")
	p := c.settleAfter(n, incURI, 1)
	var from []string
	for _, r := range find(t, p, "list-marker").RelatedInformation {
		from = append(from, r.Location.URI)
	}
	slices.Sort(from)
	if want := []string{seniorURI, staffURI}; len(p.Diagnostics) != 1 || !slices.Equal(from, want) {
		t.Fatalf("with a page open, the include opened as saved shows %+v, want one finding related to %v", p.Diagnostics, want)
	}
}

// TestIncludeOpenedAsSavedAfterHandbookPage: an open handbook page (not a
// career page) includes a file with a broken link; the include file,
// opened as saved after it, shows the link's finding, which only the
// page's lint finds (the include's own lint runs over the career pages
// that include it), as when the include is opened first.
func TestIncludeOpenedAsSavedAfterHandbookPage(t *testing.T) {
	root := fixtureSite(t)
	const inc = "[gone](/handbook/nowhere/)\n"
	const page = "---\ntitle: \"Other\"\n---\n\n## Intro\n\n{{% include \"includes/gone.md\" %}}\n"
	writeSite(t, root, map[string]string{
		"assets/includes/gone.md":          inc,
		"content/handbook/other/_index.md": page,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, pageURI := docURI(root, "assets/includes/gone.md"), docURI(root, "content/handbook/other/_index.md")
	c.open(pageURI, page)
	c.settle(pageURI, 1)
	n := c.idleReports()
	c.open(incURI, inc)
	p := c.settleAfter(n, incURI, 1)
	if !slices.Contains(codes(p), "link-target") {
		t.Fatalf("the include opened as saved after the page that includes it shows %+v, want its broken link", p.Diagnostics)
	}
}

// TestOpenSymlinkedPageAsSaved: a page reached through a symlink (its own,
// or its folder's) is no page of the site, on disk or open: the open page
// that links to it finds the same, opened before it or after.
func TestOpenSymlinkedPageAsSaved(t *testing.T) {
	const ptext = "---\ntitle: \"L\"\n---\n\n## Intro\n\nText.\n"
	for _, c := range []struct{ name, link, page string }{
		{"a symlinked file", "/handbook/link/", "content/handbook/link.md"},
		{"a file in a symlinked folder", "/handbook/dir/p/", "content/handbook/dir/p.md"},
	} {
		var got [][]string
		for _, qFirst := range []bool{true, false} {
			root := fixtureSite(t)
			outside := t.TempDir()
			if err := os.WriteFile(filepath.Join(outside, "link.md"), []byte(ptext), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(outside, "p.md"), []byte(ptext), 0o644); err != nil {
				t.Fatal(err)
			}
			qtext := "---\ntitle: \"Q\"\n---\n\n## Intro\n\n[l](" + c.link + ")\n"
			writeSite(t, root, map[string]string{"content/handbook/q.md": qtext})
			if err := os.Symlink(filepath.Join(outside, "link.md"), filepath.Join(root, "content/handbook/link.md")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(root, "content/handbook/dir")); err != nil {
				t.Fatal(err)
			}
			cl := startServer(t, serverOptions())
			cl.initialize(root, false)
			qURI, pURI := docURI(root, "content/handbook/q.md"), docURI(root, c.page)
			first, ftext, second, stext := qURI, qtext, pURI, ptext
			if !qFirst {
				first, ftext, second, stext = pURI, ptext, qURI, qtext
			}
			cl.open(first, ftext)
			cl.settle(first, 1)
			n := cl.idleReports()
			cl.open(second, stext)
			cl.settleAfter(n, second, 1)
			got = append(got, codes(cl.settle(qURI, 1)))
		}
		if !slices.Equal(got[0], got[1]) {
			t.Errorf("%s: the linking page shows %v opened before it, %v after it", c.name, got[0], got[1])
		}
	}
}

// TestReopenAsSavedAfterUnsavedChanges: a page open with unsaved changes
// is opened again (without a close) as saved: the open page that links to
// it read its unsaved text, and reads the saved one again.
func TestReopenAsSavedAfterUnsavedChanges(t *testing.T) {
	root := fixtureSite(t)
	const q = "---\ntitle: \"Q\"\n---\n\n## Intro\n\n[v](/handbook/values/#boring-solutions)\n"
	const saved = "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Boring solutions\n\nText.\n" // as fixtureSite writes it
	writeSite(t, root, map[string]string{"content/handbook/q.md": q})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	qURI, vURI := docURI(root, "content/handbook/q.md"), docURI(root, "content/handbook/values/_index.md")
	c.open(qURI, q)
	c.open(vURI, saved)
	c.settle(vURI, 1)
	c.change(vURI, 2, TextDocumentContentChangeEvent{Text: strings.Replace(saved, "## Boring solutions", "## Boring solution", 1)})
	c.settle(vURI, 2)
	if p := c.settle(qURI, 1); !slices.Contains(codes(p), "link-anchor") {
		t.Fatalf("with the heading renamed, the linking page shows %v", codes(p))
	}
	n := c.idleReports()
	c.open(vURI, saved)
	c.settleAfter(n, vURI, 1)
	if p := c.settle(qURI, 1); len(p.Diagnostics) != 0 {
		t.Errorf("with the page opened again as saved, the linking page shows %v", codes(p))
	}
}

// TestCloseAsSavedPageOnlyOpenInSiteRun: a level of a track the walk of
// the site does not enter (a folder starting with '.', node_modules) is a
// career page of the site run only while it is open. Closed as saved, it
// leaves the run: the open sibling's finding no longer counts it, as when
// it was never open.
func TestCloseAsSavedPageOnlyOpenInSiteRun(t *testing.T) {
	if rules.Find("ladder-sections") == nil {
		t.Skip("no ladder-sections rule")
	}
	for _, dir := range []string{"content/handbook/engineering/careers/matrix/.t/", "content/handbook/engineering/careers/matrix/node_modules/"} {
		root := fixtureSite(t)
		writeSite(t, root, map[string]string{
			dir + "intermediate.md": levelPage("Intermediate", true),
			dir + "senior.md":       levelPage("Senior", true),
			dir + "staff.md":        levelPage("Staff", true),
		})
		interURI, seniorURI, staffURI := docURI(root, dir+"intermediate.md"), docURI(root, dir+"senior.md"), docURI(root, dir+"staff.md")
		open := func(c *testClient) {
			c.open(interURI, levelPage("Intermediate", true))
			c.settle(interURI, 1)
			c.open(seniorURI, levelPage("Senior", false))
			c.settle(seniorURI, 1)
		}
		fresh := startServer(t, serverOptions())
		fresh.initialize(root, false)
		open(fresh)
		want := fresh.settle(seniorURI, 1).Diagnostics

		c := startServer(t, serverOptions())
		c.initialize(root, false)
		c.open(staffURI, levelPage("Staff", true))
		c.settle(staffURI, 1)
		open(c)
		if p := c.settle(seniorURI, 1); !slices.Contains(codes(p), "ladder-sections") {
			t.Fatalf("%s: with staff.md open, senior.md shows %v, want ladder-sections", dir, codes(p))
		}
		n := c.idleReports()
		c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: staffURI}})
		if got := c.settleAfter(n, seniorURI, 1).Diagnostics; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with staff.md closed as saved, senior.md shows %+v, want %+v (as when it was never open)", dir, got, want)
		}
	}
}

// TestCloseAsSavedPageThatIncludesOpenFile: an include file is open; a
// page that did not include it is opened, made to include it and saved,
// then closed. The include file showed the finding the page's lint found
// in it (an anchor the page lacks); closed as saved, the page is one of
// the file's includers on disk, so the finding stays, as the command line
// reports it.
func TestCloseAsSavedPageThatIncludesOpenFile(t *testing.T) {
	root := fixtureSite(t)
	const inc = "See [the note](#only-here).\n"
	page := levelPage("Senior", false)
	writeSite(t, root, map[string]string{
		"assets/includes/note.md": inc,
		trackDir + "senior.md":    page,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, seniorURI := docURI(root, "assets/includes/note.md"), docURI(root, trackDir+"senior.md")
	c.open(incURI, inc)
	if p := c.settle(incURI, 1); len(p.Diagnostics) != 0 {
		t.Fatalf("the include no page includes shows %v", codes(p))
	}
	c.open(seniorURI, page)
	c.settle(seniorURI, 1)
	edited := page + "\n{{% include \"includes/note.md\" %}}\n"
	c.change(seniorURI, 2, TextDocumentContentChangeEvent{Text: edited})
	c.settle(seniorURI, 2)
	if p := c.settle(incURI, 1); !slices.Contains(codes(p), "link-anchor") {
		t.Fatalf("with the page including it, the include shows %v, want link-anchor", codes(p))
	}
	writeSite(t, root, map[string]string{trackDir + "senior.md": edited})
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: seniorURI}})
	c.roundTrip()
	n := c.idleReports()
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: seniorURI}})
	if p := c.settleAfter(n, incURI, 1); !slices.Contains(codes(p), "link-anchor") {
		t.Errorf("with the page closed as saved, the include shows %v, want link-anchor (the page includes it on disk)", codes(p))
	}
}
