package lsp

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"gitlab.com/careerlint/careerlint/lint"
)

// snapshot is what one lint reads: a document's text at one version and
// the unsaved text of every open document of its site, taken under
// server.mu so that the lint itself runs without it.
type snapshot struct {
	doc     *document
	ws      *workspace
	cfg     *lint.Config
	version int
	gen     uint64
	text    []byte
	// overlay maps the root-relative path of each open document of the
	// site to its text.
	overlay map[string][]byte
	// uris maps the same paths to the URIs the client uses for them, and
	// versions to their versions.
	uris     map[string]string
	versions map[string]int
	// outOfStep holds the URIs of the open documents whose editor text
	// the lints do not read: one a change did not fit (stale), and one
	// that stands for no file (read from the disk). An edit of one would
	// be placed by another text than the editor's (see server.versioned).
	outOfStep map[string]bool
}

// pagesIncluding is the lint.RunOptions.PagesIncluding of the snapshot's
// lints: the workspace's, kept until files change.
func (snap snapshot) pagesIncluding(ctx context.Context, includes []string) ([]string, error) {
	return snap.ws.pagesNaming(ctx, snap.cfg, includes)
}

// snapshot takes a snapshot of an open document; ok is false when the
// document is not open, or its text is not the editor's (stale): a code
// action, hover or definition from it would name the wrong places (a
// "fix all" on save would edit other lines than its findings').
func (s *server) snapshot(uri string) (snapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || d.stale {
		return snapshot{}, false
	}
	return s.snapshotLocked(d), true
}

func (s *server) snapshotLocked(d *document) snapshot {
	snap := snapshot{doc: d, ws: d.ws, cfg: d.ws.cfg, version: d.version, gen: s.gen, text: d.text,
		overlay: map[string][]byte{}, uris: map[string]string{}, versions: map[string]int{}, outOfStep: map[string]bool{}}
	for _, o := range s.docs {
		if o.ws == d.ws && o.isMarkdown() {
			if standsForFile(o) {
				snap.overlay[o.rel] = o.text
			}
			if o.stale || !standsForFile(o) {
				snap.outOfStep[o.uri] = true
			}
			snap.uris[o.rel] = o.uri
			snap.versions[o.rel] = o.version
		}
	}
	return snap
}

// standsForFile reports whether an open document's text stands for its
// file in the lints (their overlay): not for a file the command line
// reads no text from, a page of the content folder reached through a
// symlink (Hugo publishes none: file-format reports it, and the links to
// its URL are broken) or a file that a symlink leads out of the site root
// (an include of it is refused). The lints then read the disk, as the
// command line does, whatever the editor holds. Under server.mu; it asks
// the disk once for each folder of the way.
func standsForFile(d *document) bool {
	if lint.SymlinkedContent(d.ws.root, d.ws.cfg, d.rel) {
		return false
	}
	real, err := filepath.EvalSymlinks(d.path)
	if err != nil {
		return true // not on disk (a new file): its text is all there is
	}
	root, err := filepath.EvalSymlinks(d.ws.root)
	return err != nil || within(root, real)
}

// analysis is the lint of one snapshot.
type analysis struct {
	snap snapshot
	// opt is the run, kept to compute "fix all" with the same options.
	opt lint.RunOptions
	// res is nil when the document is not linted (not Markdown) or the
	// run failed.
	res *lint.Result
	// page is the document's page in res, nil when the run has none (an
	// ignored file).
	page *lint.Page
	deps map[string]bool
	// includers is, for an include file, the lint of the career pages
	// that include it: what the file renders wrong on them. Nil when there
	// are none.
	includers *analysis
}

// holds reports whether a is the lint of an include file that linted the
// page rel among the career pages that include the file (lintIncluders):
// the page's findings in the file are among its own, judged against every
// page that pastes the file, where the page's own lint judges the file on
// that page alone (list-marker finds a fix of a list inside the file
// harmless there, which joins two lists where another page pastes the
// file inside a list item, and the command line withholds).
func (a *analysis) holds(rel string) bool {
	return a != nil && a.includers != nil && a.includers.res.Site.Page(rel) != nil
}

// withIncluders returns the analysis and the lint of its includers, the
// lints whose findings and fixes in the document are its own.
func (a *analysis) withIncluders() []*analysis {
	if a.includers != nil {
		return []*analysis{a, a.includers}
	}
	return []*analysis{a}
}

