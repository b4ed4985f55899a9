package rules

import (
	"fmt"
	"path"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// linkFinding reports a finding about a rendered link at the link, naming
// the including page when the link is written in an included file.
func linkFinding(pass *lint.PagePass, pl lint.PageLink, msg string, fixes []lint.Fix, related ...lint.Related) {
	d := lint.Diagnostic{Span: pl.Link.Span, Message: msg, Fixes: fixes, Related: related}
	if pl.File != pass.Page {
		d.Related = append(d.Related, lint.Related{Span: pl.Via, Message: "included here, on " + pass.Page.Path})
	}
	pass.Report(d)
}

// describeTarget names a link's resolved target for messages: its URL and
// file.
func describeTarget(s *lint.Site, file string) string {
	if p := s.Target(file); p != nil {
		return fmt.Sprintf("%s (%s)", s.PageURL(p), path.Base(file))
	}
	return file
}

// shownDest is the destination as a reader sees it in messages.
func shownDest(l *lint.Link) string {
	if l.Shortcode != "" {
		return fmt.Sprintf("%s %q", l.Shortcode, l.Dest)
	}
	return strings.TrimSpace(l.Dest)
}
