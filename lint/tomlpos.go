package lint

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// tomlSpan is where a TOML document writes one key and its value.
type tomlSpan struct {
	keyStart, keyEnd int
	valStart, valEnd int
}

// tomlLocator finds where a TOML document writes each of its keys and
// values: TOML's decoder gives none. It reads the text once, as TOML's
// grammar writes it (table headers, dotted and quoted keys, strings of the
// four kinds, arrays and inline tables spanning lines, comments), after the
// decoder has accepted the document; where it meets something it does not
// expect it stops, and the keys it did not reach take their table's
// position.
type tomlLocator struct {
	src []byte
	pos int
	end int
	// spans maps a path of keys (list elements numbered), joined by
	// tomlSep, to where it is written: a table header for a table, the
	// first written key for a table made only through dotted keys.
	spans map[string]tomlSpan
	// order lists each table's keys in the order the text writes them.
	order map[string][]string
	// arrays counts the elements of each array of tables met so far.
	arrays map[string]int
}

const tomlSep = "\x00"

// tomlMaxDepth is how deep keys and values are located: deeper ones take
// their parent's position, so that a pathological nesting (ten thousand
// arrays in arrays) costs linear, not quadratic, time.
const tomlMaxDepth = 32

// locateTOML locates the keys and values of the TOML text src[start:end].
func locateTOML(src []byte, start, end int) *tomlLocator {
	l := &tomlLocator{src: src, pos: start, end: end, spans: map[string]tomlSpan{}, order: map[string][]string{}, arrays: map[string]int{}}
	l.document()
	return l
}

// document reads key/value lines and table headers to the end.
func (l *tomlLocator) document() {
	var table []string // the path of the current table
	for l.pos < l.end {
		l.space()
		if l.pos >= l.end {
			return
		}
		switch c := l.src[l.pos]; {
		case c == '\n' || c == '\r':
			l.pos++
		case c == '#':
			l.skipLine()
		case c == '[':
			t, ok := l.header()
			if !ok {
				return
			}
			table = t
		default:
			if !l.keyValue(table) {
				return
			}
			l.space()
			if l.pos < l.end && l.src[l.pos] == '#' {
				l.skipLine()
			}
		}
	}
}

// header reads "[a.b]" or "[[a.b]]" and returns the table's path.
func (l *tomlLocator) header() ([]string, bool) {
	start := l.pos
	array := l.pos+1 < l.end && l.src[l.pos+1] == '['
	if array {
		l.pos += 2
	} else {
		l.pos++
	}
	keys, spans, ok := l.dottedKey()
	if !ok {
		return nil, false
	}
	l.space()
	closing := "]"
	if array {
		closing = "]]"
	}
	if !strings.HasPrefix(string(l.src[l.pos:min(l.pos+2, l.end)]), closing) {
		return nil, false
	}
	l.pos += len(closing)
	// The parents of the table, then the table itself; an array of tables
	// gets a new element, numbered.
	var path []string
	for i, k := range keys {
		path = l.child(path, k, tomlSpan{spans[i].keyStart, spans[i].keyEnd, start, l.pos})
		if n, isArray := l.arrays[strings.Join(path, tomlSep)]; isArray && i < len(keys)-1 {
			path = append(path, strconv.Itoa(n-1)) // the latest element
		}
	}
	if array {
		p := strings.Join(path, tomlSep)
		n := l.arrays[p]
		l.arrays[p] = n + 1
		path = l.child(path, strconv.Itoa(n), tomlSpan{start, l.pos, start, l.pos})
	}
	return path, true
}

// child records a key of the table at path (in written order, where first
// written) and returns the key's path.
func (l *tomlLocator) child(path []string, key string, at tomlSpan) []string {
	parent := strings.Join(path, tomlSep)
	out := append(append([]string{}, path...), key)
	p := strings.Join(out, tomlSep)
	if _, seen := l.spans[p]; !seen {
		l.spans[p] = at
		l.order[parent] = append(l.order[parent], key)
	}
	return out
}

