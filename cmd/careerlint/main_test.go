package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/rogpeppe/go-internal/testscript"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

// testVersion replaces the version in end-to-end runs so that golden
// outputs do not change with every release.
const testVersion = "0.0.0-test"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"careerlint": func() {
			version = testVersion
			os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScriptsShareNoFolder: the scripts run in parallel, each in its own
// $WORK, but a script that needs a folder outside any site (no
// .careerlint.yaml above it) makes it beside $WORK, in the folder all
// the scripts' $WORK share; two scripts making one of the same name race
// (one's .careerlint.yaml changes what the other's run finds), so each
// name is one script's.
func TestScriptsShareNoFolder(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	beside := regexp.MustCompile(`\$WORK/\.\./([^/\s'"]+)`)
	owner := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range beside.FindAllStringSubmatch(string(b), -1) {
			if o, ok := owner[m[1]]; ok && o != f {
				t.Errorf("%s and %s both make $WORK/../%s; give one of them another name", o, f, m[1])
			}
			owner[m[1]] = f
		}
	}
}

// TestScripts runs the end-to-end scripts in testdata/script. Each script
// holds a small handbook tree and the outputs expected from careerlint.
// UPDATE_GOLDEN=1 rewrites the golden files of failing cmp commands in
// place; read the diff before committing it.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       os.Getenv("UPDATE_GOLDEN") == "1",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// The scripts decide about colour themselves; nothing from
			// the environment running the tests leaks in.
			env.Vars = slices.DeleteFunc(env.Vars, func(kv string) bool {
				k, _, _ := strings.Cut(kv, "=")
				return k == "NO_COLOR" || k == "TERM" || k == "GOMAXPROCS"
			})
			return nil
		},
		// [!runbugs] skip 'BUG: ...' skips a script that shows a known bug
		// unless CAREERLINT_RUN_BUGS=1; [thpmadvise] holds where the
		// system's transparent huge pages are "madvise"; [realsymlink]
		// where os.Symlink makes a link (testscript's own [symlink] only
		// asks whether os.Symlink succeeds, which wine 8.0's does without
		// making anything); [caseinsensitive] where the file system of the
		// temporary folder finds a file by its name in other case (macOS,
		// Windows).
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "runbugs":
				return runBugs, nil
			case "realsymlink":
				return symlinksWork(), nil
			case "caseinsensitive":
				return caseInsensitive(), nil
			case "thpmadvise":
				// Linux gives huge pages to a program that asks (see
				// internal/hugepages).
				b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
				return err == nil && strings.Contains(string(b), "[madvise]"), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"writebytes": cmdWriteBytes,
			"validjson":  cmdValidJSON,
			"validsarif": cmdValidSARIF,
			"perm":       cmdPerm,
		},
	})
}

// symlinksWork reports whether os.Symlink makes a link that os.Lstat
// then finds, checked once.
var symlinksWork = sync.OnceValue(func() bool {
	dir, err := os.MkdirTemp("", "careerlint-symlink")
	if err != nil {
		return false
	}
	defer os.RemoveAll(dir)
	link := filepath.Join(dir, "link")
	if os.Symlink("target", link) != nil {
		return false
	}
	_, err = os.Lstat(link)
	return err == nil
})

// caseInsensitive reports whether the file system of the temporary
// folder finds a file by its name written in upper case, checked once.
var caseInsensitive = sync.OnceValue(func() bool {
	dir, err := os.MkdirTemp("", "careerlint-case")
	if err != nil {
		return false
	}
	defer os.RemoveAll(dir)
	if os.WriteFile(filepath.Join(dir, "a"), nil, 0o644) != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(dir, "A"))
	return err == nil
})

// cmdWriteBytes implements `writebytes FILE GO-STRING`: it writes the
// bytes of a Go-quoted string (escapes such as \x00, \r\n and \ufeff
// resolved) to FILE, creating its folder. txtar archives cannot hold NUL
// bytes, invalid UTF-8 or CR line endings reliably, so scripts make such
// files with it.
func cmdWriteBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! writebytes")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: writebytes FILE GO-QUOTED-STRING")
	}
	b, err := strconv.Unquote(`"` + args[1] + `"`)
	if err != nil {
		ts.Fatalf("writebytes: cannot unquote %q: %v", args[1], err)
	}
	file := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(file), 0o755))
	ts.Check(os.WriteFile(file, []byte(b), 0o644))
}

