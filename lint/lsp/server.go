// Package lsp is careerlint's language server: `careerlint lsp` speaks the
// Language Server Protocol over standard input and output so that an
// editor shows findings as the author types, offers the fixes as quick
// fixes, explains rules and links on hover, jumps from a link or an
// include to its target, completes anchors, URLs, refs and include paths,
// finds the links that reach a heading or a page, and renames a heading
// with the links to it.
//
// The JSON-RPC framing is github.com/sourcegraph/jsonrpc2; the protocol
// types are the small subset of the specification the server uses
// (protocol.go). Every lint is a lint.Run with the unsaved text of every
// open document as overlay: the page being edited with the page rules on
// each change, and the whole site with the rules that compare pages when
// the editor is idle (site.go).
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"gitlab.com/careerlint/careerlint/lint"
)

// Options configure a server.
type Options struct {
	// Rules are every rule (the registry): the career pages get them all,
	// and configuration files are checked against them.
	Rules []*lint.Rule
	// LinkRules are the rules run on Markdown pages of the content root
	// that are not career pages (what `careerlint links` runs).
	LinkRules []*lint.Rule
	// SuppressionRule reports malformed and unused inline suppressions.
	SuppressionRule *lint.Rule
	// Version is the server version reported to the client.
	Version string
	// Debounce is how long the server waits after a change before it
	// lints, so that a burst of keystrokes is linted once; 0 means
	// DefaultDebounce.
	Debounce time.Duration
	// Log receives the server's own log (the editor's log of the server's
	// standard error); nil discards it.
	Log io.Writer
	// PrewarmHandbook has the server read a site's whole handbook for
	// references and rename in the background, once the editor is idle
	// after the first site run, so that the first such request does not
	// wait for it (see server.prewarmHandbook).
	PrewarmHandbook bool

	// onIdle, for tests, is called when every lint is done and up to date,
	// with the versions of the open documents and the count of
	// notifications handled before: a test waits for a report that
	// counts the notifications it sent, so that a report made before the
	// server read its last change (the server looks more than once at
	// one state) is not taken for one after it.
	onIdle func(versions map[string]int, handled int)
	// onLint, for tests, is called with a document's URI as it is linted.
	onLint func(uri string)
	// onHandbook, for tests, is called with a request's context before a
	// references or rename request (or the read ahead) reads the handbook
	// of the site at root.
	onHandbook func(ctx context.Context, root string)
	// onHandbookRead, for tests, is called once a references or rename
	// request has the handbook's index: whole is set when it read every
	// page, pages are the pages it read again otherwise.
	onHandbookRead func(whole bool, pages []string)
	// onHandbookKept, for tests, is called as handbookFor returns the
	// index it read, kept or not.
	onHandbookKept func()
	// wholeHandbook, for tests, makes each references or rename request
	// read the whole handbook, as if no index were kept.
	wholeHandbook bool
	// onSiteRun, for tests, is called as a site run ends, before its
	// result is kept or dropped.
	onSiteRun func()
	// onSiteLint, for tests, is called as a lint of every career page of
	// a site starts (a site run's, or a run over the whole site for the
	// configuration file).
	onSiteLint func()
	// siteLintErr, for tests, is called as onSiteLint is; an error it
	// returns fails that lint, as an error of the run would.
	siteLintErr func() error
	// onCheckIdle, for tests, is called as the server looks whether it is
	// idle, before it takes server.mu.
	onCheckIdle func()
	// onConnect, for tests, is called in Serve once the connection reads
	// messages, before Serve records it.
	onConnect func()
	// onOtherRead, for tests, is called once a changed file of another
	// kind than Markdown has been read (otherFileChanged), outside
	// server.mu on one of the readers (at most maxOtherReads), before
	// what its text tells is applied.
	onOtherRead func()
	// onOtherApplied, for tests, is called once what such a read found
	// was applied or dropped, outside server.mu.
	onOtherApplied func()
	// onStop, for tests, is called in Serve once it has set stopping,
	// before it closes the connection, stops the worker and waits for
	// the background work.
	onStop func()
}

