package rules_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
)

// runSite lints a fixture site with every rule and returns the result.
func runSite(t *testing.T, root string, paths ...string) *lint.Result {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		paths[i] = filepath.Join(abs, filepath.FromSlash(p))
	}
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: abs, Config: linttest.Config(t, abs, rules.All()), Rules: rules.All(), Paths: paths, SuppressionRule: rules.Suppression})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

const matrix = "content/handbook/engineering/careers/matrix/"

// writeFile writes a file of a test site, making its folders.
func writeFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTracks checks the track model: folders of level pages in ladder
// order, extra levels after the ladder's, file names matched without case,
// files that are no level left out, a folder with one level, and the index
// of each track (its own, a parent folder's, or none).
func TestTracks(t *testing.T) {
	res := runSite(t, "../testdata/rules/ladder-index/builtin")
	got := map[string]*rules.Track{}
	var dirs []string
	for _, tr := range rules.Tracks(res.Site) {
		got[strings.TrimPrefix(tr.Dir, matrix)] = tr
		dirs = append(dirs, strings.TrimPrefix(tr.Dir, matrix))
	}
	if want := "alpha beta care delta desk epsilon eta gamma iota kappa nest/lone solo support theta zeta"; strings.Join(dirs, " ") != want {
		t.Errorf("tracks = %s, want %s", strings.Join(dirs, " "), want)
	}
	levels := func(tr *rules.Track) string {
		var s []string
		for _, l := range tr.Levels {
			s = append(s, l.Name())
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		track, levels, index string
		own                  bool
	}{
		{"alpha", "associate.md intermediate.md senior.md staff.md", "alpha/_index.md", true}, // lead.md is no level
		{"support", "associate.md intermediate.md CSR.md", "support/_index.md", true},         // CSR.md is extra level csr, after the ladder
		{"solo", "senior.md", "solo/_index.md", true},
		{"delta", "intermediate.md senior.md staff.md", "_index.md", false}, // the parent folder's index links delta's levels
		{"epsilon", "associate.md senior.md", "", false},                    // no index at all
	} {
		tr := got[tc.track]
		if tr == nil {
			t.Errorf("no track %s", tc.track)
			continue
		}
		if l := levels(tr); l != tc.levels {
			t.Errorf("%s: levels %s, want %s", tc.track, l, tc.levels)
		}
		index := ""
		if tr.Index != nil {
			index = strings.TrimPrefix(tr.Index.Path, matrix)
		}
		if index != tc.index || tr.OwnIndex != tc.own {
			t.Errorf("%s: index %q (own %v), want %q (own %v)", tc.track, index, tr.OwnIndex, tc.index, tc.own)
		}
		if tr.Template != rules.CompetencyListTemplate {
			t.Errorf("%s: template %q, want %q", tc.track, tr.Template, rules.CompetencyListTemplate)
		}
	}
	if csr := got["support"].Level("csr"); csr == nil || csr.Rung != -1 || csr.Title != "CSR" {
		t.Errorf("support: level csr = %+v, want the extra level CSR", csr)
	}
	if senior := got["alpha"].Level("senior"); senior == nil || senior.Rung != 3 {
		t.Errorf("alpha: senior = %+v, want rung 3 of the ladder", senior)
	}
}

// TestTrackTemplate checks that a track takes its template from the
// required-sections tracks option, the same lookup required-sections
// makes.
func TestTrackTemplate(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) { writeFile(t, dir, rel, text) }
	write(".careerlint.yaml", `pages: ["content/**/*.md"]
rules:
  required-sections:
    options:
      templates:
        short: ["## {level}"]
      tracks:
        - {glob: "content/ops/**", template: short}
        - {glob: "**", template: competency-list}
`)
	write("content/ops/senior.md", "---\ntitle: Senior\n---\n\n## Senior\n")
	write("content/dev/senior.md", "---\ntitle: Senior\n---\n\n## Senior\n")
	res := runSite(t, dir)
	want := map[string]string{"content/ops": "short", "content/dev": rules.CompetencyListTemplate}
	for _, tr := range rules.Tracks(res.Site) {
		if tr.Template != want[tr.Dir] {
			t.Errorf("%s: template %q, want %q", tr.Dir, tr.Template, want[tr.Dir])
		}
		delete(want, tr.Dir)
	}
	if len(want) > 0 {
		t.Errorf("tracks missing: %v", want)
	}
}

