package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// ListMarkerOptions configure the list-marker rule.
type ListMarkerOptions struct {
	// Style is "dash", "asterisk", "plus" or "consistent" (the first
	// bullet marker of the file sets it).
	Style string `yaml:"style"`
}

// ListMarker reports bullet list items written with another marker than
// the configured one.
var ListMarker = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL008",
		Name:          "list-marker",
		Summary:       "bullet list items use the house marker, \"-\"",
		Default:       lint.Warning,
		Fixable:       true,
		Suggests:      true,
		IncludedFiles: true,
	},
	NewOptions: func() any { return &ListMarkerOptions{Style: "dash"} },
	CheckPage:  checkListMarker,
}

// listMarkers maps the style names to their marker.
var listMarkers = map[string]byte{"dash": '-', "asterisk": '*', "plus": '+'}

func checkListMarker(pass *lint.PagePass) {
	p := pass.Page
	opts := pass.Options.(*ListMarkerOptions)
	want, ok := listMarkers[opts.Style]
	planner := markerPlanner{site: pass.Site, style: opts.Style, want: want, rule: pass.Rule}
	plan := planner.final(p)
	// A run that fixes some files only (a hook's) rewrites the lists
	// whose fixes it applies: those are judged against its rewrite, and
	// the others as a run that applies them judges them.
	runner, runPlan := planner, plan
	if !pass.Site.FixesAll() {
		runner.run = true
		runPlan = runner.final(p)
	}
	why := ""
	var related []lint.Related
	switch {
	case ok && want == '-':
		why = "the handbook writes bullets with \"-\""
	case ok:
		why = fmt.Sprintf("the configured style writes bullets with %q", string(want))
	default: // consistent: the first bullet list of the file decides.
		first := firstBulletList(p)
		if first == nil {
			return
		}
		want = first.Marker
		why = fmt.Sprintf("this file's first bullet list uses %q", string(want))
		related = []lint.Related{{Span: p.Span(first.Items[0].MarkerStart, first.Items[0].MarkerEnd), Message: "the first bullet list"}}
	}
	for li, l := range p.Lists {
		if l.Ordered || l.Marker == want {
			continue
		}
		pasted, gap, looseness := joinsNeighbours(pass.Site, p, l, want)
		// The line that keeps this list apart from the neighbours it
		// would join, as a suggestion, and the message's word on it.
		var apart []lint.Fix
		how := ""
		if gap || looseness != "" {
			var ok bool
			if apart, ok = keepApart(p, l, false); ok {
				how = apartHowText(p, l)
			}
		}
		// An item whose line would read as a thematic break keeps its
		// marker, and the list with it: rewriting the others would split
		// the list there.
		brk := thematicItem(p, l)
		var changed *lint.RewriteChange
		var runKept lint.Span // a list this run leaves, which withholds this one's fix
		byRun := false
		if pasted == nil && !gap && looseness == "" && brk < 0 {
			changed = plan.changed[li]
			if runner.run && runner.applied(p, l) {
				switch ch := runPlan.changed[li]; {
				case ch == nil:
					changed = nil
				case changed == nil:
					changed = ch
					runKept, byRun = runner.keptByRun(p, li, runPlan)
				}
			}
		}
		withheld := changed != nil || pasted != nil || gap || looseness != "" || brk >= 0
		var keptAt, outAt lint.Span
		kept, out := false, false
		if changed != nil && !byRun {
			if outAt, out = planner.keptOutside(p, li, plan); !out {
				keptAt, kept = planner.keptBySuppression(p, li, plan)
			}
		}
		for i, it := range l.Items {
			d := lint.Diagnostic{
				Span:    p.Span(it.MarkerStart, it.MarkerEnd),
				Message: fmt.Sprintf("bullet is written %q; %s", string(l.Marker), why),
				Related: related,
			}
			switch {
			case becomesThematicBreak(p.Src, it.MarkerStart):
				d.Message += "; rewrite this item by hand: with that marker the line could read as a thematic break (a horizontal rule); " + thematicHow("its")
			case withheld && i > 0:
				// Why the list is left to a person is said once, on its
				// first bullet, rather than again on every bullet.
				first := l.Items[0]
				d.Message += "; rewrite this list by hand, as the finding on its first bullet says (see the related location)"
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: p.Span(first.MarkerStart, first.MarkerEnd), Message: "the list's first bullet, whose finding says why"})
			case brk >= 0:
				b := l.Items[brk]
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q one of its bullets could read as a thematic break (a horizontal rule), which would split the list (see the related location); %s", string(want), thematicHow("that item's"))
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: p.Span(b.MarkerStart, b.MarkerEnd), Message: "the bullet whose line could read as a thematic break"})
			case gap:
				// Adjacent lists join into the one list meant; across a
				// blank line the joined list would turn loose. A
				// neighbour in a third marker is rewritten to want in the
				// same round, so it joins as one written with want does.
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q it would join the list after the blank line next to it, and their items would become paragraphs%s", string(want), how)
				d.Suggestions = apart
			case looseness != "" && l.Loose:
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q it would join the list %s it, and that list's items would become paragraphs, as this list's are (a blank line between or inside its items sets them apart)%s", string(want), looseness, how)
				d.Suggestions = apart
			case looseness != "":
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q it would join the list %s it, whose items a blank line sets apart as paragraphs, and this list's items would become paragraphs too%s", string(want), looseness, how)
				d.Suggestions = apart
			case pasted != nil:
				d.Message += pastedHow(l, pasted, want)
				d.Suggestions = pastedApart(pass.Site, l, pasted)
				d.Related = slices.Clone(d.Related)
				// A set, not a search of the notes so far: a file pasted
				// by thousands of includes has a note for each.
				seen := map[lint.Related]bool{}
				for _, r := range d.Related {
					seen[r] = true
				}
				for _, n := range pasted {
					note := "the include that puts the two lists side by side"
					if n.Marker == l.Marker {
						note = "the include that joins the two lists into one"
					}
					if r := (lint.Related{Span: n.At, Message: note}); !seen[r] {
						seen[r] = true
						d.Related = append(d.Related, r)
					}
				}
			case changed != nil && byRun:
				// Rewritten with the list this run leaves, it would read
				// as it does now: a run that fixes that file too
				// rewrites both.
				where := "the list of " + runKept.File + " that keeps its marker"
				if runKept.File == p.Path {
					where = "another list of this file, which keeps its marker (a finding this change did not bring)"
				}
				d.Message += fmt.Sprintf("; rewrite this list by hand: this run does not rewrite %s (see the related location), and with %q in this list alone %s; fix the two together with careerlint --fix %s, or over the whole site", where, string(want), keptWhat(changed), runKept.File)
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: runKept, Message: "the bullet of a list this run does not rewrite, which keeps its marker"})
			case changed != nil && out:
				// Rewritten with the list of a file the run does not
				// lint, it would read as it does now.
				d.Message += outsideHow(pass, outAt, changed, want, opts.Style)
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: outAt, Message: "the bullet of a list in a file this run does not lint, which keeps its marker"})
			case changed != nil && kept:
				// Rewritten with the list the suppression keeps, it would
				// read as it does now.
				d.Message += fmt.Sprintf("; rewrite this list by hand: a suppression keeps the marker of another list (see the related location), and with %q in this list alone %s; suppress this list's findings too, or drop that suppression so that --fix rewrites both", string(want), keptWhat(changed))
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: keptAt, Message: "the bullet a suppression keeps, and its list's marker with it"})
			case changed != nil:
				how, sug := changedHow(p, l, changed, want)
				d.Message += how
				d.Suggestions = sug
				switch {
				case changed.Page != p.Path:
					d.Related = append(slices.Clone(d.Related), lint.Related{Span: changed.At, Message: "the include that pastes this file there"})
				case len(p.Includes) > 0:
					d.Related = append(slices.Clone(d.Related), lint.Related{Span: changed.At, Message: "the include next to the list"})
				}
			default:
				d.Fixes = []lint.Fix{{
					Title: fmt.Sprintf("write %q", string(want)),
					Edits: []lint.Edit{{Span: d.Span, Text: string(want)}},
				}}
				// A bullet kept by a suppression keeps the list's marker:
				// rewriting only the others would split the list.
				d.FixGroup = lint.FixGroup{
					Key:     strconv.Itoa(l.Items[0].MarkerStart),
					Note:    fmt.Sprintf("rewrite this list by hand, or suppress its other bullets too: a suppression keeps another of its bullets %q (see the related location), and with only the others rewritten the list would split", string(l.Marker)),
					Related: "the bullet the suppression keeps",
				}
			}
			pass.Report(d)
		}
	}
}

