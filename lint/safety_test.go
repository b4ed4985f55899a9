package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// within fails the test when fn does not return within d: the guard of a
// test whose failure mode is a hang.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not finish within %v", what, d)
	}
}

// dirNames lists a folder's entries.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteFileAtomicRefusesOutsideRoot checks that --fix never writes a
// file outside the root: not through "..", not by an absolute path, not
// through a symlinked file or folder that points outside.
func TestWriteFileAtomicRefusesOutsideRoot(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	writeTree(t, root, map[string]string{"content/page.md": "inside\n"})
	writeTree(t, outside, map[string]string{"secret.md": "secret\n"})
	mustSymlink(t, filepath.Join(outside, "secret.md"), filepath.Join(root, "content", "link.md"))
	mustSymlink(t, "../../outside/secret.md", filepath.Join(root, "content", "rel-link.md"))
	mustSymlink(t, outside, filepath.Join(root, "content", "dir"))
	for _, rel := range []string{
		"../outside/secret.md",
		"content/../../outside/secret.md",
		filepath.Join(outside, "secret.md"),
		"content/link.md",
		"content/rel-link.md",
		"content/dir/secret.md",
	} {
		err := WriteFileAtomic(root, rel, []byte("secret\n"), []byte("overwritten\n"))
		if !errors.Is(err, ErrOutsideRoot) {
			t.Errorf("WriteFileAtomic(%q) = %v, want ErrOutsideRoot", rel, err)
		}
	}
	if got := mustRead(t, filepath.Join(outside, "secret.md")); got != "secret\n" {
		t.Errorf("the file outside the root was changed to %q", got)
	}
	if names := dirNames(t, outside); !slices.Equal(names, []string{"secret.md"}) {
		t.Errorf("files outside the root: %v, want only secret.md", names)
	}
}

// TestWriteFileAtomicSymlinkInsideRoot checks that a symlink to a file
// inside the root is written through: the target gets the new text and
// the link stays a link.
func TestWriteFileAtomicSymlinkInsideRoot(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"content/real.md": "old\n"})
	mustSymlink(t, "real.md", filepath.Join(root, "content", "alias.md"))
	if err := WriteFileAtomic(root, "content/alias.md", []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, filepath.Join(root, "content", "real.md")); got != "new\n" {
		t.Errorf("target = %q, want new text", got)
	}
	if fi, err := os.Lstat(filepath.Join(root, "content", "alias.md")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("alias.md is no longer a symlink (%v)", err)
	}
}

// TestWriteFileAtomicRefusesChangedFile checks that a file edited on disk
// after careerlint read it is reported and not overwritten.
func TestWriteFileAtomicRefusesChangedFile(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"p.md": "edited by someone else\n"})
	err := WriteFileAtomic(root, "p.md", []byte("what careerlint read\n"), []byte("fixed\n"))
	if !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("err = %v, want ErrChangedOnDisk", err)
	}
	if !strings.Contains(err.Error(), "p.md") {
		t.Errorf("error %q does not name the file", err)
	}
	if got := mustRead(t, filepath.Join(root, "p.md")); got != "edited by someone else\n" {
		t.Errorf("file = %q, want the other edit kept", got)
	}
	if names := dirNames(t, root); !slices.Equal(names, []string{"p.md"}) {
		t.Errorf("files left: %v, want only p.md", names)
	}
}

// TestWriteFileAtomicTempInSameFolder checks that the temporary file is
// made in the file's own folder (a rename across file systems would not
// be atomic): writing works with no usable $TMPDIR, and leaves nothing
// behind.
func TestWriteFileAtomicTempInSameFolder(t *testing.T) {
	root := writeTree(t, t.TempDir(), map[string]string{"a/b/p.md": "old\n"})
	t.Setenv("TMPDIR", filepath.Join(root, "no-such-folder"))
	if err := WriteFileAtomic(root, "a/b/p.md", []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, filepath.Join(root, "a", "b")); !slices.Equal(names, []string{"p.md"}) {
		t.Errorf("files left: %v, want only p.md", names)
	}
	// A folder where no file can be created: the write fails and the
	// file is untouched.
	if os.Geteuid() == 0 {
		return // root can create files in a read-only folder
	}
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no read-only folders: chmod 0555 sets an attribute that file creation ignores")
	}
	dir := filepath.Join(root, "a", "b")
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if err := WriteFileAtomic(root, "a/b/p.md", []byte("new\n"), []byte("newer\n")); err == nil {
		t.Error("writing into a read-only folder succeeded")
	}
	if got := mustRead(t, filepath.Join(dir, "p.md")); got != "new\n" {
		t.Errorf("file = %q after a failed write", got)
	}
}