// keyValue reads "key = value" into the table at path.
func (l *tomlLocator) keyValue(table []string) bool {
	keys, spans, ok := l.dottedKey()
	if !ok || len(keys) == 0 {
		return false
	}
	l.space()
	if l.pos >= l.end || l.src[l.pos] != '=' {
		return false
	}
	l.pos++
	l.space()
	path := table
	for i, k := range keys[:len(keys)-1] {
		path = l.child(path, k, tomlSpan{spans[i].keyStart, spans[i].keyEnd, spans[i].keyStart, spans[i].keyEnd})
	}
	last := spans[len(spans)-1]
	path = append(append([]string{}, path...), keys[len(keys)-1])
	vs := l.pos
	if !l.value(path) {
		return false
	}
	p := strings.Join(path, tomlSep)
	if _, seen := l.spans[p]; !seen {
		parent := strings.Join(path[:len(path)-1], tomlSep)
		l.order[parent] = append(l.order[parent], keys[len(keys)-1])
	}
	l.spans[p] = tomlSpan{last.keyStart, last.keyEnd, vs, l.pos}
	// A table made by dotted keys spans, like its first key, what its
	// keys' lines cover so far.
	for i := len(keys) - 2; i >= 0; i-- {
		q := strings.Join(path[:len(path)-(len(keys)-1-i)], tomlSep)
		s := l.spans[q]
		s.valEnd = max(s.valEnd, l.pos)
		l.spans[q] = s
	}
	return true
}

// dottedKey reads a key of bare and quoted parts joined by dots.
func (l *tomlLocator) dottedKey() (keys []string, spans []tomlSpan, ok bool) {
	for {
		l.space()
		start := l.pos
		k, ok := l.simpleKey()
		if !ok {
			return nil, nil, false
		}
		keys = append(keys, k)
		spans = append(spans, tomlSpan{keyStart: start, keyEnd: l.pos})
		if len(keys) > tomlMaxDepth {
			return nil, nil, false
		}
		l.space()
		if l.pos < l.end && l.src[l.pos] == '.' {
			l.pos++
			continue
		}
		return keys, spans, true
	}
}

