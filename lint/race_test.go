//go:build race

package lint

// raceEnabled is true in a build with the race detector.
const raceEnabled = true