// cmdValidJSON implements `validjson FILE`: FILE (or "stdout") must be a
// JSON report valid against schema/output.schema.json.
func cmdValidJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: validjson FILE")
	}
	err := schematest.ValidateJSON(schema.Output, []byte(ts.ReadFile(args[0])))
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s does not match schema/output.schema.json: %v", args[0], err)
	case err == nil && neg:
		ts.Fatalf("%s matches schema/output.schema.json", args[0])
	}
}

// runBugs makes the scripts that show known bugs run instead of
// skipping: CAREERLINT_RUN_BUGS=1 go test ./cmd/careerlint shows which of
// them a change has fixed (delete the skip of a fixed one).
var runBugs = os.Getenv("CAREERLINT_RUN_BUGS") == "1"

// runCLI runs the command in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// exampleRoot is careerlint's example handbook, relative to this package.
var exampleRoot = filepath.Join("..", "..", "testdata", "handbook")

// jsonOutput is the part of the JSON report the tests read.
type jsonOutput struct {
	Tool struct {
		Name, Version string
	}
	Findings []struct {
		Path, Rule, Name, Severity, Message string
		Start, End                          struct{ Line, Column, Offset int }
		Fixes                               []struct {
			Title string
			Edits []struct {
				Start, End struct{ Line, Column, Offset int }
				Text       string
			}
		}
	}
	Summary struct{ Files, Errors, Warnings, Infos int }
}

func decodeJSON(t *testing.T, out string) jsonOutput {
	t.Helper()
	var r jsonOutput
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return r
}

