package rules

import (
	"fmt"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LinkForm reports handbook links written without their trailing slash or
// with a .html ending.
var LinkForm = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL015",
		Name:    "link-form",
		Summary: "handbook page links end with a slash, not without one or with .html",
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
		want, why := pageForm(dest[:end])
		if why == "" {
			continue
		}
		if why == "ends with .html" && s.ServedAsHTMLFile(d.Path) {
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
		} else if strings.HasSuffix(why, "index.html") {
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
// differs ("" when it does not: empty, or ending with a slash).
func pageForm(p string) (want, why string) {
	lower := strings.ToLower(p)
	switch {
	case p == "" || strings.HasSuffix(p, "/"):
		return p, ""
	case lower == "index.html":
		return "./", "ends with index.html" // the page itself, written relative
	case strings.HasSuffix(lower, "/index.html"):
		return p[:len(p)-len("index.html")], "ends with index.html"
	case lower == "index.htm":
		return "./", "ends with index.htm"
	case strings.HasSuffix(lower, "/index.htm"):
		return p[:len(p)-len("index.htm")], "ends with index.htm"
	case strings.HasSuffix(lower, ".html"):
		return p[:len(p)-len(".html")] + "/", "ends with .html"
	case strings.HasSuffix(lower, ".htm"):
		return p[:len(p)-len(".htm")] + "/", "ends with .htm"
	}
	return p + "/", "has no trailing slash"
}
