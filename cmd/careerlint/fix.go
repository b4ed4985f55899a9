package main

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"gitlab.com/careerlint/careerlint/lint"
)

// printDiff prints a unified diff per changed file, in path order: the
// file --fix would write (see fixPlan), once, under its own name (a
// symlinked include's diff names the file it leads to, which git tracks
// and git apply and patch write; they refuse a symlink).
func printDiff(stdout, stderr io.Writer, root string, changed map[string]lint.FixedFile, linted []string) (int, error) {
	plan := newFixPlan(root, changed, linted)
	shown := shownFrom(root)
	var files []string
	for _, f := range sortedPaths(changed) {
		if others, ok := plan.differ[f]; ok {
			notef(stderr, "careerlint: no diff for %s: the same file as %s (a symlink), whose fixes differ under each name; make the link a file of its own\n", shown(f), strings.Join(mapNames(others, shown), ", "))
			continue
		}
		if plan.skip[f] {
			continue
		}
		files = append(files, f)
	}
	names := map[string]string{}
	for _, f := range files {
		n, ok := diffPath(root, plan.real[f])
		if !ok {
			// A file outside the current folder, which git apply run here
			// would not touch: every file named from the site root.
			clear(names)
			notef(stderr, "careerlint: the diff names files from the site root, %s, as %s is outside the current folder: apply it there\n", root, f)
			break
		}
		names[f] = n
	}
	nameOf := func(f string) string {
		if name, ok := names[f]; ok {
			return name
		}
		return plan.real[f]
	}
	slices.SortStableFunc(files, func(a, b string) int { return strings.Compare(nameOf(a), nameOf(b)) })
	for _, f := range files {
		name := nameOf(f)
		io.WriteString(stdout, unifiedDiff(patchLines(changed[f].Old), patchLines(changed[f].New), diffName("a/"+name), diffName("b/"+name), 3))
	}
	if len(files) > 0 {
		return exitFindings, nil
	}
	return exitClean, nil
}

