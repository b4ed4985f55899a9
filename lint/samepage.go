package lint

import (
	"os"
	"path"
	"slices"
	"strings"
)

// SamePage is another content file that Hugo takes for the same page as a
// page of the site: the same path in its page tree.
type SamePage struct {
	// File is the other file, root-relative.
	File string
	// Race is set for a page x.md beside a section or leaf bundle folder
	// x/ (x/_index.md, x/index.md): which of the two Hugo 0.151 publishes
	// changes from build to build (it warns of a "duplicate content path"
	// with --printPathWarnings). Otherwise the two are in one folder
	// (X.md and x.md, x.en.md and x.md, _index.md and index.md) and Hugo
	// keeps one by a fixed rule, ignoring the other.
	Race bool
	// Kept is set, when Race is not, for the file Hugo keeps: the other
	// one, the page itself being ignored.
	Kept bool
}

// SamePages returns the other content files that are the same page as a
// page of the site, by path: files in its folder, and a file beside the
// folder of a section or bundle index (or the folder beside a file). It
// reads the folders involved once per run. Front matter (url, slug) is
// not considered: those move a page, they do not merge two.
func (s *Site) SamePages(p *Page) []SamePage {
	key := s.pageKey(p.Path)
	if key == "" {
		return nil
	}
	dir, base := path.Dir(p.Path), path.Base(p.Path)
	var out []SamePage

	// One folder: Hugo keeps the file with the language suffix, else the
	// first in sorted order (dropDuplicatePages).
	info := s.folderPaths(dir)
	if group := info.files[key]; len(group) > 1 {
		kept := group[0]
		for _, f := range group {
			if hasLanguageSuffix(path.Base(f)) {
				kept = f
				break
			}
		}
		for _, f := range group {
			if f != p.Path {
				out = append(out, SamePage{File: f, Kept: f == kept})
			}
		}
	}

	// A file and a folder: x.md beside x/ holding an index.
	if isBundleIndex(base) || isSectionFile(base) {
		if cr, _ := s.contentRel(p.Path); path.Dir(cr) == "." {
			// The home page has no file beside it (with the content
			// folder at the root, "." too).
			return out
		}
		for _, f := range s.folderPaths(path.Dir(dir)).files[key] {
			out = append(out, SamePage{File: f, Race: true})
		}
		return out
	}
	for _, sub := range info.dirs[key] {
		cs, _ := s.contentRel(sub)
		bf := s.leafFiles(cs)
		name := ""
		switch {
		case bf.leaf():
			name = bf.indexName()
		case bf.sectionLang:
			name = sectionFiles[0]
		case bf.section:
			name = sectionFiles[1]
		}
		if name != "" {
			out = append(out, SamePage{File: path.Join(sub, name), Race: true})
		}
	}
	return out
}

// pathsInFolder are a folder's content files and subfolders by the page
// path they give (refKey), root-relative and sorted.
type pathsInFolder struct {
	files, dirs map[string][]string
}

// folderPaths lists a root-relative folder ("." for the root) once per
// run (symlinks are neither files nor folders here, as the URL index's
// walk takes them), with the editor's unsaved files in it.
func (s *Site) folderPaths(dir string) pathsInFolder {
	return memo(&s.dirLists, dir, func(dir string) pathsInFolder {
		fp := pathsInFolder{files: map[string][]string{}, dirs: map[string][]string{}}
		var names []string
		isDir := map[string]bool{}
		if abs, err := s.Resolve(dir); err == nil {
			list, _ := os.ReadDir(abs)
			for _, e := range list {
				if e.Type().IsRegular() || e.IsDir() {
					names = append(names, e.Name())
					isDir[e.Name()] = e.IsDir()
				}
			}
		}
		for f := range s.overlay {
			if name := path.Base(f); path.Dir(f) == dir && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		for _, name := range names {
			f := path.Join(dir, name)
			if isDir[name] {
				if cs, ok := s.contentRel(f); ok {
					k := refKey(cs + "/_index.md")
					fp.dirs[k] = append(fp.dirs[k], f)
				}
			} else if k := s.pageKey(f); k != "" {
				fp.files[k] = append(fp.files[k], f)
			}
		}
		return fp
	})
}

// pageKey is refKey of a root-relative Markdown file under the content
// folder (the files careerlint indexes and lints; other content formats
// are left out, as by the URL index), or "".
func (s *Site) pageKey(f string) string {
	cr, ok := s.contentRel(f)
	if !ok || !strings.EqualFold(path.Ext(cr), ".md") {
		return ""
	}
	return refKey(cr)
}
