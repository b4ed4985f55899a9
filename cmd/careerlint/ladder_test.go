package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// ladderSite writes the example site of the ladder scripts
// (testdata/script/ladder_formats.txtar) into a temporary folder and
// returns it: two tracks, web (intermediate, senior, staff) with a missing
// section and another track's navigation, and api (senior).
func ladderSite(t *testing.T) string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "script", "ladder_formats.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "content/") && !strings.HasPrefix(f.Name, "assets/") && f.Name != ".careerlint.yaml" {
			continue // the goldens
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// chromiumPath returns Debian's chromium, or "" when it is not installed.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runChromium runs headless chromium with its own profile folder and the
// given arguments, and returns its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
		"--user-data-dir=" + t.TempDir(), "--disable-extensions", "--disable-background-networking"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

var (
	tableRE    = regexp.MustCompile(`(?s)<section class="track"[^>]*>.*?<dd>([^<]*)</dd>\s*</dl>\s*<table>(.*?)</table>`)
	theadRE    = regexp.MustCompile(`(?s)<thead>\s*<tr>(.*?)</tr>\s*</thead>`)
	bodyRowRE  = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
	rowRE      = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	thRE       = regexp.MustCompile(`<th[\s>]`)
	tdRE       = regexp.MustCompile(`<td[\s>]`)
	flaggedRE  = regexp.MustCompile(`<td class="[^"]*\bflag\b[^"]*"`)
	levelsDDRE = regexp.MustCompile(`<dt>Levels</dt><dd>([^<]*)</dd>`)
	// flaggedClassRE finds the class of a flagged cell in the HTML.
	flaggedClassRE = regexp.MustCompile(`class="(n[a-z ]*?) flag"`)
)

// TestLadderHTMLInBrowser loads the HTML overview in a real headless
// browser (Debian's chromium; the test skips when it is not installed):
// the page renders to a non-trivial screenshot, and the DOM the browser
// builds has one column per level in every table, every row as wide as
// the header, and a red (flagged) cell for each cell a ladder rule reports.
func TestLadderHTMLInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("chromium is not installed (apt-get install chromium)")
	}
	site := ladderSite(t)
	code, out, errOut := runCLI(t, "ladder", "--root", site, "--format", "html")
	if code != exitClean || errOut != "" {
		t.Fatalf("careerlint ladder --format html: exit %d, stderr %q", code, errOut)
	}
	page := filepath.Join(t.TempDir(), "ladder.html")
	if err := os.WriteFile(page, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(page)

	// The screenshot: a PNG of the window's size with more than a few
	// colours (text, the grey header cells, the red and yellow cells).
	shot := filepath.Join(t.TempDir(), "ladder.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1200,900", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 900 {
		t.Errorf("screenshot is %dx%d, want 1200x900", b.Dx(), b.Dy())
	}
	colours, red := screenshotColours(img)
	if colours < 20 {
		t.Errorf("screenshot has %d colours; the page did not render", colours)
	}
	// The same page with no cell flagged has far fewer red pixels (the
	// legend's sample is all that is left): the flagged cells are red.
	plain := filepath.Join(t.TempDir(), "plain.html")
	if err := os.WriteFile(plain, []byte(flaggedClassRE.ReplaceAllString(out, `class="$1"`)), 0o644); err != nil {
		t.Fatal(err)
	}
	plainShot := filepath.Join(t.TempDir(), "plain.png")
	runChromium(t, bin, "--screenshot="+plainShot, "--window-size=1200,900", "file://"+filepath.ToSlash(plain))
	pf, err := os.Open(plainShot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer pf.Close()
	plainImg, err := png.Decode(pf)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if _, plainRed := screenshotColours(plainImg); red-plainRed < 500 {
		t.Errorf("the flagged cells add %d red pixels (%d with, %d without), want them red", red-plainRed, red, plainRed)
	}

	// The DOM as the browser parsed it.
	dom := string(runChromium(t, bin, "--dump-dom", url))
	tables := tableRE.FindAllStringSubmatch(dom, -1)
	levels := levelsDDRE.FindAllStringSubmatch(dom, -1)
	if len(tables) != 2 || len(levels) != 2 {
		t.Fatalf("DOM has %d tables and %d level lists, want 2 each (one per track):\n%s", len(tables), len(levels), dom)
	}
	wantLevels := []int{1, 3} // api: senior; web: intermediate, senior, staff
	flagged := 0
	for i, tb := range tables {
		n := len(strings.Split(levels[i][1], ", "))
		if n != wantLevels[i] {
			t.Errorf("table %d: %d levels listed, want %d", i+1, n, wantLevels[i])
		}
		head := theadRE.FindStringSubmatch(tb[2])
		if head == nil {
			t.Fatalf("table %d has no header row", i+1)
		}
		if got := len(thRE.FindAllString(head[1], -1)); got != n+1 {
			t.Errorf("table %d: header row has %d cells, want %d (the section column and one per level)", i+1, got, n+1)
		}
		body := bodyRowRE.FindStringSubmatch(tb[2])
		if body == nil {
			t.Fatalf("table %d has no body", i+1)
		}
		for _, row := range rowRE.FindAllStringSubmatch(body[1], -1) {
			if got := len(tdRE.FindAllString(row[1], -1)); got != n {
				t.Errorf("table %d: a row has %d level cells, want %d: %s", i+1, got, n, row[1])
			}
		}
		flagged += len(flaggedRE.FindAllString(tb[2], -1))
	}
	// web: staff's navigation from the api track, senior's missing section.
	if flagged != 2 {
		t.Errorf("%d red cells in the DOM, want 2", flagged)
	}
}

// screenshotColours counts the distinct colours of an image and its
// pixels close to the red of flagged cells (#d93025).
func screenshotColours(img image.Image) (colours, red int) {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			seen[r<<16|g<<8|bl] = true
			if r > 190 && g < 80 && bl < 70 {
				red++
			}
		}
	}
	return len(seen), red
}
