package lsp

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The server lints a document again whenever something it may read
// changes (another document opened, edited or closed, a file on disk, the
// configuration), and publishes what it finds in every open document the
// lint touched. These tests check that a publication that would repeat
// the previous one for its URI (same version, same diagnostics) is not
// sent, and that one with a newer version or after a close is.

// noRepeats fails the test for every publication that repeated the
// previous one of its URI.
func noRepeats(t *testing.T, c *testClient) {
	t.Helper()
	for _, r := range c.repeats() {
		t.Error(r)
	}
}

// TestNoRepeatWhenOtherDocumentsChange opens and closes other pages of
// the site: each time the open page is linted again at the same version
// and finds the same, which is not published again.
func TestNoRepeatWhenOtherDocumentsChange(t *testing.T) {
	c, root, uri := startOnSenior(t)
	c.open(uri, seniorPage)
	first := c.settle(uri, 1)
	if got, want := codes(first), []string{"list-marker", "ordered-list-style", "whitespace"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
	// The page its link points at, and a page it does not read.
	valuesURI := docURI(root, "content/handbook/values/_index.md")
	otherURI := docURI(root, "content/handbook/values/guide.md")
	c.open(valuesURI, "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Boring solutions\n\nText.\n")
	c.settle(valuesURI, 1)
	c.open(otherURI, "---\ntitle: \"Guide\"\n---\n\n## Guide\n\nText.\n")
	c.settle(otherURI, 1)
	for _, u := range []string{valuesURI, otherURI} {
		n := c.idleReports()
		c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: u}})
		c.settleAfter(n, uri, 1)
	}
	// A file changed on disk lints every open page again.
	n := c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, trackDir+"_index.md"), Type: 2}}})
	last := c.settleAfter(n, uri, 1)
	if !reflect.DeepEqual(last, first) {
		t.Errorf("last publication %+v, want the first again %+v", last, first)
	}
	if got := c.published(uri); got != 1 {
		t.Errorf("%d publications of the page, want 1 (nothing in it changed)", got)
	}
	noRepeats(t, c)
}

// TestNoRepeatInIncludedFile edits a page that includes an open file: the
// page's lint finds the same in the file, at the file's same version, and
// the file is not published again.
func TestNoRepeatInIncludedFile(t *testing.T) {
	root := fixtureSite(t)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	uri := docURI(root, trackDir+"senior.md")
	c.open(incURI, "* Values text.\n")
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	if got := codes(c.settle(incURI, 1)); !slices.Equal(got, []string{"list-marker"}) {
		t.Fatalf("the included file shows %v, want [list-marker]", got)
	}
	n := c.published(incURI)
	fixed := strings.Replace(seniorPage, problemLine, strings.TrimSuffix(problemLine, " "), 1)
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: fixed})
	if got := codes(c.settle(uri, 2)); slices.Contains(got, "whitespace") {
		t.Fatalf("after the fix the page shows %v", got)
	}
	p := c.settle(incURI, 1)
	if got := codes(p); !slices.Equal(got, []string{"list-marker"}) {
		t.Errorf("the included file shows %v, want [list-marker]", got)
	}
	if got := c.published(incURI); got != n {
		t.Errorf("the included file was published %d more times; nothing in it changed", got-n)
	}
	noRepeats(t, c)
}

// TestNoRepeatConfigMessages reloads an unchanged configuration (changed
// on disk, saved in the editor) and closes the configuration file: its
// problems, unchanged, are not published again, and closing it clears
// them once.
func TestNoRepeatConfigMessages(t *testing.T) {
	root := fixtureSite(t)
	good := "rules:\n  whitespace: warning\n"
	writeSite(t, root, map[string]string{".careerlint.yaml": good})
	cfgURI := pathToURI(filepath.Join(root, ".careerlint.yaml"))
	c := startServer(t, serverOptions())
	c.initialize(root, true)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	watched := func() {
		t.Helper()
		n := c.idleReports()
		c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: cfgURI, Type: 2}}})
		c.settleAfter(n, uri, 1)
	}
	save := func() {
		t.Helper()
		n := c.idleReports()
		c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
		c.settleAfter(n, uri, 1)
	}
	// Closed: published without a version, once.
	watched()
	watched()
	if got := c.published(cfgURI); got != 1 {
		t.Errorf("the closed configuration file was published %d times, want once", got)
	}
	// Open: with its version, and again only when it changes.
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cfgURI, LanguageID: "yaml", Version: 1, Text: good}})
	c.waitDiagnostics(cfgURI, 0, hasVersion(1))
	save()
	bad := "rules:\n  whitespace: loud\n"
	c.change(cfgURI, 2, TextDocumentContentChangeEvent{Text: bad})
	p := c.waitDiagnostics(cfgURI, 0, hasVersion(2))
	if len(p.Diagnostics) != 1 {
		t.Fatalf("invalid configuration: %+v", p.Diagnostics)
	}
	writeSite(t, root, map[string]string{".careerlint.yaml": bad})
	save()
	watched()
	c.change(cfgURI, 3, TextDocumentContentChangeEvent{Text: good})
	writeSite(t, root, map[string]string{".careerlint.yaml": good})
	save()
	// Closed again: cleared, once, and the file on disk has no problem.
	n := c.idleReports()
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
	c.settleAfter(n, uri, 1)
	c.mu.Lock()
	list := slices.Clone(c.diags[cfgURI])
	c.mu.Unlock()
	if last := list[len(list)-1]; last.Version != nil || len(last.Diagnostics) != 0 {
		t.Errorf("after the close: %+v, want no diagnostics and no version", last)
	}
	noRepeats(t, c)
}

