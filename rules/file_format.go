package rules

import (
	"bytes"
	"sync"

	"gitlab.com/careerlint/careerlint/lint"
)

// FileFormat reports files careerlint (and Hugo) cannot treat as a
// Markdown page: unreadable, over the size limit, binary, not UTF-8, or
// empty, and files left with an unresolved merge conflict.
var FileFormat = &lint.Rule{
	Meta: lint.Meta{
		ID:            "CL003",
		Name:          "file-format",
		Summary:       "a page is a readable, non-empty UTF-8 text file within the size limit, with no unresolved merge conflict",
		Default:       lint.Error,
		AllFiles:      true,
		IncludedFiles: true,
	},
	CheckPage: func(pass *lint.PagePass) { checkFileFormat(pass, false) },
}

// fileFormatForLinks is file-format as `careerlint links` runs it: only
// the problems that kept a page's links from being checked (unreadable,
// over the size limit, binary, nested too deep, not reached within the time
// budget), so that such a page is reported rather than passed. An empty
// page or one with invalid UTF-8 had its links checked. It shares
// file-format's ID, name, doc and configuration.
// It is made once, after All has attached the docs.
var fileFormatForLinks = sync.OnceValue(func() *lint.Rule {
	All()
	r := *FileFormat
	r.CheckPage = func(pass *lint.PagePass) { checkFileFormat(pass, true) }
	return &r
})

func checkFileFormat(pass *lint.PagePass, uncheckedOnly bool) {
	for _, pr := range pass.Page.Problems {
		switch pr.Kind {
		case lint.ProblemEmpty:
			if uncheckedOnly {
				continue
			}
			if pass.Included {
				pass.Reportf(pr.Start, pr.End, "included file is empty; remove the include or give the file content")
			} else {
				pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
			}
		case lint.ProblemInvalidUTF8:
			if !uncheckedOnly {
				pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
			}
		case lint.ProblemUnreadable, lint.ProblemTooLarge, lint.ProblemBinary, lint.ProblemTooDeep, lint.ProblemTooComplex, lint.ProblemNotChecked, lint.ProblemLoneCR, lint.ProblemSymlink, lint.ProblemFolder:
			pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
		}
	}
	if !uncheckedOnly {
		checkConflicts(pass)
	}
}

// checkConflicts reports each unresolved merge conflict git left in a
// file: a line starting with "<<<<<<<", later a line "=======", then one
// starting with ">>>>>>>", outside code blocks (a page may show a
// conflict as an example). Hugo renders both sides with the markers (a
// "=======" line under a paragraph makes it a heading). Reported once per
// conflict, at its first marker, with the other two as related locations.
func checkConflicts(pass *lint.PagePass) {
	p := pass.Page
	src := p.Src
	if p.Doc == nil || !bytes.Contains(src, []byte("<<<<<<<")) {
		return // not parsed (binary, too large, ...), or no conflict
	}
	code := markdownLines(p).code
	var open, mid lint.Span
	state := 0 // 1 after "<<<<<<<", 2 after "======="
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := bytes.TrimSuffix(src[off:end], []byte("\r"))
		if !code[p.Lines.Position(off).Line] {
			switch {
			case conflictMarker(line, '<'):
				state, open = 1, p.Span(off, off+len(line))
			case state == 1 && string(line) == "=======":
				state, mid = 2, p.Span(off, off+len(line))
			case state == 2 && conflictMarker(line, '>'):
				pass.Report(lint.Diagnostic{Span: open,
					Message: "unresolved merge conflict: both sides of a change stand between \"<<<<<<<\" and \">>>>>>>\", and Hugo renders both with the markers; keep what is meant and delete the three marker lines",
					Related: []lint.Related{{Span: mid, Message: "the line between the two sides"}, {Span: p.Span(off, off+len(line)), Message: "the end of the conflict"}}})
				state = 0
			}
		}
		off = end + 1
	}
}

// conflictMarker reports whether a line is one of git's conflict markers
// made of c: seven of it, alone or followed by a space and a label.
func conflictMarker(line []byte, c byte) bool {
	if len(line) < 7 || len(line) > 7 && line[7] != ' ' {
		return false
	}
	for _, b := range line[:7] {
		if b != c {
			return false
		}
	}
	return true
}
