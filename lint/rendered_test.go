package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint/anchor"
)

// partView is a RenderedPart with its file by path and its via shortcode
// by the text it covers.
type partView struct {
	File       string
	Start, End string // the text at the bounds, "" at 0 and "END" at noLimit
	Context    IncludeContext
	From       int
	Via        string
	Last       bool
}

func TestRenderedParts(t *testing.T) {
	page := "# Page\n{{% include \"includes/a.md\" %}}\nText {{% include \"includes/inline.md\" %}}\n```\n{{% include \"includes/a.md\" %}}\n```\n{{% include \"includes/missing.md\" %}}\nEnd\n"
	s := newTestSite(t, map[string]string{
		"content/p.md": page,
		// a.md nests b.md at the start of a line: b is read as blocks.
		"assets/includes/a.md": "## A\n{{% include \"includes/b.md\" %}}\n## A2\n",
		"assets/includes/b.md": "## B\n",
		// inline.md's first line continues the page's line "Text ...": the
		// include on it continues that line too, and b's first line with it.
		"assets/includes/inline.md": "{{% include \"includes/b.md\" %}} more\n## Inline\n",
	}, "content/p.md")
	p := s.Page("content/p.md")
	inl := s.ResolveInclude("includes/inline.md").Page
	at := func(f *Page, off int) string {
		switch off {
		case 0:
			return ""
		case noLimit:
			return "END"
		}
		end := min(off+12, len(f.Src))
		return string(f.Src[off:end])
	}
	var got []partView
	for _, rp := range s.RenderedParts(p) {
		v := partView{File: rp.File.Path, Start: at(rp.File, rp.Start), End: at(rp.File, rp.End), Context: rp.Context, From: rp.MarkdownFrom, Last: rp.Last}
		if rp.Via != (Span{}) {
			v.Via = string(p.Src[rp.Via.Start:rp.Via.End])
		}
		got = append(got, v)
	}
	incA, incInline := "{{% include \"includes/a.md\" %}}", "{{% include \"includes/inline.md\" %}}"
	want := []partView{
		{File: "content/p.md", Start: "", End: "{{% include ", Context: IncludeBlock},
		{File: "assets/includes/a.md", Start: "", End: "{{% include ", Context: IncludeBlock, Via: incA},
		{File: "assets/includes/b.md", Start: "", End: "END", Context: IncludeBlock, Via: incA, Last: true},
		{File: "assets/includes/a.md", Start: "{{% include ", End: "END", Context: IncludeBlock, Via: incA, Last: true},
		{File: "content/p.md", Start: "{{% include ", End: "{{% include ", Context: IncludeBlock},
		{File: "assets/includes/b.md", Start: "", End: "END", Context: IncludeInline, From: len("## B"), Via: incInline, Last: true},
		// inline.md starts with its include: its text before it is empty.
		{File: "assets/includes/inline.md", Start: "", End: "END", Context: IncludeInline, From: inl.firstLineEnd, Via: incInline, Last: true},
		// The include in the code block and the missing one add nothing.
		{File: "content/p.md", Start: "{{% include ", End: "END", Context: IncludeBlock, Last: true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("parts (-want +got):\n%s", d)
	}

	// The headings Hugo reads: b's "## B" continues the line "Text ..."
	// where inline.md is pasted, so it is no heading there.
	var ids []string
	for _, an := range s.Anchors(p) {
		ids = append(ids, an.ID)
	}
	if d := cmp.Diff([]string{"page", "a", "b", "a2", "inline"}, ids); d != "" {
		t.Errorf("anchors (-want +got):\n%s", d)
	}
}

func TestRenderedPartsNoIncludes(t *testing.T) {
	s := newTestSite(t, map[string]string{"content/p.md": "# P\n[x](/y/)\n"}, "content/p.md")
	p := s.Page("content/p.md")
	parts := s.RenderedParts(p)
	if len(parts) != 1 || parts[0].File != p || !parts[0].Last || len(parts[0].Headings()) != 1 || len(parts[0].Links()) != 1 {
		t.Errorf("parts of a page without includes: %+v", parts)
	}
}

// TestRenderedPartsFootnoteHeading: goldmark renders footnotes at the end
// of the page, so a heading in a footnote comes after the headings of the
// includes that follow it in the source, as the page's own headings list
// it. The footnote's reference and note IDs come after the headings.
func TestRenderedPartsFootnoteHeading(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md":         "Text[^1]\n\n[^1]: note\n\n    ## Fn\n\n{{% include \"includes/b.md\" %}}\n\n## X\n",
		"assets/includes/b.md": "## B\n",
	}, "content/p.md")
	var ids []string
	for _, a := range s.Anchors(s.Page("content/p.md")) {
		ids = append(ids, a.ID)
	}
	if d := cmp.Diff([]string{"b", "x", "fn", "fnref:1", "fn:1"}, ids); d != "" {
		t.Errorf("anchors (-want +got):\n%s", d)
	}
}

