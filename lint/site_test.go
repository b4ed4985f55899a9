package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// newTestSite writes files under a temporary root and returns a site whose
// linted pages are the given paths.
func newTestSite(t *testing.T, files map[string]string, pages ...string) *Site {
	t.Helper()
	root := writeTree(t, t.TempDir(), files)
	cfg := DefaultConfig()
	var ps []*Page
	for _, p := range pages {
		ps = append(ps, readPage(filepath.Join(root, filepath.FromSlash(p)), p, cfg.MaxFileSize, parseOptions(cfg)))
	}
	return NewSite(root, cfg, ps)
}

type anchorView struct{ ID, File string }

func viewAnchors(as []Anchor) []anchorView {
	var out []anchorView
	for _, a := range as {
		out = append(out, anchorView{a.ID, a.File})
	}
	return out
}

func TestSiteAnchorsExpandIncludes(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/handbook/senior.md": "---\ntitle: Senior\n---\n## Values\n{{% include \"includes/values.md\" %}}\n## Values\n<a id=\"raw-anchor\"></a>\n{{% include \"includes/values.md\" %}}\n",
		"assets/includes/values.md":  "## Values\n### Nested {#nested}\n{{% include \"includes/deeper.md\" %}}\n",
		"assets/includes/deeper.md":  "#### Values\n<div id=\"deep-html\"></div>\n",
	}, "content/handbook/senior.md")
	p := s.Page("content/handbook/senior.md")
	want := []anchorView{
		{"values", "content/handbook/senior.md"},
		{"values-1", "assets/includes/values.md"},
		{"nested", "assets/includes/values.md"},
		{"values-2", "assets/includes/deeper.md"},
		{"deep-html", "assets/includes/deeper.md"},
		{"values-3", "content/handbook/senior.md"},
		// The second include of the same file numbers on.
		{"values-4", "assets/includes/values.md"},
		{"nested", "assets/includes/values.md"},
		{"values-5", "assets/includes/deeper.md"},
		{"deep-html", "assets/includes/deeper.md"},
		{"raw-anchor", "content/handbook/senior.md"},
	}
	if diff := cmp.Diff(want, viewAnchors(s.Anchors(p))); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
	// The page's own heading IDs do not see the includes.
	var own []string
	for _, h := range p.Headings {
		own = append(own, h.ID)
	}
	if diff := cmp.Diff([]string{"values", "values-1"}, own); diff != "" {
		t.Errorf("page heading IDs (-want +got):\n%s", diff)
	}
	// Anchors point at the headings that define them.
	as := s.Anchors(p)
	if as[1].Heading == nil || as[1].Heading.Text != "Values" || as[4].Heading != nil {
		t.Errorf("anchor headings: %+v / %+v", as[1].Heading, as[4].Heading)
	}
}

func TestSiteAnchorsExplicitIDs(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md":         "## Values {#custom}\n## Values\n{{% include \"includes/i.md\" %}}\n",
		"assets/includes/i.md": "## Custom\n## Other {#values}\n## Values\n",
	}, "content/p.md")
	want := []anchorView{
		{"custom", "content/p.md"},
		{"values", "content/p.md"}, // an explicit ID takes no automatic ID
		{"custom-1", "assets/includes/i.md"},
		{"values", "assets/includes/i.md"}, // explicit: kept verbatim
		{"values-1", "assets/includes/i.md"},
	}
	if diff := cmp.Diff(want, viewAnchors(s.Anchors(s.Page("content/p.md")))); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
}

func TestSiteAnchorsIncludeCycle(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"content/p.md":         "## Top\n{{% include \"includes/a.md\" %}}\n",
		"assets/includes/a.md": "## A\n{{% include \"includes/b.md\" %}}\n",
		"assets/includes/b.md": "## B\n{{% include \"includes/a.md\" %}}\n{{% include \"includes/b.md\" %}}\n",
	}, "content/p.md")
	want := []anchorView{{"top", "content/p.md"}, {"a", "assets/includes/a.md"}, {"b", "assets/includes/b.md"}}
	if diff := cmp.Diff(want, viewAnchors(s.Anchors(s.Page("content/p.md")))); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
	var inc []string
	for _, f := range s.IncludedFiles() {
		inc = append(inc, f.Page.Path)
	}
	if diff := cmp.Diff([]string{"assets/includes/a.md", "assets/includes/b.md"}, inc); diff != "" {
		t.Errorf("included files (-want +got):\n%s", diff)
	}
}

