package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"gitlab.com/careerlint/careerlint/lint"
)

// safetyTree writes files (slash paths relative to root) and returns root.
func safetyTree(t *testing.T, root string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// selfCommand returns a path that runs this test binary as the careerlint
// command (TestMain hands a binary named careerlint to run): a real
// process, for the tests that signal it, trace it or cut its network.
func selfCommand(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("no test executable: %v", err)
	}
	if runtime.GOOS == "windows" {
		// A program needs its .exe there, and a symlink a privilege; a
		// hard link to the running binary could not be removed after the
		// test. A copy named careerlint.exe runs as "careerlint".
		b, err := os.ReadFile(exe)
		if err != nil {
			t.Skipf("cannot read the test executable: %v", err)
		}
		link := filepath.Join(t.TempDir(), "careerlint.exe")
		if err := os.WriteFile(link, b, 0o755); err != nil {
			t.Fatal(err)
		}
		return link
	}
	link := filepath.Join(t.TempDir(), "careerlint")
	if err := os.Symlink(exe, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	return link
}

// runProcess runs the command in a real process with the environment
// given on top of the test's own.
func runProcess(t *testing.T, env []string, name string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), o.String(), e.String()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return 0, o.String(), e.String()
}

// fixablePage is a career page with several fixable findings.
func fixablePage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntittle: \"Page %d\"\n---\n\n## Senior\n\n", i)
	for j := range 60 {
		fmt.Fprintf(&b, "%d. item %d of page %d   \n* bullet\n", j+1, j, i)
	}
	return b.String()
}

// TestFixInterrupted sends SIGINT to `careerlint --fix` at random moments
// while it writes hundreds of files, again and again: every file is
// afterwards exactly its old or its new text, and no temporary file is
// left behind.
func TestFixInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	if runtime.GOOS == "windows" {
		t.Skip("os.Process.Signal cannot send an interrupt on Windows (Ctrl+C reaches a console's processes only)")
	}
	bin := selfCommand(t)
	const n = 100
	old := map[string]string{}
	for i := range n {
		old[fmt.Sprintf("content/handbook/careers/matrix/t/p%03d.md", i)] = fixablePage(i)
	}
	// The fixed text, from an uninterrupted run.
	ref := safetyTree(t, t.TempDir(), old)
	if code, _, stderr := runProcess(t, nil, bin, "--fix", "--root", ref, "--color", "never"); code == exitUsage {
		t.Fatalf("--fix failed: %s", stderr)
	}
	fixed := map[string]string{}
	for name := range old {
		b, err := os.ReadFile(filepath.Join(ref, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) == old[name] {
			t.Fatalf("%s: --fix changed nothing", name)
		}
		fixed[name] = string(b)
	}

	root := t.TempDir()
	const rounds = 10
	midway := 0
	for round := range rounds {
		safetyTree(t, root, old)
		cmd := exec.Command(bin, "--fix", "--root", root, "--color", "never")
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout = io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until writing has begun, then interrupt a little later.
		sc := bufio.NewScanner(stderr)
		var lines []string
		for sc.Scan() {
			lines = append(lines, sc.Text())
			if strings.HasPrefix(sc.Text(), "careerlint: fixed ") {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(2000)) * time.Microsecond * time.Duration(round+1))
		cmd.Process.Signal(os.Interrupt)
		rest, _ := io.ReadAll(stderr)
		lines = append(lines, strings.Split(string(rest), "\n")...)
		cmd.Wait()

		nOld, nNew := 0, 0
		err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			switch string(b) {
			case old[rel]:
				nOld++
			case fixed[rel]:
				nNew++
			default:
				if _, ours := old[rel]; ours {
					t.Errorf("round %d: %s is neither the old nor the fixed text (%d bytes)", round, rel, len(b))
				} else {
					t.Errorf("round %d: %s left behind", round, rel)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if nOld+nNew != n {
			t.Errorf("round %d: %d old and %d new files, want %d in all", round, nOld, nNew, n)
		}
		if nOld > 0 && nNew > 0 {
			midway++
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "interrupted (interrupt)") }) {
				t.Errorf("round %d: stopped midway without saying so:\n%s", round, strings.Join(lines, "\n"))
			}
		}
		if t.Failed() {
			break
		}
	}
	if midway == 0 {
		t.Error("no round was interrupted while writing; the test proves nothing here")
	}
	t.Logf("%d of %d rounds interrupted midway", midway, rounds)
}

