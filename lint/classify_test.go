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

// TestLeftOutMatchesOncePerFile: whether the ignore globs or the
// .gitignore leave a file out is worked out once per file and site, since
// IgnoredFile is asked for every finding, and each folder of the path is
// matched against every .gitignore glob (an 87-line .gitignore made a
// run over the corpus about 40% slower).
func TestLeftOutMatchesOncePerFile(t *testing.T) {
	s := NewSite(t.TempDir(), DefaultConfig(), nil)
	calls := 0
	s.gitignoreOnce.Do(func() {
		s.gitignore = func(rel string) bool {
			calls++
			return rel == "assets/includes/legacy/"
		}
	})
	for range 3 {
		if !s.leftOut("assets/includes/legacy/n.md") || s.leftOut("assets/includes/n.md") || !s.CareerPage("content/handbook/careers/matrix/t/senior.md") {
			t.Fatal("wrong answer")
		}
	}
	// legacy/n.md and its folder legacy/ (which the .gitignore lists),
	// the other n.md and its 2 folders, the page and its 5.
	if want := 2 + 3 + 6; calls != want {
		t.Errorf("the .gitignore was asked %d times over 3 rounds, want %d (once per path and folder)", calls, want)
	}
}