// DefaultDebounce is the wait after a change before linting.
const DefaultDebounce = 10 * time.Millisecond

// ErrNoShutdown is returned by Serve when the connection ended without a
// shutdown request first (the client went away, or sent exit early); the
// protocol asks the server to exit with code 1 then.
var ErrNoShutdown = errors.New("the connection ended without a shutdown request")

// Serve runs a language server on the given streams until the client sends
// exit or closes the input. It returns nil after a shutdown request
// followed by exit, ErrNoShutdown otherwise.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opt Options) error {
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	s := newServer(opt, log.New(logw, "careerlint lsp: ", log.LstdFlags))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream := newStream(stdio{in, out}, s.log)
	conn := jsonrpc2.NewConn(ctx, stream, s, jsonrpc2.SetLogger(s.log))
	if s.opt.onConnect != nil {
		s.opt.onConnect()
	}
	s.mu.Lock()
	s.conn = conn
	s.serveCtx = ctx
	s.mu.Unlock()
	go s.worker(ctx)
	select {
	case <-conn.DisconnectNotify():
	case <-s.exit:
	case <-ctx.Done():
	}
	// Stopping before anything stops: a change that the read loop still
	// handles (read before the connection closes) starts no read
	// (otherFileChanged), a read waiting for its turn is not made
	// (readChanged), and a read that ends now queues no lint
	// (applyOtherRead), which the worker would make as the connection
	// ends. Set after the worker stopped instead, it would change nothing
	// that shows: what a read queued then is never linted.
	s.mu.Lock()
	s.stopping = true
	s.mu.Unlock()
	if s.opt.onStop != nil {
		s.opt.onStop()
	}
	conn.Close() // ErrClosed when the client closed it
	cancel()
	<-s.workerDone
	s.background.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == stateShutDown && s.exited {
		return nil
	}
	return ErrNoShutdown
}

// stdio joins an input and an output stream into the connection the
// JSON-RPC layer reads and writes.
type stdio struct {
	in  io.Reader
	out io.Writer
}

func (s stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s stdio) Write(p []byte) (int, error) { return s.out.Write(p) }

func (s stdio) Close() error {
	var err error
	if c, ok := s.in.(io.Closer); ok {
		err = c.Close()
	}
	if c, ok := s.out.(io.Closer); ok {
		if e := c.Close(); err == nil {
			err = e
		}
	}
	return err
}

type serverState int

const (
	stateNew serverState = iota
	stateRunning
	stateShutDown
)

// server is one connection's state. mu guards every field below it; lint
// runs happen outside mu on snapshots.
type server struct {
	opt        Options
	log        *log.Logger
	exit       chan struct{}
	kick       chan struct{}
	workerDone chan struct{}

	mu     sync.Mutex
	conn   *jsonrpc2.Conn
	state  serverState
	exited bool
	// folders are the workspace folders' paths, in the client's order.
	folders []string
	// watchDynamic is true when the client can watch files for the
	// server (client/registerCapability of didChangeWatchedFiles).
	watchDynamic bool
	// docChanges is true when the client takes a workspace edit's
	// documentChanges (versioned: see server.versioned).
	docChanges atomic.Bool
	docs       map[string]*document // by URI as the client wrote it
	workspaces map[string]*workspace
	// gen counts every change of anything a lint reads (a document, a
	// configuration, a file on disk): an analysis is current while gen is
	// unchanged.
	gen uint64
	// pending are the URIs to lint once the debounce timer fires, in the
	// order they were queued.
	pending      map[string]bool
	pendingOrder []string
	// linting is true while the worker lints and publishes what it took
	// from pending: the server is not idle then, though nothing is
	// pending.
	linting bool
	timer   *time.Timer
	// handled counts the notifications handled, for onIdle.
	handled int
	// background counts the site runs and the readers of changed files
	// (readChanged) in progress.
	background sync.WaitGroup
	// serveCtx is Serve's context, which ends as the server stops: the
	// background reads of the handbook derive theirs from it.
	serveCtx context.Context
	// reads counts the reads of changed files queued or in progress: the
	// server is not idle while one waits or goes.
	reads int
	// stopping is set as Serve ends, before it stops the worker and
	// waits for background: no read of a changed file starts or applies
	// then.
	stopping bool
	// readQueue are the changed files of another kind than Markdown
	// waiting for their read (otherFileChanged), in the order of their
	// first change since their last read; queuedReads holds the newest
	// change of each. A file changed again while it waits keeps its
	// place, and is read once: the queue holds at most one entry per
	// file, whatever the count of events.
	readQueue   []readKey
	queuedReads map[readKey]queuedRead
	// readWorkers counts the goroutines that read the queued files
	// (readChanged): at most maxOtherReads.
	readWorkers int

	// sendMu keeps publications in the order they were made, and guards
	// sent.
	sendMu sync.Mutex
	// sent is the last publication sent for each file, by path (by URI
	// for a URI that names no file): a publication that would repeat it
	// is not sent (see sendLocked). A closed document keeps its entry,
	// the clear sent on close, so that a configuration file closed and
	// reloaded without problems is not cleared twice: one small entry
	// per file ever published.
	sent map[string]sentDigest

	// refsMu runs one references request at a time: each reads the whole
	// handbook (references).
	refsMu sync.Mutex

	// reqMu guards cancels: the cancel function of each request in
	// progress, by its ID (cancelRequest).
	reqMu   sync.Mutex
	cancels map[string]context.CancelFunc
}

