package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"gitlab.com/careerlint/careerlint/lint/anchor"
	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

// FileProblemKind names a problem with a page file itself.
type FileProblemKind string

// The file problems the parser records.
const (
	ProblemUnreadable  FileProblemKind = "unreadable"
	ProblemTooLarge    FileProblemKind = "too-large"
	ProblemBinary      FileProblemKind = "binary"
	ProblemInvalidUTF8 FileProblemKind = "invalid-utf8"
	ProblemEmpty       FileProblemKind = "empty"
	ProblemBOM         FileProblemKind = "bom"
	ProblemCRLF        FileProblemKind = "crlf"
	ProblemMixedEOL    FileProblemKind = "mixed-line-endings"
	// ProblemLoneCR: lines end with CR alone (no LF in the file); the
	// page is not parsed.
	ProblemLoneCR FileProblemKind = "lone-cr"
	// ProblemStrayCR: a run of CRs, in a file whose lines end with LF or
	// CRLF, that is not the CR of a CRLF line ending. goldmark keeps it
	// in the line (as a space), while editors and CommonMark readers end
	// the line there. Start and End cover the stray CRs only.
	ProblemStrayCR FileProblemKind = "stray-cr"
	// ProblemStrayCRFrontMatter: a stray CR inside a line of YAML or TOML
	// front matter, which YAML reads as a line break and TOML refuses.
	ProblemStrayCRFrontMatter FileProblemKind = "stray-cr-front-matter"
)

// FileProblem is a fact about a file that rules turn into findings.
type FileProblem struct {
	Kind       FileProblemKind
	Start, End int
	Message    string
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	// Text is the plain text Hugo derives the ID from.
	Text string
	// Source is the heading's content as written, trimmed, without the
	// attribute list Hugo reads at its end (which goldmark leaves in the
	// text of "## A {#a} ##").
	Source string
	// ID is the heading's ID within this page alone (includes not expanded);
	// Site.Anchors gives the IDs with includes expanded. It is "" when
	// Hugo gives the heading no ID (its Text is empty).
	ID string
	// Explicit is true for a heading with an {#id} attribute.
	Explicit bool
	// IDNotText says what the id of its attribute list is when it is not
	// text ("a number" for {id=12}; see anchor.IDNotText): Hugo fails to
	// build the page. "" otherwise.
	IDNotText string
	// Setext is true for an underlined heading.
	Setext bool
	// Span covers the whole heading (markers included); TextStart and
	// TextEnd the content as written.
	Span               Span
	TextStart, TextEnd int
	// Shortcode is true when a {{< >}} shortcode sits inside the text the
	// heading's ID is made of (not in a link's destination or title, nor
	// on a setext heading's line before its last): Hugo computes the ID
	// from a placeholder that changes with the number of shortcodes before
	// it, so the ID is unstable.
	Shortcode bool
	// Pattern is true when a {{% %}} shortcode's output is part of the
	// heading's text: Hugo's ID is stable but depends on that output, so
	// ID is "" and the ID is known only to start with IDPrefix and end
	// with IDSuffix (see MatchesPattern).
	Pattern            bool
	IDPrefix, IDSuffix string
}

// Written returns the heading's content as written, for quoting it in a
// message: Source with its HTML comments taken out and each run of white
// space made one space; its plain text when nothing else is left.
func (h *Heading) Written() string {
	s := strings.Join(strings.Fields(string(BlankComments([]byte(h.Source)))), " ")
	if s == "" {
		return strings.TrimSpace(h.Text)
	}
	return s
}

// BlankComments returns a copy of src with its HTML comments replaced by
// spaces, line breaks kept, so that offsets stay those of src. A comment
// left open runs to the end.
func BlankComments(src []byte) []byte {
	out := bytes.Clone(src)
	for i := 0; ; {
		s := bytes.Index(out[i:], []byte("<!--"))
		if s < 0 {
			return out
		}
		s += i
		e := bytes.Index(out[s+4:], []byte("-->"))
		if e < 0 {
			e = len(out)
		} else {
			e += s + 4 + 3
		}
		for k := s; k < e; k++ {
			if out[k] != '\n' && out[k] != '\r' {
				out[k] = ' '
			}
		}
		i = e
	}
}

// MatchesPattern reports whether id may be the ID of a Pattern heading.
func (h *Heading) MatchesPattern(id string) bool {
	return h.Pattern && len(id) >= len(h.IDPrefix)+len(h.IDSuffix) && strings.HasPrefix(id, h.IDPrefix) && strings.HasSuffix(id, h.IDSuffix)
}

// LinkKind tells how a link was written.
type LinkKind int

// The link kinds.
const (
	InlineLink LinkKind = iota // [text](dest) or a reference link
	AutoLink                   // <https://...> or a bare URL
	ImageLink                  // ![alt](src)
	HTMLLink                   // <a href="..."> in raw HTML
	RefLink                    // a ref or relref shortcode outside link syntax
)

// Link is one link of a page.
type Link struct {
	Kind LinkKind
	// Dest is the destination as written (entities and escapes resolved);
	// for a ref or relref shortcode, its path argument, with the fragment
	// written right after the shortcode appended when the argument has
	// none ("x#y" for [a]({{< ref "x" >}}#y), which Hugo renders as the
	// page's URL with that fragment).
	Dest string
	Text string
	// Span covers the whole link.
	Span Span
	// DestStart and DestEnd span the destination as written: inside the
	// parentheses, in the reference definition of a reference link, or
	// the shortcode's path argument without its quotes. Both are -1 when
	// the destination cannot be located in the source.
	DestStart, DestEnd int
	// Shortcode is "ref" or "relref" when the destination is written with
	// that shortcode, "" otherwise.
	Shortcode string
	// Dynamic is true when another shortcode builds the destination, or
	// part of it (text before a ref shortcode, or after it other than a
	// fragment), which careerlint cannot know.
	Dynamic bool
	// Exact is true when the source at DestStart:DestEnd is Dest byte for
	// byte (no escapes or entities), so that an edit can rewrite it.
	Exact bool
}

// HTMLID is an anchor written in raw HTML (id="..." or <a name="...">), or
// one goldmark writes for a footnote: "fnref:N" on a reference ("fnrefK:N"
// on its K+1st reference) and "fn:N" on the note, N counting the notes in
// the order of their first reference.
type HTMLID struct {
	ID   string
	Span Span
	// Footnote is the label of the footnote ("1" for [^1]) whose reference
	// or note has the ID, empty for raw HTML; Note tells the note from a
	// reference.
	Footnote string
	Note     bool
}

// List is one Markdown list.
type List struct {
	Ordered bool
	// Marker is '-', '*' or '+' for bullet lists, '.' or ')' for ordered
	// lists (the delimiter).
	Marker byte
	Items  []ListItem
	Span   Span
	// Depth is 0 for a top-level list, 1 for a list inside a list item, ...
	Depth int
	// PrevMarker and NextMarker are the markers of the lists of the same
	// kind (bullet or ordered) right before and after this one in the same
	// parent, which a different marker keeps apart; 0 when there is none.
	// Giving this list their marker would join them into one. PrevGap and
	// NextGap tell whether a blank line separates them (joined, the list
	// would become a loose one, its items set apart as paragraphs).
	PrevMarker, NextMarker byte
	PrevGap, NextGap       bool
	// Loose is set for a loose list: one with blank lines between its
	// items or inside one, whose items render as paragraphs. PrevLoose
	// and NextLoose are the neighbours' (see PrevMarker): joined, a tight
	// list and a loose one make one loose list, the tight one's items
	// turning into paragraphs.
	Loose, PrevLoose, NextLoose bool
}

// ListItem is one item of a list.
type ListItem struct {
	// Number is the number as written for ordered lists, -1 for bullets.
	Number int
	// MarkerStart and MarkerEnd span the marker ("1." or "-").
	MarkerStart, MarkerEnd int
	Span                   Span
}

