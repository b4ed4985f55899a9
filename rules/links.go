package rules

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"gitlab.com/careerlint/careerlint/lint"
)

// linkFinding reports a finding about a rendered link at its destination
// (where the mistake and the fix are; the whole link when the destination
// cannot be located), with the include that renders it on the page when
// the link is written in an included file. A reference link's destination
// is in its definition, which every use of it shares: the finding is on
// the definition, with the use as a related location (findings of several
// uses become one). d holds the message, and any fixes, suggestions and
// related locations.
func linkFinding(pass *lint.PagePass, pl lint.PageLink, d lint.Diagnostic) {
	l := pl.Link
	d.Span = l.Span
	if l.DestStart >= 0 && l.DestEnd > l.DestStart {
		d.Span = pl.File.Span(l.DestStart, l.DestEnd)
		// A suppression written for the link (the line of its "[", a
		// reference's use) still applies.
		d.AlsoAt = []lint.Span{l.Span}
	}
	d.Related = append(d.Related, linkRelated(pass, pl)...)
	pass.Report(d)
}

// linkRelated returns the related locations linkFinding adds to a finding
// on a link: the link's use, where the finding is on a reference
// definition elsewhere, and the include that pulls the link's file in.
func linkRelated(pass *lint.PagePass, pl lint.PageLink) []lint.Related {
	l := pl.Link
	var out []lint.Related
	if l.DestStart >= 0 && l.DestEnd > l.DestStart && (l.Span.File != pl.File.Path || l.DestEnd <= l.Span.Start || l.DestStart >= l.Span.End) {
		out = append(out, lint.Related{Span: l.Span, Message: "used here"})
	}
	if pl.File != pass.Page {
		out = append(out, lint.Related{Span: pl.Via, Message: "included here"})
	}
	return out
}

// describeTarget names a link's resolved target for messages: its URL and
// file.
func describeTarget(s *lint.Site, file string) string {
	if p := s.Target(file); p != nil {
		return fmt.Sprintf("%s (%s)", s.PageURL(p), path.Base(file))
	}
	return file
}

// shownPath is a link's path or "#fragment" as messages show it: quoted,
// with its white space escaped, when white space begins or ends it (a
// no-break space pasted around a URL is part of it for the browser, and
// invisible in the message otherwise).
func shownPath(p string) string {
	if t := strings.TrimPrefix(p, "#"); t != strings.TrimFunc(t, unicode.IsSpace) {
		return strconv.Quote(p)
	}
	return p
}

// shownResolved is the path a relative link resolves to as messages show
// it: quoted, with its white space escaped, when it holds white space
// other than a plain space or a control character anywhere (a no-break
// space or a tab written before the path lands between the page's path
// and the link's, invisible otherwise).
func shownResolved(p string) string {
	if strings.ContainsFunc(p, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' || unicode.IsControl(r) }) {
		return strconv.Quote(p)
	}
	return p
}

// shownRelative is a relative link's destination as messages show it:
// an HTML href without the white space around it, which the browser
// strips, any other as shownPath shows it.
func shownRelative(l *lint.Link) string {
	if l.Kind == lint.HTMLLink {
		return strings.TrimSpace(l.Dest)
	}
	return shownPath(l.Dest)
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
// rendered on each page that includes it; a relative link there, a
// fragment of the page itself, or a ref that does not start at the
// content root (Hugo looks it up relative to the page first) means
// something else on each.
func rewritable(pass *lint.PagePass, pl lint.PageLink, d lint.Dest) bool {
	l := pl.Link
	if !l.Exact || l.Dest != strings.TrimSpace(l.Dest) {
		return false
	}
	if pl.File == pass.Page {
		return true
	}
	return !d.Relative && d.Kind != lint.DestFragment && (l.Shortcode == "" || strings.HasPrefix(l.Dest, "/"))
}

// destSuggestion is a suggestion that writes text, a decoded path or
// fragment, over the bytes [from, to) of a link's destination as written,
// titled title with the written text for its one %s; nil when rewritable
// says no, or when the text cannot be written there (destText).
func destSuggestion(pass *lint.PagePass, pl lint.PageLink, d lint.Dest, from, to int, text, title string) []lint.Fix {
	if !rewritable(pass, pl, d) || from < 0 || from > to || to > len(pl.Link.Dest) {
		return nil
	}
	l := pl.Link
	w, ok := destText(l, text, strings.IndexByte(l.Dest[:from], '#') >= 0)
	if !ok {
		return nil
	}
	return []lint.Fix{{Title: fmt.Sprintf(title, w), Edits: []lint.Edit{{Span: pl.File.Span(l.DestStart+from, l.DestStart+to), Text: w}}}}
}

// destText is text (a decoded site path, ref path or fragment) as it can
// be written inside a link's destination and read back as text: in a URL
// (a Markdown destination, bare or in <>, an autolink, an HTML attribute)
// the bytes that would end or change the destination are percent-encoded
// (a space, parentheses, quotes, < and >, a backslash or & that would
// start an escape or entity, % itself, and in a path # and ?), which the
// link check and browsers decode. A ref shortcode's argument is read as a
// URL too (% and, in a path, # and ? are encoded), but inside quotes that
// no escape may hold: text with a quote, backslash or line break gives
// false.
func destText(l *lint.Link, text string, fragment bool) (string, bool) {
	unsafe := "\"'()<>\\`&%"
	if l.Shortcode != "" {
		if strings.ContainsAny(text, "\"`\\\r\n") {
			return "", false
		}
		unsafe = "%"
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if l.Shortcode == "" && (c <= ' ' || c == 0x7f) || strings.IndexByte(unsafe, c) >= 0 || !fragment && (c == '#' || c == '?') {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
}
