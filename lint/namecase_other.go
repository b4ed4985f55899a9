//go:build !windows

package lint

// nameCache checks the case of names on Windows (namecase_windows.go);
// elsewhere a file is found under its one name only.
type nameCache struct{}

func (*nameCache) exactCase(root, rel string) bool { return true }

func diskCase(root, rel string) string { return rel }
