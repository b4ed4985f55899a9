package rules

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

func TestTemplateEntryMatch(t *testing.T) {
	ls := newLevelSet(lint.DefaultConfig(), defaultLevelNames())
	for _, c := range []struct {
		pattern, text, page string
		ok                  bool
		levels              string // the level keys matched, space-separated
	}{
		{"## {level}", "Senior", "senior", true, "senior"},
		{"## {level}", "senior", "senior", true, "senior"},
		{"## {level}", "Associate", "senior", true, "associate"},
		{"## {level}", "Senior Engineer", "senior", false, ""},
		{"### [{level} ]Leadership Competencies", "Leadership Competencies", "senior", true, ""},
		{"### [{level} ]Leadership Competencies", "Senior  Leadership  Competencies", "senior", true, "senior"},
		{"### [{level} ]Leadership Competencies", "Senior Staff Leadership Competencies", "senior", true, "senior-staff"},
		{"### [{level} ]Leadership Competencies", "Seniority Leadership Competencies", "senior", false, ""},
		{"## *{level}*", "Dev Senior Backend Engineer (BE)", "senior", true, "senior"},
		{"## *{level}*", "Senior Staff Engineer", "senior", true, "senior-staff"},
		{"## *{level}*", "Senior Staff Engineer", "senior-staff", true, "senior-staff"},
		// The page's own level wins over an earlier mention of another.
		{"## *{level}*", "Staff Engineer, building on Senior", "senior", true, "senior"},
		{"## *{level}*", "Intermediate Support Engineer", "associate", true, "intermediate"},
		{"## *{level}*", "Backend Engineer", "senior", false, ""},
		{"## *{level}*", "Customer Support Representative", "csr", true, "csr"},
		{`## Cost \*estimate\*`, "Cost *estimate*", "senior", true, ""},
		{`## Cost \*estimate\*`, "Cost of estimate", "senior", false, ""},
	} {
		ce, err := compileEntry(TemplateEntry{Heading: c.pattern})
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		words := map[int]levelWord{}
		for _, w := range ls.find(c.text, textJoiners, false) {
			words[w.Start] = w
		}
		caps, ok := ce.match(c.text, words, c.page)
		var keys []string
		for _, w := range caps {
			keys = append(keys, w.Key)
		}
		if ok != c.ok || strings.Join(keys, " ") != c.levels {
			t.Errorf("%q on %q (page %s) = %v %v; want %v %q", c.pattern, c.text, c.page, ok, keys, c.ok, c.levels)
		}
	}
}

