package lint

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// badWordRule offers, on every page, a fix that turns the first "bad" into
// "good".
var badWordRule = &Rule{
	Meta: Meta{ID: "CL902", Name: "bad-word", Default: Error, Fixable: true},
	CheckPage: func(pass *PagePass) {
		if i := bytes.Index(pass.Page.Src, []byte("bad")); i >= 0 {
			span := pass.Page.Span(i, i+3)
			pass.Report(Diagnostic{Span: span, Message: "bad word", Fixes: []Fix{{Title: "good", Edits: []Edit{{Span: span, Text: "good"}}}}})
		}
	},
}

// TestFixAllFixOnly checks the scope of a hook's fixes: a file of
// FixOnly is fixed, a file outside it only for a finding the baseline
// lacks (one the change brings), and the others' findings with a fix
// are counted in Left.
func TestFixAllFixOnly(t *testing.T) {
	const dir = "content/handbook/careers/matrix/t/"
	page := "---\ntitle: T\n---\n\nbad\n"
	root := writeTree(t, t.TempDir(), map[string]string{
		dir + "touched.md": page,
		dir + "old.md":     page,
		dir + "broken.md":  "---\ntitle: T\n---\n\nfine\n",
	})
	opt := RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{badWordRule}}
	base, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	// The change breaks broken.md (as a heading it renames breaks a link
	// there) and touches touched.md.
	if err := os.WriteFile(filepath.Join(root, dir+"broken.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	opt.FixOnly = func(f string) bool { return f == dir+"touched.md" }
	for _, tc := range []struct {
		name     string
		baseline *Baseline
		fixed    []string
		left     map[string]int
	}{
		{"without a baseline", nil, []string{dir + "touched.md"}, map[string]int{dir + "broken.md": 1, dir + "old.md": 1}},
		{"with the base's findings", NewBaseline(base, nil), []string{dir + "broken.md", dir + "touched.md"}, map[string]int{dir + "old.md": 1}},
	} {
		opt.FixBaseline = tc.baseline
		fixed, err := FixAll(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.fixed, slices.Sorted(maps.Keys(fixed.Files))); diff != "" {
			t.Errorf("%s: fixed files (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(tc.left, fixed.Left); diff != "" {
			t.Errorf("%s: Left (-want +got):\n%s", tc.name, diff)
		}
	}
	// Without FixOnly, every file is fixed and nothing is left.
	opt.FixOnly, opt.FixBaseline = nil, nil
	fixed, err := FixAll(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed.Files) != 3 || fixed.Left != nil {
		t.Errorf("without FixOnly: %d files fixed, Left %v; want 3 and none", len(fixed.Files), fixed.Left)
	}
}

// TestFixAllFixOnlyLaterRounds checks that what a hook's own fixes bring
// elsewhere is not taken for what the change brings: fixing the touched
// page's "bad" makes a finding appear on another page, which the base
// lacks but the change did not bring, so it is left, not fixed.
func TestFixAllFixOnlyLaterRounds(t *testing.T) {
	const dir = "content/handbook/careers/matrix/t/"
	// followRule offers, on a page holding "follow", a fix to "followed"
	// once the touched page holds "good".
	followRule := &Rule{
		Meta: Meta{ID: "CL903", Name: "follow", Default: Error, Fixable: true},
		CheckPage: func(pass *PagePass) {
			i := bytes.Index(pass.Page.Src, []byte("follow\n"))
			if i < 0 || !bytes.Contains(pass.Site.Source(dir+"touched.md"), []byte("good")) {
				return
			}
			span := pass.Page.Span(i, i+6)
			pass.Report(Diagnostic{Span: span, Message: "follow the touched page", Fixes: []Fix{{Title: "followed", Edits: []Edit{{Span: span, Text: "followed"}}}}})
		},
	}
	root := writeTree(t, t.TempDir(), map[string]string{
		dir + "touched.md":  "---\ntitle: T\n---\n\nbad\n",
		dir + "follower.md": "---\ntitle: F\n---\n\nfollow\n",
	})
	opt := RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{badWordRule, followRule}}
	base, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.FixOnly = func(f string) bool { return f == dir+"touched.md" }
	opt.FixBaseline = NewBaseline(base, nil)
	fixed, err := FixAll(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{dir + "touched.md"}, slices.Sorted(maps.Keys(fixed.Files))); diff != "" {
		t.Errorf("fixed files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{dir + "follower.md": 1}, fixed.Left); diff != "" {
		t.Errorf("Left (-want +got):\n%s", diff)
	}
}