// TestRepublishNewVersionAndReopen checks the publications that look
// alike and are sent: a document's findings when it is opened again after
// a close cleared them, and the same findings at a newer version (editors
// keep diagnostics by version).
func TestRepublishNewVersionAndReopen(t *testing.T) {
	c, _, uri := startOnSenior(t)
	c.open(uri, seniorPage)
	first := c.settle(uri, 1)
	// Closed and opened again at version 1 with the same text: the
	// findings come back.
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	n := c.published(uri)
	c.open(uri, seniorPage)
	again := c.waitDiagnostics(uri, n, hasVersion(1))
	if !reflect.DeepEqual(again.Diagnostics, first.Diagnostics) {
		t.Errorf("opened again: %+v, want %+v", again.Diagnostics, first.Diagnostics)
	}
	// Text added at the end: the same findings, at version 2.
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: seniorPage + "\nMore text.\n"})
	second := c.settle(uri, 2)
	if !reflect.DeepEqual(second.Diagnostics, first.Diagnostics) {
		t.Errorf("version 2: %+v, want the findings of version 1 %+v", second.Diagnostics, first.Diagnostics)
	}
	c.mu.Lock()
	var got []string
	for _, p := range c.diags[uri] {
		v := "none"
		if p.Version != nil {
			v = strconv.Itoa(*p.Version)
		}
		got = append(got, fmt.Sprintf("version %s, %d diagnostics", v, len(p.Diagnostics)))
	}
	c.mu.Unlock()
	want := []string{"version 1, 3 diagnostics", "version none, 0 diagnostics", "version 1, 3 diagnostics", "version 2, 3 diagnostics"}
	if !slices.Equal(got, want) {
		t.Errorf("publications:\n%s\nwant (the first, the clear of the close, the first again, the new version):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	noRepeats(t, c)
}

// TestConfigURISpellings opens the configuration file under another
// spelling of its URI than the one the server makes for it when it is
// not open (as VS Code spells a Windows drive, file:///c%3A/): the two
// name one file for the editor, so that the clear of the close replaces
// the problems published before it was opened, and the problems of the
// file on disk are published again after it.
func TestConfigURISpellings(t *testing.T) {
	root := fixtureSite(t)
	bad := "rules:\n  whitespace: loud\n"
	writeSite(t, root, map[string]string{".careerlint.yaml": bad})
	cfgURI := pathToURI(filepath.Join(root, ".careerlint.yaml"))
	other := strings.Replace(cfgURI, "/.careerlint.yaml", "/%2Ecareerlint.yaml", 1)
	if p, err := uriToPath(other); err != nil || p != filepath.Join(root, ".careerlint.yaml") {
		t.Fatalf("%s names %q, %v", other, p, err)
	}
	c := startServer(t, serverOptions())
	c.initialize(root, true)
	// A page open: the site is known.
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: cfgURI, Type: 2}}})
	if p := c.waitDiagnostics(cfgURI, 0, nil); len(p.Diagnostics) != 1 || p.Version != nil {
		t.Fatalf("the configuration on disk: %+v, want its problem", p)
	}
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: other, LanguageID: "yaml", Version: 1, Text: bad}})
	if p := c.waitDiagnostics(other, 0, hasVersion(1)); len(p.Diagnostics) != 1 {
		t.Fatalf("the open configuration: %+v, want its problem", p)
	}
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: other}})
	if p := c.waitDiagnostics(cfgURI, 1, nil); len(p.Diagnostics) != 1 || p.Version != nil {
		t.Errorf("after the close: %+v, want the problem of the file on disk", p)
	}
	if p := c.waitDiagnostics(other, 1, nil); len(p.Diagnostics) != 0 || p.Version != nil {
		t.Errorf("the close: %+v, want the clear", p)
	}
	// The last publication repeats the first of its URI, but not the last
	// of its file (the clear): not checked with noRepeats.
}

