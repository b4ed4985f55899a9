package lint

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// formatMarkdown writes a summary for a merge-request comment: one summary
// line (unless NoSummary), then a table with a row per finding (severity, the rule linked to
// its documentation, file:line, message). It writes nothing at all when
// there are no findings, so that a CI job can post the file only when it
// is not empty.
func formatMarkdown(w io.Writer, r *Report) error {
	if len(r.Diagnostics) == 0 {
		return nil
	}
	files := map[string]bool{}
	for _, d := range r.Diagnostics {
		files[d.Span.File] = true
	}
	e, wn, in := r.Counts()
	ne, nw, ni := r.NotCounted()
	var b strings.Builder
	// Findings may be in files the linted pages include, so the files
	// with findings are counted apart from the files linted.
	if !r.NoSummary {
		fmt.Fprintf(&b, "**careerlint**: %s (%s, %s, %s) in %s; %s linted",
			atLeast(e+wn+in, ne+nw+ni, "finding"), atLeast(e, ne, "error"), atLeast(wn, nw, "warning"), atLeast(in, ni, "info"),
			plural(len(files), "file"), plural(r.Files, "file"))
		if r.OldNotShown > 0 {
			b.WriteString("; " + OldNotShownNote(r.OldNotShown, r.OldNotCounted))
		}
		b.WriteString("\n\n")
	}
	b.WriteString("| severity | rule | location | message |\n| --- | --- | --- | --- |\n")
	for _, d := range r.Diagnostics {
		line := r.lines(d.Span.File).Position(d.Span.Start).Line
		fmt.Fprintf(&b, "| %s | [%s %s](%s) | %s | %s |\n",
			d.Severity, d.Rule.ID, markdownText(d.Rule.Name), markdownURL(r.docs(d.Rule)),
			markdownCode(fmt.Sprintf("%s:%d", r.RepoPrefix+d.Span.File, line)), markdownCell(d.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// quoted matches a Go-quoted string in a message: careerlint messages quote
// the text they take from a page with %q.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// codeInMessage matches what a message's Markdown shows as code: a quoted
// part (quoted) and an HTML comment it names to write ("put a line <!--
// -->", "as in <!-- careerlint-disable ... -->"), whichever starts first.
var codeInMessage = regexp.MustCompile(quoted.String() + `|<!--.*?-->`)

// markdownCell renders a message as the content of a table cell: the
// quoted parts, which come from the page, and the HTML comments it names
// as code spans (so that GitLab neither renders nor links them: no
// emphasis, no @mention, no #issue; and a comment reads as written, not
// as "\<\!-- --\>"), the rest with its Markdown punctuation escaped,
// newlines as <br>.
func markdownCell(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range codeInMessage.FindAllStringIndex(s, -1) {
		b.WriteString(markdownText(s[last:m[0]]))
		b.WriteString(markdownCode(s[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(markdownText(s[last:]))
	return b.String()
}

// markdownText escapes text for a table cell: ASCII punctuation that
// Markdown or GitLab's references give a meaning is backslash-escaped
// (the pipe included, which would end the cell), a line break becomes
// <br>, since a table row is one line, and other control characters (an
// escape sequence in a percent-decoded link) and bytes that are not UTF-8
// are written as Go escapes ("\x1b"), as the text output writes them, so
// that no raw control character reaches the rendered page or a terminal
// showing the file.
func markdownText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		esc, size := controlEscape(s[i:])
		switch {
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
		case c == '\n' || c == '\r':
			b.WriteString("<br>")
		case strings.IndexByte("\\`*_[]<>|~&#!@$%{}", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case esc != "":
			b.WriteString(`\\` + esc[1:]) // its backslash escaped in turn
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// controlEscape returns the Go escape ("\x1b", "\u0085", "\xff") of the
// control character (C0 but line breaks, DEL, C1, a bidi control) or byte that is not
// UTF-8 at the start of s, or "" when it is neither, with the length in
// bytes of the code point or byte either way.
func controlEscape(s string) (string, int) {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError && size <= 1:
		return fmt.Sprintf("\\x%02x", s[0]), 1
	case r < 0x20 && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 || IsBidiControl(r):
		q := strconv.QuoteRune(r)
		return q[1 : len(q)-1], size
	}
	return "", size
}

// markdownCode renders s as a code span inside a table cell: the fence is
// longer than any run of backticks in s, a pipe is escaped (GitLab and
// GitHub split table cells before they parse code spans), line breaks
// become spaces and other control characters and bytes that are not UTF-8
// are written as Go escapes ("\x1b"; a code span shows a backslash as
// it is).
func markdownCode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		esc, size := controlEscape(s[i:])
		switch {
		case s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n':
			b.WriteByte(' ')
			size = 2
		case s[i] == '\n' || s[i] == '\r':
			b.WriteByte(' ')
		case s[i] == '|':
			b.WriteString(`\|`)
		case esc != "":
			b.WriteString(esc)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return CodeSpan(b.String())
}

// CodeSpan writes s, text of one line, as one Markdown code span that no
// backtick of s can end: its fence is a backtick more than the longest
// run of backticks in s, and a space pads s when it starts or ends with
// one (CommonMark strips one such space from each end).
func CodeSpan(s string) string {
	run, longest := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// markdownURL makes a URL safe as a Markdown link destination: white
// space, parentheses, angle brackets, the pipe and control bytes are
// percent-encoded.
func markdownURL(u string) string {
	u = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C").Replace(u)
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if c := u[i]; c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
