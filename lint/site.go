package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gitlab.com/careerlint/careerlint/lint/anchor"
	"gitlab.com/careerlint/careerlint/lint/shortcode"
)

// Site is the read-only view of the handbook a run works on: the linted
// pages by path, and the files they include, parsed lazily and once.
type Site struct {
	// Root is the absolute site root.
	Root   string
	Config *Config
	// Pages are the linted pages, sorted by path.
	Pages  []*Page
	byPath map[string]*Page
	popts  ParseOptions

	mu    sync.Mutex
	files map[string]*lazyPage // included files and other pages read on demand
	// cutShort holds, for the files on which a rule reported more than
	// its pass keeps, the findings not kept (under mu).
	cutShort map[cutShortKey]overflow
	// overlay holds content used instead of files on disk.
	overlay map[string][]byte
	// overlayDirs holds the names of the overlay's files by root-relative
	// folder, built once (overlayIn).
	overlayDirs     map[string][]string
	overlayDirsOnce sync.Once
	// absent are files on disk the run takes as not there
	// (RunOptions.Absent).
	absent map[string]bool
	// moved and deleted are the files the change being linted renames
	// and deletes (RunOptions.Moves and Deletes).
	moved, deleted changedFiles
	// headingRenames are the headings the change being linted renames
	// (RunOptions.HeadingRenames).
	headingRenames []HeadingRename

	urlIdx  *urlIndex
	targets sync.Map // root-relative path -> *lazyPage: link target pages read on demand
	// frozenTargets holds the targets read before a lean run's checks,
	// written before they start and only read after (freezeTargets).
	frozenTargets  map[string]*lazyPage
	anchors        sync.Map // *Page -> *anchorTable, memo of Anchors
	checked        sync.Map // *Page -> []CheckedLink, memo of CheckedLinks
	resolved       sync.Map // URL key -> URLTarget, memo of ResolveURL
	includeTargets sync.Map // include target as written -> IncludeTarget, memo of ResolveInclude
	suggested      sync.Map // URL key -> string, memo of SuggestURL
	publishedFiles sync.Map // content file -> pubResult, memo of renderState
	movedFiles     sync.Map // content file -> bool, memo of frontMatterURLsIfMoved
	leafDirs       sync.Map // content folder -> bundleFiles, memo of leafFiles
	dirLists       sync.Map // root-relative folder -> pathsInFolder, memo of folderPaths
	twinDirs       sync.Map // root-relative folder -> []string, memo of sameFolders
	dirEntries     sync.Map // root-relative folder -> []dirEntry, memo of folderEntries
	// walkedLists holds the folders the run's walk of the content folder
	// read, with their entries, by root-relative path (folderEntries).
	walkedLists map[string][]dirEntry
	// someIncluders is set when the run lints only some pages (it was
	// given paths), so that the pages including a file may not all be in
	// it, except for the files of wholeIncludes (RunOptions.WholeIncludes).
	someIncluders bool
	wholeIncludes map[string]bool
	// whole is set when the run was given no paths: it lints every page
	// its configuration selects (Whole).
	whole bool
	// everyPage is set when the run lints every Markdown page of the
	// content folder (RunOptions.AllMarkdown, no paths) and the ignore
	// globs leave none out: every page that pastes a file is in it.
	everyPage bool
	// pagesIncluding is RunOptions.PagesIncluding.
	pagesIncluding func(ctx context.Context, includes []string) ([]string, error)
	// beyondPages names the rules that also check pages a run over the
	// career pages does not select (RunOptions.OtherRules): the pages that
	// include a file are never all in such a run for them.
	beyondPages map[string]bool
	// beyondIncluders memoizes includedBeyondPages by include file.
	beyondIncluders sync.Map
	cascades        sync.Map // content folder -> *Node, memo of sectionCascade
	// now is the time the run compares publish and expiry dates with.
	now       time.Time
	expansion sync.Map // *Page -> int, memo of IncludeExpansion
	memos     sync.Map // key -> *siteMemo, what rules keep for the run (Memo)
	// workers is how many goroutines the run checks on (Check), for
	// Parallel; 0 before Check.
	workers int
	// rereads are the files read again for printing or fixing after a
	// lean parse released their source, most recent first (Site.reread),
	// under mu.
	rereads []*rereadEntry
	// prefetch reads ahead the files a report prints, while it prints
	// (PrefetchForPrinting), under mu.
	prefetch *prefetcher

	// rootReal is Root with symlinks evaluated, once; realDirs maps the
	// folders Resolve passed to their real paths (evalSymlinks).
	rootOnce sync.Once
	rootReal string
	realDirs sync.Map
	// names checks that a path is written as the disk stores its names
	// (Windows finds files under any case of their names).
	names nameCache

	// gitignore is the root's .gitignore matcher, read once (CareerPage).
	gitignoreOnce sync.Once
	gitignore     func(rel string) bool
	// leftOutMemo keeps leftOut's answer per file (string to bool):
	// IgnoredFile is asked for every finding, and the .gitignore's
	// globs are matched against each folder of the path.
	leftOutMemo sync.Map

	// others are the files of the run checked with RunOptions.OtherRules,
	// which otherRules holds (markOthers); both nil when every page gets
	// the run's rules.
	others     map[string]bool
	otherRules []*Rule

	// checks are the rules that Check runs on the site's pages, those
	// given to it that the configuration does not turn off, and those of
	// RunOptions.Checked (Checks).
	checks map[*Rule]bool

	// fixApplies is what FixApplies answers for the fixes of a run of
	// FixAll over part of the files (RunOptions.FixOnly); nil when the
	// run's fixes, if any, are all applied.
	fixApplies func(d Diagnostic) bool
	// rules are the page rules the run checks its files with, set by
	// Check before the checks start (ChecksFile); nil on a site no run
	// checked.
	rules *ruleSets
}

// ChecksFile reports whether the run checks file (root-relative) with
// page rule r, and so reports r's findings there and applies their fixes
// with --fix: a linted page, or a file the linted pages include when r
// checks included files, with r among the rules of that file (the run's,
// or RunOptions.OtherRules for the files of Site.Other), on in the
// configuration. A file the run does not lint (a page it was not given,
// one that pastes a file it lints) keeps its text whatever r would fix
// there. A rule that judges a fix against the fixes of other findings
// (list-marker, the lists that --fix rewrites around a list) asks it, so
// that the lists of such files keep their markers in the judgement. On a
// site no run checked, every file counts as checked.
func (s *Site) ChecksFile(r *Rule, file string) bool {
	if s.IgnoredFile(file) {
		return false
	}
	if s.rules == nil {
		return true
	}
	if p := s.byPath[file]; p != nil {
		if !p.Parsed() && !r.AllFiles {
			return false
		}
	} else if !r.IncludedFiles || s.runIncluders()[file] == nil {
		return false
	}
	return slices.Contains(s.rules.forFile(s, file), r)
}

