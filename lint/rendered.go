package lint

// A RenderedPart is a stretch of one file's text as Hugo renders it on a
// page: the page's own text between its include shortcodes, or an
// included file's text between the include shortcodes it holds. A page's
// parts (Site.RenderedParts), in order, are the page as Hugo reads it
// with every include pasted in place, which is what the anchors, the
// rendered links and the section outline of a page are read from.
type RenderedPart struct {
	// File is the page itself or a file it includes.
	File *Page
	// Start and End bound the stretch in File: a link of File belongs to
	// the part when its span starts in [Start, End), and so does a heading,
	// in the order of File.Headings (a footnote's heading, which goldmark
	// renders at the end, comes in the file's last part).
	Start, End int
	// Context is where File's text is pasted: IncludeBlock for the page
	// itself, and for a nested include the context it has in the text
	// Hugo reads (see Site.RenderedParts).
	Context IncludeContext
	// MarkdownFrom is the offset in File before which its text is not
	// read as Markdown where it is pasted (the first line after text or
	// an HTML block's end marker, the raw part inside an HTML block):
	// no heading starts there, and only links written in HTML render
	// when Context is IncludeInHTML or IncludeAfterHTML.
	MarkdownFrom int
	// Via is the include shortcode of the page that pulls File in, the
	// first one for nested includes; zero for the page's own text.
	Via Span
	// Last is set on the part that ends File's text at this inclusion.
	Last bool
	// LazyEnd is where File's text stops going on with a paragraph it is
	// pasted into (after text on the shortcode's line, or on a line that
	// goes on with a paragraph, Include.InParagraph), at its first blank
	// line or line that starts a block; 0 when it is not pasted so. The
	// text before holds no link reference definition (which cannot
	// interrupt a paragraph).
	LazyEnd int
	// hs, he and ls, le are the part's ranges of File.Headings and
	// File.Links: the items from where the previous part of the file
	// stopped that start before End, in the order of those slices (the
	// order goldmark renders them: a footnote's heading comes last).
	hs, he, ls, le int
}

// Headings returns the part's headings, Markdown or not (see
// MarkdownFrom), in the order they are rendered.
func (rp RenderedPart) Headings() []Heading { return rp.File.Headings[rp.hs:rp.he] }

// Links returns the part's links, rendered or not (see Renders), in
// source order.
func (rp RenderedPart) Links() []Link {
	if rp.ls == rp.le {
		return nil // parts made without links do not read the file's
	}
	return rp.File.Links[rp.ls:rp.le]
}

// IsMarkdown reports whether Hugo reads the text at offset off of the
// part's file as Markdown where the part is pasted.
func (rp RenderedPart) IsMarkdown(off int) bool { return off >= rp.MarkdownFrom }

// IsMarkdownIn reports whether Hugo reads the text at offset off of the
// part's file as Markdown where the part is pasted, in any context: a
// part pasted into raw HTML is Markdown from MarkdownFrom on.
func (rp RenderedPart) IsMarkdownIn(off int) bool {
	return rp.Context != IncludeInHTML && rp.Context != IncludeAfterHTML || rp.IsMarkdown(off)
}

// Renders reports whether the link l of the part is rendered as a link:
// a Markdown link written where Hugo reads raw HTML is not.
func (rp RenderedPart) Renders(l *Link) bool {
	return l.Kind == HTMLLink || rp.IsMarkdownIn(l.Span.Start)
}

// RenderedParts returns the page as Hugo reads it, with the files it
// includes pasted in place, transitively: the stretches of each file
// between its include shortcodes, in reading order. An include that
// resolves to no file adds nothing, and include cycles are cut; a page
// past MaxIncludeExpansion is its own text only.
//
// An include in a code block, code span or comment is never read as
// Markdown (IncludeLiteral) and adds nothing: no heading, anchor or link.
// A nested include inherits the context of the stretch of its file that
// holds it when that stretch is not read as Markdown: an include on the
// first line of a file that continues a line of text continues that same
// line, and one in the raw HTML part of a file pasted in an HTML block is
// in that HTML block too.
func (s *Site) RenderedParts(p *Page) []RenderedPart { return s.renderedParts(p, true) }

