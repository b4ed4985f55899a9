package rules

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"gitlab.com/careerlint/careerlint/lint"
)

// TemplateEntry is one heading of a template outline. In configuration it
// is written as the heading alone ("## Accountability") or as a map with
// the heading and its flags.
//
// The heading starts with one to six "#" giving its depth. Its text may
// hold {level} (a level name: the page's own when the page is right, any
// level of the configuration otherwise, which level-name then reports),
// "*" (any text, possibly none) and optional parts in brackets
// ("[{level} ]Leadership Competencies"). "\" makes the next character
// literal. Text is compared ignoring case and the amount of white space.
type TemplateEntry struct {
	// Heading is the heading pattern, e.g. "### [{level} ]Values Alignment".
	Heading string `yaml:"heading"`
	// Optional entries may be left out.
	Optional bool `yaml:"optional"`
	// Repeat entries may appear more than once in a row.
	Repeat bool `yaml:"repeat"`
}

// UnmarshalYAML reads an entry written as a string or a map and checks its
// heading pattern.
func (e *TemplateEntry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*e = TemplateEntry{Heading: n.Value}
	} else {
		type plain TemplateEntry
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*e = TemplateEntry(p)
	}
	if _, err := compileEntry(*e); err != nil {
		return &lint.OptionError{Line: n.Line, Column: n.Column, Err: err}
	}
	return nil
}

// TrackTemplate says which template the level pages matching a glob use.
type TrackTemplate struct {
	// Glob matches root-relative page paths, e.g.
	// "**/careers/matrix/infrastructure/*.md".
	Glob string `yaml:"glob"`
	// Template names an entry of the templates option.
	Template string `yaml:"template"`
}

// UnmarshalYAML decodes a track and checks its glob: one that path.Match
// cannot read, or one outside the site root, would match no page, and the
// track's template would silently apply to none.
func (t *TrackTemplate) UnmarshalYAML(n *yaml.Node) error {
	type plain TrackTemplate
	if err := n.Decode((*plain)(t)); err != nil {
		return err
	}
	if msg := lint.GlobProblem(t.Glob); msg != "" {
		at := n
		if g := lint.MapValue(n, "glob"); g != nil {
			at = g
		}
		return &lint.OptionError{Line: at.Line, Column: at.Column, Err: errors.New("tracks: " + msg)}
	}
	return nil
}

// RequiredSectionsOptions configure the required-sections rule; level-name
// reads them too, to know which headings name the page's level.
type RequiredSectionsOptions struct {
	// Templates maps a template name to its outline. Configured templates
	// are added to the built-in ones, replacing one of the same name.
	Templates map[string][]TemplateEntry `yaml:"templates"`
	// Tracks assign templates to pages; the first matching glob wins. A
	// configured list replaces the built-in one.
	Tracks []TrackTemplate `yaml:"tracks"`
	// LevelNames gives, per level file name, further names the level is
	// written as in headings (the title-cased file name always counts).
	LevelNames map[string][]string `yaml:"level-names"`
	// ReportUnexpected reports headings, as deep as the template's, that
	// the template does not know.
	ReportUnexpected bool `yaml:"report-unexpected"`

	// levelKeys are the keys of level-names as the configuration writes
	// them, for CheckConfig.
	levelKeys []*yaml.Node
}

// UnmarshalYAML decodes the options over the defaults and checks that
// every track names a known template.
func (o *RequiredSectionsOptions) UnmarshalYAML(n *yaml.Node) error {
	type plain RequiredSectionsOptions
	if err := n.Decode((*plain)(o)); err != nil {
		return err
	}
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if v := n.Content[i+1]; n.Content[i].Value == "level-names" && v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				o.levelKeys = append(o.levelKeys, v.Content[j])
			}
		}
	}
	// A key written in another case ("CSR") replaces the built-in one
	// ("csr"), as one written in the same case does: keys compare in any
	// case.
	for k := range o.LevelNames {
		written := slices.ContainsFunc(o.levelKeys, func(w *yaml.Node) bool { return w.Value == k })
		if !written && slices.ContainsFunc(o.levelKeys, func(w *yaml.Node) bool { return strings.EqualFold(w.Value, k) }) {
			delete(o.LevelNames, k)
		}
	}
	for name, t := range o.Templates {
		if len(t) == 0 {
			return fmt.Errorf("template %q has no headings", name)
		}
	}
	for _, tr := range o.Tracks {
		if tr.Glob == "" || tr.Template == "" {
			return errors.New("every track needs a glob and a template")
		}
		if _, ok := o.Templates[tr.Template]; !ok {
			msg := fmt.Sprintf("track %q names template %q, which is not defined", tr.Glob, tr.Template)
			names := slices.Sorted(maps.Keys(o.Templates))
			if s := lint.Closest(tr.Template, names, 3); s != "" {
				msg += fmt.Sprintf("; did you mean %q", s)
			} else {
				quoted := make([]string, len(names))
				for i, n := range names {
					quoted[i] = strconv.Quote(n)
				}
				msg += fmt.Sprintf("; define it under templates, or name one of %s", lint.JoinWords(quoted, "or"))
			}
			return errors.New(msg)
		}
	}
	return nil
}

