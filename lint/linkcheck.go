package lint

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// DestKind classifies a link destination.
type DestKind int

// The destination kinds.
const (
	// DestOther is a destination careerlint does not check: another
	// scheme or host, an external site prefix, a dynamic or empty one.
	DestOther DestKind = iota
	// DestFragment is an in-page "#anchor".
	DestFragment
	// DestPage is a page of this site, by URL path (site-relative,
	// relative, or an absolute URL of the site).
	DestPage
	// DestRef is a ref or relref shortcode naming a content file.
	DestRef
	// DestFile is a static file or page resource (a path with a file
	// extension other than .html).
	DestFile
)

// Dest is a link destination understood against the site.
type Dest struct {
	Kind DestKind
	// Path is the site path of a DestPage or DestFile link, decoded,
	// without query and fragment ("/handbook/values/"); the ref path for
	// DestRef.
	Path string
	// Fragment is the decoded fragment, "" when there is none.
	Fragment string
	// HasFragment is true when the destination has a "#", even empty.
	HasFragment bool
	// SiteURL is the configured site URL prefix an absolute link starts
	// with ("https://handbook.gitlab.com/"), "" for other links. It is set
	// on a DestOther too when the path is under an external prefix.
	SiteURL string
	// SitePathStart is the offset in Link.Dest where the site path
	// starts: 0 for a site-relative link, after the host for an absolute
	// site URL.
	SitePathStart int
	// Relative is true for a relative path resolved against the page URL.
	Relative bool
	// Base is the folder URL a relative link resolved against, with a
	// trailing slash ("/handbook/page/"); "" for other links.
	Base string
}

// ClassifyDest works out what a link of page from points at. A link in an
// included file is understood on the page that includes it: pass that page
// as from.
func (s *Site) ClassifyDest(from *Page, l Link) Dest {
	// goldmark writes a Markdown link's destination percent-encoded, white
	// space and all (a no-break space pasted before ")", "&nbsp;", the
	// space of "</x/ >"): the browser requests it with the space. Around
	// an HTML href it strips ASCII white space and control characters.
	raw := l.Dest
	if l.Kind == HTMLLink {
		raw = strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	}
	if l.Dynamic {
		return Dest{}
	}
	if l.Shortcode != "" {
		// Hugo takes a ref's argument as written: white space around it
		// is part of the path ("b.md " finds b.md by name, " b.md" and
		// "/handbook/b.md " find nothing).
		raw = l.Dest
		d := Dest{Kind: DestRef, Path: raw}
		if i := strings.IndexByte(raw, '#'); i >= 0 {
			d.Path, d.Fragment, d.HasFragment = raw[:i], decodeFragment(raw[i+1:]), true
		}
		if d.Path == "" && d.Fragment != "" {
			d.Kind = DestFragment
		}
		// With no fragment either (ref "#"), it stays a ref: Hugo writes
		// an empty link, which ResolveRef reports.
		return d
	}
	if raw == "" {
		return Dest{}
	}
	d := Dest{}
	rest := raw
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		d.Fragment, d.HasFragment = decodeFragment(rest[i+1:]), true
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest = rest[:i]
	}
	switch {
	case rest == "" && d.HasFragment:
		d.Kind = DestFragment
		return d
	case rest == "":
		return Dest{}
	case strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "//"):
		d.Path = decodePath(removeDotSegments(rest)) // as the browser requests it
	case hasScheme(rest) || strings.HasPrefix(rest, "//"):
		// "//host/path", protocol-relative, is the host's as well.
		prefix, start, ok := s.siteURL(rest)
		if !ok {
			return Dest{}
		}
		d.SiteURL, d.SitePathStart = prefix, start
		d.Path = decodePath(removeDotSegments(rest[start:]))
		if d.Path == "" {
			d.Path = "/"
		}
	default:
		if from == nil {
			return Dest{}
		}
		// As a browser does: against the page URL's folder (the URL itself
		// when it ends with "/", as Hugo's do unless front matter says).
		base := s.PageURL(from)
		if !strings.HasSuffix(base, "/") {
			base = path.Dir(base)
		}
		d.Path = decodePath(path.Join(base, rest))
		if strings.HasSuffix(rest, "/") {
			d.Path += "/"
		}
		d.Relative = true
		d.Base = base
		if !strings.HasSuffix(d.Base, "/") {
			d.Base += "/"
		}
	}
	for _, ext := range s.Config.Links.ExternalPrefixes {
		if underSitePath(d.Path, ext) || isFolderOf(d.Path, ext) {
			// Served by another project: not checked, but an absolute URL
			// of this site's host is still one (absolute-handbook-link).
			return Dest{SiteURL: d.SiteURL, SitePathStart: d.SitePathStart}
		}
	}
	d.Kind = DestPage
	if e := strings.ToLower(path.Ext(d.Path)); e != "" && e != ".html" && e != ".htm" && !strings.HasSuffix(d.Path, "/") && s.pageByPath(d.Path) == "" {
		d.Kind = DestFile // a page may have a dot in its name: /handbook/1.2-notes
	}
	return d
}

// RelativeURL writes the site path target relative to the folder URL base
// (which ends with "/"), as a relative link on a page served under base
// would be written: RelativeURL("/handbook/page/", "/handbook/values/") is
// "../values/". The trailing slash of target is kept.
func RelativeURL(base, target string) string {
	b := strings.Split(strings.Trim(base, "/"), "/")
	t := strings.Split(strings.Trim(target, "/"), "/")
	if b[0] == "" {
		b = nil
	}
	if t[0] == "" {
		t = nil
	}
	k := 0
	for k < len(b) && k < len(t) && b[k] == t[k] {
		k++
	}
	rel := strings.Repeat("../", len(b)-k) + strings.Join(t[k:], "/")
	switch {
	case k < len(t) && strings.HasSuffix(target, "/"):
		rel += "/"
	case rel == "":
		return "./"
	}
	if first, _, _ := strings.Cut(rel, "/"); strings.Contains(first, ":") {
		rel = "./" + rel // "a:b" would read as a scheme
	}
	return rel
}

// isFolderOf reports whether folder is p with a "/" after it (p+"/" ==
// folder, without building the string for every link).
func isFolderOf(p, folder string) bool {
	return len(folder) == len(p)+1 && folder[len(p)] == '/' && strings.HasPrefix(folder, p)
}

