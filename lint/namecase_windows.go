//go:build windows

package lint

import (
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// Windows finds a file under any case of its name ("Staff.md" opens
// staff.md), and under names with trailing dots or spaces, while the site
// is built by Hugo on Linux, where such a link or include finds nothing.
// A path named in a page is taken as existing only when every element of
// it is written as the folder stores it; the paths careerlint lists
// itself (the walk, the folders' entries) are written so already.

// nameCache maps the absolute paths checked to the name their folder
// stores them under ("" when they cannot be looked up), for a run.
type nameCache struct{ m sync.Map }

// storedName returns the name under which abs's folder holds it, as
// FindFirstFile reports it: the case on disk, and the long name for an
// 8.3 short name.
func (c *nameCache) storedName(abs string) string {
	if v, ok := c.m.Load(abs); ok {
		return v.(string)
	}
	name := ""
	if !strings.ContainsAny(filepath.Base(abs), "*?") { // no wildcard: one entry or none
		if p, err := syscall.UTF16PtrFromString(abs); err == nil {
			var fd syscall.Win32finddata
			if h, err := syscall.FindFirstFile(p, &fd); err == nil {
				syscall.FindClose(h)
				name = syscall.UTF16ToString(fd.FileName[:])
			}
		}
	}
	c.m.Store(abs, name)
	return name
}

// exactCase reports whether every element of the root-relative slash
// path rel (cleaned, inside the root) is written as stored on disk.
func (c *nameCache) exactCase(root, rel string) bool {
	abs := root
	for _, elem := range strings.Split(rel, "/") {
		if elem == "" || elem == "." {
			continue
		}
		abs = filepath.Join(abs, elem)
		if c.storedName(abs) != elem {
			return false
		}
	}
	return true
}

// diskCase returns the root-relative path rel (in the system's form)
// with each element written as stored on disk, as far as the elements
// exist: a path typed on the command line in another case names the
// same file, under the name the site's links use.
func diskCase(root, rel string) string {
	var c nameCache
	parts := strings.Split(rel, string(filepath.Separator))
	abs := root
	for i, elem := range parts {
		if elem == "" || elem == "." || elem == ".." {
			continue
		}
		abs = filepath.Join(abs, elem)
		name := c.storedName(abs)
		if name == "" || !strings.EqualFold(name, elem) {
			break
		}
		parts[i] = name
		abs = filepath.Join(filepath.Dir(abs), name)
	}
	return strings.Join(parts, string(filepath.Separator))
}
