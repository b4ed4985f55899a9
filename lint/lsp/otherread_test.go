package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gitlab.com/careerlint/careerlint/lint"
)

// holdFirstOtherRead makes the server's first read of a changed file of
// another kind than Markdown (otherFileChanged), once the file is read,
// close started and wait for release to be called; the later reads are
// not held. The test calls release before the server stops.
func holdFirstOtherRead(opt *Options) (started chan struct{}, release func()) {
	started = make(chan struct{})
	released := make(chan struct{})
	var first atomic.Bool
	var once sync.Once
	opt.onOtherRead = func() {
		// Not a sync.Once: the later reads would wait for the first.
		if first.CompareAndSwap(false, true) {
			close(started)
			<-released
		}
	}
	return started, func() { once.Do(func() { close(released) }) }
}

// notifyAside sends a notification from another goroutine and returns at
// once: while the server's read loop is held, the sender is held too,
// and the wait that follows (with its own deadline) tells. An error of
// the send shows as that wait failing.
func (c *testClient) notifyAside(method string, params any) {
	c.mu.Lock()
	c.sent++
	c.mu.Unlock()
	go func() { _ = c.conn.Notify(context.Background(), method, params) }()
}

// htmlIncludeSuffix, after seniorPage, includes the HTML file extra.html, with a
// link to the anchor #extra that the file may write.
const htmlIncludeSuffix = "\n{{% include \"includes/extra.html\" %}}\n\nSee [extra](#extra).\n"

// htmlAnchor is an HTML include that writes one anchor.
func htmlAnchor(id string) string { return "<h2 id=\"" + id + "\">Extra</h2>\n" }

// startHeldHTMLInclude writes the fixture site with senior.md including
// extra.html, which writes the anchor id, starts a server for a client
// that watches files, its first read of a changed file held
// (holdFirstOtherRead: released as the test ends, before the server
// stops), and opens the page; each of more sets other options. It
// returns the client, the site root, the page's text and URI, and the
// hold.
func startHeldHTMLInclude(t *testing.T, id string, more ...func(*Options)) (c *testClient, root, page, uri string, started chan struct{}, release func()) {
	t.Helper()
	root = fixtureSite(t)
	page = seniorPage + htmlIncludeSuffix
	writeSite(t, root, map[string]string{trackDir + "senior.md": page, "assets/includes/extra.html": htmlAnchor(id)})
	opt := serverOptions()
	started, release = holdFirstOtherRead(&opt)
	for _, f := range more {
		f(&opt)
	}
	c = startWatching(t, root, opt)
	t.Cleanup(release)
	uri = docURI(root, trackDir+"senior.md")
	c.open(uri, page)
	return c, root, page, uri, started, release
}

// TestHTMLIncludeReadBesideRequests: an HTML include that an open page
// reads, changed on disk, is read beside the editor's requests: while its
// read is held, an edit of the page is linted and published and a hover
// on the page answered; once the read is released, the page shows the
// finding of the file's new text. The file was read, up to max-file-size,
// under server.mu on the connection's read loop: every other request and
// lint waited for it.
func TestHTMLIncludeReadBesideRequests(t *testing.T) {
	c, root, page, uri, started, release := startHeldHTMLInclude(t, "extra")
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v: the include writes #extra", got)
	}
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}})
	<-started
	n := c.published(uri)
	c.notifyAside("textDocument/didChange", DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: page + "\nMore text.\n"}}})
	c.waitDiagnostics(uri, n, hasVersion(2))
	link := strings.Count(page[:strings.Index(page, "[extra]")], "\n")
	if h := c.hover(t, uri, Position{Line: link, Character: 6}); h == nil {
		t.Errorf("no hover on the link to #extra while the include's read is held")
	}
	release()
	if got := codes(c.settle(uri, 2)); !slices.Contains(got, "link-anchor") {
		t.Errorf("codes %v, want link-anchor: the include no longer writes #extra", got)
	}
}

