package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"gitlab.com/careerlint/careerlint/lint"
)

// IncludeTarget reports include shortcodes whose target Hugo cannot use:
// a missing file (with the closest existing include as a suggestion), a
// path that leaves the include root, a folder, a shortcode without a
// target, and include cycles.
//
// A cycle is reported once, in the included file that comes first by path
// among the files of the cycle, at its include that starts the cycle; the
// page that reaches the cycle is not reported, so a cycle pulled in by many
// pages is one finding.
var IncludeTarget = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL006",
		Name:          "include-target",
		Summary:       "every include shortcode names an existing file inside an include root, without cycles",
		Default:       lint.Error,
		Suggests:      true,
		IncludedFiles: true,
	},
	CheckPage: checkIncludeTarget,
}

func checkIncludeTarget(pass *lint.PagePass) {
	p := pass.Page
	for _, sc := range p.Shortcodes {
		if len(sc.Args) == 0 && !sc.Closing && !sc.Escaped && !sc.Malformed && slices.Contains(pass.Config.Shortcodes.Include, sc.Name) {
			pass.Reportf(sc.Start, sc.End, "%s shortcode has no target; name the file to include, e.g. {{%% %s \"includes/x.md\" %%}}", sc.Name, sc.Name)
		}
	}
	for _, inc := range p.Includes {
		checkInclude(pass, inc)
	}
	if len(p.Includes) > 0 && pass.Site.Page(p.Path) != nil && !pass.Site.ExpandsIncludes(p) {
		inc := p.Includes[0]
		pass.Reportf(inc.Span.Start, inc.Span.End, "the includes of this page expand to more than %d include shortcodes, headings, links, HTML ids and list items when rendered (files that include the same file several times, over several levels, multiply); careerlint checks the page without them; include each file once", lint.MaxIncludeExpansion)
	}
}

func checkInclude(pass *lint.PagePass, inc lint.Include) {
	site := pass.Site
	start, end := inc.ArgStart, inc.ArgEnd
	target := inc.Target
	under := includeRootsText(pass.Config)
	if strings.TrimSpace(target) == "" {
		pass.Reportf(start, end, "include target is empty; name the file to include, such as \"includes/x.md\" for %sincludes/x.md", firstRoot(pass.Config))
		return
	}
	it := site.ResolveInclude(target)
	switch {
	case errors.Is(it.Err, lint.ErrOutsideRoot):
		msg, sug := escapeMessage(site, target, under)
		pass.Report(lint.Diagnostic{Span: pass.Page.Span(start, end), Message: msg, Suggestions: targetSuggestion(pass.Page.Src, pass.Page.Span(start, end), target, sug)})
	case it.Err != nil && (errors.Is(it.Err, fs.ErrNotExist) || errors.Is(it.Err, syscall.ENOTDIR)):
		msg := fmt.Sprintf("include target %q does not exist under %s", target, under)
		sug := ownLevelSuggestion(pass, target)
		if mv, ok := changedInclude(pass, target, pass.Site.MovedFile); ok {
			// The change being linted moved the file: say where.
			sug = displayPath(pass.Config, mv.To)
			msg += fmt.Sprintf("; this change moves %s to %s: include %q", mv.From, mv.To, sug)
		} else if del, ok := changedInclude(pass, target, pass.Site.DeletedFile); ok {
			// Deleted on purpose: another file in its place would be a
			// guess.
			sug = ""
			msg += fmt.Sprintf("; this change deletes %s: remove the include, or restore the file", del.From)
		} else if sug != "" {
			// The name is of another level too (level-name reports it):
			// suggest the file that mends both.
			msg += fmt.Sprintf("; did you mean %q, for this page's level", sug)
		} else if sug = includeSuggestion(site, target); sug != "" {
			if nav, by := trackNavigation(pass, target); nav != "" && nav != sug {
				// A navigation include whose closest file name is another
				// track's navigation: the one this track's other levels
				// include, as ladder-includes advises.
				sug = nav
				msg += fmt.Sprintf("; did you mean %q, this track's navigation, as %s %s", sug, names(by), includeVerb(by))
			} else {
				msg += fmt.Sprintf("; did you mean %q%s", sug, accentNote(target, sug))
			}
		}
		pass.Report(lint.Diagnostic{Span: pass.Page.Span(start, end), Message: msg, Suggestions: targetSuggestion(pass.Page.Src, pass.Page.Span(start, end), target, sug)})
	case errors.Is(it.Err, lint.ErrFolder):
		pass.Reportf(start, end, "include target %q is a folder; name a file inside it", target)
	case errors.Is(it.Err, lint.ErrNotFile):
		pass.Reportf(start, end, "include target %q is not a regular file (a FIFO, device or socket); include a Markdown file", target)
	case symlinkLoop(it.Err):
		pass.Reportf(start, end, "include target %q is a symlink that loops, leading back to itself; point it at a file", target)
	case it.Err != nil:
		pass.Reportf(start, end, "include target %q cannot be read: %v", target, unwrapPathErr(it.Err))
	case it.Page == nil:
		// Not expected: no error and no file.
	case !it.Page.Parsed():
		// Binary, too large or unreadable files are reported by
		// file-format in the included file.
	default:
		if cyc := includeCycle(site, pass.Page, it.Page); cyc != nil {
			reportCycle(pass, inc, cyc)
		}
	}
}

