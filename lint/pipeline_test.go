package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

// wordRule reports every occurrence of word, times times over (to test
// de-duplication).
func wordRule(id, name, word string, times int) *Rule {
	return &Rule{
		Meta: Meta{ID: id, Name: name, Summary: "no " + word, Default: Warning},
		CheckPage: func(p *PagePass) {
			for range times {
				for off := 0; ; {
					i := bytes.Index(p.Page.Src[off:], []byte(word))
					if i < 0 {
						break
					}
					p.Reportf(off+i, off+i+len(word), "found %s", word)
					off += i + len(word)
				}
			}
		},
	}
}

func supRule() *Rule {
	return &Rule{Meta: Meta{ID: "CL005", Name: "suppression", Default: Warning}}
}

type lineDiag struct {
	File    string
	Line    int
	Rule    string
	Sev     Severity
	Message string
}

// runSite lints files under a temporary root and returns the findings
// with their lines.
func runSite(t *testing.T, files map[string]string, cfg *Config, rules []*Rule, sup *Rule) []lineDiag {
	t.Helper()
	root := writeTree(t, t.TempDir(), files)
	if cfg == nil {
		cfg = DefaultConfig()
	}
	res, err := Run(context.Background(), RunOptions{Root: root, Config: cfg, Rules: rules, Paths: []string{filepath.Join(root, "content")}, SuppressionRule: sup})
	if err != nil {
		t.Fatal(err)
	}
	var out []lineDiag
	for _, d := range res.Diagnostics {
		p := res.Site.File(d.Span.File)
		if p == nil {
			t.Fatalf("finding in unknown file %s", d.Span.File)
		}
		out = append(out, lineDiag{d.Span.File, p.Lines.Position(d.Span.Start).Line, d.Rule.Name, d.Severity, d.Message})
	}
	return out
}

