//go:build linux

package lint

import (
	"strings"
	"syscall"
	"testing"
)

// TestUnreadableFolderReported: a folder the walk cannot read (here one
// whose path is longer than the system allows, which even root cannot
// list) becomes a file-format finding instead of being skipped in silence.
func TestUnreadableFolderReported(t *testing.T) {
	root := t.TempDir()
	fd, err := syscall.Open(root, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("d", 200)
	rel := ""
	for _, seg := range append([]string{"content", "handbook"}, strings.Split(strings.Repeat(name+"/", 22), "/")[:22]...) {
		if err := syscall.Mkdirat(fd, seg, 0o755); err != nil {
			syscall.Close(fd)
			t.Fatal(err)
		}
		next, err := syscall.Openat(fd, seg, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		syscall.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
		rel += seg + "/"
	}
	f, err := syscall.Openat(fd, "page.md", syscall.O_CREAT|syscall.O_WRONLY, 0o644)
	syscall.Close(fd)
	if err != nil {
		t.Fatal(err)
	}
	syscall.Write(f, []byte("# Page\n"))
	syscall.Close(f)

	cfg := DefaultConfig()
	_, _, _, folders, err := discoverWalkFolders(root, cfg, nil, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) != 1 || !strings.HasPrefix(rel, folders[0].rel+"/") {
		t.Fatalf("unreadable folders %v, want one on the way to %s", folders, rel)
	}
	pages := folderPages(root, folders)
	if len(pages) != 1 || pages[0].Problems[0].Kind != ProblemUnreadable || !strings.Contains(pages[0].Problems[0].Message, "cannot read folder: file name too long; the pages in it were not linted") {
		t.Errorf("folder page %+v", pages[0].Problems)
	}
	// A run over the page globs reports it only when a glob reaches into it.
	cfg.Pages = []string{"content/handbook/**/careers/**/*.md"}
	if _, _, _, folders, _ := discoverWalkFolders(root, cfg, nil, false, nil); len(folders) != 1 {
		t.Errorf("a ** glob reaches every folder: %v", folders)
	}
	cfg.Ignore = []string{"content/handbook/**"}
	if _, _, _, folders, _ := discoverWalkFolders(root, cfg, nil, false, nil); len(folders) != 0 {
		t.Errorf("an ignore glob leaves the folder out: %v", folders)
	}
	cfg.Ignore = nil
	cfg.Pages = []string{"content/other/*.md"}
	if _, _, _, folders, _ := discoverWalkFolders(root, cfg, nil, false, nil); len(folders) != 0 {
		t.Errorf("no glob reaches content/handbook/...: %v", folders)
	}
}
