package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/anchor"
	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
	"gitlab.com/careerlint/careerlint/rules"
)

// The files of the fuzz site: the fuzzed page and the fuzzed include are
// given as overlays; a sibling level page and a nav include are fixed.
const (
	fuzzPage    = "content/handbook/engineering/careers/matrix/t/senior.md"
	fuzzSibling = "content/handbook/engineering/careers/matrix/t/staff.md"
	fuzzInclude = "assets/includes/fuzz.md"
)

// fuzzInc is the include every seed is paired with: a list, a link, a
// heading and an include of itself (a cycle).
const fuzzInc = "## Shared\n\n1. One\n2. Two\n* [Values](/handbook/values/#credit)\n\n{{% include \"includes/fuzz.md\" %}}\n"

// fuzzSite writes the fuzz site once and returns its root and the run
// options that lint it with every rule.
func fuzzSite(f *testing.F) lint.RunOptions {
	root := f.TempDir()
	files := map[string]string{
		fuzzPage:                 "placeholder\n",
		fuzzInclude:              "placeholder\n",
		"assets/includes/nav.md": "- [Senior](/handbook/engineering/careers/matrix/t/senior/)\n- [Staff](/handbook/engineering/careers/matrix/t/staff/)\n",
		fuzzSibling:              "---\ntitle: \"Staff\"\n---\n\n{{% include \"includes/nav.md\" %}}\n\n## Staff\n\n1. Leads\n1. Mentors\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	return lint.RunOptions{
		Root:            root,
		Config:          lint.DefaultConfig(),
		Rules:           rules.All(),
		SuppressionRule: rules.Suppression,
		Paths:           []string{filepath.Join(root, fuzzPage), filepath.Join(root, fuzzSibling)},
		Workers:         1,
	}
}

// checkResult checks what every finding of a run must be: placed inside
// its file, worded in house style, with fixes and suggestions whose edits
// lie inside the file and do not overlap each other.
func checkResult(t *testing.T, res *lint.Result) {
	t.Helper()
	size := func(file string) int {
		p := res.Site.File(file)
		if p == nil {
			t.Fatalf("finding in %s, a file the run did not read", file)
		}
		return len(p.Src)
	}
	inFile := func(what string, s lint.Span) {
		if n := size(s.File); !(0 <= s.Start && s.Start <= s.End && s.End <= n) {
			t.Fatalf("%s spans %d-%d of %s (%d bytes)", what, s.Start, s.End, s.File, n)
		}
	}
	for _, d := range res.Diagnostics {
		where := fmt.Sprintf("%s finding %q", d.Rule.Name, d.Message)
		inFile(where, d.Span)
		m := d.Message
		first, _ := utf8.DecodeRuneInString(m)
		second, _ := utf8.DecodeRuneInString(m[min(len(m), utf8.RuneLen(first)):])
		if m == "" || strings.HasSuffix(m, ".") || unicode.IsUpper(first) && unicode.IsLower(second) {
			t.Fatalf("%s: message not in house style (lower-case, no final period)", where)
		}
		for _, r := range d.Related {
			inFile(where+" related location", r.Span)
		}
		for _, fx := range append(slices.Clip(d.Fixes), d.Suggestions...) {
			for i, e := range fx.Edits {
				inFile(where+" fix edit", e.Span)
				for _, o := range fx.Edits[:i] {
					if e.Span.File == o.Span.File && (e.Span.Start < o.Span.End && o.Span.Start < e.Span.End || e.Span == o.Span) {
						t.Fatalf("%s: fix %q has overlapping edits %+v and %+v", where, fx.Title, o, e)
					}
				}
			}
		}
	}
}

// describe renders findings for comparing two runs.
func describe(res *lint.Result) string {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		fmt.Fprintf(&b, "%s:%d-%d %s %s %q %v %v %v\n", d.Span.File, d.Span.Start, d.Span.End, d.Rule.ID, d.Severity, d.Message, d.Related, d.Fixes, d.Suggestions)
	}
	return b.String()
}

