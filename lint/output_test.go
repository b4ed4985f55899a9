package lint

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

// outputReport builds a report over two pages with findings of every
// severity, a related location and a fix.
func outputReport(t *testing.T, color bool) *Report {
	t.Helper()
	cfg := DefaultConfig()
	p := ParsePage("content/p.md", []byte("## Title\n\tBAD café BAD\nlast line\n"), parseOptions(cfg))
	q := ParsePage("content/q.md", []byte("Ünï 🤝 UGLY\r\nsecond\r\n"), parseOptions(cfg))
	site := NewSite("/nonexistent", cfg, []*Page{p, q})
	warn := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Warning}}
	errR := &Rule{Meta: Meta{ID: "CL001", Name: "front-matter", Default: Error}}
	info := &Rule{Meta: Meta{ID: "CL096", Name: "no-ugly", Default: Info}}
	return &Report{
		Version: "1.2.3",
		Files:   2,
		Site:    site,
		Color:   color,
		Diagnostics: []Diagnostic{
			{Span: p.Span(0, 0), Message: "page has no front matter", Rule: errR, Severity: Error},
			{Span: p.Span(20, 23), Message: "found BAD", Rule: warn, Severity: Warning,
				Related:     []Related{{Span: q.Span(17, 23), Message: "see also"}},
				Fixes:       []Fix{{Title: "replace BAD", Edits: []Edit{{Span: p.Span(20, 23), Text: "GOOD"}}}},
				Suggestions: []Fix{{Title: "write BEST", Edits: []Edit{{Span: p.Span(20, 23), Text: "BEST"}}}}},
			{Span: p.Span(10, 29), Message: "spans two lines", Rule: warn, Severity: Warning},
			{Span: q.Span(11, 15), Message: "found UGLY", Rule: info, Severity: Info},
		},
	}
}

