package lint

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
)

// BaseState is the site as it was at the base of a change that
// ChangedPages found: a run given its Overlay and Absent (RunOptions)
// reads the files the change touches as they were there, so that its
// findings can be set against the findings of the change (NewFindings,
// for --only-new). The site's Hugo configuration at the base is
// BaseState.HugoConfig; careerlint's own configuration file at the base,
// when the change touches it, is in Overlay like any file.
type BaseState struct {
	// Overlay holds the text at the base of each file the change touches
	// that the base has (changed, deleted or moved away).
	Overlay map[string][]byte
	// Absent are the files the change adds (or moves in), which the base
	// does not have.
	Absent map[string]bool
	// Pages are the change's pages (Changed.Pages) that the base has, at
	// their paths there, sorted.
	Pages []string
	// Renamed maps a file the change moves, at its path at the base, to
	// its path now.
	Renamed map[string]string
}

// BaseState reads the files the change touches at its base, in one git
// cat-file. An error is a git that could not answer.
func (c *Changed) BaseState(ctx context.Context) (*BaseState, error) {
	b := &BaseState{Overlay: map[string][]byte{}, Absent: map[string]bool{}, Renamed: map[string]string{}}
	if len(c.Files) > 0 {
		names := make([]string, len(c.Files))
		for i, f := range c.Files {
			names[i] = c.base + ":" + c.topName[f]
		}
		texts, err := readBlobs(ctx, c.root, names)
		if err != nil {
			return nil, fmt.Errorf("cannot read the files at the base %s: %w", c.base, err)
		}
		for i, f := range c.Files {
			if texts[i] != nil {
				b.Overlay[f] = texts[i]
			} else {
				b.Absent[f] = true
			}
		}
	}
	was := map[string]string{} // path now -> path at the base
	for _, m := range c.Moves {
		b.Renamed[m.From] = m.To
		was[m.To] = m.From
	}
	for _, p := range c.Pages {
		if from, ok := was[p]; ok {
			p = from
		}
		if !b.Absent[p] {
			b.Pages = append(b.Pages, p)
		}
	}
	slices.Sort(b.Pages)
	b.Pages = slices.Compact(b.Pages)
	return b, nil
}

// NewFindings returns the findings of now that base does not have, in
// order, and how many it leaves out. A finding of now is one of base when
// their fingerprints are equal (the file, the rule, the problem the
// message names and the source line the finding starts on, with the
// count of such findings before it: see Report.fingerprints), the
// base's files taken at their paths now (renamed, as BaseState.Renamed).
// A finding on a line the change edits is new, as GitLab's merge request
// widget counts it. The finding that stands for a rule's findings past the
// cap in a file (Diagnostic.StandIn) is new when it stands for more than
// the base's did, past the cap (Diagnostic.NotShown) or past the findings
// the rule's pass keeps (Diagnostic.NotCounted, which the base's lint
// counted as this one does): the change may have brought one there.
func NewFindings(now, base *Result, renamed map[string]string) (fresh []Diagnostic, old int) {
	fresh, old, _ = NewBaseline(base, renamed).New(now)
	return fresh, old
}

// New returns the findings of now that the baseline does not have, in
// order, and how many it leaves out (see NewFindings): a stand-in left out
// counts as the findings past the cap it stands for (Diagnostic.NotShown),
// as Report.Counts counts it, and notCounted is how many more findings
// the stand-ins left out stand for that their rule's pass only counted
// (Diagnostic.NotCounted): old is then a lower bound.
//
// A stand-in that is new while every finding of its rule shown in its
// file is old says so: the ones shown, which its message asks to fix
// first, are left out.
func (b *Baseline) New(now *Result) (fresh []Diagnostic, old, notCounted int) {
	type ruleFile struct {
		rule *Rule
		file string
	}
	shownNew := map[ruleFile]bool{}
	isNew := b.Fresh(now)
	for i, d := range now.Diagnostics {
		if isNew[i] && !d.StandIn {
			shownNew[ruleFile{d.Rule, d.Span.File}] = true
		}
	}
	for i, d := range now.Diagnostics {
		if !isNew[i] {
			old += max(d.NotShown, 1)
			notCounted += d.NotCounted
			continue
		}
		if d.StandIn && !shownNew[ruleFile{d.Rule, d.Span.File}] && strings.HasSuffix(d.Message, standInAdvice) {
			d.Message = strings.TrimSuffix(d.Message, standInAdvice) + "; the change brings some of them, and the ones shown are old, which --only-new leaves out: run without --only-new to see them, fix them and run again"
		}
		fresh = append(fresh, d)
	}
	return fresh, old, notCounted
}

// Baseline is the findings of a change's base, by fingerprint, for
// telling which findings of the change's lint are new (NewFindings).
type Baseline struct {
	had     map[string]bool
	standIn map[string][2]int // a stand-in's fingerprint -> NotShown and NotCounted at the base
	linted  map[string]bool   // the files the base's lint read: pages and the files they include
	// fixed is FixedBy's: for each file the fixes changed, how its lines
	// map to the text before them, and the findings there before them.
	fixed map[string]*fixedText
}

