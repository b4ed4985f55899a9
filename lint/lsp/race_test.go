//go:build race

package lsp

// raceEnabled is true in a build with the race detector.
const raceEnabled = true
