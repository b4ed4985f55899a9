package lsp

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestSameEditOneAction: two findings on one include that offer the same
// edit (include-target's did-you-mean and ladder-includes' navigation of
// the track) give one quick fix that resolves both, not the same entry
// twice in the editor's menu. The suggestion of a rule that compares
// pages (ladder-includes, found by the site run) is a quick fix too, also
// where it is the only finding.
func TestSameEditOneAction(t *testing.T) {
	root := t.TempDir()
	const matrix = "content/handbook/engineering/careers/matrix/"
	page := func(track, level, nav string) string {
		return "---\ntitle: \"" + track + " " + level + "\"\n---\n\n## " + track + " " + level + "\n\n{{% include \"" + nav + "\" %}}\n"
	}
	writeSite(t, root, map[string]string{
		"assets/includes/careers/t-nav.md": "[Intermediate](/handbook/engineering/careers/matrix/t/intermediate/) |\n[Senior](/handbook/engineering/careers/matrix/t/senior/)\n",
		"assets/includes/careers/u-nav.md": "[Intermediate](/handbook/engineering/careers/matrix/u/intermediate/) |\n[Senior](/handbook/engineering/careers/matrix/u/senior/)\n",
		matrix + "t/intermediate.md":       page("t", "Intermediate", "includes/careers/t-nav.md"),
		matrix + "u/intermediate.md":       page("u", "Intermediate", "includes/careers/u-nav.md"),
		matrix + "u/senior.md":             page("u", "Senior", "includes/careers/u-nav.md"),
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, matrix+"t/senior.md")
	// The senior page names track u's navigation at an older path.
	text := page("t", "Senior", "includes/old/u-nav.md")
	writeSite(t, root, map[string]string{matrix + "t/senior.md": text})
	c.open(uri, text)
	p := c.settle(uri, 1) // the ladder rules' site run too
	it, li := find(t, p, "include-target"), find(t, p, "ladder-includes")
	if it.Range != li.Range {
		t.Fatalf("include-target at %+v, ladder-includes at %+v: want one spot", it.Range, li.Range)
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri},
		Range:        it.Range,
		Context:      CodeActionContext{Diagnostics: []Diagnostic{it, li}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	var found []CodeAction
	for _, a := range actions {
		if a.Title == `include "includes/careers/t-nav.md"` {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d actions that include the track's navigation, want one: %+v", len(found), actions)
	}
	if got := codes(PublishDiagnosticsParams{Diagnostics: found[0].Diagnostics}); len(got) != 2 || got[0] != "include-target" || got[1] != "ladder-includes" {
		t.Errorf("the action resolves %v, want include-target and ladder-includes; all: %+v", got, actions)
	}

	// Track u's navigation where it exists: ladder-includes alone, and its
	// suggestion is the quick fix.
	text = page("t", "Senior", "includes/careers/u-nav.md")
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: text})
	p = c.settle(uri, 2)
	if got := codes(p); len(got) != 2 || got[0] != "ladder-includes" || got[1] != "required-sections" {
		t.Fatalf("codes %v, want ladder-includes and required-sections", got)
	}
	li = find(t, p, "ladder-includes")
	actions = nil
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: li.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Title != `include "includes/careers/t-nav.md"` || len(actions[0].Diagnostics) != 1 || actions[0].Diagnostics[0].Code != "ladder-includes" || actions[0].IsPreferred {
		t.Fatalf("actions %+v, want ladder-includes' suggestion, not preferred", actions)
	}
	edits := actions[0].Edit.Changes[uri]
	inQuotes := Range{Start: Position{li.Range.Start.Line, li.Range.Start.Character + 1}, End: Position{li.Range.End.Line, li.Range.End.Character - 1}}
	if len(edits) != 1 || edits[0].NewText != "includes/careers/t-nav.md" || edits[0].Range != inQuotes {
		t.Errorf("edits %+v, want the target in its quotes, %+v, written as includes/careers/t-nav.md", edits, inQuotes)
	}
}

// TestFolderDeletedOnDisk: an editor reports a folder deleted on disk as
// one event for the folder, none for the pages in it; the server asks to
// hear of any file or folder created or deleted, and a link to a page of
// the deleted folder is then reported.
func TestFolderDeletedOnDisk(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{"content/handbook/newpage/_index.md": "---\ntitle: \"New\"\n---\n\n## New\n"}, true)
	text := seniorPage + "\nSee [the new page](/handbook/newpage/).\n"
	c.open(uri, text)
	p := c.settle(uri, 1)
	if slices.Contains(codes(p), "link-target") {
		t.Fatalf("link-target before the folder is deleted: %v", p.Diagnostics)
	}
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		b, _ := json.Marshal(c.regs)
		return strings.Contains(string(b), `{"globPattern":"**/*","kind":7}`)
	})

	n := c.published(uri)
	if err := os.RemoveAll(filepath.Join(root, "content/handbook/newpage")); err != nil {
		t.Fatal(err)
	}
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(filepath.Join(root, "content/handbook/newpage")), Type: 3}}})
	p = c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "link-target") })
	if d := find(t, p, "link-target"); !strings.Contains(d.Message, "/handbook/newpage/") {
		t.Errorf("link-target %q, want the deleted page's URL", d.Message)
	}
}