// keptWhat is what list-marker says would change, as changed tells, of a
// list whose fix is withheld only because another list keeps its marker
// (a suppression keeps it, or the run does not rewrite it).
func keptWhat(changed *lint.RewriteChange) string {
	switch {
	case changed.Inner:
		return "the items of a list inside its items would be read otherwise"
	case changed.Moved:
		return "Hugo would read its items at another depth or in another list"
	}
	return "its items would turn loose or tight"
}

// outsideHow is what list-marker says of a list whose fix is withheld
// only because the run does not lint the file of another list, at
// (Site.ChecksFile), which keeps its marker: with want in the list alone,
// changed tells what would change. A run that lints that file rewrites
// the two together; where careerlint lints it in no run (a handbook page
// that is no career page, a page the ignore globs or the root's
// .gitignore leave out, an include file only such pages include), the
// two are the author's to rewrite by hand, together: that list rewritten
// alone would change the rendering as this one would, and a later --fix
// would then hold this one's fix back for the rendering as it is then.
func outsideHow(pass *lint.PagePass, at lint.Span, changed *lint.RewriteChange, want byte, style string) string {
	if pass.Site.SiteChecks(pass.Rule, at.File) {
		return fmt.Sprintf("; rewrite this list by hand: this run does not lint %s, whose list keeps its marker (see the related location), and with %q in this list alone %s; fix the two together with careerlint --fix %s, or over the whole site", at.File, string(want), keptWhat(changed), at.File)
	}
	why := "it is no career page"
	switch by := pass.Site.IgnoredBy(at.File); {
	case by == lint.IgnoredByGlobs:
		why = "the configuration's ignore globs leave it out"
	case by != "":
		why = "the root's .gitignore leaves it out"
	case pass.Site.Config.Classify(at.File) == lint.IncludeFile:
		why = "no career page includes it"
	}
	theirs := want
	if g := pass.Site.File(at.File); g != nil {
		if w := fileWant(style, want, g); w != 0 {
			theirs = w
		}
	}
	return fmt.Sprintf("; rewrite this list by hand: careerlint does not check %s for list markers (%s), so its list keeps its marker (see the related location), and with %q in this list alone %s; rewrite the two together by hand, that list with %q, or keep this list's marker and suppress its findings", at.File, why, string(want), keptWhat(changed), string(theirs))
}

