package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The hostile-input tests build their trees in a temporary folder, since
// the inputs are huge or generated; the smaller cases are scripts in
// testdata/script/hostile_*.txtar. Each puts a good file beside the bad
// one and checks that the good file's own finding is still reported.

const (
	hostileDir = "content/handbook/careers/matrix/t/"
	// goodPage has exactly one finding, a list-marker warning on line 5.
	goodPage    = "---\ntitle: \"Good\"\n---\n\n* bullet\n"
	goodFinding = hostileDir + "good.md:5:1: warning list-marker bullet is written \"*\"; the handbook writes bullets with \"-\"\n"
)

// sparseFile makes a file of size bytes that reads as NUL bytes and takes
// no disk space.
func sparseFile(t *testing.T, p string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

// TestHostileHugeFiles lints a 200 MB page, a 200 MB include target and a
// file of NUL bytes beside a good page: the big files are reported without
// being read (the run allocates far less than their size), the NUL file is
// reported as binary, and the good page is linted. (Not parallel: it
// measures the memory the process allocates.)
func TestHostileHugeFiles(t *testing.T) {
	root := t.TempDir()
	safetyTree(t, root, map[string]string{
		hostileDir + "good.md":    goodPage,
		hostileDir + "include.md": "---\ntitle: \"Include\"\n---\n\n{{% include \"includes/huge.md\" %}}\n",
	})
	sparseFile(t, filepath.Join(root, filepath.FromSlash(hostileDir+"huge.md")), 200<<20)
	sparseFile(t, filepath.Join(root, "assets", "includes", "huge.md"), 200<<20)
	nul := "nul.md"
	if runtime.GOOS == "windows" {
		nul = "nul-bytes.md" // NUL.md names the NUL device there
	}
	sparseFile(t, filepath.Join(root, filepath.FromSlash(hostileDir+nul)), 64<<10)

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	code, stdout, stderr := runCLI(t, "--root", root, "--color", "never")
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)

	if code != exitFindings || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"assets/includes/huge.md:1:1: error file-format file is 209715200 bytes, over the 10485760-byte limit, so it was not read; split the file, or raise max-file-size in the configuration file (.careerlint.yaml or --config)\n" +
			"      note: " + hostileDir + "include.md:5:1: included here\n",
		hostileDir + "huge.md:1:1: error file-format file is 209715200 bytes, over the 10485760-byte limit, so it was not read; split the file, or raise max-file-size in the configuration file (.careerlint.yaml or --config)\n",
		hostileDir + nul + ":1:1: error file-format file contains a NUL byte and is not a text file; it was not parsed\n",
		goodFinding,
		"4 files, 3 errors, 1 warning, 0 infos\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks:\n%s\noutput:\n%s", want, stdout)
		}
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("the run allocated %d MiB: the 200 MB files were read", alloc>>20)
	}
	if elapsed > 20*time.Second {
		t.Errorf("the run took %v", elapsed)
	}
}

// TestHostileDeepNesting lints pages whose lists and blockquotes nest
// 100,000 deep beside a good page: each is reported at the marker past the
// limit, quickly, with no stack overflow.
func TestHostileDeepNesting(t *testing.T) {
	t.Parallel()
	const deep = 100_000
	root := safetyTree(t, t.TempDir(), map[string]string{
		hostileDir + "good.md":    goodPage,
		hostileDir + "quotes.md":  "---\ntitle: \"Quotes\"\n---\n\n" + strings.Repeat("> ", deep) + "deep\n",
		hostileDir + "lists.md":   "---\ntitle: \"Lists\"\n---\n\n" + strings.Repeat("- ", deep) + "deep\n",
		hostileDir + "ordered.md": "---\ntitle: \"Ordered\"\n---\n\n" + strings.Repeat("1. ", deep) + "deep\n",
	})
	start := time.Now()
	code, stdout, stderr := runCLI(t, "--root", root, "--color", "never", "--format", "json")
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the run took %v", d)
	}
	if code != exitFindings || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	r := decodeJSON(t, stdout)
	got := map[string]string{}
	for _, f := range r.Findings {
		got[f.Path] += fmt.Sprintf("%d:%d %s %s;", f.Start.Line, f.Start.Column, f.Name, f.Message)
	}
	for file, want := range map[string]string{
		"quotes.md":  "5:201 file-format line nests 100000 lists or blockquotes, over the limit of 100; the file was not parsed;",
		"lists.md":   "5:201 file-format line nests 100000 lists or blockquotes, over the limit of 100; the file was not parsed;",
		"ordered.md": "5:301 file-format line nests 100000 lists or blockquotes, over the limit of 100; the file was not parsed;",
		"good.md":    "5:1 list-marker bullet is written \"*\"; the handbook writes bullets with \"-\";",
	} {
		if got[hostileDir+file] != want {
			t.Errorf("%s: %s\nwant %s", file, got[hostileDir+file], want)
		}
	}
	if r.Summary.Files != 4 {
		t.Errorf("%d files, want 4", r.Summary.Files)
	}
}

