package anchor

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// IDType names the way Hugo turns a heading's text into an ID, as set by
// markup.goldmark.parser.autoIDType (autoHeadingIDType before Hugo
// 0.144). The zero value is [GitHub], Hugo's default; a value Hugo does
// not know is read as GitHub too, as Hugo reads it.
type IDType string

// The ID types of Hugo 0.151.
const (
	// GitHub keeps letters, digits and '_' (lower-cased), makes each space
	// and '-' a '-' and drops everything else: see [Slug].
	GitHub IDType = "github"
	// GitHubASCII is GitHub after accents are taken off (é gives e), with
	// every character outside ASCII dropped.
	GitHubASCII IDType = "github-ascii"
	// Blackfriday keeps runs of letters and numbers (lower-cased), joined
	// by one '-' wherever anything else separates them; nothing else is
	// kept, so an ID neither starts nor ends with '-'.
	Blackfriday IDType = "blackfriday"
)

// Slug turns a heading's text (see [Text]) into an ID candidate the way
// Hugo's ID type t does. An empty result becomes "heading", whatever the
// type.
func (t IDType) Slug(text string) string {
	var s string
	switch t {
	case GitHubASCII:
		s = asciiPart(strings.TrimSpace(removeAccents(text)))
	case Blackfriday:
		s = blackfridayPart(text)
	default:
		s = SlugPart(strings.TrimSpace(text))
	}
	if s == "" {
		return "heading"
	}
	return s
}

// SlugPart maps a piece of a heading's text the way [IDType.Slug] does,
// without trimming it and without the "heading" fallback: the known part
// of an ID whose heading holds text careerlint cannot see. For
// [Blackfriday], whose separators depend on the text around them, the
// part holds no '-' at either end: the part of a text's start is a
// prefix of the ID, the part of its end a suffix.
func (t IDType) SlugPart(text string) string {
	switch t {
	case GitHubASCII:
		return asciiPart(removeAccents(text))
	case Blackfriday:
		return blackfridayPart(text)
	}
	return SlugPart(text)
}

// removeAccents decomposes s, drops the combining marks (Unicode category
// Mn) and composes what is left, as Hugo does before its github-ascii IDs:
// "Café" gives "Cafe", "İ" gives "I"; a character whose decomposition is
// only a compatibility one ("ﬁ", "ǅ") is kept as it is.
func removeAccents(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			out, _, err := transform.String(t, s)
			if err != nil {
				return s
			}
			return out
		}
	}
	return s // ASCII has no accents
}

// asciiPart is SlugPart keeping ASCII characters only.
func asciiPart(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == ' ' || c == '-':
			b.WriteByte('-')
		case c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// blackfridayPart maps text the way Blackfriday named its anchors: each
// letter or number (unicode.IsNumber, so "½" and "²" count) lower-cased,
// one '-' between two runs of them wherever anything else came between.
func blackfridayPart(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	dash := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	return b.String()
}
