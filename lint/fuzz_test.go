package lint

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
)

// FuzzFrontMatter splits and decodes arbitrary front matter: it never
// panics or hangs, every offset it returns lies inside the input, a block
// either decodes to a map or carries one positioned problem, and decoding
// is deterministic (TOML keys come out of a Go map).
func FuzzFrontMatter(f *testing.F) {
	for _, s := range fuzzseed.Seeds(f, "FuzzFrontMatter") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm := ParseFrontMatter(src)
		if fm == nil {
			line, _ := lineAt(src, bomLen(src))
			first := string(line)
			if d := strings.TrimRight(first, " \t"); d == "---" || d == "+++" || strings.HasPrefix(first, "{") {
				t.Fatalf("no front matter found in a text starting with %q", first)
			}
			return
		}
		n := len(src)
		if !(0 <= fm.Start && fm.Start <= fm.BodyStart && fm.BodyStart <= fm.BodyEnd && fm.BodyEnd <= fm.End && fm.End <= n) {
			t.Fatalf("bad block offsets %d %d %d %d (input %d bytes)", fm.Start, fm.BodyStart, fm.BodyEnd, fm.End, n)
		}
		switch {
		case fm.Err != nil && fm.Root != nil:
			t.Fatalf("both a map and a problem: %+v", fm.Err)
		case fm.Err == nil && (fm.Root == nil || fm.Root.Kind != MapNode):
			t.Fatalf("no problem and no map: %+v", fm.Root)
		case fm.Err != nil:
			e := fm.Err
			if e.Offset < 0 || e.Offset > n {
				t.Fatalf("problem offset %d outside the input (%d bytes): %s", e.Offset, n, e.Message)
			}
			if e.Message == "" || strings.HasSuffix(e.Message, ".") {
				t.Fatalf("bad problem message %q", e.Message)
			}
		default:
			var walk func(nd *Node)
			walk = func(nd *Node) {
				if !(fm.Start <= nd.Start && nd.Start <= nd.End && nd.End <= fm.End) {
					t.Fatalf("node %q spans %d-%d outside the block %d-%d", nd.Key, nd.Start, nd.End, fm.Start, fm.End)
				}
				if nd.Key != "" && !(fm.Start <= nd.KeyStart && nd.KeyStart <= nd.KeyEnd && nd.KeyEnd <= fm.End) {
					t.Fatalf("key %q spans %d-%d outside the block %d-%d", nd.Key, nd.KeyStart, nd.KeyEnd, fm.Start, fm.End)
				}
				for _, c := range nd.Children {
					walk(c)
				}
			}
			walk(fm.Root)
			if fm.Format == "toml" {
				checkTOMLSpans(t, src, fm.Root)
			}
			checkSimpleURLs(t, src, fm)
		}
		if again := ParseFrontMatter(src); !reflect.DeepEqual(fm, again) {
			t.Fatalf("two decodings differ:\n%+v\n%+v", fm.Root, again.Root)
		}
	})
}

// fuzzEdits turns fuzz bytes into edits, three bytes an edit, reaching a
// little past both ends of a text of n bytes and sometimes inverted.
func fuzzEdits(spec []byte, n int, text string) []Edit {
	var out []Edit
	for i := 0; i+2 < len(spec); i += 3 {
		start := int(spec[i])*(n+4)/256 - 2
		end := start + int(spec[i+1]%16) - 2
		t := ""
		if len(text) > 0 {
			t = text[:int(spec[i+2])%(len(text)+1)]
		}
		out = append(out, Edit{Span: Span{File: "f.md", Start: start, End: end}, Text: t})
	}
	return out
}

// FuzzApplyEdits applies arbitrary edits and then arbitrary fixes the way
// --fix does: ApplyEdits never panics, keeps every byte outside the edits
// it applies, and never applies two overlapping edits; fixGroup picks
// whole fixes whose edits all apply, so a fix is never applied in part.
func FuzzApplyEdits(f *testing.F) {
	for _, s := range fuzzseed.Seeds(f, "FuzzApplyEdits") {
		f.Add(s, []byte{0, 2, 1, 40, 3, 2, 40, 2, 0, 255, 7, 3}, "1.\n- ")
	}
	f.Fuzz(func(t *testing.T, src, spec []byte, text string) {
		edits := fuzzEdits(spec, len(src), text)
		out, applied := ApplyEdits(src, edits)
		// Rebuild the expected output from the edits a careful reader
		// would apply: in offset order, in bounds, not overlapping.
		sorted := slices.Clone(edits)
		slices.SortStableFunc(sorted, func(a, b Edit) int {
			if a.Span.Start != b.Span.Start {
				return a.Span.Start - b.Span.Start
			}
			return a.Span.End - b.Span.End
		})
		crlf := bytes.Contains(src, []byte("\r\n"))
		var want bytes.Buffer
		last, n := 0, 0
		for _, e := range sorted {
			if e.Span.Start < 0 || e.Span.Start < last || e.Span.Start > e.Span.End || e.Span.End > len(src) {
				continue
			}
			want.Write(src[last:e.Span.Start])
			txt := e.Text
			if crlf {
				txt = strings.ReplaceAll(strings.ReplaceAll(txt, "\r\n", "\n"), "\n", "\r\n")
			}
			want.WriteString(txt)
			last = e.Span.End
			n++
		}
		want.Write(src[last:])
		if applied != n || !bytes.Equal(out, want.Bytes()) {
			t.Fatalf("ApplyEdits(%q, %+v) = %q, %d; want %q, %d", src, edits, out, applied, want.Bytes(), n)
		}

		// Fixes of three edits each, some in another file.
		var fixes []Fix
		for i := 0; i+2 < len(edits); i += 3 {
			fx := Fix{Title: "fix", Edits: edits[i : i+3]}
			if spec[i]%7 == 0 {
				fx.Edits = slices.Clone(fx.Edits)
				fx.Edits[0].Span.File = "other.md"
			}
			fixes = append(fixes, fx)
		}
		group := fixGroup(fixes, "f.md", len(src))
		// group is the edits of the fixes taken, in order: each fix is
		// either all there or not at all.
		pos := 0
		for _, f := range fixes {
			fx := f.Edits
			if pos+len(fx) <= len(group) && slices.Equal(group[pos:pos+len(fx)], fx) {
				pos += len(fx)
			}
		}
		if pos != len(group) {
			t.Fatalf("fixGroup returned edits that are not whole fixes: %+v", group)
		}
		for i, a := range group {
			if a.Span.File != "f.md" {
				t.Fatalf("edit of another file taken: %+v", a)
			}
			for _, b := range group[:i] {
				if a.Span.Start < b.Span.End && b.Span.Start < a.Span.End || a.Span == b.Span {
					t.Fatalf("overlapping edits taken: %+v and %+v", a, b)
				}
			}
		}
		if _, applied := ApplyEdits(src, group); applied != len(group) {
			t.Fatalf("%d of the %d edits fixGroup chose were applied: %+v", applied, len(group), group)
		}
	})
}

