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
	"io/fs"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/mattn/go-isatty"

	// Its init backs the heap with huge pages before the libraries
	// initialise (see the package).
	_ "gitlab.com/careerlint/careerlint/cmd/careerlint/internal/hugepages"
	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
	"gitlab.com/careerlint/careerlint/schema"
)

// version is set at build time with -ldflags "-X main.version=...";
// otherwise main takes the module version go install recorded
// (installedVersion).
var version = devVersion

// devVersion is the version of a build that names none.
const devVersion = "0.1.0-dev"

// installedVersion returns the version to report: the one -ldflags set,
// else the module version the binary records (0.2.0 for `go install
// .../cmd/careerlint@v0.2.0`, as the CI component and the pre-commit hook
// install it), else devVersion (a build from a checkout records
// "(devel)").
func installedVersion(set string, info *debug.BuildInfo, ok bool) string {
	if set != devVersion || !ok || info == nil {
		return set
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return strings.TrimPrefix(v, "v")
	}
	return set
}

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitUsage    = 2
)

func main() {
	info, ok := debug.ReadBuildInfo()
	version = installedVersion(version, info, ok)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a problem with the command line or configuration: exit 2.
// An empty message means the problem was already printed (the flag
// package prints its own errors with the usage).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usageText = `usage: careerlint [flags] [paths...]
       careerlint links [flags] [paths...]
       careerlint ladder [flags] [paths...]
       careerlint lsp
       careerlint rules | explain RULE | init [FOLDER] | version

Lints the career-framework pages of a Hugo handbook. With no path it lints
the career pages the configuration selects under the site root.

Flags:
`

const linksUsageText = `usage: careerlint links [flags] [paths...]

Checks the links and anchors of every Markdown page under the given paths
(default: the whole content root) with the link rules only: the handbook's
link check. file-format reports the pages whose links could not be checked,
and suppression the careerlint-disable comments that are wrong or unused.

Flags:
`

// subcommands are the words run takes as a subcommand when they come
// first.
var subcommands = map[string]bool{"rules": true, "explain": true, "init": true, "version": true, "lsp": true, "ladder": true, "links": true, "help": true}

// subcommandSynopsis is each subcommand's command line as the first line
// of its --help shows it, for the messages that tell how to run it.
var subcommandSynopsis = map[string]string{
	"rules":   "careerlint rules [flags]",
	"explain": "careerlint explain [flags] RULE",
	"init":    "careerlint init [FOLDER]",
	"version": "careerlint version",
	"lsp":     "careerlint lsp [--stdio]",
	"ladder":  "careerlint ladder [flags] [paths...]",
	"links":   "careerlint links [flags] [paths...]",
}

// run runs the command line args with the given standard streams and
// returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return report(stderr, cmdRules(args[1:], stdout, stderr))
		case "explain":
			return report(stderr, cmdExplain(args[1:], stdout, stderr))
		case "init":
			return report(stderr, cmdInit(args[1:], stdout))
		case "version":
			return report(stderr, cmdVersion(args[1:], stdout))
		case "lsp":
			return cmdLSP(args[1:], stdin, stdout, stderr)
		case "ladder":
			return report(stderr, cmdLadder(args[1:], stdout, stderr))
		case "links":
			code, err := cmdLint(args[1:], stdin, stdout, stderr, linksMode())
			if err != nil {
				return report(stderr, err)
			}
			return code
		case "help":
			// help COMMAND is COMMAND --help.
			if len(args) > 1 && subcommands[args[1]] && args[1] != "help" {
				return run([]string{args[1], "--help"}, stdin, stdout, stderr)
			}
			if len(args) > 1 && !slices.Contains([]string{"help", "-h", "-help", "--help"}, args[1]) {
				// Help on help, or a help flag, is the usage.
				msg := fmt.Sprintf("help: no command %q", args[1])
				if c := lint.Closest(args[1], slices.Sorted(maps.Keys(subcommands)), 2); c != "" && c != "help" {
					msg += fmt.Sprintf("; did you mean %q", c)
				}
				return report(stderr, usagef("%s; the commands are links, ladder, lsp, rules, explain, init and version, and careerlint --help shows the lint command's usage", msg))
			}
			args = []string{"-h"}
		}
	}
	code, err := cmdLint(args, stdin, stdout, stderr, lintMode{rules: rules.All()})
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
	notef(stderr, "careerlint: %v\n", err)
	return exitUsage
}

// notef writes a note (to standard error) with its string and error
// arguments made safe to print on a terminal: a control character or a
// byte that is not UTF-8 in a file name or an error is escaped, as in the
// text report (lint.TermSafe), so that a file named with an escape
// sequence or a newline cannot drive the terminal or forge a note; the
// lines of an error of several lines stay lines.
func notef(w io.Writer, format string, args ...any) {
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = lint.TermSafe(v)
		case error:
			lines := strings.Split(v.Error(), "\n")
			for j, l := range lines {
				lines[j] = lint.TermSafe(l)
			}
			args[i] = strings.Join(lines, "\n")
		}
	}
	fmt.Fprintf(w, format, args...)
}

type lintFlags struct {
	format, color, config, root, failLevel string
	quiet, fix, diff, applySuggestions     bool
	outputs                                outputList
	stdinFilename                          string
	pagesOnly                              bool
	changedSince                           string
	onlyNew                                bool
	version                                bool
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(fl *flag.Flag) { given = given || fl.Name == name })
	return given
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
// rule on the career pages, `careerlint links` only the link rules (and
// file-format) on every Markdown page.
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

// lintFlagSet defines the flags of a linting command (the plain command,
// `careerlint links`) into f.
func lintFlagSet(f *lintFlags, mode lintMode, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(strings.TrimSpace("careerlint "+mode.name), flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&f.format, "format", "text", "write the report in `FORMAT`: "+strings.Join(lint.FormatNames(), "|"))
	fs.StringVar(&f.color, "color", "auto", "`WHEN` to colour the text output: auto|always|never (auto honours NO_COLOR and a non-terminal stdout)")
	fs.StringVar(&f.config, "config", "", "read the configuration from `FILE` (default: .careerlint.yaml at the site root)")
	fs.StringVar(&f.root, "root", "", "take `DIR` as the site root (default: walk up to .careerlint.yaml, or a folder holding content/ and assets/, else to a Hugo configuration whose content folder exists)")
	fs.StringVar(&f.failLevel, "fail-level", "warning", "exit 1 when a finding is at or above `LEVEL`: info|warning|error")
	fs.BoolVar(&f.quiet, "quiet", false, "print only findings at or above the fail level, and no summary")
	fs.BoolVar(&f.fix, "fix", false, "apply every fix, re-lint until nothing fixable is left, write changed files atomically, then report what remains")
	fs.BoolVar(&f.diff, "diff", false, "print the unified diff of what --fix would change and write nothing (exit 1 when there is a change)")
	fs.BoolVar(&f.applySuggestions, "apply-suggestions", false, "with --fix or --diff, also apply the first suggestion of each finding that has no fix (such as a did-you-mean: the closest existing include, URL or anchor, a shortcode delimiter, a mended YAML mistake, a track's navigation include; the README's Output section lists them all); review them with --diff first")
	fs.Var(&f.outputs, "output", "add an output `FORMAT[=FILE]` (repeatable): the format on stdout, or written atomically to FILE; with --output, stdout gets --format only when --format is given")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "lint the page read from standard input as if it were at `PATH` (which need not exist); links and includes resolve relative to it")
	fs.StringVar(&f.changedSince, "changed-since", "", "lint only what a change needs: the pages changed between the merge base of `REV` and HEAD plus the work tree (git), the level pages of their tracks, and the pages that link to a changed page or include a changed include file")
	fs.BoolVar(&f.onlyNew, "only-new", false, "with --changed-since, report only the findings the change brings: those the pages did not have at the base (a finding on a line the change edits counts as new)")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	fs.BoolVar(&f.pagesOnly, "pages-only", false, "lint only the given files that the configuration's pages globs select (in careerlint links: the pages under the content folder), and the pages that include a given include file; skip the others (for hooks that pass every changed Markdown file)")
	fs.Usage = func() {
		if mode.usage != "" {
			fmt.Fprint(fs.Output(), mode.usage)
		} else {
			fmt.Fprint(fs.Output(), usageText)
		}
		printFlags(fs)
		fmt.Fprint(fs.Output(), "\nExit codes: 0 clean, 1 findings at or above --fail-level,\n2 usage or configuration error.\n")
	}
	return fs
}

// lintMemoryLimit is the soft memory limit of a lint run (unless
// GOMEMLIMIT sets one): a whole-handbook check (`careerlint links`) keeps
// little alive (anchors and URLs), so the garbage collector can keep the
// heap near it instead of letting it double between collections.
const lintMemoryLimit = 128 << 20

// lintGCPercent is the GOGC of a lint run of some pages under
// lintMemoryLimit (unless GOGC sets one): off, so that the garbage
// collector runs only as the heap nears the limit. A run is short and most
// of what it allocates dies young: the career pages allocate about 30 MB
// and no longer collect at all (5% less CPU time than collecting at five
// times the live heap, 8% on the corpus; peak 31 MiB instead of 28).
const lintGCPercent = -1

// lintGCPercentWhole is the GOGC of a whole-handbook run (`careerlint
// links`), whose heap reaches the limit either way, and of a run whose
// memory limit GOMEMLIMIT sets (it may be far away, or off): collecting at
// five times the live heap cost 1 to 2% less CPU time in `careerlint
// links` than collecting only near the limit.
const lintGCPercentWhole = 400

// watchGC watches a run that collects garbage only near the soft memory
// limit: once a collection finds more than half the limit alive (a run
// given a folder of thousands of pages keeps their syntax trees, about
// 500 MB for the generated handbook), it calls unlimit, because collecting
// at the limit would then take about half the CPU time (4 s instead of
// 1.5 s for that run). It reads the live heap with read every period, and
// returns a function that stops it.
func watchGC(limit int64, period time.Duration, read func() uint64, unlimit func()) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if read() > uint64(limit)/2 {
					unlimit()
					return
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// liveHeap returns the heap found alive by the last garbage collection.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// unlimitGC lifts the soft memory limit and collects garbage at three
// times the live heap, as a large run's heap outgrows the limit.
func unlimitGC() {
	debug.SetMemoryLimit(math.MaxInt64)
	debug.SetGCPercent(lintGCPercentLarge)
}

// lintGCPercentLarge is the GOGC of a run over some pages whose live heap
// outgrew half of lintMemoryLimit (watchGC): on the generated handbook's
// 4,791 pages, 200 took 1.5 s and peaked at 727 MB, 100 took 2.1 s and
// 715 MB.
const lintGCPercentLarge = 200

func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer, mode lintMode) (int, error) {
	ownLimit := os.Getenv("GOMEMLIMIT") != ""
	if !ownLimit {
		debug.SetMemoryLimit(lintMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		if ownLimit || mode.allMarkdown {
			debug.SetGCPercent(lintGCPercentWhole)
		} else {
			debug.SetGCPercent(lintGCPercent)
			if !ownLimit {
				defer watchGC(lintMemoryLimit, 5*time.Millisecond, liveHeap, unlimitGC)()
			}
		}
	}
	var f lintFlags
	fs := lintFlagSet(&f, mode, stderr)
	paths, err := parseCommandLine(fs, args, stdout)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean, nil
		}
		return exitUsage, err
	}
	if f.version {
		fmt.Fprintf(stdout, "careerlint %s\n", version)
		return exitClean, nil
	}
	outputs, err := resolveOutputs(fs, f.format, f.outputs, stdout)
	if err != nil {
		return exitUsage, err
	}
	failLevel, err := lint.ParseSeverity(f.failLevel)
	if err != nil || failLevel == lint.Off {
		return exitUsage, usagef("unknown --fail-level %q%s; expected info, warning or error", f.failLevel, didYouMean(f.failLevel, []string{"info", "warning", "error"}))
	}
	useColor, err := colorMode(f.color, stdout)
	if err != nil {
		return exitUsage, err
	}
	if flagGiven(fs, "changed-since") && strings.TrimSpace(f.changedSince) == "" {
		// An empty CI variable would otherwise lint every page and pass
		// for a check of the change.
		return exitUsage, usagef("--changed-since needs a revision to compare with, such as origin/main or $CI_MERGE_REQUEST_DIFF_BASE_SHA; it was given an empty one")
	}
	if flagGiven(fs, "stdin-filename") && strings.TrimSpace(f.stdinFilename) == "" {
		return exitUsage, usagef("--stdin-filename needs the path the page would have (an editor's unnamed buffer has none); give the file's path")
	}
	if slices.ContainsFunc(paths, func(p string) bool { return strings.TrimSpace(p) == "" }) {
		return exitUsage, usagef("an empty path was given; name a file or folder, or none for the configured pages")
	}
	if f.stdinFilename == "" && slices.Contains(paths, "-") {
		// Other tools read "-" as standard input; careerlint reads it
		// only as the page at the path --stdin-filename gives.
		if _, err := os.Lstat("-"); os.IsNotExist(err) {
			return exitUsage, usagef("-: no such file or directory; careerlint reads standard input only with --stdin-filename PATH, the file the text would be")
		}
	}
	if len(paths) > 0 && !subcommands[paths[0]] && !strings.ContainsAny(paths[0], "./\\") {
		// A misspelt subcommand is read as a path: say which it looks like
		// (and, after flags, where it goes).
		if _, err := os.Lstat(paths[0]); os.IsNotExist(err) {
			if c := lint.Closest(paths[0], slices.Sorted(maps.Keys(subcommands)), 2); c != "" && c != "help" {
				if len(args) > 0 && args[0] == paths[0] {
					return exitUsage, usagef("%s: no such file or directory; did you mean the subcommand %s (%s)", paths[0], c, subcommandSynopsis[c])
				}
				return exitUsage, usagef("%s: no such file or directory; did you mean the subcommand %s, named first: %s", paths[0], c, subcommandSynopsis[c])
			}
		}
	}
	for _, p := range paths {
		if subcommands[p] {
			if _, err := os.Lstat(p); os.IsNotExist(err) && p == "help" {
				return exitUsage, usagef("help: no such file or directory; for the usage, run `%s --help`", fs.Name())
			} else if os.IsNotExist(err) {
				// Flags came first and the subcommand was read as a path.
				return exitUsage, usagef("%s: no such file or directory; to run the %s subcommand, name it first: %s", p, p, subcommandSynopsis[p])
			}
		}
	}
	if f.stdinFilename != "" {
		if len(paths) > 0 {
			return exitUsage, usagef("--stdin-filename lints standard input only; remove the paths %s", strings.Join(paths, " "))
		}
		if f.fix {
			return exitUsage, usagef("--fix cannot write standard input back; use --diff, or the fixes in --format json")
		}
		if fi, err := os.Stat(f.stdinFilename); err == nil && fi.IsDir() {
			return exitUsage, usagef("--stdin-filename %s is a folder; give the path of the file the text is", f.stdinFilename)
		}
		paths = []string{f.stdinFilename}
	}
	root, cfg, err := setup(f.root, f.config, paths, f.pagesOnly)
	if err != nil && f.stdinFilename == "" && !f.pagesOnly {
		// --stdin-filename names a file that need not exist.
		err = missingFirst(err, f.root, paths)
	}
	if err != nil && f.pagesOnly && f.root == "" && f.config == "" && len(paths) > 0 && !slices.ContainsFunc(paths, hasSite) {
		// A hook in a repository whose site is in a folder, given only
		// files outside it (a README): nothing of a site to lint.
		notef(stderr, "careerlint: no file given is in a site (a folder holding .careerlint.yaml, or content/ and assets/, or a Hugo configuration and its content folder); nothing to lint\n")
		return exitClean, nil
	}
	if err != nil {
		return exitUsage, err
	}
	if err := checkOutputsOverSite(outputs, root, cfg, paths, stdout); err != nil {
		return exitUsage, err
	}
	hugoNotes(stderr, root, cfg)
	if f.changedSince == "" && f.stdinFilename == "" {
		if err := pathsFromHere(root, paths); err != nil {
			return exitUsage, err
		}
	}
	if slices.Contains(mode.rules, rules.FrontMatter) && cfg.Severity(rules.FrontMatter) != lint.Off {
		// Decoding and compiling the front matter schema takes about
		// 0.1 ms: done on another core while the pages are listed and
		// parsed, it is ready when the rule runs.
		go schema.Compiled(schema.FrontMatter)
	}
	if f.fix && f.diff {
		return exitUsage, usagef("--fix and --diff cannot be used together; --diff shows what --fix would write: run it first, then --fix")
	}
	if f.diff && (len(f.outputs) > 0 || flagGiven(fs, "format")) {
		return exitUsage, usagef("--diff prints a unified diff and no report; remove --format and --output, or run without --diff for the report")
	}
	if f.onlyNew && f.changedSince == "" {
		return exitUsage, usagef("--only-new reports the findings a change brings, and needs the change: add --changed-since REV (HEAD for what is not yet committed, origin/main for a branch)")
	}
	if f.onlyNew && f.diff {
		return exitUsage, usagef("--only-new selects the findings to report, and --diff prints no report; run --diff without it (it shows what --fix --changed-since would write)")
	}
	if f.onlyNew {
		for _, o := range outputs {
			if o.format == "codequality" || o.format == "sarif" {
				// Those tools compare reports across commits themselves.
				notef(stderr, "careerlint: the %s report holds only the new findings (--only-new), and a tool that compares it with the target branch's report counts the others as fixed; write it from a run without --only-new\n", o.format)
			}
		}
	}
	if f.applySuggestions && !f.fix && !f.diff {
		return exitUsage, usagef("--apply-suggestions applies suggestions with --fix or --diff; add one of them")
	}
	opt := lint.RunOptions{Root: root, Config: cfg, Rules: mode.rules, Paths: paths, SuppressionRule: rules.Suppression, AllMarkdown: mode.allMarkdown, Lean: mode.allMarkdown, KnownRules: rules.All(), ApplySuggestions: f.applySuggestions}
	if !mode.allMarkdown {
		// A page given that is not a career page (a handbook page, a
		// page linking to a changed one) is checked as careerlint links
		// checks it.
		opt.OtherRules = rules.LinkRules()
	}
	// selected is the overlay as selectPages takes it: the paths named
	// that need not be on disk.
	var selected map[string][]byte
	if f.stdinFilename != "" {
		rel, err := rootRelative(root, f.stdinFilename)
		if err != nil {
			return exitUsage, usagef("--stdin-filename: %v", err)
		}
		src, err := io.ReadAll(io.LimitReader(stdin, cfg.MaxFileSize+1))
		if err != nil {
			return exitUsage, usagef("cannot read standard input: %v", err)
		}
		if int64(len(src)) > cfg.MaxFileSize {
			where := cfg.File
			if where == "" {
				where = filepath.Join(root, lint.ConfigFileName)
			}
			return exitUsage, usagef("standard input is larger than max-file-size, %d bytes; raise max-file-size in %s to lint it", cfg.MaxFileSize, where)
		}
		if stdinStandsForFile(root, cfg, rel) {
			opt.Overlay = map[string][]byte{rel: src}
		} else if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel))); errors.Is(err, os.ErrNotExist) {
			// A new page in a symlinked folder of the content folder is
			// no page either: named to the run, not read, it gets
			// file-format's finding, as an existing page there does.
			selected, opt.Unread = map[string][]byte{rel: nil}, map[string]bool{rel: true}
		}
	}
	nothing := false
	var changes *lint.Changed
	// mayEdit is the files a fix of this run may change: those the
	// change touches (--changed-since), or those given (--pages-only);
	// nil for any file.
	var mayEdit func(file string) bool
	if f.changedSince != "" {
		if f.stdinFilename != "" {
			return exitUsage, usagef("--changed-since and --stdin-filename cannot be used together")
		}
		var within, withinIncludes []string
		whole := false
		missing := map[string]error{} // root-relative: paths that must be files the change removed
		// A page of a symlinked content folder named by the folder the
		// link leads to is the page named through the link, as the change
		// names it (lint.ContentName).
		target := lint.ContentTarget(root, cfg)
		for _, p := range paths {
			if _, err := os.Lstat(p); err != nil {
				rel, rerr := rootRelative(root, p)
				if rerr != nil {
					return exitUsage, usagef("%s: %v", p, unwrapPath(err))
				}
				missing[lint.ContentName(cfg, target, rel)] = fmt.Errorf("%s: %v", p, unwrapPath(err))
			}
			if abs, err := filepath.Abs(p); err == nil && abs == root {
				whole = true // the whole site
				continue
			}
			rel, err := rootRelative(root, p)
			if err != nil {
				return exitUsage, usageError{err.Error()}
			}
			rel = lint.ContentName(cfg, target, rel)
			within = append(within, rel)
			if cfg.Classify(rel) == lint.IncludeFile {
				// An include file is no page: it narrows the change to
				// the pages that include it, where it renders.
				withinIncludes = append(withinIncludes, rel)
			}
		}
		if whole {
			within, withinIncludes = nil, nil
		}
		changed, err := lint.ChangedPages(context.Background(), lint.ChangedOptions{Root: root, Config: cfg, Since: f.changedSince, AllMarkdown: mode.allMarkdown, Within: within, WithinIncludes: withinIncludes})
		if err != nil {
			return exitUsage, usageError{err.Error()}
		}
		// A path that does not exist is one the change deletes or moves
		// away (a hook passing the changed files); else a typo, which would
		// select no change and pass.
		for _, rel := range slices.Sorted(maps.Keys(missing)) {
			gone := slices.ContainsFunc(changed.Files, func(f string) bool {
				return f == rel || strings.HasPrefix(f, rel+"/")
			})
			if !gone {
				return exitUsage, usageError{missing[rel].Error()}
			}
		}
		if changed.ConfigChanged {
			// Its rules, options, pages or ignore globs may have changed:
			// what passed before may not pass now, anywhere.
			where := lint.ConfigFileName
			if cfg.File != "" {
				where = cfg.File
				if rel, err := filepath.Rel(root, cfg.File); err == nil && filepath.IsLocal(rel) {
					where = filepath.ToSlash(rel)
				}
			}
			notef(stderr, "careerlint: the configuration (%s) changed since %s; every page is linted\n", where, f.changedSince)
		} else if h := changed.HugoConfigChanged; h != "" {
			// Its settings shape heading IDs and raw HTML anchors.
			notef(stderr, "careerlint: the site's Hugo configuration (%s) changed since %s; every page is linted\n", h, f.changedSince)
		}
		opt.Paths = nil
		for _, c := range changed.Pages {
			opt.Paths = append(opt.Paths, filepath.Join(root, filepath.FromSlash(c)))
		}
		opt.Moves = changed.Moves
		opt.Deletes = changed.Deletes
		opt.HeadingRenames = changed.HeadingRenames
		// The pages that include a changed include file are all linted,
		// unless paths narrow them: its suppressions are judged.
		for _, f := range changed.Files {
			if within == nil && cfg.Classify(f) == lint.IncludeFile {
				if opt.WholeIncludes == nil {
					opt.WholeIncludes = map[string]bool{}
				}
				opt.WholeIncludes[f] = true
			}
		}
		// Nothing changed that careerlint checks: lint nothing (no path
		// at all would lint every page).
		nothing = len(changed.Pages) == 0
		changes = changed
		// A hook's fix rewrites what the change touches, not the sibling
		// levels and linking pages linted beside it; the hint counts
		// what such a fix would apply, with --fix or not.
		touched := map[string]bool{}
		for _, c := range changed.Files {
			touched[c] = true
		}
		mayEdit = func(f string) bool { return touched[f] }
		if f.fix || f.diff {
			opt.FixOnly = mayEdit
		}
	}
	if len(opt.Paths) > 0 && (f.pagesOnly || f.changedSince == "") {
		var whole map[string]bool
		given := opt.Paths
		if selected == nil {
			selected = opt.Overlay
		}
		opt.Paths, whole, err = pagesOfPaths(root, cfg, opt.Paths, selected, mode.allMarkdown, !f.pagesOnly, f.changedSince == "", stderr)
		if err == nil && f.pagesOnly && f.changedSince == "" {
			mayEdit = givenFiles(root, given)
			if f.fix || f.diff {
				opt.FixOnly = mayEdit
			}
		}
		opt.WholeIncludes = addAll(opt.WholeIncludes, whole)
		if err != nil {
			return exitUsage, err
		}
		if len(opt.Paths) == 0 {
			nothing = true
		}
	}
	var res *lint.Result
	if nothing && !mode.allMarkdown {
		// Nothing of the change, or of the files a hook passed, is a
		// page: fine, unless the globs select no page at all (a typo in
		// one would pass every commit).
		if all, err := lint.Discover(root, cfg, nil); err == nil && len(all) == 0 {
			return exitUsage, noPages(root, cfg, false)
		}
	}
	if nothing {
		// Every path given is outside the pages: nothing to lint (no
		// path at all would lint every page).
		if f.diff {
			return exitClean, nil
		}
		res = &lint.Result{}
	}
	var fixed *lint.Fixed
	var writeErr error
	var baseline *lint.Baseline // the change's base, for --only-new and a hook's fixes
	var base *baseLint
	if changes != nil && !nothing && (f.onlyNew || f.fix || f.diff) {
		// The flag the base is linted for, which its notes name.
		why := "--only-new"
		switch {
		case f.diff:
			why = "--diff"
		case f.fix && !f.onlyNew:
			why = "--fix"
		}
		if baseline, base, err = baselineOf(changes, opt, why, stderr); err != nil {
			return exitUsage, usageError{err.Error()}
		}
	}
	switch {
	case nothing:
	case f.fix || f.diff:
		// Outside the files the change touches, only what it brings is
		// fixed: the links elsewhere to a heading it renames.
		opt.FixBaseline = baseline
		if fixed, err = lint.FixAll(context.Background(), opt); err != nil {
			return exitUsage, usageError{err.Error()}
		}
		res = fixed.Result
	default:
		if res, err = lint.Run(context.Background(), opt); err != nil {
			return exitUsage, usageError{err.Error()}
		}
	}
	if len(opt.Paths) == 0 && !nothing && res.Files == 0 {
		// Asked for the configured pages and none exist: a typo in a
		// glob or in content would otherwise pass CI having checked
		// nothing (or printed an empty diff).
		return exitUsage, noPages(root, cfg, mode.allMarkdown)
	}
	if fixed != nil {
		if !f.onlyNew {
			// With --only-new the old findings left are not shown, and
			// its own note counts them; those it shows are named below.
			leftNote(stderr, root, fixed.Left, leftScope(f.changedSince != ""), f.diff, fixed.LeftSuggested > 0)
		}
		var linted []string
		if res.Site != nil {
			for _, p := range res.Site.Pages {
				if !p.HasProblem(lint.ProblemSymlink) { // not read: no name of the file it leads to
					linted = append(linted, p.Path)
				}
			}
		}
		if f.diff {
			return printDiff(stdout, stderr, root, fixed.Files, linted)
		}
		if writeErr = writeFixes(stderr, root, fixed.Files, linted); writeErr != nil {
			// Still report what is left, as the files now are: the
			// findings of a file not written are those it still has.
			if again, err := lint.Run(context.Background(), opt); err == nil {
				res = again
			}
		}
	}
	old, oldNotCounted := 0, 0 // findings --only-new leaves out
	if f.onlyNew && !nothing {
		if err := extendBaseline(baseline, base, res, mode.allMarkdown); err != nil {
			return exitUsage, usageError{err.Error()}
		}
		baseline.FixedBy(fixed) // a line a fix edited keeps its old findings old
		res.Diagnostics, old, oldNotCounted = baseline.New(res)
		if old > 0 {
			notef(stderr, "careerlint: %s (--only-new)\n", lint.OldNotShownNote(old, oldNotCounted))
		}
		if fixed != nil {
			// A finding left unfixed outside the change that is shown:
			// one in a file no page of the change included at its base
			// (an include file of a page it adds), which the base cannot
			// tell old from new.
			shown := map[string]int{}
			suggested := false
			for _, d := range res.Diagnostics {
				if fixed.Left[d.Span.File] > 0 && opt.Fixable(d) {
					shown[d.Span.File]++
					suggested = suggested || len(d.Fixes) == 0
				}
			}
			leftNote(stderr, root, shown, leftUntouched, false, suggested)
		}
	}
	var ran []*lint.Rule
	for _, r := range mode.rules {
		if cfg.Severity(r) != lint.Off {
			ran = append(ran, r)
		}
	}
	rep := &lint.Report{Version: version, Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site, Rules: ran, RepoPrefix: lint.RepoPrefix(root), OldNotShown: old, OldNotCounted: oldNotCounted}
	rep.WorkDir, rep.Root = workDirAndRoot(root)
	// After --fix, what is left has no fix to apply, but may have a
	// suggestion to review (none after --apply-suggestions, which tried
	// them); --fix refuses an editor's unsaved text.
	rep.FixHint = !(f.fix && f.applySuggestions) && f.stdinFilename == ""
	rep.Fixed = f.fix
	if ue := (*unwrittenError)(nil); errors.As(writeErr, &ue) {
		rep.Unwritten = ue.files // their fixes are still to apply
	}
	rep.MayEdit = mayEdit
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
	if err := writeOutputs(outputs, rep, f.quiet, useColor, stdout); err != nil {
		return exitUsage, err
	}
	if writeErr != nil {
		return exitUsage, writeErr
	}
	if failing > 0 {
		return exitFindings, nil
	}
	return exitClean, nil
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
	return false, usagef("unknown --color %q%s; expected auto, always or never", mode, didYouMean(mode, []string{"auto", "always", "never"}))
}