// Include is one include shortcode.
type Include struct {
	// Target is the include path as written, e.g. "includes/x.md".
	Target string
	// Span covers the shortcode; ArgStart and ArgEnd its target argument.
	Span             Span
	ArgStart, ArgEnd int
	// Context is where the shortcode sits, which decides how much of the
	// included Markdown Hugo renders as Markdown (see markdownFrom).
	Context IncludeContext
	// InParagraph is set for a shortcode that goes on with a paragraph or
	// a list item's text: one that starts a line of it other than its
	// first (Context IncludeBlock), or one after text on a line of it
	// (IncludeInline). The included text's lines go on with it too, up to
	// one that starts a block (see RenderedPart.LazyEnd).
	InParagraph bool
}

// IncludeContext is where an include shortcode sits in its page. Hugo
// pastes a {{% %}} shortcode's output into the Markdown before goldmark
// reads it, so the included text is read in that place.
type IncludeContext uint8

const (
	// IncludeBlock: the shortcode starts its line (after indentation and
	// container markers): the included text is read as Markdown blocks.
	IncludeBlock IncludeContext = iota
	// IncludeInline: text comes before the shortcode on its line, so the
	// included text's first line continues that line.
	IncludeInline
	// IncludeInHTML: inside an HTML block other than a comment, which
	// runs to the next blank line: the included text up to its first
	// blank line is raw HTML.
	IncludeInHTML
	// IncludeAfterHTML: after the end marker of an HTML block that ends on
	// the shortcode's line (a comment, a pre element): the included
	// text's first line is raw HTML.
	IncludeAfterHTML
	// IncludeLiteral: inside a code block, a code span or an HTML
	// comment: the included text is never read as Markdown.
	IncludeLiteral
)

// markdownFrom returns the offset in a file included in this context from
// which Hugo reads its text as Markdown: 0 for all of it, the end of its
// first line or its first blank line, past its end for none.
func (ctx IncludeContext) markdownFrom(c *Page) int {
	switch ctx {
	case IncludeInline, IncludeAfterHTML:
		return c.firstLineEnd
	case IncludeInHTML:
		return c.firstBlankLine
	case IncludeLiteral:
		return c.size + 1
	}
	return 0
}

// DirectiveKind is the kind of an inline careerlint comment.
type DirectiveKind string

// The directive kinds.
const (
	DisableDirective         DirectiveKind = "disable"
	EnableDirective          DirectiveKind = "enable"
	DisableNextLineDirective DirectiveKind = "disable-next-line"
	DisableFileDirective     DirectiveKind = "disable-file"
)

// Directive is one inline control comment such as
// <!-- careerlint-disable-next-line level-name -- reason -->.
type Directive struct {
	Kind DirectiveKind
	// Rules are the rule IDs or names as written.
	Rules  []string
	Reason string
	Span   Span
	// Problem is set when the directive is malformed (no rule, no reason,
	// unknown kind).
	Problem string
}

// Page is one parsed Markdown file. It is immutable after parsing.
type Page struct {
	// Path is slash-separated and relative to the site root.
	Path string
	// Src holds the file's bytes; nil when the file was not read.
	Src []byte
	// Lines indexes Src for printing.
	Lines *LineIndex
	// Problems are facts about the file itself (encoding, size, ...).
	Problems []FileProblem
	// FrontMatter is nil when the page has none.
	FrontMatter *FrontMatter
	// Shortcodes are every shortcode tag, in source order;
	// ShortcodeProblems the malformed ones.
	Shortcodes        []shortcode.Shortcode
	ShortcodeProblems []shortcode.Problem
	// firstLineEnd is the offset of the end of the first line, and
	// firstBlankLine the offset of the first blank line (both len(Src)
	// when there is none); size is len(Src). markdownFrom reads
	// them after the source is dropped.
	firstLineEnd, firstBlankLine, size int
	// lazyEnd and lazyEndInline are where the file's text stops going on
	// with a paragraph it is pasted into (see RenderedPart.Continues):
	// at its first blank line or line that starts a block, from its first
	// line, or from its second (its first line goes on with the text
	// before the shortcode, whatever it holds).
	lazyEnd, lazyEndInline int
	// Doc is the goldmark AST of the masked source; nil when the file
	// could not be parsed, or when it was parsed with DropAST. Its
	// segments are offsets into Src.
	Doc ast.Node
	// Masked is the text goldmark parsed: Src with front matter and
	// shortcodes blanked out, byte for byte the same length.
	Masked     []byte
	Headings   []Heading
	Links      []Link
	Lists      []List
	Includes   []Include
	Directives []Directive
	// HTMLIDs are id="..." and <a name="..."> anchors written in raw HTML.
	HTMLIDs []HTMLID
	// OmittedHTMLIDs are those written in raw HTML that the site's Hugo
	// configuration leaves out of the page (ParseOptions.RawHTMLOmitted):
	// no anchors, kept to say why a link to one finds nothing.
	OmittedHTMLIDs []HTMLID
	// TextLinks are links written so that goldmark reads them as text
	// (see TextLink), in source order.
	TextLinks []TextLink

	refDefs   map[string][2]int // link reference definitions, built while indexing
	refLabels []string          // their labels, sorted (ReferenceLabels)
	// defLinks are the page's link reference definitions as links, by
	// label, sorted: the links a reference in another file of a rendered
	// page makes with them (see crossRefLinks). Kept in a lean parse.
	defLinks []defLink
	parsed   bool
	packed   []leanLink // Links in compact form, in a lean parse until the page is checked
	// anchorSet memoises the page's anchors as a link target (TargetAnchors).
	anchorSet atomic.Pointer[anchorSet]
}

// Parsed reports whether the page has an AST (it was readable text).
func (p *Page) Parsed() bool { return p.parsed }

// HasProblem reports whether the page has a file problem of the kind.
func (p *Page) HasProblem(kind FileProblemKind) bool {
	return slices.ContainsFunc(p.Problems, func(pr FileProblem) bool { return pr.Kind == kind })
}

// Span returns a span of this page.
func (p *Page) Span(start, end int) Span { return Span{File: p.Path, Start: start, End: end} }

// ParseOptions control page parsing.
type ParseOptions struct {
	// Paired reports whether a shortcode name needs a closing tag.
	Paired func(name string) bool
	// IncludeShortcodes are the names of shortcodes that include a file.
	IncludeShortcodes []string
	// NoFrontMatter parses the file as an included file: Hugo's include
	// renders the whole text as Markdown, so a leading "---" is a thematic
	// break, not front matter, and a byte order mark is text.
	NoFrontMatter bool
	// DropAST makes a lean parse for runs whose rules use only the link
	// and anchor indexes (the link check of a whole handbook): the syntax
	// tree, the masked text and the source are released once the indexes
	// are built (Doc, Masked, Src and Lines are nil afterwards), lists are
	// not indexed, and front matter is decoded only when it may set a URL
	// or decide whether the page is published (see mayMoveURL).
	DropAST bool
	// IDType is how headings get their automatic IDs (Hugo's
	// markup.goldmark.parser.autoIDType); the zero value is Hugo's
	// default, github.
	IDType anchor.IDType
	// NoAutoHeadingID gives headings no automatic ID, as Hugo's
	// markup.goldmark.parser.autoHeadingID: false does; an explicit {#id}
	// still counts.
	NoAutoHeadingID bool
	// RawHTMLOmitted records no anchor written in raw HTML (id="...", <a
	// name="...">): Hugo leaves raw HTML out of the page unless
	// markup.goldmark.renderer.unsafe is true. Links and careerlint
	// directives in raw HTML are still read.
	RawHTMLOmitted bool

	// allInlines makes a lean parse parse every paragraph's inlines, as
	// the ordinary parse does (tests compare the two).
	allInlines bool
	// anchorsOnly makes a lean parse for a page read only for its anchors,
	// includes and URLs (a link target of an ordinary run): its links and
	// directives are incomplete.
	anchorsOnly bool
}

// markdown is goldmark configured like Hugo; safe for concurrent use.
var markdown = anchor.NewMarkdown()

// NewUnparsedPage returns a page that could not be read or parsed, holding
// only the problem.
func NewUnparsedPage(path string, problem FileProblem) *Page {
	return &Page{Path: path, Lines: NewLineIndex(nil), Problems: []FileProblem{problem}}
}

