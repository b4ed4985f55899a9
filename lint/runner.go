package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
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
)

// RunOptions configure one run.
type RunOptions struct {
	// Root is the absolute site root.
	Root   string
	Config *Config
	// Rules are the rules to run (the registry, or a subset).
	Rules []*Rule
	// Paths are the files or folders to lint; empty means the pages the
	// configuration selects under the root.
	Paths []string
	// Workers bounds parsing and checking concurrency; 0 means GOMAXPROCS.
	Workers int
	// SuppressionRule is the rule that reports malformed and unused inline
	// suppressions; nil disables those reports.
	SuppressionRule *Rule
	// Lean drops each page's syntax tree once its indexes are built, for
	// runs whose rules use only the indexes (the link rules of
	// `careerlint links` over a whole handbook).
	Lean bool
	// KnownRules are every rule an inline suppression may name, when Rules
	// is a subset; nil means Rules.
	KnownRules []*Rule
	// Checked are rules that another run over the same site checks, whose
	// findings are shown beside this run's: the language server runs the
	// rules that compare pages over the whole site, apart from each
	// page's own run. Site.Checks counts them, so that a rule deferring
	// to one of their findings (link-anchor to ladder-sections' heading
	// rename) defers in this run too.
	Checked []*Rule
	// OtherRules, when not nil, are the rules of the pages of the run that
	// the configuration's pages globs do not select (a page named on the
	// command line, a page that links to a changed one) and of the files
	// only such pages include, instead of Rules: `careerlint` gives them
	// the link rules. Site.Other tells them apart; the rules that compare
	// pages leave them out. Lean runs ignore it.
	OtherRules []*Rule
	// AllMarkdown selects every Markdown page under the content root when
	// Paths is empty, instead of the configured career pages (the link
	// check of a whole handbook), with the Overlay's pages there that no
	// disk holds (an editor's new page).
	AllMarkdown bool
	// URLCache, when set, supplies the site's URL index kept across runs
	// (see URLCache); nil builds it for this run.
	URLCache *URLCache
	// Overlay maps root-relative paths to content used instead of the file
	// on disk (fixed text between --fix rounds, an editor's unsaved buffer,
	// which need not be on disk: see AllMarkdown).
	Overlay map[string][]byte
	// Unread are root-relative files among Paths whose text the caller
	// holds (standard input's, an editor's) but leaves out of Overlay, as
	// the file is no page whatever its text (a page of the content folder
	// in a symlinked folder, see SymlinkedContent): such a file need not
	// be on disk, and file-format reports why it is not read.
	Unread map[string]bool
	// Absent are root-relative files on disk that the run takes as not
	// there: with Overlay, they make a run see the site as it was at a
	// change's base (the files the change adds), for --only-new.
	Absent map[string]bool
	// ApplySuggestions makes FixAll also apply the first suggestion of a
	// finding that has no fix (a did-you-mean the user asked to take,
	// with --apply-suggestions). Run ignores it.
	ApplySuggestions bool
	// FixOnly, when not nil, tells the root-relative files FixAll may
	// rewrite: the files a change touches (--changed-since) or a hook
	// passes (--pages-only, folders too), not the other pages the run
	// lints beside them (sibling levels, pages that link to or include
	// them), whose findings FixBaseline may still let through. A finding
	// left keeps its fix and is counted in Fixed.Left. Run tells the
	// rules through Site.FixApplies, so that a rule that judges a fix
	// against the others' judges the rewrite FixAll makes.
	FixOnly func(file string) bool
	// FixBaseline, with FixOnly, is the findings of the change's base:
	// FixAll also fixes a finding outside FixOnly that the baseline
	// does not have in the lint before any fix, one the change brings (a
	// link elsewhere to a heading it renames or a page it moves), not one
	// that FixAll's own fixes bring there in a later round, nor one in a
	// file the base's lint did not read (Baseline.Linted). Run tells the
	// rules, as for FixOnly.
	FixBaseline *Baseline
	// fixBrought is, in FixAll's rounds after the first, the findings
	// outside FixOnly that the change brings, by fingerprint (brought):
	// Site.FixApplies asks it rather than FixBaseline.
	fixBrought map[string]bool
	// Moves are the pages the change being linted renames (ChangedPages),
	// so that a link to a page's old URL says where the page went.
	Moves []Move
	// Deletes are the pages the change being linted deletes (ChangedPages),
	// so that a link to one says so rather than suggest another page.
	Deletes []Move
	// HeadingRenames are the headings the change being linted renames
	// (ChangedPages), so that a link to a heading's old anchor names the
	// heading's new one rather than the closest-spelled anchor.
	HeadingRenames []HeadingRename
	// WholeIncludes are include files (root-relative) whose including
	// pages are all in the run: the pages a --pages-only or path run adds
	// for an include file it is given, those --changed-since adds for a
	// changed one when no path narrows it, an editor's lint of an include file. A suppression in
	// an included file is reported as suppressing nothing only when the
	// file is one of these, or the run lints every page (no Paths): a run
	// over some of the pages that include it cannot tell whether another
	// page needs it.
	WholeIncludes map[string]bool
	// PagesIncluding, when set, replaces the search of a run over some
	// pages for the other pages that include its included files
	// (PagesPasting: every Markdown page, those the ignore globs leave
	// out among them): the language server passes one that keeps its
	// answers until files on disk change.
	PagesIncluding func(ctx context.Context, includes []string) ([]string, error)
	// Deadline, when set, is when the run stops reading files: the files
	// not read by then are reported as not checked. When it is zero and
	// the configuration has a time-budget, Run sets it to now plus the
	// budget.
	Deadline time.Time
	// clock replaces time.Now in tests.
	clock func() time.Time
}

// Result is the outcome of a run.
type Result struct {
	Site        *Site
	Diagnostics []Diagnostic
	// Files is the number of files linted.
	Files int
}

