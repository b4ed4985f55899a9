package rules

import (
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestItemInsertion writes a new item beside the item that starts with a
// marked link ("[B]"), before or after it, and checks the text and that
// goldmark reads the new item as one more item of the same list.
func TestItemInsertion(t *testing.T) {
	for _, c := range []struct {
		name, src string
		after     bool
		want      string // "" for no edit
	}{
		{"before", "- [A](/a/)\n- [B](/b/)\n", false, "- [A](/a/)\n- [N](/n/)\n- [B](/b/)\n"},
		{"after", "- [A](/a/)\n- [B](/b/)\n", true, "- [A](/a/)\n- [B](/b/)\n- [N](/n/)\n"},
		{"after nested items", "- [B](/b/)\n  - one\n  - two\n- [C](/c/)\n", true, "- [B](/b/)\n  - one\n  - two\n- [N](/n/)\n- [C](/c/)\n"},
		{"nested list", "- Engineer\n    - [B](/b/)\n    - [C](/c/)\n- Manager\n", false, "- Engineer\n    - [N](/n/)\n    - [B](/b/)\n    - [C](/c/)\n- Manager\n"},
		{"last nested item", "- Engineer\n    - [A](/a/)\n    - [B](/b/)\n- Manager\n", true, "- Engineer\n    - [A](/a/)\n    - [B](/b/)\n    - [N](/n/)\n- Manager\n"},
		{"ordered", "1. [A](/a/)\n1. [B](/b/)\n1. C\n", true, "1. [A](/a/)\n1. [B](/b/)\n1. [N](/n/)\n1. C\n"},
		{"ordered first", "3. [B](/b/)\n4. [C](/c/)\n", false, "3. [N](/n/)\n3. [B](/b/)\n4. [C](/c/)\n"},
		{"wide spacing", "*   [B](/b/)\n", false, "*   [N](/n/)\n*   [B](/b/)\n"},
		{"CRLF", "- [A](/a/)\r\n- [B](/b/)\r\n", true, "- [A](/a/)\r\n- [B](/b/)\r\n- [N](/n/)\r\n"},
		{"no final newline", "- [A](/a/)\n- [B](/b/)", true, "- [A](/a/)\n- [B](/b/)\n- [N](/n/)"},
		{"loose list", "- [A](/a/)\n\n- [B](/b/)\n\nText.\n", true, "- [A](/a/)\n\n- [B](/b/)\n- [N](/n/)\n\nText.\n"},
		{"after a paragraph", "Levels:\n- [B](/b/)\n", false, "Levels:\n- [N](/n/)\n- [B](/b/)\n"},
		{"text before the link", "- Level [B](/b/)\n", false, ""},
		{"emphasis around the link", "- **[B](/b/)**\n", false, ""},
		{"later line of the item", "- Levels:\n  [B](/b/)\n", false, ""},
		{"prose", "See [B](/b/).\n", false, ""},
		{"blockquote", "> - [B](/b/)\n", false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := lint.ParsePage("content/x/_index.md", []byte(c.src), lint.ParseOptions{})
			at := strings.Index(c.src, "[B]")
			e, ok := itemInsertion(p, p.Src, at, c.after, "[N](/n/)")
			if c.want == "" {
				if ok {
					t.Fatalf("edit %+v, want none", e)
				}
				return
			}
			if !ok {
				t.Fatal("no edit")
			}
			got, _ := lint.ApplyEdits(p.Src, []lint.Edit{e})
			if string(got) != c.want {
				t.Fatalf("wrote %q, want %q", got, c.want)
			}
			// The new item is one more item of the list that holds B.
			q := lint.ParsePage(p.Path, got, lint.ParseOptions{})
			n, m := strings.Index(string(got), "[N]"), strings.Index(string(got), "[B]")
			if li, lj := deepestList(q, n), deepestList(q, m); li < 0 || li != lj {
				t.Fatalf("the new item is in list %d, B in list %d:\n%s", li, lj, got)
			}
			if len(q.Lists) != len(p.Lists) {
				t.Fatalf("%d lists after the edit, %d before:\n%s", len(q.Lists), len(p.Lists), got)
			}
		})
	}
}

// TestLinkable tells text that a link can wrap from text in a code span
// or an HTML tag.
func TestLinkable(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"1. Principal\n", true},
		{"## Principal\n", true},
		{"- `Principal`\n", false},
		{"- `x` Principal\n", true},
		{"- <span title=\"Principal\">x</span>\n", false},
		{"- <b>Principal</b>\n", true},
		{"- **Principal** and more\n", true},
		{"- ``Principal`` is next\n", false},
		{"- <a href=\"/x/\">Principal</a>\n", false},
		{"- <a href=\"/x/\">x</a> Principal\n", true},
		{"- [Principal][p]\n", false},
		{"- [Principal](/x/)\n", false},
		{"- {{% note \"Principal\" %}}\n", false},
		{"Text.\n\n    - Principal\n", false},
		{"- [x](/x/)\n\n<div>\n- Principal\n</div>\n", false},
		{"```\nPrincipal\n```\n", false},
		{"<!-- Principal -->\n", false},
		{"- Wow!Principal\n", false},
		{"- \\Principal\n", false},
	} {
		start := strings.Index(c.src, "Principal")
		p := lint.ParsePage("content/x/_index.md", []byte(c.src), lint.ParseOptions{})
		if got := linkable(p, p.Src, start, start+len("Principal")); got != c.want {
			t.Errorf("%q: linkable %v, want %v", c.src, got, c.want)
		}
	}
}

// FuzzItemInsertion writes a new item beside every link of a page that
// starts a list item, on both sides, and checks that goldmark reads it as
// one more item of the list holding that link, the page keeping its
// lists; and that linkable takes any span without failing.
func FuzzItemInsertion(f *testing.F) {
	for _, s := range []string{
		"- [A](/a/)\n- [B](/b/)\n",
		"1. [A](/a/)\n   - [B](/b/)\n\n   text\n1. C\n",
		"> - [A](/a/)\n\n* [B](/b/)\r\n* x",
		"- a\n  [B](/b/)\n- [C](/c/)\n  lazy\n",
		"<div>\n- [A](/a/)\n</div>\n\n-\t[B](/b/)\n",
	} {
		f.Add(s, 3, 5)
	}
	f.Fuzz(func(t *testing.T, src string, start, n int) {
		p := lint.ParsePage("content/x/_index.md", []byte(src), lint.ParseOptions{})
		if start >= 0 && n >= 0 {
			_ = linkable(p, p.Src, start, start+n%64)
		}
		for _, l := range p.Links {
			for _, after := range []bool{false, true} {
				e, ok := itemInsertion(p, p.Src, l.Span.Start, after, "[N](/n/)")
				if !ok {
					continue
				}
				got, applied := lint.ApplyEdits(p.Src, []lint.Edit{e})
				if applied != 1 {
					t.Fatalf("edit %+v not applied", e)
				}
				q := lint.ParsePage(p.Path, got, lint.ParseOptions{})
				at := e.Span.Start + strings.Index(e.Text, "[N]")
				shift := len(e.Text)
				if l.Span.Start < e.Span.Start {
					shift = 0
				}
				if li, lj := deepestList(q, at), deepestList(q, l.Span.Start+shift); li < 0 || li != lj {
					t.Fatalf("after %v: the new item is in list %d, the link's item in list %d:\n%q\n->\n%q", after, li, lj, src, got)
				}
				if len(q.Lists) != len(p.Lists) {
					t.Fatalf("after %v: %d lists, %d before:\n%q\n->\n%q", after, len(q.Lists), len(p.Lists), src, got)
				}
			}
		}
	})
}