// TestWriteFileAtomicReadersSeeOldOrNew replaces a large file again and
// again while readers read it: every read is exactly the old or the new
// text, never a mix or a truncated file.
func TestWriteFileAtomicReadersSeeOldOrNew(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows refuses to replace a file while a reader has it open (Go opens files without FILE_SHARE_DELETE), and these readers never pause; TestWriteFileAtomicWaitsForReader checks that a fix waits for a reader")
	}
	root := t.TempDir()
	p := filepath.Join(root, "p.md")
	texts := [][]byte{bytes.Repeat([]byte("old line\n"), 400_000), bytes.Repeat([]byte("new text, longer line\n"), 300_000)}
	if err := os.WriteFile(p, texts[0], 0o644); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var bad atomic.Value
	var reads atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				b, err := os.ReadFile(p)
				if err != nil {
					bad.Store(fmt.Sprintf("read failed: %v", err))
					return
				}
				if !bytes.Equal(b, texts[0]) && !bytes.Equal(b, texts[1]) {
					bad.Store(fmt.Sprintf("a reader saw %d bytes that are neither the old nor the new text", len(b)))
					return
				}
				reads.Add(1)
			}
		}()
	}
	for i := 0; i < 20 && bad.Load() == nil; i++ {
		if err := WriteFileAtomic(root, "p.md", texts[i%2], texts[(i+1)%2]); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if msg := bad.Load(); msg != nil {
		t.Fatal(msg)
	}
	t.Logf("%d reads, all old or new", reads.Load())
}

// TestFixGroupWholeFixesOnly checks that a fix whose edits overlap each
// other, leave the file, or belong to another file is not taken at all:
// applying part of a fix could leave the text worse than before.
func TestFixGroupWholeFixesOnly(t *testing.T) {
	e := func(file string, start, end int, text string) Edit {
		return Edit{Span: Span{File: file, Start: start, End: end}, Text: text}
	}
	d := func(edits ...Edit) Fix { return Fix{Title: "t", Edits: edits} }
	fixes := []Fix{
		d(e("f", 0, 4, "a"), e("f", 2, 6, "b")),  // overlaps itself
		d(e("f", 8, 9, "c"), e("f", 20, 30, "")), // past the end of 10 bytes
		d(e("f", 1, 2, "d"), e("g", 1, 2, "e")),  // partly in another file
		d(e("f", 5, 5, "f"), e("f", 5, 5, "g")),  // two inserts at one place
		d(e("f", 3, 4, "h"), e("f", 6, 7, "i")),  // good
		d(e("f", 6, 8, "j")),                     // overlaps the good one
	}
	got := fixGroup(fixes, "f", 10)
	want := []Edit{e("f", 3, 4, "h"), e("f", 6, 7, "i")}
	if !slices.Equal(got, want) {
		t.Errorf("fixGroup = %+v, want only the good fix %+v", got, want)
	}
}

