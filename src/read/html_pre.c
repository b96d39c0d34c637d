/* read/html_pre.c — charset sniffing and the pre-pass that feeds libxml2's HTML parser.
 *
 * Why a pre-pass: on real pages most bytes are scripts, styles, inline SVG and attributes no
 * extractor reads; libxml2 decodes them character by character. One byte scan here removes them
 * (about 60% of a typical page) so the parser sees only markup and text. The scan is a small HTML
 * tokenizer (data, tag, attribute value, comment and raw-text states of the HTML standard); it
 * never backtracks, so it is linear in the input. It also
 *  - repairs invalid UTF-8 and characters XML cannot hold (U+FFFD, controls become spaces), so the
 *    parser never stops on an encoding error;
 *  - keeps newlines of what it removes, so parser line numbers still point into the source;
 *  - bounds element nesting at HTML_MAX_DEPTH (see html_priv.h for why).
 */
#include <string.h>
#include <strings.h>

#include "read/html_priv.h"

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c; }

/* ---- charset sniffing on raw bytes ---- */

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t k = strlen(needle);
    unsigned char f = (unsigned char)needle[0];
    for (const char *p = s; p + k <= end; p++) {
        if (lower((unsigned char)*p) == f && !strncasecmp(p, needle, k))
            return p;
    }
    return NULL;
}

/* Copies the label after "charset" / "encoding" (optional spaces, '=', optional quote). */
static int take_label(const char *p, const char *end, char *out, size_t outsz)
{
    while (p < end && is_ws((unsigned char)*p))
        p++;
    if (p >= end || *p != '=')
        return 0;
    p++;
    while (p < end && (is_ws((unsigned char)*p) || *p == '"' || *p == '\''))
        p++;
    size_t n = 0;
    while (p < end && n + 1 < outsz && (is_alpha((unsigned char)*p) || (*p >= '0' && *p <= '9') || *p == '-' ||
                                        *p == '_' || *p == '.' || *p == ':'))
        out[n++] = *p++;
    out[n] = 0;
    return n > 0;
}

int dyad__html_sniff_charset(const char *bytes, size_t len, char *out, size_t outsz)
{
    const char *end = bytes + (len < HTML_SNIFF_BYTES ? len : HTML_SNIFF_BYTES);
    const char *p = bytes;
    while (p < end && is_ws((unsigned char)*p))
        p++;
    if (end - p > 5 && !strncmp(p, "<?xml", 5)) {
        const char *close = memchr(p, '>', (size_t)(end - p));
        const char *e = find_ci(p, close ? close : end, "encoding");
        if (e && take_label(e + 8, close ? close : end, out, outsz))
            return 1;
    }
    while ((p = find_ci(p, end, "<meta")) != NULL) {
        const char *close = memchr(p, '>', (size_t)(end - p));
        const char *tag_end = close ? close : end;
        const char *c = p + 5;
        while ((c = find_ci(c, tag_end, "charset")) != NULL) {
            if (take_label(c + 7, tag_end, out, outsz))
                return 1;
            c += 7;
        }
        p = tag_end;
    }
    return 0;
}

/* ---- the pre-pass ---- */

typedef struct pp {
    html_pre *pre;
    dyad__buf *b;
    const char *s, *end;
    uint32_t stack[HTML_MAX_DEPTH]; /* hashes of open element names */
    int depth;
    uint32_t h[12]; /* hashes of the names the nesting rules compare (init_hashes) */
    /* Skipped elements found without an end tag: no "</name" exists after `from`, so later
     * searches for it fail at once (many unclosed <button> stay linear). */
    struct { uint32_t name; const char *from; } noclose[32];
    int nnoclose;
} pp;

/* Appends s[0..n) as valid XML characters: invalid UTF-8 and U+FFFE/FFFF become U+FFFD, control
 * characters other than tab and newlines a space. Returns the number of newlines copied. */
