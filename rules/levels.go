package rules

import (
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"weak"

	"gitlab.com/careerlint/careerlint/lint"
)

// This file holds what required-sections and level-name share: which level
// a page is for, how a level is written, and where level names occur in a
// piece of text.

// defaultLevelNames are the names a level is written as besides its
// title-cased file name: the handbook's CSR.md calls its level "Customer
// Support Representative" in headings.
func defaultLevelNames() map[string][]string {
	return map[string][]string{"csr": {"Customer Support Representative"}}
}

// pageLevel returns the level of a page from its name (lint.PageName:
// senior.md, senior.en.md and the leaf bundle senior/index.md are level
// senior): the lower-cased name when it is a level of the configuration
// (ladder or extra levels), and the level's name as the page writes it
// (see levelTitle). Index pages and other files are not level pages.
func pageLevel(cfg *lint.Config, p string) (key, title string, ok bool) {
	_, stem, isMD := lint.PageName(p)
	if !isMD || strings.HasPrefix(stem, "_") {
		return "", "", false
	}
	key = strings.ToLower(stem)
	for _, l := range cfg.Levels() {
		if l == key {
			return key, levelTitle(stem), true
		}
	}
	return "", "", false
}

// levelDir returns the folder of the track a level page is in: the
// page's folder, or the folder holding it for a leaf bundle's index.md.
func levelDir(p string) string {
	if dir, _, ok := lint.PageName(p); ok {
		return dir
	}
	return path.Dir(p)
}

// levelFileName returns a level page's file name in its track's folder:
// "senior.md", or "senior/index.md" for a leaf bundle.
func levelFileName(p string) string {
	return strings.TrimPrefix(p, levelDir(p)+"/")
}

// pageStem returns a page's name as written, without .md and the default
// language's suffix: "CSR" for CSR.md, "senior" for senior/index.md.
func pageStem(p string) string {
	if _, stem, ok := lint.PageName(p); ok {
		return stem
	}
	return strings.TrimSuffix(path.Base(p), path.Ext(p))
}

