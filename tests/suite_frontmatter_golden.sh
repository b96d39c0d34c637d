#!/bin/sh
# Golden files for YAML front matter and datelines: every tests/golden/frontmatter/NAME.md is run
# through `dyad meta` (in that folder) and must give NAME.expected: the JSON object less the
# sha256 and bytes fields, one field a line (tools are python3's json module).
# To add a case: write NAME.md, check the output of this script's `show` by eye, save it as
# NAME.expected:  sh tests/suite_frontmatter_golden.sh build show NAME > tests/golden/frontmatter/NAME.expected
# Hostile inputs too large to keep as files (deep nesting, huge scalars, too long) are in test_read.c.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
D=$(dirname "$0")/golden/frontmatter
show() {
  (cd "$D" && timeout 60 "$DYAD" meta "$1.md") | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    o.pop("sha256", None); o.pop("bytes", None)
    print("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in o.items()) + "\n}")
'
}
if [ "$2" = show ]; then show "$3"; exit; fi
P=0; F=0
out=$(mktemp); trap 'rm -f "$out"' EXIT
for f in "$D"/*.md; do
  name=$(basename "$f" .md)
  want="$D/$name.expected"
  if [ ! -f "$want" ]; then echo "FAIL $name: no $name.expected"; F=$((F + 1)); continue; fi
  if ! show "$name" >"$out" 2>&1; then
    echo "FAIL $name: dyad meta failed"; sed 's/^/    /' "$out" | head -5; F=$((F + 1))
  elif cmp -s "$out" "$want"; then
    P=$((P + 1))
  else
    echo "FAIL $name: output differs from $name.expected"
    diff "$want" "$out" | head -20 | sed 's/^/    /'; F=$((F + 1))
  fi
done
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
