package rules

import (
	"bytes"

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
	depth := -1
	for i := range p.Lists {
		l := &p.Lists[i]
		if l.Depth <= depth || link < l.Span.Start || link >= l.Span.End {
			continue
		}
		for j := range l.Items {
			if it := &l.Items[j]; link >= it.Span.Start && link < it.Span.End {
				item, depth = it, l.Depth
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
	if !after {
		return lint.Edit{Span: p.Span(lineStart, lineStart), Text: line + eol}, true
	}
	end := min(item.Span.End, len(src))
	if end > 0 && src[end-1] == '\n' {
		return lint.Edit{Span: p.Span(end, end), Text: line + eol}, true
	}
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		return lint.Edit{Span: p.Span(end+i+1, end+i+1), Text: line + eol}, true
	}
	return lint.Edit{Span: p.Span(len(src), len(src)), Text: eol + line}, true
}

// linkable reports whether the text at src[start:end], on one line, can
// be made a link's text as it is: not inside a code span (an odd number
// of backticks before it on its line) nor inside an HTML tag.
func linkable(src []byte, start, end int) bool {
	if start < 0 || end > len(src) || start >= end {
		return false
	}
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	before := src[lineStart:start]
	if bytes.Count(before, []byte("`"))%2 == 1 {
		return false
	}
	return bytes.LastIndexByte(before, '<') <= bytes.LastIndexByte(before, '>')
}
