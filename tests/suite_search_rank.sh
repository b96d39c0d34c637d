#!/bin/sh
# Search ranking measured on a collection whose answers are known (tests/search/: notes, an HTML
# page and plain text about India and Japan, with tests/search_queries.tsv). The same queries run
# with BM25 alone (--bm25, the ranking before the length prior) and with dyad's ranking; the
# figures of both are printed, and the checks say that the prior helps (more first hits that
# answer, fewer bare headings on top) without losing phrase precision. Then the context around a
# hit: before/after in --json and the indented lines on a terminal. Takes the build dir as $1.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=0; F=0
ok() { if eval "$2"; then P=$((P + 1)); else F=$((F + 1)); echo "FAIL: $1"; fi; }

"$DYAD" ingest "$HERE/search" --db "$T/s.db" >"$T/out" 2>&1
ok "the collection is ingested" '[ "$(grep -c "^added " "$T/out")" = 11 ]'
python3 "$HERE/search_rank.py" "$DYAD" "$T/s.db" --bm25 >"$T/bm25" 2>&1
python3 "$HERE/search_rank.py" "$DYAD" "$T/s.db" >"$T/prior" 2>&1
grep -v '^{' "$T/bm25" | tail -n 1
grep -v '^{' "$T/prior"
fig() { tail -n 1 "$T/$1" | python3 -c "import json, sys; print(json.load(sys.stdin)['$2'])"; }
ok "ranking figures computed" '[ -n "$(fig prior MRR)" ] && [ -n "$(fig bm25 MRR)" ]'
ok "the prior puts an answer first for at least 9 queries in 10 (P@1 $(fig prior P@1), BM25 alone $(fig bm25 P@1))" \
   'python3 -c "import sys; sys.exit(not ($(fig prior P@1) >= 0.9 and $(fig prior P@1) > $(fig bm25 P@1)))"'
ok "mean reciprocal rank improves (MRR $(fig prior MRR), BM25 alone $(fig bm25 MRR))" \
   'python3 -c "import sys; sys.exit(not ($(fig prior MRR) >= 0.95 and $(fig prior MRR) > $(fig bm25 MRR)))"'
ok "fewer bare headings in the top 3 ($(fig prior heads@3), BM25 alone $(fig bm25 heads@3))" \
   '[ "$(fig prior heads@3)" -lt "$(fig bm25 heads@3)" ]'
ok "phrase precision kept (phrase@3 $(fig prior phrase@3), BM25 alone $(fig bm25 phrase@3))" \
   'python3 -c "import sys; sys.exit(not ($(fig prior phrase@3) >= $(fig bm25 phrase@3)))"'

# Context: the sentences before and after the hit, from the same document, across blocks.
"$DYAD" search --db "$T/s.db" --json -n 1 yen loan >"$T/j"
ok "--json gives before and after" 'python3 -c "
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert r[\"sentence\"].startswith(\"Japan extended its first yen loan\"), r
assert r[\"before\"] == \"Yen loans\", r
assert r[\"after\"].startswith(\"India has been the largest recipient\"), r
" "$T/j"'
"$DYAD" search --db "$T/s.db" --json -n 1 '"Land acquisition in Maharashtra"' >"$T/j"
ok "--json: no after at the end of a document (null)" 'python3 -c "
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert r[\"after\"] is None and r[\"before\"] == \"Delays\", r
" "$T/j"'
"$DYAD" search --db "$T/s.db" -n 2 yen loan >"$T/t"
ok "terminal: context indented around the numbered hit, a blank line between hits" \
   '[ "$(sed -n 1p "$T/t")" = "     Yen loans" ] && sed -n 2p "$T/t" | grep -q "^1\. Japan extended" && sed -n 3p "$T/t" | grep -q "^     India has been" && sed -n 4p "$T/t" | grep -q "^   -- " && [ -z "$(sed -n 5p "$T/t")" ] && sed -n 7p "$T/t" | grep -q "^2\. "'
if command -v script >/dev/null; then
  script -qec "'$DYAD' search --db '$T/s.db' -n 1 yen loan" /dev/null >"$T/tty" 2>&1
  ok "terminal: context dimmed, matches bold" 'grep -q "$(printf "\033")\[2m     \|     $(printf "\033")\[2mYen loans" "$T/tty" && grep -q "$(printf "\033")\[1myen" "$T/tty"'
fi
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
