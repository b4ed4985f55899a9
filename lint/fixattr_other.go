//go:build !linux

package lint

// keepAttrs does nothing on this platform: extended attributes and ACLs
// are not copied to the file --fix writes (see the Linux version).
func keepAttrs(tmp, abs string) error { return nil }
