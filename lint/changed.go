package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// ChangedOptions select what ChangedPages considers.
type ChangedOptions struct {
	// Root is the absolute site root, inside a git work tree.
	Root   string
	Config *Config
	// Since is the revision to compare with: the pages changed between
	// the merge base of Since and HEAD, and the work tree (staged,
	// unstaged and untracked files), are taken.
	Since string
	// Within, when set, keeps only pages under these root-relative files
	// or folders.
	Within []string
	// WithinIncludes are the include files among Within (root-relative):
	// the pages that include one are kept too, where it renders, and
	// for one the change moves, those that include it at its old path
	// (given at its new path, which no page names yet).
	WithinIncludes []string
	// AllMarkdown makes every Markdown page under the content root a
	// candidate, as `careerlint links` does; otherwise the configured
	// career pages are.
	AllMarkdown bool
}

// Changed is what ChangedPages finds.
type Changed struct {
	// Pages are the root-relative pages to lint, sorted.
	Pages []string
	// Moves are the content pages and include files git sees renamed
	// since the base, those moved with a plain mv whose new file is
	// untracked (paired by their text, see untrackedMoves), and the
	// content pages the change serves at another URL where they are
	// (their front matter's url or slug changed: From and To are the same
	// file), sorted by their old file.
	Moves []Move
	// Deletes are the content pages and include files deleted since the
	// base (not renamed), sorted by their old file; each has From, a page
	// its FromURL, and none has a To.
	Deletes []Move
	// HeadingRenames are the headings the change renames in content pages
	// and include files it modifies (see HeadingRename).
	HeadingRenames []HeadingRename
	// Files are every file under the root that the change touches, of any
	// kind, root-relative and sorted: added, changed, deleted, renamed
	// (both names) and untracked.
	Files []string
	// ConfigChanged is set when the change touches the configuration in
	// use (Config.File, wherever it is in the work tree) or, when the
	// built-in defaults are in use, the site root's configuration file
	// (deleted, or added: it changes which one applies): every candidate
	// page is in Pages, since a rule, its options or the pages and ignore
	// globs may have changed.
	ConfigChanged bool
	// HugoConfigChanged names the first file of the site's Hugo
	// configuration the change touches (IsHugoConfigFile: added, changed
	// or deleted), "" for none: its settings shape heading IDs and raw
	// HTML anchors, so every candidate page is in Pages too.
	HugoConfigChanged string

	// root, base and topName are the site root, the base commit (or the
	// empty tree) and the Files as git names them, for BaseState.
	root, base string
	topName    map[string]string
}

// Move is a content page or an include file renamed by a change, or a
// content page whose URL the change changes in its front matter (url,
// slug), in place.
type Move struct {
	// From and To are the root-relative files, at the base and now (the
	// same file for a page moved in place).
	From, To string
	// FromURL is the URL a content page had at the base ("/handbook/a/"),
	// by its path or its front matter url and slug; "" for an include
	// file.
	FromURL string
}

