#!/bin/sh
# make demo: ingest the example corpus (examples/corpus) into a fresh store and show what dyad makes
# of it: the documents, a cleaned page, metadata, sentences found by search, dated expressions, the
# events of one note, the fused India-Japan timeline, and the report.
set -u
B=${1:-build}
DYAD="$B/dyad"
DB="$B/demo.db"
C=examples/corpus
rm -f "$DB" "$DB-wal" "$DB-shm"
if [ -t 1 ]; then
  step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
  step() { printf '\n$ %s\n' "$*"; }
fi

step dyad ingest $C --db $DB
"$DYAD" ingest "$C" --db "$DB"
step dyad docs --db $DB
"$DYAD" docs --db "$DB"
step dyad text $C/partnership-timeline.html
"$DYAD" text "$C/partnership-timeline.html"
step dyad meta $C/maritime-talk-pdftext.txt
"$DYAD" meta "$C/maritime-talk-pdftext.txt"
step dyad search '"nuclear agreement"' --db $DB
"$DYAD" search '"nuclear agreement"' --db "$DB"
step dyad search 'yen loan' --db $DB
"$DYAD" search 'yen loan' --db "$DB"
step dyad dates $C/metro-loan-news.txt
"$DYAD" dates "$C/metro-loan-news.txt"
step dyad events $C/sanctions-1998-cp1252.txt
"$DYAD" events "$C/sanctions-1998-cp1252.txt"
step dyad timeline --db $DB --pair IND,JPN
"$DYAD" timeline --db "$DB" --pair IND,JPN
step dyad actors --db $DB
"$DYAD" actors --db "$DB"
step dyad ingest $C --db $DB "   # again: nothing changes"
"$DYAD" ingest "$C" --db "$DB"
step dyad report --db $DB -o $B/demo-report.html
"$DYAD" report --db "$DB" -o "$B/demo-report.html"
printf '\nThe store is %s; try: %s search WORDS --db %s\n' "$DB" "$DYAD" "$DB"
printf 'or look at it in a browser: %s serve --db %s (then http://127.0.0.1:8427/)\n' "$DYAD" "$DB"
printf 'The report is %s/%s: one HTML file, open it in a browser or mail it.\n' "$(pwd)" "$B/demo-report.html"
