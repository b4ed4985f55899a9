package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"gitlab.com/careerlint/careerlint/lint"
)

// repoFile is a file of the repository, relative to this package.
func repoFile(name string) string { return filepath.Join("..", "..", filepath.FromSlash(name)) }

// cliFlags returns the flags of the lint commands, from their definitions.
func cliFlags() map[string]bool {
	var f lintFlags
	names := map[string]bool{}
	for _, mode := range []lintMode{{}, linksMode()} {
		lintFlagSet(&f, mode, io.Discard).VisitAll(func(fl *flag.Flag) { names[fl.Name] = true })
	}
	return names
}

// careerlintCommand matches a careerlint command in a line of shell or
// YAML: the word careerlint after the start of the line, a space (a "- "
// list item, a "$ " prompt, "entry: ") or a slash (go run ./cmd/careerlint),
// ending the line or followed by a space and the arguments.
var careerlintCommand = regexp.MustCompile(`(?:^|[\s/])careerlint(?:\s+(.*))?$`)

// longFlag matches a --flag.
var longFlag = regexp.MustCompile(`(?:^|\s|:\+)--([a-z][a-z0-9-]*)`)

// commandLines joins shell continuation lines and returns the careerlint
// command lines of text, each without the command word and comments.
func commandLines(text string) []string {
	text = strings.ReplaceAll(text, "\\\n", " ")
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, " # "); i >= 0 {
			line = line[:i]
		}
		if m := careerlintCommand.FindStringSubmatch(line); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// flagsOf returns the --flags of the careerlint command lines of text, and
// those of them the CLI lacks, each with its line.
func flagsOf(text string) (seen map[string]bool, unknown []string) {
	known := cliFlags()
	seen = map[string]bool{}
	for _, line := range commandLines(text) {
		for _, m := range longFlag.FindAllStringSubmatch(line, -1) {
			seen[m[1]] = true
			if !known[m[1]] {
				unknown = append(unknown, fmt.Sprintf("--%s (in %q)", m[1], strings.TrimSpace(line)))
			}
		}
	}
	return seen, unknown
}

// checkFlags reports every --flag of the careerlint command lines of text
// that the CLI lacks, and returns the flags seen.
func checkFlags(t *testing.T, where, text string) map[string]bool {
	t.Helper()
	seen, unknown := flagsOf(text)
	for _, u := range unknown {
		t.Errorf("%s: careerlint has no flag %s", where, u)
	}
	return seen
}

// TestCLIFlagsKnown checks the check itself: it derives the flags from the
// CLI and finds an unknown one.
func TestCLIFlagsKnown(t *testing.T) {
	known := cliFlags()
	for _, f := range []string{"format", "output", "stdin-filename", "fail-level", "pages-only"} {
		if !known[f] {
			t.Errorf("the flag set lacks --%s", f)
		}
	}
	lines := commandLines("script:\n  - careerlint --output text \\\n    --no-such-flag x # --comment\n  - git fetch --depth=1\n$ careerlint --quiet\n")
	if len(lines) != 2 {
		t.Fatalf("careerlint command lines: %q, want two", lines)
	}
	seen, unknown := flagsOf(strings.Join([]string{"careerlint " + lines[0], "careerlint " + lines[1]}, "\n"))
	if len(unknown) != 1 || !strings.HasPrefix(unknown[0], "--no-such-flag ") {
		t.Errorf("unknown flags %q, want --no-such-flag alone", unknown)
	}
	if want := []string{"no-such-flag", "output", "quiet"}; !slices.Equal(sortedSet(seen), want) {
		t.Errorf("flags seen %v, want %v (none of git's, none in comments)", sortedSet(seen), want)
	}
}

