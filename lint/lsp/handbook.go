package lsp

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"gitlab.com/careerlint/careerlint/lint"
)

// handbookIndex is what references and rename know of the handbook: for
// each Markdown page under the content root, as a pass over all of them
// (runHandbook) read it, the links it renders that reach a page, its
// anchors, and the files whose text it renders.
//
// Where a page's links lead depends on the text of the files it renders
// and on the site's URLs, which only front matter, the set of files and
// the time (a publish date passing) give: a link reaches a page whatever
// the page's headings, its fragment matched against the target's anchors
// when asked. So when the site's URL index is the one the pass used and
// every front matter block is as it read it, only the pages that render
// a file whose text changed in the editor are read again (handbookFor): a
// document edited, or opened or closed with a text other than its
// file's. The size and modification time of every file the pass read from
// disk, and of every folder of the content and include roots (a file
// created or deleted changes its folder's; one whose names are the same
// holds the same files), are looked at on each request, so that a change
// no file event reports (a git pull in a client that watches no files)
// is not missed. Anything else makes the next
// request read the whole handbook again: a file or folder created,
// deleted or changed on disk (the text a file had is not known: a
// document opened after the read, edited and saved, too), a front matter
// block changed, a publish date passing, a new configuration.
type handbookIndex struct {
	cfg *lint.Config
	// urls is the state of the URL index the pass used (a file event
	// drops it: workspace.filesChanged).
	urls lint.URLIndexVersion
	// overlay is the text of each open document the pass read instead of
	// its file.
	overlay map[string][]byte
	pages   map[string]*handbookPage
	// disk is the size and modification time of each file the pages
	// render that the pass read from disk, and of each folder of the
	// content and include roots; read is when the last pass started, and
	// stamped when disk was last brought up to date after it.
	disk          map[string]fileStamp
	read, stamped time.Time
	// names are the names in each folder of disk (its key ends in "/"),
	// as the full read found them before it started.
	names map[string]string
}

// fileStamp is a file's size and modification time; ok is false for a
// file that could not be looked at.
type fileStamp struct {
	size int64
	mod  time.Time
	ok   bool
}

// stampSlack is how far a file system's modification time may lag the
// clock (a kernel stamps files with a coarse clock): a file modified this
// long before a pass started may have been modified while it read.
const stampSlack = 20 * time.Millisecond

// stampFolders stamps every folder under the content root and the
// include roots (not following symlinks), with the names in it.
func (h *handbookIndex) stampFolders(root string, cfg *lint.Config) {
	for _, top := range append([]string{cfg.Content}, cfg.IncludeRoots...) {
		abs := filepath.Join(root, filepath.FromSlash(top))
		filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if rel, err := filepath.Rel(root, p); err == nil {
				key := filepath.ToSlash(rel) + "/"
				h.disk[key] = stampOf(root, filepath.ToSlash(rel))
				h.names[key], _ = namesIn(p)
			}
			return nil
		})
	}
}

// namesIn returns the names in a folder, one a line, sorted, a folder's
// with a final slash, and whether it could be listed.
func namesIn(dir string) (string, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Name())
		if e.IsDir() {
			b.WriteByte('/')
		}
		b.WriteByte('\n')
	}
	return b.String(), true
}