// TestOpenAsSavedLintsOnlyIt: opening a page whose text is the file on
// disk changes nothing the other open pages read, so only the opened page
// is linted; opening one with unsaved changes lints the others again
// (their links and includes now read its text). Closing a page as saved
// lints again only the open pages that read it.
func TestOpenAsSavedLintsOnlyIt(t *testing.T) {
	root := fixtureSite(t)
	var mu sync.Mutex
	var linted []string
	opt := serverOptions()
	opt.onLint = func(uri string) {
		mu.Lock()
		linted = append(linted, uri)
		mu.Unlock()
	}
	since := func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := slices.Clone(linted)
		linted = linted[:0]
		return out
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	since()

	const saved = "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Boring solutions\n\nText.\n" // as fixtureSite writes it
	valuesURI := docURI(root, "content/handbook/values/_index.md")
	n := c.idleReports()
	c.open(valuesURI, saved)
	c.settleAfter(n, valuesURI, 1)
	if got := since(); slices.Contains(got, uri) || !slices.Contains(got, valuesURI) {
		t.Errorf("opening a page as saved linted %v, want the page only", got)
	}

	n = c.idleReports()
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: valuesURI}})
	c.settleAfter(n, uri, 1)
	if got := since(); !slices.Contains(got, uri) {
		t.Errorf("closing a page the open page links to linted %v, want the open page", got)
	}

	// A page no open page reads, closed as saved: nothing is linted again.
	const other = "---\ntitle: \"Other\"\n---\n\n## Intro\n\nText.\n"
	writeSite(t, root, map[string]string{"content/handbook/other.md": other})
	otherURI := docURI(root, "content/handbook/other.md")
	n = c.idleReports()
	c.open(otherURI, other)
	c.settleAfter(n, otherURI, 1)
	since()
	n = c.idleReports()
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: otherURI}})
	c.settleAfter(n, uri, 1)
	if got := since(); len(got) != 0 {
		t.Errorf("closing, as saved, a page no open page reads linted %v, want none", got)
	}

	n = c.idleReports()
	c.open(valuesURI, strings.Replace(saved, "## Boring solutions", "## Boring solution", 1))
	c.settleAfter(n, valuesURI, 1)
	if got := since(); !slices.Contains(got, uri) {
		t.Errorf("opening a page with unsaved changes linted %v, want the open page that links it too", got)
	}
}

// holdFirstSiteRun makes the server's first site run, as it ends, close
// started and wait for release to be closed; the later runs are not held.
func holdFirstSiteRun(opt *Options) (started, release chan struct{}) {
	started, release = make(chan struct{}), make(chan struct{})
	var once sync.Once
	opt.onSiteRun = func() {
		once.Do(func() {
			close(started)
			<-release
		})
	}
	return started, release
}

// TestCancelledSiteRunStartsAgain: a change cancels the site run in
// progress, and the run ends only after the worker has linted the change
// and, the run still going, started none: the run is started again once
// it ends, and the server gets idle.
func TestCancelledSiteRunStartsAgain(t *testing.T) {
	root := fixtureSite(t)
	opt := serverOptions()
	started, release := holdFirstSiteRun(&opt)
	c := startServer(t, opt)
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	<-started // the first site run ends once released
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: seniorPage + "\nText.\n"})
	c.waitDiagnostics(uri, 0, hasVersion(2))
	time.Sleep(50 * time.Millisecond) // the worker looks for stale sites
	close(release)
	c.settle(uri, 2)
}

