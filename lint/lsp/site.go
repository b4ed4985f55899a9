package lsp

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// The rules that compare pages (the ladder rules: a level against the
// other levels of its track, a track against the other tracks) need every
// career page of the site. Linting them all on each keystroke would make
// the findings of the page being edited wait for the whole site, so the
// server lints in two parts:
//
//  1. the document alone with the page rules, 10 ms after a change
//     (analysis), published at once;
//  2. every career page of the site with the rules that compare pages, as
//     the command line does, once the editor is idle (siteRun), cancelled
//     by the next change. Its findings on each open document are kept with
//     the document version they were found in, and published again with
//     each later lint of the document, moved through the edits made since
//     with their related locations in the document (a finding whose text
//     was edited is dropped until the next site run, and so is such a
//     related location).

// textEdit is one change of a document as a byte range of the text before
// it, recorded to move findings of older versions.
type textEdit struct {
	version    int
	start, end int // replaced range in the previous text
	newLen     int
}

// mapSpan moves a byte range of a document at version from through the
// edits made up to version to. ok is false when an edit touched the range.
func mapSpan(start, end int, edits []textEdit, from, to int) (int, int, bool) {
	for _, e := range edits {
		if e.version <= from || e.version > to {
			continue
		}
		switch {
		case end <= e.start && start < e.start:
			// before the edit
		case start >= e.end:
			delta := e.newLen - (e.end - e.start)
			start, end = start+delta, end+delta
		default:
			return 0, 0, false
		}
	}
	return start, end, true
}

// siteFinding is a finding of the rules that compare pages on an open
// document.
type siteFinding struct {
	start, end int // in the document's text at the run's version
	rule       *lint.Rule
	// diag is the finding converted, its Range to be computed for the
	// version published.
	diag Diagnostic
	// sugs are the finding's suggestions that edit this document only
	// (offsets as start and end are), offered as quick fixes.
	sugs []siteSuggestion
	// related are the places of diag's related locations in this
	// document (offsets as start and end are), which move with the text
	// as the finding does; gone marks one whose text was edited since.
	related []siteRelated
}

// siteRelated is a related location of a site run's finding that is in
// the finding's own document: its index in the finding's related
// locations and its byte range.
type siteRelated struct {
	i          int
	start, end int
	gone       bool
}

// relatedIn returns the related locations of d that are in its own file.
func relatedIn(d lint.Diagnostic) []siteRelated {
	var out []siteRelated
	for i, r := range d.Related {
		if r.Span.File == d.Span.File {
			out = append(out, siteRelated{i: i, start: r.Span.Start, end: r.Span.End})
		}
	}
	return out
}

// siteSuggestion is a suggestion of a site run's finding: a title and
// edits of the document.
type siteSuggestion struct {
	title string
	edits []lint.Edit
}

// documentSuggestions keeps the suggestions of a finding whose edits all
// fall in file.
func documentSuggestions(d lint.Diagnostic, file string) []siteSuggestion {
	var out []siteSuggestion
	for _, sug := range d.Suggestions {
		if len(sug.Edits) > 0 && !slices.ContainsFunc(sug.Edits, func(e lint.Edit) bool { return e.Span.File != file }) {
			out = append(out, siteSuggestion{title: sug.Title, edits: slices.Clone(sug.Edits)})
		}
	}
	return out
}

// siteRun is the result of linting a whole site with the rules that
// compare pages.
type siteRun struct {
	// wsGen is the workspace's change count the run read.
	wsGen uint64
	// versions are the versions of the open documents the run read, and
	// docs the documents themselves: a document closed and opened again
	// may come back at the same version with other text, and the run's
	// offsets are into the text it read.
	versions map[string]int
	docs     map[string]*document
	// findings are the findings on each open document it reports on
	// (reportsSite), by URI.
	findings map[string][]siteFinding
	// cfgDoc is the open configuration document the run reported on
	// (configShown), at version cfgVersion, with cfgFindings, the
	// findings of a run over the whole site on it; nil when none.
	cfgDoc      *document
	cfgVersion  int
	cfgFindings []siteFinding
	// read are the root-relative files the run read as included files
	// (lint.Site.IncludesRead): a file of another kind than Markdown
	// changed in place makes the run out of date only when it is one of
	// them (otherFileChanged).
	read map[string]bool
	// failed is set when a lint of the run failed (an error other than
	// its cancellation, logged): what it would have read is not known,
	// so it is taken to read every file under the include roots, where
	// the files a run reads as included files are (reads).
	failed bool
}

