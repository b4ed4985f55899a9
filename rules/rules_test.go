package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
	"gitlab.com/careerlint/careerlint/schema"
)

var (
	idRE   = regexp.MustCompile(`^CL[0-9]{3}$`)
	nameRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// fixtureRoot is where each rule's fixture sites live: one folder per rule
// name, either a site itself (holding content/) or a folder of sites.
const fixtureRoot = "../testdata/rules"

// notOnWindows names, with the reason, the fixture sites that a checkout
// on Windows cannot hold; their tests are skipped there.
var notOnWindows = map[string]string{
	"duplicate-page/site":         "the fixture holds names that differ only in case (Director.md beside director.md), which Windows' file systems fold into one file",
	"link-target/suggest-written": "the fixture holds lang/what?.md, and Windows forbids ? in file names",
}

// unfitOnWindows returns why a fixture site cannot be checked on Windows,
// or "" (always "" elsewhere).
func unfitOnWindows(site string) string {
	if runtime.GOOS != "windows" {
		return ""
	}
	rel, _ := filepath.Rel(fixtureRoot, site)
	return notOnWindows[filepath.ToSlash(rel)]
}

// fixtureSites returns the fixture sites of a rule.
func fixtureSites(t *testing.T, name string) []string {
	dir := filepath.Join(fixtureRoot, name)
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return []string{dir}
	}
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// TestRegistry fails when a rule lacks a unique ID or name, a complete doc,
// fixtures with expectations, or an options schema matching its options.
func TestRegistry(t *testing.T) {
	all := rules.All()
	ids, names := map[string]bool{}, map[string]bool{}
	for i, r := range all {
		t.Run(r.Name, func(t *testing.T) {
			if !idRE.MatchString(r.ID) {
				t.Errorf("ID %q is not CL followed by three digits", r.ID)
			}
			if !nameRE.MatchString(r.Name) {
				t.Errorf("name %q is not kebab-case", r.Name)
			}
			if ids[r.ID] || names[r.Name] {
				t.Errorf("ID %s or name %s is used twice", r.ID, r.Name)
			}
			ids[r.ID], names[r.Name] = true, true
			if i > 0 && all[i-1].ID >= r.ID {
				t.Errorf("registry is not sorted by ID: %s after %s", r.ID, all[i-1].ID)
			}
			if r.Summary == "" || strings.HasSuffix(r.Summary, ".") || strings.ToLower(r.Summary[:1]) != r.Summary[:1] {
				t.Errorf("summary %q must be lower-case with no final period", r.Summary)
			}
			if r.Default == lint.Off {
				t.Errorf("default severity is off")
			}
			if r.CheckPage == nil && r.CheckSite == nil && r != rules.Suppression {
				t.Errorf("rule has no check function")
			}
			// Doc: present, every section filled, title names the rule.
			text, err := rules.DocText(r.Name)
			if err != nil {
				t.Fatalf("no doc rules/docs/%s.md", r.Name)
			}
			doc, err := lint.ParseDoc(text)
			if err != nil {
				t.Fatalf("doc: %v", err)
			}
			if want := "# " + r.Name + " (" + r.ID + ")\n"; !strings.HasPrefix(text, want) {
				t.Errorf("doc must start with %q", want)
			}
			for _, s := range []struct{ name, text string }{{"Why", doc.Why}, {"Bad", doc.Bad}, {"Good", doc.Good}, {"Options", doc.Options}, {"Fix", doc.Fix}} {
				if strings.TrimSpace(s.text) == "" {
					t.Errorf("doc section %s is empty", s.name)
				}
			}
			if r.Doc.Text != text {
				t.Errorf("All() did not attach the doc")
			}
			// Fixtures: at least one site with at least one expectation.
			sites := fixtureSites(t, r.Name)
			if len(sites) == 0 {
				t.Fatalf("no fixtures in %s/%s", fixtureRoot, r.Name)
			}
			n, unfit := 0, ""
			for _, s := range sites {
				if why := unfitOnWindows(s); why != "" {
					unfit = why
					continue
				}
				w, err := linttest.Expectations(s)
				if err != nil {
					t.Fatal(err)
				}
				n += len(w)
			}
			if n == 0 && unfit == "" {
				t.Errorf("fixtures of %s hold no expectation", r.Name)
			}
			checkOptionsSchema(t, r)
		})
	}
}

// checkOptionsSchema compares a rule's options struct with the options the
// configuration schema allows for it.
func checkOptionsSchema(t *testing.T, r *lint.Rule) {
	doc, err := schema.Doc(schema.Config)
	if err != nil {
		t.Fatal(err)
	}
	props := doc["properties"].(map[string]any)["rules"].(map[string]any)["properties"].(map[string]any)
	var want []string
	if r.NewOptions != nil {
		typ := reflect.TypeOf(r.NewOptions()).Elem()
		for i := 0; i < typ.NumField(); i++ {
			if !typ.Field(i).IsExported() {
				continue // no option: yaml neither reads nor writes it
			}
			tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
			if tag == "" || tag == "-" {
				t.Errorf("options field %s has no yaml tag", typ.Field(i).Name)
				continue
			}
			want = append(want, tag)
		}
	}
	sort.Strings(want)
	for _, key := range []string{r.Name, r.ID} {
		def, ok := props[key].(map[string]any)
		if !ok {
			if len(want) > 0 {
				t.Errorf("config schema has no rules.%s entry for the rule's options", key)
			}
			continue
		}
		ref := strings.TrimPrefix(def["$ref"].(string), "#/$defs/")
		alt := doc["$defs"].(map[string]any)[ref].(map[string]any)["oneOf"].([]any)[1].(map[string]any)
		opts := alt["properties"].(map[string]any)["options"].(map[string]any)["properties"].(map[string]any)
		var got []string
		for k := range opts {
			got = append(got, k)
		}
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("config schema options of rules.%s differ from the options struct (-struct +schema):\n%s", key, diff)
		}
	}
}

