package rules

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

// This file holds the track model the ladder rules (ladder-sections,
// ladder-includes, ladder-index, ladder-previous-level, ladder-gap) and
// the ladder overview share: which level pages form a track, in which
// order, with which index page and template, and what each level page
// holds (its own sections, its list of links to sections, its includes).

// Track is one career track of a run: the level pages of one folder in
// ladder order, with the folder's index page and the template its pages
// use.
type Track struct {
	// Dir is the folder, root-relative, e.g.
	// "content/handbook/engineering/careers/matrix/development".
	Dir string
	// Levels are the level pages of the run in this folder: the ladder's
	// levels in ladder order, then extra levels in configuration order.
	Levels []*TrackLevel
	// Unread are the level pages of the folder that could not be read or
	// parsed (empty, binary, too large, unreadable: file-format reports
	// each), and those that the ignore globs or the root's .gitignore
	// leave out (TrackLevel.Ignored), in the same order, each with its
	// Problem. They are levels of the track (the level below the next
	// one), but nothing on them is known or reported: the ladder rules
	// compare only Levels.
	Unread []*TrackLevel
	// Template names the required-sections template of the track's pages
	// (that of its first level page), "" when no track glob matches.
	Template string
	// IndexPath is the folder's own _index.md, which may not exist, or its
	// _index.en.md, which Hugo takes in its place when both exist.
	IndexPath string
	// Index is the page that lists the levels: the folder's _index.md, or,
	// when the folder has none, the nearest _index.md of a parent folder
	// that links one of the levels. Nil when there is none.
	Index *lint.Page
	// OwnIndex reports whether Index is the folder's own _index.md.
	OwnIndex bool
	// IndexProblem says why the folder's own _index.md could not be read
	// or parsed, or is no page (a folder, a symlink, a named pipe; file-format
	// or front-matter reports it), "" when it could or there is none. Index is then nil: the folder has an index,
	// but what it links is not known.
	IndexProblem string
}

// TrackLevel is one level page of a track.
type TrackLevel struct {
	// Key is the level's lower-cased file name, e.g. "senior-staff", "csr".
	Key string
	// Stem is the page's name as written (lint.PageName), e.g. "CSR" for
	// CSR.md, "senior" for senior.en.md or senior/index.md.
	Stem string
	// Title is the level's name as pages write it, e.g. "Senior Staff".
	Title string
	// Rung is the level's position in the ladder, -1 for an extra level.
	Rung int
	// Page is the level page.
	Page *lint.Page
	// Context is set for a level page outside the run (a run over some
	// pages of a track, such as the pre-commit hook's), read from the disk
	// so that the run's levels are compared with every level of their
	// track. The ladder rules report nothing on it.
	Context bool
	// Problem is, for a level of Track.Unread, why its page could not be
	// read or parsed, or, for an ignored one, what leaves it out.
	Problem string
	// Ignored is set on a level of Track.Unread that the configuration's
	// ignore globs or the root's .gitignore leave out: Hugo publishes the
	// page, but careerlint does not lint it.
	Ignored bool
}

// ignoredProblem is the Problem of an ignored level page, left out by
// what lint.Site.IgnoredBy names.
func ignoredProblem(by string) string {
	return "left out by " + by + "; careerlint does not lint it"
}

// partial reports whether some levels of the track are not in the run.
func (t *Track) partial() bool {
	return slices.ContainsFunc(t.Levels, func(l *TrackLevel) bool { return l.Context })
}

// Name returns the level page's file name in its track's folder, e.g.
// "senior.md", "senior.en.md", or "senior/index.md" for a leaf bundle.
func (l *TrackLevel) Name() string { return levelFileName(l.Page.Path) }

// Level returns the track's level of the given key, or nil.
func (t *Track) Level(key string) *TrackLevel {
	for _, l := range t.Levels {
		if l.Key == key {
			return l
		}
	}
	return nil
}

// anyLevel returns the track's level of the given key, one of its Unread
// too, or nil.
func (t *Track) anyLevel(key string) *TrackLevel {
	if l := t.Level(key); l != nil {
		return l
	}
	for _, l := range t.Unread {
		if l.Key == key {
			return l
		}
	}
	return nil
}

// previous returns the track's existing level just below l on the ladder,
// or nil when l is the lowest rung or an extra level. The level may be one
// of t.Unread: its page is there, though it could not be read or is
// ignored.
func (t *Track) previous(l *TrackLevel) *TrackLevel {
	if l.Rung < 0 {
		return nil
	}
	var prev *TrackLevel
	for _, ls := range [][]*TrackLevel{t.Levels, t.Unread} {
		for _, o := range ls {
			if o.Rung >= 0 && o.Rung < l.Rung && (prev == nil || o.Rung > prev.Rung) {
				prev = o
			}
		}
	}
	return prev
}

// lowest reports whether l is the lowest ladder level of the track.
func (t *Track) lowest(l *TrackLevel) bool {
	return l.Rung >= 0 && t.previous(l) == nil
}

