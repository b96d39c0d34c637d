#!/bin/sh
# dyad serve against hostile requests, on loopback: very long URLs, queries and headers, bad UTF-8
# (encoded, raw and overlong), FTS5 syntax in q, path traversal (plain and encoded), unknown methods,
# bad paging arguments, garbage request lines, many slow clients holding connections open while a
# normal request is still served. Each gets a 4xx (FTS5's own syntax in q: a 400 saying so; words
# dyad's query language drops, a 200 or a 400 when nothing is left to search) and never a 5xx; the server keeps serving; the
# store file is byte-identical afterwards. Then a `dyad ingest` writes the store while requests run:
# every answer is complete and 200. Then a short wrk run (tests/bench_serve.sh, 2 s a target).
# Takes the build dir as $1.
B=${1:-build}
DYAD="$(cd "$(dirname "$B/dyad")" && pwd)/dyad"
ROOT=$(pwd)
T=$(mktemp -d); SPID=
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
P=0; F=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
ok() { if eval "$2"; then pass; else fail "$1"; fi; }
for tool in curl python3; do
  command -v $tool >/dev/null || { echo "$tool missing: scripts/install-deps.sh installs it"; echo "0 passed, 1 failed"; exit 1; }
done
set -- examples/corpus
[ -d ../shared/corpus/seeds ] && set -- ../shared/corpus/seeds examples/corpus
DB="$T/s.db"
"$DYAD" ingest "$@" --db "$DB" >/dev/null 2>&1
before=$(sha256sum "$DB" | cut -c1-64)

"$DYAD" serve --db "$DB" --port 0 --timeout 3 --max-connections 256 2>"$T/serve.log" &
SPID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(sed -n 's/^serve: \(http:[^ ]*\) .*/\1/p' "$T/serve.log"); [ -n "$URL" ] && break; sleep 0.1
done
ok "the server starts on 127.0.0.1 by default" 'case "$URL" in http://127.0.0.1:*/) true ;; *) false ;; esac'
[ -n "$URL" ] || { cat "$T/serve.log"; echo "$P passed, $((F + 1)) failed"; exit 1; }
PORT=$(echo "$URL" | sed 's|.*:\([0-9]*\)/$|\1|')

code() { curl -s --path-as-is -o "$T/body" -w '%{http_code}' --max-time 20 "$@"; }
alive() { [ "$(code "${URL}api/docs?limit=1")" = 200 ]; }
# expect NAME WANT CURL_ARGS...: WANT is a status or a pattern like 4??
expect() {
  name=$1; want=$2; shift 2
  got=$(code "$@")
  case "$got" in $want) pass ;; *) fail "$name: got $got, want $want" ;; esac
  if grep -q "root:" "$T/body"; then fail "$name: the body shows a system file"; fi
}

# normal answers first
expect "home" 200 "$URL"
expect "search nuclear" 200 "${URL}search?q=nuclear"
ok "search lists sentences" 'grep -q "<li class=\"hit\">" "$T/body"'
expect "HEAD" 200 -I "$URL"

# very long URL, query, header
long=$(head -c 100000 /dev/zero | tr '\0' a)
expect "100 KB URL" "41?" "${URL}search?q=$long"
expect "1000-byte q" 400 "${URL}api/search?q=$(head -c 1000 /dev/zero | tr '\0' a)"
expect "100 KB header" "4??" -H "X-Big: $long" "$URL"
expect "too many arguments" 400 "${URL}api/docs?$(seq 1 40 | sed 's/.*/a&=1/' | paste -sd'&')"
# bad UTF-8 and FTS syntax in q
expect "q with bad UTF-8" 400 "${URL}api/search?q=%ff%fe"
expect "q with an overlong slash" 400 "${URL}api/search?q=%c0%af"
expect "q with a lone surrogate" 400 "${URL}api/search?q=%ed%a0%80"
# FTS5's own syntax is refused with a 400 that says what (the API's query language is dyad's:
# words, "phrases", word*, OR, -word)
for q in '%22unbalanced' 'NEAR(nuclear%20japan)' 'text:nuclear' '%5Enuclear' 'nuclear%20AND%20(' '(((' 'nuclear%20%7Bx%7D'; do
  expect "FTS syntax q=$q" 400 "${URL}api/search?q=$q"
  expect "FTS syntax q=$q (page)" 400 "${URL}search?q=$q"
done
ok "the 400 says what is FTS5 syntax" 'grep -q "FTS5 syntax" "$T/body"'
expect "an unbalanced quote" 400 "${URL}api/search?q=%22nuclear"
ok "the 400 says the quote is open" 'grep -q "left open" "$T/body"'
for q in 'nuclear%20OR' '-nuclear' '*' 'AND%20OR%20NOT' '%22%22' '%00nuclear' "nuclear'%3B%20DROP%20TABLE%20documents%3B--" '%22nuclear%20(power)%22' 'U.S.:%20Japan'; do
  expect "FTS syntax q=$q" "[24]0[0]" "${URL}api/search?q=$q"
  expect "FTS syntax q=$q (page)" "[24]0[0]" "${URL}search?q=$q"
