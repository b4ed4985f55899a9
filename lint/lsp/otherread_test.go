package lsp

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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
// stops), and opens the page. It returns the client, the site root, the
// page's text and URI, and the hold.
func startHeldHTMLInclude(t *testing.T, id string) (c *testClient, root, page, uri string, started chan struct{}, release func()) {
	t.Helper()
	root = fixtureSite(t)
	page = seniorPage + htmlIncludeSuffix
	writeSite(t, root, map[string]string{trackDir + "senior.md": page, "assets/includes/extra.html": htmlAnchor(id)})
	opt := serverOptions()
	started, release = holdFirstOtherRead(&opt)
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
