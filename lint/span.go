package lint

import (
	"bytes"
	"sort"
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
}

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
	col := 1 + utf8.RuneCount(li.src[start:off])
	// The \r of a CRLF line ending is not a column.
	if off > start && li.src[off-1] == '\r' && off < len(li.src) && li.src[off] == '\n' {
		col--
	}
	return Position{Line: line + 1, Column: col, Offset: off}
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
