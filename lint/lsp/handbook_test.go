package lsp

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The tests of the handbook's index that references and rename keep
// (handbookIndex): each runs a server that keeps it beside one that reads
// the whole handbook for each request (Options.wholeHandbook) on the same
// site, through the same notifications, and compares their answers.

// indexPair is a server keeping the handbook's index and one reading the
// whole handbook for each request, both on one site.
type indexPair struct {
	t           *testing.T
	root        string
	kept, fresh *testClient
}

func startIndexPair(t *testing.T, files map[string]string, watch bool) *indexPair {
	t.Helper()
	root := fixtureSite(t)
	writeSite(t, root, files)
	backdate(t, root)
	opt := serverOptions()
	kept := startServer(t, opt)
	kept.initialize(root, watch)
	fresh := startServer(t, Options{Rules: opt.Rules, LinkRules: opt.LinkRules, SuppressionRule: opt.SuppressionRule, Version: "test", wholeHandbook: true})
	fresh.initialize(root, watch)
	return &indexPair{t, root, kept, fresh}
}

func (p *indexPair) both(method string, params any) {
	p.kept.notifyServer(method, params)
	p.fresh.notifyServer(method, params)
}

func (p *indexPair) openLang(rel, lang, text string) {
	p.both("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: docURI(p.root, rel), LanguageID: lang, Version: 1, Text: text}})
}

func (p *indexPair) change(rel string, version int, text string) {
	p.both("textDocument/didChange", DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: docURI(p.root, rel), Version: version}, ContentChanges: []TextDocumentContentChangeEvent{{Text: text}}})
}

func (p *indexPair) save(rel, text string) {
	writeBackdated(p.t, p.root, rel, text)
	p.both("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: docURI(p.root, rel)}})
}

func (p *indexPair) settle(rel string, version int) {
	p.kept.settle(docURI(p.root, rel), version)
	p.fresh.settle(docURI(p.root, rel), version)
}

// compare asks both for the references at a position and fails when they
// differ; it returns the whole handbook's answer.
func (p *indexPair) compare(step, rel string, pos Position) []string {
	p.t.Helper()
	uri := docURI(p.root, rel)
	got := p.kept.references(p.t, p.root, uri, pos, false)
	want := p.fresh.references(p.t, p.root, uri, pos, false)
	if !slices.Equal(got, want) {
		p.t.Errorf("%s: index kept answers\n  %q\nthe whole handbook\n  %q", step, got, want)
	}
	return want
}

const valuesPage = "content/handbook/values/_index.md"

// TestHandbookIndexMarkdownExtension: a Markdown document whose file is
// not named .md (an include "x.markdown"), opened after the index was
// read, edited and saved: the file changed on disk since the index read
// it, with no document holding the text it read then, so the whole
// handbook is read again.
func TestHandbookIndexMarkdownExtension(t *testing.T) {
	inc := "assets/includes/x.markdown"
	p := startIndexPair(t, map[string]string{
		inc:                     "Nothing here.\n",
		"content/handbook/p.md": "---\ntitle: \"P\"\n---\n\n{{% include \"includes/x.markdown\" %}}\n",
	}, false)
	vals := readFile(t, p.root, valuesPage)
	p.openLang(valuesPage, "markdown", vals)
	p.settle(valuesPage, 1)
	if got := p.compare("first", valuesPage, Position{4, 3}); len(got) != 0 {
		t.Fatalf("first: %q", got)
	}
	p.openLang(inc, "markdown", "Nothing here.\n")
	next := "Nothing here.\n\n[a](/handbook/values/#intro)\n"
	p.change(inc, 2, next)
	p.save(inc, next)
	p.settle(valuesPage, 1)
	if got := p.compare("after save", valuesPage, Position{4, 3}); len(got) == 0 {
		t.Errorf("after save: the whole handbook finds no link either")
	}
}

// TestHandbookIndexPublishDate: a page whose publishDate passes between
// two requests is published by then, and the links to it reach it: the
// URL index the pass used is no longer good (lint.URLCache.Version).
func TestHandbookIndexPublishDate(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a publish date to pass")
	}
	when := time.Now().Add(2 * time.Second).Truncate(time.Second).Add(time.Second)
	at := when.UTC().Format(time.RFC3339)
	p := startIndexPair(t, map[string]string{
		"content/handbook/future.md": fmt.Sprintf("---\ntitle: \"Future\"\npublishDate: %s\n---\n\n## Soon\n", at),
		"content/handbook/team.md":   "---\ntitle: \"Team\"\n---\n\n[a](/handbook/future/#soon)\n",
	}, false)
	rel := "content/handbook/future.md"
	p.openLang(rel, "markdown", readFile(t, p.root, rel))
	p.settle(rel, 1)
	if got := p.compare("before", rel, Position{5, 3}); len(got) != 0 {
		t.Fatalf("before the publish date: %q", got)
	}
	time.Sleep(time.Until(when) + 200*time.Millisecond)
	if got := p.compare("after", rel, Position{5, 3}); len(got) != 1 {
		t.Errorf("after the publish date: %q, want the link", got)
	}
}

