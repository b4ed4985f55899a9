package lint

import (
	"bytes"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) in one file. File is the
// slash-separated path relative to the site root.
type Span struct {
	File       string
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Position is a printable location: 1-based line, 1-based column counted in
// Unicode code points, and the byte offset it was computed from.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// LineIndex converts byte offsets of one file to line and column numbers.
// It is built once per file and only used when printing.
type LineIndex struct {
	src   []byte
	lines []int // offsets of line starts

	// marks holds, for long lines, rune counts at points along the line,
	// built the first time a column on the line is asked for: finding
	// after finding on a 1 MB line then costs a short count each, not one
	// from the line start.
	mu    sync.Mutex
	marks map[int][]runeMark

	// astral holds the offsets of the characters outside the Basic
	// Multilingual Plane (two UTF-16 code units each), found the first
	// time a UTF-16 column is asked for.
	astralOnce sync.Once
	astral     []int
}

// runeMark is a point of a long line: its byte offset, where a rune
// starts counting from the line start, and the runes before it.
type runeMark struct{ off, runes int }

// markEvery is the spacing in bytes of a long line's rune marks; a line
// shorter than markLine is counted from its start.
const (
	markEvery = 1024
	markLine  = 4096
)

// NewLineIndex indexes the line starts of src. A line ends at '\n'; a '\r'
// before it is part of the line ending, not of a column.
func NewLineIndex(src []byte) *LineIndex {
	lines := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		lines = append(lines, off)
	}
	return &LineIndex{src: src, lines: lines}
}

// Position returns the line and column of a byte offset. Offsets past the end
// are clamped to the end of the file.
func (li *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	line := sort.Search(len(li.lines), func(i int) bool { return li.lines[i] > off }) - 1
	start := li.lines[line]
	col := 1 + li.runesBefore(line, off)
	// The \r of a CRLF line ending is not a column.
	if off > start && li.src[off-1] == '\r' && off < len(li.src) && li.src[off] == '\n' {
		col--
	}
	return Position{Line: line + 1, Column: col, Offset: off}
}

// UTF16Column returns the 1-based column of p (a Position of this index)
// counted in UTF-16 code units, as SARIF counts columns by default and
// editors do: a character outside the Basic Multilingual Plane (most
// emoji) takes two, an invalid byte one.
func (li *LineIndex) UTF16Column(p Position) int {
	li.astralOnce.Do(func() {
		for off := 0; off < len(li.src); {
			i := bytes.IndexFunc(li.src[off:], func(r rune) bool { return r >= 0x10000 })
			if i < 0 {
				break
			}
			li.astral = append(li.astral, off+i)
			off += i + 4
		}
	})
	if len(li.astral) == 0 || p.Line < 1 || p.Line > len(li.lines) {
		return p.Column
	}
	// The characters wholly between the line start and p (an offset
	// inside one counts its bytes as Position does).
	from, _ := slices.BinarySearch(li.astral, li.lines[p.Line-1])
	to, _ := slices.BinarySearch(li.astral, p.Offset-3)
	return p.Column + max(0, to-from)
}

// lineEnd returns the end of the 0-based line i: the offset of its '\n',
// or the end of the text.
func (li *LineIndex) lineEnd(i int) int {
	if i+1 < len(li.lines) {
		return li.lines[i+1] - 1
	}
	return len(li.src)
}

// textEnd returns the end of the text of the 0-based line i: before its
// line ending, "\n" or "\r\n".
func (li *LineIndex) textEnd(i int) int {
	start, end := li.lines[i], li.lineEnd(i)
	if end > start && li.src[end-1] == '\r' {
		end--
	}
	return end
}

// lineRunes returns the number of runes in the text of the 1-based line n,
// 0 for a line that does not exist.
func (li *LineIndex) lineRunes(n int) int {
	if n < 1 || n > len(li.lines) {
		return 0
	}
	return li.runesBefore(n-1, li.textEnd(n-1))
}

// runesBefore returns the runes between the start of the 0-based line i
// and off, counted as utf8.RuneCount counts them from the line start.
func (li *LineIndex) runesBefore(i, off int) int {
	start := li.lines[i]
	if off-start <= markLine {
		return utf8.RuneCount(li.src[start:off])
	}
	marks := li.lineMarks(i)
	k := sort.Search(len(marks), func(k int) bool { return marks[k].off > off }) - 1
	return marks[k].runes + utf8.RuneCount(li.src[marks[k].off:off])
}

// runeOffset returns the byte offset of the rune with 0-based index n of
// the 0-based line i (the line end when the line has fewer).
func (li *LineIndex) runeOffset(i, n int) int {
	start, end := li.lines[i], li.lineEnd(i)
	p, runes := start, 0
	if end-start > markLine {
		marks := li.lineMarks(i)
		k := sort.Search(len(marks), func(k int) bool { return marks[k].runes > n }) - 1
		p, runes = marks[k].off, marks[k].runes
	}
	for ; runes < n && p < end; runes++ {
		_, size := utf8.DecodeRune(li.src[p:end])
		p += size
	}
	return p
}

// lineMarks returns the rune marks of the 0-based line i, building them
// once: the line start, then a rune start every markEvery bytes or so.
func (li *LineIndex) lineMarks(i int) []runeMark {
	li.mu.Lock()
	defer li.mu.Unlock()
	if m, ok := li.marks[i]; ok {
		return m
	}
	start, end := li.lines[i], li.lineEnd(i)
	marks := []runeMark{{start, 0}}
	next := start + markEvery
	for p, runes := start, 0; p < end; runes++ {
		if p >= next {
			marks = append(marks, runeMark{p, runes})
			next = p + markEvery
		}
		_, size := utf8.DecodeRune(li.src[p:end])
		p += size
	}
	if li.marks == nil {
		li.marks = map[int][]runeMark{}
	}
	li.marks[i] = marks
	return marks
}

// Line returns the text of the 1-based line n without its line ending.
func (li *LineIndex) Line(n int) string {
	if n < 1 || n > len(li.lines) {
		return ""
	}
	start := li.lines[n-1]
	end := len(li.src)
	if n < len(li.lines) {
		end = li.lines[n] - 1
	}
	if end > start && li.src[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return string(li.src[start:end])
}

// LineStart returns the byte offset where the line holding off begins.
func (li *LineIndex) LineStart(off int) int {
	return li.lines[li.Position(off).Line-1]
}

// Lines returns the number of lines.
func (li *LineIndex) Lines() int { return len(li.lines) }