// Run discovers, parses and checks the files, then post-processes the
// findings. An error is returned only for a problem with the run itself
// (such as a path that does not exist), never for a problem in a file.
func Run(ctx context.Context, opt RunOptions) (*Result, error) {
	named := opt.Overlay // the files named that need not be on disk
	if len(opt.Unread) > 0 {
		named = make(map[string][]byte, len(opt.Overlay)+len(opt.Unread))
		maps.Copy(named, opt.Overlay)
		for f := range opt.Unread {
			if _, ok := named[f]; !ok {
				named[f] = nil
			}
		}
	}
	files, contentMD, lists, folders, err := discoverWalkFolders(opt.Root, opt.Config, opt.Paths, opt.AllMarkdown, named)
	if err != nil {
		return nil, err
	}
	if len(opt.Absent) > 0 {
		files, contentMD = withoutAbsent(files, opt.Absent), withoutAbsent(contentMD, opt.Absent)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	popts := parseOptions(opt.Config)
	popts.DropAST = opt.Lean
	pages := make([]*Page, len(files))
	now := opt.clock
	if now == nil {
		now = time.Now
	}
	resolver := &Site{Root: opt.Root}
	deadline := opt.Deadline
	if deadline.IsZero() && opt.Config.TimeBudget > 0 {
		deadline = now().Add(opt.Config.TimeBudget)
	}
	if opt.Lean {
		return runLean(ctx, opt, files, contentMD, lists, folders, workers, deadline, now)
	}
	site := NewSite(opt.Root, opt.Config, nil)
	site.overlay, site.absent = opt.Overlay, opt.Absent
	site.setIncludesJudged(opt)
	site.moved, site.deleted = indexChanges(opt.Moves), indexChanges(opt.Deletes)
	site.headingRenames = opt.HeadingRenames
	site.fixApplies = opt.fixApplier(site)
	for _, r := range opt.Checked {
		if opt.Config.Severity(r) != Off {
			if site.checks == nil {
				site.checks = map[*Rule]bool{}
			}
			site.checks[r] = true
		}
	}
	site.useCache(opt.URLCache)
	if opt.URLCache == nil && contentMD != nil {
		// The content folder was walked to find the pages: its URL index,
		// which the link checks need, is built while the pages are parsed
		// instead of by the first check, which the others would wait on.
		site.urlIdx.walkedBy = contentMD // the cache's index is shared: never written here
		site.walkedLists = lists
		var built sync.WaitGroup
		built.Go(func() { site.urls() })
		defer built.Wait() // the build reads the overlay, which callers may change after the run
	}
	parallel(ctx, len(files), workers, func(i int) {
		if !deadline.IsZero() && !now().Before(deadline) {
			pages[i] = notCheckedPage(files[i], opt.Config.TimeBudget)
			return
		}
		if src, ok := opt.Overlay[files[i]]; ok {
			pages[i] = parseOverlay(files[i], src, opt.Config.MaxFileSize, popts)
			return
		}
		// A page that is a symlink leading out of the root is not read;
		// one inside is read at its real path, the path just checked.
		abs, err := resolver.Resolve(files[i])
		if p := resolver.symlinkedPage(opt.Config, files[i], abs, err); p != nil {
			pages[i] = p
			return
		}
		switch {
		case errors.Is(err, ErrOutsideRoot):
			pages[i] = NewUnparsedPage(files[i], FileProblem{Kind: ProblemUnreadable, Message: "file is a symlink to a file outside the site root; it was not read"})
			return
		case err != nil:
			abs = filepath.Join(opt.Root, filepath.FromSlash(files[i]))
		}
		pages[i] = readPage(abs, files[i], opt.Config.MaxFileSize, popts)
	})
	if err := ctx.Err(); err != nil {
		return nil, err // some pages were never parsed
	}
	if fp := folderPages(opt.Root, folders); len(fp) > 0 {
		pages = append(pages, fp...)
		sortPages(pages)
	}
	site.setPages(pages)
	if opt.OtherRules != nil {
		site.markOthers(opt.OtherRules)
	}
	site.popts.DropAST = opt.Lean
	diags := Check(ctx, site, opt.Rules, workers)
	diags = append(diags, unusedIgnores(opt, contentMD)...)
	diags = PostProcess(site, diags, opt.Rules, opt.SuppressionRule, opt.KnownRules...)
	return &Result{Site: site, Diagnostics: diags, Files: len(pages)}, ctx.Err()
}

// folderPages returns a page for each folder that could not be read, or
// that is a symlink of the content folder (see symlinkedFolderPage), or
// that has a page's name (see folderNamedPage), which file-format
// reports: the pages in it were not linted, or the page is not there.
func folderPages(root string, folders []unreadableFolder) []*Page {
	var out []*Page
	for _, f := range folders {
		if f.symlink {
			out = append(out, symlinkedFolderPage(root, f.rel))
			continue
		}
		if f.page {
			out = append(out, folderNamedPage(f.rel))
			continue
		}
		msg := fmt.Sprintf("cannot read folder: %v; the pages in it were not linted", unwrapPathError(f.err))
		out = append(out, NewUnparsedPage(f.rel, FileProblem{Kind: ProblemUnreadable, Message: msg}))
	}
	return out
}

// ProblemFolder: a folder of the content folder whose name is that of a
// page the run looks for (senior.md/): there is no page to read, and Hugo
// makes none of it at the page's URL.
const ProblemFolder FileProblemKind = "folder"

// FolderNotPage says, in a message, what to do with a folder of the
// content folder that has a page's name (senior.md).
const FolderNotPage = "replace it with the page's Markdown file, or rename it without .md if it is meant as a folder"

// folderNamedPage returns the page, not read, of a root-relative folder
// of the content folder whose name is a page's (senior.md/): there is no
// page to read, and Hugo makes none of it at the page's URL (the files
// in it, if any, are pages of their own, linted as such).
func folderNamedPage(rel string) *Page {
	msg := path.Base(rel) + " is a folder, not a page, so no page was read (Hugo publishes none for it either); " + FolderNotPage
	return NewUnparsedPage(rel, FileProblem{Kind: ProblemFolder, Message: msg})
}

// inContent reports whether a root-relative path is below the content
// folder.
func inContent(cfg *Config, rel string) bool {
	content := path.Clean(cfg.Content)
	return content == "." || content == "" || strings.HasPrefix(rel, content+"/")
}

// sortPages orders pages by path, as Site.Pages are.
func sortPages(pages []*Page) {
	slices.SortStableFunc(pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
}

// parallel runs fn(0..n-1) on at most workers goroutines.
func parallel(ctx context.Context, n, workers int, fn func(i int)) {
	// Workers take the next index from a shared counter: handing each of
	// thousands of small tasks over a channel costs more than many tasks.
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Check runs page rules on every page concurrently and site rules once.
// Each pass writes into its own slice; the result is concatenated in a
// fixed order.
func Check(ctx context.Context, site *Site, rules []*Rule, workers int) []Diagnostic {
	pageRules, siteRules, opts := splitRules(site, rules)
	site.workers = workers
	if site.checks == nil {
		site.checks = map[*Rule]bool{}
	}
	for _, r := range append(slices.Clone(pageRules), siteRules...) {
		site.checks[r] = true
	}
	return checkAll(ctx, site, site.Pages, pageRules, siteRules, opts, workers)
}

// ruleSets are the page rules of a run: those of its pages, and those of
// the pages the site marks as others (Site.Other), with the options of
// both.
type ruleSets struct {
	page, other []*Rule
	opts        map[*Rule]any
}

// forFile returns the page rules of a file of the run.
func (rs *ruleSets) forFile(site *Site, file string) []*Rule {
	if site.Other(file) {
		return rs.other
	}
	return rs.page
}

// newRuleSets returns the page rules of a run and, when the site marks
// other pages, those of the others.
func newRuleSets(site *Site, pageRules []*Rule, opts map[*Rule]any) *ruleSets {
	rs := &ruleSets{page: pageRules, opts: opts}
	if site.otherRules == nil {
		return rs
	}
	other, _, otherOpts := splitRules(site, site.otherRules)
	rs.other = other
	rs.opts = maps.Clone(opts)
	maps.Copy(rs.opts, otherOpts)
	return rs
}

// checkPage runs the page rules on one page.
func checkPage(site *Site, p *Page, pageRules []*Rule, opts map[*Rule]any) []Diagnostic {
	var out []Diagnostic
	pass := new(PagePass) // one for the rules in turn: none keeps it
	for _, r := range pageRules {
		if !p.Parsed() && !r.AllFiles {
			continue
		}
		*pass = PagePass{Rule: r, Page: p, Site: site, Config: site.Config, Options: opts[r]}
		r.CheckPage(pass)
		for _, d := range pass.diags.all(site, r) {
			d.Rule = r
			out = append(out, d)
		}
	}
	return out
}

// splitRules returns the rules that are on, by kind, with their options.
func splitRules(site *Site, rules []*Rule) (pageRules, siteRules []*Rule, opts map[*Rule]any) {
	opts = map[*Rule]any{}
	for _, r := range rules {
		opts[r] = site.Config.Options(r)
		if site.Config.Severity(r) == Off {
			continue
		}
		if r.CheckPage != nil {
			pageRules = append(pageRules, r)
		}
		if r.CheckSite != nil {
			siteRules = append(siteRules, r)
		}
	}
	return pageRules, siteRules, opts
}

// checkAll runs the page rules on pages and the site rules as one set of
// parallel jobs, then the rules that also check included files on every
// file the site's pages include (the page checks have loaded them, on all
// cores). The site rules are one job, the first: they are the ladder
// rules, which share one analysis of every track built once (the longest
// single piece), so the first builds it on one worker while the others
// check pages, and the rest, short once it is built, follow on that
// worker. As jobs of their own they either held a worker waiting for the
// analysis or, queued after the pages, finished the run on one core. The
// findings come out in a fixed order: pages, included files, then site
// rules.
func checkAll(ctx context.Context, site *Site, pages []*Page, pageRules, siteRules []*Rule, opts map[*Rule]any, workers int) []Diagnostic {
	rs := newRuleSets(site, pageRules, opts)
	opts = rs.opts
	site.rules = rs // before the checks, which ask it (Site.ChecksFile)
	pageRes, siteRes := make([][]Diagnostic, len(pages)), make([][]Diagnostic, len(siteRules))
	jobs := make([]func(), 0, len(pages)+1)
	if len(siteRules) > 0 {
		jobs = append(jobs, func() {
			for i, r := range siteRules {
				if ctx.Err() != nil {
					return
				}
				siteRes[i] = checkSite(site, r, opts)
			}
		})
	}
	for i, p := range pages {
		jobs = append(jobs, func() { pageRes[i] = checkPage(site, p, rs.forFile(site, p.Path), opts) })
	}
	parallel(ctx, len(jobs), workers, func(i int) { jobs[i]() })

	incRules := includedFileRules(rs.page)
	otherIncRules := includedFileRules(rs.other)
	var incs []IncludedFile
	if len(incRules)+len(otherIncRules) > 0 {
		incs = site.IncludedFiles()
	}
	incRes := make([][]Diagnostic, len(incs))
	parallel(ctx, len(incs), workers, func(i int) {
		if site.IgnoredFile(incs[i].Page.Path) {
			return // pasted where the pages include it, but not linted
		}
		rules := incRules
		if site.Other(incs[i].Page.Path) {
			rules = otherIncRules
		}
		incRes[i] = checkIncluded(site, incs[i], rules, opts)
	})

	var out []Diagnostic
	for _, res := range [][][]Diagnostic{pageRes, incRes, siteRes} {
		for _, ds := range res {
			out = append(out, ds...)
		}
	}
	return out
}

// includedFileRules returns the rules that also check included files.
func includedFileRules(rules []*Rule) []*Rule {
	var out []*Rule
	for _, r := range rules {
		if r.IncludedFiles {
			out = append(out, r)
		}
	}
	return out
}

// checkIncluded runs the rules that check included files on one of them;
// each finding points back at the include.
func checkIncluded(site *Site, inc IncludedFile, incRules []*Rule, opts map[*Rule]any) []Diagnostic {
	var out []Diagnostic
	for _, r := range incRules {
		if !inc.Page.Parsed() && !r.AllFiles {
			continue
		}
		pass := &PagePass{Rule: r, Page: inc.Page, Site: site, Config: site.Config, Options: opts[r], Included: true}
		r.CheckPage(pass)
		for _, d := range pass.diags.all(site, r) {
			d.Rule = r
			// Unless the rule noted the include itself, or the includes
			// its finding is about (notes saying "included here...", as
			// link-syntax writes for the pages that lack a label).
			if !slices.ContainsFunc(d.Related, func(rel Related) bool {
				return rel.Span == inc.By || strings.HasPrefix(rel.Message, "included here")
			}) {
				d.Related = append(d.Related, Related{Span: inc.By, Message: "included here"})
			}
			out = append(out, d)
		}
	}
	return out
}

// checkSite runs one site rule.
func checkSite(site *Site, r *Rule, opts map[*Rule]any) []Diagnostic {
	pass := &SitePass{Rule: r, Site: site, Config: site.Config, Options: opts[r]}
	r.CheckSite(pass)
	kept := pass.diags.all(site, r)
	out := make([]Diagnostic, 0, len(kept))
	for _, d := range kept {
		d.Rule = r
		out = append(out, d)
	}
	return out
}

// Discover lists the files to lint as sorted, slash-separated,
// root-relative paths. With no paths it selects the configured page globs
// under the root. Symlinked folders are not followed, so a symlink loop
// cannot trap the walk.
func Discover(root string, cfg *Config, paths []string) ([]string, error) {
	return discover(root, cfg, paths, false, nil)
}

// NoPagesError is the error of Discover for a folder named to be linted
// that holds nothing to lint (a typo that hit another folder, pages
// moved away): "0 files, no findings" would pass a check that checked
// nothing.
type NoPagesError struct {
	// Path is the folder as it was named.
	Path string
}

func (e *NoPagesError) Error() string {
	return fmt.Sprintf("%s holds no .md file to lint (hidden folders, node_modules and what .gitignore lists are skipped); name a folder or file that holds pages", e.Path)
}

// DiscoverNamed is Discover for the files and folders named on the
// command line; it also returns, sorted, the root-relative folders of the
// content folder among or under them that are no page where a page is
// looked for: symlinks (the walk does not enter one, and Hugo publishes
// no page in one), folders named as pages (senior.md) and folders that
// could not be read (their pages are not listed; only those of the
// content folder, as a whole-site run walks only that). Named to Run among
// Paths, each with a trailing separator (a folder whose path is too long
// to look at is taken for one so), each is reported by file-format.
func DiscoverNamed(root string, cfg *Config, paths []string) (files, noPage []string, err error) {
	files, _, _, folders, err := discoverWalkFolders(root, cfg, paths, false, nil)
	for _, f := range folders {
		if f.err != nil && !inContent(cfg, f.rel) {
			continue // no pages of the site's in it (a whole-site run walks only the content folder)
		}
		noPage = append(noPage, f.rel)
	}
	return files, noPage, err
}

// The reasons IgnoredBy gives.
const (
	// IgnoredByGlobs: the configuration's ignore globs match the file.
	IgnoredByGlobs = "the ignore globs"
	// IgnoredByGitignore: the site root's .gitignore leaves the file, or
	// a folder it is in, out.
	IgnoredByGitignore = "the root's .gitignore"
)

// IgnoredBy says why Discover leaves out a root-relative file named on the
// command line: "the ignore globs" (of the configuration) or "the root's
// .gitignore"; "" when neither leaves it out.
func IgnoredBy(root string, cfg *Config, rel string) string {
	return IgnoredByAt(root, cfg)(rel)
}

// IgnoredByAt returns IgnoredBy for the files of the site at root, the
// root's .gitignore read once: for a walk that asks it file after file.
func IgnoredByAt(root string, cfg *Config) func(rel string) string {
	ignored := readGitignore(root)
	return func(rel string) string {
		switch {
		case matchPages(cfg.Ignore, rel):
			return IgnoredByGlobs
		case gitignoredAt(ignored, rel):
			return IgnoredByGitignore
		}
		return ""
	}
}

// gitignoredAt reports whether ignored, the root's .gitignore matcher,
// leaves out the root-relative file rel, or a folder it is in, as git
// leaves out every file under an ignored folder (the walk does not enter
// one; a file or folder named on the command line is checked here).
func gitignoredAt(ignored func(rel string) bool, rel string) bool {
	if ignored(rel) {
		return true
	}
	for d := path.Dir(strings.TrimSuffix(rel, "/")); d != "." && d != "/"; d = path.Dir(d) {
		if ignored(d + "/") {
			return true
		}
	}
	return false
}

// discover is Discover; with all set and no paths it selects every
// Markdown file under the content root, and the overlay's Markdown files
// there that no disk holds (an editor's new, unsaved page) where the walk
// would list them. A path of the overlay is taken as a file without
// looking at the disk (an editor's unsaved buffer need not exist there).
func discover(root string, cfg *Config, paths []string, all bool, overlay map[string][]byte) ([]string, error) {
	files, _, err := discoverWalk(root, cfg, paths, all, overlay)
	return files, err
}

// discoverWalk is discover; when it walks the content folder (no paths
// given) it also returns every regular Markdown file there, found the
// way the URL index walks it (only folders starting with "." left out),
// so that the run need not walk the folder twice. That list is nil when
// the content folder was not walked.
func discoverWalk(root string, cfg *Config, paths []string, all bool, overlay map[string][]byte) ([]string, []string, error) {
	files, md, _, _, err := discoverWalkFolders(root, cfg, paths, all, overlay)
	return files, md, err
}

// discoverWalkFolders is discoverWalk that also returns, when it walks
// the content folder, the entries of every folder it read there, by
// root-relative path (nil otherwise), and, sorted, the folders the walk
// could not read that could hold pages of the run (a run over the page
// globs: folders some glob reaches into).
func discoverWalkFolders(root string, cfg *Config, paths []string, all bool, overlay map[string][]byte) ([]string, []string, map[string][]dirEntry, []unreadableFolder, error) {
	var found []unreadableFolder
	seen := map[string]bool{}
	var out []string
	ignored := readGitignore(root)
	add := func(rel string) {
		if !seen[rel] && !matchPages(cfg.Ignore, rel) && !ignored(rel) {
			seen[rel] = true
			out = append(out, rel)
		}
	}
	var contentMD []string
	var lists map[string][]dirEntry
	walk := func(dir string, keep pageSelector) (int, error) {
		pages, _, err := walkMarkdown(root, dir, cfg.Content, keep, ignored, false, &found, nil)
		sort.Strings(pages)
		for _, rel := range pages {
			add(rel)
		}
		return len(pages), err
	}
	if len(paths) == 0 {
		start := root
		content := false
		if c := filepath.Join(root, filepath.FromSlash(cfg.Content)); isDir(c) {
			start, content = c, true
		}
		keep := pageSelector{all: all, globs: cfg.Pages}
		if content {
			lists = map[string][]dirEntry{}
		}
		pages, md, err := walkMarkdown(root, start, cfg.Content, keep, ignored, content, &found, lists)
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("cannot list %s: %w", start, unwrapPathError(err))
		}
		sort.Strings(pages)
		for _, rel := range pages {
			add(rel)
		}
		if content {
			sort.Strings(md)
			contentMD = append([]string{}, md...)
		}
		if all && content {
			// The overlay's Markdown files in the content folder that no
			// disk holds (an editor's new, unsaved page) are pages of the
			// site too, where the walk would list them: not in a folder
			// it skips (a name starting with ".", node_modules, one the
			// .gitignore names). A file on disk is listed by the walk or
			// skipped by it on purpose.
			prefix := path.Clean(filepath.ToSlash(cfg.Content)) + "/"
			n := len(out)
			for _, rel := range sortedKeys(overlay) {
				cr, ok := strings.CutPrefix(rel, prefix)
				if !ok || !strings.EqualFold(path.Ext(rel), ".md") || hasDotSegment(cr) || skippedFolder(rel, ignored) {
					continue
				}
				if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel))); errors.Is(err, fs.ErrNotExist) {
					add(rel)
				}
			}
			if len(out) > n {
				sort.Strings(out)
			}
		}
	}
	target := "" // ContentTarget's, with a "/" once worked out
	for _, a := range paths {
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if rel, err := filepath.Rel(root, abs); err == nil {
			if _, ok := overlay[filepath.ToSlash(rel)]; ok {
				add(filepath.ToSlash(rel))
				continue
			}
		}
		fi, err := os.Stat(abs)
		if err != nil && !errors.Is(err, fs.ErrNotExist) && (strings.HasSuffix(a, "/") || strings.HasSuffix(a, string(filepath.Separator))) {
			// A folder named (with a trailing separator) that cannot be
			// looked at (its path is longer than the system allows): as
			// when a walk meets it, its pages were not linted.
			if rel, ok := relInside(root, abs); ok && inContent(cfg, filepath.ToSlash(rel)) {
				found = append(found, unreadableFolder{rel: filepath.ToSlash(rel), err: err})
				continue
			}
		}
		if err != nil {
			li, lerr := os.Lstat(abs)
			if lerr != nil || li.Mode()&fs.ModeSymlink == 0 {
				return nil, nil, nil, nil, fmt.Errorf("%s: %v", a, unwrapPathError(err))
			}
			if rel, ok := relInside(root, abs); errors.Is(err, fs.ErrNotExist) && (!ok || !inContent(cfg, filepath.ToSlash(rel))) {
				to, _ := os.Readlink(abs)
				return nil, nil, nil, nil, fmt.Errorf("%s: a symlink to %q (as written in it), which leads nowhere; mend or remove the symlink", a, to)
			}
			// A symlink that loops, or a page that leads nowhere: a
			// file the run reports it cannot read (file-format), as when
			// a folder's walk lists it.
		}
		rel, ok := relInside(root, abs)
		if !ok {
			return nil, nil, nil, nil, fmt.Errorf("%s is outside the site root %s; name a file under it, or pass the folder of its site as --root", a, root)
		}
		// A path typed in another case than the disk's (Windows finds it)
		// is taken under the names the disk stores, which the site's
		// links use.
		if r := diskCase(root, rel); r != rel {
			rel, abs = r, filepath.Join(root, r)
		}
		// A page of a symlinked content folder named by the folder the
		// link leads to (as git and an editor name it) is the page named
		// through the link.
		if target == "" {
			target = ContentTarget(root, cfg) + "/" // worked out once
		}
		if t := strings.TrimSuffix(target, "/"); t != "" {
			if m := ContentName(cfg, t, filepath.ToSlash(rel)); m != filepath.ToSlash(rel) {
				rel, abs = filepath.FromSlash(m), filepath.Join(root, filepath.FromSlash(m))
			}
		}
		named := filepath.ToSlash(rel)
		if fi != nil && fi.IsDir() {
			named += "/"
		}
		if gitignoredAt(ignored, named) {
			// A named file or folder that the .gitignore leaves out
			// (by a folder it is in, too), as the configuration's ignore
			// globs leave one out: a note says so.
			continue
		}
		if fi != nil && fi.IsDir() {
			if li, err := os.Lstat(abs); err == nil && li.Mode()&fs.ModeSymlink != 0 && SymlinkedContent(root, cfg, filepath.ToSlash(rel)) {
				// A symlinked folder of the content folder, named: no
				// pages to Hugo, as in a walk of its parent.
				found = append(found, unreadableFolder{rel: filepath.ToSlash(rel), symlink: true})
				continue
			}
			unread := len(found)
			if strings.HasSuffix(strings.ToLower(abs), ".md") && inContent(cfg, filepath.ToSlash(rel)) {
				// A folder named as a page: the page is not there.
				found = append(found, unreadableFolder{rel: filepath.ToSlash(rel), page: true})
			}
			n, err := walk(abs, pageSelector{all: true})
			if err != nil && inContent(cfg, filepath.ToSlash(rel)) {
				// A folder of the content folder named that cannot be
				// read: as when a walk meets it, its pages were not
				// linted.
				found = append(found, unreadableFolder{rel: filepath.ToSlash(rel), err: err})
				continue
			}
			if err != nil {
				return nil, nil, nil, nil, err
			}
			if n == 0 && !slices.ContainsFunc(found[unread:], func(f unreadableFolder) bool { return reportedFolder(root, cfg, f) }) {
				// A folder named to be linted that holds nothing to lint
				// (a typo that hit another folder, pages moved away):
				// "0 files, no findings" would pass a check that checked
				// nothing.
				return nil, nil, nil, nil, &NoPagesError{Path: a}
			}
			continue
		}
		add(filepath.ToSlash(rel))
	}
	sort.Strings(out)
	var unreadable []unreadableFolder
	for _, f := range found {
		if !reportedFolder(root, cfg, f) {
			continue
		}
		if all || len(paths) > 0 || slices.ContainsFunc(cfg.Pages, func(g string) bool { return globReachesUnder(g, f.rel) }) {
			unreadable = append(unreadable, f)
		}
	}
	slices.SortFunc(unreadable, func(a, b unreadableFolder) int { return strings.Compare(a.rel, b.rel) })
	return out, contentMD, lists, unreadable, nil
}

