package rules_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestLadderNoIndexFingerprint: "no index page lists the levels" names the
// track's levels; a level page added above the first keeps the finding
// where it is, and GitLab must see the same finding (its Code Quality
// fingerprint unchanged), not one fixed and a new one.
func TestLadderNoIndexFingerprint(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../testdata/rules/ladder-index/builtin")); err != nil {
		t.Fatal(err)
	}
	fingerprint := func() string {
		t.Helper()
		res := runSite(t, root)
		var buf bytes.Buffer
		if err := lint.Formats["codequality"](&buf, &lint.Report{Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site}); err != nil {
			t.Fatal(err)
		}
		var issues []struct {
			Description string
			Fingerprint string
		}
		if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
			t.Fatal(err)
		}
		for _, is := range issues {
			if strings.HasPrefix(is.Description, "no index page lists the levels of track epsilon/") {
				return is.Fingerprint
			}
		}
		t.Fatalf("no finding for the track without an index in %s", buf.Bytes())
		return ""
	}
	before := fingerprint()
	senior, err := os.ReadFile(filepath.Join(root, matrix+"epsilon/senior.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, matrix+"epsilon/staff.md", strings.ReplaceAll(string(senior), "Senior", "Staff"))
	if after := fingerprint(); after != before {
		t.Errorf("adding staff.md changed the fingerprint of the track's finding from %s to %s", before, after)
	}
}
