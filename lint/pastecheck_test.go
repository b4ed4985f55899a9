package lint

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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

// TestChangedItemsIndexed: changedItems, which finds the items around a
// list through the parse's indexes, says what a walk over every item of
// the parse (its first form, quadratic in the lists of a page) says, on
// random nested lists rewritten in part.
func TestChangedItemsIndexed(t *testing.T) {
	lines := []string{"- a", "* b", "+ c", "  - d", "  * e", "    + f", "      * g", "*", "  * --", "1. h", "  1. i", "", "", "text", "> * q", ">   - r", "   - s", "\t* t"}
	rng := rand.New(rand.NewPCG(155, 1))
	root := t.TempDir()
	s := NewSite(root, DefaultConfig(), nil)
	for round := range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteString(lines[rng.IntN(len(lines))] + "\n")
		}
		name := fmt.Sprintf("content/handbook/careers/matrix/t/p%d.md", round)
		writeTree(t, root, map[string]string{name: "---\ntitle: T\n---\n\n" + b.String()})
		top, err := s.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		pt := s.paste(top)
		orig := newPasteParse(pt)
		src := slices.Clone(pt.src)
		for _, l := range top.Lists {
			if l.Ordered || rng.IntN(3) == 0 {
				continue
			}
			for _, it := range l.Items {
				for _, q := range pt.offsets(top, it.MarkerStart) {
					src[q] = "-*+"[rng.IntN(3)]
				}
			}
		}
		rew := newPasteParse(&pasted{src: src, chunks: pt.chunks})
		for li, l := range top.Lists {
			c, m, in := changedItems(top, l, orig, rew)
			wc, wm, win := changedItemsWalk(top, l, orig, rew)
			if c != wc || m != wm || in != win {
				t.Fatalf("%q rewritten %q, list %d: changedItems %v %v %v, the walk over every item %v %v %v", pt.src, src, li, c, m, in, wc, wm, win)
			}
		}
	}
}

// changedItemsWalk is changedItems as first written: it walks every item
// of the parse, and up from each, for each list.
func changedItemsWalk(p *Page, l List, orig, rew *pasteParse) (changed, moved, inner bool) {
	// compare notes how the rewrite reads an item that orig reads as o
	// (ok when orig reads it as an item).
	compare := func(o pastedItem, ok bool, r pastedItem) {
		switch {
		case !ok || o.path != r.path || o.ordered != r.ordered:
			changed, moved = true, true
		case o.tight != r.tight:
			changed = true
		}
	}
	lists, was := map[int]bool{}, map[int]bool{} // after the rewrite, before it
	for _, it := range l.Items {
		for _, q := range orig.pasted.offsets(p, it.MarkerStart) {
			o, ok := orig.items[q]
			r, rok := rew.items[q]
			if !rok {
				// No item after the rewrite.
				return true, true, false
			}
			compare(o, ok, r)
			lists[r.list] = true
			if ok {
				was[o.list] = true
			}
		}
	}
	// The items the rewrite puts in those lists' items, which it does not
	// rewrite ("*\n  - a": "-\n  - a" nests the list of dashes, which
	// goldmark reads as a list of its own under an empty item of
	// another marker): l's rewrite moves them. An item it rewrites too is
	// its own list's to tell.
	in := map[int]bool{}
	for q, r := range rew.items {
		if lists[r.list] {
			o, ok := orig.items[q]
			compare(o, ok, r)
			in[q] = true
		}
	}
	for q, r := range rew.items {
		if in[q] || q >= len(rew.pasted.src) || q >= len(orig.pasted.src) || rew.pasted.src[q] != orig.pasted.src[q] {
			continue
		}
		for a, depth := r.parent, 0; a >= 0 && depth <= MaxNesting; a, depth = rew.items[a].parent, depth+1 {
			if in[a] {
				o, ok := orig.items[q]
				compare(o, ok, r)
				break
			}
		}
	}
	// And the items that were in those lists' items before the rewrite
	// and that it does not rewrite ("*\n  * --", the list under the empty
	// item keeping its marker for a thematic break: "-\n  * --" takes
	// it out of the item, as a list of its own), looked at when nothing
	// above changed: what is said of the list is then about them.
	if changed {
		return changed, moved, false
	}
	for q, o := range orig.items {
		if in[q] || was[o.list] || q >= len(rew.pasted.src) || q >= len(orig.pasted.src) || rew.pasted.src[q] != orig.pasted.src[q] {
			continue
		}
		for a, depth := o.parent, 0; a >= 0 && depth <= MaxNesting; a, depth = orig.items[a].parent, depth+1 {
			if was[orig.items[a].list] {
				r, ok := rew.items[q]
				if !ok {
					return true, true, true
				}
				compare(o, true, r)
				break
			}
		}
	}
	return changed, moved, changed
}

// TestPastedOffsetsIndexed: the offsets of a file's bytes in a page's
// pasted text, found through the index of the pasted chunks, are those a
// reading of every chunk finds, for every byte of every file pasted on
// random pages that include files many times, includes of includes too.
func TestPastedOffsetsIndexed(t *testing.T) {
	rng := rand.New(rand.NewPCG(155, 3))
	root := t.TempDir()
	s := NewSite(root, DefaultConfig(), nil)
	include := func(n int) string { return fmt.Sprintf("{{%% include \"includes/i%d.md\" %%}}", n) }
	for round := range 200 {
		files := map[string]string{}
		for i := range 3 {
			text := "* a\n"
			if i < 2 && rng.IntN(2) == 0 {
				text += include(i+1) + "\n"
			}
			files[fmt.Sprintf("assets/includes/r%d/i%d.md", round, i)] = strings.ReplaceAll(text, "includes/", fmt.Sprintf("includes/r%d/", round))
		}
		var page strings.Builder
		for range 1 + rng.IntN(8) {
			page.WriteString([]string{"- x\n", "\n", "text\n"}[rng.IntN(3)])
			if rng.IntN(2) == 0 {
				page.WriteString(strings.ReplaceAll(include(rng.IntN(3)), "includes/", fmt.Sprintf("includes/r%d/", round)) + "\n")
			}
		}
		name := fmt.Sprintf("content/handbook/careers/matrix/t/p%d.md", round)
		files[name] = "---\ntitle: T\n---\n\n" + page.String()
		writeTree(t, root, files)
		top, err := s.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		pt := s.paste(top)
		for _, f := range append([]*Page{top}, func() []*Page {
			var out []*Page
			for i := range 3 {
				if p, err := s.Load(fmt.Sprintf("assets/includes/r%d/i%d.md", round, i)); err == nil {
					out = append(out, p)
				}
			}
			return out
		}()...) {
			for off := range len(f.Src) + 1 {
				var want []int
				for _, c := range pt.chunks {
					if c.file == f && off >= c.from && off < c.to {
						want = append(want, c.at+off-c.from)
					}
				}
				if got := pt.offsets(f, off); !slices.Equal(got, want) {
					t.Fatalf("%s offset %d pasted in %q: %v, reading every chunk %v", f.Path, off, pt.src, got, want)
				}
			}
		}
	}
}
