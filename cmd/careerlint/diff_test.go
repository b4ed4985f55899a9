package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pmezard/go-difflib/difflib"

	"gitlab.com/careerlint/careerlint/lint"
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

// FuzzUnifiedDiff diffs any two files, bytes that are not UTF-8, CRLF
// line endings and a last line without a line ending included, with 0 to
// 5 lines of context: the diff never panics, is "" exactly when the files
// are equal, is difflib's byte for byte, and applied to the first file by
// applyUnifiedDiff (which checks every hunk's header against its lines and
// every context and removed line against the file) gives the second.
func FuzzUnifiedDiff(f *testing.F) {
	old, fixed := alternatingMarkers(12)
	for _, s := range []struct {
		a, b string
		n    uint8
	}{
		{"a\nb\nc\n", "a\nB\nc\n", 3},
		{"a\nb", "a\nb\n", 3},
		{"a\nb\n", "a\nb", 0},
		{"", "x", 3},
		{"x\r\ny\r\n", "x\r\nz\r\ny\r\n", 1},
		{"\xff\n\xfe\n- a\n* b\n", "\xff\n- a\n- b\n", 2},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n2\nx\n4\n5\n6\n7\n8\ny\n10\n", 1},
		{"\\ No newline at end of file\n", "\\ No newline at end of file", 3},
		{string(old), string(fixed), 3},
	} {
		f.Add([]byte(s.a), []byte(s.b), s.n)
	}
	f.Fuzz(func(t *testing.T, a, b []byte, n uint8) {
		context := int(n % 6)
		la, lb := patchLines(a), patchLines(b)
		d := unifiedDiff(la, lb, "a/x.md", "b/x.md", context)
		if (d == "") != bytes.Equal(a, b) {
			t.Fatalf("diff of %q and %q with %d lines of context is %q", a, b, context, d)
		}
		want, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{A: la, B: lb, FromFile: "a/x.md", ToFile: "b/x.md", Context: context})
		if err != nil {
			t.Fatal(err)
		}
		if d != want {
			t.Fatalf("diff of %q and %q with %d lines of context differs from difflib's\n--- got\n%s\n--- want\n%s", a, b, context, d, want)
		}
		if d == "" {
			return
		}
		got, err := applyUnifiedDiff(a, d)
		if err != nil {
			t.Fatalf("diff of %q and %q with %d lines of context: %v\n%s", a, b, context, err, d)
		}
		if !bytes.Equal(got, b) {
			t.Fatalf("diff of %q and %q with %d lines of context applied gives %q\n%s", a, b, context, got, d)
		}
	})
}

// noNewline is the line a unified diff writes after a last line without
// a line ending.
const noNewline = "\\ No newline at end of file\n"

