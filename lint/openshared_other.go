//go:build !windows

package lint

import "os"

// ReadFileShared is os.ReadFile (on Windows it also lets others delete
// or rename the file while it is read).
func ReadFileShared(name string) ([]byte, error) { return os.ReadFile(name) }

// openShared is os.Open (on Windows it also lets others delete or rename
// the file while it is open).
func openShared(name string) (*os.File, error) { return os.Open(name) }
