package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Edit replaces the bytes of Span with Text.
type Edit struct {
	Span Span
	Text string
}

// Fix is a set of non-overlapping edits that together resolve one finding.
// Rules return fixes as data; only the runner under --fix writes files.
type Fix struct {
	Title string
	Edits []Edit
}

// Otherwise is a finding's other form (Diagnostic.Otherwise): its
// message, related locations and suggestions when an inline suppression
// drops Rule's findings at At.
type Otherwise struct {
	Rule        *Rule
	At          Span
	Message     string
	Related     []Related
	Suggestions []Fix
}

// Related is another location that explains a finding, such as the line that
// includes the file a finding was reported in.
type Related struct {
	Span    Span
	Message string
}

// Diagnostic is one finding of one rule.
type Diagnostic struct {
	// Span is where the finding is; its File is relative to the site root.
	Span Span
	// Message is lower-case, without a final period, and names the thing and
	// the expectation.
	Message string
	Related []Related
	// Fixes are applied by --fix (the first one) and offered in editors:
	// each is right whatever the author meant.
	Fixes []Fix
	// Suggestions are offered to a person (an editor's quick fix, the JSON
	// report), applied by --fix only with --apply-suggestions
	// (RunOptions.ApplySuggestions): a did-you-mean that only the
	// author can confirm, such as the closest existing URL for a link
	// that matches no page.
	Suggestions []Fix
	// AlsoAt are other places that the finding is about (the whole link,
	// for a finding on its destination; the use of a reference definition,
	// which may be in another file of the page): an inline suppression
	// written for one of them suppresses the finding too. Not printed.
	AlsoAt []Span
	// FixGroup, when its Key is set, joins findings of the file and rule
	// whose fixes only make sense together (the bullets of one list:
	// rewriting some of them would split the list). When an inline
	// suppression drops one of them, the others keep their finding but
	// lose their fixes, their message ends with the group's Note, and the
	// suppressed finding is a related location. Not printed.
	FixGroup FixGroup
	// Otherwise, when set, is what the finding says instead when its
	// advice is to do as another rule's finding asks and an inline
	// suppression drops that finding: link-anchor, deferring to
	// ladder-sections' heading rename, gives its own did-you-mean again
	// where a maintainer suppressed the rename. The "suppress" step of
	// the Pipeline applies it. Not printed.
	Otherwise *Otherwise
	// Withheld marks a finding that the run does not show, reported only
	// so that an inline suppression written for it counts as used: one
	// that a run over part of a track leaves out as being about the whole
	// track, which a run over every page reports and a comment suppresses
	// (the comment is not unused in a run over its page alone). The
	// "suppress" step of the Pipeline drops it.
	Withheld bool
	// Rule and Severity are filled by the runner.
	Rule     *Rule
	Severity Severity
	// Identity, when set, is the problem the finding names for its
	// fingerprint in the reports read across commits (codequality,
	// sarif), in place of its message (see fingerprintMessage): the
	// message without a count that a partial fix changes, such as the
	// spaces at a line's end ("line ends with white space" for "line ends
	// with 2 spaces"), so that the finding keeps its fingerprint while it
	// is the same problem. Findings of a rule on one line with the same
	// identity are told apart by their order.
	Identity string
	// Placed marks a finding about something missing from its file (a
	// section, an include, a link to a level) whose span is only where
	// its fix would go: its fingerprint hashes no source line, as that
	// line is a neighbour, which an unrelated edit (a level added to the
	// list it would join) changes while the finding stays the same one.
	Placed bool
	// StandIn marks the finding that stands, in a file, for a rule's
	// findings past MaxFindingsPerFile ("500 more findings of this rule
	// in this file not shown"): there is one for a rule in a file, and its
	// fingerprint names the rule and the file only, as its count and place
	// change with every finding fixed above it.
	StandIn bool
	// NotShown is set on the StandIn finding: how many findings it stands
	// for (those seen and left out), which the report's summary counts in
	// its place.
	NotShown int
	// NotCounted is set on the StandIn finding where the rule's pass
	// did not keep all its findings on the file (past 10,000 of them):
	// how many it only counted, which it stands for too ("up to N more")
	// but which the report's counts leave out, as suppressions did not
	// see them; those counts are then lower bounds ("at least").
	NotCounted int
	// NotShownFixable and NotShownSuggested are set on the StandIn
	// finding: how many of the findings it stands for have a fix, and how
	// many of the others a suggestion, which the report's count of what
	// --fix would do includes.
	NotShownFixable, NotShownSuggested int
}

// Bounds on the text of a finding (its message, the messages of its
// related locations and the titles of its fixes and suggestions), which
// may quote text of any length from a page: the "shorten" step of the
// Pipeline applies them (see ShortenMessage).
const (
	// MaxMessageRun is the most code points one run of a message keeps:
	// a quoted string (quotes included) or a run of other text without
	// white space (an unquoted link target), or a run of white space.
	MaxMessageRun = 200
	// MaxMessageLength is the most code points a whole message keeps.
	MaxMessageLength = 1000
)

