/* meta/meta.c — title, author, publisher and dates completed from the text (see dyad/meta.h).
 *
 * Where we look: the "top" of a document is every block before its first prose paragraph (plus a
 * few after it); the "bottom" is its last few blocks. Menus and phrase-list boilerplate are never
 * read, except that a copyright line may name the publisher. Cost: one pass over the blocks to
 * find the first prose block, one over the short blocks for a "last updated" line; every other scan
 * is bounded by the named limits below. Values are copied into the doc (it owns them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/internal.h"

/* Blocks of the top zone read after the first prose block (datelines under a lead paragraph). */
#define META_AFTER_PROSE 3
/* At most this many blocks are read at the top, and at the bottom. */
#define META_TOP_MAX 80
#define META_BOTTOM 8
/* A title has 2..META_TITLE_WORDS words; a dateline or byline is at most META_LINE_BYTES bytes. */
#define META_TITLE_WORDS 25
#define META_LINE_BYTES 160
/* Words allowed on a dateline besides the date ("New Delhi,", "Published on"). */
#define META_DATELINE_OTHER 6
/* Longest author name kept, in words. */
#define META_NAME_WORDS 8

/* What the date callback returns to stop the tagger: not an error code. */
#define META_STOP 0x4d455441

/* Longest phrase of data/clean-meta.txt kept, in bytes. */
#define META_PHRASE_MAX 512

/* The metadata stage's compiled data (DYAD__SLOT_META), owned by the context. */
typedef struct meta_phrase {
    const char *s; /* folded (dyad__fold), in meta_data.pool */
    size_t n;
} meta_phrase;

typedef struct meta_data {
    dyad__strset stop;        /* function words (data/stopwords-en.txt, clean-stopwords-other.txt) */
    meta_phrase *byline;      /* clean-meta.txt [byline] prefixes, each followed by a space unless it ends in ':' */
    size_t nbyline;
    meta_phrase *updated;     /* [updated] words */
    size_t nupdated;
    dyad__strset not_byline, not_name;
    char *pool;
    size_t pool_len, pool_cap;
} meta_data;

static void meta_data_free(void *p)
{
    meta_data *d = p;
    if (!d)
        return;
    dyad__strset_free(&d->stop);
    dyad__strset_free(&d->not_byline);
    dyad__strset_free(&d->not_name);
    free(d->byline);
    free(d->updated);
    free(d->pool);
    free(d);
}

static int add_phrase(meta_data *d, meta_phrase **arr, size_t *n, size_t *cap, const char *s, size_t len)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        meta_phrase *a = realloc(*arr, nc * sizeof *a);
        if (!a)
            return DYAD_NOMEM;
        *arr = a;
        *cap = nc;
    }
    char tmp[META_PHRASE_MAX];
    size_t k = dyad__fold(s, len, tmp, sizeof tmp);
    if (d->pool_len + k + 1 > d->pool_cap)
        return DYAD_NOMEM;
    memcpy(d->pool + d->pool_len, tmp, k + 1);
    (*arr)[*n].s = d->pool + d->pool_len; /* the pool is sized once and never moves */
    (*arr)[*n].n = k;
    d->pool_len += k + 1;
    (*n)++;
    return 0;
}

static void *meta_data_make(const dyad_ctx *ctx)
{
    meta_data *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    int bad = dyad__strset_load(ctx, &d->stop, "stopwords-en.txt") |
              dyad__strset_load(ctx, &d->stop, "clean-stopwords-other.txt");
    size_t len = 0, bcap = 0, ucap = 0;
    const char *txt = dyad__data(ctx, "clean-meta.txt", &len);
    d->pool_cap = (txt ? len : 0) + 16;
    d->pool = malloc(d->pool_cap);
    if (!d->pool)
        bad = 1;
    if (txt && !bad) {
        dyad__lineiter it;
        const char *e;
        size_t n;
        dyad__lines_init(&it, txt, len);
        while (dyad__lines_next(&it, &e, &n)) {
            if (n >= META_PHRASE_MAX)
                continue;
            if (dyad__lines_section_is(&it, "byline"))
                bad |= add_phrase(d, &d->byline, &d->nbyline, &bcap, e, n);
            else if (dyad__lines_section_is(&it, "updated"))
                bad |= add_phrase(d, &d->updated, &d->nupdated, &ucap, e, n);
            else if (dyad__lines_section_is(&it, "not-byline"))
                bad |= dyad__strset_add(&d->not_byline, e, n);
            else if (dyad__lines_section_is(&it, "not-name"))
                bad |= dyad__strset_add(&d->not_name, e, n);
        }
    }
    if (bad) {
        meta_data_free(d);
        return NULL;
    }
    return d;
}

