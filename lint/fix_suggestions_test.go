package lint

import (
	"bytes"
	"context"
	"testing"
)

// stayRule offers, on every page holding "stay", a suggestion that writes
// "stay" again: applied, it changes nothing, and the finding stays.
var stayRule = &Rule{
	Meta: Meta{ID: "CL903", Name: "stay", Default: Warning},
	CheckPage: func(pass *PagePass) {
		if i := bytes.Index(pass.Page.Src, []byte("stay")); i >= 0 {
			span := pass.Page.Span(i, i+4)
			pass.Report(Diagnostic{Span: span, Message: "stay", Suggestions: []Fix{{Title: "stay", Edits: []Edit{{Span: span, Text: "stay"}}}}})
		}
	},
}

// swapRule suggests, on a page holding "left", to write "right", and on
// one holding "right" to write "left": each suggestion brings the other's
// finding back.
var swapRule = &Rule{
	Meta: Meta{ID: "CL904", Name: "swap", Default: Warning},
	CheckPage: func(pass *PagePass) {
		for _, w := range [][2]string{{"left", "right"}, {"right", "left"}} {
			if i := bytes.Index(pass.Page.Src, []byte(w[0])); i >= 0 {
				span := pass.Page.Span(i, i+len(w[0]))
				pass.Report(Diagnostic{Span: span, Message: "write " + w[1], Suggestions: []Fix{{Title: w[1], Edits: []Edit{{Span: span, Text: w[1]}}}}})
			}
		}
	},
}

// TestFixAllSuggestionsFirst checks that --fix --apply-suggestions applies
// the suggestions in rounds of their own, each once, and the fixes after
// them: a suggestion that changes nothing, or whose finding comes back
// in another form, does not keep the fixes from being applied.
func TestFixAllSuggestionsFirst(t *testing.T) {
	const f = "content/handbook/careers/matrix/t/p.md"
	for _, tc := range []struct {
		name, text string
		rule       *Rule
	}{
		{"a suggestion that changes nothing", "---\ntitle: T\n---\n\nbad stay\n", stayRule},
		{"suggestions that undo each other", "---\ntitle: T\n---\n\nbad left\n", swapRule},
	} {
		root := writeTree(t, t.TempDir(), map[string]string{f: tc.text})
		opt := RunOptions{Root: root, Config: DefaultConfig(), Rules: []*Rule{badWordRule, tc.rule}, ApplySuggestions: true}
		fixed, err := FixAll(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		got := string(fixed.Files[f].New)
		if !bytes.Contains([]byte(got), []byte("good")) {
			t.Errorf("%s: the fix was not applied: %q", tc.name, got)
		}
	}
}