// editorFile reports whether a file name is of the kind editors and tools
// leave beside the files they work on, which neither Hugo nor careerlint
// reads as a page: a hidden name (a swap file .x.md.swp, a lock .#x.md,
// .DS_Store), a backup x.md~, an autosave #x.md#, a JetBrains save's
// x.md___jb_tmp___, or vim's check that it may write in a folder (4913).
// Only an include shortcode that names it could render it. Of folders,
// the walks leave out only the hidden ones (hiddenName).
func editorFile(name string) bool {
	switch {
	case hiddenName(name), strings.HasSuffix(name, "~"), name == "4913":
		return true
	case len(name) >= 2 && name[0] == '#' && name[len(name)-1] == '#':
		return true
	}
	return strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// hiddenName reports whether a file or folder name starts with a dot
// (not "." or ".."): the walks of the content root leave it out.
func hiddenName(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}

// editorNamesUsed returns the editor-file names (editorFile) that some
// page's include paths hold, or the paths of the content and include
// roots (an include root may be a hidden folder).
func (h *handbookIndex) editorNamesUsed() map[string]bool {
	named := map[string]bool{}
	for _, top := range append([]string{h.cfg.Content}, h.cfg.IncludeRoots...) {
		for seg := range strings.SplitSeq(path.Clean(top), "/") {
			if editorFile(seg) {
				named[seg] = true
			}
		}
	}
	for _, hp := range h.pages {
		for _, n := range hp.editorNames {
			named[n] = true
		}
	}
	return named
}

// sameNames reports whether two listings of a folder (namesIn) hold the
// same names once editor files (editorFile) and hidden folders that no
// include path names are left out: a backup or swap file coming or going
// changes no page.
func sameNames(a, b string, named map[string]bool) bool {
	keep := func(list string) []string {
		var out []string
		for n := range strings.SplitSeq(list, "\n") {
			name, dir := strings.CutSuffix(n, "/")
			if n != "" && (named[name] || !(dir && hiddenName(name) || !dir && editorFile(name))) {
				out = append(out, n)
			}
		}
		return out
	}
	return slices.Equal(keep(a), keep(b))
}

// inHiddenFolder reports whether a root-relative folder is, or is inside,
// a hidden folder (.git, .obsidian) that neither an include path nor a
// root of the configuration names (editorNamesUsed): no page or include
// is read from it.
func inHiddenFolder(dir string, named map[string]bool) bool {
	for seg := range strings.SplitSeq(dir, "/") {
		if hiddenName(seg) && !named[seg] {
			return true
		}
	}
	return false
}

// stampOf looks at a root-relative file (following symlinks: a symlinked
// include changes with its target).
func stampOf(root, rel string) fileStamp {
	fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.Size(), fi.ModTime(), true}
}

// handbookPage is what the index knows of one page.
type handbookPage struct {
	// links are the links the page renders that reach a page.
	links []indexLink
	// anchors are the page's anchors that a link may reach by their ID,
	// in order.
	anchors []indexAnchor
	// renders are the root-relative files whose text the page may render:
	// the page, and every file it includes, directly or through another
	// (beyond what the expansion limit renders: a shorter include may
	// bring the page under it).
	renders []string
	// pasted are the files whose text the page renders now: the page, and
	// those lint.Site.RenderedParts paste.
	pasted []string
	// editorNames are the names in the page's include paths, found or not,
	// that look like an editor's own files (editorFile): a folder's names
	// of that kind are compared only when some page names them.
	editorNames []string
}

// indexLink is a link of a page as the index keeps it: the page it
// reaches and its fragment, where it is written (references lists it
// there), and for a link with a fragment, the destination as rename
// rewrites it (editableLink).
type indexLink struct {
	target, frag string
	at           lint.Span
	dest         string
	start, end   int32
	hasFrag      bool
	bare         bool
}

// editable returns a link with a fragment as rename edits it.
func (l indexLink) editable() editableLink {
	return editableLink{target: l.target, frag: l.frag, file: l.at.File, dest: l.dest, start: int(l.start), end: int(l.end), bare: l.bare, at: l.at}
}

// indexAnchor is an anchor of a page as the index keeps it: the file
// that defines it, its ID, where its heading or HTML element is, and
// whether it is the first anchor of the page with the ID (the one a link
// by the ID reaches).
type indexAnchor struct {
	file, id string
	at       lint.Span
	first    bool
}

