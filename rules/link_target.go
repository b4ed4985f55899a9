package rules

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"gitlab.com/careerlint/careerlint/lint"
	"golang.org/x/text/unicode/norm"
)

// LinkTarget reports links to pages of the site that do not exist.
var LinkTarget = &lint.Rule{
	Meta: lint.Meta{
		ID:       "CL012",
		Name:     "link-target",
		Summary:  "site links and ref shortcodes point at pages that exist",
		Default:  lint.Error,
		Suggests: true,
	},
	CheckPage: checkLinkTarget,
}

func checkLinkTarget(pass *lint.PagePass) {
	s := pass.Site
	for _, cl := range s.CheckedLinks(pass.Page) {
		pl, l, c := cl.PageLink, cl.Link, cl.Check
		if !c.Checked || c.Found {
			continue
		}
		d := c.Dest
		var msg string
		var suggestions []lint.Fix
		var unpub *lint.UnpublishedError
		var nourl *lint.NoURLError
		switch {
		case errors.Is(c.Err, lint.ErrAmbiguousRef):
			msg = fmt.Sprintf("%s is ambiguous, so Hugo fails the build: %s; write the path from the content root", shownDest(l), strings.TrimPrefix(c.Err.Error(), lint.ErrAmbiguousRef.Error()+": "))
		case errors.Is(c.Err, lint.ErrRefURL):
			msg = fmt.Sprintf("%s is no valid URL path (%s), so Hugo fails the build; percent-encode or remove the character", shownDest(l), strings.TrimPrefix(c.Err.Error(), lint.ErrRefURL.Error()+": "))
		case errors.As(c.Err, &nourl):
			msg = fmt.Sprintf("%s names %s, which Hugo gives no URL (%s), so Hugo writes an empty link, without a warning; link a published page", shownDest(l), nourl.File, nourl.Why)
		case errors.As(c.Err, &unpub):
			msg = fmt.Sprintf("%s names %s, which Hugo does not publish (%s), so Hugo fails the build; publish it or name a published page", shownDest(l), unpub.File, unpub.Why)
		case errors.Is(c.Err, lint.ErrEmptyRef):
			msg = fmt.Sprintf("%s names no page, so Hugo writes an empty link, without a warning; name a page, or a #fragment of this one", shownDest(l))
		case errors.Is(c.Err, lint.ErrRefNotWritten):
			msg = fmt.Sprintf("%s names %s, whose build option render is \"link\": Hugo links to its URL but writes no page there; link a page that is published", shownDest(l), c.Target)
		case d.Kind == lint.DestRef:
			msg = fmt.Sprintf("%s matches no page, so Hugo fails the build", shownDest(l))
			if mv, now, ok := s.MovedRef(pass.Page, d.Path); ok && now != "" {
				// The change being linted moved the page: say where.
				msg += fmt.Sprintf("; this change moves its page, %s, to %s: write %q", mv.From, mv.To, now)
				suggestions = destSuggestion(pass, pl, d, 0, lint.URLPathEnd(l.Dest), now, `write "%s"`)
			} else if del, ok := s.DeletedRef(pass.Page, d.Path); ok {
				// The change deleted the page: the closest other name is
				// not what the ref meant.
				msg += fmt.Sprintf("; this change deletes its page, %s: remove the link, or name another page", del.From)
			} else if sug := s.SuggestRef(d.Path); sug != "" {
				msg += fmt.Sprintf("; did you mean %q", sug)
				suggestions = destSuggestion(pass, pl, d, 0, lint.URLPathEnd(l.Dest), sug, `write "%s"`)
			}
		case d.Kind == lint.DestFile:
			msg = fmt.Sprintf("file %s is not in %s or the content root", d.Path, strings.Join(pass.Config.Links.StaticRoots, ", "))
			if ext := path.Ext(d.Path); strings.EqualFold(ext, ".md") {
				// A link to a Markdown source, written as on a code forge:
				// the reader wants the page that file makes.
				sug := sourcePage(pass, pl, d)
				msg += didYouMean(d, sug)
				suggestions = pathSuggestion(pass, pl, d, sug)
			}
		default:
			msg, suggestions = missedPage(pass, pl, d)
		}
		linkFinding(pass, pl, lint.Diagnostic{Message: msg, Suggestions: suggestions})
	}
}

