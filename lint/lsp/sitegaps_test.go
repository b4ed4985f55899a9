package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
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
	c := startWatching(t, root, serverOptions())
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

// startWatching starts a server with opt on a site for a client that
// watches files, and waits for the registration of its watchers.
func startWatching(t *testing.T, root string, opt Options) *testClient {
	t.Helper()
	c := startServer(t, opt)
	c.initialize(root, true)
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		b, _ := json.Marshal(c.regs)
		return strings.Contains(string(b), `{"globPattern":"**/*","kind":7}`)
	})
	return c
}

// TestUnreadAssetChangedMakesNoSiteRun: a stylesheet under the include
// root that no page includes, changed on disk or saved in the editor,
// makes no site run (1 to 2 s of the rules that compare pages on a big
// handbook). Every file changed under an include root made one. A page
// open as saved and closed after the change has the server look for
// work, and report itself idle.
func TestUnreadAssetChangedMakesNoSiteRun(t *testing.T) {
	css := "assets/css/style.css"
	for _, how := range []string{"changed on disk", "saved in the editor"} {
		t.Run(how, func(t *testing.T) {
			root := fixtureSite(t)
			other := "content/handbook/other.md"
			otherText := "---\ntitle: \"Other\"\n---\n\nText.\n"
			writeSite(t, root, map[string]string{css: "body { color: black; }\n", other: otherText})
			opt := serverOptions()
			var runs atomic.Int32
			opt.onSiteRun = func() { runs.Add(1) }
			c := startWatching(t, root, opt)
			uri, otherURI := docURI(root, trackDir+"senior.md"), docURI(root, other)
			c.open(uri, seniorPage)
			c.settle(uri, 1)
			c.open(otherURI, otherText)
			c.settle(otherURI, 1)
			before := runs.Load()

			cssURI := docURI(root, css)
			writeSite(t, root, map[string]string{css: "body { color: red; }\n"})
			if how == "changed on disk" {
				c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: cssURI, Type: 2}}})
			} else {
				c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cssURI, LanguageID: "css", Version: 1, Text: "body { color: black; }\n"}})
				c.change(cssURI, 2, TextDocumentContentChangeEvent{Text: "body { color: red; }\n"})
				c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cssURI}})
			}
			n := c.idleReports()
			c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: otherURI}})
			c.settleAfter(n, uri, 1)
			if got := runs.Load() - before; got != 0 {
				t.Errorf("a stylesheet no page includes, %s: %d site runs, want none", how, got)
			}
		})
	}
}

// navTrack writes a track of two levels on the fixture site whose
// navigation includes disagree: intern.md includes a Markdown one whose
// links reach no page, senior.md an HTML one that links the levels under
// base. It returns the intern page's text.
func navTrack(t *testing.T, root, base string) string {
	t.Helper()
	intern := strings.Replace(levelPage("Intern", false), "---\n\n", "---\n\n{{% include \"includes/t-old-nav.md\" %}}\n\n", 1)
	writeSite(t, root, map[string]string{
		trackDir + "_index.md":         "---\ntitle: \"Test track\"\n---\n\n- [Intern](intern/)\n- [Senior](senior/)\n",
		"assets/includes/t-old-nav.md": "- [Intern](/handbook/engineering/careers/matrix/old/intern/)\n- [Senior](/handbook/engineering/careers/matrix/old/senior/)\n",
		"assets/includes/t-nav.html":   navHTML(base),
		trackDir + "intern.md":         intern,
		trackDir + "senior.md":         strings.Replace(levelPage("Senior", false), "---\n\n", "---\n\n{{% include \"includes/t-nav.html\" %}}\n\n", 1),
	})
	return intern
}

// The bases navTrackSite's HTML navigation may link the levels under: a
// track that does not exist, and the track.
const (
	navGoneBase  = "/handbook/engineering/careers/matrix/gone/"
	navTrackBase = "/handbook/engineering/careers/matrix/t/"
)

// navTrackSite writes the fixture site with navTrack's track, its HTML
// navigation linking no page (under navGoneBase), and returns the root
// and the intern page's text; it skips the test without the
// ladder-includes rule.
func navTrackSite(t *testing.T) (root, intern string) {
	t.Helper()
	if rules.Find("ladder-includes") == nil {
		t.Skip("no ladder-includes rule")
	}
	root = fixtureSite(t)
	return root, navTrack(t, root, navGoneBase)
}