// TestTracksOfRun checks that the pages of the run form tracks, with the
// other levels of their folders read as context.
func TestTracksOfRun(t *testing.T) {
	res := runSite(t, "../testdata/rules/ladder-index/builtin", matrix+"beta/senior.md")
	trs := rules.Tracks(res.Site)
	var levels []string
	if len(trs) == 1 {
		for _, l := range trs[0].Levels {
			levels = append(levels, fmt.Sprintf("%s context=%v", l.Key, l.Context))
		}
	}
	if want := "intermediate context=true, senior context=false, staff context=true"; len(trs) != 1 || trs[0].Dir != matrix+"beta" || strings.Join(levels, ", ") != want {
		t.Fatalf("tracks of a run over beta/senior.md: %d, levels %q, want beta with %s", len(trs), levels, want)
	}
	// The track's other levels agree with senior.md, so no finding compares
	// them; the index is still read whole: it does not link senior.md, and
	// the link to intermediate.md (a page outside the run) says where the
	// link goes.
	var got []string
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.Rule.Name, "ladder-") {
			got = append(got, d.Rule.Name+": "+d.Message)
		}
	}
	want := `ladder-index: index page does not link senior.md (Senior); add "[Senior](/handbook/engineering/careers/matrix/beta/senior/)" after the link to intermediate.md`
	if len(got) != 1 || got[0] != want {
		t.Errorf("ladder findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// A run over the index alone (its levels all context): what is wrong
	// in the index is reported, since the fix is there.
	got = nil
	for _, d := range runSite(t, "../testdata/rules/ladder-index/builtin", matrix+"beta/_index.md").Diagnostics {
		if strings.HasPrefix(d.Rule.Name, "ladder-") {
			got = append(got, d.Rule.Name+": "+d.Message)
		}
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("a run over beta/_index.md: ladder findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// A run over intermediate.md, which the index links: the index's
	// missing link to senior.md concerns a level outside the run.
	for _, d := range runSite(t, "../testdata/rules/ladder-index/builtin", matrix+"beta/intermediate.md").Diagnostics {
		if strings.HasPrefix(d.Rule.Name, "ladder-") {
			t.Errorf("a run over beta/intermediate.md reports %s: %s", d.Rule.Name, d.Message)
		}
	}
}

// trackIn returns the track of folder matrix+track in a run over paths,
// failing the test when there is none.
func trackIn(t *testing.T, res *lint.Result, track string, paths []string) *rules.Track {
	t.Helper()
	for _, o := range rules.Tracks(res.Site) {
		if o.Dir == matrix+track {
			return o
		}
	}
	t.Fatalf("%s (paths %v): no track", track, paths)
	return nil
}

// TestUnreadLevel checks that a level page of a track that could not be
// read or parsed (an empty or binary senior.md) is a level of the track,
// compared with nothing, and the level below the next one: a run over
// staff.md alone (the pre-commit hook's) reads it as context, and a
// reference to the level below that names it is right.
func TestUnreadLevel(t *testing.T) {
	const site = "../testdata/rules/ladder-previous-level/unread"
	for _, tc := range []struct {
		track, problem, finding string
	}{
		{"web", "file is empty; a career page needs front matter and content", ""},
		{"api", "file contains a NUL byte and is not a text file; it was not parsed", `reference to the level below names "Intermediate", a level further down than the previous one, and links intermediate.md; the previous level of this track is Senior (senior.md): name it and link /handbook/engineering/careers/matrix/api/senior/`},
	} {
		for _, paths := range [][]string{nil, {matrix + tc.track + "/staff.md"}} {
			res := runSite(t, site, paths...)
			tr := trackIn(t, res, tc.track, paths)
			var levels []string
			for _, l := range tr.Levels {
				levels = append(levels, l.Key)
			}
			if len(tr.Unread) != 1 || tr.Unread[0].Key != "senior" || tr.Unread[0].Problem != tc.problem || strings.Join(levels, " ") != "intermediate staff" {
				t.Errorf("%s (paths %v): levels %v, unread %+v; want intermediate staff, and senior unread: %s", tc.track, paths, levels, tr.Unread, tc.problem)
			}
			var got []string
			for _, d := range res.Diagnostics {
				if d.Rule == rules.LadderPreviousLevel && strings.HasPrefix(d.Span.File, tr.Dir+"/") {
					got = append(got, d.Message)
				}
			}
			if want := []string{tc.finding}; tc.finding == "" && len(got) > 0 || tc.finding != "" && !slices.Equal(got, want) {
				t.Errorf("%s (paths %v): ladder-previous-level reports %q, want %q", tc.track, paths, got, tc.finding)
			}
		}
	}
}

// TestForeignNavigationUnreadLevel checks that a navigation include of
// another track names that track's levels alike in a run over every page
// and in a run over the page alone (the pre-commit hook's), also when a
// level page of that track could not be read: it is one of its levels.
func TestForeignNavigationUnreadLevel(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) { writeFile(t, dir, rel, text) }
	write(".careerlint.yaml", "# test site\n")
	page := func(track, level, nav string) string {
		return fmt.Sprintf("---\ntitle: %q\n---\n\n## %s Competencies: %s\n\n{{%% include \"includes/%s-nav.md\" %%}}\n\n### %s Leadership Competencies\n\n- Leads.\n\n### %s Technical Competencies\n\n- Builds.\n\n### %s Values Alignment\n\n- Lives the values.\n",
			track+": "+level, track, level, nav, level, level, level)
	}
	for _, track := range []string{"web", "api"} {
		var nav []string
		for _, level := range []string{"intermediate", "senior", "staff"} {
			nav = append(nav, fmt.Sprintf("[%s](/handbook/engineering/careers/matrix/%s/%s/)", level, track, level))
		}
		write("assets/includes/"+track+"-nav.md", strings.Join(nav, " |\n")+"\n")
		write(matrix+track+"/_index.md", fmt.Sprintf("---\ntitle: %q\n---\n\n%s\n", track, strings.Join(nav, "\n\n")))
	}
	for _, level := range []string{"Intermediate", "Senior", "Staff"} {
		nav := "web"
		if level == "Staff" {
			nav = "api" // another track's navigation
		}
		write(matrix+"web/"+strings.ToLower(level)+".md", page("Web", level, nav))
		write(matrix+"api/"+strings.ToLower(level)+".md", page("API", level, "api"))
	}
	write(matrix+"api/senior.md", "")
	const want = `navigation include "includes/api-nav.md" links the levels of track api/ (intermediate.md, senior.md and staff.md), not of this track web/; include "includes/web-nav.md", as intermediate.md and senior.md do`
	for _, paths := range [][]string{nil, {matrix + "web/staff.md"}} {
		var got []string
		for _, d := range runSite(t, dir, paths...).Diagnostics {
			if d.Rule == rules.LadderIncludes {
				got = append(got, d.Message)
			}
		}
		if !slices.Equal(got, []string{want}) {
			t.Errorf("paths %v: ladder-includes reports %q, want %q", paths, got, want)
		}
	}
}

// TestIgnoredLevel checks that a level page that the ignore globs or the
// root's .gitignore leave out is one of its track's levels, whose page is
// not compared (Track.Unread, Ignored, saying what leaves it out), alike
// in a run over every page and in one over a sibling alone; and that the
// overview shows it as a column of unknown cells, the level above it not
// taken for the lowest.
func TestIgnoredLevel(t *testing.T) {
	for _, tc := range []struct {
		site, track, problem string
	}{
		{"../testdata/rules/ladder-sections/ignored", "alpha", "left out by the ignore globs; careerlint does not lint it"},
		{"../testdata/rules/ladder-previous-level/ignored", "gamma", "left out by the root's .gitignore; careerlint does not lint it"},
	} {
		for _, paths := range [][]string{nil, {matrix + tc.track + "/senior.md"}} {
			res := runSite(t, tc.site, paths...)
			tr := trackIn(t, res, tc.track, paths)
			if len(tr.Unread) != 1 || tr.Unread[0].Key != "intermediate" || !tr.Unread[0].Ignored || tr.Unread[0].Problem != tc.problem || tr.Level("intermediate") != nil {
				t.Errorf("%s (paths %v): unread %+v; want intermediate ignored: %s", tc.track, paths, tr.Unread, tc.problem)
			}
		}
	}
	ov := rules.BuildLadderOverview(runSite(t, "../testdata/rules/ladder-sections/ignored"))
	var alpha *rules.OverviewTrack
	for i := range ov.Tracks {
		if ov.Tracks[i].Dir == matrix+"alpha" {
			alpha = &ov.Tracks[i]
		}
	}
	if alpha == nil {
		t.Fatal("track alpha not in the overview")
	}
	var levels []string
	for _, l := range alpha.Levels {
		levels = append(levels, l.Name)
	}
	if got := strings.Join(levels, " "); got != "intermediate senior staff principal" || !alpha.Levels[0].Ignored || alpha.Levels[0].Unread == "" {
		t.Fatalf("alpha levels %s (first %+v); want intermediate (ignored) senior staff principal", got, alpha.Levels[0])
	}
	for _, r := range alpha.Rows {
		if c := r.Cells[0]; c.State != rules.CellUnknown {
			t.Errorf("%s / intermediate: state %d, want unknown", r.Section, c.State)
		}
		// Senior is not the lowest level: a section about the level
		// below is missing there, and ladder-sections says so.
		if c := r.Cells[1]; r.Section == "### Building on {other}" && (c.State != rules.CellMissing || !c.Flagged) {
			t.Errorf("%s / senior: state %d, flagged %v; want missing, flagged", r.Section, c.State, c.Flagged)
		}
	}
	var b strings.Builder
	if err := rules.WriteLadderText(&b, ov, lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`? the level page could not be read, or the ignore globs or the .gitignore leave it out, so it is compared with nothing ("not read" says why)`,
		"\n  not read: intermediate.md: left out by the ignore globs; careerlint does not lint it\n",
		"\n  section                              intermediate?  senior  staff  principal\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text overview lacks %q:\n%s", want, b.String())
		}
	}
}