// problemKey is what a fingerprint hashes but the line: a finding's
// file, rule and problem (Diagnostic.Identity, else see
// fingerprintMessage).
type problemKey struct{ file, rule, problem string }

// problemOf returns the problemKey of a finding.
func problemOf(d Diagnostic) problemKey {
	p := d.Identity
	if p == "" {
		p = fingerprintMessage(d.Message)
	}
	id := ""
	if d.Rule != nil {
		id = d.Rule.ID
	}
	return problemKey{d.Span.File, id, p}
}

// fixFinding is a finding of the lint before FixAll's fixes: its problem,
// its line (from 0) and whether the baseline lacks it.
type fixFinding struct {
	key   problemKey
	line  int
	fresh bool
}

// findingsBefore returns the findings of res, the lint before any fix,
// with their lines and whether they are new; stand-ins aside.
func (b *Baseline) findingsBefore(res *Result) []fixFinding {
	var out []fixFinding
	for i, isNew := range b.Fresh(res) {
		if d := res.Diagnostics[i]; !d.StandIn {
			out = append(out, fixFinding{problemOf(d), srcLine(res.Site.Source(d.Span.File), d.Span.Start), isNew})
		}
	}
	return out
}

// srcLine returns the line (from 0) of src that holds the byte offset off.
func srcLine(src []byte, off int) int {
	return bytes.Count(src[:min(max(off, 0), len(src))], []byte("\n"))
}

// fixedText is a file the fixes changed, for FixedBy: each line of the
// fixed text, the line of the text before them it stands for (lineMap),
// and the findings before them by line and by gap.
type fixedText struct {
	lines  lineMap
	byLine map[int][]fixFinding
	byGap  map[int][]fixFinding
}

// lineMap maps the lines of a fixed text to those of the text before the
// fixes: newTo[j] is the line j stands for, or -(g+2) for a line of gap g,
// a run of lines the fixes replaced by a run of another length, whose
// lines stand for the gap's old lines as a whole (oldGap[i] is g for
// them, -1 for other old lines).
type lineMap struct {
	newTo, oldGap []int
}