// TestHandbookIndexSymlinkedInclude: an include file reached through a
// symlink beside it (a.md -> b.md), the document open as a.md saved,
// which writes b.md: the pages that include b.md see the change (the
// index looks at the file a symlink leads to).
func TestHandbookIndexSymlinkedInclude(t *testing.T) {
	p := startIndexPair(t, map[string]string{
		"assets/includes/b.md":  "Nothing.\n",
		"content/handbook/p.md": "---\ntitle: \"P\"\n---\n\n{{% include \"includes/b.md\" %}}\n",
	}, false)
	if err := os.Symlink("b.md", filepath.Join(p.root, "assets/includes/a.md")); err != nil {
		t.Skip(err)
	}
	vals := readFile(t, p.root, valuesPage)
	p.openLang(valuesPage, "markdown", vals)
	p.openLang("assets/includes/a.md", "markdown", "Nothing.\n")
	p.settle(valuesPage, 1)
	p.compare("first", valuesPage, Position{4, 3})
	next := "Nothing.\n\n[a](/handbook/values/#intro)\n"
	p.change("assets/includes/a.md", 2, next)
	p.save("assets/includes/a.md", next)
	p.settle(valuesPage, 1)
	got := p.compare("after save", valuesPage, Position{4, 3})
	if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "assets/includes/b.md") }) {
		t.Errorf("the whole handbook: %q, want the link in b.md", got)
	}
}

// TestHandbookIndexDiskChangeUnreported: a client that watches no files
// (none registered), and a page changed on disk outside the editor (git
// pull): no event tells the server, but the file's modification time
// does.
func TestHandbookIndexDiskChangeUnreported(t *testing.T) {
	team := "---\ntitle: \"Team\"\n---\n\nNo link.\n"
	rel := "content/handbook/team.md"
	p := startIndexPair(t, map[string]string{rel: team}, false)
	vals := readFile(t, p.root, valuesPage)
	p.openLang(valuesPage, "markdown", vals)
	p.settle(valuesPage, 1)
	p.compare("first", valuesPage, Position{4, 3})
	writeBackdated(t, p.root, rel, strings.Replace(team, "No link.", "[a](/handbook/values/#intro)", 1))
	if got := p.compare("changed on disk", valuesPage, Position{4, 3}); len(got) != 1 {
		t.Errorf("changed on disk: %q, want the link", got)
	}
	p.openLang(rel, "markdown", readFile(t, p.root, rel))
	p.settle(rel, 1)
	p.compare("opened", valuesPage, Position{4, 3})
}

// TestHandbookIndexUnrelatedFileChange: a change of a file no page
// renders (a build's output under public/, a stylesheet) reads nothing
// again.
func TestHandbookIndexUnrelatedFileChange(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{"public/index.html": "<p>built</p>\n"})
	backdate(t, root)
	c, wholes := countWholes(t, root, true)
	uri := docURI(root, valuesPage)
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "public/index.html"), Type: 2}}})
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	if got := wholes(); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("whole reads %v, want [true false]: a change of public/index.html read the whole handbook again", got)
	}
}

// TestHandbookIndexUnparsedPage: a page edited so that it is not parsed
// any more (a NUL byte below its front matter) has no links, and one not
// parsed when the index was read is read again once an edit drops the
// byte; a rename after either edits what the whole handbook would.
func TestHandbookIndexUnparsedPage(t *testing.T) {
	team := teamPage
	nul := team + "\nA NUL \x00 byte.\n"
	rel := "content/handbook/team.md"
	for _, c := range []struct {
		name, first, then   string
		wantFirst, wantThen int
	}{
		{"turned unparsed", team, nul, 1, 0},
		{"parsed again", nul, team, 0, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := startIndexPair(t, map[string]string{rel: c.first}, false)
			p.openLang(valuesPage, "markdown", readFile(t, p.root, valuesPage))
			p.openLang(rel, "markdown", c.first)
			p.settle(rel, 1)
			if got := p.compare("first", valuesPage, Position{4, 3}); len(got) != c.wantFirst {
				t.Fatalf("first: %q", got)
			}
			p.change(rel, 2, c.then)
			p.settle(rel, 2)
			if got := p.compare("then", valuesPage, Position{4, 3}); len(got) != c.wantThen {
				t.Errorf("then: %q", got)
			}
			rename := func(c *testClient) string {
				var we WorkspaceEdit
				if err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: docURI(p.root, valuesPage)}, Position{4, 3}}, "Start"}, &we); err != nil {
					return "error: " + err.Error()
				}
				var files []string
				for uri, es := range we.Changes {
					files = append(files, fmt.Sprintf("%s:%d", filepath.Base(uri), len(es)))
				}
				slices.Sort(files)
				return strings.Join(files, " ")
			}
			if got, want := rename(p.kept), rename(p.fresh); got != want {
				t.Errorf("rename: index kept edits %s, the whole handbook %s", got, want)
			}
		})
	}
}

