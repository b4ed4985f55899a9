package lint

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

func TestFormatMarkdown(t *testing.T) {
	out := format(t, "markdown", documentedReport(t))
	checkGolden(t, "report.md", out)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if want := "**careerlint**: 4 findings (1 error, 2 warnings, 1 info) in 2 files; 2 files linted"; lines[0] != want {
		t.Errorf("summary %q, want %q", lines[0], want)
	}
	// Summary, blank line, header, delimiter, one row per finding.
	if len(lines) != 4+4 {
		t.Errorf("%d lines, want 8:\n%s", len(lines), out)
	}
	if !strings.Contains(string(out), "| [CL099 no-bad](https://docs.example.test/rules/no-bad.md) | `content/p.md:2` |") {
		t.Errorf("no row links the rule to its docs with file:line:\n%s", out)
	}
}

func TestFormatMarkdownEmpty(t *testing.T) {
	if out := format(t, "markdown", &Report{Files: 3}); len(out) != 0 {
		t.Errorf("no findings: %q, want no output at all", out)
	}
}

// TestMarkdownCellEscapes renders rows whose messages hold pipes, newlines,
// backticks and Markdown syntax through a GitHub-flavoured Markdown
// renderer (goldmark's table extension, which GitLab's renderer follows for
// tables) and checks that each row stays one row of four cells showing the
// message as written.
func TestMarkdownCellEscapes(t *testing.T) {
	cfg := DefaultConfig()
	p := ParsePage("content/a_b.md", []byte("line one\nline two\n"), parseOptions(cfg))
	rule := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad"}}
	messages := []string{
		`cell | with a pipe`,
		"two\nlines",
		`quoted "a | b" and "x ` + "`y`" + ` z"`,
		`*not emphasis* and _not_ either, <b>no html</b>, [no](link)`,
		`ping @someone about #12 and !3`,
		`quoted "@someone" "*stars*" "back\\slash"`,
		// An HTML comment a message names (the line that keeps two lists
		// apart, a suppression to write) is code, not escaped text.
		`put a line <!-- --> between them`,
		`e.g. <!-- careerlint-disable-next-line list-marker -- "why" --> and "q"`,
	}
	rep := &Report{Files: 1, Site: NewSite("/nonexistent", cfg, []*Page{p})}
	for _, m := range messages {
		rep.Diagnostics = append(rep.Diagnostics, Diagnostic{Span: p.Span(9, 13), Message: m, Rule: rule, Severity: Warning})
	}
	out := format(t, "markdown", rep)
	body := renderTable(t, out, len(messages))
	for _, want := range []string{
		"<td>cell | with a pipe</td>",
		"<td>two<br>lines</td>",
		"<td>quoted <code>&quot;a | b&quot;</code> and <code>&quot;x `y` z&quot;</code></td>",
		"<td>*not emphasis* and _not_ either, &lt;b&gt;no html&lt;/b&gt;, [no](link)</td>",
		"<td><code>content/a_b.md:2</code></td>",
		"<code>&quot;@someone&quot;</code> <code>&quot;*stars*&quot;</code> <code>&quot;back\\\\slash&quot;</code>",
		"<td>put a line <code>&lt;!-- --&gt;</code> between them</td>",
		"<td>e.g. <code>&lt;!-- careerlint-disable-next-line list-marker -- &quot;why&quot; --&gt;</code> and <code>&quot;q&quot;</code></td>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("rendered table lacks %s:\n%s\n%s", want, out, body)
		}
	}
	if !strings.Contains(string(out), "put a line `<!-- -->` between them") {
		t.Errorf("an HTML comment in a message is not written as a code span:\n%s", out)
	}
	for _, bad := range []string{"<em>", "<b>", "<a href=\"link\""} {
		if strings.Contains(body, bad) {
			t.Errorf("message text was rendered as Markdown (%s):\n%s", bad, body)
		}
	}
}

