package shortcode

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
)

// argView is an Arg with spans replaced by the text they cover.
type argView struct {
	Name, Value     string
	Text, ValueText string
}

// tagView is a Shortcode with spans replaced by the text they cover (plus
// Start, to tell repeated texts apart).
type tagView struct {
	Text                                  string
	Start                                 int
	Name                                  string
	Delim                                 Delim
	Closing, SelfClosing, Escaped, Broken bool
	Args                                  []argView
	Pair                                  int
}

type probView struct {
	Text    string
	Start   int
	Message string
}

func viewTags(t *testing.T, src []byte, tags []Shortcode) []tagView {
	t.Helper()
	var out []tagView
	for _, s := range tags {
		if got := string(src[s.NameStart:s.NameEnd]); got != s.Name {
			t.Errorf("tag at %d: src[NameStart:NameEnd] = %q, Name = %q", s.Start, got, s.Name)
		}
		v := tagView{
			Text: string(src[s.Start:s.End]), Start: s.Start, Name: s.Name, Delim: s.Delim,
			Closing: s.Closing, SelfClosing: s.SelfClosing, Escaped: s.Escaped, Broken: s.Malformed,
			Pair: s.Pair,
		}
		for _, a := range s.Args {
			v.Args = append(v.Args, argView{
				Name: a.Name, Value: a.Value,
				Text: string(src[a.Start:a.End]), ValueText: string(src[a.ValueStart:a.ValueEnd]),
			})
		}
		out = append(out, v)
	}
	return out
}

func viewProblems(src []byte, probs []Problem) []probView {
	var out []probView
	for _, p := range probs {
		out = append(out, probView{Text: string(src[p.Start:p.End]), Start: p.Start, Message: p.Message})
	}
	return out
}

func pos(v string) argView { return argView{Value: v, Text: v, ValueText: v} }

func named(name, value, valueText string) argView {
	return argView{Name: name, Value: value, Text: name + "=" + valueText, ValueText: valueText}
}

type lexTest struct {
	name   string
	src    string
	paired []string // names the paired callback reports as paired; nil: nil callback
	tags   []tagView
	probs  []probView
}

