package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

// WhitespaceOptions configure the whitespace rule.
type WhitespaceOptions struct {
	// AllowHardBreaks keeps two or more trailing spaces that make a
	// Markdown hard line break (a paragraph line followed by another line
	// of the same paragraph).
	AllowHardBreaks bool `yaml:"allow-hard-breaks"`
	// CodeBlocks also checks the lines inside fenced and indented code
	// blocks, where trailing whitespace can belong to the example.
	CodeBlocks bool `yaml:"code-blocks"`
}

// Whitespace reports trailing whitespace, whitespace-only lines, a heading
// marker followed by more than one space, a missing final newline and
// surplus blank lines at the end of a file.
var Whitespace = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL009",
		Name:          "whitespace",
		Summary:       "lines have no trailing whitespace, a heading marker one space after it, and the file ends with a newline, not a run of blank lines",
		Default:       lint.Info,
		Fixable:       true,
		IncludedFiles: true,
	},
	NewOptions: func() any { return &WhitespaceOptions{AllowHardBreaks: true} },
	CheckPage:  checkWhitespace,
}

// line is one line of a file: [Start, End) without its line ending; Next
// is where the following line starts (len(src) for the last line).
type line struct {
	Start, End, Next int
}

// splitLines returns the lines of src. A final line ending does not start
// another line.
func splitLines(src []byte) []line {
	var out []line
	for start := 0; start < len(src); {
		next := len(src)
		end := len(src)
		for i := start; i < len(src); i++ {
			if src[i] == '\n' {
				end, next = i, i+1
				if end > start && src[end-1] == '\r' {
					end--
				}
				break
			}
		}
		out = append(out, line{start, end, next})
		start = next
	}
	return out
}

// textLines are facts the Markdown AST knows about lines, by 1-based line
// number.
type textLines struct {
	// code holds the content lines of fenced and indented code blocks.
	code map[int]bool
	// hardBreak holds the lines that end with a hard line break.
	hardBreak map[int]bool
	// inline holds the lines of paragraphs and headings, where trailing
	// spaces might be meant as a line break.
	inline map[int]bool
	// content holds the lines whose end is inside a code span or a piece
	// of inline raw HTML (an attribute value) that goes on past it: their
	// trailing spaces are part of what the page shows or holds.
	content map[int]bool
}

// blockScalarRE finds a YAML block scalar indicator ending a line.
var blockScalarRE = regexp.MustCompile(`(?m):[ \t]*[|>][-+0-9]*[ \t]*\r?$`)