// didYouMean returns "; did you mean X" for the choice a flag's unknown
// value likely means (a word begun, "warn", or misspelt), or "".
func didYouMean(got string, choices []string) string {
	if s := lint.ClosestChoice(got, choices); s != "" {
		return fmt.Sprintf("; did you mean %q", s)
	}
	return ""
}

// missingFirst returns, for the error of a setup that found no site from
// the first path (no --root), that the path does not exist, when it does
// not: the site was looked for from a folder that may not exist either.
// Otherwise it returns err.
func missingFirst(err error, rootFlag string, paths []string) error {
	if rootFlag == "" && len(paths) > 0 {
		if _, lerr := os.Lstat(paths[0]); errors.Is(lerr, fs.ErrNotExist) {
			return usagef("%s: no such file or directory", paths[0])
		}
	}
	return err
}

// setup finds the site root and loads the configuration. Without
// --root the root is found from the first path; with anyPath (a hook's
// --pages-only run, given every changed Markdown file of a repository),
// from the first path that is inside a site, since a file outside it (a
// README beside a site kept in a folder) is skipped.
func setup(rootFlag, configFlag string, paths []string, anyPath bool) (string, *lint.Config, error) {
	var root string
	var err error
	if rootFlag != "" {
		root, err = filepath.Abs(rootFlag)
		if err == nil {
			if fi, serr := os.Stat(root); serr != nil {
				return "", nil, usagef("--root %s does not exist; name the site's root folder", rootFlag)
			} else if !fi.IsDir() {
				return "", nil, usagef("--root %s is not a folder; name the site's root folder", rootFlag)
			}
		}
	} else {
		start := "."
		if len(paths) > 0 {
			start = paths[0]
		}
		root, err = findSite(start)
		if err != nil && anyPath {
			for _, p := range paths[1:] {
				if r, perr := findSite(p); perr == nil {
					root, err = r, nil
					break
				}
			}
		}
	}
	if err != nil && configFlag != "" {
		start := "."
		if len(paths) > 0 {
			start = paths[0]
		}
		return "", nil, noSiteForConfig(err, start, configFlag)
	}
	if err != nil {
		return "", nil, usageError{err.Error()}
	}
	file := configFlag
	if file == "" {
		c := filepath.Join(root, lint.ConfigFileName)
		if fileExists(c) {
			file = c
		} else if _, err := os.Lstat(c); err == nil {
			// There, but a folder, a FIFO or a symlink that leads nowhere:
			// not silently replaced by the defaults.
			return "", nil, usagef("%s is not a regular file (a folder, a FIFO, or a symlink that leads nowhere); make it the YAML configuration, or remove it to use the defaults", c)
		}
	}
	if file == "" {
		// The defaults, with the content folder the site's Hugo
		// configuration names (contentDir), as Hugo reads the pages.
		cfg := lint.DefaultConfigAt(root)
		content := filepath.Join(root, filepath.FromSlash(cfg.Content))
		if !dirExists(content) {
			// No configuration and no content folder: not a site (and
			// walking all of --root / to find no page would take long).
			return "", nil, noSite(root, rootFlag != "")
		}
		if err := cfg.CheckRoot(root); err != nil {
			return "", nil, usageError{err.Error()}
		}
		return root, cfg, nil
	}
	cfg, err := lint.LoadConfig(file, rules.All())
	if err == nil {
		err = cfg.CheckRoot(root)
	}
	if err != nil {
		return "", nil, usagef("invalid configuration:\n%s", configErrorsFrom(err, file))
	}
	cfg.Hugo = lint.LoadHugoConfig(root, cfg)
	return root, cfg, nil
}

