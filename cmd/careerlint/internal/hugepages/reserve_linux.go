//go:build linux && (amd64 || arm64)

package hugepages

import (
	"runtime"
	"syscall"
	"unsafe"
)

const (
	// arenaBytes is the Go runtime's heap arena on 64-bit Linux: the heap
	// grows in arenas of this size, aligned to it.
	arenaBytes = 64 << 20
	// hugePageBytes is the size of a transparent huge page on amd64 and
	// arm64 (with 4 KB base pages).
	hugePageBytes = 2 << 20
	thpModeFile   = "/sys/kernel/mm/transparent_hugepage/enabled"
)

var enabled = wanted(readSmall(thpModeFile), godebug())

// Reserve makes the next n bytes of heap the program allocates huge-page
// backed, and reports whether it asked the kernel to. It allocates an n-byte
// block (which the runtime maps without touching), advises the kernel to
// back that memory, and the part of its heap arena below it, with huge
// pages, and starts a garbage collection that frees the block, so that the
// allocations that follow reuse its pages (the runtime hands out the lowest
// free pages first). The collection runs beside the caller: on a virtual
// machine, a blocking runtime.GC takes 2 to 3 ms even with a small heap.
// Reserve does nothing where the system's setting or GODEBUG=disablethp=1
// says not to. Call it before a run's work, while the heap is small.
func Reserve(n int) bool {
	_, _, ok := reserve(n)
	return ok
}

// reserve is Reserve, also returning the range it advised.
func reserve(n int) (begin, end uintptr, ok bool) {
	if !enabled || n <= 0 {
		return 0, 0, false
	}
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	begin = start &^ (arenaBytes - 1)
	end = (start + uintptr(n) + hugePageBytes - 1) &^ (hugePageBytes - 1)
	// A hole in the range (address space the runtime has not mapped) makes
	// madvise return ENOMEM after advising the mapped parts.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, begin, end-begin, syscall.MADV_HUGEPAGE)
	runtime.KeepAlive(block)
	go runtime.GC()
	return begin, end, errno == 0 || errno == syscall.ENOMEM
}

// readSmall returns the first bytes of a small file such as a sysfs
// setting, or "" when it cannot be read.
func readSmall(path string) string {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return ""
	}
	return string(buf[:n])
}

// godebug returns the GODEBUG environment variable.
func godebug() string {
	v, _ := syscall.Getenv("GODEBUG")
	return v
}