// backdate sets the modification time of every file under root a second
// back: the index takes a file modified close to a read of the handbook
// (stampSlack) for one that may have changed while it read, and reads the
// whole handbook again, which the tests that count reads must not see.
func backdate(t *testing.T, root string) {
	t.Helper()
	old := time.Now().Add(-time.Second)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeBackdated writes a root-relative file and sets its modification
// time, and its folder's (a file created changes it), a second back (see
// backdate).
func writeBackdated(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Second)
	for _, f := range []string{p, filepath.Dir(p)} {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHandbookIndexDroppedOnClose: the index is let go once no document
// of the site is open (its memory), and read again by the next request;
// while one is open it is kept.
func TestHandbookIndexDroppedOnClose(t *testing.T) {
	root := fixtureSite(t)
	backdate(t, root)
	c, wholes := countWholes(t, root, false)
	values, team := docURI(root, valuesPage), docURI(root, trackDir+"_index.md")
	text := readFile(t, root, valuesPage)
	c.open(values, text)
	c.open(team, readFile(t, root, trackDir+"_index.md"))
	c.settle(values, 1)
	c.references(t, root, values, Position{4, 3}, false)
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: team}})
	c.settle(values, 1)
	c.references(t, root, values, Position{4, 3}, false) // one still open: kept
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: values}})
	c.roundTrip()
	c.open(values, text)
	c.settle(values, 1)
	c.references(t, root, values, Position{4, 3}, false)
	if got := wholes(); !slices.Equal(got, []bool{true, false, true}) {
		t.Errorf("whole reads %v, want [true false true]", got)
	}
}

// countWholes starts a server counting its handbook reads (whole or not).
func countWholes(t *testing.T, root string, watch bool) (*testClient, func() []bool) {
	return countWholesHeld(t, root, watch, nil)
}

// countWholesHeld is countWholes with a hook that each request calls,
// with its context and its count from 1, before it reads the handbook.
func countWholesHeld(t *testing.T, root string, watch bool, hold func(ctx context.Context, n int)) (*testClient, func() []bool) {
	var mu sync.Mutex
	var wholes []bool
	n := 0
	opt := serverOptions()
	opt.onHandbook = func(ctx context.Context, _ string) {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		if hold != nil {
			hold(ctx, k)
		}
	}
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	c.initialize(root, watch)
	return c, func() []bool {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(wholes)
	}
}

// TestHandbookIndexCreatedNoEvents: a page, or an include a page names
// that did not exist at the read, created on disk in a client that
// reports no file events (a git pull in an editor without watchers), is
// seen: its folder changed. So is one whose name, or its folder's, looks
// like an editor's backup or hidden file (see
// TestHandbookIndexEditorFiles) when a page is read from it.
func TestHandbookIndexCreatedNoEvents(t *testing.T) {
	for _, c := range []struct {
		name, file, text string
		site             map[string]string
	}{
		{"page", "content/handbook/new.md", "---\ntitle: \"New\"\n---\n\n[a](/handbook/values/#intro)\n", nil},
		{"include", "assets/includes/later.md", "[a](/handbook/values/#intro)\n", map[string]string{
			"content/handbook/p.md": "---\ntitle: \"P\"\n---\n\n{{% include \"includes/later.md\" %}}\n",
		}},
		// Names of the kind editors leave (editorFile), where a page is
		// read from them all the same.
		{"folder named as a backup", "content/handbook/old~/p.md", "---\ntitle: \"P\"\n---\n\n[a](/handbook/values/#intro)\n", nil},
		{"include of a backup file", "assets/includes/later.md~", "[a](/handbook/values/#intro)\n", map[string]string{
			"content/handbook/p.md": "---\ntitle: \"P\"\n---\n\n{{% include \"includes/later.md~\" %}}\n",
		}},
		{"include in a hidden folder", "assets/includes/.shared/x.md", "[a](/handbook/values/#intro)\n", map[string]string{
			"content/handbook/p.md": "---\ntitle: \"P\"\n---\n\n{{% include \"includes/.shared/x.md\" %}}\n",
		}},
		{"include root that is a hidden folder", "content/.parts/x.md", "[a](/handbook/values/#intro)\n", map[string]string{
			".careerlint.yaml":      "include-roots: [assets, content/.parts]\n",
			"content/.parts/y.md":   "Y.\n",
			"content/handbook/p.md": "---\ntitle: \"P\"\n---\n\n{{% include \"x.md\" %}}\n",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := startIndexPair(t, c.site, false)
			p.openLang(valuesPage, "markdown", readFile(t, p.root, valuesPage))
			p.settle(valuesPage, 1)
			p.compare("first", valuesPage, Position{4, 3})
			writeBackdated(t, p.root, c.file, c.text)
			if got := p.compare("created on disk", valuesPage, Position{4, 3}); len(got) != 1 {
				t.Errorf("the whole handbook: %q", got)
			}
		})
	}
}

// TestHandbookIndexFutureMtime: a file with a modification time in the
// future (clock skew, an archive from another machine, touch -d) does not
// make every request read the whole handbook.
func TestHandbookIndexFutureMtime(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{"content/handbook/other.md": "---\ntitle: \"Other\"\n---\n\nText.\n"})
	backdate(t, root)
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(root, "content/handbook/other.md"), future, future); err != nil {
		t.Fatal(err)
	}
	c, wholes := countWholes(t, root, false)
	c.open(docURI(root, valuesPage), readFile(t, root, valuesPage))
	readsOnce(t, c, root, wholes)
}

