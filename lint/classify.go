package lint

import (
	"path"
	"strings"
)

// FileKind is what a Markdown file is to the site, by its root-relative
// path: the command line (files named, standard input) and the language
// server (open documents) check a file by its kind.
type FileKind int

const (
	// OutsidePage is a file outside the content folder and the include
	// roots (a README beside the site): no page of the site.
	OutsidePage FileKind = iota
	// CareerPage is a page the configuration's pages globs select: every
	// rule checks it.
	CareerPage
	// ContentPage is another page of the content folder: the link rules
	// check it.
	ContentPage
	// IncludeFile is a file under an include root: checked through the
	// pages that include it.
	IncludeFile
)

// Classify returns the kind of a Markdown file by its root-relative path.
// The pages globs come first, then the content folder (a page there is a
// page even when an include root covers the folder too), then the include
// roots.
func (c *Config) Classify(rel string) FileKind {
	content := path.Clean(c.Content)
	switch {
	case matchPages(c.Pages, rel):
		return CareerPage
	case content == "." || strings.HasPrefix(rel, content+"/"):
		return ContentPage
	}
	for _, ir := range c.IncludeRoots {
		if strings.HasPrefix(rel, path.Clean(ir)+"/") {
			return IncludeFile
		}
	}
	return OutsidePage
}