func TestSiteResolveInclude(t *testing.T) {
	outside := writeTree(t, t.TempDir(), map[string]string{"secret.md": "## Secret\n", "dir/secret.md": "## Secret\n"})
	s := newTestSite(t, map[string]string{
		"content/p.md":              "## P\n",
		"assets/includes/ok.md":     "## OK\n",
		"assets/includes/sub/x.md":  "## X\n",
		"shared/includes/only.md":   "## Only in shared\n",
		"content/secret-in-root.md": "## In root\n",
	}, "content/p.md")
	s.Config.IncludeRoots = []string{"assets", "shared"}
	inc := filepath.Join(s.Root, "assets", "includes")
	mustSymlink(t, filepath.Join(outside, "secret.md"), filepath.Join(inc, "evil.md"))
	mustSymlink(t, filepath.Join(outside, "dir"), filepath.Join(inc, "evildir"))
	mustSymlink(t, filepath.Join(s.Root, "assets", "includes", "ok.md"), filepath.Join(inc, "alias.md"))
	mustSymlink(t, "../../../outside-relative.md", filepath.Join(inc, "dangling.md"))

	tests := []struct {
		target   string
		wantPath string
		wantErr  error // nil, ErrOutsideRoot or fs.ErrNotExist
	}{
		{"includes/ok.md", "assets/includes/ok.md", nil},
		{"/includes/ok.md", "assets/includes/ok.md", nil},
		{"includes/sub/x.md", "assets/includes/sub/x.md", nil},
		{"includes/sub/../ok.md", "", ErrOutsideRoot}, // ".." is refused outright
		{"includes/only.md", "shared/includes/only.md", nil},
		{"includes/alias.md", "assets/includes/alias.md", nil}, // symlink inside the root
		{"includes/missing.md", "assets/includes/missing.md", fs.ErrNotExist},
		{"../x", "", ErrOutsideRoot},
		{"../content/secret-in-root.md", "", ErrOutsideRoot},
		{"includes/../../content/p.md", "", ErrOutsideRoot},
		{"..\\..\\x", "", ErrOutsideRoot},
		{"//server/share/x.md", "", ErrOutsideRoot},
		{"includes/evil.md", "assets/includes/evil.md", ErrOutsideRoot},
		{"includes/evildir/secret.md", "assets/includes/evildir/secret.md", ErrOutsideRoot},
		{"includes/dangling.md", "assets/includes/dangling.md", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			it := s.ResolveInclude(tt.target)
			if tt.wantErr == nil {
				if it.Err != nil || it.Page == nil {
					t.Fatalf("ResolveInclude(%q) = %+v", tt.target, it)
				}
			} else {
				if !errors.Is(it.Err, tt.wantErr) {
					t.Errorf("ResolveInclude(%q) error %v, want %v", tt.target, it.Err, tt.wantErr)
				}
				if it.Page != nil {
					t.Errorf("ResolveInclude(%q) returned a page (%q) with an error", tt.target, it.Page.Src)
				}
			}
			if tt.wantPath != "" && it.Path != tt.wantPath {
				t.Errorf("ResolveInclude(%q).Path = %q, want %q", tt.target, it.Path, tt.wantPath)
			}
		})
	}
	// An absolute path to a real file outside the root is never read.
	abs := filepath.Join(outside, "secret.md")
	it := s.ResolveInclude(abs)
	if it.Err == nil || it.Page != nil {
		t.Errorf("ResolveInclude(%q) = %+v, want an error and no page", abs, it)
	}
	for _, f := range append(s.loadedFiles(), s.Pages...) {
		if string(f.Src) == "## Secret\n" {
			t.Errorf("the file outside the root was read as %s", f.Path)
		}
	}
}