// TestSiteFileEvent: which files and folders created or deleted the
// server lints again for: those under the content folder, an include root
// or a static root (or a folder holding one), not git's own files (every
// git command creates and deletes some), node_modules, an editor's
// scratch files, or files elsewhere (Hugo's public/ output).
func TestSiteFileEvent(t *testing.T) {
	root := t.TempDir()
	ws := &workspace{root: root, cfg: lint.DefaultConfig()}
	for _, c := range []struct {
		rel  string
		want bool
	}{
		{"content/handbook/newpage", true},
		{"content", true},
		{"static/images/a.png", true},
		{"assets/includes", true},
		{"assets", true},
		{".git/index.lock", false},
		{".git", false},
		{"content/.drafts/x", false},
		{"node_modules/pkg/readme", false},
		{"content/handbook/4913", false},
		{"content/handbook/senior.md~", false},
		{"content/handbook/#senior.md#", false},
		{"content/handbook/senior.md___jb_tmp___", false},
		{"content/handbook/#logo.png", true},
		{"public/handbook/index.html", false},
		{"resources/_gen/x", false},
	} {
		if got := siteFileEvent(ws, filepath.Join(root, filepath.FromSlash(c.rel))); got != c.want {
			t.Errorf("siteFileEvent(%q) = %v, want %v", c.rel, got, c.want)
		}
	}
}

// listAcrossPagesSite writes a site where b.md's empty item "*" holds
// n.md's "* e" (goldmark nests a list under an empty item only when their
// markers are the same), so that either rewritten alone would render b.md
// as an empty item and a list of its own; a.md pastes n.md after a
// paragraph, below a list of its own.
func listAcrossPagesSite(t *testing.T) (root string, files map[string]string) {
	root = t.TempDir()
	const matrix = "content/handbook/engineering/careers/matrix/"
	files = map[string]string{
		matrix + "web/a.md":    "---\ntitle: A\n---\n\n* x\n\nText.\n\n{{% include \"includes/n.md\" %}}\n",
		matrix + "web/b.md":    "---\ntitle: B\n---\n\n*\n  {{% include \"includes/n.md\" %}}\n",
		"assets/includes/n.md": "* e\n",
	}
	writeSite(t, root, files)
	return root, files
}

// TestHeldFindingGainsIncludingLineOnly: an included file's finding that
// its own lint, over every career page that includes it, reports gains
// the including line of an open page's lint of the same finding, and
// nothing else that lint, over that page alone, says of it: a.md's lint
// does not hold b.md, so it withholds n.md's list fix and names b.md's
// bullet, which n.md's own lint, holding b.md, fixes with it.
func TestHeldFindingGainsIncludingLineOnly(t *testing.T) {
	root, files := listAcrossPagesSite(t)
	const a = "content/handbook/engineering/careers/matrix/web/a.md"
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	page, inc := docURI(root, a), docURI(root, "assets/includes/n.md")
	c.open(page, files[a])
	c.settle(page, 1)
	c.open(inc, files["assets/includes/n.md"])
	lm := find(t, c.settle(inc, 1), "list-marker")
	if len(lm.RelatedInformation) == 0 {
		t.Errorf("n.md's finding %q has no related location, want the including line", lm.Message)
	}
	for _, r := range lm.RelatedInformation {
		if r.Message != "included here" {
			t.Errorf("n.md's finding %q has the related location %q, want the including lines only", lm.Message, r.Message)
		}
	}
}

