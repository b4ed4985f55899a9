//go:build !unix

package lint

import "os"

// readRegular reads a whole regular file, refusing any other kind of file
// (errNotRegular) and one over max bytes when max > 0 (*tooLargeError).
func readRegular(abs string, max int64) ([]byte, error) {
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
	src, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(src)) > max {
		return nil, &tooLargeError{size: int64(len(src)), grew: true}
	}
	return src, nil
}
