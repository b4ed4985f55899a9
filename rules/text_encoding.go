package rules

import (
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// TextEncoding reports a byte order mark, CRLF or mixed line endings, and
// carriage returns that end no line.
var TextEncoding = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL004",
		Name:          "text-encoding",
		Summary:       "a page has no byte order mark and uses one kind of line ending, LF, and no other carriage return",
		Default:       lint.Info,
		Fixable:       true,
		Suggests:      true,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) {
		p := pass.Page
		eol := "\n"
		for _, pr := range p.Problems {
			if pr.Kind == lint.ProblemCRLF {
				eol = "\r\n" // the file's own line ending, for a CR made one
			}
		}
		for _, pr := range p.Problems {
			d := lint.Diagnostic{Span: p.Span(pr.Start, pr.End), Message: pr.Message}
			switch pr.Kind {
			case lint.ProblemBOM:
				if pass.Included {
					// Hugo drops a page's, but an include pastes it.
					d.Message = "file starts with a UTF-8 byte order mark, which the include pastes into the page as text before the first line, so that line is no heading, list item or definition; remove it"
				}
				d.Fixes = []lint.Fix{{Title: "remove the byte order mark", Edits: []lint.Edit{{Span: d.Span}}}}
			case lint.ProblemCRLF, lint.ProblemMixedEOL:
			case lint.ProblemStrayCR, lint.ProblemStrayCRFrontMatter:
				inLine := pr.End < len(p.Src) && p.Src[pr.End] != '\r' && p.Src[pr.End] != '\n'
				breakFix := []lint.Fix{{Title: "replace the CR with a line break", Edits: []lint.Edit{{Span: d.Span, Text: strings.Repeat(eol, pr.End-pr.Start)}}}}
				switch {
				case pr.Kind == lint.ProblemStrayCRFrontMatter:
					// A line break was meant: YAML reads one there
					// already, TOML fails without one.
					d.Fixes = breakFix
				case inLine:
					// The author saw a line break there, Hugo renders
					// none; which one was meant is theirs to say.
					d.Suggestions = breakFix
				default:
					d.Fixes = []lint.Fix{{Title: "remove the CR", Edits: []lint.Edit{{Span: d.Span}}}}
				}
			default:
				continue
			}
			pass.Report(d)
		}
	},
}