// apartLine is the line that keeps two lists apart: an HTML comment,
// which Hugo does not show, is a block of its own between them, so the
// two stay two lists whatever their markers. careerlint reads no
// directive in it.
const apartLine = "<!-- -->"

// apartHowText is what list-marker's message on a list that would join
// a list next to it says to do: put apartLine between them, lined up with
// the bullets above it when the lists are nested or quoted (a line at the
// left margin would end the list or quote around them).
func apartHowText(p *lint.Page, l lint.List) string {
	how := "; to keep them two lists, put a line " + apartLine + " between them"
	if prefix, _ := bulletPrefix(p.Src, l.Items[0].MarkerStart); l.Depth > 0 || strings.Contains(prefix, ">") {
		how += ", lined up with the bullets above it"
	}
	return how
}

// keepApart returns the suggestion that puts apartLine between list l and
// each neighbour it would join other than as one tight list (across a
// blank line, or one loose and the other tight), or, when every is set,
// each list next to it in the same parent, which keeps the page's
// rendering and lets l take the expected marker. The line is lined up
// with the earlier list's last bullet (its indentation and quote
// markers), or with the later list's first where that sits further left,
// so that it ends the earlier list, and that list only: lined up with a
// list indented under an empty item, it would be read as that item's
// text ("-\n   * a", which goldmark reads as two lists). ok reports whether there is such a line to put; the
// suggestion is nil when there is not, or when the line would touch a
// bullet on either side (an empty item above, the later list's bullet
// at the margin), which the suggestion would seem to leave unmended.
func keepApart(p *lint.Page, l lint.List, every bool) (sug []lint.Fix, ok bool) {
	var pairs [][2]*lint.List // earlier, later
	if l.PrevMarker != 0 && (every || l.PrevGap || l.PrevLoose != l.Loose) {
		pairs = append(pairs, [2]*lint.List{sibling(p, l, -1), &l})
	}
	if l.NextMarker != 0 && (every || l.NextGap || l.NextLoose != l.Loose) {
		pairs = append(pairs, [2]*lint.List{&l, sibling(p, l, 1)})
	}
	var edits []lint.Edit
	touches := false
	for _, pair := range pairs {
		earlier, later := pair[0], pair[1]
		if earlier == nil || later == nil {
			return nil, false
		}
		prefix, _ := bulletPrefix(p.Src, earlier.Items[len(earlier.Items)-1].MarkerStart)
		laterPrefix, start := bulletPrefix(p.Src, later.Items[0].MarkerStart)
		if columns(laterPrefix) < columns(prefix) {
			// Lined up with the later list where it sits further left:
			// goldmark reads a list indented under an empty item as
			// one of its own, and a line lined up with it as that
			// item's text ("*\n   + a\n- b").
			prefix = laterPrefix
		}
		if start == 0 || strings.Trim(prefix, " \t>") != "" {
			return nil, false
		}
		end := start - 1 // the line break of the line above
		if end > 0 && p.Src[end-1] == '\r' {
			end--
		}
		switch {
		case !emptyItemLine(p.Src[lineStartOf(p.Src, end):end]):
			edits = append(edits, lint.Edit{Span: p.Span(end, end), Text: "\n" + prefix + apartLine})
		case laterPrefix != "":
			edits = append(edits, lint.Edit{Span: p.Span(start, start), Text: prefix + apartLine + "\n"})
		default:
			touches = true
		}
	}
	if len(pairs) == 0 {
		return nil, false
	}
	if touches {
		return nil, true
	}
	return []lint.Fix{{Title: "put a line " + apartLine + " between the two lists, to keep them apart", Edits: edits}}, true
}

// bulletPrefix returns what comes before the bullet at off on its line,
// and where that line starts.
func bulletPrefix(src []byte, off int) (string, int) {
	start := lineStartOf(src, off)
	return string(src[start:off]), start
}

// lineStartOf returns the start of the line holding off.
func lineStartOf(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// columns returns how many columns a line's text s takes, a tab going on
// to the next multiple of four.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if r == '\t' {
			n += 4 - n%4
		} else {
			n++
		}
	}
	return n
}

// emptyItemLine reports whether line starts an empty list item: it holds
// list markers (bullets, numbers with their "." or ")"), quote markers and
// white space only, and ends with a list marker.
func emptyItemLine(line []byte) bool {
	s := strings.TrimRight(string(line), " \t")
	if s == "" || s[len(s)-1] == '>' {
		return false
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '>' }) {
		if f != "-" && f != "*" && f != "+" && !(len(f) > 1 && strings.Trim(f[:len(f)-1], "0123456789") == "" && strings.ContainsAny(f[len(f)-1:], ".)")) {
			return false
		}
	}
	return true
}

