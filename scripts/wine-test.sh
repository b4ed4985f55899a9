#!/usr/bin/env bash
# wine-test.sh runs careerlint's test binaries as Windows programs under
# wine, for developers on Linux without a Windows machine. It is not part
# of CI (.ci/run): wine is not Windows, and a pass here is a hint, not a
# proof (see the README's Development section for what it shows).
#
# Usage: scripts/wine-test.sh [PACKAGE...]   (default: every package)
#   WINE_TEST_ARGS  extra flags for each test binary, e.g. "-test.run TestX"
#   WINE_TEST_CACHE folder for the wine prefix and the built stub
#                   (default: ${XDG_CACHE_HOME:-$HOME/.cache}/careerlint-wine)
#   WINE            the wine command (default: wine64, else wine)
#
# Needs Debian's wine64 and gcc-mingw-w64-x86-64 (apt-get install wine64
# gcc-mingw-w64-x86-64). Two things make wine 8.0 (Debian 12's) run Go
# 1.26 test binaries at all:
#   - scripts/wine/bcryptprimitives.c, a stub of the DLL the Go runtime
#     loads at start, which wine 8.0 lacks; it is built here and put in
#     the private prefix's system32.
#   - a build overlay of Go's internal/syscall/windows/at_windows.go: wine
#     8.0 answers FileDispositionInformationEx (used by os.RemoveAll and
#     os.Root.Remove) with STATUS_NOT_IMPLEMENTED, which Go does not take
#     for "unsupported" and so never falls back to the older call, as it
#     does on Windows before 10 1607. Without it every t.TempDir cleanup
#     fails. The overlay is made from this machine's Go, only for these
#     test binaries; careerlint itself is built unchanged.
# Exit status: 0 when every package passed, 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$PWD

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
	packages=(./lint ./lint/anchor ./lint/shortcode ./lint/lsp ./rules ./cmd/careerlint ./cmd/careerlint/internal/hugepages ./scripts/bench/floor)
fi

wine=${WINE:-}
if [ -z "$wine" ]; then
	if command -v wine64 >/dev/null; then wine=wine64; else wine=wine; fi
fi
for tool in "$wine" wineboot x86_64-w64-mingw32-gcc go; do
	command -v "$tool" >/dev/null || { echo "wine-test: $tool not found (apt-get install wine64 gcc-mingw-w64-x86-64)" >&2; exit 2; }
done

cache=${WINE_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/careerlint-wine}
mkdir -p "$cache"
export WINEPREFIX=$cache/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

# The prefix, made once; the stub, rebuilt when its source is newer.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	echo "wine-test: making the wine prefix $WINEPREFIX"
	wineboot --init >/dev/null 2>&1 || true
	wineserver -w 2>/dev/null || true
fi
sys32=$WINEPREFIX/drive_c/windows/system32
[ -d "$sys32" ] || { echo "wine-test: no $sys32: making the prefix failed" >&2; exit 2; }
stub=$cache/bcryptprimitives.dll
if [ ! -f "$stub" ] || [ scripts/wine/bcryptprimitives.c -nt "$stub" ]; then
	x86_64-w64-mingw32-gcc -shared -O2 -o "$stub" scripts/wine/bcryptprimitives.c -lbcrypt
fi
cp "$stub" "$sys32/bcryptprimitives.dll"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The overlay: STATUS_NOT_IMPLEMENTED (0xC0000002) joins the statuses
# after which Deleteat falls back to FileDispositionInfo.
goroot=$(go env GOROOT)
at=$goroot/src/internal/syscall/windows/at_windows.go
sed 's/^\(\t\tSTATUS_NOT_SUPPORTED\):/\1, NTStatus(0xC0000002):/' "$at" >"$work/at_windows.go"
if cmp -s "$at" "$work/at_windows.go"; then
	echo "wine-test: $at changed; the overlay for wine's missing FileDispositionInformationEx no longer applies" >&2
	exit 2
fi
printf '{"Replace":{"%s":"%s"}}\n' "$at" "$work/at_windows.go" >"$work/overlay.json"

failed=0
summary=()
for pkg in "${packages[@]}"; do
	pkg=./${pkg#./}
	name=$(echo "${pkg#./}" | tr / _)
	exe=$work/$name.test.exe
	log=$work/$name.log
	if ! GOOS=windows GOARCH=amd64 go test -overlay "$work/overlay.json" -c -o "$exe" "$pkg"; then
		summary+=("$(printf '%-40s build failed' "$pkg")")
		failed=1
		continue
	fi
	[ -f "$exe" ] || { summary+=("$(printf '%-40s no tests' "$pkg")"); continue; }
	echo "wine-test: $pkg"
	# Tests read testdata relative to their package folder.
	# shellcheck disable=SC2086 # WINE_TEST_ARGS is a list of flags
	if (cd "$pkg" && "$wine" "$exe" -test.v -test.timeout 30m ${WINE_TEST_ARGS:-} >"$log" 2>&1); then
		status=ok
	else
		status=FAIL
		failed=1
	fi
	pass=$(grep -c -- '--- PASS' "$log" || true)
	fail=$(grep -c -- '--- FAIL' "$log" || true)
	skip=$(grep -c -- '--- SKIP' "$log" || true)
	summary+=("$(printf '%-40s %-4s %4d passed, %d failed, %d skipped' "$pkg" "$status" "$pass" "$fail" "$skip")")
	cp "$log" "$cache/$name.log"
	if [ "$status" = FAIL ]; then
		grep -- '--- FAIL' "$log" | sed 's/^/    /' | head -40
		echo "wine-test: full output in $cache/$name.log"
	fi
done

echo
echo "wine-test: $($wine --version 2>/dev/null || echo wine) with the bcryptprimitives stub (not real Windows)"
printf '%s\n' "${summary[@]}"
exit $failed
