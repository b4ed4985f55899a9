package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiscoverHonoursGitignore(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"content/a/p.md", "content/drafts/q.md", "content/a/tmp.md", "content/b/keep.md", "content/build/x.md"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gi := "# comment\n\ndrafts/\ntmp.md\n/content/build\n!content/b/keep.md\n"
	if err := os.WriteFile(filepath.Join(root, ".gitignore"), []byte(gi), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Discover(root, DefaultConfig(), []string{filepath.Join(root, "content")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/a/p.md", "content/b/keep.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Discover (-want +got):\n%s", diff)
	}
}

// TestNamedPathsHonourGitignore: a file or folder named on the command
// line that the .gitignore leaves out, by itself or by a folder it is in
// (as git leaves out every file under an ignored folder), is not linted,
// and IgnoredBy names the .gitignore for the note that says so, as for
// the configuration's ignore globs.
func TestNamedPathsHonourGitignore(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{
		".gitignore":                  "drafts/\ntmp.md\n/content/build\n",
		"content/a/p.md":              "# x\n",
		"content/a/tmp.md":            "# x\n",
		"content/drafts/q.md":         "# x\n",
		"content/drafts/deeper/r.md":  "# x\n",
		"content/build/x.md":          "# x\n",
		"content/builds/y.md":         "# x\n",
		"content/a/drafts.md/keep.md": "# x\n",
	})
	for _, named := range []string{"content/drafts/q.md", "content/drafts/deeper/r.md", "content/drafts", "content/drafts/deeper", "content/build/x.md", "content/build", "content/a/tmp.md"} {
		got, err := Discover(root, DefaultConfig(), []string{filepath.Join(root, filepath.FromSlash(named))})
		if err != nil {
			t.Errorf("Discover(%s): %v", named, err)
		}
		if len(got) != 0 {
			t.Errorf("Discover(%s) = %v, want nothing: the .gitignore leaves it out", named, got)
		}
		probe := named
		if filepath.Ext(named) != ".md" {
			probe += "/x.md" // a file in the folder, as the command line asks
		}
		if why := IgnoredBy(root, DefaultConfig(), probe); why != "the root's .gitignore" {
			t.Errorf("IgnoredBy(%s) = %q, want the root's .gitignore", probe, why)
		}
	}
	for _, named := range []string{"content/a/p.md", "content/builds/y.md", "content/a/drafts.md/keep.md"} {
		got, err := Discover(root, DefaultConfig(), []string{filepath.Join(root, filepath.FromSlash(named))})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{named}; !cmp.Equal(got, want) {
			t.Errorf("Discover(%s) = %v, want %v", named, got, want)
		}
		if why := IgnoredBy(root, DefaultConfig(), named); why != "" {
			t.Errorf("IgnoredBy(%s) = %q, want nothing", named, why)
		}
	}
}
