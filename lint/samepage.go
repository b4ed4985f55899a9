package lint

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
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
// folder of a section or bundle index (or the folder beside a file), also
// in a folder whose name differs only in case or spaces (Senior/ and
// senior/ are one section to Hugo). It reads the folders involved, and
// those above them, once per run. Front matter (url, slug) is not
// considered: those move a page, they do not merge two. A file inside a
// leaf bundle is one of its resources, not a page, and has none.
func (s *Site) SamePages(p *Page) []SamePage {
	key := s.pageKey(p.Path)
	if key == "" {
		return nil
	}
	out := s.samePages(p.Path, key)
	if len(out) == 0 {
		return nil // most pages: the bundle check below is not needed
	}
	cr, _ := s.contentRel(p.Path)
	if b := s.leafBundleOf(cr); b != "" && !(path.Dir(cr) == b && isSectionFile(path.Base(cr))) {
		return nil
	}
	return out
}

// samePages is SamePages of a page whose key is known, before the check
// that it is no resource of a leaf bundle.
func (s *Site) samePages(file, key string) []SamePage {
	dir, base := path.Dir(file), path.Base(file)
	cr, _ := s.contentRel(file)
	var out []SamePage

	// One folder: Hugo keeps the file with the language suffix, else the
	// first in sorted order (dropDuplicatePages). Only the file it keeps
	// can be in a race.
	group := s.folderPaths(dir).files[key]
	kept := keptOf(group)
	for _, f := range group {
		if f != file {
			out = append(out, SamePage{File: f, Kept: f == kept})
		}
	}
	if kept != "" && kept != file {
		return out
	}

	// Folders that are one to Hugo: the file Hugo keeps in each is in a
	// race with this one.
	for _, twin := range s.sameFolders(dir) {
		if twin != dir {
			f := keptOf(s.folderPaths(twin).files[key])
			if fc, _ := s.contentRel(f); f != "" && (isSectionFile(base) || isBundleIndex(base) || s.leafBundleOf(fc) == "") {
				out = append(out, SamePage{File: f, Race: true}) // not a resource of a bundle
			}
		}
	}

	// A file and a folder: x.md beside x/ holding an index.
	if isBundleIndex(base) || isSectionFile(base) {
		if path.Dir(cr) == "." {
			// The home page has no file beside it (with the content
			// folder at the root, "." too).
			return out
		}
		for _, up := range s.sameFolders(path.Dir(dir)) {
			if f := keptOf(s.folderPaths(up).files[key]); f != "" {
				out = append(out, SamePage{File: f, Race: true})
			}
		}
		return out
	}
	for _, twin := range s.sameFolders(dir) {
		for _, sub := range s.folderPaths(twin).dirs[key] {
			cs, _ := s.contentRel(sub)
			if name := s.leafFiles(cs).kept; name != "" {
				out = append(out, SamePage{File: path.Join(sub, name), Race: true})
			}
		}
	}
	return out
}

// keptOf returns the file Hugo keeps of sorted files in one folder that
// are one page: the first with the language suffix, else the first; ""
// for none.
func keptOf(group []string) string {
	for _, f := range group {
		if hasLanguageSuffix(path.Base(f)) {
			return f
		}
	}
	if len(group) == 0 {
		return ""
	}
	return group[0]
}

// sameFolders returns the root-relative folders, under the content
// folder, that have the same path as a folder in Hugo's page tree (the
// folder itself, and Senior/ beside senior/ or tech lead/ beside
// tech-lead/, at any level), sorted within each level.
func (s *Site) sameFolders(dir string) []string {
	return memo(&s.twinDirs, dir, s.findSameFolders)
}

func (s *Site) findSameFolders(dir string) []string {
	content := path.Clean(s.Config.Content)
	if dir == content {
		return []string{dir}
	}
	cs, ok := s.contentRel(dir)
	if !ok {
		return []string{dir}
	}
	k := refKey(cs + "/_index.md") // as folderPaths keys folders
	var out []string
	for _, up := range s.sameFolders(path.Dir(dir)) {
		out = append(out, s.folderPaths(up).dirs[k]...)
	}
	if !slices.Contains(out, dir) {
		out = append(out, dir) // a folder of the editor's unsaved files only
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
		for _, e := range s.folderEntries(dir) {
			f := path.Join(dir, e.name)
			switch {
			case e.kind == entryDir:
				if cs, ok := s.contentRel(f); ok {
					k := refKey(cs + "/_index.md")
					fp.dirs[k] = append(fp.dirs[k], f)
				}
			case e.kind == entryFile:
				if k := s.pageKey(f); k != "" {
					fp.files[k] = append(fp.files[k], f)
				}
			}
		}
		return fp
	})
}

