package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

const trackDir = "content/handbook/engineering/careers/matrix/t/"

// problemLine is the page's line with non-ASCII text (two-byte, and a
// four-byte character that is two UTF-16 code units) and a trailing space.
const problemLine = "Café ünïcode 🤝 text, see [values](/handbook/values/#boring-solutions). "

// seniorPage has three fixable problems (a trailing space, an ordered
// item numbered 2, a "*" bullet) and nothing else careerlint reports.
var seniorPage = strings.Join([]string{
	"---",
	`title: "Senior - Test Department Career Framework"`,
	`description: "The expected competencies for the Senior level."`,
	"---",
	"",
	`{{% include "includes/nav.md" %}}`,
	"",
	"## Test Department Competencies: Senior",
	"",
	problemLine, // line 9 (zero-based)
	"",
	"### Senior Leadership Competencies",
	"",
	"1. First",
	"2. Second", // line 14
	"",
	"### Senior Technical Competencies",
	"",
	"* bullet", // line 18
	"",
	"### Senior Values Alignment",
	"",
	`{{% include "includes/values.md" %}}`,
	"",
}, "\n")

// fixtureSite writes a small handbook: a track with an index, two
// includes and a values page with a heading.
func fixtureSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	writeSite(t, root, map[string]string{
		"assets/includes/nav.md":            "- [Track](/handbook/engineering/careers/matrix/t/)\n",
		"assets/includes/values.md":         "Values text.\n",
		trackDir + "_index.md":              "---\ntitle: \"Test track\"\n---\n\n## Levels\n\n- [Senior](senior/)\n",
		"content/handbook/values/_index.md": "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Boring solutions\n\nText.\n",
	})
	return root
}

func docURI(root, rel string) string { return pathToURI(filepath.Join(root, filepath.FromSlash(rel))) }

// startOnSenior starts a server on a copy of the fixture site and returns
// it with the site's root and the URI of the track's senior page (not yet
// opened).
func startOnSenior(t *testing.T) (c *testClient, root, uri string) {
	t.Helper()
	return startOnSeniorWith(t, nil, false)
}

// startOnSeniorWith is startOnSenior with more files written to the
// fixture site first, and the client watching files when watch is set.
func startOnSeniorWith(t *testing.T, files map[string]string, watch bool) (c *testClient, root, uri string) {
	t.Helper()
	root = fixtureSite(t)
	writeSite(t, root, files)
	c = startServer(t, serverOptions())
	c.initialize(root, watch)
	return c, root, docURI(root, trackDir+"senior.md")
}

// TestDiagnosticsQuickFixFixAll opens a page with known problems, checks
// the diagnostics (codes, severities, UTF-16 ranges on a non-ASCII line,
// docs links), applies a quick fix and then "fix all" as an editor does,
// and receives clean diagnostics.
func TestDiagnosticsQuickFixFixAll(t *testing.T) {
	root := fixtureSite(t)
	c := startServer(t, serverOptions())
	res := c.initialize(root, false)
	if res.Capabilities.TextDocumentSync.Change != 2 || !res.Capabilities.HoverProvider || !res.Capabilities.DefinitionProvider || !slices.Equal(res.Capabilities.CompletionProvider.TriggerCharacters, []string{"#", "/", "\""}) || res.ServerInfo.Name != "careerlint" {
		t.Fatalf("capabilities %+v", res)
	}
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	if got, want := codes(p), []string{"list-marker", "ordered-list-style", "whitespace"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
	ws := find(t, p, "whitespace")
	col := utf16Col(strings.TrimSuffix(problemLine, " "))
	if want := (Range{Start: Position{9, col}, End: Position{9, col + 1}}); ws.Range != want {
		t.Errorf("whitespace range %+v, want %+v (UTF-16 columns)", ws.Range, want)
	}
	if ws.Severity != SeverityInformation || ws.Source != "careerlint" || ws.CodeDescription == nil || !strings.HasSuffix(ws.CodeDescription.Href, "/whitespace.md") {
		t.Errorf("whitespace diagnostic %+v", ws)
	}
	if d := find(t, p, "ordered-list-style"); d.Severity != SeverityWarning || d.Range.Start != (Position{14, 0}) {
		t.Errorf("ordered-list-style %+v", d)
	}

	// The quick fix of the trailing space, requested at the cursor.
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri},
		Range:        Range{Start: ws.Range.Start, End: ws.Range.Start},
		Context:      CodeActionContext{Diagnostics: []Diagnostic{ws}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	var quick, all *CodeAction
	for i, a := range actions {
		switch {
		case a.Kind == KindQuickFix && len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == "whitespace":
			quick = &actions[i]
		case strings.HasPrefix(a.Title, "fix all"):
			all = &actions[i]
		case len(a.Diagnostics) == 1:
			t.Errorf("action for a finding outside the range: %+v", a)
		}
	}
	if quick == nil || all == nil {
		t.Fatalf("want the whitespace quick fix and fix all; got %+v", actions)
	}
	text := applyEdits(t, seniorPage, quick.Edit.Changes[uri])
	if want := strings.Replace(seniorPage, problemLine, strings.TrimSuffix(problemLine, " "), 1); text != want {
		t.Fatalf("after the quick fix:\n%s\nwant:\n%s", text, want)
	}
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: text})
	p = c.waitDiagnostics(uri, 0, hasVersion(2))
	if got, want := codes(p), []string{"list-marker", "ordered-list-style"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after the quick fix: codes %v, want %v", got, want)
	}

	// Fix all, offered on the ordered item.
	ol := find(t, p, "ordered-list-style")
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: ol.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	all = nil
	for i, a := range actions {
		if a.Kind == KindQuickFix && strings.HasPrefix(a.Title, "fix all") {
			all = &actions[i]
		}
	}
	if all == nil {
		t.Fatalf("no fix all action in %+v", actions)
	}
	// One edit per changed line, each the smallest: the lines between
	// them are not rewritten.
	edits := all.Edit.Changes[uri]
	want := []TextEdit{{Range: Range{Start: Position{14, 0}, End: Position{14, 1}}, NewText: "1"}, {Range: Range{Start: Position{18, 0}, End: Position{18, 1}}, NewText: "-"}}
	if len(all.Edit.Changes) != 1 || fmt.Sprint(edits) != fmt.Sprint(want) {
		t.Fatalf("fix all: edits %+v, want %+v", all.Edit.Changes, want)
	}
	text = applyEdits(t, text, edits)
	if !strings.Contains(text, "\n1. First\n1. Second\n") || !strings.Contains(text, "\n- bullet\n") {
		t.Fatalf("after fix all:\n%s", text)
	}
	// Sent as incremental changes, as editors do (the last first: the
	// ranges are of the text before the edits).
	c.change(uri, 3, TextDocumentContentChangeEvent{Range: &edits[1].Range, Text: edits[1].NewText}, TextDocumentContentChangeEvent{Range: &edits[0].Range, Text: edits[0].NewText})
	p = c.waitDiagnostics(uri, 0, hasVersion(3))
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after fix all: %+v", p.Diagnostics)
	}

	// The source.fixAll kind (asked on save) has nothing left to do.
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Context: CodeActionContext{Only: []string{"source.fixAll"}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 0 {
		t.Errorf("clean page: actions %+v", actions)
	}
}

// TestFixAllSourceKind asks for the source.fixAll kind (what editors run
// on save): one action whatever the range, and no quick fixes.
func TestFixAllSourceKind(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, seniorPage)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Context: CodeActionContext{Only: []string{"source.fixAll"}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != KindFixAll {
		t.Fatalf("actions %+v, want one %s", actions, KindFixAll)
	}
	text := applyEdits(t, seniorPage, actions[0].Edit.Changes[uri])
	if strings.Contains(text, "2. Second") || strings.Contains(text, "* bullet") || strings.Contains(text, "). \n") {
		t.Errorf("not every problem fixed:\n%s", text)
	}
}

// TestSuggestionQuickFix checks that a finding's suggestion (link-anchor's
// did-you-mean) is offered as a quick fix that is not preferred, and that
// "fix all" leaves it alone.
func TestSuggestionQuickFix(t *testing.T) {
	c, _, uri := startOnSenior(t)
	page := strings.Replace(seniorPage, "#boring-solutions). ", "#boring-solution).", 1)
	c.open(uri, page)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	if got, want := codes(p), []string{"link-anchor", "list-marker", "ordered-list-style"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
	la := find(t, p, "link-anchor")
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: la.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	var sug *CodeAction
	for i, a := range actions {
		if len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == "link-anchor" {
			if sug != nil {
				t.Errorf("two actions for the finding: %+v", actions)
			}
			sug = &actions[i]
		}
	}
	if sug == nil || sug.Title != "write #boring-solutions" || sug.IsPreferred || sug.Kind != KindQuickFix {
		t.Fatalf("want the suggestion as a quick fix that is not preferred; got %+v", actions)
	}
	if text := applyEdits(t, page, sug.Edit.Changes[uri]); text != strings.Replace(page, "#boring-solution)", "#boring-solutions)", 1) {
		t.Errorf("after the suggestion:\n%s", text)
	}
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Context: CodeActionContext{Only: []string{"source.fixAll"}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 {
		t.Fatalf("source.fixAll: actions %+v, want one", actions)
	}
	text := applyEdits(t, page, actions[0].Edit.Changes[uri])
	if !strings.Contains(text, "#boring-solution)") || strings.Contains(text, "* bullet") {
		t.Errorf("fix all must fix the bullet and leave the suggestion alone:\n%s", text)
	}
}

// TestIncrementalChangesUTF16 edits a line holding non-ASCII text with
// incremental changes whose positions count UTF-16 code units, and checks
// the server's view through the diagnostics it reports.
func TestIncrementalChangesUTF16(t *testing.T) {
	c, _, uri := startOnSenior(t)
	text := strings.Replace(seniorPage, problemLine, strings.TrimSuffix(problemLine, " "), 1)
	text = strings.Replace(text, "2. Second", "1. Second", 1)
	text = strings.Replace(text, "* bullet", "- bullet", 1)
	c.open(uri, text)
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); len(p.Diagnostics) != 0 {
		t.Fatalf("clean page: %+v", p.Diagnostics)
	}
	// Insert "🎉 " right after the emoji (the position after its two code
	// units), then two spaces at the end of that line: the trailing space
	// finding must start after the new text.
	after := utf16Col("Café ünïcode 🤝")
	c.change(uri, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{9, after}, End: Position{9, after}}, Text: " 🎉"})
	line := "Café ünïcode 🤝 🎉" + strings.TrimSuffix(problemLine, " ")[len("Café ünïcode 🤝"):]
	end := utf16Col(line)
	c.change(uri, 3, TextDocumentContentChangeEvent{Range: &Range{Start: Position{9, end}, End: Position{9, end}}, Text: "  "})
	p := c.waitDiagnostics(uri, 0, hasVersion(3))
	ws := find(t, p, "whitespace")
	if want := (Range{Start: Position{9, end}, End: Position{9, end + 2}}); ws.Range != want {
		t.Fatalf("whitespace %+v, want %+v", ws.Range, want)
	}
	// Replace the two-unit emoji and the space after it by "x": a range
	// that ends after a surrogate pair.
	c.change(uri, 4, TextDocumentContentChangeEvent{Range: &Range{Start: Position{9, after - 2}, End: Position{9, after + 1}}, Text: "x"})
	p = c.waitDiagnostics(uri, 0, hasVersion(4))
	line = "Café ünïcode x🎉" + strings.TrimSuffix(problemLine, " ")[len("Café ünïcode 🤝"):]
	if ws := find(t, p, "whitespace"); ws.Range.Start != (Position{9, utf16Col(line)}) {
		t.Fatalf("after replacing the emoji: whitespace %+v, want character %d", ws.Range, utf16Col(line))
	}
}

// TestChangeOutsideTheText: a change whose range the text cannot take (a
// line past its end, a range ending before it starts) is not applied; the
// document's findings are withdrawn, later incremental changes ignored,
// until the editor sends the whole document.
func TestChangeOutsideTheText(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, seniorPage)
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); len(p.Diagnostics) == 0 {
		t.Fatalf("the page's findings are missing")
	}
	n := c.published(uri)
	c.change(uri, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{500, 0}, End: Position{500, 0}}, Text: "x"})
	p := c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return true })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after a change past the end: %d findings published, want none", len(p.Diagnostics))
	}
	// Said once, in a message, as the findings vanish.
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.messages) == 1 && c.messages[0].Type == 2 && strings.Contains(c.messages[0].Message, "senior.md does not fit the text the server holds (position 500:0 is outside the text of ") && strings.HasSuffix(c.messages[0].Message, "close and reopen it")
	})
	// An incremental change is ignored; the whole document brings the
	// findings back, of its text.
	c.change(uri, 3, TextDocumentContentChangeEvent{Range: &Range{Start: Position{0, 0}, End: Position{0, 0}}, Text: "garbage"})
	c.change(uri, 4, TextDocumentContentChangeEvent{Text: strings.Replace(seniorPage, "* bullet", "- bullet", 1)})
	p = c.waitDiagnostics(uri, 0, hasVersion(4))
	if len(p.Diagnostics) == 0 || slices.Contains(codes(p), "list-marker") || slices.Contains(codes(p), "front-matter") {
		t.Fatalf("after the whole document: %v, want its findings (no list-marker, no front-matter)", codes(p))
	}
	// One change that does not fit and the whole text after it, in one
	// notification: in step at its end, so nothing is said.
	c.change(uri, 5, TextDocumentContentChangeEvent{Range: &Range{Start: Position{500, 0}, End: Position{500, 0}}, Text: "x"}, TextDocumentContentChangeEvent{Text: seniorPage})
	c.waitDiagnostics(uri, 0, hasVersion(5))
	c.mu.Lock()
	n = len(c.messages)
	c.mu.Unlock()
	if n != 1 {
		t.Errorf("%d messages, want the one of the first change that did not fit", n)
	}
}

// TestCrossPageOverlay checks that a link to another open page is checked
// against its unsaved text, and against the file again once it is closed.
func TestCrossPageOverlay(t *testing.T) {
	c, root, uri := startOnSenior(t)
	page := strings.Replace(seniorPage, "#boring-solutions", "#iteration", 1)
	c.open(uri, page)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	la := find(t, p, "link-anchor")
	if len(la.RelatedInformation) != 0 || !strings.Contains(la.Message, "#iteration") {
		t.Errorf("link-anchor %+v", la)
	}
	// The values page gets the heading in an unsaved buffer: the link is
	// fine at once, nothing saved.
	valuesURI := docURI(root, "content/handbook/values/_index.md")
	n := c.published(uri)
	c.open(valuesURI, "---\ntitle: \"GitLab Values\"\n---\n\n## Iteration\n")
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return !slices.Contains(codes(p), "link-anchor") })
	// Renaming the heading in the buffer breaks the link again: the page
	// is linted again because it reads the values page.
	n = c.published(uri)
	c.change(valuesURI, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{4, 3}, End: Position{4, 12}}, Text: "Iterations"})
	p = c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "link-anchor") })
	if la := find(t, p, "link-anchor"); !strings.Contains(la.Message, "did you mean #iterations") {
		t.Errorf("link-anchor after the rename: %q", la.Message)
	}
	// Closing the buffer discards it: the file on disk has no such heading.
	c.change(valuesURI, 3, TextDocumentContentChangeEvent{Text: "---\ntitle: \"GitLab Values\"\n---\n\n## Iteration\n"})
	c.waitDiagnostics(uri, c.published(uri), func(p PublishDiagnosticsParams) bool { return !slices.Contains(codes(p), "link-anchor") })
	n = c.published(uri)
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: valuesURI}})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "link-anchor") })
	if last := c.waitDiagnostics(valuesURI, 0, func(p PublishDiagnosticsParams) bool { return p.Version == nil }); len(last.Diagnostics) != 0 {
		t.Errorf("closed document: diagnostics %+v, want none", last.Diagnostics)
	}
}

