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