// openNavIntern opens navTrackSite's intern page and returns its URI once
// it shows that the levels disagree on their navigation.
func openNavIntern(t *testing.T, c *testClient, root, intern string) string {
	t.Helper()
	uri := docURI(root, trackDir+"intern.md")
	c.open(uri, intern)
	if got := ladderMessage(c.settle(uri, 1)); !strings.Contains(got, navDisagree) {
		t.Fatalf("ladder-includes on intern.md: %q, want it to say the levels %s", got, navDisagree)
	}
	return uri
}

// navOnDisk writes navTrackSite's HTML navigation linking the levels
// under base, reports it changed on disk, and returns the ladder-includes
// message on the open page uri once the server is idle after it.
func navOnDisk(t *testing.T, c *testClient, root, uri, base string) string {
	t.Helper()
	writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(base)})
	n := c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/t-nav.html"), Type: 2}}})
	return ladderMessage(c.settleAfter(n, uri, 1))
}

// navHTML is an HTML navigation that links the levels intern and senior
// under base.
func navHTML(base string) string {
	return "<nav><a href=\"" + base + "intern/\">Intern</a> <a href=\"" + base + "senior/\">Senior</a></nav>\n"
}

// The ladder-includes findings on intern.md of navTrack: the navigation
// of senior.md links no page, or links the levels.
const (
	navDisagree  = "do not agree on a navigation include"
	navReachesNo = "has 2 links that reach no page"
)

// ladderMessage returns the message of a publication's ladder-includes
// finding, "" when it has none.
func ladderMessage(p PublishDiagnosticsParams) string {
	for _, d := range p.Diagnostics {
		if d.Code == "ladder-includes" {
			return d.Message
		}
	}
	return ""
}

// TestUnopenedLevelsHTMLIncludeChanged: an HTML navigation included by a
// level that is not open, changed on disk or saved in the editor, makes
// the site run again, and the open level's ladder-includes finding,
// which compares the two levels' navigations, follows its links. No
// open page's lint reads the file: only the last site run did.
func TestUnopenedLevelsHTMLIncludeChanged(t *testing.T) {
	root, intern := navTrackSite(t)
	gone, track := navGoneBase, navTrackBase
	c := startWatching(t, root, serverOptions())
	uri := openNavIntern(t, c, root, intern)
	html := docURI(root, "assets/includes/t-nav.html")
	if got := navOnDisk(t, c, root, uri, track); !strings.Contains(got, navReachesNo) {
		t.Errorf("senior.md's navigation changed on disk to link the levels: ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
	}
	// Back to links that reach no page, saved in the editor.
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: html, LanguageID: "html", Version: 1, Text: navHTML(track)}})
	writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(gone)})
	c.change(html, 2, TextDocumentContentChangeEvent{Text: navHTML(gone)})
	n := c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
	if got := ladderMessage(c.settleAfter(n, uri, 1)); !strings.Contains(got, navDisagree) {
		t.Errorf("senior.md's navigation saved in the editor to link no page: ladder-includes on intern.md %q, want it to say the levels %s", got, navDisagree)
	}
}

// TestIncludeChangedDuringSiteRun: an HTML include changed on disk while
// a site run that read it goes, when the last run done did not read it
// (the level that includes it has just been edited on disk to do so),
// makes the site run again once that run ends: its findings are of the
// file's old text.
func TestIncludeChangedDuringSiteRun(t *testing.T) {
	if rules.Find("ladder-includes") == nil {
		t.Skip("no ladder-includes rule")
	}
	root := fixtureSite(t)
	track := "/handbook/engineering/careers/matrix/t/"
	intern := navTrack(t, root, "/handbook/engineering/careers/matrix/gone/")
	// senior.md includes another navigation at first, which links no
	// page either.
	senior := docURI(root, trackDir+"senior.md")
	seniorText := strings.Replace(levelPage("Senior", false), "---\n\n", "---\n\n{{% include \"includes/t-nav.html\" %}}\n\n", 1)
	writeSite(t, root, map[string]string{
		"assets/includes/t-first-nav.html": navHTML("/handbook/engineering/careers/matrix/first/"),
		trackDir + "senior.md":             strings.Replace(seniorText, "t-nav.html", "t-first-nav.html", 1),
	})
	opt := serverOptions()
	var runs atomic.Int32
	held, release := make(chan struct{}), make(chan struct{})
	opt.onSiteRun = func() {
		if runs.Add(1) == 2 {
			close(held)
			<-release
		}
	}
	c := startWatching(t, root, opt)
	uri := openNavIntern(t, c, root, intern)
	// senior.md now includes t-nav.html: the next run reads it, and is
	// held once it has linted the site.
	writeSite(t, root, map[string]string{trackDir + "senior.md": seniorText})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: senior, Type: 2}}})
	<-held
	writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(track)})
	n := c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/t-nav.html"), Type: 2}}})
	c.roundTrip() // the change is handled before the run ends
	close(release)
	if got := ladderMessage(c.settleAfter(n, uri, 1)); !strings.Contains(got, navReachesNo) {
		t.Errorf("senior.md's navigation changed during the site run that read it: ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
	}
}