// TestUnsavedAliasOverlay: another page links to a page's alias; the
// page's unsaved front matter renames the alias, then gives it back, then
// adds a url: the link's finding follows the unsaved text at once, as the
// command line finds it over the same text, though the URL index kept
// between lints holds the file as saved.
func TestUnsavedAliasOverlay(t *testing.T) {
	root := fixtureSite(t)
	const target = "---\ntitle: \"Target\"\naliases: [/handbook/old-target/]\n---\n\n## Intro\n"
	const linking = "---\ntitle: \"Linking\"\n---\n\n## Intro\n\n[t](/handbook/old-target/) and [n](/handbook/new-home/)\n"
	writeSite(t, root, map[string]string{
		"content/handbook/target.md":  target,
		"content/handbook/linking.md": linking,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	targetURI, linkingURI := docURI(root, "content/handbook/target.md"), docURI(root, "content/handbook/linking.md")
	c.open(linkingURI, linking)
	c.open(targetURI, target)
	c.settle(targetURI, 1)
	misses := func(p PublishDiagnosticsParams) []string {
		var out []string
		for _, d := range p.Diagnostics {
			if d.Code == "link-target" {
				out = append(out, d.Message)
			}
		}
		return out
	}
	if got := misses(c.settle(linkingURI, 1)); len(got) != 1 || !strings.Contains(got[0], "/handbook/new-home/") {
		t.Fatalf("as saved, the linking page's link-target findings are %q, want the one of /handbook/new-home/", got)
	}
	for i, step := range []struct {
		front string
		want  []string // the URLs of the links that miss
	}{
		{"aliases: [/handbook/older-target/]", []string{"/handbook/new-home/", "/handbook/old-target/"}},
		{"aliases: [/handbook/old-target/]", []string{"/handbook/new-home/"}},
		{"aliases: [/handbook/old-target/]\nurl: /handbook/new-home/", nil},
	} {
		n := c.idleReports()
		c.change(targetURI, i+2, TextDocumentContentChangeEvent{Text: strings.Replace(target, "aliases: [/handbook/old-target/]", step.front, 1)})
		c.settleAfter(n, targetURI, i+2)
		got := misses(c.settle(linkingURI, 1))
		var urls []string
		for _, m := range got {
			for _, u := range []string{"/handbook/new-home/", "/handbook/old-target/"} {
				if strings.Contains(m, "link target "+u) {
					urls = append(urls, u)
				}
			}
		}
		slices.Sort(urls)
		if !slices.Equal(urls, step.want) {
			t.Errorf("with the target's unsaved front matter %q, the links that miss are %v (%q), want %v", step.front, urls, got, step.want)
		}
	}
}

// TestLinkToAnchorOfIncludedHeading: a page links to an anchor that
// another page gets from a file it includes; renaming the heading in the
// open include file lints the linking page again, which then reports the
// anchor, as the command line does over the same text, and renaming it
// back clears it.
func TestLinkToAnchorOfIncludedHeading(t *testing.T) {
	root := fixtureSite(t)
	const inc = "#### Included heading\n\nText.\n"
	const linking = "---\ntitle: \"Linking\"\n---\n\n## Intro\n\n[h](/handbook/other/#included-heading)\n"
	writeSite(t, root, map[string]string{
		"assets/includes/extra.md":    inc,
		"content/handbook/other.md":   "---\ntitle: \"Other\"\n---\n\n## Intro\n\n{{% include \"includes/extra.md\" %}}\n",
		"content/handbook/linking.md": linking,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, linkingURI := docURI(root, "assets/includes/extra.md"), docURI(root, "content/handbook/linking.md")
	c.open(linkingURI, linking)
	c.open(incURI, inc)
	c.settle(incURI, 1)
	if p := c.settle(linkingURI, 1); len(p.Diagnostics) != 0 {
		t.Fatalf("as saved, the linking page shows %v", codes(p))
	}
	for i, step := range []struct {
		heading string
		want    []string
	}{
		{"#### Included heading renamed", []string{"link-anchor"}},
		{"#### Included heading", nil},
	} {
		n := c.idleReports()
		c.change(incURI, i+2, TextDocumentContentChangeEvent{Text: strings.Replace(inc, "#### Included heading", step.heading, 1)})
		c.settleAfter(n, incURI, i+2)
		if got := codes(c.settle(linkingURI, 1)); !slices.Equal(got, step.want) {
			t.Errorf("with the included heading %q, the linking page shows %v, want %v", step.heading, got, step.want)
		}
	}
}

// TestIncludeLinkFollowsOpenTarget: an include file open alone (the page
// that includes it is closed) is edited to link to a heading of a page,
// and to one of a file that page includes; renaming either heading in an
// open document (the included file, then the page, opened with the change
// and changed back) lints the include file again, whose links are
// checked on the page that includes it (the links are not the file's own
// when it is read alone).
func TestIncludeLinkFollowsOpenTarget(t *testing.T) {
	root := fixtureSite(t)
	// Between rules, as the handbook's navigation includes are: read
	// alone, the file is all front matter; its links render on the page.
	const values = "---\n\n[b](/handbook/values/#boring-solutions) [e](/handbook/values/#efficiency)\n\n---\n"
	const valuesPage = "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Boring solutions\n\n{{% include \"includes/efficiency.md\" %}}\n"
	const efficiency = "## Efficiency\n"
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":              seniorPage,
		"assets/includes/efficiency.md":     efficiency,
		"content/handbook/values/_index.md": valuesPage,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, valuesURI, effURI := docURI(root, "assets/includes/values.md"), docURI(root, "content/handbook/values/_index.md"), docURI(root, "assets/includes/efficiency.md")
	c.open(incURI, "Values text.\n")
	c.open(effURI, efficiency)
	c.settle(effURI, 1)
	c.change(incURI, 2, TextDocumentContentChangeEvent{Text: values})
	if p := c.settle(incURI, 2); len(p.Diagnostics) != 0 {
		t.Fatalf("with its links written, the include file shows %v", codes(p))
	}
	anchors := func(p PublishDiagnosticsParams) []string {
		var out []string
		for _, d := range p.Diagnostics {
			if d.Code == "link-anchor" {
				out = append(out, strings.Fields(d.Message)[1])
			}
		}
		slices.Sort(out)
		return out
	}
	for _, step := range []struct {
		uri, text string
		version   int
		want      []string
	}{
		{effURI, "## Efficient\n", 2, []string{"#efficiency"}},
		{valuesURI, strings.Replace(valuesPage, "## Boring solutions", "## Boring solution", 1), 1, []string{"#boring-solutions", "#efficiency"}},
		{valuesURI, valuesPage, 2, []string{"#efficiency"}},
	} {
		n := c.idleReports()
		if step.version == 1 {
			c.open(step.uri, step.text)
		} else {
			c.change(step.uri, step.version, TextDocumentContentChangeEvent{Text: step.text})
		}
		c.settleAfter(n, step.uri, step.version)
		if got := anchors(c.settle(incURI, 2)); !slices.Equal(got, step.want) {
			t.Errorf("after %s's change to version %d, the include file's missing anchors are %v, want %v", step.uri, step.version, got, step.want)
		}
	}
}

// TestNavigationIncludeHoverDefinition: in an include file written
// between "---" rules, as the handbook's navigation includes are (read
// alone, it is all front matter), a link gets its hover and definition
// from the page that includes it, where it renders.
func TestNavigationIncludeHoverDefinition(t *testing.T) {
	const nav = "---\n\n[Values](/handbook/values/#boring-solutions) | [Track](/handbook/engineering/careers/matrix/t/)\n\n---\n"
	c, root, uri := openInclude(t, "nav.md", nav)
	c.settle(uri, 1)
	pos := Position{2, strings.Index(nav, "(/handbook/values") - len("---\n\n") + 3}
	h := c.hover(t, uri, pos)
	if h == nil || !strings.Contains(h.Contents.Value, "GitLab Values") || !strings.Contains(h.Contents.Value, "#boring-solutions") {
		t.Errorf("hover on the values link: %+v, want the page's title and anchor", h)
	}
	locs := c.definition(t, uri, pos)
	want := []Location{{URI: docURI(root, "content/handbook/values/_index.md"), Range: Range{Start: Position{6, 0}, End: Position{6, len("## Boring solutions")}}}}
	if !reflect.DeepEqual(locs, want) {
		t.Errorf("definition of the values link: %+v, want %+v", locs, want)
	}
}

// TestIncludeRelativeLinkHoverDefinition: in an include file, a relative
// link and a link to a fragment alone get their hover and definition as
// the page that pastes the file renders them. The file's own lint, which
// reads it as a page at its own path, came first: "../" was said to
// resolve to /assets/, a page of no site, with no definition, and
// "#senior-values-alignment" to be no anchor of the include file.
func TestIncludeRelativeLinkHoverDefinition(t *testing.T) {
	const values = "Values text, see [the track](../) and [values](#senior-values-alignment).\n"
	c, root, uri := openInclude(t, "values.md", values)
	if got := codes(c.settle(uri, 1)); len(got) != 0 {
		t.Fatalf("codes %v, want none: both links resolve on the page", got)
	}
	track := Position{0, strings.Index(values, "(../)") + 2}
	if h := c.hover(t, uri, track); h == nil || !strings.Contains(h.Contents.Value, "**Test track**") {
		t.Errorf("hover on the relative link: %+v, want the track's index", h)
	}
	locs := c.definition(t, uri, track)
	if want := []Location{{URI: docURI(root, trackDir+"_index.md")}}; !reflect.DeepEqual(locs, want) {
		t.Errorf("definition of the relative link: %+v, want %+v", locs, want)
	}
	anchor := Position{0, strings.Index(values, "(#senior") + 2}
	if h := c.hover(t, uri, anchor); h == nil || !strings.Contains(h.Contents.Value, "Anchor `#senior-values-alignment` exists") {
		t.Errorf("hover on the fragment: %+v, want the page's heading", h)
	}
}

// TestOrphanIncludeRelativeLinkHover: in an include file that no page
// pastes, a relative link and a fragment get no hover: the file's own
// lint resolved them against its own path, and the hover said "../" leads
// to /assets/, a page of no site, and "#x" is no anchor "on this page";
// a site-relative link still gets its own.
func TestOrphanIncludeRelativeLinkHover(t *testing.T) {
	root := fixtureSite(t)
	const orphan = "See [the track](../) and [x](#x) and [values](/handbook/values/#boring-solutions).\n"
	writeSite(t, root, map[string]string{"assets/includes/orphan.md": orphan})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, "assets/includes/orphan.md")
	c.open(uri, orphan)
	c.settle(uri, 1)
	for _, at := range []string{"(../)", "(#x)"} {
		if h := c.hover(t, uri, Position{0, strings.Index(orphan, at) + 2}); h != nil {
			t.Errorf("hover on %s: %q, want none", at, h.Contents.Value)
		}
	}
	if h := c.hover(t, uri, Position{0, strings.Index(orphan, "(/handbook") + 2}); h == nil || !strings.Contains(h.Contents.Value, "Anchor `#boring-solutions` exists") {
		t.Errorf("hover on the site-relative link: %+v", h)
	}
}

// TestIncludedFileDiagnostics opens an included file and a page that
// includes it: the included file's findings show in its own document,
// with the including line as related information, and get their fixes
// there; a change of the included text lints the page again.
func TestIncludedFileDiagnostics(t *testing.T) {
	root := fixtureSite(t)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	uri := docURI(root, trackDir+"senior.md")
	c.open(incURI, "* Values text.\n")
	c.open(uri, seniorPage)
	p := c.waitDiagnostics(incURI, 0, func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	lm := find(t, p, "list-marker")
	if lm.Range.Start != (Position{0, 0}) || len(lm.RelatedInformation) != 1 || lm.RelatedInformation[0].Location.URI != uri || lm.RelatedInformation[0].Location.Range.Start.Line != 22 {
		t.Fatalf("included file's finding %+v", lm)
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: incURI}, Range: lm.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	var fixed string
	for _, a := range actions {
		if a.Kind == KindQuickFix && len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == "list-marker" {
			fixed = applyEdits(t, "* Values text.\n", a.Edit.Changes[incURI])
		}
	}
	if fixed != "- Values text.\n" {
		t.Fatalf("quick fix in the included file gave %q; actions %+v", fixed, actions)
	}
	n := c.published(incURI)
	c.change(incURI, 2, TextDocumentContentChangeEvent{Text: fixed})
	p = c.waitDiagnostics(incURI, n, func(p PublishDiagnosticsParams) bool { return !slices.Contains(codes(p), "list-marker") })
	// The page's own findings are not shown in the included file.
	for _, d := range p.Diagnostics {
		t.Errorf("included file: unexpected %+v", d)
	}
}

// TestIncludeOpenedAlone opens an included file whose pages are on disk
// and not open: their findings in the file show, with the including
// lines, and get their fixes; with a page open too, a finding both report
// shows once, with each including line.
func TestIncludeOpenedAlone(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		trackDir + "senior.md": seniorPage,
		trackDir + "staff.md":  strings.ReplaceAll(seniorPage, "Senior", "Staff"),
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	seniorURI, staffURI := docURI(root, trackDir+"senior.md"), docURI(root, trackDir+"staff.md")
	c.open(incURI, "* Values text.\n")
	p := c.settle(incURI, 1)
	lm := find(t, p, "list-marker")
	// As on the command line, the finding names the first page that
	// includes the file.
	if lm.Range.Start != (Position{0, 0}) || len(lm.RelatedInformation) != 1 || lm.RelatedInformation[0].Location.URI != seniorURI || lm.RelatedInformation[0].Location.Range.Start.Line != 22 {
		t.Fatalf("included file's finding %+v, want it related to line 23 of %s", lm, seniorURI)
	}
	if len(p.Diagnostics) != 1 {
		t.Errorf("included file: %+v, want the list-marker finding alone (the pages' own findings are not its)", p.Diagnostics)
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: incURI}, Range: lm.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	fixed := map[string]string{}
	for _, a := range actions {
		if a.Edit != nil {
			fixed[a.Title] = applyEdits(t, "* Values text.\n", a.Edit.Changes[incURI])
		}
	}
	if fixed["fix all careerlint problems in this file"] != "- Values text.\n" || len(fixed) != 2 {
		t.Fatalf("actions in the included file gave %q", fixed)
	}

	// The other page open beside it (the lint of the pages on disk now
	// names the first): still one finding, with both including lines.
	c.open(staffURI, strings.ReplaceAll(seniorPage, "Senior", "Staff"))
	c.settle(staffURI, 1)
	p = c.settle(incURI, 1)
	var from []string
	for _, r := range find(t, p, "list-marker").RelatedInformation {
		from = append(from, r.Location.URI)
	}
	slices.Sort(from)
	if want := []string{seniorURI, staffURI}; len(p.Diagnostics) != 1 || !slices.Equal(from, want) {
		t.Fatalf("with a page open, the included file shows %+v, want one finding related to %v", p.Diagnostics, want)
	}

	// A file no page includes shows nothing, until a page on disk
	// includes it.
	linksURI := docURI(root, "assets/includes/links.md")
	writeSite(t, root, map[string]string{"assets/includes/links.md": "* [Values](/handbook/values/)\n"})
	c.open(linksURI, "* [Values](/handbook/values/)\n")
	if p := c.settle(linksURI, 1); len(p.Diagnostics) != 0 {
		t.Fatalf("a file no page includes shows %+v", p.Diagnostics)
	}
	n := c.published(linksURI)
	writeSite(t, root, map[string]string{trackDir + "intermediate.md": strings.ReplaceAll(seniorPage, "includes/nav.md", "includes/links.md")})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, trackDir+"intermediate.md"), Type: 1}}})
	c.waitDiagnostics(linksURI, n, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "list-marker") })
}

// TestIncludeThroughClosedInclude opens an include file and a page that
// reaches it through another include file, not open: the finding in the
// file names the first page that includes it (from the lint of the pages
// on disk, as on the command line) and the including line of the open
// page's own lint, which is in the other include file, not in the page.
func TestIncludeThroughClosedInclude(t *testing.T) {
	root := fixtureSite(t)
	staff := strings.ReplaceAll(strings.ReplaceAll(seniorPage, "Senior", "Staff"), "includes/values.md", "includes/wrap.md")
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":    seniorPage,
		trackDir + "staff.md":     staff,
		"assets/includes/wrap.md": "Wrapped:\n\n{{% include \"includes/values.md\" %}}\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	staffURI := docURI(root, trackDir+"staff.md")
	c.open(staffURI, staff)
	c.settle(staffURI, 1)
	c.open(incURI, "* Values text.\n")
	p := c.settle(incURI, 1)
	var from []string
	for _, r := range find(t, p, "list-marker").RelatedInformation {
		from = append(from, fmt.Sprintf("%s:%d %s", strings.TrimPrefix(r.Location.URI, pathToURI(root)+"/"), r.Location.Range.Start.Line+1, r.Message))
	}
	slices.Sort(from)
	if want := []string{"assets/includes/wrap.md:3 included here", trackDir + "senior.md:23 included here"}; len(p.Diagnostics) != 1 || !slices.Equal(from, want) {
		t.Fatalf("the included file shows %+v, related to %q, want one finding related to %q", p.Diagnostics, from, want)
	}
}

// TestIncludeSuppressionForOnePage opens an include whose suppression
// serves one of the two pages that include it (a relative link broken on
// one track only): it is never reported as suppressing nothing, with
// either page open or none, since the include's own lint holds both pages
// and a page's lint, holding one, does not judge it.
func TestIncludeSuppressionForOnePage(t *testing.T) {
	root := fixtureSite(t)
	t2 := "content/handbook/engineering/careers/matrix/t2/"
	inc := "<!-- careerlint-disable-next-line link-target -- broken on one track only -->\n[peer](../x/)\n"
	page := strings.ReplaceAll(seniorPage, "includes/nav.md", "includes/rel.md")
	writeSite(t, root, map[string]string{
		"assets/includes/rel.md": inc,
		trackDir + "senior.md":   page,
		t2 + "_index.md":         "---\ntitle: \"T2\"\n---\n\n- [Senior](senior/)\n",
		t2 + "senior.md":         page,
		t2 + "x/_index.md":       "---\ntitle: \"X\"\n---\n\nText.\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/rel.md")
	c.open(incURI, inc)
	check := func(when string) {
		t.Helper()
		p := c.settle(incURI, 1)
		if got := codes(p); len(got) != 0 {
			t.Errorf("%s: the include shows %v, want nothing (its suppression serves the page of track t)", when, p.Diagnostics)
		}
	}
	check("no page open")
	for _, dir := range []string{trackDir, t2} {
		uri := docURI(root, dir+"senior.md")
		c.open(uri, page)
		c.settle(uri, 1)
		check(dir + "senior.md open")
	}

	// The suppression removed from the text: the broken link shows.
	c.change(incURI, 2, TextDocumentContentChangeEvent{Text: "[peer](../x/)\n"})
	p := c.settle(incURI, 2)
	if got := codes(p); !slices.Equal(got, []string{"link-target"}) {
		t.Errorf("without its suppression the include shows %v, want [link-target]", got)
	}
}

// TestIgnoredIncludeOpened opens an include file that the configuration's
// ignore globs match, alone and then with a page that pastes it inside a
// list item: as on the command line, the file shows no finding (its
// lists, its trailing spaces, a directive that would suppress nothing)
// and has no action that edits it, and the page's list nested with its
// list keeps its marker (the server crashed on opening the file).
func TestIgnoredIncludeOpened(t *testing.T) {
	root := fixtureSite(t)
	inc := "* Values text.  \n\n<!-- careerlint-disable-next-line link-target -- old -->\nPlain.\n"
	page := strings.Replace(seniorPage, "\n{{% include \"includes/values.md\" %}}\n", "\n*\n  {{% include \"includes/values.md\" %}}\n", 1)
	writeSite(t, root, map[string]string{
		".careerlint.yaml":          "ignore: [\"assets/includes/values.md\"]\n",
		"assets/includes/values.md": inc,
		trackDir + "senior.md":      page,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, uri := docURI(root, "assets/includes/values.md"), docURI(root, trackDir+"senior.md")
	c.open(incURI, inc)
	if p := c.settle(incURI, 1); len(p.Diagnostics) != 0 {
		t.Errorf("the ignored include opened alone shows %+v", p.Diagnostics)
	}
	c.open(uri, page)
	var nested []string
	for _, d := range c.settle(uri, 1).Diagnostics {
		if d.Range.Start.Line == 22 {
			nested = append(nested, d.Message)
		}
	}
	if len(nested) != 1 || !strings.Contains(nested[0], "rewrite this list by hand: careerlint does not check assets/includes/values.md for list markers (the configuration's ignore globs leave it out)") {
		t.Errorf("the page's list nested with the include's shows %q", nested)
	}
	if p := c.settle(incURI, 1); len(p.Diagnostics) != 0 {
		t.Errorf("the ignored include with its page open shows %+v", p.Diagnostics)
	}
	for _, u := range []string{incURI, uri} {
		var actions []CodeAction
		if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: u}, Range: Range{End: Position{Line: 30}}}, &actions); err != nil {
			t.Fatal(err)
		}
		for _, a := range actions {
			if a.Edit != nil && (len(a.Edit.Changes[incURI]) > 0 || u == uri && len(a.Edit.Changes[uri]) > 0 && strings.Contains(applyEdits(t, page, a.Edit.Changes[uri]), "-\n  {{% include")) {
				t.Errorf("action %q of %s edits the ignored include or the list nested with its list: %+v", a.Title, u, a.Edit.Changes)
			}
		}
	}
}

