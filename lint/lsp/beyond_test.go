package lsp

import (
	"slices"
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

// TestIncludedListFixSeesIgnoredPage: a page on disk that the
// configuration's ignore globs leave out pastes the open included file
// under an empty item "*" of its own (goldmark nests a list under an
// empty item only when their markers are the same). careerlint never
// lints that page, so its "*" keeps its marker, and the file's list
// rewritten to "-" alone would leave the item: as on the command line,
// the finding offers no quick fix and names the page and why.
func TestIncludedListFixSeesIgnoredPage(t *testing.T) {
	root := fixtureSite(t)
	const (
		shared  = "assets/includes/shared.md"
		ignored = "content/handbook/engineering/careers/matrix/u/draft-senior.md"
		inc     = "* e\n"
	)
	page := "---\ntitle: \"Senior\"\n---\n\nText.\n\n{{% include \"includes/shared.md\" %}}\n"
	writeSite(t, root, map[string]string{
		".careerlint.yaml":     "ignore: [\"**/draft-*.md\"]\n",
		trackDir + "senior.md": page, shared: inc,
		ignored: "---\ntitle: \"Draft\"\n---\n\n*\n  {{% include \"includes/shared.md\" %}}\n",
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	pageURI, incURI := docURI(root, trackDir+"senior.md"), docURI(root, shared)
	c.open(pageURI, page)
	c.open(incURI, inc)
	p := c.waitDiagnostics(incURI, 0, func(p PublishDiagnosticsParams) bool { return slices.Contains(codes(p), "list-marker") })
	lm := find(t, p, "list-marker")
	if want := "careerlint does not check " + ignored + " for list markers (the configuration's ignore globs leave it out)"; !strings.Contains(lm.Message, want) {
		t.Errorf("included file's finding %q, want it to say %q", lm.Message, want)
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: incURI}, Range: lm.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if a.Kind == KindQuickFix && len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == "list-marker" {
			t.Errorf("quick fix offered for the list an ignored page nests under its own item: %+v", a)
		}
	}
}
