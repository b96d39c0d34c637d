#!/bin/sh
# dyad export and the store in ordinary tools. Takes the build dir as $1.
#  1. The plain sqlite3 shell, Python's sqlite3 module and sqlite-utils (Datasette's full-text
#     detection) read every table of a store made by `dyad ingest` and run full-text queries on it,
#     English and Japanese (the Shift_JIS example).
#  2. Every export of the example corpus, and of the seed corpus with it (../shared; skipped with a
#     message when absent), read back by tests/export_check.py (csv, json, pandas) against
#     `dyad timeline --json`.
#  3. Hostile stores: empty, made by dyad 0.1 (schema 1, no events), a pair with one event, a year
#     range with none, ten thousand events in one year (timed); bad options, -o onto the store, a
#     broken mapping file, text that csv must quote.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
TOP=$(pwd)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=0; F=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
ok() { if eval "$2"; then pass; else fail "$1"; sed 's/^/    /' "$T/out" "$T/err" 2>/dev/null | head -20; fi; }
crashed() { [ "$1" -ge 124 ] || grep -q 'Sanitizer\|runtime error' "$T/err"; }
run() {
  timeout 300 "$@" >"$T/out" 2>"$T/err"; rc=$?
  if crashed $rc; then fail "crash or hang (exit $rc): $*"; sed 's/^/    /' "$T/err" | head -20; fi
}
# Debian's pandas is installed for Debian's python3, which may not be the first python3 on PATH.
PY=python3
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import pandas' 2>/dev/null; then PY=$p; break; fi
done
have_sqlite3=0; command -v sqlite3 >/dev/null && have_sqlite3=1
# check.py DB: the export checker; its counts are added to ours
check() {
  "$PY" "$TOP/tests/export_check.py" "$DYAD" "$1" >"$T/check" 2>&1
  cat "$T/check" | grep -v '^[0-9]* passed'
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$T/check" | tail -n 1)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  [ -n "$p" ] || { p=0; f=1; echo "FAIL: export_check.py did not finish on $1"; tail -5 "$T/check"; }
  P=$((P + p)); F=$((F + f))
}

# 1. The example corpus in a store, opened by ordinary tools.
run "$DYAD" ingest "$TOP/examples/corpus" --db "$T/ex.db"
ok "examples ingested" '[ -s "$T/ex.db" ] && grep -q "^added .*japanese-page-shiftjis.html" "$T/out"'
if [ $have_sqlite3 = 1 ]; then
  for t in documents blocks sentences events timeline timeline_sources sentences_fts; do
    run sqlite3 "$T/ex.db" "select count(*) from $t"
    ok "sqlite3 shell reads table $t" '[ $rc = 0 ] && grep -q "^[0-9][0-9]*$" "$T/out"'
  done
  run sqlite3 "$T/ex.db" "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'nuclear'"
  n_shell=$(cat "$T/out")
  run "$DYAD" search nuclear --db "$T/ex.db" --json -n 1000
  ok "sqlite3 shell: MATCH 'nuclear' finds what dyad search finds" '[ -n "$n_shell" ] && [ "$n_shell" -gt 0 ] && [ "$n_shell" = "$(wc -l < "$T/out")" ]'
  run sqlite3 "$T/ex.db" "SELECT d.path, s.text FROM sentences_fts f JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc WHERE sentences_fts MATCH '\"日 本\"' ORDER BY rank"
  ok "sqlite3 shell: a Japanese query finds the Shift_JIS page" '[ $rc = 0 ] && grep -q "japanese-page-shiftjis.html|.*日本" "$T/out"'
  run sqlite3 "$T/ex.db" "SELECT highlight(sentences_fts, 1, '[', ']') FROM sentences_fts WHERE sentences_fts MATCH '\"円 借 款\"'"
  ok "sqlite3 shell: highlight() of a Japanese word" '[ $rc = 0 ] && grep -q "\[円 借 款\]" "$T/out"'
  run sqlite3 "$T/ex.db" "PRAGMA integrity_check; INSERT INTO sentences_fts(sentences_fts, rank) VALUES('integrity-check', 1);"
  ok "sqlite3 shell: integrity and full-text checks pass" '[ $rc = 0 ] && [ "$(cat "$T/out")" = ok ]'
