package lsp

import (
	"cmp"
	"context"
	"path/filepath"
	"slices"

	"gitlab.com/careerlint/careerlint/lint"
)

// anchorRef is what a link must reach to be a reference: a page (its
// root-relative file) and, unless id is "", one of its anchors.
type anchorRef struct {
	file, id string
}

// references lists the links of the handbook that reach what the cursor
// is on: on a heading, or a raw HTML anchor, the links to its anchor (for
// one in an included file, to the anchor it gives on each page that
// includes the file); elsewhere on a content page, every link to the
// page, with or without a fragment. Every Markdown page under the content
// root is read, with the files it includes, as `careerlint links` reads
// them, the open documents as they are in the editor (once: the
// workspace keeps what it found, and reads again only the pages an edit
// changes, see handbookIndex); the configuration's
// ignore globs and time budget do not apply (Hugo renders ignored pages,
// and a list cut short would not say so). A link is listed once, where
// its destination is written: an inline link whole (a ref or relref its
// shortcode), a reference link at its definition's destination, however
// many pages render it. With includeDecl the anchor's heading (or HTML
// element) comes first. Links that miss (a fragment in another case,
// the ID of a heading's text where the heading sets its own) are not
// references: link-anchor reports them.
func (s *server) references(ctx context.Context, snap snapshot, pos Position, includeDecl bool) []Location {
	// One request at a time: each may read the whole handbook, and they
	// share its index.
	defer s.lockRefs(snap.ws)()
	off := newLineTable(snap.text).offset(pos)
	rel := snap.doc.rel
	kind := classify(snap.doc, snap.cfg)
	if kind != kindOther && kind != kindContent && kind != kindCareer {
		return []Location{}
	}
	h, err := s.handbookFor(ctx, snap)
	if err != nil {
		s.log.Printf("references: %v", err)
		return []Location{}
	}
	var targets []anchorRef
	var decl *lint.Span
	for _, path := range h.sortedPages() {
		hp := h.pages[path]
		var at *lint.Span
		for _, x := range hp.anchors {
			if x.file == rel && onSpan(snap.text, x.at, off) {
				if x.first {
					targets = append(targets, anchorRef{path, x.id})
				}
				if at == nil {
					at = &x.at
				}
			}
		}
		if path == rel && at == nil && kind != kindOther {
			targets = append(targets, anchorRef{file: rel}) // the page itself
		}
		if at != nil && (decl == nil || path == rel) {
			decl = at
		}
	}
	out := []Location{}
	f := newFiles(&analysis{snap: snap})
	if includeDecl && decl != nil {
		out = append(out, f.location(lineOf(f, *decl)))
	}
	want := map[anchorRef]bool{}
	for _, t := range targets {
		want[t] = true
	}
	seen := map[lint.Span]bool{}
	var spans []lint.Span
	for _, hp := range h.pages {
		for _, l := range hp.links {
			if !seen[l.at] && (want[anchorRef{file: l.target}] || l.hasFrag && want[anchorRef{l.target, l.frag}]) {
				seen[l.at] = true
				spans = append(spans, l.at)
			}
		}
	}
	slices.SortFunc(spans, func(x, y lint.Span) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
	})
	for _, sp := range spans {
		out = append(out, f.location(sp))
	}
	return out
}

// runHandbook runs fn on each Markdown page under the content root (on
// the root-relative paths given instead, when there are some) and the
// files it includes, as `careerlint links` reads them (a lean run), with
// overlay as the open documents' text. The configuration's ignore globs
// and time budget do not apply: Hugo renders ignored pages, and a run
// cut short would not say so. fn runs on several pages at once.
func runHandbook(ctx context.Context, snap snapshot, overlay map[string][]byte, paths []string, fn func(pass *lint.PagePass)) (*lint.Result, error) {
	cfg := *snap.cfg
	cfg.Ignore = nil
	cfg.TimeBudget = 0
	rule := &lint.Rule{
		// A page not parsed is passed too (handbookPageOf).
		Meta:      lint.Meta{ID: "LSP-HANDBOOK", Name: "handbook-pass", Summary: "the language server's pass over the handbook's pages", Default: lint.Info, AllFiles: true},
		CheckPage: fn,
	}
	var abs []string
	for _, p := range paths {
		abs = append(abs, filepath.Join(snap.ws.root, filepath.FromSlash(p)))
	}
	opt := lint.RunOptions{Root: snap.ws.root, Config: &cfg, Rules: []*lint.Rule{rule}, Paths: abs, AllMarkdown: true, Lean: true, Overlay: overlay, URLCache: snap.ws.urls}
	return lint.Run(ctx, opt)
}

// writtenAt is where a rendered link's destination is written: the link
// itself, or for a reference link the destination in its definition,
// which every use of it shares.
func writtenAt(pl lint.PageLink) lint.Span {
	l := pl.Link
	if l.DestStart >= 0 && l.DestEnd > l.DestStart && (l.Span.File != pl.File.Path || l.DestEnd <= l.Span.Start || l.DestStart >= l.Span.End) {
		return pl.File.Span(l.DestStart, l.DestEnd)
	}
	return l.Span
}

// anchorSpan returns the span of the heading or HTML element that
// defines an anchor.
func anchorSpan(x lint.Anchor) lint.Span {
	if x.Heading != nil {
		return x.Heading.Span
	}
	return x.HTML.Span
}

// lineOf returns the span from an anchor's start to the end of its line.
func lineOf(f *files, sp lint.Span) lint.Span {
	t := f.table(sp.File)
	return lint.Span{File: sp.File, Start: sp.Start, End: t.lineEnd(t.position(sp.Start).Line)}
}

// onAnchor reports whether offset off of a document's text is on one of
// the lines of the heading or HTML element that defines anchor x (a
// setext heading's underline too).
func onAnchor(text []byte, x lint.Anchor, off int) bool {
	return onSpan(text, anchorSpan(x), off)
}

// onSpan reports whether offset off of a document's text is on one of
// the lines of span sp.
func onSpan(text []byte, sp lint.Span, off int) bool {
	if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || off < 0 || off > len(text) {
		return false
	}
	lo, hi := sp.Start, max(sp.Start, sp.End-1)
	for lo > 0 && text[lo-1] != '\n' {
		lo--
	}
	for hi < len(text) && text[hi] != '\n' {
		hi++
	}
	return lo <= off && off <= hi
}
