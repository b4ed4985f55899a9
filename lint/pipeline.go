package lint

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Step is one post-processing step: it takes the findings and returns
// them changed. Steps run in the order of Pipeline.
type Step struct {
	Name string
	Run  func(*postCtx, []Diagnostic) []Diagnostic
}

type postCtx struct {
	site  *Site
	rules []*Rule
	ran   map[*Rule]bool
	// otherRan are the rules that ran on the files of Site.Other.
	otherRan map[*Rule]bool
	supRule  *Rule
	byKey    map[string]*Rule
	used     map[*Directive]map[*Rule]bool
	resolved map[*Directive][]*Rule
	// outside holds files with findings that the run neither lints nor
	// includes (an index page a ladder rule read), parsed for their
	// directives.
	outside map[string]*Page
	// suppressIdx holds the directives of a file that name a rule, as
	// suppressedAt has indexed them.
	suppressIdx map[suppressKey]*suppressIndex
}

// Pipeline is the explicit, ordered list of post-processing steps.
var Pipeline = []Step{
	{"suppress", suppress},
	{"report-suppressions", reportSuppressions},
	{"ignore", dropIgnored},
	{"severity", applySeverity},
	{"valid-utf8", validUTF8},
	{"dedupe", dedupe},
	{"related", limitRelated},
	{"shorten", shortenMessages},
	{"sort", sortDiagnostics},
	{"limit", limitPerFile},
}

// PostProcess runs the pipeline over a run's findings. Rules are the rules
// that ran; known, when given, are every rule a suppression may name (a
// suppression of a known rule that did not run is neither unknown nor
// unused).
func PostProcess(site *Site, diags []Diagnostic, rules []*Rule, supRule *Rule, known ...*Rule) []Diagnostic {
	c := &postCtx{site: site, rules: rules, ran: map[*Rule]bool{}, otherRan: map[*Rule]bool{}, supRule: supRule, byKey: map[string]*Rule{}, used: map[*Directive]map[*Rule]bool{}, resolved: map[*Directive][]*Rule{}}
	if len(known) > 0 {
		c.rules = known
	}
	for _, r := range c.rules {
		c.byKey[r.Name], c.byKey[r.ID] = r, r
	}
	for _, r := range rules {
		// A variant of a rule (links mode's file-format) reports less than
		// the rule: a directive for the rule that it leaves unused may still
		// be needed, so it does not count as having run.
		if c.canon(r) == r {
			c.ran[r] = true
		}
	}
	for _, r := range site.otherRules {
		if c.canon(r) == r {
			c.otherRan[r] = true
		}
	}
	for _, s := range Pipeline {
		diags = s.Run(c, diags)
	}
	return diags
}

// ranOn reports whether rule r checked a file of the run.
func (c *postCtx) ranOn(file string, r *Rule) bool {
	if c.site.Other(file) {
		return c.otherRan[r]
	}
	return c.ran[r]
}

// canon returns the known rule of a rule's ID: a run may use a variant
// of a rule (`careerlint links` runs file-format's check of unchecked pages
// only) that directives name like the rule itself.
func (c *postCtx) canon(r *Rule) *Rule {
	if k := c.byKey[r.ID]; k != nil {
		return k
	}
	return r
}

// page returns the parsed file a finding is on: a page of the run or a
// file it includes, else the file read again and parsed for its
// directives (once), or nil when it cannot be read.
func (c *postCtx) page(file string) *Page {
	if p := c.site.File(file); p != nil {
		return p
	}
	if p, ok := c.outside[file]; ok {
		return p
	}
	var p *Page
	if src := c.site.Source(file); src != nil {
		p = ParsePage(file, src, parseOptions(c.site.Config))
	}
	if c.outside == nil {
		c.outside = map[string]*Page{}
	}
	c.outside[file] = p
	return p
}

// directives returns the well-formed directives of a file with their
// rules resolved.
func (c *postCtx) directives(file string) []*Directive {
	p := c.page(file)
	if p == nil {
		return nil
	}
	var out []*Directive
	for i := range p.Directives {
		d := &p.Directives[i]
		if d.Problem != "" {
			continue
		}
		if _, ok := c.resolved[d]; !ok {
			var rs []*Rule
			for _, k := range d.Rules {
				if r := c.byKey[k]; r != nil {
					rs = append(rs, r)
				}
			}
			c.resolved[d] = rs
		}
		out = append(out, d)
	}
	return out
}