// SiteChecks reports whether careerlint run over the whole site (no
// paths) checks file (root-relative) with page rule r: a career page (the
// configuration's pages globs, unless the ignore globs or the root's
// .gitignore leave it out, see CareerPage), or, when r checks included
// files, a file that one includes, directly or through other include
// files, r being on. A run over some pages searches every page for those
// that include such a file (once a file, only when asked). A rule whose
// finding says to fix a file with another run asks it, to tell a file no
// run checks (a handbook page that is no career page, a page or include
// file the ignore globs leave out), whose text is the author's to change.
func (s *Site) SiteChecks(r *Rule, file string) bool {
	if s.Config.Severity(r) == Off {
		return false
	}
	switch s.Config.Classify(file) {
	case CareerPage:
		return s.CareerPage(file) // not one the ignore globs leave out
	case IncludeFile:
	default:
		return false
	}
	if !r.IncludedFiles || s.leftOut(file) {
		return false // no run lints an include file the ignore globs or .gitignore leave out
	}
	if s.runIncluders()[file] != nil && !s.Other(file) {
		return true // a career page of the run includes it
	}
	if s.whole {
		return false // the run lints every career page and their files
	}
	return s.Memo(siteChecksKey{file}, func() any {
		search := s.pagesIncluding
		if search == nil {
			search = func(ctx context.Context, includes []string) ([]string, error) {
				return PagesIncluding(ctx, s.Root, s.Config, includes, false)
			}
		}
		pages, _ := search(context.Background(), []string{file})
		return slices.ContainsFunc(pages, s.CareerPage)
	}).(bool)
}

// siteChecksKey is the key of SiteChecks' search for the pages that
// include a file among the site's memos.
type siteChecksKey struct{ file string }

// FixApplies reports whether the run applies the fix of finding d (its
// Rule, Span and Message set as the rule reports it), were d reported
// with one: every fix, unless the run is one of FixAll's that rewrites
// only some files (RunOptions.FixOnly); then a fix in one of those files,
// or one of a finding the change brings outside them (FixBaseline lacks
// its fingerprint). A rule that judges a fix against the fixes of other
// findings (list-marker, the lists that --fix rewrites around a list)
// asks it, so that it judges the rewrite the run makes. It answers for
// FixOnly alone: a suppressed finding's fix is not applied either (see
// Suppressed), nor one in a file the run does not check with the
// finding's rule, where it reports nothing (see ChecksFile), which such a
// rule asks apart.
func (s *Site) FixApplies(d Diagnostic) bool {
	return s.fixApplies == nil || s.fixApplies(d)
}

// FixesAll reports whether FixApplies holds for every finding: the run
// is not one of FixAll's over part of the files.
func (s *Site) FixesAll() bool { return s.fixApplies == nil }

// Checks reports whether the run checks the site's pages with a rule: one
// of the rules given to Check, or of RunOptions.Checked, that the
// configuration does not turn off. A rule that defers to another rule's
// finding asks it, so that it defers only where that finding is reported
// (a run of the link rules alone keeps its own advice).
func (s *Site) Checks(r *Rule) bool { return s.checks[r] }

// Other reports whether a file of the run, a linted page or a file one
// includes, is checked with RunOptions.OtherRules instead of the run's
// rules: a page the configuration's pages globs do not select, or a file
// that only such pages include. The rules that compare pages leave those
// pages out.
func (s *Site) Other(file string) bool { return s.others[file] }

// markOthers marks the linted pages that the pages globs do not select,
// and the files only they include, as checked with rules (Other).
func (s *Site) markOthers(rules []*Rule) {
	s.otherRules = rules
	for _, p := range s.Pages {
		if s.Config.Classify(p.Path) != CareerPage {
			if s.others == nil {
				s.others = map[string]bool{}
			}
			s.others[p.Path] = true
		}
	}
	if s.others == nil {
		return
	}
	// IncludedFiles meets the files career pages include first.
	for _, inc := range s.IncludedFiles() {
		if s.others[inc.By.File] {
			s.others[inc.Page.Path] = true
		}
	}
}

// Memo returns the value the run keeps under key, calling build to make it
// on first use; concurrent first uses build it once. Rules keep there what
// they work out once per run and share between pages, such as the ladder
// rules' analysis of the tracks. The value lives as long as the site.
func (s *Site) Memo(key any, build func() any) any {
	v, _ := s.memos.LoadOrStore(key, &siteMemo{})
	m := v.(*siteMemo)
	m.once.Do(func() { m.v = build() })
	return m.v
}

// Parallel runs fn(0..n-1) on at most as many goroutines as the run
// checks pages on (RunOptions.Workers; GOMAXPROCS for a site made without
// Run) and returns when every call has. It is for the work a Memo builds
// that other checks wait on (the ladder rules' analysis of every level
// page): done on one goroutine, it left the others idle.
func (s *Site) Parallel(n int, fn func(i int)) {
	w := s.workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	parallel(context.Background(), n, w, fn)
}

type siteMemo struct {
	once sync.Once
	v    any
}

type lazyPage struct {
	mu   sync.Mutex
	done atomic.Bool
	page *Page
	err  error
}

// load runs f the first time it is called; later calls wait for it and
// return its result.
func (lp *lazyPage) load(f func()) (*Page, error) {
	if lp.done.Load() {
		return lp.page, lp.err // set before done, never changed after
	}
	lp.mu.Lock()
	defer lp.mu.Unlock()
	if !lp.done.Load() {
		f()
		lp.done.Store(true)
	}
	return lp.page, lp.err
}

// loaded returns the page once a load has finished, waiting for a load in
// progress, and nil when none has run.
func (lp *lazyPage) loaded() *Page {
	lp.mu.Lock()
	defer lp.mu.Unlock()
	return lp.page
}

// NewSite builds a site over parsed pages.
func NewSite(root string, cfg *Config, pages []*Page) *Site {
	s := &Site{Root: root, Config: cfg, Pages: pages, byPath: map[string]*Page{}, files: map[string]*lazyPage{}, popts: parseOptions(cfg), urlIdx: &urlIndex{}, now: time.Now()}
	for _, p := range pages {
		s.byPath[p.Path] = p
	}
	return s
}

func parseOptions(cfg *Config) ParseOptions { return cfg.ParseOptions() }

// ParseOptions returns the options pages of a site with this
// configuration are parsed with: its shortcodes, and the heading IDs and
// raw HTML anchors of its Hugo configuration (Hugo).
func (c *Config) ParseOptions() ParseOptions {
	paired := map[string]bool{}
	for _, n := range c.Shortcodes.Paired {
		paired[n] = true
	}
	opt := ParseOptions{Paired: func(n string) bool { return paired[n] }, IncludeShortcodes: c.Shortcodes.Include}
	if h := c.Hugo; h != nil {
		opt.IDType, opt.NoAutoHeadingID, opt.RawHTMLOmitted = h.IDType, h.NoAutoHeadingID, h.RawHTMLOmitted
	}
	return opt
}

// CareerPage reports whether a root-relative file is one a run without
// paths would lint as a career page: selected by the configured page globs,
// and not left out by the ignore globs or the root's .gitignore.
func (s *Site) CareerPage(rel string) bool {
	if !matchPages(s.Config.Pages, rel) || s.leftOut(rel) {
		return false
	}
	// The folders the walk does not enter for pages.
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		if LeftOutFolder(path.Base(d)) {
			return false
		}
	}
	return true
}