// hugoNotes writes, once a run, the notes on the site's Hugo
// configuration: the settings careerlint does not model and the files
// that do not parse (which are no usage error: the configuration is
// Hugo's, not careerlint's).
func hugoNotes(stderr io.Writer, root string, cfg *lint.Config) {
	if cfg.Hugo == nil || len(cfg.Hugo.Notes) == 0 {
		return
	}
	shown := shownFrom(root)
	for _, n := range cfg.Hugo.Notes {
		n.File = shown(n.File)
		notef(stderr, "careerlint: %s\n", n)
	}
}

// includeFiles adds to whole the Markdown files under the include roots,
// root-relative.
func includeFiles(root string, cfg *lint.Config, whole map[string]bool) (map[string]bool, error) {
	var listed []string
	for _, ir := range cfg.IncludeRoots {
		d := filepath.Join(root, filepath.FromSlash(ir))
		if !dirExists(d) {
			continue
		}
		files, err := lint.Discover(root, cfg, []string{d})
		var none *lint.NoPagesError
		if errors.As(err, &none) {
			continue // an include root with no include file yet
		}
		if err != nil {
			return whole, usageError{err.Error()}
		}
		listed = append(listed, files...)
	}
	for _, rel := range listed {
		if cfg.Classify(rel) == lint.IncludeFile {
			if whole == nil {
				whole = map[string]bool{}
			}
			whole[rel] = true
		}
	}
	return whole, nil
}