// ladderModel is the tracks of a run and what the ladder rules read from
// each level page, built once per site.
type ladderModel struct {
	site   *lint.Site
	cfg    *lint.Config
	rs     *RequiredSectionsOptions
	levels *levelSet
	tracks []*Track
	// byPage maps a level page's path to its level; trackOf a level to
	// its track.
	byPage  map[string]*TrackLevel
	trackOf map[*TrackLevel]*Track
	info    map[*TrackLevel]*levelInfo
	// read holds the index pages read outside the run, by path (nil for
	// a file that does not exist).
	read map[string]*lint.Page
	// context holds the paths of the context levels (TrackLevel.Context).
	context map[string]bool
	// unreadTracks are the tracks none of whose level pages could be read
	// (Track.Unread): not among tracks, which the ladder rules compare,
	// but shown by the overview.
	unreadTracks []*Track
	// indexPaths memoizes indexPath by folder: asked for every page, it
	// lists the page's folder, which for thousands of pages in one
	// folder made the model quadratic.
	indexMu    sync.Mutex
	indexPaths map[string]string
}

// Tracks returns the tracks of a run's linted pages, sorted by folder.
// A folder with one level page is a track too. Level file names are
// matched case-insensitively (CSR.md is level csr); files whose names are
// not levels of the configuration are not part of any track.
func Tracks(site *lint.Site) []*Track { return ladderOf(site).tracks }

// ladderKey is the key of the ladder model among the site's memos.
type ladderKey struct{}

// ladderOf returns the site's ladder model, building it on first use.
func ladderOf(site *lint.Site) *ladderModel {
	return site.Memo(ladderKey{}, func() any { return buildLadder(site) }).(*ladderModel)
}

// requiredSectionsOptions returns the configured options of
// required-sections, which the ladder rules read for templates and level
// names also when that rule is off.
func requiredSectionsOptions(cfg *lint.Config) *RequiredSectionsOptions {
	return rsOptions.get(cfg, func() *RequiredSectionsOptions { return decodeRequiredSectionsOptions(cfg) })
}

// rsOptions memoises requiredSectionsOptions per configuration: decoding
// the options builds the built-in templates and level names each time,
// and level-name asks for every page.
var rsOptions weakMemo[lint.Config, *RequiredSectionsOptions]

func decodeRequiredSectionsOptions(cfg *lint.Config) *RequiredSectionsOptions {
	if rs, ok := cfg.Options(RequiredSections).(*RequiredSectionsOptions); ok && rs != nil {
		return rs
	}
	return DefaultRequiredSectionsOptions()
}

