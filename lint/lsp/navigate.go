package lsp

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// contains reports whether a byte offset is inside a span; an empty span
// contains its own offset.
func contains(start, end, off int) bool {
	return start <= off && (off < end || start == end && off == start)
}

// hover explains what is under the cursor: each finding there (its rule's
// summary and documentation link), a handbook link (the target page's
// title and whether its anchor exists) and an include (the file it
// includes).
func (s *server) hover(ctx context.Context, snap snapshot, readers []snapshot, pos Position) *Hover {
	a := s.analyze(ctx, snap)
	if a.res == nil || a.page == nil {
		return nil
	}
	t := newLineTable(snap.text)
	off := t.offset(pos)
	var parts []string
	var rng *Range
	setRange := func(start, end int) {
		if rng == nil {
			r := t.rangeOf(start, end)
			rng = &r
		}
	}
	analyses := a.withIncluders()
	for _, r := range readers {
		if ra := s.analyze(ctx, r); ra.res != nil {
			analyses = append(analyses, ra)
		}
	}
	seen := map[*lint.Rule]bool{}
	for _, an := range analyses {
		for _, d := range an.res.Diagnostics {
			if d.Span.File != snap.doc.rel || !contains(d.Span.Start, d.Span.End, off) || d.Rule == nil || seen[d.Rule] {
				continue
			}
			seen[d.Rule] = true
			parts = append(parts, ruleHover(d.Rule, snap.cfg))
			setRange(d.Span.Start, d.Span.End)
		}
	}
	s.mu.Lock()
	sfs := s.siteFindings(snap.doc, snap.version)
	s.mu.Unlock()
	for _, sf := range sfs {
		if !contains(sf.start, sf.end, off) || sf.rule == nil || seen[sf.rule] {
			continue
		}
		seen[sf.rule] = true
		parts = append(parts, ruleHover(sf.rule, snap.cfg))
		setRange(sf.start, sf.end)
	}
	site := a.res.Site
	if cl, la, ok := linkAt(a, off); ok {
		if text := describeLink(la.res.Site, newFiles(la), cl); text != "" {
			parts = append(parts, text)
			setRange(cl.Link.Span.Start, cl.Link.Span.End)
		}
	}
	for _, inc := range a.page.Includes {
		if !contains(inc.Span.Start, inc.Span.End, off) {
			continue
		}
		it := site.ResolveInclude(inc.Target)
		switch {
		case it.Err == nil:
			parts = append(parts, "Includes "+mdCode(it.Path))
		case errors.Is(it.Err, fs.ErrNotExist) && strings.TrimSpace(strings.TrimPrefix(inc.Target, "/")) != "":
			parts = append(parts, "Include target "+mdCode(inc.Target)+" not found"+includeHint(a, inc))
		default:
			parts = append(parts, includeProblem(a, inc))
		}
		setRange(inc.Span.Start, inc.Span.End)
	}
	if len(parts) == 0 {
		return nil
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: rng}
}

// includeHint is what the hover of an include whose target does not
// exist adds from include-target's finding on it: the file it suggests.
func includeHint(a *analysis, inc lint.Include) string {
	for _, d := range a.res.Diagnostics {
		if d.Rule != nil && d.Rule.Name == "include-target" && d.Span.File == a.page.Path && d.Span.Start == inc.ArgStart && len(d.Suggestions) > 0 {
			return "; suggested: " + mdText(d.Suggestions[0].Title)
		}
	}
	return ""
}

// includeProblem is the hover of an include whose target is empty, or
// exists but is not read (a folder, a path with "..", a symlink leading
// out of the site root): why, as include-target's finding on it says.
func includeProblem(a *analysis, inc lint.Include) string {
	for _, d := range a.res.Diagnostics {
		if d.Rule != nil && d.Rule.Name == "include-target" && d.Span.File == a.page.Path && d.Span.Start == inc.ArgStart {
			if rest, ok := strings.CutPrefix(d.Message, "include target "); ok {
				return mdText("Include target " + rest)
			}
		}
	}
	return "Include target " + mdCode(inc.Target) + " is not read"
}

// ruleHover is the hover text of a finding: its rule's name, ID, summary
// and documentation link.
func ruleHover(r *lint.Rule, cfg *lint.Config) string {
	return fmt.Sprintf("**%s** (%s): %s\n\n[Rule documentation](%s)", r.Name, r.ID, r.Summary, cfg.DocsLink(r))
}