// sibling returns the list right before (dir -1) or after (dir 1) l in
// the same parent, which l.PrevMarker or l.NextMarker describes: nothing
// but blank lines lies between them, so it is the list of l's depth that
// ends last before l, or starts first after it; nil when that is no such
// list.
func sibling(p *lint.Page, l lint.List, dir int) *lint.List {
	var s *lint.List
	for i, m := range p.Lists {
		switch {
		case len(m.Items) == 0 || m.Depth != l.Depth || m.Ordered != l.Ordered:
		case dir < 0 && m.Span.End <= l.Span.Start && (s == nil || m.Span.End > s.Span.End):
			s = &p.Lists[i]
		case dir > 0 && m.Span.Start >= l.Span.End && (s == nil || m.Span.Start < s.Span.Start):
			s = &p.Lists[i]
		}
	}
	if s == nil {
		return nil
	}
	if dir < 0 && (s.Marker != l.PrevMarker || s.NextMarker != l.Marker) || dir > 0 && (s.Marker != l.NextMarker || s.PrevMarker != l.Marker) {
		return nil
	}
	return s
}

// pastedHow is what list-marker says of list l, which the lists that
// includes put next to it keep from its fix: why, and how to rewrite it
// so that the pages read as before. A neighbour in another marker is a
// list of its own there, which l written with want would join: a line
// apartLine between the two, next to the include, keeps them apart. A
// neighbour in l's marker makes one list with l there, which l alone
// written with want would leave: rewritten together, they stay one.
func pastedHow(l lint.List, pasted []lint.ListNeighbour, want byte) string {
	join, leave := 0, 0
	for _, n := range pasted {
		if n.Marker == l.Marker {
			leave++
		} else {
			join++
		}
	}
	where := "the related location"
	if slices.ContainsFunc(pasted, func(n lint.ListNeighbour) bool { return n.At != pasted[0].At }) {
		where = "the related locations"
	}
	switch {
	case leave == 0:
		return fmt.Sprintf("; rewrite this list by hand: with %q it would join the list an include puts next to it (see %s), and the two would read as one; to keep them two lists, put a line %s between them, %s", string(want), where, apartLine, apartSide(l, pasted))
	case join == 0:
		return fmt.Sprintf("; rewrite this list by hand: an include puts it next to a list in the same marker (see %s), and the two read as one list, which %q in this list alone would split; to keep them one list, rewrite the bullets of both together", where, string(want))
	}
	return fmt.Sprintf("; rewrite this list by hand: with %q it would join a list an include puts next to it and leave one that another include joins it to (see the related locations); where the two read as two lists, put a line %s between them, %s, and where they read as one, rewrite the bullets of both together", string(want), apartLine, apartSide(l, pasted))
}

// pastedApart returns the suggestion that pastedHow's message makes for a
// list that would join, written with the house marker, the lists in
// another marker that includes put next to it: a line apartLine right
// before or right after each include shortcode, where the two lists
// meet, in the file that holds the shortcode (the page, or the include
// file between). It offers none when some neighbour is in l's marker (a
// list l joins now, which the line would split), or when a shortcode
// does not stand alone on its line at the margin: in a list item or a
// quote, a line at the margin would end them. A fix edits one file: where
// includes in several files put such lists next to l, there is one
// suggestion for each, which --apply-suggestions applies a round at a
// time.
func pastedApart(s *lint.Site, l lint.List, pasted []lint.ListNeighbour) []lint.Fix {
	type at struct {
		file string
		off  int
	}
	seen := map[at]bool{}
	var edits []lint.Edit
	for _, n := range pasted {
		if n.Marker == l.Marker {
			return nil
		}
		src := s.Source(n.At.File)
		start, end := n.At.Start, n.At.End
		if src == nil || start < 0 || end > len(src) || start > end || lineStartOf(src, start) != start {
			return nil
		}
		eol := end
		for eol < len(src) && (src[eol] == ' ' || src[eol] == '\t') {
			eol++
		}
		brk := "\n"
		switch {
		case eol == len(src):
		case src[eol] == '\n':
		case src[eol] == '\r' && eol+1 < len(src) && src[eol+1] == '\n':
			brk = "\r\n"
		default:
			return nil // text after the shortcode on its line
		}
		e := lint.Edit{Span: lint.Span{File: n.At.File, Start: start, End: start}, Text: apartLine + brk}
		if n.After {
			e = lint.Edit{Span: lint.Span{File: n.At.File, Start: eol, End: eol}, Text: brk + apartLine}
		}
		if k := (at{e.Span.File, e.Span.Start}); !seen[k] {
			seen[k] = true
			edits = append(edits, e)
		}
	}
	// A fix edits one file: one suggestion for each file that holds
	// such an include (a file pasted by several pages), in path order.
	slices.SortStableFunc(edits, func(a, b lint.Edit) int { return strings.Compare(a.Span.File, b.Span.File) })
	var fixes []lint.Fix
	for i := 0; i < len(edits); {
		j := i + 1
		for j < len(edits) && edits[j].Span.File == edits[i].Span.File {
			j++
		}
		title := "put a line " + apartLine + " next to the include, to keep the two lists apart"
		if len(edits) > j-i {
			title = "put a line " + apartLine + " next to the include in " + edits[i].Span.File + ", to keep the two lists apart there"
		}
		fixes = append(fixes, lint.Fix{Title: title, Edits: edits[i:j]})
		i = j
	}
	return fixes
}

