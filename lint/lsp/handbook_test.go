package lsp

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
	var mu sync.Mutex
	var wholes []bool
	opt := serverOptions()
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	c.initialize(root, true)
	uri := docURI(root, valuesPage)
	c.open(uri, readFile(t, root, valuesPage))
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	c.references(t, root, uri, Position{4, 3}, false)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "public/index.html"), Type: 2}}})
	c.settle(uri, 1)
	c.references(t, root, uri, Position{4, 3}, false)
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(wholes, []bool{true, false, false}) {
		t.Errorf("whole reads %v, want [true false false]: a change of public/index.html read the whole handbook again", wholes)
	}
}

// TestHandbookIndexUnparsedPage: a page edited so that it is not parsed
// any more (a NUL byte below its front matter) has no links, and one not
// parsed when the index was read is read again once an edit drops the
// byte; a rename after either edits what the whole handbook would.
func TestHandbookIndexUnparsedPage(t *testing.T) {
	team := "---\ntitle: \"Team\"\n---\n\n[a](/handbook/values/#intro)\n"
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
// time a second back (see backdate).
func writeBackdated(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Second)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
}

// TestRenameIgnoredPage: a heading of a page the configuration's ignore
// globs leave out (Hugo renders it, links reach it) is renamed with the
// links to it, though the page has no lint of its own.
func TestRenameIgnoredPage(t *testing.T) {
	old := "---\ntitle: \"Old\"\n---\n\n## Old head\n\nText.\n"
	c, root, _ := startOnSeniorWith(t, map[string]string{
		".careerlint.yaml":                "ignore: [\"content/handbook/archive/**\"]\n",
		"content/handbook/archive/old.md": old,
		"content/handbook/team/_index.md": "---\ntitle: \"Team\"\n---\n\n[k](/handbook/archive/old/#old-head)\n",
	}, false)
	uri := docURI(root, "content/handbook/archive/old.md")
	c.open(uri, old)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	var prep *PrepareRenameResult
	if err := c.call("textDocument/prepareRename", TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, Position{4, 4}}, &prep); err != nil || prep == nil || prep.Placeholder != "Old head" {
		t.Fatalf("prepareRename: %+v, %v, want \"Old head\"", prep, err)
	}
	var we WorkspaceEdit
	if err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, Position{4, 4}}, "New head"}, &we); err != nil {
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
	want := []string{"content/handbook/archive/old.md 4:3 New head", "content/handbook/team/_index.md 4:27 new-head"}
	if !slices.Equal(got, want) {
		t.Errorf("rename: %q, want %q", got, want)
	}
}

// TestHandbookIndexDroppedOnClose: the index is let go once no document
// of the site is open (its memory), and read again by the next request;
// while one is open it is kept.
func TestHandbookIndexDroppedOnClose(t *testing.T) {
	root := fixtureSite(t)
	backdate(t, root)
	var mu sync.Mutex
	var wholes []bool
	opt := serverOptions()
	opt.onHandbookRead = func(whole bool, _ []string) {
		mu.Lock()
		wholes = append(wholes, whole)
		mu.Unlock()
	}
	c := startServer(t, opt)
	c.initialize(root, false)
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
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(wholes, []bool{true, false, true}) {
		t.Errorf("whole reads %v, want [true false true]", wholes)
	}
}
