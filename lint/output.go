package lint

import (
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"
	"golang.org/x/text/width"
)

// Report is what a formatter prints: the findings of a run with what is
// needed to turn byte offsets into lines and columns.
type Report struct {
	Version     string
	Files       int
	Diagnostics []Diagnostic
	Site        *Site
	// Rules are the rules that ran. Formats that describe rules (sarif)
	// list them together with the rules of the findings; nil lists only
	// the latter.
	Rules []*Rule
	// Color enables terminal colours in formats that have them.
	Color bool
	// NoSummary leaves out the summary line of the formats that have one
	// (text, markdown), for --quiet.
	NoSummary bool
	// OldNotShown is how many findings a run with --only-new left out as
	// the pages had them before the change (Baseline.New): the markdown
	// summary, a merge request's comment, says so.
	OldNotShown int
	// OldNotCounted is how many more findings those left out stand for
	// that their rule's pass only counted (Baseline.New).
	OldNotCounted int
	// FixHint adds a line after the text summary that says how many of
	// the findings --fix mends and how many more have a suggestion that --fix
	// --apply-suggestions applies (see FixCounts). A run that applied
	// the suggestions, or could not fix (an editor's unsaved text), leaves
	// it off.
	FixHint bool
	// Fixed is set on the report of a run that applied fixes (--fix): its
	// hint names only the suggestions left to review, as what --fix could
	// mend it has mended, and the fixes of the files it could not write
	// (Unwritten).
	Fixed bool
	// Unwritten are the root-relative files a --fix run could not write
	// (read-only, changed meanwhile): their findings' fixes are still to
	// apply.
	Unwritten []string
	// MayEdit, when not nil, is the files the run may change
	// (RunOptions.FixOnly): the hint counts a suggestion only when it
	// edits such a file, as --apply-suggestions in the same run applies
	// no other (list-marker's line next to an include, in a page the run
	// does not fix).
	MayEdit func(file string) bool
	// RepoPrefix is the site root's folder in its repository, with a
	// trailing slash ("site/"; see RepoPrefix), which the formats read on
	// a forge (codequality, sarif, markdown) put before each path, since
	// GitLab and code scanning place findings by their path in the
	// repository, and a merge request's comment sits beside its diff; ""
	// when the site root is the repository's top folder.
	RepoPrefix string
	// WorkDir and Root, when both are set (absolute, symlinks evaluated),
	// make the text format name a file below the folder WorkDir, where
	// careerlint runs, from there instead of from the site root Root, so
	// that a terminal or editor there opens it: with --root site from the
	// repository's top folder, "site/content/x.md". Other files, and all
	// when they are unset, are named root-relative, as the other formats
	// name them.
	WorkDir, Root string
}

// textPath names a root-relative file for the text format (see WorkDir).
func (r *Report) textPath(file string) string { return PathFrom(r.WorkDir, r.Root, file) }

// PathFrom names a file given relative to the site root root for someone
// in the folder workDir (both absolute, symlinks evaluated), so that a
// terminal or editor there opens it: from there when the file is below it
// ("site/content/x.md" for "content/x.md" with the root site/), or when
// workDir is inside the site ("../../assets/includes/x.md" from a folder
// of the content), else as given. A final "/" (a folder) is kept. Either
// folder "" names it as given.
func PathFrom(workDir, root, file string) string {
	if workDir == "" || root == "" || workDir == root {
		return file
	}
	rel, err := filepath.Rel(workDir, filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		return file
	}
	if !filepath.IsLocal(rel) {
		if in, err := filepath.Rel(root, workDir); err != nil || !filepath.IsLocal(in) {
			return file
		}
	}
	rel = filepath.ToSlash(rel)
	if strings.HasSuffix(file, "/") {
		rel += "/"
	}
	return rel
}