// missedPage is the message and suggestions of a link to a site path that
// serves no page: the content file behind the path and why Hugo does not
// publish it, or the move of the change being linted, or the closest URL.
func missedPage(pass *lint.PagePass, pl lint.PageLink, d lint.Dest) (string, []lint.Fix) {
	s, l := pass.Site, pl.Link
	var msg string
	// Worked out once for each path: an include with the link, pasted
	// thousands of times, asks again and again, and some answers look
	// at the disk.
	mf := s.Memo(missedFileKey{d.Path}, func() any { return missedFileAt(s, d.Path) }).(missedFile)
	file, which, notPage := mf.file, mf.which, mf.notPage
	target := "link target " + shownPath(d.Path)
	if d.SiteURL != "" {
		target += " (written as an absolute URL)"
	}
	switch {
	case d.Relative && file != "":
		msg = fmt.Sprintf("relative link %s resolves to %s (%s), %s", shownRelative(l), shownResolved(d.Path), file, which)
	case d.Relative:
		msg = fmt.Sprintf("relative link %s resolves to %s, which matches no page", shownRelative(l), shownResolved(d.Path))
	case file != "":
		msg = fmt.Sprintf("%s is %s, %s", target, file, which)
	default:
		msg = target + " matches no page"
	}
	if notPage {
		// The closest other URL is not what the link meant.
		return msg, nil
	}
	if mv, to, why := movedTo(s, d.Path); file == "" && (to != "" || why != "") {
		// The change being linted moved the page: say where.
		if why != "" {
			return msg + fmt.Sprintf("; this change moves its page, %s, to %s, which Hugo does not publish (%s): publish it, or link a published page", mv.From, mv.To, why), nil
		}
		if t := s.Target(mv.To); mv.From == mv.To && t != nil && !s.FrontMatterURL(t) {
			// The change removed the url or slug that served the page
			// at the linked URL.
			msg += fmt.Sprintf("; this change serves its page, %s, at the URL of its path, %s (its front matter no longer sets a url or slug): link that, or add %s to its aliases", mv.From, to, mv.FromURL)
		} else if mv.From == mv.To {
			msg += fmt.Sprintf("; this change serves its page, %s, at %s (its front matter's url or slug): link that, or add %s to its aliases", mv.From, to, mv.FromURL)
		} else {
			msg += fmt.Sprintf("; this change moves its page, %s, to %s, served at %s: link that, or add %s to its aliases", mv.From, mv.To, to, mv.FromURL)
		}
		sug := pathSuggestion(pass, pl, d, to)
		if id, h, ok := renamedOnMoved(s, mv.To, d); ok && len(sug) == 1 {
			// The change renames the linked heading too: one suggestion
			// mends both, where the URL alone would leave a broken anchor.
			msg += fmt.Sprintf(", and it renames the heading of #%s to %q, whose anchor is #%s", d.Fragment, h.Written(), id)
			if i := strings.IndexByte(pl.Link.Dest, '#'); i >= 0 {
				if frag := destSuggestion(pass, pl, d, i+1, len(pl.Link.Dest), id, "write #%s"); len(frag) == 1 {
					sug[0].Title += "#" + id
					sug[0].Edits = append(sug[0].Edits, frag[0].Edits...)
				}
			}
		}
		return msg, sug
	}
	if del, ok := s.DeletedFrom(d.Path); ok && file == "" {
		// The change being linted deleted the page: the closest other
		// URL is not what the link meant.
		return msg + fmt.Sprintf("; this change deletes its page, %s: remove the link, or link another page", del.From), nil
	}
	if d.HasFragment && !d.Relative && file == "" {
		// "/handbook/c#5/" for the page of c#5.md: the "#" of its name
		// starts the link's fragment.
		if whole := d.Path + "#" + d.Fragment; s.ResolveURL(whole).File != "" {
			return msg + fmt.Sprintf("; the page is %s: a \"#\" in a link starts its fragment, so write the one of the page's name as %%23", strings.ReplaceAll(whole, "#", "%23")), nil
		}
	}
	sug := s.SuggestURL(d.Path)
	if d.HasFragment && sug != "" && !offersAnchor(s, s.ResolveURL(sug).File, d.Fragment) {
		// The closest URL is found by its path alone: a page without the
		// link's anchor is likely another page of the same name. Said,
		// not offered as an edit, which would leave a broken anchor.
		return msg + didYouMean(d, sug) + fmt.Sprintf(", though it has no #%s", d.Fragment), nil
	}
	if sug != "" && !d.HasFragment && pl.File == pass.Page {
		// The closest URL is the page's own (a level page linking the
		// level below at its old URL, its own name copied in), or an
		// alias of it, which redirects here: said, not offered as an
		// edit, which would make the link point back here.
		if sug == s.PageURL(pass.Page) {
			return msg + didYouMean(d, sug) + ", though that is this page itself", nil
		}
		if t := s.ResolveURL(sug); t.File == pass.Page.Path {
			return msg + didYouMean(d, sug) + ", though that is an alias of this page itself", nil
		}
	}
	if sug == "" && file == "" {
		if d.Relative {
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(l.Dest, " \t")); !unicode.IsSpace(r) {
				// (A link made relative by a no-break space before its
				// path is misspelt, not moved: its message shows the
				// space.)
				msg += noCloseURL
			}
		} else {
			msg += whyNoPage(s, d.Path)
		}
	}
	return msg + didYouMean(d, sug), pathSuggestion(pass, pl, d, sug)
}

