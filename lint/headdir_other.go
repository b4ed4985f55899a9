//go:build !linux

package lint

import "path/filepath"

// headDir is a folder whose files' heads are read by name (by path on
// this platform: openat is not in its syscall package).
type headDir struct{ abs string }

// openHeadDir returns the folder for readHead.
func openHeadDir(abs string) (headDir, error) { return headDir{abs}, nil }

func (d headDir) close() {}

// readHead is readHead of the file name in the folder.
func (d headDir) readHead(name string, buf []byte) (int, error) {
	return readHead(filepath.Join(d.abs, name), buf)
}
