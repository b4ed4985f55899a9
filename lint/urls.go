package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// urlIndex maps the site's URLs to content files. It is built from a walk of
// the content root on first use (file names only); the URLs that front
// matter adds or changes (url, slug, aliases) are indexed on first need,
// reading only the front matter of pages that are not already parsed.
type urlIndex struct {
	once sync.Once
	// files are the content pages, root-relative, sorted.
	files []string
	// foundMD are the Markdown files the walk found, sorted: files and
	// the leaf bundles' resources and duplicate pages left out of it.
	foundMD []string
	// byKey maps a URL key (see urlKey) derived from a file's path to it.
	byKey map[string]string
	// byRef maps the key of Hugo's page finder (refKey) to the file;
	// byName maps a key's last element to its files (the lookup of a ref
	// by name alone). Both are built on the first ref (refIndex).
	refOnce sync.Once
	byRef   map[string]string
	byName  map[string][]string
	// bySeg maps a URL's last segment, lower-cased, to the URL keys
	// ending in it; depth is the most segments a key has.
	bySeg map[string][]string
	depth int

	fmOnce sync.Once
	// cascades maps a folder, relative to the content root, to the cascade
	// value of its _index.md, when it has one.
	cascades map[string]*Node
	// linkOnlyAliases maps the aliases of pages with build option render
	// "link" to the page: Hugo writes them as redirects to a URL where it
	// writes nothing, so they are no link targets either.
	linkOnlyAliases map[string]string
	// fmKeys maps the URL keys that front matter adds to the file;
	// ownKeys holds those that are a page's own URL (url, slug), not an
	// alias.
	fmKeys  map[string]string
	ownKeys map[string]bool
	// fmTwice holds the keys of fmKeys that front matter gives to more
	// than one page: which page Hugo serves there is not well defined.
	fmTwice map[string]bool
	// fileForms maps a URL key that a front matter URL gives as a file
	// (url: /x.html or /x.pdf, an alias ending in ".html": Hugo writes
	// the file /x.html, not /x/index.html) to the first such URL and its
	// page; folderForms marks the keys a front matter URL gives as a
	// folder. See fileOnly.
	fileForms   map[string]fileURL
	folderForms map[string]bool
	// fmHash holds, in a shared index (URLCache), the hash of each file's
	// front matter block as read (fmBlockHash; 0 when it could not be),
	// for URLCache.FileSaved.
	fmHash map[string]uint64
	// moved marks files whose front matter url or slug moves them away
	// from their path URL.
	moved map[string]bool
	// changesAt is, in a shared index, the first time after the one its
	// front matter was read at that a page's publish or expiry date
	// passes (zero when none is to come): the publish states it holds
	// are out of date from then on (URLCache.index).
	changesAt time.Time
	fmDone    atomic.Bool
	// built is set once the walk of the content root is indexed.
	built atomic.Bool
	// shared is set for an index kept across runs (URLCache): it holds
	// the files as saved, never a run's unsaved buffers.
	shared bool
	// walkedBy, when not nil, is the list of the content folder's
	// Markdown files that discovering the run's pages made by the same
	// walk (discoverWalk): urls takes it instead of walking again.
	walkedBy []string
	// walked holds the regular files the walk found, for Site.Resolve to
	// trust without evaluating symlinks; nil for a shared index (files may
	// have changed since) and when the content folder is not inside the
	// root once symlinks are evaluated.
	walked fileSet
	// resources maps the URL key each leaf bundle resource's path would
	// serve to the file (see dropBundleResources).
	resources map[string]string

	// tops maps the URL keys of the top-level sections Hugo makes to
	// their folders (topSections).
	topOnce sync.Once
	tops    map[string]string
	topDirs []string

	// byPerm maps the segmentSig of each URL key of bySeg to the keys
	// (permutedURL), worked out on first need.
	permOnce   sync.Once
	byPerm     map[uint64][]string
	permMisses atomic.Int64

	kidsMu sync.Mutex
	kids   map[string][]string // URL folder -> child segment names, as asked (urlChildren)
	// kidScans counts the folders urlChildren was asked about; allKids
	// maps every URL folder to its child segment names, once past
	// urlChildScans of them (allChildren).
	kidScans    atomic.Int64
	allKidsOnce sync.Once
	allKids     map[string][]string
}

// URLCache keeps a site's URL index (the listing of its content root and
// the URLs front matter adds) across runs, for a long-lived process such as
// the language server, where rebuilding it for every lint would cost a walk
// of the content root and, when a link misses, a read of every page's front
// matter. The index reflects the files as saved; call Invalidate when files
// are created, deleted, moved or saved. Safe for concurrent use.
type URLCache struct {
	mu  sync.Mutex
	key string
	idx *urlIndex
	// drops counts the indexes dropped or replaced (Invalidate,
	// FileSaved, a date passing, another site).
	drops uint64
}

// NewURLCache returns an empty cache.
func NewURLCache() *URLCache { return &URLCache{} }

// Invalidate drops the cached index; the next run builds it again.
func (c *URLCache) Invalidate() {
	c.mu.Lock()
	c.idx = nil
	c.drops++
	c.mu.Unlock()
}

// FileSaved tells the cache that a Markdown file of site s (root-relative)
// was saved in place. A page's URLs and publish state come from its path
// and front matter only (and the time, which index compares with the
// dates the index read), so the index is kept when it has read every
// page's front matter and the file's front matter is as it read it (an
// edit of the text below it, the usual save); otherwise it is dropped, as
// Invalidate drops it. A file the index does not hold (a new one) drops
// it too.
func (c *URLCache) FileSaved(s *Site, file string) {
	c.mu.Lock()
	u := c.idx
	c.mu.Unlock()
	if u == nil {
		return
	}
	if _, ok := s.contentRel(file); !ok {
		return // an include file, or another file outside the content folder: no page
	}
	keep := false
	if u.built.Load() && u.fmDone.Load() {
		if h, ok := u.fmHash[file]; ok && h != 0 {
			abs := filepath.Join(s.Root, filepath.FromSlash(file))
			_, now := s.headFrontMatter(file, func(_ string, buf []byte) (int, error) { return readHead(abs, buf) }, true)
			keep = now == h
		}
	}
	if !keep {
		c.mu.Lock()
		if c.idx == u {
			c.idx = nil
			c.drops++
		}
		c.mu.Unlock()
	}
}

// Holds reports whether the cached index's walk found a content file
// (root-relative), a page or a file it leaves out as none (a leaf
// bundle's resource, the other file of a duplicate pair): false for one
// created since the index was built that the process was not told of (an
// editor that reports no file events opening it). True when no index is
// built: the next run builds one.
func (c *URLCache) Holds(file string) bool {
	c.mu.Lock()
	u := c.idx
	c.mu.Unlock()
	if u == nil || !u.built.Load() {
		return true
	}
	_, ok := slices.BinarySearch(u.foundMD, file)
	return ok
}

// index returns the cached index of a root and content folder, starting a
// new one when there is none, the site differs, or a publish or expiry
// date it read has passed by now (a page's publish state changed).
func (c *URLCache) index(root string, cfg *Config, now time.Time) *urlIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := cacheKey(root, cfg)
	if !c.holdsLocked(k, now) {
		if c.idx != nil {
			c.drops++
		}
		c.idx, c.key = &urlIndex{shared: true}, k
	}
	return c.idx
}

// cacheKey is what a cached index is kept for: the site root, its content
// folder and the file size limit.
func cacheKey(root string, cfg *Config) string {
	return fmt.Sprintf("%s\x00%s\x00%d", root, cfg.Content, cfg.MaxFileSize)
}

// holdsLocked reports whether the cache holds an index for key k that is
// still good at now. Under c.mu.
func (c *URLCache) holdsLocked(k string, now time.Time) bool {
	return c.idx != nil && c.key == k && !(c.idx.fmDone.Load() && !c.idx.changesAt.IsZero() && !now.Before(c.idx.changesAt))
}

// URLIndexVersion names the state of a URLCache: the index it holds, if
// any, and how many it dropped before. Two versions are equal only when
// they name the same index after the same drops.
type URLIndexVersion struct {
	idx   *urlIndex
	drops uint64
}

// Drops returns how many indexes the cache had dropped or replaced.
func (v URLIndexVersion) Drops() uint64 { return v.drops }

// Version returns the state of the cache for a root and configuration
// at now: the index it holds if still good then (none when a publish or
// expiry date it read has passed). A caller that keeps what it worked out
// from the site's URLs tells, by comparing versions, whether they may
// have changed since (a file created, deleted or moved, front matter
// saved, Invalidate, a page published or expired by the time), and, by
// comparing Drops, whether an index was dropped meanwhile.
func (c *URLCache) Version(root string, cfg *Config, now time.Time) URLIndexVersion {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.holdsLocked(cacheKey(root, cfg), now) {
		return URLIndexVersion{drops: c.drops}
	}
	return URLIndexVersion{c.idx, c.drops}
}

// useCache makes the site use a URL index kept across runs, unless the
// run's overlay gives a content page other front matter URLs or publish
// state than its file as saved (overlayMovesURLs): the kept index holds
// the files as saved, so the run builds its own, which reads the unsaved
// text.
func (s *Site) useCache(c *URLCache) {
	if c != nil && !s.overlayMovesURLs() {
		s.urlIdx = c.index(s.Root, s.Config, s.now)
	}
}

// overlayMovesURLs reports whether an overlay text of a content page has
// a front matter block other than its file's (or the file is not there
// to compare) where either may set the page's URLs or publish state
// (aliases, url, slug, draft, dates, cascade: see mayMoveURL). An edit
// elsewhere in the front matter, or below it, leaves the URLs as the
// file gives them.
func (s *Site) overlayMovesURLs() bool {
	for f, src := range s.overlay {
		if _, ok := s.contentRel(f); !ok || !strings.HasSuffix(strings.ToLower(f), ".md") {
			continue
		}
		h, moves := urlFrontMatterOf(src)
		abs := filepath.Join(s.Root, filepath.FromSlash(f))
		saved, sh := s.headFrontMatter(f, func(_ string, buf []byte) (int, error) { return readHead(abs, buf) }, true)
		if h != sh && (moves || saved != nil) {
			return true
		}
	}
	return false
}

// urlFrontMatterOf returns the hash of a page text's front matter block
// (fmBlockHash) and whether the block may set the page's URLs or publish
// state (mayMoveURL).
func urlFrontMatterOf(src []byte) (hash uint64, moves bool) {
	fm := urlFrontMatter(src)
	return fmBlockHash(true, src, fm), decoded(fm) != nil
}