func TestPipelineSuppressions(t *testing.T) {
	page := `## Page
<!-- careerlint-disable-next-line no-bad -- by name -->
BAD suppressed by name
BAD reported (line 4)
<!-- careerlint-disable-next-line CL099 -- by ID -->
BAD suppressed by ID

<!-- careerlint-disable no-bad -- legacy block -->
BAD in range
UGLY not this rule (line 10)
BAD in range
<!-- careerlint-enable no-bad -->
BAD after enable (line 13)

<!-- careerlint-disable-next-line no-bad -- nothing below -->
clean line

<!-- careerlint-disable-next-line no-bad,no-ugly -- two rules -->
BAD and no ugly word

<!-- careerlint-disable-next-line no-bad -->
BAD malformed directive suppresses nothing (line 22)

<!-- careerlint-disable-next-line no-badd -- typo -->
BAD unknown rule (line 25)

<!-- careerlint-disable-file CL096 -- whole file -->

<!-- careerlint-enable no-bad -->
<!-- careerlint-disable no-ugly -- block -->
UGLY
<!-- careerlint-enable CL096 -->
<!-- careerlint-enable no-ugly -->
`
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), wordRule("CL096", "no-ugly", "UGLY", 1), supRule()}
	got := runSite(t, map[string]string{"content/p.md": page}, nil, rules, rules[2])
	f := "content/p.md"
	want := []lineDiag{
		{f, 4, "no-bad", Warning, "found BAD"},
		{f, 13, "no-bad", Warning, "found BAD"},
		{f, 15, "suppression", Warning, `"careerlint-disable-next-line no-bad" suppresses nothing; remove it`},
		// The comment still serves no-bad: only no-ugly is to go.
		{f, 18, "suppression", Warning, `"careerlint-disable-next-line no-ugly" suppresses nothing; remove "no-ugly" from the rules it names`},
		{f, 21, "suppression", Warning, `"careerlint-disable-next-line" has no reason, so it suppresses nothing; add one after "--", e.g. <!-- careerlint-disable-next-line no-bad -- why -->`},
		{f, 22, "no-bad", Warning, "found BAD"},
		{f, 24, "suppression", Warning, `unknown rule "no-badd" in "careerlint-disable-next-line"; did you mean "no-bad"`},
		{f, 25, "no-bad", Warning, "found BAD"},
		// An enable that ends no disable above it: no-bad's block ended
		// on line 12, and no-ugly's was ended on line 32.
		{f, 29, "suppression", Warning, `"careerlint-enable no-bad" ends no "careerlint-disable" of that rule above it; remove it`},
		{f, 30, "suppression", Warning, `"careerlint-disable no-ugly" suppresses nothing; remove it`},
		{f, 33, "suppression", Warning, `"careerlint-enable no-ugly" ends no "careerlint-disable" of that rule above it; remove it`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestPipelineSuppressionOfSeveralRules: a directive naming several rules
// of which some suppress nothing is to lose those names, not to go (a
// maintainer told to "remove it" removed what another rule needed); only
// one all of whose rules suppress nothing is to go.
func TestPipelineSuppressionOfSeveralRules(t *testing.T) {
	page := `## Page
<!-- careerlint-disable-next-line no-bad,CL096 -- one of the two -->
BAD
<!-- careerlint-disable-next-line no-bad,no-ugly -- neither -->
clean
<!-- careerlint-disable-next-line no-ugly,no-badd -- a typo of a rule that is needed -->
BAD (line 7)
<!-- careerlint-disable no-bad -- block -->
BAD
<!-- careerlint-enable no-bad,no-ugly -->
<!-- careerlint-enable no-bad,no-ugly -->
<!-- careerlint-disable-next-line nosuchrule -- no rule is close to it -->
`
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), wordRule("CL096", "no-ugly", "UGLY", 1), supRule()}
	got := runSite(t, map[string]string{"content/p.md": page}, nil, rules, rules[2])
	f := "content/p.md"
	want := []lineDiag{
		{f, 2, "suppression", Warning, `"careerlint-disable-next-line CL096" (no-ugly) suppresses nothing; remove "CL096" from the rules it names`},
		{f, 4, "suppression", Warning, `"careerlint-disable-next-line no-bad" suppresses nothing; remove it`},
		{f, 4, "suppression", Warning, `"careerlint-disable-next-line no-ugly" suppresses nothing; remove it`},
		{f, 6, "suppression", Warning, `"careerlint-disable-next-line no-ugly" suppresses nothing; remove "no-ugly" from the rules it names`},
		{f, 6, "suppression", Warning, `unknown rule "no-badd" in "careerlint-disable-next-line"; did you mean "no-bad"`},
		{f, 7, "no-bad", Warning, "found BAD"},
		{f, 10, "suppression", Warning, `"careerlint-enable no-ugly" ends no "careerlint-disable" of that rule above it; remove "no-ugly" from the rules it names`},
		{f, 11, "suppression", Warning, `"careerlint-enable no-bad" ends no "careerlint-disable" of that rule above it; remove it`},
		{f, 11, "suppression", Warning, `"careerlint-enable no-ugly" ends no "careerlint-disable" of that rule above it; remove it`},
		{f, 12, "suppression", Warning, "unknown rule \"nosuchrule\" in \"careerlint-disable-next-line\"; `careerlint rules` lists them"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestPipelineEnableAfterMalformedDisable: a disable without a reason is
// reported, and the enable that ends it is no leftover to remove (adding
// the reason makes the pair work).
func TestPipelineEnableAfterMalformedDisable(t *testing.T) {
	page := "## Page\n<!-- careerlint-disable no-bad -->\nBAD in the block (line 3)\n<!-- careerlint-enable no-bad -->\n"
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), supRule()}
	got := runSite(t, map[string]string{"content/p.md": page}, nil, rules, rules[1])
	f := "content/p.md"
	want := []lineDiag{
		{f, 2, "suppression", Warning, `"careerlint-disable" has no reason, so it suppresses nothing; add one after "--", e.g. <!-- careerlint-disable no-bad -- why -->`},
		{f, 3, "no-bad", Warning, "found BAD"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestPipelineDisableFile(t *testing.T) {
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), supRule()}
	got := runSite(t, map[string]string{
		"content/a.md": "BAD before the directive\n\n<!-- careerlint-disable-file no-bad -- generated -->\n\nBAD after\n",
		"content/b.md": "BAD in another file\n",
	}, nil, rules, rules[1])
	want := []lineDiag{{"content/b.md", 1, "no-bad", Warning, "found BAD"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestPipelineMultiLineDirective(t *testing.T) {
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), supRule()}
	got := runSite(t, map[string]string{
		"content/a.md": "<!-- careerlint-disable-next-line no-bad\n     -- the reason is long -->\nBAD suppressed\nBAD reported\n",
	}, nil, rules, rules[1])
	want := []lineDiag{{"content/a.md", 4, "no-bad", Warning, "found BAD"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestPipelineSuppressionInIncludedFile(t *testing.T) {
	inc := wordRule("CL099", "no-bad", "BAD", 1)
	inc.IncludedFiles = true
	rules := []*Rule{inc, supRule()}
	got := runSite(t, map[string]string{
		"content/p.md":         "## P\n{{% include \"includes/i.md\" %}}\nBAD in page\n",
		"assets/includes/i.md": "<!-- careerlint-disable-next-line no-bad -- shared text -->\nBAD suppressed in include\nBAD reported in include\n<!-- careerlint-disable-next-line no-bad -- unused -->\n",
	}, nil, rules, rules[1])
	want := []lineDiag{
		{"assets/includes/i.md", 3, "no-bad", Warning, "found BAD"},
		{"assets/includes/i.md", 4, "suppression", Warning, `"careerlint-disable-next-line no-bad" suppresses nothing; remove it`},
		{"content/p.md", 3, "no-bad", Warning, "found BAD"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestPipelineSuppressionInPartlyLintedInclude runs over one of two pages
// that include a file: a directive there that suppresses nothing on that
// page may serve the other, so it is judged only when the run holds every
// page that includes the file (RunOptions.WholeIncludes).
func TestPipelineSuppressionInPartlyLintedInclude(t *testing.T) {
	inc := wordRule("CL099", "no-bad", "BAD", 1)
	inc.IncludedFiles = true
	rules := []*Rule{inc, supRule()}
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/a.md":         "## A\n{{% include \"includes/i.md\" %}}\n",
		"content/b.md":         "## B\n{{% include \"includes/i.md\" %}}\n",
		"assets/includes/i.md": "<!-- careerlint-disable-next-line no-bad -- unused -->\nclean\n",
	})
	unused := func(whole map[string]bool) int {
		res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: rules, SuppressionRule: rules[1],
			Paths: []string{filepath.Join(root, "content/a.md")}, WholeIncludes: whole})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range res.Diagnostics {
			if d.Rule == rules[1] && d.Span.File == "assets/includes/i.md" {
				n++
			}
		}
		return n
	}
	if n := unused(nil); n != 0 {
		t.Errorf("a run over a.md alone reports the include's directive %d times, want 0 (b.md may need it)", n)
	}
	if n := unused(map[string]bool{"assets/includes/i.md": true}); n != 1 {
		t.Errorf("a run holding every page that includes the file reports its unused directive %d times, want 1", n)
	}
}

// TestPipelineSuppressionInIncludeOfUnreadPage runs over every page, one
// of which was not read (the time budget ran out before it, or it is over
// max-file-size): a directive in a file it includes that it alone needs
// (its finding depends on the page, as a relative link's does) is not
// judged, since the run did not check that page (it was reported as
// suppressing nothing, and removing it broke the page once read).
func TestPipelineSuppressionInIncludeOfUnreadPage(t *testing.T) {
	// no-bad reports the BAD of the files b.md includes.
	r := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Warning}, CheckPage: func(p *PagePass) {
		if path.Base(p.Page.Path) != "b.md" {
			return
		}
		for _, inc := range p.Page.Includes {
			it := p.Site.ResolveInclude(inc.Target)
			if i := bytes.Index(p.Site.Source(it.Path), []byte("BAD")); it.Page != nil && i >= 0 {
				p.Report(Diagnostic{Span: Span{File: it.Path, Start: i, End: i + 3}, Message: "found BAD"})
			}
		}
	}}
	sup := supRule()
	m := "content/handbook/careers/matrix/t/"
	root := writeTree(t, t.TempDir(), map[string]string{
		m + "a.md":             "## A\n{{% include \"includes/i.md\" %}}\n",
		m + "b.md":             "## B\n{{% include \"includes/i.md\" %}}\n\nThe text of B, longer than the others.\n",
		m + "c.md":             "", // empty: it includes nothing
		"assets/includes/i.md": "<!-- careerlint-disable-next-line no-bad -- for b -->\nBAD\n",
	})
	// unused returns the suppression findings, and whether b.md alone
	// of a.md and b.md was not read.
	unused := func(cfg *Config, lean bool, clock func() time.Time) (out []string, bUnread bool) {
		t.Helper()
		res, err := Run(context.Background(), RunOptions{Root: root, Config: cfg, Rules: []*Rule{r, problemRule, sup}, SuppressionRule: sup,
			Workers: 1, Lean: lean, AllMarkdown: lean, clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		unread := map[string]bool{}
		for _, d := range res.Diagnostics {
			switch d.Rule {
			case sup:
				out = append(out, d.Span.File+": "+d.Message)
			case problemRule:
				unread[path.Base(d.Span.File)] = true
			}
		}
		return out, !unread["a.md"] && unread["b.md"]
	}
	for _, lean := range []bool{false, true} {
		// Every page read: the directive is used.
		if got, _ := unused(DefaultConfig(), lean, nil); len(got) != 0 {
			t.Errorf("lean %v, every page read: %v", lean, got)
		}
		// b.md over max-file-size: not read.
		cfg := DefaultConfig()
		cfg.MaxFileSize = 70
		if got, bUnread := unused(cfg, lean, nil); len(got) != 0 || !bUnread {
			t.Errorf("lean %v, b.md too large (not read: %v): the include's directive is reported: %v", lean, bUnread, got)
		}
		// The time budget runs out after a.md: b.md is not checked. The
		// clock moves one second per look (a lean run looks more often).
		partly := false
		for budget := 1500 * time.Millisecond; budget < 8*time.Second; budget += time.Second {
			cfg := DefaultConfig()
			cfg.TimeBudget = budget
			var now time.Time
			clock := func() time.Time { now = now.Add(time.Second); return now }
			got, bUnread := unused(cfg, lean, clock)
			if len(got) != 0 {
				t.Errorf("lean %v, budget %v: the include's directive is reported: %v", lean, budget, got)
			}
			partly = partly || bUnread
		}
		if !partly {
			t.Errorf("lean %v: no budget read a.md and not b.md", lean)
		}
	}
	// The directive left unused on b.md too is reported, the empty page
	// notwithstanding.
	writeTree(t, root, map[string]string{"assets/includes/i.md": "<!-- careerlint-disable-next-line no-bad -- unused -->\nclean\n"})
	want := []string{`assets/includes/i.md: "careerlint-disable-next-line no-bad" suppresses nothing; remove it`}
	if got, _ := unused(DefaultConfig(), false, nil); !slices.Equal(got, want) {
		t.Errorf("an unused directive: %v, want %v", got, want)
	}
}

func TestPipelineSeverityAndOff(t *testing.T) {
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), wordRule("CL096", "no-ugly", "UGLY", 1), wordRule("CL095", "no-meh", "MEH", 1), supRule()}
	cfg := DefaultConfig()
	errSev, off, info := Error, Off, Info
	cfg.Rules["no-bad"] = RuleConfig{Severity: &errSev}
	cfg.Rules["no-ugly"] = RuleConfig{Severity: &off}
	cfg.Rules["no-meh"] = RuleConfig{Severity: &info}
	got := runSite(t, map[string]string{
		"content/a.md": "BAD UGLY MEH\n<!-- careerlint-disable-next-line no-ugly -- off anyway -->\nUGLY\n",
	}, cfg, rules, rules[3])
	// UGLY is never reported: its rule is off.
	want := []lineDiag{
		{"content/a.md", 1, "no-bad", Error, "found BAD"},
		{"content/a.md", 1, "no-meh", Info, "found MEH"},
		{"content/a.md", 2, "suppression", Warning, `"careerlint-disable-next-line no-ugly" suppresses nothing (the rule is off); remove it`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestPipelineSuppressionRuleOffOrAbsent(t *testing.T) {
	page := "<!-- careerlint-disable-next-line no-bad -- r -->\nBAD\n<!-- careerlint-disable-next-line no-bad -- unused -->\n\n<!-- careerlint-disable-next-line no-bad -->\nBAD\n"
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 1), supRule()}
	want := []lineDiag{{"content/a.md", 6, "no-bad", Warning, "found BAD"}}
	// No suppression rule: suppressions work, nothing is reported about them.
	if diff := cmp.Diff(want, runSite(t, map[string]string{"content/a.md": page}, nil, rules, nil)); diff != "" {
		t.Errorf("without a suppression rule (-want +got):\n%s", diff)
	}
	cfg := DefaultConfig()
	off := Off
	cfg.Rules["suppression"] = RuleConfig{Severity: &off}
	if diff := cmp.Diff(want, runSite(t, map[string]string{"content/a.md": page}, cfg, rules, rules[1])); diff != "" {
		t.Errorf("with the suppression rule off (-want +got):\n%s", diff)
	}
}

func TestPipelineDedupeAndSort(t *testing.T) {
	// no-bad reports each BAD three times; the pipeline keeps one.
	rules := []*Rule{wordRule("CL099", "no-bad", "BAD", 3), wordRule("CL001", "first", "BAD", 1), wordRule("CL050", "ugly", "UGLY", 2)}
	got := runSite(t, map[string]string{
		"content/b.md":   "UGLY BAD\n",
		"content/a.md":   "BAD\nUGLY\n",
		"content/a/c.md": "BAD\n",
	}, nil, rules, nil)
	want := []lineDiag{
		{"content/a.md", 1, "first", Warning, "found BAD"},
		{"content/a.md", 1, "no-bad", Warning, "found BAD"},
		{"content/a.md", 2, "ugly", Warning, "found UGLY"},
		{"content/a/c.md", 1, "first", Warning, "found BAD"},
		{"content/a/c.md", 1, "no-bad", Warning, "found BAD"},
		{"content/b.md", 1, "ugly", Warning, "found UGLY"},
		{"content/b.md", 1, "first", Warning, "found BAD"},
		{"content/b.md", 1, "no-bad", Warning, "found BAD"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestPostProcessDirect exercises the steps on hand-made findings.
func TestPostProcessDirect(t *testing.T) {
	a := &Rule{Meta: Meta{ID: "CL010", Name: "a", Default: Warning}}
	b := &Rule{Meta: Meta{ID: "CL020", Name: "b", Default: Error}}
	src := "line one\nline two\n"
	p := ParsePage("x.md", []byte(src), ParseOptions{})
	site := NewSite("/nonexistent", DefaultConfig(), []*Page{p})
	in := []Diagnostic{
		{Span: Span{File: "x.md", Start: 9, End: 13}, Message: "m2", Rule: b},
		{Span: Span{File: "x.md", Start: 9, End: 13}, Message: "m1", Rule: b},
		{Span: Span{File: "x.md", Start: 9, End: 13}, Message: "m1", Rule: a},
		{Span: Span{File: "x.md", Start: 0, End: 4}, Message: "m", Rule: b},
		{Span: Span{File: "x.md", Start: 9, End: 13}, Message: "m1", Rule: b}, // duplicate
		{Span: Span{File: "x.md", Start: 9, End: 14}, Message: "m1", Rule: b}, // other span: kept
		{Span: Span{File: "w.md", Start: 50, End: 51}, Message: "z", Rule: a}, // file unknown to the site
	}
	got := PostProcess(site, in, []*Rule{a, b}, nil)
	type v struct {
		File       string
		Start, End int
		Rule       string
		Sev        Severity
		Msg        string
	}
	var gv []v
	for _, d := range got {
		gv = append(gv, v{d.Span.File, d.Span.Start, d.Span.End, d.Rule.ID, d.Severity, d.Message})
	}
	want := []v{
		{"w.md", 50, 51, "CL010", Warning, "z"},
		{"x.md", 0, 4, "CL020", Error, "m"},
		{"x.md", 9, 13, "CL010", Warning, "m1"},
		{"x.md", 9, 13, "CL020", Error, "m1"},
		{"x.md", 9, 14, "CL020", Error, "m1"},
		{"x.md", 9, 13, "CL020", Error, "m2"},
	}
	if diff := cmp.Diff(want, gv); diff != "" {
		t.Errorf("post-processed (-want +got):\n%s", diff)
	}
	var names []string
	for _, s := range Pipeline {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"suppress", "report-suppressions", "ignore", "severity", "valid-utf8", "dedupe", "related", "shorten", "sort", "limit"}, names); diff != "" {
		t.Errorf("pipeline steps (-want +got):\n%s", diff)
	}
}

// TestValidUTF8Step checks that a message quoting invalid UTF-8 (a link
// destination with bad bytes) leaves the pipeline as valid text.
func TestValidUTF8Step(t *testing.T) {
	in := []Diagnostic{{Message: "link target /handbook/\xff\xfe/ matches no page", Related: []Related{{Message: "see \xc3"}}}}
	out := validUTF8(nil, in)
	if got := out[0].Message; got != "link target /handbook/\uFFFD/ matches no page" {
		t.Errorf("message = %q", got)
	}
	if got := out[0].Related[0].Message; got != "see \uFFFD" {
		t.Errorf("related message = %q", got)
	}
}

// TestFindingsCutShort: a run shows at most MaxFindingsPerFile findings of
// a rule on a file, after suppression, and one more finding, at the first
// it leaves out, says how many it left out; other files and rules keep
// theirs. Findings a directive suppresses do not count: those after them
// are shown.
func TestFindingsCutShort(t *testing.T) {
	n := MaxFindingsPerFile + 5
	many := "---\ntitle: t\n---\n\n" + strings.Repeat("bad\n", n-1) +
		"<!-- careerlint-disable-next-line word -- kept on purpose -->\nbad\n"
	hidden := "---\ntitle: t\n---\n\n<!-- careerlint-disable word -- generated -->\n" + strings.Repeat("bad\n", 1500) +
		"<!-- careerlint-enable word -->\n" + strings.Repeat("bad\n", 5)
	got := runSite(t, map[string]string{
		"content/handbook/many.md":   many,
		"content/handbook/hidden.md": hidden,
		"content/handbook/few.md":    "---\ntitle: t\n---\n\nbad\n",
	}, nil, []*Rule{wordRule("CL900", "word", "bad", 1), wordRule("CL901", "other", "title", 1)}, supRule())
	perFile := map[string]int{}
	var cut []lineDiag
	for _, d := range got {
		if d.Rule == "suppression" {
			t.Errorf("suppression finding: %+v", d)
		}
		if d.Rule == "word" {
			perFile[d.File]++
			if strings.Contains(d.Message, "not shown") {
				cut = append(cut, d)
			}
		}
	}
	if want := map[string]int{"content/handbook/many.md": MaxFindingsPerFile + 1, "content/handbook/few.md": 1, "content/handbook/hidden.md": 5}; !maps.Equal(perFile, want) {
		t.Errorf("findings per file %v, want %v (many.md with the summary)", perFile, want)
	}
	// many.md: n findings, one suppressed, MaxFindingsPerFile shown.
	want := []lineDiag{{"content/handbook/many.md", 5 + MaxFindingsPerFile, "word", Warning,
		fmt.Sprintf("%d more findings of this rule in this file not shown (at most %d are shown); fix the ones shown and run again", n-1-MaxFindingsPerFile, MaxFindingsPerFile)}}
	if diff := cmp.Diff(want, cut); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// TestFindingsCutShortCounted: the summaries count the findings a file's
// cap leaves out, seen but not shown, so that a report of 1,000 shown and
// 500 left out says 1,500, not the 1,001 entries it lists.
func TestFindingsCutShortCounted(t *testing.T) {
	n := MaxFindingsPerFile + 500
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/many.md": "---\ntitle: t\n---\n\n" + strings.Repeat("bad\n", n),
		"content/handbook/few.md":  "---\ntitle: t\n---\n\nbad\n",
	})
	res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{wordRule("CL900", "word", "bad", 1)}, Paths: []string{filepath.Join(root, "content")}})
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site}
	if len(r.Diagnostics) != MaxFindingsPerFile+2 {
		t.Fatalf("%d findings listed, want %d (the cap, the entry for the rest, few.md's)", len(r.Diagnostics), MaxFindingsPerFile+2)
	}
	if e, w, i := r.Counts(); e != 0 || w != n+1 || i != 0 {
		t.Errorf("Counts() = %d, %d, %d; want 0, %d, 0", e, w, i, n+1)
	}
	var text, md strings.Builder
	if err := Formats["text"](&text, r); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("2 files, 0 errors, %d warnings, 0 infos\n", n+1); !strings.HasSuffix(text.String(), want) {
		t.Errorf("text summary %q, want %q", text.String()[strings.LastIndexByte(strings.TrimSuffix(text.String(), "\n"), '\n')+1:], want)
	}
	if err := Formats["markdown"](&md, r); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("**careerlint**: %d findings (0 errors, %d warnings, 0 infos)", n+1, n+1); !strings.HasPrefix(md.String(), want) {
		t.Errorf("markdown summary %q, want it to start %q", strings.SplitN(md.String(), "\n", 2)[0], want)
	}
}

// TestFindingsNotKeptCounted: where a rule's pass only counted some of
// its findings on a file (past maxFindingsKept), which suppressions did
// not see, the summaries do not give the findings kept as the total: the
// text and Markdown summaries and the fix hint say "at least", and the
// JSON summary says how many were only counted. A page with
// MaxFindingsPerFile+50 findings, of which the pass keeps
// MaxFindingsPerFile.
func TestFindingsNotKeptCounted(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = MaxFindingsPerFile
	n := MaxFindingsPerFile + 50
	fixable := &Rule{
		Meta: Meta{ID: "CL900", Name: "word", Summary: "no bad", Default: Warning, Fixable: true},
		CheckPage: func(p *PagePass) {
			for off := 0; ; {
				i := bytes.Index(p.Page.Src[off:], []byte("bad"))
				if i < 0 {
					break
				}
				at := p.Page.Span(off+i, off+i+3)
				p.Report(Diagnostic{Span: at, Message: "found bad", Fixes: []Fix{{Title: "write good", Edits: []Edit{{Span: at, Text: "good"}}}}})
				off += i + 3
			}
		},
	}
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/many.md": "---\ntitle: t\n---\n\n" + strings.Repeat("bad\n", n),
		"content/handbook/few.md":  "---\ntitle: t\n---\n\nbad\n",
	})
	res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{fixable}, Paths: []string{filepath.Join(root, "content")}})
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Version: "dev", Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site, FixHint: true}
	// Kept: MaxFindingsPerFile on many.md, all shown, and few.md's; the
	// finding that stands for the 50 only counted counts as one.
	kept := MaxFindingsPerFile + 1 + 1
	var text, md, js strings.Builder
	for _, f := range []struct {
		name string
		w    *strings.Builder
	}{{"text", &text}, {"markdown", &md}, {"json", &js}} {
		if err := Formats[f.name](f.w, r); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n")
	want := []string{
		fmt.Sprintf("2 files, 0 errors, at least %d warnings, 0 infos", kept),
		fmt.Sprintf("at least %d fixable with --fix", MaxFindingsPerFile+1),
	}
	if diff := cmp.Diff(want, lines[len(lines)-2:]); diff != "" {
		t.Errorf("text summary (-want +got):\n%s", diff)
	}
	if want := fmt.Sprintf("**careerlint**: at least %d findings (0 errors, at least %d warnings, 0 infos) in 2 files; 2 files linted\n", kept, kept); !strings.HasPrefix(md.String(), want) {
		t.Errorf("markdown summary %q, want %q", strings.SplitN(md.String(), "\n", 2)[0], want)
	}
	var out struct {
		Findings []struct {
			Message    string
			NotShown   *int
			NotCounted *int
		}
		Summary map[string]int
	}
	if err := json.Unmarshal([]byte(js.String()), &out); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"files": 2, "errors": 0, "warnings": kept, "infos": 0, "notCounted": 50}; !maps.Equal(out.Summary, want) {
		t.Errorf("JSON summary %v, want %v", out.Summary, want)
	}
	var standIns int
	for _, f := range out.Findings {
		if f.NotShown != nil {
			standIns++
			if f.NotCounted == nil || *f.NotCounted != 50 || *f.NotShown != 0 {
				t.Errorf("stand-in %q: notShown %v, notCounted %v; want 0 and 50", f.Message, f.NotShown, f.NotCounted)
			}
		} else if f.NotCounted != nil {
			t.Errorf("finding %q has notCounted", f.Message)
		}
	}
	if standIns != 1 {
		t.Errorf("%d findings with notShown, want 1", standIns)
	}
	if err := schematest.ValidateJSON(schema.Output, []byte(js.String())); err != nil {
		t.Errorf("JSON report does not validate: %v", err)
	}
}

