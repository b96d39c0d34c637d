#!/bin/sh
# The actor dictionaries (data/actors-*.txt) pass tools/check-dict.py: every entry well formed,
# every code known, no phrase given to two codes within a file, every ISO 3166-1 code named
# (read from the iso-codes package, which scripts/install-deps.sh installs).
# Last line: "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
out=$(mktemp); trap 'rm -f "$out"' EXIT
if python3 tools/check-dict.py >"$out" 2>&1; then
  cat "$out"; echo "1 passed, 0 failed"
else
  cat "$out"; echo "0 passed, 1 failed"; exit 1
fi