static size_t put_clean_ws(dyad__buf *b, const char *s, size_t n, int collapse)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0, nl = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c > 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (collapse && (c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
            /* a run of white space: one space, or its newlines (line numbers stay right) */
            size_t j = i, k = 0;
            while (j < n && (u[j] == ' ' || u[j] == '\n' || u[j] == '\t' || u[j] == '\r'))
                k += u[j++] == '\n';
            if (j - i > 1 || c != ' ') {
                dyad__buf_add(b, s + start, i - start);
                if (!k)
                    dyad__buf_addc(b, ' ');
                for (size_t m = 0; m < k; m++)
                    dyad__buf_addc(b, '\n');
                start = j;
            }
            nl += k;
            i = j;
            continue;
        }
        if (c == ' ') {
            i++;
            continue;
        }
        if (c == '\n') {
            nl++;
            i++;
            continue;
        }
        if (c == '\t' || c == '\r') {
            i++;
            continue;
        }
        if (c < 0x80) { /* other C0 control */
            dyad__buf_add(b, s + start, i - start);
            dyad__buf_addc(b, ' ');
            start = ++i;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        if (k && cp != 0xFFFE && cp != 0xFFFF) {
            i += k;
            continue;
        }
        dyad__buf_add(b, s + start, i - start);
        dyad__buf_add(b, "\xEF\xBF\xBD", 3);
        i += k ? k : 1;
        start = i;
    }
    dyad__buf_add(b, s + start, n - start);
    return nl;
}

static size_t put_clean(dyad__buf *b, const char *s, size_t n) { return put_clean_ws(b, s, n, 0); }

static void put_newlines(dyad__buf *b, const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        dyad__buf_addc(b, '\n');
        p++;
    }
}

static uint32_t name_hash(const char *name, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    return h;
}

static int name_is(const char *name, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n == k && !memcmp(name, lit, n);
}


/* What the pre-pass needs to know of a tag name: looked up by length, then by the bytes. */
enum {
    K_VOID = 1,   /* no content, no end tag */
    K_SKIP = 2,   /* content dropped whole: raw text in the HTML standard (script, style...), or what no
                     reader of an article wants (media fallback text, form controls, buttons, SVG) */
    K_PCLOSE = 4, /* a start tag that closes an open <p> (as libxml2 and browsers do) */
    K_STRUCT = 8, /* html, head, body: the parser places them itself */
    K_TITLE = 16, /* title: RCDATA */
    K_META = 32,  /* meta, time, html, a, link: elements with attributes of their own to keep */
    K_RAW = 64,   /* raw text in the HTML standard: "/>" does not close it, and without an end tag it
                     runs to the end of the page, as in browsers */
};

typedef struct name_kind {
    const char *name;
    uint8_t kind;
} name_kind;

static const name_kind tags1[] = {{"p", K_PCLOSE}, {"a", K_META}, {NULL, 0}};
static const name_kind tags2[] = {{"br", K_VOID}, {"hr", K_VOID | K_PCLOSE}, {"ul", K_PCLOSE}, {"ol", K_PCLOSE},
                                  {"dl", K_PCLOSE}, {"li", K_PCLOSE}, {"h1", K_PCLOSE}, {"h2", K_PCLOSE},
                                  {"h3", K_PCLOSE}, {"h4", K_PCLOSE}, {"h5", K_PCLOSE}, {"h6", K_PCLOSE},
                                  {NULL, 0}};
static const name_kind tags3[] = {{"div", K_PCLOSE}, {"img", K_VOID}, {"pre", K_PCLOSE}, {"nav", K_PCLOSE},
                                  {"svg", K_SKIP}, {"col", K_VOID}, {"wbr", K_VOID}, {"xmp", K_SKIP | K_RAW},
                                  {NULL, 0}};
static const name_kind tags4[] = {{"link", K_VOID | K_META}, {"meta", K_VOID | K_META}, {"form", K_PCLOSE}, {"main", K_PCLOSE},
                                  {"menu", K_PCLOSE}, {"time", K_META}, {"area", K_VOID}, {"base", K_VOID}, {"math", K_SKIP},
                                  {"html", K_STRUCT | K_META}, {"head", K_STRUCT}, {"body", K_STRUCT}, {NULL, 0}};
static const name_kind tags5[] = {{"input", K_VOID}, {"embed", K_VOID}, {"param", K_VOID}, {"track", K_VOID},
                                  {"frame", K_VOID}, {"style", K_SKIP | K_RAW}, {"audio", K_SKIP}, {"video", K_SKIP},
                                  {"table", K_PCLOSE}, {"aside", K_PCLOSE}, {"title", K_TITLE}, {NULL, 0}};
static const name_kind tags6[] = {{"script", K_SKIP | K_RAW}, {"iframe", K_SKIP | K_RAW}, {"select", K_SKIP}, {"button", K_SKIP},
                                  {"object", K_SKIP}, {"canvas", K_SKIP}, {"source", K_VOID}, {"keygen", K_VOID},
                                  {"header", K_PCLOSE}, {"footer", K_PCLOSE}, {"figure", K_PCLOSE},
                                  {"center", K_PCLOSE}, {NULL, 0}};
