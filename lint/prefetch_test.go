package lint

import (
	"fmt"
	"testing"
)

// TestPrefetchForPrinting checks that files read ahead for printing give
// the same text as reading them when asked, in order, out of order (a
// file passed over is read again), for a file asked twice, past the read-
// ahead window, and after the prefetch stopped.
func TestPrefetchForPrinting(t *testing.T) {
	files := map[string]string{}
	var diags []Diagnostic
	n := 3*prefetchWindow + 5
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("content/p%03d.md", i)
		files[name] = fmt.Sprintf("# Page %d\nline two of %d\n", i, i)
		d := Diagnostic{Span: Span{File: name, Start: 0, End: 1}}
		if i%7 == 0 {
			d.Related = []Related{{Span: Span{File: "content/p000.md"}}}
		}
		diags = append(diags, d)
	}
	root := writeTree(t, t.TempDir(), files)
	s := NewSite(root, DefaultConfig(), nil)
	check := func(i int) {
		t.Helper()
		name := fmt.Sprintf("content/p%03d.md", i)
		if got, want := s.LinesOf(name).Line(2), fmt.Sprintf("line two of %d", i); got != want {
			t.Errorf("LinesOf(%s).Line(2) = %q, want %q", name, got, want)
		}
		if got := string(s.Source(name)); got != files[name] {
			t.Errorf("Source(%s) = %q, want %q", name, got, files[name])
		}
	}
	stop := s.PrefetchForPrinting(diags)
	for i := 0; i < n; i += 3 { // every third: the others are passed over
		check(i)
		if i > 10 {
			check(i - 10) // back to one passed over
		}
	}
	check(n - 1)
	check(n - 1)
	stop()
	if s.prefetch != nil {
		t.Error("the prefetch is still set after stop")
	}
	check(4)
}
