// Package anchor owns careerlint's model of Hugo heading IDs: it computes,
// from a goldmark AST, exactly the id attribute Hugo gives each heading of a
// page when markup.goldmark.parser.autoIDType is "github" (Hugo's
// default), and with [IDType] when it is "github-ascii" or "blackfriday".
//
// The work is split in three steps, matching design.md section 3:
//
//   - [Text] extracts the plain text Hugo derives a heading's ID from;
//   - [Slug] turns that text into an ID candidate;
//   - [Table] resolves duplicates within one rendered page (including the
//     Markdown files included into it), and records explicit {#id}s, which
//     [ExplicitID] reads from a heading.
//
// [NewMarkdown] returns a goldmark instance configured like Hugo's default
// Markdown renderer, so that the AST handed to these functions has the same
// shape as the one Hugo builds.
package anchor

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Text returns the plain text Hugo uses for a heading's ID, before slugging.
//
// The heading's inline children contribute, in order:
//   - a text segment: its source bytes as written, followed by "\n" when it
//     ends with a soft or hard line break;
//   - a string node (the typographer's substitutions, such as "&ndash;" for
//     "--" or "&rsquo;" for an apostrophe): its value;
//   - raw inline HTML: its source with the tags stripped;
//   - an autolink (<https://...> or one found by Linkify) or a footnote
//     reference: nothing;
//   - any other inline node (emphasis, strong, code span, link, image,
//     strikethrough, ...): only what its first child contributes, applying
//     these rules recursively.
//
// Named HTML entities closed by ";" in the result are then decoded (so
// "&amp;" gives "&" and "&ndash;" gives "–"), the way goldmark's
// util.ResolveEntityNames does for Hugo: numeric references ("&#39;") and
// names without the ";" ("&amp x") stay as written. A setext heading of
// more than one line keeps only the text after its last newline (one
// decoded from &NewLine; included). An attribute list before an ATX
// heading's closing sequence is left out (see [ClosedID]), and one Hugo
// does not read as a list is kept (see [UnreadList]).
//
// An empty result means Hugo gives the heading no ID at all (a heading of
// only an image, or only an autolink); a non-empty one that slugs to nothing
// gets "heading" (see [Slug]).
func Text(h *ast.Heading, src []byte) string {
	var b strings.Builder
	if lines := h.Lines(); lines.Len() > 0 {
		b.Grow(lines.At(lines.Len()-1).Stop - lines.At(0).Start) // about the text's length
	}
	stop := -1
	if _, at := closedList(h, src); at >= 0 {
		stop = at
	}
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if stop >= 0 && c.Pos() >= stop {
			break
		}
		if t, ok := c.(*ast.Text); ok && stop >= 0 && t.Segment.Stop > stop {
			seg := t.Segment.WithStop(stop)
			b.Write(seg.Value(src))
			break
		}
		writeInline(&b, c, src)
	}
	if list, ok := UnreadList(h, src); ok {
		b.WriteString(list)
	}
	s := b.String()
	if strings.IndexByte(s, '&') >= 0 { // a character reference starts with it
		s = string(util.ResolveEntityNames([]byte(s)))
	}
	// Only a setext heading of several lines is cut: a newline decoded from
	// an entity (&NewLine;) in one of one line stays (checked against a
	// Hugo 0.151 build).
	if isSetext(h, src) && h.Lines().Len() > 1 {
		if i := strings.LastIndexByte(s, '\n'); i >= 0 {
			s = s[i+1:]
		}
	}
	return s
}

// writeInline appends to b what inline node n contributes to its heading's
// text.
func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte('\n')
		}
	case *ast.String:
		b.Write(n.Value)
	case *ast.RawHTML:
		b.WriteString(stripTags(string(n.Segments.Value(src))))
	case *ast.AutoLink, *extast.FootnoteLink:
		// Contribute nothing.
	default:
		if c := n.FirstChild(); c != nil {
			writeInline(b, c, src)
		}
	}
}