// TestExampleHandbook checks that the example handbook produces exactly its
// deliberate findings (listed in testdata/handbook/README.md): the good
// tracks are clean, the mistakes track has one finding per mistake.
func TestExampleHandbook(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCLI(t, "--root", exampleRoot, "--format", "json")
	if code != exitFindings {
		t.Errorf("exit code = %d, want %d (stderr: %s)", code, exitFindings, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want nothing", stderr)
	}
	if err := schematest.ValidateJSON(schema.Output, []byte(stdout)); err != nil {
		t.Errorf("JSON output does not match schema/output.schema.json: %v", err)
	}
	r := decodeJSON(t, stdout)
	const senior = "content/handbook/engineering/careers/matrix/mistakes/senior.md"
	want := []string{
		senior + ":2 CL001 front-matter",      // tittle: the page has no title
		senior + ":31 CL013 link-anchor",      // #resutls: did you mean #results
		senior + ":31 CL022 link-syntax",      // [our values] (/handbook/values/)
		senior + ":35 CL002 shortcode-syntax", // {{$ include ... %}}
		senior + ":43 CL002 shortcode-syntax", // {{% include ... >}}
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s %s", f.Path, f.Start.Line, f.Rule, f.Name))
		want := "error"
		if f.Name == "link-syntax" {
			want = "warning"
		}
		if f.Severity != want {
			t.Errorf("%s:%d: %s severity %s, want %s", f.Path, f.Start.Line, f.Name, f.Severity, want)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Summary.Files != 12 || r.Summary.Errors != 4 || r.Summary.Warnings != 1 || r.Summary.Infos != 0 {
		t.Errorf("summary = %+v, want 12 files, 4 errors, 1 warning", r.Summary)
	}
	if r.Tool.Name != "careerlint" || r.Tool.Version != version {
		t.Errorf("tool = %+v, want careerlint %s", r.Tool, version)
	}
}

// TestExampleHandbookGoodTracks checks that the two good tracks, in both
// templates, have no finding at all, at any severity.
func TestExampleHandbookGoodTracks(t *testing.T) {
	t.Parallel()
	matrix := filepath.Join(exampleRoot, "content", "handbook", "engineering", "careers", "matrix")
	code, stdout, stderr := runCLI(t, "--root", exampleRoot, "--fail-level", "info",
		filepath.Join(matrix, "platform"), filepath.Join(matrix, "web"))
	if code != exitClean || stdout != "10 files, no findings\n" || stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 0 and \"10 files, no findings\"", code, stdout, stderr)
	}
}

// TestExampleHandbookFix checks the fix offered for the misspelt front
// matter key of the example handbook: it must rename the key and keep the
// value.
func TestExampleHandbookFix(t *testing.T) {
	t.Parallel()
	_, stdout, _ := runCLI(t, "--root", exampleRoot, "--format", "json")
	r := decodeJSON(t, stdout)
	found := false
	for _, f := range r.Findings {
		if !strings.Contains(f.Message, `"tittle"`) {
			continue
		}
		found = true
		if f.Start.Line != 2 || f.Start.Column != 1 || f.End.Line != 2 || f.End.Column != 7 {
			t.Errorf("finding spans %d:%d-%d:%d, want the key, 2:1-2:7", f.Start.Line, f.Start.Column, f.End.Line, f.End.Column)
		}
		if len(f.Fixes) != 1 || len(f.Fixes[0].Edits) != 1 {
			t.Fatalf("fixes = %+v, want one fix with one edit", f.Fixes)
		}
		e := f.Fixes[0].Edits[0]
		if e.Start.Offset != 4 || e.End.Offset != 10 || e.Text != "title" {
			t.Errorf("edit replaces bytes %d-%d with %q, want 4-10 (tittle) with \"title\"", e.Start.Offset, e.End.Offset, e.Text)
		}
	}
	if !found {
		t.Error("no finding for the misspelt key tittle")
	}
}

// TestVersion checks the version subcommand against the real version.
func TestVersion(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCLI(t, "version")
	if code != exitClean || stdout != "careerlint "+version+"\n" || stderr != "" {
		t.Errorf("version: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestInstalledVersion checks the version a binary reports: the one
// -ldflags set, else the module version go install recorded (the CI
// component's `go install ...@v0.2.0`), else the built-in one.
func TestInstalledVersion(t *testing.T) {
	t.Parallel()
	installed := func(v string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "gitlab.com/careerlint/careerlint", Version: v}}
	}
	for _, c := range []struct {
		set  string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{devVersion, installed("v0.2.0"), true, "0.2.0"},
		{devVersion, installed("v0.2.1-0.20261129120000-3d7a520c0ffe"), true, "0.2.1-0.20261129120000-3d7a520c0ffe"},
		{devVersion, installed("(devel)"), true, devVersion},
		{devVersion, installed(""), true, devVersion},
		{devVersion, nil, false, devVersion},
		{"1.2.3", installed("v0.2.0"), true, "1.2.3"},
	} {
		if got := installedVersion(c.set, c.info, c.ok); got != c.want {
			t.Errorf("installedVersion(%q, %v, %v) = %q, want %q", c.set, c.info, c.ok, got, c.want)
		}
	}
}

// TestBinaryFileSourceLine checks that a binary file is reported without
// writing its bytes to the terminal.
func TestBinaryFileSourceLine(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "content", "handbook", "careers", "matrix", "t")
	for _, d := range []string{dir, filepath.Join(root, "assets")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := []byte("PK\x03\x04\x00\x1b[2J\x1b]0;owned\x07 rest\nsecond line\n")
	if err := os.WriteFile(filepath.Join(dir, "image.md"), bin, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte("---\ntitle: \"OK\"\n---\n\n## OK\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "--root", root, "--color", "never")
	if code != exitFindings || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 1 and nothing", code, stderr)
	}
	first := strings.SplitN(stdout, "\n", 2)[0]
	wantFirst := "content/handbook/careers/matrix/t/image.md:1:5: error file-format file contains a NUL byte and is not a text file; it was not parsed"
	if first != wantFirst {
		t.Errorf("first line:\n%s\nwant:\n%s", first, wantFirst)
	}
	if !strings.HasSuffix(stdout, "2 files, 1 error, 0 warnings, 0 infos\n") {
		t.Errorf("summary missing or wrong:\n%s", stdout)
	}
	t.Run("no raw bytes", func(t *testing.T) {
		for i, c := range []byte(stdout) {
			if c < 0x20 && c != '\n' {
				t.Fatalf("stdout byte %d is control character %#x:\n%q", i, c, stdout)
			}
		}
	})
}

// openTerminal returns a file that is a terminal (the master side of a
// new pseudo-terminal), or skips the test where there is none.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	if !isatty.IsTerminal(f.Fd()) {
		t.Skip("/dev/ptmx is not a terminal here")
	}
	return f
}

// TestColorAuto checks --color=auto on a terminal, where it depends on
// NO_COLOR and TERM (scripts cannot give the command a terminal as stdout).
func TestColorAuto(t *testing.T) {
	tty := openTerminal(t)
	for _, tc := range []struct {
		name string
		env  map[string]string // "" value with a "-" prefix key unsets
		want bool
	}{
		{"plain terminal", map[string]string{}, true},
		{"NO_COLOR set", map[string]string{"NO_COLOR": "1"}, false},
		{"TERM dumb", map[string]string{"TERM": "dumb"}, false},
		{"NO_COLOR empty", map[string]string{"NO_COLOR": ""}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TERM", "xterm-256color")
			t.Setenv("NO_COLOR", "")
			os.Unsetenv("NO_COLOR")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, err := colorMode("auto", tty)
			if err != nil || got != tc.want {
				t.Errorf("colorMode(auto, terminal) = %v, %v; want %v", got, err, tc.want)
			}
			// An explicit mode wins over the environment.
			if on, _ := colorMode("always", tty); !on {
				t.Error("--color always is off")
			}
			if on, _ := colorMode("never", tty); on {
				t.Error("--color never is on")
			}
		})
	}
}