// TestCrossFileReferenceLinks: a reference that its own file leaves as
// text is a link where the page it is rendered on holds its definition
// in another file; the first definition in reading order wins, even over
// the file's own (the page's [x] below), a reference or definition in raw
// HTML does not count, and the link is the definition's, with the
// reference's span.
func TestCrossFileReferenceLinks(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md": "Use [a][x] and ![b][img].\n\n" +
			"{{% include \"includes/defs.md\" %}}\n\n" +
			"{{% include \"includes/uses.md\" %}}\n\n" +
			"<div>\n{{% include \"includes/html.md\" %}}\n</div>\n\n" +
			"[x]: /handbook/late/\n[y]: {{< ref \"/handbook/y\" >}}#frag\n",
		"assets/includes/defs.md": "[x]: /handbook/first/\n[img]: /img.png\n",
		"assets/includes/uses.md": "Text [c][y] and [d][none] and [e][img], [img] and [none] [^1] a[i].\n",
		// In raw HTML: neither the reference nor the definition is Markdown.
		"assets/includes/html.md": "[f][x]\n[z]: /handbook/z/\n",
	}, "content/p.md")
	p := s.Page("content/p.md")
	type view struct {
		Use, DefFile, Dest, Shortcode, Text string
		Kind                                LinkKind
		Exact                               bool
	}
	var got []view
	for _, pl := range s.RenderedLinks(p) {
		l := pl.Link
		if l.Span.File == pl.File.Path {
			continue // a link of the file itself
		}
		src := s.File(l.Span.File).Src
		got = append(got, view{string(src[l.Span.Start:l.Span.End]), pl.File.Path, l.Dest, l.Shortcode, l.Text, l.Kind, l.Exact})
		if def := string(pl.File.Src[l.DestStart:l.DestEnd]); l.Shortcode == "" && def != l.Dest {
			t.Errorf("%q: destination span holds %q, want %q", l.Dest, def, l.Dest)
		}
	}
	want := []view{
		{"[a][x]", "assets/includes/defs.md", "/handbook/first/", "", "a", InlineLink, true},
		{"![b][img]", "assets/includes/defs.md", "/img.png", "", "b", ImageLink, true},
		{"[c][y]", "content/p.md", "/handbook/y#frag", "ref", "c", InlineLink, false},
		{"[e][img]", "assets/includes/defs.md", "/img.png", "", "e", InlineLink, true},
		{"[img]", "assets/includes/defs.md", "/img.png", "", "img", InlineLink, true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("cross-file reference links (-want +got):\n%s", d)
	}
}

