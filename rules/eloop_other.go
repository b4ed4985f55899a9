//go:build !plan9

package rules

import (
	"errors"
	"syscall"
)

// isELOOP reports whether err is the system's error for a loop of
// symlinks (ELOOP).
func isELOOP(err error) bool { return errors.Is(err, syscall.ELOOP) }
