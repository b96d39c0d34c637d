/* read/html_meta.c — metadata helpers of the HTML reader: JSON-LD fields and date normalisation. */
#include <string.h>
#include <strings.h>

#include "read/html_priv.h"

/* ---- JSON-LD ---- */

/* Containers deeper than this are still matched (brackets counted) but their keys are not kept. */
#define LD_MAX_DEPTH 32
/* Longest string value decoded (a headline or a name); longer values are cut. */
#define LD_MAX_VALUE 1024

typedef struct ld_frame {
    char obj;          /* 1 object, 0 array */
    char key[24];      /* key under which this container sits (inherited through arrays) */
    char cur[24];      /* objects: the last key read */
} ld_frame;

static int ld_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int hexv(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads a JSON string starting after its opening quote; decodes up to cap-1 bytes into out.
 * Returns the position after the closing quote (or end). */
static const char *ld_string(const char *p, const char *end, char *out, size_t cap, size_t *outlen)
{
    size_t o = 0;
    while (p < end && *p != '"') {
        char c = *p++;
        if (c == '\\' && p < end) {
            char e = *p++;
            int32_t cp = -1;
            switch (e) {
            case 'n': case 'r': case 't': case 'b': case 'f': c = ' '; break;
            case 'u':
                if (end - p >= 4) {
                    int a = hexv(p[0]), b = hexv(p[1]), d = hexv(p[2]), f = hexv(p[3]);
                    if (a >= 0 && b >= 0 && d >= 0 && f >= 0)
                        cp = (a << 12) | (b << 8) | (d << 4) | f;
                    p += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                        int a2 = hexv(p[2]), b2 = hexv(p[3]), d2 = hexv(p[4]), f2 = hexv(p[5]);
                        int32_t lo = (a2 << 12) | (b2 << 8) | (d2 << 4) | f2;
                        if (a2 >= 0 && b2 >= 0 && d2 >= 0 && f2 >= 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            p += 6;
                        }
                    }
                    if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF))
                        cp = ' ';
                }
                break;
            default: c = e; break;
            }
            if (cp >= 0) {
                char tmp[4];
                size_t k = dyad__utf8_encode(cp, tmp);
                if (o + k < cap) {
                    memcpy(out + o, tmp, k);
                    o += k;
                }
                continue;
            }
        }
        if (o + 1 < cap)
            out[o++] = c;
    }
    out[o] = 0;
    *outlen = o;
    return p < end ? p + 1 : end;
}