func markdownLines(p *lint.Page) textLines {
	t := textLines{code: map[int]bool{}, hardBreak: map[int]bool{}, inline: map[int]bool{}, content: map[int]bool{}}
	lineOf := func(off int) int { return p.Lines.Position(off).Line }
	spans := func(from, to int) {
		for l := lineOf(from); l < lineOf(to); l++ {
			t.content[l] = true
		}
	}
	if p.Doc == nil {
		return t // parsed without its syntax tree (DropAST)
	}
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				t.code[lineOf(n.Lines().At(i).Start)] = true
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			for i := 0; i < n.Lines().Len(); i++ {
				t.inline[lineOf(n.Lines().At(i).Start)] = true
			}
		case *ast.Text:
			if n.HardLineBreak() {
				t.hardBreak[lineOf(n.Segment.Start)] = true
			}
		case *ast.CodeSpan:
			if first, last := n.FirstChild(), n.LastChild(); first != nil {
				if a, ok := first.(*ast.Text); ok {
					if b, ok := last.(*ast.Text); ok {
						spans(a.Segment.Start, b.Segment.Stop)
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				spans(n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return t
}

func checkWhitespace(pass *lint.PagePass) {
	p := pass.Page
	opts := pass.Options.(*WhitespaceOptions)
	src := p.Src
	if len(src) == 0 {
		return // file-format reports an empty file
	}
	md := markdownLines(p)
	// The ends of {{% %}} shortcodes: Hugo renders their output as
	// Markdown in their place, so the spaces after them do what that
	// output makes of them. A {{< >}} shortcode is a placeholder of text
	// while Markdown is rendered, so the spaces after it break the line
	// as after any text.
	shortcodeEnds := map[int]bool{}
	for _, sc := range p.Shortcodes {
		if sc.Delim == shortcode.Percent {
			shortcodeEnds[sc.End] = true
		}
	}
	// An include of a file that ends without a line break pastes its
	// last line right before the spaces after the shortcode, where text
	// on the next line can make them a hard line break.
	openEnded := map[int]lint.Span{}
	for _, inc := range p.Includes {
		if it := pass.Site.ResolveInclude(inc.Target); it.Page != nil && len(it.Page.Src) > 0 && it.Page.Src[len(it.Page.Src)-1] != '\n' {
			openEnded[inc.Span.End] = inc.Span
		}
	}
	lines := splitLines(src)
	// Front matter with a block scalar (description: |) keeps trailing
	// spaces in its value: its lines are left alone.
	fmEnd, fmBlockScalar := 0, false
	if fm := p.FrontMatter; fm != nil {
		fmEnd = fm.End
		fmBlockScalar = fm.Format == "yaml" && blockScalarRE.Match(src[fm.Start:fm.End])
	}

	// Blank lines at the end of the file: one is allowed, more are
	// reported as one finding whose fix removes them all (git diff --check
	// reports a blank line at the end, so a fix that left one would make
	// a new warning there). Lines holding only whitespace count as blank.
	last := len(lines) - 1
	for last >= 0 && isBlank(src[lines[last].Start:lines[last].End]) {
		last--
	}
	trailingBlank := len(lines) - 1 - last
	extrasFrom := len(lines) // index of the first line the end finding removes
	// Blank lines that close a file inside a code block left open are the
	// block's text.
	if last >= 0 && trailingBlank > 1 && md.code[last+2] && !opts.CodeBlocks {
		trailingBlank = 0
	}
	if last >= 0 && trailingBlank > 1 {
		extrasFrom = last + 1
		from := lines[extrasFrom].Start
		pass.Report(lint.Diagnostic{
			Span:     p.Span(from, len(src)),
			Message:  fmt.Sprintf("file ends with %d blank lines; keep at most one", trailingBlank),
			Identity: "file ends with blank lines",
			Fixes:    []lint.Fix{{Title: "remove the blank lines at the end", Edits: []lint.Edit{{Span: p.Span(from, len(src))}}}},
		})
	}

	for i, l := range lines[:min(extrasFrom, len(lines))] {
		ws := l.End
		for ws > l.Start && (src[ws-1] == ' ' || src[ws-1] == '\t') {
			ws--
		}
		if ws == l.End {
			continue
		}
		n := i + 1
		if md.code[n] && !opts.CodeBlocks || md.content[n] {
			continue
		}
		if fmBlockScalar && l.Start < fmEnd {
			continue // in a YAML block scalar the spaces may be the value's
		}
		run := string(src[ws:l.End])
		span := p.Span(ws, l.End)
		remove := []lint.Fix{{Title: "remove the trailing whitespace", Edits: []lint.Edit{{Span: span}}}}
		if ws == l.Start {
			pass.Report(lint.Diagnostic{
				Span:     span,
				Message:  fmt.Sprintf("blank line holds %s; remove %s", describeWhitespace(run), pronoun(run)),
				Identity: "blank line holds white space",
				Fixes:    []lint.Fix{{Title: "remove the whitespace of the blank line", Edits: remove[0].Edits}},
			})
			continue
		}
		spaces := len(run) - len(strings.TrimRight(run, " "))
		// The last line of an included file goes on with the text that
		// follows the include shortcode where a page pastes it (on the
		// shortcode's line, or on the next when the file ends without a
		// line break): there its spaces are a hard line break.
		// Likewise the spaces after an include shortcode that pastes a
		// file ending without a line break, before a line of text.
		var pastedAt lint.Span
		pastedBreak := false
		if spaces >= 2 && i == len(lines)-1 && md.inline[n] && !headingLine(p, l.Start) {
			pastedAt, pastedBreak = pastedBeforeText(pass.Site, p.Path, l.Next == l.End)
		}
		if inc, ok := openEnded[ws]; ok && spaces >= 2 && i+1 < len(lines) && !isBlank(src[lines[i+1].Start:lines[i+1].End]) {
			pastedAt, pastedBreak = inc, true
		}
		if pastedBreak {
			if opts.AllowHardBreaks {
				continue
			}
			// The break depends on the text around the include: a
			// backslash is no sure replacement, so no fix.
			pass.Report(lint.Diagnostic{
				Span:     span,
				Message:  fmt.Sprintf("line ends with %s, an invisible hard line break where an include pastes text right before the next line; end the line with a backslash \"\\\" by hand if it is meant", describeWhitespace(run)),
				Identity: "line ends with white space, an invisible hard line break",
				Related:  []lint.Related{{Span: pastedAt, Message: "the include that pastes the text"}},
			})
			continue
		}
		// After a {{% %}} shortcode the spaces' effect depends on what the
		// shortcode renders (an include usually renders blocks, where they
		// do nothing), so they are never taken for a hard line break
		// (save after the include of a file without a final line break,
		// above).
		if md.hardBreak[n] && spaces >= 2 && !shortcodeEnds[ws] {
			if opts.AllowHardBreaks {
				continue
			}
			d := lint.Diagnostic{
				Span:     span,
				Message:  fmt.Sprintf("line ends with %s, an invisible hard line break; end the line with a backslash \"\\\" instead", describeWhitespace(run)),
				Identity: "line ends with white space, an invisible hard line break",
			}
			// A backslash right before the spaces would escape the
			// new one and lose the break.
			if src[ws-1] != '\\' {
				d.Fixes = []lint.Fix{{Title: "write the line break as a backslash", Edits: []lint.Edit{{Span: span, Text: "\\"}}}}
			}
			pass.Report(d)
			continue
		}
		msg := fmt.Sprintf("line ends with %s; remove %s", describeWhitespace(run), pronoun(run))
		if spaces >= 2 && md.inline[n] {
			msg = fmt.Sprintf("line ends with %s, which make no line break here; remove them", describeWhitespace(run))
		}
		// The count of spaces is no part of the problem: one of two
		// spaces removed leaves the same finding.
		pass.Report(lint.Diagnostic{Span: span, Message: msg, Identity: "line ends with white space", Fixes: remove})
	}

	// An ATX heading marker followed by more than one space, or by a tab:
	// the heading renders the same, but its source reads as a typo and
	// differs from its siblings' in a search or a diff.
	for _, h := range p.Headings {
		if h.Setext || h.TextStart >= h.TextEnd || h.TextStart > len(src) {
			continue
		}
		ws := h.TextStart
		for ws > h.Span.Start && (src[ws-1] == ' ' || src[ws-1] == '\t') {
			ws--
		}
		run := string(src[ws:h.TextStart])
		if run == " " || ws == h.Span.Start || src[ws-1] != '#' {
			continue
		}
		span := p.Span(ws, h.TextStart)
		marker := strings.TrimLeft(string(src[h.Span.Start:ws]), " ")
		pass.Report(lint.Diagnostic{
			Span:     span,
			Message:  fmt.Sprintf("heading marker %q is followed by %s; write one space", marker, describeWhitespace(run)),
			Identity: fmt.Sprintf("heading marker %q is followed by white space other than one space", marker),
			Fixes:    []lint.Fix{{Title: "write one space after the heading marker", Edits: []lint.Edit{{Span: span, Text: " "}}}},
		})
	}

	// A missing final newline. A last line holding only whitespace is
	// reported above; removing it leaves the file ending with a newline.
	if l := lines[len(lines)-1]; l.Next == len(src) && l.End == len(src) && !isBlank(src[l.Start:l.End]) {
		end := len(src)
		d := lint.Diagnostic{Span: p.Span(end, end), Message: "file does not end with a newline; add one"}
		if at, ok := pastedBeforeText(pass.Site, p.Path, true); ok {
			// Hugo pastes the file's text as it is: a newline at its end
			// would end the line the include shortcode is on, or set a
			// blank line before the line after it.
			d.Message = "file does not end with a newline; add one by hand, with a blank line after the include that pastes it: there the newline would change the text after the include"
			d.Related = []lint.Related{{Span: at, Message: "pasted here, with text after it on this line or the next"}}
		} else {
			d.Fixes = []lint.Fix{{Title: "add a final newline", Edits: []lint.Edit{{Span: p.Span(end, end), Text: "\n"}}}}
		}
		pass.Report(d)
	}
}

// pastedBeforeText returns an include shortcode of the site's pages or of
// the files they include that pastes the file at path where text follows
// it: on the shortcode's own line, or (with nextLine) on the next line. The newline a
// file ends with is pasted in with it, so adding one there ends that line
// early (a table row, a heading) or sets a blank line before the next
// (two lists joining into a loose one).
func pastedBeforeText(s *lint.Site, path string, nextLine bool) (lint.Span, bool) {
	for _, in := range s.Includers(path) {
		src, i := in.File.Src, in.Include.Span.End
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
			i++
		}
		if i < len(src) && src[i] != '\n' {
			return in.Include.Span, true // text after the shortcode on its line
		}
		if !nextLine {
			continue
		}
		if i < len(src) {
			i++
		}
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
			j++
		}
		if j < len(src) && src[j] != '\n' {
			return in.Include.Span, true // a line of text right after it
		}
	}
	return lint.Span{}, false
}

// headingLine reports whether the line starting at off starts an ATX
// heading, whose trailing spaces never make a line break.
func headingLine(p *lint.Page, off int) bool {
	for _, h := range p.Headings {
		if !h.Setext && h.Span.Start <= off && off < h.Span.End {
			return true
		}
	}
	return false
}

// isBlank reports whether b holds only spaces and tabs.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// describeWhitespace names a run of spaces and tabs: "1 space",
// "3 spaces", "a tab", "2 spaces and a tab".
func describeWhitespace(run string) string {
	spaces := strings.Count(run, " ")
	tabs := strings.Count(run, "\t")
	var parts []string
	switch {
	case spaces == 1:
		parts = append(parts, "1 space")
	case spaces > 1:
		parts = append(parts, fmt.Sprintf("%d spaces", spaces))
	}
	switch {
	case tabs == 1:
		parts = append(parts, "a tab")
	case tabs > 1:
		parts = append(parts, fmt.Sprintf("%d tabs", tabs))
	}
	return strings.Join(parts, " and ")
}

// pronoun is "it" for a single whitespace character, else "them".
func pronoun(run string) string {
	if len(run) == 1 {
		return "it"
	}
	return "them"
}