// targetSuggestion is the suggestion that writes an include's target,
// written as target at span (with its quotes, if any), as sug; nil when
// there is none, when the target is not written as it reads (an escape in
// its quotes), or when sug holds a quote, backslash or line break that
// would end or change the quoted argument. An unquoted target is written
// quoted: a bare argument ends at a space, and Hugo reads a '/' in it as
// the mark of a closing tag.
func targetSuggestion(src []byte, span lint.Span, target, sug string) []lint.Fix {
	if sug == "" || span.Start < 0 || span.End > len(src) || span.Start > span.End || strings.ContainsAny(sug, "\"`\\\r\n") {
		return nil
	}
	text := `"` + sug + `"`
	if w := src[span.Start:span.End]; len(w) >= 2 && (w[0] == '"' || w[0] == '`') && w[len(w)-1] == w[0] {
		span.Start, span.End = span.Start+1, span.End-1
		text = sug
	}
	if string(src[span.Start:span.End]) != target {
		return nil
	}
	return []lint.Fix{{Title: fmt.Sprintf("include %q", sug), Edits: []lint.Edit{{Span: span, Text: text}}}}
}

// changedInclude returns the move or deletion, as the lookup finds it
// (Site.MovedFile, Site.DeletedFile), by the change being linted
// (--changed-since) of the file a missing include target named under one
// of the include roots.
func changedInclude(pass *lint.PagePass, target string, lookup func(string) (lint.Move, bool)) (lint.Move, bool) {
	t := path.Clean(strings.TrimPrefix(strings.ReplaceAll(target, "\\", "/"), "/"))
	for _, r := range pass.Config.IncludeRoots {
		if mv, ok := lookup(path.Join(path.Clean(r), t)); ok {
			return mv, true
		}
	}
	return lint.Move{}, false
}

// ownLevelSuggestion returns, for a missing include target on a level
// page whose file name names another level, the include file of the
// page's own level that exists: the target with the page's level, or else
// the file closest to that (an older include path, a misspelling); ""
// when there is none.
func ownLevelSuggestion(pass *lint.PagePass, target string) string {
	if pass.Included {
		return "" // an included file has no level of its own
	}
	own := otherLevelInclude(pass.Config, pass.Page.Path, target)
	if own == "" {
		return ""
	}
	if it := pass.Site.ResolveInclude(own); it.Err == nil && it.Page != nil {
		return own
	}
	return includeSuggestion(pass.Site, own)
}