// TestHoverExplicitID: on a link by the ID of a heading's text where the
// heading sets its own ID, the hover names that ID, and quotes the
// heading as link-anchor does: as written (emphasis kept), without the ID
// attribute that the closing hashes keep in its source.
func TestHoverExplicitID(t *testing.T) {
	c, _, uri := startOnSeniorWith(t, map[string]string{"content/handbook/ids.md": "---\ntitle: \"IDs\"\n---\n\n## *Results* for customers {#results} ##\n"}, false)
	page := seniorPage + "\n[r](/handbook/ids/#results-for-customers)\n"
	c.open(uri, page)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	if la := find(t, p, "link-anchor"); !strings.Contains(la.Message, "did you mean #results: the heading \"*Results* for customers\" sets its own ID") {
		t.Errorf("link-anchor says %q", la.Message)
	}
	line := strings.Count(page, "\n") - 1
	h := c.hover(t, uri, Position{line, 5})
	if h == nil || !strings.Contains(h.Contents.Value, "No anchor `#results-for-customers` on that page; did you mean `#results`? The heading “\\*Results\\* for customers” sets its own ID") {
		t.Errorf("hover on the link: %+v", h)
	}
}

// TestHover hovers a finding (rule summary and docs link), a handbook link
// (the target's title and whether the anchor exists) and an include.
func TestHover(t *testing.T) {
	c, _, uri := startOnSenior(t)
	page := seniorPage + "\nSee [the track](/handbook/engineering/careers/matrix/t/#level) too.\n\n[Home](/#top)\n\n[empty]({{< ref \"\" >}})\n\n[rel](../../tt/)\n\n{{% include \"includes/nav2.md\" %}}\n"
	c.open(uri, page)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	hover := func(pos Position) string {
		t.Helper()
		h := c.hover(t, uri, pos)
		if h == nil {
			return ""
		}
		if h.Contents.Kind != "markdown" || h.Range == nil {
			t.Errorf("hover %+v", h)
		}
		return h.Contents.Value
	}
	ol := find(t, p, "ordered-list-style")
	if got := hover(ol.Range.Start); !strings.Contains(got, "**ordered-list-style** (CL") || !strings.Contains(got, "ordered list") || !strings.Contains(got, ol.CodeDescription.Href) {
		t.Errorf("hover on a finding: %q", got)
	}
	link := strings.Index(problemLine, "[values]")
	got := hover(Position{9, utf16Col(problemLine[:link]) + 2})
	for _, want := range []string{"**GitLab Values**", "`content/handbook/values/_index.md`", "Anchor `#boring-solutions` exists", "line 7"} {
		if !strings.Contains(got, want) {
			t.Errorf("hover on the values link: %q lacks %q", got, want)
		}
	}
	// On the link's destination, where the finding is: the link and the finding.
	got = hover(Position{24, 20})
	if !strings.Contains(got, "**Test track**") || !strings.Contains(got, "No anchor `#level` on that page; did you mean `#levels`?") || !strings.Contains(got, "**link-anchor**") {
		t.Errorf("hover on a link with a wrong anchor: %q", got)
	}
	if got := hover(Position{5, 8}); !strings.Contains(got, "Includes `assets/includes/nav.md`") {
		t.Errorf("hover on the include: %q", got)
	}
	if got := hover(Position{7, 3}); got != "" {
		t.Errorf("hover on plain text: %q", got)
	}
	// The home page has no file: Hugo makes it.
	if got := hover(Position{26, 2}); got != "The page Hugo makes for `content/` (it has no `_index.md`); anchors on it are not checked" {
		t.Errorf("hover on a link to the home page: %q", got)
	}
	// A ref that names no page says why (it is no ambiguity).
	if got := hover(Position{28, 2}); !strings.HasSuffix(got, "Link target `ref \"\"`: ref names no page") {
		t.Errorf("hover on an empty ref: %q", got)
	}
	// A link to no page: where a relative one leads, and the closest URL.
	if got := hover(Position{30, 2}); !strings.Contains(got, "No page of the site serves `../../tt/` (it resolves to `/handbook/engineering/careers/matrix/tt/`); did you mean `/handbook/engineering/careers/matrix/t/`?") {
		t.Errorf("hover on a link to no page: %q", got)
	}
	// An include of no file: the file include-target suggests.
	if got := hover(Position{32, 14}); !strings.Contains(got, "Include target `includes/nav2.md` not found; suggested: include \"includes/nav.md\"") {
		t.Errorf("hover on a missing include: %q", got)
	}
}

// TestHoverIncludeNotRead: the hover of an include whose target exists
// but is not read, or is empty, says why, as include-target's finding on
// it does: it said "not found" of a folder, of a path with "..", of a
// symlink leading out of the site root and of an empty target (shown as
// an empty code span).
func TestHoverIncludeNotRead(t *testing.T) {
	c, root, uri := startOnSenior(t)
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(root, "assets", "includes", "out.md")); err != nil {
		t.Skip(err)
	}
	page := seniorPage + "\n{{% include \"includes\" %}}\n\n{{% include \"includes/../includes/nav.md\" %}}\n\n{{% include \"includes/out.md\" %}}\n\n{{% include \"\" %}}\n"
	c.open(uri, page)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	for line, want := range map[int]string{
		24: `Include target "includes" is a folder; name a file inside it`,
		26: `Include target "includes/../includes/nav.md" contains ".."; write it as "includes/nav.md"`,
		28: `Include target "includes/out.md" resolves through a symlink to a path outside the site root, which is never read`,
		30: `Include target is empty; name the file to include`,
	} {
		h := c.hover(t, uri, Position{line, 2})
		if h == nil || !strings.HasPrefix(h.Contents.Value, want) {
			t.Errorf("hover on the include of line %d: %+v, want it to start with %q", line+1, h, want)
		}
	}
}

// TestDefinition jumps from a link with an anchor to the heading on the
// target page, from a link without one to the page, and from an include to
// the included file.
func TestDefinition(t *testing.T) {
	c, root, uri := startOnSenior(t)
	page := seniorPage + "\nSee [the track](/handbook/engineering/careers/matrix/t/) too.\n\n[Home](/)\n"
	c.open(uri, page)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	def := func(pos Position) []Location {
		t.Helper()
		return c.definition(t, uri, pos)
	}
	link := strings.Index(problemLine, "(/handbook")
	locs := def(Position{9, utf16Col(problemLine[:link]) + 3})
	want := []Location{{URI: docURI(root, "content/handbook/values/_index.md"), Range: Range{Start: Position{6, 0}, End: Position{6, len("## Boring solutions")}}}}
	if !reflect.DeepEqual(locs, want) {
		t.Errorf("definition of the values link: %+v, want %+v", locs, want)
	}
	locs = def(Position{24, 6})
	if want := []Location{{URI: docURI(root, trackDir+"_index.md")}}; !reflect.DeepEqual(locs, want) {
		t.Errorf("definition of the track link: %+v, want %+v", locs, want)
	}
	locs = def(Position{22, 10})
	if want := []Location{{URI: docURI(root, "assets/includes/values.md")}}; !reflect.DeepEqual(locs, want) {
		t.Errorf("definition of the include: %+v, want %+v", locs, want)
	}
	if locs := def(Position{7, 3}); len(locs) != 0 {
		t.Errorf("definition of plain text: %+v", locs)
	}
	// The home page has no file to go to: Hugo makes it.
	if locs := def(Position{26, 2}); len(locs) != 0 {
		t.Errorf("definition of a link to the home page: %+v", locs)
	}

	// A reference whose definition is in a file the page includes: from
	// the use, to the heading the definition's fragment names.
	writeSite(t, root, map[string]string{"assets/includes/defs.md": "[vals]: /handbook/values/#boring-solutions\n"})
	page += "\nSee [the values][vals].\n\n{{% include \"includes/defs.md\" %}}\n"
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: page})
	c.waitDiagnostics(uri, 0, hasVersion(2))
	line := strings.Count(page[:strings.Index(page, "See [the values][vals]")], "\n")
	want = []Location{{URI: docURI(root, "content/handbook/values/_index.md"), Range: Range{Start: Position{6, 0}, End: Position{6, len("## Boring solutions")}}}}
	if locs := def(Position{line, 6}); !reflect.DeepEqual(locs, want) {
		t.Errorf("definition of a reference defined in an include: %+v, want %+v", locs, want)
	}
}

// TestConfigReload reads .careerlint.yaml from the workspace root, reloads
// it when the client reports it changed and when it is saved, shows the
// problems of an invalid one and keeps the last valid one meanwhile.
func TestConfigReload(t *testing.T) {
	root := fixtureSite(t)
	cfgFile := filepath.Join(root, ".careerlint.yaml")
	writeSite(t, root, map[string]string{".careerlint.yaml": "rules:\n  whitespace: off\n"})
	c := startServer(t, serverOptions())
	c.initialize(root, true)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	if slices.Contains(codes(p), "whitespace") {
		t.Fatalf("whitespace is off in the configuration: %v", codes(p))
	}
	// The server asked to watch configuration files.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		regs := append([]RegistrationParams{}, c.regs...)
		c.mu.Unlock()
		if len(regs) > 0 {
			b, _ := json.Marshal(regs)
			if !strings.Contains(string(b), `"workspace/didChangeWatchedFiles"`) || !strings.Contains(string(b), `**/.careerlint.yaml`) {
				t.Errorf("registrations %s", b)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not register file watchers")
		}
		time.Sleep(20 * time.Millisecond)
	}

	// Changed on disk: whitespace becomes an error.
	writeSite(t, root, map[string]string{".careerlint.yaml": "rules:\n  whitespace: error\n"})
	n := c.published(uri)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(cfgFile), Type: 2}}})
	p = c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "whitespace") })
	if d := find(t, p, "whitespace"); d.Severity != SeverityError {
		t.Errorf("whitespace severity %d, want error", d.Severity)
	}

	// Edited in the editor: problems show as typed, the configuration
	// applies on save; an invalid one keeps the last valid one.
	cfgURI := pathToURI(cfgFile)
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cfgURI, LanguageID: "yaml", Version: 1, Text: "rules:\n  whitespace: error\n"}})
	c.waitDiagnostics(cfgURI, 0, func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	bad := "rules:\n  whitespace: loud\n"
	c.change(cfgURI, 2, TextDocumentContentChangeEvent{Text: bad})
	cp := c.waitDiagnostics(cfgURI, 0, hasVersion(2))
	if len(cp.Diagnostics) != 1 || cp.Diagnostics[0].Range.Start.Line != 1 || !strings.Contains(cp.Diagnostics[0].Message, "invalid configuration") {
		t.Fatalf("configuration diagnostics %+v", cp.Diagnostics)
	}
	writeSite(t, root, map[string]string{".careerlint.yaml": bad})
	// The page is linted again with the last valid configuration: the
	// same findings at the same version, not published again.
	n = c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
	p = c.settleAfter(n, uri, 1)
	if d := find(t, p, "whitespace"); d.Severity != SeverityError {
		t.Errorf("invalid configuration saved: whitespace severity %d, want the last valid one (error)", d.Severity)
	}
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.messages) > 0 && strings.Contains(c.messages[len(c.messages)-1].Message, "has problems")
	})
	good := "rules:\n  whitespace: warning\n"
	writeSite(t, root, map[string]string{".careerlint.yaml": good})
	c.change(cfgURI, 3, TextDocumentContentChangeEvent{Text: good})
	n = c.published(uri)
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
	p = c.waitDiagnostics(uri, n, nil)
	if d := find(t, p, "whitespace"); d.Severity != SeverityWarning {
		t.Errorf("saved configuration: whitespace severity %d, want warning", d.Severity)
	}

	// A content folder that does not exist is a problem of the file, as
	// typed, as on the command line.
	c.change(cfgURI, 4, TextDocumentContentChangeEvent{Text: "content: contnet\n"})
	cp = c.waitDiagnostics(cfgURI, 0, hasVersion(4))
	if len(cp.Diagnostics) != 1 || cp.Diagnostics[0].Range.Start != (Position{0, 9}) || !strings.Contains(cp.Diagnostics[0].Message, `content: "contnet" is not a folder under the site root`) {
		t.Errorf("configuration diagnostics %+v", cp.Diagnostics)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLifecycle checks the protocol's lifecycle: no request before
// initialize, none but exit after shutdown, exit code by whether shutdown
// came first, unknown methods refused.
func TestLifecycle(t *testing.T) {
	c := startServer(t, serverOptions())
	var h *Hover
	err := c.call("textDocument/hover", TextDocumentPositionParams{}, &h)
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != codeServerNotInitialized {
		t.Fatalf("hover before initialize: %v", err)
	}
	c.initialize(t.TempDir(), false)
	if err := c.call("initialize", map[string]any{}, nil); !errors.As(err, &rpcErr) || rpcErr.Code != codeInvalidRequest {
		t.Errorf("second initialize: %v", err)
	}
	if err := c.call("textDocument/formatting", map[string]any{}, nil); !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.CodeMethodNotFound {
		t.Errorf("unknown method: %v", err)
	}
	if err := c.call("textDocument/hover", TextDocumentPositionParams{Position: Position{Line: -4}}, &h); !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.CodeInvalidParams {
		t.Errorf("hover at a negative line: %v", err)
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.call("textDocument/hover", TextDocumentPositionParams{}, &h); !errors.As(err, &rpcErr) || rpcErr.Code != codeInvalidRequest {
		t.Errorf("hover after shutdown: %v", err)
	}
	c.notifyServer("exit", nil)
	select {
	case err := <-c.served:
		if err != nil {
			t.Errorf("exit after shutdown: %v, want nil", err)
		}
		c.served <- err
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not exit")
	}

	c = startServer(t, serverOptions())
	c.initialize(t.TempDir(), false)
	c.notifyServer("exit", nil)
	select {
	case err := <-c.served:
		if !errors.Is(err, ErrNoShutdown) {
			t.Errorf("exit without shutdown: %v, want ErrNoShutdown", err)
		}
		c.served <- err
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// TestNoWorkspaceFolder finds the site root from the file when the client
// names no workspace (an editor opened on a single file).
func TestNoWorkspaceFolder(t *testing.T) {
	root := fixtureSite(t)
	c := startServer(t, serverOptions())
	var res InitializeResult
	if err := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, &res); err != nil {
		t.Fatal(err)
	}
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); len(p.Diagnostics) != 3 {
		t.Errorf("diagnostics %v, want the page's three", codes(p))
	}
	if _, err := os.Stat(filepath.Join(root, trackDir, "senior.md")); !os.IsNotExist(err) {
		t.Errorf("the page was written to disk: %v", err)
	}
}

// TestSiteInsideWorkspaceSite lints a page of a site kept in a folder of
// the workspace's own site (outside its content folder and include
// roots) with the inner site, as the command line does from the file:
// before, the workspace's site took the page, found it outside its
// content folder, and reported nothing.
func TestSiteInsideWorkspaceSite(t *testing.T) {
	outer := fixtureSite(t)
	writeSite(t, outer, map[string]string{lint.ConfigFileName: "content: content\n"})
	inner := filepath.Join(outer, "fixtures", "site")
	writeSite(t, inner, map[string]string{
		lint.ConfigFileName:      "content: content\n",
		"assets/includes/nav.md": "- [Track](/handbook/engineering/careers/matrix/t/)\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(outer, false)
	uri := docURI(inner, trackDir+"senior.md")
	c.open(uri, seniorPage)
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); len(p.Diagnostics) == 0 {
		t.Errorf("no diagnostics on a page of the inner site, want the page's own")
	}
}

// levelPage is a level page of the competency-list template, with a
// Mentoring section or without.
func levelPage(level string, mentoring bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"" + level + " - Test Department Career Framework\"\n---\n\n")
	b.WriteString("## Test Department Competencies: " + level + "\n\n")
	b.WriteString("### " + level + " Leadership Competencies\n\n- Leads\n\n")
	if mentoring {
		b.WriteString("### Mentoring\n\n- Mentors\n\n")
	}
	b.WriteString("### " + level + " Technical Competencies\n\n- Builds\n\n")
	b.WriteString("### " + level + " Values Alignment\n\n- Lives the values\n")
	return b.String()
}

// threeLevelTrack returns a fixture site with a track of three levels,
// each with every section, and its index; it skips the test when there is
// no ladder-sections rule to compare them.
func threeLevelTrack(t *testing.T) string {
	t.Helper()
	if rules.Find("ladder-sections") == nil {
		t.Skip("no ladder-sections rule")
	}
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		trackDir + "_index.md":       "---\ntitle: \"Test track\"\n---\n\n- [Intermediate](intermediate/)\n- [Senior](senior/)\n- [Staff](staff/)\n",
		trackDir + "intermediate.md": levelPage("Intermediate", true),
		trackDir + "senior.md":       levelPage("Senior", true),
		trackDir + "staff.md":        levelPage("Staff", true),
	})
	return root
}

// openStaffWithSectionsFinding starts a server on threeLevelTrack, for a
// client that watches files or not, and opens its staff level, which
// lacks a section the other levels have, and checks that it shows
// ladder-sections' finding; it returns the client, the site root and the
// page's URI.
func openStaffWithSectionsFinding(t *testing.T, watch bool) (*testClient, string, string) {
	t.Helper()
	root := threeLevelTrack(t)
	c := startServer(t, serverOptions())
	c.initialize(root, watch)
	staff := docURI(root, trackDir+"staff.md")
	c.open(staff, levelPage("Staff", false))
	if got := codes(c.settle(staff, 1)); !slices.Contains(got, "ladder-sections") {
		t.Fatalf("codes %v, want ladder-sections (Mentoring is on the other levels)", got)
	}
	return c, root, staff
}

// TestNoLongerCareerPage: a level page that a configuration saved on disk
// no longer selects as a career page (its pages globs) loses the
// findings of the rules that compare pages, as the command line reports
// none on it. They stayed, from the last site run, which no run replaces
// when no other career page is open, through every later edit.
func TestNoLongerCareerPage(t *testing.T) {
	c, root, staff := openStaffWithSectionsFinding(t, true)
	writeSite(t, root, map[string]string{".careerlint.yaml": "pages: [\"content/handbook/values/**/*.md\"]\n"})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, ".careerlint.yaml"), Type: 1}}})
	c.change(staff, 2, TextDocumentContentChangeEvent{Text: levelPage("Staff", false) + "\n"})
	if got := codes(c.settle(staff, 2)); len(got) != 0 {
		t.Errorf("codes %v, want none: the page is no career page", got)
	}
}

// TestGitignoreChanged: the site root's .gitignore, changed on disk,
// lints the open pages again, as it leaves pages out of the walks: with
// the other levels of a track listed there, a level's ladder-sections
// finding against them goes, as the command line's does. The server did
// not watch it (and passed over a file whose name starts with "."), so the
// finding stayed until the next edit.
func TestGitignoreChanged(t *testing.T) {
	c, root, staff := openStaffWithSectionsFinding(t, true)
	writeSite(t, root, map[string]string{".gitignore": trackDir + "intermediate.md\n" + trackDir + "senior.md\n"})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, ".gitignore"), Type: 1}}})
	if got := codes(c.settle(staff, 1)); slices.Contains(got, "ladder-sections") {
		t.Errorf("codes %v, want no ladder-sections: the other levels are left out", got)
	}
}

