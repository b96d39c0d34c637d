#!/bin/sh
# The store through the command line: dyad ingest, search, docs on small documents written here.
# Checks the result lines, exit statuses, that a second run changes nothing (the file stays
# byte-identical), replace, duplicate and moved documents, bad documents among good ones, stores
# that are not ours, read-only or full, hostile queries, and JSON output. Takes the build dir as $1.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
schema=$(sed -n 's/^#define DYAD_STORE_SCHEMA \([0-9]*\).*/\1/p' include/dyad/store.h) # run from the top folder
T=$(mktemp -d); trap 'chattr -i "$T"/*.db 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
chmod 755 "$T"
P=0; F=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
ok() { if eval "$2"; then pass; else fail "$1"; [ -n "$DEBUG" ] && (set -x; eval "$2"); sed 's/^/    /' "$T/out" "$T/err" | head -20; fi; }
crashed() { [ "$1" -ge 124 ] || grep -q 'Sanitizer\|runtime error' "$T/err"; }
# run CMD...: stdout in $T/out, stderr in $T/err, status in $rc; fails on a crash or a hang.
run() {
  timeout 120 "$@" >"$T/out" 2>"$T/err"; rc=$?
  if crashed $rc; then fail "crash or hang (exit $rc): $*"; sed 's/^/    /' "$T/err" | head -20; fi
}
q() { sqlite3 "$1" "$2" 2>&1; }
have_sqlite3=0; command -v sqlite3 >/dev/null && have_sqlite3=1
hash() { sha256sum "$1" | cut -c1-64; }

D="$T/docs"; mkdir -p "$D/sub" "$D/.git"
cd "$T" || exit 1
printf 'India and Japan signed a civil nuclear agreement in Tokyo in November 2016. The agreement took six years of talks to conclude.\n' > "$D/nuclear.txt"
printf -- '---\ntitle: Metro notes\ndate: 2024-02-10\n---\n# Delhi Metro\n\nJapan financed the Delhi Metro through yen loans from the late 1990s.\n' > "$D/metro.md"
printf '<html><head><title>Bullet train</title></head><body><article><h1>Bullet train</h1><p>The Mumbai to Ahmedabad high-speed rail line uses Japanese Shinkansen technology and a soft loan from Japan.</p></article></body></html>\n' > "$D/rail.html"
printf 'Malabar is a naval exercise in which the navies of India and Japan sail together every year.\n' > "$D/sub/malabar.txt"
printf 'Hidden text that must never be ingested about Japan.\n' > "$D/.git/hidden.txt"
: > "$D/empty.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\001\002' > "$D/image.txt"

# 1. First ingest: four documents in, the empty and binary files skipped with a reason, exit 1.
run "$DYAD" ingest "$D" --db s.db
ok "first ingest exits 1 (two files skipped)" '[ $rc = 1 ]'
ok "four documents added" '[ "$(grep -c "^added " out)" = 4 ]'
ok "added lines name the files" 'grep -q "^added $D/sub/malabar.txt$" out && grep -q "^added $D/rail.html$" out'
ok "empty file skipped with its reason" 'grep -q "^skipped $D/empty.txt: file is empty$" out'
ok "binary file skipped with its reason" 'grep -q "^skipped $D/image.txt: binary file" out'
ok "hidden folder not entered" '! grep -q hidden out'
ok "sorted order" '[ "$(cut -d" " -f2 out | sed "s/:\$//; s|.*/||" | tr "\n" " ")" = "empty.txt image.txt metro.md nuclear.txt rail.html malabar.txt " ]'
ok "summary on stderr" 'grep -q "^ingest: 4 added, 0 unchanged, 0 replaced, 0 duplicate, 0 moved, 2 skipped" err'
ok "no progress line when stderr is not a terminal" '! grep -q "$(printf "\r")" err'
ok "a single file at rest (no -wal left)" '[ -f s.db ] && [ ! -e s.db-wal ]'
h1=$(hash s.db)

run "$DYAD" search --db s.db six years of talks
ok "the first version is searchable" '[ $rc = 0 ] && grep -q "took six years of talks to conclude" out'

# 2. Second ingest: every document unchanged, the file byte-identical.
run "$DYAD" ingest "$D" --db s.db
ok "second ingest: four unchanged" '[ "$(grep -c "^unchanged " out)" = 4 ] && ! grep -q "^added\|^replaced" out'
ok "second ingest: store byte-identical" '[ "$(hash s.db)" = "$h1" ]'
# The same through the slow path (relative paths, explicit files): still unchanged.
(cd "$D" && "$DYAD" ingest nuclear.txt sub/malabar.txt --db ../s.db) > out 2> err
ok "relative paths map to the same documents" '[ "$(grep -c "^unchanged " out)" = 2 ] && [ "$(hash s.db)" = "$h1" ]'

