package rules_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestCorpusHistory lints the older versions of pages in the
// handbook-history folder beside $CAREERLINT_CORPUS (each a page as it
// was before a mistake in it was fixed, listed in its MANIFEST.tsv), each
// in place of the page in the corpus site: every line that the fix
// changed must carry a finding, and the version in the corpus (after the
// fix) must not have the findings of those lines.
func TestCorpusHistory(t *testing.T) {
	root := corpusRoot(t)
	hist := filepath.Join(filepath.Dir(root), "handbook-history")
	manifest, err := os.ReadFile(filepath.Join(hist, "MANIFEST.tsv"))
	if err != nil {
		t.Skipf("no handbook history beside the corpus: %v", err)
	}
	rows := strings.Split(strings.TrimSpace(string(manifest)), "\n")[1:]
	if len(rows) == 0 {
		t.Fatal("MANIFEST.tsv lists no page")
	}
	for _, row := range rows {
		file, _, _ := strings.Cut(row, "\t")
		old, err := os.ReadFile(filepath.Join(hist, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		_, rel, _ := strings.Cut(file, "/") // after the commit folder
		cur, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(rel, func(t *testing.T) {
			oldLines := findingLines(t, root, rel, old)
			curLines := findingLines(t, root, rel, cur)
			kept := map[string]bool{}
			for _, l := range strings.Split(string(cur), "\n") {
				kept[l] = true
			}
			fixed := 0
			oldText := strings.Split(string(old), "\n")
			for i, l := range oldText {
				if kept[l] {
					continue // not changed by the fix
				}
				fixed++
				if len(oldLines[i+1]) == 0 {
					t.Errorf("line %d, changed by the fix, has no finding: %q", i+1, l)
				}
				for _, f := range oldLines[i+1] {
					t.Logf("line %d: %s", i+1, f)
				}
			}
			if fixed == 0 {
				t.Errorf("the older version changes no line of the page")
			}
			// The fix took those findings away: the later version has each
			// finding at most as often as the older one has it on lines
			// the fix kept.
			left, gone := map[string]int{}, map[string]bool{}
			for n, fs := range oldLines {
				for _, f := range fs {
					if n <= len(oldText) && kept[oldText[n-1]] {
						left[f]++
					} else {
						gone[f] = true
					}
				}
			}
			for _, fs := range curLines {
				for _, f := range fs {
					if left[f]--; gone[f] && left[f] < 0 {
						t.Errorf("the fixed version still has: %s", f)
					}
				}
			}
		})
	}
}

// findingLines lints one page of the corpus site with its text replaced
// and returns its findings, as "rule: message", by line of the page: those
// on the page, and those in a file it includes at the line of the include
// ("in FILE: rule: message").
func findingLines(t *testing.T, root, rel string, text []byte) map[int][]string {
	t.Helper()
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: rules.All(),
		Paths: []string{filepath.Join(root, filepath.FromSlash(rel))}, Overlay: map[string][]byte{rel: text}, SuppressionRule: rules.Suppression})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int][]string{}
	lines := res.Site.File(rel).Lines
	for _, d := range res.Diagnostics {
		if d.Span.File == rel {
			n := lines.Position(d.Span.Start).Line
			out[n] = append(out[n], d.Rule.Name+": "+d.Message)
			continue
		}
		for _, r := range d.Related {
			if r.Span.File == rel && r.Message == "included here" {
				n := lines.Position(r.Span.Start).Line
				out[n] = append(out[n], "in "+d.Span.File+": "+d.Rule.Name+": "+d.Message)
			}
		}
	}
	return out
}
