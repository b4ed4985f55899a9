package lsp

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gitlab.com/careerlint/careerlint/lint"
)

// didOpen starts tracking a document and lints it, and the other open
// documents of its site when its text differs from what they read until
// now, the file on disk or the text it was open with (their links or
// includes may point at it);
// as saved, an include file has the open pages that include it linted
// again, for their findings in it.
func (s *server) didOpen(p DidOpenTextDocumentParams) error {
	file, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.lockSend()
	ws, created := s.workspaceFor(file)
	d := &document{uri: p.TextDocument.URI, path: file, languageID: p.TextDocument.LanguageID, ws: ws,
		version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	if rel, err := filepath.Rel(ws.root, file); err == nil {
		d.rel = filepath.ToSlash(rel)
	}
	// The text the other documents read until now: the one open before
	// (an open without a close), or the file on disk.
	old := s.docs[d.uri]
	if old != nil {
		s.dropContributions(old.uri)
	}
	s.docs[d.uri] = d
	var msgs []PublishDiagnosticsParams
	switch {
	case d.isConfig():
		msgs = append(msgs, s.configMessage(ws, d.text, s.parseConfig(ws.cfgFile, d.text), d))
		if s.configDue(ws) {
			// The findings of a run over the whole site come from the
			// worker, once idle.
			s.fire()
		}
	case d.isMarkdown():
		s.touch(ws)
		s.schedule(d)
		if old != nil && !bytes.Equal(old.text, d.text) || old == nil && !sameOnDisk(ws.root, file, d.text) {
			s.schedule(s.siteDocs(ws)...)
		} else if k := classify(d, ws.cfg); old == nil && (k == kindCareer || k == kindContent) && !ws.urls.Holds(d.rel) {
			// A page on disk that the URL index does not list: created
			// since, by a client that reports no file events (a buffer
			// written to a new file in Neovim), or outside the editor.
			// The links to it are found again.
			ws.filesChanged()
			s.schedule(s.siteDocs(ws)...)
		} else if classify(d, ws.cfg) == kindOther {
			// An include file: the open pages that include it show their
			// findings in it only while it is open (publish), so they
			// are linted again, as when it is opened first and they
			// after it.
			s.schedule(s.readers(d)...)
		}
	}
	s.unlockSend(msgs)
	if created && ws.cfgErr != nil {
		// Said as a reload says it, the problems showing on the file when
		// it is opened. Not from this goroutine, which reads the client's
		// messages: the client may be writing its answer to the server's
		// registration request meanwhile.
		go s.showMessage(1, fmt.Sprintf("careerlint: %s has problems; linting with the built-in defaults: %s", ws.cfgFile, firstLine(ws.cfgErr.Error())))
	}
	return nil
}

// sameOnDisk reports whether a file of the site root holds text (a
// document opened as saved): its size is compared first, so that a
// differing file is mostly not read. A file reached through a symlink (its
// own, or a folder's below the root) is not, to be safe: the lints read
// it otherwise than a file of its own (the walk of the content folder
// takes no symlink, and standsForFile leaves some out of their overlay).
func sameOnDisk(root, file string, text []byte) bool {
	fi, err := os.Lstat(file)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(text)) {
		return false
	}
	rel, err := filepath.Rel(root, file)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	if f, err := filepath.EvalSymlinks(file); err != nil || f != filepath.Join(r, rel) {
		return false
	}
	onDisk, err := lint.ReadFileShared(file)
	return err == nil && bytes.Equal(onDisk, text)
}

// siteRunOnlyOpen reports whether a document is a career page that the
// site run reads only while it is open (see lintSite): one in a folder
// the walk of the site does not enter for pages (a name starting with
// '.', node_modules) or left out by the ignore globs or .gitignore. Closed,
// it leaves the run, even as saved. Under server.mu.
func siteRunOnlyOpen(d *document) bool {
	return classify(d, d.ws.cfg) == kindCareer && !lint.NewSite(d.ws.root, d.ws.cfg, nil).CareerPage(d.rel)
}

// readers returns the other open Markdown documents of d's site whose
// last lint read d (deps); under server.mu.
func (s *server) readers(d *document) []*document {
	var out []*document
	for _, o := range s.siteDocs(d.ws) {
		if o != d && o.deps[d.rel] {
			out = append(out, o)
		}
	}
	return out
}

