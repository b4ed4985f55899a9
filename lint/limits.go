package lint

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// The file problems the resource limits record.
const (
	// ProblemTooDeep is a page whose lists or blockquotes nest deeper
	// than MaxNesting; it is not parsed.
	ProblemTooDeep FileProblemKind = "too-deep"
	// ProblemTooComplex is a file whose paragraphs or tables are past one
	// of the limits below (MaxParseWork, MaxTableCells) or that has more
	// lines than MaxLines; it is not parsed.
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
// takes time or memory out of proportion to the text. goldmark matches
// an emphasis closer by walking back over every delimiter run before it, and parses an
// unclosed link destination to the end of its paragraph, each time: the
// work grows with closers that match nothing times the runs they walk over
// (10,000 "*a_" in one paragraph: 0.4 s; 20,000: 4 s), and with the square
// of unclosed "](" (5,000: 0.12 s; 20,000: 1.8 s), paragraph by paragraph.
// A table of 50,000 columns and 300 rows (goldmark fills every row to the
// header's columns) took 2.7 GB; two million one-letter lines took 875 MB.
// Matched emphasis and closed links cost little, and real pages stay far
// below each limit.
const (
	// MaxParseWork bounds the work of a file's paragraphs: for each,
	// the steps goldmark's emphasis matching takes (replayed by
	// inlineBlock.emphasisWork), plus the square of its unclosed link
	// destinations, plus the nodes its "]"s search and its links with
	// emphasis walk over (addBrackets; about 0.4 s of goldmark's time
	// here).
	MaxParseWork = 50_000_000
	// bracketWeight is what a node a "]" searches (inlineBlock.addBrackets)
	// counts for in MaxParseWork: it takes goldmark about twice as long as
	// a step of emphasis matching.
	bracketWeight = 2
	// MaxDelimiterRuns is the most runs of "*", "_" or "~" of one
	// paragraph whose matching is replayed (MaxInlineMarks, the stricter
	// limit on a whole file, refuses a file with more).
	MaxDelimiterRuns = 400_000
	// MaxTableCells is the most cells of one table, its header's columns
	// times its rows.
	MaxTableCells = 500000
	// MaxLines is the most lines of a file.
	MaxLines = 200000
	// MaxInlineMarks is the most "[", "`", "<" and runs of "*", "_" or
	// "~" in a file's Markdown text (inlineMarks and the runs
	// inlineBlock.addLine counts): goldmark keeps a node,
	// and for "[" a bracket record, of some hundreds of bytes for each
	// (two million "[" took 950 MB, a million code spans 570 MB). The
	// largest handbook page holds about 1,100.
	MaxInlineMarks = 200_000
)

// inlineMarks counts what in a line of Markdown text may make an inline
// node of its own, besides emphasis runs (which inlineBlock.addLine
// counts): "[", "`" and "<", escaped or not (more than goldmark makes,
// never fewer; bytes.Count is fast).
func inlineMarks(l []byte) int {
	return bytes.Count(l, []byte("[")) + bytes.Count(l, []byte("`")) + bytes.Count(l, []byte("<"))
}

// tooComplex looks for a file whose inline blocks (a paragraph, a list
// item's or heading's text, a table row) would take goldmark time out of
// proportion (MaxParseWork), a table past MaxTableCells, or more lines
// than MaxLines, and returns the problem, or ok false. It reads lines, not
// Markdown: a run of non-blank lines is one block until a line that may
// interrupt a paragraph (interrupts) or a table row starts another; fenced
// and indented code and front matter are skipped.
func tooComplex(src []byte) (FileProblem, bool) {
	var (
		lines, total    int
		cur, worst      inlineBlock
		worstWork       int
		worstEmph       int  // the worst block's emphasis work
		quote           bool // the line before was in a block quote
		triedTable      bool // the paragraph had its delimiter-like row
		inBlock, inList bool
		prevBlank       = true
		cols, rows      int  // the table being read
		tableAt         = -1 // where the table starts, -1 outside one
		fence           byte
		prevLine        []byte // the line before, as a table's header
		prevAt          = -1
	)
	var defined map[string]bool
	labels := func() map[string]bool {
		if defined == nil {
			defined = definitionLabels(src)
		}
		return defined
	}
	problem := func(at int, msg string) (FileProblem, bool) {
		return FileProblem{Kind: ProblemTooComplex, Start: at, End: at + 1, Message: msg + "; the file was not parsed"}, true
	}
	endInline := func() {
		if inBlock {
			if cur.start <= cur.end {
				cur.addBracketWork(src[cur.start:cur.end], labels)
			}
			emph := cur.emphasisWork(MaxParseWork - total)
			if w := emph + cur.unclosed*cur.unclosed + bracketWeight*cur.bracketWork + cur.walkWork; w > 0 {
				total += w
				if w > worstWork {
					worst, worstWork, worstEmph = cur, w, emph
				}
			}
		}
		cur, inBlock = inlineBlock{}, false
	}
	endBlock := func() (FileProblem, bool) {
		endInline()
		if tableAt >= 0 && cols*rows > MaxTableCells {
			return problem(tableAt, fmt.Sprintf("table has %d columns and %d rows, over the limit of %d cells; goldmark, and Hugo, fill every row to the header's columns", cols, rows, MaxTableCells))
		}
		tableAt, cols, rows = -1, 0, 0
		return FileProblem{}, false
	}
	at := frontMatterEnd(src)
	// The front matter's lines count towards the limit too, which is the
	// file's: the finding is on the file's line MaxLines+1.
	lines = bytes.Count(src[:at], []byte{'\n'})
	if lines > MaxLines {
		// Over the limit in the front matter: on its line MaxLines+1.
		off := 0
		for range MaxLines {
			off += bytes.IndexByte(src[off:], '\n') + 1
		}
		return problem(off, fmt.Sprintf("file has more than %d lines, the limit; split the file", MaxLines))
	}
	var line []byte
	var end int
	marks, marksAt := 0, -1  // inlineMarks of the lines read as Markdown text, and the line past the limit
	html, inHTML := 0, false // the kind of HTML block open (htmlBlockKind), and whether the line is in it
	addLine := func() {
		runs := cur.runs
		cur.addLine(line)
		cur.end = end
		if inHTML {
			return
		}
		if marks += inlineMarks(line) + cur.runs - runs; marks > MaxInlineMarks && marksAt < 0 {
			marksAt = at
		}
	}
	for at < len(src) {
		if marksAt >= 0 {
			return problem(marksAt, fmt.Sprintf("file holds more than %d link brackets, backticks, HTML tags and emphasis runs, the limit: goldmark, and Hugo, keep a node of some hundreds of bytes for each (a million take about 500 MB); split the file", MaxInlineMarks))
		}
		end = len(src)
		if j := bytes.IndexByte(src[at:], '\n'); j >= 0 {
			end = at + j
		}
		line = src[at:end]
		lines++
		if lines > MaxLines {
			return problem(at, fmt.Sprintf("file has more than %d lines, the limit; split the file", MaxLines))
		}
		trimmed := bytes.TrimLeft(line, " \t")
		indent := indentWidth(line)
		blank := len(bytes.TrimSpace(line)) == 0
		isFence := indent < 4 && len(trimmed) >= 3 && (trimmed[0] == '`' || trimmed[0] == '~') && trimmed[1] == trimmed[0] && trimmed[2] == trimmed[0]
		// An HTML block's lines make no inline nodes: their marks are not
		// counted (its work above is, which counting more keeps safe).
		inHTML = false
		switch {
		case fence != 0:
		case html != 0:
			inHTML = !blank || html != 6
			if html == 6 && blank || html != 6 && htmlBlockEndsOn(html, line) {
				html = 0
			}
		case indent < 4 && !inList && !quote && len(trimmed) > 1 && trimmed[0] == '<':
			// Only at the top level: a list item or quote that ends
			// ends the block in it, which the lines here do not tell.
			if html = htmlBlockKind(trimmed); html != 0 {
				inHTML = true
				if html != 6 && htmlBlockEndsOn(html, trimmed) {
					html = 0
				}
			}
		}
		switch {
		case fence != 0:
			if isFence && trimmed[0] == fence {
				fence = 0
			}
		case isFence && !inHTML: // inside an HTML block a fence line is HTML
			if p, ok := endBlock(); ok {
				return p, true
			}
			fence = trimmed[0]
		case blank:
			if p, ok := endBlock(); ok {
				return p, true
			}
			prevLine, triedTable = nil, false
		case indent >= 4 && !inList && (prevBlank || !inBlock) && tableAt < 0:
			// Indented code: no inline parsing.
			if p, ok := endBlock(); ok {
				return p, true
			}
		case tableAt < 0 && !triedTable && prevLine != nil && delimiterRow(trimmed) && tableColumns(prevLine) > 1:
			// goldmark takes the first delimiter-like row of a paragraph
			// only: a table when its columns are the header's (the line
			// before), else the paragraph goes on.
			triedTable = true
			if tableColumns(trimmed) != tableColumns(prevLine) {
				addLine()
				break
			}
			// The paragraph before (with the header) is counted; each row
			// from here is an inline block of its own.
			endInline()
			tableAt, cols, rows = prevAt, tableColumns(prevLine), 2
		case tableAt >= 0 && (interrupts(trimmed, inList, quote) || trimmed[0] == '>'):
			// A block that interrupts ends the table; the lines after it
			// are a paragraph again.
			if p, ok := endBlock(); ok {
				return p, true
			}
			cur.start, inBlock = at, true
			prevLine, prevAt = trimmed, at
			addLine()
		default:
			if prevBlank && indent < 2 && !listItem(trimmed) {
				inList = false
			}
			if tableAt >= 0 {
				rows++
			}
			isQuote := len(trimmed) > 0 && trimmed[0] == '>'
			if tableAt >= 0 || !inBlock || interrupts(trimmed, inList, quote) {
				triedTable = false
				endInline()
				cur.start, inBlock = at, true
				// A list item only where a block may start: "2) x" inside
				// a paragraph is text.
				inList = inList || listItem(trimmed)
			}
			quote = isQuote
			prevLine, prevAt = trimmed, at
			addLine()
		}
		if blank {
			quote = false
		}
		prevBlank = blank
		at = end + 1
	}
	if p, ok := endBlock(); ok {
		return p, true
	}
	if marksAt >= 0 {
		return problem(marksAt, fmt.Sprintf("file holds more than %d link brackets, backticks, HTML tags and emphasis runs, the limit: goldmark, and Hugo, keep a node of some hundreds of bytes for each (a million take about 500 MB); split the file", MaxInlineMarks))
	}
	if total <= MaxParseWork {
		return FileProblem{}, false
	}
	more := ""
	if worstWork <= MaxParseWork {
		more = ", and the file's other paragraphs more of the same"
	}
	if b := bracketWeight * worst.bracketWork; b > worstEmph && b > worst.unclosed*worst.unclosed && b >= worst.walkWork {
		return problem(worst.start, fmt.Sprintf("paragraph holds link brackets \"[\" left open, each \"]\" after them making goldmark, and Hugo, search back over all the text since the last open one%s: they would take seconds to parse; close or escape the brackets (\\[)", more))
	}
	if w := worst.walkWork; w > worstEmph && w > worst.unclosed*worst.unclosed {
		return problem(worst.start, fmt.Sprintf("paragraph holds so many links with emphasis in their text that goldmark, and Hugo, walking back over the paragraph for each, would take seconds to parse them%s; split the paragraph", more))
	}
	if worst.unclosed*worst.unclosed >= worstEmph {
		return problem(worst.start, fmt.Sprintf("paragraph holds %d link openings \"](\" that no \")\" closes%s: goldmark, and Hugo, would take seconds to parse them; close or escape them (\\]\\()", worst.unclosed, more))
	}
	return problem(worst.start, fmt.Sprintf("paragraph holds %d runs of \"*\" or \"_\" that goldmark, and Hugo, would take seconds to match up (searching back over them, each closer that matches nothing)%s; escape them (\\*, \\_) or put the text in code", worst.runs, more))
}

// indentWidth returns the columns of a line's leading spaces and tabs (a
// tab to the next multiple of four).
func indentWidth(l []byte) int {
	w := 0
	for _, c := range l {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w
		}
	}
	return w
}