// TestMarkdownControlCharacters: control characters in a message (a
// percent-decoded link holding an escape sequence), in a quoted part of
// it and in a file name are written as Go escapes, never raw, and each
// row stays one row of four cells.
func TestMarkdownControlCharacters(t *testing.T) {
	cfg := DefaultConfig()
	p := ParsePage("content/e\x1b[1m.md", []byte("line one\nline two\n"), parseOptions(cfg))
	rule := &Rule{Meta: Meta{ID: "CL012", Name: "link-target"}}
	messages := []string{
		"link target /nope\x1b[2J matches no page",
		"bell \a, nul \x00, del \x7f, next line \u0085, tab \t and a bad byte \xff",
		"bidi override /handbook/a\u202egpj.exe/ and isolate \u2066x\u2069",
		"quoted \"a\x1b]0;title\ab\" as a rule may quote with \"%s\"",
		"pipe after a backslash \\| and a backtick ` at the end \\",
	}
	rep := &Report{Files: 1, Site: NewSite("/nonexistent", cfg, []*Page{p})}
	for _, m := range messages {
		rep.Diagnostics = append(rep.Diagnostics, Diagnostic{Span: p.Span(9, 13), Message: m, Rule: rule, Severity: Error})
	}
	out := format(t, "markdown", rep)
	for i, r := range string(out) {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == utf8.RuneError || IsBidiControl(r) {
			t.Errorf("raw %U at byte %d of:\n%q", r, i, out)
		}
	}
	body := renderTable(t, out, len(messages))
	for _, want := range []string{
		`<td>link target /nope\x1b[2J matches no page</td>`,
		`<td>bell \a, nul \x00, del \x7f, next line \u0085, tab \t and a bad byte \xff</td>`,
		`<td>bidi override /handbook/a\u202egpj.exe/ and isolate \u2066x\u2069</td>`,
		`<td>quoted <code>&quot;a\x1b]0;title\ab&quot;</code> as a rule may quote with <code>&quot;%s&quot;</code></td>`,
		"<td>pipe after a backslash \\| and a backtick ` at the end \\</td>",
		`<td><code>content/e\x1b[1m.md:2</code></td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("rendered table lacks %s:\n%s\n%s", want, out, body)
		}
	}
}

// TestMarkdownURLControl: a docs URL with control bytes or spaces stays
// one link destination.
func TestMarkdownURLControl(t *testing.T) {
	if got, want := markdownURL("https://x.test/a b\x1b(c)\n|"), "https://x.test/a%20b%1B%28c%29%0A%7C"; got != want {
		t.Errorf("markdownURL = %q, want %q", got, want)
	}
}

// renderTable renders the Markdown report out as GitHub-flavoured
// Markdown and checks that its table has a header and rows rows of four
// cells each: no message broke out of its cell. It returns the HTML.
func renderTable(t *testing.T, out []byte, rows int) string {
	t.Helper()
	var rendered strings.Builder
	md := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := md.Convert(out, &rendered); err != nil {
		t.Fatal(err)
	}
	body := rendered.String()
	if n := strings.Count(body, "<tr>"); n != rows+1 {
		t.Fatalf("%d table rows, want %d (header and one per finding):\n%s\n%s", n, rows+1, out, body)
	}
	if n := strings.Count(body, "<td>"); n != 4*rows {
		t.Errorf("%d cells, want %d:\n%s\n%s", n, 4*rows, out, body)
	}
	return body
}

// TestFormatMarkdownOldNotShown: the summary of a report of only the
// findings a change brings (--only-new) says how many old ones it leaves
// out, "at least" that many when some of them a rule's pass only counted
// (past the findings it keeps on a file).
func TestFormatMarkdownOldNotShown(t *testing.T) {
	for _, tt := range []struct {
		old, notCounted int
		want            string
	}{
		{1, 0, "; 1 finding the pages had before this change is not shown\n"},
		{1000, 0, "; 1000 findings the pages had before this change are not shown\n"},
		{1000, 40, "; at least 1000 findings the pages had before this change are not shown\n"},
	} {
		rep := documentedReport(t)
		rep.OldNotShown, rep.OldNotCounted = tt.old, tt.notCounted
		first, _, _ := strings.Cut(string(format(t, "markdown", rep)), "\n")
		if !strings.HasSuffix(first+"\n", tt.want) {
			t.Errorf("old %d, only counted %d: summary %q, want it to end %q", tt.old, tt.notCounted, first, tt.want)
		}
	}
}