// TestGitignoreSaved: the site root's .gitignore saved in an editor that
// watches no files is read again, as a change on disk is: with the other
// levels of a track listed there, a level's ladder-sections finding
// against them goes. Only a file event reloaded it, and the finding
// stayed until the next edit.
func TestGitignoreSaved(t *testing.T) {
	c, root, staff := openStaffWithSectionsFinding(t, false)
	ignore := docURI(root, ".gitignore")
	text := trackDir + "intermediate.md\n" + trackDir + "senior.md\n"
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: ignore, LanguageID: "ignore", Version: 1, Text: ""}})
	writeSite(t, root, map[string]string{".gitignore": text})
	c.change(ignore, 2, TextDocumentContentChangeEvent{Text: text})
	n := c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: ignore}})
	if got := codes(c.settleAfter(n, staff, 1)); slices.Contains(got, "ladder-sections") {
		t.Errorf("codes %v, want no ladder-sections: the other levels are left out", got)
	}
}

// TestOpenPageCreatedUnseen: a page created on disk that the server was
// not told of (a client that watches no files, such as Neovim 0.7
// writing a buffer to a new file) is in the URL index once opened: the
// links to it from another open page are found again. Opened as saved,
// it was linted alone, and the other page kept its link-target finding
// until it was edited.
func TestOpenPageCreatedUnseen(t *testing.T) {
	c, root, uri := startOnSenior(t)
	c.open(uri, seniorPage+"\nSee [the new page](/handbook/new-page/).\n")
	if got := codes(c.settle(uri, 1)); !slices.Contains(got, "link-target") {
		t.Fatalf("codes %v, want link-target: no page serves /handbook/new-page/", got)
	}
	const page = "---\ntitle: \"New page\"\n---\n\n## New\n"
	writeSite(t, root, map[string]string{"content/handbook/new-page.md": page})
	c.open(docURI(root, "content/handbook/new-page.md"), page)
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-target") {
		t.Errorf("codes %v, want no link-target: the new page is open, and on disk", got)
	}
}

// TestSiblingLevelsUseUnsavedText checks the rules that compare the levels
// of a track: a level page is linted with its siblings, an open sibling is
// read from its unsaved text, and a change of a sibling lints the page
// again.
func TestSiblingLevelsUseUnsavedText(t *testing.T) {
	root := threeLevelTrack(t)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	staff, senior := docURI(root, trackDir+"staff.md"), docURI(root, trackDir+"senior.md")
	missing := func(p PublishDiagnosticsParams) bool {
		for _, d := range p.Diagnostics {
			if d.Code == "ladder-sections" && strings.Contains(d.Message, "Mentoring") {
				return true
			}
		}
		return false
	}
	// Staff drops the section in the editor: its two siblings on disk have
	// it, so Staff lacks a section of the majority.
	c.open(staff, levelPage("Staff", false))
	p := c.waitDiagnostics(staff, 0, missing)
	var found Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == "ladder-sections" {
			found = d
		}
	}
	// Until the site is linted again, the finding moves with the edits
	// made above it: two lines typed at the top of the body.
	body := Position{Line: 4}
	c.change(staff, 2, TextDocumentContentChangeEvent{Range: &Range{Start: body, End: body}, Text: "Intro.\n\n"})
	moved := c.waitDiagnostics(staff, 0, hasVersion(2))
	var ok bool
	for _, d := range moved.Diagnostics {
		if d.Code == "ladder-sections" && d.Message == found.Message && d.Range.Start.Line == found.Range.Start.Line+2 {
			ok = true
		}
	}
	if !ok {
		t.Errorf("after two lines added above: %+v; want %q on line %d", moved.Diagnostics, found.Message, found.Range.Start.Line+2)
	}
	var h *Hover
	at := Position{found.Range.Start.Line + 2, found.Range.Start.Character}
	if err := c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: staff}, Position: at}, &h); err != nil || h == nil || !strings.Contains(h.Contents.Value, "**ladder-sections**") {
		t.Errorf("hover on the moved ladder-sections finding: %+v, %v", h, err)
	}
	c.change(staff, 3, TextDocumentContentChangeEvent{Text: levelPage("Staff", false)})
	c.settle(staff, 3)
	for _, d := range p.Diagnostics {
		if d.Code == "ladder-sections" && len(d.RelatedInformation) == 0 {
			t.Errorf("ladder-sections without the siblings' headings: %+v", d)
		}
	}
	// Senior drops it too, unsaved: now the section is the exception, and
	// Staff's finding goes without anything saved.
	n := c.published(staff)
	c.open(senior, levelPage("Senior", false))
	c.waitDiagnostics(staff, n, func(p PublishDiagnosticsParams) bool { return !missing(p) })
	// Senior puts it back: Staff is linted again and lacks it again.
	n = c.published(staff)
	c.change(senior, 2, TextDocumentContentChangeEvent{Text: levelPage("Senior", true)})
	c.waitDiagnostics(staff, n, missing)
	if disk, _ := os.ReadFile(filepath.Join(root, trackDir, "senior.md")); string(disk) != levelPage("Senior", true) {
		t.Errorf("senior.md on disk changed")
	}
}

// TestLinkSyntaxOnContentPage opens a page that is no career page: it gets
// the link rules, link-syntax among them, whose suggestion joins "]" and
// "(" into a link the other link rules then check.
func TestLinkSyntaxOnContentPage(t *testing.T) {
	root := fixtureSite(t)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, "content/handbook/values/guide.md")
	page := "---\ntitle: \"Guide\"\n---\n\n## Guide\n\nRead the [values] (/handbook/values/#boring-solutions) first.\n"
	c.open(uri, page)
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	if got, want := codes(p), []string{"link-syntax"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
	d := find(t, p, "link-syntax")
	if d.Range.Start.Line != 6 || d.Range.Start.Character != 9 {
		t.Errorf("range %+v, want the link text from line 7, column 10", d.Range)
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: d.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Title != `join "]" and "("` || actions[0].IsPreferred {
		t.Fatalf("want the suggestion as one quick fix that is not preferred; got %+v", actions)
	}
	fixed := applyEdits(t, page, actions[0].Edit.Changes[uri])
	if want := strings.Replace(page, "[values] (", "[values](", 1); fixed != want {
		t.Errorf("after the suggestion:\n%s", fixed)
	}
	// Once joined, the link is checked: its anchor is wrong.
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: strings.Replace(fixed, "#boring-solutions", "#boring-solution", 1)})
	p = c.waitDiagnostics(uri, 0, hasVersion(2))
	if got, want := codes(p), []string{"link-anchor"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after the edit: codes %v, want %v", got, want)
	}
}

// TestIncludersCacheKept lints an include while an open page includes it
// only in its unsaved text: the pages found on disk to include it, kept
// until a file changes, are not changed by adding that page (they were
// appended to and sorted in place, so the cache lost its last page, here
// the only one whose render needs the include's suppression, which was
// then reported as suppressing nothing).
func TestIncludersCacheKept(t *testing.T) {
	root := fixtureSite(t)
	matrix := "content/handbook/engineering/careers/matrix/"
	inc := "<!-- careerlint-disable-next-line link-target -- broken on track d only -->\n[peer](../x/)\n"
	page := strings.ReplaceAll(seniorPage, "includes/nav.md", "includes/rel.md")
	files := map[string]string{"assets/includes/rel.md": inc}
	for _, track := range []string{"a", "c", "d"} {
		files[matrix+track+"/_index.md"] = "---\ntitle: \"T\"\n---\n\n- [Senior](senior/)\n"
		files[matrix+track+"/senior.md"] = page
		if track != "d" {
			files[matrix+track+"/x/_index.md"] = "---\ntitle: \"X\"\n---\n\nText.\n"
		}
	}
	writeSite(t, root, files)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/rel.md")
	c.open(incURI, inc)
	if got := codes(c.settle(incURI, 1)); len(got) != 0 {
		t.Fatalf("the include shows %v, want nothing", got)
	}
	// A page of track b, not on disk, includes the file in its text.
	bURI := docURI(root, matrix+"b/senior.md")
	c.open(bURI, page)
	c.settle(bURI, 1)
	c.change(incURI, 2, TextDocumentContentChangeEvent{Text: inc + "\n"})
	if got := codes(c.settle(incURI, 2)); len(got) != 0 {
		t.Errorf("with b open the include shows %v, want nothing", got)
	}
	// The page no longer includes it: the pages on disk are a, c and d.
	c.change(bURI, 2, TextDocumentContentChangeEvent{Text: seniorPage})
	c.settle(bURI, 2)
	c.change(incURI, 3, TextDocumentContentChangeEvent{Text: inc})
	if p := c.settle(incURI, 3); len(p.Diagnostics) != 0 {
		t.Errorf("the include shows %v, want nothing (track d's page needs its suppression)", p.Diagnostics)
	}
}

// includesDriftPage is a level page of includesDriftSite's track that
// includes one file under its one heading.
func includesDriftPage(level, inc string) string {
	return "---\ntitle: \"T Career Framework: " + level + "\"\n---\n\n## Competencies\n\n{{% include \"includes/" + inc + "\" %}}\n"
}

// includesDriftSite writes the fixture site with a track of three levels
// on disk, where intermediate.md includes another file than the levels
// after it: ladder-includes reports it.
func includesDriftSite(t *testing.T) string {
	t.Helper()
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		"assets/includes/other.md":   "Other text.\n",
		trackDir + "_index.md":       "---\ntitle: \"Test track\"\n---\n\n## Levels\n\n- [Intermediate](intermediate/)\n- [Senior](senior/)\n- [Staff](staff/)\n",
		trackDir + "intermediate.md": includesDriftPage("Intermediate", "other.md"),
		trackDir + "senior.md":       includesDriftPage("Senior", "values.md"),
		trackDir + "staff.md":        includesDriftPage("Staff", "values.md"),
	})
	return root
}

// TestSiteFindingRelatedMoves edits, on disk, a sibling level that a
// finding of the rules that compare pages points at: the finding on the
// open page is published again with the sibling's new line, although the
// finding itself (range, rule, message) is unchanged.
func TestSiteFindingRelatedMoves(t *testing.T) {
	root := includesDriftSite(t)
	page := includesDriftPage
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, trackDir+"intermediate.md")
	c.open(uri, page("Intermediate", "other.md"))
	related := func(p PublishDiagnosticsParams) map[string]int {
		out := map[string]int{}
		for _, r := range find(t, p, "ladder-includes").RelatedInformation {
			out[path.Base(r.Location.URI)] = r.Location.Range.Start.Line
		}
		return out
	}
	if got := related(c.settle(uri, 1)); got["staff.md"] != 6 {
		t.Fatalf("ladder-includes related to %v, want staff.md line 6", got)
	}
	writeSite(t, root, map[string]string{trackDir + "staff.md": strings.Replace(page("Staff", "values.md"), "## Competencies\n", "## Competencies\n\nText.\n", 1)})
	n := c.published(uri)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, trackDir+"staff.md"), Type: 2}}})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return related(p)["staff.md"] == 8 })
}

// TestIncludeThroughUnsavedInclude opens two include files: the first,
// included by a page on disk, comes to include the second in its unsaved
// text only. The second shows its finding on that page, as the command
// line over the same texts reports it (its lint looked for the pages
// including it on disk only, and an edit of the first did not lint it
// again), and no longer once the include is removed.
func TestIncludeThroughUnsavedInclude(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		"assets/includes/inner.md": "* inner bullet\n",
		trackDir + "senior.md":     seniorPage,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	valuesURI, innerURI := docURI(root, "assets/includes/values.md"), docURI(root, "assets/includes/inner.md")
	c.open(innerURI, "* inner bullet\n")
	c.open(valuesURI, "Values text.\n")
	if got := codes(c.settle(innerURI, 1)); len(got) != 0 {
		t.Errorf("the include shows %v, want nothing (no page includes it)", got)
	}
	// The edit that adds the include lints the other file again.
	c.change(valuesURI, 2, TextDocumentContentChangeEvent{Text: "Values text.\n\n{{% include \"includes/inner.md\" %}}\n"})
	c.settle(valuesURI, 2)
	if got := codes(c.settle(innerURI, 1)); !slices.Equal(got, []string{"list-marker"}) {
		t.Errorf("the include shows %v, want [list-marker] (senior.md includes it through values.md's unsaved text)", got)
	}
	c.change(valuesURI, 3, TextDocumentContentChangeEvent{Text: "Values text.\n"})
	c.settle(valuesURI, 3)
	if got := codes(c.settle(innerURI, 1)); len(got) != 0 {
		t.Errorf("with the include removed again the include shows %v, want nothing", got)
	}
}

// TestIncludedListJudgedOnEveryPage opens an include file, whose list
// in the middle of its text a page on disk pastes inside a list item
// (the fix would join the two lists there, so the command line withholds
// it), beside another page that pastes it at the top level: that page's
// own lint judges the list on itself only and finds the fix harmless.
// The include shows each bullet's finding once, as the lint of all its
// pages words it, and offers no fix, quick or on save.
func TestIncludedListJudgedOnEveryPage(t *testing.T) {
	root := fixtureSite(t)
	const inc = "Intro text.\n\n* one\n* two\n\nOutro.\n"
	staff := levelPage("Staff", false) + "\n{{% include \"includes/values.md\" %}}\n"
	writeSite(t, root, map[string]string{
		"assets/includes/values.md": inc,
		trackDir + "senior.md":      levelPage("Senior", false) + "- Item\n  {{% include \"includes/values.md\" %}}\n",
		trackDir + "staff.md":       staff,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, staffURI := docURI(root, "assets/includes/values.md"), docURI(root, trackDir+"staff.md")
	c.open(incURI, inc)
	c.open(staffURI, staff)
	c.settle(staffURI, 1)
	p := c.settle(incURI, 1)
	if got := codes(p); !slices.Equal(got, []string{"list-marker", "list-marker"}) {
		t.Errorf("the include shows %v, want one list-marker finding on each of its two bullets: %+v", got, p.Diagnostics)
	}
	for _, d := range p.Diagnostics {
		if !strings.Contains(d.Message, "rewrite this list by hand") {
			t.Errorf("the include shows %q at %+v, want it to say the list is rewritten by hand", d.Message, d.Range.Start)
		}
	}
	for _, only := range [][]string{nil, {KindFixAll}} {
		var actions []CodeAction
		if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: incURI},
			Range: Range{Position{2, 0}, Position{3, 1}}, Context: CodeActionContext{Only: only}}, &actions); err != nil {
			t.Fatal(err)
		}
		for _, a := range actions {
			if a.Edit != nil && len(a.Edit.Changes[incURI]) > 0 {
				t.Errorf("action %q (%s) edits the include: %+v; the command line withholds the fix, which joins the lists where senior.md pastes the file", a.Title, a.Kind, a.Edit.Changes[incURI])
			}
		}
	}
}

// TestFrontMatterErrorOnWideCharacter: front-matter reports a YAML error
// at the first byte of its line; on a line starting with a character of
// several bytes, the diagnostic covers that character, not nothing.
func TestFrontMatterErrorOnWideCharacter(t *testing.T) {
	c, _, uri := startOnSenior(t)
	text := strings.Replace(seniorPage, "---\n", "---\n中文\n", 1)
	c.open(uri, text)
	d := find(t, c.settle(uri, 1), "front-matter")
	if want := (Range{Position{1, 0}, Position{1, 1}}); d.Range != want {
		t.Errorf("front-matter's finding on \"中文\" has range %+v, want %+v", d.Range, want)
	}
}

// TestIncludeNamedByUnsavedPage opens an include whose suppression
// serves a page that includes it only in its unsaved text, directly or
// through another open include file: the include is linted again when the
// page's edit adds the include, and its suppression is no longer reported
// as suppressing nothing, as the command line finds over the same texts.
func TestIncludeNamedByUnsavedPage(t *testing.T) {
	root := fixtureSite(t)
	t2 := "content/handbook/engineering/careers/matrix/t2/"
	inc := "<!-- careerlint-disable-next-line link-target -- broken on one track only -->\n[peer](../x/)\n"
	const wrap = "Wrapped:\n\n{{% include \"includes/rel.md\" %}}\n"
	writeSite(t, root, map[string]string{
		"assets/includes/rel.md":  inc,
		"assets/includes/wrap.md": wrap,
		trackDir + "senior.md":    seniorPage,
		t2 + "_index.md":          "---\ntitle: \"T2\"\n---\n\n- [Senior](senior/)\n",
		t2 + "senior.md":          strings.ReplaceAll(seniorPage, "includes/nav.md", "includes/rel.md"),
		t2 + "x/_index.md":        "---\ntitle: \"X\"\n---\n\nText.\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, wrapURI, uri := docURI(root, "assets/includes/rel.md"), docURI(root, "assets/includes/wrap.md"), docURI(root, trackDir+"senior.md")
	c.open(incURI, inc)
	c.open(wrapURI, wrap)
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	if got := codes(c.settle(incURI, 1)); !slices.Equal(got, []string{"suppression"}) {
		t.Fatalf("the include shows %v, want [suppression] (its link works on the one page that includes it)", got)
	}
	for i, target := range []string{"includes/rel.md", "includes/wrap.md"} {
		v := 2 * (i + 1)
		c.change(uri, v, TextDocumentContentChangeEvent{Text: strings.ReplaceAll(seniorPage, "includes/nav.md", target)})
		c.settle(uri, v)
		if got := codes(c.settle(incURI, 1)); len(got) != 0 {
			t.Errorf("with the page including %s unsaved, the include shows %v, want nothing (the suppression serves that page)", target, got)
		}
		c.change(uri, v+1, TextDocumentContentChangeEvent{Text: seniorPage})
		c.settle(uri, v+1)
		if got := codes(c.settle(incURI, 1)); !slices.Equal(got, []string{"suppression"}) {
			t.Errorf("with the include of %s removed again, the include shows %v, want [suppression]", target, got)
		}
	}
}

// TestIncludeFollowsSiblingInclude opens two files that one page on disk
// includes, not open: a link in one to a heading of the other (the page's
// anchor) is checked again when the other's heading is renamed, as the
// command line checks it over the two unsaved texts.
func TestIncludeFollowsSiblingInclude(t *testing.T) {
	root := fixtureSite(t)
	const heading, link = "#### Pipeline Ownership\n\nText.\n", "See [ownership](#pipeline-ownership).\n"
	writeSite(t, root, map[string]string{
		trackDir + "senior.md": strings.Replace(seniorPage, `{{% include "includes/values.md" %}}`,
			`{{% include "includes/values.md" %}}`+"\n\n{{% include \"includes/a.md\" %}}\n\n{{% include \"includes/b.md\" %}}", 1),
		"assets/includes/a.md": heading,
		"assets/includes/b.md": link,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	aURI, bURI := docURI(root, "assets/includes/a.md"), docURI(root, "assets/includes/b.md")
	c.open(aURI, heading)
	c.open(bURI, link)
	if got := codes(c.settle(bURI, 1)); len(got) != 0 {
		t.Fatalf("the linking include shows %v, want nothing (the heading is on the page)", got)
	}
	c.change(aURI, 2, TextDocumentContentChangeEvent{Text: strings.Replace(heading, "Ownership", "Stewardship", 1)})
	c.settle(aURI, 2)
	if got := codes(c.settle(bURI, 1)); !slices.Equal(got, []string{"link-anchor"}) {
		t.Errorf("with the heading renamed in the other include, the linking include shows %v, want [link-anchor]", got)
	}
	c.change(aURI, 3, TextDocumentContentChangeEvent{Text: heading})
	c.settle(aURI, 3)
	if got := codes(c.settle(bURI, 1)); len(got) != 0 {
		t.Errorf("with the heading back, the linking include shows %v, want nothing", got)
	}
}

// TestHugoConfigReload reads the site's Hugo configuration with
// careerlint's and reads it again when the client reports it changed: a
// hugo.toml that does not set markup.goldmark.renderer.unsafe leaves raw
// HTML out of the page, so its anchors no longer exist.
func TestHugoConfigReload(t *testing.T) {
	// With careerlint's own configuration invalid too: the reload kept
	// the last valid configuration whole, its Hugo settings with it, so
	// the raw HTML a new hugo.toml leaves out stayed anchors until
	// .careerlint.yaml was mended.
	for _, cfg := range []string{"", "rules:\n  whitespace: loud\n"} {
		root := fixtureSite(t)
		if cfg != "" {
			writeSite(t, root, map[string]string{".careerlint.yaml": cfg})
		}
		c := startServer(t, serverOptions())
		c.initialize(root, true)
		uri := docURI(root, trackDir+"senior.md")
		page := seniorPage + "\nSee [the old name](#legacy).\n\n<a name=\"legacy\"></a>\n"
		c.open(uri, page)
		legacy := func(p PublishDiagnosticsParams) bool {
			return slices.ContainsFunc(p.Diagnostics, func(d Diagnostic) bool { return strings.Contains(d.Message, "#legacy") })
		}
		if p := c.waitDiagnostics(uri, 0, hasVersion(1)); legacy(p) {
			t.Fatalf("careerlint configuration %q: without a Hugo configuration raw HTML is rendered: %+v", cfg, p.Diagnostics)
		}
		for _, step := range []struct {
			file, text string
			omitted    bool
		}{
			{"hugo.toml", "title = \"x\"\n", true},
			{"config/_default/markup.yaml", "goldmark:\n  renderer:\n    unsafe: true\n", false},
		} {
			writeSite(t, root, map[string]string{step.file: step.text})
			n := c.published(uri)
			c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(filepath.Join(root, filepath.FromSlash(step.file))), Type: 1}}})
			c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return legacy(p) == step.omitted })
		}
	}
}