// TestHostileLongLine lints a page whose body is one 1 MB line with a
// malformed shortcode at its end: the finding's column is right (counted
// in characters, the line holds multi-byte ones) and the run is quick.
func TestHostileLongLine(t *testing.T) {
	t.Parallel()
	line := strings.Repeat("Résumé words ", 1<<20/14)
	long := "---\ntitle: \"Long\"\n---\n\n" + line + "{{$ include \"includes/x.md\" %}}\n"
	root := safetyTree(t, t.TempDir(), map[string]string{
		hostileDir + "good.md": goodPage,
		hostileDir + "long.md": long,
	})
	offset := strings.Index(long, "{{$")
	start := time.Now()
	code, stdout, stderr := runCLI(t, "--root", root, "--format", "json")
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the run took %v", d)
	}
	if code != exitFindings || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	r := decodeJSON(t, stdout)
	col := len([]rune(line)) + 1
	found := false
	for _, f := range r.Findings {
		if f.Path == hostileDir+"long.md" && f.Name == "shortcode-syntax" {
			found = true
			if f.Start.Line != 5 || f.Start.Column != col || f.Start.Offset != offset {
				t.Errorf("finding at %d:%d (offset %d), want 5:%d (offset %d)", f.Start.Line, f.Start.Column, f.Start.Offset, col, offset)
			}
		}
	}
	if !found || !strings.Contains(stdout, `"path": "`+hostileDir+`good.md"`) {
		t.Errorf("findings of long.md or good.md missing:\n%.2000s", stdout)
	}
}

// TestHostileUnreadableFile lints a page nobody may read beside a good
// page. Root reads any file, so as root the command runs as user nobody
// (through setpriv) on a copy of the binary.
func TestHostileUnreadableFile(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("chmod 0 on Windows only sets the read-only attribute: the file stays readable")
	}
	dir := t.TempDir()
	root := safetyTree(t, filepath.Join(dir, "site"), map[string]string{
		hostileDir + "good.md":   goodPage,
		hostileDir + "locked.md": goodPage,
	})
	if err := os.Chmod(filepath.Join(root, filepath.FromSlash(hostileDir+"locked.md")), 0); err != nil {
		t.Fatal(err)
	}
	var code int
	var stdout, stderr string
	if os.Geteuid() != 0 {
		code, stdout, stderr = runCLI(t, "--root", root, "--color", "never")
	} else {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("running as root, and no setpriv to run as another user")
		}
		exe, err := os.Executable()
		if err != nil {
			t.Skip(err)
		}
		b, err := os.ReadFile(exe)
		if err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(dir, "bin", "careerlint")
		if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
		// Let nobody reach the tree: every folder from the temporary one down.
		for d := filepath.Join(root, filepath.FromSlash(hostileDir)); ; d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if d == filepath.Dir(dir) {
				break
			}
		}
		code, stdout, stderr = runProcess(t, nil, setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "--root", root, "--color", "never")
	}
	want := goodFinding + "    5 | * bullet\n      | ^\n" + hostileDir + "locked.md:1:1: error file-format cannot read file: permission denied\n2 files, 1 error, 1 warning, 0 infos\n1 fixable with --fix\n"
	if code != exitFindings || stdout != want || stderr != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
}

