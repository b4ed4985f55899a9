package lint

import (
	"fmt"
	"strings"
)

// Meta is the stable, user-visible identity of a rule.
type Meta struct {
	// ID is the stable identifier, e.g. "CL001". It never changes.
	ID string
	// Name is the readable kebab-case name, e.g. "front-matter".
	Name string
	// Summary is one line, lower-case, without a final period.
	Summary string
	// Default is the severity used when the configuration does not set one.
	Default Severity
	// Fixable reports whether the rule offers fixes (Diagnostic.Fixes).
	Fixable bool
	// Suggests reports whether the rule offers suggestions
	// (Diagnostic.Suggestions): did-you-means only the author can confirm,
	// offered in editors and the JSON report, applied by --fix only with
	// --apply-suggestions.
	Suggests bool
	// AllFiles makes the rule run on files that could not be parsed (binary,
	// unreadable or too large); other rules only see parsed pages.
	AllFiles bool
	// IncludedFiles makes a page rule also check the files that linted
	// pages include (their lists, links, shortcodes), each once; findings
	// point at the included file's lines with the including line as
	// related location.
	IncludedFiles bool
}

// FixKind is how the rule's findings can be mended, as the rule table and
// `careerlint explain` show it: "yes" (by --fix), "suggested" (by
// applying a suggestion: an editor's quick fix, or --fix with
// --apply-suggestions) or "no".
func (m Meta) FixKind() string {
	switch {
	case m.Fixable:
		return "yes"
	case m.Suggests:
		return "suggested"
	}
	return "no"
}

// Doc is a rule's documentation, split into fixed sections so that tests can
// check that every rule documents every part. It is written in
// rules/docs/NAME.md and embedded into the binary.
type Doc struct {
	Why, Bad, Good, Options, Fix string
	// Text is the whole document as written.
	Text string
}

// DocSections are the level-two headings every rule doc has, in order.
var DocSections = []string{"Why", "Bad", "Good", "Options", "Fix"}

// ParseDoc splits a rule document into its sections. It returns an error
// naming the first missing or misplaced section.
func ParseDoc(text string) (Doc, error) {
	d := Doc{Text: text}
	parts := map[string]*string{"Why": &d.Why, "Bad": &d.Bad, "Good": &d.Good, "Options": &d.Options, "Fix": &d.Fix}
	// Each section is the text between its heading's line and the next
	// heading, sliced out of the document (every run of careerlint loads
	// the docs, so they are not built line by line).
	var cur *string
	start := 0
	next := 0
	fenced := false
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off + 1
		}
		line := strings.TrimSuffix(text[off:end], "\n")
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if name, ok := strings.CutPrefix(line, "## "); ok && !fenced {
			name = strings.TrimSpace(name)
			p, known := parts[name]
			if !known || next >= len(DocSections) || DocSections[next] != name {
				return d, fmt.Errorf("unexpected section %q; sections are %s in that order", name, strings.Join(DocSections, ", "))
			}
			if cur != nil {
				*cur = text[start:off]
			}
			next++
			cur, start = p, end
		}
		off = end
	}
	if cur != nil {
		*cur = text[start:]
	}
	if next < len(DocSections) {
		return d, fmt.Errorf("missing section %q", DocSections[next])
	}
	for _, p := range parts {
		*p = strings.TrimSpace(*p)
	}
	return d, nil
}

// Rule is a check: plain data plus one function. A page rule sets
// CheckPage, a site rule (one that looks across pages) sets CheckSite.
// Rules never write files; fixes are returned as data in diagnostics.
type Rule struct {
	Meta
	// Doc is the rule's documentation.
	Doc Doc
	// NewOptions returns a pointer to a fresh options struct holding the
	// defaults, into which the configuration's options for this rule are
	// decoded. Nil when the rule has no options.
	NewOptions func() any
	// CheckPage checks one page. It may run concurrently with other pages.
	CheckPage func(*PagePass)
	// CheckSite checks the whole site once.
	CheckSite func(*SitePass)
}

// PagePass is what a page rule sees: one page, the read-only site, and
// the rule's decoded options.
type PagePass struct {
	Rule    *Rule
	Page    *Page
	Site    *Site
	Config  *Config
	Options any
	// Included is set when Page is a file the run's pages include, checked
	// by a rule that also checks included files, rather than a page of the
	// run.
	Included bool
	diags    findings
}

// Report records a finding.
func (p *PagePass) Report(d Diagnostic) {
	if d.Span.File == "" {
		d.Span.File = p.Page.Path
	}
	p.diags.add(d)
}

// Reportf records a finding at a byte range of the page.
func (p *PagePass) Reportf(start, end int, format string, args ...any) {
	p.Report(Diagnostic{Span: Span{File: p.Page.Path, Start: start, End: end}, Message: fmt.Sprintf(format, args...)})
}

// SitePass is what a site rule sees: every linted page and the site.
type SitePass struct {
	Rule    *Rule
	Site    *Site
	Config  *Config
	Options any
	diags   findings
}

// Report records a finding.
func (p *SitePass) Report(d Diagnostic) { p.diags.add(d) }

// MaxFindingsPerFile is the most findings of one rule on one file a run
// shows: past it, one finding says how many more there are (the "limit"
// step of the Pipeline, after suppression). Nobody reads past the first
// screens, and a file with a finding on each of a million lines would
// otherwise take gigabytes of memory to print.
const MaxFindingsPerFile = 1000

// maxFindingsKept is the most findings of one rule on one file a rule's
// pass keeps, for suppression to see before the limit applies; past it
// they are only counted. A variable for tests.
var maxFindingsKept = 10 * MaxFindingsPerFile

// findings are the findings one pass of a rule reports.
type findings struct {
	list []Diagnostic
	// perFile counts the findings of each file once there are
	// maxFindingsKept of them in all (before, no file can be over).
	perFile map[string]int
	// over holds, for each file past maxFindingsKept, the first finding
	// not kept and how many were not.
	over map[string]*overflow
}

type overflow struct {
	first Span
	n     int
}

func (f *findings) add(d Diagnostic) {
	if len(f.list) < maxFindingsKept {
		f.list = append(f.list, d)
		return
	}
	if f.perFile == nil {
		f.perFile, f.over = map[string]int{}, map[string]*overflow{}
		for _, k := range f.list {
			f.perFile[k.Span.File]++
		}
	}
	file := d.Span.File
	if f.perFile[file] < maxFindingsKept {
		f.perFile[file]++
		f.list = append(f.list, d)
		return
	}
	if o := f.over[file]; o != nil {
		o.n++
		return
	}
	f.over[file] = &overflow{first: d.Span, n: 1}
}

// all returns the findings kept, and records in site, for each file past
// maxFindingsKept, how many rule r reported there that were not kept.
func (f *findings) all(site *Site, r *Rule) []Diagnostic {
	for file, o := range f.over {
		site.noteCutShort(file, r, *o)
	}
	return f.list
}