if [ $have_sqlite3 = 1 ]; then
  ok "four rows in documents" '[ "$(q s.db "select count(*) from documents")" = 4 ]'
  ok "paths are absolute and canonical" '[ "$(q s.db "select count(*) from documents where path like \"/%\" and path not like \"%/./%\"")" = 4 ]'
  ok "sentence counts agree" '[ "$(q s.db "select sum(nsentences) from documents")" = "$(q s.db "select count(*) from sentences")" ]'
  run "$DYAD" docs --check --db s.db
  ok "store check passes (FTS index consistent)" '[ $rc = 0 ] && grep -q "store check passed" err'
  ok "schema ids" '[ "$(q s.db "pragma application_id")" = 1685676388 ] && [ "$(q s.db "pragma user_version")" = "$schema" ]'
  ok "sentence offsets point into the blocks" '[ "$(q s.db "select count(*) from sentences s join blocks b on b.doc = s.doc and b.seq = s.block where substr(b.text, s.start - b.start + 1, s.end - s.start) <> s.text")" = 0 ]'
  ok "front matter title and date stored" '[ "$(q s.db "select title || \"|\" || date from documents where path like \"%metro.md\"")" = "Metro notes|2024-02-10" ]'
fi

# 3. A changed document is replaced; its old sentences leave the index.
printf 'India and Japan signed a civil nuclear agreement in Tokyo. Parliament ratified the pact in July 2017.\n' > "$D/nuclear.txt"
run "$DYAD" ingest "$D/nuclear.txt" "$D/metro.md" --db s.db
ok "changed file replaced, other unchanged, exit 0" '[ $rc = 0 ] && grep -q "^replaced $D/nuclear.txt$" out && grep -q "^unchanged $D/metro.md$" out'
run "$DYAD" search --db s.db six years of talks
ok "old version no longer found (exit 1)" '[ $rc = 1 ] && [ ! -s out ]'
run "$DYAD" search --db s.db ratified
ok "new version found" '[ $rc = 0 ] && grep -q "Parliament ratified the pact" out'
if [ $have_sqlite3 = 1 ]; then
  ok "still four documents after replace" '[ "$(q s.db "select count(*) from documents")" = 4 ]'
  run "$DYAD" docs --check --db s.db
  ok "store check passes after replace" '[ $rc = 0 ]'
  run "$DYAD" search conclude --db s.db
  ok "old words gone from the index" '[ $rc = 1 ]'
fi

# 4. The same content under a second path: a duplicate, not stored twice; exit 0.
cp "$D/metro.md" "$D/metro-copy.md"
run "$DYAD" ingest "$D/metro-copy.md" --db s.db
ok "duplicate content reported" '[ $rc = 0 ] && grep -q "^duplicate $D/metro-copy.md: same content as .*metro.md$" out'
run "$DYAD" search --db s.db delhi metro --json
ok "duplicate not indexed twice" '[ "$(grep -c metro-copy out)" = 0 ]'
# A renamed file: the stored document follows it.
mv "$D/rail.html" "$D/rail-renamed.html"
run "$DYAD" ingest "$D/rail-renamed.html" --db s.db
ok "moved file reported" '[ $rc = 0 ] && grep -q "^moved $D/rail-renamed.html: was .*rail.html$" out'

# --prune: documents under a folder given whose files are gone leave the store; others stay.
cp s.db prune.db
rm "$D/metro-copy.md"; mv "$D/sub/malabar.txt" "$T/malabar-away.txt"
run "$DYAD" ingest "$D/sub" --prune --db prune.db
ok "--prune removes the document whose file is gone" '[ $rc = 0 ] && grep -q "^removed docs/sub/malabar.txt$\|^removed $D/sub/malabar.txt$" out && grep -q ", 1 removed;" err'
run "$DYAD" docs --db prune.db --check
ok "--prune keeps the others, store sound" '[ $rc = 0 ] && [ "$(wc -l < out)" = 3 ] && ! grep -q malabar out'
run "$DYAD" ingest "$D/sub" --db s.db
ok "without --prune nothing is removed" '! grep -q "^removed" out && ! grep -q removed err'
mv "$T/malabar-away.txt" "$D/sub/malabar.txt"

