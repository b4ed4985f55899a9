package lint

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

func TestFormatSARIF(t *testing.T) {
	rep := documentedReport(t)
	extra := &Rule{Meta: Meta{ID: "CL050", Name: "quiet-rule", Summary: "a rule that found nothing", Default: Info}}
	rep.Rules = []*Rule{extra, rep.Diagnostics[0].Rule}
	out := format(t, "sarif", rep)
	checkGolden(t, "report.sarif.json", out)
	if err := schematest.ValidateJSON(schema.SARIF, out); err != nil {
		t.Fatalf("SARIF output does not match the SARIF 2.1.0 schema: %v\n%s", err, out)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []sarifRule
				}
			}
			Results    []sarifResult
			ColumnKind string
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	// The rules that ran and the rules of the findings, each once, by ID.
	if want := []string{"CL001", "CL050", "CL096", "CL099"}; !cmp.Equal(ids, want) {
		t.Errorf("rules %v, want %v", ids, want)
	}
	fm := run.Tool.Driver.Rules[0]
	wantRule := sarifRule{
		ID: "CL001", Name: "front-matter",
		ShortDescription:     sarifText{"summary of front-matter"},
		FullDescription:      sarifText{"A page needs a title."},
		Help:                 sarifHelp{Text: fm.Help.Text, Markdown: fm.Help.Text},
		HelpURI:              "https://docs.example.test/rules/front-matter.md",
		DefaultConfiguration: sarifConfiguration{Level: "error"},
	}
	if diff := cmp.Diff(wantRule, fm); diff != "" {
		t.Errorf("rule (-want +got):\n%s", diff)
	}
	if fm.Help.Text != rep.Diagnostics[0].Rule.Doc.Text {
		t.Errorf("help text %q is not the rule's documentation", fm.Help.Text)
	}
	var levels []string
	for _, res := range run.Results {
		levels = append(levels, res.Level)
		if got := run.Tool.Driver.Rules[res.RuleIndex].ID; got != res.RuleID {
			t.Errorf("result of %s points at rule %d, %s", res.RuleID, res.RuleIndex, got)
		}
		if len(res.PartialFingerprints[sarifFingerprintKey]) != 32 {
			t.Errorf("result of %s lacks its fingerprint: %v", res.RuleID, res.PartialFingerprints)
		}
	}
	if want := []string{"error", "warning", "warning", "note"}; !cmp.Equal(levels, want) {
		t.Errorf("levels %v, want %v", levels, want)
	}
	// A region spanning two lines ends at the column after its last
	// character, in UTF-16 code units: the emoji before "UGLY" takes two.
	if got, want := run.Results[2].Locations[0].PhysicalLocation.Region, (sarifRegion{2, 2, 3, 6}); got != want {
		t.Errorf("two-line region %+v, want %+v", got, want)
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q, want utf16CodeUnits", run.ColumnKind)
	}
	if got, want := run.Results[3].Locations[0].PhysicalLocation.Region, (sarifRegion{1, 8, 1, 12}); got != want {
		t.Errorf("region after multi-byte text %+v, want %+v", got, want)
	}
}

func TestFormatSARIFEmpty(t *testing.T) {
	out := format(t, "sarif", &Report{Version: "dev"})
	if err := schematest.ValidateJSON(schema.SARIF, out); err != nil {
		t.Fatalf("empty SARIF output does not match the schema: %v\n%s", err, out)
	}
	var log map[string]any
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log["runs"].([]any)[0].(map[string]any)
	if res, ok := run["results"].([]any); !ok || len(res) != 0 {
		t.Errorf("results = %v, want an empty array (an empty array says the run found nothing)", run["results"])
	}
}

func TestSARIFURIEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"content/a b.md":     "content/a%20b.md",
		"content/100%.md":    "content/100%25.md",
		"content/q?#x.md":    "content/q%3F%23x.md",
		"content/café/x.md":  "content/caf%C3%A9/x.md",
		"content/plain/x.md": "content/plain/x.md",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFSchemaRejects: the schema check above can fail.
func TestSARIFSchemaRejects(t *testing.T) {
	out := format(t, "sarif", documentedReport(t))
	result := func(m map[string]any) map[string]any {
		return m["runs"].([]any)[0].(map[string]any)["results"].([]any)[1].(map[string]any)
	}
	breakers := map[string]func(m map[string]any){
		"unknown level":    func(m map[string]any) { result(m)["level"] = "fatal" },
		"wrong version":    func(m map[string]any) { m["version"] = "2.0.0" },
		"no runs":          func(m map[string]any) { delete(m, "runs") },
		"line 0":           func(m map[string]any) { region(result(m))["startLine"] = 0 },
		"message not text": func(m map[string]any) { result(m)["message"] = "found BAD" },
		"extra field":      func(m map[string]any) { result(m)["extra"] = true },
		"tool without name": func(m map[string]any) {
			delete(m["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any), "name")
		},
	}
	for name, brk := range breakers {
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatal(err)
		}
		brk(m)
		data, _ := json.Marshal(m)
		if err := schematest.ValidateJSON(schema.SARIF, data); err == nil {
			t.Errorf("%s: a broken log passes validation", name)
		}
	}
}

func region(result map[string]any) map[string]any {
	loc := result["locations"].([]any)[0].(map[string]any)
	return loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

// TestDocLinksAbsolute: a rule doc's links to other docs lead to their
// pages beside the rule's own page; other links stay as written.
func TestDocLinksAbsolute(t *testing.T) {
	const page = "https://example.com/docs/rules/link-target.md"
	for in, want := range map[string]string{
		"see [file-format](file-format.md).":            "see [file-format](https://example.com/docs/rules/file-format.md).",
		"[a](link-form.md#fixes) and [b](../README.md)": "[a](https://example.com/docs/rules/link-form.md#fixes) and [b](https://example.com/docs/README.md)",
		"[site](/handbook/values/) [x](#why)":           "[site](/handbook/values/) [x](#why)",
		"[web](https://gohugo.io/x.md) [y](x.md":        "[web](https://gohugo.io/x.md) [y](x.md",
		"no links":                                      "no links",
	} {
		if got := docLinksAbsolute(in, page); got != want {
			t.Errorf("docLinksAbsolute(%q) = %q, want %q", in, got, want)
		}
	}
}