func newServer(opt Options, logger *log.Logger) *server {
	return &server{
		opt:        opt,
		log:        logger,
		exit:       make(chan struct{}),
		kick:       make(chan struct{}, 1),
		workerDone: make(chan struct{}),
		docs:       map[string]*document{},
		workspaces: map[string]*workspace{},
		pending:    map[string]bool{},
		sent:       map[string]sentDigest{},
		cancels:    map[string]context.CancelFunc{},

		queuedReads: map[readKey]queuedRead{},
	}
}

// maxOtherReads is how many changed files of another kind than Markdown
// (otherFileChanged) the server reads at once, each up to max-file-size.
const maxOtherReads = 2

// Handle dispatches one message. It runs on the connection's read loop,
// so messages are taken in order: notifications change the state at once,
// and a request snapshots the state it needs before the slow part runs on
// its own goroutine (a lint never holds up the next keystroke).
func (s *server) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	s.mu.Lock()
	if s.conn == nil {
		// The connection reads messages as soon as it is made, before
		// Serve records it: initialized asks the client to watch files
		// on it.
		s.conn = conn
	}
	s.mu.Unlock()
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	if req.Method == invalidMethod {
		// A body that was no JSON-RPC message (see codec): logged, and
		// answered when it had an id.
		var p struct{ Error string }
		_ = json.Unmarshal(params, &p)
		s.log.Printf("ignored a message: %s", p.Error)
		if !req.Notif {
			s.replyError(ctx, conn, req.ID, codeInvalidRequest, p.Error)
		}
		return
	}
	if req.Notif {
		s.notification(ctx, req.Method, params)
		if s.opt.onIdle != nil {
			// Counted once handled; the worker is woken to report the
			// server idle with this count, unless a lint is queued (it
			// will).
			s.mu.Lock()
			s.handled++
			if s.state == stateRunning && len(s.pending) == 0 {
				s.fire()
			}
			s.mu.Unlock()
		}
		return
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case req.Method == "initialize":
		if state != stateNew {
			s.replyError(ctx, conn, req.ID, codeInvalidRequest, "initialize was already received")
			return
		}
		res, err := s.initialize(params)
		s.reply(ctx, conn, req.ID, res, err)
		return
	case state == stateNew:
		s.replyError(ctx, conn, req.ID, codeServerNotInitialized, "the server is not initialized; send initialize first")
		return
	case state == stateShutDown:
		s.replyError(ctx, conn, req.ID, codeInvalidRequest, "the server is shut down; only exit is accepted")
		return
	case req.Method == "shutdown":
		s.shutdown()
		s.reply(ctx, conn, req.ID, nil, nil)
		return
	}
	// work runs on the request's own context, which $/cancelRequest
	// cancels (cancelRequest).
	var work func(ctx context.Context) (any, error)
	switch req.Method {
	case "textDocument/codeAction":
		var p CodeActionParams
		if !s.decode(ctx, conn, req.ID, params, &p) {
			return
		}
		snap, ok := s.snapshot(p.TextDocument.URI)
		readers := s.readerSnapshots(p.TextDocument.URI)
		work = func(ctx context.Context) (any, error) {
			if !ok {
				return []CodeAction{}, nil
			}
			return s.codeActions(ctx, snap, readers, p)
		}
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if !s.decode(ctx, conn, req.ID, params, &p) || !s.validPosition(ctx, conn, req.ID, p.Position) {
			return
		}
		snap, ok := s.snapshot(p.TextDocument.URI)
		readers := s.readerSnapshots(p.TextDocument.URI)
		work = func(ctx context.Context) (any, error) {
			if !ok {
				return nil, nil
			}
			return s.hover(ctx, snap, readers, p.Position), nil
		}
	case "textDocument/definition":
		var ok bool
		if work, ok = s.atPosition(ctx, conn, req.ID, params, nil, func(ctx context.Context, snap snapshot, pos Position) any {
			return s.definition(ctx, snap, pos)
		}); !ok {
			return
		}
	case "textDocument/references":
		var ok bool
		if work, ok = atPositionOf(s, ctx, conn, req.ID, params, func() (any, error) { return []Location{}, nil }, func(ctx context.Context, snap snapshot, p ReferenceParams) (any, error) {
			return s.references(ctx, snap, p.Position, p.Context.IncludeDeclaration), nil
		}); !ok {
			return
		}
	case "textDocument/prepareRename":
		var ok bool
		if work, ok = s.atPosition(ctx, conn, req.ID, params, nil, func(ctx context.Context, snap snapshot, pos Position) any {
			if r := s.prepareRename(ctx, snap, pos); r != nil {
				return r
			}
			return nil
		}); !ok {
			return
		}
	case "textDocument/rename":
		var ok bool
		if work, ok = atPositionOf(s, ctx, conn, req.ID, params, func() (any, error) { return nil, errors.New("the document is not open") }, func(ctx context.Context, snap snapshot, p RenameParams) (any, error) {
			return s.rename(ctx, snap, p.Position, p.NewName)
		}); !ok {
			return
		}
	case "textDocument/completion":
		var ok bool
		if work, ok = s.atPosition(ctx, conn, req.ID, params, CompletionList{Items: []CompletionItem{}}, func(ctx context.Context, snap snapshot, pos Position) any {
			return s.completion(ctx, snap, pos)
		}); !ok {
			return
		}
	default:
		s.replyError(ctx, conn, req.ID, jsonrpc2.CodeMethodNotFound, fmt.Sprintf("careerlint does not handle %s", req.Method))
		return
	}
	rctx, cancel := context.WithCancel(ctx)
	key := req.ID.String()
	s.reqMu.Lock()
	s.cancels[key] = cancel
	s.reqMu.Unlock()
	go func() {
		res, err := work(rctx)
		s.reqMu.Lock()
		delete(s.cancels, key)
		s.reqMu.Unlock()
		if rctx.Err() != nil {
			// Cancelled: what was worked out may be partial.
			s.replyError(ctx, conn, req.ID, codeRequestCancelled, "the request was cancelled")
		} else {
			s.reply(ctx, conn, req.ID, res, err)
		}
		cancel()
	}()
}