else
  fail "sqlite3 shell not installed (scripts/install-deps.sh installs it)"
fi
cat > "$T/fts.py" <<'EOF'
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for t in ("documents", "blocks", "sentences", "events", "timeline", "timeline_sources", "sentences_fts"):
    con.execute("SELECT count(*) FROM %s" % t).fetchone()
n = con.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'nuclear'").fetchone()[0]
ja = con.execute("SELECT d.path, s.text FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid"
                 " JOIN documents d ON d.id = s.doc WHERE sentences_fts MATCH ? ORDER BY rank", ('"日 本"',)).fetchall()
print(n, len(ja), all(p.endswith("japanese-page-shiftjis.html") and "日本" in s for p, s in ja))
EOF
run "$PY" "$T/fts.py" "$T/ex.db"
ok "Python sqlite3: every table, MATCH 'nuclear' and a Japanese query" '[ $rc = 0 ] && [ "$(cut -d" " -f1 "$T/out")" = "$n_shell" ] && [ "$(cut -d" " -f2 "$T/out")" -gt 0 ] && [ "$(cut -d" " -f3 "$T/out")" = True ]'
# sqlite-utils finds a table's full-text index the way Datasette does (content="sentences" in the
# virtual table's definition) and searches it through that.
if command -v sqlite-utils >/dev/null; then
  run sqlite-utils search "$T/ex.db" sentences nuclear -c text --csv
  ok "sqlite-utils (Datasette's detection): search sentences for nuclear" '[ $rc = 0 ] && [ "$(($(wc -l < "$T/out") - 1))" = "$n_shell" ]'
  run sqlite-utils search "$T/ex.db" sentences '"日 本"' -c text --csv
  ok "sqlite-utils: a Japanese search" '[ $rc = 0 ] && grep -q "日本" "$T/out"'
else
  fail "sqlite-utils not installed (scripts/install-deps.sh installs it)"
fi
run "$DYAD" search 日本 --db "$T/ex.db" --json
ok "dyad search: Japanese still found, highlight on the word" '[ $rc = 0 ] && "$PY" -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all(r[\"sentence\"].encode()[a:b].decode() == \"日本\" for r in rows for a, b in r[\"matches\"])
" "$T/out"'

# 2. Exports read back against dyad timeline --json.
echo "export_check: examples/corpus"
check "$T/ex.db"
if [ -d "$TOP/../shared/corpus/seeds" ]; then
  run "$DYAD" ingest "$TOP/../shared/corpus/seeds" "$TOP/examples/corpus" --db "$T/seeds.db"
  ok "seeds and examples ingested" '[ $rc = 0 ]'
  echo "export_check: ../shared/corpus/seeds + examples/corpus"
  check "$T/seeds.db"
else
  echo "export: seed-corpus check skipped: ../shared not found beside the repository (CI clones it there)"
fi

# 3. Hostile stores.
# An empty store: every format works, says there is nothing, csv keeps its header.
mkdir -p "$T/none"
run "$DYAD" ingest "$T/none" --db "$T/empty.db"
for f in csv jsonl plover gdelt; do
  run "$DYAD" export --format $f --db "$T/empty.db"
  ok "empty store, $f: exit 0, a clear message" '[ $rc = 0 ] && grep -q "export: no .* in .*empty.db" "$T/err"'
  if [ $f = csv ]; then
    ok "empty store, csv: only the header" '[ "$(wc -l < "$T/out")" = 1 ] && grep -q "^id,date,date_source,type" "$T/out"'
  else
    ok "empty store, $f: no rows" '[ ! -s "$T/out" ]'
  fi
