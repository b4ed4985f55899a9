// Command careerlint lints the career-framework pages of a Hugo handbook.
//
// This package is the command line only: flags, subcommands, exit codes and
// wiring. The engine is package lint, the rules are package rules.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/mattn/go-isatty"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitUsage    = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a problem with the command line or configuration: exit 2.
// An empty message means the problem was already printed (the flag
// package prints its own errors with the usage).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usageText = `usage: careerlint [flags] [paths...]
       careerlint links [flags] [paths...]
       careerlint rules | explain RULE | init | version

Lints the career-framework pages of a Hugo handbook. With no path it lints
the career pages the configuration selects under the site root.

Flags:
`

const linksUsageText = `usage: careerlint links [flags] [paths...]

Checks the links and anchors of every Markdown page under the given paths
(default: the whole content root) with the link rules only: the handbook's
link check.

Flags:
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return report(stderr, cmdRules(args[1:], stdout))
		case "explain":
			return report(stderr, cmdExplain(args[1:], stdout))
		case "init":
			return report(stderr, cmdInit(args[1:], stdout))
		case "version":
			fmt.Fprintf(stdout, "careerlint %s\n", version)
			return exitClean
		case "links":
			code, err := cmdLint(args[1:], stdout, stderr, linksMode())
			if err != nil {
				return report(stderr, err)
			}
			return code
		case "help":
			args = []string{"-h"}
		}
	}
	code, err := cmdLint(args, stdout, stderr, lintMode{rules: rules.All()})
	if err != nil {
		return report(stderr, err)
	}
	return code
}

// report prints an error and returns its exit code.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitClean
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitClean
	}
	if ue, ok := err.(usageError); ok && ue.msg == "" {
		return exitUsage
	}
	fmt.Fprintf(stderr, "careerlint: %v\n", err)
	return exitUsage
}

type lintFlags struct {
	format, color, config, root, failLevel string
	quiet, fix, diff                       bool
}

// parseInterleaved parses flags that may come before or after paths.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// lintMode is what a linting subcommand runs: the plain command runs every
// rule on the career pages, `careerlint links` only the link rules on every
// Markdown page.
type lintMode struct {
	// name is the subcommand, "" for the plain command.
	name  string
	rules []*lint.Rule
	// allMarkdown lints every Markdown page under the content root when no
	// path is given, not only the configured career pages.
	allMarkdown bool
	usage       string
}

func linksMode() lintMode {
	return lintMode{name: "links", rules: rules.LinkRules(), allMarkdown: true, usage: linksUsageText}
}

func cmdLint(args []string, stdout, stderr io.Writer, mode lintMode) (int, error) {
	var f lintFlags
	fs := flag.NewFlagSet(strings.TrimSpace("careerlint "+mode.name), flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(lint.FormatNames(), "|"))
	fs.StringVar(&f.color, "color", "auto", "colour: auto|always|never (auto honours NO_COLOR and a non-terminal stdout)")
	fs.StringVar(&f.config, "config", "", "configuration file (default: .careerlint.yaml at the site root)")
	fs.StringVar(&f.root, "root", "", "site root (default: walk up to .careerlint.yaml, or a folder holding content/ and assets/)")
	fs.StringVar(&f.failLevel, "fail-level", "warning", "exit 1 when a finding is at or above: info|warning|error")
	fs.BoolVar(&f.quiet, "quiet", false, "print only findings at or above the fail level, and no summary")
	fs.BoolVar(&f.fix, "fix", false, "apply every fix, re-lint until nothing fixable is left, write changed files atomically, then report what remains")
	fs.BoolVar(&f.diff, "diff", false, "print the unified diff of what --fix would change and write nothing (exit 1 when there is a change)")
	fs.Usage = func() {
		if mode.usage != "" {
			fmt.Fprint(fs.Output(), mode.usage)
		} else {
			fmt.Fprint(fs.Output(), usageText)
		}
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), "\nExit codes: 0 clean, 1 findings at or above --fail-level, 2 usage or configuration error.\n")
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean, nil
		}
		return exitUsage, usageError{} // already printed with the usage
	}
	formatter, ok := lint.Formats[f.format]
	if !ok {
		return exitUsage, usagef("unknown --format %q; expected %s", f.format, strings.Join(lint.FormatNames(), ", "))
	}
	failLevel, err := lint.ParseSeverity(f.failLevel)
	if err != nil || failLevel == lint.Off {
		return exitUsage, usagef("unknown --fail-level %q; expected info, warning or error", f.failLevel)
	}
	useColor, err := colorMode(f.color, stdout)
	if err != nil {
		return exitUsage, err
	}
	root, cfg, err := setup(f.root, f.config, paths)
	if err != nil {
		return exitUsage, err
	}
	if f.fix && f.diff {
		return exitUsage, usagef("--fix and --diff cannot be used together")
	}
	opt := lint.RunOptions{Root: root, Config: cfg, Rules: mode.rules, Paths: paths, SuppressionRule: rules.Suppression, AllMarkdown: mode.allMarkdown, KnownRules: rules.All()}
	var res *lint.Result
	if f.fix || f.diff {
		fixed, err := lint.FixAll(context.Background(), opt)
		if err != nil {
			return exitUsage, usageError{err.Error()}
		}
		if f.diff {
			return printDiff(stdout, fixed.Files)
		}
		if err := writeFixes(stderr, root, fixed.Files); err != nil {
			return exitUsage, err
		}
		res = fixed.Result
	} else {
		var err error
		res, err = lint.Run(context.Background(), opt)
		if err != nil {
			return exitUsage, usageError{err.Error()}
		}
	}
	rep := &lint.Report{Version: version, Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site, Color: useColor}
	failing := 0
	for _, d := range res.Diagnostics {
		if d.Severity >= failLevel {
			failing++
		}
	}
	if f.quiet {
		kept := rep.Diagnostics[:0:0]
		for _, d := range rep.Diagnostics {
			if d.Severity >= failLevel {
				kept = append(kept, d)
			}
		}
		rep.Diagnostics = kept
	}
	if !(f.quiet && f.format == "text" && len(rep.Diagnostics) == 0) {
		var w io.Writer = stdout
		if f.quiet && f.format == "text" {
			w = &dropLastLine{w: stdout}
		}
		if err := formatter(w, rep); err != nil {
			return exitUsage, err
		}
		if d, ok := w.(*dropLastLine); ok {
			d.flush()
		}
	}
	if failing > 0 {
		return exitFindings, nil
	}
	return exitClean, nil
}

