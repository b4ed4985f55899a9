package lint

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fmShape is the part of a FrontMatter that tests compare.
type fmShape struct {
	Format                         string
	Start, End, BodyStart, BodyEnd int
	HasRoot, HasErr                bool
}

func shapeOf(fm *FrontMatter) fmShape {
	return fmShape{fm.Format, fm.Start, fm.End, fm.BodyStart, fm.BodyEnd, fm.Root != nil, fm.Err != nil}
}

func TestParseFrontMatterDelimiters(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want fmShape
	}{
		{"yaml", "---\ntitle: T\n---\nbody\n", fmShape{"yaml", 0, 17, 4, 13, true, false}},
		{"yaml no trailing newline", "---\ntitle: T\n---", fmShape{"yaml", 0, 16, 4, 13, true, false}},
		{"yaml trailing spaces on delimiters", "---  \ntitle: T\n--- \nx", fmShape{"yaml", 0, 20, 6, 15, true, false}},
		{"yaml bom", "\xef\xbb\xbf---\ntitle: T\n---\n", fmShape{"yaml", 3, 20, 7, 16, true, false}},
		{"yaml crlf", "---\r\ntitle: T\r\n---\r\nbody", fmShape{"yaml", 0, 20, 5, 15, true, false}},
		// A lone CR ends the closing delimiter's line for Hugo (checked
		// against a Hugo 0.151 build).
		{"yaml closed by a lone CR", "---\ntitle: T\n---\rText\n", fmShape{"yaml", 0, 17, 4, 13, true, false}},
		{"toml", "+++\ntitle = \"T\"\n+++\n", fmShape{"toml", 0, 20, 4, 16, true, false}},
		{"toml crlf", "+++\r\ntitle = \"T\"\r\n+++\r\n", fmShape{"toml", 0, 23, 5, 18, true, false}},
		{"json", "{\"title\": \"T\"}\nbody\n", fmShape{"json", 0, 15, 0, 14, true, false}},
		{"json bom", "\xef\xbb\xbf{\"title\": \"T\"}\n", fmShape{"json", 3, 18, 3, 17, true, false}},
		{"json braces in strings", "{\"title\": \"a } b { \\\" }\"}\n", fmShape{"json", 0, 26, 0, 25, true, false}},
		{"empty yaml", "---\n---\n", fmShape{"yaml", 0, 8, 4, 4, true, false}},
		{"unclosed yaml", "---\ntitle: T\n", fmShape{"yaml", 0, 13, 4, 13, false, true}},
		{"unclosed toml", "+++\ntitle = \"T\"\n", fmShape{"toml", 0, 16, 4, 16, false, true}},
		{"unclosed json", "{\"title\": \"T\"\n", fmShape{"json", 0, 14, 0, 14, false, true}},
		{"yaml closed by toml delimiter", "---\ntitle: T\n+++\n", fmShape{"yaml", 0, 17, 4, 17, false, true}},
		// Hugo skips spaces, tabs and line breaks before the front matter
		// (pageparser's lexIntroSection; checked with Hugo 0.151's
		// pageparser.ParseFrontMatterAndContent).
		{"yaml after a blank line", "\n---\ntitle: T\n---\n", fmShape{"yaml", 1, 18, 5, 14, true, false}},
		{"yaml after spaces and a tab", "  \n\t---\ntitle: T\n---\n", fmShape{"yaml", 4, 21, 8, 17, true, false}},
		{"yaml after a bom and a crlf", "\xef\xbb\xbf\r\n---\ntitle: T\n---\n", fmShape{"yaml", 5, 22, 9, 18, true, false}},
		{"toml after a blank line", "\n+++\ntitle = \"T\"\n+++\n", fmShape{"toml", 1, 21, 5, 17, true, false}},
		{"json after a blank line", "\n{\"title\": \"T\"}\n", fmShape{"json", 1, 16, 1, 15, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := ParseFrontMatter([]byte(tt.src))
			if fm == nil {
				t.Fatal("ParseFrontMatter returned nil")
			}
			if diff := cmp.Diff(tt.want, shapeOf(fm)); diff != "" {
				t.Errorf("front matter (-want +got):\n%s", diff)
			}
			if fm.Err != nil && fm.Err.Offset != fm.Start {
				t.Errorf("unclosed front matter error at %d, want the opening delimiter at %d", fm.Err.Offset, fm.Start)
			}
		})
	}
}

func TestParseFrontMatterNone(t *testing.T) {
	for _, src := range []string{"", "\xef\xbb\xbf", "# Title\n", "--\ntitle: x\n--\n", "----\ntitle: x\n----\n", "++\n"} {
		if fm := ParseFrontMatter([]byte(src)); fm != nil {
			t.Errorf("ParseFrontMatter(%q) = %+v, want nil", src, fm)
		}
	}
}

func TestParseFrontMatterValues(t *testing.T) {
	srcs := map[string]string{
		"yaml": "---\ntitle: \"Senior\"\nweight: 3\nratio: 1.5\ndraft: true\nnothing: null\nlinkTitle: plain text # comment\n---\n",
		"toml": "+++\ntitle = \"Senior\"\nweight = 3\nratio = 1.5\ndraft = true\nlinkTitle = \"plain text\" # comment\n+++\n",
		"json": "{\n  \"title\": \"Senior\",\n  \"weight\": 3,\n  \"ratio\": 1.5,\n  \"draft\": true,\n  \"nothing\": null,\n  \"linkTitle\": \"plain text\"\n}\n",
	}
	for format, src := range srcs {
		t.Run(format, func(t *testing.T) {
			fm := ParseFrontMatter([]byte(src))
			if fm == nil || fm.Err != nil || fm.Root == nil {
				t.Fatalf("ParseFrontMatter = %+v (err %+v)", fm, fm.Err)
			}
			want := map[string]any{"title": "Senior", "weight": int64(3), "ratio": 1.5, "draft": true, "linkTitle": "plain text"}
			if format != "toml" {
				want["nothing"] = nil
			}
			if diff := cmp.Diff(want, fm.Root.Plain()); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
			if s, ok := fm.Root.Get("title").String(); !ok || s != "Senior" {
				t.Errorf("Get(title).String() = %q, %v", s, ok)
			}
			if _, ok := fm.Root.Get("weight").String(); ok {
				t.Error("Get(weight).String() reports a string for an integer")
			}
			if fm.Root.Get("missing") != nil {
				t.Error("Get(missing) is not nil")
			}
		})
	}
}

