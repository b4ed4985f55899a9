package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/lint/linttest"
	"gitlab.com/careerlint/careerlint/rules"
)

// docExampleRoot holds the sites the examples of the rule docs run in:
// one folder per rule that needs pages around its examples, and default/
// for the others. One file of each site holds the line
// docExamplePlaceholder, which each example replaces in turn.
const (
	docExampleRoot        = "../testdata/doc-examples"
	docExamplePlaceholder = "<!-- doc example -->\n"
)

// docExamplesNotRun are the doc sections whose examples cannot be run as
// a page's text, with why. TestDocExamples fails when such a section has
// a Markdown example after all, so that none goes unchecked.
var docExamplesNotRun = map[string]string{
	"duplicate-page/Bad":  "its examples are lists of file names; fixtures duplicate-page/* build them",
	"duplicate-page/Good": "its examples are lists of file names",
	"file-format/Bad":     "the files it reports are bytes no Markdown example holds (Latin-1, an image, an empty file)",
	"text-encoding/Bad":   "a byte order mark and carriage returns do not survive in a Markdown example",
	"text-encoding/Good":  "the good file is described, not shown",
}

var (
	// docFence is a fenced block of a doc section, with its info string.
	docFence = regexp.MustCompile("(?ms)^```(\\w*)\\n(.*?)^```\\n?")
	// docReportedWord is where a doc's prose says "reported", and
	// docReportedAt a sentence starting there that quotes a message as
	// what the rule reports: "Reported: `...`", "Reported at `x`: `...`",
	// "reported as `...`".
	docReportedWord = regexp.MustCompile(`(?i)\breported\b`)
	docReportedAt   = regexp.MustCompile("^(?i)reported(?: at [^:`]*(?:`[^`]*`[^:`]*)?)?(?::| as)\\s*`([^`]+)`")
	// codeSpan is a code span of prose.
	codeSpan = regexp.MustCompile("`[^`]+`")
	// docReportedList is "Reported:" on a line of its own before a text
	// block listing messages, one a line.
	docReportedList = regexp.MustCompile("(?m)^Reported:\\n\\n```text\\n")
)

// TestDocExamples runs the examples of every rule's doc: each example
// (a page's text, or a configuration) of its Bad section must give at
// least one finding of the rule, each one of its Good section none, and each message the Bad section
// quotes as reported must be (part of) a finding's message, white space
// aside. So the docs cannot drift from what the rules do.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		doc, err := lint.ParseDoc(r.Doc.Text)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		for _, sec := range []struct {
			name, text string
			bad        bool
		}{{"Bad", doc.Bad, true}, {"Good", doc.Good, false}} {
			key := r.Name + "/" + sec.name
			t.Run(key, func(t *testing.T) {
				examples := docExamples(sec.text)
				if why, ok := docExamplesNotRun[key]; ok {
					if len(examples) > 0 {
						t.Fatalf("listed as not run (%s), but the section has %d examples: run them", why, len(examples))
					}
					t.Skip(why)
				}
				if len(examples) == 0 {
					t.Fatalf("the section has no example to run (a markdown or yaml block); add one, or list it in docExamplesNotRun with why")
				}
				var messages []string
				for i, ex := range examples {
					ds := runDocExample(t, r, ex)
					switch {
					case sec.bad && len(ds) == 0:
						t.Errorf("example %d gives no %s finding:\n%s", i+1, r.Name, ex.text)
					case !sec.bad && len(ds) > 0:
						t.Errorf("example %d gives %d %s findings, the first %q:\n%s", i+1, len(ds), r.Name, ds[0].Message, ex.text)
					}
					for _, d := range ds {
						messages = append(messages, oneSpace(d.Message))
					}
				}
				if !sec.bad {
					return
				}
				quoted, unread := quotedMessages(sec.text)
				for _, u := range unread {
					t.Errorf("the doc says %q, which this test cannot read: write one message a sentence, after \"Reported:\", \"Reported at `place`:\" or \"reported as\"", oneSpace(u))
				}
				for _, q := range quoted {
					if !containsAny(messages, oneSpace(q)) {
						t.Errorf("the doc quotes %q as reported, but no finding of its examples says it; the findings say:\n%s", oneSpace(q), strings.Join(messages, "\n"))
					}
				}
			})
		}
	}
}

// docExample is an example of a rule doc: a page's text (a ```markdown
// block) or a configuration (a ```yaml block, a .careerlint.yaml).
type docExample struct {
	config bool
	text   string
}

