#!/bin/sh
# Load test of `dyad serve` with wrk, on loopback only: /api/search and /api/timeline against the
# style sheet (a static file of about the same size, served by the same server from memory), each
# for SECONDS seconds (default 5; `make check` runs 2), 2 threads and 8 connections. Prints
# requests per second and the 99th percentile latency of each, in one run; fails on any socket
# error, timeout or non-2xx answer.
# usage: tests/bench_serve.sh [BUILD_DIR] [SECONDS] [STORE]   (STORE: default, a new store of the seed
# corpus and the examples)
B=${1:-build}
SECS=${2:-5}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
command -v wrk >/dev/null || { echo "bench_serve: wrk missing (scripts/install-deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
T=$(mktemp -d); SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT
DB=${3:-}
if [ -z "$DB" ]; then
  DB="$T/bench.db"
  set -- examples/corpus
  [ -d ../shared/corpus/seeds ] && set -- ../shared/corpus/seeds examples/corpus
  "$DYAD" ingest "$@" --db "$DB" >/dev/null 2>&1
fi
"$DYAD" serve --db "$DB" --port 0 2>"$T/serve.log" &
SPID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(sed -n 's/^serve: \(http:[^ ]*\) .*/\1/p' "$T/serve.log"); [ -n "$URL" ] && break; sleep 0.1
done
case "$URL" in http://127.0.0.1:*) ;; *) echo "bench_serve: the server did not start"; cat "$T/serve.log"; echo "0 passed, 1 failed"; exit 1 ;; esac
P=0; F=0
printf '%-34s %8s %12s %10s\n' "target" "bytes" "requests/s" "p99"
for path in "api/search?q=nuclear&limit=12" "api/timeline?limit=5" "static/style.css"; do
  bytes=$(curl -s -o /dev/null -w '%{size_download}' "$URL$path")
  wrk -t2 -c8 -d"${SECS}s" --timeout 5s --latency "$URL$path" > "$T/wrk" 2>&1
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$T/wrk")
  p99=$(awk '$1 == "99%" { print $2 }' "$T/wrk")
  n=$(awk '/requests in/ { print $1 }' "$T/wrk")
  printf '%-34s %8s %12s %10s\n' "/$path" "$bytes" "${rps:-?}" "${p99:-?}"
  if [ -z "$rps" ] || [ "${n:-0}" -lt 10 ] || grep -q 'Socket errors\|Non-2xx' "$T/wrk"; then
    F=$((F + 1)); echo "FAIL: /$path:"; sed 's/^/    /' "$T/wrk"
  else
    P=$((P + 1))
  fi
done
code=$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/search?q=nuclear")
if [ "$code" = 200 ]; then P=$((P + 1)); else F=$((F + 1)); echo "FAIL: the server no longer answers after the load ($code)"; fi
echo "(wrk -t2 -c8 -d${SECS}s on loopback; $(nproc) cores shared by wrk and the server)"
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
