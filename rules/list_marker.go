package rules

import (
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
	for _, l := range p.Lists {
		if l.Ordered || l.Marker == want {
			continue
		}
		pasted := joiningPasted(pass.Site, p, l, want)
		gap := l.PrevMarker != 0 && l.PrevGap || l.NextMarker != 0 && l.NextGap
		// A neighbour that is loose where this list is tight, or tight
		// where it is loose: joined, the tight one's items become
		// paragraphs.
		looseness := ""
		switch {
		case l.PrevMarker != 0 && l.PrevLoose != l.Loose:
			looseness = "before"
		case l.NextMarker != 0 && l.NextLoose != l.Loose:
			looseness = "after"
		}
		// The line that keeps this list apart from the neighbours it
		// would join, as a suggestion, and the message's word on it.
		var apart []lint.Fix
		how := ""
		if gap || looseness != "" {
			if apart = keepApart(p, l); apart != nil {
				how = apartHow(p, l)
			}
		}
		// An item whose line would read as a thematic break keeps its
		// marker, and the list with it: rewriting the others would split
		// the list there.
		brk := slices.IndexFunc(l.Items, func(it lint.ListItem) bool { return becomesThematicBreak(p.Src, it.MarkerStart) })
		var changed *lint.RewriteChange
		if pasted == nil && !gap && looseness == "" && brk < 0 {
			changed = pass.Site.RewriteChanges(p, l, markerRewrite(opts.Style, want))
		}
		withheld := changed != nil || pasted != nil || gap || looseness != "" || brk >= 0
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
				d.Related = slices.Clone(d.Related)
				for _, n := range pasted {
					note := "the include that puts the two lists side by side"
					if n.Marker == l.Marker {
						note = "the include that joins the two lists into one"
					}
					d.Related = append(d.Related, lint.Related{Span: n.At, Message: note})
				}
			case changed != nil && changed.Page != p.Path:
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q its items would read differently where %s pastes this file (see the related location)", string(want), changed.Page)
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: changed.At, Message: "the include that pastes this file there"})
			case changed != nil && len(p.Includes) == 0:
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q Hugo would read its items differently (joined to a list next to it, or at another depth)", string(want))
			case changed != nil:
				d.Message += fmt.Sprintf("; rewrite this list by hand: with %q its items would read differently once the includes of this page are pasted (see the related location)", string(want))
				d.Related = append(slices.Clone(d.Related), lint.Related{Span: changed.At, Message: "the include next to the list"})
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

// apartLine is the line that keeps two lists apart: an HTML comment,
// which Hugo does not show, is a block of its own between them, so the
// two stay two lists whatever their markers. careerlint reads no
// directive in it.
const apartLine = "<!-- -->"

// apartHow is what list-marker's message on a list that would join a
// list next to it says to do: put apartLine between them, lined up with
// their bullets when the lists are nested or quoted (a line at the left
// margin would end the list or quote around them).
func apartHow(p *lint.Page, l lint.List) string {
	how := "; to keep them two lists, put a line " + apartLine + " between them"
	if prefix, _ := bulletPrefix(p.Src, l.Items[0].MarkerStart); l.Depth > 0 || strings.Contains(prefix, ">") {
		how += ", lined up with their bullets"
	}
	return how
}