// IgnoredFile reports whether a root-relative file is one the
// configuration's ignore globs or the root's .gitignore leave out that
// the run does not lint as a page: an include file they match is read
// where the pages paste it (its text is part of theirs), but it is not
// linted, no finding is reported in it and --fix leaves it as it is, as
// when it is named to a run. Only an include file a page of the run
// pastes is one: a glob that matches the configuration file too ("**/.*")
// does not hide the findings on it.
func (s *Site) IgnoredFile(file string) bool {
	return s.byPath[file] == nil && s.leftOut(file) && s.runIncluders()[file] != nil
}

// leftOut reports whether the configuration's ignore globs or the root's
// .gitignore leave out a root-relative file (IgnoredBy).
func (s *Site) leftOut(rel string) bool {
	if v, ok := s.leftOutMemo.Load(rel); ok {
		return v.(bool)
	}
	out := s.IgnoredBy(rel) != ""
	s.leftOutMemo.Store(rel, out)
	return out
}

// IgnoredBy is the package's IgnoredBy for a file of the site, with the
// root's .gitignore read once per site.
func (s *Site) IgnoredBy(rel string) string {
	if matchPages(s.Config.Ignore, rel) {
		return IgnoredByGlobs
	}
	s.gitignoreOnce.Do(func() { s.gitignore = readGitignore(s.Root) })
	if gitignoredAt(s.gitignore, rel) {
		return IgnoredByGitignore
	}
	return ""
}

// Page returns a linted page by its root-relative path, or nil.
func (s *Site) Page(p string) *Page { return s.byPath[p] }

// File returns any page or included file the run has parsed, by path.
func (s *Site) File(p string) *Page {
	if pg := s.byPath[p]; pg != nil {
		return pg
	}
	s.mu.Lock()
	lp := s.files[p]
	s.mu.Unlock()
	if lp == nil {
		return s.targetFile(p)
	}
	return lp.loaded()
}

// ErrOutsideRoot is returned for a path that leaves the site root.
var ErrOutsideRoot = errors.New("path leaves the site root")

// ErrNotFile is returned for a path that names a folder or other
// non-regular file.
var ErrNotFile = errors.New("not a regular file")

// ErrFolder is the ErrNotFile of a path that names a folder.
var ErrFolder = fmt.Errorf("a folder, %w", ErrNotFile)

// Load returns the included file at a root-relative path, parsing it once
// on first use, as an include (without front matter). The path must stay inside the root, also through symlinks; a path
// that does not is refused and never read.
func (s *Site) Load(rel string) (*Page, error) {
	// A linted page serves as the include when it parsed the same: without
	// front matter. A file that starts with "---" is, as an include, a
	// thematic break and text, so it is parsed again for that.
	if pg := s.byPath[rel]; pg != nil && pg.FrontMatter == nil {
		return pg, nil
	}
	s.mu.Lock()
	lp := s.files[rel]
	if lp == nil {
		lp = &lazyPage{}
		s.files[rel] = lp
	}
	s.mu.Unlock()
	return lp.load(func() {
		iopts := s.popts
		iopts.NoFrontMatter = true
		if src, ok := s.overlay[rel]; ok {
			// Text that stands for the file, whether or not it is on
			// disk (an editor's new file, a file a change deletes when
			// its base is linted); its key is a root-relative path.
			lp.page = parseOverlay(rel, src, s.Config.MaxFileSize, iopts)
			return
		}
		abs, err := s.Resolve(rel)
		if err != nil {
			lp.err = err
			return
		}
		lp.page = readPageOf(abs, rel, s.Config.MaxFileSize, iopts, func() {
			lp.err = ErrNotFile
			if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
				lp.err = ErrFolder
			}
		})
	})
}

// Resolve turns a root-relative slash path into an absolute file path,
// refusing paths that leave the root lexically or through a symlink.
func (s *Site) Resolve(rel string) (string, error) {
	if path.IsAbs(rel) || filepath.IsAbs(rel) || strings.HasPrefix(path.Clean(rel), "..") {
		return "", ErrOutsideRoot
	}
	abs := filepath.Join(s.Root, filepath.FromSlash(path.Clean(rel)))
	if s.absent[path.Clean(rel)] {
		return "", &fs.PathError{Op: "lstat", Path: abs, Err: fs.ErrNotExist}
	}
	if u := s.urlIdx; u != nil && u.built.Load() && u.walked.has(rel) {
		// Found as a regular file by this run's walk of the content
		// folder, which follows no symlink: still one, it is inside the
		// root (one lstat instead of evaluating every folder again).
		if fi, err := os.Lstat(abs); err == nil && fi.Mode().IsRegular() {
			return abs, nil
		}
	}
	real, err := s.evalSymlinks(abs)
	if err != nil {
		return "", err
	}
	if !s.names.exactCase(s.Root, path.Clean(rel)) {
		// Found only under another case of its name (Windows): Hugo on
		// Linux finds nothing there.
		return "", &fs.PathError{Op: "lstat", Path: abs, Err: fs.ErrNotExist}
	}
	if r, err := filepath.Rel(s.realRoot(), real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", ErrOutsideRoot
	}
	return real, nil
}

// realRoot returns Root with symlinks evaluated, once for the run.
func (s *Site) realRoot() string {
	s.rootOnce.Do(func() {
		s.rootReal = s.Root
		if r, err := filepath.EvalSymlinks(s.Root); err == nil {
			s.rootReal = r
		}
	})
	return s.rootReal
}

