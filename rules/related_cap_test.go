package rules_test

import (
	"fmt"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestRelatedLocationsCapped: a finding in a file pasted thousands of
// times, and one on a reference definition used thousands of times, lists
// the first lint.MaxRelated related locations, in line order as before,
// then one at the first of the others saying how many there are; one
// more than the cap is listed whole. A suppression at a use past the cap
// still suppresses that use, and the fingerprint does not change with the
// count.
func TestRelatedLocationsCapped(t *testing.T) {
	const head = "---\ntitle: Senior\n---\n\n"
	// pasted is a site whose page pastes a file with a broken link n
	// times, and the line of each include.
	pasted := func(n int) (root string, lines []int) {
		root = t.TempDir()
		writeFile(t, root, "assets/includes/a.md", "See [the page](/handbook/missing-page/).\n")
		var page strings.Builder
		page.WriteString(head)
		for i := range n {
			lines = append(lines, 5+2*i)
			page.WriteString("{{% include \"includes/a.md\" %}}\n\n")
		}
		writeFile(t, root, matrix+"x/senior.md", page.String())
		return root, lines
	}
	// found returns the link-target finding on file and the lines of its
	// related locations.
	found := func(res *lint.Result, file string) (lint.Diagnostic, []int) {
		t.Helper()
		for _, d := range res.Diagnostics {
			if d.Rule.Name == "link-target" && d.Span.File == file {
				var lines []int
				for _, r := range d.Related {
					lines = append(lines, res.Site.LinesOf(r.Span.File).Position(r.Span.Start).Line)
				}
				return d, lines
			}
		}
		t.Fatalf("no link-target finding on %s", file)
		return lint.Diagnostic{}, nil
	}
	// Under the cap (one more than it): every include, no note.
	root, lines := pasted(lint.MaxRelated + 1)
	d, got := found(runSite(t, root), "assets/includes/a.md")
	if fmt.Sprint(got) != fmt.Sprint(lines) {
		t.Errorf("%d includes: related lines %v, want %v", len(lines), got, lines)
	}
	for _, r := range d.Related {
		if r.Message != "included here" {
			t.Errorf("%d includes: related %q", len(lines), r.Message)
		}
	}

	// Thousands: the first MaxRelated, then the note at the next one.
	root, lines = pasted(3000)
	res := runSite(t, root)
	d, got = found(res, "assets/includes/a.md")
	if len(got) != lint.MaxRelated+1 || fmt.Sprint(got[:lint.MaxRelated]) != fmt.Sprint(lines[:lint.MaxRelated]) || got[lint.MaxRelated] != lines[lint.MaxRelated] {
		t.Fatalf("3000 includes: related lines %v, want %v then %d", got, lines[:lint.MaxRelated], lines[lint.MaxRelated])
	}
	want := fmt.Sprintf(`%d more related locations, each "included here", not listed (the first %d are); this is the first of them`, 3000-lint.MaxRelated, lint.MaxRelated)
	if note := d.Related[lint.MaxRelated].Message; note != want {
		t.Errorf("3000 includes: closing note %q, want %q", note, want)
	}
	fpMany := codeQualityFingerprint(t, root, "link target /handbook/missing-page/")
	few, _ := pasted(100)
	if fpFew := codeQualityFingerprint(t, few, "link target /handbook/missing-page/"); fpFew != fpMany {
		t.Errorf("the fingerprint changed with the number of includes: %s, %s", fpFew, fpMany)
	}

	// A reference definition used 3,000 times, with a suppression at a
	// use past the cap: that use is suppressed (it is not among the
	// others), and the suppression is used.
	root = t.TempDir()
	var page strings.Builder
	page.WriteString(head)
	for i := range 3000 {
		if i == 2500 {
			page.WriteString("<!-- careerlint-disable-next-line link-target -- a test -->\n")
		}
		fmt.Fprintf(&page, "- [use %d][r]\n", i)
	}
	page.WriteString("\n[r]: /handbook/missing-page/\n")
	writeFile(t, root, matrix+"x/senior.md", page.String())
	res = runSite(t, root)
	d, _ = found(res, matrix+"x/senior.md")
	want = fmt.Sprintf(`%d more related locations, each "used here", not listed (the first %d are); this is the first of them`, 2999-lint.MaxRelated, lint.MaxRelated)
	if len(d.Related) != lint.MaxRelated+1 || d.Related[lint.MaxRelated].Message != want {
		t.Errorf("3000 uses, one suppressed: %d related, the last %q; want %d, the last %q", len(d.Related), d.Related[len(d.Related)-1].Message, lint.MaxRelated+1, want)
	}
	for _, f := range res.Diagnostics {
		if f.Rule.Name == "suppression" {
			t.Errorf("suppression finding: %s", f.Message)
		}
	}
}
