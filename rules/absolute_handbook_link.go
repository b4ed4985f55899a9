package rules

import (
	"fmt"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// AbsoluteHandbookLink reports links to the site written as absolute URLs.
var AbsoluteHandbookLink = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL014",
		Name:    "absolute-handbook-link",
		Summary: "links into the handbook are site-relative, not https://handbook.gitlab.com/... or the retired about.gitlab.com/handbook/",
		Default: lint.Warning,
		Fixable: true,
	},
	CheckPage: checkAbsoluteHandbookLink,
}

func checkAbsoluteHandbookLink(pass *lint.PagePass) {
	s := pass.Site
	for _, cl := range s.CheckedLinks(pass.Page) {
		reportAbsolute(pass, cl.PageLink, cl.Check)
	}
}

func reportAbsolute(pass *lint.PagePass, pl lint.PageLink, c lint.LinkCheck) {
	d := c.Dest
	l := pl.Link
	if l.Shortcode != "" || l.Dynamic {
		return
	}
	if d.SiteURL == "" {
		return
	}
	dest := strings.TrimSpace(l.Dest)
	rel := dest[d.SitePathStart:]
	if !strings.HasPrefix(rel, "/") {
		rel = "/" + rel // a host-only URL, maybe with ?query or #fragment
	}
	// A page's URL without its trailing slash is written with it, as
	// link-form would have it next ("/handbook/values#results" for the
	// values page is "/handbook/values/#results"): one fix, not two.
	slashAt := -1
	if end := lint.URLPathEnd(rel); end > 1 {
		// d.Path is empty for a path served by another project
		// (links.external-prefixes), whose URLs careerlint does not know.
		if want, why := pageForm(rel[:end]); why == "has no trailing slash" && d.Path != "" && pass.Site.ResolveURL(d.Path).File != "" && !strings.HasSuffix(d.Path, "/") {
			slashAt = d.SitePathStart + lint.URLPathEnd(dest[d.SitePathStart:])
			rel = want + rel[end:]
		}
	}
	retired := ""
	if strings.Contains(strings.ToLower(d.SiteURL), "about.gitlab.com") {
		retired = "retired "
	}
	msg := fmt.Sprintf("%shandbook URL %s is written absolute; write it site-relative: %s", retired, dest, rel)
	if c.Checked && !c.Found && pass.Config.Severity(LinkTarget) != lint.Off {
		// Site-relative, the link still reaches no page: the form alone
		// is not the fix (on the real contributor-success index, the
		// absolute links were made site-relative and stayed broken).
		msg += ", though that reaches no page either (link-target reports it)"
	}
	if strings.HasPrefix(rel, "//") {
		// Written site-relative, the path would name another host.
		msg = fmt.Sprintf("%shandbook URL %s is written absolute, with a path that starts with \"//\", which site-relative would name another host; write its path with one leading slash", retired, dest)
		if host, _, _ := strings.Cut(rel[2:], "/"); host != "" && !strings.ContainsAny(host[:1], "?#") {
			msg = fmt.Sprintf("%shandbook URL %s is written absolute, with a path that starts with \"//\", which site-relative would name the host %q; write its path with one leading slash", retired, dest, host)
		}
	}
	var fixes []lint.Fix
	if l.Exact && l.Dest == dest && absoluteFixSafe(pass.Site, pl, rel) {
		f := pl.File
		var e lint.Edit
		if l.Kind == lint.AutoLink {
			// A bare or <...> URL becomes a Markdown link, so that it stays one.
			e = lint.Edit{Span: l.Span, Text: fmt.Sprintf("[%s](%s)", rel, rel)}
		} else {
			e = lint.Edit{Span: f.Span(l.DestStart, l.DestStart+d.SitePathStart), Text: ""}
			if !strings.HasPrefix(dest[d.SitePathStart:], "/") {
				e.Text = "/"
			}
		}
		edits := []lint.Edit{e}
		if slashAt > d.SitePathStart && l.Kind != lint.AutoLink {
			edits = append(edits, lint.Edit{Span: f.Span(l.DestStart+slashAt, l.DestStart+slashAt), Text: "/"})
		}
		fixes = []lint.Fix{{Title: "write the link site-relative: " + rel, Edits: edits}}
	}
	linkFinding(pass, pl, lint.Diagnostic{Message: msg, Fixes: fixes})
}

// absoluteFixSafe reports whether rewriting the link to rel keeps its
// target and the page around it: not when rel would start "//" (a link to
// another host) or holds dot segments, even percent-encoded (the browser
// resolves them against the absolute URL's host), and, for an autolink or
// bare URL turned into a Markdown link [rel](rel), not when rel needs
// escaping there (brackets, parentheses, spaces, a backslash or an entity,
// which an autolink keeps literally) or holds what the link text would
// render as emphasis, code, strikethrough or typography (* _ ~ ` -- ...
// and quotes), nor when the URL follows a "!" (it would become an image)
// or a "]" (it would complete a reference link), or sits in another
// link's text or in a heading (where link text, unlike an autolink,
// becomes part of the heading's ID).
func absoluteFixSafe(site *lint.Site, pl lint.PageLink, rel string) bool {
	path := rel
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if strings.HasPrefix(rel, "//") || lint.HasDotSegments(path) {
		return false
	}
	l := pl.Link
	if l.Kind != lint.AutoLink {
		return true
	}
	if strings.ContainsAny(rel, "()[]<>\\& \t*_~`'\"") || strings.Contains(rel, "--") || strings.Contains(rel, "...") {
		return false
	}
	f := pl.File
	if src := site.Source(f.Path); l.Span.Start > 0 && l.Span.Start <= len(src) {
		if c := src[l.Span.Start-1]; c == '!' || c == ']' {
			return false
		}
	}
	for i := range f.Links {
		o := &f.Links[i]
		if o != l && o.Kind != lint.AutoLink && o.Span.Start <= l.Span.Start && l.Span.End <= o.Span.End {
			return false
		}
	}
	for _, h := range f.Headings {
		if h.Span.Start <= l.Span.Start && l.Span.Start < h.Span.End {
			return false
		}
	}
	return true
}