// listItem reports whether a line (without its indentation) starts a list
// item: a bullet, or a number of up to nine digits, then "." or ")",
// then white space or the end of the line.
func listItem(l []byte) bool {
	if len(l) == 0 {
		return false
	}
	if c := l[0]; c == '-' || c == '*' || c == '+' {
		return len(l) == 1 || l[1] == ' ' || l[1] == '\t'
	}
	i := 0
	for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t')
}

// interrupts reports whether a line (without its indentation) ends the
// paragraph before it and starts another block, as CommonMark lets a
// block interrupt a paragraph: an ATX heading, a block quote (not the next
// line of one: inQuote), a thematic break or setext underline, a non-empty
// bullet item, an ordered item numbered 1 (any number inside a list), or
// an HTML block of the kinds that may interrupt one.
func interrupts(l []byte, inList, inQuote bool) bool {
	if len(l) == 0 {
		return false
	}
	switch c := l[0]; {
	case c == '#':
		n := 0
		for n < len(l) && l[n] == '#' {
			n++
		}
		return n <= 6 && (n == len(l) || l[n] == ' ' || l[n] == '\t')
	case c == '>':
		// A quote may interrupt a paragraph, but a quote's lines, lazy
		// ones between them too, are one paragraph: not split (counting
		// more is safe, less is not).
		return false
	case c == '<':
		return htmlBlockKind(l) != 0
	case thematicBreak(l) || c == '=' && len(bytes.Trim(l, "= \t\r")) == 0:
		return true
	case c == '-' || c == '*' || c == '+':
		return listItem(l) && len(bytes.TrimSpace(l[1:])) > 0
	case c >= '0' && c <= '9':
		i := bytes.IndexAny(l, ".)")
		return listItem(l) && len(bytes.TrimSpace(l[i+1:])) > 0 && (inList || l[0] == '1' && i == 1)
	}
	return false
}