// evalSymlinks is filepath.EvalSymlinks keeping, for the run, the real
// path of each folder it passes: the files a run resolves share few
// folders, and a file is then one lstat.
func (s *Site) evalSymlinks(abs string) (string, error) {
	real, err := s.realDir(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return realFileIn(real, filepath.Base(abs))
}

// realFileIn is filepath.EvalSymlinks of the file name in the folder
// whose real path is real.
func realFileIn(real, name string) (string, error) {
	p := filepath.Join(real, name)
	fi, err := os.Lstat(p)
	if err != nil {
		return "", err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return filepath.EvalSymlinks(p)
	}
	return p, nil
}

// realDir is filepath.EvalSymlinks of a clean folder path, kept for the
// run, worked out from its parent's, kept too: a folder first met is one
// lstat, where filepath.EvalSymlinks takes one for each folder of the
// path (the link targets of a one-page run are in some hundred folders,
// ten deep). A folder that cannot be resolved gives
// filepath.EvalSymlinks's error.
func (s *Site) realDir(dir string) (string, error) {
	if v, ok := s.realDirs.Load(dir); ok {
		return v.(string), nil
	}
	real, err := s.realDirOf(dir)
	if err != nil {
		return "", err
	}
	s.realDirs.Store(dir, real)
	return real, nil
}

func (s *Site) realDirOf(dir string) (string, error) {
	parent, name := filepath.Dir(dir), filepath.Base(dir)
	if parent == dir || name == ".." || name == "." {
		return filepath.EvalSymlinks(dir)
	}
	rp, err := s.realDir(parent)
	if err != nil {
		return filepath.EvalSymlinks(dir)
	}
	p := filepath.Join(rp, name)
	if fi, err := os.Lstat(p); err != nil || !fi.IsDir() {
		// A symlink, a file or nothing: as filepath.EvalSymlinks says.
		return filepath.EvalSymlinks(dir)
	}
	return p, nil
}

// IncludeTarget is where an include shortcode points.
type IncludeTarget struct {
	// Path is the root-relative path of the file found, or of the first
	// candidate when none exists.
	Path string
	// Page is the parsed file, nil when missing or refused.
	Page *Page
	// Err is nil, fs.ErrNotExist, ErrOutsideRoot or a read error.
	Err error
}

// ResolveInclude finds the file an include target names, in the
// configured include roots, in order. The answer is kept: the rules of a
// run over the career pages ask thousands of times for a few hundred
// targets.
func (s *Site) ResolveInclude(target string) IncludeTarget {
	return memo(&s.includeTargets, target, s.resolveInclude)
}

// resolveInclude is ResolveInclude, worked out.
func (s *Site) resolveInclude(target string) IncludeTarget {
	t := strings.TrimPrefix(target, "/")
	if strings.TrimSpace(t) == "" {
		return IncludeTarget{Path: target, Err: fs.ErrNotExist}
	}
	if path.IsAbs(target) && strings.HasPrefix(target, "//") || filepath.IsAbs(target) && !strings.HasPrefix(target, "/") {
		return IncludeTarget{Path: target, Err: ErrOutsideRoot}
	}
	if strings.Contains(t, "\\") {
		t = strings.ReplaceAll(t, "\\", "/")
	}
	var first IncludeTarget
	for i, ir := range s.Config.IncludeRoots {
		rel := path.Join(ir, t)
		if !inFolder(rel, path.Clean(ir)) || strings.HasPrefix(rel, "..") || hasDotDot(t) {
			return IncludeTarget{Path: target, Err: ErrOutsideRoot}
		}
		pg, err := s.Load(rel)
		it := IncludeTarget{Path: rel, Page: pg, Err: err}
		if err == nil {
			return it
		}
		if errors.Is(err, ErrOutsideRoot) || errors.Is(err, ErrNotFile) {
			return it
		}
		if i == 0 {
			first = it
		}
	}
	if first.Path == "" {
		first = IncludeTarget{Path: t, Err: fs.ErrNotExist}
	}
	return first
}

// hasDotDot reports whether a slash path has a ".." element. It and
// inFolder allocate nothing: the career pages resolve thousands of
// includes.
func hasDotDot(p string) bool {
	for p != "" {
		seg, rest, _ := strings.Cut(p, "/")
		if seg == ".." {
			return true
		}
		p = rest
	}
	return false
}

// inFolder reports whether rel+"/" starts with dir+"/": rel is dir or
// below it.
func inFolder(rel, dir string) bool {
	return strings.HasPrefix(rel, dir) && (len(rel) == len(dir) || rel[len(dir)] == '/')
}

// Anchor is one ID a page defines, with where it is defined.
type Anchor struct {
	ID string
	// Heading is the heading that defines it, nil for an HTML anchor.
	Heading *Heading
	// HTML is the raw HTML anchor that defines it, nil for a heading.
	HTML *HTMLID
	// File is the page or included file that defines it.
	File string
}

// Placeholder reports whether Hugo gives the anchor another ID than its
// ID: that of a heading holding a {{< >}} shortcode without an explicit
// ID (Heading.Shortcode), whose ID Hugo derives from the shortcode's
// placeholder (see PlaceholderID), while ID is that of its text as
// written. No link reaches the anchor by ID.
func (a Anchor) Placeholder() bool {
	return a.Heading != nil && a.Heading.Shortcode && !a.Heading.Explicit
}

// Anchors returns a page's heading IDs with included files expanded in
// place, numbered with one duplicate counter as Hugo does, followed by the
// IDs written in raw HTML. Include cycles are cut.
func (s *Site) Anchors(p *Page) []Anchor {
	return s.anchorTable(p).anchors
}

// MissingInclude returns the first include of a page's rendered text (the
// page and the files it includes, in order) whose file is not found: the
// span of its target argument and the target as written. A link to an
// anchor the page lacks may mean one the missing file would give.
func (s *Site) MissingInclude(p *Page) (at Span, target string, ok bool) {
	seen := map[*Page]bool{}
	var walk func(f *Page) bool
	walk = func(f *Page) bool {
		if seen[f] {
			return false
		}
		seen[f] = true
		for _, inc := range f.Includes {
			if inc.Context == IncludeLiteral {
				continue
			}
			it := s.ResolveInclude(inc.Target)
			if errors.Is(it.Err, fs.ErrNotExist) {
				at, target = f.Span(inc.ArgStart, inc.ArgEnd), inc.Target
				return true
			}
			if it.Err == nil && it.Page != nil && walk(it.Page) {
				return true
			}
		}
		return false
	}
	ok = p != nil && walk(p)
	return at, target, ok
}

// anchorTable is what one walk of a page and its includes finds: the
// anchors, and the headings whose ID depends on a {{% %}} shortcode's
// output (Heading.Pattern), which have no anchor.
type anchorTable struct {
	anchors  []Anchor
	patterns []*Heading
	// placeholders match the IDs Hugo may give the headings holding a
	// {{< >}} shortcode (placeholderRegexp), compiled at the first
	// question about such an ID (MatchesHeadingPattern).
	placeholdersOnce sync.Once
	placeholders     []*regexp.Regexp
}

func (s *Site) anchorTable(p *Page) *anchorTable {
	if v, ok := s.anchors.Load(p); ok {
		return v.(*anchorTable)
	}
	t := &anchorTable{}
	t.anchors = s.collectAnchors(p, &t.patterns)
	v, _ := s.anchors.LoadOrStore(p, t)
	return v.(*anchorTable)
}

func (s *Site) anchorsOf(p *Page) []Anchor { return s.collectAnchors(p, nil) }

// collectAnchors computes a page's anchors, adding its Pattern headings
// to patterns when it is not nil.
func (s *Site) collectAnchors(p *Page, patterns *[]*Heading) []Anchor {
	if len(p.Includes) == 0 {
		// Without includes the IDs are those the page's parse computed,
		// with the same table over the same headings.
		if len(p.Headings)+len(p.HTMLIDs) == 0 {
			return nil
		}
		out := make([]Anchor, 0, len(p.Headings)+len(p.HTMLIDs))
		for i := range p.Headings {
			h := &p.Headings[i]
			if h.ID != "" {
				out = append(out, Anchor{ID: h.ID, Heading: h, File: p.Path})
			} else if h.Pattern && patterns != nil {
				*patterns = append(*patterns, h)
			}
		}
		for i := range p.HTMLIDs {
			out = append(out, Anchor{ID: p.HTMLIDs[i].ID, HTML: &p.HTMLIDs[i], File: p.Path})
		}
		if len(out) == 0 {
			return nil // headings with no ID of their own, as the walk finds
		}
		return out
	}
	return s.walkAnchors(p, patterns)
}

// MatchesHeadingPattern reports whether frag may be the ID of a heading
// of the page (its includes expanded) whose ID depends on a {{% %}}
// shortcode's output (Heading.Pattern): such headings have no entry in
// Anchors. It also reports whether frag is the ID Hugo writes for a
// heading holding a {{< >}} shortcode (Heading.Shortcode, see
// PlaceholderID), whose entry in Anchors has the ID of its text as
// written.
func (s *Site) MatchesHeadingPattern(p *Page, frag string) bool {
	if p == nil {
		return false
	}
	t := s.anchorTable(p)
	for _, h := range t.patterns {
		if h.MatchesPattern(frag) {
			return true
		}
	}
	if !strings.Contains(frag, placeholderSlug) {
		return false
	}
	// Compiled once for the page: a table of contents copied from the
	// built page links every such heading.
	t.placeholdersOnce.Do(func() {
		for _, a := range t.anchors {
			if a.Placeholder() {
				t.placeholders = append(t.placeholders, placeholderRegexp(s.popts.IDType, a.Heading))
			}
		}
	})
	for _, re := range t.placeholders {
		if prefix, _ := re.LiteralPrefix(); strings.HasPrefix(frag, prefix) && re.MatchString(frag) {
			return true
		}
	}
	return false
}

// placeholderSlug is the start of a shortcode's placeholder, slugged, in
// the ID Hugo gives a heading holding a {{< >}} shortcode.
const placeholderSlug = "hahahugoshortcode"

// PlaceholderID returns an ID Hugo may give a heading holding {{< >}}
// shortcodes (Heading.Shortcode): it derives heading IDs while such a
// shortcode is still a placeholder, "HAHAHUGOSHORTCODE" followed by a
// number the build sets, "s", the count of the page's shortcodes before it
// and "HBHB", so "## Using {{< param x >}} now" gets an ID such as
// "using-hahahugoshortcode12s0hbhb-now". This one numbers the placeholders
// 1s0, 1s1... and leaves out the output of a {{% %}} shortcode of the
// heading, which it does not know.
func PlaceholderID(t anchor.IDType, h *Heading) string {
	text, n := "", 0
	for _, part := range placeholderParts(h) {
		switch part {
		case angleMark:
			text += "HAHAHUGOSHORTCODE1s" + strconv.Itoa(n) + "HBHB"
			n++
		case percentMark:
		default:
			text += part
		}
	}
	return t.Slug(text)
}

// The marks placeholderParts puts for a heading's shortcodes: words no
// slug changes, in no heading's text.
const (
	angleMark   = "\x00angle\x00"
	percentMark = "\x00percent\x00"
)

// placeholderParts splits a heading's text at its shortcodes: the text
// between them, and angleMark or percentMark for each shortcode. An
// escaped shortcode ({{</* x */>}}) is text, which Hugo writes out before
// the heading is read.
func placeholderParts(h *Heading) []string {
	var parts []string
	at := 0
	tags, _ := shortcode.Lex([]byte(h.Text), nil)
	for _, sc := range tags {
		if sc.Escaped {
			continue
		}
		parts = append(parts, h.Text[at:sc.Start])
		if sc.Delim == shortcode.Percent {
			parts = append(parts, percentMark)
		} else {
			parts = append(parts, angleMark)
		}
		at = sc.End
	}
	return append(parts, h.Text[at:])
}

// placeholderRegexp matches the IDs Hugo may give a heading holding a
// {{< >}} shortcode (see PlaceholderID): any numbers in its placeholders,
// any output for its {{% %}} shortcodes.
func placeholderRegexp(t anchor.IDType, h *Heading) *regexp.Regexp {
	// The text slugged with a word of letters for each shortcode, the
	// words then replaced by the patterns.
	const angleWord, percentWord = "qqhugoangleqq", "qqhugopercentqq"
	var b strings.Builder
	for _, part := range placeholderParts(h) {
		switch part {
		case angleMark:
			b.WriteString(angleWord)
		case percentMark:
			b.WriteString(percentWord)
		default:
			b.WriteString(part)
		}
	}
	slug := regexp.QuoteMeta(t.Slug(b.String()))
	slug = strings.ReplaceAll(slug, angleWord, placeholderSlug+`\d+s\d+hbhb`)
	slug = strings.ReplaceAll(slug, percentWord, ".*")
	return regexp.MustCompile("^" + slug + "$")
}

// anchorsWalk computes a page's anchors with its includes expanded, in
// one table of IDs.
func (s *Site) anchorsWalk(p *Page) []Anchor { return s.walkAnchors(p, nil) }

// walkAnchors is anchorsWalk, adding the Pattern headings it meets to
// patterns when it is not nil. Headings Hugo does not read as Markdown
// where their file is pasted (RenderedPart.IsMarkdown) are no anchors;
// raw HTML ids are, wherever they are pasted.
func (s *Site) walkAnchors(p *Page, patterns *[]*Heading) []Anchor {
	var out []Anchor
	t := anchor.NewTable()
	// Anchors need no links: a lean run's link target may be releasing
	// them (Page.release) while another page's check asks for its anchors.
	parts := s.renderedParts(p, false)
	notes := footnoteIDs(parts)
	cross := pageRefs(parts).cross
	occ := map[*Page]int{} // the file's inclusions the parts have ended
	for k, part := range parts {
		for len(cross) > 0 && cross[0].part < k {
			cross = cross[1:] // in a part with no heading after them
		}
		hs := part.Headings()
		for i := range hs {
			h := &hs[i]
			text, unknown := h.Text, false
			for len(cross) > 0 && cross[0].part == k && cross[0].text.Start < h.Span.End {
				// A reference made a link by another file's definition:
				// the heading's ID takes the link's text, not the brackets
				// (when its text is written plainly; inside emphasis,
				// goldmark's text of the brackets is not the source's,
				// and the ID is left unknown).
				if t := cross[0].text; t.Start >= h.Span.Start {
					if strings.Contains(text, t.Written) {
						text = strings.Replace(text, t.Written, cross[0].Link.Text, 1)
					} else {
						unknown = true
					}
				}
				cross = cross[1:]
			}
			if unknown && !h.Explicit && !s.popts.NoAutoHeadingID {
				// Any fragment may name it (see MatchesHeadingPattern).
				if patterns != nil {
					u := *h
					u.Pattern, u.IDPrefix, u.IDSuffix = true, "", ""
					*patterns = append(*patterns, &u)
				}
				continue
			}
			var id string
			switch {
			case !part.IsMarkdown(h.Span.Start):
				continue // not a heading where it is included
			case h.Explicit:
				id = t.Explicit(h.ID)
			case h.Pattern:
				if patterns != nil {
					*patterns = append(*patterns, h)
				}
				continue // an ID careerlint cannot know
			case text == "" || s.popts.NoAutoHeadingID:
				continue // Hugo gives it no ID
			default:
				id = t.Auto(s.popts.IDType.Slug(text))
			}
			out = append(out, Anchor{ID: id, Heading: h, File: part.File.Path})
		}
		if part.Last {
			f := part.File
			for i := range f.HTMLIDs {
				h := &f.HTMLIDs[i]
				id := h.ID
				if h.Footnote != "" {
					var ok bool
					if id, ok = notes[noteKey{h, occ[f]}]; !ok {
						continue // not rendered where it is pasted
					}
				}
				out = append(out, Anchor{ID: id, HTML: h, File: f.Path})
			}
			occ[f]++
		}
	}
	return out
}

// footnoteIDs returns the IDs goldmark gives the footnote references and
// notes of a page's parts when Hugo reads them as one text: the notes are
// numbered by label across the page, in the order of their first
// reference, and a note's later references count on from its first. A
// reference where its text is not read as Markdown has no ID, and neither
// has a note that is not referenced or whose label came earlier.
func footnoteIDs(parts []RenderedPart) map[noteKey]string {
	if !slices.ContainsFunc(parts, func(part RenderedPart) bool {
		return part.Last && slices.ContainsFunc(part.File.HTMLIDs, func(h HTMLID) bool { return h.Footnote != "" })
	}) {
		return nil
	}
	var ids map[noteKey]string
	num := map[string]int{}
	refs := map[string]int{}
	var in []*HTMLID
	occ := map[*Page]int{}
	for _, part := range parts {
		in = in[:0]
		f := part.File
		k := occ[f]
		if part.Last {
			occ[f]++
		}
		for i := range f.HTMLIDs {
			h := &f.HTMLIDs[i]
			if h.Footnote != "" && !h.Note && h.Span.Start >= part.Start && h.Span.Start < part.End && part.IsMarkdown(h.Span.Start) {
				in = append(in, h)
			}
		}
		slices.SortStableFunc(in, func(a, b *HTMLID) int { return a.Span.Start - b.Span.Start })
		for _, h := range in {
			n, ok := num[h.Footnote]
			if !ok {
				n = len(num) + 1
				num[h.Footnote] = n
			}
			r := refs[h.Footnote]
			refs[h.Footnote]++
			if ids == nil {
				ids = map[noteKey]string{}
			}
			if r == 0 {
				ids[noteKey{h, k}] = "fnref:" + strconv.Itoa(n)
			} else {
				ids[noteKey{h, k}] = "fnref" + strconv.Itoa(r) + ":" + strconv.Itoa(n)
			}
		}
	}
	done := map[string]bool{}
	clear(occ)
	for _, part := range parts {
		if !part.Last {
			continue
		}
		k := occ[part.File]
		occ[part.File]++
		for i := range part.File.HTMLIDs {
			h := &part.File.HTMLIDs[i]
			if n, ok := num[h.Footnote]; ok && h.Note && !done[h.Footnote] {
				done[h.Footnote] = true
				ids[noteKey{h, k}] = "fn:" + strconv.Itoa(n)
			}
		}
	}
	return ids
}

// noteKey is a footnote anchor of a file in one of the file's inclusions
// into a page (0 for the first).
type noteKey struct {
	h   *HTMLID
	occ int
}

// String describes the site for debugging.
func (s *Site) String() string { return fmt.Sprintf("site %s (%d pages)", s.Root, len(s.Pages)) }

// parseOverlay parses text that stands for a file (an editor's buffer,
// standard input, text fixed between --fix rounds), held to the size
// limit as a file on disk is.
func parseOverlay(rel string, src []byte, maxSize int64, opt ParseOptions) *Page {
	if maxSize > 0 && int64(len(src)) > maxSize {
		return NewUnparsedPage(rel, FileProblem{Kind: ProblemTooLarge, Message: tooLargeMessage(int64(len(src)), maxSize, "parsed")})
	}
	return ParsePage(rel, src, opt)
}

// readPage reads and parses one file, never reading a file over the size
// limit and never failing: problems become file problems.
func readPage(abs, rel string, maxSize int64, opt ParseOptions) *Page {
	return readPageOf(abs, rel, maxSize, opt, nil)
}

// readPageOf is readPage; when the file is not a regular one (a folder, a
// named pipe) and notFile is not nil, it calls notFile and returns nil
// instead of a page with the problem.
func readPageOf(abs, rel string, maxSize int64, opt ParseOptions, notFile func()) *Page {
	var buf *[]byte
	if opt.DropAST {
		// A lean parse releases the text: its buffer serves the next file.
		buf = textBuffers.Get().(*[]byte)
	}
	src, err := readRegular(abs, maxSize, bufOf(buf))
	switch {
	case errors.Is(err, errNotRegular) && notFile != nil:
		notFile()
		return nil
	case err != nil:
		return NewUnparsedPage(rel, readProblem(abs, err, maxSize))
	}
	p := ParsePage(rel, src, opt)
	if buf != nil && p.Src == nil {
		*buf = src
		textBuffers.Put(buf)
	}
	return p
}

// tooLargeMessage says that a file of size bytes (-1: it grew past the
// limit as it was read) is over the max-file-size limit and was not read
// or parsed, and what to do: split it, or raise the limit.
func tooLargeMessage(size, limit int64, notDone string) string {
	what := "file is"
	if size >= 0 {
		what = fmt.Sprintf("file is %d bytes,", size)
	}
	// The page's problem does not know which configuration file the run
	// read: it names both ways of giving one.
	return fmt.Sprintf("%s over the %d-byte limit, so it was not %s; split the file, or raise max-file-size in the configuration file (%s or --config)", what, limit, notDone, ConfigFileName)
}

// readProblem is the file problem of a file, at abs, that readRegular
// could not read.
func readProblem(abs string, err error, maxSize int64) FileProblem {
	var big *tooLargeError
	switch {
	case errors.As(err, &big) && big.grew:
		return FileProblem{Kind: ProblemTooLarge, Message: tooLargeMessage(-1, maxSize, "parsed")}
	case errors.As(err, &big):
		return FileProblem{Kind: ProblemTooLarge, Message: tooLargeMessage(big.size, maxSize, "read")}
	case errors.Is(err, errNotRegular):
		return FileProblem{Kind: ProblemUnreadable, Message: notRegularMessage(abs)}
	}
	return FileProblem{Kind: ProblemUnreadable, Message: fmt.Sprintf("cannot read file: %v", unwrapPathError(err))}
}

// notRegularMessage says of a file that is not a regular one what it is,
// and what to do: "not a regular file but a named pipe (FIFO), so it was
// not read; replace it with the Markdown file". A file that changed
// meanwhile, or a folder (see ProblemFolder), is said to be no regular
// file only.
func notRegularMessage(abs string) string {
	const msg = "not a regular file"
	fi, err := os.Lstat(abs)
	if err != nil {
		return msg
	}
	what := SpecialFileKind(fi.Mode())
	if what == "" {
		return msg
	}
	return msg + " but " + what + ", so it was not read; replace it with the Markdown file"
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IncludesRead returns the root-relative paths of the files the run read,
// or tried to read, as included files, sorted: the files its pages'
// include shortcodes name, those they include in turn, and those of the
// link targets whose anchors it read. A linted page that serves as an
// include is not among them. The language server tells by them whether a
// file changed on disk makes its run out of date.
func (s *Site) IncludesRead() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sortedKeys(s.files)
}

// loadedFiles returns the files read on demand (includes), sorted by path.
func (s *Site) loadedFiles() []*Page {
	s.mu.Lock()
	keys := sortedKeys(s.files)
	s.mu.Unlock()
	var out []*Page
	for _, k := range keys {
		if p := s.File(k); p != nil && s.byPath[k] == nil {
			out = append(out, p)
		}
	}
	return out
}

// MaxIncludeExpansion is the most a page's includes may expand to when
// rendered, counted in include shortcodes, headings, links, raw HTML ids
// and list items of the included files, each as often as it is rendered. Files that include
// one file twice, each of which includes another twice, and so on, render
// exponentially many copies: past this, careerlint checks the page without
// its includes expanded (include-target reports it) instead of working for
// hours. A handbook page's includes come to a few thousand at most.
const MaxIncludeExpansion = 100000

// IncludeExpansion returns what page p's includes expand to when rendered
// (see MaxIncludeExpansion), include cycles cut, counted up to
// MaxIncludeExpansion+1. Each file's count is worked out once, so this is
// linear in the files; each page's is kept for the run (the anchors, the
// rendered links, the outline and the ladder rules all ask).
func (s *Site) IncludeExpansion(p *Page) int {
	if len(p.Includes) == 0 {
		return 0
	}
	if v, ok := s.expansion.Load(p); ok {
		return v.(int)
	}
	v, _ := s.expansion.LoadOrStore(p, s.includeExpansion(p))
	return v.(int)
}

func (s *Site) includeExpansion(p *Page) int {
	memo := map[string]int{}
	onPath := map[string]bool{} // the files being counted: an include of one is a cycle
	var count func(f *Page) int
	count = func(f *Page) int {
		if n, ok := memo[f.Path]; ok {
			return n
		}
		if onPath[f.Path] {
			return 0
		}
		onPath[f.Path] = true
		defer delete(onPath, f.Path)
		n := 0
		for _, inc := range f.Includes {
			n++
			if it := s.ResolveInclude(inc.Target); it.Err == nil && it.Page != nil {
				c := it.Page
				n += len(c.Headings) + len(c.Links) + len(c.HTMLIDs)
				for _, l := range c.Lists {
					n += len(l.Items)
				}
				n += count(c)
			}
			if n > MaxIncludeExpansion {
				n = MaxIncludeExpansion + 1
				break
			}
		}
		memo[f.Path] = n
		return n
	}
	return count(p)
}

// ExpandsIncludes reports whether the checks expand page p's includes:
// whether it renders at most MaxIncludeExpansion of them.
func (s *Site) ExpandsIncludes(p *Page) bool {
	return s.IncludeExpansion(p) <= MaxIncludeExpansion
}

// IncludedFile is a file that a linted page includes, directly or through
// another include, with the first include shortcode that pulls it in.
type IncludedFile struct {
	Page *Page
	By   Span
}

// IncludedFiles returns every readable file the linted pages include,
// transitively, once each, in the order first met (pages by path, includes
// in source order; the pages of Site.Other last). Linted pages themselves
// are not listed.
func (s *Site) IncludedFiles() []IncludedFile {
	var out []IncludedFile
	seen := map[string]bool{}
	var walk func(p *Page)
	walk = func(p *Page) {
		for _, inc := range p.Includes {
			it := s.ResolveInclude(inc.Target)
			if it.Err != nil || it.Page == nil || seen[it.Path] || s.byPath[it.Path] != nil {
				continue
			}
			seen[it.Path] = true
			out = append(out, IncludedFile{Page: it.Page, By: inc.Span})
			walk(it.Page)
		}
	}
	// The files career pages include come first when some pages are
	// others (Site.Other): they are those pages' files.
	for _, other := range []bool{false, true} {
		for _, p := range s.Pages {
			if s.others[p.Path] == other {
				walk(p)
			}
		}
	}
	return out
}

type cutShortKey struct {
	file string
	rule *Rule
}

// noteCutShort records that rule r reported findings on file that its
// pass did not keep (see maxFindingsKept).
func (s *Site) noteCutShort(file string, r *Rule, o overflow) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cutShort == nil {
		s.cutShort = map[cutShortKey]overflow{}
	}
	s.cutShort[cutShortKey{file, r}] = o
}