func TestSiteResolveRefusesOutsideRoot(t *testing.T) {
	outside := writeTree(t, t.TempDir(), map[string]string{"o.md": "x"})
	s := newTestSite(t, map[string]string{"content/a.md": "a"})
	mustSymlink(t, outside, filepath.Join(s.Root, "content", "link"))
	for _, rel := range []string{"../o.md", "/etc/passwd", "content/../../o.md", "content/link/o.md"} {
		if _, err := s.Resolve(rel); !errors.Is(err, ErrOutsideRoot) {
			t.Errorf("Resolve(%q) error %v, want ErrOutsideRoot", rel, err)
		}
		if p, err := s.Load(rel); p != nil || err == nil {
			t.Errorf("Load(%q) = %v, %v", rel, p, err)
		}
	}
	if got, err := s.Resolve("content/a.md"); err != nil || filepath.Base(got) != "a.md" {
		t.Errorf("Resolve(content/a.md) = %q, %v", got, err)
	}
}

// TestSiteLoadOnce: concurrent loads of one file parse it once and agree.
func TestSiteLoadOnce(t *testing.T) {
	s := newTestSite(t, map[string]string{"assets/includes/x.md": "## X\n", "content/p.md": "## P\n"}, "content/p.md")
	var wg sync.WaitGroup
	pages := make([]*Page, 16)
	for i := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				pages[i] = s.ResolveInclude("includes/x.md").Page
			} else {
				pages[i], _ = s.Load("assets/includes/x.md")
			}
			_ = s.File("assets/includes/x.md")
			_ = s.Anchors(s.Page("content/p.md"))
		}()
	}
	wg.Wait()
	for i, p := range pages {
		if p == nil || p != pages[0] {
			t.Fatalf("load %d returned %p, load 0 %p", i, p, pages[0])
		}
	}
	if s.File("assets/includes/x.md") != pages[0] || s.File("content/p.md") != s.Page("content/p.md") {
		t.Error("File does not return the loaded pages")
	}
	if s.File("never/loaded.md") != nil || s.Page("assets/includes/x.md") != nil {
		t.Error("File or Page return files that are not loaded or not linted")
	}
}

func TestReadPageProblems(t *testing.T) {
	dir := writeTree(t, t.TempDir(), map[string]string{"big.md": "0123456789", "ok.md": "## OK\n"})
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	opt := parseOptions(DefaultConfig())
	tests := []struct {
		file string
		max  int64
		want FileProblemKind
	}{
		{"big.md", 5, ProblemTooLarge},
		{"missing.md", 0, ProblemUnreadable},
		{"folder.md", 0, ProblemUnreadable},
	}
	for _, tt := range tests {
		p := readPage(filepath.Join(dir, tt.file), tt.file, tt.max, opt)
		if len(p.Problems) != 1 || p.Problems[0].Kind != tt.want || p.Parsed() || p.Src != nil {
			t.Errorf("readPage(%s) = problems %+v, parsed %v", tt.file, p.Problems, p.Parsed())
		}
		if p.Lines == nil || p.Path != tt.file {
			t.Errorf("readPage(%s): no line index or wrong path %q", tt.file, p.Path)
		}
	}
	if p := readPage(filepath.Join(dir, "big.md"), "big.md", 10, opt); !p.Parsed() {
		t.Errorf("a file exactly at the limit is not parsed: %+v", p.Problems)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if _, err := os.Lstat(link); err != nil {
		// Wine 8.0's CreateSymbolicLinkW reports success and makes nothing.
		t.Skipf("symlinks unavailable: os.Symlink succeeded but made no link (%v)", err)
	}
}

// TestResolveWalkedFiles checks the fast path of Resolve for files the URL
// walk found: taken for regular files under a content folder inside the
// root, never for a symlinked page or a content folder that is a symlink
// to outside the root.
func TestResolveWalkedFiles(t *testing.T) {
	outside := writeTree(t, t.TempDir(), map[string]string{"secret.md": "# S\n", "content/handbook/x.md": "# X\n"})
	root := writeTree(t, t.TempDir(), map[string]string{"content/handbook/a.md": "# A\n"})
	mustSymlink(t, filepath.Join(outside, "secret.md"), filepath.Join(root, "content/handbook/link.md"))
	s := NewSite(root, DefaultConfig(), nil)
	u := s.urls()
	if !u.walked.has("content/handbook/a.md") || u.walked.has("content/handbook/link.md") {
		t.Fatalf("walked = %v; want a.md only", u.walked)
	}
	if abs, err := s.Resolve("content/handbook/a.md"); err != nil || abs != filepath.Join(root, "content", "handbook", "a.md") {
		t.Errorf("Resolve(a.md) = %q, %v", abs, err)
	}
	if _, err := s.Resolve("content/handbook/link.md"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("Resolve(link.md) = %v; want ErrOutsideRoot", err)
	}

	// A walked file replaced by a symlink to outside the root after the
	// walk is refused.
	a := filepath.Join(root, "content/handbook/a.md")
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, filepath.Join(outside, "secret.md"), a)
	if _, err := s.Resolve("content/handbook/a.md"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("Resolve(a.md) swapped for a symlink after the walk = %v; want ErrOutsideRoot", err)
	}

	// The content folder itself leads out of the root.
	root2 := t.TempDir()
	mustSymlink(t, filepath.Join(outside, "content"), filepath.Join(root2, "content"))
	s2 := NewSite(root2, DefaultConfig(), nil)
	if u := s2.urls(); u.walked != nil {
		t.Errorf("walked = %v for a content folder outside the root; want nil", u.walked)
	}
	if _, err := s2.Resolve("content/handbook/x.md"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("Resolve(x.md) under a content symlink = %v; want ErrOutsideRoot", err)
	}
}

