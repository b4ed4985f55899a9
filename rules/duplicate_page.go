package rules

import (
	"fmt"
	"path"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// DuplicatePage reports a page that another content file is the same page
// as, in Hugo's page tree: one of the two is never published, or which
// one is changes from build to build.
var DuplicatePage = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL023",
		Name:    "duplicate-page",
		Summary: "no other content file is the same page to Hugo (x.md beside X.md, x.en.md or a folder x/ with an index)",
		Default: lint.Warning,
	},
	CheckPage: checkDuplicatePage,
}

func checkDuplicatePage(pass *lint.PagePass) {
	p := pass.Page
	for _, o := range pass.Site.SamePages(p) {
		other := relTo(p.Path, o.File)
		var msg string
		switch {
		case o.Race:
			msg = fmt.Sprintf("this file and %s are one page to Hugo, which publishes one or the other from build to build (a duplicate content path); merge them into one file and delete the other", other)
		case o.Kept:
			msg = fmt.Sprintf("ignored by Hugo: %s is the same page, and Hugo keeps that one; merge this file into it and delete this one", other)
		default:
			msg = fmt.Sprintf("%s is the same page as this file, and Hugo ignores it; merge it into this file and delete it", other)
		}
		pass.Report(lint.Diagnostic{Span: p.Span(0, 0), Message: msg, Related: []lint.Related{{Span: lint.Span{File: o.File}, Message: "the same page"}}})
	}
}

// relTo names a root-relative file as seen from another's folder: its
// name in the same folder, else its path below that folder, else its
// root-relative path.
func relTo(from, file string) string {
	dir := path.Dir(from) + "/"
	if rest, ok := strings.CutPrefix(file, dir); ok {
		return rest
	}
	return file
}