// pageKind is what careerlint checks in a document.
type pageKind int

const (
	// kindNone: not a Markdown page careerlint reads.
	kindNone pageKind = iota
	// kindOther: Markdown outside the content root (an included file):
	// no rules of its own; its findings come from the pages that include
	// it (lintIncluders, and the lints of open pages), and hover and
	// definition work in it.
	kindOther
	// kindContent: a Markdown page of the content root that is not a
	// career page: the link rules, as `careerlint links` runs them.
	kindContent
	// kindCareer: a career page (the configuration's pages globs): every
	// rule.
	kindCareer
)

func classify(d *document, cfg *lint.Config) pageKind {
	if !d.isMarkdown() || d.rel == "" || strings.HasPrefix(d.rel, "../") {
		return kindNone
	}
	switch cfg.Classify(d.rel) {
	case lint.CareerPage:
		return kindCareer
	case lint.ContentPage:
		return kindContent
	}
	return kindOther
}

// runOptions returns the lint run of a snapshot: the document alone, with
// every open document's text, and the rules that look at one page (the
// rules that compare pages run over the whole site, see siteRun).
func (s *server) runOptions(snap snapshot, kind pageKind) lint.RunOptions {
	opt := lint.RunOptions{Root: snap.ws.root, Config: snap.cfg, Paths: []string{snap.doc.path},
		Overlay: snap.overlay, KnownRules: s.opt.Rules, URLCache: snap.ws.urls, PagesIncluding: snap.pagesIncluding}
	if _, ok := snap.overlay[snap.doc.rel]; !ok {
		if _, err := os.Lstat(snap.doc.path); errors.Is(err, fs.ErrNotExist) {
			// A new page in a symlinked folder of the content folder
			// (standsForFile) is no page either: file-format says why,
			// with no file on disk.
			opt.Unread = map[string]bool{snap.doc.rel: true}
		}
	}
	switch kind {
	case kindCareer:
		opt.Rules, opt.SuppressionRule = pageRules(s.opt.Rules), s.opt.SuppressionRule
		// The rules that compare pages run over the whole site (siteRun),
		// their findings published with this run's.
		opt.Checked = siteRules(s.opt.Rules, snap.cfg)
	case kindContent:
		opt.Rules, opt.SuppressionRule = pageRules(s.opt.LinkRules), s.opt.SuppressionRule
	}
	return opt
}

// pageRules returns the rules that check one page at a time.
func pageRules(rules []*lint.Rule) []*lint.Rule {
	var out []*lint.Rule
	for _, r := range rules {
		if r.CheckPage != nil {
			out = append(out, r)
		}
	}
	return out
}

// analyze returns the lint of a snapshot, run once per snapshot
// generation: a code action or hover right after the lint that published
// the diagnostics reuses it.
func (s *server) analyze(ctx context.Context, snap snapshot) *analysis {
	d := snap.doc
	d.amu.Lock()
	defer d.amu.Unlock()
	if d.last != nil && d.last.snap.gen == snap.gen {
		return d.last
	}
	// The analysis is kept for every request about this text: a request
	// cancelled meanwhile ($/cancelRequest) does not cut it short.
	a := s.run(context.WithoutCancel(ctx), snap)
	if d.last == nil || d.last.snap.gen < snap.gen {
		d.last = a
	}
	return a
}

