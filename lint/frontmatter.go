package lint

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// FrontMatter is a page's front matter as written, with positions.
type FrontMatter struct {
	// Format is "yaml" (---), "toml" (+++) or "json" ({).
	Format string
	// Start and End span the whole block, delimiters included.
	Start, End int
	// BodyStart and BodyEnd span the text between the delimiters.
	BodyStart, BodyEnd int
	// Root is the decoded map, nil when decoding failed.
	Root *Node
	// Err is the decoding or delimiting problem, nil when there is none.
	Err *FrontMatterError
}

// FrontMatterError is a problem splitting or decoding front matter.
type FrontMatterError struct {
	// Offset is the byte offset the problem was found at.
	Offset int
	// Message describes the problem (lower-case, no final period).
	Message string
	// Earlier is, for a key defined twice, the offset of its first
	// definition (Offset is the second's); 0 otherwise (front matter
	// starts with its delimiter, so no key is at offset 0).
	Earlier int
	// Suggestion, when set, mends the problem the way the author most
	// likely meant (re-indenting a tab-indented line with spaces, quoting
	// a value): only they can confirm it, so it is offered, not applied by
	// --fix. Its edits hold file offsets and no file name.
	Suggestion *Fix
	// NotUTF8 is set when the problem is a byte that is not UTF-8, which
	// the file-format rule reports at the same byte.
	NotUTF8 bool
	// Unclosed is set when the front matter is never closed: the rest of
	// the file is taken for front matter (so the page has no body), and
	// Hugo fails the build.
	Unclosed bool
}

// bomLen returns 3 when src starts with a UTF-8 byte order mark.
func bomLen(src []byte) int {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		return 3
	}
	return 0
}

// frontMatterStart returns where Hugo looks for front matter: after a
// byte order mark and any spaces, tabs and line breaks (pageparser's
// lexIntroSection skips them, so a page starting with a blank line still
// has its front matter).
func frontMatterStart(src []byte) int {
	i := bomLen(src)
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// lineAt returns the line starting at off without its line ending, and the
// offset of the next line.
func lineAt(src []byte, off int) ([]byte, int) {
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return bytes.TrimRight(src[off:], "\r"), len(src)
	}
	return bytes.TrimRight(src[off:off+end], "\r"), off + end + 1
}

// ParseFrontMatter finds and decodes the front matter at the start of src
// (after an optional byte order mark and white space, as Hugo reads it).
// It returns nil when the page has
// none. A problem is returned inside the result, never as a panic.
func ParseFrontMatter(src []byte) *FrontMatter { return parseFrontMatter(src, nil) }

// parseFrontMatter is ParseFrontMatter; when decode is set and returns
// false for the YAML or TOML body, the body is delimited but not decoded
// (Root and Err stay nil).
func parseFrontMatter(src []byte, decode func(body []byte) bool) *FrontMatter {
	start := frontMatterStart(src)
	if start >= len(src) {
		return nil
	}
	if src[start] == '{' {
		return parseJSONFrontMatter(src, start)
	}
	first, next := lineAt(src, start)
	var delim, format string
	switch string(bytes.TrimRight(first, " \t")) {
	case "---":
		delim, format = "---", "yaml"
	case "+++":
		delim, format = "+++", "toml"
	default:
		return nil
	}
	fm := &FrontMatter{Format: format, Start: start, BodyStart: next}
	off := next
	for off < len(src) {
		line, nl := lineAt(src, off)
		if string(bytes.TrimRight(line, " \t")) == delim {
			fm.BodyEnd = off
			fm.End = nl
			if nl == len(src) && !bytes.HasSuffix(src, []byte("\n")) {
				fm.End = len(src)
			}
			break
		}
		if bytes.HasPrefix(line, []byte(delim+"\r")) {
			// Hugo ends the delimiter's line at a lone CR too
			// ("---\rText" closes the front matter; text-encoding
			// reports the CR).
			fm.BodyEnd = off
			fm.End = off + len(delim) + 1
			break
		}
		off = nl
	}
	if fm.End == 0 {
		fm.BodyEnd = len(src)
		fm.End = len(src)
		fm.Err = &FrontMatterError{Offset: start, Unclosed: true, Message: fmt.Sprintf("front matter opened with %q is never closed; add a %q line after it", delim, delim)}
		return fm
	}
	if decode != nil && !decode(src[fm.BodyStart:fm.BodyEnd]) {
		return fm
	}
	if format == "yaml" {
		fm.decodeYAML(src)
	} else {
		fm.decodeTOML(src)
	}
	return fm
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (fm *FrontMatter) decodeYAML(src []byte) {
	body := src[fm.BodyStart:fm.BodyEnd]
	var doc yaml.Node
	if err := yaml.Unmarshal(body, &doc); err != nil {
		fm.Err = yamlBodyError(err, src, fm.BodyStart, fm.BodyEnd)
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		fm.Root = &Node{Kind: MapNode, Start: fm.BodyStart, End: fm.BodyStart}
		return
	}
	if dup, first := yamlDuplicateKey(&doc); dup != nil {
		lines := lineOffsets(body)
		off := fm.BodyStart + offsetOf(body, lines, dup.Line, dup.Column)
		earlier := fm.BodyStart + offsetOf(body, lines, first.Line, first.Column)
		fm.Err = &FrontMatterError{Offset: off, Message: fmt.Sprintf("invalid YAML: key %q is defined twice; remove one of them", dup.Value), Earlier: earlier}
		return
	}
	if at, msg := yamlAliasProblem(&doc); at != nil {
		fm.Err = &FrontMatterError{Offset: fm.BodyStart + offsetOf(body, lineOffsets(body), at.Line, at.Column), Message: msg}
		return
	}
	root := fromYAML(&doc, src, fm.BodyStart)
	if root.Kind != MapNode {
		msg := "front matter is not a map of keys to values; write each setting as key: value, such as title: Senior"
		if root.Kind == ListNode {
			msg = "front matter is a list, not a map of keys to values; write each setting as key: value without the leading \"- \", such as title: Senior"
		}
		fm.Err = &FrontMatterError{Offset: root.Start, Message: msg}
		return
	}
	fm.Root = root
}

// maxYAMLAliasValues bounds how many values aliases may add to a YAML
// document when expanded. Decoding into a yaml.Node does not expand
// aliases, but fromYAML does: without a bound, a few lines of nested
// aliases (a "billion laughs" document) would never finish.
const maxYAMLAliasValues = 100000

// yamlAliasProblem returns an alias that makes the document impossible to
// expand, with a message: one inside the value of its own anchor (it
// would expand forever), or, when aliases expand the document by more
// than maxYAMLAliasValues values, the alias that stands for the most
// values. It returns nil when aliases are harmless.
func yamlAliasProblem(doc *yaml.Node) (*yaml.Node, string) {
	const limit = maxYAMLAliasValues
	size := map[*yaml.Node]int{} // expanded size of finished nodes, capped
	onPath := map[*yaml.Node]bool{}
	var cycle, biggest *yaml.Node
	biggestSize, aliases := 0, 0
	var walk func(n *yaml.Node) int
	walk = func(n *yaml.Node) int {
		if cycle != nil {
			return 0
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return 1
			}
			if onPath[n.Alias] {
				cycle = n
				return 0
			}
			aliases++
			s := walk(n.Alias)
			if s > biggestSize {
				biggest, biggestSize = n, s
			}
			return s
		}
		if s, ok := size[n]; ok {
			return s
		}
		onPath[n] = true
		s := 1
		for _, c := range n.Content {
			s = min(s+walk(c), 2*limit+1)
		}
		delete(onPath, n)
		size[n] = s
		return s
	}
	total := walk(doc)
	switch {
	case cycle != nil:
		return cycle, fmt.Sprintf("invalid YAML: alias *%s is inside the value of its own anchor &%s, so it never ends; remove the alias", cycle.Value, cycle.Value)
	case aliases > 0 && total-len(size) > limit:
		return biggest, fmt.Sprintf("invalid YAML: aliases expand the document to more than %d values; write the values out instead of nesting aliases", limit)
	}
	return nil, ""
}

