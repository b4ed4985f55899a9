package rules_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestFingerprintsKeepAPartialFix: a finding whose message counts what it
// is about (the spaces at a line's end, the blank lines at a file's end,
// the spellings of a front matter key) keeps its Code Quality fingerprint
// when a partial fix changes the count, as it is the same problem; GitLab
// must not see one fixed and a new one.
func TestFingerprintsKeepAPartialFix(t *testing.T) {
	const head = "---\ntitle: \"Senior\"\n---\n\n## Senior\n\n"
	for _, c := range []struct {
		name, prefix, before, after string
	}{
		{"spaces at a line's end", "line ends with", head + "Leads projects   \n", head + "Leads projects \n"},
		{"spaces and a tab at a line's end", "line ends with", head + "Leads projects \t \n", head + "Leads projects\t\n"},
		{"a blank line's spaces", "blank line holds", head + "Leads.\n   \nMore.\n", head + "Leads.\n \nMore.\n"},
		{"blank lines at the end", "file ends with", head + "Leads.\n\n\n\n", head + "Leads.\n\n\n"},
		{"spaces after a heading marker", "heading marker", head + "###    Leads\n", head + "###  Leads\n"},
		{"a front matter key in three cases", "front matter sets", "---\nTitle: \"Senior\"\nTITLE: \"S\"\ntItle: \"S\"\n---\n\n## Senior\n", "---\nTitle: \"Senior\"\nTITLE: \"S\"\n---\n\n## Senior\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fp := func(page string) string {
				root := t.TempDir()
				writeFile(t, root, "assets/.keep", "")
				writeFile(t, root, matrix+"x/senior.md", page)
				return codeQualityFingerprint(t, root, c.prefix)
			}
			before, after := fp(c.before), fp(c.after)
			if before != after {
				t.Errorf("the fingerprint changed (%s, %s):\n%q\n%q", before, after, strings.TrimPrefix(c.before, head), strings.TrimPrefix(c.after, head))
			}
		})
	}
}

// TestFingerprintsOfLikeFindingsDistinct: findings that now hash the same
// problem on the same text (blank lines holding spaces or a tab, equal
// lines ending with other whitespace) still have a fingerprint each.
func TestFingerprintsOfLikeFindingsDistinct(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "assets/.keep", "")
	writeFile(t, root, matrix+"x/senior.md", "---\ntitle: \"Senior\"\n---\n\n## Senior\n\nLeads. \n  \nLeads.\t\n\t\nLeads.   \n \n")
	res := runSite(t, root)
	var buf bytes.Buffer
	if err := lint.Formats["codequality"](&buf, &lint.Report{Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site}); err != nil {
		t.Fatal(err)
	}
	var issues []struct{ Description, Fingerprint string }
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	n := 0
	for _, is := range issues {
		if !strings.HasPrefix(is.Description, "line ends with") && !strings.HasPrefix(is.Description, "blank line holds") {
			continue
		}
		n++
		if other, dup := seen[is.Fingerprint]; dup {
			t.Errorf("%q and %q share fingerprint %s", other, is.Description, is.Fingerprint)
		}
		seen[is.Fingerprint] = is.Description
	}
	if n != 6 {
		t.Errorf("%d whitespace findings, want 6:\n%s", n, buf.Bytes())
	}
}

// TestFingerprintOfMissingSectionOr: a missing section named both ways
// ("### Senior X" (or "### X")) keeps the fingerprint of the message that
// named it one way: its identity is that message's problem, so GitLab
// sees the same finding across the change of wording.
func TestFingerprintOfMissingSectionOr(t *testing.T) {
	res := runSite(t, "../testdata/rules/required-sections/builtin", "content/handbook/engineering/careers/matrix/development/associate.md")
	found := false
	for _, d := range res.Diagnostics {
		if d.Rule == nil || d.Rule.Name != "required-sections" || !strings.Contains(d.Message, "(or ") {
			continue
		}
		found = true
		want := `missing section "### Associate Technical Competencies" after "### Leadership Competencies"`
		if d.Identity != want {
			t.Errorf("identity %q, want %q (message %q)", d.Identity, want, d.Message)
		}
	}
	if !found {
		t.Fatal("no missing-section finding named both ways")
	}
}
