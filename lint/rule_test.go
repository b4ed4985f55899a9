package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lineByLineSections is the reference for the sections ParseDoc returns
// for a well-formed doc: each section gathered line by line up to the next
// "## " line outside a code fence.
func lineByLineSections(text string) Doc {
	d := Doc{Text: text}
	sections := []*string{&d.Why, &d.Bad, &d.Good, &d.Options, &d.Fix}
	n := -1
	fenced := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if strings.HasPrefix(line, "## ") && !fenced {
			n++
		} else if n >= 0 {
			*sections[n] += line + "\n"
		}
	}
	for _, p := range sections {
		*p = strings.TrimSpace(*p)
	}
	return d
}

func TestParseDocSections(t *testing.T) {
	full := "# x: a rule\n\nIntro.\n\n## Why\n\nBecause.\n\n## Bad\n\n```md\n## Not a section\n```\n\n## Good\n\nFine.\n\n## Options\n\nNone.\n\n## Fix\n\nRewrite it."
	for _, text := range []string{
		full,
		full + "\n",
		strings.ReplaceAll(full, "\n", "\r\n"),
		strings.Replace(full, "## Options", "##  Options  ", 1),
		"## Why\n## Bad\n## Good\n## Options\n## Fix", // empty sections
	} {
		got, err := ParseDoc(text)
		if err != nil {
			t.Errorf("ParseDoc(%q): %v", text, err)
			continue
		}
		if diff := cmp.Diff(lineByLineSections(text), got); diff != "" {
			t.Errorf("ParseDoc(%q) (-reference +got):\n%s", text, diff)
		}
	}
	if d, _ := ParseDoc(full); d.Bad != "```md\n## Not a section\n```" || d.Fix != "Rewrite it." {
		t.Errorf("ParseDoc: Bad %q, Fix %q", d.Bad, d.Fix)
	}
	for text, want := range map[string]string{
		strings.Replace(full, "## Good", "## Fix", 1):         `unexpected section "Fix"; sections are Why, Bad, Good, Options, Fix in that order`,
		strings.Replace(full, "## Fix\n\nRewrite it.", "", 1): `missing section "Fix"`,
		strings.Replace(full, "## Bad", "## Worse", 1):        `unexpected section "Worse"; sections are Why, Bad, Good, Options, Fix in that order`,
		strings.Replace(full, "```md\n## Not", "## Not", 1):   `unexpected section "Not a section"; sections are Why, Bad, Good, Options, Fix in that order`,
		"": `missing section "Why"`,
	} {
		if _, err := ParseDoc(text); err == nil || err.Error() != want {
			t.Errorf("ParseDoc(%q) error %v, want %q", text, err, want)
		}
	}
}
