package lint

import "testing"

// TestClassify: the pages globs first, then the content folder (also when
// an include root covers it), then the include roots; anything else is
// outside the site's pages.
func TestClassify(t *testing.T) {
	cfg := DefaultConfig()
	overlap := DefaultConfig()
	overlap.IncludeRoots = []string{"assets", "content"}
	dot := DefaultConfig()
	dot.Content = "."
	for _, c := range []struct {
		cfg  *Config
		rel  string
		want FileKind
	}{
		{cfg, "content/handbook/engineering/careers/matrix/web/senior.md", CareerPage},
		{cfg, "content/handbook/values/_index.md", ContentPage},
		{cfg, "assets/includes/nav.md", IncludeFile},
		{cfg, "README.md", OutsidePage},
		{cfg, "contents/x.md", OutsidePage},
		{overlap, "content/handbook/values/_index.md", ContentPage},
		{dot, "README.md", ContentPage},
	} {
		if got := c.cfg.Classify(c.rel); got != c.want {
			t.Errorf("Classify(%q) = %v, want %v", c.rel, got, c.want)
		}
	}
}
