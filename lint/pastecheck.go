package lint

import (
	"context"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

// A rewrite of list markers is one byte for one byte, so it keeps every
// offset of a file; but Hugo reads an included file's lists only once it
// has pasted the file in place of its include shortcode, where they may
// join, split or change their looseness with what is around them. The
// checks below paste a page's includes as Hugo does (each file's text,
// verbatim, in place of its shortcode, through includes of includes),
// parse the result before and after the rewrite, and compare how the
// items are read: a test of the outcome, not a model of each case.

// ByteEdit replaces the byte at offset At of a file with B.
type ByteEdit struct {
	At int
	B  byte
}

// Rewrite names a rewrite of list markers and gives, for a file, the
// byte edits it makes there (every list it would rewrite, in any file
// pasted with the one checked: the rules fix them all in one round).
type Rewrite struct {
	// Key identifies the rewrite among the site's memos, e.g.
	// "list-marker -".
	Key   string
	Edits func(f *Page) []ByteEdit
}

// RewriteChange is where a rewrite of a list changes how Hugo reads it
// or the lists it joins.
type RewriteChange struct {
	// Page is the page that pastes the list's file (or the list's own
	// page, whose includes are pasted next to it).
	Page string
	// At is the include shortcode of that page through which the list is
	// pasted, or, for the page's own list, the include nearest to it.
	At Span
	// Moved is set when an item there is no list item after the
	// rewrite, or one at another depth or in another kind of list; when
	// it is not, the items only join other lists, or leave them, loose
	// where they were tight or the reverse.
	Moved bool
	// Inner is set when the items read otherwise are only those of lists
	// inside the list's items that the rewrite leaves as they are ("*\n
	// * --", a list kept for a thematic break under an empty item: with
	// "-" for the item alone, goldmark reads it as a list of its own).
	Inner bool
}

// maxPasted bounds the text a pasted page may make, and maxPastes the
// include shortcodes pasted: beyond them the check is not made.
const (
	maxPasted = 16 << 20
	maxPastes = 10000
)

// RewriteChanges reports whether rewriting the markers of list l of file
// p, with the other rewrites rw makes in the files pasted with it, changes
// how Hugo reads l's items or those of the list they end up in, on a page
// that pastes p (through includes, as far as Includers finds them), or
// on p itself: an item that is no list item
// there (text after the shortcode on its line, a code block), or one read
// at another depth, in another kind of list, or loose where it was tight
// (two lists joined across a blank line) or the reverse. A tight join of
// two lists of one kind keeps every item as it was read and is no change.
// It reports the first such page; nil when there is none.
func (s *Site) RewriteChanges(p *Page, l List, rw Rewrite) *RewriteChange {
	if len(l.Items) == 0 {
		return nil
	}
	// The pages beyond a run over some pages (found by reading every page,
	// see Includers) are looked at only for a list at the start or end of
	// its file, which lists around the include may join; one inside the
	// file keeps to the run's pages, as Hugo reads it alike unless the
	// include sits in a code block or after text.
	tops := s.pastingPages(p, s.atFileEdge(p, l))
	// An include many pages paste is checked on each: two parses a page,
	// on every core (the memos let rules share them); the first page in
	// order that shows a change is reported.
	changed, moved, inner := make([]bool, len(tops)), make([]bool, len(tops)), make([]bool, len(tops))
	parallel(context.Background(), len(tops), runtime.GOMAXPROCS(0), func(i int) {
		orig := s.pastedParse(tops[i], "", nil)
		if orig == nil {
			return
		}
		if rew := s.pastedParse(tops[i], rw.Key, rw.Edits); rew != nil {
			changed[i], moved[i], inner[i] = changedItems(p, l, orig, rew)
		}
	})
	for i, top := range tops {
		if changed[i] {
			return &RewriteChange{Page: top.Path, At: s.pastedParse(top, "", nil).pasted.via(p, l, top), Moved: moved[i], Inner: inner[i]}
		}
	}
	return nil
}

// RewriteFiles returns the files whose rewrite RewriteChanges reads for
// list l of file p: every file pasted on the pages it checks l on, p
// among them, in order of path. A rewrite that makes the same edits in
// each of them gets the same answer from RewriteChanges.
func (s *Site) RewriteFiles(p *Page, l List) []*Page {
	if len(l.Items) == 0 {
		return nil
	}
	seen := map[*Page]bool{p: true}
	out := []*Page{p}
	for _, top := range s.pastingPages(p, s.atFileEdge(p, l)) {
		pp := s.pastedParse(top, "", nil)
		if pp == nil {
			continue
		}
		pp.pasted.index()
		for _, f := range pp.pasted.files {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// atFileEdge reports whether list l is at the start or end of file p,
// after or before white space only: lists around an include of p may
// join it there, on pages beyond the run's too (see RewriteChanges).
func (s *Site) atFileEdge(p *Page, l List) bool {
	return onlySpace(p.Src[:min(l.Span.Start, len(p.Src))]) || onlySpace(p.Src[min(l.Span.End, len(p.Src)):])
}

// pastingPages returns the pages whose rendering holds file p's text
// pasted with others: p itself when it is a page, and the
// pages that include it, directly or through included files; beyond
// the run's pages too when beyond is set (Includers), else only the
// run's.
func (s *Site) pastingPages(p *Page, beyond bool) []*Page {
	var out []*Page
	seen := map[string]bool{}
	var up func(f *Page, depth int)
	up = func(f *Page, depth int) {
		if seen[f.Path] || depth > maxPasteDepth*4 {
			return
		}
		seen[f.Path] = true
		if k := s.Config.Classify(f.Path); k == CareerPage || k == ContentPage {
			// A page's own lists are checked too when it pastes nothing:
			// a rewrite may join or nest them in ways a model of each
			// case misses ("+\n  * " is one list of two items, "-\n  - "
			// a list in a list).
			if len(f.Includes) > 0 || depth == 0 {
				out = append(out, f)
			}
			return
		}
		in := s.runIncluders()[f.Path]
		if beyond {
			in = s.Includers(f.Path)
		}
		for _, in := range in {
			up(in.File, depth+1)
		}
	}
	up(p, 0)
	return out
}

// pasted is a page's text with its includes pasted, and where each run
// of it comes from.
type pasted struct {
	src    []byte
	chunks []pasteChunk

	// byFile holds the indexes in chunks of each file's chunks, in order,
	// and files the files in order of their first chunk; inOrder is set
	// for a file whose chunks follow one another in the file, as those
	// of a file pasted once do (see index).
	indexOnce sync.Once
	byFile    map[*Page][]int
	files     []*Page
	inOrder   map[*Page]bool
}

// index indexes pt's chunks by file, once: the rules ask of every list
// of a page where its items are pasted, and a page of thousands of
// includes has thousands of chunks.
func (pt *pasted) index() {
	pt.indexOnce.Do(func() {
		pt.byFile, pt.inOrder = map[*Page][]int{}, map[*Page]bool{}
		for i, c := range pt.chunks {
			prev, ok := pt.byFile[c.file]
			if !ok {
				pt.files = append(pt.files, c.file)
				pt.inOrder[c.file] = true
			} else if pt.chunks[prev[len(prev)-1]].to > c.from {
				pt.inOrder[c.file] = false
			}
			pt.byFile[c.file] = append(prev, i)
		}
	})
}

// pasteChunk is a run of a file's text, [from, to), at offset at of the
// pasted text, pasted through the top page's include shortcode via (the
// page's own text has an empty via).
type pasteChunk struct {
	file     *Page
	from, to int
	at       int
	via      Span
}

// pasteParse is a pasted page's text parsed: its list items by marker
// offset, and the marker offsets of the items of each list (by the
// offset of its first item) and of the items of the lists inside each
// item (by the item's marker offset), in order.
type pasteParse struct {
	pasted   *pasted
	items    map[int]pastedItem
	byList   map[int][]int
	children map[int][]int

	// lists holds, for a rewrite's parse, what listChanged found of its
	// lists (every list joined into one asks of it); the rules ask
	// from several goroutines.
	mu    sync.Mutex
	lists map[listKey]itemChange
}

// listKey names a list of a rewrite's parse (by the offset of its first
// item), compared with the parse before the rewrite.
type listKey struct {
	orig *pasteParse
	list int
}

// itemChange is how a rewrite reads items otherwise (see
// RewriteChange.Moved).
type itemChange struct{ changed, moved bool }

// compareItem returns how the rewrite reads an item as r that the parse
// before it reads as o (ok when it reads it as an item).
func compareItem(o pastedItem, ok bool, r pastedItem) itemChange {
	switch {
	case !ok || o.path != r.path || o.ordered != r.ordered:
		return itemChange{true, true}
	case o.tight != r.tight:
		return itemChange{changed: true}
	}
	return itemChange{}
}

// or is c with d's changes added.
func (c itemChange) or(d itemChange) itemChange {
	return itemChange{c.changed || d.changed, c.moved || d.moved}
}

// newPasteParse parses pasted text pt and indexes its items.
func newPasteParse(pt *pasted) *pasteParse {
	pp := &pasteParse{pasted: pt, items: parsedItems(pt.src), byList: map[int][]int{}, children: map[int][]int{}}
	for _, q := range slices.Sorted(maps.Keys(pp.items)) {
		it := pp.items[q]
		pp.byList[it.list] = append(pp.byList[it.list], q)
		if it.parent >= 0 {
			pp.children[it.parent] = append(pp.children[it.parent], q)
		}
	}
	return pp
}

// below calls visit for each item that a list inside a source item
// holds (isSource reports the sources), through lists inside items, up to
// MaxNesting+1 items below the nearest source above it: the items whose
// walk up over that many items meets a source. Sources themselves are
// not visited. Each item is visited once, in no set order; below stops
// and returns false as soon as visit does.
func (pp *pasteParse) below(sources []int, isSource func(q int) bool, visit func(q int) bool) bool {
	// depth counts the items from the nearest source down to a's
	// children.
	var down func(a, depth int) bool
	down = func(a, depth int) bool {
		for _, q := range pp.children[a] {
			if isSource(q) {
				continue // walked from itself
			}
			if !visit(q) {
				return false
			}
			if depth <= MaxNesting && !down(q, depth+1) {
				return false
			}
		}
		return true
	}
	for _, a := range sources {
		if !down(a, 1) {
			return false
		}
	}
	return true
}

// pastedItem is how goldmark read a list item: the kinds of the blocks
// around it, whether its list is tight and ordered, and which list (by
// the offset of its first item) holds it.
type pastedItem struct {
	path    string
	tight   bool
	ordered bool
	list    int
	// parent is the marker offset of the list item that holds this
	// one's list, -1 for a list in no item.
	parent int
}

// pastedKey is the key of a page's pasted parse among the site's memos.
type pastedKey struct{ page, rewrite string }

// pastedParse returns top's text with its includes pasted, with the
// rewrite's edits made in every file (none for key ""), parsed, once per
// site; nil when it is past the limits.
func (s *Site) pastedParse(top *Page, key string, edits func(*Page) []ByteEdit) *pasteParse {
	v := s.Memo(pastedKey{top.Path, key}, func() any {
		pt := s.paste(top)
		if pt == nil {
			return (*pasteParse)(nil)
		}
		if edits != nil {
			src := append([]byte(nil), pt.src...)
			byFile := map[*Page][]ByteEdit{}
			for _, c := range pt.chunks {
				es, ok := byFile[c.file]
				if !ok {
					// In order of offset (the last of two at one offset
					// is made last), to find a chunk's by searching.
					es = slices.Clone(edits(c.file))
					slices.SortStableFunc(es, func(a, b ByteEdit) int { return a.At - b.At })
					byFile[c.file] = es
				}
				i := sort.Search(len(es), func(j int) bool { return es[j].At >= c.from })
				for ; i < len(es) && es[i].At < c.to; i++ {
					src[c.at+es[i].At-c.from] = es[i].B
				}
			}
			pt = &pasted{src: src, chunks: pt.chunks}
		}
		return newPasteParse(pt)
	})
	return v.(*pasteParse)
}

// paste returns top's text as Hugo reads it: its front matter left out,
// shortcodes other than includes masked as careerlint reads them (plain
// text, as Hugo's placeholders are), and each include shortcode that
// names a file replaced by that file's text, pasted the same way; nil
// past the limits. An include of itself stays its shortcode.
func (s *Site) paste(top *Page) *pasted {
	pt := &pasted{}
	pastes := 0
	onPath := map[string]bool{}
	var walk func(f *Page, from int, via Span) bool
	walk = func(f *Page, from int, via Span) bool {
		onPath[f.Path] = true
		defer delete(onPath, f.Path)
		masked := shortcode.Mask(f.Src, f.Shortcodes)
		at := from
		emit := func(to int) bool {
			if to <= at {
				return true
			}
			if len(pt.src)+to-at > maxPasted {
				return false
			}
			pt.chunks = append(pt.chunks, pasteChunk{file: f, from: at, to: to, at: len(pt.src), via: via})
			pt.src = append(pt.src, masked[at:to]...)
			return true
		}
		for _, inc := range f.Includes {
			if inc.Span.Start < at {
				continue
			}
			c := s.includedPage(inc)
			if c == nil || c.Src == nil || onPath[c.Path] {
				continue
			}
			if pastes++; pastes > maxPastes || !emit(inc.Span.Start) {
				return false
			}
			v := via
			if f == top {
				v = inc.Span
			}
			if !walk(c, 0, v) {
				return false
			}
			at = inc.Span.End
		}
		return emit(len(f.Src))
	}
	// Hugo drops a page's byte order mark and front matter (the page may
	// have been read as an include is, without them).
	from := bomLen(top.Src)
	fm := top.FrontMatter
	if fm == nil {
		fm = parseFrontMatter(top.Src, func([]byte) bool { return false })
	}
	if fm != nil && fm.End <= len(top.Src) {
		from = max(from, fm.End)
	}
	if !walk(top, from, Span{}) {
		return nil
	}
	return pt
}

// offsets returns the offsets in the pasted text of offset off of file f,
// one for each time f is pasted.
func (pt *pasted) offsets(f *Page, off int) []int {
	var out []int
	for _, i := range pt.chunksAt(f, off) {
		c := pt.chunks[i]
		out = append(out, c.at+off-c.from)
	}
	return out
}

// chunksAt returns the indexes of the chunks of file f that hold offset
// off, in order.
func (pt *pasted) chunksAt(f *Page, off int) []int {
	pt.index()
	idx := pt.byFile[f]
	if pt.inOrder[f] {
		// The chunks are apart and in order: the last that starts at or
		// before off is the only one that may hold it.
		k := sort.Search(len(idx), func(j int) bool { return pt.chunks[idx[j]].from > off }) - 1
		if k >= 0 && off < pt.chunks[idx[k]].to {
			return idx[k : k+1]
		}
		return nil
	}
	var out []int
	for _, i := range idx {
		if c := pt.chunks[i]; off >= c.from && off < c.to {
			out = append(out, i)
		}
	}
	return out
}

// via returns where list l of file p reaches the top page: the include
// shortcode of top that pastes it, or, for top's own list, the include of
// top nearest to it.
func (pt *pasted) via(p *Page, l List, top *Page) Span {
	if p != top {
		if at := pt.chunksAt(p, l.Span.Start); len(at) > 0 {
			return pt.chunks[at[0]].via
		}
	}
	best, dist := Span{}, -1
	for _, inc := range top.Includes {
		d := max(inc.Span.Start-l.Span.End, l.Span.Start-inc.Span.End, 0)
		if dist < 0 || d < dist {
			best, dist = inc.Span, d
		}
	}
	return best
}

// changedItems reports whether the rewrite changes how l's items, in any
// pasted copy of them, or the items of the lists they are in after it
// or were in before it, are read, whether it moves one (see
// RewriteChange.Moved), and whether those are only items inside l's
// items that it does not rewrite (RewriteChange.Inner).
func changedItems(p *Page, l List, orig, rew *pasteParse) (changed, moved, inner bool) {
	var c itemChange
	lists, was := map[int]bool{}, map[int]bool{} // after the rewrite, before it
	for _, it := range l.Items {
		for _, q := range orig.pasted.offsets(p, it.MarkerStart) {
			o, ok := orig.items[q]
			r, rok := rew.items[q]
			if !rok {
				// No item after the rewrite.
				return true, true, false
			}
			c = c.or(compareItem(o, ok, r))
			lists[r.list] = true
			if ok {
				was[o.list] = true
			}
		}
	}
	// The items of the lists l's items are in after the rewrite, and
	// those below them (see listChanged).
	for list := range lists {
		c = c.or(rew.listChanged(orig, list))
	}
	// And the items that were in those lists' items before the rewrite
	// and that it does not rewrite ("*\n  * --", the list under the empty
	// item keeping its marker for a thematic break: "-\n  * --" takes
	// it out of the item, as a list of its own), looked at when nothing
	// above changed: what is said of the list is then about them.
	if c.changed {
		return c.changed, c.moved, false
	}
	var wasItems []int
	for list := range was {
		wasItems = append(wasItems, orig.byList[list]...)
	}
	gone := !orig.below(wasItems, func(q int) bool { return was[orig.items[q].list] }, func(q int) bool {
		r, ok := rew.items[q]
		if ok && lists[r.list] || !samePasted(orig, rew, q) {
			return true
		}
		if !ok {
			return false
		}
		c = c.or(compareItem(orig.items[q], true, r))
		return true
	})
	if gone {
		return true, true, true
	}
	return c.changed, c.moved, c.changed
}

// listChanged returns how rewrite parse rew reads otherwise than orig
// the items of its list that starts at offset list, and the items the
// rewrite puts in their lists' items and does not rewrite ("*\n  - a":
// "-\n  - a" nests the list of dashes, which goldmark reads as a list
// of its own under an empty item of another marker): the rewrite moves
// them. An item it rewrites too is its own list's to tell. Every list
// that the rewrite joins into this one asks it: it is worked out once.
func (rew *pasteParse) listChanged(orig *pasteParse, list int) itemChange {
	k := listKey{orig, list}
	rew.mu.Lock()
	c, ok := rew.lists[k]
	rew.mu.Unlock()
	if ok {
		return c
	}
	items := rew.byList[list]
	for _, q := range items {
		o, ok := orig.items[q]
		c = c.or(compareItem(o, ok, rew.items[q]))
	}
	rew.below(items, func(q int) bool { return rew.items[q].list == list }, func(q int) bool {
		if samePasted(orig, rew, q) {
			o, ok := orig.items[q]
			c = c.or(compareItem(o, ok, rew.items[q]))
		}
		return true
	})
	rew.mu.Lock()
	if rew.lists == nil {
		rew.lists = map[listKey]itemChange{}
	}
	rew.lists[k] = c
	rew.mu.Unlock()
	return c
}

// samePasted reports whether the rewrite leaves the byte at offset q of
// the pasted text as it was.
func samePasted(orig, rew *pasteParse, q int) bool {
	return q < len(rew.pasted.src) && q < len(orig.pasted.src) && rew.pasted.src[q] == orig.pasted.src[q]
}

// parsedItems parses pasted text and returns its list items by the
// offset of their marker.
func parsedItems(src []byte) map[int]pastedItem {
	// Only blocks matter here: the lean parse skips the inlines of plain
	// paragraphs, most of goldmark's time, and reads blocks as the full
	// one does.
	doc := parseLean(src, true, nil)
	out := map[int]pastedItem{}
	var path []string
	items := []int{-1} // the marker offsets of the items around the walk
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			if entering {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		_, isItem := n.(*ast.ListItem)
		if !entering {
			path = path[:len(path)-1]
			if isItem {
				items = items[:len(items)-1]
			}
			return ast.WalkContinue, nil
		}
		path = append(path, n.Kind().String())
		if !isItem {
			return ast.WalkContinue, nil
		}
		at := -1
		if l, ok := n.Parent().(*ast.List); ok && n.Pos() >= 0 {
			at = itemMarker(src, n, l)
			first := at
			if f, ok := l.FirstChild().(*ast.ListItem); ok && f != n && f.Pos() >= 0 {
				first = itemMarker(src, f, l)
			}
			out[at] = pastedItem{path: strings.Join(path, ">"), tight: l.IsTight, ordered: l.IsOrdered(), list: first, parent: items[len(items)-1]}
		}
		items = append(items, at)
		return ast.WalkContinue, nil
	})
	return out
}
