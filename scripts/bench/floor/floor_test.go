package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestImportsAreCareerlints checks that the floor links exactly the
// third-party packages that careerlint's packages import, so that the
// floor stays what careerlint pays before its own code runs.
func TestImportsAreCareerlints(t *testing.T) {
	want := map[string]bool{}
	root := filepath.Join("..", "..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel == "scripts" || rel == "testdata" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		for _, path := range imports(t, p) {
			if thirdParty(path) {
				want[path] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
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