// reads reports whether a file of another kind than Markdown (root-
// relative) changed in place makes the run out of date: the run read it
// as an included file, or failed and may have read it (it is under an
// include root of cfg; a build's output, as Hugo writes public/, is not).
func (r *siteRun) reads(rel string, cfg *lint.Config) bool {
	return r.read[rel] || r.failed && cfg.UnderIncludeRoot(rel)
}

// configShown returns a site's open configuration document when the
// findings of a run over the whole site can be shown on it (see
// configFindings): the configuration in use is the file's, and the
// editor's text is the server's. Under server.mu.
func (s *server) configShown(ws *workspace) *document {
	if ws.cfgErr != nil || ws.cfgText == nil {
		return nil
	}
	d := s.docByRel(ws, lint.ConfigFileName)
	if d == nil || d.stale {
		return nil
	}
	return d
}

// configDue reports whether a site run is to report on its open
// configuration document: the last run is out of date or did not report
// on it, while its text is the file's as read (the configuration's
// offsets are into that text). Under server.mu.
func (s *server) configDue(ws *workspace) bool {
	d := s.configShown(ws)
	return d != nil && (ws.site == nil || ws.site.wsGen != ws.gen || ws.site.cfgDoc != d) && bytes.Equal(d.text, ws.cfgText)
}

// siteRules returns the rules that compare pages and are on. A rule that
// also looks at one page at a time (required-sections, whose check of the
// site judges the configuration's tracks) is given without that check,
// which each page's own lint runs (runOptions): the site run reported its
// findings again, apart from the rules it defers to (front-matter's front
// matter never closed), and judged the inline suppressions of the rule a
// second time, without the page rules named beside it. Such a variant
// does not count as having run for the suppressions (lint.PostProcess).
func siteRules(rules []*lint.Rule, cfg *lint.Config) []*lint.Rule {
	var out []*lint.Rule
	for _, r := range rules {
		if r.CheckSite != nil && cfg.Severity(r) != lint.Off {
			if r.CheckPage != nil {
				siteOnly := *r
				siteOnly.CheckPage = nil
				r = &siteOnly
			}
			out = append(out, r)
		}
	}
	return out
}

// touch records a change in a workspace: every analysis and site run of
// it is out of date. Under server.mu.
func (s *server) touch(ws *workspace) {
	s.gen++
	ws.gen++
}

// staleSites returns the workspaces whose site run is out of date and that
// have an open document that needs one (needsSite), or that have their
// open configuration document to report on (configDue); under server.mu.
func (s *server) staleSites() []*workspace {
	var out []*workspace
	for _, ws := range s.workspaces {
		if s.configDue(ws) {
			out = append(out, ws)
			continue
		}
		if ws.site != nil && ws.site.wsGen == ws.gen {
			continue
		}
		for _, d := range s.docs {
			if d.ws == ws && s.needsSite(d) {
				out = append(out, ws)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].root < out[j].root })
	return out
}

// reportsSite reports whether a site run reports on an open document:
// a career page, or an include file, whose inline suppressions of the
// rules that compare pages only a run over every career page judges (as
// the command line does, over the whole site), as no page's own lint nor
// the lint of the pages that include it runs those rules.
func reportsSite(d *document, cfg *lint.Config) bool {
	switch classify(d, cfg) {
	case kindCareer:
		return true
	case kindOther:
		return cfg.Classify(d.rel) == lint.IncludeFile
	}
	return false
}

// needsSite reports whether an open document needs a site run: a career
// page, or an include file whose suppressions, as last linted, name a
// rule that compares pages (the run judges them; an include file that
// names none gets nothing from it, and does not make one). Under
// server.mu.
func (s *server) needsSite(d *document) bool {
	cfg := d.ws.cfg
	switch {
	case classify(d, cfg) == kindCareer:
		return true
	case !reportsSite(d, cfg) || d.pubA == nil || d.pubA.page == nil:
		return false
	}
	names := map[string]bool{}
	for _, r := range siteRules(s.opt.Rules, cfg) {
		names[r.Name], names[r.ID] = true, true
	}
	for _, dir := range d.pubA.page.Directives {
		if slices.ContainsFunc(dir.Rules, func(k string) bool { return names[k] }) {
			return true
		}
	}
	return false
}

