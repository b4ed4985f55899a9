package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type fmOptions struct {
	Required []string `yaml:"required"`
}

// testRules are tiny rules with the names and IDs ParseConfig resolves.
func testRules() []*Rule {
	return []*Rule{
		{Meta: Meta{ID: "CL001", Name: "front-matter", Default: Error}, NewOptions: func() any { return &fmOptions{Required: []string{"title"}} }},
		{Meta: Meta{ID: "CL004", Name: "ordered-list-style", Default: Warning}},
		{Meta: Meta{ID: "CL005", Name: "suppression", Default: Info}},
	}
}

func ruleNamed(rules []*Rule, name string) *Rule {
	for _, r := range rules {
		if r.Name == name {
			return r
		}
	}
	panic(name)
}

// configOnly drops the parts of a Config that are not plain settings (the
// decoded rules, where the file wrote its keys).
var configOnly = cmp.Options{cmpopts.IgnoreFields(Config{}, "Rules"), cmpopts.IgnoreUnexported(Config{}), cmpopts.EquateEmpty()}

func TestParseConfigDefaults(t *testing.T) {
	for _, src := range []string{"", "\n", "# nothing configured\n", "---\n", "---\n# still nothing\n...\n"} {
		cfg, err := ParseConfig("c.yaml", []byte(src), testRules())
		if err != nil {
			t.Fatalf("ParseConfig(%q): %v", src, err)
		}
		want := DefaultConfig()
		want.File = "c.yaml"
		if diff := cmp.Diff(want, cfg, configOnly); diff != "" {
			t.Errorf("ParseConfig(%q) (-want +got):\n%s", src, diff)
		}
		if len(cfg.Rules) != 0 {
			t.Errorf("ParseConfig(%q) configured rules %v", src, cfg.Rules)
		}
		for _, r := range testRules() {
			if got := cfg.Severity(r); got != r.Default {
				t.Errorf("severity of %s = %v, want the default %v", r.Name, got, r.Default)
			}
		}
	}
}

func TestParseConfigOverrides(t *testing.T) {
	src := `content: site/content
include-roots: [shared, assets]
ladder:
  - junior
  - senior
ignore: ["**/draft-*.md"]
max-file-size: 1000
shortcodes:
  include: [include, embed]
`
	cfg, err := ParseConfig("c.yaml", []byte(src), testRules())
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.File = "c.yaml"
	want.Content = "site/content"
	want.IncludeRoots = []string{"shared", "assets"}
	want.Ladder = []string{"junior", "senior"}
	want.Ignore = []string{"**/draft-*.md"}
	want.MaxFileSize = 1000
	want.Shortcodes.Include = []string{"include", "embed"}
	// shortcodes.paired is not written, so it keeps its default.
	if diff := cmp.Diff(want, cfg, configOnly); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"junior", "senior", "csr"}, cfg.Levels()); diff != "" {
		t.Errorf("Levels (-want +got):\n%s", diff)
	}
}

func TestParseConfigSeverities(t *testing.T) {
	rules := testRules()
	src := "rules:\n  front-matter: warning\n  CL004: {severity: off}\n  suppression: error\n"
	cfg, err := ParseConfig("c.yaml", []byte(src), rules)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Severity{}
	for _, r := range rules {
		got[r.Name] = cfg.Severity(r)
	}
	want := map[string]Severity{"front-matter": Warning, "ordered-list-style": Off, "suppression": Error}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("severities (-want +got):\n%s", diff)
	}
	if rc := cfg.Rules["ordered-list-style"]; rc.Key != "CL004" || lineOf([]byte(src), rc.KeyStart) != 3 {
		t.Errorf("rule configured by ID recorded as %q at line %d", rc.Key, lineOf([]byte(src), rc.KeyStart))
	}
}

func TestParseSeverity(t *testing.T) {
	for _, s := range []Severity{Off, Info, Warning, Error} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s.String(), got, err)
		}
	}
	for _, bad := range []string{"", "Error", "warn", "fatal"} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity(%q) accepted", bad)
		}
	}
	if got := Severity(9).String(); got != "severity(9)" {
		t.Errorf("Severity(9).String() = %q", got)
	}
}