// suppress drops findings that an inline directive in their file disables
// and records which directive was used; it drops the withheld findings
// (Diagnostic.Withheld) too, once they have marked their directive used,
// and gives a finding whose advice defers to a finding that is not kept
// its other form (Diagnostic.Otherwise).
func suppress(c *postCtx, diags []Diagnostic) []Diagnostic {
	out := diags[:0]
	type group struct {
		rule      *Rule
		file, key string
	}
	var split map[group]Span // fix groups with a finding suppressed: its span
	for _, d := range diags {
		if d.Rule == c.supRule && c.supRule != nil {
			out = append(out, d)
			continue
		}
		if dir := c.suppressedBy(d); dir != nil {
			if c.used[dir] == nil {
				c.used[dir] = map[*Rule]bool{}
			}
			c.used[dir][c.canon(d.Rule)] = true
			if k := (group{d.Rule, d.Span.File, d.FixGroup.Key}); k.key != "" {
				if split == nil {
					split = map[group]Span{}
				}
				if _, ok := split[k]; !ok {
					split[k] = d.Span
				}
			}
			continue
		}
		if d.Withheld {
			continue
		}
		out = append(out, d)
	}
	for i, d := range out {
		if o := d.Otherwise; o != nil && c.suppressedAt(o.Rule, o.At) != nil {
			// The finding it defers to is suppressed (in this run, or in
			// the language server's run of the rules that compare pages).
			out[i].Message, out[i].Related, out[i].Suggestions = o.Message, o.Related, o.Suggestions
		}
		out[i].Otherwise = nil
	}
	for i, d := range out {
		if at, ok := split[group{d.Rule, d.Span.File, d.FixGroup.Key}]; ok && d.FixGroup.Key != "" && len(d.Fixes) > 0 {
			out[i].Fixes = nil
			out[i].Message += "; " + d.FixGroup.Note
			out[i].Related = append(slices.Clone(d.Related), Related{Span: at, Message: d.FixGroup.Related})
		}
	}
	return out
}

func (c *postCtx) suppressedBy(d Diagnostic) *Directive {
	if dir := c.suppressedAt(d.Rule, d.Span); dir != nil {
		return dir
	}
	// The places the finding is also about: the whole link, a reference's
	// use, which may be in another file of the rendered page.
	for _, a := range d.AlsoAt {
		if dir := c.suppressedAt(d.Rule, a); dir != nil {
			return dir
		}
	}
	return nil
}

// suppressedAt returns the directive of the span's file that suppresses
// the rule at the span's start, or nil.
func (c *postCtx) suppressedAt(r *Rule, at Span) *Directive {
	if c.page(at.File) == nil {
		return nil
	}
	rule := c.canon(r)
	k := suppressKey{at.File, rule}
	idx := c.suppressIdx[k]
	if idx == nil {
		idx = c.site.newSuppressIndex(at.File, c.directives(at.File), func(dir *Directive) bool { return slices.Contains(c.resolved[dir], rule) })
		if c.suppressIdx == nil {
			c.suppressIdx = map[suppressKey]*suppressIndex{}
		}
		c.suppressIdx[k] = idx
	}
	return idx.at(at.Start)
}

// suppressKey names the directives of a file that name a rule.
type suppressKey struct {
	file string
	rule *Rule
}

// suppressIndex holds the well-formed directives of a file that name one
// rule, indexed to find the one that suppresses the rule at an offset
// without reading them all for each finding (a page of thousands of
// directives has thousands of findings to match).
type suppressIndex struct {
	site *Site
	file string
	// dirs are the directives, in order.
	dirs []*Directive
	// disableFile is the index in dirs of the first disable-file
	// directive, -1 when there is none.
	disableFile int
	// nextLine maps a line to the index in dirs of the first
	// disable-next-line directive that ends on the line before it.
	nextLine map[int]int
	lines    *LineIndex
	// ranges are the indexes in dirs of the disable and enable
	// directives.
	ranges []int
	// unordered is set when a directive starts before the one before it
	// ends: at then reads every directive, in order.
	unordered bool
}

