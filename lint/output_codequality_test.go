package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
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
	top, site := repoWithSite(t)
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

// TestFingerprintOfCapStandIn: the finding that stands for a rule's
// findings past the cap in a file keeps its fingerprint, in codequality
// and sarif, when some of the findings shown are fixed: its count ("500
// more findings") and its place (the first left out) change, the problem
// does not. In a file with 1,500 findings on distinct lines, fixing 10
// makes GitLab see 10 fixed and the 10 shown in their place new, not 11
// and 11. The json report gives the count as notShown.
func TestFingerprintOfCapStandIn(t *testing.T) {
	n := MaxFindingsPerFile + 500
	run := func(fixed int) *Report {
		var b strings.Builder
		b.WriteString("---\ntitle: t\n---\n\n")
		for i := range n {
			word := "bad"
			if i < fixed {
				word = "good"
			}
			fmt.Fprintf(&b, "%s %04d\n", word, i)
		}
		root := writeTree(t, t.TempDir(), map[string]string{"content/handbook/many.md": b.String()})
		res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{wordRule("CL900", "word", "bad", 1)}, Paths: []string{filepath.Join(root, "content")}})
		if err != nil {
			t.Fatal(err)
		}
		return &Report{Version: "dev", Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site}
	}
	codeQuality := func(r *Report) (all map[string]bool, standIn string) {
		var issues []codeQualityIssue
		if err := json.Unmarshal(format(t, "codequality", r), &issues); err != nil {
			t.Fatal(err)
		}
		all = map[string]bool{}
		for _, is := range issues {
			all[is.Fingerprint] = true
			if strings.Contains(is.Description, "not shown") {
				standIn = is.Fingerprint
			}
		}
		if len(all) != len(issues) {
			t.Errorf("%d issues share %d fingerprints", len(issues), len(all))
		}
		return all, standIn
	}
	sarifStandIn := func(r *Report) string {
		var log sarifLog
		if err := json.Unmarshal(format(t, "sarif", r), &log); err != nil {
			t.Fatal(err)
		}
		for _, res := range log.Runs[0].Results {
			if strings.Contains(res.Message.Text, "not shown") {
				return res.PartialFingerprints[sarifFingerprintKey]
			}
		}
		t.Fatal("no stand-in in the sarif log")
		return ""
	}
	notShown := func(r *Report) int {
		out := format(t, "json", r)
		if err := schematest.ValidateJSON(schema.Output, out); err != nil {
			t.Fatalf("JSON output does not match its schema: %v", err)
		}
		var doc struct{ Findings []jsonFinding }
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		got := -1
		for i, f := range doc.Findings {
			switch {
			case f.NotShown != nil && got >= 0:
				t.Errorf("finding %d has notShown too", i)
			case f.NotShown != nil:
				got = *f.NotShown
			}
		}
		return got
	}
	before, after := run(0), run(10)
	fpBefore, standBefore := codeQuality(before)
	fpAfter, standAfter := codeQuality(after)
	if standBefore == "" || standBefore != standAfter {
		t.Errorf("the stand-in's fingerprint changed from %q to %q when 10 findings were fixed", standBefore, standAfter)
	}
	var resolved, added int
	for fp := range fpBefore {
		if !fpAfter[fp] {
			resolved++
		}
	}
	for fp := range fpAfter {
		if !fpBefore[fp] {
			added++
		}
	}
	if resolved != 10 || added != 10 {
		t.Errorf("fixing 10 findings: %d resolved and %d new, want 10 and 10", resolved, added)
	}
	if a, b := sarifStandIn(before), sarifStandIn(after); a != b || a != standBefore {
		t.Errorf("sarif: the stand-in's fingerprint is %q before, %q after (codequality %q)", a, b, standBefore)
	}
	if a, b := notShown(before), notShown(after); a != 500 || b != 490 {
		t.Errorf("json notShown: %d before, %d after; want 500 and 490", a, b)
	}
}

// repoWithSite makes a repository's top folder (a .git folder is enough
// for RepoPrefix) holding a site in docs/site, and returns both.
func repoWithSite(t *testing.T) (top, site string) {
	t.Helper()
	top = t.TempDir()
	if err := os.Mkdir(filepath.Join(top, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	site = filepath.Join(top, "docs", "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	return top, site
}

// TestFingerprintMessage: the part of a message a fingerprint hashes ends
// at the first "; " outside parentheses and leaves the parenthesised
// context out, so that a "; " inside the context (a list of levels split
// in two) does not cut the problem short.
func TestFingerprintMessage(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain problem", "plain problem"},
		{"problem; did you mean x", "problem"},
		{`missing include "a.md" (senior.md); add it`, `missing include "a.md" `},
		{`missing include "a.md", which the others include (principal.md; senior.md write it otherwise); add it`, `missing include "a.md", which the others include `},
		{"level (a (b; c) d) named; fix", "level  named"},
		{"call(x; y) stays; cut", "call(x"},
		{"unclosed (a; b", "unclosed "},
		// A quoted name keeps its parentheses and "; ", escaped quotes
		// included.
		{`missing section "### Skills (technical)" (senior.md); add it`, `missing section "### Skills (technical)" `},
		{`missing section "### Skills (leadership)" (senior.md); add it`, `missing section "### Skills (leadership)" `},
		{`heading "A; B" is (x) odd; fix`, `heading "A; B" is  odd`},
		{`name "say \"hi (there)\"" (ctx); fix`, `name "say \"hi (there)\"" `},
	} {
		if got := fingerprintMessage(c.in); got != c.want {
			t.Errorf("fingerprintMessage(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