// apartSide says where the line that keeps list l apart from the lists in
// another marker that includes put next to it goes: right before or right
// after the include shortcode, where the two lists meet (a line on the
// other side of it keeps nothing apart), or on both sides of it.
func apartSide(l lint.List, pasted []lint.ListNeighbour) string {
	sides := map[lint.Span][2]bool{} // by include: before, after
	before, after := false, false
	for _, nb := range pasted {
		if nb.Marker == l.Marker {
			continue
		}
		s := sides[nb.At]
		s[0], s[1] = s[0] || !nb.After, s[1] || nb.After
		sides[nb.At] = s
		before, after = before || !nb.After, after || nb.After
	}
	if len(sides) <= 1 {
		switch {
		case before && after:
			return "right before and right after the include"
		case after:
			return "right after the include"
		}
		return "right before the include"
	}
	switch {
	case before && after:
		return "right before or after each include, where the lists meet"
	case after:
		return "right after each include"
	}
	return "right before each include"
}

// changedHow is what list-marker says of list l, whose fix is withheld
// because Hugo would read its items differently with every marker
// rewritten, the outcome test changed tells of: where, and what to do.
// Where the items would only join a list (loose where they were tight, or
// the reverse), a line apartLine keeps the two apart; a list of the page
// next to it is a sibling the line goes between. Elsewhere the choice is
// the author's: an include after text, in a code block or indented in an
// item pastes the list where its marker shows or nests it.
func changedHow(p *lint.Page, l lint.List, changed *lint.RewriteChange, want byte) (string, []lint.Fix) {
	w := string(want)
	switch {
	case changed.Inner:
		return fmt.Sprintf("; rewrite this list by hand: a list inside its items keeps its marker (see its findings), and with %q in this list alone Hugo would read that list's items otherwise (goldmark nests a list indented under an empty item, a bullet alone on its line, only when their markers are the same); rewrite the two together once that list's findings allow it, or keep this list's marker and suppress its findings", w), nil
	case changed.Page != p.Path && !changed.Moved:
		return fmt.Sprintf("; rewrite this list by hand: with %q its items would read differently where %s pastes this file (see the related location), joining a list there or leaving one; where they would join one, put a line %s between them, and where they would leave one, rewrite both together", w, changed.Page, apartLine), nil
	case changed.Page != p.Path:
		return fmt.Sprintf("; rewrite this list by hand: with %q Hugo would read its items at another depth or as no list item where %s pastes this file (see the related location), as it does for an include after text, in a code block or indented in an item; keep its marker and suppress its findings, or change how that page includes the file", w, changed.Page), nil
	case len(p.Includes) > 0 && !changed.Moved:
		return fmt.Sprintf("; rewrite this list by hand: with %q its items would read differently once the includes of this page are pasted (see the related location), joining a list there or leaving one; where they would join one, put a line %s between them, and where they would leave one, rewrite both together", w, apartLine), nil
	case len(p.Includes) > 0:
		return fmt.Sprintf("; rewrite this list by hand: with %q Hugo would read its items at another depth or as no list item once the includes of this page are pasted (see the related location); keep its marker and suppress its findings, or change the include next to it", w), nil
	}
	// The page's own lists: a list next to l in the same parent is one
	// the line can go between.
	if apart, ok := keepApart(p, l, true); ok && !changed.Moved {
		return fmt.Sprintf("; rewrite this list by hand: with %q it would join a list next to it, and their items would turn loose or tight%s", w, apartHowText(p, l)), apart
	} else if ok {
		return fmt.Sprintf("; rewrite this list by hand: with %q it and a list next to it would nest, one in the other (goldmark reads a list indented under an empty item, a bullet alone on its line, as a list of its own only when their markers differ)%s", w, apartHowText(p, l)), apart
	}
	if !changed.Moved && l.PrevMarker == 0 && l.NextMarker == 0 {
		return fmt.Sprintf("; rewrite this list by hand: with %q lists inside its items would join, and its items would turn loose or tight; keep those lists apart as their findings say", w), nil
	}
	return fmt.Sprintf("; rewrite this list by hand: with %q Hugo would read its items at another depth, or loose where they are tight, or the reverse; keep its marker and suppress its findings, or rewrite the lists around it by hand", w), nil
}