// keepApart returns the suggestion that puts apartLine between list l and
// each neighbour it would join other than as one tight list (across a
// blank line, or one loose and the other tight), which keeps the page's
// rendering and lets l take the expected marker; nil when such a
// neighbour's first line holds more than indentation and quote markers
// before its bullet. The line goes at the end of the line above the
// later list's first bullet, with the indentation and quote markers of
// that bullet's line, so that it is read in the lists' container.
func keepApart(p *lint.Page, l lint.List) []lint.Fix {
	var firsts []int // the first bullet of the later list of each pair
	if l.PrevMarker != 0 && (l.PrevGap || l.PrevLoose != l.Loose) {
		firsts = append(firsts, l.Items[0].MarkerStart)
	}
	if l.NextMarker != 0 && (l.NextGap || l.NextLoose != l.Loose) {
		next := nextSibling(p, l)
		if next == nil {
			return nil
		}
		firsts = append(firsts, next.Items[0].MarkerStart)
	}
	var edits []lint.Edit
	for _, at := range firsts {
		prefix, start := bulletPrefix(p.Src, at)
		if start == 0 || strings.Trim(prefix, " \t>") != "" {
			return nil
		}
		end := start - 1 // the line break of the line above
		if end > 0 && p.Src[end-1] == '\r' {
			end--
		}
		if emptyItemLine(p.Src[lineStartOf(p.Src, end):end]) {
			// goldmark reads a list indented under an empty item
			// ("-\n   * a") as a list of its own, but an indented line
			// as that item's text.
			return nil
		}
		edits = append(edits, lint.Edit{Span: p.Span(end, end), Text: "\n" + prefix + apartLine})
	}
	if len(edits) == 0 {
		return nil
	}
	return []lint.Fix{{Title: "put a line " + apartLine + " between the two lists, to keep them apart", Edits: edits}}
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

// emptyItemLine reports whether line starts an empty list item: it holds
// list markers (bullets, numbers with their "." or ")"), quote markers and
// white space only, and ends with a list marker.
func emptyItemLine(line []byte) bool {
	fields := strings.FieldsFunc(string(line), func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '>' })
	if len(fields) == 0 || strings.TrimRight(string(line), " \t\r") == "" || strings.HasSuffix(strings.TrimRight(string(line), " \t\r"), ">") {
		return false
	}
	for _, f := range fields {
		if f != "-" && f != "*" && f != "+" && !(len(f) > 1 && strings.Trim(f[:len(f)-1], "0123456789") == "" && (f[len(f)-1] == '.' || f[len(f)-1] == ')')) {
			return false
		}
	}
	return true
}

// nextSibling returns the list right after l in the same parent, which
// l.NextMarker describes: the first list that starts after l (nothing
// but blank lines lies between them); nil when that is no such list.
func nextSibling(p *lint.Page, l lint.List) *lint.List {
	var next *lint.List
	for i, m := range p.Lists {
		if len(m.Items) > 0 && m.Span.Start >= l.Span.End && (next == nil || m.Span.Start < next.Span.Start) {
			next = &p.Lists[i]
		}
	}
	if next == nil || next.Depth != l.Depth || next.Ordered != l.Ordered || next.Marker != l.NextMarker || next.PrevMarker != l.Marker {
		return nil
	}
	return next
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
	where, each := "the related location", "the include"
	if len(pasted) > 1 {
		where, each = "the related locations", "each include"
	}
	switch {
	case leave == 0:
		return fmt.Sprintf("; rewrite this list by hand: with %q it would join the list an include puts next to it (see %s), and the two would read as one; to keep them two lists, put a line %s between them, next to %s", string(want), where, apartLine, each)
	case join == 0:
		return fmt.Sprintf("; rewrite this list by hand: an include puts it next to a list in the same marker (see %s), and the two read as one list, which %q in this list alone would split; to keep them one list, rewrite the bullets of both together", where, string(want))
	}
	return fmt.Sprintf("; rewrite this list by hand: with %q it would join a list an include puts next to it and leave one that another include joins it to (see the related locations); where the two read as two lists, put a line %s between them, next to the include, and where they read as one, rewrite the bullets of both together", string(want), apartLine)
}

// markerRewrite is the rewrite list-marker's fixes make in a file: every
// bullet list's marker that is not the file's expected one, want, or,
// for the consistent style, the marker of the file's first bullet list.
func markerRewrite(style string, want byte) lint.Rewrite {
	return lint.Rewrite{Key: "list-marker " + style, Edits: func(f *lint.Page) []lint.ByteEdit {
		w := want
		if _, fixed := listMarkers[style]; !fixed {
			w = 0
			if first := firstBulletList(f); first != nil {
				w = first.Marker
			}
		}
		var out []lint.ByteEdit
		for _, l := range f.Lists {
			if l.Ordered || w == 0 || l.Marker == w {
				continue
			}
			for _, it := range l.Items {
				out = append(out, lint.ByteEdit{At: it.MarkerStart, B: w})
			}
		}
		return out
	}}
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
// one for each include that does, in the order the site finds them.
func joiningPasted(site *lint.Site, p *lint.Page, l lint.List, want byte) []lint.ListNeighbour {
	var out []lint.ListNeighbour
	for _, n := range site.PastedListNeighbours(p, l) {
		if !n.Ordered && (n.Gap || n.Marker != want) && !slices.ContainsFunc(out, func(o lint.ListNeighbour) bool { return o.At == n.At }) {
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