// TestExampleHandbookLinks checks the example handbook itself, ahead of the
// link rules: every link in a page or in a file it includes is
// site-relative and resolves to a page of the tree (as Hugo resolves
// /handbook/X/), and every fragment is a heading ID of the target page,
// includes expanded, as Hugo computes it.
func TestExampleHandbookLinks(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs(exampleRoot)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	site := res.Site
	anchors := func(p *lint.Page) map[string]bool {
		m := map[string]bool{}
		for _, a := range site.Anchors(p) {
			m[a.ID] = true
		}
		return m
	}
	resolve := func(url string) *lint.Page {
		rel := strings.Trim(strings.TrimPrefix(url, "/"), "/")
		for _, c := range []string{"content/" + rel + "/_index.md", "content/" + rel + ".md", "content/" + rel + "/index.md"} {
			if p, err := site.Load(c); err == nil && p != nil && p.Parsed() {
				return p
			}
		}
		return nil
	}
	links := 0
	for _, page := range site.Pages {
		if strings.Contains(page.Path, "/mistakes/") {
			continue // its broken anchor is deliberate (TestExampleHandbook)
		}
		files := []*lint.Page{page}
		for _, inc := range page.Includes {
			it := site.ResolveInclude(inc.Target)
			if it.Err != nil {
				t.Errorf("%s: include %q: %v", page.Path, inc.Target, it.Err)
				continue
			}
			files = append(files, it.Page)
		}
		for _, f := range files {
			for _, l := range f.Links {
				links++
				dest, frag, _ := strings.Cut(l.Dest, "#")
				target := page
				switch {
				case dest == "":
				case strings.HasPrefix(dest, "/handbook/") && strings.HasSuffix(dest, "/"):
					if target = resolve(dest); target == nil {
						t.Errorf("%s (in %s): link %q resolves to no page", f.Path, page.Path, l.Dest)
						continue
					}
				default:
					t.Errorf("%s (in %s): link %q is not a site-relative handbook link ending in /", f.Path, page.Path, l.Dest)
					continue
				}
				if frag != "" && !anchors(target)[frag] {
					t.Errorf("%s (in %s): link %q: %s has no heading with ID %q", f.Path, page.Path, l.Dest, target.Path, frag)
				}
			}
		}
	}
	if links < 50 {
		t.Errorf("only %d links checked; the example handbook has more", links)
	}
}