func (s *server) run(ctx context.Context, snap snapshot) *analysis {
	a := &analysis{snap: snap, deps: map[string]bool{}}
	kind := classify(snap.doc, snap.cfg)
	if kind == kindNone {
		return a
	}
	a.opt = s.runOptions(snap, kind)
	res, err := lint.Run(ctx, a.opt)
	if err != nil {
		s.log.Printf("lint %s: %v", snap.doc.rel, err)
		return a
	}
	a.res = res
	a.page = res.Site.Page(snap.doc.rel)
	if kind == kindOther {
		s.lintIncluders(ctx, snap, a)
	}
	if res.Site.ReadOtherPages() || a.includers != nil && a.includers.res.Site.ReadOtherPages() {
		// A list fix in an included file is withheld when another page
		// pastes the file next to a list: every open page may add or drop
		// such an include in its unsaved text.
		for rel := range snap.overlay {
			if k := snap.cfg.Classify(rel); rel != snap.doc.rel && (k == lint.CareerPage || k == lint.ContentPage) {
				a.deps[rel] = true
			}
		}
	}
	if a.page != nil {
		for _, inc := range res.Site.IncludedFiles() {
			a.deps[inc.Page.Path] = true
		}
		linkDeps(res.Site, a.page, "", a.deps)
	}
	if a.includers != nil {
		// The file's links are checked on the pages that include it (a
		// file the ignore globs leave out is no page of the run: a.page
		// is nil).
		for _, p := range a.includers.res.Site.Pages {
			linkDeps(a.includers.res.Site, p, snap.doc.rel, a.deps)
		}
		// And its text is rendered there beside the pages' other included
		// files: their headings are the anchors of its links to the page
		// and share its duplicate counter.
		for _, inc := range a.includers.res.Site.IncludedFiles() {
			if inc.Page.Path != snap.doc.rel {
				a.deps[inc.Page.Path] = true
			}
		}
	}
	return a
}

// linkDeps adds to deps the pages the links rendered on page p lead to
// (only those written in file, when it is not ""), and for a link with a
// fragment the files its target includes.
func linkDeps(site *lint.Site, p *lint.Page, file string, deps map[string]bool) {
	for _, cl := range site.CheckedLinks(p) {
		if file != "" && cl.Link.Span.File != file {
			continue
		}
		if cl.Check.Target != "" {
			deps[cl.Check.Target] = true
			if cl.Check.Dest.HasFragment && cl.Check.Target != p.Path {
				// The target's anchors include the headings of the
				// files it includes.
				targetIncludes(site, cl.Check.Target, deps)
			}
		}
	}
}

// targetIncludes adds to deps the files a link target includes, directly
// or through one another, as its anchors are read (with includes
// expanded): an edit of a heading there lints the linking page again.
func targetIncludes(site *lint.Site, target string, deps map[string]bool) {
	p := site.Target(target)
	if p == nil {
		return
	}
	seen := map[string]bool{}
	var walk func(p *lint.Page)
	walk = func(p *lint.Page) {
		for _, inc := range p.Includes {
			it := site.ResolveInclude(inc.Target)
			if it.Path == "" || seen[it.Path] {
				continue
			}
			seen[it.Path] = true
			deps[it.Path] = true
			if it.Page != nil {
				walk(it.Page)
			}
		}
	}
	walk(p)
}

// lintIncluders lints, for an include file, the career pages that include
// it, with the page rules, as --pages-only does for an include file: those
// on disk, and the open ones with their unsaved text. An include opened
// alone shows what it renders wrong without its pages open, and since
// the run holds every page that includes it, its suppressions are judged
// (a page's own lint, over one of them, leaves that to this run). Those
// pages are dependencies of the analysis (an edit of one lints the file
// again).
func (s *server) lintIncluders(ctx context.Context, snap snapshot, a *analysis) {
	// The file, and the open include files that include it in their
	// unsaved text, directly or through one another: the pages that
	// include one of those include the file too. They are dependencies:
	// an edit that drops the include lints the file again (didChange
	// queues it when an edit adds one).
	files := []string{snap.doc.rel}
	for i := 0; i < len(files); i++ {
		for rel, text := range snap.overlay {
			if !slices.Contains(files, rel) && snap.cfg.Classify(rel) == lint.IncludeFile && lint.NamesInclude(text, snap.cfg, files[i]) {
				files = append(files, rel)
				a.deps[rel] = true
			}
		}
	}
	// The pages on disk that include one of them (the workspace's cache:
	// copied, not appended to and sorted in place), and the open pages
	// that include one only in their unsaved text.
	var pages []string
	for _, f := range files {
		on, err := snap.ws.includersOf(ctx, snap.cfg, f)
		if err != nil {
			s.log.Printf("pages including %s: %v", f, err)
			return
		}
		for _, p := range on {
			if !slices.Contains(pages, p) {
				pages = append(pages, p)
			}
		}
	}
	for rel, text := range snap.overlay {
		if !slices.Contains(pages, rel) && snap.cfg.Classify(rel) == lint.CareerPage && slices.ContainsFunc(files, func(f string) bool { return lint.NamesInclude(text, snap.cfg, f) }) {
			pages = append(pages, rel)
		}
	}
	slices.Sort(pages)
	var paths []string
	for _, p := range pages {
		a.deps[p] = true
		paths = append(paths, filepath.Join(snap.ws.root, filepath.FromSlash(p)))
	}
	if len(paths) == 0 {
		return
	}
	opt := lint.RunOptions{Root: snap.ws.root, Config: snap.cfg, Paths: paths, Overlay: snap.overlay,
		Rules: pageRules(s.opt.Rules), SuppressionRule: s.opt.SuppressionRule, KnownRules: s.opt.Rules, URLCache: snap.ws.urls, PagesIncluding: snap.pagesIncluding,
		// Other pages than career pages may include the file too, and the
		// link rules check them: their directives are not judged here.
		OtherRules: pageRules(s.opt.LinkRules), WholeIncludes: map[string]bool{snap.doc.rel: true}}
	res, err := lint.Run(ctx, opt)
	if err != nil {
		s.log.Printf("lint the pages including %s: %v", snap.doc.rel, err)
		return
	}
	a.includers = &analysis{snap: snap, opt: opt, res: res, deps: map[string]bool{}}
}