// ChangedPages returns the root-relative pages a merge request's lint
// needs, sorted: the candidate pages changed since the merge base of
// opt.Since; every level page of the tracks (folders) holding a changed or
// deleted page, since ladder rules compare siblings; and the candidate
// pages that mention a changed or deleted page's URL, a URL its front
// matter sets (url, slug, aliases) now or at the base, its folder and name
// or its name after "./" or "../" (a relative link; the folder's section
// page, its name alone), a ref or relref naming it, or a changed include file,
// directly or through include files that include it (also an include file
// that mentions such a URL: its links are checked on the pages that
// include it), and the candidate pages that link to a page including a
// changed include file (its headings are that page's anchors), so that
// renaming a
// heading, moving a page or dropping an alias reports the links it breaks
// elsewhere. The search is textual: it may take a page that only looks
// like it links, never misses one that links by these forms. It runs the
// git command; an unknown revision or a root outside a git work tree is an
// error. It also returns the content pages and include files the change
// renames (git's rename detection), so that a link to a page's old URL or
// path, or an include of a file's old path, can name where it went. A
// change to the configuration, or to the site's Hugo configuration, takes
// every candidate page (see Changed.ConfigChanged and
// Changed.HugoConfigChanged).
func ChangedPages(ctx context.Context, opt ChangedOptions) (*Changed, error) {
	if strings.HasPrefix(opt.Since, "-") {
		// git would read it as an option.
		return nil, fmt.Errorf("--changed-since: %q is no revision (it starts with \"-\"); name a branch, tag or commit, such as origin/main", opt.Since)
	}
	top, err := git(ctx, opt.Root, "rev-parse", "--show-toplevel")
	if ee := (*exec.Error)(nil); errors.As(err, &ee) {
		// No git to run (not on PATH, or not executable): the site may
		// well be in a work tree.
		return nil, fmt.Errorf("--changed-since runs git to find the change, and git cannot be run (%v); install git, or add its folder to PATH", ee.Err)
	}
	if err != nil {
		if m := dubiousOwnership.FindStringSubmatch(err.Error()); m != nil {
			// git refuses a repository another user owns (a CI job's
			// clone made by a runner running as another user): the site
			// is in a work tree, which git will not read.
			return nil, fmt.Errorf("--changed-since needs the site's git history, and git refuses to read the repository at %s, which another user owns; run careerlint as its owner, or mark it safe with git config --global --add safe.directory %s", m[1], shellWord(m[1]))
		}
		return nil, fmt.Errorf("--changed-since needs the site's git history, and %s is not in a git work tree (%w)", opt.Root, err)
	}
	top = strings.TrimSpace(top)
	// The untracked files do not depend on the base: listed while the
	// base and the diff from it are found (each git command takes tens of
	// milliseconds on a handbook, and a hook runs this on every commit).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type gitAnswer struct {
		out string
		err error
	}
	untrackedC := make(chan gitAnswer, 1)
	go func() {
		out, err := git(ctx, opt.Root, "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
		untrackedC <- gitAnswer{out, err}
	}()
	base, err := git(ctx, opt.Root, "merge-base", opt.Since, "HEAD")
	if err != nil {
		c, cerr := git(ctx, opt.Root, "rev-parse", "--verify", "--quiet", opt.Since+"^{commit}")
		_, herr := git(ctx, opt.Root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
		shallow := isShallow(ctx, opt.Root)
		switch {
		case cerr == nil && (shallow || herr != nil):
			// A shallow clone (CI) may hold the revision without the
			// history that joins it to HEAD; a merge request's diff base
			// is already the merge base, so compare with the revision
			// itself (also before a branch's first commit).
			base = c
		case herr != nil:
			// No commit yet (a pre-commit hook on a repository's first
			// commit): everything is new, compared with the empty tree
			// (its name depends on the repository's hash; git's stdin is
			// empty here).
			if base, err = git(ctx, opt.Root, "hash-object", "-t", "tree", "--stdin"); err != nil {
				return nil, err
			}
		case cerr == nil:
			// A full clone holds every commit of both: none is shared,
			// and a diff with an unrelated tree is no change of HEAD's.
			return nil, fmt.Errorf("--changed-since %s: no history joins it to HEAD: they share no commit; name a revision this branch grew from, such as the branch it is to be merged into", opt.Since)
		default:
			return nil, fmt.Errorf("--changed-since %s: git knows no such revision (%w); %s", opt.Since, err, fetchAdvice(ctx, opt.Root, opt.Since, shallow))
		}
	}
	base = strings.TrimSpace(base)
	diff, err := diffWorkTree(ctx, opt.Root, base)
	if err != nil {
		return nil, err
	}
	names, renames := parseNameStatus(diff)
	ua := <-untrackedC
	untracked, err := ua.out, ua.err
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(opt.Root)
	if err != nil {
		root = opt.Root
	}
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	var changed []string           // root-relative, existing or deleted
	var untrackedRel []string      // root-relative, new and not yet added
	topName := map[string]string{} // root-relative -> as git names it
	// rootRel is a git path relative to the site root, false outside it.
	// A symlinked content folder's pages, which git names by the folder
	// the link leads to, are named through the link, as the run names them.
	target := ContentTarget(opt.Root, opt.Config)
	rootRel := func(name string) (string, bool) {
		rel, ok := relInside(root, filepath.Join(top, filepath.FromSlash(name)))
		return ContentName(opt.Config, target, filepath.ToSlash(rel)), ok
	}
	untrackedNames := strings.Split(untracked, "\x00")
	cfgFile := ""
	if opt.Config.File != "" {
		if abs, err := filepath.Abs(opt.Config.File); err == nil {
			cfgFile = abs
			if e, err := filepath.EvalSymlinks(abs); err == nil {
				cfgFile = e
			}
		}
	}
	configChanged := false
	hugoChanged := ""
	for i, name := range append(names, untrackedNames...) {
		if name == "" {
			continue
		}
		if cfgFile != "" && filepath.Join(top, filepath.FromSlash(name)) == cfgFile {
			configChanged = true
		}
		if rel, ok := rootRel(name); ok {
			if IsHugoConfigFile(rel) && hugoChanged == "" {
				hugoChanged = rel
			}
			if rel == ConfigFileName && cfgFile == "" {
				// The built-in defaults are in use: the site root's
				// configuration file, added or deleted, decides which
				// configuration applies. With a file in use, a change
				// to it is found above, and another file is not read.
				configChanged = true
			}
			changed = append(changed, rel)
			topName[rel] = name
			if i >= len(names) {
				untrackedRel = append(untrackedRel, rel)
			}
		}
	}
	candidates, err := discover(opt.Root, opt.Config, nil, opt.AllMarkdown, nil)
	if err != nil {
		return nil, err
	}
	isCandidate := map[string]bool{}
	for _, c := range candidates {
		isCandidate[c] = true
	}
	levels := map[string]bool{}
	for _, l := range opt.Config.Levels() {
		levels[strings.ToLower(l)] = true
	}
	out := map[string]bool{}
	tracks := map[string]bool{}
	var needles [][]byte
	sectionNeedles := map[string][][]byte{} // a folder's _index.md -> the names of its changed pages
	content := path.Clean(opt.Config.Content) + "/"
	if content == "./" {
		content = "" // the site root is the content root
	}
	// The URLs a changed page's front matter gave it or gives it (url,
	// slug, aliases), as it was at the base and as it is now: removing an
	// alias breaks the links written to it elsewhere.
	var contentChanged []string
	for _, f := range changed {
		if isContentMarkdown(f, content) {
			contentChanged = append(contentChanged, f)
		}
	}
	// The changed pages and include files as they were at the base, read
	// once for their front matter here and their headings below.
	var atBase []string
	for _, f := range changed[:len(changed)-len(untrackedRel)] {
		if movableKindOf(opt.Config, content, f) != notMovable {
			atBase = append(atBase, f)
		}
	}
	old := baseTexts(ctx, opt, base, atBase, topName)
	urls, baseURL, nowURL := frontMatterURLsOf(opt, content, contentChanged, old)
	for _, u := range urls {
		needles = append(needles, []byte(u))
	}
	var moves []Move
	for _, rn := range renames {
		from, ok1 := rootRel(rn[0])
		to, ok2 := rootRel(rn[1])
		switch {
		case !ok1 || !ok2:
		case isContentMarkdown(from, content) && isContentMarkdown(to, content):
			moves = append(moves, Move{From: from, To: to, FromURL: baseURL[from]})
		case opt.Config.UnderIncludeRoot(from) && opt.Config.UnderIncludeRoot(to):
			moves = append(moves, Move{From: from, To: to})
		}
	}
	renamed := map[string]bool{}
	for _, m := range moves {
		renamed[m.From] = true
	}
	gone := func(f string) bool {
		_, err := os.Lstat(filepath.Join(opt.Root, filepath.FromSlash(f)))
		return errors.Is(err, fs.ErrNotExist)
	}
	// A file moved with a plain mv, its new name not yet added, is a
	// deletion to git and an untracked file: paired by their text.
	var deleted []string
	for _, f := range changed[:len(changed)-len(untrackedRel)] {
		if !renamed[f] && movableKindOf(opt.Config, content, f) != notMovable && gone(f) {
			deleted = append(deleted, f)
		}
	}
	for _, m := range untrackedMoves(ctx, opt, base, content, deleted, untrackedRel, topName) {
		m.FromURL = baseURL[m.From]
		moves = append(moves, m)
		renamed[m.From] = true
	}
	// A page the change keeps where it was but serves at another URL
	// (its front matter's url or slug changed) moves too, in place.
	for _, f := range contentChanged {
		if b, n := baseURL[f], nowURL[f]; b != "" && n != "" && urlKey(b) != urlKey(n) && !renamed[f] {
			moves = append(moves, Move{From: f, To: f, FromURL: b})
		}
	}
	sort.Slice(moves, func(i, j int) bool { return moves[i].From < moves[j].From })
	var deletes []Move
	for _, f := range deleted {
		if renamed[f] {
			continue
		}
		switch {
		case isContentMarkdown(f, content) && baseURL[f] != "":
			deletes = append(deletes, Move{From: f, FromURL: baseURL[f]})
		case opt.Config.UnderIncludeRoot(f):
			deletes = append(deletes, Move{From: f})
		}
	}
	sort.Slice(deletes, func(i, j int) bool { return deletes[i].From < deletes[j].From })
	// pageNeedles adds the texts that link a content page (root-relative)
	// by its path's URL.
	pageNeedles := func(f string) {
		// Links to the page by its URL (any form: /x, /x/, /x.html and
		// with fragments all contain the bare URL path).
		u := strings.TrimSuffix(logicalPath(strings.TrimPrefix(f, content)), "/")
		if u == "" || u == "/" {
			return
		}
		needles = append(needles, []byte(u))
		// A relative link from another folder names at least the
		// page's folder and name ("../b/x/"); a ref may name the page
		// alone ({{< ref "x" >}}, {{< ref "x#anchor" >}}).
		if d, b := path.Base(path.Dir(u)), path.Base(u); d != "/" && d != "." {
			needles = append(needles, []byte(d+"/"+b))
		}
		b := path.Base(u)
		needles = append(needles, []byte(`ref "`+b+`"`), []byte(`ref "`+b+`#`), []byte(`ref "`+b+`.md`))
		// A relative link or ref from the same folder, or from
		// one below it, names the page after "./" or "../"
		// ("../x/", {{< ref "./x.md" >}}); the folder's own
		// section page links it by its name alone ("x/"), so it
		// is searched for the name.
		needles = append(needles, []byte("./"+b))
		// A link may write the URL percent-encoded, as a browser copies
		// it (/caf%C3%A9/ for /café/).
		for _, n := range []string{u, path.Base(path.Dir(u)) + "/" + b, "./" + b} {
			if e := (&url.URL{Path: n}).EscapedPath(); e != n {
				needles = append(needles, []byte(e))
			}
		}
		if dir, _, ok := PageName(f); ok {
			// The section page of the folder the page is one of the
			// pages of (a leaf bundle's, the folder holding it).
			for _, name := range sectionFiles {
				sec := path.Join(dir, name)
				sectionNeedles[sec] = append(sectionNeedles[sec], []byte(b))
			}
		}
	}
	var includePaths [][]byte // "includes/x.md" of the changed include files
	for _, f := range changed {
		if !strings.HasSuffix(strings.ToLower(f), ".md") {
			continue
		}
		if isCandidate[f] {
			out[f] = true
		}
		if strings.HasPrefix(f, content) {
			dir := path.Dir(f)
			if d, _, ok := PageName(f); ok {
				dir = d // a leaf bundle senior/index.md: its track's folder
			}
			tracks[dir] = true
			pageNeedles(f)
			continue
		}
		includePaths = append(includePaths, includeNeedles(opt.Config, f)...)
	}
	if len(includePaths) > 0 {
		// A changed include file's headings are anchors of every page
		// that includes it, directly or through other include files:
		// the links to those pages (by their path or by a URL their
		// front matter gives them) are searched for too.
		hosts := candidates
		if !opt.AllMarkdown {
			if hosts, err = discover(opt.Root, opt.Config, nil, true, nil); err != nil {
				return nil, err
			}
		}
		inc := append(slices.Clip(includePaths), includersOf(opt, includePaths)...)
		for _, h := range mentioning(ctx, opt, hosts, inc) {
			pageNeedles(h)
			src, err := readRegular(filepath.Join(opt.Root, filepath.FromSlash(h)), opt.Config.MaxFileSize, nil)
			if err != nil {
				continue
			}
			if fm := parseFrontMatter(src, mayMoveURL); fm != nil && fm.Root != nil {
				own, aliases, moved := pageURLs(strings.TrimPrefix(h, content), fm.Root)
				if moved {
					aliases = append(aliases, own)
				}
				for _, a := range aliases {
					if u := strings.TrimSuffix(a, "/"); u != "" {
						needles = append(needles, []byte(u))
					}
				}
			}
		}
		needles = append(needles, includePaths...)
	}
	// The include files that name a changed include file, or link a
	// changed page (its links are checked on each page that includes
	// it), and those that include them: the pages that include one are
	// linted too.
	needles = append(needles, includersOf(opt, needles)...)
	for _, c := range candidates {
		dir, name, ok := PageName(c)
		if configChanged || hugoChanged != "" || ok && tracks[dir] && levels[strings.ToLower(name)] {
			out[c] = true
		}
	}
	if len(needles) > 0 {
		var rest []string
		for _, c := range candidates {
			if !out[c] {
				rest = append(rest, c)
			}
		}
		for _, c := range mentioning(ctx, opt, rest, needles) {
			out[c] = true
		}
	}
	for _, sec := range slices.Sorted(maps.Keys(sectionNeedles)) {
		if isCandidate[sec] && !out[sec] && len(mentioning(ctx, opt, []string{sec}, sectionNeedles[sec])) > 0 {
			out[sec] = true
		}
	}
	within := opt.Within
	if len(opt.WithinIncludes) > 0 {
		incs := slices.Clone(opt.WithinIncludes)
		for _, m := range moves {
			if slices.Contains(opt.WithinIncludes, m.To) {
				incs = append(incs, m.From)
			}
		}
		pages, err := PagesIncluding(ctx, opt.Root, opt.Config, incs, opt.AllMarkdown)
		if err != nil {
			return nil, err
		}
		within = append(slices.Clip(within), pages...)
	}
	files := make([]string, 0, len(out))
	for f := range out {
		if underPaths(f, within) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	sort.Strings(changed)
	headingRen := headingRenames(opt, content, atBase, old, moves)
	return &Changed{Pages: files, Moves: moves, Deletes: deletes, HeadingRenames: headingRen, Files: slices.Compact(changed), ConfigChanged: configChanged, HugoConfigChanged: hugoChanged,
		root: opt.Root, base: base, topName: topName}, ctx.Err()
}

// HeadingRename is a heading that the change being linted renames in a
// content page or include file: a heading of the file at the base whose
// ID the file no longer has, paired with the heading that took its place
// (between the same unchanged headings, at the same level).
type HeadingRename struct {
	// File is the root-relative file the heading is written in.
	File string
	// From is the heading's ID at the base, in the file alone.
	From string
	// Index is the new heading's place among the file's headings with
	// an ID (0 for the first), and Text its text.
	Index int
	Text  string
}

// headingRenames returns the headings the change renames in the given
// changed content pages and include files (root-relative), comparing each
// file's headings at the base (old, see baseTexts) with its headings now;
// a file the change moves (moves) is compared with its text at its old
// path, so that a link to its old URL and heading, once pointed at its new
// URL, names the heading's new anchor.
func headingRenames(opt ChangedOptions, content string, files []string, old map[string][]byte, moves []Move) []HeadingRename {
	popts := opt.Config.ParseOptions()
	was := map[string]string{} // a file now -> its path at the base
	for _, f := range files {
		was[f] = f
	}
	for _, m := range moves {
		if old[m.To] == nil {
			was[m.To] = m.From
		}
	}
	var out []HeadingRename
	for _, f := range slices.Sorted(maps.Keys(was)) {
		if old[was[f]] == nil {
			continue // added since the base
		}
		now, err := readRegular(filepath.Join(opt.Root, filepath.FromSlash(f)), opt.Config.MaxFileSize, nil)
		if err != nil {
			continue
		}
		o := popts
		o.NoFrontMatter = movableKindOf(opt.Config, content, f) == movableInclude
		out = append(out, pairRenamedHeadings(f, headingsWithID(ParsePage(f, old[was[f]], o)), headingsWithID(ParsePage(f, now, o)))...)
	}
	return out
}

// headingsWithID returns a page's headings that have an ID, in order.
func headingsWithID(p *Page) []Heading {
	var out []Heading
	for _, h := range p.Headings {
		if h.ID != "" {
			out = append(out, h)
		}
	}
	return out
}

// pairRenamedHeadings pairs the headings of a file at the base (was) with
// its headings now: the headings whose IDs both keep, in order, are the
// unchanged ones (a longest common subsequence); between two unchanged
// headings, as many headings gone as new ones, level by level alike, are
// renamed one for one. An ID still on the file now is no rename.
func pairRenamedHeadings(file string, was, now []Heading) []HeadingRename {
	if len(was)*len(now) > 1_000_000 {
		return nil // a generated file: not compared
	}
	// lcs[i][j]: the longest common subsequence of was[i:] and now[j:].
	lcs := make([][]int, len(was)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(now)+1)
	}
	for i := len(was) - 1; i >= 0; i-- {
		for j := len(now) - 1; j >= 0; j-- {
			if was[i].ID == now[j].ID {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	kept := map[string]bool{}
	for _, h := range now {
		kept[h.ID] = true
	}
	var out []HeadingRename
	var gone, added []int
	flush := func() {
		if len(gone) == len(added) {
			for k := range gone {
				w, n := was[gone[k]], now[added[k]]
				if w.Level == n.Level && !kept[w.ID] {
					out = append(out, HeadingRename{File: file, From: w.ID, Index: added[k], Text: n.Text})
				}
			}
		}
		gone, added = gone[:0], added[:0]
	}
	i, j := 0, 0
	for i < len(was) || j < len(now) {
		switch {
		case i < len(was) && j < len(now) && was[i].ID == now[j].ID:
			flush()
			i++
			j++
		case j < len(now) && (i == len(was) || lcs[i][j+1] >= lcs[i+1][j]):
			added = append(added, j)
			j++
		default:
			gone = append(gone, i)
			i++
		}
	}
	flush()
	return out
}

// movableKind is the kind of a file whose moves a change reports: a
// Markdown page under the content folder, or a Markdown include file.
type movableKind int

const (
	notMovable movableKind = iota
	movablePage
	movableInclude
)

// movableKindOf returns the kind of a root-relative file (content is
// the content folder with a final "/", or "").
func movableKindOf(cfg *Config, content, f string) movableKind {
	switch {
	case !strings.HasSuffix(strings.ToLower(f), ".md"):
		return notMovable
	case isContentMarkdown(f, content):
		return movablePage
	case cfg.UnderIncludeRoot(f):
		return movableInclude
	}
	return notMovable
}

// untrackedMoves pairs files a change deletes (root-relative Markdown
// pages under the content folder, or include files) with untracked new
// files of the same kind: a file moved with a plain mv, not git mv, is a
// deletion and an untracked file to git, whose rename detection sees only
// files it tracks. A pair is a move when the texts share lines making up
// at least half of the longer one (lineSimilarity), as git's rename
// detection requires by default, the closest pairs taken first. Nothing
// is read when nothing is both deleted and untracked.
func untrackedMoves(ctx context.Context, opt ChangedOptions, base, content string, deleted, untracked []string, topName map[string]string) []Move {
	kind := func(f string) movableKind { return movableKindOf(opt.Config, content, f) }
	var news []string
	for _, f := range untracked {
		if kind(f) != notMovable {
			news = append(news, f)
		}
	}
	if len(deleted) == 0 || len(news) == 0 {
		return nil
	}
	names := make([]string, len(deleted))
	for i, f := range deleted {
		names[i] = base + ":" + topName[f]
	}
	old := gitBlobs(ctx, opt.Root, names)
	now := make([][]byte, len(news))
	for i, f := range news {
		now[i], _ = readRegular(filepath.Join(opt.Root, filepath.FromSlash(f)), opt.Config.MaxFileSize, nil)
	}
	type pair struct {
		from, to int
		score    float64
	}
	var pairs []pair
	for i, f := range deleted {
		for j, g := range news {
			if old[i] == nil || now[j] == nil || kind(f) != kind(g) {
				continue
			}
			if sc := lineSimilarity(old[i], now[j]); sc >= 0.5 {
				pairs = append(pairs, pair{i, j, sc})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].score > pairs[b].score })
	usedFrom, usedTo := map[int]bool{}, map[int]bool{}
	var out []Move
	for _, p := range pairs {
		if !usedFrom[p.from] && !usedTo[p.to] {
			usedFrom[p.from], usedTo[p.to] = true, true
			out = append(out, Move{From: deleted[p.from], To: news[p.to]})
		}
	}
	return out
}

// lineSimilarity is the share of two texts in lines they have in common
// (each line counted as often as both have it), weighed in bytes as git's
// rename detection weighs them, out of the longer text: 1 for the same
// text, 0 for texts sharing no line. A blank line or a front matter
// delimiter, which pages of one outline all share, weighs little. Line
// endings do not count.
func lineSimilarity(a, b []byte) float64 {
	lines := func(t []byte) ([]string, int) {
		s := strings.TrimSuffix(strings.ReplaceAll(string(t), "\r\n", "\n"), "\n")
		return strings.Split(s, "\n"), len(s) + 1
	}
	la, sizeA := lines(a)
	lb, sizeB := lines(b)
	count := map[string]int{}
	for _, l := range la {
		count[l]++
	}
	common := 0
	for _, l := range lb {
		if count[l] > 0 {
			count[l]--
			common += len(l) + 1
		}
	}
	return float64(common) / float64(max(sizeA, sizeB))
}

// mentioning returns the files (root-relative) whose text holds one of
// the needles, in any case, in their order. Each file is read once, into
// a buffer its worker reuses, and searched in one pass for all the include
// paths among the needles (see mentionMatcher).
func mentioning(ctx context.Context, opt ChangedOptions, files []string, needles [][]byte) []string {
	m := newMentionMatcher(needles)
	hit := make([]bool, len(files))
	var bufs sync.Pool
	parallel(ctx, len(files), runtime.GOMAXPROCS(0), func(i int) {
		abs := filepath.Join(opt.Root, filepath.FromSlash(files[i]))
		buf, _ := bufs.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
		}
		src, err := readRegularNoFollow(abs, opt.Config.MaxFileSize, *buf)
		if err == nil {
			hit[i] = m.match(src)
			if cap(src) <= 1<<20 {
				*buf = src[:0]
			}
		}
		bufs.Put(buf)
	})
	var out []string
	for i, f := range files {
		if hit[i] {
			out = append(out, f)
		}
	}
	return out
}

// mentionMatcher finds, in any case, whether a text holds one of some
// needles as mentions does. An include path ("includes/x.md") can only be
// found where the text has its file name ("x.md") in some case, so the
// text is searched once for ".md" and the name before each, and lower-cased
// and searched as mentions does only for the needles whose name it has.
// Other needles (URLs) are searched in the lower-cased text.
type mentionMatcher struct {
	// byName holds the lower-cased include path needles by file name.
	byName map[string][][]byte
	// nameLens are the lengths of those names, each once.
	nameLens []int
	// others are the other needles, lower-cased.
	others [][]byte
}

// maxNameLen is the longest file name the matcher looks for by name;
// a needle with a longer one is searched as the other needles are.
const maxNameLen = 255

func newMentionMatcher(needles [][]byte) *mentionMatcher {
	m := &mentionMatcher{byName: map[string][][]byte{}}
	for _, n := range needles {
		n = bytes.ToLower(n)
		// mentions finds any other spelling only of such a needle, and
		// every spelling it finds ends with the needle's file name.
		if !bytes.HasSuffix(n, []byte(".md")) || bytes.ContainsAny(n, "\" \t") || !isASCII(string(n)) || len(n)-bytes.LastIndexByte(n, '/')-1 > maxNameLen {
			m.others = append(m.others, n)
			continue
		}
		name := string(n[bytes.LastIndexByte(n, '/')+1:])
		if _, ok := m.byName[name]; !ok && !slices.Contains(m.nameLens, len(name)) {
			m.nameLens = append(m.nameLens, len(name))
		}
		m.byName[name] = append(m.byName[name], n)
	}
	return m
}

// match reports whether src holds one of the matcher's needles.
func (m *mentionMatcher) match(src []byte) bool {
	var lower []byte // src lower-cased, once, when a needle is searched
	lowered := func() []byte {
		if lower == nil {
			lower = bytes.ToLower(src)
		}
		return lower
	}
	for _, n := range m.others {
		if mentions(lowered(), n) {
			return true
		}
	}
	if len(m.byName) == 0 {
		return false
	}
	if bytes.Contains(src, []byte("\u212a")) || bytes.Contains(src, []byte("\u0130")) {
		// The Kelvin sign and the dotted capital I lower-case to ASCII
		// letters of fewer bytes: search every needle as mentions does.
		for _, ns := range m.byName {
			for _, n := range ns {
				if mentions(lowered(), n) {
					return true
				}
			}
		}
		return false
	}
	var name [maxNameLen]byte
	tried := map[string]bool{}
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '.')
		if i < 0 {
			return false
		}
		dot := off + i
		off = dot + 1
		if dot+3 > len(src) || src[dot+1]|0x20 != 'm' || src[dot+2]|0x20 != 'd' {
			continue
		}
		for _, l := range m.nameLens {
			start := dot + 3 - l
			if start < 0 {
				continue
			}
			lowerASCII(name[:l], src[start:dot+3])
			ns, ok := m.byName[string(name[:l])]
			if !ok || tried[string(name[:l])] {
				continue
			}
			tried[string(name[:l])] = true
			for _, n := range ns {
				if mentions(lowered(), n) {
					return true
				}
			}
		}
	}
}

// lowerASCII writes src to dst with ASCII capitals lower-cased, as
// bytes.ToLower does for the bytes of a file name's ASCII letters; any
// other byte is copied.
func lowerASCII(dst, src []byte) {
	for i, c := range src {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
}

// PagesIncluding returns the root-relative pages the configuration
// selects (with allMarkdown, every Markdown page under the content folder,
// as `careerlint links` lints) whose text names one of the include files given (root-relative,
// under an include root) or an include file that includes one, sorted:
// the pages an edit of those files changes (a pre-commit hook given only
// an include file lints them). The search is textual, as ChangedPages':
// it may take a page that only looks like it includes one, never misses
// one that does.
func PagesIncluding(ctx context.Context, root string, cfg *Config, includes []string, allMarkdown bool) ([]string, error) {
	opt := ChangedOptions{Root: root, Config: cfg}
	var needles [][]byte
	for _, f := range includes {
		needles = append(needles, includeNeedles(cfg, f)...)
	}
	if len(needles) == 0 {
		return nil, nil
	}
	needles = append(needles, includersOf(opt, needles)...)
	candidates, err := discover(root, cfg, nil, allMarkdown, nil)
	if err != nil {
		return nil, err
	}
	out := mentioning(ctx, opt, candidates, needles)
	sort.Strings(out)
	return out, ctx.Err()
}

// PagesPasting returns the Markdown pages of the content folder that Hugo
// renders with one of the include files given pasted (root-relative,
// under an include root): PagesIncluding over every Markdown page, with
// the pages the configuration's ignore globs leave out, which careerlint
// never lints but Hugo renders all the same. A rule that judges how a
// fix to an included file changes the pages that paste it asks it
// (through Site.Includers), so that a page left out of the lint keeps
// its rendering too.
func PagesPasting(ctx context.Context, root string, cfg *Config, includes []string) ([]string, error) {
	every := *cfg
	every.Ignore = nil
	return PagesIncluding(ctx, root, &every, includes, true)
}

// PagesIncludingEach is PagesIncluding for each include file given, one
// search each (so for a few files): the pages that include it, directly or
// not (none for a file no page includes, or one under no include root).
func PagesIncludingEach(ctx context.Context, root string, cfg *Config, includes []string, allMarkdown bool) (map[string][]string, error) {
	opt := ChangedOptions{Root: root, Config: cfg}
	out := map[string][]string{}
	var candidates []string
	for _, f := range includes {
		needles := includeNeedles(cfg, f)
		if len(needles) == 0 {
			out[f] = nil
			continue
		}
		if candidates == nil {
			var err error
			if candidates, err = discover(root, cfg, nil, allMarkdown, nil); err != nil {
				return nil, err
			}
		}
		needles = append(needles, includersOf(opt, needles)...)
		pages := mentioning(ctx, opt, candidates, needles)
		sort.Strings(pages)
		out[f] = pages
	}
	return out, ctx.Err()
}

// includeNeedles returns the texts a page names an include file by (the
// file's path relative to each include root it is under, as an include
// target names it: "includes/x.md", see includeSpellings), for the
// textual search of the pages that include it; none for a file under no
// include root.
func includeNeedles(cfg *Config, file string) [][]byte {
	var out [][]byte
	for _, ir := range cfg.IncludeRoots {
		if rest, ok := strings.CutPrefix(file, path.Clean(ir)+"/"); ok {
			out = append(out, includeSpellings(rest)...)
		}
	}
	return out
}

// includeSpellings returns the ways an include target writes the path of
// an include file relative to its include root: as it is (in a raw string
// argument, `includes/x.md`, or a quoted one), and, for a name holding a
// double quote, with the quote escaped as a quoted argument needs it
// ("includes/say \"hi\".md").
func includeSpellings(rest string) [][]byte {
	out := [][]byte{[]byte(rest)}
	if strings.Contains(rest, `"`) {
		out = append(out, []byte(strings.ReplaceAll(rest, `"`, `\"`)))
	}
	return out
}

// NamesInclude reports whether a text names an include file (root-relative)
// as an include target does, in any case: the textual test PagesIncluding
// makes of each page, for a text held elsewhere (an editor's unsaved one).
func NamesInclude(text []byte, cfg *Config, file string) bool {
	needles := includeNeedles(cfg, file)
	if len(needles) == 0 {
		return false
	}
	lower := bytes.ToLower(text)
	return slices.ContainsFunc(needles, func(n []byte) bool { return mentions(lower, bytes.ToLower(n)) })
}

// mentions reports whether a lower-cased text holds a lower-cased needle
// of the textual searches. An include path ("includes/x.md") is also
// found written another way that the include resolves to the same file:
// with "./" segments, doubled slashes, backslashes or a leading slash
// (`includes\x.md`, "/includes/./x.md"), as ResolveInclude cleans them.
func mentions(lower, needle []byte) bool {
	if bytes.Contains(lower, needle) {
		return true
	}
	if !bytes.HasSuffix(needle, []byte(".md")) || bytes.ContainsAny(needle, "\" \t") {
		return false
	}
	base := needle[bytes.LastIndexByte(needle, '/')+1:]
	for off := 0; ; {
		i := bytes.Index(lower[off:], base)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(base)
		off = start + 1
		if start == 0 || !isPathByte(lower[start-1]) {
			continue // the name alone, in no folder: not the needle's path
		}
		if spelledAs(lower[:end], needle) {
			return true
		}
	}
}

// spelledAs reports whether the include target that ends a text (the run
// of path bytes before its end) names the needle's path once its "."
// segments, empty segments and backslashes are taken as ResolveInclude
// takes them: its last segments, read back to front, are the needle's.
// It reads no further back than those segments (and the "." and empty
// ones between them), so that a text holding the needle's base name many
// times in one long run of path bytes is searched in linear time.
func spelledAs(text, needle []byte) bool {
	j := len(text)
	for n := len(needle); n > 0; {
		k := bytes.LastIndexByte(needle[:n], '/')
		want := needle[k+1 : n]
		n = max(k, 0)
		for {
			i := j
			for i > 0 && isPathByte(text[i-1]) && text[i-1] != '/' && text[i-1] != '\\' {
				i--
			}
			seg := text[i:j]
			atRunStart := i == 0 || !isPathByte(text[i-1])
			if len(seg) == 0 || string(seg) == "." {
				if atRunStart {
					return false
				}
				j = i - 1
				continue
			}
			if !bytes.Equal(seg, want) {
				return false
			}
			if k >= 0 && atRunStart {
				return false
			}
			j = max(i-1, 0)
			break
		}
	}
	return true
}

// isPathByte reports whether a byte can be part of an include target
// written in a shortcode's argument: anything but white space, quotes and
// the brackets around it.
func isPathByte(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '"', '\'', '`', '<', '>', '{', '}', '(', ')', '[', ']', '=':
		return false
	}
	return true
}

// includersOf returns, for the needles of a change (the include paths of
// changed include files, "includes/x.md", and the forms of the URLs of
// changed pages), the include paths of the include files under the
// include roots that mention one, and of those that mention those, and so
// on: a page that includes a file that includes a changed one, or links a
// changed page, renders the change too. The include files searched are
// the Markdown and the HTML ones (an HTML file is parsed as an include
// is, its include shortcodes followed). The search is textual, as
// ChangedPages' is.
func includersOf(opt ChangedOptions, changed [][]byte) [][]byte {
	if len(changed) == 0 {
		return nil
	}
	type file struct {
		rest string
		text []byte
	}
	var files []file
	for _, ir := range opt.Config.IncludeRoots {
		dir := filepath.Join(opt.Root, filepath.FromSlash(path.Clean(ir)))
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() || !searchedInclude(p) {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return nil
			}
			src, err := readRegular(p, opt.Config.MaxFileSize, nil)
			if err != nil {
				return nil
			}
			files = append(files, file{filepath.ToSlash(rel), src})
			return nil
		})
	}
	var out [][]byte
	needles := changed
	taken := make([]bool, len(files))
	for len(needles) > 0 {
		var next [][]byte
		m := newMentionMatcher(needles)
		for i, f := range files {
			if !taken[i] && m.match(f.text) {
				taken[i] = true
				next = append(next, includeSpellings(f.rest)...)
			}
		}
		out = append(out, next...)
		needles = next
	}
	return out
}

