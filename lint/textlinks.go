package lint

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// TextLinkKind is how a link was written that goldmark read as text (see
// TextLink).
type TextLinkKind uint8

const (
	// SpacedLink is "[text] (dest)": white space, or a line break, between
	// "]" and "(".
	SpacedLink TextLinkKind = iota + 1
	// SpacedDest is "[text](dest with a space)".
	SpacedDest
	// UndefinedRef is "[text][label]" or "[text][]" left as text, as when
	// no link reference definition of the file gives its label (whether
	// another file of the rendered page does is for the rule to tell).
	UndefinedRef
	// TaskBoxLink is "[x](dest)" at the start of a list item, where Hugo's
	// task lists read "[x]" (or "[X]", "[ ]") as a checkbox.
	TaskBoxLink
	// ShortcutRef is "[label]" (or "![label]") left as text: no definition
	// of its file gives the label, and no link label follows it. It is a
	// link where another file of the rendered page defines the label (see
	// Site.RenderedLinks); otherwise it is text in brackets, as often
	// meant, and not reported.
	ShortcutRef
	// SpacedRef is "[text] [label]" with a defined label, as Markdown's
	// first versions allowed a reference to be written: CommonMark reads
	// "[text]" as text and "[label]" as a link of its own, with the text
	// "label".
	SpacedRef
)

// TextLink is link syntax that goldmark, configured as Hugo configures
// it, left as text, so the reader sees its brackets and no link check sees
// its destination. Only text that looks like a link is taken: what
// follows "]" in parentheses must look like a destination (a site path, a
// fragment, a relative path, a URL, a ref shortcode, or a word ending in
// "/" or ".md"), and brackets escaped with a backslash are left alone
// (and those following a word character, "a[i][j]", are marked).
type TextLink struct {
	Kind TextLinkKind
	// Start and End span what was written, from its "[" (its "!" for an
	// image) to its closing ")" or "]".
	Start, End int
	// Written is the text of the span, code spans inside it as written.
	Written string
	// Image is set for "![alt] (src)" and the like.
	Image bool
	// GapStart and GapEnd span the white space between "]" and "("
	// (SpacedLink); LineBreak is set when it holds a line break.
	GapStart, GapEnd int
	LineBreak        bool
	// Dest is the destination as written, trimmed (not for UndefinedRef),
	// and Title a quoted title after it (SpacedDest).
	Dest, Title string
	// Label is the reference label (UndefinedRef, ShortcutRef): as
	// written in the second brackets, or the link text for "[text][]" and
	// "[label]"; LabelStart and LabelEnd span it in the brackets that
	// hold it, and are -1 for "[text][]".
	Label                string
	LabelStart, LabelEnd int
	// Chained is set on a reference whose brackets follow another's
	// directly: an UndefinedRef whose text is the label of the one before
	// ("[b][c]" in "[a][b][c]"), and a ShortcutRef right after one's "]"
	// ("[c]" there). Which of them are links depends on which labels are
	// defined, as CommonMark reads a chain from its left (see RefLinks).
	Chained bool
	// AfterWord is set on an UndefinedRef right after a word character,
	// "a[i][j]": most likely an index, which link-syntax leaves alone,
	// though a link where another file of the page defines the label.
	AfterWord bool
	// Nested is set on an UndefinedRef whose text holds brackets,
	// "[[c]][d]": where the brackets inside are a link, CommonMark makes
	// the outer ones none (a link holds no link), and reads the label
	// after them as a link of its own (a ShortcutRef the scan adds, which
	// the outer reference covers when it is a link).
	Nested bool
}

// InnerRefs returns the reference links written inside the text of the
// Nested reference links[i] (links are in source order).
func InnerRefs(links []TextLink, i int) []TextLink {
	t := links[i]
	if !t.Nested || t.LabelStart < 0 {
		return nil
	}
	k := i + 1
	for k < len(links) && links[k].Start < t.LabelStart-1 {
		k++
	}
	var out []TextLink
	for _, n := range links[i+1 : k] {
		if n.Kind == UndefinedRef || n.Kind == ShortcutRef {
			out = append(out, n)
		}
	}
	return out
}