// yamlError converts a YAML decoding error into a positioned problem.
func yamlError(err error, src []byte, base int) *FrontMatterError {
	msg := err.Error()
	off := base
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		line += yamlLineFix(m[2])
		lines := lineOffsets(src[base:])
		off = base + offsetOf(src[base:], lines, line, 1)
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if strings.Contains(msg, "end of stream") {
		if q := openQuote(src[base:]); q >= 0 {
			return &FrontMatterError{Offset: base + q, Message: "invalid YAML: the quoted value starting here is never closed; add the closing quote"}
		}
	}
	if strings.Contains(msg, "could not find expected ':'") || strings.Contains(msg, "mapping values are not allowed") {
		// YAML reads a plain key of at most 1024 characters.
		if at := longKey(src[base:]); at >= 0 {
			return &FrontMatterError{Offset: base + at, Message: "invalid YAML: a key longer than 1024 characters, which YAML does not read as a key; shorten it"}
		}
	}
	if a, ok := unknownAnchor(msg); ok {
		// The library gives no line for this one: point at the alias.
		if at := aliasOffset(src[base:], a); at >= 0 {
			off = base + at
		}
	}
	return &FrontMatterError{Offset: off, Message: "invalid YAML: " + yamlWords(msg)}
}

// unknownAnchor returns the anchor name of the YAML library's message for
// an alias whose anchor is not defined above it.
func unknownAnchor(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "unknown anchor '")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, "' referenced")
}

// aliasOffset returns the offset in body of the first alias *name written
// as a value (after white space, "[", "{" or ",", and ending there), or -1.
func aliasOffset(body []byte, name string) int {
	tok := "*" + name
	for from := 0; ; {
		i := strings.Index(string(body[from:]), tok)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(tok)
		before := i == 0 || strings.IndexByte(" \t\n[{,", body[i-1]) >= 0
		after := end == len(body) || strings.IndexByte(" \t\r\n]},", body[end]) >= 0
		if before && after {
			return i
		}
		from = i + 1
	}
}

// yamlWords says a YAML library message that the checks before the
// decoder have not explained in careerlint's words, with the fix; other
// messages as the library words them.
func yamlWords(msg string) string {
	if a, ok := unknownAnchor(msg); ok {
		return fmt.Sprintf("alias *%s names no anchor &%s above it; write &%s before the value it stands for, or quote the value if \"*%s\" is text", a, a, a, a)
	}
	switch msg {
	case "found undefined tag handle":
		return `a "!" on this line starts a YAML tag that YAML does not know; quote the value if it is text`
	case "did not find expected key":
		return `YAML expects a "key: value" line here; write the key, or quote the value if it is text`
	}
	return msg
}

// longKey returns the offset of the first line of body whose ":" comes
// more than 1024 characters into it, or -1.
func longKey(body []byte) int {
	for at := 0; at < len(body); {
		end := lineEnd(body, at)
		if c := bytes.IndexByte(body[at:end], ':'); c > 1024 {
			return at
		}
		at = end + 1
	}
	return -1
}

var openQuoteRE = regexp.MustCompile(`(?m)^[^#\n]*?:[ \t]+(["'])`)

// openQuote returns the offset of the first quoted YAML value whose quote
// is not closed on its line, or -1.
func openQuote(body []byte) int {
	for _, m := range openQuoteRE.FindAllSubmatchIndex(body, -1) {
		q := body[m[2]]
		end := lineEnd(body, m[2])
		if bytes.IndexByte(body[m[2]+1:end], q) < 0 {
			return m[2]
		}
	}
	return -1
}

// tomlDuplicateRE matches the TOML library's message for a key defined
// twice.
var tomlDuplicateRE = regexp.MustCompile(`^Key '(.+)' has already been defined$`)

