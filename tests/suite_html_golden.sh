#!/bin/sh
# Golden pages of the HTML reader: each tests/golden/html/NAME.html is run through `dyad text` (reader
# and cleaner) and its output compared with NAME.expected (UTF-8, the article text only).
# To accept a changed output after review: `build/dyad text NAME.html > NAME.expected`.
B=${1:-build}
DYAD="$B/dyad"
DIR=$(dirname "$0")/golden/html
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=0; F=0
for html in "$DIR"/*.html; do
  name=$(basename "$html" .html)
  exp="$DIR/$name.expected"
  if [ ! -f "$exp" ]; then F=$((F + 1)); echo "FAIL $name: no $name.expected"; continue; fi
  timeout 60 "$DYAD" text "$html" >"$T/out" 2>"$T/err"; rc=$?
  if [ $rc -ge 124 ]; then F=$((F + 1)); echo "FAIL $name: exit $rc"; sed 's/^/    /' "$T/err" | head -5; continue; fi
  if diff -u "$exp" "$T/out" >"$T/diff"; then
    P=$((P + 1))
  else
    F=$((F + 1)); echo "FAIL $name: output differs from $name.expected"; sed 's/^/    /' "$T/diff" | head -30
  fi
done
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
