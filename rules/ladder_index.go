package rules

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderIndex reports a track's index page that does not link one of the
// track's level pages (pointing at the plain-text mention of the level when
// there is one), that links a level page the track does not have, and a
// track that no index page lists at all.
var LadderIndex = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL019",
		Name:     "ladder-index",
		Summary:  "a track's index page links every level page of the track, in ladder order, and none that does not exist",
		Default:  lint.Warning,
		Suggests: true,
	},
	CheckSite: func(pass *lint.SitePass) { reportFindings(pass, ladderIndexFindings(ladderOf(pass.Site))) },
}

// siblingsIndex returns, for a track without an index, the index page of
// a parent folder that lists the levels of the tracks beside it (in the
// same folder; the nearest such index, when they take theirs from
// several), those tracks in folder order, and its first link to one of
// their levels; nil when no track beside it takes its index from a parent
// folder.
func (m *ladderModel) siblingsIndex(t *Track) (*lint.Page, []*Track, lint.Span) {
	var idx *lint.Page
	var sibs []*Track
	for _, o := range m.tracks {
		if o == t || o.Index == nil || o.OwnIndex || path.Dir(o.Dir) != path.Dir(t.Dir) {
			continue
		}
		dir := path.Dir(o.Index.Path)
		if !strings.HasPrefix(t.Dir, dir+"/") {
			continue
		}
		switch {
		case idx == nil || len(dir) > len(path.Dir(idx.Path)):
			idx, sibs = o.Index, []*Track{o}
		case o.Index == idx:
			sibs = append(sibs, o)
		}
	}
	if idx == nil {
		return nil, nil, lint.Span{}
	}
	slices.SortFunc(sibs, func(a, b *Track) int { return strings.Compare(a.Dir, b.Dir) })
	for _, cl := range m.renderedLinks(idx) {
		if lv := m.byPage[m.linkedFile(cl)]; lv != nil && slices.Contains(sibs, m.trackOf[lv]) {
			return idx, sibs, cl.Link.Span
		}
	}
	return idx, sibs, idx.Span(0, 0)
}

// levelRef names a level page in a message about an index: "senior.md", or
// "backend/senior.md" when the index is a parent folder's.
func levelRef(t *Track, l *TrackLevel) string {
	if t.OwnIndex {
		return l.Name()
	}
	return trackName(t) + l.Name()
}

// trackURL returns the URL folder of a track's level pages
// ("/handbook/x/track").
func (m *ladderModel) trackURL(t *Track) string {
	return strings.TrimSuffix(path.Dir(strings.TrimSuffix(m.site.PageURL(t.Levels[0].Page), "/")), "/")
}

func ladderIndexFindings(m *ladderModel) []ladderFinding {
	var out []ladderFinding
	for _, t := range m.tracks {
		if t.IndexProblem != "" {
			continue // the folder's index could not be read: file-format or front-matter says why
		}
		if t.Index == nil {
			l := t.Levels[0]
			at := levelHeading(l)
			label, fix := trackName(t), ""
			var related []lint.Related
			if idx, sibs, link := m.siblingsIndex(t); idx != nil {
				// Tracks beside it are listed by a parent folder's index:
				// that is where the handbook lists this one's levels too.
				dirs := []string{t.Dir}
				for _, o := range sibs {
					dirs = append(dirs, o.Dir)
				}
				labels := trackLabels(dirs...)
				label = labels[0]
				fix = fmt.Sprintf("link them from %s, as it links the levels of %s, or ", path.Base(path.Dir(idx.Path))+"/"+path.Base(idx.Path), joinAnd(labels[1:]))
				related = []lint.Related{{Span: link, Message: "the index of the tracks beside this one"}}
			}
			d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("no index page lists the levels of track %s: the folder has no _index.md and no parent folder's _index.md links its levels (%s); %sadd %s with a link to each level", label, names(t.all(m.cfg)), fix, path.Base(t.Dir)+"/_index.md"), Related: related}
			// About the whole track: not shown by a run over part of it,
			// but a suppression written for it on the first level is used.
			d.Withheld = t.partial()
			out = append(out, ladderFinding{Track: t, Level: l, Section: m.info[l].sectionAt(at.Start), Diag: d})
			continue
		}
		out = append(out, m.indexLinks(t)...)
	}
	return out
}