// siteDocs returns the open Markdown documents of a site; under server.mu.
func (s *server) siteDocs(ws *workspace) []*document {
	var out []*document
	for _, d := range s.docs {
		if d.ws == ws && d.isMarkdown() {
			out = append(out, d)
		}
	}
	return out
}

// didChange applies the changes in order and lints the document and the
// open documents that read it.
func (s *server) didChange(p DidChangeTextDocumentParams) {
	s.lockSend()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.unlockSend(nil)
		s.log.Printf("didChange of %s, which is not open", p.TextDocument.URI)
		return
	}
	wasStale := d.stale
	before := d.text // the applier copies it before its first change
	var apply changeApplier
	staleWhy := "" // why a change did not fit
	for _, c := range p.ContentChanges {
		switch {
		case c.Range == nil:
			d.stale = false // the whole document: in step again
		case d.stale:
			continue
		default:
			if why := apply.problem(d.text, *c.Range); why != "" {
				// Applying it would lint a text the editor does not
				// hold: wait for the whole document.
				s.log.Printf("didChange of %s version %d: %s; its changes are ignored, and its findings withdrawn, until the editor sends the whole document", p.TextDocument.URI, p.TextDocument.Version, why)
				d.stale = true
				staleWhy = why
				continue
			}
		}
		var e textEdit
		d.text, e.start, e.end, e.newLen = apply.apply(d.text, c)
		e.version = p.TextDocument.Version
		d.edits = append(d.edits, e)
	}
	if d.stale && !wasStale {
		// Said to the user too, once: the findings vanish otherwise with
		// no word (showMessage takes server.mu).
		go s.showMessage(2, fmt.Sprintf("careerlint: an edit of %s does not fit the text the server holds (%s); its findings are withdrawn until the editor sends the whole file: close and reopen it", d.rel, staleWhy))
	}
	if len(d.edits) > maxEdits {
		// Too many edits to move old findings through: drop them until
		// the next site run.
		d.edits = nil
		d.ws.site = nil
	}
	d.version = p.TextDocument.Version
	var msgs []PublishDiagnosticsParams
	if d.stale {
		// Its version moved on: a lint of a document that reads it,
		// made before, holds the older version and is out of date
		// (analyze reuses a lint of the same generation, and publish
		// would take it for one that missed a change and queue it again,
		// for ever).
		s.gen++
		if !wasStale {
			msgs = append(msgs, PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
		}
		s.unlockSend(msgs)
		return
	}
	if d.isConfig() {
		// The configuration applies when saved; until then its problems
		// show as the author types.
		msgs = append(msgs, s.configMessage(d.ws, d.text, s.parseConfig(d.ws.cfgFile, d.text), d))
		if s.configDue(d.ws) {
			// Back to the text the configuration was read from, after
			// a run that could not report on it.
			s.fire()
		}
	} else if d.isMarkdown() {
		s.touch(d.ws)
		s.schedule(d)
		if k := classify(d, d.ws.cfg); (k == kindCareer || k == kindContent) && !lint.SameURLFrontMatter(before, d.text) {
			// Its URLs or publish state may have changed (an alias, url
			// or slug, a draft): a link of any open page may reach it
			// now, or miss it, without having read it before.
			s.schedule(s.siteDocs(d.ws)...)
		}
		// An include file or a career page names the include files whose
		// lint lints it as one of their pages (lintIncluders).
		namer := d.ws.cfg.Classify(d.rel) == lint.IncludeFile || classify(d, d.ws.cfg) == kindCareer
		added := false
		for _, o := range s.siteDocs(d.ws) {
			switch {
			case o == d:
			case o.deps[d.rel]:
				s.schedule(o)
			case namer && o.ws.cfg.Classify(o.rel) == lint.IncludeFile && lint.NamesInclude(d.text, d.ws.cfg, o.rel):
				// An open include file that this text now names: its pages
				// are those of this file too, and so are those of the open
				// include files it names in turn.
				added = true
			}
		}
		if added {
			for _, o := range s.siteDocs(d.ws) {
				if o != d && o.ws.cfg.Classify(o.rel) == lint.IncludeFile {
					s.schedule(o)
				}
			}
		}
	}
	s.unlockSend(msgs)
}