// TestLadderOverviewCells checks the matrix of the overview: rows are the
// sections in the track's order, cells count list items, mark a section a
// level lacks while most have it, and are flagged where a ladder rule
// reports something.
func TestLadderOverviewCells(t *testing.T) {
	ov := rules.BuildLadderOverview(runSite(t, "../testdata/rules/ladder-sections/builtin"))
	var alpha, beta *rules.OverviewTrack
	for i := range ov.Tracks {
		switch strings.TrimPrefix(ov.Tracks[i].Dir, matrix) {
		case "alpha":
			alpha = &ov.Tracks[i]
		case "beta":
			beta = &ov.Tracks[i]
		}
	}
	if alpha == nil || beta == nil {
		t.Fatalf("tracks alpha and beta not in the overview")
	}
	var rows []string
	for _, r := range alpha.Rows {
		rows = append(rows, r.Section)
	}
	// principal.md's "### Leadership Competencies" comes first: it sits a
	// little earlier on its page than the others' on theirs.
	want := "## Alpha Competencies: {level} | ### Leadership Competencies | ### {level} Leadership Competencies | ### {level} Technical Competencies | ### Mentoring | ### Hobbies | ### {level} Values Alignment"
	if got := strings.Join(rows, " | "); got != want {
		t.Errorf("alpha rows:\n%s\nwant:\n%s", got, want)
	}
	cell := func(tr *rules.OverviewTrack, section, level string) rules.OverviewCell {
		for _, r := range tr.Rows {
			if r.Section != section {
				continue
			}
			for i, l := range tr.Levels {
				if l.Name == level {
					return r.Cells[i]
				}
			}
		}
		t.Fatalf("no cell %s / %s", section, level)
		return rules.OverviewCell{}
	}
	for _, tc := range []struct {
		track          *rules.OverviewTrack
		section, level string
		state          rules.CellState
		items          int
		flagged        bool
	}{
		{alpha, "### {level} Technical Competencies", "senior", rules.CellPresent, 2, false},
		{alpha, "### Mentoring", "intermediate", rules.CellMissing, 0, true}, // missing section
		{alpha, "### Mentoring", "staff", rules.CellPresent, 1, true},        // out of order
		{alpha, "### Hobbies", "senior", rules.CellPresent, 1, true},         // not on the other levels
		{alpha, "### Hobbies", "staff", rules.CellAbsent, 0, false},          // absent as on most levels
		{alpha, "## Alpha Competencies: {level}", "associate", rules.CellPresent, 7, true},
		{beta, "### {other} Competencies", "associate", rules.CellAbsent, 0, false}, // not expected on the lowest level
		{beta, "### {other} Competencies", "senior", rules.CellPresent, 1, false},
	} {
		c := cell(tc.track, tc.section, tc.level)
		if c.State != tc.state || c.Items != tc.items || c.Flagged != tc.flagged {
			t.Errorf("%s / %s: state %d, %d items, flagged %v; want state %d, %d items, flagged %v", tc.section, tc.level, c.State, c.Items, c.Flagged, tc.state, tc.items, tc.flagged)
		}
	}
	if len(alpha.Findings) != 5 {
		t.Errorf("alpha: %d findings, want 5", len(alpha.Findings))
	}
}

// TestLadderLargePages checks that level pages with more sections than the
// ladder rules compare (a generated or hostile page) keep their track out
// of the comparisons instead of making them slow, and that each rule that
// compares says so once.
func TestLadderLargePages(t *testing.T) {
	dir := t.TempDir()
	for i, level := range []string{"intermediate", "senior", "staff"} {
		var b strings.Builder
		b.WriteString("---\ntitle: x\n---\n\n")
		for k := 0; k < 1200; k++ {
			// Every level has its own headings: each is on one level only.
			b.WriteString("## Topic " + string(rune('a'+k%26)) + string(rune('a'+k/26%26)) + string(rune('a'+i)) + "\n\n- item\n\n")
		}
		p := filepath.Join(dir, "content", "track", level+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	res := runSite(t, dir)
	said := map[string][]string{}
	for _, d := range res.Diagnostics {
		if d.Rule == rules.LadderSections || d.Rule == rules.LadderIncludes {
			said[d.Rule.Name] = append(said[d.Rule.Name], d.Span.File+": "+d.Message)
		}
	}
	want := "content/track/intermediate.md: the levels of track track/ are not compared: this page has 1200 sections, more than the 1000 the ladder rules compare"
	for _, r := range []*lint.Rule{rules.LadderSections, rules.LadderIncludes} {
		if got := said[r.Name]; len(got) != 1 || got[0] != want {
			t.Errorf("%s said %q, want only %q", r.Name, got, want)
		}
	}
	if el := time.Since(start); el > 20*time.Second {
		t.Errorf("linting took %v", el)
	}
}

// TestLadderIncludesPartialRun: a run over one track (as --changed-since
// takes) or one page judges a navigation that links another track's
// levels as the whole run does, though that track's pages are not in the
// run.
func TestLadderIncludesPartialRun(t *testing.T) {
	const site = "../testdata/rules/ladder-includes/builtin"
	of := func(res *lint.Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			if d.Rule.Name == "ladder-includes" && strings.HasPrefix(d.Span.File, matrix+"beta/") {
				out = append(out, d.Span.File+": "+d.Message)
			}
		}
		return out
	}
	full := of(runSite(t, site))
	if len(full) != 1 || !strings.HasPrefix(full[0], matrix+"beta/senior.md: ") {
		t.Fatalf("the whole run reports %q on track beta/, want one finding on senior.md; the fixture changed", full)
	}
	// One track, or one page of it (the pre-commit hook's run: the other
	// levels are read from the disk to compare it with).
	for _, paths := range [][]string{{matrix + "beta"}, {matrix + "beta/senior.md"}} {
		if part := of(runSite(t, site, paths...)); strings.Join(part, "\n") != strings.Join(full, "\n") {
			t.Errorf("a run over %s reports\n%s\nwhere the whole run reports\n%s", paths, strings.Join(part, "\n"), strings.Join(full, "\n"))
		}
	}
	// A run over a sibling reports nothing on senior.md, which is not in it.
	if part := of(runSite(t, site, matrix+"beta/intermediate.md")); len(part) != 0 {
		t.Errorf("a run over beta/intermediate.md reports %q, want nothing", part)
	}
}

// TestLadderNoIndexPartialRun: "no index page lists the levels" is about
// the whole track: the whole run reports it, a run over one of its pages
// (the lowest or another) does not.
func TestLadderNoIndexPartialRun(t *testing.T) {
	const site = "../testdata/rules/ladder-index/builtin"
	count := func(res *lint.Result) int {
		n := 0
		for _, d := range res.Diagnostics {
			if strings.HasPrefix(d.Message, "no index page lists the levels of track epsilon/") {
				n++
			}
		}
		return n
	}
	if n := count(runSite(t, site)); n != 1 {
		t.Fatalf("the whole run reports %d, want 1; the fixture changed", n)
	}
	for _, page := range []string{"associate.md", "senior.md"} {
		if n := count(runSite(t, site, matrix+"epsilon/"+page)); n != 0 {
			t.Errorf("a run over epsilon/%s reports it %d times, want 0", page, n)
		}
	}
}

// TestLadderNestedNavigationPartialRun: a navigation include that includes
// the file holding its links is followed on the levels read as context too,
// so a one-page run judges the navigation as the whole run does.
func TestLadderNestedNavigationPartialRun(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) { writeFile(t, root, rel, text) }
	levels := []string{"intermediate", "senior", "staff"}
	for _, tr := range []string{"a", "b"} {
		var links strings.Builder
		for _, l := range levels {
			fmt.Fprintf(&links, "[%s](/handbook/engineering/careers/matrix/%s/%s/)\n", l, tr, l)
		}
		write("assets/includes/"+tr+"-links.md", links.String())
		write("assets/includes/"+tr+"-nav.md", "{{% include \"includes/"+tr+"-links.md\" %}}\n")
		for _, l := range levels {
			nav := tr
			if tr == "a" && l != "intermediate" {
				nav = "b" // a/senior.md and a/staff.md carry b's navigation
			}
			write(matrix+tr+"/"+l+".md", fmt.Sprintf("---\ntitle: %s\n---\n\n## %s\n\n{{%% include \"includes/%s-nav.md\" %%}}\n", l, l, nav))
		}
	}
	of := func(res *lint.Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			if d.Rule.Name == "ladder-includes" {
				out = append(out, d.Span.File+": "+d.Message)
			}
		}
		return out
	}
	full := of(runSite(t, root))
	if len(full) != 2 {
		t.Fatalf("the whole run reports %q, want the two levels of a/ with b's navigation", full)
	}
	if got := of(runSite(t, root, matrix+"a/intermediate.md")); len(got) != 0 {
		t.Errorf("a run over a/intermediate.md reports %q, want nothing (its navigation is a's)", got)
	}
	if got := of(runSite(t, root, matrix+"a/senior.md")); len(got) != 1 || got[0] != full[0] {
		t.Errorf("a run over a/senior.md reports %q, want %q", got, full[:1])
	}
}