// indexLinks checks the links of a track's index page against its levels.
func (m *ladderModel) indexLinks(t *Track) []ladderFinding {
	var out []ladderFinding
	idx := t.Index
	turl := m.trackURL(t)
	links := m.renderedLinks(idx)
	// folder holds, per level key, the first link to a level page of the
	// track's folder, also to one that is not among the pages of the run.
	type levelLink struct {
		cl   lint.CheckedLink
		key  string
		name string // the level page's file name
		rung int    // -1 for an extra level
	}
	folder := map[string]levelLink{}
	// own holds, per level key, every link of the index itself to the
	// level, in the order written: where a suggestion adds a level.
	own := map[string][]lint.CheckedLink{}
	// listed holds the index's own links to the track's ladder levels, in
	// the order written: those that could not be read or are ignored
	// (Track.Unread) too, whose place in a list is as much the index's
	// as any level's.
	var listed []listedLevel
	rung := map[string]int{}
	for i, l := range m.cfg.Ladder {
		rung[strings.ToLower(l)] = i
	}
	for _, cl := range links {
		f := m.linkedFile(cl)
		if to := m.movedInto(cl.Check, t); to != "" {
			f = to
		}
		if f == "" && cl.Check.Dest.Kind == lint.DestPage && !cl.Check.Found {
			// A broken link in this track's URL folder to a level page of
			// the run: link-target reports the URL.
			if dir, base := path.Split(strings.TrimSuffix(cl.Check.Dest.Path, "/")); strings.TrimSuffix(dir, "/") == turl {
				if lv := t.Level(strings.ToLower(strings.TrimSuffix(base, ".html"))); lv != nil {
					f = lv.Page.Path
				}
			}
		}
		if key, _, ok := pageLevel(m.cfg, f); ok && levelDir(f) == t.Dir {
			if r, inLadder := rung[key]; inLadder && cl.File == idx && t.anyLevel(key) != nil {
				listed = append(listed, listedLevel{cl: cl, key: key, rung: r})
			}
			if cl.File == idx {
				own[key] = append(own[key], cl)
			}
			if _, seen := folder[key]; !seen {
				r, inLadder := rung[key]
				if !inLadder {
					r = -1
				}
				folder[key] = levelLink{cl: cl, key: key, name: strings.TrimPrefix(f, t.Dir+"/"), rung: r}
			}
			continue
		}
		// A link in the index itself to a level this track lacks.
		if cl.File == idx && cl.Check.Dest.Kind == lint.DestPage && !cl.Check.Found && f == "" {
			dir, base := path.Split(strings.TrimSuffix(cl.Check.Dest.Path, "/"))
			key := strings.ToLower(strings.TrimSuffix(base, ".html"))
			if strings.TrimSuffix(dir, "/") == turl && isLevel(m.cfg, key) && t.Level(key) == nil {
				msg := fmt.Sprintf("links level %q at %s, but track %s has no %s.md; remove the link, or add the page", key, cl.Link.Dest, trackName(t), key)
				if f, link := m.site.SymlinkAt(cl.Check.Dest.Path); f == link && f != "" {
					msg = fmt.Sprintf("links level %q at %s, but track %s's %s is a symlink, for which Hugo publishes no page; replace the symlink with a copy of the file", key, cl.Link.Dest, trackName(t), path.Base(f))
				} else if f != "" {
					msg = fmt.Sprintf("links level %q at %s, but track %s's %s is in %s, a symlink, for which Hugo publishes no page; replace the symlink with a copy of the folder", key, cl.Link.Dest, trackName(t), strings.TrimPrefix(f, path.Dir(path.Dir(f))+"/"), link)
				} else if f := m.site.FolderAt(cl.Check.Dest.Path); f != "" {
					msg = fmt.Sprintf("links level %q at %s, but track %s's %s is a folder, not a page; %s", key, cl.Link.Dest, trackName(t), strings.TrimPrefix(f, t.Dir+"/"), lint.FolderNotPage)
				} else if f, what := m.site.SpecialFileAt(cl.Check.Dest.Path); f != "" {
					msg = fmt.Sprintf("links level %q at %s, but track %s's %s is %s, %s", key, cl.Link.Dest, trackName(t), strings.TrimPrefix(f, t.Dir+"/"), what, lint.SpecialNotPage)
				}
				if mv, ok := m.site.MovedFrom(cl.Check.Dest.Path); ok {
					// link-target names the page's new URL for the same
					// link; the ladder loses the level all the same.
					msg = movedLevelMessage(m.cfg, t, key, cl.Link.Dest, mv.To)
				}
				d := lint.Diagnostic{Span: cl.Link.Span, Message: msg}
				out = append(out, ladderFinding{Track: t, Diag: d})
			}
		}
	}
	out = append(out, m.listOrder(t, listed)...)
	if len(folder) == 0 {
		at := idx.Span(0, 0)
		if len(idx.Headings) > 0 {
			at = idx.Headings[0].Span
		}
		d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("index page links none of the levels of track %s (%s); add a link to each, such as \"[%s](%s)\"", trackName(t), names(t.all(m.cfg)), m.linkText(t.Levels[0]), m.site.PageURL(t.Levels[0].Page))}
		return append(out, ladderFinding{Track: t, Diag: d})
	}
	ref := func(name string) string {
		if t.OwnIndex {
			return name
		}
		return trackName(t) + name
	}
	var mentions map[string][2]int
	for _, l := range t.Levels {
		if _, ok := folder[l.Key]; ok {
			continue
		}
		if mentions == nil {
			mentions = m.plainMentions(idx)
		}
		url := m.site.PageURL(l.Page)
		rel := []lint.Related{{Span: levelHeading(l), Message: "the level page"}}
		if at, ok := mentions[l.Key]; ok {
			// The name as the index writes it is the link's text.
			named := string(m.site.Source(idx.Path)[at[0]:at[1]])
			link := "[" + named + "](" + url + ")"
			d := lint.Diagnostic{Span: idx.Span(at[0], at[1]), Message: fmt.Sprintf("level %s is named without a link while %s exists; link it: \"%s\"", named, levelRef(t, l), link), Related: rel}
			if src := m.site.Source(idx.Path); linkable(lint.ParsePage(idx.Path, src, m.cfg.ParseOptions()), src, at[0], at[1]) {
				d.Suggestions = []lint.Fix{{Title: "write " + link, Edits: []lint.Edit{{Span: d.Span, Text: link}}}}
			}
			out = append(out, ladderFinding{Track: t, Level: l, Diag: d})
			continue
		}
		// Where the link goes: after the link to the nearest level below
		// it, else before the link to the nearest level above it; an extra
		// level after the highest level linked.
		var below, above *levelLink
		for _, ll := range folder {
			switch {
			case ll.rung < 0:
			case l.Rung < 0 || ll.rung < l.Rung:
				if below == nil || ll.rung > below.rung {
					below = &ll
				}
			case above == nil || ll.rung < above.rung:
				above = &ll
			}
		}
		var at lint.Span
		var next levelLink
		where, after := "", true
		switch {
		case below != nil:
			next, where = *below, " after the link to "+ref(below.name)
		case above != nil:
			next, where, after = *above, " before the link to "+ref(above.name), false
		default:
			for _, ll := range folder {
				if where == "" || ll.name < where {
					next, where = ll, ll.name
				}
			}
			where = " beside the link to " + ref(where)
		}
		at = linkSpan(idx, next.cl)
		text := m.linkText(l)
		item := "[" + text + "](" + url + ")"
		e, ok, side := m.levelItem(idx, own[next.key], listed, after, item)
		if side != after && (below != nil || above != nil) {
			// A list from the highest level down: the other side.
			if side {
				where = " after the link to " + ref(next.name)
			} else {
				where = " before the link to " + ref(next.name)
			}
		}
		d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("index page does not link %s (%s); add \"%s\"%s", levelRef(t, l), text, item, where), Related: rel, Placed: true}
		if ok {
			d.Suggestions = []lint.Fix{{Title: "add the item " + item, Edits: []lint.Edit{e}}}
		}
		out = append(out, ladderFinding{Track: t, Level: l, Diag: d})
	}
	return out
}