static void keycpy(char dst[24], const char *src)
{
    size_t n = strlen(src);
    if (n > 23)
        n = 23;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void ld_set(dyad_doc *doc, const char **slot, const char *v, size_t n)
{
    if (*slot || !n)
        return;
    size_t len;
    char *c = dyad__collapse(&doc->arena, v, n, &len);
    if (c && len)
        *slot = c;
}

static void ld_value(dyad_doc *doc, html_ld *ld, const char *key, const char *parent, const char *v, size_t n)
{
    if (!strcmp(key, "headline"))
        ld_set(doc, &ld->headline, v, n);
    else if (!strcmp(key, "datePublished") || !strcmp(key, "dateCreated"))
        ld_set(doc, &ld->date, v, n);
    else if (!strcmp(key, "dateModified"))
        ld_set(doc, &ld->modified, v, n);
    else if (!strcmp(key, "author") || (!strcmp(key, "name") && !strcmp(parent, "author")))
        ld_set(doc, &ld->author, v, n);
    else if (!strcmp(key, "publisher") || (!strcmp(key, "name") && !strcmp(parent, "publisher")))
        ld_set(doc, &ld->publisher, v, n);
    else if (!strcmp(key, "description") && (!parent[0] || !strcmp(parent, "@graph")))
        ld_set(doc, &ld->description, v, n);
}

void dyad__html_jsonld(dyad_doc *doc, const char *s, size_t n, html_ld *ld)
{
    ld_frame st[LD_MAX_DEPTH];
    int depth = 0, expect_key = 0;
    size_t over = 0; /* containers open beyond LD_MAX_DEPTH */
    char val[LD_MAX_VALUE];
    const char *p = s, *end = s + n;
    while (p < end) {
        char c = *p;
        if (ld_ws(c) || c == ':') {
            if (c == ':')
                expect_key = 0;
            p++;
            continue;
        }
        if (c == '{' || c == '[') {
            p++;
            if (over || depth == LD_MAX_DEPTH) {
                over++;
                continue;
            }
            ld_frame *f = &st[depth];
            f->obj = c == '{';
            f->cur[0] = 0;
            if (depth == 0)
                f->key[0] = 0;
            else if (st[depth - 1].obj)
                keycpy(f->key, st[depth - 1].cur);
            else
                keycpy(f->key, st[depth - 1].key);
            depth++;
            expect_key = f->obj;
            continue;
        }
        if (c == '}' || c == ']') {
            p++;
            if (over)
                over--;
            else if (depth)
                depth--;
            expect_key = 0;
            continue;
        }
        if (c == ',') {
            p++;
            expect_key = depth && !over && st[depth - 1].obj;
            continue;
        }
        if (c == '"') {
            size_t vl;
            p = ld_string(p + 1, end, val, sizeof val, &vl);
            if (over || !depth)
                continue;
            ld_frame *f = &st[depth - 1];
            if (f->obj && expect_key) {
                keycpy(f->cur, val);
                expect_key = 0;
            } else if (f->obj) {
                ld_value(doc, ld, f->cur, f->key, val, vl);
            } else {
                const char *parent = depth >= 2 ? st[depth - 2].key : "";
                ld_value(doc, ld, f->key, parent, val, vl);
            }
            continue;
        }
        p++; /* numbers, true, false, null, junk */
    }
}

/* ---- dates ---- */

static int digits(const char *s, size_t n, size_t k, int *v)
{
    if (n < k)
        return 0;
    int x = 0;
    for (size_t i = 0; i < k; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

static int month_word(const dyad_ctx *ctx, const char *w, size_t n)
{
    size_t len;
    const char *data = dyad__data(ctx, "date-words.txt", &len);
    if (!data || n < 3)
        return 0;
    dyad__lineiter it;
    const char *e;
    size_t el;
    dyad__lines_init(&it, data, len);
    while (dyad__lines_next(&it, &e, &el)) {
        if (!dyad__lines_section_is(&it, "month"))
            continue;
        const char *sp = memchr(e, ' ', el);
        if (!sp)
            continue;
        size_t wl = (size_t)(sp - e);
        if (wl == n && !strncasecmp(e, w, n)) {
            int m = 0;
            for (const char *q = sp + 1; q < e + el && *q >= '0' && *q <= '9'; q++)
                m = m * 10 + (*q - '0');
            return m >= 1 && m <= 12 ? m : 0;
        }
    }
    /* "Sept", "Sept." and other forms: compare the first three letters with the full names. */
    if (n > 3) {
        dyad__lines_init(&it, data, len);
        while (dyad__lines_next(&it, &e, &el)) {
            if (!dyad__lines_section_is(&it, "month"))
                continue;
            const char *sp = memchr(e, ' ', el);
            if (sp && (size_t)(sp - e) > n && !strncasecmp(e, w, n)) {
                int m = 0;
                for (const char *q = sp + 1; q < e + el && *q >= '0' && *q <= '9'; q++)
                    m = m * 10 + (*q - '0');
                return m >= 1 && m <= 12 ? m : 0;
            }
        }
    }
    return 0;
}

static size_t put_date(char *out, int y, int m, int d)
{
    if (y < 1000 || y > 2999 || m < 0 || m > 12 || d < 0 || d > 31 || (d && !m))
        return 0;
    static const char dig[] = "0123456789";
    size_t o = 0;
    out[o++] = dig[y / 1000];
    out[o++] = dig[y / 100 % 10];
    out[o++] = dig[y / 10 % 10];
    out[o++] = dig[y % 10];
    if (m) {
        out[o++] = '-';
        out[o++] = dig[m / 10];
        out[o++] = dig[m % 10];
    }
    if (d) {
        out[o++] = '-';
        out[o++] = dig[d / 10];
        out[o++] = dig[d % 10];
    }
    out[o] = 0;
    return o;
}

size_t dyad__html_date(const dyad_ctx *ctx, const char *s, size_t n, char *out)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    int y, m = 0, d = 0;
    if (digits(s, n, 4, &y)) {
        if (n >= 8 && digits(s, n, 8, &y)) { /* 20190305 */
            d = y % 100;
            m = y / 100 % 100;
            y /= 10000;
            return put_date(out, y, m, d);
        }
        if (n > 4 && (s[4] == '-' || s[4] == '/' || s[4] == '.')) {
            if (digits(s + 5, n - 5, 2, &m)) {
                if (n > 7 && s[7] == s[4] && digits(s + 8, n - 8, 2, &d))
                    ;
                else
                    d = 0;
            } else if (digits(s + 5, n - 5, 1, &m)) {
                d = 0;
            }
        }
        if (n == 4 || (n > 4 && !(s[4] >= '0' && s[4] <= '9')))
            return put_date(out, y, m, d);
        return 0;
    }
    /* Words: "Tue, 19 Nov 2019 10:00:00 GMT", "November 19, 2019", "19 November 2019". */
    int day = 0, mon = 0, year = 0, tokens = 0;
    size_t i = 0;
    while (i < n && tokens < 8) {
        while (i < n && !((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
            i++;
        size_t st = i;
        if (i < n && s[i] >= '0' && s[i] <= '9') {
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
            size_t k = i - st;
            int v = 0;
            for (size_t j = st; j < i; j++)
                v = v * 10 + (s[j] - '0');
            if (i < n && s[i] == ':')
                break; /* a time of day: the date is over */
            if (k == 4 && !year)
                year = v;
            else if (k <= 2 && !day && v >= 1 && v <= 31)
                day = v;
            /* ordinal suffixes (19th) are skipped as words below */
        } else if (i < n) {
            while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
                i++;
            if (!mon)
                mon = month_word(ctx, s + st, i - st);
        }
        tokens++;
    }
    if (year && mon)
        return put_date(out, year, mon, day);
    return 0;
}