// TestFrontMatterNodeSpans checks that keys and scalar values point at the
// text they were written as, in every format.
func TestFrontMatterNodeSpans(t *testing.T) {
	srcs := map[string]string{
		"yaml":            "---\ndescription: d\ntitle: \"X\"\n---\n",
		"yaml crlf":       "---\r\ndescription: d\r\ntitle: \"X\"\r\n---\r\n",
		"yaml bom":        "\xef\xbb\xbf---\ndescription: d\ntitle: \"X\"\n---\n",
		"yaml multi-byte": "---\ndescription: \"Café résumé 🤝\"\ntitle: \"X\"\n---\n",
		"toml":            "+++\ndescription = \"d\"\ntitle = \"X\"\n+++\n",
		"toml crlf":       "+++\r\ndescription = \"d\"\r\ntitle = \"X\"\r\n+++\r\n",
		"json":            "{\n  \"description\": \"d\",\n  \"title\": \"X\"\n}\n",
		"json compact":    "{\"description\":\"d\",\"title\":\"X\"}\n",
		"json bom":        "\xef\xbb\xbf{ \"description\" : \"d\" , \"title\" : \"X\" }\n",
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			b := []byte(src)
			fm := ParseFrontMatter(b)
			if fm == nil || fm.Root == nil {
				t.Fatalf("no root: %+v", fm)
			}
			n := fm.Root.Get("title")
			if n == nil {
				t.Fatal("no title")
			}
			got := []string{textOf(b, n.KeyStart, n.KeyEnd), textOf(b, n.Start, n.End)}
			if diff := cmp.Diff([]string{"title", `"X"`}, got); diff != "" {
				t.Errorf("key and value text (-want +got):\n%s", diff)
			}
			if l := lineOf(b, n.KeyStart); name != "json compact" && name != "json bom" && l != 3 {
				t.Errorf("title key on line %d, want 3", l)
			}
		})
	}
}

func TestFrontMatterNested(t *testing.T) {
	t.Run("yaml", func(t *testing.T) {
		src := []byte("---\ntitle: T\nmenu:\n  main:\n    weight: 2\n    name: \"Senior\"\naliases:\n  - /a/\n  - \"/b/\"\nparams: {x: 1, y: [2, 3]}\n---\n")
		fm := ParseFrontMatter(src)
		if fm.Err != nil {
			t.Fatal(fm.Err)
		}
		want := map[string]any{
			"title":   "T",
			"menu":    map[string]any{"main": map[string]any{"weight": int64(2), "name": "Senior"}},
			"aliases": []any{"/a/", "/b/"},
			"params":  map[string]any{"x": int64(1), "y": []any{int64(2), int64(3)}},
		}
		if diff := cmp.Diff(want, fm.Root.Plain()); diff != "" {
			t.Errorf("values (-want +got):\n%s", diff)
		}
		var keys []string
		for _, c := range fm.Root.Children {
			keys = append(keys, c.Key)
		}
		if diff := cmp.Diff([]string{"title", "menu", "aliases", "params"}, keys); diff != "" {
			t.Errorf("keys are not in source order (-want +got):\n%s", diff)
		}
		w := fm.Root.At([]string{"menu", "main", "weight"})
		if got := []string{textOf(src, w.KeyStart, w.KeyEnd), textOf(src, w.Start, w.End)}; !cmp.Equal(got, []string{"weight", "2"}) {
			t.Errorf("menu.main.weight spans %q", got)
		}
		al := fm.Root.Get("aliases")
		if al.Kind != ListNode || len(al.Children) != 2 {
			t.Fatalf("aliases = %+v", al)
		}
		var elems []string
		for _, c := range al.Children {
			elems = append(elems, textOf(src, c.Start, c.End))
		}
		if diff := cmp.Diff([]string{"/a/", `"/b/"`}, elems); diff != "" {
			t.Errorf("list element spans (-want +got):\n%s", diff)
		}
		if l := lineOf(src, al.Children[1].Start); l != 9 {
			t.Errorf("second alias on line %d, want 9", l)
		}
		x := fm.Root.At([]string{"params", "x"})
		if got := []string{textOf(src, x.KeyStart, x.KeyEnd), textOf(src, x.Start, x.End)}; !cmp.Equal(got, []string{"x", "1"}) {
			t.Errorf("params.x in a flow mapping spans %q", got)
		}
		y1 := fm.Root.At([]string{"params", "y", "1"})
		if textOf(src, y1.Start, y1.End) != "3" {
			t.Errorf("params.y[1] spans %q", textOf(src, y1.Start, y1.End))
		}
		// At stops at the deepest node that exists.
		if got := fm.Root.At([]string{"menu", "nope", "x"}); got != fm.Root.Get("menu") {
			t.Errorf("At with a missing key returned %+v", got)
		}
		if got := fm.Root.At([]string{"aliases", "7"}); got != al {
			t.Errorf("At with an index out of range returned %+v", got)
		}
	})
	t.Run("toml", func(t *testing.T) {
		src := []byte("+++\ntitle = \"T\"\naliases = [\"/a/\", \"/b/\"]\n[menu.main]\nweight = 2\n+++\n")
		fm := ParseFrontMatter(src)
		if fm.Err != nil {
			t.Fatal(fm.Err)
		}
		want := map[string]any{
			"title":   "T",
			"aliases": []any{"/a/", "/b/"},
			"menu":    map[string]any{"main": map[string]any{"weight": int64(2)}},
		}
		if diff := cmp.Diff(want, fm.Root.Plain()); diff != "" {
			t.Errorf("values (-want +got):\n%s", diff)
		}
		w := fm.Root.At([]string{"menu", "main", "weight"})
		if got := []string{textOf(src, w.KeyStart, w.KeyEnd), textOf(src, w.Start, w.End)}; !cmp.Equal(got, []string{"weight", "2"}) {
			t.Errorf("menu.main.weight spans %q", got)
		}
		if l := lineOf(src, w.Start); l != 5 {
			t.Errorf("weight on line %d, want 5", l)
		}
	})
	t.Run("json", func(t *testing.T) {
		src := []byte("{\n\"title\": \"T\",\n\"menu\": {\"main\": {\"weight\": 2}},\n\"aliases\": [\"/a/\", \"/b/\"]\n}\n")
		fm := ParseFrontMatter(src)
		if fm.Err != nil {
			t.Fatal(fm.Err)
		}
		want := map[string]any{
			"title":   "T",
			"aliases": []any{"/a/", "/b/"},
			"menu":    map[string]any{"main": map[string]any{"weight": int64(2)}},
		}
		if diff := cmp.Diff(want, fm.Root.Plain()); diff != "" {
			t.Errorf("values (-want +got):\n%s", diff)
		}
		var elems []string
		for _, c := range fm.Root.Get("aliases").Children {
			elems = append(elems, textOf(src, c.Start, c.End))
		}
		if diff := cmp.Diff([]string{`"/a/"`, `"/b/"`}, elems); diff != "" {
			t.Errorf("list element spans (-want +got):\n%s", diff)
		}
		m := fm.Root.Get("menu")
		if got := textOf(src, m.Start, m.End); got != `{"main": {"weight": 2}}` {
			t.Errorf("menu spans %q", got)
		}
	})
}

