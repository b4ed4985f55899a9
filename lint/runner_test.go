package lint

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// badRule reports every "BAD" in a page, one finding per occurrence.
func badRule(id, name string) *Rule {
	return &Rule{
		Meta: Meta{ID: id, Name: name, Summary: "no BAD", Default: Warning},
		CheckPage: func(p *PagePass) {
			src := p.Page.Src
			for off := 0; ; {
				i := bytes.Index(src[off:], []byte("BAD"))
				if i < 0 {
					return
				}
				p.Reportf(off+i, off+i+3, "found BAD")
				off += i + 3
			}
		},
	}
}

// countRule is a site rule reporting the number of pages at the first one.
func countRule() *Rule {
	return &Rule{
		Meta: Meta{ID: "CL098", Name: "page-count", Default: Info},
		CheckSite: func(p *SitePass) {
			if len(p.Site.Pages) > 0 {
				first := p.Site.Pages[0]
				p.Report(Diagnostic{Span: first.Span(0, 0), Message: fmt.Sprintf("%d pages", len(p.Site.Pages))})
			}
		},
	}
}

var matrixFiles = map[string]string{
	"content/handbook/engineering/careers/matrix/web/senior.md":        "## Senior\nBAD one\nfine\nBAD two BAD\n",
	"content/handbook/engineering/careers/matrix/web/staff.md":         "## Staff\n",
	"content/handbook/engineering/careers/matrix/web/_index.md":        "## Web BAD\n",
	"content/handbook/engineering/careers/matrix/web/nested/intern.MD": "## Intern BAD\n",
	"content/handbook/engineering/careers/matrix/web/notes.txt":        "BAD\n",
	"content/handbook/engineering/careers/matrix/.hidden/x.md":         "BAD\n",
	"content/handbook/engineering/careers/matrix/node_modules/y.md":    "BAD\n",
	"content/handbook/engineering/careers/matrix/web/draft-staff.md":   "BAD\n",
	"content/handbook/values/_index.md":                                "## Values BAD\n",
	"content/handbook/marketing/marketing-career-development/pm.md":    "## PM\n",
	"assets/includes/inc.md":                                           "## Inc BAD\n",
}

func TestDiscover(t *testing.T) {
	root := writeTree(t, t.TempDir(), matrixFiles)
	cfg := DefaultConfig()
	cfg.Ignore = []string{"**/draft-*.md"}
	abs := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"config globs", nil, []string{
			// The globs end in "*.md", which matches intern.MD too: Hugo
			// publishes it as it does intern.md.
			"content/handbook/engineering/careers/matrix/web/_index.md",
			"content/handbook/engineering/careers/matrix/web/nested/intern.MD",
			"content/handbook/engineering/careers/matrix/web/senior.md",
			"content/handbook/engineering/careers/matrix/web/staff.md",
			"content/handbook/marketing/marketing-career-development/pm.md",
		}},
		{"explicit file outside the globs", []string{abs("content/handbook/values/_index.md")}, []string{"content/handbook/values/_index.md"}},
		{"explicit non-markdown file", []string{abs("content/handbook/engineering/careers/matrix/web/notes.txt")}, []string{"content/handbook/engineering/careers/matrix/web/notes.txt"}},
		{"folder", []string{abs("content/handbook/engineering/careers/matrix/web/nested")}, []string{"content/handbook/engineering/careers/matrix/web/nested/intern.MD"}},
		{"folder and file inside it, deduplicated and sorted", []string{
			abs("content/handbook/values/_index.md"),
			abs("content/handbook/engineering/careers/matrix/web"),
			abs("content/handbook/engineering/careers/matrix/web/staff.md"),
		}, []string{
			"content/handbook/engineering/careers/matrix/web/_index.md",
			"content/handbook/engineering/careers/matrix/web/nested/intern.MD",
			"content/handbook/engineering/careers/matrix/web/senior.md",
			"content/handbook/engineering/careers/matrix/web/staff.md",
			"content/handbook/values/_index.md",
		}},
		{"ignored explicit file", []string{abs("content/handbook/engineering/careers/matrix/web/draft-staff.md")}, nil},
		{"hidden folder passed explicitly", []string{abs("content/handbook/engineering/careers/matrix/.hidden")}, []string{"content/handbook/engineering/careers/matrix/.hidden/x.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Discover(root, cfg, tt.paths)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Discover (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiscoverErrors(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/a.md": "a"})
	outside := writeTree(t, t.TempDir(), map[string]string{"o.md": "o"})
	for _, paths := range [][]string{
		{filepath.Join(outside, "o.md")},
		{outside},
		{filepath.Join(root, "..")},
		{filepath.Join(root, "content", "missing.md")},
	} {
		if got, err := Discover(root, DefaultConfig(), paths); err == nil {
			t.Errorf("Discover(%v) = %v, want an error", paths, got)
		}
	}
	_, err := Discover(root, DefaultConfig(), []string{filepath.Join(outside, "o.md")})
	if err == nil || !strings.Contains(err.Error(), "outside the site root") {
		t.Errorf("error %v does not say the path is outside the root", err)
	}
}

