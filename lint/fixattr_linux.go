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
// replaces, abs. A POSIX ACL (system.posix_acl_access, which also gives
// the group bits of the mode their mask, and system.posix_acl_default)
// must be kept: when it cannot be read or copied the file is not
// replaced, as dropping it would widen or narrow who may read and write
// the page. Other attributes (user.*, trusted.*) are copied where the
// user may; security.* ones are the system's (an SELinux label the folder
// gives the new file, an IMA or EVM hash of the old content, which would
// not match the new) and are left to it.
func keepAttrs(tmp, abs string) error {
	names, err := xattrNames(abs)
	if err != nil {
		if errors.Is(err, syscall.ENOTSUP) {
			return nil // the file system keeps none
		}
		return fmt.Errorf("reading its extended attributes: %w", err)
	}
	for _, name := range names {
		if strings.HasPrefix(name, "security.") {
			continue
		}
		acl := strings.HasPrefix(name, "system.posix_acl_")
		v, err := xattr(abs, name)
		if err == nil {
			if cur, cerr := xattr(tmp, name); cerr == nil && bytes.Equal(cur, v) {
				continue
			}
			err = syscall.Setxattr(tmp, name, v, 0)
		}
		if err != nil && acl {
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
