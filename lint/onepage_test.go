package lint

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOnePageRunListsNoContentRoot: a run over one page whose links
// resolve by their paths finds their files on disk; it neither lists the
// content root (the URL index) nor reads every page's front matter, which
// a link to no page needs (an alias could serve it).
func TestOnePageRunListsNoContentRoot(t *testing.T) {
	files := map[string]string{
		"content/b.md":        "b\n",
		"content/c/_index.md": "c\n",
		"content/d/index.md":  "d\n",
	}
	checkLinks := &Rule{
		Meta: Meta{ID: "CL099", Name: "check-links", Summary: "checks every link", Default: Warning},
		CheckPage: func(p *PagePass) {
			for _, l := range p.Page.Links {
				if c := p.Site.CheckLink(p.Page, l); !c.Found {
					p.Reportf(l.Span.Start, l.Span.End, "link to %s not found", l.Dest)
				}
			}
		},
	}
	for _, c := range []struct {
		page     string
		findings int
		indexed  bool
	}{
		{"[b](/b/) [c](/c) [d](/d/#x) [self](#top)\n", 0, false},
		{"[b](/b/) [gone](/missing/)\n", 1, true},
	} {
		files["content/a.md"] = c.page
		root := writeTree(t, t.TempDir(), files)
		res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{checkLinks}, Paths: []string{filepath.Join(root, "content/a.md")}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Diagnostics) != c.findings {
			t.Errorf("%q: findings %v, want %d", c.page, viewDiags(res.Diagnostics), c.findings)
		}
		built, fm := res.Site.urlIdx.built.Load(), res.Site.fmBuilt()
		if built != c.indexed || fm != c.indexed {
			t.Errorf("%q: URL index built %v, front matter URLs indexed %v; want %v for both", c.page, built, fm, c.indexed)
		}
	}
}