// The TOML library's messages for the commonest slips: a key with no
// value, a bare word as a value, and a key and value without "=".
var (
	tomlNoValueRE   = regexp.MustCompile(`^expected value but found '\\[rn]' instead$`) // '\r' in a CRLF file
	tomlBareWordRE  = regexp.MustCompile(`^expected value but found "(.+)" instead$`)
	tomlNoEqualsRE  = regexp.MustCompile(`^expected '\.' or '=', but got '(.|\\[rn])' instead$`)                    // '\n': a key alone on its line
	tomlKeyBeforeRE = regexp.MustCompile(`^\s*(?:([A-Za-z0-9_-]+)|"([A-Za-z0-9_-]+)"|'([A-Za-z0-9_-]+)')\s*=?\s*$`) // bare, or a bare key's characters in quotes
)

// tomlMessage says a TOML problem in the house style, where the library's
// wording is known: msg is the library's message, before the text of the
// line up to the problem and after the rest of the line.
func tomlMessage(msg string, before, after []byte) string {
	key := ""
	if m := tomlKeyBeforeRE.FindSubmatch(before); m != nil {
		key = string(bytes.Join(m[1:], nil)) // the one alternative that matched
	}
	switch {
	case tomlNoValueRE.MatchString(msg) && key != "":
		return fmt.Sprintf("key %q has no value; write one after \"=\"", key)
	case tomlBareWordRE.MatchString(msg) && key != "":
		w := tomlBareWordRE.FindStringSubmatch(msg)[1]
		// The library names the first word only: the example quotes the
		// rest of the line ("Senior Engineer"), up to a comment.
		v, _, _ := strings.Cut(string(after), " #")
		v = strings.TrimSpace(v)
		if !strings.HasPrefix(v, w) || strings.ContainsAny(v, "\"'") {
			v = w
		}
		return fmt.Sprintf("the value of %q, %s, is not a TOML value; write a string in quotes, as in %s = %q", key, v, key, v)
	case tomlNoEqualsRE.MatchString(msg) && key != "":
		return fmt.Sprintf("key %q is not followed by \"=\"; write %s = value", key, key)
	}
	if m, ok := tomlEOFMessages[msg]; ok {
		return m
	}
	return msg
}

// tomlEOFMessages say the TOML library's messages for front matter that
// ends inside a value in the house style: what is left open, and how to
// close it.
var tomlEOFMessages = map[string]string{
	"unexpected EOF; expected value":                                                  "the front matter ends where a value is expected, as inside a list never closed; close the list with \"]\", or write the value",
	"expected a comma (',') or array terminator (']'), but got end of file":           "a list opened with \"[\" is never closed; close it with \"]\"",
	"expected a comma or an inline table terminator '}', but got end of file instead": "an inline table opened with \"{\" is never closed; close it with \"}\" on the same line",
	"strings cannot contain newlines":                                                 "a quoted string is not closed on its line; add the closing quote (a string of several lines is written in \"\"\"...\"\"\")",
	`unexpected EOF; expected '"""'`:                                                  `a multi-line string opened with """ is never closed; close it with """`,
	`unexpected EOF; expected "'''"`:                                                  "a multi-line string opened with ''' is never closed; close it with '''",
}

func (fm *FrontMatter) decodeTOML(src []byte) {
	body := src[fm.BodyStart:fm.BodyEnd]
	if off, deep := tomlTooDeep(body); deep {
		fm.Err = &FrontMatterError{Offset: fm.BodyStart + off, Message: fmt.Sprintf("TOML front matter nests tables, arrays or dotted keys more than %d levels deep; flatten it (careerlint reads no deeper)", tomlMaxNesting)}
		return
	}
	var m map[string]any
	_, err := toml.Decode(string(body), &m)
	if err != nil {
		off := fm.BodyStart
		msg := err.Error()
		var pe toml.ParseError
		if errors.As(err, &pe) {
			off += pe.Position.Start
			msg = pe.Message
		}
		msg = strings.TrimSuffix(strings.TrimSpace(msg), ".")
		if off > fm.BodyEnd {
			off = fm.BodyEnd
		}
		if strings.HasPrefix(msg, "invalid UTF-8 byte") {
			// The library names the start of the string holding the
			// byte, the first of the body that is not UTF-8: the byte is
			// where file-format reports it.
			if i := firstNotUTF8(body); i >= 0 {
				off = fm.BodyStart + i
				fm.Err = &FrontMatterError{Offset: off, NotUTF8: true, Message: fmt.Sprintf("invalid TOML: byte 0x%02x is not UTF-8; %s", src[off], notUTF8Advice(src, off))}
				return
			}
		}
		var earlier int
		if m := tomlDuplicateRE.FindStringSubmatch(msg); m != nil {
			// The library's wording, in the house style of the YAML and
			// JSON messages.
			msg = fmt.Sprintf("key %q is defined twice; remove one of them", m[1])
			earlier = tomlFirstDefinition(src, fm.BodyStart, off, m[1])
		} else {
			rest := src[off:fm.BodyEnd]
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				rest = rest[:i]
			}
			msg = tomlMessage(msg, src[bytes.LastIndexByte(src[:off], '\n')+1:off], rest)
		}
		fm.Err = &FrontMatterError{Offset: off, Message: "invalid TOML: " + msg, Earlier: earlier}
		return
	}
	fm.Root = locateTOML(src, fm.BodyStart, fm.BodyEnd).node(m, 0, fm.BodyStart)
}

// tomlFirstDefinition returns where the TOML text from start writes the
// key (a dotted path, as the decoder names it, a part that is no bare key
// quoted: "a b".c) before the line holding at, where it is written
// again; 0 when it cannot tell (a key inside an array of tables).
func tomlFirstDefinition(src []byte, start, at int, key string) int {
	lineStart := bytes.LastIndexByte(src[:at], '\n') + 1
	if lineStart <= start {
		return 0
	}
	kl := &tomlLocator{src: []byte(key), end: len(key)}
	parts, _, ok := kl.dottedKey()
	if !ok || kl.pos != kl.end {
		return 0
	}
	l := locateTOML(src, start, lineStart)
	id := 0
	for _, part := range parts {
		if id = l.lookup(id, part); id < 0 {
			return 0
		}
	}
	if k := l.spans[id].keyStart; k > 0 && k < at {
		return k
	}
	return 0
}