done
expect "q=* is nothing to search for" 400 "${URL}api/search?q=*"
expect "q=-nuclear alone is nothing to search for" 400 "${URL}api/search?q=-nuclear"
expect "q missing in the API" 400 "${URL}api/search"
# traversal, plain and encoded
for p in 'api/docs/../../etc/passwd' 'api/docs/%2e%2e%2f%2e%2e%2fetc%2fpasswd' '%2e%2e/%2e%2e/etc/passwd' \
         'static/../../../etc/passwd' 'static/%2e%2e/%2e%2e/etc/passwd' 'static/..%2f..%2fetc%2fpasswd' \
         '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd' '..%c0%af..%c0%afetc%c0%afpasswd' 'docs/1/..' 'static//etc/passwd' \
         'static/%5c..%5c..%5cetc%5cpasswd' 'docs/%00' 'api/docs/1%00.json'; do
  expect "traversal /$p" "4??" "$URL$p"
done
expect "/etc/passwd is no page" 404 "${URL}etc/passwd"
# unknown methods
for m in POST PUT DELETE PATCH OPTIONS TRACE FOO; do
  expect "method $m" 405 -X "$m" "$URL"
done
curl -s -o /dev/null -D "$T/h" -X POST "$URL" >/dev/null
ok "405 names the allowed methods" 'grep -qi "^Allow: GET, HEAD" "$T/h"'
expect "a GET with a body" 400 -X GET --data-binary "x=1" "$URL"
# bad paging and filters
for a in 'limit=abc' 'limit=-1' 'limit=0' 'limit=501' 'limit=99999999999999999999' 'offset=-5' 'offset=1000001' \
         'pair=%3Cscript%3E' 'pair=I' 'pair=IND,,JPN' 'from=0' 'to=10000' 'from=19x' 'type=NOPE' 'doc=abc'; do
  expect "api/events?$a" 400 "${URL}api/events?$a"
done
expect "search deeper than the cap" 400 "${URL}api/search?q=nuclear&offset=990&limit=20"
expect "a document that is not there" 404 "${URL}api/docs/999999"
expect "a document id that is no number" 404 "${URL}api/docs/1e3"
expect "an id past 64 bits" 404 "${URL}docs/99999999999999999999999"
ok "errors of the API are JSON" 'code "${URL}api/events?limit=abc" >/dev/null; grep -q "^{\"error\":\"limit: not a number\",\"status\":400}" "$T/body"'
ok "an escaped error page" 'code "${URL}timeline?pair=%3Cscript%3E" >/dev/null; ! grep -q "<script>" "$T/body"'
ok "headers: nosniff and a content security policy" 'curl -s -D - -o /dev/null "$URL" | grep -qi "^X-Content-Type-Options: nosniff" && curl -s -D - -o /dev/null "$URL" | grep -qi "^Content-Security-Policy: default-src .none."'
ok "still serving after the hostile requests" alive