// entryKind is what a name in a folder is.
type entryKind uint8

const (
	entryFile  entryKind = iota // a regular file, or an editor's unsaved one
	entryDir                    // a folder
	entryOther                  // a symlink, or anything else
)

// dirEntry is a name in a folder.
type dirEntry struct {
	name string
	kind entryKind
}

// folderEntries lists a root-relative folder ("." for the root) once per
// run, sorted by name, with the editor's unsaved files in it: one listing
// serves folderPaths and leafFiles. A folder the run's walk of the content
// folder read is not read again (the links of a run over the career pages
// look into a few hundred folders: reading them again was 6% of its time).
func (s *Site) folderEntries(dir string) []dirEntry {
	return memo(&s.dirEntries, dir, func(dir string) []dirEntry {
		list, walked := s.walkedLists[dir]
		if !walked {
			if abs, err := s.Resolve(dir); err == nil {
				listed, _ := readDirUnsorted(abs)
				list = dirEntries(listed)
			}
		}
		out := make([]dirEntry, 0, len(list))
		for _, e := range list {
			if !s.absent[path.Join(dir, e.name)] {
				out = append(out, e)
			}
		}
		if names := s.overlayIn(dir); len(names) > 0 {
			listed := make(map[string]bool, len(out))
			for _, e := range out {
				listed[e.name] = true
			}
			for _, name := range names {
				if !listed[name] {
					out = append(out, dirEntry{name, entryFile})
				}
			}
		}
		slices.SortFunc(out, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) })
		return out
	})
}

// FolderFiles returns the names of the regular files in a root-relative
// folder ("." for the root) as the run sees it, sorted: those on disk, less
// the run's absent files (RunOptions.Absent), with its overlay's files (an
// editor's unsaved file; a file a change deletes, when --only-new lints the
// change's base). A symlink is not listed. The folder is read once per run.
func (s *Site) FolderFiles(dir string) []string {
	var out []string
	for _, e := range s.folderEntries(path.Clean(dir)) {
		if e.kind == entryFile {
			out = append(out, e.name)
		}
	}
	return out
}

// NotAPage says what a root-relative path is when the folder holding it
// lists it but not as a regular file (see FolderFiles): "a folder", "a
// symlink", or what SpecialFileKind says ("a named pipe (FIFO)"); ""
// when the folder lists no such name or lists it as a file. It reads the
// folder listing the run keeps, and looks at the disk only for such a
// name.
func (s *Site) NotAPage(file string) string {
	dir, name := path.Split(file)
	dir = path.Clean(dir)
	for _, e := range s.folderEntries(dir) {
		if e.name != name {
			continue
		}
		switch e.kind {
		case entryFile:
			return ""
		case entryDir:
			return "a folder"
		}
		abs := filepath.Join(s.Root, filepath.FromSlash(file))
		fi, err := os.Lstat(abs)
		switch {
		case err != nil:
			return ""
		case fi.Mode()&fs.ModeSymlink != 0:
			return "a symlink"
		}
		return SpecialFileKind(fi.Mode())
	}
	return ""
}

// Absent reports whether the run takes a root-relative file on disk as not
// there (RunOptions.Absent).
func (s *Site) Absent(rel string) bool { return s.absent[rel] }

// OverlayFiles returns the root-relative files the run reads from its
// overlay rather than from disk (RunOptions.Overlay), sorted.
func (s *Site) OverlayFiles() []string { return sortedKeys(s.overlay) }

// overlayIn returns the names of the overlay's files in a root-relative
// folder, the overlay indexed by folder once per run (the later rounds of
// --fix hold every file fixed, and every folder of the content tree is
// listed).
func (s *Site) overlayIn(dir string) []string {
	s.overlayDirsOnce.Do(func() {
		s.overlayDirs = map[string][]string{}
		for f := range s.overlay {
			d := path.Dir(f)
			s.overlayDirs[d] = append(s.overlayDirs[d], path.Base(f))
		}
	})
	return s.overlayDirs[dir]
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
