//go:build unix

package lint

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteFileAtomicKeepsMode checks that the new file has the old
// file's permission bits, setuid, setgid and sticky bits included.
func TestWriteFileAtomicKeepsMode(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	const special = os.ModeSetuid | os.ModeSetgid | os.ModeSticky
	for _, mode := range []os.FileMode{0o600, 0o640, 0o644, 0o755, 0o664, os.ModeSetgid | 0o755, os.ModeSticky | 0o644, os.ModeSetuid | os.ModeSetgid | 0o750} {
		root := t.TempDir()
		p := filepath.Join(root, "p.md")
		if err := os.WriteFile(p, []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(root, "p.md", []byte("old\n"), []byte("new\n")); err != nil {
			t.Fatalf("mode %o: %v", mode, err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode() & (os.ModePerm | special); got != mode {
			t.Errorf("mode %v became %v", mode, got)
		}
		if got := mustRead(t, p); got != "new\n" {
			t.Errorf("mode %o: content %q", mode, got)
		}
	}
}

// TestWriteFileAtomicRefuses checks that a read-only file and a file with
// another hard link are left as they are, with the error saying why, and
// that (when the test may change owners) the owner is kept.
func TestWriteFileAtomicRefuses(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"ro.md": "old\n", "linked.md": "old\n", "owned.md": "old\n"})
	if err := os.Chmod(filepath.Join(root, "ro.md"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(root, "linked.md"), filepath.Join(root, "other-name.md")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		want error
	}{{"ro.md", ErrReadOnly}, {"linked.md", ErrHardLinked}} {
		err := WriteFileAtomic(root, c.file, []byte("old\n"), []byte("new\n"))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.file, err, c.want)
		}
		if got := mustRead(t, filepath.Join(root, c.file)); got != "old\n" {
			t.Errorf("%s: replaced, now %q", c.file, got)
		}
	}
	if os.Getuid() != 0 {
		return // only root may give a file away
	}
	owned := filepath.Join(root, "owned.md")
	if err := os.Chown(owned, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(root, "owned.md", []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(owned)
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
		t.Errorf("owner became %d:%d, want 65534:65534", st.Uid, st.Gid)
	}
}

// TestWriteFileAtomicRefusesSpecialFiles checks that a named pipe (or
// any non-regular file) is refused without being opened: reading a pipe
// would block the run forever.
func TestWriteFileAtomicRefusesSpecialFiles(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	within(t, 10*time.Second, "WriteFileAtomic on a named pipe", func() {
		if err := WriteFileAtomic(root, "pipe.md", nil, []byte("x")); !errors.Is(err, ErrNotFile) {
			t.Errorf("err = %v, want ErrNotFile", err)
		}
	})
}

// TestReadPageRefusesSpecialFiles checks that readPage refuses a named
// pipe at once (its open does not wait for a writer) and reports it as
// not a regular file, and that the alias scan's readHead reads nothing
// from one without waiting.
func TestReadPageRefusesSpecialFiles(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	within(t, 10*time.Second, "readHead on a named pipe", func() {
		if n, err := readHead(filepath.Join(root, "pipe.md"), make([]byte, 64)); n != 0 {
			t.Errorf("readHead on a named pipe = %d bytes, %v; want none", n, err)
		}
	})
	within(t, 10*time.Second, "headDir.readHead on a named pipe", func() {
		d, err := openHeadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		defer d.close()
		if n, err := d.readHead("pipe.md", make([]byte, 64)); n != 0 || err != nil {
			t.Errorf("headDir.readHead on a named pipe = %d bytes, %v; want none, no error", n, err)
		}
	})
	within(t, 10*time.Second, "readPage on a named pipe", func() {
		p := readPage(filepath.Join(root, "pipe.md"), "pipe.md", 0, parseOptions(DefaultConfig()))
		const want = "not a regular file but a named pipe (FIFO), so it was not read; replace it with the Markdown file"
		if len(p.Problems) != 1 || p.Problems[0].Kind != ProblemUnreadable || p.Problems[0].Message != want || p.Parsed() {
			t.Errorf("problems = %+v, parsed %v; want one unreadable: %s", p.Problems, p.Parsed(), want)
		}
	})
}

// TestReadPageRefusesSockets checks that readPage reports a socket named
// like a page as not a regular file, as it does a named pipe, not by the
// error its open gives ("no such device or address").
func TestReadPageRefusesSockets(t *testing.T) {
	dir, err := os.MkdirTemp("", "sock") // short: a socket's path is at most 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	l, err := net.Listen("unix", filepath.Join(dir, "s.md"))
	if err != nil {
		t.Skipf("no unix sockets: %v", err)
	}
	defer l.Close()
	p := readPage(filepath.Join(dir, "s.md"), "s.md", 0, parseOptions(DefaultConfig()))
	const want = "not a regular file but a socket, so it was not read; replace it with the Markdown file"
	if len(p.Problems) != 1 || p.Problems[0].Kind != ProblemUnreadable || p.Problems[0].Message != want || p.Parsed() {
		t.Errorf("problems = %+v, parsed %v; want one unreadable: %s", p.Problems, p.Parsed(), want)
	}
}

// TestReadFileSharedMaxRefusesSpecialFiles checks that the language
// server's read of a changed file refuses a named pipe at once (put in
// the file's place after the server looked at it, its open waited for a
// writer forever, holding one of the server's readers of changed files
// and its end).
func TestReadFileSharedMaxRefusesSpecialFiles(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, "extra.html"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	within(t, 10*time.Second, "ReadFileSharedMax on a named pipe", func() {
		if _, err := ReadFileSharedMax(filepath.Join(root, "extra.html"), 1<<20); !errors.Is(err, errNotRegular) {
			t.Errorf("err = %v, want it refused as not a regular file", err)
		}
	})
}
