package main

import (
	"os/exec"
	"strings"
	"testing"
)

// linkedPackages returns every package the command links, as go list
// names them; it skips the test where there is no go command (wine).
func linkedPackages(t *testing.T) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list named %d packages, want every package the command links", len(deps))
	}
	return deps
}

// TestLinksNoSchemaLibrary checks that the command does not link the JSON
// Schema library: its package initialisation compiles the metaschemas of
// five drafts, 9 to 12 ms of every run on a slow machine. The command
// validates with package schema's own validator, which the tests hold to
// the library's answers (package schematest, imported by tests only).
func TestLinksNoSchemaLibrary(t *testing.T) {
	for _, p := range linkedPackages(t) {
		if strings.HasPrefix(p, "github.com/santhosh-tekuri/jsonschema") || p == "gitlab.com/careerlint/careerlint/schema/schematest" {
			t.Errorf("the command links %s", p)
		}
	}
}
