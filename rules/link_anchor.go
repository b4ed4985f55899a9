package rules

import (
	"fmt"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LinkAnchor reports link fragments that name no anchor of their target.
var LinkAnchor = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL013",
		Name:     "link-anchor",
		Summary:  "link fragments name an anchor that exists on the target page",
		Default:  lint.Error,
		Suggests: true,
	},
}

// The check is set at init: it asks ladder-sections' findings (see
// inPageMend), which ask whether this rule is on, a cycle that Go's
// package variable initialisation does not allow.
func init() { LinkAnchor.CheckPage = checkLinkAnchor }

func checkLinkAnchor(pass *lint.PagePass) {
	s := pass.Site
	for _, cl := range s.CheckedLinks(pass.Page) {
		pl, c := cl.PageLink, cl.Check
		d := c.Dest
		if !c.Found || c.Target == "" || !d.HasFragment || d.Fragment == "" {
			continue
		}
		if offersAnchor(s, c.Target, d.Fragment) {
			continue
		}
		where := "on this page"
		switch {
		case d.Kind != lint.DestFragment && c.Target != pass.Page.Path:
			where = "on " + describeTarget(s, c.Target)
		case pl.File != pass.Page:
			// A link in an included file: "this page" would read as the
			// include itself. The pages that lack the anchor are each
			// noted where they include the file, in one finding.
			where = "on the page that includes this file"
		}
		msg := fmt.Sprintf("anchor %s is not %s", shownPath("#"+d.Fragment), where)
		var related []lint.Related
		var suggestions []lint.Fix
		var otherwise *lint.Otherwise
		if at, ok := s.OmittedHTMLAnchor(c.Target, d.Fragment); ok {
			// Written there, in raw HTML the site's Hugo leaves out.
			msg += fmt.Sprintf(": it is written in raw HTML, which the site's Hugo configuration leaves out (markup.goldmark.renderer.unsafe is not true); give a heading the ID {#%s} instead, or set unsafe: true", d.Fragment)
			related = append(related, lint.Related{Span: at, Message: "#" + d.Fragment + " is written here, in raw HTML Hugo leaves out"})
		} else if h, why := s.PlaceholderHeading(c.Target, d.Fragment); h != nil {
			// The ID of the heading's text as written, which Hugo does
			// not give it.
			msg += ": " + why
			related = append(related, lint.Related{Span: h.Span, Message: "the heading holding a shortcode"})
		} else if mend := inPageMend(pass, cl); mend != nil {
			// ladder-sections asks to rename the heading as the sibling
			// levels write it, which gives the link its anchor: bending
			// the link to the heading as written would keep the drift,
			// also where the change being linted made the drift. Where a
			// suppression drops that finding, the link gets its own
			// advice again.
			ownMsg, ownRelated, ownSuggestions := ownAdvice(pass, cl)
			otherwise = &lint.Otherwise{Rule: LadderSections, At: mend.Heading.Span, Message: msg + ownMsg, Related: ownRelated, Suggestions: ownSuggestions}
			msg += fmt.Sprintf(": the other levels of this track (%s) write the heading %q as %q, which gives this anchor; rename the heading, as ladder-sections asks", mend.Siblings, written(mend.Heading), mend.As)
			related = append(related, lint.Related{Span: mend.Heading.Span, Message: "the heading to rename"})
		} else {
			more, r, sug := ownAdvice(pass, cl)
			msg += more
			related, suggestions = append(related, r...), sug
		}
		if otherwise != nil {
			// linkFinding adds the same related locations to both forms.
			otherwise.Related = append(otherwise.Related, linkRelated(pass, pl)...)
		}
		linkFinding(pass, pl, lint.Diagnostic{Message: msg, Related: related, Suggestions: suggestions, Otherwise: otherwise})
	}
}

