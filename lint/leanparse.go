package lint

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gitlab.com/careerlint/careerlint/lint/anchor"
)

// leanMarkdown is markdown with one more inline parser, plainSkipper, for
// lean parses (ParseOptions.DropAST): the paragraphs whose text cannot hold
// a link, an anchor or a directive are not parsed into inlines. Every
// other block, and every paragraph that may hold one, parses exactly as
// with markdown, so a lean parse finds the same links, headings, HTML
// anchors and directives (TestLeanParseSameIndexes, FuzzParsePage).
var leanMarkdown = func() goldmark.Markdown {
	md := anchor.NewMarkdown()
	// Priority 0 puts it before goldmark's parsers on the same trigger
	// (linkify's is 999): lower runs first.
	md.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(plainSkipper{}, 0)))
	return md
}()

// plainSkipKey keeps, for one parse, the last block plainSkipper decided
// to leave to goldmark; anchorsOnlyKey is set for a parse that needs only
// a page's anchors (a link target's).
var (
	plainSkipKey   = parser.NewContextKey()
	anchorsOnlyKey = parser.NewContextKey()
	// includesKey holds the sorted offsets of the page's include
	// shortcodes: a paragraph holding one is parsed, so that a code span
	// around it is seen (includeContext).
	includesKey = parser.NewContextKey()
)

// parseLean parses masked text for a lean parse; anchorsOnly skips every
// paragraph that cannot hold raw HTML or a footnote reference, for a page
// read only for its anchors.
func parseLean(masked []byte, anchorsOnly bool, includes []int) ast.Node {
	var opts []parser.ParseOption
	if anchorsOnly || len(includes) > 0 {
		pc := parser.NewContext()
		if anchorsOnly {
			pc.Set(anchorsOnlyKey, true)
		}
		if len(includes) > 0 {
			pc.Set(includesKey, includes)
		}
		opts = append(opts, parser.WithContext(pc))
	}
	return leanMarkdown.Parser().Parse(text.NewReader(masked), opts...)
}

// plainSkipper is an inline parser that consumes, at its first space, a
// paragraph (or the text block of a tight list item) whose lines contain
// nothing that can start a link, an image, an autolink, raw HTML or a
// bare URL or e-mail address that linkify turns into a link. Such a
// paragraph's inlines (emphasis, code spans, typographic quotes) matter to
// no lean index, and parsing them is most of goldmark's time on prose.
// Headings, table cells and definition terms are never skipped.
type plainSkipper struct{}

// Trigger is the space, which goldmark also reports at the start of a
// line that begins with a letter; linkify uses it too.
func (plainSkipper) Trigger() []byte { return []byte{' '} }

// Parse consumes the rest of a plain paragraph and returns an empty text
// node, or returns nil to leave the block to goldmark's parsers.
func (plainSkipper) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	switch parent.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return nil
	}
	if pc.Get(plainSkipKey) == parent {
		return nil // decided already: it may hold a link
	}
	src := block.Source()
	lines := parent.Lines()
	may := mayHoldLink
	if pc.Get(anchorsOnlyKey) != nil {
		may = mayHoldAnchor
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if line := seg.Value(src); may(line) || mayOpenQuote(line) {
			pc.Set(plainSkipKey, parent)
			return nil
		}
	}
	if incs, _ := pc.Get(includesKey).([]int); len(incs) > 0 && lines.Len() > 0 {
		start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
		if i, _ := slices.BinarySearch(incs, start); i < len(incs) && incs[i] < end {
			pc.Set(plainSkipKey, parent)
			return nil
		}
	}
	_, pos := block.Position()
	for {
		line, _ := block.PeekLine()
		if line == nil {
			break
		}
		block.AdvanceLine()
	}
	return ast.NewTextSegment(text.NewSegment(pos.Start, pos.Start))
}

// mayHoldLink reports whether a line of Markdown contains a character or
// word that can begin something a lean index records: "[" (links, images,
// reference definitions, footnotes), "<" (autolinks, raw HTML with ids,
// hrefs and careerlint directives), and what linkify turns into links:
// "http:", "https:", "ftp:", "www." and "@" (e-mail addresses).
func mayHoldLink(line []byte) bool {
	// Single-byte searches are vectorised; a search for a set of bytes is
	// not.
	if bytes.IndexByte(line, '[') >= 0 || bytes.IndexByte(line, '<') >= 0 || bytes.IndexByte(line, '@') >= 0 {
		return true
	}
	for rest := line; ; {
		i := bytes.IndexByte(rest, ':')
		if i < 0 {
			break
		}
		if i >= 2 && rest[i-2] == 't' && rest[i-1] == 'p' || i >= 3 && rest[i-3] == 't' && rest[i-2] == 'p' && rest[i-1] == 's' {
			return true
		}
		rest = rest[i+1:]
	}
	return bytes.Contains(line, []byte("www."))
}

// mayOpenQuote reports whether a line may hold a quote that goldmark's
// typographer takes for an opening one (a " or ' after the line's start,
// a space, or a punctuation mark or symbol as goldmark reads them, "$"
// and "—" included, and before no space): the typographer counts such
// quotes across blocks, so a later heading's text ("00” 00" or "00\" 00")
// depends on them, and the paragraph is parsed. A quote after a byte that
// is not UTF-8 may open one too.
func mayOpenQuote(line []byte) bool {
	for _, q := range []byte{'"', '\''} {
		for i := 0; ; {
			j := bytes.IndexByte(line[i:], q)
			if j < 0 {
				break
			}
			i += j
			if i+1 < len(line) && !isSpaceByte(line[i+1]) {
				if i == 0 {
					return true
				}
				r, size := utf8.DecodeLastRune(line[:i])
				if r == utf8.RuneError && size <= 1 || util.IsSpaceRune(r) || util.IsPunctRune(r) {
					return true
				}
			}
			i++
		}
	}
	return false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// mayHoldAnchor reports whether a line of Markdown may hold raw HTML, where
// an id or name anchor can be written, or a footnote reference: goldmark
// renders a footnote (and the headings and HTML in it) only when it is
// referenced.
func mayHoldAnchor(line []byte) bool {
	return bytes.IndexByte(line, '<') >= 0 || bytes.Contains(line, []byte("[^"))
}
