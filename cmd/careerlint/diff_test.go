package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pmezard/go-difflib/difflib"
)

// TestUnifiedDiffIsDifflibs compares unifiedDiff with go-difflib's unified
// diff, which --diff printed before, on files of many shapes: few distinct
// lines (many equal candidates, and lines frequent enough in a file of
// 200 lines or more to match only beside a block), moved blocks, lines
// changed here and there, and a change on every other line.
func TestUnifiedDiffIsDifflibs(t *testing.T) {
	rng := rand.New(rand.NewPCG(165, 1))
	check := func(name string, a, b []string) {
		t.Helper()
		want, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{A: a, B: b, FromFile: "a/x.md", ToFile: "b/x.md", Context: 3})
		if err != nil {
			t.Fatal(err)
		}
		if got := unifiedDiff(a, b, "a/x.md", "b/x.md", 3); got != want {
			t.Fatalf("%s: the diff differs from difflib's\n--- got\n%s\n--- want\n%s\n--- a\n%q\n--- b\n%q", name, got, want, a, b)
		}
	}
	lines := func(n, distinct int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("line %d\n", rng.IntN(distinct))
		}
		return out
	}
	edit := func(a []string, changes, distinct int) []string {
		b := append([]string(nil), a...)
		for range changes {
			switch i := rng.IntN(len(b) + 1); rng.IntN(4) {
			case 0:
				b = append(b[:i], append([]string{fmt.Sprintf("new %d\n", rng.IntN(distinct))}, b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			case 2:
				if i < len(b) {
					b[i] = fmt.Sprintf("line %d\n", rng.IntN(distinct))
				}
			default:
				// Move a block.
				if n := rng.IntN(20); i+n <= len(b) {
					blk := append([]string(nil), b[i:i+n]...)
					b = append(b[:i], b[i+n:]...)
					j := rng.IntN(len(b) + 1)
					b = append(b[:j], append(blk, b[j:]...)...)
				}
			}
		}
		return b
	}
	for round := range 3000 {
		n := rng.IntN(40)
		if round%10 == 0 {
			n = 150 + rng.IntN(400) // past 200 lines, frequent lines match only beside a block
		}
		distinct := 1 + rng.IntN(3*n/2+2)
		a := lines(n, distinct)
		b := edit(a, rng.IntN(n/4+3), distinct)
		if rng.IntN(2) == 0 {
			a, b = b, a
		}
		check(fmt.Sprintf("round %d", round), a, b)
	}
	check("empty to text", nil, []string{"a\n"})
	check("text to empty", []string{"a\n", "b\n"}, nil)
	check("last line without a line ending", patchLines([]byte("a\nb")), patchLines([]byte("a\nb\n")))
	old, fixed := alternatingMarkers(2000)
	check("alternating markers", patchLines(old), patchLines(fixed))
}

// alternatingMarkers returns a list of n items whose markers alternate
// between "-" and "*", and the list with every marker "-".
func alternatingMarkers(n int) (old, fixed []byte) {
	var o, f strings.Builder
	for i := range n {
		marker := "- "
		if i%2 == 1 {
			marker = "* "
		}
		fmt.Fprintf(&o, "%sitem %d\n", marker, i)
		fmt.Fprintf(&f, "- item %d\n", i)
	}
	return []byte(o.String()), []byte(f.String())
}

// TestUnifiedDiffAlternatingLines diffs a file of 20,000 lines with a
// change on every other line (what --fix makes of a list whose markers
// alternate): every changed line is in it. Its speed is
// BenchmarkUnifiedDiff's to show (difflib, which reads every line after
// each block of equal lines it finds, took 13 s on it; this takes
// milliseconds), not a timed test's.
func TestUnifiedDiffAlternatingLines(t *testing.T) {
	old, fixed := alternatingMarkers(20000)
	d := unifiedDiff(patchLines(old), patchLines(fixed), "a/x.md", "b/x.md", 3)
	if n := strings.Count(d, "\n-* item "); n != 10000 {
		t.Errorf("the diff removes %d lines with a \"*\" marker, want 10000", n)
	}
}

// BenchmarkUnifiedDiff diffs files with a change on every other line,
// at two sizes a factor of four apart: the time per op should grow
// about fourfold.
//
//	go test -run '^$' -bench UnifiedDiff ./cmd/careerlint/
func BenchmarkUnifiedDiff(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("alternating/%d", n), func(b *testing.B) {
			old, fixed := alternatingMarkers(n)
			a, c := patchLines(old), patchLines(fixed)
			for b.Loop() {
				unifiedDiff(a, c, "a/x.md", "b/x.md", 3)
			}
		})
	}
}
