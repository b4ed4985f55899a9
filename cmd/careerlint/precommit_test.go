package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook runs the hook of .pre-commit-hooks.yaml with the real
// pre-commit tool, as a handbook repository would: pre-commit clones a
// throwaway git repository holding this project's working tree (committed
// there, so uncommitted work is tested too), builds careerlint with
// `go install ./...`, and runs it on the files given. A bad page must fail
// the hook with careerlint's report; a good page, and a README that is no
// career page, must pass.
//
// It runs when pre-commit and git are on PATH (.ci/run installs Debian's
// pre-commit package when it is missing) and is skipped otherwise, and
// under -short. Modules come from the local module cache (GOMODCACHE, with
// GOFLAGS=-mod=mod) and the local Go toolchain (GOTOOLCHAIN=local), so the
// build needs no network once `go mod download` has run.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the pre-commit test builds careerlint")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH; install it (Debian: apt-get install pre-commit) to run this test", tool)
		}
	}
	t.Parallel()
	tmp := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		"GOTOOLCHAIN=local",
		"GOFLAGS=-mod=mod",
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"),
		"GIT_AUTHOR_NAME=careerlint test", "GIT_AUTHOR_EMAIL=test@example.invalid",
		"GIT_COMMITTER_NAME=careerlint test", "GIT_COMMITTER_EMAIL=test@example.invalid",
		"GIT_CONFIG_NOSYSTEM=1",
		"NO_COLOR=1",
	)
	run := func(dir string, name string, args ...string) (string, error) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	must := func(dir string, name string, args ...string) string {
		t.Helper()
		out, err := run(dir, name, args...)
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return out
	}

	// The project: this working tree (tracked files and new ones that are
	// not ignored) committed into a repository of its own.
	src, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	files, err := run(src, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		t.Skipf("the project is not a git working tree: %v", err)
	}
	project := filepath.Join(tmp, "careerlint")
	for _, f := range strings.Split(strings.TrimRight(files, "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			continue // deleted in the working tree
		}
		dst := filepath.Join(project, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must(project, "git", "init", "-q")
	must(project, "git", "add", "-A")
	must(project, "git", "commit", "-q", "-m", "careerlint under test")
	rev := strings.TrimSpace(must(project, "git", "rev-parse", "HEAD"))

	// The handbook: a good page, a bad page, a README, and the
	// configuration a handbook would copy from careerlint's README.
	hb := filepath.Join(tmp, "handbook")
	const dir = "content/handbook/engineering/careers/matrix/demo/"
	writeFiles(t, hb, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + project + "\n    rev: " + rev + "\n    hooks:\n      - id: careerlint\n",
		dir + "overview.md":       "---\ntitle: \"Demo Career Framework\"\n---\n\n## Demo\n\nThe levels of the demo track.\n",
		dir + "broken.md":         "---\ntittle: \"Broken\"\n---\n\n## Broken\n",
		"README.md":               "# A handbook\n\nNo front matter: not a career page.\n",
		"assets/.keep":            "",
	})
	must(hb, "git", "init", "-q")
	must(hb, "git", "add", "-A")

	out, err := run(hb, "pre-commit", "run", "--files", dir+"overview.md", "README.md")
	if err != nil {
		t.Fatalf("hook on the good page and the README failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "careerlint") || !strings.Contains(out, "Passed") {
		t.Errorf("hook output does not show careerlint passing:\n%s", out)
	}

	// Eight files or more: pre-commit would split them between two runs
	// (TRAVIS sets its concurrency to 2) unless the hook asks for one,
	// and the bad page would be reported by each run it is in.
	many := []string{"run", "--files", dir + "broken.md"}
	for i := range 8 {
		name := fmt.Sprintf("notes%d.md", i)
		writeFiles(t, hb, map[string]string{name: "# Notes\n"})
		many = append(many, name)
	}
	must(hb, "git", "add", "-A")
	env = append(env, "TRAVIS=1")
	out, _ = run(hb, "pre-commit", many...)
	env = env[:len(env)-1]
	if n := strings.Count(out, "tittle: "); n != 1 || strings.Count(out, " files, ")+strings.Count(out, " file, ") != 1 {
		t.Errorf("hook on nine files: the bad page's finding printed %d times, want 1 run and 1 report:\n%s", n, out)
	}

	out, err = run(hb, "pre-commit", "run", "--files", dir+"broken.md", dir+"overview.md")
	if err == nil {
		t.Fatalf("hook on the bad page passed:\n%s", out)
	}
	t.Logf("pre-commit on the bad page:\n%s", out)
	for _, want := range []string{
		"Failed",
		dir + `broken.md:2:1: error front-matter unknown front matter key "tittle"; did you mean "title"`,
		"2 files, 1 error",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("hook report lacks %q:\n%s", want, out)
		}
	}

	// careerlint-changed: a commit deleting a page that another career
	// page links to fails, though pre-commit passes no file for it (the
	// deleted one is never passed); a commit changing nothing passes.
	writeFiles(t, hb, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + project + "\n    rev: " + rev + "\n    hooks:\n      - id: careerlint-changed\n",
		dir + "broken.md":         "---\ntitle: \"Mended\"\n---\n\n## Mended\n\nSee [the overview](/handbook/engineering/careers/matrix/demo/overview/).\n",
	})
	must(hb, "git", "add", "-A")
	must(hb, "git", "commit", "-q", "--no-verify", "-m", "handbook")
	if out, err := run(hb, "pre-commit", "run", "careerlint-changed"); err != nil || !strings.Contains(out, "Passed") {
		t.Errorf("careerlint-changed with nothing changed: %v\n%s", err, out)
	}
	must(hb, "git", "rm", "-q", dir+"overview.md")
	out, err = run(hb, "pre-commit", "run", "careerlint-changed")
	if err == nil {
		t.Fatalf("careerlint-changed passed a commit that deletes a linked page:\n%s", out)
	}
	if want := dir + "broken.md:7:20: error link-target link target /handbook/engineering/careers/matrix/demo/overview/ matches no page; this change deletes its page"; !strings.Contains(out, want) {
		t.Errorf("careerlint-changed report lacks %q:\n%s", want, out)
	}

	// careerlint-changed with --only-new, as the README gives it: a commit
	// that edits a page with an old error passes; one that adds a broken
	// link fails for that link alone.
	must(hb, "git", "reset", "-q", "--hard")
	writeFiles(t, hb, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + project + "\n    rev: " + rev + "\n    hooks:\n      - id: careerlint-changed\n        args: [--only-new]\n",
		dir + "old.md":            "---\ntittle: \"Old\"\n---\n\n## Old\n",
	})
	must(hb, "git", "add", "-A")
	must(hb, "git", "commit", "-q", "--no-verify", "-m", "a page with an old error")
	writeFiles(t, hb, map[string]string{dir + "old.md": "---\ntittle: \"Old\"\n---\n\n## Old\n\nA new line.\n"})
	must(hb, "git", "add", "-A")
	if out, err := run(hb, "pre-commit", "run", "careerlint-changed"); err != nil || !strings.Contains(out, "Passed") {
		t.Errorf("careerlint-changed --only-new on a page with an old error: %v\n%s", err, out)
	}
	writeFiles(t, hb, map[string]string{dir + "old.md": "---\ntittle: \"Old\"\n---\n\n## Old\n\nA new line, [broken](/handbook/nowhere/).\n"})
	must(hb, "git", "add", "-A")
	out, err = run(hb, "pre-commit", "run", "careerlint-changed")
	if err == nil || !strings.Contains(out, "/handbook/nowhere/ matches no page") || strings.Contains(out, "tittle") {
		t.Errorf("careerlint-changed --only-new on a new broken link: %v, want a failure for the link alone\n%s", err, out)
	}

	// careerlint-changed with --fix, as the README gives it: the commit's
	// page is fixed (pre-commit fails the commit, for the fix to be
	// reviewed), its sibling level's old bullet is not.
	must(hb, "git", "reset", "-q", "--hard")
	bullet := "---\ntitle: \"Old\"\n---\n\n## Old\n\n* a bullet\n"
	writeFiles(t, hb, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + project + "\n    rev: " + rev + "\n    hooks:\n      - id: careerlint-changed\n        args: [--fix]\n",
		dir + "old.md":            bullet,
		dir + "senior.md":         strings.ReplaceAll(bullet, "Old", "Senior"),
	})
	must(hb, "git", "add", "-A")
	must(hb, "git", "commit", "-q", "--no-verify", "-m", "two levels with a bullet each")
	writeFiles(t, hb, map[string]string{dir + "old.md": bullet + "\nA new line.\n"})
	must(hb, "git", "add", "-A")
	out, err = run(hb, "pre-commit", "run", "careerlint-changed")
	if err == nil || !strings.Contains(out, "files were modified by this hook") {
		t.Errorf("careerlint-changed --fix on a page with a fixable bullet: %v, want a failure for the modified file\n%s", err, out)
	}
	if got := must(hb, "git", "diff", "--name-only"); got != dir+"old.md\n" {
		t.Errorf("careerlint-changed --fix rewrote %q, want the commit's page alone\n%s", got, out)
	}

	// With --fix and --only-new: the same fix, and the sibling's old
	// bullet is not reported.
	must(hb, "git", "checkout", "-q", "--", dir+"old.md")
	writeFiles(t, hb, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + project + "\n    rev: " + rev + "\n    hooks:\n      - id: careerlint-changed\n        args: [--fix, --only-new]\n",
	})
	must(hb, "git", "add", ".pre-commit-config.yaml")
	out, err = run(hb, "pre-commit", "run", "careerlint-changed")
	if err == nil || !strings.Contains(out, "files were modified by this hook") || strings.Contains(out, "senior.md:") || !strings.Contains(out, "not shown (--only-new)") {
		t.Errorf("careerlint-changed --fix --only-new: %v, want the page fixed and the sibling's old finding not shown\n%s", err, out)
	}
}

// goEnv returns a go env variable.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// writeFiles writes files (slash paths relative to dir).
func writeFiles(t *testing.T, dir string, files map[string]string) {
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
}