// TestIncludeReachedThroughHTMLInclude: an open include file that a page
// reaches through an HTML include shows the page's finding in it, as the
// command line does, once the HTML file is changed on disk to include it,
// and no longer once it is saved in the editor without it. The pages
// that include the file were searched among the Markdown include files
// only, and kept (the workspace's includers) until a Markdown file
// changed: the HTML file's change left the empty answer of the open.
func TestIncludeReachedThroughHTMLInclude(t *testing.T) {
	root := fixtureSite(t)
	const bare, including = "<p>Wrap</p>\n", "<p>Wrap</p>\n\n{{% include \"includes/values.md\" %}}\n"
	writeSite(t, root, map[string]string{
		trackDir + "senior.md":      strings.ReplaceAll(seniorPage, "includes/values.md", "includes/wrap.html"),
		"assets/includes/wrap.html": bare,
		"assets/includes/values.md": "* Values text.\n",
	})
	c := startWatching(t, root, serverOptions())
	inc, html := docURI(root, "assets/includes/values.md"), docURI(root, "assets/includes/wrap.html")
	c.open(inc, "* Values text.\n")
	if got := codes(c.settle(inc, 1)); len(got) != 0 {
		t.Fatalf("the include no page reaches shows %v", got)
	}
	writeSite(t, root, map[string]string{"assets/includes/wrap.html": including})
	want := commandLineIn(t, root, "assets/includes/values.md")
	if len(want) != 1 || !strings.Contains(want[0], "list-marker") {
		t.Fatalf("the command line reports %q on the include, want its list-marker finding", want)
	}
	n := c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
	if got := publishedFindings(c.settleAfter(n, inc, 1)); !slices.Equal(got, want) {
		t.Errorf("the HTML include changed on disk to include it: the include shows %q, the command line %q", got, want)
	}
	// Saved in the editor without the include: the finding goes.
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: html, LanguageID: "html", Version: 1, Text: including}})
	writeSite(t, root, map[string]string{"assets/includes/wrap.html": bare})
	c.change(html, 2, TextDocumentContentChangeEvent{Text: bare})
	n = c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
	if got := codes(c.settleAfter(n, inc, 1)); len(got) != 0 {
		t.Errorf("the HTML include saved without it: the include shows %v, want nothing", got)
	}
	// And with it again, saved: the finding is back.
	writeSite(t, root, map[string]string{"assets/includes/wrap.html": including})
	c.change(html, 3, TextDocumentContentChangeEvent{Text: including})
	n = c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
	if got := publishedFindings(c.settleAfter(n, inc, 1)); !slices.Equal(got, want) {
		t.Errorf("the HTML include saved to include it again: the include shows %q, the command line %q", got, want)
	}
}

