package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// NodeKind is the kind of a Node of decoded front matter or configuration.
type NodeKind int

// The node kinds.
const (
	ScalarNode NodeKind = iota
	MapNode
	ListNode
)

// Node is one value of decoded YAML, TOML or JSON with the byte span it was
// written at, so that every problem in front matter or configuration has a
// position. Map entries keep their source order.
type Node struct {
	Kind NodeKind
	// Key is the map key naming this node ("" for list elements and the root).
	Key string
	// KeyStart and KeyEnd span the key in the file (zero for list elements).
	KeyStart, KeyEnd int
	// Start and End span the value (for scalars the written token).
	Start, End int
	// Value is the decoded scalar: string, int64, float64, bool or nil.
	Value any
	// Children are the entries of a map or the elements of a list.
	Children []*Node
	// PlainYAML is set for a YAML scalar written without quotes or tag: Hugo's
	// YAML reads some such words (yes, off) as booleans (see HugoBool).
	PlainYAML bool
}

// HugoBool reads a flag the way Hugo does: a boolean; a string through
// Go's strconv.ParseBool (cast.ToBool), or, written unquoted in YAML, as
// YAML 1.1 reads y, yes, on, n, no and off; a number is true unless 0.
// ok is false for anything else.
func (n *Node) HugoBool() (value, ok bool) {
	if n == nil || n.Kind != ScalarNode {
		return false, false
	}
	switch v := n.Value.(type) {
	case bool:
		return v, true
	case int64:
		return v != 0, true
	case float64:
		return v != 0, true
	case string:
		if b, ok := YAML11Bool(n); ok {
			return b, true
		}
		b, err := strconv.ParseBool(v)
		return b, err == nil
	}
	return false, false
}

