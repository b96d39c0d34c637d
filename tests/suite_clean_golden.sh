#!/bin/sh
# Golden files for the cleaner: every tests/golden/clean/NAME.EXT (text, Markdown, PDF-style text,
# Windows-1252 text...) is run through `dyad text` and must give exactly NAME.expected.
# To add a case: write NAME.txt (or .md), check `build/dyad text NAME.txt` by eye, save it as
# NAME.expected. Usage: tests/suite_clean_golden.sh BUILD_DIR. Last line: "N passed, N failed".
B=${1:-build}
D=$(dirname "$0")/golden/clean
P=0; F=0
out=$(mktemp); trap 'rm -f "$out"' EXIT
for f in "$D"/*; do
  case $f in *.expected) continue;; esac
  want="${f%.*}.expected"
  if [ ! -f "$want" ]; then echo "FAIL $(basename "$f"): no $(basename "$want")"; F=$((F + 1)); continue; fi
  timeout 60 "$B/dyad" text "$f" >"$out" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $(basename "$f"): dyad text exited $rc"; sed 's/^/    /' "$out" | head -5; F=$((F + 1))
  elif cmp -s "$out" "$want"; then
    P=$((P + 1))
  else
    echo "FAIL $(basename "$f"): output differs from $(basename "$want")"
    diff "$want" "$out" | head -20 | sed 's/^/    /'; F=$((F + 1))
  fi
done
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