// ShortenMessage bounds a message, a related location's message or a fix
// title that quotes text of any length. Each run longer than
// MaxMessageRun code points (a Go-quoted string "..." as %q writes one, a
// run of non-space text, or a run of white space) keeps its beginning and
// its end with "…" in place of its middle, MaxMessageRun code points in
// all; a quoted string keeps its quotes and is cut only between its
// escapes (never inside "\x1b"). A message still longer than
// MaxMessageLength then keeps whole runs from its beginning and its end
// (where a did-you-mean is) with "…" in place of those in the middle.
// Cuts fall between code points (a UTF-8 sequence is never split), never
// right after a zero-width joiner, and the kept end starts with no
// combining mark, joiner or variation selector. A message within the
// bounds is returned unchanged.
func ShortenMessage(s string) string {
	if len(s) <= MaxMessageRun {
		return s // as many bytes as that are never more code points
	}
	runs := messageRuns(s)
	total, changed := 0, false
	for i, r := range runs {
		if n := utf8.RuneCountInString(r.text); n > MaxMessageRun {
			runs[i].text = shortenRun(r.text, r.quoted, MaxMessageRun)
			changed = true
		}
		runs[i].n = utf8.RuneCountInString(runs[i].text)
		total += runs[i].n
	}
	if total > MaxMessageLength {
		// Whole runs from each end, the beginning taking up to half.
		head, used := 0, 0
		for head < len(runs) && used+runs[head].n <= MaxMessageLength/2 {
			used += runs[head].n
			head++
		}
		tail, tailUsed := len(runs), 0
		for tail > head && used+tailUsed+runs[tail-1].n <= MaxMessageLength-1 {
			tailUsed += runs[tail-1].n
			tail--
		}
		runs = append(append(runs[:head:head], messageRun{text: "…", n: 1}), runs[tail:]...)
		changed = true
	}
	if !changed {
		return s
	}
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return b.String()
}

// messageRun is one run of a message: a quoted string, white space or
// other text, with its length in code points once counted.
type messageRun struct {
	text   string
	quoted bool
	n      int
}

// messageRuns splits a message into runs: Go-quoted strings ("..." with
// backslash escapes, as %q writes them; a quote without its closing one
// is text), runs of white space, and runs of other text.
func messageRuns(s string) []messageRun {
	var runs []messageRun
	unclosed := false // once a quote is not closed, no later one is
	for i := 0; i < len(s); {
		if s[i] == '"' && !unclosed {
			if end := quotedEnd(s, i); end > 0 {
				runs = append(runs, messageRun{text: s[i:end], quoted: true})
				i = end
				continue
			}
			unclosed = true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		space := unicode.IsSpace(r)
		j := i + size
		for j < len(s) && s[j] != '"' {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) != space {
				break
			}
			j += size
		}
		runs = append(runs, messageRun{text: s[i:j]})
		i = j
	}
	return runs
}

// quotedEnd returns the offset just past the quote closing the quoted
// string that starts at s[i], or 0 when it is not closed.
func quotedEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return 0
}

// shortenRun cuts the middle of a run of more than limit code points,
// keeping limit code points in all with "…" in the middle. A quoted run
// keeps its quotes and is cut between escapes.
func shortenRun(s string, quoted bool, limit int) string {
	open, closing := "", ""
	if quoted {
		open, closing, s = `"`, `"`, s[1:len(s)-1]
		limit -= 2
	}
	total := utf8.RuneCountInString(s)
	headMax := (limit - 1) / 2
	tailMax := limit - 1 - headMax
	// One pass over the units (a code point, or an escape when quoted):
	// the head ends at the last boundary within headMax code points, the
	// tail starts at the first boundary with at most tailMax after it.
	headEnd, tailStart := 0, len(s)
	prev, n := 0, 0
	for i := 0; i < len(s); {
		size := unitSize(s, i, quoted)
		if n+utf8.RuneCountInString(s[i:i+size]) <= headMax {
			prev, headEnd = i, i+size
		}
		n += utf8.RuneCountInString(s[i : i+size])
		i += size
		if total-n <= tailMax {
			tailStart = i
			break
		}
	}
	// Never end right after a zero-width joiner (the glyph it starts is
	// cut), nor start with a character that belongs to the one before.
	if s[prev:headEnd] == "\u200d" {
		headEnd = prev
	}
	for tailStart < len(s) {
		r, size := utf8.DecodeRuneInString(s[tailStart:])
		if !joinsPrevious(r) {
			break
		}
		tailStart += size
	}
	return open + s[:headEnd] + "…" + s[tailStart:] + closing
}

// unitSize returns the length in bytes of the unit that starts at s[i]: a
// code point (an invalid byte is one), or, in a quoted string, a whole
// escape such as \x1b, \u00e9, \U0001f600, \000 or \".
func unitSize(s string, i int, quoted bool) int {
	if quoted && s[i] == '\\' && i+1 < len(s) {
		n := 2
		switch c := s[i+1]; {
		case c == 'x':
			n = 4
		case c == 'u':
			n = 6
		case c == 'U':
			n = 10
		case c >= '0' && c <= '7':
			n = 4
		default:
			_, size := utf8.DecodeRuneInString(s[i+1:])
			n = 1 + size
		}
		return min(n, len(s)-i)
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// joinsPrevious reports whether a code point belongs to the glyph of the
// one before it: a combining mark, a zero-width joiner, a variation
// selector, an emoji skin tone or a tag character.
func joinsPrevious(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) || r == '\u200d' ||
		r >= 0xfe00 && r <= 0xfe0f || r >= 0x1f3fb && r <= 0x1f3ff || r >= 0xe0020 && r <= 0xe007f
}

// FixGroup joins findings whose fixes only make sense together (see
// Diagnostic.FixGroup).
type FixGroup struct {
	// Key tells the groups of a file and rule apart.
	Key string
	// Note ends the message of a finding of the group that lost its fix
	// because another was suppressed ("rewrite this list by hand: ...").
	Note string
	// Related labels the suppressed finding, a related location.
	Related string
}