// hasScheme reports whether a destination starts with a URL scheme
// ("https:", "mailto:").
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// siteURL reports whether an absolute URL is a URL of this site: its
// scheme is http or https (or it has none, "//host/path"), its host (case-insensitive, "www." and the
// scheme's default port allowed) and the start of its path match a configured site URL. It returns the
// matching configured prefix and the offset where the URL's path starts
// (the site path: each site URL serves the site path of its own path).
func (s *Site) siteURL(raw string) (string, int, bool) {
	scheme, rest, ok := strings.Cut(raw, "://")
	pathAt := len(scheme) + 3 // where the host starts
	if strings.HasPrefix(raw, "//") {
		// Protocol-relative: the page's scheme, https on the site.
		scheme, rest, ok, pathAt = "https", raw[2:], true, 2
	}
	if !ok || (!strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "http")) {
		return "", 0, false
	}
	host, p := rest, "/"
	slash := strings.IndexByte(rest, '/')
	if slash >= 0 {
		host, p = rest[:slash], rest[slash:]
	}
	host = siteHost(scheme, host)
	for _, pre := range s.Config.Links.SiteURLs {
		u, err := url.Parse(pre)
		if err != nil {
			continue
		}
		if siteHost(u.Scheme, u.Host) != host {
			continue
		}
		// The browser removes dot segments first: "/handbook/../x" is not
		// under "/handbook/".
		if np := removeDotSegments(p); underSitePath(np, u.Path) || isFolderOf(np, u.Path) {
			start := pathAt + len(rest)
			if slash >= 0 {
				start = pathAt + slash
			}
			return pre, start, true
		}
	}
	return "", 0, false
}

// underSitePath reports whether a URL path (maybe with its query and
// fragment) is under a configured folder path, the path of a site URL or
// an external prefix, which names a folder whether or not it ends with
// "/": "https://example.com/handbook" serves /handbook/x/ but not
// /handbook-archive/x/, and "/jobs" holds /jobs/x/ but not /jobsite/.
func underSitePath(p, folder string) bool {
	if !strings.HasPrefix(p, folder) {
		return false
	}
	if strings.HasSuffix(folder, "/") || len(p) == len(folder) {
		return true
	}
	c := p[len(folder)]
	return c == '/' || c == '?' || c == '#'
}

// siteHost returns a URL's host as siteURL compares it: lower case,
// without "www." and without the scheme's default port (":443" for https,
// ":80" for http), which name the same server.
func siteHost(scheme, host string) string {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if h, port, ok := strings.Cut(host, ":"); ok && (port == "443" && strings.EqualFold(scheme, "https") || port == "80" && strings.EqualFold(scheme, "http")) {
		host = h
	}
	return host
}

func decodeFragment(f string) string {
	if !strings.Contains(f, "%") {
		return f
	}
	if d, err := url.PathUnescape(f); err == nil {
		return d
	}
	return f
}

// PageURL returns the URL path of a content page ("/handbook/values/"),
// honouring its front matter url and slug. A file outside the content
// root gives its folder-relative path.
func (s *Site) PageURL(p *Page) string {
	cr, ok := s.contentRel(p.Path)
	if !ok {
		return "/" + path.Dir(p.Path) + "/"
	}
	if p.FrontMatter != nil && p.FrontMatter.Root != nil {
		own, _, _ := pageURLs(cr, p.FrontMatter.Root)
		return own
	}
	own := logicalPath(cr)
	if own != "/" {
		own += "/"
	}
	return own
}

// FrontMatterURL reports whether a content page's front matter url or
// slug sets its URL (PageURL), rather than its path.
func (s *Site) FrontMatterURL(p *Page) bool {
	cr, ok := s.contentRel(p.Path)
	if !ok || p.FrontMatter == nil || p.FrontMatter.Root == nil {
		return false
	}
	_, _, moved := pageURLs(cr, p.FrontMatter.Root)
	return moved
}

// FileExists reports whether a site path names a file in a static root
// or the content root, and whether it could be checked at all (some
// static root exists).
func (s *Site) FileExists(sitePath string) (exists, checked bool) {
	rel := strings.TrimPrefix(path.Clean("/"+sitePath), "/")
	roots := append([]string{}, s.Config.Links.StaticRoots...)
	for _, r := range roots {
		if isDir(filepath.Join(s.Root, filepath.FromSlash(r))) {
			checked = true
		}
	}
	if !checked {
		return false, false
	}
	roots = append(roots, s.Config.Content)
	for _, r := range roots {
		if _, ok := s.overlay[path.Join(r, rel)]; ok {
			return true, true
		}
		if abs, err := s.Resolve(path.Join(r, rel)); err == nil {
			if fi, err := os.Stat(abs); err == nil && fi.Mode().IsRegular() {
				return true, true
			}
		}
	}
	return false, true
}

// LinkCheck is the outcome of resolving one link against the site.
type LinkCheck struct {
	Dest Dest
	// Checked is false when careerlint cannot tell whether the target
	// exists (another site, a dynamic destination, a file link on a site
	// without static roots).
	Checked bool
	// Target is the root-relative content file the link resolves to ("" for
	// a missing target and for file links). For an in-page fragment it is
	// the page the link renders on.
	Target string
	// Found reports whether the target exists.
	Found bool
	// Err is set for a ref Hugo cannot resolve unambiguously.
	Err error
}

// CheckLink resolves a link written on page from (for a link in an
// included file, the page that includes it).
func (s *Site) CheckLink(from *Page, l Link) LinkCheck {
	d := s.ClassifyDest(from, l)
	c := LinkCheck{Dest: d}
	switch d.Kind {
	case DestFragment:
		c.Checked, c.Found = from != nil, from != nil
		if from != nil {
			c.Target = from.Path
		}
	case DestPage:
		c.Checked = true
		if t := s.ResolveURL(d.Path); t.File != "" {
			c.Target, c.Found = t.File, true
		}
	case DestRef:
		c.Checked = true
		f, err := s.ResolveRef(from, d.Path)
		c.Target, c.Found, c.Err = f, f != "" && err == nil, err
	case DestFile:
		c.Found, c.Checked = s.FileExists(d.Path)
		if c.Checked && !c.Found {
			// A page whose front matter url names this file (url: /x.pdf).
			// Looked for only when the file is missing from the static
			// roots: it reads every page's front matter, and a site
			// without static roots leaves file links unchecked anyway.
			if ff, ok := s.frontMatterURLs().fileForms[urlKey(d.Path)]; ok && ff.url == d.Path {
				c.Target, c.Found, c.Checked = ff.file, true, true
			}
		}
	}
	return c
}

// ExplicitIDOf returns the anchor of a heading of the target page file (or
// of a file it includes) that sets its own ID ({#id}) and that the
// fragment would have reached by the ID of its text before it did, and
// whether there is one: Hugo gives such a heading only its explicit ID, so
// a link by the ID of its text (written before the attribute was added,
// or guessed from the heading) means the explicit one, however far the
// two are spelled. The text's ID is numbered as Hugo numbers repeated IDs
// (the second "Intro" was #intro-1), and compared in any case and with
// each run of hyphens as one and none at either end: an emoji or a "&"
// the slug drops leaves a hyphen a link written by hand does not have
// ("## 📈 Results {#results}" is -results as text). A heading whose ID
// another anchor of the page repeats (a link reaches the first), whose
// text holds a shortcode (its text's ID is not what is written), or whose
// id is not text (Hugo fails to build the page) is not one.
func (s *Site) ExplicitIDOf(file, frag string) (Anchor, bool) {
	// The fragment slugged as the heading's text is, so that one written
	// with the accents github-ascii takes off still compares.
	want := strings.ToLower(hyphenless(s.popts.IDType.SlugPart(frag)))
	if want == "" {
		return Anchor{}, false
	}
	a, ok := s.Memo(explicitIDsKey{file}, func() any { return s.explicitIDs(file) }).(map[string]Anchor)[want]
	return a, ok
}

