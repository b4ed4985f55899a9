package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// gitIn returns a function that runs git in dir, with a test identity
// and no system or user configuration, failing the test on an error.
func gitIn(t *testing.T, dir string) func(args ...string) {
	return func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// TestGitBlobs: contents in order, nil for a missing object (a name with
// spaces included), an unaskable name (a line break) and a tree.
func TestGitBlobs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := gitIn(t, dir)
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main", ".")
	write("a b.md", "first\n")
	write("d/c.md", "")
	write("e.md", "third, with a line\nbreak\n")
	run("add", "-A")
	run("commit", "-q", "-m", "x")
	got := gitBlobs(context.Background(), dir, []string{"HEAD:a b.md", "HEAD:no such missing", "HEAD:d/c.md", "HEAD:x\ny", "HEAD:d", "HEAD:e.md"})
	want := []string{"first\n", "<nil>", "", "<nil>", "<nil>", "third, with a line\nbreak\n"}
	for i, w := range want {
		g := "<nil>"
		if got[i] != nil {
			g = string(got[i])
		}
		if g != w {
			t.Errorf("blob %d = %q, want %q", i, g, w)
		}
	}
}

// TestParseNameStatus reads `git diff --name-status -M -z` output: both
// sides of a rename are changed paths, and renames (not copies) are
// moves.
func TestParseNameStatus(t *testing.T) {
	out := "M\x00a.md\x00R087\x00old/x.md\x00new/x.md\x00D\x00gone.md\x00C100\x00src.md\x00copy.md\x00A\x00new file.md\x00"
	names, renames := parseNameStatus(out)
	if want := []string{"a.md", "old/x.md", "new/x.md", "gone.md", "src.md", "copy.md", "new file.md"}; !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
	if want := [][2]string{{"old/x.md", "new/x.md"}}; !slices.Equal(renames, want) {
		t.Errorf("renames %q, want %q", renames, want)
	}
	if names, renames := parseNameStatus(""); names != nil || renames != nil {
		t.Errorf("empty output: %q %q", names, renames)
	}
	// Cut short (not expected from git): the paths are kept, a rename
	// without its second path is none.
	if names, renames := parseNameStatus("M\x00a.md\x00R100\x00b.md"); !slices.Equal(names, []string{"a.md", "b.md"}) || renames != nil {
		t.Errorf("cut short: %q %q", names, renames)
	}
}