// TestYAMLAliasBombs checks that front matter and configuration whose
// aliases never end, or expand to billions of values, are reported at the
// alias, quickly, instead of hanging or overflowing the stack.
func TestYAMLAliasBombs(t *testing.T) {
	var laughs strings.Builder
	laughs.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&laughs, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				laughs.WriteString(", ")
			}
			fmt.Fprintf(&laughs, "*a%d", i-1)
		}
		laughs.WriteString("]\n")
	}
	tests := []struct {
		name, yaml, want string
		line, col        int
	}{
		{"self", "title: T\nloop: &l [1, *l]\n", "invalid YAML: alias *l is inside the value of its own anchor &l, so it never ends; remove the alias", 2, 14},
		{"self in map", "m: &m\n  k: *m\n", "invalid YAML: alias *m is inside the value of its own anchor &m, so it never ends; remove the alias", 2, 6},
		{"billion laughs", laughs.String(), "invalid YAML: aliases expand the document to more than 100000 values; write the values out instead of nesting aliases", 7, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("---\n" + tt.yaml + "---\n")
			within(t, 10*time.Second, "front matter", func() {
				fm := ParseFrontMatter(src)
				if fm.Err == nil {
					t.Fatalf("no problem reported")
				}
				pos := NewLineIndex(src).Position(fm.Err.Offset)
				if fm.Err.Message != tt.want || pos.Line != tt.line+1 || pos.Column != tt.col {
					t.Errorf("front matter: %d:%d %s\nwant %d:%d %s", pos.Line, pos.Column, fm.Err.Message, tt.line+1, tt.col, tt.want)
				}
			})
			within(t, 10*time.Second, "configuration", func() {
				_, err := ParseConfig("c.yaml", []byte(tt.yaml), nil)
				want := fmt.Sprintf("c.yaml:%d:%d: %s", tt.line, tt.col, tt.want)
				if err == nil || err.Error() != want {
					t.Errorf("configuration: %v\nwant %s", err, want)
				}
			})
		})
	}
	// Aliases that expand to a few values are fine.
	fm := ParseFrontMatter([]byte("---\nbase: &b [1, 2]\nmore: [*b, *b, *b]\n---\n"))
	if fm.Err != nil {
		t.Errorf("harmless aliases reported: %s", fm.Err.Message)
	}
}

// TestTOMLManyKeys checks that front matter with many keys and tables
// decodes in linear time with every key at its position: keys used to be
// searched from the start of the text, once per key, which took minutes.
func TestTOMLManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("+++\n")
	const n = 30000
	for i := range n {
		fmt.Fprintf(&b, "key_%d = %d\n", i, i)
	}
	// Tables written as [tN] headers have no "tN =" line to find: each
	// search for one reads to the end of the text.
	for i := range n / 3 {
		fmt.Fprintf(&b, "[t%d]\n", i)
	}
	b.WriteString("+++\n")
	src := []byte(b.String())
	within(t, 20*time.Second, "TOML front matter of many keys", func() {
		fm := ParseFrontMatter(src)
		if fm.Err != nil || len(fm.Root.Children) != n+n/3 {
			t.Fatalf("decoded %v keys, err %v", len(fm.Root.Children), fm.Err)
		}
		last := fm.Root.Children[n-1]
		if got := string(src[last.KeyStart:last.KeyEnd]); got != fmt.Sprintf("key_%d", n-1) {
			t.Errorf("last key spans %q", got)
		}
		if got := string(src[last.Start:last.End]); got != fmt.Sprint(n-1) {
			t.Errorf("last value spans %q", got)
		}
	})
}

