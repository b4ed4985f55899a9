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
		if cl.Check.Checked && !cl.Check.Found && s.ResolveURL(pageForm(d.Path)).File == "" {
			continue // a missing page that the rewrite does not find either: link-target reports it
		}
		dest := strings.TrimSpace(l.Dest)
		end := lint.URLPathEnd(dest)
		p := dest[:end]
		if p == "" || strings.HasSuffix(p, "/") {
			continue
		}
		var want, why string
		lower := strings.ToLower(p)
		switch {
		case lower == "index.html":
			// The page itself, written relative.
			want, why = "./", "ends with index.html"
		case strings.HasSuffix(lower, "/index.html"):
			want, why = p[:len(p)-len("index.html")], "ends with index.html"
		case strings.HasSuffix(lower, ".html"):
			want, why = p[:len(p)-len(".html")]+"/", "ends with .html"
		case strings.HasSuffix(lower, ".htm"):
			want, why = p[:len(p)-len(".htm")]+"/", "ends with .htm"
		default:
			want, why = p+"/", "has no trailing slash"
		}
		full := want + dest[end:]
		msg := fmt.Sprintf("page link %s %s, which costs a redirect; write %s", dest, why, full)
		var fixes []lint.Fix
		if l.Exact && l.Dest == dest {
			fixes = []lint.Fix{{Title: "write " + full, Edits: []lint.Edit{{Span: pl.File.Span(l.DestStart, l.DestStart+end), Text: want}}}}
		}
		linkFinding(pass, pl, lint.Diagnostic{Message: msg, Fixes: fixes})
	}
}

// pageForm returns a site path as link-form writes it: ending with a
// slash, without .html, .htm or index.html.
func pageForm(p string) string {
	lower := strings.ToLower(p)
	switch {
	case strings.HasSuffix(lower, "/index.html"):
		return p[:len(p)-len("index.html")]
	case strings.HasSuffix(lower, ".html"):
		return p[:len(p)-len(".html")] + "/"
	case strings.HasSuffix(lower, ".htm"):
		return p[:len(p)-len(".htm")] + "/"
	case strings.HasSuffix(p, "/"):
		return p
	}
	return p + "/"
}
