#!/usr/bin/env bash
# Runs every fuzz target for DURATION (a Go duration, default 60s), one
# after another, with one fuzzing worker each, and prints per target its
# final "fuzz: elapsed: ..., execs: ..." line and whether it passed.
# A crasher is saved by Go under PKG/testdata/fuzz/TARGET/ and makes the
# script exit 1 after the remaining targets have run: turn it into a
# regression test (keep the file) and fix the cause.
#
#   scripts/fuzz.sh        # 60s per target
#   scripts/fuzz.sh 5m     # 5 minutes per target
#
# FUZZ_PARALLEL sets the workers per target (default 1: the targets run on
# a shared machine); FUZZ_ONLY=REGEXP runs only matching targets.
set -uo pipefail
cd "$(dirname "$0")/.."

duration="${1:-60s}"
parallel="${FUZZ_PARALLEL:-1}"
only="${FUZZ_ONLY:-}"

# package target: keep in step with the Fuzz functions (the check below
# fails when one is missing from this list).
targets=(
  "./lint FuzzFrontMatter"
  "./lint FuzzParsePage"
  "./lint FuzzApplyEdits"
  "./lint FuzzMentionMatcher"
  "./lint FuzzClosestIndex"
  "./lint FuzzIndentJSON"
  "./lint FuzzSchemaValidator"
  "./lint FuzzParseConfig"
  "./lint/lsp FuzzMinimalEdits"
  "./lint/shortcode FuzzLex"
  "./lint/anchor FuzzSlug"
  "./lint/anchor FuzzText"
  "./rules FuzzPageRules"
  "./rules FuzzFix"
  "./rules FuzzListMarkerKeepsRendering"
  "./rules FuzzItemInsertion"
  "./cmd/careerlint FuzzUnifiedDiff"
  "./cmd/careerlint FuzzDiffName"
)

listed=$(printf '%s\n' "${targets[@]}" | awk '{print $2}' | sort)
found=$(grep -rhoE '^func (Fuzz[A-Za-z0-9_]+)\(f \*testing\.F\)' --include='*_test.go' . | sed -E 's/^func (Fuzz[A-Za-z0-9_]+).*/\1/' | sort)
if [ "$listed" != "$found" ]; then
  echo "fuzz.sh: the target list differs from the Fuzz functions in the code:" >&2
  diff <(echo "$listed") <(echo "$found") >&2
  exit 2
fi

failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  if [ -n "$only" ] && ! [[ "$name" =~ $only ]]; then
    continue
  fi
  # -timeout=0: go test's default 10m timeout would end a long run early.
  go test "$pkg" -run='^$' -fuzz="^${name}\$" -fuzztime="$duration" -parallel="$parallel" -timeout=0 >"$log" 2>&1
  code=$?
  summary=$(grep -E '^fuzz: elapsed: ' "$log" | tail -n 1)
  if [ "$code" -eq 0 ]; then
    echo "ok   $pkg $name: ${summary:-no summary line}"
  elif grep -qx '    context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log" &&
    ! grep -qE -- '--- FAIL: .+/' "$log"; then
    # Go's fuzz coordinator can report its own end-of-fuzztime deadline as
    # a failure (golang/go#75804, fixed in Go 1.27): no input failed.
    echo "ok   $pkg $name: ${summary:-no summary line} (Go's end-of-run deadline race, golang/go#75804; no failing input)"
  else
    failed=1
    echo "FAIL $pkg $name: ${summary:-no summary line}"
    grep -vE '^fuzz: elapsed: ' "$log" | sed 's/^/     /' | head -n 60
  fi
done
exit "$failed"
