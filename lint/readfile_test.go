package lint

import (
	"bytes"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFileSharedMax: a file of at most the limit is read whole (any
// size when the limit is 0); a longer one is refused as too large. The
// largest limit (max-file-size: 9223372036854775807) reads the file
// whole too. readAtMost, which reads for it where files are not opened
// with Unix's calls, is refused having read one byte past the limit, and
// the largest limit has no byte past it (one past it wrapped around and
// read nothing).
func TestReadFileSharedMax(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		size, max int64
		ok        bool
	}{{0, 0, true}, {10, 0, true}, {10, 10, true}, {11, 10, false}, {1 << 20, 10, false}, {5, 1 << 20, true}, {5, math.MaxInt64, true}} {
		name := filepath.Join(dir, "f")
		text := bytes.Repeat([]byte("x"), int(tt.size))
		if err := os.WriteFile(name, text, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, read := range []struct {
			name string
			f    func(string, int64) ([]byte, error)
		}{{"ReadFileSharedMax", ReadFileSharedMax}, {"readAtMost", readAtMost}} {
			if read.name == "readAtMost" && tt.max <= 0 {
				continue // readRegular reads such files whole
			}
			got, err := read.f(name, tt.max)
			var tooLarge *tooLargeError
			switch {
			case tt.ok && (err != nil || !bytes.Equal(got, text)):
				t.Errorf("%s: size %d, limit %d: %d bytes, %v; want the file", read.name, tt.size, tt.max, len(got), err)
			case !tt.ok && !errors.As(err, &tooLarge):
				t.Errorf("%s: size %d, limit %d: %d bytes, %v; want it refused as too large", read.name, tt.size, tt.max, len(got), err)
			case !tt.ok && read.name == "readAtMost" && tooLarge.size != tt.max+1:
				t.Errorf("%s: size %d, limit %d: read %d bytes, want %d (one past the limit)", read.name, tt.size, tt.max, tooLarge.size, tt.max+1)
			}
		}
	}
	if _, err := ReadFileSharedMax(filepath.Join(dir, "missing"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want not exist", err)
	}
	if _, err := ReadFileSharedMax(dir, 10); !errors.Is(err, errNotRegular) {
		t.Errorf("a folder: %v, want it refused as not a regular file", err)
	}
}