# raw bytes curl will not send: bad UTF-8 in the path, garbage request lines, HTTP/0.9, a NUL (a
# request line that is no HTTP at all is closed without an answer by libmicrohttpd: accepted here)
cat > "$T/raw.py" <<'EOF'
import socket, sys
port = int(sys.argv[1])
cases = [
    ("raw bad UTF-8 in the path", b"GET /docs/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("raw overlong dots", b"GET /\xc0\xae\xc0\xae/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("garbage request line", b"GARBAGE\r\n\r\n"),
    ("no version", b"GET /\r\n\r\n"),
    ("absolute URI elsewhere", b"GET http://example.invalid/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("NUL in the request line", b"GET /a\x00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("no Host in HTTP/1.1", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
]
bad = 0
for name, req in cases:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(req)
    data = b""
    try:
        while True:
            d = s.recv(65536)
            if not d: break
            data += d
    except socket.timeout:
        pass
    s.close()
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    code = line.split(" ")[1] if line.startswith("HTTP/") and len(line.split(" ")) > 1 else "none"
    ok = code.startswith("4") or (code == "none" and name in ("garbage request line",))
    if not ok or b"root:" in data:
        print("FAIL %s: %r" % (name, line)); bad += 1
    else:
        print("ok %s: %s" % (name, code))
sys.exit(1 if bad else 0)
EOF
python3 "$T/raw.py" "$PORT" > "$T/raw.out" 2>&1; rc=$?
ok "raw requests all get a 4xx" '[ $rc = 0 ]'; [ $rc = 0 ] || cat "$T/raw.out"
ok "still serving after the raw requests" alive

# many slow clients: 150 connections that send a header line every second and never finish
cat > "$T/slow.py" <<'EOF'
import socket, sys, time, subprocess
port, n, url = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /search?q=nuclear HTTP/1.1\r\nHost: x\r\n")
    socks.append(s)
worst = 0.0
codes = []
for k in range(4):            # while they trickle, a normal client is served
    for s in socks:
        try: s.sendall(b"X-a: b\r\n")
        except OSError: pass
    t0 = time.time()
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", url],
                         capture_output=True, text=True).stdout
    worst = max(worst, time.time() - t0)
    codes.append(out)
    time.sleep(1)
alive = 0
for s in socks:               # they are still connected (held open, not served)
    try:
        s.setblocking(False)
        try:
            d = s.recv(1)
            alive += 0 if d == b"" else 1
        except BlockingIOError:
            alive += 1
    except OSError:
        pass
print("normal requests:", codes, "worst %.3f s;" % worst, "slow clients still open:", alive)
# then they go silent: after the server's timeout (3 s) they are dropped
time.sleep(4.5)
dropped = 0
for s in socks:
    s.setblocking(True); s.settimeout(2)
    try:
        d = s.recv(65536)
        dropped += 1 if d == b"" or d.startswith(b"HTTP/1.1 4") or d.startswith(b"HTTP/1.1 5") else 0
    except (socket.timeout, OSError):
        dropped += 1 if False else 0
    s.close()
print("dropped after going silent:", dropped, "of", n)
sys.exit(0 if all(c == "200" for c in codes) and worst < 3 and dropped == n else 1)
EOF
python3 "$T/slow.py" "$PORT" 150 "${URL}api/search?q=nuclear" > "$T/slow.out" 2>&1; rc=$?
cat "$T/slow.out"
ok "150 slow clients: normal requests still served fast, the silent ones dropped after the timeout" '[ $rc = 0 ]'
ok "still serving after the slow clients" alive

ok "the store file is byte-identical: no request wrote" '[ "$(sha256sum "$DB" | cut -c1-64)" = "$before" ] && [ ! -e "$DB-journal" ]'
ok "no sanitizer report from the server" '! grep -q "Sanitizer\|runtime error" "$T/serve.log"'

# a `dyad ingest` writes the store while requests run: every answer is a 200 with complete JSON
mkdir -p "$T/more"
i=0
for f in examples/corpus/*.txt examples/corpus/*.md; do
  i=$((i + 1)); sed "s/India/India ($i)/" "$f" > "$T/more/copy$i.${f##*.}"
done
( "$DYAD" ingest "$T/more" --db "$DB" >/dev/null 2>&1; echo done > "$T/ingest.done" ) &
IPID=$!
n=0; badn=0
while [ ! -e "$T/ingest.done" ] || [ $n -lt 20 ]; do
  for p in "api/timeline?limit=50" "api/search?q=India" "api/docs" "timeline"; do
    c=$(code "$URL$p"); n=$((n + 1))
    if [ "$c" != 200 ]; then badn=$((badn + 1)); echo "during ingest: /$p gave $c"; fi
    case "$p" in api/*) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/body" 2>/dev/null || { badn=$((badn + 1)); echo "during ingest: /$p gave broken JSON"; } ;; esac
  done
  [ $n -gt 2000 ] && break
done
wait $IPID
ok "during an ingest: $n requests, all 200 with whole JSON" '[ $badn = 0 ]'
code "${URL}api/docs" >/dev/null
ok "after the ingest the new documents are seen" 'grep -q "copy1" "$T/body"'

kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; SPID=
ok "stops on SIGTERM" 'grep -q "serve: stopped" "$T/serve.log"'
"$DYAD" serve --db "$T/nowhere.db" --port 0 2>"$T/err"; rc=$?
ok "a missing store: exit 2 with a message" '[ $rc = 2 ] && grep -q "no such store" "$T/err"'
"$DYAD" serve --db "$DB" --bind 10.999.0.1 2>"$T/err"; rc=$?
ok "a bad --bind: exit 2" '[ $rc = 2 ] && grep -q "not an IPv4 or IPv6 address" "$T/err"'

# the load smoke: no error under wrk
cd "$ROOT" || exit 1
if command -v wrk >/dev/null; then
  sh tests/bench_serve.sh "$B" 2 > "$T/wrk.out" 2>&1; rc=$?
  cat "$T/wrk.out" | grep -v "passed, .* failed"
  ok "wrk: no errors on /api/search, /api/timeline and the static file" '[ $rc = 0 ]'
else
  fail "wrk missing (scripts/install-deps.sh installs it)"
fi
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
