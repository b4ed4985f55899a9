package lint

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
)

type headingView struct {
	Level     int
	Text, ID  string
	Explicit  bool
	Setext    bool
	Shortcode bool
	SpanText  string
	Source    string
	Line      int
}

func viewHeadings(p *Page) []headingView {
	var out []headingView
	for _, h := range p.Headings {
		out = append(out, headingView{h.Level, h.Text, h.ID, h.Explicit, h.Setext, h.Shortcode, textOf(p.Src, h.Span.Start, h.Span.End), textOf(p.Src, h.TextStart, h.TextEnd), lineOf(p.Src, h.Span.Start)})
	}
	return out
}

func TestParsePageHeadings(t *testing.T) {
	src := `---
title: "Senior"
---

{{% include "includes/nav.md" %}}
## Senior {#senior-level}
Intro.

## Values
## Values
### Values 1
## Closed heading ##
Setext one
==========

Setext two
----------

## Team {{< icon "star" >}} building
## !!!
## ???
# **Bold *nested* words** here
## Other {#values}
`
	p := parse(t, src)
	want := []headingView{
		{2, "Senior", "senior-level", true, false, false, "## Senior {#senior-level}", "Senior", 6},
		{2, "Values", "values", false, false, false, "## Values", "Values", 9},
		{2, "Values", "values-1", false, false, false, "## Values", "Values", 10},
		{3, "Values 1", "values-1-1", false, false, false, "### Values 1", "Values 1", 11},
		{2, "Closed heading", "closed-heading", false, false, false, "## Closed heading ##", "Closed heading", 12},
		{1, "Setext one", "setext-one", false, true, false, "Setext one\n==========", "Setext one", 13},
		{2, "Setext two", "setext-two", false, true, false, "Setext two\n----------", "Setext two", 16},
		{2, `Team {{< icon "star" >}} building`, "", false, false, true, `## Team {{< icon "star" >}} building`, `Team {{< icon "star" >}} building`, 19},
		{2, "!!!", "heading", false, false, false, "## !!!", "!!!", 20},
		{2, "???", "heading-1", false, false, false, "## ???", "???", 21},
		{1, "Bold  here", "bold--here", false, false, false, "# **Bold *nested* words** here", "**Bold *nested* words** here", 22},
		{2, "Other", "values", true, false, false, "## Other {#values}", "Other", 23},
	}
	got := viewHeadings(p)
	// The ID of a heading holding a shortcode is unstable in Hugo; only
	// the flag is asserted.
	for i := range got {
		if got[i].Shortcode {
			got[i].ID = ""
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}

// TestParsePageHeadingsDuplicateIDs: within one page each automatic ID is
// unique, explicit IDs are kept verbatim.
func TestParsePageHeadingsDuplicateIDs(t *testing.T) {
	p := parse(t, "## Other 1\n## Other\n## Other\n## A {#x}\n## X\n## B {#x}\n## X\n")
	var ids []string
	for _, h := range p.Headings {
		ids = append(ids, h.ID)
	}
	if diff := cmp.Diff([]string{"other-1", "other", "other-2", "x", "x-1", "x", "x-2"}, ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
}

type linkView struct {
	Kind     LinkKind
	Dest     string
	Text     string
	SpanText string
}

func viewLinks(p *Page) []linkView {
	var out []linkView
	for _, l := range p.Links {
		out = append(out, linkView{l.Kind, l.Dest, l.Text, textOf(p.Src, l.Span.Start, l.Span.End)})
	}
	return out
}

func TestParsePageLinks(t *testing.T) {
	src := `---
title: T
---
See [the values](/handbook/values/#boring-solutions) and [a *styled* one](/a/ "Title").
Full [ref][r1], collapsed [r2][] and shortcut [r3].
Brackets [a [b] c](/nested/) and parens [p](/x_(y)).
Auto <https://handbook.gitlab.com/handbook/> and mail <team@example.com>.
Bare https://about.gitlab.com/handbook/x/ and (https://example.com/p) too.
https://line-head.example/
Image ![diagram](/images/d.png) and ![ref image][r1].
Escaped \[not a link](/no/) and ` + "`[code](/no/)`" + `.

[r1]: /handbook/one/
[r2]: /handbook/two/ "Two"
[r3]: <https://example.com/three>
`
	p := parse(t, src)
	want := []linkView{
		{InlineLink, "/handbook/values/#boring-solutions", "the values", "[the values](/handbook/values/#boring-solutions)"},
		{InlineLink, "/a/", "a styled one", `[a *styled* one](/a/ "Title")`},
		{InlineLink, "/handbook/one/", "ref", "[ref][r1]"},
		{InlineLink, "/handbook/two/", "r2", "[r2][]"},
		{InlineLink, "https://example.com/three", "r3", "[r3]"},
		{InlineLink, "/nested/", "a [b] c", "[a [b] c](/nested/)"},
		{InlineLink, "/x_(y)", "p", "[p](/x_(y))"},
		{AutoLink, "https://handbook.gitlab.com/handbook/", "https://handbook.gitlab.com/handbook/", "<https://handbook.gitlab.com/handbook/>"},
		{AutoLink, "team@example.com", "team@example.com", "<team@example.com>"},
		{AutoLink, "https://about.gitlab.com/handbook/x/", "https://about.gitlab.com/handbook/x/", "https://about.gitlab.com/handbook/x/"},
		{AutoLink, "https://example.com/p", "https://example.com/p", "https://example.com/p"},
		{AutoLink, "https://line-head.example/", "https://line-head.example/", "https://line-head.example/"},
		{ImageLink, "/images/d.png", "diagram", "![diagram](/images/d.png)"},
		{ImageLink, "/handbook/one/", "ref image", "![ref image][r1]"},
	}
	if diff := cmp.Diff(want, viewLinks(p)); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

type listView struct {
	Ordered bool
	Marker  string
	Depth   int
	Markers []string // src[MarkerStart:MarkerEnd] of each item
	Numbers []int
	Lines   []int // line of each item's marker
}

func viewLists(p *Page) []listView {
	var out []listView
	for _, l := range p.Lists {
		v := listView{Ordered: l.Ordered, Marker: string(l.Marker), Depth: l.Depth}
		for _, it := range l.Items {
			v.Markers = append(v.Markers, textOf(p.Src, it.MarkerStart, it.MarkerEnd))
			v.Numbers = append(v.Numbers, it.Number)
			v.Lines = append(v.Lines, lineOf(p.Src, it.MarkerStart))
		}
		out = append(out, v)
	}
	return out
}

func TestParsePageLists(t *testing.T) {
	src := `1. one
1. one
1. one

Para.

1. a
2. b
3. c

Para.

3) x
4) y
10) z

Para.

- dash
  * star
    + plus
      1. deep
- dash

> 1. quoted
> 1. quoted
>
> > - nested quote

  - indented
`
	p := parse(t, src)
	want := []listView{
		{true, ".", 0, []string{"1.", "1.", "1."}, []int{1, 1, 1}, []int{1, 2, 3}},
		{true, ".", 0, []string{"1.", "2.", "3."}, []int{1, 2, 3}, []int{7, 8, 9}},
		{true, ")", 0, []string{"3)", "4)", "10)"}, []int{3, 4, 10}, []int{13, 14, 15}},
		{false, "-", 0, []string{"-", "-"}, []int{-1, -1}, []int{19, 23}},
		{false, "*", 1, []string{"*"}, []int{-1}, []int{20}},
		{false, "+", 2, []string{"+"}, []int{-1}, []int{21}},
		{true, ".", 3, []string{"1."}, []int{1}, []int{22}},
		{true, ".", 0, []string{"1.", "1."}, []int{1, 1}, []int{25, 26}},
		{false, "-", 0, []string{"-"}, []int{-1}, []int{28}},
		{false, "-", 0, []string{"-"}, []int{-1}, []int{30}},
	}
	if diff := cmp.Diff(want, viewLists(p)); diff != "" {
		t.Errorf("lists (-want +got):\n%s", diff)
	}
	// Item and list spans start at the first marker and cover the content.
	l := p.Lists[3]
	if got := textOf(p.Src, l.Items[0].Span.Start, l.Items[0].Span.End); got != "- dash\n  * star\n    + plus\n      1. deep" {
		t.Errorf("first item spans %q", got)
	}
	if got := textOf(p.Src, l.Span.Start, l.Span.End); !strings.HasPrefix(got, "- dash\n") || !strings.HasSuffix(got, "- dash") {
		t.Errorf("list spans %q", got)
	}
}

func TestParsePageListsCRLFAndMultiByte(t *testing.T) {
	src := "Ünïcödé 🤝 text\r\n\r\n1. café\r\n1. naïve\r\n"
	p := parse(t, src)
	want := []listView{{true, ".", 0, []string{"1.", "1."}, []int{1, 1}, []int{3, 4}}}
	if diff := cmp.Diff(want, viewLists(p)); diff != "" {
		t.Errorf("lists (-want +got):\n%s", diff)
	}
	if got := textOf(p.Src, p.Lists[0].Items[1].Span.Start, p.Lists[0].Items[1].Span.End); got != "1. naïve" {
		t.Errorf("item spans %q (line ending included?)", got)
	}
}

type includeView struct {
	Target   string
	SpanText string
	ArgText  string
}

func TestParsePageIncludes(t *testing.T) {
	src := "---\ntitle: T\n---\n" +
		"{{% include \"includes/engineering-careers/nav.md\" %}}\n" +
		"{{< include \"includes/b.md\" >}}\n" +
		"{{% include `includes/raw.md` %}}\n" +
		"{{</* include \"includes/escaped.md\" */>}}\n" +
		"{{< details >}}inside{{< /details >}}\n" +
		"```\n{{% include \"includes/fenced.md\" %}}\n```\n" +
		"{{$ include \"includes/malformed.md\" %}}\n" +
		"Text {{% include \"includes/inline.md\" %}} more.\n"
	p := parse(t, src)
	var got []includeView
	for _, inc := range p.Includes {
		got = append(got, includeView{inc.Target, textOf(p.Src, inc.Span.Start, inc.Span.End), textOf(p.Src, inc.ArgStart, inc.ArgEnd)})
	}
	want := []includeView{
		{"includes/engineering-careers/nav.md", `{{% include "includes/engineering-careers/nav.md" %}}`, `"includes/engineering-careers/nav.md"`},
		{"includes/b.md", `{{< include "includes/b.md" >}}`, `"includes/b.md"`},
		{"includes/raw.md", "{{% include `includes/raw.md` %}}", "`includes/raw.md`"},
		// Hugo sees shortcodes inside code fences too.
		{"includes/fenced.md", `{{% include "includes/fenced.md" %}}`, `"includes/fenced.md"`},
		{"includes/inline.md", `{{% include "includes/inline.md" %}}`, `"includes/inline.md"`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("includes (-want +got):\n%s", diff)
	}
	if len(p.ShortcodeProblems) != 1 || !strings.Contains(p.ShortcodeProblems[0].Message, "{{$") {
		t.Errorf("shortcode problems %+v, want the malformed opener", p.ShortcodeProblems)
	}
	// Other include shortcode names come from the options.
	p = ParsePage("p.md", []byte("{{< embed \"x.md\" >}}\n{{% include \"y.md\" %}}\n"), ParseOptions{IncludeShortcodes: []string{"embed"}})
	if len(p.Includes) != 1 || p.Includes[0].Target != "x.md" {
		t.Errorf("includes with IncludeShortcodes=[embed]: %+v", p.Includes)
	}
}

// TestParsePageMasking: shortcodes and front matter are blanked to the same
// length, so the offsets of what follows are file offsets.
func TestParsePageMasking(t *testing.T) {
	src := "---\ntitle: \"## Not a heading\"\n---\n{{% include \"includes/a-rather-long-name/with/folders.md\" %}}\n## Competencies\n{{< details >}}\n## Inside details\n{{< /details >}}\n[link](/x/) {{< badge \"new\" >}} [second](/y/)\n"
	p := parse(t, src)
	if len(p.Masked) != len(p.Src) {
		t.Fatalf("masked length %d, source length %d", len(p.Masked), len(p.Src))
	}
	if bytes.Count(p.Masked, []byte("\n")) != bytes.Count(p.Src, []byte("\n")) {
		t.Error("masking changed the number of lines")
	}
	if bytes.Contains(p.Masked, []byte("{{")) || bytes.Contains(p.Masked, []byte("Not a heading")) {
		t.Errorf("masked text still holds shortcodes or front matter:\n%s", p.Masked)
	}
	got := viewHeadings(p)
	want := []headingView{
		{2, "Competencies", "competencies", false, false, false, "## Competencies", "Competencies", 5},
		{2, "Inside details", "inside-details", false, false, false, "## Inside details", "Inside details", 7},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"[link](/x/)", "[second](/y/)"}, []string{viewLinks(p)[0].SpanText, viewLinks(p)[1].SpanText}); diff != "" {
		t.Errorf("links around a shortcode (-want +got):\n%s", diff)
	}
}

type directiveView struct {
	Kind     DirectiveKind
	Rules    []string
	Reason   string
	SpanText string
	Problem  bool
}

func TestParsePageDirectives(t *testing.T) {
	src := `---
title: T
---
<!-- careerlint-disable ordered-list-style -- legacy numbering -->
<!-- careerlint-enable ordered-list-style -->
<!-- careerlint-disable-next-line CL004,front-matter link-style -- three rules -->
<!-- careerlint-disable-file heading-id -- generated page -->
Inline <!-- careerlint-disable-next-line CL004 -- inline --> comment.
<!-- careerlint-disable level-name -->
<!-- careerlint-disable-next-line level-name -- -->
<!-- careerlint-disable -- reason but no rule -->
<!-- careerlint-disabled foo -- typo -->
<!-- careerlint-disable-file front-matter
     -- spans two lines -->
<!-- an ordinary comment -->

` + "```html\n<!-- careerlint-disable-file x -- in a code fence -->\n```\n" + `
> <!-- careerlint-disable-next-line q -- quoted -->

<!-- careerlint-disable-next-line whitespace -- see <https://example.com/> -->
Text <!-- careerlint-disable-next-line CL004 -- a -> b --> here.

<!-- CAREERLINT-DISABLE-NEXT-LINE whitespace -- upper case -->
`
	p := parse(t, src)
	var got []directiveView
	for _, d := range p.Directives {
		got = append(got, directiveView{d.Kind, d.Rules, d.Reason, textOf(p.Src, d.Span.Start, d.Span.End), d.Problem != ""})
	}
	want := []directiveView{
		{DisableDirective, []string{"ordered-list-style"}, "legacy numbering", "<!-- careerlint-disable ordered-list-style -- legacy numbering -->", false},
		{EnableDirective, []string{"ordered-list-style"}, "", "<!-- careerlint-enable ordered-list-style -->", false},
		{DisableNextLineDirective, []string{"CL004", "front-matter", "link-style"}, "three rules", "<!-- careerlint-disable-next-line CL004,front-matter link-style -- three rules -->", false},
		{DisableFileDirective, []string{"heading-id"}, "generated page", "<!-- careerlint-disable-file heading-id -- generated page -->", false},
		{DisableNextLineDirective, []string{"CL004"}, "inline", "<!-- careerlint-disable-next-line CL004 -- inline -->", false},
		{DisableDirective, []string{"level-name"}, "", "<!-- careerlint-disable level-name -->", true},
		{DisableNextLineDirective, []string{"level-name"}, "", "<!-- careerlint-disable-next-line level-name -- -->", true},
		{DisableDirective, nil, "reason but no rule", "<!-- careerlint-disable -- reason but no rule -->", true},
		{DirectiveKind("disabled"), []string{"foo"}, "typo", "<!-- careerlint-disabled foo -- typo -->", true},
		{DisableFileDirective, []string{"front-matter"}, "spans two lines", "<!-- careerlint-disable-file front-matter\n     -- spans two lines -->", false},
		{DisableNextLineDirective, []string{"q"}, "quoted", "<!-- careerlint-disable-next-line q -- quoted -->", false},
		// A ">" in the reason does not end the comment (HTML's "-->" does).
		{DisableNextLineDirective, []string{"whitespace"}, "see <https://example.com/>", "<!-- careerlint-disable-next-line whitespace -- see <https://example.com/> -->", false},
		{DisableNextLineDirective, []string{"CL004"}, "a -> b", "<!-- careerlint-disable-next-line CL004 -- a -> b -->", false},
		// Written in capitals: read, and reported (it suppresses nothing).
		{DirectiveKind("DISABLE-NEXT-LINE"), []string{"whitespace"}, "upper case", "<!-- CAREERLINT-DISABLE-NEXT-LINE whitespace -- upper case -->", true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}
	for _, d := range p.Directives {
		if d.Problem != "" && (strings.HasSuffix(d.Problem, ".") || strings.ToLower(d.Problem[:1]) != d.Problem[:1]) {
			t.Errorf("problem %q is not lower-case without a final period", d.Problem)
		}
	}
}

func TestParsePageHTMLIDs(t *testing.T) {
	src := "<div id=\"block-id\">\n<a name='named'></a>\n</div>\n\nText <span class=\"x\" id=\"inline-id\">s</span> and <a href=\"/x\">no id</a>.\n\n```\n<div id=\"in-code\"></div>\n```\n\n<h2 ID = \"upper\">Raw heading</h2>\n"
	p := parse(t, src)
	var ids []string
	for _, h := range p.HTMLIDs {
		ids = append(ids, h.ID)
		if got := src[h.Span.Start:h.Span.End]; got != h.ID {
			t.Errorf("span of HTML ID %q holds %q", h.ID, got)
		}
	}
	if diff := cmp.Diff([]string{"block-id", "named", "inline-id", "upper"}, ids); diff != "" {
		t.Errorf("HTML IDs (-want +got):\n%s", diff)
	}
}

// TestParsePageInlineRawText checks that the tags written between an
// inline start tag of a raw-text element and its end tag in the same
// paragraph or heading give no anchor and no link: a browser reads them as
// text (a template keeps them out of the document), as it does in an HTML
// block. Hugo writes the paragraph as it is.
func TestParsePageInlineRawText(t *testing.T) {
	src := "Text <template><span id=\"t1\"></span></template> and <TEXTAREA rows=2><a name=\"t2\" href=\"/no/\"></a></textarea> <i id=\"after\">i</i>.\n\n" +
		"## Head <noscript><span id=\"t3\"></span></noscript> <b id=\"in-head\">b</b>\n\n" +
		"Next <span id=\"next\">x</span> <a href=\"/yes/\">y</a> <textarea/><b id=\"t5\"></b></textarea >\n\n" +
		"<textarea></textarea><span id=\"closed\"></span> <style>a{}</style><span id=\"closed2\"></span>\n"
	p := parse(t, src)
	var ids, links []string
	for _, h := range p.HTMLIDs {
		ids = append(ids, h.ID)
	}
	for _, l := range p.Links {
		links = append(links, l.Dest)
	}
	if diff := cmp.Diff([]string{"after", "in-head", "next", "closed", "closed2"}, ids); diff != "" {
		t.Errorf("HTML IDs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"/yes/"}, links); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

func TestParsePageOffsetsCRLFBOMMultiByte(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"lf", "---\ntitle: \"Café\"\n---\n\n## Résumé 🤝 skills\n\n- [ünï](/handbook/ü/) and [b](/b/)\n"},
		{"crlf", "---\r\ntitle: \"Café\"\r\n---\r\n\r\n## Résumé 🤝 skills\r\n\r\n- [ünï](/handbook/ü/) and [b](/b/)\r\n"},
		{"bom", "\xef\xbb\xbf---\ntitle: \"Café\"\n---\n\n## Résumé 🤝 skills\n\n- [ünï](/handbook/ü/) and [b](/b/)\n"},
		{"bom crlf", "\xef\xbb\xbf---\r\ntitle: \"Café\"\r\n---\r\n\r\n## Résumé 🤝 skills\r\n\r\n- [ünï](/handbook/ü/) and [b](/b/)\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parse(t, tt.src)
			if p.FrontMatter == nil || p.FrontMatter.Err != nil {
				t.Fatalf("front matter %+v", p.FrontMatter)
			}
			wantH := []headingView{{2, "Résumé 🤝 skills", "résumé--skills", false, false, false, "## Résumé 🤝 skills", "Résumé 🤝 skills", 5}}
			if diff := cmp.Diff(wantH, viewHeadings(p)); diff != "" {
				t.Errorf("headings (-want +got):\n%s", diff)
			}
			wantL := []linkView{{InlineLink, "/handbook/ü/", "ünï", "[ünï](/handbook/ü/)"}, {InlineLink, "/b/", "b", "[b](/b/)"}}
			if diff := cmp.Diff(wantL, viewLinks(p)); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
			// Column of the second link in code points.
			pos := p.Lines.Position(p.Links[1].Span.Start)
			if pos.Line != 7 || pos.Column != 27 {
				t.Errorf("second link at %d:%d, want 7:27", pos.Line, pos.Column)
			}
			if len(p.Lists) != 1 || textOf(p.Src, p.Lists[0].Items[0].MarkerStart, p.Lists[0].Items[0].MarkerEnd) != "-" {
				t.Errorf("lists %+v", p.Lists)
			}
		})
	}
}

func TestParsePageBOMWithoutFrontMatter(t *testing.T) {
	p := parse(t, "\xef\xbb\xbf## Title\n")
	if diff := cmp.Diff([]headingView{{2, "Title", "title", false, false, false, "## Title", "Title", 1}}, viewHeadings(p)); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}

type problemKinds []FileProblemKind

func kinds(p *Page) problemKinds {
	var out problemKinds
	for _, pr := range p.Problems {
		out = append(out, pr.Kind)
	}
	return out
}

func TestParsePageFileProblems(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      problemKinds
		wantStart []int
		parsed    bool
	}{
		{"clean", "## A\n", nil, nil, true},
		{"empty", "", problemKinds{ProblemEmpty}, []int{0}, false}, // nothing to check: one finding says so
		{"nul", "## A\n\x00\x01binary", problemKinds{ProblemBinary}, []int{5}, false},
		{"invalid utf-8", "## Café\n\xe9t\xe9\n", problemKinds{ProblemInvalidUTF8}, []int{9}, true},
		{"truncated multi-byte at end", "## A\n\xf0\x9f\xa4", problemKinds{ProblemInvalidUTF8}, []int{5}, true},
		{"bom", "\xef\xbb\xbf## A\n", problemKinds{ProblemBOM}, []int{0}, true},
		{"crlf", "## A\r\n\r\ntext\r\n", problemKinds{ProblemCRLF}, []int{4}, true},
		{"mixed lf first", "## A\n\r\ntext\r\n", problemKinds{ProblemMixedEOL}, []int{5}, true},
		{"mixed crlf first", "## A\r\n\ntext\n", problemKinds{ProblemMixedEOL}, []int{6}, true},
		{"bom crlf invalid", "\xef\xbb\xbf## A\r\n\xff\r\n", problemKinds{ProblemBOM, ProblemInvalidUTF8, ProblemCRLF}, []int{0, 9, 7}, true},
		// A CR that ends no line: inside one, before a CRLF's CR, at the
		// end of the file; a run of CRs is one problem.
		{"stray cr in line", "- a\r- b\n", problemKinds{ProblemStrayCR}, []int{3}, true},
		{"stray cr run", "a\r\r\rb\n", problemKinds{ProblemStrayCR}, []int{1}, true},
		{"stray cr before crlf", "a\r\r\nb\r\n", problemKinds{ProblemCRLF, ProblemStrayCR}, []int{2, 1}, true},
		{"stray cr at end", "a\nb\r", problemKinds{ProblemStrayCR}, []int{3}, true},
		// In front matter YAML reads a line break there (TOML refuses
		// it); unclosed front matter is text.
		{"stray cr in yaml", "---\na: b\rc: d\n---\n", problemKinds{ProblemStrayCRFrontMatter}, []int{8}, true},
		{"stray cr in toml", "+++\na = 1\rb = 2\n+++\n", problemKinds{ProblemStrayCRFrontMatter}, []int{9}, true},
		{"stray cr, unclosed", "---\na: b\rc: d\n", problemKinds{ProblemStrayCR}, []int{8}, true},
		// After a byte order mark, and in JSON front matter, too.
		{"stray cr in yaml after a bom", "\xef\xbb\xbf---\na: b\rc: d\n---\n", problemKinds{ProblemBOM, ProblemStrayCRFrontMatter}, []int{0, 11}, true},
		{"stray cr in toml after a bom", "\xef\xbb\xbf+++\na = 1\rb = 2\n+++\n", problemKinds{ProblemBOM, ProblemStrayCRFrontMatter}, []int{0, 12}, true},
		{"stray cr in json", "{\"a\": 1,\r\"b\": 2}\n", problemKinds{ProblemStrayCRFrontMatter}, []int{8}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parse(t, tt.src)
			if diff := cmp.Diff(tt.want, kinds(p)); diff != "" {
				t.Fatalf("problems (-want +got):\n%s", diff)
			}
			var starts []int
			for _, pr := range p.Problems {
				starts = append(starts, pr.Start)
				if pr.Message == "" || pr.End < pr.Start || pr.End > len(tt.src) {
					t.Errorf("problem %+v has no message or a bad span", pr)
				}
			}
			if diff := cmp.Diff(tt.wantStart, starts); diff != "" {
				t.Errorf("problem starts (-want +got):\n%s", diff)
			}
			if p.Parsed() != tt.parsed || (p.Doc != nil) != tt.parsed {
				t.Errorf("Parsed() = %v, Doc nil = %v; want parsed %v", p.Parsed(), p.Doc == nil, tt.parsed)
			}
		})
	}
}

// TestParsePageHostileInput: nothing panics, and everything completes.
func TestParsePageHostileInput(t *testing.T) {
	big := strings.Repeat("word ", 1<<20/5)
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, p *Page)
	}{
		{"1 MB single line", big, func(t *testing.T, p *Page) {
			if len(p.Headings) != 0 || p.Lines.Lines() != 1 {
				t.Errorf("headings %d lines %d", len(p.Headings), p.Lines.Lines())
			}
		}},
		{"1 MB heading", "## " + big, func(t *testing.T, p *Page) {
			if len(p.Headings) != 1 || p.Headings[0].Span.End != len(p.Src) {
				t.Errorf("headings %d", len(p.Headings))
			}
		}},
		// Deeper nesting is not parsed (see TestDeepNesting).
		{"nested blockquotes at the limit", strings.Repeat(">", MaxNesting) + " ## deep\n", func(t *testing.T, p *Page) {
			if !p.Parsed() {
				t.Error("not parsed")
			}
		}},
		{"nested lists at the limit", strings.Repeat("- ", MaxNesting) + "deep\n", func(t *testing.T, p *Page) {
			if !p.Parsed() || len(p.Lists) == 0 {
				t.Fatalf("parsed %v, %d lists", p.Parsed(), len(p.Lists))
			}
			for i, l := range p.Lists {
				if l.Depth != i {
					t.Fatalf("list %d has depth %d", i, l.Depth)
				}
			}
		}},
		{"nested ordered lists in quotes at the limit", strings.Repeat("> 1. ", MaxNesting/2) + "x\n", nil},
		{"unclosed constructs", "[a](\n``` \n<div\n{{< x \n<!-- careerlint-disable \n***\n", nil},
		{"10000 openers", strings.Repeat("[", 10000) + strings.Repeat("{{<", 10000) + strings.Repeat("<!--", 1000), nil},
		{"many link brackets", strings.Repeat("[x](", 3000) + strings.Repeat(")", 3000), nil},
		{"only front matter delimiters", "---\n", nil},
		{"only bom", "\xef\xbb\xbf", nil},
		{"cr inside lines", "## A\rB\r\n\rC\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			p := parse(t, tt.src)
			if len(p.Masked) != len(p.Src) {
				t.Errorf("masked length %d != %d", len(p.Masked), len(p.Src))
			}
			checkSpans(t, p)
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

// checkSpans asserts that every index of a page points inside the file.
func checkSpans(t *testing.T, p *Page) {
	t.Helper()
	n := len(p.Src)
	ok := func(what string, s, e int) {
		if s < 0 || e > n || s > e {
			t.Errorf("%s span [%d,%d) outside [0,%d]", what, s, e, n)
		}
	}
	for _, h := range p.Headings {
		ok("heading", h.Span.Start, h.Span.End)
		ok("heading text", h.TextStart, h.TextEnd)
	}
	for _, l := range p.Links {
		ok("link", l.Span.Start, l.Span.End)
	}
	for _, l := range p.Lists {
		ok("list", l.Span.Start, l.Span.End)
		for _, it := range l.Items {
			ok("item", it.Span.Start, it.Span.End)
			ok("marker", it.MarkerStart, it.MarkerEnd)
		}
	}
	for _, i := range p.Includes {
		ok("include", i.Span.Start, i.Span.End)
		ok("include arg", i.ArgStart, i.ArgEnd)
	}
	for _, d := range p.Directives {
		ok("directive", d.Span.Start, d.Span.End)
	}
	for _, pr := range p.Problems {
		ok("problem", pr.Start, pr.End)
	}
}

func FuzzParsePage(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\n---\n## A\n1. x\n",
		"+++\ntitle = \"T\"\n+++\n{{% include \"a.md\" %}}\n",
		"{\"title\": \"T\"}\n> - [a](/b/)\n<!-- careerlint-disable x -- y -->\n",
		"\xef\xbb\xbf## A {#b}\r\nSetext\r\n---\r\n",
		"plain words\n\nsee[^1] and www.x.org\n\n[^1]: note <a id=\"n\"></a>\n\n    ## In note\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range fuzzseed.Seeds(f, "FuzzParsePage") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := ParsePage("f.md", src, parseOptions(DefaultConfig()))
		checkSpans(t, p)
		if d := leanIndexes(t, src, false); d != "" {
			t.Errorf("skipping plain paragraphs in a lean parse changes the indexes (-all +skip):\n%s", d)
		}
	})
}

// TestParsePageLoneCRAndUTF16: a file whose lines end with CR alone, and
// a UTF-16 file, are not parsed, with a message that names the cause; a
// file of NUL bytes is not taken for UTF-16.
func TestParsePageLoneCRAndUTF16(t *testing.T) {
	for _, c := range []struct{ name, src, kind, msg string }{
		{"lone cr", "---\rtitle: x\r---\r\r## A\r", string(ProblemLoneCR), "file ends its lines with CR alone (classic Mac OS)"},
		{"utf-16le with bom", "\xff\xfe-\x00-\x00-\x00\n\x00", string(ProblemBinary), "file is UTF-16 text"},
		{"utf-16be without bom", "\x00#\x00#\x00 \x00A\x00\n", string(ProblemBinary), "file is UTF-16 text"},
		{"nul bytes", strings.Repeat("\x00", 64), string(ProblemBinary), "file contains a NUL byte and is not a text file"},
		{"utf-32le", "-\x00\x00\x00-\x00\x00\x00-\x00\x00\x00\n\x00\x00\x00", string(ProblemBinary), "file is UTF-32 text"},
		{"utf-32 with bom", "\xff\xfe\x00\x00#\x00\x00\x00", string(ProblemBinary), "file is UTF-32 text"},
	} {
		p := parse(t, c.src)
		if p.Parsed() || len(p.Problems) != 1 || string(p.Problems[0].Kind) != c.kind || !strings.HasPrefix(p.Problems[0].Message, c.msg) {
			t.Errorf("%s: parsed %v, problems %+v; want only %s, %q...", c.name, p.Parsed(), p.Problems, c.kind, c.msg)
		}
	}
	if p := parse(t, "## A\r"); !p.Parsed() {
		t.Errorf("one line ending in CR: not parsed (%+v)", p.Problems)
	}
}

// TestStrayCRs checks the span of each stray CR run and that a file full
// of them gets maxStrayCRs problems, the last saying how many more.
func TestStrayCRs(t *testing.T) {
	p := parse(t, "a\r\r\nb\r\r\rc\n")
	var spans [][2]int
	for _, pr := range p.Problems {
		if pr.Kind == ProblemStrayCR {
			spans = append(spans, [2]int{pr.Start, pr.End})
		}
	}
	if diff := cmp.Diff([][2]int{{1, 2}, {5, 8}}, spans); diff != "" {
		t.Errorf("stray CR spans (-want +got):\n%s", diff)
	}

	src := "## A\n" + strings.Repeat("x\ry\n", maxStrayCRs+7)
	p = parse(t, src)
	n := 0
	for _, pr := range p.Problems {
		if pr.Kind == ProblemStrayCR {
			n++
		}
	}
	if n != maxStrayCRs {
		t.Fatalf("%d stray CR problems, want %d", n, maxStrayCRs)
	}
	last := p.Problems[len(p.Problems)-1]
	if !strings.HasSuffix(last.Message, "(7 more stray CRs in this file are not listed)") {
		t.Errorf("last message %q does not count the rest", last.Message)
	}
	if strings.Contains(p.Problems[0].Message, "more") {
		t.Errorf("first message %q counts the rest", p.Problems[0].Message)
	}
}

// TestFrontMatterClosedByLoneCR: Hugo ends the closing delimiter's line
// at a lone CR (checked against a Hugo 0.151 build): the front matter is
// closed, the text after the CR starts the page's first line, and the
// CR is reported as front matter's, to be made a line break.
func TestFrontMatterClosedByLoneCR(t *testing.T) {
	p := parse(t, "---\ntitle: T\n---\r## Senior\n\nText.\n")
	if p.FrontMatter == nil || p.FrontMatter.Err != nil || p.FrontMatter.End != 17 {
		t.Fatalf("front matter %+v, want closed at 17", p.FrontMatter)
	}
	if len(p.Headings) != 1 || p.Headings[0].Text != "Senior" || p.Headings[0].Span.Start != 17 {
		t.Errorf("headings %+v, want ## Senior at 17", p.Headings)
	}
	var kinds []FileProblemKind
	for _, pr := range p.Problems {
		kinds = append(kinds, pr.Kind)
	}
	if diff := cmp.Diff([]FileProblemKind{ProblemStrayCRFrontMatter}, kinds); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestParsePageHTMLInContainers checks the spans of HTML anchors, links
// and directives in raw HTML that a list item or a blockquote indents:
// goldmark's segments skip each line's indentation or "> " (and write a
// tab split by the container as padding), so offsets into the joined text
// drifted by a few bytes a line, and a directive's next line was the
// wrong one.
func TestParsePageHTMLInContainers(t *testing.T) {
	src := "- z\n\n  <div>\n  <p>a</p>\n  <!-- careerlint-disable-next-line duplicate-anchor -- reason -->\n  <a id=\"x\"></a><a id=\"y\"></a>\n  </div>\n\n" +
		"> <div>\n> <a id=\"q\"></a>\n> <a id=\"r\"></a> <a href=\"#nope\">n</a>\n> </div>\n\n" +
		"- t\n\n\t<div>\n\t<a id=\"tab\"></a>\n\t</div>\n\n" +
		"> text <span\n> id=\"inline\">x</span>\n"
	p := parse(t, src)
	var ids []string
	for _, h := range p.HTMLIDs {
		ids = append(ids, h.ID)
		if got := textOf(p.Src, h.Span.Start, h.Span.End); got != h.ID {
			t.Errorf("span of HTML ID %q holds %q", h.ID, got)
		}
	}
	if diff := cmp.Diff([]string{"x", "y", "q", "r", "tab", "inline"}, ids); diff != "" {
		t.Errorf("HTML IDs (-want +got):\n%s", diff)
	}
	if len(p.Directives) != 1 {
		t.Fatalf("directives %+v", p.Directives)
	}
	d := p.Directives[0]
	if got := textOf(p.Src, d.Span.Start, d.Span.End); got != "<!-- careerlint-disable-next-line duplicate-anchor -- reason -->" {
		t.Errorf("span of the directive holds %q", got)
	}
	var found bool
	for _, l := range p.Links {
		if l.Kind == HTMLLink {
			found = true
			if got := textOf(p.Src, l.Span.Start, l.Span.End); got != "<a href=\"#nope\"" {
				t.Errorf("span of the HTML link holds %q", got)
			}
			if got := textOf(p.Src, l.DestStart, l.DestEnd); got != "#nope" {
				t.Errorf("destination of the HTML link holds %q", got)
			}
		}
	}
	if !found {
		t.Errorf("no HTML link in %+v", p.Links)
	}
}

// TestEmptyBlockAfterSplitTab: goldmark places a block after a tab that a
// container splits up to three bytes past its marker; for an empty list
// item or heading that is past the end of its line, on the next line's
// marker or at the end of the text, so a list-marker fix rewrote the next
// item's marker and inserted one at the end of the file.
func TestEmptyBlockAfterSplitTab(t *testing.T) {
	src := "- a\n\n\t*\n\t*\n\n- b\n\n\t*\n\n- d\n\n\t1.\n\t1.\n"
	p := parse(t, src)
	var got []int
	for _, l := range p.Lists {
		if l.Depth == 1 {
			for _, it := range l.Items {
				got = append(got, it.MarkerStart)
				if m := textOf(p.Src, it.MarkerStart, it.MarkerEnd); m != "*" && m != "1." {
					t.Errorf("item at %d: marker %q", it.MarkerStart, m)
				}
			}
		}
	}
	var want []int
	for i := 0; i < len(src); i++ {
		if (src[i] == '*' || src[i] == '1') && src[i-1] == '\t' {
			want = append(want, i)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nested item markers (-want +got):\n%s", diff)
	}

	h := parse(t, "- a\n\n\t#\n").Headings
	if len(h) != 1 || h[0].Span.Start != 6 {
		t.Fatalf("headings %+v, want one starting at its marker, offset 6", h)
	}
}

// TestInvalidUTF8Latin1Hint checks the message of a file that is not
// UTF-8: one that reads as Latin-1 (Windows-1252) text, every byte past
// ASCII a character of it and no UTF-8 sequence among them, is said to be
// one, with the character its first bad byte is there (named, if it
// shows as nothing or as a space); a UTF-8 file with
// a stray byte, a byte Windows-1252 leaves undefined, or control
// characters (a binary file) get no guess.
func TestInvalidUTF8Latin1Hint(t *testing.T) {
	const plain = "invalid UTF-8 byte 0x%02x; save the file as UTF-8"
	for _, tt := range []struct {
		name, src, want string
	}{
		{"latin-1", "## Caf\xe9 cr\xe8me\n", `invalid UTF-8 byte 0xe9; the file looks like Latin-1 (Windows-1252), where it is "é"; save it as UTF-8`},
		{"windows-1252 quotes", "He said \x93hi\x94 \x96 caf\xe9\n", `invalid UTF-8 byte 0x93; the file looks like Latin-1 (Windows-1252), where it is "“"; save it as UTF-8`},
		{"latin-1 ending in a letter past ASCII", "caf\xe9", `invalid UTF-8 byte 0xe9; the file looks like Latin-1 (Windows-1252), where it is "é"; save it as UTF-8`},
		{"latin-1 no-break space", "10\xa0km caf\xe9\n", `invalid UTF-8 byte 0xa0; the file looks like Latin-1 (Windows-1252), where it is a no-break space (U+00A0); save it as UTF-8`},
		{"latin-1 soft hyphen", "co\xadoperate\n", `invalid UTF-8 byte 0xad; the file looks like Latin-1 (Windows-1252), where it is a soft hyphen (U+00AD); save it as UTF-8`},
		{"utf-8 with a stray byte", "## Café\n\xe9t\xe9\n", fmt.Sprintf(plain, 0xe9)},
		{"byte windows-1252 leaves undefined", "## Caf\xe9 \x81\n", fmt.Sprintf(plain, 0xe9)},
		{"control characters", "## Caf\xe9\x02\x03\n", fmt.Sprintf(plain, 0xe9)},
		{"truncated utf-8", "## A\n\xf0\x9f\xa4", fmt.Sprintf(plain, 0xf0)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := parse(t, tt.src)
			var got []string
			for _, pr := range p.Problems {
				if pr.Kind == ProblemInvalidUTF8 {
					got = append(got, pr.Message)
				}
			}
			if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
				t.Errorf("invalid UTF-8 messages (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBlankComments checks that HTML comments are blanked in place, line
// breaks kept, and that one left open runs to the end.
func TestBlankComments(t *testing.T) {
	in := "a <!-- Senior\nStaff --> b <!-- open"
	want := "a " + strings.Repeat(" ", len("<!-- Senior")) + "\n" + strings.Repeat(" ", len("Staff -->")) + " b " + strings.Repeat(" ", len("<!-- open"))
	if got := string(BlankComments([]byte(in))); got != want {
		t.Errorf("BlankComments = %q, want %q", got, want)
	}
}

// TestHeadingWritten checks the heading quoted in messages: as written,
// comments and an explicit ID's attribute left out, white space made one.
func TestHeadingWritten(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"## *Senior*  Scope\n", "*Senior* Scope"},
		{"## Senior <!-- was Staff --> Scope\n", "Senior Scope"},
		{"## Results {#results}\n", "Results"},
		{"## Results {#results} ##\n", "Results"},
		{"## Results {#results}   ###\n", "Results"},
		{"## Set {a} here\n", "Set {a} here"},
		{"## Ends in {braces}\n", "Ends in {braces}"},
		{"## <!-- only a comment --> Plain\n", "Plain"},
		{"Setext\nover two lines\n---\n", "Setext over two lines"},
		{"## Set {a} {#set} ##\n", "Set {a}"},
		{"## Set {a} {#set}\n", "Set {a}"},
		{"## Use `x{}` {#use} ##\n", "Use `x{}`"},
		{"## See https://example.com/{a#b} {#id}\n", "See https://example.com/{a#b}"},
		{"## Outcomes {id=\"out\"} ##\n", "Outcomes"},
		{"## Scores {id=2024} ##\n", "Scores"},
		{"## A {.cls #a} ##\n", "A"},
		{"## Not a list {#a} text ##\n", "Not a list {#a} text"},
	} {
		p := parse(t, tc.src)
		if len(p.Headings) != 1 {
			t.Errorf("%q: %d headings", tc.src, len(p.Headings))
			continue
		}
		if got := p.Headings[0].Written(); got != tc.want {
			t.Errorf("%q: Written() = %q, want %q (Source %q, Text %q)", tc.src, got, tc.want, p.Headings[0].Source, p.Headings[0].Text)
		}
	}
}