// CheckConfig reports a key of level-names that is no level of the
// configuration (on neither ladder nor extra-levels): its names would
// never be looked for, as with a misspelt level.
func (o *RequiredSectionsOptions) CheckConfig(cfg *lint.Config) []error {
	levels := cfg.Levels()
	var out []error
	for _, k := range o.levelKeys {
		if slices.Contains(levels, strings.ToLower(k.Value)) {
			continue
		}
		msg := fmt.Sprintf("level-names: %q is on neither ladder nor extra-levels, so its names are never looked for", k.Value)
		if s := lint.Closest(strings.ToLower(k.Value), levels, 3); s != "" {
			msg += fmt.Sprintf("; did you mean %q", s)
		} else {
			msg += "; add it to extra-levels, or remove it"
		}
		out = append(out, &lint.OptionError{Line: k.Line, Column: k.Column, Err: errors.New(msg)})
	}
	return out
}

// Built-in template names.
const (
	InfrastructureTemplate = "infrastructure"
	CompetencyListTemplate = "competency-list"
)

// DefaultRequiredSectionsOptions returns the built-in templates and tracks,
// which describe GitLab's handbook: the Infrastructure department's own
// level pages use the infrastructure outline, every other track (including
// the Infrastructure sub-tracks such as core-platform/distribution) the
// competency-list outline.
func DefaultRequiredSectionsOptions() *RequiredSectionsOptions {
	e := func(h string) TemplateEntry { return TemplateEntry{Heading: h} }
	return &RequiredSectionsOptions{
		Templates: map[string][]TemplateEntry{
			InfrastructureTemplate: {
				e("## {level}"),
				e("## Accountability"),
				e("## Credibility"),
				e("## Autonomy"),
				e("## Team building"),
				e("## Engineering alignment"),
				e("### {level} Leadership Competencies"),
				e("### {level} Technical Competencies"),
				e("### {level} Values Alignment"),
			},
			CompetencyListTemplate: {
				e("## *{level}*"),
				e("### [{level} ]Leadership Competencies"),
				e("### [{level} ]Technical Competencies"),
				e("### [{level} ]Values Alignment"),
				{Heading: "### [{level} ]Career Matrix Worksheet", Optional: true},
			},
		},
		Tracks: []TrackTemplate{
			{Glob: "**/careers/matrix/infrastructure/*.md", Template: InfrastructureTemplate},
			{Glob: "**", Template: CompetencyListTemplate},
		},
		LevelNames: defaultLevelNames(),
	}
}

// RequiredSections checks that a level page follows its track's heading
// outline.
var RequiredSections = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL010",
		Name:    "required-sections",
		Summary: "a level page has its template's sections, once each, in order and at the right depth",
		Default: lint.Warning,
		Fixable: true,
	},
	NewOptions: func() any { return DefaultRequiredSectionsOptions() },
	CheckPage:  checkRequiredSections,
	CheckSite:  checkUnusedTracks,
}

