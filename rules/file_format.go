package rules

import "gitlab.com/careerlint/careerlint/lint"

// FileFormat reports files careerlint (and Hugo) cannot treat as a
// Markdown page: unreadable, over the size limit, binary, not UTF-8, or
// empty.
var FileFormat = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL003",
		Name:          "file-format",
		Summary:       "a page is a readable, non-empty UTF-8 text file within the size limit",
		Default:       lint.Error,
		AllFiles:      true,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) {
		for _, pr := range pass.Page.Problems {
			switch pr.Kind {
			case lint.ProblemEmpty:
				if pass.Site.Page(pass.Page.Path) == nil {
					pass.Reportf(pr.Start, pr.End, "included file is empty; remove the include or give the file content")
				} else {
					pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
				}
			case lint.ProblemUnreadable, lint.ProblemTooLarge, lint.ProblemBinary, lint.ProblemInvalidUTF8, lint.ProblemTooDeep, lint.ProblemNotChecked:
				pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
			}
		}
	},
}
