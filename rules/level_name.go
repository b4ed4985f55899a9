package rules

import (
	"fmt"
	"path"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/anchor"
)

// LevelNameOptions configure the level-name rule.
type LevelNameOptions struct {
	// FrontMatter lists the front matter keys whose text is checked.
	FrontMatter []string `yaml:"front-matter"`
}

// LevelName reports a level page that names another level as its own: in
// its front matter title and description, in the headings its template
// writes with {level}, and in the file names of level-specific includes.
// The page's level comes from its file name.
var LevelName = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL011",
		Name:    "level-name",
		Summary: "a level page's title, description, level headings and level-specific includes name no other level as its own",
		Default: lint.Error,
		Fixable: true,
	},
	NewOptions: func() any { return &LevelNameOptions{FrontMatter: []string{"title", "description"}} },
	CheckPage:  checkLevelName,
}

func checkLevelName(pass *lint.PagePass) {
	opts := pass.Options.(*LevelNameOptions)
	p := pass.Page
	level, title, ok := pageLevel(pass.Config, p.Path)
	if !ok {
		return
	}
	rs := requiredSectionsOptions(pass.Config)
	ls := levelNames(pass.Config, rs)
	self := fmt.Sprintf("this page is %s (%s)", levelFileName(p.Path), title)

	// Front matter: a value that names the page's level may name others
	// too ("Staff, building on Senior"); only a value that names other
	// levels alone is wrong.
	if fm := p.FrontMatter; fm != nil && fm.Root != nil {
		for _, key := range opts.FrontMatter {
			n := fm.Root.Get(key)
			if _, ok := n.String(); !ok || n.Start < 0 || n.End > len(p.Src) || n.Start >= n.End {
				continue
			}
			raw := string(p.Src[n.Start:n.End])
			ws := ls.find(raw, textJoiners, true)
			if hasLevel(ws, level) {
				continue
			}
			for _, w := range ws {
				pass.Reportf(n.Start+w.Start, n.Start+w.End, "%s names level %q but %s", key, w.Text(raw), self)
			}
		}
	}

	// Headings the template writes with {level}.
	if o, ok := buildOutline(pass.Site, pass.Config, p, rs); ok {
		for i := range o.Headings {
			h := &o.Headings[i]
			if h.Entry < 0 || h.Included || !o.Entries[h.Entry].hasLevel {
				continue
			}
			if o.Entries[h.Entry].hasStar && (h.Duplicate || h.WrongDepth) {
				// A second "## ...Staff..." is only loosely the level
				// heading; required-sections reports it.
				continue
			}
			for _, c := range h.Levels {
				if c.Key == level {
					continue
				}
				word := c.Text(h.Text)
				start, end, exact := headingWordSpan(p, ls, h, c)
				if !exact {
					start, end = h.H.Span.Start, h.H.Span.End
				}
				d := lint.Diagnostic{Span: p.Span(start, end), Message: fmt.Sprintf("heading names level %q but %s", word, self)}
				if exact {
					repl := matchCase(word, title)
					// Name what to write: the heading with the level
					// replaced, when the level's word is in it once.
					if whole := written(h.H); strings.Count(whole, word) == 1 {
						d.Message = fmt.Sprintf("heading %q names level %q but %s; write %q", whole, word, self, strings.Replace(whole, word, repl, 1))
					} else {
						d.Message += fmt.Sprintf("; write %q there", repl)
					}
					fix := lint.Fix{Title: fmt.Sprintf("write %q", repl), Edits: []lint.Edit{{Span: p.Span(start, end), Text: repl}}}
					// The page's own links to the heading follow its new
					// anchor, which the fix would otherwise break.
					if id, links := movedAnchorEdits(pass, h.H, strings.Replace(h.H.Text, word, repl, 1), strings.Count(h.H.Text, word) == 1); len(links) > 0 {
						fix.Title += fmt.Sprintf(", and #%s in the page's links to it", id)
						fix.Edits = append(fix.Edits, links...)
					}
					d.Fixes = []lint.Fix{fix}
				}
				pass.Report(d)
			}
		}
	}

	// Includes whose file name is for another level.
	for _, inc := range p.Includes {
		checkIncludeLevel(pass, ls, inc, level, self)
	}
}

// hasLevel reports whether one of the words is of the level.
func hasLevel(ws []levelWord, level string) bool {
	for _, w := range ws {
		if w.Key == level {
			return true
		}
	}
	return false
}

// headingWordSpan finds a level name matched in a heading's text in the
// page's source: the source holds the text's level names in the same order,
// perhaps followed by more (in an HTML comment, say). It reports false when
// the source spells the heading too differently to tell.
func headingWordSpan(p *lint.Page, ls *levelSet, h *sectionHeading, c levelWord) (int, int, bool) {
	inText := ls.find(h.Text, textJoiners, false)
	src := string(p.Src[h.H.TextStart:h.H.TextEnd])
	inSrc := ls.find(src, textJoiners, false)
	if len(inSrc) < len(inText) {
		return 0, 0, false
	}
	k := -1
	for i, w := range inText {
		if inSrc[i].Key != w.Key {
			return 0, 0, false
		}
		if w.Start == c.Start {
			k = i
		}
	}
	if k < 0 {
		return 0, 0, false
	}
	return h.H.TextStart + inSrc[k].Start, h.H.TextStart + inSrc[k].End, true
}

