package rules

import (
	"fmt"

	"gitlab.com/careerlint/careerlint/lint"
)

// The numbering styles of the ordered-list-style rule.
const (
	// OrderedStyleOne writes every item "1.", the handbook house style.
	OrderedStyleOne = "one"
	// OrderedStyleOrdered counts up from the list's first number.
	OrderedStyleOrdered = "ordered"
	// OrderedStyleOneOrOrdered decides per list from its first two items.
	OrderedStyleOneOrOrdered = "one_or_ordered"
)

// OrderedListStyleOptions configure the ordered-list-style rule.
type OrderedListStyleOptions struct {
	// Style is "one", "ordered" or "one_or_ordered".
	Style string `yaml:"style"`
	// Delimiter is the character written after the number, "." or ")".
	Delimiter string `yaml:"delimiter"`
}

// OrderedListStyle reports ordered list items whose number or delimiter
// does not follow the configured numbering style.
var OrderedListStyle = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL007",
		Name:          "ordered-list-style",
		Summary:       "ordered list items are numbered in the house style, every item written \"1.\"",
		Default:       lint.Warning,
		Fixable:       true,
		IncludedFiles: true,
	},
	NewOptions: func() any { return &OrderedListStyleOptions{Style: OrderedStyleOne, Delimiter: "."} },
	CheckPage:  checkOrderedListStyle,
}

func checkOrderedListStyle(pass *lint.PagePass) {
	p := pass.Page
	opts := pass.Options.(*OrderedListStyleOptions)
	delim := byte('.')
	if opts.Delimiter == ")" {
		delim = ')'
	}
	for _, l := range p.Lists {
		if !l.Ordered || len(l.Items) == 0 {
			continue
		}
		checkOrderedList(pass, l, opts.Style, delim)
	}
}

// checkOrderedList reports the items of one ordered list that are not
// numbered as the style expects.
func checkOrderedList(pass *lint.PagePass, l lint.List, style string, delim byte) {
	p := pass.Page
	start := l.Items[0].Number
	marker := func(n int) string { return fmt.Sprintf("%d%c", n, delim) }
	// joins: a list right next to this one has the wanted delimiter, so
	// changing this one's would merge the two.
	joins := l.PrevMarker == delim || l.NextMarker == delim
	// An ordered list an include puts next to this one joins it already
	// (the same delimiter) or would (the wanted one): changing this one's
	// delimiter alone would split or join them. Asked only when a
	// delimiter is to change.
	pastedDone := false
	joinsPasted := func() bool {
		if !pastedDone {
			pastedDone = true
			for _, n := range pass.Site.PastedListNeighbours(p, l) {
				joins = joins || n.Ordered
			}
		}
		return joins
	}
	// expect returns the number item i should have and why, for the
	// message.
	var expect func(i int) (int, string)
	switch style {
	case OrderedStyleOrdered:
		expect = func(i int) (int, string) {
			return start + i, fmt.Sprintf("the list counts up from %d, so this item is %q", start, marker(start+i))
		}
	case OrderedStyleOneOrOrdered:
		one, reason := decideOrderedStyle(l)
		expect = func(i int) (int, string) {
			if one {
				// Every item repeats the first number: a list that
				// starts at 3 keeps its start.
				return start, fmt.Sprintf("this list writes every item as %q (%s)", marker(start), reason)
			}
			return start + i, fmt.Sprintf("this list counts up from %d (%s), so this item is %q", start, reason, marker(start+i))
		}
	default:
		why := "the handbook writes every item as \"1.\""
		if delim != '.' {
			why = fmt.Sprintf("the configured style writes every item as %q", marker(1))
		}
		expect = func(int) (int, string) { return 1, why }
	}
	for i, it := range l.Items {
		want, why := expect(i)
		gotDelim := p.Src[it.MarkerEnd-1]
		if it.Number == want && gotDelim == delim {
			continue
		}
		written := string(p.Src[it.MarkerStart:it.MarkerEnd])
		d := lint.Diagnostic{Span: p.Span(it.MarkerStart, it.MarkerEnd)}
		switch {
		case i == 0 && it.Number != want:
			// Only the one style expects a start: the first number is
			// the one Hugo counts from, so changing it changes what
			// readers see and is left to a person. The delimiter alone
			// can be fixed safely.
			how := fmt.Sprintf("write %q, or if the list continues an earlier one, indent the block that splits them so Hugo keeps one list", marker(want))
			if gotDelim == delim {
				d.Message = fmt.Sprintf("ordered list starts at %d; %s", it.Number, how)
			} else {
				d.Message = fmt.Sprintf("ordered list item is written %q and starts the list at %d; %s", written, it.Number, how)
				d.Fixes = markerFix(p, it, marker(it.Number))
				if joinsPasted() {
					d.Fixes = nil
				}
			}
			pass.Report(d)
			continue
		case it.Number == want:
			d.Message = fmt.Sprintf("ordered list item is written %q; write %q (%s)", written, marker(want), delimiterReason(delim))
		case gotDelim != delim:
			d.Message = fmt.Sprintf("ordered list item is written %q; %s", written, why)
		default:
			d.Message = fmt.Sprintf("ordered list item is numbered %d; %s", it.Number, why)
		}
		d.Fixes = markerFix(p, it, marker(want))
		if gotDelim != delim && joinsPasted() {
			// The list next to it has that delimiter: the two would
			// become one list.
			d.Fixes = nil
			d.Message += fmt.Sprintf("; rewrite this list by hand: with %q it would join the list next to it into one, renumbering its items", string(delim))
		}
		pass.Report(d)
	}
}

// decideOrderedStyle decides one list's style for one_or_ordered: its
// first two items written alike mean "one" (every item written like the
// first), anything else "ordered". A list of one item is "ordered", which
// accepts any number. The reason is for the message.
func decideOrderedStyle(l lint.List) (one bool, reason string) {
	if len(l.Items) < 2 {
		return false, "it has one item"
	}
	a, b := l.Items[0].Number, l.Items[1].Number
	if a == b {
		return true, "its first two items are written alike"
	}
	return false, fmt.Sprintf("its first two items are %d and %d", a, b)
}

// delimiterReason says which delimiter is expected and why.
func delimiterReason(delim byte) string {
	if delim == '.' {
		return "the handbook ends list numbers with \".\""
	}
	return fmt.Sprintf("the configured delimiter is %q", string(delim))
}

// markerFix rewrites a list item's marker. A marker of another width
// moves the item's content column, so continuation lines indented for the
// old marker could fall out of the item (wider) or gain indentation
// (narrower, turning a paragraph into code): such items with more than
// one line get no fix.
func markerFix(p *lint.Page, it lint.ListItem, text string) []lint.Fix {
	old := string(p.Src[it.MarkerStart:it.MarkerEnd])
	if old == text {
		return nil
	}
	if len(text) != len(old) && multiLine(p.Src, it.Span.Start, it.Span.End) {
		return nil
	}
	return []lint.Fix{{
		Title: fmt.Sprintf("write %q", text),
		Edits: []lint.Edit{{Span: p.Span(it.MarkerStart, it.MarkerEnd), Text: text}},
	}}
}

// multiLine reports whether src[start:end] spans more than one line.
func multiLine(src []byte, start, end int) bool {
	for i := start; i < end && i < len(src); i++ {
		if src[i] == '\n' {
			return true
		}
	}
	return false
}
