#!/bin/sh
# Hostile inputs through the command line: each must give one clear line naming the file and the
# reason (or a clean result), the right exit status, no crash, no hang. Run on build/ and, by
# `make asan`, on the sanitizer build, where any memory error aborts the command.
B=${1:-build}
DYAD="$B/dyad"
T=$(mktemp -d); trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
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
  if [ -n "$pat" ]; then
    if ! grep -q -- "$pat" "$T/err"; then fail "$name: message does not match '$pat':"; sed 's/^/    /' "$T/err" | head -5; return; fi
    if [ "$(grep -c "$pat" "$T/err")" -gt 1 ]; then fail "$name: more than one line for one failure"; return; fi
  fi
  pass
}

printf 'Japan and India signed a treaty in 1952. The two countries agreed to cooperate.\n' > "$T/good.txt"
: > "$T/empty.txt"
printf '   \n\n\t\n' > "$T/blank.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$T/image.txt"
head -c 4096 /dev/urandom > "$T/random.bin"
printf 'Valid start \342\200\224 then \303\050 broken \360\050\214\050 bytes.\n' > "$T/bad-utf8.txt"
printf 'Caf\351 cr\350me, na\357ve: Latin-1 text about Japan and India.\n' > "$T/latin1.txt"
printf '\223Quoted\224 \226 Windows-1252 text about Japan\222s policy.\n' > "$T/cp1252.txt"

expect "good file" 0 "" "$DYAD" text "$T/good.txt"
grep -q 'signed a treaty in 1952' "$T/out" && pass || fail "good file: text missing"
expect "empty file" 1 "empty.txt: file is empty" "$DYAD" text "$T/empty.txt"
expect "blank file" 1 "blank.txt: file is empty" "$DYAD" text "$T/blank.txt"
expect "binary (PNG) file" 1 "image.txt: binary file" "$DYAD" text "$T/image.txt"
expect "random bytes" 1 "random.bin:" "$DYAD" text "$T/random.bin"
expect "invalid UTF-8" 1 "bad-utf8.txt: invalid UTF-8 at byte" "$DYAD" text "$T/bad-utf8.txt"
expect "Latin-1 text" 0 "" "$DYAD" text "$T/latin1.txt"
grep -q 'Café crème' "$T/out" && pass || fail "Latin-1 not converted: $(cat "$T/out")"
expect "Windows-1252 text" 0 "" "$DYAD" text "$T/cp1252.txt"
grep -q '“Quoted” – Windows-1252 text about Japan’s' "$T/out" && pass || fail "Windows-1252 not converted: $(cat "$T/out")"
expect "missing file" 1 "no-such.txt: cannot open" "$DYAD" text "$T/no-such.txt"
expect "a folder given to text" 1 "is a folder" "$DYAD" text "$T"

# A stray NUL or control byte in ordinary text or HTML is no reason to refuse it: the bytes go, the
# text stays. Control bytes everywhere (binary data, UTF-16 without a BOM) are still refused.
printf '<html><body><article><p>El gobierno de Espa\303\261a anunci\303\263 hoy un acuerdo con la India para cooperar en energ\303\255a solar, seg\303\272n fuentes oficiales del minis\000terio.</p>\000<p>La reuni\303\263n tuvo lugar en Madrid y dur\303\263 dos horas; ambos pa\303\255ses firmaron tres memorandos.</p></article></body></html>\n' > "$T/nul.html"
expect "HTML with stray NUL bytes" 0 "" "$DYAD" text "$T/nul.html"
grep -q 'fuentes oficiales del ministerio\.' "$T/out" && grep -q 'ambos países firmaron' "$T/out" && pass || fail "NUL in HTML: $(cat "$T/out")"
printf 'India and\001 Japan signed\002 a treaty\000 in 1952.\033 The two countries\010 agreed to cooperate.\n' > "$T/ctl.txt"
expect "text with scattered control bytes" 0 "" "$DYAD" text "$T/ctl.txt"
grep -q '^India and Japan signed a treaty in 1952. The two countries agreed to cooperate.$' "$T/out" && pass || fail "control bytes in text: $(cat "$T/out")"
printf '# Notes\n\nJapan and India\000 agreed on a rail loan in 2015, officials said.\n' > "$T/nul.md"
expect "Markdown with a NUL byte" 0 "" "$DYAD" text "$T/nul.md"
grep -q 'Japan and India agreed on a rail loan' "$T/out" && pass || fail "NUL in Markdown: $(cat "$T/out")"
python3 -c "
import sys
sys.stdout.buffer.write(('Japan and India signed a treaty in 1952. ' * 50).encode('utf-16-le'))" > "$T/utf16.txt"
expect "UTF-16 without a BOM" 1 "utf16.txt: binary file (NUL bytes)" "$DYAD" text "$T/utf16.txt"
python3 -c "
import sys
sys.stdout.buffer.write(bytes((i * 7) % 32 if i % 3 else 65 for i in range(3000)))" > "$T/controls.txt"
expect "text made of control bytes" 1 "controls.txt: binary file (control characters)" "$DYAD" text "$T/controls.txt"

