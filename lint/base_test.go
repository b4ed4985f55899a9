package lint

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNewFindings checks the matching of --only-new: a finding of the
// base drops one equal finding now (equal file, rule, problem and line
// text), so a third equal finding where the base had two is new; a file
// the change moves is matched at its old path; a message that differs
// only past "; " (the did-you-mean) matches, one naming another problem
// does not.
func TestNewFindings(t *testing.T) {
	r := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Warning}}
	other := &Rule{Meta: Meta{ID: "CL098", Name: "no-worse", Default: Warning}}
	d := func(file string, rule *Rule, msg string) Diagnostic {
		return Diagnostic{Span: Span{File: file}, Rule: rule, Message: msg, Severity: Warning}
	}
	base := &Result{Diagnostics: []Diagnostic{
		d("a.md", r, "bad thing"),
		d("a.md", r, "bad thing"),
		d("old.md", r, "bad thing"),
		d("b.md", r, "link x is broken; did you mean y"),
		d("c.md", r, "bad thing"),
	}}
	now := &Result{Diagnostics: []Diagnostic{
		d("a.md", r, "bad thing"),
		d("a.md", r, "bad thing"),
		d("a.md", r, "bad thing"),
		d("new.md", r, "bad thing"),
		d("b.md", r, "link x is broken; did you mean z"),
		d("b.md", r, "link w is broken"),
		d("c.md", other, "bad thing"),
	}}
	fresh, old := NewFindings(now, base, map[string]string{"old.md": "new.md"})
	want := []Diagnostic{now.Diagnostics[2], now.Diagnostics[5], now.Diagnostics[6]}
	if diff := cmp.Diff(want, fresh); diff != "" || old != 4 {
		t.Errorf("NewFindings: %d old, want 4; new findings (-want +got):\n%s", old, diff)
	}
	// Without the move, the moved file's finding is new.
	if _, old := NewFindings(now, base, nil); old != 3 {
		t.Errorf("NewFindings without the move: %d old, want 3", old)
	}
}

// TestNewFindingsPastCap checks that the finding standing for a rule's
// findings past the cap in a file is new when it stands for more than at
// the base (a new finding may be among them), past the cap and shown, or
// past the findings the rule's pass keeps and only counted (10,050 at the
// base, 10,080 now: 30 more only counted), and old otherwise; an old one
// counts as the findings it stands for among those left out, and those
// the rule's pass only counted are counted apart (the count is then a
// lower bound).
func TestNewFindingsPastCap(t *testing.T) {
	r := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Warning}}
	standIn := func(n, notCounted int) Diagnostic {
		return Diagnostic{Span: Span{File: "a.md"}, Rule: r, Message: "more not shown", Severity: Warning, StandIn: true, NotShown: n, NotCounted: notCounted}
	}
	type count struct{ shown, notCounted int }
	for _, c := range []struct {
		base, now count
		isNew     bool
	}{
		{count{2, 0}, count{1, 0}, false},
		{count{2, 0}, count{2, 0}, false},
		{count{2, 0}, count{3, 0}, true},
		// Past the findings the pass keeps now, not at the base.
		{count{2, 0}, count{0, 7}, true},
		{count{2, 0}, count{2, 7}, true},
		{count{2, 5}, count{1, 5}, false},
		{count{2, 5}, count{2, 5}, false},
		{count{2, 5}, count{2, 4}, false},
		{count{2, 5}, count{1, 4}, false},
		{count{2, 5}, count{3, 5}, true},
		// More only counted: the change brought findings there.
		{count{2, 5}, count{2, 6}, true},
		{count{2, 5}, count{0, 7}, true},
		// One suppressed among those shown does not hide one brought.
		{count{2, 5}, count{1, 6}, true},
	} {
		b := NewBaseline(&Result{Diagnostics: []Diagnostic{standIn(c.base.shown, c.base.notCounted)}}, nil)
		fresh, old, notCounted := b.New(&Result{Diagnostics: []Diagnostic{standIn(c.now.shown, c.now.notCounted)}})
		wantFresh, wantOld, wantNotCounted := 0, max(c.now.shown, 1), c.now.notCounted
		if c.isNew {
			wantFresh, wantOld, wantNotCounted = 1, 0, 0
		}
		if len(fresh) != wantFresh || old != wantOld || notCounted != wantNotCounted {
			t.Errorf("%+v past the cap now, %+v at the base: %d new, %d old (%d only counted); want %d new, %d old (%d only counted)",
				c.now, c.base, len(fresh), old, notCounted, wantFresh, wantOld, wantNotCounted)
		}
	}
}

// TestNewFindingsPastKept: a page that had, of one rule, more findings
// than the rule's pass keeps (maxFindingsKept, lowered here as 10,000 is
// in a run) and has 30 more now gets the finding that stands for them as
// new, though no more of them are shown past the cap (all those past the
// ones kept were only counted); the findings the page had before, shown,
// are left out and counted.
func TestNewFindingsPastKept(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = MaxFindingsPerFile + 10
	rule := wordRule("CL900", "word", "bad", 1)
	run := func(n int) *Result {
		root := writeTree(t, t.TempDir(), map[string]string{"content/handbook/p.md": "---\ntitle: t\n---\n\n" + strings.Repeat("bad\n", n)})
		res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{rule}, Paths: []string{filepath.Join(root, "content")}})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	base, now := run(maxFindingsKept+50), run(maxFindingsKept+80)
	standIn := func(r *Result) Diagnostic {
		for _, d := range r.Diagnostics {
			if d.StandIn {
				return d
			}
		}
		t.Fatal("no finding stands for those not shown")
		return Diagnostic{}
	}
	if b, n := standIn(base), standIn(now); b.NotShown != n.NotShown || b.NotCounted != 50 || n.NotCounted != 80 {
		t.Fatalf("stand-ins: %d and %d not shown, %d and %d only counted; want equal not shown, 50 and 80 only counted", b.NotShown, n.NotShown, b.NotCounted, n.NotCounted)
	}
	fresh, old, notCounted := NewBaseline(base, nil).New(now)
	if len(fresh) != 1 || !fresh[0].StandIn || old != MaxFindingsPerFile || notCounted != 0 {
		t.Fatalf("%d new (%+v), %d old (%d only counted); want the stand-in new, %d old (0 only counted)", len(fresh), fresh, old, notCounted, MaxFindingsPerFile)
	}
	// The ones shown, which the stand-in asks to fix first, are old and
	// left out: it says so.
	if msg := fresh[0].Message; strings.Contains(msg, "fix the ones shown") || !strings.Contains(msg, "run without --only-new") {
		t.Errorf("stand-in message %q, want it to say the ones shown are left out by --only-new", msg)
	}
	// Nothing changed: every finding is old, the stand-in's among them.
	fresh, old, notCounted = NewBaseline(base, nil).New(run(maxFindingsKept + 50))
	if len(fresh) != 0 || old != maxFindingsKept || notCounted != 50 {
		t.Errorf("unchanged: %d new, %d old (%d only counted); want 0 new, %d old (50 only counted)", len(fresh), old, notCounted, maxFindingsKept)
	}
}