// TestLadderSuppressionOutsideRun: a directive in an index page applies to
// the ladder finding placed there also when the run holds only a level
// page of the track (the index is read for the ladder rules, not linted).
func TestLadderSuppressionOutsideRun(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) { writeFile(t, root, rel, text) }
	for _, l := range []string{"intermediate", "senior", "staff"} {
		write(matrix+"t/"+l+".md", "---\ntitle: "+l+"\n---\n\n## "+l+"\n")
	}
	write(matrix+"t/_index.md", "---\ntitle: T\n---\n\n## T levels\n\n"+
		"<!-- careerlint-disable-next-line ladder-index -- senior.md is being written -->\n"+
		"1. [Intermediate](/handbook/engineering/careers/matrix/t/intermediate/)\n"+
		"1. [Staff](/handbook/engineering/careers/matrix/t/staff/)\n")
	for _, paths := range [][]string{nil, {matrix + "t/senior.md"}} {
		for _, d := range runSite(t, root, paths...).Diagnostics {
			if strings.HasPrefix(d.Rule.Name, "ladder-") || d.Rule.Name == "suppression" {
				t.Errorf("a run over %q reports %s: %s: %s", paths, d.Span.File, d.Rule.Name, d.Message)
			}
		}
	}
}

// hostileOverview is an overview of one track whose folder name holds an
// escape sequence, with one section heading of 100,000 characters among a
// thousand short ones.
func hostileOverview() *rules.LadderOverview {
	dir := "content/handbook/careers/matrix/we\x1b[31mb"
	tr := rules.OverviewTrack{Dir: dir, Index: dir + "/_index.md", OwnIndex: true, Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}}, Partial: true}
	tr.Rows = append(tr.Rows, rules.OverviewRow{Section: "## " + strings.Repeat("A", 100_000), Cells: []rules.OverviewCell{{Items: 1}}})
	for i := range 1000 {
		tr.Rows = append(tr.Rows, rules.OverviewRow{Section: fmt.Sprintf("## H%d", i), Cells: []rules.OverviewCell{{Items: 1}}})
	}
	tr.Findings = []rules.OverviewFinding{{File: dir + "/senior.md", Line: 1, Column: 1, Severity: lint.Warning, Rule: "ladder-sections", Message: "m"}}
	return &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}
}

// TestLadderTextEscapes: the text overview of a track whose folder name
// holds an escape sequence puts no raw control character on the terminal
// (the track, its index, its findings' files and the note naming it); the
// folder is named as the lint report names files, "\x1b".
func TestLadderTextEscapes(t *testing.T) {
	var b strings.Builder
	if err := rules.WriteLadderText(&b, hostileOverview(), lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("a raw escape character in the overview:\n%q", out[:min(len(out), 2000)])
	}
	for _, want := range []string{"track content/handbook/careers/matrix/we\\x1b[31mb\n", "index:    content/handbook/careers/matrix/we\\x1b[31mb/_index.md\n", "    content/handbook/careers/matrix/we\\x1b[31mb/senior.md:1:1: warning"} {
		if !strings.Contains(out, want) {
			t.Errorf("the overview does not hold %q:\n%q", want, out[:min(len(out), 2000)])
		}
	}
}

// TestLadderTextLongSection: the section column of the text overview is
// not padded to a 100,000-character heading's width on every row (the
// report grew with rows times that width: 1 GB for a 1 MB page); the
// heading keeps its beginning and end.
func TestLadderTextLongSection(t *testing.T) {
	var b strings.Builder
	if err := rules.WriteLadderText(&b, hostileOverview(), lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if len(out) > 200_000 {
		t.Errorf("the overview of 1,001 rows is %d bytes", len(out))
	}
	if !strings.Contains(out, "  ## AAAA") || !strings.Contains(out, "A…A") {
		t.Errorf("the long heading is not shown cut in its middle:\n%.3000s", out)
	}
}

// TestLadderTextWideSection: the cells after a section heading holding
// wide characters (CJK, an emoji) line up on a terminal with those of the
// other rows: the columns were padded by code points, so each such
// character pushed the row's cells one column to the right.
func TestLadderTextWideSection(t *testing.T) {
	dir := "content/handbook/careers/matrix/web"
	tr := rules.OverviewTrack{Dir: dir, Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}, {Name: "staff", File: dir + "/staff.md"}}}
	for _, section := range []string{"## Senior", "### 日本語 😀 Café", "### Team work 👩\u200d👩\u200d👧", "### Combining e\u0301 and more text"} {
		tr.Rows = append(tr.Rows, rules.OverviewRow{Section: section, Cells: []rules.OverviewCell{{Items: 1}, {Items: 22}}})
	}
	var b strings.Builder
	if err := rules.WriteLadderText(&b, &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}, lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	// The terminal column where each row's cells start: "section" on the
	// header, the counts below it.
	var at []int
	var rows []string
	for _, line := range strings.Split(b.String(), "\n") {
		i := strings.Index(line, "senior")
		if strings.HasPrefix(line, "  section") || strings.HasPrefix(line, "  #") {
			if i < 0 {
				i = strings.Index(line, " 1 ") + 1
			}
			at = append(at, lint.TextWidth(line[:i]))
			rows = append(rows, line)
		}
	}
	if len(at) != 5 {
		t.Fatalf("%d rows in the table, want 5:\n%s", len(at), b.String())
	}
	for i, col := range at {
		if col != at[0] {
			t.Errorf("the cells of %q start at terminal column %d, those of the header at %d:\n%s", rows[i], col, at[0], strings.Join(rows, "\n"))
		}
	}
}