// SameURLFrontMatter reports whether two texts of a content page give it
// the same URLs and publish state as far as their front matter goes: the
// same front matter block, or blocks of which neither may set them (an
// editor's change elsewhere in the front matter, or below it, leaves the
// site's URLs as they were).
func SameURLFrontMatter(a, b []byte) bool {
	ha, ma := urlFrontMatterOf(a)
	hb, mb := urlFrontMatterOf(b)
	return ha == hb || !ma && !mb
}

// URLPathEnd returns where the path of a URL or link destination ends:
// the offset of its first '?' or '#', or its length when it has neither.
// (Two byte searches: strings.IndexAny looks at a byte at a time, and
// every link's destination is cut this way.)
func URLPathEnd(dest string) int {
	end := strings.IndexByte(dest, '#')
	if end < 0 {
		end = len(dest)
	}
	if i := strings.IndexByte(dest[:end], '?'); i >= 0 {
		return i
	}
	return end
}

// urlKey normalises a site path for lookup, a path alone (a link's
// fragment and query are split off before it is percent-decoded, so a '#'
// or '?' here is part of the path: Hugo serves "c#5.md" at "/c%235/"):
// "/x", "/x/", "/x.html", "/x/index.html" all give "/x".
func urlKey(p string) string {
	if q, ok := strings.CutSuffix(p, ".html"); ok {
		p = strings.TrimSuffix(q, "/index") // "/x/index.html" is "/x/"; "/x/index" is a page named index
	}
	p = strings.TrimRight(p, "/")
	if p == "" {
		return "/"
	}
	return p
}

// logicalPath returns Hugo's logical path of a content file given relative
// to the content root: lower case, without extension (and without the
// default language's ".en" before it), "_index" and
// "index" folded into their folder, with a leading slash, and sanitised as
// Hugo sanitises a content path (hugoPathChars).
func logicalPath(rel string) string {
	if ext := strings.ToLower(path.Ext(rel)); ext == ".md" || ext == ".markdown" {
		rel = trimLanguage(rel[:len(rel)-len(ext)])
	}
	rel = strings.ToLower(rel)
	switch path.Base(rel) {
	case "_index", "index":
		rel = path.Dir(rel)
	}
	if rel == "." {
		return "/"
	}
	return "/" + hugoPathChars(rel)
}

// hugoPathChars is a content file's path as Hugo writes it into the
// page's URL: each space becomes '-', then the path is sanitised
// (hugoSanitize): of the other characters only letters, digits, combining
// marks, ". / \\ _ # + ~ - @" and a '%' before two hex digits are kept, and
// other white space (a tab, a no-break space) becomes one '-' unless a
// '-' is next to it ("what's new" gives "whats-new", "a&b" gives "ab").
// Checked against Hugo 0.151's output.
func hugoPathChars(s string) string {
	return hugoSanitize(strings.ReplaceAll(s, " ", "-"))
}

// hugoSanitize is Hugo's path sanitising: the characters hugoPathChar
// refuses are dropped, except that a run of white space after a kept
// character other than '-' becomes one '-' before the next kept
// character, unless that is a '-'.
func hugoSanitize(s string) string {
	keep := true
	for i, r := range s {
		if !hugoPathChar(s, i, r) {
			keep = false
			break
		}
	}
	if keep {
		return s
	}
	var b strings.Builder
	hyphen, wasHyphen := false, false
	for i, r := range s {
		if hugoPathChar(s, i, r) {
			wasHyphen = r == '-'
			if hyphen && !wasHyphen {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else if b.Len() > 0 && !wasHyphen && unicode.IsSpace(r) {
			hyphen = true
		}
	}
	return b.String()
}

// hugoPathChar reports whether Hugo keeps the rune r at s[i] in a path.
func hugoPathChar(s string, i int, r rune) bool {
	switch {
	case r < utf8.RuneSelf && asciiPathChars[r]:
		return true // most paths are lower-case ASCII: no table lookup of Unicode's
	case r == '%':
		return i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2])
	case r < utf8.RuneSelf:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// asciiPathChars are the ASCII characters Hugo keeps in a path: letters,
// digits and ". / \\ _ # + ~ - @".
var asciiPathChars = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		r := rune(c)
		t[c] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("./\\_#+~-@", r)
	}
	return t
}()

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hugoSlug is a front matter slug as Hugo writes it into a URL: '-'
// trimmed from both ends, then sanitised (hugoSanitize: a run of white
// space becomes one '-') and lower cased ("Q&A: FAQ!" gives "qa-faq", "-x-"
// gives "x").
func hugoSlug(slug string) string {
	return strings.ToLower(hugoSanitize(strings.Trim(slug, "-")))
}

// HasDotSegments reports whether a URL path has a "." or ".." segment,
// written plainly or percent-encoded ("%2e%2e"), which a browser removes.
func HasDotSegments(p string) bool {
	return removeDotSegments(p) != p
}

// dotSegment tells whether a path segment is "." (1), ".." (2) or neither
// (0), as the URL standard reads them: "%2e" counts as a dot.
func dotSegment(sg string) int {
	if len(sg) > 6 || !strings.Contains(sg, ".") && !strings.Contains(strings.ToLower(sg), "%2e") {
		return 0
	}
	switch strings.ReplaceAll(strings.ToLower(sg), "%2e", ".") {
	case ".":
		return 1
	case "..":
		return 2
	}
	return 0
}

// removeDotSegments removes "." and ".." segments from a URL path as a
// browser does before requesting it (RFC 3986, section 5.2.4, with the URL
// standard's percent-encoded dots).
func removeDotSegments(p string) string {
	if !strings.Contains(p, "/.") && !strings.Contains(p, "%2") {
		return p
	}
	segs := strings.Split(p, "/")
	changed := false
	for _, sg := range segs {
		if dotSegment(sg) != 0 {
			changed = true
			break
		}
	}
	if !changed {
		return p
	}
	out := make([]string, 0, len(segs))
	for i, sg := range segs {
		last := i == len(segs)-1
		switch dotSegment(sg) {
		case 1:
			if last {
				out = append(out, "")
			}
		case 2:
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, sg)
		}
	}
	return strings.Join(out, "/")
}

// contentRel returns a root-relative file path relative to the content
// root, and whether it is inside it.
func (s *Site) contentRel(file string) (string, bool) {
	c := path.Clean(s.Config.Content)
	if c == "." || c == "" {
		return file, true
	}
	return strings.CutPrefix(file, c+"/")
}

// urls returns the site's URL index, walking the content root once.
func (s *Site) urls() *urlIndex {
	u := s.urlIdx
	u.once.Do(func() {
		content := filepath.Join(s.Root, filepath.FromSlash(s.Config.Content))
		if u.walkedBy != nil {
			u.files = append(u.files, u.walkedBy...)
		} else {
			u.walk(s.Root, content, s.Config.Content)
		}
		if len(s.absent) > 0 && !u.shared {
			u.files = withoutAbsent(u.files, s.absent)
		}
		if !sort.StringsAreSorted(u.files) {
			sort.Strings(u.files)
		}
		if !u.shared && contentInside(s.Root, content) {
			// WalkDir follows no symlink below content, so every file it
			// found as regular is inside the root.
			u.walked = fileSet(slices.Clone(u.files))
		}
		for rel := range s.overlay {
			if u.shared {
				break // a shared index holds the files on disk only
			}
			// As the walk lists them: not in a folder, nor a file, whose
			// name starts with "." (a file there that a change edits is
			// in the overlay when --only-new reads the base).
			if cr, ok := s.contentRel(rel); ok && !hasDotSegment(cr) && strings.HasSuffix(strings.ToLower(rel), ".md") {
				u.files = append(u.files, rel)
			}
		}
		if !sort.StringsAreSorted(u.files) {
			sort.Strings(u.files)
		}
		var resources []string
		u.foundMD = compactStrings(u.files)
		u.files, resources = splitBundleResources(slices.Clone(u.foundMD), path.Clean(s.Config.Content))
		u.files = s.dropDuplicatePages(u.files)
		u.resources = make(map[string]string, len(resources))
		for _, f := range resources {
			cr, _ := s.contentRel(f)
			u.resources[urlKey(logicalPath(cr))] = f
		}
		n := len(u.files)
		u.byKey, u.bySeg = make(map[string]string, n), make(map[string][]string, n)
		for _, f := range u.files {
			cr, _ := s.contentRel(f)
			u.addKey(u.byKey, urlKey(logicalPath(cr)), f)
		}
		u.built.Store(true)
	})
	return u
}

// dropBundleResources removes from sorted root-relative content files the
// Markdown files inside a leaf bundle (a folder below the content root
// holding an index.md or index.en.md that no section file outranks, see
// bundleFiles.leaf, and its subfolders) other than its index file: Hugo
// makes them resources of the bundle, with no URL of their own.
func dropBundleResources(files []string, content string) []string {
	kept, _ := splitBundleResources(files, content)
	return kept
}

// dropDuplicatePages drops, of sorted content files in one folder that
// Hugo takes for one page (the same path in lower case, spaces as '-',
// without a content extension or the default language's suffix: X.md and
// x.md, x.en.md and x.md, _index.md and index.md), all but the one Hugo
// 0.151 keeps: a file with the language suffix (x.en.md, index.en.md)
// if there is one, else the first in sorted order (checked against its
// builds). It ignores the others, front matter and all.
func (s *Site) dropDuplicatePages(files []string) []string {
	// Only in a folder holding a file whose name Hugo's key changes (case,
	// spaces, a language suffix), or both index.md and _index.md, can two
	// files be one page: the keys of other folders' files are not worked
	// out (it took 2 ms over 4,500 files).
	mixed := map[string]bool{}
	indexes := map[string]int{}
	for _, f := range files {
		switch d, b := path.Split(f); {
		case b == "index.md" || b == "_index.md":
			if indexes[d]++; indexes[d] > 1 {
				mixed[d] = true
			}
		case !plainPageName(b):
			mixed[d] = true
		}
	}
	if len(mixed) == 0 {
		return files
	}
	// The page each file of a mixed folder is, and the file Hugo keeps
	// for it.
	keys := map[string]string{}
	kept := map[string]string{}
	for _, f := range files {
		d, b := path.Split(f)
		if !mixed[d] {
			continue
		}
		cr, _ := s.contentRel(f)
		k := d + "\x00" + refKey(cr)
		keys[f] = k
		if prev, ok := kept[k]; !ok || hasLanguageSuffix(b) && !hasLanguageSuffix(path.Base(prev)) {
			kept[k] = f
		}
	}
	out := make([]string, 0, len(files))
	for _, f := range files {
		if k, ok := keys[f]; ok && kept[k] != f {
			continue
		}
		out = append(out, f)
	}
	return out
}

