#!/bin/sh
# make bench: throughput and peak memory of dyad's stages on a corpus of at least 50 MB that it
# builds itself from the example documents (bench/gen.py; nothing is downloaded).
# Figures are quoted against a baseline run in the same command (`wc -w` over the same files, a
# single-core C tokenizer), because machines are noisy: compare ratios, not MB/s, across runs.
set -u
B=${1:-build}
DYAD="$B/dyad"
C=${BENCH_CORPUS:-bench/corpus}
MB=${BENCH_MB:-60}
[ -d "$C/text" ] || python3 bench/gen.py "$C" "$MB" || exit 1
make --no-print-directory -s "$B/bench/bench_dates" "$B/bench/bench_split" "$B/bench/bench_events" 2>/dev/null
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}' if b else 'n/a')" "$1" "$2"; }
mbps() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 1e6 / max(float(sys.argv[3]) - float(sys.argv[2]), 1e-9):.1f}')" "$1" "$2" "$3"; }

ls "$C"/text/* "$C"/html/* > "$T/all"
ls "$C"/html/* > "$T/html"
ls "$C"/text/* > "$T/text"
bytes=$(xargs -s 1000000 cat < "$T/all" | wc -c)
echo "corpus: $(wc -l < "$T/all") documents, $(echo "$bytes" | awk '{printf "%.1f", $1/1e6}') MB in $C"

# Baseline: wc -w over the same files, same page cache.
xargs -s 1000000 cat < "$T/all" > /dev/null
t0=$(now); xargs -s 1000000 wc -w < "$T/all" > /dev/null; t1=$(now)
base=$(mbps "$bytes" "$t0" "$t1")
echo "baseline wc -w: $base MB/s"

run_text() { # label, file list
  "$DYAD" text --null --stats --files-from "$2" 2> "$T/stats" >/dev/null
  s=$(grep 'files,' "$T/stats" | tail -n 1)
  rate=$(echo "$s" | sed -n 's/.*: \([0-9.]*\) MB\/s.*/\1/p')
  echo "dyad text ($1): $s; $(ratio "$rate" "$base") x wc -w"
}
run_text "all" "$T/all"
run_text "html" "$T/html"
run_text "text+markdown" "$T/text"
# Memory must not grow with the number of documents: a quarter of the corpus vs all of it.
head -n $(( $(wc -l < "$T/all") / 4 )) "$T/all" > "$T/quarter"
"$DYAD" text --null --stats --files-from "$T/quarter" 2> "$T/q" > /dev/null
"$DYAD" text --null --stats --files-from "$T/all" 2> "$T/a" > /dev/null
echo "peak RSS, quarter vs whole corpus: $(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$T/q" | tail -n 1) MB vs $(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$T/a" | tail -n 1) MB"

# Web pages of the public benchmark (181 real pages), in one process: pages per second.
S=../shared/bench/extraction/scrapinghub/html
if [ -d "$S" ]; then
  mkdir -p "$T/pages"
  for f in "$S"/*.html.gz; do gzip -dc "$f" > "$T/pages/$(basename "$f" .gz)"; done
  for i in 1 2 3 4 5; do ls "$T"/pages/*.html; done > "$T/pagelist"
  "$DYAD" text --null --stats --files-from "$T/pagelist" 2> "$T/p" > /dev/null
  s=$(grep 'files,' "$T/p" | tail -n 1)
  pps=$(echo "$s" | sed -n 's/.* \([0-9.]*\) files\/s.*/\1/p')
  echo "dyad text (181 benchmark pages x5): $s; $(ratio "$pps" 40) x Readability.js's ~40 pages/s quoted in the issue"
  # The same pages through Mozilla Readability + jsdom under Node, in this run, when installed
  # (`make bench-deps` installs them with npm into build/node_modules; not done by default).
  if [ -d "$B/node_modules/@mozilla/readability" ] && command -v node >/dev/null; then
    NODE_PATH="$B/node_modules" node bench/readability.js "$T"/pages/*.html > "$T/r" 2>/dev/null
    rps=$(sed -n 's/.* \([0-9.]*\) files\/s.*/\1/p' "$T/r")
    echo "$(cat "$T/r"); dyad is $(ratio "$pps" "$rps") x faster in pages/s"
  fi
fi

# Sentence splitter and temporal tagger alone, on the cleaned text of the text documents.
head -n 2000 "$T/text" | "$DYAD" text --files-from - > "$T/clean.txt" 2>/dev/null
[ -x "$B/bench/bench_split" ] && "$B/bench/bench_split" "$T/clean.txt"
if [ -x "$B/bench/bench_dates" ]; then
  s=$("$B/bench/bench_dates" "$T/clean.txt"); rate=$(echo "$s" | sed -n 's/.* \([0-9.]*\) MB\/s.*/\1/p')
  echo "$s; $(ratio "$rate" "$base") x wc -w"
fi

# Events end to end (read, clean, metadata, split, date, actors, events): sentences per second
# against the baseline, and against TABARI (~15,000 sentences/s on one core of this machine, quoted in
# the issue: dictionaries only, no cleaning or dating) and the issue's aim (150,000). Memory must stay
# flat in the number of documents: a quarter of the corpus against all of it.
"$DYAD" events --null --stats --files-from "$T/all" 2> "$T/ev" > /dev/null
s=$(tail -n 1 "$T/ev")
sps=$(echo "$s" | sed -n 's/.*: \([0-9]*\) sentences\/s.*/\1/p')
rate=$(echo "$s" | sed -n 's/.* \([0-9.]*\) MB\/s.*/\1/p')
echo "dyad events (all, end to end): $s; $(ratio "$rate" "$base") x wc -w; $(ratio "$sps" 15000) x TABARI's 15,000 sentences/s; $(ratio "$sps" 150000) of the 150,000 aimed at"
"$DYAD" events --null --stats --files-from "$T/quarter" 2> "$T/evq" > /dev/null
echo "dyad events peak RSS, quarter vs whole corpus: $(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$T/evq" | tail -n 1) MB vs $(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$T/ev" | tail -n 1) MB"
# The coder alone (actors and events stages) on clean text already split and dated.
[ -x "$B/bench/bench_events" ] && "$B/bench/bench_events" "$T/clean.txt" | sed 's/$/ (TABARI: ~15,000 sentences\/s)/'
# Fusion: the events of the whole corpus as JSON Lines through dyad fuse, against wc -w on the same lines.
"$DYAD" events --files-from "$T/all" > "$T/events.jsonl" 2>/dev/null
evbytes=$(wc -c < "$T/events.jsonl"); evlines=$(wc -l < "$T/events.jsonl")
t0=$(now); wc -w "$T/events.jsonl" > /dev/null; t1=$(now); fbase=$(mbps "$evbytes" "$t0" "$t1")
/usr/bin/time -f "%M" -o "$T/fmem" "$DYAD" fuse "$T/events.jsonl" > "$T/entries.jsonl" 2>/dev/null; t0b=$t1
t0=$(now); "$DYAD" fuse "$T/events.jsonl" > /dev/null 2>&1; t1=$(now)
frate=$(mbps "$evbytes" "$t0" "$t1")
fps=$(python3 -c "print(f'{$evlines / max($t1 - $t0, 1e-9):.0f}')")
echo "dyad fuse: $evlines events in, $(wc -l < "$T/entries.jsonl") entries out; $fps events/s, $frate MB/s; $(ratio "$frate" "$fbase") x wc -w on the same lines; peak RSS $(awk '{printf "%.1f", $1/1024}' "$T/fmem") MB"

# Ingest into a fresh store: MB/s including cleaning, splitting and SQLite writes.
if "$DYAD" ingest --help >/dev/null 2>&1; then
  t0=$(now); "$DYAD" ingest --stats --db "$T/bench.db" --files-from "$T/all" > /dev/null 2> "$T/ing"; t1=$(now)
  rate=$(mbps "$bytes" "$t0" "$t1")
  echo "dyad ingest (all, fresh store): $rate MB/s; $(ratio "$rate" "$base") x wc -w; $(tail -n 1 "$T/ing")"
  t0=$(now); "$DYAD" ingest --db "$T/bench.db" --files-from "$T/all" > /dev/null 2>&1; t1=$(now)
  echo "dyad ingest (again, all unchanged): $(mbps "$bytes" "$t0" "$t1") MB/s"
fi