// jsonFrontMatterEnd returns the offset after the brace that closes the
// one at src[start], outside strings, or -1 when none does.
func jsonFrontMatterEnd(src []byte, start int) int {
	depth, inStr, esc := 0, false, false
	for i := start; i < len(src); i++ {
		c := src[i]
		switch {
		case inStr && esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case inStr && c == '"':
			inStr = false
		case inStr:
		case c == '"':
			inStr = true
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

func parseJSONFrontMatter(src []byte, start int) *FrontMatter {
	// The block ends at the brace that closes the first one, outside strings.
	end := jsonFrontMatterEnd(src, start)
	fm := &FrontMatter{Format: "json", Start: start, BodyStart: start}
	if bytes.HasPrefix(src[start:], []byte("{{")) {
		// A page without front matter that opens with a shortcode or
		// a template action: Hugo reads its "{" as JSON front matter
		// and fails the build.
		if end < 0 {
			end = len(src)
		}
		fm.BodyEnd = end
		_, fm.End = lineAt(src, end)
		fm.Err = &FrontMatterError{Offset: start, Message: "page has no front matter and starts with \"{{\", which Hugo reads as JSON front matter and fails to build; start the page with a \"---\" line, a title (title: \"...\"), and a closing \"---\" line"}
		return fm
	}
	if end < 0 {
		fm.BodyEnd, fm.End = len(src), len(src)
		fm.Err = &FrontMatterError{Offset: start, Unclosed: true, Message: "JSON front matter opened with \"{\" is never closed; add the closing \"}\""}
		return fm
	}
	fm.BodyEnd = end
	_, fm.End = lineAt(src, end)
	root, off, msg, earlier := fromJSON(src, start, end)
	if i := firstNotUTF8(src[start:end]); i >= 0 {
		// Go's decoder reads a byte that is not UTF-8 in a string as
		// U+FFFD without a word (and one outside a string as the bare
		// word holding it, which the message names): the byte is
		// reported as in YAML and TOML, unless the decoder stopped at a
		// problem before it (an escape before it in its string).
		i += start
		word := bareWord(src[off:end])
		if msg == "" || i <= off || i < off+len(word) && strings.Contains(msg, word) {
			fm.Err = &FrontMatterError{Offset: i, NotUTF8: true, Message: fmt.Sprintf("invalid JSON: byte 0x%02x is not UTF-8; %s", src[i], notUTF8Advice(src, i))}
			return fm
		}
	}
	if msg != "" {
		fm.Err = &FrontMatterError{Offset: off, Message: "invalid JSON: " + msg, Earlier: earlier}
		return fm
	}
	fm.Root = root
	return fm
}

// yamlBodyError converts the decoding error of a YAML front matter body,
// src[start:end], into a problem placed at its cause that says how to mend
// it, for the mistakes people make: a byte YAML does not read, a tab
// indenting a line, a quoted value, list or map never closed, text after
// a closing quote, a ": " inside a plain value, a line indented to no
// level. Other errors keep the decoder's words, placed at the line it
// names (yamlError).
func yamlBodyError(err error, src []byte, start, end int) *FrontMatterError {
	fallback := yamlError(err, src, start)
	msg, line := yamlMessage(err)
	body := src[start:end]
	if (msg == "could not find expected ':'" || msg == "mapping values are not allowed in this context") && longKey(body) >= 0 {
		return fallback
	}
	e := scanYAML(body).diagnose(msg, line)
	if e == nil {
		return fallback
	}
	e.Offset += start
	if e.NotUTF8 {
		// Said of the whole file, which the scan of the body alone
		// cannot (Latin-1 or not).
		e.Message = fmt.Sprintf("invalid YAML: byte 0x%02x is not UTF-8; %s", src[e.Offset], notUTF8Advice(src, e.Offset))
	}
	if e.Suggestion != nil {
		for i := range e.Suggestion.Edits {
			e.Suggestion.Edits[i].Span.Start += start
			e.Suggestion.Edits[i].Span.End += start
		}
	}
	return e
}

// yamlMessage splits a yaml.v3 error into its problem and the 1-based line
// it names (made 1-based by yamlLineFix; 0 when it names none, which is
// the first line for the scanner's problems).
func yamlMessage(err error) (string, int) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return m[2], line + yamlLineFix(m[2])
	}
	return strings.TrimPrefix(msg, "yaml: "), 0
}

// yamlReaderProblems are the problems yaml.v3's reader reports for a
// character it does not read, without a position.
var yamlReaderProblems = map[string]bool{
	"invalid leading UTF-8 octet":        true,
	"invalid trailing UTF-8 octet":       true,
	"incomplete UTF-8 octet sequence":    true,
	"invalid length of a UTF-8 sequence": true,
	"invalid Unicode character":          true,
	"control characters are not allowed": true,
}

// yamlLine is one line of a YAML body as scanYAML reads it. Offsets are
// into the body.
type yamlLine struct {
	start, end int // the line, without its line ending
	// content is the first character after the leading spaces and tabs
	// (end on a blank line); indent counts the spaces before it, up to a
	// first tab; tab is that tab's offset, -1 when none.
	content, indent, tab int
	// comment is set for a blank or comment-only line.
	comment bool
	// quoted is set for a line that starts inside a quoted value or a flow
	// collection; block for a line of a block scalar's text (| or >).
	quoted, block bool
	// items counts the "- " markers starting the line; key is where what
	// follows them starts (content when there are none).
	items, key int
	// colons are the value indicators (": ", or ":" ending the line)
	// written outside quotes and flow collections.
	colons []int
	// opens is set when the line ends with an indicator whose value may
	// follow on deeper lines ("key:", "-").
	opens bool
	// dashAfterColon is a "- " written after a value indicator of the
	// line, -1 when none; reserved is a "@" or "`" starting a value, -1.
	dashAfterColon, reserved int
}

// yamlQuote is a quoted value: its opening quote and the offset after its
// closing quote (-1 when it is never closed).
type yamlQuote struct{ open, close int }

// yamlScan is what scanYAML reads of a YAML body: enough of its tokens to
// name the cause of a decoding error, not a parser.
type yamlScan struct {
	body   []byte
	lines  []yamlLine
	quotes []yamlQuote
	// flows are the openers ([ or {) of flow collections; unclosedFlow is
	// the innermost one never closed, or closed by the other kind of
	// bracket, -1 when none.
	flows        []int
	unclosedFlow int
	// after is the first text written after a closing quote, or after a
	// flow collection closed outside any other, where YAML wants none;
	// afterOf is that quote's or collection's opener. Both -1 when none.
	after, afterOf int
}

// scanYAML reads the lines and tokens of a YAML body that diagnose needs:
// quoted values, flow collections, value indicators, list markers, block
// scalars and comments.
func scanYAML(body []byte) *yamlScan {
	y := &yamlScan{body: body, unclosedFlow: -1, after: -1, afterOf: -1}
	var flow []int    // open flow collections
	quote := -1       // the quoted value open at the end of the last line, an index into y.quotes
	blockParent := -1 // indentation a block scalar's text must exceed, -1 outside one
	blockHeader := -1 // indentation of a line ending with a block scalar header
	space := func(c byte) bool { return c == ' ' || c == '\t' }
	for at := 0; at < len(body); {
		end := lineEnd(body, at)
		next := len(body)
		if i := bytes.IndexByte(body[at:], '\n'); i >= 0 {
			next = at + i + 1
		}
		ln := yamlLine{start: at, end: end, tab: -1, dashAfterColon: -1, reserved: -1}
		i := at
		for i < end && space(body[i]) {
			if body[i] == '\t' && ln.tab < 0 {
				ln.tab = i
			}
			if ln.tab < 0 {
				ln.indent++
			}
			i++
		}
		ln.content, ln.key = i, i
		ln.comment = i == end || body[i] == '#'
		if blockHeader >= 0 {
			blockParent, blockHeader = blockHeader, -1
		}
		switch {
		case quote >= 0 || len(flow) > 0:
			ln.quoted, ln.comment = true, false
			i = at
		case blockParent >= 0 && (i == end || ln.indent > blockParent || ln.tab >= 0 && ln.indent == 0):
			ln.block, ln.comment = true, false
			y.lines = append(y.lines, ln)
			at = next
			continue
		default:
			blockParent = -1
		}
		tok := true        // at the start of a token: a quote, a bracket or an indicator starts one here
		indicator := false // the last token of the line is an indicator (":" or "-")
		for i < end {
			if quote >= 0 {
				q := body[y.quotes[quote].open]
				for ; i < end; i++ {
					if q == '"' && body[i] == '\\' {
						i++
						continue
					}
					if body[i] == q {
						if q == '\'' && i+1 < end && body[i+1] == '\'' {
							i++
							continue
						}
						break
					}
				}
				if i >= end {
					break // still open on the next line
				}
				i++
				y.quotes[quote].close = i
				open := y.quotes[quote].open
				quote = -1
				j := i
				for j < end && space(body[j]) {
					j++
				}
				if j < end && y.after < 0 {
					c := body[j]
					if !(c == '#' && j > i || c == ':' || len(flow) > 0 && (c == ',' || c == ']' || c == '}')) {
						y.after, y.afterOf = j, open
					}
				}
				tok, indicator = false, false
				continue
			}
			c := body[i]
			switch {
			case space(c):
				i++
				continue
			case c == '#' && (i == at || space(body[i-1])):
				i = end
				continue
			case tok && (c == '"' || c == '\''):
				y.quotes = append(y.quotes, yamlQuote{open: i, close: -1})
				quote = len(y.quotes) - 1
				i++
			case tok && (c == '[' || c == '{'):
				flow = append(flow, i)
				y.flows = append(y.flows, i)
				i++
				tok, indicator = true, false
				continue
			case len(flow) > 0 && (c == ']' || c == '}'):
				top := flow[len(flow)-1]
				if (body[top] == '[') != (c == ']') {
					y.unclosedFlow = top
					y.lines = append(y.lines, ln)
					return y // the rest is read by other brackets than the author's
				}
				flow = flow[:len(flow)-1]
				i++
				if len(flow) == 0 {
					j := i
					for j < end && space(body[j]) {
						j++
					}
					if j < end && y.after < 0 && !(body[j] == '#' && j > i || body[j] == ':') {
						y.after, y.afterOf = j, top
					}
				}
			case len(flow) > 0 && c == ',':
				i++
				tok, indicator = true, false
				continue
			case c == ':' && (i+1 >= end || space(body[i+1]) || len(flow) > 0 && strings.IndexByte(",[]{}", body[i+1]) >= 0):
				if len(flow) == 0 && !ln.quoted {
					ln.colons = append(ln.colons, i)
				}
				i++
				tok, indicator = true, true
				continue
			case tok && len(flow) == 0 && c == '-' && (i+1 >= end || space(body[i+1])):
				switch {
				case ln.quoted:
				case len(ln.colons) > 0:
					if ln.dashAfterColon < 0 {
						ln.dashAfterColon = i
					}
				default:
					ln.items++
					ln.key = i + 1
					for ln.key < end && space(body[ln.key]) {
						ln.key++
					}
				}
				i++
				tok, indicator = true, true
				continue
			case tok && len(flow) == 0 && (c == '|' || c == '>'):
				blockHeader = ln.indent
				i = end
			case tok && (c == '@' || c == '`'):
				if ln.reserved < 0 {
					ln.reserved = i
				}
				i++
			case tok && (c == '&' || c == '!'):
				// An anchor or a tag: the value follows it.
				for i < end && !space(body[i]) && (len(flow) == 0 || strings.IndexByte(",[]{}", body[i]) < 0) {
					i++
				}
				continue
			case tok && c == '?' && (i+1 >= end || space(body[i+1])):
				i++
				continue
			default:
				i++
			}
			tok, indicator = false, false
		}
		ln.opens = indicator && !ln.quoted && len(flow) == 0 && quote < 0
		y.lines = append(y.lines, ln)
		at = next
	}
	if len(flow) > 0 && y.unclosedFlow < 0 {
		y.unclosedFlow = flow[len(flow)-1]
	}
	return y
}

// diagnose names the cause of the decoding problem msg, which the decoder
// gave for the 1-based line (0 when it named none), or returns nil when it
// finds none of the causes it knows.
func (y *yamlScan) diagnose(msg string, line int) *FrontMatterError {
	switch msg {
	case "found character that cannot start any token", "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
		if e := y.tabIndent(line); e != nil {
			return e
		}
		return y.reservedStart(line)
	case "found unexpected end of stream":
		return y.unclosedQuote()
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
		if e := y.unclosedFlowProblem(); e != nil {
			return e
		}
		if e := y.textAfter(); e != nil {
			return e
		}
		return y.flowItems(msg, line)
	case "mapping values are not allowed in this context":
		if e := y.textAfter(); e != nil {
			return e
		}
		if e := y.indentation(); e != nil {
			return e
		}
		return y.colonInValue(line)
	case "block sequence entries are not allowed in this context":
		return y.dashAfterColon()
	case "found unknown escape character":
		return y.unknownEscape()
	case "did not find expected key", "did not find expected '-' indicator", "could not find expected ':'", "did not find expected node content":
		if e := y.unclosedFlowProblem(); e != nil {
			return e
		}
		if e := y.textAfter(); e != nil {
			return e
		}
		return y.indentation()
	}
	if yamlReaderProblems[msg] {
		return y.badCharacter()
	}
	return nil
}

// lineAt returns the index of the line holding offset off.
func (y *yamlScan) lineAt(off int) int {
	i := sort.Search(len(y.lines), func(i int) bool { return y.lines[i].start > off })
	return max(i-1, 0)
}

// badCharacter places a reader problem at the first character YAML does
// not read: a byte that is not UTF-8 or a control character.
func (y *yamlScan) badCharacter() *FrontMatterError {
	for i := 0; i < len(y.body); {
		r, size := utf8.DecodeRune(y.body[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			// The message is yamlBodyError's, which reads the whole file.
			return &FrontMatterError{Offset: i, NotUTF8: true}
		case !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000):
			return &FrontMatterError{Offset: i, Message: fmt.Sprintf("invalid YAML: control character U+%04X is not allowed in YAML; remove it", r)}
		}
		i += size
	}
	return nil
}

// tabIndent reports the first line, from the 1-based line on (then from
// the start), whose indentation holds a tab: YAML indents with spaces
// only. It suggests indenting every such line with spaces, as deep as
// the line above suggests, when the body then parses.
func (y *yamlScan) tabIndent(line int) *FrontMatterError {
	first := -1
	for pass := 0; pass < 2 && first < 0; pass++ {
		for i := max(line-1, 0) * (1 - pass); i < len(y.lines); i++ {
			ln := y.lines[i]
			if ln.tab >= 0 && ln.content < ln.end && !ln.quoted {
				first = i
				break
			}
		}
	}
	if first < 0 {
		return nil
	}
	e := &FrontMatterError{Offset: y.lines[first].tab, Message: "invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces"}
	if edits := y.retab(); edits != nil && yamlParses(y.body, edits) {
		e.Suggestion = &Fix{Title: "indent with spaces, not tabs", Edits: edits}
	}
	return e
}

// retab returns edits that indent every tab-indented line with spaces: as
// deep as the line above when that one has its value, one step deeper
// when it ends with "key:" or "-" (a step being the smallest indentation
// of the body, or 2). It returns nil when a tab is not at the start of a
// line's indentation alone.
func (y *yamlScan) retab() []Edit {
	step := 0
	for _, ln := range y.lines {
		if ln.tab < 0 && !ln.comment && !ln.quoted && !ln.block && ln.indent > 0 && (step == 0 || ln.indent < step) {
			step = ln.indent
		}
	}
	if step == 0 {
		step = 2
	}
	var edits []Edit
	prevIndent, prevKey, prevOpens, seen := 0, 0, false, false
	for _, ln := range y.lines {
		if ln.comment || ln.quoted {
			continue
		}
		indent, key := ln.indent, ln.key-ln.start
		if ln.tab >= 0 && ln.content < ln.end {
			switch {
			case !seen:
				indent = 0
			case prevOpens || ln.block:
				indent = prevKey + step
			default:
				indent = prevIndent
			}
			if ln.items > 0 {
				key = indent + (ln.key - ln.content)
			} else {
				key = indent
			}
			edits = append(edits, Edit{Span: Span{Start: ln.start, End: ln.content}, Text: strings.Repeat(" ", indent)})
		}
		if ln.block {
			continue // the text of a block scalar: its header's line counts
		}
		prevIndent, prevKey, prevOpens, seen = indent, key, ln.opens, true
	}
	return edits
}

// yamlParses reports whether body decodes as YAML once the edits (with
// offsets into body, in order and not overlapping) are applied.
func yamlParses(body []byte, edits []Edit) bool {
	var b []byte
	at := 0
	for _, e := range edits {
		b = append(b, body[at:e.Span.Start]...)
		b = append(b, e.Text...)
		at = e.Span.End
	}
	b = append(b, body[at:]...)
	var doc yaml.Node
	return yaml.Unmarshal(b, &doc) == nil
}

// reservedStart reports a value starting with "@" or "`", which YAML
// reserves, on the 1-based line (the first when 0), and suggests quoting
// the value.
func (y *yamlScan) reservedStart(line int) *FrontMatterError {
	for i := max(line-1, 0); i < len(y.lines); i++ {
		ln := y.lines[i]
		if ln.reserved < 0 {
			continue
		}
		e := &FrontMatterError{Offset: ln.reserved, Message: fmt.Sprintf("invalid YAML: a value cannot start with \"%c\", which YAML reserves; quote the value", y.body[ln.reserved])}
		y.suggestQuoting(e, ln, ln.reserved)
		return e
	}
	return nil
}

// suggestQuoting adds to e the suggestion to write the plain value of ln
// that starts at from, up to the end of the line, in double quotes, when
// the body then parses.
func (y *yamlScan) suggestQuoting(e *FrontMatterError, ln yamlLine, from int) {
	end := ln.end
	for end > from && (y.body[end-1] == ' ' || y.body[end-1] == '\t') {
		end--
	}
	value := string(y.body[from:end])
	if strings.Contains(value, " #") || strings.Contains(value, "\t#") {
		return // a comment, or text that looks like one: only the author knows
	}
	quoted := yamlDoubleQuoted(value)
	edits := []Edit{{Span: Span{Start: from, End: end}, Text: quoted}}
	if yamlParses(y.body, edits) {
		e.Suggestion = &Fix{Title: "quote the value: " + quoted, Edits: edits}
	}
}

// yamlDoubleQuoted writes s as a YAML double-quoted value.
func yamlDoubleQuoted(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// unclosedQuote reports the first quoted value that is never closed.
func (y *yamlScan) unclosedQuote() *FrontMatterError {
	for _, q := range y.quotes {
		if q.close < 0 {
			return &FrontMatterError{Offset: q.open, Message: "invalid YAML: the quoted value starting here is never closed; add the closing quote"}
		}
	}
	return nil
}

// flowWords names a flow collection by its opening bracket: the kind of
// collection and its closing bracket.
func flowWords(open byte) (kind, closer string) {
	if open == '{' {
		return "map", "}"
	}
	return "list", "]"
}

// unclosedFlowProblem reports a flow collection ([...] or {...}) that is
// never closed, or closed by the other kind of bracket, at its opening
// bracket.
func (y *yamlScan) unclosedFlowProblem() *FrontMatterError {
	at := y.unclosedFlow
	if at < 0 {
		return nil
	}
	kind, closer := flowWords(y.body[at])
	return &FrontMatterError{Offset: at, Message: fmt.Sprintf("invalid YAML: the %s opened with \"%c\" here is never closed; close it with %q, or quote the value if it is text", kind, y.body[at], closer)}
}

// textAfter reports text written after a closing quote (or after a flow
// collection that holds the whole value), where YAML wants nothing but a
// comment; a quoted value that runs on to a later line is reported at its
// opening quote, as not closed on its own line. For a value written
// between two quotes with more of the same quotes inside, it suggests
// writing those as YAML escapes them.
func (y *yamlScan) textAfter() *FrontMatterError {
	if y.after < 0 {
		return nil
	}
	open := y.afterOf
	q := y.body[open]
	if q == '[' || q == '{' {
		kind, closer := flowWords(q)
		return &FrontMatterError{Offset: y.after, Message: fmt.Sprintf("invalid YAML: text after the %q that closes a %s, where YAML wants the value to end; move the text into the %s, or quote the whole value if it is text", closer, kind, kind)}
	}
	ln := y.lines[y.lineAt(open)]
	if y.after >= ln.end {
		return &FrontMatterError{Offset: open, Message: "invalid YAML: the quoted value starting here is not closed on its line, so it takes in the lines below up to the next quote; add the closing quote"}
	}
	how := `write a ' inside '...' as '' (it''s)`
	if q == '"' {
		how = `write a " inside "..." as \"`
	}
	e := &FrontMatterError{Offset: y.after, Message: fmt.Sprintf("invalid YAML: text after the quote that closes a quoted value; %s, or end the value at the quote", how)}
	// The value the author meant: from the opening quote to the last
	// quote of the line, with the quotes inside escaped.
	end := ln.end
	for end > open && (y.body[end-1] == ' ' || y.body[end-1] == '\t') {
		end--
	}
	if end-open >= 2 && y.body[end-1] == q {
		inner := string(y.body[open+1 : end-1])
		text := string(q) + strings.ReplaceAll(inner, string(q), "''") + string(q)
		if q == '"' {
			text = `"` + strings.ReplaceAll(inner, `"`, `\"`) + `"`
		}
		edits := []Edit{{Span: Span{Start: open, End: end}, Text: text}}
		if yamlParses(y.body, edits) {
			e.Suggestion = &Fix{Title: "escape the quotes inside the value: " + text, Edits: edits}
		}
	}
	return e
}

// flowItems reports a flow collection, closed, one of whose items is
// followed by something other than a comma or its closing bracket: the
// first collection on the 1-based line (0 when unknown), else the first of
// the body.
func (y *yamlScan) flowItems(msg string, line int) *FrontMatterError {
	want := byte('[')
	if strings.HasSuffix(msg, "'}'") {
		want = '{'
	}
	at := -1
	for _, f := range y.flows {
		if y.body[f] != want {
			continue
		}
		if at < 0 || line > 0 && y.lineAt(f) == line-1 && y.lineAt(at) != line-1 {
			at = f
		}
	}
	if at < 0 {
		return nil
	}
	kind, closer := flowWords(want)
	return &FrontMatterError{Offset: at, Message: fmt.Sprintf("invalid YAML: an item of the %s opened here is followed by something other than \",\" or %q; separate the items with commas, and quote an item that holds a quote, a comma or a bracket", kind, closer)}
}

// colonInValue reports a ": " inside a plain value on the 1-based line
// (the first when 0): YAML reads it as the start of a map, which cannot
// be a value on its key's line. It suggests quoting the value.
func (y *yamlScan) colonInValue(line int) *FrontMatterError {
	i := max(line-1, 0)
	if i >= len(y.lines) {
		return nil
	}
	ln := y.lines[i]
	if len(ln.colons) < 2 {
		return nil
	}
	key := strings.TrimSpace(string(y.body[ln.key:ln.colons[0]]))
	e := &FrontMatterError{Offset: ln.colons[1], Message: fmt.Sprintf("invalid YAML: \": \" inside the value of %q starts a key, which YAML does not allow there; quote the value", key)}
	from := ln.colons[0] + 1
	for from < ln.end && (y.body[from] == ' ' || y.body[from] == '\t') {
		from++
	}
	y.suggestQuoting(e, ln, from)
	return e
}

// dashAfterColon reports a "- " written on a key's line after its ":",
// which YAML does not read as a list item there.
func (y *yamlScan) dashAfterColon() *FrontMatterError {
	for _, ln := range y.lines {
		if ln.dashAfterColon >= 0 {
			return &FrontMatterError{Offset: ln.dashAfterColon, Message: "invalid YAML: a list item cannot start on the line of its key; start it on the next line, indented under the key, or quote the value if it is text"}
		}
	}
	return nil
}

// yamlEscapes are the characters YAML reads after a backslash in a
// double-quoted value.
const yamlEscapes = "0abt\tnvfre \"/\\N_LPxuU"

// unknownEscape reports the first backslash of a double-quoted value that
// starts no escape YAML knows, and suggests doubling each such backslash
// of the value.
func (y *yamlScan) unknownEscape() *FrontMatterError {
	for _, q := range y.quotes {
		if y.body[q.open] != '"' || q.close < 0 {
			continue
		}
		var edits []Edit
		for i := q.open + 1; i < q.close-1; i++ {
			if y.body[i] != '\\' {
				continue
			}
			if c := y.body[i+1]; strings.IndexByte(yamlEscapes, c) < 0 && c != '\n' && c != '\r' {
				edits = append(edits, Edit{Span: Span{Start: i, End: i + 1}, Text: `\\`})
			}
			i++
		}
		if len(edits) == 0 {
			continue
		}
		at := edits[0].Span.Start
		e := &FrontMatterError{Offset: at, Message: fmt.Sprintf("invalid YAML: \"%s\" is no escape YAML knows inside \"...\"; write a backslash as \\\\, or quote the value with '...'", y.body[at:at+2])}
		if yamlParses(y.body, edits) {
			e.Suggestion = &Fix{Title: `write each lone backslash as \\`, Edits: edits}
		}
		return e
	}
	return nil
}

// indentation reports the first line whose indentation YAML cannot read:
// deeper than the line above, which has its value; at the indentation of
// no line above it; a list item among the keys of a map, or a key among
// the items of a list; or a line that is neither a key nor a list item.
func (y *yamlScan) indentation() *FrontMatterError {
	type level struct {
		indent int
		seq    bool
	}
	var levels []level
	opens, started := false, false
	prevIndent, prevKey := 0, 0
	for _, ln := range y.lines {
		if ln.comment || ln.quoted || ln.block {
			continue
		}
		if ln.tab >= 0 {
			return nil // tabs are tabIndent's
		}
		ind, item, keyed := ln.indent, ln.items > 0, len(ln.colons) > 0
		switch {
		case !started:
			levels = append(levels, level{ind, item})
			started = true
		case ind > levels[len(levels)-1].indent:
			if !opens {
				if !keyed && !item {
					continue // the text of a plain value written on more lines
				}
				e := &FrontMatterError{Offset: ln.content, Message: "invalid YAML: this line is indented more than the line above, which already has a value; indent it like the line above"}
				edits := []Edit{{Span: Span{Start: ln.start, End: ln.content}, Text: strings.Repeat(" ", prevKey)}}
				if yamlParses(y.body, edits) {
					e.Suggestion = &Fix{Title: "indent the line like the line above", Edits: edits}
				}
				return e
			}
			levels = append(levels, level{ind, item})
		default:
			k := len(levels)
			for k > 0 && levels[k-1].indent > ind {
				k--
			}
			if k == 0 || levels[k-1].indent != ind {
				// The indentations open, read only for the message (a
				// line of every level costs no more than its pop).
				var open []string
				for _, l := range levels {
					if s := strconv.Itoa(l.indent); !slices.Contains(open, s) {
						open = append(open, s)
					}
				}
				list := JoinWords(open, "or")
				spaces := "spaces"
				if ind == 1 {
					spaces = "space"
				}
				return &FrontMatterError{Offset: ln.content, Message: fmt.Sprintf("invalid YAML: this line is indented by %d %s, like no line above it (those are indented by %s); indent it like the lines it belongs with", ind, spaces, list)}
			}
			levels = levels[:k]
			top := levels[len(levels)-1]
			switch {
			case item && !top.seq:
				if !opens || prevIndent != ind {
					return &FrontMatterError{Offset: ln.content, Message: "invalid YAML: a list item among the keys of a map; put the list under a key written with no value (aliases:), or give the item a key"}
				}
				levels = append(levels, level{ind, true}) // "key:" then "- item" at the key's indentation
			case !item && top.seq:
				levels = levels[:len(levels)-1]
				if len(levels) == 0 || levels[len(levels)-1].indent != ind {
					return &FrontMatterError{Offset: ln.content, Message: "invalid YAML: a key among the items of a list; write it as an item (- key: value), or indent it like the keys of its map"}
				}
			}
		}
		if !keyed && !item {
			return &FrontMatterError{Offset: ln.content, Message: "invalid YAML: this line is neither \"key: value\" nor a list item; add its key, or indent it more to continue the value above"}
		}
		prevIndent, prevKey = ind, ind
		if item && keyed {
			// "- key: value" opens a map at the key's column.
			prevKey = ln.key - ln.start
			levels = append(levels, level{prevKey, false})
		}
		opens = ln.opens
	}
	return nil
}
