package rules

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"gitlab.com/careerlint/careerlint/lint"
)

// itemInsertion returns the edit that writes a new list item holding text
// beside the item of p's lists (src is p's text) whose first line starts with the link at
// offset link: right before that item, or right after it and everything
// it holds (its nested lists). The new item is written as the neighbour's
// first line is, up to its text (indentation, marker, spacing), so that it
// is one more item of the same list; an ordered list's item gets the
// neighbour's number, which Hugo does not show (only a list's first number
// is), and which leaves a list numbered "1." throughout as it is.
//
// It returns false where no list item starts with that link on its first
// line (a link inside an item's text, on a later line, or in prose), and
// where the neighbour's line holds more than indentation before its marker
// (a blockquote's ">"), which a new line would have to repeat.
func itemInsertion(p *lint.Page, src []byte, link int, after bool, text string) (lint.Edit, bool) {
	var item *lint.ListItem
	if i := deepestList(p, link); i >= 0 {
		for j, it := range p.Lists[i].Items {
			if link >= it.Span.Start && link < it.Span.End {
				item = &p.Lists[i].Items[j]
			}
		}
	}
	if item == nil || item.MarkerEnd > len(src) {
		return lint.Edit{}, false
	}
	lineStart := bytes.LastIndexByte(src[:item.MarkerStart], '\n') + 1
	for _, b := range src[lineStart:item.MarkerStart] {
		if b != ' ' && b != '\t' {
			return lint.Edit{}, false
		}
	}
	textStart := item.MarkerEnd
	for textStart < len(src) && (src[textStart] == ' ' || src[textStart] == '\t') {
		textStart++
	}
	if textStart != link || textStart == item.MarkerEnd {
		return lint.Edit{}, false
	}
	eol := "\n"
	if i := bytes.IndexByte(src[link:], '\n'); i > 0 && src[link+i-1] == '\r' {
		eol = "\r\n"
	}
	line := string(src[lineStart:textStart]) + text
	var e lint.Edit
	end := min(item.Span.End, len(src))
	switch i := bytes.IndexByte(src[end:], '\n'); {
	case !after:
		e = lint.Edit{Span: p.Span(lineStart, lineStart), Text: line + eol}
	case end > 0 && src[end-1] == '\n':
		e = lint.Edit{Span: p.Span(end, end), Text: line + eol}
	case i >= 0:
		e = lint.Edit{Span: p.Span(end+i+1, end+i+1), Text: line + eol}
	default:
		e = lint.Edit{Span: p.Span(len(src), len(src)), Text: eol + line}
	}
	// The new line must make one more item of the link's list and leave
	// the page's lists as they are: a paragraph right after the item
	// (after a heading inside it) would run on into the new item as a
	// lazy line, joining the list to the next one.
	if !keepsLists(p, src, e, link, text) {
		return lint.Edit{}, false
	}
	return e, true
}

// keepsLists reports whether the insertion e of an item holding text
// beside the item of the link at offset link keeps the page's lists, with
// the new item in the link's list.
func keepsLists(p *lint.Page, src []byte, e lint.Edit, link int, text string) bool {
	got, applied := lint.ApplyEdits(src, []lint.Edit{e})
	if applied != 1 {
		return false
	}
	q := lint.ParsePage(p.Path, got, lint.ParseOptions{})
	at := e.Span.Start + strings.Index(e.Text, text)
	shift := len(e.Text)
	if link < e.Span.Start {
		shift = 0
	}
	li, lj := deepestList(q, at), deepestList(q, link+shift)
	return li >= 0 && li == lj && len(q.Lists) == len(p.Lists)
}

// deepestList returns the index in p.Lists of the deepest list with an
// item at offset at, -1 when none has.
func deepestList(p *lint.Page, at int) int {
	out, depth := -1, -1
	for i := range p.Lists {
		l := &p.Lists[i]
		if l.Depth <= depth || at < l.Span.Start || at >= l.Span.End {
			continue
		}
		for _, it := range l.Items {
			if at >= it.Span.Start && at < it.Span.End {
				out, depth = i, l.Depth
				break
			}
		}
	}
	return out
}

// linkable reports whether the text at src[start:end] can be made a
// link's text as it is: it lies within one text node of the Markdown that
// Hugo renders (not in a code span or block, an HTML block, a shortcode,
// a link, or between an HTML <a> and its </a>), and no "[" or "]" is
// right beside it (the brackets of a reference link whose label is not
// defined, which goldmark reads as text: wrapped, it would be left half a
// reference), nor a "!" or a backslash before it (which would make the link an
// image, or its "[" literal text). p is the page parsed from src.
func linkable(p *lint.Page, src []byte, start, end int) bool {
	if p == nil || p.Doc == nil || start < 0 || end > len(src) || start >= end {
		return false
	}
	if start > 0 && (src[start-1] == '[' || src[start-1] == '!' || src[start-1] == '\\') || end < len(src) && src[end] == ']' {
		return false // "![" makes an image; after a backslash, "[" is text
	}
	if len(p.Masked) != len(src) || !bytes.Equal(p.Masked[start:end], src[start:end]) {
		return false // in a shortcode or front matter, blanked for goldmark
	}
	ok := false
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if seg := n.Segment; seg.Start <= start && end <= seg.Stop && !inHTMLLink(n, src) {
				ok = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return ok
}

// inHTMLLink reports whether text node n follows an inline <a ...> tag of
// its parent that no </a> has closed before it.
func inHTMLLink(n ast.Node, src []byte) bool {
	open := false
	for c := n.Parent().FirstChild(); c != nil && c != n; c = c.NextSibling() {
		raw, ok := c.(*ast.RawHTML)
		if !ok {
			continue
		}
		var tag []byte
		for i := 0; i < raw.Segments.Len(); i++ {
			seg := raw.Segments.At(i)
			tag = append(tag, src[seg.Start:seg.Stop]...)
		}
		tag = bytes.ToLower(tag)
		switch {
		case bytes.HasPrefix(tag, []byte("</a")):
			open = false
		case bytes.HasPrefix(tag, []byte("<a ")) || bytes.HasPrefix(tag, []byte("<a>")) || bytes.HasPrefix(tag, []byte("<a\t")) || bytes.HasPrefix(tag, []byte("<a\n")):
			open = true
		}
	}
	return open
}