func sortedSet(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// gitlabTemplate is the part of templates/careerlint.yml the tests read.
type gitlabTemplate struct {
	Spec struct {
		// Component lists the component context the job reads
		// ($[[ component.sha ]]).
		Component []string
		Inputs    map[string]struct {
			Description string
			Default     any
			Type        string
			Options     []string
		}
	}
	Job struct {
		Stage     string
		Image     string
		Variables map[string]string
		Script    []string
		Artifacts struct {
			When     string
			ExposeAs string `yaml:"expose_as"`
			Paths    []string
			Reports  struct {
				CodeQuality string `yaml:"codequality"`
			}
		}
		Rules []map[string]string
		Cache struct {
			Key   string
			Paths []string
		}
	}
	// Raw is the jobs document as text.
	Raw string
}

// readTemplate parses the component: a spec document, "---", the jobs.
func readTemplate(t *testing.T) gitlabTemplate {
	t.Helper()
	data, err := os.ReadFile(repoFile("templates/careerlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var tpl gitlabTemplate
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var docs []yaml.Node
	for {
		var n yaml.Node
		if err := dec.Decode(&n); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("templates/careerlint.yml does not parse: %v", err)
		}
		docs = append(docs, n)
	}
	if len(docs) != 2 {
		t.Fatalf("templates/careerlint.yml has %d YAML documents, want 2 (spec, ---, jobs)", len(docs))
	}
	if err := docs[0].Decode(&tpl); err != nil {
		t.Fatalf("spec document: %v", err)
	}
	var jobs map[string]yaml.Node
	if err := docs[1].Decode(&jobs); err != nil {
		t.Fatalf("jobs document: %v", err)
	}
	job, ok := jobs["careerlint"]
	if !ok || len(jobs) != 1 {
		t.Fatalf("jobs document defines %v, want the one job careerlint", sortedKeys(jobs))
	}
	if err := job.Decode(&tpl.Job); err != nil {
		t.Fatalf("job careerlint: %v", err)
	}
	_, raw, _ := strings.Cut(string(data), "\n---\n")
	tpl.Raw = raw
	return tpl
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestGitLabTemplate checks the CI/CD component: its inputs, that the job
// uses each input and only declared ones, that it references only flags
// and formats careerlint has, and that the files it writes are the
// artifacts it keeps.
func TestGitLabTemplate(t *testing.T) {
	tpl := readTemplate(t)
	for _, in := range []string{"version", "root", "paths", "fail-level", "changed-files", "only-new"} {
		if _, ok := tpl.Spec.Inputs[in]; !ok {
			t.Errorf("spec:inputs lacks %q", in)
		}
	}
	readme, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n### GitLab CI\n")
	section, _, _ = strings.Cut(section, "\n### ")
	for name, in := range tpl.Spec.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
		if !strings.Contains(section, "`"+name+"`") {
			t.Errorf("README.md's GitLab CI section does not tell of the input `%s`", name)
		}
	}
	checkReadmeGitLabBlocks(t, tpl, section)
	for _, name := range []string{"changed-files", "only-new"} {
		if in := tpl.Spec.Inputs[name]; in.Type != "boolean" {
			t.Errorf("input %s has type %q, want boolean", name, in.Type)
		}
	}
	levels := tpl.Spec.Inputs["fail-level"].Options
	if !slices.Equal(levels, []string{"info", "warning", "error"}) {
		t.Errorf("fail-level options %v, want info, warning, error", levels)
	}
	for _, l := range levels {
		if s, err := lint.ParseSeverity(l); err != nil || s == lint.Off {
			t.Errorf("fail-level option %q is no --fail-level", l)
		}
	}
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`\$\[\[\s*inputs\.([a-z0-9-]+)\s*\]\]`).FindAllStringSubmatch(tpl.Raw, -1) {
		used[m[1]] = true
		if _, ok := tpl.Spec.Inputs[m[1]]; !ok {
			t.Errorf("the job uses undeclared input %q", m[1])
		}
	}
	for name := range tpl.Spec.Inputs {
		if !used[name] {
			t.Errorf("input %q is declared but unused", name)
		}
	}

	// The component context the job reads is declared, and by default
	// careerlint is installed at the component's own commit, whose flags
	// the script uses, not at whatever release is latest.
	for _, m := range regexp.MustCompile(`\$\[\[\s*component\.([a-z]+)\s*\]\]`).FindAllStringSubmatch(tpl.Raw, -1) {
		if !slices.Contains(tpl.Spec.Component, m[1]) {
			t.Errorf("the job uses component.%s, which spec:component %v does not declare", m[1], tpl.Spec.Component)
		}
	}
	if v := yamlScalar(tpl.Spec.Inputs["version"].Default); v != "" {
		t.Errorf("input version defaults to %q; want empty, for the component's own commit", v)
	}
	if !regexp.MustCompile(`go install "\S+/cmd/careerlint@\$\{CAREERLINT_VERSION:-\$\[\[ component\.sha \]\]\}"`).MatchString(tpl.Raw) || tpl.Job.Variables["CAREERLINT_VERSION"] != "$[[ inputs.version ]]" {
		t.Errorf("the job does not install careerlint at the version input, else at the component's commit:\n%s", tpl.Raw)
	}

	checkTemplateGoCaches(t, tpl)

	script := strings.Join(tpl.Job.Script, "\n")
	seen := checkFlags(t, "templates/careerlint.yml", script)
	for _, f := range []string{"output", "fail-level", "changed-since"} {
		if !seen[f] {
			t.Errorf("the job's careerlint command does not pass --%s", f)
		}
	}
	for _, v := range []string{"CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_MERGE_REQUEST_TARGET_BRANCH_SHA"} {
		if !regexp.MustCompile(`\$\{?` + v + `\b`).MatchString(script) {
			t.Errorf("changed-files does not use %s", v)
		}
	}
	outputs := map[string]string{}
	for _, m := range regexp.MustCompile(`--output\s+([a-z]+)(?:=(\S+))?`).FindAllStringSubmatch(script, -1) {
		if _, ok := lint.Formats[m[1]]; !ok {
			t.Errorf("--output %s: no such format", m[1])
		}
		outputs[m[1]] = m[2]
	}
	if got := tpl.Job.Artifacts.Reports.CodeQuality; got == "" || outputs["codequality"] != got {
		t.Errorf("artifacts:reports:codequality is %q, the codequality output goes to %q", got, outputs["codequality"])
	}
	if md := outputs["markdown"]; md == "" || !slices.Contains(tpl.Job.Artifacts.Paths, md) {
		t.Errorf("the markdown summary (%q) is not among the artifacts %v", md, tpl.Job.Artifacts.Paths)
	}
	if tpl.Job.Artifacts.When != "always" {
		t.Errorf("artifacts:when is %q; a failing job (findings) must keep its reports: always", tpl.Job.Artifacts.When)
	}
}

// templateJob runs the component's job script as GitLab Runner does.
type templateJob struct {
	tpl gitlabTemplate
	// bin is the folder of the careerlint built for the test, which stands
	// in for the one the job's go install line installs.
	bin string
	// home is an empty home folder for git.
	home string
	// goBin, when set, is a folder holding a stand-in go, put first on
	// PATH, for which the job's go install line runs.
	goBin string
}

// newTemplateJob reads the template and builds careerlint, or skips the
// test when there is no go to build it with or no bash to run the job in.
func newTemplateJob(t *testing.T) templateJob {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds careerlint")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not on PATH")
	}
	return templateJob{tpl: readTemplate(t), bin: buildCLI(t), home: t.TempDir()}
}

