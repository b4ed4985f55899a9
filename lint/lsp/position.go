package lsp

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// lineTable converts between byte offsets of a text and protocol
// positions: zero-based lines and characters counted in UTF-16 code units.
// Lines end at "\n", "\r\n" or a lone "\r", as the protocol defines; an
// invalid UTF-8 byte counts as one code unit (the U+FFFD an editor shows).
type lineTable struct {
	src    []byte
	starts []int // byte offset of each line's start
}

// newLineTable indexes the line starts of src.
func newLineTable(src []byte) *lineTable {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &lineTable{src: src, starts: starts}
}

// lineEnd returns the offset where a line's text ends, before its line
// ending.
func (t *lineTable) lineEnd(line int) int {
	if line+1 >= len(t.starts) {
		return len(t.src)
	}
	end := t.starts[line+1] - 1 // the '\n' or lone '\r'
	if t.src[end] == '\n' && end > t.starts[line] && t.src[end-1] == '\r' {
		end--
	}
	return end
}

// utf16Len returns the number of UTF-16 code units of a rune.
func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// position returns the protocol position of a byte offset. An offset
// inside a line ending gives the end of that line's text, one inside a
// multi-byte character the position before that character, and offsets
// outside the text are clamped to it.
func (t *lineTable) position(off int) Position { return t.positionOf(off, false) }

// positionOf is position, giving for an offset inside a multi-byte
// character the position after that character when after is set.
func (t *lineTable) positionOf(off int, after bool) Position {
	off = max(0, min(off, len(t.src)))
	line := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	end := min(off, t.lineEnd(line))
	units := 0
	for i := t.starts[line]; i < end; {
		r, size := utf8.DecodeRune(t.src[i:])
		if i+size > end && !after {
			break
		}
		units += utf16Len(r)
		i += size
	}
	return Position{Line: line, Character: units}
}

// offset returns the byte offset of a protocol position. A character past
// the end of its line gives the end of the line's text (as the protocol
// asks), a line past the last one the end of the text, and a character in
// the middle of a surrogate pair the offset before that character.
func (t *lineTable) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.starts) {
		return len(t.src)
	}
	i, end := t.starts[p.Line], t.lineEnd(p.Line)
	for units := 0; i < end; {
		r, size := utf8.DecodeRune(t.src[i:])
		if units+utf16Len(r) > p.Character {
			break
		}
		units += utf16Len(r)
		i += size
	}
	return i
}

// rangeOf returns the protocol range of a byte range: it covers every
// character the bytes touch, so that one ending inside a multi-byte
// character (a finding of one byte, at a character of three) ends after
// that character, as the command line's columns and caret show it.
func (t *lineTable) rangeOf(start, end int) Range {
	if end < start {
		end = start
	}
	return Range{Start: t.position(start), End: t.positionOf(end, true)}
}

// applyChange returns src with one content change applied: the whole text
// replaced when the change has no range, otherwise the range replaced. It
// also returns the change as a byte range of src and the length of its
// replacement (for a whole text, the smallest range that changed).
func applyChange(src []byte, c TextDocumentContentChangeEvent) (out []byte, start, end, newLen int) {
	if c.Range == nil {
		out = []byte(c.Text)
		s, e, text, _ := minimalEdit(src, out)
		return out, s, e, len(text)
	}
	t := newLineTable(src)
	start, end = t.offset(c.Range.Start), t.offset(c.Range.End)
	if end < start {
		start, end = end, start
	}
	out = make([]byte, 0, len(src)-(end-start)+len(c.Text))
	out = append(out, src[:start]...)
	out = append(out, c.Text...)
	return append(out, src[end:]...), start, end, len(c.Text)
}

// changeApplier applies the content changes of one didChange in order.
// It keeps one line table while the changes go from the end of the text
// towards its start, as an editor sends a multi-cursor edit or a replace
// all: the lines above the last change are unchanged, so a change there
// needs no new table (indexing the text again for each of 8,000 changes
// of a 2 MB page took two minutes, the server locked). And the text it
// makes is its own: a change after the first replaces in it, instead of
// copying the text once more.
type changeApplier struct {
	t *lineTable
	// valid is the offset of the text before which t's lines are those
	// of the text, len(t.src)+1 while t is the text's own table: a line
	// that ends (its break included) at valid or before keeps its text,
	// and its offsets (an edit at valid may make a CRLF of its lone CR,
	// which moves only the start of the next line).
	valid int
	// owned is set once the text is one this applier made.
	owned bool
}