// newSuppressIndex indexes dirs, the well-formed directives of a file in
// order, that names reports name the rule.
func (s *Site) newSuppressIndex(file string, dirs []*Directive, names func(*Directive) bool) *suppressIndex {
	idx := &suppressIndex{site: s, file: file, disableFile: -1}
	for _, dir := range dirs {
		if !names(dir) {
			continue
		}
		i := len(idx.dirs)
		if i > 0 && dir.Span.Start < idx.dirs[i-1].Span.End {
			idx.unordered = true
		}
		idx.dirs = append(idx.dirs, dir)
		switch dir.Kind {
		case DisableFileDirective:
			if idx.disableFile < 0 {
				idx.disableFile = i
			}
		case DisableNextLineDirective:
			if idx.lines == nil {
				// A page parsed lean (careerlint links) kept no line
				// index: LinesOf reads it again.
				idx.lines = s.LinesOf(file)
				idx.nextLine = map[int]int{}
			}
			line := idx.lines.Position(dir.Span.End).Line + 1
			if _, ok := idx.nextLine[line]; !ok {
				idx.nextLine[line] = i
			}
		case DisableDirective, EnableDirective:
			idx.ranges = append(idx.ranges, i)
		}
	}
	return idx
}

// at returns the directive that suppresses the rule at offset start, or
// nil: the first, in order, of a disable-file directive and a
// disable-next-line directive on the line above; else the last disable
// directive that ends before start with no enable directive after it
// that starts there or before.
func (idx *suppressIndex) at(start int) *Directive {
	if idx.unordered {
		return idx.scan(start)
	}
	first := idx.disableFile
	if idx.nextLine != nil {
		if i, ok := idx.nextLine[idx.lines.Position(start).Line]; ok && (first < 0 || i < first) {
			first = i
		}
	}
	if first >= 0 {
		return idx.dirs[first]
	}
	// The directives are in order and apart: those that start at or
	// before start end there too, but for the last, which may hold it
	// (a disable then has not begun).
	k := sort.Search(len(idx.ranges), func(j int) bool { return idx.dirs[idx.ranges[j]].Span.Start > start }) - 1
	if k >= 0 {
		if dir := idx.dirs[idx.ranges[k]]; dir.Kind == DisableDirective && dir.Span.End > start {
			k--
		}
	}
	if k < 0 {
		return nil
	}
	if dir := idx.dirs[idx.ranges[k]]; dir.Kind == DisableDirective {
		return dir
	}
	return nil
}

// scan is at, reading every directive in order.
func (idx *suppressIndex) scan(start int) *Directive {
	var active *Directive
	for _, dir := range idx.dirs {
		switch dir.Kind {
		case DisableFileDirective:
			return dir
		case DisableNextLineDirective:
			lines := idx.site.LinesOf(idx.file)
			if lines.Position(start).Line == lines.Position(dir.Span.End).Line+1 {
				return dir
			}
		case DisableDirective:
			if dir.Span.End <= start {
				active = dir
			}
		case EnableDirective:
			if dir.Span.Start <= start {
				active = nil
			}
		}
	}
	return active
}

// dropIgnored drops the findings in a file that the configuration's
// ignore globs or the root's .gitignore leave out (Site.IgnoredFile): an
// include file pasted by a page of the run, whose findings a rule of the
// page reports there (a broken link written in it), or whose directives
// suppress nothing.
func dropIgnored(c *postCtx, diags []Diagnostic) []Diagnostic {
	return slices.DeleteFunc(diags, func(d Diagnostic) bool { return c.site.IgnoredFile(d.Span.File) })
}