// ParsePage parses one page from its bytes. It never panics on bad input: a
// problem is recorded and parsing goes on as far as it can.
func ParsePage(path string, src []byte, opt ParseOptions) *Page {
	p := &Page{Path: path, Src: src}
	if !opt.DropAST {
		p.Lines = NewLineIndex(src)
	}
	if len(src) == 0 {
		// One finding says it all: a page with nothing in it lacks
		// every section and matches no sibling, which the rules would
		// otherwise each report.
		p.Problems = append(p.Problems, FileProblem{Kind: ProblemEmpty, Message: "file is empty; a career page needs front matter and content"})
		return p
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		msg := "file contains a NUL byte and is not a text file; it was not parsed"
		if enc := wideEncoding(src); enc != "" {
			msg = "file is " + enc + " text (NUL bytes between the letters); it was not parsed: save it as UTF-8"
		}
		p.Problems = append(p.Problems, FileProblem{Kind: ProblemBinary, Start: i, End: i + 1, Message: msg})
		return p
	}
	if i := bytes.IndexByte(src, '\r'); i >= 0 && i < len(src)-1 && bytes.IndexByte(src, '\n') < 0 {
		p.Problems = append(p.Problems, FileProblem{Kind: ProblemLoneCR, Start: i, End: i + 1, Message: "file ends its lines with CR alone (classic Mac OS), which Hugo's Markdown reads as one paragraph; it was not parsed: convert its line endings to LF"})
		return p
	}
	if at, depth := deepNesting(src); at >= 0 {
		p.Problems = append(p.Problems, tooDeepProblem(at, depth))
		return p
	}
	if pr, ok := tooComplex(src); ok {
		p.Problems = append(p.Problems, pr)
		return p
	}
	p.size = len(src)
	p.firstLineEnd, p.firstBlankLine = len(src), len(src)
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		p.firstLineEnd = i
	}
	for at := 0; at < len(src); {
		end := bytes.IndexByte(src[at:], '\n')
		if end < 0 {
			end = len(src) - at
		}
		if len(bytes.TrimSpace(src[at:at+end])) == 0 {
			p.firstBlankLine = at
			break
		}
		at += end + 1
	}
	p.lazyEnd = lazyLinesEnd(src, 0)
	p.lazyEndInline = lazyLinesEnd(src, min(p.firstLineEnd+1, len(src)))
	p.checkEncoding()
	switch {
	case opt.NoFrontMatter:
	case opt.DropAST:
		// A lean run needs front matter only for the URLs it sets.
		p.FrontMatter = parseFrontMatter(src, mayMoveURL)
	default:
		p.FrontMatter = ParseFrontMatter(src)
	}
	p.Shortcodes, p.ShortcodeProblems = shortcode.Lex(src, opt.Paired)
	var maskBuf *[]byte
	var linkBuf *[]Link
	if opt.DropAST {
		maskBuf = textBuffers.Get().(*[]byte)
		if !opt.NoFrontMatter {
			// The links are packed once indexed (packLinks): they are
			// indexed into a buffer that serves the next page.
			linkBuf = linkBuffers.Get().(*[]Link)
			p.Links = (*linkBuf)[:0]
		}
	}
	masked := shortcode.MaskTo(bufOf(maskBuf), src, p.Shortcodes)
	if !opt.NoFrontMatter {
		// Hugo drops a page's byte order mark; an include pastes an
		// included file's as text, which starts its first line.
		blank(masked, 0, bomLen(src))
	}
	if fm := p.FrontMatter; fm != nil {
		blank(masked, fm.Start, fm.End)
		if e := fm.End; e > 0 && e <= len(masked) && masked[e-1] == '\r' && (e == len(masked) || masked[e] != '\n') {
			// A closing delimiter ended by a lone CR: Hugo's content
			// starts a line after it, as goldmark reads one here.
			masked[e-1] = '\n'
		}
	}
	p.Masked = masked
	if opt.DropAST && !opt.allInlines {
		p.Doc = parseLean(masked, opt.anchorsOnly, includeStarts(p.Shortcodes, opt.IncludeShortcodes))
	} else {
		p.Doc = markdown.Parser().Parse(text.NewReader(masked))
	}
	p.index(opt)
	p.parsed = true
	if opt.DropAST {
		// Printing and fixing read the source again when they need it
		// (Site.LinesOf, Site.Source).
		p.Doc, p.Masked, p.Src, p.Lines = nil, nil, nil, nil
		*maskBuf = masked
		textBuffers.Put(maskBuf)
		if !opt.NoFrontMatter {
			links := p.Links
			p.packLinks()                          // a page, not an include: its links wait for its check
			if len(links) == 0 || p.Links == nil { // packed, or none
				p.Links = nil
				clear(links) // the buffer keeps no strings alive
				*linkBuf = links[:0]
				linkBuffers.Put(linkBuf)
			}
		}
	}
	return p
}

// linkBuffers are buffers for the links of pages parsed lean: such a page
// packs its links (packLinks) once they are indexed, so the buffer it
// indexed them into serves the next page.
var linkBuffers = sync.Pool{New: func() any { return new([]Link) }}

// wideEncoding names the encoding of text with NUL bytes that looks like
// UTF-32 or UTF-16 (a byte order mark, or a NUL in three of every four
// bytes, or every other byte, of its start, the others mostly not), or "".
func wideEncoding(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe, 0, 0}) || bytes.HasPrefix(src, []byte{0, 0, 0xfe, 0xff}):
		return "UTF-32"
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		return "UTF-16"
	}
	head := src[:min(len(src), 64)]
	// stride: 4 for UTF-32, 2 for UTF-16; one byte of each group holds
	// the letter (ASCII text), the others are NUL.
	for _, g := range []struct {
		stride int
		name   string
	}{{4, "UTF-32"}, {2, "UTF-16"}} {
		groups := len(head) / g.stride
		if groups < 2 {
			continue
		}
		for letter := range g.stride {
			ok, letters := true, 0
			for i := 0; i+g.stride <= len(head) && ok; i += g.stride {
				for k := range g.stride {
					if k != letter && head[i+k] != 0 {
						ok = false
					}
				}
				if head[i+letter] != 0 {
					letters++
				}
			}
			if ok && letters*4 >= groups*3 {
				return g.name
			}
		}
	}
	return ""
}

// cp1252 are the characters of Windows-1252's bytes 0x80 to 0x9f, where
// Latin-1 has C1 controls; 0 for the five it leaves undefined.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// windows1252 returns the character a byte past ASCII is in
// Windows-1252 (Latin-1 but for 0x80 to 0x9f), 0 for an undefined one.
func windows1252(b byte) rune {
	if b >= 0x80 && b < 0xa0 {
		return cp1252[b-0x80]
	}
	return rune(b)
}

// latin1Char says which character a Latin-1 (Windows-1252) byte past
// ASCII is: quoted ("é"), or by name where it would show as a space or as
// nothing, as the no-break space and the soft hyphen would.
func latin1Char(r rune) string {
	switch r {
	case 0xa0:
		return "a no-break space (U+00A0)"
	case 0xad:
		return "a soft hyphen (U+00AD)"
	}
	return strconv.Quote(string(r))
}

// looksLatin1 reports whether a file that is not UTF-8 reads as
// Latin-1 (Windows-1252) text: no control character but tab, line
// breaks and form feed, every byte past ASCII a character Windows-1252
// defines, and none of them starting a UTF-8 sequence (a UTF-8 file with
// a stray byte, or one whose last character is cut off, is no Latin-1
// one).
func looksLatin1(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		if r, size := utf8.DecodeRune(src[i:]); r != utf8.RuneError || size > 1 || !utf8.FullRune(src[i:]) && len(src)-i > 1 {
			return false // a UTF-8 character, or one cut off at the end after its first byte
		}
		if windows1252(c) == 0 {
			return false
		}
		i++
	}
	return true
}

// firstNotUTF8 returns the offset of the first byte of b that is not
// UTF-8, or -1 when b is UTF-8.
func firstNotUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// notUTF8Advice is the end of the message about src[i], a byte that is
// not UTF-8, in a file (the file-format rule's, and front matter's): what
// the byte is when the file looks like Latin-1 (see looksLatin1), and to
// save the file as UTF-8.
func notUTF8Advice(src []byte, i int) string {
	if looksLatin1(src) {
		return fmt.Sprintf("the file looks like Latin-1 (Windows-1252), where it is %s; save it as UTF-8", latin1Char(windows1252(src[i])))
	}
	return "save the file as UTF-8"
}