static const name_kind tags7[] = {{"section", K_PCLOSE}, {"article", K_PCLOSE}, {"address", K_PCLOSE},
                                  {"details", K_PCLOSE}, {"isindex", K_VOID}, {"noembed", K_SKIP | K_RAW}, {NULL, 0}};
static const name_kind tags8[] = {{"noscript", K_SKIP | K_RAW}, {"template", K_SKIP}, {"textarea", K_SKIP | K_RAW},
                                  {"noframes", K_SKIP | K_RAW}, {"fieldset", K_PCLOSE}, {"basefont", K_VOID}, {NULL, 0}};
static const name_kind tags9[] = {{"plaintext", K_SKIP | K_RAW}, {NULL, 0}};
static const name_kind tags10[] = {{"blockquote", K_PCLOSE}, {NULL, 0}};
static const name_kind *const tags_by_len[] = {NULL, tags1, tags2, tags3, tags4, tags5, tags6, tags7, tags8,
                                               tags9, tags10};

/* Attributes the extractor reads, and on which elements; every other attribute is removed. */
enum { A_ANY = 1, A_META = 2, A_TIME = 4, A_HTML = 8, A_REL = 16, A_LINK = 32 };
static const name_kind attrs2[] = {{"id", A_ANY}, {NULL, 0}};
static const name_kind attrs3[] = {{"rel", A_REL}, {NULL, 0}};
static const name_kind attrs4[] = {{"role", A_ANY}, {"name", A_META}, {"lang", A_HTML}, {"href", A_LINK}, {NULL, 0}};
static const name_kind attrs5[] = {{"class", A_ANY}, {NULL, 0}};
static const name_kind attrs6[] = {{"hidden", A_ANY}, {NULL, 0}};
static const name_kind attrs7[] = {{"content", A_META}, {"pubdate", A_TIME}, {NULL, 0}};
static const name_kind attrs8[] = {{"itemprop", A_ANY}, {"property", A_META}, {"datetime", A_TIME}, {NULL, 0}};
static const name_kind attrs11[] = {{"aria-hidden", A_ANY}, {NULL, 0}};
static const name_kind *const attrs_by_len[] = {NULL, NULL, attrs2, attrs3, attrs4, attrs5, attrs6, attrs7,
                                                attrs8, NULL, NULL, attrs11};

static unsigned kind_of(const name_kind *const *table, size_t tsize, const char *name, size_t n)
{
    if (n >= tsize || !table[n])
        return 0;
    for (const name_kind *k = table[n]; k->name; k++)
        if (k->name[0] == name[0] && !memcmp(k->name, name, n))
            return k->kind;
    return 0;
}

#define TAG_KIND(name, n) kind_of(tags_by_len, sizeof tags_by_len / sizeof tags_by_len[0], name, n)
#define ATTR_KIND(name, n) kind_of(attrs_by_len, sizeof attrs_by_len / sizeof attrs_by_len[0], name, n)

#define H_P (P->h[0])
#define H_LI (P->h[1])
#define H_UL (P->h[2])
#define H_OL (P->h[3])
#define H_TD (P->h[4])
#define H_TH (P->h[5])
#define H_TR (P->h[6])
#define H_TABLE (P->h[7])
#define H_DT (P->h[8])
#define H_DD (P->h[9])
#define H_DL (P->h[10])
#define H_OPTION (P->h[11])

static void init_hashes(pp *P)
{
    H_P = name_hash("p", 1);
    H_LI = name_hash("li", 2);
    H_UL = name_hash("ul", 2);
    H_OL = name_hash("ol", 2);
    H_TD = name_hash("td", 2);
    H_TH = name_hash("th", 2);
    H_TR = name_hash("tr", 2);
    H_TABLE = name_hash("table", 5);
    H_DT = name_hash("dt", 2);
    H_DD = name_hash("dd", 2);
    H_DL = name_hash("dl", 2);
    H_OPTION = name_hash("option", 6);
}