// shells are the shells the job runs in: GitLab Runner's bash, and a
// POSIX sh (the sh of an image without bash) where there is one.
func (j templateJob) shells() []string {
	shells := []string{"bash"}
	if p, err := exec.LookPath("sh"); err == nil {
		if b, _ := exec.LookPath("bash"); b != p {
			shells = append(shells, "sh")
		}
	}
	return shells
}

// gitEnv is the environment of a git command of the test: no system or
// user configuration, and an author.
func (j templateJob) gitEnv() []string {
	return append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+j.home)
}

// git runs git in dir and returns its trimmed output.
func (j templateJob) git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	g := exec.Command("git", args...)
	g.Dir, g.Env = dir, j.gitEnv()
	out, err := g.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// run runs the job's script in dir, the project's checkout, with the
// inputs' defaults but for inputs, as GitLab Runner runs it: the lines of
// script in one shell that stops at the first failing command (errexit,
// and pipefail where the shell has it), the job's variables expanded with
// the predefined ones (CI_PROJECT_DIR, and those of env, such as
// CI_MERGE_REQUEST_DIFF_BASE_SHA) and exported. The go install line is
// left out: the careerlint built for the test is first on PATH. It
// returns the exit code, which is the job's, and the job log.
func (j templateJob) run(t *testing.T, shell, dir string, inputs map[string]string, env ...string) (int, string) {
	t.Helper()
	values := map[string]string{}
	for name, in := range j.tpl.Spec.Inputs {
		values[name] = yamlScalar(in.Default)
	}
	for name, v := range inputs {
		if _, ok := j.tpl.Spec.Inputs[name]; !ok {
			t.Fatalf("the template has no input %q", name)
		}
		values[name] = v
	}
	interpolate := func(s string) string {
		return regexp.MustCompile(`\$\[\[\s*inputs\.([a-z0-9-]+)\s*\]\]`).ReplaceAllStringFunc(s, func(m string) string {
			return values[regexp.MustCompile(`inputs\.([a-z0-9-]+)`).FindStringSubmatch(m)[1]]
		})
	}
	predefined := map[string]string{"CI_PROJECT_DIR": dir, "CI_MERGE_REQUEST_DIFF_BASE_SHA": "", "CI_MERGE_REQUEST_TARGET_BRANCH_SHA": ""}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		predefined[k] = v
	}
	// An empty GOPATH: the script puts its bin folder first on PATH, and
	// no careerlint installed there may stand in for the one built here.
	path := j.bin + string(os.PathListSeparator) + os.Getenv("PATH")
	if j.goBin != "" {
		path = j.goBin + string(os.PathListSeparator) + path
	}
	vars := []string{"PATH=" + path, "GOPATH=" + filepath.Join(j.home, "gopath")}
	for k, v := range predefined {
		vars = append(vars, k+"="+v)
	}
	for _, k := range sortedKeys(j.tpl.Job.Variables) {
		v := os.Expand(interpolate(j.tpl.Job.Variables[k]), func(name string) string { return predefined[name] })
		vars = append(vars, k+"="+v)
	}
	prologue := "set -e\nif (set -o pipefail) 2>/dev/null; then set -o pipefail; fi\n"
	var script strings.Builder
	script.WriteString(prologue)
	for _, line := range j.tpl.Job.Script {
		if strings.HasPrefix(line, "go install ") && j.goBin == "" {
			continue // careerlint is the one built for the test
		}
		script.WriteString(interpolate(line) + "\n")
	}
	file := filepath.Join(t.TempDir(), "job.sh")
	if err := os.WriteFile(file, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(shell, file)
	cmd.Dir = dir
	cmd.Env = append(j.gitEnv(), vars...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	}
	t.Fatalf("%s %s: %v", shell, file, err)
	return 0, ""
}

// initRepo makes dir a git repository whose one commit holds its files,
// and returns the commit.
func (j templateJob) initRepo(t *testing.T, dir string) string {
	t.Helper()
	j.git(t, dir, "init", "-q", ".")
	j.git(t, dir, "add", "-A")
	j.git(t, dir, "commit", "-q", "-m", "base")
	return j.git(t, dir, "rev-parse", "HEAD")
}