// siteJob is what a site run reads, taken under server.mu.
type siteJob struct {
	ctx      context.Context
	snap     snapshot
	rules    []*lint.Rule
	versions map[string]int
	docs     map[string]*document
	career   []*document
	// reported are the open documents the run reports on (reportsSite):
	// the career pages and the include files.
	reported []*document
	wsGen    uint64
	// cfgDoc is the open configuration document to report on, at
	// version cfgVersion, when its text is the file's as read; nil when
	// none.
	cfgDoc     *document
	cfgVersion int
	// changed are the root-relative files of another kind than Markdown
	// changed in place while the run goes, that the last run did not read
	// (otherFileChanged): the run is out of date when it read one of them.
	// Under server.mu.
	changed map[string]bool
}

// noteChanged records in a run in progress (job may be nil: none) a file
// of another kind than Markdown changed in place while it goes: the run
// is out of date when it ends if it read the file. Under server.mu.
func (job *siteJob) noteChanged(rel string) {
	if job == nil {
		return
	}
	if job.changed == nil {
		job.changed = map[string]bool{}
	}
	job.changed[rel] = true
}

// startSite takes what a site run of a workspace reads and marks it
// running; under server.mu. Run it with runSite.
func (s *server) startSite(ctx context.Context, ws *workspace) *workspace {
	job := &siteJob{
		snap:     snapshot{ws: ws, cfg: ws.cfg, overlay: map[string][]byte{}, uris: map[string]string{}},
		rules:    siteRules(s.opt.Rules, ws.cfg),
		versions: map[string]int{},
		docs:     map[string]*document{},
		wsGen:    ws.gen,
	}
	for _, d := range s.docs {
		if d.ws != ws || !d.isMarkdown() {
			continue
		}
		if standsForFile(d) {
			job.snap.overlay[d.rel] = d.text
		}
		job.snap.uris[d.rel] = d.uri
		job.versions[d.uri] = d.version
		job.docs[d.uri] = d
		if classify(d, ws.cfg) == kindCareer {
			job.career = append(job.career, d)
		}
		if reportsSite(d, ws.cfg) {
			job.reported = append(job.reported, d)
		}
	}
	if d := s.configShown(ws); d != nil && bytes.Equal(d.text, ws.cfgText) {
		job.cfgDoc, job.cfgVersion = d, d.version
	}
	job.ctx, ws.cancel = context.WithCancel(ctx)
	ws.running = job
	return ws
}

// cancelSites stops the site runs in progress; under server.mu.
func (s *server) cancelSites() {
	for _, ws := range s.workspaces {
		if ws.cancel != nil {
			ws.cancel()
		}
	}
}

