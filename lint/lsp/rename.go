package lsp

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

// headingAt returns the heading of a document's page that the cursor is
// on (any of its lines), with the range of its text as written (without
// markers, an attribute list or closing #'s), or ok false. A heading whose
// text is not written on its first line alone as Source holds it (a
// setext heading of several lines) has no such range.
func headingAt(p *lint.Page, text []byte, off int) (h *lint.Heading, start, end int, ok bool) {
	if p == nil {
		return nil, 0, 0, false
	}
	for i := range p.Headings {
		h := &p.Headings[i]
		if h.Span.File != "" && h.Span.File != p.Path {
			continue
		}
		if !onAnchor(text, lint.Anchor{Heading: h}, off) {
			continue
		}
		start = h.TextStart
		for start < h.TextEnd && start < len(text) && (text[start] == ' ' || text[start] == '\t') {
			start++
		}
		end = start + len(h.Source)
		if h.Source == "" || strings.ContainsAny(h.Source, "\r\n") || end > len(text) || string(text[start:end]) != h.Source {
			return nil, 0, 0, false
		}
		return h, start, end, true
	}
	return nil, 0, 0, false
}

// prepareRename returns the range and text of the heading the cursor is
// on, which rename renames, or nil when it is on none.
func (s *server) prepareRename(ctx context.Context, snap snapshot, pos Position) *PrepareRenameResult {
	page := s.renamedPage(ctx, snap)
	if page == nil {
		return nil
	}
	t := newLineTable(snap.text)
	h, start, end, ok := headingAt(page, snap.text, t.offset(pos))
	if !ok || h.Shortcode || h.Pattern {
		return nil // rename refuses it
	}
	return &PrepareRenameResult{Range: t.rangeOf(start, end), Placeholder: h.Source}
}

// renamedPage returns the page whose headings rename looks at: the
// document's lint's, or for a page the lint leaves out by the
// configuration's ignore globs (Hugo renders it all the same, and links
// reach it), its text parsed as the lint parses a page. nil for a
// document careerlint reads no page from, and for one the root's
// .gitignore leaves out, which no pass over the handbook reads (its
// anchors, and so the links to them, are not known).
func (s *server) renamedPage(ctx context.Context, snap snapshot) *lint.Page {
	why := lint.IgnoredBy(snap.ws.root, snap.cfg, snap.doc.rel)
	if why == lint.IgnoredByGitignore {
		return nil
	}
	if a := s.analyze(ctx, snap); a.page != nil {
		return a.page
	}
	switch classify(snap.doc, snap.cfg) {
	case kindCareer, kindContent, kindOther:
		if why != lint.IgnoredByGlobs {
			return nil
		}
		if p := lint.ParsePage(snap.doc.rel, snap.text, snap.cfg.ParseOptions()); p.Parsed() {
			return p
		}
	}
	return nil
}

// editableLink is a link of the handbook that reaches an anchor: the page
// and fragment it reaches, where its destination is written, and where
// the link is (its place in the file, as references lists it).
type editableLink struct {
	target, frag string
	// file holds the destination dest, written at [start, end).
	file       string
	dest       string
	start, end int
	bare       bool // a bare URL, which linkify made a link
	at         lint.Span
}

// escapeClosingHashes escapes the first "#" of a run of them that ends a
// new ATX heading text and starts it or follows a space ("Leadership #",
// "C #"): CommonMark reads such a run as the heading's optional closing
// sequence and drops it, where the name typed means the characters.
func escapeClosingHashes(name string) string {
	trimmed := strings.TrimRight(name, "#")
	if trimmed == name || trimmed != "" && !strings.HasSuffix(trimmed, " ") && !strings.HasSuffix(trimmed, "\t") {
		return name
	}
	return trimmed + "\\" + name[len(trimmed):]
}

