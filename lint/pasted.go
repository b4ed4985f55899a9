package lint

import (
	"bytes"
	"context"
	"slices"
	"sort"
	"strings"
)

// Includer is an include shortcode that pastes a file, with the file it
// is written in.
type Includer struct {
	File    *Page
	Include Include
}

// Includers returns the include shortcodes that paste the file at path
// (root-relative): those of the linted pages, then those of the files
// they include, in the order of Pages and IncludedFiles. Unless the run
// lints every Markdown page of the content folder, those of the other
// pages follow (a run over the career pages does not lint the other pages
// that may paste their included files), and of the files they include
// (see includersBeyondRun), for a file that is no linted page (that
// search looks for the run's included files only, and reads every page).
// The tables are built once per site.
func (s *Site) Includers(path string) []Includer {
	in := s.runIncluders()[path]
	if !s.everyPage && s.byPath[path] == nil {
		if more := s.includersBeyondRun()[path]; len(more) > 0 {
			in = append(slices.Clip(in), more...)
		}
	}
	return in
}

// runIncluders returns the table of Includers within the run: the files
// each linted page and each file they include paste.
func (s *Site) runIncluders() map[string][]Includer {
	return s.Memo(includersKey{}, func() any {
		by := map[string][]Includer{}
		add := func(f *Page) {
			for _, inc := range f.Includes {
				if it := s.ResolveInclude(inc.Target); it.Err == nil {
					by[it.Path] = append(by[it.Path], Includer{File: f, Include: inc})
				}
			}
		}
		for _, p := range s.Pages {
			add(p)
		}
		for _, inc := range s.IncludedFiles() {
			add(inc.Page)
		}
		return by
	}).(map[string][]Includer)
}

// includersBeyondRun returns, for a run that does not lint every page,
// the include shortcodes that paste the run's included files from
// outside the run: those of the other Markdown pages of the content
// folder, those the ignore globs leave out among them (Hugo renders
// them), whose text names one of those files or an include file that
// includes one (a textual search, PagesPasting's or
// RunOptions.PagesIncluding's, that reads every page once and only when a
// rule first asks), and those of the files these pages include that the
// run does not. An editor's unsaved text is read in place of its file. A fix to an included file's list that would join a
// list on a page the run was not given is then withheld as it is in a
// run over every page.
func (s *Site) includersBeyondRun() map[string][]Includer {
	return s.Memo(includersBeyondKey{}, func() any {
		var names []string
		inRun := map[string]bool{}
		for _, f := range s.IncludedFiles() {
			names = append(names, f.Page.Path)
			inRun[f.Page.Path] = true
		}
		if len(names) == 0 {
			return map[string][]Includer(nil)
		}
		search := s.pagesIncluding
		if search == nil {
			search = func(ctx context.Context, includes []string) ([]string, error) {
				return PagesPasting(ctx, s.Root, s.Config, includes)
			}
		}
		found, _ := search(context.Background(), names)
		pages := map[string]bool{}
		for _, f := range found {
			if !s.absent[f] {
				pages[f] = true
			}
		}
		// An unsaved text may name an include its file does not, or no
		// longer name one; it may paste a file of the run through an
		// include file the run does not read, which a test of the names
		// would miss (the search of the files on disk finds those include
		// files first). Such pages are few (an editor's open ones): each
		// is parsed, and its includes followed as the others'.
		for f := range s.overlay {
			if k := s.Config.Classify(f); k == CareerPage || k == ContentPage {
				pages[f] = true
			}
		}
		by := map[string][]Includer{}
		var add func(f *Page, depth int)
		add = func(f *Page, depth int) {
			for _, inc := range f.Includes {
				it := s.ResolveInclude(inc.Target)
				if it.Err != nil {
					continue
				}
				by[it.Path] = append(by[it.Path], Includer{File: f, Include: inc})
				// The run's own included files' includers are in its
				// table already.
				if it.Page != nil && !inRun[it.Path] && depth < maxPasteDepth {
					inRun[it.Path] = true
					add(it.Page, depth+1)
				}
			}
		}
		opts := s.Config.ParseOptions()
		for _, f := range sortedKeys(pages) {
			if !pages[f] || s.byPath[f] != nil {
				continue
			}
			if src := s.Source(f); src != nil {
				add(ParsePage(f, src, opts), 0)
			}
		}
		return by
	}).(map[string][]Includer)
}