var lexTests = []lexTest{
	// Forms.
	{
		name: "empty",
		src:  "",
	},
	{
		name: "plain text",
		src:  "# Title\n\nSome { braces } and }} and {{ here.\n",
	},
	{
		name: "angle",
		src:  "a {{< include >}} b",
		tags: []tagView{{Text: "{{< include >}}", Start: 2, Name: "include", Delim: '<', Pair: -1}},
	},
	{
		name: "percent with quoted positional",
		src:  `{{% include "includes/x.md" %}}`,
		tags: []tagView{{Text: `{{% include "includes/x.md" %}}`, Name: "include", Delim: '%', Pair: -1,
			Args: []argView{{Value: "includes/x.md", Text: `"includes/x.md"`, ValueText: `"includes/x.md"`}}}},
	},
	{
		name: "no whitespace",
		src:  `{{<include>}}{{%x "y"%}}`,
		tags: []tagView{
			{Text: "{{<include>}}", Name: "include", Delim: '<', Pair: -1},
			{Text: `{{%x "y"%}}`, Start: 13, Name: "x", Delim: '%', Pair: -1,
				Args: []argView{{Value: "y", Text: `"y"`, ValueText: `"y"`}}},
		},
	},
	{
		name: "pair with named argument",
		src:  `{{< details summary="More" >}}body{{< /details >}}`,
		tags: []tagView{
			{Text: `{{< details summary="More" >}}`, Name: "details", Delim: '<', Pair: 1,
				Args: []argView{named("summary", "More", `"More"`)}},
			{Text: "{{< /details >}}", Start: 34, Name: "details", Delim: '<', Closing: true, Pair: 0},
		},
	},
	{
		name: "percent pair across lines",
		src:  "{{% note %}}\n**x**\n{{% /note %}}\n",
		tags: []tagView{
			{Text: "{{% note %}}", Name: "note", Delim: '%', Pair: 1},
			{Text: "{{% /note %}}", Start: 19, Name: "note", Delim: '%', Closing: true, Pair: 0},
		},
	},
	{
		name: "closing with space after slash and no spaces",
		src:  "{{<a>}}{{< / a >}}{{<b>}}{{</b>}}",
		tags: []tagView{
			{Text: "{{<a>}}", Name: "a", Delim: '<', Pair: 1},
			{Text: "{{< / a >}}", Start: 7, Name: "a", Delim: '<', Closing: true, Pair: 0},
			{Text: "{{<b>}}", Start: 18, Name: "b", Delim: '<', Pair: 3},
			{Text: "{{</b>}}", Start: 25, Name: "b", Delim: '<', Closing: true, Pair: 2},
		},
	},
	{
		name: "self-closing",
		src:  `{{< br />}} {{< br/>}} {{% icon "x" /%}}`,
		tags: []tagView{
			{Text: "{{< br />}}", Name: "br", Delim: '<', SelfClosing: true, Pair: -1},
			{Text: "{{< br/>}}", Start: 12, Name: "br", Delim: '<', SelfClosing: true, Pair: -1},
			{Text: `{{% icon "x" /%}}`, Start: 23, Name: "icon", Delim: '%', SelfClosing: true, Pair: -1,
				Args: []argView{{Value: "x", Text: `"x"`, ValueText: `"x"`}}},
		},
	},
	{
		name:   "self-closing takes no part in pairing",
		src:    "{{< a />}}{{< a >}}{{< /a >}}",
		paired: []string{"a"},
		tags: []tagView{
			{Text: "{{< a />}}", Name: "a", Delim: '<', SelfClosing: true, Pair: -1},
			{Text: "{{< a >}}", Start: 10, Name: "a", Delim: '<', Pair: 2},
			{Text: "{{< /a >}}", Start: 19, Name: "a", Delim: '<', Closing: true, Pair: 1},
		},
	},
	{
		name: "escaped",
		src:  `{{</* include "x.md" */>}} and {{%/* /note */%}}`,
		tags: []tagView{
			{Text: `{{</* include "x.md" */>}}`, Name: "include", Delim: '<', Escaped: true, Pair: -1,
				Args: []argView{{Value: "x.md", Text: `"x.md"`, ValueText: `"x.md"`}}},
			{Text: "{{%/* /note */%}}", Start: 31, Name: "note", Delim: '%', Escaped: true, Closing: true, Pair: -1},
		},
	},
	{
		name: "escaped content is literal up to the first end marker",
		src:  `{{</* x "a >}} {{< y >}}" */>}}`,
		tags: []tagView{
			{Text: `{{</* x "a >}} {{< y >}}" */>}}`, Name: "x", Delim: '<', Escaped: true, Pair: -1,
				Args: []argView{{Value: "a >}} {{< y >}}", Text: `"a >}} {{< y >}}"`, ValueText: `"a >}} {{< y >}}"`}}},
		},
	},
	{
		name: "positional arguments",
		src:  "{{< x word \"two words\" `raw \\n \"q\"` -ziL-Q_4 a.b.c >}}",
		tags: []tagView{{Text: "{{< x word \"two words\" `raw \\n \"q\"` -ziL-Q_4 a.b.c >}}", Name: "x", Delim: '<', Pair: -1,
			Args: []argView{
				pos("word"),
				{Value: "two words", Text: `"two words"`, ValueText: `"two words"`},
				{Value: `raw \n "q"`, Text: "`raw \\n \"q\"`", ValueText: "`raw \\n \"q\"`"},
				pos("-ziL-Q_4"),
				pos("a.b.c"),
			}}},
	},
	{
		// Hugo 0.151 fails the build: its lexer takes the '/' of an
		// unquoted positional argument for a closing tag. A named value
		// may hold one.
		name: "unquoted argument with a slash",
		src:  "{{< ref /handbook/x >}} {{< x k=a/b >}}",
		tags: []tagView{
			{Text: "{{< ref /handbook/x >}}", Name: "ref", Delim: '<', Broken: true, Pair: -1, Args: []argView{pos("/handbook/x")}},
			{Text: "{{< x k=a/b >}}", Start: 24, Name: "x", Delim: '<', Pair: -1, Args: []argView{named("k", "a/b", "a/b")}},
		},
		probs: []probView{{Text: "/handbook/x", Start: 8, Message: `shortcode "ref" has the unquoted argument /handbook/x, whose '/' Hugo reads as a closing tag, failing the build; quote it: "/handbook/x"`}},
	},
	{
		// Hugo has no single quotes: they are part of the word, and the
		// suggestion writes the path inside them in double quotes.
		name: "single-quoted argument with a slash",
		src:  "{{< ref '/handbook/x' >}}",
		tags: []tagView{
			{Text: "{{< ref '/handbook/x' >}}", Name: "ref", Delim: '<', Broken: true, Pair: -1, Args: []argView{pos("'/handbook/x'")}},
		},
		probs: []probView{{Text: "'/handbook/x'", Start: 8, Message: `shortcode "ref" has the argument '/handbook/x' in single quotes, which Hugo does not read as quotes, so it reads its '/' as a closing tag, failing the build; write it in double quotes: "/handbook/x"`}},
	},
	{
		name: "named arguments",
		src:  "{{< x k=v k2=\"say \\\"hi\\\" \\\\ ok\" k3=`raw \"q\"` k4 = \"spaced\" >}}",
		tags: []tagView{{Text: "{{< x k=v k2=\"say \\\"hi\\\" \\\\ ok\" k3=`raw \"q\"` k4 = \"spaced\" >}}", Name: "x", Delim: '<', Pair: -1,
			Args: []argView{
				named("k", "v", "v"),
				named("k2", `say "hi" \ ok`, `"say \"hi\" \\ ok"`),
				named("k3", `raw "q"`, "`raw \"q\"`"),
				{Name: "k4", Value: "spaced", Text: `k4 = "spaced"`, ValueText: `"spaced"`},
			}}},
	},
	{
		name: "quoted argument containing closers",
		src:  `{{< x "a >}} b" >}} {{% y "c %}}" %}}`,
		tags: []tagView{
			{Text: `{{< x "a >}} b" >}}`, Name: "x", Delim: '<', Pair: -1,
				Args: []argView{{Value: "a >}} b", Text: `"a >}} b"`, ValueText: `"a >}} b"`}}},
			{Text: `{{% y "c %}}" %}}`, Start: 20, Name: "y", Delim: '%', Pair: -1,
				Args: []argView{{Value: "c %}}", Text: `"c %}}"`, ValueText: `"c %}}"`}}},
		},
	},
	{
		name: "tag spanning lines",
		src:  "{{< figure\r\n  src=\"a.png\"\n  alt=\"A\"\n>}}\n",
		tags: []tagView{{Text: "{{< figure\r\n  src=\"a.png\"\n  alt=\"A\"\n>}}", Name: "figure", Delim: '<', Pair: -1,
			Args: []argView{named("src", "a.png", `"a.png"`), named("alt", "A", `"A"`)}}},
	},
	{
		name: "raw string spanning lines",
		src:  "{{< x `a\nb` >}}",
		tags: []tagView{{Text: "{{< x `a\nb` >}}", Name: "x", Delim: '<', Pair: -1,
			Args: []argView{{Value: "a\nb", Text: "`a\nb`", ValueText: "`a\nb`"}}}},
	},
	{
		name: "names",
		src:  "{{< partials/x >}}{{< time.inline />}}{{< my-sc_2 >}}{{< café >}}",
		tags: []tagView{
			{Text: "{{< partials/x >}}", Name: "partials/x", Delim: '<', Pair: -1},
			{Text: "{{< time.inline />}}", Start: 18, Name: "time.inline", Delim: '<', SelfClosing: true, Pair: -1},
			{Text: "{{< my-sc_2 >}}", Start: 38, Name: "my-sc_2", Delim: '<', Pair: -1},
			{Text: "{{< café >}}", Start: 53, Name: "café", Delim: '<', Pair: -1},
		},
	},
	{
		name: "nested pairs",
		src:  "{{< a >}}{{< b >}}{{< /b >}}{{< /a >}}",
		tags: []tagView{
			{Text: "{{< a >}}", Name: "a", Delim: '<', Pair: 3},
			{Text: "{{< b >}}", Start: 9, Name: "b", Delim: '<', Pair: 2},
			{Text: "{{< /b >}}", Start: 18, Name: "b", Delim: '<', Closing: true, Pair: 1},
			{Text: "{{< /a >}}", Start: 28, Name: "a", Delim: '<', Closing: true, Pair: 0},
		},
	},
	{
		name: "same name nested",
		src:  "{{< a >}}{{< a >}}{{< /a >}}{{< /a >}}",
		tags: []tagView{
			{Text: "{{< a >}}", Name: "a", Delim: '<', Pair: 3},
			{Text: "{{< a >}}", Start: 9, Name: "a", Delim: '<', Pair: 2},
			{Text: "{{< /a >}}", Start: 18, Name: "a", Delim: '<', Closing: true, Pair: 1},
			{Text: "{{< /a >}}", Start: 28, Name: "a", Delim: '<', Closing: true, Pair: 0},
		},
	},
	{
		name: "go template text is not a shortcode",
		src:  "{{ .Title }} and {{ .Params.x }} then {{< x >}}",
		tags: []tagView{{Text: "{{< x >}}", Start: 38, Name: "x", Delim: '<', Pair: -1}},
	},
	{
		name: "extra brace before opener",
		src:  "{{{< x >}}",
		tags: []tagView{{Text: "{{< x >}}", Start: 1, Name: "x", Delim: '<', Pair: -1}},
	},
	{
		name: "inside a code fence",
		src:  "```\n{{< x >}}\n```\n",
		tags: []tagView{{Text: "{{< x >}}", Start: 4, Name: "x", Delim: '<', Pair: -1}},
	},
	{
		name:   "unpaired name without paired callback",
		src:    "{{< details >}}text",
		paired: nil,
		tags:   []tagView{{Text: "{{< details >}}", Name: "details", Delim: '<', Pair: -1}},
	},

	// Problem 1: malformed opener.
	{
		name: "malformed opener",
		src:  `{{$ include "includes/x.md" %}}`,
		tags: []tagView{{Text: `{{$ include "includes/x.md" %}}`, Name: "include", Delim: '%', Broken: true, Pair: -1,
			Args: []argView{{Value: "includes/x.md", Text: `"includes/x.md"`, ValueText: `"includes/x.md"`}}}},
		probs: []probView{{Text: "{{$", Message: `malformed shortcode opener "{{$"; did you mean "{{%"`}},
	},
	{
		name:  "malformed opener with space",
		src:   "x {{ < include >}}",
		tags:  []tagView{{Text: "{{ < include >}}", Start: 2, Name: "include", Delim: '<', Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{ ", Start: 2, Message: `malformed shortcode opener "{{ "; did you mean "{{<"`}},
	},
	{
		name:  "malformed opener missing delimiter",
		src:   "{{include %}}",
		tags:  []tagView{{Text: "{{include %}}", Name: "include", Delim: '%', Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{", Message: `malformed shortcode opener "{{"; did you mean "{{%"`}},
	},
	{
		name:  "malformed opener with invalid utf-8",
		src:   "{{\xff x >}}",
		tags:  []tagView{{Text: "{{\xff x >}}", Name: "x", Delim: '<', Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{\xff", Message: `malformed shortcode opener "{{\xff"; did you mean "{{<"`}},
	},
	{
		name: "template text then closer later on the line",
		src:  "{{ .Title }} >}}\n{{ x\n>}}",
	},

	// Problem 2: mismatched delimiters.
	{
		name:  "opened with percent closed with angle",
		src:   "{{% include >}}",
		tags:  []tagView{{Text: "{{% include >}}", Name: "include", Delim: '%', Broken: true, Pair: -1}},
		probs: []probView{{Text: ">}}", Start: 12, Message: `shortcode "include" opened with "{{%" but closed with ">}}"; use "%}}"`}},
	},
	{
		name:  "opened with angle closed with percent",
		src:   "{{< include %}}",
		tags:  []tagView{{Text: "{{< include %}}", Name: "include", Delim: '<', Broken: true, Pair: -1}},
		probs: []probView{{Text: "%}}", Start: 12, Message: `shortcode "include" opened with "{{<" but closed with "%}}"; use ">}}"`}},
	},
	{
		name:  "escaped mismatch",
		src:   "{{</* x */%}}",
		tags:  []tagView{{Text: "{{</* x */%}}", Name: "x", Delim: '<', Escaped: true, Broken: true, Pair: -1}},
		probs: []probView{{Text: "*/%}}", Start: 8, Message: `escaped shortcode "x" opened with "{{</*" but closed with "*/%}}"; use "*/>}}"`}},
	},

	// Problem 3: unclosed tag.
	{
		name: "unclosed before next opener",
		src:  "{{< a x {{< b >}}",
		tags: []tagView{
			{Text: "{{< a x", Name: "a", Delim: '<', Broken: true, Pair: -1, Args: []argView{pos("x")}},
			{Text: "{{< b >}}", Start: 8, Name: "b", Delim: '<', Pair: -1},
		},
		probs: []probView{{Text: "{{< a x", Message: `shortcode "a" is not closed; expected ">}}"`}},
	},
	{
		name:  "unclosed at end of file",
		src:   "text {{% a\n",
		tags:  []tagView{{Text: "{{% a", Start: 5, Name: "a", Delim: '%', Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{% a", Start: 5, Message: `shortcode "a" is not closed; expected "%}}"`}},
	},
	{
		name:  "unclosed template-style closer",
		src:   `{{< include "x.md" }}`,
		tags:  []tagView{{Text: `{{< include "x.md" }}`, Name: "include", Delim: '<', Broken: true, Pair: -1, Args: []argView{{Value: "x.md", Text: `"x.md"`, ValueText: `"x.md"`}, pos("}}")}}},
		probs: []probView{{Text: `{{< include "x.md" }}`, Message: `shortcode "include" is not closed; expected ">}}"`}},
	},
	{
		name:  "bare opener at end of file",
		src:   "{{<",
		tags:  []tagView{{Text: "{{<", Delim: '<', Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{<", Message: `shortcode opener "{{<" is not closed; expected ">}}"`}},
	},
	{
		name:  "escaped not closed",
		src:   "{{</* x >}}",
		tags:  []tagView{{Text: "{{</* x", Name: "x", Delim: '<', Escaped: true, Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{</* x", Message: `escaped shortcode "x" is not closed; expected "*/>}}"`}},
	},

	// Problem 4: unterminated quoted argument.
	{
		name: "unterminated double quote",
		src:  "{{< x \"abc >}}\nnext {{< y >}}",
		tags: []tagView{
			{Text: `{{< x "abc >}}`, Name: "x", Delim: '<', Broken: true, Pair: -1,
				Args: []argView{{Value: "abc >}}", Text: `"abc >}}`, ValueText: `"abc >}}`}}},
			{Text: "{{< y >}}", Start: 20, Name: "y", Delim: '<', Pair: -1},
		},
		probs: []probView{{Text: `"abc >}}`, Start: 6, Message: `shortcode "x" has an unterminated quoted argument; end it with a double quote on the same line`}},
	},
	{
		name: "unterminated named raw string",
		src:  "{{< x k=`abc >}}\nmore",
		tags: []tagView{
			{Text: "{{< x k=`abc >}}", Name: "x", Delim: '<', Broken: true, Pair: -1,
				Args: []argView{named("k", "abc >}}", "`abc >}}")}},
		},
		probs: []probView{{Text: "`abc >}}", Start: 8, Message: `shortcode "x" has an unterminated raw string argument; end it with a backtick`}},
	},

	// Problem 5: closing tag without opening tag.
	{
		name: "closing without opening",
		src:  "{{< /a >}} {{% /b %}}",
		tags: []tagView{
			{Text: "{{< /a >}}", Name: "a", Delim: '<', Closing: true, Pair: -1},
			{Text: "{{% /b %}}", Start: 11, Name: "b", Delim: '%', Closing: true, Pair: -1},
		},
		probs: []probView{
			{Text: "{{< /a >}}", Message: `closing shortcode "/a" has no opening "{{< a >}}"`},
			{Text: "{{% /b %}}", Start: 11, Message: `closing shortcode "/b" has no opening "{{% b %}}"`},
		},
	},
	{
		name: "closing before opening",
		src:  "{{< /a >}}{{< a >}}",
		tags: []tagView{
			{Text: "{{< /a >}}", Name: "a", Delim: '<', Closing: true, Pair: -1},
			{Text: "{{< a >}}", Start: 10, Name: "a", Delim: '<', Pair: -1},
		},
		probs: []probView{
			{Text: "{{< /a >}}", Message: `closing shortcode "/a" has no opening "{{< a >}}"`},
			{Text: "{{< a >}}", Start: 10, Message: `shortcode "a" is never closed; add "{{< /a >}}"`},
		},
	},

	// Problem 6: paired shortcode never closed.
	{
		name:   "paired by callback",
		src:    "{{% details %}}text",
		paired: []string{"details"},
		tags:   []tagView{{Text: "{{% details %}}", Name: "details", Delim: '%', Pair: -1}},
		probs:  []probView{{Text: "{{% details %}}", Message: `shortcode "details" is never closed; add "{{% /details %}}"`}},
	},
	{
		name: "paired because closed elsewhere",
		src:  "{{< a >}}{{< a >}}{{< /a >}}",
		tags: []tagView{
			{Text: "{{< a >}}", Name: "a", Delim: '<', Pair: -1},
			{Text: "{{< a >}}", Start: 9, Name: "a", Delim: '<', Pair: 2},
			{Text: "{{< /a >}}", Start: 18, Name: "a", Delim: '<', Closing: true, Pair: 1},
		},
		probs: []probView{{Text: "{{< a >}}", Message: `shortcode "a" is never closed; add "{{< /a >}}"`}},
	},
	{
		name:   "crossed pairs match by name",
		src:    "{{< a >}}{{< b >}}{{< /a >}}{{< /b >}}",
		paired: []string{},
		tags: []tagView{
			{Text: "{{< a >}}", Name: "a", Delim: '<', Pair: 2},
			{Text: "{{< b >}}", Start: 9, Name: "b", Delim: '<', Pair: 3},
			{Text: "{{< /a >}}", Start: 18, Name: "a", Delim: '<', Closing: true, Pair: 0},
			{Text: "{{< /b >}}", Start: 28, Name: "b", Delim: '<', Closing: true, Pair: 1},
		},
	},

	// Problem 7: missing name.
	{
		name:  "missing name",
		src:   "{{< >}}",
		tags:  []tagView{{Text: "{{< >}}", Delim: '<', Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{< >}}", Message: `shortcode tag has no name; write "{{< name >}}"`}},
	},
	{
		name:  "missing name with argument",
		src:   `{{% "x" %}}`,
		tags:  []tagView{{Text: `{{% "x" %}}`, Delim: '%', Broken: true, Pair: -1, Args: []argView{{Value: "x", Text: `"x"`, ValueText: `"x"`}}}},
		probs: []probView{{Text: `{{% "x" %}}`, Message: `shortcode tag has no name; write "{{% name %}}"`}},
	},
	{
		name:  "closing missing name",
		src:   "{{% / %}}",
		tags:  []tagView{{Text: "{{% / %}}", Delim: '%', Closing: true, Broken: true, Pair: -1}},
		probs: []probView{{Text: "{{% / %}}", Message: `closing shortcode tag has no name; write "{{% /name %}}"`}},
	},

	// Further problems Hugo rejects.
	{
		name:  "named argument without value",
		src:   "{{< x k= >}}",
		tags:  []tagView{{Text: "{{< x k= >}}", Name: "x", Delim: '<', Pair: -1, Args: []argView{{Name: "k", Text: "k="}}}},
		probs: []probView{{Text: "k=", Start: 6, Message: `argument "k" of shortcode "x" has no value; write k="..."`}},
	},
	{
		name: "mixed positional and named arguments",
		src:  `{{< x a k="v" >}}`,
		tags: []tagView{{Text: `{{< x a k="v" >}}`, Name: "x", Delim: '<', Broken: true, Pair: -1,
			Args: []argView{pos("a"), named("k", "v", `"v"`)}}},
		probs: []probView{{Text: `k="v"`, Start: 8, Message: `shortcode "x" mixes positional and named arguments; use only one kind`}},
	},
	{
		name: "closing tag with arguments",
		src:  "{{< x >}}{{< /x y >}}",
		tags: []tagView{
			{Text: "{{< x >}}", Name: "x", Delim: '<', Pair: 1},
			{Text: "{{< /x y >}}", Start: 9, Name: "x", Delim: '<', Closing: true, Broken: true, Pair: 0, Args: []argView{pos("y")}},
		},
		probs: []probView{{Text: "{{< /x y >}}", Start: 9, Message: `closing shortcode "/x" takes no arguments; write "{{< /x >}}"`}},
	},
}

func pairedFunc(names []string) func(string) bool {
	if names == nil {
		return nil
	}
	return func(name string) bool { return slices.Contains(names, name) }
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			tags, probs := Lex(src, pairedFunc(tt.paired))
			checkInvariants(t, src, tags, probs)
			if diff := cmp.Diff(tt.tags, viewTags(t, src, tags)); diff != "" {
				t.Errorf("tags mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.probs, viewProblems(src, probs)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLexPairedCalledOncePerName(t *testing.T) {
	calls := map[string]int{}
	src := []byte("{{< a >}}{{< a >}}{{< b >}}{{< b />}}{{< a >}}")
	Lex(src, func(name string) bool { calls[name]++; return false })
	if diff := cmp.Diff(map[string]int{"a": 1, "b": 1}, calls); diff != "" {
		t.Errorf("paired calls (-want +got):\n%s", diff)
	}
}

func TestDelim(t *testing.T) {
	got := []string{Angle.Open(), Angle.Close(), Percent.Open(), Percent.Close()}
	want := []string{"{{<", ">}}", "{{%", "%}}"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("delimiters (-want +got):\n%s", diff)
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"none", "plain {{ .Title }}\n", "plain {{ .Title }}\n"},
		{"inline", "a {{< x >}} b", "a xxxxxxxxx b"},
		{"pair", "{{% n %}}*b*{{% /n %}}", "xxxxxxxxx*b*xxxxxxxxxx"},
		{"multi-line", "{{< f\r\n  a=\"1\"\n>}}\nz", "xxxxx\r\nxxxxxxx\nxxx\nz"},
		{"escaped", "`{{</* x */>}}`", "`xxxxxxxxxxxxx`"},
		{"malformed", "{{$ x %}} {{< y", "xxxxxxxxx xxxxx"},
		{"quoted closers", `{{< x "a >}}" >}}!`, "xxxxxxxxxxxxxxxxx!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			tags, _ := Lex(src, nil)
			got := Mask(src, tags)
			checkMask(t, src, got)
			if string(got) != tt.want {
				t.Errorf("Mask(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
	// Masked table inputs keep no "{{" inside a tag, and no opener at all
	// when the input has no problems.
	for _, tt := range lexTests {
		src := []byte(tt.src)
		tags, probs := Lex(src, nil)
		got := Mask(src, tags)
		checkMask(t, src, got)
		for _, s := range tags {
			if bytes.Contains(got[s.Start:s.End], []byte("{{")) {
				t.Errorf("%s: Mask left %q", tt.name, got)
			}
		}
		if len(probs) == 0 && (bytes.Contains(got, []byte("{{<")) || bytes.Contains(got, []byte("{{%"))) {
			t.Errorf("%s: Mask left %q", tt.name, got)
		}
	}
}

func TestMaskClipsSpans(t *testing.T) {
	src := []byte("ab\ncd")
	got := Mask(src, []Shortcode{{Start: -3, End: 2}, {Start: 4, End: 99}, {Start: 3, End: 1}})
	if string(got) != "xx\ncx" {
		t.Errorf("Mask = %q, want %q", got, "xx\ncx")
	}
	if &got[0] == &src[0] || string(src) != "ab\ncd" {
		t.Errorf("Mask modified its input")
	}
}

// TestLexLinear runs inputs that would take quadratic time with naive
// rescanning; it only checks that they finish.
func TestLexLinear(t *testing.T) {
	const n = 100_000
	for _, unit := range []string{
		"{{< a ",
		"{{</* a ",
		"{{< a `",
		"{{< a \"",
		"{{$ a ",
		"{{< /a >}}",
		"{{< a >}}",
		"*/ {{</* ",
		"{",
		"{{x",
		"{{$ a >}}",
		"{{< a k=",
		"{{< a \\\"",
		"{{</* \"",
	} {
		reps := n / 5 // quadratic behaviour would still show at this size
		if unit == "{{< a " {
			reps = n
		}
		src := []byte(strings.Repeat(unit, reps))
		tags, _ := Lex(src, func(string) bool { return true })
		Mask(src, tags)
		if unit == "{{< a " {
			tags, probs := Lex(src, nil)
			if len(tags) != n || len(probs) != n {
				t.Errorf("%q×%d: %d tags, %d problems, want %d of each", unit, n, len(tags), len(probs), n)
			}
		}
	}
}

func checkMask(t *testing.T, src, masked []byte) {
	t.Helper()
	if len(masked) != len(src) {
		t.Fatalf("Mask changed length from %d to %d", len(src), len(masked))
	}
	for i, c := range src {
		if (c == '\n' || c == '\r') != (masked[i] == c) && masked[i] != c {
			t.Fatalf("Mask changed byte %d from %q to %q", i, c, masked[i])
		}
		if (c == '\n' || c == '\r') && masked[i] != c {
			t.Fatalf("Mask moved line break at %d", i)
		}
		if masked[i] != c && masked[i] != 'x' {
			t.Fatalf("Mask wrote %q at %d", masked[i], i)
		}
	}
}

// checkInvariants checks that spans are within bounds and ordered, and that
// pairs are symmetric.
func checkInvariants(t *testing.T, src []byte, tags []Shortcode, probs []Problem) {
	t.Helper()
	n := len(src)
	prevEnd := 0
	for i, s := range tags {
		where := fmt.Sprintf("tag %d %+v", i, s)
		if !(prevEnd <= s.Start && s.Start < s.End && s.End <= n) {
			t.Fatalf("%s: bad span after previous end %d (len %d)", where, prevEnd, n)
		}
		prevEnd = s.End
		if !(s.Start <= s.NameStart && s.NameStart <= s.NameEnd && s.NameEnd <= s.End) {
			t.Fatalf("%s: bad name span", where)
		}
		argEnd := s.NameEnd
		for _, a := range s.Args {
			if !(argEnd <= a.Start && a.Start < a.End && a.End <= s.End &&
				a.Start <= a.ValueStart && a.ValueStart <= a.ValueEnd && a.ValueEnd <= a.End) {
				t.Fatalf("%s: bad argument span %+v", where, a)
			}
			argEnd = a.End
		}
		if s.Delim != Angle && s.Delim != Percent {
			t.Fatalf("%s: bad delimiter", where)
		}
		if s.Pair != -1 {
			if s.Pair < 0 || s.Pair >= len(tags) || tags[s.Pair].Pair != i || tags[s.Pair].Name != s.Name ||
				tags[s.Pair].Closing == s.Closing || (s.Closing != (s.Pair < i)) {
				t.Fatalf("%s: bad pair", where)
			}
		}
	}
	for i, p := range probs {
		if !(0 <= p.Start && p.Start < p.End && p.End <= n) {
			t.Fatalf("problem %d %+v: bad span (len %d)", i, p, n)
		}
		if i > 0 && probs[i-1].Start > p.Start {
			t.Fatalf("problem %d %+v: not ordered", i, p)
		}
		if p.Message == "" || strings.HasSuffix(p.Message, ".") || strings.ToLower(p.Message[:1]) != p.Message[:1] {
			t.Fatalf("problem %d %+v: bad message", i, p)
		}
	}
}

func FuzzLex(f *testing.F) {
	for _, tt := range lexTests {
		f.Add([]byte(tt.src))
	}
	for _, s := range []string{"{{< a ", "{{</* a */>}}", "{{< a `b", "{{$ a %}}", "{{{{<", "{{<\x00>}}"} {
		f.Add([]byte(s))
	}
	for _, s := range fuzzseed.Seeds(f, "FuzzLex") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, paired := range []func(string) bool{nil, func(string) bool { return true }} {
			tags, probs := Lex(src, paired)
			checkInvariants(t, src, tags, probs)
			checkMask(t, src, Mask(src, tags))
		}
	})
}

// TestSingleQuotedSuggestion checks that an argument in single quotes,
// which Hugo reads as part of the word, is suggested in double quotes
// without them: "'includes/x.md'" would name a file whose name holds
// the quotes.
func TestSingleQuotedSuggestion(t *testing.T) {
	for src, want := range map[string]string{
		"{{% include 'includes/x.md' %}}": `"includes/x.md"`,
		"{{% include includes/x.md %}}":   `"includes/x.md"`,
		"{{% include 'a'/b' %}}":          `"'a'/b'"`,
	} {
		_, probs := Lex([]byte(src), func(string) bool { return false })
		if len(probs) != 1 || probs[0].Suggestion != want {
			t.Errorf("%s: problems %+v, want one suggesting %s", src, probs, want)
		}
	}
}