// RepoPrefix returns the folder of the site root in the git repository
// holding it, with a trailing slash ("site/"), found by walking up to the
// folder that holds .git; "" when the root is the repository's top folder
// or in no repository. A root reached through a symlink into a repository
// (a link to its site folder, or a current folder entered through one,
// which filepath.Abs keeps) has no .git above it as written: the folders
// above the path it leads to are then searched, as git searches them. A
// root reached through a symlink of the repository that leads elsewhere
// in the same repository (handbook -> real/site) is placed where its files
// are, which is where git tracks them (real/site/).
func RepoPrefix(root string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	real, rerr := filepath.EvalSymlinks(abs)
	prefix, top, ok := repoPrefixOf(abs)
	if ok && rerr == nil && real != abs {
		if realPrefix, realTop, ok := repoPrefixOf(real); ok {
			if t, err := filepath.EvalSymlinks(top); err == nil && t == realTop {
				return realPrefix
			}
		}
	}
	if ok {
		return prefix
	}
	if rerr == nil && real != abs {
		prefix, _, _ := repoPrefixOf(real)
		return prefix
	}
	return ""
}

// repoPrefixOf walks up from the absolute folder abs to one holding .git,
// top, and returns abs's place in it (see RepoPrefix); false when no
// folder above abs holds .git.
func repoPrefixOf(abs string) (prefix, top string, ok bool) {
	for dir := abs; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			rel, err := filepath.Rel(dir, abs)
			if err != nil || rel == "." {
				return "", dir, true
			}
			return filepath.ToSlash(rel) + "/", dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "", false
		}
		dir = parent
	}
}

// Counts returns the number of findings per severity, counting those
// past the cap of a rule in a file (Diagnostic.NotShown) that were seen;
// those a rule's pass only counted (Diagnostic.NotCounted) are not, and
// a count of a severity that has some is a lower bound (see NotCounted).
func (r *Report) Counts() (errors, warnings, infos int) {
	for _, d := range r.Diagnostics {
		// The finding that stands for those not shown counts as them.
		n := max(d.NotShown, 1)
		switch d.Severity {
		case Error:
			errors += n
		case Warning:
			warnings += n
		case Info:
			infos += n
		}
	}
	return
}

// NotCounted returns, per severity, how many findings the rule's pass
// did not keep on a file, and only counted (Diagnostic.NotCounted): up to
// that many more findings than Counts gives, some of which may be
// suppressed.
func (r *Report) NotCounted() (errors, warnings, infos int) {
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case Error:
			errors += d.NotCounted
		case Warning:
			warnings += d.NotCounted
		case Info:
			infos += d.NotCounted
		}
	}
	return
}

// atLeast writes a count of word ("3 warnings"), "at least" before it
// when more findings were only counted (Report.NotCounted).
func atLeast(n, notCounted int, word string) string {
	if notCounted > 0 {
		return "at least " + plural(n, word)
	}
	return plural(n, word)
}

// FixCounts returns the number of findings that have a fix (applied by
// --fix) and the number of the others that have a suggestion (applied by
// --fix only with --apply-suggestions; one that edits a file MayEdit
// leaves out is not counted), those past the cap of a rule in a
// file included. Those a rule's pass only counted are not (whether they
// have a fix is not known): see fixHint.
func (r *Report) FixCounts() (fixable, suggested int) {
	for _, d := range r.Diagnostics {
		switch {
		case len(d.Fixes) > 0:
			fixable++
		case len(d.Suggestions) > 0 && r.mayApply(d.Suggestions[0]):
			suggested++
		}
		fixable += d.NotShownFixable
		suggested += d.NotShownSuggested
	}
	return
}

// mayApply reports whether the run may apply suggestion fx: whether it
// edits a file the run may change (see MayEdit).
func (r *Report) mayApply(fx Fix) bool {
	return r.MayEdit == nil || len(fx.Edits) == 0 || r.MayEdit(fx.Edits[0].Span.File)
}