// joinsNeighbours returns what keeps list l's fix from being made
// whatever the other lists' fixes: the lists includes put next to it that
// it would join or leave (see joiningPasted), whether a blank line lies
// between it and a list next to it in another marker (gap), and the side
// ("before", "after") of a neighbour that is loose where l is tight, or
// tight where it is loose (joined, the tight one's items become
// paragraphs).
func joinsNeighbours(site *lint.Site, p *lint.Page, l lint.List, want byte) (pasted []lint.ListNeighbour, gap bool, looseness string) {
	pasted = joiningPasted(site, p, l, want)
	gap = l.PrevMarker != 0 && l.PrevGap || l.NextMarker != 0 && l.NextGap
	switch {
	case l.PrevMarker != 0 && l.PrevLoose != l.Loose:
		looseness = "before"
	case l.NextMarker != 0 && l.NextLoose != l.Loose:
		looseness = "after"
	}
	return pasted, gap, looseness
}

// thematicItem returns the index of the first item of l whose line could
// read as a thematic break once rewritten, -1 when there is none.
func thematicItem(p *lint.Page, l lint.List) int {
	return slices.IndexFunc(l.Items, func(it lint.ListItem) bool { return becomesThematicBreak(p.Src, it.MarkerStart) })
}

// fileWant returns the marker list-marker expects in file f: want for a
// fixed style, the marker of f's first bullet list for the consistent
// one (0 when f has none).
func fileWant(style string, want byte, f *lint.Page) byte {
	if _, fixed := listMarkers[style]; fixed {
		return want
	}
	if first := firstBulletList(f); first != nil {
		return first.Marker
	}
	return 0
}

// A list's fix is withheld for what is next to it (joinsNeighbours, a
// thematic break) or because the rewrite --fix makes would change how
// Hugo reads its items (Site.RewriteChanges). The rewrite judged must be
// the one --fix makes: that of the lists whose fixes are kept, in every
// file pasted with the list's, not of every list. A list with a bullet
// that an inline suppression keeps keeps its marker (the suppress step
// drops its other bullets' fixes, see lint.FixGroup), so it is none of
// them: rewriting a list under it, alone, may take that list out of the
// kept list's empty item ("*\n  * a" with the "*" suppressed). Withholding
// one list may change the verdict on another ("   - l\n  \n*\n  * e": the list
// "*" keeps its marker for the blank line next to it, so rewriting the
// one under it, alone, takes it out of its empty item), so the kept lists
// are found by rounds: round 0 keeps every list that nothing next to it
// withholds and no suppression keeps; each later round drops those of
// the last round's lists that the last round's rewrite changes, until no
// file pasted with the file drops any more. The rounds only drop lists,
// so they end. A run leaves the lists of the files it does not lint as
// they are (Site.ChecksFile: a page it was not given that pastes the
// same include file, a page that is no career page or one the ignore
// globs leave out, which no run checks),
// as a suppression does: the planner that reads suppressions keeps them
// out of round 0 too. A run that fixes some files only (a hook's
// --pages-only or --changed-since, see Site.FixApplies) leaves the lists
// of the others too: its planner (run) keeps them out of round 0, and
// judges with them the lists whose fixes it applies.

// markerPlan is which of a file's lists list-marker rewrites at a round.
type markerPlan struct {
	// keep is indexed like the file's Lists.
	keep []bool
	// changed is, for a list a round dropped, the change the rewrite
	// before it makes (see Site.RewriteChanges).
	changed []*lint.RewriteChange
	// suppressed is, indexed like the file's Lists, whether a suppression
	// keeps a bullet of the list, and with it the list's marker (set by
	// a planner that reads suppressions only).
	suppressed []bool
	// unapplied is, indexed like the file's Lists, whether the run does
	// not apply the fix of a bullet of the list, which then keeps its
	// marker (set by a planner of the run's fixes only).
	unapplied []bool
	// outside is, indexed like the file's Lists, whether the run does not
	// lint the file (Site.ChecksFile), whose list then keeps its marker
	// (set by a planner that reads suppressions, unless every is set).
	outside []bool
	// files are the files pasted with the file where its kept lists are
	// checked (Site.RewriteFiles), the file among them.
	files []*lint.Page
}

// markerPlanner works out the markerPlans of a site's files for a style.
type markerPlanner struct {
	site  *lint.Site
	style string
	want  byte
	// rule, when set, is list-marker, whose suppressions keep lists out
	// of the rewrite; unset, the plans are those --fix would follow were
	// no bullet suppressed.
	rule *lint.Rule
	// run, with rule, leaves out of the rewrite the lists whose fixes
	// the run does not apply (Site.FixApplies): the plans are those of
	// the run's --fix; unset, those of a --fix that applies every fix.
	run bool
	// every, with rule, keeps in the rewrite the lists of the files the
	// run does not lint (Site.ChecksFile), as a run that lints them too
	// rewrites them; unset, those lists keep their markers.
	every bool
}

// markerPlanKey is the key of a file's markerPlan at a round among the
// site's memos.
type markerPlanKey struct {
	style string
	want  byte
	sup   bool
	run   bool
	every bool
	path  string
	round int
}

// maxMarkerRounds bounds the rounds; past it the lists still kept are
// withheld as the last round's rewrite would change them or not.
const maxMarkerRounds = 16

// suppressedList reports whether an inline suppression of list-marker
// keeps a bullet of list l of file f.
func (m markerPlanner) suppressedList(f *lint.Page, l lint.List) bool {
	return m.rule != nil && slices.ContainsFunc(l.Items, func(it lint.ListItem) bool {
		return m.site.Suppressed(m.rule, f.Span(it.MarkerStart, it.MarkerEnd))
	})
}