// newRepoTemplateJob is newTemplateJob for a test that runs the job in a
// git repository, skipped where there is no git, and run in parallel: it
// returns the job, a copy of the example handbook made a repository, and
// its one commit.
func newRepoTemplateJob(t *testing.T) (j templateJob, repo, base string) {
	t.Helper()
	j = newTemplateJob(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	t.Parallel()
	repo = copyExample(t, "")
	return j, repo, j.initRepo(t, repo)
}

// runnerClones are the clones a runner makes: a full one, and a shallow
// one (GIT_DEPTH) that may lack the commit the job compares with.
var runnerClones = []struct {
	name  string
	depth []string
}{{"full clone", nil}, {"shallow clone", []string{"--depth=1"}}}

// clone clones the repository origin into a new folder, with git clone's
// options args, and returns the folder.
func (j templateJob) clone(t *testing.T, origin string, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "clone")
	j.git(t, origin, append(append([]string{"clone", "-q"}, args...), "file://"+origin, dir)...)
	return dir
}

// addWarning appends to a page a line that link-syntax reports as a
// warning (a space between "]" and "(").
func addWarning(t *testing.T, page string) {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(data, "\nSee [our values] (/handbook/values/).\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// codeQualityIssues returns the paths of the issues of the job's Code
// Quality report in dir.
func (j templateJob) codeQualityIssues(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, j.tpl.Job.Artifacts.Reports.CodeQuality))
	if err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Location struct{ Path string }
	}
	if err := json.Unmarshal(data, &issues); err != nil {
		t.Fatalf("Code Quality report: %v\n%s", err, data)
	}
	var paths []string
	for _, is := range issues {
		paths = append(paths, is.Location.Path)
	}
	return paths
}