// TestFindingsNotKept: past maxFindingsKept a rule's pass only counts its
// findings; the summary counts them, and a directive for the rule on the
// file is not reported unused, since what it suppresses may be among them.
func TestFindingsNotKept(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = 10
	page := "---\ntitle: t\n---\n\n" + strings.Repeat("bad\n", 30) +
		"<!-- careerlint-disable-next-line word -- kept on purpose -->\nbad\n"
	got := runSite(t, map[string]string{"content/handbook/p.md": page}, nil, []*Rule{wordRule("CL900", "word", "bad", 1)}, supRule())
	var shown int
	var cut []lineDiag
	for _, d := range got {
		switch {
		case d.Rule == "suppression":
			t.Errorf("suppression finding: %+v", d)
		case strings.Contains(d.Message, "not shown"):
			cut = append(cut, d)
		default:
			shown++
		}
	}
	want := []lineDiag{{"content/handbook/p.md", 15, "word", Warning, "up to 21 more findings of this rule in this file not shown (at most 1000 are shown); fix the ones shown and run again"}}
	if diff := cmp.Diff(want, cut); diff != "" || shown != 10 {
		t.Errorf("%d shown, summary (-want +got):\n%s", shown, diff)
	}
}

// TestFindingsNotKeptDisabledFile: a rule disabled for the whole file gets
// no summary there, though its pass did not keep all its findings.
func TestFindingsNotKeptDisabledFile(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = 10
	page := "---\ntitle: t\n---\n\n<!-- careerlint-disable-file word -- generated -->\n" + strings.Repeat("bad\n", 30)
	got := runSite(t, map[string]string{"content/handbook/p.md": page}, nil, []*Rule{wordRule("CL900", "word", "bad", 1)}, supRule())
	if len(got) != 0 {
		t.Errorf("findings %+v, want none", got)
	}
}