// TestNeverReadsOutsideRoot traces careerlint on a page whose includes and
// links point outside the root in every way (through "..", by absolute
// path, through a symlinked include, a symlinked page, a symlinked folder):
// no file outside the root is ever opened.
func TestNeverReadsOutsideRoot(t *testing.T) {
	t.Parallel()
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace not installed")
	}
	bin := selfCommand(t)
	base := t.TempDir()
	secrets := filepath.Join(base, "secrets")
	safetyTree(t, secrets, map[string]string{"secret.md": goodPage, "dir/page.md": goodPage, "_index.md": goodPage})
	root := safetyTree(t, filepath.Join(base, "site"), map[string]string{
		hostileDir + "good.md": goodPage,
		hostileDir + "senior.md": "---\ntitle: \"Senior\"\n---\n\n" +
			"{{% include \"../../secrets/secret.md\" %}}\n" +
			"{{% include \"includes/../../../secrets/secret.md\" %}}\n" +
			"{{% include \"" + filepath.Join(secrets, "secret.md") + "\" %}}\n" +
			"{{% include \"includes/leak.md\" %}}\n\n" +
			"[up](../../../../../../secrets/secret.md) [abs](" + filepath.Join(secrets, "secret.md") + ")\n" +
			"[site](/../../secrets/) [folder](/handbook/leak/page/)\n",
	})
	for link, target := range map[string]string{
		"assets/includes/leak.md":  filepath.Join(secrets, "secret.md"),
		hostileDir + "linked.md":   filepath.Join(secrets, "secret.md"),
		"content/handbook/leak":    filepath.Join(secrets, "dir"),
		hostileDir + "folder-link": filepath.Join(secrets, "dir"),
	} {
		p := filepath.Join(root, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	trace := filepath.Join(t.TempDir(), "trace")
	for _, args := range [][]string{{"--root", root}, {"links", "--root", root}, {"--fix", "--root", root}} {
		cmd := exec.Command(strace, append([]string{"-f", "-y", "-o", trace, "-e", "trace=open,openat,openat2", bin}, args...)...)
		os.Remove(trace)
		if out, err := cmd.CombinedOutput(); !fileExists(trace) {
			t.Skipf("strace does not work here: %v\n%s", err, out)
		}
		b, err := os.ReadFile(trace)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "good.md") {
			t.Fatalf("%v: the trace does not show the good page being read:\n%s", args, b)
		}
		// With -y, strace shows the file each descriptor really is, so a
		// file reached through a symlink shows up too.
		if m := regexp.MustCompile(`(?m)^.*` + regexp.QuoteMeta(secrets) + `.*$`).FindString(string(b)); m != "" {
			t.Errorf("%v opened a file outside the root:\n%s", args, m)

		}
	}
}

// TestHostileFileNameInDiff fixes a page whose name holds an escape
// sequence, a newline and a double quote with --diff: the diff's headers
// quote the name as git does, so no raw control character reaches the
// terminal and no line of the diff is forged, and git apply reads the
// name back.
func TestHostileFileNameInDiff(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the file name holds an escape, a newline and a quote, which Windows forbids in names")
	}
	name := hostileDir + "we\x1b[31mird\nna\"me.md"
	root := safetyTree(t, t.TempDir(), map[string]string{name: goodPage})
	code, stdout, stderr := runCLI(t, "--root", root, "--diff")
	quoted := `"%s/` + hostileDir + `we\033[31mird\nna\"me.md"`
	want := "--- " + fmt.Sprintf(quoted, "a") + "\n+++ " + fmt.Sprintf(quoted, "b") + "\n"
	if code != exitFindings || !strings.HasPrefix(stdout, want) || strings.ContainsAny(stdout, "\x1b") {
		t.Fatalf("exit %d, stderr %q, stdout:\n%q\nwant it to start with:\n%q", code, stderr, stdout, want)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return
	}
	patch := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(patch, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "apply", "--unsafe-paths", "--directory=.", patch)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(root))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(goodPage, "* bullet", "- bullet", 1); string(got) != want {
		t.Errorf("after git apply: %q, want %q", got, want)
	}
}

// TestHostileFileNameInNotes: the notes on standard error escape a file
// name's control characters as the report does (--fix's "fixed" note, a
// file given that is not Markdown), so that the name neither drives the
// terminal nor forges a line.
func TestHostileFileNameInNotes(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the file name holds an escape, a newline and a quote, which Windows forbids in names")
	}
	name := hostileDir + "we\x1b[31mird\nname.md"
	root := safetyTree(t, t.TempDir(), map[string]string{name: goodPage, name + ".txt": "text\n"})
	code, _, stderr := runCLI(t, "--root", root, "--fix")
	want := `careerlint: fixed ` + hostileDir + `we\x1b[31mird\nname.md` + "\n"
	if code != exitClean || !strings.Contains(stderr, want) || strings.ContainsAny(stderr, "\x1b") {
		t.Errorf("--fix: exit %d, stderr %q, want it to hold %q and no escape character", code, stderr, want)
	}
	code, _, stderr = runCLI(t, "--root", root, filepath.Join(root, filepath.FromSlash(name+".txt")))
	want = `careerlint: ` + hostileDir + `we\x1b[31mird\nname.md.txt is not a Markdown file (.md); not linted` + "\n"
	if code != exitClean || !strings.Contains(stderr, want) || strings.ContainsAny(stderr, "\x1b") {
		t.Errorf("a file that is not Markdown: exit %d, stderr %q, want it to hold %q", code, stderr, want)
	}
}