// applied reports whether the run applies the fixes of every bullet of
// list l of file f (Site.FixApplies, asked of the findings list-marker
// reports there).
func (m markerPlanner) applied(f *lint.Page, l lint.List) bool {
	msg := fmt.Sprintf("bullet is written %q", string(l.Marker))
	return m.rule != nil && !slices.ContainsFunc(l.Items, func(it lint.ListItem) bool {
		return !m.site.FixApplies(lint.Diagnostic{Rule: m.rule, Span: f.Span(it.MarkerStart, it.MarkerEnd), Message: msg})
	})
}

// at returns file f's markerPlan at round r.
func (m markerPlanner) at(f *lint.Page, r int) *markerPlan {
	return m.site.Memo(markerPlanKey{m.style, m.want, m.rule != nil, m.run, m.every, f.Path, r}, func() any {
		if r == 0 {
			w := fileWant(m.style, m.want, f)
			pl := &markerPlan{keep: make([]bool, len(f.Lists)), changed: make([]*lint.RewriteChange, len(f.Lists)), suppressed: make([]bool, len(f.Lists)), unapplied: make([]bool, len(f.Lists)), outside: make([]bool, len(f.Lists))}
			seen := map[*lint.Page]bool{}
			linted := m.rule == nil || m.every || m.site.ChecksFile(m.rule, f.Path)
			for i, l := range f.Lists {
				if l.Ordered || w == 0 || l.Marker == w || len(l.Items) == 0 {
					continue
				}
				if pasted, gap, looseness := joinsNeighbours(m.site, f, l, w); pasted != nil || gap || looseness != "" || thematicItem(f, l) >= 0 {
					continue
				}
				if !linted {
					pl.outside[i] = true
					continue
				}
				if m.suppressedList(f, l) {
					pl.suppressed[i] = true
					continue
				}
				if m.run && !m.applied(f, l) {
					pl.unapplied[i] = true
					continue
				}
				pl.keep[i] = true
				for _, g := range m.site.RewriteFiles(f, l) {
					if !seen[g] {
						seen[g] = true
						pl.files = append(pl.files, g)
					}
				}
			}
			slices.SortFunc(pl.files, func(a, b *lint.Page) int { return strings.Compare(a.Path, b.Path) })
			return pl
		}
		prev := m.at(f, r-1)
		if r >= 2 && !m.moved(prev.files, r-1) {
			// The rewrite of round r-1 is that of round r-2 where f's
			// lists are checked: the verdicts stand.
			return prev
		}
		rw := m.rewrite(r - 1)
		pl := &markerPlan{keep: slices.Clone(prev.keep), changed: slices.Clone(prev.changed), suppressed: prev.suppressed, unapplied: prev.unapplied, outside: prev.outside, files: prev.files}
		for i, l := range f.Lists {
			if !prev.keep[i] {
				continue
			}
			if ch := m.site.RewriteChanges(f, l, rw); ch != nil {
				pl.keep[i], pl.changed[i] = false, ch
			}
		}
		return pl
	}).(*markerPlan)
}

// moved reports whether round r keeps other lists than round r-1 in any
// of files.
func (m markerPlanner) moved(files []*lint.Page, r int) bool {
	for _, g := range files {
		if !slices.Equal(m.at(g, r).keep, m.at(g, r-1).keep) {
			return true
		}
	}
	return false
}

// final returns file f's markerPlan at the first round at which no file
// pasted with it drops a list.
func (m markerPlanner) final(f *lint.Page) *markerPlan {
	r := 1
	for ; r < maxMarkerRounds; r++ {
		if !m.moved(m.at(f, r).files, r) {
			break
		}
	}
	return m.at(f, r)
}

// rewrite is the rewrite list-marker's fixes make in a file at round r
// (see markerPlan): the markers of the lists that round keeps, each
// written with the file's expected marker (fileWant).
func (m markerPlanner) rewrite(r int) lint.Rewrite {
	sup := ""
	if m.rule != nil {
		sup = " suppressions"
	}
	if m.run {
		sup += " run"
	}
	if m.every {
		sup += " every"
	}
	return lint.Rewrite{Key: fmt.Sprintf("list-marker %s %c #%d%s", m.style, max(m.want, ' '), r, sup), Edits: func(f *lint.Page) []lint.ByteEdit {
		w := fileWant(m.style, m.want, f)
		pl := m.at(f, r)
		var out []lint.ByteEdit
		for i, l := range f.Lists {
			if !pl.keep[i] {
				continue
			}
			for _, it := range l.Items {
				out = append(out, lint.ByteEdit{At: it.MarkerStart, B: w})
			}
		}
		return out
	}}
}

