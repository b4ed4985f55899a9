package lint

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
	// Rule and Severity are filled by the runner.
	Rule     *Rule
	Severity Severity
}
