package lint

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
)

// This file decides, as Hugo 0.151's production build does (hugo without
// --buildDrafts, --buildFuture or --buildExpired), whether a content file
// is published: checked against Hugo builds.

// The render states of a content file (Site.renderState).
const (
	// renderAlways: Hugo writes the page.
	renderAlways = iota
	// renderLinkOnly: build option render "link": the page has a URL that
	// refs resolve to, but Hugo writes nothing there.
	renderLinkOnly
	// renderNone: a draft, a publish date to come or an expiry date
	// past: no page, no URL, and not in the page tree refs look in
	// (but a section or home page is: see ResolveRef).
	renderNone
	// renderHidden: a headless page or render "never": no page and no
	// URL, but in the page tree: a ref finds it (and writes an empty
	// link) and counts it when it decides a name is ambiguous.
	renderHidden
)

// pubView is the front matter Hugo reads to decide whether it publishes a
// page: the page's own keys, and for each key it does not set, the value
// cascaded to it, from the first cascade entry that sets it (see
// pubViewOf for their order).
type pubView struct {
	own *Node
	// entries are the cascade entries that apply to the page, in order;
	// each is the maps written for one target, nearest first, with where
	// each is written, for messages ("cascaded from the section
	// content/handbook/x").
	entries []cascadeEntry
}

// cascadeEntry is one entry of a page's cascade: the maps of the cascades
// written for one target, nearest first.
type cascadeEntry struct {
	maps []*Node
	from []string
}

// key returns the value of a front matter key, in any case, own or
// cascaded, or nil.
func (v pubView) key(k string) *Node {
	n, _ := v.keyFrom(k)
	return n
}

// keyFrom is key, also returning where a cascaded value is written ("" for
// the page's own key). A cascade entry sets a key under its params or
// directly: Hugo 0.151 reads both as front matter, params first within an
// entry (a section's params.draft beats a nearer targetless draft, as the
// two join one entry), while an earlier entry beats a later one whichever
// way it sets the key (checked against its builds); a page's own params
// it does not read.
func (v pubView) keyFrom(k string) (*Node, string) {
	if n := v.own.GetFold(k); n != nil {
		return n, ""
	}
	for _, e := range v.entries {
		for _, params := range []bool{true, false} {
			for i, c := range e.maps {
				if params {
					c = c.GetFold("params")
				}
				if n := c.GetFold(k); n != nil {
					return n, e.from[i]
				}
			}
		}
	}
	return nil, ""
}

// cascadedFrom is the part of a message that says where a cascaded value
// comes from, "" for the page's own key.
func cascadedFrom(from string) string {
	if from == "" {
		return ""
	}
	return ", " + from
}

// The keys Hugo's default front matter configuration reads a page's
// publish date from, in order (the date keys after the publish keys stand
// for the page's date, which falls back to them), and its expiry date.
var (
	publishDateKeys = []string{"publishDate", "pubdate", "published", "date", "lastmod", "modified"}
	expiryDateKeys  = []string{"expiryDate", "unpublishdate"}
)

