package rules_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/rules"
)

// TestLinkTargetSuggestionKeepsTheFragment: the closest URL of a link
// that misses is found by its path alone. When that page lacks the link's
// anchor, it is likely another page of the same name: the message says so
// and offers no edit, which --apply-suggestions would apply and leave a
// broken anchor; a page that has the anchor is offered.
func TestLinkTargetSuggestionKeepsTheFragment(t *testing.T) {
	res := runSite(t, "../testdata/rules/link-target/suggest-fragment")
	want := map[string]int{"#broken-master": 0, "#broken-main": 1}
	got := map[string]int{}
	for _, d := range res.Diagnostics {
		if d.Rule != rules.LinkTarget {
			continue
		}
		src := res.Site.Page(d.Span.File).Src
		lineStart := strings.LastIndexByte(string(src[:d.Span.Start]), '\n') + 1
		line, _, _ := strings.Cut(string(src[lineStart:]), "\n")
		for frag := range want {
			if strings.Contains(line, "workflow/"+frag+")") {
				got[frag] = len(d.Suggestions)
			}
		}
	}
	for frag, n := range want {
		if m, ok := got[frag]; !ok || m != n {
			t.Errorf("link to /handbook/engineering/workflow/%s: %d suggestions (found %v), want %d", frag, m, ok, n)
		}
	}
}

// TestLinkTargetSuggestionNotThisPage: when the closest URL of a link
// that misses is the URL of the page the link is written on, the message
// says so and offers no edit, which --apply-suggestions would apply and
// make a link back to the page; the same URL is offered from another page
// and from an included file, pasted on more than one page. An alias of the
// page, which redirects to it, is this page too.
func TestLinkTargetSuggestionNotThisPage(t *testing.T) {
	res := runSite(t, "../testdata/rules/link-target/suggest-self")
	const mean = "did you mean /handbook/team/principal/"
	type finding struct {
		end         string // how the message ends
		suggestions int
	}
	want := map[string]finding{
		"content/handbook/team/principal.md": {mean + ", though that is this page itself", 0},
		"content/handbook/team/staff.md":     {mean, 1},
		"assets/includes/nav.md":             {mean, 1},
	}
	got := map[string]finding{}
	for _, d := range res.Diagnostics {
		if _, after, ok := strings.Cut(d.Message, "; "); ok && d.Rule == rules.LinkTarget && strings.HasPrefix(after, mean) && !strings.Contains(after, "has no #") {
			got[d.Span.File] = finding{after, len(d.Suggestions)}
		}
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(finding{})); diff != "" {
		t.Errorf("findings at the old URL of the principal page (-want +got):\n%s", diff)
	}
	// The closest URL is an alias of the linking page: no edit either.
	n := 0
	for _, d := range res.Diagnostics {
		if d.Rule == rules.LinkTarget && d.Span.File == "content/handbook/team/manager.md" {
			n++
			if !strings.HasSuffix(d.Message, ", though that is an alias of this page itself") || len(d.Suggestions) != 0 {
				t.Errorf("manager.md: %q with %d suggestions, want the alias named as this page and no suggestion", d.Message, len(d.Suggestions))
			}
		}
	}
	if n != 1 {
		t.Errorf("%d link-target findings in manager.md, want 1", n)
	}
}
