package rules

import (
	"math/rand"
	"os"
	"path/filepath"
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