done
run "$DYAD" export --format csv --what timeline -o "$T/empty-tl.csv" --db "$T/empty.db"
ok "empty store, -o: the file is written with its header" '[ $rc = 0 ] && [ "$(head -c 17 "$T/empty-tl.csv")" = "id,date,dates,dis" ]'
run "$DYAD" export --format gdelt --header --db "$T/empty.db"
ok "empty store, gdelt --header: the 61 names alone" '[ $rc = 0 ] && [ "$(wc -l < "$T/out")" = 1 ] && [ "$(head -1 "$T/out" | tr "\t" "\n" | wc -l)" = 61 ]'

# A store of dyad 0.1 (schema 1: no events, no timeline), laid out with the sqlite3 shell. Its
# full-text table uses a built-in tokenizer here, since the shell has no "dyad" tokenizer; export
# does not read it.
if [ $have_sqlite3 = 1 ]; then
  sqlite3 "$T/v1.db" "
    CREATE TABLE documents(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,
      format TEXT NOT NULL, encoding TEXT, bytes INTEGER NOT NULL, text_bytes INTEGER NOT NULL,
      nblocks INTEGER NOT NULL, nsentences INTEGER NOT NULL, title TEXT, title_source TEXT, author TEXT,
      author_source TEXT, publisher TEXT, publisher_source TEXT, date TEXT, date_source TEXT, updated TEXT,
      updated_source TEXT, language TEXT, url TEXT, description TEXT, dyad_version TEXT NOT NULL,
      ingested TEXT NOT NULL);
    CREATE INDEX documents_hash ON documents(hash);
    CREATE TABLE blocks(doc INTEGER NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL, kind TEXT NOT NULL,
      level INTEGER NOT NULL, line INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
      PRIMARY KEY(doc, seq)) WITHOUT ROWID;
    CREATE TABLE sentences(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
      block INTEGER NOT NULL, seq INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE INDEX sentences_doc ON sentences(doc, seq);
    CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id',
      tokenize='porter unicode61 remove_diacritics 2');
    INSERT INTO documents VALUES(1, '/old/nuclear.txt', '$(printf '%064d' 1)', 'text', 'UTF-8', 80, 79, 1, 1,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'en', NULL, NULL, '0.1.0', '2025-01-01T00:00:00Z');
    INSERT INTO blocks VALUES(1, 0, 'para', 0, 1, 0, 79, 'India and Japan signed a civil nuclear agreement in Tokyo in November 2016.');
    INSERT INTO sentences VALUES(1, 1, 0, 0, 0, 79, 'India and Japan signed a civil nuclear agreement in Tokyo in November 2016.');
    INSERT INTO sentences_fts(rowid, text) VALUES(1, 'India and Japan signed a civil nuclear agreement in Tokyo in November 2016.');
    PRAGMA application_id=1685676388; PRAGMA user_version=1;"
  h=$(sha256sum "$T/v1.db")
  for f in csv jsonl plover gdelt; do
    run "$DYAD" export --format $f --db "$T/v1.db"
    ok "schema 1 store, $f: exit 0, says it has no events and why" '[ $rc = 0 ] && grep -q "has no events: it was made by an older dyad (schema 1)" "$T/err"'
  done
  run "$DYAD" export --format csv --what timeline --db "$T/v1.db"
  ok "schema 1 store, timeline: header only" '[ $rc = 0 ] && [ "$(wc -l < "$T/out")" = 1 ]'
  ok "schema 1 store: export changed nothing" '[ "$(sha256sum "$T/v1.db")" = "$h" ]'
  run "$DYAD" search nuclear --db "$T/v1.db"
  ok "schema 1 store: still searchable read-only" '[ $rc = 0 ] && grep -q "civil nuclear" "$T/out"'
fi

# A pair with one event, among other pairs.
mkdir -p "$T/one"
printf 'India and Pakistan signed a trade agreement in March 2011.\n' > "$T/one/pak.txt"
printf 'India and Japan held talks in Tokyo in May 2012. Japan extended a yen loan to India in 2013.\n' > "$T/one/jpn.txt"
run "$DYAD" ingest "$T/one" --db "$T/one.db"
for w in events timeline; do
  for f in csv jsonl plover gdelt; do
    run "$DYAD" export --format $f --what $w --pair pak,ind --db "$T/one.db"
    n=$(grep -c . "$T/out"); [ $f = csv ] && n=$((n - 1))
    ok "one event of the pair, $f $w: one row" '[ $rc = 0 ] && [ "$n" = 1 ] && grep -q "PAK" "$T/out" && ! grep -q JPN "$T/out"'
  done
