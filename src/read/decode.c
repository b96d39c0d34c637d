/* read/decode.c — character encodings (to UTF-8 with iconv), binary sniffing, format detection. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/reader.h"

/* Windows-1252 bytes 0x80-0x9F that are not assigned (Latin-1 gives C1 controls there). */
static int cp1252_undefined(unsigned char c) { return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D; }

static int iconv_convert(dyad_doc *doc, const char *from, const char *bytes, size_t len, const char **out,
                         size_t *outlen, size_t *bad_at)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return DYAD_ARG;
    /* UTF-8 output is at most 4 bytes per input byte for the encodings we meet (3 for BMP text
     * from 1-2 byte encodings); 4x + 16 is always enough, so one call converts everything. */
    if (len > (SIZE_MAX - 16) / 4) {
        iconv_close(cd);
        return DYAD_TOOBIG;
    }
    size_t cap = len * 4 + 16;
    char *dst = dyad__arena_alloc(&doc->arena, cap + 1);
    if (!dst) {
        iconv_close(cd);
        return DYAD_NOMEM;
    }
    char *in = (char *)bytes, *o = dst;
    size_t inleft = len, oleft = cap;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    int e = errno;
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &o, &oleft); /* flush shift state */
    iconv_close(cd);
    if (r == (size_t)-1 || inleft) {
        *bad_at = (size_t)(in - bytes);
        return e == E2BIG ? DYAD_NOMEM : DYAD_ENCODING;
    }
    *o = 0;
    *out = dst;
    *outlen = (size_t)(o - dst);
    return DYAD_OK;
}

/* Canonical iconv name for a declared label, or NULL when unknown. Labels follow the WHATWG
 * Encoding Standard's common aliases: latin1/ascii labels decode as windows-1252, as browsers do. */
