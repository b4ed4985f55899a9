//go:build !plan9

package lint

import (
	"os"
	"syscall"
)

// stopSignals are the signals that stop a run from the terminal or a
// process manager (Ctrl-C, kill).
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}