done
run "$DYAD" export --format gdelt --pair IND,PAK --db "$T/one.db"
ok "one event: gdelt row is a signed agreement (CAMEO 057) of March 2011" '[ "$(cut -f2,3,4 "$T/out")" = "$(printf "20110301\t201103\t2011")" ] && [ "$(cut -f27,29,30 "$T/out")" = "$(printf "057\t05\t1")" ]'

# A year range with none: a message naming the filters.
run "$DYAD" export --format csv --pair IND,JPN --from 1800 --to 1801 --db "$T/one.db"
ok "a year range with none: exit 0, header only, a message with the filters" '[ $rc = 0 ] && [ "$(wc -l < "$T/out")" = 1 ] && grep -q "no events naming IND,JPN dated 1800 to 1801" "$T/err"'
run "$DYAD" export --format gdelt --from 2012 --to 2012 --db "$T/one.db"
ok "--from/--to keep the year's entries" '[ $rc = 0 ] && [ "$(wc -l < "$T/out")" = 1 ] && cut -f4 "$T/out" | grep -qx 2012'

# Text csv must quote: commas, quotes, a line break inside a block.
mkdir -p "$T/q"
printf '%s\n' '---' 'title: "Quotes, commas"' 'publisher: The "Review", Delhi' '---' '' \
  'India and Japan signed a "special, strategic" agreement in Tokyo in May 2014.' > "$T/q/q.md"
run "$DYAD" ingest "$T/q" --db "$T/q.db"
run "$DYAD" export --format csv --db "$T/q.db"
ok "csv quotes fields with commas and quotes" '[ $rc = 0 ] && grep -q "\"India and Japan signed a \"\"special, strategic\"\" agreement in Tokyo in May 2014.\"" "$T/out"'
check "$T/q.db"

# Ten thousand events in one year, in one document and in a hundred: every export stays fast.
"$PY" - "$T/big" <<'EOF'
import os, random, sys
random.seed(7)
out = sys.argv[1]
os.makedirs(out + "/many", exist_ok=True); os.makedirs(out + "/one", exist_ok=True)
months = "January February March April May June July August September October November December".split()
pairs = [("India", "Japan"), ("India", "Australia"), ("Japan", "Australia"), ("India", "France"), ("Japan", "Vietnam")]
forms = ["{a} and {b} signed an agreement on {t} on {d} {m} 2015.", "{a} held talks with {b} on {t} on {d} {m} 2015.",
         "On {d} {m} 2015 {a} extended a loan to {b} for project {t}."]
lines = [random.choice(forms).format(a=a, b=b, t="subject %d" % i, d=random.randint(1, 28), m=random.choice(months))
         for i in range(10500) for a, b in [random.choice(pairs)]]
open(out + "/one/one.txt", "w").write("\n\n".join(lines) + "\n")
for k in range(100):
    open(out + "/many/d%03d.txt" % k, "w").write("\n\n".join(lines[k * 105:(k + 1) * 105]) + "\n")