// TestResolveSymlinks checks Resolve, with its folder cache, against
// symlinked files and folders inside and outside the root, asked twice.
func TestResolveSymlinks(t *testing.T) {
	outside := writeTree(t, t.TempDir(), map[string]string{"o/x.md": "x", "y.md": "y"})
	root := writeTree(t, t.TempDir(), map[string]string{"content/a/real.md": "r", "content/b/k.md": "k"})
	mustSymlink(t, filepath.Join(root, "content/a"), filepath.Join(root, "content/in-dir"))
	mustSymlink(t, filepath.Join(outside, "o"), filepath.Join(root, "content/out-dir"))
	mustSymlink(t, filepath.Join(root, "content/a/real.md"), filepath.Join(root, "content/b/in.md"))
	mustSymlink(t, filepath.Join(outside, "y.md"), filepath.Join(root, "content/b/out.md"))
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSite(root, DefaultConfig(), nil)
	for round := 0; round < 2; round++ {
		for rel, want := range map[string]string{
			"content/a/real.md":      filepath.Join(realRoot, "content/a/real.md"),
			"content/in-dir/real.md": filepath.Join(realRoot, "content/a/real.md"),
			"content/b/in.md":        filepath.Join(realRoot, "content/a/real.md"),
			"content/b/k.md":         filepath.Join(realRoot, "content/b/k.md"),
		} {
			if got, err := s.Resolve(rel); err != nil || got != want {
				t.Errorf("round %d: Resolve(%s) = %q, %v; want %q", round, rel, got, err, want)
			}
		}
		for _, rel := range []string{"content/out-dir/x.md", "content/b/out.md", "../x.md"} {
			if _, err := s.Resolve(rel); !errors.Is(err, ErrOutsideRoot) {
				t.Errorf("round %d: Resolve(%s) = %v; want ErrOutsideRoot", round, rel, err)
			}
		}
		if _, err := s.Resolve("content/b/missing.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("round %d: Resolve(missing) = %v; want not exist", round, err)
		}
	}
}

