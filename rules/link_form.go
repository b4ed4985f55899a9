package rules

import (
	"fmt"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LinkForm reports handbook links written without their trailing slash or
// with a .html ending, and links to an alias a page's front matter keeps.
var LinkForm = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL015",
		Name:    "link-form",
		Summary: "handbook page links name the page's URL, ending with a slash: not without one, with .html, or an alias that redirects",
		Default: lint.Info,
		Fixable: true,
	},
	CheckPage: checkLinkForm,
}

func checkLinkForm(pass *lint.PagePass) {
	s := pass.Site
	for _, cl := range s.CheckedLinks(pass.Page) {
		pl, l, d := cl.PageLink, cl.Link, cl.Check.Dest
		if l.Shortcode != "" || l.Dynamic || l.Kind == lint.AutoLink {
			continue
		}
		if d.Kind != lint.DestPage || d.SiteURL != "" {
			continue
		}
		dest := strings.TrimSpace(l.Dest)
		end := lint.URLPathEnd(dest)
		if cl.Check.Found {
			if _, own := s.AliasOf(d.Path); own != "" {
				// An old URL the page keeps as an alias: Hugo writes a
				// page there that redirects to the page's URL.
				full := own + dest[end:]
				var fixes []lint.Fix
				if l.Exact && l.Dest == dest {
					fixes = []lint.Fix{{Title: "write " + full, Edits: []lint.Edit{{Span: pl.File.Span(l.DestStart, l.DestStart+end), Text: own}}}}
				}
				linkFinding(pass, pl, lint.Diagnostic{Message: fmt.Sprintf("page link %s is an alias of the page at %s (its front matter's aliases), which costs a redirect; write %s", dest, own, full), Fixes: fixes})
				continue
			}
		}
		want, why := pageForm(dest[:end])
		if why == "" {
			continue
		}
		lowerWhy := strings.ToLower(why)
		if lowerWhy == "ends with .html" && s.ServedAsHTMLFile(d.Path) {
			continue // the page's URL is that file (url: /x.html): /x/ is no page
		}
		sitePath, _ := pageForm(d.Path)
		if cl.Check.Checked && !cl.Check.Found && s.ResolveURL(sitePath).File == "" {
			continue // a missing page that the rewrite does not find either: link-target reports it
		}
		if c := cl.Check; c.Found && c.Target != "" && s.ResolveURL(sitePath).File != c.Target {
			// The written form reaches another page than the rewrite
			// would: /x.html that a page's url or alias names, beside a
			// page at /x/ (Hugo writes both).
			continue
		}
		full := want + dest[end:]
		msg := fmt.Sprintf("page link %s %s, which costs a redirect; write %s", dest, why, full)
		if cl.Check.Checked && !cl.Check.Found {
			// Only the rewrite reaches the page (.htm): no redirect.
			msg = fmt.Sprintf("page link %s %s, which reaches no page (the handbook redirects no such link); write %s", dest, why, full)
		} else if strings.HasSuffix(lowerWhy, "index.html") {
			// Hugo writes that file: it is served, with no redirect.
			msg = fmt.Sprintf("page link %s %s, the file behind the page's URL, where the handbook's links name the URL; write %s", dest, why, full)
		}
		var fixes []lint.Fix
		if l.Exact && l.Dest == dest {
			fixes = []lint.Fix{{Title: "write " + full, Edits: []lint.Edit{{Span: pl.File.Span(l.DestStart, l.DestStart+end), Text: want}}}}
		}
		linkFinding(pass, pl, lint.Diagnostic{Message: msg, Fixes: fixes})
	}
}

// pageForm returns a page link's path as link-form writes it, ending
// with a slash, without .html, .htm or index.html, and why the written one
// differs ("" when it does not: empty, or ending with a slash), naming
// the ending as written (".HTML" stays upper-case).
func pageForm(p string) (want, why string) {
	lower := strings.ToLower(p)
	switch {
	case p == "" || strings.HasSuffix(p, "/"):
		return p, ""
	case lower == "index.html", lower == "index.htm":
		return "./", "ends with " + p // the page itself, written relative
	}
	for _, end := range []string{"/index.html", "/index.htm"} {
		if strings.HasSuffix(lower, end) {
			return p[:len(p)-len(end)+1], "ends with " + p[len(p)-len(end)+1:]
		}
	}
	for _, end := range []string{".html", ".htm"} {
		if strings.HasSuffix(lower, end) {
			return p[:len(p)-len(end)] + "/", "ends with " + p[len(p)-len(end):]
		}
	}
	return p + "/", "has no trailing slash"
}