// hasLanguageSuffix reports whether a content file name carries the
// default language before its extension (x.en.md).
func hasLanguageSuffix(name string) bool {
	stem := strings.TrimSuffix(name, path.Ext(name))
	return trimLanguage(stem) != stem
}

// plainPageName reports whether a file name is its own page key: lower
// case ASCII letters, digits, '-' and '_', and ".md" with no other dot.
func plainPageName(name string) bool {
	stem, ok := strings.CutSuffix(name, ".md")
	if !ok {
		return false
	}
	for i := 0; i < len(stem); i++ {
		if c := stem[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// splitBundleResources is dropBundleResources, returning the dropped files
// too.
func splitBundleResources(files []string, content string) (kept, resources []string) {
	folders := map[string]*bundleFiles{}
	for _, f := range files {
		d, b := cleanDir(f), path.Base(f)
		if !isSectionFile(b) && !isBundleIndex(b) || d == content {
			continue
		}
		bf := folders[d]
		if bf == nil {
			bf = &bundleFiles{}
			folders[d] = bf
		}
		bf.note(b)
	}
	var leaves []string
	for d, bf := range folders {
		if bf.leaf() {
			leaves = append(leaves, d+"/")
		}
	}
	if len(leaves) == 0 {
		return files, nil
	}
	slices.Sort(leaves)
	out := files[:0:0]
	for _, f := range files {
		if inLeaf(f, leaves) {
			resources = append(resources, f)
		} else {
			out = append(out, f)
		}
	}
	return out, resources
}

// inLeaf reports whether file lies inside one of the sorted leaf bundle
// folders (given with a trailing slash) without being its index.md.
func inLeaf(file string, leaves []string) bool {
	for dir := file; ; {
		i := strings.LastIndexByte(dir, '/')
		if i < 0 {
			return false
		}
		dir = dir[:i]
		if _, ok := slices.BinarySearch(leaves, dir+"/"); ok && !(path.Dir(file) == dir && isBundleIndex(path.Base(file))) {
			return true
		}
	}
}

// bundleFiles records which of a folder's index and section files Hugo
// keeps: names noted in byte order, in any case (Hugo lowers a path
// before it reads it, so Index.md and _Index.EN.md count).
type bundleFiles struct {
	// kept is the file Hugo 0.151 keeps of the index and section files
	// (they are one page to it, see dropDuplicatePages): the first with
	// the default language's suffix, else the first in byte order; ""
	// when there is none.
	kept string
	lang bool
}

// note records a file name of the folder, in byte order.
func (bf *bundleFiles) note(name string) {
	if !isBundleIndex(name) && !isSectionFile(name) {
		return
	}
	if lang := hasLanguageSuffix(name); bf.kept == "" || lang && !bf.lang {
		bf.kept, bf.lang = name, lang
	}
}

// leaf reports whether the folder is a leaf bundle: the file Hugo keeps
// is an index file, not a section file (as Hugo 0.151 decides:
// index.en.md beside _index.md is a bundle, index.md beside _index.md or
// _index.en.md is not, Index.md beside _index.md is, 'I' sorting before
// '_').
func (bf *bundleFiles) leaf() bool {
	return bf.kept != "" && isBundleIndex(bf.kept)
}

// indexName returns the name of the bundle's index file.
func (bf *bundleFiles) indexName() string {
	return bf.kept
}

// sectionName returns the name of the section file Hugo keeps, or "" when
// the folder has none or is a leaf bundle.
func (bf *bundleFiles) sectionName() string {
	if bf.kept != "" && isSectionFile(bf.kept) {
		return bf.kept
	}
	return ""
}

// isBundleIndex reports whether a file name may make its folder a leaf
// bundle (see bundleFiles.leaf): index.md, or index.en.md in the default
// language.
func isBundleIndex(name string) bool {
	return strings.EqualFold(name, "index.md") || strings.EqualFold(name, "index."+defaultLanguage+".md")
}

// isSectionFile reports whether a file name is a section's own page.
func isSectionFile(name string) bool {
	return strings.EqualFold(name, sectionFiles[0]) || strings.EqualFold(name, sectionFiles[1])
}

// leafBundleOf returns the leaf bundle folder, relative to the content
// root, that a content file (given relative to the content root) lies in
// without being its index.md, or "" (see dropBundleResources), looking for
// the index.md files on disk.
func (s *Site) leafBundleOf(cr string) string {
	dir := path.Dir(cr)
	if isBundleIndex(path.Base(cr)) {
		dir = path.Dir(dir)
	}
	leaf := ""
	for ; dir != "." && dir != "/"; dir = path.Dir(dir) {
		if s.hasLeafIndex(dir) {
			leaf = dir // the outermost bundle holds everything below it
		}
	}
	return leaf
}

// hasLeafIndex reports whether a folder, given relative to the content
// root, is a leaf bundle (see bundleFiles.leaf), once per folder for the
// run.
func (s *Site) hasLeafIndex(dir string) bool {
	bf := s.leafFiles(dir)
	return bf.leaf()
}

// leafFiles returns which index and section files a folder, given relative
// to the content root, holds, looked for on disk (in any case) once per
// folder for the run.
func (s *Site) leafFiles(dir string) bundleFiles {
	return memo(&s.leafDirs, dir, func(dir string) bundleFiles {
		folder := path.Join(s.Config.Content, dir)
		var bf bundleFiles
		for _, e := range s.folderEntries(folder) {
			// A symlinked index counts when it leads to a file inside the
			// root (HasFile).
			if e.kind != entryDir && (isBundleIndex(e.name) || isSectionFile(e.name)) && s.HasFile(path.Join(folder, e.name)) {
				bf.note(e.name)
			}
		}
		return bf
	})
}

// HasFile reports whether a root-relative file is a page of the run (not
// a folder named as one, see ProblemFolder, nor one that could not be
// read unless it is a regular file), an editor's unsaved text, or a
// regular file inside the root. A link or ref
// to the home page or a top-level section resolves to its _index.md also
// when there is none, as Hugo makes the page: then HasFile is false.
func (s *Site) HasFile(f string) bool {
	if p := s.byPath[f]; p != nil && (p.Parsed() || !p.HasProblem(ProblemUnreadable)) {
		return !p.HasProblem(ProblemFolder)
	}
	if _, ok := s.overlay[f]; ok {
		return true
	}
	abs, err := s.Resolve(f)
	if err != nil {
		return false
	}
	fi, err := os.Stat(abs)
	return err == nil && fi.Mode().IsRegular()
}

// refIndex returns the site's URL index with its logical paths indexed
// for ref and relref shortcodes, built on first use: most runs have none.
func (s *Site) refIndex() *urlIndex {
	u := s.urls()
	u.refOnce.Do(func() {
		u.byRef, u.byName = make(map[string]string, len(u.files)), make(map[string][]string, len(u.files))
		for _, f := range u.files {
			cr, _ := s.contentRel(f)
			k := refKey(cr)
			if _, dup := u.byRef[k]; !dup {
				u.byRef[k] = f
			}
			u.byName[path.Base(k)] = append(u.byName[path.Base(k)], f)
		}
		// Hugo's page tree always holds the home page, and a section for
		// each top-level folder with a content file in it (in any publish
		// state), _index.md or not: a ref finds them (checked against Hugo
		// 0.151), a section made without a file by its folder's name too
		// ({{< ref "x.frz" >}} is the section x, or ambiguous beside a
		// page x).
		auto := func(dir string) {
			if k := refKey(path.Join(dir, "_index.md")); u.byRef[k] == "" {
				f := path.Join(s.Config.Content, dir, "_index.md")
				u.byRef[k] = f
				if dir != "" {
					u.byName[path.Base(k)] = append(u.byName[path.Base(k)], f)
				}
			}
		}
		auto("")
		for _, top := range u.topFolders(s) {
			auto(top)
		}
	})
	return u
}

// refMaps returns the maps of the site's ref index (refIndex): a ref
// key to its file, and a key's last element to its files. A run whose URL
// index is kept across runs (URLCache) has them of the files as saved;
// the content pages of its overlay that are on no disk (an editor's new,
// unsaved page) are added, in copies made once per run, so that a ref to
// one finds it as a link to its URL does.
func (s *Site) refMaps() (byRef map[string]string, byName map[string][]string) {
	u := s.refIndex()
	if !u.shared || len(s.overlay) == 0 {
		return u.byRef, u.byName
	}
	m := s.Memo(overlayRefsKey{}, func() any {
		var extra []string
		for _, f := range sortedKeys(s.overlay) {
			cr, ok := s.contentRel(f)
			if !ok || hasDotSegment(cr) || !strings.HasSuffix(strings.ToLower(f), ".md") {
				continue
			}
			if _, found := slices.BinarySearch(u.files, f); !found {
				extra = append(extra, f)
			}
		}
		if len(extra) == 0 {
			return [2]any{u.byRef, u.byName}
		}
		byRef, byName := maps.Clone(u.byRef), maps.Clone(u.byName)
		for _, f := range extra {
			cr, _ := s.contentRel(f)
			k := refKey(cr)
			if byRef[k] == "" {
				byRef[k] = f
			}
			byName[path.Base(k)] = append(slices.Clip(byName[path.Base(k)]), f)
		}
		return [2]any{byRef, byName}
	}).([2]any)
	return m[0].(map[string]string), m[1].(map[string][]string)
}

// overlayRefsKey is the key of refMaps' maps among the site's memos.
type overlayRefsKey struct{}

// contentInside reports whether the content folder is inside the root
// once symlinks are evaluated.
func contentInside(root, content string) bool {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	c, err := filepath.EvalSymlinks(content)
	if err != nil {
		return false
	}
	_, ok := relInside(r, c)
	return ok
}

// relInside returns the path p relative to the folder root, and false
// when p is outside it (or the two cannot be related).
func relInside(root, p string) (string, bool) {
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// walk lists the regular Markdown files under the content folder, leaving
// out folders whose name starts with "." (as discoverWalk lists them).
func (u *urlIndex) walk(root, content, rel string) {
	never := func(string) bool { return false }
	_, md, _ := walkMarkdown(root, content, rel, pageSelector{}, never, true, nil, nil)
	u.files = append(u.files, md...)
}

// fileSet is a sorted list of files, looked up by binary search: a
// map of the content folder's thousands of files took three times the
// memory, each page of it a fault to the kernel, for the few lookups a
// run makes.
type fileSet []string

func (set fileSet) has(f string) bool {
	_, ok := slices.BinarySearch(set, f)
	return ok
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func (u *urlIndex) addKey(m map[string]string, key, file string) {
	if _, dup := m[key]; dup {
		return
	}
	m[key] = file
	// Front matter URLs keep their case: the segment index does not, so
	// that a did-you-mean finds /Team/ for /team/.
	seg := strings.ToLower(path.Base(key))
	u.bySeg[seg] = append(u.bySeg[seg], key)
	u.depth = max(u.depth, strings.Count(key, "/"))
}

// fileURL is a front matter URL that names a file, and the page it is of.
type fileURL struct {
	url, file string
}

// noteForm records whether a front matter URL of file names a file or a
// folder (see fileOnly). Hugo writes a page's url as a file when it has
// a dot and no final slash (url: /x.html, /x.pdf, /v1.0/x: see
// urlNamesFile), and an alias only when it ends in ".html" (an alias
// /x.pdf is the folder /x.pdf/).
func (u *urlIndex) noteForm(url, file string, alias bool) {
	k := urlKey(url)
	// A page's own url names a file when pageURLs leaves it without a
	// final slash (urlNamesFile); an alias only when it ends in ".html".
	isFile := namesFile(url) && namesHTMLFile(url)
	if !alias {
		isFile = !strings.HasSuffix(url, "/") && !strings.HasSuffix(url, "/index.html")
	}
	if isFile {
		if _, ok := u.fileForms[k]; !ok {
			u.fileForms[k] = fileURL{url: url, file: file}
		}
		return
	}
	u.folderForms[k] = true
}

// fileOnly returns, for a URL key that only a front matter URL naming a
// file serves (url: /x.html), that URL: Hugo writes the page as the
// file /x.html, so /x/ and /x are no page (the handbook's redirect goes
// from /x.html to /x/, not back). "" when a page's path or a folder-form
// URL serves the key too, or no such URL gives it. The front matter URLs
// must be indexed.
func (u *urlIndex) fileOnly(key string) string {
	w := u.fileForms[key].url
	if w == "" || u.folderForms[key] {
		return ""
	}
	if f, ok := u.byKey[key]; ok && !u.moved[f] {
		return ""
	}
	return w
}

// linkForm returns the URL a link to a URL key is written with: the key
// with a final slash, or the URL of a page served only as a file (url:
// /x.html).
func (u *urlIndex) linkForm(key string) string {
	if w := u.fileOnly(key); w != "" {
		return w
	}
	return key + "/"
}

// ServedAsHTMLFile reports whether a site path that resolves through
// front matter names a page that Hugo writes only as a ".html" file (url:
// /x.html), so that the ".html" form is the one to link: link-form leaves
// such a link as it is. It reads the front matter URLs only when they are
// indexed already.
func (s *Site) ServedAsHTMLFile(sitePath string) bool {
	u := s.urls()
	return u.fmDone.Load() && strings.HasSuffix(u.fileOnly(urlKey(sitePath)), ".html")
}

// frontMatterURLs indexes the URLs front matter adds (aliases, url, slug)
// across every content page, once. Parsed pages give their front matter;
// other files are read up to the end of their front matter only.
func (s *Site) frontMatterURLs() *urlIndex {
	u := s.urls()
	u.fmOnce.Do(func() {
		fms := make([]*FrontMatter, len(u.files))
		var hashes []uint64 // for a shared index: see URLCache.FileSaved
		if u.shared {
			hashes = make([]uint64, len(u.files))
		}
		// Files are read folder by folder (a folder's files are
		// consecutive in the sorted list, but for its subfolders' files
		// sorting between them), each opened relative to its folder.
		folders := folderRuns(u.files)
		parallel(context.Background(), len(folders)-1, runtime.GOMAXPROCS(0), func(g int) {
			var dir *headDir
			dirFailed := false
			for i := folders[g]; i < folders[g+1]; i++ {
				f := u.files[i]
				if !u.shared {
					if fm, ok := s.frontMatterKnown(f); ok {
						fms[i] = fm
						continue
					}
				}
				if dirFailed {
					continue
				}
				if dir == nil {
					d, err := openHeadDir(filepath.Join(s.Root, filepath.FromSlash(path.Dir(f))))
					if err != nil {
						dirFailed = true // an unreadable folder: its files' heads too, tried once
						continue
					}
					defer d.close()
					dir = &d
				}
				fm, h := s.headFrontMatter(f, dir.readHead, u.shared)
				fms[i] = fm
				if hashes != nil {
					hashes[i] = h
				}
			}
		})
		u.fmKeys, u.moved, u.cascades, u.linkOnlyAliases = map[string]string{}, map[string]bool{}, map[string]*Node{}, map[string]string{}
		u.fmTwice = map[string]bool{}
		addFM := func(key, f string) {
			if g, ok := u.fmKeys[key]; ok && g != f {
				u.fmTwice[key] = true
			}
			u.addKey(u.fmKeys, key, f)
		}
		u.fileForms, u.folderForms, u.ownKeys = map[string]fileURL{}, map[string]bool{}, map[string]bool{}
		if u.shared {
			u.fmHash = make(map[string]uint64, len(u.files))
			for i, f := range u.files {
				u.fmHash[f] = hashes[i]
			}
		}
		for i, f := range u.files {
			if fm := fms[i]; fm != nil && isSectionFile(path.Base(f)) {
				if c := fm.Root.GetFold("cascade"); c != nil {
					cr, _ := s.contentRel(f)
					u.cascades[path.Dir(cr)] = c
				}
			}
		}
		cascaded := func(dir string) *Node { return u.cascades[dir] }
		for i, f := range u.files {
			fm := fms[i]
			if (fm == nil || fm.Root == nil) && len(u.cascades) == 0 {
				continue
			}
			var root *Node
			if fm != nil {
				root = fm.Root
			}
			v := pubViewOf(f, s.Config.Content, root, cascaded)
			if u.shared {
				// The next time a date of the page passes (a page to
				// come is published, one expires).
				for _, keys := range [][]string{publishDateKeys, expiryDateKeys} {
					if _, t, _, ok := firstDate(v, keys); ok && !t.Before(s.now) && (u.changesAt.IsZero() || t.Before(u.changesAt)) {
						u.changesAt = t
					}
				}
			}
			if st, _ := publishState(v, s.now); st != renderAlways {
				u.moved[f] = true // Hugo writes no page for it
				if st == renderLinkOnly && root != nil {
					// Hugo writes its aliases, as redirects to nothing.
					cr, _ := s.contentRel(f)
					_, extra, _ := pageURLs(cr, root)
					for _, a := range extra {
						if _, dup := u.linkOnlyAliases[urlKey(a)]; !dup {
							u.linkOnlyAliases[urlKey(a)] = f
						}
					}
				}
				continue
			}
			if root == nil {
				continue
			}
			cr, _ := s.contentRel(f)
			own, extra, moved := pageURLs(cr, root)
			if moved {
				u.moved[f] = true
				addFM(urlKey(own), f)
				u.ownKeys[urlKey(own)] = true
				u.noteForm(own, f, false)
			}
			for _, a := range extra {
				addFM(urlKey(a), f)
				u.noteForm(a, f, true)
			}
		}
		u.fmDone.Store(true)
	})
	return u
}

// frontMatterOf returns the front matter of a content file: from the parsed
// page when there is one, otherwise read from the file's head. Files over
// the size limit or unreadable give nil.
func (s *Site) frontMatterOf(file string) *FrontMatter {
	if fm, ok := s.frontMatterKnown(file); ok {
		return fm
	}
	return s.frontMatterOnDisk(file)
}

// frontMatterKnown returns the front matter of a content file the run has
// parsed (or holds unsaved), and whether it has.
func (s *Site) frontMatterKnown(file string) (*FrontMatter, bool) {
	if p := s.byPath[file]; p != nil {
		return p.FrontMatter, true
	}
	if p := s.targetFile(file); p != nil && p.Parsed() {
		return p.FrontMatter, true
	}
	if src, ok := s.overlay[file]; ok {
		return parseFrontMatter(src, mayMoveURL), true
	}
	return nil, false
}

// frontMatterOnDisk returns the front matter of a content file as saved,
// when it may set a URL or decide whether the page is published
// (mayMoveURL).
func (s *Site) frontMatterOnDisk(file string) *FrontMatter {
	// The file comes from the walk of the content root, which takes only
	// regular files and does not enter symlinked folders: it is inside
	// the root. It is read only if it is still not a symlink.
	abs := filepath.Join(s.Root, filepath.FromSlash(file))
	return s.frontMatterFromHead(file, func(_ string, buf []byte) (int, error) { return readHead(abs, buf) })
}

// frontMatterFromHead returns the front matter of a content file as saved,
// when it may set a URL or decide whether the page is published, from its
// head read by readHead (given the file's
// base name); the whole file is read only when its front matter runs
// past the head.
func (s *Site) frontMatterFromHead(file string, readHead func(name string, buf []byte) (int, error)) *FrontMatter {
	fm, _ := s.headFrontMatter(file, readHead, false)
	return fm
}

// headFrontMatter is frontMatterFromHead, with, when hash is set, a hash
// of the file's front matter block as written (see fmBlockHash).
func (s *Site) headFrontMatter(file string, readHead func(name string, buf []byte) (int, error), hash bool) (*FrontMatter, uint64) {
	// Decoded front matter holds no reference to the text it was decoded
	// from (its values are strings): the buffer is reused.
	bp := headBuffers.Get().(*[]byte)
	defer headBuffers.Put(bp)
	head := *bp
	n, err := readHead(path.Base(file), head)
	if err != nil {
		return nil, 0
	}
	text := head[:n]
	if n == len(head) {
		// The file may go on: its last line in the head may be cut short
		// ("---x" read as "---" would close the front matter there). Only
		// whole lines are parsed; the front matter is decided by them
		// when they close it, or show there is none.
		text = text[:bytes.LastIndexByte(text, '\n')+1]
	}
	if len(text) > 0 {
		fm := urlFrontMatter(text)
		if fm == nil || fm.Err == nil || n < len(head) {
			return decoded(fm), fmBlockHash(hash, text, fm)
		}
	}
	// The front matter runs past the head: read the file, within the limit,
	// resolved again (it may have changed since the head was read).
	abs, err := s.Resolve(file)
	if err != nil {
		return nil, 0
	}
	src, err := readRegular(abs, s.Config.MaxFileSize, nil)
	if err != nil {
		return nil, 0
	}
	fm := urlFrontMatter(src)
	return decoded(fm), fmBlockHash(hash, src, fm)
}

// fmBlockHash returns, when want is set, a hash of the front matter block
// fm of src as written (delimiters included, and whether it is
// well-formed), or of its absence: what a page's URLs and publish state
// come from. It is never 0, which stands for a file whose front matter
// could not be read.
func fmBlockHash(want bool, src []byte, fm *FrontMatter) uint64 {
	if !want {
		return 0
	}
	h := fnv.New64a()
	switch {
	case fm == nil:
		h.Write([]byte{0})
	default:
		h.Write(src[fm.Start:min(fm.End, len(src))])
		if fm.Err != nil {
			h.Write([]byte{1})
		}
	}
	return h.Sum64() | 1
}

// urlFrontMatter parses a file's front matter for the URLs it may set and
// the keys that decide whether the page is published: decoded only when a
// key starts with one of their names (mayMoveURL), and then, when it is
// simple YAML, read without YAML's decoder (simpleURLFrontMatter).
func urlFrontMatter(src []byte) *FrontMatter {
	fm := parseFrontMatter(src, func([]byte) bool { return false }) // the block only
	if fm == nil || fm.Err != nil || !mayMoveURL(src[fm.BodyStart:fm.BodyEnd]) {
		return fm
	}
	switch fm.Format {
	case "yaml":
		if root, ok := simpleURLFrontMatter(src[fm.BodyStart:fm.BodyEnd]); ok {
			fm.Root = root
		} else {
			fm.decodeYAML(src)
		}
	case "toml":
		fm.decodeTOML(src)
	} // JSON front matter is decoded with its block
	return fm
}

// cleanDir is path.Dir of a clean slash path, without the cleaning
// path.Dir does (the alias scan asks it of every page).
func cleanDir(f string) string {
	switch i := strings.LastIndexByte(f, '/'); i {
	case -1:
		return "."
	case 0:
		return "/"
	default:
		return f[:i]
	}
}

// folderRuns splits sorted slash paths into runs of files in the same
// folder: run g is files[r[g]:r[g+1]].
func folderRuns(files []string) []int {
	r := []int{0}
	for i := 1; i < len(files); i++ {
		if cleanDir(files[i]) != cleanDir(files[i-1]) {
			r = append(r, i)
		}
	}
	if len(files) > 0 {
		r = append(r, len(files))
	}
	return r
}

// headBuffers are the buffers frontMatterOnDisk reads a file's head into.
var headBuffers = sync.Pool{New: func() any { b := make([]byte, 1<<10); return &b }}

// decoded returns front matter that was decoded (it may set a URL or
// decide publication), or nil.
func decoded(fm *FrontMatter) *FrontMatter {
	if fm == nil || fm.Root == nil {
		return nil
	}
	return fm
}

// mayMoveURL reports whether a front matter body may set a page's URLs,
// keep it from being published or cascade values: whether one of the
// keys' names (fmHintWords) starts a key, in any case (Hugo reads front
// matter keys in any case). Keys start their line (YAML, TOML, a TOML
// table's "[" before), or in JSON follow '{' or ',', after spaces and a
// quote; a leading '_' is skipped (_build).
func mayMoveURL(body []byte) bool {
	keyAt := func(at int) bool {
		for at < len(body) && (body[at] == ' ' || body[at] == '\t' || body[at] == '"' || body[at] == '\'' || body[at] == '_' || body[at] == '[') {
			at++
		}
		if at >= len(body) || !hintStart[body[at]|0x20] {
			return false
		}
		for _, h := range fmHintWords {
			if foldAt(body, at, h) {
				return true
			}
		}
		return false
	}
	seps := []byte{'\n'}
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		seps = []byte{'\n', '{', ','}
	}
	if keyAt(0) {
		return true
	}
	for _, sep := range seps {
		for i := 0; ; {
			j := bytes.IndexByte(body[i:], sep)
			if j < 0 {
				break
			}
			i += j + 1
			if keyAt(i) {
				return true
			}
		}
	}
	return false
}

// hintStart marks the lower-case first letters of fmHintWords.
var hintStart = func() (t [256]bool) {
	for _, w := range fmHintWords {
		t[w[0]] = true
	}
	return t
}()

// fmHintWords start the names of the front matter keys that change a
// page's URLs, keep it from being published (see publishState) or cascade
// values to other pages, in lower case.
var fmHintWords = []string{"aliases", "url", "slug", "draft", "build", "headless", "cascade", "date", "publish", "pubdate", "expiry", "unpublish", "lastmod", "modified"}

// foldAt reports whether b holds the lower-case ASCII word at offset
// at, in any case.
func foldAt(b []byte, at int, word string) bool {
	if at < 0 || at+len(word) > len(b) {
		return false
	}
	for k := 0; k < len(word); k++ {
		if b[at+k]|0x20 != word[k] {
			return false
		}
	}
	return true
}

// pageURLs returns a page's own URL from its content-relative path and
// front matter, the alias URLs it adds, and whether url or slug moved it
// away from its path URL. As Hugo 0.151 does: the keys are read in any
// case; the home page keeps "/" whatever its url; a path URL is lower-cased and sanitised (logicalPath), and so is a
// slug (hugoSlug) joined to the page's folder with ".", ".." and empty
// segments cleaned; values are read as Hugo's YAML 1.1 reads them (slug:
// yes is "true", see HugoString); url and aliases are kept as written, but for ".", ".."
// and empty segments in url and a slash added to a url whose last segment
// has no dot; an alias string holds URLs separated by white space, and a relative
// alias is relative to the page's folder URL.
func pageURLs(contentRel string, fm *Node) (own string, aliases []string, moved bool) {
	lp := logicalPath(contentRel)
	own = lp
	if own != "/" {
		own += "/"
	}
	base := path.Base(strings.TrimSuffix(contentRel, path.Ext(contentRel)))
	if u, ok := HugoString(fm.GetFold("url")); ok && strings.TrimSpace(u) != "" && lp != "/" {
		u = strings.TrimSpace(u)
		file := urlNamesFile(u)
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		u = cleanSitePath(u)
		switch {
		case file:
			u = strings.TrimSuffix(u, "/") // a ".." Hugo cleaned took the slash too
		case !strings.HasSuffix(u, "/"):
			u += "/" // Hugo writes it as a folder with an index.html
		}
		own, moved = u, true
	} else if sl, ok := HugoString(fm.GetFold("slug")); ok && base != "_index" && base != "_index."+defaultLanguage {
		if sl = hugoSlug(sl); sl != "" {
			// Hugo cleans the joined path: "slug: ../x" moves the page
			// up a folder, "a//b" is "a/b".
			own, moved = cleanSitePath(path.Dir(lp)+"/"+sl+"/"), true
		}
	}
	var raw []string
	if a := fm.GetFold("aliases"); a != nil {
		if v, ok := HugoString(a); ok {
			raw = append(raw, strings.Fields(v)...)
		}
		for _, c := range a.Children {
			if v, ok := HugoString(c); ok {
				raw = append(raw, v)
			}
		}
	}
	for _, a := range raw {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if !strings.HasPrefix(a, "/") {
			a = path.Join(path.Dir(strings.TrimSuffix(own, "/")), a)
		}
		aliases = append(aliases, cleanSitePath(a))
	}
	return own, aliases, moved
}

// urlNamesFile reports whether Hugo 0.151 writes a page's front matter
// url as a file named by it rather than as a folder with an index.html:
// when the url, cleaned first if it holds "..", holds a dot anywhere and
// does not end in a slash (/x.html, /x.pdf, but also /v1.0/team and
// /x/./y, written as the files /v1.0/team and /x/y). A url ending in
// /index.html is its folder's index (see namesFile).
func urlNamesFile(u string) bool {
	if strings.Contains(u, "..") {
		u = path.Join("/", u) // as Hugo cleans it, trailing slash and all
	}
	return !strings.HasSuffix(u, "/") && strings.Contains(u, ".")
}

// cleanSitePath removes the "." and ".." segments and doubled slashes of
// a site path from front matter (url, aliases), keeping a trailing slash,
// as Hugo 0.151 writes them ("/a//b/" and "/x/../a/b/" are /a/b/).
func cleanSitePath(p string) string {
	if !strings.Contains(p, "/.") && !strings.Contains(p, "//") {
		return p
	}
	slash := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if slash && p != "/" {
		p += "/"
	}
	return p
}

// URLTarget is what a site path resolves to.
type URLTarget struct {
	// File is the root-relative content file, "" when nothing matches.
	File string
	// Alias is true when the path matched a front matter alias.
	Alias bool
}

// ResolveURL finds the content page a site path such as "/handbook/x/"
// (percent-decoded, as Dest.Path is) serves, through the page URLs (including front matter url, slug and
// aliases). "/x", "/x/" and "/x.html" are the same page, but for a page
// that front matter gives a URL naming a file (url: /x.html, /x.pdf, an
// alias /x.html): that file is the page (or redirect) Hugo writes there
// even when another page's URL is /x/, and when no page is at /x/, only
// the file's URL names it (see fileOnly). The match is exact: Hugo
// writes URLs in lower case and the server is case-sensitive.
func (s *Site) ResolveURL(sitePath string) URLTarget {
	key := urlKey(sitePath)
	var t URLTarget
	if s.urlIdx.built.Load() && len(s.overlay) == 0 {
		t = s.resolveURL(key) // map lookups: no memo needed
	} else {
		t = memo(&s.resolved, key, s.resolveURL)
	}
	if t.File != "" && namesHTMLFile(sitePath) {
		// Hugo writes /x.html for the front matter URL that names it,
		// beside a page at /x/: the link reaches the file.
		if ff, ok := s.frontMatterURLs().fileForms[key]; ok && ff.url == sitePath {
			return URLTarget{File: ff.file, Alias: true}
		}
	}
	if t.Alias {
		if w := s.frontMatterURLs().fileOnly(key); w != "" && !namesFileURL(sitePath, w) {
			// Written as the file /x.html only: /x/ (and /x/index.html) is no
			// page, but for the section Hugo makes there itself.
			return URLTarget{File: s.autoSection(s.urls(), key)}
		}
	}
	return t
}

// AliasOf returns, for a site path that reaches a page only through an
// alias its front matter gives (aliases: [/old/]), which Hugo serves as a
// page that redirects to the page's URL, that page's file and URL; "" and
// "" for a path that is a page's own URL, one that the front matter of two
// pages gives, or one that reaches no page.
func (s *Site) AliasOf(sitePath string) (file, url string) {
	if !s.fmBuilt() {
		// Only the index of what front matter adds resolves an alias: a
		// run that has not built it resolved no link through one (and
		// resolving again would read target files' front matter).
		return "", ""
	}
	t := s.ResolveURL(sitePath)
	if !t.Alias || t.File == "" || s.urlIdx.fmTwice[urlKey(sitePath)] {
		return "", "" // nor one that two pages' front matter gives: which page is served there is not known
	}
	cr, ok := s.contentRel(t.File)
	if !ok {
		return "", ""
	}
	var root *Node
	if fm := s.frontMatterOf(t.File); fm != nil {
		root = fm.Root
	}
	own, _, _ := pageURLs(cr, root)
	if urlKey(own) == urlKey(sitePath) {
		return "", "" // its own URL (url: or slug:)
	}
	return t.File, own
}

// namesFileURL reports whether a site path names the file a front matter
// URL w gives a page as: any ".html" form of the key for w ending in
// ".html" (see namesHTMLFile), w itself for another (url: /x.pdf).
func namesFileURL(sitePath, w string) bool {
	if strings.HasSuffix(w, ".html") {
		return namesHTMLFile(sitePath)
	}
	return sitePath == w
}

// namesHTMLFile reports whether a site path names a ".html" file other
// than a folder's index.html: the form that reaches a page Hugo writes as
// /x.html (see fileOnly).
func namesHTMLFile(sitePath string) bool {
	return strings.HasSuffix(sitePath, ".html") && !strings.HasSuffix(sitePath, "/index.html")
}

// namesFile reports whether a front matter URL names a file rather than
// a folder: its last segment has a dot and it is not a folder's
// index.html.
func namesFile(url string) bool {
	if strings.HasSuffix(url, "/") || strings.HasSuffix(url, "/index.html") || url == "index.html" {
		return false
	}
	return strings.Contains(path.Base(url), ".")
}

// memo returns f(key), kept in m. f must be a pure function of key: two
// goroutines asking for a missing key at once may both work it out, and
// both get the value stored first. The key is kept as a copy: it may be
// part of a longer string (a page's link destinations, see destArena)
// that the run would otherwise keep alive.
func memo[T any](m *sync.Map, key string, f func(string) T) T {
	if v, ok := m.Load(key); ok {
		return v.(T)
	}
	key = strings.Clone(key)
	v, _ := m.LoadOrStore(key, f(key))
	return v.(T)
}

// memoOnce is memo for an f that reads files: f(key) runs once, and a
// goroutine asking for the key while it runs waits for it (two rules
// checking links to the same page at once would each read it).
func memoOnce[T any](m *sync.Map, key string, f func(string) T) T {
	v, ok := m.Load(key)
	if !ok {
		key = strings.Clone(key)
		v, _ = m.LoadOrStore(key, new(onceValue[T]))
	}
	e := v.(*onceValue[T])
	e.once.Do(func() { e.v = f(key) })
	return e.v
}

// onceValue is an entry of memoOnce.
type onceValue[T any] struct {
	once sync.Once
	v    T
}

func (s *Site) resolveURL(key string) URLTarget {
	// The files that serve the URL by their path, looked up directly so
	// that a run over a few pages need not list the whole content root
	// (once it is listed, the list answers).
	if !s.urlIdx.built.Load() || len(s.overlay) > 0 {
		if f := s.fileForKey(key); f != "" && !s.frontMatterURLsIfMoved(f) {
			return URLTarget{File: f}
		}
	}
	u := s.urls()
	if f, ok := u.byKey[key]; ok {
		if !s.frontMatterURLsIfMoved(f) {
			return URLTarget{File: f}
		}
	}
	fu := s.frontMatterURLs()
	if f, ok := fu.fmKeys[key]; ok {
		return URLTarget{File: f, Alias: true}
	}
	if f := s.autoSection(u, key); f != "" {
		return URLTarget{File: f}
	}
	return URLTarget{}
}

// autoSection returns, for the home page and a top-level section that
// have no _index.md, the _index.md Hugo behaves as if they had, when Hugo
// writes a page there. Hugo always makes the home page, and makes a
// section for every top-level folder of the content root that holds a
// content file, whatever that file's publish state or URL (a folder
// holding only a draft, or a page moved by url or slug, still has its
// section page); such a section has no front matter of its own, so only
// the home page's cascade can keep Hugo from writing it (checked against
// Hugo 0.151's builds). The file does not exist; the link is not broken.
func (s *Site) autoSection(u *urlIndex, key string) string {
	f := s.madeSection(u, key)
	if f == "" {
		return ""
	}
	if st, _ := s.renderState(f); st != renderAlways {
		return ""
	}
	return f
}

// madeSection returns, for a URL key naming the home page or a top-level
// section that Hugo makes itself (see autoSection) in any publish state,
// the _index.md it would have, or "". The key must not be a page's own
// (u.byKey).
func (s *Site) madeSection(u *urlIndex, key string) string {
	if _, ok := u.byKey[key]; ok {
		return "" // its own page decides: a draft home page is no page
	}
	if key == "/" {
		return path.Join(s.Config.Content, "_index.md")
	}
	if strings.Count(key, "/") != 1 {
		return "" // not top-level: no need to list the top-level sections
	}
	if dir := u.topSections(s)[key]; dir != "" {
		return path.Join(s.Config.Content, dir, "_index.md")
	}
	return ""
}

// topSections maps the URL key of each top-level section Hugo makes to
// its folder, relative to the content root (see topFolders).
func (u *urlIndex) topSections(s *Site) map[string]string {
	u.topFolders(s)
	return u.tops
}

// topFolders returns the top-level folders of the content root Hugo makes
// a section of: those holding a content page, at any depth, in any
// publish state (a top-level leaf bundle, x/index.md, is a page, not a
// section); worked out once, from the file names only, with topSections.
func (u *urlIndex) topFolders(s *Site) []string {
	u.topOnce.Do(func() {
		u.tops = map[string]string{}
		for _, f := range u.files {
			cr, ok := s.contentRel(f)
			if !ok {
				continue
			}
			top, _, deeper := strings.Cut(cr, "/")
			if !deeper {
				continue
			}
			lp := logicalPath(cr)
			i := strings.IndexByte(lp[1:], '/')
			if i < 0 {
				continue
			}
			if n := len(u.topDirs); n == 0 || u.topDirs[n-1] != top {
				u.topDirs = append(u.topDirs, top) // files are sorted: a folder's are together
			}
			if k := lp[:i+1]; u.tops[k] == "" {
				u.tops[k] = top
			}
		}
	})
	return u.topDirs
}

// UnpublishedSectionAt returns, for a site path naming the home page or a
// top-level section that Hugo makes itself (it has no _index.md) but does
// not write, because the home page's cascade keeps it from being
// published, the content folder it stands for and why, or "" (see
// autoSection).
func (s *Site) UnpublishedSectionAt(sitePath string) (dir, why string) {
	u := s.urls()
	f := s.madeSection(u, urlKey(sitePath))
	if f == "" {
		return "", ""
	}
	if st, why := s.renderState(f); st != renderAlways {
		return path.Dir(f), why
	}
	return "", ""
}

// pageByPath returns the content file a site path names by its path alone
// (no front matter read), or "".
func (s *Site) pageByPath(sitePath string) string {
	key := urlKey(sitePath)
	if s.urlIdx.built.Load() {
		return s.urlIdx.byKey[key]
	}
	return s.fileForKey(key)
}

// fileForKey returns the content file whose path serves a URL key when it
// exists under that exact name (x.md, x/_index.md, x/index.md), or "".
// A URL key with upper-case letters names no page: Hugo writes URLs in
// lower case.
func (s *Site) fileForKey(key string) string {
	for _, f := range s.keyFiles(key) {
		if cr, _ := s.contentRel(f); s.HasFile(f) && s.leafBundleOf(cr) == "" && !s.symlinkedContent(f) {
			return f
		}
	}
	return ""
}

// keyFiles returns the content files whose path would serve a URL key
// (x.md, x/_index.md, x/index.md), as the index would list them: not in a
// folder the walk leaves out, and with a path Hugo does not change ("x
// y.md" serves /x-y/, not /x y/). They may not exist.
func (s *Site) keyFiles(key string) []string {
	if key != strings.ToLower(key) {
		return nil
	}
	rel := strings.TrimPrefix(path.Clean("/"+key), "/")
	// In the order Hugo prefers files that are one page (see
	// dropDuplicatePages): x.en.md over x.md, _index.md over index.md.
	en := "." + defaultLanguage + ".md"
	cands := []string{rel + en, rel + ".md", rel + "/_index" + en, rel + "/_index.md", rel + "/index" + en, rel + "/index.md"}
	if rel == "" {
		cands = []string{"_index" + en, "_index.md"}
	}
	var out []string
	for _, c := range cands {
		f := path.Join(s.Config.Content, c)
		if cr, ok := s.contentRel(f); ok && urlKey(logicalPath(cr)) == key && !hasDotSegment(cr) {
			out = append(out, f)
		}
	}
	return out
}

// servedFoldersKey is the Memo key of the URL folders that hold a page.
type servedFoldersKey struct{}

// EmptyFolderURL returns, for a site path that matches no page, the
// shortest URL folder on its way, below the home page and written with a
// trailing slash ("/handbook/people-group/"), under which the site serves
// no page at all, by its path, its front matter or an alias, and for
// which the content folder has no folder either; "" when each of them
// holds some page, or the first that holds none is a folder there (of
// hidden or unpublished pages). A link there is wrong, or the checkout
// holds part of the site only (a sparse checkout, a copy of some
// sections). It looks at the disk: it is asked only for a path that
// matches no page.
func (s *Site) EmptyFolderURL(sitePath string) string {
	served := s.Memo(servedFoldersKey{}, func() any {
		u := s.frontMatterURLs()
		m := map[string]bool{}
		add := func(k string) {
			for k != "/" && k != "" && !m[k] {
				m[k] = true
				k = path.Dir(k)
			}
		}
		for k, f := range u.byKey {
			if !u.moved[f] {
				add(k)
			}
		}
		for k := range u.fmKeys {
			add(k)
		}
		return m
	}).(map[string]bool)
	key := urlKey(sitePath)
	if !strings.HasPrefix(key, "/") {
		return ""
	}
	for i := 1; i <= len(key); i++ {
		if i < len(key) && key[i] != '/' {
			continue
		}
		if p := key[:i]; !served[p] {
			// A content folder there that holds no page (hidden, drafts
			// only) is not missing from the checkout.
			if _, err := os.Stat(filepath.Join(s.Root, filepath.FromSlash(s.Config.Content), filepath.FromSlash(p))); err == nil {
				return ""
			}
			return p + "/"
		}
	}
	return ""
}

// IndexlessFolderAt returns the content folder, root-relative, that a site
// path names by its path, when it is a folder on the disk without the
// _index.md (or index.md) that would be its page, or "". Hugo makes no
// page for such a folder, but for a top-level one, a section it makes a
// page for: a link there matches that page, and is not asked about. It
// looks at the disk: it is asked only for a path that matches no page.
func (s *Site) IndexlessFolderAt(sitePath string) string {
	key := urlKey(sitePath)
	if key == "/" || key != strings.ToLower(key) {
		return ""
	}
	dir := path.Join(s.Config.Content, strings.TrimPrefix(key, "/"))
	if cr, ok := s.contentRel(dir); !ok || hasDotSegment(cr) {
		return ""
	}
	fi, err := os.Stat(filepath.Join(s.Root, filepath.FromSlash(dir)))
	if err != nil || !fi.IsDir() {
		return ""
	}
	for _, f := range s.keyFiles(key) {
		if s.HasFile(f) {
			return ""
		}
	}
	return dir
}

// SymlinkAt returns the content file whose path would serve a site path
// but that is a symlink or lies in a symlinked folder below the content
// folder, for which Hugo (0.123 and later) publishes no page (see
// ProblemSymlink), with that symlink (the file itself or the folder), or
// two "" when there is none. It looks at the disk: it is asked only for a
// path that matches no page.
func (s *Site) SymlinkAt(sitePath string) (file, link string) {
	content := path.Clean(s.Config.Content)
	if content == "." {
		content = ""
	}
	for _, f := range s.keyFiles(urlKey(sitePath)) {
		if _, ok := s.overlay[f]; ok {
			continue
		}
		if _, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(f))); err != nil {
			continue
		}
		if l := topSymlink(s.Root, content, f); l != "" {
			return f, l
		}
	}
	return "", ""
}

// FolderAt returns the content file whose path would serve a site path
// but that is a folder (senior.md/, see ProblemFolder), or "" when there
// is none. It looks at the disk: it is asked only for a path that matches
// no page.
func (s *Site) FolderAt(sitePath string) string {
	for _, f := range s.keyFiles(urlKey(sitePath)) {
		if _, ok := s.overlay[f]; ok {
			continue
		}
		if fi, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(f))); err == nil && fi.IsDir() {
			return f
		}
	}
	return ""
}

