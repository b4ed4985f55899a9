package rules

import (
	"cmp"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderOverview is the ladder of a run as `careerlint ladder` shows it:
// every track with its levels, its template, and a matrix of sections by
// levels with the number of list items in each, marked where the ladder
// rules report something, and the ladder findings under it.
type LadderOverview struct {
	Tracks []OverviewTrack
}

// OverviewTrack is one track of the overview.
type OverviewTrack struct {
	// Dir is the track's folder, root-relative.
	Dir string
	// Template is the required-sections template of its pages, "" for
	// none.
	Template string
	// Index is the index page's path, "" when there is none; OwnIndex
	// is false when it is a parent folder's.
	Index    string
	OwnIndex bool
	// IndexUnread says why the folder's own index page, Index, could not
	// be read or parsed; "" when it could.
	IndexUnread string `json:",omitempty"`
	Levels      []OverviewLevel
	// Rows are the sections of the levels, in the order the levels write
	// them, level names abstracted.
	Rows []OverviewRow
	// Findings are the ladder findings about the track, in file order.
	Findings []OverviewFinding
	// Partial is set when the run read some of the track's levels only
	// to compare with (a run over some of its pages): their findings are
	// not shown.
	Partial bool `json:",omitempty"`
	// RunDir is the track's folder as a command run where the overview
	// was asked for names it (from the current folder), for the note of
	// a partial track; Dir when empty.
	RunDir string `json:",omitempty"`
}

// OverviewLevel is one level (a column) of a track.
type OverviewLevel struct {
	// Name is the level page's file name without ".md"; File its path.
	Name, File string
	// Flagged is true when a ladder rule reports something about this
	// level outside every section of the matrix (its navigation include
	// above the first heading); Messages are those findings' messages.
	Flagged  bool     `json:",omitempty"`
	Messages []string `json:",omitempty"`
	// Unread says why the level page could not be read or parsed (or
	// why its body is not known: front matter never closed), as
	// file-format or front-matter reports it, or, when Ignored, what
	// leaves it out; "" for a level compared with the others. Its cells
	// are CellUnknown.
	Unread string `json:",omitempty"`
	// Ignored is set when the configuration's ignore globs or the root's
	// .gitignore leave the level page out: Hugo publishes it, careerlint
	// does not lint it.
	Ignored bool `json:",omitempty"`
}

// OverviewRow is one section (a row) of a track's matrix.
type OverviewRow struct {
	// Section is the heading with level names abstracted:
	// "### {level} Leadership Competencies".
	Section string
	// Cells has one cell per level, in the track's level order.
	Cells []OverviewCell
}

// CellState tells whether a level has a section.
type CellState int

// The cell states.
const (
	// CellPresent: the level has the section.
	CellPresent CellState = iota
	// CellAbsent: the level lacks the section, as most levels do.
	CellAbsent
	// CellMissing: the level lacks a section most levels of the track
	// have.
	CellMissing
	// CellUnknown: the level page could not be read (OverviewLevel.Unread):
	// whether it has the section is not known.
	CellUnknown
)

// OverviewCell is one level's side of a section.
type OverviewCell struct {
	State CellState
	// Items is the number of list items in the section, included files
	// counted.
	Items int
	// Flagged is true when a ladder rule reports something about this
	// section of this level; Messages are those findings' messages.
	Flagged  bool
	Messages []string
}

// OverviewFinding is one ladder finding, positioned for printing.
type OverviewFinding struct {
	File         string
	Line, Column int
	Severity     lint.Severity
	Rule         string
	Message      string
}

// LadderRules returns the ladder rules, sorted by ID.
func LadderRules() []*lint.Rule {
	var out []*lint.Rule
	for _, r := range All() {
		if r.CheckSite != nil && strings.HasPrefix(r.Name, "ladder-") {
			out = append(out, r)
		}
	}
	return out
}

// ladderFindings returns the structured findings of every ladder rule,
// with the options the configuration gives each.
func ladderFindings(m *ladderModel) map[*lint.Rule][]ladderFinding {
	return map[*lint.Rule][]ladderFinding{
		LadderSections:      ladderSectionsFindings(m),
		LadderIncludes:      ladderIncludesFindings(m, m.cfg.Options(LadderIncludes).(*LadderIncludesOptions)),
		LadderIndex:         ladderIndexFindings(m),
		LadderPreviousLevel: ladderPreviousLevelFindings(m, m.cfg.Options(LadderPreviousLevel).(*LadderPreviousLevelOptions)),
		LadderGap:           ladderGapFindings(m),
	}
}

// BuildLadderOverview builds the overview of a finished run: the tracks of
// its linted pages, and the ladder findings the run reported (after
// suppressions and severities), placed in their tracks and cells.
func BuildLadderOverview(res *lint.Result) *LadderOverview {
	site := res.Site
	m := ladderOf(site)
	type dkey struct {
		rule, file string
		start, end int
		message    string
	}
	live := map[dkey]lint.Diagnostic{}
	for _, d := range res.Diagnostics {
		if d.Rule != nil {
			live[dkey{d.Rule.Name, d.Span.File, d.Span.Start, d.Span.End, d.Message}] = d
		}
	}
	type liveFinding struct {
		f ladderFinding
		d lint.Diagnostic
	}
	byTrack := map[*Track][]liveFinding{}
	all := ladderFindings(m)
	for _, r := range LadderRules() {
		for _, f := range all[r] {
			d, ok := live[dkey{r.Name, f.Diag.Span.File, f.Diag.Span.Start, f.Diag.Span.End, f.Diag.Message}]
			if !ok {
				continue // suppressed, or the rule is off
			}
			byTrack[f.Track] = append(byTrack[f.Track], liveFinding{f, d})
		}
	}
	ov := &LadderOverview{}
	tracks := append(slices.Clone(m.tracks), m.unreadTracks...)
	slices.SortStableFunc(tracks, func(a, b *Track) int { return strings.Compare(a.Dir, b.Dir) })
	for _, t := range tracks {
		ot := OverviewTrack{Dir: t.Dir, Template: t.Template, OwnIndex: t.OwnIndex, Partial: t.partial()}
		switch {
		case t.Index != nil:
			ot.Index = t.Index.Path
		case t.IndexProblem != "":
			ot.Index, ot.OwnIndex, ot.IndexUnread = t.IndexPath, true, t.IndexProblem
		}
		levels := t.all(m.cfg)
		for _, l := range levels {
			ot.Levels = append(ot.Levels, OverviewLevel{Name: l.Stem, File: l.Page.Path, Unread: l.Problem, Ignored: l.Ignored})
		}
		placed := map[int]bool{} // the findings of byTrack[t] a cell shows
		c := m.sectionConsensus(t)
		for _, key := range c.order {
			row := OverviewRow{}
			var first *ladderSection
			for _, l := range t.Levels {
				if s := m.info[l].section(key); s != nil {
					first = s
					break
				}
			}
			for _, l := range levels {
				if l.Problem != "" {
					row.Cells = append(row.Cells, OverviewCell{State: CellUnknown})
					continue
				}
				s := m.info[l].section(key)
				cell := OverviewCell{State: CellAbsent}
				if s != nil {
					cell = OverviewCell{State: CellPresent, Items: s.Items}
				} else if c.normal(key) && !(first.Other && t.lowest(l)) {
					cell.State = CellMissing // a section about the level below is not expected on the lowest
				}
				for i, lf := range byTrack[t] {
					if lf.f.Level == l && lf.f.Section == key {
						cell.Flagged = true
						cell.Messages = append(cell.Messages, lf.d.Message)
						placed[i] = true
					}
				}
				row.Cells = append(row.Cells, cell)
			}
			row.Section = first.Display
			if i := strings.Index(key, " ("); i >= 0 && strings.HasSuffix(key, ")") {
				row.Section += key[i:] // a repeated heading: "(2)"
			}
			ot.Rows = append(ot.Rows, row)
		}
		// A level's finding in no cell (above its first heading) marks
		// its column's heading.
		for i, lf := range byTrack[t] {
			if j := slices.Index(levels, lf.f.Level); j >= 0 && !placed[i] {
				ot.Levels[j].Flagged = true
				ot.Levels[j].Messages = append(ot.Levels[j].Messages, lf.d.Message)
			}
		}
		for _, lf := range byTrack[t] {
			d := lf.d
			pos := site.LinesOf(d.Span.File).Position(d.Span.Start)
			ot.Findings = append(ot.Findings, OverviewFinding{File: d.Span.File, Line: pos.Line, Column: pos.Column, Severity: d.Severity, Rule: d.Rule.Name, Message: d.Message})
		}
		slices.SortStableFunc(ot.Findings, func(a, b OverviewFinding) int {
			if a.File != b.File {
				return strings.Compare(a.File, b.File)
			}
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			if a.Column != b.Column {
				return a.Column - b.Column
			}
			return strings.Compare(a.Rule, b.Rule)
		})
		ov.Tracks = append(ov.Tracks, ot)
	}
	return ov
}

// partialNote says that the findings of the levels a run read only to
// compare with are not shown.
func partialNote(t OverviewTrack) string {
	dir := t.RunDir
	if dir == "" {
		dir = t.Dir
	}
	return fmt.Sprintf("the findings of the levels this run did not lint are not shown; run careerlint ladder %s for them", dir)
}

// cellText writes a cell for the text and Markdown forms.
func cellText(c OverviewCell) string {
	var s string
	switch c.State {
	case CellPresent:
		s = fmt.Sprint(c.Items)
	case CellMissing:
		s = "-"
	case CellUnknown:
		s = "?"
	default:
		s = "."
	}
	if c.Flagged {
		s += "!"
	}
	return s
}

// overviewLegend explains the cells; unreadLegend the "?" of an overview
// with an unread level.
const (
	overviewLegend = "cells: list items in the section and its subsections (included files counted; a missing one counts none); - missing while more than half of the levels have it; . absent, as expected (no more than half have it, or it is about the level below and this is the lowest level); ! a ladder rule reports it (beside a level's name: above its first heading)"
	unreadLegend   = "; ? the level page could not be read, so it is compared with nothing (\"not read\" says why)"
	// ignoredLegend is unreadLegend where a level page is ignored.
	ignoredLegend = "; ? the level page could not be read, or the ignore globs or the .gitignore leave it out, so it is compared with nothing (\"not read\" says why)"
)

// unreadNote returns the legend of the "?" of an overview, in the words
// of unreadLegend or, when a level page is ignored, ignoredLegend; "" when
// no level page is unread.
func (ov *LadderOverview) unreadNote() string {
	note := ""
	for _, t := range ov.Tracks {
		for _, l := range t.Levels {
			switch {
			case l.Ignored:
				return ignoredLegend
			case l.Unread != "":
				note = unreadLegend
			}
		}
	}
	return note
}

// WriteLadderText writes the overview as text, coloured for a terminal by
// pal (lint.Palette{} writes plain text): the track's folder and the
// findings as the lint report colours them, a missing section's "-" as a
// warning, a cell or level a ladder rule reports ("!") as the track's most
// severe ladder finding, and the legend and the expected absences (".")
// faint.
func WriteLadderText(w io.Writer, ov *LadderOverview, pal lint.Palette) error {
	var b strings.Builder
	if len(ov.Tracks) == 0 {
		b.WriteString("no tracks: no level pages among the files linted\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString(pal.Dim(overviewLegend + ov.unreadNote()))
	b.WriteString("\n")
	for _, t := range ov.Tracks {
		// File names are written as the lint report writes them
		// (lint.TermSafe): a folder named with an escape sequence
		// must not drive the terminal.
		fmt.Fprintf(&b, "\ntrack %s\n", pal.Path(lint.TermSafe(t.Dir)))
		fmt.Fprintf(&b, "  template: %s\n", lint.TermSafe(orNone(t.Template)))
		fmt.Fprintf(&b, "  index:    %s\n", lint.TermSafe(indexText(t)))
		var ls, heads []string
		for _, l := range t.Levels {
			ls = append(ls, l.Name)
			heads = append(heads, l.Name+flagMark(l.Flagged)+unreadMark(l))
		}
		fmt.Fprintf(&b, "  levels:   %s\n", strings.Join(ls, ", "))
		for _, l := range t.Levels {
			if l.Unread != "" {
				fmt.Fprintf(&b, "  not read: %s: %s\n", lint.TermSafe(levelFileName(l.File)), oneLine(l.Unread))
			}
		}
		b.WriteByte('\n')
		table := [][]string{append([]string{"  section"}, heads...)}
		for _, r := range t.Rows {
			row := []string{"  " + sectionLabel(r.Section)}
			for _, c := range r.Cells {
				row = append(row, cellText(c))
			}
			table = append(table, row)
		}
		// A "!" is as serious as the track's worst ladder finding.
		worst := lint.Warning
		if len(t.Findings) > 0 {
			worst = slices.MaxFunc(t.Findings, func(a, b OverviewFinding) int { return cmp.Compare(a.Severity, b.Severity) }).Severity
		}
		writeColumns(&b, table, func(i, j int, cell string) string {
			switch {
			case j == 0:
				return cell
			case strings.HasSuffix(cell, "!"):
				return pal.As(worst, cell)
			case i > 0 && cell == "-":
				return pal.As(lint.Warning, cell)
			case i > 0 && cell == ".":
				return pal.Dim(cell)
			}
			return cell
		})
		switch {
		case len(t.Findings) == 0 && !t.Partial:
			b.WriteString("\n  no ladder findings\n")
		case len(t.Findings) == 0:
			b.WriteString("\n  no ladder findings on the pages linted\n")
		default:
			b.WriteString("\n  findings:\n")
			for _, f := range t.Findings {
				fmt.Fprintf(&b, "    %s: %s %s %s\n", pal.Path(fmt.Sprintf("%s:%d:%d", lint.TermSafe(f.File), f.Line, f.Column)), pal.Severity(f.Severity), pal.Rule(f.Rule), oneLine(f.Message))
			}
		}
		if t.Partial {
			fmt.Fprintf(&b, "  %s\n", lint.TermSafe(partialNote(t)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeColumns writes rows of cells aligned in columns two spaces apart,
// the last cell of a row unpadded, as text/tabwriter would, but measuring
// each cell in terminal columns (lint.TextWidth), not in code points: a
// section heading holding a CJK character or an emoji would put the cells
// after it out of line.
func writeColumns(b *strings.Builder, rows [][]string, paint func(i, j int, cell string) string) {
	var widths []int
	for _, row := range rows {
		for j, cell := range row {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], lint.TextWidth(cell))
		}
	}
	for i, row := range rows {
		for j, cell := range row {
			b.WriteString(paint(i, j, cell))
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-lint.TextWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func indexText(t OverviewTrack) string {
	switch {
	case t.Index == "":
		return "none"
	case t.IndexUnread != "":
		return t.Index + " (not read: " + t.IndexUnread + ")"
	case !t.OwnIndex:
		return t.Index + " (a parent folder's)"
	}
	return t.Index
}

// maxSectionLabel is the most code points a section's label keeps in the
// text overview, whose first column is as wide as its widest label on
// every row.
const maxSectionLabel = 80

// sectionLabel is a section's label in the text overview: on one line,
// and a heading longer than maxSectionLabel code points keeps its
// beginning and end with "…" in place of its middle, so that one long
// heading does not pad every row of the matrix to its width.
func sectionLabel(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxSectionLabel {
		return s
	}
	r := []rune(s)
	head := (maxSectionLabel - 1) / 2
	return string(r[:head]) + "…" + string(r[len(r)-(maxSectionLabel-1-head):])
}

// oneLine replaces line breaks and other control characters (C1 ones
// too, as lint.TermSafe escapes them: U+009B is a CSI to some terminals)
// so that a text cannot break the layout or drive the terminal.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return ' '
		}
		return r
	}, s)
}

// mdEscape escapes text for a Markdown table cell or list item: the
// punctuation Markdown gives a meaning (the pipe included, which would
// end the cell), "@" (a GitLab mention), and the marks of GitLab's
// references and of HTML entities where a letter or digit follows them
// ("#123", "!12", "&copy;"), as the markdown report escapes them; a
// heading's "##" or a count's "!" stay as they are.
func mdEscape(s string) string {
	s = oneLine(s)
	var b strings.Builder
	for i, r := range s {
		switch {
		case r < 0x80 && strings.IndexByte("\\`*_[]<>|~@", byte(r)) >= 0:
			b.WriteByte('\\')
		case r < 0x80 && strings.IndexByte("#!&$%", byte(r)) >= 0 && i+1 < len(s) && isWordByte(s[i+1]):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdHeading escapes text for an ATX heading: as mdEscape does, and the
// first "#" of a run of them that ends the text too, which CommonMark
// would otherwise take for the heading's closing sequence and drop (a
// folder named "c #").
func mdHeading(s string) string {
	s = mdEscape(s)
	trimmed := strings.TrimRight(s, "#")
	if trimmed == s {
		return s
	}
	return trimmed + "\\" + s[len(trimmed):]
}

// isWordByte reports whether an ASCII letter or digit, or the first byte
// of a non-ASCII character, is c.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// WriteLadderMarkdown writes the overview as Markdown, one table per
// track.
func WriteLadderMarkdown(w io.Writer, ov *LadderOverview) error {
	var b strings.Builder
	b.WriteString("# Ladder overview\n\n")
	if len(ov.Tracks) == 0 {
		b.WriteString("No tracks: no level pages among the files linted.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("Cells: list items in the section and its subsections (included files counted; a missing one counts none); **-** missing while more than half of the levels have it; . absent, as expected (no more than half have it, or it is about the level below and this is the lowest level); **!** a ladder rule reports it (beside a level's name: above its first heading)")
	if note := ov.unreadNote(); note != "" {
		// The text form's words, with the "?" in bold and "Not read" as
		// this form writes it.
		note = strings.Replace(note, "? ", "**?** ", 1)
		b.WriteString(strings.Replace(note, "\"not read\"", "\"Not read\"", 1))
	}
	b.WriteString(".\n")
	for _, t := range ov.Tracks {
		fmt.Fprintf(&b, "\n## %s\n\n", mdHeading(t.Dir))
		var ls, heads []string
		for _, l := range t.Levels {
			ls = append(ls, mdEscape(l.Name))
			h := mdEscape(l.Name)
			if l.Flagged {
				h += " **!**"
			}
			if l.Unread != "" {
				h += " **?**"
			}
			heads = append(heads, h)
		}
		fmt.Fprintf(&b, "- Template: %s\n- Index: %s\n- Levels: %s\n", mdEscape(orNone(t.Template)), mdEscape(indexText(t)), strings.Join(ls, ", "))
		for _, l := range t.Levels {
			if l.Unread != "" {
				fmt.Fprintf(&b, "- Not read: %s: %s\n", mdEscape(levelFileName(l.File)), mdEscape(l.Unread))
			}
		}
		b.WriteByte('\n')
		fmt.Fprintf(&b, "| Section | %s |\n| --- |%s\n", strings.Join(heads, " | "), strings.Repeat(" ---: |", len(ls)))
		for _, r := range t.Rows {
			var cells []string
			for _, c := range r.Cells {
				s := mdEscape(cellText(c))
				if c.Flagged || c.State == CellMissing || c.State == CellUnknown {
					s = "**" + s + "**"
				}
				cells = append(cells, s)
			}
			fmt.Fprintf(&b, "| %s | %s |\n", mdEscape(r.Section), strings.Join(cells, " | "))
		}
		switch {
		case len(t.Findings) == 0 && !t.Partial:
			b.WriteString("\nNo ladder findings.\n")
		case len(t.Findings) == 0:
			b.WriteString("\nNo ladder findings on the pages linted.\n")
		default:
			b.WriteString("\nFindings:\n\n")
			for _, f := range t.Findings {
				fmt.Fprintf(&b, "- %s:%d:%d: %s %s: %s\n", mdEscape(f.File), f.Line, f.Column, f.Severity, mdEscape(f.Rule), mdEscape(f.Message))
			}
		}
		if t.Partial {
			fmt.Fprintf(&b, "\n%s.\n", mdEscape(partialNote(t)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// overviewCSS is the HTML page's style sheet: inline, no fonts or other
// resources from the network.
const overviewCSS = `body{font-family:system-ui,sans-serif;margin:2em;color:#1f1f1f;background:#fff}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;word-break:break-all}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.missing{background:#fff4d6}td.absent{color:#707070}td.unread,th.unread{background:#e8e8e8;color:#505050}td.flag,th.flag{background:#d93025;color:#fff;font-weight:bold}
th.section{text-align:left;font-weight:normal;font-family:ui-monospace,monospace}
.legend span{display:inline-block;padding:0 .4em;border:1px solid #bbb;margin-right:.3em}
li{margin:.3em 0}code{font-family:ui-monospace,monospace}`

// WriteLadderHTML writes the overview as one self-contained HTML page: an
// inline style sheet, no scripts, no resources from the network. Rows are
// sections, columns are levels; a cell shows the number of list items and
// is red where a ladder rule reports something. All text is escaped.
func WriteLadderHTML(w io.Writer, ov *LadderOverview) error {
	var b strings.Builder
	// Control characters (a folder named with an escape sequence) are
	// written as the text report writes them, then HTML-escaped.
	e := func(s string) string { return html.EscapeString(lint.TermSafe(s)) }
	// lines escapes each of several texts for an attribute, one a line
	// (a tooltip's lines: TermSafe would write the line break as "\n").
	lines := func(ss []string) string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = e(s)
		}
		return strings.Join(out, "&#10;")
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>careerlint ladder overview</title>\n<style>\n")
	b.WriteString(overviewCSS)
	b.WriteString("\n</style>\n</head>\n<body>\n<h1>Ladder overview</h1>\n")
	if len(ov.Tracks) == 0 {
		b.WriteString("<p>No tracks: no level pages among the files linted.</p>\n</body>\n</html>\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("<p class=\"legend\">Cells show the list items in the section and its subsections (included files counted; a missing one counts none). <span class=\"flag\" style=\"background:#d93025;color:#fff\">!</span> (red) a ladder rule reports it (beside a level's name: above its first heading), <span style=\"background:#fff4d6\">-</span> missing while more than half of the levels have it, <span style=\"color:#707070\">.</span> absent, as expected (no more than half have it, or it is about the level below and this is the lowest level)")
	if note := ov.unreadNote(); note != "" {
		// The text form's words, after the "?" shown as the cells show it.
		note = strings.TrimPrefix(note, "; ? ")
		b.WriteString(", <span style=\"background:#e8e8e8;color:#505050\">?</span> " + html.EscapeString(strings.Replace(note, "\"not read\"", "\"Not read\"", 1)))
	}
	b.WriteString(".</p>\n")
	for ti, t := range ov.Tracks {
		fmt.Fprintf(&b, "<section class=\"track\" id=\"track-%d\">\n<h2>%s</h2>\n<dl>\n", ti+1, e(t.Dir))
		var ls []string
		for _, l := range t.Levels {
			ls = append(ls, e(l.Name))
		}
		fmt.Fprintf(&b, "<dt>Template</dt><dd>%s</dd>\n<dt>Index</dt><dd>%s</dd>\n<dt>Levels</dt><dd>%s</dd>\n", e(orNone(t.Template)), e(indexText(t)), strings.Join(ls, ", "))
		for _, l := range t.Levels {
			if l.Unread != "" {
				fmt.Fprintf(&b, "<dt>Not read</dt><dd>%s: %s</dd>\n", e(levelFileName(l.File)), e(l.Unread))
			}
		}
		b.WriteString("</dl>\n")
		b.WriteString("<table>\n<thead>\n<tr><th scope=\"col\">Section</th>")
		for _, l := range t.Levels {
			if l.Unread != "" {
				fmt.Fprintf(&b, "<th scope=\"col\" class=\"unread\" title=\"%s\">%s ?</th>", lines([]string{l.File, l.Unread}), e(l.Name))
				continue
			}
			if l.Flagged {
				fmt.Fprintf(&b, "<th scope=\"col\" class=\"flag\" title=\"%s\">%s !</th>", lines(append([]string{l.File}, l.Messages...)), e(l.Name))
				continue
			}
			fmt.Fprintf(&b, "<th scope=\"col\" title=\"%s\">%s</th>", e(l.File), e(l.Name))
		}
		b.WriteString("</tr>\n</thead>\n<tbody>\n")
		for _, r := range t.Rows {
			fmt.Fprintf(&b, "<tr><th scope=\"row\" class=\"section\">%s</th>", e(r.Section))
			for j, c := range r.Cells {
				class := "n"
				switch c.State {
				case CellMissing:
					class += " missing"
				case CellAbsent:
					class += " absent"
				case CellUnknown:
					class += " unread"
				}
				if c.Flagged {
					class += " flag"
				}
				title := ""
				if len(c.Messages) > 0 {
					title = fmt.Sprintf(" title=\"%s\"", lines(c.Messages))
				} else if c.State == CellUnknown && j < len(t.Levels) {
					title = fmt.Sprintf(" title=\"%s\"", e(t.Levels[j].Unread))
				}
				// The "!" as in the text forms: colour alone does not
				// tell every reader, nor a printed page.
				fmt.Fprintf(&b, "<td class=\"%s\"%s>%s</td>", class, title, e(cellText(c)))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n")
		switch {
		case len(t.Findings) == 0 && !t.Partial:
			b.WriteString("<p>No ladder findings.</p>\n")
		case len(t.Findings) == 0:
			b.WriteString("<p>No ladder findings on the pages linted.</p>\n")
		default:
			b.WriteString("<ul class=\"findings\">\n")
			for _, f := range t.Findings {
				fmt.Fprintf(&b, "<li><code>%s:%d:%d</code> %s <code>%s</code> %s</li>\n", e(f.File), f.Line, f.Column, e(f.Severity.String()), e(f.Rule), e(f.Message))
			}
			b.WriteString("</ul>\n")
		}
		if t.Partial {
			fmt.Fprintf(&b, "<p>%s.</p>\n", e(partialNote(t)))
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// unreadMark is the "?" of an unread level's heading in the text overview.
func unreadMark(l OverviewLevel) string {
	if l.Unread != "" {
		return "?"
	}
	return ""
}

// flagMark is the "!" of a flagged level's heading in the text overview.
func flagMark(flagged bool) string {
	if flagged {
		return "!"
	}
	return ""
}