// searchedInclude reports whether includersOf searches an include file
// for the include files it names: a Markdown or an HTML file (a stylesheet,
// a script or an image under an include root names none).
func searchedInclude(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".html", ".htm":
		return true
	}
	return false
}

// isContentMarkdown reports whether a root-relative file is a Markdown
// page under the content folder (content ends with "/", or is "").
func isContentMarkdown(f, content string) bool {
	return strings.HasSuffix(strings.ToLower(f), ".md") && strings.HasPrefix(f, content)
}

// parseNameStatus reads the output of `git diff --name-status -z` with
// rename detection: the paths it names (both sides of a rename) and the
// renames, as git names the files.
func parseNameStatus(out string) (names []string, renames [][2]string) {
	tok := strings.Split(out, "\x00")
	for i := 0; i < len(tok) && tok[i] != ""; {
		st := tok[i]
		switch {
		case (st[0] == 'R' || st[0] == 'C') && i+2 < len(tok):
			names = append(names, tok[i+1], tok[i+2])
			if st[0] == 'R' {
				renames = append(renames, [2]string{tok[i+1], tok[i+2]})
			}
			i += 3
		case i+1 < len(tok):
			names = append(names, tok[i+1])
			i += 2
		default:
			i = len(tok)
		}
	}
	return names, renames
}