// TestHTMLIncludeChangedWhileRead: an HTML include that an open page
// reads is changed on disk twice; the read of the first change is held,
// and the second change is linted meanwhile (the page shows its
// findings). The first read, done after it, changes nothing: when the
// file is then written back to the first text with its modification
// time (as cp -p, rsync -t or tar restore a file), the page shows that
// text's finding. Kept, the first read's record of the file would take
// that last event for a save reported twice, and the page would keep the
// findings of the second text, which the disk no longer holds.
func TestHTMLIncludeChangedWhileRead(t *testing.T) {
	c, root, _, uri, started, release := startHeldHTMLInclude(t, "gone")
	file := filepath.Join(root, "assets", "includes", "extra.html")
	event := DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}}
	if got := codes(c.settle(uri, 1)); !slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v, want link-anchor: the include does not write #extra", got)
	}
	// The first change, its read held once done.
	first := time.Now().Add(-time.Hour).Truncate(time.Second)
	writeFileAt := func(text string, mod time.Time) {
		t.Helper()
		writeSite(t, root, map[string]string{"assets/includes/extra.html": text})
		if err := os.Chtimes(file, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	writeFileAt(htmlAnchor("gone-too"), first)
	c.notifyServer("workspace/didChangeWatchedFiles", event)
	<-started
	// The second, read and linted while the first read is held.
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("extra")})
	n := c.published(uri)
	c.notifyAside("workspace/didChangeWatchedFiles", event)
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return !slices.Contains(codes(p), "link-anchor") })
	release()
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Errorf("the first read done after the second change: codes %v, want no link-anchor (the include writes #extra)", got)
	}
	// Back to the first text, with its modification time.
	writeFileAt(htmlAnchor("gone-too"), first)
	m := c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", event)
	if got := codes(c.settleAfter(m, uri, 1)); !slices.Contains(got, "link-anchor") {
		t.Errorf("written back to the first text: codes %v, want link-anchor (the include no longer writes #extra)", got)
	}
}

// receive waits for ch to be closed or to send, and fails the test when
// it is not within 20 s (a hang guard, not a measure).
func receive(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

// signalApplied makes the server close the channel it returns once it
// has applied (or dropped) what its first read of a changed file of
// another kind than Markdown found.
func signalApplied(opt *Options) <-chan struct{} {
	applied := make(chan struct{})
	var once sync.Once
	opt.onOtherApplied = func() { once.Do(func() { close(applied) }) }
	return applied
}

// TestHTMLIncludeReadAcrossConfigReload: an HTML include that an open page
// reads is changed on disk, and while its read is held the configuration
// is changed on disk and reloaded (a rule turned off). The read, done
// after the reload, is dropped (the reload lints every open page again,
// reading the file as it is); the page ends up with the findings of the
// include's new text under the new configuration, and the server reports
// itself idle.
func TestHTMLIncludeReadAcrossConfigReload(t *testing.T) {
	var applied <-chan struct{}
	c, root, _, uri, started, release := startHeldHTMLInclude(t, "extra", func(o *Options) { applied = signalApplied(o) })
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") || !slices.Contains(got, "whitespace") {
		t.Fatalf("codes %v, want whitespace and no link-anchor: the include writes #extra", got)
	}
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}})
	receive(t, started, "the include's read")
	writeSite(t, root, map[string]string{".careerlint.yaml": "rules:\n  whitespace: off\n"})
	n := c.published(uri)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, lint.ConfigFileName), Type: 2}}})
	// The reload is linted while the read is held.
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return !slices.Contains(codes(p), "whitespace") })
	m := c.idleReports()
	release()
	receive(t, applied, "the include's read applied")
	got := codes(c.settleAfter(m, uri, 1))
	if !slices.Contains(got, "link-anchor") {
		t.Errorf("codes %v, want link-anchor: the include no longer writes #extra", got)
	}
	if slices.Contains(got, "whitespace") {
		t.Errorf("codes %v, want no whitespace: the reloaded configuration turns it off", got)
	}
}

