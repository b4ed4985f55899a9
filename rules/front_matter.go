package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/schema"
)

// FrontMatterOptions configure the front-matter rule.
type FrontMatterOptions struct {
	// Required lists keys every page must have besides title.
	Required []string `yaml:"required"`
}

// FrontMatter checks that a page has front matter that parses and matches
// schema/frontmatter.schema.json, and reports misspelt keys.
var FrontMatter = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL001",
		Name:     "front-matter",
		Summary:  "front matter is present, parses, and has a title and well-typed known keys",
		Default:  lint.Error,
		Fixable:  true,
		Suggests: true,
	},
	NewOptions: func() any { return &FrontMatterOptions{} },
	CheckPage:  checkFrontMatter,
}

func checkFrontMatter(pass *lint.PagePass) {
	p := pass.Page
	opts := pass.Options.(*FrontMatterOptions)
	fm := p.FrontMatter
	if len(p.Src) == 0 {
		return // file-format reports the empty file
	}
	if fm == nil {
		pass.Reportf(0, 0, "page has no front matter; start it with a \"---\" line, a title (title: \"...\"), and a closing \"---\" line")
		return
	}
	if fm.Err != nil {
		if fm.Err.NotUTF8 && pass.Config.Severity(FileFormat) != lint.Off {
			return // file-format reports the byte, where it is
		}
		d := lint.Diagnostic{Span: p.Span(fm.Err.Offset, fm.Err.Offset+1), Message: fm.Err.Message}
		if e := fm.Err.Earlier; e > 0 {
			d.Related = []lint.Related{{Span: p.Span(e, e+1), Message: "first defined here"}}
		}
		if s := fm.Err.Suggestion; s != nil {
			sug := lint.Fix{Title: s.Title}
			for _, e := range s.Edits {
				sug.Edits = append(sug.Edits, lint.Edit{Span: p.Span(e.Span.Start, e.Span.End), Text: e.Text})
			}
			d.Suggestions = []lint.Fix{sug}
		}
		pass.Report(d)
		return
	}
	known := knownFrontMatterKeys()
	reportCaseVariants(pass, fm.Root, "")
	root := foldKnownKeys(fm.Root, known)
	// A misspelt key is one finding, also when it leaves a required key
	// missing: the near-miss report names both.
	nearMiss := map[string]*lint.Node{}
	for _, c := range root.Children {
		if known[c.Key] {
			continue
		}
		if s := lint.Closest(c.Key, sortedSet(known), 2); s != "" && root.GetFold(s) == nil && nearMiss[s] == nil {
			nearMiss[s] = c
		}
	}
	reported := map[string]bool{}
	misread := hugoMisreadURLValues(root, p)
	for _, sp := range lint.Validate(schema.FrontMatter, root) {
		if len(sp.Missing) > 0 && allNearMiss(sp.Missing, nearMiss) {
			continue
		}
		if misreadAt(misread, sp.Start, sp.End) {
			continue // reported below, with what Hugo makes of it
		}
		start, end := sp.Start, sp.End
		if len(sp.Path) == 0 {
			// A problem with the whole map, e.g. a missing key: point at
			// the opening delimiter.
			start, end = fm.Start, min(fm.Start+3, len(p.Src))
		}
		msg := sp.Message
		if t, isString := root.Get("title").String(); len(sp.Path) == 1 && sp.Path[0] == "title" && isString {
			// minLength or pattern (a string of the wrong type is no
			// problem of those): said with what a title is for.
			what := "an empty string"
			if t != "" {
				what = "only white space"
			}
			msg = fmt.Sprintf("title: %s is written, where the page's title is expected; write it", what)
		}
		if len(sp.Path) > 0 {
			reported[sp.Path[0]] = true
		}
		pass.Reportf(start, end, "front matter %s", msg)
	}
	for _, m := range misread {
		pass.Report(m)
	}
	// Hugo fails the build on a publication date it cannot read, on the
	// page or in a cascade it sets for others.
	for _, c := range dateNodes(fm.Root) {
		if fm.Root.Get(c.Key) == c && reported[c.Key] {
			continue // the schema's finding says it
		}
		if why := dateProblem(c, fm.Format); why != "" {
			pass.Reportf(c.Start, c.End, "front matter %s %s, so Hugo fails the build; write it as 2025-01-31 or 2025-01-31T09:00:00Z", c.Key, why)
		}
	}
	for _, s := range sortedSet(known) {
		c := nearMiss[s]
		if c == nil || reported[c.Key] {
			continue
		}
		msg := fmt.Sprintf("unknown front matter key %q; did you mean %q", c.Key, s)
		if s == "title" {
			msg += " (the page has no title)"
		}
		pass.Report(lint.Diagnostic{
			Span:    p.Span(c.KeyStart, c.KeyEnd),
			Message: msg,
			Fixes:   []lint.Fix{{Title: fmt.Sprintf("rename %q to %q", c.Key, s), Edits: []lint.Edit{{Span: p.Span(c.KeyStart, c.KeyEnd), Text: s}}}},
		})
	}
	for _, k := range opts.Required {
		if root.GetFold(k) == nil && !reported[k] {
			pass.Reportf(fm.Start, min(fm.Start+3, len(p.Src)), "front matter has no %q key; the configuration requires it", k)
		}
	}
}