// frontMatterURLsOf returns the URLs, without their trailing slash, that
// the front matter of the given content files (root-relative) sets (a url
// or slug that moves the page, and its aliases) at the base revision and in
// the work tree, and the URL each file that existed at the base had there
// (by its path when its front matter cannot be read). A version that
// cannot be read or decoded adds none. old holds the files' texts at the
// base (see baseTexts).
func frontMatterURLsOf(opt ChangedOptions, content string, files []string, old map[string][]byte) (urls []string, baseURL, nowURL map[string]string) {
	baseURL, nowURL = map[string]string{}, map[string]string{}
	if len(files) == 0 {
		return nil, baseURL, nowURL
	}
	var out []string
	add := func(f string, src []byte) (own string) {
		fm := parseFrontMatter(src, mayMoveURL)
		if fm == nil || fm.Root == nil {
			own, _, _ = pageURLs(strings.TrimPrefix(f, content), nil)
			return own
		}
		own, aliases, moved := pageURLs(strings.TrimPrefix(f, content), fm.Root)
		if moved {
			aliases = append(aliases, own)
		}
		for _, a := range aliases {
			if u := strings.TrimSuffix(a, "/"); u != "" {
				out = append(out, u)
			}
		}
		return own
	}
	for _, f := range files {
		if src := old[f]; src != nil {
			baseURL[f] = add(f, src)
		}
		abs := filepath.Join(opt.Root, filepath.FromSlash(f))
		if src, err := readRegular(abs, opt.Config.MaxFileSize, nil); err == nil {
			nowURL[f] = add(f, src)
		}
	}
	return out, baseURL, nowURL
}

