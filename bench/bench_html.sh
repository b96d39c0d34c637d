#!/bin/sh
# HTML reader benchmark: throughput of `dyad text` on the 181 pages of the ScrapingHub article
# benchmark (in one process, so start-up is not counted), then its extraction score.
#   bench/bench_html.sh [BUILD_DIR]     (default build; needs ../shared/bench/extraction)
# Prints files/s and MB/s (best of 5 runs), then F1, precision and recall from
# ../shared/eval/extraction.py (which runs one process per page).
B=${1:-build}
BENCH=${BENCH:-../shared/bench/extraction/scrapinghub}
if [ ! -d "$BENCH/html" ]; then echo "bench_html: $BENCH not found, skipped"; exit 0; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
for f in "$BENCH"/html/*.html.gz; do gzip -dc "$f" > "$T/$(basename "$f" .gz)"; done
echo "pages: $(ls "$T" | wc -l), $(du -sh "$T" | cut -f1)"
for i in 1 2 3 4 5; do "$B/dyad" text --null --stats "$T"/*.html 2>&1 | tail -n 1; done | sort -t, -k3 -n | tail -n 1 |
  sed 's/^/best of 5: /'
if [ -f ../shared/eval/extraction.py ]; then
  python3 ../shared/eval/extraction.py --cmd "$B/dyad text" --bench "$BENCH" | tail -n 3
fi
