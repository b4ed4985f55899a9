package rules

import "gitlab.com/careerlint/careerlint/lint"

// Suppression reports inline careerlint comments that are malformed, have
// no reason, name an unknown rule, or suppress nothing. The runner's
// post-processing pipeline produces its findings, since they depend on
// what every other rule found.
var Suppression = &lint.Rule{
	Meta: lint.Meta{
		ID:      "CL005",
		Name:    "suppression",
		Summary: "inline careerlint-disable comments name a rule, give a reason, and suppress something",
		Default: lint.Warning,
	},
}
