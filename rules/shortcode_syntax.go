package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

// ShortcodeSyntax reports shortcodes Hugo would print as literal text or
// fail the build on: malformed openers, mismatched delimiters, unclosed
// tags, paired shortcodes never closed, unquoted arguments holding a '/',
// ref or relref shortcodes with a wrong number of arguments, and includes
// of Markdown files written with {{< >}}.
var ShortcodeSyntax = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL002",
		Name:          "shortcode-syntax",
		Summary:       "shortcodes are well formed, so Hugo runs them rather than printing them as text or failing the build",
		Default:       lint.Error,
		Suggests:      true,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) {
		for _, pr := range pass.Page.ShortcodeProblems {
			d := lint.Diagnostic{Span: pass.Page.Span(pr.Start, pr.End), Message: pr.Message}
			if pr.Suggestion != "" {
				d.Suggestions = []lint.Fix{{Title: "write " + pr.Suggestion, Edits: []lint.Edit{{Span: d.Span, Text: pr.Suggestion}}}}
			}
			// "{{< include "x.md" %}}": the closer is right, the opener
			// is not (the check below reports a {{< >}} include of a
			// Markdown file).
			open := shortcode.Percent.Open()
			if i := slices.IndexFunc(pass.Page.Shortcodes, func(sc shortcode.Shortcode) bool {
				return sc.Malformed && sc.End == pr.End && sc.Start < pr.Start
			}); i >= 0 && string(pass.Page.Src[pr.Start:pr.End]) == shortcode.Percent.Close() && angleMarkdownInclude(pass, pass.Page.Shortcodes[i]) {
				sc := pass.Page.Shortcodes[i]
				d.Message = fmt.Sprintf("shortcode %q opened with %q but closed with %q; open it with %q, as an include of a Markdown file is read as Markdown only with {{%% %%}}", sc.Name, shortcode.Angle.Open(), shortcode.Percent.Close(), open)
				d.Suggestions = []lint.Fix{{Title: "write " + open, Edits: []lint.Edit{{Span: pass.Page.Span(sc.Start, sc.Start+len(open)), Text: open}}}}
			}
			pass.Report(d)
		}
		for _, sc := range pass.Page.Shortcodes {
			if sc.Closing || sc.Escaped || sc.Malformed || !slices.Contains(lint.RefShortcodes, sc.Name) {
				continue
			}
			// Hugo's ref takes a path and an optional output format, or
			// named arguments (checkTag reports a mix of both).
			if n := len(sc.Args); n == 0 || (n > 2 && sc.Args[0].Name == "") {
				pass.Reportf(sc.Start, sc.End, "%s shortcode has %d arguments, so Hugo fails the build (invalid number of arguments to %s); write {{< %s \"path\" >}}, with an output format as an optional second argument", sc.Name, n, sc.Name, sc.Name)
			}
		}
		for _, sc := range pass.Page.Shortcodes {
			if sc.Malformed || sc.Closing || sc.Escaped || !angleMarkdownInclude(pass, sc) {
				continue
			}
			tag := string(pass.Page.Src[sc.Start:sc.End])
			percent := shortcode.Percent.Open() + tag[3:len(tag)-3] + shortcode.Percent.Close()
			d := lint.Diagnostic{
				Span:    pass.Page.Span(sc.Start, sc.End),
				Message: "include of a Markdown file written with {{< >}}: Hugo pastes its output into the page after reading the page's Markdown, so the file is not read as Markdown with the page; write " + percent,
			}
			d.Suggestions = []lint.Fix{{Title: "write " + percent, Edits: []lint.Edit{
				{Span: pass.Page.Span(sc.Start, sc.Start+3), Text: shortcode.Percent.Open()},
				{Span: pass.Page.Span(sc.End-3, sc.End), Text: shortcode.Percent.Close()},
			}}}
			pass.Report(d)
		}
	},
}

// angleMarkdownInclude reports whether sc is an include shortcode (as the
// configuration names them) of a Markdown file, opened with {{<.
func angleMarkdownInclude(pass *lint.PagePass, sc shortcode.Shortcode) bool {
	return len(sc.Args) > 0 && markdownFile(sc.Args[0].Value) && slices.Contains(pass.Config.Shortcodes.Include, sc.Name) &&
		strings.HasPrefix(string(pass.Page.Src[sc.Start:sc.End]), shortcode.Angle.Open())
}

// markdownFile reports whether an include target names a Markdown file
// (.md or .markdown, in any case): an include of an HTML or text file
// written with {{< >}} pastes it as it is, as meant.
func markdownFile(target string) bool {
	switch strings.ToLower(path.Ext(target)) {
	case ".md", ".markdown":
		return true
	}
	return false
}
