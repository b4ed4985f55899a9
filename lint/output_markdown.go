package lint

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// formatMarkdown writes a summary for a merge-request comment: one summary
// line, then a table with a row per finding (severity, the rule linked to
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
	var b strings.Builder
	// Findings may be in files the linted pages include, so the files
	// with findings are counted apart from the files linted.
	fmt.Fprintf(&b, "**careerlint**: %s (%s, %s, %s) in %s; %s linted\n\n",
		plural(len(r.Diagnostics), "finding"), plural(e, "error"), plural(wn, "warning"), plural(in, "info"),
		plural(len(files), "file"), plural(r.Files, "file"))
	b.WriteString("| severity | rule | location | message |\n| --- | --- | --- | --- |\n")
	for _, d := range r.Diagnostics {
		line := r.lines(d.Span.File).Position(d.Span.Start).Line
		fmt.Fprintf(&b, "| %s | [%s %s](%s) | %s | %s |\n",
			d.Severity, d.Rule.ID, markdownText(d.Rule.Name), markdownURL(r.docs(d.Rule)),
			markdownCode(fmt.Sprintf("%s:%d", d.Span.File, line)), markdownCell(d.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// quoted matches a Go-quoted string in a message: careerlint messages quote
// the text they take from a page with %q.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// markdownCell renders a message as the content of a table cell: the
// quoted parts, which come from the page, as code spans (so that GitLab
// neither renders nor links them: no emphasis, no @mention, no #issue),
// the rest with its Markdown punctuation escaped, newlines as <br>.
func markdownCell(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range quoted.FindAllStringIndex(s, -1) {
		b.WriteString(markdownText(s[last:m[0]]))
		b.WriteString(markdownCode(s[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(markdownText(s[last:]))
	return b.String()
}

// markdownText escapes text for a table cell: ASCII punctuation that
// Markdown or GitLab's references give a meaning is backslash-escaped
// (the pipe included, which would end the cell), and a line break becomes
// <br>, since a table row is one line.
func markdownText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
		case c == '\n' || c == '\r':
			b.WriteString("<br>")
		case strings.IndexByte("\\`*_[]<>|~&#!@$%{}", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// markdownCode renders s as a code span inside a table cell: the fence is
// longer than any run of backticks in s, a pipe is escaped (GitLab and
// GitHub split table cells before they parse code spans) and line breaks
// become spaces.
func markdownCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`).Replace(s)
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

// markdownURL makes a URL safe as a Markdown link destination.
func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C").Replace(u)
}