# 5. A path list with a file that does not exist: a clear line, the others go in, exit 1.
printf 'Japan and India hold an annual summit.\n' > "$D/summit.txt"
run "$DYAD" ingest "$D/gone.txt" "$D/summit.txt" --db s.db
ok "missing file: one clear line, exit 1" '[ $rc = 1 ] && grep -q "^skipped $D/gone.txt: cannot open: No such file or directory$" out'
ok "missing file: the other still added" 'grep -q "^added $D/summit.txt$" out'

# A list of paths on standard input (--files-from -), one a line, mixed with an argument.
printf '%s\n' "$D/sub/malabar.txt" "$D/nope.txt" | "$DYAD" ingest --files-from - "$D/summit.txt" --db s.db > out 2> err; rc=$?
ok "--files-from -: each listed path handled" '[ $rc = 1 ] && grep -q "^unchanged $D/summit.txt$" out && grep -q "^unchanged $D/sub/malabar.txt$" out && grep -q "^skipped $D/nope.txt: cannot open" out'

# 6. Stores that are not ours: exit 2 and one line.
echo "just some text" > notdb.db
run "$DYAD" ingest "$D/summit.txt" --db notdb.db
ok "not-SQLite store: exit 2" '[ $rc = 2 ] && grep -q "notdb.db: not a dyad store (file is not an SQLite database)" err && [ ! -s out ]'
run "$DYAD" search japan --db notdb.db
ok "not-SQLite store (search): exit 2" '[ $rc = 2 ] && grep -q "not a dyad store" err'
if [ $have_sqlite3 = 1 ]; then
  sqlite3 other.db "create table notes(x); insert into notes values(1);"
  h=$(hash other.db)
  run "$DYAD" ingest "$D/summit.txt" --db other.db
  ok "another app's SQLite file: exit 2, untouched" '[ $rc = 2 ] && grep -q "another application" err && [ "$(hash other.db)" = "$h" ]'
  cp s.db newer.db; sqlite3 newer.db "pragma user_version=99"
  run "$DYAD" docs --db newer.db
  ok "newer schema: exit 2 with the reason" '[ $rc = 2 ] && grep -q "newer dyad" err'
fi
run "$DYAD" docs --db missing.db
ok "missing store for docs: exit 2, not created" '[ $rc = 2 ] && grep -q "no such store" err && [ ! -e missing.db ]'

# 7. A read-only store: non-zero, a clear message, nothing written.
cp s.db ro.db; h=$(hash ro.db)
printf 'A new note on Japan.\n' > "$D/new.txt"; chmod 644 "$D/new.txt"
rocmd=""
if [ "$(id -u)" != 0 ]; then chmod 444 ro.db; rocmd="";
elif chattr +i ro.db 2>/dev/null; then rocmd="";
elif command -v setpriv >/dev/null; then chmod 444 ro.db; rocmd="setpriv --reuid=65534 --regid=65534 --clear-groups"; fi
run $rocmd "$DYAD" ingest "$D/new.txt" --db ro.db
ok "read-only store: exit 2, clear message" '[ $rc = 2 ] && grep -q "ro.db: store is read-only" err'
ok "read-only store: unchanged" '[ "$(hash ro.db)" = "$h" ]'
run $rocmd "$DYAD" search japan --db ro.db
ok "read-only store can still be searched" '[ $rc = 0 ] && [ -s out ]'
run $rocmd "$DYAD" docs --check --db ro.db
ok "read-only store: --check says the index was not checked" '[ $rc = 0 ] && grep -q "full-text index not checked" err'
run "$DYAD" docs --check --db s.db
ok "writable store: --check checks the index" '[ $rc = 0 ] && grep -q "^store check passed$" err'
chattr -i ro.db 2>/dev/null
# A store in a read-only folder (as an unprivileged user when we are root).
mkdir rodir; cp s.db rodir/s.db; chmod 666 rodir/s.db; chmod 555 rodir; h=$(hash rodir/s.db)
u=""; [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && u="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" != 0 ] || [ -n "$u" ]; then
  run $u "$DYAD" ingest "$D/new.txt" --db rodir/s.db
  ok "store in a read-only folder: exit 2, says why" '[ $rc = 2 ] && grep -q "read-only" err && [ "$(hash rodir/s.db)" = "$h" ]'
  run $u "$DYAD" search japan --db rodir/s.db
  ok "store in a read-only folder can be searched" '[ $rc = 0 ] && [ -s out ]'
  run $u "$DYAD" ingest "$D/new.txt" --db rodir/fresh.db
  ok "new store in a read-only folder: exit 2, says why" '[ $rc = 2 ] && grep -q "read-only" err && [ ! -e rodir/fresh.db ]'