// Suppressed reports whether an inline directive of the span's file, a
// file of the run, suppresses rule r at the span's start, as the
// "suppress" step of the Pipeline will find: a rule whose fixes must
// agree with one another asks it of the findings it reports
// (list-marker judges each list's fix against the rewrite --fix makes,
// and a list with a suppressed bullet keeps its marker).
func (s *Site) Suppressed(r *Rule, at Span) bool {
	p := s.File(at.File)
	if p == nil {
		return false
	}
	idx := s.Memo(suppressedKey{p, r.Name, r.ID}, func() any {
		var dirs []*Directive
		for i := range p.Directives {
			if p.Directives[i].Problem == "" {
				dirs = append(dirs, &p.Directives[i])
			}
		}
		return s.newSuppressIndex(at.File, dirs, func(dir *Directive) bool {
			return slices.Contains(dir.Rules, r.Name) || slices.Contains(dir.Rules, r.ID)
		})
	}).(*suppressIndex)
	return idx.at(at.Start) != nil
}

// suppressedKey is the key of the suppressIndex of Suppressed among the
// site's memos.
type suppressedKey struct {
	page     *Page
	name, id string
}

// reportSuppressions reports malformed directives, directives naming an
// unknown rule, and directives that suppressed nothing.
func reportSuppressions(c *postCtx, diags []Diagnostic) []Diagnostic {
	if c.supRule == nil || c.site.Config.Severity(c.supRule) == Off {
		return diags
	}
	// The pages of the run and the files they include, which the rules
	// checked; not the other files read on demand (the includes of a
	// track's other levels, read as the ladder rules' context), whose
	// findings the run does not have.
	files := make([]*Page, 0, len(c.site.Pages))
	files = append(files, c.site.Pages...)
	pages := len(files)
	for _, inc := range c.site.IncludedFiles() {
		files = append(files, inc.Page)
	}
	// A page of the run that was not parsed (not read within the time
	// budget, unreadable, too large or too complex) may include any file,
	// and the rules did not check what it renders through its includes.
	unread := slices.ContainsFunc(c.site.Pages, includesUnknown)
	for fi, p := range files {
		// A directive in an included file some pages of which the run
		// does not hold may serve those: it is not judged unused.
		judgeUse := func(r *Rule) bool { return fi < pages || !unread && c.site.allIncludersIn(p.Path, r) }
		c.directives(p.Path)     // resolve rule names also in files with no finding
		open := map[*Rule]bool{} // rules a careerlint-disable above turned off
		for i := range p.Directives {
			dir := &p.Directives[i]
			rep := func(msg string) {
				diags = append(diags, Diagnostic{Span: dir.Span, Message: msg, Rule: c.supRule})
			}
			if dir.Problem != "" {
				rep(dir.Problem)
				if dir.Kind == DisableDirective {
					// A disable without a reason still opens its rules:
					// the enable below it is no leftover (with the reason
					// added, the pair works).
					for _, k := range dir.Rules {
						if r := c.byKey[k]; r != nil {
							open[r] = true
						}
					}
				}
				continue
			}
			for _, k := range dir.Rules {
				if c.byKey[k] == nil {
					rep(UnknownRule(k, fmt.Sprintf(" in \"careerlint-%s\"", dir.Kind), c.rules))
				}
			}
			if dir.Kind == EnableDirective {
				// An enable ends a disable of its rules above it; one that
				// ends none is a leftover (the disable was removed) or a
				// typo of disable.
				var left []*Rule
				for _, r := range c.resolved[dir] {
					if !open[r] {
						left = append(left, r)
					}
					open[r] = false
				}
				for _, r := range left {
					rep(fmt.Sprintf("%s ends no \"careerlint-disable\" of that rule above it; %s", c.quoted(dir, r), c.removal(dir, left, r)))
				}
				continue
			}
			if dir.Kind == DisableDirective {
				for _, r := range c.resolved[dir] {
					open[r] = true
				}
			}
			var unused []*Rule
			for _, r := range c.resolved[dir] {
				// A rule cut short on the file may have had findings
				// the directive suppresses among those not kept.
				if !c.used[dir][r] && c.ranOn(p.Path, r) && c.site.cutShortBy(p.Path, r).n == 0 && judgeUse(r) {
					unused = append(unused, r)
				}
			}
			for _, r := range unused {
				why := "nothing"
				if c.site.Config.Severity(r) == Off {
					why = "nothing (the rule is off)"
				}
				msg := fmt.Sprintf("%s suppresses %s; %s", c.quoted(dir, r), why, c.removal(dir, unused, r))
				var related []Related
				if at, ok := c.findingPastBlank(p, dir, r, diags); ok {
					msg = fmt.Sprintf("%s suppresses nothing: the line after it is blank, and it covers that line only; to suppress the finding after the blank (see the related location), put it right above that finding's line", c.quoted(dir, r))
					related = []Related{{Span: at, Message: "the finding after the blank line"}}
				}
				if inc := c.includeWithFinding(p, dir, r, diags); inc != "" {
					msg = fmt.Sprintf("%s suppresses nothing: a comment applies to findings in its own file; to suppress the finding in %s, put the comment there", c.quoted(dir, r), inc)
					related = nil
				}
				diags = append(diags, Diagnostic{Span: dir.Span, Message: msg, Rule: c.supRule, Related: related})
			}
		}
	}
	return diags
}