// levelItem returns the edit that adds a list item holding text to an
// index page beside one of links, the index's own links to the level the
// new one goes after (after) or before: the one in the list that links
// the most levels of the track (listed), the first on a tie, as an index
// may link a level from prose or from a short list above its list of
// levels. In a list that runs from the highest level down (most of its
// steps from one linked level to the next go down), the sides swap; side
// is the side taken. ok is false where no such link starts a list item.
func (m *ladderModel) levelItem(idx *lint.Page, links []lint.CheckedLink, listed []listedLevel, after bool, text string) (e lint.Edit, ok, side bool) {
	lists := make([]int, len(listed)) // the list each level link is in
	for i, ll := range listed {
		lists[i] = deepestList(idx, ll.cl.Link.Span.Start)
	}
	best, list, most := -1, -1, 0
	for i, cl := range links {
		l := deepestList(idx, cl.Link.Span.Start)
		if n := countOf(lists, l); l >= 0 && n > most {
			best, list, most = i, l, n
		}
	}
	if best < 0 {
		return lint.Edit{}, false, after
	}
	up, down, prev := 0, 0, -1
	for i, ll := range listed {
		if lists[i] != list {
			continue
		}
		switch {
		case prev < 0:
		case ll.rung > prev:
			up++
		case ll.rung < prev:
			down++
		}
		prev = ll.rung
	}
	if down > up {
		after = !after
	}
	e, ok = itemInsertion(idx, m.site.Source(idx.Path), links[best].Link.Span.Start, after, text)
	return e, ok, after
}

