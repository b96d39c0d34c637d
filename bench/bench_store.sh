#!/bin/sh
# bench/bench_store.sh BUILD_DIR — throughput and memory of the store: `dyad ingest` into a fresh
# store (read + clean + split + SQLite/FTS5 writes), the same again (every document unchanged),
# again after touching every file's content (every document replaced), peak RSS for a quarter of
# the corpus against all of it (memory must not grow with the number of documents), and search
# latency. The corpus is the one `make bench` builds (bench/gen.py, >= 50 MB, nothing downloaded);
# BENCH_CORPUS and BENCH_MB choose another. Optional: SEEDS=DIR COPIES=N also ingests DIR copied
# N times (e.g. SEEDS=../shared/corpus/seeds COPIES=200).
set -u
B=${1:-build}
DYAD="$B/dyad"
C=${BENCH_CORPUS:-bench/corpus}
MB=${BENCH_MB:-60}
[ -d "$C/text" ] || python3 bench/gen.py "$C" "$MB" || exit 1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
bytes=$(find "$C" -type f | xargs cat | wc -c)
ndocs=$(find "$C" -type f | wc -l)
echo "corpus: $ndocs documents, $(echo "$bytes" | awk '{printf "%.1f", $1/1e6}') MB in $C"

# ingest LABEL DB PATH...: runs dyad ingest --stats; prints the summary with MB/s and peak RSS.
ingest() {
  label=$1; db=$2; shift 2
  "$DYAD" ingest -q --stats --db "$db" "$@" > "$T/out" 2> "$T/err"
  s=$(grep '^ingest:' "$T/err" | tail -n 1 | sed 's/^ingest: //')
  echo "dyad ingest ($label): $s"
}
ingest "fresh store" "$T/a.db" "$C"
ingest "again, all unchanged" "$T/a.db" "$C"
echo "store: $(du -k "$T/a.db" | cut -f1) KB for $(echo "$bytes" | awk '{printf "%.1f", $1/1e6}') MB of input"

# Every document changed: a copy of the corpus with one line appended to each file.
mkdir -p "$T/c"; cp -r "$C"/. "$T/c/"
for f in $(find "$T/c" -type f); do echo "Updated." >> "$f"; done
ingest "copy, fresh" "$T/b.db" "$T/c"
for f in $(find "$T/c" -type f); do echo "Updated again." >> "$f"; done
ingest "copy, all replaced" "$T/b.db" "$T/c"

# Memory must not grow with the number of documents: a quarter of the files against all of them.
find "$C" -type f | sort > "$T/all"
head -n $(( $(wc -l < "$T/all") / 4 )) "$T/all" > "$T/quarter"
"$DYAD" ingest -q --stats --db "$T/q.db" --files-from "$T/quarter" > /dev/null 2> "$T/qe"
rq=$(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$T/qe" | tail -n 1)
ra=$(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$T/err" | tail -n 1)
echo "peak RSS, a quarter vs all documents: $rq MB vs $ra MB"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$DYAD" ingest -q --db "$T/v.db" "$C" > /dev/null 2> "$T/tv"
  echo "peak RSS by /usr/bin/time -v (fresh store): $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/tv") KB"
fi

# Search latency: a few queries, 20 runs each, one process per run (includes opening the store).
for qq in 'japan' 'yen loan' '"nuclear agreement"' 'metro OR rail' 'cooperat*'; do
  t0=$(date +%s.%N)
  i=0; while [ $i -lt 20 ]; do "$DYAD" search --db "$T/a.db" -n 10 "$qq" > /dev/null 2>&1; i=$((i + 1)); done
  t1=$(date +%s.%N)
  hits=$("$DYAD" search --db "$T/a.db" -n 10 --json "$qq" 2>&1 | grep -c '^{')
  echo "dyad search $qq: $(python3 -c "print(f'{($t1 - $t0) / 20 * 1000:.1f}')") ms per query ($hits hits shown of the top 10)"
done

if [ -n "${SEEDS:-}" ] && [ -d "$SEEDS" ]; then
  n=${COPIES:-100}
  mkdir -p "$T/seeds"
  i=0; while [ $i -lt "$n" ]; do
    mkdir -p "$T/seeds/$i"
    for f in "$SEEDS"/*; do [ -f "$f" ] && { cat "$f"; printf '\n<!-- copy %d -->\n' "$i"; } > "$T/seeds/$i/$(basename "$f")"; done
    i=$((i + 1))
  done
  ingest "seed corpus x $n (each copy differs by a trailing line)" "$T/s.db" "$T/seeds"
fi
