package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// typicalPage is a level page larger than most of the handbook's (they
// have about 30 lines; the largest about 7 kB): three competency sections
// of twelve items, each with a handbook link, and three includes.
func typicalPage() string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Senior - Test Department Career Framework\"\ndescription: \"The expected competencies for the Senior level.\"\n---\n\n")
	b.WriteString("{{% include \"includes/nav.md\" %}}\n\n## Test Department Competencies: Senior\n\nIntro text about the level, with ünïcode 🤝 in it.\n")
	for _, sec := range []string{"Leadership Competencies", "Technical Competencies", "Values Alignment"} {
		fmt.Fprintf(&b, "\n### Senior %s\n\n", sec)
		for i := 0; i < 12; i++ {
			fmt.Fprintf(&b, "1. Item %d of %s, following [boring solutions](/handbook/values/#boring-solutions) in everyday work\n", i, sec)
		}
		b.WriteString("\n{{% include \"includes/values.md\" %}}\n")
	}
	return b.String()
}

// measureChanges opens a page, then sends edits one at a time (a word
// typed at the end of a line, as incremental changes) and returns the
// time from each change to the diagnostics of its version.
func measureChanges(t *testing.T, c *testClient, uri, text string, line, n int) []time.Duration {
	t.Helper()
	c.open(uri, text)
	c.waitDiagnostics(uri, 0, hasVersion(1))
	lines := strings.Split(text, "\n")
	col := utf16Col(lines[line])
	var out []time.Duration
	for v := 2; v < n+2; v++ {
		start := time.Now()
		c.change(uri, v, TextDocumentContentChangeEvent{Range: &Range{Start: Position{line, col}, End: Position{line, col}}, Text: " x"})
		c.waitDiagnostics(uri, 0, hasVersion(v))
		out = append(out, time.Since(start))
		col += 2
	}
	return out
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration{}, ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// TestChangeLatency checks that every change of a typical page gets the
// diagnostics of its own version, and logs how soon they came (the median
// of 15 edits; `go test -run ChangeLatency -v ./lint/lsp/` shows it). The
// time is measured, never asserted: the target (50 ms) is for reading,
// since a shared machine decides timings more than the code does.
func TestChangeLatency(t *testing.T) {
	c, _, uri := startOnSenior(t)
	ds := measureChanges(t, c, uri, typicalPage(), 8, 15)
	m := median(ds)
	t.Logf("change to diagnostics: median %v, all %v", m, ds)
}

// TestChangeLatencyCorpus does the same on the largest level page of
// the real handbook in $CAREERLINT_CORPUS, linted in its site (includes,
// link targets, every page around it).
func TestChangeLatencyCorpus(t *testing.T) {
	root := corpusRoot(t)
	rel := "content/handbook/engineering/careers/matrix/infrastructure/staff.md"
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Skipf("corpus page: %v", err)
	}
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	lines := strings.Split(string(text), "\n")
	line := len(lines) / 2
	ds := measureChanges(t, c, docURI(root, rel), string(text), line, 15)
	m := median(ds)
	t.Logf("%s: change to diagnostics: median %v, all %v", rel, m, ds)
}

// TestChangeLatencyCorpusInclude does the same on the include file of the
// real handbook that most level pages include, opened alone: each change
// lints the pages on disk that include it.
func TestChangeLatencyCorpusInclude(t *testing.T) {
	root := corpusRoot(t)
	rel := "assets/includes/engineering-careers/values-competency.md"
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Skipf("corpus include: %v", err)
	}
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	lines := strings.Split(string(text), "\n")
	ds := measureChanges(t, c, docURI(root, rel), string(text), len(lines)/2, 15)
	t.Logf("%s: change to diagnostics: median %v, all %v", rel, median(ds), ds)
}
