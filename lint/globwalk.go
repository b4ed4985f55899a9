package lint

import (
	"path/filepath"
	"strings"
)

// pageSelector chooses the Markdown files a walk lints. With globs it
// matches them the way MatchGlob does, but one folder at a time: a walk
// carries, for each folder, where each glob can stand after the folder's
// path (its globState list), so a file costs the match of its own name
// only, and a folder no glob can reach below is known at once. Matching
// every file's whole path against the career-page globs was a tenth of
// the walk's time.
type pageSelector struct {
	all   bool     // every Markdown file
	globs []string // else the files one of these matches (none: no file)
}

// globState is a position in one glob: the byte offset of a segment's
// start, or -1 once the glob is used up.
type globState struct{ glob, at int }

// start returns the states after the segments of the slash path dir, a
// folder relative to the site root ("." for the root itself).
func (s pageSelector) start(dir string) []globState {
	var st []globState
	for k := range s.globs {
		st = append(st, globState{k, 0})
	}
	st = s.closure(st)
	if dir == "." || dir == "" {
		return st
	}
	for _, seg := range strings.Split(dir, "/") {
		st = s.enter(st, seg)
	}
	return st
}

// closure adds, for each state standing on a "**" segment, the state past
// it ("**" matches zero segments too). The states a walk carries are
// closed.
func (s pageSelector) closure(st []globState) []globState {
	for i := 0; i < len(st); i++ {
		if st[i].at < 0 {
			continue
		}
		g, next := segment(s.globs[st[i].glob], st[i].at)
		if g == "**" {
			st = addState(st, globState{st[i].glob, next})
		}
	}
	return st
}

func addState(st []globState, x globState) []globState {
	for _, y := range st {
		if y == x {
			return st
		}
	}
	return append(st, x)
}

// enter returns the closed states of the subfolder named seg of the
// folder whose closed states these are. A "**" segment stays where it is
// (it consumes the segment); another segment moves on when it matches.
// No state left that can consume a segment means no file below can match.
func (s pageSelector) enter(st []globState, seg string) []globState {
	var out []globState
	for _, x := range st {
		if x.at < 0 {
			continue
		}
		g, next := segment(s.globs[x.glob], x.at)
		switch {
		case g == "**":
			out = addState(out, x)
		case segmentMatches(g, seg) && next >= 0:
			out = addState(out, globState{x.glob, next})
		}
	}
	return s.closure(out)
}

// reaches reports whether a file in or below the folder whose closed
// states these are can match a glob.
func (s pageSelector) reaches(st []globState) bool {
	if s.all {
		return true
	}
	for _, x := range st {
		if x.at >= 0 {
			return true
		}
	}
	return false
}

// keeps reports whether the file name, in the folder whose closed states
// these are, is one to lint. It allocates nothing: the walk asks it for
// every Markdown file of the content folder.
func (s pageSelector) keeps(st []globState, name string) bool {
	if s.all {
		return true
	}
	if stem, ok := upperMarkdown(name); ok && s.keepsName(st, stem+".md") {
		return true // STAFF.MD, as matchPages matches it
	}
	return s.keepsName(st, name)
}

// keepsName is keeps for the name as written.
func (s pageSelector) keepsName(st []globState, name string) bool {
	for _, x := range st {
		if x.at < 0 {
			continue
		}
		glob := s.globs[x.glob]
		g, next := segment(glob, x.at)
		if g == "**" {
			// it consumes the name, and what follows must match nothing
			if onlyDoubleStars(glob, next) {
				return true
			}
		} else if segmentMatches(g, name) && onlyDoubleStars(glob, next) {
			return true
		}
	}
	return false
}

// onlyDoubleStars reports whether the glob's segments from at on are all
// "**" (or none is left), so that they match an empty rest of a path.
func onlyDoubleStars(glob string, at int) bool {
	for at >= 0 {
		var g string
		g, at = segment(glob, at)
		if g != "**" {
			return false
		}
	}
	return true
}

// segmentMatches matches one path segment against one glob segment other
// than "**", as MatchGlob does: a literal compares equal, a pattern
// follows path.Match, and a malformed pattern matches nothing.
func segmentMatches(g, seg string) bool {
	if !strings.ContainsAny(g, `*?[\`) {
		return g == seg
	}
	ok, err := filepath.Match(g, seg)
	return err == nil && ok
}
