package rules

import "gitlab.com/careerlint/careerlint/lint"

// ShortcodeSyntax reports shortcodes Hugo would print as literal text:
// malformed openers, mismatched delimiters, unclosed tags and paired
// shortcodes never closed.
var ShortcodeSyntax = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL002",
		Name:          "shortcode-syntax",
		Summary:       "shortcodes are well formed, so Hugo runs them instead of printing them as text",
		Default:       lint.Error,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) {
		for _, pr := range pass.Page.ShortcodeProblems {
			pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
		}
	},
}
