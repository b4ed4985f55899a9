package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// leanIndexes parses src lean three times: skipping plain paragraphs, not
// skipping them, and skipping all but those with raw HTML (a link target's
// parse); it returns a difference of what each keeps, or "".
func leanIndexes(t testing.TB, src []byte, noFrontMatter bool) string {
	t.Helper()
	opts := parseOptions(DefaultConfig())
	opts.DropAST, opts.NoFrontMatter = true, noFrontMatter
	skip := ParsePage("f.md", src, opts)
	opts.allInlines = true
	all := ParsePage("f.md", src, opts)
	for _, p := range []*Page{skip, all} {
		p.unpackLinks()
	}
	if d := cmp.Diff(all, skip, cmp.AllowUnexported(Page{}, defLink{}), cmpopts.IgnoreFields(Page{}, "anchorSet"), cmpopts.EquateEmpty()); d != "" {
		return d
	}
	// A link target's parse keeps what a target is asked for (no links,
	// directives or text links: a target is not checked).
	opts.allInlines, opts.anchorsOnly = false, true
	anchors := ParsePage("f.md", src, opts)
	anchors.unpackLinks()
	return cmp.Diff(all, anchors, cmp.AllowUnexported(Page{}, defLink{}), cmpopts.IgnoreFields(Page{}, "anchorSet", "Links", "packed", "Directives", "refDefs", "TextLinks"), cmpopts.EquateEmpty())
}

// leanCases are paragraphs a plain-paragraph skip could get wrong: blocks
// goldmark builds from a paragraph after it closed (setext headings,
// definition lists, tables, link reference definitions) and everything
// linkify turns into links.
var leanCases = []string{
	"Title text\n==========\n\nplain words after it\n",
	"Title *em* text\n---\n\nplain words\n",
	"Term words\n: definition words here\n: another one\n\nnext paragraph\n",
	"Term [values] (/handbook/values/)\n: definition words here\n\nnext paragraph\n",
	"| a | b |\n| --- | --- |\n| plain cell | another cell |\n",
	"| a | b |\n| --- | --- |\n| [x](/y/) | cell |\n",
	"[ref]: /handbook/x/\n\nsee [ref] and more words\n",
	"words and www.example.com words\n",
	"words and https://handbook.gitlab.com/handbook/x/ words\n",
	"words and http://example.com/ more\n",
	"words and ftp://example.com/ more\n",
	"mail someone@example.com today\n",
	"words <span id=\"here\">x</span> words\n",
	"words <!-- careerlint-disable-next-line level-name -- why --> words\n",
	"- item one words\n- item [two](/x/) words\n- item three words\n",
	"1. plain item words\n\n   loose paragraph words\n2. other\n",
	"> quoted plain words\n> and [link](/q/)\n",
	"words with a footnote[^1] here\n\n[^1]: note words\n",
	"*emphasis at start* then words\n",
	"`code [not a link](/x/)` words\n",
	"words\\\nhard break then [link](/z/)\n",
	"- [ ] task words\n- [x] done words\n",
	// Links goldmark reads as text (link-syntax).
	"See [values] (/handbook/values/) and [a b](/x y/) and [c][nodef].\n\n- [x](/handbook/x/)\n",
	"Read [the guide]\n(/handbook/guide/) and [*em*] (/e/).\n",
	"## Heading with words\n\nplain words\n\n### Another *one*\n",
	"words {{< ref \"x.md\" >}} words\n",
	// Brackets inside a shortcode are no link syntax.
	"words {{< tip \"see [values] (/handbook/values/)\" >}} words\n",
	"<div id=\"block\">\nwords\n</div>\n\nplain words\n",
	// A footnote is rendered, with the anchors in it, only when referenced.
	"See the note[^1] for details.\n\n[^1]: Details <a id=\"details\"></a> are here.\n",
	"See the note[^n] for details.\n\n[^n]: Text.\n\n    ## Deep heading\n",
	// A quote the typographer opens, which a later heading's text
	// depends on ("0” 0" or "0\" 0"), after a symbol, a dash or a space
	// that is not ASCII.
	"costs $\"5 and more words\n\n## 0\" 0\n",
	"words a+\"b and more\n\n## 0\" 0\n",
	"words\u2014\"quoted and more\n\n## 0\" 0\n",
	"words \u00ab\"x and\u00a0\"y more\n\n## 0\" 0\n",
	"words ~'twas more\n\n## 0' 0\n",
}

// TestLeanParseSameIndexes checks that skipping plain paragraphs in a lean
// parse keeps every index a lean run reads, on the cases above and on
// every Markdown file under testdata (and the corpus, when
// CAREERLINT_CORPUS is set).
func TestLeanParseSameIndexes(t *testing.T) {
	for _, c := range leanCases {
		for _, nofm := range []bool{false, true} {
			if d := leanIndexes(t, []byte(c), nofm); d != "" {
				t.Errorf("%q (no front matter %v): skipping plain paragraphs changes the indexes (-all +skip):\n%s", c, nofm, d)
			}
		}
	}
	roots := []string{filepath.Join("..", "testdata"), "testdata"}
	if c := os.Getenv("CAREERLINT_CORPUS"); c != "" {
		if !filepath.IsAbs(c) {
			c = filepath.Join("..", c)
		}
		roots = append(roots, filepath.Dir(c))
	}
	n := 0
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			if unnameableOnWindows(d.Name()) {
				t.Logf("%s: left out: Windows forbids its name", p)
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			n++
			include := strings.Contains(filepath.ToSlash(p), "/includes/")
			if d := leanIndexes(t, src, include); d != "" {
				t.Errorf("%s: skipping plain paragraphs changes the indexes (-all +skip):\n%s", p, d)
			}
			return nil
		})
	}
	if n < 100 {
		t.Fatalf("compared %d files; expected the testdata trees", n)
	}
}

