package rules

import (
	"fmt"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderSections reports a level page whose section outline drifts from
// the other levels of its track: a section most siblings have and it
// lacks, one it has and they lack, one written differently, one in
// another order, and a list of links to sections that it lacks or that
// lacks a link its siblings have.
var LadderSections = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL017",
		Name:     "ladder-sections",
		Summary:  "the levels of a track share one section outline and one list of links to sections",
		Default:  lint.Warning,
		Suggests: true,
	},
	CheckSite: func(pass *lint.SitePass) { reportFindings(pass, sectionFindingsOf(pass.Site)) },
}

// sectionsKey is the key of ladder-sections' findings among the site's
// memos: link-anchor asks them too, for the links a renamed heading mends.
type sectionsKey struct{}

// sectionFindingsOf returns ladder-sections' findings over the site's
// tracks, worked out on first use.
func sectionFindingsOf(site *lint.Site) []ladderFinding {
	return site.Memo(sectionsKey{}, func() any { return ladderSectionsFindings(ladderOf(site)) }).([]ladderFinding)
}

// headingMendOf returns how a link of a level page to one of its own
// sections, by its fragment frag, is mended when ladder-sections, run on
// the site, reports a heading written otherwise than the sibling levels
// write it, and renaming it as they do gives the anchor of the page's
// list of links that frag names; nil otherwise. Every link of the page
// with that fragment is mended by the rename: the one of the list, other
// uses of its reference definition (whose finding is the same one, and a
// did-you-mean there would bend both), and a link in the text, which a
// did-you-mean would bend to the heading the rename then takes away. The
// ladder model is built for the first such link only.
func headingMendOf(site *lint.Site, p *lint.Page, frag string) *headingMend {
	if frag == "" || !site.Checks(LadderSections) {
		return nil
	}
	if _, _, ok := pageLevel(site.Config, p.Path); !ok {
		return nil
	}
	for _, f := range sectionFindingsOf(site) {
		if f.Mend != nil && f.Diag.Span.File == p.Path && f.Mend.Fragment == frag {
			return f.Mend
		}
	}
	return nil
}

// reportFindings hands a ladder rule's findings to its pass.
// A run over part of a track (context levels read from the disk) reports
// what is placed on its own pages (an index page in the run that misses a
// level is fixed there), and otherwise only what concerns its own levels:
// nothing about a context level, nothing placed on one, and nothing about
// the track as a whole.
func reportFindings(pass *lint.SitePass, fs []ladderFinding) {
	m := ladderOf(pass.Site)
	for _, f := range fs {
		if m.reported(f) {
			pass.Report(f.Diag)
		}
	}
}

// reported reports whether reportFindings reports a finding: one on a
// linted page, or on another file but for a context level's and, for a
// track the run holds only some levels of, one about the track as a
// whole.
func (m *ladderModel) reported(f ladderFinding) bool {
	switch {
	case m.site.Page(f.Diag.Span.File) != nil:
		return true
	case m.context[f.Diag.Span.File]:
	case f.Level != nil && f.Level.Context:
	case f.Level == nil && f.Track != nil && f.Track.partial():
	default:
		return true
	}
	return false
}

// sectionPlace says where a section goes on a level page: before the next
// section present there, else after the previous one, and the span to
// report.
func (m *ladderModel) sectionPlace(li *levelInfo, c *consensus, key string, l *TrackLevel) (lint.Span, string) {
	has := map[string]*ladderSection{}
	for i := range li.sections {
		has[li.sections[i].Key] = &li.sections[i]
	}
	r := c.rank[key]
	for _, k := range c.order[r+1:] {
		if s := has[k]; s != nil {
			return s.H.Span, fmt.Sprintf("before %q", written(s.H))
		}
	}
	for i := r - 1; i >= 0; i-- {
		if s := has[c.order[i]]; s != nil {
			return s.H.Span, fmt.Sprintf("after %q", written(s.H))
		}
	}
	return levelHeading(l), "to the page"
}

// written is a heading as the page writes it, e.g. "## Credibility".
func written(h *lint.Heading) string {
	return strings.Repeat("#", h.Level) + " " + h.Written()
}

// fill writes an abstracted heading for a level: {level} is its name,
// {other} the name of the track's previous level.
func fill(display string, t *Track, l *TrackLevel) string {
	s := strings.ReplaceAll(display, levelPlaceholder, l.Title)
	if prev := t.previous(l); prev != nil {
		s = strings.ReplaceAll(s, otherPlaceholder, prev.Title)
	}
	return s
}