// TestCrossFileReferenceHeadingIDs: a heading holding a reference that
// another file's definition makes a link takes the link's text into its
// ID, as Hugo's does, also after a part whose references are in no
// heading.
func TestCrossFileReferenceHeadingIDs(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md":           "## Goals of [the team][team]\n\n{{% include \"includes/toc.md\" %}}\n\n## About [team] and [x][none]\n",
		"assets/includes/toc.md": "- [x][team]\n\n[team]: /y/\n",
	}, "content/p.md")
	var ids []string
	for _, a := range s.Anchors(s.Page("content/p.md")) {
		ids = append(ids, a.ID)
	}
	if d := cmp.Diff([]string{"goals-of-the-team", "about-team-and-xnone"}, ids); d != "" {
		t.Errorf("anchors (-want +got):\n%s", d)
	}

	// Inside emphasis, goldmark's text of the brackets is not the
	// source's: the heading's ID is unknown, any fragment may name it.
	s = newTestSite(t, map[string]string{
		"content/p.md":         "## **[Goals]** of the team\n\n{{% include \"includes/d.md\" %}}\n",
		"assets/includes/d.md": "[goals]: /y/\n",
	}, "content/p.md")
	p := s.Page("content/p.md")
	if as := s.Anchors(p); len(as) != 0 {
		t.Errorf("anchors %+v, want none known", as)
	}
	if !s.MatchesHeadingPattern(p, "goals-of-the-team") {
		t.Errorf("#goals-of-the-team does not match the heading of unknown ID")
	}
}