// TestFixSyscalls traces `careerlint --fix` and checks how it writes: a
// temporary file created exclusively in the page's own folder, given the
// old mode, synced, then renamed over the page.
func TestFixSyscalls(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace not installed")
	}
	bin := selfCommand(t)
	root := safetyTree(t, t.TempDir(), map[string]string{"content/handbook/careers/matrix/t/p.md": fixablePage(1)})
	page := filepath.Join(root, "content", "handbook", "careers", "matrix", "t", "p.md")
	if err := os.Chmod(page, 0o640); err != nil {
		t.Fatal(err)
	}
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(strace, "-f", "-o", trace, "-e", "trace=openat,fchmod,fsync,fdatasync,rename,renameat,renameat2", bin, "--fix", "--root", root)
	if out, err := cmd.CombinedOutput(); err != nil && !strings.Contains(string(out), "careerlint: fixed") {
		t.Skipf("strace does not work here: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	b := joinUnfinished(string(raw))
	dir := regexp.QuoteMeta(filepath.Dir(page))
	open := regexp.MustCompile(`openat\(AT_FDCWD, "(` + dir + `/\.p\.md\.careerlint-[^"/]+)", [^)]*O_CREAT\|O_EXCL[^)]*\)\s*= (\d+)`)
	m := open.FindStringSubmatch(b)
	if m == nil {
		t.Fatalf("no exclusive creation of a temporary file beside the page:\n%s", b)
	}
	tmp, fd := m[1], m[2]
	steps := []string{
		`fchmod\(` + fd + `, 0640\)\s*= 0`,
		`fsync\(` + fd + `\)\s*= 0`,
		`rename(at2?)?\((AT_FDCWD, )?"` + regexp.QuoteMeta(tmp) + `", (AT_FDCWD, )?"` + regexp.QuoteMeta(page) + `"(, 0)?\)\s*= 0`,
	}
	rest := b[strings.Index(b, m[0])+len(m[0]):]
	for _, s := range steps {
		loc := regexp.MustCompile(s).FindStringIndex(rest)
		if loc == nil {
			t.Fatalf("after creating %s, no %s in order:\n%s", tmp, s, b)
		}
		rest = rest[loc[1]:]
	}
}

// TestFixRefusesChangedFile checks the report of --fix for a file edited
// on disk after careerlint read it: it names the file, leaves the edit in
// place, and still writes the other files.
func TestFixRefusesChangedFile(t *testing.T) {
	root := safetyTree(t, t.TempDir(), map[string]string{"a.md": "edited meanwhile\n", "b.md": "old b\n"})
	var stderr bytes.Buffer
	err := writeFixes(&stderr, root, map[string]lint.FixedFile{
		"a.md": {Old: []byte("old a\n"), New: []byte("new a\n")},
		"b.md": {Old: []byte("old b\n"), New: []byte("new b\n")},
	}, nil)
	if err == nil || err.Error() != "1 file could not be written; the messages above say why" {
		t.Errorf("err = %v", err)
	}
	want := "careerlint: not fixed: a.md: the file changed on disk since careerlint read it; not overwritten\ncareerlint: fixed b.md\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	for name, text := range map[string]string{"a.md": "edited meanwhile\n", "b.md": "new b\n"} {
		if b, _ := os.ReadFile(filepath.Join(root, name)); string(b) != text {
			t.Errorf("%s = %q, want %q", name, b, text)
		}
	}
}