// TestDeepNesting checks that lists and blockquotes nested 100,000 deep
// are reported at the first marker past the limit, in linear time,
// without parsing (goldmark needs seconds for each), while thematic
// breaks and ordinary nesting are left alone.
func TestDeepNesting(t *testing.T) {
	const deep = 100_000
	for name, line := range map[string]string{
		"blockquotes":    strings.Repeat("> ", deep) + "x",
		"bullets":        strings.Repeat("- ", deep) + "x",
		"ordered":        strings.Repeat("1. ", deep) + "x",
		"mixed":          strings.Repeat("> 1) * ", deep/3) + "x",
		"indented items": strings.Repeat(" ", 2*deep) + "- x",
	} {
		t.Run(name, func(t *testing.T) {
			src := []byte("---\ntitle: T\n---\n\n## Deep\n\n" + line + "\n\nafter\n")
			var p *Page
			// A guard against a hang only: the parse's speed is
			// BenchmarkPathological's.
			within(t, 10*time.Second, "parsing", func() { p = ParsePage("deep.md", src, parseOptions(DefaultConfig())) })
			if p.Parsed() || len(p.Problems) != 1 || p.Problems[0].Kind != ProblemTooDeep {
				t.Fatalf("parsed %v, problems %+v; want one too-deep problem", p.Parsed(), p.Problems)
			}
			pr := p.Problems[0]
			lineStart := bytes.Index(src, []byte(line))
			if pr.Start <= lineStart || pr.Start >= lineStart+len(line) || pr.End != pr.Start+1 {
				t.Errorf("problem at %d-%d, want one byte inside the line at %d", pr.Start, pr.End, lineStart)
			}
			if !strings.HasPrefix(pr.Message, "line nests ") || !strings.HasSuffix(pr.Message, "over the limit of 100; the file was not parsed") {
				t.Errorf("message %q", pr.Message)
			}
		})
	}
	for name, src := range map[string]string{
		"thematic break": strings.Repeat("* ", 300) + "\n\n" + strings.Repeat("-", 500) + "\n",
		"usual nesting":  "> 1. a\n>    - b\n>      > c\n" + strings.Repeat("    ", 20) + "code\n",
		"at the limit":   strings.Repeat("> ", MaxNesting) + "x\n",
	} {
		if p := ParsePage("ok.md", []byte(src), parseOptions(DefaultConfig())); !p.Parsed() {
			t.Errorf("%s: not parsed: %+v", name, p.Problems)
		}
	}
	if p := ParsePage("over.md", []byte(strings.Repeat("> ", MaxNesting+1)+"x\n"), parseOptions(DefaultConfig())); p.Parsed() {
		t.Errorf("one level over the limit was parsed")
	}
}

