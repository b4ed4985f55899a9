package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// uriToPath returns the absolute file path of a file URI
// ("file:///home/me/x%20y.md" gives "/home/me/x y.md"; on Windows
// "file:///c%3A/x.md" gives "c:\x.md").
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("invalid document URI %q: %v", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("document URI %q is not a file URI", uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		// "/c:/x" -> "c:/x"
		if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
			p = p[1:]
		}
		if u.Host != "" { // a UNC path: file://server/share/x
			p = "//" + u.Host + p
		}
	}
	if p == "" {
		return "", fmt.Errorf("document URI %q has no path", uri)
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

// pathToURI returns the file URI of an absolute file path, percent-encoding
// what a URI path cannot hold.
func pathToURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
