package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"gitlab.com/careerlint/careerlint/lint"
)

// LinkSyntax reports text written as a link that Hugo prints as text: a
// space between "]" and "(", a space in the destination, a reference to a
// label no definition gives, and "[x](url)" at the start of a list item,
// which Hugo reads as a task-list checkbox.
var LinkSyntax = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL022",
		Name:          "link-syntax",
		Summary:       "text written as a link renders as one: no space before its \"(\" or in its destination, a defined reference, not a task-list box",
		Default:       lint.Warning,
		Suggests:      true,
		IncludedFiles: true,
	},
	CheckPage: checkLinkSyntax,
}

// The forms of a link that goldmark, as Hugo configures it, leaves as text,
// found in the literal text between the page's inline nodes (a link it
// did read is a node of its own, never in that text). The destination
// must look like one (urlLike), so that bracketed prose followed by a
// remark in parentheses is left alone.
var (
	// [text] (dest): white space, even a line break, before "(".
	spacedLinkRE = regexp.MustCompile(`\[([^\[\]\n]+)\]((?:[ \t]+(?:\r?\n)?|\r?\n)[ \t]*)\(([^()\r\n]*)\)`)
	// [text](dest with spaces)
	spacedDestRE = regexp.MustCompile(`\[([^\[\]\n]+)\]\(([^()\n]*[ \t][^()\n]*)\)`)
	// [text][label] and [text][]
	refLinkRE = regexp.MustCompile(`\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]`)
)

func checkLinkSyntax(pass *lint.PagePass) {
	p := pass.Page
	if p.Doc == nil {
		return // parsed without its syntax tree
	}
	var labels []string // the page's reference labels, read on need
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *extast.TaskCheckBox:
			checkTaskBoxLink(pass, n)
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.TableCell:
			for _, run := range textRuns(n, p.Src) {
				checkTextRun(pass, run, &labels)
			}
		}
		return ast.WalkContinue, nil
	})
}

// textRun is a stretch of source that goldmark read as plain text: the
// text of consecutive Text nodes of one inline container, and of the
// emphasis and code spans between them. code holds the spans of the code
// spans' text, which is no Markdown: it is blanked before matching.
type textRun struct {
	start, end int
	code       [][2]int
}