// TestHugoConfigFolderEvent: an editor reports the Hugo configuration's
// folder deleted or moved in as one event for the folder, none for its
// files. The server read the configuration again only for a file event, so
// with config/ deleted the raw HTML its files had left out stayed out (a
// link to its anchor reported, where careerlint over the same text finds
// none), and with it back the anchor stayed found.
func TestHugoConfigFolderEvent(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{"config/_default/hugo.yaml": "title: x\n"}, true)
	c.open(uri, seniorPage+"\nSee [the old name](#legacy).\n\n<a name=\"legacy\"></a>\n")
	legacy := func(p PublishDiagnosticsParams) bool {
		return slices.ContainsFunc(p.Diagnostics, func(d Diagnostic) bool { return strings.Contains(d.Message, "#legacy") })
	}
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); !legacy(p) {
		t.Fatalf("config/_default/hugo.yaml leaves raw HTML out, but the link to its anchor is not reported: %v", codes(p))
	}
	folder := pathToURI(filepath.Join(root, "config"))
	if err := os.RemoveAll(filepath.Join(root, "config")); err != nil {
		t.Fatal(err)
	}
	n := c.published(uri)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: folder, Type: 3}}})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return !legacy(p) })
	writeSite(t, root, map[string]string{"config/_default/hugo.yaml": "title: x\n"})
	n = c.published(uri)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: folder, Type: 1}}})
	c.waitDiagnostics(uri, n, legacy)
}

// TestUnclosedFrontMatterSiteRun: a career page whose front matter is
// never closed (as while typing a new page's) shows front-matter's
// finding, and whitespace's on its trailing space, as the command line
// reports them, and no required-sections finding. The site run of the
// rules that compare pages ran required-sections' check of each page
// (the rule also checks the site) without front-matter among its rules,
// so it reported the page as having none of its template's sections (at
// the end of the file, naming another template than the track's), a
// finding the command line leaves to front-matter's.
func TestUnclosedFrontMatterSiteRun(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, strings.Replace(seniorPage, "Senior level.\"\n---\n", "Senior level.\"\n--\n", 1))
	if got := codes(c.settle(uri, 1)); !slices.Equal(got, []string{"front-matter", "whitespace"}) {
		t.Errorf("codes %v, want [front-matter whitespace]", got)
	}
}

// TestSuppressionJudgedOnce: a suppression naming required-sections and
// a page rule, suppressing nothing, is reported once for each rule, as
// the command line reports it. The site run judged it too, for
// required-sections alone, and added a third finding telling to remove
// "required-sections" from the rules it names (whitespace unjudged there).
func TestSuppressionJudgedOnce(t *testing.T) {
	got := suppressionMessages(t, "required-sections, whitespace")
	want := []string{
		`"careerlint-disable-next-line required-sections" suppresses nothing; remove it`,
		`"careerlint-disable-next-line whitespace" suppresses nothing; remove it`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("suppression findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// suppressionMessages opens the senior page with a disable-next-line
// comment naming the rules names above a heading and returns the
// suppression rule's messages, sorted.
func suppressionMessages(t *testing.T, names string) []string {
	t.Helper()
	c, _, uri := startOnSenior(t)
	page := strings.Replace(seniorPage, "### Senior Technical Competencies\n",
		"<!-- careerlint-disable-next-line "+names+" -- the heading is right -->\n### Senior Technical Competencies\n", 1)
	c.open(uri, page)
	var got []string
	for _, d := range c.settle(uri, 1).Diagnostics {
		if d.Code == "suppression" {
			got = append(got, d.Message)
		}
	}
	slices.Sort(got)
	return got
}

// TestHugoConfigSaved: the site's Hugo configuration saved in an editor
// that sends it to the server but watches no files is read again, as
// .careerlint.yaml is: a hugo.toml that leaves raw HTML out, saved, had
// the anchor written in raw HTML still found until a restart.
func TestHugoConfigSaved(t *testing.T) {
	c, root, uri := startOnSenior(t)
	c.open(uri, seniorPage+"\nSee [the old name](#legacy).\n\n<a name=\"legacy\"></a>\n")
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v: without a Hugo configuration raw HTML is rendered", got)
	}
	hugo := docURI(root, "hugo.toml")
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: hugo, LanguageID: "toml", Version: 1, Text: ""}})
	writeSite(t, root, map[string]string{"hugo.toml": "title = \"x\"\n"})
	c.change(hugo, 2, TextDocumentContentChangeEvent{Text: "title = \"x\"\n"})
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: hugo}})
	if got := codes(c.settle(uri, 1)); !slices.Contains(got, "link-anchor") {
		t.Errorf("codes %v, want link-anchor: hugo.toml leaves raw HTML out", got)
	}
}

// TestSuppressionJudgedAcrossRuns: a suppression naming a page rule and
// a rule that compares pages, both suppressing nothing, tells to remove
// the comment, as the command line does. The page's own lint judges the
// page rule and the site run the other, and each told to remove its rule
// from the comment's list, the other being unjudged there.
func TestSuppressionJudgedAcrossRuns(t *testing.T) {
	if rules.Find("ladder-sections") == nil {
		t.Skip("no ladder-sections rule")
	}
	got := suppressionMessages(t, "whitespace, ladder-sections")
	want := []string{
		`"careerlint-disable-next-line ladder-sections" suppresses nothing; remove it`,
		`"careerlint-disable-next-line whitespace" suppresses nothing; remove it`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("suppression findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIsHugoConfig(t *testing.T) {
	root := filepath.FromSlash("/site")
	for file, want := range map[string]bool{
		"hugo.toml": true, "config.YAML": true, "hugo.yml": true, "config/_default/markup.toml": true,
		"config/production/sub/params.json": true, "hugo.md": false, "content/hugo.toml": false, "config/x.md": false, "../hugo.toml": false,
	} {
		if got := isHugoConfig(root, filepath.Join(root, filepath.FromSlash(file))); got != want {
			t.Errorf("%s: got %v, want %v", file, got, want)
		}
	}
	for folder, want := range map[string]bool{
		"config": true, "config/_default": true, "config/production/sub": true,
		"config/development": false, "configs": false, "content/config": false, "../config": false,
	} {
		if got := isHugoConfigFolder(root, filepath.Join(root, filepath.FromSlash(folder))); got != want {
			t.Errorf("folder %s: got %v, want %v", folder, got, want)
		}
	}
}

// TestConfigInvalidAtStart starts the server on a site whose configuration
// has a problem: the page is linted with the built-in defaults, as after
// a reload, and the user is told so (the problem shows on the file when
// it is opened), rather than the rules it sets being dropped without a
// word.
func TestConfigInvalidAtStart(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{".careerlint.yaml": "rules:\n  whitespace: loud\n"})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); len(p.Diagnostics) != 3 {
		t.Errorf("diagnostics %v, want the page's three", codes(p))
	}
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.messages) == 1 && strings.Contains(c.messages[0].Message, `.careerlint.yaml has problems; linting with the built-in defaults: `) &&
			strings.Contains(c.messages[0].Message, `:2:15: rules.whitespace: "loud" is not one of`) && c.messages[0].Type == 1
	})
}

// TestHoverEscapes: the hover quotes what a page wrote as Markdown that
// cannot be broken out of: a link target holding backticks stays one code
// span (it ended the span, and what followed rendered as Markdown, a
// link among it), a page title is text (its brackets and stars make no
// link and no emphasis), and a target of any length is bounded as a
// finding's message is.
func TestHoverEscapes(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{"content/handbook/evil.md": "---\ntitle: \"[Evil](https://evil.test) *x*\"\n---\n\n## A\n"})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	long := "/handbook/" + strings.Repeat("a", 5000) + "/"
	page := seniorPage + "\n[x](/handbook/a`[Evil](https://evil.test)`b/)\n\n[y](/handbook/evil/)\n\n[z](" + long + ")\n"
	c.open(uri, page)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	hover := func(pos Position) string {
		t.Helper()
		if h := c.hover(t, uri, pos); h != nil {
			return h.Contents.Value
		}
		return ""
	}
	if got := hover(Position{24, 6}); !strings.Contains(got, "No page of the site serves ``/handbook/a`[Evil](https://evil.test)`b/``") {
		t.Errorf("hover on a target with backticks: %q", got)
	}
	if got := hover(Position{26, 6}); !strings.Contains(got, `**\[Evil\]\(https://evil.test\) \*x\***`) {
		t.Errorf("hover on a link to a page whose title is Markdown: %q", got)
	}
	if got := hover(Position{28, 6}); len(got) > 2000 || !strings.Contains(got, "…") {
		t.Errorf("hover on a target of 5,000 characters: %d bytes", len(got))
	}
}

// TestHoverOmittedHTMLAnchor: the hover of a link to an id written in raw
// HTML that the site's Hugo configuration leaves out says why it is no
// anchor, as link-anchor's finding on it does, not only that it is not
// on the page.
func TestHoverOmittedHTMLAnchor(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{"hugo.toml": "title = \"x\"\n"})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage+"\nSee [the old name](#legacy).\n\n<a name=\"legacy\"></a>\n")
	c.waitDiagnostics(uri, 0, hasVersion(1))
	if h := c.hover(t, uri, Position{24, 8}); h == nil || !strings.Contains(h.Contents.Value, "No anchor `#legacy` on this page: it is written in raw HTML (line 27), which the site's Hugo configuration leaves out") {
		t.Errorf("hover: %+v", h)
	}
}

// TestHoverPlaceholderHeadingWrittenID: the hover of a link to the ID of
// a heading holding a {{< >}} shortcode as written, which Hugo does not
// give it, explains why as link-anchor's finding does.
func TestHoverPlaceholderHeadingWrittenID(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, seniorPage+"\n[mine](#-param-team--goals).\n\n## {{< param \"team\" >}} goals\n")
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	why := ""
	for _, d := range p.Diagnostics {
		if d.Code == "link-anchor" {
			_, why, _ = strings.Cut(d.Message, "is not on this page: ")
		}
	}
	if !strings.Contains(why, "holds a shortcode") {
		t.Fatalf("link-anchor reports %+v", p.Diagnostics)
	}
	h := c.hover(t, uri, Position{24, 10})
	if h == nil || !strings.Contains(h.Contents.Value, "No anchor `#-param-team--goals` on this page: ") || !strings.Contains(strings.ReplaceAll(h.Contents.Value, "\\", ""), strings.ReplaceAll(why, "\\", "")) {
		t.Errorf("hover: %+v, want %q", h, why)
	}
}

// TestHoverAnchorsNotReported: the hover of a link whose fragment
// link-anchor does not report, #TOP (a browser scrolls to the top), one a
// heading written by a {{% %}} shortcode may have and the one Hugo gives a
// heading holding a {{< >}} shortcode, does not say the anchor is missing.
func TestHoverAnchorsNotReported(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, seniorPage+"\n[up](#TOP) and [theirs](#platform-values) and [Hugo's](#hahahugoshortcode3s0hbhb-goals).\n\n## {{% param \"team\" %}} values\n\n## {{< param \"team\" >}} goals\n")
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	if slices.Contains(codes(p), "link-anchor") {
		t.Fatalf("link-anchor reports %+v", p.Diagnostics)
	}
	for _, tc := range []struct {
		char int
		want string
	}{
		{2, "a browser scrolls to the top of the page for it"},
		{20, "not checked: a heading whose text a `{{% %}}` shortcode writes may have it"},
		{50, "the ID Hugo gives a heading holding a `{{< >}}` shortcode, made from the shortcode's placeholder"},
	} {
		if h := c.hover(t, uri, Position{24, tc.char}); h == nil || !strings.Contains(h.Contents.Value, tc.want) || strings.Contains(h.Contents.Value, "No anchor") {
			t.Errorf("hover at character %d: %+v, want %q", tc.char, h, tc.want)
		}
	}
}

// TestNoActionsWhileOutOfStep checks that once the editor sent a change the
// text cannot take, the server offers no code action, hover or definition
// for the document until the editor sends the whole text: "fix all" on save
// computed from the server's text would edit the wrong lines of the
// editor's (a list-marker fix turning "1." into "-.").
func TestNoActionsWhileOutOfStep(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, seniorPage)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	n := c.published(uri)
	c.change(uri, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{500, 0}, End: Position{500, 0}}, Text: "x"})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri},
		Range: Range{End: Position{40, 0}}, Context: CodeActionContext{Only: []string{"source.fixAll", KindQuickFix}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 0 {
		t.Errorf("out of step with the editor: %d code actions offered, want none: %+v", len(actions), actions)
	}
	for line := range strings.Count(seniorPage, "\n") {
		if h := c.hover(t, uri, Position{line, 2}); h != nil {
			t.Errorf("out of step with the editor: hover at line %d: %q, want none", line, h.Contents.Value)
			break
		}
	}
	// The whole text brings them back.
	c.change(uri, 3, TextDocumentContentChangeEvent{Text: seniorPage})
	c.waitDiagnostics(uri, 0, hasVersion(3))
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri},
		Context: CodeActionContext{Only: []string{"source.fixAll"}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 {
		t.Errorf("after the whole text: %d actions, want fix all", len(actions))
	}
}

// TestReopenedDocumentDropsOldSiteFindings: the last site run's findings
// on a document are kept with the document instance the run read. A page
// closed and opened again at the same version with other text (changed on
// disk meanwhile, with no watcher event) shows none of them until the site
// is linted again: their offsets are into the old text.
func TestReopenedDocumentDropsOldSiteFindings(t *testing.T) {
	root := threeLevelTrack(t)
	opt := serverOptions()
	// Site runs after the first wait until the test lets them go.
	var runs atomic.Int32
	gate := make(chan struct{})
	opt.onSiteRun = func() {
		if runs.Add(1) > 1 {
			<-gate
		}
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	staff := docURI(root, trackDir+"staff.md")
	ladder := func(p PublishDiagnosticsParams) []int {
		var lines []int
		for _, d := range p.Diagnostics {
			if d.Code == "ladder-sections" {
				lines = append(lines, d.Range.Start.Line)
			}
		}
		return lines
	}
	c.open(staff, levelPage("Staff", false))
	first := c.waitDiagnostics(staff, 0, func(p PublishDiagnosticsParams) bool { return len(ladder(p)) > 0 })
	old := ladder(first)
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: staff}})
	c.waitDiagnostics(staff, 0, func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })

	// Four lines more above the findings, opened again at version 1.
	text := strings.Replace(levelPage("Staff", false), "\n## ", "\nIntro.\n\nMore.\n\n## ", 1)
	n := c.published(staff)
	c.open(staff, text)
	p := c.waitDiagnostics(staff, n, hasVersion(1))
	for _, l := range ladder(p) {
		if slices.Contains(old, l) {
			t.Errorf("reopened with four lines more: ladder-sections on line %d, where the old text had it (%v), before the site is linted again", l, old)
		}
	}
	idle := c.idleReports()
	close(gate)
	var want []int
	for _, l := range old {
		want = append(want, l+4)
	}
	if got := ladder(c.settleAfter(idle, staff, 1)); !slices.Equal(got, want) {
		t.Errorf("after the site run: ladder-sections on lines %v, want %v", got, want)
	}
}

// TestIncludedListFixSeesPagesOnDisk opens a page and the included file
// it pastes, which starts with a "*" list; a page on disk, not open and
// no level page, pastes the file after a list of its own and a blank
// line. Rewritten to "-", the file's list would join that one there, so
// the finding offers no quick fix that rewrites it, as on the command
// line: only the suggestion of a line <!-- --> before the include, in
// the page on disk that holds it.
func TestIncludedListFixSeesPagesOnDisk(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		"content/handbook/other.md": "---\ntitle: \"Other\"\n---\n\n- A list of the page.\n\n{{% include \"includes/values.md\" %}}\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	uri := docURI(root, trackDir+"senior.md")
	c.open(incURI, "* Values text.\n")
	c.open(uri, seniorPage)
	p := c.waitDiagnostics(incURI, 0, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "list-marker") })
	lm := find(t, p, "list-marker")
	if !strings.Contains(lm.Message, "rewrite this list by hand") {
		t.Errorf("included file's finding %q, want it to say the list is rewritten by hand", lm.Message)
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: incURI}, Range: lm.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	otherURI := docURI(root, "content/handbook/other.md")
	apart := 0
	for _, a := range actions {
		if a.Kind != KindQuickFix || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "list-marker" {
			continue
		}
		if a.Edit == nil || len(a.Edit.Changes) != 1 || len(a.Edit.Changes[otherURI]) != 1 || a.Edit.Changes[otherURI][0].NewText != "<!-- -->\n" {
			t.Errorf("quick fix offered for the list another page pastes after its own, other than the line <!-- --> before the include in %s: %+v", otherURI, a)
			continue
		}
		if r := a.Edit.Changes[otherURI][0].Range; r.Start != r.End || r.Start.Line != 6 || r.Start.Character != 0 {
			t.Errorf("the line <!-- --> goes at %+v, want the start of the include's line (6:0)", r)
		}
		apart++
	}
	if apart != 1 {
		t.Errorf("%d quick fixes put the line <!-- --> before the include, want 1", apart)
	}
}

