package lsp

import (
	"bytes"
	"context"
	"maps"
	"path/filepath"
	"slices"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

// handbookIndex is what references and rename know of the handbook: for
// each Markdown page under the content root, as a pass over all of them
// (runHandbook) read it, the links it renders that reach a page, its
// anchors, and the files whose text it renders.
//
// Where a page's links lead depends on the text of the files it renders
// and on the site's URLs, which only front matter and the set of files
// give (a link reaches a page whatever the page's headings; the fragment
// is matched against the target's anchors when asked). So after an edit
// that leaves every front matter block as it was, only the pages that
// render an edited file are read again (handbookFor). Anything else makes
// the next request read the whole handbook again: a file created,
// deleted or changed on disk other than by saving a document the index
// read from the editor, a front matter block edited, a document opened
// or closed whose text is not the file's, a new configuration.
type handbookIndex struct {
	cfg *lint.Config
	// diskGen and filesGen are the workspace's counts when the pass read
	// the disk (workspace.diskGen, workspace.filesGen).
	diskGen, filesGen uint64
	// overlay is the text of each open document the pass read instead of
	// its file.
	overlay map[string][]byte
	pages   map[string]*handbookPage
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
	diskGen, filesGen := ws.diskGen.Load(), ws.filesGen.Load()
	h := ws.handbook
	ws.handbook = nil // kept again once up to date
	var stale []string
	ok := h != nil && h.cfg == snap.cfg && h.diskGen == diskGen && !s.opt.wholeHandbook
	if ok {
		stale, ok = h.stalePages(snap, ws.savedSince(h.filesGen))
	}
	if s.opt.onHandbook != nil {
		s.opt.onHandbook(ctx)
	}
	switch {
	case !ok:
		pages, err := readHandbook(ctx, snap, nil)
		if err != nil {
			return nil, err
		}
		h = &handbookIndex{cfg: snap.cfg, pages: pages}
	case len(stale) > 0:
		pages, err := readHandbook(ctx, snap, stale)
		if err != nil {
			return nil, err
		}
		maps.Copy(h.pages, pages)
	}
	if s.opt.onHandbookRead != nil {
		s.opt.onHandbookRead(!ok, stale)
	}
	h.diskGen, h.filesGen, h.overlay = diskGen, filesGen, maps.Clone(snap.overlay)
	if !s.opt.wholeHandbook {
		ws.handbook = h
	}
	return h, nil
}

// stalePages returns the pages of the index that render a file whose text
// snap sees otherwise than the index's pass read it, sorted; ok is false
// when the index cannot be brought up to date by reading them again: a
// front matter block differs (the site's URLs may have changed), a file
// is new or gone, or a file saved since (saved) was read from disk,
// whose text then is not known.
func (h *handbookIndex) stalePages(snap snapshot, saved []string) (stale []string, ok bool) {
	files := map[string]bool{}
	for f := range h.overlay {
		files[f] = true
	}
	for f := range snap.overlay {
		files[f] = true
	}
	for _, f := range saved {
		if _, open := h.overlay[f]; !open {
			return nil, false
		}
		files[f] = true
	}
	changed := map[string]bool{}
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