typedef struct found_date {
    int ok;
    size_t start, end;
    char value[16];
} found_date;

static int ymd_like(const char *v)
{
    size_t n = strlen(v);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (v[i] != '-')
                return 0;
        } else if (v[i] < '0' || v[i] > '9')
            return 0;
    }
    return 1;
}

static int on_timex(void *ud, const dyad_timex *tx)
{
    found_date *f = ud;
    if (tx->type != DYAD_TIMEX_DATE || !tx->value || !ymd_like(tx->value))
        return 0;
    f->ok = 1;
    f->start = tx->start;
    f->end = tx->end;
    snprintf(f->value, sizeof f->value, "%s", tx->value);
    return META_STOP; /* the first one is enough */
}

/* The first calendar date (YYYY, YYYY-MM or YYYY-MM-DD) in s, or f->ok = 0. */
static int find_date(const dyad_ctx *ctx, const char *s, size_t n, found_date *f)
{
    memset(f, 0, sizeof *f);
    int r = dyad_dates(ctx, s, n, NULL, 0, on_timex, f);
    return r == DYAD_NOMEM ? DYAD_NOMEM : 0;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static int has_ci(const char *s, size_t n, const char *needle)
{
    char t[META_LINE_BYTES + 8];
    size_t k = dyad__fold(s, n, t, sizeof t);
    return memmem(t, k, needle, strlen(needle)) != NULL;
}

static int usable(const dyad_block *b)
{
    return b->drop != DYAD_DROP_NAV && b->drop != DYAD_DROP_BOILERPLATE && b->drop != DYAD_DROP_JOINED;
}

static int is_prose(const dyad_block *b)
{
    return b->len >= 120 && count_words(b->text, b->len) >= 15;
}

/* ---- names ---- */

/* Copies a name into the doc, Title-casing words written all in capitals ("DR ULUPI BORAH"). */
static void set_name(dyad_doc *doc, dyad_field *f, const char *s, size_t n, const char *source)
{
    char buf[256];
    if (n >= sizeof buf)
        return;
    memcpy(buf, s, n);
    buf[n] = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && buf[i] == ' ')
            i++;
        size_t a = i;
        int upper = 0, lower = 0;
        while (i < n && buf[i] != ' ') {
            unsigned char c = (unsigned char)buf[i];
            upper += c >= 'A' && c <= 'Z';
            lower += c >= 'a' && c <= 'z';
            i++;
        }
        if (upper >= 2 && !lower) {
            int first = 1;
            for (size_t k = a; k < i; k++) {
                unsigned char c = (unsigned char)buf[k];
                if (c >= 'A' && c <= 'Z') {
                    if (!first)
                        buf[k] = (char)(c + 32);
                    first = 0;
                } else if (c == '(' || c == '-' || c == '\'')
                    first = 1;
            }
        }
    }
    dyad__meta_set(doc, f, buf, n, source);
}

/* Does s look like a person's name: 2..META_NAME_WORDS capitalised words or initials, no digits,
 * no sentence words? */
