package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLineIndexPosition(t *testing.T) {
	tests := []struct {
		name string
		src  string
		offs []int
		want []Position
	}{
		{"ascii", "ab\ncd\n", []int{0, 1, 2, 3, 5, 6},
			[]Position{{1, 1, 0}, {1, 2, 1}, {1, 3, 2}, {2, 1, 3}, {2, 3, 5}, {3, 1, 6}}},
		// é is 2 bytes, 🤝 is 4: columns count code points.
		{"multi-byte", "é🤝x\nü", []int{0, 2, 6, 7, 8, 10},
			[]Position{{1, 1, 0}, {1, 2, 2}, {1, 3, 6}, {1, 4, 7}, {2, 1, 8}, {2, 2, 10}}},
		// The \r is part of the line ending, not a column of the next line.
		{"crlf", "ab\r\ncd\r\n", []int{1, 2, 3, 4, 5, 8},
			[]Position{{1, 2, 1}, {1, 3, 2}, {1, 3, 3}, {2, 1, 4}, {2, 2, 5}, {3, 1, 8}}},
		{"eof without newline", "ab\ncd", []int{5}, []Position{{2, 3, 5}}},
		{"past eof is clamped", "ab\ncd", []int{6, 1000}, []Position{{2, 3, 5}, {2, 3, 5}}},
		{"negative is clamped", "ab", []int{-4}, []Position{{1, 1, 0}}},
		{"empty", "", []int{0, 3}, []Position{{1, 1, 0}, {1, 1, 0}}},
		{"blank lines", "\n\n\n", []int{0, 1, 2, 3}, []Position{{1, 1, 0}, {2, 1, 1}, {3, 1, 2}, {4, 1, 3}}},
		// An invalid byte counts as one column.
		{"invalid utf-8", "a\xffb", []int{2}, []Position{{1, 3, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			li := NewLineIndex([]byte(tt.src))
			var got []Position
			for _, off := range tt.offs {
				got = append(got, li.Position(off))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("positions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLineIndexLine(t *testing.T) {
	tests := []struct {
		src   string
		lines int
		want  []string // lines 0..lines+1
	}{
		{"ab\ncd\n", 3, []string{"", "ab", "cd", "", ""}},
		{"ab\r\ncd\r\n", 3, []string{"", "ab", "cd", "", ""}},
		{"ab\r\ncd", 2, []string{"", "ab", "cd", ""}},
		{"é🤝\n\r\n", 3, []string{"", "é🤝", "", "", ""}},
		{"a\rb\n", 2, []string{"", "a\rb", "", ""}}, // a lone \r is not a line ending
		{"", 1, []string{"", "", ""}},
	}
	for _, tt := range tests {
		li := NewLineIndex([]byte(tt.src))
		if li.Lines() != tt.lines {
			t.Errorf("%q: Lines() = %d, want %d", tt.src, li.Lines(), tt.lines)
		}
		var got []string
		for n := 0; n <= tt.lines+1; n++ {
			got = append(got, li.Line(n))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q: lines (-want +got):\n%s", tt.src, diff)
		}
	}
}

func TestLineIndexLineStart(t *testing.T) {
	li := NewLineIndex([]byte("ab\r\ncdé\nx"))
	for off, want := range map[int]int{0: 0, 3: 0, 4: 4, 7: 4, 9: 9, 10: 9, 99: 9} {
		if got := li.LineStart(off); got != want {
			t.Errorf("LineStart(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestSpanLen(t *testing.T) {
	if got := (Span{Start: 3, End: 10}).Len(); got != 7 {
		t.Errorf("Len = %d", got)
	}
}