// TestPagesNamingKept: the pages found to include some files are kept
// until the files on disk change (filesChanged), so that each change of
// an open page does not read every page again.
func TestPagesNamingKept(t *testing.T) {
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{"content/handbook/a.md": "{{% include \"includes/values.md\" %}}\n"})
	ws := &workspace{root: root, urls: lint.NewURLCache()}
	cfg := lint.DefaultConfig()
	files := []string{"assets/includes/values.md"}
	want := []string{"content/handbook/a.md"}
	if got, err := ws.pagesNaming(context.Background(), cfg, files); err != nil || !slices.Equal(got, want) {
		t.Fatalf("pagesNaming = %q, %v; want %q", got, err, want)
	}
	writeSite(t, root, map[string]string{"content/handbook/b.md": "{{% include \"includes/values.md\" %}}\n"})
	if got, _ := ws.pagesNaming(context.Background(), cfg, files); !slices.Equal(got, want) {
		t.Errorf("before files changed, pagesNaming = %q, want the kept %q", got, want)
	}
	ws.filesChanged()
	want = append(want, "content/handbook/b.md")
	if got, _ := ws.pagesNaming(context.Background(), cfg, files); !slices.Equal(got, want) {
		t.Errorf("after files changed, pagesNaming = %q, want %q", got, want)
	}
}

// TestConfigOpenAsMarkdown: a configuration file the editor sends as
// Markdown (a client set to send every file it opens as one) is still
// the configuration: its problems stay shown after it is saved (before,
// the lints of the open pages after the save linted it as a page too and
// published its findings as such, none, over its problems).
func TestConfigOpenAsMarkdown(t *testing.T) {
	root := fixtureSite(t)
	cfgFile := filepath.Join(root, lint.ConfigFileName)
	writeSite(t, root, map[string]string{lint.ConfigFileName: "rules:\n  whitespace: error\n"})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	cfgURI := pathToURI(cfgFile)
	c.open(cfgURI, "rules:\n  whitespace: error\n")
	bad := "rules:\n  whitespace: loud\n"
	c.change(cfgURI, 2, TextDocumentContentChangeEvent{Text: bad})
	c.waitDiagnostics(cfgURI, 0, hasVersion(2))
	writeSite(t, root, map[string]string{lint.ConfigFileName: bad})
	n := c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
	c.settleAfter(n, uri, 1)
	c.mu.Lock()
	list := c.diags[cfgURI]
	last := list[len(list)-1]
	c.mu.Unlock()
	if len(last.Diagnostics) != 1 || !strings.Contains(last.Diagnostics[0].Message, "invalid configuration") {
		t.Errorf("configuration diagnostics after the save: %+v, want its problem", last.Diagnostics)
	}
}

// readSignal passes a client's messages on to the server and signals
// each read that the server makes once it has read one holding mark.
type readSignal struct {
	io.ReadCloser
	mark  []byte
	after chan struct{}
	seen  *atomic.Bool
}

func (r readSignal) Read(p []byte) (int, error) {
	if r.seen.Load() {
		select {
		case r.after <- struct{}{}:
		default:
		}
	}
	n, err := r.ReadCloser.Read(p)
	if bytes.Contains(p[:n], r.mark) {
		r.seen.Store(true)
	}
	return n, err
}

// TestInitializedBeforeServeHasConnection: the connection reads messages
// as soon as it is made, and Serve records it a moment after; a client
// quick enough to have its initialize answered and initialized read in
// that moment was not asked to watch files (the server had no
// connection to ask it on): a configuration changed on disk went
// unnoticed. Serve is held until the server has handled initialized.
func TestInitializedBeforeServeHasConnection(t *testing.T) {
	root := fixtureSite(t)
	opt := serverOptions()
	handled := make(chan struct{}, 1)
	release := make(chan struct{})
	opt.onConnect = func() { <-release }
	var seen atomic.Bool
	c := startServerPipes(t, opt, func(r io.ReadCloser) io.ReadCloser {
		return readSignal{r, []byte(`"method":"initialized"`), handled, &seen}
	}, nil)
	c.initialize(root, true)
	<-handled // the server reads on after initialized
	close(release)
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.regs) > 0
	})
}

// TestMarkdownSourceLinkHoverDefinition: a relative link to a Markdown
// source file, written as on a code forge ("staff.md" on the level page
// beside staff.md), gets a hover naming the file and its page's title,
// and a definition opening it. On a site without a static folder, where
// file links are not checked, both gave nothing; with one, where
// link-target reports the link, the definition gave nothing.
func TestMarkdownSourceLinkHoverDefinition(t *testing.T) {
	for _, static := range []bool{false, true} {
		root := fixtureSite(t)
		files := map[string]string{trackDir + "staff.md": "---\ntitle: \"Staff - Test\"\n---\n\nStaff.\n"}
		if static {
			files["static/logo.txt"] = "logo\n"
		}
		writeSite(t, root, files)
		c := startServer(t, serverOptions())
		c.initialize(root, false)
		uri := docURI(root, trackDir+"senior.md")
		page := seniorPage + "\nSee [staff](staff.md) and [none](none.md).\n"
		c.open(uri, page)
		c.settle(uri, 1)
		line := strings.Count(seniorPage, "\n") + 1
		at := Position{line, strings.Index("See [staff](staff.md)", "(staff") + 2}
		h := c.hover(t, uri, at)
		if h == nil || !strings.Contains(h.Contents.Value, "**Staff - Test**") || !strings.Contains(h.Contents.Value, "`"+trackDir+"staff.md`") {
			t.Errorf("static folder %v: hover on the link to staff.md: %+v, want the file and its title", static, h)
		}
		locs := c.definition(t, uri, at)
		if want := []Location{{URI: docURI(root, trackDir+"staff.md")}}; !reflect.DeepEqual(locs, want) {
			t.Errorf("static folder %v: definition of the link to staff.md: %+v, want %+v", static, locs, want)
		}
		none := Position{line, strings.Index("See [staff](staff.md) and [none](none.md)", "(none") + 2}
		locs = c.definition(t, uri, none)
		if len(locs) != 0 {
			t.Errorf("static folder %v: definition of the link to none.md: %+v, want none", static, locs)
		}
	}
}

// TestFootnoteDefinition: go to definition on a footnote reference opens
// the note's line, in the page and in a file it includes, where the note
// is numbered as Hugo renders the page; footnote references had no
// definition.
func TestFootnoteDefinition(t *testing.T) {
	c, root, uri := startOnSenior(t)
	const notes = "Included text[^b].\n\n[^b]: Included note.\n"
	writeSite(t, root, map[string]string{"assets/includes/notes.md": notes})
	page := seniorPage + "\nA note[^a].\n\n[^a]: The note.\n\n{{% include \"includes/notes.md\" %}}\n"
	c.open(uri, page)
	c.settle(uri, 1)
	def := func(uri string, pos Position) []Location {
		t.Helper()
		return c.definition(t, uri, pos)
	}
	line := strings.Count(seniorPage, "\n") + 1
	if got, want := def(uri, Position{line, strings.Index("A note[^a]", "[^a]") + 1}), []Location{{URI: uri, Range: Range{Start: Position{line + 2, 0}, End: Position{line + 2, len("[^a]: The note.")}}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("definition of [^a]: %+v, want %+v", got, want)
	}
	if got := def(uri, Position{line, 1}); len(got) != 0 {
		t.Errorf("definition of plain text: %+v, want none", got)
	}
	notesURI := docURI(root, "assets/includes/notes.md")
	c.open(notesURI, notes)
	c.settle(notesURI, 1)
	if got, want := def(notesURI, Position{0, strings.Index(notes, "[^b]") + 2}), []Location{{URI: notesURI, Range: Range{Start: Position{2, 0}, End: Position{2, len("[^b]: Included note.")}}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("definition of [^b] in the include file: %+v, want %+v", got, want)
	}
}

// openInclude starts a server on the fixture site with the senior level
// page and an include file assets/includes/NAME holding text, opens the
// include file, and returns the client, the site root and its URI.
func openInclude(t *testing.T, name, text string) (*testClient, string, string) {
	t.Helper()
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":    seniorPage,
		"assets/includes/" + name: text,
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, "assets/includes/"+name)
	c.open(uri, text)
	return c, root, uri
}

// TestCompletion asks for completions where a link's anchor, a site path
// or an include path is being written, and elsewhere.
func TestCompletion(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{
		"content/handbook/team/_index.md":    "---\ntitle: \"Team\"\naliases: [/handbook/old-team/]\n---\n\n## Who we are\n\n{{% include \"includes/team-part.md\" %}}\n\n<a id=\"raw\"></a>\n",
		"content/handbook/team/members.md":   "---\ntitle: \"Members\"\n---\n\nText.\n",
		"content/handbook/nopage/deep/x.md":  "---\ntitle: \"X\"\n---\n\nText.\n",
		"assets/includes/team-part.md":       "## From the include\n",
		"assets/includes/sub/leadership.md":  "- Leads.\n",
		"assets/includes/.hidden/secret.md":  "- Hidden.\n",
		"content/handbook/values/old.html":   "not a page\n",
		"content/handbook/values/extra.md":   "---\ntitle: \"Extra\"\n---\n\nText.\n",
		"content/handbook/values/_draft.txt": "not Markdown\n",
		"content/handbook/slugged/page.md":   "---\ntitle: \"Slugged\"\nslug: nice-slug\n---\n\nText.\n",
		"content/handbook/café/menu.md":      "---\ntitle: \"Menu\"\n---\n\nText.\n",
	}, false)
	lines := []string{
		"[v](/handbook/values/#)",          // 0
		"[t](/handbook/team/#wh)",          // 1
		"[self](#)",                        // 2
		"[u](/handbook/)",                  // 3
		`{{% include "includes/" %}}`,      // 4
		`{{% include "includes/sub/l" %}}`, // 5
		"Plain text with # and / in it.",   // 6
		"[r]: /handbook/team/#",            // 7
		"[rel](../../../../../team/#)",     // 8
		"[h](/handbook/values/#intro) and", // 9
		"`[c](/handbook/values/#`",         // 10
		"[s](/handbook/slugged/",           // 11
		"[p](/handbook/caf%C3%A9/",         // 12
		"[w](/handbook/team/) more",        // 13
		"[rr](../../../../../)",            // 14
		"[rs](../",                         // 15
		"[q](../?x) [q](/handbook/?x)",     // 16
	}
	page := seniorPage + "\n" + strings.Join(lines, "\n\n") + "\n"
	c.open(uri, page)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	first := strings.Count(seniorPage, "\n") + 1
	at := func(i int, before string) Position {
		return Position{first + 2*i, utf16Col(before)}
	}
	labels := func(l CompletionList) []string {
		var out []string
		for _, it := range l.Items {
			out = append(out, it.Label)
		}
		return out
	}
	checkIn := func(uri, name string, pos Position, want []string, wantRange Range) CompletionList {
		t.Helper()
		l := c.completion(t, uri, pos)
		if got := labels(l); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: labels %q, want %q", name, got, want)
			return l
		}
		for _, it := range l.Items {
			if it.TextEdit == nil || it.TextEdit.Range != wantRange || it.TextEdit.NewText != it.Label {
				t.Errorf("%s: item %q edits %+v, want %q over %+v", name, it.Label, it.TextEdit, it.Label, wantRange)
			}
		}
		return l
	}
	check := func(name string, pos Position, want []string, wantRange Range) CompletionList {
		t.Helper()
		return checkIn(uri, name, pos, want, wantRange)
	}
	p := at(0, "[v](/handbook/values/#")
	check("values anchors", p, []string{"intro", "boring-solutions", "top"}, Range{p, p})
	p = at(1, "[t](/handbook/team/#wh")
	l := check("team anchors, with the include's and raw HTML", p, []string{"who-we-are", "from-the-include", "raw", "top"}, Range{Position{p.Line, p.Character - 2}, p})
	if len(l.Items) == 4 && (l.Items[0].Detail != "## Who we are" || l.Items[1].Detail != "## From the include (in assets/includes/team-part.md)" || l.Items[2].Detail != "raw HTML anchor") {
		t.Errorf("details %q, %q, %q", l.Items[0].Detail, l.Items[1].Detail, l.Items[2].Detail)
	}
	p = at(2, "[self](#")
	l = c.completion(t, uri, p)
	if got := labels(l); len(got) < 3 || got[0] != "test-department-competencies-senior" || !slices.Contains(got, "senior-leadership-competencies") {
		t.Errorf("this page's anchors: %q", got)
	}
	p = at(3, "[u](/handbook/")
	check("URL segments", p, []string{"café/", "engineering/", "nopage/", "slugged/", "team/", "values/"}, Range{p, p})
	p = at(4, `{{% include "includes/`)
	check("include files", p, []string{"includes/nav.md", "includes/sub/leadership.md", "includes/team-part.md", "includes/values.md"}, Range{Position{p.Line, p.Character - len("includes/")}, p})
	p = at(5, `{{% include "includes/sub/l`)
	check("include files in a folder", p, []string{"includes/sub/leadership.md"}, Range{Position{p.Line, p.Character - len("includes/sub/l")}, p})
	for _, pos := range []Position{at(6, "Plain text with #"), at(6, "Plain text with # and /"), {0, 0}} {
		if l := c.completion(t, uri, pos); len(l.Items) != 0 {
			t.Errorf("at %+v: %q, want nothing", pos, labels(l))
		}
	}
	p = at(7, "[r]: /handbook/team/#")
	check("reference definition", p, []string{"who-we-are", "from-the-include", "raw", "top"}, Range{p, p})
	p = at(8, "[rel](../../../../../team/#")
	check("relative link", p, []string{"who-we-are", "from-the-include", "raw", "top"}, Range{p, p})

	p = at(9, "[h](/handbook/values/#in")
	check("in a fragment, over all of it", p, []string{"intro", "boring-solutions", "top"}, Range{Position{p.Line, p.Character - 2}, Position{p.Line, p.Character + 3}})
	if l := c.completion(t, uri, at(10, "`[c](/handbook/values/#")); len(l.Items) != 0 {
		t.Errorf("in a code span: %q, want nothing", labels(l))
	}
	p = at(11, "[s](/handbook/slugged/")
	check("a page's slug", p, []string{"nice-slug/"}, Range{p, p})
	p = at(12, "[p](/handbook/caf%C3%A9/")
	check("a percent-encoded folder", p, []string{"menu/"}, Range{p, p})
	p = at(13, "[w](/handbook/te")
	// The folder's "/" after the word is written over too: "team/" gives
	// "/handbook/team/", not "/handbook/team//".
	check("in a segment, over all of it", p, []string{"café/", "engineering/", "nopage/", "slugged/", "team/", "values/"}, Range{Position{p.Line, p.Character - 2}, Position{p.Line, p.Character + 3}})
	// A relative path, from the page's URL (/handbook/engineering/careers/matrix/t/senior/).
	p = at(14, "[rr](../../../../../")
	check("relative path to /handbook/", p, []string{"café/", "engineering/", "nopage/", "slugged/", "team/", "values/"}, Range{p, p})
	p = at(15, "[rs](../")
	check("relative path to the track", p, []string{"senior/"}, Range{p, p})
	// In a query string: nothing.
	for _, before := range []string{"[q](../?x", "[q](../?x) [q](/handbook/?x"} {
		if l := c.completion(t, uri, at(16, before)); len(l.Items) != 0 {
			t.Errorf("in a query string after %q: %q, want nothing", before, labels(l))
		}
	}

	// In an included file, a fragment alone or a relative path renders
	// on each page that includes it: nothing to offer; a site path's
	// anchors are the same everywhere.
	inc := docURI(root, "assets/includes/sub/leadership.md")
	c.open(inc, "[a](#)\n\n[b](../x/#)\n\n[c](/handbook/values/#)\n\n{{< ref \"/handbook/team/\" >}}\n")
	c.waitDiagnostics(inc, 0, hasVersion(1))
	for _, pos := range []Position{{0, 5}, {2, 10}} {
		if l := c.completion(t, inc, pos); len(l.Items) != 0 {
			t.Errorf("include file at %+v: %q, want nothing", pos, labels(l))
		}
	}
	p = Position{4, len("[c](/handbook/values/#")}
	checkIn(inc, "site path in an include file", p, []string{"intro", "boring-solutions", "top"}, Range{p, p})
	// A ref from the content root reaches the same pages from anywhere.
	p = Position{6, len(`{{< ref "/handbook/team/`)}
	checkIn(inc, "ref from the content root in an include file", p, []string{"members"}, Range{p, p})
}

