#!/bin/sh
# The browser test: Debian's Chromium, headless, driven by playwright-core (pinned in
# tests/browser/package-lock.json, installed into BUILD/browser/ with npm ci; no browser is
# downloaded) loads the report and the served pages of the seed corpus and the examples, checks the
# chart and the chronology against `dyad timeline --json`, searches "nuclear", opens a document page
# with its events marked, and saves screenshots (1280x900 and 390x844) under BUILD/screenshots/.
# Skipped, with a message, where npm, node or Chromium is missing, except under CI (CI set), where
# that fails: `make check` installs them first, so a missing one there is a broken install. With no
# access to the npm registry and nothing in npm's cache, `npm ci` fails (after about a minute of
# retries) and so does this test, with npm's message. Takes the build dir as $1.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
ROOT=$(pwd)
for tool in node npm /usr/bin/chromium; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
      echo "FAIL: the browser test needs $tool, and CI must run it (scripts/install-deps.sh installs it)"
      echo "0 passed, 1 failed"
      exit 1
    fi
    echo "SKIPPED: the browser test needs $tool (scripts/install-deps.sh installs it)"
    echo "0 passed, 0 failed"
    exit 0
  fi
done
T=$(mktemp -d); SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT
NM="$ROOT/build/browser" # one install for build/ and build-asan/
mkdir -p "$NM"
# npm ci only when the pinned lock changed since the last install
if ! cmp -s tests/browser/package-lock.json "$NM/package-lock.json" || [ ! -d "$NM/node_modules/playwright-core" ]; then
  cp tests/browser/package.json tests/browser/package-lock.json "$NM/"
  if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$NM" --no-audit --no-fund --loglevel=error >"$T/npm" 2>&1; then
    cat "$T/npm"; echo "FAIL: npm ci of tests/browser/package-lock.json"; echo "0 passed, 1 failed"; exit 1
  fi
fi
cp tests/browser/check.mjs "$NM/check.mjs"

set -- examples/corpus
[ -d ../shared/corpus/seeds ] && set -- ../shared/corpus/seeds examples/corpus
"$DYAD" ingest "$@" --db "$T/s.db" >/dev/null 2>&1
"$DYAD" timeline --db "$T/s.db" --json > "$T/timeline.jsonl"
"$DYAD" report --db "$T/s.db" -o "$T/report.html" 2>/dev/null
"$DYAD" serve --db "$T/s.db" --port 0 2>"$T/serve.log" &
SPID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(sed -n 's/^serve: \(http:[^ ]*\) .*/\1/p' "$T/serve.log"); [ -n "$URL" ] && break; sleep 0.1
done
[ -n "$URL" ] || { cat "$T/serve.log"; echo "0 passed, 1 failed"; exit 1; }
SHOTS="$ROOT/$B/screenshots"
rm -rf "$SHOTS"
cp "$T/report.html" "$ROOT/$B/report-seeds.html"
timeout 300 node "$NM/check.mjs" "$T/report.html" "$URL" "$T/timeline.jsonl" "$SHOTS"; rc=$?
[ $rc -ge 124 ] && { echo "FAIL: the browser test hung"; echo "0 passed, 1 failed"; }
echo "screenshots: $SHOTS"
exit $rc