// ownAdvice returns link-anchor's own advice for a fragment that no anchor
// of its target has: in a run over a change that renames the heading,
// its new anchor (with the rewritten link as a suggestion), else the
// closest anchor (closestAnchor); what it adds to the message starts with
// its separator.
func ownAdvice(pass *lint.PagePass, cl lint.CheckedLink) (string, []lint.Related, []lint.Fix) {
	s, pl, c := pass.Site, cl.PageLink, cl.Check
	d := c.Dest
	id, h, ok := s.RenamedAnchor(c.Target, d.Fragment)
	if !ok {
		return closestAnchor(pass, cl)
	}
	// The change being linted renames the heading: its new anchor, not
	// the closest-spelled one.
	var suggestions []lint.Fix
	if i := strings.IndexByte(pl.Link.Dest, '#'); i >= 0 {
		suggestions = destSuggestion(pass, pl, d, i+1, len(pl.Link.Dest), id, "write #%s")
	}
	return fmt.Sprintf(": this change renames its heading to %q, whose anchor is #%s; link that", h.Written(), id), []lint.Related{{Span: h.Span, Message: "the renamed heading, #" + id}}, suggestions
}

// closestAnchor returns link-anchor's own advice for a fragment that no
// anchor of its target has: the closest anchor as a did-you-mean (with its
// heading, and the rewritten link as a suggestion), else the include that
// is not found and may be meant to give it; what it adds to the message
// starts with its separator.
func closestAnchor(pass *lint.PagePass, cl lint.CheckedLink) (string, []lint.Related, []lint.Fix) {
	s, pl, c := pass.Site, cl.PageLink, cl.Check
	d := c.Dest
	// Worked out once for each target and fragment: a page of thousands
	// of links to one missing anchor, or a navigation include pasted on
	// many pages, asks for it again and again. Thousands of fragments
	// of one target share the index of its anchors (SuggestTargetAnchor).
	adv := anchorMeant(s, c.Target, d.Fragment)
	if sug := adv.id; sug != "" {
		msg := fmt.Sprintf("; did you mean #%s%s", sug, accentNote(d.Fragment, sug))
		if h := adv.own; h != nil {
			msg = fmt.Sprintf("; did you mean #%s: the heading %q sets its own ID, and Hugo gives it no other", sug, h.Written())
		}
		var suggestions []lint.Fix
		var related []lint.Related
		if i := strings.IndexByte(pl.Link.Dest, '#'); i >= 0 {
			suggestions = destSuggestion(pass, pl, d, i+1, len(pl.Link.Dest), sug, "write #%s")
		}
		if h := adv.own; h != nil {
			related = append(related, lint.Related{Span: h.Span, Message: "#" + sug + " is this heading"})
		} else if t := s.Target(c.Target); t != nil {
			for _, a := range s.Anchors(t) {
				if a.ID == sug && a.Heading != nil {
					related = append(related, lint.Related{Span: a.Heading.Span, Message: "#" + sug + " is this heading"})
					break
				}
			}
		}
		return msg, related, suggestions
	}
	if at, target, ok := s.MissingInclude(s.Target(c.Target)); ok {
		// No anchor is close: it may be one the missing file would
		// give, and the mend the include (include-target reports it).
		return fmt.Sprintf(", whose include %q is not found and may be meant to give it", target), []lint.Related{{Span: at, Message: "include " + target + " is not found"}}, nil
	}
	if d.Kind == lint.DestFragment || c.Target == pass.Page.Path {
		// A fragment of the page itself: its author has its headings
		// before them (and a file several pages include links as many
		// pages' headings, which one finding tells of).
		return "", nil, nil
	}
	return s.Memo(anchorListKey{c.Target}, func() any { return anchorsToLink(s, c.Target) }).(string), nil, nil
}

// anchorListKey is the key of anchorsToLink's answer for a target among
// the site's memos.
type anchorListKey struct{ target string }

// maxListedAnchors is how many anchors anchorsToLink names.
const maxListedAnchors = 6

