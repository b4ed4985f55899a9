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

// tomlEntry names one entry of a table (or element of an array, by its
// index): the id of its table and its name.
type tomlEntry struct {
	parent int
	name   string
}

// tomlLocator finds where a TOML document writes each of its keys and
// values: TOML's decoder gives none. It reads the text once, as TOML's
// grammar writes it (table headers, dotted and quoted keys, strings of the
// four kinds, arrays and inline tables spanning lines, comments), after the
// decoder has accepted the document; where it meets something it does not
// expect it stops, and the keys it did not reach take their table's
// position. Entries are numbered as first met (the root table is 0), so
// that each key costs one lookup whatever its depth.
type tomlLocator struct {
	src []byte
	pos int
	end int
	// ids numbers the entries; spans holds where each is written: a
	// table's header, or its first key for a table made by dotted keys
	// (spanning the lines of its keys so far), a key and its value.
	ids   map[tomlEntry]int
	spans map[int]tomlSpan
	// order lists each table's keys in the order the text writes them.
	order map[int][]string
	// elems holds each inline array's elements, in order.
	elems map[int][]tomlElem
	// arrays counts the elements of each array of tables met so far;
	// dotted marks the tables a dotted key made.
	arrays map[int]int
	dotted map[int]bool
	// last is the last id given.
	last int
}

// tomlElem is one element of an inline array: where it is written and,
// for an array or inline table, the id its entries are numbered under
// (-1 for a scalar).
type tomlElem struct {
	span tomlSpan
	id   int
}

// locateTOML locates the keys and values of the TOML text src[start:end].
func locateTOML(src []byte, start, end int) *tomlLocator {
	l := &tomlLocator{src: src, pos: start, end: end, ids: map[tomlEntry]int{}, spans: map[int]tomlSpan{}, order: map[int][]string{},
		elems: map[int][]tomlElem{}, arrays: map[int]int{}, dotted: map[int]bool{}}
	if strings.HasPrefix(string(src[start:min(start+3, end)]), "\uFEFF") {
		l.pos += 3 // a byte order mark, which TOML's decoder skips
	}
	l.document()
	return l
}

// entry returns the id of the named entry of a table, numbering it (and
// listing it in its table's order, written at at) when first met.
func (l *tomlLocator) entry(parent int, name string, at tomlSpan) int {
	e := tomlEntry{parent, name}
	if id, ok := l.ids[e]; ok {
		return id
	}
	l.last++
	id := l.last
	l.ids[e] = id
	l.spans[id] = at
	l.order[parent] = append(l.order[parent], name)
	return id
}

// lookup returns the id of a located entry, or -1.
func (l *tomlLocator) lookup(parent int, name string) int {
	if parent < 0 {
		return -1
	}
	if id, ok := l.ids[tomlEntry{parent, name}]; ok {
		return id
	}
	return -1
}

