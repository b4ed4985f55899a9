package lint

import (
	"errors"
	"io"
	"math"
	"sync"
)

// errNotRegular is readRegular's error for a folder, FIFO, device or
// socket.
var errNotRegular = errors.New("not a regular file")

// tooLargeError is readRegular's error for a file over the size limit.
type tooLargeError struct {
	size int64
	// grew is set when the file passed the limit while it was read.
	grew bool
}

func (e *tooLargeError) Error() string { return "file over the size limit" }

// textBuffers are buffers for the text of files parsed lean: a lean parse
// keeps no reference to its text (every string it keeps is a copy), so the
// buffers a file was read and masked into serve the next file, sparing the
// allocation and the garbage collector's work of tens of megabytes.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

// bufOf returns the buffer b points to, or nil.
func bufOf(b *[]byte) []byte {
	if b == nil {
		return nil
	}
	return *b
}

// ReadFileSharedMax reads a whole regular file of at most max bytes (no
// limit when max <= 0), as the lint reads pages: any other kind of file
// is refused without waiting on it (a FIFO put in the file's place), and
// one over max, or that grows past it while it is read, is refused
// (*tooLargeError) without being read whole. On Windows, as
// ReadFileShared, it lets others delete or rename the file meanwhile.
func ReadFileSharedMax(name string, max int64) ([]byte, error) {
	return readRegular(name, max, nil)
}

// readAtMost reads a file opened by openShared, refusing it once it
// holds more than max bytes (max > 0), having read one byte past max.
func readAtMost(name string, max int64) ([]byte, error) {
	f, err := openShared(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One byte past max tells a longer file; the largest max has no byte
	// past it (max+1 would wrap around and read nothing).
	n := max
	if n < math.MaxInt64 {
		n++
	}
	b, err := io.ReadAll(io.LimitReader(f, n))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &tooLargeError{size: int64(len(b)), grew: true}
	}
	return b, nil
}
