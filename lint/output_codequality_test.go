package lint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormatCodeQuality(t *testing.T) {
	out := format(t, "codequality", documentedReport(t))
	checkGolden(t, "report.codequality.json", out)
	if len(out) >= 3 && string(out[:3]) == "\ufeff" {
		t.Error("report starts with a byte order mark")
	}
	var issues []codeQualityIssue
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatalf("not a JSON array of issues: %v\n%s", err, out)
	}
	var sevs, checks []string
	for _, is := range issues {
		sevs = append(sevs, is.Severity)
		checks = append(checks, is.CheckName)
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(is.Fingerprint) {
			t.Errorf("fingerprint %q is not 32 hex digits", is.Fingerprint)
		}
	}
	if want := []string{"major", "minor", "minor", "info"}; !cmp.Equal(sevs, want) {
		t.Errorf("severities %v, want %v (error major, warning minor, info info)", sevs, want)
	}
	if want := []string{"CL001/front-matter", "CL099/no-bad", "CL099/no-bad", "CL096/no-ugly"}; !cmp.Equal(checks, want) {
		t.Errorf("check names %v, want %v", checks, want)
	}
}

func TestFormatCodeQualityEmpty(t *testing.T) {
	if got := string(format(t, "codequality", &Report{Version: "dev"})); got != "[]\n" {
		t.Errorf("no findings: %q, want an empty array", got)
	}
}

// placedFinding places a finding on the n-th occurrence of text in a file.
type placedFinding struct {
	file, text string
	n          int
	rule       *Rule
	message    string
}