// TestSiteRunStartedWhileIncludeRead: an HTML include that only the site
// run reads is changed on disk, and while its read is held an edit of the
// open level makes the server start a site run. The read's result comes
// back while that run goes (held as it starts) or after it ended: the
// run is made again with the file as it is, the open level shows the
// finding of the include's new text, and the server reports itself idle.
func TestSiteRunStartedWhileIncludeRead(t *testing.T) {
	for _, when := range []string{"while the run goes", "after the run"} {
		t.Run(when, func(t *testing.T) {
			root, intern := navTrackSite(t)
			opt := serverOptions()
			started, release := holdFirstOtherRead(&opt)
			applied := signalApplied(&opt)
			var runs atomic.Int32
			opt.onSiteRun = func() { runs.Add(1) }
			var holdSite atomic.Bool
			siteHeld, siteRelease := make(chan struct{}), make(chan struct{})
			var siteOnce sync.Once
			releaseSite := func() { siteOnce.Do(func() { close(siteRelease) }) }
			opt.onSiteLint = func() {
				if holdSite.CompareAndSwap(true, false) {
					close(siteHeld)
					<-siteRelease
				}
			}
			c := startWatching(t, root, opt)
			t.Cleanup(release)
			t.Cleanup(releaseSite)
			uri := openNavIntern(t, c, root, intern)
			writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(navTrackBase)})
			c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/t-nav.html"), Type: 2}}})
			receive(t, started, "the include's read")
			before := runs.Load()
			n := c.published(uri)
			if when == "while the run goes" {
				holdSite.Store(true)
			}
			c.change(uri, 2, TextDocumentContentChangeEvent{Text: intern + "\nMore text.\n"})
			if when == "while the run goes" {
				receive(t, siteHeld, "the site run")
				release()
				receive(t, applied, "the include's read applied")
				releaseSite()
			} else {
				// The run reads the file as changed, and ends.
				c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool {
					return p.Version != nil && *p.Version == 2 && strings.Contains(ladderMessage(p), navReachesNo)
				})
				release()
				receive(t, applied, "the include's read applied")
			}
			if got := ladderMessage(c.settle(uri, 2)); !strings.Contains(got, navReachesNo) {
				t.Errorf("ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
			}
			// The run the edit started, and the one after the read's
			// result: no more (a server that went on running would not
			// settle either).
			if got := runs.Load() - before; got < 1 || got > 2 {
				t.Errorf("%d site runs after the edit, want 1 or 2", got)
			}
		})
	}
}

// TestSavedIncludeEventWhileReadMakesOneSiteRun: an HTML include that
// only the site run reads, open in the editor, is saved, and the client
// reports the save again as a file changed on disk before the server has
// read the file for the first report (held): the second read is applied,
// the first, done after it, is dropped, and the save makes one site run.
func TestSavedIncludeEventWhileReadMakesOneSiteRun(t *testing.T) {
	root, intern := navTrackSite(t)
	gone, track := navGoneBase, navTrackBase
	opt := serverOptions()
	started, release := holdFirstOtherRead(&opt)
	var runs atomic.Int32
	opt.onSiteRun = func() { runs.Add(1) }
	c := startWatching(t, root, opt)
	t.Cleanup(release)
	uri := openNavIntern(t, c, root, intern)
	html := docURI(root, "assets/includes/t-nav.html")
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: html, LanguageID: "html", Version: 1, Text: navHTML(gone)}})
	c.change(html, 2, TextDocumentContentChangeEvent{Text: navHTML(track)})
	writeSite(t, root, map[string]string{"assets/includes/t-nav.html": navHTML(track)})
	c.settle(uri, 1)
	before := runs.Load()
	n := c.published(uri)
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: html}})
	receive(t, started, "the first read")
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
	// The second read is applied while the first is held: its site run
	// publishes the new text's finding.
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return strings.Contains(ladderMessage(p), navReachesNo) })
	m := c.idleReports()
	release()
	if got := ladderMessage(c.settleAfter(m, uri, 1)); !strings.Contains(got, navReachesNo) {
		t.Errorf("ladder-includes on intern.md %q, want it to say intern.md's %s", got, navReachesNo)
	}
	if got := runs.Load() - before; got != 1 {
		t.Errorf("a save and its file event, both before the first read ended: %d site runs, want 1", got)
	}
}