func TestCompileEntryErrors(t *testing.T) {
	for pattern, want := range map[string]string{
		"Accountability":          "must start with one to six",
		"####### Too deep":        "must start with one to six",
		"## [{level} [x]] Nested": "cannot nest",
		"## [{level} Open":        `"[" without "]"`,
		"## Close]":               `"]" without "["`,
		"## {track} Competencies": "unknown placeholder",
		`## Trailing \`:           "ends with",
	} {
		_, err := compileEntry(TemplateEntry{Heading: pattern})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("compileEntry(%q) = %v; want an error containing %q", pattern, err, want)
		}
	}
}

func TestRequiredSectionsOptions(t *testing.T) {
	rules := []*lint.Rule{RequiredSections}
	cfg, err := lint.ParseConfig("c.yaml", []byte(`
rules:
  required-sections:
    options:
      templates:
        short:
          - "## {level}"
          - heading: "### Notes"
            optional: true
      tracks:
        - glob: "content/short/*.md"
          template: short
        - glob: "**"
          template: competency-list
`), rules)
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Options(RequiredSections).(*RequiredSectionsOptions)
	if len(o.Templates) != 3 || len(o.Templates[InfrastructureTemplate]) != 9 {
		t.Errorf("configured templates must be added to the built-in ones, got %d templates", len(o.Templates))
	}
	if got := o.Templates["short"]; len(got) != 2 || got[0].Heading != "## {level}" || !got[1].Optional {
		t.Errorf("template short decoded as %+v", got)
	}
	if len(o.Tracks) != 2 || o.Tracks[0].Template != "short" {
		t.Errorf("configured tracks must replace the built-in ones, got %+v", o.Tracks)
	}
	if len(o.LevelNames["csr"]) != 1 {
		t.Errorf("built-in level names lost: %+v", o.LevelNames)
	}
	// A key written in any case replaces the built-in one of that level.
	for _, key := range []string{"csr", "CSR", "Csr"} {
		text := "extra-levels: [csr]\nrules:\n  required-sections:\n    options:\n      level-names: {" + key + ": [Support Rep]}\n"
		cfg, err := lint.ParseConfig("c.yaml", []byte(text), rules)
		if err != nil {
			t.Fatal(err)
		}
		got := cfg.Options(RequiredSections).(*RequiredSectionsOptions).LevelNames
		if want := map[string][]string{key: {"Support Rep"}}; !maps.EqualFunc(got, want, slices.Equal) {
			t.Errorf("level-names {%s: [Support Rep]} gives %v, want %v", key, got, want)
		}
	}
	for text, want := range map[string]string{
		"tracks: [{glob: '**', template: infrastucture}]":            `names template "infrastucture", which is not defined; did you mean "infrastructure"`,
		"tracks: [{glob: '**', template: nosuch}]":                   `names template "nosuch", which is not defined; define it under templates, or name one of "competency-list" or "infrastructure"`,
		"templates: {x: [\"Accountability\"]}":                       `"Accountability" is not a heading pattern; start it with "#" marks and a space`,
		"templates: {x: [{heading: \"## [a\"}]}":                     `"[" without "]"`,
		"templates: {x: [{heading: \"## A\", repeat: 1}]}":           "repeat",
		"level-names: {senoir: [Senior Engineer]}":                   `level-names: "senoir" is on neither ladder nor extra-levels, so its names are never looked for; did you mean "senior"`,
		"tracks: [{glob: 'content/[x', template: competency-list}]":  `tracks: glob "content/[x" is malformed at "[x"`,
		"tracks: [{glob: '/content/**', template: competency-list}]": `tracks: "/content/**" is not inside the site root; globs are relative to it`,
		"level-names: {nosuchlevel: [X]}":                            `"nosuchlevel" is on neither ladder nor extra-levels, so its names are never looked for; add it to extra-levels, or remove it`,
	} {
		src := "rules:\n  required-sections:\n    options:\n      " + text + "\n"
		_, err := lint.ParseConfig("c.yaml", []byte(src), rules)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("options %s: error %v; want one containing %q", text, err, want)
		}
	}
	// Levels compare in any case; one on extra-levels is a level too.
	ok := "extra-levels: [csr, ta]\nrules:\n  required-sections:\n    options:\n      level-names: {CSR: [X], Senior: [Y], ta: [Talent Acquisition]}\n"
	if _, err := lint.ParseConfig("c.yaml", []byte(ok), rules); err != nil {
		t.Errorf("level-names of configured levels: %v", err)
	}
	// A track's glob that can match no page is placed at the glob.
	src0 := "rules:\n  required-sections:\n    options:\n      tracks:\n        - template: competency-list\n          glob: \"**/[a/*.md\"\n"
	_, err = lint.ParseConfig("c.yaml", []byte(src0), rules)
	var ce0 lint.ConfigErrors
	if !errors.As(err, &ce0) || len(ce0) != 1 || ce0[0].Line != 6 || ce0[0].Column != 17 {
		t.Errorf("a malformed track glob on line 6: %v, want one problem at 6:17", err)
	}
	// A pattern's problem is placed at the pattern, not at the options
	// key, and the message does not quote another line.
	src := "rules:\n  required-sections:\n    options:\n      templates:\n        x:\n          - \"## [a\"\n"
	_, err = lint.ParseConfig("c.yaml", []byte(src), rules)
	var ce lint.ConfigErrors
	if !errors.As(err, &ce) || len(ce) != 1 || ce[0].Line != 6 || ce[0].Column != 13 || strings.Contains(ce[0].Message, "line") {
		t.Errorf("a bad pattern on line 6: %v, want one problem at 6:13 without a line in its message", err)
	}
}