// renderedParts is RenderedParts; without links, the parts hold none
// (RenderedPart.Links is empty) and the files' links are not read: a lean
// run's anchors of a link target are worked out while the target's own
// check may be unpacking or dropping its links (Page.release).
func (s *Site) renderedParts(p *Page, withLinks bool) []RenderedPart {
	if len(p.Includes) == 0 || !s.ExpandsIncludes(p) {
		part := RenderedPart{File: p, End: noLimit, Last: true, he: len(p.Headings)}
		if withLinks {
			part.le = len(p.Links)
		}
		return []RenderedPart{part}
	}
	// Room for the parts of a page whose includes include nothing: the
	// text before each include, the include, and the rest after the last
	// (the career pages' parts were 1.3 MB of allocations, grown by append).
	out := make([]RenderedPart, 0, 2*len(p.Includes)+1)
	onPath := map[string]bool{} // the files being walked: an include of one is a cycle
	var walk func(f *Page, ctx IncludeContext, via Span, cont bool)
	walk = func(f *Page, ctx IncludeContext, via Span, cont bool) {
		if onPath[f.Path] {
			return
		}
		onPath[f.Path] = true
		defer delete(onPath, f.Path)
		from := ctx.markdownFrom(f)
		part := RenderedPart{File: f, Context: ctx, MarkdownFrom: from, Via: via}
		switch {
		case ctx == IncludeInline && cont:
			part.LazyEnd = f.lazyEndInline // its first line goes on with a paragraph's
		case ctx == IncludeInline:
			part.LazyEnd = min(f.firstLineEnd+1, f.size) // with a heading's, a table cell's
		case cont:
			part.LazyEnd = f.lazyEnd
		}
		// end closes the part at offset end (noLimit for the last) and
		// adds it unless it holds nothing.
		end := func(end int) {
			part.End = end
			for part.he < len(f.Headings) && f.Headings[part.he].Span.Start < end {
				part.he++
			}
			for withLinks && part.le < len(f.Links) && f.Links[part.le].Span.Start < end {
				part.le++
			}
			if part.Last || part.Start < part.End || part.hs < part.he || part.ls < part.le {
				out = append(out, part)
			}
			part.Start, part.hs, part.ls = end, part.he, part.le
		}
		for _, inc := range f.Includes {
			c := inc.Context
			if c != IncludeLiteral && inc.Span.Start < from {
				c = ctx
			}
			if c == IncludeLiteral {
				continue
			}
			it := s.ResolveInclude(inc.Target)
			if it.Err != nil || it.Page == nil {
				continue
			}
			end(inc.Span.Start)
			v := via
			if f == p {
				v = inc.Span
			}
			walk(it.Page, c, v, inc.InParagraph || inc.Span.Start < part.LazyEnd)
		}
		part.Last = true
		end(noLimit)
	}
	walk(p, IncludeBlock, Span{}, false)
	return out
}

// ReferenceLabels returns the labels (normalised) of the link reference
// definitions the part holds as Hugo reads it: in its stretch, read as
// Markdown, and not in text going on with a paragraph (LazyEnd).
func (rp RenderedPart) ReferenceLabels() []string {
	var out []string
	for _, d := range rp.File.defLinks {
		if rp.holdsDefinition(d.link.Span.Start) {
			out = append(out, d.label)
		}
	}
	return out
}

// holdsDefinition reports whether a definition whose destination starts
// at offset at of the part's file is one where the part is pasted.
func (rp RenderedPart) holdsDefinition(at int) bool {
	return at >= rp.Start && at < rp.End && rp.IsMarkdownIn(at) && at >= rp.LazyEnd
}
