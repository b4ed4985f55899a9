package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readmeRun returns the output README.md shows after the line "$ " +
// command in a ```text block.
func readmeRun(t *testing.T, command string) string {
	t.Helper()
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```text\n$ "+command+"\n")
	if !ok {
		t.Fatalf("README.md shows no run of %q", command)
	}
	out, _, ok := strings.Cut(rest, "```\n")
	if !ok {
		t.Fatalf("README.md's run of %q does not end", command)
	}
	return out
}

// TestReadmeExamples checks that the runs README.md shows are what
// careerlint prints: the example handbook in text, its JSON cut to one
// finding, and (with CAREERLINT_CORPUS) one page of the corpus.
func TestReadmeExamples(t *testing.T) {
	want := readmeRun(t, "go run ./cmd/careerlint --root testdata/handbook")
	corpus := os.Getenv("CAREERLINT_CORPUS")
	if corpus != "" && !filepath.IsAbs(corpus) {
		corpus = repoFile(corpus) // .ci/run may set it relative to the repository
	}
	if corpus != "" {
		abs, err := filepath.Abs(corpus)
		if err != nil {
			t.Fatal(err)
		}
		corpus = abs
	}
	jsonBlock := readmeBlock(t, "json")
	const page = "content/handbook/engineering/careers/matrix/infrastructure/core-platform/distribution/senior.md"
	corpusWant := readmeRun(t, "go run ./cmd/careerlint ../shared/corpus/handbook/"+page)
	// Run where the README's commands run, at the repository's top: the
	// text output names files from there.
	t.Chdir(repoFile("."))
	_, got, _ := runCLI(t, "--root", "testdata/handbook", "--color", "never")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README.md's example run differs from the real one (-readme +real):\n%s", diff)
	}

	type report struct {
		Tool     map[string]any   `json:"tool"`
		Findings []map[string]any `json:"findings"`
		Summary  map[string]any   `json:"summary"`
	}
	var shown, real report
	if err := json.Unmarshal([]byte(jsonBlock), &shown); err != nil {
		t.Fatalf("README.md's JSON example: %v", err)
	}
	_, out, _ := runCLI(t, "--root", "testdata/handbook", "--format", "json")
	if err := json.Unmarshal([]byte(out), &real); err != nil {
		t.Fatal(err)
	}
	if len(shown.Findings) != 1 {
		t.Fatalf("README.md's JSON example shows %d findings, want one", len(shown.Findings))
	}
	found := false
	for _, f := range real.Findings {
		if f["path"] == shown.Findings[0]["path"] && cmp.Equal(f["start"], shown.Findings[0]["start"]) && f["rule"] == shown.Findings[0]["rule"] {
			found = true
			if diff := cmp.Diff(shown.Findings[0], f); diff != "" {
				t.Errorf("README.md's JSON finding differs from the real one (-readme +real):\n%s", diff)
			}
		}
	}
	if !found {
		t.Errorf("README.md's JSON finding is not in the real output")
	}
	if diff := cmp.Diff(shown.Summary, real.Summary); diff != "" {
		t.Errorf("README.md's JSON summary differs (-readme +real):\n%s", diff)
	}
	if diff := cmp.Diff(shown.Tool, real.Tool); diff != "" {
		t.Errorf("README.md's JSON tool differs (-readme +real):\n%s", diff)
	}

	if corpus == "" {
		return
	}
	want = corpusWant
	_, got, _ = runCLI(t, "--color", "never", "--root", corpus, filepath.Join(corpus, filepath.FromSlash(page)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README.md's corpus page run differs from the real one (-readme +real):\n%s", diff)
	}
}
