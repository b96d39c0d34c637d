#!/bin/sh
# tests/seeds_dates.sh BUILD — the temporal tagger on the seed corpus.
# For every row of ../shared/eval/seeds.events.tsv with a date, runs `BUILD/dyad dates` on the seed
# file (the normal pipeline: read, clean, the document date from the metadata; no --dct) and checks
# that an expression inside the row's snippet has a value starting with the gold date ("1998"
# matches "1998-05"; "2010-06-28" needs "2010-06-28"). When the snippet holds no expression at all
# (the gold date is stated elsewhere in the sentence: "...in May 1998, Japan denounced them..."),
# the expressions of the sentence around the snippet are used instead. Offsets are checked against
# `BUILD/dyad text`, the same cleaned text. Last line: "N passed, N failed".
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
SH=../shared
TSV=$SH/eval/seeds.events.tsv
if [ ! -f "$TSV" ] || [ ! -d "$SH/corpus/seeds" ]; then
    echo "skip: ../shared is absent, no seed corpus to check"
    echo "0 passed, 0 failed"
    exit 0
fi
[ -x "$B/dyad" ] || { echo "no $B/dyad"; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d) || exit 1
[ -n "${KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
pass=0
fail=0
sep=$(printf '\001')
# tab is white space to `read`, which would merge an empty date field: re-separate with \001
awk -F'\t' '$1 !~ /^#/ && $1 != "file" && $2 != "" { print $1 "\001" $2 "\001" $5 }' "$TSV" >"$tmp/rows"
while IFS="$sep" read -r file date snippet; do
    src=$SH/corpus/seeds/$file
    if [ ! -f "$tmp/$file.txt" ]; then
        "$B/dyad" text "$src" >"$tmp/$file.txt" 2>"$tmp/$file.err"
        "$B/dyad" dates "$src" >"$tmp/$file.jsonl" 2>>"$tmp/$file.err"
    fi
    verdict=$(awk -v TXT="$tmp/$file.txt" -v SNIP="$snippet" -v GOLD="$date" '
        BEGIN {
            RS = "\001"; text = ""; getline text < TXT; RS = "\n"
            n = 0; off = 0; L = length(text)
            while (SNIP != "" && (p = index(substr(text, off + 1), SNIP)) > 0) {
                s = off + p - 1; n++; S[n] = s; E[n] = s + length(SNIP); off = s + 1
                a = s; while (a > 0 && substr(text, a, 1) != "\n" && !(substr(text, a, 2) ~ /^[.!?] $/)) a--
                b = E[n]; while (b < L && substr(text, b + 1, 1) != "\n" && !(substr(text, b + 1, 2) ~ /^[.!?] $/)) b++
                SS[n] = a; SE[n] = b + 1
            }
            in_snip = 0; ok_snip = 0; ok_sent = 0; seen = ""
        }
        {
            if (!match($0, /"start":[0-9]+/)) next
            st = substr($0, RSTART + 8, RLENGTH - 8) + 0
            match($0, /"end":[0-9]+/); en = substr($0, RSTART + 6, RLENGTH - 6) + 0
            match($0, /"value":"[^"]*"/); v = substr($0, RSTART + 9, RLENGTH - 10)
            good = substr(v, 1, length(GOLD)) == GOLD
            for (i = 1; i <= n; i++) {
                if (st < E[i] && en > S[i]) { in_snip = 1; if (good) ok_snip = 1; seen = seen " " v }
                else if (st >= SS[i] && en <= SE[i]) { if (good) ok_sent = 1; sent_seen = sent_seen " " v }
            }
        }
        END {
            if (n == 0) { print "FAIL snippet not found in the cleaned text"; exit }
            if (ok_snip || (!in_snip && ok_sent)) { print "ok"; exit }
            print "FAIL got" (in_snip ? seen : " (sentence)" sent_seen)
        }' "$tmp/$file.jsonl")
    case "$verdict" in
    ok) pass=$((pass + 1)) ;;
    *) fail=$((fail + 1)); echo "FAIL $file $date \"$snippet\": ${verdict#FAIL }" ;;
    esac
done <"$tmp/rows"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