// rename renames the heading the cursor is on to newName and returns the
// edits that keep every link to it working: the heading's text, and the
// fragment of each link in the handbook (read as references reads it)
// that reaches an anchor whose ID the new text changes on a page that
// renders the file. Not only the heading's own: a repeated heading's
// numbered IDs ("#setup-1") move when an earlier one is renamed, and so
// do the links to them. A bare URL's fragment is percent-encoded beyond
// ASCII letters, digits and '-'.
//
// It fails, editing nothing, when the cursor is on no heading (or on one
// of several lines); when the new text is no heading text (empty, on
// several lines, changing the page's anchors other than by their IDs,
// one Hugo gives no ID, one whose ID an explicit ID or raw HTML anchor of
// the page has too, one after which a link by an ID reaches another
// element); when a shortcode in the old or new text makes the ID; when a
// link to a moved anchor writes its fragment so that it cannot be
// rewritten (a backslash escape or an entity in it, after a ref
// shortcode); or when a link written once in an included file reaches
// anchors the rename moves differently on the pages that paste it. The
// error names the first such link.
func (s *server) rename(ctx context.Context, snap snapshot, pos Position, newName string) (*WorkspaceEdit, error) {
	defer s.lockRefs(snap.ws)()
	page := s.renamedPage(ctx, snap)
	switch {
	case page == nil && lint.IgnoredBy(snap.ws.root, snap.cfg, snap.doc.rel) == lint.IgnoredByGitignore:
		return nil, errors.New("the root's .gitignore leaves this file out, so careerlint reads no links to it: rename the heading by hand")
	case page == nil:
		return nil, errors.New("careerlint does not read this file: no heading to rename")
	}
	t := newLineTable(snap.text)
	h, start, end, ok := headingAt(page, snap.text, t.offset(pos))
	switch {
	case !ok:
		return nil, errors.New("put the cursor on a heading to rename it")
	case h.Shortcode || h.Pattern:
		return nil, errors.New("the heading's ID comes from a shortcode in its text, which careerlint cannot follow; rename it by hand")
	}
	name := strings.TrimSpace(newName)
	if name == "" || strings.ContainsAny(name, "\r\n") {
		return nil, errors.New("write the new heading text on one line")
	}
	if !h.Setext {
		name = escapeClosingHashes(name)
	}
	if string(snap.text[start:end]) == name {
		// Nothing changes: no edit, and no read of the handbook.
		return &WorkspaceEdit{}, nil
	}
	rel := snap.doc.rel
	newText := slices.Concat(snap.text[:start], []byte(name), snap.text[end:])

	// The handbook as it is: the links that reach a page with a fragment,
	// and the anchors of the pages that render the file.
	hb, err := s.handbookFor(ctx, snap)
	if err != nil {
		return nil, err
	}
	var links []editableLink
	var pages []string
	for _, p := range hb.sortedPages() {
		hp := hb.pages[p]
		for _, l := range hp.links {
			if l.hasFrag {
				links = append(links, l.editable())
			}
		}
		if slices.Contains(hp.pasted, rel) {
			pages = append(pages, p)
		}
	}
	var mu sync.Mutex
	anchorsOf := func(overlay map[string][]byte) (map[string][]lint.Anchor, error) {
		out := map[string][]lint.Anchor{}
		if len(pages) == 0 {
			return out, nil // no page renders the file: no anchor, no link to edit
		}
		_, err := runHandbook(ctx, snap, overlay, pages, func(pass *lint.PagePass) {
			var anchors []lint.Anchor
			if pass.Page.Parsed() {
				anchors = slices.Clone(pass.Site.Anchors(pass.Page))
			}
			mu.Lock()
			out[pass.Page.Path] = anchors
			mu.Unlock()
		})
		if err == nil {
			err = ctx.Err()
		}
		return out, err
	}
	before, err := anchorsOf(snap.overlay)
	if err != nil {
		return nil, err
	}
	// The same pages with the new text.
	overlay := make(map[string][]byte, len(snap.overlay)+1)
	maps.Copy(overlay, snap.overlay)
	overlay[rel] = newText
	after, err := anchorsOf(overlay)
	if err != nil {
		return nil, err
	}
	// moved maps, per page, each anchor ID the new text changes to the
	// new ID of the anchor a link by it reaches now (the first with it).
	moved := map[string]map[string]string{}
	for _, p := range pages {
		b, n := before[p], after[p]
		if len(b) != len(n) {
			return nil, fmt.Errorf("%q would change the anchors of %s (%d instead of %d), not only their IDs; edit the heading by hand", name, p, len(n), len(b))
		}
		for i := range b {
			if (b[i].Heading == nil) != (n[i].Heading == nil) || b[i].File != n[i].File {
				return nil, fmt.Errorf("%q would change the anchors of %s, not only their IDs; edit the heading by hand", name, p)
			}
			if b[i].ID != "" && n[i].ID == "" {
				return nil, fmt.Errorf("Hugo gives a heading with the text %q no ID; links to #%s would break", name, b[i].ID)
			}
			if h := n[i].Heading; h != nil && (h.Shortcode || h.Pattern) && !(b[i].Heading.Shortcode || b[i].Heading.Pattern) {
				return nil, fmt.Errorf("%q holds a shortcode, which makes the heading's ID one careerlint cannot follow; rename it by hand", name)
			}
		}
		// Hugo numbers repeated heading IDs, but an explicit {#id} or a raw
		// HTML id may repeat one: a link reaches the first element in
		// the page with it, which a new repeat can change.
		uses := func(as []lint.Anchor) map[string]int {
			m := map[string]int{}
			for _, x := range as {
				m[x.ID]++
			}
			return m
		}
		ub, un := uses(b), uses(n)
		for i := range n {
			if id := n[i].ID; id != "" && un[id] > ub[id] && un[id] > 1 {
				return nil, fmt.Errorf("the new text gives the heading the ID #%s, which another anchor of %s has too (an explicit ID or raw HTML); a link could not tell them apart", id, p)
			}
		}
		// A link by an anchor's ID reaches the first anchor with it: after
		// the rename, the link (rewritten to the anchor's new ID) must
		// reach the same one.
		first := func(as []lint.Anchor) map[string]int {
			m := map[string]int{}
			for i, x := range as {
				if _, ok := m[x.ID]; !ok {
					m[x.ID] = i
				}
			}
			return m
		}
		fb, fn := first(b), first(n)
		for i := range b {
			if id := b[i].ID; id != "" && fb[id] == i && fn[n[i].ID] != i {
				return nil, fmt.Errorf("after the rename, #%s would reach another element of %s than the one #%s reaches now (an ID repeated by an explicit ID or raw HTML); rename the heading by hand", n[i].ID, p, id)
			}
		}
		m := map[string]string{}
		for i := range b {
			if _, done := m[b[i].ID]; !done && b[i].ID != "" {
				m[b[i].ID] = n[i].ID
			}
		}
		for id, to := range m {
			if id == to {
				delete(m, id)
			}
		}
		if len(m) > 0 {
			moved[p] = m
		}
	}
	// The edits: the heading's text, and each link's fragment once.
	f := newFiles(&analysis{snap: snap})
	edits := map[string][]TextEdit{f.uri(rel): {{Range: t.rangeOf(start, end), NewText: name}}}
	// A link written once may render on several pages (in an included
	// file) and reach a different anchor on each: it is edited only when
	// the rename moves all of them alike.
	byPlace := map[lint.Span][]editableLink{}
	var places []lint.Span
	for _, l := range links {
		if byPlace[l.at] == nil {
			places = append(places, l.at)
		}
		byPlace[l.at] = append(byPlace[l.at], l)
	}
	slices.SortFunc(places, func(x, y lint.Span) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Start, y.Start))
	})
	for _, at := range places {
		ls := byPlace[at]
		first, moves := moved[ls[0].target][ls[0].frag]
		same := true
		for _, l := range ls[1:] {
			to, ok := moved[l.target][l.frag]
			same = same && ok == moves && to == first
			moves = moves || ok
		}
		if !moves {
			continue
		}
		line := f.table(at.File).position(at.Start).Line + 1
		l := ls[0]
		fs, fe, ok := fragmentSpan(f.source(l.file), l.dest, l.start, l.end)
		switch {
		case !same:
			return nil, fmt.Errorf("the link at %s:%d renders on several pages, and the rename moves the anchors it reaches there differently; rename the heading by hand", at.File, line)
		case !ok:
			return nil, fmt.Errorf("the link at %s:%d writes its fragment with a backslash escape or an entity, or after a shortcode; rewrite it by hand, or rename the heading by hand", at.File, line)
		case l.file == rel && fs < end && fe > start:
			continue // a link in the heading's own text is rewritten with it
		}
		uri := f.uri(l.file)
		edits[uri] = append(edits[uri], TextEdit{Range: f.table(l.file).rangeOf(fs, fe), NewText: fragmentText(first, l.bare)})
	}
	return s.versioned(&WorkspaceEdit{Changes: edits}, snap)
}