// baseTexts returns the texts at the base revision of the given files
// (root-relative, named in the work tree's top folder by topName), from one
// git cat-file; a file missing there (added since) has none.
func baseTexts(ctx context.Context, opt ChangedOptions, base string, files []string, topName map[string]string) map[string][]byte {
	out := map[string][]byte{}
	if len(files) == 0 {
		return out
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = base + ":" + topName[f]
	}
	for i, b := range gitBlobs(ctx, opt.Root, names) {
		if b != nil {
			out[files[i]] = b
		}
	}
	return out
}

// gitBlobs returns the contents of the objects git names ("REV:path"), in
// order, with nil for one that is missing (a file added since) or cannot be
// read, from one `git cat-file --batch`. A name with a line break cannot be
// asked for and gives nil. A symlink is followed inside the revision's
// tree, as the work tree's file reads through it (its contents are those
// of the file it leads to, not its target's name); one that leads out of
// the tree, or nowhere, gives nil.
func gitBlobs(ctx context.Context, dir string, names []string) [][]byte {
	out, _ := readBlobs(ctx, dir, names)
	return out
}

// readBlobs is gitBlobs, with the error of a git that could not answer
// (then every content is nil).
func readBlobs(ctx context.Context, dir string, names []string) ([][]byte, error) {
	out := make([][]byte, len(names))
	var in bytes.Buffer
	var asked []int
	for i, n := range names {
		if !strings.ContainsAny(n, "\n\r") {
			in.WriteString(n + "\n")
			asked = append(asked, i)
		}
	}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch", "--follow-symlinks")
	cmd.Dir = dir
	cmd.Env = gitEnviron(dir)
	cmd.Stdin = &in
	b, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("git cat-file: %w", err)
	}
	for _, i := range asked {
		// "<oid> <type> <size>\n<contents>\n" or "<name> missing\n".
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			break
		}
		line := string(b[:nl])
		b = b[nl+1:]
		if strings.HasSuffix(line, " missing") || strings.HasSuffix(line, " ambiguous") {
			continue
		}
		head := strings.Fields(line)
		if len(head) == 2 && (head[0] == "symlink" || head[0] == "dangling" || head[0] == "loop" || head[0] == "notdir") {
			// A symlink out of the tree, or to nothing: "<what> <size>\n"
			// then the link or the name asked for, and a line break.
			size, err := strconv.Atoi(head[1])
			if err != nil || size < 0 || size >= len(b) {
				break
			}
			b = b[size+1:]
			continue
		}
		if len(head) != 3 {
			break // not the answer to a name asked: stop reading
		}
		size, err := strconv.Atoi(head[2])
		if err != nil || size < 0 || size >= len(b) {
			break
		}
		if head[1] == "blob" {
			out[i] = b[:size:size]
		}
		b = b[size+1:]
	}
	return out, nil
}

