// Package linttest runs a rule over fixture sites whose expected findings
// are written inside the fixtures, in the manner of analysistest.
//
// A fixture site is a folder holding content/ (the pages linted), and
// optionally assets/ (include targets) and a .careerlint.yaml. An
// expectation is written at the end of the line the finding starts on:
//
//  2. Beta <!-- want "numbered 2; the handbook writes every item as \"1\\.\"" -->
//
// in front matter and in the site's .careerlint.yaml as a comment,
// `title: x # want "regexp"`, and for files that cannot hold a comment
// (binary or empty files) in a sidecar file NAME.want with lines
// `LINE "regexp"`. The quoted text is a Go string
// literal (so a regexp's `\.` is written `\\.`). Each expectation is a Go regular
// expression that must match the message of exactly one finding of the rule
// under test on that line; findings without an expectation and
// expectations without a finding fail the test.
package linttest

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// Expectation is one expected finding.
type Expectation struct {
	File string
	Line int
	Re   *regexp.Regexp
}

var (
	htmlWant = regexp.MustCompile(`<!--\s*want((?:\s+"(?:[^"\\]|\\.)*")+)\s*-->`)
	hashWant = regexp.MustCompile(`#\s*want((?:\s+"(?:[^"\\]|\\.)*")+)\s*$`)
	quoted   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	sidecar  = regexp.MustCompile(`^(\d+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*$`)
)

// Expectations reads every expectation of a fixture site.
func Expectations(root string) ([]Expectation, error) {
	var out []Expectation
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		parse := func(file string, line int, list string) error {
			for _, q := range quoted.FindAllString(list, -1) {
				s, err := strconv.Unquote(q)
				if err != nil {
					return fmt.Errorf("%s:%d: bad expectation %s: %v", file, line, q, err)
				}
				re, err := regexp.Compile(s)
				if err != nil {
					return fmt.Errorf("%s:%d: bad regexp %s: %v", file, line, q, err)
				}
				out = append(out, Expectation{File: file, Line: line, Re: re})
			}
			return nil
		}
		if strings.HasSuffix(rel, ".want") {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				t := strings.TrimSpace(sc.Text())
				if t == "" || strings.HasPrefix(t, "//") {
					continue
				}
				m := sidecar.FindStringSubmatch(t)
				if m == nil {
					return fmt.Errorf("%s: line %q is not `LINE \"regexp\"`", rel, t)
				}
				n, _ := strconv.Atoi(m[1])
				if err := parse(strings.TrimSuffix(rel, ".want"), n, m[2]); err != nil {
					return err
				}
			}
			return sc.Err()
		}
		if !strings.HasSuffix(rel, ".md") && rel != lint.ConfigFileName {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			line = strings.TrimRight(line, "\r")
			for _, m := range htmlWant.FindAllStringSubmatch(line, -1) {
				if err := parse(rel, i+1, m[1]); err != nil {
					return err
				}
			}
			if m := hashWant.FindStringSubmatch(line); m != nil && !htmlWant.MatchString(line) {
				if err := parse(rel, i+1, m[1]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// Config returns the configuration of a fixture site: its .careerlint.yaml
// if present, else the defaults, with the linted pages being content/**,
// and the site's Hugo configuration (lint.LoadHugoConfig).
func Config(t testing.TB, root string, all []*lint.Rule) *lint.Config {
	t.Helper()
	file := filepath.Join(root, lint.ConfigFileName)
	if _, err := os.Stat(file); err == nil {
		cfg, err := lint.LoadConfig(file, all)
		if err != nil {
			t.Fatalf("fixture config: %v", err)
		}
		cfg.Hugo = lint.LoadHugoConfig(root, cfg)
		return cfg
	}
	cfg := lint.DefaultConfig()
	cfg.Pages = []string{"content/**/*.md"}
	cfg.Hugo = lint.LoadHugoConfig(root, cfg)
	return cfg
}

// Lint runs every rule of all over a fixture site, with sup as the
// suppression rule, and returns the findings of rule r.
func Lint(t testing.TB, root string, all []*lint.Rule, sup, r *lint.Rule) []lint.Diagnostic {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: abs, Config: Config(t, abs, all), Rules: all, SuppressionRule: sup})
	if err != nil {
		t.Fatalf("run %s: %v", root, err)
	}
	var out []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Rule == r {
			out = append(out, d)
		}
	}
	return out
}

// Run checks rule r over the fixture site at root against the expectations
// written in it. It returns the findings so callers can check fixes.
func Run(t *testing.T, root string, all []*lint.Rule, sup, r *lint.Rule) []lint.Diagnostic {
	t.Helper()
	wants, err := Expectations(root)
	if err != nil {
		t.Fatal(err)
	}
	diags := Lint(t, root, all, sup, r)
	abs, _ := filepath.Abs(root)
	lines := map[string]*lint.LineIndex{}
	lineOf := func(file string, off int) int {
		li, ok := lines[file]
		if !ok {
			src, _ := os.ReadFile(filepath.Join(abs, filepath.FromSlash(file)))
			li = lint.NewLineIndex(src)
			lines[file] = li
		}
		return li.Position(off).Line
	}
	used := make([]bool, len(wants))
	var problems []string
	for _, d := range diags {
		line := lineOf(d.Span.File, d.Span.Start)
		found := false
		for i, w := range wants {
			if !used[i] && w.File == d.Span.File && w.Line == line && w.Re.MatchString(d.Message) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("%s:%d: unexpected finding: %s", d.Span.File, line, d.Message))
		}
	}
	for i, w := range wants {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("%s:%d: no finding matching %q", w.File, w.Line, w.Re))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	return diags
}

