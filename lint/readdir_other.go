//go:build !linux

package lint

import "os"

// readDirUnsorted is os.ReadDir without the sort: the walk's callers sort
// what it finds, and sorting every folder's entries was work for nothing.
func readDirUnsorted(dir string) ([]dirent, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	list, err := f.ReadDir(-1)
	out := make([]dirent, len(list))
	for i, e := range list {
		out[i] = dirent{e.Name(), e.Type()}
	}
	return out, err
}
