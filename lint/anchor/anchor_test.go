package anchor

import (
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
)

// headings parses src with NewMarkdown and returns its headings in document
// order.
func headings(t testing.TB, src []byte) []*ast.Heading {
	t.Helper()
	doc := NewMarkdown().Parser().Parse(text.NewReader(src))
	var hs []*ast.Heading
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, h)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return hs
}

// feed parses src and records its headings into tab in document order, the
// way a caller does; it returns the IDs.
func feed(t testing.TB, tab *Table, src string) []string {
	t.Helper()
	b := []byte(src)
	var ids []string
	for _, h := range headings(t, b) {
		if id, ok := ID(h, b); ok {
			ids = append(ids, tab.Explicit(id))
			continue
		}
		ids = append(ids, tab.Auto(Slug(Text(h, b))))
	}
	return ids
}

// texts parses src and returns Text of each heading.
func texts(t testing.TB, src string) []string {
	t.Helper()
	b := []byte(src)
	var out []string
	for _, h := range headings(t, b) {
		out = append(out, Text(h, b))
	}
	return out
}

// TestDesignVectors checks every row of design.md section 3's table, which
// was verified against Hugo v0.151.0.
func TestDesignVectors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"ampersand", "## Diversity, Inclusion & Belonging Competency\n", []string{"diversity-inclusion--belonging-competency"}},
		{"en dash", "## Senior Engineer -- Technical\n", []string{"senior-engineer--technical"}},
		{"apostrophe and punctuation", "## What's expected of a Staff+ / Principal?\n", []string{"whats-expected-of-a-staff--principal"}},
		{"dot", "## Section 1.1\n", []string{"section-11"}},
		{"link", "## See [the *Engineering* ladder](/handbook/engineering/)\n", []string{"see-the"}},
		{"nested emphasis", "## **Bold *nested* words** here\n", []string{"bold--here"}},
		{"linkify", "## See https://example.com docs\n", []string{"see--docs"}},
		{"emoji", "## 🤝 Collaboration\n", []string{"-collaboration"}},
		{"explicit id", "## 🤝 Collaboration{#collaboration}\n", []string{"collaboration"}},
		{"entity and accents", "## R&amp;D and Café Résumé\n", []string{"rd-and-café-résumé"}},
		{"space runs", "## Many   spaces  here\n", []string{"many---spaces--here"}},
		{"empty slugs", "## !!!\n\n## ???\n", []string{"heading", "heading-1"}},
		{"code span", "## Code `foo-bar_baz` works\n", []string{"code-foo-bar_baz-works"}},
		{"duplicates", "## Values\n\n## Values\n\n## Values 1\n", []string{"values", "values-1", "values-1-1"}},
		{"suffix taken first", "## Other 1\n\n## Other\n\n## Other\n", []string{"other-1", "other", "other-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := feed(t, NewTable(), tt.src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("IDs of %q (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestText checks the plain text extracted from headings.
func TestText(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"plain", "# Plain title\n", []string{"Plain title"}},
		{"typographer en dash decoded", "## a -- b\n", []string{"a – b"}},
		{"typographer em dash and ellipsis", "## a --- b...\n", []string{"a — b…"}},
		{"typographer quotes", "## \"Quoted\" and 'single'\n", []string{"“Quoted” and ‘single’"}},
		{"setext multi-line keeps last line", "First line\nsecond *line*\n===\n", []string{"second line"}},
		{"setext level 2 multi-line", "One\nTwo\nThree\n---\n", []string{"Three"}},
		{"setext single line", "Only\n====\n", []string{"Only"}},
		{"setext in blockquote", "> Quoted\n> heading\n> ===\n", []string{"heading"}},
		// Hugo's TextPlain writes a newline after a hard line break too, so
		// the setext heading keeps only its last line.
		{"setext hard line break is a newline", "foo\\\nbar\n===\n", []string{"bar"}},
		{"setext two-space hard line break", "foo  \nbar\n===\n", []string{"bar"}},
		// A newline decoded from &NewLine; cuts a setext heading of several
		// lines too, but one of a single line keeps it.
		{"setext one line with NewLine entity", "A &NewLine;- 1\n---\n", []string{"A \n- 1"}},
		{"setext lines with NewLine entity", "X\nY &NewLine; z\n---\n", []string{" z"}},
		{"atx in blockquote", "> ## Inside quote\n", []string{"Inside quote"}},
		{"atx closing sequence", "### Closed ###\n", []string{"Closed"}},
		// goldmark v1.7, Hugo's, reads an attribute list before the closing
		// sequence: it is no text.
		{"attributes before closing sequence", "## T {.cls} ##\n", []string{"T "}},
		{"attributes before and after closing sequence", "## V {.c} ## {.d}\n", []string{"V "}},
		{"escaped attributes before closing sequence", "## G \\{.c} ##\n", []string{"G \\{.c}"}},
		{"image first child", "## Logo ![the *alt* text](logo.png) end\n", []string{"Logo the  end"}},
		{"inline html", "## <span>x</span> y\n", []string{"x y"}},
		{"inline html with attribute", "## <span title=\"a>b\">x</span> y\n", []string{"x y"}},
		{"html comment", "## a <!-- note --> b\n", []string{"a  b"}},
		{"entity copy", "## &copy; 2024\n", []string{"© 2024"}},
		// TextPlain resolves named entities only (goldmark's
		// util.ResolveEntityNames): numeric references stay as written, and
		// so does a name without its ";".
		{"numeric entity", "## &#35;1 &#x41;\n", []string{"&#35;1 &#x41;"}},
		{"entity without semicolon", "## Terms &amp conditions\n", []string{"Terms &amp conditions"}},
		{"image without alt text only", "## ![](logo.png)\n", []string{""}},
		{"code span with entity", "## Use `&amp;` here\n", []string{"Use & here"}},
		{"code span first child only", "## `a` and `b`\n", []string{"a and b"}},
		{"strikethrough", "## ~~old~~ new\n", []string{"old new"}},
		{"autolink angle", "## Visit <https://example.com> now\n", []string{"Visit  now"}},
		{"linkify www", "## Visit www.example.com now\n", []string{"Visit  now"}},
		{"footnote reference", "## Title[^1]\n\n[^1]: note\n", []string{"Title"}},
		{"emphasis starting with link", "## *[a](/x) b* c\n", []string{"a c"}},
		{"emphasis starting with autolink", "## *<https://x.y> b* c\n", []string{" c"}},
		{"empty link", "## [](/x) z\n", []string{" z"}},
		{"explicit id removed from text", "## Title {#custom}\n", []string{"Title"}},
		{"backslash escape as written", "## a\\*b\n", []string{"a\\*b"}},
		{"empty atx", "##\n", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(t, tt.src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Text of %q (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestIDs checks whole-page ID computation beyond the design vectors.
func TestIDs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"setext", "First line\nSecond Line\n===\n", []string{"second-line"}},
		{"setext emphasis across lines", "*Emphasis\nspans* lines\n---\n", []string{"lines"}},
		{"image", "## Logo ![Alt text](logo.png)\n", []string{"logo-alt-text"}},
		{"image alt with emphasis", "## Logo ![Alt *text*](logo.png)\n", []string{"logo-alt"}},
		{"image only", "## ![*Company* logo](logo.png)\n", []string{"company"}},
		{"inline html", "## <span>x</span> y\n", []string{"x-y"}},
		// Hugo strips tags and comments only: the text of a processing
		// instruction, declaration or CDATA section stays (each checked
		// against a Hugo 0.151 build).
		{"processing instruction", "## <?x?>\n\n## a <?php ?> b\n\n## <??>\n", []string{"x", "a-php--b", "heading"}},
		{"declaration and cdata", "## <!DOCTYPE> a\n\n## <![CDATA[y]]> a\n\n## q <!X y> r\n", []string{"doctype-a", "cdatay-a", "q-x-y-r"}},
		{"tags and comments", "## a </b> c\n\n## <br/> d\n\n## <!-- c --> z\n", []string{"a--c", "d", "z"}},
		{"entity copy", "## &copy; Copyright\n", []string{"-copyright"}},
		{"entity letter", "## Caf&eacute;\n", []string{"café"}},
		{"code span entity", "## `&amp;` and `&eacute;`\n", []string{"-and-é"}},
		{"explicit collides with earlier auto", "## Values\n\n## Other {#values}\n\n## Values\n", []string{"values", "values", "values-1"}},
		{"explicit equal to later auto", "## First {#intro}\n\n## Intro\n\n## Intro\n", []string{"intro", "intro-1", "intro-2"}},
		{"explicit duplicate kept verbatim", "## A {#x}\n\n## B {#x}\n", []string{"x", "x"}},
		{"explicit quoted form", "## A {id=\"my-id\" .cls}\n", []string{"my-id"}},
		{"explicit id with odd characters", "## A {#Odd_ID.1}\n", []string{"Odd_ID.1"}},
		{"explicit id reserves suffix", "## T {#t-1}\n\n## T\n\n## T\n", []string{"t-1", "t", "t-2"}},
		{"underscore", "## snake_case_name\n", []string{"snake_case_name"}},
		{"leading underscore", "## _private_ thing\n", []string{"private-thing"}},
		{"digits", "## 2024 Q1: Goals #3\n", []string{"2024-q1-goals-3"}},
		{"cyrillic", "## Привет Мир\n", []string{"привет-мир"}},
		{"cjk", "## 神真美好 Good\n", []string{"神真美好-good"}},
		{"greek upper", "## ΣΟΦΙΑ\n", []string{"σοφια"}},
		{"tab dropped", "## Tab\tSpace\n", []string{"tabspace"}},
		{"non-breaking space dropped", "## Non\u00a0breaking\n", []string{"nonbreaking"}},
		{"trailing hyphen kept", "## Trailing hyphen-\n", []string{"trailing-hyphen-"}},
		{"leading hyphen kept", "## - lead\n", []string{"--lead"}},
		{"heading numbering", "## !!!\n\n## Heading\n\n## ???\n", []string{"heading", "heading-1", "heading-2"}},
		{"in list item", "- ## Listed\n- ## Listed\n", []string{"listed", "listed-1"}},
		{"all levels share the table", "# Same\n\n###### Same\n", []string{"same", "same-1"}},
		{"strikethrough", "## ~~Old~~ New\n", []string{"old-new"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := feed(t, NewTable(), tt.src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("IDs of %q (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestIncludesShareTable simulates a page whose headings are followed by the
// headings of an included Markdown file: two separate goldmark documents fed
// in order into one Table share the duplicate counter.
func TestIncludesShareTable(t *testing.T) {
	tab := NewTable()
	page := feed(t, tab, "# Engineer\n\n## Values\n\n## Scope {#scope}\n")
	include := feed(t, tab, "## Values\n\n## Scope\n\n## Engineer\n")
	after := feed(t, tab, "## Values\n")

	got := [][]string{page, include, after}
	want := [][]string{
		{"engineer", "values", "scope"},
		{"values-1", "scope-1", "engineer-1"},
		{"values-2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}

	// A fresh table (another page) starts over.
	if diff := cmp.Diff([]string{"values"}, feed(t, NewTable(), "## Values\n")); diff != "" {
		t.Errorf("fresh table (-want +got):\n%s", diff)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "heading"},
		{"   ", "heading"},
		{"!!!", "heading"},
		{" Trailing Space ", "trailing-space"},
		{"\tTabbed\t", "tabbed"},
		{"Multiple--Hyphens", "multiple--hyphens"},
		{"Forward/slash", "forwardslash"},
		{"Back\\slash", "backslash"},
		{"1+2=3", "123"},
		{"Resumé", "resumé"},
		{"a – b", "a--b"},
		{"line\nbreak", "linebreak"},
		{"İstanbul", "istanbul"},
		{"Ⅻ roman", "-roman"},
		{"٣ arabic-indic", "٣-arabic-indic"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	tab := NewTable()
	var got []string
	got = append(got, tab.Auto("a"), tab.Auto("a"), tab.Explicit("a-2"), tab.Auto("a"), tab.Auto(""), tab.Auto("heading"))
	want := []string{"a", "a-1", "a-2", "a-3", "heading", "heading-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	for _, id := range append(want, "a-2") {
		if !tab.Has(id) {
			t.Errorf("Has(%q) = false, want true", id)
		}
	}
	for _, id := range []string{"a-4", "b", ""} {
		if tab.Has(id) {
			t.Errorf("Has(%q) = true, want false", id)
		}
	}
}

func TestExplicitID(t *testing.T) {
	tests := []struct {
		src    string
		want   string
		wantOK bool
	}{
		{"## Title {#custom}\n", "custom", true},
		{"## Title{#glued}\n", "glued", true},
		{"## Title {id=\"quoted value\"}\n", "quoted value", true},
		{"## Title {.cls}\n", "", false},
		{"## Title\n", "", false},
		{"## Title {#custom} trailing\n", "", false},
		{"Setext {#under}\n===\n", "under", true},
	}
	for _, tt := range tests {
		hs := headings(t, []byte(tt.src))
		if len(hs) != 1 {
			t.Fatalf("%q: got %d headings, want 1", tt.src, len(hs))
		}
		got, ok := ExplicitID(hs[0])
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ExplicitID(%q) = %q, %v; want %q, %v", tt.src, got, ok, tt.want, tt.wantOK)
		}
	}

	// A programmatically set string value and a non-string value.
	h := ast.NewHeading(2)
	h.SetAttributeString("id", "s")
	if got, ok := ExplicitID(h); got != "s" || !ok {
		t.Errorf("string attribute: got %q, %v", got, ok)
	}
	h.SetAttributeString("id", 12.0)
	if got, ok := ExplicitID(h); got != "12" || !ok {
		t.Errorf("number attribute: got %q, %v", got, ok)
	}
}

// TestClosedID: Hugo 0.151 (goldmark v1.7.13) strips an ATX heading's
// closing sequence before it reads the attribute list at the end of the
// text, so "{#id} ##" sets the id (IDs checked against a Hugo 0.151 build).
func TestClosedID(t *testing.T) {
	tests := []struct {
		src    string
		want   string
		wantOK bool
	}{
		{"### A {#abc} ##\n", "abc", true},
		{"### B {.cls #bcd} #\n", "bcd", true},
		{"### F {id=\"f g\"} ##\n", "f g", true},
		{"### H {#hij}   ###   \n", "hij", true},
		{"### I {#x1} {#ijk} ##\n", "ijk", true},
		{"### M {#x1 #mno} ##\n", "mno", true},
		{"### W {#w1} ## {.d}\n", "w1", true}, // after a list both read
		{"### V {.c} ##\n", "", false},        // a list without an id
		{"> ## Q {#quoted} ##\n", "quoted", true},
		{"### C {#cde}##\n", "", false},    // no closing sequence: "##" is text
		{"### D {#def} \\##\n", "", false}, // an escaped '#' is text
		{"### G \\{#ghi} ##\n", "", false}, // an escaped '{' opens no list
		{"### J {#jkl} x ##\n", "", false}, // text after the list
		{"### K {#klm}\n", "", false},      // ExplicitID's case
		{"L {#lmn} ##\n===\n", "", false},  // setext: "##" is text
	}
	for _, tt := range tests {
		hs := headings(t, []byte(tt.src))
		if len(hs) != 1 {
			t.Fatalf("%q: got %d headings, want 1", tt.src, len(hs))
		}
		got, ok := ClosedID(hs[0], []byte(tt.src))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ClosedID(%q) = %q, %v; want %q, %v", tt.src, got, ok, tt.want, tt.wantOK)
		}
	}
}

// TestID: goldmark v1.7, Hugo 0.151's, opens no attribute list right after
// a backslash, even an escaped one, so the list is text of the heading
// (IDs checked against a Hugo 0.151 build).
func TestID(t *testing.T) {
	tests := []struct{ src, want string }{
		{"## A \\\\{#x}\n", "a-x"},
		{"## B \\\\{.c}\n", "b-c"},
		{"C \\\\{#y}\n===\n", "c-y"},
		{"## D \\\\\\\\{#z}\n", "d-z"},
		{"## E \\\\ {#w}\n", "w"},
		{"## F \\\\{#v} ##\n", "f-v"},
		{"## G \\{#g}\n", "g-g"},
		{"## H {#h}\n", "h"},
	}
	for _, tt := range tests {
		if got := feed(t, NewTable(), tt.src); len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: IDs %q, want [%q]", tt.src, got, tt.want)
		}
	}
}

// validSlug reports whether s is a non-empty string of lower-case letters,
// digits, '_' and '-'. "Lower-case" means unchanged by unicode.ToLower, as
// some letters (title case, or upper case without a lower-case mapping) are
// kept as is.
func validSlug(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r == '-' || r == '_':
		case unicode.IsDigit(r):
		case unicode.IsLetter(r) && unicode.ToLower(r) == r:
		default:
			return false
		}
	}
	return true
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "Hello World", "R&D -- x", "🤝 Collab", "Привет", "\t a_b ", "\xff\xfe", "ǅ"} {
		f.Add(s)
	}
	for _, s := range fuzzseed.Seeds(f, "FuzzSlug") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if !validSlug(got) {
			t.Errorf("Slug(%q) = %q: not a valid slug", s, got)
		}
		if Slug(got) != got {
			t.Errorf("Slug not idempotent on %q: %q then %q", s, got, Slug(got))
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"## See [the *Engineering* ladder](/x)\n",
		"## **Bold *nested* words** here\n",
		"Setext\nheading\n===\n",
		"## <span title='>'>x</span> &amp; y{#id}\n",
		"## https://example.com -- `code` ![img](i.png)[^1]\n\n[^1]: n\n",
		"> - ## nested\n",
	} {
		f.Add(s)
	}
	for _, s := range fuzzseed.Seeds(f, "FuzzText") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, src string) {
		b := []byte(src)
		tab := NewTable()
		for _, h := range headings(t, b) {
			txt := Text(h, b)
			if isSetext(h, b) && h.Lines().Len() > 1 && strings.Contains(txt, "\n") {
				t.Errorf("setext heading text %q contains a newline", txt)
			}
			id, ok := ExplicitID(h)
			if ok {
				tab.Explicit(id)
				continue
			}
			slug := Slug(txt)
			if !validSlug(slug) {
				t.Errorf("Slug(%q) = %q: not a valid slug", txt, slug)
			}
			id = tab.Auto(slug)
			if !tab.Has(id) || !strings.HasPrefix(id, slug) {
				t.Errorf("Auto(%q) = %q", slug, id)
			}
		}
	})
}

// TestTableRandom compares Table with the plain algorithm (try slug, then
// slug-1, slug-2, ... from 1 each time) on random runs of automatic and
// explicit IDs, explicit ones such as "a-2" included.
func TestTableRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	slugs := []string{"a", "b", "a-1", "a-2", "b-1", ""}
	for run := 0; run < 2000; run++ {
		tb := NewTable()
		used := map[string]bool{}
		for step := 0; step < 40; step++ {
			s := slugs[r.Intn(len(slugs))]
			if r.Intn(4) == 0 {
				tb.Explicit(s)
				used[s] = true
				continue
			}
			base := s
			if base == "" {
				base = "heading"
			}
			want := base
			for i := 1; used[want]; i++ {
				want = base + "-" + strconv.Itoa(i)
			}
			used[want] = true
			if got := tb.Auto(s); got != want {
				t.Fatalf("run %d step %d: Auto(%q) = %q, want %q", run, step, s, got, want)
			}
		}
	}
}

// TestLinkifyEndsAsV17 checks the IDs of headings holding a bare URL whose
// end goldmark v1.7 (Hugo 0.151's) and v1.8 place differently: the text
// after the URL is part of the ID. Each ID was checked against a Hugo
// 0.151 build.
func TestLinkifyEndsAsV17(t *testing.T) {
	tests := []struct{ src, want string }{
		// v1.7 takes off as many characters as there are unmatched ')'.
		{"## A https://x.org/a))b) c\n", "a-b-c"},
		{"## E https://x.org/a)b) f\n", "e-b-f"},
		{"## F https://x.org/(a)) g\n", "f--g"},
		{"## J (https://x.org/a)) k\n", "j--k"},
		// v1.7 takes off a final '.' or character reference, not both.
		{"## B https://x.org/x&eacute;. d\n", "b--d"},
		{"## N *https://x.org/a&eacute;.* o\n", "n--o"},
		{"## C https://x.org/x&eacute;\n", "c-é"},
		{"## G https://x.org/a&amp;b;. h\n", "g--h"},
		{"## H https://x.org/a.,.) i\n", "h--i"},
		{"## D www.x.org/p_(q)_ e\n", "d-_-e"},
		{"## I https://x.org/a_&lt; j\n", "i-_-j"},
		{"## L https://x.org/a?&b;! m\n", "l--m"},
		{"## M x@y.org) n\n", "m--n"},
	}
	for _, tt := range tests {
		if got := feed(t, NewTable(), tt.src); len(got) != 1 || got[0] != tt.want {
			t.Errorf("IDs of %q = %q, want [%s]", tt.src, got, tt.want)
		}
	}
}

// TestNextLineList checks the IDs of ATX headings with a closing sequence
// followed, on a later line, by an attribute list, which goldmark v1.7
// (Hugo 0.151's) reads as the heading's. Each ID was checked against a
// Hugo 0.151 build.
func TestNextLineList(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"## A ##\n{#x}\n", []string{"x"}},
		{"## A #\t\n\n\n{#x}   \n", []string{"x"}},
		{"## A #\n\n    {#x}\n", []string{"x"}},
		{"## A #\n{#x\n\n}\n", []string{"x"}},
		{"## A #\n{ #x }\n", []string{"x"}},
		{"## A #\n{#x .c data-k=\"v\"}\n", []string{"x"}},
		{"- ## A #\n  {#x}\n", []string{"x"}},
		{"- ## A #\n{#x}\n", []string{"x"}},
		{"> ## A #\n{#x}\n", []string{"x"}},
		{"## A\\# #\n{#x}\n", []string{"x"}},
		// Each attribute is set in turn: the last id wins.
		{"## A #\n{#x #y}\n", []string{"y"}},
		{"## B ##\n{id=\"p\" #q}\n", []string{"q"}},
		// The list before the closing sequence gives way to it.
		{"## A {#y} #\n{#x}\n", []string{"x"}},
		{"## A {#y} #\n{.c}\n", []string{"y"}},
		// Not read: no closing sequence, text after the list or after the
		// first '#' run, a list not first on its line, or not parsed.
		{"## A\n{#x}\n", []string{"a"}},
		{"## A #\n{#x} tail\n", []string{"a"}},
		{"## A ##\n{#x}{#z}\n", []string{"a"}},
		{"## A # #\n{#x}\n", []string{"a-"}},
		{"## A # B #\n{#x}\n", []string{"a--b"}},
		{"> ## A #\n> {#x}\n", []string{"a"}},
		{"## A #\n\n- {#x}\n", []string{"a"}},
		{"## A #\n\n<div>\n{#x}\n</div>\n", []string{"a"}},
		{"## A #\n{#x\n", []string{"a"}},
		{"A\n===\n{#x}\n", []string{"a"}},
		// The heading the list follows takes it, not the one after it.
		{"## A ##\n\n{#x}\n## B\n", []string{"x", "b"}},
	}
	for _, tt := range tests {
		if got := feed(t, NewTable(), tt.src); !slices.Equal(got, tt.want) {
			t.Errorf("%q: IDs %q, want %q", tt.src, got, tt.want)
		}
	}
}