// TestCrossFileDefinitionsAsHugoReadsThem: only what goldmark takes for a
// definition is one (not "[Note]: see below", but one in a quote), and an
// included file's lines that go on with the paragraph the include is
// pasted into (after text on its line, or on a line going on with a
// paragraph) hold none, up to their first blank line.
func TestCrossFileDefinitionsAsHugoReadsThem(t *testing.T) {
	for name, c := range map[string]struct {
		page, inc string
		want      string // the destination [x] links to, "" for none
	}{
		"prose":              {"See [x] here.\n\n{{% include \"includes/i.md\" %}}\n", "[x]: complete this when it applies.\n", ""},
		"quote":              {"See [x].\n\n{{% include \"includes/i.md\" %}}\n", "> [x]: /quoted/\n", "/quoted/"},
		"list item":          {"See [x].\n\n{{% include \"includes/i.md\" %}}\n", "- [x]: /listed/\n", "/listed/"},
		"inline":             {"See [x].\n\nLinks: {{% include \"includes/i.md\" %}}\n\n[x]: /page/\n", "[x]: /included/\n", "/page/"},
		"paragraph":          {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n", "[x]: /included/\n", ""},
		"after a blank line": {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n", "text\n\n[x]: /included/\n", "/included/"},
		"block":              {"See [x].\n\n{{% include \"includes/i.md\" %}}\n", "[x]: /included/\n", "/included/"},
		// A line that starts a block ends the paragraph the include goes
		// on with: definitions after it count.
		"list after":       {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n\n[x]: /page/\n", "- [x]: /included/\n", "/included/"},
		"heading before":   {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n\n[x]: /page/\n", "more text\n## Links\n[x]: /included/\n", "/included/"},
		"quote after":      {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n\n[x]: /page/\n", "more text\n> [x]: /included/\n", "/included/"},
		"setext underline": {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n\n[x]: /page/\n", "more\n-\n[x]: /included/\n", "/included/"},
		"lazy lines":       {"See [x].\n\nThe links:\n{{% include \"includes/i.md\" %}}\n\n[x]: /page/\n", "more text\n[x]: /included/\n", "/page/"},
		// An included file's byte order mark is text to Hugo, which
		// pastes it: the first line is no definition.
		"bom": {"See [x].\n\n{{% include \"includes/i.md\" %}}\n", "\xef\xbb\xbf[x]: /included/\n[y]: /y/\n", ""},
		// A reference inside emphasis is one too.
		"bold":          {"- **[x]**: item\n\n{{% include \"includes/i.md\" %}}\n", "[x]: /included/\n", "/included/"},
		"after a link":  {"[a](/a/) and _[x]_\n\n{{% include \"includes/i.md\" %}}\n", "[x]: /included/\n", "/included/"},
		"strikethrough": {"Also ~~[x]~~ here\n\n{{% include \"includes/i.md\" %}}\n", "[x]: /included/\n", "/included/"},
	} {
		s := newTestSite(t, map[string]string{"content/p.md": c.page, "assets/includes/i.md": c.inc}, "content/p.md")
		p := s.Page("content/p.md")
		got := ""
		for _, pl := range s.RenderedLinks(p) {
			if pl.Link.Span.File == "content/p.md" && string(p.Src[pl.Link.Span.Start:pl.Link.Span.End]) == "[x]" {
				got = pl.Link.Dest
			}
		}
		if got != c.want {
			t.Errorf("%s: [x] links to %q, want %q", name, got, c.want)
		}
	}
}

// TestCrossFileReferenceChains: brackets written one after another are
// read from the left, as CommonMark reads them, with the definitions of
// another file of the page (each case checked against a Hugo 0.151
// build): a reference to an undefined label leaves its text as text and
// its label may be the text of the next one; after a link, "[x]" starts
// afresh.
func TestCrossFileReferenceChains(t *testing.T) {
	for page, want := range map[string][]string{
		"[foo][bar][team]":   {"[bar][team] bar"},
		"[foo][team][other]": {"[foo][team] foo", "[other] other"},
		"[foo][team][x]":     {"[foo][team] foo", "[x] x"},
		"[a][b][c]":          nil,
		"[a][][team]":        {"[][team] "},
		"[z][a][local]":      {"[a][local] a"},
		"[a][b][c][team]":    {"[c][team] c"},
		"[team][] [other]":   {"[team][] team", "[other] other"},
		// The brackets inside a reference's text are a link: the outer
		// ones are none, and their label a link of its own.
		"[[team]][other]":      {"[team] team", "[other] other"},
		"[[zz]][other]":        {"[[zz]][other] [zz]"},
		"[b][x][[team]][team]": {"[b][x] b", "[team] team", "[team] team"},
		// A "]" that closes nothing: the shortcut after it is one.
		"][team]":    {"[team] team"},
		"c][team]c[": {"[team] team"},
		// A "[" that opens no label: the shortcut before it is one.
		"[team][[c]]": {"[team] team"},
		"[team][x":    {"[team] team"},
		// After a word: an index to link-syntax, a link to Hugo.
		"x[foo][team]":        {"[foo][team] foo"},
		"[team] [z][other]":   {"[team] team", "[z][other] z"},
		"[team][x][other][y]": {"[team][x] team"},
		// "[][local]" is a link goldmark reads on its own (listed before
		// the links of other files' definitions); with team defined,
		// "[team][]" is a link too, as in Hugo, which links team, then
		// local.
		"[team][][local]": {"[][local] ", "[team] team"},
	} {
		s := newTestSite(t, map[string]string{
			"content/p.md":         "C " + page + " end.\n\n[local]: /local/\n\n{{% include \"includes/d.md\" %}}\n",
			"assets/includes/d.md": "[team]: /team/\n[other]: /other/\n[x]: /x/\n",
		}, "content/p.md")
		p := s.Page("content/p.md")
		var got []string
		for _, pl := range s.RenderedLinks(p) {
			if l := pl.Link; l.Span.File == "content/p.md" && l.Span.End < len(p.Src) && p.Src[l.Span.Start] == '[' && l.Span.Start < len(page)+2 {
				got = append(got, string(p.Src[l.Span.Start:l.Span.End])+" "+l.Text)
			}
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: links (-want +got):\n%s", page, d)
		}
	}
}

// TestShortcodeHeadingIDs: Hugo derives the ID of a heading holding a
// {{< >}} shortcode from the shortcode's placeholder, so the ID of its
// text as written is no anchor, and the IDs a Hugo 0.151 build wrote for
// such headings (placeholders numbered by the build, {{% %}} output and
// a code span or image holding the shortcode) are matched. A setext
// heading whose shortcode is on a line before its last has the ID of its
// last line (checked with the same build).
func TestShortcodeHeadingIDs(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md": "## Use {{< ref \"b\" >}} now\n\n## Code `{{< t >}}` c\n\n## Alt ![{{< t >}}](/i.png)\n\n" +
			"## Two {{< t >}} and {{% t %}} end\n\nSetext {{< t >}}\n---\n\n## Fixed {{< t >}} {#fixed}\n\n" +
			"First {{< t >}} line\nof a setext heading\n===\n",
	}, "content/p.md")
	p := s.Page("content/p.md")
	ids, _, _ := s.TargetAnchors("content/p.md")
	for _, written := range []string{"use--ref-b--now", "code--t--c", "two--t--and--t--end"} {
		if ids[written] || s.MatchesHeadingPattern(p, written) {
			t.Errorf("#%s, the ID of a heading's text as written, is an anchor", written)
		}
	}
	for _, hugo := range []string{"use-hahahugoshortcode1s1hbhb-now", "code-hahahugoshortcode1s2hbhb-c", "alt-hahahugoshortcode1s3hbhb",
		"two-hahahugoshortcode1s4hbhb-and-tee-vee-end", "setext-hahahugoshortcode1s9hbhb"} {
		if ids[hugo] || !s.MatchesHeadingPattern(p, hugo) {
			t.Errorf("#%s, Hugo's ID, is not matched as the ID of a heading holding a shortcode", hugo)
		}
	}
	for _, other := range []string{"use-hahahugoshortcodes1hbhb-now", "two-hahahugoshortcode1s4hbhb-and-tee-vee", "x-hahahugoshortcode1s3hbhb"} {
		if s.MatchesHeadingPattern(p, other) {
			t.Errorf("#%s is matched", other)
		}
	}
	if !ids["fixed"] {
		t.Errorf("#fixed, an explicit ID, is not an anchor")
	}
	// Hugo derives a setext heading's ID from its last line only.
	if !ids["of-a-setext-heading"] {
		t.Errorf("#of-a-setext-heading, the ID of a setext heading whose first line holds a shortcode, is not an anchor")
	}
	if got := PlaceholderID(anchor.GitHub, &p.Headings[0]); got != "use-hahahugoshortcode1s0hbhb-now" {
		t.Errorf("PlaceholderID = %q", got)
	}
}

// TestShortcodeHeadingEscapedShortcode: an escaped shortcode
// ({{</* y */>}}) in a heading that also holds a {{< >}} shortcode is
// text, not a placeholder: Hugo's page lexer writes it out as text
// ({{< y >}}) before the heading is read, so the ID Hugo gives the
// heading has a placeholder for the other shortcode only.
func TestShortcodeHeadingEscapedShortcode(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md": "## Use {{< x >}} not {{</* y */>}}\n",
	}, "content/p.md")
	p := s.Page("content/p.md")
	if !s.MatchesHeadingPattern(p, "use-hahahugoshortcode1s0hbhb-not--y-") {
		t.Errorf("#use-hahahugoshortcode1s0hbhb-not--y-, Hugo's ID, is not matched")
	}
	if s.MatchesHeadingPattern(p, "use-hahahugoshortcode1s0hbhb-not-hahahugoshortcode1s1hbhb") {
		t.Errorf("an ID with a placeholder for the escaped shortcode is matched")
	}
	if got := PlaceholderID(anchor.GitHub, &p.Headings[0]); got != "use-hahahugoshortcode1s0hbhb-not--y-" {
		t.Errorf("PlaceholderID = %q, want use-hahahugoshortcode1s0hbhb-not--y-", got)
	}
}