// checkIncludeLevel reports an include whose file name names another level
// and not the page's own, such as associate-leadership-competency.md on a
// senior page. The fix names the page's level instead, offered only when
// that file exists.
func checkIncludeLevel(pass *lint.PagePass, ls *levelSet, inc lint.Include, level, self string) {
	p := pass.Page
	target := inc.Target
	dir, base := path.Split(target)
	stem := strings.TrimSuffix(base, path.Ext(base))
	ws := ls.find(stem, nameJoiners, false)
	if len(ws) == 0 || hasLevel(ws, level) {
		return
	}
	// Where the target is written: inside the quotes of the argument.
	argStart, argEnd := inc.ArgStart, inc.ArgEnd
	if argEnd-argStart >= 2 && (p.Src[argStart] == '"' || p.Src[argStart] == '\'' || p.Src[argStart] == '`') {
		argStart, argEnd = argStart+1, argEnd-1
	}
	exact := argStart >= 0 && argEnd <= len(p.Src) && string(p.Src[argStart:argEnd]) == target
	fileStem := pageStem(p.Path)
	for _, w := range ws {
		written := w.Text(stem)
		start, end := inc.ArgStart, inc.ArgEnd
		if exact {
			start = argStart + len(dir) + w.Start
			end = start + (w.End - w.Start)
		}
		msg := fmt.Sprintf("include %q names level %q but %s", target, written, self)
		var fixes []lint.Fix
		if len(ws) == 1 {
			fixed, repl := ownLevelTarget(target, w, fileStem)
			if it := pass.Site.ResolveInclude(fixed); it.Err == nil && it.Page != nil {
				msg += fmt.Sprintf("; did you mean %q", fixed)
				if exact {
					fixes = []lint.Fix{{Title: fmt.Sprintf("include %q", fixed), Edits: []lint.Edit{{Span: p.Span(start, end), Text: repl}}}}
				}
			} else if sug := includeSuggestion(pass.Site, fixed); sug != "" && path.Base(sug) == path.Base(fixed) {
				// The page's level's file is in another include folder
				// (an older include path kept the other level's file):
				// said, not fixed, since more than the level word changes.
				msg += fmt.Sprintf("; did you mean %q", sug)
			}
		}
		pass.Report(lint.Diagnostic{Span: p.Span(start, end), Message: msg, Fixes: fixes})
	}
}

// ownLevelTarget returns an include target whose file name names another
// level at w (in its stem) with the page's level, from the page's file
// stem, written in the style of the name (lower case when the stem is, "_"
// between words when the name uses "_"), and the text written for it.
func ownLevelTarget(target string, w levelWord, fileStem string) (fixed, repl string) {
	dir, base := path.Split(target)
	stem := strings.TrimSuffix(base, path.Ext(base))
	repl = fileStem
	if strings.ToLower(repl) == repl {
		repl = strings.ToLower(repl)
	}
	if strings.Contains(stem, "_") && !strings.Contains(stem, "-") {
		repl = strings.ReplaceAll(repl, "-", "_")
	}
	return dir + stem[:w.Start] + repl + stem[w.End:] + base[len(stem):], repl
}

// otherLevelInclude returns, for an include target on a level page whose
// file name names one other level and not the page's own, the target with
// the page's level instead; "" otherwise.
func otherLevelInclude(cfg *lint.Config, page, target string) string {
	level, _, ok := pageLevel(cfg, page)
	if !ok {
		return ""
	}
	base := path.Base(target)
	stem := strings.TrimSuffix(base, path.Ext(base))
	ws := levelNames(cfg, requiredSectionsOptions(cfg)).find(stem, nameJoiners, false)
	if len(ws) != 1 || hasLevel(ws, level) {
		return ""
	}
	fixed, _ := ownLevelTarget(target, ws[0], pageStem(page))
	return fixed
}

// movedAnchorEdits returns the anchor a heading gets once its text reads
// newText, and the edits that point the page's own links to its anchor
// ("#senior-leadership-competencies", in a list of the page's sections)
// at it. It returns no edit when the new anchor cannot be told for sure:
// known is false, the heading has an {#id} or a shortcode, or its anchor,
// old or new, is numbered or shared with another of the page (Hugo's
// duplicate counter would renumber them).
func movedAnchorEdits(pass *lint.PagePass, h *lint.Heading, newText string, known bool) (string, []lint.Edit) {
	if !known || h.Explicit || h.ID == "" || h.Shortcode || h.Pattern {
		return "", nil
	}
	idType := anchor.GitHub
	if hc := pass.Config.Hugo; hc != nil && hc.IDType != "" {
		idType = hc.IDType
	}
	p := pass.Page
	anchors := pass.Site.Anchors(p)
	old, ownAnchor := "", false
	for _, a := range anchors {
		if a.Heading == h {
			old, ownAnchor = a.ID, true
		}
	}
	newID := idType.Slug(newText)
	if !ownAnchor || old != idType.Slug(h.Text) || newID == "" || newID == old {
		return "", nil
	}
	numbered := func(id, base string) bool {
		rest, ok := strings.CutPrefix(id, base+"-")
		return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
	}
	for _, a := range anchors {
		if a.Heading != h && (a.ID == newID || numbered(a.ID, newID) || numbered(a.ID, old)) {
			return "", nil
		}
	}
	var edits []lint.Edit
	seen := map[int]bool{} // the links of one reference definition share its destination
	for _, l := range p.Links {
		if l.Dest == "#"+old && l.Exact && l.DestStart >= 0 && !seen[l.DestStart] && string(p.Src[l.DestStart:l.DestEnd]) == "#"+old {
			seen[l.DestStart] = true
			edits = append(edits, lint.Edit{Span: p.Span(l.DestStart+1, l.DestEnd), Text: newID})
		}
	}
	return newID, edits
}