// TestRunOtherRules: with RunOptions.OtherRules, a page the pages globs do
// not select gets those rules, and so does a file only such pages include;
// a file a career page includes gets the run's rules. A directive for a
// rule that did not run on its file is not reported as unused there.
func TestRunOtherRules(t *testing.T) {
	a, b := wordRule("CL090", "bad-a", "BAD", 1), wordRule("CL091", "bad-b", "BAD", 1)
	a.IncludedFiles, b.IncludedFiles = true, true
	files := map[string]string{
		"content/handbook/careers/matrix/web/senior.md": `## Senior
BAD (line 2)
{{% include "includes/both.md" %}}
<!-- careerlint-disable-next-line bad-a -- used -->
BAD only bad-b (line 5)
`,
		"content/handbook/values/_index.md": `## Values
BAD (line 2)
{{% include "includes/both.md" %}}
{{% include "includes/only.md" %}}
<!-- careerlint-disable-next-line bad-a -- bad-a does not run here -->
fine
<!-- careerlint-disable-next-line bad-b -- unused (line 7) -->
fine
`,
		"assets/includes/both.md": "BAD (line 1)\n",
		"assets/includes/only.md": "BAD (line 1)\n",
	}
	root := writeTree(t, t.TempDir(), files)
	sup := supRule()
	run := func(other []*Rule) []lineDiag {
		res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{a, b, sup}, OtherRules: other,
			Paths: []string{filepath.Join(root, "content")}, SuppressionRule: sup})
		if err != nil {
			t.Fatal(err)
		}
		var out []lineDiag
		for _, d := range res.Diagnostics {
			out = append(out, lineDiag{d.Span.File, res.Site.File(d.Span.File).Lines.Position(d.Span.Start).Line, d.Rule.Name, d.Severity, d.Message})
		}
		return out
	}
	want := []lineDiag{
		{"assets/includes/both.md", 1, "bad-a", Warning, "found BAD"},
		{"assets/includes/both.md", 1, "bad-b", Warning, "found BAD"},
		{"assets/includes/only.md", 1, "bad-b", Warning, "found BAD"},
		{"content/handbook/careers/matrix/web/senior.md", 2, "bad-a", Warning, "found BAD"},
		{"content/handbook/careers/matrix/web/senior.md", 2, "bad-b", Warning, "found BAD"},
		{"content/handbook/careers/matrix/web/senior.md", 5, "bad-b", Warning, "found BAD"},
		{"content/handbook/values/_index.md", 2, "bad-b", Warning, "found BAD"},
		{"content/handbook/values/_index.md", 7, "suppression", Warning, `"careerlint-disable-next-line bad-b" suppresses nothing; remove it`},
	}
	if diff := cmp.Diff(want, run([]*Rule{b})); diff != "" {
		t.Errorf("with other rules (-want +got):\n%s", diff)
	}
	// Without OtherRules every page gets the run's rules: the directive
	// for bad-a on the values page is then unused.
	got := run(nil)
	if !slices.ContainsFunc(got, func(d lineDiag) bool {
		return d.File == "content/handbook/values/_index.md" && d.Line == 2 && d.Rule == "bad-a"
	}) || !slices.ContainsFunc(got, func(d lineDiag) bool {
		return d.File == "content/handbook/values/_index.md" && d.Line == 5 && d.Rule == "suppression"
	}) {
		t.Errorf("without other rules, the values page did not get every rule: %v", got)
	}
}

