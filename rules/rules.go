// Package rules holds careerlint's rules, one rule a file, each documented in
// docs/NAME.md beside it (embedded into the binary for `careerlint
// explain`), and the registry that lists them in ID order.
package rules

import (
	"embed"
	"sort"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

//go:embed docs/*.md
var docs embed.FS

// registry lists every rule explicitly; keep it sorted by ID.
var registry = []*lint.Rule{
	FrontMatter,
	ShortcodeSyntax,
	FileFormat,
	TextEncoding,
	Suppression,
	IncludeTarget,
	OrderedListStyle,
	ListMarker,
	Whitespace,
	RequiredSections,
	LevelName,
	LinkTarget,
	LinkAnchor,
	AbsoluteHandbookLink,
	LinkForm,
	DuplicateAnchor,
	LadderSections,
	LadderIncludes,
	LadderIndex,
	LadderPreviousLevel,
	LadderGap,
	LinkSyntax,
	DuplicatePage,
}

var once sync.Once

// All returns every rule sorted by ID, with its documentation attached.
// A rule whose doc is missing or malformed gets an empty Doc; the registry
// test reports it.
func All() []*lint.Rule {
	once.Do(func() {
		for _, r := range registry {
			if b, err := docs.ReadFile("docs/" + r.Name + ".md"); err == nil {
				if d, err := lint.ParseDoc(string(b)); err == nil {
					r.Doc = d
				}
			}
		}
		sort.SliceStable(registry, func(i, j int) bool { return registry[i].ID < registry[j].ID })
	})
	return registry
}

// DocText returns a rule's documentation file as written.
func DocText(name string) (string, error) {
	b, err := docs.ReadFile("docs/" + name + ".md")
	return string(b), err
}

// Find returns the rule with the given ID or name, in any case (ASCII):
// "cl012" and "Link-Target" find what "CL012" and "link-target" do. The
// configuration's rules keys and inline suppressions, written to stay in
// a file, take them as the docs write them only (with a did-you-mean).
func Find(key string) *lint.Rule {
	for _, r := range All() {
		if equalFold(key, r.Name) || equalFold(key, r.ID) {
			return r
		}
	}
	return nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// linkRuleNames are the link and anchor rules `careerlint links` runs,
// with file-format's check of pages whose links could not be checked
// (fileFormatForLinks).
var linkRuleNames = map[string]bool{
	"link-target":            true,
	"link-anchor":            true,
	"absolute-handbook-link": true,
	"link-form":              true,
	"duplicate-anchor":       true,
	"link-syntax":            true,
	"duplicate-page":         true,
}

// LinkRules returns the rules `careerlint links` runs over a whole
// handbook, sorted by ID: the link and anchor rules and file-format.
func LinkRules() []*lint.Rule {
	var out []*lint.Rule
	for _, r := range All() {
		switch {
		case r == FileFormat:
			out = append(out, fileFormatForLinks())
		case linkRuleNames[r.Name]:
			out = append(out, r)
		}
	}
	return out
}