// fixHint is the line after the text summary on what --fix would do for
// the report's findings, or "" when it would do nothing.
// Each count is "at least" its number when a rule that has fixes (or
// suggestions) has findings its pass only counted.
func (r *Report) fixHint() string {
	fixable, suggested := r.FixCounts()
	moreFixable, moreSuggested := "", ""
	for _, d := range r.Diagnostics {
		if d.NotCounted > 0 && d.Rule != nil {
			if d.Rule.Fixable {
				moreFixable = "at least "
			}
			if d.Rule.Suggests {
				moreSuggested = "at least "
			}
		}
	}
	if r.Fixed {
		fixable = 0
		for _, d := range r.Diagnostics {
			if slices.Contains(r.Unwritten, d.Span.File) {
				if len(d.Fixes) > 0 {
					fixable++
				}
				fixable += d.NotShownFixable
			}
		}
	}
	var parts []string
	if fixable > 0 {
		parts = append(parts, fmt.Sprintf("%s%d fixable with --fix", moreFixable, fixable))
	}
	switch {
	case suggested > 0 && fixable > 0:
		parts = append(parts, fmt.Sprintf("%s%d more to review with --diff --apply-suggestions", moreSuggested, suggested))
	case suggested > 0:
		parts = append(parts, fmt.Sprintf("%s%d with a suggestion to review with --diff --apply-suggestions", moreSuggested, suggested))
	}
	return strings.Join(parts, ", ")
}

// lines returns the line index of a file of the report.
func (r *Report) lines(file string) *LineIndex {
	if r.Site != nil {
		return r.Site.LinesOf(file)
	}
	return NewLineIndex(nil)
}

// Formatter writes a report in one output format.
type Formatter func(w io.Writer, r *Report) error

// Formats maps each output format name to its formatter. Adding a format
// is adding an entry here.
var Formats = map[string]Formatter{
	"text":        prefetched(formatText),
	"json":        prefetched(formatJSON),
	"codequality": prefetched(formatCodeQuality),
	"sarif":       prefetched(formatSARIF),
	"markdown":    prefetched(formatMarkdown),
}

// prefetched makes a formatter's files, when a lean run released them, be
// read ahead of it on other goroutines (Site.PrefetchForPrinting).
func prefetched(f Formatter) Formatter {
	return func(w io.Writer, r *Report) error {
		if r.Site != nil {
			defer r.Site.PrefetchForPrinting(r.Diagnostics)()
		}
		return f(w, r)
	}
}

// FormatNames returns the output format names, sorted.
func FormatNames() []string { return sortedKeys(Formats) }

func formatText(w io.Writer, r *Report) error {
	c := Palette{On: r.Color}
	for _, d := range r.Diagnostics {
		li := r.lines(d.Span.File)
		pos := li.Position(d.Span.Start)
		fmt.Fprintf(w, "%s: %s %s %s\n", c.Path(fmt.Sprintf("%s:%d:%d", TermSafe(r.textPath(d.Span.File)), pos.Line, pos.Column)), c.Severity(d.Severity), c.Rule(d.Rule.Name), TermSafe(d.Message))
		if li.lineRunes(pos.Line) > 0 || li.Lines() > 1 {
			gutter := fmt.Sprintf("%5d | ", pos.Line)
			end := li.Position(max(d.Span.End, d.Span.Start))
			width := 1
			if end.Line == pos.Line && end.Column > pos.Column {
				width = end.Column - pos.Column
			} else if end.Line > pos.Line {
				width = max(1, li.lineRunes(pos.Line)-pos.Column+1)
			}
			shown, col, width := li.shownLine(pos.Line, pos.Column, width)
			fmt.Fprintf(w, "%s%s\n", c.Dim(gutter), shown)
			prefix, carets := caretColumns(shown, col, width)
			fmt.Fprintf(w, "%s%s%s\n", c.Dim(strings.Repeat(" ", len(gutter)-2)+"| "), strings.Repeat(" ", prefix), c.Caret(strings.Repeat("^", carets)))
		}
		for _, rel := range d.Related {
			rp := r.lines(rel.Span.File).Position(rel.Span.Start)
			fmt.Fprintf(w, "      %s %s:%d:%d: %s\n", c.Dim("note:"), TermSafe(r.textPath(rel.Span.File)), rp.Line, rp.Column, TermSafe(rel.Message))
		}
	}
	if r.NoSummary {
		return nil
	}
	e, wn, in := r.Counts()
	ne, nw, ni := r.NotCounted()
	summary := fmt.Sprintf("%s, %s, %s, %s", plural(r.Files, "file"), atLeast(e, ne, "error"), atLeast(wn, nw, "warning"), atLeast(in, ni, "info"))
	if len(r.Diagnostics) == 0 {
		summary = fmt.Sprintf("%s, no findings", plural(r.Files, "file"))
	}
	if _, err := fmt.Fprintln(w, c.Summary(summary)); err != nil || !r.FixHint {
		return err
	}
	if hint := r.fixHint(); hint != "" {
		_, err := fmt.Fprintln(w, hint)
		return err
	}
	return nil
}