// TestIncludedFileThematicBreak checks that an included file is read as
// the Markdown Hugo renders: a "---" line at its top is a thematic break
// (the nav includes of the handbook start with one), not front matter, so
// the links below it are links of the page.
func TestIncludedFileThematicBreak(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs(exampleRoot)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]int{
		"assets/includes/engineering-careers/platform-career-nav.md": 5,
		"assets/includes/engineering-careers/web-career-nav.md":      3,
	} {
		p, err := res.Site.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		if p.FrontMatter != nil {
			t.Errorf("%s: front matter %+v, want none", file, p.FrontMatter)
		}
		if len(p.Links) != want {
			t.Errorf("%s: %d links, want %d", file, len(p.Links), want)
		}
	}
}

// cmdPerm prints a file's permission bits in octal: `perm FILE`.
func cmdPerm(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: perm FILE")
	}
	fi, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%o\n", fi.Mode().Perm())
}

// TestWatchGC checks that the garbage collection watch of a run over some
// pages lifts the memory limit once, when a collection finds more than
// half of it alive, and never for a run that stays small.
func TestWatchGC(t *testing.T) {
	var mu sync.Mutex
	live, lifted := uint64(10), 0
	read := func() uint64 { mu.Lock(); defer mu.Unlock(); return live }
	unlimit := func() { mu.Lock(); defer mu.Unlock(); lifted++ }
	stop := watchGC(100, time.Millisecond, read, unlimit)
	time.Sleep(20 * time.Millisecond)
	mu.Lock()
	if lifted != 0 {
		t.Errorf("lifted with %d of 100 alive", live)
	}
	live = 51
	mu.Unlock()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		mu.Lock()
		n := lifted
		mu.Unlock()
		if n > 0 {
			break
		}
	}
	time.Sleep(20 * time.Millisecond)
	stop()
	if lifted != 1 {
		t.Errorf("lifted %d times with 51 of 100 alive, want once", lifted)
	}
	// A watch stopped before it lifts anything.
	stop = watchGC(100, time.Millisecond, func() uint64 { return 0 }, unlimit)
	stop()
	if lifted != 1 {
		t.Errorf("a stopped watch lifted the limit")
	}
}