// TestDedupeMergesRelated: one finding reached twice (two uses of one
// reference definition) is kept once, with the related locations of both.
func TestDedupeMergesRelated(t *testing.T) {
	r := &Rule{Meta: Meta{ID: "CL099", Name: "x"}}
	def := Span{File: "p.md", Start: 40, End: 50}
	use1, use2 := Related{Span: Span{File: "p.md", Start: 0, End: 5}, Message: "used here"}, Related{Span: Span{File: "p.md", Start: 10, End: 15}, Message: "used here"}
	shared := make([]Related, 1, 4) // room to append into: the merge must not
	shared[0] = use1
	in := []Diagnostic{
		{Span: def, Rule: r, Message: "m", Related: shared},
		{Span: def, Rule: r, Message: "m", Related: []Related{use2}},
		{Span: def, Rule: r, Message: "m", Related: []Related{use1}},
		{Span: def, Rule: r, Message: "other"},
	}
	got := dedupe(nil, in)
	if len(got) != 2 {
		t.Fatalf("%d findings, want 2", len(got))
	}
	if want := []Related{use1, use2}; !cmp.Equal(got[0].Related, want) {
		t.Errorf("related %v, want %v", got[0].Related, want)
	}
	if spare := shared[:cap(shared)]; spare[1] != (Related{}) {
		t.Errorf("the merge wrote into the backing array of a slice the finding shared: %v", spare)
	}
}

