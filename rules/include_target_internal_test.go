package rules

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestBoundedDistance compares the banded edit distance with the plain
// one on random short strings over a small alphabet.
func TestBoundedDistance(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	word := func() []rune {
		w := make([]rune, r.Intn(9))
		for i := range w {
			w[i] = []rune("abé")[r.Intn(3)]
		}
		return w
	}
	var d distance
	for range 100000 {
		a, b, limit := word(), word(), r.Intn(5)
		want := min(lint.EditDistance(string(a), string(b)), limit+1)
		if got := d.bounded(a, b, limit); got != want {
			t.Fatalf("bounded(%q, %q, %d) = %d, want %d", string(a), string(b), limit, got, want)
		}
	}
}

func TestSuggestInclude(t *testing.T) {
	var files []includeFile
	for _, p := range []string{
		"includes/engineering-careers/senior-leadership-competency.md",
		"includes/engineering-careers/staff-leadership-competency.md",
		"includes/engineering-careers/values-competency.md",
		"includes/marketing/values-competency.md",
		"includes/values_competency.md",
		"includes/real.md",
	} {
		files = append(files, newIncludeFile(p))
	}
	for _, c := range []struct{ target, want string }{
		// Same name in a renamed folder wins over a closer path.
		{"includes/engineering/senior-leadership-competency.md", "includes/engineering-careers/senior-leadership-competency.md"},
		// Among files with the same name, the closest path.
		{"includes/engineering/values-competency.md", "includes/engineering-careers/values-competency.md"},
		{"includes/marketing-careers/values-competency.md", "includes/marketing/values-competency.md"},
		// A typo.
		{"includes/engineering-careers/staff-leadership-competncy.md", "includes/engineering-careers/staff-leadership-competency.md"},
		{"/includes/values-competency.md", "includes/marketing/values-competency.md"},
		{"/includes/values-competncy.md", "includes/values_competency.md"},
		// A typo in the name and an old folder.
		{"includes/engineering/staff-leadership-competncy.md", "includes/engineering-careers/staff-leadership-competency.md"},
		// Nothing close.
		{"includes/engineering/principal-leadership-competency.md", ""},
		{"includes/lek.md", ""},
		{"includes/x.md", ""},
	} {
		if got := suggestInclude(c.target, files); got != c.want {
			t.Errorf("suggestInclude(%q) = %q, want %q", c.target, got, c.want)
		}
	}
}

// TestIncludeSuggestionMemo: a site lists its include files once and
// works out each missing target's suggestion once.
func TestIncludeSuggestionMemo(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "assets", "includes", "engineering-careers")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "values-competency.md"), []byte("Values.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := lint.NewSite(root, lint.DefaultConfig(), nil)
	const target, want = "includes/engineering/values-competency.md", "includes/engineering-careers/values-competency.md"
	if got := includeSuggestion(site, target); got != want {
		t.Fatalf("includeSuggestion(%q) = %q, want %q", target, got, want)
	}
	l := includeListingOf(site)
	if len(l.files) != 1 {
		t.Fatalf("the listing holds %d files, want 1", len(l.files))
	}
	// With the listing emptied, only the memo can still give the answer.
	l.files = nil
	if got := includeSuggestion(site, target); got != want {
		t.Errorf("includeSuggestion(%q) the second time = %q, want %q from the memo", target, got, want)
	}
	if got := includeSuggestion(site, "includes/engineering/other.md"); got != "" {
		t.Errorf("includeSuggestion of a new target over an empty listing = %q, want \"\"", got)
	}
}