// reportedFolder reports whether a folder a walk found that is no page
// (see unreadableFolder) can be reported to a run: not one an ignore glob
// leaves out (the folder, or its pages), a symlinked folder outside the
// content folder, or a folder named like a page outside it (no page of
// Hugo's).
func reportedFolder(root string, cfg *Config, f unreadableFolder) bool {
	switch {
	case matchPages(cfg.Ignore, f.rel) || matchAny(cfg.Ignore, f.rel+"/x.md"):
		return false
	case f.symlink:
		return SymlinkedContent(root, cfg, f.rel)
	case f.page:
		return inContent(cfg, f.rel)
	}
	return true
}

// unusedIgnores reports, for the suppression rule, each ignore glob of
// the configuration file that matches no Markdown file under the content
// folder, and each pages glob that matches none (unusedPages): a pattern with a typo, or left behind when its files were
// removed, would otherwise leave out nothing without a word. A run judges
// this only when it walked the whole content folder (no paths given), for
// a configuration file inside the site root, and only for globs that can
// reach into the content folder (one written for files elsewhere, linted
// when named, is not judged). contentMD is the walk's list of Markdown
// files (root-relative), nil when there was no walk.
func unusedIgnores(opt RunOptions, contentMD []string) []Diagnostic {
	cfg := opt.Config
	if opt.SuppressionRule == nil || len(opt.Paths) > 0 || contentMD == nil {
		return nil
	}
	file, ok := configFileIn(opt.Root, cfg)
	if !ok {
		return nil
	}
	content := path.Clean(cfg.Content)
	out := unusedPages(opt, contentMD, file, content)
	if len(cfg.ignoreAt) != len(cfg.Ignore) {
		return out
	}
	var includeMD []string // the include roots' Markdown files, listed on need
	includeFiles := func() []string {
		if includeMD == nil {
			includeMD = includeRootFiles(opt.Root, cfg)
		}
		return includeMD
	}
	for i, g := range cfg.Ignore {
		at := Span{File: file, Start: cfg.ignoreAt[i][0], End: cfg.ignoreAt[i][1]}
		if content != "." && !globReachesUnder(g, content) {
			// Written relative to the content folder, as a page's path
			// often is: said when that way it would leave files out, and
			// as written it leaves out no file outside the content folder
			// ("docs/**" for the root's docs/, beside content/docs/).
			if in := content + "/" + strings.TrimPrefix(g, "/"); slices.ContainsFunc(contentMD, func(f string) bool { return MatchGlob(in, f) }) && !matchesFile(opt.Root, content, g) {
				out = append(out, Diagnostic{Span: at, Message: fmt.Sprintf("ignore glob %q matches no file: globs are relative to the site root; did you mean %q", g, in), Rule: opt.SuppressionRule})
				continue
			}
			// One for include files (Site.IgnoredFile) is judged against
			// the include roots' Markdown files.
			if irs := includeRootsUnder(cfg, g); len(irs) > 0 && !slices.ContainsFunc(includeFiles(), func(f string) bool { return MatchPageGlob(g, f) }) {
				out = append(out, Diagnostic{Span: at, Message: unmatchedGlobMessage("ignore", g, irs, includeFiles()), Rule: opt.SuppressionRule})
			}
			continue
		}
		if slices.ContainsFunc(contentMD, func(f string) bool { return MatchPageGlob(g, f) }) {
			continue
		}
		folders, files := []string{content}, contentMD
		if irs := includeRootsUnder(cfg, g); len(irs) > 0 && content != "." {
			if slices.ContainsFunc(includeFiles(), func(f string) bool { return MatchPageGlob(g, f) }) {
				continue // "**/legacy-*.md" may leave out include files only
			}
			// Judged against the include files too: the message names
			// the include roots that hold some ("**/nothing-*.md").
			for _, ir := range irs {
				if slices.ContainsFunc(includeFiles(), func(f string) bool { return strings.HasPrefix(f, ir+"/") }) {
					folders = append(folders, ir)
				}
			}
			files = slices.Concat(contentMD, includeFiles())
		}
		out = append(out, Diagnostic{Span: at, Message: unmatchedGlobMessage("ignore", g, folders, files), Rule: opt.SuppressionRule})
	}
	return out
}