// trackNavigation returns, for a missing navigation include target (as
// ladder-includes' options tell one) on a level page, the navigation that
// the other levels of its track include and that exists, written as an
// include names it, with the levels that include it as written; "" when
// there is no such page, navigation, file or level. The closest file name to a navigation
// moved to another include folder may be another track's navigation,
// which ladder-includes then reports: both rules give the same advice.
func trackNavigation(pass *lint.PagePass, target string) (string, []*TrackLevel) {
	if pass.Included {
		return "", nil
	}
	opts, _ := pass.Config.Options(LadderIncludes).(*LadderIncludesOptions)
	if opts == nil {
		opts = LadderIncludes.NewOptions().(*LadderIncludesOptions)
	}
	if _, _, ok := pageLevel(pass.Config, pass.Page.Path); !ok || !opts.isNavigation(target) {
		return "", nil
	}
	m := ladderOf(pass.Site)
	l := m.byPage[pass.Page.Path]
	if l == nil {
		return "", nil
	}
	v := m.navigationVote(m.trackOf[l], opts)
	// The levels that include it as written: a sibling naming it at an
	// older path (its closest file) does not include it yet.
	var by []*TrackLevel
	for _, o := range v.ownBy {
		if o != l && v.nav[o].Exists {
			by = append(by, o)
		}
	}
	if v.own == "" || len(by) == 0 || !m.includeExists(v.own) {
		return "", nil
	}
	return m.target(v.own), by
}

// includeVerb is the verb after the names of levels that include a file:
// "includes", "include".
func includeVerb(by []*TrackLevel) string {
	if len(by) == 1 {
		return "includes"
	}
	return "include"
}

// escapeMessage explains why a target that ResolveInclude refused leaves
// the include root, with the target to write instead when one is known.
func escapeMessage(site *lint.Site, target, under string) (msg, sug string) {
	t := strings.ReplaceAll(target, "\\", "/")
	switch {
	case strings.HasPrefix(t, "//") || filepath.IsAbs(target) || filepath.VolumeName(target) != "":
		return fmt.Sprintf("include target %q is an absolute path; write it relative to %s, such as \"includes/x.md\"", target, under), ""
	case hasDotDotSegment(t):
		clean := path.Clean(strings.TrimPrefix(t, "/"))
		if clean != ".." && !strings.HasPrefix(clean, "../") {
			return fmt.Sprintf("include target %q contains \"..\"; write it as %q", target, clean), clean
		}
		msg := fmt.Sprintf("include target %q leaves %s through \"..\"; include files must live inside it", target, under)
		// Only a file of the same name: "includes/../../content/x.md"
		// names no include file, and a close path would be a guess.
		if sug = includeSuggestion(site, target); sug != "" && strings.EqualFold(path.Base(sug), path.Base(t)) {
			msg += fmt.Sprintf("; did you mean %q", sug)
		} else {
			sug = ""
		}
		return msg, sug
	default:
		return fmt.Sprintf("include target %q resolves through a symlink to a path outside the site root, which is never read; point the include at a file inside %s", target, under), ""
	}
}

func hasDotDotSegment(p string) bool {
	return slices.Contains(strings.Split(p, "/"), "..")
}