/* Pops the nearest open a or b (searching at most 8 entries, never past a stop element). */
static void close_nearest(pp *P, uint32_t a, uint32_t b, uint32_t stop1, uint32_t stop2)
{
    for (int i = P->depth - 1; i >= 0 && i >= P->depth - 8; i--) {
        uint32_t h = P->stack[i];
        if (h == stop1 || h == stop2)
            return;
        if (h == a || h == b) {
            P->depth = i;
            return;
        }
    }
}

/* Skips to the end of a raw-text element: "</name" followed by space, '/' or '>'. Returns the
 * position after its '>' (or the end of input). */
static const char *skip_raw(const char *p, const char *end, const char *name, size_t n, const char **close)
{
    *close = end;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            return end;
        if (lt + 2 + n <= end && lt[1] == '/' && !strncasecmp(lt + 2, name, n) &&
            (lt + 2 + n == end || is_ws((unsigned char)lt[2 + n]) || lt[2 + n] == '>' || lt[2 + n] == '/')) {
            const char *gt = memchr(lt + 2 + n, '>', (size_t)(end - lt - 2 - n));
            *close = lt;
            return gt ? gt + 1 : end;
        }
        p = lt + 1;
    }
    return end;
}

static int style_hides(const char *v, size_t n)
{
    char t[96];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof t; i++)
        if (!is_ws((unsigned char)v[i]))
            t[k++] = (char)lower((unsigned char)v[i]);
    t[k] = 0; /* long styles: only the start is looked at, where display:none usually sits */
    return strstr(t, "display:none") || strstr(t, "visibility:hidden");
}

/* Reads a tag name at p (lower-cased into name, at most 32 bytes: over-long names are truncated,
 * no real tag is that long); returns the position after it and sets *n. */
static const char *tag_name(const char *p, const char *end, char name[32], size_t *n)
{
    size_t k = 0;
    while (p < end && !is_ws((unsigned char)*p) && *p != '/' && *p != '>') {
        if (k < 32)
            name[k] = (char)lower((unsigned char)*p);
        k++;
        p++;
    }
    *n = k > 32 ? 32 : k;
    return p;
}