// blank replaces src[start:end] with spaces, keeping line endings.
func blank(b []byte, start, end int) {
	for i := start; i < end && i < len(b); i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

func (p *Page) checkEncoding() {
	src := p.Src
	if n := bomLen(src); n > 0 {
		p.Problems = append(p.Problems, FileProblem{Kind: ProblemBOM, Start: 0, End: n, Message: "file starts with a UTF-8 byte order mark; remove it"})
	}
	if i := firstNotUTF8(src); i >= 0 {
		msg := fmt.Sprintf("invalid UTF-8 byte 0x%02x; %s", src[i], notUTF8Advice(src, i))
		p.Problems = append(p.Problems, FileProblem{Kind: ProblemInvalidUTF8, Start: i, End: i + 1, Message: msg})
	}
	crlf, lf := -1, -1
	for off := 0; off < len(src); {
		j := bytes.IndexByte(src[off:], '\n')
		if j < 0 {
			break
		}
		i := off + j
		off = i + 1
		if i > 0 && src[i-1] == '\r' {
			if crlf < 0 {
				crlf = i - 1
			}
		} else if lf < 0 {
			lf = i
		}
		if crlf >= 0 && lf >= 0 {
			break
		}
	}
	switch {
	case crlf >= 0 && lf >= 0:
		at := max(crlf, lf)
		if src[at] == '\r' {
			p.Problems = append(p.Problems, FileProblem{Kind: ProblemMixedEOL, Start: at, End: at + 2, Message: "line ends with CRLF while earlier lines end with LF; convert the file's line endings to LF"})
		} else {
			p.Problems = append(p.Problems, FileProblem{Kind: ProblemMixedEOL, Start: at, End: at + 1, Message: "line ends with LF while earlier lines end with CRLF; convert the file's line endings to LF"})
		}
	case crlf >= 0:
		p.Problems = append(p.Problems, FileProblem{Kind: ProblemCRLF, Start: crlf, End: crlf + 2, Message: "file uses CRLF line endings, where the handbook uses LF; convert them to LF (your editor's line-ending setting, or dos2unix)"})
	}
	p.checkStrayCRs()
}

// lazyLinesEnd returns where the lines of src from offset at stop going
// on with a paragraph that they continue: at the first blank line or line
// that starts a block (a heading, quote, fence, thematic break, HTML
// block, or a list item that may interrupt a paragraph) or ends the
// paragraph (a setext underline), or the end.
func lazyLinesEnd(src []byte, at int) int {
	for at < len(src) {
		end := lineEnd(src, at)
		line := src[at:end]
		trimmed := bytes.TrimLeft(line, " \t")
		if len(bytes.TrimSpace(line)) == 0 {
			return at
		}
		if indentWidth(line) < 4 {
			fence := len(trimmed) >= 3 && (trimmed[0] == '`' || trimmed[0] == '~') && trimmed[1] == trimmed[0] && trimmed[2] == trimmed[0]
			// A setext underline ("-", "= ") makes the paragraph a heading.
			underline := len(bytes.Trim(trimmed, "- \t\r")) == 0 || len(bytes.Trim(trimmed, "= \t\r")) == 0
			if trimmed[0] == '>' || fence || underline || interrupts(trimmed, false, false) {
				return at
			}
		}
		at = end + 1
	}
	return len(src)
}

// maxStrayCRs is how many stray carriage returns of one file are reported
// one by one; the last of them says how many more the file has.
const maxStrayCRs = 50

// checkStrayCRs records each run of carriage returns that is not part of a
// CRLF line ending (ProblemStrayCR). A run inside a line is where the
// author's editor, and GitLab's view of the file, show a line break and
// Hugo shows none: "- a\r- b" is one list item for Hugo and two in the
// editor. A run before a line ending only adds white space Hugo drops. In
// front matter, YAML takes a CR for a line break, as the editor does.
func (p *Page) checkStrayCRs() {
	src := p.Src
	first, total := len(p.Problems), 0
	fmEnd := frontMatterEnd(src)
	for off := 0; off < len(src); {
		i := bytes.IndexByte(src[off:], '\r')
		if i < 0 {
			break
		}
		start, end := off+i, off+i
		for end < len(src) && src[end] == '\r' {
			end++
		}
		off = end
		strayEnd := end
		if end < len(src) && src[end] == '\n' {
			strayEnd-- // the CR of a CRLF line ending
		}
		if strayEnd == start {
			continue
		}
		total++
		if total > maxStrayCRs {
			continue
		}
		kind, msg := ProblemStrayCR, "carriage return (CR) inside a line: editors and GitLab show a line break here, Hugo reads on as one line; replace it with a line break"
		switch {
		case strayEnd < end || end == len(src):
			msg = "carriage return (CR) before the end of the line, not part of a CRLF line ending; remove it"
		case start < fmEnd && start == fmEnd-1 && strayEnd == fmEnd:
			kind, msg = ProblemStrayCRFrontMatter, "carriage return (CR) ending the front matter's closing line: Hugo ends the line there, Git and diffs do not; replace it with a line break"
		case start < fmEnd && src[frontMatterStart(src)] == '+':
			kind, msg = ProblemStrayCRFrontMatter, "carriage return (CR) inside a line of TOML front matter, which TOML does not read as a line break (Hugo fails the build); replace it with a line break"
		case start < fmEnd && src[frontMatterStart(src)] == '{':
			kind, msg = ProblemStrayCRFrontMatter, "carriage return (CR) inside a line of JSON front matter, which JSON reads as a space and Git does not read as a line break; replace it with a line break"
		case start < fmEnd:
			kind, msg = ProblemStrayCRFrontMatter, "carriage return (CR) inside a line of front matter, which YAML reads as a line break and Git does not; replace it with a line break"
		}
		p.Problems = append(p.Problems, FileProblem{Kind: kind, Start: start, End: strayEnd, Message: msg})
	}
	if total > maxStrayCRs {
		last := &p.Problems[first+maxStrayCRs-1]
		last.Message += fmt.Sprintf(" (%d more stray CRs in this file are not listed)", total-maxStrayCRs)
	}
}

// index walks the AST once and fills the page's indexes.
func (p *Page) index(opt ParseOptions) {
	src := p.Src
	ids := anchor.NewTable()
	depth := 0
	ends := map[ast.Node]int{} // memo of blockEnd, shared by all lists
	// A lean parse keeps no link text: the link rules do not read it.
	linkText := func(n ast.Node) string {
		if opt.DropAST {
			return ""
		}
		return inlineText(n, src)
	}
	// Most links are written "[text](dest)" and most headings start a
	// line with "#": sizing the slices for them once saves growing them
	// one by one.
	if n := bytes.Count(p.Masked, []byte("](")); n > 0 && cap(p.Links) < n+2 {
		p.Links = make([]Link, 0, n+2)
	}
	if n := bytes.Count(p.Masked, []byte("\n#")); n > 0 {
		p.Headings = make([]Heading, 0, n+1)
	}
	// A page whose links are packed once indexed (see ParsePage) keeps
	// their destinations in one string.
	dest := renderedDest
	var arena *destArena
	if opt.DropAST && !opt.NoFrontMatter {
		arena = destArenas.Get().(*destArena)
		dest = func(d []byte) string {
			arena.add(len(p.Links), d) // the link's index once appended
			return ""                  // until setDests
		}
	}
	var literal []litSpan
	// rawText is the raw-text element (rawTextElements: textarea,
	// template, noscript, ...) an inline start tag opened in rawTextBlock
	// and no later inline tag of that block closed yet: a browser reads
	// the tags written up to its end tag as text (or, in a template, keeps
	// them out of the document), so they are no anchors.
	var rawText string
	var rawTextBlock ast.Node
	// goldmark moves the referenced notes to a list at the end of the
	// document: their labels name the notes a reference points to.
	var noteLabels map[int]string
	if l, ok := p.Doc.LastChild().(*extast.FootnoteList); ok {
		noteLabels = map[int]string{}
		for c := l.FirstChild(); c != nil; c = c.NextSibling() {
			if fn, ok := c.(*extast.Footnote); ok {
				noteLabels[fn.Index] = string(fn.Ref)
			}
		}
	}
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && len(p.Shortcodes) > 0 {
			switch n := n.(type) {
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				if s, e, ok := spanOfLines(n.Lines()); ok {
					literal = append(literal, litSpan{start: s, end: e})
				}
			case *ast.HTMLBlock:
				if s, e, ok := spanOfLines(n.Lines()); ok {
					if n.HasClosure() {
						e = max(e, n.ClosureLine.Stop)
					}
					literal = append(literal, litSpan{start: s, end: e, htmlType: int(n.HTMLBlockType)})
				}
			case *ast.CodeSpan:
				if pos := codeSpanEnd(n); pos.end > pos.start {
					literal = append(literal, litSpan{start: pos.start, end: pos.end})
				}
			case *ast.RawHTML:
				if n.Segments.Len() > 0 {
					first, last := n.Segments.At(0), n.Segments.At(n.Segments.Len()-1)
					if bytes.HasPrefix(first.Value(src), []byte("<!--")) {
						literal = append(literal, litSpan{start: first.Start, end: last.Stop})
					}
				}
			}
		}
		switch n := n.(type) {
		case *ast.List:
			if opt.DropAST {
				return ast.WalkContinue, nil
			}
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			p.Lists = append(p.Lists, p.list(n, depth, ends))
			depth++
		case *ast.Heading:
			if entering {
				p.Headings = append(p.Headings, p.heading(n, ids, opt))
				p.textLinksIn(n)
			}
		case *ast.Paragraph, *ast.TextBlock, *extast.TableCell, *extast.DefinitionTerm:
			if entering {
				p.textLinksIn(n)
			}
		case *extast.TaskCheckBox:
			if entering {
				p.taskBoxLink(n)
			}
		case *ast.Link:
			if entering {
				p.Links = append(p.Links, p.link(InlineLink, dest(n.Destination), linkText(n), n.Pos(), n.Pos()))
			}
		case *ast.Image:
			if entering {
				p.Links = append(p.Links, p.link(ImageLink, dest(n.Destination), linkText(n), n.Pos(), n.Pos()+1))
			}
		case *ast.AutoLink:
			if entering {
				url := string(n.URL(src))
				start := n.Pos()
				label := n.Label(src)
				// A bare URL found by linkify after a space, '*', '_', '~'
				// or '(' is positioned at that character.
				if start >= 0 && start+1 < len(src) && src[start] != '<' && !bytes.HasPrefix(src[start:], label) && bytes.HasPrefix(src[start+1:], label) {
					start++
				}
				end := start + len(label)
				if start >= 0 && start < len(src) && src[start] == '<' {
					end += 2
				}
				l := Link{Kind: AutoLink, Dest: url, Text: string(n.Label(src)), Span: p.Span(start, min(end, len(src))), DestStart: -1, DestEnd: -1}
				if start >= 0 && bytes.HasPrefix(src[start:], label) {
					l.DestStart, l.DestEnd = start, start+len(label)
				} else if start >= 0 && start+1+len(label) <= len(src) && bytes.HasPrefix(src[start+1:], label) {
					l.DestStart, l.DestEnd = start+1, start+1+len(label)
				}
				p.Links = append(p.Links, l)
			}
		case *extast.FootnoteLink:
			if entering && !inImage(n) {
				start := min(max(n.Pos(), 0), len(src))
				end := start + 1
				if e := matchBracket(src, start, '[', ']'); e >= 0 {
					end = e + 1
				}
				id := "fnref:" + strconv.Itoa(n.Index)
				if n.RefIndex > 0 {
					id = "fnref" + strconv.Itoa(n.RefIndex) + ":" + strconv.Itoa(n.Index)
				}
				p.HTMLIDs = append(p.HTMLIDs, HTMLID{ID: id, Span: p.Span(start, end), Footnote: noteLabels[n.Index]})
			}
		case *extast.Footnote:
			if entering && n.Index > 0 {
				start := min(max(n.Pos(), 0), len(src))
				p.HTMLIDs = append(p.HTMLIDs, HTMLID{ID: "fn:" + strconv.Itoa(n.Index), Span: p.Span(start, lineEnd(src, start)), Footnote: string(n.Ref), Note: true})
			}
		case *ast.HTMLBlock:
			if entering {
				var b bytes.Buffer
				var m rawMap
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					m.add(b.Len(), seg)
					b.Write(seg.Value(src))
				}
				if n.HasClosure() {
					m.add(b.Len(), n.ClosureLine)
					b.Write(n.ClosureLine.Value(src))
				}
				raw := b.String()
				p.html(raw, p.maskedOf(raw, n.Lines(), n.ClosureLine, n.HasClosure()), m, !opt.RawHTMLOmitted)
			}
		case *ast.RawHTML:
			if entering && n.Segments.Len() > 0 {
				var b bytes.Buffer
				var m rawMap
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					m.add(b.Len(), seg)
					b.Write(seg.Value(src))
				}
				raw := b.String()
				block := n.Parent()
				for block != nil && block.Type() != ast.TypeBlock {
					block = block.Parent()
				}
				if rawText != "" && block == rawTextBlock {
					// Text to a browser: its tags are no anchors and no
					// links, but a careerlint directive still counts.
					if endTagOf(raw, rawText) {
						rawText = ""
					}
					p.html(raw, "", m, !opt.RawHTMLOmitted)
					break
				}
				masked := p.maskedOf(raw, n.Segments, text.Segment{}, false)
				p.html(raw, masked, m, !opt.RawHTMLOmitted)
				if name := rawTextStart(masked); name != "" {
					rawText, rawTextBlock = name, block
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if arena != nil {
		arena.setDests(p.Links)
		destArenas.Put(arena)
	}
	if bytes.Contains(p.Masked, []byte("]:")) {
		// Kept for ReferenceLabels: a lean parse drops the text.
		if p.refDefs == nil {
			p.refDefs = p.scanRefDefs()
		}
		p.refLabels = slices.Sorted(maps.Keys(p.refDefs))
	}
	p.refLinks()
	for i := range p.Links {
		l := &p.Links[i]
		l.Exact = l.DestStart >= 0 && l.DestEnd <= len(src) && l.DestStart <= l.DestEnd && string(src[l.DestStart:l.DestEnd]) == l.Dest
	}
	if len(p.refLabels) > 0 {
		p.defLinks = p.definitionLinks()
	}
	// Footnote definitions move to the end of the document: sort the
	// spans back into source order for includeContext's search.
	slices.SortFunc(literal, func(a, b litSpan) int { return a.start - b.start })
	for _, sc := range p.Shortcodes {
		if !isInclude(sc, opt.IncludeShortcodes) {
			continue
		}
		a := sc.Args[0]
		p.Includes = append(p.Includes, Include{Target: a.Value, Span: p.Span(sc.Start, sc.End), ArgStart: a.ValueStart, ArgEnd: a.ValueEnd, Context: includeContext(src, sc.Start, literal)})
	}
	if len(p.Includes) > 0 {
		p.markParagraphIncludes()
	}
}

// markParagraphIncludes sets InParagraph on the includes that go on with
// a paragraph (or a list item's text) of the page: one that starts a line
// of it other than the first, and one after text on any of its lines.
func (p *Page) markParagraphIncludes() {
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			k, _ := slices.BinarySearchFunc(p.Includes, seg.Start, func(inc Include, at int) int { return inc.Span.Start - at })
			for ; k < len(p.Includes) && p.Includes[k].Span.Start < seg.Stop; k++ {
				if inc := &p.Includes[k]; inc.Context == IncludeInline || inc.Context == IncludeBlock && i > 0 {
					inc.InParagraph = true
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// inImage reports whether n is inside an image, whose description goldmark
// writes as plain alt text, without the elements of its inlines.
func inImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Image); ok {
			return true
		}
	}
	return false
}

// includeStarts returns the offsets of the include shortcodes among
// shortcodes, in order.
func includeStarts(shortcodes []shortcode.Shortcode, names []string) []int {
	var out []int
	for _, sc := range shortcodes {
		if isInclude(sc, names) {
			out = append(out, sc.Start)
		}
	}
	return out
}

// isInclude reports whether a shortcode is an include (one of names) that
// Hugo runs, with the target argument it needs.
func isInclude(sc shortcode.Shortcode, names []string) bool {
	return slices.Contains(names, sc.Name) && !sc.Closing && !sc.Escaped && !sc.Malformed && len(sc.Args) > 0
}

// litSpan is a part of a page goldmark does not read as Markdown: the
// lines of a code or HTML block, a code span, an inline HTML comment.
type litSpan struct {
	start, end int
	htmlType   int // an HTML block's CommonMark type (1 to 7), 0 for others
}

// htmlBlockEnds are the markers that end an HTML block of types 1 to 5 on
// their line (CommonMark); blocks of types 6 and 7 end at a blank line.
var htmlBlockEnds = [][]string{1: {"</script>", "</pre>", "</style>", "</textarea>"}, 2: {"-->"}, 3: {"?>"}, 4: {">"}, 5: {"]]>"}}

// includeContext tells where the shortcode starting at offset at sits.
// literal is in source order and its spans do not overlap.
func includeContext(src []byte, at int, literal []litSpan) IncludeContext {
	if k := sort.Search(len(literal), func(k int) bool { return literal[k].start > at }) - 1; k >= 0 && at < literal[k].end {
		l := literal[k]
		switch {
		case l.htmlType >= 6:
			return IncludeInHTML
		case l.htmlType >= 1:
			// The block ends on the line where its end marker is: a
			// shortcode after the marker has its first line in the block,
			// and the rest after it. A marker on an earlier line would have
			// ended the block there, so only the shortcode's line is read.
			before := string(src[max(l.start, bytes.LastIndexByte(src[:at], '\n')+1):at])
			for _, m := range htmlBlockEnds[l.htmlType] {
				if indexFold(before, m) >= 0 {
					return IncludeAfterHTML
				}
			}
		}
		return IncludeLiteral
	}
	// Before the shortcode on its line: only indentation, blockquote
	// markers and list markers keep it at the start of a block. The scan
	// back stops at the first other character.
	i := at
	for i > 0 && src[i-1] != '\n' {
		switch c := src[i-1]; {
		case c == ' ' || c == '\t' || c == '>' || c == '-' || c == '*' || c == '+' || c == '.' || c == ')' || c >= '0' && c <= '9':
			i--
		default:
			return IncludeInline
		}
	}
	line := src[i:at]
	for len(line) > 0 {
		switch c := line[0]; {
		case c == ' ' || c == '\t' || c == '>':
			line = line[1:]
		case (c == '-' || c == '*' || c == '+') && len(line) > 1 && (line[1] == ' ' || line[1] == '\t'):
			line = line[2:]
		case c >= '0' && c <= '9':
			n := 0
			for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
				n++
			}
			if n+1 < len(line) && (line[n] == '.' || line[n] == ')') && (line[n+1] == ' ' || line[n+1] == '\t') {
				line = line[n+2:]
				continue
			}
			return IncludeInline
		default:
			return IncludeInline
		}
	}
	return IncludeBlock
}

// codeSpanEnd returns the offsets a code span's text covers.
func codeSpanEnd(n *ast.CodeSpan) (pos struct{ start, end int }) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			if pos.end == 0 {
				pos.start = t.Segment.Start
			}
			pos.end = t.Segment.Stop
		}
	}
	return pos
}