// removal says what to remove of a directive whose rules left are
// leftovers, for one of them: the comment when it names no other rule,
// else the rule's name (as written) from its list, since the comment
// still serves the other rules, or is not judged for them.
func (c *postCtx) removal(dir *Directive, left []*Rule, r *Rule) string {
	if !slices.ContainsFunc(dir.Rules, func(k string) bool { return !slices.Contains(left, c.byKey[k]) }) {
		return RemoveComment
	}
	return RemoveFromRules(c.written(dir, r))
}

// RemoveComment is the advice ending the finding of an unused suppression
// whose rules are all unused.
const RemoveComment = "remove it"

// RemoveFromRules is the advice ending the finding of an unused
// suppression for one of its rules, as the comment writes it, when the
// comment still serves its other rules or is not judged for them: the
// language server, which judges a comment's rules in two runs (the rules
// that look at one page, and those that compare pages), gives
// RemoveComment instead when the two together find every rule unused.
func RemoveFromRules(written string) string {
	return fmt.Sprintf("remove %q from the rules it names", written)
}

// written is a rule of a directive as the directive names it: its name,
// or its ID.
func (c *postCtx) written(dir *Directive, r *Rule) string {
	for _, k := range dir.Rules {
		if c.byKey[k] == r {
			return k
		}
	}
	return r.Name
}

// quoted quotes a directive for one of its rules as the comment writes
// it, with the rule's name after an ID: "careerlint-disable CL009"
// (whitespace).
func (c *postCtx) quoted(dir *Directive, r *Rule) string {
	w := c.written(dir, r)
	q := fmt.Sprintf("%q", "careerlint-"+string(dir.Kind)+" "+w)
	if w != r.Name {
		q += " (" + r.Name + ")"
	}
	return q
}

// includesUnknown reports whether a page of the run was not parsed, so
// that the files it includes are not known: an empty file includes none.
func includesUnknown(p *Page) bool {
	return !p.Parsed() && !slices.ContainsFunc(p.Problems, func(pr FileProblem) bool { return pr.Kind == ProblemEmpty })
}

// findingPastBlank returns, for a disable-next-line directive followed by
// blank lines, the rule's first finding on the line after them (the
// author left a blank line between the comment and the line it means),
// and false when there is none.
func (c *postCtx) findingPastBlank(p *Page, dir *Directive, r *Rule, diags []Diagnostic) (Span, bool) {
	if dir.Kind != DisableNextLineDirective {
		return Span{}, false
	}
	lines := c.site.LinesOf(p.Path)
	n := lines.Position(dir.Span.End).Line + 1
	if n > lines.Lines() || strings.TrimSpace(lines.Line(n)) != "" {
		return Span{}, false
	}
	for n <= lines.Lines() && strings.TrimSpace(lines.Line(n)) == "" {
		n++
	}
	for _, d := range diags {
		if d.Span.File == p.Path && c.canon(d.Rule) == r && lines.Position(d.Span.Start).Line == n {
			return d.Span, true
		}
	}
	return Span{}, false
}

