//go:build unix

package lint

import (
	"errors"
	"os"
	"syscall"
)

// writeProblem says why careerlint should not replace a file it would fix
// (fi its stat), or returns nil: a file with no write permission for the
// user running careerlint (replacing it by a rename would get round the
// permission), and one with more than one hard link (the other names
// would keep the old text).
func writeProblem(abs string, fi os.FileInfo) error {
	if fi.Mode().Perm()&0o222 == 0 || syscall.Access(abs, 2 /* W_OK */) != nil {
		return ErrReadOnly
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		return ErrHardLinked
	}
	return nil
}

// keepOwner gives the new file the owner and group of the file it
// replaces (fi), as far as the user may: root fixing a file in a mounted
// volume would otherwise leave it owned by root.
func keepOwner(tmp *os.File, fi os.FileInfo) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if cur, err := tmp.Stat(); err == nil {
		if c, ok := cur.Sys().(*syscall.Stat_t); ok && c.Uid == st.Uid && c.Gid == st.Gid {
			return
		}
	}
	_ = tmp.Chown(int(st.Uid), int(st.Gid)) // not permitted: the user's own
}

// spaceHint is what a failure to write adds when the disk or the user's
// quota is full.
func spaceHint(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return " (the disk is full)"
	case errors.Is(err, syscall.EDQUOT):
		return " (your disk quota is used up)"
	}
	return ""
}