// spanOfLines returns the offsets a block's lines cover.
func spanOfLines(lines *text.Segments) (int, int, bool) {
	if lines == nil || lines.Len() == 0 {
		return 0, 0, false
	}
	return lines.At(0).Start, lines.At(lines.Len() - 1).Stop, true
}

var (
	directiveRE     = regexp.MustCompile(`<!--\s*((?i:careerlint))-([a-zA-Z-]+)\b((?s:.*?))-->`)
	directiveKindOK = map[DirectiveKind]bool{DisableDirective: true, EnableDirective: true, DisableNextLineDirective: true, DisableFileDirective: true}
)

// shortcodeIn reports whether a shortcode tag overlaps [start, end).
func (p *Page) shortcodeIn(start, end int) bool {
	i := sort.Search(len(p.Shortcodes), func(i int) bool { return p.Shortcodes[i].End > start })
	return i < len(p.Shortcodes) && p.Shortcodes[i].Start < end
}

// maskedOf returns the masked text of a raw HTML node's segments (and its
// closure line), joined as the source's are in raw; raw itself when no
// shortcode is in them.
func (p *Page) maskedOf(raw string, segs *text.Segments, closure text.Segment, hasClosure bool) string {
	start, end := closure.Start, closure.Stop
	if !hasClosure {
		start, end = -1, -1
	}
	if segs.Len() > 0 {
		start, end = segs.At(0).Start, max(end, segs.At(segs.Len()-1).Stop)
	}
	if start < 0 || !p.shortcodeIn(start, end) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b.Write(seg.Value(p.Masked))
	}
	if hasClosure {
		b.Write((&closure).Value(p.Masked))
	}
	return b.String()
}

