package lsp

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// holdStop makes Serve, once it has set stopping (onStop), close stopped
// and wait for resume to be called, with the connection and the worker
// still going. The test calls resume before the server ends (a cleanup
// registered after the server started, to run before its own).
func holdStop(opt *Options) (stopped chan struct{}, resume func()) {
	stopped = make(chan struct{})
	resumed := make(chan struct{})
	var once sync.Once
	opt.onStop = func() {
		close(stopped)
		<-resumed
	}
	return stopped, func() { once.Do(func() { close(resumed) }) }
}

// waitServed waits for Serve to return (a hang guard, not a measure).
func (c *testClient) waitServed(t *testing.T) {
	t.Helper()
	select {
	case err := <-c.served:
		c.served <- err
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not return")
	}
}

// TestStopSkipsQueuedRead pins readChanged's moot check on stopping (and
// Serve's setting stopping at all): three HTML includes that an open page
// reads change on disk; two reads are held, the third file waits for its
// turn; the client sends exit (no shutdown), and once Serve is stopping
// the held reads are released. The third file is not read: Serve would
// wait for a read whose result is dropped. Without the check (or with
// stopping never set) it is read: three reads, not two.
func TestStopSkipsQueuedRead(t *testing.T) {
	root := fixtureSite(t)
	page, files, changes := includesPage(root, "a", "b", "c")
	writeSite(t, root, files)
	opt := serverOptions()
	reads, entered, release := holdFirstReads(&opt)
	stopped, resume := holdStop(&opt)
	c := startWatching(t, root, opt)
	t.Cleanup(release)
	t.Cleanup(resume)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, page)
	c.settle(uri, 1)
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: changes})
	for range maxOtherReads {
		receive(t, entered, "a held read")
	}
	c.notifyServer("exit", nil)
	receive(t, stopped, "Serve stopping")
	release()
	resume()
	c.waitServed(t)
	if got := reads.Load(); got != maxOtherReads {
		t.Errorf("%d reads of changed files, want %d: the file waiting for its turn as Serve stops is not read", got, maxOtherReads)
	}
}

// TestStopDropsReadResult pins applyOtherRead's drop on stopping: an
// HTML include that an open page reads changes on disk, and its read is
// held; the client sends exit (no shutdown: the server is still running),
// and once Serve is stopping, before its worker stops, the read is
// released. What it found queues no lint: the server reports itself idle
// without linting the page again. Without the drop the page is linted,
// and its findings published, after exit.
func TestStopDropsReadResult(t *testing.T) {
	var applied <-chan struct{}
	var stopped chan struct{}
	var resume func()
	var stopping atomic.Bool
	lints := make(chan string, 16)
	c, root, _, uri, started, release := startHeldHTMLInclude(t, "extra", func(o *Options) {
		applied = signalApplied(o)
		stopped, resume = holdStop(o)
		o.onLint = func(uri string) {
			if stopping.Load() {
				select {
				case lints <- uri:
				default:
				}
			}
		}
	})
	t.Cleanup(func() { resume() })
	c.settle(uri, 1)
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}})
	receive(t, started, "the include's read")
	n := c.published(uri)
	m := c.idleReports()
	c.notifyServer("exit", nil)
	receive(t, stopped, "Serve stopping")
	stopping.Store(true)
	release()
	receive(t, applied, "the include's read applied")
	// The read held, the server was not idle: the next report, or a
	// lint, follows the read's result.
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		idle, changed := len(c.idle) > m, c.changed
		c.mu.Unlock()
		if idle {
			break
		}
		select {
		case <-changed:
		case got := <-lints:
			t.Fatalf("%s linted after exit: the read's result, done as Serve stops, queued it", got)
		case <-deadline:
			t.Fatal("no idle report after the read's result")
		}
	}
	select {
	case got := <-lints:
		t.Errorf("%s linted after exit", got)
	default:
	}
	resume()
	c.waitServed(t)
	if got := c.published(uri); got != n {
		t.Errorf("%d publications of the page after exit, want none", got-n)
	}
}

// TestStopStartsNoRead pins otherFileChanged's early return on stopping:
// the client sends exit (no shutdown), and, while Serve is stopping with
// the connection still read, reports an HTML include that an open page
// reads changed on disk. No read is queued, and no reader started (Serve
// could be waiting for the background work already, or have returned).
// Without the return a reader starts, finds the read moot, and drops it:
// one result applied (dropped) where none is due.
func TestStopStartsNoRead(t *testing.T) {
	var applied atomic.Int32
	var stopped chan struct{}
	var resume func()
	c, root, _, uri, _, release := startHeldHTMLInclude(t, "extra", func(o *Options) {
		o.onOtherApplied = func() { applied.Add(1) }
		stopped, resume = holdStop(o)
	})
	t.Cleanup(func() { resume() })
	release() // no read is held here
	c.settle(uri, 1)
	writeSite(t, root, map[string]string{"assets/includes/extra.html": htmlAnchor("other")})
	c.notifyServer("exit", nil)
	receive(t, stopped, "Serve stopping")
	c.notifyServer("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: docURI(root, "assets/includes/extra.html"), Type: 2}}})
	c.roundTrip() // the report is handled
	resume()
	c.waitServed(t)
	if got := applied.Load(); got != 0 {
		t.Errorf("%d reads of changed files applied or dropped after a change reported as Serve stops, want none started", got)
	}
}