// dateNodes returns the publication dates a front matter sets: its own,
// and those of its cascade entries and their params.
func dateNodes(root *lint.Node) []*lint.Node {
	var out []*lint.Node
	add := func(m *lint.Node) {
		if m == nil || m.Kind != lint.MapNode {
			return
		}
		for _, c := range m.Children {
			if c.Kind == lint.ScalarNode && lint.IsDateKey(c.Key) {
				out = append(out, c)
			}
		}
	}
	add(root)
	c := root.GetFold("cascade")
	entries := []*lint.Node{c}
	if c != nil && c.Kind == lint.ListNode {
		entries = c.Children
	}
	for _, e := range entries {
		add(e)
		add(e.GetFold("params"))
	}
	return out
}

// dateProblem says why Hugo cannot read a publication date written in
// front matter of the given format, or returns "" when it can (or the
// value is null or empty).
func dateProblem(n *lint.Node, format string) string {
	switch v := n.Value.(type) {
	case string:
		if _, ok := lint.HugoDate(n); v != "" && !ok {
			return fmt.Sprintf("%q is no date Hugo reads", v)
		}
	case int64:
		if format == "json" {
			return fmt.Sprintf("%d is a JSON number, which Hugo does not read as a date", v)
		}
	case float64:
		return fmt.Sprintf("%v is no date Hugo reads (seconds since 1970 must be a whole number)", v)
	}
	return ""
}

// foldKnownKeys returns root as Hugo reads it for the schema: of keys
// Hugo reads as one (see lint.KeyCandidates) only the one it uses, and each
// key written in another case than a known key ("Title") renamed to that
// key. The nodes keep their spans; root itself is not changed.
func foldKnownKeys(root *lint.Node, known map[string]bool) *lint.Node {
	unused := map[*lint.Node]bool{}
	for _, g := range root.CaseVariants() {
		cands := lint.KeyCandidates(g)
		used := cands[len(cands)-1]
		for _, c := range g {
			unused[c] = c != used
		}
	}
	var out *lint.Node
	for i, c := range root.Children {
		lk := strings.ToLower(c.Key)
		rename := !known[c.Key] && known[lk]
		if !unused[c] && !rename {
			if out != nil {
				out.Children = append(out.Children, c)
			}
			continue
		}
		if out == nil {
			cp := *root
			cp.Children = append([]*lint.Node(nil), root.Children[:i]...)
			out = &cp
		}
		if unused[c] {
			continue
		}
		renamed := *c
		renamed.Key = lk
		out.Children = append(out.Children, &renamed)
	}
	if out == nil {
		return root
	}
	return out
}