// includeWithFinding returns the file that an include on the line after a
// disable-next-line directive, or inside a disable block, pastes, when the
// rule has a finding in it (the author meant to suppress that finding from
// the including page), or "".
func (c *postCtx) includeWithFinding(p *Page, dir *Directive, r *Rule, diags []Diagnostic) string {
	lines := c.site.LinesOf(p.Path)
	next := lines.Position(dir.Span.End).Line + 1
	// A careerlint-disable block spans the includes up to the enable that
	// ends it for the rule, or the end of the file.
	blockEnd := -1
	if dir.Kind == DisableDirective {
		blockEnd = math.MaxInt
		for _, d := range c.directives(p.Path) {
			if d.Kind == EnableDirective && d.Span.Start >= dir.Span.End && d.Span.Start < blockEnd && slices.Contains(c.resolved[d], r) {
				blockEnd = d.Span.Start
			}
		}
	}
	for _, inc := range p.Includes {
		switch dir.Kind {
		case DisableNextLineDirective:
			if lines.Position(inc.Span.Start).Line != next {
				continue
			}
		case DisableDirective:
			if inc.Span.Start < dir.Span.End || inc.Span.Start >= blockEnd {
				continue
			}
		default:
			return ""
		}
		it := c.site.ResolveInclude(inc.Target)
		if it.Err != nil || it.Page == nil {
			continue
		}
		if slices.ContainsFunc(diags, func(d Diagnostic) bool { return d.Span.File == it.Path && c.canon(d.Rule) == r }) {
			return it.Path
		}
	}
	return ""
}

// applySeverity sets each finding's severity from the configuration and
// drops findings of rules that are off.
func applySeverity(c *postCtx, diags []Diagnostic) []Diagnostic {
	out := diags[:0]
	for _, d := range diags {
		d.Severity = c.site.Config.Severity(d.Rule)
		if d.Severity != Off {
			out = append(out, d)
		}
	}
	return out
}

// dedupe drops findings identical in rule, place and message (an include
// linted through two pages reports once).
func dedupe(_ *postCtx, diags []Diagnostic) []Diagnostic {
	seen := map[string]int{}
	// joined holds the related locations of each finding that others
	// joined, by index in out: a file pasted 16,000 times has one finding
	// reached 16,000 ways, each adding its include, which a search of
	// the list so far, or a copy of it each time, made quadratic.
	var joined map[int]map[Related]bool
	out := diags[:0]
	for _, d := range diags {
		k := fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s", d.Span.File, d.Span.Start, d.Span.End, d.Rule.ID, d.Message)
		i, dup := seen[k]
		if !dup {
			seen[k] = len(out)
			out = append(out, d)
			continue
		}
		// The same finding reached another way (two uses of one reference
		// definition): its related locations join the first's.
		has := joined[i]
		if has == nil {
			if joined == nil {
				joined = map[int]map[Related]bool{}
			}
			has = make(map[Related]bool, len(out[i].Related))
			for _, r := range out[i].Related {
				has[r] = true
			}
			joined[i] = has
			out[i].Related = slices.Clone(out[i].Related) // never into a slice another finding shares
		}
		for _, r := range d.Related {
			if !has[r] {
				has[r] = true
				out[i].Related = append(out[i].Related, r)
			}
		}
	}
	return out
}

// MaxRelated is the most related locations a finding lists: past
// MaxRelated+1, it lists the first MaxRelated and one more that says how
// many it leaves out. A file pasted by thousands of pages, or thousands
// of times by one, has a finding with a related location for each
// include, and a reference definition one for each use; each output
// would print them all (megabytes of notes in the text, JSON and SARIF,
// and in the editor).
const MaxRelated = 20

// limitRelated keeps the first MaxRelated related locations of each
// finding that has more than MaxRelated+1, in their order, and puts one in
// place of the others, at the first of them, that says how many there are
// and what they are (their messages, the most frequent first). It runs
// after dedupe, which joins them. Suppressions have seen them all before
// (and the places a finding is also about, Diagnostic.AlsoAt, are kept
// whole); a fingerprint hashes none of them. Where the rule's pass did
// not keep all its findings on the finding's file (maxFindingsKept), the
// count is a floor: a file pasted 16,000 times has its finding joined
// from the 10,000 pastes kept.
func limitRelated(c *postCtx, diags []Diagnostic) []Diagnostic {
	for i := range diags {
		d := &diags[i]
		if len(d.Related) <= MaxRelated+1 {
			continue
		}
		rest := d.Related[MaxRelated:]
		cut := c.site.cutShortBy(d.Span.File, d.Rule).n > 0
		d.Related = append(slices.Clone(d.Related[:MaxRelated]), Related{Span: rest[0].Span, Message: relatedLeftOut(rest, cut)})
	}
	return diags
}

