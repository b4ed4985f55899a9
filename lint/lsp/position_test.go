package lsp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
)

// TestPositionUTF16 converts offsets on lines with two-, three- and
// four-byte characters; the expected characters are counted with
// unicode/utf16.
func TestPositionUTF16(t *testing.T) {
	src := "ab\nCafé ünï 🤝 x\n日本語 😀😀 y\n"
	tab := newLineTable([]byte(src))
	for _, tc := range []struct {
		line   int
		prefix string // text of the line before the offset
	}{
		{0, ""}, {0, "a"}, {0, "ab"},
		{1, "Café"}, {1, "Café ünï "}, {1, "Café ünï 🤝"}, {1, "Café ünï 🤝 x"},
		{2, "日本"}, {2, "日本語 😀"}, {2, "日本語 😀😀 y"},
	} {
		lineStart := 0
		for i := 0; i < tc.line; i++ {
			lineStart += strings.IndexByte(src[lineStart:], '\n') + 1
		}
		off := lineStart + len(tc.prefix)
		want := Position{Line: tc.line, Character: len(utf16.Encode([]rune(tc.prefix)))}
		if got := tab.position(off); got != want {
			t.Errorf("position(%d) (after %q) = %+v, want %+v", off, tc.prefix, got, want)
		}
		if got := tab.offset(want); got != off {
			t.Errorf("offset(%+v) (after %q) = %d, want %d", want, tc.prefix, got, off)
		}
	}
}

// TestPositionEdges covers line endings (LF, CRLF, a lone CR), offsets
// inside a character or a line ending, positions past a line's end or
// the last line, and a character inside a surrogate pair.
func TestPositionEdges(t *testing.T) {
	src := "a😀b\r\ncd\ref\n"
	tab := newLineTable([]byte(src))
	for _, tc := range []struct {
		off  int
		want Position
	}{
		{0, Position{0, 0}},
		{1, Position{0, 1}},
		{2, Position{0, 1}}, // inside the emoji: before it
		{5, Position{0, 3}},
		{6, Position{0, 4}},  // at the '\r'
		{7, Position{0, 4}},  // between '\r' and '\n': the end of the line
		{8, Position{1, 0}},  // "cd"
		{10, Position{1, 2}}, // the lone '\r'
		{11, Position{2, 0}}, // "ef"
		{14, Position{3, 0}}, // the end
		{99, Position{3, 0}}, // clamped
		{-5, Position{0, 0}},
	} {
		if got := tab.position(tc.off); got != tc.want {
			t.Errorf("position(%d) = %+v, want %+v", tc.off, got, tc.want)
		}
	}
	for _, tc := range []struct {
		pos  Position
		want int
	}{
		{Position{0, 2}, 1},  // inside the surrogate pair: before the emoji
		{Position{0, 3}, 5},  // after it
		{Position{0, 99}, 6}, // past the end of the line: before "\r\n"
		{Position{1, 99}, 10},
		{Position{2, 1}, 12},
		{Position{9, 0}, len(src)},
		{Position{-1, 3}, 0},
	} {
		if got := tab.offset(tc.pos); got != tc.want {
			t.Errorf("offset(%+v) = %d, want %d", tc.pos, got, tc.want)
		}
	}
}