// maxEdits bounds the edits kept per document between site runs.
const maxEdits = 10000

// didSave reloads the configuration when the saved document is one, or
// one of the site's Hugo configuration files; for a file of another kind
// than Markdown, it reads a site root's .gitignore again, and lints again
// the open documents that read the file (an HTML file a page includes),
// as a change on disk does: a client may watch no files.
func (s *server) didSave(p DidSaveTextDocumentParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	s.mu.Unlock()
	if d != nil && (d.isConfig() || isHugoConfig(d.ws.root, d.path)) {
		s.reloadConfig(d.ws)
		return
	}
	if d != nil && d.isMarkdown() {
		// Its front matter may add or move URLs, or its includes change.
		s.mu.Lock()
		cfg := d.ws.cfg
		s.mu.Unlock()
		d.ws.fileSaved(cfg, d.path)
		return
	}
	if d != nil && !d.isMarkdown() {
		s.mu.Lock()
		for _, ws := range s.workspaces {
			if d.path == filepath.Join(ws.root, ".gitignore") {
				s.gitignoreChanged(ws)
			}
		}
		s.otherFileChanged(d.ws, d.path)
		s.mu.Unlock()
	}
}

// gitignoreChanged takes a site root's .gitignore changed on disk or
// saved in the editor: it leaves pages out of the walks (the other levels of a track, the
// pages that paste an include), so the site's open documents are linted
// again. Under server.mu.
func (s *server) gitignoreChanged(ws *workspace) {
	ws.filesChanged()
	s.touch(ws)
	s.schedule(s.siteDocs(ws)...)
}

// otherFileChanged lints again, for a file that is no Markdown changed in
// place (on disk, or saved in the editor), the open documents whose last
// lint read it (an HTML file a page includes: the lints read such a file
// as saved). A file the last site run read (an include of a level no
// open page reads: the levels of a track are compared there), or any
// file when that run failed, also makes the site run again; one that no lint read (a stylesheet or script
// beside the includes) changes nothing. A run in progress keeps the file,
// and is out of date when it ends if it read it. A file under an include
// root drops the includers the workspace keeps (an HTML include may now
// include a Markdown one), and when it holds a shortcode the open include
// files are linted again, as their pages may reach them through it now.
// A file found as the last event left it, the site unchanged since (an
// editor reports a save twice: didSave and a file event), changes
// nothing. Under server.mu.
//
// A file that some lint may read is queued for a read (up to
// max-file-size) beside the read loop and server.mu (readChanged), and
// what it tells is applied once it is read (otherFileRead), as if the
// change had been reported then: the editor's edits, requests and lints
// go on meanwhile.
func (s *server) otherFileChanged(ws *workspace, file string) {
	rel, err := filepath.Rel(ws.root, file)
	if err != nil || !filepath.IsLocal(rel) || hiddenPath(ws.root, file) {
		return
	}
	rel = filepath.ToSlash(rel)
	if readers, include, siteRead := s.otherReaders(ws, rel); !include && len(readers) == 0 && !siteRead {
		// No lint read it (a stylesheet, an image, a build's output): it
		// is not read here either, unless the run in progress read it.
		// A read of an earlier change still going is dropped: what it
		// finds is not the file's text any more.
		delete(ws.reading, rel)
		ws.running.noteChanged(rel)
		return
	}
	if s.stopping {
		// Serve is ending: a change the read loop still handles starts
		// no read (and no reader, which Serve would not wait for;
		// TestStopStartsNoRead).
		return
	}
	// The newest change of the file is the one applied (ws.reading).
	ws.readSeq++
	if ws.reading == nil {
		ws.reading = map[string]uint64{}
	}
	ws.reading[rel] = ws.readSeq
	s.queueRead(readKey{ws, rel}, queuedRead{file: file, seq: ws.readSeq, cfg: ws.cfg})
}

// readKey names a changed file waiting for its read: its workspace, and
// its root-relative path there.
type readKey struct {
	ws  *workspace
	rel string
}

// queuedRead is the newest change of a file waiting for its read
// (otherFileChanged): the file, the workspace's count of reads
// (readSeq) then and the configuration in use then.
type queuedRead struct {
	file string
	seq  uint64
	cfg  *lint.Config
}

