package lint

import "errors"

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