// whyNoPage is what the message of a link to a site path that matches no
// page, with no closer URL to offer, adds: that the folder the path names
// is there but has no index page, or that no page at all is under a
// folder above it, which a partial checkout of the site shows too; else
// that no URL is close, with what to do.
func whyNoPage(s *lint.Site, sitePath string) string {
	if dir := s.IndexlessFolderAt(sitePath); dir != "" {
		return fmt.Sprintf(": its folder, %s/, has no _index.md, so Hugo makes no page there; link a page in it, or add the _index.md", dir)
	}
	// A folder above the page: a section with no page at all. (With no
	// page under the linked URL alone, the link may just be misspelt.)
	if empty := s.EmptyFolderURL(sitePath); empty != "" && len(strings.TrimSuffix(empty, "/")) < len(strings.TrimRight(sitePath, "/")) {
		return fmt.Sprintf(", and no page of this site is under %s: link a page that exists, or, if this checkout holds only part of the site, list %q in links.external-prefixes", empty, empty)
	}
	return noCloseURL
}

// noCloseURL is what the message of a link to a site path that matches no
// page adds when nothing closer is known: the page was likely moved or
// removed.
const noCloseURL = ", and no page's URL is close to it: link the page where it is now, or remove the link"

// missedFile is what is behind a site path that serves no page, for
// missedPage: the content file (or the section or alias), and which says
// why it has no page; notPage when the file is not one (a symlink, a
// folder, a special file or a bundle's resource): the link is right, the
// page is not.
type missedFile struct {
	file, which string
	notPage     bool
}

// missedFileKey is the key of missedFileAt's answer for a site path among
// the site's memos.
type missedFileKey struct{ path string }

// missedFileAt works out missedFile for a site path that serves no page;
// SymlinkAt, FolderAt and SpecialFileAt look at the disk.
func missedFileAt(s *lint.Site, sitePath string) missedFile {
	file, which, notPage := "", "", false
	if f, why := s.UnpublishedAt(sitePath); f != "" {
		file, which = f, fmt.Sprintf("which Hugo does not publish (%s); publish it or link a published page", why)
	} else if dir, why := s.UnpublishedSectionAt(sitePath); dir != "" {
		file, which = "the section Hugo makes for "+dir+" (it has no _index.md)", fmt.Sprintf("which Hugo does not publish (%s); publish it or link a published page", why)
	} else if f := s.LinkOnlyAliasAt(sitePath); f != "" {
		file, which = "an alias of "+f, "whose build option render is \"link\": Hugo redirects it to a URL where it writes nothing; link a page that is published"
	} else if f, link := s.SymlinkAt(sitePath); f != "" {
		file, which, notPage = f, "a symlink, for which Hugo publishes no page ("+lint.SymlinksSkipped+"); replace the symlink with a copy of the file", true
		if link != f {
			which = "in " + link + ", a symlink, for which Hugo publishes no page (" + lint.SymlinksSkipped + "); replace the symlink with a copy of the folder"
		}
	} else if f := s.FolderAt(sitePath); f != "" {
		file, which, notPage = f, "a folder, not a page: Hugo publishes no page for it; "+lint.FolderNotPage, true
	} else if f, what := s.SpecialFileAt(sitePath); f != "" {
		file, which, notPage = f, what+", "+lint.SpecialNotPage, true
	} else if f, markdown := s.OtherFormatAt(sitePath); f != "" {
		// Hugo likely publishes it: the closest other URL is not what the
		// link meant.
		file, which, notPage = f, "a page careerlint does not read (it reads .md files only), so it cannot check the link; suppress this finding where the link is right", true
		if markdown {
			which = fmt.Sprintf("a page careerlint does not read (it reads .md files only), so it cannot check the link; rename it to %s, which Hugo renders the same, or suppress this finding where the link is right", path.Base(strings.TrimSuffix(f, path.Ext(f)))+".md")
		}
	} else if f, bundle := s.BundleResourceAt(sitePath); f != "" {
		// The link names the file: the page of another folder with the
		// same name (another track's senior.md) is not what it meant.
		file, which, notPage = f, fmt.Sprintf("which Hugo makes a resource of the leaf bundle %s, with no page of its own; link the bundle's page or move the file out of the bundle", bundle), true
	}
	return missedFile{file, which, notPage}
}