// TestLineSimilarity checks the share of common lines that pairs a file a
// change deletes with an untracked new one (a plain mv).
func TestLineSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"a\nb\nc\nd\n", "a\nb\nc\nd\n", 1},
		{"a\nb\nc\nd\n", "a\r\nb\r\nc\r\nd\r\n", 1}, // line endings do not count
		{"a\nb\nc\nd", "a\nb\nx\ny", 0.5},
		{"a\na\na\na", "a\nb\nc\nd", 0.25},       // a line counts as often as both have it
		{"a\nb", "a\nb\nc\nd\ne\nf\ng\nh", 0.25}, // out of the longer text
		{"a\nb", "c\nd", 0},
		// Two pages of one outline share their delimiters and blank
		// lines, not their text: git sees no rename.
		{
			"---\ntitle: \"Senior\"\n---\n\n## Senior\n\nOwns the roadmap of the team.\n\n## Scope\n\nLeads a team of five.\n",
			"---\ntitle: \"Intern\"\n---\n\n## Intern\n\nLearns the codebase.\n\n## Growth\n\nPairs with a mentor.\n",
			12.0 / 99, // "---" twice and four blank lines, of 99 bytes
		},
	}
	for _, tt := range tests {
		if got := lineSimilarity([]byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("lineSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestNamesIncludeSpellings: an include target that the include resolves
// to the file however it is spelt (a "./" segment, a doubled slash,
// backslashes, a leading slash, another case) names the file; a longer
// name that ends like it, a file of the same name in another folder and
// the name alone do not.
func TestNamesIncludeSpellings(t *testing.T) {
	cfg := DefaultConfig()
	const file = "assets/includes/eng/values.md"
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`{{% include "includes/eng/values.md" %}}`, true},
		{`{{% include "includes/./eng/values.md" %}}`, true},
		{`{{% include "includes//eng/values.md" %}}`, true},
		{`{{% include "includes\eng\values.md" %}}`, true},
		{`{{% include "/includes/eng/values.md" %}}`, true},
		{`{{% include "./includes/eng/./values.md" %}}`, true},
		{`{{% include "Includes/Eng/Values.md" %}}`, true},
		{"see values.md\n{{% include \"includes\\\\eng//values.md\" %}}", true},
		{`{{% include "includes/eng/core-values.md" %}}`, false},
		{`{{% include "includes/other/values.md" %}}`, false},
		{`{{% include "values.md" %}}`, false},
		{`values.md`, false},
	} {
		if got := NamesInclude([]byte(tc.text), cfg, file); got != tc.want {
			t.Errorf("NamesInclude(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestPagesIncludingSpellings: the pages that include a file through
// another spelling of its path, directly or through an include file that
// spells it so, are found; a page that names another file is not.
func TestPagesIncludingSpellings(t *testing.T) {
	dir := writeTree(t, t.TempDir(), map[string]string{
		"assets/includes/eng/values.md":                    "values\n",
		"assets/includes/eng/nav.md":                       "{{% include \"includes\\eng\\values.md\" %}}\n",
		"content/handbook/careers/matrix/eng/intern.md":    "---\ntitle: Intern\n---\n{{% include \"includes/./eng/values.md\" %}}\n",
		"content/handbook/careers/matrix/eng/senior.md":    "---\ntitle: Senior\n---\n{{% include \"includes/eng/nav.md\" %}}\n",
		"content/handbook/careers/matrix/eng/staff.md":     "---\ntitle: Staff\n---\n{{% include \"includes//eng/values.md\" %}}\n",
		"content/handbook/careers/matrix/eng/principal.md": "---\ntitle: Principal\n---\n{{% include \"includes/eng/other-values.md\" %}}\n",
		// Through an HTML include, parsed as includes are: found.
		"assets/includes/eng/wrap.html":                  "<div>\n\n{{% include \"includes/eng/values.md\" %}}\n\n</div>\n",
		"content/handbook/careers/matrix/eng/manager.md": "---\ntitle: Manager\n---\n{{% include \"includes/eng/wrap.html\" %}}\n",
		// A stylesheet is no include file: not searched.
		"assets/includes/eng/style.css":                   "/* includes/eng/values.md */\n",
		"content/handbook/careers/matrix/eng/director.md": "---\ntitle: Director\n---\n{{% include \"includes/eng/style.css\" %}}\n",
	})
	got, err := PagesIncluding(context.Background(), dir, DefaultConfig(), []string{"assets/includes/eng/values.md"}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/handbook/careers/matrix/eng/intern.md",
		"content/handbook/careers/matrix/eng/manager.md",
		"content/handbook/careers/matrix/eng/senior.md",
		"content/handbook/careers/matrix/eng/staff.md",
	}
	if !slices.Equal(got, want) {
		t.Errorf("PagesIncluding = %q, want %q", got, want)
	}
}

// TestIncludeNameWithQuote: an include file whose name holds a double
// quote is named escaped in a quoted argument, as the include shortcode
// reads it, or as it is in a raw string; the pages that include it so,
// directly or through another include file, are found. (Windows allows
// no quote in a file name.)
func TestIncludeNameWithQuote(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows allows no double quote in a file name")
	}
	cfg := DefaultConfig()
	const file = `assets/includes/eng/say "hi".md`
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`{{% include "includes/eng/say \"hi\".md" %}}`, true},
		{"{{% include `includes/eng/say \"hi\".md` %}}", true},
		{`{{% include "includes/eng/say \"ho\".md" %}}`, false},
	} {
		if got := NamesInclude([]byte(tc.text), cfg, file); got != tc.want {
			t.Errorf("NamesInclude(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	dir := writeTree(t, t.TempDir(), map[string]string{
		file:                         "hi\n",
		"assets/includes/eng/nav.md": `{{% include "includes/eng/say \"hi\".md" %}}` + "\n",
		"content/handbook/careers/matrix/eng/intern.md": "---\ntitle: Intern\n---\n" + `{{% include "includes/eng/say \"hi\".md" %}}` + "\n",
		"content/handbook/careers/matrix/eng/senior.md": "---\ntitle: Senior\n---\n{{% include \"includes/eng/nav.md\" %}}\n",
		"content/handbook/careers/matrix/eng/staff.md":  "---\ntitle: Staff\n---\n{{% include \"includes/eng/say.md\" %}}\n",
	})
	got, err := PagesIncluding(context.Background(), dir, cfg, []string{file}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/handbook/careers/matrix/eng/intern.md", "content/handbook/careers/matrix/eng/senior.md"}
	if !slices.Equal(got, want) {
		t.Errorf("PagesIncluding = %q, want %q", got, want)
	}
}

// TestNamesIncludeManyOccurrences: a text holding the include's base name
// many times in one long run of path bytes (no space between them) is
// searched allocating nothing per occurrence, and the include spelt
// another way after them is found; before, each occurrence read the run
// back to its start and cleaned a copy of it, and a 1 MB text took
// minutes (the language server tests every open buffer). No time is
// asserted: the test would time out.
func TestNamesIncludeManyOccurrences(t *testing.T) {
	cfg := DefaultConfig()
	const file = "assets/includes/eng/values.md"
	long := bytes.Repeat([]byte("a/values.md,"), 1<<17)
	allocs := testing.AllocsPerRun(3, func() {
		if mentions(long[:1<<14], []byte("includes/eng/values.md")) {
			t.Error("mentions found the needle in a text that does not name it")
		}
	})
	if allocs > 0 {
		t.Errorf("mentions allocated %v times for a text of many occurrences, want 0", allocs)
	}
	if !NamesInclude(append(long, "./includes/./eng\\values.md"...), cfg, file) {
		t.Error("NamesInclude missed the include spelt another way after many occurrences")
	}
}

// mentionCases are texts and include path needles for the matcher tests:
// other cases, other spellings, names that only end like the needle's,
// a needle's name without its folder, the Kelvin sign, non-ASCII names.
var mentionCases = []struct {
	text    string
	needles []string
}{
	{`{{% include "includes/eng/values.md" %}}`, []string{"includes/eng/values.md"}},
	{`{{% include "Includes/ENG/Values.MD" %}}`, []string{"includes/eng/values.md"}},
	{`{{% include "./includes/./eng\values.md" %}}`, []string{"includes/eng/values.md"}},
	{`{{% include "includes/eng/my-values.md" %}}`, []string{"includes/eng/values.md"}},
	{`{{% include "values.md" %}}`, []string{"includes/eng/values.md"}},
	{`see includes/eng/values.mdx`, []string{"includes/eng/values.md"}},
	{"{{% include \"includes/eng/\u212Aey.md\" %}}", []string{"includes/eng/key.md"}},
	{"{{% include \"includes/eng/\u00C9quipe.md\" %}}", []string{"includes/eng/\u00E9quipe.md"}},
	{`{{% include "includes/a.md" %}} and /handbook/x/`, []string{"includes/b.md", "/handbook/x/"}},
	{`{{% include "includes/a.md" %}}`, []string{"includes/b.md", "/handbook/x/", "includes/c/a.md"}},
	{`.md .MD x.m`, []string{"includes/x.md"}},
}

// TestMentionMatcher checks the one-pass search of mentioning against
// mentions, needle by needle, on texts that do and do not name them.
func TestMentionMatcher(t *testing.T) {
	found := 0
	for _, tc := range mentionCases {
		var needles [][]byte
		for _, n := range tc.needles {
			needles = append(needles, []byte(n))
		}
		want := slowMentions([]byte(tc.text), needles)
		if want {
			found++
		}
		if got := newMentionMatcher(needles).match([]byte(tc.text)); got != want {
			t.Errorf("match(%q, %q) = %v, want %v (mentions)", tc.text, tc.needles, got, want)
		}
	}
	// The cases hold both answers.
	if found == 0 || found == len(mentionCases) {
		t.Errorf("%d of %d cases name a needle, want some and not all", found, len(mentionCases))
	}
}

// slowMentions is what mentioning asked of a text before the matcher:
// mentions of every needle in the lower-cased text.
func slowMentions(text []byte, needles [][]byte) bool {
	lower := bytes.ToLower(text)
	return slices.ContainsFunc(needles, func(n []byte) bool { return mentions(lower, bytes.ToLower(n)) })
}

// FuzzMentionMatcher checks that the matcher finds a needle exactly where
// mentions does, for any text and two needles.
func FuzzMentionMatcher(f *testing.F) {
	for _, tc := range mentionCases {
		f.Add(tc.text, tc.needles[0], tc.needles[len(tc.needles)-1])
	}
	f.Fuzz(func(t *testing.T, text, a, b string) {
		needles := [][]byte{[]byte(a), []byte(b)}
		if got, want := newMentionMatcher(needles).match([]byte(text)), slowMentions([]byte(text), needles); got != want {
			t.Errorf("match(%q, %q, %q) = %v, mentions %v", text, a, b, got, want)
		}
	})
}

// TestChangedPagesNoGit: without git to run, the error says so and how to
// mend it, not that the site is outside a git work tree.
func TestChangedPagesNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := ChangedPages(context.Background(), ChangedOptions{Root: t.TempDir(), Config: DefaultConfig(), Since: "main"})
	if err == nil {
		t.Fatal("no error without git")
	}
	if msg := err.Error(); !strings.Contains(msg, "git cannot be run") || !strings.Contains(msg, "add its folder to PATH") || strings.Contains(msg, "work tree") {
		t.Errorf("error %q, want one saying that git cannot be run", msg)
	}
}

// TestPairRenamedHeadings checks which headings of a file count as renamed
// between the base and now: one for one between unchanged headings, at
// the same level, and not when the old ID is still on the file.
func TestPairRenamedHeadings(t *testing.T) {
	hs := func(specs ...string) []Heading {
		var out []Heading
		for _, s := range specs {
			level := strings.Count(s, "#")
			text := strings.TrimLeft(s, "# ")
			out = append(out, Heading{Level: level, Text: text, ID: strings.ToLower(strings.ReplaceAll(text, " ", "-"))})
		}
		return out
	}
	for _, c := range []struct {
		name     string
		was, now []Heading
		want     []HeadingRename
	}{
		{"one renamed", hs("## A", "## B", "## C"), hs("## A", "## Bee", "## C"),
			[]HeadingRename{{File: "f.md", From: "b", Index: 1, Text: "Bee"}}},
		{"renamed and one added", hs("## A", "## B"), hs("## A", "## New", "## Bee"), nil},
		{"level changed", hs("## A", "## B", "## C"), hs("## A", "### Bee", "## C"), nil},
		{"two renamed in order", hs("# T", "## A", "## B"), hs("# T", "## A2", "## B2"),
			[]HeadingRename{{File: "f.md", From: "a", Index: 1, Text: "A2"}, {File: "f.md", From: "b", Index: 2, Text: "B2"}}},
		{"moved, not renamed", hs("## A", "## B", "## C"), hs("## B", "## A", "## C"), nil},
		{"deleted", hs("## A", "## B"), hs("## A"), nil},
		{"the last renamed", hs("## A", "## B"), hs("## A", "## Z"),
			[]HeadingRename{{File: "f.md", From: "b", Index: 1, Text: "Z"}}},
	} {
		got := pairRenamedHeadings("f.md", c.was, c.now)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

// TestChangedPagesDubiousOwnership: in a repository git refuses as another
// user's (GIT_TEST_ASSUME_DIFFERENT_OWNER makes git take it for one), the
// error names the safe.directory command, with a folder holding a space
// quoted so that the command pasted into a shell names it whole (before,
// unquoted, it passed git config two words).
func TestChangedPagesDubiousOwnership(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "my site")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", dir)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	init := exec.Command("git", "init", "-q", dir)
	if out, err := init.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	t.Setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
	probe := exec.Command("git", "rev-parse", "--show-toplevel")
	probe.Dir = dir
	if out, err := probe.CombinedOutput(); err == nil || !bytes.Contains(out, []byte("dubious ownership")) {
		t.Skip("this git does not honour GIT_TEST_ASSUME_DIFFERENT_OWNER")
	}
	_, err := ChangedPages(context.Background(), ChangedOptions{Root: dir, Config: DefaultConfig(), Since: "HEAD"})
	if err == nil {
		t.Fatal("no error in a repository git refuses")
	}
	real, _ := filepath.EvalSymlinks(dir)
	want := "git config --global --add safe.directory '" + real + "'"
	if msg := err.Error(); !strings.Contains(msg, "another user owns") || !strings.HasSuffix(msg, want) {
		t.Errorf("error %q, want it to end %q", msg, want)
	}
}

// TestShellWord: a word no shell splits stays as it is; others are quoted.
func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"/builds/group/project": "/builds/group/project",
		"/srv/my site":          "'/srv/my site'",
		"/srv/it's":             `'/srv/it'\''s'`,
		"":                      "''",
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestFetchAdvice: the fetch a --changed-since revision the clone lacks
// asks for, by the form of the revision and whether the clone is shallow.
func TestFetchAdvice(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := gitIn(t, dir)
	run("init", "-q", "-b", "main", ".")
	ctx := context.Background()
	if got, want := fetchAdvice(ctx, dir, "origin/main", false), "name a branch, tag or commit of this repository"; got != want {
		t.Errorf("no remote: %q, want %q", got, want)
	}
	run("remote", "add", "upstream", "https://example.com/a.git")
	run("remote", "add", "origin", "https://example.com/b.git")
	sha := "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		rev     string
		shallow bool
		want    string
	}{
		{"origin/main", false, "fetch it: git fetch origin main:refs/remotes/origin/main"},
		{"origin/main", true, "fetch it with the history that joins it to HEAD: git fetch --unshallow origin main:refs/remotes/origin/main"},
		{"upstream/release/1.0", false, "fetch it: git fetch upstream release/1.0:refs/remotes/upstream/release/1.0"},
		{"main", false, "fetch it: git fetch origin main:refs/remotes/origin/main, and name origin/main"},
		{sha, false, "fetch it: git fetch origin " + sha},
		{sha, true, "fetch it: git fetch --depth=1 origin " + sha},
		{"main~3", false, "name a branch, tag or commit of this repository"},
		{"HEAD~1", true, "this clone is shallow: fetch its history (git fetch --unshallow), or name another revision"},
	} {
		if got := fetchAdvice(ctx, dir, tc.rev, tc.shallow); got != tc.want {
			t.Errorf("%s (shallow %v): %q, want %q", tc.rev, tc.shallow, got, tc.want)
		}
	}
	// A near miss of a tag the clone has: a did-you-mean, with the fetch
	// for a tag the clone may lack.
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("add", "-A")
	run("commit", "-q", "-m", "x")
	run("tag", "v1.2.3")
	want := `did you mean "v1.2.3"? If v1.2.4 is one this clone lacks, fetch it: git fetch origin v1.2.4:refs/remotes/origin/v1.2.4, and name origin/v1.2.4`
	if got := fetchAdvice(ctx, dir, "v1.2.4", false); got != want {
		t.Errorf("near miss: %q, want %q", got, want)
	}
}

// TestChangedPagesWritesNoIndex: finding what a change touches leaves
// .git/index as it was, though the files' times no longer match it (git
// diff and git status would refresh it, taking .git/index.lock, which
// fails a commit the user makes meanwhile).
func TestChangedPagesWritesNoIndex(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	// A split index too (core.splitIndex, with the settings that write a
	// new shared index at once and expire the others): the repository's
	// shared index stays, and git can still read the index.
	for _, split := range []bool{false, true} {
		dir := t.TempDir()
		run := gitIn(t, dir)
		page := filepath.Join(dir, "content", "handbook", "x", "senior.md")
		if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
			t.Fatal(err)
		}
		for i, f := range []string{page, filepath.Join(dir, "content", "handbook", "a.md"), filepath.Join(dir, "content", "handbook", "b.md")} {
			if err := os.WriteFile(f, fmt.Appendf(nil, "---\ntitle: t%d\n---\n", i), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run("init", "-q", "-b", "main", ".")
		if split {
			run("config", "core.splitIndex", "true")
			run("config", "splitIndex.maxPercentChange", "0")
			run("config", "splitIndex.sharedIndexExpire", "now")
		}
		run("add", "-A")
		run("commit", "-q", "-m", "x")
		index := filepath.Join(dir, ".git", "index")
		before, err := os.ReadFile(index)
		if err != nil {
			t.Fatal(err)
		}
		shared, _ := filepath.Glob(filepath.Join(dir, ".git", "sharedindex.*"))
		fi, err := os.Stat(index)
		if err != nil {
			t.Fatal(err)
		}
		later := fi.ModTime().Add(5 * time.Second)
		for _, f := range []string{page, filepath.Join(dir, "content", "handbook", "a.md")} {
			if err := os.Chtimes(f, later, later); err != nil { // the same text, newer times
				t.Fatal(err)
			}
		}
		if _, err := ChangedPages(context.Background(), ChangedOptions{Root: dir, Config: DefaultConfig(), Since: "HEAD"}); err != nil {
			t.Fatal(err)
		}
		after, err := os.ReadFile(index)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, before) {
			t.Errorf("split index %v: .git/index was written", split)
		}
		if now, _ := filepath.Glob(filepath.Join(dir, ".git", "sharedindex.*")); !slices.Equal(now, shared) {
			t.Errorf("split index %v: shared index files %q, were %q", split, now, shared)
		}
		run("status", "--short") // fails on an index whose shared index is gone
	}
}

// TestAlignLines: the lines of a fixed text stand for the lines before the
// fixes they replace: equal lines pair, an edit in place pairs by
// position, and lines added or removed make a gap whose lines stand for
// the gap's old lines together.
func TestAlignLines(t *testing.T) {
	for _, c := range []struct {
		old, new      string
		newTo, oldGap []int
	}{
		{"a\nb\nc", "a\nB\nc", []int{0, 1, 2}, []int{-1, -1, -1}},
		{"a\nb\nc", "A\nb\nC", []int{0, 1, 2}, []int{-1, -1, -1}},
		{"a\nb\nc", "a\nx\nb\nc", []int{0, -2, 1, 2}, []int{-1, -1, -1}},
		{"a\nb\nc\nd", "a\nB1\nB2\nc\nD", []int{0, -2, -2, 2, 3}, []int{-1, 0, -1, -1}},
		{"a\nb\nb", "b\nb", []int{1, 2}, []int{0, -1, -1}},
	} {
		m := alignLines(strings.Split(c.old, "\n"), strings.Split(c.new, "\n"))
		if !slices.Equal(m.newTo, c.newTo) || !slices.Equal(m.oldGap, c.oldGap) {
			t.Errorf("%q -> %q: newTo %v oldGap %v, want %v %v", c.old, c.new, m.newTo, m.oldGap, c.newTo, c.oldGap)
		}
	}
}