// queueRead queues the read of a changed file, in place of an earlier
// change of it still waiting (read once, as it is then), and starts a
// reader while fewer than maxOtherReads go. Under server.mu.
func (s *server) queueRead(k readKey, q queuedRead) {
	if _, ok := s.queuedReads[k]; !ok {
		s.readQueue = append(s.readQueue, k)
		s.reads++
	}
	s.queuedReads[k] = q
	if s.readWorkers < maxOtherReads {
		s.readWorkers++
		s.background.Add(1)
		go s.readChanged()
	}
}

// readChanged reads the changed files queued (queueRead), one at a time,
// each up to max-file-size, beside the read loop and server.mu, and
// applies what each tells (otherFileRead) once it is read, as if the
// change had been reported then; it ends when the queue is empty. A read
// that a later change of the file (or a reload, or the end) made moot by
// its turn is not made.
func (s *server) readChanged() {
	defer s.background.Done()
	for {
		s.mu.Lock()
		if len(s.readQueue) == 0 {
			s.readQueue = nil // its array, as long as the longest queue, goes
			s.readWorkers--
			s.mu.Unlock()
			return
		}
		k := s.readQueue[0]
		s.readQueue = s.readQueue[1:]
		q := s.queuedReads[k]
		delete(s.queuedReads, k)
		// The end too: a read that would only be dropped (applyOtherRead)
		// is not made while Serve waits for it (TestStopSkipsQueuedRead).
		moot := k.ws.reading[k.rel] != q.seq || s.stopping || k.ws.cfg != q.cfg
		s.mu.Unlock()
		r := otherRead{seq: q.seq, cfg: q.cfg}
		if !moot {
			var text []byte
			if text, r.mod, r.ok = smallFile(q.file, q.cfg.MaxFileSize); r.ok {
				r.sum = sha256.Sum256(text)
				r.shortcode = bytes.Contains(text, []byte("{{"))
			}
			if s.opt.onOtherRead != nil {
				s.opt.onOtherRead()
			}
		}
		s.otherFileRead(k.ws, k.rel, r)
		if s.opt.onOtherApplied != nil {
			s.opt.onOtherApplied()
		}
	}
}

// dropReads drops the reads of changed files in progress
// (otherFileChanged) of file, or of the files in it when it is a folder:
// it was created or deleted since they started, and the open documents
// are linted again as it is. Applied, such a read would record the text
// it found as the file's (otherSeen), though the disk may no longer hold
// it. Under server.mu.
func (ws *workspace) dropReads(file string) {
	rel, err := filepath.Rel(ws.root, file)
	if err != nil {
		return
	}
	rel = filepath.ToSlash(rel)
	for r := range ws.reading {
		if r == rel || strings.HasPrefix(r, rel+"/") {
			delete(ws.reading, r)
		}
	}
}

// readInSite reports whether a lint of an open document, or the last run
// over the site, read a file of the site. Under server.mu.
func (s *server) readInSite(ws *workspace, file string) bool {
	rel, err := filepath.Rel(ws.root, file)
	if err != nil {
		return true
	}
	readers, _, siteRead := s.otherReaders(ws, filepath.ToSlash(rel))
	return len(readers) > 0 || siteRead
}

// otherReaders returns, for a file of another kind than Markdown (root-
// relative), the open documents of its site whose last lint read it,
// whether it is an include file, and whether the last site run read it
// (siteRun.reads). Under server.mu.
func (s *server) otherReaders(ws *workspace, rel string) (readers []*document, include, siteRead bool) {
	for _, d := range s.siteDocs(ws) {
		if d.deps[rel] {
			readers = append(readers, d)
		}
	}
	return readers, ws.cfg.Classify(rel) == lint.IncludeFile, ws.site != nil && ws.site.reads(rel, ws.cfg)
}

// otherRead is what the read of a changed file of another kind than
// Markdown found (otherFileChanged).
type otherRead struct {
	// seq is the workspace's count of such reads when it started, and
	// cfg the configuration in use then.
	seq uint64
	cfg *lint.Config
	// ok is set when the file was read: a regular file of at most
	// max-file-size. sum is then its text's SHA-256, and shortcode
	// whether the text holds "{{"; mod is its modification time as found
	// before reading it.
	ok        bool
	sum       [sha256.Size]byte
	mod       time.Time
	shortcode bool
}