// document reads key/value lines and table headers to the end.
func (l *tomlLocator) document() {
	table := 0 // the current table
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

// header reads "[a.b]" or "[[a.b]]" and returns the table's id.
func (l *tomlLocator) header() (int, bool) {
	start := l.pos
	array := l.pos+1 < l.end && l.src[l.pos+1] == '['
	if array {
		l.pos += 2
	} else {
		l.pos++
	}
	keys, spans, ok := l.dottedKey()
	if !ok {
		return 0, false
	}
	l.space()
	closing := "]"
	if array {
		closing = "]]"
	}
	if !strings.HasPrefix(string(l.src[l.pos:min(l.pos+2, l.end)]), closing) {
		return 0, false
	}
	l.pos += len(closing)
	// The parents of the table, in the latest element of an array of
	// tables, then the table itself; an array of tables gets a new
	// element, numbered.
	cur := 0
	for i, k := range keys {
		at := tomlSpan{spans[i].keyStart, spans[i].keyEnd, start, l.pos}
		cur = l.entry(cur, k, at) // where first named, perhaps by a sub-table
		if n, isArray := l.arrays[cur]; isArray && i < len(keys)-1 {
			cur = l.entry(cur, strconv.Itoa(n-1), at)
		}
	}
	if array {
		n := l.arrays[cur]
		l.arrays[cur] = n + 1
		cur = l.entry(cur, strconv.Itoa(n), tomlSpan{start, l.pos, start, l.pos})
	}
	return cur, true
}

// keyValue reads "key = value" into the table of id table.
func (l *tomlLocator) keyValue(table int) bool {
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
	cur := table
	var dotted []int // the tables the dotted key passes through
	for i, k := range keys[:len(keys)-1] {
		_, seen := l.ids[tomlEntry{cur, k}]
		cur = l.entry(cur, k, tomlSpan{spans[i].keyStart, spans[i].keyEnd, spans[i].keyStart, spans[i].keyEnd})
		if !seen {
			l.dotted[cur] = true
		}
		dotted = append(dotted, cur)
	}
	last := spans[len(spans)-1]
	_, seen := l.ids[tomlEntry{cur, keys[len(keys)-1]}]
	id := l.entry(cur, keys[len(keys)-1], tomlSpan{last.keyStart, last.keyEnd, l.pos, l.pos})
	vs := l.pos
	if !l.value(id) {
		return false
	}
	if !seen {
		// A key written twice (TOML's decoder lets some of those pass)
		// keeps its first place.
		l.spans[id] = tomlSpan{last.keyStart, last.keyEnd, vs, l.pos}
	}
	// A table made by dotted keys spans, like its first key, what its
	// keys' lines cover so far.
	for _, d := range dotted {
		if l.dotted[d] {
			s := l.spans[d]
			s.valEnd = max(s.valEnd, l.pos)
			l.spans[d] = s
		}
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
// and keys under the entry id.
func (l *tomlLocator) value(id int) bool {
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
		return l.array(id)
	case c == '{':
		return l.inlineTable(id)
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

// multiline reads a """...""" or ”'...”' string. The quotes that
// run on after the closing three belong to the text (TOML allows two;
// TOML's decoder takes any number).
func (l *tomlLocator) multiline(delim string) bool {
	end := tomlStringEnd(l.src[:l.end], l.pos)
	if end > l.end || !strings.HasSuffix(string(l.src[l.pos:end]), delim) || end-l.pos < 6 {
		return false
	}
	l.pos = end
	return true
}

// array reads [a, b, ...], recording each element's span, and the
// entries of the arrays and inline tables among them under their index.
func (l *tomlLocator) array(id int) bool {
	var elems []tomlElem
	ok := l.items(']', func() bool {
		start := l.pos
		elem := -1
		if c := l.src[l.pos]; c == '[' || c == '{' {
			l.last++
			elem = l.last
		}
		if !l.value(elem) {
			return false
		}
		elems = append(elems, tomlElem{tomlSpan{valStart: start, valEnd: l.pos}, elem})
		return true
	})
	l.elems[id] = elems
	return ok
}

// inlineTable reads {k = v, ...}, recording its keys under id.
func (l *tomlLocator) inlineTable(id int) bool {
	return l.items('}', func() bool { return l.keyValue(id) })
}

// items reads the items of an array or inline table, separated by commas
// and blanks (line ends and comments too), up to the closing byte, each
// with item.
func (l *tomlLocator) items(closing byte, item func() bool) bool {
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

// node builds the Node of the decoded value v of entry id (-1: not
// located): where the text writes it, or at fallback (its table's
// position). A table's keys come in written order, then, sorted, any the
// locator did not reach.
func (l *tomlLocator) node(v any, id int, fallback int) *Node {
	n := &Node{Start: fallback, End: fallback}
	if s, ok := l.spans[id]; ok && id > 0 {
		n.Start, n.End = s.valStart, s.valEnd
	}
	child := func(v any, name string) *Node {
		cid := l.lookup(id, name)
		c := l.node(v, cid, n.Start)
		c.KeyStart, c.KeyEnd = n.Start, n.Start
		if s, ok := l.spans[cid]; ok && cid > 0 {
			c.KeyStart, c.KeyEnd = s.keyStart, s.keyEnd
		}
		return c
	}
	switch t := v.(type) {
	case map[string]any:
		n.Kind = MapNode
		var names []string
		seen := make(map[string]bool, len(t))
		if id >= 0 {
			for _, k := range l.order[id] {
				if _, ok := t[k]; ok && !seen[k] {
					names = append(names, k)
					seen[k] = true
				}
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
		var written []tomlElem // an inline array's; an array of tables has none
		if id > 0 {
			written = l.elems[id]
		}
		for i, e := range elems {
			var c *Node
			if i < len(written) {
				c = l.node(e, written[i].id, n.Start)
				c.Start, c.End = written[i].span.valStart, written[i].span.valEnd
			} else {
				c = child(e, strconv.Itoa(i))
			}
			c.KeyStart, c.KeyEnd = 0, 0
			n.Children = append(n.Children, c)
		}
	case time.Time:
		switch t.Location().String() {
		case "time-local":
			// A TOML local time (10:00:00) has no date: kept as written,
			// so that it reads as no date (Hugo fails the build on it).
			n.Value = t.Format("15:04:05.999999999")
		case "datetime-local", "date-local":
			// No zone: the TOML library gives the machine's, Hugo its
			// configured one (UTC by default); kept without one.
			n.Value = t.Format("2006-01-02T15:04:05.999999999")
		default:
			n.Value = t.Format(time.RFC3339Nano)
		}
	case int64, float64, bool, string:
		n.Value = t
	default:
		n.Value = fmt.Sprint(t)
	}
	return n
}

// tomlMaxNesting is how deep TOML front matter may nest tables, arrays
// and dotted keys: TOML's decoder takes time quadratic in the depth of
// each line (about 4 s a megabyte of 120-part dotted keys), and no front
// matter needs more than a few levels.
const tomlMaxNesting = 32

// tomlTooDeep returns the offset in body where the nesting of tables,
// arrays, inline tables and dotted keys first goes past tomlMaxNesting,
// and whether it does. Levels count as written: the parts of a [table]
// header, for the keys under it too; each open array or inline table, as
// many as the parts of the key it is the value of (one for an element of
// an array); the parts of the key being read. Dots in values (1.5) do not
// count; strings and comments are skipped.
func tomlTooDeep(body []byte) (int, bool) {
	var open []int   // the levels each open array or inline table counts
	var keyed []bool // whether each holds keys (an inline table)
	table, depth, dots, keyDots := 0, 0, 0, 0
	lineStart, header, inKey := true, false, true
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch c {
		case '"', '\'':
			i = tomlStringEnd(body, i) - 1
		case '#':
			for i+1 < len(body) && body[i+1] != '\n' {
				i++
			}
		case '[', '{':
			n := 1 + keyDots
			if c == '[' && (lineStart && len(open) == 0 || header) {
				header, table, n = true, 0, 0 // a table header's brackets
			}
			open, keyed = append(open, n), append(keyed, c == '{')
			depth += n
			dots, keyDots = 0, 0
			inKey = header || c == '{'
			if table+depth > tomlMaxNesting {
				return i, true
			}
		case ']', '}':
			if len(open) > 0 {
				depth -= open[len(open)-1]
				open, keyed = open[:len(open)-1], keyed[:len(keyed)-1]
			}
			if header && len(open) == 0 {
				header, table = false, dots+1
			}
			if !header {
				dots, keyDots, inKey = 0, 0, false
			}
		case '.':
			if !inKey {
				break
			}
			dots++
			if table+depth+dots+1 > tomlMaxNesting {
				return i, true
			}
		case '=':
			keyDots, dots, inKey = dots, 0, false
		case ',':
			dots, keyDots = 0, 0
			inKey = len(keyed) > 0 && keyed[len(keyed)-1]
		case '\n':
			dots, keyDots = 0, 0
			if len(open) == 0 {
				inKey = true
			}
		}
		switch c {
		case ' ', '\t', '\r':
		case '\n':
			lineStart = true
		default:
			lineStart = false
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
			// The closing three, and any quotes running on: those are
			// text (TOML allows two; TOML's decoder takes any number).
			j += 3
			for j < len(body) && body[j] == q {
				j++
			}
			return j
		}
		j++
	}
	return len(body)
}