// rawMap maps offsets in raw HTML joined from goldmark's segments back to
// the source. The segments of a block in a list item or a blockquote are
// not contiguous: each line's indentation or "> " lies between them, and a
// tab split by the container is written as padding spaces before the
// segment's bytes.
type rawMap []rawPiece

// rawPiece is one segment of raw HTML: its offset in the joined text, and
// its padding and start in the source.
type rawPiece struct{ raw, padding, start int }

// add records seg, whose value starts at offset raw of the joined text.
func (m *rawMap) add(raw int, seg text.Segment) {
	*m = append(*m, rawPiece{raw, seg.Padding, seg.Start})
}

// src returns the source offset of offset i of the joined text; padding
// maps to the start of its segment.
func (m rawMap) src(i int) int {
	if len(m) == 0 {
		return i
	}
	// The last piece starting at or before i (a block of many lines is
	// searched, not walked, for each of its anchors).
	k := max(sort.Search(len(m), func(k int) bool { return m[k].raw > i })-1, 0)
	return m[k].start + max(i-m[k].raw-m[k].padding, 0)
}

// span returns the source span of the text from start to end, which are
// offsets of the joined text (end exclusive, past start).
func (m rawMap) span(start, end int) (int, int) {
	if end <= start {
		s := m.src(start)
		return s, s
	}
	return m.src(start), m.src(end-1) + 1
}

