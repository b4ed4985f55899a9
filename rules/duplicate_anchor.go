package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/anchor"
	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

// DuplicateAnchor reports explicit anchors that repeat another anchor of
// the page, headings whose ID Hugo derives from a shortcode placeholder,
// and explicit ids that are no text ({id=12}), on which Hugo's build
// fails.
var DuplicateAnchor = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL016",
		Name:    "duplicate-anchor",
		Summary: "every anchor of a page is unique, stable, and text",
		Default: lint.Warning,
		// A stable ID for a heading holding a shortcode.
		Suggests: true,
	},
	CheckPage: checkDuplicateAnchor,
}

func checkDuplicateAnchor(pass *lint.PagePass) {
	s := pass.Site
	anchors := s.Anchors(pass.Page)
	first := map[string]lint.Anchor{}
	for _, a := range anchors {
		prev, dup := first[a.ID]
		if !dup {
			first[a.ID] = a
		}
		if a.Placeholder() {
			id := stableID(pass.Config.ParseOptions().IDType, a.Heading, anchors)
			d := lint.Diagnostic{
				Span:    a.Heading.Span,
				Message: fmt.Sprintf("heading %q holds a shortcode, so Hugo derives its ID from a placeholder that changes when shortcodes are added above it; give it an explicit ID, e.g. {#%s}", a.Heading.Written(), id),
			}
			if h := a.Heading; a.File == pass.Page.Path && !h.Setext && h.Span.End == h.TextEnd {
				// At the end of the heading's line: not before a closing
				// sequence or trailing spaces, nor in a setext heading.
				d.Suggestions = []lint.Fix{{Title: "give the heading the ID " + id, Edits: []lint.Edit{{Span: pass.Page.Span(h.TextEnd, h.TextEnd), Text: " {#" + id + "}"}}}}
			}
			report(pass, a, d)
		}
		if a.Heading != nil && a.Heading.IDNotText != "" {
			report(pass, a, lint.Diagnostic{Span: a.Heading.Span, Message: notTextIDMessage(s.Source(a.File), a.Heading)})
		}
		if !dup {
			continue
		}
		// Anchors() lists headings before raw HTML anchors: put the two in
		// document order when they are in the same file.
		earlier, later := prev, a
		if prev.File == a.File && anchorSpan(a).Start < anchorSpan(prev).Start {
			earlier, later = a, prev
			first[a.ID] = a
		}
		written := func(x lint.Anchor) bool { return x.HTML != nil || x.Heading != nil && x.Heading.Explicit }
		kind := func(x lint.Anchor) string {
			if x.HTML != nil && x.HTML.Footnote != "" {
				return "footnote anchor"
			}
			if x.HTML != nil {
				return "HTML anchor"
			}
			return "explicit ID"
		}
		var d lint.Diagnostic
		switch {
		case written(later):
			d = lint.Diagnostic{
				Span:    anchorSpan(later),
				Message: fmt.Sprintf("%s #%s repeats an anchor already on this page, so links to #%s reach only the first; rename one", kind(later), a.ID, a.ID),
				Related: []lint.Related{{Span: anchorSpan(earlier), Message: "#" + a.ID + " is first defined here"}},
			}
			report(pass, later, d)
		case written(earlier):
			d = lint.Diagnostic{
				Span:    anchorSpan(earlier),
				Message: fmt.Sprintf("%s #%s is also the ID Hugo gives the heading %q further down, so links to #%s never reach that heading; rename one", kind(earlier), a.ID, later.Heading.Written(), a.ID),
				Related: []lint.Related{{Span: anchorSpan(later), Message: "the heading whose ID is #" + a.ID}},
			}
			report(pass, earlier, d)
		}
	}
}

// stableID returns an ID to suggest for a heading holding a shortcode:
// its text without the shortcodes, slugged as Hugo slugs the site's
// headings (t), made unique among the page's anchors; "my-section" when
// no text is left.
func stableID(t anchor.IDType, h *lint.Heading, anchors []lint.Anchor) string {
	// The text around the shortcodes, as the shortcode lexer finds them.
	var b strings.Builder
	at := 0
	tags, _ := shortcode.Lex([]byte(h.Text), nil)
	for _, sc := range tags {
		b.WriteString(h.Text[at:sc.Start])
		b.WriteByte(' ')
		at = sc.End
	}
	b.WriteString(h.Text[at:])
	text := b.String()
	base := t.SlugPart(strings.Join(strings.Fields(text), " "))
	if strings.Trim(base, "-") == "" {
		base = "my-section"
	}
	taken := func(id string) bool {
		return slices.ContainsFunc(anchors, func(a lint.Anchor) bool { return a.ID == id })
	}
	id := base
	for n := 1; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// writtenID finds the unquoted value of an id attribute ("id=12").
var writtenID = regexp.MustCompile(`(?:^|[\s{])id\s*=\s*([^\s"'}]+)`)

// notTextIDMessage is duplicate-anchor's message on a heading whose id,
// written unquoted, goldmark reads as no text ({id=12}, a number): Hugo
// takes every id for text and fails to build the page. src is the source
// of the heading's file; the fix names the value as written when the
// heading's lines hold it.
func notTextIDMessage(src []byte, h *lint.Heading) string {
	msg := fmt.Sprintf("heading %q has an id that is %s, not text, so Hugo fails to build the page", h.Written(), h.IDNotText)
	if h.IDNotText != "a list" && h.Span.End <= len(src) {
		m := writtenID.FindAllSubmatch(src[h.Span.Start:h.Span.End], -1)
		if len(m) == 0 {
			// "## Title ##" reads its list from the next line that is
			// not blank, alone on it.
			if line := nextTextLine(src, h.Span.End); bytes.HasPrefix(line, []byte("{")) && bytes.HasSuffix(line, []byte("}")) {
				m = writtenID.FindAllSubmatch(line, -1)
			}
		}
		if len(m) > 0 {
			v := string(m[len(m)-1][1])
			return msg + fmt.Sprintf("; quote the value, id=%q, or write {#%s}", v, v)
		}
	}
	return msg + "; write the id as text, {#name} or id=\"name\""
}

// nextTextLine returns, trimmed, the first line after offset at (the end
// of a heading) that is not blank, nil when there is none.
func nextTextLine(src []byte, at int) []byte {
	rest := src[at:]
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return t
		}
		rest = after
	}
	return nil
}

func anchorSpan(a lint.Anchor) lint.Span {
	if a.Heading != nil {
		return a.Heading.Span
	}
	if a.HTML != nil {
		return a.HTML.Span
	}
	return lint.Span{File: a.File}
}

// report reports a finding at an anchor, noting the page when the anchor
// is written in an included file.
func report(pass *lint.PagePass, a lint.Anchor, d lint.Diagnostic) {
	if a.File != pass.Page.Path {
		d.Related = append(d.Related, lint.Related{Span: pass.Page.Span(0, 0), Message: "rendered on " + pass.Page.Path})
	}
	pass.Report(d)
}