// TestNoStaleContributionAfterIncludeEdit edits an open included file
// while a page that includes it is open: the file's own lint is
// published first, and the page's lint, which read the file's previous
// text, must not add what it found there (its ranges are of a text the
// editor no longer holds) to a publication of the new version.
func TestNoStaleContributionAfterIncludeEdit(t *testing.T) {
	root := fixtureSite(t)
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI := docURI(root, "assets/includes/values.md")
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	c.settle(uri, 1)
	c.open(incURI, "* Values text.\n")
	if got := codes(c.settle(incURI, 1)); !slices.Equal(got, []string{"list-marker"}) {
		t.Fatalf("the included file shows %v, want [list-marker]", got)
	}
	n := c.published(incURI)
	c.change(incURI, 2, TextDocumentContentChangeEvent{Text: "- Values text.\n"})
	if got := codes(c.settle(incURI, 2)); len(got) != 0 {
		t.Fatalf("after the fix the included file shows %v", got)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, p := range c.diags[incURI][n:] {
		if p.Version != nil && *p.Version == 2 && len(p.Diagnostics) != 0 {
			t.Errorf("publication %d of version 2 of the included file shows %v, found in its previous text", n+i+1, codes(p))
		}
	}
}

// TestNoIdleWhileRepublishing: a site run that changes an open page's
// findings has the worker publish it again; the server is not idle until
// that publication is sent. The worker is held in that lint, after it
// took the queue and before it publishes; an idle report then (the site
// run's own look, the queue being empty) let settle return the
// publication without the site run's findings. The site run's look
// waits, so that the worker takes the queue first.
func TestNoIdleWhileRepublishing(t *testing.T) {
	root := includesDriftSite(t)
	opt := serverOptions()
	var mu sync.Mutex
	siteRan := false
	opt.onSiteRun = func() {
		mu.Lock()
		siteRan = true
		mu.Unlock()
	}
	opt.onLint = func(string) {
		mu.Lock()
		after := siteRan
		mu.Unlock()
		if after {
			time.Sleep(300 * time.Millisecond)
		}
	}
	opt.onCheckIdle = func() {
		mu.Lock()
		after := siteRan
		mu.Unlock()
		if after {
			time.Sleep(100 * time.Millisecond)
		}
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	uri := docURI(root, trackDir+"intermediate.md")
	c.open(uri, includesDriftPage("Intermediate", "other.md"))
	if got := codes(c.settle(uri, 1)); !slices.Contains(got, "ladder-includes") {
		t.Errorf("the settled publication shows %v, want the site run's ladder-includes finding", got)
	}
}

// TestOutOfStepReadSettles: an open include file gets a change the server
// cannot apply (out of step: its version moves on, its text does not),
// then a page that includes it is linted again with nothing else changed
// (a page it links to closed as saved). The page's last lint, reused,
// read the include at its older version: taken for a change that its
// lint has not seen, it was queued again, reused again, for ever; the
// server was never idle again until the next edit.
func TestOutOfStepReadSettles(t *testing.T) {
	c, root, uri := startOnSenior(t)
	incURI := docURI(root, "assets/includes/values.md")
	valuesURI := docURI(root, "content/handbook/values/_index.md")
	c.open(incURI, "Values text.\n")
	c.open(valuesURI, "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\n## Boring solutions\n\nText.\n")
	c.open(uri, seniorPage)
	first := c.settle(uri, 1)
	c.change(incURI, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{500, 0}, End: Position{500, 0}}, Text: "x"})
	n := c.idleReports()
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: valuesURI}})
	if got := c.settleAfter(n, uri, 1); !reflect.DeepEqual(got, first) {
		t.Errorf("the page's publication became %+v, want %+v", got, first)
	}
}