// checkUnusedTracks reports, on its line of the configuration file, each
// configured track whose glob gives its template to no level page of the
// run: one that matches none (a glob written relative to the content
// folder, "people/careers/**" for "site/people/careers/**", gets that as
// its did-you-mean), and one whose level pages an earlier track takes
// (the first match wins). Either turns the section check off, without a
// word, for the pages it was written for. Only a run over every page
// (lint.Site.Whole) can tell, and only when it has level pages; a track
// list that is not written in a configuration file inside the site root
// is not judged.
func checkUnusedTracks(pass *lint.SitePass) {
	site, cfg := pass.Site, pass.Config
	rc, ok := cfg.Rules[pass.Rule.Name]
	if !site.Whole() || !ok || rc.OptionsNode == nil {
		return
	}
	items := rc.OptionsNode.Get("tracks")
	opts := pass.Options.(*RequiredSectionsOptions)
	if items == nil || items.Kind != lint.ListNode || len(items.Children) != len(opts.Tracks) {
		return
	}
	var levels []string
	for _, p := range site.Pages {
		if _, _, ok := pageLevel(cfg, p.Path); ok && !site.Other(p.Path) {
			levels = append(levels, p.Path)
		}
	}
	if len(levels) == 0 {
		return // no level page: nothing tells a glob that matches none
	}
	content := path.Clean(cfg.Content)
	for i, tr := range opts.Tracks {
		g := items.Children[i].Get("glob")
		if g == nil {
			continue
		}
		at, ok := site.ConfigSpan(g.Start, g.End)
		if !ok {
			return
		}
		// The earlier tracks that take the level pages this one matches;
		// nil when one of them is this track's.
		var takenBy []int
		matched := false
		for _, p := range levels {
			if !lint.MatchGlob(tr.Glob, p) {
				continue
			}
			matched = true
			k := slices.IndexFunc(opts.Tracks[:i], func(e TrackTemplate) bool { return lint.MatchGlob(e.Glob, p) })
			if k < 0 {
				takenBy = nil
				break
			}
			if !slices.Contains(takenBy, k) {
				takenBy = append(takenBy, k)
			}
		}
		var msg string
		switch {
		case !matched:
			msg = fmt.Sprintf("tracks glob %q matches no level page, so its template %q applies to none", tr.Glob, tr.Template)
			in := content + "/" + strings.TrimPrefix(tr.Glob, "/")
			if content != "." && slices.ContainsFunc(levels, func(p string) bool { return lint.MatchGlob(in, p) }) {
				msg += fmt.Sprintf(": globs are relative to the site root; did you mean %q", in)
			} else {
				msg += "; correct it or remove it"
			}
		case len(takenBy) == 1:
			msg = fmt.Sprintf("every level page tracks glob %q matches is matched by the earlier glob %q, so its template %q applies to none; move it above that one, or remove it", tr.Glob, opts.Tracks[takenBy[0]].Glob, tr.Template)
		case len(takenBy) > 1:
			slices.Sort(takenBy)
			var globs []string
			for _, k := range takenBy {
				globs = append(globs, strconv.Quote(opts.Tracks[k].Glob))
			}
			msg = fmt.Sprintf("every level page tracks glob %q matches is matched by an earlier glob (%s), so its template %q applies to none; move it above them, or remove it", tr.Glob, lint.JoinWords(globs, "or"), tr.Template)
		default:
			continue
		}
		pass.Report(lint.Diagnostic{Span: at, Message: msg})
	}
}

// tokKind is the kind of one token of a compiled heading pattern.
type tokKind int

const (
	tokLit   tokKind = iota // one character, compared ignoring case
	tokSpace                // one or more white-space characters
	tokStar                 // any text
	tokLevel                // a level name
)

type patTok struct {
	kind tokKind
	r    rune // tokLit: the character as written
}

// compiledEntry is a template entry ready for matching.
type compiledEntry struct {
	TemplateEntry
	depth int
	// alts are the pattern's spellings with each optional part present or
	// absent; the first has every optional part.
	alts     [][]patTok
	hasLevel bool
	hasStar  bool
}

var entryHeadingRE = regexp.MustCompile(`^(#{1,6})[ \t]+(\S.*?)[ \t]*$`)

// compiledEntries memoises compileEntry: every level page of a run is
// matched against the same few patterns. A compiled entry is not changed
// after compiling.
var compiledEntries sync.Map // TemplateEntry -> *compiledEntry

// compileEntryOnce is compileEntry, memoised.
func compileEntryOnce(e TemplateEntry) (*compiledEntry, error) {
	if v, ok := compiledEntries.Load(e); ok {
		return v.(*compiledEntry), nil
	}
	ce, err := compileEntry(e)
	if err == nil {
		compiledEntries.Store(e, ce)
	}
	return ce, err
}

