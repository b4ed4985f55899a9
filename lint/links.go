package lint

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

type shortcodeArg = shortcode.Arg

// RefShortcodes are Hugo's built-in shortcodes that turn a content path into
// a page URL.
var RefShortcodes = []string{"ref", "relref"}

// link builds an inline or image link whose label bracket is at bracket
// and locates its destination in the source.
// renderedDest is a Markdown link destination as goldmark writes it into
// the page's href: backslash escapes removed and character references
// resolved (the first steps of goldmark's util.URLEscape), so that
// "#under\_score" and "#under&#95;score" are the fragment "under_score".
// The percent-encoding goldmark then applies is undone when a link is
// resolved.
func renderedDest(d []byte) string { return string(renderDest(d)) }

// renderDest is renderedDest as bytes: d itself when it has no escape
// or character reference.
func renderDest(d []byte) []byte {
	if bytes.IndexByte(d, '\\') < 0 && bytes.IndexByte(d, '&') < 0 {
		return d
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(d)))
}

// destArena gathers the destinations of a page's Markdown links while
// its syntax tree is walked, to make them substrings of one string: a
// page parsed lean, whose links are packed until its check, then holds
// one string instead of one per link, fewer objects for the garbage
// collector to allocate and mark.
type destArena struct {
	text []byte
	refs []destRef
}

// destRef is where the destination of the link at index link of
// Page.Links is in destArena.text.
type destRef struct{ link, start, end int }

// add keeps the rendered destination d of the link that will be at index
// link of the page's links.
func (a *destArena) add(link int, d []byte) {
	start := len(a.text)
	a.text = append(a.text, renderDest(d)...)
	a.refs = append(a.refs, destRef{link: link, start: start, end: len(a.text)})
}

// setDests gives the links the destinations kept, and empties the arena
// for the next page.
func (a *destArena) setDests(links []Link) {
	text := string(a.text)
	for _, r := range a.refs {
		links[r.link].Dest = text[r.start:r.end]
	}
	a.text, a.refs = a.text[:0], a.refs[:0]
}

// destArenas are the arenas of lean parses, reused from page to page.
var destArenas = sync.Pool{New: func() any { return new(destArena) }}

func (p *Page) link(kind LinkKind, dest, text string, start, bracket int) Link {
	// The masked text, where a shortcode is one word: a destination built
	// with one ends where goldmark ends it, not at the shortcode's space.
	src := p.Src
	if len(p.Masked) == len(src) {
		src = p.Masked
	}
	l := Link{Kind: kind, Dest: dest, Text: text, DestStart: -1, DestEnd: -1}
	if bracket < 0 || bracket >= len(src) {
		l.Span = p.Span(start, linkEnd(src, bracket))
		return l
	}
	closeAt := matchBracket(src, bracket, '[', ']')
	if closeAt < 0 {
		l.Span = p.Span(start, linkEndAt(src, bracket, closeAt))
		return l
	}
	label := src[bracket+1 : closeAt]
	end := -1 // the link's end, when finding the destination finds it
	switch {
	case closeAt+1 < len(src) && src[closeAt+1] == '(':
		i := closeAt + 2
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i++
		}
		if i < len(src) && src[i] == '<' {
			if j := strings.IndexAny(string(src[i+1:min(len(src), i+1+4096)]), ">\n"); j >= 0 && src[i+1+j] == '>' {
				l.DestStart, l.DestEnd = i+1, i+1+j
			}
			break
		}
		j, depth := i, 0
		for ; j < len(src); j++ {
			c := src[j]
			if c == '\\' && j+1 < len(src) {
				j++
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			if c == '(' {
				depth++
			}
			if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
		}
		l.DestStart, l.DestEnd = i, j
		if i == closeAt+2 && j < len(src) && src[j] == ')' {
			// The destination right after "(" ends at the ")" that
			// closes it, the one linkEndAt would match.
			end = j + 1
		}
	case closeAt+1 < len(src) && src[closeAt+1] == '[':
		e := matchBracket(src, closeAt+1, '[', ']')
		if e > closeAt+2 {
			label = src[closeAt+2 : e]
		}
		if e >= 0 {
			end = e + 1 // as linkEndAt ends it
		}
		l.DestStart, l.DestEnd = p.refDef(string(label))
	default:
		l.DestStart, l.DestEnd = p.refDef(string(label))
	}
	if end < 0 {
		end = linkEndAt(src, bracket, closeAt)
	}
	l.Span = p.Span(start, end)
	return l
}

// refDef returns the span of the destination of the link reference
// definition with the given label, or -1, -1. The definitions are indexed
// once per page, on first use.
func (p *Page) refDef(label string) (int, int) {
	if p.refDefs == nil {
		p.refDefs = p.scanRefDefs()
	}
	if d, ok := p.refDefs[normLabel(label)]; ok {
		return d[0], d[1]
	}
	return -1, -1
}