func TestFormatText(t *testing.T) {
	var b bytes.Buffer
	if err := Formats["text"](&b, outputReport(t, false)); err != nil {
		t.Fatal(err)
	}
	want := `content/p.md:1:1: error front-matter page has no front matter
    1 | ## Title
      | ^
content/p.md:2:11: warning no-bad found BAD
    2 |  BAD café BAD
      |           ^^^
      note: content/q.md:2:1: see also
content/p.md:2:2: warning no-bad spans two lines
    2 |  BAD café BAD
      |  ^^^^^^^^^^^^
content/q.md:1:7: info no-ugly found UGLY
    1 | Ünï 🤝 UGLY
      |        ^^^^
2 files, 1 error, 2 warnings, 1 info
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("text output (-want +got):\n%s", diff)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("colour off, yet the output holds escape codes")
	}
}

func TestFormatTextColor(t *testing.T) {
	var b bytes.Buffer
	if err := Formats["text"](&b, outputReport(t, true)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"\x1b[31;1merror\x1b[", "\x1b[33;1mwarning\x1b[", "\x1b[34minfo\x1b[", "\x1b[36mno-bad\x1b[", "\x1b[32;1m^^^\x1b["} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured output lacks %q:\n%q", want, out)
		}
	}
	// Without the escape codes the text is the plain output.
	var plain bytes.Buffer
	_ = Formats["text"](&plain, outputReport(t, false))
	if diff := cmp.Diff(plain.String(), stripANSI(out)); diff != "" {
		t.Errorf("coloured output differs from plain beyond escapes (-plain +coloured):\n%s", diff)
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < '@' || s[j] > '~') {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestFormatTextSummary(t *testing.T) {
	tests := []struct {
		files int
		sevs  []Severity
		want  string
	}{
		{0, nil, "0 files, no findings\n"},
		{1, nil, "1 file, no findings\n"},
		{3, []Severity{Error, Error, Info}, "3 files, 2 errors, 0 warnings, 1 info"},
		{1, []Severity{Warning, Info, Info}, "1 file, 0 errors, 1 warning, 2 infos"},
	}
	r := &Rule{Meta: Meta{ID: "CL099", Name: "x"}}
	for _, tt := range tests {
		rep := &Report{Files: tt.files}
		for _, s := range tt.sevs {
			// Findings in files the report has no text for print no source.
			rep.Diagnostics = append(rep.Diagnostics, Diagnostic{Span: Span{File: "gone.md"}, Message: "m", Rule: r, Severity: s})
		}
		var b bytes.Buffer
		if err := Formats["text"](&b, rep); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if got := lines[len(lines)-1]; got != strings.TrimSuffix(tt.want, "\n") {
			t.Errorf("summary %q, want %q", got, tt.want)
		}
		if len(lines) != len(tt.sevs)+1 {
			t.Errorf("%d lines for %d findings without source:\n%s", len(lines), len(tt.sevs), b.String())
		}
	}
}

func TestFormatJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Formats["json"](&b, outputReport(t, true)); err != nil {
		t.Fatal(err)
	}
	if err := schematest.ValidateJSON(schema.Output, b.Bytes()); err != nil {
		t.Fatalf("JSON output does not match its schema: %v\n%s", err, b.String())
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("JSON output holds colour escapes")
	}
	var doc struct {
		Tool     map[string]string
		Findings []jsonFinding
		Summary  jsonSummary
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"name": "careerlint", "version": "1.2.3"}, doc.Tool); diff != "" {
		t.Errorf("tool (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(jsonSummary{Files: 2, Errors: 1, Warnings: 2, Infos: 1}, doc.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if len(doc.Findings) != 4 {
		t.Fatalf("%d findings", len(doc.Findings))
	}
	want := jsonFinding{
		Path: "content/p.md", Rule: "CL099", Name: "no-bad", Severity: "warning", Message: "found BAD",
		Start:       Position{Line: 2, Column: 11, Offset: 20},
		End:         Position{Line: 2, Column: 14, Offset: 23},
		Related:     []jsonRelated{{Path: "content/q.md", Start: Position{2, 1, 17}, End: Position{2, 7, 23}, Message: "see also"}},
		Fixes:       []jsonFix{{Title: "replace BAD", Edits: []jsonEdit{{Path: "content/p.md", Start: Position{2, 11, 20}, End: Position{2, 14, 23}, Text: "GOOD"}}}},
		Suggestions: []jsonFix{{Title: "write BEST", Edits: []jsonEdit{{Path: "content/p.md", Start: Position{2, 11, 20}, End: Position{2, 14, 23}, Text: "BEST"}}}},
		Docs:        DefaultDocsURL + "no-bad.md",
	}
	if diff := cmp.Diff(want, doc.Findings[1]); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	// Columns in code points on a CRLF line with multi-byte text.
	if got := []Position{doc.Findings[3].Start, doc.Findings[3].End}; !cmp.Equal(got, []Position{{1, 7, 11}, {1, 11, 15}}) {
		t.Errorf("UGLY at %+v", got)
	}
}

func TestFormatJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Formats["json"](&b, &Report{Version: "dev"}); err != nil {
		t.Fatal(err)
	}
	if err := schematest.ValidateJSON(schema.Output, b.Bytes()); err != nil {
		t.Fatalf("empty JSON output does not match its schema: %v\n%s", err, b.String())
	}
	if !strings.Contains(b.String(), `"findings": []`) {
		t.Errorf("no findings is not an empty array:\n%s", b.String())
	}
}

// TestFormatJSONBackslashName: a backslash is part of a file name on Linux
// and macOS (demo/back\slash.md), not a separator: a report naming such a
// file, in a finding and in its fix's edit, matches the schema.
func TestFormatJSONBackslashName(t *testing.T) {
	cfg := DefaultConfig()
	p := ParsePage(`demo/back\slash.md`, []byte("Text \n"), parseOptions(cfg))
	rule := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Info}}
	r := &Report{Version: "dev", Files: 1, Site: NewSite("/nonexistent", cfg, []*Page{p}), Diagnostics: []Diagnostic{
		{Span: p.Span(4, 5), Message: "line ends with a space", Rule: rule, Severity: Info,
			Related: []Related{{Span: p.Span(0, 4), Message: "this line"}},
			Fixes:   []Fix{{Title: "remove it", Edits: []Edit{{Span: p.Span(4, 5)}}}}},
	}}
	var b bytes.Buffer
	if err := Formats["json"](&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"path": "demo/back\\slash.md"`) {
		t.Fatalf("the path is not the file's name:\n%s", b.String())
	}
	if err := schematest.ValidateJSON(schema.Output, b.Bytes()); err != nil {
		t.Errorf("JSON output naming demo/back\\slash.md does not match its schema: %v\n%s", err, b.String())
	}
}