static int name_like(const meta_data *cd, const char *s, size_t n)
{
    if (!n || n > 80)
        return 0;
    size_t words = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        size_t k = i - a;
        const unsigned char *w = (const unsigned char *)s + a;
        for (size_t j = 0; j < k; j++)
            if ((w[j] >= '0' && w[j] <= '9') || w[j] == ':' || w[j] == '|' || w[j] == '@' || w[j] == '/')
                return 0;
        char low[24];
        if (k < sizeof low) {
            for (size_t j = 0; j < k; j++)
                low[j] = (char)(w[j] >= 'A' && w[j] <= 'Z' ? w[j] + 32 : w[j]);
            if (dyad__strset_has(&cd->stop, low, k) && !(k == 3 && !memcmp(low, "and", 3)))
                return 0;
            size_t lk = k;
            while (lk && (low[lk - 1] == '.' || low[lk - 1] == ','))
                lk--;
            if (dyad__strset_has(&cd->not_name, low, lk))
                return 0; /* "Nanyang Technological University" is not a person */
        }
        unsigned char c = w[0] == '(' && k > 1 ? w[1] : w[0];
        if (!((c >= 'A' && c <= 'Z') || c >= 0xC3) && !(k == 3 && !memcmp(w, "and", 3)) &&
            !(k <= 3 && (c == 'd' || c == 'v'))) /* de, da, van, von */
            return 0;
        words++;
    }
    return words >= 2 && words <= META_NAME_WORDS;
}