// TestShortenMessage: a message quoting a long text keeps its beginning,
// its end and its did-you-mean, within MaxMessageRun code points per run
// and MaxMessageLength in all.
func TestShortenMessage(t *testing.T) {
	long := "/handbook/" + strings.Repeat("a", 500) + "/end/"
	for _, c := range []struct{ name, in, want string }{
		{"short", `link target /x/ matches no page; did you mean "/y/"`, `link target /x/ matches no page; did you mean "/y/"`},
		{"exactly the run limit", "link target " + strings.Repeat("b", MaxMessageRun) + " matches no page", "link target " + strings.Repeat("b", MaxMessageRun) + " matches no page"},
		{"unquoted run", "link target " + long + " matches no page; did you mean \"/handbook/a/\"",
			"link target /handbook/" + strings.Repeat("a", 89) + "…" + strings.Repeat("a", 95) + "/end/ matches no page; did you mean \"/handbook/a/\""},
		{"quoted run", fmt.Sprintf("unknown key %q; did you mean %q", strings.Repeat("k", 300), "title"),
			`unknown key "` + strings.Repeat("k", 98) + "…" + strings.Repeat("k", 99) + `"; did you mean "title"`},
		// \x1b is four code points and one unit: the cut keeps whole escapes.
		{"quoted escapes", fmt.Sprintf("heading %q", strings.Repeat("\x1b", 100)),
			`heading "` + strings.Repeat(`\x1b`, 24) + "…" + strings.Repeat(`\x1b`, 24) + `"`},
		{"white space", "a" + strings.Repeat(" ", 300) + "b", "a" + strings.Repeat(" ", 99) + "…" + strings.Repeat(" ", 100) + "b"},
	} {
		if got := ShortenMessage(c.in); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}

	// Many long runs: the whole message is cut between runs, keeping its
	// end, where the did-you-mean is.
	var b strings.Builder
	b.WriteString("links")
	for i := range 20 {
		fmt.Fprintf(&b, " /p%d/%s", i, strings.Repeat("x", 300))
	}
	b.WriteString(` match no page; did you mean "/handbook/values/"`)
	got := ShortenMessage(b.String())
	if n := utf8.RuneCountInString(got); n > MaxMessageLength {
		t.Errorf("%d code points, want at most %d: %q", n, MaxMessageLength, got)
	}
	if !strings.HasPrefix(got, "links /p0/xxx") || !strings.HasSuffix(got, ` match no page; did you mean "/handbook/values/"`) {
		t.Errorf("beginning or did-you-mean lost: %q", got)
	}
	if strings.Count(got, `"`)%2 != 0 {
		t.Errorf("a quote was cut: %q", got)
	}

	// A quoted string cut in its middle is still a Go string (no escape
	// split), with the ellipsis in place of the middle.
	in := fmt.Sprintf("%q", strings.Repeat("é\t\x00\U0001F600\\\"", 400))
	got = ShortenMessage(in)
	if _, err := strconv.Unquote(strings.Replace(got, "…", "", 1)); err != nil {
		t.Errorf("cut inside an escape: %q: %v", got, err)
	}
}

// TestShortenMessageGlyphs: a cut keeps valid UTF-8, does not end with a
// zero-width joiner and does not start the kept end with a combining mark
// or a joiner; a message within the bounds is unchanged; shortening twice
// changes nothing more.
func TestShortenMessageGlyphs(t *testing.T) {
	pieces := []string{"a", "é", "e\u0301", "中", "👩\u200d👩\u200d👧", "\u2764\ufe0f", "👍🏽", "🇯🇵", " ", "\"", "\\", "\x1b", "\xff", "…", "\n"}
	r := rand.New(rand.NewPCG(1, 2))
	for run := range 3000 {
		var b strings.Builder
		b.WriteString("link target ")
		n := r.IntN(1500)
		if run%2 == 0 {
			n = MaxMessageRun - 20 + r.IntN(40) // around the run limit
		}
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		b.WriteString(` matches no page; did you mean "/x/"`)
		in := strings.ToValidUTF8(b.String(), "\uFFFD") // as the valid-utf8 step leaves it
		got := ShortenMessage(in)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from %q: %q", in, got)
		}
		if c := utf8.RuneCountInString(got); c > MaxMessageLength {
			t.Fatalf("%d code points: %q", c, got)
		}
		if again := ShortenMessage(got); again != got {
			t.Fatalf("shortened twice differs:\n%q\n%q", got, again)
		}
		if got == in {
			continue
		}
		if !strings.HasPrefix(got, "link target ") || !strings.HasSuffix(got, ` matches no page; did you mean "/x/"`) {
			t.Fatalf("beginning or end lost: %q", got)
		}
		for i := 0; i < len(got); {
			j := strings.Index(got[i:], "…")
			if j < 0 {
				break
			}
			j += i
			if last, _ := utf8.DecodeLastRuneInString(got[:j]); last == '\u200d' {
				t.Fatalf("cut right after a joiner: %q", got)
			}
			next, _ := utf8.DecodeRuneInString(got[j+len("…"):])
			if next == '\u200d' || next == '\u0301' || next == '\ufe0f' || next == 0x1f3fd {
				t.Fatalf("kept end starts with %U: %q", next, got)
			}
			i = j + len("…")
		}
	}
}

// TestPipelineLimitsRelated: a finding with related locations of several
// kinds past the cap lists the first MaxRelated and one saying how many
// more of each kind there are, in how many files, at the first of them;
// a finding with one more than the cap lists them all; and a slice of
// related locations two findings share is not changed.
func TestPipelineLimitsRelated(t *testing.T) {
	p := ParsePage("x.md", []byte(strings.Repeat("line\n", 100)), parseOptions(DefaultConfig()))
	q := ParsePage("y.md", []byte(strings.Repeat("line\n", 100)), parseOptions(DefaultConfig()))
	site := NewSite("/nonexistent", DefaultConfig(), []*Page{p, q})
	rule := &Rule{Meta: Meta{ID: "CL010", Name: "a", Default: Warning}}
	var many []Related
	for i := range MaxRelated + 40 {
		msg, page := "used here", p
		switch {
		case i >= MaxRelated+30:
			msg, page = fmt.Sprintf("kind %d", i%4), q
		case i >= MaxRelated+10:
			msg = "included here"
		}
		many = append(many, Related{Span: page.Span(5*(i%100), 5*(i%100)+4), Message: msg})
	}
	in := []Diagnostic{
		{Span: p.Span(0, 4), Rule: rule, Message: "many", Related: many},
		{Span: p.Span(5, 9), Rule: rule, Message: "shares them", Related: many},
		{Span: p.Span(10, 14), Rule: rule, Message: "one past the cap", Related: many[:MaxRelated+1]},
	}
	got := PostProcess(site, in, []*Rule{rule}, nil)
	if len(got) != 3 {
		t.Fatalf("%d findings, want 3", len(got))
	}
	for _, d := range got[:2] {
		if len(d.Related) != MaxRelated+1 || !slices.Equal(d.Related[:MaxRelated], many[:MaxRelated]) {
			t.Fatalf("%s: %d related, want the first %d and a note", d.Message, len(d.Related), MaxRelated)
		}
		note := d.Related[MaxRelated]
		want := fmt.Sprintf(`40 more related locations in 2 files not listed (the first %d are): 20 "included here", 10 "used here", 3 "kind 2" and 7 of 3 other kinds; this is the first of them`, MaxRelated)
		if note.Message != want || note.Span != many[MaxRelated].Span {
			t.Errorf("%s: note %q at %v, want %q at %v", d.Message, note.Message, note.Span, want, many[MaxRelated].Span)
		}
	}
	if !slices.Equal(got[2].Related, many[:MaxRelated+1]) {
		t.Errorf("one past the cap: related %v, want them all", got[2].Related)
	}
	if len(many) != MaxRelated+40 || many[MaxRelated].Message != "used here" {
		t.Error("the related locations two findings share were changed")
	}
}