// copyExample copies the example handbook into a new folder, under sub
// when it is not empty, and returns the new folder.
func copyExample(t *testing.T, sub string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(exampleRoot)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkTemplateGoCaches checks that the job keeps Go's module and build
// caches between jobs, so that go install does not compile careerlint from
// scratch each time: GOMODCACHE and GOCACHE are in the project's folder
// (GitLab caches only paths there), under the cache's paths, whose key
// changes with the careerlint installed; and that go may fetch the Go
// release go.mod asks for (GOTOOLCHAIN=auto), which the official golang
// images, setting GOTOOLCHAIN=local, forbid.
func checkTemplateGoCaches(t *testing.T, tpl gitlabTemplate) {
	t.Helper()
	if got := tpl.Job.Variables["GOTOOLCHAIN"]; got != "auto" {
		t.Errorf("variables:GOTOOLCHAIN is %q; want auto, or an image whose Go is older than go.mod's go line stops go install", got)
	}
	// Go writes its module cache read-only; in the project's folder, a
	// runner that cleans the folder as a user other than root cannot
	// remove it.
	if got := tpl.Job.Variables["GOFLAGS"]; !slices.Contains(strings.Fields(got), "-modcacherw") {
		t.Errorf("variables:GOFLAGS is %q; want -modcacherw, or the read-only module cache in the project's folder stops the runner's clean-up", got)
	}
	for _, name := range []string{"GOMODCACHE", "GOCACHE"} {
		dir, ok := strings.CutPrefix(tpl.Job.Variables[name], "$CI_PROJECT_DIR/")
		if !ok {
			t.Errorf("variables:%s is %q; want a folder under $CI_PROJECT_DIR, where GitLab's cache can keep it", name, tpl.Job.Variables[name])
			continue
		}
		if !slices.ContainsFunc(tpl.Job.Cache.Paths, func(p string) bool {
			return dir+"/" == p || strings.HasPrefix(dir+"/", strings.TrimSuffix(p, "/")+"/")
		}) {
			t.Errorf("%s (%s) is not under cache:paths %q", name, dir, tpl.Job.Cache.Paths)
		}
		if !strings.HasPrefix(dir, ".") {
			t.Errorf("%s (%s) is not in a folder whose name starts with \".\", which careerlint skips", name, dir)
		}
	}
	for _, v := range []string{"$[[ inputs.version ]]", "$[[ component.sha ]]"} {
		if !strings.Contains(tpl.Job.Cache.Key, v) {
			t.Errorf("cache:key %q does not change with %s, the careerlint installed", tpl.Job.Cache.Key, v)
		}
	}
}

// checkReadmeGitLabBlocks checks the YAML blocks of README.md's GitLab CI
// section: each parses, and since the job runs in merge request pipelines,
// which a project of branch pipelines gets besides its own, one shows the
// workflow:rules that keep one pipeline per push; one shows the
// allow_failure that lets findings (exit 1) warn and usage errors fail.
func checkReadmeGitLabBlocks(t *testing.T, tpl gitlabTemplate, section string) {
	t.Helper()
	var workflow, allowFailure bool
	for _, block := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(section, -1) {
		var doc struct {
			Workflow struct {
				Rules []map[string]string
			}
			Careerlint struct {
				AllowFailure struct {
					ExitCodes []int `yaml:"exit_codes"`
				} `yaml:"allow_failure"`
			}
		}
		if err := yaml.Unmarshal([]byte(block[1]), &doc); err != nil {
			t.Errorf("README.md's GitLab CI section: a YAML block does not parse: %v\n%s", err, block[1])
			continue
		}
		var ifs []string
		for _, r := range doc.Workflow.Rules {
			ifs = append(ifs, r["if"])
		}
		if strings.Contains(strings.Join(ifs, "\n"), `$CI_PIPELINE_SOURCE == "merge_request_event"`) && strings.Contains(strings.Join(ifs, "\n"), "$CI_OPEN_MERGE_REQUESTS") {
			workflow = true
		}
		if slices.Equal(doc.Careerlint.AllowFailure.ExitCodes, []int{exitFindings}) {
			allowFailure = true
		}
	}
	for _, r := range tpl.Job.Rules {
		if strings.Contains(r["if"], "merge_request_event") && !workflow {
			t.Error("the job runs in merge request pipelines, and README.md's GitLab CI section shows no workflow:rules that keep a project of branch pipelines from a second, detached pipeline")
		}
	}
	if !allowFailure {
		t.Errorf("README.md's GitLab CI section shows no allow_failure: exit_codes: [%d] for findings that warn", exitFindings)
	}
}

// TestGitLabTemplateScript runs the job's script as a runner would, with
// bash and with sh, on a copy of the example handbook with the default
// inputs (and no merge request): it must fail on the deliberate findings
// and leave a Code Quality report and a Markdown summary of them.
func TestGitLabTemplateScript(t *testing.T) {
	j := newTemplateJob(t)
	t.Parallel()
	for _, shell := range j.shells() {
		work := copyExample(t, "")
		code, out := j.run(t, shell, work, nil)
		if code != exitFindings {
			t.Fatalf("%s: job exit %d, want %d for the deliberate findings\n%s", shell, code, exitFindings, out)
		}
		if !strings.Contains(out, "12 files, 4 errors") {
			t.Errorf("%s: job log lacks the text report:\n%s", shell, out)
		}
		if issues := j.codeQualityIssues(t, work); len(issues) != 5 {
			t.Errorf("%s: Code Quality report: %d issues, want 5 (the example handbook's deliberate findings)", shell, len(issues))
		}
		summary, err := os.ReadFile(filepath.Join(work, j.tpl.Job.Artifacts.Paths[0]))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(summary), "**careerlint**: 5 findings") {
			t.Errorf("%s: Markdown summary:\n%s", shell, summary)
		}
	}

	// A merge request that changes nothing careerlint checks: the job
	// passes (its verdict covers the changed pages), and the Code Quality
	// report still holds every finding, which GitLab compares with the
	// target branch's (one of the changed pages alone would show the
	// others as resolved).
	if _, err := exec.LookPath("git"); err != nil {
		return
	}
	work := copyExample(t, "")
	head := j.initRepo(t, work)
	// Go's caches, restored in the project's folder, are files git does
	// not track, and the module cache holds careerlint's own source, with
	// Markdown pages and configuration files: no change of the merge
	// request, and nothing to lint.
	for _, name := range []string{"GOMODCACHE", "GOCACHE"} {
		dir := strings.ReplaceAll(j.tpl.Job.Variables[name], "$CI_PROJECT_DIR", work)
		if dir == "" {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, "gitlab.com/careerlint/careerlint@v0.1.0/testdata"), os.DirFS(repoFile("testdata/rules"))); err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, map[string]string{"hugo.toml": "baseURL = 'https://example.com/'\n", ".careerlint.yaml": "content: nowhere\n"})
	}
	code, out := j.run(t, "bash", work, nil, "CI_MERGE_REQUEST_DIFF_BASE_SHA="+head)
	if code != 0 {
		t.Fatalf("merge request job: exit %d, want success (the change touches no page)\n%s", code, out)
	}
	if !strings.Contains(out, "0 files, no findings") {
		t.Errorf("merge request job log:\n%s", out)
	}
	if issues := j.codeQualityIssues(t, work); len(issues) != 5 {
		t.Errorf("merge request Code Quality report: %d issues, want the 5 of every page", len(issues))
	}
}

// TestGitLabTemplateExitCodes runs the job as a runner would (errexit,
// pipefail) and checks its exit code, which allow_failure:exit_codes
// reads: 1 for findings at or above the fail-level input, else 0, and 2
// for a usage or configuration error, whichever of the job's careerlint
// runs meets it first, so that a project that lets findings (1) warn
// still has a job that fails on a broken setup.
func TestGitLabTemplateExitCodes(t *testing.T) {
	j := newTemplateJob(t)
	t.Parallel()
	// A handbook whose one finding is a warning.
	warn := copyExample(t, "")
	if err := os.RemoveAll(filepath.Join(warn, "content/handbook/engineering/careers/matrix/mistakes")); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(warn, "content/handbook/engineering/careers/matrix/web/senior.md")
	addWarning(t, page)
	// The site kept in a folder of the repository, which careerlint does
	// not find from the repository's top.
	nested := copyExample(t, "site")
	for _, shell := range j.shells() {
		for _, tc := range []struct {
			name, dir, failLevel string
			want                 int
		}{
			{"one warning", warn, "info", exitFindings},
			{"one warning", warn, "warning", exitFindings},
			{"one warning", warn, "error", exitClean},
			{"site in a folder", nested, "warning", exitUsage},
			{"site in a folder", nested, "error", exitUsage},
		} {
			for _, f := range []string{j.tpl.Job.Artifacts.Reports.CodeQuality, j.tpl.Job.Artifacts.Paths[0]} {
				os.Remove(filepath.Join(tc.dir, f))
			}
			code, out := j.run(t, shell, tc.dir, map[string]string{"fail-level": tc.failLevel})
			if code != tc.want {
				t.Errorf("%s, %s, fail-level %s: job exit %d, want %d\n%s", shell, tc.name, tc.failLevel, code, tc.want, out)
				continue
			}
			if tc.want == exitUsage {
				if !strings.Contains(out, "no site at") {
					t.Errorf("%s: job log lacks the usage error:\n%s", shell, out)
				}
				continue
			}
			if issues := j.codeQualityIssues(t, tc.dir); len(issues) != 1 {
				t.Errorf("%s, fail-level %s: Code Quality report: %d issues, want the one warning at any fail level", shell, tc.failLevel, len(issues))
			}
		}
	}
}