// TestHTMLIncludeReadAfterClose: the only open page that reads an HTML
// include changed on disk is closed while the file's read is held; the
// read, done after, publishes nothing for the closed page, and the server
// reports itself idle; opened again, the page shows the finding of the
// include's new text.
func TestHTMLIncludeReadAfterClose(t *testing.T) {
	c, root, page, uri, started, release := startHeldHTMLInclude(t, "extra")
	c.settle(uri, 1)
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}})
	receive(t, started, "the include's read")
	n := c.published(uri)
	c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	m := c.idleReports()
	closed := c.published(uri)
	release()
	// Idle with the page not open (version 0: not among the open
	// documents' versions).
	c.settleAfter(m, uri, 0)
	if got := c.published(uri); got != closed {
		c.mu.Lock()
		last := c.diags[uri][got-1]
		c.mu.Unlock()
		t.Errorf("the closed page got %d publications after its close, the last %v", got-closed, codes(last))
	}
	// Opened again, it shows the finding of the include's new text.
	c.open(uri, page)
	if got := codes(c.settle(uri, 1)); !slices.Contains(got, "link-anchor") {
		t.Errorf("opened again: codes %v, want link-anchor (the include no longer writes #extra)", got)
	}
}

// TestStopWhileHTMLIncludeRead: the server is told to exit while the
// read of an HTML include changed on disk is held (after shutdown, or
// without it). Serve ends the connection, waits for the read, and
// returns once it is done, nil only after shutdown; the read, done
// after, publishes nothing.
func TestStopWhileHTMLIncludeRead(t *testing.T) {
	for _, how := range []string{"shutdown and exit", "exit"} {
		t.Run(how, func(t *testing.T) {
			var applied atomic.Bool
			c, root, _, uri, started, release := startHeldHTMLInclude(t, "extra", func(o *Options) { o.onOtherApplied = func() { applied.Store(true) } })
			c.settle(uri, 1)
			writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
			c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}})
			receive(t, started, "the include's read")
			n := c.published(uri)
			if how == "shutdown and exit" {
				if err := c.call("shutdown", nil, nil); err != nil {
					t.Fatal(err)
				}
			}
			c.notifyServer("exit", nil)
			// The server ends the connection; Serve waits for the read.
			select {
			case <-c.conn.DisconnectNotify():
			case <-time.After(20 * time.Second):
				t.Fatal("the connection did not end")
			}
			select {
			case err := <-c.served:
				c.served <- err
				t.Errorf("Serve returned (%v) while the include's read was held", err)
			default:
			}
			release()
			select {
			case err := <-c.served:
				if want := how == "shutdown and exit"; (err == nil) != want {
					t.Errorf("Serve returned %v; want nil: %v", err, want)
				}
				c.served <- err
			case <-time.After(20 * time.Second):
				t.Fatal("Serve did not return once the read was done")
			}
			if !applied.Load() {
				t.Errorf("Serve returned before the include's read was done")
			}
			if got := c.published(uri); got != n {
				t.Errorf("%d publications of the page once stopped, want none", got-n)
			}
		})
	}
}