// explicitIDsKey is the key of a target file's explicitIDs among the
// site's memos: worked out once however many fragments ask.
type explicitIDsKey struct{ file string }

// explicitIDs maps, for ExplicitIDOf, the ID of each heading's text (as
// it compares it) to the anchor of the heading when the heading sets its
// own ID; nil when the target file is no page.
func (s *Site) explicitIDs(file string) map[string]Anchor {
	t := s.Target(file)
	if t == nil {
		return nil
	}
	anchors := s.Anchors(t)
	uses := make(map[string]int, len(anchors))
	for _, a := range anchors {
		uses[a.ID]++
	}
	out := map[string]Anchor{}
	before := map[string]int{} // headings so far by the ID of their text
	for _, a := range anchors {
		h := a.Heading
		if h == nil {
			continue
		}
		id := strings.ToLower(hyphenless(s.popts.IDType.Slug(h.Text)))
		n := before[id]
		before[id]++
		if !h.Explicit || a.ID == "" || uses[a.ID] > 1 || h.IDNotText != "" || strings.Contains(h.Source, "{{") {
			continue
		}
		if n > 0 {
			id += "-" + strconv.Itoa(n)
		}
		if _, ok := out[id]; !ok {
			out[id] = a
		}
	}
	return out
}

// hyphenless returns an ID with each run of hyphens as one and none at
// either end.
func hyphenless(id string) string {
	return strings.Join(strings.FieldsFunc(id, func(r rune) bool { return r == '-' }), "-")
}

// OmittedHTMLAnchor returns where the target page file, or a file it
// includes, writes the anchor id in raw HTML that the site's Hugo
// configuration leaves out (Page.OmittedHTMLIDs), and whether one does:
// a link to it finds nothing, for a reason its author does not see.
func (s *Site) OmittedHTMLAnchor(file, id string) (Span, bool) {
	p := s.Target(file)
	if p == nil || !p.Parsed() {
		return Span{}, false
	}
	for _, part := range s.renderedParts(p, false) {
		for _, h := range part.File.OmittedHTMLIDs {
			if h.ID == id {
				return h.Span, true
			}
		}
	}
	return Span{}, false
}

// TargetAnchors returns the anchors a link target offers: its heading IDs
// with includes expanded, explicit IDs, raw HTML anchors and the layout's
// anchors; not the IDs of headings holding a {{< >}} shortcode without an
// explicit ID (Heading.Shortcode), whose IDs Hugo derives from a
// placeholder (see MatchesHeadingPattern). ok is false when the target could not be parsed, or its front
// matter is never closed (the rest of the file is front matter), so that
// its anchors are unknown.
func (s *Site) TargetAnchors(file string) (ids map[string]bool, list []string, ok bool) {
	p := s.Target(file)
	if p == nil || !p.Parsed() || p.FrontMatter != nil && p.FrontMatter.Err != nil && p.FrontMatter.Err.Unclosed {
		return nil, nil, false
	}
	if t := p.anchorSet.Load(); t != nil {
		return t.ids, t.list, true
	}
	anchors := s.Anchors(p)
	t := &anchorSet{ids: make(map[string]bool, len(anchors)+len(s.Config.Links.LayoutAnchors)), list: make([]string, 0, len(anchors))}
	for _, a := range anchors {
		if a.Placeholder() {
			// Not the ID Hugo writes, which holds a placeholder for the
			// shortcode (see MatchesHeadingPattern).
			continue
		}
		if !t.ids[a.ID] {
			t.ids[a.ID] = true
			t.list = append(t.list, a.ID)
		}
	}
	for _, a := range s.Config.Links.LayoutAnchors {
		t.ids[a] = true
	}
	if !p.anchorSet.CompareAndSwap(nil, t) {
		t = p.anchorSet.Load()
	}
	return t.ids, t.list, true
}

// PlaceholderHeading returns the heading of a link target (its includes
// expanded) whose anchor frag is the ID of its text as written, which
// Hugo does not give it (Anchor.Placeholder), and what a link to frag is
// told of it, for link-anchor's finding and the language server's hover
// alike; nil and "" when there is none.
func (s *Site) PlaceholderHeading(file, frag string) (*Heading, string) {
	t := s.Target(file)
	if t == nil {
		return nil, ""
	}
	for _, a := range s.Anchors(t) {
		if a.Placeholder() && a.ID == frag {
			h := a.Heading
			return h, fmt.Sprintf("the heading %q holds a shortcode, so Hugo derives its ID from a placeholder (an ID such as #%s) that changes when shortcodes are added above it; give the heading an explicit ID and link that", h.Written(), PlaceholderID(s.popts.IDType, h))
		}
	}
	return nil, ""
}

// anchorSet is a page's anchors as a set and in order, shared read-only.
type anchorSet struct {
	ids  map[string]bool
	list []string
	// index serves SuggestTargetAnchor, made at its first question.
	index atomic.Pointer[anchorIndex]
}

// SuggestURL returns the existing page URL closest to a site path that
// does not resolve, or "": a case-only difference, a page with the same
// last segment (a link that lost or kept a stale prefix), or a sibling
// under the deepest existing folder with a near-identical name.
func (s *Site) SuggestURL(sitePath string) string {
	// Several rules ask about the same broken link (link-target, and the
	// ladder rules for a level's navigation), and a run has many links to
	// the same missing page, written "/x", "/x/" or "/x.html": each URL
	// is worked out once.
	return memo(&s.suggested, urlKey(sitePath), s.suggestURL)
}

