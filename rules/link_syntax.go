package rules

import (
	"fmt"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LinkSyntax reports text written as a link that Hugo prints as text
// (lint.TextLink): a space between "]" and "(", a space in the
// destination, a reference to a label no definition gives, "[text]
// [label]" written with a space, and "[x](url)" at the start of a list
// item, which Hugo reads as a task-list checkbox.
var LinkSyntax = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL022",
		Name:          "link-syntax",
		Summary:       "text written as a link renders as one: no space before its \"(\" or \"[\" or in its destination, a defined reference, not a task-list box",
		Default:       lint.Warning,
		Suggests:      true,
		IncludedFiles: true,
	},
	CheckPage: checkLinkSyntax,
}

func checkLinkSyntax(pass *lint.PagePass) {
	p := pass.Page
	var labels []string // the reference labels that apply, read on need
	for i, t := range p.TextLinks {
		what, thing := "link", "a link"
		if t.Image {
			what, thing = "image", "an image"
		}
		d := lint.Diagnostic{Span: p.Span(t.Start, t.End)}
		switch t.Kind {
		case lint.SpacedLink:
			d.Message = fmt.Sprintf("%s between \"]\" and \"(\" makes %s text, not %s; remove it", gapName(t), quoteShort(t.Written), thing)
			d.Suggestions = joinSuggestion(p, t, "(")
		case lint.SpacedDest:
			if dest, title, ok := badTitle(t); ok {
				// "[a](/x/ "unclosed)", "[a](/x/ "t" more)": the space is
				// the title's, which is malformed; <...> would put the
				// title into the URL.
				d.Message = fmt.Sprintf("%s title %s after destination %q is not closed by its quote before \")\", so %s is text, not %s; write the title in matching quotes with nothing after it, or remove it", what, title, dest, quoteShort(t.Written), thing)
				break
			}
			angle := "<" + t.Dest + ">"
			if t.Title != "" {
				angle += " " + t.Title
			}
			d.Message = fmt.Sprintf("%s destination %q holds a space, so %s is text, not %s; write %%20 for each space, or write %s", what, t.Dest, quoteShort(t.Written), thing, angle)
		case lint.UndefinedRef:
			if t.Chained || t.AfterWord {
				continue // "[b][c]" of "[a][b][c]": the first tells; "a[i][j]": an index
			}
			// In "[a][b][c]" with c defined, "[b][c]" is the link and
			// "[a]" text that may be meant as such.
			if n, ok := chainedAfter(p.TextLinks, i); ok && definedAll(pass, normRefLabel(n.Label)) {
				continue
			}
			// "[[c]][d]" with c defined: the inner brackets are the link.
			if slices.ContainsFunc(lint.InnerRefs(p.TextLinks, i), func(n lint.TextLink) bool { return definedAll(pass, normRefLabel(n.Label)) }) {
				continue
			}
			label := normRefLabel(t.Label)
			where := "this page"
			if pass.Included {
				var related []lint.Related
				var defined bool
				labels, where, related, defined = includedLabels(pass, label)
				if defined {
					continue // defined on every page that renders the file
				}
				d.Related = related
			} else if labels == nil {
				labels = partLabels(pass.Site.RenderedParts(p))
			}
			if slices.Contains(labels, label) {
				continue // defined in a file the page includes
			}
			// A label wrapped over lines is shown on one, as it matches.
			shown := strings.Join(strings.Fields(t.Label), " ")
			d.Message = fmt.Sprintf("no link reference definition [%s]: ... on %s, so %s is text, not %s", shown, where, quoteShort(t.Written), thing)
			if c := lint.Closest(label, labels, 3); c != "" {
				d.Message += fmt.Sprintf("; did you mean [%s]", c)
				if t.LabelStart >= 0 {
					d.Suggestions = []lint.Fix{{Title: "write [" + c + "]", Edits: []lint.Edit{{Span: p.Span(t.LabelStart, t.LabelEnd), Text: c}}}}
				}
			} else {
				d.Message += "; define it below the text, as [" + shown + "]: /url/"
			}
		case lint.SpacedRef:
			label := strings.Join(strings.Fields(t.Label), " ")
			d.Message = fmt.Sprintf("%s between \"]\" and \"[\" leaves the text of %s as text, and makes [%s] a link of its own; remove it", gapName(t), quoteShort(t.Written), label)
			d.Suggestions = joinSuggestion(p, t, "[")
		case lint.TaskBoxLink:
			d.Message = fmt.Sprintf("%s starts a list item, where Hugo reads %s as a task-list box and prints %s after it, not a link; give the link a longer text", quoteShort(t.Written), t.Written[:3], quoteShort(t.Written[3:]))
		default:
			continue
		}
		pass.Report(d)
	}
}

// badTitle splits a SpacedDest link whose destination holds no space and
// is followed by a malformed title, one that opens with a quote but does
// not close just before ")" ("/x/ \"unclosed", "/x/ 't' more"): the
// destination, and the title as written.
func badTitle(t lint.TextLink) (dest, title string, ok bool) {
	if t.Title != "" {
		return "", "", false
	}
	i := strings.IndexAny(t.Dest, " \t")
	if i <= 0 {
		return "", "", false
	}
	rest := strings.TrimLeft(t.Dest[i:], " \t")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return "", "", false
	}
	return t.Dest[:i], rest, true
}

