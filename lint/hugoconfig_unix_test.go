//go:build unix

package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHugoConfigNotRead: a configuration file careerlint does not read (a
// symlink out of the site root, a named pipe, a file over the size limit,
// a configuration folder reached through a symlink out of the root) is
// read by Hugo, or blocks it: careerlint says so, and checks the site with
// Hugo's defaults, as for a file that does not parse, instead of going on
// without a word as though the site had no such file. Nothing outside the
// root is read, and nothing blocks.
func TestHugoConfigNotRead(t *testing.T) {
	outside := t.TempDir()
	blackfriday := "[markup.goldmark.parser]\nautoIDType = \"blackfriday\"\n[markup.goldmark.renderer]\nunsafe = true\n"
	if err := os.WriteFile(filepath.Join(outside, "hugo.toml"), []byte(blackfriday), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		setup func(root string)
		want  string // the note's regexp
	}{
		{"symlink out of the root", func(root string) {
			must(t, os.Symlink(filepath.Join(outside, "hugo.toml"), filepath.Join(root, "hugo.toml")))
		}, `^hugo\.toml: leads out of the site root \(through a symlink\), which careerlint does not read: careerlint checks the site with Hugo's default settings; keep the configuration inside the site root$`},
		{"symlink out of the root in the folder", func(root string) {
			must(t, os.MkdirAll(filepath.Join(root, "config", "_default"), 0o755))
			must(t, os.Symlink(filepath.Join(outside, "hugo.toml"), filepath.Join(root, "config", "_default", "markup.toml")))
		}, `^config/_default/markup\.toml: leads out of the site root \(through a symlink\), which careerlint does not read`},
		{"config folder out of the root", func(root string) {
			must(t, os.MkdirAll(filepath.Join(outside, "cfg", "_default"), 0o755))
			must(t, os.WriteFile(filepath.Join(outside, "cfg", "_default", "hugo.toml"), []byte(blackfriday), 0o644))
			must(t, os.Symlink(filepath.Join(outside, "cfg"), filepath.Join(root, "config")))
		}, `^config/_default: leads out of the site root \(through a symlink\), which careerlint does not read`},
		{"named pipe", func(root string) {
			must(t, syscall.Mkfifo(filepath.Join(root, "hugo.toml"), 0o644))
		}, `^hugo\.toml: is not a regular file \(a named pipe or a device\), which careerlint does not read: careerlint checks the site with Hugo's default settings; `},
		{"too large", func(root string) {
			must(t, os.WriteFile(filepath.Join(root, "hugo.toml"), []byte(blackfriday+strings.Repeat("# x\n", maxHugoConfigSize/4)), 0o644))
		}, `^hugo\.toml: is larger than 4 MiB, which careerlint does not read: careerlint checks the site with Hugo's default settings`},
	} {
		root := t.TempDir()
		must(t, os.MkdirAll(filepath.Join(root, "content"), 0o755))
		c.setup(root)
		done := make(chan *HugoConfig, 1)
		go func() { done <- LoadHugoConfig(root, DefaultConfig()) }()
		var h *HugoConfig
		select {
		case h = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: LoadHugoConfig blocked", c.name)
		}
		if h.IDType == "blackfriday" || !h.RawHTMLOmitted {
			t.Errorf("%s: got %+v, want Hugo's defaults (nothing read outside the root)", c.name, h)
		}
		if len(h.Notes) != 1 || !regexp.MustCompile(c.want).MatchString(h.Notes[0].String()) {
			t.Errorf("%s: got notes %q, want one matching %q", c.name, h.Notes, c.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