// shellWord returns s as one word of a POSIX shell's command line: as it
// is when it holds only characters no shell treats specially, else in
// single quotes (a path with a space, pasted into a command).
func shellWord(s string) string {
	plain := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%=", r))
	}) < 0
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// dubiousOwnership matches git's refusal of a repository another user
// owns (safe.directory), with the repository's folder.
var dubiousOwnership = regexp.MustCompile(`detected dubious ownership in repository at '([^']*)'`)

// isShallow reports whether the repository at dir is a shallow clone,
// whose history stops short of the first commit.
func isShallow(ctx context.Context, dir string) bool {
	out, err := git(ctx, dir, "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(out) == "true"
}

// fetchAdvice says how to bring a revision the repository at dir lacks,
// for --changed-since: a remote's branch (origin/main), with the fetch
// that creates it, which a clone of one branch, as CI makes, does not
// hold; a commit's hex name, with the fetch of that commit; a branch
// name, with the fetch of the remote branch and the name to give then.
// A shallow clone's fetch of a branch brings the history that joins it to
// HEAD (--unshallow): without the merge base the branch's head would be
// the base, and what it gained since the branch forked would count as
// the change. A repository with no remote, or a revision of another
// form (main~3), can only name another revision, or in a shallow clone
// fetch the history it lacks.
func fetchAdvice(ctx context.Context, dir, rev string, shallow bool) string {
	advice := fetchOnlyAdvice(ctx, dir, rev, shallow)
	// A near miss of a branch or tag the repository has ("mian"); it may
	// also be one the clone lacks (tag v1.2.4 beside v1.2.3), which the
	// fetch brings.
	if refs, err := git(ctx, dir, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"); err == nil && rev != "" {
		if c := Closest(rev, strings.Fields(refs), max(1, min(2, len(rev)/3))); c != "" && c != rev {
			if strings.Contains(advice, "git fetch") {
				return fmt.Sprintf("did you mean %q? If %s is one this clone lacks, %s", c, rev, advice)
			}
			return fmt.Sprintf("did you mean %q", c)
		}
	}
	return advice
}

// fetchOnlyAdvice is fetchAdvice without the did-you-mean.
func fetchOnlyAdvice(ctx context.Context, dir, rev string, shallow bool) string {
	out, _ := git(ctx, dir, "remote")
	remotes := strings.Fields(out)
	if len(remotes) == 0 || rev == "" || strings.ContainsAny(rev, "~^:@{}[]?*\\ ") || strings.HasPrefix(rev, "-") {
		if shallow {
			return "this clone is shallow: fetch its history (git fetch --unshallow), or name another revision"
		}
		return "name a branch, tag or commit of this repository"
	}
	remote := remotes[0]
	if slices.Contains(remotes, "origin") {
		remote = "origin"
	}
	if len(rev) >= 7 && len(rev) <= 64 && strings.Trim(rev, "0123456789abcdefABCDEF") == "" {
		depth := ""
		if shallow {
			depth = "--depth=1 "
		}
		return fmt.Sprintf("fetch it: git fetch %s%s %s", depth, remote, rev)
	}
	unshallow, how := "", "fetch it: "
	if shallow {
		unshallow, how = "--unshallow ", "fetch it with the history that joins it to HEAD: "
	}
	if r, branch, ok := strings.Cut(rev, "/"); ok && slices.Contains(remotes, r) && branch != "" {
		return fmt.Sprintf("%sgit fetch %s%s %s:refs/remotes/%s/%s", how, unshallow, r, branch, r, branch)
	}
	return fmt.Sprintf("%sgit fetch %s%s %s:refs/remotes/%s/%s, and name %s/%s", how, unshallow, remote, rev, remote, rev, remote, rev)
}

// diffWorkTree returns `git diff --name-status -M -z base --` run in dir:
// the files that differ between the commit base and the work tree. git
// diff refreshes the index it reads and writes it back when files' times
// no longer match it (GIT_OPTIONAL_LOCKS does not stop it), taking
// .git/index.lock, which fails a commit the user makes meanwhile: it
// reads a copy of the index in the system's temporary folder, removed
// after, and the repository's index is left as it was.
func diffWorkTree(ctx context.Context, dir, base string) (string, error) {
	args := []string{"diff", "--name-status", "-M", "-z", base, "--"}
	index, err := git(ctx, dir, "rev-parse", "--git-path", "index") // GIT_INDEX_FILE, in a hook
	if err != nil {
		return "", err
	}
	index = strings.TrimSuffix(index, "\n")
	if !filepath.IsAbs(index) {
		index = filepath.Join(dir, index)
	}
	src, err := os.Open(index)
	if err != nil {
		return git(ctx, dir, args...) // no index yet: nothing to write back
	}
	defer src.Close()
	// Ctrl-C or kill while the copy is made or git runs stops git and
	// returns, so that the copy is removed rather than left in the
	// temporary folder (a signal the process ignores stays ignored).
	var watch []os.Signal
	for _, s := range stopSignals {
		if !signal.Ignored(s) {
			watch = append(watch, s)
		}
	}
	sig := make(chan os.Signal, 1)
	if len(watch) > 0 {
		signal.Notify(sig, watch...)
	}
	ctx, cancel := context.WithCancel(ctx)
	var got atomic.Value
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case s := <-sig:
			got.Store(s)
			cancel()
		case <-ctx.Done():
		}
	}()
	interrupted := func() error {
		signal.Stop(sig)
		cancel()
		<-watched
		select {
		case s := <-sig: // came as the watch ended
			got.Store(s)
		default:
		}
		if s := got.Load(); s != nil {
			return fmt.Errorf("interrupted (%v) while git compared the work tree with %s", s, base)
		}
		return nil
	}
	tmp, err := os.CreateTemp("", "careerlint-index-*")
	if err != nil {
		if ierr := interrupted(); ierr != nil {
			return "", ierr
		}
		return "", fmt.Errorf("copying the git index: %w", err)
	}
	defer func() {
		os.Remove(tmp.Name())
		os.Remove(tmp.Name() + ".lock") // left by a git stopped midway
	}()
	_, err = io.Copy(tmp, src)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && ctx.Err() == nil {
		// A split index (core.splitIndex) would be written back split,
		// with a new shared index in .git and the old ones expired, the
		// repository's own among them: the copy is written whole. (git
		// still freshens the shared index's time as it reads it, as
		// every git command does.)
		var out string
		out, err = gitWith(ctx, dir, []string{"GIT_INDEX_FILE=" + tmp.Name()}, append([]string{"-c", "core.splitIndex=false"}, args...)...)
		if ierr := interrupted(); ierr != nil {
			return "", ierr
		}
		return out, err
	}
	stopped := ctx.Err() // the run's own context, when the copy went well
	if ierr := interrupted(); ierr != nil {
		return "", ierr
	}
	if err == nil {
		return "", stopped
	}
	return "", fmt.Errorf("copying the git index: %w", err)
}