// readsOnce asks a server for the references of the values page's first
// heading three times, and fails unless only the first request read the
// whole handbook.
func readsOnce(t *testing.T, c *testClient, root string, wholes func() []bool) {
	t.Helper()
	uri := docURI(root, valuesPage)
	c.settle(uri, 1)
	for range 3 {
		c.references(t, root, uri, Position{4, 3}, false)
	}
	if got := wholes(); !slices.Equal(got, []bool{true, false, false}) {
		t.Errorf("whole reads %v, want [true false false]", got)
	}
}

// TestHandbookIndexUnsavedAlias: with a page's unsaved front matter edit
// that may move its URLs, the runs build their own URL index, and once
// the cached one is dropped (a file created) none builds it again: the
// requests after the one that reads everything again read nothing.
func TestHandbookIndexUnsavedAlias(t *testing.T) {
	root := fixtureSite(t)
	other := "---\ntitle: \"Other\"\n---\n\nText.\n"
	writeSite(t, root, map[string]string{"content/handbook/other.md": other})
	backdate(t, root)
	c, wholes := countWholes(t, root, true)
	uri, otherURI := docURI(root, valuesPage), docURI(root, "content/handbook/other.md")
	c.open(uri, readFile(t, root, valuesPage))
	c.open(otherURI, other)
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	c.change(otherURI, 2, TextDocumentContentChangeEvent{Text: "---\ntitle: \"Other\"\naliases: [/handbook/o/]\n---\n\nText.\n"})
	c.settle(otherURI, 2)
	// A new page created (a file event).
	writeBackdated(t, root, "content/handbook/created.md", "---\ntitle: \"Created\"\n---\n\nText.\n")
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "content/handbook/created.md"), Type: 1}}})
	c.settle(uri, 1)
	for range 3 {
		c.references(t, root, uri, Position{4, 3}, false)
	}
	if got := wholes(); !slices.Equal(got, []bool{true, true, false, false}) {
		t.Errorf("whole reads %v, want [true true false false]", got)
	}
}

// TestRenameIgnoredPage: a heading of a page the configuration's ignore
// globs leave out (Hugo renders it, links reach it) is renamed with the
// links to it, though the page has no lint of its own; one of a page the
// root's .gitignore leaves out is not renamed: no pass over the handbook
// reads that page, so the links to its anchors are not known.
func TestRenameIgnoredPage(t *testing.T) {
	old := "---\ntitle: \"Old\"\n---\n\n## Old head\n\nText.\n"
	for _, c := range []struct {
		file, text string
		want       []string // nil: refused
	}{
		{".careerlint.yaml", "ignore: [\"content/handbook/archive/**\"]\n", []string{"content/handbook/archive/old.md 4:3 New head", "content/handbook/team/_index.md 4:27 new-head"}},
		{".gitignore", "content/handbook/archive/\n", nil},
	} {
		t.Run(c.file, func(t *testing.T) {
			cl, root, _ := startOnSeniorWith(t, map[string]string{
				c.file:                            c.text,
				"content/handbook/archive/old.md": old,
				"content/handbook/team/_index.md": "---\ntitle: \"Team\"\n---\n\n[k](/handbook/archive/old/#old-head)\n",
			}, false)
			uri := docURI(root, "content/handbook/archive/old.md")
			cl.open(uri, old)
			cl.waitDiagnostics(uri, 0, hasVersion(1))
			var prep *PrepareRenameResult
			if err := cl.call("textDocument/prepareRename", TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, Position{4, 4}}, &prep); err != nil || (prep == nil) != (c.want == nil) || prep != nil && prep.Placeholder != "Old head" {
				t.Fatalf("prepareRename: %+v, %v", prep, err)
			}
			var we WorkspaceEdit
			err := cl.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, Position{4, 4}}, "New head"}, &we)
			if c.want == nil {
				if err == nil {
					t.Errorf("rename: %+v, want an error", we)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for u, edits := range we.Changes {
				p, _ := uriToPath(u)
				rel, _ := filepath.Rel(root, p)
				for _, e := range edits {
					got = append(got, fmt.Sprintf("%s %d:%d %s", filepath.ToSlash(rel), e.Range.Start.Line, e.Range.Start.Character, e.NewText))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("rename: %q, want %q", got, c.want)
			}
		})
	}
}

// TestHandbookIndexClosedDuringRequest: the last document of a site
// closed while a request reads the handbook (dropHandbook cannot take
// refsMu): the request does not keep the index.
func TestHandbookIndexClosedDuringRequest(t *testing.T) {
	root := fixtureSite(t)
	backdate(t, root)
	entered, release := make(chan struct{}), make(chan struct{})
	c, wholes := countWholesHeld(t, root, false, func(_ context.Context, n int) {
		if n == 2 {
			close(entered)
			<-release
		}
	})
	uri := docURI(root, valuesPage)
	text := readFile(t, root, valuesPage)
	c.open(uri, text)
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	done := make(chan struct{})
	go func() {
		defer close(done)
		var locs []Location
		c.conn.Call(context.Background(), "textDocument/references", ReferenceParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, Position{4, 3}}, ReferenceContext{false}}, &locs)
	}()
	<-entered
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	c.roundTrip()
	close(release)
	<-done
	c.open(uri, text)
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	if got := wholes(); !slices.Equal(got, []bool{true, false, true}) {
		t.Errorf("whole reads %v, want [true false true]: the index outlived every document of its site", got)
	}
}