// levelTitle turns a level file name into the name pages write: words split
// at "-" or "_" and title-cased ("senior-staff" is "Senior Staff"). A name
// written with capitals keeps them, so CSR.md is "CSR".
func levelTitle(stem string) string {
	words := strings.FieldsFunc(stem, func(r rune) bool { return r == '-' || r == '_' })
	keep := strings.ToLower(stem) != stem
	for i, w := range words {
		if !keep {
			r, n := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[n:]
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}

// levelName is one way of writing one level, as lower-cased words.
type levelName struct {
	words []string
	key   string
}

// levelSet knows every level of the configuration and the names each is
// written as.
type levelSet struct {
	// names are sorted with the most words first, so that "Senior Staff"
	// is found before "Senior".
	names []levelName
	// byFirst lists, per first word, the indexes of the names that start
	// with it, in the order of names.
	byFirst map[string][]int
}

// levelNames returns newLevelSet(cfg, rs.LevelNames), worked out once per
// configuration and options: the rules ask for it on every level page,
// three times.
func levelNames(cfg *lint.Config, rs *RequiredSectionsOptions) *levelSet {
	e := levelSets.get(rs, func() cfgLevels { return cfgLevels{weak.Make(cfg), newLevelSet(cfg, rs.LevelNames)} })
	if e.cfg.Value() != cfg {
		return newLevelSet(cfg, rs.LevelNames) // options shared by two configurations
	}
	return e.levels
}

// levelSets memoises levelNames per options. The configuration is held
// weakly: a strong hold would keep it, and so its options, alive forever.
var levelSets weakMemo[RequiredSectionsOptions, cfgLevels]

type cfgLevels struct {
	cfg    weak.Pointer[lint.Config]
	levels *levelSet
}

// newLevelSet returns the levels of a configuration with their names: the
// title-cased file name, and the extra names given per level key.
func newLevelSet(cfg *lint.Config, extra map[string][]string) *levelSet {
	ls := &levelSet{}
	// Levels compare in any case: a key of level-names written "CSR"
	// names the level csr.
	byLevel := map[string][]string{}
	for k, names := range extra {
		byLevel[strings.ToLower(k)] = append(byLevel[strings.ToLower(k)], names...)
	}
	for _, key := range cfg.Levels() {
		names := append([]string{levelTitle(key)}, byLevel[key]...)
		for _, n := range names {
			words := splitWords(strings.ToLower(n), " -_")
			if len(words) > 0 {
				ls.names = append(ls.names, levelName{words: words, key: key})
			}
		}
	}
	sort.SliceStable(ls.names, func(i, j int) bool { return len(ls.names[i].words) > len(ls.names[j].words) })
	ls.byFirst = map[string][]int{}
	for i, n := range ls.names {
		ls.byFirst[n.words[0]] = append(ls.byFirst[n.words[0]], i)
	}
	return ls
}

// splitWords splits s at any of the separator characters.
func splitWords(s, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

// levelWord is one level name found in a text.
type levelWord struct {
	// Start and End are byte offsets into the text searched.
	Start, End int
	// Key is the level's file name, e.g. "senior-staff".
	Key string
}

// Text returns the word as written in s.
func (w levelWord) Text(s string) string { return s[w.Start:w.End] }

// word is one run of letters and digits in a text.
type word struct {
	start, end int
	lower      string
}

// wordsOf splits s into runs of letters and digits.
func wordsOf(s string) []word { return appendWords(nil, s) }

// appendWords appends the runs of letters and digits of s to out.
func appendWords(out []word, s string) []word {
	start := -1
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			out = append(out, word{start, i, strings.ToLower(s[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{start, len(s), strings.ToLower(s[start:])})
	}
	return out
}

// find returns the level names in s, whole words only, leftmost first and
// longest first, never overlapping: "Senior Staff" is one word of level
// senior-staff, not also "Senior" and "Staff"; "Intermediate" is never
// "Intern". The words of a multi-word name may be separated only by the
// joiner characters. With capital set, a name counts only when its first
// letter is upper-case, as in titles ("senior leadership" is prose).
func (ls *levelSet) find(s, joiners string, capital bool) []levelWord {
	// The words of most texts searched (headings, titles, lines) fit in
	// a buffer on the stack: the career pages searched 0.6 MB of them.
	var buf [32]word
	ws := appendWords(buf[:0], s)
	var out []levelWord
	for i := 0; i < len(ws); {
		best := -1
		for _, ni := range ls.byFirst[ws[i].lower] {
			n := ls.names[ni]
			if i+len(n.words) > len(ws) {
				continue
			}
			ok := true
			for k, w := range n.words {
				if ws[i+k].lower != w {
					ok = false
					break
				}
				if k > 0 && !onlyRunes(s[ws[i+k-1].end:ws[i+k].start], joiners) {
					ok = false
					break
				}
			}
			if ok {
				best = ni
				break // names are sorted longest first
			}
		}
		if best < 0 {
			i++
			continue
		}
		n := ls.names[best]
		w := levelWord{Start: ws[i].start, End: ws[i+len(n.words)-1].end, Key: n.key}
		r, _ := utf8.DecodeRuneInString(s[w.Start:])
		if !capital || unicode.IsUpper(r) {
			out = append(out, w)
		}
		i += len(n.words)
	}
	return out
}

// onlyRunes reports whether s is non-empty and made only of runes in set.
func onlyRunes(s, set string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune(set, r) {
			return false
		}
	}
	return true
}

// textJoiners separate the words of a multi-word level name in prose and
// headings; nameJoiners in file names.
const (
	textJoiners = " \t\n-"
	nameJoiners = "-_"
)

// matchCase writes repl in lower case when written is all lower-case, and
// as given otherwise.
func matchCase(written, repl string) string {
	if written == strings.ToLower(written) && written != strings.ToUpper(written) {
		return strings.ToLower(repl)
	}
	return repl
}
