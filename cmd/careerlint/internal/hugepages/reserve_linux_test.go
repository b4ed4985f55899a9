//go:build linux && (amd64 || arm64)

package hugepages

import (
	"bufio"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// vma is one mapping of /proc/self/smaps.
type vma struct {
	start, end uintptr
	flags      []string
}

func mappings(t *testing.T) []vma {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var out []vma
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && len(fields[1]) == 4 && strings.Contains(fields[0], "-") {
			lo, hi, _ := strings.Cut(fields[0], "-")
			s, err1 := strconv.ParseUint(lo, 16, 64)
			e, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("cannot read mapping %q", line)
			}
			out = append(out, vma{start: uintptr(s), end: uintptr(e)})
			continue
		}
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && len(out) > 0 {
			out[len(out)-1].flags = strings.Fields(rest)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// hugeAdvised reports whether the mapping holding address a is advised to
// use huge pages (VmFlags "hg").
func hugeAdvised(t *testing.T, maps []vma, a uintptr) bool {
	t.Helper()
	for _, m := range maps {
		if m.start <= a && a < m.end {
			for _, f := range m.flags {
				if f == "hg" {
					return true
				}
			}
			return false
		}
	}
	t.Fatalf("no mapping holds %#x", a)
	return false
}

func TestReserve(t *testing.T) {
	if !enabled {
		t.Skip("this system does not give huge pages on request (or GODEBUG=disablethp=1)")
	}
	// Small: the block may reuse pages the init's block freed, which the
	// runtime clears (the package's init is the one reserve that cannot).
	const n = 8 << 20
	begin, end, ok := reserve(n)
	if !ok {
		t.Fatal("madvise failed")
	}
	if end-begin < n {
		t.Fatalf("advised %d bytes, want at least %d", end-begin, n)
	}
	// What reserve advised is marked, to its end.
	maps := mappings(t)
	for _, a := range []uintptr{end - n/2, end - 1} {
		if !hugeAdvised(t, maps, a) {
			t.Errorf("the mapping at %#x, in the reserved range %#x-%#x, is not advised to use huge pages", a, begin, end)
		}
	}
	// Once the block is collected, new allocations reuse its pages.
	runtime.GC()
	b := make([]byte, 8<<20)
	a := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if !hugeAdvised(t, mappings(t), a) {
		t.Errorf("an allocation after the reserve, at %#x, is not in memory advised to use huge pages", a)
	}
	runtime.KeepAlive(b)
}

func TestReserveNothing(t *testing.T) {
	if _, _, ok := reserve(0); ok {
		t.Error("reserve(0) advised something")
	}
}

func TestCommandLine(t *testing.T) {
	if got, want := commandLine(), os.Args[1:]; !slices.Equal(got, want) {
		t.Errorf("commandLine() = %q, want os.Args[1:] = %q", got, want)
	}
}

// TestLimited lowers the process's data segment limit (its soft limit, so
// that it can be raised again), under which the block could stop the
// program, and checks that limited sees it.
func TestLimited(t *testing.T) {
	if limited() {
		t.Skip("the address space or data segment is already limited")
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &old); err != nil {
		t.Skip(err)
	}
	lower := old
	lower.Cur = 1 << 40
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &lower); err != nil {
		t.Skip(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_DATA, &old)
	if !limited() {
		t.Error("limited() = false under a data segment limit")
	}
}

func TestCollected(t *testing.T) {
	runtime.GC()
	if !collected() {
		t.Error("collected() = false after runtime.GC")
	}
}

// gcCycles returns the number of collections the program has run.
func gcCycles(t *testing.T) uint64 {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		t.Skip("no count of collections")
	}
	return s[0].Value.Uint64()
}

// TestReserveCollectsOnce checks that reserve runs one collection, the one
// that frees its block (the block's allocation, far past the heap's goal,
// starts none of its own), and leaves the collector's setting as it was.
func TestReserveCollectsOnce(t *testing.T) {
	if !enabled {
		t.Skip("this system does not give huge pages on request (or GODEBUG=disablethp=1)")
	}
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("a memory limit (GOMEMLIMIT) starts collections whatever the percentage")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	runtime.GC() // the heap's goal is now small: an 8 MB block passes it
	before := gcCycles(t)
	if _, _, ok := reserve(8 << 20); !ok {
		t.Fatal("madvise failed")
	}
	if got := gcCycles(t) - before; got != 1 {
		t.Errorf("reserve ran %d collections, want 1", got)
	}
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after reserve the collector's percentage is %d, want 150 as before", got)
	}
}
