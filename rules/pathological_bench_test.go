package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// BenchmarkPathological lints, with every rule, level pages of shapes
// that once took time quadratic in their size, each at two sizes a
// factor of four apart: the time per op should grow about fourfold
// (links-to-missing-anchors and links-to-missing-urls grew about
// sixteenfold while each did-you-mean computed the edit distance to every
// anchor or page name; lint.ClosestIndex walks a trie of them instead).
//
//	go test -run '^$' -bench Pathological ./rules/
func BenchmarkPathological(b *testing.B) {
	shapes := []struct {
		name string
		page func(n int) string
		// include is the text of assets/includes/a.md, when set.
		include string
		// pages are other pages of the site, by path from the root.
		pages func(n int) map[string]string
	}{
		// Sections and list items: each section counted the items of
		// the whole page.
		{"sections-with-items", func(n int) string {
			var s strings.Builder
			for i := range n {
				s.WriteString("## Section " + strconv.Itoa(i) + "\n\n- item\n\n")
			}
			return s.String()
		}, "", nil},
		// Bullet lists between includes of a file: each list looked at
		// every include of the page, every chunk of the page's text
		// pasted with its includes, and every list of the page for each
		// include of the file; the file's list gathered its notes on
		// the includes by searching those gathered so far.
		{"lists-between-includes", func(n int) string {
			var s strings.Builder
			for range n {
				s.WriteString("{{% include \"includes/a.md\" %}}\n\n* item\n\n")
			}
			return s.String()
		}, "* included\n", nil},
		// Links to anchors that are not on the page, among thousands
		// that differ from them in a few runes after a long shared
		// start: the did-you-mean compared each with every anchor.
		{"links-to-missing-anchors", func(n int) string {
			var s strings.Builder
			for i := range n {
				s.WriteString("## Heading number " + strconv.Itoa(i) + "\n\n")
			}
			for i := range n {
				s.WriteString("- [go](#headng-number-" + strconv.Itoa(i) + "x)\n")
			}
			return s.String()
		}, "", nil},
		// Links to one missing anchor: the did-you-mean, which reads
		// every anchor, is worked out once.
		{"links-to-one-missing-anchor", func(n int) string {
			var s strings.Builder
			for i := range 500 {
				s.WriteString("## Heading number " + strconv.Itoa(i) + "\n\n")
			}
			for range n {
				s.WriteString("- [go](#headng-number-7x)\n")
			}
			return s.String()
		}, "", nil},
		// Links to the IDs Hugo gives headings holding a {{< >}}
		// shortcode, made from its placeholder (a table of contents
		// copied from the built page): each is matched against the
		// headings holding one.
		{"links-to-placeholder-ids", func(n int) string {
			var s strings.Builder
			for i := range n {
				s.WriteString("## Item " + strconv.Itoa(i) + " {{< t >}}\n\nText.\n\n")
			}
			for i := range n {
				s.WriteString("- [go](#item-" + strconv.Itoa(i) + "-hahahugoshortcode1s" + strconv.Itoa(i) + "hbhb)\n")
			}
			return s.String()
		}, "", nil},
		// A line nested n*50 blockquotes deep (25,000 and 100,000): the
		// parse stops at the nesting limit with a problem
		// (TestDeepNesting); this measures how soon.
		{"deep-blockquotes", func(n int) string {
			return strings.Repeat("> ", n*50) + "x\n"
		}, "", nil},
		// An include with a link to a page that is not there, pasted
		// again and again: each paste looked at the disk for the files
		// that could serve the path (a folder, a symlink, a special
		// file of its name).
		{"pasted-link-to-missing-page", func(n int) string {
			return strings.Repeat("{{% include \"includes/a.md\" %}}\n\n", n)
		}, "See [the guide](/handbook/no-such-guide/).\n", nil},
		// Links to URLs that no page has, among thousands of pages of one
		// folder whose names differ from them in a few runes after a
		// long shared start: the did-you-mean compared each with the
		// name of every page of the folder.
		{"links-to-missing-urls", func(n int) string {
			var s strings.Builder
			for i := range n {
				s.WriteString("- [go](/handbook/topics/topic-numbr-" + strconv.Itoa(i) + "x/)\n")
			}
			return s.String()
		}, "", func(n int) map[string]string {
			pages := map[string]string{}
			for i := range n {
				pages["content/handbook/topics/topic-number-"+strconv.Itoa(i)+".md"] = "---\ntitle: Topic\n---\n"
			}
			return pages
		}},
	}
	for _, shape := range shapes {
		for _, n := range []int{500, 2000} {
			b.Run(shape.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				root := b.TempDir()
				page := filepath.Join(root, matrix, "x/senior.md")
				if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(page, []byte("---\ntitle: Senior\n---\n\n"+shape.page(n)), 0o644); err != nil {
					b.Fatal(err)
				}
				if shape.include != "" {
					inc := filepath.Join(root, "assets/includes/a.md")
					if err := os.MkdirAll(filepath.Dir(inc), 0o755); err != nil {
						b.Fatal(err)
					}
					if err := os.WriteFile(inc, []byte(shape.include), 0o644); err != nil {
						b.Fatal(err)
					}
				}
				if shape.pages != nil {
					for name, text := range shape.pages(n) {
						file := filepath.Join(root, name)
						if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
							b.Fatal(err)
						}
						if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
							b.Fatal(err)
						}
					}
				}
				for b.Loop() {
					if _, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: rules.All(), SuppressionRule: rules.Suppression}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkFixAlternatingMarkers runs FixAll, as --fix and --diff do, on
// a level page of n list items whose markers alternate between "-" and
// "*": n/2 fixes, of which a round applies the 1,000 a run shows
// (lint.MaxFindingsPerFile), so the work grows with n times the rounds,
// up to lint.MaxFixRounds (2,000 items take one round and 20,000 take
// ten: each lints the page, and list-marker parses it again rewritten).
//
//	go test -run '^$' -bench FixAlternatingMarkers ./rules/
func BenchmarkFixAlternatingMarkers(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			root := b.TempDir()
			page := filepath.Join(root, matrix, "x/senior.md")
			if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
				b.Fatal(err)
			}
			var s strings.Builder
			s.WriteString("---\ntitle: Senior\n---\n\n")
			for i := range n {
				s.WriteString([]string{"- ", "* "}[i%2] + "item " + strconv.Itoa(i) + "\n")
			}
			if err := os.WriteFile(page, []byte(s.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := lint.FixAll(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: rules.All(), SuppressionRule: rules.Suppression}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
