#!/bin/sh
# dyad report and the server's pages on bad input, through the command line: a document whose text
# holds <script> and </svg>, a store of dyad 0.1 (schema 1, no events: made here with the sqlite3
# shell), an empty store, a pair with one event, a year range with none, ten thousand entries in one
# year (generated with the sqlite3 shell). Each renders, says plainly when there is nothing to show,
# and stays under a time limit (printed). Takes the build dir as $1.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
ROOT=$(pwd)
T=$(mktemp -d); SPID=
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
P=0; F=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
ok() { if eval "$2"; then pass; else fail "$1"; sed 's/^/    /' "$T/err" 2>/dev/null | head -10; fi; }
# chart_sum FILE: the entries the wide drawing counts (the sum of its data-n)
chart_sum() {
  awk '{ s = $0; i = index(s, "<svg class=\"chart-wide\""); if (i) { s = substr(s, i); print substr(s, 1, index(s, "</svg>")) } }' "$1" |
    grep -o 'data-n="[0-9]*"' | tr -dc '0-9\n' | awk '{ t += $1 } END { print t + 0 }'
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# timed NAME LIMIT_MS CMD...: runs CMD (stdout to $T/out), prints the time, fails past the limit
timed() {
  name=$1; lim=$2; shift 2
  t0=$(now_ms); "$@" >"$T/out" 2>"$T/err"; rc=$?; t1=$(now_ms)
  echo "time: $name: $((t1 - t0)) ms"
  if [ "$rc" -ge 124 ] || grep -q 'Sanitizer\|runtime error' "$T/err"; then fail "crash (exit $rc): $name"; fi
  [ $((t1 - t0)) -le "$lim" ] || fail "$name took $((t1 - t0)) ms (limit $lim)"
}
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: install-deps installs it"; echo "0 passed, 1 failed"; exit 1; }
command -v curl >/dev/null || { echo "curl missing: install-deps installs it"; echo "0 passed, 1 failed"; exit 1; }
cd "$T" || exit 1
# Under the sanitizers everything is several times slower: the limits grow with it.
SLOW=1; case "$B" in *asan*) SLOW=4 ;; esac

# 1. A hostile document: its <script> and </svg> show as text.
mkdir -p h one empty
printf 'The <script>alert(1)</script> file </svg>\n\nIndia and Japan signed the <script>alert(1)</script> agreement </svg> on defence in Tokyo in May 2015. Japan denounced the "tests" & <b>more</b> by India in 1998.\n' > h/h.txt
"$DYAD" ingest h --db h.db >/dev/null 2>&1
timed "report, hostile document" $((5000 * SLOW)) "$DYAD" report --db h.db -o h.html
ok "report written (exit 0)" '[ $rc = 0 ] && [ -s h.html ]'
ok "no <script> from the document reaches the HTML" '! grep -q "<script>alert" h.html && ! grep -q "<b>more" h.html'
ok "the document's text shows escaped" 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt; agreement &lt;/svg&gt;" h.html'
ok "the only script is the report's own (opens details for printing)" '[ "$(grep -o "<script" h.html | wc -l)" = 1 ] && grep -q "beforeprint" h.html'
ok "nothing external: no http(s) source, link or import" '! grep -Eq "(src|href)=\"(https?:)?//|@import|url\(" h.html'
ok "one <svg> per drawing, each closed" '[ "$(grep -o "<svg" h.html | wc -l)" = "$(grep -o "</svg>" h.html | wc -l)" ] && [ "$(grep -o "<svg" h.html | wc -l)" = 2 ]'
ok "the title is escaped" 'grep -q "<td data-l=\"Title\">The &lt;script&gt;alert(1)&lt;/script&gt; file &lt;/svg&gt;" h.html'
if command -v python3 >/dev/null; then
  ok "the report parses as HTML with balanced main elements" 'python3 - h.html <<EOF
