package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/sourcegraph/jsonrpc2"

	"gitlab.com/careerlint/careerlint/rules"
)

// testClient drives a server through pipes as an editor would: JSON-RPC
// with Content-Length framing on both ends.
type testClient struct {
	t    *testing.T
	conn *jsonrpc2.Conn
	// served receives Serve's result once it returns.
	served chan error

	mu    sync.Mutex
	diags map[string][]PublishDiagnosticsParams // every publication, by URI
	// changed is closed, and replaced, on each message and idle report:
	// every waiter wakes.
	changed chan struct{}
	// docChanges, set before initialize, has the client say it takes a
	// workspace edit's documentChanges.
	docChanges bool
	messages   []ShowMessageParams
	regs       []RegistrationParams
	// idle are the server's reports each time it was idle with every
	// lint up to date.
	idle []idleReport
	// sent counts the notifications sent to the server.
	sent int
	// replyHold, when not nil, holds the answers to the server's
	// requests until it is closed.
	replyHold chan struct{}
}

// idleReport is an idle report: the open documents' versions, and the
// count of notifications the server had handled.
type idleReport struct {
	versions map[string]int
	handled  int
}

// pipeRW joins the two pipe ends of one side.
type pipeRW struct {
	io.Reader
	io.WriteCloser
}

func (p pipeRW) Close() error {
	if c, ok := p.Reader.(io.Closer); ok {
		c.Close()
	}
	return p.WriteCloser.Close()
}

// serverOptions are the options the command line passes.
func serverOptions() Options {
	return Options{Rules: rules.All(), LinkRules: rules.LinkRules(), SuppressionRule: rules.Suppression, Version: "test"}
}

// startServer runs a server on pipes and connects a client to it.
func startServer(t *testing.T, opt Options) *testClient {
	t.Helper()
	return startServerOut(t, opt, nil)
}

// startServerOut is startServer with the server's output passed through
// wrap (when not nil), for a test to see what the server writes as it
// writes it.
func startServerOut(t *testing.T, opt Options, wrap func(io.WriteCloser) io.WriteCloser) *testClient {
	t.Helper()
	return startServerPipes(t, opt, nil, wrap)
}

// startServerPipes is startServer with the server's input and output
// passed through wrapIn and wrapOut (when not nil).
func startServerPipes(t *testing.T, opt Options, wrapIn func(io.ReadCloser) io.ReadCloser, wrapOut func(io.WriteCloser) io.WriteCloser) *testClient {
	t.Helper()
	clientIn, pipeOut := io.Pipe()
	pipeIn, clientOut := io.Pipe()
	var serverOut io.WriteCloser = pipeOut
	if wrapOut != nil {
		serverOut = wrapOut(pipeOut)
	}
	var serverIn io.ReadCloser = pipeIn
	if wrapIn != nil {
		serverIn = wrapIn(pipeIn)
	}
	c := &testClient{t: t, served: make(chan error, 1), diags: map[string][]PublishDiagnosticsParams{}, changed: make(chan struct{})}
	opt.onIdle = func(versions map[string]int, handled int) {
		c.mu.Lock()
		c.idle = append(c.idle, idleReport{versions, handled})
		c.wake()
		c.mu.Unlock()
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { c.served <- Serve(ctx, serverIn, serverOut, opt) }()
	h := jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		switch req.Method {
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(*req.Params, &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.diags[p.URI] = append(c.diags[p.URI], p)
		case "window/showMessage":
			var p ShowMessageParams
			json.Unmarshal(*req.Params, &p)
			c.messages = append(c.messages, p)
		case "client/registerCapability":
			var p RegistrationParams
			json.Unmarshal(*req.Params, &p)
			c.regs = append(c.regs, p)
		}
		c.wake()
		return nil, nil
	})
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipeRW{clientIn, clientOut}, jsonrpc2.VSCodeObjectCodec{}), replyAside{c, h})
	t.Cleanup(func() {
		c.conn.Close()
		cancel()
		select {
		case <-c.served:
		case <-time.After(5 * time.Second):
			t.Errorf("the server did not stop")
		}
	})
	return c
}

// replyAside handles the server's notifications in order, on the
// connection's read loop, and answers its requests (the file watchers'
// registration) beside it, as an editor does: the pipes have no buffer,
// so a reply written from the read loop waits for the server to read it,
// while the server may be waiting for this loop to read a publication
// (its worker writing one, its read loop waiting for that to be sent).
type replyAside struct {
	c *testClient
	h jsonrpc2.Handler
}

