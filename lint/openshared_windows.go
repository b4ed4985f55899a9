//go:build windows

package lint

import (
	"io"
	"os"
	"syscall"
)

// openShared opens a file for reading as os.Open does, but shares its
// deletion too (FILE_SHARE_DELETE, which os.Open leaves out): while
// careerlint reads a page, another program (an editor, git checkout) can
// still delete or rename it, as on Unix (replacing it by a rename is still
// refused while it is open). Where the call fails
// (a path too long for it, say), os.Open opens the file and reports the
// error.
func openShared(name string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(name)
	if err != nil {
		return os.Open(name)
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE,
		nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return os.Open(name)
	}
	return os.NewFile(uintptr(h), name), nil
}

// ReadFileShared is os.ReadFile, except that another program can delete
// or rename the file while it is read (see openShared).
func ReadFileShared(name string) ([]byte, error) {
	f, err := openShared(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() < 1<<30 {
		b := make([]byte, fi.Size())
		n, err := io.ReadFull(f, b)
		if err == nil {
			rest, err := io.ReadAll(f) // it grew meanwhile
			return append(b, rest...), err
		}
		if err == io.ErrUnexpectedEOF {
			return b[:n], nil // it shrank meanwhile
		}
		return nil, err
	}
	return io.ReadAll(f)
}
