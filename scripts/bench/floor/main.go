// Command floor is the start-up floor that scripts/bench.sh times next to
// careerlint's one-page runs: a program that does nothing but link the
// third-party packages careerlint imports, so that their package
// initialisation (compiled regular expressions, tables) and the Go
// runtime's start are all it pays.
// Built with the tag bench_empty it links none of them: then it is the
// cost of starting any Go program at all.
package main

func main() {}
