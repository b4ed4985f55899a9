package rules

import (
	"fmt"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderGap reports, for information, a track whose levels skip a rung of
// the ladder that another track of the run has: intern then intermediate
// with no associate, while other tracks have an associate level. Rungs no
// track has (senior-staff in a handbook without one) are not gaps.
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
	have := map[int][]*Track{}
	for _, t := range m.tracks {
		for _, l := range t.Levels {
			if l.Rung >= 0 {
				have[l.Rung] = append(have[l.Rung], t)
			}
		}
	}
	for _, t := range m.tracks {
		var prev *TrackLevel
		for _, l := range t.Levels {
			if l.Rung < 0 {
				continue
			}
			if prev != nil {
				var skipped []string
				var others []*Track
				var spans []lint.Span
				for r := prev.Rung + 1; r < l.Rung; r++ {
					if len(have[r]) == 0 || m.levelOnDisk(t, strings.ToLower(m.cfg.Ladder[r])) {
						continue
					}
					skipped = append(skipped, strings.ToLower(m.cfg.Ladder[r]))
					for _, o := range have[r] {
						if !containsTrack(others, o) {
							others = append(others, o)
						}
						if len(spans) < 4 {
							spans = append(spans, levelHeading(o.Level(strings.ToLower(m.cfg.Ladder[r]))))
						}
					}
				}
				if len(skipped) > 0 {
					at := m.gapSpan(t, l)
					slices.SortFunc(others, func(a, b *Track) int { return strings.Compare(a.Dir, b.Dir) })
					var os []string
					for _, o := range others {
						os = append(os, trackName(o))
					}
					if len(os) > 4 {
						os = append(os[:3], fmt.Sprintf("%d more", len(os)-3))
					}
					what, it := "a level", "it"
					if len(skipped) > 1 {
						what, it = "levels", "them"
					}
					msg := fmt.Sprintf("track %s skips %s between %s and %s, %s that other tracks have (%s); add %s if the track has %s, or suppress this finding where the gap is deliberate",
						trackName(t), joinAnd(skipped), prev.Name(), l.Name(), what, joinAnd(os), joinAnd(mdNames(skipped)), it)
					out = append(out, ladderFinding{Track: t, Diag: lint.Diagnostic{Span: at, Message: msg, Related: relatedAt(spans, "the level on another track")}})
				}
			}
			prev = l
		}
	}
	return out
}

// levelOnDisk reports whether a track's folder has a page of the level
// although the track has no such level: a page that could not be read or
// parsed (binary, too large, unreadable), which its file-format finding
// reports. The level is there; saying "add senior.md" would be wrong.
func (m *ladderModel) levelOnDisk(t *Track, key string) bool {
	for _, name := range m.levelFiles(t.Dir) {
		if k, _, _ := pageLevel(m.cfg, t.Dir+"/"+name); k == key {
			return true
		}
	}
	return false
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

func containsTrack(ts []*Track, t *Track) bool {
	for _, o := range ts {
		if o == t {
			return true
		}
	}
	return false
}

// joinAnd joins words as prose: "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// mdNames adds ".md" to level names.
func mdNames(s []string) []string {
	var out []string
	for _, n := range s {
		out = append(out, n+".md")
	}
	return out
}