// otherFileRead applies what the read of a changed file of another kind
// than Markdown found (otherFileChanged), with the state as it is now
// (the open documents that read the file, the last site run, the run in
// progress), and has the worker report the server idle when that queued
// nothing.
func (s *server) otherFileRead(ws *workspace, rel string, r otherRead) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads--
	if !s.applyOtherRead(ws, rel, r) && s.state == stateRunning && len(s.pending) == 0 {
		s.fire()
	}
}

// applyOtherRead is otherFileRead's work under server.mu; it reports
// whether it queued a lint. A read that the state moved on from changes
// nothing: a later change of the file is being read (that read applies),
// the file or its folder was created or deleted since (dropReads), the
// configuration was read again (which lints every open document and
// makes the site run again, reading the file as it is), or the server
// was shut down or is ending (an exit without shutdown).
func (s *server) applyOtherRead(ws *workspace, rel string, r otherRead) bool {
	if ws.reading[rel] != r.seq {
		return false
	}
	delete(ws.reading, rel)
	if s.state != stateRunning || s.stopping || ws.cfg != r.cfg {
		// Stopping: the worker would lint what it queued as Serve ends
		// (TestStopDropsReadResult).
		return false
	}
	readers, include, siteRead := s.otherReaders(ws, rel)
	if !include && len(readers) == 0 && !siteRead {
		// No lint reads it any longer (the page that read it was closed,
		// or no longer includes it): only the run in progress may have.
		ws.running.noteChanged(rel)
		return false
	}
	if r.ok {
		if seen, ok := ws.otherSeen[rel]; ok && seen.sum == r.sum && seen.mod.Equal(r.mod) && seen.gen == ws.gen {
			// As the last event left it, not written since, and nothing
			// changed since (a save reported by didSave and again as a
			// file event): the lints that read it read this. A file
			// written again with the same text may have been read
			// otherwise between (changed and changed back): not skipped.
			return false
		}
		defer func() {
			if ws.otherSeen == nil {
				ws.otherSeen = map[string]seenFile{}
			}
			ws.otherSeen[rel] = seenFile{r.sum, r.mod, ws.gen}
		}()
	} else {
		delete(ws.otherSeen, rel)
	}
	var includes []*document
	if include {
		// The pages that include an include file may reach it through
		// this one (an HTML file that includes a Markdown one): the
		// includers found before are out of date.
		ws.filesGen.Add(1)
		if !r.ok || r.shortcode {
			// The open include files whose includers it may now be one
			// of (it holds a shortcode, maybe one that includes them,
			// directly or not); one it no longer includes read it.
			for _, d := range s.siteDocs(ws) {
				if !d.deps[rel] && ws.cfg.Classify(d.rel) == lint.IncludeFile {
					includes = append(includes, d)
				}
			}
		}
	}
	if len(readers) == 0 && !siteRead {
		ws.running.noteChanged(rel)
		if len(includes) == 0 {
			return false
		}
		s.gen++ // their lints so far are out of date
		s.schedule(includes...)
		return true
	}
	readers = append(readers, includes...)
	s.touch(ws)
	s.schedule(readers...)
	return true
}

// smallFile returns the text of a regular file of at most limit bytes (10
// MiB when limit is not positive), and its modification time as found
// before reading it; ok is false for another file, or one that could not
// be read.
func smallFile(file string, limit int64) (text []byte, mod time.Time, ok bool) {
	if limit <= 0 {
		limit = 10 << 20
	}
	fi, err := os.Stat(file)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > limit {
		return nil, time.Time{}, false
	}
	text, err = lint.ReadFileSharedMax(file, limit) // it may have grown since
	return text, fi.ModTime(), err == nil
}

// siteOpen reports whether a document of a site is open.
func (s *server) siteOpen(ws *workspace) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.siteOpenLocked(ws)
}

// siteOpenLocked is siteOpen under server.mu.
func (s *server) siteOpenLocked(ws *workspace) bool {
	for _, d := range s.docs {
		if d.ws == ws {
			return true
		}
	}
	return false
}

