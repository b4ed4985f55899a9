package lint

import (
	"os"
	"testing"
)

func TestProfHostile(t *testing.T) {
	src, err := os.ReadFile(os.Getenv("PROF_FILE"))
	if err != nil {
		t.Skip()
	}
	s := newTestSite(t, map[string]string{"content/a.md": string(src)}, "content/a.md")
	_ = s.RenderedLinks(s.Page("content/a.md"))
}