// compileEntry parses a template entry's heading pattern.
func compileEntry(e TemplateEntry) (*compiledEntry, error) {
	m := entryHeadingRE.FindStringSubmatch(e.Heading)
	if m == nil {
		return nil, fmt.Errorf("template heading %q must start with one to six \"#\", a space and the heading text", e.Heading)
	}
	ce := &compiledEntry{TemplateEntry: e, depth: len(m[1])}
	alts := [][]patTok{nil}
	var group []patTok
	inGroup := false
	add := func(t patTok) {
		if inGroup {
			group = append(group, t)
			return
		}
		for i := range alts {
			alts[i] = append(alts[i], t)
		}
	}
	text := m[2]
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\\':
			r2, n2 := utf8.DecodeRuneInString(text[i+n:])
			if i+n >= len(text) {
				return nil, fmt.Errorf("template heading %q ends with \"\\\"; escape a character after it", e.Heading)
			}
			add(patTok{kind: tokLit, r: r2})
			i += n + n2
			continue
		case r == '[':
			if inGroup {
				return nil, fmt.Errorf("template heading %q nests \"[\"; optional parts cannot nest", e.Heading)
			}
			inGroup, group = true, nil
		case r == ']':
			if !inGroup {
				return nil, fmt.Errorf("template heading %q has \"]\" without \"[\"; write \"\\]\" for a literal bracket", e.Heading)
			}
			inGroup = false
			var out [][]patTok
			for _, a := range alts {
				out = append(out, append(slices.Clone(a), group...))
			}
			alts = append(out, alts...)
		case r == '{':
			if !strings.HasPrefix(text[i:], "{level}") {
				return nil, fmt.Errorf("template heading %q has an unknown placeholder; the only one is {level} (write \"\\{\" for a literal brace)", e.Heading)
			}
			ce.hasLevel = true
			add(patTok{kind: tokLevel})
			i += len("{level}")
			continue
		case r == '*':
			ce.hasStar = true
			add(patTok{kind: tokStar})
		case unicode.IsSpace(r):
			add(patTok{kind: tokSpace})
		default:
			add(patTok{kind: tokLit, r: r})
		}
		i += n
	}
	if inGroup {
		return nil, fmt.Errorf("template heading %q has \"[\" without \"]\"", e.Heading)
	}
	for i, a := range alts {
		alts[i] = tidySpaces(a)
	}
	ce.alts = alts
	return ce, nil
}

// tidySpaces merges runs of space tokens and drops them at both ends.
func tidySpaces(a []patTok) []patTok {
	var out []patTok
	for _, t := range a {
		if t.kind == tokSpace && (len(out) == 0 || out[len(out)-1].kind == tokSpace) {
			continue
		}
		out = append(out, t)
	}
	for len(out) > 0 && out[len(out)-1].kind == tokSpace {
		out = out[:len(out)-1]
	}
	return out
}

// match reports whether a heading's text matches the entry and returns the
// level names its {level} placeholders matched. Among several ways to
// match, one whose levels are all want is preferred. words are the level
// names found in text, keyed by start offset.
func (ce *compiledEntry) match(text string, words map[int]levelWord, want string) ([]levelWord, bool) {
	var best []levelWord
	found, perfect := false, false
	var rec func(seq []patTok, i, pos int, caps []levelWord) bool
	rec = func(seq []patTok, i, pos int, caps []levelWord) bool {
		if i == len(seq) {
			if pos != len(text) {
				return false
			}
			all := true
			for _, c := range caps {
				all = all && c.Key == want
			}
			if !found || all && !perfect {
				best, found, perfect = slices.Clone(caps), true, all
			}
			return all
		}
		switch t := seq[i]; t.kind {
		case tokLit:
			r, n := utf8.DecodeRuneInString(text[pos:])
			if pos < len(text) && (r == t.r || unicode.ToLower(r) == unicode.ToLower(t.r)) {
				return rec(seq, i+1, pos+n, caps)
			}
		case tokSpace:
			end := pos
			for end < len(text) {
				r, n := utf8.DecodeRuneInString(text[end:])
				if !unicode.IsSpace(r) {
					break
				}
				end += n
			}
			if end > pos {
				return rec(seq, i+1, end, caps)
			}
		case tokStar:
			for p := pos; ; {
				if rec(seq, i+1, p, caps) {
					return true
				}
				if p >= len(text) {
					break
				}
				_, n := utf8.DecodeRuneInString(text[p:])
				p += n
			}
		case tokLevel:
			if w, ok := words[pos]; ok {
				return rec(seq, i+1, w.End, append(caps, w))
			}
		}
		return false
	}
	for _, a := range ce.alts {
		if rec(a, 0, 0, nil) {
			break
		}
	}
	return best, found
}

// display writes the entry as the heading to write on a page of the given
// level: {level} replaced, optional parts written out (the fullest
// spelling: a maintainer reads a heading to copy, not a pattern), escapes
// resolved; a "*" stays a wildcard.
func (ce *compiledEntry) display(title string) string {
	return ce.written(title, true)
}