// ReadOtherPages reports whether the run read the include shortcodes of
// content pages it was not given (see Includers): what it reported then
// depends on every page that pastes one of its included files, or comes
// to (a language server lints it again when such a page changes).
func (s *Site) ReadOtherPages() bool {
	_, ok := s.memos.Load(includersBeyondKey{})
	return ok
}

// includersKey and includersBeyondKey are the keys of the includers
// tables among the site's memos.
type (
	includersKey       struct{}
	includersBeyondKey struct{}
)

// ListNeighbour is a list that Hugo reads right next to another one
// across an include shortcode, which the two files' own parses do not
// see: Hugo pastes the included text in place of the shortcode before
// goldmark reads the page.
type ListNeighbour struct {
	// Ordered and Marker are the neighbour's kind and marker ('-', '*',
	// '+'; '.' or ')' for an ordered list).
	Ordered bool
	Marker  byte
	// Gap is set when a blank line separates the two in the pasted text:
	// joined, they would make a loose list.
	Gap bool
	// At is the include shortcode that puts them side by side.
	At Span
	// After is set when the two lists meet right after the shortcode At
	// (what it pastes ends with one, the other follows it), not right
	// before it: a line that keeps them apart goes there.
	After bool
}

// PastedListNeighbours returns the lists that include shortcodes put
// right before or after list l of page p: for a list at the start or end
// of an included file, the lists next to each shortcode that pastes it
// (the including file's, or those another included file pasted right
// there starts or ends with); for a list of a file right before or after
// an include shortcode, the list the included file starts or ends with.
// Only top-level lists count, and only shortcodes alone on their line, at
// its start: the included text is then read at the top level of the
// including file. A rule that rewrites list markers asks it before
// offering a fix, which could otherwise join two lists of different
// files into one.
func (s *Site) PastedListNeighbours(p *Page, l List) []ListNeighbour {
	if l.Depth != 0 {
		return nil
	}
	var out []ListNeighbour
	if onlySpace(p.Src[:l.Span.Start]) {
		// l starts the file: the lists before the shortcodes pasting it.
		for _, in := range s.Includers(p.Path) {
			if n, ok := s.listBeforeInclude(in.File, in.Include, 0); ok {
				n.Gap = n.Gap || lineStart(p.Src, l.Span.Start) > 0
				out = append(out, n)
			}
		}
	}
	if onlySpace(p.Src[l.Span.End:]) {
		// l ends the file: the lists after the shortcodes pasting it.
		for _, in := range s.Includers(p.Path) {
			if n, ok := s.listAfterInclude(in.File, in.Include, 0); ok {
				n.Gap = n.Gap || endsWithNewline(p.Src, l)
				out = append(out, n)
			}
		}
	}
	// l is right before or after a shortcode of p: the list the included
	// file starts or ends with.
	for _, inc := range nearIncludes(p, l) {
		if !pastesBlocks(p, inc) {
			continue
		}
		// The shortcode's line may go on with l's last item in p's own
		// parse (a lazy line); pasted, a list item there starts a list.
		lazy := l.Span.Start < inc.Span.Start && inc.Span.Start < l.Span.End
		if lazy || inc.Span.Start >= l.Span.End && onlySpace(p.Src[l.Span.End:inc.Span.Start]) {
			if f := s.includedPage(inc); f != nil {
				if lf, top, ok := s.startList(f, 0); ok {
					gap := !lazy && linesBetween(p.Src, l.Span.End, inc.Span.Start) || top
					out = append(out, ListNeighbour{Ordered: lf.Ordered, Marker: lf.Marker, Gap: gap, At: inc.Span})
				}
			}
		}
		// l goes on after a lazy shortcode line with another item: pasted,
		// that item starts a list after the one the included file ends
		// with.
		if next, ok := itemAfter(p, l, inc.Span.End); lazy && ok {
			if f := s.includedPage(inc); f != nil {
				if lf, tail, ok := s.endList(f, 0); ok {
					gap := tail || linesBetween(p.Src, inc.Span.End, next)
					out = append(out, ListNeighbour{Ordered: lf.Ordered, Marker: lf.Marker, Gap: gap, At: inc.Span, After: true})
				}
			}
		}
		if inc.Span.End <= l.Span.Start && onlySpace(p.Src[inc.Span.End:l.Span.Start]) {
			if f := s.includedPage(inc); f != nil {
				if lf, tail, ok := s.endList(f, 0); ok {
					gap := tail || linesBetween(p.Src, inc.Span.End, l.Span.Start)
					out = append(out, ListNeighbour{Ordered: lf.Ordered, Marker: lf.Marker, Gap: gap, At: inc.Span, After: true})
				}
			}
		}
	}
	return out
}

