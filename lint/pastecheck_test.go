package lint

import (
	"testing"
)

// TestPaste: a page's text with its includes pasted as Hugo pastes them:
// front matter left out, each include shortcode replaced by the file's
// text (includes of includes too), other shortcodes masked, and every
// pasted run mapped back to its file and the page's include it came
// through.
func TestPaste(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/careers/matrix/t/senior.md": "---\ntitle: T\n---\n\n- a\n{{% include \"includes/one.md\" %}}\n\nEnd {{< ref \"x\" >}}.\n",
		"assets/includes/one.md":                      "* b\n{{% include \"includes/two.md\" %}}\n",
		"assets/includes/two.md":                      "* c\n",
	})
	s := NewSite(root, DefaultConfig(), nil)
	top, err := s.Load("content/handbook/careers/matrix/t/senior.md")
	if err != nil {
		t.Fatal(err)
	}
	pt := s.paste(top)
	if pt == nil {
		t.Fatal("no pasted text")
	}
	want := "\n- a\n* b\n* c\n\n\n\nEnd xxxxxxxxxxxxxxx.\n"
	if string(pt.src) != want {
		t.Fatalf("pasted %q, want %q", pt.src, want)
	}
	one, _ := s.Load("assets/includes/one.md")
	two, _ := s.Load("assets/includes/two.md")
	if got := pt.offsets(two, 0); len(got) != 1 || pt.src[got[0]] != '*' || pt.src[got[0]+2] != 'c' {
		t.Errorf("offsets of two.md's first byte %v", got)
	}
	l := two.Lists[0]
	if via := pt.via(two, l, top); via != top.Includes[0].Span {
		t.Errorf("two.md comes through %+v, want the page's include %+v", via, top.Includes[0].Span)
	}
	// The pasted lists read as one: "* b" and "* c" are items of one
	// list after "- a"'s.
	items := parsedItems(pt.src)
	b, c := items[pt.offsets(one, 0)[0]], items[pt.offsets(two, 0)[0]]
	if b.list != c.list || !b.tight || b.path != "Document>List>ListItem" {
		t.Errorf("items b %+v and c %+v, want one tight top-level list", b, c)
	}
	if a := items[offsetOfText(t, string(pt.src), "- a", 0)]; a.list == b.list {
		t.Errorf("item a %+v in b's list: the markers differ", a)
	}
}
