package rules_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
)

const corpusGolden = "../testdata/corpus/findings.golden"

// corpusRoot is the absolute path of $CAREERLINT_CORPUS, which .ci/run
// sets relative to the repository root; the test is skipped when it is
// unset.
func corpusRoot(t *testing.T) string {
	t.Helper()
	root := os.Getenv("CAREERLINT_CORPUS")
	if root == "" {
		t.Skip("CAREERLINT_CORPUS is not set")
	}
	if !filepath.IsAbs(root) {
		root = filepath.Join("..", root)
	}
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestCorpus lints the real handbook pages in $CAREERLINT_CORPUS (set by
// .ci/run; skipped when unset). Every Markdown file must parse without a
// crash, and the findings on the career pages must match a golden file that
// was reviewed by hand. UPDATE_GOLDEN=1 rewrites it.
func TestCorpus(t *testing.T) {
	root := corpusRoot(t)
	cfg := lint.DefaultConfig()

	// Every Markdown file of the corpus, includes and link targets too.
	all, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: rules.All(), Paths: []string{root}, SuppressionRule: rules.Suppression})
	if err != nil {
		t.Fatal(err)
	}
	if all.Files < 100 {
		t.Errorf("linted %d files of the corpus, want every Markdown file (over 100)", all.Files)
	}
	for _, p := range all.Site.Pages {
		if !p.Parsed() {
			t.Errorf("%s was not parsed: %v", p.Path, p.Problems)
		}
	}

	// The career pages the default configuration selects.
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: rules.All(), SuppressionRule: rules.Suppression})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files < 49 {
		t.Errorf("the default page globs selected %d files, want at least the 49 level pages", res.Files)
	}
	var got bytes.Buffer
	fmt.Fprintf(&got, "# careerlint findings over the corpus career pages (%d files); reviewed by hand\n", res.Files)
	for _, d := range res.Diagnostics {
		pos := res.Site.File(d.Span.File).Lines.Position(d.Span.Start)
		fmt.Fprintf(&got, "%s:%d:%d: %s %s %s\n", d.Span.File, pos.Line, pos.Column, d.Severity, d.Rule.Name, d.Message)
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(corpusGolden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(corpusGolden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("corpus findings differ from %s (-want +got); review, then UPDATE_GOLDEN=1:\n%s", corpusGolden, diff)
	}
}

// TestCorpusSuggestions applies every suggestion careerlint makes over
// the corpus (every Markdown page linted), each alone, and checks that it
// mends its finding. Skipped unless CAREERLINT_CORPUS is set.
func TestCorpusSuggestions(t *testing.T) {
	root := corpusRoot(t)
	for _, r := range rules.All() {
		if r.Suggests {
			n := linttest.RunSuggestions(t, root, rules.All(), r)
			t.Logf("%s: %d suggestions mend their findings", r.Name, n)
		}
	}
}