// runSite lints every career page of a site with the rules that compare
// pages, using the open documents' text, keeps the findings on the open
// documents, and has those whose findings changed published again. A
// change cancels it (see schedule).
func (s *server) runSite(ws *workspace) {
	s.mu.Lock()
	job := ws.running
	s.mu.Unlock()
	run := &siteRun{wsGen: job.wsGen, versions: job.versions, docs: job.docs, findings: map[string][]siteFinding{}, cfgDoc: job.cfgDoc, cfgVersion: job.cfgVersion, read: map[string]bool{}}
	var err error
	var whole *lint.Result // the run over the whole site, for the configuration document
	if job.cfgDoc != nil {
		run.cfgFindings, whole, err = s.lintConfig(job)
		if whole != nil {
			addRead(run.read, whole)
		} else if err == nil {
			run.failed = true // logged
		}
	}
	if err == nil && len(job.rules) > 0 && len(job.reported) > 0 {
		var res *lint.Result
		res, err = s.lintSite(job.ctx, job.snap, job.rules, job.career, job.reported, whole)
		if err == nil {
			addRead(run.read, res)
			f := newFiles(&analysis{snap: job.snap, res: res})
			uris := map[string]string{}
			for _, d := range job.reported {
				uris[d.rel] = d.uri
			}
			for _, d := range res.Diagnostics {
				if uri, ok := uris[d.Span.File]; ok {
					run.findings[uri] = append(run.findings[uri], siteFinding{start: d.Span.Start, end: d.Span.End, rule: d.Rule, diag: f.diagnostic(d), sugs: documentSuggestions(d, d.Span.File), related: relatedIn(d)})
				}
			}
		} else if !errors.Is(err, context.Canceled) {
			// Not retried until the next change: the run stays empty,
			// and any file changed is one it may have read.
			s.log.Printf("lint %s: %v", ws.root, err)
			err = nil
			run.failed = true
		}
	}
	if s.opt.onSiteRun != nil {
		s.opt.onSiteRun()
	}

	s.lockSend() // the configuration document is published here
	ws.cancel()
	ws.cancel, ws.running = nil, nil
	for rel := range job.changed {
		if run.reads(rel, job.snap.cfg) {
			// A file it read changed while it ran.
			s.touch(ws)
			break
		}
	}
	if err != nil || s.state != stateRunning || ws.gen != job.wsGen {
		// Changed meanwhile: the next idle moment runs it again. With
		// nothing queued, the worker may have had that moment while this
		// run was ending, and started none: it is woken to start it.
		if s.state == stateRunning && len(s.pending) == 0 {
			s.fire()
		}
		s.unlockSend(nil)
		s.checkIdle()
		return
	}
	ws.site = run
	s.prewarmHandbook(ws)
	if len(s.pending) == 0 && slices.Contains(s.staleSites(), ws) {
		// Due again at once: the configuration document was opened (or
		// opened again, or came back to the file's text) while this run,
		// which does not report on it, went:
		// the worker, woken then, started none while it went, and is
		// woken again to start the one that does.
		s.fire()
	}
	var changed []*document
	for _, d := range job.reported {
		if s.docs[d.uri] != d {
			continue
		}
		// Edits the run has seen are no longer needed to move findings.
		kept := d.edits[:0]
		for _, e := range d.edits {
			if e.version > job.versions[d.uri] {
				kept = append(kept, e)
			}
		}
		d.edits = kept
		if d.pubA == nil || d.pubA.snap.version != d.version {
			continue // a lint of the document is queued and will publish
		}
		if !diagsEqual(s.ownDiagnostics(d, d.pubA, d.pubPage), d.contrib[d.uri]) {
			changed = append(changed, d)
		}
	}
	s.republish(changed)
	var msgs []PublishDiagnosticsParams
	if d := job.cfgDoc; d != nil && s.docs[d.uri] == d && !d.stale {
		kept := d.edits[:0]
		for _, e := range d.edits {
			if e.version > job.cfgVersion {
				kept = append(kept, e)
			}
		}
		d.edits = kept
		msgs = append(msgs, s.configMessage(ws, d.text, s.parseConfig(ws.cfgFile, d.text), d))
	}
	s.unlockSend(msgs)
	s.checkIdle()
}

// addRead adds to read the files a run read as included files.
func addRead(read map[string]bool, res *lint.Result) {
	for _, rel := range res.Site.IncludesRead() {
		read[rel] = true
	}
}

// lintConfig runs, for the open configuration document, what the command
// line runs over the whole site (no paths): the rules that compare pages,
// with the open documents' text, and keeps the findings on the
// configuration file (an ignore glob or a tracks glob that matches no
// file, which only such a run can tell). It costs a parse of every career
// page, once each time the site changes, and only while the document is
// open; the run is returned too (nil when it failed), for lintSite,
// which takes its findings on the pages when it read the same pages.
func (s *server) lintConfig(job *siteJob) ([]siteFinding, *lint.Result, error) {
	snap := job.snap
	res, err := s.siteLint(job.ctx, lint.RunOptions{Root: snap.ws.root, Config: snap.cfg, Rules: job.rules,
		Overlay: snap.overlay, SuppressionRule: s.opt.SuppressionRule, KnownRules: s.opt.Rules, URLCache: snap.ws.urls})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, nil, err
		}
		// Not retried until the next change: no findings.
		s.log.Printf("lint %s: %v", snap.ws.root, err)
		return nil, nil, nil
	}
	f := newFiles(&analysis{snap: snap, res: res})
	var out []siteFinding
	for _, d := range res.Diagnostics {
		if d.Span.File == job.cfgDoc.rel {
			out = append(out, siteFinding{start: d.Span.Start, end: d.Span.End, rule: d.Rule, diag: f.diagnostic(d)})
		}
	}
	return out, res, nil
}

