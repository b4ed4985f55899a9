package rules

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderIncludesOptions configure the ladder-includes rule.
type LadderIncludesOptions struct {
	// Navigation are patterns (path.Match, case-insensitive) on an include's
	// file name that mark a navigation include.
	Navigation []string `yaml:"navigation"`
}

// LadderIncludes reports a level page whose includes drift from the
// pattern of its siblings (each including the same files, or the same file
// for its own level), and a navigation include that differs from the
// siblings' or belongs to another track.
var LadderIncludes = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL018",
		Name:     "ladder-includes",
		Summary:  "the levels of a track include the same files with the level substituted, and this track's navigation",
		Default:  lint.Warning,
		Suggests: true,
	},
	NewOptions: func() any { return &LadderIncludesOptions{Navigation: []string{"*nav*"}} },
	CheckSite: func(pass *lint.SitePass) {
		reportFindings(pass, ladderIncludesFindings(ladderOf(pass.Site), pass.Options.(*LadderIncludesOptions)))
	},
}

// UnmarshalYAML decodes the options and checks the navigation patterns:
// one that path.Match cannot read matches no include, and the rule would
// silently find no navigation.
func (o *LadderIncludesOptions) UnmarshalYAML(n *yaml.Node) error {
	type plain LadderIncludesOptions
	if err := n.Decode((*plain)(o)); err != nil {
		return err
	}
	if l := lint.MapValue(n, "navigation"); l != nil {
		for _, it := range l.Content {
			if msg := lint.PatternProblem(it.Value); msg != "" {
				return &lint.OptionError{Line: it.Line, Column: it.Column, Err: errors.New("navigation: " + msg)}
			}
		}
	}
	return nil
}

// isNavigation reports whether an include's file is a navigation include.
func (o *LadderIncludesOptions) isNavigation(target string) bool {
	base := strings.ToLower(path.Base(target))
	for _, g := range o.Navigation {
		if ok, err := path.Match(strings.ToLower(g), base); err == nil && ok {
			return true
		}
	}
	return false
}

func ladderIncludesFindings(m *ladderModel, opts *LadderIncludesOptions) []ladderFinding {
	var out []ladderFinding
	for _, t := range m.tracks {
		out = append(out, m.navigationDrift(t, opts)...)
		if len(t.Levels) < 2 {
			continue
		}
		if ok, f := m.comparable(t); !ok {
			out = append(out, *f)
			continue
		}
		out = append(out, m.includeDrift(t, opts)...)
	}
	return out
}

// target writes a root-relative include file as an include names it.
func (m *ladderModel) target(file string) string { return displayPath(m.cfg, file) }

// includeExists reports whether a root-relative file under an include root
// exists.
func (m *ladderModel) includeExists(file string) bool {
	it := m.site.ResolveInclude(m.target(file))
	return it.Err == nil && it.Page != nil
}

// navTrack is a track a navigation include links: its folder and the
// file names of its level pages, in ladder order.
type navTrack struct {
	dir    string
	levels []string
}

// navTracks returns the tracks whose level pages a navigation include of
// level l links, by folder. A navigation written with an older include
// path is read from the file of the same name that exists. A linked level
// page outside the run (a run over some tracks only, such as
// --changed-since) still names its track, with the level pages its folder
// holds, so that a partial run judges a navigation as the whole run does.
func (m *ladderModel) navTracks(l *TrackLevel, inc ladderInclude) []navTrack {
	var out []navTrack
	for _, f := range m.navLinks(l, inc) {
		var nt navTrack
		if lv := m.byPage[f]; lv != nil {
			t := m.trackOf[lv]
			nt.dir = t.Dir
			for _, o := range t.all(m.cfg) {
				nt.levels = append(nt.levels, o.Name()) // those that could not be read too, as levelFiles lists them
			}
		} else if m.isLevelPage(f) {
			// Its ignored levels too, as Track.all lists them for a
			// track of the run.
			nt = navTrack{dir: levelDir(f), levels: m.levelFilesWhere(levelDir(f), func(f string) bool { return m.isLevelPage(f) || m.ignoredLevelPage(f) })}
		} else {
			continue
		}
		if !slices.ContainsFunc(out, func(o navTrack) bool { return o.dir == nt.dir }) {
			out = append(out, nt)
		}
	}
	slices.SortFunc(out, func(a, b navTrack) int { return strings.Compare(a.dir, b.dir) })
	return out
}