// TestIncludeExpansion: a page whose includes each include the next file
// twice renders 2+4+8+... include shortcodes and as many copies of the
// files' headings; the count is exact below MaxIncludeExpansion and stops
// just past it, in time linear in the files (the deep tree here would
// render 2^40 of them).
func TestIncludeExpansion(t *testing.T) {
	for _, tc := range []struct {
		depth int
		want  int
	}{
		// Each include counts 1, plus the heading (or, for e5, the list
		// item) of its file, plus what that file's includes count:
		// e4 2*(1+1) = 4, e3 2*(1+1+4) = 12, e2 28, e1 60, e0 124, the
		// page 1+1+124.
		{5, 126},
		{40, MaxIncludeExpansion + 1},
	} {
		files := map[string]string{}
		for i := 0; i < tc.depth; i++ {
			inc := fmt.Sprintf("{{%% include \"includes/e%d.md\" %%}}\n", i+1)
			files[fmt.Sprintf("assets/includes/e%d.md", i)] = fmt.Sprintf("## h%d\n\n%s\n%s", i, inc, inc)
		}
		files[fmt.Sprintf("assets/includes/e%d.md", tc.depth)] = "- leaf\n"
		root := writeTree(t, t.TempDir(), files)
		cfg := DefaultConfig()
		p := ParsePage("content/a.md", []byte("# A\n\n{{% include \"includes/e0.md\" %}}\n"), parseOptions(cfg))
		s := NewSite(root, cfg, []*Page{p})
		if got := s.IncludeExpansion(p); got != tc.want {
			t.Errorf("depth %d: the page's includes expand to %d, want %d", tc.depth, got, tc.want)
		}
		if got, want := s.ExpandsIncludes(p), tc.want <= MaxIncludeExpansion; got != want {
			t.Errorf("depth %d: ExpandsIncludes = %v, want %v", tc.depth, got, want)
		}
		if !s.ExpandsIncludes(p) && len(s.Anchors(p)) != 1 {
			t.Errorf("depth %d: a page past the limit has %d anchors, want its own heading only", tc.depth, len(s.Anchors(p)))
		}
	}
}

// TestCareerPage: what a run without paths would lint as a career page.
func TestCareerPage(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{".gitignore": "drafts/\n*.tmp.md\n"})
	cfg := DefaultConfig()
	cfg.Pages = []string{"content/**/*.md"}
	cfg.Ignore = []string{"**/old-*.md"}
	s := NewSite(root, cfg, nil)
	for rel, want := range map[string]bool{
		"content/t/senior.md":              true,
		"content/t/old-senior.md":          false, // ignore glob
		"content/t/senior.tmp.md":          false, // .gitignore pattern
		"content/drafts/t/senior.md":       false, // .gitignore folder
		"content/.hidden/senior.md":        false,
		"content/node_modules/x/senior.md": false,
		"assets/includes/senior.md":        false, // not a page glob
	} {
		if got := s.CareerPage(rel); got != want {
			t.Errorf("CareerPage(%q) = %v, want %v", rel, got, want)
		}
	}
}

// TestIncludeExpansionCountsHTMLIDs: raw HTML ids are expanded with their
// file as headings and links are, so they count toward the cap: a file of
// 2,000 ids included 60 times by a file included 60 times is past it.
func TestIncludeExpansionCountsHTMLIDs(t *testing.T) {
	var ids, mid strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&ids, "<a id=\"a%d\"></a>\n\n", i)
	}
	for i := 0; i < 60; i++ {
		mid.WriteString("{{% include \"includes/ids.md\" %}}\n\n")
	}
	root := writeTree(t, t.TempDir(), map[string]string{"assets/includes/ids.md": ids.String(), "assets/includes/mid.md": mid.String()})
	cfg := DefaultConfig()
	src := strings.Repeat("{{% include \"includes/mid.md\" %}}\n\n", 60)
	p := ParsePage("content/a.md", []byte("# A\n\n"+src), parseOptions(cfg))
	s := NewSite(root, cfg, []*Page{p})
	if s.ExpandsIncludes(p) {
		t.Errorf("3,600 copies of 2,000 ids expand to %d, within the cap %d", s.IncludeExpansion(p), MaxIncludeExpansion)
	}
}

// TestResolveNameCase checks that a path is found only as its names are
// written on disk, as Hugo on Linux finds it, also where the file system
// ignores case (Windows): a link to Staff.md or into Team/ finds nothing
// beside staff.md and team/. A path typed on the command line in another
// case, which Windows opens, is taken under the disk's names.
func TestResolveNameCase(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/team/staff.md": "# S\n"})
	s := NewSite(root, DefaultConfig(), nil)
	if _, err := s.Resolve("content/team/staff.md"); err != nil {
		t.Errorf("Resolve(content/team/staff.md) = %v", err)
	}
	for _, rel := range []string{"content/team/Staff.md", "content/Team/staff.md", "Content/team/staff.md", "content/team/staff.md."} {
		if abs, err := s.Resolve(rel); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Resolve(%s) = %q, %v; want it not found", rel, abs, err)
		}
		if s.HasFile(rel) {
			t.Errorf("HasFile(%s) = true", rel)
		}
	}
	if runtime.GOOS != "windows" {
		return // the other case names no file to type
	}
	got, err := Discover(root, DefaultConfig(), []string{filepath.Join(root, "CONTENT", "Team", "Staff.md"), filepath.Join(root, "content", "TEAM")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/team/staff.md"}; !slices.Equal(got, want) {
		t.Errorf("Discover of paths in another case = %v, want %v", got, want)
	}
}

