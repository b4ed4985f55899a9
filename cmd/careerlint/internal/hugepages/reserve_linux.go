//go:build linux && (amd64 || arm64)

package hugepages

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"syscall"
	"unsafe"
)

const (
	// arenaBytes is the Go runtime's heap arena on 64-bit Linux: the heap
	// grows in arenas of this size, aligned to it.
	arenaBytes = 64 << 20
	// hugePageBytes is the size of a transparent huge page on amd64 and
	// arm64 (with 4 KB base pages).
	hugePageBytes  = 2 << 20
	thpModeFile    = "/sys/kernel/mm/transparent_hugepage/enabled"
	overcommitFile = "/proc/sys/vm/overcommit_memory"
)

// probe is a small heap object, in the heap's current pages (a package
// variable, so that it is not allocated on the stack).
var probe *[16]byte

var enabled = wanted(readSmall(thpModeFile), godebug())

func init() {
	if enabled && !limited() && !strictOvercommit(readSmall(overcommitFile)) && !collected() {
		reserve(reserveFor(commandLine()))
	}
}

// limited reports whether the process's address space or data segment is
// limited (ulimit -v, ulimit -d). The block counts against both limits
// though it is never touched, and where it does not fit, the runtime
// stops the program ("out of memory") instead of returning an error: under
// such a limit, a run that fits in its own heap would not start.
func limited() bool {
	for _, resource := range []int{syscall.RLIMIT_AS, syscall.RLIMIT_DATA} {
		var l syscall.Rlimit
		if syscall.Getrlimit(resource, &l) == nil && l.Cur != ^uint64(0) {
			return true
		}
	}
	return false
}

// collected reports whether the heap has been collected before the
// package's init, as it can be with a very low GOGC or GOMEMLIMIT (GOGC=5,
// GOMEMLIMIT=4MiB). A collection may free pages at the heap's end, and a
// block that starts on such a page is cleared by the runtime, in 4 KB
// pages, before it is advised: the whole reserve becomes resident.
// It reads the count of cycles from runtime/metrics, which does not stop
// the world as runtime.ReadMemStats does (0.1 to 0.4 ms here against 0.8
// to 1.2 ms).
func collected() bool {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Kind() != metrics.KindUint64 || s[0].Value.Uint64() > 0
}

// reserve makes the next n bytes of heap the program allocates huge-page
// backed, and returns the range it advised and whether madvise took it. It
// allocates an n-byte block (which the runtime maps without touching, as
// long as the heap has not freed that much before), advises the kernel to
// back that memory, and the heap below it from the huge page holding the
// heap's current pages, with huge pages, and collects the block at once, so
// that the allocations that follow reuse its pages (the runtime hands out
// the lowest free pages first). Collecting later, beside the caller, let
// the libraries' initialisation grow the heap past the block, in 4 KB
// pages, and was no faster. The collector is off while the block is
// allocated: its allocation would otherwise start a collection of its own,
// which runtime.GC waits for before it runs the one that is sure to free
// the block (on a virtual machine each takes 1 to 3 ms even with a small
// heap; the one collection saved 2 to 3 ms of a one-page run, session 36).
// A soft memory limit (GOMEMLIMIT) below the block still starts one, as
// before. The collector's setting is put back as it was.
func reserve(n int) (begin, end uintptr, ok bool) {
	if n <= 0 {
		return 0, 0, false
	}
	// Where the heap's current pages are: the huge page holding them has
	// some 4 KB pages touched and stays in 4 KB pages, but the heap past
	// it, in the same or the arena below the block, has not.
	probe = new([16]byte)
	low := uintptr(unsafe.Pointer(probe))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	begin = min(start&^(arenaBytes-1), low&^(hugePageBytes-1))
	end = (start + uintptr(n) + hugePageBytes - 1) &^ (hugePageBytes - 1)
	// A hole in the range (address space the runtime has not mapped) makes
	// madvise return ENOMEM after advising the mapped parts.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, begin, end-begin, syscall.MADV_HUGEPAGE)
	runtime.KeepAlive(block)
	runtime.GC()
	return begin, end, errno == 0 || errno == syscall.ENOMEM
}

// readSmall returns the first 4 KB of a small file such as a sysfs setting
// or /proc/self/cmdline, or "" when it cannot be read.
func readSmall(path string) string {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var buf [4096]byte
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

// commandLine returns the program's arguments after its name, read from
// /proc/self/cmdline (os.Args is not set yet when this package is
// initialised); of a command line over 4 KB, the arguments that fit.
func commandLine() []string {
	raw := readSmall("/proc/self/cmdline")
	var args []string
	start := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] == 0 {
			args = append(args, raw[start:i])
			start = i + 1
		}
	}
	if len(args) == 0 {
		return nil
	}
	return args[1:]
}
