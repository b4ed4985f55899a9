//go:build linux

package lint

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"syscall"
)

// keepAttrs gives the new file tmp the extended attributes of the file it
// replaces, abs. Its POSIX ACL (system.posix_acl_access, which also gives
// the group bits of the mode their mask) must be what the old file had:
// when it cannot be copied, or the new file got one from its folder's
// default ACL that the old file did not have and it cannot be removed,
// the file is not replaced, as either would widen or narrow who may read
// and write the page. Other attributes (user.*, trusted.*, an SELinux
// label set with chcon) are copied where the user may; security.ima and
// security.evm, hashes of the old content that the new would not match,
// are left to the system.
func keepAttrs(tmp, abs string) error {
	names, err := xattrNames(abs)
	if err != nil {
		if errors.Is(err, syscall.ENOTSUP) {
			return nil // the file system keeps none
		}
		return fmt.Errorf("reading its extended attributes: %w", err)
	}
	const access = "system.posix_acl_access"
	for _, name := range names {
		if name == "security.ima" || name == "security.evm" {
			continue
		}
		v, err := xattr(abs, name)
		if err == nil {
			if cur, cerr := xattr(tmp, name); cerr == nil && bytes.Equal(cur, v) {
				continue
			}
			err = syscall.Setxattr(tmp, name, v, 0)
		}
		if err != nil && name == access {
			return fmt.Errorf("%w (%s: %v)", ErrAttrs, name, err)
		}
	}
	if !slices.Contains(names, access) {
		if _, err := xattr(tmp, access); err == nil {
			// Inherited from the folder's default ACL.
			if err := syscall.Removexattr(tmp, access); err != nil {
				return fmt.Errorf("%w (%s inherited from its folder: %v)", ErrAttrs, access, err)
			}
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