// keptBySuppression returns, when list li of file f has its fix
// withheld by plan (the final plan of planner m) only because
// suppressions keep other lists' markers, where: the first bullet of
// a suppressed list, the nearest to the list in its file, else the first
// in the other files pasted with it; ok is false when the list would be
// withheld with every list rewritten too.
func (m markerPlanner) keptBySuppression(f *lint.Page, li int, plan *markerPlan) (at lint.Span, ok bool) {
	at, ok = m.nearestKept(f, li, plan, func(p *markerPlan, i int) bool { return p.suppressed[i] })
	if !ok {
		return lint.Span{}, false
	}
	plain := markerPlanner{site: m.site, style: m.style, want: m.want}
	if plain.final(f).changed[li] != nil {
		return lint.Span{}, false
	}
	return at, true
}

// keptOutside returns, when list li of file f has its fix withheld by
// plan (the final plan of planner m) because the run does not lint a
// file whose list then keeps its marker (Site.ChecksFile), where: the
// first bullet of such a list, the nearest to the list in its file, else
// the first in the other files pasted with it; ok is false when there is
// none, or when the list would be withheld with those lists rewritten
// too.
func (m markerPlanner) keptOutside(f *lint.Page, li int, plan *markerPlan) (at lint.Span, ok bool) {
	at, ok = m.nearestKept(f, li, plan, func(p *markerPlan, i int) bool { return p.outside[i] })
	if !ok {
		return lint.Span{}, false
	}
	every := m
	every.every, every.run = true, false
	if every.final(f).changed[li] != nil {
		return lint.Span{}, false
	}
	return at, true
}

// keptByRun returns, when list li of file f, whose fix the run applies,
// has it withheld by plan (the final plan of m, a planner of the run's
// fixes) while a run that applies every fix would make it, where: the
// first bullet of a list whose fix the run does not apply, the nearest
// to the list in its file, else the first in the other files pasted
// with it; ok is false when there is none.
func (m markerPlanner) keptByRun(f *lint.Page, li int, plan *markerPlan) (at lint.Span, ok bool) {
	return m.nearestKept(f, li, plan, func(p *markerPlan, i int) bool { return p.unapplied[i] })
}

// nearestKept returns the first bullet of a list that kept tells round 0
// of m keeps out of the rewrite, among the files of plan (the final plan
// of list li's file f): the nearest to the list in f, else the first in
// the other files; ok is false when there is none.
func (m markerPlanner) nearestKept(f *lint.Page, li int, plan *markerPlan, kept func(p *markerPlan, i int) bool) (at lint.Span, ok bool) {
	l := f.Lists[li]
	var near, other *lint.Span
	best := 0
	for _, g := range plan.files {
		gp := m.at(g, 0)
		for i, s := range g.Lists {
			if !kept(gp, i) {
				continue
			}
			sp := g.Span(s.Items[0].MarkerStart, s.Items[0].MarkerEnd)
			if g != f {
				if other == nil {
					other = &sp
				}
				continue
			}
			d := max(s.Span.Start-l.Span.End, l.Span.Start-s.Span.End, 0) // 0: one holds the other
			if near == nil || d < best {
				near, best = &sp, d
			}
		}
	}
	found := cmp.Or(near, other)
	if found == nil {
		return lint.Span{}, false
	}
	return *found, true
}

// firstBulletList returns a file's first bullet list with items, which
// sets the marker of the consistent style; nil when it has none.
func firstBulletList(f *lint.Page) *lint.List {
	for i, l := range f.Lists {
		if !l.Ordered && len(l.Items) > 0 {
			return &f.Lists[i]
		}
	}
	return nil
}

// joiningPasted returns the bullet lists that include shortcodes put
// next to l (see Site.PastedListNeighbours) and that l, written with
// want, would join other than as one tight list of that marker: across a
// blank line (a loose list), or one l joins already and would leave;
// one for each side of each include that does (a list that is all of an
// included file may meet a list before the include and one after it), in
// the order the site finds them.
func joiningPasted(site *lint.Site, p *lint.Page, l lint.List, want byte) []lint.ListNeighbour {
	var out []lint.ListNeighbour
	type side struct {
		at    lint.Span
		after bool
	}
	seen := map[side]bool{}
	for _, n := range site.PastedListNeighbours(p, l) {
		if k := (side{n.At, n.After}); !n.Ordered && (n.Gap || n.Marker != want) && !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// thematicHow is what list-marker says to do with a list holding an item
// whose line, rewritten, could read as a thematic break: no marker but
// the list's own keeps such a line an item ("* --" is an item holding an
// en dash, "- --" a horizontal rule), so either the item's text changes
// (the rendering with it) or the list keeps its marker.
func thematicHow(item string) string {
	return "either write " + item + " text another way, or keep this list's marker and suppress its findings"
}

// becomesThematicBreak reports whether the line holding a bullet marker at
// off could read as a thematic break ("- - -", "* **") once its markers are
// rewritten: after any indentation and blockquote markers, the line
// holds only bullet characters, spaces and tabs, with at least three
// bullet characters. It is deliberately cautious: other markers on the
// same line (a nested list written "- * -") may be rewritten in the same
// round.
func becomesThematicBreak(src []byte, off int) bool {
	start := off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	for start < off && (src[start] == ' ' || src[start] == '\t' || src[start] == '>') {
		start++
	}
	n := 0
	for i := start; i < len(src) && src[i] != '\n' && src[i] != '\r'; i++ {
		switch src[i] {
		case '-', '*', '+':
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}
