package lint

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFolderInOtherCase finds a folder named in another case, path part
// by path part, and nothing where the name is right, absent, a file, or
// matched by two folders.
func TestFolderInOtherCase(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"Content/Handbook", "Two/a", "two/b"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "Site"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "content")); err == nil {
		t.Skip("the file system ignores case")
	}
	for rel, want := range map[string]string{
		"content":          "Content",
		"content/handbook": "Content/Handbook",
		"Content":          "",
		"content/missing":  "",
		"site":             "",
		"two":              "",
		"TWO/A":            "",
		"../content":       "",
		".":                "",
	} {
		if got := FolderInOtherCase(root, rel); got != want {
			t.Errorf("FolderInOtherCase(%q) = %q, want %q", rel, got, want)
		}
	}
}
