//go:build !windows

package lint

import "os"

// ReplaceFile renames the written temporary file tmp over dst (on Windows
// it also waits for a program that holds either open).
func ReplaceFile(tmp, dst string) error {
	return os.Rename(tmp, dst)
}