# Pages with no article (a login form, a picture gallery, a page of links, a site map) say so, with
# one line; pages in right-to-left scripts or mixing scripts give their text.
for f in tests/bad/noarticle-*.html; do
  expect "no article: $(basename "$f")" 1 "$(basename "$f"): no text left after cleaning" "$DYAD" text "$f"
  [ -s "$T/out" ] && fail "$(basename "$f"): printed $(head -c 80 "$T/out")" || pass
done
expect "Arabic and Hebrew page" 0 "" "$DYAD" text tests/bad/rtl-ar-he.html
grep -q 'وقعت الهند واليابان يوم الاثنين' "$T/out" && grep -q 'ומשרד החוץ בירושלים' "$T/out" && pass || fail "RTL page: $(cat "$T/out")"
grep -q 'الرئيسية' "$T/out" && fail "RTL page: menu kept" || pass
expect "page mixing six scripts" 0 "" "$DYAD" text tests/bad/mixed-scripts.html
[ "$(grep -c . "$T/out")" = 6 ] && pass || fail "mixed scripts: $(cat "$T/out")"
printf '\331\210\331\202\330\271\330\252 \330\247\331\204\331\207\331\206\330\257 \331\210\330\247\331\204\331\212\330\247\330\250\330\247\331\206 \330\247\330\252\331\201\330\247\331\202\331\212\330\251 \330\254\330\257\331\212\330\257\330\251.\n\nIndia and Japan signed it \342\200\217in Tokyo\342\200\216 on Monday.\n' > "$T/rtl.txt"
expect "right-to-left text with direction marks" 0 "" "$DYAD" text "$T/rtl.txt"
grep -q 'وقعت الهند واليابان' "$T/out" && grep -q 'India and Japan signed it .*on Monday.' "$T/out" && pass || fail "RTL text: $(cat "$T/out")"

# A bad file among good ones: the good ones still come out, the status says something failed.
expect "mixed list" 1 "empty.txt: file is empty" "$DYAD" text "$T/good.txt" "$T/empty.txt" "$T/good.txt"
[ "$(grep -c 'signed a treaty' "$T/out")" = 2 ] && pass || fail "mixed list: good files not all printed"

# One 50 MB line (words, no line break) and 50 MB of one character: bounded time, no crash.
python3 -c "
import sys
w = 'India and Japan agreed to deepen cooperation in 2010 and met again '.encode()
sys.stdout.buffer.write(w * (50_000_000 // len(w)))" > "$T/oneline.txt"
expect "one 50 MB line" 0 "" "$DYAD" text --null "$T/oneline.txt"
head -c 50000000 /dev/zero | tr '\0' 'a' > "$T/aaaa.txt"
expect "50 MB of one letter" 0 "" "$DYAD" text --null "$T/aaaa.txt"

# HTML nested 100,000 deep, and 100,000 unclosed tags.
python3 -c "
import sys
sys.stdout.write('<html><body>' + '<div>' * 100000 + '<p>Deep text about India and Japan relations in 2010.</p>' + '</div>' * 100000 + '</body></html>')" > "$T/deep.html"
expect "HTML nested 100,000 deep" "" "" sh -c "'$DYAD' text '$T/deep.html'; r=\$?; [ \$r -le 1 ] && exit 0 || exit \$r"
python3 -c "
import sys
sys.stdout.write('<html><body>' + '<b><i>' * 100000 + 'x')" > "$T/unclosed.html"
expect "HTML 200,000 unclosed tags" "" "" sh -c "'$DYAD' text '$T/unclosed.html'; r=\$?; [ \$r -le 1 ] && exit 0 || exit \$r"

# An input (found by fuzzing) on which libxml2 switches encodings and would print its own
# "encoding error" lines: the library must stay silent; only dyad's one line may appear.
timeout 60 "$DYAD" text tests/bad/libxml2-encoding-error.html >/dev/null 2>"$T/err"
if grep -q 'encoding error\|I/O error' "$T/err"; then fail "libxml2 printed to stderr: $(head -1 "$T/err")"; else pass; fi

# A truncated PDF, and a PDF that is only a header.
if [ -f examples/corpus/briefing-note.pdf ]; then
  head -c 300 examples/corpus/briefing-note.pdf > "$T/truncated.pdf"
  expect "truncated PDF" 1 "truncated.pdf:" "$DYAD" text "$T/truncated.pdf"
fi
printf '%%PDF-1.4\n' > "$T/header-only.pdf"
expect "PDF with only a header" 1 "header-only.pdf:" "$DYAD" text "$T/header-only.pdf"

# Files larger than the limit are refused before they are read (sparse file: no disk used).
truncate -s 3G "$T/huge.txt" 2>/dev/null && {
  expect "3 GB file" 1 "huge.txt: file is" "$DYAD" text "$T/huge.txt"
}
# A FIFO is not a regular file: refused at once instead of blocking.
mkfifo "$T/fifo" 2>/dev/null && expect "FIFO" 1 "fifo: not a regular file" "$DYAD" text "$T/fifo"

echo "$P passed, $F failed"
[ "$F" -eq 0 ]
