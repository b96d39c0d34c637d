#!/bin/sh
# Install the Debian packages dyad needs to build, test and run.
# Idempotent: installs only what is missing. Runs as root; otherwise prints the command to run.
set -eu

# Build and run time:
#   libsqlite3-dev  the store: one file, transactions, FTS5 full-text search with BM25
#   libxml2-dev     HTML parser (HTMLparser.h) that survives real-world tag soup
#   libmd4c-dev     CommonMark parser with callbacks, for Markdown notes
#   libutf8proc-dev Unicode categories, case folding and normalisation
#   libstemmer-dev  Snowball stemmers: the event coder compares words by their English stem
#   libjansson-dev  JSON parser for dyad fuse's input and the fusion stage's spill files
#   libyaml-dev     YAML parser (events API) for Markdown front matter: quoting, escapes, block
#                   scalars, lists, anchors read as YAML means them
#   poppler-utils   pdftotext, run for PDF input (optional at run time)
#   libmicrohttpd-dev  the HTTP server library under `dyad serve` (GNU; small, threads and epoll built in)
# Tests and tools:
#   clang + libclang-rt-14-dev  libFuzzer and the sanitizer runtimes
#   python3         the shared scorers in ../shared/eval
#   sqlite3         the SQLite shell, used by the store tests to look inside a store
#   iso-codes       the ISO 3166-1 list that tools/check-dict.py checks the actor dictionaries against
#   curl            hostile requests to `dyad serve` in tests/suite_serve.sh
#   wrk             the load test of `dyad serve` (tests/bench_serve.sh)
#   chromium        headless browser for tests/suite_browser.sh (driven by playwright-core from npm,
#                   pinned in tests/browser/package-lock.json; it never downloads a browser of its own)
#   nodejs, npm     run playwright-core (skipped where the machine already has node and npm)
#   python3-pandas  the export test reads every export back with pandas, as a data scientist would
#   sqlite-utils    Datasette's sibling: the export test checks that its full-text search (found the
#                   way Datasette finds it) works on a store
PKGS="build-essential pkg-config libsqlite3-dev libxml2-dev libmd4c-dev libutf8proc-dev libstemmer-dev libjansson-dev libyaml-dev poppler-utils clang libclang-rt-14-dev python3 sqlite3 iso-codes libmicrohttpd-dev curl wrk chromium python3-pandas sqlite-utils"
# node and npm may come from elsewhere than Debian (nodesource): only install Debian's when absent
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing:$missing" >&2
  echo "install-deps: run as root: apt-get update && apt-get install -y$missing" >&2
  exit 1
fi
echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