func TestParseConfigOptions(t *testing.T) {
	rules := testRules()
	fm := ruleNamed(rules, "front-matter")
	t.Run("decoded over defaults", func(t *testing.T) {
		cfg, err := ParseConfig("c.yaml", []byte("rules:\n  front-matter:\n    options:\n      required: [title, description]\n"), rules)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(&fmOptions{Required: []string{"title", "description"}}, cfg.Options(fm)); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		if got := cfg.Severity(fm); got != Error {
			t.Errorf("options without a severity changed the severity to %v", got)
		}
	})
	t.Run("by ID with severity", func(t *testing.T) {
		cfg, err := ParseConfig("c.yaml", []byte("rules:\n  CL001: {severity: info, options: {required: [weight]}}\n"), rules)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(&fmOptions{Required: []string{"weight"}}, cfg.Options(fm)); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		if got := cfg.Severity(fm); got != Info {
			t.Errorf("severity = %v, want info", got)
		}
	})
	t.Run("defaults", func(t *testing.T) {
		cfg := DefaultConfig()
		if diff := cmp.Diff(&fmOptions{Required: []string{"title"}}, cfg.Options(fm)); diff != "" {
			t.Errorf("default options (-want +got):\n%s", diff)
		}
		if got := cfg.Options(ruleNamed(rules, "suppression")); got != nil {
			t.Errorf("a rule without options has options %v", got)
		}
		// Options are fresh values: changing one does not change the next.
		cfg.Options(fm).(*fmOptions).Required[0] = "changed"
		if got := cfg.Options(fm).(*fmOptions).Required[0]; got != "title" {
			t.Errorf("options share state: %q", got)
		}
	})
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each error as file:line:col: message (message as a prefix)
	}{
		{"unknown key", "content: c\nladderr: [a]\n", []string{`c.yaml:2:1: unknown key "ladderr"; did you mean "ladder"`}},
		// UTF-16 without a byte order mark, and UTF-32: named, not a NUL.
		{"UTF-16 without a byte order mark", "\x00c\x00o\x00n\x00t\x00e\x00n\x00t\x00:\x00 \x00c\x00\n", []string{`c.yaml:1:1: the file is UTF-16 text (NUL bytes between the letters), which YAML reads only as UTF-16 with a byte order mark; save it as UTF-8`}},
		{"UTF-32", "\xff\xfe\x00\x00c\x00\x00\x00", []string{`c.yaml:1:1: the file is UTF-32 text`}},
		// A UTF-16 byte order mark before UTF-8 text: named, not the
		// library's "incomplete UTF-16 character" or one long string.
		{"UTF-16 mark before UTF-8, odd length", "\xff\xfecontent: c\n", []string{`c.yaml:1:1: the file starts with a UTF-16 byte order mark (bytes FF FE or FE FF), but the text after it is not UTF-16; save it as UTF-8 without the byte order mark`}},
		{"UTF-16 mark before UTF-8, even length", "\xfe\xffcontent: cc\n", []string{`c.yaml:1:1: the file starts with a UTF-16 byte order mark`}},
		{"unknown nested key", "shortcodes:\n  paird: [x]\n", []string{`c.yaml:2:3: unknown key "paird"; did you mean "paired"`}},
		// A key written at the wrong depth: said where it goes, rather
		// than only that it is unknown.
		{"links key at the top level", "static-roots: [static]\n", []string{`c.yaml:1:1: unknown key "static-roots"; it belongs under links:`}},
		{"shortcodes key under links", "links:\n  paired: [x]\n", []string{`c.yaml:2:3: unknown key "paired"; it belongs under shortcodes:`}},
		{"top-level key under links", "links:\n  ignore: []\n", []string{`c.yaml:2:3: unknown key "ignore"; it belongs at the top level, not under links:`}},
		{"wrong type", "content: c\nmax-file-size: big\n", []string{`c.yaml:2:16: max-file-size: a string is written, where a whole number is expected`}},
		{"wrong list type", "ladder: senior\n", []string{`c.yaml:1:9: ladder: a string is written, where a list is expected; write a list, such as [a, b], even of one item`}},
		{"two problems in order", "pages: 3\ncontent: c\nignor: []\n", []string{`c.yaml:1:8: pages: a number is written, where a list is expected; write a list, such as [a, b], even of one item`, `c.yaml:3:1: unknown key "ignor"; did you mean "ignore"`}},
		{"unknown rule", "rules:\n  front-mater: off\n", []string{`c.yaml:2:3: unknown rule "front-mater"; did you mean "front-matter"`}},
		{"unknown rule far from any", "rules:\n  zzzz: off\n", []string{`c.yaml:2:3: unknown rule "zzzz"; ` + "`careerlint rules` lists them"}},
		{"rule key not shaped like a name", "rules:\n  Front_Matter: off\n", []string{`c.yaml:2:3: unknown rule "Front_Matter"; did you mean "front-matter"`}},
		{"unknown rule ID", "rules:\n  CL999: off\n", []string{`c.yaml:2:3: unknown rule "CL999"; ` + "`careerlint rules` lists them"}},
		// careerlint explain takes an ID in any case: the configuration
		// names it rather than only saying the rule is unknown.
		{"rule ID in lower case", "rules:\n  cl001: off\n", []string{`c.yaml:2:3: unknown rule "cl001"; did you mean "CL001"`}},
		// Rule keys stay as the docs write them (explain takes any case):
		// another case is named.
		{"rule name in another case", "rules:\n  Front-Matter: off\n", []string{`c.yaml:2:3: unknown rule "Front-Matter"; did you mean "front-matter"`}},
		{"rule twice", "rules:\n  front-matter: off\n  CL001: error\n", []string{`c.yaml:3:3: rule front-matter is configured twice (as "front-matter" and "CL001"); keep one`}},
		{"bad severity", "rules:\n  front-matter: loud\n", []string{`c.yaml:2:17: rules.front-matter: "loud" is not one of "off", "info", "warning" or "error"`}},
		{"severity written short", "rules:\n  front-matter: warn\n", []string{`c.yaml:2:17: rules.front-matter: "warn" is not one of "off", "info", "warning" or "error"; did you mean "warning"`}},
		{"severity not a string", "rules:\n  front-matter: true\n", []string{`c.yaml:2:17: rules.front-matter: true is not one of "off", "info", "warning" or "error"`}},
		{"bad severity in map", "rules:\n  suppression:\n    severity: loud\n", []string{`c.yaml:3:15: rules.suppression.severity: "loud" is not one of "off", "info", "warning" or "error"`}},
		{"misspelt severity key", "rules:\n  front-matter:\n    severty: error\n", []string{`c.yaml:3:5: unknown key "severty"; did you mean "severity"`}},
		{"unknown key beside severity", "rules:\n  ordered-list-style: {severity: warning, extra: 1}\n", []string{`c.yaml:2:43: unknown key "extra"; the keys here are "options" and "severity"`}},
		{"unknown option far from any", "rules:\n  front-matter:\n    options:\n      bogus: 1\n", []string{`c.yaml:4:7: unknown key "bogus"; the only key here is "required"`}},
		{"rule set to nothing", "rules:\n  front-matter:\n", []string{`c.yaml:2:16: rules.front-matter: nothing is written, where one of "off", "info", "warning" or "error" is expected`}},
		{"rule set to a list", "rules:\n  front-matter: [error]\n", []string{`c.yaml:2:17: rules.front-matter: a list is written, where one of "off", "info", "warning" or "error" is expected`}},
		{"bad option type", "rules:\n  front-matter:\n    options:\n      required: title\n", []string{`c.yaml:4:17: rules.front-matter.options.required: a string is written, where a list is expected; write a list, such as [a, b], even of one item`}},
		{"unknown option", "rules:\n  front-matter:\n    options:\n      requird: [a]\n", []string{`c.yaml:4:7: unknown key "requird"; did you mean "required"`}},
		{"options for a rule without options", "rules:\n  suppression:\n    options: {}\n", []string{`c.yaml:3:5: rule suppression has no options`}},
		// An option under a rule that takes none was "unknown key", which
		// said neither that the rule has no options nor what to do.
		{"an option for a rule without options", "rules:\n  suppression:\n    options: {x: 1}\n", []string{`c.yaml:3:15: unknown key "x"; rule suppression has no options, remove options`}},
		{"an option for a rule without options, by ID", "rules:\n  CL005:\n    severity: info\n    options:\n      reason: true\n", []string{`c.yaml:5:7: unknown key "reason"; rule CL005 has no options, remove options`}},
		{"broken yaml", "content: c\nladder: [a, b\nignore: []\n", []string{`c.yaml:2:9: invalid YAML: the list opened with "[" here is never closed; close it with "]", or quote the value if it is text`}},
		{"broken yaml tab", "content: c\n\tladder: [a]\n", []string{`c.yaml:2:1: invalid YAML: a tab indents this line, and YAML indents with spaces only; indent it with spaces`}},
		{"broken yaml quote", "content: \"c\nladder: [a]\n", []string{`c.yaml:1:10: invalid YAML: the quoted value starting here is never closed; add the closing quote`}},
		{"broken yaml colon in value", "docs-url: see: here\n", []string{`c.yaml:1:14: invalid YAML: ": " inside the value of "docs-url" starts a key, which YAML does not allow there; quote the value`}},
		// A "---" starting the document is no line of keys: the problem
		// is named where it is.
		{"broken yaml after document start", "---\ncontent: c\n  ignore: x\n", []string{`c.yaml:3:3: invalid YAML: this line is indented more than the line above, which already has a value; indent it like the line above`}},
		{"broken yaml after comment and document start", "# site\n--- # top\ndocs-url: see: here\n", []string{`c.yaml:3:14: invalid YAML: ": " inside the value of "docs-url" starts a key, which YAML does not allow there; quote the value`}},
		// yaml.Unmarshal reads the first document only: the rules of a
		// second one were dropped without a word.
		{"second document", "content: c\n---\nrules:\n  front-matter: off\n", []string{`c.yaml:2:1: a second YAML document starts here, and careerlint reads only the first, so its settings would be ignored; remove this "---" line to make one document`}},
		{"second document after document start", "---\ncontent: c\n--- # more\nladder: [a]\n", []string{`c.yaml:3:1: a second YAML document starts here`}},
		{"second document that does not parse", "content: c\n---\nladder: [a, b\n", []string{`c.yaml:3:9: invalid YAML: the list opened with "[" here is never closed`}},
		{"not a map", "- a\n- b\n", []string{`c.yaml:1:1: a list is written, where a map of keys is expected`}},
		{"duration not in Go's form", "time-budget: 5min\n", []string{`c.yaml:1:14: time-budget: "5min" is not a duration; write one such as 30s, 5m or 1m30s (0s for no limit)`}},
		// YAML reads a plain 30 or 0 as a number: the message says how
		// to write the duration.
		{"duration without its unit", "time-budget: 30\n", []string{`c.yaml:1:14: time-budget: a number is written, where a string is expected; write a duration with its unit, such as 30s, 5m or 1m30s (0s for no limit)`}},
		{"duration past the largest", "time-budget: 2562048h\n", []string{`c.yaml:1:14: time-budget: "2562048h" is longer than the largest duration careerlint can count, 2562047h47m16.854775807s; write a shorter one (0s for no limit)`}},
		{"byte that is not UTF-8", "content: c\nignore: [\"a\xffb\", \"\xc3\xa9\"]\n", []string{`c.yaml:2:12: invalid YAML: byte 0xff is not UTF-8; save the file as UTF-8`}},
		// A file that looks like Latin-1 is told what the byte is there,
		// as a page is.
		{"byte that is not UTF-8 in a latin-1 file", "content: c\nignore: [\"caf\xe9\"]\n", []string{`c.yaml:2:14: invalid YAML: byte 0xe9 is not UTF-8; the file looks like Latin-1 (Windows-1252), where it is "é"; save it as UTF-8`}},
		{"control character", "content: c\x01\n", []string{`c.yaml:1:11: invalid YAML: control character U+0001 is not allowed in YAML; remove it`}},
		// A value that one edit makes right is named, rather than
		// GitLab's handbook as the example of another site's URL.
		{"site URL without a scheme", "links:\n  site-urls: [handbook.example.com]\n", []string{`c.yaml:2:15: links.site-urls.0: "handbook.example.com" is not an absolute URL with a path; did you mean "https://handbook.example.com/"`}},
		{"site URL without a path", "links:\n  site-urls: [\"https://handbook.example.com\"]\n", []string{`c.yaml:2:15: links.site-urls.0: "https://handbook.example.com" is not an absolute URL with a path; did you mean "https://handbook.example.com/"`}},
		{"site URL not mendable", "links:\n  site-urls: [\"ftp://x/\"]\n", []string{`c.yaml:2:15: links.site-urls.0: "ftp://x/" is not an absolute URL with a path; write one such as https://handbook.gitlab.com/`}},
		{"external prefix without a slash", "links:\n  external-prefixes: [jobs/]\n", []string{`c.yaml:2:23: links.external-prefixes.0: "jobs/" is not a site path; did you mean "/jobs/"`}},
		{"docs-url without a scheme", "docs-url: docs.example.com/careerlint/\n", []string{`c.yaml:1:11: docs-url: "docs.example.com/careerlint/" is not an absolute http or https URL of a folder, without a query or fragment; did you mean "https://docs.example.com/careerlint/"`}},
		{"level with a space, mendable", "ladder: [associate, Senior Engineer]\n", []string{`c.yaml:1:21: ladder.1: "Senior Engineer" is not a level as file names write it; did you mean "senior-engineer"`}},
		{"duration with a space", "time-budget: 30 s\n", []string{`c.yaml:1:14: time-budget: "30 s" is not a duration; did you mean "30s"`}},
		// "#top" named an anchor no link fragment ("top") matches: every
		// link to it was reported broken.
		{"layout anchor written with its #", "links:\n  layout-anchors: [top, \"#main\"]\n", []string{`c.yaml:2:25: links.layout-anchors.1: "#main" is not an anchor as layout-anchors takes it; did you mean "main"`}},
		{"content outside the root", "content: ../ext\n", []string{`c.yaml:1:10: content: "../ext" is not inside the site root; name a folder under it, such as "content"`}},
		{"content absolute", "content: /etc\n", []string{`c.yaml:1:10: content: "/etc" is not inside the site root`}},
		{"static root outside the root", "links:\n  static-roots: [static, ../public]\n", []string{`c.yaml:2:26: links.static-roots: "../public" is not inside the site root; name a folder under it, such as "static"`}},
		{"pages glob outside the root", "pages: [\"../ext/**/*.md\"]\n", []string{`c.yaml:1:9: pages: "../ext/**/*.md" is not inside the site root; globs are relative to it`}},
		{"ignore glob starting ./", "ignore: [\"./content/**/staff.md\"]\n", []string{`c.yaml:1:10: ignore: "./content/**/staff.md" matches no file: paths are matched without "./"; write "content/**/staff.md"`}},
		{"pages glob with a ./ segment", "pages: [\"content/./handbook/**/*.md\"]\n", []string{`c.yaml:1:9: pages: "content/./handbook/**/*.md" matches no file: paths are matched without "./"; write "content/handbook/**/*.md"`}},
		{"ignore glob .", "ignore: [\".\"]\n", []string{`c.yaml:1:10: ignore: "." matches no file: paths are matched without "./"; write "**" for every file`}},
		{"ignore glob ./", "ignore: [\"./\"]\n", []string{`c.yaml:1:10: ignore: "./" matches no file: paths are matched without "./"; write "**" for every file`}},
		{"ignore glob ending /.", "ignore: [\"content/drafts/.\"]\n", []string{`c.yaml:1:10: ignore: "content/drafts/." matches no file: paths are matched without "./"; write "content/drafts/**"`}},
		{"ignore glob ending ./", "ignore: [\"content/drafts/./\"]\n", []string{`c.yaml:1:10: ignore: "content/drafts/./" matches no file: paths are matched without "./"; write "content/drafts/**"`}},
		{"docs-url not a URL", "docs-url: not a url\n", []string{`c.yaml:1:11: docs-url: "not a url" is not an absolute http or https URL of a folder, without a query or fragment; write one such as https://`}},
		{"docs-url with a query", "docs-url: https://example.test/docs?v=1\n", []string{`c.yaml:1:11: docs-url: "https://example.test/docs?v=1" is not an absolute http or https URL of a folder`}},
		{"level with a space", "ladder: [intern, senior staff]\n", []string{`c.yaml:1:18: ladder.1: "senior staff" is not a level as file names write it; did you mean "senior-staff"`}},
		// A shortcode both including a file and paired: every include
		// was reported never closed (252 times on the handbook).
		{"include shortcode paired, include by default", "shortcodes:\n  paired: [details, include]\n", []string{`c.yaml:2:21: shortcodes.paired: "include" is in shortcodes.include too (it lists "include" by default), and an include shortcode takes no closing tag; remove "include" from paired`}},
		{"include shortcode paired, both written", "shortcodes:\n  include: [include, embed]\n  paired: [embed]\n", []string{`c.yaml:3:12: shortcodes.paired: "embed" is in shortcodes.include too, and an include shortcode takes no closing tag; remove "embed" from one of the lists`}},
		{"include shortcode paired, include written second", "shortcodes:\n  paired: [embed]\n  include: [embed]\n", []string{`c.yaml:3:13: shortcodes.include: "embed" is in shortcodes.paired too, and an include shortcode takes no closing tag; remove "embed" from one of the lists`}},
		{"paired shortcode made an include one, paired by default", "shortcodes:\n  include: [include, details]\n", []string{`c.yaml:2:22: shortcodes.include: "details" is in shortcodes.paired too (it lists "details" by default), and an include shortcode takes no closing tag; remove "details" from include, or write paired without it`}},
		{"shortcode listed twice", "shortcodes:\n  paired: [tabs, tab, tabs]\n", []string{`c.yaml:2:23: shortcodes.paired: "tabs" is listed twice (items 1 and 3); remove one`}},
		{"level not mendable", "ladder: [intern, \"-\"]\n", []string{`c.yaml:1:18: ladder.1: "-" is not a level as file names write it; use letters, digits, "-" and "_" only, as in senior-staff`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("c.yaml", []byte(tt.src), testRules())
			if err == nil {
				t.Fatalf("no error; config %+v", cfg)
			}
			if cfg != nil {
				t.Error("a config is returned alongside an error")
			}
			var errs ConfigErrors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not ConfigErrors: %v", err, err)
			}
			var got []string
			for i, e := range errs {
				s := e.Error()
				if i < len(tt.want) && strings.HasPrefix(s, tt.want[i]) {
					s = tt.want[i]
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if err.Error() != strings.Join(func() []string {
				var s []string
				for _, e := range errs {
					s = append(s, e.Error())
				}
				return s
			}(), "\n") {
				t.Errorf("ConfigErrors.Error() does not list every error: %q", err.Error())
			}
		})
	}
}

