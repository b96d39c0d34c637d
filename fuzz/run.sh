#!/bin/sh
# make fuzz: builds every libFuzzer target (fuzz/fuzz_*.c) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into build-fuzz/, then runs each for FUZZ_SECONDS (default 600 s),
# starting from its seed corpus fuzz/corpus/NAME/ when there is one. Exit non-zero on any crash.
cd "$(dirname "$0")/.." || exit 1
SECS=${FUZZ_SECONDS:-600}
B=build-fuzz
FLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
targets=$(ls fuzz/fuzz_*.c 2>/dev/null | sed 's|fuzz/\(.*\)\.c|\1|')
[ -n "$targets" ] || { echo "no fuzz targets"; exit 1; }
for t in $targets; do
  make --no-print-directory B=$B CC=clang OPT="$FLAGS" "$B/fuzz/$t" || exit 1
done
status=0
for t in $targets; do
  work="$B/fuzz-corpus/$t"; mkdir -p "$work"
  seeds=""; [ -d "fuzz/corpus/$t" ] && seeds="fuzz/corpus/$t"
  echo "== $t for $SECS s"
  if ! "$B/fuzz/$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 "$work" $seeds 2>"$B/$t.log"; then
    status=1; echo "FAIL $t: see $B/$t.log"; tail -n 30 "$B/$t.log"
  else
    grep -E 'stat::number_of_executed_units|Done' "$B/$t.log" | tail -n 2
  fi
done
exit $status