// describeLink is the hover text of a link: for a link to a page of the
// site, the page's title and file and whether the anchor exists; "" for
// links careerlint does not resolve.
func describeLink(site *lint.Site, f *files, cl lint.CheckedLink) string {
	c := cl.Check
	switch c.Dest.Kind {
	case lint.DestFile:
		if c.Checked && c.Found {
			return "File " + mdCode(c.Dest.Path) + " exists"
		}
		status := "No file " + mdCode(c.Dest.Path) + " in the site"
		if !c.Checked {
			status = "File " + mdCode(c.Dest.Path) + " not checked: the site has no static folder (`links.static-roots`)"
		}
		src := markdownSource(site, cl)
		switch {
		case src != "":
			var b strings.Builder
			if title := pageTitle(f, src); title != "" {
				fmt.Fprintf(&b, "**%s**\n\n", mdText(title))
			}
			fmt.Fprintf(&b, "%s, the Markdown source the link names (as a code forge reads it)\n\n%s", mdCode(src), status)
			return b.String()
		case !c.Checked:
			return ""
		}
		return status
	case lint.DestPage, lint.DestRef, lint.DestFragment:
	default:
		return ""
	}
	if !c.Found {
		shown := cl.Link.Dest
		if cl.Link.Shortcode != "" {
			shown = fmt.Sprintf("%s %q", cl.Link.Shortcode, c.Dest.Path)
		}
		switch {
		case errors.Is(c.Err, lint.ErrAmbiguousRef):
			return fmt.Sprintf("Link target %s is ambiguous: %s", mdCode(shown), mdText(c.Err.Error()))
		case c.Err != nil:
			return fmt.Sprintf("Link target %s: %s", mdCode(shown), mdText(c.Err.Error()))
		}
		msg := "No page of the site serves " + mdCode(shown)
		if c.Dest.Relative && c.Dest.Path != "" {
			msg += " (it resolves to " + mdCode(c.Dest.Path) + ")"
		}
		if c.Dest.Kind == lint.DestPage {
			if sug := site.SuggestURL(c.Dest.Path); sug != "" {
				msg += "; did you mean " + mdCode(sug) + "?"
			}
		}
		return msg
	}
	if !site.HasFile(c.Target) {
		// The home page or a top-level section, which Hugo makes
		// without an _index.md.
		return "The page Hugo makes for " + mdCode(path.Dir(c.Target)+"/") + " (it has no `_index.md`); anchors on it are not checked"
	}
	var b strings.Builder
	if title := pageTitle(f, c.Target); title != "" {
		fmt.Fprintf(&b, "**%s**\n\n", mdText(title))
	}
	b.WriteString(mdCode(c.Target))
	if !c.Dest.HasFragment || c.Dest.Fragment == "" {
		return b.String()
	}
	frag := c.Dest.Fragment
	ids, _, ok := site.TargetAnchors(c.Target)
	switch {
	case !ok:
		fmt.Fprintf(&b, "\n\nAnchor %s not checked: the page could not be read", mdCode("#"+frag))
	case !ids[frag] && strings.EqualFold(frag, "top"):
		// As link-anchor: a browser scrolls to the top for it.
		fmt.Fprintf(&b, "\n\nAnchor %s: a browser scrolls to the top of the page for it", mdCode("#"+frag))
	case !ids[frag] && strings.Contains(frag, "hahahugoshortcode") && site.MatchesHeadingPattern(site.Target(c.Target), frag):
		// As link-anchor, which does not report it; duplicate-anchor
		// reports the heading.
		fmt.Fprintf(&b, "\n\nAnchor %s: the ID Hugo gives a heading holding a `{{< >}}` shortcode, made from the shortcode's placeholder, which changes when shortcodes are added above it", mdCode("#"+frag))
	case !ids[frag] && site.MatchesHeadingPattern(site.Target(c.Target), frag):
		// As link-anchor, which does not report it.
		fmt.Fprintf(&b, "\n\nAnchor %s not checked: a heading whose text a `{{%% %%}}` shortcode writes may have it (its ID depends on the shortcode's output)", mdCode("#"+frag))
	case !ids[frag]:
		// "this page" for a fragment alone; the page the hover names for
		// a link to another.
		on := "that page"
		if c.Dest.Kind == lint.DestFragment {
			on = "this page"
		}
		fmt.Fprintf(&b, "\n\nNo anchor %s on %s", mdCode("#"+frag), on)
		if at, omitted := site.OmittedHTMLAnchor(c.Target, frag); omitted {
			// As link-anchor says it.
			where := fmt.Sprintf("line %d", f.table(at.File).position(at.Start).Line+1)
			if at.File != c.Target {
				where = fmt.Sprintf("%s line %d, included", mdCode(at.File), f.table(at.File).position(at.Start).Line+1)
			}
			fmt.Fprintf(&b, ": it is written in raw HTML (%s), which the site's Hugo configuration leaves out (`markup.goldmark.renderer.unsafe` is not true)", where)
		} else if h, why := site.PlaceholderHeading(c.Target, frag); h != nil {
			// As link-anchor says it: the ID of the heading's text as
			// written.
			b.WriteString(": " + mdText(why))
		} else if a, ok := site.ExplicitIDOf(c.Target, frag); ok {
			// As link-anchor: the heading's own ID, not its text's.
			fmt.Fprintf(&b, "; did you mean %s? The heading “%s” sets its own ID, and Hugo gives it no other", mdCode("#"+a.ID), mdText(a.Heading.Written()))
		} else if sug := site.SuggestTargetAnchor(c.Target, frag); sug != "" {
			fmt.Fprintf(&b, "; did you mean %s?", mdCode("#"+sug))
		}
	default:
		if an, found := findAnchor(site, c.Target, frag); found {
			line := f.table(an.File).position(anchorStart(an)).Line + 1
			where := fmt.Sprintf("line %d", line)
			if an.File != c.Target {
				where = fmt.Sprintf("%s line %d (included)", mdCode(an.File), line)
			}
			if an.Heading != nil {
				fmt.Fprintf(&b, "\n\nAnchor %s exists: heading “%s”, %s", mdCode("#"+frag), mdText(an.Heading.Text), where)
			} else {
				fmt.Fprintf(&b, "\n\nAnchor %s exists: HTML anchor, %s", mdCode("#"+frag), where)
			}
		} else {
			fmt.Fprintf(&b, "\n\nAnchor %s exists: the layout adds it to every page", mdCode("#"+frag))
		}
	}
	return b.String()
}

