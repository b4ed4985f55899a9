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
// The package's init reserves heap for the run before the libraries' own
// initialisation allocates (it imports nothing but runtime, runtime/debug,
// runtime/metrics, syscall and unsafe, so that Go initialises it before
// goldmark's packages): with the collector off, it allocates a block, which
// the runtime maps without touching, advises the kernel to back it with
// huge pages, and collects it, so that the allocations that follow reuse
// its pages. It does so once: a later block could reuse pages the program
// has freed, which the runtime clears, touching them in 4 KB pages before
// they are advised. GODEBUG=disablethp=1, the Go runtime's own switch,
// turns it off. So do a limit on the address space or data segment
// (ulimit -v, ulimit -d), which the untouched block counts against, and a
// collection before the init (a very low GOGC or GOMEMLIMIT), after which
// the runtime may clear the block, and strict overcommit
// (vm.overcommit_memory 2), under which the block is charged against the
// system's commit limit. `careerlint lsp` reserves nothing: a language
// server lives for hours, and the kernel's khugepaged may fill advised
// memory the runtime has given back with huge pages again.
package hugepages

const (
	// runReserve is the heap reserved for a run over some pages: the
	// libraries' initialisation (about 2.5 MB) and the career pages of a
	// handbook (about 30 MB of allocations) fit in it.
	runReserve = 64 << 20
	// wholeReserve is the heap reserved for `careerlint links`, whose heap
	// fills the command's 128 MiB soft memory limit and passes it while a
	// collection runs (with 128 MiB reserved, one run in eight went past
	// the reserve, into 4 KB pages).
	wholeReserve = 256 << 20
)

// reserveFor returns how much heap to reserve for a command line (the
// arguments after the program's name): none for the language server, nor
// for the commands that lint nothing (their run is over in milliseconds,
// and the reserve's collections would be most of it).
func reserveFor(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "links":
			return wholeReserve
		case "lsp", "rules", "explain", "init", "version", "help", "-version", "--version", "-h", "-help", "--help":
			return 0
		}
	}
	return runReserve
}

// strictOvercommit reports whether the text of
// /proc/sys/vm/overcommit_memory says the kernel charges every writable
// private mapping against its commit limit (mode 2).
func strictOvercommit(mode string) bool {
	return len(mode) > 0 && mode[0] == '2'
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