// files gives the line tables and URIs of the files an analysis talks
// about: the snapshot's text for open documents, the site's source for
// others.
type files struct {
	a      *analysis
	tables map[string]*lineTable
}

func newFiles(a *analysis) *files { return &files{a: a, tables: map[string]*lineTable{}} }

func (f *files) table(rel string) *lineTable {
	if t := f.tables[rel]; t != nil {
		return t
	}
	var src []byte
	if b, ok := f.a.snap.overlay[rel]; ok {
		src = b
	} else if f.a.res != nil {
		src = f.a.res.Site.Source(rel)
	} else if b, err := lint.ReadFileShared(filepath.Join(f.a.snap.ws.root, filepath.FromSlash(rel))); err == nil {
		src = b
	}
	t := newLineTable(src)
	f.tables[rel] = t
	return t
}

// source returns the text of a file as table reads it.
func (f *files) source(rel string) []byte { return f.table(rel).src }

func (f *files) uri(rel string) string {
	if u, ok := f.a.snap.uris[rel]; ok {
		return u
	}
	return pathToURI(filepath.Join(f.a.snap.ws.root, filepath.FromSlash(rel)))
}

func (f *files) location(sp lint.Span) Location {
	return Location{URI: f.uri(sp.File), Range: f.table(sp.File).rangeOf(sp.Start, sp.End)}
}