// mdCode writes what a page wrote (a link target, a path) as one Markdown
// code span, bounded as a finding's message is (lint.ShortenMessage): its
// fence is a backtick more than its longest run of backticks, and a space
// pads it when it starts or ends with one, so that no backtick of the text
// ends the span and lets what follows render as Markdown (a link).
func mdCode(s string) string {
	return lint.CodeSpan(lint.ShortenMessage(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)))
}

// mdText writes what a page wrote (a title, a heading) as Markdown text,
// on one line and bounded: its Markdown punctuation is escaped, so that it
// makes no link, image, emphasis or HTML in the hover.
func mdText(s string) string {
	s = lint.ShortenMessage(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[](){}<>#!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pageTitle returns the title in a page's front matter, or "".
func pageTitle(f *files, rel string) string {
	fm := lint.ParseFrontMatter(f.table(rel).src)
	if fm == nil || fm.Root == nil {
		return ""
	}
	title, _ := fm.Root.Get("title").String()
	return strings.TrimSpace(title)
}

// findAnchor returns the first anchor of a page with an ID.
func findAnchor(site *lint.Site, file, id string) (lint.Anchor, bool) {
	p := site.Target(file)
	if p == nil {
		return lint.Anchor{}, false
	}
	for _, a := range site.Anchors(p) {
		if a.ID == id {
			return a, true
		}
	}
	return lint.Anchor{}, false
}

func anchorStart(a lint.Anchor) int {
	if a.Heading != nil {
		return a.Heading.Span.Start
	}
	return a.HTML.Span.Start
}

// definition returns where a link, a footnote reference or an include
// under the cursor leads: the target file, at the heading of the link's
// anchor when it has one; the footnote's note.
func (s *server) definition(ctx context.Context, snap snapshot, pos Position) []Location {
	a := s.analyze(ctx, snap)
	if a.res == nil || a.page == nil {
		return nil
	}
	off := newLineTable(snap.text).offset(pos)
	if cl, la, ok := linkAt(a, off); ok {
		site, f := la.res.Site, newFiles(la)
		c := cl.Check
		switch {
		case c.Dest.Kind == lint.DestFile && c.Found:
			if file := staticFile(site, c.Dest.Path); file != "" {
				return []Location{f.fileStart(file)}
			}
		case c.Dest.Kind == lint.DestFile:
			if src := markdownSource(site, cl); src != "" {
				return []Location{f.fileStart(src)}
			}
		case c.Found && c.Target != "" && site.HasFile(c.Target):
			if c.Dest.HasFragment && c.Dest.Fragment != "" {
				if an, ok := findAnchor(site, c.Target, c.Dest.Fragment); ok {
					start := anchorStart(an)
					t := f.table(an.File)
					end := t.lineEnd(t.position(start).Line)
					return []Location{{URI: f.uri(an.File), Range: t.rangeOf(start, end)}}
				}
			}
			return []Location{f.fileStart(c.Target)}
		}
		return nil
	}
	if loc, ok := footnoteAt(a, off); ok {
		return []Location{loc}
	}
	site, f := a.res.Site, newFiles(a)
	for _, inc := range a.page.Includes {
		if contains(inc.Span.Start, inc.Span.End, off) {
			if it := site.ResolveInclude(inc.Target); it.Err == nil {
				return []Location{f.fileStart(it.Path)}
			}
			return nil
		}
	}
	return nil
}

func (f *files) fileStart(rel string) Location {
	return Location{URI: f.uri(rel), Range: Range{}}
}

// staticFile returns the root-relative file a site path of a file link
// names, in the static roots or the content root, or "".
func staticFile(site *lint.Site, sitePath string) string {
	rel := strings.TrimPrefix(path.Clean("/"+sitePath), "/")
	roots := append(append([]string{}, site.Config.Links.StaticRoots...), site.Config.Content)
	for _, r := range roots {
		cand := path.Join(r, rel)
		if abs, err := site.Resolve(cand); err == nil {
			if fi, err := os.Stat(abs); err == nil && fi.Mode().IsRegular() {
				return cand
			}
		}
	}
	return ""
}

// footnoteAt returns the line of the footnote whose reference is written
// in the document at byte offset off, as the page that renders it numbers
// its notes (the note may be in a file the page includes, or, for an
// include file, on the page that pastes it): the note goldmark links the
// reference to. ok is false when no rendered reference is there.
func footnoteAt(a *analysis, off int) (Location, bool) {
	rel := a.page.Path
	analyses := []*analysis{a}
	if a.includers != nil {
		analyses = []*analysis{a.includers, a}
	}
	for _, an := range analyses {
		pages := an.res.Site.Pages
		if an == a {
			pages = []*lint.Page{a.page}
		}
		for _, p := range pages {
			anchors := an.res.Site.Anchors(p)
			for _, ref := range anchors {
				h := ref.HTML
				if h == nil || h.Footnote == "" || h.Note || ref.File != rel || !contains(h.Span.Start, h.Span.End, off) {
					continue
				}
				_, n, _ := strings.Cut(ref.ID, ":")
				for _, note := range anchors {
					if note.HTML != nil && note.HTML.Note && note.ID == "fn:"+n {
						f := newFiles(an)
						t := f.table(note.File)
						return Location{URI: f.uri(note.File), Range: t.rangeOf(note.HTML.Span.Start, note.HTML.Span.End)}, true
					}
				}
			}
		}
	}
	return Location{}, false
}

// markdownSource returns the content file that a link to a Markdown
// file names as a code forge reads it, as link-target's did-you-mean
// reads it: relative to the file the link is written in, or from the
// site root (/content/handbook/x.md) or the content root; "" when the
// link names no such file of the site.
func markdownSource(site *lint.Site, cl lint.CheckedLink) string {
	d := cl.Check.Dest
	if d.Kind != lint.DestFile || !strings.EqualFold(path.Ext(d.Path), ".md") {
		return ""
	}
	content := path.Clean(site.Config.Content)
	written := cl.Link.Dest[:lint.URLPathEnd(cl.Link.Dest)]
	var files []string
	switch {
	case d.Relative:
		files = append(files, path.Join(path.Dir(cl.Link.Span.File), written))
	case d.SiteURL == "":
		files = append(files, path.Clean(strings.TrimPrefix(written, "/")), path.Join(content, written))
	default:
		files = append(files, path.Join(content, d.Path))
	}
	for _, file := range files {
		inContent := strings.HasPrefix(file, content+"/") || content == "." && file != ".." && !strings.HasPrefix(file, "../")
		if inContent && site.HasFile(file) {
			return file
		}
	}
	return ""
}

// linkAt returns the link written in the document at byte offset off, as
// the analysis that renders it resolves it: for an include file the lint
// of a page that includes it, else the document's own lint. Read alone,
// an include file is a page at its own path, against which a relative
// link or a fragment resolves to nothing the site renders
// ("../intern/" to /assets/includes/intern/); and it may hide its links:
// one written between "---" rules, as the handbook's navigation includes
// are, is all front matter.
func linkAt(a *analysis, off int) (lint.CheckedLink, *analysis, bool) {
	rel := a.page.Path
	analyses := a.withIncluders()
	if a.includers != nil {
		analyses = []*analysis{a.includers, a}
	}
	include := classify(a.snap.doc, a.snap.cfg) == kindOther
	for _, an := range analyses {
		pages := an.res.Site.Pages
		if an == a {
			pages = []*lint.Page{a.page}
		}
		for _, p := range pages {
			for _, cl := range an.res.Site.CheckedLinks(p) {
				if cl.Link.Span.File != rel || !contains(cl.Link.Span.Start, cl.Link.Span.End, off) {
					continue
				}
				if an == a && include && (cl.Check.Dest.Relative || cl.Check.Dest.Kind == lint.DestFragment) {
					// Resolved against the include file's own path, where
					// no page renders it: nothing to say.
					return lint.CheckedLink{}, nil, false
				}
				return cl, an, true
			}
		}
	}
	return lint.CheckedLink{}, nil, false
}
