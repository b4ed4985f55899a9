package lint

import (
	"bytes"
	"fmt"
	"time"
)

// The file problems the resource limits record.
const (
	// ProblemTooDeep is a page whose lists or blockquotes nest deeper
	// than MaxNesting; it is not parsed.
	ProblemTooDeep FileProblemKind = "too-deep"
	// ProblemNotChecked is a file the run had no time left for (the
	// configured time-budget ran out before it was read).
	ProblemNotChecked FileProblemKind = "not-checked"
)

// MaxNesting is the deepest nesting of lists and blockquotes on one line
// that careerlint parses. goldmark (and so Hugo) takes time quadratic in
// the depth, some 15 seconds for one line of 100,000 levels, while real
// pages nest a handful.
const MaxNesting = 100

// deepNesting looks for a line whose lists and blockquotes nest deeper
// than MaxNesting: its leading container markers ("> ", "- ", "1. ", ...)
// each count one level, and its indentation before the first marker one
// level per two columns (lists nested by indentation). It returns the
// offset of the marker past the limit and the line's depth, or -1.
func deepNesting(src []byte) (at, depth int) {
	for line := 0; line < len(src); {
		end := len(src)
		if j := bytes.IndexByte(src[line:], '\n'); j >= 0 {
			end = line + j
		}
		if d, off := lineNesting(src[line:end]); d > MaxNesting {
			return line + off, d
		}
		line = end + 1
	}
	return -1, 0
}

// lineNesting returns the nesting estimate of one line and the offset of
// the marker that crosses MaxNesting.
func lineNesting(l []byte) (depth, at int) {
	i, indent := 0, 0
	for ; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
		if l[i] == '\t' {
			indent += 4
		} else {
			indent++
		}
	}
	blank := func(j int) bool { return j >= len(l) || l[j] == ' ' || l[j] == '\t' || l[j] == '\r' }
	markers, first, mixed, onlyMarkers := 0, byte(0), false, true
	for i < len(l) {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r') {
			i++
		}
		if i >= len(l) {
			break
		}
		start := i
		c := l[i]
		switch {
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && blank(i+1):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j >= len(l) || (l[j] != '.' && l[j] != ')') || !blank(j+1) {
				onlyMarkers = false
				break
			}
			i = j + 1
		default:
			onlyMarkers = false
		}
		if i == start {
			break
		}
		if markers == 0 {
			first = c
		} else if c != first {
			mixed = true
		}
		markers++
		if markers+indent/2 > MaxNesting && at == 0 {
			at = start
		}
	}
	if markers == 0 {
		return 0, 0
	}
	// A line of "-" or "*" markers only is a thematic break.
	if onlyMarkers && !mixed && (first == '-' || first == '*') {
		return 0, 0
	}
	return markers + indent/2, at
}

// tooDeepProblem is the problem recorded for a page nested too deeply.
func tooDeepProblem(at, depth int) FileProblem {
	return FileProblem{Kind: ProblemTooDeep, Start: at, End: at + 1,
		Message: fmt.Sprintf("line nests %d lists or blockquotes, over the limit of %d; the file was not parsed", depth, MaxNesting)}
}

// notCheckedPage is a page the run had no time left for.
func notCheckedPage(rel string, budget time.Duration) *Page {
	return NewUnparsedPage(rel, FileProblem{Kind: ProblemNotChecked,
		Message: fmt.Sprintf("not checked: the time budget of %s (time-budget) ran out before this file was read; raise time-budget or lint fewer files", budget)})
}