// TestFixSymlinkOutsideRoot runs --fix on a tree whose page is a symlink
// to a file outside the root: the page is reported as not read, and the
// file outside is neither read for fixes nor written.
func TestFixSymlinkOutsideRoot(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside.md")
	if err := os.WriteFile(outside, []byte(fixablePage(0)), 0o644); err != nil {
		t.Fatal(err)
	}
	root := safetyTree(t, filepath.Join(base, "site"), map[string]string{"content/handbook/careers/matrix/t/good.md": fixablePage(1)})
	leak := filepath.Join(root, "content", "handbook", "careers", "matrix", "t", "leak.md")
	if err := os.Symlink(outside, leak); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if _, err := os.Lstat(leak); err != nil {
		// Wine 8.0's CreateSymbolicLinkW reports success and makes nothing.
		t.Skipf("symlinks unavailable: os.Symlink succeeded but made no link (%v)", err)
	}
	code, stdout, stderr := runCLI(t, "--fix", "--root", root, "--color", "never")
	if code != exitFindings {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if want := "careerlint: fixed content/handbook/careers/matrix/t/good.md\n"; stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if !strings.Contains(stdout, "content/handbook/careers/matrix/t/leak.md:1:1: error file-format page is a symlink to a file outside the site root, for which Hugo publishes no page (it skips symlinks in the content folder since Hugo 0.123), so it was not read; replace the symlink with a copy of the file\n") {
		t.Errorf("no finding for the symlink:\n%s", stdout)
	}
	if b, _ := os.ReadFile(outside); string(b) != fixablePage(0) {
		t.Error("the file outside the root was changed")
	}
}

// TestNoNetwork runs careerlint and `careerlint links` on a tree full of
// external links in a network namespace without network (unshare -rn),
// and with proxies pointing at a closed port: the output is the same as a
// normal run, byte for byte.
func TestNoNetwork(t *testing.T) {
	bin := selfCommand(t)
	root := safetyTree(t, t.TempDir(), map[string]string{
		"content/handbook/careers/matrix/t/senior.md": "---\ntitle: \"Senior\"\n---\n\n## Senior\n\n" +
			"- [Values](https://handbook.gitlab.com/handbook/values/#credit)\n" +
			"- [Old](https://about.gitlab.com/handbook/engineering/)\n" +
			"- [Example](https://example.com/page#part) <https://gitlab.com/>\n" +
			"- [Local](/handbook/engineering/careers/matrix/t/missing/)\n" +
			"* ![image](https://example.org/image.png)\n\n{{% include \"includes/nav.md\" %}}\n",
		"content/handbook/values/_index.md": "---\ntitle: Values\n---\n\n## Credit\n\n[Remote](http://192.0.2.1:9/x)\n",
		"assets/includes/nav.md":            "- [Docs](https://docs.gitlab.com/ee/)\n",
	})
	runs := [][]string{
		{"--root", root, "--color", "never"},
		{"--root", root, "--format", "json"},
		{"links", "--root", root, "--color", "never"},
	}
	noProxy := []string{"HTTP_PROXY=http://127.0.0.1:9", "HTTPS_PROXY=http://127.0.0.1:9", "ALL_PROXY=socks5://127.0.0.1:9",
		"http_proxy=http://127.0.0.1:9", "https_proxy=http://127.0.0.1:9", "NO_PROXY=", "GOPROXY=off", "GOFLAGS=-mod=mod"}
	unshare, uerr := exec.LookPath("unshare")
	if uerr == nil {
		if err := exec.Command(unshare, "-rn", "true").Run(); err != nil {
			uerr = err
		}
	}
	if uerr != nil {
		t.Logf("no network namespace (%v): only the failing proxies are tried", uerr)
	}
	for _, args := range runs {
		code, stdout, stderr := runProcess(t, nil, bin, args...)
		if code == exitUsage || stdout == "" {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		check := func(how string, c int, o, e string) {
			if c != code || o != stdout || e != stderr {
				t.Errorf("%v %s: exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", args, how, c, code, o, stdout, e, stderr)
			}
		}
		c, o, e := runProcess(t, noProxy, bin, args...)
		check("with failing proxies", c, o, e)
		if uerr == nil {
			c, o, e := runProcess(t, noProxy, unshare, append([]string{"-rn", bin}, args...)...)
			check("without network", c, o, e)
		}
	}
}

// TestNoNetworkPackages checks that the binary does not even contain a
// network client: no package that opens connections is linked in.
func TestNoNetworkPackages(t *testing.T) {
	deps := linkedPackages(t)
	for _, banned := range []string{"net", "net/http", "crypto/tls", "net/rpc", "net/smtp"} {
		if slices.Contains(deps, banned) {
			t.Errorf("careerlint links %s, a package that can open network connections", banned)
		}
	}
}

// determinismTree writes a handbook with hundreds of findings of every
// kind: several tracks, includes shared between pages, bad front matter,
// list styles, whitespace, shortcodes, links, encodings.
func determinismTree(t *testing.T) string {
	files := map[string]string{
		"assets/includes/shared.md": "## Shared heading\n\n* shared bullet\n2. shared number\n{{$ include \"includes/leaf.md\" %}}\n",
		"assets/includes/leaf.md":   "- leaf   \n[broken](/handbook/nowhere/#x)\n",
	}
	levels := []string{"intern", "associate", "intermediate", "senior", "staff", "principal"}
	for tr := range 5 {
		for li, level := range levels {
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: \"%s track %d\"\ntittle: x\n---\n\n{{%% include \"includes/shared.md\" %%}}\n\n## %s\n\n", level, tr, strings.ToUpper(level[:1])+level[1:])
			for j := range 6 + tr {
				fmt.Fprintf(&b, "%d. item %d  \n* bullet [link](https://handbook.gitlab.com/handbook/values/#x%d)\n+ plus [anchor](#missing-%d)\n", j+1, j, j, j)
			}
			fmt.Fprintf(&b, "\n{{%% include \"includes/missing-%d.md\" >}}\n<!-- careerlint-disable-next-line front-matter -- nothing -->\n", li)
			files[fmt.Sprintf("content/handbook/engineering/careers/matrix/track-%d/%s.md", tr, level)] = b.String()
		}
	}
	root := safetyTree(t, t.TempDir(), files)
	crlf := filepath.Join(root, "content", "handbook", "engineering", "careers", "matrix", "track-0", "staff.md")
	if b, err := os.ReadFile(crlf); err == nil {
		os.WriteFile(crlf, append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...), 0o644)
	}
	return root
}

