package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// TestWhitespaceFixTitles checks that each fix says what it does, as an
// editor lists it: a blank line's whitespace is not trailing whitespace.
func TestWhitespaceFixTitles(t *testing.T) {
	root := t.TempDir()
	page := filepath.Join(root, "content", "p.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("---\ntitle: p\n---\n\nText. \n  \n###  Heading\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	cfg.Pages = []string{"content/*.md"}
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.Whitespace}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"line ends with 1 space; remove it":                             "remove the trailing whitespace",
		"blank line holds 2 spaces; remove them":                        "remove the whitespace of the blank line",
		`heading marker "###" is followed by 2 spaces; write one space`: "write one space after the heading marker",
	}
	for _, d := range res.Diagnostics {
		w, ok := want[d.Message]
		if !ok {
			t.Errorf("unexpected finding %q", d.Message)
			continue
		}
		delete(want, d.Message)
		if len(d.Fixes) != 1 || d.Fixes[0].Title != w {
			t.Errorf("%q: fixes %+v, want one titled %q", d.Message, d.Fixes, w)
		}
	}
	for m := range want {
		t.Errorf("no finding %q", m)
	}
}

// TestWhitespaceFinalNewlineIgnoredPage: a career page the ignore globs
// leave out, which careerlint never lints but Hugo renders, pastes an
// include file in a table cell, with text after it on the line. The
// newline the file lacks would end the row there, so its fix is withheld
// in a run over every career page, as for a page the run lints, and
// --fix leaves the file as it is.
func TestWhitespaceFinalNewlineIgnoredPage(t *testing.T) {
	const inc = "assets/includes/n.md"
	root := t.TempDir()
	writeFile(t, root, matrix+"web/a.md", "---\ntitle: A\n---\n\nText.\n\n{{% include \"includes/n.md\" %}}\n")
	writeFile(t, root, matrix+"web/draft-b.md", "---\ntitle: B\n---\n\n| a | b |\n|---|---|\n| x | {{% include \"includes/n.md\" %}} |\n")
	writeFile(t, root, inc, "word")
	cfg := lint.DefaultConfig()
	cfg.Ignore = []string{"**/draft-*.md"}
	fixed, err := lint.FixAll(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rules.Whitespace}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed.Files) > 0 {
		t.Errorf("--fix rewrote %d files, want none: the newline would end draft-b.md's table row after the include", len(fixed.Files))
	}
	found := false
	for _, d := range fixed.Result.Diagnostics {
		if d.Span.File == inc {
			found = true
			if len(d.Fixes) > 0 || len(d.Related) == 0 || d.Related[0].Span.File != matrix+"web/draft-b.md" {
				t.Errorf("%s: %q (%d fixes, related %v), want no fix and draft-b.md's include as the related location", d.Span.File, d.Message, len(d.Fixes), d.Related)
			}
		}
	}
	if !found {
		t.Errorf("no finding in %s", inc)
	}
}