// symlinkLoop reports whether err is a loop of symlinks: the system's
// ELOOP, or filepath.EvalSymlinks giving up after too many links.
func symlinkLoop(err error) bool {
	return err != nil && (isELOOP(err) || strings.HasSuffix(err.Error(), "too many links"))
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// includeRootsText names the include roots for messages: "assets/" or
// "assets/ or themes/x/assets/".
func includeRootsText(cfg *lint.Config) string {
	var roots []string
	for _, r := range cfg.IncludeRoots {
		roots = append(roots, path.Clean(r)+"/")
	}
	if len(roots) == 0 {
		return "the include roots"
	}
	return strings.Join(roots, " or ")
}

func firstRoot(cfg *lint.Config) string {
	if len(cfg.IncludeRoots) == 0 {
		return ""
	}
	return path.Clean(cfg.IncludeRoots[0]) + "/"
}

// displayPath shows a file as an include target would name it: relative
// to the include root that holds it, else as its site path.
func displayPath(cfg *lint.Config, p string) string {
	for _, r := range cfg.IncludeRoots {
		if rest, ok := strings.CutPrefix(p, path.Clean(r)+"/"); ok {
			return rest
		}
	}
	return p
}

// cycleStep is one include on a cycle: the file holding it, the include,
// and the file it pulls in.
type cycleStep struct {
	file *lint.Page
	inc  lint.Include
	to   *lint.Page
}

// includeCycle returns the include steps that lead from `to` back to
// `from` (shortest first, found breadth-first), or nil when `to` never
// includes `from`, also indirectly, or when `from` is not the first file
// by path of the files that include each other with it (its strongly
// connected component of the include graph): the cycles of such a group
// are reported at the includes of its first file only, once each. It
// returns an empty, non-nil slice when to is from (a file that includes
// itself).
func includeCycle(site *lint.Site, from, to *lint.Page) []cycleStep {
	if to.Path == from.Path {
		return []cycleStep{}
	}
	// Only files of one strongly connected component of the include graph
	// lead back to each other, and the search below runs only from the
	// component's first file, not once per include (a chain, or a ring, of
	// thousands of include files took time quadratic in its length).
	comps := includeComponents(site)
	if cf, ok := comps.of[from.Path]; ok {
		if ct, ok := comps.of[to.Path]; ok && cf != ct || comps.first[cf] != from.Path {
			return nil
		}
	}
	prev := map[string]cycleStep{to.Path: {}}
	queue := []*lint.Page{to}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, inc := range cur.Includes {
			it := site.ResolveInclude(inc.Target)
			if it.Err != nil || it.Page == nil {
				continue
			}
			next := it.Page
			if _, seen := prev[next.Path]; seen {
				continue
			}
			prev[next.Path] = cycleStep{file: cur, inc: inc, to: next}
			if next.Path == from.Path {
				var steps []cycleStep
				for p := from.Path; p != to.Path; {
					st := prev[p]
					steps = append(steps, st)
					p = st.file.Path
				}
				slices.Reverse(steps)
				return steps
			}
			queue = append(queue, next)
		}
	}
	return nil
}

type includeComponentsKey struct{}

// components are the strongly connected components of the include graph:
// of maps every file the run's pages include (directly or not), and the
// pages themselves, to its component, first maps a component to its first
// file by path.
type components struct {
	of    map[string]int
	first map[int]string
}

// includeComponents returns the strongly connected components of the
// include graph (components), worked out once per run (Tarjan's
// algorithm, iterative: include chains may be thousands long).
func includeComponents(site *lint.Site) components {
	return site.Memo(includeComponentsKey{}, func() any {
		type frame struct {
			page *lint.Page
			next int // the next include of page to follow
		}
		index := map[string]int{}
		low := map[string]int{}
		onStack := map[string]bool{}
		comp := map[string]int{}
		first := map[int]string{}
		var stack []string
		n, comps := 0, 0
		visit := func(root *lint.Page) {
			index[root.Path], low[root.Path] = n, n
			n++
			stack = append(stack, root.Path)
			onStack[root.Path] = true
			frames := []frame{{page: root}}
			for len(frames) > 0 {
				f := &frames[len(frames)-1]
				if f.next < len(f.page.Includes) {
					inc := f.page.Includes[f.next]
					f.next++
					it := site.ResolveInclude(inc.Target)
					if it.Err != nil || it.Page == nil {
						continue
					}
					to := it.Page.Path
					if _, seen := index[to]; !seen {
						index[to], low[to] = n, n
						n++
						stack = append(stack, to)
						onStack[to] = true
						frames = append(frames, frame{page: it.Page})
					} else if onStack[to] {
						low[f.page.Path] = min(low[f.page.Path], index[to])
					}
					continue
				}
				p := f.page.Path
				frames = frames[:len(frames)-1]
				if len(frames) > 0 {
					parent := frames[len(frames)-1].page.Path
					low[parent] = min(low[parent], low[p])
				}
				if low[p] == index[p] {
					for {
						top := stack[len(stack)-1]
						stack = stack[:len(stack)-1]
						onStack[top] = false
						comp[top] = comps
						if f, ok := first[comps]; !ok || top < f {
							first[comps] = top
						}
						if top == p {
							break
						}
					}
					comps++
				}
			}
		}
		for _, p := range site.Pages {
			if _, seen := index[p.Path]; !seen {
				visit(p)
			}
		}
		return components{comp, first}
	}).(components)
}