// docExamples returns the examples of a doc section. Where the section
// says that `·` stands for a space and `→` for a tab, they are written as
// such. Other blocks (```text: messages, file lists) are no examples.
func docExamples(section string) []docExample {
	spaces := strings.Contains(section, "`·` stands for a space")
	tabs := strings.Contains(section, "`→` for a tab")
	var out []docExample
	for _, m := range docFence.FindAllStringSubmatch(section, -1) {
		if m[1] != "markdown" && m[1] != "yaml" {
			continue
		}
		ex := m[2]
		if spaces {
			ex = strings.ReplaceAll(ex, "·", " ")
		}
		if tabs {
			ex = strings.ReplaceAll(ex, "→", "\t")
		}
		out = append(out, docExample{config: m[1] == "yaml", text: ex})
	}
	return out
}

// quotedMessages returns the messages a doc section quotes as reported,
// and each sentence of its prose that says "reported" before a code span
// in a form not read here (so that no quote goes unchecked): a sentence
// holds one message, after "Reported:", "Reported at PLACE:" or "reported
// as", and its other code spans must each follow "at " (a place).
func quotedMessages(section string) (msgs, unread []string) {
	prose := section
	for _, loc := range docReportedList.FindAllStringIndex(section, -1) {
		rest := section[loc[1]:]
		if end := strings.Index(rest, "```"); end >= 0 {
			for line := range strings.Lines(rest[:end]) {
				if line = strings.TrimSpace(line); line != "" {
					msgs = append(msgs, line)
				}
			}
		}
	}
	prose = docReportedList.ReplaceAllString(prose, "```text\n")
	// Quotes in the prose only: a fenced example may hold back quotes.
	prose = docFence.ReplaceAllString(prose, "")
	for _, loc := range docReportedWord.FindAllStringIndex(prose, -1) {
		sentence := prose[loc[0] : loc[0]+sentenceEnd(prose[loc[0]:])]
		if !strings.Contains(sentence, "`") {
			continue // "reported likewise", "is not reported"
		}
		m := docReportedAt.FindStringSubmatchIndex(sentence)
		if m == nil {
			unread = append(unread, sentence)
			continue
		}
		msgs = append(msgs, sentence[m[2]:m[3]])
		for _, sp := range codeSpan.FindAllStringIndex(sentence[m[1]:], -1) {
			if !strings.HasSuffix(sentence[:m[1]+sp[0]], "at ") {
				unread = append(unread, sentence)
				break
			}
		}
	}
	return msgs, unread
}

// sentenceEnd returns where the sentence that s starts ends: at a period
// followed by white space (or the end) outside code spans, or at a blank
// line.
func sentenceEnd(s string) int {
	code := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '`':
			code = !code
		case !code && s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'):
			return i + 1
		case strings.HasPrefix(s[i:], "\n\n"):
			return i
		}
	}
	return len(s)
}

// runDocExample writes an example into the site the rule's examples run
// in (testdata/doc-examples/RULE, else default): a page's text in place
// of the placeholder line, a configuration as the site's .careerlint.yaml
// (the placeholder line then taken out). It returns the findings of the
// rule there.
func runDocExample(t *testing.T, r *lint.Rule, ex docExample) []lint.Diagnostic {
	t.Helper()
	src := filepath.Join(docExampleRoot, r.Name)
	if _, err := os.Stat(src); err != nil {
		src = filepath.Join(docExampleRoot, "default")
	}
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	placed := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), docExamplePlaceholder) {
			return err
		}
		placed++
		page := ex.text
		if ex.config {
			page = ""
		}
		return os.WriteFile(p, []byte(strings.Replace(string(b), docExamplePlaceholder, page, 1)), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if placed != 1 {
		t.Fatalf("%s: %d files hold the line %q, want one", src, placed, strings.TrimSpace(docExamplePlaceholder))
	}
	if ex.config {
		if err := os.WriteFile(filepath.Join(root, lint.ConfigFileName), []byte(ex.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return linttest.Lint(t, root, rules.All(), rules.Suppression, r)
}

// oneSpace writes each run of white space of s as one space.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// containsAny reports whether one of the messages contains q.
func containsAny(messages []string, q string) bool {
	for _, m := range messages {
		if strings.Contains(m, q) {
			return true
		}
	}
	return false
}