// TestTooComplex: a file whose paragraphs would take goldmark seconds
// (unmatched emphasis closers times openers, unclosed link destinations
// squared, summed over paragraphs), a table past the cell limit, or a file
// of too many lines, is not parsed, and the problem names what and where;
// ordinary long pages, code, and text just under the limits are parsed.
func TestTooComplex(t *testing.T) {
	if raceEnabled {
		t.Skip("parses on one goroutine: nothing for the race detector, and minutes under it")
	}
	opt := parseOptions(DefaultConfig())
	head := "---\ntitle: x\n---\n\n"
	table := func(cols, rows int) string {
		return strings.Repeat("|a", cols) + "|\n" + strings.Repeat("|-", cols) + "|\n" + strings.Repeat(strings.Repeat("|b", 2)+"|\n", rows-2)
	}
	for name, c := range map[string]struct {
		src, msg string
		at       int
	}{
		"emphasis": {head + "text\n" + strings.Repeat("*a_", 10100) + "\n", `paragraph holds 20200 runs of "*" or "_" that goldmark, and Hugo, would take seconds to match up`, len(head)},
		// Runs that can neither open nor close stay on goldmark's list,
		// and every closer that matches nothing walks past them.
		"inert runs":          {head + strings.Repeat("foo_bar ", 10000) + strings.Repeat("a* ", 10000) + "\n", `paragraph holds 20000 runs`, len(head)},
		"rule of three":       {head + strings.Repeat("**a ", 10000) + strings.Repeat("a*b ", 10000) + "\n", `paragraph holds 20000 runs`, len(head)},
		"unicode punctuation": {head + strings.Repeat("*a_\u3002 ", 10100) + "\n", `paragraph holds 20200 runs`, len(head)},
		"quoted lines":        {head + "> start\n" + strings.Repeat("> "+strings.Repeat("*a_", 100)+"\n", 110), `paragraph holds 22000 runs`, len(head)},
		"not headings":        {head + "text\n" + strings.Repeat("#x "+strings.Repeat("*a_", 100)+"\n", 110), `paragraph holds 22000 runs`, len(head)},
		"not list items":      {head + "text\n" + strings.Repeat("2) "+strings.Repeat("*a_", 100)+"\n", 110), `paragraph holds 22000 runs`, len(head)},
		"inline html":         {head + "text\n" + strings.Repeat("<b> "+strings.Repeat("*a_", 100)+"\n", 110), `paragraph holds 22000 runs`, len(head)},
		// Lines that goldmark keeps in one paragraph, which a split would
		// undercount.
		"lazy quote lines":   {head + strings.Repeat("> "+strings.Repeat("*a_ ", 10)+"\n"+strings.Repeat("*a_ ", 10)+"\n", 550), `paragraph holds`, len(head)},
		"empty ordered item": {head + strings.Repeat(strings.Repeat("*a_ ", 10)+"\n1.\n", 1100), `paragraph holds`, len(head)},
		"not html":           {head + strings.Repeat(strings.Repeat("*a_ ", 10)+"\n<!!\n", 1100), `paragraph holds`, len(head)},
		"before a table":     {head + strings.Repeat(strings.Repeat("*a_ ", 10)+"\n", 1100) + "x|y\n-|-\n", `paragraph holds`, len(head)},
		"after a table":      {head + "a|b\n-|-\n# h\n" + strings.Repeat(strings.Repeat("*a_ ", 10)+"\n", 1100), `paragraph holds`, len(head) + len("a|b\n-|-\n")},
		// goldmark's nodes take memory: hundreds of bytes each.
		"too many marks": {head + "text\n\n" + strings.Repeat("[", MaxInlineMarks) + "\n\n`a`\n", `file holds more than 200000 link brackets, backticks, HTML tags and emphasis runs, the limit`, len(head) + len("text\n\n") + MaxInlineMarks + 2},
		"many runs":      {head + strings.Repeat("*a* ", MaxDelimiterRuns/2+1) + "\n", `file holds more than 200000 link brackets`, len(head)},
		// An HTML block ends where CommonMark ends it: the text after it
		// counts.
		"marks after a comment": {head + "<!-- c -->\n" + strings.Repeat("[", MaxInlineMarks+1) + "\n", `file holds more than 200000 link brackets`, len(head) + len("<!-- c -->\n")},
		"marks after a div":     {head + "<div>\n\n" + strings.Repeat("[", MaxInlineMarks+1) + "\n", `file holds more than 200000 link brackets`, len(head) + len("<div>\n\n")},
		// Lines goldmark opens no HTML block with: the text after them
		// counts.
		"marks after <!x":                      {head + "<!x\n" + strings.Repeat("`a` ", MaxInlineMarks/2+1) + "\n", `file holds more than 200000 link brackets`, len(head) + len("<!x\n")},
		"marks after <pre-x":                   {head + "<pre-x\n" + strings.Repeat("`a` ", MaxInlineMarks/2+1) + "\n", `file holds more than 200000 link brackets`, len(head) + len("<pre-x\n")},
		"marks after <div, a tab":              {head + "<div\tx\n" + strings.Repeat("`a` ", MaxInlineMarks/2+1) + "\n", `file holds more than 200000 link brackets`, len(head) + len("<div\tx\n")},
		"marks after a comment in a list item": {head + "- a\n  <!--\n\n" + strings.Repeat("`a` ", MaxInlineMarks/2+1) + "\n", `file holds more than 200000 link brackets`, -1},
		// A fence line inside an HTML block is HTML, not a fence that
		// would hide the text after the block.
		"marks after a div holding a fence": {head + "<div>\n```\n\n" + strings.Repeat("[", MaxInlineMarks+1) + "\n", `file holds more than 200000 link brackets`, len(head) + len("<div>\n```\n\n")},
		"strikethrough runs":                {head + strings.Repeat("~~a ", 10000) + strings.Repeat("a* ", 10000) + "\n", `paragraph holds 20000 runs`, len(head)},
		"angle links":                       {head + strings.Repeat("[a](<) ", 7072) + "\n", `paragraph holds 7072 link openings`, len(head)},
		"links":                             {head + strings.Repeat("[a](", 7072) + "\n", `paragraph holds 7072 link openings "](" that no ")" closes: goldmark`, len(head)},
		"spread":                            {head + strings.Repeat(strings.Repeat("[a](", 500)+"\n\n", 300), `paragraph holds 500 link openings "](" that no ")" closes, and the file's other paragraphs more of the same:`, len(head)},
		// goldmark searches back from each "]" to its "[" for a link, and
		// walks back over the paragraph for each link with emphasis.
		"open brackets":     {head + strings.Repeat("[", 1000) + strings.Repeat("`a` ", 20000) + strings.Repeat("]", 1000) + "\n", `paragraph holds link brackets "[" left open, each "]" after them making goldmark, and Hugo, search back`, len(head)},
		"nested brackets":   {head + strings.Repeat("[`a` ", 20000) + strings.Repeat("]", 20000) + "\n", `paragraph holds link brackets "[" left open`, len(head)},
		"emphasis in links": {head + strings.Repeat("[a *c*](/x/) ", 8000) + "\n", `paragraph holds so many links with emphasis in their text that goldmark, and Hugo, walking back over the paragraph for each`, len(head)},
		"shortcut links":    {head + strings.Repeat("[a *c*] ", 8000) + "\n\n[a *c*]: /x/\n", `paragraph holds so many links with emphasis in their text`, len(head)},
		"wrapped label":     {head + strings.Repeat("[a *c*] ", 8000) + "\n\n[a\n*c*]: /x/\n", `paragraph holds so many links with emphasis in their text`, len(head)},
		"wide":              {head + table(5000, 101), "table has 5000 columns and 101 rows, over the limit of 500000 cells", len(head)},
		// On the file's line 200001, front matter counted.
		"lines": {head + strings.Repeat("a\n", MaxLines), "file has more than 200000 lines", len(head) + 2*(MaxLines-strings.Count(head, "\n"))},
		// Front matter alone over the limit, with a body or none.
		"front matter lines":          {"---\n" + strings.Repeat("k: v\n", MaxLines) + "---\n\nBody.\n", "file has more than 200000 lines", 4 + 5*(MaxLines-1)},
		"front matter lines, no body": {"---\n" + strings.Repeat("k: v\n", MaxLines) + "---\n", "file has more than 200000 lines", 4 + 5*(MaxLines-1)},
	} {
		p := ParsePage("p.md", []byte(c.src), opt)
		if p.Parsed() || len(p.Problems) != 1 || p.Problems[0].Kind != ProblemTooComplex || !strings.HasPrefix(p.Problems[0].Message, c.msg) {
			t.Errorf("%s: parsed %v, problems %+v; want %q", name, p.Parsed(), p.Problems, c.msg)
			continue
		}
		if at := p.Problems[0].Start; c.at >= 0 && at != c.at {
			t.Errorf("%s: problem at %d, want %d", name, at, c.at)
		}
	}
	for name, src := range map[string]string{
		"emphasis just under":  head + strings.Repeat("*a_", 7000) + "\n",
		"split by blank lines": head + strings.Repeat(strings.Repeat("*a_", 1000)+"\n\n", 20),
		"in fenced code":       head + "```\n" + strings.Repeat("[a](", 8000) + "\n```\n",
		"table at the limit":   head + table(5000, 100),
		// Long pages of ordinary shape: each list item, table row and
		// heading is an inline block of its own; bullets, words_with_
		// underscores, matched emphasis, closed links and code cost
		// little.
		"a list of links":   head + lines(8000, "- [Person %d](/handbook/team/#p%d)"),
		"a numbered list":   head + lines(6000, "%d. **Step** *%d*"),
		"a table in bold":   head + "| who | team |\n| --- | --- |\n" + lines(3000, "| **Person %d** | eng%d |"),
		"asterisk bullets":  head + lines(12000, "* item %d %d"),
		"indented code":     head + "Code:\n\n" + lines(20000, "    *p = **q_x; _y_ [a]( %d %d"),
		"closed links":      head + "Links: " + lines(8000, "[a%d](/handbook/x%d/)"),
		"bold words":        head + lines(6000, "a **bold %d** word %d"),
		"front matter":      "---\ntitle: x\nkeys: [" + strings.Repeat("a_b_, *x_, [a](, ", 20000) + "]\n---\n\ntext\n",
		"setext, not table": head + "a | b\n---\n" + lines(3000, "%d *a_*a_ %d"),
		"escaped":           head + strings.Repeat("\\*a\\_", 20000) + "\n",
		"bold links":        head + "See " + lines(3000, "[**Person %d**](/handbook/team/#p%d) and"),
		"brackets in code":  head + lines(5000, "Write `[%d]` or `]%d[` in code."),
		"a stray bracket":   head + "[ " + strings.Repeat("`a` *b* [c](/d/) ", 20000) + "]\n",
		"many open":         head + strings.Repeat("[", 100000) + "\n",
		// An HTML block's lines make no inline nodes.
		"a big html table":   head + "<table>\n" + strings.Repeat("<tr><td>a</td><td>[b]</td></tr>\n", 40000) + "</table>\n\nSee [x](/handbook/nope/).\n",
		"a long script":      head + "<script>\n" + strings.Repeat("a[i] = `<b>`;\n\n", 60000) + "</script>\n",
		"marks at the limit": head + strings.Repeat("[a](/b/) ", MaxInlineMarks/2) + "\n\n" + strings.Repeat("\\* `a` ", MaxInlineMarks/4) + "\n",
		// Brackets that make no link: goldmark does not walk back for them.
		"bracketed words":  head + lines(8000, "[my_label_%d] x%d"),
		"undefined labels": head + strings.Repeat("[a *c*] ", 8000) + "\n",
	} {
		if p := ParsePage("p.md", []byte(src), opt); !p.Parsed() {
			t.Errorf("%s: not parsed: %+v", name, p.Problems)
		}
	}
	// Front matter after a byte order mark, and JSON front matter, are
	// front matter too: they were read as Markdown text, so that the
	// front matter above was not parsed once a BOM came before it.
	for name, src := range map[string]string{
		"YAML after a BOM":  "\ufeff---\ntitle: x\nkeys: [" + strings.Repeat("a_b_, *x_, [a](, ", 20000) + "]\n---\n\ntext\n",
		"TOML after a BOM":  "\ufeff+++\ntitle = 'x'\nkeys = [" + strings.Repeat("'a_b_', '*x_', '[a](', ", 20000) + "]\n+++\n\ntext\n",
		"JSON front matter": "{\"title\": \"x\", \"keys\": [" + strings.Repeat("\"a_b_\", \"*x_\", \"[a](\", \"}\", ", 20000) + "\"x\"]}\n\ntext\n",
	} {
		if p := ParsePage("p.md", []byte(src), opt); !p.Parsed() {
			t.Errorf("%s: not parsed: %+v", name, p.Problems)
		}
	}
}