// suggestURL is SuggestURL of a URL key.
func (s *Site) suggestURL(key string) string {
	u := s.frontMatterURLs()
	if key == "/" {
		return ""
	}
	// A page moved by its front matter is not at its path URL any more.
	exists := func(k string) bool {
		if f, ok := u.byKey[k]; ok && !u.moved[f] {
			return true
		}
		_, ok := u.fmKeys[k]
		return ok
	}
	if w := u.fileOnly(key); w != "" {
		return w // the page of a URL written as a .html file, linked as a folder
	}
	// White space around the path that the browser keeps: a no-break
	// space pasted before ")", "&nbsp;", "</x/ >".
	if t := "/" + strings.TrimFunc(strings.TrimPrefix(key, "/"), unicode.IsSpace); t != key && t != "/" && exists(urlKey(t)) {
		return u.linkForm(urlKey(t))
	}
	lower := strings.ToLower(key)
	if ext := strings.LastIndexByte(lower, '.'); ext > 0 && (lower[ext:] == ".htm" || lower[ext:] == ".html") {
		// The handbook redirects .html, not .htm nor .HTML: the page is
		// the one the .html form names (/x.HTM, /x.HTML and
		// /x/INDEX.htm are /x/), in the written case or lower-cased.
		for _, k := range []string{urlKey(key[:ext] + ".html"), urlKey(lower[:ext] + ".html")} {
			if k != "/" && exists(k) {
				return u.linkForm(k)
			}
		}
	}
	if lower != key && exists(lower) {
		return u.linkForm(lower)
	}
	// The same letters with their accents encoded another way (é as one
	// character, or e and a combining accent), which the server tells
	// apart.
	for _, f := range []norm.Form{norm.NFC, norm.NFD} {
		if k := f.String(lower); k != lower && exists(k) {
			return u.linkForm(k)
		}
	}
	if c := permutedURL(u, lower, exists); c != "" {
		return u.linkForm(c)
	}
	if c := s.closeSibling(key, exists); c != "" {
		return u.linkForm(c)
	}
	seg := path.Base(lower)
	// Same last segment, in any case: prefer the candidate sharing the
	// longest tail of segments, then the most segments, then the fewest
	// extra ones.
	var same []string
	for _, c := range u.bySeg[seg] {
		if c != key && exists(c) {
			same = append(same, c)
		}
	}
	if c := bestBySegments(lower, same); c != "" {
		return u.linkForm(c)
	}
	// A near-identical name at the first segment that leaves the URL
	// tree: under the deepest folder that has pages, the closest child
	// name, kept when the corrected URL is a page. No folder is deeper
	// than the deepest URL, and a segment longer than any name is no
	// misspelling of one.
	segs := strings.Split(strings.Trim(key, "/"), "/")
	for depth := min(len(segs)-1, u.depth); depth >= 0; depth-- {
		if len(segs[depth]) > maxSuggestSegment {
			break
		}
		prefix := "/" + strings.Join(segs[:depth], "/")
		if depth > 0 {
			prefix += "/"
		}
		kids := s.urlChildren(prefix)
		if len(kids) == 0 {
			continue
		}
		if slices.Contains(kids, segs[depth]) {
			break // the folder exists: the miss is deeper, nothing to guess here
		}
		c := s.closestChild(prefix, kids, segs[depth], max(2, len(segs[depth])/4))
		if c == "" {
			break
		}
		fixed := prefix + strings.Join(append([]string{c}, segs[depth+1:]...), "/")
		if exists(fixed) {
			return u.linkForm(fixed)
		}
		break
	}
	return ""
}

// closeSibling returns the URL key of a page beside the one key names,
// whose name is close to key's last segment (senior_engineer for
// senior-engineer: edits up to a fifth of its length), or "". A typo of
// the folder's own page is likelier than a page of the same name in
// another folder (the level of another track); not for a name shorter
// than five letters, where one edit makes another word (ci, cd), and the
// page of that name elsewhere is likelier.
func (s *Site) closeSibling(key string, exists func(string) bool) string {
	segs := strings.Split(strings.Trim(key, "/"), "/")
	name := segs[len(segs)-1]
	if len(name) > maxSuggestSegment || utf8.RuneCountInString(name) < 5 {
		return ""
	}
	prefix := "/" + strings.Join(segs[:len(segs)-1], "/")
	if len(segs) > 1 {
		prefix += "/"
	}
	kids := s.urlChildren(prefix)
	if len(kids) == 0 || slices.Contains(kids, name) {
		return ""
	}
	if c := s.closestChild(prefix, kids, name, utf8.RuneCountInString(name)/5); c != "" && exists(prefix+c) {
		return prefix + c
	}
	return ""
}

// closestChild returns Closest(name, kids, maxDist) for kids, the
// children of the URL folder prefix (urlChildren): the questions about
// one folder share an index of its children (ClosestIndex), so that
// thousands of missing URLs in a folder of thousands of pages are not
// each compared with every page's name.
func (s *Site) closestChild(prefix string, kids []string, name string, maxDist int) string {
	x := s.Memo(closestChildKey(prefix), func() any { return NewClosestIndex(kids) }).(*ClosestIndex)
	return x.Closest(name, maxDist)
}

// closestChildKey is the key of a URL folder's ClosestIndex among the
// site's memos.
type closestChildKey string

// permutedURL returns the URL of a page whose segments are those of key
// in another order (/dev/intermediate/frontend/ for /dev/frontend/
// intermediate/: a level and its track swapped), the closest in spelling
// when there are several, or "". exists says whether a URL key is a page.
func permutedURL(u *urlIndex, key string, exists func(string) bool) string {
	sig, n := segmentSig(key)
	if n < 2 {
		return ""
	}
	want := segmentSet(key)
	best, bestDist := "", 0
	consider := func(c string) {
		lc := strings.ToLower(c)
		if lc == key || strings.Count(lc, "/") != n || segmentSet(lc) != want || !exists(c) {
			return // other segments, or no page
		}
		if d := EditDistance(key, lc); best == "" || d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	if u.permMisses.Add(1) <= permScanMisses {
		// A few misses (a one-page run) look through the keys ending in
		// one of key's segments, as a permutation does, rather than
		// index every key first.
		seen := map[string]bool{}
		for _, seg := range strings.Split(strings.Trim(key, "/"), "/") {
			if !seen[seg] {
				seen[seg] = true
				for _, c := range u.bySeg[seg] {
					consider(c)
				}
			}
		}
		return best
	}
	for _, c := range u.permutations()[sig] {
		consider(c)
	}
	return best
}

// permScanMisses is how many missed URLs permutedURL answers by scanning
// before it indexes every URL key by its segments.
const permScanMisses = 32

// permutations returns the URL keys of the index by segmentSig: those
// with the same segments in any order share one. A did-you-mean looks
// them up for every missed URL, so a large site's lists of keys ending in
// the same segment are not scanned each time; the signature is a sum of
// hashes, worked out without allocating (the index is built on the first
// miss of a one-page run too).
func (u *urlIndex) permutations() map[uint64][]string {
	u.permOnce.Do(func() {
		u.byPerm = map[uint64][]string{}
		for _, keys := range u.bySeg {
			for _, k := range keys {
				if sig, n := segmentSig(k); n >= 2 {
					u.byPerm[sig] = append(u.byPerm[sig], k)
				}
			}
		}
	})
	return u.byPerm
}

// segmentSig returns a signature of a URL key's segments, in lower case,
// that does not depend on their order, and how many there are.
func segmentSig(key string) (sig uint64, n int) {
	key = strings.Trim(key, "/")
	for key != "" {
		seg := key
		if i := strings.IndexByte(key, '/'); i >= 0 {
			seg, key = key[:i], key[i+1:]
		} else {
			key = ""
		}
		if !isASCII(seg) {
			seg = strings.ToLower(seg)
		}
		h := uint64(14695981039346656037) // FNV-1a
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * 1099511628211
		}
		sig += h*0x9e3779b97f4a7c15 + 1
		n++
	}
	return sig, n
}