// cancelRequest cancels the context of a request in progress, for
// $/cancelRequest: its work stops where it next looks (a lint stops
// reading files), and it is answered with RequestCancelled. A request
// already answered, or unknown, is passed over.
func (s *server) cancelRequest(params json.RawMessage) {
	var p struct {
		ID jsonrpc2.ID `json:"id"`
	}
	if json.Unmarshal(params, &p) != nil {
		return
	}
	s.reqMu.Lock()
	cancel := s.cancels[p.ID.String()]
	s.reqMu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// atPosition decodes the params of a request about a position of a
// document, and returns the request's work: fn on the document's snapshot
// as it is now, or none when the document is not open. ok is false when
// the params are refused (the error is replied).
func (s *server) atPosition(ctx context.Context, conn *jsonrpc2.Conn, id jsonrpc2.ID, params json.RawMessage, none any, fn func(ctx context.Context, snap snapshot, pos Position) any) (work func(ctx context.Context) (any, error), ok bool) {
	return atPositionOf(s, ctx, conn, id, params, func() (any, error) { return none, nil }, func(ctx context.Context, snap snapshot, p TextDocumentPositionParams) (any, error) {
		return fn(ctx, snap, p.Position), nil
	})
}

// positioned is the params of a request about a position of a document:
// TextDocumentPositionParams, or params that embed them.
type positioned interface {
	position() TextDocumentPositionParams
}

func (p TextDocumentPositionParams) position() TextDocumentPositionParams { return p }

// atPositionOf is atPosition for params of type P: the request's work is
// fn on the document's snapshot as it is now and the params, or none's
// answer when the document is not open.
func atPositionOf[P positioned](s *server, ctx context.Context, conn *jsonrpc2.Conn, id jsonrpc2.ID, params json.RawMessage, none func() (any, error), fn func(ctx context.Context, snap snapshot, p P) (any, error)) (work func(ctx context.Context) (any, error), ok bool) {
	var p P
	if !s.decode(ctx, conn, id, params, &p) || !s.validPosition(ctx, conn, id, p.position().Position) {
		return nil, false
	}
	snap, open := s.snapshot(p.position().TextDocument.URI)
	return func(ctx context.Context) (any, error) {
		if !open {
			return none()
		}
		return fn(ctx, snap, p)
	}, true
}

// decode unmarshals a request's params into v, replying an invalid-params
// error when they do not fit; it reports whether they did.
func (s *server) decode(ctx context.Context, conn *jsonrpc2.Conn, id jsonrpc2.ID, params json.RawMessage, v any) bool {
	if err := json.Unmarshal(params, v); err != nil {
		s.replyError(ctx, conn, id, jsonrpc2.CodeInvalidParams, err.Error())
		return false
	}
	return true
}

// validPosition replies an invalid-params error for a negative position
// (the protocol's positions are unsigned) and reports whether it is valid.
func (s *server) validPosition(ctx context.Context, conn *jsonrpc2.Conn, id jsonrpc2.ID, p Position) bool {
	if p.Line < 0 || p.Character < 0 {
		s.replyError(ctx, conn, id, jsonrpc2.CodeInvalidParams, fmt.Sprintf("position %d:%d is negative", p.Line, p.Character))
		return false
	}
	return true
}

func (s *server) reply(ctx context.Context, conn *jsonrpc2.Conn, id jsonrpc2.ID, res any, err error) {
	if err != nil {
		var rpcErr *jsonrpc2.Error
		if errors.As(err, &rpcErr) {
			s.replyError(ctx, conn, id, rpcErr.Code, rpcErr.Message)
			return
		}
		s.replyError(ctx, conn, id, codeRequestFailed, err.Error())
		return
	}
	if err := conn.Reply(ctx, id, res); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("cannot reply: %v", err)
	}
}