func buildLadder(site *lint.Site) *ladderModel {
	cfg := site.Config
	rs := requiredSectionsOptions(cfg)
	m := &ladderModel{site: site, cfg: cfg, rs: rs, levels: levelNames(cfg, rs),
		byPage: map[string]*TrackLevel{}, trackOf: map[*TrackLevel]*Track{}, info: map[*TrackLevel]*levelInfo{}, read: map[string]*lint.Page{}, context: map[string]bool{}}
	rung := map[string]int{}
	for i, l := range cfg.Ladder {
		rung[strings.ToLower(l)] = i
	}
	byDir := map[string]*Track{}
	for _, p := range site.Pages {
		if site.Other(p.Path) {
			continue // not a career page: checked for its links only
		}
		if unreadProblem(p) != "" {
			continue // nothing to compare: one of the track's Unread
		}
		key, title, ok := pageLevel(cfg, p.Path)
		if !ok {
			continue
		}
		dir := levelDir(p.Path)
		t := byDir[dir]
		if t == nil {
			t = &Track{Dir: dir, IndexPath: m.indexPath(dir)}
			byDir[dir] = t
		}
		if t.Level(key) != nil {
			continue // senior.md and Senior.md: the first by path counts
		}
		r, inLadder := rung[key]
		if !inLadder {
			r = -1
		}
		l := &TrackLevel{Key: key, Stem: pageStem(p.Path), Title: title, Rung: r, Page: p}
		t.Levels = append(t.Levels, l)
	}
	// A folder's index page in the run makes its folder a track, its levels
	// all context: what the index gets wrong about them is reported.
	for _, p := range site.Pages {
		if dir := path.Dir(p.Path); !p.HasProblem(lint.ProblemSymlink) && !site.Other(p.Path) && p.Path == m.indexPath(dir) && byDir[dir] == nil && len(m.levelFiles(dir)) > 0 {
			byDir[dir] = &Track{Dir: dir, IndexPath: p.Path}
		}
	}
	// So does a level page of the run that could not be read, so that
	// the overview shows it in its track; not a symlink, which is no page
	// to Hugo (nor one of the folder's level files).
	for _, p := range site.Pages {
		if dir := levelDir(p.Path); byDir[dir] == nil && !site.Other(p.Path) && unreadProblem(p) != "" && !p.HasProblem(lint.ProblemSymlink) {
			if _, _, ok := pageLevel(cfg, p.Path); ok {
				byDir[dir] = &Track{Dir: dir, IndexPath: m.indexPath(dir)}
			}
		}
	}
	// The levels of each track that the run does not hold, read from the
	// disk as context.
	for _, dir := range slices.Sorted(maps.Keys(byDir)) {
		t := byDir[dir]
		for _, name := range m.levelFiles(dir) {
			f := dir + "/" + name
			key, title, _ := pageLevel(cfg, f)
			if t.Level(key) != nil || site.Page(f) != nil {
				continue
			}
			p := m.contentPage(f)
			if p == nil || unreadProblem(p) != "" {
				continue // one of the track's Unread
			}
			r, inLadder := rung[key]
			if !inLadder {
				r = -1
			}
			stem := pageStem(name)
			t.Levels = append(t.Levels, &TrackLevel{Key: key, Stem: stem, Title: title, Rung: r, Page: p, Context: true})
			m.context[f] = true
		}
	}
	// The level pages of each track's folder that could not be read or
	// parsed: the run's own (which file-format reports) and those of the
	// disk.
	for _, dir := range slices.Sorted(maps.Keys(byDir)) {
		t := byDir[dir]
		for _, name := range m.levelFiles(dir) {
			f := dir + "/" + name
			key, title, _ := pageLevel(cfg, f)
			if t.Level(key) != nil {
				continue
			}
			p := m.pageOrProblem(f)
			r, inLadder := rung[key]
			if !inLadder {
				r = -1
			}
			stem := pageStem(name)
			t.Unread = append(t.Unread, &TrackLevel{Key: key, Stem: stem, Title: title, Rung: r, Page: p, Context: site.Page(f) == nil, Problem: unreadProblem(p)})
		}
		// And those that the ignore globs or the root's .gitignore leave
		// out: Hugo publishes them, careerlint does not lint them, so
		// nothing on them is compared or reported, but each is a level of
		// the track (the level below the next one).
		for _, name := range m.ignoredLevelFiles(dir) {
			f := dir + "/" + name
			key, title, _ := pageLevel(cfg, f)
			if t.Level(key) != nil || slices.ContainsFunc(t.Unread, func(l *TrackLevel) bool { return l.Key == key }) {
				continue
			}
			r, inLadder := rung[key]
			if !inLadder {
				r = -1
			}
			t.Unread = append(t.Unread, &TrackLevel{Key: key, Stem: pageStem(name), Title: title, Rung: r, Page: m.pageOrProblem(f), Context: true, Problem: ignoredProblem(site.IgnoredBy(f)), Ignored: true})
		}
		sort.SliceStable(t.Unread, func(i, j int) bool { return levelBefore(cfg, t.Unread[i], t.Unread[j]) })
	}
	for _, dir := range slices.Sorted(maps.Keys(byDir)) {
		t := byDir[dir]
		if len(t.Levels) == 0 {
			// No level could be read: nothing to compare, but the
			// overview lists the levels that could not.
			if len(t.Unread) > 0 {
				if name, _, ok := templateFor(rs, t.Unread[0].Page.Path); ok {
					t.Template = name
				}
				m.findIndex(t)
				m.unreadTracks = append(m.unreadTracks, t)
			}
			continue
		}
		sort.SliceStable(t.Levels, func(i, j int) bool { return levelBefore(cfg, t.Levels[i], t.Levels[j]) })
		if name, _, ok := templateFor(rs, t.Levels[0].Page.Path); ok {
			t.Template = name
		}
		for _, l := range t.Levels {
			m.byPage[l.Page.Path] = l
			m.trackOf[l] = t
		}
		m.tracks = append(m.tracks, t)
	}
	// The levels are analysed in parallel (analyse writes nothing of m),
	// after every track's index is found (findIndex reads pages into m):
	// every ladder rule waits for the model, the page rules that ask for
	// it too.
	type level struct {
		t *Track
		l *TrackLevel
	}
	var levels []level
	for _, t := range m.tracks {
		m.findIndex(t)
		for _, l := range t.Levels {
			levels = append(levels, level{t, l})
		}
	}
	infos := make([]*levelInfo, len(levels))
	site.Parallel(len(levels), func(i int) { infos[i] = m.analyse(levels[i].t, levels[i].l) })
	for i, lv := range levels {
		m.info[lv.l] = infos[i]
	}
	return m
}

// levelBefore reports whether level a comes before level b in a track:
// the ladder's levels in ladder order, then extra levels in configuration
// order.
func levelBefore(cfg *lint.Config, a, b *TrackLevel) bool {
	switch {
	case a.Rung >= 0 && b.Rung >= 0:
		return a.Rung < b.Rung
	case a.Rung >= 0:
		return true
	case b.Rung >= 0:
		return false
	}
	extra := func(key string) int {
		return slices.IndexFunc(cfg.ExtraLevels, func(l string) bool { return strings.ToLower(l) == key })
	}
	return extra(a.Key) < extra(b.Key)
}

// all returns the track's levels and its unread levels, in track order.
func (t *Track) all(cfg *lint.Config) []*TrackLevel {
	out := append(slices.Clone(t.Levels), t.Unread...)
	sort.SliceStable(out, func(i, j int) bool { return levelBefore(cfg, out[i], out[j]) })
	return out
}

// unreadProblem returns why a level page has nothing the ladder rules can
// compare, "" when it has: it could not be read or parsed (the last of its
// file problems, which stopped the parse), or its front matter never
// closes (the rest of the file is front matter, and Hugo fails the
// build).
func unreadProblem(p *lint.Page) string {
	if !p.Parsed() {
		if n := len(p.Problems); n > 0 {
			return p.Problems[n-1].Message
		}
		return "cannot read file"
	}
	if fm := p.FrontMatter; fm != nil && fm.Err != nil && fm.Err.Unclosed {
		return fm.Err.Message
	}
	return ""
}

// indexNotAPage says why a track's _index.md that is what (Site.NotAPage)
// is no index page.
func indexNotAPage(what string) string {
	switch what {
	case "a folder":
		return "_index.md is a folder, not a page"
	case "a symlink":
		return "_index.md is a symlink, for which Hugo publishes no page"
	}
	return "_index.md is " + what + ", not a regular file"
}

