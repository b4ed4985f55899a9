package lsp

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"gitlab.com/careerlint/careerlint/lint"
)

// maxCompletions bounds the items of one completion list; past it the
// list is marked incomplete, and the client asks again as the user types.
const maxCompletions = 500

var (
	// linkDestBefore matches the text of a line before the cursor when
	// the cursor is in an inline link's destination: "[text](" and the
	// destination so far (group 1), without a space or a bracket. A
	// destination in <...> is left out: it may hold spaces.
	linkDestBefore = regexp.MustCompile(`\]\(([^\s()<>]*)$`)
	// refDefBefore is the same in a link reference definition:
	// "[label]: " and the destination so far.
	refDefBefore = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]+([^\s<>]*)$`)
	// refBefore is the same in the quoted path of a ref or relref
	// shortcode: the path so far in group 1.
	// Its path is the first argument, quoted or raw-quoted, or the named
	// argument path.
	refBefore = regexp.MustCompile(`\{\{[<%]-?\s*(?:` + strings.Join(lint.RefShortcodes, "|") + `)\s+(?:path\s*=\s*)?["` + "`" + `]([^"` + "`" + `]*)$`)
)

// includeBefore returns the expression that matches the text of a line
// before the cursor when the cursor is in the quoted path of one of the
// configuration's include shortcodes, the path so far in group 1.
// It is compiled once for each list of names (includeRegexps), not at
// each trigger character.
func includeBefore(cfg *lint.Config) *regexp.Regexp {
	names := make([]string, len(cfg.Shortcodes.Include))
	for i, n := range cfg.Shortcodes.Include {
		names[i] = regexp.QuoteMeta(n)
	}
	key := strings.Join(names, "|")
	if re, ok := includeRegexps.Load(key); ok {
		return re.(*regexp.Regexp)
	}
	re, _ := includeRegexps.LoadOrStore(key, regexp.MustCompile(`\{\{[<%]-?\s*(?:`+key+`)\s+"([^"]*)$`))
	return re.(*regexp.Regexp)
}

// includeRegexps holds includeBefore's expressions by their list of
// names: a workspace's configuration names one list.
var includeRegexps sync.Map

// completion offers what may be written at the cursor, from the site as
// the linter sees it: in a link's destination after "#", the anchors of
// the page the destination names (of this page for "#" alone); in a site
// path ("/handbook/..."), the URL segments that go on from its last "/",
// and in a relative path ("../") those under the folder it reaches from
// the page's URL (in an included file, from every page that renders it);
// in an include shortcode's path, the include files; in a ref or relref
// shortcode's path, page names, the pages and folders under a folder, and
// after "#" the anchors of the page the ref reaches. Each item replaces
// the word the cursor is in (what was typed of it, and the rest of it
// after the cursor). Nothing is offered elsewhere, nor for a link in
// code (a shortcode's path completes there: Hugo runs shortcodes in code).
func (s *server) completion(ctx context.Context, snap snapshot, pos Position) CompletionList {
	empty := CompletionList{Items: []CompletionItem{}}
	t := newLineTable(snap.text)
	off := t.offset(pos)
	lineStart, lineEnd := off, off
	for lineStart > 0 && snap.text[lineStart-1] != '\n' {
		lineStart--
	}
	for lineEnd < len(snap.text) && snap.text[lineEnd] != '\n' && snap.text[lineEnd] != '\r' {
		lineEnd++
	}
	before, after := string(snap.text[lineStart:off]), string(snap.text[off:lineEnd])
	// word returns the range of the n bytes typed before the cursor and
	// of what follows it up to one of stops. slashNext records that a "/"
	// ends it: an item that ends in one (a folder) then writes over that
	// one too, or it would be doubled.
	slashNext := false
	word := func(n int, stops string) Range {
		rest := strings.IndexAny(after, stops)
		if rest < 0 {
			rest = len(after)
		}
		slashNext = rest < len(after) && after[rest] == '/'
		return t.rangeOf(off-n, off+rest)
	}
	// inShortcode is set for a path in a shortcode: Hugo runs shortcodes
	// in code spans and blocks too, and the lint checks them there.
	inShortcode := false
	const pathStops = "\"` \t}>"
	// The text is matched first: most trigger characters are typed where
	// there is nothing to offer, and the lint is not waited for.
	var complete func(a *analysis) CompletionList
	if m := includeBefore(snap.cfg).FindStringSubmatch(before); m != nil {
		inShortcode = true
		rng := word(len(m[1]), pathStops)
		complete = func(a *analysis) CompletionList { return includeCompletions(a.res.Site, m[1], rng) }
	} else if m := refBefore.FindStringSubmatch(before); m != nil {
		inShortcode = true
		ref := m[1]
		if p, frag, ok := strings.Cut(ref, "#"); ok {
			rng := word(len(frag), pathStops)
			complete = func(a *analysis) CompletionList {
				return anchorCompletions(a, !strings.HasPrefix(p, "/"), func(site *lint.Site, from *lint.Page) string {
					if p == "" {
						return from.Path
					}
					f, err := site.ResolveRef(from, p)
					if err != nil {
						return "" // a page with no URL, or none written: no anchors to link to
					}
					return f
				}, rng)
			}
		} else {
			i := strings.LastIndexByte(ref, '/')
			rng := word(len(ref)-i-1, "/#"+pathStops)
			complete = func(a *analysis) CompletionList { return refCompletions(a, ref[:i+1], ref[i+1:], rng) }
		}
	} else {
		m := linkDestBefore.FindStringSubmatch(before)
		if m == nil {
			m = refDefBefore.FindStringSubmatch(before)
		}
		if m == nil {
			return empty
		}
		dest := m[1]
		if p, frag, ok := strings.Cut(dest, "#"); ok {
			rng := word(len(frag), " \t)\"'")
			link := lint.Link{Kind: lint.InlineLink, Dest: p, DestStart: -1, DestEnd: -1}
			complete = func(a *analysis) CompletionList {
				relative := p == "" || a.res.Site.ClassifyDest(a.page, link).Relative
				return anchorCompletions(a, relative, func(site *lint.Site, from *lint.Page) string {
					if p == "" {
						return from.Path
					}
					c := site.CheckLink(from, link)
					if c.Dest.Kind != lint.DestPage || !c.Found {
						return ""
					}
					return c.Target
				}, rng)
			}
		} else if i := strings.LastIndexByte(dest, '/'); strings.ContainsAny(dest[i+1:], "?") {
			return empty // in a query string
		} else if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
			folder, err := url.PathUnescape(dest[:i+1])
			if err != nil {
				return empty
			}
			rng := word(len(dest)-i-1, "/#? \t)")
			complete = func(a *analysis) CompletionList { return urlCompletions(a.res.Site, folder, rng) }
		} else if i >= 0 && !strings.ContainsAny(dest[:i+1], ":?") {
			// A relative path ("../", "staff/"), resolved as the browser
			// resolves it from the page's URL.
			rel := dest[:i+1]
			rng := word(len(dest)-i-1, "/#? \t)")
			complete = func(a *analysis) CompletionList { return relativeCompletions(a, rel, rng) }
		} else {
			return empty
		}
	}
	a := s.analyze(ctx, snap)
	if a.res == nil || a.page == nil || !inShortcode && inCode(a.page, off) {
		return empty
	}
	list := complete(a)
	if slashNext {
		for i := range list.Items {
			if e := list.Items[i].TextEdit; e != nil && strings.HasSuffix(e.NewText, "/") {
				e.Range.End.Character++
			}
		}
	}
	return list
}

