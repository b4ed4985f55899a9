package rules

import (
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

func TestPageLevel(t *testing.T) {
	cfg := lint.DefaultConfig()
	for _, c := range []struct{ path, key, title string }{
		{"content/a/senior.md", "senior", "Senior"},
		{"content/a/senior-staff.md", "senior-staff", "Senior Staff"},
		{"content/a/CSR.md", "csr", "CSR"},
		{"content/a/Intern.md", "intern", "Intern"},
		{"content/a/_index.md", "", ""},
		{"content/a/seniors.md", "", ""},
		{"content/a/senior.txt", "", ""},
	} {
		key, title, ok := pageLevel(cfg, c.path)
		if key != c.key || title != c.title || ok != (c.key != "") {
			t.Errorf("pageLevel(%q) = %q, %q, %v; want %q, %q", c.path, key, title, ok, c.key, c.title)
		}
	}
}

func TestLevelSetFind(t *testing.T) {
	ls := newLevelSet(lint.DefaultConfig(), defaultLevelNames())
	show := func(s string, ws []levelWord) string {
		var out []string
		for _, w := range ws {
			out = append(out, w.Key+"="+w.Text(s))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		text, joiners string
		capital       bool
		want          string
	}{
		{"Senior Staff Backend Engineer", textJoiners, false, "senior-staff=Senior Staff"},
		{"Senior-Staff and Staff", textJoiners, false, "senior-staff=Senior-Staff staff=Staff"},
		{"Senior, Staff", textJoiners, false, "senior=Senior staff=Staff"},
		{"Intermediate, Intern, Internal, Interns", textJoiners, false, "intermediate=Intermediate intern=Intern"},
		{"works with senior leadership", textJoiners, true, ""},
		{"works with senior leadership", textJoiners, false, "senior=senior"},
		{"Customer Support Representative", textJoiners, false, "csr=Customer Support Representative"},
		{"development-senior-staff-leadership", nameJoiners, false, "senior-staff=senior-staff"},
		{"engineering_staff_technical_competency", nameJoiners, false, "staff=staff"},
		{"CSR-competency", nameJoiners, false, "csr=CSR"},
		{"Über Senior", textJoiners, true, "senior=Senior"},
	} {
		if got := show(c.text, ls.find(c.text, c.joiners, c.capital)); got != c.want {
			t.Errorf("find(%q) = %q; want %q", c.text, got, c.want)
		}
	}
}

// TestLevelSetNamesInAnyCase: a level-names key written in another case
// than the level ("CSR" for csr) names that level.
func TestLevelSetNamesInAnyCase(t *testing.T) {
	ls := newLevelSet(lint.DefaultConfig(), map[string][]string{"CSR": {"Support Hero"}})
	ws := ls.find("Support Hero", textJoiners, false)
	if len(ws) != 1 || ws[0].Key != "csr" {
		t.Errorf("find(\"Support Hero\") = %+v, want the level csr", ws)
	}
}

func TestLevelTitle(t *testing.T) {
	for in, want := range map[string]string{"senior": "Senior", "senior-staff": "Senior Staff", "CSR": "CSR", "fellow": "Fellow"} {
		if got := levelTitle(in); got != want {
			t.Errorf("levelTitle(%q) = %q; want %q", in, got, want)
		}
	}
}
