package lint

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// urlKeys are the front matter keys that give a page URLs.
var urlKeys = []string{"url", "slug", "aliases"}

// typedKeys are the front matter keys that decide whether Hugo publishes
// a page (publishState), or cascade values to other pages, whose values
// are not plain strings: left to YAML's decoder.
var typedKeys = []string{"draft", "build", "_build", "headless", "cascade"}

// simpleURLFrontMatter reads what a simple YAML front matter body sets
// for url, slug and aliases without YAML's decoder, for the alias scan
// (a body holding a key of typedKeys is left to the decoder; dates are
// kept as the text the decoder gives, see simpleDate): it
// reads the front matter of every page, and decoding the few hundred that
// name one of these keys was most of its time after the system calls. It
// handles only a body of top-level "key: value" lines (bare keys, each
// once) whose values are plain or simply quoted scalars, one-line flow
// sequences of them, or block sequences of them ("- value" lines), with
// blank and comment lines; for anything else it reports false, and the
// body is decoded by YAML's decoder. Where it reports true, the map holds
// the three keys as decoding gives them (FuzzFrontMatter compares the two
// on every input), without positions: the scan needs none.
func simpleURLFrontMatter(body []byte) (*Node, bool) {
	if !yamlPrintable(body) {
		return nil, false
	}
	root := &Node{Kind: MapNode}
	var seen []string
	var pending *Node // the value of a key written without one, taking "- " items
	itemIndent := -1
	for len(body) > 0 {
		var line []byte
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if bytes.ContainsAny(line, "\t\r") {
			return nil, false
		}
		text := bytes.TrimLeft(line, " ")
		indent := len(line) - len(text)
		switch {
		case len(text) == 0 || text[0] == '#':
			continue
		case text[0] == '-':
			if pending == nil || !bytes.HasPrefix(text, []byte("- ")) || itemIndent >= 0 && indent != itemIndent {
				return nil, false
			}
			itemIndent = indent
			v, ok := simpleScalar(string(text[2:]), pending.Key, false)
			if !ok {
				return nil, false
			}
			pending.Kind = ListNode
			pending.Children = append(pending.Children, v)
			continue
		case indent != 0:
			return nil, false
		}
		pending, itemIndent = nil, -1
		colon := bytes.IndexByte(text, ':')
		if colon <= 0 || !isYAMLBareKey(text[:colon]) || colon+1 < len(text) && text[colon+1] != ' ' {
			return nil, false
		}
		if colon > 1000 {
			return nil, false // YAML's decoder takes no key over 1024 characters
		}
		key := string(text[:colon])
		for _, k := range typedKeys {
			if strings.EqualFold(key, k) {
				return nil, false // typed values: left to YAML's decoder
			}
		}
		for _, k := range seen {
			if k == key {
				return nil, false // YAML's decoder refuses it; let it say so
			}
		}
		seen = append(seen, key)
		n := &Node{Key: key}
		value := strings.Trim(string(text[colon+1:]), " ") // YAML's spaces only, not Unicode's
		switch {
		case value == "":
			pending = n // null, or the items that follow
		case value[0] == '[':
			if !strings.HasSuffix(value, "]") {
				return nil, false
			}
			n.Kind = ListNode
			if inner := strings.Trim(value[1:len(value)-1], " "); inner != "" {
				for _, item := range strings.Split(inner, ",") {
					v, ok := simpleScalar(item, key, true)
					if !ok {
						return nil, false
					}
					n.Children = append(n.Children, v)
				}
			}
		default:
			v, ok := simpleScalar(value, key, false)
			if !ok {
				return nil, false
			}
			n = v
			n.Key = key
		}
		for _, k := range urlKeys {
			if strings.EqualFold(key, k) { // Hugo reads keys in any case
				root.Children = append(root.Children, n)
			}
		}
		if IsDateKey(key) {
			if n.Kind != ScalarNode || !simpleDate(n) {
				return nil, false // a number, a null: left to YAML's decoder
			}
			root.Children = append(root.Children, n)
		}
	}
	return root, true
}