import sys, html.parser
class P(html.parser.HTMLParser):
    void = {"meta","link","br","img","input","hr","line","rect","path"}
    def __init__(s): super().__init__(); s.st=[]; s.bad=0
    def handle_starttag(s,t,a):
        if t not in s.void: s.st.append(t)
    def handle_startendtag(s,t,a): pass
    def handle_endtag(s,t):
        if t in s.void: return
        if not s.st or s.st[-1]!=t: s.bad+=1
        else: s.st.pop()
p=P(); p.feed(open(sys.argv[1],encoding="utf-8").read())
sys.exit(1 if p.bad or p.st else 0)
EOF'
fi

# 2. A pair with one event, and the default pair said in words.
printf 'India and Brazil signed a trade agreement in Brasilia in March 2015.\n' > one/one.txt
"$DYAD" ingest one h --db one.db >/dev/null 2>&1
timed "report, pair with one event" $((5000 * SLOW)) "$DYAD" report --db one.db --pair BRA,IND -o one.html
ok "one entry for BRA,IND" '[ $rc = 0 ] && [ "$(grep -c "<tr class=\"entry\"" one.html)" = 1 ]'
ok "the chart counts it" 'grep -q "data-n=\"1\"" one.html && grep -q "1 in all" one.html'
ok "no disagreement said plainly" 'grep -q "No disagreement" one.html'
"$DYAD" report --db one.db -o dflt.html 2>/dev/null
ok "without --pair: the pair with most entries, said" 'grep -q "No <code>--pair</code> was given" dflt.html && grep -q "(IND,JPN), the pair with the most entries" dflt.html'
"$DYAD" report --db one.db --pair XYZ,QQQ -o none.html 2>/dev/null
ok "a pair with no entry: a clear word" 'grep -q "No timeline entry names all of these countries" none.html && grep -q "No entries to chart" none.html'
"$DYAD" report --db one.db --pair 'IND;DROP' -o bad.html 2>"$T/err"; rc=$?
ok "a bad --pair is a usage error (exit 2), no file" '[ $rc = 2 ] && [ ! -e bad.html ] && grep -q "pair" "$T/err"'
"$DYAD" report --db nowhere.db -o x.html 2>"$T/err"; rc=$?
ok "a missing store: exit 2 with a message" '[ $rc = 2 ] && grep -q "no such store" "$T/err" && [ ! -e x.html ]'
: > zero.db
"$DYAD" report --db zero.db 2>"$T/err" >/dev/null; rc=$?
ok "an empty file is no store: exit 2" '[ $rc = 2 ] && grep -q "not a dyad store" "$T/err"'

# 3. An empty store (no document).
"$DYAD" ingest empty --db empty.db >/dev/null 2>&1
timed "report, empty store" $((5000 * SLOW)) "$DYAD" report --db empty.db -o empty.html
ok "empty store: report says there is nothing" '[ $rc = 0 ] && grep -q "no timeline entries" empty.html && grep -q "The store holds no document" empty.html && grep -q "No entries to chart" empty.html'

# 4. A store of dyad 0.1: schema 1, no events tables (a new store taken back with the sqlite3 shell).
"$DYAD" ingest one --db old.db >/dev/null 2>&1
sqlite3 old.db "DROP TABLE timeline_sources; DROP TABLE timeline; DROP TABLE events; PRAGMA user_version=1;"
ok "made a schema 1 store" '[ "$(sqlite3 old.db "pragma user_version")" = 1 ]'
h_old=$(sha256sum old.db | cut -c1-64)
timed "report, schema 1 store" $((5000 * SLOW)) "$DYAD" report --db old.db -o old.html
ok "schema 1: renders, says it has no events" '[ $rc = 0 ] && grep -q "made by dyad 0.1" old.html && grep -q "<tr id=\"doc-" old.html'
ok "schema 1: the store is left as it was (not upgraded by reading)" '[ "$(sha256sum old.db | cut -c1-64)" = "$h_old" ]'