// configFindings returns the findings of the last site run on an open
// configuration document, moved to its version; none when the
// configuration in use is not the file's, the run reported on another
// opening of the document, or an edit touched them. Under server.mu.
func (s *server) configFindings(ws *workspace, d *document) []Diagnostic {
	run := ws.site
	if run == nil || run.cfgDoc != d || s.configShown(ws) != d || run.cfgVersion > d.version {
		return nil
	}
	var out []Diagnostic
	var t *lineTable
	for _, sf := range run.cfgFindings {
		start, end, ok := mapSpan(sf.start, sf.end, d.edits, run.cfgVersion, d.version)
		if !ok {
			continue
		}
		if t == nil {
			t = newLineTable(d.text)
		}
		dg := sf.diag
		dg.Range = t.rangeOf(start, end)
		out = append(out, dg)
	}
	return out
}

// lintSite runs the rules that compare pages over every career page of the
// site: the configured pages on disk and the open career pages that are
// not on disk yet. The run holds every page that includes the open
// include files among reported: their suppressions are judged, as a run
// without paths judges them. whole, when not nil, is the run over the
// whole site made for the configuration document with the same rules
// and texts (lintConfig): when it read the same pages (every open career
// page is on disk, and no folder of the content folder stood for a page),
// it is the answer, its findings on the pages and the open include files
// being those of a run naming the pages, and the site is not parsed
// twice.
func (s *server) lintSite(ctx context.Context, snap snapshot, rules []*lint.Rule, open, reported []*document, whole *lint.Result) (*lint.Result, error) {
	files, err := lint.Discover(snap.ws.root, snap.cfg, nil)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var paths []string
	for _, rel := range files {
		seen[rel] = true
		paths = append(paths, filepath.Join(snap.ws.root, filepath.FromSlash(rel)))
	}
	for _, d := range open {
		if !seen[d.rel] {
			paths = append(paths, d.path)
		}
	}
	if whole != nil && len(paths) == len(files) && whole.Files == len(files) {
		return whole, nil
	}
	judged := map[string]bool{}
	for _, d := range reported {
		if classify(d, snap.cfg) != kindCareer {
			judged[d.rel] = true
		}
	}
	return s.siteLint(ctx, lint.RunOptions{Root: snap.ws.root, Config: snap.cfg, Rules: rules, Paths: paths,
		Overlay: snap.overlay, SuppressionRule: s.opt.SuppressionRule, KnownRules: s.opt.Rules, URLCache: snap.ws.urls, WholeIncludes: judged})
}

// siteLint runs a lint of every career page of a site (lintSite's, or
// lintConfig's over the whole site).
func (s *server) siteLint(ctx context.Context, opt lint.RunOptions) (*lint.Result, error) {
	if s.opt.onSiteLint != nil {
		s.opt.onSiteLint()
	}
	if s.opt.siteLintErr != nil {
		if err := s.opt.siteLintErr(); err != nil {
			return nil, err
		}
	}
	return lint.Run(ctx, opt)
}

// ownDiagnostics returns what is published for a document from its own
// lints: the page rules' findings of analysis a (converted, pageDiags),
// and the last site run's findings on it moved to a's version. Under
// server.mu.
func (s *server) ownDiagnostics(d *document, a *analysis, pageDiags []Diagnostic) []Diagnostic {
	out := append([]Diagnostic{}, pageDiags...)
	lt := newLineTable(a.snap.text)
	for _, sf := range s.siteFindings(d, a.snap.version) {
		dg := sf.diag
		dg.Range = lt.rangeOf(sf.start, sf.end)
		if len(sf.related) > 0 {
			// Its related locations in the document, moved as it is.
			rel := slices.Clone(dg.RelatedInformation)
			gone := map[int]bool{}
			for _, r := range sf.related {
				if r.gone {
					gone[r.i] = true
				} else {
					rel[r.i].Location.Range = lt.rangeOf(r.start, r.end)
				}
			}
			dg.RelatedInformation = nil
			for i, ri := range rel {
				if !gone[i] {
					dg.RelatedInformation = append(dg.RelatedInformation, ri)
				}
			}
		}
		out = append(out, dg)
	}
	if len(out) > len(pageDiags) {
		s.joinUnusedSuppressions(out, a)
		sort.SliceStable(out, func(i, j int) bool { return before(out[i].Range.Start, out[j].Range.Start) })
	}
	return out
}