func ladderSectionsFindings(m *ladderModel) []ladderFinding {
	var out []ladderFinding
	for _, t := range m.tracks {
		if len(t.Levels) < 2 {
			continue
		}
		if ok, f := m.comparable(t); !ok {
			out = append(out, *f)
			continue
		}
		c := m.sectionConsensus(t)
		// rep returns the levels that have a key, and the first one's
		// section.
		rep := func(key string, except *TrackLevel) ([]*TrackLevel, *ladderSection, []lint.Span) {
			var ls []*TrackLevel
			var first *ladderSection
			var spans []lint.Span
			for _, o := range t.Levels {
				if o == except {
					continue
				}
				if s := m.info[o].section(key); s != nil {
					ls = append(ls, o)
					spans = append(spans, s.H.Span)
					if first == nil {
						first = s
					}
				}
			}
			return ls, first, spans
		}
		for _, l := range t.Levels {
			li := m.info[l]
			out = append(out, m.sectionDrift(t, l, li, c, rep)...)
			out = append(out, m.sectionOrder(t, l, li, c, rep)...)
		}
		out = append(out, m.levelHeadingDrift(t)...)
		out = append(out, m.tocDrift(t)...)
	}
	return out
}

// levelHeadingDrift reports a heading that stands for a template entry
// written with a wildcard ("## *{level}*", the level heading), which
// sectionDrift takes as one section whatever it says, when most levels of
// the track write it one way, level names aside, and a level writes it
// another ("## Support Staff Support Engineer" where the others have
// "## {level} Support Engineer"). The levels that name another level as
// their own there are left to level-name, which finds that. Extra levels
// (CSR.md), named for another role, neither count nor are reported.
func (m *ladderModel) levelHeadingDrift(t *Track) []ladderFinding {
	var keys []string
	for _, l := range t.Levels {
		for _, s := range m.info[l].sections {
			if s.Wildcard && !slices.Contains(keys, s.Key) {
				keys = append(keys, s.Key)
			}
		}
	}
	var out []ladderFinding
	for _, k := range keys {
		type form struct {
			levels []*TrackLevel
			first  *ladderSection
			spans  []lint.Span
		}
		forms := map[string]*form{}
		n := 0
		var major *form
		for _, l := range t.Levels {
			s := m.info[l].section(k)
			if s == nil || l.Rung < 0 {
				continue
			}
			n++
			f := forms[normalizeKey(s.Display)]
			if f == nil {
				f = &form{first: s}
				forms[normalizeKey(s.Display)] = f
			}
			f.levels = append(f.levels, l)
			f.spans = append(f.spans, s.H.Span)
		}
		for _, f := range forms {
			if 2*len(f.levels) > n {
				major = f
			}
		}
		if major == nil {
			continue // a tie, or no way most levels write it
		}
		for _, l := range t.Levels {
			s := m.info[l].section(k)
			if s == nil || l.Rung < 0 || s.Flagged || slices.Contains(major.levels, l) {
				continue
			}
			// The siblings write the form with their own level names: the
			// message quotes the form and, as an example, the heading of
			// the first sibling that names its own level there (one
			// naming another is level-name's), and the heading to write
			// is the form with this level's name.
			example := major.levels[0]
			for _, o := range major.levels {
				if written(m.info[o].section(k).H) == fill(major.first.Display, t, o) {
					example = o
					break
				}
			}
			want := fill(major.first.Display, t, l)
			d := lint.Diagnostic{Span: s.H.Span, Message: fmt.Sprintf("level heading %q differs from the other levels of this track (%s), which write %q (%s: %q); write %q", written(s.H), names(major.levels), major.first.Display, names([]*TrackLevel{example}), written(m.info[example].section(k).H), want),
				Related: relatedAt(major.spans, "the level heading on a sibling level"), Suggestions: m.renameSuggestion(l, s, major.levels, k, want)}
			out = append(out, ladderFinding{Track: t, Level: l, Section: k, Diag: d})
		}
	}
	return out
}