fi

# 8. A full disk (file size limit): the document is rolled back, the store stays sound.
python3 -c "
import sys
w = 'India and Japan agreed to deepen cooperation in trade number %d and met again. '
sys.stdout.write(''.join(w % i for i in range(40000)))" > big.txt
cp s.db full.db
if [ $have_sqlite3 = 1 ]; then
  n0=$(q full.db "select count(*) from sentences")
  run sh -c "trap '' XFSZ; ulimit -f 400; exec '$DYAD' ingest '$T/big.txt' '$D/summit.txt' --db '$T/full.db'"
  ok "disk full: non-zero exit and a message" '[ $rc -ne 0 ] && grep -q "big.txt: not stored:" out && grep -q "ingest stopped" err'
  ok "disk full: nothing half-written" '[ "$(q full.db "pragma integrity_check")" = ok ] && [ "$(q full.db "select count(*) from sentences")" = "$n0" ]'
  run "$DYAD" docs --check --db full.db
  ok "disk full: store check passes" '[ $rc = 0 ]'
  ok "disk full: no row of the document" '[ "$(q full.db "select count(*) from documents where path like \"%big.txt\"")" = 0 ]'
fi

if [ $have_sqlite3 = 1 ]; then
  cp s.db bad.db; sqlite3 bad.db "update sentences set text = 'something else' where id = (select min(id) from sentences)"
  run "$DYAD" docs --check --db bad.db
  ok "docs --check finds an index that does not match" '[ $rc = 2 ] && grep -q "full-text index does not match" err'
fi