// simpleDate reports whether a scalar read by simpleScalar is a date YAML's
// decoder also gives as its text: a quoted string, or a plain one that
// starts with a year and a '-' and holds only what dates hold (a plain
// 20990101 is an integer to the decoder, and null is no string).
func simpleDate(n *Node) bool {
	s, _ := n.Value.(string)
	if !n.PlainYAML {
		return true
	}
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || strings.IndexByte("-:TtZz .+", c) >= 0) || i < 4 && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// simpleScalar reads a scalar written plain, "double-quoted" without
// escapes or '...' without quotes inside, and reports false for any other
// way of writing one (or one whose YAML type may not be a string, for the
// URL keys, which want strings). inFlow is set inside [...].
func simpleScalar(s, key string, inFlow bool) (*Node, bool) {
	s = strings.Trim(s, " ")
	if s == "" {
		return nil, false
	}
	switch q := s[0]; q {
	case '"', '\'':
		inner := s[1:]
		if len(inner) == 0 || inner[len(inner)-1] != q {
			return nil, false
		}
		inner = inner[:len(inner)-1]
		if strings.ContainsRune(inner, rune(q)) || q == '"' && strings.ContainsRune(inner, '\\') {
			return nil, false
		}
		return &Node{Kind: ScalarNode, Value: inner}, true
	}
	// A plain scalar: no indicator first, no comment, no ": " inside, none
	// of the flow punctuation inside [...].
	if strings.ContainsRune("-?:,[]{}#&*!|>%@`", rune(s[0])) || strings.ContainsAny(s, "#\"'") ||
		strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || inFlow && strings.ContainsAny(s, "[]{},?:") {
		return nil, false
	}
	for _, k := range urlKeys {
		if !strings.EqualFold(key, k) {
			continue
		}
		// Only a value that starts with a letter or a slash and is not a
		// word YAML may read as a boolean or null is surely a string.
		c := s[0]
		if !(c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return nil, false
		}
		switch strings.ToLower(s) {
		case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
			return nil, false
		}
	}
	return &Node{Kind: ScalarNode, Value: s, PlainYAML: true}, true
}

// isYAMLBareKey reports whether a key is letters, digits, '_' and '-',
// starting with a letter or '_'.
func isYAMLBareKey(k []byte) bool {
	for i, c := range k {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return len(k) > 0
}

// yamlPrintable reports whether text is valid UTF-8 of the characters
// YAML allows in a document, without the ones it also takes for line
// breaks (U+0085, U+2028, U+2029) or a byte order mark.
func yamlPrintable(text []byte) bool {
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r >= 0x20 && r <= 0x7e:
		case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd && r != 0xfeff, r >= 0x10000 && r <= 0x10ffff:
			if r == 0x2028 || r == 0x2029 {
				return false
			}
		default:
			return false // invalid UTF-8 comes back as U+FFFD of size 1
		}
		if r == utf8.RuneError && size == 1 {
			return false
		}
	}
	return true
}

// HugoString returns a front matter scalar as the text Hugo 0.151 makes of
// it for a URL (url, slug, an alias), where it turns the value into a
// string (cast.ToString): a string as written, except that a word YAML 1.1
// reads as a boolean, written plain in YAML (yes, on, Y, no, off, N; see
// HugoBool), is "true" or "false"; a number in decimal, as the decoder
// reads it (1e3 is 1000, 0x1F is 31, 1.50 is 1.5); a boolean as "true"
// or "false". ok is false for a null, a list or a map.
func HugoString(n *Node) (s string, ok bool) {
	if n == nil || n.Kind != ScalarNode || n.Value == nil {
		return "", false
	}
	switch v := n.Value.(type) {
	case string:
		if b, isBool := YAML11Bool(n); isBool {
			return strconv.FormatBool(b), true
		}
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return n.Text()
}

// YAML11Bool reports whether n is a string written plain in YAML that
// YAML 1.1, which Hugo 0.151 reads front matter with, reads as a boolean
// (yes, Yes, YES, y, Y, on, On, ON and their opposites), and which
// boolean; YAML 1.2, careerlint's decoder, reads it as a string.
func YAML11Bool(n *Node) (value, ok bool) {
	s, isString := n.String()
	if !isString || !n.PlainYAML {
		return false, false
	}
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
		return true, true
	case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return false, true
	}
	return false, false
}