// TestHandbookIndexDirtyFrontMatterAtStart: a page restored with an
// unsaved front matter edit (an editor's hot exit) that changes the title
// of a page with a date (a key that may move URLs), so that no run builds
// the cached URL index: requests after the first read nothing; as with
// the page opened as saved.
func TestHandbookIndexDirtyFrontMatterAtStart(t *testing.T) {
	for _, dirty := range []bool{false, true} {
		t.Run(fmt.Sprint("dirty=", dirty), func(t *testing.T) {
			root := fixtureSite(t)
			other := "---\ntitle: \"Other\"\ndate: 2020-01-01\n---\n\nText.\n"
			writeSite(t, root, map[string]string{"content/handbook/other.md": other})
			backdate(t, root)
			c, wholes := countWholes(t, root, false)
			uri, otherURI := docURI(root, valuesPage), docURI(root, "content/handbook/other.md")
			text := other
			if dirty {
				text = "---\ntitle: \"Other page\"\ndate: 2020-01-01\n---\n\nText.\n"
			}
			c.open(otherURI, text)
			c.open(uri, readFile(t, root, valuesPage))
			readsOnce(t, c, root, wholes)
		})
	}
}

// TestHandbookIndexFileCreatedDuringRead: a page created (and reported)
// while a read is in progress, a lint rebuilding the URL index before
// the read ends: the request does not keep what it read, and the next
// finds the page. The report is made from onHandbookRead, which runs
// after the pass and before the index is kept: the same window as during
// the pass.
func TestHandbookIndexFileCreatedDuringRead(t *testing.T) {
	root := fixtureSite(t)
	backdate(t, root)
	var c *testClient
	uri := docURI(root, valuesPage)
	newPage := "content/handbook/new.md"
	var mu sync.Mutex
	n := 0
	opt := serverOptions()
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		if k != 2 {
			return
		}
		writeBackdated(t, root, newPage, "---\ntitle: \"New\"\n---\n\n[a](/handbook/values/#intro)\n")
		c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, newPage), Type: 1}}})
		c.settle(uri, 1) // the lint of values.md builds the URL index again
	}
	c = startServer(t, opt)
	c.initialize(root, true)
	fresh := startServer(t, Options{Rules: opt.Rules, LinkRules: opt.LinkRules, SuppressionRule: opt.SuppressionRule, Version: "test", wholeHandbook: true})
	fresh.initialize(root, true)
	text := readFile(t, root, valuesPage)
	c.open(uri, text)
	fresh.open(uri, text)
	c.settle(uri, 1)
	fresh.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	c.references(t, root, uri, Position{4, 3}, false) // the request during which new.md comes
	fresh.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, newPage), Type: 1}}})
	fresh.settle(uri, 1)
	got := c.references(t, root, uri, Position{4, 3}, false)
	want := fresh.references(t, root, uri, Position{4, 3}, false)
	if !slices.Equal(got, want) {
		t.Errorf("index kept answers\n  %q\nthe whole handbook\n  %q", got, want)
	}
}

// TestHandbookIndexCancelKeepsIndex: a request cancelled
// ($/cancelRequest, as an editor sends when the cursor moves on) while it
// reads again the pages an edit changed leaves the index as it was: the
// next request reads those pages, not the whole handbook.
func TestHandbookIndexCancelKeepsIndex(t *testing.T) {
	root := fixtureSite(t)
	backdate(t, root)
	c, wholes := countWholesHeld(t, root, false, func(ctx context.Context, n int) {
		if n == 2 {
			select {
			case <-ctx.Done():
			case <-time.After(20 * time.Second):
			}
		}
	})
	uri := docURI(root, valuesPage)
	text := readFile(t, root, valuesPage)
	c.open(uri, text)
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: text + "\nMore.\n"})
	c.settle(uri, 2)
	c.cancelledReferences(t, uri, Position{4, 3})
	c.references(t, root, uri, Position{4, 3}, false)
	if got := wholes(); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("reads (whole or not) %v, want [true false]: a cancelled partial read dropped the index", got)
	}
}

// TestHandbookIndexSaveByRename: an editor that saves an open page by
// writing a new file beside it and renaming it over the page, and writes
// a backup file it removes after, changes the folder but not the names in
// it: the next request reads only the page again, and finds its new link.
func TestHandbookIndexSaveByRename(t *testing.T) {
	rel := "content/handbook/other.md"
	other := "---\ntitle: \"Other\"\n---\n\nText.\n"
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{rel: other})
	backdate(t, root)
	c, wholes := countWholes(t, root, false)
	values, otherURI := docURI(root, valuesPage), docURI(root, rel)
	c.open(values, readFile(t, root, valuesPage))
	c.open(otherURI, other)
	c.settle(values, 1)
	c.references(t, root, values, Position{4, 3}, false)
	next := strings.Replace(other, "Text.", "[o](/handbook/values/#intro)", 1)
	c.change(otherURI, 2, TextDocumentContentChangeEvent{Text: next})
	abs := filepath.Join(root, filepath.FromSlash(rel))
	for _, step := range []func() error{
		func() error { return os.WriteFile(abs+"~", []byte(other), 0o644) },
		func() error { return os.WriteFile(abs+".tmp", []byte(next), 0o644) },
		func() error { return os.Rename(abs+".tmp", abs) },
		func() error { return os.Remove(abs + "~") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: otherURI}})
	c.settle(otherURI, 2)
	if got, want := c.references(t, root, values, Position{4, 3}, false), []string{rel + " 4:0-4:28"}; !slices.Equal(got, want) {
		t.Errorf("references %q, want %q", got, want)
	}
	if got := wholes(); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("whole reads %v, want [true false]", got)
	}
}