// indexPath returns the root-relative path of a folder's own section
// page: its _index.en.md when the folder holds one, since Hugo keeps the
// file with the default language's suffix of two that are one page (see
// lint.SamePage), else its _index.md, which may not exist.
func (m *ladderModel) indexPath(dir string) string {
	m.indexMu.Lock()
	defer m.indexMu.Unlock()
	if p, ok := m.indexPaths[dir]; ok {
		return p
	}
	p := dir + "/_index.md"
	for _, name := range m.site.FolderFiles(dir) {
		if strings.EqualFold(name, "_index.en.md") {
			p = dir + "/" + name
			break
		}
	}
	if m.indexPaths == nil {
		m.indexPaths = map[string]string{}
	}
	m.indexPaths[dir] = p
	return p
}

// findIndex sets a track's index page: its folder's _index.md, else the
// nearest parent folder's _index.md that links one of its levels.
func (m *ladderModel) findIndex(t *Track) {
	if p := m.contentPage(t.IndexPath); p != nil && unreadProblem(p) == "" {
		t.Index, t.OwnIndex = p, true
		return
	}
	if slices.Contains(m.site.FolderFiles(t.Dir), path.Base(t.IndexPath)) {
		// The folder has an index that could not be read: not a parent
		// folder's in its place.
		t.IndexProblem = unreadProblem(m.pageOrProblem(t.IndexPath))
		return
	}
	if what := m.site.NotAPage(t.IndexPath); what != "" {
		// Nor one that is no regular file: a folder, a symlink, a named
		// pipe (file-format reports it where the run reads it).
		t.IndexProblem = indexNotAPage(what)
		return
	}
	content := path.Clean(m.cfg.Content)
	for dir := path.Dir(t.Dir); dir != "." && dir != "/" && (content == "." || dir == content || strings.HasPrefix(dir, content+"/")); dir = path.Dir(dir) {
		p := m.contentPage(m.indexPath(dir))
		if p == nil || !p.Parsed() {
			continue
		}
		for _, cl := range m.renderedLinks(p) {
			f := m.linkedFile(cl)
			if to := m.movedInto(cl.Check, t); to != "" {
				f = to
			}
			if f != "" && m.byPage[f] != nil && m.trackOf[m.byPage[f]] == t {
				t.Index = p
				return
			}
		}
	}
}

// pageOrProblem returns a content file as contentPage does or, when it
// cannot be read, as an unparsed page holding why (Site.ReadProblem).
func (m *ladderModel) pageOrProblem(file string) *lint.Page {
	if p := m.contentPage(file); p != nil {
		return p
	}
	pr := lint.FileProblem{Kind: lint.ProblemUnreadable, Message: "cannot read file"}
	if rp := m.site.ReadProblem(file); rp != nil {
		pr = *rp
	}
	return lint.NewUnparsedPage(file, pr)
}

// contentPage returns a content page fully parsed: the linted page, or
// the file read and parsed for the ladder (an _index.md outside the page
// globs, a context level: a link target's lean parse keeps too little of
// it). It returns
// nil when the file does not exist or cannot be read.
func (m *ladderModel) contentPage(file string) *lint.Page {
	if p := m.site.Page(file); p != nil {
		return p
	}
	if p, ok := m.read[file]; ok {
		return p
	}
	var p *lint.Page
	if src := m.site.Source(file); src != nil {
		p = lint.ParsePage(file, src, m.cfg.ParseOptions())
	}
	m.read[file] = p
	return p
}

// renderedLinks returns the links rendered on a page, resolved, and the
// links of the files that its include shortcodes with an older include path
// mean (see canonicalInclude), placed at their include: include-target
// reports such an include, and the ladder rules read the file it means
// rather than report the same cause again.
func (m *ladderModel) renderedLinks(p *lint.Page) []lint.CheckedLink {
	out := slices.Clone(m.site.CheckedLinks(p))
	for _, inc := range p.Includes {
		canon, ok := m.canonicalInclude(inc.Target)
		if ok {
			continue
		}
		it := m.site.ResolveInclude(m.target(canon))
		if it.Err != nil || it.Page == nil {
			continue
		}
		for i := range it.Page.Links {
			ln := &it.Page.Links[i]
			out = append(out, lint.CheckedLink{PageLink: lint.PageLink{Link: ln, File: it.Page, Via: inc.Span}, Check: m.site.CheckLink(p, *ln)})
		}
	}
	return out
}

// linkedFile returns the content file a rendered link points at: its
// target when it resolves, else the page its did-you-mean suggestion
// resolves to (a stale URL, which link-target reports), else "".
func (m *ladderModel) linkedFile(cl lint.CheckedLink) string {
	return linkedFile(m.site, cl.Check)
}

// folderMoved returns the move of the change being linted
// (--changed-since) of the page a link names by its old URL, when that
// URL's folder serves no page any more: the whole folder moved (a
// track's), and the link, which link-target reports with the page's new
// URL, still names that page. A URL whose folder still serves pages names
// a level the change took out of it (a level moved to another track),
// which the link no longer lists.
func folderMoved(site *lint.Site, c lint.LinkCheck) (lint.Move, bool) {
	if c.Dest.Kind != lint.DestPage || c.Found {
		return lint.Move{}, false
	}
	mv, ok := site.MovedFrom(c.Dest.Path)
	if !ok || site.ServesUnder(urlFolder(c.Dest.Path)) {
		return lint.Move{}, false
	}
	return mv, true
}

