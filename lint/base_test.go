package lint

import (
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
// the base (a new finding may be among them), and old otherwise; an old
// one counts as the findings it stands for among those left out, and
// those the rule's pass only counted are counted apart (the count is
// then a lower bound).
func TestNewFindingsPastCap(t *testing.T) {
	r := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Warning}}
	standIn := func(n, notCounted int) Diagnostic {
		return Diagnostic{Span: Span{File: "a.md"}, Rule: r, Message: "more not shown", Severity: Warning, StandIn: true, NotShown: n, NotCounted: notCounted}
	}
	base := &Result{Diagnostics: []Diagnostic{standIn(2, 0)}}
	for _, c := range []struct{ now, notCounted, fresh, old int }{{1, 0, 0, 1}, {2, 0, 0, 2}, {3, 0, 1, 0}, {0, 7, 0, 1}, {2, 7, 0, 2}} {
		fresh, old, notCounted := NewBaseline(base, nil).New(&Result{Diagnostics: []Diagnostic{standIn(c.now, c.notCounted)}})
		if len(fresh) != c.fresh || old != c.old || notCounted != c.notCounted*(1-c.fresh) {
			t.Errorf("%d past the cap (%d only counted), 2 at the base: %d new, %d old (%d only counted); want %d new, %d old", c.now, c.notCounted, len(fresh), old, notCounted, c.fresh, c.old)
		}
	}
}
