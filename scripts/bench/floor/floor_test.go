package main

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestImportsAreCareerlints checks that the floor links exactly the
// third-party packages that the careerlint command's packages import (as
// go list sees what the command links: a package only tests import, such
// as schema/schematest, is not among them), so that the floor stays what
// careerlint pays before its own code runs.
func TestImportsAreCareerlints(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	want := map[string]bool{}
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{end}}", "./cmd/careerlint")
	cmd.Dir = filepath.Join("..", "..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || thirdParty(fields[0]) {
			continue // a third-party package's own imports come with it
		}
		for _, path := range fields[1:] {
			if thirdParty(path) {
				want[path] = true
			}
		}
	}
	got := imports(t, "imports.go")
	wantList := make([]string, 0, len(want))
	for path := range want {
		wantList = append(wantList, path)
	}
	slices.Sort(wantList)
	slices.Sort(got)
	if len(wantList) == 0 {
		t.Fatal("found no third-party imports in careerlint's packages")
	}
	if d := cmp.Diff(wantList, got); d != "" {
		t.Errorf("imports.go does not list careerlint's third-party imports (-careerlint +imports.go):\n%s", d)
	}
}

func imports(t *testing.T, file string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range f.Imports {
		path, err := strconv.Unquote(s.Path.Value)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, path)
	}
	return out
}

// thirdParty reports whether an import path is neither the standard
// library's nor careerlint's own.
func thirdParty(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".") && !strings.HasPrefix(path, "gitlab.com/careerlint/careerlint")
}