// fingerprintReport builds a report over files with the given findings and
// returns the Code Quality issues written for it.
func fingerprintReport(t *testing.T, files map[string]string, fs []placedFinding) []codeQualityIssue {
	t.Helper()
	cfg := DefaultConfig()
	var pages []*Page
	byPath := map[string]*Page{}
	for path, src := range files {
		p := ParsePage(path, []byte(src), parseOptions(cfg))
		pages = append(pages, p)
		byPath[path] = p
	}
	r := &Report{Files: len(files), Site: NewSite("/nonexistent", cfg, pages)}
	for _, f := range fs {
		off := offsetOfText(t, files[f.file], f.text, f.n)
		r.Diagnostics = append(r.Diagnostics, Diagnostic{
			Span: byPath[f.file].Span(off, off+len(f.text)), Message: f.message, Rule: f.rule, Severity: Warning,
		})
	}
	var issues []codeQualityIssue
	if err := json.Unmarshal(format(t, "codequality", r), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != len(fs) {
		t.Fatalf("%d issues for %d findings", len(issues), len(fs))
	}
	return issues
}

var (
	listRule = &Rule{Meta: Meta{ID: "CL008", Name: "list-marker"}}
	wsRule   = &Rule{Meta: Meta{ID: "CL009", Name: "whitespace"}}
)

const fpPage = `---
title: "Senior"
---

## Senior

* Leads projects
* Mentors others
`

// TestCodeQualityFingerprintStable: lines added or removed above a finding,
// and a change of indentation on its line, leave its fingerprint as it
// was, while the reported line moves.
func TestCodeQualityFingerprintStable(t *testing.T) {
	f := []placedFinding{{"content/senior.md", "Mentors", 0, listRule, `bullet marker "*"; use "-"`}}
	before := fingerprintReport(t, map[string]string{"content/senior.md": fpPage}, f)
	for name, page := range map[string]string{
		"lines added above":   strings.Replace(fpPage, "## Senior\n", "## Senior\n\nA new paragraph.\n\nAnother one.\n", 1),
		"lines removed above": strings.Replace(fpPage, "## Senior\n\n", "", 1),
		"re-indented":         strings.Replace(fpPage, "* Mentors others", "*   Mentors   others", 1),
	} {
		after := fingerprintReport(t, map[string]string{"content/senior.md": page}, f)
		if after[0].Fingerprint != before[0].Fingerprint {
			t.Errorf("%s: fingerprint changed from %s to %s", name, before[0].Fingerprint, after[0].Fingerprint)
		}
		if name != "re-indented" && after[0].Location.Lines.Begin == before[0].Location.Lines.Begin {
			t.Errorf("%s: the finding did not move (line %d); the test proves nothing", name, before[0].Location.Lines.Begin)
		}
	}

	// A did-you-mean names the closest page there is: one added elsewhere
	// changes it, not the finding.
	link := func(msg string) string {
		f := []placedFinding{{"content/senior.md", "Mentors", 0, listRule, msg}}
		return fingerprintReport(t, map[string]string{"content/senior.md": fpPage}, f)[0].Fingerprint
	}
	if a, b := link("link target /x/ matches no page; did you mean /y/"), link("link target /x/ matches no page; did you mean /z/"); a != b {
		t.Errorf("the fingerprint changed with the did-you-mean: %s, %s", a, b)
	}
	if a, b := link("link target /x/ matches no page; did you mean /y/"), link("link target /w/ matches no page; did you mean /y/"); a == b {
		t.Error("two findings of other links share a fingerprint")
	}
	// The other files a message names as context, and its advice, change
	// when a level page is added to the track: the finding does not.
	for _, pair := range [][2]string{
		{`missing section "### Y" (the other levels have it: senior.md and staff.md); add it after "### X"`,
			`missing section "### Y" (the other levels have it: senior.md, staff.md and principal.md); add it after "### W"`},
		{`include "a.md" does not follow the pattern of the other levels, "{level}.md" (intern.md and senior.md (and more))`,
			`include "a.md" does not follow the pattern of the other levels, "{level}.md" (intern.md, senior.md and staff.md)`},
	} {
		if a, b := link(pair[0]), link(pair[1]); a != b {
			t.Errorf("the fingerprint changed with the context or advice:\n%s\n%s", pair[0], pair[1])
		}
	}
	if a, b := link(`missing section "### Y" (senior.md)`), link(`missing section "### Z" (senior.md)`); a == b {
		t.Error("findings of two missing sections share a fingerprint")
	}
}

// TestCodeQualityFingerprintDistinct: findings that differ in file, rule,
// message or source line have different fingerprints, and so do identical
// findings on identical lines of one file, which stay different and stable
// when lines are added above both.
func TestCodeQualityFingerprintDistinct(t *testing.T) {
	const file = "content/senior.md"
	page := fpPage + "\n## Again\n\n* Mentors others\n"
	files := map[string]string{file: page, "content/staff.md": page}
	msg := `bullet marker "*"; use "-"`
	issues := fingerprintReport(t, files, []placedFinding{
		{file, "* Leads", 0, listRule, msg},
		{file, "* Mentors others", 0, listRule, msg},
		{file, "* Mentors others", 1, listRule, msg}, // identical to the one above
		{file, "* Mentors others", 0, wsRule, msg},
		{file, "* Mentors others", 0, listRule, "another message"},
		{"content/staff.md", "* Mentors others", 0, listRule, msg},
	})
	seen := map[string]int{}
	for i, is := range issues {
		if j, dup := seen[is.Fingerprint]; dup {
			t.Errorf("findings %d and %d share fingerprint %s", j, i, is.Fingerprint)
		}
		seen[is.Fingerprint] = i
	}
	// The two identical findings keep their fingerprints when the page
	// grows above them.
	moved := fingerprintReport(t, map[string]string{file: strings.Replace(page, "## Senior\n", "## Senior\n\nIntro.\n\nMore.\n", 1)}, []placedFinding{
		{file, "* Mentors others", 0, listRule, msg},
		{file, "* Mentors others", 1, listRule, msg},
	})
	if moved[0].Fingerprint != issues[1].Fingerprint || moved[1].Fingerprint != issues[2].Fingerprint {
		t.Errorf("identical findings: fingerprints %s, %s before, %s, %s after adding lines above",
			issues[1].Fingerprint, issues[2].Fingerprint, moved[0].Fingerprint, moved[1].Fingerprint)
	}
}

// TestRepoPrefix covers the paths that GitLab and code scanning read: a
// site in a folder of its repository has its findings placed under that
// folder in codequality, sarif and markdown (a merge request's comment,
// beside its diff), and not in json; the fingerprint does not change with
// the prefix.
func TestRepoPrefix(t *testing.T) {
	top := t.TempDir()
	if err := os.Mkdir(filepath.Join(top, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(top, "docs", "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	worktree := filepath.Join(t.TempDir(), "wt")
	if err := os.MkdirAll(filepath.Join(worktree, "hb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(worktree, ".git"), []byte("gitdir: /elsewhere\n"), 0o644); err != nil {
		t.Fatal(err) // a linked work tree's .git is a file
	}
	for _, c := range []struct{ root, want string }{
		{top, ""},
		{site, "docs/site/"},
		{filepath.Join(worktree, "hb"), "hb/"},
		{t.TempDir(), ""}, // in no repository
	} {
		if got := RepoPrefix(c.root); got != c.want {
			t.Errorf("RepoPrefix(%s) = %q, want %q", c.root, got, c.want)
		}
	}

	rep := documentedReport(t)
	plain := format(t, "codequality", rep)
	rep.RepoPrefix = "docs/site/"
	prefixed := format(t, "codequality", rep)
	var a, b []codeQualityIssue
	if err := json.Unmarshal(plain, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(prefixed, &b); err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if b[i].Location.Path != "docs/site/"+a[i].Location.Path || b[i].Fingerprint != a[i].Fingerprint {
			t.Errorf("issue %d: %+v, want the path of %+v under docs/site/ and the same fingerprint", i, b[i], a[i])
		}
	}
	if sarif := string(format(t, "sarif", rep)); !strings.Contains(sarif, `"uri": "docs/site/content/`) {
		t.Errorf("sarif locations are not under the prefix:\n%s", sarif)
	}
	if md := string(format(t, "markdown", rep)); !strings.Contains(md, "`docs/site/content/") {
		t.Errorf("markdown rows do not name files under the prefix:\n%s", md)
	}
	if js := string(format(t, "json", rep)); strings.Contains(js, "docs/site/") {
		t.Error("json paths are relative to the site root: they take no prefix")
	}
}