// inCode reports whether an offset of a parsed page is in a code block or
// a code span, where a link is text.
func inCode(p *lint.Page, off int) bool {
	if p.Doc == nil {
		return false
	}
	in := false
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if in {
			return ast.WalkStop, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			if lines.Len() > 0 && lines.At(0).Start <= off && off <= lines.At(lines.Len()-1).Stop {
				in = true
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok && t.Segment.Start <= off && off <= t.Segment.Stop {
					in = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return in
}

// anchorCompletions lists the anchors of the page that target names
// from the page a link is written on (its file, "" for none), each written
// over rng. In an included file, a link whose target depends on the page
// it renders on (relative: a fragment alone, a relative path, a ref
// without a leading slash) is resolved on each page that includes the
// file, and only the anchors all of their targets have are offered: those
// the link reaches wherever it renders.
func anchorCompletions(a *analysis, relative bool, target func(site *lint.Site, from *lint.Page) string, rng Range) CompletionList {
	site := a.res.Site
	var targets []*lint.Page
	if classify(a.snap.doc, a.snap.cfg) == kindOther && relative {
		if a.includers == nil {
			return CompletionList{Items: []CompletionItem{}}
		}
		site = a.includers.res.Site
		for _, p := range includingPages(a) {
			t := pageOrNil(site, target(site, p))
			if t == nil {
				// On one page that pastes the file the link reaches no
				// page: no anchor works everywhere.
				return CompletionList{Items: []CompletionItem{}}
			}
			targets = append(targets, t)
		}
	} else if t := pageOrNil(site, target(site, a.page)); t != nil {
		targets = append(targets, t)
	}
	if len(targets) == 0 {
		return CompletionList{Items: []CompletionItem{}}
	}
	// on counts the targets that have each ID (once per target).
	on := map[string]int{}
	for _, t := range targets[1:] {
		ids := map[string]bool{}
		for _, an := range site.Anchors(t) {
			if !ids[an.ID] {
				ids[an.ID] = true
				on[an.ID]++
			}
		}
	}
	first := targets[0]
	list := CompletionList{Items: []CompletionItem{}}
	seen := map[string]bool{}
	for _, an := range site.Anchors(first) {
		if an.ID == "" || an.Placeholder() || seen[an.ID] || on[an.ID] < len(targets)-1 {
			continue
		}
		seen[an.ID] = true
		if len(list.Items) == maxCompletions {
			list.IsIncomplete = true
			break
		}
		detail := "raw HTML anchor"
		if an.Heading != nil {
			detail = strings.Repeat("#", an.Heading.Level) + " " + an.Heading.Written()
		}
		if an.File != first.Path {
			detail += " (in " + an.File + ")"
		}
		list.Items = append(list.Items, CompletionItem{
			Label:    an.ID,
			Kind:     CompletionReference,
			Detail:   detail,
			SortText: sortKey(len(list.Items)), // the page's order
			TextEdit: &TextEdit{Range: rng, NewText: an.ID},
		})
	}
	for _, id := range site.Config.Links.LayoutAnchors {
		if !seen[id] && len(list.Items) < maxCompletions {
			seen[id] = true
			list.Items = append(list.Items, CompletionItem{Label: id, Kind: CompletionReference, Detail: "the layout's anchor (links.layout-anchors)", SortText: sortKey(len(list.Items)), TextEdit: &TextEdit{Range: rng, NewText: id}})
		}
	}
	return list
}

// urlCompletions lists the URL segments right under a site folder
// ("/handbook/"), each with its final slash, written over rng: a page's
// URL, or a folder whose pages are further down. A segment that only an
// alias gives is left out, as link-form asks for the page's own URL.
func urlCompletions(site *lint.Site, folder string, rng Range) CompletionList {
	return capped(urlItems(site, folder, rng))
}

// capped returns items as a completion list of at most maxCompletions,
// incomplete when it left some out.
func capped(items []CompletionItem) CompletionList {
	if len(items) > maxCompletions {
		return CompletionList{Items: items[:maxCompletions], IsIncomplete: true}
	}
	return CompletionList{Items: items}
}

// urlItems lists urlCompletions' items, all of them.
func urlItems(site *lint.Site, folder string, rng Range) []CompletionItem {
	items := []CompletionItem{}
	for _, seg := range site.URLChildren(folder) {
		u := folder + seg + "/"
		t := site.ResolveURL(u)
		item := CompletionItem{Label: seg + "/", TextEdit: &TextEdit{Range: rng, NewText: seg + "/"}}
		alias, _ := site.AliasOf(u)
		switch {
		case t.File != "" && alias == "":
			item.Kind, item.Detail = CompletionFile, t.File
		case len(site.URLChildren(u)) > 0:
			item.Kind, item.Detail = CompletionFolder, "pages under "+u
		default:
			continue // an alias, or a file URL such as /x.html
		}
		items = append(items, item)
	}
	return items
}

// relativeCompletions lists the URL segments under the folder a relative
// link path (rel, up to its last "/": "../", "../staff/") names from the
// page it is written on, as urlCompletions does for a site path. In an
// included file, rel is resolved on each page that includes it, and only
// the segments all of those folders have are offered: those the link
// reaches wherever it renders.
func relativeCompletions(a *analysis, rel string, rng Range) CompletionList {
	site, pages := a.res.Site, []*lint.Page{a.page}
	if classify(a.snap.doc, a.snap.cfg) == kindOther {
		if a.includers == nil {
			return CompletionList{Items: []CompletionItem{}}
		}
		site, pages = a.includers.res.Site, includingPages(a)
	}
	if len(pages) == 0 {
		return CompletionList{Items: []CompletionItem{}}
	}
	var items []CompletionItem
	on := map[string]int{}
	for i, p := range pages {
		d := site.ClassifyDest(p, lint.Link{Kind: lint.InlineLink, Dest: rel, DestStart: -1, DestEnd: -1})
		if !d.Relative || d.Path == "" {
			return CompletionList{Items: []CompletionItem{}}
		}
		got := urlItems(site, strings.TrimSuffix(d.Path, "/")+"/", rng)
		if i == 0 {
			items = got
		}
		for _, it := range got {
			on[it.Label]++
		}
	}
	// Cut to the most offered after the intersection, of whole lists.
	return capped(slices.DeleteFunc(items, func(it CompletionItem) bool { return on[it.Label] < len(pages) }))
}

// includeCompletions lists the include files whose path starts with the
// folder of what was typed, each written whole over rng.
func includeCompletions(site *lint.Site, typed string, rng Range) CompletionList {
	dir := typed[:strings.LastIndexByte(typed, '/')+1]
	list := CompletionList{Items: []CompletionItem{}}
	for _, f := range site.IncludeFiles() {
		if !strings.HasPrefix(f, dir) {
			continue
		}
		if len(list.Items) == maxCompletions {
			list.IsIncomplete = true
			break
		}
		list.Items = append(list.Items, CompletionItem{Label: f, Kind: CompletionFile, TextEdit: &TextEdit{Range: rng, NewText: f}})
	}
	return list
}

// pageOrNil returns the page of a content file the site reads as a link
// target, or nil for "" or a file it cannot read.
func pageOrNil(site *lint.Site, file string) *lint.Page {
	if file == "" {
		return nil
	}
	return site.Target(file)
}

// includingPages returns the pages of an include file's includers lint
// (analysis.includers) that render the file, directly or through another
// include: the search for them also takes a page that only names the
// file (in prose, in an escaped shortcode).
func includingPages(a *analysis) []*lint.Page {
	if a.includers == nil {
		return nil
	}
	site := a.includers.res.Site
	var out []*lint.Page
	for _, p := range site.Pages {
		for _, part := range site.RenderedParts(p) {
			if part.File != nil && part.File.Path == a.page.Path && part.File != p {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// refItem is one completion of a ref's path.
type refItem struct {
	label, detail string
	kind          int
}

// refCompletions lists what may follow dir in the path of a ref or
// relref shortcode (typed is what was written of the word after it),
// each written over rng (see refItems). In an included file, a ref
// without a leading slash resolves on each page that includes the file:
// only the items that reach a page from all of them are offered, with
// what they reach from the first.
func refCompletions(a *analysis, dir, typed string, rng Range) CompletionList {
	var items []refItem
	if classify(a.snap.doc, a.snap.cfg) == kindOther && !strings.HasPrefix(dir, "/") {
		pages := includingPages(a)
		if len(pages) == 0 {
			return CompletionList{Items: []CompletionItem{}}
		}
		on := map[string]int{}
		for i, p := range pages {
			got := refItems(a.includers.res.Site, p, dir, typed)
			if i == 0 {
				items = got
			}
			for _, it := range got {
				on[it.label]++
			}
		}
		items = slices.DeleteFunc(items, func(it refItem) bool { return on[it.label] < len(pages) })
	} else {
		items = refItems(a.res.Site, a.page, dir, typed)
	}
	list := CompletionList{Items: []CompletionItem{}}
	for _, it := range items {
		if len(list.Items) == maxCompletions {
			list.IsIncomplete = true
			break
		}
		list.Items = append(list.Items, CompletionItem{Label: it.label, Kind: it.kind, Detail: it.detail, SortText: sortKey(len(list.Items)), TextEdit: &TextEdit{Range: rng, NewText: it.label}})
	}
	return list
}

// refItems lists what may follow dir in a ref's path on page from, whose
// start is typed, each with what it reaches: with no folder, the names of
// the site's pages that reach a page alone (Hugo's lookup of a ref by its
// name: "values"); after a folder, the pages and folders in it, from the
// page's folder (a path without a leading slash; ".." stops at the
// content root) and from the content root (a path with one, or one not
// starting with "."), its segments matched as Hugo matches them (in any
// case, spaces as '-', percent escapes decoded). A page is offered only
// when the ref it makes reaches a page with a URL, a folder only when a
// page below it is one.
func refItems(site *lint.Site, from *lint.Page, dir, typed string) []refItem {
	// reaches returns what a ref reaches from the page, "" for nothing.
	reaches := func(ref string) string {
		f, err := site.ResolveRef(from, ref)
		switch {
		case err != nil || f == "":
			return ""
		case !site.HasFile(f):
			return "the section Hugo makes for " + path.Dir(f) + " (it has no _index.md)"
		}
		return f
	}
	seen := map[string]bool{}
	var items []refItem
	add := func(label, detail string, kind int) {
		if !seen[label] {
			seen[label] = true
			items = append(items, refItem{label, detail, kind})
		}
	}
	if dir == "" {
		if strings.HasPrefix(typed, ".") {
			return nil
		}
		prefix := strings.ToLower(strings.ReplaceAll(typed, " ", "-"))
		for _, n := range site.RefNames() {
			if strings.HasPrefix(n, prefix) {
				if f := reaches(n); f != "" {
					add(n, f, CompletionFile)
					if len(items) > maxCompletions {
						break
					}
				}
			}
		}
		return items
	}
	decoded, err := url.PathUnescape(dir)
	if err != nil {
		return nil
	}
	var bases []string // folders from the content root, "/x/y"
	if !strings.HasPrefix(decoded, "/") {
		if f, ok := site.RefFolder(from); ok {
			bases = append(bases, path.Join(f, decoded))
		}
	}
	if !strings.HasPrefix(decoded, ".") {
		bases = append(bases, path.Join("/", decoded))
	}
	for _, base := range bases {
		folder := contentFolder(site, base)
		if folder == "" {
			continue
		}
		for _, d := range site.FolderDirs(folder) {
			if f := reaches(dir + d); f != "" {
				add(d, f, CompletionFile) // the section or bundle
			}
			if site.RefFolderHasPages(path.Join(base, d)) {
				add(d+"/", "pages under "+path.Join(folder, d), CompletionFolder)
			}
		}
		for _, name := range site.FolderFiles(folder) {
			base := strings.TrimSuffix(name, path.Ext(name))
			if !strings.EqualFold(path.Ext(name), ".md") || base == "_index" || base == "index" || strings.HasPrefix(base, "_index.") || strings.HasPrefix(base, "index.") {
				continue
			}
			label := path.Base(site.RefPath(path.Join(folder, name))) // x.en.md is x
			if f := reaches(dir + label); f != "" {
				add(label, f, CompletionFile)
			}
		}
	}
	slices.SortStableFunc(items, func(x, y refItem) int {
		return cmp.Or(strings.Compare(strings.ToLower(x.label), strings.ToLower(y.label)), strings.Compare(x.label, y.label))
	})
	return items
}

// contentFolder returns the root-relative folder on disk that a folder
// of the content, as a path from the content root ("/handbook/team"),
// names as Hugo matches a ref's path: each segment in any case, spaces
// as '-'; "" when there is none.
func contentFolder(site *lint.Site, base string) string {
	cur := path.Clean(site.Config.Content)
	key := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "-")) }
	for _, seg := range strings.Split(strings.Trim(base, "/"), "/") {
		if seg == "" {
			continue
		}
		match := ""
		for _, d := range site.FolderDirs(cur) {
			if d == seg {
				match = d
				break
			}
			if match == "" && key(d) == key(seg) {
				match = d
			}
		}
		if match == "" {
			return ""
		}
		cur = path.Join(cur, match)
	}
	return cur
}

// sortKey keeps items in the order given: clients sort by SortText, else
// by label.
func sortKey(i int) string { return fmt.Sprintf("%05d", i) }