// gapName names the white space between a text link's "]" and the
// bracket after it (SpacedLink, SpacedRef).
func gapName(t lint.TextLink) string {
	if t.LineBreak {
		return "a line break"
	}
	return "a space"
}

// joinSuggestion removes the white space between a text link's "]" and
// the bracket after it, next.
func joinSuggestion(p *lint.Page, t lint.TextLink, next string) []lint.Fix {
	return []lint.Fix{{Title: fmt.Sprintf("join \"]\" and %q", next), Edits: []lint.Edit{{Span: p.Span(t.GapStart, t.GapEnd), Text: ""}}}}
}

// normRefLabel normalises a reference label as the page's labels are
// (Page.ReferenceLabels): case folded, inner white space collapsed.
func normRefLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// chainedAfter returns the reference whose text is the label of the
// reference links[i] ("[b][c]" after "[a][b]"), if any: links are in
// source order, so it is among those that start before that label.
func chainedAfter(links []lint.TextLink, i int) (lint.TextLink, bool) {
	t := links[i]
	if t.LabelStart < 0 {
		return lint.TextLink{}, false
	}
	for _, n := range links[i+1:] {
		if n.Start > t.LabelStart-1 {
			break
		}
		if n.Kind == lint.UndefinedRef && n.Chained && n.Start == t.LabelStart-1 {
			return n, true
		}
	}
	return lint.TextLink{}, false
}

// definedAll reports whether label is defined on every page that renders
// the file of the pass (the page itself, or the pages including it).
func definedAll(pass *lint.PagePass, label string) bool {
	if pass.Included {
		_, _, _, defined := includedLabels(pass, label)
		return defined
	}
	return slices.Contains(partLabels(pass.Site.RenderedParts(pass.Page)), label)
}

// includedLabels tells, for a reference with the label in an included
// file, whether every page that renders the file defines the label, and
// otherwise the labels a suggestion may use (those every such page
// defines, so that the link works on each; the file's own when no page
// renders it), where the reference is text, and a note at the include of
// each page that lacks the label.
func includedLabels(pass *lint.PagePass, label string) (labels []string, where string, related []lint.Related, defined bool) {
	rs := renderingsOf(pass)
	if len(rs) == 0 {
		return pass.Page.ReferenceLabels(), "this page", nil, false
	}
	var lacking []rendering
	for _, r := range rs {
		if !slices.Contains(r.labels, label) {
			lacking = append(lacking, r)
		}
	}
	if len(lacking) == 0 {
		return nil, "", nil, true
	}
	where = "this page"
	switch {
	case len(lacking) == len(rs):
	case len(lacking) == 1:
		where = fmt.Sprintf("%s, which includes this file", lacking[0].page.Path)
	default:
		where = fmt.Sprintf("%d of the pages that include this file", len(lacking))
	}
	for _, r := range lacking {
		related = append(related, lint.Related{Span: r.via, Message: "included here, where it is text"})
	}
	return commonLabels(rs), where, related, false
}

type renderingsKey struct{}

// rendering is a page that renders an included file: the include that
// pulls the file in, and the reference labels of the page's text.
type rendering struct {
	page   *lint.Page
	via    lint.Span
	labels []string
}

// renderingsOf returns the pages that render the included file a pass
// checks, in page order: Hugo reads each page with its includes pasted in
// place as one text, so a definition in the page serves a reference in a
// file it includes, and the other way round. Included files are checked
// once every page is known (a lean run sets the site's pages after
// checking them).
func renderingsOf(pass *lint.PagePass) []rendering {
	site := pass.Site
	byFile := site.Memo(renderingsKey{}, func() any {
		out := map[string][]rendering{}
		for _, pg := range site.Pages {
			parts := site.RenderedParts(pg)
			labels := partLabels(parts)
			seen := map[string]bool{}
			for _, part := range parts {
				if part.File != pg && !seen[part.File.Path] {
					seen[part.File.Path] = true
					out[part.File.Path] = append(out[part.File.Path], rendering{pg, part.Via, labels})
				}
			}
		}
		return out
	}).(map[string][]rendering)
	return byFile[pass.Page.Path]
}

// commonLabels returns the labels every rendering defines, sorted.
func commonLabels(rs []rendering) []string {
	var out []string
	for i, r := range rs {
		if i == 0 {
			out = slices.Clone(r.labels)
			continue
		}
		out = slices.DeleteFunc(out, func(l string) bool { return !slices.Contains(r.labels, l) })
	}
	return out
}

// partLabels returns the reference labels of a page's rendered parts, as
// Hugo reads them (RenderedPart.ReferenceLabels), sorted, each once.
func partLabels(parts []lint.RenderedPart) []string {
	var labels []string
	for _, part := range parts {
		labels = append(labels, part.ReferenceLabels()...)
	}
	slices.Sort(labels)
	return slices.Compact(labels)
}

// quoteShort quotes source text for a message, shortened past 60 bytes.
func quoteShort(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", " "), "\n", " ")
	if len(s) > 60 {
		cut := 57
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return fmt.Sprintf("%q", s)
}