// RunFix applies the fixes of rule r alone over a fixture site, in rounds
// as --fix does, and compares every changed file with the golden file
// beside it (NAME.md.golden): a changed file without a golden file, or a
// golden file whose page did not change to it, fails the test. It then
// checks that the fixed text holds no fixable finding of r.
func RunFix(t *testing.T, root string, all []*lint.Rule, r *lint.Rule) {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	opt := lint.RunOptions{Root: abs, Config: Config(t, abs, all), Rules: []*lint.Rule{r}}
	fixed, err := lint.FixAll(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	res := fixed.Result
	changed := map[string][]byte{}
	for f, ff := range fixed.Files {
		changed[f] = ff.New
	}
	goldens := map[string]bool{}
	_ = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md.golden") {
			rel, _ := filepath.Rel(abs, p)
			goldens[strings.TrimSuffix(filepath.ToSlash(rel), ".golden")] = true
		}
		return nil
	})
	update := os.Getenv("UPDATE_GOLDEN") != ""
	for _, f := range slices.Sorted(maps.Keys(changed)) {
		golden := filepath.Join(abs, filepath.FromSlash(f)+".golden")
		if update {
			if err := os.WriteFile(golden, changed[f], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s was fixed but has no golden file %s.golden; run with UPDATE_GOLDEN=1 and review it", f, f)
			continue
		}
		if string(want) != string(changed[f]) {
			t.Errorf("%s: fixed text differs from %s.golden:\n--- got ---\n%s\n--- want ---\n%s", f, f, changed[f], want)
		}
		delete(goldens, f)
	}
	if !update {
		for _, f := range slices.Sorted(maps.Keys(goldens)) {
			t.Errorf("%s.golden exists but %s was not changed by the fixes", f, f)
		}
	}
	for _, d := range res.Diagnostics {
		if d.Rule == r && len(d.Fixes) > 0 {
			t.Errorf("%s: a fixable finding is left after fixing: %s", d.Span.File, d.Message)
		}
	}
}

// RunSuggestions checks the suggestions of rule r over a fixture site, as
// an editor applies them: each one alone, to the text of one file. Every
// suggestion must change that file, and the lint of the changed site must
// hold no finding of r over the text the suggestion wrote (the suggestion
// mends the finding it was offered on). It returns how many distinct
// suggestions it checked.
func RunSuggestions(t *testing.T, root string, all []*lint.Rule, r *lint.Rule) int {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	opt := lint.RunOptions{Root: abs, Config: Config(t, abs, all), Rules: all}
	res, err := lint.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Rule != r {
			continue
		}
		for _, sug := range d.Suggestions {
			key := fmt.Sprint(sug.Edits)
			if seen[key] {
				continue // a link in an included file, found on each page
			}
			seen[key] = true
			checkSuggestion(t, opt, d, sug, r)
		}
	}
	return len(seen)
}

// checkSuggestion applies one suggestion of finding d and lints again.
func checkSuggestion(t *testing.T, opt lint.RunOptions, d lint.Diagnostic, sug lint.Fix, r *lint.Rule) {
	t.Helper()
	where := fmt.Sprintf("%s@%d %q: suggestion %q", d.Span.File, d.Span.Start, d.Message, sug.Title)
	if len(sug.Edits) == 0 || sug.Title == "" {
		t.Errorf("%s has no edits or no title", where)
		return
	}
	file := sug.Edits[0].Span.File
	src, err := os.ReadFile(filepath.Join(opt.Root, filepath.FromSlash(file)))
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	edits := slices.Clone(sug.Edits)
	slices.SortFunc(edits, func(a, b lint.Edit) int { return a.Span.Start - b.Span.Start })
	for _, e := range edits {
		if e.Span.File != file {
			t.Errorf("%s edits two files, %s and %s", where, file, e.Span.File)
			return
		}
	}
	out, n := lint.ApplyEdits(src, edits)
	if n != len(edits) || string(out) == string(src) {
		t.Errorf("%s applies %d of %d edits and changes nothing: %v", where, n, len(edits), edits)
		return
	}
	// Where the written text lies in the changed file.
	type region struct{ start, end int }
	var written []region
	shift := 0
	for _, e := range edits {
		start := e.Span.Start + shift
		written = append(written, region{start, start + len(e.Text)})
		shift += len(e.Text) - (e.Span.End - e.Span.Start)
	}
	opt.Overlay = map[string][]byte{file: out}
	opt.Rules = []*lint.Rule{r} // the only findings looked at
	res, err := lint.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	// A suggestion rewrites a destination or an include target, never
	// breaks its syntax: the file keeps its links and includes (a space or
	// "<" written in a link's destination makes the link text, a space in
	// an unquoted include target makes the shortcode malformed, and
	// neither then has a finding). Mending a malformed shortcode may add
	// one.
	links, incs := parsedCounts(opt, file, src)
	if l, i := parsedCounts(opt, file, out); l < links || i < incs {
		t.Errorf("%s leaves %d links and %d includes in %s, which had %d and %d", where, l, i, file, links, incs)
	}
	for _, after := range res.Diagnostics {
		if after.Rule != r || after.Span.File != file {
			continue
		}
		for _, w := range written {
			if after.Span.Start <= w.end && w.start <= after.Span.End {
				t.Errorf("%s leaves a finding over the text it wrote: %s", where, after.Message)
			}
		}
	}
}

// parsedCounts is how many links and includes file has when it holds
// src.
func parsedCounts(opt lint.RunOptions, file string, src []byte) (links, includes int) {
	p := lint.ParsePage(file, src, opt.Config.ParseOptions())
	return len(p.Links), len(p.Includes)
}
