//go:build unix

package lsp

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestConfigNotARegularFile starts the server on a site whose
// .careerlint.yaml is a named pipe: it is no configuration, as on the
// command line, and the page is linted with the defaults instead of the
// server waiting on the pipe for ever (it read the file with everything
// locked).
func TestConfigNotARegularFile(t *testing.T) {
	root := fixtureSite(t)
	cfg := filepath.Join(root, lint.ConfigFileName)
	if err := syscall.Mkfifo(cfg, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	t.Cleanup(func() {
		// A server that opened the pipe to read it waits for a writer.
		if f, err := os.OpenFile(cfg, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	c := startServer(t, serverOptions())
	c.initialize(root, false)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	if p := c.waitDiagnostics(uri, 0, hasVersion(1)); len(p.Diagnostics) != 3 {
		t.Errorf("diagnostics %v, want the page's three", codes(p))
	}
}