// maxCycleShown is how many files of a cycle a message names (half at
// each end), and maxCycleNotes how many of its steps the notes show: as
// many as a finding lists (lint.MaxRelated), so that with the note on the
// include that pulls the cycle in, every step noted is listed.
const (
	maxCycleShown = 20
	maxCycleNotes = lint.MaxRelated
)

// reportCycle reports the cycle that starts with inc (in the page checked)
// followed by rest, once: only when the page checked comes first by path
// among the cycle's files, so that every file of the cycle, and every page
// that reaches it, does not report it again.
func reportCycle(pass *lint.PagePass, inc lint.Include, rest []cycleStep) {
	self := pass.Page.Path
	for _, st := range rest {
		if st.file.Path < self {
			return
		}
	}
	names := []string{displayPath(pass.Config, self)}
	var related []lint.Related
	for i, st := range rest {
		// A cycle of hundreds of files is shown by its ends.
		if len(rest) <= maxCycleShown || i < maxCycleShown/2 || i >= len(rest)-maxCycleShown/2 {
			names = append(names, displayPath(pass.Config, st.file.Path))
		} else if i == maxCycleShown/2 {
			names = append(names, fmt.Sprintf("(%d more files)", len(rest)-maxCycleShown))
		}
		if i < maxCycleNotes {
			related = append(related, lint.Related{Span: st.inc.Span, Message: "the cycle continues here with " + displayPath(pass.Config, st.to.Path)})
		}
	}
	names = append(names, displayPath(pass.Config, self))
	msg := fmt.Sprintf("include cycle: %s; remove one of these includes", strings.Join(names, " → "))
	if len(rest) > maxCycleNotes {
		msg = fmt.Sprintf("include cycle of %d files: %s; remove one of these includes (the notes show the first %d steps)", len(rest)+1, strings.Join(names, " → "), maxCycleNotes)
	}
	if len(rest) == 0 {
		msg = fmt.Sprintf("include cycle: %s includes itself; remove this include", names[0])
	}
	pass.Report(lint.Diagnostic{Span: pass.Page.Span(inc.ArgStart, inc.ArgEnd), Message: msg, Related: related})
}

// includeFile is a file under an include root, with the lower-cased
// forms suggestions compare.
type includeFile struct {
	// Path is the path as an include target names it.
	Path             string
	lower, lowerBase []rune
}

func newIncludeFile(p string) includeFile {
	l := strings.ToLower(p)
	return includeFile{Path: p, lower: []rune(l), lowerBase: []rune(path.Base(l))}
}

// suggestInclude returns the existing include file a missing target most
// likely means, or "": first a file with the same base name in another
// folder (the usual cause is a folder that was renamed, such as
// includes/engineering/ becoming includes/engineering-careers/), the one
// whose folder shares the longest prefix with the target's, then the
// closest path within three edits, then a base name within two edits in
// any folder; a third of the base name's length caps both. Ties go to the
// first file by path.
func suggestInclude(target string, files []includeFile) string {
	t := path.Clean(strings.TrimPrefix(strings.ReplaceAll(target, "\\", "/"), "/"))
	var parts []string
	for _, seg := range strings.Split(t, "/") {
		if seg != ".." && seg != "." {
			parts = append(parts, seg)
		}
	}
	t = strings.Join(parts, "/")
	want := newIncludeFile(t)
	var d distance
	pick := func(dist func(f *includeFile) int, limit int) string {
		best, bestD := "", limit+1
		for i := range files {
			f := &files[i]
			if f.Path == t {
				continue
			}
			if n := dist(f); n < bestD {
				best, bestD = f.Path, n
			}
		}
		return best
	}
	const never = 1 << 30
	// Among files of the same name, the folder that shares the longest
	// prefix with the target's (a renamed folder usually keeps its old
	// name as a prefix: engineering/ became engineering-careers/), then
	// the closest path.
	if s := pick(func(f *includeFile) int {
		if !slices.Equal(f.lowerBase, want.lowerBase) {
			return never
		}
		shared := 0
		for shared < len(want.lower) && shared < len(f.lower) && want.lower[shared] == f.lower[shared] {
			shared++
		}
		return min(len(want.lower)-shared, 1<<13)<<16 + min(d.bounded(want.lower, f.lower, never-1), 1<<16-1)
	}, never-1); s != "" {
		return s
	}
	// Short names get fewer edits, so that "lek.md" does not suggest
	// "real.md".
	limit := min(3, len(want.lowerBase)/3)
	if s := pick(func(f *includeFile) int { return d.bounded(want.lower, f.lower, limit) }, limit); s != "" {
		return s
	}
	limit = min(2, limit)
	return pick(func(f *includeFile) int { return d.bounded(want.lowerBase, f.lowerBase, limit) }, limit)
}