// severity maps careerlint's severities to the protocol's.
func severity(s lint.Severity) DiagnosticSeverity {
	switch s {
	case lint.Error:
		return SeverityError
	case lint.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}

// diagnostic converts one finding.
func (f *files) diagnostic(d lint.Diagnostic) Diagnostic {
	out := Diagnostic{
		Range:    f.table(d.Span.File).rangeOf(d.Span.Start, d.Span.End),
		Severity: severity(d.Severity),
		Source:   "careerlint",
		Message:  d.Message,
	}
	if d.Rule != nil {
		out.Code = d.Rule.Name
		out.CodeDescription = &CodeDescription{Href: f.a.snap.cfg.DocsLink(d.Rule)}
	}
	for _, r := range d.Related {
		msg := r.Message
		if msg == "" {
			msg = "related location"
		}
		out.RelatedInformation = append(out.RelatedInformation, DiagnosticRelatedInformation{Location: f.location(r.Span), Message: msg})
	}
	return out
}

// byFile converts an analysis' findings in the open documents of its
// site, by root-relative path. The document itself is always present.
func (a *analysis) byFile() map[string][]Diagnostic {
	out := map[string][]Diagnostic{a.snap.doc.rel: {}}
	if a.res == nil {
		return out
	}
	f := newFiles(a)
	for _, d := range a.res.Diagnostics {
		// The document's own, also when its text is not read
		// (standsForFile): file-format says why.
		if _, open := a.snap.overlay[d.Span.File]; !open && d.Span.File != a.snap.doc.rel {
			continue
		}
		out[d.Span.File] = append(out[d.Span.File], f.diagnostic(d))
	}
	if inc := a.includers; inc != nil {
		// Only the document's findings: the pages are not open.
		rel := a.snap.doc.rel
		f := newFiles(inc)
		for _, d := range inc.res.Diagnostics {
			if d.Span.File == rel {
				out[rel] = append(out[rel], f.diagnostic(d))
			}
		}
		sort.SliceStable(out[rel], func(i, j int) bool { return before(out[rel][i].Range.Start, out[rel][j].Range.Start) })
	}
	return out
}

// worker lints the pending documents each time the debounce timer fires,
// one at a time (each lint is parallel inside), the edited document first.
func (s *server) worker(ctx context.Context) {
	defer close(s.workerDone)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		}
		s.mu.Lock()
		var snaps []snapshot
		for _, uri := range s.pendingOrder {
			if d := s.docs[uri]; d != nil && s.state == stateRunning {
				snaps = append(snaps, s.snapshotLocked(d))
			}
		}
		s.pendingOrder = s.pendingOrder[:0]
		clear(s.pending)
		s.linting = true
		s.mu.Unlock()
		for _, snap := range snaps {
			if ctx.Err() != nil {
				return
			}
			if !snap.doc.isMarkdown() {
				continue
			}
			if s.opt.onLint != nil {
				s.opt.onLint(snap.doc.uri)
			}
			s.publish(s.analyze(ctx, snap))
		}
		// Idle: run the rules that compare pages where they are out of
		// date, beside this loop so that the next change is linted at
		// once; the change also cancels the run, and the next idle moment
		// starts it again.
		s.mu.Lock()
		s.linting = false
		var sites []*workspace
		if len(s.pending) == 0 && ctx.Err() == nil {
			for _, ws := range s.staleSites() {
				if ws.cancel == nil {
					sites = append(sites, s.startSite(ctx, ws))
				}
			}
			// The handbook read ahead where no site run goes (one that
			// goes starts it as it ends), once the editor stays quiet.
			for _, ws := range s.workspaces {
				if ws.cancel == nil {
					s.armPrewarm(ws)
				}
			}
		}
		s.mu.Unlock()
		for _, ws := range sites {
			s.background.Add(1)
			go func() {
				defer s.background.Done()
				s.runSite(ws)
			}()
		}
		s.checkIdle()
	}
}

// checkIdle tells a test hook that every lint is done and up to date.
func (s *server) checkIdle() {
	if s.opt.onIdle == nil {
		return
	}
	if s.opt.onCheckIdle != nil {
		s.opt.onCheckIdle()
	}
	// Under sendMu too: a publication made from the state before is sent
	// by then, so that a test reading the client's publications after
	// the report sees it (one made under server.mu is sent after
	// releasing it, and the report could come between).
	s.lockSend()
	var versions map[string]int
	handled := s.handled
	if len(s.pending) == 0 && !s.linting && s.reads == 0 && len(s.staleSites()) == 0 {
		versions = map[string]int{}
		for uri, d := range s.docs {
			versions[uri] = d.version
		}
		for _, ws := range s.workspaces {
			if ws.cancel != nil {
				versions = nil // a site run is still going
				break
			}
		}
	}
	s.mu.Unlock()
	s.sendMu.Unlock()
	if versions != nil {
		s.opt.onIdle(versions, handled)
	}
}

// schedule queues documents for linting after the debounce delay; it runs
// under server.mu. A document queued again moves the timer, so a burst of
// changes is linted once.
func (s *server) schedule(docs ...*document) {
	if s.state != stateRunning {
		return
	}
	s.cancelSites() // the site changed: a run in progress is out of date
	for _, d := range docs {
		// Typing comes first; the next idle moment starts it again.
		d.ws.stopPrewarm()
	}
	s.queue(docs)
	if s.timer == nil {
		s.timer = time.AfterFunc(s.opt.Debounce, s.fire)
	} else {
		s.timer.Reset(s.opt.Debounce)
	}
}

// republish queues documents to be published again at once (a site run
// changed their findings): nothing changed, so their lints are reused;
// under server.mu. Every publication goes through the worker, in order.
func (s *server) republish(docs []*document) {
	if s.state != stateRunning || len(docs) == 0 {
		return
	}
	s.queue(docs)
	s.fire()
}

func (s *server) queue(docs []*document) {
	for _, d := range docs {
		if !s.pending[d.uri] {
			s.pending[d.uri] = true
			s.pendingOrder = append(s.pendingOrder, d.uri)
		}
	}
}

