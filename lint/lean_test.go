package lint_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// TestLeanRunMatchesFullRun checks that the lean run of `careerlint links`
// (pages checked as they are parsed, sources released) reports exactly
// what the ordinary run reports, printed identically, on every link
// fixture.
func TestLeanRunMatchesFullRun(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/rules/*/*")
	n := 0
	for _, dir := range dirs {
		if fi, err := os.Stat(filepath.Join(dir, "content")); err != nil || !fi.IsDir() {
			continue
		}
		abs, _ := filepath.Abs(dir)
		cfg := lint.DefaultConfig()
		if c := filepath.Join(abs, lint.ConfigFileName); fileExists(c) {
			var err error
			if cfg, err = lint.LoadConfig(c, rules.All()); err != nil {
				t.Fatal(err)
			}
		}
		out := map[bool]string{}
		for _, lean := range []bool{false, true} {
			res, err := lint.Run(context.Background(), lint.RunOptions{Root: abs, Config: cfg, Rules: rules.LinkRules(), KnownRules: rules.All(), SuppressionRule: rules.Suppression, AllMarkdown: true, Lean: lean})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			rep := &lint.Report{Version: "test", Files: res.Files, Diagnostics: res.Diagnostics, Site: res.Site}
			for _, f := range []string{"text", "json"} {
				if err := lint.Formats[f](&b, rep); err != nil {
					t.Fatal(err)
				}
			}
			out[lean] = b.String()
		}
		if diff := cmp.Diff(out[false], out[true]); diff != "" {
			t.Errorf("%s: lean run differs (-full +lean):\n%s", dir, diff)
		}
		if bytes.Count([]byte(out[true]), []byte("\n")) > 4 {
			n++
		}
	}
	if n < 5 {
		t.Errorf("only %d fixture sites had link findings; the comparison checks too little", n)
	}
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
