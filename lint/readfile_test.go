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

// TestReadFileSharedMax: a file of at most the limit is read whole; a
// longer one is refused having read one byte past the limit. The
// largest limit (max-file-size: 9223372036854775807) reads the file
// whole too, where one past it wrapped around and read nothing.
func TestReadFileSharedMax(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		size, max int64
		ok        bool
	}{{0, 0, true}, {10, 10, true}, {11, 10, false}, {1 << 20, 10, false}, {5, 1 << 20, true}, {5, math.MaxInt64, true}} {
		name := filepath.Join(dir, "f")
		text := bytes.Repeat([]byte("x"), int(tt.size))
		if err := os.WriteFile(name, text, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFileSharedMax(name, tt.max)
		var tooLarge *tooLargeError
		switch {
		case tt.ok && (err != nil || !bytes.Equal(got, text)):
			t.Errorf("size %d, limit %d: %d bytes, %v; want the file", tt.size, tt.max, len(got), err)
		case !tt.ok && !errors.As(err, &tooLarge):
			t.Errorf("size %d, limit %d: %d bytes, %v; want it refused as too large", tt.size, tt.max, len(got), err)
		case !tt.ok && tooLarge.size != tt.max+1:
			t.Errorf("size %d, limit %d: read %d bytes, want %d (one past the limit)", tt.size, tt.max, tooLarge.size, tt.max+1)
		}
	}
	if _, err := ReadFileSharedMax(filepath.Join(dir, "missing"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want not exist", err)
	}
}
