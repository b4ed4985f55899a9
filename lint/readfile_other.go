//go:build !unix

package lint

import (
	"io"
	"os"
)

// readRegular reads a whole regular file, refusing any other kind of file
// (errNotRegular) and one over max bytes when max > 0 (*tooLargeError).
// (dst is not used on this platform.)
func readRegular(abs string, max int64, dst []byte) ([]byte, error) {
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if max > 0 && fi.Size() > max {
		return nil, &tooLargeError{size: fi.Size()}
	}
	if max <= 0 {
		return ReadFileShared(abs)
	}
	// It may have grown since: reading stops one byte past max.
	return readAtMost(abs, max)
}

// readRegularNoFollow is readRegular for a file that must not be a
// symlink: one is refused (errNotRegular), not read.
func readRegularNoFollow(abs string, max int64, dst []byte) ([]byte, error) {
	fi, err := os.Lstat(abs)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	return readRegular(abs, max, dst)
}

// readHead reads the first len(buf) bytes of a regular file that is not a
// symlink, and returns how many it read.
func readHead(abs string, buf []byte) (int, error) {
	fi, err := os.Lstat(abs)
	if err != nil {
		return 0, err
	}
	if !fi.Mode().IsRegular() {
		return 0, errNotRegular
	}
	f, err := openShared(abs)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return 0, err
	}
	return n, nil
}
