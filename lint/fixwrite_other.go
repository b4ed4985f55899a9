//go:build !unix

package lint

import "os"

// writeProblem says why careerlint should not replace a file it would fix:
// a read-only file (see the unix version, which also checks hard links).
func writeProblem(abs string, fi os.FileInfo) error {
	if fi.Mode().Perm()&0o222 == 0 {
		return ErrReadOnly
	}
	return nil
}

// keepOwner does nothing on this platform.
func keepOwner(tmp *os.File, fi os.FileInfo) {}

// spaceHint adds nothing on this platform.
func spaceHint(err error) string { return "" }