/* Length of the name at the start of s: up to a comma, semicolon, bar, bracketed date or " - ". */
static size_t name_span(const char *s, size_t n)
{
    size_t i = 0;
    for (; i < n; i++) {
        if (s[i] == ',' || s[i] == ';' || s[i] == '|' || s[i] == '\xE2' || s[i] == '@')
            break;
        if (s[i] == ' ' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == ' ')
            break;
        if (s[i] == ' ' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
            break; /* "Carlos Nadalim 27/09/2018 ...": names have no digits */
        if (s[i] == ' ' && i + 3 < n && (s[i + 1] | 32) == 'o' && (s[i + 2] | 32) == 'n' && s[i + 3] == ' ')
            break; /* "By X on 5 May" */
    }
    while (i && (s[i - 1] == ' ' || s[i - 1] == '.'))
        i--;
    /* keep the full stop of a final initial: "C. Raja Mohan" has none at the end, "Smith J." does */
    if (i < n && s[i] == '.' && i >= 2 && s[i - 2] == ' ')
        i++;
    return i;
}

/* "By X", "BY X, ROLE", "Written by X", "Author: X" (data/clean-meta.txt [byline]). Returns the
 * offset of the name or -1. */
static long byline_at(const meta_data *cd, const char *s, size_t n)
{
    char t[64];
    size_t k = dyad__fold(s, n < 48 ? n : 48, t, sizeof t);
    for (size_t i = 0; i < cd->nbyline; i++) {
        const meta_phrase *p = &cd->byline[i];
        if (!p->n || k <= p->n || memcmp(t, p->s, p->n))
            continue;
        if (p->s[p->n - 1] == ':')
            return (long)(p->n + (t[p->n] == ' '));
        if (t[p->n] == ' ')
            return (long)p->n + 1;
    }
    return -1;
}

/* "A talk by Capt Anand Rao": one to three words, then "by", then the name; not when the word
 * before "by" says the name is an organiser or a publisher ([not-byline]). Returns the offset of
 * the name or -1. */
static long byline_inside(const meta_data *cd, const char *s, size_t n)
{
    char t[META_LINE_BYTES + 8];
    if (n > META_LINE_BYTES)
        return -1;
    size_t k = dyad__fold(s, n, t, sizeof t);
    if (k != n)
        return -1;
    size_t words = 0, prev = 0, prev_len = 0;
    for (size_t i = 0; i < k;) {
        while (i < k && t[i] == ' ')
            i++;
        size_t a = i;
        while (i < k && t[i] != ' ')
            i++;
        if (i == a)
            break;
        if (i - a == 2 && t[a] == 'b' && t[a + 1] == 'y' && words >= 1 && words <= 3 && i < k) {
            if (dyad__strset_has(&cd->not_byline, t + prev, prev_len))
                return -1;
            return (long)i + 1;
        }
        prev = a;
        prev_len = i - a;
        words++;
    }
    return -1;
}

/* Tidies an author the reader gave (meta tags, JSON-LD, front matter), with the rules used for
 * bylines in the text: drops a leading "By", keeps the names of "NAME, ROLE" or "A, B and C", and
 * cuts at a handle, a bar, a dash or a date ("NAME @handle Nov 18, 2019 at 9:24 pm"). A value in
 * which no part looks like a person's name ("Reuters", "News Desk") is kept, less its "By". */
static void normalise_author(dyad_doc *doc, const meta_data *cd)
{
    dyad_field *f = &doc->meta.author;
    if (!f->value)
        return;
    const char *v = f->value, *source = f->source;
    size_t n = strlen(v);
    long at = byline_at(cd, v, n);
    if (at > 0 && (size_t)at < n) {
        v += at;
        n -= (size_t)at;
    }
    char out[256];
    size_t o = 0, i = 0;
    while (i < n) {
        while (i < n && v[i] == ' ')
            i++;
        size_t k = name_span(v + i, n - i);
        if (k && name_like(cd, v + i, k) && o + k + 2 < sizeof out) {
            if (o) {
                memcpy(out + o, ", ", 2);
                o += 2;
            }
            memcpy(out + o, v + i, k);
            o += k;
        }
        size_t e = i + k;
        while (e < n && (v[e] == ' ' || v[e] == '.'))
            e++;
        if (e >= n || (v[e] != ',' && v[e] != ';'))
            break; /* a bar, dash, handle or "on DATE": the rest is not names */
        i = e + 1;
    }
    if (!o) {
        if (v == f->value)
            return;
        memcpy(out, v, n < sizeof out ? n : sizeof out - 1);
        o = n < sizeof out ? n : sizeof out - 1;
    }
    f->value = NULL;
    set_name(doc, f, out, o, source);
}

static int updated_line(const meta_data *cd, const char *s, size_t n)
{
    char t[META_LINE_BYTES + 8];
    size_t k = dyad__fold(s, n, t, sizeof t);
    for (size_t i = 0; i < cd->nupdated; i++)
        if (cd->updated[i].n && memmem(t, k, cd->updated[i].s, cd->updated[i].n))
            return 1;
    return 0;
}

/* Is s only a date ("[2015-12-12]", "12 December 2015", "Saturday, 12 December 2015", "2015")?
 * Nothing but punctuation and spaces around the date the tagger finds. Such a heading is a
 * dateline, never a title. *is gets the answer; returns DYAD_NOMEM or 0. */
static int date_only(const dyad_ctx *ctx, const char *s, size_t n, int *is)
{
    *is = 0;
    if (n > META_LINE_BYTES)
        return 0;
    found_date fd;
    if (find_date(ctx, s, n, &fd))
        return DYAD_NOMEM;
    if (!fd.ok)
        return 0;
    for (size_t i = 0; i < n;) {
        if (i == fd.start) {
            i = fd.end;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
            return 0;
        default:
            break;
        }
        i += k;
    }
    *is = 1;
    return 0;
}

/* ---- the pass ---- */

static int pick_title(dyad_doc *doc, const meta_data *cd, size_t top_start, size_t top_end, size_t skip,
                      size_t *title_block)
{
    dyad_meta *M = &doc->meta;
    *title_block = SIZE_MAX;
    if (M->title.value)
        return 0;
    size_t n = doc->nblocks;
    if (doc->format == DYAD_FMT_MARKDOWN || doc->format == DYAD_FMT_HTML) {
        for (size_t i = 0; i < n; i++) {
            const dyad_block *b = &doc->blocks[i];
            int dated = 0;
            if (b->drop || b->kind != DYAD_BLOCK_HEADING)
                continue;
            if (date_only(doc->ctx, b->text, b->len, &dated))
                return DYAD_NOMEM;
            if (dated)
                continue; /* "### [2015-12-12]": a dateline (pick_dates reads it) */
            dyad__meta_set(doc, &M->title, b->text, b->len, "first heading");
            *title_block = i;
            return 0;
        }
    }
    /* the kept title-like line with the most words before the article */
    size_t best = SIZE_MAX, best_words = 0;
    for (size_t i = top_start; i < top_end; i++) {
        const dyad_block *b = &doc->blocks[i];
        if (b->drop || b->len > 200 || is_prose(b) || i == skip)
            continue;
        size_t w = count_words(b->text, b->len);
        if (w < 2 || w > META_TITLE_WORDS || b->text[b->len - 1] == '.' ||
            byline_at(cd, b->text, b->len) >= 0)
            continue;
        found_date fd;
        if (find_date(doc->ctx, b->text, b->len, &fd))
            return DYAD_NOMEM;
        if (fd.ok && count_words(b->text, b->len) <= count_words(b->text + fd.start, fd.end - fd.start) + META_DATELINE_OTHER)
            continue; /* a dateline */
        if (w > best_words) {
            best = i;
            best_words = w;
        }
    }
    if (best == SIZE_MAX) {
        for (size_t i = 0; i < n && best == SIZE_MAX; i++) {
            int dated = 0;
            if (doc->blocks[i].drop || doc->blocks[i].kind != DYAD_BLOCK_HEADING)
                continue;
            if (date_only(doc->ctx, doc->blocks[i].text, doc->blocks[i].len, &dated))
                return DYAD_NOMEM;
            if (!dated)
                best = i;
        }
        if (best == SIZE_MAX)
            return 0;
    }
    const dyad_block *b = &doc->blocks[best];
    *title_block = best;
    const char *s = b->text;
    size_t len = b->len;
    /* "CO10070 | Japan and India: ..." or "Title | Site": keep the longest part */
    if (memchr(s, '|', len)) {
        const char *p = s, *e = s + len, *bs = s;
        size_t bw = 0, bl = len;
        while (p < e) {
            const char *q = memchr(p, '|', (size_t)(e - p));
            if (!q)
                q = e;
            size_t w = count_words(p, (size_t)(q - p));
            if (w > bw) {
                bw = w;
                bs = p;
                bl = (size_t)(q - p);
            }
            p = q + 1;
        }
        s = bs;
        len = bl;
    }
    dyad__meta_set(doc, &M->title, s, len, b->kind == DYAD_BLOCK_HEADING ? "first heading" : "first line");
    return 0;
}

/* A byline at the top, or at the bottom; returns the index of the block holding the name. */
static size_t pick_byline(dyad_doc *doc, const meta_data *cd, size_t top_start, size_t top_end)
{
    dyad_meta *M = &doc->meta;
    size_t n = doc->nblocks;
    for (int pass = 0; pass < 2; pass++) {
        size_t a = pass ? (n > META_BOTTOM ? n - META_BOTTOM : 0) : top_start, e = pass ? n : top_end;
        for (size_t i = a; i < e; i++) {
            const dyad_block *b = &doc->blocks[i];
            if (!usable(b) || b->len > META_LINE_BYTES)
                continue;
            long at = byline_at(cd, b->text, b->len);
            if (at < 0)
                at = byline_inside(cd, b->text, b->len);
            const char *s = NULL;
            size_t k = 0, at_block = i;
            if (at >= 0) {
                s = b->text + at;
                k = name_span(s, b->len - (size_t)at);
            } else if (b->len <= 3 && (b->text[0] | 32) == 'b' && (b->text[1] | 32) == 'y' && i + 1 < n) {
                const dyad_block *nb = &doc->blocks[i + 1]; /* "BY" on its own line, the name below */
                s = nb->text;
                k = name_span(s, nb->len);
                at_block = i + 1;
            }
            if (s && name_like(cd, s, k)) {
                if (!M->author.value)
                    set_name(doc, &M->author, s, k, "byline");
                return at_block;
            }
        }
    }
    return SIZE_MAX;
}

/* A name on the line under the title. */
static void pick_name_under_title(dyad_doc *doc, const meta_data *cd, size_t tb)
{
    dyad_meta *M = &doc->meta;
    size_t n = doc->nblocks;
    if (M->author.value)
        return;
    for (size_t j = tb + 1; tb != SIZE_MAX && j < n && j <= tb + 2; j++) {
        const dyad_block *c = &doc->blocks[j];
        if (!usable(c) || c->kind != DYAD_BLOCK_PARA)
            continue;
        size_t k = name_span(c->text, c->len);
        if (k == c->len && name_like(cd, c->text, k)) {
            set_name(doc, &M->author, c->text, k, "name under title");
            return;
        }
    }
}

/* Normalises a date the reader gave ("March 5, 2024", "2024-02-10T10:00:00Z") to ISO 8601. */
static int normalise_date(dyad_doc *doc, dyad_field *f)
{
    if (!f->value || ymd_like(f->value))
        return 0;
    const char *v = f->value;
    size_t n = strlen(v);
    if (n > 10 && ymd_like((char[11]){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], 0})) {
        dyad__meta_force(doc, f, v, 10, f->source);
        return 0;
    }
    found_date fd;
    if (find_date(doc->ctx, v, n, &fd))
        return DYAD_NOMEM;
    if (fd.ok)
        dyad__meta_force(doc, f, fd.value, strlen(fd.value), f->source);
    return 0;
}

