package lsp

import (
	"strings"
	"testing"
)

// TestListFixFollowsOtherOpenPage: a page's lint withholds the fix of a
// list that starts an included file when another page pastes that file
// right after a list of its own (lint.Site.Includers reads the pages
// outside the run, open ones with their unsaved text). The page's lint
// then depends on the open pages: when the other page drops its list in
// its unsaved text, the page is linted again, and the included file no
// longer shows the fix withheld.
func TestListFixFollowsOtherOpenPage(t *testing.T) {
	root := fixtureSite(t)
	const (
		shared = "assets/includes/shared.md"
		other  = "content/handbook/engineering/careers/matrix/u/senior.md"
		inc    = "* one\n* two\n"
		before = "---\ntitle: \"Other\"\n---\n\n- a list of the page\n\n{{% include \"includes/shared.md\" %}}\n"
		after  = "---\ntitle: \"Other\"\n---\n\nText of the page.\n\n{{% include \"includes/shared.md\" %}}\n"
	)
	page := "---\ntitle: \"Senior\"\n---\n\nText before.\n\n{{% include \"includes/shared.md\" %}}\n\nText after.\n"
	writeSite(t, root, map[string]string{trackDir + "senior.md": page, shared: inc, other: before})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	pageURI, incURI, otherURI := docURI(root, trackDir+"senior.md"), docURI(root, shared), docURI(root, other)
	c.open(pageURI, page)
	c.open(incURI, inc)
	c.open(otherURI, before)
	// The included file's findings come from the lints of the three open
	// documents, published as each ends: wait for the publication that
	// holds the withheld fix, then, after the change, for one that offers
	// it (waitDiagnostics fails the test when none comes).
	byHand := func(withheld bool) func(PublishDiagnosticsParams) bool {
		return func(p PublishDiagnosticsParams) bool {
			seen := false
			for _, d := range p.Diagnostics {
				if d.Code == "list-marker" {
					seen = true
					if strings.Contains(d.Message, "rewrite this list by hand") != withheld {
						return false
					}
				}
			}
			return seen
		}
	}
	c.waitDiagnostics(incURI, 0, byHand(true))
	n := c.published(incURI)
	c.change(otherURI, 2, TextDocumentContentChangeEvent{Text: after})
	c.waitDiagnostics(incURI, n, byHand(false))
}