// renameSuggestion returns the suggestion that writes section s of level
// l, whose key k the sibling levels write otherwise, as want (see
// headingSuggestion), where the rename breaks nothing: none when a
// sibling gives its heading an explicit {#id} (want would not carry it,
// and the anchors would differ), when the heading names another level
// (level-name's fix rewrites that name, and moves the page's links with
// it), or, for a heading without an {#id} of its own, when a link of the
// run reaches its anchor, which the rename changes.
func (m *ladderModel) renameSuggestion(l *TrackLevel, s *ladderSection, siblings []*TrackLevel, k, want string) []lint.Fix {
	for _, o := range siblings {
		if os := m.info[o].section(k); os == nil || os.H.Explicit {
			return nil
		}
	}
	if strings.Contains(s.Display, otherPlaceholder) {
		return nil
	}
	if !s.H.Explicit {
		for _, a := range m.site.Anchors(l.Page) {
			if a.Heading == s.H && m.site.LinksAnchor(l.Page.Path, a.ID) {
				return nil
			}
		}
	}
	return headingSuggestion(m.site.Source(s.H.Span.File), s.H, want)
}

// headingSuggestion returns the suggestion that writes heading h of src as
// want (a heading, "## Staff Support Engineer", with no placeholder left): its text as written, up
// to a comment after it, is replaced by want's (an attribute list after
// the text, {#id}, stays, and the heading's anchor with it). It offers
// none for a setext heading, one whose level differs, or one whose text
// reads otherwise than its source (a line break in it).
func headingSuggestion(src []byte, h *lint.Heading, want string) []lint.Fix {
	marker := strings.Repeat("#", h.Level) + " "
	text, ok := strings.CutPrefix(want, marker)
	if !ok || strings.Contains(text, levelPlaceholder) || strings.Contains(text, otherPlaceholder) || h.Setext || src == nil || h.TextStart < 0 || h.TextEnd > len(src) || h.TextStart > h.TextEnd {
		return nil
	}
	written := string(src[h.TextStart:h.TextEnd])
	if i := strings.Index(written, "<!--"); i >= 0 {
		if i > 0 && written[i-1] == '\\' {
			return nil // an escaped "<!--", text the heading shows
		}
		written = written[:i]
	}
	written = strings.TrimRight(written, " \t")
	if strings.ContainsAny(written, "{\n\r") || strings.Join(strings.Fields(written), " ") != h.Written() || written == text {
		return nil
	}
	return []lint.Fix{{Title: fmt.Sprintf("write %q", want), Edits: []lint.Edit{{Span: lint.Span{File: h.Span.File, Start: h.TextStart, End: h.TextStart + len(written)}, Text: text}}}}
}

// sectionDrift reports the sections a level lacks or has against its
// siblings, pairing a lacking section with one written differently in its
// place.
func (m *ladderModel) sectionDrift(t *Track, l *TrackLevel, li *levelInfo, c *consensus, rep func(string, *TrackLevel) ([]*TrackLevel, *ladderSection, []lint.Span)) []ladderFinding {
	var out []ladderFinding
	index := map[string]int{}
	for i, s := range li.sections {
		index[s.Key] = i
	}
	var missing []string
	for _, k := range c.order {
		if _, ok := index[k]; ok || !c.normal(k) {
			continue
		}
		_, first, _ := rep(k, l)
		if first.Other && t.lowest(l) {
			continue // a section about the level below has no place on the lowest level
		}
		missing = append(missing, k)
	}
	paired := map[int]bool{}
	// slot returns the positions, on this page, between which a missing
	// key belongs: those of the nearest sections around it in the track's
	// order that most levels have, not of a rare one (the section written
	// differently, whose place is the one sought).
	slot := func(k string) (lo, hi int) {
		lo, hi = -1, len(li.sections)
		r := c.rank[k]
		for i := r - 1; i >= 0; i-- {
			if j, ok := index[c.order[i]]; ok && !c.rare(c.order[i]) {
				lo = j
				break
			}
		}
		for _, o := range c.order[r+1:] {
			if j, ok := index[o]; ok && !c.rare(o) {
				hi = j
				break
			}
		}
		return lo, hi
	}
	for _, k := range missing {
		have, first, spans := rep(k, l)
		lo, hi := slot(k)
		pair := -1
		for i, s := range li.sections {
			if paired[i] || !c.rare(s.Key) || s.H.Level != first.H.Level {
				continue
			}
			if s.Entry >= 0 && s.Entry == first.Entry || s.Entry < 0 && first.Entry < 0 && i > lo && i < hi {
				pair = i
				break
			}
		}
		if pair >= 0 {
			paired[pair] = true
			s := li.sections[pair]
			if s.Flagged {
				continue // required-sections reports it
			}
			d := lint.Diagnostic{Span: s.H.Span, Message: fmt.Sprintf("section %q is written %q on the other levels of this track (%s); write it the same way", written(s.H), fill(first.Display, t, l), names(have)),
				Related: relatedAt(spans, "the section on a sibling level"), Suggestions: m.renameSuggestion(l, &s, have, k, fill(first.Display, t, l))}
			var mend *headingMend
			if ln := m.linkAwaiting(t, l, li, have[0], first); ln != nil {
				// The page's list of links already names the section as
				// its siblings write it: renaming the heading mends that
				// link too, where link-anchor offers to bend the link to
				// the drifted heading.
				frag := strings.TrimPrefix(strings.TrimSpace(ln.Dest), "#")
				d.Message += fmt.Sprintf(", which also mends this page's link to #%s", frag)
				d.Related = append(d.Related, lint.Related{Span: ln.Span, Message: "the link to #" + frag + ", which no heading of this page has"})
				mend = &headingMend{Link: ln, Fragment: frag, Heading: s.H, As: fill(first.Display, t, l), Siblings: names(have)}
			}
			out = append(out, ladderFinding{Track: t, Level: l, Section: s.Key, Diag: d, Mend: mend})
			continue
		}
		if first.Required {
			continue // required-sections reports a missing template section
		}
		at, where := m.sectionPlace(li, c, k, l)
		d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("missing section %q, which the other levels of this track have (%s); add it %s", fill(first.Display, t, l), names(have), where),
			Related: relatedAt(spans, "the section on a sibling level"), Placed: true}
		out = append(out, ladderFinding{Track: t, Level: l, Section: k, Diag: d})
	}
	for i, s := range li.sections {
		if paired[i] || !c.rare(s.Key) || s.Required || s.Flagged {
			continue
		}
		var lack []*TrackLevel
		var spans []lint.Span
		for _, o := range t.Levels {
			if o != l && m.info[o].section(s.Key) == nil {
				lack = append(lack, o)
				spans = append(spans, levelHeading(o))
			}
		}
		d := lint.Diagnostic{Span: s.H.Span, Message: fmt.Sprintf("section %q is not on the other levels of this track (%s lack it); remove it, or add it to them", written(s.H), names(lack)),
			Related: relatedAt(spans, "a sibling level without the section")}
		out = append(out, ladderFinding{Track: t, Level: l, Section: s.Key, Diag: d})
	}
	return out
}

