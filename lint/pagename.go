package lint

import (
	"path"
	"strings"
)

// PageName returns, for a root-relative Markdown file, the name Hugo
// gives its page and the folder holding the page beside the other pages
// of its section: "senior" in dir for dir/senior.md, dir/senior.en.md (the
// default language's suffix, in any case) and the leaf bundle's
// dir/senior/index.md and dir/senior/index.en.md (index in any case). The
// name keeps the case it is written in. ok is false for a file that is not
// Markdown (.md, in any case) and for a section's own page (_index.md),
// which names its folder.
func PageName(file string) (dir, name string, ok bool) {
	dir, base := path.Dir(file), path.Base(file)
	if len(base) < 3 || !strings.EqualFold(base[len(base)-3:], ".md") {
		return "", "", false
	}
	if isSectionFile(base) {
		return "", "", false
	}
	if isBundleIndex(base) {
		if dir == "." || dir == "/" {
			return "", "", false
		}
		return path.Dir(dir), path.Base(dir), true
	}
	return dir, trimLanguage(base[:len(base)-3]), true
}

// FolderDirs returns the names of the folders in a root-relative folder,
// sorted, from the listing the run keeps (as FolderFiles does for its
// files); symlinks to folders are not among them.
func (s *Site) FolderDirs(dir string) []string {
	var out []string
	for _, e := range s.folderEntries(path.Clean(dir)) {
		if e.kind == entryDir {
			out = append(out, e.name)
		}
	}
	return out
}

// BundleIndex returns the name of the index file that Hugo keeps of a
// root-relative folder under the content folder that is a leaf bundle
// ("index.md", "index.en.md", in the case it is written in), "" when the
// folder is no leaf bundle (it has no index file, or its _index.md is its
// page). The folder is read once per run.
func (s *Site) BundleIndex(dir string) string {
	cr, ok := s.contentRel(path.Clean(dir))
	if !ok {
		return ""
	}
	if bf := s.leafFiles(cr); bf.leaf() {
		return bf.kept
	}
	return ""
}