// stripTags removes HTML tags (opening and closing) and comments from s,
// keeping any text between them; a processing instruction, declaration or
// CDATA section stays as text, whose punctuation the slug drops ("a <?php ?>
// b" gives "a-php--b", "<!DOCTYPE> a" "doctype-a": checked against a Hugo
// 0.151 build). Quoted attribute values may contain '>'.
func stripTags(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				b.WriteString(s[i:])
				break
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			j := strings.Index(s[i+4:], "-->")
			if j < 0 {
				break
			}
			i += 4 + j + 3
			continue
		}
		if i+1 < len(s) && (s[i+1] == '/' || isASCIILetter(s[i+1])) {
			i = skipTag(s, i)
			continue
		}
		b.WriteByte('<') // "<?", "<!X", "<![CDATA[": text
		i++
	}
	return b.String()
}

// skipTag returns the index just past the tag that starts at s[i] == '<':
// past its closing '>', stepping over quoted attribute values, or len(s) if
// the tag is not closed.
func skipTag(s string, i int) int {
	var quote byte
	for i++; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(s)
}

// isSetext reports whether h is a setext heading (text underlined with '='
// or '-') rather than an ATX one ('#' prefix). goldmark does not record the
// form, so it is read from the source: an ATX heading's text is preceded on
// its line by the opening '#' sequence, while a setext heading's first line is
// preceded only by indentation and container markers ('>', list markers),
// none of which is '#'.
func isSetext(h *ast.Heading, src []byte) bool {
	lines := h.Lines()
	if lines == nil || lines.Len() == 0 {
		return false
	}
	start := lines.At(0).Start
	if start > len(src) {
		return false
	}
	lineStart := start
	for lineStart > 0 && src[lineStart-1] != '\n' && src[lineStart-1] != '\r' {
		lineStart--
	}
	for _, c := range src[lineStart:start] {
		if c == '#' {
			return false
		}
	}
	return true
}

// Slug turns a heading's text (see [Text]) into an ID candidate the way Hugo's
// "github" autoHeadingIDType does: surrounding white space is trimmed; then,
// rune by rune, a space (U+0020) or '-' becomes '-', a letter, digit or '_'
// is kept lower-cased, and anything else (punctuation, symbols, emoji, tabs
// and other white space) is dropped. Runs of hyphens are not collapsed and
// leading or trailing hyphens are kept. An empty result becomes "heading".
func Slug(text string) string {
	if s := SlugPart(strings.TrimSpace(text)); s != "" {
		return s
	}
	return "heading"
}

// SlugPart maps a piece of a heading's text the way [Slug] maps each rune,
// without trimming it and without the "heading" fallback: the known part of
// an ID whose heading holds text careerlint cannot see.
func SlugPart(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// ExplicitID returns the heading's explicit id attribute, as set by goldmark's
// parser.WithAttribute from a trailing attribute list such as {#id} or
// {id="id"}, and whether it has one. The value is returned verbatim; a
// non-string attribute value (goldmark parses {id=12} as a number) is
// formatted with fmt.Sprint.
func ExplicitID(h *ast.Heading) (string, bool) {
	v, ok := h.AttributeString("id")
	if !ok {
		return "", false
	}
	return idString(v), true
}

// idString formats an id attribute's value.
func idString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// ClosedID returns the id of an ATX heading whose attribute list comes
// before its closing sequence ("## Title {#id} ##"), and whether it has
// one. Hugo 0.151 parses with goldmark v1.7, which drops the closing
// sequence before it looks for the attributes at the end of the text; the
// goldmark careerlint builds with looks first, so the list stays in the
// heading's text and [ExplicitID] finds no id. [Text] leaves such a list
// out.
func ClosedID(h *ast.Heading, src []byte) (string, bool) {
	v, ok := closedValue(h, src)
	if !ok {
		return "", false
	}
	return idString(v), true
}

// closedValue is the value of the id attribute that [ClosedID] reads, as
// goldmark parses it.
func closedValue(h *ast.Heading, src []byte) (any, bool) {
	attrs, at := closedList(h, src)
	if at < 0 {
		return nil, false
	}
	return lastID(attrs)
}

// lastID returns the value of the last id attribute of a list, and whether
// it has one: goldmark sets each attribute in turn, so the last id wins.
func lastID(attrs parser.Attributes) (any, bool) {
	var id any
	found := false
	for _, a := range attrs {
		if string(a.Name) == "id" {
			id, found = a.Value, true
		}
	}
	return id, found
}

// closedList returns the attributes of the list goldmark v1.7 reads at the
// end of an ATX heading's text before its closing sequence, and the list's
// offset in src, or -1 when there is none or when goldmark already found
// an id. As v1.7 does, the list is the one opened by the last '{' of the
// text (not escaped by '\\'), and counts only when it parses and only
// white space follows it. A list after the closing sequence, which both
// versions read, does not keep v1.7 from reading one before it
// ("## Title {.a} ## {.b}").
func closedList(h *ast.Heading, src []byte) (parser.Attributes, int) {
	if _, ok := h.AttributeString("id"); ok || isSetext(h, src) {
		return nil, -1
	}
	lines := h.Lines()
	if lines == nil || lines.Len() == 0 {
		return nil, -1
	}
	last := lines.At(lines.Len() - 1)
	if last.Stop > len(src) || last.Start > last.Stop {
		return nil, -1
	}
	// The closing sequence: a run of '#' after the text, then only white
	// space to the end of the line.
	i := last.Stop
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] != '#' {
		return nil, -1
	}
	for i < len(src) && src[i] == '#' {
		i++
	}
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i < len(src) && src[i] != '\n' && src[i] != '\r' && h.Attributes() == nil {
		return nil, -1 // text after the '#'s: they are no closing sequence
	}
	attrs, open := trailingList(last.Value(src))
	if open < 0 {
		return nil, -1
	}
	return attrs, last.Start + open
}