// anchorsToLink is what the message of a fragment of another page that no
// anchor of that page is close to adds: the anchors of the target's top
// headings, the first few in page order, to link one of,
// or that it has none, so that the fragment goes.
func anchorsToLink(s *lint.Site, target string) string {
	t := s.Target(target)
	if t == nil {
		return ""
	}
	anchors := s.Anchors(t)
	// The top headings: those of the shallowest level that has several,
	// or of the shallowest; a lone "# Title" above other headings is the
	// page's title, not its outline.
	var count [7]int
	for _, a := range anchors {
		if a.Heading != nil && !a.Placeholder() && a.Heading.Level >= 1 && a.Heading.Level <= 6 {
			count[a.Heading.Level]++
		}
	}
	if count[1] == 1 && slices.ContainsFunc(count[2:], func(n int) bool { return n > 0 }) {
		count[1] = 0
	}
	top := 7
	for l := 6; l >= 1; l-- {
		if count[l] > 0 && (top == 7 || count[top] < 2 || count[l] >= 2) {
			top = l
		}
	}
	var ids []string
	what := "top headings' anchors"
	for _, a := range anchors {
		if a.Heading != nil && a.Heading.Level == top && !a.Placeholder() {
			ids = append(ids, "#"+a.ID)
		}
	}
	if len(ids) == 0 {
		// No heading gives one: the anchors raw HTML writes.
		what = "anchors"
		for _, a := range anchors {
			if a.HTML != nil {
				ids = append(ids, "#"+a.ID)
			}
		}
	}
	switch {
	case len(ids) == 0 && len(t.Headings) == 0 && len(anchors) == 0:
		return "; the page has no anchor: drop the fragment"
	case len(ids) == 0:
		// Headings whose ID a shortcode makes (unknown here, or unstable).
		return "; link one of its anchors, or drop the fragment"
	case len(ids) > maxListedAnchors:
		return fmt.Sprintf("; its %s are %s and %d more: link the one meant, or drop the fragment", what, strings.Join(ids[:maxListedAnchors], ", "), len(ids)-maxListedAnchors)
	case len(ids) == 1 && what == "anchors":
		return fmt.Sprintf("; its only anchor is %s: link it, or drop the fragment", ids[0])
	case len(ids) == 1:
		return fmt.Sprintf("; its top heading's anchor is %s: link it, or drop the fragment", ids[0])
	}
	return fmt.Sprintf("; its %s are %s and %s: link the one meant, or drop the fragment", what, strings.Join(ids[:len(ids)-1], ", "), ids[len(ids)-1])
}

// anchorSuggestionKey is the key of closestAnchor's did-you-mean for a
// fragment of a target among the site's memos.
type anchorSuggestionKey struct{ target, fragment string }

// anchorAdvice is closestAnchor's did-you-mean: the anchor meant, "" for
// none, and the heading it is the explicit ID of when the fragment is the
// ID that heading's text would give it.
type anchorAdvice struct {
	id  string
	own *lint.Heading
}

// anchorMeant returns the anchor of a target that a fragment it lacks
// means, as link-anchor suggests it (and ladder-sections takes a list's
// link to it for that section's): the explicit ID of the heading whose
// text the fragment is the ID of (Site.ExplicitIDOf), else the closest
// anchor (SuggestTargetAnchor). Worked out once for each target and
// fragment.
func anchorMeant(s *lint.Site, target, frag string) anchorAdvice {
	return s.Memo(anchorSuggestionKey{target, frag}, func() any {
		if a, ok := s.ExplicitIDOf(target, frag); ok {
			return anchorAdvice{id: a.ID, own: a.Heading}
		}
		return anchorAdvice{id: s.SuggestTargetAnchor(target, frag)}
	}).(anchorAdvice)
}

// inPageMend returns, for a link of a level page to one of its own
// sections (not one of an included file), the heading rename that
// ladder-sections asks for and that gives the link its anchor; nil when
// there is none.
func inPageMend(pass *lint.PagePass, cl lint.CheckedLink) *headingMend {
	if cl.File != pass.Page || cl.Check.Target != pass.Page.Path {
		return nil
	}
	return headingMendOf(pass.Site, pass.Page, cl.Check.Dest.Fragment)
}

// offersAnchor reports whether the page in a content file offers a
// fragment: one of its anchors, or one a heading pattern may make, or
// #top (a browser scrolls to the top for it in any case, HTML's indicated
// part). A page whose anchors cannot be known, or no page (""), is not
// held against it.
func offersAnchor(s *lint.Site, file, frag string) bool {
	if frag == "" || file == "" || strings.EqualFold(frag, "top") {
		return true
	}
	ids, _, ok := s.TargetAnchors(file)
	return !ok || ids[frag] || s.MatchesHeadingPattern(s.Target(file), frag)
}