// topLists returns the indexes in f.Lists of f's top-level lists, in
// order, once per site.
func (s *Site) topLists(f *Page) []int {
	return s.Memo(topListsKey{f}, func() any {
		var out []int
		for i, l := range f.Lists {
			if l.Depth == 0 {
				out = append(out, i)
			}
		}
		return out
	}).([]int)
}

// topListsKey is the key of a file's topLists among the site's memos.
type topListsKey struct{ f *Page }

// nearIncludes returns the include shortcodes of p, in order, that may
// touch list l: the last that starts before it, those that start inside
// it, and the first after it. The shortcodes are in source order and
// apart, so one further away has another's text between it and l.
func nearIncludes(p *Page, l List) []Include {
	i := sort.Search(len(p.Includes), func(j int) bool { return p.Includes[j].Span.Start > l.Span.Start })
	j := i
	for j < len(p.Includes) && p.Includes[j].Span.Start < l.Span.End {
		j++
	}
	return p.Includes[max(i-1, 0):min(j+1, len(p.Includes))]
}

// listBeforeInclude returns the top-level list that Hugo reads right
// before the text include shortcode inc of f pastes: f's own, ending
// right before it or going on over its line, or the one that an include
// shortcode right above it pastes last; for a shortcode that starts f,
// the list before a shortcode that pastes f (depth counts those steps).
func (s *Site) listBeforeInclude(f *Page, inc Include, depth int) (ListNeighbour, bool) {
	if !pastesBlocks(f, inc) {
		return ListNeighbour{}, false
	}
	at := inc.Span.Start
	// Top-level lists and include shortcodes are apart and in order: one
	// before the last that starts before at has that one's text between.
	tops := s.topLists(f)
	if k := sort.Search(len(tops), func(j int) bool { return f.Lists[tops[j]].Span.Start >= at }) - 1; k >= 0 {
		l := f.Lists[tops[k]]
		if l.Span.Start < at && at < l.Span.End {
			return ListNeighbour{Ordered: l.Ordered, Marker: l.Marker, At: inc.Span}, true
		}
		if l.Span.End <= at && onlySpace(f.Src[l.Span.End:at]) {
			return ListNeighbour{Ordered: l.Ordered, Marker: l.Marker, Gap: linesBetween(f.Src, l.Span.End, at), At: inc.Span}, true
		}
	}
	k := sort.Search(len(f.Includes), func(j int) bool { return f.Includes[j].Span.End > at })
	for _, prev := range f.Includes[max(k-1, 0):k] {
		if prev.Span.End > at || !onlySpace(f.Src[prev.Span.End:at]) || !pastesBlocks(f, prev) {
			continue
		}
		if g := s.includedPage(prev); g != nil {
			if lg, tail, ok := s.endList(g, 0); ok {
				gap := tail || linesBetween(f.Src, prev.Span.End, at)
				return ListNeighbour{Ordered: lg.Ordered, Marker: lg.Marker, Gap: gap, At: inc.Span}, true
			}
		}
	}
	// The shortcode starts f, itself an included file: the list before
	// the shortcodes that paste f (the first found).
	if depth < maxPasteDepth && onlySpace(f.Src[:at]) {
		for _, in := range s.Includers(f.Path) {
			if n, ok := s.listBeforeInclude(in.File, in.Include, depth+1); ok {
				n.Gap = n.Gap || lineStart(f.Src, at) > 0
				return n, true
			}
		}
	}
	return ListNeighbour{}, false
}