// RefLinks tells which of a file's UndefinedRef and ShortcutRef text links,
// in source order, are links when defined says which labels a definition
// in another file of the rendered page gives. "[a][b][c]" is "[a]" as text
// and "[b][c]" a link when only c is defined, a link "[a][b]" and a link
// "[c]" when b and c are: a reference whose text is the label of a link
// is none, and "[c]" is a shortcut only after a link's "]".
func RefLinks(links []TextLink, defined func(label string) bool) []bool {
	res := make([]bool, len(links))
	linkEnd := -1 // where the last reference found a link ends
	for i, t := range links {
		if t.Kind != UndefinedRef && t.Kind != ShortcutRef || t.Start < linkEnd {
			continue
		}
		if t.Kind == ShortcutRef && t.Chained && t.Start != linkEnd {
			continue // the label of a reference to an undefined label
		}
		if t.Kind == UndefinedRef && t.Nested && slices.ContainsFunc(InnerRefs(links, i), func(n TextLink) bool { return defined(n.Label) }) {
			continue // "[[c]][d]" with c defined: the inner one is the link
		}
		if defined(t.Label) {
			res[i] = true
			linkEnd = t.End
		}
	}
	return res
}

// The forms of a link that goldmark leaves as text, found in the literal
// text between a block's inline nodes (a link it did read is a node of its
// own, never in that text). Link text may wrap lines and hold one level
// of balanced brackets, as a link's text may.
var (
	// [text] (dest): white space, or a line break, before "(".
	spacedLinkRE = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])+)\]((?:[ \t]+(?:\r?\n)?|\r?\n)[ \t]*)\(([^()\r\n]*)\)`)
	// [text](dest with spaces)
	spacedDestRE = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(([^()\r\n]*[ \t][^()\r\n]*)\)`)
	// [text][label] and [text][], and "[][label]", a link with no text
	refLinkRE = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\[([^\[\]]*)\]`)
	// [label]: a shortcut reference's link label (no brackets inside).
	shortcutRE = regexp.MustCompile(`\[[^\[\]]+\]`)
	// [text] and the white space after it, ending the text before a link.
	spacedRefRE = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])+)\]((?:[ \t]+(?:\r?\n)?|\r?\n)[ \t]*)$`)
	// A destination followed by a quoted or parenthesised title.
	destTitleRE = regexp.MustCompile(`^(.*?)[ \t]+("[^"]*"|'[^']*')$`)
)

// textLinksIn adds the text links of one block's inlines (a paragraph,
// heading, table cell, definition term or tight list item's text).
func (p *Page) textLinksIn(block ast.Node) {
	from := len(p.TextLinks)
	p.textLinksOf(block, block.Lines())
	if len(p.TextLinks) > from+1 {
		// A link inside emphasis that the text around the emphasis
		// holds too is found twice.
		added := p.TextLinks[from:]
		slices.SortStableFunc(added, func(a, b TextLink) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return int(a.Kind) - int(b.Kind)
		})
		added = slices.CompactFunc(added, func(a, b TextLink) bool { return a.Start == b.Start && a.Kind == b.Kind })
		p.TextLinks = p.TextLinks[:from+len(added)]
	}
}

// textLinksOf adds the text links of the inlines of n, a block whose
// lines are lines or an emphasis or strikethrough inside it, and of the
// emphasis inside them ("**[Team]**").
func (p *Page) textLinksOf(n ast.Node, lines *text.Segments) {
	runs := textRuns(n, p.Src)
	for _, run := range runs {
		p.textLinksOfRun(run, lines)
	}
	if len(runs) > 0 {
		p.spacedRefs(n, runs)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Emphasis, *extast.Strikethrough:
			p.textLinksOf(c, lines)
		}
	}
}