// movedInto returns the level page of track t that a link points at when
// it links the URL a page had before the change being linted moved its
// folder to t's, the page keeping its file name (folderMoved: the whole
// track moved, git mv dev/backend dev/server-side): link-target's finding
// on the link names the new URL, and the link lists that level all the
// same, rather than the page whose URL is spelt closest to the old one
// (linkedFile). It returns "" for any other link.
func (m *ladderModel) movedInto(c lint.LinkCheck, t *Track) string {
	mv, ok := folderMoved(m.site, c)
	if !ok || levelFileName(mv.From) != levelFileName(mv.To) || levelDir(mv.To) != t.Dir {
		return ""
	}
	return mv.To
}

func linkedFile(site *lint.Site, c lint.LinkCheck) string {
	switch {
	case c.Found && (c.Dest.Kind == lint.DestPage || c.Dest.Kind == lint.DestRef):
		return c.Target
	case c.Dest.Kind == lint.DestPage && !c.Found:
		// A level linked at an old URL (its folder moved) is the level
		// the closest URL serves. A URL whose folder still serves pages
		// names a level that is not there (deleted, or never written):
		// the closest URL is then likely the same level of another track,
		// and counts only when it is in the same folder (the level's URL
		// in another case, as .htm, or misspelt).
		if mv, ok := site.MovedFrom(c.Dest.Path); ok && mv.From == mv.To {
			// A page the change being linted serves at another URL
			// where it is (its front matter's url or slug changed):
			// link-target names its new URL, and the link is still to
			// that page.
			return mv.To
		}
		if f, _ := site.BundleResourceAt(c.Dest.Path); f != "" {
			// A level page that a leaf bundle holds (a track written
			// with index.md in place of _index.md): the link names it,
			// and link-target says Hugo makes it a resource.
			return f
		}
		s := site.SuggestURL(c.Dest.Path)
		if s == "" {
			return ""
		}
		if parent := urlFolder(c.Dest.Path); parent != "/" && site.ServesUnder(parent) && urlFolder(s) != parent {
			return ""
		}
		return site.ResolveURL(s).File
	}
	return ""
}

// urlFolder returns the URL folder a site path is in, ending with a
// slash: "/a/b/" for "/a/b/c/" and "/a/b/c.htm", "/" for "/c/".
func urlFolder(sitePath string) string {
	if dir := path.Dir(strings.TrimSuffix(sitePath, "/")); dir != "/" && dir != "." {
		return dir + "/"
	}
	return "/"
}

// levelInfo is what the ladder rules read from one level page.
type levelInfo struct {
	// sections are the page's own headings (not those of included
	// files), in order.
	sections []ladderSection
	// toc is the page's list of links to its sections, nil when none.
	toc *tocInfo
	// includes are the page's own include shortcodes, malformed ones
	// (which shortcode-syntax reports) included.
	includes []ladderInclude
	// items are the list items of the page and of the files it includes,
	// each at its offset in the page (an included file's at its include).
	items []int
}

// ladderSection is one own heading of a level page.
type ladderSection struct {
	H *lint.Heading
	// Key identifies the section across the levels of a track: the depth
	// and the text with level names abstracted, lower-cased; a second
	// heading of the same key gets " (2)" and so on.
	Key string
	// Display is the heading with level names abstracted, as written:
	// "### {level} Leadership Competencies".
	Display string
	// Entry is the template entry the heading stands for, -1 for none;
	// Required is true when that entry is not optional; Flagged when
	// required-sections reports the heading (duplicate, out of order or at
	// the wrong depth, or likely a missing section misspelt). Both are
	// false when required-sections is off.
	Entry    int
	Required bool
	Flagged  bool
	// Other is true when the heading names a level other than the page's
	// own (a "### Intermediate Competencies" section on senior.md).
	Other bool
	// Wildcard is true when the heading stands for a template entry
	// written with a wildcard ("## *{level}*"): Key is the entry, whatever
	// the heading says (see levelHeadingDrift).
	Wildcard bool
	// Items is the number of list items in the section, up to the next
	// heading of the same or a higher level, included files counted.
	Items int
}

// tocInfo is a level page's list of links to its own sections.
type tocInfo struct {
	List *lint.List
	// Items are its links to sections, keyed by their fragment with level
	// names abstracted.
	Items []tocItem
	// Section is the key of the section holding the list, "" before any
	// heading.
	Section string
}

type tocItem struct {
	Link *lint.Link
	Key  string
}

// ladderInclude is one include shortcode of a level page.
type ladderInclude struct {
	// Target is the include path as written; Span is where it is written,
	// Via the whole shortcode.
	Target string
	Span   lint.Span
	Via    lint.Span
	// Canon is the root-relative file the include means: the file it
	// resolves to, else the file of the same name in another include folder
	// that include-target suggests (an older include path), else the
	// path it would have in the first include root.
	Canon string
	// Key is Canon with the level names of its file name abstracted:
	// "assets/includes/engineering-careers/{level}-technical-competency.md".
	Key string
	// Leveled reports whether Key holds {level}.
	Leveled bool
	// Exists reports whether the include resolves as written.
	Exists bool
	// Section is the key of the own section holding the include.
	Section string
}

const (
	levelPlaceholder = "{level}"
	otherPlaceholder = "{other}"
)