// alignLines maps the lines of new to those of old: equal lines where the
// longest common run of lines pairs them (a window past the common start
// and end, when small enough), and between two pairs, lines by position
// when both sides have as many, else as one gap. Fixes edit lines in
// place or add a few: the pairing follows them.
func alignLines(old, new []string) lineMap {
	m := lineMap{newTo: make([]int, len(new)), oldGap: make([]int, len(old))}
	for i := range m.oldGap {
		m.oldGap[i] = -1
	}
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		m.newTo[p] = p
		p++
	}
	sfx := 0
	for sfx < len(old)-p && sfx < len(new)-p && old[len(old)-1-sfx] == new[len(new)-1-sfx] {
		m.newTo[len(new)-1-sfx] = len(old) - 1 - sfx
		sfx++
	}
	ho, hn := len(old)-sfx, len(new)-sfx // the middle: [p, ho) and [p, hn)
	gaps := 0
	span := func(o0, o1, n0, n1 int) { // lines between two pairs
		if o1-o0 == n1-n0 {
			for k := 0; k < n1-n0; k++ {
				m.newTo[n0+k] = o0 + k
			}
			return
		}
		for j := n0; j < n1; j++ {
			m.newTo[j] = -(gaps + 2)
		}
		for i := o0; i < o1; i++ {
			m.oldGap[i] = gaps
		}
		gaps++
	}
	mo, mn := ho-p, hn-p
	if mo == mn || mo == 0 || mn == 0 || mo*mn > 1<<22 {
		span(p, ho, p, hn)
		return m
	}
	// The longest common subsequence of the middle's lines.
	lcs := make([][]int32, mo+1)
	for i := range lcs {
		lcs[i] = make([]int32, mn+1)
	}
	for i := mo - 1; i >= 0; i-- {
		for j := mn - 1; j >= 0; j-- {
			if old[p+i] == new[p+j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j, o0, n0 := 0, 0, 0, 0
	for i < mo && j < mn {
		switch {
		case old[p+i] == new[p+j]:
			span(p+o0, p+i, p+n0, p+j)
			m.newTo[p+j] = p + i
			i, j = i+1, j+1
			o0, n0 = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	span(p+o0, ho, p+n0, hn)
	return m
}

// FixedBy tells the baseline that the lint it is next asked about (New,
// Fresh) is of the text fixed (FixAll with this baseline as
// RunOptions.FixBaseline): a fix that edits a line with an old finding
// on it (a link rewritten on a bullet written with "*") changes the line
// its fingerprint hashes, but not the finding. So, in a file the fixes
// changed, a finding on a line that stands for a line of the text before
// them (alignLines) that had a finding of its problem is as new as that
// one was; one on a line that stands for none, or for a line without
// such a finding, is judged by its fingerprint.
func (b *Baseline) FixedBy(f *Fixed) {
	if f == nil || len(f.before) == 0 || len(f.Files) == 0 {
		return
	}
	b.fixed = map[string]*fixedText{}
	for file, ff := range f.Files {
		b.fixed[file] = &fixedText{
			lines:  alignLines(strings.Split(string(ff.Old), "\n"), strings.Split(string(ff.New), "\n")),
			byLine: map[int][]fixFinding{},
			byGap:  map[int][]fixFinding{},
		}
	}
	for _, o := range f.before {
		ft := b.fixed[o.key.file]
		if ft == nil || o.line >= len(ft.lines.oldGap) {
			continue
		}
		if g := ft.lines.oldGap[o.line]; g >= 0 {
			ft.byGap[g] = append(ft.byGap[g], o)
		} else {
			ft.byLine[o.line] = append(ft.byLine[o.line], o)
		}
	}
}

// NewBaseline returns the baseline of base, the pages linted as they were
// at a change's base, their files taken at their paths now (renamed, as
// BaseState.Renamed).
func NewBaseline(base *Result, renamed map[string]string) *Baseline {
	b := &Baseline{had: map[string]bool{}, standIn: map[string][2]int{}, linted: map[string]bool{}}
	b.Add(base, renamed, nil)
	return b
}

// Add adds to the baseline the findings of base, another lint at the
// change's base, in the files of only (root-relative, at their paths
// now; nil for every file), and takes those files as read: the files
// the first lint did not read, which other pages at the base include (an
// include file that only a page the change adds includes now).
func (b *Baseline) Add(base *Result, renamed map[string]string, only map[string]bool) {
	nowName := func(f string) string {
		if to, ok := renamed[f]; ok {
			return to
		}
		return f
	}
	if base.Site != nil {
		read := func(f string) {
			if f = nowName(f); only == nil || only[f] {
				b.linted[f] = true
			}
		}
		for _, p := range base.Site.Pages {
			read(p.Path)
		}
		for _, inc := range base.Site.IncludedFiles() {
			read(inc.Page.Path)
		}
	}
	baseRep := &Report{Diagnostics: base.Diagnostics, Site: base.Site}
	for i, fp := range baseRep.fingerprintsAs(nowName) {
		d := base.Diagnostics[i]
		if only != nil && !only[nowName(d.Span.File)] {
			continue
		}
		b.had[fp] = true
		if d.StandIn {
			b.standIn[fp] = [2]int{d.NotShown, d.NotCounted}
		}
	}
}

// Linted reports whether the base's lint read the file (root-relative,
// at its path now): a page of the change as it was at the base, or a file
// one of them included. A file it did not read, such as an include file
// that only a page the change adds includes, has findings the baseline
// cannot tell old from new.
func (b *Baseline) Linted(file string) bool { return b.linted[file] }

// Fresh tells, for each finding of now in order, whether it is new: the
// baseline lacks its fingerprint, or it is a stand-in for more findings
// past the cap, or more only counted, than the base's (see NewFindings).
func (b *Baseline) Fresh(now *Result) []bool {
	nowRep := &Report{Diagnostics: now.Diagnostics, Site: now.Site}
	fresh := make([]bool, len(now.Diagnostics))
	for i, fp := range nowRep.fingerprints() {
		d := now.Diagnostics[i]
		was := b.standIn[fp]
		fresh[i] = d.StandIn && (d.NotShown > was[0] || d.NotCounted > was[1]) || !b.had[fp]
	}
	if len(b.fixed) == 0 {
		return fresh
	}
	// Each finding before the fixes speaks for one finding after them.
	used := map[*fixedText]map[[2]int]int{} // {line or -(gap+2), index} taken
	take := func(ft *fixedText, at int, list []fixFinding, k problemKey) (fixFinding, bool) {
		if used[ft] == nil {
			used[ft] = map[[2]int]int{}
		}
		for n, o := range list {
			if o.key == k && used[ft][[2]int{at, n}] == 0 {
				used[ft][[2]int{at, n}] = 1
				return o, true
			}
		}
		return fixFinding{}, false
	}
	for i, d := range now.Diagnostics {
		ft := b.fixed[d.Span.File]
		if ft == nil || d.StandIn {
			continue
		}
		j := srcLine(now.Site.Source(d.Span.File), d.Span.Start)
		if j >= len(ft.lines.newTo) {
			continue
		}
		var o fixFinding
		var ok bool
		switch to := ft.lines.newTo[j]; {
		case to >= 0:
			o, ok = take(ft, to, ft.byLine[to], problemOf(d))
		default:
			o, ok = take(ft, to, ft.byGap[-to-2], problemOf(d))
		}
		if ok {
			fresh[i] = o.fresh
		}
	}
	return fresh
}

// OldNotShownNote says that n findings (n > 0) the pages had before the
// change are left out (--only-new): on standard error and in the Markdown
// summary; "at least n" when notCounted more may be among them (see
// Baseline.New).
func OldNotShownNote(n, notCounted int) string {
	verb := "are"
	if n == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%s the pages had before this change %s not shown", atLeast(n, notCounted, "finding"), verb)
}
