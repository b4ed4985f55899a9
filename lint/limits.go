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
	// ProblemTooComplex is a file with a paragraph or table past one of
	// the limits below (MaxEmphasisMarkers, MaxLinkOpenings,
	// MaxTableCells) or more lines than MaxLines; it is not parsed.
	ProblemTooComplex FileProblemKind = "too-complex"
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

// Limits of what careerlint parses, past which goldmark (and so Hugo)
// takes time or memory out of proportion to the text: measured on this
// project's machine, 20,000 emphasis markers with no partner in one
// paragraph take 0.4 s and 40,000 take 4 s; 5,000 unclosed "](" take
// 0.12 s and 20,000 take 1.8 s; a table of 50,000 columns and 300 rows
// (goldmark pads every row to the header's columns) took 2.7 GB; two
// million one-letter lines took 875 MB. Real pages stay far below each.
const (
	// MaxEmphasisMarkers is the most "*" and "_" in one paragraph.
	MaxEmphasisMarkers = 10000
	// MaxLinkOpenings is the most "](" in one paragraph.
	MaxLinkOpenings = 4000
	// MaxTableCells is the most cells of one table, its header's columns
	// times its rows.
	MaxTableCells = 500000
	// MaxLines is the most lines of a file.
	MaxLines = 200000
)

// tooComplex looks for a paragraph (a run of non-blank lines outside
// fenced code), table or file past the limits above and returns the
// problem, or ok false.
func tooComplex(src []byte) (FileProblem, bool) {
	var (
		lines, start, inPara           int
		stars, links, pipes, paraLines int
		fence                          byte
		tableAt                        = -1
	)
	problem := func(at int, msg string) (FileProblem, bool) {
		return FileProblem{Kind: ProblemTooComplex, Start: at, End: at + 1, Message: msg + "; the file was not parsed"}, true
	}
	endPara := func() (FileProblem, bool) {
		switch {
		case stars > MaxEmphasisMarkers:
			return problem(start, fmt.Sprintf("paragraph has %d emphasis markers (\"*\" and \"_\"), over the limit of %d, which would take goldmark, and Hugo, minutes", stars, MaxEmphasisMarkers))
		case links > MaxLinkOpenings:
			return problem(start, fmt.Sprintf("paragraph has %d link openings (\"](\"), over the limit of %d, which would take goldmark, and Hugo, minutes", links, MaxLinkOpenings))
		case tableAt >= 0 && pipes*paraLines > MaxTableCells:
			return problem(start, fmt.Sprintf("table has %d columns and %d rows, over the limit of %d cells; goldmark, and Hugo, fill every row to the header's columns", pipes, paraLines, MaxTableCells))
		}
		stars, links, pipes, paraLines, inPara, tableAt = 0, 0, 0, 0, 0, -1
		return FileProblem{}, false
	}
	for at := 0; at < len(src); {
		end := len(src)
		if j := bytes.IndexByte(src[at:], '\n'); j >= 0 {
			end = at + j
		}
		line := src[at:end]
		lines++
		if lines > MaxLines {
			return problem(at, fmt.Sprintf("file has more than %d lines, the limit", MaxLines))
		}
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case fence != 0:
			if len(trimmed) >= 3 && trimmed[0] == fence && trimmed[1] == fence && trimmed[2] == fence {
				fence = 0
			}
		case len(trimmed) >= 3 && (trimmed[0] == '`' || trimmed[0] == '~') && trimmed[1] == trimmed[0] && trimmed[2] == trimmed[0]:
			if p, ok := endPara(); ok {
				return p, true
			}
			fence = trimmed[0]
		case len(bytes.TrimSpace(line)) == 0:
			if p, ok := endPara(); ok {
				return p, true
			}
		default:
			if inPara == 0 {
				start, inPara = at, 1
				pipes = tableColumns(trimmed)
			} else if paraLines == 1 && pipes > 1 && delimiterRow(trimmed) {
				tableAt = at
			}
			paraLines++
			stars += bytes.Count(line, []byte("*")) + bytes.Count(line, []byte("_"))
			links += bytes.Count(line, []byte("]("))
			if stars > MaxEmphasisMarkers || links > MaxLinkOpenings {
				return endPara()
			}
		}
		at = end + 1
	}
	return endPara()
}

// tableColumns returns the columns a line would give a table's header:
// its cells between pipes, a leading and a trailing pipe opening none.
func tableColumns(l []byte) int {
	l = bytes.TrimRight(l, " \t\r")
	n := bytes.Count(l, []byte("|")) + 1
	if bytes.HasPrefix(l, []byte("|")) {
		n--
	}
	if len(l) > 1 && bytes.HasSuffix(l, []byte("|")) {
		n--
	}
	return n
}

// delimiterRow reports whether a line is a table's delimiter row: pipes,
// colons, dashes and spaces, with at least one dash.
func delimiterRow(l []byte) bool {
	l = bytes.TrimRight(l, " \t\r")
	if len(l) == 0 || bytes.IndexByte(l, '-') < 0 {
		return false
	}
	for _, c := range l {
		if c != '|' && c != ':' && c != '-' && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
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