// distance computes edit distances, reusing its rows between calls.
type distance struct{ prev2, prev, cur []int }

// bounded is the edit distance between a and b (lint.EditDistance's: a
// swap of two neighbouring runes is one edit) when it is at most limit,
// and limit+1 otherwise. It fills only the diagonal band of width
// 2*limit+1 and stops as soon as a row exceeds the limit, so that
// comparing a target with thousands of files stays cheap.
func (d *distance) bounded(a, b []rune, limit int) int {
	over := limit + 1
	if intAbs(len(a)-len(b)) > limit {
		return over
	}
	// A common start and end cost no edit (a swap across their edge
	// would need a differing rune inside them): paths in one folder share
	// most of their length, and the table is filled only for the rest.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if cap(d.prev) < len(b)+1 {
		d.prev2, d.prev, d.cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev2, prev, cur := d.prev2[:len(b)+1], d.prev[:len(b)+1], d.cur[:len(b)+1]
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, over)
		if lo > 1 {
			cur[lo-1] = over
		}
		if hi < len(b) {
			cur[hi+1] = over
		}
		best := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1, over)
			// A swap reaches two rows back, within that row's band.
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return over
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func intAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// includeListing is the site's include files with the did-you-means
// worked out from them, kept on the site (Site.Memo).
type includeListing struct {
	files []includeFile
	// suggested memoizes suggestInclude by target (a *suggestion): many
	// level pages include the same missing file, and the ladder rules ask
	// again.
	suggested sync.Map
}

// includeListingKey is the key of the include listing among the site's
// memos.
type includeListingKey struct{}

// includeSuggestion is suggestInclude over the site's include files,
// worked out once per target.
func includeSuggestion(site *lint.Site, target string) string {
	l := includeListingOf(site)
	v, _ := l.suggested.Load(target)
	if v == nil {
		// The page rules and the ladder rules ask at the same time: the
		// first to store the entry works the suggestion out, the other
		// waits for it.
		v, _ = l.suggested.LoadOrStore(target, &suggestion{})
	}
	e := v.(*suggestion)
	e.once.Do(func() { e.path = suggestInclude(target, l.files) })
	return e.path
}

// suggestion is one target's did-you-mean, worked out once.
type suggestion struct {
	once sync.Once
	path string
}

// includeListingOf returns the site's include listing: every file under
// the site's include roots, as an include target names it (relative to its
// root), sorted and without duplicates, listed once per site.
func includeListingOf(site *lint.Site) *includeListing {
	return site.Memo(includeListingKey{}, func() any { return &includeListing{files: listIncludeFiles(site)} }).(*includeListing)
}

// listIncludeFiles returns the site's include files (Site.IncludeFiles)
// made ready for suggestInclude.
func listIncludeFiles(site *lint.Site) []includeFile {
	paths := site.IncludeFiles()
	files := make([]includeFile, len(paths))
	for i, p := range paths {
		files[i] = newIncludeFile(p)
	}
	return files
}