// table returns a line table of text that holds the lines of r.
func (a *changeApplier) table(text []byte, r Range) *lineTable {
	if a.t != nil && a.holds(r.Start) && a.holds(r.End) {
		return a.t
	}
	a.t, a.valid = newLineTable(text), len(text)+1
	return a.t
}

// fresh reports whether t is the text's own table.
func (a *changeApplier) fresh() bool { return a.valid > len(a.t.src) }

func (a *changeApplier) holds(p Position) bool {
	if a.fresh() {
		return true
	}
	if p.Line < 0 || p.Line+1 >= len(a.t.starts) {
		return false
	}
	end := a.t.starts[p.Line+1]
	return end <= a.valid
}

// problem is rangeProblem for a change of text.
func (a *changeApplier) problem(text []byte, r Range) string {
	if why := rangeProblemIn(a.table(text, r), r); why == "" || a.fresh() {
		return why
	}
	// Said with the text's own number of lines.
	a.t, a.valid = newLineTable(text), len(text)+1
	return rangeProblemIn(a.t, r)
}

// apply is applyChange for a change of text, whose range is valid when it
// has one.
func (a *changeApplier) apply(text []byte, c TextDocumentContentChangeEvent) (out []byte, start, end, newLen int) {
	if c.Range == nil {
		a.t, a.owned = nil, false
		return applyChange(text, c)
	}
	t := a.table(text, *c.Range)
	start, end = t.offset(c.Range.Start), t.offset(c.Range.End)
	if end < start {
		start, end = end, start
	}
	if a.owned {
		out = slices.Replace(text, start, end, []byte(c.Text)...)
	} else {
		out = make([]byte, 0, len(text)-(end-start)+len(c.Text))
		out = append(out, text[:start]...)
		out = append(out, c.Text...)
		out = append(out, text[end:]...)
		a.owned = true
	}
	a.valid = min(a.valid, start)
	return out, start, end, len(c.Text)
}

// rangeProblem says what is wrong with a change's range in src, or "": a
// range that ends before it starts, or a position outside the text (a
// negative one, or a line past the end; a character past the end of its
// line is allowed, as the protocol says).
func rangeProblem(src []byte, r Range) string {
	return rangeProblemIn(newLineTable(src), r)
}

// rangeProblemIn is rangeProblem with a line table of src that holds the
// range's lines, when they are in the text.
func rangeProblemIn(t *lineTable, r Range) string {
	lines := len(t.starts)
	for _, p := range []Position{r.Start, r.End} {
		if p.Line < 0 || p.Character < 0 || p.Line > lines || p.Line == lines && p.Character > 0 {
			return fmt.Sprintf("position %d:%d is outside the text of %d lines", p.Line, p.Character, lines)
		}
	}
	if r.End.Line < r.Start.Line || r.End.Line == r.Start.Line && r.End.Character < r.Start.Character {
		return fmt.Sprintf("the range ends (%d:%d) before it starts (%d:%d)", r.End.Line, r.End.Character, r.Start.Line, r.Start.Character)
	}
	return ""
}

// byteEdit replaces old[start:end] with text.
type byteEdit struct {
	start, end int
	text       string
}

