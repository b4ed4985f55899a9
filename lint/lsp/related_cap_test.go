package lsp

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestRelatedCappedInEditor opens a file a page pastes 3,000 times, with
// a broken link in it: its finding lists the first lint.MaxRelated
// including lines and a note at the next saying how many more there are,
// as on the command line, not 3,000 (half a megabyte a publication); so it
// does with the page open too, whose own lint finds the same includes.
func TestRelatedCappedInEditor(t *testing.T) {
	root := fixtureSite(t)
	const inc = "See [the page](/handbook/missing-page/).\n"
	var page strings.Builder
	page.WriteString("---\ntitle: Senior\n---\n\n")
	for range 3000 {
		page.WriteString("{{% include \"includes/a.md\" %}}\n\n")
	}
	writeSite(t, root, map[string]string{"assets/includes/a.md": inc, trackDir + "senior.md": page.String()})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	incURI, seniorURI := docURI(root, "assets/includes/a.md"), docURI(root, trackDir+"senior.md")
	start := time.Now()
	c.open(incURI, inc)
	p := c.settle(incURI, 1)
	size, _ := json.Marshal(p)
	t.Logf("the include's diagnostics: %d bytes, %v", len(size), time.Since(start))
	want := fmt.Sprintf(`%d more related locations, each "included here", not listed (the first %d are); this is the first of them`, 3000-lint.MaxRelated, lint.MaxRelated)
	check := func(when string) {
		t.Helper()
		rel := find(t, p, "link-target").RelatedInformation
		if len(rel) != lint.MaxRelated+1 {
			t.Fatalf("%s: %d related locations, want %d", when, len(rel), lint.MaxRelated+1)
		}
		for i, r := range rel {
			if r.Location.URI != seniorURI || r.Location.Range.Start.Line != 4+2*i {
				t.Errorf("%s: related %d at %s:%d, want line %d of the page", when, i, r.Location.URI, r.Location.Range.Start.Line, 4+2*i)
			}
		}
		if rel[lint.MaxRelated].Message != want {
			t.Errorf("%s: closing note %q, want %q", when, rel[lint.MaxRelated].Message, want)
		}
	}
	check("the include open alone")
	c.open(seniorURI, page.String())
	c.settle(seniorURI, 1)
	p = c.settle(incURI, 1)
	check("the page open too")

	// A second page pasting it as often, open too: its own lint's
	// including lines are among those the note counts.
	staffURI := docURI(root, trackDir+"staff.md")
	staff := strings.ReplaceAll(page.String(), "Senior", "Staff")
	writeSite(t, root, map[string]string{trackDir + "staff.md": staff})
	c.open(staffURI, staff)
	c.settle(staffURI, 1)
	p = c.settle(incURI, 1)
	want = fmt.Sprintf(`%d more related locations in 2 files, each "included here", not listed (the first %d are); this is the first of them`, 6000-lint.MaxRelated, lint.MaxRelated)
	check("two pages open")
}