// FuzzPageRules parses an arbitrary page and an arbitrary included file
// and runs every rule on them through the whole engine (discovery, parse,
// site, checks, suppressions, sorting): nothing panics or hangs, every
// finding is well placed and worded, and two runs agree byte for byte.
func FuzzPageRules(f *testing.F) {
	opt := fuzzSite(f)
	for _, s := range fuzzseed.Seeds(f, "FuzzPageRules") {
		f.Add(s, []byte(fuzzInc))
	}
	f.Fuzz(func(t *testing.T, page, inc []byte) {
		opt := opt
		opt.Overlay = map[string][]byte{fuzzPage: page, fuzzInclude: inc}
		res, err := lint.Run(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, res)
		again, err := lint.Run(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := describe(res), describe(again); a != b {
			t.Fatalf("two runs differ:\n%s\n%s", a, b)
		}
	})
}

// FuzzFix applies every fix to an arbitrary page and include, as --fix
// does, and then every fix and suggestion, as --fix --apply-suggestions
// does: fixing and re-linting never panics, fixes never overlap, the
// fixed text is linted cleanly, and fixing converges: a second --fix of
// the fixed text changes nothing.
func FuzzFix(f *testing.F) {
	opt := fuzzSite(f)
	for _, s := range fuzzseed.Seeds(f, "FuzzFix") {
		f.Add(s, []byte(fuzzInc))
	}
	f.Fuzz(func(t *testing.T, page, inc []byte) {
		for _, suggestions := range []bool{false, true} {
			opt := opt
			opt.ApplySuggestions = suggestions
			checkFixAll(t, opt, page, inc)
		}
	})
}

// checkFixAll is one FuzzFix case: FixAll of the page and include.
func checkFixAll(t *testing.T, opt lint.RunOptions, page, inc []byte) {
	t.Helper()
	opt.Overlay = map[string][]byte{fuzzPage: page, fuzzInclude: inc}
	fixed, err := lint.FixAll(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, fixed.Result)
	if len(fixed.Files) == 0 {
		return
	}
	for file, ff := range fixed.Files {
		if file != fuzzPage && file != fuzzInclude {
			t.Fatalf("fixed %s, which the run did not lint", file)
		}
		if string(ff.Old) != string(opt.Overlay[file]) {
			t.Fatalf("%s: the old text of the fix is not the text linted", file)
		}
	}
	next := opt
	next.Overlay = map[string][]byte{fuzzPage: page, fuzzInclude: inc}
	for file, ff := range fixed.Files {
		next.Overlay[file] = ff.New
	}
	again, err := lint.FixAll(context.Background(), next)
	if err != nil {
		t.Fatal(err)
	}
	for file, ff := range again.Files {
		t.Fatalf("%s: a second fix (suggestions applied: %v) still changes the fixed text:\n%q\nto\n%q", file, opt.ApplySuggestions, ff.Old, ff.New)
	}
}

// FuzzListMarkerKeepsRendering checks what list-marker's fixes promise: a
// bullet's marker does not show in the HTML, so a page fixed by them
// renders as before (no item turned into a paragraph, no line read as a
// thematic break), save that bullet lists right after one another join
// into one, as the rule means them to. With its suggestions applied too,
// the lines "<!-- -->" they put between lists that would join otherwise
// keep that promise (the comment, which Hugo does not show, left out of
// the comparison). Pages with shortcodes are left out: their includes
// paste text this test does not render.
func FuzzListMarkerKeepsRendering(f *testing.F) {
	opt := fuzzSite(f)
	opt.Rules = []*lint.Rule{rules.ListMarker}
	opt.SuppressionRule = nil
	for _, s := range fuzzseed.Seeds(f, "FuzzFix") {
		f.Add(s)
	}
	for _, s := range []string{"- a\n\n\t*\n* x\n", "- a\n\n  b\n* x\n", "- a\n* x\n\n  y\n", "* a\n* b\n\n- c\n", "> - a\n> * b\n", "+\n  * ", "*\n  -\n", "   - l\n  \n*\n  * e\n", "* --\n*\n  * e\n", "* ---\n\n*\n  * e\n", "> * --\n> *\n>   * e\n", "- x\n  * --\n  *\n    * e\n", "* --\n*\n  +\n    * f\n", "   - l\n  \n*\n  *\n    * f\n  * g\n", "*\n  * --\n", "<!-- careerlint-disable-next-line list-marker -- x -->\n*\n  * a\n"} {
		f.Add([]byte(s))
	}
	md := anchor.NewMarkdown()
	render := func(src []byte) string {
		var b strings.Builder
		// Hugo drops a byte order mark before it reads the page, as
		// careerlint does.
		if err := md.Convert([]byte(strings.TrimPrefix(string(src), "\ufeff")), &b); err != nil {
			return "error: " + err.Error()
		}
		var out strings.Builder
		for line := range strings.Lines(b.String()) {
			if strings.TrimSpace(line) != "<!-- -->" {
				out.WriteString(line)
			}
		}
		return strings.ReplaceAll(out.String(), "</ul>\n<ul>\n", "")
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		if strings.Contains(string(page), "{{") || !utf8.Valid(page) {
			return
		}
		for _, suggestions := range []bool{false, true} {
			opt := opt
			opt.Overlay = map[string][]byte{fuzzPage: page, fuzzInclude: []byte("x\n")}
			opt.ApplySuggestions = suggestions
			fixed, err := lint.FixAll(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			ff, ok := fixed.Files[fuzzPage]
			if !ok {
				continue
			}
			if before, after := render(page), render(ff.New); before != after {
				t.Fatalf("list-marker's fixes (suggestions applied: %v) change the rendering of\n%q\nto\n%q\nbefore:\n%s\nafter:\n%s", suggestions, page, ff.New, before, after)
			}
		}
	})
}