// lines returns n lines of format, each given its number twice.
func lines(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format+"\n", i, i)
	}
	return b.String()
}

// TestTimeBudget runs with a clock that moves one second per look: with a
// budget of 2.5 seconds the first two files are read and the others are
// reported, in path order, as not checked.
func TestTimeBudget(t *testing.T) {
	files := map[string]string{}
	for i := range 5 {
		files[fmt.Sprintf("content/handbook/careers/matrix/t/p%d.md", i)] = "---\ntitle: T\n---\n"
	}
	root := writeTree(t, t.TempDir(), files)
	cfg := DefaultConfig()
	cfg.TimeBudget = 2500 * time.Millisecond
	var now time.Time
	clock := func() time.Time { now = now.Add(time.Second); return now }
	res, err := Run(context.Background(), RunOptions{Root: root, Config: cfg, Rules: []*Rule{problemRule}, Workers: 1, clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Span.File+": "+d.Message)
	}
	msg := ": not checked: the time budget of 2.5s (time-budget) ran out before this file was read; raise time-budget or lint fewer files"
	want := []string{
		"content/handbook/careers/matrix/t/p2.md" + msg,
		"content/handbook/careers/matrix/t/p3.md" + msg,
		"content/handbook/careers/matrix/t/p4.md" + msg,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Files != 5 {
		t.Errorf("%d files, want 5", res.Files)
	}

	// No budget: every file is read, whatever the clock says.
	cfg.TimeBudget = 0
	res, err = Run(context.Background(), RunOptions{Root: root, Config: cfg, Rules: []*Rule{problemRule}, Workers: 1, clock: clock})
	if err != nil || len(res.Diagnostics) != 0 {
		t.Errorf("without a budget: %v, %+v", err, res.Diagnostics)
	}

	// --fix shares one budget between its rounds: a deadline already
	// past fixes nothing.
	res2, err := FixAll(context.Background(), RunOptions{Root: root, Config: cfg, Rules: []*Rule{problemRule}, Deadline: time.Unix(1, 0)})
	if err != nil || len(res2.Files) != 0 || len(res2.Result.Diagnostics) != 5 {
		t.Errorf("FixAll past the deadline: %v, %d files changed, %d findings; want 0 and 5", err, len(res2.Files), len(res2.Result.Diagnostics))
	}
}

// problemRule reports every file problem, as the file-format rule does.
var problemRule = &Rule{
	Meta: Meta{ID: "CL900", Name: "problems", Default: Error, AllFiles: true},
	CheckPage: func(pass *PagePass) {
		for _, pr := range pass.Page.Problems {
			pass.Reportf(pr.Start, pr.End, "%s", pr.Message)
		}
	},
}

// TestTimeBudgetConfig checks the time-budget key: a Go duration, checked
// by the schema.
func TestTimeBudgetConfig(t *testing.T) {
	cfg, err := ParseConfig("c.yaml", []byte("time-budget: 1m30s\n"), nil)
	if err != nil || cfg.TimeBudget != 90*time.Second {
		t.Errorf("1m30s: %v, %v", cfg, err)
	}
	if cfg, err := ParseConfig("c.yaml", []byte("time-budget: 0s\n"), nil); err != nil || cfg.TimeBudget != 0 {
		t.Errorf("0s: %v, %v", cfg, err)
	}
	for _, bad := range []string{"time-budget: 30\n", "time-budget: soon\n", "time-budget: -5s\n"} {
		_, err := ParseConfig("c.yaml", []byte(bad), nil)
		if err == nil || !strings.HasPrefix(err.Error(), "c.yaml:1:14: ") {
			t.Errorf("%q: %v, want an error at 1:14", bad, err)
		}
	}
	if DefaultConfig().TimeBudget != 0 {
		t.Error("the default has a time budget")
	}
}

// TestTOMLKeyOrder checks that TOML tables known only through their
// sub-keys ([[a.b]] defines a) come out in written order, every time: they
// used to come out in Go's random map order, so that findings at the same
// place changed order from run to run (found by FuzzFrontMatter).
func TestTOMLKeyOrder(t *testing.T) {
	for src, want := range map[string][]string{
		"+++\n00=\"\"\n[[0.118]]#Y019188\n[[28.1]]\n+++": {"00", "0", "28"}, // the fuzzer's input
		"+++\nzz = 1\n[[b.x]]\n[[a.y]]\n[c.d]\n+++\n":    {"zz", "b", "a", "c"},
	} {
		for range 50 {
			fm := ParseFrontMatter([]byte(src))
			var keys []string
			for _, c := range fm.Root.Children {
				keys = append(keys, c.Key)
			}
			if !slices.Equal(keys, want) {
				t.Fatalf("%q: keys in order %q, want %q", src, keys, want)
			}
		}
	}
}

// TestHeadDirRefusesSymlinks checks that the alias scan reads no head
// through a symlink put in place of a file or of a folder since the walk:
// the link could lead out of the site root.
func TestHeadDirRefusesSymlinks(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\naliases: [/x/]\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "page.md"), []byte("---\ntitle: t\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "link.md")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "folder")); err != nil {
		t.Fatal(err)
	}
	d, err := openHeadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	buf := make([]byte, 64)
	if n, err := d.readHead("page.md", buf); err != nil || string(buf[:n]) != "---\ntitle: t\n---\n" {
		t.Errorf("readHead(page.md) = %q, %v; want the file", buf[:n], err)
	}
	if n, err := d.readHead("link.md", buf); err == nil {
		t.Errorf("readHead(link.md) read %q through a symlink; want an error", buf[:n])
	}
	// Linux opens the folder itself (openat); elsewhere each file is read
	// by its path, and the link to outside is refused by the file's read.
	if d2, err := openHeadDir(filepath.Join(root, "folder")); runtime.GOOS == "linux" && err == nil {
		d2.close()
		t.Errorf("openHeadDir opened a symlink to a folder; want an error")
	}
}