// TestCompletionRefIncludeUnsaved: completion in the path of a ref or
// relref shortcode (page names, folders, anchors after "#"); in an
// included file, after a fragment alone or a relative path, the anchors
// that every page including the file offers there; and a page that exists
// only as an unsaved buffer among the URL segments.
func TestCompletionRefIncludeUnsaved(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{
		"content/handbook/team/_index.md":   "---\ntitle: \"Team\"\n---\n\n## Who we are\n\n## How we work\n",
		"content/handbook/team/members.md":  "---\ntitle: \"Members\"\n---\n\nText.\n",
		"content/handbook/team/hidden.md":   "---\ntitle: \"Hidden\"\nbuild:\n  render: never\n  list: never\n---\n\nText.\n",
		trackDir + "intermediate.md":        "---\ntitle: \"Intermediate\"\n---\n\n## Alpha\n\n## Common\n\n{{% include \"includes/shared.md\" %}}\n",
		trackDir + "staff.md":               "---\ntitle: \"Staff\"\n---\n\n## Common\n\n## Beta\n\n{{% include \"includes/shared.md\" %}}\n",
		"assets/includes/shared.md":         "## From shared\n",
		"content/handbook/values/extras.md": "---\ntitle: \"Extras\"\n---\n\nText.\n",
	}, false)
	lines := []string{
		`{{< ref "values#" >}}`,              // 0
		`{{< relref "/handbook/team#ho" >}}`, // 1
		`{{< ref "va" >}}`,                   // 2
		`{{< ref "/handbook/" >}}`,           // 3
		`{{< ref "/handbook/team/" >}}`,      // 4
		`{{< ref "../" >}}`,                  // 5
		`{{< ref "nosuch#" >}}`,              // 6
		"[n](/handbook/)",                    // 7
		"[n](/handbook/fresh/)",              // 8
	}
	page := seniorPage + "\n" + strings.Join(lines, "\n\n") + "\n"
	fresh := docURI(root, "content/handbook/fresh/new-page.md")
	c.open(fresh, "---\ntitle: \"New\"\n---\n\n## Soon\n")
	c.open(uri, page)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	first := strings.Count(seniorPage, "\n") + 1
	at := func(i int, before string) Position { return Position{first + 2*i, utf16Col(before)} }
	check := func(uri, name string, pos Position, want, details []string, from int) {
		t.Helper()
		l := c.completion(t, uri, pos)
		var got, gotDetails []string
		for _, it := range l.Items {
			got = append(got, it.Label)
			gotDetails = append(gotDetails, it.Detail)
			if it.TextEdit == nil || it.TextEdit.Range != (Range{Position{pos.Line, pos.Character - from}, pos}) || it.TextEdit.NewText != it.Label {
				t.Errorf("%s: item %q edits %+v", name, it.Label, it.TextEdit)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: labels %q, want %q", name, got, want)
		}
		if details != nil && !reflect.DeepEqual(gotDetails, details) {
			t.Errorf("%s: details %q, want %q", name, gotDetails, details)
		}
	}
	check(uri, "a ref's anchors", at(0, `{{< ref "values#`), []string{"intro", "boring-solutions", "top"}, nil, 0)
	check(uri, "a relref's anchors, over the word", at(1, `{{< relref "/handbook/team#ho`), []string{"who-we-are", "how-we-work", "top"}, nil, 2)
	check(uri, "page names", at(2, `{{< ref "va`), []string{"values"}, []string{"content/handbook/values/_index.md"}, 2)
	check(uri, "a folder from the content root", at(3, `{{< ref "/handbook/`),
		[]string{"engineering/", "team", "team/", "values", "values/"},
		[]string{"pages under content/handbook/engineering", "content/handbook/team/_index.md", "pages under content/handbook/team", "content/handbook/values/_index.md", "pages under content/handbook/values"}, 0)
	// hidden.md is never rendered: a ref to it has no URL.
	check(uri, "a section's pages", at(4, `{{< ref "/handbook/team/`), []string{"members"}, []string{"content/handbook/team/members.md"}, 0)
	check(uri, "relative to the page's folder", at(5, `{{< ref "../`), []string{"t", "t/"}, []string{trackDir + "_index.md", "pages under content/handbook/engineering/careers/matrix/t"}, 0)
	check(uri, "a ref to no page", at(6, `{{< ref "nosuch#`), nil, nil, 0)
	check(uri, "an unsaved page's folder", at(7, "[n](/handbook/"), []string{"engineering/", "fresh/", "team/", "values/"}, nil, 0)
	check(uri, "an unsaved page", at(8, "[n](/handbook/fresh/"), []string{"new-page/"}, []string{"content/handbook/fresh/new-page.md"}, 0)

	// In the included file, "#" alone and "../../../../../team/#" render
	// on intermediate and staff: the anchors both have.
	inc := docURI(root, "assets/includes/shared.md")
	c.open(inc, "## From shared\n\n[a](#)\n\n[b](../../../../../team/#)\n\n{{< ref \"intermediate#\" >}}\n\n[c](../\n")
	c.waitDiagnostics(inc, 0, hasVersion(1))
	check(inc, "a fragment alone in an include", Position{2, len("[a](#")}, []string{"common", "from-shared", "top"},
		[]string{"## Common", "## From shared (in assets/includes/shared.md)", "the layout's anchor (links.layout-anchors)"}, 0)
	check(inc, "a relative path in an include", Position{4, len("[b](../../../../../team/#")}, []string{"who-we-are", "how-we-work", "top"}, nil, 0)
	check(inc, "a ref by name in an include", Position{6, len(`{{< ref "intermediate#`)}, []string{"alpha", "common", "from-shared", "top"}, nil, 0)
	check(inc, "a relative path's folder in an include", Position{8, len("[c](../")}, []string{"intermediate/", "senior/", "staff/"}, nil, 0)
}

// TestCompletionRefForms: ref paths complete as Hugo resolves them (a
// language suffix, ".." stopping at the content root, any case, percent
// escapes, the path= and raw-quoted forms, folders only with a page with a
// URL below them, a section Hugo makes without a file), in code too
// (Hugo runs shortcodes there), without eating the text after an
// unclosed quote or doubling a folder's "/"; an unsaved page's anchors;
// an unsaved page in a "." folder is no URL segment.
func TestCompletionRefForms(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{
		"content/handbook/team/_index.md":           "---\ntitle: \"Team\"\n---\n\n## Who we are\n",
		"content/handbook/team/members.md":          "---\ntitle: \"Members\"\n---\n\nText.\n",
		"content/handbook/team/lang.en.md":          "---\ntitle: \"Lang\"\n---\n\nText.\n",
		"content/handbook/team/leaf/index.md":       "---\ntitle: \"Leaf\"\n---\n\nText.\n",
		"content/handbook/team/leaf/notes.md":       "A resource.\n",
		"content/handbook/team/images/x.png":        "png",
		"content/handbook/team/drafts/d.md":         "---\ntitle: \"D\"\ndraft: true\n---\n",
		"content/handbook/team/My Folder/inside.md": "---\ntitle: \"Inside\"\n---\n\nText.\n",
	}, false)
	c.open(docURI(root, "content/handbook/fresh.md"), "---\ntitle: \"Fresh\"\n---\n\n## Brand new\n")
	c.open(docURI(root, "content/handbook/.wip/page.md"), "---\ntitle: \"WIP\"\n---\n\nText.\n")
	cases := []struct {
		line   string // "|" is the cursor
		labels []string
		// applied is the line once the first item is taken; details, when
		// set, are the items' details.
		applied string
		details []string
	}{
		{`{{< ref "/handbook/team/|" >}}`, []string{"lang", "leaf", "members", "My Folder/"}, `{{< ref "/handbook/team/lang" >}}`, nil},
		{`{{< ref "/Handbook/TEAM/m|" >}}`, []string{"lang", "leaf", "members", "My Folder/"}, `{{< ref "/Handbook/TEAM/lang" >}}`, nil},
		{`{{< ref "/handbook/team/My%20Folder/|" >}}`, []string{"inside"}, `{{< ref "/handbook/team/My%20Folder/inside" >}}`, nil},
		{`{{< ref "../../../../../../../|" >}}`, []string{"handbook", "handbook/"}, `{{< ref "../../../../../../../handbook" >}}`,
			[]string{"the section Hugo makes for content/handbook (it has no _index.md)", "pages under content/handbook"}},
		{`{{< ref path="mem|" >}}`, []string{"members"}, `{{< ref path="members" >}}`, nil},
		{"{{< ref `mem|` >}}", []string{"members"}, "{{< ref `members` >}}", nil},
		{"`{{< ref \"mem|\" >}}` in code", []string{"members"}, "`{{< ref \"members\" >}}` in code", nil},
		{`{{< ref "mem| >}} and more`, []string{"members"}, `{{< ref "members >}} and more`, nil},
		{`{{< ref "/handbook/te|am/members" >}}`, []string{"engineering/", "fresh", "team", "team/", "values"}, `{{< ref "/handbook/engineering/members" >}}`, nil},
		{`{{< ref "/handbook/fresh#|" >}}`, []string{"brand-new", "top"}, `{{< ref "/handbook/fresh#brand-new" >}}`, nil},
		{`[n](/handbook/|)`, []string{"engineering/", "fresh/", "team/", "values/"}, `[n](/handbook/engineering/)`, nil},
	}
	var lines []string
	for _, tc := range cases {
		lines = append(lines, strings.Replace(tc.line, "|", "", 1))
	}
	c.open(uri, seniorPage+"\n"+strings.Join(lines, "\n\n")+"\n")
	c.waitDiagnostics(uri, 0, hasVersion(1))
	first := strings.Count(seniorPage, "\n") + 1
	for i, tc := range cases {
		col := strings.Index(tc.line, "|")
		pos := Position{first + 2*i, utf16Col(tc.line[:col])}
		l := c.completion(t, uri, pos)
		var got, details []string
		for _, it := range l.Items {
			got = append(got, it.Label)
			details = append(details, it.Detail)
		}
		if !reflect.DeepEqual(got, tc.labels) {
			t.Errorf("%s: labels %q, want %q", tc.line, got, tc.labels)
			continue
		}
		if tc.details != nil && !reflect.DeepEqual(details, tc.details) {
			t.Errorf("%s: details %q, want %q", tc.line, details, tc.details)
		}
		e := *l.Items[0].TextEdit
		e.Range.Start.Line -= pos.Line
		e.Range.End.Line -= pos.Line
		if got := applyEdits(t, lines[i], []TextEdit{e}); got != tc.applied {
			t.Errorf("%s: taking %q gives %q, want %q", tc.line, l.Items[0].Label, got, tc.applied)
		}
	}
}

// TestCompletionIncludeNamedOnly: in an included file, a page that only
// names the file (in prose), which the search for its includers also
// takes, does not narrow the anchors or refs offered; refs resolve from
// the pages that include the file.
func TestCompletionIncludeNamedOnly(t *testing.T) {
	c, root, _ := startOnSeniorWith(t, map[string]string{
		trackDir + "intermediate.md":    "---\ntitle: \"Intermediate\"\n---\n\n## Common\n\n{{% include \"includes/shared.md\" %}}\n",
		trackDir + "staff.md":           "---\ntitle: \"Staff\"\n---\n\n## Common\n\n{{% include \"includes/shared.md\" %}}\n",
		trackDir + "principal.md":       "---\ntitle: \"Principal\"\n---\n\n## Gamma\n\nThe shared text is kept in includes/shared.md.\n",
		trackDir + "sib.md":             "---\ntitle: \"Sib\"\n---\n\n## Sib head\n",
		"content/handbook/other/sib.md": "---\ntitle: \"Other sib\"\n---\n\nText.\n",
		"assets/includes/shared.md":     "## From shared\n",
	}, false)
	inc := docURI(root, "assets/includes/shared.md")
	c.open(inc, "## From shared\n\n[a](#)\n\n{{< ref \"si\" >}}\n\n{{< ref \"./\" >}}\n")
	c.waitDiagnostics(inc, 0, hasVersion(1))
	for _, tc := range []struct {
		pos  Position
		want []string
	}{
		{Position{2, len("[a](#")}, []string{"common", "from-shared", "top"}},
		{Position{4, len(`{{< ref "si`)}, []string{"sib"}},
		{Position{6, len(`{{< ref "./`)}, []string{"intermediate", "principal", "sib", "staff"}},
	} {
		var got []string
		for _, it := range c.completion(t, inc, tc.pos).Items {
			got = append(got, it.Label)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("at %+v: %q, want %q", tc.pos, got, tc.want)
		}
	}
}

// TestRefToUnsavedPage: a ref to a page that exists only as an unsaved
// buffer finds it, as a link to its URL does (the URL index kept across
// lints holds the files as saved), and its anchors are checked.
func TestRefToUnsavedPage(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{}, false)
	c.open(docURI(root, "content/handbook/fresh/new-page.md"), "---\ntitle: \"New\"\n---\n\n## Soon\n")
	c.open(uri, seniorPage+"\n"+`{{< ref "new-page" >}}, {{< ref "/handbook/fresh/new-page#soon" >}}, {{< relref "new-page#nope" >}}, [x](/handbook/fresh/new-page/#soon)`+"\n")
	p := c.waitDiagnostics(uri, 0, hasVersion(1))
	var got []string
	for _, d := range p.Diagnostics {
		if d.Code == "link-target" || d.Code == "link-anchor" {
			got = append(got, fmt.Sprintf("%v: %s", d.Code, d.Message))
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "link-anchor: anchor #nope is not on /handbook/fresh/new-page/") {
		t.Errorf("link findings %q, want only link-anchor's for #nope", got)
	}
}

// TestReferences: the links of the whole handbook that reach a heading's
// anchor (in the page, in included files, a ref in an open document's
// unsaved text, an in-page link), each once; includeDeclaration puts the
// heading first; elsewhere on a page, every link to the page; a heading
// of an included file, the links to the anchor it gives on the career
// pages that include it.
func TestReferences(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{
		"content/handbook/values/_index.md": "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n[self](#intro)\n\n## Boring solutions\n\nText.\n",
		"content/handbook/team/_index.md":   "---\ntitle: \"Team\"\n---\n\n[a](/handbook/values/#intro) [b](/handbook/values/) [c](../values/#boring-solutions) [d](/handbook/values/#Intro)\n\n{{% include \"includes/team-part.md\" %}}\n",
		"content/handbook/other.md":         "---\ntitle: \"Other\"\n---\n\n{{% include \"includes/team-part.md\" %}}\n\n[f](/handbook/engineering/careers/matrix/t/intermediate/#shared-heading)\n",
		"assets/includes/team-part.md":      "[e](/handbook/values/#intro)\n",
		trackDir + "intermediate.md":        "---\ntitle: \"Intermediate\"\n---\n\n## Shared heading\n\n{{% include \"includes/heads.md\" %}}\n",
		trackDir + "staff.md":               "---\ntitle: \"Staff\"\n---\n\n{{% include \"includes/heads.md\" %}}\n\n[g](#shared-heading)\n",
		"assets/includes/heads.md":          "## Shared heading\n",
	}, false)
	c.open(uri, seniorPage+"\n"+`See {{< ref "values#intro" >}}.`+"\n")
	c.waitDiagnostics(uri, 0, hasVersion(1))
	refs := func(uri string, pos Position, decl bool) []string {
		t.Helper()
		return c.references(t, root, uri, pos, decl)
	}
	seniorLine := strings.Count(seniorPage, "\n") + 1
	values := docURI(root, "content/handbook/values/_index.md")
	c.open(values, "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n[self](#intro)\n\n## Boring solutions\n\nText.\n")
	c.waitDiagnostics(values, 0, hasVersion(1))
	want := []string{
		"assets/includes/team-part.md 0:0-0:28",
		fmt.Sprintf("%ssenior.md %d:4-%d:30", trackDir, seniorLine, seniorLine),
		"content/handbook/team/_index.md 4:0-4:28",
		"content/handbook/values/_index.md 6:0-6:14",
	}
	if got := refs(values, Position{4, 5}, false); !reflect.DeepEqual(got, want) {
		t.Errorf("references of ## Intro:\n got %q\nwant %q", got, want)
	}
	if got := refs(values, Position{4, 0}, true); len(got) != 5 || got[0] != "content/handbook/values/_index.md 4:0-4:8" || !reflect.DeepEqual(got[1:], want) {
		t.Errorf("with the declaration: %q", got)
	}
	got := refs(values, Position{10, 2}, false)
	wantPage := []string{
		"assets/includes/team-part.md 0:0-0:28",
		trackDir + "senior.md 9:26-9:70", // problemLine, in UTF-16 columns
		fmt.Sprintf("%ssenior.md %d:4-%d:30", trackDir, seniorLine, seniorLine),
		"content/handbook/team/_index.md 4:0-4:28",
		"content/handbook/team/_index.md 4:29-4:51",
		"content/handbook/team/_index.md 4:52-4:84",
		"content/handbook/team/_index.md 4:85-4:113",
		"content/handbook/values/_index.md 6:0-6:14",
	}
	if !reflect.DeepEqual(got, wantPage) {
		t.Errorf("references of the page:\n got %q\nwant %q", got, wantPage)
	}
	heads := docURI(root, "assets/includes/heads.md")
	c.open(heads, "## Shared heading\n")
	c.waitDiagnostics(heads, 0, hasVersion(1))
	// On intermediate the include's heading is #shared-heading-1 (the
	// page's own comes first); on staff it is #shared-heading.
	wantInc := []string{
		"content/handbook/engineering/careers/matrix/t/staff.md 6:0-6:20",
	}
	if got := refs(heads, Position{0, 3}, false); !reflect.DeepEqual(got, wantInc) {
		t.Errorf("references of an included heading:\n got %q\nwant %q", got, wantInc)
	}
}

// TestReferencesMore: a reference link is listed once, at its
// definition's destination; neither the configuration's time budget nor
// its ignore globs leave links out (nor make an ignored page's heading
// have none); an included file's heading finds links through a page that
// is no career page; the underline of a setext heading is the heading.
func TestReferencesMore(t *testing.T) {
	c, root, _ := startOnSeniorWith(t, map[string]string{
		".careerlint.yaml":                  "time-budget: 1ns\nignore: [\"content/handbook/archive/**\"]\n",
		"content/handbook/values/_index.md": "---\ntitle: \"GitLab Values\"\n---\n\nIntro\n=====\n\nText.\n",
		"content/handbook/team/_index.md":   "---\ntitle: \"Team\"\n---\n\n[g][r1] and [h][r1]\n\n[r1]: /handbook/values/#intro\n\n[k](/handbook/archive/old/#old-head)\n",
		"content/handbook/archive/old.md":   "---\ntitle: \"Old\"\n---\n\n## Old head\n\n[o](/handbook/values/#intro)\n",
		"content/handbook/other.md":         "---\ntitle: \"Other\"\n---\n\n{{% include \"includes/heads2.md\" %}}\n",
		"content/handbook/linker.md":        "---\ntitle: \"Linker\"\n---\n\n[to-other](/handbook/other/#inc-head) and [v](/handbook/values/), a link to the page only\n",
		"assets/includes/heads2.md":         "## Inc head\n",
	}, false)
	refs := func(rel, text string, pos Position, decl bool) []string {
		t.Helper()
		uri := docURI(root, rel)
		c.open(uri, text)
		return c.references(t, root, uri, pos, decl)
	}
	values := "---\ntitle: \"GitLab Values\"\n---\n\nIntro\n=====\n\nText.\n"
	want := []string{"content/handbook/archive/old.md 6:0-6:28", "content/handbook/team/_index.md 6:6-6:29"}
	for _, pos := range []Position{{4, 2}, {5, 3}} {
		if got := refs("content/handbook/values/_index.md", values, pos, false); !reflect.DeepEqual(got, want) {
			t.Errorf("references of the setext heading at %+v:\n got %q\nwant %q", pos, got, want)
		}
	}
	if got, want := refs("content/handbook/archive/old.md", "---\ntitle: \"Old\"\n---\n\n## Old head\n\n[o](/handbook/values/#intro)\n", Position{4, 4}, true),
		[]string{"content/handbook/archive/old.md 4:0-4:11", "content/handbook/team/_index.md 8:0-8:36"}; !reflect.DeepEqual(got, want) {
		t.Errorf("references of an ignored page's heading:\n got %q\nwant %q", got, want)
	}
	if got, want := refs("assets/includes/heads2.md", "## Inc head\n", Position{0, 4}, true),
		[]string{"assets/includes/heads2.md 0:0-0:11", "content/handbook/linker.md 4:0-4:37"}; !reflect.DeepEqual(got, want) {
		t.Errorf("references of a heading included by no career page:\n got %q\nwant %q", got, want)
	}
}