// segmentSet returns a lower-case URL key's segments sorted and joined by
// '/'.
func segmentSet(key string) string {
	segs := strings.Split(strings.Trim(key, "/"), "/")
	slices.Sort(segs)
	return strings.Join(segs, "/")
}

// maxSuggestSegment is the longest URL segment a did-you-mean looks for
// a near-identical name of.
const maxSuggestSegment = 200

// ServesUnder reports whether a page of the site has a URL under the URL
// folder prefix ("/handbook/team/", ending with a slash): whether the
// folder of a URL that matches no page still serves pages. A page's own
// URL counts (its path's, or its front matter url or slug), not an alias:
// a folder whose URLs are only aliases is one whose pages moved away,
// leaving redirects.
func (s *Site) ServesUnder(prefix string) bool {
	return s.Memo(servesUnderKey(prefix), func() any {
		u := s.frontMatterURLs()
		under := func(k string) bool { return len(k) > len(prefix) && strings.HasPrefix(k, prefix) }
		for k, f := range u.byKey {
			if !u.moved[f] && under(k) {
				return true
			}
		}
		for k := range u.ownKeys {
			if under(k) {
				return true
			}
		}
		return false
	}).(bool)
}

// servesUnderKey is the key of ServesUnder's answer for a URL folder
// among the site's memos.
type servesUnderKey string

// URLChildren returns the names of the URL segments right under a URL
// folder of the site, given with its final slash ("/handbook/" gives
// "engineering", "values", ...), sorted: of the pages' URLs, by their
// paths and their front matter's url, slug and aliases; with the pages
// of the run's overlay (an editor's unsaved buffers), which an index kept
// across runs (URLCache) does not hold until they are saved.
func (s *Site) URLChildren(folder string) []string {
	kids := s.urlChildren(folder)
	if !s.urlIdx.shared || len(s.overlay) == 0 || !strings.HasSuffix(folder, "/") {
		return kids
	}
	var more []string
	for _, k := range s.Memo(overlayURLsKey{}, s.overlayURLKeys).([]string) {
		if rest, ok := strings.CutPrefix(k, folder); ok && rest != "" {
			seg, _, _ := strings.Cut(rest, "/")
			if !slices.Contains(kids, seg) && !slices.Contains(more, seg) {
				more = append(more, seg)
			}
		}
	}
	if len(more) == 0 {
		return kids
	}
	out := append(slices.Clone(kids), more...)
	slices.Sort(out)
	return out
}

// overlayURLsKey is the key of overlayURLKeys' list among the site's
// memos: worked out once per run, however many folders are asked about.
type overlayURLsKey struct{}

// overlayURLKeys returns the URL keys of the overlay's content pages (an
// editor's unsaved buffers), as the walk of the content folder would list
// them: Markdown files in no folder starting with ".".
func (s *Site) overlayURLKeys() any {
	var keys []string
	for _, f := range sortedKeys(s.overlay) {
		cr, ok := s.contentRel(f)
		if !ok || hasDotSegment(cr) || !strings.EqualFold(path.Ext(f), ".md") {
			continue
		}
		if p := s.Target(f); p != nil {
			keys = append(keys, urlKey(s.PageURL(p)))
		}
	}
	return keys
}

// urlChildren returns the names of the URL segments right under a URL
// folder ("/handbook/"), sorted. The first few folders asked about (the
// few folders of one missing URL, in a one-page run) are each worked out
// from every URL the site has; past urlChildScans, the children of every
// folder are indexed at once, in one pass over the URLs.
func (s *Site) urlChildren(prefix string) []string {
	u := s.frontMatterURLs()
	if u.kidScans.Add(1) > urlChildScans {
		return u.allChildren()[prefix]
	}
	u.kidsMu.Lock()
	kids, ok := u.kids[prefix]
	u.kidsMu.Unlock()
	if ok {
		return kids
	}
	names := map[string]bool{}
	// Keys start with "/" and do not end with one ("/" itself aside).
	u.eachPageURL(func(k string) {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "" && strings.HasSuffix(prefix, "/") {
			seg, _, _ := strings.Cut(rest, "/")
			names[seg] = true
		}
	})
	kids = sortedKeys(names)
	u.kidsMu.Lock()
	if u.kids == nil {
		u.kids = map[string][]string{}
	}
	u.kids[prefix] = kids
	u.kidsMu.Unlock()
	return kids
}

// urlChildScans is how many URL folders urlChildren lists by a pass over
// every URL of the site before it indexes the children of all folders
// (a run with many missing URLs asks about hundreds of folders).
const urlChildScans = 16

// allChildren returns, for every URL folder ("/", "/handbook/"), the
// sorted names of the URL segments right under it, worked out once: what
// urlChildren would work out for each folder alone.
func (u *urlIndex) allChildren() map[string][]string {
	u.allKidsOnce.Do(func() {
		names := map[string]map[string]bool{}
		u.eachPageURL(func(k string) {
			// Each "/" of the key ends a folder the key is under, when
			// something follows it.
			for i := strings.IndexByte(k, '/'); i >= 0 && i+1 < len(k); {
				rest := k[i+1:]
				seg, _, _ := strings.Cut(rest, "/")
				folder := k[:i+1]
				m := names[folder]
				if m == nil {
					m = map[string]bool{}
					names[folder] = m
				}
				m[seg] = true
				j := strings.IndexByte(rest, '/')
				if j < 0 {
					break
				}
				i += 1 + j
			}
		})
		u.allKids = make(map[string][]string, len(names))
		for folder, m := range names {
			u.allKids[folder] = sortedKeys(m)
		}
	})
	return u.allKids
}

// eachPageURL calls fn with every URL key that serves a page: the keys of
// the pages' paths, but for pages their front matter moves, and the keys
// front matter adds. It is called once the front matter URLs are indexed.
func (u *urlIndex) eachPageURL(fn func(key string)) {
	for k, f := range u.byKey {
		if !u.moved[f] {
			fn(k)
		}
	}
	for k := range u.fmKeys {
		fn(k)
	}
}