func (s *server) replyError(ctx context.Context, conn *jsonrpc2.Conn, id jsonrpc2.ID, code int64, msg string) {
	if err := conn.ReplyWithError(ctx, id, &jsonrpc2.Error{Code: code, Message: msg}); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("cannot reply: %v", err)
	}
}

// notification handles a message that gets no reply.
func (s *server) notification(ctx context.Context, method string, params json.RawMessage) {
	if method == "exit" {
		s.mu.Lock()
		if !s.exited {
			s.exited = true
			close(s.exit)
		}
		s.mu.Unlock()
		return
	}
	s.mu.Lock()
	running := s.state == stateRunning
	s.mu.Unlock()
	if !running {
		return // before initialize and after shutdown, notifications are dropped
	}
	var err error
	switch method {
	case "$/cancelRequest":
		s.cancelRequest(params)
	case "initialized":
		s.initialized(ctx)
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			err = s.didOpen(p)
		}
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.didChange(p)
		}
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.didSave(p)
		}
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.didClose(p)
		}
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.didChangeWatchedFiles(p)
		}
	}
	if err != nil {
		s.log.Printf("%s: %v", method, err)
	}
}

// initialize records the workspace folders and the client's abilities
// and returns what the server offers.
func (s *server) initialize(params json.RawMessage) (*InitializeResult, error) {
	var p InitializeParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: err.Error()}
	}
	var folders []string
	for _, f := range p.WorkspaceFolders {
		if dir, err := uriToPath(f.URI); err == nil {
			folders = append(folders, dir)
		}
	}
	if len(folders) == 0 && p.RootURI != nil {
		if dir, err := uriToPath(*p.RootURI); err == nil {
			folders = append(folders, dir)
		}
	}
	if len(folders) == 0 && p.RootPath != nil && *p.RootPath != "" {
		folders = append(folders, *p.RootPath)
	}
	s.mu.Lock()
	s.folders = folders
	s.watchDynamic = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.docChanges.Store(p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges)
	s.state = stateRunning
	s.mu.Unlock()
	return &InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   "utf-16",
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: 2, Save: SaveOptions{}},
			HoverProvider:      true,
			DefinitionProvider: true,
			ReferencesProvider: true,
			RenameProvider:     RenameOptions{PrepareProvider: true},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{KindQuickFix, KindFixAll}},
			CompletionProvider: CompletionOptions{TriggerCharacters: []string{"#", "/", "\""}},
		},
		ServerInfo: ServerInfo{Name: "careerlint", Version: s.opt.Version},
	}, nil
}

