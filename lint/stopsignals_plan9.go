//go:build plan9

package lint

import "os"

// stopSignals are the signals that stop a run (see the other systems').
var stopSignals = []os.Signal{os.Interrupt}