// didYouMean is the message's suggestion of the page URL sug for a link
// that missed, "" when there is none: for a relative link, written
// relative to the folder it resolved against, with the URL beside it.
func didYouMean(d lint.Dest, sug string) string {
	how := accentNote(d.Path, sug)
	switch {
	case sug == "":
		return ""
	case d.Relative:
		return fmt.Sprintf("; did you mean %s (%s)%s", lint.RelativeURL(d.Base, sug), sug, how)
	}
	return "; did you mean " + sug + how
}

// accentNote is what a did-you-mean sug adds when it differs from what
// the link wrote, written, only in how its accented letters are encoded
// (é as one character, or e and a combining accent): the two print
// alike, and the message would read as naming the link itself.
func accentNote(written, sug string) string {
	if sug == written || norm.NFC.String(sug) != norm.NFC.String(written) {
		return ""
	}
	return ", which differs only in how its accented letters are encoded (one character each, or a letter and a combining accent); retype them"
}

// pathSuggestion is the suggestion that writes the path of a link's
// destination as the page URL sug: relative to the page for a relative
// link, after the site URL for an absolute one, keeping the query and
// fragment.
func pathSuggestion(pass *lint.PagePass, pl lint.PageLink, d lint.Dest, sug string) []lint.Fix {
	if sug == "" {
		return nil
	}
	text := sug
	if d.Relative {
		text = lint.RelativeURL(d.Base, sug)
	}
	return destSuggestion(pass, pl, d, d.SitePathStart, lint.URLPathEnd(pl.Link.Dest), text, "write %s")
}

// sourcePage returns the URL of the page that a link to a Markdown file
// that is not served means, "" when there is none: the content file the
// link names as a code forge reads it, when it is published (relative to
// the file the link is written in, or from the site root, as
// /content/handbook/x.md, or from the content root); else the page the
// path would be, or the closest existing URL. An _index.md or index.md
// makes the page of its folder.
func sourcePage(pass *lint.PagePass, pl lint.PageLink, d lint.Dest) string {
	s := pass.Site
	content := path.Clean(pass.Config.Content)
	written := pl.Link.Dest[:lint.URLPathEnd(pl.Link.Dest)]
	var files []string
	switch {
	case d.Relative:
		files = append(files, path.Join(path.Dir(pl.File.Path), written))
	case d.SiteURL == "":
		files = append(files, path.Clean(strings.TrimPrefix(written, "/")), path.Join(content, written))
	default:
		files = append(files, path.Join(content, d.Path))
	}
	page, inContent := d.Path, false // the site path of the first file in the content root
	for _, f := range files {
		rel, ok := strings.CutPrefix(f, content+"/")
		if content == "." {
			rel, ok = f, !strings.HasPrefix(f, "../")
		}
		if !ok {
			continue
		}
		if !inContent {
			page, inContent = "/"+rel, true
		}
		if !s.HasFile(f) {
			continue
		}
		if u, served := pageURLOf(s, f); served {
			return u
		}
	}
	page = strings.TrimSuffix(page, path.Ext(page))
	if b := strings.ToLower(path.Base(page)); b == "_index" || b == "index" {
		page = path.Dir(page)
	}
	page = strings.TrimSuffix(page, "/") + "/"
	if s.ResolveURL(page).File != "" {
		return page
	}
	return s.SuggestURL(page)
}

// renamedOnMoved returns, for a link with a fragment to a page the change
// moves to file, the heading's new anchor when the change renames the
// heading the fragment named (lint.Site.RenamedAnchor), with the heading.
func renamedOnMoved(s *lint.Site, file string, d lint.Dest) (string, *lint.Heading, bool) {
	if !d.HasFragment || d.Fragment == "" {
		return "", nil, false
	}
	return s.RenamedAnchor(file, d.Fragment)
}

// movedTo returns the move of the change being linted (--changed-since)
// whose page was at the site path before, and the URL it is served at
// now; or, when Hugo does not publish it at its new place, why (as
// "draft: true"); both "" when there is no such move or the page is not
// served for another reason.
func movedTo(s *lint.Site, sitePath string) (mv lint.Move, url, why string) {
	mv, ok := s.MovedFrom(sitePath)
	if !ok {
		return mv, "", ""
	}
	u, served := pageURLOf(s, mv.To)
	if served {
		return mv, u, ""
	}
	if f, why := s.UnpublishedAt(u); u != "" && f == mv.To {
		return mv, "", why
	}
	return mv, "", ""
}

// pageURLOf returns the URL of content file f's page and whether Hugo
// serves f there (it does not when f is unpublished, or another file
// serves the URL); "" when f is no page.
func pageURLOf(s *lint.Site, f string) (url string, served bool) {
	t := s.Target(f)
	if t == nil {
		return "", false
	}
	u := s.PageURL(t)
	return u, s.ResolveURL(u).File == f
}
