package lint

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"time"
)

// runLean parses and checks the files page by page, for runs whose rules
// need only the pages' link and anchor indexes (the link check of a whole
// handbook). A page is checked as soon as it is parsed; pages it links to
// are parsed on demand through the same cache, so each file is parsed
// once. After its check a page keeps only what other pages ask of it
// (anchors, includes, URLs, suppressions) and, when it has findings, its
// source for printing them. Memory then grows with the anchors of the
// handbook, not with its text.
func runLean(ctx context.Context, opt RunOptions, files, contentMD []string, lists map[string][]dirEntry, folders []unreadableFolder, workers int, deadline time.Time, now func() time.Time) (*Result, error) {
	site := NewSite(opt.Root, opt.Config, nil)
	site.overlay, site.absent = opt.Overlay, opt.Absent
	site.setIncludesJudged(opt)
	site.moved, site.deleted = indexChanges(opt.Moves), indexChanges(opt.Deletes)
	site.headingRenames = opt.HeadingRenames
	site.fixApplies = opt.fixApplier(site)
	site.useCache(opt.URLCache)
	if opt.URLCache == nil {
		site.urlIdx.walkedBy = contentMD // the cache's index is shared: never written here
		site.walkedLists = lists
	}
	site.popts.DropAST = true
	site.workers = workers
	pageRules, siteRules, opts := splitRules(site, opt.Rules)
	if opt.AllMarkdown && len(opt.Paths) == 0 {
		// The whole content root is linted: list it once up front, so that
		// links resolve by map lookups instead of a file check each; parse
		// every page first (each keeps its links packed until its check),
		// so that the URLs their front matter adds come from the parsed
		// pages, and a check never waits on a page another check parses.
		site.urls()
		parallel(ctx, len(files), workers, func(i int) {
			if deadline.IsZero() || now().Before(deadline) {
				site.Target(files[i])
			}
		})
		site.frontMatterURLs()
		site.freezeTargets()
	}
	pages := make([]*Page, len(files))
	perPage := make([][]Diagnostic, len(files))
	parallel(ctx, len(files), workers, func(i int) {
		if !deadline.IsZero() && !now().Before(deadline) {
			pages[i] = notCheckedPage(files[i], opt.Config.TimeBudget)
			perPage[i] = checkPage(site, pages[i], pageRules, opts)
			return
		}
		p := site.Target(files[i])
		if p == nil {
			_, err := site.Resolve(files[i])
			p = NewUnparsedPage(files[i], FileProblem{Kind: ProblemUnreadable, Message: "cannot read file: " + errText(err)})
		}
		pages[i] = p
		p.unpackLinks()
		perPage[i] = checkPage(site, p, pageRules, opts)
		if v, ok := site.checked.LoadAndDelete(p); ok {
			recycleChecked(v.([]CheckedLink))
		}
		p.release()
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if fp := folderPages(opt.Root, folders); len(fp) > 0 {
		for _, p := range fp {
			perPage = append(perPage, checkPage(site, p, pageRules, opts))
		}
		pages = append(pages, fp...)
		sortPages(pages)
	}
	site.setPages(pages)
	var diags []Diagnostic
	for _, ds := range perPage {
		diags = append(diags, ds...)
	}
	diags = append(diags, checkAll(ctx, site, nil, pageRules, siteRules, opts, workers)...)
	diags = append(diags, unusedIgnores(opt, contentMD)...)
	diags = PostProcess(site, diags, opt.Rules, opt.SuppressionRule, opt.KnownRules...)
	return &Result{Site: site, Diagnostics: diags, Files: len(pages)}, ctx.Err()
}

func errText(err error) string {
	if err == nil {
		return "unknown error"
	}
	return unwrapPathError(err).Error()
}

// release drops what a checked page no longer needs in a lean run: its
// links and shortcodes. Other pages still ask for its anchors, includes
// and URLs; the pipeline for its suppressions. The buffer of its links
// serves the next page's (nothing points into it once its checks are
// dropped: findings copy what they need).
func (p *Page) release() {
	if p.Links != nil {
		links := p.Links
		clear(links)
		links = links[:0]
		linkBuffers.Put(&links)
	}
	p.Links, p.packed, p.Lists, p.Shortcodes, p.refDefs = nil, nil, nil, nil, nil
}

// setPages makes pages the linted pages of the site.
func (s *Site) setPages(pages []*Page) {
	s.Pages = pages
	for _, p := range pages {
		s.byPath[p.Path] = p
	}
}

// LinesOf returns the line index of a file of the run, for printing: the
// parsed page's, or, for a file parsed lean (its source released), the file
// read again. Printing goes file by file (with related locations in a few
// others), so the last few files read again are kept. It returns an empty
// index when the file cannot be read.
func (s *Site) LinesOf(file string) *LineIndex {
	if p := s.File(file); p != nil && p.Lines != nil {
		return p.Lines
	}
	return s.reread(file).lines
}

// Source returns the text of a file of the run: the parsed page's source,
// or, for a file parsed lean, the file read again (the last few are kept).
// It returns nil when the file cannot be read inside the root or is over
// the size limit.
func (s *Site) Source(file string) []byte {
	if p := s.File(file); p != nil && p.Src != nil {
		return p.Src
	}
	return s.reread(file).src
}

// ReadProblem returns why Source returns nil for a file, as a run that
// reads the file as a page reports it ("cannot read file: permission
// denied", "file is 2264 bytes, over the 1000-byte limit, so it was not
// read; split the file, ..."), or nil when the file can be read.
func (s *Site) ReadProblem(file string) *FileProblem {
	if _, ok := s.overlay[file]; ok {
		return nil
	}
	if p := s.File(file); p != nil && p.Src != nil {
		return nil
	}
	abs, err := s.Resolve(file)
	if err == nil {
		_, err = readRegular(abs, s.Config.MaxFileSize, nil)
	}
	if err == nil {
		return nil
	}
	pr := readProblem(abs, err, s.Config.MaxFileSize)
	return &pr
}

// rereadEntry is a file read again after a lean parse released it.
type rereadEntry struct {
	file  string
	src   []byte
	lines *LineIndex
}

// rereadKeep is how many files read again are kept.
const rereadKeep = 16

// reread returns a file's text and line index, read again once while it
// stays among the last rereadKeep files asked for.
func (s *Site) reread(file string) *rereadEntry {
	s.mu.Lock()
	for i, e := range s.rereads {
		if e.file == file {
			// Move to the front: the most recent is kept longest.
			copy(s.rereads[1:i+1], s.rereads[:i])
			s.rereads[0] = e
			s.mu.Unlock()
			return e
		}
	}
	pf := s.prefetch
	s.mu.Unlock()
	var e *rereadEntry
	if pf != nil {
		e = pf.get(file)
	}
	if e == nil {
		e = s.readAgain(file)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.rereads) < rereadKeep {
		s.rereads = append(s.rereads, nil)
	}
	copy(s.rereads[1:], s.rereads[:len(s.rereads)-1])
	s.rereads[0] = e
	return e
}

// readAgain reads a file of the run again, with its line index; its text
// is nil when it cannot be read inside the root or is over the size limit.
func (s *Site) readAgain(file string) *rereadEntry {
	// A file the run parsed was resolved inside the root when it was read;
	// any other is resolved first.
	p := s.File(file)
	parsed := p != nil && p.Parsed()
	var src []byte
	abs, err := filepath.Join(s.Root, filepath.FromSlash(file)), error(nil)
	if !parsed {
		abs, err = s.Resolve(file)
	}
	if b, ok := s.overlay[file]; ok {
		src = b
	} else if err == nil {
		src, _ = readRegular(abs, s.Config.MaxFileSize, nil)
	}
	return &rereadEntry{file: file, src: src, lines: NewLineIndex(src)}
}

// noLimit is the end offset that takes every remaining heading or link of
// a page, whether or not its source is still held.
const noLimit = math.MaxInt

// leanLink is a Link stored compactly: a lean parse keeps its page's links
// in this form until the page is checked, a third of the memory of Link.
type leanLink struct {
	dest                           string
	start, end, destStart, destEnd int32
	kind                           uint8 // a LinkKind: 40 bytes a link, not 48
	flags                          uint8
}

// The flags of a leanLink.
const (
	leanDynamic uint8 = 1 << iota
	leanExact
	leanRef
	leanRelref
)

// packLinks moves the page's links into the compact form.
func (p *Page) packLinks() {
	if len(p.Links) == 0 || int64(len(p.Src)) > math.MaxInt32 {
		return
	}
	p.packed = make([]leanLink, len(p.Links))
	for i, l := range p.Links {
		ll := leanLink{dest: l.Dest, start: int32(l.Span.Start), end: int32(l.Span.End), destStart: int32(l.DestStart), destEnd: int32(l.DestEnd), kind: uint8(l.Kind)}
		if l.Dynamic {
			ll.flags |= leanDynamic
		}
		if l.Exact {
			ll.flags |= leanExact
		}
		switch l.Shortcode {
		case "ref":
			ll.flags |= leanRef
		case "relref":
			ll.flags |= leanRelref
		}
		p.packed[i] = ll
	}
	p.Links = nil
}

// unpackLinks restores the page's links from the compact form, for its
// check. Only the goroutine checking the page calls it.
func (p *Page) unpackLinks() {
	if p.packed == nil {
		return
	}
	buf := linkBuffers.Get().(*[]Link)
	p.Links = slices.Grow((*buf)[:0], len(p.packed))[:len(p.packed)]
	for i, ll := range p.packed {
		l := Link{Kind: LinkKind(ll.kind), Dest: ll.dest, Span: p.Span(int(ll.start), int(ll.end)), DestStart: int(ll.destStart), DestEnd: int(ll.destEnd), Dynamic: ll.flags&leanDynamic != 0, Exact: ll.flags&leanExact != 0}
		switch {
		case ll.flags&leanRef != 0:
			l.Shortcode = "ref"
		case ll.flags&leanRelref != 0:
			l.Shortcode = "relref"
		}
		p.Links[i] = l
	}
	p.packed = nil
}
