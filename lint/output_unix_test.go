//go:build unix

package lint

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRepoPrefixThroughSymlink: a site root reached through a symlink into
// its repository (a link to the site folder, or a current folder entered
// through one) is still placed in the repository, as git places it, so
// that codequality, sarif and markdown name its files from the
// repository's top; a symlink inside a repository to a folder elsewhere
// keeps the place it has in the repository.
func TestRepoPrefixThroughSymlink(t *testing.T) {
	top, site := repoWithSite(t)
	link := filepath.Join(t.TempDir(), "handbook")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	inside := filepath.Join(top, "linked")
	if err := os.Symlink(outside, inside); err != nil {
		t.Fatal(err)
	}
	// A symlink of the repository to a folder of the same repository:
	// git tracks the files where it leads.
	within := filepath.Join(top, "handbook")
	if err := os.Symlink(filepath.Join("docs", "site"), within); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ root, want string }{
		{link, "docs/site/"},
		{filepath.Join(link, "."), "docs/site/"},
		{inside, "linked/"},
		{within, "docs/site/"},
		{outside, ""}, // in no repository
	} {
		if got := RepoPrefix(c.root); got != c.want {
			t.Errorf("RepoPrefix(%s) = %q, want %q", c.root, got, c.want)
		}
	}
}
