package lint

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
)

// TestWriteJSONMatchesEncoder checks writeJSON against an encoding/json
// Encoder with SetIndent("", "  ") and SetEscapeHTML(false), byte for
// byte, over random nested values whose strings hold every byte value,
// invalid UTF-8, U+2028 and U+2029, quotes, backslashes and the JSON
// punctuation, and over empty and nested containers.
func TestWriteJSONMatchesEncoder(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	pieces := []string{"\"", "\\", "\\\"", "{", "}", "[", "]", ",", ":", " ", "\n", "\t", "\x00", "\x1f", "\x7f", "<&>", "\u2028", "\u2029", "é", "\xff", "\xe2\x80", "a", "\\u0041", "𝄞"}
	randString := func() string {
		var b strings.Builder
		for n := r.Intn(6); n > 0; n-- {
			if r.Intn(3) == 0 {
				b.WriteByte(byte(r.Intn(256)))
			} else {
				b.WriteString(pieces[r.Intn(len(pieces))])
			}
		}
		return b.String()
	}
	var randValue func(depth int) any
	randValue = func(depth int) any {
		switch k := r.Intn(7); {
		case depth > 3 || k == 0:
			return randString()
		case k == 1:
			return r.Intn(2000) - 1000
		case k == 2:
			return r.Intn(2) == 0
		case k == 3:
			return nil
		case k == 4:
			s := []any{}
			for n := r.Intn(4); n > 0; n-- {
				s = append(s, randValue(depth+1))
			}
			return s
		default:
			m := map[string]any{}
			for n := r.Intn(4); n > 0; n-- {
				m[randString()] = randValue(depth + 1)
			}
			return m
		}
	}
	values := []any{map[string]any{}, []any{}, map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{[]any{}, map[string]any{"": ""}}}, "", 0}
	for i := 0; i < 3000; i++ {
		values = append(values, randValue(0))
	}
	values = append(values, jsonReport{Tool: jsonTool{Name: "careerlint", Version: "v"}, Findings: []jsonFinding{{Path: "a \"b\".md", Related: []jsonRelated{}, Fixes: []jsonFix{{Title: "t", Edits: []jsonEdit{{Text: "x\ny"}}}}}}})
	for _, v := range values {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writeJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("writeJSON(%#v):\n%s\nwant (encoding/json):\n%s", v, got.String(), want.String())
		}
	}
}

// FuzzIndentJSON: indentJSON indents any compact JSON (any valid JSON
// text, compacted by json.Compact: strings with every escape, bytes that
// are not UTF-8, numbers as written, deep and empty containers) as
// json.Indent does with a two-space indent, byte for byte.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, -2.5e+3, true, null, {}], "b": {"c": []}, "": ""}`,
		`["\"", "\\", "\\\"", "{[,:]}", "\u2028", "é", "<&>"]`,
		`[[[[]]], {"x": {"y": {"z": [{}]}}}]`,
		"\"\xff\xfe\"",
		`0`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, src) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatalf("json.Indent refuses what json.Compact wrote, %q: %v", compact.Bytes(), err)
		}
		if got := indentJSON(nil, compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indentJSON(%q) =\n%s\nwant (json.Indent):\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}