// textRuns returns the runs of literal text among the inline children of
// a block, as source spans: consecutive Text nodes, with the typographer's
// replacements (a curly quote, a dash), bare URLs that linkify made
// links (the author wrote them as text), and emphasis, strikethrough and
// code spans holding no link (the text of "[**values**] (/x/)") inside a
// run.
func textRuns(block ast.Node, src []byte) []textRun {
	var out []textRun
	cur := textRun{start: -1}
	flush := func() {
		if cur.start >= 0 {
			out = append(out, cur)
		}
		cur = textRun{start: -1}
	}
	extend := func(start, end int) {
		if cur.start >= 0 && start < cur.end {
			flush() // not in source order: text goldmark made up
		}
		if cur.start < 0 {
			cur.start = start
		}
		cur.end = end
	}
	for c := block.FirstChild(); c != nil; c = c.NextSibling() {
		switch n := c.(type) {
		case *ast.Text:
			if n.Segment.Len() == 0 && !n.SoftLineBreak() {
				flush()
				continue
			}
			extend(n.Segment.Start, n.Segment.Stop)
		case *ast.String:
			// No position of its own; the text around it has one.
		case *ast.AutoLink:
			start, end, ok := bareURLSpan(n, src)
			if !ok {
				flush()
				continue
			}
			extend(start, end)
		case *ast.Emphasis, *extast.Strikethrough, *ast.CodeSpan:
			// Its source, between the text before and after it, is part
			// of the run.
			if cur.start < 0 || !plainInline(n) {
				flush()
				continue
			}
			if cs, ok := n.(*ast.CodeSpan); ok {
				if s, e, ok := childTextSpan(cs); ok && s >= cur.end {
					cur.code = append(cur.code, [2]int{s, e})
				}
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

// plainInline reports whether an inline node holds only text, emphasis
// and code: no link, image, raw HTML or footnote reference.
func plainInline(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Text, *ast.String:
		case *ast.Emphasis, *extast.Strikethrough, *ast.CodeSpan:
			if !plainInline(c) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// childTextSpan returns the source span of the Text children of n.
func childTextSpan(n ast.Node) (int, int, bool) {
	start, end := -1, -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
	}
	return start, end, start >= 0 && start <= end
}

// bareURLSpan returns the source span of a URL written as text that
// linkify made a link, and false for an autolink written in angle
// brackets or one whose place is unknown.
func bareURLSpan(n *ast.AutoLink, src []byte) (int, int, bool) {
	label := n.Label(src)
	start := n.Pos()
	if start < 0 || start >= len(src) || src[start] == '<' {
		return 0, 0, false
	}
	// Linkify places a URL found after a space, '*', '_', '~' or '(' at
	// that character.
	if !bytes.HasPrefix(src[start:], label) && bytes.HasPrefix(src[start+1:], label) {
		start++
	}
	if !bytes.HasPrefix(src[start:], label) {
		return 0, 0, false
	}
	return start, start + len(label), true
}

// checkTextRun reports the link forms of one run of literal text.
func checkTextRun(pass *lint.PagePass, run textRun, labels *[]string) {
	p := pass.Page
	text := string(p.Src[run.start:run.end])
	if !strings.Contains(text, "]") {
		return
	}
	// A run may end before a soft line break that goldmark keeps out of
	// its segments: "[text]" ending a line and "(dest)" starting the next
	// are two runs. Read on to the end of the next line's text then.
	if end := run.end; strings.HasSuffix(strings.TrimRight(text, " \t"), "]") {
		if end < len(p.Src) && p.Src[end] == '\r' {
			end++ // a CRLF line ending
		}
		if end < len(p.Src) && p.Src[end] == '\n' {
			next := end + 1
			for next < len(p.Src) && p.Src[next] != '\n' {
				next++
			}
			text = string(p.Src[run.start:next])
		}
	}
	src := text // as written, for messages
	if len(run.code) > 0 {
		b := []byte(text)
		for _, c := range run.code {
			for i := c[0]; i < c[1] && i-run.start < len(b); i++ {
				b[i-run.start] = '`'
			}
		}
		text = string(b)
	}
	for _, m := range spacedLinkRE.FindAllStringSubmatchIndex(text, -1) {
		if escaped(text, m[0]) || !urlLike(text[m[6]:m[7]]) {
			continue
		}
		start, end := run.start+m[0], run.start+m[1]
		gap := text[m[4]:m[5]]
		what := "a space"
		if strings.Contains(gap, "\n") {
			what = "a line break"
		}
		msg := fmt.Sprintf("%s between \"]\" and \"(\" makes %s text, not a link; remove it", what, quoteShort(src[m[0]:m[1]]))
		fix := lint.Fix{Title: "join \"]\" and \"(\"", Edits: []lint.Edit{{Span: p.Span(run.start+m[4], run.start+m[5]), Text: ""}}}
		pass.Report(lint.Diagnostic{Span: p.Span(start, end), Message: msg, Suggestions: []lint.Fix{fix}})
	}
	for _, m := range spacedDestRE.FindAllStringSubmatchIndex(text, -1) {
		dest := strings.TrimSpace(text[m[4]:m[5]])
		if escaped(text, m[0]) || !urlLike(dest) || hasTitle(dest) {
			continue
		}
		msg := fmt.Sprintf("link destination %q holds a space, so %s is text, not a link; write %%20 for each space, or <%s> around it", dest, quoteShort(src[m[0]:m[1]]), dest)
		pass.Report(lint.Diagnostic{Span: p.Span(run.start+m[0], run.start+m[1]), Message: msg})
	}
	for _, m := range refLinkRE.FindAllStringSubmatchIndex(text, -1) {
		if escaped(text, m[0]) || m[0] > 0 && isWordByte(text[m[0]-1]) {
			continue // a[i][j]: an index, not a link
		}
		label := text[m[4]:m[5]]
		shown := label
		if strings.TrimSpace(label) == "" {
			shown = text[m[2]:m[3]] // [text][] takes its text as label
		}
		if *labels == nil {
			*labels = renderedLabels(pass.Site, p)
		}
		if slices.Contains(*labels, normRefLabel(shown)) {
			continue // defined in a file the page includes, or one that includes it
		}
		msg := fmt.Sprintf("no link reference definition [%s]: ... on this page, so %s is text, not a link", shown, quoteShort(src[m[0]:m[1]]))
		d := lint.Diagnostic{Span: p.Span(run.start+m[0], run.start+m[1])}
		if c := lint.Closest(normRefLabel(shown), *labels, 3); c != "" {
			msg += fmt.Sprintf("; did you mean [%s]", c)
			if strings.TrimSpace(label) != "" {
				d.Suggestions = []lint.Fix{{Title: "write [" + c + "]", Edits: []lint.Edit{{Span: p.Span(run.start+m[4], run.start+m[5]), Text: c}}}}
			}
		} else {
			msg += "; define it below the text, as [" + shown + "]: /url/"
		}
		d.Message = msg
		pass.Report(d)
	}
}

// normRefLabel normalises a reference label as the page's labels are
// (Page.ReferenceLabels): case folded, inner white space collapsed.
func normRefLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

type refLabelsKey struct{}

// renderedLabels returns the reference labels that apply to the text of
// file p, sorted: Hugo reads a page with its includes pasted in place as
// one text, so a definition in the page serves a reference in a file it
// includes, and the other way round. For a file several pages include,
// the labels of each are taken (a reference one of them defines is not
// reported). A file no linted page renders has its own labels.
func renderedLabels(site *lint.Site, p *lint.Page) []string {
	byFile := site.Memo(refLabelsKey{}, func() any {
		own := map[string][]string{} // each file's own labels, read once
		out := map[string][]string{}
		for _, pg := range site.Pages {
			parts := site.RenderedParts(pg)
			var labels []string
			for _, part := range parts {
				f := part.File
				if _, ok := own[f.Path]; !ok {
					own[f.Path] = f.ReferenceLabels()
				}
				labels = append(labels, own[f.Path]...)
			}
			for _, part := range parts {
				out[part.File.Path] = append(out[part.File.Path], labels...)
			}
		}
		for f, l := range out {
			slices.Sort(l)
			out[f] = slices.Compact(l)
		}
		return out
	}).(map[string][]string)
	if l, ok := byFile[p.Path]; ok {
		return l
	}
	return p.ReferenceLabels()
}

// checkTaskBoxLink reports "[x](dest)" starting a list item: Hugo's task
// lists take "[x]" for a checked box and print "(dest)" as text.
func checkTaskBoxLink(pass *lint.PagePass, box *extast.TaskCheckBox) {
	p := pass.Page
	next, ok := box.NextSibling().(*ast.Text)
	if !ok {
		return
	}
	at := next.Segment.Start
	if at < 3 || at >= len(p.Src) || p.Src[at-1] != ']' || p.Src[at] != '(' {
		return // "[x] (…)" with a space reads as a box on purpose
	}
	// The text may stop short of ")": linkify makes a URL a node of its
	// own. The box is the first thing on its line; read to the line's end.
	line := p.Src[at:]
	if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	end := bytes.IndexByte(line, ')')
	if end < 0 || !urlLike(string(line[1:end])) {
		return
	}
	written := string(p.Src[at-3 : at+end+1])
	msg := fmt.Sprintf("%s starts a list item, where Hugo reads %s as a task-list box and prints %s after it, not a link; give the link a longer text", quoteShort(written), written[:3], quoteShort(written[3:]))
	pass.Report(lint.Diagnostic{Span: p.Span(at-3, at+end+1), Message: msg})
}

// urlLike reports whether the text in parentheses looks like a link
// destination: a site path, a fragment, a relative path, a URL with a
// scheme, a ref shortcode, or a word ending in "/" or ".md".
func urlLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, pre := range []string{"/", "#", "./", "../", "http://", "https://", "mailto:", "{{<", "{{%"} {
		if strings.HasPrefix(s, pre) {
			return true
		}
	}
	first := strings.Fields(s)[0]
	return strings.HasSuffix(first, "/") || strings.HasSuffix(strings.ToLower(first), ".md")
}

// hasTitle reports whether a destination with a space ends in a quoted
// link title, which goldmark would have read: such text failed for
// another reason, not the space.
func hasTitle(dest string) bool {
	i := strings.IndexAny(dest, " \t")
	if i < 0 {
		return false
	}
	t := strings.TrimSpace(dest[i:])
	return len(t) >= 2 && (t[0] == '"' && t[len(t)-1] == '"' || t[0] == '\'' && t[len(t)-1] == '\'')
}

// escaped reports whether the byte at i follows an odd number of
// backslashes: "\[" is a bracket written as text on purpose.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// quoteShort quotes source text for a message, shortened past 60 bytes.
func quoteShort(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", " "), "\n", " ")
	if len(s) > 60 {
		cut := 57
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return fmt.Sprintf("%q", s)
}