// publishState returns whether Hugo publishes a page whose front matter
// reads as v at the time now, and when it does not, why, as a maintainer
// reads it ("draft: true"), in the order Hugo decides:
//   - a draft is not published (renderNone: out of the page tree), nor a
//     page whose publish date is after now, or whose expiry date is
//     before it (a date without a zone is in UTC, Hugo's default);
//   - of the pages left, a headless one is not published, nor one whose
//     build option render is never, 0 or false (renderHidden: in the
//     tree, with no URL; the older _build key, when present, replaces
//     build: Hugo 0.151 reads it last whatever the order); render "link"
//     gives the page a URL but no page; a render value Hugo does not
//     know, in any other spelling ("Never"), is "always".
func publishState(v pubView, now time.Time) (state int, why string) {
	// Drafts and pages out of their publication dates are left out of
	// Hugo's page tree before their build options count: a headless or
	// render: link page that is also a draft or to come is in no ref's
	// reach (checked against Hugo 0.151).
	if n, from := v.keyFrom("draft"); n != nil {
		if b, ok := n.HugoBool(); ok && b {
			return renderNone, "draft: true" + cascadedFrom(from)
		}
	}
	// An undocumented key: published set to null makes a draft, unless
	// draft itself is set.
	if n, from := v.keyFrom("published"); n != nil && n.Kind == ScalarNode && n.Value == nil && v.key("draft") == nil {
		return renderNone, "published: null" + cascadedFrom(from)
	}
	if k, t, from, ok := firstDate(v, publishDateKeys); ok && t.After(now) {
		return renderNone, fmt.Sprintf("%s %s is to come%s", k, t.Format(time.RFC3339), cascadedFrom(from))
	}
	// The zero date (0001-01-01) is no expiry date.
	if k, t, from, ok := firstDate(v, expiryDateKeys); ok && !t.IsZero() && t.Before(now) {
		return renderNone, fmt.Sprintf("%s %s has passed%s", k, t.Format(time.RFC3339), cascadedFrom(from))
	}
	if n, from := v.keyFrom("headless"); n != nil {
		if b, ok := n.HugoBool(); ok && b {
			return renderHidden, "headless: true" + cascadedFrom(from)
		}
	}
	b, from := v.keyFrom("_build")
	if b == nil {
		b, from = v.keyFrom("build")
	}
	if r := b.GetFold("render"); renderNever(r) {
		text, _ := r.Text()
		if text == "link" {
			return renderLinkOnly, "build option render: link" + cascadedFrom(from)
		}
		return renderHidden, "build option render: " + text + cascadedFrom(from)
	}
	return renderAlways, ""
}

// firstDate returns the first of the keys the front matter sets, with its
// date; ok is false when none is set or the first set is no date Hugo reads
// (Hugo then fails the build, which is not this check's concern). A key
// set to "" or null is skipped, except date, which Hugo 0.151 then takes
// for the zero date (checked against its builds).
func firstDate(v pubView, keys []string) (key string, t time.Time, from string, ok bool) {
	for _, k := range keys {
		n, from := v.keyFrom(k)
		switch {
		case n == nil:
			continue
		case (n.Value == nil || n.Value == "") && k == "date":
			return k, time.Time{}, from, true
		case n.Value == nil:
			continue
		case n.Value == "":
			continue
		}
		t, ok := HugoDate(n)
		return k, t, from, ok
	}
	return "", time.Time{}, "", false
}

// hugoDateLayouts are the layouts of the front matter dates Hugo 0.151
// reads (those of the cast library it uses, checked against its builds);
// it refuses others, such as "2006-01-02T15:04", "Jan 2, 2006" or a date
// with spaces around it.
var hugoDateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02",
	"02 Jan 2006",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05",
	time.Kitchen,
	time.Stamp,
	time.StampMilli,
	time.StampMicro,
	time.StampNano,
}

// IsDateKey reports whether a front matter key, in any case, holds one of
// the dates that decide whether Hugo publishes a page.
func IsDateKey(key string) bool {
	for _, ks := range [][]string{publishDateKeys, expiryDateKeys} {
		for _, k := range ks {
			if strings.EqualFold(key, k) {
				return true
			}
		}
	}
	return false
}