// TestPipelineDedupeJoinsRelated: one finding reached 20,000 ways (a
// file pasted 20,000 times), each with its own related location, is
// joined into one with every location counted. Its speed is
// BenchmarkPipelineDedupe's to show (the join searched the list so far
// and copied it for each, seconds of work; it now takes milliseconds),
// not a timed test's.
func TestPipelineDedupeJoinsRelated(t *testing.T) {
	const n = 20000
	site, in, rule := pastedCopies(n)
	got := PostProcess(site, in, []*Rule{rule}, nil)
	want := fmt.Sprintf(`%d more related locations, each "included here", not listed (the first %d are); this is the first of them`, n+1-MaxRelated, MaxRelated)
	if len(got) != 1 || len(got[0].Related) != MaxRelated+1 || got[0].Related[MaxRelated].Message != want {
		t.Fatalf("got %d findings, the first with %d related ending %q; want one with %d ending %q", len(got), len(got[0].Related), got[0].Related[len(got[0].Related)-1].Message, MaxRelated+1, want)
	}
}

// pastedCopies returns a site of one page and n copies of one finding on
// it, each with its own related location (an include pasted n times) and
// one they share, and their rule.
func pastedCopies(n int) (*Site, []Diagnostic, *Rule) {
	p := ParsePage("x.md", []byte(strings.Repeat("line\n", n)), parseOptions(DefaultConfig()))
	site := NewSite("/nonexistent", DefaultConfig(), []*Page{p})
	rule := &Rule{Meta: Meta{ID: "CL010", Name: "a", Default: Warning}}
	in := make([]Diagnostic, n)
	for i := range in {
		in[i] = Diagnostic{Span: p.Span(0, 4), Rule: rule, Message: "pasted", Related: []Related{{Span: p.Span(5*i, 5*i+4), Message: "included here"}, {Span: p.Span(0, 1), Message: "the same for each"}}}
	}
	return site, in, rule
}

// BenchmarkPipelineDedupe post-processes n copies of one finding, each
// with its own related location, at two sizes a factor of four apart:
// the time per op should grow about fourfold.
//
//	go test -run '^$' -bench PipelineDedupe ./lint/
func BenchmarkPipelineDedupe(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			site, in, rule := pastedCopies(n)
			work := make([]Diagnostic, n)
			for b.Loop() {
				copy(work, in)
				PostProcess(site, work, []*Rule{rule}, nil)
			}
		})
	}
}