/* Looks at block i for a dateline (or, with upd, a "last updated" line). Returns DYAD_NOMEM or 0. */
static int dateline(dyad_doc *doc, const meta_data *cd, size_t i, int want_upd)
{
    dyad_meta *M = &doc->meta;
    const dyad_block *b = &doc->blocks[i];
    if (!(usable(b) || (want_upd && b->drop == DYAD_DROP_BOILERPLATE)) || b->len > META_LINE_BYTES || is_prose(b))
        return 0;
    int upd = updated_line(cd, b->text, b->len);
    if (upd != want_upd || (upd ? M->updated.value != NULL : M->date.value != NULL))
        return 0;
    if (!upd && (has_ci(b->text, b->len, "copyright") || memmem(b->text, b->len, "\xC2\xA9", 2)))
        return 0;
    found_date fd;
    if (find_date(doc->ctx, b->text, b->len, &fd))
        return DYAD_NOMEM;
    if (!fd.ok || strlen(fd.value) < 7) /* a year alone is too weak for a dateline */
        return 0;
    size_t other = count_words(b->text, b->len) - count_words(b->text + fd.start, fd.end - fd.start);
    if (other > META_DATELINE_OTHER + (upd ? 2 : 0))
        return 0;
    if (upd)
        dyad__meta_set(doc, &M->updated, fd.value, strlen(fd.value), "last-updated line");
    else
        dyad__meta_set(doc, &M->date, fd.value, strlen(fd.value), "dateline");
    return 0;
}

