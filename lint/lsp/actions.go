package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// kindWanted reports whether a code action kind is asked for: with no
// "only" in the request, quick fixes are; otherwise a kind is when it is
// one of "only" or below one ("source.fixAll" covers
// "source.fixAll.careerlint").
func kindWanted(only []string, kind string) bool {
	if len(only) == 0 {
		return kind == KindQuickFix
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// readers returns snapshots of the open documents whose last lint read
// the document (pages that include it): their lints hold the findings and
// fixes of the included text. Taken with the document's snapshot, under
// server.mu.
func (s *server) readerSnapshots(uri string) []snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return nil
	}
	var out []snapshot
	for _, o := range s.siteDocs(d.ws) {
		if o != d && o.deps[d.rel] {
			out = append(out, s.snapshotLocked(o))
		}
	}
	return out
}

// fixable is a finding with fixes or suggestions in the document, from one
// analysis.
type fixable struct {
	a *analysis
	d lint.Diagnostic
}

// codeActions offers, for the fixable findings in the requested range,
// each fix and each suggestion as a quick fix, and one action applying
// every fix of the file (suggestions are not in it);
// and, when asked for the source.fixAll kind (editors ask on save), that
// action alone.
func (s *server) codeActions(ctx context.Context, snap snapshot, readers []snapshot, p CodeActionParams) ([]CodeAction, error) {
	out := []CodeAction{}
	own := s.analyze(ctx, snap)
	if own.res == nil {
		return out, nil
	}
	analyses := own.withIncluders()
	for _, r := range readers {
		if own.holds(r.doc.rel) {
			continue // its findings and fixes here are own's (analysis.holds)
		}
		if a := s.analyze(ctx, r); a.res != nil {
			analyses = append(analyses, a)
		}
	}
	rel := snap.doc.rel
	t := newLineTable(snap.text)
	rs, re := t.offset(p.Range.Start), t.offset(p.Range.End)
	inContext := map[string]bool{}
	for _, cd := range p.Context.Diagnostics {
		inContext[diagKey(cd)] = true
	}
	var all, inRange []fixable
	seen := map[string]bool{}
	for _, a := range analyses {
		f := newFiles(a)
		for _, d := range a.res.Diagnostics {
			if d.Span.File != rel || len(d.Fixes) == 0 && len(d.Suggestions) == 0 {
				continue
			}
			ld := f.diagnostic(d)
			key := diagKey(ld)
			if seen[key] {
				continue
			}
			seen[key] = true
			if len(d.Fixes) > 0 {
				all = append(all, fixable{a, d})
			}
			if d.Span.Start <= re && rs <= d.Span.End || inContext[key] {
				inRange = append(inRange, fixable{a, d})
			}
		}
	}
	if kindWanted(p.Context.Only, KindQuickFix) {
		// Two findings on one spot may offer the same edit (include-target
		// and ladder-includes name the same navigation include): one
		// action, resolving both.
		same := map[string]int{}
		add := func(a CodeAction) {
			b, _ := json.Marshal([]any{a.Title, a.IsPreferred, a.Edit})
			if i, ok := same[string(b)]; ok {
				out[i].Diagnostics = append(out[i].Diagnostics, a.Diagnostics...)
				return
			}
			same[string(b)] = len(out)
			out = append(out, a)
		}
		for _, fx := range inRange {
			f := newFiles(fx.a)
			ld := f.diagnostic(fx.d)
			for i, fix := range fx.d.Fixes {
				title := fix.Title
				if title == "" {
					title = "fix " + ld.Code
				}
				if e, err := s.versioned(f.workspaceEdit(fix.Edits), fx.a.snap); err == nil {
					add(CodeAction{Title: title, Kind: KindQuickFix, Diagnostics: []Diagnostic{ld},
						IsPreferred: i == 0, Edit: e})
				}
			}
			// A suggestion is the author's choice to make: offered, never
			// preferred (an editor may apply a preferred fix on its own).
			for _, sug := range fx.d.Suggestions {
				if e, err := s.versioned(f.workspaceEdit(sug.Edits), fx.a.snap); err == nil {
					add(CodeAction{Title: sug.Title, Kind: KindQuickFix, Diagnostics: []Diagnostic{ld}, Edit: e})
				}
			}
		}
		// The suggestions of the rules that compare pages, from the last
		// site run, moved to this version of the document.
		s.mu.Lock()
		sfs := s.siteFindings(snap.doc, snap.version)
		s.mu.Unlock()
		for _, sf := range sfs {
			if len(sf.sugs) == 0 {
				continue
			}
			dg := sf.diag
			dg.Range = t.rangeOf(sf.start, sf.end)
			if !(sf.start <= re && rs <= sf.end || inContext[diagKey(dg)]) {
				continue
			}
			for _, sug := range sf.sugs {
				var edits []TextEdit
				for _, e := range sug.edits {
					edits = append(edits, TextEdit{Range: t.rangeOf(e.Span.Start, e.Span.End), NewText: lineEndingsOf(snap.text, e.Text)})
				}
				if e, err := s.versioned(&WorkspaceEdit{Changes: map[string][]TextEdit{snap.doc.uri: edits}}, snap); err == nil {
					add(CodeAction{Title: sug.title, Kind: KindQuickFix, Diagnostics: []Diagnostic{dg}, Edit: e})
				}
			}
		}
	}
	wantAll := kindWanted(p.Context.Only, KindFixAll)
	quickAll := len(inRange) > 0 && kindWanted(p.Context.Only, KindQuickFix)
	if len(all) > 0 && (wantAll || quickAll) {
		edit, err := s.fixAllEdit(ctx, snap, all)
		if err != nil {
			return nil, err
		}
		if edit, err = s.versioned(edit, snap); err != nil {
			edit = nil // no fix-all of a text the lints did not read
		}
		if edit != nil {
			if quickAll {
				out = append(out, CodeAction{Title: "fix all careerlint problems in this file", Kind: KindQuickFix, Edit: edit})
			}
			if wantAll {
				out = append(out, CodeAction{Title: "fix all careerlint problems in this file", Kind: KindFixAll, Edit: edit})
			}
		}
	}
	return out, nil
}