// TestTOMLNestedKeyPositions: a key of a table that has the same name as a
// top-level key must point into the table, not at the top-level key.
func TestTOMLNestedKeyPositions(t *testing.T) {
	src := []byte("+++\ntitle = \"Top\"\n[params]\ntitle = \"Nested\"\n+++\n")
	fm := ParseFrontMatter(src)
	if fm.Err != nil {
		t.Fatal(fm.Err)
	}
	n := fm.Root.At([]string{"params", "title"})
	if got := textOf(src, n.Start, n.End); got != `"Nested"` {
		t.Errorf("params.title spans %q, want the nested value", got)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
		wantMsg  string // substring
	}{
		{"yaml tab indent", "---\ntitle: x\n\tweight: 1\n---\n", 3, "invalid YAML"},
		{"yaml unclosed flow", "---\ntitle: x\ntags: [a, b\nweight: 1\n---\n", 3, "invalid YAML"},
		{"yaml sequence in mapping", "---\ntitle: x\ndescription: y\n- a\n---\n", 4, "a list item among the keys of a map"},
		{"yaml bad dedent", "---\ntitle: x\naliases:\n  - /a/\n /b/: 2\n---\n", 5, "indented by 1 space, like no line above it"},
		{"yaml mapping value in scalar", "---\ntitle: x\ndescription: a: b\n---\n", 3, `": " inside the value of "description" starts a key`},
		{"yaml duplicate key", "---\ntitle: a\ndescription: b\ntitle: c\n---\n", 4, `invalid YAML: key "title" is defined twice; remove one of them`},
		{"yaml bad indent crlf", "---\r\ntitle: x\r\n\tweight: 1\r\n---\r\n", 3, "invalid YAML"},
		{"yaml bom", "\xef\xbb\xbf---\ntitle: x\n\tweight: 1\n---\n", 3, "invalid YAML"},
		{"yaml not a map", "---\n- a\n- b\n---\n", 2, `front matter is a list, not a map of keys to values; write each setting as key: value without the leading "- ", such as title: Senior`},
		{"yaml scalar", "---\njust text\n---\n", 2, "front matter is not a map of keys to values; write each setting as key: value, such as title: Senior"},
		{"toml syntax", "+++\ntitle = \"x\"\nweight = = 3\n+++\n", 3, "invalid TOML"},
		{"toml unterminated string", "+++\ntitle = \"x\"\ndescription = \"oops\n+++\n", 3, `invalid TOML: a quoted string is not closed on its line; add the closing quote`},
		{"toml list never closed", "+++\ntitle = \"x\"\naliases = [\n+++\n", 3, `invalid TOML: the front matter ends where a value is expected, as inside a list never closed; close the list with "]", or write the value`},
		{"toml list of items never closed", "+++\naliases = [\"/a/\", \"/b/\"\n+++\n", 2, `invalid TOML: a list opened with "[" is never closed; close it with "]"`},
		{"toml inline table never closed", "+++\nparams = {a = 1\n+++\n", 2, `invalid TOML: an inline table opened with "{" is never closed; close it with "}" on the same line`},
		{"toml multi-line string never closed", "+++\ndescription = \"\"\"x\n+++\n", 2, `invalid TOML: a multi-line string opened with """ is never closed; close it with """`},
		{"toml literal multi-line string never closed", "+++\ndescription = '''x\n+++\n", 2, `invalid TOML: a multi-line string opened with ''' is never closed; close it with '''`},
		{"toml key without a value", "+++\ntitle = \"x\"\nweight =\n+++\n", 3, `invalid TOML: key "weight" has no value; write one after "="`},
		{"toml key without a value, CRLF", "+++\r\ntitle = \"x\"\r\nweight =\r\n+++\r\n", 3, `invalid TOML: key "weight" has no value; write one after "="`},
		{"toml bare word", "+++\ntitle = Senior\n+++\n", 2, `invalid TOML: the value of "title", Senior, is not a TOML value; write a string in quotes, as in title = "Senior"`},
		{"toml bare words", "+++\ntitle = Senior Engineer # the level\r\n+++\n", 2, `invalid TOML: the value of "title", Senior Engineer, is not a TOML value; write a string in quotes, as in title = "Senior Engineer"`},
		{"toml key without =", "+++\ntitle \"x\"\n+++\n", 2, `invalid TOML: key "title" is not followed by "="; write title = value`},
		{"toml key alone", "+++\ntitle = \"x\"\nweight\n+++\n", 3, `invalid TOML: key "weight" is not followed by "="; write weight = value`},
		{"toml key alone, CRLF", "+++\r\ntitle = \"x\"\r\nweight\r\n+++\r\n", 3, `invalid TOML: key "weight" is not followed by "="; write weight = value`},
		{"toml quoted key alone", "+++\ntitle = \"x\"\n\"weight\"\n+++\n", 3, `invalid TOML: key "weight" is not followed by "="; write weight = value`},
		{"toml quoted key without value", "+++\n'title' =\n+++\n", 2, `invalid TOML: key "title" has no value; write one after "="`},
		{"toml duplicate", "+++\ntitle = \"x\"\n\ntitle = \"y\"\n+++\n", 4, `invalid TOML: key "title" is defined twice; remove one of them`},
		// A byte that is not UTF-8 is where it is (the library names the
		// line its string starts on), with file-format's Latin-1 hint.
		{"toml not UTF-8", "+++\ntitle = \"x\"\ndescription = \"\"\"a\nb \xe9 \xc3\xa9\"\"\"\n+++\n", 4, "invalid TOML: byte 0xe9 is not UTF-8; save the file as UTF-8"},
		{"toml not UTF-8 latin-1", "+++\ntitle = \"x\"\ndescription = \"\"\"a\nb \xe9\"\"\"\n+++\n", 4, `invalid TOML: byte 0xe9 is not UTF-8; the file looks like Latin-1 (Windows-1252), where it is "é"; save it as UTF-8`},
		{"toml nested too deep", "+++\ntitle = \"x\"\ndeep = " + strings.Repeat("{a = ", 5000) + "1" + strings.Repeat("}", 5000) + "\n+++\n", 3, "more than 32 levels deep"},
		{"toml dotted key too long", "+++\n" + strings.Repeat("a.", 5000) + "b = 1\n+++\n", 2, "more than 32 levels deep"},
		{"toml header too deep", "+++\n\n[" + strings.Repeat("a.", 5000) + "b]\n+++\n", 3, "more than 32 levels deep"},
		{"json trailing comma", "{\n  \"title\": \"x\",\n  \"weight\": 1,\n}\n", 4, `invalid JSON: a "," before the "}" that closes the object, which JSON does not allow; remove the comma`},
		{"json missing colon", "{\n  \"title\" \"x\"\n}\n", 2, `invalid JSON: a ":" is missing after the key; add it`},
		{"json duplicate key", "{\n  \"title\": \"x\",\n  \"title\": 7\n}\n", 3, `invalid JSON: key "title" is defined twice; remove one of them`},
		{"json nested duplicate key", "{\"title\": \"x\", \"params\": {\"a\": 1,\n \"a\": 2}}\n", 2, `invalid JSON: key "a" is defined twice`},
		{"json not closed", "{\n  \"title\": \"x\"\n", 1, "never closed"},
		// A byte that is not UTF-8 in a string, which Go's decoder reads
		// as U+FFFD without a word, is reported as in YAML and TOML.
		{"json not UTF-8", "{\n  \"title\": \"x\",\n  \"description\": \"b \xe9 \xc3\xa9\"\n}\n", 3, "invalid JSON: byte 0xe9 is not UTF-8; save the file as UTF-8"},
		{"json not UTF-8 latin-1", "{\n  \"title\": \"x\",\n  \"description\": \"caf\xe9\"\n}\n", 3, `invalid JSON: byte 0xe9 is not UTF-8; the file looks like Latin-1 (Windows-1252), where it is "é"; save it as UTF-8`},
		{"json not UTF-8 in a key", "{\"title\": \"x\", \"caf\xe9\": 1}\n", 1, "invalid JSON: byte 0xe9 is not UTF-8"},
		// In a bare word, the byte is named rather than a word that holds it.
		{"json not UTF-8 in a bare word", "{\"title\": \"x\",\n\"description\": caf\xe9}\n", 2, "invalid JSON: byte 0xe9 is not UTF-8"},
		// A problem the decoder meets before the byte comes first, as in TOML.
		{"json error before the byte", "{\"title\": \"x\",\n\"weight\": 1,,\n\"description\": \"caf\xe9\"}\n", 2, "invalid JSON"},
		// Also in the string holding the byte, at an escape before it: the
		// decoder names the escape, not a bare word holding the byte.
		{"json escape error before the byte", "{\"title\": \"caf\\q\xe9\"}\n", 1, "invalid JSON: invalid character 'q' in string escape code"},
		{"unclosed yaml", "---\ntitle: x\n", 1, "never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			fm := ParseFrontMatter(src)
			if fm == nil || fm.Err == nil {
				t.Fatalf("no error: %+v", fm)
			}
			if fm.Root != nil {
				t.Error("Root is set alongside an error")
			}
			if !strings.Contains(fm.Err.Message, tt.wantMsg) {
				t.Errorf("message %q does not contain %q", fm.Err.Message, tt.wantMsg)
			}
			if fm.Err.NotUTF8 != strings.Contains(tt.wantMsg, "not UTF-8") {
				t.Errorf("NotUTF8 = %v", fm.Err.NotUTF8)
			}
			if fm.Err.Offset < 0 || fm.Err.Offset > len(src) {
				t.Fatalf("offset %d outside the file", fm.Err.Offset)
			}
			if fm.Err.Offset < fm.Start || fm.Err.Offset > fm.End {
				t.Errorf("offset %d outside the front matter [%d,%d)", fm.Err.Offset, fm.Start, fm.End)
			}
			if tt.wantLine > 0 {
				if l := NewLineIndex(src).Position(fm.Err.Offset).Line; l != tt.wantLine {
					t.Errorf("error %q on line %d, want %d", fm.Err.Message, l, tt.wantLine)
				}
			}
			if strings.HasSuffix(fm.Err.Message, ".") {
				t.Errorf("message %q ends with a period", fm.Err.Message)
			}
			// A byte that is not UTF-8 is reported at the byte, where
			// file-format reports it.
			if fm.Err.NotUTF8 && fm.Err.Offset != firstNotUTF8(src) {
				t.Errorf("byte that is not UTF-8 reported at offset %d, want %d", fm.Err.Offset, firstNotUTF8(src))
			}
		})
	}
}

