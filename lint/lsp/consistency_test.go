package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// finding is a finding as both sides can name it: rule, message and the
// 1-based line it starts on.
type finding struct {
	rule, message string
	line          int
}

// commandLineFindings lints every career page of a site at once, as
// `careerlint` with no path does, and returns the findings by page.
func commandLineFindings(t *testing.T, root string) (map[string][]finding, *lint.Config) {
	t.Helper()
	cfg := lint.DefaultConfig()
	if _, err := os.Stat(filepath.Join(root, lint.ConfigFileName)); err == nil {
		c, err := lint.LoadConfig(filepath.Join(root, lint.ConfigFileName), rules.All())
		if err != nil {
			t.Fatal(err)
		}
		cfg = c
	}
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: rules.All(), SuppressionRule: rules.Suppression, KnownRules: rules.All(), OtherRules: rules.LinkRules()})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]finding{}
	for _, p := range res.Site.Pages {
		out[p.Path] = []finding{}
	}
	for _, d := range res.Diagnostics {
		if res.Site.Page(d.Span.File) == nil {
			continue // a finding in an included file
		}
		li := res.Site.LinesOf(d.Span.File)
		out[d.Span.File] = append(out[d.Span.File], finding{d.Rule.Name, d.Message, li.Position(d.Span.Start).Line})
	}
	return out, cfg
}

func sortFindings(fs []finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d %s %s", f.line, f.rule, f.message))
	}
	sort.Strings(out)
	return out
}

// checkSameFindings opens each career page of a site, one at a time, and
// checks that the server reports on it what the command line reports on
// it when it lints the whole site: linting a page with only what it needs
// (its includes, link targets and the other levels of its track) misses
// nothing and adds nothing.
func checkSameFindings(t *testing.T, root string) {
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := commandLineFindings(t, root)
	if len(want) == 0 {
		t.Fatalf("no career pages under %s", root)
	}
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	var pages []string
	for p := range want {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	for _, rel := range pages {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		uri := docURI(root, rel)
		c.open(uri, string(text))
		w := sortFindings(want[rel])
		got := func(p PublishDiagnosticsParams) []string {
			var fs []finding
			for _, d := range p.Diagnostics {
				fs = append(fs, finding{d.Code, d.Message, d.Range.Start.Line + 1})
			}
			return sortFindings(fs)
		}
		// The page rules' findings come first, those of the rules that
		// compare pages once the site run is done: wait for the last
		// publication to settle.
		last := c.settle(uri, 1)
		if g := got(last); strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s:\nserver:\n  %s\ncommand line:\n  %s", rel, strings.Join(g, "\n  "), strings.Join(w, "\n  "))
		}
		c.notifyServer("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	}
}

// TestSameFindingsAsCommandLine runs checkSameFindings on the example
// handbook.
func TestSameFindingsAsCommandLine(t *testing.T) {
	checkSameFindings(t, filepath.Join("..", "..", "testdata", "handbook"))
}

// TestSameFindingsAsCommandLineHeadingDrift runs it on the link-anchor
// fixtures whose links a drifted heading would mend: the editor's page
// run leaves ladder-sections to its site run, and link-anchor must still
// defer to it, or give its own advice back where a suppression keeps the
// heading.
func TestSameFindingsAsCommandLineHeadingDrift(t *testing.T) {
	for _, name := range []string{"heading-drift", "heading-drift-ref", "heading-drift-off", "heading-drift-suppressed"} {
		t.Run(name, func(t *testing.T) {
			checkSameFindings(t, filepath.Join("..", "..", "testdata", "rules", "link-anchor", name))
		})
	}
}

// TestSameFindingsAsCommandLineCorpus runs it on the real handbook in
// $CAREERLINT_CORPUS.
func TestSameFindingsAsCommandLineCorpus(t *testing.T) {
	root := corpusRoot(t)
	if raceEnabled {
		t.Skip("a site run per page is slow under the race detector; TestSameFindingsAsCommandLine covers the races")
	}
	checkSameFindings(t, root)
}

// corpusRoot returns $CAREERLINT_CORPUS as an absolute path, a relative one
// taken from the repository root (as .ci/run and the rules' corpus test
// take it), and skips the test when it is unset.
func corpusRoot(t *testing.T) string {
	t.Helper()
	root := os.Getenv("CAREERLINT_CORPUS")
	if root == "" {
		t.Skip("CAREERLINT_CORPUS is not set")
	}
	if !filepath.IsAbs(root) {
		root = filepath.Join("..", "..", root)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