// relatedLeftOut says how many related locations rest holds, which a
// finding does not list, in how many files, and with which messages,
// the most frequent first (three at most); "at least" that many when cut,
// the findings its rule's pass did not keep not counted.
func relatedLeftOut(rest []Related, cut bool) string {
	count := map[string]int{}
	files := map[string]bool{}
	for _, r := range rest {
		count[r.Message]++
		files[r.Span.File] = true
	}
	msgs := slices.Collect(maps.Keys(count))
	slices.SortFunc(msgs, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	where := ""
	if len(files) > 1 {
		where = fmt.Sprintf(" in %d files", len(files))
	}
	n, listed := strconv.Itoa(len(rest)), fmt.Sprintf("the first %d are", MaxRelated)
	if cut {
		n = "at least " + n
		listed += fmt.Sprintf("; past %d findings of a rule on a file the rule's pass only counts them", maxFindingsKept)
	}
	if len(msgs) == 1 {
		return fmt.Sprintf("%s more related locations%s, each %q, not listed (%s); this is the first of them", n, where, msgs[0], listed)
	}
	var kinds []string
	for _, m := range msgs[:min(3, len(msgs))] {
		kinds = append(kinds, fmt.Sprintf("%d %q", count[m], m))
	}
	list := strings.Join(kinds, ", ")
	if len(msgs) > 3 {
		others := 0
		for _, m := range msgs[3:] {
			others += count[m]
		}
		list += fmt.Sprintf(" and %d of %d other kinds", others, len(msgs)-3)
	}
	return fmt.Sprintf("%s more related locations%s not listed (%s): %s; this is the first of them", n, where, listed, list)
}

// sortDiagnostics orders findings by file, offset, rule and message.
func sortDiagnostics(_ *postCtx, diags []Diagnostic) []Diagnostic {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		if c := strings.Compare(a.Span.File, b.Span.File); c != 0 {
			return c
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		if c := strings.Compare(a.Rule.ID, b.Rule.ID); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return diags
}

// validUTF8 replaces invalid UTF-8 in messages (a message may quote a link
// or heading written with bad bytes) with U+FFFD, so that every output is
// valid text and JSON stays valid.
func validUTF8(_ *postCtx, diags []Diagnostic) []Diagnostic {
	for i := range diags {
		d := &diags[i]
		if !utf8.ValidString(d.Message) {
			d.Message = strings.ToValidUTF8(d.Message, "\uFFFD")
		}
		for j := range d.Related {
			if !utf8.ValidString(d.Related[j].Message) {
				d.Related[j].Message = strings.ToValidUTF8(d.Related[j].Message, "\uFFFD")
			}
		}
	}
	return diags
}

// shortenMessages bounds the text of each finding that quotes a page at
// length (a link target of 500,000 characters): its message, its related
// locations' messages and its fixes' and suggestions' titles, with
// ShortenMessage. It runs after dedupe, so that two findings differing only
// in the middle of a long quote stay two; the edits of fixes are left
// whole. A slice that changes is copied first, since findings may share
// one.
func shortenMessages(_ *postCtx, diags []Diagnostic) []Diagnostic {
	for i := range diags {
		d := &diags[i]
		d.Message = ShortenMessage(d.Message)
		cloned := false
		for j := range d.Related {
			if m := ShortenMessage(d.Related[j].Message); m != d.Related[j].Message {
				if !cloned {
					d.Related, cloned = slices.Clone(d.Related), true
				}
				d.Related[j].Message = m
			}
		}
		d.Fixes = shortenTitles(d.Fixes)
		d.Suggestions = shortenTitles(d.Suggestions)
	}
	return diags
}

// shortenTitles returns fixes with their titles bounded by ShortenMessage,
// the slice itself when none changes, else a copy.
func shortenTitles(fixes []Fix) []Fix {
	out, cloned := fixes, false
	for j, fx := range fixes {
		if t := ShortenMessage(fx.Title); t != fx.Title {
			if !cloned {
				out, cloned = slices.Clone(fixes), true
			}
			out[j].Title = t
		}
	}
	return out
}

// standInAdvice ends the message of the finding that stands for a rule's
// findings past the cap in a file, when some are shown (see Baseline.New
// for --only-new, which may leave out all those shown).
const standInAdvice = "; fix the ones shown and run again"

// limitPerFile keeps the first MaxFindingsPerFile findings of each rule on
// each file, in order, and puts one finding in place of the others that
// says how many there are, counting those the rule's pass did not keep.
func limitPerFile(c *postCtx, diags []Diagnostic) []Diagnostic {
	seen := map[cutShortKey]int{}
	first := map[cutShortKey]Diagnostic{}
	fixable := map[cutShortKey][2]int{} // past the cap: with a fix, with a suggestion only
	var order []cutShortKey
	out := diags[:0]
	for _, d := range diags {
		k := cutShortKey{d.Span.File, d.Rule}
		seen[k]++
		if seen[k] <= MaxFindingsPerFile {
			out = append(out, d)
			continue
		}
		switch f := fixable[k]; {
		case len(d.Fixes) > 0:
			fixable[k] = [2]int{f[0] + 1, f[1]}
		case len(d.Suggestions) > 0:
			fixable[k] = [2]int{f[0], f[1] + 1}
		}
		if seen[k] == MaxFindingsPerFile+1 {
			first[k] = d
			order = append(order, k)
		}
	}
	for k, o := range c.site.cutShort {
		// An include file the ignore globs or the .gitignore leave out
		// gets no finding (the "ignore" step), and a rule disabled for
		// the whole file has none of its findings there shown, kept or
		// not.
		if c.site.IgnoredFile(k.file) {
			continue
		}
		if dir := c.suppressedBy(Diagnostic{Span: o.first, Rule: k.rule}); dir != nil && dir.Kind == DisableFileDirective {
			continue
		}
		if _, ok := first[k]; !ok && c.site.Config.Severity(k.rule) != Off {
			first[k] = Diagnostic{Span: o.first, Rule: k.rule, Severity: c.site.Config.Severity(k.rule)}
			order = append(order, k)
		}
	}
	if len(order) == 0 {
		return out
	}
	for _, k := range order {
		notKept := c.site.cutShortBy(k.file, k.rule).n
		n := max(seen[k]-MaxFindingsPerFile, 0) + notKept
		more := "findings"
		if n == 1 {
			more = "finding"
		}
		count := fmt.Sprintf("%d more %s", n, more)
		if notKept > 0 {
			// Those the pass did not keep were not seen by suppression.
			count = fmt.Sprintf("up to %d more %s", n, more)
		}
		msg := fmt.Sprintf("%s of this rule in this file not shown (at most %d are shown)%s", count, MaxFindingsPerFile, standInAdvice)
		if seen[k] == 0 {
			// None shown (every finding kept suppressed, or left out as
			// old): "the ones shown" would point at nothing.
			msg = fmt.Sprintf("up to %d %s of this rule in this file not shown: careerlint matches only the first %d with inline suppressions, and none of those is shown; fix them, or suppress the rule in the whole file with careerlint-disable-file", n, more, maxFindingsKept)
		}
		d := first[k]
		out = append(out, Diagnostic{
			Span:     d.Span,
			Message:  msg,
			Rule:     d.Rule,
			Severity: d.Severity,
			StandIn:  true,
			// Those the pass did not keep are not counted: how many
			// of them are suppressed is not known.
			NotShown:          max(seen[k]-MaxFindingsPerFile, 0),
			NotCounted:        notKept,
			NotShownFixable:   fixable[k][0],
			NotShownSuggested: fixable[k][1],
		})
	}
	return sortDiagnostics(c, out)
}