// cutShortBy returns the findings of rule r on file that its pass did not
// keep (n is 0 when it kept all).
func (s *Site) cutShortBy(file string, r *Rule) overflow {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cutShort[cutShortKey{file, r}]
}

// changedFiles indexes the files a change renames or deletes.
type changedFiles struct {
	// byURL holds the content pages by the URL key they had, byFile
	// every file (include files too) by its old path.
	byURL, byFile map[string]Move
	// pages are the content pages, in order of their old file.
	pages []Move
}

// indexChanges indexes moves or deletes (content pages have a FromURL,
// include files none).
func indexChanges(ms []Move) changedFiles {
	c := changedFiles{byURL: map[string]Move{}, byFile: map[string]Move{}}
	for _, m := range ms {
		c.byFile[m.From] = m
		if m.FromURL != "" {
			c.byURL[urlKey(m.FromURL)] = m
			c.pages = append(c.pages, m)
		}
	}
	return c
}

// DeletedFrom returns the page the change being linted (RunOptions.Deletes,
// from --changed-since) deletes that was served at the site path, and
// false when there is none.
func (s *Site) DeletedFrom(sitePath string) (Move, bool) {
	m, ok := s.deleted.byURL[urlKey(sitePath)]
	return m, ok
}

// MovedRef returns, for a ref or relref path that finds no page, the move
// of the change being linted (RunOptions.Moves) of the content page the
// path named before it (see changedRef). It also returns the ref from the
// content root that names the page now, "" when that finds no published
// page. False when the change moves no such page.
func (s *Site) MovedRef(from *Page, ref string) (Move, string, bool) {
	if m, ok := s.changedRef(from, ref, s.moved.pages); ok {
		return m, s.movedRefNow(m), true
	}
	return Move{}, "", false
}