// TestFixtures runs every rule over its fixture sites.
func TestFixtures(t *testing.T) {
	for _, r := range rules.All() {
		for _, site := range fixtureSites(t, r.Name) {
			t.Run(r.Name+"/"+filepath.Base(site), func(t *testing.T) {
				if why := unfitOnWindows(site); why != "" {
					t.Skip(why)
				}
				linttest.Run(t, site, rules.All(), rules.Suppression, r)
			})
		}
	}
}

// TestFixes applies each fixable rule's fixes over its fixture sites and
// compares the result with the golden files beside the fixtures.
func TestFixes(t *testing.T) {
	for _, r := range rules.All() {
		if !r.Fixable {
			continue
		}
		n, unfit := 0, false
		for _, site := range fixtureSites(t, r.Name) {
			if why := unfitOnWindows(site); why != "" {
				unfit = true
				t.Run(r.Name+"/"+filepath.Base(site), func(t *testing.T) { t.Skip(why) })
				continue
			}
			t.Run(r.Name+"/"+filepath.Base(site), func(t *testing.T) {
				linttest.RunFix(t, site, rules.All(), r)
			})
			_ = filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".md.golden") {
					n++
				}
				return nil
			})
		}
		if n == 0 && !unfit {
			t.Errorf("fixable rule %s has no fix golden file (NAME.md.golden) in its fixtures", r.Name)
		}
	}
}

// TestReadmeRuleTable fails when the README's rule table drifts from the
// registry.
func TestReadmeRuleTable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	want.WriteString("| ID | Name | Default | Fixable | Summary |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rules.All() {
		want.WriteString("| " + r.ID + " | [" + r.Name + "](rules/docs/" + r.Name + ".md) | " + r.Default.String() + " | " + r.FixKind() + " | " + r.Summary + " |\n")
	}
	if !strings.Contains(string(b), want.String()) {
		t.Errorf("README.md must contain the rule table:\n%s", want.String())
	}
}

// TestSuggestions applies each suggestion of every rule over its fixture
// sites, alone, and checks that it mends its finding; a rule offers
// suggestions in its fixtures exactly when its metadata says it suggests.
func TestSuggestions(t *testing.T) {
	for _, r := range rules.All() {
		n, unfit := 0, false
		for _, site := range fixtureSites(t, r.Name) {
			t.Run(r.Name+"/"+filepath.Base(site), func(t *testing.T) {
				if why := unfitOnWindows(site); why != "" {
					unfit = true
					t.Skip(why)
				}
				n += linttest.RunSuggestions(t, site, rules.All(), r)
			})
		}
		switch {
		case r.Suggests && n == 0 && !unfit:
			t.Errorf("rule %s says it suggests but offers no suggestion in its fixtures", r.Name)
		case !r.Suggests && n > 0:
			t.Errorf("rule %s offers %d suggestions in its fixtures but its metadata does not say it suggests (Suggests)", r.Name, n)
		}
	}
}

// TestMessagesNameNoLine fails when a finding of a rule's fixtures names a
// line number in its message: the Code Quality and SARIF fingerprints hash
// the message, so such a finding would look fixed and new after any edit
// above the line it names. The place belongs in the finding's related
// locations.
func TestMessagesNameNoLine(t *testing.T) {
	lineRE := regexp.MustCompile(`\blines? [0-9]`)
	for _, r := range rules.All() {
		for _, site := range fixtureSites(t, r.Name) {
			if unfitOnWindows(site) != "" {
				continue
			}
			for _, d := range runSite(t, site).Diagnostics {
				if lineRE.MatchString(d.Message) {
					t.Errorf("%s: %s: message names a line: %s", site, d.Rule.Name, d.Message)
				}
			}
		}
	}
}

// TestSharedIncludeNotes: a finding in a file several pages include notes
// each include once, the rule's own note taking the place of the
// engine's "included here" where both point at one include.
func TestSharedIncludeNotes(t *testing.T) {
	res, err := lint.Run(context.Background(), lint.RunOptions{Root: filepath.Join("..", "testdata", "rules", "link-syntax"), Config: lint.DefaultConfig(), Rules: []*lint.Rule{rules.LinkSyntax}, AllMarkdown: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range res.Diagnostics {
		if d.Span.File != "assets/includes/shared-refs.md" {
			continue
		}
		n++
		seen := map[lint.Span]bool{}
		for _, r := range d.Related {
			if seen[r.Span] {
				t.Errorf("%s: include %v noted twice: %+v", d.Message, r.Span, d.Related)
			}
			seen[r.Span] = true
		}
	}
	if n == 0 {
		t.Fatal("no finding in the shared include")
	}
}