// TestYAMLErrorCauses: a YAML syntax error is reported at its cause, in
// words that say what to change, with a suggestion where one is likely
// what the author meant and the body then parses; the decoder's own
// message names a later line, or none, for most of them.
func TestYAMLErrorCauses(t *testing.T) {
	tests := []struct {
		name      string
		body      string // between "---" lines, from line 2 of the file
		line, col int
		msg       string // exact
		fixed     string // the body once the suggestion is applied; "" for none
	}{
		{"tab before a key", "title: x\n\tdescription: y\n", 3, 1,
			"invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces",
			"title: x\ndescription: y\n"},
		{"tab under a key", "title: x\nparams:\n  a: 1\n\tb: 2\n", 5, 1,
			"invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces",
			"title: x\nparams:\n  a: 1\n  b: 2\n"},
		{"tabs in a nested map", "title: x\nparams:\n\tfoo: y\n\tbar:\n\t\tbaz: 1\n", 4, 1,
			"invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces",
			"title: x\nparams:\n  foo: y\n  bar:\n    baz: 1\n"},
		{"tab before a list item", "title: x\naliases:\n    - /a/\n\t- /b/\n", 5, 1,
			"invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces",
			"title: x\naliases:\n    - /a/\n    - /b/\n"},
		{"tab after spaces", "title: x\nparams:\n  \tfoo: y\n", 4, 3,
			"invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces",
			"title: x\nparams:\n  foo: y\n"},
		{"tab in a block scalar", "title: x\ndescription: |\n\tsome text\n", 4, 1,
			"invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces",
			"title: x\ndescription: |\n  some text\n"},
		{"list never closed", "title: [unclosed\n", 2, 8,
			`invalid YAML: the list opened with "[" here is never closed; close it with "]", or quote the value if it is text`, ""},
		{"list never closed, keys after", "description: d\naliases: [/a/, /b/\nweight: 3\n", 3, 10,
			`invalid YAML: the list opened with "[" here is never closed; close it with "]", or quote the value if it is text`, ""},
		{"map never closed", "title: x\nparams: {a: 1\n", 3, 9,
			`invalid YAML: the map opened with "{" here is never closed; close it with "}", or quote the value if it is text`, ""},
		{"inner list closed by the wrong bracket", "title: x\nparams: {a: [b}\n", 3, 13,
			`invalid YAML: the list opened with "[" here is never closed; close it with "]", or quote the value if it is text`, ""},
		{"text after a list", "title: x\naliases: [/a/] /b/\n", 3, 16,
			`invalid YAML: text after the "]" that closes a list, where YAML wants the value to end; move the text into the list, or quote the whole value if it is text`, ""},
		{"text after a quoted item", "title: x\naliases: [\"/a/\" /b/]\n", 3, 17,
			`invalid YAML: text after the quote that closes a quoted value; write a " inside "..." as \", or end the value at the quote`, ""},
		{"double quote never closed", "title: \"Senior\ndescription: d\n", 2, 8,
			"invalid YAML: the quoted value starting here is never closed; add the closing quote", ""},
		{"single quote never closed in a list", "title: x\naliases:\n  - '/a/\n", 4, 5,
			"invalid YAML: the quoted value starting here is never closed; add the closing quote", ""},
		{"quote closed on a later line", "title: \"Senior\ndescription: \"d\"\n", 2, 8,
			"invalid YAML: the quoted value starting here is not closed on its line, so it takes in the lines below up to the next quote; add the closing quote", ""},
		{"a multi-line quoted value is fine", "description: \"two\n  lines\"\ntitle: 'it's'\n", 4, 12,
			`invalid YAML: text after the quote that closes a quoted value; write a ' inside '...' as '' (it''s), or end the value at the quote`,
			"description: \"two\n  lines\"\ntitle: 'it''s'\n"},
		{"double quotes inside double quotes", "title: \"say \"hi\" now\"\n", 2, 14,
			`invalid YAML: text after the quote that closes a quoted value; write a " inside "..." as \", or end the value at the quote`,
			"title: \"say \\\"hi\\\" now\"\n"},
		{"colon in a value", "title: Senior: Backend\n", 2, 14,
			`invalid YAML: ": " inside the value of "title" starts a key, which YAML does not allow there; quote the value`,
			"title: \"Senior: Backend\"\n"},
		{"colon in a list item's value", "title: x\ncascade:\n  - title: a: b\n", 4, 13,
			`invalid YAML: ": " inside the value of "title" starts a key, which YAML does not allow there; quote the value`,
			"title: x\ncascade:\n  - title: \"a: b\"\n"},
		{"key indented under a value", "title: x\n  description: y\n", 3, 3,
			"invalid YAML: this line is indented more than the line above, which already has a value; indent it like the line above",
			"title: x\ndescription: y\n"},
		{"key indented under a commented value", "title: x # the title\n  description: y\n", 3, 3,
			"invalid YAML: this line is indented more than the line above, which already has a value; indent it like the line above",
			"title: x # the title\ndescription: y\n"},
		{"key indented deeper than its siblings", "title: x\nparams:\n  a: 1\n   b: 2\n", 5, 4,
			"invalid YAML: this line is indented more than the line above, which already has a value; indent it like the line above",
			"title: x\nparams:\n  a: 1\n  b: 2\n"},
		{"key at no level", "title: x\nparams:\n    a: 1\n  b: 2\n", 5, 3,
			"invalid YAML: this line is indented by 2 spaces, like no line above it (those are indented by 0 or 4); indent it like the lines it belongs with", ""},
		{"list item at no level", "title: x\naliases:\n  - /a/\n - /b/\n", 5, 2,
			"invalid YAML: this line is indented by 1 space, like no line above it (those are indented by 0 or 2); indent it like the lines it belongs with", ""},
		{"list item among keys", "title: x\n- /a/\n", 3, 1,
			"invalid YAML: a list item among the keys of a map; put the list under a key written with no value (aliases:), or give the item a key", ""},
		{"line without a key", "title: x\nSenior backend engineer\n", 3, 1,
			`invalid YAML: this line is neither "key: value" nor a list item; add its key, or indent it more to continue the value above`, ""},
		{"list item on its key's line", "title: x\naliases: - /a/\n", 3, 10,
			"invalid YAML: a list item cannot start on the line of its key; start it on the next line, indented under the key, or quote the value if it is text", ""},
		{"unknown escape", "title: \"C:\\docs\\new\"\n", 2, 11,
			`invalid YAML: "\d" is no escape YAML knows inside "..."; write a backslash as \\, or quote the value with '...'`,
			"title: \"C:\\\\docs\\new\"\n"},
		{"reserved first character", "title: `code`\n", 2, 8,
			"invalid YAML: a value cannot start with \"`\", which YAML reserves; quote the value",
			"title: \"`code`\"\n"},
		{"at sign", "title: x\ndescription: @team\n", 3, 14,
			`invalid YAML: a value cannot start with "@", which YAML reserves; quote the value`,
			"title: x\ndescription: \"@team\"\n"},
		{"control character", "title: a\x01b\n", 2, 9,
			"invalid YAML: control character U+0001 is not allowed in YAML; remove it", ""},
		{"invalid UTF-8", "title: x\ndescription: caf\xe9 \xc3\xa9t\xc3\xa9\n", 3, 17,
			"invalid YAML: byte 0xe9 is not UTF-8; save the file as UTF-8", ""},
		// The file looks Latin-1 (see looksLatin1): the message says what
		// the byte is there, as file-format's does.
		{"invalid UTF-8 latin-1", "title: x\ndescription: caf\xe9\n", 3, 17,
			`invalid YAML: byte 0xe9 is not UTF-8; the file looks like Latin-1 (Windows-1252), where it is "é"; save it as UTF-8`, ""},
		{"invalid UTF-8 latin-1 no-break space", "title: \"10\xa0km\"\n", 2, 11,
			"invalid YAML: byte 0xa0 is not UTF-8; the file looks like Latin-1 (Windows-1252), where it is a no-break space (U+00A0); save it as UTF-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("---\n" + tt.body + "---\n\n## Senior\n")
			fm := ParseFrontMatter(src)
			if fm == nil || fm.Err == nil {
				t.Fatalf("no error: %+v", fm)
			}
			if fm.Err.Message != tt.msg {
				t.Errorf("message\n %s\nwant\n %s", fm.Err.Message, tt.msg)
			}
			if pos := NewLineIndex(src).Position(fm.Err.Offset); pos.Line != tt.line || pos.Column != tt.col {
				t.Errorf("at %d:%d, want %d:%d", pos.Line, pos.Column, tt.line, tt.col)
			}
			if fm.Err.NotUTF8 != strings.Contains(tt.msg, "not UTF-8") {
				t.Errorf("NotUTF8 = %v", fm.Err.NotUTF8)
			}
			sug := fm.Err.Suggestion
			switch {
			case tt.fixed == "" && sug != nil:
				t.Errorf("unexpected suggestion %q: %+v", sug.Title, sug.Edits)
			case tt.fixed != "" && sug == nil:
				t.Errorf("no suggestion, want one giving %q", tt.fixed)
			case sug != nil:
				out, n := ApplyEdits(src, sug.Edits)
				if n != len(sug.Edits) {
					t.Fatalf("%d of %d edits applied", n, len(sug.Edits))
				}
				want := "---\n" + tt.fixed + "---\n\n## Senior\n"
				if string(out) != want {
					t.Errorf("suggestion %q gives\n%q\nwant\n%q", sug.Title, out, want)
				}
				if fixed := ParseFrontMatter(out); fixed == nil || fixed.Err != nil {
					t.Errorf("the suggestion leaves an error: %+v", fixed.Err)
				}
			}
		})
	}
}

