//go:build windows

package lint

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// replaceWait sleeps between the tries of ReplaceFile (a test sets it to
// see the tries without waiting).
var replaceWait = time.Sleep

// ReplaceFile renames the written temporary file tmp over dst. Windows
// refuses to replace a file, or to move one, while another program holds
// it open without sharing its deletion, as a virus scanner or a search
// indexer does for a moment with files just written or changed; the
// rename is tried again for about two seconds before the error is
// returned, saying why. (Elsewhere the rename replaces an open file.)
func ReplaceFile(tmp, dst string) error {
	wait := 10 * time.Millisecond
	var waited time.Duration
	for {
		err := os.Rename(tmp, dst)
		if err == nil || !heldOpen(err) {
			return err
		}
		if fi, serr := os.Stat(dst); serr == nil && fi.Mode().Perm()&0o200 == 0 {
			return err // a read-only file, which waiting does not change
		}
		if waited >= 2*time.Second {
			return fmt.Errorf("%w (the file may be open in another program; close it and try again)", err)
		}
		replaceWait(wait)
		waited += wait
		wait = min(2*wait, 250*time.Millisecond)
	}
}

// heldOpen reports whether a rename failed because a file was open.
func heldOpen(err error) bool {
	const (
		errorSharingViolation = syscall.Errno(32)
		errorLockViolation    = syscall.Errno(33)
	)
	return errors.Is(err, syscall.ERROR_ACCESS_DENIED) || errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