// TestHandbookIndexEditorFiles: the files an editor leaves beside a page
// (a backup, a swap file, an autosave, a lock, a JetBrains save, vim's
// check in an empty folder) and hidden folders (an editor's settings,
// created, and one there at the read, removed) coming and going read
// nothing again (no page renders them), whether the client reports them
// as file events or not.
func TestHandbookIndexEditorFiles(t *testing.T) {
	for _, watch := range []bool{false, true} {
		t.Run(fmt.Sprintf("watch=%v", watch), func(t *testing.T) {
			team := "content/handbook/team.md"
			root := fixtureSite(t)
			writeSite(t, root, map[string]string{
				team:                                  teamPage,
				"content/handbook/.obsidian/app.json": "{}\n",
			})
			if err := os.MkdirAll(filepath.Join(root, "content/handbook/empty"), 0o755); err != nil {
				t.Fatal(err)
			}
			backdate(t, root)
			c, wholes := countWholes(t, root, watch)
			uri := docURI(root, valuesPage)
			c.open(uri, readFile(t, root, valuesPage))
			c.settle(uri, 1)
			want := []string{team + " 4:0-4:28"}
			c.references(t, root, uri, Position{4, 3}, false)
			made := []string{
				"content/handbook/team.md~",
				"content/handbook/.team.md.swp",
				"content/handbook/#team.md#",
				"content/handbook/.#team.md",
				"content/handbook/team.md___jb_tmp___",
				"content/handbook/empty/4913",
				"content/handbook/.vscode/settings.json",
				"assets/includes/nav.md~",
			}
			events := func(typ int, files ...string) {
				if !watch {
					return
				}
				var ev []FileEvent
				for _, f := range files {
					ev = append(ev, FileEvent{URI: docURI(root, f), Type: typ})
				}
				c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: ev})
				c.settle(uri, 1)
			}
			for _, f := range made {
				writeBackdated(t, root, f, "[b](/handbook/values/#intro)\n")
			}
			events(1, made...)
			if got := c.references(t, root, uri, Position{4, 3}, false); !slices.Equal(got, want) {
				t.Errorf("with the editor's files: references %q, want %q", got, want)
			}
			for _, f := range append(made, "content/handbook/.obsidian/app.json", "content/handbook/.obsidian", "content/handbook/.vscode") {
				if err := os.Remove(filepath.Join(root, filepath.FromSlash(f))); err != nil {
					t.Fatal(err)
				}
			}
			events(3, append(made, "content/handbook/.obsidian")...)
			if got := c.references(t, root, uri, Position{4, 3}, false); !slices.Equal(got, want) {
				t.Errorf("without them: references %q, want %q", got, want)
			}
			if got := wholes(); !slices.Equal(got, []bool{true, false, false}) {
				t.Errorf("whole reads %v, want [true false false]", got)
			}
		})
	}
}

// TestEditorNamedIncludeCreated: a file whose name is of the kind editors
// leave (a hidden .draft.md), which a page includes, created with a file
// event, is read: the page's include-target finding goes (the events of
// an editor's own files are ignored only when no lint read them).
func TestEditorNamedIncludeCreated(t *testing.T) {
	root := fixtureSite(t)
	page := strings.ReplaceAll(seniorPage, "includes/values.md", "includes/.draft.md")
	writeSite(t, root, map[string]string{trackDir + "senior.md": page})
	c := startServer(t, serverOptions())
	c.initialize(root, true)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, page)
	if p := c.settle(uri, 1); !slices.Contains(codes(p), "include-target") {
		t.Fatalf("before: %v, want include-target", codes(p))
	}
	n := c.published(uri)
	writeSite(t, root, map[string]string{"assets/includes/.draft.md": "Values text.\n"})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/.draft.md"), Type: 1}}})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return !slices.Contains(codes(p), "include-target") })
}