func TestFrontMatterNeverPanics(t *testing.T) {
	inputs := []string{
		"{", "{\"", "{\"a\":", "{\"a\":}", "{]", "{}\n", "{\"a\": [1, {\"b\": }]}",
		"---", "---\n", "---\n---", "---\n:\n---\n", "---\n&a x\n---\n", "---\n*a\n---\n", "---\n? [a]\n: b\n---\n",
		"+++", "+++\n", "+++\n+++", "+++\n[[a]]\nb = 1\n[[a]]\nb = 2\n+++\n", "+++\n=\n+++\n", "+++\na.b.c = 1\n+++\n",
		"---\nx: \"\xff\"\n---\n", "{\"\xff\": 1}",
	}
	for _, in := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("ParseFrontMatter(%q) panicked: %v", in, r)
				}
			}()
			fm := ParseFrontMatter([]byte(in))
			if fm != nil && fm.Err != nil && (fm.Err.Offset < 0 || fm.Err.Offset > len(in)) {
				t.Errorf("ParseFrontMatter(%q) error offset %d outside the input", in, fm.Err.Offset)
			}
		}()
	}
}

func TestFrontMatterYAMLAnchorsAndTOMLArraysOfTables(t *testing.T) {
	src := []byte("---\ntitle: &t Same\nlinkTitle: *t\n---\n")
	fm := ParseFrontMatter(src)
	if fm.Err != nil {
		t.Fatal(fm.Err)
	}
	if diff := cmp.Diff(map[string]any{"title": "Same", "linkTitle": "Same"}, fm.Root.Plain()); diff != "" {
		t.Errorf("alias values (-want +got):\n%s", diff)
	}
	src = []byte("+++\ntitle = \"T\"\n[[menu]]\nname = \"a\"\n[[menu]]\nname = \"b\"\n+++\n")
	fm = ParseFrontMatter(src)
	if fm.Err != nil {
		t.Fatal(fm.Err)
	}
	want := map[string]any{"title": "T", "menu": []any{map[string]any{"name": "a"}, map[string]any{"name": "b"}}}
	if diff := cmp.Diff(want, fm.Root.Plain()); diff != "" {
		t.Errorf("array of tables (-want +got):\n%s", diff)
	}
}