// SpecialFileAt returns the content file whose path would serve a site
// path but that is neither a regular file, nor a folder, nor a symlink (a
// named pipe, a socket, a device: file-format's "not a regular file"),
// with what it is ("a named pipe (FIFO)"), or two "" when there is none.
// It looks at the disk: it is asked only for a path that matches no page.
func (s *Site) SpecialFileAt(sitePath string) (file, what string) {
	for _, f := range s.keyFiles(urlKey(sitePath)) {
		if _, ok := s.overlay[f]; ok {
			continue
		}
		fi, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		if w := SpecialFileKind(fi.Mode()); w != "" {
			return f, w
		}
	}
	return "", ""
}

// otherFormats are the extensions of the content formats Hugo renders
// besides .md, which careerlint does not read: the Markdown ones first
// (Hugo renders them as it renders .md), then HTML, AsciiDoc, Emacs Org,
// Pandoc and reStructuredText.
var otherFormats = []string{".markdown", ".mdown", ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".org", ".pandoc", ".pdc", ".rst"}

// OtherFormatAt returns the content file of another format than .md
// (notes.markdown, _index.html, Roadmap.markdown: Hugo serves a name in
// any case at its lower-case URL) whose path would serve a site path,
// with whether that format is Markdown, or "" when there is none: Hugo
// publishes such a file as a page, which careerlint does not read. It
// looks at the listing of the candidates' folders (folderEntries, once
// per folder and run), once for each: it is asked only for a path that
// matches no page.
func (s *Site) OtherFormatAt(sitePath string) (file string, markdown bool) {
	for _, f := range s.keyFiles(urlKey(sitePath)) {
		dir, name := path.Split(f)
		stem := strings.TrimSuffix(name, ".md") + "."
		best := len(otherFormats)
		for _, e := range s.folderEntries(path.Clean(dir)) {
			if e.kind != entryFile || len(e.name) <= len(stem) || !strings.EqualFold(e.name[:len(stem)], stem) {
				continue
			}
			if i := slices.Index(otherFormats, strings.ToLower(e.name[len(stem)-1:])); i >= 0 && i < best {
				best, file = i, path.Join(dir, e.name)
			}
		}
		if file != "" {
			return file, otherFormats[best] == ".markdown" || otherFormats[best] == ".mdown"
		}
	}
	return "", false
}