// written is the entry's heading as display writes it, with its optional
// parts ("[{level} ]") or without them.
func (ce *compiledEntry) written(title string, optional bool) string {
	text := entryHeadingRE.FindStringSubmatch(ce.Heading)[2]
	var b strings.Builder
	b.WriteString(strings.Repeat("#", ce.depth))
	b.WriteByte(' ')
	depth := 0 // inside an optional part
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\\' && i+1 < len(text):
			i++
			if optional || depth == 0 {
				b.WriteByte(text[i])
			}
		case strings.HasPrefix(text[i:], "{level}"):
			if optional || depth == 0 {
				b.WriteString(title)
			}
			i += len("{level}") - 1
		case text[i] == '[':
			depth++
		case text[i] == ']':
			depth = max(0, depth-1)
		case optional || depth == 0:
			b.WriteByte(text[i])
		}
	}
	return b.String()
}

// describe names the entry in a message: `section "## Autonomy"`, or for a
// pattern with wildcards `a section matching "## *Senior*"`.
func (ce *compiledEntry) describe(title string) string {
	if ce.hasStar {
		return fmt.Sprintf("a section matching %q", ce.display(title))
	}
	return fmt.Sprintf("section %q", ce.display(title))
}

// describeOr is describe for the one section a message names: an entry
// with an optional part names its heading without it too (`section "###
// Senior Leadership Competencies" (or "### Leadership Competencies")`), as
// a track's other levels may write either.
func (ce *compiledEntry) describeOr(title string) string {
	if short := ce.written(title, false); !ce.hasStar && short != ce.display(title) {
		return fmt.Sprintf("section %q (or %q)", ce.display(title), short)
	}
	return ce.describe(title)
}

// describeAll names missing entries in a message: as describe does for
// one, and for several "sections "A", "B" and "C"" (or each described, when
// one is a pattern).
func describeAll(o *outline, ms []missingEntry) string {
	if len(ms) == 1 {
		return o.Entries[ms[0].entry].describeOr(o.Title)
	}
	plain := !slices.ContainsFunc(ms, func(m missingEntry) bool { return o.Entries[m.entry].hasStar })
	var names []string
	for _, m := range ms {
		ce := o.Entries[m.entry]
		if plain {
			names = append(names, strconv.Quote(ce.display(o.Title)))
		} else {
			names = append(names, ce.describe(o.Title))
		}
	}
	list := lint.JoinWords(names, "and")
	if plain {
		return "sections " + list
	}
	return list
}

// sectionHeading is one heading of a level page, includes expanded, and
// what the template made of it.
type sectionHeading struct {
	H *lint.Heading
	// File is the page or included file the heading is written in.
	File string
	// At is where the heading is reported in the linted page: the heading,
	// or the include shortcode that brings it in.
	At       lint.Span
	Included bool
	// Text is the heading's plain text, trimmed.
	Text string
	// Entry is the template entry the heading stands for, -1 for none.
	Entry      int
	WrongDepth bool
	Duplicate  bool
	OutOfOrder bool
	// First is the heading a duplicate repeats.
	First int
	// Levels are the level names the entry's {level} placeholders
	// matched, as offsets into Text.
	Levels []levelWord
	// hint is set on an unknown heading offered as the likely spelling of
	// a missing entry.
	hint bool
}

// written is the heading as the page writes it, e.g. "## Credibility".
func (h *sectionHeading) written() string {
	return strings.Repeat("#", h.H.Level) + " " + h.Text
}

// outline is a level page checked against its template.
type outline struct {
	Template string
	Entries  []*compiledEntry
	Headings []sectionHeading
	// Level is the page's level file name, Title its name ("Senior").
	Level, Title string
	// Levels knows every level name.
	Levels   *levelSet
	maxDepth int
}

// templateFor returns the template a page uses, by the first track glob
// that matches its path.
func templateFor(opts *RequiredSectionsOptions, p string) (string, []TemplateEntry, bool) {
	for _, tr := range opts.Tracks {
		if lint.MatchGlob(tr.Glob, p) {
			t, ok := opts.Templates[tr.Template]
			return tr.Template, t, ok
		}
	}
	return "", nil, false
}

// buildOutline matches a level page's headings against its template. It
// returns false for a page that is not a level page or that no track
// covers.
func buildOutline(site *lint.Site, cfg *lint.Config, p *lint.Page, opts *RequiredSectionsOptions) (*outline, bool) {
	level, title, ok := pageLevel(cfg, p.Path)
	if !ok {
		return nil, false
	}
	name, tmpl, ok := templateFor(opts, p.Path)
	if !ok {
		return nil, false
	}
	o := &outline{Template: name, Level: level, Title: title, Levels: levelNames(cfg, opts)}
	for _, e := range tmpl {
		ce, err := compileEntryOnce(e)
		if err != nil {
			return nil, false // reported when the configuration was read
		}
		o.Entries = append(o.Entries, ce)
		o.maxDepth = max(o.maxDepth, ce.depth)
	}
	o.Headings = pageHeadings(site, p)
	o.assign()
	return o, true
}

