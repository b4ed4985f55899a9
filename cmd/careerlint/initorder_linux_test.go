//go:build linux && (amd64 || arm64)

package main

import (
	"strings"
	"testing"
)

// TestReserveBeforeLibraries checks, in the order the Go runtime reports
// with GODEBUG=inittrace=1, that the huge-page reserve (package hugepages)
// is initialised before goldmark's packages, whose initialisation
// allocates most (about 2 MB of tables and regular expressions): what they
// allocate before the reserve is in 4 KB pages.
func TestReserveBeforeLibraries(t *testing.T) {
	_, _, stderr := runProcess(t, []string{"GODEBUG=inittrace=1"}, selfCommand(t), "version")
	var order []string
	for _, line := range strings.Split(stderr, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "init" && strings.HasPrefix(f[2], "@") {
			order = append(order, f[1])
		}
	}
	reserve, library := -1, -1
	for i, p := range order {
		switch {
		case strings.HasSuffix(p, "/cmd/careerlint/internal/hugepages"):
			reserve = i
		case strings.HasPrefix(p, "github.com/yuin/goldmark") && library < 0:
			library = i
		}
	}
	if reserve < 0 || library < 0 {
		t.Fatalf("inittrace names no init of package hugepages or of goldmark's packages:\n%s", stderr)
	}
	if reserve > library {
		t.Errorf("package hugepages is initialised after %s (init order: %s)", order[library], strings.Join(order, " "))
	}
}
