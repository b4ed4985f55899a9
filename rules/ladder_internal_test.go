package rules

import (
	"slices"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestConsensus checks the majority rule the ladder rules share: more than
// half is normal, fewer than half is rare, exactly half is neither, and
// keys are ordered as most levels write them.
func TestConsensus(t *testing.T) {
	c := newConsensus([][]string{
		{"a", "b", "c", "d"},
		{"a", "c", "b"},
		{"a", "b", "c"},
		{"a", "e", "b", "c"},
	})
	for _, tc := range []struct {
		key          string
		normal, rare bool
	}{
		{"a", true, false}, // 4 of 4
		{"b", true, false},
		{"c", true, false},
		{"d", false, true},  // 1 of 4
		{"e", false, true},  // 1 of 4
		{"zz", false, true}, // 0 of 4
	} {
		if got := c.normal(tc.key); got != tc.normal {
			t.Errorf("normal(%q) = %v, want %v", tc.key, got, tc.normal)
		}
		if got := c.rare(tc.key); got != tc.rare {
			t.Errorf("rare(%q) = %v, want %v", tc.key, got, tc.rare)
		}
	}
	if want := []string{"a", "e", "b", "c", "d"}; !slices.Equal(c.order, want) {
		t.Errorf("order = %v, want %v", c.order, want)
	}
	// A tie: two levels that differ.
	tie := newConsensus([][]string{{"x", "y"}, {"x"}})
	if tie.normal("y") || tie.rare("y") || !tie.normal("x") {
		t.Errorf("with two levels, a key on one is a tie (normal %v, rare %v)", tie.normal("y"), tie.rare("y"))
	}
	// One level: everything it has is normal, nothing is rare.
	one := newConsensus([][]string{{"x"}})
	if !one.normal("x") || one.rare("x") {
		t.Errorf("one level: normal %v, rare %v", one.normal("x"), one.rare("x"))
	}
}

// TestKeptInOrder checks that the heaviest increasing run is kept: the
// section that moved is reported, not the ones around it.
func TestKeptInOrder(t *testing.T) {
	c := newConsensus([][]string{{"a", "b", "c", "d"}, {"a", "b", "c", "d"}, {"a", "b", "c", "d"}})
	seq := []string{"a", "c", "d", "b"}
	keep := c.keptInOrder(seq, func(int) int { return 1 })
	if want := []bool{true, true, true, false}; !slices.Equal(keep, want) {
		t.Errorf("keep = %v, want %v", keep, want)
	}
	// With "b" weighted (a template section), "c" and "d" are the ones
	// out of order.
	keep = c.keptInOrder(seq, func(i int) int {
		if seq[i] == "b" {
			return 10
		}
		return 1
	})
	if want := []bool{true, false, false, true}; !slices.Equal(keep, want) {
		t.Errorf("weighted keep = %v, want %v", keep, want)
	}
}

// TestInstantiate checks how an include pattern is written for a level.
func TestInstantiate(t *testing.T) {
	for _, tc := range []struct{ key, stem, want string }{
		{"assets/includes/x/{level}-leadership-competency.md", "senior", "assets/includes/x/senior-leadership-competency.md"},
		{"assets/includes/x/development-{level}-values.md", "senior-staff", "assets/includes/x/development-senior-staff-values.md"},
		{"assets/includes/engineering_{level}_leadership_competency.md", "senior-staff", "assets/includes/engineering_senior_staff_leadership_competency.md"},
		{"assets/includes/x/{level}-competency.md", "CSR", "assets/includes/x/CSR-competency.md"},
		{"assets/includes/x/values.md", "staff", "assets/includes/x/values.md"},
	} {
		if got := instantiate(tc.key, &TrackLevel{Stem: tc.stem}); got != tc.want {
			t.Errorf("instantiate(%q, %q) = %q, want %q", tc.key, tc.stem, got, tc.want)
		}
	}
}

// TestMdEscape: text from a page put in the Markdown overview renders as
// written in GitLab: no mention, no issue, merge request or epic link, no
// entity, no emphasis and no cell break; a heading's "##" and a cell's
// "10!" stay readable.
func TestMdEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"### Ping @all about #123 &copy; !45 $7 %m ~x", `### Ping \@all about \#123 \&copy; \!45 \$7 \%m \~x`},
		{"**10!**", `\*\*10!\*\*`},
		{"a | b_c", `a \| b\_c`},
		{"## Tools & <Tricks>", `## Tools & \<Tricks\>`},
		{"#é", `\#é`},
	} {
		if got := mdEscape(c.in); got != c.want {
			t.Errorf("mdEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPreviousLevelFix checks the text a reference to the level below is
// given: the previous level's name over the one it names, with the
// article before it made to fit, and the previous level's URL over its
// destination; none where the text or the destination is not written as
// it reads.
func TestPreviousLevelFix(t *testing.T) {
	const url = "/handbook/x/intermediate/"
	for _, c := range []struct {
		src, title string
		linked     bool
		want       string // "" for no fix
	}{
		{"[All competencies of a Senior](/handbook/x/senior/)", "Intermediate", true, "[All competencies of an Intermediate](" + url + ")"},
		{"[All competencies of an Intermediate](/old/)", "Senior", true, "[All competencies of a Senior](" + url + ")"},
		{"[An Intern's competencies](/old/)", "Associate", false, "[An Associate's competencies](/old/)"},
		{"[A Staff's competencies](/old/)", "Senior", false, "[A Senior's competencies](/old/)"},
		{"[Competencies of Senior](/old/)", "Intermediate", false, "[Competencies of Intermediate](/old/)"},
		// "Banana" ends in "a": no article.
		{"[Banana Senior competencies](/old/)", "Intermediate", false, "[Banana Intermediate competencies](/old/)"},
		// Markup in the text around the name.
		{"[Competencies of *a Senior*](/old/)", "Intermediate", false, "[Competencies of *an Intermediate*](/old/)"},
		// Emphasis or a line break between the article and the name stays.
		{"[Competencies of a *Staff*](/old/)", "Intermediate", false, "[Competencies of an *Intermediate*](/old/)"},
		{"[Competencies of an **Intern**](/old/)", "Senior", false, "[Competencies of a **Senior**](/old/)"},
		{"[Competencies of an\nIntern](/old/)", "Senior", false, "[Competencies of a\nSenior](/old/)"},
		{"[Competencies of an\r\nIntern](/old/)", "Senior", false, "[Competencies of a\r\nSenior](/old/)"},
		// The article already fits.
		{"[Competencies of a Staff](/old/)", "Senior", false, "[Competencies of a Senior](/old/)"},
		// The name written twice: which one is meant is not known.
		{"[Senior, as Senior](/old/)", "Intermediate", false, ""},
		// Not an inline link.
		{"[Competencies of Senior][ref]\n\n[ref]: /old/", "Intermediate", false, ""},
		// A destination written with an escape.
		{`[Competencies](/old\_x/)`, "Intermediate", true, ""},
	} {
		p := lint.ParsePage("content/handbook/x/senior.md", []byte(c.src+"\n"), lint.DefaultConfig().ParseOptions())
		if len(p.Links) != 1 {
			t.Fatalf("%q: %d links", c.src, len(p.Links))
		}
		l := &p.Links[0]
		var named *levelWord
		for _, w := range []string{"Senior", "Intermediate", "Intern", "Staff"} {
			if i := strings.Index(l.Text, w); i >= 0 && named == nil {
				named = &levelWord{Start: i, End: i + len(w), Key: strings.ToLower(w)}
			}
		}
		fix, ok := previousLevelFix(p, l, named, c.linked, c.title, url)
		got := ""
		if ok {
			out, n := lint.ApplyEdits(p.Src, fix.Edits)
			if n != len(fix.Edits) {
				t.Errorf("%q: %d of %d edits applied", c.src, n, len(fix.Edits))
			}
			got = strings.TrimSuffix(string(out), "\n")
		}
		if got != c.want {
			t.Errorf("%q as %s: got %q, want %q", c.src, c.title, got, c.want)
		}
	}
}

// TestHeadingSuggestion checks the suggestion that writes a level heading
// as its siblings do: the words of its text, up to a comment or an
// attribute list after them, and none where the heading is not an ATX
// heading of the wanted level, or is written so already.
func TestHeadingSuggestion(t *testing.T) {
	for _, c := range []struct {
		name, src, want, got string
	}{
		{"plain", "## Support Staff Support Engineer\n", "## Staff Support Engineer", "## Staff Support Engineer\n"},
		{"comment kept", "## Support Staff Support Engineer <!-- note -->\n", "## Staff Support Engineer", "## Staff Support Engineer <!-- note -->\n"},
		{"emphasis", "## *Staff* Support (BE)\n", "## *Staff* Support", "## *Staff* Support\n"},
		{"CRLF", "## Staff Engineer (BE)\r\n", "## Staff Engineer", "## Staff Engineer\r\n"},
		{"attribute list kept", "## Support Staff Engineer {#lead}\n", "## Staff Engineer", "## Staff Engineer {#lead}\n"},
		{"line break", "## Support Staff<br>Engineer\n", "## Staff Engineer", "## Staff Engineer\n"},
		{"setext", "Support Staff Engineer\n---\n", "## Staff Engineer", ""},
		{"escaped comment", "## Support Staff Engineer \\<!-- shown -->\n", "## Staff Engineer", ""},
		{"other level", "### Support Staff Engineer\n", "## Staff Engineer", ""},
		{"already so", "## Staff Engineer\n", "## Staff Engineer", ""},
	} {
		p := lint.ParsePage("content/x/staff.md", []byte(c.src), lint.ParseOptions{})
		if len(p.Headings) != 1 {
			t.Fatalf("%s: %d headings", c.name, len(p.Headings))
		}
		sug := headingSuggestion(p.Src, &p.Headings[0], c.want)
		if c.got == "" {
			if sug != nil {
				t.Errorf("%s: suggestion %+v, want none", c.name, sug)
			}
			continue
		}
		if len(sug) != 1 {
			t.Errorf("%s: %d suggestions, want 1", c.name, len(sug))
			continue
		}
		if got, _ := lint.ApplyEdits(p.Src, sug[0].Edits); string(got) != c.got {
			t.Errorf("%s: wrote %q, want %q", c.name, got, c.got)
		}
	}
}