// listAfterInclude returns the top-level list that Hugo reads right after
// the text include shortcode inc of f pastes: f's own, starting right
// after it, or the one that an include shortcode right below it pastes
// first; for a shortcode that ends f, the list after a shortcode that
// pastes f (depth counts those steps). Its Gap says only whether the
// including files have a blank line between.
func (s *Site) listAfterInclude(f *Page, inc Include, depth int) (ListNeighbour, bool) {
	if !pastesBlocks(f, inc) {
		return ListNeighbour{}, false
	}
	at := inc.Span.End
	// Top-level lists and include shortcodes are apart and in order: the
	// only lists that may meet the shortcode are the last that starts
	// before it, which may hold it, and the first after it.
	tops := s.topLists(f)
	k := sort.Search(len(tops), func(j int) bool { return f.Lists[tops[j]].Span.Start >= inc.Span.Start })
	for _, i := range tops[max(k-1, 0):min(k+1, len(tops))] {
		l := f.Lists[i]
		if l.Span.Start >= at && onlySpace(f.Src[at:l.Span.Start]) {
			return ListNeighbour{Ordered: l.Ordered, Marker: l.Marker, Gap: linesBetween(f.Src, at, l.Span.Start), At: inc.Span, After: true}, true
		}
		// The shortcode's line goes on with an item of l in f's own
		// parse (a lazy line) and l has another item after it: pasted,
		// that item starts a list after the included text.
		if next, ok := itemAfter(f, l, at); l.Span.Start < inc.Span.Start && ok {
			return ListNeighbour{Ordered: l.Ordered, Marker: l.Marker, Gap: linesBetween(f.Src, at, next), At: inc.Span, After: true}, true
		}
	}
	k = sort.Search(len(f.Includes), func(j int) bool { return f.Includes[j].Span.Start >= at })
	for _, next := range f.Includes[k:min(k+1, len(f.Includes))] {
		if next.Span.Start < at || !onlySpace(f.Src[at:next.Span.Start]) || !pastesBlocks(f, next) {
			continue
		}
		if g := s.includedPage(next); g != nil {
			if lg, top, ok := s.startList(g, 0); ok {
				gap := linesBetween(f.Src, at, next.Span.Start) || top
				return ListNeighbour{Ordered: lg.Ordered, Marker: lg.Marker, Gap: gap, At: inc.Span, After: true}, true
			}
		}
	}
	// The shortcode ends f, itself an included file: the list after the
	// shortcodes that paste f (the first found), a blank line apart when
	// a line break follows the shortcode in f.
	if depth < maxPasteDepth && onlySpace(f.Src[at:]) {
		for _, in := range s.Includers(f.Path) {
			if n, ok := s.listAfterInclude(in.File, in.Include, depth+1); ok {
				n.Gap = n.Gap || bytes.IndexByte(f.Src[at:], '\n') >= 0
				return n, true
			}
		}
	}
	return ListNeighbour{}, false
}

// itemAfter returns the marker offset of the item of l that starts
// right after offset at, past white space only.
func itemAfter(f *Page, l List, at int) (int, bool) {
	for _, it := range l.Items {
		if it.MarkerStart >= at && onlySpace(f.Src[at:it.MarkerStart]) {
			return it.MarkerStart, true
		}
	}
	return 0, false
}

// includedPage returns the parsed file an include shortcode pastes, nil
// when it cannot be read.
func (s *Site) includedPage(inc Include) *Page {
	if it := s.ResolveInclude(inc.Target); it.Err == nil {
		return it.Page
	}
	return nil
}

