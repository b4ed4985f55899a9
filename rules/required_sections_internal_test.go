package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestOutlineHeadingsAreAnchorHeadings checks that the section outline
// and the anchor table read the same headings from a page with includes
// in every context, nested ones among them: both come from the page as
// Hugo reads it (lint.Site.RenderedParts), so a heading the outline sees
// has an anchor and the other way round.
func TestOutlineHeadingsAreAnchorHeadings(t *testing.T) {
	root := filepath.Join("..", "testdata", "rules", "link-anchor", "include-context")
	rel := "content/handbook/team/senior.md"
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	p := lint.ParsePage(rel, src, lint.ParseOptions{IncludeShortcodes: cfg.Shortcodes.Include})
	site := lint.NewSite(root, cfg, []*lint.Page{p})
	var outline, anchors []string
	for _, sh := range pageHeadings(site, p) {
		if sh.H.Text != "" {
			outline = append(outline, sh.File+": "+sh.H.Text)
		}
	}
	for _, a := range site.Anchors(p) {
		if a.Heading != nil {
			anchors = append(anchors, a.File+": "+a.Heading.Text)
		}
	}
	if len(outline) < 6 {
		t.Fatalf("the fixture's outline has %d headings, want its included ones too: %q", len(outline), outline)
	}
	if d := cmp.Diff(anchors, outline); d != "" {
		t.Errorf("outline headings differ from anchor headings (-anchors +outline):\n%s", d)
	}
}