func TestMayHoldLink(t *testing.T) {
	for line, want := range map[string]bool{
		"plain words. and more: words":   false,
		"see [x](/y/)":                   true,
		"a <b> tag":                      true,
		"mail a@b.example":               true,
		"go to http://x.example":         true,
		"go to https://x.example":        true,
		"or ftp://x.example":             true,
		"or www.example.com":             true,
		"tp: at the start":               true,
		"stop: no":                       false,
		"wwwx. no":                       false,
		"":                               false,
		"ends in tp":                     false,
		"s: and ps: and tps without one": false,
	} {
		if got := mayHoldLink([]byte(line)); got != want {
			t.Errorf("mayHoldLink(%q) = %v, want %v", line, got, want)
		}
	}
}

// quoteDelims is a delimiter processor for goldmark's ScanDelimiter that
// takes quotes for delimiters, as the typographer's does.
type quoteDelims struct{}

func (quoteDelims) IsDelimiter(c byte) bool                             { return c == '"' || c == '\'' }
func (quoteDelims) CanOpenCloser(opener, closer *parser.Delimiter) bool { return false }
func (quoteDelims) OnMatch(consumes int) ast.Node                       { return nil }

// TestMayOpenQuote: a line holding a quote that goldmark's typographer
// may take for an opening one (which it counts across blocks), as
// goldmark's ScanDelimiter decides it, is one mayOpenQuote reports, for
// each quote between every pair of runes of a set: every ASCII one, and
// punctuation, symbols, spaces and letters past ASCII, and a byte that is
// not UTF-8.
func TestMayOpenQuote(t *testing.T) {
	var runes []string
	for c := 0x01; c < 0x80; c++ {
		if c != '"' && c != '\'' {
			runes = append(runes, string(rune(c)))
		}
	}
	runes = append(runes, "\u2014", "\u00ab", "\u00bb", "\u201c", "\u2026", "\u00a0", "\u2028", "\u3000", "\u0085", "\u00a9", "\u20ac", "é", "中", "\U0001F91D", "\xff", "\xe2\x80")
	for _, q := range []string{"\"", "'"} {
		for _, b := range runes {
			before, _ := utf8.DecodeLastRuneInString(b)
			for _, a := range runes {
				line := "x" + b + q + a + "y"
				d := parser.ScanDelimiter([]byte(q+a+"y"), before, 1, quoteDelims{})
				if d.CanOpen && !d.CanClose && !mayOpenQuote([]byte(line)) {
					t.Errorf("mayOpenQuote(%q) = false, but goldmark may open a quote there", line)
				}
			}
		}
	}
	if mayOpenQuote([]byte("it's a word\"s quote")) {
		t.Errorf("mayOpenQuote reports quotes between letters")
	}
}

// TestAnchorsWithoutIncludes checks the short cut of Site.anchorsOf for a
// page without includes (the IDs its parse computed) against computing
// them again, on every Markdown page under testdata and on duplicates.
func TestAnchorsWithoutIncludes(t *testing.T) {
	s := NewSite(t.TempDir(), DefaultConfig(), nil)
	srcs := []string{"## A\n## A\n### A {#a-1}\n## A\n<a name=\"x\"></a>\n## B {#a}\n## a\n"}
	for _, root := range []string{filepath.Join("..", "testdata"), "testdata"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !unnameableOnWindows(d.Name()) {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				srcs = append(srcs, string(b))
			}
			return nil
		})
	}
	n := 0
	for _, src := range srcs {
		p := parse(t, src)
		if len(p.Includes) > 0 {
			continue
		}
		n++
		if d := cmp.Diff(s.anchorsWalk(p), s.anchorsOf(p)); d != "" {
			t.Errorf("anchors of %q differ (-walk +short cut):\n%s", src[:min(len(src), 60)], d)
		}
	}
	if n < 50 {
		t.Fatalf("compared %d pages", n)
	}
}

// TestPackLinks checks that links come back from their compact form as
// they were, for every kind and flag.
func TestPackLinks(t *testing.T) {
	p := &Page{Path: "p.md"}
	for k := InlineLink; k <= RefLink; k++ {
		for _, sc := range []string{"", "ref", "relref"} {
			p.Links = append(p.Links, Link{Kind: k, Dest: "/x/#y", Span: p.Span(int(k), 40+int(k)), DestStart: 3, DestEnd: 8, Shortcode: sc, Dynamic: k%2 == 0, Exact: k%2 == 1})
		}
	}
	want := append([]Link(nil), p.Links...)
	p.packLinks()
	if p.Links != nil || len(p.packed) != len(want) {
		t.Fatalf("packLinks kept %d links, packed %d", len(p.Links), len(p.packed))
	}
	p.unpackLinks()
	if d := cmp.Diff(want, p.Links); d != "" {
		t.Errorf("links after packing and unpacking (-want +got):\n%s", d)
	}
}