// handbookPageOf records a page of a pass over the handbook.
func handbookPageOf(pass *lint.PagePass) *handbookPage {
	p, site := pass.Page, pass.Site
	hp := &handbookPage{pasted: []string{p.Path}}
	if !p.Parsed() {
		// Not read as Markdown (binary, too large): no link or anchor,
		// until an edit makes it a page again.
		hp.renders = hp.pasted
		return hp
	}
	seen := map[string]bool{}
	for _, x := range site.Anchors(p) {
		first := !seen[x.ID]
		seen[x.ID] = true
		if x.ID != "" && !x.Placeholder() {
			hp.anchors = append(hp.anchors, indexAnchor{x.File, x.ID, anchorSpan(x), first})
		}
	}
	for _, part := range site.RenderedParts(p) {
		if part.File != nil && !slices.Contains(hp.pasted, part.File.Path) {
			hp.pasted = append(hp.pasted, part.File.Path)
		}
	}
	hp.renders = slices.Clone(hp.pasted)
	for _, cl := range site.CheckedLinks(p) {
		c := cl.Check
		if !c.Found || c.Target == "" {
			continue
		}
		l := indexLink{target: c.Target, frag: c.Dest.Fragment, hasFrag: c.Dest.HasFragment, at: writtenAt(cl.PageLink)}
		if l.hasFrag {
			e := fragmentAt(cl)
			l.dest, l.start, l.end, l.bare = e.dest, int32(e.start), int32(e.end), e.bare
			if e.file != l.at.File || int(l.start) != e.start || int(l.end) != e.end {
				// Not where rename would look (no such link seen; a file
				// of over 2 GB is no page): a rename that moves it refuses.
				l.dest, l.start, l.end = "", -1, -1
			}
		}
		hp.links = append(hp.links, l)
	}
	var walk func(f *lint.Page)
	walk = func(f *lint.Page) {
		for _, inc := range f.Includes {
			for seg := range strings.FieldsFuncSeq(inc.Target, func(r rune) bool { return r == '/' || r == '\\' }) {
				if editorFile(seg) && !slices.Contains(hp.editorNames, seg) {
					hp.editorNames = append(hp.editorNames, seg)
				}
			}
			it := site.ResolveInclude(inc.Target)
			if it.Err != nil || it.Path == "" || slices.Contains(hp.renders, it.Path) {
				continue
			}
			hp.renders = append(hp.renders, it.Path)
			if it.Page != nil {
				walk(it.Page)
			}
		}
	}
	walk(p)
	// The index keeps every page's: no room to spare.
	hp.links, hp.anchors = slices.Clone(hp.links), slices.Clone(hp.anchors)
	return hp
}

// readHandbook runs a pass over the pages given (every Markdown page under
// the content root when paths is nil) and returns what it found of each.
func readHandbook(ctx context.Context, snap snapshot, paths []string) (map[string]*handbookPage, error) {
	var mu sync.Mutex
	pages := map[string]*handbookPage{}
	_, err := runHandbook(ctx, snap, snap.overlay, paths, func(pass *lint.PagePass) {
		hp := handbookPageOf(pass)
		mu.Lock()
		pages[pass.Page.Path] = hp
		mu.Unlock()
	})
	if err == nil {
		err = ctx.Err() // cancelled: the pass may have left pages out
	}
	return pages, err
}

// handbookFor returns the index of the handbook as snap sees it: the one
// the workspace keeps, brought up to date, or a new one. Under
// server.refsMu, which guards workspace.handbook.
func (s *server) handbookFor(ctx context.Context, snap snapshot) (*handbookIndex, error) {
	ws := snap.ws
	start := time.Now()
	urls := ws.urls.Version(ws.root, snap.cfg, start)
	h := ws.handbook
	ws.handbook = nil // kept again once up to date
	var stale []string
	ok := h != nil && h.cfg == snap.cfg && h.urls == urls && !s.opt.wholeHandbook
	if ok {
		stale, ok = h.stalePages(snap)
	}
	if s.opt.onHandbook != nil {
		s.opt.onHandbook(ctx, ws.root)
	}
	switch {
	case !ok:
		// The folders as they are before the read: a file created while it
		// reads is one the next request sees.
		h = &handbookIndex{cfg: snap.cfg, disk: map[string]fileStamp{}, names: map[string]string{}}
		h.stampFolders(ws.root, snap.cfg)
		pages, err := readHandbook(ctx, snap, nil)
		if err != nil {
			return nil, err
		}
		h.pages = pages
	case len(stale) > 0:
		pages, err := readHandbook(ctx, snap, stale)
		if err != nil {
			ws.handbook = h // as it was: a cancelled request leaves it for the next
			return nil, err
		}
		for _, p := range stale {
			delete(h.pages, p) // one no longer read (a file deleted meanwhile) has no entry
		}
		maps.Copy(h.pages, pages)
	}
	if s.opt.onHandbookRead != nil {
		s.opt.onHandbookRead(!ok, stale)
	}
	// What the passes read from disk, as it is now (a change after a pass
	// started is caught by stalePages, from the time): the files of the
	// pages read again, and those no document holds any more.
	h.overlay, h.read = maps.Clone(snap.overlay), start
	again := map[string]bool{}
	for _, p := range stale {
		again[p] = true
	}
	for p, hp := range h.pages {
		for _, f := range hp.renders {
			if _, open := h.overlay[f]; open {
				delete(h.disk, f)
			} else if _, ok := h.disk[f]; !ok || again[p] {
				h.disk[f] = stampOf(ws.root, f)
			}
		}
	}
	h.stamped = time.Now()
	// Kept unless the URL index was dropped while the pass ran (a file
	// event: what the pass resolved may be out of date), or no document
	// of the site is open any more (dropHandbook).
	now := ws.urls.Version(ws.root, snap.cfg, start)
	keep := now.Drops() == urls.Drops() && !s.opt.wholeHandbook
	h.urls = now
	if keep {
		s.mu.Lock()
		if s.siteOpenLocked(ws) {
			ws.handbook = h
		}
		s.mu.Unlock()
	}
	if s.opt.onHandbookKept != nil {
		s.opt.onHandbookKept()
	}
	return h, nil
}

