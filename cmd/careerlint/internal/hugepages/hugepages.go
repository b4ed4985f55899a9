// Package hugepages asks Linux to back the careerlint command's Go heap with
// transparent huge pages (2 MB) where the system leaves them to the
// program's choice.
//
// Where /sys/kernel/mm/transparent_hugepage/enabled is "madvise" (Debian's
// and Ubuntu's default), the Go runtime maps its heap in 4 KB pages, and a
// program pays one page fault for every 4 KB of heap it first touches. A
// lint run is short and allocates tens of megabytes, so on a virtual
// machine whose page faults are slow (11 to 17 µs each on the 2-core
// machine of the README's measurements) they were a third to a half of its
// time. Backed by huge pages, the same heap takes one fault per 2 MB.
//
// The package's init reserves InitialReserve bytes before the libraries'
// own initialisation allocates: it imports nothing but runtime, syscall and
// unsafe so that Go initialises it first. GODEBUG=disablethp=1, the Go
// runtime's own switch, turns it off.
package hugepages

// InitialReserve is how much heap the package's init backs with huge pages:
// the libraries' initialisation (about 2.5 MB) and a run over some pages
// (the career pages of a handbook allocate about 30 MB) fit in it.
const InitialReserve = 64 << 20

func init() {
	Reserve(InitialReserve)
}

// wanted reports whether to ask for huge pages, given the text of
// /sys/kernel/mm/transparent_hugepage/enabled (such as
// "always [madvise] never") and the GODEBUG setting: only when the system
// gives huge pages to a program that asks ("always" gives them unasked,
// "never" not at all) and GODEBUG does not end with disablethp set.
func wanted(mode, godebug string) bool {
	if !contains(mode, "[madvise]") {
		return false
	}
	disable := false
	for setting := range splitComma(godebug) {
		switch setting {
		case "disablethp=1":
			disable = true
		case "disablethp=0":
			disable = false
		}
	}
	return !disable
}

// contains reports whether s contains sub (the package imports no strings
// package, to be initialised first).
func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// splitComma yields the comma-separated fields of s.
func splitComma(s string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == ',' {
				if !yield(s[start:i]) {
					return
				}
				start = i + 1
			}
		}
	}
}