// TestRename: renaming a heading edits its text and the fragment of each
// link in the handbook that reaches an anchor the new text moves (a
// repeated heading's numbered IDs too): inline and reference links, a ref
// in an open document, a link in an included file, an in-page link. It
// refuses, editing nothing, where a link writes its fragment in a form it
// cannot rewrite, and for text that is no heading text.
func TestRename(t *testing.T) {
	c, root, uri := startOnSeniorWith(t, map[string]string{
		"content/handbook/team/_index.md": "---\ntitle: \"Team\"\n---\n\n[a](/handbook/values/#intro) [b](/handbook/values/#setup) [c](/handbook/values/#setup-1)\n\n[u][r]\n\n[r]: /handbook/values/#intro\n\n{{% include \"includes/part.md\" %}}\n",
		"assets/includes/part.md":         "[e](/handbook/values/#intro)\n",
		"content/handbook/odd.md":         "---\ntitle: \"Odd\"\n---\n\n[x](/handbook/values/#boring&#45;solutions)\n",
		trackDir + "staff.md":             "---\ntitle: \"Staff\"\n---\n\n{{% include \"includes/heads.md\" %}}\n\n[s](#shared)\n\n{{% include \"includes/h3.md\" %}}\n\n{{% include \"includes/jump.md\" %}}\n",
		trackDir + "intermediate.md":      "---\ntitle: \"Intermediate\"\n---\n\n## Third\n\n{{% include \"includes/jump.md\" %}}\n",
		"assets/includes/h3.md":           "## Third\n",
		"assets/includes/jump.md":         "[j](#third)\n",
		"content/handbook/more.md":        "---\ntitle: \"More\"\n---\n\n[q](/handbook/values/?a=1&amp;b=2#intro)\n\nSee https://handbook.gitlab.com/handbook/values/#intro now.\n",
		"content/handbook/other.md":       "---\ntitle: \"Other\"\n---\n\n[o](/handbook/engineering/careers/matrix/t/staff/#shared)\n",
		"assets/includes/heads.md":        "## Shared\n",
	}, false)
	c.open(uri, seniorPage+"\n"+`See {{< ref "values#intro" >}}.`+"\n")
	c.waitDiagnostics(uri, 0, hasVersion(1))
	values := docURI(root, "content/handbook/values/_index.md")
	c.open(values, "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Setup {.x}\n\n## Setup\n\n[self](#setup-1)\n\n## Boring solutions\n\n## Keep {#keep}\n\n[k](#keep)\n")
	c.waitDiagnostics(values, 0, hasVersion(1))

	var prep *PrepareRenameResult
	if err := c.call("textDocument/prepareRename", TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{6, 1}}, &prep); err != nil {
		t.Fatal(err)
	}
	if prep == nil || prep.Placeholder != "Setup" || prep.Range != (Range{Position{6, 3}, Position{6, 8}}) {
		t.Errorf("prepareRename: %+v, want \"Setup\" at 6:3-6:8", prep)
	}
	if err := c.call("textDocument/prepareRename", TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{3, 0}}, &prep); err != nil || prep != nil {
		t.Errorf("prepareRename off a heading: %+v, %v, want null", prep, err)
	}
	// A setext heading of two lines, and one whose ID a shortcode makes:
	// nothing to rename.
	shapes := docURI(root, "content/handbook/shapes.md")
	c.open(shapes, "---\ntitle: \"Shapes\"\n---\n\nFoo\nBar\n===\n\n## Sc {{< x >}}\n")
	c.waitDiagnostics(shapes, 0, hasVersion(1))
	for _, pos := range []Position{{4, 1}, {6, 1}, {8, 4}} {
		if err := c.call("textDocument/prepareRename", TextDocumentPositionParams{TextDocumentIdentifier{URI: shapes}, pos}, &prep); err != nil || prep != nil {
			t.Errorf("prepareRename at %+v: %+v, %v, want null", pos, prep, err)
		}
	}
	rename := func(uri string, pos Position, name string) ([]string, error) {
		t.Helper()
		var we WorkspaceEdit
		if err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, pos}, name}, &we); err != nil {
			return nil, err
		}
		var out []string
		for u, edits := range we.Changes {
			p, _ := uriToPath(u)
			rel, _ := filepath.Rel(root, p)
			for _, e := range edits {
				out = append(out, fmt.Sprintf("%s %d:%d-%d:%d %s", filepath.ToSlash(rel), e.Range.Start.Line, e.Range.Start.Character, e.Range.End.Line, e.Range.End.Character, e.NewText))
			}
		}
		slices.Sort(out)
		return out, nil
	}
	got, err := rename(values, Position{6, 4}, "Install")
	want := []string{
		"content/handbook/team/_index.md 4:51-4:56 install",
		"content/handbook/team/_index.md 4:80-4:87 setup",
		"content/handbook/values/_index.md 10:8-10:15 setup",
		"content/handbook/values/_index.md 6:3-6:8 Install",
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("renaming the first Setup: %v\n got %q\nwant %q", err, got, want)
	}
	got, err = rename(values, Position{4, 0}, "  Introduction ")
	want = []string{
		"assets/includes/part.md 0:22-0:27 introduction",
		fmt.Sprintf("%ssenior.md %d:20-%d:25 introduction", trackDir, strings.Count(seniorPage, "\n")+1, strings.Count(seniorPage, "\n")+1),
		"content/handbook/more.md 4:34-4:39 introduction",
		"content/handbook/more.md 6:49-6:54 introduction",
		"content/handbook/team/_index.md 4:22-4:27 introduction",
		"content/handbook/team/_index.md 8:23-8:28 introduction",
		"content/handbook/values/_index.md 4:3-4:8 Introduction",
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("renaming Intro: %v\n got %q\nwant %q", err, got, want)
	}
	// A bare URL ends at an accented letter: its fragment is
	// percent-encoded.
	got, err = rename(values, Position{4, 0}, "Résumé")
	if want := "content/handbook/more.md 6:49-6:54 r%C3%A9sum%C3%A9"; err != nil || !slices.Contains(got, want) || !slices.Contains(got, "content/handbook/more.md 4:34-4:39 résumé") {
		t.Errorf("renaming Intro to Résumé: %v\n got %q\nwant %q among them", err, got, want)
	}
	for name, msg := range map[string]string{
		"Keep":         "the new text gives the heading the ID #keep, which another anchor of content/handbook/values/_index.md has too",
		"Hi {{< x >}}": "holds a shortcode",
	} {
		if _, err := rename(values, Position{4, 0}, name); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("renaming Intro to %q: %v, want an error saying %q", name, err, msg)
		}
	}
	if _, err := rename(values, Position{12, 5}, "Boring"); err == nil || !strings.Contains(err.Error(), "content/handbook/odd.md:5 writes its fragment with a backslash escape or an entity") {
		t.Errorf("renaming a heading a link reaches through an entity: %v", err)
	}
	// A heading of an included file: the links to the anchor it gives on
	// the pages that include it.
	heads := docURI(root, "assets/includes/heads.md")
	c.open(heads, "## Shared\n")
	c.waitDiagnostics(heads, 0, hasVersion(1))
	got, err = rename(heads, Position{0, 4}, "Common")
	want = []string{
		"assets/includes/heads.md 0:3-0:9 Common",
		"content/handbook/engineering/careers/matrix/t/staff.md 6:5-6:11 common",
		"content/handbook/other.md 4:50-4:56 common",
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("renaming an included heading: %v\n got %q\nwant %q", err, got, want)
	}
	// jump.md's "#third" reaches h3.md's heading on staff, and
	// intermediate's own on intermediate: no single edit serves both.
	h3 := docURI(root, "assets/includes/h3.md")
	c.open(h3, "## Third\n")
	c.waitDiagnostics(h3, 0, hasVersion(1))
	if _, err := rename(h3, Position{0, 4}, "Fourth"); err == nil || !strings.Contains(err.Error(), "the link at assets/includes/jump.md:1 renders on several pages") {
		t.Errorf("renaming a heading a shared link reaches on one page only: %v", err)
	}
	// A heading with its own ID keeps it: only its text changes.
	if got, err := rename(values, Position{14, 4}, "Kept"); err != nil || !reflect.DeepEqual(got, []string{"content/handbook/values/_index.md 14:3-14:7 Kept"}) {
		t.Errorf("renaming a heading with an explicit ID: %q, %v", got, err)
	}
	for _, name := range []string{"", " ", "two\nlines", "a\rb"} {
		if _, err := rename(values, Position{4, 0}, name); err == nil {
			t.Errorf("renaming to %q: no error", name)
		}
	}
}

// TestCancelRequest: $/cancelRequest stops a references request in
// progress, which is answered RequestCancelled; the next one, and the
// document's analysis, are whole.
func TestCancelRequest(t *testing.T) {
	opt := serverOptions()
	var once sync.Once
	opt.onHandbook = func(ctx context.Context, _ string) {
		once.Do(func() {
			select {
			case <-ctx.Done():
			case <-time.After(20 * time.Second):
			}
		})
	}
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{"content/handbook/team/_index.md": "---\ntitle: \"Team\"\n---\n\n[v](/handbook/values/#intro)\n"})
	c := startServer(t, opt)
	c.initialize(root, false)
	values := docURI(root, "content/handbook/values/_index.md")
	text, err := os.ReadFile(filepath.Join(root, "content/handbook/values/_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	c.open(values, string(text))
	c.waitDiagnostics(values, 0, hasVersion(1))
	var rpcErr *jsonrpc2.Error
	if err := c.cancelledReferences(t, values, Position{4, 3}); !errors.As(err, &rpcErr) || rpcErr.Code != codeRequestCancelled {
		t.Fatalf("cancelled references: %v; want RequestCancelled", err)
	}
	if got := c.references(t, root, values, Position{4, 3}, false); !slices.Equal(got, []string{"content/handbook/team/_index.md 4:0-4:28"}) {
		t.Errorf("references after a cancelled one: %q", got)
	}
	var h *Hover
	if err := c.call("textDocument/hover", TextDocumentPositionParams{TextDocumentIdentifier{URI: values}, Position{4, 3}}, &h); err != nil {
		t.Errorf("hover after a cancelled request: %v", err)
	}
}

// TestIncludeBeforeNames: the include path completes in every include
// shortcode the configuration names.
func TestIncludeBeforeNames(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Shortcodes.Include = []string{"include", "partial-md"}
	re := includeBefore(cfg)
	for line, want := range map[string]string{
		`{{% include "includes/a`:     "includes/a",
		`{{< partial-md "x/`:          "x/",
		`{{%- include "`:              "",
		`{{% other "includes/a`:       "-",
		`{{% include "a.md" %}} then`: "-",
	} {
		m := re.FindStringSubmatch(line)
		got := "-"
		if m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("%q: path %q, want %q", line, got, want)
		}
	}
}

// TestReferencesIndexKept: references keeps what it read of the handbook
// and reads again only the pages an edit changes, but reads it all again
// when what it kept cannot be brought up to date: a document opened after
// the read, edited and saved before the next request (its text at the
// read is not known), a front matter block edited (the site's URLs may
// move), a file changed on disk. A document closed unsaved is its file
// again.
func TestReferencesIndexKept(t *testing.T) {
	values := "---\ntitle: \"Values\"\n---\n\n## Intro\n\nText.\n"
	team := "---\ntitle: \"Team\"\n---\n\n[a](/handbook/values/#intro)\n"
	files := map[string]string{
		"content/handbook/values/_index.md": values,
		"content/handbook/team/_index.md":   team,
		"content/handbook/other.md":         "---\ntitle: \"Other\"\n---\n\nNo links.\n",
	}
	root := fixtureSite(t)
	writeSite(t, root, files)
	backdate(t, root)
	type read struct {
		whole bool
		pages []string
	}
	var mu sync.Mutex
	var reads []read
	opt := serverOptions()
	opt.onHandbookRead = func(whole bool, pages []string) {
		mu.Lock()
		reads = append(reads, read{whole, pages})
		mu.Unlock()
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	valuesURI, teamURI, otherURI := docURI(root, "content/handbook/values/_index.md"), docURI(root, "content/handbook/team/_index.md"), docURI(root, "content/handbook/other.md")
	c.open(valuesURI, values)
	c.settle(valuesURI, 1)
	check := func(step string, want []string, wantRead read) {
		t.Helper()
		if got := c.references(t, root, valuesURI, Position{4, 3}, false); !slices.Equal(got, want) {
			t.Errorf("%s: references %q, want %q", step, got, want)
		}
		mu.Lock()
		last := reads[len(reads)-1]
		mu.Unlock()
		if last.whole != wantRead.whole || !slices.Equal(last.pages, wantRead.pages) {
			t.Errorf("%s: read %+v, want %+v", step, last, wantRead)
		}
	}
	teamRef := "content/handbook/team/_index.md 4:0-4:28"
	check("first", []string{teamRef}, read{whole: true})
	check("nothing changed", []string{teamRef}, read{})

	// other.md opened, given a link to #intro, and saved, all before the
	// next request: the index read other.md from disk, as it was.
	c.open(otherURI, files["content/handbook/other.md"])
	other := strings.Replace(files["content/handbook/other.md"], "No links.", "[o](/handbook/values/#intro)", 1)
	c.change(otherURI, 2, TextDocumentContentChangeEvent{Text: other})
	writeBackdated(t, root, "content/handbook/other.md", other)
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: otherURI}})
	c.settle(otherURI, 2)
	otherRef := "content/handbook/other.md 4:0-4:28"
	check("a document opened, edited and saved", []string{otherRef, teamRef}, read{whole: true})

	// An edit of an open page: that page alone is read again.
	c.change(otherURI, 3, TextDocumentContentChangeEvent{Text: other + "\n[p](/handbook/values/)\n"})
	c.settle(otherURI, 3)
	check("an edit", []string{otherRef, teamRef}, read{pages: []string{"content/handbook/other.md"}})

	// Opened and closed unsaved: the file again.
	c.open(teamURI, team)
	c.change(teamURI, 2, TextDocumentContentChangeEvent{Text: strings.Replace(team, "#intro", "#other", 1)})
	c.settle(teamURI, 2)
	check("an edit of another page", []string{otherRef}, read{pages: []string{"content/handbook/team/_index.md"}})
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: teamURI}})
	c.settle(otherURI, 3)
	check("closed unsaved", []string{otherRef, teamRef}, read{pages: []string{"content/handbook/team/_index.md"}})

	// A front matter block edited: the page may have another URL.
	c.change(valuesURI, 2, TextDocumentContentChangeEvent{Text: strings.Replace(values, "title: \"Values\"", "url: /handbook/moved/", 1)})
	c.settle(valuesURI, 2)
	check("front matter", nil, read{whole: true})
	c.change(valuesURI, 3, TextDocumentContentChangeEvent{Text: values})
	c.settle(valuesURI, 3)
	check("front matter back", []string{otherRef, teamRef}, read{whole: true})

	// A file changed on disk, as a watcher reports it.
	writeBackdated(t, root, "content/handbook/team/_index.md", team+"\n[b](/handbook/values/#intro)\n")
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: teamURI, Type: 2}}})
	c.settle(valuesURI, 3)
	check("changed on disk", []string{otherRef, teamRef, "content/handbook/team/_index.md 6:0-6:28"}, read{whole: true})
}

// TestSiteFindingOwnRelatedMovesWithEdits: a finding of the rules that
// compare pages whose related location is in the document itself (the
// page's link that renaming the heading mends) is published after an edit,
// before the next site run, with that location moved as the finding is;
// one whose text the edit changed is left out.
func TestSiteFindingOwnRelatedMovesWithEdits(t *testing.T) {
	if rules.Find("ladder-sections") == nil {
		t.Skip("no ladder-sections rule")
	}
	page := func(level, heading string) string {
		return "---\ntitle: \"" + level + " - T\"\n---\n\n## " + level + "\n\n- [Leadership](#leadership-competencies)\n- [Technical](#technical-competencies)\n\n### " + heading + "\n\n- Leads\n\n### Technical Competencies\n\n- Builds\n"
	}
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		trackDir + "_index.md":       "---\ntitle: \"Test track\"\n---\n\n- [Intermediate](intermediate/)\n- [Senior](senior/)\n- [Staff](staff/)\n",
		trackDir + "intermediate.md": page("Intermediate", "Leadership Competencies"),
		trackDir + "senior.md":       page("Senior", "Senior Leadership Competencies"),
		trackDir + "staff.md":        page("Staff", "Leadership Competencies"),
	})
	var block atomic.Bool
	gate := make(chan struct{})
	opt := serverOptions()
	opt.onSiteLint = func() {
		if block.Load() {
			<-gate
		}
	}
	c := startServer(t, opt)
	t.Cleanup(func() { close(gate) }) // before the server stops
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	text := page("Senior", "Senior Leadership Competencies")
	c.open(uri, text)
	own := func(d Diagnostic) []int {
		var lines []int
		for _, r := range d.RelatedInformation {
			if r.Location.URI == uri {
				lines = append(lines, r.Location.Range.Start.Line)
			}
		}
		return lines
	}
	d := find(t, c.settle(uri, 1), "ladder-sections")
	if d.Range.Start.Line != 9 || !slices.Equal(own(d), []int{6}) || len(d.RelatedInformation) != 3 {
		t.Fatalf("ladder-sections at line %d, related here %v of %d; want line 9, the link at line 6, 3 in all", d.Range.Start.Line, own(d), len(d.RelatedInformation))
	}
	block.Store(true) // no site run after this: its findings are moved
	n := c.published(uri)
	text = strings.Replace(text, "## Senior\n", "Intro.\n\n## Senior\n", 1)
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: text})
	d = find(t, c.waitDiagnostics(uri, n, hasVersion(2)), "ladder-sections")
	if d.Range.Start.Line != 11 || !slices.Equal(own(d), []int{8}) || len(d.RelatedInformation) != 3 {
		t.Errorf("after two lines inserted above: ladder-sections at line %d, related here %v of %d; want line 11, the link at line 8, 3 in all", d.Range.Start.Line, own(d), len(d.RelatedInformation))
	}
	n = c.published(uri)
	text = strings.Replace(text, "[Leadership](#leadership", "[Lead](#leadership", 1)
	c.change(uri, 3, TextDocumentContentChangeEvent{Text: text})
	d = find(t, c.waitDiagnostics(uri, n, hasVersion(3)), "ladder-sections")
	if d.Range.Start.Line != 11 || len(own(d)) != 0 || len(d.RelatedInformation) != 2 {
		t.Errorf("after the link was edited: ladder-sections at line %d, related here %v of %d; want line 11, none here, the 2 siblings", d.Range.Start.Line, own(d), len(d.RelatedInformation))
	}
}
