package lint

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// parse parses a page with the default configuration's parse options.
func parse(t testing.TB, src string) *Page {
	t.Helper()
	return ParsePage("content/p.md", []byte(src), parseOptions(DefaultConfig()))
}

// lineOf returns the 1-based line of a byte offset of src.
func lineOf(src []byte, off int) int { return NewLineIndex(src).Position(off).Line }

// textOf returns src[start:end], or a marker when the range is invalid.
func textOf(src []byte, start, end int) string {
	if start < 0 || end > len(src) || start > end {
		return "<bad span>"
	}
	return string(src[start:end])
}

// unnameableOnWindows reports, on Windows, whether a file name holds a
// character Windows forbids in names (testdata/.../what?.md): a checkout
// there lacks the file, and wine refuses to open it.
func unnameableOnWindows(name string) bool {
	return runtime.GOOS == "windows" && strings.ContainsFunc(name, func(r rune) bool {
		return r < 32 || strings.ContainsRune(`<>:"|?*`, r)
	})
}

// skipOnWindowsCaseFolding skips a test whose tree holds names that differ
// only in case, on Windows, where the file system keeps one of them.
func skipOnWindowsCaseFolding(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs file names that differ only in case (X.md beside x.md), which Windows' file systems fold into one file")
	}
}

// writeTree writes files (slash paths relative to dir) and returns dir.
func writeTree(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// offsetOfText returns the offset of the n-th (0-based) occurrence of sub.
func offsetOfText(t testing.TB, src, sub string, n int) int {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], sub)
		if j < 0 {
			t.Fatalf("%q occurrence %d not found", sub, n)
		}
		if i == n {
			return off + j
		}
		off += j + len(sub)
	}
}