// TestIncludeComponents: files that include each other, directly or not,
// share a component; a file that only leads into a cycle, or out of it,
// has its own. includeCycle answers from the components for files apart.
func TestIncludeComponents(t *testing.T) {
	root := t.TempDir()
	inc := func(targets ...string) string {
		s := "text\n"
		for _, x := range targets {
			s += "{{% include \"includes/" + x + ".md\" %}}\n"
		}
		return s
	}
	files := map[string]string{
		"content/handbook/careers/matrix/t/senior.md": "---\ntitle: \"Senior - T\"\n---\n\n" + inc("in", "self"),
		"assets/includes/in.md":                       inc("a"),
		"assets/includes/a.md":                        inc("b"),
		"assets/includes/b.md":                        inc("c"),
		"assets/includes/c.md":                        inc("a", "out"),
		"assets/includes/out.md":                      inc(),
		"assets/includes/self.md":                     inc("self"),
	}
	writeFiles(t, root, files)
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: []*lint.Rule{IncludeTarget}})
	if err != nil {
		t.Fatal(err)
	}
	comp := includeComponents(res.Site)
	c := func(name string) int {
		n, ok := comp.of["assets/includes/"+name+".md"]
		if !ok {
			t.Fatalf("%s has no component", name)
		}
		return n
	}
	if c("a") != c("b") || c("b") != c("c") {
		t.Errorf("a, b and c include each other but are in components %d, %d, %d", c("a"), c("b"), c("c"))
	}
	for _, other := range []string{"in", "out", "self"} {
		if c(other) == c("a") {
			t.Errorf("%s shares the cycle's component", other)
		}
	}
	file := func(name string) *lint.Page { return res.Site.File("assets/includes/" + name + ".md") }
	if steps := includeCycle(res.Site, file("in"), file("a")); steps != nil {
		t.Errorf("in -> a: cycle %v, want none", steps)
	}
	if steps := includeCycle(res.Site, file("a"), file("b")); len(steps) != 2 {
		t.Errorf("a -> b: %d steps back, want 2 (b -> c -> a)", len(steps))
	}
	// Only the group's first file, a, reports its cycles.
	if steps := includeCycle(res.Site, file("b"), file("c")); steps != nil {
		t.Errorf("b -> c: cycle %v, want none (a, first of the group, reports it)", steps)
	}
	var cycles []string
	for _, d := range res.Diagnostics {
		cycles = append(cycles, d.Message)
	}
	if len(cycles) != 2 {
		t.Errorf("findings %q, want the a-b-c cycle and self", cycles)
	}
}

// TestLongIncludeCycle: a ring of include files is reported once, at the
// first file's include, naming the files at its ends and how many are
// between, with notes for its first steps only.
func TestLongIncludeCycle(t *testing.T) {
	root := t.TempDir()
	const n = 300
	files := map[string]string{
		"content/handbook/careers/matrix/t/senior.md": "---\ntitle: \"Senior - T\"\n---\n\n{{% include \"includes/f000.md\" %}}\n",
	}
	for i := range n {
		files[fmt.Sprintf("assets/includes/f%03d.md", i)] = fmt.Sprintf("text\n{{%% include \"includes/f%03d.md\" %%}}\n", (i+1)%n)
	}
	writeFiles(t, root, files)
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: []*lint.Rule{IncludeTarget}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("%d findings, want one for the ring", len(res.Diagnostics))
	}
	d := res.Diagnostics[0]
	want := "include cycle of 300 files: includes/f000.md → includes/f001.md → "
	if d.Span.File != "assets/includes/f000.md" || !strings.HasPrefix(d.Message, want) ||
		!strings.Contains(d.Message, "includes/f010.md → (279 more files) → includes/f290.md") ||
		!strings.HasSuffix(d.Message, "includes/f299.md → includes/f000.md; remove one of these includes (the notes show the first 20 steps)") {
		t.Errorf("finding at %s: %s", d.Span.File, d.Message)
	}
	if len(d.Related) != maxCycleNotes+1 { // the steps, and the include that pulls the ring in
		t.Errorf("%d notes, want %d", len(d.Related), maxCycleNotes+1)
	}
}

// writeFiles writes files (root-relative path to text) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