// analyse reads what the ladder rules compare from one level page.
func (m *ladderModel) analyse(t *Track, l *TrackLevel) *levelInfo {
	p := l.Page
	li := &levelInfo{}
	var o *outline
	if oo, ok := buildOutline(m.site, m.cfg, p, m.rs); ok {
		o = oo
	}
	seen := map[string]int{}
	add := func(h *lint.Heading, entry int, required, flagged bool) {
		text, src := strings.TrimSpace(h.Text), h.Written()
		own := l.Key
		if entry >= 0 {
			own = "" // the template's {level}: any level name, which level-name checks
		}
		abstracted := m.abstract(text, own, textJoiners)
		other := strings.Contains(abstracted, otherPlaceholder)
		display := strings.Repeat("#", h.Level) + " " + m.abstract(src, own, textJoiners)
		key := normalizeKey(strings.Repeat("#", h.Level) + " " + abstracted)
		wildcard := entry >= 0 && o.Entries[entry].hasStar
		if wildcard {
			// A heading such as "## *{level}*" differs by design from
			// level to level: the template entry is its identity.
			key = fmt.Sprintf("%s <template %d>", strings.Repeat("#", h.Level), entry)
		}
		seen[key]++
		if n := seen[key]; n > 1 {
			key += fmt.Sprintf(" (%d)", n)
		}
		li.sections = append(li.sections, ladderSection{H: h, Key: key, Display: display, Entry: entry, Required: required, Flagged: flagged, Other: other, Wildcard: wildcard})
	}
	if o != nil {
		// What required-sections reports, the ladder rules leave to it;
		// with it off, they compare those sections as any other.
		rsOn := m.cfg.Severity(RequiredSections) != lint.Off
		if order := o.inOrder(); len(order) > 0 && rsOn {
			o.missing(order) // marks the headings required-sections offers for a missing one
		}
		for i := range o.Headings {
			sh := &o.Headings[i]
			if sh.Included {
				continue
			}
			required := sh.Entry >= 0 && !o.Entries[sh.Entry].Optional
			add(sh.H, sh.Entry, required && rsOn, rsOn && (sh.Duplicate || sh.OutOfOrder || sh.WrongDepth || sh.hint))
		}
	} else {
		for i := range p.Headings {
			add(&p.Headings[i], -1, false, false)
		}
	}
	li.items = m.itemOffsets(p)
	for i := range li.sections {
		s := &li.sections[i]
		end := noOffset
		for _, n := range li.sections[i+1:] {
			if n.H.Level <= s.H.Level {
				end = n.H.Span.Start
				break
			}
		}
		// The items are in order: those of the section lie between two
		// searches, not found by reading every item for each section.
		from, _ := slices.BinarySearch(li.items, s.H.Span.Start)
		to, _ := slices.BinarySearch(li.items, end)
		s.Items += max(to-from, 0)
	}
	li.toc = m.findTOC(li, p)
	li.includes = m.includesOf(li, p)
	return li
}

const noOffset = int(^uint(0) >> 1)

// sectionAt returns the key of the own section holding offset off, "" when
// it comes before any heading.
func (li *levelInfo) sectionAt(off int) string {
	key := ""
	for _, s := range li.sections {
		if s.H.Span.Start > off {
			break
		}
		key = s.Key
	}
	return key
}

// section returns the page's section of a key, or nil.
func (li *levelInfo) section(key string) *ladderSection {
	for i := range li.sections {
		if li.sections[i].Key == key {
			return &li.sections[i]
		}
	}
	return nil
}

// abstract replaces the level names in s: with {level} when own is "" or
// the name is of level own, with {other} for other levels.
func (m *ladderModel) abstract(s, own, joiners string) string {
	return m.abstractBy(s, joiners, func(key string) string {
		if own == "" || key == own {
			return levelPlaceholder
		}
		return otherPlaceholder
	})
}