func (r replyAside) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	if req.Notif {
		r.h.Handle(ctx, conn, req)
		return
	}
	go func() {
		r.c.mu.Lock()
		hold := r.c.replyHold
		r.c.mu.Unlock()
		if hold != nil {
			<-hold
		}
		r.h.Handle(ctx, conn, req)
	}()
}

// wake wakes every waiter; under c.mu.
func (c *testClient) wake() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// hover asks for the hover at a position of a document; nil when there
// is none.
func (c *testClient) hover(t *testing.T, uri string, pos Position) *Hover {
	t.Helper()
	var h *Hover
	if err := c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: pos}, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// completion asks for the completions at a position of a document.
func (c *testClient) completion(t *testing.T, uri string, pos Position) CompletionList {
	t.Helper()
	var l CompletionList
	if err := c.call("textDocument/completion", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: pos}, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// references asks for the references at a position of a document, and
// returns them as "file line:col-line:col" (root-relative, zero-based
// UTF-16 columns).
func (c *testClient) references(t *testing.T, root, uri string, pos Position, decl bool) []string {
	t.Helper()
	var locs []Location
	if err := c.call("textDocument/references", ReferenceParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, pos}, ReferenceContext{decl}}, &locs); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range locs {
		p, err := uriToPath(l.URI)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", filepath.ToSlash(rel), l.Range.Start.Line, l.Range.Start.Character, l.Range.End.Line, l.Range.End.Character))
	}
	return out
}

// cancelledReferences asks for the references at a position of a
// document and cancels the request at once ($/cancelRequest); it returns
// the request's error.
func (c *testClient) cancelledReferences(t *testing.T, uri string, pos Position) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	params := ReferenceParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, pos}, ReferenceContext{}}
	w, err := c.conn.DispatchCall(ctx, "textDocument/references", params, jsonrpc2.PickID(jsonrpc2.ID{Num: 4242}))
	if err != nil {
		t.Fatal(err)
	}
	c.notifyServer("$/cancelRequest", map[string]any{"id": 4242})
	var locs []Location
	return w.Wait(ctx, &locs)
}

// definition asks where the link, footnote reference or include at a
// position of a document leads.
func (c *testClient) definition(t *testing.T, uri string, pos Position) []Location {
	t.Helper()
	var locs []Location
	if err := c.call("textDocument/definition", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: pos}, &locs); err != nil {
		t.Fatal(err)
	}
	return locs
}

// call sends a request and decodes its result.
func (c *testClient) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *testClient) notifyServer(method string, params any) {
	c.t.Helper()
	c.mu.Lock()
	c.sent++
	c.mu.Unlock()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// initialize runs the handshake with a workspace folder.
func (c *testClient) initialize(root string, watch bool) InitializeResult {
	c.t.Helper()
	params := map[string]any{
		"processId":        nil,
		"rootUri":          pathToURI(root),
		"workspaceFolders": []WorkspaceFolder{{URI: pathToURI(root), Name: "site"}},
		"capabilities": map[string]any{
			"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": watch}, "workspaceEdit": map[string]any{"documentChanges": c.docChanges}},
		},
	}
	var res InitializeResult
	if err := c.call("initialize", params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.notifyServer("initialized", map[string]any{})
	return res
}

// open opens a document with text.
func (c *testClient) open(uri, text string) {
	c.t.Helper()
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "markdown", Version: 1, Text: text}})
}

// change sends changes of a document.
func (c *testClient) change(uri string, version int, changes ...TextDocumentContentChangeEvent) {
	c.t.Helper()
	c.notifyServer("textDocument/didChange", DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: changes})
}

// published returns how many publications a URI got so far.
func (c *testClient) published(uri string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.diags[uri])
}

// waitDiagnostics waits for a publication for uri after the first `after`
// ones that satisfies ok, and returns it.
func (c *testClient) waitDiagnostics(uri string, after int, ok func(PublishDiagnosticsParams) bool) PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		list := c.diags[uri]
		for i := after; i < len(list); i++ {
			if ok == nil || ok(list[i]) {
				c.mu.Unlock()
				return list[i]
			}
		}
		changed := c.changed
		c.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			c.mu.Lock()
			got, _ := json.MarshalIndent(c.diags[uri], "", " ")
			c.mu.Unlock()
			c.t.Fatalf("no matching diagnostics for %s; got:\n%s", uri, got)
		}
	}
}

// settle waits until the server is idle with the document open at a
// version and every lint up to date (the page rules' lint and the site
// run of the rules that compare pages), having handled every
// notification sent so far, and returns the document's last
// publication.
func (c *testClient) settle(uri string, version int) PublishDiagnosticsParams {
	c.t.Helper()
	return c.settleAfter(0, uri, version)
}

