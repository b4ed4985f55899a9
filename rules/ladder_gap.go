package rules

import (
	"fmt"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderGap reports, for information, a track whose levels skip a rung of
// the ladder that another track has (read from the disk when the run does
// not hold it): intern then intermediate with no associate, while other
// tracks have an associate level. Rungs no track has (senior-staff in a
// handbook without one) are not gaps.
var LadderGap = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL021",
		Name:    "ladder-gap",
		Summary: "a track does not skip a rung of the ladder that other tracks have",
		Default: lint.Info,
	},
	CheckSite: func(pass *lint.SitePass) { reportFindings(pass, ladderGapFindings(ladderOf(pass.Site))) },
}

func ladderGapFindings(m *ladderModel) []ladderFinding {
	var out []ladderFinding
	have := map[int][]rungHolder{}
	for _, t := range m.tracks {
		for _, l := range t.Levels {
			if l.Rung >= 0 {
				have[l.Rung] = append(have[l.Rung], rungHolder{dir: t.Dir, level: l})
			}
		}
	}
	// The other folders are listed only when a track of the run skips a
	// rung where the run reports it, which most do not.
	var outside map[int][]string
	for _, t := range m.tracks {
		var prev *TrackLevel
		for _, l := range t.Levels {
			if l.Rung < 0 {
				continue
			}
			// A gap the run would not report (on a page of the track it does
			// not hold: a one-page run over a level elsewhere on the track)
			// needs no look at the other folders.
			var at lint.Span
			if prev != nil && l.Rung > prev.Rung+1 {
				at = m.gapSpan(t, l)
			}
			if at.File != "" && m.reported(ladderFinding{Track: t, Diag: lint.Diagnostic{Span: at}}) {
				var skipped, others []string
				var spans []lint.Span
				for r := prev.Rung + 1; r < l.Rung; r++ {
					key := strings.ToLower(m.cfg.Ladder[r])
					if outside == nil {
						outside = m.levelsOutsideRun()
					}
					holders := append(slices.Clip(have[r]), m.parsedOutside(outside[r])...)
					if len(holders) == 0 || m.levelOnDisk(t, key) {
						continue
					}
					// By folder, as a run over every track orders them.
					slices.SortStableFunc(holders, func(a, b rungHolder) int { return strings.Compare(a.dir, b.dir) })
					skipped = append(skipped, key)
					for _, o := range holders {
						if !slices.Contains(others, o.dir) {
							others = append(others, o.dir)
						}
						if len(spans) < 4 {
							spans = append(spans, levelHeading(o.level))
						}
					}
				}
				if len(skipped) > 0 {
					slices.Sort(others)
					labels := trackLabels(append([]string{t.Dir}, others...)...)
					names := labels[1:]
					if len(names) > 4 {
						names = append(names[:3], fmt.Sprintf("%d more", len(names)-3))
					}
					what, it := "a level", "it"
					if len(skipped) > 1 {
						what, it = "levels", "them"
					}
					msg := fmt.Sprintf("track %s skips %s between %s and %s, %s that other tracks have (%s); add %s if the track has %s, or suppress this finding where the gap is deliberate",
						labels[0], joinAnd(skipped), prev.Name(), l.Name(), what, joinAnd(names), joinAnd(mdNames(skipped)), it)
					out = append(out, ladderFinding{Track: t, Diag: lint.Diagnostic{Span: at, Message: msg, Related: relatedAt(spans, "the level on another track")}})
				}
			}
			prev = l
		}
	}
	return out
}

// rungHolder is a level of another track that has a rung: a level of the
// run, or one read from a folder the run does not hold.
type rungHolder struct {
	dir   string
	level *TrackLevel
}

// levelsOutsideRun returns, by rung, the level pages on disk of the
// folders of career pages that hold no track of the run (none in a run
// over every page), sorted by path: a run over one track compares it with
// the others as a run over all of them does. Two names of a level in one
// folder that differ in case are both listed (see parsedOutside).
func (m *ladderModel) levelsOutsideRun() map[int][]string {
	inRun := map[string]bool{}
	for _, t := range m.tracks {
		inRun[t.Dir] = true
	}
	out := map[int][]string{} // not nil: listed
	for _, f := range m.site.CareerPagesOnDisk() {
		if inRun[levelDir(f)] {
			continue
		}
		key, _, ok := pageLevel(m.cfg, f)
		if !ok {
			continue
		}
		if r := slices.IndexFunc(m.cfg.Ladder, func(l string) bool { return strings.ToLower(l) == key }); r >= 0 {
			out[r] = append(out[r], f)
		}
	}
	return out
}

// parsedOutside returns the level pages among files (of folders outside
// the run, sorted by path) that parse, read only now that a gap asks, one
// a folder: a level that does not parse is no level to a run over every
// track either, and of two names that differ in case (Senior.md and
// senior.md), the first by path that parses is the level, as there.
func (m *ladderModel) parsedOutside(files []string) []rungHolder {
	var out []rungHolder
	for _, f := range files {
		dir := levelDir(f)
		if slices.ContainsFunc(out, func(h rungHolder) bool { return h.dir == dir }) {
			continue
		}
		if p := m.contentPage(f); p != nil && p.Parsed() {
			out = append(out, rungHolder{dir: dir, level: &TrackLevel{Page: p}})
		}
	}
	return out
}

// levelOnDisk reports whether a track's folder has a page of the level
// although the track has no such level: one of its Unread, a page that
// could not be read or parsed (binary, too large, unreadable), which its
// file-format finding reports, or one that the ignore globs or the root's
// .gitignore leave out (Hugo publishes it; careerlint only does not lint
// it). The level is there; saying "add senior.md" would be wrong.
func (m *ladderModel) levelOnDisk(t *Track, key string) bool {
	return slices.ContainsFunc(t.Unread, func(l *TrackLevel) bool { return l.Key == key })
}

// gapSpan is where a gap below level l is reported: the index's link to l
// when the index is the track's own and links it, else l's first heading.
func (m *ladderModel) gapSpan(t *Track, l *TrackLevel) lint.Span {
	if t.Index != nil && t.OwnIndex {
		for _, cl := range m.renderedLinks(t.Index) {
			if m.linkedFile(cl) == l.Page.Path {
				return linkSpan(t.Index, cl)
			}
		}
	}
	return levelHeading(l)
}

// joinAnd joins words as prose: "a", "a and b", "a, b and c".
func joinAnd(s []string) string { return lint.JoinWords(s, "and") }

// mdNames adds ".md" to level names.
func mdNames(s []string) []string {
	var out []string
	for _, n := range s {
		out = append(out, n+".md")
	}
	return out
}