// TestLadderHTMLEscapes: the HTML overview of a track whose folder name
// holds an escape sequence holds no raw control character either; every
// text in it is escaped (README).
func TestLadderHTMLEscapes(t *testing.T) {
	var b strings.Builder
	if err := rules.WriteLadderHTML(&b, hostileOverview()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("a raw escape character in the HTML overview")
	}
	if !strings.Contains(out, `we\x1b[31mb`) {
		t.Errorf("the HTML overview does not name the folder as the text report does, we\\x1b[31mb")
	}
}

// TestLadderTextC1Controls: a section heading or a finding's message
// holding a C1 control character (U+009B is a CSI, which some terminals
// read as ESC [) puts none on the terminal, as the lint report escapes
// them (lint.TermSafe): oneLine replaced only C0 controls and DEL.
func TestLadderTextC1Controls(t *testing.T) {
	dir := "content/handbook/careers/matrix/web"
	tr := rules.OverviewTrack{Dir: dir, Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}}}
	tr.Rows = []rules.OverviewRow{{Section: "## Values \u009b31m red", Cells: []rules.OverviewCell{{Items: 1}}}}
	tr.Findings = []rules.OverviewFinding{{File: dir + "/senior.md", Line: 1, Column: 1, Severity: lint.Warning, Rule: "ladder-sections", Message: "section ## Values \u009b31m red"}}
	var b strings.Builder
	if err := rules.WriteLadderText(&b, &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}, lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.ContainsRune(out, '\u009b') {
		t.Errorf("a raw C1 control character in the overview:\n%q", out)
	}
}

// TestLadderTextTemplateName: a template name holding control characters
// (a key of the configuration's templates, "t\e[31m\nx" in YAML) reaches
// the text overview escaped, as the lint report escapes a file name, and
// on its line; before, the escape sequence drove the terminal and the line
// break split the track's header.
func TestLadderTextTemplateName(t *testing.T) {
	dir := "content/handbook/careers/matrix/web"
	tr := rules.OverviewTrack{Dir: dir, Template: "t\x1b[31m\nx", Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}}}
	tr.Rows = []rules.OverviewRow{{Section: "## Values", Cells: []rules.OverviewCell{{Items: 1}}}}
	var b strings.Builder
	if err := rules.WriteLadderText(&b, &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}, lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("a raw escape character in the overview:\n%q", out)
	}
	if !strings.Contains(out, "\n  template: t\\x1b[31m\\nx\n") {
		t.Errorf("the template line is not the name escaped as the lint report escapes a file name (t\\x1b[31m\\nx):\n%q", out)
	}
}

// TestLadderMarkdownHeadingHash: a track whose folder name ends in " #"
// keeps its "#" in the Markdown overview's heading; before, the heading
// "## content/.../c #" ended in what CommonMark takes for a closing
// sequence, and GitLab showed the folder as "c".
func TestLadderMarkdownHeadingHash(t *testing.T) {
	dir := "content/handbook/careers/matrix/c ##"
	tr := rules.OverviewTrack{Dir: dir, Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}}}
	tr.Rows = []rules.OverviewRow{{Section: "## Values", Cells: []rules.OverviewCell{{Items: 1}}}}
	var b strings.Builder
	if err := rules.WriteLadderMarkdown(&b, &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}); err != nil {
		t.Fatal(err)
	}
	if want := "\n## content/handbook/careers/matrix/c \\##\n"; !strings.Contains(b.String(), want) {
		t.Errorf("the track's heading is not %q:\n%s", want, b.String())
	}
}

// TestLadderGapSameInPartialRuns: a run over one track's folder, or over
// one of its level pages, reports the track's gaps on its files as a run
// over every track does (same message, place and notes): the other
// tracks' level pages are read from the disk. Before, such a run compared
// the track with no other and reported no gap.
func TestLadderGapSameInPartialRuns(t *testing.T) {
	const root = "../testdata/rules/ladder-gap/builtin"
	type gap struct {
		Span    lint.Span
		Message string
		Related []lint.Related
	}
	gaps := func(res *lint.Result, in func(file string) bool) []gap {
		var out []gap
		for _, d := range res.Diagnostics {
			if d.Rule == rules.LadderGap && in(d.Span.File) {
				out = append(out, gap{d.Span, d.Message, d.Related})
			}
		}
		return out
	}
	full := runSite(t, root)
	compared := 0
	for _, dir := range []string{"alpha", "beta", "delta", "epsilon", "gamma"} {
		dir = matrix + dir
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			p := dir + "/" + e.Name()
			for _, run := range []struct {
				path string
				in   func(string) bool
			}{
				{dir, func(f string) bool { return strings.HasPrefix(f, dir+"/") }},
				{p, func(f string) bool { return f == p }},
			} {
				want := gaps(full, run.in)
				compared += len(want)
				if diff := cmp.Diff(want, gaps(runSite(t, root, run.path), run.in)); diff != "" {
					t.Errorf("ladder-gap in a run over %s (-over every track +over it):\n%s", run.path, diff)
				}
			}
		}
	}
	if compared < 4 {
		t.Errorf("%d gaps compared, want the fixture's gaps in folder and page runs", compared)
	}
}

// TestLadderGapOtherTrackCaseNames: another track's folder holds a level
// under two names differing in case, the first by path a binary file
// (not parsed): a run over every track counts the other one, which
// parses, as the track's level, and so does a run over the gapped track
// alone, which reads that folder from the disk.
func TestLadderGapOtherTrackCaseNames(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("two files whose names differ in case only cannot both exist on a case-insensitive file system")
	}
	root := t.TempDir()
	page := func(title string) string { return "---\ntitle: \"" + title + "\"\n---\n\n## " + title + "\n\nText.\n" }
	writeFile(t, root, matrix+"x/intern.md", page("Intern"))
	writeFile(t, root, matrix+"x/intermediate.md", page("Intermediate"))
	writeFile(t, root, matrix+"k/intern.md", page("Intern"))
	writeFile(t, root, matrix+"k/Associate.md", "---\ntitle: \"Associate\"\n---\n\nSaved with a NUL byte\x00.\n")
	writeFile(t, root, matrix+"k/associate.md", page("Associate"))
	gaps := func(res *lint.Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			if d.Rule == rules.LadderGap {
				out = append(out, fmt.Sprintf("%s: %s %v", d.Span.File, d.Message, d.Related))
			}
		}
		return out
	}
	full := gaps(runSite(t, root))
	if len(full) != 1 || !strings.Contains(full[0], "k/associate.md") {
		t.Fatalf("run over every track: %q, want the gap with k/associate.md as the note", full)
	}
	if got := gaps(runSite(t, root, matrix+"x")); !slices.Equal(got, full) {
		t.Errorf("run over x/: %q, want %q as over every track", got, full)
	}
}