// unusedPages reports, for the suppression rule, each pages glob of the
// configuration file (file) that matches no Markdown file under the
// content folder, while another matches some (when none does, the run
// fails: see careerlint's noPages): the pages a typo leaves out would
// otherwise go unlinted without a word, the run passing on the rest. As
// for ignore globs, a glob that cannot reach into the content folder is
// judged only as written relative to it ("handbook/**/*.md"). Not in a
// run over every Markdown page (careerlint links), which the pages globs
// do not shape.
func unusedPages(opt RunOptions, contentMD []string, file, content string) []Diagnostic {
	cfg := opt.Config
	if opt.AllMarkdown || len(cfg.pagesAt) != len(cfg.Pages) {
		return nil
	}
	var out []Diagnostic
	for i, g := range cfg.Pages {
		at := Span{File: file, Start: cfg.pagesAt[i][0], End: cfg.pagesAt[i][1]}
		if content != "." && !globReachesUnder(g, content) {
			if in := content + "/" + strings.TrimPrefix(g, "/"); slices.ContainsFunc(contentMD, func(f string) bool { return MatchPageGlob(in, f) }) && !matchesFile(opt.Root, content, g) {
				out = append(out, Diagnostic{Span: at, Message: fmt.Sprintf("pages glob %q matches no file: globs are relative to the site root; did you mean %q", g, in), Rule: opt.SuppressionRule})
			}
			continue // one for files elsewhere, linted when named
		}
		if !slices.ContainsFunc(contentMD, func(f string) bool { return MatchPageGlob(g, f) }) {
			out = append(out, Diagnostic{Span: at, Message: unmatchedGlobMessage("pages", g, []string{content}, contentMD), Rule: opt.SuppressionRule})
		}
	}
	return out
}

