package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// checkOutputsOverSite refuses, before the run, an --output FILE that
// would replace a file the run reads: a page or include (a file under the
// content folder or an include root), the configuration file, or a file
// named to lint; and one that would create a file the next run (and Hugo)
// would read: a new Markdown file under the content folder or an include
// root, or the site root's .careerlint.yaml. A slip such as --output markdown=PAGE.md would otherwise
// turn the page into the report. Outputs that are no regular file (a
// FIFO, /dev/stdout) are appended to, never replaced, and pass.
func checkOutputsOverSite(outs []outputSpec, root string, cfg *lint.Config, paths []string, stdout io.Writer) error {
	var dirs []string
	for _, d := range append([]string{cfg.Content}, cfg.IncludeRoots...) {
		if real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(d))); err == nil {
			dirs = append(dirs, real)
		}
	}
	for _, o := range outs {
		if o.file == "" || sameAsStdout(o.file, stdout) {
			continue
		}
		fi, err := os.Stat(o.file)
		exists := err == nil
		switch {
		case exists && !fi.Mode().IsRegular():
			continue
		case !exists && !errors.Is(err, fs.ErrNotExist):
			continue // the write will say what is wrong
		}
		what := ""
		abs, err := filepath.Abs(o.file)
		if err != nil {
			continue
		}
		// A new file is placed by its folder's real path.
		real, err := filepath.EvalSymlinks(abs)
		if !exists {
			if dir, derr := filepath.EvalSymlinks(filepath.Dir(abs)); derr == nil {
				real, err = filepath.Join(dir, filepath.Base(abs)), nil
			}
		}
		if err == nil {
			for _, d := range dirs {
				if rel, err := filepath.Rel(d, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
					switch ext := strings.ToLower(filepath.Ext(real)); {
					case exists:
						what = "a file under the content folder or an include root"
					case ext == ".md" || ext == ".markdown":
						what = "a Markdown file under the content folder or an include root, which Hugo and the next run would read as a page or an include"
					}
				}
			}
			if r, rerr := filepath.EvalSymlinks(root); !exists && rerr == nil && filepath.Base(real) == lint.ConfigFileName {
				if real == filepath.Join(r, lint.ConfigFileName) {
					what = "the site's configuration file, which the next run would read"
				} else if rel, rerr := filepath.Rel(r, real); rerr == nil && filepath.IsLocal(rel) {
					what = "a configuration file inside the site, which a run below it would take for its site root"
				}
			}
		}
		if exists && cfg.File != "" && sameFile(fi, cfg.File) {
			what = "the configuration file"
		}
		for _, p := range paths {
			if exists && sameFile(fi, p) {
				what = "a file named to lint"
			}
		}
		if what != "" {
			verb := "replace"
			if !exists {
				verb = "create"
			}
			return usagef("--output %s=%s would %s %s, %s, with the report; write the report elsewhere, such as %s", o.format, o.file, verb, o.file, what, reportName(o.format))
		}
	}
	return nil
}

// sameFile reports whether the file named is the file fi describes.
func sameFile(fi os.FileInfo, name string) bool {
	other, err := os.Stat(name)
	return err == nil && os.SameFile(fi, other)
}

// reportName is a usual file name for a report in the format.
func reportName(format string) string {
	switch format {
	case "codequality":
		return "gl-code-quality-report.json"
	case "sarif":
		return "careerlint.sarif"
	case "markdown":
		return "careerlint-summary.md"
	case "text":
		return "careerlint.txt"
	}
	return "careerlint." + format
}
