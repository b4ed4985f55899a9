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

// TestLadderFingerprintsKeepALevelAdded: the ladder findings that name a
// track's levels name them as context, so that a level page added to the
// track keeps the finding's Code Quality fingerprint: GitLab must see the
// same finding, not one fixed and a new one.
func TestLadderFingerprintsKeepALevelAdded(t *testing.T) {
	for _, c := range []struct {
		name, fixture, prefix string
		// copy is a level page of the track, added is the level page
		// written from it with its level name replaced.
		copy, from, added, to string
	}{
		{"no index page", "ladder-index/builtin", "no index page lists the levels of track epsilon/", "epsilon/senior.md", "Senior", "epsilon/staff.md", "Staff"},
		{"navigation missing a level", "ladder-includes/builtin", `navigation include "includes/careers/gap-nav.md" does not link every level`, "gap/staff.md", "Staff", "gap/principal.md", "Principal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.CopyFS(root, os.DirFS(filepath.Join("../testdata/rules", c.fixture))); err != nil {
				t.Fatal(err)
			}
			before := codeQualityFingerprint(t, root, c.prefix)
			src, err := os.ReadFile(filepath.Join(root, matrix+c.copy))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, root, matrix+c.added, strings.ReplaceAll(string(src), c.from, c.to))
			if after := codeQualityFingerprint(t, root, c.prefix); after != before {
				t.Errorf("adding %s changed the fingerprint of the finding from %s to %s", c.added, before, after)
			}
		})
	}
}

// TestLadderFingerprintsKeepTheirPlaceChanged: a finding about something
// a level or an index page lacks sits where its fix would go, next to a
// line an unrelated edit may change (the link a missing one would follow),
// and its message may change wording as the track changes (a level added
// with the newer include path): it keeps its Code Quality fingerprint, so
// that --only-new and GitLab see the same finding, not one fixed and a
// new one.
func TestLadderFingerprintsKeepTheirPlaceChanged(t *testing.T) {
	for _, c := range []struct {
		name, fixture, prefix string
		file, from, to        string // the edit, in a file of the track
		reworded              bool   // the edit changes the finding's message
	}{
		{"index page missing a link, the link before it edited", "ladder-index/builtin", "index page does not link senior.md", "beta/_index.md", "[Intermediate](", "[Intermediate level](", false},
		{"missing include, a sibling moved to the newer path", "ladder-includes/builtin", `missing include "includes/new/associate-skills.md"`, "older/intermediate.md", "includes/prior/", "includes/new/", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.CopyFS(root, os.DirFS(filepath.Join("../testdata/rules", c.fixture))); err != nil {
				t.Fatal(err)
			}
			before, msgBefore := codeQualityFinding(t, root, c.prefix)
			src, err := os.ReadFile(filepath.Join(root, matrix+c.file))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), c.from) {
				t.Fatalf("%s holds no %q", c.file, c.from)
			}
			writeFile(t, root, matrix+c.file, strings.Replace(string(src), c.from, c.to, 1))
			after, msgAfter := codeQualityFinding(t, root, c.prefix)
			if reworded := msgAfter != msgBefore; reworded != c.reworded {
				t.Fatalf("message reworded: %v, want %v:\n%s\n%s", reworded, c.reworded, msgBefore, msgAfter)
			}
			if after != before {
				t.Errorf("editing %s changed the fingerprint of the finding from %s to %s", c.file, before, after)
			}
		})
	}
}

// codeQualityFingerprint runs the rules over a site and returns the Code
// Quality fingerprint of the one finding whose message starts with prefix.
func codeQualityFingerprint(t *testing.T, root, prefix string) string {
	t.Helper()
	fp, _ := codeQualityFinding(t, root, prefix)
	return fp
}

// codeQualityFinding is codeQualityFingerprint with the finding's
// description.
func codeQualityFinding(t *testing.T, root, prefix string) (fingerprint, description string) {
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
		if strings.HasPrefix(is.Description, prefix) {
			if fingerprint != "" {
				t.Fatalf("two findings start with %q in %s", prefix, buf.Bytes())
			}
			fingerprint, description = is.Fingerprint, is.Description
		}
	}
	if fingerprint == "" {
		t.Fatalf("no finding starts with %q in %s", prefix, buf.Bytes())
	}
	return fingerprint, description
}
