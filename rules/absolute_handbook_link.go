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
		reportAbsolute(pass, cl.PageLink, cl.Check.Dest)
	}
}

func reportAbsolute(pass *lint.PagePass, pl lint.PageLink, d lint.Dest) {
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
	retired := ""
	if strings.Contains(strings.ToLower(d.SiteURL), "about.gitlab.com") {
		retired = "retired "
	}
	msg := fmt.Sprintf("%shandbook URL %s is written absolute; write it site-relative: %s", retired, dest, rel)
	var fixes []lint.Fix
	if l.Exact && l.Dest == dest {
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
		fixes = []lint.Fix{{Title: "write the link site-relative: " + rel, Edits: []lint.Edit{e}}}
	}
	linkFinding(pass, pl, msg, fixes)
}