// TestNonUTF8NameInOutputs pins what the README says of a file name that
// is not UTF-8 (caf\xe9.md, legal on Linux): json and codequality, JSON
// text, can only write the byte as U+FFFD; sarif percent-encodes it, and
// text writes it as a Go escape.
func TestNonUTF8NameInOutputs(t *testing.T) {
	cfg := DefaultConfig()
	p := ParsePage("content/caf\xe9.md", []byte("Text \n"), parseOptions(cfg))
	rule := &Rule{Meta: Meta{ID: "CL099", Name: "no-bad", Default: Info}}
	r := &Report{Version: "dev", Files: 1, Site: NewSite("/nonexistent", cfg, []*Page{p}), Diagnostics: []Diagnostic{
		{Span: p.Span(4, 5), Message: "line ends with a space", Rule: rule, Severity: Info},
	}}
	for format, want := range map[string]string{
		"json":        `"path": "content/caf\ufffd.md"`,
		"codequality": `"path": "content/caf\ufffd.md"`,
		"sarif":       `"uri": "content/caf%E9.md"`,
		"text":        `content/caf\xe9.md:1:5:`,
	} {
		var b bytes.Buffer
		if err := Formats[format](&b, r); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: no %s in\n%s", format, want, b.String())
		}
	}
}

// TestOutputSchemaRejects: the schema check above can fail.
func TestOutputSchemaRejects(t *testing.T) {
	var b bytes.Buffer
	if err := Formats["json"](&b, outputReport(t, false)); err != nil {
		t.Fatal(err)
	}
	breakers := map[string]func(m map[string]any){
		"unknown severity":  func(m map[string]any) { finding(m)["severity"] = "fatal" },
		"column 0":          func(m map[string]any) { finding(m)["start"].(map[string]any)["column"] = 0 },
		"missing summary":   func(m map[string]any) { delete(m, "summary") },
		"extra field":       func(m map[string]any) { finding(m)["extra"] = true },
		"bad rule id":       func(m map[string]any) { finding(m)["rule"] = "no-bad" },
		"absolute path":     func(m map[string]any) { finding(m)["path"] = "/content/p.md" },
		"fix without edits": func(m map[string]any) { finding(m)["fixes"] = []any{map[string]any{"title": "t", "edits": []any{}}} },
		"empty version":     func(m map[string]any) { m["tool"].(map[string]any)["version"] = "" },
	}
	for name, brk := range breakers {
		var m map[string]any
		if err := json.Unmarshal(b.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		brk(m)
		data, _ := json.Marshal(m)
		if err := schematest.ValidateJSON(schema.Output, data); err == nil {
			t.Errorf("%s: a broken document passes validation", name)
		}
	}
}

func finding(m map[string]any) map[string]any {
	return m["findings"].([]any)[1].(map[string]any)
}

func TestFormatNames(t *testing.T) {
	names := FormatNames()
	for _, n := range []string{"json", "text"} {
		found := false
		for _, x := range names {
			found = found || x == n
		}
		if !found {
			t.Errorf("FormatNames() = %v lacks %q", names, n)
		}
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("FormatNames() not sorted: %v", names)
		}
	}
}

// sourceWindow is LineIndex.window over a text of one line.
func sourceWindow(line string, col, width int) (string, int, int) {
	return NewLineIndex([]byte(line)).window(1, col, width)
}