func TestDiscoverSymlinkLoop(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/handbook/x/careers/matrix/t/senior.md": "## S\n"})
	dir := filepath.Join(root, "content", "handbook", "x", "careers", "matrix", "t")
	mustSymlink(t, dir, filepath.Join(dir, "loop"))
	mustSymlink(t, "..", filepath.Join(dir, "up"))
	mustSymlink(t, "self.md", filepath.Join(dir, "self.md")) // a link to itself
	done := make(chan struct{})
	var got []string
	var err error
	go func() {
		defer close(done)
		got, err = Discover(root, DefaultConfig(), nil)
		if err == nil {
			_, err = Discover(root, DefaultConfig(), []string{dir})
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Discover does not return on a symlink loop")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		if strings.Contains(p, "/loop/") || strings.Contains(p, "/up/") {
			t.Errorf("Discover followed a symlinked folder: %s", p)
		}
	}
	// The whole run completes too, reporting the broken link as a file problem.
	res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Paths: []string{dir}, Rules: []*Rule{badRule("CL099", "no-bad")}})
	if err != nil {
		t.Fatal(err)
	}
	// The symlinked folders are no pages to Hugo: each is reported, not
	// entered.
	var paths []string
	for _, p := range res.Site.Pages {
		paths = append(paths, strings.TrimPrefix(p.Path, "content/handbook/x/careers/matrix/t/"))
	}
	if want := []string{"loop", "self.md", "senior.md", "up"}; !slices.Equal(paths, want) {
		t.Errorf("linted %v, want %v", paths, want)
	}
}

type diagView struct {
	File     string
	Start    int
	End      int
	Rule     string
	Severity Severity
	Message  string
}

func viewDiags(ds []Diagnostic) []diagView {
	var out []diagView
	for _, d := range ds {
		out = append(out, diagView{d.Span.File, d.Span.Start, d.Span.End, d.Rule.Name, d.Severity, d.Message})
	}
	return out
}

func TestRunDeterministic(t *testing.T) {
	files := map[string]string{}
	for k, v := range matrixFiles {
		files[k] = v
	}
	for i := range 40 {
		files[fmt.Sprintf("content/handbook/eng/careers/matrix/t%02d/senior.md", i)] = strings.Repeat("BAD line\n", i%5) + "## Senior\n"
	}
	root := writeTree(t, t.TempDir(), files)
	rules := []*Rule{badRule("CL099", "no-bad"), countRule()}
	var results [][]diagView
	for _, workers := range []int{1, 4, 1, 4, 0} {
		res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: rules, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if res.Files != 46 {
			t.Errorf("workers %d: %d files", workers, res.Files)
		}
		results = append(results, viewDiags(res.Diagnostics))
	}
	for i := 1; i < len(results); i++ {
		if diff := cmp.Diff(results[0], results[i]); diff != "" {
			t.Errorf("run %d differs from run 0 (-run0 +run%d):\n%s", i, i, diff)
		}
	}
	// 80 findings in the t?? pages, 6 in the web track (draft-staff.md
	// and nested/intern.MD included: nothing is ignored here), 1 page
	// count.
	if len(results[0]) != 80+6+1 {
		t.Errorf("%d findings, want 87", len(results[0]))
	}
	first := results[0][0]
	if first.Rule != "page-count" || first.Message != "46 pages" || first.Severity != Info {
		t.Errorf("first finding %+v", first)
	}
}