// pageHeadings returns a page's headings in reading order with included
// files expanded in place, as Hugo renders them (lint.Site.RenderedParts).
func pageHeadings(site *lint.Site, p *lint.Page) []sectionHeading {
	var out []sectionHeading
	for _, part := range site.RenderedParts(p) {
		hs := part.Headings()
		for i := range hs {
			h := &hs[i]
			if !part.IsMarkdown(h.Span.Start) {
				continue // not a heading where it is included
			}
			sh := sectionHeading{H: h, File: part.File.Path, At: h.Span, Text: strings.TrimSpace(h.Text), Entry: -1, First: -1}
			if part.File != p {
				sh.At, sh.Included = part.Via, true
			}
			out = append(out, sh)
		}
	}
	return out
}

// assign decides which heading stands for which template entry, then marks
// duplicates and headings out of order.
func (o *outline) assign() {
	hs := o.Headings
	type hit struct {
		entry int
		caps  []levelWord
	}
	hits := make([][]hit, len(hs))
	for i := range hs {
		words := map[int]levelWord{}
		for _, w := range o.Levels.find(hs[i].Text, textJoiners, false) {
			words[w.Start] = w
		}
		for ei, ce := range o.Entries {
			if caps, ok := ce.match(hs[i].Text, words, o.Level); ok {
				hits[i] = append(hits[i], hit{ei, caps})
			}
		}
	}
	used := make([]int, len(o.Entries))
	set := func(i int, h hit, wrongDepth bool) {
		hs[i].Entry, hs[i].Levels, hs[i].WrongDepth = h.entry, h.caps, wrongDepth
		used[h.entry]++
	}
	// Headings at the entry's depth first, in page order, each taking the
	// next entry it can stand for.
	last := -1
	for i := range hs {
		var same []hit
		for _, h := range hits[i] {
			if o.Entries[h.entry].depth == hs[i].H.Level {
				same = append(same, h)
			}
		}
		if len(same) == 0 {
			continue
		}
		pick := -1
		for k, h := range same {
			rep := o.Entries[h.entry].Repeat
			if h.entry > last && (used[h.entry] == 0 || rep) || h.entry == last && rep {
				pick = k
				break
			}
		}
		for k, h := range same {
			if pick < 0 && used[h.entry] == 0 {
				pick = k
			}
		}
		if pick < 0 {
			pick = 0
		}
		set(i, same[pick], false)
		last = max(last, same[pick].entry)
	}
	// An entry still missing may be written at the wrong depth. Entries
	// with exact text go first: "#### Senior Technical Competencies" is
	// the technical section too deep, not the "## *{level}*" heading.
	byExactness := make([]int, 0, len(o.Entries))
	for ei, ce := range o.Entries {
		if !ce.hasStar {
			byExactness = append(byExactness, ei)
		}
	}
	for ei, ce := range o.Entries {
		if ce.hasStar {
			byExactness = append(byExactness, ei)
		}
	}
	for _, ei := range byExactness {
		if used[ei] > 0 {
			continue
		}
		for i := range hs {
			if hs[i].Entry >= 0 {
				continue
			}
			if k := slices.IndexFunc(hits[i], func(h hit) bool { return h.entry == ei }); k >= 0 {
				set(i, hits[i][k], true)
				break
			}
		}
	}
	// Duplicates: a second heading for an entry that does not repeat.
	firstOf := map[int]int{}
	for i := range hs {
		e := hs[i].Entry
		if e < 0 {
			continue
		}
		if f, seen := firstOf[e]; seen && !o.Entries[e].Repeat {
			hs[i].Duplicate, hs[i].First = true, f
			continue
		}
		if _, seen := firstOf[e]; !seen {
			firstOf[e] = i
		}
	}
	// Order: the longest run of headings in template order stays; the
	// others are out of order.
	var seq []int
	for i := range hs {
		if hs[i].Entry >= 0 && !hs[i].Duplicate {
			seq = append(seq, i)
		}
	}
	follows := func(a, b int) bool { // heading b may come after heading a
		ea, eb := hs[a].Entry, hs[b].Entry
		return eb > ea || eb == ea && o.Entries[ea].Repeat
	}
	n := len(seq)
	length, prev := make([]int, n), make([]int, n)
	bestEnd := -1
	for i := 0; i < n; i++ {
		length[i], prev[i] = 1, -1
		// On a tie keep the run through the earlier template entries, so
		// that a section written too early is the one reported.
		for j := 0; j < i; j++ {
			if !follows(seq[j], seq[i]) {
				continue
			}
			if l := length[j] + 1; l > length[i] || l == length[i] && prev[i] >= 0 && hs[seq[j]].Entry < hs[seq[prev[i]]].Entry {
				length[i], prev[i] = l, j
			}
		}
		if bestEnd < 0 || length[i] > length[bestEnd] || length[i] == length[bestEnd] && hs[seq[i]].Entry < hs[seq[bestEnd]].Entry {
			bestEnd = i
		}
	}
	keep := map[int]bool{}
	for k := bestEnd; k >= 0; k = prev[k] {
		keep[seq[k]] = true
	}
	for _, i := range seq {
		hs[i].OutOfOrder = !keep[i]
	}
}