// TestParseConfigEmptyLaterDocument checks that a "---" closing the file,
// with nothing or comments after it, is no second document to report.
func TestParseConfigEmptyLaterDocument(t *testing.T) {
	for _, src := range []string{"content: c\n---\n", "content: c\n---\n# end\n", "---\ncontent: c\n...\n"} {
		cfg, err := ParseConfig("c.yaml", []byte(src), testRules())
		if err != nil {
			t.Errorf("%q: %v", src, err)
		} else if cfg.Content != "c" {
			t.Errorf("%q: content %q, want c", src, cfg.Content)
		}
	}
}

func TestParseConfigDuplicateKey(t *testing.T) {
	_, err := ParseConfig("c.yaml", []byte("content: a\nladder: [x]\ncontent: b\n"), testRules())
	if err == nil {
		t.Fatal("a duplicate key is accepted")
	}
	if !strings.HasPrefix(err.Error(), "c.yaml:3:1: ") || !strings.Contains(err.Error(), `"content"`) {
		t.Errorf("error %q does not point at the second \"content\" on line 3", err)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ConfigFileName)
	if err := os.WriteFile(p, []byte("content: pages\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(p, testRules())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != p || cfg.Content != "pages" {
		t.Errorf("LoadConfig = file %q content %q", cfg.File, cfg.Content)
	}
	_, err = LoadConfig(filepath.Join(dir, "missing.yaml"), testRules())
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 0 || !strings.Contains(err.Error(), "cannot read configuration") {
		t.Errorf("missing file: %v", err)
	}
	// A file that never ends (--config /dev/zero) or is larger than any
	// configuration is refused after its first MiB, not read whole.
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("content: pages\n"+strings.Repeat("# comment\n", 200_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{big, "/dev/zero"} {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		done := make(chan error, 1)
		go func() { _, err := LoadConfig(f, testRules()); done <- err }()
		select {
		case err := <-done:
			if !errors.As(err, &ce) || ce.Line != 0 || !strings.Contains(err.Error(), "cannot read configuration: it is larger than 1 MiB") {
				t.Errorf("%s: %v", f, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: LoadConfig did not return", f)
		}
	}
}

func TestDefaultConfigYAMLRoundTrips(t *testing.T) {
	rules := testRules()
	text := DefaultConfigYAML(rules)
	cfg, err := ParseConfig("init.yaml", []byte(text), rules)
	if err != nil {
		t.Fatalf("the defaults written by init do not parse:\n%v\n%s", err, text)
	}
	want := DefaultConfig()
	want.File = "init.yaml"
	if diff := cmp.Diff(want, cfg, configOnly); diff != "" {
		t.Errorf("init's defaults differ from the built-in ones (-want +got):\n%s", diff)
	}
	for _, r := range rules {
		if got := cfg.Severity(r); got != r.Default {
			t.Errorf("init writes %s as %v, want its default %v", r.Name, got, r.Default)
		}
	}
}

func TestConfigDocsLink(t *testing.T) {
	r := ruleNamed(testRules(), "front-matter")
	if got := DefaultConfig().DocsLink(r); got != DefaultDocsURL+"front-matter.md" {
		t.Errorf("DocsLink = %q", got)
	}
	c := DefaultConfig()
	c.DocsURL = ""
	if got := c.DocsLink(r); got != DefaultDocsURL+"front-matter.md" {
		t.Errorf("DocsLink with an empty docs-url = %q", got)
	}
	c.DocsURL = "https://example.test/docs/"
	if got := c.DocsLink(r); got != "https://example.test/docs/front-matter.md" {
		t.Errorf("DocsLink = %q", got)
	}
	c.DocsURL = "https://example.test/docs"
	if got := c.DocsLink(r); got != "https://example.test/docs/front-matter.md" {
		t.Errorf("DocsLink of a docs-url without its final slash = %q", got)
	}
	for _, ok := range []string{"https://example.test/docs/", "http://example.test", "https://example.test/a/b", "HTTPS://example.test/docs/"} {
		if _, err := ParseConfig("c.yaml", []byte("docs-url: "+ok+"\n"), testRules()); err != nil {
			t.Errorf("docs-url %s: %v", ok, err)
		}
	}
}

func TestFindRoot(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"withconfig/" + ConfigFileName:   "",
		"withconfig/content/a/b/page.md": "",
		"hugo/content/x/y.md":            "",
		"hugo/assets/includes/i.md":      "",
		"bare/z/page.md":                 "",
	})
	tests := []struct{ start, want string }{
		{"withconfig/content/a/b/page.md", "withconfig"},
		{"withconfig/content/a", "withconfig"},
		{"hugo/content/x", "hugo"},
		{"hugo/content/x/y.md", "hugo"},
		// A page that does not exist yet (--stdin-filename) is looked up
		// from its folder; with no root above, that folder is the root.
		{"hugo/content/x/new.md", "hugo"},
		{"bare/z/page.md", "bare/z"},
		{"bare/z/new.md", "bare/z"},
	}
	checkFindRoot(t, dir, tests)
}

// TestFindRootHugo: a folder holding a Hugo configuration whose content
// folder (contentDir, by default content) exists is a site root too, but
// only when no folder up from the start holds .careerlint.yaml, or
// content/ and assets/: a Hugo site of a monorepo does not capture a
// handbook with its own configuration, below or above it.
func TestFindRootHugo(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		// A Hugo site whose pages are under site/.
		"hugo/hugo.toml":                 "contentDir = \"site\"\n",
		"hugo/site/people/careers/a.md":  "",
		"hugo/partials/nav.md":           "",
		"yaml/config/_default/hugo.yaml": "contentDir: docs\n",
		"yaml/docs/x/a.md":               "",
		"plain/config.toml":              "title = \"x\"\n",
		"plain/content/x/a.md":           "",
		// A config.yaml that is no site: its content folder does not exist.
		"stray/config.yaml":                   "a: b\n",
		"stray/sub/x.md":                      "",
		"noconf/hugo.toml":                    "contentDir = \"site\"\n",
		"noconf/content/x/a.md":               "",
		"noconf/other/x.md":                   "",
		"outside/hugo.toml":                   "contentDir = \"../hugo/site\"\n",
		"outside/x/a.md":                      "",
		"monorepo/hugo.toml":                  "",
		"monorepo/content/a.md":               "",
		"monorepo/handbook/" + ConfigFileName: "content: site\n",
		"monorepo/handbook/site/people/a.md":  "",
		// .careerlint.yaml above a Hugo site wins over it.
		"above/" + ConfigFileName:        "content: docs/content\n",
		"above/docs/hugo.toml":           "",
		"above/docs/content/people/a.md": "",
	})
	tests := []struct{ start, want string }{
		{"hugo/site/people/careers/a.md", "hugo"},
		{"hugo/site/people/careers/new.md", "hugo"},
		{"hugo/partials/nav.md", "hugo"},
		{"hugo", "hugo"},
		{"yaml/docs/x/a.md", "yaml"},
		{"plain/content/x/a.md", "plain"},
		{"stray/sub/x.md", "stray/sub"},
		// contentDir names a folder that does not exist, or one outside.
		{"noconf/other/x.md", "noconf/other"},
		{"outside/x/a.md", "outside/x"},
		{"monorepo/handbook/site/people/a.md", "monorepo/handbook"},
		{"monorepo/content/a.md", "monorepo"},
		{"above/docs/content/people/a.md", "above"},
	}
	checkFindRoot(t, dir, tests)
}

// TestKeysHere: an unknown key's message lists the keys of its map when
// there are a few, and none when there are many.
func TestKeysHere(t *testing.T) {
	for _, tc := range []struct {
		known []string
		want  string
	}{
		{nil, ""},
		{[]string{"required"}, `the only key here is "required"`},
		{[]string{"options", "severity"}, `the keys here are "options" and "severity"`},
		{[]string{"a", "b", "c"}, `the keys here are "a", "b" and "c"`},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, ""},
	} {
		if got := keysHere(tc.known); got != tc.want {
			t.Errorf("keysHere(%q) = %q, want %q", tc.known, got, tc.want)
		}
	}
}