// HugoDate reads a front matter date as Hugo does: a string in one of the
// layouts Hugo reads (without a zone, in UTC) or a number of seconds since
// 1970. ok is false for a value Hugo refuses, failing the build.
func HugoDate(n *Node) (t time.Time, ok bool) {
	switch v := n.Value.(type) {
	case int64:
		return time.Unix(v, 0).UTC(), true
	case string:
		for _, l := range hugoDateLayouts {
			if t, err := time.ParseInLocation(l, v, time.UTC); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// renderNever reports whether a build option's render value keeps Hugo
// from writing the page (never, link, 0, or false, and unquoted YAML off
// or no).
func renderNever(r *Node) bool {
	if r == nil || r.Kind != ScalarNode {
		return false
	}
	if b, ok := r.Value.(bool); ok {
		return !b
	}
	if _, isString := r.Value.(string); isString && r.PlainYAML {
		if v, ok := r.HugoBool(); ok && !v {
			return true // off, no: false in Hugo's YAML
		}
	}
	switch v, _ := r.Text(); v {
	case "never", "link", "0":
		return true
	}
	return false
}

// cascadeList returns the entries of a cascade value: a map is one
// entry, a list holds several.
func cascadeList(c *Node) []*Node {
	if c == nil {
		return nil
	}
	entries := []*Node{c}
	if c.Kind == ListNode {
		entries = c.Children
	}
	out := entries[:0:0]
	for _, e := range entries {
		if e.Kind == MapNode {
			out = append(out, e)
		}
	}
	return out
}

// cascadeTarget returns an entry's _target (or target), nil for none.
func cascadeTarget(e *Node) *Node {
	if t := e.GetFold("_target"); t != nil {
		return t
	}
	return e.GetFold("target")
}

// targetKey returns what identifies an entry's target: entries with the
// same one are one entry to Hugo (see pubViewOf).
func targetKey(e *Node) string {
	t := cascadeTarget(e)
	var b strings.Builder
	for _, k := range []string{"path", "kind", "lang", "environment"} {
		v, _ := t.GetFold(k).Text()
		if k == "path" || k == "kind" {
			v = strings.ToLower(v)
		}
		b.WriteString(v)
		b.WriteByte(0)
	}
	return b.String()
}

// entryApplies reports whether a cascade entry applies to the page with
// Hugo page path pagePath ("/handbook/x") and kind ("page", "section",
// "home"): one without a _target (or target) everywhere, one with one
// where all its patterns match: path and kind are glob patterns,
// environment is Hugo's build's "production", lang the default language.
func entryApplies(e *Node, pagePath, kind string) bool {
	t := cascadeTarget(e)
	return t == nil || (targetMatches(t, "path", strings.ToLower(pagePath)) && targetMatches(t, "kind", kind) &&
		targetMatches(t, "environment", "production") && targetMatches(t, "lang", defaultLanguage))
}

// targetMatches reports whether a cascade target's pattern for key, when
// it has one, matches value.
func targetMatches(t *Node, key, value string) bool {
	p, ok := t.GetFold(key).Text()
	if !ok || p == "" {
		return true
	}
	if key == "path" || key == "kind" {
		p = strings.ToLower(p)
	}
	re := hugoGlob(p)
	return re == nil || re.MatchString(value) // Hugo ignores a pattern it cannot compile
}

var globs sync.Map // pattern -> *regexp.Regexp (nil when invalid)

// hugoGlob compiles a glob pattern as Hugo matches cascade targets, with
// '/' as the separator: "*" and "?" stay within a path segment, "**"
// crosses them, "{a,b}" is either, "[...]" a class ("[!...]" negated).
// It returns nil for a pattern that is not valid ("[]a]"), which Hugo
// ignores.
func hugoGlob(p string) *regexp.Regexp {
	if v, ok := globs.Load(p); ok {
		return v.(*regexp.Regexp)
	}
	var b strings.Builder
	b.WriteString("^")
	depth := 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '*' && i+1 < len(p) && p[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			b.WriteString("(?:")
			depth++
		case c == '}' && depth > 0:
			b.WriteString(")")
			depth--
		case c == ',' && depth > 0:
			b.WriteString("|")
		case c == '[':
			j := strings.IndexByte(p[i+1:], ']')
			if j < 0 {
				return storeGlob(p, nil) // an unclosed class: not valid
			}
			class := p[i+1 : i+1+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += j + 1
		case c == '\\' && i+1 < len(p):
			b.WriteString(regexp.QuoteMeta(p[i+1 : i+2]))
			i++
		case c == '\\':
			// a backslash ending the pattern escapes nothing: dropped
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	// Hugo's glob library closes a brace left open at the end.
	b.WriteString(strings.Repeat(")", depth) + "$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		re = nil
	}
	return storeGlob(p, re)
}

// storeGlob keeps a compiled pattern (nil when invalid) for the run.
func storeGlob(p string, re *regexp.Regexp) *regexp.Regexp {
	v, _ := globs.LoadOrStore(p, re)
	return v.(*regexp.Regexp)
}

// pageKind returns Hugo's kind and page path of a content file given
// relative to the content root.
func pageKind(cr string) (kind, pagePath string) {
	pagePath = refKey(cr)
	switch b := strings.ToLower(path.Base(cr)); {
	case b == "_index.md" && pagePath == "/":
		return "home", pagePath
	case strings.HasPrefix(b, "_index."):
		return "section", pagePath
	}
	return "page", pagePath
}

// pubViewOf returns the front matter Hugo reads to decide whether it
// publishes a content file with front matter fm (nil for none): fm's
// keys, and what its own cascade and its sections' cascades give it.
// sectionCascade returns the cascade value of the section page of a
// folder given relative to the content root ("." for the home page).
func pubViewOf(file, content string, fm *Node, sectionCascade func(dir string) *Node) pubView {
	cr := file
	if c := path.Clean(content); c != "." && c != "" {
		cr = strings.TrimPrefix(file, c+"/")
	}
	kind, pagePath := pageKind(cr)
	// Hugo keeps a page's cascade as entries by target, its own first,
	// then its sections', nearest first: an entry whose target an earlier
	// one has (none, most often) joins that one, its keys after the
	// earlier ones', rather than taking its own place (checked against
	// Hugo 0.151's builds: a section's cascade without a target puts the
	// home page's targetless entry before the home page's targeted ones).
	type slot struct {
		nodes   []*Node
		from    []string
		applies bool
	}
	var slots []*slot
	byTarget := map[string]*slot{}
	add := func(c *Node, from string) {
		for _, e := range cascadeList(c) {
			k := targetKey(e)
			sl := byTarget[k]
			if sl == nil {
				sl = &slot{applies: entryApplies(e, pagePath, kind)}
				byTarget[k] = sl
				slots = append(slots, sl)
			}
			sl.nodes, sl.from = append(sl.nodes, e), append(sl.from, from)
		}
	}
	add(fm.GetFold("cascade"), "set by its own cascade")
	if dir := path.Dir(cr); kind == "page" || dir != "." {
		if kind != "page" {
			dir = path.Dir(dir) // a section's own cascade is fm's
		}
		for {
			from := "cascaded from the section " + path.Join(content, dir)
			if dir == "." {
				from = "cascaded from the home page"
			}
			add(sectionCascade(dir), from)
			if dir == "." {
				break
			}
			dir = path.Dir(dir)
		}
	}
	v := pubView{own: fm}
	for _, sl := range slots {
		if sl.applies {
			v.entries = append(v.entries, cascadeEntry{sl.nodes, sl.from})
		}
	}
	return v
}

// renderState returns how Hugo publishes a content file (see
// publishState) and why it does not, reading the front matter of the file
// and of the sections above it if need be, once per file for the run.
func (s *Site) renderState(file string) (int, string) {
	return s.renderStateOf(file, func() *FrontMatter { return s.frontMatterOf(file) })
}

// renderStateOf is renderState, with the file's front matter from fm when
// it is not known yet.
func (s *Site) renderStateOf(file string, fm func() *FrontMatter) (int, string) {
	r := memo(&s.publishedFiles, file, func(file string) pubResult {
		var own *Node
		if f := fm(); f != nil {
			own = f.Root
		}
		st, why := publishState(pubViewOf(file, s.Config.Content, own, s.sectionCascade), s.now)
		return pubResult{st, why}
	})
	return r.state, r.why
}

// pubResult is a memoised renderState.
type pubResult struct {
	state int
	why   string
}

// sectionFiles are the names of a section's own page, in the default
// language, in the order Hugo 0.151 prefers them when a folder holds both
// (see dropDuplicatePages: _index.en.md wins, and _index.md is ignored,
// cascade and all).
var sectionFiles = []string{"_index." + defaultLanguage + ".md", "_index.md"}

// sectionCascade returns the cascade value of the _index.md (or
// _index.en.md) of a folder given relative to the content root, or nil,
// once per folder for the run.
func (s *Site) sectionCascade(dir string) *Node {
	if u := s.urlIdx; u.fmDone.Load() {
		return u.cascades[dir]
	}
	return memo(&s.cascades, dir, func(dir string) *Node {
		if s.hasLeafIndex(dir) {
			return nil // a bundle's section file is one of its resources
		}
		// The file Hugo keeps decides, also when its front matter sets
		// nothing frontMatterOf reads (then it is nil).
		bf := s.leafFiles(dir)
		if name := bf.sectionName(); name != "" {
			if fm := s.frontMatterOf(path.Join(s.Config.Content, dir, name)); fm != nil {
				return fm.Root.GetFold("cascade")
			}
		}
		return nil
	})
}