// missingEntry is a required template entry no heading of the page
// stands for: the headings (indexes) of the entries before and after it
// that are in order, -1 for none, and the unknown heading of its depth
// between them that is likely the entry misspelt, -1 for none.
type missingEntry struct {
	entry, before, after, hint int
}

// missing returns the required entries of the outline that no heading
// stands for, given the headings in template order (inOrder), and marks
// the headings offered as their likely spelling (hint).
func (o *outline) missing(order []int) []missingEntry {
	hs := o.Headings
	var out []missingEntry
	for ei, ce := range o.Entries {
		if ce.Optional || slices.ContainsFunc(hs, func(h sectionHeading) bool { return h.Entry == ei }) {
			continue
		}
		me := missingEntry{entry: ei, before: -1, after: -1, hint: -1}
		for _, i := range order {
			if hs[i].Entry < ei {
				me.before = i
			} else if me.after < 0 {
				me.after = i
			}
		}
		// A heading of the entry's depth in that place that the template
		// does not know is likely the entry misspelt.
		lo, hi := 0, len(hs)
		if me.before >= 0 {
			lo = me.before + 1
		}
		if me.after >= 0 {
			hi = me.after
		}
		for i := lo; i < hi; i++ {
			if hs[i].Entry < 0 && !hs[i].hint && hs[i].H.Level == ce.depth {
				hs[i].hint = true
				me.hint = i
				break
			}
		}
		out = append(out, me)
	}
	return out
}

// inOrder returns the indexes of the headings that stand for entries in
// template order.
func (o *outline) inOrder() []int {
	var out []int
	for i, h := range o.Headings {
		if h.Entry >= 0 && !h.Duplicate && !h.OutOfOrder {
			out = append(out, i)
		}
	}
	return out
}

