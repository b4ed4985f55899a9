//go:build linux

package lint

import (
	"encoding/binary"
	"io/fs"
	"os"
	"sync"
	"syscall"
)

// readDirUnsorted lists a folder as os.ReadDir does, without the sort (the
// walk's callers sort what they keep) and in fewer system calls: open,
// getdents64 until the end, close. os.Open of a folder also asks for its
// flags twice and tries to add it to the network poller, and os.ReadDir
// allocates an os.DirEntry per entry besides its name: the URL index lists
// the content folder's few hundred folders and thousands of files. An entry
// whose type the file system does not give is looked up with lstat, as
// os.ReadDir does; one gone meanwhile is left out.
func readDirUnsorted(dir string) ([]dirent, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(dir, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	buf := *bp
	var out []dirent
	for {
		n, err := syscall.Getdents(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return out, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			return out, nil
		}
		for b := buf[:n]; len(b) >= direntNameOff; {
			// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < direntNameOff || reclen > len(b) {
				break
			}
			ino, typ, name := binary.NativeEndian.Uint64(b[0:8]), b[18], b[direntNameOff:reclen]
			b = b[reclen:]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			if ino == 0 || string(name) == "." || string(name) == ".." {
				continue
			}
			e := dirent{name: string(name)}
			switch typ {
			case syscall.DT_DIR:
				e.typ = fs.ModeDir
			case syscall.DT_REG:
			case syscall.DT_LNK:
				e.typ = fs.ModeSymlink
			case syscall.DT_FIFO:
				e.typ = fs.ModeNamedPipe
			case syscall.DT_SOCK:
				e.typ = fs.ModeSocket
			case syscall.DT_CHR:
				e.typ = fs.ModeDevice | fs.ModeCharDevice
			case syscall.DT_BLK:
				e.typ = fs.ModeDevice
			default:
				fi, err := os.Lstat(dir + "/" + e.name)
				if os.IsNotExist(err) {
					continue
				}
				if err != nil {
					return out, err
				}
				e.typ = fi.Mode().Type()
			}
			out = append(out, e)
		}
	}
}

// direntNameOff is where an entry's name starts in getdents64's buffer.
const direntNameOff = 19

// direntBufs holds getdents64 buffers, of the size os.ReadDir reads with.
var direntBufs = sync.Pool{New: func() any {
	b := make([]byte, 8192)
	return &b
}}