// linkAwaiting returns the link of a level's list of links to sections
// that names a section as its sibling o writes it and matches no anchor
// of the level's page: the link a heading written as o writes it (see
// fill) would mend. The link must name the level's own level where o's
// anchor names o's, and the level below where o's names another: a link
// copied from a sibling (#intermediate-guidance on senior.md) is not
// mended by the heading #senior-guidance. Nil when there is none.
func (m *ladderModel) linkAwaiting(t *Track, l *TrackLevel, li *levelInfo, o *TrackLevel, s *ladderSection) *lint.Link {
	if li.toc == nil {
		return nil
	}
	key := ""
	for _, a := range m.site.Anchors(o.Page) {
		if a.Heading == s.H && !a.Placeholder() {
			// Not a heading holding a {{< >}} shortcode: renamed as o
			// writes it, the heading gets an ID Hugo makes from a
			// placeholder, and mends no link.
			key = normalizeKey(m.abstract(a.ID, o.Key, "-"))
			break
		}
	}
	if key == "" {
		return nil
	}
	// The link's fragment with this level's name as {level} and the level
	// below's as {other}, which fill writes for them; other level names
	// stay as written and match nothing of the key.
	prev := ""
	if p := t.previous(l); p != nil {
		prev = p.Key
	}
	linkKey := func(frag string) string {
		return normalizeKey(m.abstractBy(frag, "-", func(key string) string {
			switch key {
			case l.Key:
				return levelPlaceholder
			case prev:
				return otherPlaceholder
			}
			return ""
		}))
	}
	// A link to the ID of a heading holding a {{< >}} shortcode, as
	// written, is no link awaiting a rename: link-anchor explains that ID.
	anchors := map[string]bool{}
	for _, a := range m.site.Anchors(l.Page) {
		anchors[a.ID] = true
	}
	for _, it := range li.toc.Items {
		frag := strings.TrimPrefix(strings.TrimSpace(it.Link.Dest), "#")
		if !anchors[frag] && linkKey(frag) == key {
			return it.Link
		}
	}
	return nil
}