// TestLadderIncludesNavigationPattern checks that a navigation pattern
// path.Match cannot read is a configuration error at the pattern: it
// matched no include, and the rule silently found no navigation.
func TestLadderIncludesNavigationPattern(t *testing.T) {
	src := "rules:\n  ladder-includes:\n    options:\n      navigation:\n        - \"*nav*\"\n        - \"[menu\"\n"
	_, err := lint.ParseConfig("c.yaml", []byte(src), []*lint.Rule{rules.LadderIncludes})
	var ce lint.ConfigErrors
	if !errors.As(err, &ce) || len(ce) != 1 || ce[0].Line != 6 || ce[0].Column != 11 || !strings.Contains(ce[0].Message, `navigation: glob "[menu" is malformed`) {
		t.Errorf("a malformed navigation pattern on line 6: %v, want one problem at 6:11", err)
	}
	if _, err := lint.ParseConfig("c.yaml", []byte("rules:\n  ladder-includes:\n    options:\n      navigation: [\"*menu*\", \"[[]nav]*\"]\n"), []*lint.Rule{rules.LadderIncludes}); err != nil {
		t.Errorf("well-formed navigation patterns: %v", err)
	}
}

// TestLadderIncludesSplitNavigationWithoutLinks: levels split two and two
// between a navigation whose links reach no page and one that links no
// page at all (text only) are not settled by the links: the one without
// links shows no page exists, so the track gets the finding of a split,
// not "links pages that exist; include that one".
//
// Nor are three navigations, two levels each, of which one links pages
// that exist, one has broken links, and one links no page: nothing tells
// that the one without links is an older copy ("has 0 links that reach no
// page" is no reason to leave it).
func TestLadderIncludesSplitNavigationWithoutLinks(t *testing.T) {
	levels := []string{"intern", "associate", "intermediate", "senior", "staff", "principal"}
	for _, c := range []struct {
		name string
		navs []string // each level's navigation, in ladder order
	}{
		{"old copy and text only", []string{"x-old-nav.md", "x-old-nav.md", "x-text-nav.md", "x-text-nav.md"}},
		{"good, old copy and text only", []string{"x-nav.md", "x-nav.md", "x-old-nav.md", "x-old-nav.md", "x-text-nav.md", "x-text-nav.md"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "assets/includes/careers/x-text-nav.md", "***\n\nEngineering | X\n\n***\n")
			writeFile(t, root, "assets/includes/careers/x-old-nav.md", "***\n\n[Engineering](/handbook/engineering/career-ladders/matrix/) |\n[X](/handbook/engineering/career-ladders/matrix/x/)\n\n***\n")
			writeFile(t, root, "assets/includes/careers/x-nav.md", "***\n\n[X](/handbook/engineering/careers/matrix/x/)\n\n***\n")
			index := "---\ntitle: \"X\"\n---\n\n## X levels\n\n"
			for i, nav := range c.navs {
				l := levels[i]
				title := strings.ToUpper(l[:1]) + l[1:]
				index += fmt.Sprintf("1. [%s](%s/)\n", title, l)
				writeFile(t, root, matrix+"x/"+l+".md", fmt.Sprintf("---\ntitle: \"X: %s\"\n---\n\n## X Competencies: %s\n\n{{%% include \"includes/careers/%s\" %%}}\n\n### %s Leadership Competencies\n\nLeads with care.\n", title, title, nav, title))
			}
			writeFile(t, root, matrix+"x/_index.md", index)
			var got []string
			for _, d := range runSite(t, root).Diagnostics {
				if d.Rule.Name == "ladder-includes" {
					got = append(got, d.Span.File+": "+d.Message)
				}
			}
			if len(got) != 1 || !strings.Contains(got[0], "do not agree on a navigation include") {
				t.Errorf("ladder-includes reports\n%s\nwant one finding of the split: the links do not settle it", strings.Join(got, "\n"))
			}
		})
	}
}

// TestLadderIncludesNavigationIdentity: a level that includes another
// navigation than its siblings has one finding, whether the majority of
// the levels decides the track's navigation ("differs from the one the
// other levels include") or, on a tie, the links ("has 1 link that
// reaches no page"). A change to a sibling that turns one into the other
// leaves the level's finding old for --only-new and Code Quality.
func TestLadderIncludesNavigationIdentity(t *testing.T) {
	levels := []string{"intern", "associate", "intermediate", "senior"}
	site := func(navs ...string) *lint.Result {
		root := t.TempDir()
		writeFile(t, root, "assets/includes/careers/x-old-nav.md", "***\n\n[X](/handbook/engineering/career-ladders/matrix/x/)\n\n***\n")
		writeFile(t, root, "assets/includes/careers/x-nav.md", "***\n\n[X](/handbook/engineering/careers/matrix/x/)\n\n***\n")
		index := "---\ntitle: \"X\"\n---\n\n## X levels\n\n"
		for i, nav := range navs {
			l := levels[i]
			title := strings.ToUpper(l[:1]) + l[1:]
			index += fmt.Sprintf("1. [%s](%s/)\n", title, l)
			writeFile(t, root, matrix+"x/"+l+".md", fmt.Sprintf("---\ntitle: \"X: %s\"\n---\n\n## X Competencies: %s\n\n{{%% include \"includes/careers/%s\" %%}}\n\n### %s Leadership Competencies\n\nLeads with care.\n", title, title, nav, title))
		}
		writeFile(t, root, matrix+"x/_index.md", index)
		res := runSite(t, root)
		var kept []lint.Diagnostic
		for _, d := range res.Diagnostics {
			if d.Rule.Name == "ladder-includes" {
				kept = append(kept, d)
			}
		}
		res.Diagnostics = kept
		return res
	}
	byMajority := site("x-old-nav.md", "x-nav.md", "x-nav.md", "x-nav.md")
	byLinks := site("x-old-nav.md", "x-old-nav.md", "x-nav.md", "x-nav.md")
	if len(byMajority.Diagnostics) != 1 || !strings.Contains(byMajority.Diagnostics[0].Message, "differs from the one") {
		t.Fatalf("majority: got %v, want one finding on intern.md", byMajority.Diagnostics)
	}
	fresh, _ := lint.NewFindings(byLinks, byMajority, nil)
	for _, d := range fresh {
		if strings.HasSuffix(d.Span.File, "/intern.md") {
			t.Errorf("intern.md's finding %q is new to the change, though the base had %q", d.Message, byMajority.Diagnostics[0].Message)
		}
	}
	if len(fresh) != 1 || !strings.HasSuffix(fresh[0].Span.File, "/associate.md") {
		t.Errorf("new findings %v, want associate.md's", fresh)
	}
}