// navLinks returns the content files the links of a navigation include
// of level l point at (see linkedFile), in order; "" for a link that
// points at none. A link to the URL a page had before the change being
// linted moved its whole folder (--changed-since; see folderMoved) points
// at the page where it is now, as link-target's finding on it says: a
// navigation the change leaves with the old URLs of a track it moves
// lists that track's levels, not those of the track whose URLs are spelt
// closest to the old ones.
func (m *ladderModel) navLinks(l *TrackLevel, inc ladderInclude) []string {
	var out []string
	for _, c := range m.navChecks(l, inc) {
		f := linkedFile(m.site, c)
		if mv, ok := folderMoved(m.site, c); ok {
			f = mv.To
		}
		out = append(out, f)
	}
	return out
}

// navChecks returns the checked links that a level's navigation include
// renders on the level's page.
func (m *ladderModel) navChecks(l *TrackLevel, inc ladderInclude) []lint.LinkCheck {
	if l.Context {
		return m.includeLinks(l.Page, inc)
	}
	var out []lint.LinkCheck
	for _, cl := range m.renderedLinks(l.Page) {
		if cl.Via == inc.Via {
			out = append(out, cl.Check)
		}
	}
	return out
}

// navBroken counts the links of a level's navigation include that reach
// no page (link-target's findings) and those that reach one.
func (m *ladderModel) navBroken(l *TrackLevel, inc ladderInclude) (broken, found int) {
	for _, c := range m.navChecks(l, inc) {
		if c.Checked && (c.Dest.Kind == lint.DestPage || c.Dest.Kind == lint.DestRef) {
			if c.Found {
				found++
			} else {
				broken++
			}
		}
	}
	return broken, found
}

// includeLinks checks the links the file an include of page p means
// renders (its own and its includes'), and only those: a context level's
// other links are not checked, so that a broken one there does not make
// the run read every page's front matter to rule out an alias.
func (m *ladderModel) includeLinks(p *lint.Page, inc ladderInclude) []lint.LinkCheck {
	it := m.site.ResolveInclude(m.target(inc.Canon))
	if it.Err != nil || it.Page == nil {
		return nil
	}
	var out []lint.LinkCheck
	for _, pl := range m.site.RenderedLinks(it.Page) {
		out = append(out, m.site.CheckLink(p, *pl.Link))
	}
	return out
}

// isLevelPage reports whether a root-relative file would be a level page of
// a track if the run took it: a career page (the configured page globs,
// not ignored) named after a level.
func (m *ladderModel) isLevelPage(f string) bool {
	if _, _, ok := pageLevel(m.cfg, f); !ok {
		return false
	}
	return m.site.CareerPage(f)
}

// levelFiles returns the file names of the level pages in a folder outside
// the run, in ladder order (the first of two names differing in case only,
// of senior.md and senior.en.md the first by name, and a page senior.md
// before a leaf bundle senior/index.md), each relative to the folder: a
// leaf bundle's as "senior/index.md".
func (m *ladderModel) levelFiles(dir string) []string {
	return m.levelFilesWhere(dir, m.isLevelPage)
}

// ignoredLevelFiles returns, as levelFiles does, the file names of the
// level pages in a folder that the configuration's ignore globs or the
// root's .gitignore leave out: pages Hugo publishes that careerlint does
// not lint.
func (m *ladderModel) ignoredLevelFiles(dir string) []string {
	return m.levelFilesWhere(dir, m.ignoredLevelPage)
}

// ignoredLevelPage reports whether a root-relative file named after a
// level matches the page globs but the ignore globs or the root's
// .gitignore leave it out.
func (m *ladderModel) ignoredLevelPage(f string) bool {
	return m.cfg.Classify(f) == lint.CareerPage && m.site.IgnoredBy(f) != ""
}

