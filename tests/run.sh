#!/bin/sh
# Runs every test of one build: the unit-test programs (B/tests/test_*) and the scripted suites
# (tests/suite_*.sh: golden files, bad inputs, CLI). Each prints "N passed, N failed" last;
# this sums them and prints the total as its own last line. Exit 1 if anything failed.
B=${1:-build}
total_p=0; total_f=0; status=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
run() {
  name=$1; shift
  "$@" >"$log" 2>&1; rc=$?
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  [ -n "$p" ] || { p=0; f=1; }
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_p=$((total_p + p)); total_f=$((total_f + f))
  if [ "$f" -ne 0 ]; then
    status=1; echo "FAIL $name: $p passed, $f failed (exit $rc)"; sed 's/^/    /' "$log" | tail -n 40
  else
    echo "ok   $name: $p passed"
  fi
}
for t in "$B"/tests/test_*; do
  [ -x "$t" ] || continue
  run "$(basename "$t")" "$t"
done
for s in tests/suite_*.sh; do
  [ -f "$s" ] || continue
  run "$(basename "$s" .sh)" sh "$s" "$B"
done
echo "$total_p passed, $total_f failed"
exit $status