static const char *canonical_charset(const char *label, char *tmp, size_t tmpsz)
{
    size_t n = 0;
    while (*label && (isspace((unsigned char)*label) || *label == '"' || *label == '\''))
        label++;
    while (label[n] && n + 1 < tmpsz && !isspace((unsigned char)label[n]) && label[n] != '"' &&
           label[n] != '\'' && label[n] != ';') {
        tmp[n] = (char)tolower((unsigned char)label[n]);
        n++;
    }
    tmp[n] = 0;
    if (!n)
        return NULL;
    static const struct { const char *label, *name; } map[] = {
        {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
        {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
        {"l1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
        {"windows-1252", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"}, {"x-cp1252", "WINDOWS-1252"},
        {"shift_jis", "SHIFT_JIS"}, {"shift-jis", "SHIFT_JIS"}, {"sjis", "SHIFT_JIS"}, {"x-sjis", "SHIFT_JIS"},
        {"windows-31j", "CP932"}, {"cp932", "CP932"}, {"ms_kanji", "CP932"},
        {"euc-jp", "EUC-JP"}, {"x-euc-jp", "EUC-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
        {"gb2312", "GBK"}, {"gbk", "GBK"}, {"gb18030", "GB18030"}, {"big5", "BIG5"},
        {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
        {"koi8-r", "KOI8-R"}, {"windows-1251", "WINDOWS-1251"}, {"cp1251", "WINDOWS-1251"},
        {"utf-16", "UTF-16"}, {"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(tmp, map[i].label))
            return map[i].name;
    for (char *p = tmp; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return tmp; /* let iconv try the label as given (ISO-8859-2, WINDOWS-1250, ...) */
}

int dyad__decode(dyad_doc *doc, const char *bytes, size_t len, const char *charset, const char **out,
                 size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)bytes;
    size_t bad = 0;
    int err;
    /* A byte order mark overrides any declaration. */
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        bytes += 3;
        len -= 3;
        charset = "UTF-8";
    } else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        const char *enc = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        err = iconv_convert(doc, enc, bytes + 2, len - 2, out, outlen, &bad);
        if (err)
            return dyad__fail(doc->ctx, DYAD_ENCODING, "%s: invalid %s at byte %zu", doc->path, enc, bad + 2);
        doc->encoding = enc;
        return DYAD_OK;
    }
    size_t first_bad = dyad__utf8_check(bytes, len);
    char tmp[64];
    const char *enc = charset ? canonical_charset(charset, tmp, sizeof tmp) : NULL;
    if (enc && !strcmp(enc, "UTF-8") && first_bad < len)
        enc = NULL; /* declared UTF-8 but is not: detect instead, as browsers effectively do */
    if (first_bad == len && (!enc || !strcmp(enc, "UTF-8") || !strcmp(enc, "WINDOWS-1252"))) {
        /* Valid UTF-8 (pure ASCII included) is taken as UTF-8 whatever a Latin-1 label says. */
        *out = bytes;
        *outlen = len;
        doc->encoding = "UTF-8";
        return DYAD_OK;
    }
    if (enc) {
        err = iconv_convert(doc, enc, bytes, len, out, outlen, &bad);
        if (!err) {
            doc->encoding = dyad__arena_strdup(&doc->arena, enc);
            return DYAD_OK;
        }
        if (err == DYAD_NOMEM)
            return dyad__fail(doc->ctx, err, "%s: out of memory", doc->path);
        if (err == DYAD_ENCODING)
            return dyad__fail(doc->ctx, err, "%s: invalid %s at byte %zu", doc->path, enc, bad);
        /* unknown label: fall through to detection */
    }
    /* Not UTF-8. Valid multi-byte UTF-8 sequences before the bad byte mean a UTF-8 file with
     * damage: that is an error, not Latin-1. */
    size_t multibyte = 0;
    for (size_t i = 0; i < first_bad; i++)
        if (u[i] >= 0xC0)
            multibyte++;
    if (multibyte)
        return dyad__fail(doc->ctx, DYAD_ENCODING, "%s: invalid UTF-8 at byte %zu", doc->path, first_bad);
    int c1 = 0;
    for (size_t i = 0; i < len; i++) {
        if (u[i] >= 0x80 && u[i] <= 0x9F) {
            if (cp1252_undefined(u[i]))
                return dyad__fail(doc->ctx, DYAD_ENCODING,
                                  "%s: invalid UTF-8 at byte %zu, and not Windows-1252 or Latin-1 text",
                                  doc->path, first_bad);
            c1 = 1;
        }
    }
    enc = c1 ? "WINDOWS-1252" : "ISO-8859-1";
    err = iconv_convert(doc, enc, bytes, len, out, outlen, &bad);
    if (err)
        return dyad__fail(doc->ctx, err, "%s: cannot convert from %s at byte %zu", doc->path, enc, bad);
    doc->encoding = enc;
    return DYAD_OK;
}

/* Control bytes (NUL included) allowed in the first 64 KB of a text: this share, plus a few. */
#define BINARY_CONTROL_PCT 5
#define BINARY_CONTROL_SLACK 8

int dyad__looks_binary(const char *bytes, size_t len, const char **what)
{
    const unsigned char *u = (const unsigned char *)bytes;
    static const struct { const char *magic; size_t n; const char *what; } sigs[] = {
        {"\x89PNG", 4, "PNG image"}, {"\xFF\xD8\xFF", 3, "JPEG image"}, {"GIF8", 4, "GIF image"},
        {"PK\x03\x04", 4, "ZIP archive or office document"}, {"\x1F\x8B", 2, "gzip data"},
        {"\x7F" "ELF", 4, "executable"}, {"BZh", 3, "bzip2 data"}, {"\xFD" "7zXZ", 5, "xz data"},
        {"7z\xBC\xAF", 4, "7-zip archive"}, {"SQLite format 3", 15, "SQLite database"},
        {"\xD0\xCF\x11\xE0", 4, "old office document"}, {"RIFF", 4, "RIFF media"}, {"OggS", 4, "Ogg media"},
        {"ID3", 3, "MP3 audio"}, {"\x00\x00\x01\x00", 4, "icon"}, {"wOFF", 4, "web font"},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (len >= sigs[i].n && !memcmp(bytes, sigs[i].magic, sigs[i].n)) {
            *what = sigs[i].what;
            return 1;
        }
    /* UTF-16 with a BOM legitimately holds NUL bytes. */
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return 0;
    /* A stray NUL or control byte in otherwise ordinary text (a server bug, a bad copy) is not
     * binary: a browser shows such a page, and the readers drop those bytes. Binary data has them
     * everywhere: more than ~5% of the first 64 KB (UTF-16 without a BOM has NUL every other byte). */
    size_t n = len < 65536 ? len : 65536, ctl = 0, nul = 0;
    for (size_t i = 0; i < n; i++) {
        /* 8 bytes at a time while none is below 0x20 (the common case in text) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (u[i] == 0)
            nul++;
        else if (u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t' && u[i] != '\f' && u[i] != 0x1B)
            ctl++;
    }
    if ((nul + ctl) * 100 > n * BINARY_CONTROL_PCT + BINARY_CONTROL_SLACK * 100) {
        *what = nul >= ctl ? "NUL bytes" : "control characters";
        return 1;
    }
    return 0;
}

static int has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && name[n - e - 1] == '.' && !strcasecmp(name + n - e, ext);
}

/* Case-insensitive search for needle in the first n bytes of s. The needle's first byte must not
 * be a letter (callers search for "<tag" or "\n---"), so memchr finds the candidates. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    const char *p = s, *end = s + n;
    while (p + k <= end && (p = memchr(p, needle[0], (size_t)(end - p) - k + 1)) != NULL) {
        if (!strncasecmp(p + 1, needle + 1, k - 1))
            return p;
        p++;
    }
    return NULL;
}

/* Does s (n bytes, not NUL-terminated) start with lit, ignoring ASCII case? */
static int starts_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && !strncasecmp(s, lit, k);
}

dyad_format dyad__detect_format(const char *bytes, size_t len, const char *name)
{
    if (len >= 5 && !memcmp(bytes, "%PDF-", 5))
        return DYAD_FMT_PDF;
    size_t i = 0;
    if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && isspace((unsigned char)bytes[i]))
        i++;
    const char *s = bytes + i;
    size_t n = len - i, head = n < 4096 ? n : 4096;
    if (n && s[0] == '<') {
        if (starts_ci(s, n, "<!doctype html") || starts_ci(s, n, "<html") || starts_ci(s, n, "<head") ||
            starts_ci(s, n, "<body") || starts_ci(s, n, "<!--") || starts_ci(s, n, "<meta"))
            return DYAD_FMT_HTML;
        if (starts_ci(s, n, "<?xml") && find_ci(s, head, "<html"))
            return DYAD_FMT_HTML;
    }
    /* HTML fragments: several block tags early on. */
    int tags = 0;
    static const char *const tagnames[] = {"<p>", "<p ", "<div", "<br", "<a href", "<h1", "<h2", "<ul", "<li", "<span", "<table", "</"};
    for (size_t t = 0; t < sizeof tagnames / sizeof tagnames[0]; t++)
        if (find_ci(s, head, tagnames[t]))
            tags++;
    if (tags >= 4 || (tags >= 2 && (has_ext(name, "html") || has_ext(name, "htm"))))
        return DYAD_FMT_HTML;
    /* Markdown: front matter, ATX headings, wikilinks, fenced code, [text](url) links. */
    if ((n >= 4 && !memcmp(s, "---\n", 4)) || (n >= 5 && !memcmp(s, "---\r\n", 5))) {
        const char *end = find_ci(s + 3, n - 3 < 65536 ? n - 3 : 65536, "\n---");
        if (end)
            return DYAD_FMT_MARKDOWN;
    }
    if (has_ext(name, "md") || has_ext(name, "markdown") || has_ext(name, "mdown") || has_ext(name, "mkd"))
        return DYAD_FMT_MARKDOWN;
    if (has_ext(name, "html") || has_ext(name, "htm") || has_ext(name, "xhtml"))
        return DYAD_FMT_HTML;
    size_t scan = n < 65536 ? n : 65536;
    int headings = 0, wikilinks = 0, mdlinks = 0, fences = 0;
    for (size_t j = 0; j < scan; j++) {
        if (j == 0 || s[j - 1] == '\n') {
            size_t h = 0;
            while (j + h < scan && s[j + h] == '#' && h < 7)
                h++;
            if (h >= 1 && h <= 6 && j + h < scan && s[j + h] == ' ')
                headings++;
            if (j + 3 <= scan && !strncmp(s + j, "```", 3))
                fences++;
        }
        if (s[j] == '[' && j + 1 < scan && s[j + 1] == '[')
            wikilinks++;
        if (s[j] == ']' && j + 1 < scan && s[j + 1] == '(')
            mdlinks++;
    }
    if (headings >= 2 || (headings >= 1 && (wikilinks || mdlinks || fences)) || wikilinks >= 2 || fences >= 2 ||
        mdlinks >= 3)
        return DYAD_FMT_MARKDOWN;
    if (has_ext(name, "pdf"))
        return DYAD_FMT_PDF;
    return DYAD_FMT_TEXT;
}
