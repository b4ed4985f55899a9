package rules

import (
	"fmt"

	"gitlab.com/careerlint/careerlint/lint"
)

// DuplicateAnchor reports explicit anchors that repeat another anchor of
// the page, and headings whose ID Hugo derives from a shortcode
// placeholder.
var DuplicateAnchor = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL016",
		Name:    "duplicate-anchor",
		Summary: "every anchor of a page is unique and stable",
		Default: lint.Warning,
	},
	CheckPage: checkDuplicateAnchor,
}

func checkDuplicateAnchor(pass *lint.PagePass) {
	s := pass.Site
	anchors := s.Anchors(pass.Page)
	first := map[string]lint.Anchor{}
	for _, a := range anchors {
		prev, dup := first[a.ID]
		if !dup {
			first[a.ID] = a
		}
		if a.Heading != nil && a.Heading.Shortcode && !a.Heading.Explicit {
			d := lint.Diagnostic{
				Span:    a.Heading.Span,
				Message: fmt.Sprintf("heading %q holds a shortcode, so Hugo derives its ID from a placeholder that changes when shortcodes are added above it; give it an explicit ID, e.g. {#my-section}", a.Heading.Source),
			}
			report(pass, a, d)
		}
		if !dup || (a.Heading != nil && !a.Heading.Explicit) {
			continue
		}
		what := "explicit ID"
		if a.HTML != nil {
			what = "HTML anchor"
		}
		d := lint.Diagnostic{
			Span:    anchorSpan(a),
			Message: fmt.Sprintf("%s #%s repeats an anchor already on this page, so links to #%s reach only the first; rename one", what, a.ID, a.ID),
			Related: []lint.Related{{Span: anchorSpan(prev), Message: "#" + a.ID + " is first defined here"}},
		}
		report(pass, a, d)
	}
}

func anchorSpan(a lint.Anchor) lint.Span {
	if a.Heading != nil {
		return a.Heading.Span
	}
	if a.HTML != nil {
		return a.HTML.Span
	}
	return lint.Span{File: a.File}
}

// report reports a finding at an anchor, noting the page when the anchor
// is written in an included file.
func report(pass *lint.PagePass, a lint.Anchor, d lint.Diagnostic) {
	if a.File != pass.Page.Path {
		d.Related = append(d.Related, lint.Related{Span: pass.Page.Span(0, 0), Message: "rendered on " + pass.Page.Path})
	}
	pass.Report(d)
}