// initialized asks a client that can watch files to report changes of
// configuration files and Markdown pages, so that a configuration edited
// outside the editor is reloaded and links to pages created or deleted on
// disk are checked again.
func (s *server) initialized(ctx context.Context) {
	s.mu.Lock()
	dynamic, conn := s.watchDynamic, s.conn
	s.mu.Unlock()
	if !dynamic || conn == nil {
		return
	}
	reg := RegistrationParams{Registrations: []Registration{{
		ID:     "careerlint-watch",
		Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: DidChangeWatchedFilesRegistrationOptions{Watchers: []FileSystemWatcher{
			{GlobPattern: "**/" + lint.ConfigFileName},
			{GlobPattern: "**/*.md"},
			// The site's Hugo configuration (lint.LoadHugoConfig).
			{GlobPattern: "**/{hugo,config}.{toml,yaml,yml,json}"},
			{GlobPattern: "**/config/**/*.{toml,yaml,yml,json}"},
			// The site root's .gitignore, which leaves pages out of the
			// walks (the other levels of a track, the includers).
			{GlobPattern: "**/.gitignore"},
			// Any file or folder created or deleted: a folder of pages
			// or includes deleted or moved is one event for the folder
			// (editors report no event for the files in it), and a link
			// may lead to a file that is no page (an image). And any file
			// changed: a page may include a file that is no Markdown (an
			// HTML file).
			{GlobPattern: "**/*", Kind: WatchCreate | WatchChange | WatchDelete},
		}},
	}}}
	// The reply comes through the read loop this runs on: wait for it
	// elsewhere.
	go func() {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := conn.Call(ctx, "client/registerCapability", reg, nil); err != nil {
			s.log.Printf("the client did not register the file watchers: %v", err)
		}
	}()
}

// shutdown stops linting; the documents stay until exit.
func (s *server) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = stateShutDown
	if s.timer != nil {
		s.timer.Stop()
	}
	clear(s.pending)
	s.pendingOrder = nil
	s.cancelSites()
}

// showMessage tells the user something through the editor.
func (s *server) showMessage(typ int, msg string) {
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn == nil {
		return
	}
	if err := conn.Notify(context.Background(), "window/showMessage", ShowMessageParams{Type: typ, Message: msg}); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("cannot show message: %v", err)
	}
}