// Get returns the child of a map node with the given key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != MapNode {
		return nil
	}
	for _, c := range n.Children {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// GetFold returns the child of a map node that Hugo reads for key, whose
// front matter keys are case-insensitive, or nil. Hugo lower-cases the
// keys of a map one by one in no set order: a key written in another case
// than lower case replaces what the lower-case key holds. (A lower-case
// key holding a map is written back too, but with the value it holds when
// Hugo reaches it, which is the other key's once that has replaced it: it
// never wins.) So that key wins when there is one; when there are more, Hugo
// takes one of them at random (the front-matter rule reports it) and
// GetFold the last.
func (n *Node) GetFold(key string) *Node {
	if n == nil || n.Kind != MapNode {
		return nil
	}
	var lower, replacing *Node
	for _, c := range n.Children {
		if !sameLower(c.Key, key) {
			continue
		}
		if replacesLower(c) {
			replacing = c
		} else {
			lower = c
		}
	}
	if replacing != nil {
		return replacing
	}
	return lower
}

// KeyCandidates returns, of the children of one map that Hugo reads as
// the same key (their keys are equal in lower case), the ones Hugo may
// read, in file order: the keys that replace the lower-case one (see
// GetFold), of which Hugo takes one at random when there are more, or
// else the lower-case key alone.
func KeyCandidates(variants []*Node) []*Node {
	var out []*Node
	for _, c := range variants {
		if replacesLower(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		for _, c := range variants {
			if isLower(c.Key) {
				return []*Node{c}
			}
		}
	}
	return out
}

// CaseVariants returns the children of a map node that Hugo reads as one
// key, as it lower-cases keys: each group of two or more children whose
// keys are equal in lower case, in the order of the group's first key,
// each in file order.
func (n *Node) CaseVariants() [][]*Node {
	if n == nil || n.Kind != MapNode {
		return nil
	}
	var groups [][]*Node
	at := map[string]int{}
	for _, c := range n.Children {
		lk := strings.ToLower(c.Key)
		if i, ok := at[lk]; ok {
			groups[i] = append(groups[i], c)
			continue
		}
		at[lk] = len(groups)
		groups = append(groups, []*Node{c})
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}

// replacesLower reports whether Hugo, lower-casing a map's keys, writes
// the child under its lower-case key, replacing what was there: a key not
// in lower case. Hugo also deletes and writes back a lower-case key that
// holds a map (common/maps.PrepareParams), but with the value found under
// it when the loop reaches it: once another key has replaced it, that is
// the other key's value (and a map already retyped to Params is not
// written again), so the lower-case key never wins.
func replacesLower(c *Node) bool {
	return !isLower(c.Key)
}

// isLower reports whether strings.ToLower leaves k as it is.
func isLower(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; c >= utf8.RuneSelf {
			return strings.ToLower(k) == k
		} else if 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// sameLower reports whether strings.ToLower gives a and b alike, without
// building either for ASCII keys. It is not strings.EqualFold, which also
// folds what lower-casing keeps apart ("ſ" and "s"): Hugo compares keys
// lower-cased.
func sameLower(a, b string) bool {
	if len(a) != len(b) {
		return !(isASCII(a) && isASCII(b)) && lowerEqual(a, b)
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x|y >= utf8.RuneSelf {
			return lowerEqual(a, b)
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Text returns a scalar value as text the way Hugo's cast.ToString reads
// it (a number or a boolean as written in Go's formatting), and whether
// the node is a non-null scalar.
func (n *Node) Text() (string, bool) {
	if n == nil || n.Kind != ScalarNode || n.Value == nil {
		return "", false
	}
	if s, ok := n.Value.(string); ok {
		return s, true
	}
	return fmt.Sprint(n.Value), true
}

// String returns the scalar value as a string and whether it is one.
func (n *Node) String() (string, bool) {
	if n == nil || n.Kind != ScalarNode {
		return "", false
	}
	s, ok := n.Value.(string)
	return s, ok
}

// Plain converts the node to the plain Go values JSON Schema validation
// expects: map[string]any, []any, string, int64, float64, bool or nil.
func (n *Node) Plain() any {
	switch n.Kind {
	case MapNode:
		m := make(map[string]any, len(n.Children))
		for _, c := range n.Children {
			m[c.Key] = c.Plain()
		}
		return m
	case ListNode:
		l := make([]any, len(n.Children))
		for i, c := range n.Children {
			l[i] = c.Plain()
		}
		return l
	}
	return n.Value
}

// At follows a JSON-pointer-like path of keys and list indexes and returns
// the deepest node found on it.
func (n *Node) At(path []string) *Node {
	cur := n
	for _, p := range path {
		var next *Node
		switch cur.Kind {
		case MapNode:
			next = cur.Get(p)
		case ListNode:
			if i, err := strconv.Atoi(p); err == nil && i >= 0 && i < len(cur.Children) {
				next = cur.Children[i]
			}
		}
		if next == nil {
			return cur
		}
		cur = next
	}
	return cur
}

// lineOffsets returns the byte offset of each line start of src.
func lineOffsets(src []byte) []int {
	offs := []int{0}
	for i, b := range src {
		if b == '\n' {
			offs = append(offs, i+1)
		}
	}
	return offs
}

// offsetOf converts a 1-based line and a 1-based column counted in runes
// (as the YAML decoder reports them) to a byte offset in src.
func offsetOf(src []byte, lines []int, line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(lines) {
		return len(src)
	}
	off := lines[line-1]
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

// scalarEnd finds the end of a YAML scalar token starting at off.
func scalarEnd(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	switch src[off] {
	case '"':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\\' {
				i++
				continue
			}
			if src[i] == '"' {
				return i + 1
			}
		}
		return len(src)
	case '\'':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(src)
	}
	end := off
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		if src[end] == '#' && end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
			break
		}
		if src[end] == ',' || src[end] == ']' || src[end] == '}' {
			// inside a flow collection the token stops here; harmless otherwise
			break
		}
		end++
	}
	for end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	if end == off {
		end = off + 1
		if end > len(src) {
			end = len(src)
		}
	}
	return end
}

// yamlParserProblems are the problems yaml.v3's parser (not its scanner)
// reports. For them the decoder prints the 0-based line of the mark.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlLineFix returns what to add to the line of a "yaml: line N: msg"
// error to make it 1-based: yaml.v3 adds one for scanner errors only.
func yamlLineFix(msg string) int {
	if yamlParserProblems[msg] {
		return 1
	}
	return 0
}

// yamlDuplicateKey returns the first mapping key of y that repeats an
// earlier key of the same mapping, and that earlier key, or nils. yaml.v3
// accepts duplicates when decoding into a yaml.Node; Hugo (v0.152 and
// later) rejects them, and Node.Get and Node.Plain would disagree on
// which value counts.
func yamlDuplicateKey(y *yaml.Node) (dup, first *yaml.Node) {
	if y == nil {
		return nil, nil
	}
	if y.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := y.Content[i]
			if k.Kind != yaml.ScalarNode || k.Value == "<<" {
				continue
			}
			if f, ok := seen[k.Value]; ok {
				return k, f
			}
			seen[k.Value] = k
		}
	}
	for _, c := range y.Content {
		if d, f := yamlDuplicateKey(c); d != nil {
			return d, f
		}
	}
	return nil, nil
}

// yamlKeyEnd finds the end of a YAML mapping key token starting at off:
// a quoted key ends after its closing quote, a plain key before the ':'
// that separates it from its value.
func yamlKeyEnd(src []byte, off int) int {
	if off < len(src) && (src[off] == '"' || src[off] == '\'') {
		return scalarEnd(src, off)
	}
	end := off
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		if src[end] == ':' && (end+1 == len(src) || strings.IndexByte(" \t\r\n,]}", src[end+1]) >= 0) {
			break
		}
		end++
	}
	for end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	return end
}

// fromYAML converts a decoded yaml.Node into a Node. src is the whole file
// and base the offset at which the YAML text starts in it; lines are the
// line starts of the YAML text.
func fromYAML(y *yaml.Node, src []byte, base int) *Node {
	text := src[base:]
	lines := lineOffsets(text)
	var conv func(y *yaml.Node) *Node
	conv = func(y *yaml.Node) *Node {
		for y.Kind == yaml.DocumentNode && len(y.Content) > 0 {
			y = y.Content[0]
		}
		if y.Kind == yaml.AliasNode && y.Alias != nil {
			// An alias stands for its anchor's value but is written where
			// it is: its span is the "*name" token, so that it lies inside
			// its parent's (the anchor may come earlier in the file).
			at := base + offsetOf(text, lines, y.Line, y.Column)
			n := conv(y.Alias)
			n.Start, n.End = at, scalarEnd(src, at)
			return n
		}
		start := base + offsetOf(text, lines, y.Line, y.Column)
		n := &Node{Start: start}
		switch y.Kind {
		case yaml.MappingNode:
			n.Kind = MapNode
			for i := 0; i+1 < len(y.Content); i += 2 {
				k, v := y.Content[i], y.Content[i+1]
				c := conv(v)
				c.Key = k.Value
				c.KeyStart = base + offsetOf(text, lines, k.Line, k.Column)
				c.KeyEnd = yamlKeyEnd(src, c.KeyStart)
				n.Children = append(n.Children, c)
			}
		case yaml.SequenceNode:
			n.Kind = ListNode
			for _, e := range y.Content {
				n.Children = append(n.Children, conv(e))
			}
		default:
			n.Kind = ScalarNode
			n.Value = yamlScalar(y)
			n.PlainYAML = y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) == 0
		}
		n.End = n.Start
		if n.Kind == ScalarNode {
			n.End = scalarEnd(src, n.Start)
		} else if len(n.Children) > 0 {
			n.End = n.Children[len(n.Children)-1].End
		}
		return n
	}
	return conv(y)
}

