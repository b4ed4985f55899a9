package lint

import (
	"strings"
	"testing"
)

// TestHasDotDotInFolder: the allocation-free checks of ResolveInclude
// answer as the splitting and concatenating ones they replace.
func TestHasDotDotInFolder(t *testing.T) {
	paths := []string{"", ".", "..", "/", "//", "a", "a/", "/a", "a/..", "../a", "a/../b", "a/..b", "..a/b", "a/b/..", "a//..", "...", "a/.../b", "assets", "assets/", "assets/x", "assetsx", "assets/../x", "content/a.md"}
	for _, p := range paths {
		want := false
		for _, seg := range strings.Split(p, "/") {
			want = want || seg == ".."
		}
		if got := hasDotDot(p); got != want {
			t.Errorf("hasDotDot(%q) = %v, want %v", p, got, want)
		}
		for _, dir := range []string{".", "..", "/", "assets", "assets/includes", "a"} {
			if got, want := inFolder(p, dir), strings.HasPrefix(p+"/", dir+"/"); got != want {
				t.Errorf("inFolder(%q, %q) = %v, want %v", p, dir, got, want)
			}
		}
	}
}