// html records the anchors and careerlint directives in a piece of raw HTML
// whose offsets m maps to the source; masked is the same text with shortcodes
// masked, in which the tags are read: an attribute value holding a
// shortcode ends where the attribute does, not at a quote inside the
// shortcode. An id holding a shortcode is unknown, and no anchor; without
// ids (Hugo leaves the raw HTML out of the page) no id is one.
func (p *Page) html(s, masked string, m rawMap, ids bool) {
	scanHTMLStartTags(masked, func(name string, attrs []htmlAttr, start int) {
		// A browser takes an element's first id attribute, and the
		// first name of an a element: the only targets a fragment has.
		seen := map[string]bool{}
		for _, a := range attrs {
			if seen[a.Name] || a.ValueStart < 0 {
				continue
			}
			seen[a.Name] = true
			switch {
			case a.Name == "id" && a.Value != "", a.Name == "name" && name == "a" && a.Value != "":
				vs, ve := m.span(a.ValueStart, a.ValueEnd)
				if p.shortcodeIn(vs, ve) {
					continue
				}
				h := HTMLID{ID: a.Value, Span: p.Span(vs, ve)}
				if !ids {
					p.OmittedHTMLIDs = append(p.OmittedHTMLIDs, h)
					continue
				}
				p.HTMLIDs = append(p.HTMLIDs, h)
			case a.Name == "href" && name == "a":
				end := a.ValueEnd
				if a.Quoted {
					end++
				}
				ds, de := m.span(a.ValueStart, a.ValueEnd)
				p.Links = append(p.Links, Link{Kind: HTMLLink, Dest: a.Value, Span: p.Span(m.span(start, end)), DestStart: ds, DestEnd: de})
			}
		}
	})
	for _, dm := range directiveRE.FindAllStringSubmatchIndex(s, -1) {
		d := Directive{Kind: DirectiveKind(s[dm[4]:dm[5]]), Span: p.Span(m.span(dm[0], dm[1]))}
		written := s[dm[2]:dm[5]] // "CAREERLINT-Disable", read in lower case only
		body := s[dm[6]:dm[7]]
		rules, reason, hasReason := strings.Cut(body, "--")
		// A dash an editor made of "--" (an em or en dash) starts no
		// reason: its words would be taken for rule names.
		dash := ""
		if !hasReason {
			if i := strings.IndexAny(body, "—–"); i >= 0 {
				_, n := utf8.DecodeRuneInString(body[i:])
				dash, rules, reason = body[i:i+n], body[:i], body[i+n:]
			}
		}
		d.Reason = strings.TrimSpace(reason)
		d.Rules = append(d.Rules, strings.FieldsFunc(rules, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })...)
		switch lower := strings.ToLower(written); {
		case written != lower:
			d.Problem = fmt.Sprintf("directive written %q, so it suppresses nothing: careerlint reads its directives in lower case only; write %q", written, lower)
			if !directiveKindOK[DirectiveKind(strings.TrimPrefix(lower, "careerlint-"))] {
				d.Problem = fmt.Sprintf("directive written %q, so it suppresses nothing: careerlint reads its directives in lower case only, and %q is none%s", written, lower, directiveDidYouMean(DirectiveKind(strings.TrimPrefix(lower, "careerlint-"))))
			}
		case !directiveKindOK[d.Kind]:
			d.Problem = fmt.Sprintf("unknown directive \"careerlint-%s\"; expected careerlint-disable, careerlint-enable, careerlint-disable-next-line or careerlint-disable-file%s", d.Kind, directiveDidYouMean(d.Kind))
		case len(d.Rules) == 0:
			d.Problem = fmt.Sprintf("\"careerlint-%s\" names no rule; write the rule's name or ID after it", d.Kind)
		case dash != "" && d.Kind != EnableDirective:
			d.Problem = fmt.Sprintf("\"careerlint-%s\" has no reason, so it suppresses nothing: %q is no \"--\"; write two hyphens, as in <!-- careerlint-%s %s -- %s -->", d.Kind, dash, d.Kind, strings.Join(d.Rules, ","), cmp.Or(d.Reason, "why"))
		case d.Kind != EnableDirective && (!hasReason || d.Reason == ""):
			d.Problem = fmt.Sprintf("\"careerlint-%s\" has no reason, so it suppresses nothing; add one after \"--\", e.g. <!-- careerlint-%s %s -- why -->", d.Kind, d.Kind, strings.Join(d.Rules, ","))
		}
		p.Directives = append(p.Directives, d)
	}
}

func (p *Page) heading(h *ast.Heading, ids *anchor.Table, opt ParseOptions) Heading {
	src := p.Src
	hd := Heading{Level: h.Level, Text: anchor.Text(h, src)}
	start := h.Pos()
	if start < 0 && h.Lines().Len() > 0 {
		start = h.Lines().At(0).Start
	}
	// goldmark can place a heading after a tab past the end of the text
	// (">\t#"): keep every offset inside it.
	start = min(max(start, 0), len(src))
	if h.Lines().Len() > 0 && start > h.Lines().At(0).Start && start < lineEnd(src, h.Lines().At(0).Start) {
		// A setext heading's text after a split tab: it starts the heading.
		start = h.Lines().At(0).Start
	} else {
		start = blockStart(src, start, atxMarkerAt)
	}
	end := lineEnd(src, start)
	if h.Lines().Len() > 0 {
		first, last := h.Lines().At(0), h.Lines().At(h.Lines().Len()-1)
		hd.TextStart, hd.TextEnd = first.Start, last.Stop
		end = lineEnd(src, last.Start)
		// An underline after the content makes it a setext heading.
		if end < len(src) && start == first.Start && (len(src) <= start || src[start] != '#') {
			hd.Setext = true
			end = lineEnd(src, end+1)
		}
	} else {
		hd.TextStart, hd.TextEnd = end, end
	}
	hd.Span = p.Span(start, end)
	// Most headings' text is their source: they share the string. An
	// attribute list that a closing sequence keeps in the lines is left
	// out, as goldmark leaves it out of "## A {#a}".
	textEnd := hd.TextEnd
	if at := anchor.ListInText(h, src); at >= hd.TextStart && at < textEnd {
		textEnd = at
	}
	if source := bytes.TrimSpace(src[hd.TextStart:textEnd]); string(source) == hd.Text {
		hd.Source = hd.Text
	} else {
		hd.Source = string(source)
	}
	percent := false
	var dests []Span
	destsRead := false
	from := hd.Span.Start
	if n := h.Lines().Len(); hd.Setext && n > 1 {
		// The ID of a setext heading of several lines is its last line's
		// (anchor.Text).
		from = h.Lines().At(n - 1).Start
	}
	for _, sc := range p.Shortcodes {
		if sc.Start < hd.Span.End && sc.End > from && !sc.Escaped && !sc.Malformed {
			if sc.Delim == shortcode.Percent {
				percent = true
				continue
			}
			if !destsRead {
				dests, destsRead = p.linkDests(h), true
			}
			// One in a link's destination or title ("## [x]({{< ref
			// "y" >}})") is no part of the heading's text, nor its ID.
			if !slices.ContainsFunc(dests, func(d Span) bool { return d.Start <= sc.Start && sc.End <= d.End }) {
				hd.Shortcode = true
			}
		}
	}
	if id, ok := anchor.ID(h, src); ok {
		hd.ID, hd.Explicit = ids.Explicit(id), true
		hd.IDNotText = anchor.IDNotText(h, src)
	} else if opt.NoAutoHeadingID {
		return hd // Hugo gives it no ID
	} else if i, j := strings.Index(hd.Text, "{{%"), strings.LastIndex(hd.Text, "%}}"); percent && !hd.Shortcode && i >= 0 && j > i {
		// Hugo reads the shortcode's output as part of the text: only
		// what comes before and after it is known.
		hd.Pattern = true
		hd.IDPrefix = opt.IDType.SlugPart(strings.TrimLeftFunc(hd.Text[:i], unicode.IsSpace))
		hd.IDSuffix = opt.IDType.SlugPart(strings.TrimRightFunc(hd.Text[j+3:], unicode.IsSpace))
	} else if hd.Text != "" {
		hd.ID = ids.Auto(opt.IDType.Slug(hd.Text))
	}
	return hd
}

// linkDests returns the spans of the destinations and titles of the
// inline links and images inside a node: "(/x/ "t")" of "[a](/x/ "t")".
// Their text is no part of the node's text.
func (p *Page) linkDests(n ast.Node) []Span {
	var out []Span
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var l Link
		switch c.(type) {
		case *ast.Link:
			l = p.link(InlineLink, "", "", c.Pos(), c.Pos())
		case *ast.Image:
			l = p.link(ImageLink, "", "", c.Pos(), c.Pos()+1)
		default:
			return ast.WalkContinue, nil
		}
		if l.DestStart >= l.Span.Start && l.DestStart <= l.Span.End {
			// An inline link's: a reference link's destination is its
			// definition's, elsewhere.
			out = append(out, p.Span(l.DestStart, l.Span.End))
		}
		return ast.WalkContinue, nil
	})
	return out
}

func (p *Page) list(l *ast.List, depth int, ends map[ast.Node]int) List {
	src := p.Src
	out := List{Ordered: l.IsOrdered(), Marker: l.Marker, Depth: depth, Loose: !l.IsTight}
	if n, ok := l.PreviousSibling().(*ast.List); ok && n.IsOrdered() == l.IsOrdered() {
		out.PrevMarker, out.PrevGap, out.PrevLoose = n.Marker, l.HasBlankPreviousLines(), !n.IsTight
	}
	if n, ok := l.NextSibling().(*ast.List); ok && n.IsOrdered() == l.IsOrdered() {
		out.NextMarker, out.NextGap, out.NextLoose = n.Marker, n.HasBlankPreviousLines(), !n.IsTight
	}
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		pos := c.Pos()
		if pos < 0 {
			continue
		}
		pos = itemMarker(src, c, l)
		item := ListItem{Number: -1, MarkerStart: pos, MarkerEnd: min(pos+1, len(src))}
		if out.Ordered {
			e := pos
			for e < len(src) && src[e] >= '0' && src[e] <= '9' {
				e++
			}
			n := 0
			for _, d := range src[pos:e] {
				n = n*10 + int(d-'0')
			}
			item.Number = n
			item.MarkerEnd = min(e+1, len(src))
		}
		item.Span = p.Span(item.MarkerStart, nodeEnd(c, src, item.MarkerEnd, ends))
		out.Items = append(out.Items, item)
	}
	if len(out.Items) > 0 {
		out.Span = p.Span(out.Items[0].MarkerStart, out.Items[len(out.Items)-1].Span.End)
	}
	return out
}

