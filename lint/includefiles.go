package lint

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// IncludeFiles returns every file under the site's include roots, as an
// include shortcode names it (relative to its root: "includes/x.md" for
// assets/includes/x.md), sorted and without duplicates, the editors'
// unsaved files among them. Hidden folders are skipped, symlinked folders
// are not followed, and a symlinked file is listed only when it stays
// inside the site root. The roots are walked once per s.
func (s *Site) IncludeFiles() []string {
	return s.Memo(includeFilesKey{}, func() any { return s.listIncludeFiles() }).([]string)
}

// includeFilesKey is the key of IncludeFiles' listing among the site's
// memos.
type includeFilesKey struct{}

// listIncludeFiles walks the include roots for IncludeFiles.
func (s *Site) listIncludeFiles() []string {
	seen := map[string]bool{}
	var out []string
	for _, ir := range s.Config.IncludeRoots {
		dir := filepath.Join(s.Root, filepath.FromSlash(ir))
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != dir && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return nil
			}
			rel = filepath.ToSlash(rel)
			if s.Absent(path.Join(ir, rel)) {
				return nil
			}
			switch {
			case d.Type().IsRegular():
			case d.Type()&fs.ModeSymlink != 0:
				abs, err := s.Resolve(path.Join(ir, rel))
				if err != nil {
					return nil
				}
				if fi, err := os.Stat(abs); err != nil || !fi.Mode().IsRegular() {
					return nil
				}
			default:
				return nil
			}
			if !seen[rel] {
				seen[rel] = true
				out = append(out, rel)
			}
			return nil
		})
		for _, f := range s.OverlayFiles() {
			rel, ok := strings.CutPrefix(f, path.Clean(ir)+"/")
			if d := path.Dir(rel); !ok || d != "." && strings.Contains("/"+d, "/.") {
				continue // as the walk, which enters no folder whose name starts with "."
			}
			if !seen[rel] {
				seen[rel] = true
				out = append(out, rel)
			}
		}
	}
	slices.Sort(out)
	return out
}
