package rules

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// LadderPreviousLevelOptions configure the ladder-previous-level rule.
type LadderPreviousLevelOptions struct {
	// Keywords are words of which one, with a level name, makes a link's
	// text a reference to a level's competencies ("All competencies
	// exhibited by an Intermediate"). Matched as whole words, ignoring
	// case.
	Keywords []string `yaml:"keywords"`
}

// LadderPreviousLevel reports a reference to the competencies of the level
// below ("All competencies exhibited by an Intermediate", linking
// intermediate.md) that names or links another level than the track's
// previous existing level: the page itself, a level further down, another
// track's page, or any level on the lowest rung.
var LadderPreviousLevel = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL020",
		Name:     "ladder-previous-level",
		Summary:  "a reference to the level below names and links the previous existing level of the same track",
		Default:  lint.Warning,
		Suggests: true,
	},
	NewOptions: func() any { return &LadderPreviousLevelOptions{Keywords: []string{"competencies"}} },
	CheckSite: func(pass *lint.SitePass) {
		reportFindings(pass, ladderPreviousLevelFindings(ladderOf(pass.Site), pass.Options.(*LadderPreviousLevelOptions)))
	},
}

// hasKeyword reports whether text holds one of the keywords as a word.
func (o *LadderPreviousLevelOptions) hasKeyword(text string) bool {
	for _, w := range wordsOf(text) {
		for _, k := range o.Keywords {
			if strings.EqualFold(w.lower, k) {
				return true
			}
		}
	}
	return false
}

// pageRef is a level page a link points at.
type pageRef struct {
	file, key string
	level     *TrackLevel // nil for a page outside the run
}

func ladderPreviousLevelFindings(m *ladderModel, opts *LadderPreviousLevelOptions) []ladderFinding {
	var out []ladderFinding
	rung := map[string]int{}
	for i, l := range m.cfg.Ladder {
		rung[strings.ToLower(l)] = i
	}
	for _, t := range m.tracks {
		onLadder := func(l *TrackLevel) bool { return l.Rung >= 0 }
		if len(levelsOf(t, onLadder))+len(slices.DeleteFunc(slices.Clone(t.Unread), func(l *TrackLevel) bool { return l.Rung < 0 })) < 2 {
			continue // one rung: which level is below it is not known here
		}
		for _, l := range t.Levels {
			if l.Rung < 0 {
				continue // an extra level has no place on the ladder
			}
			if l.Context {
				continue // not in the run: nothing is reported on it
			}
			for _, cl := range m.site.CheckedLinks(l.Page) {
				if cl.File != l.Page || cl.Check.Dest.Kind == lint.DestFragment || !opts.hasKeyword(cl.Link.Text) {
					continue
				}
				ws := m.levels.find(cl.Link.Text, textJoiners, false)
				var target *pageRef
				if f := linkedFile(m.site, cl.Check); f != "" {
					if lv := m.byPage[f]; lv != nil {
						target = &pageRef{file: f, key: lv.Key, level: lv}
					} else if key, _, ok := pageLevel(m.cfg, f); ok {
						target = &pageRef{file: f, key: key}
					}
				}
				if len(ws) == 0 && target == nil {
					continue // not a reference to a level
				}
				if d, ok := m.previousLevelProblem(t, l, cl, ws, target, rung); ok {
					out = append(out, ladderFinding{Track: t, Level: l, Section: m.info[l].sectionAt(cl.Link.Span.Start), Diag: d})
				}
			}
		}
	}
	return out
}

// previousLevelProblem checks one reference to the level below.
func (m *ladderModel) previousLevelProblem(t *Track, l *TrackLevel, cl lint.CheckedLink, ws []levelWord, target *pageRef, rung map[string]int) (lint.Diagnostic, bool) {
	text := cl.Link.Text
	prev := t.previous(l)
	if prev == nil {
		what := ""
		if len(ws) > 0 {
			what = fmt.Sprintf(" %q", ws[0].Text(text))
		}
		return lint.Diagnostic{Span: cl.Link.Span, Message: fmt.Sprintf("refers to the competencies of the level below%s, but %s is the lowest level of track %s; remove the reference", what, l.Name(), trackName(t))}, true
	}
	var problems []string
	if len(ws) > 0 && ws[0].Key != prev.Key {
		w := ws[0]
		r, inLadder := rung[w.Key]
		switch {
		case w.Key == l.Key:
			problems = append(problems, fmt.Sprintf("names its own level %q", w.Text(text)))
		case inLadder && r > l.Rung:
			problems = append(problems, fmt.Sprintf("names %q, a level above this one", w.Text(text)))
		case inLadder && r < prev.Rung:
			problems = append(problems, fmt.Sprintf("names %q, a level further down than the previous one", w.Text(text)))
		default:
			problems = append(problems, fmt.Sprintf("names %q", w.Text(text)))
		}
	}
	if target != nil && target.file != prev.Page.Path {
		tl := target.level
		var which string
		switch {
		case target.file == l.Page.Path:
			which = "this page itself"
		case tl != nil && m.trackOf[tl] == t:
			which = tl.Name()
		case levelDir(target.file) == t.Dir:
			which = strings.TrimPrefix(target.file, t.Dir+"/")
		default:
			dir := levelDir(target.file)
			which = fmt.Sprintf("%s of track %s", strings.TrimPrefix(target.file, dir+"/"), path.Base(dir)+"/")
		}
		if cl.Check.Found {
			problems = append(problems, "links "+which)
		} else {
			// A stale URL, taken for the page link-target's did-you-mean
			// names: the link reaches no page at all.
			problems = append(problems, fmt.Sprintf("links a URL that matches no page (the closest page is %s)", which))
		}
	}
	if len(problems) == 0 {
		return lint.Diagnostic{}, false
	}
	url := m.site.PageURL(prev.Page)
	msg := fmt.Sprintf("reference to the level below %s; the previous level of this track is %s (%s): name it and link %s", strings.Join(problems, ", and "), prev.Title, prev.Name(), url)
	d := lint.Diagnostic{Span: cl.Link.Span, Message: msg, Related: []lint.Related{{Span: levelHeading(prev), Message: "the previous level"}}}
	var named *levelWord
	if len(ws) > 0 && ws[0].Key != prev.Key {
		named = &ws[0]
	}
	linked := target != nil && target.file != prev.Page.Path
	if fix, ok := previousLevelFix(l.Page, cl.Link, named, linked, prev.Title, url); ok {
		d.Suggestions = []lint.Fix{fix}
	}
	return d, true
}