// TestDeterminismManyFindings lints a tree with hundreds of findings in
// every output format, with GOMAXPROCS 1, 2 and 8 and twice each: the
// output is byte-identical every time. (Not parallel: it sets GOMAXPROCS
// for the whole process.)
func TestDeterminismManyFindings(t *testing.T) {
	root := determinismTree(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var argSets [][]string
	for _, f := range lint.FormatNames() {
		argSets = append(argSets, []string{"--root", root, "--format", f, "--color", "never"})
	}
	argSets = append(argSets, []string{"links", "--root", root, "--color", "never"}, []string{"--diff", "--root", root})
	first := map[int]string{}
	for _, procs := range []int{1, 2, 8, 1} {
		runtime.GOMAXPROCS(procs)
		for i, args := range argSets {
			code, stdout, stderr := runCLI(t, args...)
			got := fmt.Sprintf("exit %d\n%s\n--stderr--\n%s", code, stdout, stderr)
			want, ok := first[i]
			if !ok {
				first[i] = got
				if code == exitUsage {
					t.Fatalf("%v: %s", args, got)
				}
				continue
			}
			if got != want {
				t.Errorf("%v with GOMAXPROCS=%d differs from the first run", args, procs)
			}
		}
	}
	if n := strings.Count(first[slices.Index(lint.FormatNames(), "json")], `"rule": "CL`); n < 500 {
		t.Errorf("only %d findings; the tree should have many", n)
	}
}

// TestTimeBudgetEndToEnd runs with a time budget that is spent before the
// first file is read: every file is reported as not checked, as an error
// (exit 1), in every format; with a generous budget the run is as usual.
func TestTimeBudgetEndToEnd(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows' clock moves in steps of up to 15.6 ms: a 1ns budget may not run out before the first file is read")
	}
	root := safetyTree(t, t.TempDir(), map[string]string{
		hostileDir + "good.md":  goodPage,
		hostileDir + "other.md": goodPage,
		".careerlint.yaml":      "time-budget: 1ns\n",
	})
	code, stdout, stderr := runCLI(t, "--root", root, "--color", "never")
	msg := ": error file-format not checked: the time budget of 1ns (time-budget) ran out before this file was read; raise time-budget or lint fewer files\n"
	want := hostileDir + "good.md:1:1" + msg + hostileDir + "other.md:1:1" + msg + "2 files, 2 errors, 0 warnings, 0 infos\n"
	if code != exitFindings || stdout != want || stderr != "" {
		t.Errorf("exit %d\n%s%s\nwant exit 1 and\n%s", code, stdout, stderr, want)
	}
	if err := os.WriteFile(filepath.Join(root, ".careerlint.yaml"), []byte("time-budget: 1h\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI(t, "--root", root, "--color", "never")
	if code != exitFindings || !strings.Contains(stdout, goodFinding) || strings.Contains(stdout, "not checked") {
		t.Errorf("with a budget of 1h: exit %d\n%s", code, stdout)
	}
}

// joinUnfinished joins the calls strace -f splits when another thread's
// event comes between a call and its result ("fsync(5 <unfinished ...>",
// later "<... fsync resumed>) = 0") into one line each, in the place of
// the call.
func joinUnfinished(trace string) string {
	lines := strings.Split(trace, "\n")
	for i, l := range lines {
		head, ok := strings.CutSuffix(l, " <unfinished ...>")
		if !ok {
			continue
		}
		pid, _, _ := strings.Cut(head, " ")
		for j := i + 1; j < len(lines); j++ {
			// strace pads the pid with spaces ("6537  <... fsync resumed>").
			if p, rest, _ := strings.Cut(lines[j], " "); p == pid && strings.HasPrefix(strings.TrimLeft(rest, " "), "<... ") {
				if _, tail, ok := strings.Cut(rest, " resumed>"); ok {
					lines[i], lines[j] = head+tail, ""
				}
				break
			}
		}
	}
	return strings.Join(lines, "\n")
}

func TestJoinUnfinished(t *testing.T) {
	in := "7 fchmod(5, 0640) = 0\n7 fsync(5 <unfinished ...>\n4 --- SIGURG {si_signo=SIGURG} ---\n7 <... fsync resumed>) = 0\n7 renameat(AT_FDCWD, \"a\", AT_FDCWD, \"b\") = 0"
	want := "7 fchmod(5, 0640) = 0\n7 fsync(5) = 0\n4 --- SIGURG {si_signo=SIGURG} ---\n\n7 renameat(AT_FDCWD, \"a\", AT_FDCWD, \"b\") = 0"
	if got := joinUnfinished(in); got != want {
		t.Errorf("joinUnfinished:\n%s\nwant:\n%s", got, want)
	}
	// As strace -f writes it: the pid padded with spaces.
	in = "6537  fsync(7 <unfinished ...>\n6542  --- SIGURG {si_signo=SIGURG} ---\n6537  <... fsync resumed>) = 0"
	want = "6537  fsync(7) = 0\n6542  --- SIGURG {si_signo=SIGURG} ---\n"
	if got := joinUnfinished(in); got != want {
		t.Errorf("joinUnfinished, padded:\n%q\nwant:\n%q", got, want)
	}
}
