package lint

import (
	"bytes"
	"context"
	"fmt"
	"maps"
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
	// fixedOld and fixedFiles are FixedBy's: the old findings before the
	// fixes on lines they rewrote, by problem, and the files they changed.
	fixedOld   map[problemKey]int
	fixedFiles map[string]FixedFile
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

// oldFinding is a finding of the lint before FixAll's fixes that the
// baseline has: its problem and the text of its line.
type oldFinding struct {
	key  problemKey
	line string
}

// oldByProblem returns the findings of res the baseline has (not fresh),
// stand-ins aside, with the text of their lines.
func (b *Baseline) oldByProblem(res *Result) []oldFinding {
	var out []oldFinding
	for i, isNew := range b.Fresh(res) {
		if d := res.Diagnostics[i]; !isNew && !d.StandIn {
			out = append(out, oldFinding{problemOf(d), lineTextAt(res.Site.Source(d.Span.File), d.Span.Start)})
		}
	}
	return out
}

// lineTextAt returns the line of src that holds the byte offset off, without
// its line ending ("" when off is past src).
func lineTextAt(src []byte, off int) string {
	if off < 0 || off > len(src) {
		return ""
	}
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	return strings.TrimSuffix(string(src[start:end]), "\r")
}

// lineSet counts the lines of a text.
func lineSet(text []byte) map[string]int {
	out := map[string]int{}
	for line := range strings.SplitSeq(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n") {
		out[line]++
	}
	return out
}

// FixedBy tells the baseline that the lint it is next asked about (New,
// Fresh) is of the text fixed (FixAll with this baseline as
// RunOptions.FixBaseline): a fix that edits a line with an old finding
// on it (a link rewritten on a bullet written with "*") changes the
// line its fingerprint hashes, but not the finding. So, in a file the
// fixes changed, a finding the baseline lacks on a line the fixes wrote
// (one the text before them did not have) is old while the lint before
// the fixes found as many old findings of its problem on lines the fixes
// rewrote (ones the text after them does not have); a finding on a line
// the fixes left stays new.
func (b *Baseline) FixedBy(f *Fixed) {
	if f == nil || len(f.oldBefore) == 0 || len(f.Files) == 0 {
		return
	}
	b.fixedFiles = f.Files
	b.fixedOld = map[problemKey]int{}
	after := map[string]map[string]int{}
	for _, o := range f.oldBefore {
		ff, ok := f.Files[o.key.file]
		if !ok {
			continue
		}
		if after[o.key.file] == nil {
			after[o.key.file] = lineSet(ff.New)
		}
		if after[o.key.file][o.line] == 0 {
			b.fixedOld[o.key]++
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
	if len(b.fixedOld) == 0 {
		return fresh
	}
	// In the files the fixes changed: the old findings of each problem
	// whose lines the fixes rewrote, for the findings on lines they wrote.
	left := maps.Clone(b.fixedOld)
	before := map[string]map[string]int{}
	for i, d := range now.Diagnostics {
		ff, fixed := b.fixedFiles[d.Span.File]
		if !fresh[i] || d.StandIn || !fixed {
			continue
		}
		if before[d.Span.File] == nil {
			before[d.Span.File] = lineSet(ff.Old)
		}
		if before[d.Span.File][lineTextAt(now.Site.Source(d.Span.File), d.Span.Start)] > 0 {
			continue // a line the fixes left: the change's own
		}
		if k := problemOf(d); left[k] > 0 {
			left[k]--
			fresh[i] = false
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
