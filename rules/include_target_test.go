package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
)

// TestIncludeTargetSymlinks builds a site whose include folder holds
// symlinks, since committed fixtures cannot hold symlinks portably: a link
// to a file outside the site root is refused and never read, a link that
// stays inside the site works, and a missing target is never told to use
// the outside link.
func TestIncludeTargetSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	write := func(rel, text string) { t.Helper(); writeFile(t, dir, rel, text) }
	link := func(target, rel string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	write("secret.md", "- outside the site\n")
	write("site/assets/includes/real.md", "- inside the site\n")
	write("site/assets/shared/values.md", "- shared values\n")
	link("../../../secret.md", "site/assets/includes/leak.md")
	link(filepath.Join(dir, "secret.md"), "site/assets/includes/leak-abs.md")
	link("real.md", "site/assets/includes/alias.md")
	link("../shared", "site/assets/includes/shared")
	link("nowhere.md", "site/assets/includes/dangling.txt") // not .md: the harness reads every .md file for expectations
	write("outside/notes.txt", "a folder outside the site\n")
	link(filepath.Join(dir, "outside"), "site/assets/includes/outdir")
	write("site/content/handbook/careers/matrix/x/senior.md", `---
title: "Senior - Include fixture"
---

## Senior

{{% include "includes/real.md" %}}
{{% include "includes/alias.md" %}}
{{% include "includes/shared/values.md" %}}
{{% include "includes/leak.md" %}} <!-- want "^include target \"includes/leak\\.md\" resolves through a symlink to a path outside the site root, which is never read; point the include at a file inside assets/$" -->
{{% include "includes/leak-abs.md" %}} <!-- want "resolves through a symlink to a path outside the site root" -->
{{% include "includes/outdir" %}} <!-- want "^include target \"includes/outdir\" resolves through a symlink to a path outside the site root" -->
{{% include "includes/leek.md" %}} <!-- want "^include target \"includes/leek\\.md\" does not exist under assets/$" -->
{{% include "includes/dangling.txt" %}} <!-- want "^include target \"includes/dangling\\.txt\" does not exist under assets/$" -->
`)
	diags := linttest.Run(t, site, rules.All(), rules.Suppression, rules.IncludeTarget)
	for _, d := range diags {
		if d.Span.File != "content/handbook/careers/matrix/x/senior.md" {
			t.Errorf("finding outside the page: %s: %s", d.Span.File, d.Message)
		}
	}
}

// TestIncludeTargetExpansion: a page whose include tree expands past
// lint.MaxIncludeExpansion (each file including the next twice, 30 levels
// deep: about 2^30 include shortcodes) is reported once, at its first
// include, and checked without its includes.
func TestIncludeTargetExpansion(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) { writeFile(t, root, rel, text) }
	for i := 0; i < 30; i++ {
		inc := fmt.Sprintf("{{%% include \"includes/e%d.md\" %%}}\n", i+1)
		write(fmt.Sprintf("assets/includes/e%d.md", i), inc+"\n"+inc)
	}
	write("assets/includes/e30.md", "- leaf\n")
	write(matrix+"t/senior.md", "---\ntitle: Senior\n---\n\n## Senior\n\n{{% include \"includes/e0.md\" %}}\n")
	var got []string
	for _, d := range runSite(t, root).Diagnostics {
		if d.Rule.Name == "include-target" {
			got = append(got, fmt.Sprintf("%s:%d: %s", d.Span.File, d.Span.Start, d.Message))
		}
	}
	want := fmt.Sprintf("%st/senior.md:34: the includes of this page expand to more than %d include shortcodes, headings, links, HTML ids and list items", matrix, lint.MaxIncludeExpansion)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("include-target findings %q, want one starting %q", got, want)
	}
}