// abstractBy writes each level name found in s (joined by joiners) as
// place returns for its level key, or as written where place returns "".
func (m *ladderModel) abstractBy(s, joiners string, place func(key string) string) string {
	ws := m.levels.find(s, joiners, false)
	if len(ws) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, w := range ws {
		b.WriteString(s[last:w.Start])
		if r := place(w.Key); r != "" {
			b.WriteString(r)
		} else {
			b.WriteString(s[w.Start:w.End])
		}
		last = w.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// normalizeKey lower-cases a text and collapses its white space.
func normalizeKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// itemOffsets returns the offset of every list item of a page, nested ones
// included; the items of an included file (and of the files it includes)
// are placed at the include shortcode. Include cycles are cut; a page past
// lint.MaxIncludeExpansion gives its own items only.
func (m *ladderModel) itemOffsets(p *lint.Page) []int {
	var out []int
	// Counts are memoised per file, so that a file included many times
	// (or a fan of includes of includes) is counted once.
	memo := map[string]int{}
	onPath := map[string]bool{p.Path: true} // the files being counted: an include of one is a cycle
	var count func(f *lint.Page) int
	count = func(f *lint.Page) int {
		if onPath[f.Path] {
			return 0
		}
		if n, ok := memo[f.Path]; ok {
			return n
		}
		onPath[f.Path] = true
		defer delete(onPath, f.Path)
		n := 0
		for _, l := range f.Lists {
			n += len(l.Items)
		}
		for _, inc := range f.Includes {
			if it := m.site.ResolveInclude(inc.Target); it.Err == nil && it.Page != nil && it.Page.Parsed() {
				n += count(it.Page)
			}
		}
		memo[f.Path] = n
		return n
	}
	for _, l := range p.Lists {
		for _, it := range l.Items {
			out = append(out, it.MarkerStart)
		}
	}
	expand := m.site.ExpandsIncludes(p)
	for _, inc := range p.Includes {
		if it := m.site.ResolveInclude(inc.Target); expand && it.Err == nil && it.Page != nil && it.Page.Parsed() {
			for range count(it.Page) {
				out = append(out, inc.Span.Start)
			}
		}
	}
	slices.Sort(out)
	return out
}

// findTOC finds a page's list of links to its own sections: the top-level
// list with the most links to fragments, at least two, that are at least
// half of its items.
func (m *ladderModel) findTOC(li *levelInfo, p *lint.Page) *tocInfo {
	// The page's links by offset, so that each list finds its own links
	// without going through every link of the page.
	byStart := make([]int, len(p.Links))
	for i := range byStart {
		byStart[i] = i
	}
	sort.SliceStable(byStart, func(a, b int) bool { return p.Links[byStart[a]].Span.Start < p.Links[byStart[b]].Span.Start })
	var best *tocInfo
	for i := range p.Lists {
		list := &p.Lists[i]
		if list.Depth != 0 || len(list.Items) < 2 {
			continue
		}
		var items []tocItem
		first := sort.Search(len(byStart), func(k int) bool { return p.Links[byStart[k]].Span.Start >= list.Span.Start })
		for _, k := range byStart[first:] {
			ln := &p.Links[k]
			if ln.Span.Start >= list.Span.End {
				break
			}
			if ln.Kind != lint.InlineLink || ln.Shortcode != "" {
				continue
			}
			frag, ok := strings.CutPrefix(strings.TrimSpace(ln.Dest), "#")
			if !ok || frag == "" {
				continue
			}
			items = append(items, tocItem{Link: ln, Key: normalizeKey(m.abstract(frag, "", "-"))})
		}
		if len(items) < 2 || 2*len(items) < len(list.Items) {
			continue
		}
		if best == nil || len(items) > len(best.Items) {
			best = &tocInfo{List: list, Items: items, Section: li.sectionAt(list.Span.Start)}
		}
	}
	return best
}

// includesOf lists a page's include shortcodes with the files they mean.
func (m *ladderModel) includesOf(li *levelInfo, p *lint.Page) []ladderInclude {
	var out []ladderInclude
	for _, sc := range p.Shortcodes {
		if sc.Closing || sc.Escaped || len(sc.Args) == 0 || !slices.Contains(m.cfg.Shortcodes.Include, sc.Name) {
			continue
		}
		a := sc.Args[0]
		if strings.TrimSpace(a.Value) == "" {
			continue
		}
		inc := ladderInclude{Target: a.Value, Span: p.Span(a.ValueStart, a.ValueEnd), Via: p.Span(sc.Start, sc.End), Section: li.sectionAt(sc.Start)}
		inc.Canon, inc.Exists = m.canonicalInclude(a.Value)
		dir, base := path.Split(inc.Canon)
		ab := m.abstract(base, "", nameJoiners)
		inc.Key = dir + ab
		inc.Leveled = strings.Contains(ab, levelPlaceholder)
		out = append(out, inc)
	}
	return out
}

// canonicalInclude returns the root-relative file an include target means
// and whether it resolves as written. A missing target whose file name
// exists in another include folder (an include path of an older era, such
// as includes/engineering/ for includes/engineering-careers/) means that
// file: include-target reports the path, the ladder rules compare the
// file.
func (m *ladderModel) canonicalInclude(target string) (string, bool) {
	it := m.site.ResolveInclude(target)
	if it.Err == nil && it.Page != nil {
		return it.Path, true
	}
	if s := includeSuggestion(m.site, target); s != "" && strings.EqualFold(path.Base(s), path.Base(target)) {
		if st := m.site.ResolveInclude(s); st.Err == nil {
			return st.Path, false
		}
	}
	return it.Path, false
}

// instantiate writes an abstracted include key for a level: {level} becomes
// the level's file name in the style of the rest of the name (lower-case
// when the level's file name is, "_" between words when the name uses
// "_").
func instantiate(key string, l *TrackLevel) string {
	dir, base := path.Split(key)
	repl := l.Stem
	if strings.Contains(base, "_") && !strings.Contains(strings.ReplaceAll(base, levelPlaceholder, ""), "-") {
		repl = strings.ReplaceAll(repl, "-", "_")
	}
	return dir + strings.ReplaceAll(base, levelPlaceholder, repl)
}

// levelHeading returns where a level page is reported when a finding has
// no better line: its first own heading, else the start of its body.
func levelHeading(l *TrackLevel) lint.Span {
	p := l.Page
	if len(p.Headings) > 0 {
		return p.Headings[0].Span
	}
	start := 0
	if p.FrontMatter != nil {
		start = p.FrontMatter.End
	}
	return p.Span(start, start)
}

// maxCompared bounds what the ladder rules compare across the levels of
// a track: a level page with more own sections or includes than this (a
// generated or hostile page; real ones have a few dozen) keeps its track
// from being compared, so that the comparisons, quadratic in the worst
// case, stay cheap.
const maxCompared = 1000

// comparable reports whether every level of a track is small enough to
// compare (see maxCompared); when one is not, the finding that says so, on
// the first such level.
func (m *ladderModel) comparable(t *Track) (bool, *ladderFinding) {
	for _, l := range t.Levels {
		li := m.info[l]
		what, n := "sections", len(li.sections)
		if len(li.includes) > maxCompared {
			what, n = "includes", len(li.includes)
		}
		if n > maxCompared {
			d := lint.Diagnostic{Span: levelHeading(l), Message: fmt.Sprintf("the levels of track %s are not compared: this page has %d %s, more than the %d the ladder rules compare", trackName(t), n, what, maxCompared)}
			return false, &ladderFinding{Track: t, Level: l, Diag: d}
		}
	}
	return true, nil
}

// ladderFinding is a finding of a ladder rule with the track, level and
// section it concerns, so that the overview can mark the cell.
type ladderFinding struct {
	Track *Track
	// Level is the level page concerned, nil for a finding about the
	// track as a whole; Section the key of the section concerned, "" for
	// none.
	Level   *TrackLevel
	Section string
	Diag    lint.Diagnostic
	// Mend is set on a ladder-sections finding on a heading written
	// otherwise than on the sibling levels, when renaming it as they write
	// it also mends a link of the page's list of links to sections.
	Mend *headingMend
}

// headingMend is a link of a level page that a heading renamed as the
// sibling levels write it would mend.
type headingMend struct {
	// Link is the link to a section that no anchor of the page matches,
	// and Fragment its fragment as written (without "#").
	Link     *lint.Link
	Fragment string
	// Heading is the heading as the page writes it; As is how the sibling
	// levels write it ("### Leadership Competencies"), and Siblings names
	// them ("intermediate.md and staff.md").
	Heading      *lint.Heading
	As, Siblings string
}

// names lists level page file names for a message: "a.md", "a.md and
// b.md", "a.md, b.md and c.md".
func names(ls []*TrackLevel) string {
	var s []string
	for _, l := range ls {
		s = append(s, l.Name())
	}
	return joinAnd(s)
}

// sectionConsensus is what the levels of a track agree on for their
// sections, by section key.
func (m *ladderModel) sectionConsensus(t *Track) *consensus {
	var seqs [][]string
	for _, l := range t.Levels {
		var seq []string
		for _, s := range m.info[l].sections {
			seq = append(seq, s.Key)
		}
		seqs = append(seqs, seq)
	}
	return newConsensus(seqs)
}

// consensus is what the levels of a track agree on for one kind of item
// (sections, includes, links to sections): how many levels have each key,
// and the keys in the order the levels write them.
type consensus struct {
	n     int
	count map[string]int
	// order holds every key, ordered by its mean relative position in the
	// levels that have it, ties by first appearance.
	order []string
	rank  map[string]int
}

// newConsensus builds the consensus of the levels' key sequences (one per
// level; a key counts once per level).
func newConsensus(seqs [][]string) *consensus {
	c := &consensus{n: len(seqs), count: map[string]int{}, rank: map[string]int{}}
	sum := map[string]float64{}
	first := map[string]int{}
	k := 0
	for _, seq := range seqs {
		seen := map[string]bool{}
		for i, key := range seq {
			if seen[key] {
				continue
			}
			seen[key] = true
			c.count[key]++
			pos := 0.0
			if len(seq) > 1 {
				pos = float64(i) / float64(len(seq)-1)
			}
			sum[key] += pos
			if _, ok := first[key]; !ok {
				first[key] = k
				c.order = append(c.order, key)
			}
			k++
		}
	}
	sort.SliceStable(c.order, func(i, j int) bool {
		a, b := c.order[i], c.order[j]
		ma, mb := sum[a]/float64(c.count[a]), sum[b]/float64(c.count[b])
		if ma != mb {
			return ma < mb
		}
		return first[a] < first[b]
	})
	for i, key := range c.order {
		c.rank[key] = i
	}
	return c
}

// normal reports whether more than half of the levels have the key: what
// the track does. Exactly half is a tie, neither normal nor rare.
func (c *consensus) normal(key string) bool { return 2*c.count[key] > c.n }

// rare reports whether fewer than half of the levels have the key.
func (c *consensus) rare(key string) bool { return 2*c.count[key] < c.n }

// keptInOrder returns, for a level's sequence of keys, which of them are in
// the consensus order: the heaviest subsequence whose ranks increase
// (weight gives each position's weight). The others are out of order.
func (c *consensus) keptInOrder(seq []string, weight func(i int) int) []bool {
	n := len(seq)
	best, prev := make([]int, n), make([]int, n)
	end := -1
	for i := 0; i < n; i++ {
		best[i], prev[i] = weight(i), -1
		for j := 0; j < i; j++ {
			if c.rank[seq[j]] < c.rank[seq[i]] && best[j]+weight(i) > best[i] {
				best[i], prev[i] = best[j]+weight(i), j
			}
		}
		if end < 0 || best[i] > best[end] {
			end = i
		}
	}
	keep := make([]bool, n)
	for i := end; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

// relatedAt returns related locations for a finding: one per sibling,
// with a message.
func relatedAt(spans []lint.Span, msg string) []lint.Related {
	var out []lint.Related
	for _, s := range spans {
		out = append(out, lint.Related{Span: s, Message: msg})
	}
	return out
}