// bestBySegments returns the candidate URL key most like key by its path
// segments: the longest common tail, then the most segments in common
// less the candidate's extra ones, then the smallest edit distance.
func bestBySegments(key string, cands []string) string {
	ks := strings.Split(strings.Trim(key, "/"), "/")
	type score struct{ tail, common, extra, dist int }
	better := func(a, b score) bool {
		if a.tail != b.tail {
			return a.tail > b.tail
		}
		if a.common != b.common {
			return a.common > b.common
		}
		return a.dist < b.dist
	}
	best, bestS := "", score{}
	used := make([]bool, len(ks)) // the segments of key a candidate shares
	for _, c := range cands {
		// Segments compare without case: a front matter URL keeps the
		// case it was written in, and key is lower-cased.
		lc := strings.ToLower(c)
		cs := strings.Split(strings.Trim(lc, "/"), "/")
		var sc score
		for sc.tail < len(ks) && sc.tail < len(cs) && ks[len(ks)-1-sc.tail] == cs[len(cs)-1-sc.tail] {
			sc.tail++
		}
		shared := sharedSegments(ks, cs, used)
		sc.extra = len(cs) - shared
		sc.common = shared - sc.extra
		if sc.extra > 1 && sc.tail < 2 || shared*2 < len(ks) {
			continue // too different to be what the author meant
		}
		sc.dist = EditDistance(key, lc)
		if best == "" || better(sc, bestS) || (!better(bestS, sc) && c < best) {
			best, bestS = c, sc
		}
	}
	return best
}

// sharedSegments returns how many segments two lists share, counted as a
// multiset intersection (a segment twice in one and once in the other is
// shared once). used is scratch space as long as ks.
func sharedSegments(ks, cs []string, used []bool) int {
	clear(used)
	shared := 0
	for _, x := range cs {
		for i, k := range ks {
			if !used[i] && k == x {
				used[i] = true
				shared++
				break
			}
		}
	}
	return shared
}

// suggestAnchor returns the anchor of a page closest to a fragment that is
// not on it, or "": a case-only difference, a typo (one edit in a
// fragment of six to nine characters, two in a longer one: "#senior-scope"
// for the heading "Senior Scopes", not the shorter "#senior" it
// contains), an anchor that
// ends or starts with the fragment (the level prefix Hugo puts in
// "Senior Leadership Competencies"), one sharing most of its start
// (sharedStart), one containing the fragment or contained in it, or a
// near-identical one.
func suggestAnchor(frag string, anchors []string) string {
	return newAnchorIndex(anchors).suggest(frag)
}

// SuggestTargetAnchor returns suggestAnchor's suggestion for a fragment
// among the anchors of a link target (TargetAnchors), or "". Asked for
// thousands of fragments of one target, it reads the target's anchors
// lower-cased once, and finds the near-identical ones through an index
// built once (ClosestIndex), not by reading every anchor each time.
func (s *Site) SuggestTargetAnchor(file, frag string) string {
	if _, _, ok := s.TargetAnchors(file); !ok {
		return ""
	}
	t := s.Target(file).anchorSet.Load()
	x := t.index.Load()
	if x == nil {
		if x = newAnchorIndex(t.list); !t.index.CompareAndSwap(nil, x) {
			x = t.index.Load()
		}
	}
	return x.suggest(frag)
}

// newAnchorIndex returns the index of anchors, which it keeps.
func newAnchorIndex(anchors []string) *anchorIndex {
	x := &anchorIndex{list: anchors}
	x.closest.candidates = anchors
	return x
}

// anchorIndex is a list of anchors made ready to be asked about many
// fragments (SuggestTargetAnchor): each part is worked out at its first
// use. It is safe for concurrent use.
type anchorIndex struct {
	list    []string
	closest ClosestIndex // of list
	once    sync.Once
	lower   []string          // list lower-cased
	byLower map[string]string // the first anchor of list of each lower-cased form
	nfcOnce sync.Once
	byNFC   map[string]string // the same, the lower-cased forms in NFC
}

// lowered returns the anchors lower-cased, and the first anchor of each
// lower-cased form.
func (x *anchorIndex) lowered() ([]string, map[string]string) {
	x.once.Do(func() {
		x.lower = make([]string, len(x.list))
		x.byLower = make(map[string]string, len(x.list))
		for i, a := range x.list {
			la := strings.ToLower(a)
			x.lower[i] = la
			if _, ok := x.byLower[la]; !ok {
				x.byLower[la] = a
			}
		}
	})
	return x.lower, x.byLower
}

// nfc returns the first anchor of each lower-cased form in NFC.
func (x *anchorIndex) nfc() map[string]string {
	x.nfcOnce.Do(func() {
		lower, _ := x.lowered()
		x.byNFC = make(map[string]string, len(x.list))
		for i, la := range lower {
			nf := norm.NFC.String(la)
			if _, ok := x.byNFC[nf]; !ok {
				x.byNFC[nf] = x.list[i]
			}
		}
	})
	return x.byNFC
}

// suggest is suggestAnchor's suggestion for frag among x's anchors.
func (x *anchorIndex) suggest(frag string) string {
	anchors := x.list
	lower, byLower := x.lowered()
	lf := strings.ToLower(frag)
	if a, ok := byLower[lf]; ok {
		return a
	}
	// The same letters with their accents encoded another way (é as one
	// character, or e and a combining accent), which browsers tell apart.
	if !isASCII(lf) {
		if a, ok := x.nfc()[norm.NFC.String(lf)]; ok {
			return a
		}
	}
	if lf == "" {
		return ""
	}
	if n := utf8.RuneCountInString(frag); n >= 6 {
		if c := x.closest.Closest(frag, min(2, n/5)); c != "" {
			return c
		}
	}
	var best string
	pick := func(a string) {
		if best == "" || len(a) < len(best) {
			best = a
		}
	}
	suffix, prefix := "-"+lf, lf+"-"
	for _, a := range anchors {
		if strings.HasSuffix(a, suffix) || strings.HasPrefix(a, prefix) {
			pick(a)
		}
	}
	if best != "" {
		return best
	}
	if c := sharedStart(lf, anchors, lower); c != "" {
		return c
	}
	// The fragment's words with others added among them
	// ("#leadership-competencies" for "#senior-leadership-competencies",
	// "#infrastructure-department" for
	// "#infrastructure-platforms-department"): the fewest added.
	for i, a := range anchors {
		if wordsWithin(lf, lower[i]) {
			pick(a)
		}
	}
	if best != "" {
		return best
	}
	// The anchor's words with others added: the anchor that keeps the
	// most of the fragment, at least half of it ("#iteration" is no
	// answer for "#iteration-competency").
	for i, a := range anchors {
		if 2*len(a) >= len(lf) && wordsWithin(lower[i], lf) && (best == "" || len(a) > len(best)) {
			best = a
		}
	}
	if best != "" {
		return best
	}
	// Inside a word of the anchor ("#leader"); a part of a word of the
	// fragment is no answer ("#structure" for "#infrastructure-department").
	for _, a := range anchors {
		if len(lf) >= 4 && strings.Contains(a, lf) {
			pick(a)
		}
	}
	if best != "" {
		return best
	}
	return x.closest.Closest(frag, max(2, len([]rune(frag))/4))
}