// TestShownLineControlCharacters checks that a line of control
// characters (the head of a binary file), each printed as a name
// ("<U+0001>"), is narrowed around the finding to print at most a quarter
// more than maxShownLine characters, with the caret under the finding;
// a line with a few of them is printed whole.
func TestShownLineControlCharacters(t *testing.T) {
	line := strings.Repeat("\x01", 150) + "\x00" + strings.Repeat("\x02", 150)
	shown, c, w := NewLineIndex([]byte(line)).shownLine(1, 151, 1)
	if n := utf8.RuneCountInString(shown); n > maxShownLine+maxShownLine/4 {
		t.Fatalf("shown %d characters, want at most %d: %q", n, maxShownLine+maxShownLine/4, shown)
	}
	if got := string([]rune(shown)[c-1 : c-1+w]); got != "<U+0000>" {
		t.Errorf("caret at column %d width %d covers %q, want <U+0000>", c, w, got)
	}
	few := "- Leads\x00." + strings.Repeat(" and more", 20)
	shown, c, w = NewLineIndex([]byte(few)).shownLine(1, 8, 1)
	if want := "- Leads<U+0000>." + strings.Repeat(" and more", 20); shown != want || c != 8 || w != 8 {
		t.Errorf("shownLine = %q, %d, %d; want the whole line, 8, 8", shown, c, w)
	}
}

// TestSourceWindow checks that a long line is printed as a window around
// the finding, with the caret still under it.
func TestSourceWindow(t *testing.T) {
	line := strings.Repeat("a", 5000) + "TARGET" + strings.Repeat("b", 5000)
	col := 5001
	shown, c, w := sourceWindow(line, col, 6)
	if n := utf8.RuneCountInString(shown); n > maxShownLine+2 {
		t.Fatalf("shown %d characters, want at most %d", n, maxShownLine+2)
	}
	runes := []rune(shown)
	if got := string(runes[c-1 : c-1+w]); got != "TARGET" {
		t.Errorf("caret at column %d width %d covers %q, want TARGET", c, w, got)
	}
	if !strings.HasPrefix(shown, "…") || !strings.HasSuffix(shown, "…") {
		t.Errorf("a cut line is marked with … at both ends: %q...", string(runes[:10]))
	}
	if s, c2, w2 := sourceWindow("short line", 3, 2); s != "short line" || c2 != 3 || w2 != 2 {
		t.Errorf("a short line is printed whole: %q %d %d", s, c2, w2)
	}
	// At the very end of a long line.
	s, c3, w3 := sourceWindow(line, utf8.RuneCountInString(line), 1)
	if r := []rune(s); string(r[c3-1:c3-1+w3]) != "b" || !strings.HasPrefix(s, "…") || strings.HasSuffix(s, "…") {
		t.Errorf("end of line: caret at %d in %q", c3, s)
	}
}

// runeSourceWindow is the reference for sourceWindow: the line as runes.
func runeSourceWindow(line string, col, width int) (string, int, int) {
	if utf8.RuneCountInString(line) <= maxShownLine {
		return line, col, width
	}
	runes := []rune(line)
	from := max(0, min(col-1-maxShownLine/4, len(runes)-maxShownLine))
	to := min(len(runes), from+maxShownLine)
	shown := string(runes[from:to])
	col -= from
	if from > 0 {
		shown = "…" + shown
		col++
	}
	if to < len(runes) {
		shown += "…"
	}
	width = max(1, min(width, to-from-(col-1)+1))
	return shown, col, width
}

// TestLongLinePositions compares columns and source windows on long lines
// (where the line index counts from marks along the line) with counting
// from the line start, on random text with multi-byte runes, invalid
// UTF-8 and CRLF endings, offsets asked for in random order.
func TestLongLinePositions(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	pieces := []string{"a", "é", "日本", "\xff", "\xe2\x82", "\t", "🙂", "\r"}
	for run := 0; run < 12; run++ {
		var b strings.Builder
		for lines := 1 + r.Intn(3); lines > 0; lines-- {
			for n := r.Intn(12000); n > 0; n-- {
				b.WriteString(pieces[r.Intn(len(pieces))])
			}
			b.WriteString([]string{"\n", "\r\n"}[r.Intn(2)])
		}
		src := []byte(b.String())
		li := NewLineIndex(src)
		for q := 0; q < 100; q++ {
			off := r.Intn(len(src) + 1)
			pos := li.Position(off)
			start := li.lines[pos.Line-1]
			want := 1 + utf8.RuneCount(src[start:off])
			if off > start && src[off-1] == '\r' && off < len(src) && src[off] == '\n' {
				want--
			}
			if pos.Column != want {
				t.Fatalf("run %d: Position(%d) column %d, counting from the line start gives %d", run, off, pos.Column, want)
			}
			// In UTF-16 code units, a whole character outside the BMP
			// counts two.
			want16 := want
			for i := start; i < off; {
				r, size := utf8.DecodeRune(src[i:])
				if i+size <= off && r >= 0x10000 {
					want16++
				}
				i += size
			}
			if got := li.UTF16Column(pos); got != want16 {
				t.Fatalf("run %d: UTF16Column at %d is %d, counting from the line start gives %d", run, off, got, want16)
			}
			line := li.Line(pos.Line)
			width := 1 + r.Intn(20)
			gs, gc, gw := li.window(pos.Line, pos.Column, width)
			ws, wc, ww := runeSourceWindow(line, pos.Column, width)
			// Compared as printed: an invalid byte is U+FFFD either way.
			gs, _, _ = expandTabs(gs, gc, gw)
			if ws, _, _ = expandTabs(ws, wc, ww); gs != ws || gc != wc || gw != ww {
				t.Fatalf("run %d: window of line %d at column %d: %q %d %d, the reference gives %q %d %d", run, pos.Line, pos.Column, gs, gc, gw, ws, wc, ww)
			}
		}
	}
}