// scanRefDefs finds the page's link reference definitions, as goldmark's
// parse took them (a line that only looks like one, "[Note]: see below",
// is text; one in a quote or list item counts): each label, normalised
// (normLabel), with the span of its destination, the first definition of
// a label winning, as in CommonMark. A definition whose destination is not
// in the lines goldmark gives it (a title followed by other text on a line
// of its own) has the span -1, -1: a finding about it is on its use.
func (p *Page) scanRefDefs() map[string][2]int {
	defs := map[string][2]int{}
	if p.Doc == nil || !bytes.Contains(p.Masked, []byte("]:")) {
		return defs
	}
	src := p.Masked
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		d, ok := n.(*ast.LinkReferenceDefinition)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		k := normLabel(string(d.Label))
		if _, seen := defs[k]; seen {
			return ast.WalkSkipChildren, nil // the first definition wins
		}
		span := [2]int{-1, -1}
		if lines := d.Lines(); lines.Len() > 0 {
			start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			if start >= 0 && end <= len(src) && start <= end {
				// The destination follows the label's "]:".
				text := src[start:end]
				if i := bytes.Index(text, []byte("]:")); i >= 0 {
					if j := bytes.Index(text[i+2:], d.Destination); j >= 0 && len(d.Destination) > 0 {
						s := start + i + 2 + j
						span = [2]int{s, s + len(d.Destination)}
					}
				}
			}
		}
		defs[k] = span
		return ast.WalkSkipChildren, nil
	})
	return defs
}

// ReferenceLabels returns the labels of the page's link reference
// definitions, normalised as CommonMark matches them (case folded, inner
// whitespace collapsed), sorted.
func (p *Page) ReferenceLabels() []string {
	return p.refLabels
}

// normLabel normalises a link label as CommonMark matches them: case
// folded, inner whitespace collapsed.
func normLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// refLinks turns ref and relref shortcodes into links: a link whose
// destination is such a shortcode takes its path argument as destination;
// a ref outside link syntax becomes a RefLink. A destination built by any
// other shortcode is marked Dynamic, and so is one holding an escaped
// shortcode, which Hugo prints as text ("{{< ref >}}", no URL to check).
func (p *Page) refLinks() {
	used := map[int]bool{}
	for i := range p.Links {
		l := &p.Links[i]
		if l.DestStart < 0 || l.Kind == AutoLink {
			continue
		}
		if j := p.destShortcode(l); j >= 0 {
			used[j] = true
		}
	}
	for j, sc := range p.Shortcodes {
		if used[j] || !isRefShortcode(sc) {
			continue
		}
		dest, ds, de := refArg(sc.Args, sc.Start)
		p.Links = append(p.Links, Link{Kind: RefLink, Dest: dest, Span: p.Span(sc.Start, sc.End), DestStart: ds, DestEnd: de, Shortcode: sc.Name})
	}
	slices.SortStableFunc(p.Links, func(a, b Link) int { return a.Span.Start - b.Span.Start })
}

// isRefShortcode reports whether a shortcode is a well-formed ref or
// relref that Hugo runs.
func isRefShortcode(sc shortcode.Shortcode) bool {
	return slices.Contains(RefShortcodes, sc.Name) && !sc.Closing && !sc.Malformed && !sc.Escaped
}

// destShortcode applies the first shortcode written in the destination of
// l (see refLinks): a ref or relref that starts it gives the destination
// its path argument, any other makes it Dynamic. It returns the index of
// the ref shortcode in p.Shortcodes, or -1.
func (p *Page) destShortcode(l *Link) int {
	for j, sc := range p.Shortcodes {
		if sc.Start >= l.DestEnd {
			break
		}
		if sc.End <= l.DestStart {
			continue
		}
		if !isRefShortcode(sc) {
			l.Dynamic = true
			return -1
		}
		written, destStart, destEnd := l.Dest, l.DestStart, l.DestEnd
		l.Shortcode = sc.Name
		l.Dest, l.DestStart, l.DestEnd = refArg(sc.Args, sc.Start)
		// Hugo pastes the ref's URL into the destination: text around it
		// makes another URL, except a fragment after it (taken from the
		// destination as rendered, in which the masked shortcode starts
		// it).
		after := ""
		if n := sc.End - destStart; sc.Start == destStart && n <= len(written) {
			after = written[n:]
		}
		switch {
		case sc.Start != destStart:
			l.Dynamic = true
		case after == "":
		case after[0] == '#' && !strings.Contains(l.Dest, "#") && (j+1 == len(p.Shortcodes) || p.Shortcodes[j+1].Start >= destEnd):
			l.Dest += after
		default:
			l.Dynamic = true
		}
		return j
	}
	return -1
}

// defLink is a link reference definition of a page as the link that a
// reference to it makes (its Span is the destination's).
type defLink struct {
	label string // normalised (normLabel)
	link  Link
}

// definitionLinks returns the page's link reference definitions as links,
// sorted by label (for a deterministic order): the destination as goldmark renders it, or the path of
// a ref shortcode written as the destination.
func (p *Page) definitionLinks() []defLink {
	out := make([]defLink, 0, len(p.refDefs))
	for label, d := range p.refDefs {
		s, e := d[0], d[1]
		if s < 0 || e > len(p.Src) || s > e {
			continue
		}
		l := Link{Kind: InlineLink, Dest: renderedDest(p.Src[s:e]), Span: p.Span(s, e), DestStart: s, DestEnd: e}
		p.destShortcode(&l)
		l.Exact = l.DestStart >= 0 && l.DestEnd <= len(p.Src) && l.DestStart <= l.DestEnd && string(p.Src[l.DestStart:l.DestEnd]) == l.Dest
		out = append(out, defLink{label: label, link: l})
	}
	slices.SortFunc(out, func(a, b defLink) int { return strings.Compare(a.label, b.label) })
	return out
}

// refArg returns the path argument of a ref shortcode (the first
// positional one, or path="...") and the span of its value without quotes.
func refArg(args []shortcodeArg, at int) (string, int, int) {
	for _, a := range args {
		if a.Name == "" || a.Name == "path" {
			s, e := a.ValueStart, a.ValueEnd
			if e-s >= 2 && e-s == len(a.Value)+2 {
				s, e = s+1, e-1
			}
			return a.Value, s, e
		}
	}
	return "", at, at
}