// lockRefs takes server.refsMu for a request or read ahead of the
// handbook of ws; the func it returns releases it.
func (s *server) lockRefs(ws *workspace) (unlock func()) {
	s.refsMu.Lock()
	return func() {
		// The site's last document may have closed meanwhile:
		// dropHandbook, which only tries refsMu, let go of nothing. Let
		// go of it before another request or read ahead takes the lock.
		s.mu.Lock()
		if !s.siteOpenLocked(ws) {
			ws.stopPrewarm()
			ws.handbook = nil
		}
		s.mu.Unlock()
		s.refsMu.Unlock()
	}
}

// stalePages returns the pages of the index that render a file whose text
// snap sees otherwise than the index's pass read it, sorted; ok is false
// when the index cannot be brought up to date by reading them again: a
// front matter block differs (the site's URLs may have changed), a
// document that no file holds was opened or closed, or a file read from
// disk changed there with no document holding its text then.
func (h *handbookIndex) stalePages(snap snapshot) (stale []string, ok bool) {
	changed := map[string]bool{}
	var named map[string]bool // editorNamesUsed, when a folder's names changed
	for f, st := range h.disk {
		if _, open := h.overlay[f]; open {
			continue
		}
		if dir, ok := strings.CutSuffix(f, "/"); ok {
			// A folder: stamped before the read, so a change since is a
			// change of its stamp. One that holds the same names holds
			// the same files (an editor that saves by writing a new file
			// and renaming it over the old one, or removes its backup
			// file after the write): each file's own stamp tells whether
			// it changed.
			now := stampOf(snap.ws.root, dir)
			if now == st && st.ok {
				continue
			}
			if named == nil {
				named = h.editorNamesUsed()
			}
			if inHiddenFolder(dir, named) {
				// Created, changed or removed, it holds no page or
				// include (.git, whose folders git makes and removes).
				h.disk[f] = now
				continue
			}
			names, listed := namesIn(filepath.Join(snap.ws.root, filepath.FromSlash(dir)))
			if !now.ok || !listed || names != h.names[f] && !sameNames(names, h.names[f], named) {
				return nil, false
			}
			h.disk[f] = now
			continue
		}
		now := stampOf(snap.ws.root, f)
		if now != st || !st.ok || !now.mod.Before(h.read.Add(-stampSlack)) && now.mod.Before(h.stamped.Add(stampSlack)) {
			// Changed since the pass read it, or maybe while it did (a
			// time in the future, clock skew, is not a write of then):
			// the text it read is not known.
			return nil, false
		}
	}
	files := map[string]bool{}
	for f := range h.overlay {
		files[f] = true
	}
	for f := range snap.overlay {
		files[f] = true
	}
	for f := range files {
		was, okWas := h.overlay[f]
		now, okNow := snap.overlay[f]
		if !okWas || !okNow {
			disk, err := lint.ReadFileShared(filepath.Join(snap.ws.root, filepath.FromSlash(f)))
			if err != nil {
				return nil, false // a document of no file opened or closed
			}
			if !okWas {
				was = disk
			}
			if !okNow {
				now = disk
			}
		}
		if bytes.Equal(was, now) {
			continue
		}
		if !sameFrontMatterBlock(was, now) {
			return nil, false
		}
		changed[f] = true
	}
	if len(changed) == 0 {
		return nil, true
	}
	for p, hp := range h.pages {
		if slices.ContainsFunc(hp.renders, func(f string) bool { return changed[f] }) {
			stale = append(stale, p)
		}
	}
	slices.Sort(stale)
	return stale, true
}