# 5. Ten thousand entries in one year (and as many events), generated into a copy of one.db.
cp one.db big.db
sqlite3 big.db <<'EOF'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO timeline(id, date, dates, disagreement, actors, pair, type, quad, mode, status, label, mentions, ndocs)
SELECT printf('g%015d', i), printf('2019-%02d', 1 + i % 12), printf('["2019-%02d"]', 1 + i % 12), i % 97 = 0,
       CASE WHEN i % 2 THEN 'IND,JPN' ELSE 'JPN,IND' END, 'IND,JPN',
       CASE i % 4 WHEN 0 THEN 'AGREE' WHEN 1 THEN 'AID' WHEN 2 THEN 'ACCUSE' ELSE 'SANCTION' END,
       1 + i % 4, NULL, 'happened', 'generated <event> ' || i, 1, 1 FROM n;
INSERT INTO timeline_sources(entry, seq, doc, start, end, date)
SELECT id, 0, (SELECT min(id) FROM documents), 0, 68, date FROM timeline WHERE id LIKE 'g%';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO events(doc, seq, sentence, start, end, type, quad, mode, status, date, date_source, date_start,
       date_end, actors, pair, source, source_text, source_sector, target, target_text, target_sector, label,
       trigger_start, trigger_end)
SELECT (SELECT min(id) FROM documents), 100 + i, 0, 0, 68, 'AGREE', 1, NULL, 'happened', '2019', 'text', NULL,
       NULL, 'IND,JPN', 'IND,JPN', 'IND', 'India', NULL, 'JPN', 'Japan', NULL, 'generated', 17, 23 FROM n;
COMMIT;
EOF
ok "generated 10000 entries in 2019" '[ "$(sqlite3 big.db "select count(*) from timeline where date like \"2019%\"")" = 10000 ]'
timed "report, 10000 entries in one year" $((20000 * SLOW)) "$DYAD" report --db big.db --pair IND,JPN -o big.html
n_big=$("$DYAD" timeline --db big.db --json --pair IND,JPN 2>/dev/null | wc -l)
ok "big: every entry in the chronology" '[ $rc = 0 ] && [ "$(grep -c "<tr class=\"entry\"" big.html)" = "$(sqlite3 big.db "select count(*) from timeline where instr(\",\"||actors||\",\", \",IND,\") and instr(\",\"||actors||\",\", \",JPN,\")")" ]'
ok "big: the chart counts them all (wide drawing)" '[ "$(chart_sum big.html)" = "$(grep -c "<tr class=\"entry\"" big.html)" ]'
ok "big: areas list is capped with a count" 'grep -q "more (all are in the chronology)" big.html'
ok "big: generated labels escaped" 'grep -q "generated &lt;event&gt; 42<" big.html && ! grep -q "<event>" big.html'
echo "info: big report $(wc -c < big.html) bytes; dyad timeline --json (re-fused from events) gives $n_big entries"

