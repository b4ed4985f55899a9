package rules

import "gitlab.com/careerlint/careerlint/lint"

// Suppression reports inline careerlint comments that are malformed, have
// no reason, name an unknown rule, or suppress nothing, and ignore and
// pages globs of the configuration file that match no page. The runner produces its
// findings (the comments' in its post-processing pipeline, since they
// depend on what every other rule found; the globs' from its walk of the
// content folder).
var Suppression = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL005",
		Name:    "suppression",
		Summary: "inline careerlint-disable comments name a rule, give a reason, and suppress something; ignore and pages globs match a file",
		Default: lint.Warning,
	},
}