// minimalEdits returns the replacements, in order and apart, that turn old
// into new: the lines both start and end with are kept; when the lines
// between are as many in both (fixes mostly change lines, not their
// number), one edit per changed line, each trimmed to what changed
// (minimalEdit); else the lines between are diffed (lineHunks), and each
// run of changed lines is one edit, or one per line when it keeps its
// number of lines. So "fix all" changing three lines of a page rewrites
// those, not everything between them, even when it also adds the final
// newline, and an editor keeps the cursor, folds and undo steps
// elsewhere. Linear in the texts' length when the number of lines is
// kept; else in their length times the lines changed, up to maxLineDiff
// (beyond it, one edit over the lines between).
func minimalEdits(old, new []byte) []byteEdit {
	a, b := strings.SplitAfter(string(old), "\n"), strings.SplitAfter(string(new), "\n")
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	q := 0
	for q < len(a)-p && q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	at := 0 // where a's line p starts
	for _, l := range a[:p] {
		at += len(l)
	}
	ma, mb := a[p:len(a)-q], b[p:len(b)-q]
	hunks := [][4]int{{0, len(ma), 0, len(mb)}}
	if len(ma) != len(mb) {
		if h, ok := lineHunks(ma, mb, maxLineDiff); ok {
			hunks = h
		}
	}
	var out []byteEdit
	i := 0 // the line of ma that starts at at
	for _, h := range hunks {
		for ; i < h[0]; i++ {
			at += len(ma[i])
		}
		if h[1]-h[0] == h[3]-h[2] {
			for k := range h[1] - h[0] {
				if s, e, text, ok := minimalEdit([]byte(ma[h[0]+k]), []byte(mb[h[2]+k])); ok {
					out = append(out, byteEdit{at + s, at + e, text})
				}
				at += len(ma[h[0]+k])
			}
		} else {
			oldRun, newRun := strings.Join(ma[h[0]:h[1]], ""), strings.Join(mb[h[2]:h[3]], "")
			if s, e, text, ok := minimalEdit([]byte(oldRun), []byte(newRun)); ok {
				out = append(out, byteEdit{at + s, at + e, text})
			}
			at += len(oldRun)
		}
		i = h[1]
	}
	return out
}

// maxLineDiff bounds the lines lineHunks inserts and deletes.
const maxLineDiff = 1000

// lineHunks returns the runs of lines a shortest diff of a and b changes,
// in order: a[h[0]:h[1]] becomes b[h[2]:h[3]]. ok is false when more than
// maxD lines are inserted and deleted. Myers' O(ND) algorithm.
func lineHunks(a, b []string, maxD int) (hunks [][4]int, ok bool) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int // v as each round starts
	for d := 0; d <= maxD; d++ {
		trace = append(trace, slices.Clone(v))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // down: b[x-k-1] inserted
			} else {
				x = v[off+k-1] + 1 // right: a[x-1] deleted
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return hunksOf(trace, off, n, m), true
			}
		}
	}
	return nil, false
}

// hunksOf follows the rounds of lineHunks back from (n, m) and returns
// the runs of lines between the lines kept.
func hunksOf(trace [][]int, off, n, m int) [][4]int {
	var kept [][2]int // the lines kept, from the last
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v, k := trace[d], x-y
		prevK := k - 1
		if k == -d || k != d && v[off+k-1] < v[off+k+1] {
			prevK = k + 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		if d == 0 {
			prevX, prevY = 0, 0
		}
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			kept = append(kept, [2]int{x, y})
		}
		x, y = prevX, prevY
	}
	var hunks [][4]int
	i, j := 0, 0
	for k := len(kept) - 1; k >= -1; k-- {
		kx, ky := n, m
		if k >= 0 {
			kx, ky = kept[k][0], kept[k][1]
		}
		if kx > i || ky > j {
			hunks = append(hunks, [4]int{i, kx, j, ky})
		}
		i, j = kx+1, ky+1
	}
	return hunks
}

// minimalEdit returns the smallest single replacement that turns old into
// new: the common prefix and suffix are kept, so that an editor applying
// it keeps the cursor and folds outside the change. ok is false when the
// texts are equal.
func minimalEdit(old, new []byte) (start, end int, text string, ok bool) {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	if p == len(old) && p == len(new) {
		return 0, 0, "", false
	}
	// The edit's ends become positions in old: split neither a UTF-8
	// character nor a "\r\n" line ending.
	split := func(i int) bool {
		return i > 0 && i < len(old) && (!utf8.RuneStart(old[i]) || old[i-1] == '\r' && old[i] == '\n')
	}
	for split(p) || p > 0 && p < len(new) && !utf8.RuneStart(new[p]) {
		p--
	}
	s := 0
	for s < len(old)-p && s < len(new)-p && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	for s > 0 && split(len(old)-s) {
		s--
	}
	return p, len(old) - s, string(new[p : len(new)-s]), true
}