// DeletedRef returns, for a ref or relref path that finds no page, the
// content page the change being linted deletes (RunOptions.Deletes) that
// the path named before it (see changedRef), and false when there is
// none.
func (s *Site) DeletedRef(from *Page, ref string) (Move, bool) {
	return s.changedRef(from, ref, s.deleted.pages)
}

// changedRef returns the page of pages (moved or deleted by the change,
// by their old file) that a ref path named: relative to the page from,
// from the content root, or, for a path without a slash, by the page's
// name when one page alone had it.
func (s *Site) changedRef(from *Page, ref string, pages []Move) (Move, bool) {
	if len(pages) == 0 {
		return Move{}, false
	}
	ref, _, _ = strings.Cut(ref, "#")
	ref = strings.TrimSuffix(ref, "/")
	if ref == "" {
		return Move{}, false
	}
	var keys []string
	if from != nil && !strings.HasPrefix(ref, "/") {
		if cr, ok := s.contentRel(from.Path); ok {
			keys = append(keys, refKey(path.Join("/", path.Dir(cr), ref)))
		}
	}
	if !strings.HasPrefix(ref, ".") {
		keys = append(keys, refKey(ref))
	}
	// The ref as Hugo reads it first (relative to the page), then from
	// the content root, then by a name that only one of the pages had.
	var byName []Move
	for _, key := range keys {
		for _, m := range pages {
			cr, ok := s.contentRel(m.From)
			if !ok {
				continue
			}
			switch was := refKey(cr); {
			case was == key:
				return m, true
			case key == keys[len(keys)-1] && !strings.Contains(ref, "/") && path.Base(was) == key[1:]:
				byName = append(byName, m)
			}
		}
	}
	if len(byName) == 1 {
		return byName[0], true
	}
	return Move{}, false
}

