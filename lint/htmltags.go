package lint

import (
	"html"
	"strings"
)

// htmlAttr is one attribute of a raw HTML start tag.
type htmlAttr struct {
	// Name is lower-cased; Value has its character references decoded, as
	// a browser reads it.
	Name, Value string
	// ValueStart and ValueEnd are the offsets of the value as written,
	// quotes excluded, in the scanned text; both are -1 for an attribute
	// without a value. Quoted tells whether quotes surround it.
	ValueStart, ValueEnd int
	Quoted               bool
}

// scanHTMLStartTags calls fn with the lower-cased name, the attributes and
// the start offset of each start tag in a piece of raw HTML, the way a
// browser's tokenizer finds them: nothing inside a comment (<!-- -->), a
// declaration (<!...>), a processing instruction (<?...>), an end tag, or
// the text of a script, style or other raw-text element (rawTextElements)
// counts, and attribute values may be
// double-quoted, single-quoted or unquoted. A '<' that starts none of these
// is text.
func scanHTMLStartTags(s string, fn func(name string, attrs []htmlAttr, start int)) {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!-->"):
			i += 5 // an empty comment, as browsers read it
		case strings.HasPrefix(rest, "<!--->"):
			i += 6
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return
			}
			i += 4 + end + 3
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?") || strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return
			}
			i += end + 1
		case len(rest) > 1 && isASCIILetter(rest[1]):
			name, attrs, next := readStartTag(s, i)
			fn(name, attrs, i)
			i = next
			if rawTextElements[name] {
				// Their text is not HTML (or, for a template, not in the
				// document): skip to the end tag.
				end := indexFold(s[i:], "</"+name)
				if end < 0 {
					return
				}
				i += end
			}
		default:
			i++
		}
	}
}

// indexFold is strings.Index for a lower-case ASCII word starting with a
// non-letter, matching it in any case, without lower-casing s.
func indexFold(s, word string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], word[0])
		if j < 0 {
			return -1
		}
		at := i + j
		if len(s)-at >= len(word) && strings.EqualFold(s[at:at+len(word)], word) {
			return at
		}
		i = at + 1
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// readStartTag reads the start tag at s[i] == '<' (a letter follows) and
// returns its lower-cased name, its attributes and the offset past it (past
// its '>', or the end of s for a tag left open).
func readStartTag(s string, i int) (string, []htmlAttr, int) {
	p := i + 1
	for p < len(s) && !isHTMLSpace(s[p]) && s[p] != '/' && s[p] != '>' {
		p++
	}
	name := strings.ToLower(s[i+1 : p])
	var attrs []htmlAttr
	for p < len(s) {
		for p < len(s) && (isHTMLSpace(s[p]) || s[p] == '/') {
			p++
		}
		if p >= len(s) {
			break
		}
		if s[p] == '>' {
			return name, attrs, p + 1
		}
		// An attribute name runs to a space, '/', '>' or '=' (a leading
		// '=' belongs to the name).
		ns := p
		p++
		for p < len(s) && !isHTMLSpace(s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '=' {
			p++
		}
		a := htmlAttr{Name: strings.ToLower(s[ns:p]), ValueStart: -1, ValueEnd: -1}
		q := p
		for q < len(s) && isHTMLSpace(s[q]) {
			q++
		}
		if q < len(s) && s[q] == '=' {
			q++
			for q < len(s) && isHTMLSpace(s[q]) {
				q++
			}
			switch {
			case q < len(s) && (s[q] == '"' || s[q] == '\''):
				end := strings.IndexByte(s[q+1:], s[q])
				if end < 0 {
					end = len(s) - q - 1
				}
				a.ValueStart, a.ValueEnd, a.Quoted = q+1, q+1+end, true
				p = min(q+1+end+1, len(s))
			default:
				vs := q
				for q < len(s) && !isHTMLSpace(s[q]) && s[q] != '>' {
					q++
				}
				a.ValueStart, a.ValueEnd = vs, q
				p = q
			}
			a.Value = unescapeAttr(s[a.ValueStart:a.ValueEnd])
		}
		attrs = append(attrs, a)
	}
	return name, attrs, len(s)
}

// rawTextStart returns the lower-cased name of the raw-text element
// (rawTextElements) whose start tag begins s, a piece of inline raw HTML,
// and whose end tag s does not hold; else "".
func rawTextStart(s string) string {
	name := ""
	scanHTMLStartTags(s, func(n string, _ []htmlAttr, start int) {
		if start == 0 {
			name = n
		}
	})
	if !rawTextElements[name] || indexFold(s, "</"+name) >= 0 {
		return ""
	}
	return name
}

// endTagOf reports whether s, a piece of inline raw HTML, is an end tag
// of the element name ("</textarea>", in any case).
func endTagOf(s, name string) bool {
	if len(s) < len(name)+3 || s[:2] != "</" || !strings.EqualFold(s[2:2+len(name)], name) {
		return false
	}
	c := s[2+len(name)]
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// rawTextElements are the elements whose text a browser does not read as
// markup (script, style, textarea, title, xmp, iframe, noembed, noframes,
// and noscript where scripts run), and template, whose content is kept out
// of the document: an id written inside one is no anchor.
var rawTextElements = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "template": true,
}

// maxEntityName is the length of the longest name of a character
// reference HTML defines ("CounterClockwiseContourIntegral", 31 bytes),
// rounded up.
const maxEntityName = 32

// unescapeAttr decodes the character references of an attribute value as a
// browser does: as html.UnescapeString, except that a named reference
// without its ";" followed by a letter, digit or "=" stays as written
// (in an attribute, "&notx" is "&notx", not "¬x").
func unescapeAttr(v string) string {
	if strings.IndexByte(v, '&') < 0 {
		return v
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(v); i++ {
		if v[i] != '&' {
			continue
		}
		j := i + 1
		for j < len(v) && (isASCIILetter(v[j]) || v[j] >= '0' && v[j] <= '9') {
			j++
		}
		if j == i+1 {
			continue // numeric, or no name: decoded as usual
		}
		if j < len(v) && v[j] == ';' && !strings.HasSuffix(html.UnescapeString(v[i:j+1]), ";") {
			continue // a whole name closed by ";": decoded as usual
		}
		// The longest name html knows that starts the run: one it decodes
		// whole, leaving no letter or digit of the run. No name is longer
		// than 32 bytes: a longer run is searched from there, in time
		// bounded whatever its length.
		k := min(j, i+1+maxEntityName)
		for ; k > i+1; k-- {
			if d := html.UnescapeString(v[i:k]); d != v[i:k] && !strings.ContainsFunc(d, func(r rune) bool { return r < 0x80 && (isASCIILetter(byte(r)) || r >= '0' && r <= '9') }) {
				break
			}
		}
		if k > i+1 && (k < j || j < len(v) && v[j] == '=') {
			b.WriteString(html.UnescapeString(v[last:i]))
			b.WriteString(v[i:j]) // kept as written
			last = j
		}
		i = j - 1
	}
	b.WriteString(html.UnescapeString(v[last:]))
	return b.String()
}