// TestEscapeClosingHashes: a new ATX heading text ending in a run of "#"
// that CommonMark would read as the closing sequence gets its first "#"
// escaped; one that is text ("C#", an escaped run) is kept.
func TestEscapeClosingHashes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Leadership #", `Leadership \#`},
		{"Leadership ##", `Leadership \##`},
		{"#", `\#`},
		{"##", `\##`},
		{"C#", "C#"},
		{`Leadership \#`, `Leadership \#`},
		{"Leadership", "Leadership"},
		{"# Leadership", "# Leadership"},
	} {
		if got := escapeClosingHashes(c.in); got != c.want {
			t.Errorf("escapeClosingHashes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestRenameKeepsTrailingHash: renaming an ATX heading to a text ending
// in " #" writes the "#" escaped, so that the heading keeps it.
func TestRenameKeepsTrailingHash(t *testing.T) {
	c, root, _ := startOnSeniorWith(t, nil, false)
	values := docURI(root, valuesPage)
	c.open(values, readFile(t, root, valuesPage))
	c.waitDiagnostics(values, 0, hasVersion(1))
	var we WorkspaceEdit
	if err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{4, 4}}, "Intro #"}, &we); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range we.Changes[values] {
		texts = append(texts, e.NewText)
	}
	if !slices.Contains(texts, `Intro \#`) {
		t.Errorf("edits of the page %q, want the heading written Intro \\#", texts)
	}
}

// TestRenameSameText: renaming a heading to the text it has (spaces
// around it aside) edits nothing and reads no handbook.
func TestRenameSameText(t *testing.T) {
	root := fixtureSite(t)
	var mu sync.Mutex
	reads := 0
	opt := serverOptions()
	opt.onHandbookRead = func(bool, []string) {
		mu.Lock()
		reads++
		mu.Unlock()
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	values := docURI(root, valuesPage)
	c.open(values, readFile(t, root, valuesPage))
	c.waitDiagnostics(values, 0, hasVersion(1))
	for _, name := range []string{"Intro", " Intro  "} {
		var we WorkspaceEdit
		if err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{4, 4}}, name}, &we); err != nil {
			t.Fatal(err)
		}
		if len(we.Changes) != 0 || len(we.DocumentChanges) != 0 {
			t.Errorf("rename to %q: %+v, want no edit", name, we)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if reads != 0 {
		t.Errorf("%d handbook reads, want none", reads)
	}
}

// teamPage is a handbook page with one link to the values page's
// #intro, which the references tests find.
const teamPage = "---\ntitle: \"Team\"\n---\n\n[a](/handbook/values/#intro)\n"