// TestYAMLAliasSpan checks that a value written as an alias spans its
// "*name" token, inside its parent, with the anchor's value (fuzzing found
// a parent map ending before it started when the anchor came first).
func TestYAMLAliasSpan(t *testing.T) {
	src := "---\na: &b x\nc:\n  d: *b\n---\n"
	fm := ParseFrontMatter([]byte(src))
	if fm == nil || fm.Root == nil {
		t.Fatalf("no front matter: %+v", fm)
	}
	c := fm.Root.Get("c")
	d := c.Get("d")
	if d == nil || d.Value != "x" || src[d.Start:d.End] != "*b" {
		t.Fatalf("d = %+v; want the value x spanning *b", d)
	}
	if !(c.Start <= d.Start && d.End <= c.End) {
		t.Errorf("c spans %d-%d, its value d %d-%d: not inside", c.Start, c.End, d.Start, d.End)
	}
}

// TestTOMLPositions checks where TOML keys and values are located, over
// the constructs TOML writes them with: comments, quoted and dotted keys,
// date-times with a space, multi-line strings holding "key = value"
// lines, arrays and inline tables spanning lines, tables, and arrays of
// tables with sub-tables.
func TestTOMLPositions(t *testing.T) {
	src := []byte("+++\n" +
		"title = \"Top\"  # comment\n" +
		"\"quoted key\" = 'lit'\n" +
		"a.b.c = 1\n" +
		"date = 1979-05-27 07:32:00Z\n" +
		"multi = \"\"\"\nx = \"not a key\"\n\"\"\"\n" +
		"arr = [\n  \"one\", # c\n  2,\n  { k = \"v\" },\n]\n" +
		"inline = { x = 1, y = { z = \"deep\" } }\n" +
		"[params]\ntitle = \"Nested\"\n" +
		"[menu.main]\nweight = 2\n" +
		"[[items]]\nname = \"a\"\n[[items]]\nname = \"b\"\n[items.sub]\nq = true\n" +
		"+++\n")
	fm := ParseFrontMatter(src)
	if fm.Err != nil {
		t.Fatal(fm.Err)
	}
	tests := []struct {
		path     string
		key, val string
	}{
		{"title", "title", `"Top"`},
		{"quoted key", `"quoted key"`, `'lit'`},
		{"a/b/c", "c", "1"},
		{"a", "a", "a.b.c = 1"},
		{"date", "date", "1979-05-27 07:32:00Z"},
		{"multi", "multi", "\"\"\"\nx = \"not a key\"\n\"\"\""},
		{"arr/0", "", `"one"`},
		{"arr/1", "", "2"},
		{"arr/2", "", `{ k = "v" }`},
		{"arr/2/k", "k", `"v"`},
		{"inline/y/z", "z", `"deep"`},
		{"params", "params", "[params]"},
		{"params/title", "title", `"Nested"`},
		{"menu/main/weight", "weight", "2"},
		{"items/0/name", "name", `"a"`},
		{"items/1/name", "name", `"b"`},
		{"items/1/sub/q", "q", "true"},
	}
	for _, tt := range tests {
		n := fm.Root.At(strings.Split(tt.path, "/"))
		if got := []string{textOf(src, n.KeyStart, n.KeyEnd), textOf(src, n.Start, n.End)}; !cmp.Equal(got, []string{tt.key, tt.val}) {
			t.Errorf("%s: key and value span %q, want %q", tt.path, got, []string{tt.key, tt.val})
		}
	}
	var keys []string
	for _, c := range fm.Root.Children {
		keys = append(keys, c.Key)
	}
	if diff := cmp.Diff([]string{"title", "quoted key", "a", "date", "multi", "arr", "inline", "params", "menu", "items"}, keys); diff != "" {
		t.Errorf("keys not in written order (-want +got):\n%s", diff)
	}
	if fm.Root.Get("x") != nil {
		t.Errorf("a line inside a multi-line string was taken for a key")
	}
}