# 9. Search: JSON Lines that parse, phrases, and hostile queries that never reach FTS5 raw.
run "$DYAD" search japan --db s.db --json -n 50
ok "search --json parses as JSON with the fields" 'python3 -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows, \"no rows\"
for r in rows:
    for k in (\"doc\", \"path\", \"title\", \"date\", \"sentence\", \"score\", \"start\", \"end\", \"matches\"):
        assert k in r, k
    assert r[\"matches\"] and all(\"japan\" in r[\"sentence\"].encode()[a:b].decode().lower() for a, b in r[\"matches\"]), r
scores = [r[\"score\"] for r in rows]
assert scores == sorted(scores, reverse=True), scores
" out'
run "$DYAD" search '"yen loans"' --db s.db
ok "phrase search" '[ $rc = 0 ] && grep -q "yen loans" out && ! grep -q "$(printf "\033")" out'
run "$DYAD" search loan --db s.db
ok "stemming: loan finds loans" 'grep -q "yen loans" out'
run "$DYAD" search 'metro' '-delhi' --db s.db
ok "exclusion" '[ $rc = 1 ]'
run "$DYAD" search metro -nuclear -n 3 --db s.db
ok "-nuclear is an exclusion, not -n" '[ $rc = 0 ] && grep -q "Delhi Metro" out'
run "$DYAD" search 'summit OR exercise' --db s.db
ok "OR between words" '[ $rc = 0 ] && grep -q summit out && grep -q exercise out'
for qq in '"unbalanced' 'AND OR -' '-' '*' 'NEAR(' '(((' 'x AND' '"' 'col:umn' '^' 'NOT NOT' "it's" 'U.S.-Japan' '日本'; do
  run "$DYAD" search "$qq" --db s.db
  ok "weird query [$qq]: exit 0-2, no SQLite dump" '[ $rc -le 2 ] && ! grep -qi "fts5\|sqlite\|syntax error" err'
done
run "$DYAD" search 'NEAR(japan' --raw --db s.db
ok "--raw syntax error: exit 2, one line" '[ $rc = 2 ] && [ "$(wc -l < err)" = 1 ]'
run "$DYAD" search --db s.db
ok "search without a query: usage, exit 2" '[ $rc = 2 ]'

# 10. docs: the list and JSON.
run "$DYAD" docs --db s.db
ok "docs lists the documents" '[ $rc = 0 ] && [ "$(wc -l < out)" = 5 ] && grep -q "Metro notes" out'
run "$DYAD" docs --db s.db --json
ok "docs --json parses" 'python3 -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 5 and all(r[\"sentences\"] > 0 and len(r[\"sha256\"]) == 64 for r in rows)
" out'

# 11. Walks: symbolic link loops, FIFOs, the store inside the folder, hostile control characters.
W="$T/walk"; mkdir -p "$W/a"
printf 'A note about the Quad and Japan.\n' > "$W/a/quad.txt"
ln -s .. "$W/a/loop"; ln -s "$W/nowhere" "$W/broken.txt"
mkfifo "$W/pipe" 2>/dev/null
printf 'Escape \033[31mred\033[0m text about Japan and \007 bells.\n' > "$W/esc.txt"
run "$DYAD" ingest "$W" --db "$W/in.db"
ok "walk: link loop not followed forever" '[ "$(grep -c "quad.txt" out)" = 1 ]'
ok "walk: broken link reported, FIFO ignored" 'grep -q "^skipped $W/broken.txt: broken symbolic link$" out && ! grep -q pipe out'
run "$DYAD" ingest "$W" --db "$W/in.db"
ok "walk: the store's own files are not ingested" '! grep -q "in.db" out'
run "$DYAD" search bells --db "$W/in.db"
ok "control characters never reach the output" '[ $rc = 0 ] && ! grep -q "$(printf "\033")" out && ! grep -q "$(printf "\007")" out'

# A file name with a line break cannot forge a result line.
N="$T/names"; mkdir -p "$N"
printf 'A note about Japan and India.\n' > "$N/$(printf 'evil\nadded fake.txt')"
run "$DYAD" ingest "$N" --db "$T/names.db"
ok "control characters in file names are shown as ?" '[ "$(wc -l < out)" = 1 ] && grep -q "^added $N/evil?added fake.txt$" out'

# An empty folder: nothing to do, no error.
mkdir -p "$T/emptydir"
run "$DYAD" ingest "$T/emptydir" --db "$T/emptydir.db"
ok "empty folder: exit 0, 0 files" '[ $rc = 0 ] && [ ! -s out ] && grep -q "; 0 files" err'

# 12. Usage errors.
run "$DYAD" ingest --db s.db
ok "ingest without paths: exit 2" '[ $rc = 2 ]'
run "$DYAD" ingest --bogus x --db s.db
ok "unknown option: exit 2" '[ $rc = 2 ]'
run "$DYAD" ingest "$D/summit.txt" --db "$T"
ok "store path is a folder: exit 2" '[ $rc = 2 ] && grep -q "is a folder" err'

# 13. Links that would make the walk exponential: two links to the next folder at each of 20
# levels (2^20 paths to one file). Each folder is entered once through links, so one file, fast.
X="$T/dag"; i=0
while [ $i -le 20 ]; do mkdir -p "$X/d$i"; i=$((i + 1)); done
i=0
while [ $i -lt 20 ]; do ln -s "../d$((i + 1))" "$X/d$i/l1"; ln -s "../d$((i + 1))" "$X/d$i/l2"; i=$((i + 1)); done
printf 'A note about Japan and India at the bottom of the links.\n' > "$X/d20/deep.txt"
run "$DYAD" ingest "$X/d0" --db "$T/dag.db"
ok "links to one folder: walked once, not 2^20 times" '[ $rc = 0 ] && [ "$(wc -l < out)" = 1 ] && grep -q "^added " out'
run "$DYAD" ingest "$X/d0" "$X/d0" --db "$T/dag.db"
ok "a folder given twice is walked twice (unchanged)" '[ $rc = 0 ] && [ "$(grep -c "^unchanged " out)" = 2 ]'

# The store under another name inside the folder (a symbolic and a hard link) is not read.
L="$T/links"; mkdir -p "$L"
printf 'A note about Japan.\n' > "$L/note.txt"
run "$DYAD" ingest "$L" --db "$L/store.db"
ln -s store.db "$L/zz-link"; ln "$L/store.db" "$L/zz-hard"
run "$DYAD" ingest "$L" --db "$L/store.db"
ok "store behind a link: not read, exit 0" '[ $rc = 0 ] && ! grep -q "zz-" out'

# A store named like an SQLite URI is a file of that name, not a database in memory.
mkdir -p "$T/uri"
run sh -c "cd '$T/uri' && '$DYAD' ingest '$D/nuclear.txt' --db 'file:u.db?mode=memory'"
ok "--db file:...?mode=memory writes that file" '[ $rc = 0 ] && [ -f "$T/uri/file:u.db?mode=memory" ]'
run sh -c "cd '$T/uri' && '$DYAD' search --db 'file:u.db?mode=memory' nuclear"
ok "and it can be searched" '[ $rc = 0 ] && grep -q "civil nuclear" out'

# dates --plain on a file that cannot be read: an input failure, exit 1 (as without --plain).
run "$DYAD" dates --plain "$T/no-such-file.txt"
ok "dates --plain missing file: exit 1" '[ $rc = 1 ] && grep -q "no-such-file.txt" err'

echo "$P passed, $F failed"
[ "$F" -eq 0 ]