// thematicBreak reports whether a line is three or more "*", "-" or "_"
// (the same), with spaces between.
func thematicBreak(l []byte) bool {
	l = bytes.TrimRight(l, " \t\r")
	if len(l) < 3 || l[0] != '*' && l[0] != '-' && l[0] != '_' {
		return false
	}
	n := 0
	for _, c := range l {
		switch c {
		case l[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// htmlBlockTags are the tags that start an HTML block of CommonMark's
// sixth kind, which may interrupt a paragraph.
var htmlBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "base": true, "basefont": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "col": true, "colgroup": true, "dd": true, "details": true, "dialog": true,
	"dir": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "frame": true, "frameset": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "head": true, "header": true, "hr": true, "html": true, "iframe": true, "legend": true,
	"li": true, "link": true, "main": true, "menu": true, "menuitem": true, "nav": true, "noframes": true, "ol": true,
	"optgroup": true, "option": true, "p": true, "param": true, "search": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "title": true, "tr": true,
	"track": true, "ul": true,
}

// htmlBlockKind returns the kind of HTML block (1 to 6) a line starting
// with "<" opens as goldmark reads it, strictly, or 0: 1 for script, pre,
// style and textarea followed by white space, ">" or the line's end, 2 a
// comment, 3 a processing instruction, 4 a declaration ("<!" and a
// capital letter), 5 CDATA, 6 a block-level tag followed by a space, ">",
// "/>" or the line's end, as htmlBlockEnds numbers them. Anything less
// sure is 0, and the seventh kind (any other tag alone on its line, which
// interrupts no paragraph) is left out: their lines are counted as text,
// and a paragraph goes on over them, which counts more, never less.
func htmlBlockKind(l []byte) int {
	l = bytes.TrimRight(l, "\r")
	switch {
	case bytes.HasPrefix(l, []byte("<!--")):
		return 2
	case bytes.HasPrefix(l, []byte("<?")):
		return 3
	case bytes.HasPrefix(l, []byte("<![CDATA[")):
		return 5
	case len(l) > 2 && l[1] == '!':
		if l[2] >= 'A' && l[2] <= 'Z' {
			return 4
		}
		return 0
	}
	name, closing := l[1:], false
	if len(name) > 0 && name[0] == '/' {
		name, closing = name[1:], true
	}
	end := 0
	for end < len(name) && (name[end] >= 'a' && name[end] <= 'z' || name[end] >= 'A' && name[end] <= 'Z' || name[end] >= '0' && name[end] <= '9') {
		end++
	}
	tag, rest := strings.ToLower(string(name[:end])), name[end:]
	switch tag {
	case "script", "pre", "style", "textarea":
		if closing || !(len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '>') {
			return 0
		}
		return 1
	}
	if !htmlBlockTags[tag] || !(len(rest) == 0 || rest[0] == ' ' || rest[0] == '>' || bytes.HasPrefix(rest, []byte("/>"))) {
		return 0
	}
	return 6
}

// htmlBlockEndsOn reports whether a line ends an HTML block of kind 1 to
// 5 (htmlBlockKind) with its marker (htmlBlockEnds); one of the sixth
// kind ends at a blank line.
func htmlBlockEndsOn(kind int, l []byte) bool {
	if kind < 1 || kind >= len(htmlBlockEnds) {
		return false
	}
	for _, m := range htmlBlockEnds[kind] {
		if indexFold(string(l), m) >= 0 {
			return true
		}
	}
	return false
}

// frontMatterEnd returns the offset after a YAML, TOML or JSON front
// matter at the start of src (after a byte order mark and white space, as
// Hugo reads it), or 0 when there is none or it is never closed.
func frontMatterEnd(src []byte) int {
	start := frontMatterStart(src)
	if start < len(src) && src[start] == '{' {
		end := jsonFrontMatterEnd(src, start)
		if end < 0 {
			return 0
		}
		return min(lineEnd(src, end)+1, len(src)) // the rest of the closing line
	}
	for _, d := range []string{"---", "+++"} {
		if !bytes.HasPrefix(src[start:], []byte(d+"\n")) && !bytes.HasPrefix(src[start:], []byte(d+"\r\n")) {
			continue
		}
		for at := start + len(d) + 1; at < len(src); {
			end := lineEnd(src, at)
			if bytes.Equal(bytes.TrimRight(src[at:end], " \t\r"), []byte(d)) {
				return min(end+1, len(src))
			}
			if bytes.HasPrefix(src[at:end], []byte(d+"\r")) {
				return at + len(d) + 1 // a lone CR ends the delimiter's line, as for Hugo
			}
			at = end + 1
		}
	}
	return 0
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