func TestTermSafe(t *testing.T) {
	for in, want := range map[string]string{
		"content/a b/é.md":       "content/a b/é.md",
		"new\nline.md":           `new\nline.md`,
		"esc\x1b[31mred.md":      `esc\x1b[31mred.md`,
		"tab\there":              `tab\there`,
		"bad\xffbyte":            `bad\xffbyte`,
		"c1\u0085control":        `c1\u0085control`,
		"link /handbook/x\x07/":  `link /handbook/x\a/`,
		"bidi\u202egpj.exe.md":   `bidi\u202egpj.exe.md`,
		"iso\u2066late\u2069.md": `iso\u2066late\u2069.md`,
	} {
		if got := TermSafe(in); got != want {
			t.Errorf("TermSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCaretColumns: the caret is placed by terminal columns, wide
// characters taking two, combining marks and characters joined by a
// zero-width joiner none.
func TestCaretColumns(t *testing.T) {
	for _, c := range []struct {
		line              string
		col, width        int
		wantBefore, wantN int
	}{
		{"abc [x](/y/)", 5, 8, 4, 8},
		{"日本語 [x](/y/)", 5, 8, 7, 8},
		{"a日b", 2, 1, 1, 2},
		{"e\u0301t [x]", 3, 1, 1, 1},                       // e + combining acute: one column
		{"👩\u200d💻 [y]", 5, 3, 3, 3},                       // woman, joiner, laptop: one glyph of two columns
		{"é", 3, 1, 2, 1},                                  // past the end of the line
		{"x\u200by", 3, 1, 1, 1},                           // zero-width space
		{"\uff21\uff22 x", 4, 1, 5, 1},                     // fullwidth letters
		{"\U0001f1ef\U0001f1f5 x", 4, 1, 3, 1},             // a flag: two regional indicators, two columns
		{"\u2764\ufe0f x", 4, 1, 3, 1},                     // a heart with its emoji selector: two columns
		{"\u2764 x", 3, 1, 2, 1},                           // without it: one
		{"\U0001f44d\U0001f3fdx", 3, 1, 2, 1},              // thumbs up with a skin tone: two columns
		{"\u270c\U0001f3fdx", 3, 1, 2, 1},                  // a narrow base with a skin tone: two columns
		{"\U0001f5a5 x", 3, 1, 2, 1},                       // a pictograph drawn as text by default: one column
		{"\U0001f5a5\ufe0f x", 4, 1, 3, 1},                 // with its emoji selector: two
		{"\U0001f321x", 2, 1, 1, 1},                        // thermometer, text by default
		{"\U0001f3f3\ufe0f\u200d\U0001f308 x", 6, 1, 3, 1}, // rainbow flag: white flag, selector, joiner, rainbow
		{"1\ufe0f\u20e3 x", 5, 1, 3, 1},                    // a keycap: digit, selector, enclosing keycap
		{"\u1100\u1161\u11a8x", 4, 1, 2, 1},                // conjoining Hangul: one syllable of two columns
		{"\U0001fa89x", 2, 1, 2, 1},                        // an emoji newer than the width tables (harp)
		{"\u00e9\u4e2d\U0001f600a", 4, 1, 5, 1},            // é 1, 中 2, 😀 2
		// The review's line: wide emoji, a family of three joined by
		// zero-width joiners (one glyph, two columns), CJK.
		{"\u00c9moji \U0001f389\U0001f469\u200d\U0001f469\u200d\U0001f467 x [b](/nope2) \u4e2d\u6587 [c](/nope3)", 20, 6, 17, 6},
		{"\u00c9moji \U0001f389\U0001f469\u200d\U0001f469\u200d\U0001f467 x [b](/nope2) \u4e2d\u6587 [c](/nope3)", 35, 6, 34, 6},
		{"E\u0301moji \U0001f389 [d](/e)", 14, 2, 13, 2}, // É written with a combining accent
	} {
		before, n := caretColumns(c.line, c.col, c.width)
		if before != c.wantBefore || n != c.wantN {
			t.Errorf("caretColumns(%q, %d, %d) = %d, %d; want %d, %d", c.line, c.col, c.width, before, n, c.wantBefore, c.wantN)
		}
	}
}

// TestLongMessageOutputs: a link whose target is 500,000 backslashes
// gives a message of at most MaxMessageLength code points in every format
// once through the pipeline; the source line was already cut.
func TestLongMessageOutputs(t *testing.T) {
	target := strings.Repeat(`\`, 500000)
	src := "[a](<" + target + ">)\n"
	cfg := DefaultConfig()
	p := ParsePage("content/p.md", []byte(src), parseOptions(cfg))
	site := NewSite("/nonexistent", cfg, []*Page{p})
	rule := &Rule{Meta: Meta{ID: "CL012", Name: "link-target", Default: Error}}
	diags := PostProcess(site, []Diagnostic{{
		Span: p.Span(5, 5+len(target)), Rule: rule,
		Message:     "relative link " + target + " resolves to /" + target + "/, which matches no page; did you mean \"/handbook/\"",
		Suggestions: []Fix{{Title: "write " + target, Edits: []Edit{{Span: p.Span(5, 5+len(target)), Text: "/handbook/"}}}},
	}}, []*Rule{rule}, nil)
	r := &Report{Version: "1", Files: 1, Site: site, Diagnostics: diags}
	for _, name := range FormatNames() {
		out := format(t, name, r)
		if len(out) > 40000 {
			t.Errorf("%s output is %d bytes", name, len(out))
		}
		if !strings.Contains(string(out), "did you mean") {
			t.Errorf("%s output lost the did-you-mean", name)
		}
	}
	var doc struct{ Findings []jsonFinding }
	if err := json.Unmarshal(format(t, "json", r), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Findings[0].Message
	if n := utf8.RuneCountInString(m); n > MaxMessageLength || !strings.HasPrefix(m, `relative link \\\`) || !strings.HasSuffix(m, `, which matches no page; did you mean "/handbook/"`) {
		t.Errorf("message of %d code points: %.400q", n, m)
	}
	if n := utf8.RuneCountInString(doc.Findings[0].Suggestions[0].Title); n > MaxMessageRun+len("write ") {
		t.Errorf("suggestion title of %d code points", n)
	}
}

// TestControlCharactersInOutputs: messages, notes, fix titles and file
// names holding control characters, U+2028 and JSON punctuation give
// valid JSON in the json, sarif and codequality formats, with the text
// as it was once decoded, and no raw control character in any format.
func TestControlCharactersInOutputs(t *testing.T) {
	const hostile = "a\x1b[2J\x00\a\x7f\u0085\u2028\u2029\t\"\\</script>|`b"
	cfg := DefaultConfig()
	p := ParsePage("content/c\x1b[1m.md", []byte("one\ntwo "+hostile+"\n"), parseOptions(cfg))
	rule := &Rule{Meta: Meta{ID: "CL012", Name: "link-target", Default: Error}}
	r := &Report{Version: "1", Files: 1, Site: NewSite("/nonexistent", cfg, []*Page{p}), Diagnostics: []Diagnostic{{
		Span: p.Span(4, 8), Rule: rule, Severity: Error,
		Message: "link target /" + hostile + " matches no page",
		Related: []Related{{Span: p.Span(0, 3), Message: "note " + hostile}},
		Fixes:   []Fix{{Title: "write " + hostile, Edits: []Edit{{Span: p.Span(4, 8), Text: hostile}}}},
	}}}
	for _, name := range FormatNames() {
		out := string(format(t, name, r))
		text := name == "text" || name == "markdown"
		for i, c := range out {
			// JSON requires C0 escaped; the text formats escape DEL and
			// C1 too.
			if c < 0x20 && c != '\n' || text && (c == 0x7f || c >= 0x80 && c < 0xa0) {
				t.Errorf("%s: raw %U at byte %d: %q", name, c, i, out)
				break
			}
		}
		if text {
			continue
		}
		if !json.Valid([]byte(out)) {
			t.Fatalf("%s: not valid JSON: %q", name, out)
		}
		if !strings.Contains(out, `\u001b[2J\u0000\u0007`) || !strings.Contains(out, `\u2028\u2029\t\"\\</script>`) {
			t.Errorf("%s: control characters not escaped as JSON: %q", name, out)
		}
	}
	var doc struct{ Findings []jsonFinding }
	if err := json.Unmarshal(format(t, "json", r), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Findings[0]
	if f.Message != r.Diagnostics[0].Message || f.Related[0].Message != "note "+hostile || f.Fixes[0].Title != "write "+hostile || f.Path != "content/c\x1b[1m.md" {
		t.Errorf("json does not give the text back: %+v", f)
	}
	var issues []codeQualityIssue
	if err := json.Unmarshal(format(t, "codequality", r), &issues); err != nil {
		t.Fatal(err)
	}
	if issues[0].Description != r.Diagnostics[0].Message {
		t.Errorf("codequality description %q", issues[0].Description)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal(format(t, "sarif", r), &sarif); err != nil {
		t.Fatal(err)
	}
	if got := sarif.Runs[0].Results[0].Message.Text; got != r.Diagnostics[0].Message {
		t.Errorf("sarif message %q", got)
	}
	if text := string(format(t, "text", r)); !strings.Contains(text, `link target /a\x1b[2J\x00\a\x7f\u0085`) {
		t.Errorf("text output does not escape the message:\n%q", text)
	}
}

// TestTextCaretsByDisplayWidth: under a line with emoji, a family joined
// by zero-width joiners, CJK, a combining accent and a tab, the carets
// line up with the span in terminal columns, while the reported column
// counts code points.
func TestTextCaretsByDisplayWidth(t *testing.T) {
	src := "Émoji 🎉👩\u200d👩\u200d👧 x [b](/nope2) 中文 [c](/nope3)\n" +
		"\tE\u0301 🖥 ❤\ufe0f 🇯🇵 [d](/nope4)\n" +
		strings.Repeat("中", 300) + " [e](/nope5)\n"
	cfg := DefaultConfig()
	p := ParsePage("content/w.md", []byte(src), parseOptions(cfg))
	rule := &Rule{Meta: Meta{ID: "CL012", Name: "link-target", Default: Error}}
	r := &Report{Files: 1, Site: NewSite("/nonexistent", cfg, []*Page{p})}
	for _, target := range []string{"/nope2", "/nope3", "/nope4", "/nope5"} {
		at := strings.Index(src, target)
		r.Diagnostics = append(r.Diagnostics, Diagnostic{Span: p.Span(at, at+len(target)), Message: "link target " + target + " matches no page", Rule: rule, Severity: Error})
	}
	want := `content/w.md:1:20: error link-target link target /nope2 matches no page
    1 | Émoji 🎉👩‍👩‍👧 x [b](/nope2) 中文 [c](/nope3)
      |                  ^^^^^^
content/w.md:1:35: error link-target link target /nope3 matches no page
    1 | Émoji 🎉👩‍👩‍👧 x [b](/nope2) 中文 [c](/nope3)
      |                                   ^^^^^^
content/w.md:2:17: error link-target link target /nope4 matches no page
    2 |  E` + "\u0301" + ` 🖥 ❤️ 🇯🇵 [d](/nope4)
      |                ^^^^^^
content/w.md:3:306: error link-target link target /nope5 matches no page
    3 | …` + strings.Repeat("中", 188) + ` [e](/nope5)
      | ` + strings.Repeat(" ", 1+2*188+5) + `^^^^^^
1 file, 4 errors, 0 warnings, 0 infos
`
	if diff := cmp.Diff(want, string(format(t, "text", r))); diff != "" {
		t.Errorf("text output (-want +got):\n%s", diff)
	}
}

// TestExpandTabsNamesInvisible: a byte order mark or control character is
// printed by name, and the finding's column and width move with it, so
// that the caret stays under what it points at.
func TestExpandTabsNamesInvisible(t *testing.T) {
	for _, c := range []struct {
		in             string
		col, width     int
		want           string
		wantCol, wantW int
	}{
		{"\ufeff---", 1, 1, "<U+FEFF>---", 1, 8},
		{"a\x07b\tc", 3, 1, "a<U+0007>b c", 10, 1},
		{"a\x07b", 1, 3, "a<U+0007>b", 1, 10},
		{"x\xffy", 3, 1, "x\uFFFDy", 3, 1},
		{"x\u0085", 1, 1, "x<U+0085>", 1, 1},
		{"a\u202eb", 3, 1, "a<U+202E>b", 10, 1},
		// A name after the finding moves neither its column nor its width,
		// however many came before it.
		{"\x01a\x02", 2, 1, "<U+0001>a<U+0002>", 9, 1},
		{"\x01[x](/nope)\x02 tail", 6, 5, "<U+0001>[x](/nope)<U+0002> tail", 13, 5},
		{"a\x01b\x02", 2, 2, "a<U+0001>b<U+0002>", 2, 9},
		{"\x01\x02ab", 3, 1, "<U+0001><U+0002>ab", 17, 1},
	} {
		got, col, w := expandTabs(c.in, c.col, c.width)
		if got != c.want || col != c.wantCol || w != c.wantW {
			t.Errorf("expandTabs(%q, %d, %d) = %q, %d, %d; want %q, %d, %d", c.in, c.col, c.width, got, col, w, c.want, c.wantCol, c.wantW)
		}
	}
}

// TestPathFrom: a file is named from the current folder when it is below
// it, or when the current folder is inside the site; from the site root
// otherwise.
func TestPathFrom(t *testing.T) {
	root := filepath.FromSlash("/repo/site")
	for _, c := range []struct {
		workDir, file, want string
	}{
		{"/repo/site", "content/x.md", "content/x.md"},
		{"/repo", "content/x.md", "site/content/x.md"},
		{"/repo/site/content/t", "content/t/x.md", "x.md"},
		{"/repo/site/content/t", "assets/includes/n.md", "../../assets/includes/n.md"},
		{"/repo/site/content/t", "content/u/", "../u/"},
		{"/elsewhere", "content/x.md", "content/x.md"},
		{"/repo/other", "content/x.md", "content/x.md"},
		{"", "content/x.md", "content/x.md"},
	} {
		if got := PathFrom(filepath.FromSlash(c.workDir), root, c.file); got != c.want {
			t.Errorf("PathFrom(%q, %q) = %q, want %q", c.workDir, c.file, got, c.want)
		}
	}
}

// TestFixHintAfterFix: after --fix, the hint counts the fixable findings
// of the files it could not write (their fixes are still to apply), not
// those of the files it wrote, which it could not mend (Report.Unwritten).
func TestFixHintAfterFix(t *testing.T) {
	fixable := func(file string) Diagnostic {
		sp := Span{File: file, Start: 0, End: 1}
		return Diagnostic{Span: sp, Message: "m", Fixes: []Fix{{Title: "f", Edits: []Edit{{Span: sp, Text: "x"}}}}}
	}
	diags := []Diagnostic{fixable("a.md"), fixable("a.md"), fixable("b.md")}
	for _, c := range []struct {
		fixed     bool
		unwritten []string
		want      string
	}{
		{false, nil, "3 fixable with --fix"},
		{true, nil, ""},
		{true, []string{"a.md"}, "2 fixable with --fix"},
		{true, []string{"c.md"}, ""},
	} {
		r := &Report{Diagnostics: diags, Fixed: c.fixed, Unwritten: c.unwritten}
		if got := r.fixHint(); got != c.want {
			t.Errorf("fixed %v, unwritten %v: hint %q, want %q", c.fixed, c.unwritten, got, c.want)
		}
	}
}
