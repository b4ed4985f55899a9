package rules

import (
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

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
	CheckPage: func(pass *lint.PagePass) { checkFileFormat(pass, false) },
}

// fileFormatForLinks is file-format as `careerlint links` runs it: only
// the problems that kept a page's links from being checked (unreadable,
// over the size limit, binary, nested too deep, not reached within the time
// budget), so that such a page is reported rather than passed. An empty
// page or one with invalid UTF-8 had its links checked. It shares
// file-format's ID, name, doc and configuration.
// It is made once, after All has attached the docs.
var fileFormatForLinks = sync.OnceValue(func() *lint.Rule {
	All()
	r := *FileFormat
	r.CheckPage = func(pass *lint.PagePass) { checkFileFormat(pass, true) }
	return &r
})

func checkFileFormat(pass *lint.PagePass, uncheckedOnly bool) {
	for _, pr := range pass.Page.Problems {
		switch pr.Kind {
		case lint.ProblemEmpty:
			if uncheckedOnly {
				continue
			}
			if pass.Included {
				pass.Reportf(pr.Start, pr.End, "included file is empty; remove the include or give the file content")
			} else {
				pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
			}
		case lint.ProblemInvalidUTF8:
			if !uncheckedOnly {
				pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
			}
		case lint.ProblemUnreadable, lint.ProblemTooLarge, lint.ProblemBinary, lint.ProblemTooDeep, lint.ProblemTooComplex, lint.ProblemNotChecked, lint.ProblemLoneCR:
			pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
		}
	}
}
