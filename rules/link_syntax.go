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
	for _, t := range p.TextLinks {
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
			angle := "<" + t.Dest + ">"
			if t.Title != "" {
				angle += " " + t.Title
			}
			d.Message = fmt.Sprintf("%s destination %q holds a space, so %s is text, not %s; write %%20 for each space, or write %s", what, t.Dest, quoteShort(t.Written), thing, angle)
		case lint.UndefinedRef:
			if labels == nil {
				labels = renderedLabels(pass)
			}
			label := normRefLabel(t.Label)
			if slices.Contains(labels, label) {
				continue // defined in a file the page includes, or one that includes it
			}
			// A label wrapped over lines is shown on one, as it matches.
			shown := strings.Join(strings.Fields(t.Label), " ")
			d.Message = fmt.Sprintf("no link reference definition [%s]: ... on this page, so %s is text, not %s", shown, quoteShort(t.Written), thing)
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

type refLabelsKey struct{}

// renderedLabels returns the reference labels that apply to the text of
// the file a pass checks, sorted: Hugo reads a page with its includes
// pasted in place as one text, so a definition in the page serves a
// reference in a file it includes, and the other way round. A page takes
// the labels of the files it renders; an included file those of every
// page that renders it (a reference that one of them defines is not
// reported), or its own when no linted page does.
func renderedLabels(pass *lint.PagePass) []string {
	site, p := pass.Site, pass.Page
	if !pass.Included {
		return partLabels(site.RenderedParts(p))
	}
	// Included files are checked once every page is known (a lean run
	// sets the site's pages after checking them).
	byFile := site.Memo(refLabelsKey{}, func() any {
		out := map[string][]string{}
		for _, pg := range site.Pages {
			parts := site.RenderedParts(pg)
			labels := partLabels(parts)
			for _, part := range parts {
				out[part.File.Path] = append(out[part.File.Path], labels...)
			}
		}
		for f, l := range out {
			slices.Sort(l)
			out[f] = slices.Compact(l)
		}
		return out
	}).(map[string][]string)
	if l, ok := byFile[p.Path]; ok {
		return l
	}
	return p.ReferenceLabels()
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