// TestEvalSymlinksAsFilepath checks the site's evalSymlinks, which works
// a folder's real path out from its parent's, against
// filepath.EvalSymlinks of the folder followed by an lstat of the file
// (evalSymlinksPlain): folders reached through symlinks (relative,
// absolute, chained, one to a file, a dangling one), a file where a folder
// is expected and missing folders give the same path or the same error,
// asked twice and in both orders of parent and child.
func TestEvalSymlinksAsFilepath(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"a/b/c/f.md": "f", "a/file.md": "x", "d/g.md": "g"})
	mustSymlink(t, "b", filepath.Join(root, "a/rel"))
	mustSymlink(t, filepath.Join(root, "a/b/c"), filepath.Join(root, "a/abs"))
	mustSymlink(t, "rel/c", filepath.Join(root, "a/chain"))
	mustSymlink(t, "../d", filepath.Join(root, "a/b/up"))
	mustSymlink(t, "nowhere", filepath.Join(root, "a/dangling"))
	mustSymlink(t, "file.md", filepath.Join(root, "a/tofile"))
	var paths []string
	for _, rel := range []string{
		"a/b/c/f.md", "a/rel/c/f.md", "a/abs/f.md", "a/chain/f.md", "a/b/up/g.md", "a/rel/up/g.md",
		"a/dangling/f.md", "a/tofile/f.md", "a/file.md/f.md", "a/missing/f.md", "a/missing/deeper/f.md",
		"a/b/c/missing.md", "a/rel", "a/b/../rel/c/f.md",
	} {
		paths = append(paths, filepath.Join(root, rel))
	}
	backward := slices.Clone(paths)
	slices.Reverse(backward)
	for _, order := range [][]string{paths, backward} {
		s := NewSite(root, DefaultConfig(), nil)
		for round := 0; round < 2; round++ {
			for _, p := range order {
				got, gotErr := s.evalSymlinks(p)
				want, wantErr := evalSymlinksPlain(p)
				if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Errorf("round %d: evalSymlinks(%s) = %q, %v; want %q, %v", round, p, got, gotErr, want, wantErr)
				}
			}
		}
	}
}

// evalSymlinksPlain is Site.evalSymlinks without its cache: the real path
// of the file's folder by filepath.EvalSymlinks, then the file's.
func evalSymlinksPlain(abs string) (string, error) {
	real, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return realFileIn(real, filepath.Base(abs))
}

// BenchmarkResolveFolders resolves one file in each of 200 folders six
// deep, as a one-page run resolves its links' targets, on a new site each
// time (its folder cache empty).
func BenchmarkResolveFolders(b *testing.B) {
	files := map[string]string{}
	var rels []string
	for i := 0; i < 200; i++ {
		rel := fmt.Sprintf("content/handbook/s-%02d/t-%02d/u-%03d/page.md", i%20, i/20, i)
		files[rel] = "x"
		rels = append(rels, rel)
	}
	root := writeTree(b, b.TempDir(), files)
	for b.Loop() {
		s := NewSite(root, DefaultConfig(), nil)
		for _, rel := range rels {
			if _, err := s.Resolve(rel); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSiteParallel: every index runs once, on no more goroutines than the
// run checks on.
func TestSiteParallel(t *testing.T) {
	for _, workers := range []int{1, 3} {
		s := NewSite(t.TempDir(), DefaultConfig(), nil)
		s.workers = workers
		var mu sync.Mutex
		running, most := 0, 0
		ran := make([]int, 50)
		s.Parallel(len(ran), func(i int) {
			mu.Lock()
			running++
			most = max(most, running)
			ran[i]++
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			running--
			mu.Unlock()
		})
		for i, n := range ran {
			if n != 1 {
				t.Errorf("workers %d: index %d ran %d times", workers, i, n)
			}
		}
		if most > workers || (workers > 1 && most < 2) {
			t.Errorf("workers %d: %d calls ran at once", workers, most)
		}
	}
}
