package lint

import (
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// markdownWalk lists a folder's Markdown files, reading its folders on
// GOMAXPROCS goroutines: a handbook has a few hundred folders and thousands
// of files, and listing them one folder at a time leaves a core idle. Like
// filepath.WalkDir it follows no symlink (a start folder that is a symlink
// lists nothing) and skips unreadable folders below the start.
type markdownWalk struct {
	root    string
	keep    pageSelector          // the Markdown files to lint
	ignored func(rel string) bool // .gitignore
	workers int
	index   bool // enter left-out folders for the URL index's list

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []walkJob
	active  int // folders being read
	pages   []string
	md      []string
	rootErr error
	// unreadableOut collects the folders that could not be read.
	unreadableOut *[]unreadableFolder
	// lists, when not nil, collects each folder's entries by its
	// root-relative path (see Site.folderEntries).
	lists map[string][]dirEntry
}

// unreadableFolder is a folder a walk could not read: its root-relative
// slash path and why, or a symlink to a folder, which the walk does not
// enter, or a folder with a page's name (err is then nil).
type unreadableFolder struct {
	rel     string
	err     error
	symlink bool
	// page is set for a folder whose name the walk would list as a page
	// (senior.md): no page is read for it (see folderNamedPage).
	page bool
}

type walkJob struct {
	abs, rel string
	// left is set under node_modules and ignored folders: their files are
	// in the URL index but not among the pages to lint.
	left bool
	// globs is where the page globs stand in this folder (see
	// pageSelector); nothing in or below it is linted unless they reach
	// below it.
	globs []globState
}

// LeftOutFolder reports whether the walks for pages leave out a folder by
// its name: one starting with "." (.git, .github) and node_modules. (The
// URL index's walk enters node_modules, as Hugo builds it; walkMarkdown
// makes that difference.)
func LeftOutFolder(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules"
}

// walkMarkdown returns the Markdown files under dir that keep selects,
// outside node_modules and ignored folders, as root-relative slash paths in
// no particular order. With index set (dir is the content folder) it also
// returns every regular Markdown file under dir, node_modules and ignored
// folders included, as the URL index lists them (Hugo builds them); without
// it those folders are not entered. Folders and files whose name starts
// with "." are left out of both lists.
//
// A folder below dir that cannot be read, outside the left-out ones, is
// added to unreadable when it is not nil. When lists is not nil, every
// folder read is added to it with its entries, by root-relative path.
//
// A dir that is a symlink lists nothing, but the content folder's own
// (content, its root-relative path): Hugo reads the content folder
// through a symlink, and the walk names its files from the link
// ("content/..."), when the link leads to a folder inside the root.
func walkMarkdown(root, dir, content string, keep pageSelector, ignored func(string) bool, index bool, unreadable *[]unreadableFolder, lists map[string][]dirEntry) (pages, md []string, err error) {
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, nil, err
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return nil, nil, err
	}
	abs := dir
	if fi.Mode()&fs.ModeSymlink != 0 && content != "" && filepath.ToSlash(rel) == path.Clean(content) {
		if real, ok := symlinkedContentFolder(root, dir); ok {
			abs = real
			fi, err = os.Stat(real)
			if err != nil {
				return nil, nil, err
			}
		}
	}
	if !fi.IsDir() {
		return nil, nil, nil
	}
	w := &markdownWalk{root: root, keep: keep, ignored: ignored, workers: runtime.GOMAXPROCS(0), index: index, unreadableOut: unreadable, lists: lists}
	w.cond = sync.NewCond(&w.mu)
	w.queue = []walkJob{{abs: abs, rel: filepath.ToSlash(rel), globs: keep.start(filepath.ToSlash(rel))}}
	var wg sync.WaitGroup
	for i := 0; i < w.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.work(abs)
		}()
	}
	wg.Wait()
	return w.pages, w.md, w.rootErr
}

// ContentTarget returns, for a content folder that is a symlink to a
// folder inside the site root (which Hugo reads through the link), that
// folder, root-relative with '/' ("site-content"); "" otherwise. git and
// an editor name the pages by it: ContentName names them from the link.
func ContentTarget(root string, cfg *Config) string {
	content := path.Clean(filepath.ToSlash(cfg.Content))
	if content == "." {
		return ""
	}
	link := filepath.Join(root, filepath.FromSlash(content))
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return ""
	}
	real, ok := symlinkedContentFolder(root, link)
	if !ok {
		return ""
	}
	rr, err := filepath.EvalSymlinks(root)
	if err != nil {
		return ""
	}
	rel, ok := relInside(rr, real)
	if !ok {
		return ""
	}
	return filepath.ToSlash(rel)
}

// ContentName returns a root-relative path under the folder a symlinked
// content folder leads to (target, see ContentTarget) as named through
// the link ("site-content/x.md" as "content/x.md"), and any other path as
// it is.
func ContentName(cfg *Config, target, rel string) string {
	if target == "" {
		return rel
	}
	if rest, ok := strings.CutPrefix(rel, target+"/"); ok {
		return path.Clean(filepath.ToSlash(cfg.Content)) + "/" + rest
	}
	if rel == target {
		return path.Clean(filepath.ToSlash(cfg.Content))
	}
	return rel
}