// spotKey identifies a diagnostic by its range and rule.
func spotKey(d Diagnostic) string {
	b, _ := json.Marshal([]any{d.Range, d.Code})
	return string(b)
}

// diagKey identifies a diagnostic by what the client sees of it.
func diagKey(d Diagnostic) string {
	b, _ := json.Marshal([]any{d.Range, d.Code, d.Message})
	return string(b)
}

// versioned returns a workspace edit as the client takes it: for a
// client that takes documentChanges, each document's edits with the
// version snap holds it at (null for a file no editor holds open), so that
// the editor refuses them once the text has changed; otherwise as is. An
// edit of an open document whose editor text the lints did not read
// (snapshot.outOfStep) is refused: its places are another text's.
func (s *server) versioned(w *WorkspaceEdit, snap snapshot) (*WorkspaceEdit, error) {
	if w == nil {
		return nil, nil
	}
	for _, uri := range slices.Sorted(maps.Keys(w.Changes)) {
		if snap.outOfStep[uri] {
			p, _ := uriToPath(uri)
			return nil, fmt.Errorf("the edit would change %s, whose text in the editor careerlint does not hold (an edit of it did not fit, or it stands for no file of the site); close and reopen it, then try again", filepath.Base(p))
		}
	}
	if !s.docChanges.Load() {
		return w, nil
	}
	versions := map[string]int{snap.doc.uri: snap.version}
	for rel, uri := range snap.uris {
		if v, ok := snap.versions[rel]; ok {
			versions[uri] = v
		}
	}
	out := &WorkspaceEdit{DocumentChanges: []TextDocumentEdit{}}
	for _, uri := range slices.Sorted(maps.Keys(w.Changes)) {
		id := OptionalVersionedTextDocumentIdentifier{URI: uri}
		if v, ok := versions[uri]; ok {
			id.Version = &v
		}
		out.DocumentChanges = append(out.DocumentChanges, TextDocumentEdit{TextDocument: id, Edits: w.Changes[uri]})
	}
	return out, nil
}

// workspaceEdit converts a fix's edits, which may touch several files.
func (f *files) workspaceEdit(edits []lint.Edit) *WorkspaceEdit {
	w := &WorkspaceEdit{Changes: map[string][]TextEdit{}}
	for _, e := range edits {
		uri := f.uri(e.Span.File)
		w.Changes[uri] = append(w.Changes[uri], TextEdit{Range: f.table(e.Span.File).rangeOf(e.Span.Start, e.Span.End), NewText: lineEndingsOf(f.table(e.Span.File).src, e.Text)})
	}
	return w
}

// lineEndingsOf returns an edit's text with the line endings of the file
// it goes into, as --fix writes it: a CRLF file keeps CRLF line endings.
func lineEndingsOf(src []byte, text string) string {
	if bytes.Contains(src, []byte("\r\n")) {
		return strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
	}
	return text
}

// fixAllEdit applies every fix of the document, in rounds as --fix does,
// and returns the change of the document as one edit per run of changed
// lines (minimalEdits), or nil when nothing changes. The run is the lint that found the fixes: the document's own,
// or for an included file the lint of a page that includes it. It
// rewrites the document alone, as careerlint --pages-only --fix does the
// file given (lint.RunOptions.FixOnly): a fix judged against the fixes
// of the other files (list-marker's, of a list that another file's list
// would otherwise leave or join) is judged against those files as they
// are, which the edit leaves.
func (s *server) fixAllEdit(ctx context.Context, snap snapshot, found []fixable) (*WorkspaceEdit, error) {
	tried := map[*analysis]bool{}
	for _, fx := range found {
		if tried[fx.a] {
			continue
		}
		tried[fx.a] = true
		opt := fx.a.opt
		opt.FixOnly = func(f string) bool { return f == snap.doc.rel }
		fixed, err := lint.FixAll(ctx, opt)
		if err != nil {
			return nil, err
		}
		ff, ok := fixed.Files[snap.doc.rel]
		if !ok {
			continue
		}
		edits := minimalEdits(snap.text, ff.New)
		if len(edits) == 0 {
			continue
		}
		t := newLineTable(snap.text)
		var out []TextEdit
		for _, e := range edits {
			out = append(out, TextEdit{Range: t.rangeOf(e.start, e.end), NewText: e.text})
		}
		return &WorkspaceEdit{Changes: map[string][]TextEdit{snap.doc.uri: out}}, nil
	}
	return nil, nil
}
