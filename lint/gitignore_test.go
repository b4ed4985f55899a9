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