// wordsWithin reports whether the words of small (split at '-') are words
// of big in the same order, others allowed among them.
func wordsWithin(small, big string) bool {
	if small == "" {
		return false
	}
	for w := range strings.SplitSeq(small, "-") {
		for {
			var b string
			var more bool
			b, big, more = strings.Cut(big, "-")
			if b == w {
				break
			}
			if !more {
				return false
			}
		}
	}
	return true
}

// sharedStart returns the anchor that starts with the most of a
// lower-cased fragment run on past a word of it, or cut short in one
// ("#senior-valuesx" for "#senior-values-alignment"): what they share ends
// a word of the anchor, or is the whole fragment, and is at least three
// quarters of it (six bytes or more); "" when none does. Ties go to the
// shorter anchor. lower holds the anchors lower-cased.
func sharedStart(lf string, anchors, lower []string) string {
	best, bestLen := "", max(6, (3*len(lf)+3)/4)-1
	for i, a := range anchors {
		la := lower[i]
		n := 0
		for n < len(la) && n < len(lf) && la[n] == lf[n] {
			n++
		}
		if n < len(la) && la[n] != '-' && n < len(lf) {
			continue // neither a word of the anchor nor the whole fragment
		}
		if n > bestLen || n == bestLen && best != "" && len(a) < len(best) {
			best, bestLen = a, n
		}
	}
	return best
}

// PageLink is a link as rendered on a page: written in the page itself or
// in a file the page includes.
type PageLink struct {
	Link *Link
	// File is the page or included file the link is written in.
	File *Page
	// Via is the include shortcode of the page that pulls File in (the
	// first one, for nested includes); zero when File is the page.
	Via Span
}

// CheckedLink is a rendered link with the outcome of resolving it.
type CheckedLink struct {
	PageLink
	Check LinkCheck
}

// LinksAnchor reports whether a link rendered on a page of the run (in
// the page or a file it includes) reaches the anchor fragment of the page
// file: what renaming the heading that gives the anchor would break. Pages
// outside the run are not looked at.
func (s *Site) LinksAnchor(file, fragment string) bool {
	pages := make([]*Page, 0, len(s.byPath))
	for _, p := range s.byPath {
		pages = append(pages, p)
	}
	for _, p := range pages {
		for _, cl := range s.CheckedLinks(p) {
			if c := cl.Check; c.Found && c.Target == file && c.Dest.HasFragment && c.Dest.Fragment == fragment {
				return true
			}
		}
	}
	return false
}

// CheckedLinks returns the links rendered on a page, each resolved against
// the site, computed once per page and shared by the rules that ask.
func (s *Site) CheckedLinks(p *Page) []CheckedLink {
	if v, ok := s.checked.Load(p); ok {
		return v.([]CheckedLink)
	}
	parts := s.RenderedParts(p)
	buf := checkedBuffers.Get().(*[]CheckedLink)
	out := slices.Grow((*buf)[:0], partLinks(parts))
	eachRenderedLink(parts, func(pl PageLink) {
		out = append(out, CheckedLink{PageLink: pl, Check: s.CheckLink(p, *pl.Link)})
	})
	v, _ := s.checked.LoadOrStore(p, out)
	return v.([]CheckedLink)
}

// checkedBuffers are buffers for CheckedLinks: a lean run drops a page's
// checked links once the page is checked (recycleChecked), so that their
// buffer serves the next page's.
var checkedBuffers = sync.Pool{New: func() any { return new([]CheckedLink) }}

// recycleChecked hands the checked links of a page whose check is over,
// and which nothing points into any more, to the next page's check.
func recycleChecked(cls []CheckedLink) {
	clear(cls)
	cls = cls[:0]
	checkedBuffers.Put(&cls)
}

// RenderedLinks returns the links rendered on a page: its own and those of
// the files it includes, transitively, in reading order (RenderedParts).
// A Markdown link in text Hugo reads as raw HTML is not rendered.
func (s *Site) RenderedLinks(p *Page) []PageLink {
	parts := s.RenderedParts(p)
	out := make([]PageLink, 0, partLinks(parts))
	eachRenderedLink(parts, func(pl PageLink) { out = append(out, pl) })
	return out
}

// eachRenderedLink calls fn with each link rendered in the parts of a
// page, in order (see RenderedLinks), with reference links resolved as
// Hugo resolves them in the page's whole text (pageRefs): a part's
// reference links that only another file's definition makes links come
// after its own links.
func eachRenderedLink(parts []RenderedPart, fn func(PageLink)) {
	refs := pageRefs(parts)
	cross := refs.cross
	for k, part := range parts {
		ls := part.Links()
		for i := range ls {
			if !part.Renders(&ls[i]) {
				continue
			}
			pl := PageLink{Link: &ls[i], File: part.File, Via: part.Via}
			if refs.moved != nil && ls[i].DestStart >= 0 && (ls[i].DestStart < ls[i].Span.Start || ls[i].DestStart >= ls[i].Span.End) {
				// A reference link: its definition may be overridden.
				if def, ok := refs.moved[defKey{part.File, ls[i].DestStart}]; ok {
					pl = def.use(ls[i].Span, ls[i].Kind, ls[i].Text)
				}
			}
			fn(pl)
		}
		for len(cross) > 0 && cross[0].part == k {
			fn(cross[0].PageLink)
			cross = cross[1:]
		}
	}
}

// crossRef is a reference link of a page's part k whose definition is in
// another file of the page.
type crossRef struct {
	part int
	PageLink
	// text is the reference as the file's parse left it.
	text *TextLink
}

// defKey names a link reference definition by its file and the start of
// its destination.
type defKey struct {
	file *Page
	at   int
}

// pageDef is the definition of a label that a page's text uses: the
// first in reading order.
type pageDef struct {
	link Link
	part RenderedPart
}

// use returns the link that a reference with span and text makes with
// the definition: the definition's destination, in its file.
func (d pageDef) use(span Span, kind LinkKind, text string) PageLink {
	l := new(Link)
	*l = d.link
	l.Span, l.Kind, l.Text = span, kind, text
	return PageLink{Link: l, File: d.part.File, Via: d.part.Via}
}

// pageRefsResult holds how a page's text resolves references across its
// files (see pageRefs).
type pageRefsResult struct {
	// cross are the reference links that their own file leaves as text,
	// lacking the label's definition, made links by another file's, in
	// the order of the parts.
	cross []crossRef
	// moved maps a file's definition, which goldmark reading the file
	// alone used for the file's references, to the earlier definition of
	// the same label in another file, which Hugo uses.
	moved map[defKey]pageDef
}