EOF
for shape in one many; do
  run "$DYAD" ingest -q "$T/big/$shape" --db "$T/big-$shape.db"
  n=$(sqlite3 "$T/big-$shape.db" "select count(*) from events where date like '2015%'" 2>/dev/null)
  ok "ten thousand events of 2015 ($shape)" '[ "${n:-0}" -ge 10000 ]'
  echo "  $shape document(s): $n events of 2015, $(sqlite3 "$T/big-$shape.db" "select count(*) from timeline" 2>/dev/null) timeline entries"
  for w in events timeline; do
    for f in csv jsonl plover gdelt; do
      t0=$(date +%s.%N)
      run "$DYAD" export --format $f --what $w --db "$T/big-$shape.db" -o "$T/big.out"
      t1=$(date +%s.%N)
      secs=$(echo "$t1 $t0" | awk '{printf "%.2f", $1 - $2}')
      echo "  $shape document(s), $f $w: ${secs} s"
      ok "10k events ($shape), $f $w: exit 0 within 20 s" '[ $rc = 0 ] && [ -s "$T/big.out" ] && awk "BEGIN{exit !($secs < 20)}"'
    done
  done
  run "$DYAD" export --format csv --db "$T/big-$shape.db"
  ok "10k events ($shape): every event a row" '[ "$(($(grep -c "^[0-9a-f]\{16\}-" "$T/out")))" = "$(sqlite3 "$T/big-$shape.db" "select count(*) from events")" ]'
done
check "$T/big-one.db"

# Bad usage and bad places: exit 2, one clear line, nothing half-written.
run "$DYAD" export --db "$T/one.db"
ok "no --format: exit 2" '[ $rc = 2 ] && grep -q "format" "$T/err"'
run "$DYAD" export --format xml --db "$T/one.db"
ok "unknown format: exit 2" '[ $rc = 2 ] && grep -q "csv, jsonl, plover or gdelt" "$T/err"'
run "$DYAD" export --format gdelt --what sources --db "$T/one.db"
ok "gdelt --what sources: exit 2" '[ $rc = 2 ]'
run "$DYAD" export --format csv --header --db "$T/one.db"
ok "--header outside gdelt: exit 2" '[ $rc = 2 ]'
run "$DYAD" export --format csv --pair "IND,J'; DROP TABLE events;--" --db "$T/one.db"
ok "a --pair that is not codes: exit 2" '[ $rc = 2 ] && grep -q "pair" "$T/err"'
run "$DYAD" export --format csv --from 20x --db "$T/one.db"
ok "a --from that is not a year: exit 2" '[ $rc = 2 ]'
run "$DYAD" export --format csv --db "$T/missing.db"
ok "missing store: exit 2, not created" '[ $rc = 2 ] && grep -q "no such store" "$T/err" && [ ! -e "$T/missing.db" ]'
cp "$T/one.db" "$T/self.db"; h=$(sha256sum < "$T/self.db")
run "$DYAD" export --format csv --db "$T/self.db" -o "$T/self.db"
ok "-o onto the store itself: refused, store intact" '[ $rc = 2 ] && grep -q "is the store itself" "$T/err" && [ "$(sha256sum < "$T/self.db")" = "$h" ]'
run "$DYAD" export --format csv --db "$T/one.db" -o "$T/no/such/dir/x.csv"
ok "-o into a missing folder: exit 2" '[ $rc = 2 ] && grep -q "cannot write" "$T/err"'
printf 'old\n' > "$T/keep.csv"
run "$DYAD" export --format csv --db "$T/notdb.db" -o "$T/keep.csv"
ok "a failed export leaves -o FILE as it was, no temporary file" '[ $rc = 2 ] && [ "$(cat "$T/keep.csv")" = old ] && [ -z "$(ls "$T" | grep "keep.csv.tmp")" ]'
mkdir -p "$T/data"
printf '[types]\nAGREE 030 2 4.0\n' > "$T/data/export-cameo.txt"
run "$DYAD" export --format gdelt --data "$T/data" --db "$T/one.db"
ok "mapping with a quad class that is not the root's: exit 2, FILE:LINE" '[ $rc = 2 ] && grep -q "export-cameo.txt:2: quad class 2 does not match" "$T/err"'
printf '[types]\nAGREE 030 1 4.0\n' > "$T/data/export-cameo.txt"
run "$DYAD" export --format gdelt --data "$T/data" --db "$T/one.db"
ok "mapping without every type: exit 2" '[ $rc = 2 ] && grep -q "no \[types\] line for CONSULT" "$T/err"'
run "$DYAD" export --help
ok "--help: exit 0" '[ $rc = 0 ] && grep -q "usage: dyad export" "$T/out"'

echo "$P passed, $F failed"
[ "$F" -eq 0 ]