// TestSettleAfterIgnoresEarlierIdle: the server may look whether it is
// idle twice with nothing changed between (the worker woken twice for
// one batch: a page closed while it linted another); the second report
// can come after the test counted the reports (settleAfter's n) and
// before the server read the change the test then sends. That report
// was taken for the change's, and settleAfter returned the publication
// made before the change. The worker's second look is held until the
// test has counted, and the lint of the change until the test has
// asked.
func TestSettleAfterIgnoresEarlierIdle(t *testing.T) {
	root := fixtureSite(t)
	guideText := "---\ntitle: \"Guide\"\n---\n\n## Guide\n\nSee [values](/handbook/values/#boring-solutions).\n"
	otherText := "---\ntitle: \"Other\"\n---\n\n## Other\n\nText.\n"
	writeSite(t, root, map[string]string{
		"content/handbook/values/guide.md": guideText,
		"content/handbook/other.md":        otherText,
	})
	guideURI := docURI(root, "content/handbook/values/guide.md")
	otherURI := docURI(root, "content/handbook/other.md")
	opt := serverOptions()
	var mu sync.Mutex
	var holdLint, holdCheck chan struct{} // closed to release
	reached := make(chan struct{}, 1)
	checks := 0
	opt.onLint = func(uri string) {
		mu.Lock()
		h := holdLint
		mu.Unlock()
		if h != nil && uri == guideURI {
			select {
			case reached <- struct{}{}:
			default:
			}
			<-h
		}
	}
	opt.onCheckIdle = func() {
		mu.Lock()
		h := holdCheck
		if h != nil {
			checks++
		}
		second := checks == 2
		mu.Unlock()
		if second {
			<-h
		}
	}
	hold := func(h *chan struct{}) chan struct{} {
		mu.Lock()
		defer mu.Unlock()
		*h = make(chan struct{})
		return *h
	}
	c := startServer(t, opt)
	c.initialize(root, false)
	c.open(otherURI, otherText)
	c.settle(otherURI, 1)
	// The worker lints the guide; meanwhile the other page is closed:
	// nothing to lint for it, the worker is woken to report the server
	// idle, and looks twice.
	release := hold(&holdLint)
	c.open(guideURI, guideText)
	<-reached
	check := hold(&holdCheck)
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: otherURI}})
	c.roundTrip()
	mu.Lock()
	holdLint = nil
	mu.Unlock()
	close(release)
	before := c.settle(guideURI, 1)
	if slices.Contains(codes(before), "link-anchor") {
		t.Fatalf("the guide shows %v before the change", codes(before))
	}
	// The second look reports, before the change.
	n := c.idleReports()
	close(check)
	for c.idleReports() == n {
		c.mu.Lock()
		changed := c.changed
		c.mu.Unlock()
		<-changed
	}
	// The heading the guide's link names is removed on disk; its lint
	// waits.
	release = hold(&holdLint)
	writeSite(t, root, map[string]string{"content/handbook/values/_index.md": "---\ntitle: \"GitLab Values\"\n---\n\n## Intro\n\nText.\n"})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "content/handbook/values/_index.md"), Type: 2}}})
	if c.settled(n, guideURI, 1) {
		t.Errorf("an idle report made before the change counts as settled after it")
	}
	close(release)
	if got := codes(c.settleAfter(n, guideURI, 1)); !slices.Contains(got, "link-anchor") {
		t.Errorf("the settled publication shows %v, want the broken anchor's link-anchor", got)
	}
}

// TestOpenIncludeNotMarkdownSettles: a page includes a file that is no
// Markdown (an HTML snippet), open in the editor. The lints read that
// file from disk, as its text is no Markdown document's; a lint of the
// page was taken for one made before that file opened (a dependency
// open and not in its snapshot), queued again, and linted again, for
// ever: an edit of the page was never published.
func TestOpenIncludeNotMarkdownSettles(t *testing.T) {
	c, root, uri := startOnSenior(t)
	snippet := "<p>Snippet</p>\n"
	writeSite(t, root, map[string]string{"assets/includes/snippet.html": snippet})
	page := seniorPage + "\n{{% include \"includes/snippet.html\" %}}\n"
	c.open(uri, page)
	c.settle(uri, 1)
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: docURI(root, "assets/includes/snippet.html"), LanguageID: "html", Version: 1, Text: snippet}})
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: strings.Replace(page, "* bullet", "- bullet", 1)})
	if got := codes(c.settle(uri, 2)); slices.Contains(got, "list-marker") {
		t.Errorf("after the bullet's fix the page shows %v", got)
	}
}

// writeSignal passes a server's output on and signals each write that
// holds a publication of diagnostics as it starts.
type writeSignal struct {
	io.WriteCloser
	publishing chan struct{}
}

func (w writeSignal) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(`"textDocument/publishDiagnostics"`)) {
		select {
		case w.publishing <- struct{}{}:
		default:
		}
	}
	return w.WriteCloser.Write(p)
}

// TestPublishWhileClientAnswers: the server asks the client to watch
// files and writes a publication while the client's answer is on its
// way; the server's read loop then takes the next change and waits for
// that publication to be sent before it reads on. The test client
// answered on its read loop: its answer waited for the server to read
// it, the server's read loop for the publication, the publication for
// the client's read loop, for ever (a TestConfigReload failure under
// load). The answer is held until the server's read loop has the change.
func TestPublishWhileClientAnswers(t *testing.T) {
	root := fixtureSite(t)
	publishing := make(chan struct{}, 1)
	c := startServerOut(t, serverOptions(), func(w io.WriteCloser) io.WriteCloser { return writeSignal{w, publishing} })
	release := make(chan struct{})
	c.mu.Lock()
	c.replyHold = release
	c.mu.Unlock()
	c.initialize(root, true)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	<-publishing
	read := make(chan struct{})
	go func() {
		// Returns once the server's read loop has it (the pipe has no
		// buffer).
		c.change(uri, 2, TextDocumentContentChangeEvent{Text: strings.Replace(seniorPage, "* bullet", "- bullet", 1)})
		close(read)
	}()
	<-read
	close(release)
	if got := codes(c.waitDiagnostics(uri, 0, hasVersion(2))); slices.Contains(got, "list-marker") {
		t.Errorf("after the bullet's fix the page shows %v", got)
	}
}