// dropHandbook lets go of what references and rename read of a site's
// handbook (workspace.handbook, tens of MB for a large one) once no
// document of the site is open; a request or read ahead using it lets go
// of it as it ends (lockRefs), and handbookFor keeps a new one only while
// a document of the site is open. Under server.mu, which orders it after
// refsMu: it only tries that lock.
func (s *server) dropHandbook(ws *workspace) {
	if s.siteOpenLocked(ws) {
		return
	}
	ws.stopPrewarm() // nothing open to keep it for
	if s.refsMu.TryLock() {
		ws.handbook = nil
		s.refsMu.Unlock()
	}
}

// didClose forgets a document: its diagnostics are cleared, and the open
// documents of its site are linted again against the file on disk: all of
// them when its text was not the file's, else only those that read it.
func (s *server) didClose(p DidCloseTextDocumentParams) {
	s.lockSend()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.unlockSend(nil)
		return
	}
	delete(s.docs, d.uri)
	s.dropHandbook(d.ws)
	targets := s.dropContributions(d.uri)
	delete(targets, d.uri)
	msgs := s.collect(targets)
	msgs = append(msgs, PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
	switch {
	case d.isMarkdown() && !d.stale && sameOnDisk(d.ws.root, d.path, d.text) && !siteRunOnlyOpen(d):
		// The others go on reading the text they read, and so does the
		// site run; those that read the file are linted again all the
		// same, as its being open shapes what they publish. So are the
		// open files it includes, which showed what its lint found in
		// them: their own lints may predate its including them (an
		// include added and saved while it was open), and now find it
		// among their includers on disk.
		deps := s.readers(d)
		for _, t := range targets {
			if t.isMarkdown() && !slices.Contains(deps, t) {
				deps = append(deps, t)
			}
		}
		if len(deps) > 0 {
			s.schedule(deps...)
		} else if len(s.pending) == 0 {
			s.fire() // nothing to lint: the worker reports the server idle
		}
	case d.isMarkdown():
		s.touch(d.ws)
		s.schedule(s.siteDocs(d.ws)...)
	}
	s.unlockSend(msgs)
	if d.isConfig() {
		// The file on disk is the configuration again.
		s.reloadConfig(d.ws)
	}
}

// parseConfig returns the problems of a configuration text, nil when it
// is valid.
func (s *server) parseConfig(file string, text []byte) error {
	cfg, err := lint.ParseConfig(file, text, s.opt.Rules)
	if err == nil {
		err = cfg.CheckRoot(filepath.Dir(file))
	}
	return err
}

// didChangeWatchedFiles reloads a configuration changed on disk (careerlint's
// or the site's Hugo configuration) and lints
// the open documents of a site where a Markdown file was created, changed
// or deleted (a link target or an included file), or another file they
// read changed (an included HTML file).
func (s *server) didChangeWatchedFiles(p DidChangeWatchedFilesParams) {
	var reload []*workspace
	s.mu.Lock()
	for _, c := range p.Changes {
		file, err := uriToPath(c.URI)
		if err != nil {
			continue
		}
		for _, ws := range s.workspaces {
			switch {
			case file == ws.cfgFile, isHugoConfig(ws.root, file), c.Type != 2 && isHugoConfigFolder(ws.root, file):
				reload = append(reload, ws)
			case file == filepath.Join(ws.root, ".gitignore"):
				s.gitignoreChanged(ws)
			case within(ws.root, file) && strings.EqualFold(filepath.Ext(file), ".md") && editorFile(filepath.Base(file)) && !s.readInSite(ws, file):
				// An editor's own file named like a page (Emacs's lock
				// .#x.md, a hidden copy) that no lint read: no page, no
				// include, and no reason to read the handbook again.
			case within(ws.root, file) && strings.EqualFold(filepath.Ext(file), ".md"):
				if c.Type == 2 { // changed in place
					ws.fileSaved(ws.cfg, file)
				} else {
					ws.filesChanged()
				}
				s.touch(ws)
				s.schedule(s.siteDocs(ws)...)
			case c.Type != 2 && siteFileEvent(ws, file):
				// Another file or a folder created or deleted (a folder
				// of pages deleted or moved is one event): the site's
				// pages, includes or link targets may have changed.
				// A read of the file (or of one in the folder) in
				// progress found what may no longer be there: this lints
				// them all again.
				ws.filesChanged()
				ws.dropReads(file)
				s.touch(ws)
				s.schedule(s.siteDocs(ws)...)
			case c.Type == 2:
				// Another file changed: an include that is no Markdown.
				s.otherFileChanged(ws, file)
			}
		}
	}
	s.mu.Unlock()
	for _, ws := range reload {
		s.reloadConfig(ws)
	}
}