// countOf returns how many times v is in s.
func countOf(s []int, v int) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// linkText returns the text of a link to a level page, as the index's
// links to the other levels are written: the level's name as the page's
// title writes it ("Customer Support Representative" for CSR.md titled
// "Support: Customer Support Representative", "Senior" for senior.md
// titled "Support: Senior Support Engineer"; the configured level-names
// of required-sections are names too), or, when the title names it not,
// the name the file name gives it ("CSR").
func (m *ladderModel) linkText(l *TrackLevel) string {
	if fm := l.Page.FrontMatter; fm != nil && fm.Root != nil {
		if title, ok := fm.Root.Get("title").String(); ok {
			for _, w := range m.levels.find(title, textJoiners, true) {
				if w.Key == l.Key {
					return w.Text(title)
				}
			}
		}
	}
	return l.Title
}

// listedLevel is a link of an index page to a ladder level of its track.
type listedLevel struct {
	cl   lint.CheckedLink
	key  string
	rung int
}

// listOrder reports a list of an index page whose items link the levels of
// the track neither from the lowest level up nor from the highest down
// (Staff listed between Associate and Intermediate), once per list, at the
// first link out of order. A level linked twice in one list counts at its
// first link; links outside lists (prose) are not compared.
func (m *ladderModel) listOrder(t *Track, listed []listedLevel) []ladderFinding {
	var out []ladderFinding
	idx := t.Index
	byList := map[int][]listedLevel{}
	var order []int
	for _, ll := range listed {
		li := -1
		for i, l := range idx.Lists {
			in := ll.cl.Link.Span.Start >= l.Span.Start && ll.cl.Link.Span.Start < l.Span.End
			if in && (li < 0 || l.Depth > idx.Lists[li].Depth) {
				li = i
			}
		}
		if li < 0 {
			continue
		}
		if _, ok := byList[li]; !ok {
			order = append(order, li)
		}
		if !slices.ContainsFunc(byList[li], func(o listedLevel) bool { return o.key == ll.key }) {
			byList[li] = append(byList[li], ll)
		}
	}
	for _, li := range order {
		lls := byList[li]
		up := slices.IsSortedFunc(lls, func(a, b listedLevel) int { return a.rung - b.rung })
		down := slices.IsSortedFunc(lls, func(a, b listedLevel) int { return b.rung - a.rung })
		if up || down {
			continue
		}
		// The first link that breaks the order most of the list follows
		// (ascending on a tie, as the handbook lists levels): a list whose
		// first two links are swapped (Senior, Intermediate, Staff) is
		// reported at its second link, not at the third, which follows the
		// first in order.
		ups := 0
		for i := 1; i < len(lls); i++ {
			if lls[i].rung > lls[i-1].rung {
				ups++
			}
		}
		asc := 2*ups >= len(lls)-1
		at := 1
		for at < len(lls) && (lls[at].rung > lls[at-1].rung) == asc {
			at++
		}
		var titles []string
		sorted := slices.Clone(lls)
		slices.SortFunc(sorted, func(a, b listedLevel) int { return a.rung - b.rung })
		for _, ll := range sorted {
			titles = append(titles, t.anyLevel(ll.key).Title)
		}
		cur, prev := t.anyLevel(lls[at].key), t.anyLevel(lls[at-1].key)
		d := lint.Diagnostic{Span: lls[at].cl.Link.Span, Message: fmt.Sprintf("index page lists level %s (%s) after %s (%s), out of ladder order; list the levels in order: %s", cur.Title, levelRef(t, cur), prev.Title, levelRef(t, prev), strings.Join(titles, ", ")),
			Related: []lint.Related{{Span: lls[at-1].cl.Link.Span, Message: "the link before it"}}}
		out = append(out, ladderFinding{Track: t, Diag: d})
	}
	return out
}