// TestApplyChange applies full and incremental changes as a client sends
// them, including ranges around astral characters and across lines.
// TestRangeOfInsideCharacter: a range whose end falls inside a character
// (a finding of one byte on a character of three) covers that character,
// as the command line's columns and caret do; its start stays before it.
func TestRangeOfInsideCharacter(t *testing.T) {
	src := "---\n中文 \na😀b\n"
	tab := newLineTable([]byte(src))
	for _, tc := range []struct {
		start, end int
		want       Range
	}{
		{4, 5, Range{Position{1, 0}, Position{1, 1}}},   // the first byte of 中
		{5, 6, Range{Position{1, 0}, Position{1, 1}}},   // inside 中 only
		{4, 7, Range{Position{1, 0}, Position{1, 1}}},   // 中 whole
		{4, 8, Range{Position{1, 0}, Position{1, 2}}},   // and a byte of 文
		{13, 14, Range{Position{2, 1}, Position{2, 3}}}, // a byte of the emoji: its two code units
		{5, 5, Range{Position{1, 0}, Position{1, 1}}},   // empty, inside 中
		{4, 4, Range{Position{1, 0}, Position{1, 0}}},   // empty, before it
	} {
		if got := tab.rangeOf(tc.start, tc.end); got != tc.want {
			t.Errorf("rangeOf(%d, %d) = %+v, want %+v", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestApplyChange(t *testing.T) {
	src := []byte("Café 🤝 x\nline two\n")
	r := func(l1, c1, l2, c2 int) *Range { return &Range{Start: Position{l1, c1}, End: Position{l2, c2}} }
	for _, tc := range []struct {
		change TextDocumentContentChangeEvent
		want   string
	}{
		{TextDocumentContentChangeEvent{Text: "new"}, "new"},
		{TextDocumentContentChangeEvent{Range: r(0, 7, 0, 7), Text: "!"}, "Café 🤝! x\nline two\n"},
		{TextDocumentContentChangeEvent{Range: r(0, 5, 0, 7), Text: "ok"}, "Café ok x\nline two\n"},
		{TextDocumentContentChangeEvent{Range: r(0, 8, 1, 4), Text: "-"}, "Café 🤝 - two\n"},
		{TextDocumentContentChangeEvent{Range: r(1, 0, 2, 0), Text: ""}, "Café 🤝 x\n"},
		{TextDocumentContentChangeEvent{Range: r(5, 0, 5, 0), Text: "end\n"}, "Café 🤝 x\nline two\nend\n"},
	} {
		if got, _, _, _ := applyChange(src, tc.change); string(got) != tc.want {
			t.Errorf("applyChange(%+v) = %q, want %q", tc.change, string(got), tc.want)
		}
	}
}

// TestMinimalEdit checks that the single edit from one text to another
// keeps the common start and end, never splits a character or a CRLF, and
// turns the old text into the new.
func TestMinimalEdit(t *testing.T) {
	for _, tc := range []struct{ old, new, text string }{
		{"1. a\n2. b\n", "1. a\n1. b\n", "1"},
		{"x 🤝 y", "x 🤗 y", "🤗"}, // same first bytes: not split
		{"a\r\nb", "a\r\r\nb", "\r"},
		{"abc", "abcd", "d"},
		{"abcd", "abc", ""},
	} {
		s, e, text, ok := minimalEdit([]byte(tc.old), []byte(tc.new))
		if !ok {
			t.Fatalf("%q -> %q: no edit", tc.old, tc.new)
		}
		if got := tc.old[:s] + text + tc.old[e:]; got != tc.new {
			t.Errorf("%q -> %q: edit [%d,%d) %q gives %q", tc.old, tc.new, s, e, text, got)
		}
		if text != tc.text && !strings.Contains(text, tc.text) {
			t.Errorf("%q -> %q: edit text %q, want %q", tc.old, tc.new, text, tc.text)
		}
		tab := newLineTable([]byte(tc.old))
		if tab.offset(tab.position(s)) != s || tab.offset(tab.position(e)) != e {
			t.Errorf("%q -> %q: edit [%d,%d) does not fall on positions", tc.old, tc.new, s, e)
		}
	}
	if _, _, _, ok := minimalEdit([]byte("same"), []byte("same")); ok {
		t.Error("equal texts gave an edit")
	}
}

// TestURI converts file paths with spaces and non-ASCII letters to URIs
// and back, and refuses other schemes.
func TestURI(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	p := "/home/me/hand book/Café #1.md"
	u := pathToURI(p)
	if u != "file:///home/me/hand%20book/Caf%C3%A9%20%231.md" {
		t.Errorf("pathToURI = %q", u)
	}
	if back, err := uriToPath(u); err != nil || back != p {
		t.Errorf("uriToPath(%q) = %q, %v", u, back, err)
	}
	// VS Code writes some characters encoded that need not be.
	if back, err := uriToPath("file:///home/me/a%3Ab.md"); err != nil || back != "/home/me/a:b.md" {
		t.Errorf("uriToPath of an encoded colon = %q, %v", back, err)
	}
	if _, err := uriToPath("untitled:Untitled-1"); err == nil {
		t.Error("an untitled URI gave a path")
	}
}

// TestSiteRoot finds the root from the workspace folder when it leads to
// one holding the file, and from the file otherwise.
func TestSiteRoot(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "repo", "handbook")
	page := filepath.Join(site, "content", "handbook", "x", "senior.md")
	for _, d := range []string{filepath.Dir(page), filepath.Join(site, "assets")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The workspace is a folder inside the site: walk up from it.
	if got := siteRoot([]string{filepath.Join(site, "content")}, page); got != site {
		t.Errorf("folder inside the site: root %s, want %s", got, site)
	}
	// The workspace holds the site in a subfolder: found from the file.
	if got := siteRoot([]string{filepath.Join(dir, "repo")}, page); got != site {
		t.Errorf("site below the folder: root %s, want %s", got, site)
	}
	// A configuration file at the workspace root wins over content/ and
	// assets/ folders below it.
	if err := os.WriteFile(filepath.Join(dir, "repo", ".careerlint.yaml"), []byte("content: handbook/content\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := siteRoot([]string{filepath.Join(dir, "repo")}, page); got != filepath.Join(dir, "repo") {
		t.Errorf("configured workspace root: root %s, want %s", got, filepath.Join(dir, "repo"))
	}
	// No folder at all: from the file.
	if got := siteRoot(nil, page); got != site {
		t.Errorf("no folder: root %s, want %s", got, site)
	}
}

// TestMapSpan moves a finding's byte range through the edits made after
// the version it was found in: edits after it leave it, edits before it
// shift it, edits touching it drop it, and edits of other versions are
// skipped.
func TestMapSpan(t *testing.T) {
	// The finding covers [10, 15) at version 3.
	for _, tc := range []struct {
		name       string
		edits      []textEdit
		start, end int
		ok         bool
	}{
		{"no edit", nil, 10, 15, true},
		{"insert before", []textEdit{{4, 2, 2, 3}}, 13, 18, true},
		{"delete before", []textEdit{{4, 0, 4, 0}}, 6, 11, true},
		{"insert at its start", []textEdit{{4, 10, 10, 2}}, 12, 17, true},
		{"insert at its end", []textEdit{{4, 15, 15, 2}}, 10, 15, true},
		{"after", []textEdit{{4, 20, 30, 0}}, 10, 15, true},
		{"inside", []textEdit{{4, 12, 13, 1}}, 0, 0, false},
		{"across its start", []textEdit{{4, 8, 11, 0}}, 0, 0, false},
		{"seen by the run", []textEdit{{3, 0, 0, 100}}, 10, 15, true},
		{"newer than wanted", []textEdit{{9, 0, 0, 100}}, 10, 15, true},
		{"two in order", []textEdit{{4, 0, 0, 5}, {5, 0, 2, 0}}, 13, 18, true},
	} {
		start, end, ok := mapSpan(10, 15, tc.edits, 3, 5)
		if ok != tc.ok || ok && (start != tc.start || end != tc.end) {
			t.Errorf("%s: mapSpan = %d, %d, %v; want %d, %d, %v", tc.name, start, end, ok, tc.start, tc.end, tc.ok)
		}
	}
}

// TestRangeProblem: a change range outside the text, or ending before it
// starts, is named (the server logs it); a character past the end of its
// line, and the position just past the last line, are fine.
func TestRangeProblem(t *testing.T) {
	src := []byte("ab\ncd\r\nef")
	for _, c := range []struct {
		r    Range
		want string
	}{
		{Range{Position{0, 0}, Position{2, 2}}, ""},
		{Range{Position{1, 9}, Position{1, 9}}, ""},
		{Range{Position{3, 0}, Position{3, 0}}, ""},
		{Range{Position{3, 1}, Position{3, 1}}, "position 3:1 is outside the text of 3 lines"},
		{Range{Position{-1, 0}, Position{0, 0}}, "position -1:0 is outside the text of 3 lines"},
		{Range{Position{7, 0}, Position{7, 0}}, "position 7:0 is outside the text of 3 lines"},
		{Range{Position{1, 2}, Position{1, 1}}, "the range ends (1:1) before it starts (1:2)"},
		{Range{Position{2, 0}, Position{0, 5}}, "the range ends (0:5) before it starts (2:0)"},
	} {
		if got := rangeProblem(src, c.r); got != c.want {
			t.Errorf("rangeProblem(%v) = %q, want %q", c.r, got, c.want)
		}
	}
}

// applyByteEdits applies edits to old, failing when they are out of
// order, overlap or leave the text.
func applyByteEdits(old string, edits []byteEdit) (string, error) {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last || e.end < e.start || e.end > len(old) {
			return "", fmt.Errorf("edits out of order, overlapping or outside the text of %d bytes: %+v", len(old), edits)
		}
		b.WriteString(old[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	return b.String() + old[last:], nil
}

// FuzzMinimalEdits: whatever the two texts, the edits are in order, apart
// and inside the old text, and applied to it they give the new one. The
// seeds are paired with the text a fix-all makes of them (list markers
// changed, runs of blank lines shortened, the final newline added).
func FuzzMinimalEdits(f *testing.F) {
	for _, s := range fuzzseed.Seeds(f, "FuzzMinimalEdits") {
		fixed := strings.ReplaceAll(string(s), "* ", "- ")
		fixed = strings.ReplaceAll(fixed, "\n\n\n", "\n\n")
		fixed = strings.TrimRight(fixed, "\n") + "\n"
		f.Add(s, []byte(fixed))
		f.Add([]byte(fixed), s)
	}
	f.Fuzz(func(t *testing.T, old, new []byte) {
		edits := minimalEdits(old, new)
		got, err := applyByteEdits(string(old), edits)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(new) {
			t.Fatalf("minimalEdits(%q, %q) = %+v, which gives %q", old, new, edits, got)
		}
	})
}

// TestMinimalEdits: the edits, applied to the old text, give the new one;
// they are in order, apart, and one per run of changed lines.
func TestMinimalEdits(t *testing.T) {
	apply := func(old string, edits []byteEdit) string {
		out, err := applyByteEdits(old, edits)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	old := "a\n* one\nb\nc\n* two\nd\n"
	new := "a\n- one\nb\nc\n- two\nd\n"
	edits := minimalEdits([]byte(old), []byte(new))
	if want := []byteEdit{{2, 3, "-"}, {12, 13, "-"}}; fmt.Sprint(edits) != fmt.Sprint(want) {
		t.Errorf("edits %+v, want %+v", edits, want)
	}
	// A fix that adds or removes lines (a final newline added, blank
	// lines at the end removed) leaves the lines between the fixes alone.
	for _, tc := range []struct {
		old, new string
		want     []byteEdit
	}{
		{"a\n* one\nb\nc\nd\ne", "a\n- one\nb\nc\nd\ne\n", []byteEdit{{2, 3, "-"}, {15, 15, "\n"}}},
		{"* x\nb\nc\n\n\n\n", "- x\nb\nc\n", []byteEdit{{0, 1, "-"}, {8, 11, ""}}},
		{"* x\nb\n\nc\n* y\n", "- x\nb\nc\n- y\n", []byteEdit{{0, 1, "-"}, {6, 7, ""}, {9, 10, "-"}}},
	} {
		edits := minimalEdits([]byte(tc.old), []byte(tc.new))
		if fmt.Sprint(edits) != fmt.Sprint(tc.want) || apply(tc.old, edits) != tc.new {
			t.Errorf("minimalEdits(%q, %q) = %+v, want %+v", tc.old, tc.new, edits, tc.want)
		}
	}
	// A long page with a fix every tenth line: one edit each (the lines
	// compared once, not each with each: a diff of them took minutes).
	var ob, nb strings.Builder
	for i := range 8000 {
		if i%2 == 1 {
			ob.WriteString("\n")
			nb.WriteString("\n")
			continue
		}
		fmt.Fprintf(&ob, "* item %d\n", i%7)
		if i%20 == 0 {
			fmt.Fprintf(&nb, "- item %d\n", i%7)
		} else {
			fmt.Fprintf(&nb, "* item %d\n", i%7)
		}
	}
	if edits := minimalEdits([]byte(ob.String()), []byte(nb.String())); len(edits) != 400 || apply(ob.String(), edits) != nb.String() {
		t.Errorf("long page: %d edits, want 400", len(edits))
	}
	// The same with blank lines removed at its end: one edit more.
	ob.WriteString("\n\n\n")
	if edits := minimalEdits([]byte(ob.String()), []byte(nb.String())); len(edits) != 401 || apply(ob.String(), edits) != nb.String() {
		t.Errorf("long page with blank lines at the end: %d edits, want 401", len(edits))
	}
	// Texts too different to diff: one edit over the lines between.
	if edits := minimalEdits([]byte(ob.String()), []byte(strings.ReplaceAll(nb.String(), "item", "entry")+"end\n")); len(edits) != 1 {
		t.Errorf("different texts: %d edits, want 1", len(edits))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "🤝", "\n", "\r\n", "* ", "x\n"}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 2000 {
		o, n := gen(rng.IntN(30)), gen(rng.IntN(30))
		if got := apply(o, minimalEdits([]byte(o), []byte(n))); got != n {
			t.Fatalf("minimalEdits(%q, %q) gives %q", o, n, got)
		}
	}
}

// TestChangeApplier applies runs of changes as one didChange does, and
// compares the text with the changes applied one by one (applyChange on a
// fresh line table each): the same text and byte ranges, and the same
// problems, whatever the order of the changes and the line endings they
// make or split (a CR that a change turns into a CRLF, a CRLF it cuts).
func TestChangeApplier(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "🤝", "\n", "\r", "\r\n", "", "xy"}
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for run := range 3000 {
		src := []byte(text(rng.IntN(40)))
		want, got := slices.Clone(src), slices.Clone(src)
		var a changeApplier
		lines := len(newLineTable(src).starts)
		line := lines + 1
		for range rng.IntN(8) {
			// Mostly from the end towards the start, as editors send them.
			if rng.IntN(4) > 0 {
				line = rng.IntN(max(line, 1))
			} else {
				line = rng.IntN(lines + 2)
			}
			r := Range{Start: Position{line, rng.IntN(4)}, End: Position{line + rng.IntN(2), rng.IntN(4)}}
			if rng.IntN(10) == 0 {
				r.Start.Character = -1
			}
			c := TextDocumentContentChangeEvent{Range: &r, Text: text(rng.IntN(4))}
			wantWhy, gotWhy := rangeProblem(want, r), a.problem(got, r)
			if wantWhy != gotWhy {
				t.Fatalf("run %d: problem of %v in %q: %q, want %q", run, r, got, gotWhy, wantWhy)
			}
			if wantWhy != "" {
				continue
			}
			var ws, we, wn, gs, ge, gn int
			want, ws, we, wn = applyChange(want, c)
			got, gs, ge, gn = a.apply(got, c)
			if string(got) != string(want) || gs != ws || ge != we || gn != wn {
				t.Fatalf("run %d: %v %q gives %q [%d,%d)+%d, want %q [%d,%d)+%d", run, r, c.Text, got, gs, ge, gn, want, ws, we, wn)
			}
			lines = len(newLineTable(want).starts)
		}
	}
}

// TestChangeApplierReplaceAll applies a replace all of 8,000 matches in a
// page of 2 MB, sent from the last match to the first as editors send it:
// a line table for each change took two minutes here (logged, not held to
// a limit, as the machine decides it).
func TestChangeApplierReplaceAll(t *testing.T) {
	if raceEnabled {
		t.Skip("applies on one goroutine: nothing for the race detector, and half a minute under it")
	}
	var b strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&b, "line %d with some words in it to be long enough\n", i)
	}
	src := []byte(b.String())
	want := strings.ReplaceAll(b.String(), "line 1", "LINE 1")
	start := time.Now()
	var a changeApplier
	for i := 39999; i >= 0; i-- {
		if !strings.HasPrefix(fmt.Sprint(i), "1") {
			continue
		}
		r := Range{Start: Position{i, 0}, End: Position{i, 4}}
		if why := a.problem(src, r); why != "" {
			t.Fatal(why)
		}
		src, _, _, _ = a.apply(src, TextDocumentContentChangeEvent{Range: &r, Text: "LINE"})
	}
	t.Logf("%v", time.Since(start))
	if string(src) != want {
		t.Error("the text differs from the one replaced at once")
	}
}

// TestSiteRootHugo: a folder holding a Hugo configuration whose content
// folder exists is a site root, as on the command line, and its defaults
// read the pages from that content folder; a handbook with its own
// .careerlint.yaml below it stays a site of its own.
func TestSiteRootHugo(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "repo")
	page := filepath.Join(site, "site", "people", "careers", "eng", "senior-engineer.md")
	nested := filepath.Join(site, "handbook")
	nestedPage := filepath.Join(nested, "docs", "senior.md")
	for _, d := range []string{filepath.Dir(page), filepath.Join(site, "partials"), filepath.Dir(nestedPage)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "hugo.toml"), []byte("contentDir = \"site\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(nested, lint.ConfigFileName), []byte("content: docs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, folders := range [][]string{{site}, {filepath.Join(site, "site")}, {dir}, nil} {
		if got := siteRoot(folders, page); got != site {
			t.Errorf("folders %q: root %s, want %s", folders, got, site)
		}
	}
	if got := siteRoot(nil, nestedPage); got != nested {
		t.Errorf("nested handbook: root %s, want %s", got, nested)
	}
	cfg, _, err := loadConfig(filepath.Join(site, lint.ConfigFileName), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Content != "site" {
		t.Errorf("defaults of the Hugo site: content %q, want \"site\"", cfg.Content)
	}
}