// previousLevelFix is the suggestion for a reference to the level below
// (an inline link of page p): named, when set, is the level name its text
// writes in place of title, which it rewrites where the source writes
// that name once as a word (with the article before it, "a" or "an",
// made to fit), and with linked its destination is rewritten as url (any
// fragment dropped: it named a heading of another page). False when
// either cannot be rewritten where it is written: a link that is not
// inline ([text][ref], an HTML link), a name written more than once or
// not as the text reads, a destination spelt with escapes or entities.
func previousLevelFix(p *lint.Page, l *lint.Link, named *levelWord, linked bool, title, url string) (lint.Fix, bool) {
	if l.Kind == lint.HTMLLink || l.Span.Start < 0 || l.Span.End > len(p.Src) || l.DestStart <= l.Span.Start || l.DestStart > l.Span.End {
		return lint.Fix{}, false
	}
	textEnd := bytes.LastIndex(p.Src[l.Span.Start:l.DestStart], []byte("]("))
	if p.Src[l.Span.Start] != '[' || textEnd < 0 {
		return lint.Fix{}, false
	}
	var edits []lint.Edit
	if named != nil {
		start := l.Span.Start + 1 // the text, after "["
		text := string(p.Src[start : l.Span.Start+textEnd])
		name := named.Text(l.Text)
		at := -1
		for i := 0; i+len(name) <= len(text); i++ {
			if text[i:i+len(name)] == name && (i == 0 || !isWordByte(text[i-1])) && (i+len(name) == len(text) || !isWordByte(text[i+len(name)])) {
				if at >= 0 {
					return lint.Fix{}, false // written twice: which one is meant is not known
				}
				at = i
			}
		}
		if at < 0 {
			return lint.Fix{}, false
		}
		if a, end := articleBefore(text, at); a >= 0 {
			// "a Senior" becomes "an Intermediate", "an Intermediate" "a
			// Senior"; what is between (a line break, emphasis) stays.
			article := "a"
			if strings.ContainsRune("AEIOUaeiou", rune(title[0])) {
				article = "an"
			}
			if text[a] == 'A' {
				article = "A" + article[1:]
			}
			if article != text[a:end] {
				edits = append(edits, lint.Edit{Span: p.Span(start+a, start+end), Text: article})
			}
		}
		edits = append(edits, lint.Edit{Span: p.Span(start+at, start+at+len(name)), Text: title})
	}
	if linked {
		if !l.Exact || l.DestEnd < l.DestStart || l.DestEnd > l.Span.End || l.Dest != strings.TrimSpace(l.Dest) || strings.ContainsAny(url, " ()<>") {
			return lint.Fix{}, false
		}
		edits = append(edits, lint.Edit{Span: p.Span(l.DestStart, l.DestEnd), Text: url})
	}
	if len(edits) == 0 {
		return lint.Fix{}, false
	}
	return lint.Fix{Title: "refer to " + title + " at " + url, Edits: edits}, true
}

// articleBefore returns where the article "a" or "an" that comes right
// before offset i of text starts and ends, with only white space (a line
// break too) and emphasis markers between; -1 and 0 when there is none.
func articleBefore(text string, i int) (start, end int) {
	j := i
	for j > 0 && strings.IndexByte(" \t\r\n*_", text[j-1]) >= 0 {
		j--
	}
	if j == i {
		return -1, 0
	}
	for _, a := range []string{"an", "a"} {
		k := j - len(a)
		if k >= 0 && strings.EqualFold(text[k:j], a) && (k == 0 || !isWordByte(text[k-1])) {
			return k, j
		}
	}
	return -1, 0
}
