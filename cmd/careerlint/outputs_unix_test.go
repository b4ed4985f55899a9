//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFileThroughSpecialFiles: --output never replaces what is not a
// regular file. A symlink stays one and the file it leads to gets the
// report (created when missing); a FIFO is written through (as /dev/null
// and /dev/stdout are, which this test leaves alone).
func TestWriteFileThroughSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "target.json"), filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.json", link); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.json is no longer a symlink: %v, %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(target); string(data) != "new" {
		t.Errorf("target.json holds %q, want the report", data)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("target.json has mode %v, want its old 0600", fi.Mode().Perm())
	}

	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink("made.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(dangling, []byte("made")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "made.json")); string(data) != "made" {
		t.Errorf("made.json holds %q, want the report", data)
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := writeFileAtomic(fifo, []byte("through")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through" {
		t.Errorf("the FIFO's reader got %q, want the report", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", fi.Mode(), err)
	}

	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".json" && e.Name() != "fifo" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestWriteFileThroughProcFD: an output named through /proc (as
// /dev/stdout is, when the shell sent standard output to a log with >>)
// is appended to, never replaced by a new file.
func TestWriteFileThroughProcFD(t *testing.T) {
	dir := t.TempDir()
	logName := filepath.Join(dir, "log.txt")
	f, err := os.OpenFile(logName, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fd := fmt.Sprintf("/proc/self/fd/%d", f.Fd())
	if _, err := os.Stat(fd); err != nil {
		t.Skipf("no %s: %v", fd, err)
	}
	if _, err := f.WriteString("text report\n"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(logName)
	link := filepath.Join(dir, "stdout")
	if err := os.Symlink(fd, link); err != nil {
		t.Fatal(err)
	}
	// A chain: a relative symlink to the symlink.
	chain := filepath.Join(dir, "chain")
	if err := os.Symlink("stdout", chain); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{fd, link, chain} {
		if err := writeFileAtomic(name, []byte("json\n")); err != nil {
			t.Fatal(err)
		}
	}
	if data, _ := os.ReadFile(logName); string(data) != "text report\njson\njson\njson\n" {
		t.Errorf("log holds %q, want the text report and the JSON appended three times", data)
	}
	if after, _ := os.Stat(logName); !os.SameFile(before, after) {
		t.Error("the log file was replaced by another file")
	}
}

// TestWriteFileHonoursUmask: a report --output creates gets the mode the
// user's umask gives a new file, as a shell's > does: with umask 077 no
// one else may read it (it was made 0644 whatever the umask).
func TestWriteFileHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	name := filepath.Join(t.TempDir(), "report.json")
	if err := writeFileAtomic(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("new file under umask 077: %v, %v; want mode 0600", fi.Mode(), err)
	}
}

// TestWriteFileThroughLinkInLinkedFolder: a symlink to a file not there
// yet, whose target is relative ("../x.json"), in a folder reached through
// a symlink (linked -> real/sub) leads where the system follows it, from
// the folder that holds it (real/x.json): the report is created there, not
// beside the folder's symlink, where the link does not lead; and another
// output to real/x.json writes that one file.
func TestWriteFileThroughLinkInLinkedFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("real", "sub"), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "x.json"), filepath.Join(dir, "real", "sub", "l.json")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "linked", "l.json")
	if a, b := outputKey(link), outputKey(filepath.Join(dir, "real", "x.json")); a != b {
		t.Errorf("outputKey: %s and %s, want one file", a, b)
	}
	if err := writeFileAtomic(link, []byte("report")); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(link); err != nil || string(data) != "report" {
		t.Errorf("through the link: %q, %v; want the report", data, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "x.json")); err == nil {
		t.Error("x.json was created beside the folder's symlink, where the link does not lead")
	}
}