// TestHandbookLetGoAfterRequest: a site's last document closed while a
// references request uses its handbook's index leaves no index kept (tens of MB
// for a large handbook) once the request ends: the next request, after
// the document is opened again, reads the handbook whole.
func TestHandbookLetGoAfterRequest(t *testing.T) {
	team := "content/handbook/team.md"
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{team: teamPage})
	backdate(t, root)
	var mu sync.Mutex
	var wholes []bool
	var holding atomic.Bool
	held, release := make(chan struct{}, 1), make(chan struct{})
	opt := serverOptions()
	opt.onHandbookKept = func() { // the request has the index, kept
		if holding.Swap(false) {
			held <- struct{}{}
			<-release
		}
	}
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	uri := docURI(root, valuesPage)
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	want := []string{team + " 4:0-4:28"}
	holding.Store(true)
	got := make(chan []string, 1)
	go func() { got <- c.references(t, root, uri, Position{4, 3}, false) }()
	<-held
	c.mu.Lock()
	published := len(c.diags[uri])
	c.mu.Unlock()
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return len(c.diags[uri]) > published })
	close(release)
	if refs := <-got; !slices.Equal(refs, want) {
		t.Errorf("references while closing %q, want %q", refs, want)
	}
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	if refs := c.references(t, root, uri, Position{4, 3}, false); !slices.Equal(refs, want) {
		t.Errorf("references after opening again %q, want %q", refs, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(wholes, []bool{true, true}) {
		t.Errorf("whole reads %v, want [true true]: the index read while the document closed was kept", wholes)
	}
}

// TestHandbookPrewarmTwoSites: with two sites open, a change in one
// site leaves the other's read ahead going (reads take turns: one at a
// time), and the changed site's starts again once the editor is quiet,
// so that the first references request in each site reads nothing
// whole.
func TestHandbookPrewarmTwoSites(t *testing.T) {
	team := "content/handbook/team.md"
	rootA, rootB := fixtureSite(t), fixtureSite(t)
	for _, root := range []string{rootA, rootB} {
		writeSite(t, root, map[string]string{team: teamPage})
		backdate(t, root)
	}
	var mu sync.Mutex
	var wholes []bool
	reads := map[string]int{} // reads started, per root
	var heldRoot string       // the site of the first read, held
	var heldCtx context.Context
	held, release := make(chan struct{}), make(chan struct{})
	opt := serverOptions()
	opt.PrewarmHandbook = true
	opt.onHandbook = func(ctx context.Context, root string) {
		mu.Lock()
		reads[root]++
		first := heldRoot == ""
		if first {
			heldRoot, heldCtx = root, ctx
		}
		mu.Unlock()
		if first {
			close(held)
			<-release
		}
	}
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	released := false
	t.Cleanup(func() {
		if !released {
			close(release)
		}
	})
	c.initialize(rootA, false)
	uris := map[string]string{rootA: docURI(rootA, valuesPage), rootB: docURI(rootB, valuesPage)}
	for _, root := range []string{rootA, rootB} {
		c.open(uris[root], readFile(t, root, valuesPage))
		c.settle(uris[root], 1)
	}
	select {
	case <-held:
	case <-time.After(10 * time.Second):
		t.Fatal("no read ahead once the editor was quiet")
	}
	// A change in the other site leaves the held read going.
	other := rootB
	if heldRoot == rootB {
		other = rootA
	}
	c.change(uris[other], 2, TextDocumentContentChangeEvent{Text: readFile(t, other, valuesPage) + "\n"})
	c.settle(uris[other], 2)
	if err := heldCtx.Err(); err != nil {
		t.Fatalf("a change in %s cancelled the read ahead of %s: %v", other, heldRoot, err)
	}
	close(release)
	released = true
	// The held read ends, and the other site's is read once the editor
	// is quiet.
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(wholes) == 2 })
	want := []string{team + " 4:0-4:28"}
	for _, root := range []string{rootA, rootB} {
		if got := c.references(t, root, uris[root], Position{4, 3}, false); !slices.Equal(got, want) {
			t.Errorf("references in %s: %q, want %q", root, got, want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(wholes, []bool{true, true, false, false}) {
		t.Errorf("whole reads %v, want [true true false false]: each site's first request found its index read ahead", wholes)
	}
}

// TestHandbookPrewarm: with Options.PrewarmHandbook the server reads the
// handbook once the editor is idle after a site run, so that the first
// references request reads nothing whole; a change while that read goes
// cancels it, and the next site run starts it again.
func TestHandbookPrewarm(t *testing.T) {
	team := "content/handbook/team.md"
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{team: teamPage, trackDir + "senior.md": seniorPage})
	backdate(t, root)
	var mu sync.Mutex
	var wholes []bool
	var holds []bool // per read started: whether it was cancelled while held
	release, started := make(chan struct{}), make(chan struct{})
	opt := serverOptions()
	opt.PrewarmHandbook = true
	opt.onHandbook = func(ctx context.Context, _ string) {
		mu.Lock()
		first := len(holds) == 0
		mu.Unlock()
		cancelled := false
		if first {
			// The first read is held until a change cancels it.
			close(started)
			select {
			case <-ctx.Done():
				cancelled = true
			case <-release:
			}
		}
		mu.Lock()
		holds = append(holds, cancelled)
		mu.Unlock()
	}
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	t.Cleanup(func() { close(release) })
	c.initialize(root, false)
	// A career page open: a site run, then the read ahead, held.
	senior := docURI(root, trackDir+"senior.md")
	c.open(senior, seniorPage)
	c.settle(senior, 1)
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no read ahead after the site run")
	}
	// A change cancels it.
	c.change(senior, 2, TextDocumentContentChangeEvent{Text: seniorPage + "\nMore.\n"})
	c.settle(senior, 2)
	waitFor(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(holds) >= 2 && len(wholes) == 1
	})
	mu.Lock()
	if !holds[0] || !slices.Equal(wholes, []bool{true}) {
		t.Errorf("reads held %v, whole reads %v: want the first cancelled by the change, and one whole read after the next site run", holds, wholes)
	}
	mu.Unlock()
	uri := docURI(root, valuesPage)
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	want := []string{team + " 4:0-4:28"}
	if got := c.references(t, root, uri, Position{4, 3}, false); !slices.Equal(got, want) {
		t.Errorf("references %q, want %q", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(wholes, []bool{true, false}) {
		t.Errorf("whole reads %v, want [true false]: the request found the index read ahead", wholes)
	}
}

// TestHandbookPrewarmQuiet: a site with no career page open has no site
// run; its handbook is read ahead once the editor has been quiet for
// prewarmQuiet, and closing its last document stops a read ahead going.
func TestHandbookPrewarmQuiet(t *testing.T) {
	team := "content/handbook/team.md"
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{team: teamPage})
	backdate(t, root)
	var mu sync.Mutex
	var wholes []bool
	var cancelled []bool
	hold := make(chan struct{}) // closed: reads are no longer held
	held := make(chan struct{}, 1)
	var holding atomic.Bool
	opt := serverOptions()
	opt.PrewarmHandbook = true
	opt.onHandbook = func(ctx context.Context, _ string) {
		if !holding.Load() {
			return
		}
		select {
		case held <- struct{}{}:
		default:
		}
		select {
		case <-ctx.Done():
			mu.Lock()
			cancelled = append(cancelled, true)
			mu.Unlock()
		case <-hold:
		}
	}
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	t.Cleanup(func() { close(hold) })
	c.initialize(root, false)
	uri := docURI(root, valuesPage)
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(wholes) == 1 })
	if got := c.references(t, root, uri, Position{4, 3}, false); !slices.Equal(got, []string{team + " 4:0-4:28"}) {
		t.Errorf("references %q", got)
	}
	mu.Lock()
	if !slices.Equal(wholes, []bool{true, false}) {
		t.Errorf("whole reads %v, want [true false]: the request found the index read ahead", wholes)
	}
	mu.Unlock()
	// Closed and opened again: the index is let go, and the next read
	// ahead is held; closing the document stops it.
	holding.Store(true)
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	select { // the read ahead starts once the editor is quiet, held
	case <-held:
	case <-time.After(10 * time.Second):
		t.Fatal("no read ahead once the editor was quiet")
	}
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(cancelled) == 1 })
}
