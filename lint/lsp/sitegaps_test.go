package lsp

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// commandLineIn lints a site as `careerlint` with no path does and
// returns its findings in one file, as "line rule message", sorted.
func commandLineIn(t *testing.T, root, rel string) []string {
	t.Helper()
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfigAt(root), Rules: rules.All(), SuppressionRule: rules.Suppression, KnownRules: rules.All(), OtherRules: rules.LinkRules()})
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding
	for _, d := range res.Diagnostics {
		if d.Span.File == rel {
			fs = append(fs, finding{d.Rule.Name, d.Message, res.Site.LinesOf(rel).Position(d.Span.Start).Line})
		}
	}
	return sortFindings(fs)
}

// publishedFindings turns a publication into findings as commandLineIn gives them.
func publishedFindings(p PublishDiagnosticsParams) []string {
	var fs []finding
	for _, d := range p.Diagnostics {
		fs = append(fs, finding{d.Code, d.Message, d.Range.Start.Line + 1})
	}
	return sortFindings(fs)
}

// TestIncludeSuppressionOfSiteRule opens an include file whose
// suppression names a rule that compares pages (ladder-sections), alone
// and beside another rule, suppressing nothing: the include shows what
// the command line reports on it, with its page closed and open. The
// server reported nothing for the rule that compares pages (its site run
// named the pages, and a run over some pages leaves an included file's
// suppressions unjudged; its findings on include files were dropped), and
// told to remove the page rule from the comment's list.
func TestIncludeSuppressionOfSiteRule(t *testing.T) {
	if rules.Find("ladder-sections") == nil {
		t.Skip("no ladder-sections rule")
	}
	for _, names := range []string{"ladder-sections", "whitespace, ladder-sections"} {
		t.Run(names, func(t *testing.T) {
			text := "<!-- careerlint-disable-next-line " + names + " -- the heading is right -->\nValues text.\n"
			c, root, uri := openInclude(t, "values.md", text)
			want := commandLineIn(t, root, "assets/includes/values.md")
			if len(want) != len(strings.Split(names, ",")) {
				t.Fatalf("the command line reports %q on the include, want one finding per rule", want)
			}
			if got := publishedFindings(c.settle(uri, 1)); !slices.Equal(got, want) {
				t.Errorf("the include alone shows:\n  %s\nthe command line:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			page := docURI(root, trackDir+"senior.md")
			c.open(page, seniorPage)
			if got, want := publishedFindings(c.settle(page, 1)), commandLineIn(t, root, trackDir+"senior.md"); !slices.Equal(got, want) {
				t.Errorf("the page shows:\n  %s\nthe command line:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if got := publishedFindings(c.settle(uri, 1)); !slices.Equal(got, want) {
				t.Errorf("the include with its page open shows:\n  %s\nthe command line:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			// The comment removed: its findings go.
			c.change(uri, 2, TextDocumentContentChangeEvent{Text: "Values text.\n"})
			if p := c.settle(uri, 2); len(p.Diagnostics) != 0 {
				t.Errorf("without the comment the include shows %+v", p.Diagnostics)
			}
		})
	}
}

// TestNonMarkdownIncludeChanged: an HTML file a page includes, changed on
// disk (in an editor that watches files) or saved in the editor, lints
// the page again, as a Markdown include does: the anchor it stops
// writing is reported on the page's link, and no longer once it writes
// it again. The server asked to hear of Markdown files changed only, and
// passed over a change of another file.
func TestNonMarkdownIncludeChanged(t *testing.T) {
	root := fixtureSite(t)
	page := seniorPage + "\n{{% include \"includes/extra.html\" %}}\n\nSee [extra](#extra).\n"
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":       page,
		"assets/includes/extra.html": "<h2 id=\"extra\">Extra</h2>\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, true)
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		b, _ := json.Marshal(c.regs)
		return strings.Contains(string(b), `{"globPattern":"**/*","kind":7}`)
	})
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, page)
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v: the include writes #extra", got)
	}
	html := docURI(root, "assets/includes/extra.html")
	writeSite(t, root, map[string]string{"assets/includes/extra.html": "<h2 id=\"other\">Extra</h2>\n"})
	n := c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
	if got := codes(c.settleAfter(n, uri, 1)); !slices.Contains(got, "link-anchor") {
		t.Errorf("changed on disk: codes %v, want link-anchor (the include no longer writes #extra)", got)
	}
	// Open in the editor and saved, with no file event.
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: html, LanguageID: "html", Version: 1, Text: "<h2 id=\"other\">Extra</h2>\n"}})
	writeSite(t, root, map[string]string{"assets/includes/extra.html": "<h2 id=\"extra\">Extra</h2>\n"})
	c.change(html, 2, TextDocumentContentChangeEvent{Text: "<h2 id=\"extra\">Extra</h2>\n"})
	n = c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
	if got := codes(c.settleAfter(n, uri, 1)); slices.Contains(got, "link-anchor") {
		t.Errorf("saved in the editor: codes %v, want no link-anchor (the include writes #extra again)", got)
	}
}

// TestTrackFindingWhereCommandLinePutsIt: a finding about a whole track
// (a navigation include that misses a level) is on the page the command
// line over the whole site puts it on, the track's first level, and on
// no other level open in the editor, as careerlint reports it once.
func TestTrackFindingWhereCommandLinePutsIt(t *testing.T) {
	if rules.Find("ladder-includes") == nil {
		t.Skip("no ladder-includes rule")
	}
	root := t.TempDir()
	files := map[string]string{
		"assets/includes/t-nav.md": "- [Intern](/handbook/engineering/careers/matrix/t/intern/)\n- [Intermediate](/handbook/engineering/careers/matrix/t/intermediate/)\n",
		trackDir + "_index.md":     "---\ntitle: \"Test track\"\n---\n\n- [Intern](intern/)\n- [Intermediate](intermediate/)\n- [Senior](senior/)\n",
	}
	for _, level := range []string{"Intern", "Intermediate", "Senior"} {
		files[trackDir+strings.ToLower(level)+".md"] = strings.Replace(levelPage(level, false), "---\n\n", "---\n\n{{% include \"includes/t-nav.md\" %}}\n\n", 1)
	}
	writeSite(t, root, files)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	for _, level := range []string{"senior", "intern"} {
		rel := trackDir + level + ".md"
		uri := docURI(root, rel)
		c.open(uri, files[rel])
		got, want := publishedFindings(c.settle(uri, 1)), commandLineIn(t, root, rel)
		if !slices.Equal(got, want) {
			t.Errorf("%s shows:\n  %s\nthe command line:\n  %s", rel, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		if on := slices.ContainsFunc(want, func(f string) bool { return strings.Contains(f, "does not link every level") }); on != (level == "intern") {
			t.Errorf("the command line has the navigation finding on %s: %v, want it on intern.md only", rel, on)
		}
	}
}