// yamlScalar decodes a scalar by its resolved tag.
func yamlScalar(y *yaml.Node) any {
	switch y.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if y.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if y.Decode(&i) == nil {
			return i
		}
	case "!!float":
		var f float64
		if y.Decode(&f) == nil {
			return f
		}
	}
	return y.Value
}

// fromJSON decodes JSON text at src[base:end] into a Node with spans. It
// returns the offset and message of the first syntax error, and for a key
// defined twice the offset of its first definition as earlier (0
// otherwise).
func fromJSON(src []byte, base, end int) (root *Node, at int, problem string, earlier int) {
	dec := json.NewDecoder(strings.NewReader(string(src[base:end])))
	dec.UseNumber()
	var parse func(key string, keyStart, keyEnd int) (*Node, error)
	skipSpace := func(off int) int {
		for off < end && (src[off] == ' ' || src[off] == '\t' || src[off] == '\n' || src[off] == '\r' || src[off] == ':' || src[off] == ',') {
			off++
		}
		return off
	}
	parse = func(key string, keyStart, keyEnd int) (*Node, error) {
		start := skipSpace(base + int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		n := &Node{Key: key, KeyStart: keyStart, KeyEnd: keyEnd, Start: start}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' {
				n.Kind = MapNode
				seen := map[string]int{}
				for dec.More() {
					ks := skipSpace(base + int(dec.InputOffset()))
					kt, err := dec.Token()
					if err != nil {
						return nil, err
					}
					k, _ := kt.(string)
					ke := base + int(dec.InputOffset())
					// The key's span is its text inside the quotes.
					if ke-ks >= 2 && src[ks] == '"' && src[ke-1] == '"' {
						ks, ke = ks+1, ke-1
					}
					if first, dup := seen[k]; dup {
						return nil, &jsonDuplicateKey{key: k, at: ks, first: first}
					}
					seen[k] = ks
					c, err := parse(k, ks, ke)
					if err != nil {
						return nil, err
					}
					n.Children = append(n.Children, c)
				}
			} else {
				n.Kind = ListNode
				for dec.More() {
					c, err := parse("", 0, 0)
					if err != nil {
						return nil, err
					}
					n.Children = append(n.Children, c)
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
		case json.Number:
			if i, err := t.Int64(); err == nil {
				n.Value = i
			} else if f, err := t.Float64(); err == nil {
				n.Value = f
			} else {
				n.Value = string(t)
			}
		default:
			n.Value = t
		}
		n.End = base + int(dec.InputOffset())
		return n, nil
	}
	// A syntax error's offset from a streaming decoder is relative to the
	// value being read; a whole-text check gives it from the start.
	var any_ any
	if err := json.Unmarshal(src[base:end], &any_); err != nil {
		off := base
		if se, ok := err.(*json.SyntaxError); ok {
			off = base + max(int(se.Offset)-1, 0)
			// The offset is after the byte that failed; point at it.
		}
		if off > end {
			off = end
		}
		return nil, off, jsonMessage(err, src[base:end], off-base), 0
	}
	root, err := parse("", 0, 0)
	var dup *jsonDuplicateKey
	if errors.As(err, &dup) {
		return nil, dup.at, fmt.Sprintf("key %q is defined twice; remove one of them", dup.key), dup.first
	}
	if err != nil {
		off := base + int(dec.InputOffset())
		if off > end {
			off = end
		}
		return nil, off, jsonMessage(err, src[base:end], off-base), 0
	}
	return root, 0, "", 0
}

// jsonDuplicateKey is a key written twice in one JSON object: the second
// one's offset, and the first one's. JSON leaves it undefined; Hugo keeps
// one of the values, so the front matter reads other than written.
type jsonDuplicateKey struct {
	key       string
	at, first int
}

func (e *jsonDuplicateKey) Error() string { return "duplicate key " + e.key }

// jsonMessage says what is wrong with JSON text where the decoder
// stopped (at, an offset into text): in careerlint's words, with the fix,
// for the mistakes people make writing JSON by hand (a comma before a
// closing bracket, a key or text without double quotes, single quotes, a
// missing comma or colon), else in the decoder's words.
func jsonMessage(err error, text []byte, at int) string {
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if msg == "EOF" || msg == "unexpected EOF" || msg == "unexpected end of JSON input" {
		return `the JSON ends inside an object or a list; close each "{" with "}" and each "[" with "]"`
	}
	var c byte
	if at >= 0 && at < len(text) {
		c = text[at]
	}
	prev := byte(0)
	for i := min(at, len(text)) - 1; i >= 0; i-- {
		if b := text[i]; b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			prev = b
			break
		}
	}
	value := strings.HasSuffix(msg, "looking for beginning of value")
	key := strings.HasSuffix(msg, "looking for beginning of object key string")
	letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	switch {
	case (c == '}' || c == ']') && prev == ',':
		what := "object"
		if c == ']' {
			what = "list"
		}
		return fmt.Sprintf("a \",\" before the %q that closes the %s, which JSON does not allow; remove the comma", string(c), what)
	case c == '\'' && (value || key):
		return `a string in single quotes; JSON quotes strings with double quotes, as in "title"`
	case key && letter:
		w := bareWord(text[at:])
		return fmt.Sprintf("key %s is not in double quotes, as JSON writes every key; write %q", w, w)
	case key:
		return `a key that is not in double quotes; JSON writes every key as a quoted string, as in "title": "Senior"`
	case value && letter:
		w := bareWord(text[at:])
		switch strings.ToLower(w) {
		case "yes", "no", "on", "off", "y", "n", "true", "false":
			return fmt.Sprintf("%s is no JSON value; write true or false for yes or no, or %q in double quotes for text", w, w)
		}
		return fmt.Sprintf("%s is no JSON value; write text in double quotes, as in %q", w, w)
	case strings.HasSuffix(msg, "after object key:value pair"):
		return `a "," is missing before the next key; add it`
	case strings.HasSuffix(msg, "after object key"):
		return `a ":" is missing after the key; add it`
	case strings.HasSuffix(msg, "after array element"):
		return `a "," is missing between two items of the list; add it`
	case strings.HasSuffix(msg, "in string literal"):
		return `a control character, such as a tab or a line break, inside a quoted string, which JSON does not allow; write it as \t or \n`
	}
	return msg
}

// bareWord returns the unquoted word at the start of b: up to white
// space or a byte JSON gives a meaning (",", ":", a bracket, a quote), and
// at most 40 bytes, cut at a rune's start.
func bareWord(b []byte) string {
	n := 0
	for n < len(b) && n < 40 && strings.IndexByte(" \t\r\n,:[]{}\"", b[n]) < 0 {
		n++
	}
	for n > 0 && n < len(b) && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n])
}

// lowerEqual compares a and b lower-cased, as Hugo compares keys.
func lowerEqual(a, b string) bool {
	//lint:ignore SA6005 lower-casing is what Hugo does; EqualFold folds more
	return strings.ToLower(a) == strings.ToLower(b)
}