static int pick_dates(dyad_doc *doc, const meta_data *cd, size_t top_start, size_t top_end)
{
    size_t n = doc->nblocks;
    int err = 0;
    /* the publication date: the top first, then the last few usable blocks */
    for (size_t i = top_start; i < top_end && !err && !doc->meta.date.value; i++)
        err = dateline(doc, cd, i, 0);
    size_t seen = 0, steps = 0;
    for (size_t i = n; i-- > top_end && !err && !doc->meta.date.value && seen < META_BOTTOM && steps < META_TOP_MAX; steps++) {
        if (!usable(&doc->blocks[i]))
            continue;
        seen++;
        err = dateline(doc, cd, i, 0);
    }
    /* "Last updated on 10/10/2014" anywhere (only short blocks are read) */
    for (size_t i = 0; i < n && !err && !doc->meta.updated.value; i++)
        err = dateline(doc, cd, i, 1);
    return err;
}

/* "Copyright © 2024 Name. All rights reserved." names the publisher. */
static void pick_publisher(dyad_doc *doc)
{
    dyad_meta *M = &doc->meta;
    if (M->publisher.value)
        return;
    size_t n = doc->nblocks;
    for (size_t i = n > META_BOTTOM * 4 ? n - META_BOTTOM * 4 : 0; i < n; i++) {
        const dyad_block *b = &doc->blocks[i];
        if (b->len > META_LINE_BYTES)
            continue;
        char t[META_LINE_BYTES + 8];
        size_t k = dyad__fold(b->text, b->len, t, sizeof t);
        const char *c = memmem(t, k, "copyright", 9);
        const char *sym = memmem(t, k, "\xC2\xA9", 2);
        if (!c && !sym)
            continue;
        size_t p = c ? (size_t)(c - t) + 9 : (size_t)(sym - t) + 2;
        if (sym && (size_t)(sym - t) + 2 > p)
            p = (size_t)(sym - t) + 2;
        /* skip spaces, "(c)", years and dashes */
        for (;;) {
            while (p < k && (t[p] == ' ' || t[p] == '-' || t[p] == ',' || (t[p] >= '0' && t[p] <= '9')))
                p++;
            if (p + 3 <= k && !memcmp(t + p, "(c)", 3))
                p += 3;
            else if (p + 2 <= k && !memcmp(t + p, "\xC2\xA9", 2))
                p += 2;
            else
                break;
        }
        size_t e = k;
        const char *arr = memmem(t + p, k - p, "all rights reserved", 19);
        if (arr)
            e = (size_t)(arr - t);
        const char *bar = memchr(t + p, '|', e - p);
        if (bar)
            e = (size_t)(bar - t);
        while (e > p && (t[e - 1] == ' ' || t[e - 1] == '.' || t[e - 1] == ','))
            e--;
        /* the fold only lower-cased ASCII and changed apostrophes: same offsets in the original
         * unless white space was collapsed, which the block text already is */
        if (e <= p || k != b->len)
            continue;
        const char *s = b->text + p;
        size_t len = e - p;
        size_t w = count_words(s, len);
        if (w >= 1 && w <= 12 && ((unsigned char)s[0] >= 'A' && (unsigned char)s[0] <= 'Z')) {
            dyad__meta_set(doc, &M->publisher, s, len, "copyright line");
            return;
        }
    }
}