// TestTOMLPositionsHostile covers inputs a review found wrong: quotes
// running on after a multi-line string's closing three, empty and
// NUL-holding keys (paths joined into one string collided), dotted keys
// of more parts than the locator followed, a byte order mark, and nesting
// that hid from the depth check.
func TestTOMLPositionsHostile(t *testing.T) {
	located := func(t *testing.T, src, path, key, val string) {
		t.Helper()
		fm := ParseFrontMatter([]byte(src))
		if fm.Err != nil {
			t.Fatalf("%q: %v", src, fm.Err.Message)
		}
		n := fm.Root.At(strings.Split(path, "/"))
		if got := []string{textOf([]byte(src), n.KeyStart, n.KeyEnd), textOf([]byte(src), n.Start, n.End)}; !cmp.Equal(got, []string{key, val}) {
			t.Errorf("%q: %s spans %q, want %q", src, path, got, []string{key, val})
		}
	}
	located(t, "+++\na = \"\"\"\\\\\"\"\"\"\"\"\nb = 1\n+++\n", "b", "b", "1")
	located(t, "+++\na = \"\"\"\\\\\"\"\"\"\"\"\nb = 1\n+++\n", "a", "a", `"""\\""""""`)
	located(t, "+++\n\"\" = 5\ntitle = \"x\"\n+++\n", "title", "title", `"x"`)
	located(t, "+++\nb = 1\na = 2\n[\"\"]\na = 3\nb = 4\n+++\n", "/a", "a", "3")
	located(t, "+++\n\"a\\u0000b\" = 1\n[a]\nb = 2\n+++\n", "a/b", "b", "2")
	located(t, "+++\n\"a\\u0000b\" = 1\n[a]\nb = 2\n+++\n", "a\x00b", `"a\u0000b"`, "1")
	located(t, "+++\na = [5]\n\"a\\u00000\" = 1\n+++\n", "a/0", "", "5")
	located(t, "+++\n"+strings.Repeat("a.", 31)+"z = 1\ntitle = \"x\"\n+++\n", "title", "title", `"x"`)
	located(t, "+++\n["+strings.Repeat("a.", 31)+"z]\n[params]\ntitle = \"x\"\n+++\n", "params/title", "title", `"x"`)
	// Keys TOML's decoder lets through twice keep their first place.
	located(t, "+++\na.b = 1\na = false\n+++\n", "a", "a", "a.b = 1")
	located(t, "+++\na = {x = 1}\na.y = 2\n+++\n", "a", "a", "{x = 1}")
	// A table is placed where first named, here by its sub-table, before
	// the keys that come after: children in order, each where it is named.
	located(t, "+++\n[x.y]\n[z]\n[x]\nk = 1\n+++\n", "x", "x", "[x.y]")
	located(t, "+++\n\xef\xbb\xbftitle = \"x\"\nweight = 1\n+++\n", "weight", "weight", "1")
	fm := ParseFrontMatter([]byte("+++\n\"\" = 5\ntitle = \"x\"\n+++\n"))
	if fm.Root.Start != 4 || fm.Root.End != 4 {
		t.Errorf("the root spans %d-%d, want 4-4 (an empty key took its place)", fm.Root.Start, fm.Root.End)
	}
	fm = ParseFrontMatter([]byte("+++\nb = 1\na = 2\n[\"\"]\na = 3\nb = 4\n+++\n"))
	if keys := []string{fm.Root.Get("").Children[0].Key, fm.Root.Get("").Children[1].Key}; !cmp.Equal(keys, []string{"a", "b"}) {
		t.Errorf(`table "" lists its keys as %q, want the written order a, b`, keys)
	}

	// Valid TOML the depth check refused, and nesting it missed.
	for _, src := range []string{
		"+++\na = [\n" + strings.Repeat("[\"\"\"x\"\"\"\"],\n", 129) + "]\n+++\n",
		"+++\n[" + strings.Repeat("k.", 31) + "k]\nx = 1.5\ny = 1979-05-27T07:32:00.5Z\n+++\n",
		"+++\n[[" + strings.Repeat("k.", 31) + "k]]\nx = 1.5\n+++\n",
		"+++\na = " + strings.Repeat("[", 31) + "1.5" + strings.Repeat("]", 31) + "\n+++\n",
		"+++\n" + strings.Repeat("k.", 31) + "k = 1.5\n+++\n",
	} {
		if fm := ParseFrontMatter([]byte(src)); fm.Err != nil {
			t.Errorf("%.70q...: %v", src, fm.Err.Message)
		}
	}
	for _, src := range []string{
		"+++\na = [\"\"\"x\"\"\"\", " + strings.Repeat("{a=", 5000) + "1" + strings.Repeat("}", 5000) + "]\n+++\n",
		"+++\na = " + strings.Repeat("{"+strings.Repeat("k.", 99)+"k = ", 100) + "1" + strings.Repeat("}", 100) + "\n+++\n",
		"+++\n[" + strings.Repeat("a.", 100) + "b]\n" + strings.Repeat("c.", 100) + "d = 1\n+++\n",
		"+++\n[[" + strings.Repeat("a.", 100) + "b]]\n" + strings.Repeat("c.", 100) + "d = 1\n+++\n",
		"+++\n[" + strings.Repeat("k.", 32) + "k]\n+++\n",
		"+++\na = " + strings.Repeat("[", 33) + "1" + strings.Repeat("]", 33) + "\n+++\n",
		"+++\n" + strings.Repeat("k.", 32) + "k = 1\n+++\n",
		"+++\n[" + strings.Repeat("k.", 20) + "k]\n" + strings.Repeat("j.", 20) + "j = 1\n+++\n",
	} {
		within(t, 10*time.Second, fmt.Sprintf("%.60q...", src), func() {
			fm := ParseFrontMatter([]byte(src))
			if fm.Err == nil || !strings.Contains(fm.Err.Message, "levels deep") {
				t.Errorf("%.60q...: err %v, want the nesting reported", src, fm.Err)
			}
		})
	}
}