// hasSite reports whether a site root is found from a path (findSite).
func hasSite(p string) bool {
	_, err := findSite(p)
	return err == nil
}

// findSite returns the site root found from start: the nearest folder up
// from it holding .careerlint.yaml, or content/ and assets/; else the
// nearest holding a Hugo configuration whose content folder exists there
// (lint.FindRoot); else the nearest holding content/ (a site without
// assets); else a usage error, rather than linting /etc/passwd as a page
// of a site rooted at /etc.
func findSite(start string) (string, error) {
	root, err := lint.FindRoot(start)
	if err == nil && !lint.IsSiteRoot(root) {
		root, err = contentRoot(root)
	}
	return root, err
}

// workDirAndRoot returns the current folder and the site root, absolute
// with symlinks evaluated, for the text output to name files from where
// careerlint runs (see lint.Report.WorkDir); "" when either is unknown.
func workDirAndRoot(root string) (string, string) {
	wd, err := os.Getwd()
	if err != nil {
		return "", ""
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", ""
	}
	if e, err := filepath.EvalSymlinks(wd); err == nil {
		wd = e
	}
	if e, err := filepath.EvalSymlinks(abs); err == nil {
		abs = e
	}
	return wd, abs
}

// pathsFromHere checks that no path exists only under the site root:
// paths are read from the current folder, as a shell completes them, and
// one that exists only under --root was meant from there.
func pathsFromHere(root string, paths []string) error {
	for _, p := range paths {
		if _, err := os.Lstat(p); !os.IsNotExist(err) || filepath.IsAbs(p) {
			continue
		}
		full := filepath.Join(root, p)
		if _, err := os.Lstat(full); err == nil {
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, full); err == nil {
					full = rel
				}
			}
			return usagef("%s: no such file or directory; paths are relative to the current folder, not to the site root: did you mean %s", p, full)
		}
	}
	return nil
}

// shownFrom returns how the notes on standard error name a root-relative
// file of the site at root: as the text output does (lint.PathFrom).
func shownFrom(root string) func(rel string) string {
	wd, absRoot := workDirAndRoot(root)
	return func(rel string) string { return lint.PathFrom(wd, absRoot, rel) }
}

// configErrorsFrom words a configuration's errors with its file named
// from the current folder when it is below it (".careerlint.yaml:3:5:")
// or the current folder is below its folder ("../.careerlint.yaml"), as
// the text output names files, so that a terminal or an editor opens it.
func configErrorsFrom(err error, file string) string {
	msg := err.Error()
	wd, werr := os.Getwd()
	if werr != nil || !filepath.IsAbs(file) {
		return msg
	}
	rel, rerr := filepath.Rel(wd, file)
	if rerr != nil {
		return msg
	}
	if in, ierr := filepath.Rel(filepath.Dir(file), wd); !filepath.IsLocal(rel) && (ierr != nil || !filepath.IsLocal(in) && in != ".") {
		return msg // neither below the current folder nor above it in the site
	}
	var b strings.Builder
	for line := range strings.SplitAfterSeq(msg, "\n") {
		if rest, ok := strings.CutPrefix(line, file+":"); ok {
			line = rel + ":" + rest
		}
		b.WriteString(line)
	}
	return b.String()
}

// configWhere names where the configuration comes from, for messages:
// its file, or the built-in defaults.
func configWhere(cfg *lint.Config) string {
	if cfg.File != "" {
		return cfg.File
	}
	return "the built-in defaults"
}

// leftOutError says, for a run that found no page, that the pages globs
// (every Markdown file of the content folder, with allMarkdown) match
// files all of which the ignore globs or the root's .gitignore leave out,
// naming one and what to change; nil when they match none.
func leftOutError(root string, cfg *lint.Config, allMarkdown bool) error {
	n, first, why := leftOutPages(root, cfg, allMarkdown)
	if n == 0 {
		return nil
	}
	kind := "file"
	if allMarkdown {
		kind = "Markdown file"
	}
	files, them, one := fmt.Sprintf("%d %ss", n, kind), "them all", "such as "+first
	if n == 1 {
		files, them, one = "1 "+kind, "it", first
	}
	what := fmt.Sprintf("the pages globs (%s) match %s under %s", strings.Join(cfg.Pages, ", "), files, root)
	if allMarkdown {
		what = fmt.Sprintf("the content folder %s holds %s", filepath.Join(root, filepath.FromSlash(cfg.Content)), files)
	}
	leave, fix := "leave", "narrow the ignore globs in "+configWhere(cfg)
	switch why {
	case lint.IgnoredByGitignore:
		leave, fix = "leaves", "take "+strings.TrimSuffix(them, " all")+" out of the root's .gitignore"
	case "the ignore globs and the root's .gitignore":
		fix = "narrow the ignore globs in " + configWhere(cfg) + " or the root's .gitignore"
	}
	return usagef("%s, but %s %s %s out (%s), so no page is linted; %s", what, why, leave, them, one, fix)
}

// leftOutPages returns how many Markdown files of the content folder the
// pages globs match, all of which the ignore globs or the root's
// .gitignore leave out (a run found no page), the first of them, and
// what leaves it out (lint.IgnoredBy); 0 when there is none.
func leftOutPages(root string, cfg *lint.Config, allMarkdown bool) (n int, first, why string) {
	ignoredBy := lint.IgnoredByAt(root, cfg)
	eachMarkdownFile(root, cfg.Content, func(rel string) {
		if !allMarkdown && !slices.ContainsFunc(cfg.Pages, func(g string) bool { return lint.MatchPageGlob(g, rel) }) {
			return
		}
		if by := ignoredBy(rel); by != "" {
			switch {
			case n == 0:
				first, why = rel, by
			case by != why:
				why = "the ignore globs and the root's .gitignore"
			}
			n++
		}
	})
	return n, first, why
}

// eachMarkdownFile calls fn with each regular Markdown file under the
// root-relative folder dir, root-relative with '/', skipping the folders
// a run's walk skips (a name starting with ".", node_modules).
func eachMarkdownFile(root, dir string, fn func(rel string)) {
	named := filepath.Join(root, filepath.FromSlash(dir))
	top := lint.ContentWalkDir(root, named) // through a symlinked content folder
	_ = filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
		case d.IsDir():
			if p != top && (strings.HasPrefix(d.Name(), ".") || lint.LeftOutFolder(d.Name())) {
				return filepath.SkipDir
			}
		case d.Type().IsRegular() && strings.EqualFold(filepath.Ext(p), ".md"):
			if rel, err := filepath.Rel(top, p); err == nil {
				if rel, err = filepath.Rel(root, filepath.Join(named, rel)); err == nil {
					fn(filepath.ToSlash(rel))
				}
			}
		}
		return nil
	})
}

// noPages says that a run over the configured pages found none.
func noPages(root string, cfg *lint.Config, allMarkdown bool) error {
	where := configWhere(cfg)
	if content := filepath.Join(root, filepath.FromSlash(cfg.Content)); !dirExists(content) {
		// The pages live under the content folder: say that it is
		// missing, not that the globs match nothing.
		if other := lint.FolderInOtherCase(root, cfg.Content); other != "" {
			return usagef("the content folder %s does not exist, so no page is linted; %s is, in another case, which Hugo does not read as %s on a case-sensitive file system: rename it, or set content in %s (and Hugo's contentDir) to %q", content, filepath.Join(root, filepath.FromSlash(other)), cfg.Content, where, other)
		}
		return usagef("the content folder %s does not exist, so no page is linted; create it, or set content in %s to the folder holding the site's pages", content, where)
	}
	if err := leftOutError(root, cfg, allMarkdown); err != nil {
		return err
	}
	if allMarkdown {
		return usagef("no Markdown file under %s; check content in %s, or name the files to check", filepath.Join(root, filepath.FromSlash(cfg.Content)), where)
	}
	if len(cfg.Pages) == 0 {
		return usagef("pages in %s is an empty list, so no page is linted; list the globs of the career pages there, or name the files to lint", where)
	}
	if in, cased := contentRelativeGlob(root, cfg); in != "" {
		if cased {
			return usagef("no file under %s matches the pages globs (%s): they name the content folder %s in another case; did you mean %q in %s", root, strings.Join(cfg.Pages, ", "), cfg.Content, in, where)
		}
		return usagef("no file under %s matches the pages globs (%s): globs are relative to the site root; did you mean %q in %s", root, strings.Join(cfg.Pages, ", "), in, where)
	}
	if cfg.File == "" {
		// The defaults' globs are GitLab's handbook's: another site
		// names its own.
		return usagef("no file under %s matches the pages globs of the built-in defaults (%s); write a configuration with careerlint init and set pages there to the globs of the site's career pages, or name the files to lint", root, strings.Join(cfg.Pages, ", "))
	}
	return usagef("no file under %s matches the pages globs (%s); check pages in %s, or name the files to lint", root, strings.Join(cfg.Pages, ", "), where)
}