/* Parses a start tag at P->s (just after '<', at its first letter) and emits it. */
static void start_tag(pp *P)
{
    dyad__buf *b = P->b;
    const char *p = P->s, *end = P->end, *tag_start = p - 1;
    char name[32];
    size_t n;
    p = tag_name(p, end, name, &n);
    /* Attributes: collect what we keep into b after the decision to emit. */
    size_t mark = b->len;
    int emit = 1, self_close = 0, is_ldjson = 0;
    unsigned kind = TAG_KIND(name, n);
    int is_html_struct = (kind & K_STRUCT) != 0;
    dyad__buf_addc(b, '<');
    dyad__buf_add(b, name, n);
    size_t newlines_kept = 0;
    while (p < end) {
        while (p < end && (is_ws((unsigned char)*p) || *p == '/')) {
            if (*p == '/' && p + 1 < end && p[1] == '>')
                self_close = 1;
            p++;
        }
        if (p >= end || *p == '>')
            break;
        const char *an = p;
        while (p < end && !is_ws((unsigned char)*p) && *p != '/' && *p != '>' && (*p != '=' || p == an))
            p++;
        size_t anl = (size_t)(p - an);
        while (p < end && is_ws((unsigned char)*p))
            p++;
        const char *v = NULL;
        size_t vl = 0;
        char q = 0;
        if (p < end && *p == '=') {
            p++;
            while (p < end && is_ws((unsigned char)*p))
                p++;
            if (p < end && (*p == '"' || *p == '\'')) {
                q = *p++;
                v = p;
                const char *e = memchr(p, q, (size_t)(end - p));
                p = e ? e : end;
                vl = (size_t)(p - v);
                if (p < end)
                    p++;
            } else {
                v = p;
                while (p < end && !is_ws((unsigned char)*p) && *p != '>')
                    p++;
                vl = (size_t)(p - v);
            }
        }
        char al[16];
        if (anl == 0 || anl >= sizeof al)
            continue;
        for (size_t i = 0; i < anl; i++)
            al[i] = (char)lower((unsigned char)an[i]);
        if (name_is(al, anl, "style")) {
            if (v && style_hides(v, vl))
                dyad__buf_adds(b, " hidden");
            continue;
        }
        if (name_is(al, anl, "type") && v && n == 6 && name_is(name, n, "script")) {
            for (size_t i = 0; i + 7 <= vl; i++)
                if (!strncasecmp(v + i, "ld+json", 7))
                    is_ldjson = 1;
            continue;
        }
        unsigned ak = ATTR_KIND(al, anl), keep = ak & A_ANY;
        if (!keep && ak && (kind & K_META)) {
            if (ak & A_META)
                keep = name_is(name, n, "meta");
            else if (ak & A_TIME)
                keep = name_is(name, n, "time");
            else if (ak & A_HTML)
                keep = name_is(name, n, "html");
            else if (ak & A_REL)
                keep = name_is(name, n, "a") || name_is(name, n, "link");
            else if (ak & A_LINK) {
                keep = name_is(name, n, "link");
                /* an anchor's target matters only when it is a script (html.c reads it as text) */
                if (!keep && name_is(name, n, "a") && v && vl >= 11 && !strncasecmp(v, "javascript:", 11)) {
                    keep = 1;
                    vl = 11;
                }
            }
        }
        if (!keep)
            continue;
        dyad__buf_addc(b, ' ');
        dyad__buf_add(b, al, anl);
        if (v) {
            dyad__buf_add(b, "=\"", 2);
            if (q == '"' || q == '\'') {
                size_t at = b->len;
                newlines_kept += put_clean(b, v, vl);
                if (q == '\'') /* re-quoted with '"': escape any '"' inside */
                    for (size_t i = at; i < b->len && !b->err; i++)
                        if (b->data[i] == '"')
                            b->data[i] = '\'';
            } else {
                for (size_t i = 0; i < vl; i++)
                    if (v[i] == '"' || v[i] == '<')
                        vl = i; /* malformed unquoted value: cut at the first quote */
                put_clean(b, v, vl);
            }
            dyad__buf_addc(b, '"');
        }
    }
    const char *tag_end = p < end ? p + 1 : end;
    P->s = tag_end;
    /* Newlines inside the original tag, minus those kept in values, keep line numbers right. */
    size_t nl_total = 0;
    for (const char *c = tag_start; c < tag_end; c++)
        nl_total += *c == '\n';
    for (size_t i = newlines_kept; i < nl_total; i++)
        dyad__buf_addc(b, '\n');

    if ((kind & K_RAW) || ((kind & K_SKIP) && !self_close)) {
        b->len = mark; /* drop the tag and its content */
        if (!b->err)
            b->data[b->len] = 0;
        const char *content = P->s, *ce = end, *after = end;
        uint32_t nh = name_hash(name, n);
        int known = 0;
        for (int i = 0; i < P->nnoclose; i++)
            if (P->noclose[i].name == nh && P->noclose[i].from <= content)
                known = 1;
        if (!known)
            after = skip_raw(content, end, name, n, &ce);
        if (ce == end && !known && P->nnoclose < 32) {
            P->noclose[P->nnoclose].name = nh;
            P->noclose[P->nnoclose].from = content;
            P->nnoclose++;
        }
        if (!(kind & K_RAW) && ce == end)
            after = content; /* <button> never closed: drop the tag only, keep what follows */
        if (is_ldjson && P->pre->njsonld < HTML_MAX_JSONLD) {
            size_t cl = (size_t)(ce - content);
            if (cl > HTML_MAX_JSONLD_BYTES)
                cl = HTML_MAX_JSONLD_BYTES;
            P->pre->jsonld[P->pre->njsonld].p = content;
            P->pre->jsonld[P->pre->njsonld].n = cl;
            P->pre->njsonld++;
        }
        for (size_t i = newlines_kept; i < nl_total; i++)
            dyad__buf_addc(b, '\n');
        put_newlines(b, content, (size_t)(after - content));
        P->s = after;
        return;
    }
    if ((kind & K_TITLE) && !self_close) {
        /* RCDATA: the text runs to </title> whatever it holds. */
        dyad__buf_addc(b, '>');
        const char *content = P->s, *ce;
        const char *after = skip_raw(content, end, "title", 5, &ce);
        for (const char *c = content; c < ce;) {
            const char *lt = memchr(c, '<', (size_t)(ce - c));
            const char *e = lt ? lt : ce;
            put_clean(b, c, (size_t)(e - c));
            if (lt)
                dyad__buf_add(b, "&lt;", 4);
            c = lt ? lt + 1 : ce;
        }
        dyad__buf_add(b, "</title>", 8);
        P->s = after;
        return;
    }
    if (is_html_struct || (kind & K_VOID) || self_close) {
        dyad__buf_add(b, self_close ? "/>" : ">", self_close ? 2 : 1);
        return;
    }
    /* Nesting: mimic the parser's implied end tags for the common cases, then bound the depth. */
    uint32_t h = name_hash(name, n);
    if (P->depth && P->stack[P->depth - 1] == H_P && (kind & K_PCLOSE))
        P->depth--;
    if (h == H_LI)
        close_nearest(P, H_LI, H_LI, H_UL, H_OL);
    else if (h == H_TD || h == H_TH)
        close_nearest(P, H_TD, H_TH, H_TR, H_TABLE);
    else if (h == H_TR) {
        close_nearest(P, H_TD, H_TH, H_TR, H_TABLE);
        close_nearest(P, H_TR, H_TR, H_TABLE, H_TABLE);
    } else if (h == H_DT || h == H_DD)
        close_nearest(P, H_DT, H_DD, H_DL, H_DL);
    else if (h == H_OPTION)
        close_nearest(P, H_OPTION, H_OPTION, 0, 0);
    if (P->depth >= HTML_MAX_DEPTH)
        emit = 0;
    if (!emit) {
        b->len = mark;
        if (!b->err)
            b->data[b->len] = 0;
        for (size_t i = newlines_kept; i < nl_total; i++)
            dyad__buf_addc(b, '\n');
        return;
    }
    P->stack[P->depth++] = h;
    dyad__buf_addc(b, '>');
}

