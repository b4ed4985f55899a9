package rules_test

import (
	"strings"
	"testing"

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