// TestFixAllLeavesListOfOtherFile: "fix all" rewrites the document alone,
// as careerlint --pages-only --fix does the file given, so a list-marker
// fix that keeps the rendering only with the fix of a list in another
// file is not in it (see listAcrossPagesSite); the other fixes of the
// document are.
func TestFixAllLeavesListOfOtherFile(t *testing.T) {
	root, files := listAcrossPagesSite(t)
	const matrix = "content/handbook/engineering/careers/matrix/"
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	fixAll := func(uri string) []TextEdit {
		t.Helper()
		var actions []CodeAction
		if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Context: CodeActionContext{Only: []string{"source.fixAll"}}}, &actions); err != nil {
			t.Fatal(err)
		}
		if len(actions) == 0 {
			return nil
		}
		return actions[0].Edit.Changes[uri]
	}
	page, inc, other := docURI(root, matrix+"web/a.md"), docURI(root, "assets/includes/n.md"), docURI(root, matrix+"web/b.md")
	c.open(page, files[matrix+"web/a.md"])
	c.settle(page, 1)
	if edits := fixAll(page); len(edits) != 1 || edits[0].NewText != "-" || edits[0].Range.Start.Line != 4 {
		t.Errorf("fix all of a.md: %+v, want its own list's marker rewritten", edits)
	}
	// n.md's lint holds both pages: its finding offers the fix, as
	// careerlint assets/includes/n.md does, but "fix all" would rewrite
	// n.md alone; and b.md's the same.
	c.open(inc, files["assets/includes/n.md"])
	if find(t, c.settle(inc, 1), "list-marker"); fixAll(inc) != nil {
		t.Errorf("fix all of n.md: %+v, want none", fixAll(inc))
	}
	c.open(other, files[matrix+"web/b.md"])
	if find(t, c.settle(other, 1), "list-marker"); fixAll(other) != nil {
		t.Errorf("fix all of b.md: %+v, want none", fixAll(other))
	}
}

// TestVersionedEdits: a client that takes documentChanges gets each quick
// fix, fix-all and rename as edits of versioned documents: the version of
// the open document they were made for (so that the editor refuses them
// once the text changed), null for a file no editor holds open; a client
// that does not gets changes by URI.
func TestVersionedEdits(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":     seniorPage,
		"content/handbook/team.md": "---\ntitle: \"Team\"\n---\n\n[i](/handbook/values/#intro)\n",
	})
	for _, takes := range []bool{true, false} {
		t.Run(fmt.Sprintf("documentChanges=%v", takes), func(t *testing.T) {
			c := startServer(t, serverOptions())
			c.docChanges = takes
			c.initialize(root, false)
			uri := docURI(root, trackDir+"senior.md")
			c.open(uri, seniorPage)
			c.change(uri, 3, TextDocumentContentChangeEvent{Text: seniorPage})
			lm := find(t, c.settle(uri, 3), "list-marker")
			var actions []CodeAction
			if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: lm.Range}, &actions); err != nil {
				t.Fatal(err)
			}
			if len(actions) == 0 {
				t.Fatal("no action for list-marker")
			}
			for _, a := range actions {
				e := a.Edit
				switch {
				case takes && (e.Changes != nil || len(e.DocumentChanges) != 1 || e.DocumentChanges[0].TextDocument.URI != uri || e.DocumentChanges[0].TextDocument.Version == nil || *e.DocumentChanges[0].TextDocument.Version != 3):
					t.Errorf("action %q: edit %+v, want the page's edits at version 3", a.Title, e)
				case !takes && (e.DocumentChanges != nil || len(e.Changes[uri]) == 0):
					t.Errorf("action %q: edit %+v, want changes by URI", a.Title, e)
				}
			}
			values := docURI(root, valuesPage)
			c.open(values, readFile(t, root, valuesPage))
			c.settle(values, 1)
			var we WorkspaceEdit
			if err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{4, 4}}, "Introduction"}, &we); err != nil {
				t.Fatal(err)
			}
			if !takes {
				if len(we.Changes) != 2 || we.DocumentChanges != nil {
					t.Errorf("rename: %+v, want changes of two files by URI", we)
				}
				return
			}
			got := map[string]string{}
			for _, dc := range we.DocumentChanges {
				v := "null"
				if dc.TextDocument.Version != nil {
					v = fmt.Sprint(*dc.TextDocument.Version)
				}
				got[dc.TextDocument.URI] = v
			}
			if want := map[string]string{values: "1", docURI(root, "content/handbook/team.md"): "null"}; !maps.Equal(got, want) || we.Changes != nil {
				t.Errorf("rename: versions %v, want %v (changes %v)", got, want, we.Changes)
			}
			// team.md open, and a change of it that did not fit: the
			// server does not hold its editor text, so an edit placed by
			// its older text is refused, not labelled with its version.
			team := docURI(root, "content/handbook/team.md")
			c.open(team, readFile(t, root, "content/handbook/team.md"))
			c.settle(team, 1)
			c.change(team, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{500, 0}, End: Position{500, 0}}, Text: "x"})
			c.change(team, 3, TextDocumentContentChangeEvent{Range: &Range{Start: Position{0, 0}, End: Position{0, 0}}, Text: "\n\n\n"})
			err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{4, 4}}, "Introduction"}, &we)
			if err == nil || !strings.Contains(err.Error(), "team.md, whose text in the editor careerlint does not hold") {
				t.Errorf("rename with team.md out of step: %v, want it refused", err)
			}
		})
	}
}