// joinUnusedSuppressions gives the findings of an unused inline
// suppression the advice of the command line, which judges all its rules
// at once: the page's own lint judges the rules of the comment that look
// at one page, the site run those that compare pages, and each tells to
// remove its unused rules from the comment's list while the others are
// not judged there. Where the two together find every rule the comment
// names unused, each finding tells to remove the comment.
func (s *server) joinUnusedSuppressions(out []Diagnostic, a *analysis) {
	if a.page == nil || s.opt.SuppressionRule == nil {
		return
	}
	var t *lineTable
	for _, dir := range a.page.Directives {
		if len(dir.Rules) < 2 {
			continue
		}
		if t == nil {
			t = newLineTable(a.snap.text)
		}
		at := t.rangeOf(dir.Span.Start, dir.Span.End)
		advised := map[int]string{} // finding -> the rule it tells to remove
		unused := map[string]bool{}
		for i, dg := range out {
			if dg.Code != s.opt.SuppressionRule.Name || dg.Range != at {
				continue
			}
			for _, w := range dir.Rules {
				// "careerlint-disable w" suppresses nothing...; an ID
				// is followed by the rule's name in brackets.
				if !strings.HasPrefix(dg.Message, strconv.Quote("careerlint-"+string(dir.Kind)+" "+w)) || !strings.Contains(dg.Message, " suppresses nothing") {
					continue
				}
				unused[w] = true
				if strings.HasSuffix(dg.Message, "; "+lint.RemoveFromRules(w)) {
					advised[i] = w
				}
			}
		}
		if len(advised) == 0 || slices.ContainsFunc(dir.Rules, func(w string) bool { return !unused[w] }) {
			continue
		}
		for i, w := range advised {
			out[i].Message = strings.TrimSuffix(out[i].Message, lint.RemoveFromRules(w)) + lint.RemoveComment
		}
	}
}

// siteFindings returns the last site run's findings on a document, moved
// to a version of it; none when the run read a later version, the file
// on disk, or another opening of the document, or when the document is
// no longer one a run reports on under the configuration now in use (a
// page whose pages globs no longer select it: no site run reports on it
// again, and its findings stayed). Under server.mu.
func (s *server) siteFindings(d *document, version int) []siteFinding {
	run := d.ws.site
	if run == nil || run.docs[d.uri] != d || !reportsSite(d, d.ws.cfg) {
		return nil
	}
	from, ok := run.versions[d.uri]
	if !ok || from > version {
		return nil
	}
	var out []siteFinding
	for _, sf := range run.findings[d.uri] {
		start, end, ok := mapSpan(sf.start, sf.end, d.edits, from, version)
		if !ok {
			continue
		}
		sf.start, sf.end = start, end
		// The suggestions move with it; one whose text was edited is
		// dropped, as the finding would be.
		var sugs []siteSuggestion
		for _, sg := range sf.sugs {
			moved := siteSuggestion{title: sg.title}
			for _, e := range sg.edits {
				if es, ee, ok := mapSpan(e.Span.Start, e.Span.End, d.edits, from, version); ok {
					e.Span.Start, e.Span.End = es, ee
					moved.edits = append(moved.edits, e)
				}
			}
			if len(moved.edits) == len(sg.edits) {
				sugs = append(sugs, moved)
			}
		}
		sf.sugs = sugs
		// So do its related locations in the document; one whose text
		// was edited is left out.
		moved := make([]siteRelated, len(sf.related))
		for i, r := range sf.related {
			rs, re, ok := mapSpan(r.start, r.end, d.edits, from, version)
			moved[i] = siteRelated{i: r.i, start: rs, end: re, gone: !ok}
		}
		sf.related = moved
		out = append(out, sf)
	}
	return out
}

func before(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// diagsEqual reports whether two publications of a document are the same,
// related locations included: a site run that only moves a finding's
// related location (a sibling level edited on disk) is published again.
func diagsEqual(a, b []Diagnostic) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if diagKey(a[i]) != diagKey(b[i]) || a[i].Severity != b[i].Severity || !slices.Equal(a[i].RelatedInformation, b[i].RelatedInformation) {
			return false
		}
	}
	return true
}