// TestHTMLIncludeRecreatedWhileRead: an HTML include that an open page
// reads is changed on disk (its new text still writes the anchor the
// page links to), and while the read of that change is held the file is
// deleted and written again with text that does not (an editor that
// saves by writing a new file, a checkout), reported as a deletion and a
// creation: the page shows that text's finding. The held read, done
// after, changes nothing: when the file is then written back to the text
// that read found, with its modification time (as cp -p, rsync -t or tar
// restore a file), the page loses the finding. Applied, the held read's
// record of the file would take that last event for a save reported
// twice, and the page would keep the finding of a text the disk no
// longer holds.
func TestHTMLIncludeRecreatedWhileRead(t *testing.T) {
	var applied <-chan struct{}
	c, root, _, uri, started, release := startHeldHTMLInclude(t, "extra", func(o *Options) { applied = signalApplied(o) })
	file := filepath.Join(root, "assets", "includes", "extra.html")
	html := docURI(root, "assets/includes/extra.html")
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v: the include writes #extra", got)
	}
	first := time.Now().Add(-time.Hour).Truncate(time.Second)
	held := htmlAnchor("extra") + "<p>More.</p>\n"
	writeFileAt := func(text string, mod time.Time) {
		t.Helper()
		writeSite(t, root, map[string]string{"assets/includes/extra.html": text})
		if err := os.Chtimes(file, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	// The change, its read held once done.
	writeFileAt(held, first)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
	receive(t, started, "the include's read")
	// Deleted and written again, no longer writing #extra: linted while
	// the read is held.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
	n := c.published(uri)
	c.notifyAside("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 3}, {URI: html, Type: 1}}})
	c.waitDiagnostics(uri, n, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "link-anchor") })
	m := c.idleReports()
	release()
	receive(t, applied, "the include's read applied")
	if got := codes(c.settleAfter(m, uri, 1)); !slices.Contains(got, "link-anchor") {
		t.Errorf("the held read done after the file was written again: codes %v, want link-anchor (the include no longer writes #extra)", got)
	}
	// Back to the text the held read found, with its modification time.
	writeFileAt(held, first)
	m = c.idleReports()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: html, Type: 2}}})
	if got := codes(c.settleAfter(m, uri, 1)); slices.Contains(got, "link-anchor") {
		t.Errorf("written back to the text the held read found: codes %v, want no link-anchor (the include writes #extra)", got)
	}
}

// TestChangedFilesReadTwoAtATime: three HTML includes that an open page
// reads change on disk at once (a checkout); their reads, held once
// done, hold the server's two readers, and the third file is not
// read while they are held, though the server answers requests
// meanwhile. Once released, all three are read and the page shows the
// findings of their new texts. Each change was read at once, with no
// bound: as many files of up to max-file-size in memory as the
// checkout changed. (Under heavy load the third read might not have
// started by the check even without the bound; the test cannot fail
// for that reason.) The three files change again while two reads are
// held: the read of the third one's first change, moot by its turn, is
// not made (five reads, not six).
func TestChangedFilesReadTwoAtATime(t *testing.T) {
	root := fixtureSite(t)
	names := []string{"a", "b", "c"}
	page, files, changes := includesPage(root, names...)
	writeSite(t, root, files)
	var mu sync.Mutex
	inside, most, reads := 0, 0, 0
	entered := make(chan struct{}, 2*len(names))
	released := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(released) }) }
	opt := serverOptions()
	opt.onOtherRead = func() {
		mu.Lock()
		inside++
		reads++
		most = max(most, inside)
		mu.Unlock()
		entered <- struct{}{}
		<-released
		mu.Lock()
		inside--
		mu.Unlock()
	}
	c := startWatching(t, root, opt)
	t.Cleanup(release)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, page)
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v: the includes write #a, #b and #c", got)
	}
	for _, n := range names {
		files["assets/includes/"+n+".html"] = htmlAnchor(n + "-moved")
	}
	delete(files, trackDir+"senior.md")
	writeSite(t, root, files)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: changes})
	receive(t, entered, "the first read")
	receive(t, entered, "the second read")
	for _, n := range names {
		files["assets/includes/"+n+".html"] = htmlAnchor(n + "-moved-again")
	}
	writeSite(t, root, files)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: changes})
	link := strings.Count(page[:strings.Index(page, "[a]")], "\n")
	for range 3 {
		if h := c.hover(t, uri, Position{Line: link, Character: 6}); h == nil {
			t.Fatalf("no hover on the link to #a while two reads are held")
		}
	}
	mu.Lock()
	now := inside
	mu.Unlock()
	if now != 2 {
		t.Errorf("%d reads of changed files at once while two are held, want 2 (at most %d)", now, maxOtherReads)
	}
	release()
	got := c.settle(uri, 1)
	if n := strings.Count(strings.Join(codes(got), " "), "link-anchor"); n != 3 {
		t.Errorf("codes %v, want 3 link-anchor: no include writes #a, #b or #c any more", codes(got))
	}
	mu.Lock()
	defer mu.Unlock()
	if most > maxOtherReads {
		t.Errorf("%d reads of changed files at once, want at most %d", most, maxOtherReads)
	}
	if want := 2*len(names) - 1; reads != want {
		t.Errorf("%d reads of changed files, want %d: the two held, and the three files' later changes (the read of the first change of the one not held, moot by its turn, is not made)", reads, want)
	}
}