// TermSafe makes a file name or message safe to print on a terminal on one
// line: control characters (a newline or an escape sequence in a file
// name, a percent-decoded link), bidi controls (see IsBidiControl) and
// bytes that are not UTF-8 are written as Go escapes ("\n", "\x1b",
// "\u202e"); other text is unchanged.
func TermSafe(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; {
		r, size := utf8.DecodeRuneInString(s[i:])
		clean = !(r == utf8.RuneError && size <= 1 || r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || IsBidiControl(r))
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || IsBidiControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// IsBidiControl reports whether r is a bidirectional embedding, override
// or isolate control (U+202A to U+202E, U+2066 to U+2069): invisible, it
// reorders the text after it on the line as displayed, so that a file
// name or source line holding one could show other text than it holds
// ("Trojan Source").
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// expandTabs makes a source line safe to print, and moves the 1-based
// code point column col and the width of a finding on it to match: tabs
// become single spaces so that the caret lines up, an invalid UTF-8 byte
// becomes U+FFFD, and a control character, bidi control or byte order
// mark, which would print as nothing, reorder the line or act on the
// terminal, is named ("<U+FEFF>"), so that
// no raw byte of a file reaches the terminal and an invisible character
// a finding is about can be seen.
func expandTabs(s string, col, width int) (string, int, int) {
	var b strings.Builder
	n := 0 // code points of s up to this one
	// The finding's place in s: col and width grow as names are written,
	// while n counts the code points of s.
	from, to := col, col+width
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		n++
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0xfeff, IsBidiControl(r):
			name := fmt.Sprintf("<U+%04X>", r)
			if n < from {
				col += len(name) - 1
			} else if n < to {
				width += len(name) - 1
			}
			b.WriteString(name)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), col, width
}

// maxShownLine is the most code points of a source line the text output
// prints; a longer line (minified text, a 1 MB line) is cut to a window
// around the finding, marked with "…" where it was cut. expandTabs then
// names each control character in it ("<U+0001>"), so a window of them
// prints up to eight times as many characters: shownLine narrows it.
const maxShownLine = 200

// shownLine returns the 1-based line n as the text output prints it for a
// finding at the 1-based column col spanning width characters (window,
// then expandTabs), with the caret's column and width in it. A window
// whose named control characters make it print more than a quarter more
// than maxShownLine characters (the head of a binary file: "<U+0000>"
// after "<U+0000>") is halved around the finding until it does not.
func (li *LineIndex) shownLine(n, col, width int) (string, int, int) {
	limit := maxShownLine
	for {
		shown, c, w := li.windowOf(n, col, width, limit)
		shown, c, w = expandTabs(shown, c, w)
		if limit <= 16 || utf8.RuneCountInString(shown) <= maxShownLine+maxShownLine/4 {
			return shown, c, w
		}
		limit /= 2
	}
}

// window returns the part of the 1-based line n to print for a finding at
// the 1-based column col spanning width characters, with the column and
// width of the caret in it. It reads the line in place: the work is
// bounded by the window, not by the line's length, so that thousands of
// findings on one 1 MB line print in linear time.
func (li *LineIndex) window(n, col, width int) (string, int, int) {
	return li.windowOf(n, col, width, maxShownLine)
}

// windowOf is window with at most limit code points shown.
func (li *LineIndex) windowOf(n, col, width, limit int) (string, int, int) {
	i := n - 1
	start, end := li.lines[i], li.textEnd(i)
	total := li.lineRunes(n)
	if total <= limit {
		return string(li.src[start:end]), col, width
	}
	from := max(0, min(col-1-limit/4, total-limit))
	to := min(total, from+limit)
	shown := string(li.src[li.runeOffset(i, from):li.runeOffset(i, to)])
	col -= from
	if from > 0 {
		shown = "…" + shown
		col++
	}
	if to < total {
		shown += "…"
	}
	width = max(1, min(width, to-from-(col-1)+1))
	return shown, col, width
}

// caretColumns returns how many terminal columns come before the 1-based
// code point column col of a printed line, and how many the width code
// points from there take (at least one): a wide character (CJK, most
// emoji) takes two, a combining mark, a zero-width character and a
// character joined to the one before by a zero-width joiner none.
func caretColumns(line string, col, width int) (before, span int) {
	n, joined, flag := 0, false, false
	prevW, prevBefore := 0, false // the width counted for the character before, and where
	for _, r := range line {
		if n >= col-1+width {
			break
		}
		w := displayWidth(r)
		switch {
		case joined:
			w = 0
		case r == '\ufe0f' && prevW == 1:
			// Emoji presentation: the character before is wide.
			if prevBefore {
				before++
			} else {
				span++
			}
		case r >= 0x1f3fb && r <= 0x1f3ff && n > 0:
			// A skin tone on the character before: one glyph, two
			// columns.
			w = 0
			if prevW == 1 {
				if prevBefore {
					before++
				} else {
					span++
				}
			}
		case r >= 0x1f1e6 && r <= 0x1f1ff:
			// Regional indicators: a pair is one flag, two columns.
			if flag {
				w = 0
			}
		}
		flag = r >= 0x1f1e6 && r <= 0x1f1ff && !flag
		joined = r == '\u200d'
		if n < col-1 {
			before += w
		} else {
			span += w
		}
		prevW, prevBefore = w, n < col-1
		n++
	}
	before += max(0, col-1-n) // past the end of the line
	return before, max(1, span)
}

// TextWidth is the terminal columns a line of text takes, as the text
// report's carets count them (see caretColumns): a wide character or an
// emoji two, a combining mark or a joined character none. For tables
// aligned for a terminal (careerlint ladder), which padding by code
// points puts out of line after a CJK character or an emoji.
func TextWidth(s string) int {
	if s == "" {
		return 0
	}
	_, w := caretColumns(s, 1, utf8.RuneCountInString(s))
	return w
}

// displayWidth is the terminal columns a code point takes, as terminals
// following Unicode's East Asian Width draw it: East Asian Wide and
// Fullwidth characters (CJK, and every emoji drawn as an emoji by
// default) take two; combining marks, format characters (the zero-width
// joiner, bidi marks), variation selectors and the vowels and final
// consonants of conjoining Hangul take none; others one. A pictograph
// drawn as text by default (U+1F5A5 desktop computer, U+1F321
// thermometer) takes one, two with the emoji selector after it (see
// caretColumns). Regional indicators take two (a pair is one flag, see
// caretColumns), and so do code points of the emoji blocks that the
// Unicode version of the width tables does not assign: emoji added since
// land there, and terminals that know them draw them wide.
func displayWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf),
		r >= 0x1160 && r <= 0x11ff, r >= 0xd7b0 && r <= 0xd7ff:
		return 0
	case r >= 0x1f1e6 && r <= 0x1f1ff, r >= 0x1fa70 && r <= 0x1faff:
		return 2 // regional indicators; Symbols and Pictographs Extended-A, all emoji
	case r >= 0x1f000 && r <= 0x1f9ff && !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C):
		return 2 // unassigned in the emoji blocks: a newer emoji
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	if word == "info" {
		return fmt.Sprintf("%d infos", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Palette colours the parts of a text report for a terminal: each method
// returns its text wrapped in ANSI escape sequences when On is set, and
// unchanged otherwise. The lint report and the ladder overview share it,
// so that a path, a rule name or a severity looks the same in both.
type Palette struct{ On bool }

func (p Palette) paint(s string, attrs ...color.Attribute) string {
	if !p.On {
		return s
	}
	c := color.New(attrs...)
	c.EnableColor()
	return c.Sprint(s)
}

// Path colours a file name (bold).
func (p Palette) Path(s string) string { return p.paint(s, color.Bold) }

// Rule colours a rule name (cyan).
func (p Palette) Rule(s string) string { return p.paint(s, color.FgCyan) }

// Dim colours secondary text: notes, the source line's gutter (faint).
func (p Palette) Dim(s string) string { return p.paint(s, color.Faint) }

// Caret colours the carets under a finding's span (bold green).
func (p Palette) Caret(s string) string { return p.paint(s, color.FgGreen, color.Bold) }

// Summary colours a report's summary line (bold).
func (p Palette) Summary(s string) string { return p.paint(s, color.Bold) }

// Severity writes a severity's name in its colour (see As).
func (p Palette) Severity(s Severity) string { return p.As(s, s.String()) }

// As colours text in a severity's colour: error bold red, warning bold
// yellow, info blue.
func (p Palette) As(s Severity, text string) string {
	switch s {
	case Error:
		return p.paint(text, color.FgRed, color.Bold)
	case Warning:
		return p.paint(text, color.FgYellow, color.Bold)
	}
	return p.paint(text, color.FgBlue)
}

// JSON output types; schema/output.schema.json describes them.
type (
	jsonReport struct {
		Tool     jsonTool      `json:"tool"`
		Findings []jsonFinding `json:"findings"`
		Summary  jsonSummary   `json:"summary"`
	}
	jsonTool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	jsonFinding struct {
		Path     string        `json:"path"`
		Rule     string        `json:"rule"`
		Name     string        `json:"name"`
		Severity string        `json:"severity"`
		Message  string        `json:"message"`
		Start    Position      `json:"start"`
		End      Position      `json:"end"`
		Related  []jsonRelated `json:"related"`
		Fixes    []jsonFix     `json:"fixes"`
		// Suggestions are fixes --fix does not apply (Diagnostic.Suggestions).
		Suggestions []jsonFix `json:"suggestions"`
		Docs        string    `json:"docs"`
		// NotShown is only on the finding that stands for a rule's
		// findings past the cap in a file (Diagnostic.StandIn): how many
		// of them it stands for, which the summary counts in its place.
		NotShown *int `json:"notShown,omitempty"`
		// NotCounted is only on that finding, where the rule's pass only
		// counted some of the findings it stands for (Diagnostic.NotCounted).
		NotCounted int `json:"notCounted,omitempty"`
	}
	jsonRelated struct {
		Path    string   `json:"path"`
		Start   Position `json:"start"`
		End     Position `json:"end"`
		Message string   `json:"message"`
	}
	jsonFix struct {
		Title string     `json:"title"`
		Edits []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		// Path is the file the edit changes, which may be another than
		// the finding's.
		Path  string   `json:"path"`
		Start Position `json:"start"`
		End   Position `json:"end"`
		Text  string   `json:"text"`
	}
	jsonSummary struct {
		Files    int `json:"files"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Infos    int `json:"infos"`
		// NotCounted is how many findings the counts leave out
		// (Report.NotCounted), when some are: the counts are then lower
		// bounds.
		NotCounted int `json:"notCounted,omitempty"`
	}
)

func formatJSON(w io.Writer, r *Report) error {
	out := jsonReport{Tool: jsonTool{Name: "careerlint", Version: r.Version}, Findings: []jsonFinding{}}
	for _, d := range r.Diagnostics {
		li := r.lines(d.Span.File)
		f := jsonFinding{
			Path: d.Span.File, Rule: d.Rule.ID, Name: d.Rule.Name, Severity: d.Severity.String(), Message: d.Message,
			Start: li.Position(d.Span.Start), End: li.Position(d.Span.End),
			Related: []jsonRelated{}, Fixes: r.jsonFixes(d.Fixes), Suggestions: r.jsonFixes(d.Suggestions), Docs: r.docs(d.Rule),
		}
		if d.StandIn {
			f.NotShown, f.NotCounted = &d.NotShown, d.NotCounted
		}
		for _, rel := range d.Related {
			rl := r.lines(rel.Span.File)
			f.Related = append(f.Related, jsonRelated{Path: rel.Span.File, Start: rl.Position(rel.Span.Start), End: rl.Position(rel.Span.End), Message: rel.Message})
		}
		out.Findings = append(out.Findings, f)
	}
	out.Summary.Files = r.Files
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Infos = r.Counts()
	ne, nw, ni := r.NotCounted()
	out.Summary.NotCounted = ne + nw + ni
	return writeJSON(w, out)
}

// jsonFixes converts fixes (or suggestions) for the JSON report: always a
// list, empty when there is none.
func (r *Report) jsonFixes(fixes []Fix) []jsonFix {
	out := make([]jsonFix, 0, len(fixes))
	for _, fx := range fixes {
		jf := jsonFix{Title: fx.Title, Edits: make([]jsonEdit, 0, len(fx.Edits))}
		for _, e := range fx.Edits {
			el := r.lines(e.Span.File)
			jf.Edits = append(jf.Edits, jsonEdit{Path: e.Span.File, Start: el.Position(e.Span.Start), End: el.Position(e.Span.End), Text: e.Text})
		}
		out = append(out, jf)
	}
	return out
}

func (r *Report) docs(rule *Rule) string {
	if r.Site != nil && r.Site.Config != nil {
		return r.Site.Config.DocsLink(rule)
	}
	return DefaultDocsURL + rule.Name + ".md"
}

// fingerprintVersion is the version of the fingerprint hash, which
// Report.fingerprints hashes first and SARIF names in its key
// (sarifFingerprintKey): it changes if the hash ever does.
const fingerprintVersion = "v2"

// fingerprints returns one fingerprint per finding of the report, in
// order. A fingerprint hashes the file path, the rule ID, the problem the
// message names (Diagnostic.Identity, else see fingerprintMessage) and the
// source line the finding starts on with its whitespace collapsed (none
// for a Diagnostic.Placed finding), plus the number of
// earlier findings with all of these equal. It holds no line number, so it
// survives lines added or removed above the finding, and CI tools that
// compare reports across commits (GitLab Code Quality, code scanning) see
// an unchanged finding as the same one. The finding that stands for a
// rule's findings past the cap in a file (Diagnostic.StandIn) hashes the
// file and the rule only.
func (r *Report) fingerprints() []string { return r.fingerprintsAs(nil) }

// fingerprintsAs is fingerprints, hashing each finding's file under the
// name as gives it (nil: its own), its lines read from the file itself.
func (r *Report) fingerprintsAs(as func(file string) string) []string {
	out := make([]string, len(r.Diagnostics))
	// Findings with the same file, rule, message and line share a key:
	// it is hashed once for them (the hash state is kept to append the
	// count to), so that thousands of findings on one long line do not
	// hash the line thousands of times.
	type place struct {
		file, rule, message string
		line                int
	}
	type keyHash struct {
		id    [sha256.Size]byte // the key's own hash: equal keys, equal ids
		state []byte            // the hash state after the key
	}
	keys := map[place]keyHash{}
	seen := map[[sha256.Size]byte]int{}
	for i, d := range r.Diagnostics {
		name := d.Span.File
		if as != nil {
			name = as(name)
		}
		if d.StandIn {
			// The finding that stands for those past the cap: one for a
			// rule in a file, whose count and place (the first finding
			// left out) change as findings above it are fixed.
			sum := sha256.Sum256([]byte(strings.Join([]string{"careerlint/" + fingerprintVersion + "/not-shown", name, d.Rule.ID}, "\x00")))
			out[i] = hex.EncodeToString(sum[:16])
			continue
		}
		li := r.lines(d.Span.File)
		problem := d.Identity
		if problem == "" {
			problem = fingerprintMessage(d.Message)
		}
		at := place{name, d.Rule.ID, problem, 0}
		if !d.Placed {
			at.line = li.Position(d.Span.Start).Line
		}
		k, ok := keys[at]
		if !ok {
			text := "" // a placed finding's line is only a neighbour
			if !d.Placed {
				text = strings.Join(strings.Fields(li.Line(at.line)), " ")
			}
			h := sha256.New()
			io.WriteString(h, strings.Join([]string{"careerlint/" + fingerprintVersion, name, d.Rule.ID, at.message, text}, "\x00"))
			k.state, _ = h.(encoding.BinaryMarshaler).MarshalBinary()
			h.Sum(k.id[:0])
			keys[at] = k
		}
		n := seen[k.id]
		seen[k.id] = n + 1
		h := sha256.New()
		if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(k.state); err != nil {
			panic(err) // a state sha256 marshalled itself
		}
		fmt.Fprintf(h, "\x00%d", n)
		out[i] = hex.EncodeToString(h.Sum(nil)[:16])
	}
	return out
}

// fingerprintMessage is the part of a message a fingerprint hashes: the
// problem it names, up to the first "; " outside parentheses, without
// parenthesised context.
// What follows names the fix (a did-you-mean names the closest page,
// anchor or file there is; "add it before the link to intermediate.md"),
// and the context names other files ("the other levels of this track
// (intermediate.md, senior.md and staff.md)"): both change when a page is
// added elsewhere, while the finding stays the same one.
func fingerprintMessage(m string) string {
	if !strings.Contains(m, " (") && !strings.Contains(m, `"`) {
		if i := strings.Index(m, "; "); i >= 0 {
			m = m[:i]
		}
		return m
	}
	// A "; " inside the context ("(principal.md; intermediate.md ...)")
	// does not end the problem, and the text of a quoted name is kept
	// whole: its parentheses and "; " are the name's (missing section
	// "### Skills (technical)").
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(m); i++ {
		c := m[i]
		switch {
		case quoted && c == '\\' && i+1 < len(m):
			if depth == 0 {
				b.WriteByte(c)
				b.WriteByte(m[i+1])
			}
			i++
			continue
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(' && (depth > 0 || i > 0 && m[i-1] == ' '):
			depth++
			continue
		case c == ')' && depth > 0:
			depth--
			continue
		case depth == 0 && c == ';' && i+1 < len(m) && m[i+1] == ' ':
			return b.String()
		}
		if depth == 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// rules returns the rules the report describes: Report.Rules and the rule
// of every finding, each once, sorted by ID.
func (r *Report) rules() []*Rule {
	seen := map[string]bool{}
	var out []*Rule
	add := func(rule *Rule) {
		if rule != nil && !seen[rule.ID] {
			seen[rule.ID] = true
			out = append(out, rule)
		}
	}
	for _, rule := range r.Rules {
		add(rule)
	}
	for _, d := range r.Diagnostics {
		add(d.Rule)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
