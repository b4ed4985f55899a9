package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// symlink makes a symlink, or skips the test where the system makes none.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlink: %v", err)
	}
}

// TestSymlinkedPageIsNoPage opens pages of the content folder reached
// through a symlink (their own, leading to another page, or a folder's,
// leading out of the root): as on the command line, each is no page, which
// file-format reports, and an open page's links to their URLs are broken,
// whatever the editor sent as their text.
func TestSymlinkedPageIsNoPage(t *testing.T) {
	root := fixtureSite(t)
	outside := t.TempDir()
	const ptext = "---\ntitle: \"P\"\n---\n\n## Intro\n\n* Text.  \n"
	writeSite(t, outside, map[string]string{"p.md": ptext})
	symlink(t, "values/_index.md", filepath.Join(root, "content/handbook/link.md"))
	symlink(t, outside, filepath.Join(root, "content/handbook/dir"))
	const q = "---\ntitle: \"Q\"\n---\n\n## Intro\n\n[l](/handbook/link/) and [p](/handbook/dir/p/)\n"
	writeSite(t, root, map[string]string{"content/handbook/q.md": q})
	values, err := os.ReadFile(filepath.Join(root, "content/handbook/values/_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	linkURI, pURI, qURI := docURI(root, "content/handbook/link.md"), docURI(root, "content/handbook/dir/p.md"), docURI(root, "content/handbook/q.md")
	c.open(linkURI, string(values)+"* unsaved  \n")
	c.open(pURI, ptext)
	c.open(qURI, q)
	for _, uri := range []string{linkURI, pURI} {
		p := c.settle(uri, 1)
		if got := codes(p); !slices.Equal(got, []string{"file-format"}) || !strings.Contains(p.Diagnostics[0].Message, "symlink") || p.Diagnostics[0].Range != (Range{}) {
			t.Errorf("%s shows %+v, want file-format's finding that it is a symlink, at its start", strings.TrimPrefix(uri, pathToURI(root)), p.Diagnostics)
		}
	}
	if got := codes(c.settle(qURI, 1)); !slices.Equal(got, []string{"link-target", "link-target"}) {
		t.Errorf("the linking page shows %v, want its two links broken", got)
	}
}

// TestNewPageInSymlinkedFolder opens a page not yet saved in a symlinked
// folder of the content folder: as for a saved one, and as
// --stdin-filename says, it is no page, which file-format reports.
func TestNewPageInSymlinkedFolder(t *testing.T) {
	root := fixtureSite(t)
	symlink(t, t.TempDir(), filepath.Join(root, "content/handbook/dir"))
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, "content/handbook/dir/new.md")
	c.open(uri, "---\ntitle: \"New\"\n---\n\n## Intro\n\n* Text.  \n")
	p := c.settle(uri, 1)
	if got := codes(p); !slices.Equal(got, []string{"file-format"}) || !strings.Contains(p.Diagnostics[0].Message, "page is in content/handbook/dir, a symlink") {
		t.Errorf("the new page shows %+v, want file-format's finding that it is in a symlinked folder", p.Diagnostics)
	}
}

// TestIncludeLeadingOutOfRoot opens an include file that is a symlink
// leading out of the site root, beside the page that includes it: as on
// the command line, the page's include is refused (include-target), and
// nothing of the file's text is read, whatever the editor sent as it.
func TestIncludeLeadingOutOfRoot(t *testing.T) {
	root := fixtureSite(t)
	outside := t.TempDir()
	const ext = "* outside bullet\n\n[bad](/nope/)\n"
	writeSite(t, outside, map[string]string{"ext.md": ext})
	symlink(t, filepath.Join(outside, "ext.md"), filepath.Join(root, "assets/includes/ext.md"))
	page := strings.ReplaceAll(seniorPage, "includes/values.md", "includes/ext.md")
	writeSite(t, root, map[string]string{trackDir + "senior.md": page})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	extURI, uri := docURI(root, "assets/includes/ext.md"), docURI(root, trackDir+"senior.md")
	c.open(extURI, ext)
	c.open(uri, page)
	c.settle(uri, 1)
	if got := codes(c.settle(extURI, 1)); len(got) != 0 {
		t.Errorf("the include leading out of the root shows %v, want nothing (it is not read)", got)
	}
	if got := codes(c.settle(uri, 1)); !slices.Contains(got, "include-target") {
		t.Errorf("the page shows %v, want include-target's finding on the include leading out of the root", got)
	}
}
