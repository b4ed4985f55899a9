//go:build linux

package lint

import "syscall"

// headDir is an open folder whose files' heads are read by name. Opening
// each file relative to its folder spares the kernel walking the file's
// whole path again, file after file: the alias scan reads the head of
// every page under the content folder.
type headDir struct{ fd int }

// openHeadDir opens a folder for readHead, refusing a symlink (the walk
// that found it entered no symlinked folder; it may have changed since).
func openHeadDir(abs string) (headDir, error) {
	fd, err := openRead(abs, syscall.O_DIRECTORY|syscall.O_NOFOLLOW)
	return headDir{fd}, err
}

func (d headDir) close() { syscall.Close(d.fd) }

// readHead is readHead of the file name in the folder.
func (d headDir) readHead(name string, buf []byte) (int, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY|syscall.O_NOFOLLOW, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, err
	}
	defer syscall.Close(fd)
	return readFull(fd, buf)
}
