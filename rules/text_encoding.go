package rules

import "gitlab.com/careerlint/careerlint/lint"

// TextEncoding reports a byte order mark and CRLF or mixed line endings.
var TextEncoding = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL004",
		Name:          "text-encoding",
		Summary:       "a page has no byte order mark and uses one kind of line ending, LF",
		Default:       lint.Info,
		Fixable:       true,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) {
		p := pass.Page
		for _, pr := range p.Problems {
			d := lint.Diagnostic{Span: p.Span(pr.Start, pr.End), Message: pr.Message}
			switch pr.Kind {
			case lint.ProblemBOM:
				d.Fixes = []lint.Fix{{Title: "remove the byte order mark", Edits: []lint.Edit{{Span: d.Span}}}}
			case lint.ProblemCRLF, lint.ProblemMixedEOL:
			default:
				continue
			}
			pass.Report(d)
		}
	},
}