// TestLadderIncludesSplitNavigation: a track whose navigation is split
// between two includes on every level (the first levels in one file, the
// others in the next) lists every level, and a level that lacks the second
// include, or includes another track's in its place, is reported.
func TestLadderIncludesSplitNavigation(t *testing.T) {
	levels := []string{"intern", "associate", "intermediate", "senior", "staff"}
	build := func(second map[string]string) string {
		root := t.TempDir()
		write := func(rel, text string) { writeFile(t, root, rel, text) }
		var nav1, nav2, other string
		for i, l := range levels {
			item := "- [" + l + "](/handbook/engineering/careers/matrix/s/" + l + "/)\n"
			if i < 3 {
				nav1 += item
			} else {
				nav2 += item
			}
			other += "- [" + l + "](/handbook/engineering/careers/matrix/o/" + l + "/)\n"
		}
		write("assets/includes/s-nav-1.md", nav1)
		write("assets/includes/s-nav-2.md", nav2)
		write("assets/includes/o-nav.md", other)
		for _, l := range levels {
			inc2 := "s-nav-2.md"
			if s, ok := second[l]; ok {
				inc2 = s
			}
			page := "---\ntitle: " + l + "\n---\n\n## " + l + "\n\n{{% include \"includes/s-nav-1.md\" %}}\n"
			if inc2 != "" {
				page += "{{% include \"includes/" + inc2 + "\" %}}\n"
			}
			write(matrix+"s/"+l+".md", page)
			write(matrix+"o/"+l+".md", "---\ntitle: "+l+"\n---\n\n## "+l+"\n\n{{% include \"includes/o-nav.md\" %}}\n")
		}
		return root
	}
	ladderIncludes := func(root string) []string {
		var got []string
		for _, d := range runSite(t, root).Diagnostics {
			if d.Rule.Name == "ladder-includes" {
				got = append(got, filepath.Base(d.Span.File)+": "+d.Message)
			}
		}
		return got
	}
	if got := ladderIncludes(build(nil)); len(got) > 0 {
		t.Errorf("a navigation split between two includes on every level is reported: %q", got)
	}
	for _, c := range []struct{ second, want string }{
		{"", `senior.md: missing include "includes/s-nav-2.md"`},
		{"o-nav.md", `senior.md: include "includes/o-nav.md" does not follow the pattern`},
	} {
		got := ladderIncludes(build(map[string]string{"senior": c.second}))
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("senior.md with %q as its second navigation include: got %q, want one finding %q...", c.second, got, c.want)
		}
	}
}