// sectionOrder reports the sections of a level that its siblings write in
// another order. Template sections that required-sections checks are kept
// in place first, so that the section reported is the one that moved.
func (m *ladderModel) sectionOrder(t *Track, l *TrackLevel, li *levelInfo, c *consensus, rep func(string, *TrackLevel) ([]*TrackLevel, *ladderSection, []lint.Span)) []ladderFinding {
	var idx []int
	var seq []string
	for i, s := range li.sections {
		if c.normal(s.Key) && !s.Flagged {
			idx = append(idx, i)
			seq = append(seq, s.Key)
		}
	}
	keep := c.keptInOrder(seq, func(i int) int {
		if li.sections[idx[i]].Required {
			return len(seq) + 1
		}
		return 1
	})
	var out []ladderFinding
	for k, i := range idx {
		s := li.sections[i]
		if keep[k] || s.Required {
			continue
		}
		// The kept section that comes before it in the track's order.
		where := ""
		for j := len(seq) - 1; j >= 0; j-- {
			if keep[j] && c.rank[seq[j]] < c.rank[s.Key] {
				where = fmt.Sprintf("after %q", written(li.sections[idx[j]].H))
				break
			}
		}
		if where == "" {
			for j := range seq {
				if keep[j] && c.rank[seq[j]] > c.rank[s.Key] {
					where = fmt.Sprintf("before %q", written(li.sections[idx[j]].H))
					break
				}
			}
		}
		have, _, spans := rep(s.Key, l)
		d := lint.Diagnostic{Span: s.H.Span, Message: fmt.Sprintf("section %q is out of order; the other levels of this track (%s) have it %s", written(s.H), names(have), where),
			Related: relatedAt(spans, "the section on a sibling level")}
		out = append(out, ladderFinding{Track: t, Level: l, Section: s.Key, Diag: d})
	}
	return out
}

