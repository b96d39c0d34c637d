#!/bin/sh
# Events, actors, the timeline and fusion through the command line: output that parses, the store's
# events and timeline (a second ingest changes nothing; a replaced document replaces its events; the
# store's timeline matches the files'), and hostile input: a sentence of 10,000 words, 500 country
# names in one sentence, text without a sentence boundary, a malformed or conflicting dictionary,
# event JSON on `dyad fuse` that is truncated or not JSON. Each gives one clear message and the
# right exit status, never a crash or a hang. Run on build/ and on the sanitizer build.
B=${1:-build}
DYAD="$B/dyad"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=0; F=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }

# expect NAME WANT_EXIT GREP_STDERR CMD...: runs CMD under a time limit, checks exit and message.
expect() {
  name=$1; want=$2; pat=$3; shift 3
  timeout 120 "$@" >"$T/out" 2>"$T/err"; rc=$?
  if [ $rc -eq 124 ]; then fail "$name: timed out"; return; fi
  if [ $rc -ge 128 ] || grep -q 'Sanitizer\|runtime error' "$T/err"; then fail "$name: crashed (exit $rc)"; sed 's/^/    /' "$T/err" | head -20; return; fi
  if [ -n "$want" ] && [ "$rc" != "$want" ]; then fail "$name: exit $rc, want $want"; sed 's/^/    /' "$T/err" | head -5; return; fi
  if [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then fail "$name: message does not match '$pat':"; sed 's/^/    /' "$T/err" | head -5; return; fi
  pass
}
json_ok() { # every line of $T/out is a JSON object
  python3 -c "
import json,sys
n=0
for l in open('$T/out'):
    json.loads(l); n+=1
print(n)" >"$T/count" 2>/dev/null && pass || fail "$1: output is not JSON Lines"
}

cat > "$T/doc.txt" <<'EOF'
Japan and India: a short history

In 1952, India and Japan signed a peace treaty. Japan provided yen loans to India as early as 1958.

After India conducted nuclear tests in May 1998, Japan denounced them and imposed sanctions on India.

During Prime Minister Junichiro Koizumi's visit to India in April 2005, the two sides announced a strategic partnership.
EOF
python3 -c "print(' '.join(['talks'] * 10000) + ' between India and Japan.')" > "$T/long.txt"
python3 -c "
names = ['India','Japan','China','France','Brazil','Kenya','Peru','Chile','Ghana','Nepal']
print(', '.join(names[i % 10] for i in range(500)) + ' and Japan signed a treaty in 2001.')" > "$T/many.txt"
python3 -c "print(('India Japan talks agreement visit ' * 4000).strip())" > "$T/nostop.txt"

# events: JSON Lines, the fields, the plain mode's offsets
expect "events" 0 "" "$DYAD" events "$T/doc.txt"
json_ok "events"
python3 - "$T/out" <<'PY' && pass || fail "events: fields, dates and types"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
need = {"doc","date","date_source","date_text","actors","source","target","type","mode","status","label","trigger","sentence","start","end"}
assert all(need <= set(e) for e in ev), "missing fields"
got = {(e["type"], e["date"]) for e in ev}
for want in [("AGREE","1952"), ("AID","1958"), ("ACCUSE","1998-05"), ("SANCTION","1998-05"), ("CONSULT","2005-04")]:
    assert want in got, want
assert all(len(set(e["actors"])) >= 2 for e in ev)
PY
expect "events --plain" 0 "" "$DYAD" events --plain "$T/doc.txt"
python3 - "$T/out" "$T/doc.txt" <<'PY' && pass || fail "events --plain: offsets into the file"
import json, sys
text = open(sys.argv[2], "rb").read()
for l in open(sys.argv[1]):
    e = json.loads(l)
    assert text[e["start"]:e["end"]].decode() == e["sentence"], e["sentence"]
    t = e["trigger"]
    assert text[t["start"]:t["end"]].decode() == t["text"]
PY
expect "events --all" 0 "" "$DYAD" events --all "$T/doc.txt"
expect "events --dct bad" 2 "--dct someday" "$DYAD" events --dct someday "$T/doc.txt"
expect "events missing file" 1 "no-such.txt" "$DYAD" events "$T/no-such.txt"
expect "events: 10,000 words in a sentence" 0 "" "$DYAD" events --plain "$T/long.txt"
expect "events: 500 countries in a sentence" 0 "" "$DYAD" events --plain "$T/many.txt"
python3 -c "
import json,sys
ev=[json.loads(l) for l in open('$T/out')]
assert len(ev) <= 64 and all(len(e['actors']) <= 16 for e in ev), len(ev)" && pass || fail "500 countries: capped parties"
expect "events: no sentence boundary" 0 "" "$DYAD" events --plain "$T/nostop.txt"

# actors
expect "actors" 0 "" "$DYAD" actors "$T/doc.txt"
grep -q '^IND ' "$T/out" && grep -q '^JPN ' "$T/out" && pass || fail "actors: IND and JPN listed"
expect "actors --mentions" 0 "" "$DYAD" actors --mentions "$T/doc.txt"
json_ok "actors --mentions"

# dictionaries of one's own, and their errors (file and line named; exit 2; nothing read)
mkdir "$T/dict"
printf '[orgs]\nIND military Zorawar Regiment\n' > "$T/dict/actors-mine.txt"
printf 'The Zorawar Regiment exercised with Japanese troops in 2019.\n' > "$T/zor.txt"
expect "--dict adds" 0 "" "$DYAD" actors --dict "$T/dict" --mentions "$T/zor.txt"
grep -q '"Zorawar Regiment".*"IND"' "$T/out" && pass || fail "--dict: the new organisation"
printf '[countries]\nIND capitol Delhi\n' > "$T/dict/actors-mine.txt"
expect "dictionary syntax error" 2 "actors-mine.txt:2: unknown KIND 'capitol'" "$DYAD" events --dict "$T/dict" "$T/doc.txt"
printf '[countries]\nFRA name Gallia\nDEU name Gallia\n' > "$T/dict/actors-mine.txt"
expect "conflicting entries" 2 "actors-mine.txt:3:.*already names FRA" "$DYAD" events --dict "$T/dict" "$T/doc.txt"
rm "$T/dict/actors-mine.txt"
printf '[verbs]\nHUG - embrace\n' > "$T/dict/events-mine.txt"
expect "event dictionary error" 2 "events-mine.txt:2: unknown TYPE 'HUG'" "$DYAD" events --dict "$T/dict" "$T/doc.txt"
printf '[verbs]\nSUPPORT - embrace\n' > "$T/dict/events-mine.txt"
printf 'Japan embraced India in 2004.\n' > "$T/emb.txt"
expect "event dictionary adds a verb" 0 "" "$DYAD" events --dict "$T/dict" --plain "$T/emb.txt"
grep -q '"SUPPORT"' "$T/out" && pass || fail "--dict: the new verb codes SUPPORT"
expect "--dict not a folder" 2 "not a folder" "$DYAD" events --dict "$T/nowhere" "$T/doc.txt"

# timeline from files
expect "timeline --json" 0 "" "$DYAD" timeline --json "$T/doc.txt"
json_ok "timeline --json"
cp "$T/out" "$T/tl-files.jsonl"
expect "timeline text" 0 "" "$DYAD" timeline "$T/doc.txt"
grep -q '^1952' "$T/out" && pass || fail "timeline text: 1952 first"
expect "timeline --pair" 0 "" "$DYAD" timeline --json --pair IND,JPN --from 1990 --to 2000 "$T/doc.txt"
python3 -c "
import json
ev=[json.loads(l) for l in open('$T/out')]
assert ev and all(1990 <= int(e['date'][:4]) <= 2000 and {'IND','JPN'} <= set(e['actors']) for e in ev)" && pass || fail "timeline filters"
expect "timeline --type bad" 2 "not a PLOVER type" "$DYAD" timeline --type HUG "$T/doc.txt"
expect "timeline --from bad" 2 "a year" "$DYAD" timeline --from soon "$T/doc.txt"

# the store: events and timeline; a second ingest changes nothing; a replaced document replaces its events
mkdir "$T/corpus"; cp "$T/doc.txt" "$T/corpus/a.txt"
expect "ingest" 0 "" "$DYAD" ingest --db "$T/s.db" "$T/corpus"
n1=$(sqlite3 "$T/s.db" "select count(*) from events"); t1=$(sqlite3 "$T/s.db" "select count(*) from timeline")
[ "$n1" -ge 5 ] && [ "$t1" -ge 5 ] && pass || fail "ingest: events ($n1) and timeline ($t1) stored"
sum1=$(sha256sum "$T/s.db" | cut -c1-64)
expect "ingest again" 0 "" "$DYAD" ingest --db "$T/s.db" "$T/corpus"
[ "$(sha256sum "$T/s.db" | cut -c1-64)" = "$sum1" ] && pass || fail "a second ingest changed the store"
expect "timeline from the store" 0 "" "$DYAD" timeline --json --db "$T/s.db"
python3 - "$T/out" "$T/tl-files.jsonl" <<'PY' && pass || fail "the store's timeline is the files' timeline"
import json, sys
a = [(e["date"], e["type"], tuple(e["actors"])) for e in map(json.loads, open(sys.argv[1]))]
b = [(e["date"], e["type"], tuple(e["actors"])) for e in map(json.loads, open(sys.argv[2]))]
assert sorted(a) == sorted(b), (a, b)
PY
printf 'In 2011, India and Japan signed a comprehensive economic partnership agreement.\n' > "$T/corpus/a.txt"
expect "ingest a replaced document" 0 "" "$DYAD" ingest --db "$T/s.db" "$T/corpus"
[ "$(sqlite3 "$T/s.db" "select count(*) from events")" = 1 ] && pass || fail "the replaced document's events replace the old ones"
[ "$(sqlite3 "$T/s.db" "select date from timeline")" = 2011 ] && pass || fail "the timeline follows"
expect "ingest with a broken dictionary writes nothing" 2 "actors-mine.txt" sh -c "printf '[orgs]\nXYZ military Q\n' > '$T/dict/actors-mine.txt'; '$DYAD' ingest --dict '$T/dict' --db '$T/s2.db' '$T/corpus'"
[ ! -e "$T/s2.db" ] && pass || fail "a dictionary error left a store behind"
rm -f "$T/dict/actors-mine.txt"

# fuse: the reduce step; bad lines get their number, the rest is fused
"$DYAD" events "$T/doc.txt" > "$T/ev.jsonl"
expect "fuse" 0 "" "$DYAD" fuse "$T/ev.jsonl"
json_ok "fuse"
python3 - "$T/out" "$T/tl-files.jsonl" <<'PY' && pass || fail "fuse gives the timeline's entries"
import json, sys
a = sorted((e["date"], e["type"]) for e in map(json.loads, open(sys.argv[1])))
b = sorted((e["date"], e["type"]) for e in map(json.loads, open(sys.argv[2])))
assert a == b, (a, b)
PY
{ head -n 2 "$T/ev.jsonl"; echo 'this is not json'; echo; head -n 3 "$T/ev.jsonl" | tail -n 1 | head -c 40; echo; tail -n +3 "$T/ev.jsonl"; } > "$T/bad.jsonl"
expect "fuse with bad lines" 1 "fuse: line 3: not JSON" "$DYAD" fuse "$T/bad.jsonl"
grep -q "line 5:" "$T/err" && pass || fail "fuse: the truncated line is named"
[ "$(wc -l < "$T/out")" -ge 4 ] && pass || fail "fuse: the good lines are still fused"
expect "fuse on standard input" 0 "" sh -c "'$DYAD' fuse < '$T/ev.jsonl'"
expect "fuse empty input" 0 "" sh -c "'$DYAD' fuse < /dev/null"
[ ! -s "$T/out" ] && pass || fail "fuse: nothing in, nothing out"
expect "fuse missing file" 2 "no-such.jsonl" "$DYAD" fuse "$T/no-such.jsonl"

echo "$P passed, $F failed"
[ "$F" -eq 0 ]
