//go:build !(linux && (amd64 || arm64))

package hugepages

// Reserve does nothing on this system: transparent huge pages are a Linux
// setting, and the heap layout it relies on is the 64-bit one's. It
// reports false.
func Reserve(n int) bool { return false }