// tocDrift reports a level without the list of links to sections that
// most of its siblings have, and a list that lacks a link most lists have
// to a section the page has.
func (m *ladderModel) tocDrift(t *Track) []ladderFinding {
	var out []ladderFinding
	var with []*TrackLevel
	sectionVotes := map[string]int{}
	for _, l := range t.Levels {
		if toc := m.info[l].toc; toc != nil {
			with = append(with, l)
			sectionVotes[toc.Section]++
		}
	}
	if 2*len(with) > len(t.Levels) {
		// Where the lists are: the section most of them are in.
		where := ""
		for k, n := range sectionVotes {
			if n > sectionVotes[where] || n == sectionVotes[where] && k < where {
				where = k
			}
		}
		var spans []lint.Span
		for _, o := range with {
			spans = append(spans, m.info[o].toc.List.Span)
		}
		for _, l := range t.Levels {
			li := m.info[l]
			if li.toc != nil {
				continue
			}
			at, place := levelHeading(l), ""
			if s := li.section(where); s != nil {
				at, place = s.H.Span, fmt.Sprintf(" under %q", written(s.H))
			}
			d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("no list of links to the sections, which the other levels of this track have (%s); add one%s", names(with), place),
				Related: relatedAt(trimSpans(spans), "the list on a sibling level"), Placed: true}
			out = append(out, ladderFinding{Track: t, Level: l, Section: li.sectionAt(at.Start), Diag: d})
		}
	}
	if len(with) < 2 {
		return out
	}
	var seqs [][]string
	for _, l := range with {
		var seq []string
		for _, it := range m.info[l].toc.Items {
			seq = append(seq, it.Key)
		}
		seqs = append(seqs, seq)
	}
	c := newConsensus(seqs)
	for _, l := range with {
		li := m.info[l]
		have := map[string]bool{}
		for _, it := range li.toc.Items {
			have[it.Key] = true
		}
		// The anchors a link reaches, as link-anchor checks them: not
		// the ID of a heading holding a {{< >}} shortcode as written
		// (asWritten), which Hugo does not give it.
		anchors, asWritten := map[string]bool{}, map[string]bool{}
		for _, a := range m.site.Anchors(l.Page) {
			if a.Placeholder() {
				asWritten[a.ID] = true
				continue
			}
			anchors[a.ID] = true
		}
		// A link of the list whose fragment is no anchor, and that
		// link-anchor suggests mending to one, is the link to that
		// section, misspelt: link-anchor reports it. To a heading's ID
		// as written, link-anchor explains the placeholder instead.
		mended := map[string]bool{}
		for _, it := range li.toc.Items {
			if m.cfg.Severity(LinkAnchor) == lint.Off {
				break
			}
			// The fragment as link-anchor reads it (percent-decoded), and
			// the anchor it suggests.
			if d := m.site.ClassifyDest(l.Page, *it.Link); d.HasFragment && !anchors[d.Fragment] && !asWritten[d.Fragment] {
				if sug := anchorMeant(m.site, l.Page.Path, d.Fragment).id; sug != "" {
					mended[sug] = true
				}
			}
		}
		for _, k := range c.order {
			if have[k] || !c.normal(k) {
				continue
			}
			frag := strings.ReplaceAll(k, levelPlaceholder, strings.ToLower(l.Key))
			if !anchors[frag] {
				// The section is missing too, which is reported on its
				// own, or its heading holds a {{< >}} shortcode and no
				// link reaches its ID as written.
				continue
			}
			if mended[frag] {
				continue // a link of the list is this one misspelt
			}
			var lister []*TrackLevel
			var spans []lint.Span
			text := ""
			depth := -1 // of the list holding the link on a sibling
			for _, o := range with {
				if o == l {
					continue
				}
				for _, it := range m.info[o].toc.Items {
					if it.Key == k {
						lister = append(lister, o)
						spans = append(spans, it.Link.Span)
						if text == "" {
							text = fill(m.abstract(it.Link.Text, "", textJoiners), t, l)
						}
						if i := deepestList(o.Page, it.Link.Span.Start); i >= 0 && it.Link.Span.File == o.Page.Path {
							switch d := o.Page.Lists[i].Depth; {
							case depth == -1:
								depth = d
							case depth != d:
								depth = -2 // the siblings nest it differently
							}
						}
					}
				}
			}
			at := l.Page.Span(li.toc.List.Items[0].MarkerStart, li.toc.List.Items[0].MarkerEnd)
			item := "[" + text + "](#" + frag + ")"
			// Beside a link of the list the siblings put it in: after a
			// section's link and the links nested under it, not among
			// them.
			next, after := tocPlace(li.toc, c, k, func(it *tocItem) bool {
				i := deepestList(l.Page, it.Link.Span.Start)
				return depth < 0 || i < 0 || it.Link.Span.File != l.Page.Path || l.Page.Lists[i].Depth == depth
			})
			suggest := depth != -2
			if next == nil {
				// None at that depth (a nested link whose list the level
				// lacks): the message still says where, among all the
				// links, but no item is written, at a depth it would guess.
				next, after = tocPlace(li.toc, c, k, func(*tocItem) bool { return true })
				suggest = false
			}
			where := ""
			switch {
			case next == nil:
			case after:
				where = " after the link to " + strings.TrimSpace(next.Link.Dest)
			default:
				where = " before the link to " + strings.TrimSpace(next.Link.Dest)
			}
			d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("the list of links to sections has no link to #%s, which the other levels of this track list (%s); add \"%s\"%s", frag, names(lister), item, where),
				Related: relatedAt(spans, "the link on a sibling level"), Placed: true}
			if suggest && next != nil && next.Link.Span.File == l.Page.Path {
				if e, ok := itemInsertion(l.Page, m.site.Source(l.Page.Path), next.Link.Span.Start, after, item); ok {
					d.Suggestions = []lint.Fix{{Title: "add the item " + item, Edits: []lint.Edit{e}}}
				}
			}
			out = append(out, ladderFinding{Track: t, Level: l, Section: li.toc.Section, Diag: d})
		}
	}
	return out
}

// tocPlace says where a missing link goes in a level's list of links to
// sections: after the link that comes before it in the track's order
// (after is true), else before the one after it (nil when the list has
// neither), among the links keep accepts.
func tocPlace(toc *tocInfo, c *consensus, key string, keep func(*tocItem) bool) (*tocItem, bool) {
	r := c.rank[key]
	var before, after *tocItem
	for i := range toc.Items {
		it := &toc.Items[i]
		rk, ok := c.rank[it.Key]
		if !ok || !keep(it) {
			continue
		}
		if rk < r && (before == nil || rk > c.rank[before.Key]) {
			before = it
		}
		if rk > r && (after == nil || rk < c.rank[after.Key]) {
			after = it
		}
	}
	if before != nil {
		return before, true
	}
	return after, false
}

// trimSpans keeps related locations short: at most four.
func trimSpans(s []lint.Span) []lint.Span { return s[:min(len(s), 4)] }

// levelsOf returns the levels of a track that satisfy f.
func levelsOf(t *Track, f func(*TrackLevel) bool) []*TrackLevel {
	return slices.DeleteFunc(slices.Clone(t.Levels), func(l *TrackLevel) bool { return !f(l) })
}