// TestGitLabTemplateInstallFails runs the job with a go that cannot
// install careerlint (a version input that names no version, no module
// proxy), which exits 1 as careerlint does for findings: the job exits 2,
// as for a broken setup, so that a project whose allow_failure lets exit
// code 1 pass, for findings, still fails.
func TestGitLabTemplateInstallFails(t *testing.T) {
	j := newTemplateJob(t)
	t.Parallel()
	j.goBin = t.TempDir()
	if err := os.WriteFile(filepath.Join(j.goBin, "go"), []byte("#!/bin/sh\necho \"go: $2: invalid version: unknown revision\" >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, shell := range j.shells() {
		code, out := j.run(t, shell, copyExample(t, ""), map[string]string{"version": "v9.9.9"})
		if code != exitUsage || !strings.Contains(out, "/cmd/careerlint@v9.9.9: invalid version") {
			t.Errorf("%s: job exit %d, want %d, not the %d of findings, when go install fails\n%s", shell, code, exitUsage, exitFindings, out)
		}
	}
}

// TestGitLabTemplateGOBIN runs the job in an image that sets GOBIN, where
// go install puts careerlint: the job runs that one, not one that an
// earlier PATH entry holds.
func TestGitLabTemplateGOBIN(t *testing.T) {
	j := newTemplateJob(t)
	t.Parallel()
	gobin := t.TempDir()
	if err := os.WriteFile(filepath.Join(gobin, "careerlint"), []byte("#!/bin/sh\necho careerlint from GOBIN\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, shell := range j.shells() {
		code, out := j.run(t, shell, copyExample(t, ""), nil, "GOBIN="+gobin)
		if code != 0 || !strings.Contains(out, "careerlint from GOBIN") {
			t.Errorf("%s: job exit %d, want the careerlint installed in GOBIN to run\n%s", shell, code, out)
		}
	}
}

// TestGitLabTemplateRoot runs the job on a repository that keeps its site
// in a folder (with a space in its name, which the job passes as one
// argument) beside a README and a page the configuration does not select:
// the root input finds the site for both careerlint runs, on merge
// requests too, and lints only the career pages; paths, relative to the
// repository's top, is split at spaces and its patterns are expanded (a
// ? stands for the space of the folder's name).
func TestGitLabTemplateRoot(t *testing.T) {
	j := newTemplateJob(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	t.Parallel()
	const site = "the site"
	work := copyExample(t, site)
	writeFiles(t, work, map[string]string{
		"README.md": "# The handbook\n\nSee [the site](the%20site/).\n",
		site + "/content/handbook/people/index.md": "---\ntitle: People\n---\n\n## People\n\nNo career page.\n",
	})
	base := j.initRepo(t, work)
	matrix := site + "/content/handbook/engineering/careers/matrix/"
	pattern := strings.ReplaceAll(matrix, " ", "?")
	for _, shell := range j.shells() {
		code, out := j.run(t, shell, work, map[string]string{"root": site})
		if code != exitFindings || !strings.Contains(out, "12 files, 4 errors") {
			t.Errorf("%s, root %q: job exit %d, want %d and the 12 career pages and include files linted\n%s", shell, site, code, exitFindings, out)
		}
		issues := j.codeQualityIssues(t, work)
		if len(issues) != 5 || issues[0] != matrix+"mistakes/senior.md" {
			t.Errorf("%s, root %q: Code Quality report's paths %q, want the 5 findings, at paths from the repository's top", shell, site, issues)
		}
		code, out = j.run(t, shell, work, map[string]string{"root": site, "paths": pattern + "*/senior.md " + pattern + "web"})
		if code != exitFindings || !strings.Contains(out, "6 files, 4 errors") {
			t.Errorf("%s, paths with patterns, two of them: job exit %d, want %d and the three senior pages and web's others linted\n%s", shell, code, exitFindings, out)
		}
		code, out = j.run(t, shell, work, map[string]string{"root": "no such folder"})
		if code != exitUsage || !strings.Contains(out, `--root no such folder does not exist`) {
			t.Errorf("%s, a root that does not exist: job exit %d, want %d\n%s", shell, code, exitUsage, out)
		}
	}

	// A merge request that adds a warning to a page of the site: the run
	// that decides the job finds what changed under the root.
	page := filepath.Join(work, filepath.FromSlash(matrix+"web/senior.md"))
	addWarning(t, page)
	j.git(t, work, "commit", "-q", "-am", "a warning")
	code, out := j.run(t, "bash", work, map[string]string{"root": site}, "CI_MERGE_REQUEST_DIFF_BASE_SHA="+base)
	if code != exitFindings || !strings.Contains(out, matrix+"web/senior.md:") || strings.Contains(out, "mistakes/senior.md") {
		t.Errorf("merge request in the site: job exit %d, want %d for the new warning alone\n%s", code, exitFindings, out)
	}
	if issues := j.codeQualityIssues(t, work); len(issues) != 6 {
		t.Errorf("merge request in the site: Code Quality report: %d issues, want every page's 6", len(issues))
	}
}

// TestGitLabTemplateBaseCommit runs the job of a merge request that adds
// a warning, in a full clone and in a shallow one as GitLab's runners make:
// the job lints the change against the merge request's base commit in
// both, fetches that commit only where the clone lacks it, and leaves a
// full clone full (a fetch with --depth made it shallow).
func TestGitLabTemplateBaseCommit(t *testing.T) {
	j, origin, base := newRepoTemplateJob(t)
	page := filepath.Join(origin, "content/handbook/engineering/careers/matrix/web/senior.md")
	addWarning(t, page)
	j.git(t, origin, "commit", "-q", "-am", "a warning")
	for _, tc := range runnerClones {
		clone := j.clone(t, origin, tc.depth...)
		shallow := j.git(t, clone, "rev-parse", "--is-shallow-repository")
		has := func() bool {
			g := exec.Command("git", "cat-file", "-e", base+"^{commit}")
			g.Dir, g.Env = clone, j.gitEnv()
			return g.Run() == nil
		}
		if had := has(); had != (tc.depth == nil) {
			t.Fatalf("%s: holds the base commit: %v", tc.name, had)
		}
		code, out := j.run(t, "bash", clone, nil, "CI_MERGE_REQUEST_DIFF_BASE_SHA="+base)
		if !has() {
			t.Errorf("%s: the job did not fetch the base commit", tc.name)
		}
		if code != exitFindings || !strings.Contains(out, "web/senior.md:") || strings.Contains(out, "mistakes/senior.md") {
			t.Errorf("%s: job exit %d, want %d for the merge request's warning alone\n%s", tc.name, code, exitFindings, out)
		}
		if tc.depth == nil {
			if after := j.git(t, clone, "rev-parse", "--is-shallow-repository"); after != shallow {
				t.Errorf("%s: the job made the clone shallow (--is-shallow-repository %s, then %s)", tc.name, shallow, after)
			}
		}
	}
}

// TestGitLabTemplateMergedResults runs the job of a merged results
// pipeline, whose checkout is the merge request merged into the target
// branch's head, with CI_MERGE_REQUEST_TARGET_BRANCH_SHA set: after the
// merge request's base, the target branch gained a warning on another
// track's page, which the merge request did not bring. With only-new the
// job fails for the merge request's warning alone, in a full clone and in
// a shallow one that lacks the target branch's head; measured from the
// merge request's base it failed for the target branch's warning too.
func TestGitLabTemplateMergedResults(t *testing.T) {
	j, origin, base := newRepoTemplateJob(t)
	main := j.git(t, origin, "branch", "--show-current")
	j.git(t, origin, "checkout", "-q", "-b", "mr")
	addWarning(t, filepath.Join(origin, "content/handbook/engineering/careers/matrix/web/senior.md"))
	j.git(t, origin, "commit", "-q", "-am", "the merge request's warning")
	j.git(t, origin, "checkout", "-q", main)
	addWarning(t, filepath.Join(origin, "content/handbook/engineering/careers/matrix/platform/senior.md"))
	j.git(t, origin, "commit", "-q", "-am", "the target branch's warning")
	target := j.git(t, origin, "rev-parse", "HEAD")
	j.git(t, origin, "checkout", "-q", "--detach")
	j.git(t, origin, "merge", "-q", "--no-edit", "mr")
	j.git(t, origin, "branch", "merged-result")
	for _, tc := range runnerClones {
		clone := j.clone(t, origin, append([]string{"--branch", "merged-result"}, tc.depth...)...)
		code, out := j.run(t, "bash", clone, map[string]string{"only-new": "true"},
			"CI_MERGE_REQUEST_DIFF_BASE_SHA="+base, "CI_MERGE_REQUEST_TARGET_BRANCH_SHA="+target)
		if code != exitFindings || !strings.Contains(out, "web/senior.md:") || strings.Contains(out, "platform/senior.md:") {
			t.Errorf("%s: job exit %d, want %d for the merge request's warning alone, not the target branch's\n%s", tc.name, code, exitFindings, out)
		}
	}
}

// TestGitLabTemplateOnlyNew runs the job of a merge request that edits a
// page with old errors: by default the job fails for them; with the
// only-new input it passes, and fails once the merge request adds a
// warning, for that warning alone. The Code Quality report covers every
// page either way.
func TestGitLabTemplateOnlyNew(t *testing.T) {
	j, repo, base := newRepoTemplateJob(t)
	page := filepath.Join(repo, "content/handbook/engineering/careers/matrix/mistakes/senior.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(data, "\nA paragraph that links nothing.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	j.git(t, repo, "commit", "-q", "-am", "a clean paragraph")
	mr := "CI_MERGE_REQUEST_DIFF_BASE_SHA=" + base
	if code, out := j.run(t, "bash", repo, nil, mr); code != exitFindings || !strings.Contains(out, "mistakes/senior.md:") {
		t.Errorf("default inputs: job exit %d, want %d for the page's old errors\n%s", code, exitFindings, out)
	}
	only := map[string]string{"only-new": "true"}
	code, out := j.run(t, "bash", repo, only, mr)
	if code != exitClean || strings.Contains(out, "mistakes/senior.md:") || !strings.Contains(out, "the pages had before this change are not shown (--only-new)") {
		t.Errorf("only-new: job exit %d, want %d, with no finding and a note on the old ones\n%s", code, exitClean, out)
	}
	if issues := j.codeQualityIssues(t, repo); len(issues) != 5 {
		t.Errorf("only-new: Code Quality report: %d issues, want every page's 5", len(issues))
	}
	addWarning(t, page)
	j.git(t, repo, "commit", "-q", "-am", "a warning")
	code, out = j.run(t, "bash", repo, only, mr)
	if code != exitFindings || strings.Count(out, "mistakes/senior.md:") != 1 || !strings.Contains(out, "link-syntax") {
		t.Errorf("only-new with a new warning: job exit %d, want %d for the warning alone\n%s", code, exitFindings, out)
	}
	// Outside a merge request there is no change to compare with: the
	// input changes nothing.
	if code, out := j.run(t, "bash", repo, only); code != exitFindings || strings.Contains(out, "--only-new") {
		t.Errorf("only-new on a branch pipeline: job exit %d, want %d for every finding\n%s", code, exitFindings, out)
	}
}

// yamlScalar renders a decoded YAML default as the text GitLab
// interpolates.
func yamlScalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestPreCommitHooksFile checks .pre-commit-hooks.yaml: the hooks' ids,
// languages and file types, and that their entries use only existing
// flags.
func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile(repoFile(".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string
		Name          string
		Description   string
		Entry         string
		Language      string
		Types         []string
		PassFilenames *bool `yaml:"pass_filenames"`
		AlwaysRun     bool  `yaml:"always_run"`
		RequireSerial bool  `yaml:"require_serial"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 2 {
		t.Fatalf("%d hooks, want 2", len(hooks))
	}
	for _, h := range hooks {
		if h.Language != "golang" || !strings.HasPrefix(h.Entry, "careerlint ") {
			t.Errorf("hook %+v: want language golang and an entry that runs careerlint", h)
		}
		// Without require_serial, pre-commit splits the files among
		// parallel runs (one per CPU, four files or more each): a page
		// and an include file it includes in two runs are both linted, so
		// their findings and a summary line are printed twice.
		if !h.RequireSerial {
			t.Errorf("hook %s: want require_serial true, so that one run lints the files once", h.ID)
		}
	}
	files, changed := hooks[0], hooks[1]
	if files.ID != "careerlint" || !slices.Equal(files.Types, []string{"markdown"}) || files.PassFilenames == nil || !*files.PassFilenames {
		t.Errorf("hook %+v: want id careerlint, types [markdown], pass_filenames true", files)
	}
	if seen := checkFlags(t, ".pre-commit-hooks.yaml", "entry: "+files.Entry); !seen["pages-only"] {
		t.Errorf("entry %q lints every Markdown file passed, also those that are no career page; want --pages-only", files.Entry)
	}
	// pre-commit never passes a deleted file: the hook that sees deletions
	// and moves finds the change itself, on every commit.
	if changed.ID != "careerlint-changed" || changed.PassFilenames == nil || *changed.PassFilenames || !changed.AlwaysRun {
		t.Errorf("hook %+v: want id careerlint-changed, pass_filenames false, always_run true", changed)
	}
	if seen := checkFlags(t, ".pre-commit-hooks.yaml", "entry: "+changed.Entry); !seen["changed-since"] {
		t.Errorf("entry %q does not lint what the commit changes; want --changed-since HEAD", changed.Entry)
	}
}

// TestReadmeFlags checks that the careerlint commands in README.md's code
// blocks and inline code (the usage, the pre-commit and GitLab CI
// snippets, the editor setup) use only flags the CLI has.
func TestReadmeFlags(t *testing.T) {
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	in := false
	var cur strings.Builder
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			if in {
				blocks = append(blocks, cur.String())
				cur.Reset()
			}
			in = !in
			continue
		}
		if in {
			cur.WriteString(line)
		}
	}
	// Commands written inline, `careerlint --flag ...`, count too.
	for _, m := range regexp.MustCompile("`(careerlint [^`\n]*)`").FindAllStringSubmatch(string(data), -1) {
		blocks = append(blocks, m[1])
	}
	seen := checkFlags(t, "README.md", strings.Join(blocks, "\n"))
	for _, f := range []string{"output", "stdin-filename", "pages-only"} {
		if !seen[f] {
			t.Errorf("no careerlint command in README.md's code blocks shows --%s", f)
		}
	}
}
