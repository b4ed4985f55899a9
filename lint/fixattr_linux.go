//go:build linux

package lint

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"syscall"
)

// keepAttrs gives the new file tmp the extended attributes of the file it
// replaces, abs: a POSIX ACL (system.posix_acl_access, which also gives
// the group bits of the mode their mask) and any other attribute. One
// the new file already has with the same value (an SELinux label the
// folder gave it) is left as it is. It fails, and the file is not
// replaced, when an attribute cannot be read or copied: replacing the
// file would drop it, and with an ACL widen or narrow who may read and
// write it.
func keepAttrs(tmp, abs string) error {
	names, err := xattrNames(abs)
	if err != nil {
		if errors.Is(err, syscall.ENOTSUP) {
			return nil // the file system keeps none
		}
		return fmt.Errorf("reading its extended attributes: %w", err)
	}
	for _, name := range names {
		v, err := xattr(abs, name)
		if err != nil {
			return fmt.Errorf("%w (%s: %v)", ErrAttrs, name, err)
		}
		if cur, err := xattr(tmp, name); err == nil && bytes.Equal(cur, v) {
			continue
		}
		if err := syscall.Setxattr(tmp, name, v, 0); err != nil {
			return fmt.Errorf("%w (%s: %v)", ErrAttrs, name, err)
		}
	}
	return nil
}

// xattrNames lists the names of a file's extended attributes.
func xattrNames(p string) ([]string, error) {
	buf := make([]byte, 256)
	for {
		n, err := syscall.Listxattr(p, buf)
		if errors.Is(err, syscall.ERANGE) {
			buf = make([]byte, 2*len(buf))
			continue
		}
		if err != nil {
			return nil, err
		}
		var out []string
		for _, s := range strings.Split(string(buf[:n]), "\x00") {
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
}

// xattr reads one extended attribute of a file.
func xattr(p, name string) ([]byte, error) {
	buf := make([]byte, 256)
	for {
		n, err := syscall.Getxattr(p, name, buf)
		if errors.Is(err, syscall.ERANGE) {
			buf = make([]byte, 2*len(buf))
			continue
		}
		if err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
}
