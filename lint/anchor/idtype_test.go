package anchor

import (
	"strings"
	"testing"
)

// The IDs below are the ones Hugo 0.151 wrote for these headings in a
// scratch site built with markup.goldmark.parser.autoIDType set to each
// type in turn (the github column is today's Slug, checked the same way).
// The whole page went through one build per type, so later headings show
// the duplicate counter: "!!!", "???", "日本語" and "Ｆｕｌｌｗｉｄｔｈ"
// all fall back to "heading" under github-ascii.
var idTypeVectors = []struct {
	heading                     string
	github, githubASCII, blackf string
}{
	{"## Café Résumé naïve", "café-résumé-naïve", "cafe-resume-naive", "café-résumé-naïve"},
	{"## R&amp;D and Café Résumé", "rd-and-café-résumé", "rd-and-cafe-resume", "r-d-and-café-résumé"},
	{"## 🤝 Collaboration", "-collaboration", "-collaboration", "collaboration"},
	{"## Straße Œuvre æther ı", "straße-œuvre-æther-ı", "strae-uvre-ther-", "straße-œuvre-æther-ı"},
	{"## Ünïcödé Ⅻ ½ ٣", "ünïcödé---٣", "unicode---", "ünïcödé-ⅻ-½-٣"},
	{"## Ελληνικά only", "ελληνικά-only", "-only", "ελληνικά-only"},
	{"## !!!", "heading", "heading", "heading"},
	{"## Senior Engineer -- Technical", "senior-engineer--technical", "senior-engineer--technical", "senior-engineer-technical"},
	{"## What's expected of a Staff+ / Principal?", "whats-expected-of-a-staff--principal", "whats-expected-of-a-staff--principal", "what-s-expected-of-a-staff-principal"},
	{"## Section 1.1", "section-11", "section-11", "section-1-1"},
	{"## Many   spaces  here", "many---spaces--here", "many---spaces--here", "many-spaces-here"},
	{"## --lead and trail--", "lead-and-trail", "lead-and-trail", "lead-and-trail"},
	{"## snake_case_id", "snake_case_id", "snake_case_id", "snake-case-id"},
	{"## Code `foo-bar_baz` works", "code-foo-bar_baz-works", "code-foo-bar_baz-works", "code-foo-bar-baz-works"},
	{"## Diversity, Inclusion & Belonging Competency", "diversity-inclusion--belonging-competency", "diversity-inclusion--belonging-competency", "diversity-inclusion-belonging-competency"},
	{"## 日本語", "日本語", "heading", "日本語"},
	{"## Ｆｕｌｌｗｉｄｔｈ", "ｆｕｌｌｗｉｄｔｈ", "heading", "ｆｕｌｌｗｉｄｔｈ"},
	{"## ﬁ ligature", "ﬁ-ligature", "-ligature", "ﬁ-ligature"},
	{"## x²", "x", "x", "x²"},
	{"## ½", "heading", "heading", "½"},
	// A combining accent after a space: github-ascii takes accents off
	// before it trims the text.
	{"## a \u0301", "a-", "a", "a"},
	{"## b \u0301 c", "b--c", "b--c", "b-c"},
	{"## ı İ ǅ ﬀ", "ı-i-ǆ-ﬀ", "-i--", "ı-i-ǆ-ﬀ"},
}

func TestIDTypeSlug(t *testing.T) {
	for _, v := range idTypeVectors {
		b := []byte(v.heading)
		hs := headings(t, b)
		if len(hs) != 1 {
			t.Fatalf("%q: %d headings", v.heading, len(hs))
		}
		text := Text(hs[0], b)
		for _, c := range []struct {
			typ  IDType
			want string
		}{{"", v.github}, {GitHub, v.github}, {GitHubASCII, v.githubASCII}, {Blackfriday, v.blackf}, {"GitHub-ASCII", v.github}} {
			if got := c.typ.Slug(text); got != c.want {
				t.Errorf("%q as %q: got %q, want %q (Hugo 0.151)", v.heading, c.typ, got, c.want)
			}
		}
	}
}

// TestIDTypeDuplicates feeds one page, as Hugo 0.151 built it, through a
// table: the suffixes and the "heading" fallback are the same for every
// type.
func TestIDTypeDuplicates(t *testing.T) {
	page := "## Values\n## Values\n## Values 1\n## !!!\n## ???\n## Explicit {#values-2}\n## Values\n## 日本語\n"
	want := map[IDType]string{
		GitHub:      "values values-1 values-1-1 heading heading-1 values-2 values-3 日本語",
		GitHubASCII: "values values-1 values-1-1 heading heading-1 values-2 values-3 heading-2",
		Blackfriday: "values values-1 values-1-1 heading heading-1 values-2 values-3 日本語",
	}
	for typ, w := range want {
		b := []byte(page)
		tab := NewTable()
		var ids []string
		for _, h := range headings(t, b) {
			if id, ok := ID(h, b); ok {
				ids = append(ids, tab.Explicit(id))
				continue
			}
			ids = append(ids, tab.Auto(typ.Slug(Text(h, b))))
		}
		if got := strings.Join(ids, " "); got != w {
			t.Errorf("%s: got %s, want %s", typ, got, w)
		}
	}
}

// TestIDTypeSlugPart checks that the known parts of a heading's text give
// a prefix and a suffix of its whole ID, whatever the unknown middle.
func TestIDTypeSlugPart(t *testing.T) {
	for _, typ := range []IDType{GitHub, GitHubASCII, Blackfriday} {
		for _, c := range [][3]string{
			{"Senior ", "Backend", " Competencies"},
			{"Café -- ", "x", " résumé!"},
			{"A ", "", " b"},
			{"", "?!", "-- Z"},
			{"12 ", "½", " ¾"},
		} {
			whole := typ.Slug(c[0] + c[1] + c[2])
			pre, suf := typ.SlugPart(strings.TrimLeft(c[0], " ")), typ.SlugPart(strings.TrimRight(c[2], " "))
			if whole != "heading" && (!strings.HasPrefix(whole, pre) || !strings.HasSuffix(whole, suf)) {
				t.Errorf("%s %q: %q is not %q...%q", typ, c, whole, pre, suf)
			}
		}
	}
}