// movedRefNow is the ref from the content root that finds the page a move
// renamed, "" when it finds no published page there.
func (s *Site) movedRefNow(m Move) string {
	now := s.refPath(m.To)
	if f, err := s.ResolveRef(nil, now); err != nil || f != m.To {
		return ""
	}
	return now
}

// MovedFile returns the move of the change being linted whose file was at
// the root-relative path before it, and false when there is none.
func (s *Site) MovedFile(rel string) (Move, bool) {
	m, ok := s.moved.byFile[rel]
	return m, ok
}

// DeletedFile returns the deletion by the change being linted
// (RunOptions.Deletes) of the file at the root-relative path, and false
// when it deletes no such file.
func (s *Site) DeletedFile(rel string) (Move, bool) {
	m, ok := s.deleted.byFile[rel]
	return m, ok
}

// MovedFrom returns the move of the change being linted (RunOptions.Moves,
// from --changed-since) whose page was served at the site path before it,
// and false when there is none.
func (s *Site) MovedFrom(sitePath string) (Move, bool) {
	m, ok := s.moved.byURL[urlKey(sitePath)]
	return m, ok
}

// Whole reports whether the run was given no paths, so that its pages are
// every page the configuration selects: a rule judges there what only all
// of them can tell, such as an option's glob that matches none. A run over
// some pages (one page, a folder, --changed-since, an editor's lint)
// cannot.
func (s *Site) Whole() bool { return s.whole }