// TestFailedSiteRunReadsEverything: a site run that fails (an error of
// the lint, logged) read no file as far as the server knows; an HTML
// include that the run would have read (the navigation of a level that is
// not open), changed on disk or saved in the editor, makes the site run
// again, and the open level shows its ladder-includes finding. The failed
// run's empty read set took the file for one no run reads: the site
// stayed without findings until a Markdown change.
func TestFailedSiteRunReadsEverything(t *testing.T) {
	for _, how := range []string{"changed on disk", "saved in the editor"} {
		t.Run(how, func(t *testing.T) {
			root, intern := navTrackSite(t)
			gone, track := navGoneBase, navTrackBase
			opt := serverOptions()
			var lints atomic.Int32
			opt.siteLintErr = func() error {
				if lints.Add(1) == 1 {
					return errors.New("the first site lint fails")
				}
				return nil
			}
			c := startWatching(t, root, opt)
			uri := docURI(root, trackDir+"intern.md")
			c.open(uri, intern)
			if got := ladderMessage(c.settle(uri, 1)); got != "" || lints.Load() != 1 {
				t.Fatalf("after %d site lints, ladder-includes on intern.md: %q, want none (the site run failed)", lints.Load(), got)
			}
			html := docURI(root, "assets/includes/t-nav.html")
			if how == "saved in the editor" {
				c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: html, LanguageID: "html", Version: 1, Text: navHTML(gone)}})
				c.change(html, 2, TextDocumentContentChangeEvent{Text: navHTML(track)})
			}
			writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(track)})
			n := c.idleReports()
			if how == "changed on disk" {
				c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
			} else {
				c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
			}
			if got := ladderMessage(c.settleAfter(n, uri, 1)); !strings.Contains(got, navReachesNo) {
				t.Errorf("senior.md's navigation %s after a failed site run: ladder-includes on intern.md %q, want it to say intern.md's %s", how, got, navReachesNo)
			}
		})
	}
}

// TestSavedIncludeEventMakesOneSiteRun: an HTML include that only the
// site run reads, open in the editor, edited and saved, by a client that
// also reports the save as a file changed on disk (VS Code sends both),
// makes one site run: the file event finds the file as the save left it.
// Each made a full run of the rules that compare pages, the second
// finding what the first found.
func TestSavedIncludeEventMakesOneSiteRun(t *testing.T) {
	root, intern := navTrackSite(t)
	gone, track := navGoneBase, navTrackBase
	opt := serverOptions()
	var runs atomic.Int32
	opt.onSiteRun = func() { runs.Add(1) }
	c := startWatching(t, root, opt)
	uri := docURI(root, trackDir+"intern.md")
	c.open(uri, intern)
	c.settle(uri, 1)
	html := docURI(root, "assets/includes/t-nav.html")
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: html, LanguageID: "html", Version: 1, Text: navHTML(gone)}})
	c.change(html, 2, TextDocumentContentChangeEvent{Text: navHTML(track)})
	writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(track)})
	before := runs.Load()
	n := c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
	if got := ladderMessage(c.settleAfter(n, uri, 1)); !strings.Contains(got, navReachesNo) {
		t.Fatalf("senior.md's navigation saved: ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
	}
	n = c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
	if got := ladderMessage(c.settleAfter(n, uri, 1)); !strings.Contains(got, navReachesNo) {
		t.Errorf("the save's file event: ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
	}
	if got := runs.Load() - before; got != 1 {
		t.Errorf("a save and its file event: %d site runs, want 1", got)
	}
	// A change on disk after it makes the next.
	if got := navOnDisk(t, c, root, uri, gone); !strings.Contains(got, navDisagree) {
		t.Errorf("changed on disk again: ladder-includes on intern.md %q, want it to say the levels %s", got, navDisagree)
	}
}

// TestIncludeChangedBackAfterItsEvent: an HTML include that only the site
// run reads is changed on disk; its event finds the new text, but the run
// it starts reads the file changed meanwhile back to the old text, and the
// file is then written with the new text again. The event of that write
// finds the text the first event found, with no change of the site
// since, yet the run read another: it makes the site run again, and the
// open level shows the finding of the text on disk. The event was taken
// for the first one reported twice, and the old text's finding stayed.
func TestIncludeChangedBackAfterItsEvent(t *testing.T) {
	root, intern := navTrackSite(t)
	gone, track := navGoneBase, navTrackBase
	navFile := filepath.Join(root, "assets", "includes", "t-nav.html")
	opt := serverOptions()
	var armed atomic.Bool
	opt.onSiteLint = func() {
		if armed.CompareAndSwap(true, false) {
			// Changed back before the run reads it.
			if err := os.WriteFile(navFile, []byte(navHTML(gone)), 0o644); err != nil {
				t.Error(err)
			}
		}
	}
	c := startWatching(t, root, opt)
	uri := openNavIntern(t, c, root, intern)
	armed.Store(true)
	if got := navOnDisk(t, c, root, uri, track); !strings.Contains(got, navDisagree) {
		t.Fatalf("the run read the navigation changed back: ladder-includes on intern.md %q, want it to say the levels %s", got, navDisagree)
	}
	if got := navOnDisk(t, c, root, uri, track); !strings.Contains(got, navReachesNo) {
		t.Errorf("changed on disk as the first event found it, after the run read another text: ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
	}
}