// spacedRefs adds the text links of "[text] [label]": a shortcut
// reference link ("[label]", its label defined) right after "[text]" and
// white space.
func (p *Page) spacedRefs(block ast.Node, runs []textRun) {
	src, text := p.Src, p.Src
	if len(p.Masked) == len(src) {
		text = p.Masked // brackets in a shortcode are no link syntax
	}
	// Runs come in source order, almost always: the run before a link is
	// then found by a binary search, not by a scan of every run for every
	// link (a paragraph of thousands of "[a] [b]" took seconds).
	sorted := slices.IsSortedFunc(runs, func(a, b textRun) int { return a.end - b.end })
	for c := block.FirstChild(); c != nil; c = c.NextSibling() {
		l, ok := c.(*ast.Link)
		if !ok {
			continue
		}
		start := l.Pos()
		if start <= 0 || start >= len(src) || src[start] != '[' {
			continue
		}
		end := matchBracket(src, start, '[', ']')
		if end < 0 || end+1 < len(src) && (src[end+1] == '(' || src[end+1] == '[') {
			continue // an inline link or a full or collapsed reference
		}
		// The run of text that ends in the white space before the link.
		before := func(r textRun) bool {
			return r.start < start && r.end <= start && len(bytes.Trim(src[r.end:start], " \t\r\n")) == 0
		}
		i := -1
		if sorted {
			// Only the last run ending before the link can: a later one
			// would hold its "]" in the white space.
			if k := sort.Search(len(runs), func(j int) bool { return runs[j].end > start }) - 1; k >= 0 && before(runs[k]) {
				i = k
			}
		} else {
			i = slices.IndexFunc(runs, before)
		}
		if i < 0 {
			continue
		}
		r := runs[i]
		m := spacedRefRE.FindSubmatchIndex(text[r.start:start])
		if m == nil || escaped(string(text[r.start:start]), m[0]) || m[0] > 0 && (isWordByte(text[r.start+m[0]-1]) || text[r.start+m[0]-1] == '!') {
			continue
		}
		at := r.start + m[0]
		p.TextLinks = append(p.TextLinks, TextLink{Kind: SpacedRef, Start: at, End: end + 1, Written: string(src[at : end+1]),
			GapStart: r.start + m[4], GapEnd: start, LineBreak: bytes.ContainsAny(src[r.start+m[4]:start], "\n"),
			Label: string(src[start+1 : end]), LabelStart: start + 1, LabelEnd: end})
	}
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
// a block that hold a "]", as source spans: consecutive Text nodes, with
// the typographer's replacements (a curly quote, a dash), bare URLs that
// linkify made links (the author wrote them as text), and emphasis,
// strikethrough and code spans holding no link (the text of
// "[**values**] (/x/)") inside a run.
func textRuns(block ast.Node, src []byte) []textRun {
	var out []textRun
	cur := textRun{start: -1}
	bracket := false // the run holds a "]"
	flush := func() {
		if cur.start >= 0 && bracket {
			out = append(out, cur)
		}
		cur, bracket = textRun{start: -1}, false
	}
	extend := func(start, end int) {
		if cur.start >= 0 && start < cur.end {
			flush() // not in source order: text goldmark made up
		}
		if cur.start < 0 {
			cur.start = start
		}
		cur.end = end
		bracket = bracket || bytes.IndexByte(src[start:end], ']') >= 0
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

// runTexts returns the source of a run of literal text, read on into
// the block's next line when the run ends in "]" (see below), as written
// (for messages) and as matched: in the text goldmark parsed, with code
// spans and a block quote's markers blanked. Both start at run.start.
func (p *Page) runTexts(run textRun, lines *text.Segments) (written, matched string) {
	src := p.Src
	end := run.end
	// A run may end before a soft line break that goldmark keeps out of
	// its segments: "[text]" ending a line and "(dest)" starting the next
	// are two runs. Read on to the end of the block's next line then; a
	// heading's or a table cell's text is one line, and the line after it
	// another block ("## [a]" and a paragraph "(/b/)" are no link).
	if bytes.HasSuffix(bytes.TrimRight(src[run.start:end], " \t"), []byte("]")) {
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if seg.Start < end {
				continue
			}
			if seg.Start <= len(src) && bytes.Count(src[end:seg.Start], []byte("\n")) == 1 {
				end = max(end, min(seg.Stop, len(src)))
				for end > seg.Start && (src[end-1] == '\n' || src[end-1] == '\r') {
					end--
				}
			}
			break
		}
	}
	written = string(src[run.start:end])
	// Links are matched in the text goldmark parsed, where a shortcode is
	// masked: brackets written inside one ("{{< tip "[a] (/b/)" >}}") are
	// no link syntax, and a lean parse skips a paragraph that holds no
	// other bracket. What was written is read from the source.
	matched = written
	if len(p.Masked) == len(src) {
		matched = string(p.Masked[run.start:end])
	}
	// What starts a line of the run before the block's text there, a
	// block quote's ">" ("> [text]" and "> (dest)" on the next line), is
	// read as white space.
	var prefixes [][2]int
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Start <= run.start || seg.Start > end {
			continue
		}
		if nl := bytes.LastIndexByte(src[run.start:seg.Start], '\n'); nl >= 0 && run.start+nl+1 < seg.Start {
			prefixes = append(prefixes, [2]int{run.start + nl + 1, seg.Start})
		}
	}
	if len(run.code) > 0 || len(prefixes) > 0 {
		b := []byte(matched)
		for _, c := range run.code {
			for i := c[0]; i < c[1] && i-run.start < len(b); i++ {
				b[i-run.start] = '`'
			}
		}
		for _, c := range prefixes {
			for i := c[0]; i < c[1] && i-run.start < len(b); i++ {
				b[i-run.start] = ' '
			}
		}
		matched = string(b)
	}
	return written, matched
}

// textLinksOfRun adds the text links of one run of literal text, of a
// block whose lines are lines.
func (p *Page) textLinksOfRun(run textRun, lines *text.Segments) {
	written, text := p.runTexts(run, lines)
	// start returns where a match starting at i begins, and whether it is
	// an image: "!" before the "[" (unless escaped).
	start := func(i int) (int, bool) {
		if i > 0 && text[i-1] == '!' && !escaped(text, i-1) {
			return i - 1, true
		}
		return i, false
	}
	add := func(t TextLink, m0, m1 int) {
		t.Start, t.End = run.start+m0, run.start+m1
		t.Written = written[m0:m1]
		p.TextLinks = append(p.TextLinks, t)
	}
	for _, m := range spacedLinkRE.FindAllStringSubmatchIndex(text, -1) {
		if escaped(text, m[0]) || !urlLike(written[m[6]:m[7]]) {
			continue
		}
		s, img := start(m[0])
		add(TextLink{Kind: SpacedLink, Image: img, GapStart: run.start + m[4], GapEnd: run.start + m[5],
			LineBreak: strings.Contains(text[m[4]:m[5]], "\n"), Dest: strings.TrimSpace(written[m[6]:m[7]])}, s, m[1])
	}
	for _, m := range spacedDestRE.FindAllStringSubmatchIndex(text, -1) {
		dest, title := strings.TrimSpace(written[m[4]:m[5]]), ""
		if t := destTitleRE.FindStringSubmatch(dest); t != nil {
			dest, title = t[1], t[2]
		}
		if escaped(text, m[0]) || !urlLike(dest) || !strings.ContainsAny(dest, " \t") {
			continue // no space but before a title: text for another reason
		}
		s, img := start(m[0])
		add(TextLink{Kind: SpacedDest, Image: img, Dest: dest, Title: title}, s, m[1])
	}
	// References, also overlapping: in "[a][b][c]" both "[a][b]" and
	// "[b][c]" (RefLinks tells which is a link).
	var refEnds map[int]bool // where each reference's label ends, after its "]"
	chainAt := -1            // where the label of the last reference starts
	for pos := 0; pos < len(text); {
		m := refLinkRE.FindStringSubmatchIndex(text[pos:])
		if m == nil {
			break
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += pos
			}
		}
		pos = m[1]
		if chainedNext(text, m[1]) {
			pos = m[4] - 1 // the label may be the text of the next one
		}
		chained := m[0] == chainAt
		chainAt = m[4] - 1
		if escaped(text, m[0]) {
			continue
		}
		t := TextLink{Kind: UndefinedRef, Label: written[m[4]:m[5]], LabelStart: run.start + m[4], LabelEnd: run.start + m[5], Chained: chained,
			AfterWord: m[0] > 0 && isWordByte(text[m[0]-1])}
		if strings.TrimSpace(t.Label) == "" {
			// [text][] takes its text as label.
			t.Label, t.LabelStart, t.LabelEnd = written[m[2]:m[3]], -1, -1
		}
		if refEnds == nil {
			refEnds = map[int]bool{}
		}
		refEnds[m[1]] = true
		if strings.TrimSpace(t.Label) == "" {
			continue // "[][]": no label at all
		}
		s, img := start(m[0])
		t.Image = img
		t.Nested = strings.IndexByte(text[m[2]:m[3]], '[') >= 0
		add(t, s, m[1])
		if t.Nested && t.LabelStart >= 0 && !chainedNext(text, m[1]) {
			// Its label, a shortcut of its own where the brackets inside
			// its text are a link.
			add(TextLink{Kind: ShortcutRef, Label: t.Label, LabelStart: t.LabelStart, LabelEnd: t.LabelEnd}, m[4]-1, m[1])
		}
	}
	if strings.IndexByte(text, ']') < 0 {
		return
	}
	for _, m := range shortcutRE.FindAllStringIndex(text, -1) {
		// Not the text of "[text][label]" or "[text][]", also where the
		// label is a link goldmark read, and not a footnote reference.
		// ("[d]" before a link goldmark read, "[][a]", is "[d][]", a
		// collapsed reference to d: the same label.)
		// A "[" after it that opens no label ("[a][[c]]", "[a][x") leaves
		// it a shortcut.
		next := run.start + m[1]
		if escaped(text, m[0]) || chainedNext(text, m[1]) && opensLabel(text[m[1]:]) ||
			m[1] == len(text) && next < len(p.Src) && p.Src[next] == '[' && (next+1 >= len(p.Src) || p.Src[next+1] != ']') &&
				opensLabel(string(p.Src[next:min(len(p.Src), next+maxLabelScan)])) {
			continue
		}
		// After "]", only right after a reference's label ("[c]" in
		// "[a][b][c]"), as the label of the reference before it or a
		// shortcut of its own.
		chained := false
		if m[0] > 0 && text[m[0]-1] == ']' && !escaped(text, m[0]-1) {
			switch {
			case refEnds[m[0]]:
				chained = true
			case closesBracket(text, m[0]-1):
				continue // the label of "[x][label]", which is no reference
			}
			// A stray "]" ("][a]") closes nothing: a shortcut all the same.
		}
		label := written[m[0]+1 : m[1]-1]
		if strings.TrimSpace(label) == "" || label[0] == '^' || len(label) > 999 {
			continue
		}
		s, img := start(m[0])
		add(TextLink{Kind: ShortcutRef, Image: img, Label: label, LabelStart: run.start + m[0] + 1, LabelEnd: run.start + m[1] - 1, Chained: chained}, s, m[1])
	}
}