// dropLastLine buffers text output and drops its final line (the summary).
type dropLastLine struct {
	w   io.Writer
	buf strings.Builder
}

func (d *dropLastLine) Write(p []byte) (int, error) { return d.buf.Write(p) }

func (d *dropLastLine) flush() {
	s := strings.TrimSuffix(d.buf.String(), "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		io.WriteString(d.w, s[:i+1])
	}
}

func colorMode(mode string, stdout io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		// no-color.org: a NO_COLOR that is present and not empty.
		if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		if f, ok := stdout.(*os.File); ok {
			return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()), nil
		}
		return false, nil
	}
	return false, usagef("unknown --color %q; expected auto, always or never", mode)
}

// setup finds the site root and loads the configuration.
func setup(rootFlag, configFlag string, paths []string) (string, *lint.Config, error) {
	var root string
	var err error
	if rootFlag != "" {
		root, err = filepath.Abs(rootFlag)
		if err == nil {
			if fi, serr := os.Stat(root); serr != nil || !fi.IsDir() {
				return "", nil, usagef("--root %s is not a folder", rootFlag)
			}
		}
	} else {
		start := "."
		if len(paths) > 0 {
			start = paths[0]
		}
		root, err = lint.FindRoot(start)
	}
	if err != nil {
		return "", nil, usageError{err.Error()}
	}
	file := configFlag
	if file == "" {
		if c := filepath.Join(root, lint.ConfigFileName); fileExists(c) {
			file = c
		}
	}
	if file == "" {
		return root, lint.DefaultConfig(), nil
	}
	cfg, err := lint.LoadConfig(file, rules.All())
	if err != nil {
		return "", nil, usagef("invalid configuration:\n%v", err)
	}
	return root, cfg, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func cmdRules(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usagef("rules takes no arguments")
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tFIXABLE\tSUMMARY")
	for _, r := range rules.All() {
		fix := "no"
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Default, fix, r.Summary)
	}
	return tw.Flush()
}

func cmdExplain(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usagef("explain takes one rule name or ID, e.g. careerlint explain front-matter")
	}
	r := rules.Find(args[0])
	if r == nil {
		var names []string
		for _, r := range rules.All() {
			names = append(names, r.Name)
		}
		msg := fmt.Sprintf("unknown rule %q", args[0])
		if s := lint.Closest(args[0], names, 3); s != "" {
			msg += fmt.Sprintf("; did you mean %q", s)
		}
		return usageError{msg + "; `careerlint rules` lists them"}
	}
	fix := "no"
	if r.Fixable {
		fix = "yes"
	}
	// Link the docs the findings of this site link: the configured docs-url.
	cfg := lint.DefaultConfig()
	if _, c, err := setup("", "", nil); err == nil {
		cfg = c
	}
	fmt.Fprintf(stdout, "%s\n\nID: %s  Name: %s  Default severity: %s  Fixable: %s\nDocs: %s\n", strings.TrimRight(r.Doc.Text, "\n"), r.ID, r.Name, r.Default, fix, cfg.DocsLink(r))
	return nil
}

func cmdInit(args []string, stdout io.Writer) error {
	dir := "."
	if len(args) > 1 {
		return usagef("init takes at most one folder")
	}
	if len(args) == 1 {
		dir = args[0]
	}
	file := filepath.Join(dir, lint.ConfigFileName)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return usagef("%s already exists; not overwriting it", file)
		}
		return usageError{err.Error()}
	}
	if _, err := io.WriteString(f, lint.DefaultConfigYAML(rules.All())); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", file)
	return nil
}