// siteFileEvent reports whether a file or folder created or deleted (not
// a Markdown file, which has its own case) may change what a site's
// lints find: one under its content folder, an include root or a static
// root (a link may lead to an image there), outside the folders its walks
// leave out (hiddenPath), and not an editor's scratch file (vim writes
// and deletes "4913" beside each file it saves; "x~" and "#x#" are
// backups).
func siteFileEvent(ws *workspace, file string) bool {
	if !within(ws.root, file) || hiddenPath(ws.root, file) {
		return false
	}
	if editorFile(filepath.Base(file)) {
		return false
	}
	rel, err := filepath.Rel(ws.root, file)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	roots := append(append([]string{ws.cfg.Content}, ws.cfg.IncludeRoots...), ws.cfg.Links.StaticRoots...)
	for _, r := range roots {
		r = path.Clean(r)
		if r == "." || rel == r || strings.HasPrefix(rel, r+"/") || strings.HasPrefix(r, rel+"/") {
			return true
		}
	}
	return false
}

// hiddenPath reports whether a file of a site lies in, or is, a file or
// folder whose name starts with "." (.git, whose files git creates and
// deletes on every command) or in node_modules: the site's walks leave
// them out.
func hiddenPath(root, file string) bool {
	rel, err := filepath.Rel(root, file)
	if err != nil {
		return true
	}
	return slices.ContainsFunc(strings.Split(filepath.ToSlash(rel), "/"), lint.LeftOutFolder)
}

// reloadConfig reads a site's configuration file again, and the site's
// Hugo configuration. While the file has problems the last valid
// configuration stays in use (with the Hugo configuration read again), and
// the problems are shown on the file and in a message.
func (s *server) reloadConfig(ws *workspace) {
	cfg, cfgText, err := loadConfig(ws.cfgFile, s.opt.Rules)
	text := configText(ws.cfgFile)
	s.lockSend()
	ws.cfgErr = err
	if err != nil {
		// The last valid configuration stays in use, but with the
		// site's Hugo configuration as it is now: the change may be
		// to that (a snapshot holds the old Config, so a copy). Its
		// offsets are no longer into the file.
		c := *ws.cfg
		c.Hugo = lint.LoadHugoConfig(ws.root, &c)
		cfg, cfgText = &c, nil
	}
	ws.cfg, ws.cfgText = cfg, cfgText
	ws.filesChanged()
	s.logHugoNotes(ws)
	s.touch(ws)
	s.schedule(s.siteDocs(ws)...)
	msg := s.configMessage(ws, text, err, s.docByRel(ws, lint.ConfigFileName))
	s.unlockSend([]PublishDiagnosticsParams{msg})
	if err != nil {
		s.showMessage(1, fmt.Sprintf("careerlint: %s has problems; linting with the last valid configuration: %s", ws.cfgFile, firstLine(err.Error())))
	}
}

// configText returns the text of a configuration file, for the positions
// of its problems: nothing when it is not a regular file.
func configText(file string) []byte {
	if fi, err := os.Stat(file); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	text, _ := os.ReadFile(file)
	return text
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// configMessage is the publication of a configuration file's problems;
// under server.mu. d is the open document of the file, nil when closed.
func (s *server) configMessage(ws *workspace, text []byte, err error, d *document) PublishDiagnosticsParams {
	m := PublishDiagnosticsParams{URI: pathToURI(ws.cfgFile), Diagnostics: configDiagnostics(err, text)}
	if d != nil {
		v := d.version
		m.URI, m.Version = d.uri, &v
		// With the findings of a run over the whole site on it, as the
		// command line prints them (see lintConfig).
		if found := s.configFindings(ws, d); len(found) > 0 {
			m.Diagnostics = append(m.Diagnostics, found...)
			sort.SliceStable(m.Diagnostics, func(i, j int) bool { return before(m.Diagnostics[i].Range.Start, m.Diagnostics[j].Range.Start) })
		}
	}
	return m
}