// unmatchedGlobMessage says that glob g of the list key ("ignore" or
// "pages") matches none of the
// Markdown files (root-relative) under judged (root-relative folders, "."
// for the site root), the folders it is judged in, and, where it can
// tell, why: it names a folder, it matches a file only in another letter
// case, or it starts from a folder that holds none (with the closest
// folder beside it that does).
func unmatchedGlobMessage(key, g string, judged []string, files []string) string {
	kind := key + " glob"
	folders := map[string]bool{}
	for _, f := range files {
		for d := path.Dir(f); d != "." && !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
	var where []string
	for _, f := range judged {
		if f == "." {
			where = append(where, "the site root")
		} else {
			where = append(where, f+"/")
		}
	}
	// "dir" and "dir/" both name the folder, not its files.
	if namesFolder(strings.TrimSuffix(g, "/"), folders) {
		verb := "leave out"
		if key == "pages" {
			verb = "lint"
		}
		return fmt.Sprintf("%s %q names a folder, not the files in it, and matches no Markdown file; write %q to %s the folder's files", kind, g, strings.TrimSuffix(g, "/")+"/**", verb)
	}
	// Globs match letter case exactly, on every system: one written in
	// another case names the file it would match.
	lower := strings.ToLower(g)
	if i := slices.IndexFunc(files, func(f string) bool { return MatchGlob(lower, strings.ToLower(f)) }); i >= 0 {
		if !strings.ContainsAny(g, "*?[\\") {
			return fmt.Sprintf("%s %q matches no Markdown file: globs match letter case exactly; did you mean %q", kind, g, files[i])
		}
		return fmt.Sprintf("%s %q matches no Markdown file: globs match letter case exactly, and it matches %q only in another case", kind, g, files[i])
	}
	dir := literalDir(g)
	if dir == "" || slices.Contains(judged, dir) || folders[dir] {
		return fmt.Sprintf("%s %q matches no Markdown file under %s; correct it or remove it", kind, g, strings.Join(where, " or "))
	}
	// The folder the glob starts from holds no Markdown file: name it, and
	// the closest folder beside it that does.
	msg := fmt.Sprintf("%s %q matches no Markdown file: there is none under %s", kind, g, dir)
	var near []string
	for d := range folders {
		if path.Dir(d) == path.Dir(dir) {
			near = append(near, path.Base(d))
		}
	}
	slices.Sort(near)
	if c := Closest(path.Base(dir), near, 3); c != "" {
		return msg + fmt.Sprintf("; did you mean %s", path.Join(path.Dir(dir), c))
	}
	return msg + "; correct it or remove it"
}

// includeRootsUnder returns the include roots (cleaned, in the
// configuration's order) that ignore glob g can reach into.
func includeRootsUnder(cfg *Config, g string) []string {
	var out []string
	for _, ir := range cfg.IncludeRoots {
		if ir = path.Clean(ir); ir != "." && globReachesUnder(g, ir) && !slices.Contains(out, ir) {
			out = append(out, ir)
		}
	}
	return out
}

// includeRootFiles returns the Markdown files under the include roots,
// root-relative with '/', by the paths an include names them with: a
// symlink to a file or folder inside the site root (the include root
// itself, too) is followed, as an include through it is read (a folder
// once on each way down, so a link to a folder above stops), and one
// that leads out of the root is not.
func includeRootFiles(root string, cfg *Config) []string {
	out := []string{}
	realRoot := root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		realRoot = r
	}
	inRoot := func(abs string) (string, bool) {
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return "", false
		}
		r, err := filepath.Rel(realRoot, real)
		return real, err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
	}
	below := map[string]bool{} // the real folders on the way down
	var walk func(dir, rel string)
	walk = func(dir, rel string) {
		real, ok := inRoot(dir)
		if !ok || below[real] {
			return
		}
		below[real] = true
		defer delete(below, real)
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			abs, r := filepath.Join(dir, e.Name()), path.Join(rel, e.Name())
			mode := e.Type()
			if mode&fs.ModeSymlink != 0 {
				fi, err := os.Stat(abs)
				if err != nil {
					continue
				}
				if _, ok := inRoot(abs); !ok {
					continue
				}
				mode = fi.Mode().Type()
			}
			switch {
			case mode.IsDir():
				walk(abs, r)
			case mode.IsRegular() && strings.EqualFold(path.Ext(r), ".md"):
				out = append(out, r)
			}
		}
	}
	for _, ir := range cfg.IncludeRoots {
		ir = path.Clean(ir)
		walk(filepath.Join(root, filepath.FromSlash(ir)), ir)
	}
	return out
}