// ConfigSpan returns the span of a byte range of the configuration file
// in use (offsets as in RuleConfig.OptionsNode), for a finding on it; false
// for the built-in defaults and for a file outside the site root, which a
// finding cannot name.
func (s *Site) ConfigSpan(start, end int) (Span, bool) {
	file, ok := configFileIn(s.Root, s.Config)
	if !ok {
		return Span{}, false
	}
	return Span{File: file, Start: start, End: end}, true
}

// NamesAllPages reports whether a path given to a run is the site root or
// its content folder, which hold every page of the site.
func NamesAllPages(root string, cfg *Config, p string) bool {
	abs, err := filepath.Abs(p)
	return err == nil && (abs == filepath.Clean(root) || abs == filepath.Join(root, filepath.FromSlash(cfg.Content)))
}

// setIncludesJudged records which included files the run holds every
// including page of (RunOptions.WholeIncludes).
func (s *Site) setIncludesJudged(opt RunOptions) {
	s.someIncluders = len(opt.Paths) > 0 && !slices.ContainsFunc(opt.Paths, func(p string) bool {
		return NamesAllPages(opt.Root, opt.Config, p)
	})
	s.wholeIncludes = opt.WholeIncludes
	s.whole = len(opt.Paths) == 0
	s.pagesIncluding = opt.PagesIncluding
	s.everyPage = opt.AllMarkdown && len(opt.Paths) == 0 && len(opt.Config.Ignore) == 0
	// A run over the career pages (not every Markdown page) whose other
	// rules also check the pages it does not select: for those rules the
	// pages that include a file are not all in the run, so a directive
	// for one in an included file is left to `careerlint links`.
	if opt.OtherRules != nil && !opt.AllMarkdown {
		s.beyondPages = map[string]bool{}
		for _, r := range opt.OtherRules {
			s.beyondPages[r.Name] = true
		}
	}
}

// allIncludersIn reports whether the run holds every page that includes a
// file (see RunOptions.WholeIncludes) for a rule. For a rule that also
// checks the pages a run over the career pages does not select, that is
// so only when none of those pages includes the file (looked for once per
// file, by text, as PagesIncluding does).
func (s *Site) allIncludersIn(file string, r *Rule) bool {
	if s.someIncluders && !s.wholeIncludes[file] {
		return false
	}
	return !s.beyondPages[r.Name] || !s.includedBeyondPages(file)
}

// CareerPagesOnDisk returns the root-relative career pages of the site,
// sorted: the files the configuration's pages globs select, as a run
// without paths finds them (with an editor's unsaved files). A run over
// every page answers from its pages; a run over some of them lists the
// folders the globs reach, once. The rules that compare tracks ask it, so
// that a run over one track compares it with the others.
func (s *Site) CareerPagesOnDisk() []string {
	return s.Memo(careerPagesKey{}, func() any {
		if !s.someIncluders {
			var out []string
			for _, p := range s.Pages {
				if !s.others[p.Path] {
					out = append(out, p.Path)
				}
			}
			return out
		}
		files, _ := discover(s.Root, s.Config, nil, false, s.overlay)
		files = withoutAbsent(files, s.absent)
		// The overlay's career pages not on disk (an editor's new file, a
		// page a change deletes when its base is linted).
		onDisk := files // sorted; what is added goes after it
		for f := range s.overlay {
			if _, found := slices.BinarySearch(onDisk, f); !found && s.CareerPage(f) {
				files = append(files, f)
			}
		}
		if len(files) > len(onDisk) {
			slices.Sort(files)
		}
		return files
	}).([]string)
}

// careerPagesKey is the key of CareerPagesOnDisk among the site's memos.
type careerPagesKey struct{}

// includedBeyondPages reports whether a Markdown page of the content
// folder that the configuration's pages globs do not select includes a
// file, directly or through other include files (true when that cannot be
// told).
func (s *Site) includedBeyondPages(file string) bool {
	return memo(&s.beyondIncluders, file, func(file string) bool {
		pages, err := PagesIncluding(context.Background(), s.Root, s.Config, []string{file}, true)
		if err != nil {
			return true
		}
		// The search reads the files on disk; the run's overlay and
		// absent files stand in for some (only their direct includes are
		// read here).
		for f, src := range s.overlay {
			if s.Config.Classify(f) == ContentPage && NamesInclude(src, s.Config, file) {
				return true
			}
		}
		return slices.ContainsFunc(pages, func(p string) bool {
			_, over := s.overlay[p]
			return s.Config.Classify(p) != CareerPage && !s.absent[p] && !over
		})
	})
}

// RenamedAnchor returns, for a fragment that is not on the page in a
// content file, the anchor the heading it named has now when the change
// being linted renames that heading (RunOptions.HeadingRenames), in the
// page or in a file it includes, with the heading; false otherwise.
func (s *Site) RenamedAnchor(file, frag string) (string, *Heading, bool) {
	if len(s.headingRenames) == 0 {
		return "", nil, false
	}
	t := s.Target(file)
	if t == nil {
		return "", nil, false
	}
	anchors := s.Anchors(t)
	for _, r := range s.headingRenames {
		if r.From != frag {
			continue
		}
		// The file's headings on the page, in order: the first copy's
		// heading at the renamed one's place.
		k := 0
		for _, a := range anchors {
			if a.File != r.File || a.Heading == nil {
				continue
			}
			if k == r.Index {
				if a.Heading.Text == r.Text && a.ID != frag {
					return a.ID, a.Heading, true
				}
				break
			}
			k++
		}
	}
	return "", nil, false
}
