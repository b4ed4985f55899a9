// Package lint is careerlint's engine. It owns everything between the files
// on disk and the printed report: parsing a page (front matter, shortcodes and
// the goldmark AST with byte positions), the read-only Site built from the
// parsed pages, the rule interface and registry types, the runner that
// discovers, parses and checks files concurrently, the configuration file,
// inline suppressions, the post-processing pipeline, fixes as data, and the
// output formats.
//
// Positions are byte offsets end to end (see Span); line and column numbers
// are computed only when a finding is printed (see LineIndex).
package lint