// diffPath names a root-relative file in the diff as seen from the
// current folder, so that `git apply` or `patch -p1` run where careerlint
// ran applies it (`--root site` from the repository's top names
// site/content/...); ok is false when the file is not below the current
// folder.
func diffPath(root, rel string) (name string, ok bool) {
	wd, err := os.Getwd()
	if err != nil {
		return rel, false
	}
	p, err := filepath.Rel(wd, filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil || p == ".." || strings.HasPrefix(p, ".."+string(filepath.Separator)) {
		return rel, false
	}
	return filepath.ToSlash(p), true
}

// diffName writes a file name of a diff header as git does: one holding a
// control character (a newline, an escape sequence), a byte that is not
// UTF-8, a double quote or a backslash is quoted C-style, every such byte
// and every byte past ASCII as an octal escape ("a/x\033[31m.md"), which
// git apply and patch read back; so no file name forges a line of the
// diff or drives the terminal. Other names are written as they are. A
// name holding a space ends with a tab, as git writes it, since patch
// reads a name up to the first space unless a tab ends it.
func diffName(name string) string {
	if strings.Contains(name, " ") {
		return quoteDiffName(name) + "\t"
	}
	return quoteDiffName(name)
}

// quoteDiffName is diffName without the tab after a name with a space.
func quoteDiffName(name string) string {
	plain := utf8.ValidString(name)
	for _, r := range name {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '"' || r == '\\' || lint.IsBidiControl(r) {
			plain = false
			break
		}
	}
	if plain {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// patchLines splits a file into the lines of a unified diff, each with its
// "\n", as patch and git apply read them: no empty line after the last
// one (difflib.SplitLines adds one), and a last line without a line
// ending carries the "\ No newline at end of file" marker, so that it
// differs from the same line with one and prints as patch expects.
func patchLines(b []byte) []string {
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	return lines
}

// writeFixes writes each changed file atomically. A file that changed on
// disk since careerlint read it is reported and left alone. An interrupt
// (SIGINT, SIGTERM) while writing lets the file being written finish, so
// that no temporary file is left behind, and stops before the next one.
// Two names of one file are written as fixPlan says.
func writeFixes(stderr io.Writer, root string, changed map[string]lint.FixedFile, linted []string) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	var failed []string
	files := sortedPaths(changed)
	plan := newFixPlan(root, changed, linted)
	shown := shownFrom(root)
	for i, f := range files {
		select {
		case s := <-sig:
			return fmt.Errorf("interrupted (%v); %d of %s fixed, the others left as they were", s, i, files1(len(files)))
		default:
		}
		if others, ok := plan.differ[f]; ok {
			notef(stderr, "careerlint: not fixed: %s: the same file as %s (a symlink), whose fixes differ under each name; make the link a file of its own\n", shown(f), strings.Join(mapNames(others, shown), ", "))
			failed = append(failed, f)
			continue
		}
		if plan.skip[f] {
			continue // written under its first name
		}
		if err := lint.WriteFileAtomic(root, f, changed[f].Old, changed[f].New); err != nil {
			why := err.Error()
			if rest, ok := strings.CutPrefix(why, f+": "); ok {
				why = shown(plan.real[f]) + ": " + rest // named as the other notes name it
			}
			notef(stderr, "careerlint: not fixed: %s\n", why)
			failed = append(failed, f)
			continue
		}
		notef(stderr, "careerlint: fixed %s\n", shown(plan.real[f]))
	}
	if len(failed) > 0 {
		return &unwrittenError{files: failed, msg: fmt.Sprintf("%s could not be written; the messages above say why", files1(len(failed)))}
	}
	return nil
}

// fixPlan is what --fix writes of the changed files, and --diff shows.
// Two names of the run may be one file (a symlink to a page of the run,
// linted names the files of the run): where their fixes agree it is
// written once, under its first name changed (the others are in skip);
// where they differ (a level page's fixes depend on its name, and a name
// with no fix wants the file as it is) no name's fixes suit the file, and
// differ holds each such name with the file's other names. real is each
// changed name's file as named from the root through its symlinks, the
// name git tracks.
type fixPlan struct {
	real   map[string]string
	skip   map[string]bool
	differ map[string][]string
}

// newFixPlan works out the fixPlan of a run's changed files.
func newFixPlan(root string, changed map[string]lint.FixedFile, linted []string) fixPlan {
	plan := fixPlan{real: map[string]string{}, skip: map[string]bool{}, differ: map[string][]string{}}
	files := sortedPaths(changed)
	site := &lint.Site{Root: root}
	names := map[string][]string{} // resolved file -> its names, sorted
	resolved := map[string]string{}
	all := slices.Concat(files, linted)
	slices.Sort(all)
	realRoot, rerr := filepath.EvalSymlinks(root)
	for _, f := range slices.Compact(all) {
		if abs, err := site.Resolve(f); err == nil {
			resolved[f] = abs
			names[abs] = append(names[abs], f)
		}
	}
	for _, f := range files {
		plan.real[f] = f
		if abs, ok := resolved[f]; ok && rerr == nil {
			if rel, err := filepath.Rel(realRoot, abs); err == nil && filepath.IsLocal(rel) {
				plan.real[f] = filepath.ToSlash(rel)
			}
		}
		same := names[resolved[f]]
		if len(same) < 2 {
			continue
		}
		differ := func(o string) bool {
			if c, ok := changed[o]; ok {
				return !bytes.Equal(c.New, changed[f].New)
			}
			return !bytes.Equal(changed[f].Old, changed[f].New) // no fix under that name
		}
		if slices.ContainsFunc(same, differ) {
			plan.differ[f] = slices.DeleteFunc(slices.Clone(same), func(o string) bool { return o == f })
			continue
		}
		if first := same[slices.IndexFunc(same, func(o string) bool { _, ok := changed[o]; return ok })]; first != f {
			plan.skip[f] = true
		}
	}
	return plan
}

// mapNames returns names each passed through shown.
func mapNames(names []string, shown func(string) string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = shown(n)
	}
	return out
}

// unwrittenError is writeFixes' error when files could not be written:
// their fixes are still to apply.
type unwrittenError struct {
	files []string // root-relative
	msg   string
}

func (e *unwrittenError) Error() string { return e.msg }

// leftNote says which findings with a fix --fix (or --diff) left in the
// files a hook's run lints beside those it may fix (lint.Fixed.Left): the
// old findings of the sibling levels and linking pages of
// --changed-since; with --pages-only, the findings of the pages an
// include file given brings in and of the include files of the pages
// given; with --only-new, those of them it still shows (scope). When
// some are suggestions (suggestions, after --apply-suggestions), the note
// names them too, with the command that applies them.
func leftNote(stderr io.Writer, root string, left map[string]int, scope leftKind, diff, suggestions bool) {
	if len(left) == 0 {
		return
	}
	n := 0
	for _, c := range left {
		n += c
	}
	files := slices.Sorted(maps.Keys(left))
	shown := shownFrom(root)
	names := make([]string, 0, 3)
	for _, f := range files[:min(3, len(files))] {
		names = append(names, shown(f))
	}
	list := strings.Join(names, ", ")
	if len(files) > 3 {
		list += fmt.Sprintf(" and %d more", len(files)-3)
	}
	one := len(files) == 1
	var what string
	switch {
	case scope == leftNotGiven && one:
		what = fmt.Sprintf("%d findings with a fix in a file not given, linted with the files given", n)
	case scope == leftNotGiven:
		what = fmt.Sprintf("%d findings with a fix in files not given, linted with the files given", n)
	case scope == leftUntouched && one:
		what = fmt.Sprintf("%d findings with a fix in a file this change does not touch", n)
	case scope == leftUntouched:
		what = fmt.Sprintf("%d findings with a fix in files this change does not touch", n)
	case one:
		what = fmt.Sprintf("%d findings with a fix that this change did not bring, in a file it does not touch", n)
	default:
		what = fmt.Sprintf("%d findings with a fix that this change did not bring, in files it does not touch", n)
	}
	fix := "fix them with careerlint --fix and those files"
	switch {
	case len(files) > 3 && diff:
		// --diff prints no report to name the rest.
		fix = "fix them with careerlint --fix and the files a run without --diff reports"
	case len(files) > 3:
		fix = "fix them with careerlint --fix and the files the report names"
	}
	if one {
		fix = "fix them with careerlint --fix " + names[0]
	}
	if n == 1 {
		what = strings.Replace(what, "findings", "finding", 1)
		fix = strings.Replace(fix, "them", "it", 1)
	}
	if suggestions {
		// Some may be suggestions, which --fix alone leaves.
		what = strings.Replace(what, " with a fix", " with a fix or a suggestion", 1)
		fix = strings.ReplaceAll(fix, "careerlint --fix", "careerlint --fix --apply-suggestions")
	}
	verb := "not fixed"
	if diff {
		verb = "not in the diff"
	}
	notef(stderr, "careerlint: %s: %s (%s); %s\n", verb, what, list, fix)
}

// leftKind is which files leftNote speaks of.
type leftKind int

const (
	leftNotGiven   leftKind = iota // --pages-only: files not given
	leftNotBrought                 // --changed-since: findings the change did not bring
	leftUntouched                  // --only-new: findings it shows, in files the change does not touch
)

// leftScope is the leftKind of a run with or without --changed-since.
func leftScope(changedSince bool) leftKind {
	if changedSince {
		return leftNotBrought
	}
	return leftNotGiven
}

// files1 is "1 file" or "N files".
func files1(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

func sortedPaths(m map[string]lint.FixedFile) []string { return slices.Sorted(maps.Keys(m)) }
