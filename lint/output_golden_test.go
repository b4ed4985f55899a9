package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkGolden compares output with lint/testdata/output/NAME.
// UPDATE_GOLDEN=1 rewrites the file instead; review the diff.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "output", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v; run with UPDATE_GOLDEN=1 and review the file", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got); review, then UPDATE_GOLDEN=1:\n%s", file, diff)
	}
}

// format runs one formatter and returns its output.
func format(t *testing.T, name string, r *Report) []byte {
	t.Helper()
	f, ok := Formats[name]
	if !ok {
		t.Fatalf("no format %q", name)
	}
	var b bytes.Buffer
	if err := f(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// documentedReport is outputReport with rules that carry documentation and
// a configured docs URL, as the registry's rules do.
func documentedReport(t *testing.T) *Report {
	t.Helper()
	r := outputReport(t, false)
	r.Site.Config.DocsURL = "https://docs.example.test/rules/"
	docs := map[string]string{
		"CL001": "# front-matter (CL001)\n\n## Why\n\nA page needs a title.\n\n## Bad\n\n## Good\n\n## Options\n\nNone.\n\n## Fix\n\nAdd one.\n",
		"CL099": "# no-bad (CL099)\n\n## Why\n\nBAD | words hurt.\n\n## Bad\n\n## Good\n\n## Options\n\nNone.\n\n## Fix\n\nSay GOOD.\n",
	}
	for i := range r.Diagnostics {
		rule := r.Diagnostics[i].Rule
		rule.Summary = "summary of " + rule.Name
		if text, ok := docs[rule.ID]; ok && rule.Doc.Text == "" {
			doc, err := ParseDoc(text)
			if err != nil {
				t.Fatal(err)
			}
			rule.Doc = doc
		}
	}
	return r
}
