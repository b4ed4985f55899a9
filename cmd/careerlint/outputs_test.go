package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

// cmdValidSARIF implements `validsarif FILE`: FILE (or "stdout") must be a
// SARIF log valid against the SARIF 2.1.0 schema in schema/.
func cmdValidSARIF(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: validsarif FILE")
	}
	err := schematest.ValidateJSON(schema.SARIF, []byte(ts.ReadFile(args[0])))
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s does not match the SARIF 2.1.0 schema: %v", args[0], err)
	case err == nil && neg:
		ts.Fatalf("%s matches the SARIF 2.1.0 schema", args[0])
	}
}

// TestExplainEveryRule checks that `careerlint explain` prints, for every
// rule, by name and by ID, the rule's documentation as embedded (the text
// the sarif output gives as help), its links to other rules' docs as their
// text, and the docs URL findings carry, then the rules it links to
// explain next.
func TestExplainEveryRule(t *testing.T) {
	t.Parallel()
	cfg := lint.DefaultConfig()
	for _, r := range rules.All() {
		for _, arg := range []string{r.Name, r.ID} {
			code, stdout, stderr := runCLI(t, "explain", arg)
			if code != exitClean || stderr != "" {
				t.Errorf("explain %s: exit %d, stderr %q", arg, code, stderr)
				continue
			}
			text, seeAlso := terminalDoc(r, r.Doc.Text)
			if !strings.HasPrefix(stdout, strings.TrimRight(text, "\n")+"\n") {
				t.Errorf("explain %s does not start with the rule's documentation:\n%s", arg, stdout)
			}
			if m := ruleDocLink.FindString(stdout); m != "" {
				t.Errorf("explain %s prints the link %s to a rule's doc file", arg, m)
			}
			want := fmt.Sprintf("\nDocs: %s\n", cfg.DocsLink(r))
			if len(seeAlso) > 0 {
				want += "See also: careerlint explain " + strings.Join(seeAlso, ", careerlint explain ") + "\n"
			}
			if !strings.HasSuffix(stdout, want) {
				t.Errorf("explain %s does not end with %q:\n%s", arg, want, stdout)
			}
		}
	}
}

// TestWriteFileAtomic checks the writing of --output files: a new file
// gets mode 0644, an existing one is replaced and keeps its mode, no
// temporary file is left behind, also when writing fails.
func TestWriteFileAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	name := filepath.Join(dir, "report.json")
	if err := writeFileAtomic(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	wantNew, wantKept := os.FileMode(0o644), os.FileMode(0o600)
	if runtime.GOOS == "windows" {
		// Windows keeps a read-only attribute only: a writable file is 0666.
		wantNew, wantKept = 0o666, 0o666
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != wantNew {
		t.Errorf("new file: %v, %v; want mode %v", fi.Mode(), err, wantNew)
	}
	if err := os.Chmod(name, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(name, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(name); string(data) != "two" {
		t.Errorf("content %q, want the new one", data)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != wantKept {
		t.Errorf("replaced file has mode %v, want its old %v", fi.Mode().Perm(), wantKept)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(filepath.Join(dir, "folder"), []byte("x")); err == nil {
		t.Error("a folder was overwritten")
	}
	if err := writeFileAtomic(filepath.Join(dir, "missing", "x.json"), []byte("x")); err == nil {
		t.Error("no error for a missing folder")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"folder", "report.json"}; !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v (no temporary file)", names, want)
	}
}