// git runs a git command in dir and returns its standard output; a failure
// carries git's own message.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	return gitWith(ctx, dir, nil, args...)
}

// gitWith is git with env added to the command's environment.
func gitWith(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	// The answers are read as git gives them by default, whatever the
	// user's configuration: diff.relative would name the changed files
	// from dir (a site in a folder of the repository) instead of the top
	// of the work tree, and leave out those outside it.
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "diff.relative=false"}, args...)...)
	cmd.Dir = dir
	// GIT_OPTIONAL_LOCKS: careerlint writes nothing outside --fix, and
	// git status and the like would refresh the index.
	own := gitEnviron(dir)
	if own == nil {
		own = os.Environ()
	}
	cmd.Env = append(slices.Clip(own), append([]string{"GIT_OPTIONAL_LOCKS=0"}, env...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("cannot run git: %w", err)
	}
	return string(out), nil
}

// gitEnviron returns the environment of a git command run in dir, the
// site root, nil for careerlint's own. git reads GIT_DIR and GIT_WORK_TREE
// from the folder it runs in, and the commands run in the site root, not
// in the folder careerlint was started in: a relative one is made
// absolute from careerlint's folder. With GIT_DIR set and no
// GIT_WORK_TREE (a hook git runs in a linked worktree gets that), git takes
// the folder it runs in for the top of the work tree, which for a site in
// a folder of the repository is not: the top git finds from careerlint's
// folder is named, when dir is inside it.
func gitEnviron(dir string) []string {
	g := gitEnvOnce()
	if g.top == "" {
		return g.env
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	if _, ok := relInside(g.top, dir); !ok {
		return g.env
	}
	return append(slices.Clip(g.env), "GIT_WORK_TREE="+g.top)
}

// gitEnvOnce computes what gitEnviron needs, once: the environment with
// GIT_DIR and GIT_WORK_TREE absolute (nil when neither is set), and the
// top of the work tree git finds from careerlint's folder when GIT_DIR is
// set and GIT_WORK_TREE is not ("" otherwise).
var gitEnvOnce = sync.OnceValue(func() (g struct {
	env []string
	top string
}) {
	gitDir, hasDir := os.LookupEnv("GIT_DIR")
	workTree, hasTree := os.LookupEnv("GIT_WORK_TREE")
	cwd, err := os.Getwd()
	if err != nil || gitDir == "" && workTree == "" {
		return g
	}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if (k == "GIT_DIR" || k == "GIT_WORK_TREE") && v != "" && !filepath.IsAbs(v) {
			kv = k + "=" + filepath.Join(cwd, v)
		}
		g.env = append(g.env, kv)
	}
	if hasDir && gitDir != "" && (!hasTree || workTree == "") {
		cmd := exec.Command("git", "rev-parse", "--show-toplevel")
		cmd.Dir = cwd
		cmd.Env = g.env
		if out, err := cmd.Output(); err == nil {
			g.top = strings.TrimSpace(string(out))
			if t, err := filepath.EvalSymlinks(g.top); err == nil {
				g.top = t
			}
		}
	}
	return g
})

// underPaths reports whether a root-relative file is one of, or under one of,
// the given root-relative paths; no paths means everywhere.
func underPaths(f string, paths []string) bool {
	if len(paths) == 0 {
		return true
	}
	for _, p := range paths {
		p = strings.TrimSuffix(path.Clean(p), "/")
		if p == "." || f == p || strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

// UnderIncludeRoot reports whether a root-relative file (slash-separated)
// lies under one of the include roots.
func (c *Config) UnderIncludeRoot(f string) bool {
	for _, r := range c.IncludeRoots {
		if strings.HasPrefix(f, path.Clean(r)+"/") {
			return true
		}
	}
	return false
}