// trailingList returns the attribute list that ends a line of a heading's
// text, as goldmark reads one there: the list opened by the line's last
// '{' not escaped by '\\', when it parses and only white space follows
// it; and its offset in the line, or -1 when there is none.
func trailingList(line []byte) (parser.Attributes, int) {
	open := -1
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if i+1 < len(line) && line[i+1] == '{' {
				i++
			}
		case '{':
			open = i
		}
	}
	if open < 0 {
		return nil, -1
	}
	r := text.NewReader(line[open:])
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil, -1
	}
	if _, seg := r.Position(); !util.IsBlank(line[open+seg.Start:]) {
		return nil, -1
	}
	return attrs, open
}

// ListInText returns the offset in src of the attribute list that ends
// an ATX heading's text as goldmark's lines of it hold it, when Hugo reads
// the list, so that it is no text of the heading: the list goldmark read
// itself before a closing sequence ("## A {#a} ##", whose lines keep it),
// or the one only goldmark v1.7 reads there (see [ClosedID]). It returns
// -1 when the text ends in no such list (the list of "## A {#a}" is not
// in its lines).
func ListInText(h *ast.Heading, src []byte) int {
	if _, at := closedList(h, src); at >= 0 {
		return at
	}
	read := h.Attributes()
	lines := h.Lines()
	if read == nil || lines == nil || lines.Len() == 0 || isSetext(h, src) {
		return -1
	}
	last := lines.At(lines.Len() - 1)
	if last.Stop > len(src) || last.Start > last.Stop {
		return -1
	}
	attrs, open := trailingList(last.Value(src))
	if open < 0 || !sameAttributes(attrs, read) {
		return -1 // text that reads as a list, before the list goldmark read
	}
	return last.Start + open
}

// sameAttributes reports whether a parsed attribute list is the one a
// node holds: the same names with the same values, in order.
func sameAttributes(list parser.Attributes, node []ast.Attribute) bool {
	if len(list) != len(node) {
		return false
	}
	for i := range list {
		if !bytes.Equal(list[i].Name, node[i].Name) || attrString(list[i].Value) != attrString(node[i].Value) {
			return false
		}
	}
	return true
}