// TestQuoteDiffName checks the names of a diff's header lines: plain
// when git would write them plainly, else C-quoted with octal escapes, as
// git apply and patch read them; a bidi control, which would reorder the
// name as shown, is escaped, as git's default core.quotePath does.
func TestQuoteDiffName(t *testing.T) {
	for in, want := range map[string]string{
		"content/a/senior.md":      "content/a/senior.md",
		"content/é/senior.md":      "content/é/senior.md",
		"content/say \"hi\".md":    `"content/say \"hi\".md"`,
		"content/tab\there.md":     `"content/tab\there.md"`,
		"content/\u202egnp.md":     `"content/\342\200\256gnp.md"`,
		"content/\u2066x\u2069.md": `"content/\342\201\246x\342\201\251.md"`,
	} {
		if got := quoteDiffName(in); got != want {
			t.Errorf("quoteDiffName(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestLeftNoteDiffPastThree: past three files, the note on the findings
// --diff left out points at the report of a run without --diff, as --diff
// prints none (before, it pointed at "the files the report names").
func TestLeftNoteDiffPastThree(t *testing.T) {
	left := map[string]int{"assets/includes/a.md": 1, "assets/includes/b.md": 1, "assets/includes/c.md": 1, "assets/includes/d.md": 1}
	for _, tc := range []struct {
		diff bool
		want string
	}{
		{true, "; fix them with careerlint --fix and the files a run without --diff reports\n"},
		{false, "; fix them with careerlint --fix and the files the report names\n"},
	} {
		var b strings.Builder
		leftNote(&b, t.TempDir(), left, leftNotBrought, tc.diff, false)
		if !strings.HasSuffix(b.String(), tc.want) {
			t.Errorf("diff %v: note %q, want it to end %q", tc.diff, b.String(), tc.want)
		}
	}
}

// TestSubcommandSynopsis checks that the command line the usage errors
// show for each subcommand is the first line of its --help.
func TestSubcommandSynopsis(t *testing.T) {
	for name := range subcommands {
		if name == "help" {
			continue
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{name, "--help"}, strings.NewReader(""), &stdout, &stderr); code != exitClean {
			t.Fatalf("careerlint %s --help: exit %d, stderr %s", name, code, stderr.String())
		}
		first, _, _ := strings.Cut(stdout.String()+stderr.String(), "\n")
		if want := "usage: " + subcommandSynopsis[name]; first != want {
			t.Errorf("careerlint %s --help starts %q; subcommandSynopsis says %q", name, first, want)
		}
	}
}

// TestHelpFitsTerminal checks that every line of each command's --help
// fits 80 columns (a tab counted to its stop) and that each flag with a
// value names it in capitals (FILE, DIR, LEVEL), not as its Go type.
func TestHelpFitsTerminal(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"links", "--help"}, {"ladder", "--help"}, {"lsp", "--help"}, {"init", "--help"}, {"rules", "--help"}, {"explain", "--help"}, {"version", "--help"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitClean {
			t.Fatalf("careerlint %s: exit %d, stderr %s", strings.Join(args, " "), code, stderr.String())
		}
		for i, line := range strings.Split(stdout.String()+stderr.String(), "\n") {
			col := 0
			for _, r := range line {
				if r == '\t' {
					col = col/8*8 + 8
				} else {
					col++
				}
			}
			if col > 80 {
				t.Errorf("careerlint %s: line %d is %d columns: %q", strings.Join(args, " "), i+1, col, line)
			}
			if f, ok := strings.CutPrefix(line, "  --"); ok && len(strings.Fields(f)) > 1 && strings.Fields(f)[1] != strings.ToUpper(strings.Fields(f)[1]) {
				t.Errorf("careerlint %s: flag line %q names its value in lower case", strings.Join(args, " "), line)
			}
		}
	}
}

// TestWrapWords: wrapWords breaks at spaces within the width, keeps line
// breaks, and gives a word longer than the width a line of its own.
func TestWrapWords(t *testing.T) {
	for _, c := range []struct {
		text  string
		width int
		want  []string
	}{
		{"a bb ccc dddd", 6, []string{"a bb", "ccc", "dddd"}},
		{"a bb\nccc", 20, []string{"a bb", "ccc"}},
		{"averylongword b", 5, []string{"averylongword", "b"}},
		{"", 5, []string{""}},
	} {
		if got := wrapWords(c.text, c.width); !slices.Equal(got, c.want) {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
		}
	}
}

// TestOnlyNewCountsPastCap: with --only-new, the note on the findings the
// pages had before the change counts those past a file's cap of
// lint.MaxFindingsPerFile that the finding standing for them stands for,
// as the summary of a run without --only-new counts them.
func TestOnlyNewCountsPastCap(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "handbook", "careers", "matrix", "web", "senior.md")
	var b strings.Builder
	b.WriteString("---\ntitle: \"Senior\"\ndescription: \"d\"\n---\n\n## Senior\n\n")
	for i := range lint.MaxFindingsPerFile + 50 {
		fmt.Fprintf(&b, "%d. item\n", i+2) // each numbered other than "1."
	}
	for _, p := range []string{filepath.Dir(page), filepath.Join(dir, "assets", "includes")} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(page, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main", "."}, {"add", "-A"}, {"commit", "-q", "-m", "base"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	_, out, _ := runCLI(t, "--root", dir, "--format", "json")
	s := decodeJSON(t, out).Summary
	total := s.Errors + s.Warnings + s.Infos
	if total < lint.MaxFindingsPerFile+50 {
		t.Fatalf("the page has %d findings, want at least %d", total, lint.MaxFindingsPerFile+50)
	}
	// A change that brings no finding: every finding is old.
	f, err := os.OpenFile(page, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\nA last paragraph.\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errOut := runCLI(t, "--root", dir, "--changed-since", "main", "--only-new", "--color", "never")
	if code != 0 || out != "1 file, no findings\n" {
		t.Errorf("exit %d, stdout %q; want 0 and no findings", code, out)
	}
	if want := fmt.Sprintf("careerlint: %d findings the pages had before this change are not shown (--only-new)\n", total); errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}