// TestManyChangedFilesStartNoGoroutineEach: a checkout changes a thousand
// include files and, in the same report, one more file a thousand times,
// while the server's reads of changed files are all held: the server
// starts far fewer goroutines than events (the changed files wait in a
// queue, one entry per file, for the readers, at most maxOtherReads), and
// once released it reads each file once and settles. It started a
// goroutine for each event, each waiting for a read slot: two thousand
// here, as many as a checkout changes files, each with its stack, for as
// long as the reads before it took.
func TestManyChangedFilesStartNoGoroutineEach(t *testing.T) {
	const n = 1000
	root := fixtureSite(t)
	page, files, held := includesPage(root, "a", "b")
	var many []FileEvent
	for i := range n {
		rel := fmt.Sprintf("assets/includes/many/f%04d.html", i)
		files[rel] = "<p>One of many.</p>\n"
		many = append(many, FileEvent{URI: docURI(root, rel), Type: 2})
	}
	files["assets/includes/many/same.html"] = "<p>Changed often.</p>\n"
	for range n {
		many = append(many, FileEvent{URI: docURI(root, "assets/includes/many/same.html"), Type: 2})
	}
	writeSite(t, root, files)
	opt := serverOptions()
	reads, entered, release := holdFirstReads(&opt)
	c := startWatching(t, root, opt)
	t.Cleanup(release)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, page)
	if got := codes(c.settle(uri, 1)); slices.Contains(got, "link-anchor") {
		t.Fatalf("codes %v: the includes write #a and #b", got)
	}
	writeSite(t, root, map[string]string{"assets/includes/a.html": htmlAnchor("a-moved"), "assets/includes/b.html": htmlAnchor("b-moved")})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: held})
	for range maxOtherReads {
		receive(t, entered, "a held read")
	}
	c.roundTrip()
	before := runtime.NumGoroutine()
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: many})
	c.roundTrip() // the report is handled
	if more := runtime.NumGoroutine() - before; more > n/10 {
		t.Errorf("%d goroutines more after %d events of %d changed files, while the reads are held; want far fewer than one per event", more, len(many), n+1)
	}
	release()
	if got := strings.Count(strings.Join(codes(c.settle(uri, 1)), " "), "link-anchor"); got != 2 {
		t.Errorf("%d link-anchor, want 2: the includes no longer write #a and #b", got)
	}
	if got, want := reads.Load(), int32(maxOtherReads+n+1); got != want {
		t.Errorf("%d reads of changed files, want %d: the two held, and each of the %d other files once", got, want, n+1)
	}
}

// includesPage returns seniorPage including an HTML include of each name
// and linking to the anchor of that name, the site's files with the page
// and those includes (each writing its anchor), and an event of each
// include changed on disk.
func includesPage(root string, names ...string) (page string, files map[string]string, changes []FileEvent) {
	page, files = seniorPage, map[string]string{}
	for _, n := range names {
		page += "\n{{% include \"includes/" + n + ".html\" %}}\n\nSee [" + n + "](#" + n + ").\n"
		files["assets/includes/"+n+".html"] = htmlAnchor(n)
		changes = append(changes, FileEvent{URI: docURI(root, "assets/includes/"+n+".html"), Type: 2})
	}
	files[trackDir+"senior.md"] = page
	return page, files, changes
}

// holdFirstReads makes the server's first maxOtherReads reads of changed
// files (every reader), once done, send on entered and wait for release
// to be called; reads counts every read. The test calls release before
// the server stops.
func holdFirstReads(opt *Options) (reads *atomic.Int32, entered chan struct{}, release func()) {
	reads = new(atomic.Int32)
	entered = make(chan struct{}, maxOtherReads)
	released := make(chan struct{})
	var once sync.Once
	opt.onOtherRead = func() {
		if reads.Add(1) <= maxOtherReads {
			entered <- struct{}{}
			<-released
		}
	}
	return reads, entered, func() { once.Do(func() { close(released) }) }
}
