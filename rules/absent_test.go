package rules_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
)

// TestBaseStateMatchesDisk checks what --only-new rests on: a run that takes
// a file on disk as absent (RunOptions.Absent) finds what a run over the
// same site without the file finds, and a run that is given a file's text
// in its overlay, the file not being on disk, finds what a run with the
// file on disk finds. It takes each file of each fixture site in turn.
func TestBaseStateMatchesDisk(t *testing.T) {
	var sites []string
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "content" {
			sites = append(sites, filepath.Dir(p))
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) < 20 {
		t.Fatalf("found %d fixture sites under testdata, want at least 20", len(sites))
	}
	taken := 0
	for _, site := range sites {
		if why := unfitOnWindows(site); why != "" {
			continue // its files cannot all be copied there
		}
		abs, err := filepath.Abs(site)
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(abs, p)
			rel = filepath.ToSlash(rel)
			// The configurations are the caller's to load (see baseConfig);
			// expectation and golden files are no part of the sites.
			if rel == lint.ConfigFileName || lint.IsHugoConfigFile(rel) || filepath.Base(rel) == ".gitignore" || strings.HasSuffix(rel, ".want") || strings.HasSuffix(rel, ".golden") {
				return nil
			}
			files = append(files, rel)
			return nil
		})
		for _, f := range files {
			taken++
			if raceEnabled && taken%5 != 0 {
				// One file in five under the race detector: the runs are
				// the engine's, which the other tests race too; all of
				// them in the plain run.
				continue
			}
			t.Run(filepath.ToSlash(site)+"/"+f, func(t *testing.T) {
				without := copySiteWithout(t, abs, f)
				text, err := os.ReadFile(filepath.Join(abs, filepath.FromSlash(f)))
				if err != nil {
					t.Fatal(err)
				}
				cfg := linttest.Config(t, abs, rules.All())
				cfgWithout := linttest.Config(t, without, rules.All())

				want := runFindings(t, without, lint.RunOptions{Config: cfgWithout})
				got := runFindings(t, abs, lint.RunOptions{Config: cfg, Absent: map[string]bool{f: true}})
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s taken as absent, against the site without it (-without +absent):\n%s", f, diff)
				}

				// The pages of the site with the file, less the file: the
				// base run lints the pages the change keeps.
				var paths []string
				for _, p := range runPages(t, abs, cfg) {
					if p != f {
						paths = append(paths, p)
					}
				}
				if len(paths) == 0 {
					return
				}
				want = runFindings(t, abs, lint.RunOptions{Config: cfg, Paths: under(abs, paths)})
				got = runFindings(t, without, lint.RunOptions{Config: cfgWithout, Paths: under(without, paths), Overlay: map[string][]byte{f: text}})
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s given in the overlay, against the site with it on disk (-disk +overlay):\n%s", f, diff)
				}
			})
		}
	}
	if taken < 200 {
		t.Errorf("took %d files of the fixture sites, want at least 200", taken)
	}
}

// runFindings runs every rule over root with opt and returns the findings
// as lines, the root made "ROOT" in messages.
func runFindings(t *testing.T, root string, opt lint.RunOptions) []string {
	t.Helper()
	opt.Root, opt.Rules, opt.SuppressionRule, opt.OtherRules = root, rules.All(), rules.Suppression, rules.LinkRules()
	res, err := lint.Run(context.Background(), opt)
	if err != nil {
		t.Fatalf("run %s: %v", root, err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		var rel []string
		for _, r := range d.Related {
			rel = append(rel, fmt.Sprintf("%s:%d-%d %s", r.Span.File, r.Span.Start, r.Span.End, r.Message))
		}
		out = append(out, fmt.Sprintf("%s:%d-%d %s %s %s fixes=%d suggestions=%d related=%q", d.Span.File, d.Span.Start, d.Span.End, d.Severity, d.Rule.ID,
			strings.ReplaceAll(d.Message, root, "ROOT"), len(d.Fixes), len(d.Suggestions), rel))
	}
	return out
}

// runPages returns the pages a run over the whole site lints.
func runPages(t *testing.T, root string, cfg *lint.Config) []string {
	t.Helper()
	files, err := lint.Discover(root, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func under(root string, rel []string) []string {
	out := make([]string, len(rel))
	for i, r := range rel {
		out[i] = filepath.Join(root, filepath.FromSlash(r))
	}
	return out
}

// copySiteWithout copies the site at src to a new folder, symlinks as
// symlinks, leaving out the root-relative file skip.
func copySiteWithout(t *testing.T, src, skip string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if filepath.ToSlash(rel) == skip {
			return nil
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			l, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(l, to)
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o644)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
