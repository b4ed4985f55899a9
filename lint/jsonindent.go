package lint

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeJSON writes v as JSON indented by two spaces, with <, > and & left
// as they are, and a final newline: what an encoding/json Encoder writes
// with SetIndent("", "  ") and SetEscapeHTML(false), byte for byte. The
// value is encoded compactly and then indented by indentJSON, which knows
// that its input is compact: the Encoder's own indenting pass scans every
// byte through its general JSON state machine and was half the time of a
// report of a few hundred findings, printed after all parallel work.
func writeJSON(w io.Writer, v any) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	src := bytes.TrimSuffix(compact.Bytes(), []byte("\n"))
	out := indentJSON(make([]byte, 0, len(src)+len(src)/2), src)
	_, err := w.Write(append(out, '\n'))
	return err
}

// indentJSON appends to dst the compact JSON src indented as json.Indent
// does with no prefix and a two-space indent. src must be compact (no
// space outside strings), as encoding/json writes it.
func indentJSON(dst, src []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for i := 0; i < depth; i++ {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			// Copy the string through its closing quote; a backslash
			// escapes the byte after it.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src)-1)
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1]) // empty: {} or []
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