// simpleKey reads a bare key or a quoted one and returns its name.
func (l *tomlLocator) simpleKey() (string, bool) {
	if l.pos >= l.end {
		return "", false
	}
	switch l.src[l.pos] {
	case '"':
		return l.basicString()
	case '\'':
		start := l.pos + 1
		i := start
		for i < l.end && l.src[i] != '\'' && l.src[i] != '\n' {
			i++
		}
		if i >= l.end || l.src[i] != '\'' {
			return "", false
		}
		l.pos = i + 1
		return string(l.src[start:i]), true
	}
	start := l.pos
	for l.pos < l.end && isBareKeyByte(l.src[l.pos]) {
		l.pos++
	}
	return string(l.src[start:l.pos]), l.pos > start
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads one value; arrays and inline tables record their elements
// and keys under path.
func (l *tomlLocator) value(path []string) bool {
	if l.pos >= l.end {
		return false
	}
	switch c := l.src[l.pos]; {
	case strings.HasPrefix(string(l.src[l.pos:min(l.pos+3, l.end)]), `"""`):
		return l.multiline(`"""`)
	case strings.HasPrefix(string(l.src[l.pos:min(l.pos+3, l.end)]), `'''`):
		return l.multiline(`'''`)
	case c == '"':
		_, ok := l.basicString()
		return ok
	case c == '\'':
		_, ok := l.simpleKey() // a literal string reads as a literal key does
		return ok
	case c == '[':
		return l.array(path)
	case c == '{':
		return l.inlineTable(path)
	}
	// A number, boolean or date-time: up to a space, a comma, a closing
	// bracket, a comment or the line's end; a date may be followed by a
	// space and its time.
	start := l.pos
	for l.pos < l.end && !strings.ContainsRune(" \t\r\n,]}#", rune(l.src[l.pos])) {
		l.pos++
	}
	if l.pos-start == 10 && l.src[start+4] == '-' && l.pos+1 < l.end && l.src[l.pos] == ' ' && l.src[l.pos+1] >= '0' && l.src[l.pos+1] <= '9' {
		l.pos++
		for l.pos < l.end && !strings.ContainsRune(" \t\r\n,]}#", rune(l.src[l.pos])) {
			l.pos++
		}
	}
	return l.pos > start
}

// basicString reads a "..." string and returns its decoded text.
func (l *tomlLocator) basicString() (string, bool) {
	var b strings.Builder
	i := l.pos + 1
	for i < l.end {
		c := l.src[i]
		switch {
		case c == '"':
			l.pos = i + 1
			return b.String(), true
		case c == '\n':
			return "", false
		case c == '\\' && i+1 < l.end:
			n, size := tomlEscape(l.src[i+1 : l.end])
			if size == 0 {
				return "", false
			}
			b.WriteString(n)
			i += 1 + size
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", false
}

// tomlEscape decodes the escape after a backslash and returns its text and
// how many bytes it took (0: not an escape TOML knows).
func tomlEscape(s []byte) (string, int) {
	if len(s) == 0 {
		return "", 0
	}
	switch s[0] {
	case 'b':
		return "\b", 1
	case 't':
		return "\t", 1
	case 'n':
		return "\n", 1
	case 'f':
		return "\f", 1
	case 'r':
		return "\r", 1
	case 'e':
		return "\x1b", 1
	case '"':
		return `"`, 1
	case '\\':
		return `\`, 1
	case 'x', 'u', 'U':
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[0]]
		if len(s) < 1+n {
			return "", 0
		}
		v, err := strconv.ParseUint(string(s[1:1+n]), 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return "", 0
		}
		return string(rune(v)), 1 + n
	}
	return "", 0
}

// multiline reads a """...""" or ”'...”' string. Up to two more quotes
// may close it: they belong to the text.
func (l *tomlLocator) multiline(delim string) bool {
	i := l.pos + 3
	for i < l.end {
		if delim[0] == '"' && l.src[i] == '\\' {
			i += 2
			continue
		}
		if strings.HasPrefix(string(l.src[i:min(i+3, l.end)]), delim) {
			i += 3
			for k := 0; k < 2 && i < l.end && l.src[i] == delim[0]; k++ {
				i++
			}
			l.pos = i
			return true
		}
		i++
	}
	return false
}

// array reads [a, b, ...], recording each element under path.
func (l *tomlLocator) array(path []string) bool {
	n := 0
	return l.items(path, ']', func() bool {
		elem := append(append([]string{}, path...), strconv.Itoa(n))
		start := l.pos
		if !l.value(elem) {
			return false
		}
		l.spans[strings.Join(elem, tomlSep)] = tomlSpan{valStart: start, valEnd: l.pos}
		n++
		return true
	})
}

// inlineTable reads {k = v, ...}, recording its keys under path.
func (l *tomlLocator) inlineTable(path []string) bool {
	return l.items(path, '}', func() bool { return l.keyValue(path) })
}

// items reads the items of an array or inline table, separated by commas
// and blanks (line ends and comments too), up to the closing byte, each
// with item. Below tomlMaxDepth the container is skipped unread.
func (l *tomlLocator) items(path []string, closing byte, item func() bool) bool {
	if len(path) >= tomlMaxDepth {
		return l.skip()
	}
	l.pos++ // [ or {
	for {
		l.blank()
		if l.pos >= l.end {
			return false
		}
		if l.src[l.pos] == closing {
			l.pos++
			return true
		}
		if !item() {
			return false
		}
		l.blank()
		if l.pos < l.end && l.src[l.pos] == ',' {
			l.pos++
		}
	}
}

// skip reads past an array or inline table without locating what it
// holds.
func (l *tomlLocator) skip() bool {
	depth := 0
	for l.pos < l.end {
		switch c := l.src[l.pos]; c {
		case '"', '\'':
			if !l.value(nil) { // a string: nothing to record
				return false
			}
			continue
		case '#':
			l.skipLine()
			continue
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
		l.pos++
		if depth == 0 {
			return true
		}
	}
	return false
}

// space skips spaces and tabs.
func (l *tomlLocator) space() {
	for l.pos < l.end && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t') {
		l.pos++
	}
}

// blank skips spaces, tabs, line ends and comments (inside an array or
// an inline table).
func (l *tomlLocator) blank() {
	for l.pos < l.end {
		switch l.src[l.pos] {
		case ' ', '\t', '\r', '\n':
			l.pos++
		case '#':
			l.skipLine()
		default:
			return
		}
	}
}

// skipLine skips to the end of the line, the line end excluded.
func (l *tomlLocator) skipLine() {
	for l.pos < l.end && l.src[l.pos] != '\n' {
		l.pos++
	}
}

// node builds the Node of the decoded value v at path: where the text
// writes it, or at fallback (its table's position) where it was not
// located. A table's keys come in written order, then, sorted, any the
// locator did not reach.
func (l *tomlLocator) node(v any, path []string, fallback int) *Node {
	n := &Node{Start: fallback, End: fallback}
	if len(path) > tomlMaxDepth {
		return l.unlocated(v, fallback)
	}
	if s, ok := l.spans[strings.Join(path, tomlSep)]; ok {
		n.Start, n.End = s.valStart, s.valEnd
	}
	child := func(v any, key string) *Node {
		p := append(append([]string{}, path...), key)
		c := l.node(v, p, n.Start)
		c.KeyStart, c.KeyEnd = n.Start, n.Start
		if s, ok := l.spans[strings.Join(p, tomlSep)]; ok {
			c.KeyStart, c.KeyEnd = s.keyStart, s.keyEnd
		}
		return c
	}
	switch t := v.(type) {
	case map[string]any:
		n.Kind = MapNode
		var names []string
		seen := make(map[string]bool, len(t))
		for _, k := range l.order[strings.Join(path, tomlSep)] {
			if _, ok := t[k]; ok && !seen[k] {
				names = append(names, k)
				seen[k] = true
			}
		}
		var rest []string
		for k := range t {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest) // never in map order: the output must not vary
		for _, k := range append(names, rest...) {
			c := child(t[k], k)
			c.Key = k
			n.Children = append(n.Children, c)
		}
	case []map[string]any, []any:
		n.Kind = ListNode
		elems, _ := t.([]any)
		if tables, ok := t.([]map[string]any); ok {
			for _, e := range tables {
				elems = append(elems, e)
			}
		}
		for i, e := range elems {
			c := child(e, strconv.Itoa(i))
			c.KeyStart, c.KeyEnd = 0, 0
			n.Children = append(n.Children, c)
		}
	case time.Time:
		n.Value = t.Format(time.RFC3339)
	case int64, float64, bool, string:
		n.Value = t
	default:
		n.Value = fmt.Sprint(t)
	}
	return n
}

// unlocated builds the Node of a value nested deeper than tomlMaxDepth,
// every part of it at fallback, map keys sorted.
func (l *tomlLocator) unlocated(v any, fallback int) *Node {
	return (&tomlLocator{}).node(v, nil, fallback)
}

// tomlMaxNesting is how deep TOML front matter may nest tables, arrays
// and dotted keys: TOML's decoder takes quadratic time on deep inline
// tables and long dotted keys (5,000 levels: seconds), and no front matter
// needs more than a few.
const tomlMaxNesting = 128

// tomlTooDeep returns the offset in body where the nesting of arrays and
// inline tables, or the dots of one key, first go past tomlMaxNesting, and
// whether they do. Strings and comments are skipped.
func tomlTooDeep(body []byte) (int, bool) {
	depth, dots := 0, 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case '"', '\'':
			i = tomlStringEnd(body, i) - 1
		case '#':
			for i < len(body) && body[i] != '\n' {
				i++
			}
			dots = 0
		case '[', '{':
			depth++
			dots = 0
			if depth > tomlMaxNesting {
				return i, true
			}
		case ']', '}':
			depth--
		case '.':
			dots++
			if dots > tomlMaxNesting {
				return i, true
			}
		case '=', ',', '\n':
			dots = 0
		}
	}
	return 0, false
}

// tomlStringEnd returns the offset just past the string that starts at
// body[i] (a quote), of any of TOML's four kinds; an unclosed string ends
// with its line (or the text, for a multi-line one).
func tomlStringEnd(body []byte, i int) int {
	q := body[i]
	multi := i+2 < len(body) && body[i+1] == q && body[i+2] == q
	j := i + 1
	if multi {
		j = i + 3
	}
	for j < len(body) {
		switch c := body[j]; {
		case c == '\\' && q == '"':
			j += 2
			continue
		case c == '\n' && !multi:
			return j
		case c == q && !multi:
			return j + 1
		case c == q && j+2 < len(body) && body[j+1] == q && body[j+2] == q:
			return j + 3
		}
		j++
	}
	return len(body)
}
