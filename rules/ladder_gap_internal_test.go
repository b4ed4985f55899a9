package rules

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
)

// TestLadderGapReadsOtherTracksOnlyWhereReported: a run over one level
// page of a track that skips a rung reads the other tracks' level pages
// only when the gap is reported on a file of the run. Over intern.md of a
// track that goes from intern to intermediate, the gap is reported on
// intermediate.md, which the run does not hold: the other track's
// associate.md is not read (nor its folder listed); over intermediate.md
// it is, and the gap is reported.
func TestLadderGapReadsOtherTracksOnlyWhereReported(t *testing.T) {
	const matrix = "content/handbook/engineering/careers/matrix/"
	root := t.TempDir()
	page := func(title string) string { return "---\ntitle: \"" + title + "\"\n---\n\n## " + title + "\n\nText.\n" }
	writeFiles(t, root, map[string]string{
		matrix + "x/intern.md":       page("Intern"),
		matrix + "x/intermediate.md": page("Intermediate"),
		matrix + "y/intern.md":       page("Intern"),
		matrix + "y/associate.md":    page("Associate"),
		matrix + "y/intermediate.md": page("Intermediate"),
	})
	run := func(rel string) (*lint.Result, *ladderModel) {
		res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: linttest.Config(t, root, All()),
			Rules: []*lint.Rule{LadderGap}, Paths: []string{filepath.Join(root, filepath.FromSlash(rel))}})
		if err != nil {
			t.Fatal(err)
		}
		return res, ladderOf(res.Site)
	}
	readOther := func(m *ladderModel) []string {
		var out []string
		for f := range m.read {
			if strings.HasPrefix(f, matrix+"y/") {
				out = append(out, f)
			}
		}
		return out
	}
	res, m := run(matrix + "x/intern.md")
	if len(res.Diagnostics) != 0 {
		t.Errorf("run over intern.md: %v, want no finding (the gap is on intermediate.md)", res.Diagnostics)
	}
	if got := readOther(m); len(got) > 0 {
		t.Errorf("run over intern.md read the other track's pages %q for a gap it does not report", got)
	}
	res, m = run(matrix + "x/intermediate.md")
	if len(res.Diagnostics) != 1 || !strings.Contains(res.Diagnostics[0].Message, "skips associate") {
		t.Errorf("run over intermediate.md: %v, want the gap", res.Diagnostics)
	}
	if got := readOther(m); len(got) == 0 {
		t.Error("run over intermediate.md reported the gap without reading the other track")
	}
}