// TestLadderHTMLContrast: every text colour the HTML overview sets, in its
// style sheet or in a style attribute of its legend, is readable on its
// background: a contrast ratio of at least 4.5:1, WCAG's AA level for
// text of normal size. The grey of the "." cells (#999 on white, 2.8:1)
// was not.
func TestLadderHTMLContrast(t *testing.T) {
	dir := "content/handbook/careers/matrix/web"
	tr := rules.OverviewTrack{Dir: dir, Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}, {Name: "staff", File: dir + "/staff.md"}}}
	tr.Rows = []rules.OverviewRow{{Section: "## Values", Cells: []rules.OverviewCell{{Items: 1}, {State: rules.CellAbsent}}}}
	var b strings.Builder
	if err := rules.WriteLadderHTML(&b, &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	decl := func(body, prop string) string {
		m := regexp.MustCompile(`(?:^|[;{\s])` + prop + `:\s*(#[0-9a-fA-F]{3,6})`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}
	text, page := decl(regexp.MustCompile(`body\{([^}]*)\}`).FindStringSubmatch(out)[1], "color"), "#fff"
	if text == "" {
		t.Fatal("the style sheet sets no text colour on body")
	}
	var blocks [][2]string // what, declarations
	for _, m := range regexp.MustCompile(`([^{}\s][^{}]*)\{([^}]*)\}`).FindAllStringSubmatch(out, -1) {
		blocks = append(blocks, [2]string{m[1], m[2]})
	}
	for _, m := range regexp.MustCompile(`style="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		blocks = append(blocks, [2]string{m[0], m[1]})
	}
	checked := 0
	for _, bl := range blocks {
		fg, bg := decl(bl[1], "color"), decl(bl[1], "background")
		if fg == "" && bg == "" {
			continue
		}
		if fg == "" {
			fg = text
		}
		if bg == "" {
			bg = page
		}
		checked++
		if r := contrastRatio(fg, bg); r < 4.5 {
			t.Errorf("%s: text %s on %s has a contrast ratio of %.2f:1, less than 4.5:1", strings.TrimSpace(bl[0]), fg, bg, r)
		}
	}
	if checked < 3 {
		t.Fatalf("found %d colour declarations in the HTML overview; the test no longer reads its style sheet", checked)
	}
}

// TestLadderHTMLLegendMark: the HTML legend explains the "!" that marks a
// cell a ladder rule reports, which the cells show beside their red for
// the readers who cannot tell the colour; before, the legend named only
// the colour ("red a ladder rule reports it").
func TestLadderHTMLLegendMark(t *testing.T) {
	dir := "content/handbook/careers/matrix/web"
	tr := rules.OverviewTrack{Dir: dir, Levels: []rules.OverviewLevel{{Name: "senior", File: dir + "/senior.md"}}}
	tr.Rows = []rules.OverviewRow{{Section: "## Values", Cells: []rules.OverviewCell{{Items: 1, Flagged: true, Messages: []string{"m"}}}}}
	var b strings.Builder
	if err := rules.WriteLadderHTML(&b, &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}); err != nil {
		t.Fatal(err)
	}
	legend := regexp.MustCompile(`<p class="legend">.*</p>`).FindString(b.String())
	if !strings.Contains(legend, ">!</span>") {
		t.Errorf("the legend does not explain the cells' \"!\":\n%s", legend)
	}
}

// contrastRatio is WCAG 2's contrast ratio of two colours written #rgb or
// #rrggbb.
func contrastRatio(a, b string) float64 {
	lum := func(c string) float64 {
		c = strings.TrimPrefix(c, "#")
		if len(c) == 3 {
			c = string([]byte{c[0], c[0], c[1], c[1], c[2], c[2]})
		}
		var ch [3]float64
		for i := range ch {
			var v int
			fmt.Sscanf(c[2*i:2*i+2], "%02x", &v)
			s := float64(v) / 255
			if s <= 0.04045 {
				ch[i] = s / 12.92
			} else {
				ch[i] = math.Pow((s+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestBundleLevels checks that a level page written as a leaf bundle
// (senior/index.md, principal/index.en.md) or with the default language's
// suffix (staff.en.md) is a level of its track, as its name makes it in
// Hugo: in ladder order, compared with the other levels (the reference to
// the level below names staff.en.md, and only the one that names another
// level is reported), in a run over the site and in one over a single page.
func TestBundleLevels(t *testing.T) {
	const site = "../testdata/rules/ladder-previous-level/bundles"
	const want = "ladder-previous-level web/principal/index.en.md: reference to the level below names \"Senior\", a level further down than the previous one, and links senior/index.md; the previous level of this track is Staff (staff.en.md): name it and link /handbook/engineering/careers/matrix/web/staff/"
	for _, tc := range []struct {
		paths []string
		want  []string
	}{
		{nil, []string{want}},
		{[]string{matrix + "web/principal/index.en.md"}, []string{want}},
		{[]string{matrix + "web/staff.en.md"}, nil},
		{[]string{matrix + "web/senior/index.md"}, nil},
	} {
		res := runSite(t, site, tc.paths...)
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, d.Rule.Name+" "+strings.TrimPrefix(d.Span.File, matrix)+": "+d.Message)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("paths %v: findings (-want +got):\n%s", tc.paths, diff)
		}
		found := false
		for _, tr := range rules.Tracks(res.Site) {
			if tr.Dir != matrix+"web" {
				continue
			}
			found = true
			var names, stems []string
			for _, l := range tr.Levels {
				names, stems = append(names, l.Name()), append(stems, l.Stem)
			}
			if got, want := strings.Join(names, " "), "intermediate.md senior/index.md staff.en.md principal/index.en.md"; got != want {
				t.Errorf("paths %v: levels %s, want %s", tc.paths, got, want)
			}
			if got, want := strings.Join(stems, " "), "intermediate senior staff principal"; got != want {
				t.Errorf("paths %v: stems %s, want %s", tc.paths, got, want)
			}
		}
		if !found {
			t.Errorf("paths %v: no track web", tc.paths)
		}
	}
}

// TestBundleLevelOneTrack checks that a leaf bundle level page
// (senior/index.md) is a level of its track only, not also of its own
// folder made a track by a file in the bundle named as a level
// (senior/staff.md): the index page of the bundle named the folder's
// levels "senior/index.md and staff.md".
func TestBundleLevelOneTrack(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../testdata/rules/ladder-previous-level/bundles")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, matrix+"web/senior/staff.md", "---\ntitle: \"Web: Staff\"\n---\n\n## Web Competencies: Staff\n\n- Leads.\n")
	res := runSite(t, root)
	for _, tr := range rules.Tracks(res.Site) {
		for _, l := range slices.Concat(tr.Levels, tr.Unread) {
			if got := tr.Dir + "/" + l.Name(); got != l.Page.Path {
				t.Errorf("track %s: level %s is page %s", tr.Dir, got, l.Page.Path)
			}
		}
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "senior/index.md and") {
			t.Errorf("finding names the bundle's page as a level of its own folder: %s", d.Message)
		}
	}
}

// TestShortcodeHeadingMendsNoLink checks that link-anchor does not ask to
// rename a heading as the sibling levels write it when theirs holds a
// {{< >}} shortcode: Hugo derives that heading's ID from a placeholder,
// so the rename would not give the link the ID of the text as written.
func TestShortcodeHeadingMendsNoLink(t *testing.T) {
	res := runSite(t, "../testdata/rules/ladder-sections/shortcode-heading")
	n := 0
	for _, d := range res.Diagnostics {
		if d.Rule.Name != "link-anchor" || !strings.HasSuffix(d.Span.File, "senior.md") {
			continue
		}
		n++
		if d.Message != "anchor #mentoring--icon- is not on this page" {
			t.Errorf("link-anchor on senior.md: %s", d.Message)
		}
	}
	if n != 1 {
		t.Errorf("link-anchor reported %d findings on senior.md, want 1", n)
	}
}

// TestLadderTextColor: with colour on, the text overview is the plain one
// with escape sequences added (the columns stay aligned, as measured
// without them); a "!" is painted as the track's most severe ladder
// finding, a "-" as a warning, a "." faint, and a finding's severity as
// the lint report paints it.
func TestLadderTextColor(t *testing.T) {
	cells := func(cs ...rules.OverviewCell) []rules.OverviewCell { return cs }
	tr := rules.OverviewTrack{
		Dir:    "content/handbook/careers/matrix/web",
		Levels: []rules.OverviewLevel{{Name: "senior"}, {Name: "staff", Flagged: true}},
		Rows: []rules.OverviewRow{
			{Section: "## Skills", Cells: cells(rules.OverviewCell{State: rules.CellPresent, Items: 12}, rules.OverviewCell{State: rules.CellMissing, Flagged: true})},
			{Section: "## Hobbies", Cells: cells(rules.OverviewCell{State: rules.CellMissing}, rules.OverviewCell{State: rules.CellAbsent})},
		},
		Findings: []rules.OverviewFinding{
			{File: "content/handbook/careers/matrix/web/staff.md", Line: 3, Column: 1, Severity: lint.Warning, Rule: "ladder-sections", Message: "m"},
			{File: "content/handbook/careers/matrix/web/staff.md", Line: 4, Column: 1, Severity: lint.Error, Rule: "ladder-gap", Message: "n"},
		},
	}
	ov := &rules.LadderOverview{Tracks: []rules.OverviewTrack{tr}}
	var plain, colored strings.Builder
	if err := rules.WriteLadderText(&plain, ov, lint.Palette{}); err != nil {
		t.Fatal(err)
	}
	pal := lint.Palette{On: true}
	if err := rules.WriteLadderText(&colored, ov, pal); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b") {
		t.Errorf("the plain overview holds an escape sequence:\n%q", plain.String())
	}
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*m")
	if diff := cmp.Diff(plain.String(), ansi.ReplaceAllString(colored.String(), "")); diff != "" {
		t.Errorf("the coloured overview without its escape sequences differs from the plain one (-plain +coloured):\n%s", diff)
	}
	for _, want := range []string{
		pal.As(lint.Error, "staff!"),
		pal.As(lint.Error, "-!"),
		"  " + pal.As(lint.Warning, "-") + " ",
		pal.Dim("."),
		pal.Path("content/handbook/careers/matrix/web/staff.md:4:1") + ": " + pal.Severity(lint.Error) + " " + pal.Rule("ladder-gap") + " n",
		"track " + pal.Path("content/handbook/careers/matrix/web"),
	} {
		if !strings.Contains(colored.String(), want) {
			t.Errorf("the coloured overview lacks %q:\n%q", want, colored.String())
		}
	}
}

// TestRenameSuggestionKeepsLinks checks when ladder-sections offers to
// write a section as the track's other levels write it: not where a link
// of the run reaches the heading's anchor, which the rename would break
// (on the page or from another), nor where the siblings give theirs an
// explicit {#id} the rename would not carry, nor where the heading names
// another level (level-name's fix); and where none of that holds, it does.
func TestRenameSuggestionKeepsLinks(t *testing.T) {
	level := func(name, mentoring, extra string) string {
		return "---\ntitle: \"Beta: " + name + "\"\n---\n\n## Beta Competencies: " + name +
			"\n\n### Leadership Competencies\n\n- Does the work.\n\n### Values Alignment\n\n- Does the work.\n\n" + mentoring + "\n\n- Does the work.\n\n" + extra + "\n"
	}
	for _, c := range []struct {
		name, sibling, senior, staffExtra, seniorExtra string
		suggests                                       bool
	}{
		{"no link", "### Mentoring Others", "### Coaching", "", "", true},
		{"linked on the page", "### Mentoring Others", "### Coaching", "", "See [coaching](#coaching).", false},
		{"linked from a sibling", "### Mentoring Others", "### Coaching", "See [it](../senior/#coaching).", "", false},
		{"siblings' explicit id", "### Mentoring Others {#mentoring}", "### Coaching", "", "", false},
		{"own explicit id, linked", "### Mentoring Others", "### Coaching {#coaching}", "", "See [coaching](#coaching).", true},
		{"names another level", "### Mentoring Others", "### Mentoring Staff", "", "", false},
	} {
		root := t.TempDir()
		dir := filepath.Join(root, "content", "handbook", "engineering", "careers", "matrix", "beta")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		pages := map[string]string{
			"associate.md":    level("Associate", c.sibling, ""),
			"intermediate.md": level("Intermediate", c.sibling, ""),
			"staff.md":        level("Staff", c.sibling, c.staffExtra),
			"senior.md":       level("Senior", c.senior, c.seniorExtra),
		}
		for name, text := range pages {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		found := false
		for _, d := range runSite(t, root).Diagnostics {
			if d.Rule.Name != "ladder-sections" || !strings.HasSuffix(d.Span.File, "beta/senior.md") || !strings.Contains(d.Message, "Mentoring") {
				continue
			}
			found = true
			if got := len(d.Suggestions) > 0; got != c.suggests {
				t.Errorf("%s: %q offers a suggestion: %v, want %v", c.name, d.Message, got, c.suggests)
			}
		}
		if !found {
			t.Errorf("%s: no ladder-sections finding on the senior page's section", c.name)
		}
	}
}
