#!/usr/bin/env bash
# Measures careerlint on a deterministic synthetic handbook, next to the cost
# of parsing the same tree with goldmark alone, in one run.
#
#   scripts/bench.sh [PAGES [SIZE_MB [DIR]]]
#
# Defaults: 4500 pages, 58 MB (a handbook-sized tree), generated once into
# $TMPDIR/careerlint-bench-PAGES-SIZE and reused while its parameters match.
# RUNS (default 3) sets how many runs each measurement takes; the best is
# printed, with the median beside it. The numbers are for reading, never
# asserted by a test.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-4500}
size=${2:-58}
dir=${3:-${TMPDIR:-/tmp}/careerlint-bench-$pages-$size}
bin_dir=$(mktemp -d)
trap 'rm -rf "$bin_dir"' EXIT
go build -o "$bin_dir/careerlint" ./cmd/careerlint
# The start-up floors that the one-page runs are read against: an empty Go
# program, and one that links careerlint's third-party packages only.
go build -tags bench_empty -o "$bin_dir/empty" ./scripts/bench/floor
go build -o "$bin_dir/floor" ./scripts/bench/floor
go run ./scripts/bench -pages "$pages" -size "$size" -dir "$dir" -careerlint "$bin_dir/careerlint" \
	-floors "$bin_dir/empty,$bin_dir/floor" -runs "${RUNS:-3}"
