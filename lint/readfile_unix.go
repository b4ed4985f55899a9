//go:build unix

package lint

import (
	"io/fs"
	"syscall"
)

// readRegular reads a whole regular file in four system calls (open,
// fstat, read until the end, close), where os.Stat and os.ReadFile take
// about ten: a lean run reads thousands of files. It opens without
// blocking (a FIFO is refused, not waited on) and without making a
// terminal the controlling one, and refuses any file that is not regular
// (errNotRegular) or is over max bytes when max > 0 (*tooLargeError).
// It reads into dst when dst has room for the file.
func readRegular(abs string, max int64, dst []byte) ([]byte, error) {
	return readRegularFlags(abs, 0, max, dst)
}

// readRegularNoFollow is readRegular for a file that must not be a
// symlink (one found by a walk that does not follow them): a symlink put
// in its place is refused, not read.
func readRegularNoFollow(abs string, max int64, dst []byte) ([]byte, error) {
	return readRegularFlags(abs, syscall.O_NOFOLLOW, max, dst)
}

// readRegularFlags is readRegular, opening the file with extra flags.
func readRegularFlags(abs string, flags int, max int64, dst []byte) ([]byte, error) {
	fd, err := openRead(abs, flags)
	if err == syscall.ENXIO {
		// A socket, or a device with no driver: opening one for reading
		// fails so, a regular file never does.
		return nil, errNotRegular
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: abs, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, errNotRegular
	}
	size := int64(st.Size)
	if max > 0 && size > max {
		return nil, &tooLargeError{size: size}
	}
	// One byte more than the size, so that the read that finds the end
	// is not a second allocation.
	buf := dst[:0]
	if int64(cap(buf)) < size+1 {
		buf = make([]byte, 0, size+1)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		// At most 1 GiB a read: some systems refuse larger reads.
		n, err := syscall.Read(fd, buf[len(buf):min(cap(buf), len(buf)+1<<30)])
		if err == syscall.EINTR || err == syscall.EAGAIN {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: abs, Err: err}
		}
		if n <= 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if max > 0 && int64(len(buf)) > max {
			return nil, &tooLargeError{size: int64(len(buf)), grew: true}
		}
	}
}

// readHead reads the first len(buf) bytes of a file that is not a symlink
// (the walk of the content folder found it as a regular file; it may have
// changed since), in three system calls, and returns how many it read. It
// does not wait on a FIFO put in the file's place: the open does not block
// and neither does the read.
func readHead(abs string, buf []byte) (int, error) {
	fd, err := openRead(abs, syscall.O_NOFOLLOW)
	if err != nil {
		return 0, err
	}
	defer syscall.Close(fd)
	return readFull(fd, buf)
}

// readFull reads from fd until buf is full or the file ends.
func readFull(fd int, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if m <= 0 {
			break
		}
		n += m
	}
	return n, nil
}

// openRead opens a file for reading without blocking (on a FIFO) and
// without making a terminal the controlling one, with extra flags,
// retrying when a signal interrupts the call.
func openRead(abs string, flags int) (int, error) {
	for {
		fd, err := syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY|flags, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