// linkSpan is where a link of an index is: the link, or the include that
// brings it in.
func linkSpan(idx *lint.Page, cl lint.CheckedLink) lint.Span {
	if cl.File == idx {
		return cl.Link.Span
	}
	return cl.Via
}

// movedLevelMessage is ladder-index's finding on an index link to level key
// at dest, whose page the change being linted moves to file to: renamed
// within the track to a name that is no level, to another level's name
// (the track has that level now, not this one), or out of the track's
// folder.
func movedLevelMessage(cfg *lint.Config, t *Track, key, dest, to string) string {
	if levelDir(to) != t.Dir {
		return fmt.Sprintf("links level %q at %s, but this change moves %s.md out of track %s, to %s; move it back, or remove the link and the level", key, dest, key, trackName(t), to)
	}
	if _, title, ok := pageLevel(cfg, to); ok {
		return fmt.Sprintf("links level %q at %s, but this change moves %s.md to %s, level %s; link that level in place of this one, or give the page its old name again", key, dest, key, path.Base(to), title)
	}
	return fmt.Sprintf("links level %q at %s, but this change moves %s.md to %s, which is no level page of track %s; give it its level's name again, or remove the link and the level", key, dest, key, path.Base(to), trackName(t))
}

// isLevel reports whether a lower-cased name is a level of the
// configuration.
func isLevel(cfg *lint.Config, key string) bool {
	for _, l := range cfg.Levels() {
		if l == key {
			return true
		}
	}
	return false
}

// plainMentions returns, per level, the start and end of the first
// capitalised level name written outside a link in a list item or heading
// of a page.
func (m *ladderModel) plainMentions(p *lint.Page) map[string][2]int {
	src := lint.BlankComments(m.site.Source(p.Path))
	out := map[string][2]int{}
	start := 0
	if p.FrontMatter != nil {
		start = p.FrontMatter.End
	} else if bytes.HasPrefix(src, []byte("---")) {
		if i := bytes.Index(src[3:], []byte("\n---")); i >= 0 {
			start = 3 + i + 4
		}
	}
	fenced := false
	for off := start; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := string(src[off:end])
		trim := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			fenced = !fenced
		}
		if !fenced && (strings.HasPrefix(trim, "#") || strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "* ") || strings.HasPrefix(trim, "+ ") || orderedItem(trim)) {
			for _, w := range m.levels.find(line, textJoiners, true) {
				at := off + w.Start
				if _, seen := out[w.Key]; seen || inLink(p, at) {
					continue
				}
				out[w.Key] = [2]int{at, off + w.End}
			}
		}
		off = end + 1
	}
	return out
}

// orderedItem reports whether a line starts an ordered list item.
func orderedItem(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s)-1 && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// inLink reports whether an offset of a page is inside one of its links.
func inLink(p *lint.Page, off int) bool {
	for _, l := range p.Links {
		if off >= l.Span.Start && off < l.Span.End {
			return true
		}
	}
	return false
}