// contentRelativeGlob returns the first pages glob, written as if
// relative to the content folder ("handbook/**/*.md"), with the content
// folder before it ("content/handbook/**/*.md"), or written with the
// content folder in another case ("content/handbook/**/*.md" where it is
// Content/), with the content folder as configured in its place (cased is
// then true), when that way it matches a Markdown file under the content
// folder; "" when none does. The globs as written match no page: this is
// the message's did-you-mean.
func contentRelativeGlob(root string, cfg *lint.Config) (glob string, cased bool) {
	content := path.Clean(filepath.ToSlash(cfg.Content))
	if content == "." {
		return "", false
	}
	var in []string
	recased := map[string]bool{}
	for _, g := range cfg.Pages {
		if n := len(content); len(g) > n && g[n] == '/' && g[:n] != content && strings.EqualFold(g[:n], content) {
			in = append(in, content+g[n:])
			recased[content+g[n:]] = true
			continue
		}
		in = append(in, content+"/"+strings.TrimPrefix(g, "/"))
	}
	found := ""
	named := filepath.Join(root, filepath.FromSlash(content))
	dir := lint.ContentWalkDir(root, named) // through a symlinked content folder
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that cannot be read: the others may tell
		}
		if d.IsDir() {
			if n := d.Name(); p != dir && (strings.HasPrefix(n, ".") || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(path.Ext(d.Name()), ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil
		}
		rel = path.Join(content, filepath.ToSlash(rel))
		for _, g := range in {
			if lint.MatchPageGlob(g, rel) {
				found = g
				return filepath.SkipAll
			}
		}
		return nil
	})
	return found, recased[found]
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// contentRoot returns the nearest folder from dir up that holds a content
// folder, or a usage error saying that there is no site.
func contentRoot(dir string) (string, error) {
	for d := dir; ; {
		if dirExists(filepath.Join(d, "content")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", noSite(dir, false)
		}
		d = parent
	}
}

// noSite says that there is no site at root: given with --root, or the
// folder careerlint walked up from.
func noSite(root string, given bool) error {
	for d := root; ; d = filepath.Dir(d) {
		// A Hugo site whose content folder is missing.
		if file, dir := lint.MissingContentDir(d); file != "" {
			return usagef("no site at %s: %s sets contentDir = %q, which is not a folder under %s; create it, or set contentDir to the folder holding the site's pages", root, filepath.Join(d, filepath.FromSlash(file)), dir, d)
		}
		if given || filepath.Dir(d) == d {
			break
		}
	}
	if below := sitesBelow(root); len(below) > 0 {
		// A site kept in a folder of the repository, run from its top.
		var names, roots []string
		for _, b := range below {
			names = append(names, filepath.Base(b)+"/")
			roots = append(roots, "--root "+b)
		}
		folders := "its folder " + names[0] + " does"
		if len(names) > 1 {
			folders = "its folders " + lint.JoinWords(names, "and") + " do"
		}
		return usagef("no site at %s: it holds no .careerlint.yaml and no content/ folder, but %s; pass %s", root, folders, lint.JoinWords(roots, "or"))
	}
	if other := lint.FolderInOtherCase(root, "content"); other != "" {
		// Content/ for content/: a site, but not one Hugo reads as such
		// on a case-sensitive file system.
		return usagef("no site at %s: it holds no .careerlint.yaml and no content/ folder, but %s/, in another case, which Hugo does not read as content/ on a case-sensitive file system; rename it, or write a configuration with careerlint init and set content there (and Hugo's contentDir) to %q", root, other, other)
	}
	if given {
		if above := siteAbove(root); above != "" {
			// The content folder, or a folder in it, taken for the root.
			return usagef("no site at %s: it holds no .careerlint.yaml and no content/ folder, but is inside the site whose root is %s; pass --root %s", root, above, fromWorkDir(above))
		}
		return usagef("no site at %s: it holds no .careerlint.yaml and no content/ folder; pass the folder that holds them as --root, or write a configuration there with careerlint init", root)
	}
	return usagef("no site at %s: it holds no .careerlint.yaml and no content/ folder, nor does a folder above it; run careerlint inside the site, pass --root, or write a configuration with careerlint init", root)
}

// noSiteForConfig is the error of a run given --config and no --root
// whose site root was not found from start (err, noSite's): --config
// names the configuration file only, and the root is found as without it,
// from the first path or the current folder. When the file's folder is a
// site root, which the user likely meant, the message says so and names
// it as the --root to pass; otherwise it is err.
func noSiteForConfig(err error, start, configFlag string) error {
	dir := filepath.Dir(configFlag)
	if !lint.IsSiteRoot(dir) {
		return usageError{err.Error()}
	}
	from, ferr := lint.FindRoot(start)
	if ferr != nil {
		return usageError{err.Error()}
	}
	return usagef("no site at %s, nor in a folder above it (--config names the configuration file only, not the site root, which is found from the first path or the current folder); pass --root %s, the folder of %s, too", from, dir, configFlag)
}

