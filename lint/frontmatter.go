package lint

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

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
}

// bomLen returns 3 when src starts with a UTF-8 byte order mark.
func bomLen(src []byte) int {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		return 3
	}
	return 0
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
// (after an optional byte order mark). It returns nil when the page has
// none. A problem is returned inside the result, never as a panic.
func ParseFrontMatter(src []byte) *FrontMatter { return parseFrontMatter(src, nil) }

// parseFrontMatter is ParseFrontMatter; when decode is set and returns
// false for the YAML or TOML body, the body is delimited but not decoded
// (Root and Err stay nil).
func parseFrontMatter(src []byte, decode func(body []byte) bool) *FrontMatter {
	start := bomLen(src)
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
		off = nl
	}
	if fm.End == 0 {
		fm.BodyEnd = len(src)
		fm.End = len(src)
		fm.Err = &FrontMatterError{Offset: start, Message: fmt.Sprintf("front matter opened with %q is never closed; add a %q line after it", delim, delim)}
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
		fm.Err = yamlError(err, src, fm.BodyStart)
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
		fm.Err = &FrontMatterError{Offset: root.Start, Message: "front matter is not a map of keys to values"}
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
	return &FrontMatterError{Offset: off, Message: "invalid YAML: " + msg}
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
		var earlier int
		if m := tomlDuplicateRE.FindStringSubmatch(msg); m != nil {
			// The library's wording, in the house style of the YAML and
			// JSON messages.
			msg = fmt.Sprintf("key %q is defined twice; remove one of them", m[1])
			earlier = tomlFirstDefinition(src, fm.BodyStart, off, m[1])
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

func parseJSONFrontMatter(src []byte, start int) *FrontMatter {
	// The block ends at the brace that closes the first one, outside strings.
	depth, inStr, esc := 0, false, false
	end := -1
	for i := start; i < len(src) && end < 0; i++ {
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
				end = i + 1
			}
		}
	}
	fm := &FrontMatter{Format: "json", Start: start, BodyStart: start}
	if end < 0 {
		fm.BodyEnd, fm.End = len(src), len(src)
		fm.Err = &FrontMatterError{Offset: start, Message: "JSON front matter opened with \"{\" is never closed; add the closing \"}\""}
		return fm
	}
	fm.BodyEnd = end
	_, fm.End = lineAt(src, end)
	root, off, msg, earlier := fromJSON(src, start, end)
	if msg != "" {
		fm.Err = &FrontMatterError{Offset: off, Message: "invalid JSON: " + msg, Earlier: earlier}
		return fm
	}
	fm.Root = root
	return fm
}