func (s *server) fire() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// publish sends the findings of an analysis: the document's own, and
// those it found in other open documents (files the page includes),
// merged there with what other pages found. Every document it touched is
// published; sendLocked leaves out those whose publication did not
// change.
func (s *server) publish(a *analysis) {
	byFile := a.byFile()
	src := a.snap.doc
	// Publications are made and sent in one order (see lockSend).
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	s.mu.Lock()
	if s.docs[src.uri] != src || src.version != a.snap.version || s.state != stateRunning {
		// Closed, or changed since: a newer lint is queued.
		s.mu.Unlock()
		return
	}
	if s.depChanged(a) {
		// A document the lint read (an included file, a page including
		// this one) changed or opened since the snapshot, maybe before
		// this document was known to read it, so that the change did not
		// queue it: lint it again rather than publish what the editor no
		// longer holds.
		src.deps = a.deps
		s.schedule(src)
		s.mu.Unlock()
		return
	}
	src.deps = a.deps
	src.pubA, src.pubPage = a, byFile[src.rel]
	targets := s.dropContributions(src.uri)
	for rel, diags := range byFile {
		t := s.docByRel(src.ws, rel)
		if t == nil {
			continue
		}
		if t.contrib == nil {
			t.contrib = map[string][]Diagnostic{}
		}
		if t == src {
			diags = s.ownDiagnostics(src, a, diags)
		}
		t.contrib[src.uri] = diags
		targets[t.uri] = t
	}
	msgs := s.collect(targets)
	conn := s.conn
	s.mu.Unlock()
	s.sendLocked(conn, msgs)
}

// depChanged reports whether an open document that an analysis read
// (its dependencies) is at another version than the analysis' snapshot
// holds, or was not open then; under server.mu. An open document that is
// no Markdown (an HTML file a page includes) is none: the lints read its
// file, never its text.
func (s *server) depChanged(a *analysis) bool {
	for rel := range a.deps {
		if d := s.docByRel(a.snap.ws, rel); d != nil && d.isMarkdown() {
			if v, ok := a.snap.versions[rel]; !ok || v != d.version {
				return true
			}
		}
	}
	return false
}

// dropContributions removes what a document's lint found in every open
// document and returns the documents that changed; under server.mu.
func (s *server) dropContributions(uri string) map[string]*document {
	out := map[string]*document{}
	for _, d := range s.docs {
		if _, ok := d.contrib[uri]; ok {
			delete(d.contrib, uri)
			out[d.uri] = d
		}
	}
	return out
}

// docByRel returns the open document of a site at a root-relative path;
// under server.mu.
func (s *server) docByRel(ws *workspace, rel string) *document {
	for _, d := range s.docs {
		if d.ws == ws && d.rel == rel {
			return d
		}
	}
	return nil
}