func checkRequiredSections(pass *lint.PagePass) {
	opts := pass.Options.(*RequiredSectionsOptions)
	p := pass.Page
	o, ok := buildOutline(pass.Site, pass.Config, p, opts)
	if !ok {
		return
	}
	hs := o.Headings
	order := o.inOrder()
	if len(order) == 0 {
		if fm := p.FrontMatter; fm != nil && fm.Err != nil && fm.Err.Unclosed && pass.Site.Checks(FrontMatter) {
			return // the sections are in the front matter never closed, which front-matter reports
		}
		reportNoSections(pass, o)
		return
	}
	// Missing entries, at the heading they should come before: those of
	// one gap in one finding, in template order (several findings at one
	// place would sort by their text), but for one with a likely
	// misspelling, which has its own at that heading.
	missing := o.missing(order)
	for i := 0; i < len(missing); {
		me := missing[i]
		j := i + 1
		for me.hint < 0 && j < len(missing) && missing[j].hint < 0 && missing[j].before == me.before && missing[j].after == me.after {
			j++
		}
		what := describeAll(o, missing[i:j])
		plain := what // as named before the "(or ...)" form: the fingerprint's
		if j-i == 1 {
			plain = o.Entries[me.entry].describe(o.Title)
		}
		i = j
		var msg, identity string
		var at lint.Span
		switch {
		case me.before >= 0:
			msg = fmt.Sprintf("missing %s after %q", what, hs[me.before].written())
			identity = fmt.Sprintf("missing %s after %q", plain, hs[me.before].written())
			at = hs[me.before].At
			if me.after >= 0 {
				at = hs[me.after].At
			}
		default:
			msg = fmt.Sprintf("missing %s before %q", what, hs[me.after].written())
			identity = fmt.Sprintf("missing %s before %q", plain, hs[me.after].written())
			at = hs[me.after].At
		}
		if me.hint >= 0 {
			msg += fmt.Sprintf("; is %q meant to be it", hs[me.hint].written())
			at = hs[me.hint].At
		}
		d := lint.Diagnostic{Span: at, Message: msg}
		if plain != what {
			d.Identity = identity
		}
		pass.Report(d)
	}
	for i := range hs {
		h := &hs[i]
		from := ""
		if h.Included {
			from = fmt.Sprintf(" (in included file %s)", h.File)
		}
		switch {
		case h.Entry < 0:
			if opts.ReportUnexpected && !h.hint && h.H.Level <= o.maxDepth {
				pass.Report(lint.Diagnostic{Span: h.At, Message: fmt.Sprintf("unexpected section %q%s; the %q template has no such section", h.written(), from, o.Template)})
			}
		case h.Duplicate:
			// The first one is a related location, not a line in the
			// message: fingerprints hash the message.
			pass.Report(lint.Diagnostic{Span: h.At, Message: fmt.Sprintf("duplicate section %q%s; it already appears above", h.written(), from), Related: []lint.Related{{Span: hs[h.First].At, Message: "the first one"}}})
		case h.WrongDepth:
			ce := o.Entries[h.Entry]
			d := lint.Diagnostic{Span: h.At, Message: fmt.Sprintf("section %q%s is a level-%d heading; the template wants a level-%d heading (%q)", h.Text, from, h.H.Level, ce.depth, strings.Repeat("#", ce.depth)+" "+h.Text)}
			if fx, ok := depthFix(p, h, ce.depth); ok {
				d.Fixes = []lint.Fix{fx}
			}
			pass.Report(d)
		}
		if h.Entry >= 0 && !h.Duplicate && h.OutOfOrder {
			pass.Report(lint.Diagnostic{Span: h.At, Message: fmt.Sprintf("section %q%s is out of order; %s", h.written(), from, o.placeHint(h.Entry, order))})
		}
	}
}

// placeHint says where the template wants an entry, by the headings in
// order around it.
func (o *outline) placeHint(entry int, order []int) string {
	before, after := -1, -1
	for _, i := range order {
		if o.Headings[i].Entry < entry {
			before = i
		} else if o.Headings[i].Entry > entry && after < 0 {
			after = i
		}
	}
	switch {
	case before >= 0 && after >= 0:
		return fmt.Sprintf("the template wants it after %q and before %q", o.Headings[before].written(), o.Headings[after].written())
	case before >= 0:
		return fmt.Sprintf("the template wants it after %q", o.Headings[before].written())
	case after >= 0:
		return fmt.Sprintf("the template wants it before %q", o.Headings[after].written())
	}
	return "move it to its place in the template"
}

// reportNoSections reports a level page that has none of its template's
// sections: one finding, not one per section.
func reportNoSections(pass *lint.PagePass, o *outline) {
	p := pass.Page
	start := 0
	if p.FrontMatter != nil {
		start = p.FrontMatter.End
	}
	at := p.Span(start, start)
	for _, h := range o.Headings {
		if !h.Included && h.H.Level <= o.maxDepth {
			at = h.At
			break
		}
	}
	var want []string
	for _, ce := range o.Entries {
		if !ce.Optional {
			want = append(want, ce.describe(o.Title))
		}
	}
	if len(want) == 0 {
		return // every section is optional
	}
	pass.Report(lint.Diagnostic{Span: at, Message: fmt.Sprintf("page has none of the sections of the %q template (%s); write them, or set the page's track to another template (option tracks)", o.Template, strings.Join(want, ", "))})
}

// depthFix rewrites the "#" marker of an ATX heading written in the page.
func depthFix(p *lint.Page, h *sectionHeading, depth int) (lint.Fix, bool) {
	if h.Included || h.H.Setext || h.File != p.Path {
		return lint.Fix{}, false
	}
	s := h.H.Span.Start
	for s < len(p.Src) && p.Src[s] == ' ' {
		s++
	}
	e := s
	for e < len(p.Src) && p.Src[e] == '#' {
		e++
	}
	if e-s != h.H.Level {
		return lint.Fix{}, false
	}
	marker := strings.Repeat("#", depth)
	return lint.Fix{Title: fmt.Sprintf("make it a level-%d heading", depth), Edits: []lint.Edit{{Span: p.Span(s, e), Text: marker}}}, true
}