// TestPipelineShortensMessages: the pipeline bounds messages, related
// messages and fix and suggestion titles, leaves the edits whole and does
// not change a fix slice another finding shares.
func TestPipelineShortensMessages(t *testing.T) {
	target := "/" + strings.Repeat(`\`, 500000)
	p := ParsePage("x.md", []byte("text\n"), parseOptions(DefaultConfig()))
	site := NewSite("/nonexistent", DefaultConfig(), []*Page{p})
	rule := &Rule{Meta: Meta{ID: "CL010", Name: "a", Default: Warning}}
	shared := []Fix{{Title: "write " + target + "/", Edits: []Edit{{Span: p.Span(0, 4), Text: target + "/"}}}}
	in := []Diagnostic{
		{Span: p.Span(0, 4), Rule: rule, Message: "link target " + target + " matches no page",
			Related:     []Related{{Span: p.Span(0, 1), Message: fmt.Sprintf("defined as %q", target)}},
			Fixes:       shared,
			Suggestions: []Fix{{Title: "write " + target + "/x/", Edits: []Edit{{Span: p.Span(0, 4), Text: "y"}}}}},
		{Span: p.Span(1, 4), Rule: rule, Message: "m", Fixes: shared},
	}
	got := PostProcess(site, in, []*Rule{rule}, nil)
	if len(got) != 2 {
		t.Fatalf("%d findings, want 2", len(got))
	}
	d := got[0]
	for what, s := range map[string]string{"message": d.Message, "related": d.Related[0].Message, "fix": d.Fixes[0].Title, "suggestion": d.Suggestions[0].Title} {
		if n := utf8.RuneCountInString(s); n > MaxMessageRun+len("link target  matches no page") || !strings.Contains(s, "…") {
			t.Errorf("%s of %d code points not shortened: %.300q", what, n, s)
		}
	}
	if !strings.HasSuffix(d.Message, " matches no page") || !strings.HasPrefix(d.Message, `link target /\\\`) {
		t.Errorf("message = %q", d.Message)
	}
	if d.Fixes[0].Edits[0].Text != target+"/" {
		t.Error("a fix's edit was shortened")
	}
	if shared[0].Title != "write "+target+"/" {
		t.Error("the fix slice the two findings share was changed")
	}
	if got[1].Fixes[0].Title != d.Fixes[0].Title {
		t.Errorf("the other finding sharing the fix has title %.300q", got[1].Fixes[0].Title)
	}
}

// TestFixCountsPastCap: the count of what --fix would do includes the
// findings past a file's cap, which --fix mends in its later rounds (a
// file with 1,005 fixable findings is "1005 fixable with --fix").
func TestFixCountsPastCap(t *testing.T) {
	n := MaxFindingsPerFile + 5
	everyBad := &Rule{
		Meta: Meta{ID: "CL903", Name: "every-bad", Default: Warning, Fixable: true},
		CheckPage: func(pass *PagePass) {
			src := pass.Page.Src
			for off := 0; ; {
				i := bytes.Index(src[off:], []byte("bad"))
				if i < 0 {
					return
				}
				span := pass.Page.Span(off+i, off+i+3)
				fix := Fix{Title: "good", Edits: []Edit{{Span: span, Text: "good"}}}
				d := Diagnostic{Span: span, Message: "bad word", Fixes: []Fix{fix}}
				if (off+i)/4%2 == 0 {
					d.Fixes, d.Suggestions = nil, []Fix{fix} // a suggestion only
				}
				pass.Report(d)
				off += i + 3
			}
		},
	}
	const head = "---\ntitle: t\n---\n\n"
	root := writeTree(t, t.TempDir(), map[string]string{"content/handbook/many.md": head + strings.Repeat("bad\n", n)})
	res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{everyBad}, Paths: []string{filepath.Join(root, "content")}})
	if err != nil {
		t.Fatal(err)
	}
	fixes, suggestions := 0, 0
	for off := len(head); off < len(head)+4*n; off += 4 { // where each "bad" starts
		if off/4%2 == 0 {
			suggestions++
		} else {
			fixes++
		}
	}
	r := &Report{Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site}
	if f, s := r.FixCounts(); f != fixes || s != suggestions {
		t.Errorf("FixCounts() = %d, %d; want %d, %d (every finding, past the cap too)", f, s, fixes, suggestions)
	}
}

// TestSuppressIndex: the directive that suppresses a rule at an offset,
// found through the index of a file's directives, is the one a reading
// of every directive in order finds, at every offset of random pages of
// directives of every kind (several on a line, in lists and quotes,
// spread over lines, malformed), and the index never falls back to that
// reading on them.
func TestSuppressIndex(t *testing.T) {
	pieces := []string{
		"BAD text", "- item BAD", "> quote", "", "",
		"<!-- careerlint-disable no-bad -- why -->",
		"<!-- careerlint-enable no-bad -->",
		"<!-- careerlint-disable-next-line no-bad -- why -->",
		"<!-- careerlint-disable-next-line other -- why -->",
		"<!-- careerlint-disable-file no-bad -- why -->",
		"<!-- careerlint-disable no-bad -->",
		"<!-- careerlint-disable no-bad,other -- a\n  long reason -->",
		"text <!-- careerlint-disable-next-line no-bad -- why --> more <!-- careerlint-enable no-bad -->",
		"- <!-- careerlint-disable no-bad -- why -->",
		"> <!-- careerlint-enable no-bad -->",
	}
	rng := rand.New(rand.NewPCG(155, 2))
	root := t.TempDir()
	s := NewSite(root, DefaultConfig(), nil)
	for round := range 500 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))] + "\n")
		}
		name := fmt.Sprintf("content/p%d.md", round)
		writeTree(t, root, map[string]string{name: b.String()})
		p, err := s.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		var dirs []*Directive
		for i := range p.Directives {
			if p.Directives[i].Problem == "" {
				dirs = append(dirs, &p.Directives[i])
			}
		}
		idx := s.newSuppressIndex(name, dirs, func(d *Directive) bool { return slices.Contains(d.Rules, "no-bad") })
		if idx.unordered {
			t.Fatalf("%q: directives out of order", p.Src)
		}
		for off := range len(p.Src) + 1 {
			if got, want := idx.at(off), idx.scan(off); got != want {
				t.Fatalf("%q at %d: the index finds %+v, reading every directive %+v", p.Src, off, got, want)
			}
		}
	}
}

// TestFindingsNotKeptAllSuppressed: when every finding the pass kept is
// suppressed, the entry for those it only counted does not speak of "the
// ones shown" (there are none): it says the suppressions were not matched
// with them, and how to act.
func TestFindingsNotKeptAllSuppressed(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = 10
	page := "---\ntitle: t\n---\n\n" + strings.Repeat("<!-- careerlint-disable-next-line word -- kept on purpose -->\nbad\n", 30)
	got := runSite(t, map[string]string{"content/handbook/p.md": page}, nil, []*Rule{wordRule("CL900", "word", "bad", 1)}, supRule())
	want := []lineDiag{{"content/handbook/p.md", 26, "word", Warning, "up to 20 findings of this rule in this file not shown: careerlint matches only the first 10 with inline suppressions, and none of those is shown; fix them, or suppress the rule in the whole file with careerlint-disable-file"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRelatedLeftOutPastFindingsKept: a finding reached once for each of
// 50 pastes, of which a pass keeps 30 (maxFindingsKept), lists 20 related
// locations and says that at least 10 more are left out, not that exactly
// 10 are: the 20 pastes not kept are not counted among them.
func TestRelatedLeftOutPastFindingsKept(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = 30
	const pastes = 50
	rule := &Rule{Meta: Meta{ID: "CL900", Name: "pasted", Default: Warning}, CheckPage: func(p *PagePass) {
		for i := range pastes {
			p.Report(Diagnostic{Span: p.Page.Span(0, 4), Message: "pasted", Related: []Related{{Span: p.Page.Span(i, i+1), Message: "included here"}}})
		}
	}}
	root := writeTree(t, t.TempDir(), map[string]string{"content/handbook/p.md": "---\ntitle: t\n---\n\n" + strings.Repeat("line\n", pastes)})
	res, err := Run(context.Background(), RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{rule}, Paths: []string{filepath.Join(root, "content")}})
	if err != nil {
		t.Fatal(err)
	}
	var related []Related
	for _, d := range res.Diagnostics {
		if d.Message == "pasted" {
			related = d.Related
		}
	}
	want := fmt.Sprintf(`at least 10 more related locations, each "included here", not listed (the first %d are; past %d findings of a rule on a file the rule's pass only counts them); this is the first of them`, MaxRelated, maxFindingsKept)
	if len(related) != MaxRelated+1 || related[MaxRelated].Message != want {
		t.Errorf("related %+v, want %d ending %q", related, MaxRelated+1, want)
	}
}

// TestFindingsPastCapIgnoredInclude: an include file that the ignore globs
// or the root's .gitignore leave out gets no finding, the one that stands
// for those past the per-file cap included, also where the rule's pass
// only counted some of them (past maxFindingsKept); linted, it gets one.
func TestFindingsPastCapIgnoredInclude(t *testing.T) {
	defer func(k int) { maxFindingsKept = k }(maxFindingsKept)
	maxFindingsKept = MaxFindingsPerFile + 10
	// A rule that reports, from the page, in the file it pastes (as the
	// link rules report a link written in an include file).
	word := &Rule{
		Meta: Meta{ID: "CL900", Name: "word", Summary: "no BAD", Default: Warning},
		CheckPage: func(p *PagePass) {
			inc, err := p.Site.Load("assets/includes/legacy/big.md")
			if err != nil {
				t.Error(err)
				return
			}
			for off := 0; ; off += 3 {
				i := bytes.Index(inc.Src[off:], []byte("BAD"))
				if i < 0 {
					break
				}
				off += i
				p.Report(Diagnostic{Span: Span{File: inc.Path, Start: off, End: off + 3}, Message: "found BAD"})
			}
		},
	}
	for _, n := range []int{MaxFindingsPerFile + 5, MaxFindingsPerFile + 50} {
		files := map[string]string{
			"content/handbook/careers/matrix/web/senior.md": "## Senior\n\n{{% include \"includes/legacy/big.md\" %}}\n",
			"assets/includes/legacy/big.md":                 strings.Repeat("BAD\n", n),
		}
		for _, how := range []string{"linted", "ignore", "gitignore"} {
			cfg := DefaultConfig()
			fs := maps.Clone(files)
			switch how {
			case "ignore":
				cfg.Ignore = []string{"assets/includes/legacy/**"}
			case "gitignore":
				fs[".gitignore"] = "assets/includes/legacy/\n"
			}
			got := runSite(t, fs, cfg, []*Rule{word}, nil)
			var standIns int
			for _, d := range got {
				if d.File != "assets/includes/legacy/big.md" {
					t.Errorf("%d findings, %s: finding %+v", n, how, d)
				}
				if strings.Contains(d.Message, "not shown") {
					standIns++
				}
			}
			want := 0
			if how == "linted" {
				want = 1
			}
			if how == "linted" && len(got) != MaxFindingsPerFile+1 || how != "linted" && len(got) != 0 || standIns != want {
				t.Errorf("%d findings, %s: %d reported, %d standing for those not shown; want %d", n, how, len(got), standIns, want)
			}
		}
	}
}