// collect builds the publishDiagnostics of documents: the union of what
// every lint found in each, without repeats; under server.mu.
func (s *server) collect(docs map[string]*document) []PublishDiagnosticsParams {
	var out []PublishDiagnosticsParams
	for _, d := range docs {
		sources := make([]string, 0, len(d.contrib))
		for src := range d.contrib {
			sources = append(sources, src)
		}
		// The document's own lint first, then the others in a fixed order.
		sort.Slice(sources, func(i, j int) bool {
			if (sources[i] == d.uri) != (sources[j] == d.uri) {
				return sources[i] == d.uri
			}
			return sources[i] < sources[j]
		})
		diags := []Diagnostic{}
		// A finding several lints report (an included file's, from each
		// page that includes it) is shown once, with the related
		// locations of all (each including line), as the command line
		// reports it.
		seen := map[string]int{}
		// The document's own findings by spot, for the pages its own lint
		// holds (analysis.holds).
		own := map[string][]int{}
		if d.stale {
			sources = nil // its text is not the editor's: nothing to show
		}
		for _, src := range sources {
			sd := s.docs[src]
			if src != d.uri && sd != nil && sd.pubA != nil {
				if v, ok := sd.pubA.snap.versions[d.rel]; !ok || v != d.version {
					// Found by a lint of another document that read
					// another text of this one (an included file edited
					// since): its ranges are of a text the editor no
					// longer holds. That document is linted again, as it
					// reads this one, and its publication brings them.
					continue
				}
			}
			held := src != d.uri && sd != nil && d.pubA.holds(sd.rel)
			for _, dg := range d.contrib[src] {
				rel := dg.RelatedInformation
				dg.RelatedInformation = nil
				if held {
					// The same finding is the document's own, as the lint
					// of all its pages found it: it gains the page's
					// including line, and nothing else of what the page's
					// lint, over that page alone, says of it (list-marker
					// may withhold there, for a page outside that lint, a
					// fix that the lint of all its pages judges with it).
					// A list already full (lint.MaxRelated and a note
					// counting the others) gains nothing: that lint found
					// the page's including lines, listed or counted.
					for _, i := range own[spotKey(dg)] {
						for _, r := range rel {
							if strings.HasPrefix(r.Message, "included here") && len(diags[i].RelatedInformation) <= lint.MaxRelated && !slices.Contains(diags[i].RelatedInformation, r) {
								diags[i].RelatedInformation = append(diags[i].RelatedInformation, r)
							}
						}
					}
					continue
				}
				key, _ := json.Marshal(dg)
				i, ok := seen[string(key)]
				if !ok {
					i = len(diags)
					seen[string(key)] = i
					diags = append(diags, dg)
					if src == d.uri {
						own[spotKey(dg)] = append(own[spotKey(dg)], i)
					}
				}
				for _, r := range rel {
					if !slices.Contains(diags[i].RelatedInformation, r) {
						diags[i].RelatedInformation = append(diags[i].RelatedInformation, r)
					}
				}
			}
		}
		v := d.version
		out = append(out, PublishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: diags})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
	return out
}

// lockSend takes sendMu, then server.mu, for a path that makes
// publications from the state: sendMu orders publications, and a path
// that makes them under server.mu and sends them before releasing sendMu
// (unlockSend) cannot have them overtaken by publications made from an
// earlier state, so that what the client sees last is the latest state.
// (A configuration document opened while the worker's site run ends was
// published without the run's findings after the run had published them.)
func (s *server) lockSend() {
	s.sendMu.Lock()
	s.mu.Lock()
}

// unlockSend releases server.mu, publishes msgs and releases sendMu:
// the end of a path begun with lockSend.
func (s *server) unlockSend(msgs []PublishDiagnosticsParams) {
	conn := s.conn
	s.mu.Unlock()
	s.sendLocked(conn, msgs)
	s.sendMu.Unlock()
}

// sentDigest identifies a publication: a hash of its URI, version and
// diagnostics as sent (their JSON).
type sentDigest [sha256.Size]byte

// sentKey is the key of a publication in server.sent: the file's path,
// so that two spellings of one file's URI (the editor's, and the one the
// server makes for a configuration file that is not open) share it; the
// URI itself when it names no file.
func sentKey(uri string) string {
	if p, err := uriToPath(uri); err == nil {
		return p
	}
	return uri
}

// sendLocked publishes diagnostics under sendMu, except those that would
// repeat the last publication of their file: a document is linted again
// whenever something it may read changes (another document opened,
// edited or closed, a file on disk, the configuration), and each lint
// publishes every open document it found something in, mostly the same
// as before. A publication is sent when its version or diagnostics
// differ from the last one sent for the file (the same findings at a
// newer version too: editors keep diagnostics by version), and the
// record of each is replaced as it is sent, in the order sendMu keeps,
// so that the client always holds the last one recorded.
func (s *server) sendLocked(conn *jsonrpc2.Conn, msgs []PublishDiagnosticsParams) {
	if conn == nil {
		return
	}
	for _, m := range msgs {
		// Encoded once: hashed, and sent as it is.
		b, err := json.Marshal(m)
		if err != nil {
			s.log.Printf("cannot publish diagnostics: %v", err)
			return
		}
		key, d := sentKey(m.URI), sentDigest(sha256.Sum256(b))
		if last, ok := s.sent[key]; ok && last == d {
			continue
		}
		if err := conn.Notify(context.Background(), "textDocument/publishDiagnostics", json.RawMessage(b)); err != nil {
			// Whether the client got it is unknown.
			delete(s.sent, key)
			s.log.Printf("cannot publish diagnostics: %v", err)
			return
		}
		s.sent[key] = d
	}
}
