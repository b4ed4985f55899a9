package lint

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ProblemSymlink: a Markdown file of the content folder that is a
// symlink, or that lies in a symlinked folder below the content folder.
// Hugo (0.123 and later) publishes no page for one, so it is not read: it
// is no level of a ladder and serves no URL.
const ProblemSymlink FileProblemKind = "symlink"

// SymlinksSkipped says, in a message, why Hugo publishes no page for a
// symlink of the content folder.
const SymlinksSkipped = "it skips symlinks in the content folder since Hugo 0.123"

// symlinkedPage, for a site (or a resolver) at the root, returns the page, not read, of a root-relative file of the
// content folder that is a symlink or lies in a symlinked folder below
// the content folder, or nil for any other file. real and err are what
// Site.Resolve gave for the file: a file whose real path is its own path
// passes through no symlink and costs nothing more.
func (s *Site) symlinkedPage(cfg *Config, rel, real string, err error) *Page {
	root := s.Root
	own := filepath.Join(root, filepath.FromSlash(rel))
	if err == nil && (real == own || real == filepath.Join(s.realRoot(), filepath.FromSlash(rel))) {
		return nil
	}
	content := path.Clean(cfg.Content)
	if content == "." || content == "" {
		content = ""
	} else if !strings.HasPrefix(rel, content+"/") {
		return nil
	}
	link := topSymlink(root, content, rel)
	if link == "" {
		return nil
	}
	linkAbs := filepath.Join(root, filepath.FromSlash(link))
	what, copyOf := "page is a symlink", "a copy of the file"
	if link != rel {
		what, copyOf = "page is in "+link+", a symlink", "a copy of the folder"
	}
	msg := what + " to a file outside the site root, for which Hugo publishes no page (" + SymlinksSkipped + "), so it was not read; replace the symlink with " + copyOf
	lr, lerr := filepath.EvalSymlinks(linkAbs)
	if lerr == nil && (err == nil || link != rel) {
		// The file resolved, or the symlink is a folder above it: named
		// by where it leads (the file in such a folder need not be
		// there, as for a new page given on standard input).
		if t, ok := relInside(s.realRoot(), lr); ok {
			msg = what + " to " + filepath.ToSlash(t) + ", for which Hugo publishes no page (" + SymlinksSkipped + "), so it was not read; replace the symlink with " + copyOf
		} else if link != rel {
			msg = what + " to a folder outside the site root, for which Hugo publishes no page (" + SymlinksSkipped + "), so it was not read; replace the symlink with " + copyOf
		}
		if fi, serr := os.Stat(linkAbs); link == rel && serr == nil && fi.IsDir() {
			// A symlink with a page's name that leads to a folder: a copy
			// of the folder would be a folder with a page's name.
			to := "a folder outside the site root"
			if t, ok := relInside(s.realRoot(), lr); ok {
				to = filepath.ToSlash(t) + ", a folder"
			}
			msg = pageSymlinkToFolder(to)
		}
	} else if _, serr := os.Stat(linkAbs); err != nil && serr != nil {
		// It leads nowhere, or loops.
		to := "a file"
		if t, rerr := os.Readlink(linkAbs); rerr == nil {
			to = strconv.Quote(filepath.ToSlash(t))
		}
		msg = what + " to " + to + ", which cannot be read (" + errText(serr) + "), and Hugo publishes no page for a symlink (" + SymlinksSkipped + "); remove it, or replace it with a file"
	}
	return NewUnparsedPage(rel, FileProblem{Kind: ProblemSymlink, Message: msg})
}

// symlinkedFolderPage returns the page, not read, of a root-relative
// folder of the content folder that is a symlink to a folder: Hugo
// publishes no page in it, and the walk does not enter it, so that
// file-format says why its pages are missing, as it does for a page
// named in it.
func symlinkedFolderPage(root, rel string) *Page {
	to, fix := "a folder outside the site root", "replace the symlink with a copy of the folder"
	link := filepath.Join(root, filepath.FromSlash(rel))
	if lr, err := filepath.EvalSymlinks(link); err == nil {
		if r, err := filepath.EvalSymlinks(root); err == nil {
			if t, ok := relInside(r, lr); ok {
				to = filepath.ToSlash(t)
			}
		}
		if dir, err := filepath.EvalSymlinks(filepath.Dir(link)); err == nil {
			if _, ok := relInside(lr, dir); ok {
				// A copy would hold itself, without end.
				to, fix = to+", a folder holding it", "remove the symlink"
			}
		}
	}
	msg := "folder is a symlink to " + to + ", for which Hugo publishes no page (" + SymlinksSkipped + "), so the pages in it were not read; " + fix
	if fix != "remove the symlink" && strings.HasSuffix(strings.ToLower(rel), ".md") {
		// Named as a page: said as a page symlinked, which a walk of its
		// folder reports (symlinkedPage).
		if to != "a folder outside the site root" {
			to += ", a folder"
		}
		msg = pageSymlinkToFolder(to)
	}
	return NewUnparsedPage(rel, FileProblem{Kind: ProblemSymlink, Message: msg})
}

// pageSymlinkToFolder is the message on a symlink of the content folder
// with a page's name (senior.md) that leads to a folder, described by to
// ("shared/u, a folder", "a folder outside the site root"): replacing it
// with a copy of the folder would make a folder with a page's name, no
// page either.
func pageSymlinkToFolder(to string) string {
	return "page is a symlink to " + to + ", for which Hugo publishes no page (" + SymlinksSkipped + "), so no page was read from it; replace the symlink with the page's Markdown file"
}

// SymlinkedContent reports whether a root-relative file of the content
// folder is a symlink, or lies in a symlinked folder below the content
// folder: Hugo publishes no page for it, and a run reads none from the
// file (file-format reports it). Text given for it in RunOptions.Overlay
// is read all the same: a caller whose text stands for a file only as the
// file would be read (an editor's) leaves such a file out of it. It asks
// the disk once for each folder of the way.
func SymlinkedContent(root string, cfg *Config, rel string) bool {
	content := path.Clean(cfg.Content)
	if content == "." {
		content = ""
	} else if !strings.HasPrefix(rel, content+"/") {
		return false
	}
	return topSymlink(root, content, rel) != ""
}

// topSymlink returns the topmost symlink on the way from the content
// folder (root-relative, "" for the site root) to the root-relative file
// rel: rel itself or a folder above it, below the content folder (the
// content folder itself may be one), or "" when there is none. It asks the
// disk once for each folder of the way.
func topSymlink(root, content, rel string) string {
	link := ""
	for p := rel; len(p) > len(content) && p != "." && p != "/"; p = path.Dir(p) {
		if fi, lerr := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			link = p
		}
	}
	return link
}

// symlinkedContent reports whether a root-relative file that exists (see
// HasFile) is a symlink of the content folder, or lies in a symlinked
// folder below it: no page, though a run that has not listed the content
// folder finds it on disk. A file the walk found, or whose real path is
// its own, costs no more than Resolve.
func (s *Site) symlinkedContent(f string) bool {
	if _, ok := s.overlay[f]; ok {
		return false
	}
	if p := s.byPath[f]; p != nil {
		return p.HasProblem(ProblemSymlink)
	}
	real, err := s.Resolve(f)
	if err != nil || real == filepath.Join(s.Root, filepath.FromSlash(f)) || real == filepath.Join(s.realRoot(), filepath.FromSlash(f)) {
		return false
	}
	content := path.Clean(s.Config.Content)
	if content == "." {
		content = ""
	} else if !strings.HasPrefix(f, content+"/") {
		return false
	}
	return topSymlink(s.Root, content, f) != ""
}