// configFileIn returns the configuration file of cfg root-relative, with
// '/', for a finding on it; false for the built-in defaults and for a file
// outside the site root.
func configFileIn(root string, cfg *Config) (string, bool) {
	if cfg.File == "" {
		return "", false
	}
	// --config names the file relative to the current folder.
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	absFile, err := filepath.Abs(cfg.File)
	if err != nil {
		return "", false
	}
	file, ok := relInside(absRoot, absFile)
	if !ok {
		// The root, or the file, named through a symlink (--root site
		// with site -> handbook/site, --config handbook/site/...).
		realRoot, err1 := filepath.EvalSymlinks(absRoot)
		realFile, err2 := filepath.EvalSymlinks(absFile)
		if err1 != nil || err2 != nil {
			return "", false
		}
		if file, ok = relInside(realRoot, realFile); !ok {
			return "", false
		}
	}
	return filepath.ToSlash(file), true
}

// matchesFile reports whether a glob, one that cannot reach into the
// content folder, matches a file under the site root as written: such a
// glob is in use ("docs/**", for the root's docs/ folder, whose files are
// linted only when named), whatever the content folder holds. The search
// starts at the glob's literal folder; a glob without a wildcard is
// looked up as it is; one whose first segment has a wildcard walks the
// root, leaving out the content folder and folders starting with ".".
func matchesFile(root, content, g string) bool {
	lit := strings.TrimPrefix(g, "/")
	if !strings.ContainsAny(lit, "*?[\\") {
		_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(lit)))
		return err == nil
	}
	start := filepath.Join(root, filepath.FromSlash(literalDir(lit)))
	found := false
	_ = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != start && (rel == content || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if MatchGlob(g, rel) || MatchGlob(lit, rel) {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// namesFolder reports whether a glob matches one of the folders.
func namesFolder(g string, folders map[string]bool) bool {
	for d := range folders {
		if MatchGlob(g, d) {
			return true
		}
	}
	return false
}

// literalDir returns the folder a glob names before its first segment
// with a wildcard ("a/b" for "a/b/*/x.md"), "" when the first segment has
// one, or the whole glob has none.
func literalDir(g string) string {
	segs := strings.Split(strings.TrimSuffix(g, "/"), "/")
	for i, sg := range segs {
		if strings.ContainsAny(sg, "*?[\\") {
			return strings.Join(segs[:i], "/")
		}
	}
	return ""
}

// matchAny reports whether a slash path matches one of the globs.
// matchPages reports whether one of the pages (or ignore) globs matches a
// file: as matchAny, but a Markdown file whose extension is written in
// capitals (STAFF.MD, which Hugo publishes as it does staff.md) is matched
// as if it were ".md", so that "**/*.md" lints it too, and an ignore glob
// "**/*.md" leaves it out as it leaves out staff.md.
func matchPages(globs []string, p string) bool {
	if matchAny(globs, p) {
		return true
	}
	if stem, ok := upperMarkdown(p); ok {
		return matchAny(globs, stem+".md")
	}
	return false
}

// MatchPageGlob reports whether a pages glob matches a root-relative
// file as a run's walk matches it: as MatchGlob, but a Markdown file whose
// extension is in capitals (STAFF.MD) as if it were ".md".
func MatchPageGlob(glob, rel string) bool { return matchPages([]string{glob}, rel) }

// upperMarkdown returns a file name's stem when its extension is ".md"
// written in another case (".MD", ".Md").
func upperMarkdown(name string) (stem string, ok bool) {
	if n := len(name); n > 3 && strings.EqualFold(name[n-3:], ".md") && name[n-3:] != ".md" {
		return name[:n-3], true
	}
	return "", false
}

func matchAny(globs []string, p string) bool {
	for _, g := range globs {
		if MatchGlob(g, p) {
			return true
		}
	}
	return false
}

// MatchGlob matches a slash path against a glob in which "**" matches any
// number of path segments (zero included) and other segments follow
// path.Match. It walks both strings in place: discovery calls it for every
// file of the content folder, so it allocates nothing for a glob with at
// most one "**".
func MatchGlob(glob, p string) bool {
	m := globMatch{glob: glob, path: p}
	if strings.Count(glob, "**") > 1 {
		// failed remembers the (glob, path) positions after a "**" known
		// not to match, so that many "**" segments cannot make matching
		// exponential.
		m.failed = map[[2]int]bool{}
	}
	return m.match(0, 0)
}

// globReachesUnder reports whether a glob can match a path inside the
// folder dir (a slash path): whether dir matches the start of the glob.
func globReachesUnder(glob, dir string) bool {
	m := globMatch{glob: glob, path: dir, prefix: true}
	if strings.Count(glob, "**") > 1 {
		m.failed = map[[2]int]bool{}
	}
	return m.match(0, 0)
}

// globMatch is the state of one MatchGlob call. Positions are byte offsets
// of a segment's start; -1 means no segment is left.
type globMatch struct {
	glob, path string
	failed     map[[2]int]bool
	// prefix set, the path is a folder: it matches when it is used up
	// with glob segments left (globReachesUnder).
	prefix bool
}

// segment returns the segment of s starting at i and the start of the one
// after it (-1 when it is the last).
func segment(s string, i int) (string, int) {
	if j := strings.IndexByte(s[i:], '/'); j >= 0 {
		return s[i : i+j], i + j + 1
	}
	return s[i:], -1
}

func (m *globMatch) match(gi, pi int) bool {
	for gi >= 0 {
		g, gnext := segment(m.glob, gi)
		if g == "**" {
			key := [2]int{gi, pi}
			if m.failed[key] {
				return false
			}
			for q := pi; ; {
				if m.match(gnext, q) {
					return true
				}
				if q < 0 {
					break
				}
				_, q = segment(m.path, q)
			}
			if m.failed != nil {
				m.failed[key] = true
			}
			return false
		}
		if pi < 0 {
			return m.prefix
		}
		s, pnext := segment(m.path, pi)
		if !strings.ContainsAny(g, `*?[\`) {
			if g != s { // a literal segment
				return false
			}
		} else if ok, err := filepath.Match(g, s); err != nil || !ok {
			return false
		}
		gi, pi = gnext, pnext
	}
	return pi < 0
}

// maxGitignore is the size of the largest .gitignore read (a handbook's
// holds some hundred bytes).
const maxGitignore = 1 << 20

// skippedFolder reports whether a root-relative file is in a folder the
// walk of Markdown pages does not enter: node_modules, or one the
// .gitignore names.
func skippedFolder(rel string, ignored func(string) bool) bool {
	for d := path.Dir(rel); d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if path.Base(d) == "node_modules" || ignored(d+"/") {
			return true
		}
	}
	return false
}

// readGitignore returns a matcher for the patterns of the root's
// .gitignore: blank lines and comments skipped, a leading "/" anchors a
// pattern to the root, a trailing "/" matches folders only (paths passed
// with a trailing "/"), other patterns match at any depth. Negations ("!")
// are not supported and are skipped. Only a regular file of at most
// maxGitignore bytes is read: a symlink is passed over, as git passes over
// a symlinked .gitignore (one to /dev/zero would be read without end, one
// out of the root is no file of the site), and so are a named pipe and a
// larger file.
func readGitignore(root string) func(rel string) bool {
	p := filepath.Join(root, ".gitignore")
	var b []byte
	fi, err := os.Lstat(p)
	if err == nil && fi.Mode().IsRegular() {
		b, err = readRegular(p, maxGitignore, nil)
	}
	if err != nil || b == nil {
		return func(string) bool { return false }
	}
	var globs []string
	var dirGlobs []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") {
			continue
		}
		dirOnly := strings.HasSuffix(line, "/")
		line = strings.TrimSuffix(line, "/")
		if strings.HasPrefix(line, "/") || strings.Contains(line, "/") {
			line = strings.TrimPrefix(line, "/")
		} else {
			line = "**/" + line
		}
		if dirOnly {
			dirGlobs = append(dirGlobs, line)
		} else {
			globs = append(globs, line)
		}
	}
	return func(rel string) bool {
		if d, ok := strings.CutSuffix(rel, "/"); ok {
			return matchAny(dirGlobs, d) || matchAny(globs, d)
		}
		return matchAny(globs, rel)
	}
}

// withoutAbsent returns the files that absent does not hold (a list
// already without them unchanged; nil stays nil).
func withoutAbsent(files []string, absent map[string]bool) []string {
	if files == nil || !slices.ContainsFunc(files, func(f string) bool { return absent[f] }) {
		return files
	}
	out := make([]string, 0, len(files))
	for _, f := range files {
		if !absent[f] {
			out = append(out, f)
		}
	}
	return out
}