// fragmentAt records a checked link with a fragment: where its
// destination is written (the definition of a reference link), as
// fragmentSpan reads it once the link is to be edited.
func fragmentAt(cl lint.CheckedLink) editableLink {
	l := cl.Link
	return editableLink{
		target: cl.Check.Target, frag: cl.Check.Dest.Fragment, at: writtenAt(cl.PageLink),
		file: cl.File.Path, dest: l.Dest, start: l.DestStart, end: l.DestEnd,
		// A bare URL (linkify's) ends at a character a URL does not hold.
		bare: l.Kind == lint.AutoLink && l.DestStart == l.Span.Start,
	}
}

// fragmentSpan returns where the fragment of a link is written in src,
// the text of the file holding its destination (dest, written at
// [start, end)): the text after "#" at the end of the destination, when
// it is written as dest holds it (no backslash escape or entity in it,
// not after a shortcode).
func fragmentSpan(src []byte, dest string, start, end int) (int, int, bool) {
	j := strings.IndexByte(dest, '#')
	if start < 0 || end > len(src) || start > end || j < 0 || !strings.HasSuffix(string(src[start:end]), dest[j:]) {
		return 0, 0, false
	}
	return end - len(dest) + j + 1, end, true
}

// fragmentText returns an ID as a link's fragment is written: as it is,
// or for a bare URL with every byte but ASCII letters, digits and '-'
// percent-encoded (linkify would end the URL at an accented letter and
// leave a final '_' out of it); a browser decodes it to the ID.
func fragmentText(id string, bare bool) string {
	if !bare {
		return id
	}
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