// SpecialNotPage says, in a message, what to do with a content file that
// has a page's name but is no regular file (see SpecialFileAt).
const SpecialNotPage = "not a regular file, so no page is read from it; replace it with the page's Markdown file"

// SpecialFileKind says what a file of a mode is when it is neither a
// regular file, nor a folder, nor a symlink: "a named pipe (FIFO)", "a
// socket", "a device", or "a special file"; "" for the others.
func SpecialFileKind(mode fs.FileMode) string {
	switch {
	case mode.IsRegular(), mode.IsDir(), mode&fs.ModeSymlink != 0:
		return ""
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// BundleResourceAt returns the content file whose path would serve a site
// path but that lies inside a leaf bundle, with the bundle's index.md:
// Hugo makes the file a resource of the bundle, with no page (see
// dropBundleResources). Both are "" when there is none.
func (s *Site) BundleResourceAt(sitePath string) (file, bundle string) {
	key := urlKey(sitePath)
	var cands []string
	if s.urlIdx.built.Load() {
		cands = []string{s.urlIdx.resources[key]} // written before built is set
	} else {
		cands = s.keyFiles(key)
	}
	for _, f := range cands {
		if f == "" || !s.HasFile(f) {
			continue
		}
		cr, _ := s.contentRel(f)
		if dir := s.leafBundleOf(cr); dir != "" {
			bf := s.leafFiles(dir)
			return f, path.Join(s.Config.Content, dir, bf.indexName())
		}
	}
	return "", ""
}

// hasDotSegment reports whether a slash path has a segment starting with
// '.': the walk does not enter such folders, and Hugo skips them.
func hasDotSegment(p string) bool {
	return strings.HasPrefix(p, ".") || strings.Contains(p, "/.")
}

// frontMatterURLsIfMoved reports whether the front matter of a file moves
// it away from its path URL, or keeps Hugo from publishing it. Unless the
// whole index is built already, it reads only that file's front matter,
// once for the run: every link to the page asks again (ResolveURL keeps
// no memo once the content root is listed).
func (s *Site) frontMatterURLsIfMoved(file string) bool {
	if s.fmBuilt() {
		return s.urlIdx.moved[file]
	}
	return memoOnce(&s.movedFiles, file, s.ownFrontMatterMoves)
}

// ownFrontMatterMoves is frontMatterURLsIfMoved from the file's own front
// matter and its section's cascade.
func (s *Site) ownFrontMatterMoves(file string) bool {
	var fm *FrontMatter
	read := false
	own := func() *FrontMatter {
		if !read {
			fm, read = s.frontMatterOf(file), true
		}
		return fm
	}
	if st, _ := s.renderStateOf(file, own); st != renderAlways {
		return true
	}
	if own(); fm == nil || fm.Root == nil {
		return false
	}
	cr, _ := s.contentRel(file)
	_, _, moved := pageURLs(cr, fm.Root)
	return moved
}

func (s *Site) fmBuilt() bool { return s.urlIdx.fmDone.Load() }

// LinkOnlyAliasAt returns the page whose alias a site path is when that
// page's build option render is "link" (Hugo redirects the alias to a URL
// where it writes nothing), or "".
func (s *Site) LinkOnlyAliasAt(sitePath string) string {
	return s.frontMatterURLs().linkOnlyAliases[urlKey(sitePath)]
}

// UnpublishedAt returns the content file that serves a site path by its
// own path but that Hugo does not publish, and why (see UnpublishedError),
// or "" when there is none: a link to the path finds no page, and the
// maintainer reads why.
func (s *Site) UnpublishedAt(sitePath string) (file, why string) {
	f := s.pageByPath(sitePath)
	if f == "" {
		return "", ""
	}
	if st, why := s.renderState(f); st != renderAlways {
		return f, why
	}
	return "", ""
}

// decodePath percent-decodes a URL path, keeping it as written when it is
// not valid.
func decodePath(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	if d, err := url.PathUnescape(p); err == nil {
		return d
	}
	return p
}

// ErrAmbiguousRef is returned for a ref whose short name matches several
// pages (Hugo fails the build).
var ErrAmbiguousRef = errors.New("ambiguous page reference")

// ErrRefURL is returned for a ref that is no valid URL reference, such as
// one with a bad percent escape (Hugo fails the build).
var ErrRefURL = errors.New("ref is not a valid URL")

// UnpublishedError is returned for a ref that names only a content file
// Hugo does not publish (a draft, a page whose publish date is to come):
// Hugo finds no page for it.
type UnpublishedError struct {
	// File is the root-relative content file; Why says why Hugo does not
	// publish it, as "draft: true".
	File, Why string
}

// Error names the file and why Hugo does not publish it.
func (e *UnpublishedError) Error() string {
	return fmt.Sprintf("%s is not published (%s)", e.File, e.Why)
}

// Is makes errors.Is(err, ErrUnpublished) hold for an UnpublishedError.
func (e *UnpublishedError) Is(target error) bool { return target == ErrUnpublished }

// ErrUnpublished matches every UnpublishedError.
var ErrUnpublished = errors.New("page is not published")

// NoURLError is returned, with the file, for a ref to a page Hugo holds
// but gives no URL (headless, or build option render never): Hugo writes
// an empty link, without a warning.
type NoURLError struct {
	// File is the root-relative content file; Why says why it has no URL,
	// as "headless: true".
	File, Why string
}

// Error names the file and why Hugo gives it no URL.
func (e *NoURLError) Error() string { return fmt.Sprintf("%s has no URL (%s)", e.File, e.Why) }

// Is makes errors.Is(err, ErrNoURL) hold for a NoURLError.
func (e *NoURLError) Is(target error) bool { return target == ErrNoURL }

// ErrNoURL matches every NoURLError.
var ErrNoURL = errors.New("page has no URL")

// ErrRefNotWritten is returned, with the file, for a ref to a page whose
// build option render is "link": Hugo resolves the ref to the page's URL
// but writes no page there.
var ErrRefNotWritten = errors.New("page is not written")

// ErrEmptyRef is returned for a ref with neither a path nor a fragment
// ("", "//", "?q"): Hugo writes an empty link for it, without a warning.
var ErrEmptyRef = errors.New("ref names no page")

// ResolveRef finds the content file a ref or relref shortcode names, the
// way Hugo 0.151 does (its page finder, checked against Hugo builds): the
// ref is read as a URL (percent escapes decoded, query and fragment
// dropped) and loses one trailing slash; a path without a leading slash
// is tried relative to the page first (a section's _index.md is relative
// to its folder, other pages to the folder holding them; ".." stops at
// the content root), then from the content root without cleaning
// ("/a/./b" finds nothing); a ref with an extension is also looked for
// as the file it names, the path cleaned ("/a/./b.md" finds a/b.md),
// from the page's own folder and, unless it starts with ".", from the
// content folder when the home page has a file; then, for a ref with no slash at all, as the
// unique page of that name. A ref ending in "/index" is looked up as
// x/index/index.md before x/index.md. Paths compare as Hugo keys its
// pages (refKey): in lower case, spaces as '-', without a content
// extension; the home page and each top-level section are there without
// an _index.md (the file returned then does not exist). from is the page
// the shortcode is rendered on. It returns "" when nothing matches, with
// an *UnpublishedError when the ref names only pages Hugo does not
// publish (drafts, pages not yet published), which Hugo's finder does not
// hold; the file with a *NoURLError for a page Hugo holds but gives no
// URL (headless, never rendered, or an unpublished section, which Hugo's
// tree keeps); the file with ErrRefNotWritten for a page rendered as a
// link only; and ErrEmptyRef for a ref with no path and no fragment.
func (s *Site) ResolveRef(from *Page, ref string) (string, error) {
	ru, err := url.Parse(filepath.ToSlash(ref))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("%w: %v", ErrRefURL, err)
	}
	ref = ru.Path
	if ref == "" {
		// Only a fragment: Hugo looks nothing up and writes the fragment,
		// an anchor of the page itself; nothing at all: an empty link.
		if ru.Fragment == "" {
			return "", ErrEmptyRef
		}
		if from != nil {
			return from.Path, nil
		}
		return "", nil
	}
	ref = strings.TrimSuffix(ref, "/")
	inRef := ref
	if ref == "" {
		ref = "/"
	}
	byRef, byName := s.refMaps()
	// unpublished is the first file the ref names that Hugo does not
	// publish: Hugo's page tree does not hold it, so the search goes on,
	// and a ref that finds nothing else is reported with it.
	var unpublished error
	notFound := func() (string, error) { return "", unpublished }
	// found says what the ref finds in file f: f itself, with an error
	// when it is a page with no page written; "" when Hugo's tree does not
	// hold it (then recorded in unpublished).
	found := func(f string) (string, error) {
		switch st, why := s.renderState(f); st {
		case renderLinkOnly:
			return f, fmt.Errorf("%w: %s", ErrRefNotWritten, f)
		case renderHidden:
			return f, &NoURLError{File: f, Why: why}
		case renderNone:
			if isSectionFile(path.Base(f)) {
				// Hugo's tree keeps an unpublished section (or home
				// page): a ref finds it, with no URL (Hugo 0.151).
				return f, &NoURLError{File: f, Why: why}
			}
			if unpublished == nil {
				unpublished = &UnpublishedError{File: f, Why: why}
			}
			return "", nil
		}
		return f, nil
	}
	lookup := func(key string) (string, error) {
		if f := byRef[key]; f != "" {
			return found(f)
		}
		return "", nil
	}
	// byFile is Hugo's lookup of a ref with an extension by the file it
	// names from a folder (root-relative): the path joined and cleaned as
	// a file path ("/a/./b.md", "x/../b.md" and "a//b.md" find a/b.md),
	// the file there under that exact name, inside the content folder,
	// and then the page it is.
	byFile := func(dir, ref string) (string, error) {
		f := path.Join(dir, ref)
		cr, ok := s.contentRel(f)
		if !ok || !s.HasFile(f) {
			return "", nil
		}
		return lookup(refKey(cr))
	}
	// A ref ending in "/index" names the leaf bundle x/index/index.md
	// first, then x/index.md (the section x, or the bundle x).
	paths := []string{ref}
	if strings.HasSuffix(ref, "/index") {
		paths = []string{ref + "/index", ref}
	}
	for _, ref := range paths {
		if from != nil && !strings.HasPrefix(ref, "/") {
			if cr, ok := s.contentRel(from.Path); ok {
				dir := path.Dir(cr)
				if base := path.Base(trimLanguage(strings.TrimSuffix(cr, path.Ext(cr)))); base == "index" && !(hasExt(ref) && strings.HasPrefix(ref, "../")) {
					dir = path.Dir(dir) // a leaf bundle (index.md, index.en.md) looks from the folder holding it
				}
				if f, err := lookup(refKey(path.Join("/", dir, ref))); f != "" || err != nil { // ".." stops at the content root
					return f, err
				}
				if hasExt(ref) {
					if f, err := byFile(path.Dir(from.Path), ref); f != "" || err != nil {
						return f, err
					}
				}
			}
		}
		if strings.HasPrefix(ref, ".") {
			continue // relative to the page only
		}
		if f, err := lookup(refKey(ref)); f != "" || err != nil {
			return f, err
		}
		if hasExt(ref) && s.HasFile(byRef["/"]) {
			// From the home page's file, when it has one.
			if f, err := byFile(path.Clean(s.Config.Content), ref); f != "" || err != nil {
				return f, err
			}
		}
	}
	if strings.HasPrefix(ref, ".") {
		return notFound()
	}
	if strings.Contains(inRef, "/") {
		return notFound() // Hugo 0.151 looks a name up alone only when it has no slash at all
	}
	name := refKey(ref)[1:]
	if e := path.Ext(name); e != "" && !isContentExt(strings.ToLower(path.Ext(ref))) {
		name = name[:len(name)-len(e)] // a name's last dot part is an extension
	}
	var fs []string
	var errs []error
	keys := map[string]bool{}
	for _, f := range byName[name] {
		// Files with one key (x.md and x/_index.md or x/index.md) are
		// one page in Hugo's tree, which the name finds: not ambiguous.
		cr, _ := s.contentRel(f)
		if k := refKey(cr); !keys[k] {
			if f, err := found(f); f != "" {
				keys[k] = true
				fs, errs = append(fs, f), append(errs, err)
			}
		}
	}
	switch len(fs) {
	case 0:
		return notFound()
	case 1:
		return fs[0], errs[0]
	default:
		return "", fmt.Errorf("%w: %q matches %s", ErrAmbiguousRef, inRef, strings.Join(fs, ", "))
	}
}

// hasExt reports whether the last element of a slash-separated path has a
// dot, which Hugo takes for an extension.
func hasExt(p string) bool {
	return strings.Contains(p[strings.LastIndexByte(p, '/')+1:], ".")
}

// refKey returns the key under which Hugo's page finder looks a content
// path up: lower case, spaces as '-' (no other character is dropped, unlike
// in URLs), without a content format extension (and then without the
// default language's ".en"), an index or _index file as its folder, with a
// leading slash. The path is not cleaned: a ref with "." or ".." segments
// or "//" finds no page from the content root.
func refKey(p string) string {
	p = strings.ToLower(strings.ReplaceAll(p, " ", "-"))
	if e := path.Ext(p); isContentExt(e) {
		p = trimLanguage(p[:len(p)-len(e)])
	}
	dir, base := "", p
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		dir, base = p[:i], p[i+1:]
	}
	if base == "index" || base == "_index" {
		p = dir
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// defaultLanguage is Hugo's default content language: a content file named
// x.en.md is page x in it.
const defaultLanguage = "en"

// trimLanguage removes the default language's suffix, in any case, from a
// content path whose extension is removed: "x.en" is page "x".
func trimLanguage(p string) string {
	if n := len(p) - len(defaultLanguage) - 1; n >= 0 && p[n] == '.' && strings.EqualFold(p[n+1:], defaultLanguage) {
		return p[:n]
	}
	return p
}

// isContentExt reports whether a file extension (with its dot, lower case)
// is one of Hugo's content formats: Markdown, HTML, AsciiDoc, Pandoc,
// Emacs Org-mode and reStructuredText.
func isContentExt(e string) bool {
	switch e {
	case ".md", ".mdown", ".markdown", ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".pandoc", ".pdc", ".org", ".rst":
		return true
	}
	return false
}

// Target returns a content page a link points at, parsed with its front
// matter on first use and kept: a linted page itself when it is one. It
// returns nil when the file cannot be read inside the root.
func (s *Site) Target(file string) *Page {
	if p := s.byPath[file]; p != nil {
		return p
	}
	lp := s.frozenTargets[file]
	if lp == nil {
		v, ok := s.targets.Load(file)
		if !ok {
			v, _ = s.targets.LoadOrStore(file, &lazyPage{})
		}
		lp = v.(*lazyPage)
	}
	p, _ := lp.load(func() {
		// A link target is read for its anchors and URLs only: a lean parse.
		// In a lean run it is also a page to check, with all its links.
		opts := s.popts
		opts.anchorsOnly = !opts.DropAST
		opts.DropAST = true
		if src, ok := s.overlay[file]; ok {
			lp.page = parseOverlay(file, src, s.Config.MaxFileSize, opts)
			return
		}
		abs, err := s.Resolve(file)
		if p := s.symlinkedPage(s.Config, file, abs, err); p != nil {
			lp.page = p
			return
		}
		if err != nil {
			lp.err = err
			return
		}
		lp.page = readPage(abs, file, s.Config.MaxFileSize, opts)
	})
	return p
}

// freezeTargets copies the link targets known so far into a map Target
// reads without synchronising, for a run that has parsed every page
// before checking them: the checks ask for a target at every link with a
// fragment. It is called while no other goroutine uses the site; targets
// read later are looked up as before.
func (s *Site) freezeTargets() {
	m := map[string]*lazyPage{}
	s.targets.Range(func(k, v any) bool {
		m[k.(string)] = v.(*lazyPage)
		return true
	})
	s.frozenTargets = m
}

// targetFile returns a link target page already parsed, or nil.
func (s *Site) targetFile(file string) *Page {
	v, ok := s.targets.Load(file)
	if !ok {
		return nil
	}
	return v.(*lazyPage).loaded()
}