// pageRefs resolves the reference links of a page as Hugo does: it reads
// the page with its includes pasted in as one text, where a definition
// in the page serves a reference in an included file and the other way
// round, and the first definition of a label in reading order wins.
// goldmark reads each file alone here, so a reference with no definition
// in its file is text (TextLinks: "[text][label]", "[text][]", "[label]"),
// and one with a definition in its file uses that one.
func pageRefs(parts []RenderedPart) pageRefsResult {
	var res pageRefsResult
	if len(parts) < 2 {
		return res
	}
	defs, texts := false, false
	for _, part := range parts {
		defs = defs || len(part.File.defLinks) > 0
		texts = texts || len(part.File.TextLinks) > 0
	}
	if !defs {
		return res
	}
	// The first definition of each label in reading order.
	first := map[string]pageDef{}
	for _, part := range parts {
		for _, d := range part.File.defLinks {
			if _, seen := first[d.label]; seen || !part.holdsDefinition(d.link.Span.Start) {
				continue
			}
			first[d.label] = pageDef{d.link, part}
		}
	}
	for _, part := range parts {
		for _, d := range part.File.defLinks {
			if f, ok := first[d.label]; ok && f.part.File != part.File {
				if res.moved == nil {
					res.moved = map[defKey]pageDef{}
				}
				res.moved[defKey{part.File, d.link.DestStart}] = f
			}
		}
	}
	if !texts {
		return res
	}
	for k, part := range parts {
		links := part.File.TextLinks
		isLink := RefLinks(links, func(label string) bool {
			f, ok := first[normLabel(label)]
			return ok && f.part.File != part.File
		})
		for i := range links {
			t := &links[i]
			if !isLink[i] || t.Start < part.Start || t.Start >= part.End || !part.IsMarkdownIn(t.Start) {
				continue
			}
			f := first[normLabel(t.Label)]
			kind := InlineLink
			if t.Image {
				kind = ImageLink
			}
			res.cross = append(res.cross, crossRef{part: k, PageLink: f.use(part.File.Span(t.Start, t.End), kind, refLinkText(t.Written)), text: t})
		}
	}
	// In source order within each part (a block's text links are found
	// form by form).
	slices.SortStableFunc(res.cross, func(a, b crossRef) int {
		if a.part != b.part {
			return a.part - b.part
		}
		return a.text.Start - b.text.Start
	})
	return res
}

// refLinkText returns the text of a reference link as written,
// "[text][label]", "![text][]" or "[label]": between its first "[" and
// its last "][", or its last "]".
func refLinkText(written string) string {
	w := strings.TrimPrefix(written, "!")
	if len(w) < 2 || w[0] != '[' {
		return w
	}
	if i := strings.LastIndex(w, "]["); i > 0 {
		return w[1:i]
	}
	return strings.TrimSuffix(w[1:], "]")
}

// partLinks returns how many links the parts hold, rendered or not.
func partLinks(parts []RenderedPart) int {
	n := 0
	for _, part := range parts {
		n += part.le - part.ls
	}
	return n
}

// refNamesKey is the key of the index of the names of the site's files
// (SuggestRef) among the site's memos.
type refNamesKey struct{}

// SuggestRef returns the content path closest to a ref that resolves to
// nothing, written as a ref path from the content root ("/handbook/values"),
// or "".
func (s *Site) SuggestRef(ref string) string {
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		ref = ref[:i]
	}
	_, byName := s.refMaps()
	name := path.Base(refKey(strings.Trim(ref, "/")))
	if !strings.Contains(strings.Trim(ref, "/"), "/") {
		// The names of the site's files, sorted once and indexed for the
		// many refs of a run that resolve to nothing (ClosestIndex).
		names := s.Memo(refNamesKey{}, func() any { return NewClosestIndex(sortedKeys(byName)) }).(*ClosestIndex)
		if c := names.Closest(name, max(2, len(name)/4)); c != "" && len(byName[c]) == 1 {
			return s.refPath(byName[c][0])
		}
	}
	lp := logicalPath(strings.TrimPrefix(ref, "/"))
	if f := s.ResolveURL(lp).File; f != "" {
		return s.refPath(f) // the ref is the page's URL, not its path
	}
	if sug := s.SuggestURL(lp); sug != "" {
		if f := s.ResolveURL(sug).File; f != "" {
			return s.refPath(f)
		}
	}
	return ""
}

// RefNames returns the names a ref can give alone ("values"): the last
// element of each content page's path as Hugo's page finder keys it (in
// lower case, spaces as '-', without a content extension; a section or
// bundle by its folder's name), sorted. ResolveRef tells which page, if
// any, a name reaches from a page.
func (s *Site) RefNames() []string {
	_, byName := s.refMaps()
	return s.Memo(refNameListKey{}, func() any { return sortedKeys(byName) }).([]string)
}

// refNameListKey is the key of RefNames' list among the site's memos.
type refNameListKey struct{}

// RefFolder returns the folder that a ref without a leading slash,
// written on page from, is looked up in first (ResolveRef), as a path from
// the content root with a leading slash ("/handbook/values"): the folder
// holding the page, or for a leaf bundle's index file the folder holding
// the bundle. A ref's ".." stops at the content root, as path.Join("/",
// folder, ref) does. ok is false for a page outside the content root.
func (s *Site) RefFolder(from *Page) (folder string, ok bool) {
	if from == nil {
		return "", false
	}
	cr, ok := s.contentRel(from.Path)
	if !ok {
		return "", false
	}
	dir := path.Dir(cr)
	if path.Base(trimLanguage(strings.TrimSuffix(cr, path.Ext(cr)))) == "index" {
		dir = path.Dir(dir)
	}
	return path.Join("/", dir), true
}

// RefPath returns the ref from the content root that names a content
// file ("/handbook/values" for content/handbook/values/_index.md,
// "/handbook/x" for content/handbook/x.en.md).
func (s *Site) RefPath(file string) string { return s.refPath(file) }

// RefFolderHasPages reports whether a folder of the content, as a path
// from the content root ("/handbook/team"), holds below it a page that a
// ref reaches with a URL (one Hugo publishes and writes), not only
// resources, drafts or pages that are never rendered. A leaf bundle's
// folder holds none: the bundle is its folder's page.
func (s *Site) RefFolderHasPages(folder string) bool {
	byRef, _ := s.refMaps()
	prefix := refKey(strings.TrimSuffix(folder, "/")) + "/"
	if prefix == "//" {
		prefix = "/"
	}
	for k, f := range byRef {
		if strings.HasPrefix(k, prefix) && k != prefix {
			if st, _ := s.renderState(f); st == renderAlways && s.HasFile(f) {
				return true
			}
		}
	}
	return false
}

// refPath returns the ref from the content root that names a content file:
// its path without the content extension, a section or bundle by its
// folder ("/handbook/values" for content/handbook/values/_index.md).
func (s *Site) refPath(file string) string {
	cr, _ := s.contentRel(file)
	if e := path.Ext(cr); isContentExt(strings.ToLower(e)) {
		cr = trimLanguage(cr[:len(cr)-len(e)]) // x.en.md is ref x
	}
	if b := path.Base(cr); b == "_index" || b == "index" {
		cr = path.Dir(cr)
	}
	if cr == "." {
		return "/"
	}
	return "/" + cr
}
