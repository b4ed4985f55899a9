package lsp

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

// anchorRef is what a link must reach to be a reference: a page (its
// root-relative file) and, unless id is "", one of its anchors.
type anchorRef struct {
	file, id string
}

// references lists the links of the handbook that reach what the cursor
// is on: on a heading, or a raw HTML anchor, the links to its anchor (for
// one in an included file, to the anchor it gives on each career page
// that includes the file); elsewhere on a content page, every link to the
// page, with or without a fragment. Every Markdown page under the content
// root is read, with the files it includes, as `careerlint links` reads
// them, the open documents as they are in the editor. A link is its whole
// text (a ref or relref its shortcode), in the file it is written in, each
// once however many pages render it; with includeDecl, the anchor's
// heading (or HTML element) comes first. Links that miss (a fragment in
// another case, the ID of a heading's text where the heading sets its
// own) are not references: link-anchor reports them.
func (s *server) references(ctx context.Context, snap snapshot, pos Position, includeDecl bool) []Location {
	a := s.analyze(ctx, snap)
	if a.res == nil || a.page == nil {
		return []Location{}
	}
	off := newLineTable(snap.text).offset(pos)
	rel := a.page.Path
	var targets []anchorRef
	var decl *Location
	// anchorsAt adds the anchors that site gives page p from what is
	// written at the cursor.
	anchorsAt := func(an *analysis, p *lint.Page) {
		for _, x := range an.res.Site.Anchors(p) {
			if x.File != rel || x.ID == "" || x.Placeholder() || !onAnchor(snap.text, x, off) {
				continue
			}
			targets = append(targets, anchorRef{p.Path, x.ID})
			if decl == nil {
				f := newFiles(an)
				start := anchorStart(x)
				t := f.table(rel)
				loc := Location{URI: f.uri(rel), Range: t.rangeOf(start, t.lineEnd(t.position(start).Line))}
				decl = &loc
			}
		}
	}
	switch classify(snap.doc, snap.cfg) {
	case kindOther:
		if a.includers == nil {
			return []Location{}
		}
		for _, p := range a.includers.res.Site.Pages {
			anchorsAt(a.includers, p)
		}
	case kindContent, kindCareer:
		anchorsAt(a, a.page)
		if len(targets) == 0 {
			targets = append(targets, anchorRef{file: rel})
		}
	}
	if len(targets) == 0 {
		return []Location{}
	}
	res, links := s.linksTo(ctx, snap, targets)
	out := []Location{}
	if includeDecl && decl != nil {
		out = append(out, *decl)
	}
	if res == nil {
		return out
	}
	f := newFiles(&analysis{snap: snap, res: res})
	for _, sp := range links {
		out = append(out, f.location(sp))
	}
	return out
}

// onAnchor reports whether offset off of a document's text is on the
// line that defines anchor x (a heading's first line, an HTML element's
// start).
func onAnchor(text []byte, x lint.Anchor, off int) bool {
	start := anchorStart(x)
	if start < 0 || start > len(text) || off < 0 || off > len(text) {
		return false
	}
	lo, hi := min(start, off), max(start, off)
	for _, c := range text[lo:hi] {
		if c == '\n' {
			return false
		}
	}
	return true
}

// linksTo reads every Markdown page under the content root, with the
// snapshot's open documents, and returns the run and the spans of the
// links that reach one of targets, each once, in file and offset order.
func (s *server) linksTo(ctx context.Context, snap snapshot, targets []anchorRef) (*lint.Result, []lint.Span) {
	var mu sync.Mutex
	seen := map[lint.Span]bool{}
	var spans []lint.Span
	collect := &lint.Rule{
		Meta: lint.Meta{ID: "LSP-REFERENCES", Name: "references", Summary: "links that reach an anchor or a page", Default: lint.Info},
		CheckPage: func(pass *lint.PagePass) {
			for _, cl := range pass.Site.CheckedLinks(pass.Page) {
				c := cl.Check
				if !c.Found || !reaches(c, targets) {
					continue
				}
				mu.Lock()
				if sp := cl.Link.Span; !seen[sp] {
					seen[sp] = true
					spans = append(spans, sp)
				}
				mu.Unlock()
			}
		},
	}
	opt := lint.RunOptions{Root: snap.ws.root, Config: snap.cfg, Rules: []*lint.Rule{collect}, AllMarkdown: true, Lean: true, Overlay: snap.overlay, URLCache: snap.ws.urls}
	res, err := lint.Run(ctx, opt)
	if err != nil {
		s.log.Printf("references: %v", err)
		return nil, nil
	}
	slices.SortFunc(spans, func(x, y lint.Span) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
	})
	return res, spans
}

// reaches reports whether a resolved link reaches one of targets.
func reaches(c lint.LinkCheck, targets []anchorRef) bool {
	for _, t := range targets {
		if c.Target != t.file {
			continue
		}
		if t.id == "" || c.Dest.HasFragment && c.Dest.Fragment == t.id {
			return true
		}
	}
	return false
}