static void end_tag(pp *P)
{
    dyad__buf *b = P->b;
    const char *p = P->s, *end = P->end, *start = p - 2;
    char name[32];
    size_t n;
    p = tag_name(p, end, name, &n);
    const char *gt = p < end ? memchr(p, '>', (size_t)(end - p)) : NULL;
    P->s = gt ? gt + 1 : end;
    unsigned kind = TAG_KIND(name, n);
    int structural = (kind & K_STRUCT) != 0;
    int found = structural;
    if (!structural && !(kind & K_VOID)) {
        uint32_t h = name_hash(name, n);
        for (int i = P->depth - 1; i >= 0; i--)
            if (P->stack[i] == h) {
                P->depth = i;
                found = 1;
                break;
            }
    }
    if (found && !structural) {
        dyad__buf_add(b, "</", 2);
        dyad__buf_add(b, name, n);
        dyad__buf_addc(b, '>');
    }
    put_newlines(b, start, (size_t)(P->s - start));
}

void dyad__html_prepass(html_pre *pre, const char *in, size_t len)
{
    pp P;
    memset(&P, 0, sizeof P);
    P.pre = pre;
    P.b = &pre->out;
    P.s = in;
    P.end = in + len;
    init_hashes(&P);
    dyad__buf_reserve(P.b, len / 2 + 64);
    while (P.s < P.end && !P.b->err) {
        const char *lt = memchr(P.s, '<', (size_t)(P.end - P.s));
        const char *stop = lt ? lt : P.end;
        put_clean_ws(P.b, P.s, (size_t)(stop - P.s), 1);
        if (!lt) {
            P.s = P.end;
            break;
        }
        const char *q = lt + 1;
        size_t left = (size_t)(P.end - q);
        if (left && is_alpha((unsigned char)*q)) {
            P.s = q;
            start_tag(&P);
        } else if (left >= 2 && q[0] == '/' && is_alpha((unsigned char)q[1])) {
            P.s = q + 1;
            end_tag(&P);
        } else if (left >= 3 && q[0] == '!' && q[1] == '-' && q[2] == '-') {
            const char *c = q + 3, *e = NULL;
            if (c < P.end && *c == '>')
                e = c + 1; /* "<!-->" */
            else if (c + 1 < P.end && c[0] == '-' && c[1] == '>')
                e = c + 2; /* "<!--->" */
            else {
                const char *m = memmem(c, (size_t)(P.end - c), "-->", 3);
                e = m ? m + 3 : P.end;
            }
            put_newlines(P.b, lt, (size_t)(e - lt));
            P.s = e;
        } else if (left && (q[0] == '!' || q[0] == '?' || q[0] == '/')) {
            /* doctype, processing instruction, bogus comment, "</>": dropped */
            const char *gt = memchr(q, '>', left);
            const char *e = gt ? gt + 1 : P.end;
            put_newlines(P.b, lt, (size_t)(e - lt));
            P.s = e;
        } else {
            dyad__buf_add(P.b, "&lt;", 4);
            P.s = q;
        }
    }
}