// levelFilesWhere returns the file names of a folder that are named after
// a level and that keep selects, as levelFiles describes them.
func (m *ladderModel) levelFilesWhere(dir string, keep func(f string) bool) []string {
	names := m.site.FolderFiles(dir)
	for _, sub := range m.site.FolderDirs(dir) {
		if _, _, ok := pageLevel(m.cfg, sub+".md"); ok {
			if name := m.site.BundleIndex(dir + "/" + sub); name != "" {
				names = append(names, sub+"/"+name)
			}
		}
	}
	order := map[string]int{}
	for i, l := range m.cfg.Levels() {
		if _, dup := order[l]; !dup {
			order[l] = i
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, name := range names {
		f := dir + "/" + name
		key, _, ok := pageLevel(m.cfg, f)
		// A leaf bundle's index.md in the folder is a level of the
		// folder holding the bundle, not of this one.
		if !ok || seen[key] || levelDir(f) != dir || !keep(f) {
			continue
		}
		seen[key] = true
		out = append(out, name)
	}
	slices.SortStableFunc(out, func(a, b string) int {
		ka, _, _ := pageLevel(m.cfg, a)
		kb, _, _ := pageLevel(m.cfg, b)
		return order[ka] - order[kb]
	})
	return out
}

// trackName names a track in a message: its folder name.
func trackName(t *Track) string { return path.Base(t.Dir) + "/" }

// trackLabels names the tracks of one message by their folders: each by
// its folder's name ("web/"), or, when another folder of the message has
// the same name, by as many of its last folders as tell them apart
// ("a/web/" and "b/web/"), so that a message about track a/web/ that
// names track b/web/ does not read "track web/ ... not of this track
// web/".
func trackLabels(dirs ...string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		segs := strings.Split(d, "/")
		n := 1
		for ; n < len(segs); n++ {
			tail := strings.Join(segs[len(segs)-n:], "/")
			if !slices.ContainsFunc(dirs, func(o string) bool { return o != d && (o == tail || strings.HasSuffix(o, "/"+tail)) }) {
				break
			}
		}
		out[i] = strings.Join(segs[len(segs)-n:], "/") + "/"
	}
	return out
}

// navVote is how the levels of a track include their navigation.
type navVote struct {
	// nav is each level's navigation include (the first include whose
	// file is one), foreign whether it links another track's levels and
	// not this track's.
	nav     map[*TrackLevel]*ladderInclude
	foreign map[*TrackLevel]bool
	// voters are the levels whose navigation links no other track.
	voters []*TrackLevel
	// normal is the navigation more than half the voters include or,
	// when none has a majority, the only one of theirs that links pages
	// and whose links all reach one ("" when there is none such); own is normal, else the
	// one most voters include; ownBy the voters that include own.
	normal, own string
	ownBy       []*TrackLevel
	// broken is set when the links decided normal: how many links of
	// each other navigation of the voters reach no page.
	broken map[string]int
}

// navigationVote works out how the levels of track t include their
// navigation.
func (m *ladderModel) navigationVote(t *Track, opts *LadderIncludesOptions) *navVote {
	nav := map[*TrackLevel]*ladderInclude{}
	foreign := map[*TrackLevel]bool{}
	for _, l := range t.Levels {
		li := m.info[l]
		for i := range li.includes {
			if opts.isNavigation(li.includes[i].Target) {
				nav[l] = &li.includes[i]
				break
			}
		}
		if inc := nav[l]; inc != nil {
			ts := m.navTracks(l, *inc)
			foreign[l] = len(ts) > 0 && !slices.ContainsFunc(ts, func(o navTrack) bool { return o.dir == t.Dir })
		}
	}
	// The navigation the levels that do not link another track agree on.
	var voters []*TrackLevel
	votes := map[string]int{}
	for _, l := range t.Levels {
		if foreign[l] {
			continue
		}
		voters = append(voters, l)
		if inc := nav[l]; inc != nil {
			votes[inc.Canon]++
		}
	}
	normal := ""
	for k, n := range votes {
		if 2*n > len(voters) {
			normal = k
		}
	}
	var broken map[string]int
	if normal == "" && len(votes) >= 2 {
		normal, broken = m.navigationByLinks(voters, nav)
	}
	// own is the navigation of this track that a sibling includes.
	own, ownBy := normal, []*TrackLevel{}
	if own == "" {
		best := 0
		for _, l := range voters {
			if inc := nav[l]; inc != nil && votes[inc.Canon] > best {
				own, best = inc.Canon, votes[inc.Canon]
			}
		}
	}
	for _, l := range voters {
		if inc := nav[l]; inc != nil && inc.Canon == own {
			ownBy = append(ownBy, l)
		}
	}
	return &navVote{nav: nav, foreign: foreign, voters: voters, normal: normal, own: own, ownBy: ownBy, broken: broken}
}

// navigationByLinks settles levels split between navigation includes with
// no majority (three levels include one, three another) by their links:
// when one navigation links pages and all its links reach one, and each
// other one has links that reach none (the copy of a navigation left with the URLs of
// before a move), the levels are to include the former. It returns that
// navigation and the number of links of each other one that reach no
// page, or "" and nil.
func (m *ladderModel) navigationByLinks(voters []*TrackLevel, nav map[*TrackLevel]*ladderInclude) (string, map[string]int) {
	broken := map[string]int{}
	reach := map[string]int{} // links that reach a page
	for _, l := range voters {
		inc := nav[l]
		if inc == nil {
			continue
		}
		if _, seen := broken[inc.Canon]; !seen {
			broken[inc.Canon], reach[inc.Canon] = m.navBroken(l, *inc)
		}
	}
	good := ""
	for k, n := range broken {
		switch {
		case n == 0 && reach[k] > 0:
			if good != "" {
				return "", nil // two whose links all reach a page
			}
			good = k
		case n == 0:
			// A navigation with no link to a page (text only, or only
			// external links) shows neither that pages exist nor that it
			// is the older copy: the links settle nothing.
			return "", nil
		}
	}
	if good == "" {
		return "", nil
	}
	delete(broken, good)
	return good, broken
}

// navigationDrift reports a navigation include that links another track's
// levels and not this track's, and, by majority, a level whose navigation
// differs from its siblings' or that has none.
func (m *ladderModel) navigationDrift(t *Track, opts *LadderIncludesOptions) []ladderFinding {
	var out []ladderFinding
	v := m.navigationVote(t, opts)
	nav, foreign, voters, normal, own, ownBy := v.nav, v.foreign, v.voters, v.normal, v.own, v.ownBy
	var ownSpans []lint.Span
	sectionVotes := map[string]int{}
	for _, l := range ownBy {
		ownSpans = append(ownSpans, nav[l].Span)
		sectionVotes[nav[l].Section]++
	}
	for _, l := range t.Levels {
		inc := nav[l]
		switch {
		case foreign[l]:
			var linked []string
			others := m.navTracks(l, *inc)
			dirs := []string{t.Dir}
			for _, o := range others {
				dirs = append(dirs, o.dir)
			}
			labels := trackLabels(dirs...)
			for i, o := range others {
				linked = append(linked, fmt.Sprintf("%s (%s)", labels[i+1], joinAnd(o.levels)))
			}
			msg := fmt.Sprintf("navigation include %q links the levels of track %s, not of this track %s", inc.Target, strings.Join(linked, ", "), labels[0])
			if !inc.Exists && inc.Canon != "" {
				// The path names no file: what it links is read from the
				// file it stands for, which include-target suggests.
				msg = fmt.Sprintf("navigation include %q names no file, and the file it stands for, %q, links the levels of track %s, not of this track %s", inc.Target, m.target(inc.Canon), strings.Join(linked, ", "), labels[0])
			}
			if own != "" && !m.includeExists(own) {
				// The siblings' navigation names no file: not one to
				// include.
				own = ""
			}
			if own != "" {
				verb := "does"
				if len(ownBy) > 1 {
					verb = "do"
				}
				msg += fmt.Sprintf("; include %q, as %s %s", m.target(own), names(ownBy), verb)
			} else {
				msg += "; include this track's navigation"
			}
			var sug []lint.Fix
			if own != "" {
				sug = targetSuggestion(m.site.Source(inc.Span.File), inc.Span, inc.Target, m.target(own))
			}
			out = append(out, ladderFinding{Track: t, Level: l, Section: inc.Section, Diag: lint.Diagnostic{Span: inc.Span, Message: msg, Related: relatedAt(trimSpans(ownSpans), "this track's navigation on a sibling level"), Suggestions: sug}})
		case normal == "" || len(t.Levels) < 2:
		case !m.includeExists(normal):
			// The navigation the siblings agree on names no file (all of
			// them write a path that is gone): include-target reports
			// those includes, and to include it here too would mend
			// nothing.
		case inc == nil:
			where := ""
			for k, n := range sectionVotes {
				if n > sectionVotes[where] || n == sectionVotes[where] && k < where {
					where = k
				}
			}
			at, place := levelHeading(l), ""
			if s := m.info[l].section(where); s != nil {
				at, place = s.H.Span, fmt.Sprintf(" under %q", written(s.H))
			}
			d := lint.Diagnostic{Span: at, Message: fmt.Sprintf("no navigation include, while the other levels of this track include %q (%s); add {{%% include %q %%}}%s", m.target(normal), names(ownBy), m.target(normal), place),
				Related: relatedAt(trimSpans(ownSpans), "the navigation on a sibling level"), Placed: true}
			out = append(out, ladderFinding{Track: t, Level: l, Section: m.info[l].sectionAt(at.Start), Diag: d})
		case inc.Canon != normal:
			msg := fmt.Sprintf("navigation include %q differs from the one the other levels of this track include, %q (%s); include that one", inc.Target, m.target(normal), names(ownBy))
			if n, ok := v.broken[inc.Canon]; ok {
				verb := "includes"
				if len(ownBy) > 1 {
					verb = "include"
				}
				links := fmt.Sprintf("%d links that reach", n)
				if n == 1 {
					links = "1 link that reaches"
				}
				msg = fmt.Sprintf("navigation include %q has %s no page, while %q, which %s %s, links pages that exist; include that one", inc.Target, links, m.target(normal), names(ownBy), verb)
			}
			d := lint.Diagnostic{Span: inc.Span, Message: msg,
				// One problem, whether the majority or the links chose
				// the track's navigation (a change to a sibling turns one
				// into the other): the identity is what the fingerprint
				// has always hashed of the first message, the text before
				// "; " without the levels in parentheses.
				Identity:    fmt.Sprintf("navigation include %q differs from the one the other levels of this track include, %q ", inc.Target, m.target(normal)),
				Related:     relatedAt(trimSpans(ownSpans), "the navigation on a sibling level"),
				Suggestions: targetSuggestion(m.site.Source(inc.Span.File), inc.Span, inc.Target, m.target(normal))}
			out = append(out, ladderFinding{Track: t, Level: l, Section: inc.Section, Diag: d})
		}
	}
	if normal == "" && len(voters) >= 2 {
		out = append(out, m.navigationSplit(t, voters, nav)...)
	}
	if normal != "" {
		out = append(out, m.navigationGaps(t, opts, ownBy, nav)...)
	}
	return out
}

// navigationGaps reports, once for the track, a navigation that links some
// of the track's level pages but not all: a level added to the track
// (senior-staff.md) that the navigation every level includes does not
// list. The finding is on the first level of the run that includes the
// navigation, at its include; in a run over part of the track, it is also
// at the track's first level's include, where a run over the whole track
// reports it, so that a suppression written there covers it. A navigation
// that links none of the track's levels (the department's index pages) is
// not a list of them.
func (m *ladderModel) navigationGaps(t *Track, opts *LadderIncludesOptions, by []*TrackLevel, nav map[*TrackLevel]*ladderInclude) []ladderFinding {
	var at *TrackLevel
	for _, l := range by {
		if !l.Context {
			at = l
			break
		}
	}
	if at == nil {
		return nil
	}
	inc := nav[at]
	// A navigation split between includes (the first levels in one file,
	// the others in the next) lists the levels its includes link together.
	linked := map[string]bool{}
	li := m.info[at]
	for i := range li.includes {
		if o := &li.includes[i]; o == inc || opts.isNavigation(o.Target) {
			for _, f := range m.navLinks(at, *o) {
				linked[f] = true
			}
		}
	}
	var have, missing []*TrackLevel
	for _, l := range t.Levels {
		if linked[l.Page.Path] {
			have = append(have, l)
		} else {
			missing = append(missing, l)
		}
	}
	if len(have) == 0 || len(missing) == 0 {
		return nil
	}
	// The levels it links and misses are context, in parentheses: a
	// level added to the track keeps the finding's fingerprint.
	msg := fmt.Sprintf("navigation include %q does not link every level of this track (it links %s, not %s); add a link to %s in %s", inc.Target, names(have), names(missing), names(missing), m.target(inc.Canon))
	d := lint.Diagnostic{Span: inc.Span, Message: msg}
	if first := by[0]; first != at {
		d.AlsoAt = []lint.Span{nav[first].Span}
	}
	return []ladderFinding{{Track: t, Level: at, Section: inc.Section, Diag: d}}
}

// navigationSplit reports, once for the track, levels that disagree on
// their navigation with none on more than half of them (three levels
// include one file, three another, or half include none): no level can
// be told to follow the others, but the track is not consistent. The
// finding is on the first level of the run, in ladder order (so that a
// run over one level page, a hook's, shows it): at its navigation
// include, or at its level heading when it has none (and also, for a
// suppression, where a run over the whole track reports it, on the first
// level); the other levels' navigation includes are related locations.
func (m *ladderModel) navigationSplit(t *Track, voters []*TrackLevel, nav map[*TrackLevel]*ladderInclude) []ladderFinding {
	var keys []string // "" for no navigation
	by := map[string][]*TrackLevel{}
	var at *TrackLevel
	for _, l := range voters {
		k := ""
		if inc := nav[l]; inc != nil {
			k = inc.Canon
		}
		if by[k] == nil {
			keys = append(keys, k)
		}
		by[k] = append(by[k], l)
		if at == nil && !l.Context {
			at = l
		}
	}
	if at == nil || len(keys) < 2 {
		return nil
	}
	var parts []string
	var related []lint.Related
	for _, k := range keys {
		if k == "" {
			parts = append(parts, "no navigation on "+names(by[k]))
			continue
		}
		parts = append(parts, fmt.Sprintf("%q on %s", m.target(k), names(by[k])))
		for _, l := range by[k] {
			if l != at && len(related) < 4 {
				related = append(related, lint.Related{Span: nav[l].Span, Message: fmt.Sprintf("the navigation of %s", l.Name())})
			}
		}
	}
	msg := fmt.Sprintf("the levels of track %s do not agree on a navigation include, and no navigation include is on more than half of them (%s); include the same navigation on every level", trackName(t), strings.Join(parts, ", "))
	// A level's navigation include, or its level heading when it has none.
	spanOf := func(l *TrackLevel) lint.Span {
		if inc := nav[l]; inc != nil {
			return inc.Span
		}
		return levelHeading(l)
	}
	d := lint.Diagnostic{Span: spanOf(at), Message: msg, Related: related}
	section := ""
	if inc := nav[at]; inc != nil {
		section = inc.Section
	} else {
		section = m.info[at].sectionAt(d.Span.Start)
	}
	if first := voters[0]; first != at {
		d.AlsoAt = []lint.Span{spanOf(first)}
	}
	return []ladderFinding{{Track: t, Level: at, Section: section, Diag: d}}
}

// includeDrift compares the other includes of a track's levels by their
// pattern, the file with the level names of its name abstracted.
func (m *ladderModel) includeDrift(t *Track, opts *LadderIncludesOptions) []ladderFinding {
	var out []ladderFinding
	incs := map[*TrackLevel][]*ladderInclude{}
	var seqs [][]string
	for _, l := range t.Levels {
		var seq []string
		li := m.info[l]
		nav := false
		for i := range li.includes {
			inc := &li.includes[i]
			// The first navigation include is the level's navigation,
			// compared by navigationDrift; a further one (the rest of a
			// navigation split between files) is compared as any include.
			if !nav && opts.isNavigation(inc.Target) {
				nav = true
				continue
			}
			incs[l] = append(incs[l], inc)
			seq = append(seq, inc.Key)
		}
		seqs = append(seqs, seq)
	}
	c := newConsensus(seqs)
	// rep returns the levels other than except that include key, the
	// first of those includes, and all of them.
	rep := func(key string, except *TrackLevel) ([]*TrackLevel, *ladderInclude, []*ladderInclude) {
		var ls []*TrackLevel
		var theirs []*ladderInclude
		for _, o := range t.Levels {
			if o == except {
				continue
			}
			for _, inc := range incs[o] {
				if inc.Key == key {
					ls = append(ls, o)
					theirs = append(theirs, inc)
					break
				}
			}
		}
		if len(theirs) == 0 {
			return nil, nil, nil
		}
		return ls, theirs[0], theirs
	}
	for _, l := range t.Levels {
		mine := incs[l]
		has := map[string]*ladderInclude{}
		for _, inc := range mine {
			if has[inc.Key] == nil {
				has[inc.Key] = inc
			}
		}
		paired := map[*ladderInclude]bool{}
		for _, k := range c.order {
			if has[k] != nil || !c.normal(k) {
				continue
			}
			have, first, theirs := rep(k, l)
			who := names(have)
			// The pattern as the siblings write it: an older include path
			// means a file under another (see canonicalInclude).
			pattern, written := m.target(k), m.writtenPattern(theirs)
			if written != "" {
				pattern = written
			}
			if written == "" {
				// Some write the pattern, others an older path: name which,
				// and show those that write it first.
				have, theirs, who = splitOlder(have, theirs)
			}
			spans := includeSpans(theirs)
			inst := instantiate(k, l)
			leveled := strings.Contains(path.Base(k), levelPlaceholder)
			concrete := !leveled || m.includeExists(inst)
			// An include of this level in the same section that no
			// sibling has is this one written differently: prefer one of
			// the same file name.
			var pair *ladderInclude
			for _, inc := range mine {
				if paired[inc] || !c.rare(inc.Key) || inc.Section != first.Section {
					continue
				}
				if pair == nil || path.Base(inc.Key) == path.Base(k) && path.Base(pair.Key) != path.Base(k) {
					pair = inc
				}
			}
			if pair != nil {
				paired[pair] = true
				if !concrete {
					continue // this level's own material: nothing to suggest
				}
				if written != "" && m.writtenPattern([]*ladderInclude{pair}) == written {
					// Written the way the siblings write theirs, it means
					// another file only because theirs are missing:
					// include-target reports those, and once they are
					// mended this one is reported if it still differs.
					continue
				}
				want := m.target(inst)
				d := lint.Diagnostic{Span: pair.Span, Message: fmt.Sprintf("include %q does not follow the pattern of the other levels of this track, %q (%s); did you mean %q", pair.Target, pattern, who, want),
					Related:     relatedAt(trimSpans(spans), "the include on a sibling level"),
					Suggestions: targetSuggestion(m.site.Source(pair.Span.File), pair.Span, pair.Target, want)}
				out = append(out, ladderFinding{Track: t, Level: l, Section: pair.Section, Diag: d})
				continue
			}
			if !concrete {
				continue // no file for this level: the level has no such material
			}
			at, where := m.includePlace(l, mine, c, k, first.Section)
			what := "include"
			if leveled {
				what = "include for their own level"
			}
			msg := fmt.Sprintf("missing include %q, which the other levels of this track %s (%s); add {{%% include %q %%}} %s", m.target(inst), what, who, m.target(inst), where)
			if pattern != m.target(k) {
				// The siblings write an older include path.
				theirs := "include it"
				if leveled {
					theirs = "include their own level's"
				}
				msg = fmt.Sprintf("missing include %q; the other levels of this track %s (%s), written with an older path, %q, that names no file (include-target reports those); add {{%% include %q %%}} %s", m.target(inst), theirs, names(have), pattern, m.target(inst), where)
			}
			// One identity for both wordings: a level added with the
			// newer path turns the one into the other.
			d := lint.Diagnostic{Span: at, Message: msg, Identity: fmt.Sprintf("missing include %q", m.target(inst)),
				Related: relatedAt(trimSpans(spans), "the include on a sibling level"), Placed: true}
			out = append(out, ladderFinding{Track: t, Level: l, Section: first.Section, Diag: d})
		}
		for _, inc := range mine {
			if paired[inc] || !c.rare(inc.Key) || inc.Leveled || has[inc.Key] != inc {
				continue
			}
			var lack []*TrackLevel
			var spans []lint.Span
			for _, o := range t.Levels {
				if o == l || slices.ContainsFunc(incs[o], func(x *ladderInclude) bool { return x.Key == inc.Key }) {
					continue
				}
				lack = append(lack, o)
				spans = append(spans, levelHeading(o))
			}
			d := lint.Diagnostic{Span: inc.Span, Message: fmt.Sprintf("include %q is not on the other levels of this track (%s lack it); remove it, or include it there too", inc.Target, names(lack)),
				Related: relatedAt(trimSpans(spans), "a sibling level without the include")}
			out = append(out, ladderFinding{Track: t, Level: l, Section: inc.Section, Diag: d})
		}
	}
	return out
}

// writtenPattern returns the pattern of includes as written, their target
// with the level names of its file name abstracted, when all of them
// write the same one; "" when they differ.
func (m *ladderModel) writtenPattern(incs []*ladderInclude) string {
	out := ""
	for i, inc := range incs {
		dir, base := path.Split(inc.Target)
		p := dir + m.abstract(base, "", nameJoiners)
		if i > 0 && p != out {
			return ""
		}
		out = p
	}
	return out
}

// splitOlder orders the levels that include a pattern, and their includes,
// with those whose include resolves as written first, and names them: when
// some write an older include path that names no file, they are named
// apart ("senior.md and staff.md; intern.md writes it with an older path
// that names no file, which include-target reports"), since the message
// quotes the pattern as the others write it.
func splitOlder(have []*TrackLevel, theirs []*ladderInclude) ([]*TrackLevel, []*ladderInclude, string) {
	var as, older []*TrackLevel
	var asInc, olderInc []*ladderInclude
	for i, inc := range theirs {
		if inc.Exists {
			as, asInc = append(as, have[i]), append(asInc, inc)
		} else {
			older, olderInc = append(older, have[i]), append(olderInc, inc)
		}
	}
	if len(as) == 0 || len(older) == 0 {
		return have, theirs, names(have)
	}
	verb := "writes"
	if len(older) > 1 {
		verb = "write"
	}
	who := fmt.Sprintf("%s; %s %s it with an older path that names no file, which include-target reports", names(as), names(older), verb)
	return append(as, older...), append(asInc, olderInc...), who
}

// includeSpans returns where includes are written.
func includeSpans(incs []*ladderInclude) []lint.Span {
	out := make([]lint.Span, len(incs))
	for i, inc := range incs {
		out[i] = inc.Span
	}
	return out
}

// includePlace says where a missing include goes on a level page: after
// the include that comes before it in the track's order, else before the
// one after it, else under its section's heading.
func (m *ladderModel) includePlace(l *TrackLevel, mine []*ladderInclude, c *consensus, key, section string) (lint.Span, string) {
	r := c.rank[key]
	var before, after *ladderInclude
	for _, inc := range mine {
		rk := c.rank[inc.Key]
		if rk < r && inc.Section == section && (before == nil || rk > c.rank[before.Key]) {
			before = inc
		}
		if rk > r && inc.Section == section && (after == nil || rk < c.rank[after.Key]) {
			after = inc
		}
	}
	switch {
	case before != nil:
		return before.Span, fmt.Sprintf("after the include of %q", before.Target)
	case after != nil:
		return after.Span, fmt.Sprintf("before the include of %q", after.Target)
	}
	if s := m.info[l].section(section); s != nil {
		return s.H.Span, fmt.Sprintf("under %q", written(s.H))
	}
	return levelHeading(l), "to the page"
}