# 6. The same stores through the server's pages: each renders and answers in time.
serve() { # serve DB: starts the server on a free port, sets URL
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
  "$DYAD" serve --db "$1" --port 0 --threads 2 2>serve.log &
  SPID=$!
  URL=
  for _ in $(seq 1 100); do
    URL=$(sed -n 's/^serve: \(http:[^ ]*\) .*/\1/p' serve.log); [ -n "$URL" ] && break; sleep 0.1
  done
  [ -n "$URL" ] || { fail "server did not start on $1"; cat serve.log; }
}
get() { # get NAME LIMIT_MS PATH: status in $code, body in $T/out
  t0=$(now_ms); code=$(curl -s -o "$T/out" -w '%{http_code}' --max-time 60 "$URL${3#/}"); t1=$(now_ms)
  echo "time: $1: $((t1 - t0)) ms"
  [ $((t1 - t0)) -le "$2" ] || fail "$1 took $((t1 - t0)) ms (limit $2)"
}
serve old.db
get "old store: home" $((3000 * SLOW)) /
ok "old store: home says no events were coded" '[ "$code" = 200 ] && grep -q "dyad 0.1" "$T/out"'
get "old store: timeline" $((3000 * SLOW)) /timeline
ok "old store: timeline says there is none" '[ "$code" = 200 ] && grep -q "no timeline" "$T/out" && grep -q "No entries" "$T/out"'
get "old store: a document page" $((3000 * SLOW)) /docs/1
ok "old store: document page shows its text" '[ "$code" = 200 ] && grep -q "Brasilia" "$T/out" && grep -q "no events were coded" "$T/out"'
get "old store: /api/events" $((3000 * SLOW)) /api/events
ok "old store: /api/events is empty, not an error" '[ "$code" = 200 ] && grep -q "\"events\":\[\]" "$T/out" && grep -q "\"total\":0" "$T/out"'
get "old store: search still works" $((3000 * SLOW)) "/api/search?q=Brasilia"
ok "old store: search finds the sentence" '[ "$code" = 200 ] && grep -q "Brasilia in March 2015" "$T/out"'
serve empty.db
get "empty store: home" $((3000 * SLOW)) /
ok "empty store: home renders" '[ "$code" = 200 ] && grep -q "0 documents" "$T/out"'
get "empty store: timeline" $((3000 * SLOW)) /timeline
ok "empty store: timeline says none" '[ "$code" = 200 ] && grep -q "No entries" "$T/out"'
get "empty store: docs" $((3000 * SLOW)) /docs
ok "empty store: docs says none" '[ "$code" = 200 ] && grep -q "holds no document" "$T/out"'
get "empty store: search" $((3000 * SLOW)) "/search?q=nuclear"
ok "empty store: search says no match" '[ "$code" = 200 ] && grep -q "No sentence matches" "$T/out"'
get "empty store: report" $((3000 * SLOW)) /report
ok "empty store: report renders" '[ "$code" = 200 ] && grep -q "No entries to chart" "$T/out"'
serve big.db
get "big: timeline, first page" $((5000 * SLOW)) "/timeline?pair=IND,JPN"
ok "big: first page has 100 rows and a next link" '[ "$code" = 200 ] && [ "$(grep -c "<tr class=\"entry\"" "$T/out")" = 100 ] && grep -q "next →" "$T/out"'
ok "big: the chart of the page counts every entry" '[ "$(chart_sum "$T/out")" = "$(grep -o "[0-9]* entries match the filters" "$T/out" | cut -d" " -f1)" ] && [ "$(chart_sum "$T/out")" -gt 10000 ]'
get "big: a deep page" $((5000 * SLOW)) "/timeline?pair=IND,JPN&offset=9950"
ok "big: a deep page renders" '[ "$code" = 200 ] && [ "$(grep -c "<tr class=\"entry\"" "$T/out")" -ge 1 ]'
get "big: a year range with none" $((3000 * SLOW)) "/timeline?from=1700&to=1701"
ok "a year range with none: a clear word" '[ "$code" = 200 ] && grep -q "No entries for these filters" "$T/out" && grep -q "No entries to chart" "$T/out"'
get "big: /api/timeline?limit=500" $((5000 * SLOW)) "/api/timeline?limit=500"
ok "big: API page of 500" '[ "$code" = 200 ] && grep -q "\"total\":$(sqlite3 big.db "select count(*) from timeline")," "$T/out" && grep -q "\"next\":500" "$T/out" && [ "$(grep -o "\"id\":\"[0-9a-z]*\"" "$T/out" | wc -l)" = 500 ]'
get "big: /api/timeline?limit=501" $((3000 * SLOW)) "/api/timeline?limit=501"
ok "big: past the cap is a 400" '[ "$code" = 400 ]'
get "big: /api/events of the document" $((5000 * SLOW)) "/api/events?doc=1&limit=500"
ok "big: events of one document, paged" '[ "$code" = 200 ] && grep -q "\"next\":500" "$T/out"'
get "big: the document page with 10000 events" $((10000 * SLOW)) /docs/1
ok "big: the document page marks its events" '[ "$code" = 200 ] && grep -q "<mark class=\"ev\"" "$T/out"'
get "big: /report" $((20000 * SLOW)) "/report?pair=IND,JPN"
ok "big: /report renders" '[ "$code" = 200 ] && grep -q "Chronology" "$T/out"'
kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; SPID=
cd "$ROOT" || exit 1
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