func TestRunErrors(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/a.md": "BAD"})
	_, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Paths: []string{filepath.Join(root, "nope")}})
	if err == nil {
		t.Error("a missing path is not an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var res *Result
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("Run with a cancelled context panicked: %v", r)
			}
		}()
		res, err = Run(ctx, RunOptions{Root: root, Config: DefaultConfig(), Paths: []string{filepath.Join(root, "content")}, Rules: []*Rule{badRule("CL099", "no-bad")}})
	}()
	if err == nil {
		t.Errorf("Run with a cancelled context returned no error (result %+v)", res)
	}
}

func TestRunOverlayAndUnreadable(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/a.md": "BAD\n", "content/b.md": "fine\n"})
	if err := os.WriteFile(filepath.Join(root, "content", "bin.md"), []byte("BAD\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	all := badRule("CL097", "all-files")
	all.AllFiles = true
	rules := []*Rule{badRule("CL099", "no-bad"), all}
	res, err := Run(context.Background(), RunOptions{
		Root: root, Config: DefaultConfig(), Rules: rules,
		Paths:   []string{filepath.Join(root, "content")},
		Overlay: map[string][]byte{"content/b.md": []byte("now BAD\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []diagView{
		{"content/a.md", 0, 3, "all-files", Warning, "found BAD"},
		{"content/a.md", 0, 3, "no-bad", Warning, "found BAD"},
		{"content/b.md", 4, 7, "all-files", Warning, "found BAD"},
		{"content/b.md", 4, 7, "no-bad", Warning, "found BAD"},
		// Only the AllFiles rule sees the binary file.
		{"content/bin.md", 0, 3, "all-files", Warning, "found BAD"},
	}
	if diff := cmp.Diff(want, viewDiags(res.Diagnostics)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestRunAllMarkdownOverlayOnly: a run over every Markdown page of the
// content folder lints the overlay's pages that no disk holds (an
// editor's new page), not those in a folder the walk skips (starting
// with ".", node_modules, named by the .gitignore), nor those outside the
// content folder.
func TestRunAllMarkdownOverlayOnly(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/a.md": "BAD\n", "notes/n.md": "BAD\n", ".gitignore": "content/gen/\n", "content/gen/disk.md": "BAD\n"})
	res, err := Run(context.Background(), RunOptions{
		Root: root, Config: DefaultConfig(), Rules: []*Rule{badRule("CL099", "no-bad")}, AllMarkdown: true,
		Overlay: map[string][]byte{
			"content/new/b.md": []byte("BAD too\n"), "content/.wip/c.md": []byte("BAD\n"), "other/d.md": []byte("BAD\n"),
			// In folders the walk skips, on disk or not.
			"content/gen/disk.md": []byte("BAD\n"), "content/gen/new.md": []byte("BAD\n"), "content/x/node_modules/m.md": []byte("BAD\n"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []diagView{
		{"content/a.md", 0, 3, "no-bad", Warning, "found BAD"},
		{"content/new/b.md", 0, 3, "no-bad", Warning, "found BAD"},
	}
	if diff := cmp.Diff(want, viewDiags(res.Diagnostics)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestRunOverlayOverLimit: text standing for a file (an editor's buffer)
// is held to max-file-size as the file would be.
func TestRunOverlayOverLimit(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/a.md": "fine\n"})
	cfg := DefaultConfig()
	cfg.MaxFileSize = 8
	res, err := Run(context.Background(), RunOptions{Root: root, Config: cfg, Rules: []*Rule{badRule("CL099", "no-bad")},
		Paths: []string{filepath.Join(root, "content/a.md")}, Overlay: map[string][]byte{"content/a.md": []byte("BAD and more\n")}})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Site.Page("content/a.md")
	if p == nil || p.Parsed() || len(p.Problems) != 1 || p.Problems[0].Kind != ProblemTooLarge || p.Problems[0].Message != "file is 13 bytes, over the 8-byte limit, so it was not parsed; split the file, or raise max-file-size in the configuration file (.careerlint.yaml or --config)" {
		t.Errorf("page %+v, want one not parsed for its size", p)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("a rule ran on text over the limit: %v", viewDiags(res.Diagnostics))
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"*.md", "a.md", true},
		{"*.md", "d/a.md", false},
		{"**/*.md", "a.md", true},
		{"**/*.md", "d/e/a.md", true},
		{"**", "anything/at/all", true},
		{"**", "", true},
		{"content/**", "content", true},
		{"content/**", "content/a/b.md", true},
		{"content/**", "contents/a.md", false},
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook/engineering/careers/matrix/web/senior.md", true},
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook/careers/matrix/senior.md", true},
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook/a/b/careers/matrix/c/d/x.md", true},
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook/careers/x/senior.md", false},
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook/careers/matrix/senior.txt", false},
		{"**/draft-*.md", "a/b/draft-x.md", true},
		{"**/draft-*.md", "a/b/final-x.md", false},
		{"a/?/c", "a/b/c", true},
		{"a/?/c", "a/bb/c", false},
		{"a/[bc]/d", "a/c/d", true},
		{"a/[/d", "a/[/d", false}, // a malformed pattern matches nothing
		{"a/b", "a/b/c", false},
		{"a/b/c", "a/b", false},
		{"a/**/b/**/c", "a/b/c", true},
		{"a/**/b/**/c", "a/x/y/b/z/c", true},
		{"a/**/b/**/c", "a/x/c", false},
		{"*", "a/b", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.glob, tt.path); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
}

// splitMatchGlob is the reference for MatchGlob: the same matching over
// the segments split out of both strings.
func splitMatchGlob(glob, p string) bool {
	g, segs := strings.Split(glob, "/"), strings.Split(p, "/")
	var match func(gi, pi int) bool
	match = func(gi, pi int) bool {
		if gi == len(g) {
			return pi == len(segs)
		}
		if g[gi] == "**" {
			for i := pi; i <= len(segs); i++ {
				if match(gi+1, i) {
					return true
				}
			}
			return false
		}
		if pi == len(segs) {
			return false
		}
		if ok, err := filepath.Match(g[gi], segs[pi]); err != nil || !ok {
			return false
		}
		return match(gi+1, pi+1)
	}
	return match(0, 0)
}

// slashPaths returns every slash path of one to most segments drawn from
// alphabet.
func slashPaths(alphabet []string, most int) []string {
	out, level := []string{}, []string{""}
	for n := 1; n <= most; n++ {
		var next []string
		for _, prefix := range level {
			for _, s := range alphabet {
				if n == 1 {
					next = append(next, s)
				} else {
					next = append(next, prefix+"/"+s)
				}
			}
		}
		out, level = append(out, next...), next
	}
	return out
}

// TestMatchGlobSplitReference compares MatchGlob with the reference on
// every glob of up to three segments and every path of up to four drawn
// from small alphabets, empty segments included.
func TestMatchGlobSplitReference(t *testing.T) {
	globs := slashPaths([]string{"a", "b", "**", "*", "?", "[ab]", "a*", ""}, 3)
	paths := slashPaths([]string{"a", "b", "ab", ""}, 4)
	for _, g := range globs {
		for _, p := range paths {
			if got, want := MatchGlob(g, p), splitMatchGlob(g, p); got != want {
				t.Errorf("MatchGlob(%q, %q) = %v, the reference says %v", g, p, got, want)
			}
		}
	}
}

// TestMatchGlobAllocs: discovery matches every content file against the
// page globs, so a glob with one "**" must not allocate.
func TestMatchGlobAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		MatchGlob("content/handbook/**/careers/matrix/*.md", "content/handbook/engineering/careers/matrix/web/senior.md")
		MatchGlob("content/**/*.md", "content/handbook/values.md")
	})
	if allocs != 0 {
		t.Errorf("MatchGlob allocated %v times per call pair, want 0", allocs)
	}
}

// TestMatchGlobManyStars: ** backtracking stays usable.
func TestMatchGlobManyStars(t *testing.T) {
	glob := strings.Repeat("**/", 12) + "x"
	path := strings.Repeat("a/", 30) + "y"
	done := make(chan bool)
	go func() { done <- MatchGlob(glob, path) }()
	select {
	case got := <-done:
		if got {
			t.Error("matched")
		}
	case <-time.After(time.Minute):
		t.Fatal("MatchGlob backtracks exponentially on many ** segments")
	}
}

// TestDiscoverWalkContentList checks that the content files discovering a
// run's pages lists for the URL index are those the index's own walk
// finds: node_modules and ignored folders are in it (Hugo builds them),
// folders starting with "." and non-regular files are not, and the pages
// to lint leave out node_modules and ignored folders.
func TestDiscoverWalkContentList(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		".gitignore":                                    "content/handbook/skipped/\n",
		"content/handbook/a.md":                         "a",
		"content/handbook/skipped/b.md":                 "b",
		"content/handbook/skipped/.hidden/c.md":         "c",
		"content/handbook/node_modules/d.md":            "d",
		"content/handbook/.git/e.md":                    "e",
		"content/handbook/x/careers/matrix/t/senior.md": "s",
		"content/handbook/x/notes.txt":                  "n",
	})
	mustSymlink(t, filepath.Join(root, "content/handbook/a.md"), filepath.Join(root, "content/handbook/link.md"))
	cfg := DefaultConfig()
	for _, all := range []bool{false, true} {
		files, contentMD, err := discoverWalk(root, cfg, nil, all, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(walkDirMarkdown(root, filepath.Join(root, "content")), contentMD); d != "" {
			t.Errorf("all=%v: content list differs from the URL index's walk (-walk +discover):\n%s", all, d)
		}
		want := []string{"content/handbook/x/careers/matrix/t/senior.md"}
		if all {
			want = []string{"content/handbook/a.md", "content/handbook/link.md", "content/handbook/x/careers/matrix/t/senior.md"}
		}
		if d := cmp.Diff(want, files); d != "" {
			t.Errorf("all=%v: pages (-want +got):\n%s", all, d)
		}
	}
	if _, contentMD, _ := discoverWalk(root, cfg, []string{filepath.Join(root, "content/handbook/a.md")}, false, nil); contentMD != nil {
		t.Errorf("content list %v for a run given paths; want nil (not walked)", contentMD)
	}
}

// walkDirMarkdown is the URL index's list made with filepath.WalkDir, as a
// reference for the parallel walk: every regular Markdown file under
// content, folders starting with "." left out.
func walkDirMarkdown(root, content string) []string {
	var out []string
	_ = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != content && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(strings.ToLower(d.Name()), ".md") && d.Type().IsRegular() {
			if rel, err := filepath.Rel(root, p); err == nil {
				out = append(out, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	return out
}

// TestDiscoverWithoutContentFolder checks the walk of the root when the
// configured content folder does not exist: node_modules, ignored and
// hidden folders are left out, as in the content folder.
func TestDiscoverWithoutContentFolder(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		".gitignore":                             "skipped/\n",
		"a/careers/matrix/x/senior.md":           "s",
		"node_modules/careers/matrix/x/staff.md": "n",
		"skipped/careers/matrix/x/staff.md":      "i",
		".hidden/careers/matrix/x/staff.md":      "h",
	})
	cfg := DefaultConfig()
	cfg.Content = "no-such-folder"
	cfg.Pages = []string{"**/careers/matrix/**/*.md"}
	got, err := Discover(root, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/careers/matrix/x/senior.md"}; !slices.Equal(got, want) {
		t.Errorf("Discover = %v, want %v", got, want)
	}
}

// TestCheckJobOrder: the site rules are the first job, one after another
// (the work they share is built while other workers check pages, and none
// is left to finish the run on one core), included files are checked after
// the pages, and the findings still come out
// as pages, included files, then site rules in order.
func TestCheckJobOrder(t *testing.T) {
	var ran []string
	record := func(name string) { ran = append(ran, name) } // one worker: no race
	siteRule := func(id, name string) *Rule {
		return &Rule{
			Meta: Meta{ID: id, Name: name, Default: Info},
			CheckSite: func(p *SitePass) {
				record(name)
				p.Report(Diagnostic{Span: p.Site.Pages[0].Span(0, 0), Message: name})
			},
		}
	}
	pageRule := &Rule{
		Meta: Meta{ID: "CL095", Name: "page-name", Default: Info, IncludedFiles: true},
		CheckPage: func(p *PagePass) {
			record(p.Page.Path)
			p.Reportf(0, 0, "%s", p.Page.Path)
		},
	}
	root := writeTree(t, t.TempDir(), map[string]string{"assets/includes/inc.md": "Included.\n"})
	cfg := DefaultConfig()
	var pages []*Page
	for _, f := range []string{"content/a.md", "content/b.md"} {
		pages = append(pages, ParsePage(f, []byte("# Title\n\n{{% include \"includes/inc.md\" %}}\n"), parseOptions(cfg)))
	}
	site := NewSite(root, cfg, pages)
	rules := []*Rule{siteRule("CL096", "site-one"), pageRule, siteRule("CL097", "site-two")}
	var got []string
	for _, d := range Check(context.Background(), site, rules, 1) {
		got = append(got, d.Message)
	}
	if want := []string{"site-one", "site-two", "content/a.md", "content/b.md", "assets/includes/inc.md"}; !slices.Equal(ran, want) {
		t.Errorf("jobs ran in the order %q, want %q", ran, want)
	}
	if want := []string{"content/a.md", "content/b.md", "assets/includes/inc.md", "site-one", "site-two"}; !slices.Equal(got, want) {
		t.Errorf("findings came out in the order %q, want %q", got, want)
	}
}

func TestGlobReachesUnder(t *testing.T) {
	for _, tt := range []struct {
		glob, dir string
		want      bool
	}{
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook", true},
		{"content/handbook/**/careers/matrix/**/*.md", "content/handbook/x/y", true},
		{"content/handbook/**/careers/matrix/**/*.md", "content/other", false},
		{"content/marketing/*.md", "content/marketing", true},
		{"content/marketing/*.md", "content/marketing/deep", false},
		{"content/*/x/*.md", "content/a", true},
		{"content/*/x/*.md", "content/a/y", false},
		{"**/*.md", "anything/at/all", true},
	} {
		if got := globReachesUnder(tt.glob, tt.dir); got != tt.want {
			t.Errorf("globReachesUnder(%q, %q) = %v, want %v", tt.glob, tt.dir, got, tt.want)
		}
	}
}

// TestUnusedIgnores checks when an ignore glob that matches nothing is
// reported: in runs over the whole content folder (career pages or every
// page), for a configuration file inside the root, and never for a run
// given paths or for a glob that cannot reach into the content folder,
// unless, written relative to the content folder, it would match a page.
func TestUnusedIgnores(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/engineering/careers/matrix/web/senior.md": "---\ntitle: Senior\n---\n\nText.\n",
		".careerlint.yaml": "ignore:\n  - \"**/draft-*.md\"\n  - \"docs/**\"\n  - \"content/handbook/engineering/careers/matrix/web\"\n  - \"handbook/**/senior.md\"\n",
	})
	sup := &Rule{Meta: Meta{ID: "CL999", Name: "sup", Default: Warning}}
	cfg, err := LoadConfig(filepath.Join(root, ConfigFileName), []*Rule{sup})
	if err != nil {
		t.Fatal(err)
	}
	run := func(opt RunOptions) []string {
		t.Helper()
		if opt.Root == "" {
			opt.Root = root
		}
		opt.SuppressionRule = sup
		if opt.Config == nil {
			opt.Config = cfg
		}
		res, err := Run(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Diagnostics {
			if d.Rule == sup {
				got = append(got, fmt.Sprintf("%s:%d %s", d.Span.File, d.Span.Start, d.Message))
			}
		}
		return got
	}
	want := []string{
		`.careerlint.yaml:12 ignore glob "**/draft-*.md" matches no Markdown file under content/; correct it or remove it`,
		`.careerlint.yaml:46 ignore glob "content/handbook/engineering/careers/matrix/web" names a folder, not the files in it, and matches no Markdown file; write "content/handbook/engineering/careers/matrix/web/**" to leave out the folder's files`,
		`.careerlint.yaml:100 ignore glob "handbook/**/senior.md" matches no file: globs are relative to the site root; did you mean "content/handbook/**/senior.md"`,
	}
	if diff := cmp.Diff(want, run(RunOptions{})); diff != "" {
		t.Errorf("career pages run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, run(RunOptions{AllMarkdown: true, Lean: true})); diff != "" {
		t.Errorf("links run (-want +got):\n%s", diff)
	}
	if got := run(RunOptions{Paths: []string{filepath.Join(root, "content/handbook/engineering/careers/matrix/web/senior.md")}}); got != nil {
		t.Errorf("run given a path reported %q", got)
	}
	// --config given relative to the current folder: the same file.
	t.Chdir(filepath.Dir(root))
	relative := *cfg
	relative.File = filepath.Join(filepath.Base(root), ConfigFileName)
	if diff := cmp.Diff(want, run(RunOptions{Config: &relative})); diff != "" {
		t.Errorf("run with the configuration file named relative to the current folder (-want +got):\n%s", diff)
	}
	// The root named through a symlink, the file by its real path: the
	// same file.
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(root, link); err != nil {
		t.Logf("symlinks unavailable: %v", err)
	} else if _, err := os.Stat(link); err != nil {
		t.Logf("symlinks unavailable: os.Symlink succeeded but made no link (%v)", err) // wine
	} else {
		if diff := cmp.Diff(want, run(RunOptions{Root: link})); diff != "" {
			t.Errorf("run with the root named through a symlink (-want +got):\n%s", diff)
		}
	}
	outside := *cfg
	outside.File = filepath.Join(t.TempDir(), ConfigFileName)
	if got := run(RunOptions{Config: &outside}); got != nil {
		t.Errorf("run with a configuration file outside the root reported %q", got)
	}
}

// TestUnusedIgnoresFolderSlash checks that a glob naming a folder with a
// trailing slash, which leaves out none of its files either, gets the
// message that says to write "/**".
func TestUnusedIgnoresFolderSlash(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/engineering/careers/matrix/web/senior.md": "---\ntitle: Senior\n---\n\nText.\n",
		"content/handbook/engineering/careers/matrix/db/senior.md":  "---\ntitle: Senior\n---\n\nText.\n",
		".careerlint.yaml": "ignore:\n  - \"content/handbook/engineering/careers/matrix/web/\"\n",
	})
	got := ignoreFindings(t, root, RunOptions{})
	want := []string{`ignore glob "content/handbook/engineering/careers/matrix/web/" names a folder, not the files in it, and matches no Markdown file; write "content/handbook/engineering/careers/matrix/web/**" to leave out the folder's files`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestUnusedIgnoresOutsideContent: a glob for files outside the content
// folder ("docs/**", for the root's docs/) that matches one is not said to
// match no file, though written under the content folder it would match a
// page (content/docs/); one that matches nothing outside is still said.
func TestUnusedIgnoresOutsideContent(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"docs/guide.md":                    "# Guide\n",
		"content/docs/guide.md":            "---\ntitle: Guide\n---\n\nText.\n",
		"content/handbook/notes/senior.md": "---\ntitle: Senior\n---\n\nText.\n",
		".careerlint.yaml":                 "ignore:\n  - \"docs/**\"\n  - \"docs/guide.md\"\n  - \"handbook/**/senior.md\"\n",
	})
	got := ignoreFindings(t, root, RunOptions{AllMarkdown: true, Lean: true})
	want := []string{`ignore glob "handbook/**/senior.md" matches no file: globs are relative to the site root; did you mean "content/handbook/**/senior.md"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// ignoreFindings runs over a site with its .careerlint.yaml and a
// suppression rule (opt gives the rest) and returns that rule's messages:
// those about the ignore globs.
func ignoreFindings(t *testing.T, root string, opt RunOptions) []string {
	t.Helper()
	sup := &Rule{Meta: Meta{ID: "CL999", Name: "sup", Default: Warning}}
	cfg, err := LoadConfig(filepath.Join(root, ConfigFileName), []*Rule{sup})
	if err != nil {
		t.Fatal(err)
	}
	opt.Root, opt.Config, opt.SuppressionRule = root, cfg, sup
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Rule == sup {
			got = append(got, d.Message)
		}
	}
	return got
}

// TestUnusedIgnoresIncludeRoots: a glob for include files (which
// Site.IgnoredFile leaves unlinted where pages paste them) is judged
// against the include roots' Markdown files: one that matches none is
// said, with the folder beside it that holds some; one that matches only
// include files ("**/legacy-*.md") is not said to match no file.
func TestUnusedIgnoresIncludeRoots(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/engineering/careers/matrix/web/senior.md": "---\ntitle: Senior\n---\n\nText.\n",
		"assets/includes/legacy/a.md":                               "- a\n",
		"assets/includes/legacy-values.md":                          "- b\n",
		".careerlint.yaml":                                          "ignore:\n  - \"assets/includes/legacy/**\"\n  - \"assets/includes/legasy/**\"\n  - \"**/legacy-*.md\"\n  - \"assets/includes/old/*.md\"\n  - \"assets/includes/legacy\"\n",
	})
	got := ignoreFindings(t, root, RunOptions{})
	want := []string{
		`ignore glob "assets/includes/legasy/**" matches no Markdown file: there is none under assets/includes/legasy; did you mean assets/includes/legacy`,
		`ignore glob "assets/includes/old/*.md" matches no Markdown file: there is none under assets/includes/old; correct it or remove it`,
		`ignore glob "assets/includes/legacy" names a folder, not the files in it, and matches no Markdown file; write "assets/includes/legacy/**" to leave out the folder's files`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestUnusedIgnoresSymlinkedIncludes: an include file reached through a
// symlink inside the site root (an include root that is one, a folder of
// it that is one) is read where a page pastes it, and a glob that leaves
// it out is not said to match no Markdown file; one through a symlink
// that leads out of the root is not read, and a glob for it is said.
func TestUnusedIgnoresSymlinkedIncludes(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/engineering/careers/matrix/web/senior.md": "---\ntitle: Senior\n---\n\n{{% include \"includes/legacy/a.md\" %}}\n\n{{% include \"old/b.md\" %}}\n",
		"real-assets/includes/legacy/a.md":                          "- a\n",
		"kept/b.md":                                                 "- b\n",
		".careerlint.yaml":                                          "include-roots: [assets, shared]\nignore:\n  - \"assets/includes/legacy/**\"\n  - \"shared/old/**\"\n  - \"shared/out/**\"\n",
	})
	outside := writeTree(t, t.TempDir(), map[string]string{"c.md": "- c\n"})
	for link, to := range map[string]string{"assets": "real-assets", "shared/old": filepath.Join("..", "kept"), "shared/out": outside} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, link)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(to, filepath.Join(root, link)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "assets", "includes")); err != nil {
		t.Skipf("symlinks unavailable: os.Symlink succeeded but made no link (%v)", err) // wine
	}
	got := ignoreFindings(t, root, RunOptions{})
	want := []string{`ignore glob "shared/out/**" matches no Markdown file: there is none under shared/out; correct it or remove it`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestUnusedIgnoresWhereAndCase: a glob that reaches both the content
// folder and an include root that holds Markdown files, and matches no
// file in either, names both folders; a glob that matches a file only in
// another letter case names that file (globs match case exactly).
func TestUnusedIgnoresWhereAndCase(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/engineering/careers/matrix/web/senior.md": "---\ntitle: Senior\n---\n\nText.\n",
		"content/handbook/notes/Old-Notes.md":                       "---\ntitle: Notes\n---\n\nText.\n",
		"assets/includes/legacy/a.md":                               "- a\n",
		".careerlint.yaml":                                          "ignore:\n  - \"**/nothing-*.md\"\n  - \"content/handbook/notes/old-notes.md\"\n  - \"content/**/Senior.md\"\n  - \"assets/includes/Legacy/A.md\"\n  - \"assets/**/Nothing.md\"\n",
	})
	got := ignoreFindings(t, root, RunOptions{})
	want := []string{
		`ignore glob "**/nothing-*.md" matches no Markdown file under content/ or assets/; correct it or remove it`,
		`ignore glob "content/handbook/notes/old-notes.md" matches no Markdown file: globs match letter case exactly; did you mean "content/handbook/notes/Old-Notes.md"`,
		`ignore glob "content/**/Senior.md" matches no Markdown file: globs match letter case exactly, and it matches "content/handbook/engineering/careers/matrix/web/senior.md" only in another case`,
		`ignore glob "assets/includes/Legacy/A.md" matches no Markdown file: globs match letter case exactly; did you mean "assets/includes/legacy/a.md"`,
		`ignore glob "assets/**/Nothing.md" matches no Markdown file under assets/; correct it or remove it`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