// reportCaseVariants reports the keys of m and of the maps inside it that
// Hugo reads as one key (see lint.KeyCandidates): only one of them counts, and
// which one is not what the page shows, or random. prefix names the map
// ("cascade." inside a cascade).
func reportCaseVariants(pass *lint.PagePass, m *lint.Node, prefix string) {
	p := pass.Page
	keySpan := func(n *lint.Node) lint.Span { return p.Span(n.KeyStart, n.KeyEnd) }
	for _, g := range m.CaseVariants() {
		cands := lint.KeyCandidates(g)
		d := lint.Diagnostic{}
		if len(cands) > 1 {
			names := make([]string, len(cands))
			for i, c := range cands {
				names[i] = fmt.Sprintf("%q", prefix+c.Key)
			}
			for _, c := range g[1:] {
				d.Related = append(d.Related, lint.Related{Span: keySpan(c), Message: fmt.Sprintf("also set here as %q", prefix+c.Key)})
			}
			d.Span = keySpan(g[0])
			times := fmt.Sprintf("%d times", len(g))
			if len(g) == 2 {
				times = "twice"
			}
			d.Message = fmt.Sprintf("front matter sets %q %s, in different cases; Hugo reads keys in any case and takes %s at random; keep one of them", prefix+strings.ToLower(g[0].Key), times, orList(names))
			// Three spellings cut to two is the same problem.
			d.Identity = fmt.Sprintf("front matter sets %q more than once, in different cases", prefix+strings.ToLower(g[0].Key))
		} else {
			used, unused := cands[0], g[0]
			if unused == used {
				unused = g[1]
			}
			d.Span = keySpan(unused)
			d.Message = fmt.Sprintf("front matter key %q has no effect: Hugo reads keys in any case and takes %q instead; remove one of them", prefix+unused.Key, prefix+used.Key)
			d.Related = []lint.Related{{Span: keySpan(used), Message: fmt.Sprintf("Hugo takes %q", prefix+used.Key)}}
		}
		pass.Report(d)
	}
	for _, c := range m.Children {
		switch c.Kind {
		case lint.MapNode:
			reportCaseVariants(pass, c, prefix+c.Key+".")
		case lint.ListNode:
			for _, e := range c.Children {
				if e.Kind == lint.MapNode {
					reportCaseVariants(pass, e, prefix+c.Key+".")
				}
			}
		}
	}
}

// orList joins quoted names as "a", "b" or "c".
func orList(names []string) string { return lint.JoinWords(names, "or") }

// knownFrontMatterKeys returns the keys the front matter schema names,
// worked out once.
var knownFrontMatterKeys = sync.OnceValue(func() map[string]bool {
	doc, err := schema.Doc(schema.FrontMatter)
	if err != nil {
		panic(err)
	}
	m := map[string]bool{}
	props, _ := doc["properties"].(map[string]any)
	for k := range props {
		m[k] = true
	}
	return m
})

func allNearMiss(keys []string, nearMiss map[string]*lint.Node) bool {
	for _, k := range keys {
		if nearMiss[k] == nil {
			return false
		}
	}
	return true
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// hugoMisreadURLValues returns a finding for each value of slug, url and
// aliases that Hugo 0.151 turns into other text than is written (see
// lint.HugoString): a word YAML 1.1 reads as a boolean (slug: yes makes the
// URL segment "true") or a number written otherwise than Hugo writes it
// (slug: 1.50 makes "1.5"). Each suggests quoting the value, which keeps
// it as written; a suggestion, since quoting moves a page that is live
// at the URL Hugo made of it.
func hugoMisreadURLValues(root *lint.Node, p *lint.Page) []lint.Diagnostic {
	src := p.Src
	var out []lint.Diagnostic
	check := func(key string, n *lint.Node) {
		if n == nil || n.Kind != lint.ScalarNode || n.End > len(src) {
			return
		}
		hugo, ok := lint.HugoString(n)
		written := string(src[n.Start:n.End])
		if !ok || hugo == written {
			return
		}
		var as string
		switch n.Value.(type) {
		case int64, float64:
			as = "the number " + hugo
		case string:
			if _, isBool := lint.YAML11Bool(n); !isBool {
				return
			}
			as = "the boolean " + hugo
		default:
			return
		}
		var so string
		switch key {
		case "slug":
			so = fmt.Sprintf("the page's URL ends in /%s/", strings.ToLower(hugo)) // as Hugo writes URLs
		case "url":
			so = fmt.Sprintf("the page's URL is built from %q", hugo)
		default:
			so = fmt.Sprintf("the alias Hugo adds is built from %q", hugo)
		}
		quoted := strconv.Quote(written)
		out = append(out, lint.Diagnostic{
			Span:        p.Span(n.Start, n.End),
			Message:     fmt.Sprintf("front matter %s: Hugo reads %s as %s, so %s; quote it to keep it as written: %s", key, written, as, so, quoted),
			Suggestions: []lint.Fix{{Title: "quote the value: " + quoted, Edits: []lint.Edit{{Span: p.Span(n.Start, n.End), Text: quoted}}}},
		})
	}
	check("slug", root.Get("slug"))
	check("url", root.Get("url"))
	if a := root.Get("aliases"); a != nil {
		check("aliases", a)
		for _, c := range a.Children {
			check("aliases", c)
		}
	}
	return out
}

// misreadAt reports whether one of the findings is on the span start:end.
func misreadAt(ds []lint.Diagnostic, start, end int) bool {
	for _, d := range ds {
		if d.Span.Start == start && d.Span.End == end {
			return true
		}
	}
	return false
}
