//go:build linux

package lint

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileAtomicKeepsAttrs: the file --fix writes keeps the
// replaced file's extended attributes: a user attribute, and a POSIX ACL
// (an entry for another user, and the mask that gives the mode's group
// bits), which dropped would widen who may write the page. Skipped where
// the file system keeps neither.
func TestWriteFileAtomicKeepsAttrs(t *testing.T) {
	acl := aclGranting(65534)
	for _, a := range []struct{ name, value string }{
		{"user.careerlint-test", "kept"},
		{"system.posix_acl_access", string(acl)},
	} {
		t.Run(a.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, "p.md")
			if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Setxattr(p, a.name, []byte(a.value), 0); err != nil {
				t.Skipf("the file system takes no %s: %v", a.name, err)
			}
			before, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := WriteFileAtomic(root, "p.md", []byte("old\n"), []byte("new\n")); err != nil {
				t.Fatal(err)
			}
			if got := mustRead(t, p); got != "new\n" {
				t.Fatalf("content %q", got)
			}
			got, err := xattr(p, a.name)
			if err != nil {
				t.Fatalf("%s lost: %v", a.name, err)
			}
			if !bytes.Equal(got, []byte(a.value)) {
				t.Errorf("%s = %q, want %q", a.name, got, a.value)
			}
			if after, err := os.Stat(p); err != nil || after.Mode() != before.Mode() {
				t.Errorf("mode %v became %v (%v)", before.Mode(), after.Mode(), err)
			}
		})
	}
}

// TestWriteErrorNamesThePage: a failure to write the new file names the
// page and what to do, not the temporary file beside it.
func TestWriteErrorNamesThePage(t *testing.T) {
	tmp := "/site/content/.p.md.careerlint-123"
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: tmp, Err: syscall.EACCES}, "content/p.md: cannot write a new file beside it: permission denied (its folder is not writable for you); not replaced"},
		{&fs.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC}, "content/p.md: cannot write a new file beside it: no space left on device (the disk is full); not replaced"},
	} {
		err := writeError("content/p.md", "cannot write a new file beside it", c.err)
		if err.Error() != c.want || strings.Contains(err.Error(), tmp) {
			t.Errorf("got %q, want %q", err, c.want)
		}
		if !errors.Is(err, c.err.(*fs.PathError).Err) {
			t.Errorf("%q does not wrap the system's error", err)
		}
	}
}

// TestWriteFileAtomicLeavesSecurityAttrs: security.ima, a hash of the old
// content, is the system's: not copied to the new file, and no reason not
// to replace the file. Skipped where the test may not set it.
func TestWriteFileAtomicLeavesSecurityAttrs(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "p.md")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const name = "security.ima"
	if err := syscall.Setxattr(p, name, []byte("hash of old"), 0); err != nil {
		t.Skipf("cannot set %s: %v", name, err)
	}
	if err := WriteFileAtomic(root, "p.md", []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, p); got != "new\n" {
		t.Fatalf("content %q", got)
	}
	if v, err := xattr(p, name); err == nil {
		t.Errorf("%s copied to the new file: %q", name, v)
	}
}

// TestWriteFileAtomicDropsInheritedACL: a page without an ACL in a folder
// with a default ACL keeps having none: the new file would otherwise take
// the folder's, granting another user write access. Skipped where the
// file system takes no ACL.
func TestWriteFileAtomicDropsInheritedACL(t *testing.T) {
	acl := aclGranting(12345)
	root := t.TempDir()
	p := filepath.Join(root, "p.md")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := xattr(p, "system.posix_acl_access"); err == nil {
		t.Skip("the temporary folder gives files an ACL already")
	}
	if err := syscall.Setxattr(root, "system.posix_acl_default", acl, 0); err != nil {
		t.Skipf("the file system takes no default ACL: %v", err)
	}
	if err := WriteFileAtomic(root, "p.md", []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if v, err := xattr(p, "system.posix_acl_access"); err == nil {
		t.Errorf("the new file took the folder's ACL: %q", v)
	}
}

// aclGranting returns a POSIX ACL (the layout of system.posix_acl_access
// and system.posix_acl_default, version 2) of user::rw-, user:uid:rw-,
// group::r--, mask::rw- and other::r--.
func aclGranting(uid uint32) []byte {
	acl := binary.LittleEndian.AppendUint32(nil, 2)
	const undefined = 1<<32 - 1
	for _, e := range []struct {
		tag, perm uint16
		id        uint32
	}{{1, 6, undefined}, {2, 6, uid}, {4, 4, undefined}, {16, 6, undefined}, {32, 4, undefined}} {
		acl = binary.LittleEndian.AppendUint16(acl, e.tag)
		acl = binary.LittleEndian.AppendUint16(acl, e.perm)
		acl = binary.LittleEndian.AppendUint32(acl, e.id)
	}
	return acl
}