// taskBoxLink adds the text link of "[x](dest)" starting a list item:
// Hugo's task lists take "[x]" for a checked box and print "(dest)" after
// it. "[x] (dest)", with a space, reads as a box on purpose.
func (p *Page) taskBoxLink(box *extast.TaskCheckBox) {
	src := p.Src
	next, ok := box.NextSibling().(*ast.Text)
	if !ok {
		return
	}
	at := next.Segment.Start
	if at < 3 || at >= len(src) || src[at-1] != ']' || src[at] != '(' || src[at-3] != '[' {
		return
	}
	// The text may stop short of ")": linkify makes a URL a node of its
	// own. The box is the first thing on its line; read to the line's end.
	line := src[at:]
	if nl := bytes.IndexAny(line, "\r\n"); nl >= 0 {
		line = line[:nl]
	}
	end := bytes.IndexByte(line, ')')
	if end < 0 || !urlLike(string(line[1:end])) {
		return
	}
	p.TextLinks = append(p.TextLinks, TextLink{Kind: TaskBoxLink, Start: at - 3, End: at + end + 1,
		Written: string(src[at-3 : at+end+1]), Dest: strings.TrimSpace(string(line[1:end]))})
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

// escaped reports whether the byte at i follows an odd number of
// backslashes: "\[" is a bracket written as text on purpose.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// isWordByte reports whether c is an ASCII letter, digit or '_'.
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// chainedNext reports whether the bracket closing at end is followed by
// another, as in "[[c]][d][e]": the label "[d]" is then the text of the
// next reference, not a shortcut.
func chainedNext(text string, end int) bool { return end < len(text) && text[end] == '[' }

// maxLabelScan bounds how far opensLabel looks for a label's "]" (a link
// label holds at most 999 characters).
const maxLabelScan = 1001

// opensLabel reports whether the "[" that starts s opens a link label: a
// "]" closes it within 999 bytes with no unescaped "[" before it.
func opensLabel(s string) bool {
	for j := 1; j < len(s) && j < maxLabelScan; j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			return false
		case ']':
			return true
		}
	}
	return false
}

// closesBracket reports whether the "]" at s[i] closes a "[" before it: one
// within 1,000 bytes with no unescaped bracket between them.
func closesBracket(s string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-1000; j-- {
		switch s[j] {
		case '[':
			return !escaped(s, j)
		case ']':
			if !escaped(s, j) {
				return false
			}
		}
	}
	return false
}