// sameFrontMatterBlock reports whether two texts of a file start with the
// same front matter block (or both with none), byte for byte, neither
// with a problem in it.
func sameFrontMatterBlock(a, b []byte) bool {
	fa, fb := lint.ParseFrontMatter(a), lint.ParseFrontMatter(b)
	if fa == nil || fb == nil {
		return fa == nil && fb == nil
	}
	if fa.Err != nil || fb.Err != nil || fa.End > len(a) || fb.End > len(b) {
		return false
	}
	return bytes.Equal(a[:fa.End], b[:fb.End])
}

// sortedPages returns the index's pages by path.
func (h *handbookIndex) sortedPages() []string {
	return slices.Sorted(maps.Keys(h.pages))
}

// prewarmJob is a background read of a site's handbook
// (server.prewarmHandbook).
type prewarmJob struct {
	cancel context.CancelFunc
}

// stopPrewarm cancels the site's background read of the handbook, if one
// is going or armed; a later one may start at once. Under server.mu.
func (ws *workspace) stopPrewarm() {
	if ws.prewarmTimer != nil {
		ws.prewarmTimer.Stop()
		ws.prewarmTimer = nil
	}
	if ws.prewarm != nil {
		ws.prewarm.cancel()
		ws.prewarm = nil
	}
}

// prewarmQuiet is how long the editor stays quiet before the worker,
// idle, starts the handbook read ahead (armPrewarm): typing, which
// cancels it, would otherwise start and stop it on every pause.
const prewarmQuiet = time.Second

// armPrewarm starts the site's handbook read ahead (prewarmHandbook)
// once prewarmQuiet has passed with no change (which stops the timer).
// Under server.mu.
func (s *server) armPrewarm(ws *workspace) {
	if !s.opt.PrewarmHandbook || ws.prewarm != nil || ws.prewarmTimer != nil || s.stopping {
		return
	}
	var t *time.Timer
	t = time.AfterFunc(prewarmQuiet, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if ws.prewarmTimer == t {
			ws.prewarmTimer = nil
			s.prewarmHandbook(ws)
		}
	})
	ws.prewarmTimer = t
}

// prewarmHandbook starts, with Options.PrewarmHandbook, a background read
// of a site's handbook for references and rename (handbookFor, from an
// open document of the site) when a document of the site is open and no
// such read is going, so that the first request finds the index kept:
// called at idle moments (as a site run ends, and when the worker has
// nothing to do and no site run goes). It reads nothing when the index
// kept is one handbookFor would bring up to date (its configuration and
// URL index are the ones in use); a change cancels it (schedule), and
// the next idle moment starts it again. Under server.mu, from the worker
// or a goroutine server.background counts.
func (s *server) prewarmHandbook(ws *workspace) {
	if !s.opt.PrewarmHandbook || ws.prewarm != nil || s.stopping || s.serveCtx == nil || !s.siteOpenLocked(ws) {
		return
	}
	ctx, cancel := context.WithCancel(s.serveCtx)
	job := &prewarmJob{cancel: cancel}
	ws.prewarm = job
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		defer func() {
			s.mu.Lock()
			if ws.prewarm == job {
				ws.prewarm = nil
			}
			s.mu.Unlock()
			cancel()
		}()
		defer s.lockRefs(ws)()
		if ctx.Err() != nil {
			return // typing started, or the site closed
		}
		// An open document of the site, as the read starts.
		uri := ""
		s.mu.Lock()
		for _, d := range s.docs {
			if d.ws == ws && d.isMarkdown() && !d.stale && (uri == "" || d.uri < uri) {
				uri = d.uri
			}
		}
		s.mu.Unlock()
		snap, ok := s.snapshot(uri)
		if !ok || snap.ws != ws {
			return
		}
		if h := ws.handbook; h != nil && h.cfg == snap.cfg && h.urls == ws.urls.Version(ws.root, snap.cfg, time.Now()) {
			return // kept, and a request brings it up to date
		}
		if _, err := s.handbookFor(ctx, snap); err != nil && ctx.Err() == nil {
			s.log.Printf("reading the handbook ahead: %v", err)
		}
	}()
}