int dyad_meta_complete(dyad_ctx *ctx, dyad_doc *doc)
{
    if (!doc->cleaned)
        return dyad__fail(ctx, DYAD_ARG, "%s: metadata asked for before cleaning", doc->path);
    const meta_data *cd = dyad__slot(ctx, DYAD__SLOT_META, meta_data_make, meta_data_free);
    if (!cd)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
    size_t n = doc->nblocks, first_prose = n;
    for (size_t i = 0; i < n; i++)
        if (!doc->blocks[i].drop && is_prose(&doc->blocks[i])) {
            first_prose = i;
            break;
        }
    /* the top: at most META_TOP_MAX blocks before the first prose, and a few after it */
    size_t top_start = first_prose > META_TOP_MAX ? first_prose - META_TOP_MAX : 0;
    size_t top_end = first_prose == n ? (n < META_TOP_MAX ? n : META_TOP_MAX) : first_prose + META_AFTER_PROSE;
    if (top_end > n)
        top_end = n;
    size_t title_end = first_prose == n ? top_end : first_prose;
    size_t tb;
    size_t by = pick_byline(doc, cd, top_start, top_end);
    int err = pick_title(doc, cd, top_start, title_end, by, &tb);
    if (!err)
        pick_name_under_title(doc, cd, tb);
    normalise_author(doc, cd);
    if (!err)
        err = normalise_date(doc, &doc->meta.date);
    if (!err)
        err = normalise_date(doc, &doc->meta.updated);
    if (!err)
        err = pick_dates(doc, cd, top_start, top_end);
    if (!err)
        pick_publisher(doc);
    if (err)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
    if (doc->stage < DYAD_STAGE_META)
        doc->stage = DYAD_STAGE_META;
    return DYAD_OK;
}