// TestCaseVariants: the keys Hugo reads as one (equal in lower case, as
// strings.ToLower gives it, also beyond ASCII) and which of them it reads.
func TestCaseVariants(t *testing.T) {
	fm := parseFrontMatter([]byte("---\ntitle: a\nDraft: true\nurl: /a/\ndraft: false\nÄra: 1\näRA: 2\nära: 3\n\u212aey: 4\nkey: 5\ncascade: {draft: true}\nCascade: x\nCASCADE: y\nBuild: {render: always}\nbuild: {render: never}\nstatus: 7\nſtatus: 6\n---\n"), nil)
	if fm.Err != nil {
		t.Fatal(fm.Err.Message)
	}
	type choice struct {
		Keys, Candidates []string
	}
	var got []choice
	for _, g := range fm.Root.CaseVariants() {
		c := choice{}
		for _, n := range g {
			c.Keys = append(c.Keys, n.Key)
		}
		cands := KeyCandidates(g)
		for _, n := range cands {
			c.Candidates = append(c.Candidates, n.Key)
		}
		if last := cands[len(cands)-1]; fm.Root.GetFold(g[0].Key) != last {
			t.Errorf("GetFold(%q) is not the last candidate, %q", g[0].Key, last.Key)
		}
		got = append(got, c)
	}
	want := []choice{
		{[]string{"Draft", "draft"}, []string{"Draft"}},
		{[]string{"Ära", "äRA", "ära"}, []string{"Ära", "äRA"}},
		{[]string{"\u212aey", "key"}, []string{"\u212aey"}},
		{[]string{"cascade", "Cascade", "CASCADE"}, []string{"Cascade", "CASCADE"}},
		{[]string{"Build", "build"}, []string{"Build"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("case variants (-want +got):\n%s", diff)
	}
	if n := fm.Root.GetFold("URL"); n == nil || n.Key != "url" {
		t.Errorf("GetFold(URL) = %v, want the url key", n)
	}
	// strings.ToLower keeps "ſ" (long s) apart from "s", where
	// strings.EqualFold would not.
	if n := fm.Root.GetFold("status"); n == nil || n.Key != "status" {
		t.Errorf("GetFold(status) = %v, want the status key", n)
	}
	if n := fm.Root.GetFold("nothing"); n != nil {
		t.Errorf("GetFold(nothing) = %v", n)
	}
}

// TestFrontMatterDuplicateEarlier checks that a key defined twice points
// at its first definition (the message names no line: a finding's
// message stays the same when lines move).
func TestFrontMatterDuplicateEarlier(t *testing.T) {
	tests := []struct {
		name, src, first string
	}{
		{"yaml", "---\ntitle: a\ndescription: b\ntitle: c\n---\n", "title: a"},
		{"yaml quoted", "---\n\"title\": a\ntitle: c\n---\n", "\"title\": a"},
		{"toml", "+++\ntitle = \"a\"\n\ntitle = \"b\"\n+++\n", "title = \"a\""},
		{"toml in a table", "+++\ntitle = \"a\"\n[params]\nx = 1\ny = 2\nx = 3\n+++\n", "x = 1"},
		{"toml table twice", "+++\ntitle = \"a\"\n[params]\nx = 1\n[params]\ny = 2\n+++\n", "params]\nx"}, // at the name in the header
		{"toml quoted", "+++\n[params]\n\"a b\" = 1\n'a b' = 2\n+++\n", "\"a b\" = 1"},
		{"toml quoted dot", "+++\n\"a.b\" = 1\n\"a.b\" = 2\n+++\n", "\"a.b\" = 1"},
		// A JSON key is placed at its name, after the quote, as the second
		// one is.
		{"json", "{\n  \"title\": \"x\",\n  \"title\": 7\n}\n", "title\": \"x\""},
		{"json nested", "{\"title\": \"x\", \"params\": {\"a\": 1,\n \"a\": 2}}\n", "a\": 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := ParseFrontMatter([]byte(tt.src))
			if fm == nil || fm.Err == nil {
				t.Fatalf("no error: %+v", fm)
			}
			if want := strings.Index(tt.src, tt.first); fm.Err.Earlier != want {
				t.Errorf("Earlier = %d, want %d (%q)", fm.Err.Earlier, want, tt.first)
			}
			if fm.Err.Offset <= fm.Err.Earlier {
				t.Errorf("Offset %d is not after Earlier %d", fm.Err.Offset, fm.Err.Earlier)
			}
		})
	}
	if fm := ParseFrontMatter([]byte("---\ntitle: [a\n---\n")); fm.Err == nil || fm.Err.Earlier != 0 {
		t.Errorf("a syntax error has Earlier %+v, want 0", fm.Err)
	}
}

// TestYAMLLongKey: a key past YAML's 1024 characters gets a message that
// says so, at its line, not the library's "could not find expected ':'".
func TestYAMLLongKey(t *testing.T) {
	src := "---\ntitle: x\n" + strings.Repeat("k", 1100) + ": v\n---\n"
	fm := ParseFrontMatter([]byte(src))
	if fm == nil || fm.Err == nil || fm.Err.Message != "invalid YAML: a key longer than 1024 characters, which YAML does not read as a key; shorten it" || fm.Err.Offset != len("---\ntitle: x\n") {
		t.Errorf("front matter error %+v", fm.Err)
	}
	nested := "---\ntitle: x\nparams:\n  " + strings.Repeat("k", 1100) + ": v\n---\n"
	if fm := ParseFrontMatter([]byte(nested)); fm == nil || fm.Err == nil || !strings.Contains(fm.Err.Message, "a key longer than 1024 characters") || fm.Err.Offset != len("---\ntitle: x\nparams:\n") {
		t.Errorf("nested: front matter error %+v", fm.Err)
	}
}

// TestJSONMistakes checks that the mistakes people make writing JSON by
// hand are said in careerlint's words, with the fix, at the byte that is
// wrong.
func TestJSONMistakes(t *testing.T) {
	for _, c := range []struct{ name, src, at, want string }{
		{"comma before }", `{"title": "x", "weight": 1, }`, "}", `a "," before the "}" that closes the object, which JSON does not allow; remove the comma`},
		{"comma before ]", `{"title": "x", "tags": ["a", ]}`, "]", `a "," before the "]" that closes the list, which JSON does not allow; remove the comma`},
		{"single-quoted key", `{'title': "x"}`, "'title'", `a string in single quotes; JSON quotes strings with double quotes, as in "title"`},
		{"single-quoted value", `{"title": 'x'}`, "'x'", `a string in single quotes`},
		{"bare key", `{title: "x"}`, "title", `key title is not in double quotes, as JSON writes every key; write "title"`},
		{"bare value", `{"title": Senior}`, "Senior", `Senior is no JSON value; write text in double quotes, as in "Senior"`},
		{"yes", `{"draft": yes}`, "yes", `yes is no JSON value; write true or false for yes or no, or "yes" in double quotes for text`},
		{"long word", `{"title": ` + strings.Repeat("é", 30) + `}`, "é", `is no JSON value; write text in double quotes, as in "` + strings.Repeat("é", 20) + `"`},
		{"missing comma", "{\"title\": \"x\"\n \"weight\": 1}", `"weight"`, `a "," is missing before the next key; add it`},
		{"missing colon", `{"title" "x"}`, `"x"`, `a ":" is missing after the key; add it`},
		{"missing comma in list", `{"tags": ["a" "b"]}`, `"b"`, `a "," is missing between two items of the list; add it`},
		{"tab in string", "{\"title\": \"a\tb\"}", "\tb", `a control character, such as a tab or a line break, inside a quoted string`},
		{"other", `{"weight": 1.x}`, "x}", `invalid character 'x' after decimal point in numeric literal`},
	} {
		src := []byte(c.src)
		_, at, msg, _ := fromJSON(src, 0, len(src))
		if !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q does not contain %q", c.name, msg, c.want)
		}
		if want := strings.Index(c.src, c.at); at != want {
			t.Errorf("%s: at %d (%q), want %d (%q)", c.name, at, c.src[min(at, len(c.src)):], want, c.at)
		}
	}
}

// TestYAMLLibraryMessages checks the YAML library's messages that careerlint
// words itself, with the fix, at the line that is wrong.
func TestYAMLLibraryMessages(t *testing.T) {
	for _, c := range []struct {
		name, body string
		line       int
		at, want   string
	}{
		{"unknown anchor", "title: x\nfoo: [a, *b]\n", 3, "*b]", `invalid YAML: alias *b names no anchor &b above it; write &b before the value it stands for, or quote the value if "*b" is text`},
		{"undefined tag handle", "title: !e!x x\n", 2, "title", `invalid YAML: a "!" on this line starts a YAML tag that YAML does not know; quote the value if it is text`},
		{"no key", "title: x\n: y\n", 3, ": y", `invalid YAML: YAML expects a "key: value" line here; write the key, or quote the value if it is text`},
	} {
		src := []byte("---\n" + c.body + "---\n")
		fm := ParseFrontMatter(src)
		if fm == nil || fm.Err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if fm.Err.Message != c.want {
			t.Errorf("%s: message %q, want %q", c.name, fm.Err.Message, c.want)
		}
		if line := 1 + strings.Count(string(src[:fm.Err.Offset]), "\n"); line != c.line {
			t.Errorf("%s: line %d, want %d", c.name, line, c.line)
		}
		if !strings.HasPrefix(string(src[fm.Err.Offset:]), c.at) {
			t.Errorf("%s: points at %q, want %q", c.name, src[fm.Err.Offset:], c.at)
		}
	}
}
