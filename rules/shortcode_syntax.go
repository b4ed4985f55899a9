package rules

import (
	"slices"

	"gitlab.com/careerlint/careerlint/lint"
)

// ShortcodeSyntax reports shortcodes Hugo would print as literal text or
// fail the build on: malformed openers, mismatched delimiters, unclosed
// tags, paired shortcodes never closed, unquoted arguments holding a '/',
// and ref or relref shortcodes with a wrong number of arguments.
var ShortcodeSyntax = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL002",
		Name:          "shortcode-syntax",
		Summary:       "shortcodes are well formed, so Hugo runs them rather than printing them as text or failing the build",
		Default:       lint.Error,
		Suggests:      true,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) {
		for _, pr := range pass.Page.ShortcodeProblems {
			d := lint.Diagnostic{Span: pass.Page.Span(pr.Start, pr.End), Message: pr.Message}
			if pr.Suggestion != "" {
				d.Suggestions = []lint.Fix{{Title: "write " + pr.Suggestion, Edits: []lint.Edit{{Span: d.Span, Text: pr.Suggestion}}}}
			}
			pass.Report(d)
		}
		for _, sc := range pass.Page.Shortcodes {
			if sc.Closing || sc.Escaped || sc.Malformed || !slices.Contains(lint.RefShortcodes, sc.Name) {
				continue
			}
			// Hugo's ref takes a path and an optional output format, or
			// named arguments (checkTag reports a mix of both).
			if n := len(sc.Args); n == 0 || (n > 2 && sc.Args[0].Name == "") {
				pass.Reportf(sc.Start, sc.End, "%s shortcode has %d arguments, so Hugo fails the build (invalid number of arguments to %s); write {{< %s \"path\" >}}, with an output format as an optional second argument", sc.Name, n, sc.Name, sc.Name)
			}
		}
	},
}
