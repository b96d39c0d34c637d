#!/bin/sh
# make check: build, run every test on the normal build and again under ASan+UBSan, then the corpus
# scores against ../shared (skipped, with a message, where ../shared is absent).
# The last line is the grand total "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
P=0; F=0
tally() { # reads "N passed, N failed" from the last matching line of file $1
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  [ -n "$p" ] || { p=0; f=1; }
  P=$((P + p)); F=$((F + f))
}
out=$(mktemp); trap 'rm -f "$out"' EXIT

echo "== dependencies"
scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
echo "== build"
if ! make --no-print-directory -j2 all >"$out" 2>&1; then cat "$out"; echo "0 passed, 1 failed"; exit 1; fi
echo "== unit tests, golden files, bad inputs (build/)"
make --no-print-directory -j2 unit >"$out" 2>&1; cat "$out" | grep -v '^\(cc\|ar\|gcc\|clang\) '; tally "$out"
echo "== the same under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)"
make --no-print-directory -j2 asan >"$out" 2>&1; grep -v '^\(cc\|ar\|gcc\|clang\) ' "$out" | grep -v '^make' | grep -v 'tools/embed'; tally "$out"
echo "== corpus checks against ../shared"
sh tests/corpus.sh build >"$out" 2>&1; cat "$out"; tally "$out"
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
