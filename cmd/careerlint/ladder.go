package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

const ladderUsageText = `usage: careerlint ladder [flags] [paths...]

Prints the ladder overview: for every track (a folder of level pages) its
levels in order, its template, and a matrix of sections by levels with the
number of list items in each section, marking missing sections and the
cells the ladder rules report, with the ladder findings under it. With no
path it reads the career pages the configuration selects.

Flags:
`

// ladderWriters are the overview's formats; only text is coloured.
var ladderWriters = map[string]func(io.Writer, *rules.LadderOverview, lint.Palette) error{
	"text": rules.WriteLadderText,
	"markdown": func(w io.Writer, ov *rules.LadderOverview, _ lint.Palette) error {
		return rules.WriteLadderMarkdown(w, ov)
	},
	"html": func(w io.Writer, ov *rules.LadderOverview, _ lint.Palette) error {
		return rules.WriteLadderHTML(w, ov)
	},
}

// cmdLadder runs `careerlint ladder`: it lints the pages with every rule
// (so that suppressions and severities apply as in a lint run) and prints
// the overview. It exits 0 whatever the findings: the overview is a report,
// the lint command is the gate.
func cmdLadder(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("careerlint ladder", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "write the overview in `FORMAT`: text|markdown|html")
	colorFlag := fs.String("color", "auto", "`WHEN` to colour the text format: auto|always|never (auto honours NO_COLOR and a non-terminal stdout)")
	configFlag := fs.String("config", "", "read the configuration from `FILE` (default: .careerlint.yaml at the site root)")
	rootFlag := fs.String("root", "", "take `DIR` as the site root (default: walk up to .careerlint.yaml, or a folder holding content/ and assets/, else to a Hugo configuration whose content folder exists)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), ladderUsageText)
		printFlags(fs)
	}
	paths, err := parseCommandLine(fs, args, stdout)
	if err != nil {
		return err
	}
	write, ok := ladderWriters[*format]
	if !ok {
		msg := fmt.Sprintf("unknown --format %q", *format)
		if s := lint.Closest(*format, []string{"html", "markdown", "text"}, 3); s != "" {
			msg += fmt.Sprintf("; did you mean %q", s)
		}
		return usagef("%s; expected text, markdown or html", msg)
	}
	useColor, err := colorMode(*colorFlag, stdout)
	if err != nil {
		return err
	}
	pal := lint.Palette{On: useColor}
	root, cfg, err := setup(*rootFlag, *configFlag, paths, false)
	if err != nil {
		err = missingFirst(err, *rootFlag, paths)
	}
	if err != nil {
		return err
	}
	hugoNotes(stderr, root, cfg)
	if err := pathsFromHere(root, paths); err != nil {
		return err
	}
	// The paths are taken for what they are, as the lint command takes
	// them (selectPages): an include file brings in the pages that
	// include it, a page the pages globs do not select is checked for
	// its links only (the ladder rules leave it out), and a file that is
	// no page of the site is named on stderr.
	opt := lint.RunOptions{Root: root, Config: cfg, Rules: rules.All(), Paths: paths, SuppressionRule: rules.Suppression, OtherRules: rules.LinkRules()}
	if len(paths) > 0 {
		var whole map[string]bool
		opt.Paths, whole, err = pagesOfPaths(root, cfg, paths, nil, false, true, true, stderr)
		if err != nil {
			return err
		}
		opt.WholeIncludes = addAll(opt.WholeIncludes, whole)
		if len(opt.Paths) == 0 {
			// No page among them (no path would read every page).
			return write(stdout, &rules.LadderOverview{}, pal)
		}
	}
	res, err := lint.Run(context.Background(), opt)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(paths) == 0 && res.Files == 0 {
		return noPages(root, cfg, false)
	}
	ov := rules.BuildLadderOverview(res)
	// The note of a partial track names a command to run here: its
	// folder as the current folder sees it (with "../" from a folder inside
	// the site, absolute from one outside it).
	wd, absRoot := workDirAndRoot(root)
	for i, t := range ov.Tracks {
		dir := lint.PathFrom(wd, absRoot, t.Dir)
		if dir == t.Dir && wd != absRoot {
			dir = filepath.Join(root, filepath.FromSlash(t.Dir))
			if abs, err := filepath.Abs(dir); err == nil {
				dir = abs
			}
		}
		ov.Tracks[i].RunDir = dir
	}
	return write(stdout, ov, pal)
}
