package rules

import (
	"fmt"
	"path"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// linkFinding reports a finding about a rendered link at the link, naming
// the including page when the link is written in an included file. d holds
// the message, and any fixes, suggestions and related locations.
func linkFinding(pass *lint.PagePass, pl lint.PageLink, d lint.Diagnostic) {
	d.Span = pl.Link.Span
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

// rewritable reports whether a suggestion may edit a link's destination:
// the destination is in the source byte for byte (no escapes or entities,
// no fragment written after a ref shortcode), and the edit suits every
// page that renders the link. A link written in an included file is
// rendered on each page that includes it; a relative link there, or a
// fragment of the page itself, means something else on each.
func rewritable(pass *lint.PagePass, pl lint.PageLink, d lint.Dest) bool {
	l := pl.Link
	if !l.Exact || l.Dest != strings.TrimSpace(l.Dest) {
		return false
	}
	return pl.File == pass.Page || !d.Relative && d.Kind != lint.DestFragment
}

// destSuggestion is a suggestion that writes text over the bytes [from,
// to) of a link's destination as written; nil when rewritable says no.
func destSuggestion(pass *lint.PagePass, pl lint.PageLink, d lint.Dest, from, to int, text, title string) []lint.Fix {
	if !rewritable(pass, pl, d) || from < 0 || from > to || to > len(pl.Link.Dest) {
		return nil
	}
	l := pl.Link
	return []lint.Fix{{Title: title, Edits: []lint.Edit{{Span: pl.File.Span(l.DestStart+from, l.DestStart+to), Text: text}}}}
}