// hunkHeader is a unified diff's hunk header: the first line and count of
// the old file, then of the new; a count left out is 1.
var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$`)

// applyUnifiedDiff applies a unified diff of one file, as unifiedDiff
// writes it, to src, the way patch does: each hunk takes as many lines as
// its header counts, and its context and removed lines must be those of
// src where the header puts them; hunks must come in order and not
// overlap. A line followed by "\ No newline at end of file" is written
// without its line ending.
func applyUnifiedDiff(src []byte, diff string) ([]byte, error) {
	// The lines of src, each with its line ending (the last maybe without).
	old := strings.SplitAfter(string(src), "\n")
	if old[len(old)-1] == "" {
		old = old[:len(old)-1]
	}
	lines := strings.SplitAfter(diff, "\n")
	if lines[len(lines)-1] != "" {
		return nil, fmt.Errorf("the diff does not end with a line ending")
	}
	lines = lines[:len(lines)-1]
	if len(lines) < 2 || lines[0] != "--- a/x.md\n" || lines[1] != "+++ b/x.md\n" {
		return nil, fmt.Errorf("the diff does not start with its file names")
	}
	var out []string
	at, k := 0, 2 // the next line of old to copy, the next line of the diff
	for k < len(lines) {
		m := hunkHeader.FindStringSubmatch(lines[k])
		if m == nil {
			return nil, fmt.Errorf("line %d: %q is no hunk header", k+1, lines[k])
		}
		k++
		num := func(s string) int {
			if s == "" {
				return 1
			}
			v, _ := strconv.Atoi(s)
			return v
		}
		oldStart, oldCount, newStart, newCount := num(m[1]), num(m[2]), num(m[3]), num(m[4])
		// A hunk of no old lines names the line before it.
		first := oldStart - 1
		if oldCount == 0 {
			first = oldStart
		}
		if first < at || first > len(old) {
			return nil, fmt.Errorf("hunk %q starts at old line %d, past which %d lines are already read (of %d)", lines[k-1], oldStart, at, len(old))
		}
		out = append(out, old[at:first]...)
		at = first
		if wantNew := newStart - 1; newCount == 0 && len(out) != newStart || newCount > 0 && len(out) != wantNew {
			return nil, fmt.Errorf("hunk %q starts at new line %d, where the new file has %d lines", lines[k-1], newStart, len(out))
		}
		for oldCount > 0 || newCount > 0 {
			if k >= len(lines) || lines[k] == "" {
				return nil, fmt.Errorf("hunk ends early, %d old and %d new lines short", oldCount, newCount)
			}
			l := lines[k]
			k++
			text := l[1:]
			if k < len(lines) && lines[k] == noNewline {
				text = strings.TrimSuffix(text, "\n")
				k++
			}
			switch l[0] {
			case ' ', '-':
				if oldCount == 0 || at >= len(old) || old[at] != text {
					return nil, fmt.Errorf("line %d: %q is not the old file's line %d", k, l, at+1)
				}
				oldCount--
				at++
				if l[0] == ' ' {
					if newCount == 0 {
						return nil, fmt.Errorf("line %d: a context line past the hunk's new lines", k)
					}
					newCount--
					out = append(out, text)
				}
			case '+':
				if newCount == 0 {
					return nil, fmt.Errorf("line %d: an added line past the hunk's new lines", k)
				}
				newCount--
				out = append(out, text)
			default:
				return nil, fmt.Errorf("line %d: %q starts with none of ' ', '-', '+'", k, l)
			}
		}
	}
	out = append(out, old[at:]...)
	return []byte(strings.Join(out, "")), nil
}

// TestApplyUnifiedDiff: FuzzUnifiedDiff's applier applies a diff made by
// hand, a last line without a line ending included, and refuses one whose
// header misplaces or miscounts a hunk or whose context is not the file's.
func TestApplyUnifiedDiff(t *testing.T) {
	const src = "a\nb\nc\nd"
	const head = "--- a/x.md\n+++ b/x.md\n"
	got, err := applyUnifiedDiff([]byte(src), head+"@@ -2,3 +2,3 @@\n b\n-c\n+C\n-d\n"+noNewline+"+d\n")
	if err != nil || string(got) != "a\nb\nC\nd\n" {
		t.Errorf("applied: %q, %v; want %q", got, err, "a\nb\nC\nd\n")
	}
	got, err = applyUnifiedDiff([]byte(src), head+"@@ -1,0 +2 @@\n+x\n")
	if err != nil || string(got) != "a\nx\nb\nc\nd" {
		t.Errorf("insertion applied: %q, %v; want %q", got, err, "a\nx\nb\nc\nd")
	}
	for _, bad := range []string{
		"@@ -1,3 +1,3 @@\n b\n-c\n+C\n",              // misplaced
		"@@ -2,3 +2,3 @@\n b\n-c\n+C\n",              // too few lines
		"@@ -2,2 +2,2 @@\n b\n-x\n+C\n",              // not the file's line
		"@@ -2,2 +2,2 @@\n b\n-c\n+C\n+D\n",          // a line past the count
		"@@ -2 +2 @@\n-b\n+B\n@@ -1 +1 @@\n-a\n+A\n", // out of order
		"@@ -4 +4 @@\n-d\n+D\n",                      // the last line has no line ending
		"@@ -2,2 +3,2 @@\n b\n-c\n+C\n",              // the new start is off
	} {
		if got, err := applyUnifiedDiff([]byte(src), head+bad); err == nil {
			t.Errorf("applied %q: %q, want an error", bad, got)
		}
	}
}

// FuzzDiffName writes any file name as a diff header does: a name written
// plainly is valid UTF-8 with no control character, bidi control, double
// quote or backslash; a quoted one is printable ASCII only and reads back
// (as git apply and patch read it, as a Go string literal does) as the
// name; no name writes a line ending, and a tab ends exactly the names
// holding a space.
func FuzzDiffName(f *testing.F) {
	for _, s := range []string{"content/a/senior.md", "content/é/x y.md", "a/say \"hi\"\\.md", "a/\u202egnp\n\t\x1b[31m\xff\x7f\u0085.md", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		q := quoteDiffName(name)
		if strings.HasPrefix(q, `"`) {
			for i := 0; i < len(q); i++ {
				if q[i] < 0x20 || q[i] >= 0x7f {
					t.Fatalf("quoteDiffName(%q) = %s holds byte %#x", name, q, q[i])
				}
			}
			if back, err := strconv.Unquote(q); err != nil || back != name {
				t.Fatalf("quoteDiffName(%q) = %s, which reads back as %q (%v)", name, q, back, err)
			}
		} else {
			if q != name {
				t.Fatalf("quoteDiffName(%q) = %q, changed but not quoted", name, q)
			}
			if !utf8.ValidString(name) || strings.ContainsAny(name, "\"\\") || strings.ContainsFunc(name, func(r rune) bool {
				return unicode.IsControl(r) || lint.IsBidiControl(r)
			}) {
				t.Fatalf("quoteDiffName(%q) left it as it is", name)
			}
		}
		d := diffName(name)
		if strings.Contains(d, "\n") || strings.Contains(name, " ") != strings.HasSuffix(d, "\t") || strings.Count(d, "\t") > 1 {
			t.Fatalf("diffName(%q) = %q", name, d)
		}
	})
}
