package lint

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/schema"
)

// problemView is a SchemaProblem with its span shown as text and line.
type problemView struct {
	Path string
	Key  string
	Text string
	Line int
	Msg  string
}

func viewProblems(src []byte, ps []SchemaProblem) []problemView {
	var out []problemView
	for _, p := range ps {
		out = append(out, problemView{strings.Join(p.Path, "/"), p.Key, textOf(src, p.Start, p.End), lineOf(src, p.Start), p.Message})
	}
	return out
}

func yamlRoot(t *testing.T, src []byte) *Node {
	t.Helper()
	fm := ParseFrontMatter(src)
	if fm == nil || fm.Err != nil {
		t.Fatalf("front matter: %+v", fm)
	}
	return fm.Root
}

func TestValidateFrontMatter(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []problemView // Msg is matched as a substring
	}{
		{"valid", "---\ntitle: Senior\nweight: 2\ndraft: false\naliases: [/a/]\ncustom_param: anything\n---\n", nil},
		{"aliases as string", "---\ntitle: T\naliases: /a/\n---\n", nil},
		{"title wrong type", "---\ntitle: 3\n---\n", []problemView{{"title", "", "3", 2, "string"}}},
		{"title blank", "---\ntitle: \"   \"\n---\n", []problemView{{"title", "", `"   "`, 2, "title"}}},
		{"weight wrong type", "---\ntitle: T\nweight: \"heavy\"\n---\n", []problemView{{"weight", "", `"heavy"`, 3, "a whole number"}}},
		{"draft yes is a string", "---\ntitle: T\ndraft: yes\n---\n", []problemView{{"draft", "", "yes", 3, "true or false"}}},
		{"aliases wrong element", "---\ntitle: T\naliases:\n  - /a/\n  - 7\n---\n", []problemView{{"aliases/1", "", "7", 5, "string"}}},
		{"missing title", "---\ndescription: d\n---\n", []problemView{{"", "", "description: d", 2, "title"}}},
		{"weight not a number", "---\ntitle: T\nweight: .nan\n---\n", []problemView{{"weight", "", ".nan", 3, "weight: NaN is not a finite number; write a number such as 2"}}},
		{"two problems in source order", "---\nweight: x\ntitle: T\ndraft: 1\n---\n", []problemView{{"weight", "", "x", 2, "a whole number"}, {"draft", "", "1", 4, "true or false"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			got := viewProblems(src, Validate(schema.FrontMatter, yamlRoot(t, src)))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if !strings.Contains(got[i].Msg, tt.want[i].Msg) {
					t.Errorf("problem %d message %q does not contain %q", i, got[i].Msg, tt.want[i].Msg)
				}
				got[i].Msg = tt.want[i].Msg
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateFrontMatterAllFormats(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: T\nweight: \"2\"\n---\n",
		"+++\ntitle = \"T\"\nweight = \"2\"\n+++\n",
		"{\n\"title\": \"T\",\n\"weight\": \"2\"\n}\n",
	} {
		b := []byte(src)
		got := viewProblems(b, Validate(schema.FrontMatter, yamlRoot(t, b)))
		if len(got) != 1 || got[0].Path != "weight" || got[0].Text != `"2"` || got[0].Line != 3 {
			t.Errorf("%q: problems %+v, want one at weight's value \"2\" on line 3", src, got)
		}
	}
}

func TestValidateConfig(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []problemView
	}{
		{"valid", "content: site\nladder: [a, b]\nrules:\n  front-matter: off\n  CL002: warning\n", nil},
		{"unknown top-level key", "content: c\nladderr: [a]\n", []problemView{{"", "ladderr", "ladderr", 2, `unknown key "ladderr"; did you mean "ladder"`}}},
		{"unknown key far from any", "zzzzzzzzzz: 1\n", []problemView{{"", "zzzzzzzzzz", "zzzzzzzzzz", 1, `unknown key "zzzzzzzzzz"; remove it (careerlint init FOLDER writes every key with its default)`}}},
		{"unknown nested key", "shortcodes:\n  includ: [x]\n", []problemView{{"shortcodes", "includ", "includ", 2, `unknown key "includ"; did you mean "include"`}}},
		{"unknown option key", "rules:\n  front-matter:\n    options:\n      requird: [a]\n", []problemView{{"rules/front-matter/options", "requird", "requird", 4, `did you mean "required"`}}},
		{"wrong type", "max-file-size: big\n", []problemView{{"max-file-size", "", "big", 1, "a whole number"}}},
		{"wrong element type", "ladder:\n  - intern\n  - [x]\n", []problemView{{"ladder/1", "", "", 3, ""}}},
		{"bad severity", "rules:\n  front-matter: loud\n", []problemView{{"rules/front-matter", "", "loud", 2, ""}}},
		{"bad rule key", "content: c\nrules:\n  Front_Matter: off\n", []problemView{{"rules", "Front_Matter", "Front_Matter", 3, `invalid key "Front_Matter"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			root := configRoot(t, src)
			got := viewProblems(src, Validate(schema.Config, root))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if !strings.Contains(got[i].Msg, tt.want[i].Msg) {
					t.Errorf("problem %d message %q does not contain %q", i, got[i].Msg, tt.want[i].Msg)
				}
				got[i].Msg = tt.want[i].Msg
				if tt.want[i].Text == "" { // only the line is asserted
					got[i].Text = ""
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// configRoot decodes a configuration file the way ParseConfig does.
func configRoot(t *testing.T, src []byte) *Node {
	t.Helper()
	fm := ParseFrontMatter(append([]byte("---\n"), append(append([]byte{}, src...), "---\n"...)...))
	if fm == nil || fm.Err != nil {
		t.Fatalf("config: %+v", fm)
	}
	// Shift spans back to offsets in src.
	var shift func(n *Node)
	shift = func(n *Node) {
		n.Start -= 4
		n.End -= 4
		if n.Key != "" {
			n.KeyStart -= 4
			n.KeyEnd -= 4
		}
		for _, c := range n.Children {
			shift(c)
		}
	}
	shift(fm.Root)
	return fm.Root
}

func TestClosest(t *testing.T) {
	cands := []string{"ladder", "pages", "ignore", "content", "include-roots"}
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"ladderr", 3, "ladder"},
		{"LADDER", 3, "ladder"}, // case is ignored
		{"page", 3, "pages"},
		{"xyz", 3, ""},
		{"ignroe", 2, "ignore"},
		{"contnet", 1, "content"}, // a swap of neighbours is one edit
		{"ab", 3, ""},             // a suggestion changes at most half the input
		{"bogus", 3, ""},          // three edits of five letters is another word, not "pages"
		{"contents", 3, "content"},
		{"ladder", 3, ""}, // never the input itself
	}
	for _, tt := range tests {
		if got := Closest(tt.in, cands, tt.max); got != tt.want {
			t.Errorf("Closest(%q, max %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
	// Ties go to the first candidate in sorted order, whatever the input order.
	if got := Closest("cat", []string{"hat", "bat"}, 3); got != "bat" {
		t.Errorf("tie went to %q, want \"bat\"", got)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"café", "cafe", 1}, {"🤝x", "x", 1}, {"ladder", "ladderr", 1}, {"flaw", "lawn", 2},
		// A swap of two neighbouring runes is one edit; a rune is not
		// edited twice (optimal string alignment: "ca" to "abc" is 3).
		{"wbe", "web", 1}, {"teh", "the", 1}, {"senoir", "senior", 1}, {"ab", "ba", 1},
		{"ca", "abc", 3}, {"abcd", "badc", 2}, {"é🤝", "🤝é", 1},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestEditDistanceWithin: the bounded distance is the distance when it is
// within the limit and limit+1 beyond it, on random short strings.
func TestEditDistanceWithin(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	word := func() string {
		b := make([]rune, rng.Intn(9))
		for i := range b {
			b[i] = []rune("abcé-")[rng.Intn(5)]
		}
		return string(b)
	}
	// Rows left over from the comparison before serve the next (Closest).
	rows := make([]int, 0, 4)
	for i := 0; i < 20000; i++ {
		a, b, limit := word(), word(), rng.Intn(6)
		d := EditDistance(a, b)
		want := d
		if d > limit {
			want = limit + 1
		}
		if got := editDistanceWithin([]rune(a), []rune(b), limit, nil); got != want {
			t.Fatalf("editDistanceWithin(%q, %q, %d) = %d, want %d (distance %d)", a, b, limit, got, want, d)
		}
		rows = slices.Grow(rows[:0], 3*(len([]rune(b))+1))
		if got := editDistanceWithin([]rune(a), []rune(b), limit, rows); got != want {
			t.Fatalf("editDistanceWithin(%q, %q, %d) in reused rows = %d, want %d (distance %d)", a, b, limit, got, want, d)
		}
		for j := range rows[:cap(rows)] {
			rows[:cap(rows)][j] = 99 // stale cells
		}
	}
}

// TestPatternWords checks that every pattern of the config and front
// matter schemas is said in words, but for the rule names' pattern, whose
// problems say "unknown rule" instead.
func TestPatternWords(t *testing.T) {
	var collect func(v any, out map[string]bool)
	collect = func(v any, out map[string]bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				if s, ok := c.(string); ok && k == "pattern" {
					out[s] = true
				} else if k != "propertyNames" {
					collect(c, out)
				}
			}
		case []any:
			for _, c := range v {
				collect(c, out)
			}
		}
	}
	for _, name := range []string{schema.Config, schema.FrontMatter} {
		doc, err := schema.Doc(name)
		if err != nil {
			t.Fatal(err)
		}
		patterns := map[string]bool{}
		collect(doc, patterns)
		if len(patterns) == 0 {
			t.Errorf("%s: no pattern found", name)
		}
		for p := range patterns {
			if patternWords[p] == "" {
				t.Errorf("%s: pattern %q is not in patternWords", name, p)
			}
		}
	}
	// A mend keyed by a pattern the words do not know would never apply.
	for p := range patternMends {
		if patternWords[p] == "" {
			t.Errorf("patternMends: pattern %q is not in patternWords", p)
		}
	}
}

// A missing required key is said in careerlint's words, with what to do,
// not the schema library's ("missing property 'title'").
func TestValidateMissingKeyMessage(t *testing.T) {
	fm := []byte("---\ndescription: d\n---\n")
	got := Validate(schema.FrontMatter, yamlRoot(t, fm))
	if len(got) != 1 || got[0].Message != `has no "title" key; add it` {
		t.Errorf("front matter without a title: got %+v, want one problem with the message %q", got, `has no "title" key; add it`)
	}
	cfg := []byte("rules:\n  required-sections:\n    options:\n      tracks:\n        - glob: \"content/**\"\n")
	got = Validate(schema.Config, configRoot(t, cfg))
	want := `rules.required-sections.options.tracks.0: has no "template" key; add it`
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("track without a template: got %+v, want one problem with the message %q", got, want)
	}
}

// TestTrimCommonKeepsDistance: the edit distance of two strings without
// the runes they both begin and end with (trimCommon, which Closest
// compares) is theirs, within every limit, on every pair of strings of up
// to five runes of three.
func TestTrimCommonKeepsDistance(t *testing.T) {
	words := []string{""}
	for n := 1; n <= 5; n++ {
		for _, w := range words {
			if len([]rune(w)) == n-1 {
				for _, r := range "abé" {
					words = append(words, w+string(r))
				}
			}
		}
	}
	for _, a := range words {
		for _, b := range words {
			ra, rb := []rune(a), []rune(b)
			ta, tb := trimCommon(ra, rb)
			for limit := range 6 {
				if got, want := editDistanceWithin(ta, tb, limit, nil), editDistanceWithin(ra, rb, limit, nil); got != want {
					t.Fatalf("%q and %q within %d: %d trimmed to %q and %q, %d whole", a, b, limit, got, string(ta), string(tb), want)
				}
			}
		}
	}
}