// sitesBelow returns the folders right below dir (named from the current
// folder when dir is it or below it, else absolute) that hold a
// .careerlint.yaml or a content/ folder, or are a site root otherwise (a
// Hugo configuration and its content folder: lint.IsSiteRoot), sorted,
// at most three.
func sitesBelow(dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	wd, _ := os.Getwd()
	var out []string
	for _, e := range ents {
		if !e.IsDir() || lint.LeftOutFolder(e.Name()) {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		if !dirExists(filepath.Join(sub, "content")) && !lint.IsSiteRoot(sub) {
			continue
		}
		if rel, err := filepath.Rel(wd, sub); err == nil && wd != "" && filepath.IsLocal(rel) {
			sub = rel
		}
		out = append(out, sub)
		if len(out) == 3 {
			break
		}
	}
	return out
}

// fromWorkDir returns an absolute path as a command line would name it:
// relative to the current folder when it is inside it, else as is.
func fromWorkDir(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return p
}

// siteAbove returns the nearest folder above dir that is a site root
// (lint.IsSiteRoot), or "" when none is.
func siteAbove(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if lint.IsSiteRoot(d) {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// foldersUpTo returns the folders from dir up to root, both included,
// found by walking up dir's path until a folder is root (os.SameFile);
// nil when the walk does not meet root, or a folder cannot be read.
func foldersUpTo(dir, root string) []os.FileInfo {
	rootFi, err := os.Stat(root)
	if err != nil {
		return nil
	}
	var out []os.FileInfo
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return nil
		}
		out = append(out, fi)
		if os.SameFile(fi, rootFi) {
			return out
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// cmdRules prints the table of rules, with the severity each has in the
// configuration found as the lint commands find it (or given with
// --config or --root): "off (default error)" for a rule it changes.
func cmdRules(args []string, stdout, stderr io.Writer) error {
	args, cfg, err := configCommand("rules", "usage: careerlint rules [flags]\n\nPrints the rules with their severity in the configuration.\n", "whose severities the table shows", args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("rules takes no arguments")
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tFIXABLE\tSUMMARY")
	for _, r := range rules.All() {
		sev := r.Default.String()
		if got := cfg.Severity(r); got != r.Default {
			sev = fmt.Sprintf("%s (default %s)", got, r.Default)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, sev, r.FixKind(), r.Summary)
	}
	return tw.Flush()
}

// configCommand parses the flags of a command that shows the rules as a
// configuration sets them (rules, explain: --config, --root) and returns
// its arguments and that configuration (see configForDocs). usage is the
// command's usage line and description; configUse says what the
// configuration is for.
func configCommand(name, usage, configUse string, args []string, stdout, stderr io.Writer) ([]string, *lint.Config, error) {
	fs := flag.NewFlagSet("careerlint "+name, flag.ContinueOnError)
	configFlag := fs.String("config", "", "the configuration `FILE` "+configUse+" (default: .careerlint.yaml at the site root)")
	rootFlag := fs.String("root", "", "take `DIR` as the site root (default: walk up from the current folder to .careerlint.yaml, or a folder holding content/ and assets/, else to a Hugo configuration whose content folder exists)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage+"\nFlags:\n")
		printFlags(fs)
	}
	rest, err := parseCommandLine(fs, args, stdout)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := configForDocs(*rootFlag, *configFlag, stderr)
	return rest, cfg, err
}

// configForDocs returns the configuration that rules and explain show: the
// one asked for with --root or --config, which must load, else the one
// found by walking up, which may be broken without hiding the table or the
// documentation (a warning says the defaults are shown), else the
// defaults.
func configForDocs(rootFlag, configFlag string, stderr io.Writer) (*lint.Config, error) {
	if rootFlag != "" || configFlag != "" {
		_, cfg, err := setup(rootFlag, configFlag, nil, false)
		if err != nil && rootFlag == "" {
			// No site around here: the file alone says what the rules
			// and their docs URL are (its folders are checked by a lint).
			c, lerr := lint.LoadConfig(configFlag, rules.All())
			if lerr != nil {
				return nil, usagef("invalid configuration:\n%v", lerr)
			}
			return c, nil
		}
		return cfg, err
	}
	root, err := lint.FindRoot(".")
	if err != nil || !fileExists(filepath.Join(root, lint.ConfigFileName)) {
		return lint.DefaultConfig(), nil // no configuration: the defaults
	}
	_, cfg, err := setup(root, "", nil, false)
	if err == nil {
		return cfg, nil
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	if rest, ok := strings.CutPrefix(err.Error(), "invalid configuration:\n"); ok {
		first, _, _ = strings.Cut(rest, "\n")
	}
	notef(stderr, "careerlint: warning: the built-in defaults are shown: %s\n", first)
	return lint.DefaultConfig(), nil
}

// cmdExplain prints a rule's documentation and the docs URL its findings
// carry: the docs-url of the configuration found as the lint commands find
// it, or given with --config or --root.
func cmdExplain(args []string, stdout, stderr io.Writer) error {
	args, cfg, err := configCommand("explain", "usage: careerlint explain [flags] RULE\n\nPrints a rule's documentation and its docs URL.\n", "whose docs-url the Docs link uses", args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("explain takes one rule name or ID, e.g. careerlint explain front-matter")
	}
	r := rules.Find(args[0])
	if r == nil {
		return usageError{lint.UnknownRule(args[0], "", rules.All())}
	}
	text, seeAlso := terminalDoc(r, r.Doc.Text)
	fmt.Fprintf(stdout, "%s\n\nID: %s  Name: %s  Default severity: %s  Fixable: %s\nDocs: %s\n", strings.TrimRight(text, "\n"), r.ID, r.Name, r.Default, r.FixKind(), cfg.DocsLink(r))
	if len(seeAlso) > 0 {
		fmt.Fprintf(stdout, "See also: careerlint explain %s\n", strings.Join(seeAlso, ", careerlint explain "))
	}
	return nil
}

// ruleDocLink is a Markdown link from one rule's doc to another's, as the
// docs write it: [link-target](link-target.md).
var ruleDocLink = regexp.MustCompile(`\[([^\]\n]+)\]\(([a-z][a-z-]*)\.md\)`)

// ruleInCode is a rule named in a code span: `link-target`.
var ruleInCode = regexp.MustCompile("`([a-z][a-z-]*)`")

// terminalDoc makes rule r's Markdown doc read in a terminal: a link to
// another rule's doc, whose file means nothing there, is left as its text,
// and the other rules the doc links or names in a code span are returned,
// in order of first mention, for a "See also" line of the commands that
// explain them.
func terminalDoc(r *lint.Rule, doc string) (string, []string) {
	var seeAlso []string
	see := func(name string) bool {
		o := rules.Find(name)
		if o == nil || o.Name != name {
			return false
		}
		if o != r && !slices.Contains(seeAlso, name) {
			seeAlso = append(seeAlso, name)
		}
		return true
	}
	text := ruleDocLink.ReplaceAllStringFunc(doc, func(m string) string {
		sub := ruleDocLink.FindStringSubmatch(m)
		if !see(sub[2]) {
			return m
		}
		return sub[1]
	})
	for _, m := range ruleInCode.FindAllStringSubmatch(text, -1) {
		see(m[1])
	}
	return text, seeAlso
}

// cmdVersion prints careerlint's version.
func cmdVersion(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("careerlint version", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: careerlint version\n\nPrints careerlint's version (also careerlint --version).\n")
	}
	args, err := parseCommandLine(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "careerlint %s\n", version)
	return nil
}

func cmdInit(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("careerlint init", flag.ContinueOnError)
	rootFlag := fs.String("root", "", "write .careerlint.yaml in `DIR`, the site root (the same as naming the folder)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: careerlint init [FOLDER]\n\nWrites FOLDER/.careerlint.yaml (default: the current folder) with the built-in\ndefaults and comments; an existing file is never overwritten.\n\nFlags:\n")
		printFlags(fs)
	}
	args, err := parseCommandLine(fs, args, stdout)
	if err != nil {
		return err
	}
	dir := "."
	switch {
	case len(args) > 1 || len(args) == 1 && *rootFlag != "":
		return usagef("init takes one folder, named or given with --root")
	case len(args) == 1:
		dir = args[0]
	case *rootFlag != "":
		dir = *rootFlag
	}
	if fi, err := os.Stat(dir); err != nil {
		return usagef("%s does not exist; name the site root to write .careerlint.yaml in", dir)
	} else if !fi.IsDir() {
		return usagef("%s is not a folder; name the site root to write .careerlint.yaml in", dir)
	}
	if err := initInsideSite(dir); err != nil {
		return err
	}
	file := filepath.Join(dir, lint.ConfigFileName)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return usagef("%s already exists; not overwriting it", file)
		}
		return usageError{err.Error()}
	}
	if _, err := io.WriteString(f, lint.DefaultConfigYAMLAt(dir, rules.All())); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", file)
	return nil
}

// initInsideSite refuses an init into dir when dir is no site root but
// is, or is inside, the content folder or an include root of the site
// above it: a .careerlint.yaml there would be found first by every run
// started below it, which would take dir for the site root. The site is
// the one above dir as named, or, for a symbolic link from outside it,
// the one above the folder the link leads to.
func initInsideSite(dir string) error {
	if lint.IsSiteRoot(dir) {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = abs
	}
	above := siteAbove(abs)
	if above != "" {
		// The folders from dir up to the site root, as named and with the
		// symbolic links on the way resolved: the content folder reached
		// through a link is the same folder.
		chains := [][]os.FileInfo{foldersUpTo(abs, above)}
		if real != abs {
			if realAbove, err := filepath.EvalSymlinks(above); err == nil {
				chains = append(chains, foldersUpTo(real, realAbove))
			}
		}
		if err := initInsideFolders(dir, "", above, chains); err != nil {
			return err
		}
	}
	if real == abs {
		return nil
	}
	// A link to the content folder from outside the site (or from
	// another site): the folder it leads to, whose site the walk up the
	// path as named does not meet.
	realAbove := siteAbove(real)
	if realAbove == "" {
		return nil
	}
	if fi, err := os.Stat(above); err == nil && sameFile(fi, realAbove) {
		return nil // checked above
	}
	return initInsideFolders(dir, real, realAbove, [][]os.FileInfo{foldersUpTo(real, realAbove)})
}

// initInsideFolders is initInsideSite's check of dir against the site
// whose root is above: chains are the folders from dir up to above, as
// reached (see foldersUpTo); real, when not "", is the folder dir leads to,
// which the refusal names, as dir's path is not in the site.
func initInsideFolders(dir, real, above string, chains [][]os.FileInfo) error {
	cfg := lint.DefaultConfigAt(above)
	if c, err := lint.LoadConfig(filepath.Join(above, lint.ConfigFileName), rules.All()); err == nil {
		cfg = c
	}
	for i, f := range append([]string{cfg.Content}, cfg.IncludeRoots...) {
		f = path.Clean(f)
		// Compared as files, not as paths: on a case-insensitive file
		// system (macOS, Windows) Content is the folder content. "." (a
		// Hugo site's contentDir = ".") is the site root, the last of
		// each chain: every folder below it is inside it.
		ffi, err := os.Stat(filepath.Join(above, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		at := -1 // 0 for dir itself, more for a folder above it
		for _, chain := range chains {
			if j := slices.IndexFunc(chain, func(fi os.FileInfo) bool { return os.SameFile(fi, ffi) }); j >= 0 && (at < 0 || j < at) {
				at = j
			}
		}
		if at < 0 {
			continue
		}
		where, key := "the content folder", "content"
		if i > 0 {
			where, key = "an include root", "include-roots"
		}
		switch {
		case at == 0:
		case f == ".":
			where = fmt.Sprintf("inside %s, the site root itself (%s: \".\"),", where, key)
		default:
			where = "inside " + where + ", " + f + "/,"
		}
		verb := "is "
		if real != "" {
			verb = "leads to " + real + ", "
		}
		return usagef("%s %s%s of the site whose root is %s, not a site root; a .careerlint.yaml there would be taken for the root of every run below it: write it at the site root, careerlint init %s", dir, verb, where, above, fromWorkDir(above))
	}
	return nil
}

// outputSpec is one output of a run: a format written to a file, or to
// standard output when file is "".
type outputSpec struct {
	format, file string
	// flag is the flag that asked for it, for messages.
	flag string
}

// outputList collects repeated --output FORMAT[=FILE] flags.
type outputList []outputSpec

func (o *outputList) String() string {
	var parts []string
	for _, s := range *o {
		if s.file == "" {
			parts = append(parts, s.format)
		} else {
			parts = append(parts, s.format+"="+s.file)
		}
	}
	return strings.Join(parts, ",")
}

func (o *outputList) Set(v string) error {
	format, file, hasFile := strings.Cut(v, "=")
	if hasFile && file == "" {
		return fmt.Errorf("%q names no file; write FORMAT=FILE, or FORMAT alone for standard output", v)
	}
	if file == "-" {
		file = ""
	}
	*o = append(*o, outputSpec{format: format, file: file, flag: "--output"})
	return nil
}

// String returns the output as the command line wrote it.
func (o outputSpec) String() string {
	if o.file != "" {
		return fmt.Sprintf("%s %s=%s", o.flag, o.format, o.file)
	}
	return o.flag + " " + o.format
}

// resolveOutputs returns the outputs of a run: those of --output, plus
// --format on standard output when it is given or when there is no
// --output. It checks the format names and that no two outputs share
// standard output or a file.
func resolveOutputs(fs *flag.FlagSet, format string, list outputList, stdout io.Writer) ([]outputSpec, error) {
	var outs []outputSpec
	if flagGiven(fs, "format") || len(list) == 0 {
		outs = append(outs, outputSpec{format: format, flag: "--format"})
	}
	outs = append(outs, list...)
	names := lint.FormatNames()
	seen := map[string]outputSpec{}
	var existing []existingOutput // for names that differ in case only
	for _, o := range outs {
		if _, ok := lint.Formats[o.format]; !ok {
			msg := fmt.Sprintf("unknown %s %q", o.flag, o.format)
			if o.flag == "--output" {
				msg = fmt.Sprintf("unknown --output format %q", o.format)
			}
			if s := lint.Closest(o.format, names, 3); s != "" {
				msg += fmt.Sprintf("; did you mean %q", s)
			}
			return nil, usagef("%s; expected %s", msg, strings.Join(names, ", "))
		}
		key := ""
		if o.file != "" {
			abs, err := filepath.Abs(o.file)
			if err != nil {
				return nil, usagef("%s %s=%s: %v", o.flag, o.format, o.file, err)
			}
			key = outputKey(abs)
			if sameAsStdout(o.file, stdout) {
				key = "" // /dev/stdout, or the file standard output goes to
			} else if err := checkOutputFile(o.file); err != nil {
				// Said before the run rather than after its report.
				return nil, usagef("cannot write %s output to %s: %v", o.format, o.file, err)
			}
		}
		prev, dup := seen[key]
		if fi, err := os.Stat(o.file); key != "" && err == nil && !dup {
			// One file under names that differ in case only, on a file
			// system that ignores case (macOS, Windows). Hard links are
			// two names that each get a file of their own: the write
			// renames a new file over its name.
			for _, e := range existing {
				if os.SameFile(e.fi, fi) && strings.EqualFold(e.key, key) {
					prev, dup = e.out, true
				}
			}
			existing = append(existing, existingOutput{o, fi, key})
		}
		if dup {
			if key == "" {
				return nil, usagef("%s and %s both write to standard output; give one of them a file, FORMAT=FILE", prev, o)
			}
			return nil, usagef("%s=%s and %s=%s write the same file", prev.format, prev.file, o.format, o.file)
		}
		seen[key] = o
	}
	return outs, nil
}

// existingOutput is an output to a file that exists before the run, with
// its outputKey.
type existingOutput struct {
	out outputSpec
	fi  os.FileInfo
	key string
}

// outputKey names the file that writeFileAtomic writes for an output's
// absolute path, so that two outputs writing one file are told apart from
// two that do not: symlinks followed (those of its folders, and the file
// itself when it is one, also to a file not there yet, through a chain of
// symlinks: another output may create the file at its end before this one
// is written, which then writes through the chain).
func outputKey(abs string) string {
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	for range 40 { // the kernel's own limit on a chain of symlinks
		dest, err := linkDest(abs)
		if err != nil {
			break
		}
		abs = dest
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// sameAsStdout reports whether the file name is where stdout writes
// (/dev/stdout, or the file the shell redirected it to), so that two
// reports written there would mix.
func sameAsStdout(name string, stdout io.Writer) bool {
	f, ok := stdout.(*os.File)
	if !ok {
		return false
	}
	out, err := f.Stat()
	if err != nil {
		return false
	}
	fi, err := os.Stat(name)
	return err == nil && os.SameFile(fi, out)
}

// writeOutputs formats the report once per output and writes it to
// standard output or, atomically, to its file. Colour goes to standard
// output only. With quiet, the text and Markdown outputs have no summary
// line (text output is empty when no finding is left). A file that cannot be written does not stop
// the others.
func writeOutputs(outs []outputSpec, rep *lint.Report, quiet, color bool, stdout io.Writer) error {
	var failed []string
	for _, o := range outs {
		r := *rep
		r.Color = color && o.file == ""
		r.NoSummary = quiet
		var buf strings.Builder
		if err := lint.Formats[o.format](&buf, &r); err != nil {
			return err
		}
		if o.file == "" {
			if _, err := io.WriteString(stdout, buf.String()); err != nil {
				return err
			}
			continue
		}
		if err := writeFileAtomic(o.file, []byte(buf.String())); err != nil {
			failed = append(failed, fmt.Sprintf("cannot write %s output to %s: %v", o.format, o.file, unwrapPath(err)))
		}
	}
	if len(failed) > 0 {
		return usageError{strings.Join(failed, "\ncareerlint: ")}
	}
	return nil
}

// checkOutputFile reports, before a run, what would make writing its
// report to the file fail for sure: the name is a folder, or the folder
// it would be created in is missing or no folder. Permissions and a full
// disk are found when the report is written.
func checkOutputFile(name string) error {
	fi, err := os.Stat(name) // through symlinks
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a folder; give the path of a file in it", name)
	case err == nil:
		return nil
	}
	if _, lerr := os.Readlink(name); lerr == nil {
		return nil // a symlink to a file not there yet: writeFileAtomic decides
	}
	dir := filepath.Dir(name)
	di, derr := os.Stat(dir)
	switch {
	case errors.Is(derr, fs.ErrNotExist):
		return fmt.Errorf("folder %s does not exist; create it first", dir)
	case derr == nil && !di.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return unwrapPath(err)
	}
	return nil
}

// writeFileAtomic replaces or creates a file (a path relative to the
// current folder) with data: a temporary file in the same folder, synced,
// then renamed over the target, so that a reader (a CI job uploading the
// report) sees the old content or the new one, never a part. An existing
// file keeps its mode; a new one gets what the umask leaves of 0666, as
// a shell's > gives it (0644 under the usual 022). A symlink stays a symlink:
// the file it leads to is replaced (or created). What is not a regular
// file (/dev/null, a FIFO or a shell's process substitution), and a path
// that leads through /proc (/dev/stdout redirected to a file), is appended
// to, never replaced.
func writeFileAtomic(name string, data []byte) error {
	mode, keep := os.FileMode(0), false // keep: an existing file's mode
	fi, err := os.Stat(name)            // through symlinks
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a folder", name)
	case err == nil && (!fi.Mode().IsRegular() || systemPath(name)):
		// Appended, not truncated: /dev/stdout may be a log file the
		// shell opened with >>, which the text report also goes to.
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	case err == nil:
		mode, keep = fi.Mode().Perm(), true
		if real, err := filepath.EvalSymlinks(name); err == nil {
			name = real
		}
	case errors.Is(err, fs.ErrNotExist):
		if dest, err := linkDest(name); err == nil {
			// A symlink to a file not there yet: create that file.
			if _, err := os.Lstat(dest); err == nil {
				return fmt.Errorf("%s is a symlink that leads nowhere", name)
			}
			name = dest
		}
	}
	tmp, err := createTemp(filepath.Dir(name), "."+filepath.Base(name)+".careerlint-")
	if err != nil {
		return err
	}
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if keep {
		if err := tmp.Chmod(mode); err != nil {
			return fail(err)
		}
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := lint.ReplaceFile(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// linkDest returns the path a symlink leads to, as the system follows
// it: a relative target is taken from the folder that holds the link, with
// that folder's own symlinks followed (through linked -> real/sub, the
// link linked/l.json -> ../x.json leads to real/x.json, not x.json).
func linkDest(name string) (string, error) {
	dest, err := os.Readlink(name)
	if err != nil || filepath.IsAbs(dest) {
		return dest, err
	}
	dir := filepath.Dir(name)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Join(dir, dest), nil
}

// createTemp creates a new file in dir named prefix and a random suffix,
// with mode 0666 less the umask (os.CreateTemp makes it 0600 whatever the
// umask).
func createTemp(dir, prefix string) (*os.File, error) {
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, prefix+"*"), Err: fs.ErrExist}
}

// systemPath reports whether an output file leads, through any chain of
// symlinks, through /proc (/dev/stdout is /proc/self/fd/1): a stand-in for
// a file descriptor the shell opened, to be written through even when it
// leads to a regular file. A regular file elsewhere under /dev (/dev/shm)
// is an ordinary file.
func systemPath(name string) bool {
	p := name
	for range 40 { // the kernel's own limit on a chain of symlinks
		abs, err := filepath.Abs(p)
		if err != nil {
			return false
		}
		if strings.HasPrefix(abs, "/proc/") {
			return true
		}
		dest, err := os.Readlink(abs)
		if err != nil {
			return false // not a symlink (or gone): the chain ends here
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(abs), dest)
		}
		p = dest
	}
	return false
}

// unwrapPath drops the operation and path a *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// rootRelative returns a path (relative to the current folder, or
// absolute) as a slash-separated path relative to the site root.
func rootRelative(root, p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the site root %s; name a file under it, or pass the folder of its site as --root", p, root)
	}
	return filepath.ToSlash(rel), nil
}

// stdinStandsForFile reports whether the text --stdin-filename reads
// stands for the root-relative file rel in the run, as the language
// server's open documents do: not for a file careerlint PATH reads no
// text from, a page of the content folder reached through a symlink
// (Hugo publishes none: file-format reports it) or a file that a symlink
// leads out of the site root (an include of it is refused). The run then
// reads the disk for it, as careerlint PATH does, whatever the editor
// holds.
func stdinStandsForFile(root string, cfg *lint.Config, rel string) bool {
	if lint.SymlinkedContent(root, cfg, rel) {
		return false
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return true // not on disk (a new file): its text is all there is
	}
	realRoot, err := filepath.EvalSymlinks(root)
	return err != nil || !outsideRoot(realRoot, real)
}

// outsideRoot reports whether a path (relative to the current folder,
// or absolute) is outside the site root; the root itself is not.
func outsideRoot(root, p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, abs)
	return err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// givenFiles tells the root-relative files a --pages-only run may fix:
// those a hook passed (given), and every file under a folder given
// (pages and include files), but not the pages brought in by an include
// file given, which the hook did not pass. Nil, every file, when the site
// root is given.
func givenFiles(root string, given []string) func(file string) bool {
	files := map[string]bool{}
	var folders []string
	for _, p := range given {
		rel, err := rootRelative(root, p)
		switch {
		case err != nil && outsideRoot(root, p):
			continue // skipped by selectPages
		case err != nil:
			return nil // the site root: every file is given
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			folders = append(folders, rel+"/")
			continue
		}
		files[rel] = true
	}
	return func(f string) bool {
		return files[f] || slices.ContainsFunc(folders, func(dir string) bool { return strings.HasPrefix(f, dir) })
	}
}

// ignoredIncludesUnder returns the Markdown files under a root-relative
// folder named to a run, below an include root, that the ignore globs or
// the root's .gitignore leave out, which the run's listing of the folder
// leaves out: not linted themselves, they bring in the pages that paste
// them, as when each is named.
func ignoredIncludesUnder(root string, cfg *lint.Config, dir string) []string {
	if cfg.Classify(dir+"/x.md") != lint.IncludeFile {
		return nil
	}
	var out []string
	ignoredBy := lint.IgnoredByAt(root, cfg)
	eachMarkdownFile(root, dir, func(rel string) {
		if ignoredBy(rel) != "" {
			out = append(out, rel)
		}
	})
	return out
}

// maxOrphanChecks is the most include files that selectPages looks up one
// by one, to name those no page includes.
const maxOrphanChecks = 3

// selectPages returns the files under paths to lint, as absolute paths,
// classified as the language server classifies documents: a career page
// (the pages globs) is linted; another page under the content folder is
// linted too when others is set (the run checks it with
// RunOptions.OtherRules; with allMarkdown, as in `careerlint links`, every
// such page is a page); a file under an include root is no page, and
// brings in the pages that include it, directly or through other include
// files (career pages only with --pages-only); any other file (a README
// beside the content folder) is no page of the site and is left out.
// Without others (--pages-only: a pre-commit hook passes every changed
// Markdown file) only career pages are kept. What is left out of a file
// named, not found in a folder, is said on notes. A path of the overlay
// (standard input) is classified as it is; the other paths are listed as
// a run lists them. The include files given are returned too: the run
// holds every page that includes them (lint.RunOptions.WholeIncludes).
// pagesOfPaths is selectPages; with judgeAll, when a path names every page
// (the site root or its content folder), the include files returned are
// all of the site's: every page is in the run, so every include file's
// suppressions are judged.
func pagesOfPaths(root string, cfg *lint.Config, paths []string, overlay map[string][]byte, allMarkdown, others, judgeAll bool, notes io.Writer) ([]string, map[string]bool, error) {
	pages, whole, err := selectPages(root, cfg, paths, overlay, allMarkdown, others, notes)
	if err == nil && judgeAll && slices.ContainsFunc(paths, func(p string) bool { return lint.NamesAllPages(root, cfg, p) }) {
		whole, err = includeFiles(root, cfg, whole)
	}
	return pages, whole, err
}

// addAll adds the keys of from to set, made when nil and needed.
func addAll(set, from map[string]bool) map[string]bool {
	for k := range from {
		if set == nil {
			set = map[string]bool{}
		}
		set[k] = true
	}
	return set
}

func selectPages(root string, cfg *lint.Config, paths []string, overlay map[string][]byte, allMarkdown, others bool, notes io.Writer) ([]string, map[string]bool, error) {
	var files, onDisk, noPage []string
	named := map[string]bool{} // files named, not found in a folder
	shown := shownFrom(root)
	for _, p := range paths {
		if !others && outsideRoot(root, p) {
			// --pages-only: a hook passes every changed Markdown file
			// of the repository, and one outside the site is no page.
			continue
		}
		rel, err := rootRelative(root, p)
		if err == nil {
			if _, ok := overlay[rel]; ok {
				files = append(files, rel)
				named[rel] = true
				// Standard input standing for a file that is left out
				// is said to be, as the file named is.
				if why := lint.IgnoredBy(root, cfg, rel); why != "" && strings.EqualFold(path.Ext(rel), ".md") {
					if why == lint.IgnoredByGlobs {
						why += " of " + configWhere(cfg)
					}
					if cfg.Classify(rel) == lint.IncludeFile {
						notef(notes, "careerlint: %s matches %s; not linted, but the pages that paste it are\n", shown(rel), why)
					} else {
						notef(notes, "careerlint: %s matches %s; not linted\n", shown(rel), why)
					}
				}
				continue
			}
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				named[rel] = true
			}
		}
		onDisk = append(onDisk, p)
	}
	var ignoredIncludes []string // include files named that the ignore globs or .gitignore leave out
	if len(onDisk) > 0 {
		// A folder of the content folder that is no page where one is
		// looked for (a symlink, senior.md/), or a folder that cannot be
		// read, named or in a folder named, is run as a path:
		// file-format says why.
		listed, folders, err := lint.DiscoverNamed(root, cfg, onDisk)
		if err != nil {
			return nil, nil, usageError{err.Error()}
		}
		noPage = folders
		files = append(files, listed...)
		// A file named that the listing left out is ignored, and so is a
		// folder named whose files all are: said, so that "0 files" is
		// not taken for a clean file.
		// listed is sorted: a file is found, and a folder's files start,
		// by binary search (a hook may pass thousands of files).
		for _, p := range onDisk {
			rel, err := rootRelative(root, p)
			if err != nil {
				continue
			}
			if _, found := slices.BinarySearch(listed, rel); found {
				continue
			}
			what, probe := rel, rel
			var under []string // the include files left out under a folder named
			if !named[rel] {
				if fi, err := os.Stat(p); err != nil || !fi.IsDir() || rel == "." {
					continue
				}
				under = ignoredIncludesUnder(root, cfg, rel)
				ignoredIncludes = append(ignoredIncludes, under...)
				if i, _ := slices.BinarySearch(listed, rel+"/"); i < len(listed) && strings.HasPrefix(listed[i], rel+"/") {
					continue // a folder with files listed
				}
				what, probe = rel+"/", rel+"/x.md" // a file in it
			}
			if why := lint.IgnoredBy(root, cfg, probe); why != "" {
				if why == lint.IgnoredByGlobs {
					why += " of " + configWhere(cfg)
				}
				if len(under) > 0 {
					// Its files bring in the pages that paste them, if any.
					if pasting, err := lint.PagesIncluding(context.Background(), root, cfg, under, allMarkdown || others); err == nil && len(pasting) == 0 {
						notef(notes, "careerlint: %s matches %s; not linted, and no page careerlint lints pastes its files, so nothing was checked\n", shown(what), why)
						continue
					}
					notef(notes, "careerlint: %s matches %s; not linted, but the pages that paste its files are\n", shown(what), why)
					continue
				}
				if named[rel] && cfg.Classify(rel) == lint.IncludeFile && strings.EqualFold(path.Ext(rel), ".md") {
					// Not linted itself, but pasted: the pages that paste
					// it change with it, as for any include file.
					ignoredIncludes = append(ignoredIncludes, rel)
					notef(notes, "careerlint: %s matches %s; not linted, but the pages that paste it are\n", shown(what), why)
					continue
				}
				notef(notes, "careerlint: %s matches %s; not linted\n", shown(what), why)
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	add := func(rel string) {
		if !seen[rel] {
			seen[rel] = true
			out = append(out, filepath.Join(root, filepath.FromSlash(rel)))
		}
	}
	for _, rel := range noPage {
		// A folder: said so by the trailing separator (one whose path
		// is too long to look at is taken for a folder only so).
		if !seen[rel] {
			seen[rel] = true
			out = append(out, filepath.Join(root, filepath.FromSlash(rel))+string(filepath.Separator))
		}
	}
	includes := ignoredIncludes
	for _, rel := range files {
		if !strings.EqualFold(path.Ext(rel), ".md") {
			// Named: a folder's listing holds only Markdown files.
			notef(notes, "careerlint: %s is not a Markdown file (.md); not linted\n", shown(rel))
			continue
		}
		switch cfg.Classify(rel) {
		case lint.CareerPage:
			add(rel)
		case lint.ContentPage:
			if allMarkdown || others {
				add(rel)
			}
		case lint.IncludeFile:
			includes = append(includes, rel)
		default:
			if others && named[rel] {
				notef(notes, "careerlint: %s is no page of the site (outside %s/ and the include roots); not linted\n", shown(rel), path.Clean(cfg.Content))
			}
		}
	}
	// An include file is no page, but the pages that include it change
	// with it: a hook given only an edited include lints them.
	// Each include file is a search of its own when there are a few (an
	// editor's buffer, a commit touching some includes), so that one no
	// page includes is named; many (every file of a handbook) are one
	// search, and named only when none of them is included.
	var orphans []string
	if len(includes) <= maxOrphanChecks {
		each, err := lint.PagesIncludingEach(context.Background(), root, cfg, includes, allMarkdown || others)
		if err != nil {
			return nil, nil, usageError{err.Error()}
		}
		for _, inc := range includes {
			for _, rel := range each[inc] {
				add(rel)
			}
			if len(each[inc]) == 0 && named[inc] {
				orphans = append(orphans, inc)
			}
		}
	} else {
		including, err := lint.PagesIncluding(context.Background(), root, cfg, includes, allMarkdown || others)
		if err != nil {
			return nil, nil, usageError{err.Error()}
		}
		for _, rel := range including {
			add(rel)
		}
		for _, inc := range includes {
			if len(including) == 0 && named[inc] {
				orphans = append(orphans, inc)
			}
		}
	}
	// With --pages-only only career pages were searched: an include file
	// that other handbook pages include is rendered, and checked by
	// careerlint links there, not orphaned.
	var elsewhere map[string][]string
	if !(allMarkdown || others) && len(orphans) > 0 && len(orphans) <= maxOrphanChecks {
		each, err := lint.PagesIncludingEach(context.Background(), root, cfg, orphans, true)
		if err != nil {
			return nil, nil, usageError{err.Error()}
		}
		elsewhere = each
	}
	for _, inc := range orphans {
		if pages := elsewhere[inc]; len(pages) > 0 {
			these := shown(pages[0])
			if len(pages) > 1 {
				these += fmt.Sprintf(" and %d more", len(pages)-1)
			}
			notef(notes, "careerlint: no career page includes %s, only pages that are not career pages (%s); careerlint links checks it there, --pages-only checked nothing\n", shown(inc), these)
			continue
		}
		if pasting, err := lint.PagesPasting(context.Background(), root, cfg, []string{inc}); err == nil && len(pasting) > 0 {
			// Pages Hugo renders, which careerlint never lints. They are
			// those the ignore globs leave out: PagesPasting does not
			// look among the files the .gitignore leaves out.
			these := shown(pasting[0])
			if len(pasting) > 1 {
				these += fmt.Sprintf(" and %d more", len(pasting)-1)
			}
			notef(notes, "careerlint: only pages that the ignore globs of %s leave out include %s (%s); careerlint lints none of them, so nothing was checked\n", configWhere(cfg), shown(inc), these)
			continue
		}
		notef(notes, "careerlint: no page includes %s; nothing renders it, so nothing was checked\n", shown(inc))
	}
	// Every page that includes a given include file is linted: its
	// suppressions are judged (lint.RunOptions.WholeIncludes).
	var whole map[string]bool
	for _, inc := range includes {
		if whole == nil {
			whole = map[string]bool{}
		}
		whole[inc] = true
	}
	return out, whole, nil
}

// baseLint lints pages of the site as it was at a change's base: the
// files the change touches read from git, the files it adds left out,
// with the base's configuration and Hugo configuration.
type baseLint struct {
	opt   lint.RunOptions
	state *lint.BaseState
}

// baselineOf lints the pages of a change as they were at its base and
// returns their findings as a baseline, for --only-new and for the fixes
// of --fix --changed-since outside the files the change touches, with the
// base's lint for more pages (extendBaseline); why, the flag it is for,
// begins its notes.
func baselineOf(changes *lint.Changed, opt lint.RunOptions, why string, stderr io.Writer) (*lint.Baseline, *baseLint, error) {
	base, err := changes.BaseState(context.Background())
	if err != nil {
		return nil, nil, err
	}
	bopt := opt
	bopt.Overlay, bopt.Absent = base.Overlay, base.Absent
	if changes.ConfigChanged || changes.HugoConfigChanged != "" {
		// The configuration and the site's Hugo configuration are part
		// of the site: the base is linted with its own, so that a change
		// to them that breaks includes or anchors, or turns a rule on,
		// brings those findings.
		cfg := *opt.Config
		if changes.ConfigChanged {
			if c, err := baseConfig(opt.Root, opt.Config, base); err != nil {
				notef(stderr, "careerlint: %s: %v; the pages at the base are linted with the configuration in use now\n", why, err)
			} else {
				cfg = *c
			}
		}
		cfg.Hugo = base.HugoConfig(opt.Root, &cfg)
		bopt.Config = &cfg
	}
	bopt.Moves, bopt.Deletes, bopt.HeadingRenames = nil, nil, nil
	bopt.FixOnly, bopt.FixBaseline = nil, nil
	if opt.WholeIncludes != nil {
		was := map[string]string{}
		for from, to := range base.Renamed {
			was[to] = from
		}
		bopt.WholeIncludes = map[string]bool{}
		for inc := range opt.WholeIncludes {
			if from, ok := was[inc]; ok {
				inc = from
			}
			bopt.WholeIncludes[inc] = true
		}
	}
	bl := &baseLint{opt: bopt, state: base}
	if len(base.Pages) == 0 {
		// Every page is new: so is every finding, but for those of the
		// files pages at the base include (extendBaseline).
		return lint.NewBaseline(&lint.Result{}, nil), bl, nil
	}
	baseRes, err := bl.run(base.Pages)
	if err != nil {
		return nil, nil, err
	}
	return lint.NewBaseline(baseRes, base.Renamed), bl, nil
}

// run lints pages (root-relative, at their paths at the base) as they
// were at the base.
func (b *baseLint) run(pages []string) (*lint.Result, error) {
	bopt := b.opt
	bopt.Paths = nil
	for _, p := range pages {
		bopt.Paths = append(bopt.Paths, filepath.Join(bopt.Root, filepath.FromSlash(p)))
	}
	res, err := lint.Run(context.Background(), bopt)
	if err != nil {
		return nil, fmt.Errorf("linting the pages as they were at the base: %v", err)
	}
	return res, nil
}

// extendBaseline adds to baseline the findings at the base of the include
// files that hold findings of res but that the base's lint of the
// change's pages did not read (an include file that only a page the
// change adds includes): the pages at the base that include them are
// linted there, so that their old findings are not taken for the
// change's, as GitLab's widget, which compares whole reports, does not.
func extendBaseline(baseline *lint.Baseline, bl *baseLint, res *lint.Result, allMarkdown bool) error {
	unread := map[string]bool{}
	for _, d := range res.Diagnostics {
		f := d.Span.File
		if !baseline.Linted(f) && !bl.state.Absent[f] && bl.opt.Config.Classify(f) == lint.IncludeFile {
			unread[f] = true
		}
	}
	if len(unread) == 0 {
		return nil
	}
	// The pages that include them are searched for on disk: those the
	// change touches are in its own lint at the base already, and those
	// it adds (or moves in) were not there.
	pages, err := lint.PagesIncluding(context.Background(), bl.opt.Root, bl.opt.Config, slices.Sorted(maps.Keys(unread)), allMarkdown)
	if err != nil {
		return err
	}
	pages = slices.DeleteFunc(pages, func(p string) bool { return bl.state.Absent[p] })
	if len(pages) == 0 {
		return nil
	}
	more, err := bl.run(pages)
	if err != nil {
		return err
	}
	baseline.Add(more, bl.state.Renamed, unread)
	return nil
}

// baseConfig returns the configuration that applied at the change's base:
// the configuration file in use now as it was there (the site root's
// .careerlint.yaml when the built-in defaults are in use now), or the
// defaults when the base has no such file. It fails for a file outside the
// site root, which the change's files do not hold, and for one that does
// not load as it was.
func baseConfig(root string, now *lint.Config, base *lint.BaseState) (*lint.Config, error) {
	file := now.File
	if file == "" {
		file = filepath.Join(root, lint.ConfigFileName)
	}
	rel, err := rootRelative(root, file)
	if err != nil {
		return nil, fmt.Errorf("the configuration %s is outside the site root, where the change is not read", file)
	}
	src, had := base.Overlay[rel]
	if !had {
		if base.Absent[rel] || now.File == "" {
			return lint.DefaultConfigAt(root), nil // no file at the base: the defaults applied
		}
		return now, nil // the file is as it was
	}
	cfg, err := lint.ParseConfig(file, src, rules.All())
	if err == nil {
		err = cfg.CheckRoot(root)
	}
	if err != nil {
		return nil, fmt.Errorf("the configuration %s does not load as it was at the base (%v)", rel, err)
	}
	return cfg, nil
}