// blockStart returns the offset of the marker of a block (a list item, an
// ATX heading) that goldmark places at pos. goldmark counts the padding of
// a tab split by a container (a list item's content, a blockquote's
// optional space) as bytes, so after such a tab pos is up to three bytes
// past the marker ("- a\n\n\t* b" places the item at "b"), and can be
// past the end of the text (">\t*"). Indentation and blockquote markers
// before pos are skipped; when no marker (as marker reports it) is there,
// the nearest one up to three bytes back that follows the tab is taken.
func blockStart(src []byte, pos int, marker func(src []byte, q int) bool) int {
	pos = min(max(pos, 0), len(src))
	if pos == len(src) || !marker(src, pos) {
		// An empty block after a split tab ("- a\n\n\t*\n\t* b"): its
		// marker's line ends within the three bytes, and pos lies on the
		// next line (or at the end of the text), whose marker is not
		// this block's.
		for m := pos - 1; m >= max(pos-3, 0); m-- {
			if src[m] != '\n' {
				continue
			}
			for k := m - 1; k >= max(pos-3, 0) && src[k] != '\n'; k-- {
				if !marker(src, k) || !afterTab(src, k) {
					continue
				}
				e := k
				for e < m && src[e] != ' ' && src[e] != '\t' && src[e] != '\r' {
					e++
				}
				if onlySpace(src[e:m]) {
					return k
				}
			}
			break
		}
	}
	q := pos
	for q < len(src) && (src[q] == ' ' || src[q] == '\t' || src[q] == '>') {
		q++
	}
	if q < len(src) && marker(src, q) {
		return q
	}
	for m := pos - 1; m >= max(pos-3, 0) && src[m] != '\n'; m-- {
		if marker(src, m) && afterTab(src, m) {
			return m
		}
	}
	return q
}

// afterTab reports whether the white space right before offset m holds a
// tab.
func afterTab(src []byte, m int) bool {
	for i := m - 1; i >= 0 && (src[i] == ' ' || src[i] == '\t'); i-- {
		if src[i] == '\t' {
			return true
		}
	}
	return false
}

// opensBlock reports whether a block marker may start at offset q: at the
// start of a line or after white space or a blockquote marker.
func opensBlock(src []byte, q int) bool {
	return q == 0 || src[q-1] == ' ' || src[q-1] == '\t' || src[q-1] == '>' || src[q-1] == '\n'
}

// endsMarker reports whether a block marker ending at offset e is
// followed by white space or the end of its line.
func endsMarker(src []byte, e int) bool {
	return e >= len(src) || src[e] == ' ' || src[e] == '\t' || src[e] == '\r' || src[e] == '\n'
}

// listMarkerAt reports whether the marker of an item of a list written
// with marker (a bullet, or the '.' or ')' after an ordered item's
// number) starts at offset q.
func listMarkerAt(src []byte, q int, marker byte, ordered bool) bool {
	if !opensBlock(src, q) {
		return false
	}
	e := q
	if ordered {
		for e < len(src) && e-q < 9 && src[e] >= '0' && src[e] <= '9' {
			e++
		}
		if e == q {
			return false
		}
	}
	return e < len(src) && src[e] == marker && endsMarker(src, e+1)
}

// itemMarker returns the offset of the marker of item it of list l, from
// the item's position as goldmark gives it (see blockStart).
func itemMarker(src []byte, it ast.Node, l *ast.List) int {
	ordered := l.IsOrdered()
	isMarker := func(src []byte, q int) bool { return listMarkerAt(src, q, l.Marker, ordered) }
	if it.FirstChild() == nil {
		// An empty item's marker line holds nothing else. goldmark may
		// place the item on the next line ("- a\n\n\t*\n* x" puts the
		// nested empty item at "* x"), where the marker of another
		// list's item, followed by its text, is not this one.
		isMarker = func(src []byte, q int) bool {
			return listMarkerAt(src, q, l.Marker, ordered) && emptyItemLine(src, q)
		}
	}
	return blockStart(src, it.Pos(), isMarker)
}

// emptyItemLine reports whether the list marker at offset q ends its line
// (an empty item's line: spaces after the marker at most).
func emptyItemLine(src []byte, q int) bool {
	e := q
	for e < len(src) && src[e] >= '0' && src[e] <= '9' {
		e++
	}
	end := bytes.IndexByte(src[e:], '\n')
	if end < 0 {
		end = len(src) - e
	}
	return onlySpace(src[e+1 : e+end])
}

// atxMarkerAt reports whether an ATX heading's run of one to six "#"
// starts at offset q.
func atxMarkerAt(src []byte, q int) bool {
	if !opensBlock(src, q) {
		return false
	}
	e := q
	for e < len(src) && src[e] == '#' {
		e++
	}
	return e > q && e-q <= 6 && endsMarker(src, e)
}

// nodeEnd returns the end of the last line of any descendant block of n.
func nodeEnd(n ast.Node, src []byte, def int, memo map[ast.Node]int) int {
	end := max(def, blockEnd(n, memo))
	for end > def && end <= len(src) && (src[end-1] == '\n' || src[end-1] == '\r') {
		end--
	}
	return end
}

// blockEnd returns the end of the last line of any block in n's subtree,
// or -1. The memo keeps nested lists linear: each block is measured once,
// not once per enclosing list.
func blockEnd(n ast.Node, memo map[ast.Node]int) int {
	if n.Type() != ast.TypeBlock {
		return -1
	}
	if e, ok := memo[n]; ok {
		return e
	}
	end := -1
	if ls := n.Lines(); ls != nil && ls.Len() > 0 {
		end = ls.At(ls.Len() - 1).Stop
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		end = max(end, blockEnd(c, memo))
	}
	memo[n] = end
	return end
}

// lineEnd returns the offset of the line ending of the line holding off.
func lineEnd(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	end := off + i
	if end > off && src[end-1] == '\r' {
		end--
	}
	return end
}

// linkEnd returns the end of an inline or reference link starting with '['
// at off: past the closing ')' or ']' of its destination or label.
func linkEnd(src []byte, off int) int {
	if off < 0 || off >= len(src) {
		return max(off, 0)
	}
	return linkEndAt(src, off, matchBracket(src, off, '[', ']'))
}

// linkEndAt is linkEnd given i, the offset of the ']' closing the label
// at off (matchBracket's answer, -1 for none), for a caller that needed it
// too.
func linkEndAt(src []byte, off, i int) int {
	if i < 0 {
		return lineEnd(src, off)
	}
	switch {
	case i+1 < len(src) && src[i+1] == '(':
		if j := matchBracket(src, i+1, '(', ')'); j >= 0 {
			return j + 1
		}
	case i+1 < len(src) && src[i+1] == '[':
		if j := matchBracket(src, i+1, '[', ']'); j >= 0 {
			return j + 1
		}
	}
	return i + 1
}

// matchBracket returns the offset of the bracket closing the one at off,
// honouring backslash escapes and nesting, or -1.
func matchBracket(src []byte, off int, open, close byte) int {
	depth := 0
	for i := off; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i
			}
		case '\n':
			if i+1 < len(src) && (src[i+1] == '\n' || (src[i+1] == '\r')) {
				return -1 // a blank line ends the paragraph
			}
		}
	}
	return -1
}

// inlineText concatenates the text of an inline node's descendants.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// directiveDidYouMean is the did-you-mean of an unknown directive kind:
// "disable-line" (ESLint's, for the comment's own line) is
// disable-next-line written on the line above; another is the closest
// kind, if any.
func directiveDidYouMean(kind DirectiveKind) string {
	if strings.EqualFold(string(kind), "disable-line") {
		return "; to suppress a finding on one line, write careerlint-disable-next-line on the line above it"
	}
	kinds := []string{string(DisableDirective), string(EnableDirective), string(DisableNextLineDirective), string(DisableFileDirective)}
	if s := Closest(string(kind), kinds, 3); s != "" {
		return fmt.Sprintf("; did you mean \"careerlint-%s\"", s)
	}
	return ""
}