// checkTOMLSpans checks that each TOML key and scalar located in the text
// is the text of that key and value: the key's text, written as a key,
// names the node's key, and the value's text, decoded as TOML, gives the
// node's value.
func checkTOMLSpans(t *testing.T, src []byte, n *Node) {
	t.Helper()
	if n.Key != "" && n.KeyEnd > n.KeyStart {
		var m map[string]any
		if _, err := toml.Decode(string(src[n.KeyStart:n.KeyEnd])+" = 1", &m); err != nil || len(m) != 1 || m[n.Key] == nil {
			t.Fatalf("key %q located at %q", n.Key, src[n.KeyStart:n.KeyEnd])
		}
	}
	if n.Kind == ScalarNode && n.End > n.Start {
		var m map[string]any
		text := string(src[n.Start:n.End])
		if _, err := toml.Decode("v = "+text, &m); err != nil {
			t.Fatalf("value %v located at %q, which does not decode: %v", n.Value, text, err)
		}
		got := (&tomlLocator{}).node(m["v"], -1, 0).Value
		if !reflect.DeepEqual(got, n.Value) && !(got != got && n.Value != n.Value) { // NaN
			t.Fatalf("value %v located at %q, which decodes to %v", n.Value, text, got)
		}
	}
	for _, c := range n.Children {
		checkTOMLSpans(t, src, c)
	}
}

// checkSimpleURLs checks that where the alias scan reads a YAML front
// matter without YAML's decoder, it finds the URLs decoding finds, and
// never takes for simple a body decoding refuses.
func checkSimpleURLs(t *testing.T, src []byte, fm *FrontMatter) {
	t.Helper()
	if fm.Format != "yaml" {
		return
	}
	simple, ok := simpleURLFrontMatter(src[fm.BodyStart:fm.BodyEnd])
	if !ok {
		return
	}
	if fm.Err != nil {
		t.Fatalf("simpleURLFrontMatter read a body YAML refuses: %s", fm.Err.Message)
	}
	for _, p := range []string{"handbook/team/page.md", "handbook/team/_index.md"} {
		wo, wa, wm := pageURLs(p, fm.Root)
		gotOwn, ga, gm := pageURLs(p, simple)
		if wo != gotOwn || wm != gm || !slices.Equal(wa, ga) {
			t.Fatalf("%s: simpleURLFrontMatter gives %q %q %v, YAML's decoder %q %q %v", p, gotOwn, ga, gm, wo, wa, wm)
		}
	}
	// The dates that decide publication read the same.
	now := time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC)
	ws, wwhy := publishState(pubView{own: fm.Root}, now)
	gs, gwhy := publishState(pubView{own: simple}, now)
	if ws != gs || wwhy != gwhy {
		t.Fatalf("simpleURLFrontMatter's dates give %d %q, YAML's decoder %d %q", gs, gwhy, ws, wwhy)
	}
}

// FuzzParseConfig: any bytes given as .careerlint.yaml give a
// configuration or problems, never a panic, and every problem is placed on
// a line of the text (1-based; the line after a final newline counts) and
// a column from 1.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"content: c\n",
		"pages: [\"content/**/*.md\"]\nignore: []\nrules:\n  list-marker: off\n",
		"links:\n  external-prefixes: [/job-families/]\n",
		"\xff\xfec\x00:\x00 \x00x\x00\n\x00",
		"\xff\xfecontent: c\n",
		"a: [\n",
		"\tcontent: c\n",
		"---\ncontent: c\n---\nladder: []\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := ParseConfig("c.yaml", src, nil)
		if err == nil {
			if cfg == nil {
				t.Fatal("no configuration and no problem")
			}
			return
		}
		var es ConfigErrors
		if !errors.As(err, &es) {
			return // a problem of another kind (an unreadable value): named as it is
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, e := range es {
			if e.Line < 1 || e.Line > lines || e.Column < 1 {
				t.Fatalf("problem placed at %d:%d in a text of %d lines: %s", e.Line, e.Column, lines, e.Message)
			}
		}
	})
}