// checkFindRoot checks FindRoot from each start, a slash path under dir,
// against the root wanted, a slash path under dir.
func checkFindRoot(t *testing.T, dir string, tests []struct{ start, want string }) {
	t.Helper()
	for _, tt := range tests {
		got, err := FindRoot(filepath.Join(dir, filepath.FromSlash(tt.start)))
		if err != nil {
			t.Fatal(err)
		}
		if got != filepath.Join(dir, tt.want) {
			t.Errorf("FindRoot(%s) = %s, want %s", tt.start, got, filepath.Join(dir, tt.want))
		}
	}
}

// TestParseConfigUTF16: a configuration saved as UTF-16 with a byte order
// mark (little- or big-endian) is read, as YAML reads it.
func TestParseConfigUTF16(t *testing.T) {
	// A mark alone: an empty file saved as "Unicode", the defaults.
	for _, mark := range [][]byte{{0xff, 0xfe}, {0xfe, 0xff}} {
		if cfg, err := ParseConfig("c.yaml", mark, nil); err != nil || cfg.Content != DefaultConfig().Content {
			t.Errorf("mark % x alone: %v, %v; want the defaults", mark, cfg, err)
		}
	}
	text := "content: site/content\n"
	for _, le := range []bool{true, false} {
		src := []byte{0xfe, 0xff}
		if le {
			src = []byte{0xff, 0xfe}
		}
		for _, r := range text {
			if le {
				src = append(src, byte(r), 0)
			} else {
				src = append(src, 0, byte(r))
			}
		}
		cfg, err := ParseConfig("c.yaml", src, nil)
		if err != nil {
			t.Fatalf("little-endian %v: %v", le, err)
		}
		if cfg.Content != "site/content" {
			t.Errorf("little-endian %v: content %q, want site/content", le, cfg.Content)
		}
	}
}
