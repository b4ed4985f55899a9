//go:build unix

package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestIncludeTargetNotRegular: an include of a FIFO says so (not that it
// is a folder), and an include of a folder says that.
func TestIncludeTargetNotRegular(t *testing.T) {
	root := t.TempDir()
	page := filepath.Join(root, filepath.FromSlash(matrix+"t/senior.md"))
	inc := filepath.Join(root, "assets", "includes")
	for _, d := range []string{filepath.Dir(page), filepath.Join(inc, "folder.md")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(inc, "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	if err := os.Symlink("loop.md", filepath.Join(inc, "loop.md")); err != nil {
		t.Fatal(err)
	}
	text := "---\ntitle: Senior\n---\n\n{{% include \"includes/pipe.md\" %}}\n\n{{% include \"includes/folder.md\" %}}\n\n{{% include \"includes/loop.md\" %}}\n"
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range runSite(t, root).Diagnostics {
		if d.Rule.Name == "include-target" {
			got = append(got, d.Message)
		}
	}
	want := []string{
		`include target "includes/pipe.md" is not a regular file (a FIFO, device or socket); include a Markdown file`,
		`include target "includes/folder.md" is a folder; name a file inside it`,
		`include target "includes/loop.md" is a symlink that loops, leading back to itself; point it at a file`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("include-target findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