// maxPasteDepth bounds how deep the list checks follow include shortcodes
// at the start or end of included files.
const maxPasteDepth = 8

// startList returns the top-level list a file's pasted text starts with,
// after white space only: its own, or, when the file starts with an
// include shortcode, the one that file's text starts with. gap is set
// when blank lines of the files come before it.
func (s *Site) startList(f *Page, depth int) (l List, gap, ok bool) {
	for _, l := range f.Lists {
		if l.Depth == 0 && onlySpace(f.Src[:l.Span.Start]) {
			return l, lineStart(f.Src, l.Span.Start) > 0, true
		}
	}
	if depth < maxPasteDepth {
		for _, inc := range f.Includes {
			if !onlySpace(f.Src[:inc.Span.Start]) || !pastesBlocks(f, inc) {
				continue
			}
			if g := s.includedPage(inc); g != nil {
				if l, gap, ok := s.startList(g, depth+1); ok {
					return l, gap || lineStart(f.Src, inc.Span.Start) > 0, true
				}
			}
		}
	}
	return List{}, false, false
}

// endList returns the top-level list a file's pasted text ends with,
// before white space only: its own, or, when the file ends with an
// include shortcode, the one that file's text ends with. gap is set when
// a line break follows its last line (pasted before the line break that
// ends the shortcode's line, it makes a blank line).
func (s *Site) endList(f *Page, depth int) (l List, gap, ok bool) {
	for _, l := range f.Lists {
		if l.Depth == 0 && onlySpace(f.Src[l.Span.End:]) {
			return l, endsWithNewline(f.Src, l), true
		}
	}
	if depth < maxPasteDepth {
		for _, inc := range f.Includes {
			if !onlySpace(f.Src[inc.Span.End:]) || !pastesBlocks(f, inc) {
				continue
			}
			if g := s.includedPage(inc); g != nil {
				if l, gap, ok := s.endList(g, depth+1); ok {
					return l, gap || bytes.IndexByte(f.Src[inc.Span.End:], '\n') >= 0, true
				}
			}
		}
	}
	return List{}, false, false
}

// pastesBlocks reports whether an include shortcode of f is alone on its
// line, at its start or after up to three spaces, so that the included text is read at the top level
// of f: as blocks, or going on with a paragraph above (a list item of the
// included text interrupts it).
func pastesBlocks(f *Page, inc Include) bool {
	start := lineStart(f.Src, inc.Span.Start)
	indent := inc.Span.Start - start
	if inc.Context != IncludeBlock || indent > 3 || strings.Trim(string(f.Src[start:inc.Span.Start]), " ") != "" {
		return false
	}
	if indent > 0 {
		// Indented inside a list item, the included text's first line
		// is read in the item and its other lines at the top level: not
		// looked at. Up to three spaces elsewhere, it is read as at the
		// line's start.
		for _, l := range f.Lists {
			if l.Span.Start < inc.Span.Start && inc.Span.Start < l.Span.End {
				return false
			}
		}
	}
	end := inc.Span.End
	for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t' || f.Src[end] == '\r') {
		end++
	}
	return end == len(f.Src) || f.Src[end] == '\n'
}

// endsWithNewline reports whether the white space after list l, which
// ends the file src, holds a line break: Hugo pastes the file before the
// line break that ends the shortcode's line, so whatever follows the
// list's last line (nothing, or spaces without a line break of their own)
// makes a blank line after the list.
func endsWithNewline(src []byte, l List) bool {
	for _, c := range src[l.Span.End:] {
		if c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// linesBetween reports whether a whole line lies between the line that
// holds offset end-1 (or end, at a line's start) and the line holding
// start: in white space only, a blank line.
func linesBetween(src []byte, end, start int) bool {
	if end > 0 && src[end-1] != '\n' {
		// end is inside its line: the next line starts after it.
		for end < len(src) && src[end] != '\n' {
			end++
		}
		end++
	}
	return end < lineStart(src, start)
}

// lineStart returns the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// onlySpace reports whether b holds white space only.
func onlySpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