// ContentWalkDir returns the folder a walk of the content folder (abs, the
// folder as named from the root) reads: the folder a symlinked content
// folder leads to inside the root, or abs itself.
func ContentWalkDir(root, abs string) string {
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, ok := symlinkedContentFolder(root, abs); ok {
			return real
		}
	}
	return abs
}

// symlinkedContentFolder returns the folder that dir, the content folder
// and a symlink, leads to, when that is a folder inside the root.
func symlinkedContentFolder(root, dir string) (string, bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", false
	}
	rr, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", false
	}
	if _, ok := relInside(rr, real); !ok || real == rr {
		return "", false
	}
	return real, isDir(real)
}

func (w *markdownWalk) work(start string) {
	var pages, md []string
	var lists map[string][]dirEntry
	for {
		w.mu.Lock()
		for len(w.queue) == 0 && w.active > 0 {
			w.cond.Wait()
		}
		if len(w.queue) == 0 {
			w.pages = append(w.pages, pages...)
			w.md = append(w.md, md...)
			maps.Copy(w.lists, lists)
			w.mu.Unlock()
			w.cond.Broadcast()
			return
		}
		j := w.queue[len(w.queue)-1]
		w.queue = w.queue[:len(w.queue)-1]
		w.active++
		w.mu.Unlock()

		entries, err := readDirUnsorted(j.abs)
		if err == nil && w.lists != nil {
			if lists == nil {
				lists = map[string][]dirEntry{}
			}
			lists[j.rel] = dirEntries(entries)
		}
		var sub []walkJob
		linted := !j.left && w.keep.reaches(j.globs)
		if err != nil && j.abs == start {
			w.mu.Lock()
			w.rootErr = err
			w.mu.Unlock()
		} else if err != nil && !j.left && w.unreadableOut != nil {
			w.mu.Lock()
			*w.unreadableOut = append(*w.unreadableOut, unreadableFolder{rel: j.rel, err: err})
			w.mu.Unlock()
		}
		for _, e := range entries {
			name := e.Name()
			rel := childPath(j.rel, name)
			if e.IsDir() {
				if strings.HasPrefix(name, ".") {
					continue
				}
				left := j.left || name == "node_modules" || w.ignored(rel+"/")
				if left && !w.index {
					continue
				}
				var globs []globState
				if linted && !left && !w.keep.all {
					globs = w.keep.enter(j.globs, name)
				}
				if linted && !left && w.unreadableOut != nil && strings.HasSuffix(strings.ToLower(name), ".md") && w.keep.keeps(j.globs, name) {
					// A folder named as a page: the page it stands
					// for is not there (its files, if any, are pages
					// of their own).
					w.mu.Lock()
					*w.unreadableOut = append(*w.unreadableOut, unreadableFolder{rel: rel, page: true})
					w.mu.Unlock()
				}
				sub = append(sub, walkJob{abs: filepath.Join(j.abs, name), rel: rel, left: left, globs: globs})
				continue
			}
			if !strings.HasSuffix(strings.ToLower(name), ".md") || strings.HasPrefix(name, ".") {
				// Hugo skips files whose name starts with "." too. A
				// symlink to a folder is not entered: said, as its pages
				// are not read (a Markdown file's symlink is a page that
				// says so itself).
				if linted && e.Type()&fs.ModeSymlink != 0 && !strings.HasPrefix(name, ".") && name != "node_modules" && w.unreadableOut != nil && !w.ignored(rel+"/") {
					if fi, err := os.Stat(filepath.Join(j.abs, name)); err == nil && fi.IsDir() {
						w.mu.Lock()
						*w.unreadableOut = append(*w.unreadableOut, unreadableFolder{rel: rel, symlink: true})
						w.mu.Unlock()
					}
				}
				continue
			}
			if w.index && e.Type().IsRegular() {
				md = append(md, rel)
			}
			if linted && w.keep.keeps(j.globs, name) {
				pages = append(pages, rel)
			}
		}

		w.mu.Lock()
		w.queue = append(w.queue, sub...)
		w.active--
		w.mu.Unlock()
		w.cond.Broadcast()
	}
}

// dirEntries returns a folder's entries as Site.folderEntries keeps them,
// in the order listed.
func dirEntries(list []dirent) []dirEntry {
	out := make([]dirEntry, len(list))
	for i, e := range list {
		kind := entryOther
		switch {
		case e.Type().IsRegular():
			kind = entryFile
		case e.IsDir():
			kind = entryDir
		}
		out[i] = dirEntry{e.Name(), kind}
	}
	return out
}

// childPath is path.Join(dir, name) for a clean slash path dir and a name
// read from that folder (one element, never "." or ".."): the walk makes
// one for each of the content folder's files, and path.Join's cleaning
// was a second allocation and a tenth of the listing's time.
func childPath(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// dirent is a folder entry as readDirUnsorted lists it: its name and the
// type bits of its mode (those of a symlink, not of what it leads to).
type dirent struct {
	name string
	typ  fs.FileMode
}

func (e dirent) Name() string      { return e.name }
func (e dirent) IsDir() bool       { return e.typ.IsDir() }
func (e dirent) Type() fs.FileMode { return e.typ }