// hasVersion matches a publication of a document version.
func hasVersion(v int) func(PublishDiagnosticsParams) bool {
	return func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v }
}

// codes returns the diagnostics' codes, sorted.
func codes(p PublishDiagnosticsParams) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code)
	}
	sort.Strings(out)
	return out
}

// find returns the diagnostic with a code.
func find(t *testing.T, p PublishDiagnosticsParams, code string) Diagnostic {
	t.Helper()
	for _, d := range p.Diagnostics {
		if d.Code == code {
			return d
		}
	}
	t.Fatalf("no %s diagnostic in %+v", code, p.Diagnostics)
	return Diagnostic{}
}

// utf16Col is the UTF-16 length of a string: the protocol's column of the
// text that follows it on its line. It is computed with unicode/utf16,
// independently of the server's conversion.
func utf16Col(s string) int { return len(utf16.Encode([]rune(s))) }

// applyEdits applies protocol text edits to a text as a client does,
// converting positions with unicode/utf16 (not with the server's code).
func applyEdits(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	offset := func(p Position) int {
		off := 0
		for i := 0; i < p.Line && i < len(lines); i++ {
			off += len(lines[i])
		}
		if p.Line >= len(lines) {
			return len(text)
		}
		line := strings.TrimRight(lines[p.Line], "\r\n")
		units := utf16.Encode([]rune(line))
		if p.Character > len(units) {
			t.Fatalf("edit character %d past the end of line %d %q", p.Character, p.Line, line)
		}
		return off + len(string(utf16.Decode(units[:p.Character])))
	}
	// Apply from the end so that earlier offsets stay valid.
	sorted := append([]TextEdit{}, edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return offset(sorted[i].Range.Start) > offset(sorted[j].Range.Start) })
	for _, e := range sorted {
		s, en := offset(e.Range.Start), offset(e.Range.End)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

// writeSite writes files under root.
func writeSite(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// roundTrip sends a request and waits for its reply: the notifications
// the server sent while handling earlier messages have been read when it
// arrives.
func (c *testClient) roundTrip() {
	c.t.Helper()
	var h *Hover
	if err := c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: "file:///nonexistent.md"}}, &h); err != nil {
		c.t.Fatal(err)
	}
}

// repeats describes the publications received so far that repeat the
// previous one for their URI: the same version (or none both times) and
// the same diagnostics, which tell the editor nothing new.
func (c *testClient) repeats() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for uri, list := range c.diags {
		for i := 1; i < len(list); i++ {
			prev, _ := json.Marshal(list[i-1])
			this, _ := json.Marshal(list[i])
			if string(prev) == string(this) {
				v := "no version"
				if list[i].Version != nil {
					v = fmt.Sprintf("version %d", *list[i].Version)
				}
				out = append(out, fmt.Sprintf("%s: publication %d repeats publication %d (%s, %d diagnostics)", uri, i+1, i, v, len(list[i].Diagnostics)))
			}
		}
	}
	sort.Strings(out)
	return out
}

// idleReports returns how many idle reports the server made so far.
func (c *testClient) idleReports() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.idle)
}

// settleAfter is settle counting the idle reports from the n-th on only
// (n from idleReports before the change waited for), for a change that
// leaves the document's version as it was.
func (c *testClient) settleAfter(n int, uri string, version int) PublishDiagnosticsParams {
	c.t.Helper()
	c.mu.Lock()
	sent := c.sent
	c.mu.Unlock()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		done := c.settledLocked(n, sent, uri, version)
		changed := c.changed
		c.mu.Unlock()
		if done {
			break
		}
		select {
		case <-changed:
		case <-deadline:
			c.t.Fatalf("the server did not settle on %s version %d after idle report %d", uri, version, n)
		}
	}
	c.roundTrip()
	c.mu.Lock()
	defer c.mu.Unlock()
	list := c.diags[uri]
	if len(list) == 0 {
		c.t.Fatalf("no publication for %s", uri)
	}
	return list[len(list)-1]
}

// settled reports whether an idle report from the n-th on has the
// document open at a version, made once the server had handled every
// notification sent so far (see settleAfter).
func (c *testClient) settled(n int, uri string, version int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.settledLocked(n, c.sent, uri, version)
}

// settledLocked is settled for the first sent notifications; under c.mu.
// The server may look whether it is idle twice at one state, and a
// report of the second look may come after n was counted and before the
// server read the notification that followed: the count of
// notifications handled tells it from a report after the change.
func (c *testClient) settledLocked(n, sent int, uri string, version int) bool {
	for _, r := range c.idle[min(n, len(c.idle)):] {
		if r.handled >= sent && r.versions[uri] == version {
			return true
		}
	}
	return false
}