// attrString writes an attribute's value for comparing.
func attrString(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// ID returns the id Hugo 0.151 reads from a heading's attribute list, and
// whether it reads one: the list goldmark v1.7, Hugo's, reads on a line
// after the heading's closing sequence (see nextLineList), else
// [ExplicitID] unless v1.7 reads no list there (see [UnreadList]), else
// [ClosedID].
func ID(h *ast.Heading, src []byte) (string, bool) {
	v, ok := idValue(h, src)
	if !ok {
		return "", false
	}
	return idString(v), true
}

// IDNotText says what the id that Hugo 0.151 reads from a heading's
// attribute list (see [ID]) is when it is not text: "a number" for
// {id=12}, "true or false", "null" or "a list" ({id=[1]}), as goldmark
// parses an unquoted value; "" when the heading has no id or a text one
// ({#12}, {id="12"}, {id=x}). Hugo fails to build a page with such an id:
// it takes every id for text.
func IDNotText(h *ast.Heading, src []byte) string {
	v, ok := idValue(h, src)
	if !ok {
		return ""
	}
	switch v.(type) {
	case []byte, string:
		return ""
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	case []any:
		return "a list"
	}
	return "not text"
}

// idValue is the value of the id attribute that [ID] reads, as goldmark
// parses it.
func idValue(h *ast.Heading, src []byte) (any, bool) {
	if id, ok := lastID(nextLineList(h, src)); ok {
		return id, true
	}
	if _, unread := UnreadList(h, src); !unread {
		if v, ok := h.AttributeString("id"); ok {
			return v, true
		}
	}
	return closedValue(h, src)
}

// nextLineList returns the attribute list goldmark v1.7, which Hugo 0.151
// parses with, reads after an ATX heading's closing sequence on a later
// line: after the first run of '#' that follows white space in the
// heading's text, v1.7 skips white space, line breaks included, and reads
// a list found there, which counts when only white space follows it on
// its line ("## Title ##", a blank line, "{#id}" gives the heading the id
// id, and the list's lines are read no further). It returns nil when
// there is none.
func nextLineList(h *ast.Heading, src []byte) parser.Attributes {
	lines := h.Lines()
	if lines == nil || lines.Len() == 0 || isSetext(h, src) {
		return nil
	}
	ts := lines.At(0).Start
	if ts < 1 || ts > len(src) {
		return nil
	}
	le := ts
	for le < len(src) && src[le] != '\n' {
		le++
	}
	stop := le
	for stop > ts && util.IsSpace(src[stop-1]) {
		stop--
	}
	// v1.7 looks for the closing sequence from the white space before
	// the text, stepping over escaped punctuation.
	closure := -1
	for j := ts - 1; j < stop; {
		switch {
		case src[j] == '\\' && j+1 < len(src) && util.IsPunct(src[j+1]):
			j += 2
			continue
		case util.IsSpace(src[j]) && j < stop-1 && src[j+1] == '#':
			k := j + 1
			for k < stop && src[k] == '#' {
				k++
			}
			closure = k
		default:
			j++
			continue
		}
		break
	}
	if closure < 0 || closure < stop {
		return nil // none, or text after it: a list on the line is the text's
	}
	p := le
	for p < len(src) && util.IsSpace(src[p]) {
		p++
	}
	if p >= len(src) || src[p] != '{' {
		return nil
	}
	r := text.NewReader(src[p:])
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil
	}
	if rest, _ := r.PeekLine(); !util.IsBlank(rest) {
		return nil
	}
	return attrs
}

// UnreadList returns the source text of the attribute list goldmark read
// at the end of a heading's text, and reports whether goldmark v1.7, which
// Hugo 0.151 parses with, reads none there: v1.7 opens no list right after
// a backslash, even an escaped one ("## A \\{#x}"), so the list is text of
// the heading in Hugo.
func UnreadList(h *ast.Heading, src []byte) (string, bool) {
	if h.Attributes() == nil {
		return "", false
	}
	lines := h.Lines()
	if lines == nil || lines.Len() == 0 {
		return "", false
	}
	at := lines.At(lines.Len() - 1).Stop
	if at < 1 || at >= len(src) || src[at] != '{' || src[at-1] != '\\' {
		return "", false
	}
	r := text.NewReader(src[at:])
	if _, ok := parser.ParseAttributes(r); !ok {
		return "", false
	}
	_, seg := r.Position()
	return string(src[at : at+seg.Start]), true
}

// isASCIILetter reports whether c is an ASCII letter, which starts a tag
// name.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
