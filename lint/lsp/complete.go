package lsp

import (
	"context"
	"fmt"
	"regexp"
	"strings"

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
	// includeBefore is the same in an include shortcode's quoted path.
	includeBefore = regexp.MustCompile(`\{\{[<%]-?\s*include\s+"([^"]*)$`)
)

// completion offers what may be written at the cursor, from the site as
// the linter sees it: in a link's destination after "#", the anchors of
// the page the destination names (of this page for "#" alone); in a site
// path ("/handbook/..."), the URL segments that go on from its last "/";
// in an include shortcode's path, the include files. Each item replaces
// what was typed of it. Elsewhere the list is empty.
func (s *server) completion(ctx context.Context, snap snapshot, pos Position) CompletionList {
	empty := CompletionList{Items: []CompletionItem{}}
	a := s.analyze(ctx, snap)
	if a.res == nil || a.page == nil {
		return empty
	}
	t := newLineTable(snap.text)
	off := t.offset(pos)
	lineStart := off
	for lineStart > 0 && snap.text[lineStart-1] != '\n' {
		lineStart--
	}
	before := string(snap.text[lineStart:off])
	// typed returns the range of the last n bytes before the cursor.
	typed := func(n int) Range { return t.rangeOf(off-n, off) }
	if m := includeBefore.FindStringSubmatch(before); m != nil {
		return includeCompletions(a.res.Site, m[1], typed(len(m[1])))
	}
	m := linkDestBefore.FindStringSubmatch(before)
	if m == nil {
		m = refDefBefore.FindStringSubmatch(before)
	}
	if m == nil {
		return empty
	}
	dest := m[1]
	if p, frag, ok := strings.Cut(dest, "#"); ok {
		return anchorCompletions(a, p, typed(len(frag)))
	}
	if i := strings.LastIndexByte(dest, '/'); strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
		return urlCompletions(a.res.Site, dest[:i+1], typed(len(dest)-i-1))
	}
	return empty
}

// anchorCompletions lists the anchors of the page a link's destination
// path names ("" for the page itself), each written over rng.
func anchorCompletions(a *analysis, destPath string, rng Range) CompletionList {
	site := a.res.Site
	include := classify(a.snap.doc, a.snap.cfg) == kindOther
	var target *lint.Page
	if destPath == "" {
		if include {
			// It renders on the pages that include the file, each with
			// its own anchors.
			return CompletionList{Items: []CompletionItem{}}
		}
		target = a.page
	} else {
		c := site.CheckLink(a.page, lint.Link{Kind: lint.InlineLink, Dest: destPath, DestStart: -1, DestEnd: -1})
		if c.Dest.Kind != lint.DestPage || !c.Found || c.Target == "" || include && c.Dest.Relative {
			return CompletionList{Items: []CompletionItem{}}
		}
		target = site.Target(c.Target)
	}
	if target == nil {
		return CompletionList{Items: []CompletionItem{}}
	}
	list := CompletionList{Items: []CompletionItem{}}
	seen := map[string]bool{}
	for _, an := range site.Anchors(target) {
		if an.ID == "" || an.Placeholder() || seen[an.ID] {
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
		if an.File != target.Path {
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
	return list
}

// urlCompletions lists the URL segments right under a site folder
// ("/handbook/"), each with its final slash, written over rng: a page's
// URL, or a folder whose pages are further down. A segment that only an
// alias gives is left out, as link-form asks for the page's own URL.
func urlCompletions(site *lint.Site, folder string, rng Range) CompletionList {
	list := CompletionList{Items: []CompletionItem{}}
	for _, seg := range site.URLChildren(folder) {
		u := folder + seg + "/"
		t := site.ResolveURL(u)
		item := CompletionItem{Label: seg + "/", TextEdit: &TextEdit{Range: rng, NewText: seg + "/"}}
		switch {
		case t.File != "" && !t.Alias:
			item.Kind, item.Detail = CompletionFile, t.File
		case len(site.URLChildren(u)) > 0:
			item.Kind, item.Detail = CompletionFolder, "pages under "+u
		default:
			continue // an alias, or a file URL such as /x.html
		}
		if len(list.Items) == maxCompletions {
			list.IsIncomplete = true
			break
		}
		list.Items = append(list.Items, item)
	}
	return list
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

// sortKey keeps items in the order given: clients sort by SortText, else
// by label.
func sortKey(i int) string { return fmt.Sprintf("%05d", i) }
