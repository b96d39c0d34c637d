/* clean/clean.c — keep the article, drop the rest.
 *
 * Every block gets a few signals: words, stop-word share (prose is full of "the", "of", "and";
 * menus are not), capitalised-word share (menus are Title Case), sentence punctuation at the end,
 * words glued together by a lost line break ("FoundationsWelcome"), digits. They hold beyond
 * English: case comes from Unicode (a caseless script counts as lower case), sentence ends and
 * closing quotes of other scripts count, scripts without spaces between words are counted by
 * characters, a sentence with many short words (function words are short in most languages) is
 * prose, and the word lists have sections for other languages. Then, in order:
 *
 *  1. Phrase list (data/boilerplate.txt): short blocks that are cookie banners, subscription
 *     prompts, share buttons, credits... (every format).
 *  2. Contact lines: phone numbers, e-mail addresses in short blocks (text, PDF).
 *  3. Navigation runs: four or more consecutive short lines, mostly Title Case without sentence
 *     punctuation: site menus, breadcrumbs, link lists (text, PDF). For Markdown, runs of blocks
 *     that are mostly link text.
 *  3b. Teasers (text, PDF): three or more "related stories" in a row — a short headline, maybe a
 *     byline or a time, and a summary of a few dozen words — unless prose goes on after them.
 *  4. Running headers and footers: short blocks whose text, digits ignored, recurs on three or more
 *     places a page apart, or on two or more pages next to page breaks (text, PDF); a page break is
 *     a form feed, or a guess: a long paragraph stopping in mid-sentence before a short line. Page
 *     numbers ("- 7 -", "Page 7 of 12") go. The first header is kept when it comes before the
 *     article (it is then usually the title), unless a title page above says the same thing.
 *  5. Repeats: a block whose text (case folded) equals an earlier kept block's (the article
 *     printed twice) — text, PDF and Markdown (there only blocks of some length, see below).
 *  6. Joins (text, PDF): a paragraph cut by a page break, a dropped running header or an
 *     end-of-line hyphen is joined with its continuation (one starting in lower case; or, across a
 *     page break, one starting with a capital after a line stopped on a comma or "of", "the").
 *  Markdown: a line of links above the note's text is navigation; link-only paragraphs in runs go;
 *     list items of links stay (the note's own); separators left at a block's edges are trimmed.
 *  7. The article region (text, PDF): the run of blocks with the largest sum of scores, where a
 *     prose block scores its word count less a base and a dropped or short non-prose block scores a
 *     penalty (maximum-sum subarray, one pass). Blocks outside it are dropped, except a few short
 *     ones right before it (title, byline, dateline, an outline's headings and items). The readers'
 *     comments ("12 comments", "Leave a reply", "name says:", "Name on 3 May 2024 at 5 pm said:")
 *     end the region.
 *
 * HTML: the reader has already marked what lies outside the article; only 1 applies, then two
 * checks on the whole: when the reader's choice holds no prose, the best run of prose it left out
 * comes back (html_fallback); when nothing kept is prose or text of its own, the page has no
 * article (html_no_article).
 * Cost: linear in the document (hash tables for repeats; the phrase list is only tried on short
 * blocks). Memory: one small record per block.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "clean/clean_int.h"

/* Blocks longer than this are never tested against the phrase list. */
#define CLEAN_PHRASE_MAX_BYTES 300
#define CLEAN_PHRASE_MAX_WORDS 50
/* Blocks up to this size are tested too, for a phrase starting in their first CLEAN_PHRASE_HEAD
 * bytes ("This website uses cookies to improve your experience while...", several sentences). */
#define CLEAN_PHRASE_LONG_BYTES 1000
#define CLEAN_PHRASE_HEAD 80
/* A "short" line for menus: at most this many words. */
#define CLEAN_MENU_WORDS 8
/* At most this many last lines of a menu run right above the article are left for the lead
 * (headline, byline). */
#define CLEAN_NAV_HEAD_KEEP 2
/* Shortest run of consecutive menu-like lines taken for a menu. */
#define CLEAN_NAV_RUN 4
/* Running headers: at most this many bytes; recurring at least CLEAN_RUNNING_MIN times, with at
 * least CLEAN_PAGE_MIN_BYTES of text between any two (a page) unless form feeds mark the pages. */
#define CLEAN_PAGE_MIN_BYTES 400
#define CLEAN_RUNNING_BYTES 120
#define CLEAN_RUNNING_MIN 3
/* Blocks before the article region kept as title/byline/dateline, and their largest size. */
#define CLEAN_LEAD_BLOCKS 5
#define CLEAN_LEAD_WORDS 30
/* ... counting neither headings, list items nor short prose; but never more than this many blocks. */
#define CLEAN_LEAD_MAX 16
/* Region scores. */
#define CLEAN_PENALTY_DROPPED 8
#define CLEAN_PENALTY_SHORT 2
/* A prose block scores its words minus this (at least 1): a short paragraph (a teaser's summary, a
 * comment) adds little, so that the region does not run on through them. Tuned on 2/3 of a dev set
 * of copied web page text (the 181 benchmark pages as a browser's select-all copy): 5, 10, 15 gave
 * F1 0.887, 0.891, 0.887 there; 10 gives 0.905 on the held-out third. */
#define CLEAN_PROSE_BASE 10
/* ... plus one for each non-prose block since the last prose block, up to this. */
#define CLEAN_PENALTY_GAP 6
/* Repeats shorter than this are left alone in Markdown (a heading such as "Summary" under each
 * section). In HTML no repeat is dropped: the reader has left out hidden copies and what lies outside
 * the article, and what repeats inside it is the page's own (interview questions, recipe steps, a
 * paragraph printed twice by its author). Dropping repeats of 150 bytes or more there gave F1 0.971
 * on the scrapinghub set and 0.923 on the Readability set; keeping them, 0.972 and 0.954. */
#define CLEAN_REPEAT_MIN_MD 40
/* Teasers ("related stories"): a headline of this many words, then at most CLEAN_TEASER_BETWEEN
 * lines of at most CLEAN_TEASER_BYLINE words (byline, time), then a summary of at most
 * CLEAN_TEASER_SUMMARY words; CLEAN_TEASER_RUN of them in a row are a list of other articles. */
#define CLEAN_TEASER_HEAD_MIN 3
#define CLEAN_TEASER_HEAD_MAX 20
#define CLEAN_TEASER_BETWEEN 2
#define CLEAN_TEASER_BYLINE 4
#define CLEAN_TEASER_SUMMARY 45
/* ... or of this many when an author's name stands between (opinion columns' teasers are longer) */
#define CLEAN_TEASER_SUMMARY_NAMED 100
#define CLEAN_TEASER_RUN 3
/* A commenter's line with a date ("Name on 3 May 2024 at 5:23 pm said:") has at most this many words. */
#define CLEAN_COMMENTER_WORDS 14
/* A title page (the lines before the first running header) is looked for when the first prose
 * comes within this many blocks (a web page's menus above the article are longer). */
#define CLEAN_TITLE_PAGE_BLOCKS 20
/* Share of words two title lines must have in common to be the same title. */
#define CLEAN_SIMILAR_PCT 70
/* Longest line taken for a page number ("Page 12 of 140"). */
#define CLEAN_PAGENO_BYTES 24
/* A paragraph this long (bytes) cut by a page break may go on with a capital letter. */
#define CLEAN_JOIN_CAPS_MIN 100
/* Markdown: a link line among the first this many blocks may be the note's navigation. */
#define CLEAN_MD_TOP_BLOCKS 3
/* Comment markers are looked for in blocks of at most this many bytes. */
#define CLEAN_COMMENT_MAX_BYTES 160
/* A block of this many words ending a sentence is prose whatever its stop words. */
#define CLEAN_PROSE_WORDS 25
/* ... or of this many words, CLEAN_PROSE_LOWER_PCT% of them starting in lower case (prose in a language
 * the stop-word lists do not cover; menus and headlines are Title Case). */
#define CLEAN_PROSE_WORDS_ANY 10
#define CLEAN_PROSE_LOWER_PCT 60
/* ... or with CLEAN_PROSE_SHORT_PCT% of its words at most CLEAN_SHORT_WORD letters long: function words
 * are short in most languages ("of", "der", "и", "في"), menus and headlines have few of them. */
#define CLEAN_SHORT_WORD 3
#define CLEAN_PROSE_SHORT_PCT 30
/* A block of this many CJK characters ending a sentence is prose; or not ending one, when its runs
 * between spaces are this long on average (clauses set apart by spaces instead of commas, as some
 * Chinese blogs write; a menu's runs are words of two to four characters). */
#define CLEAN_CJK_PROSE 30
#define CLEAN_CJK_RUN 8
/* HTML fallback (html_fallback): a region needs this many words of prose to be an article, and a
 * block with more than this share of link text in percent may not come back. */
#define CLEAN_FALLBACK_WORDS 40
#define CLEAN_FALLBACK_LINK_PCT 50
/* Largest phrase or key we lower-case into a stack buffer. */
#define CLEAN_LOWER_MAX 512

/* ---- data: stop words and the phrase list, compiled once per context ---- */

static void clean_data_free(void *p)
{
    clean_data *d = p;
    if (!d)
        return;
    dyad__strset_free(&d->stop);
    dyad__strset_free(&d->exact);
    free(d->contains);
    free(d->starts);
    free(d->comments);
    free(d->byline);
    free(d->pool);
    free(d);
}

static uint32_t phrase_bucket(const char *s)
{
    return (((uint32_t)(unsigned char)s[0] * 31u) ^ (unsigned char)s[1]) & (CLEAN_PHRASE_BUCKETS - 1);
}

static int add_phrase(clean_data *d, phrase **arr, size_t *n, size_t *cap, const char *s, size_t len)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        phrase *a = realloc(*arr, nc * sizeof *a);
        if (!a)
            return DYAD_NOMEM;
        *arr = a;
        *cap = nc;
    }
    char tmp[CLEAN_LOWER_MAX];
    size_t k = dyad__fold(s, len, tmp, sizeof tmp);
    if (d->pool_len + k + 1 > d->pool_cap)
        return DYAD_NOMEM;
    memcpy(d->pool + d->pool_len, tmp, k + 1);
    (*arr)[*n].s = d->pool + d->pool_len; /* fixed up below: pool does not move */
    (*arr)[*n].n = k;
    (*arr)[*n].next = 0;
    d->pool_len += k + 1;
    (*n)++;
    return 0;
}

/* Is the iterator's section `name`, or `name:LANG` (boilerplate.txt keeps each language's phrases
 * under their own header: "[contains:de]")? */
static int section_is(const dyad__lineiter *it, const char *name)
{
    size_t n = strlen(name);
    return it->section_len >= n && !memcmp(it->section, name, n) &&
           (it->section_len == n || it->section[n] == ':');
}

static void index_phrases(phrase *arr, size_t count, uint32_t *bucket)
{
    for (size_t i = count; i-- > 0;) {
        phrase *ph = &arr[i];
        if (ph->n < 2)
            continue;
        uint32_t h = phrase_bucket(ph->s);
        ph->next = bucket[h];
        bucket[h] = (uint32_t)i + 1;
    }
}

/* Does a phrase of arr, indexed in bucket by index_phrases, occur in t[0..n) where a word starts
 * (or anywhere in a script whose characters are not ASCII)? Only positions below `upto` are tried. */
static int phrase_in(const phrase *arr, const uint32_t *bucket, const char *t, size_t n, size_t upto)
{
    for (size_t i = 0; i + 1 < upto && i + 1 < n; i++) {
        if (i && t[i - 1] != ' ' && (unsigned char)t[i] < 0x80 && ((t[i] | 32) >= 'a' && (t[i] | 32) <= 'z'))
            continue;
        for (uint32_t k = bucket[phrase_bucket(t + i)]; k; k = arr[k - 1].next) {
            const phrase *ph = &arr[k - 1];
            if (ph->n <= n - i && ph->s[0] == t[i] && ph->s[1] == t[i + 1] && !memcmp(t + i, ph->s, ph->n))
                return 1;
        }
    }
    return 0;
}

/* The first two bytes of a phrase or text as one key (the second 0 for a one-byte phrase). */
static unsigned phrase_key(const char *s, size_t n)
{
    return n ? ((unsigned)(unsigned char)s[0] << 8) | (n > 1 ? (unsigned char)s[1] : 0u) : 0u;
}

static int phrase_cmp(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    unsigned kx = phrase_key(x->s, x->n), ky = phrase_key(y->s, y->n);
    return kx < ky ? -1 : kx > ky;
}

/* Does one of the phrases of arr (sorted by phrase_cmp) begin t[0..n)? Only those whose first two
 * bytes are t's (or whose one byte is t's first) are compared. */
static int phrase_find(const phrase *arr, size_t count, const char *t, size_t n)
{
    if (!n)
        return 0;
    unsigned keys[2] = {phrase_key(t, n), phrase_key(t, 1)};
    for (int k = 0; k < (n > 1 ? 2 : 1); k++) {
        size_t lo = 0, hi = count;
        while (lo < hi) { /* the first phrase with a key not below keys[k] */
            size_t mid = (lo + hi) / 2;
            if (phrase_key(arr[mid].s, arr[mid].n) < keys[k])
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < count && phrase_key(arr[i].s, arr[i].n) == keys[k]; i++)
            if (arr[i].n && arr[i].n <= n && !memcmp(t, arr[i].s, arr[i].n))
                return 1;
    }
    return 0;
}

static void *clean_data_make(const dyad_ctx *ctx)
{
    clean_data *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    size_t len = 0;
    const char *txt;
    dyad__lineiter it;
    const char *e;
    size_t n;
    int bad = dyad__strset_load(ctx, &d->stop, "stopwords-en.txt") |
              dyad__strset_load(ctx, &d->stop, "clean-stopwords-other.txt");
    size_t mlen = 0;
    const char *meta = dyad__data(ctx, "clean-meta.txt", &mlen);
    txt = dyad__data(ctx, "boilerplate.txt", &len);
    d->pool_cap = (txt ? len : 0) + (meta ? mlen : 0) + 16;
    d->pool = malloc(d->pool_cap);
    if (!d->pool)
        bad = 1;
    size_t bcap = 0;
    if (meta && !bad) {
        dyad__lines_init(&it, meta, mlen);
        while (dyad__lines_next(&it, &e, &n))
            if (n < CLEAN_LOWER_MAX && dyad__lines_section_is(&it, "byline"))
                bad |= add_phrase(d, &d->byline, &d->nbyline, &bcap, e, n);
    }
    size_t ccap = 0, scap = 0, mcap = 0;
    if (txt && !bad) {
        dyad__lines_init(&it, txt, len);
        while (dyad__lines_next(&it, &e, &n)) {
            if (n >= CLEAN_LOWER_MAX)
                continue;
            if (section_is(&it, "starts"))
                bad |= add_phrase(d, &d->starts, &d->nstarts, &scap, e, n);
            else if (section_is(&it, "comments"))
                bad |= add_phrase(d, &d->comments, &d->ncomments, &mcap, e, n);
            else if (section_is(&it, "exact")) {
                char tmp[CLEAN_LOWER_MAX];
                size_t k = dyad__fold(e, n, tmp, sizeof tmp);
                bad |= dyad__strset_add(&d->exact, tmp, k);
            } else
                bad |= add_phrase(d, &d->contains, &d->ncontains, &ccap, e, n);
        }
    }
    if (bad) {
        clean_data_free(d);
        return NULL;
    }
    /* index the [contains] and [comments] phrases by their first two bytes (kept in list order) */
    index_phrases(d->contains, d->ncontains, d->bucket);
    index_phrases(d->comments, d->ncomments, d->cbucket);
    /* [starts] sorted by their first two bytes, so that a block tries only the phrases that begin
     * as it does (phrase_find): the list holds a dozen languages */
    if (d->nstarts)
        qsort(d->starts, d->nstarts, sizeof *d->starts, phrase_cmp);
    return d;
}

const clean_data *dyad__clean_data(const dyad_ctx *ctx)
{
    return dyad__slot(ctx, DYAD__SLOT_CLEAN, clean_data_make, clean_data_free);
}

/* ---- per-block signals ---- */

typedef struct feat {
    uint32_t words, stop, caps, lower, camel, letters, digits, seps, crumbs, cjk;
    uint32_t shortw; /* words of at most CLEAN_SHORT_WORD letters */
    uint32_t glue_caps, glue_words; /* words before the first lost line break, capitalised ones */
    uint8_t term, menu, prose, contact, nav_line;
    uint8_t guessed; /* dropped as a running header on a guessed page break (no form feed) */
} feat;

static int is_letter_byte(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* Ends with sentence punctuation, maybe followed by closing quotes or brackets. */
int dyad__clean_ends_sentence(const char *s, size_t n)
{
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ')
            n--;
        else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
                 (c == 0x9D || c == 0x99))
            n -= 3;
        else
            break;
    }
    if (n >= 3 && ((unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 && (unsigned char)s[n - 1] == 0x82))
        return 1; /* 。 */
    if (n >= 3 && (unsigned char)s[n - 3] == 0xEF && (unsigned char)s[n - 2] == 0xBC &&
        ((unsigned char)s[n - 1] == 0x81 || (unsigned char)s[n - 1] == 0x9F))
        return 1; /* ！ ？ */
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* ---- beyond English: case, punctuation and scripts ---- */

/* Folds s[0..n) into out (cap bytes, NUL-terminated) for the phrase lists: as dyad__fold (ASCII
 * lower case, ‘ ’ as ', white space collapsed), and the letters of every other cased script in lower
 * case too ("ÜBER UNS", "Читайте также"). Returns the length written, cut at a whole character. */
static size_t fold_text(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    int sp = 0;
    while (i < n && o + 1 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = o > 0;
            i++;
            continue;
        }
        if (sp) {
            out[o++] = ' ';
            sp = 0;
            if (o + 1 >= cap)
                break;
        }
        if (c < 0x80) { /* a run of ASCII up to a space or another byte */
            do {
                out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                c = ++i < n ? (unsigned char)s[i] : 0;
            } while (c > ' ' && c < 0x80 && o + 1 < cap);
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        if (!k) { /* not UTF-8 (the readers repair it; a caller's doc may not be): the byte as it is */
            out[o++] = (char)c;
            i++;
            continue;
        }
        cp = cp == 0x2018 || cp == 0x2019 ? '\'' : utf8proc_tolower(cp);
        char enc[4];
        size_t m = dyad__utf8_encode(cp, enc);
        if (!m || o + m + 1 > cap)
            break;
        memcpy(out + o, enc, m);
        o += m;
        i += k;
    }
    out[o] = 0;
    return o;
}

/* Bytes of a closing quote or bracket ending s[0..n) that dyad__clean_ends_sentence does not know:
 * “ (a German closing quote), » «, 」 』 ） (Japanese and Chinese). 0 when none. */
static size_t closer_before(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[n - 2] == 0xC2 && (s[n - 1] == 0xBB || s[n - 1] == 0xAB))
        return 2;
    if (n >= 3 &&
        ((s[n - 3] == 0xE2 && s[n - 2] == 0x80 && (s[n - 1] == 0x9C || s[n - 1] == 0x9D || s[n - 1] == 0x99)) ||
                   (s[n - 3] == 0xE3 && s[n - 2] == 0x80 && (s[n - 1] == 0x8D || s[n - 1] == 0x8F)) ||
                   (s[n - 3] == 0xEF && s[n - 2] == 0xBC && s[n - 1] == 0x89)))
        return 3;
    return 0;
}

/* Ends with sentence punctuation of any script: what dyad__clean_ends_sentence knows (. ! ? 。 ！ ？),
 * and ؟ ۔ । ॥ ። ။ ។ ։ ｡, maybe followed by closing quotes and brackets of any kind. An ellipsis is
 * no end: it marks a teaser cut short. */
static int ends_sentence_any(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    for (;;) {
        size_t k;
        while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] == ']'))
            n--;
        if ((k = closer_before(s, n)) == 0)
            break;
        n -= k;
    }
    if (dyad__clean_ends_sentence(text, n))
        return 1;
    static const char *const stops[] = {
        "\xD8\x9F", /* ؟ */ "\xDB\x94", /* ۔ */ "\xE0\xA5\xA4", /* । */
        "\xE0\xA5\xA5", /* ॥ */  "\xE1\x8D\xA2", /* ። */ "\xE1\x81\x8B", /* ။ */
        "\xE1\x9F\x94", /* ។ */  "\xD6\x89", /* ։ */ "\xEF\xBD\xA1", /* ｡ */
    };
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        size_t m = strlen(stops[i]);
        if (n >= m && !memcmp(s + n - m, stops[i], m))
            return 1;
    }
    return 0;
}

/* Is s[0..n) (at least one byte) a character of a script written without spaces between words
 * (CJK, kana, Hangul as before; Thai, Lao, Khmer, Myanmar)? Looks at the lead bytes only. */
static int continuous_script(const unsigned char *s, size_t n)
{
    if (s[0] >= 0xE3 && s[0] <= 0xED)
        return 1; /* U+3000-U+DFFF: CJK, kana, Hangul */
    if (n >= 2 && s[0] == 0xE0 && s[1] >= 0xB8 && s[1] <= 0xBB)
        return 1; /* Thai, Lao */
    if (n >= 2 && s[0] == 0xE1 && (s[1] <= 0x82 || s[1] == 0x9E || s[1] == 0x9F))
        return 1; /* Myanmar, Khmer */
    return 0;
}

/* Length of a punctuation mark at s[0..n) that is not ASCII (U+2010-U+205F quotes and dashes, ¡ « »
 * ¿ ·, the Arabic comma, semicolon and question mark, CJK punctuation), 0 when none. */
static size_t punct_at(const unsigned char *s, size_t n)
{
    if (n >= 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81))
        return 3;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80)
        return 3; /* U+3000-U+303F: 、。「」『』 */
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA1 || s[1] == 0xAB || s[1] == 0xBB || s[1] == 0xBF || s[1] == 0xB7))
        return 2;
    if (n >= 2 && s[0] == 0xD8 && (s[1] == 0x8C || s[1] == 0x9B || s[1] == 0x9F))
        return 2;
    return 0;
}

/* ... and one ending s[0..n). */
static size_t punct_before(const unsigned char *s, size_t n)
{
    if (n >= 3 && punct_at(s + n - 3, 3) == 3)
        return 3;
    if (n >= 2 && punct_at(s + n - 2, 2) == 2)
        return 2;
    return 0;
}

static void features(const clean_data *cd, const dyad_block *b, feat *f)
{
    memset(f, 0, sizeof *f);
    const unsigned char *s = (const unsigned char *)b->text;
    size_t n = b->len, i = 0;
    uint32_t nonstop = 0, nonstop_caps = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        int letter = 0, high = 0;
        while (i < n && s[i] != ' ') {
            unsigned char c = s[i];
            if (c >= 0x80) {
                high = 1;
                if (c >= 0xC3)
                    letter = 1, f->letters++;
                if (c >= 0xE0 && continuous_script(s + i, n - i))
                    f->cjk++; /* CJK, Hangul, Thai...: these scripts write no spaces between words */
            } else if (is_letter_byte(c)) {
                letter = 1, f->letters++;
                /* a capital right after a lower-case letter: words glued by a lost line break */
                if (c <= 'Z' && i > a && s[i - 1] >= 'a' && s[i - 1] <= 'z' && !f->camel++) {
                    f->glue_words = f->words;
                    f->glue_caps = f->caps;
                }
            } else if (c >= '0' && c <= '9')
                f->digits++;
            i++;
        }
        if (i - a == 1 && (s[a] == '|' || s[a] == '/' || s[a] == '-'))
            f->seps++;
        else if (i - a == 2 && s[a] == 0xC2 && s[a + 1] == 0xB7) /* · */
            f->seps++;
        else if ((i - a == 1 && s[a] == '>') || (i - a == 2 && s[a] == 0xC2 && s[a + 1] == 0xBB) ||
                 (i - a == 3 && s[a] == 0xE2 && s[a + 1] == 0x80 && s[a + 2] == 0xBA)) /* > » › */
            f->crumbs++;
        if (i == a || !letter)
            continue;
        f->words++;
        /* strip punctuation (ASCII, typographic quotes and dashes, ¿ « », CJK and Arabic marks) */
        size_t p = a, q = i, m;
        for (;;) {
            if (p < q && s[p] < 0x80 && !is_letter_byte(s[p]) && !(s[p] >= '0' && s[p] <= '9'))
                p++;
            else if (p < q && s[p] >= 0xC2 && (m = punct_at(s + p, q - p)) > 0)
                p += m;
            else
                break;
        }
        for (;;) {
            if (q > p && s[q - 1] < 0x80 && !is_letter_byte(s[q - 1]) && !(s[q - 1] >= '0' && s[q - 1] <= '9'))
                q--;
            else if (q > p && s[q - 1] >= 0x80 && (m = punct_before(s + p, q - p)) > 0)
                q -= m;
            else
                break;
        }
        /* the initial's case: capitalised, lower case, or a script without case (Arabic, Hebrew,
         * Devanagari...), which counts with lower case: it is not a Title Case menu */
        int upper = 0, lowcase = 0, ascii = 1;
        if (p < q && s[p] < 0x80) {
            upper = s[p] >= 'A' && s[p] <= 'Z';
            lowcase = s[p] >= 'a' && s[p] <= 'z';
        } else if (p < q) {
            int32_t cp;
            if (dyad__utf8_decode((const char *)s + p, q - p, &cp)) {
                utf8proc_category_t cat = utf8proc_category(cp);
                upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
                lowcase = cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LO;
            }
        }
        ascii = !high;
        uint32_t cps = (uint32_t)(q - p); /* code points of the word */
        if (!ascii && cps <= 4 * CLEAN_SHORT_WORD)
            for (size_t j = p; j < q; j++)
                cps -= (s[j] & 0xC0) == 0x80;
        char w[48];
        size_t k = q - p;
        int stop = 0;
        if (k && k < sizeof w) {
            if (ascii)
                for (size_t j = 0; j < k; j++)
                    w[j] = (char)(s[p + j] >= 'A' && s[p + j] <= 'Z' ? s[p + j] + 32 : s[p + j]);
            else /* "Über", "В", "Το": a stop word whatever its case */
                k = fold_text((const char *)s + p, k, w, sizeof w);
            stop = dyad__strset_has(&cd->stop, w, k);
        }
        if (stop)
            f->stop++;
        else {
            nonstop++;
            if (upper || (s[a] >= '0' && s[a] <= '9'))
                nonstop_caps++;
        }
        if (upper)
            f->caps++;
        else if (lowcase)
            f->lower++;
        if (cps && cps <= CLEAN_SHORT_WORD && !f->cjk)
            f->shortw++;
    }
    f->term = (uint8_t)ends_sentence_any(b->text, b->len);
    /* prose: enough function words; or, in a language the stop-word lists do not cover, a long
     * block ending a sentence (menus do not); or CJK text ending a sentence */
    f->prose = (f->words >= 8 && f->stop * 100 >= f->words * 15 && f->camel < 3 && (f->term || f->words >= 20)) ||
               (f->words >= CLEAN_PROSE_WORDS && f->term && f->camel < 3) ||
               (f->cjk >= CLEAN_CJK_PROSE && (f->term || f->cjk >= f->words * CLEAN_CJK_RUN)) ||
               /* any language written in words: a sentence of mostly lower-case (or caseless) words, or
                * one with many short words, as function words are in most languages */
               (f->words >= CLEAN_PROSE_WORDS_ANY && f->term && f->camel < 3 &&
                (f->lower * 100 >= f->words * CLEAN_PROSE_LOWER_PCT ||
                 f->shortw * 100 >= f->words * CLEAN_PROSE_SHORT_PCT));
    uint32_t tokens = f->words; /* runs between spaces */
    if (f->cjk)
        f->words += f->cjk / 2; /* about two characters a word, for the region's scores */
    f->menu = f->words <= CLEAN_MENU_WORDS && !f->term &&
              (tokens <= 2 || nonstop == 0 || nonstop_caps * 10 >= nonstop * 6);
    if (f->camel >= 3 && f->stop * 100 < f->words * 35 && !f->term)
        f->menu = 1;
    /* "Home | World | Asia | Business": short items between separators */
    if (f->seps >= 3 && f->words <= (f->seps + 1) * 3 && !f->term && f->stop * 100 < f->words * 35)
        f->menu = 1;
    /* "Home > World > Asia": a breadcrumb trail */
    if (f->crumbs >= 2 && f->words <= (f->crumbs + 1) * 4 && !f->term)
        f->menu = 1; /* a whole menu glued into one line: "IntroductionBuilding the Foundations..." */
    f->contact = f->words <= 12 && ((f->digits >= 8 && f->digits > 2 * f->letters) ||
                                    (memchr(b->text, '@', b->len) && f->words <= 6));
}

/* ---- phrase list ---- */

static int phrase_hit(const clean_data *cd, const dyad_block *b, const feat *f)
{
    /* Short blocks are searched whole; a longer one (a cookie notice of several sentences) only
     * where it begins. */
    int head_only = b->len > CLEAN_PHRASE_MAX_BYTES || f->words > CLEAN_PHRASE_MAX_WORDS;
    if (head_only && b->len > CLEAN_PHRASE_LONG_BYTES)
        return 0;
    char t[CLEAN_PHRASE_MAX_BYTES + 8];
    size_t n = fold_text(b->text, b->len, t, sizeof t);
    size_t starts = head_only ? (n < CLEAN_PHRASE_HEAD ? n : CLEAN_PHRASE_HEAD) : n;
    /* [contains]: tried where a word starts, through the first-two-bytes index */
    if (phrase_in(cd->contains, cd->bucket, t, n, starts))
        return 1;
    if (head_only)
        return 0;
    if (phrase_find(cd->starts, cd->nstarts, t, n))
        return 1;
    size_t e = n;
    while (e && (t[e - 1] == '.' || t[e - 1] == ':' || t[e - 1] == '!' || t[e - 1] == ' ' || t[e - 1] == '>' ||
                 t[e - 1] == '|'))
        e--;
    return e && dyad__strset_has(&cd->exact, t, e);
}

/* ---- hashing of block texts ---- */

static uint64_t key_hash(const char *s, size_t n, int digits_as_one)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (digits_as_one && c >= '0' && c <= '9') {
            while (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
                i++;
            c = '#';
        }
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

typedef struct hslot {
    uint64_t h;
    uint32_t first; /* index of the first block with this key */
    uint32_t count;
} hslot;

typedef struct htab {
    hslot *s;
    size_t cap;
} htab;

static int htab_init(htab *t, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap <<= 1;
    t->s = calloc(cap, sizeof *t->s);
    t->cap = cap;
    return t->s ? 0 : DYAD_NOMEM;
}

/* Finds or inserts h; returns the slot. */
static hslot *htab_get(htab *t, uint64_t h, uint32_t idx)
{
    size_t j = h & (t->cap - 1);
    while (t->s[j].h && t->s[j].h != h)
        j = (j + 1) & (t->cap - 1);
    if (!t->s[j].h) {
        t->s[j].h = h;
        t->s[j].first = idx;
        t->s[j].count = 0;
    }
    return &t->s[j];
}

static int same_text(const dyad_block *a, const dyad_block *b)
{
    if (a->len != b->len)
        return 0;
    for (size_t i = 0; i < a->len; i++) {
        unsigned char x = (unsigned char)a->text[i], y = (unsigned char)b->text[i];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

/* Drops blocks equal to an earlier kept block. min_bytes: shorter blocks are left alone. */
static int drop_repeats(dyad_doc *doc, size_t min_bytes)
{
    htab t;
    if (htab_init(&t, doc->nblocks))
        return DYAD_NOMEM;
    for (size_t i = 0; i < doc->nblocks; i++) {
        dyad_block *b = &doc->blocks[i];
        if (b->drop || b->len < min_bytes)
            continue;
        hslot *s = htab_get(&t, key_hash(b->text, b->len, 0), (uint32_t)i);
        if (s->count++ && s->first != i && same_text(&doc->blocks[s->first], b))
            b->drop = DYAD_DROP_REPEAT;
    }
    free(t.s);
    return 0;
}

/* ---- running headers and footers ---- */

/* Hash of the letters and digits of s, case folded (punctuation and spaces ignored); 0: none. */
static uint64_t letters_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80))
            continue;
        h ^= c;
        h *= 1099511628211ULL;
        any = 1;
    }
    return any ? (h ? h : 1) : 0;
}

/* Next word of s[*i..n), lower-cased into w (letters and digits only); its length, 0 at the end. */
static size_t next_word(const char *s, size_t n, size_t *i, char *w, size_t cap)
{
    while (*i < n && !is_letter_byte((unsigned char)s[*i]) && !(s[*i] >= '0' && s[*i] <= '9'))
        (*i)++;
    size_t k = 0;
    while (*i < n && (is_letter_byte((unsigned char)s[*i]) || (s[*i] >= '0' && s[*i] <= '9'))) {
        if (k + 1 < cap)
            w[k++] = (char)(s[*i] >= 'A' && s[*i] <= 'Z' ? s[*i] + 32 : s[*i]);
        (*i)++;
    }
    return k;
}

/* Two short lines say nearly the same thing: at least CLEAN_SIMILAR_PCT% of the longer one's words
 * (at least three) are in the other ("JAPAN AND INDIA: PORTS" and "JAPAN-INDIA: PORTS"). Both are at
 * most CLEAN_RUNNING_BYTES long, so this costs little. */
static int similar_words(const dyad_block *a, const dyad_block *b)
{
    if (a->len > CLEAN_RUNNING_BYTES || b->len > CLEAN_RUNNING_BYTES)
        return 0;
    char w[32], v[32];
    size_t na = 0, nb = 0, common = 0, i = 0;
    size_t k;
    while ((k = next_word(b->text, b->len, &i, w, sizeof w)) > 0) {
        nb++;
        size_t j = 0, m;
        while ((m = next_word(a->text, a->len, &j, v, sizeof v)) > 0)
            if (m == k && !memcmp(v, w, k)) {
                common++;
                break;
            }
    }
    i = 0;
    while (next_word(a->text, a->len, &i, w, sizeof w) > 0)
        na++;
    size_t most = na > nb ? na : nb;
    return common >= 3 && common * 100 >= most * CLEAN_SIMILAR_PCT;
}

/* Is a form feed among the three blocks up to i, or right after it? */
static int real_near(const dyad_doc *doc, size_t i)
{
    for (size_t k = i >= 2 ? i - 2 : 0; k < doc->nblocks && k <= i + 2; k++)
        if (doc->blocks[k].flags & DYAD_BF_PAGE_BREAK)
            return 1;
    return 0;
}

/* A page number on its own line: "7", "- 7 -", "Page 7", "page 7 of 12", "p. 7", "7/12". */
static int page_number(const dyad_block *b)
{
    if (b->len > CLEAN_PAGENO_BYTES)
        return 0;
    char t[CLEAN_PAGENO_BYTES + 8];
    size_t n = dyad__fold(b->text, b->len, t, sizeof t), i = 0;
    int digits = 0;
    while (i < n && (t[i] == '-' || t[i] == ' ' || t[i] == '['))
        i++;
    if (n - i >= 4 && !memcmp(t + i, "page", 4))
        i += 4;
    else if (n - i >= 2 && !memcmp(t + i, "p.", 2))
        i += 2;
    while (i < n && t[i] == ' ')
        i++;
    while (i < n && t[i] >= '0' && t[i] <= '9')
        i++, digits++;
    if (!digits)
        return 0;
    while (i < n && t[i] == ' ')
        i++;
    if (n - i >= 3 && !memcmp(t + i, "of ", 3))
        i += 3;
    else if (i < n && t[i] == '/')
        i++;
    while (i < n && ((t[i] >= '0' && t[i] <= '9') || t[i] == ' ' || t[i] == '-' || t[i] == ']'))
        i++;
    return i == n;
}

static int drop_running(dyad_doc *doc, feat *F, size_t first_prose)
{
    size_t n = doc->nblocks;
    int pages = 0;
    for (size_t i = 0; i < n; i++)
        pages += (doc->blocks[i].flags & DYAD_BF_PAGE_BREAK) != 0;
    /* near[i]: the block is among the first three after a page break or the last two before one */
    uint8_t *near = calloc(n ? n : 1, 1);
    htab all, brk;
    if (!near || htab_init(&all, n) || htab_init(&brk, n)) {
        free(near);
        return DYAD_NOMEM;
    }
    /* Without form feeds, a page break shows where a long paragraph stops in mid-sentence and a
     * short line that is not prose follows: treat that as a page break too. */
    uint8_t *vbrk = calloc(n ? n : 1, 1);
    if (!vbrk) {
        free(near);
        free(all.s);
        free(brk.s);
        return DYAD_NOMEM;
    }
    for (size_t i = 1; i < n; i++) {
        const dyad_block *p = &doc->blocks[i - 1], *b = &doc->blocks[i];
        if ((b->flags & DYAD_BF_PAGE_BREAK) ||
            (p->kind == DYAD_BLOCK_PARA && p->len >= CLEAN_JOIN_CAPS_MIN && !dyad__clean_ends_sentence(p->text, p->len) && p->text[p->len - 1] != ':' && !F[i].prose &&
             b->len <= CLEAN_RUNNING_BYTES)) {
            vbrk[i] = 1;
            pages++;
        }
    }
    if (pages) {
        for (size_t i = 0; i < n; i++) {
            if (i < 3 || !vbrk[i])
                continue;
            for (size_t k = i; k < n && k < i + 3; k++)
                near[k] = 1;
            for (size_t k = i >= 2 ? i - 2 : 0; k < i; k++)
                near[k] = 1;
        }
        for (size_t k = 0; k < 3 && k < n; k++)
            near[k] = 1;
        /* the first page's head: everything before the article (title page, first header) */
        for (size_t k = 0; first_prose <= CLEAN_TITLE_PAGE_BLOCKS && k < first_prose && k < n; k++)
            near[k] = 1;
        for (size_t k = n >= 2 ? n - 2 : 0; k < n; k++)
            near[k] = 1;
    }
    free(vbrk);
    uint64_t *keys = calloc(n ? n : 1, sizeof *keys);
    /* per slot of `all`: text offset after the last copy seen, least text between two copies */
    uint32_t *gaps = keys ? calloc(all.cap * 2, sizeof *gaps) : NULL;
    if (!keys || !gaps) {
        free(keys);
        free(near);
        free(all.s);
        free(brk.s);
        return DYAD_NOMEM;
    }
    size_t pos = 0; /* bytes of text before block i */
    for (size_t i = 0; i < n; i++) {
        dyad_block *b = &doc->blocks[i];
        size_t here = pos;
        pos += b->len + 1;
        if (!b->drop && page_number(b)) {
            b->drop = DYAD_DROP_RUNNING; /* "- 12 -" may have been read as a list item */
            continue;
        }
        if (b->len > CLEAN_RUNNING_BYTES || F[i].prose || b->kind == DYAD_BLOCK_ITEM)
            continue;
        keys[i] = key_hash(b->text, b->len, 1);
        hslot *a = htab_get(&all, keys[i], (uint32_t)i);
        size_t j = (size_t)(a - all.s);
        uint32_t at = here > UINT32_MAX ? UINT32_MAX : (uint32_t)here;
        uint32_t gap = a->count ? at - gaps[2 * j] : UINT32_MAX;
        if (!a->count || gap < gaps[2 * j + 1])
            gaps[2 * j + 1] = gap;
        gaps[2 * j] = at + (uint32_t)b->len > at ? at + (uint32_t)b->len : UINT32_MAX;
        a->count++;
        if (near[i])
            htab_get(&brk, keys[i], (uint32_t)i)->count++;
    }
    /* letters-only keys of the blocks before the article (the title page), and the first copies */
    size_t np = first_prose < n ? first_prose : n;
    uint8_t *kept_first = calloc(n ? n : 1, 1);
    if (np > CLEAN_TITLE_PAGE_BLOCKS)
        np = CLEAN_TITLE_PAGE_BLOCKS;
    uint64_t *lkeys = calloc(np ? np : 1, sizeof *lkeys);
    if (!kept_first || !lkeys) {
        free(kept_first);
        free(lkeys);
        free(gaps);
        free(keys);
        free(near);
        free(all.s);
        free(brk.s);
        return DYAD_NOMEM;
    }
    for (size_t i = 0; i < np; i++) /* the title page is short: at most CLEAN_TITLE_PAGE_BLOCKS */
        lkeys[i] = letters_hash(doc->blocks[i].text, doc->blocks[i].len);
    for (size_t i = 0; i < n; i++) {
        if (!keys[i])
            continue;
        dyad_block *b = &doc->blocks[i];
        hslot *a = htab_get(&all, keys[i], (uint32_t)i);
        hslot *p = htab_get(&brk, keys[i], (uint32_t)i);
        /* a header comes once a page: lines that recur every few lines are the text's own
         * structure (a table, a recipe's steps, an interview's names) */
        int by_count = a->count >= CLEAN_RUNNING_MIN && gaps[2 * (size_t)(a - all.s) + 1] >= CLEAN_PAGE_MIN_BYTES;
        int running = by_count || (near[i] && p->count >= 2);
        if (!running || b->drop)
            continue;
        if (a->first != UINT32_MAX && i < first_prose) {
            a->first = UINT32_MAX; /* the first kept one, before the article: usually the title */
            kept_first[i] = 1;
            continue;
        }
        b->drop = DYAD_DROP_RUNNING;
        F[i].guessed = !by_count && !real_near(doc, i);
    }
    /* ... unless a title page came first: when one of those first copies repeats, letters only
     * ("INDIA JAPAN" and "INDIA-JAPAN"), a line of the title page, the first header is dropped too,
     * with the header lines next to it. */
    for (size_t i = 0; i < np; i++) {
        if (!kept_first[i])
            continue;
        uint64_t h = letters_hash(doc->blocks[i].text, doc->blocks[i].len);
        int earlier = 0;
        for (size_t k = 0; k < i && !earlier; k++)
            earlier = !kept_first[k] && !doc->blocks[k].drop &&
                      (lkeys[k] == h || similar_words(&doc->blocks[k], &doc->blocks[i]));
        if (!earlier)
            continue;
        size_t a = i, z = i;
        while (a > 0 && kept_first[a - 1])
            a--;
        while (z + 1 < n && kept_first[z + 1])
            z++;
        for (size_t k = a; k <= z; k++) {
            doc->blocks[k].drop = DYAD_DROP_RUNNING;
            kept_first[k] = 0;
        }
    }
    free(kept_first);
    free(lkeys);
    free(gaps);
    free(keys);
    free(near);
    free(all.s);
    free(brk.s);
    return 0;
}

/* ---- navigation runs ---- */

static void drop_nav_runs(dyad_doc *doc, const feat *F)
{
    size_t n = doc->nblocks, i = 0;
    while (i < n) {
        /* a run: consecutive short single-line blocks with no blank line between them */
        size_t a = i, menu = 0;
        do {
            menu += F[i].menu;
            i++;
        } while (i < n && !(doc->blocks[i].flags & (DYAD_BF_BLANK_BEFORE | DYAD_BF_PAGE_BREAK)) &&
                 !F[i].prose && F[i].words <= CLEAN_LEAD_WORDS);
        size_t len = i - a, words = 0;
        for (size_t k = a; k < i; k++)
            words += F[k].words;
        /* menus: mostly menu-like lines of a few words each (a title page has longer lines) */
        if (len >= CLEAN_NAV_RUN && menu * 4 >= len * 3 && words * 2 <= len * 9) {
            /* a menu right above the article, with no blank line: its last lines of three words or
             * more ("India and Japan sign a rail deal", "By Staff Reporter") are the headline and
             * byline, for the article region's lead to judge */
            size_t z = i;
            if (i < n && F[i].prose)
                while (z > a + CLEAN_NAV_RUN - 1 && i - z < CLEAN_NAV_HEAD_KEEP && F[z - 1].words >= 3 &&
                       !F[z - 1].contact && F[z - 1].camel < 3 && !F[z - 1].seps && !F[z - 1].crumbs)
                    z--;
            for (size_t k = a; k < z; k++)
                if (!doc->blocks[k].drop && (F[k].menu || F[k].contact || !F[k].term))
                    doc->blocks[k].drop = DYAD_DROP_NAV;
        }
    }
    /* a menu glued into one long line, or laid out with separators, is a menu on its own */
    for (size_t k = 0; k < n; k++)
        if (!doc->blocks[k].drop && (F[k].camel >= 3 || F[k].seps >= 3 || F[k].crumbs >= 2) && F[k].menu)
            doc->blocks[k].drop = DYAD_DROP_NAV;
}

/* A headline glued to its summary by a lost line break: "Talks Resume In TokyoThe two sides met..."
 * (Title Case words, then a capital right after a lower-case letter, then prose). */
static int glued_teaser(const feat *f)
{
    return f->camel == 1 && f->glue_words >= 2 && f->glue_caps * 10 >= f->glue_words * 6 && f->words >= 12;
}

/* A teaser headline: a short line that does not end a sentence (a question is an interview's), not
 * a list item. */
static int teaser_head(const dyad_block *b, const feat *f)
{
    if (f->prose || f->words < CLEAN_TEASER_HEAD_MIN || f->words > CLEAN_TEASER_HEAD_MAX || b->kind == DYAD_BLOCK_ITEM)
        return 0;
    return !f->term;
}

/* A line that is only a name: two to four capitalised words, no digits, no colon ("Mira Sen"). */
static int person_name(const dyad_block *b, const feat *f)
{
    return f->words >= 2 && f->words <= 4 && f->caps == f->words && !f->digits && !f->term && !memchr(b->text, ':', b->len);
}

/* Length of the teaser starting at block i (headline, maybe a byline or a time, a short summary;
 * or a headline glued to its summary), 0 when none starts there. */
static size_t teaser_at(const dyad_doc *doc, const feat *F, size_t i)
{
    size_t n = doc->nblocks;
    if (glued_teaser(&F[i]))
        return 1;
    if (!teaser_head(&doc->blocks[i], &F[i]))
        return 0;
    int named = 0; /* an author's name between headline and summary: a longer summary is allowed */
    for (size_t k = i + 1; k < n && k <= i + 1 + CLEAN_TEASER_BETWEEN; k++) {
        if (F[k].prose)
            return F[k].words <= (named ? CLEAN_TEASER_SUMMARY_NAMED : CLEAN_TEASER_SUMMARY) ? k - i + 1 : 0;
        if (F[k].words > CLEAN_TEASER_BYLINE)
            return 0;
        named |= person_name(&doc->blocks[k], &F[k]);
    }
    return 0;
}

/* "Related stories": three or more teasers in a row (headline and a short summary each) are a list
 * of other articles, not a part of this one. */
static void drop_teasers(dyad_doc *doc, const feat *F)
{
    size_t n = doc->nblocks, i = 0;
    while (i < n) {
        size_t a = i, units = 0, len;
        while (i < n && (len = teaser_at(doc, F, i)) > 0) {
            /* prose going on after the summary: the article's own heading and first paragraphs */
            if (i + len < n && F[i + len].prose && !teaser_at(doc, F, i + len))
                break;
            units++;
            i += len;
            /* a lone time stamp or "by Name" after the summary */
            while (i < n && F[i].words <= CLEAN_TEASER_BYLINE && !teaser_at(doc, F, i) && i > a &&
                   !(doc->blocks[i].flags & DYAD_BF_PAGE_BREAK) && F[i].words && units)
                i++;
        }
        if (units >= CLEAN_TEASER_RUN) {
            for (size_t k = a; k < i; k++)
                if (!doc->blocks[k].drop)
                    doc->blocks[k].drop = DYAD_DROP_NAV;
        }
        if (i == a)
            i++;
    }
}

/* Markdown: runs of three or more paragraphs that are mostly link text (a site's link lists). List
 * items stay: in a note, a list of links ("Things to read: - [[JICA loans]] - [[Quad]]") is the
 * note-taker's own content. */
static int md_link_para(const dyad_block *b)
{
    return b->len && b->kind != DYAD_BLOCK_ITEM && b->link_bytes * 10 >= b->len * 7;
}

static void drop_link_runs(dyad_doc *doc)
{
    size_t n = doc->nblocks, i = 0;
    while (i < n) {
        const dyad_block *b = &doc->blocks[i];
        if (!md_link_para(b)) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < n && md_link_para(&doc->blocks[i]))
            i++;
        if (i - a >= 3)
            for (size_t k = a; k < i; k++)
                if (!doc->blocks[k].drop)
                    doc->blocks[k].drop = DYAD_DROP_NAV;
    }
}

/* Markdown: a line of links above the note's first heading or paragraph is navigation ("[[2024-03-09|
 * Saturday]] · see also [[Quad]]"). One that names a date (a daily-note link) is the note's date
 * stamp: it goes too, but stays visible to the metadata stage. */
static void drop_md_top_links(dyad_doc *doc, const feat *F)
{
    for (size_t i = 0; i < doc->nblocks && i < CLEAN_MD_TOP_BLOCKS; i++) {
        dyad_block *b = &doc->blocks[i];
        if (b->drop == DYAD_DROP_META)
            continue;
        if (b->drop || b->kind != DYAD_BLOCK_PARA || !b->len || b->link_bytes * 2 < b->len)
            return; /* the note's own text has begun */
        b->drop = F[i].digits >= 4 ? DYAD_DROP_META : DYAD_DROP_NAV;
    }
}

/* Is s[i..] a separator token (· | • – —) standing alone between spaces or at an edge? Returns its
 * length or 0. */
static size_t sep_token(const char *s, size_t n, size_t i)
{
    static const char *const seps[] = {"\xC2\xB7", "|", "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94", "/"};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t m = strlen(seps[k]);
        if (i + m <= n && !memcmp(s + i, seps[k], m) && (i + m == n || s[i + m] == ' ') && (i == 0 || s[i - 1] == ' '))
            return m;
    }
    return 0;
}

/* Markdown: separators left at the start or end of a kept block when links or embeds around them
 * were removed ("Saturday ·", "| Tokyo"). */
static int trim_separators(dyad_doc *doc)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        dyad_block *b = &doc->blocks[i];
        if (b->drop || b->kind == DYAD_BLOCK_PRE || b->kind == DYAD_BLOCK_CELL)
            continue;
        const char *t = b->text;
        size_t n = b->len, m;
        for (;;) {
            while (n && t[n - 1] == ' ')
                n--;
            size_t k = n;
            while (k && t[k - 1] != ' ')
                k--;
            if (k < n && k > 0 && (m = sep_token(t, n, k)) == n - k)
                n = k;
            else
                break;
        }
        while (n && (m = sep_token(t, n, 0)) > 0 && m < n) {
            t += m;
            n -= m;
            while (n && *t == ' ')
                t++, n--;
        }
        if (n && (n != b->len || t != b->text)) {
            char *c = dyad__arena_alloc(&doc->arena, n + 1);
            if (!c)
                return DYAD_NOMEM;
            memcpy(c, t, n);
            c[n] = 0;
            b->text = c;
            b->len = n;
        }
    }
    return DYAD_OK;
}

/* ---- the readers' comments ---- */

/* Does the block open the readers' comments: a [comments] phrase, "34 responses to ...",
 * "[ 167 comments ]", or a commenter's line "name says:"? */
static int comment_marker(const clean_data *cd, const dyad_block *b, const feat *f)
{
    if (b->len > CLEAN_COMMENT_MAX_BYTES)
        return 0;
    char t[CLEAN_COMMENT_MAX_BYTES + 8];
    size_t n = fold_text(b->text, b->len, t, sizeof t);
    if (phrase_in(cd->comments, cd->cbucket, t, n, n))
        return 1;
    size_t i = 0;
    while (i < n && (t[i] == '[' || t[i] == '(' || t[i] == ' '))
        i++;
    size_t d = i;
    while (i < n && ((t[i] >= '0' && t[i] <= '9') || t[i] == ','))
        i++;
    if (i > d && i < n && t[i] == ' ' && f->words <= 6) {
        static const char *const what[] = {"comment", "response", "repl", "reaction"};
        for (size_t k = 0; k < sizeof what / sizeof what[0]; k++)
            if (!strncmp(t + i + 1, what[k], strlen(what[k])))
                return 1;
    }
    /* "name says:", "Name on 3 May 2024 at 5:23 pm said:" (a commenter with the time of the comment) */
    if (n >= 5 && (!memcmp(t + n - 5, "says:", 5) || !memcmp(t + n - 5, "said:", 5) ||
                   (n >= 6 && !memcmp(t + n - 6, "wrote:", 6))))
        return f->words <= 5 || (f->words <= CLEAN_COMMENTER_WORDS && f->digits >= 3);
    return 0;
}

/* ---- the article region ---- */

/* Is the block only a byline word ("BY" on its own line, the name below)? */
static int byline_word(const clean_data *cd, const dyad_block *b)
{
    char t[16];
    if (b->len >= sizeof t)
        return 0;
    size_t n = dyad__fold(b->text, b->len, t, sizeof t);
    for (size_t i = 0; i < cd->nbyline; i++)
        if (cd->byline[i].n == n && !memcmp(cd->byline[i].s, t, n))
            return 1;
    return 0;
}

static void keep_region(dyad_doc *doc, const clean_data *cd, const feat *F)
{
    size_t n = doc->nblocks;
    long best = 0, cur = 0;
    size_t bs = 0, be = 0, cs = 0;
    int found = 0;
    long gap = 0; /* non-prose blocks since the last prose block: a long gap costs more a block */
    for (size_t i = 0; i < n; i++) {
        const dyad_block *b = &doc->blocks[i];
        long sc;
        if (b->drop == DYAD_DROP_REPEAT || (b->drop == DYAD_DROP_RUNNING && !F[i].guessed))
            sc = 0; /* page furniture and second copies say nothing about where the article ends */
        else if (b->drop)
            sc = -CLEAN_PENALTY_DROPPED;
        else if (F[i].prose)
            sc = F[i].words > CLEAN_PROSE_BASE ? (long)F[i].words - CLEAN_PROSE_BASE : 1;
        else if (b->kind == DYAD_BLOCK_ITEM && F[i].words >= 3)
            sc = 0;
        else
            sc = -CLEAN_PENALTY_SHORT - (gap < CLEAN_PENALTY_GAP ? gap : CLEAN_PENALTY_GAP);
        gap = F[i].prose && !b->drop ? 0 : gap + (sc < 0);
        if (cur <= 0) {
            cur = 0;
            cs = i;
        }
        cur += sc;
        if (cur > best) {
            best = cur;
            bs = cs;
            be = i + 1;
            found = 1;
        }
    }
    if (!found)
        return; /* no prose at all (a list, a note): keep what the other rules kept */
    /* The readers' comments end the article, once some of it has been seen. */
    int prose_seen = 0;
    for (size_t i = bs; i < be; i++) {
        if (prose_seen && comment_marker(cd, &doc->blocks[i], &F[i])) {
            be = i;
            break;
        }
        prose_seen |= F[i].prose && !doc->blocks[i].drop;
    }
    /* Title, byline, dateline: a few short blocks right before the region. */
    size_t lead = 0, start = bs, seen = 0;
    for (size_t k = bs; k-- > 0 && lead < CLEAN_LEAD_BLOCKS && seen < CLEAN_LEAD_MAX;) {
        const dyad_block *b = &doc->blocks[k];
        if (b->drop == DYAD_DROP_BOILERPLATE || b->drop == DYAD_DROP_REPEAT || b->drop == DYAD_DROP_RUNNING)
            continue;
        /* an outline's headings, items ("1. Background") and labels ("Outline:") belong to the article */
        int outline = b->kind == DYAD_BLOCK_HEADING || b->kind == DYAD_BLOCK_ITEM || b->text[b->len - 1] == ':';
        if (b->drop || F[k].contact || F[k].words > CLEAN_LEAD_WORDS ||
            (F[k].words <= 1 && F[k].digits < 4 && !byline_word(cd, b) && !outline))
            break; /* a menu, a contact line, or a lone word ("Shop", "RSS"; not "BY") ends the lead */
        start = k;
        seen++;
        lead += !outline && !F[k].prose;
    }
    for (size_t i = 0; i < n; i++)
        if ((i < start || i >= be) && !doc->blocks[i].drop)
            doc->blocks[i].drop = DYAD_DROP_OUTSIDE;
}

/* ---- HTML: the article the reader missed ---- */

/* May a block the reader left out come back when its choice held no prose? Not what a rule dropped
 * for what it is (a phrase, a menu, a repeat, the title), not what sat in a navigation, a footer or
 * a sidebar (<aside>), not captions, not link lists. (A form may be the whole page: ASP.NET wraps
 * every page in one.) */
static int fallback_candidate(const dyad_block *b)
{
    if (b->drop != DYAD_DROP_NONE && b->drop != DYAD_DROP_OUTSIDE && b->drop != DYAD_DROP_OTHER)
        return 0;
    if ((b->flags & (DYAD_BF_IN_NAV | DYAD_BF_IN_FOOTER | DYAD_BF_IN_ASIDE)) || b->kind == DYAD_BLOCK_CAPTION)
        return 0;
    return (uint64_t)b->link_bytes * 100 <= (uint64_t)b->len * CLEAN_FALLBACK_LINK_PCT;
}

/* HTML: when none of the kept blocks is prose but the page holds some (a sports report whose linked
 * names made the reader clean its container away, forum posts in containers named like comments, an
 * article beside a bigger teaser stream), the run of blocks with the most prose is kept as well: the
 * same maximum-sum region as for plain text, over the blocks that may come back. A page whose best
 * run holds fewer than CLEAN_FALLBACK_WORDS words of prose (a login form, a gallery, a page of
 * links) is left as it was. One pass; returns the number of blocks brought back. */
static size_t html_fallback(dyad_doc *doc, const clean_data *cd, feat *F)
{
    size_t n = doc->nblocks;
    for (size_t i = 0; i < n; i++)
        if (!doc->blocks[i].drop && F[i].prose)
            return 0; /* the reader's choice holds prose: it stands */
    for (size_t i = 0; i < n; i++) /* the signals of the blocks left out (dyad_clean skipped them) */
        if (doc->blocks[i].drop)
            features(cd, &doc->blocks[i], &F[i]);
    long best = 0, cur = 0, gap = 0;
    size_t bs = 0, be = 0, cs = 0;
    for (size_t i = 0; i < n; i++) {
        const dyad_block *b = &doc->blocks[i];
        int cand = fallback_candidate(b);
        long sc;
        if (!cand)
            sc = b->drop == DYAD_DROP_REPEAT || b->drop == DYAD_DROP_META ? 0 : -CLEAN_PENALTY_DROPPED;
        else if (F[i].prose)
            sc = F[i].words > CLEAN_PROSE_BASE ? (long)F[i].words - CLEAN_PROSE_BASE : 1;
        else if (b->kind == DYAD_BLOCK_ITEM && F[i].words >= 3)
            sc = 0;
        else
            sc = -CLEAN_PENALTY_SHORT - (gap < CLEAN_PENALTY_GAP ? gap : CLEAN_PENALTY_GAP);
        gap = cand && F[i].prose ? 0 : gap + (sc < 0);
        if (cur <= 0) {
            cur = 0;
            cs = i;
        }
        cur += sc;
        if (cur > best) {
            best = cur;
            bs = cs;
            be = i + 1;
        }
    }
    /* the readers' comments end it, once some prose has been seen */
    size_t words = 0;
    for (size_t i = bs; i < be; i++) {
        if (words && comment_marker(cd, &doc->blocks[i], &F[i])) {
            be = i;
            break;
        }
        if (F[i].prose && fallback_candidate(&doc->blocks[i]))
            words += F[i].words;
    }
    if (words < CLEAN_FALLBACK_WORDS)
        return 0;
    /* ... and more of it than the reader's choice holds words at all (a table, a list of facts
     * that is the page's content stays alone) */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!doc->blocks[i].drop)
            kept += F[i].words;
    if (kept >= words)
        return 0;
    /* its headline: headings right before it */
    while (bs > 0 && doc->blocks[bs - 1].kind == DYAD_BLOCK_HEADING && fallback_candidate(&doc->blocks[bs - 1]) &&
           F[bs - 1].words <= CLEAN_LEAD_WORDS)
        bs--;
    size_t back = 0;
    for (size_t i = bs; i < be; i++) {
        dyad_block *b = &doc->blocks[i];
        if (b->drop && fallback_candidate(b)) {
            b->drop = DYAD_DROP_NONE;
            back++;
        }
    }
    return back;
}

static int mostly_links(const dyad_block *b) { return (uint64_t)b->link_bytes * 2 >= b->len; }

/* HTML: a page with no article (a login form, a gallery, a page of links, a site map): no kept block
 * is prose, and every kept block is a caption, mostly link text, part of a form, or a heading over a
 * list of links or a form. Its leftovers ("Password", "Forgot your password?", "Sections") go, so that the
 * page says "no text left" instead of printing them. A short page of plain text ("Test") or of
 * headings over pictures stays. */
static void html_no_article(dyad_doc *doc, const feat *F)
{
    size_t n = doc->nblocks;
    for (size_t i = 0; i < n; i++) {
        const dyad_block *b = &doc->blocks[i];
        if (b->drop)
            continue;
        if (F[i].prose)
            return;
        int furniture = b->kind == DYAD_BLOCK_CAPTION || (b->flags & DYAD_BF_IN_FORM) || mostly_links(b) ||
                        (b->kind == DYAD_BLOCK_HEADING && i + 1 < n &&
                         (doc->blocks[i + 1].drop == DYAD_DROP_NAV || mostly_links(&doc->blocks[i + 1]) ||
                          (doc->blocks[i + 1].flags & DYAD_BF_IN_FORM)));
        if (!furniture)
            return;
    }
    for (size_t i = 0; i < n; i++)
        if (!doc->blocks[i].drop)
            doc->blocks[i].drop = DYAD_DROP_SHORT;
}

/* ---- joins ---- */

static int starts_lower(const char *s, size_t n)
{
    int32_t cp;
    size_t k = dyad__utf8_decode(s, n, &cp);
    return k && ((cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
                 (cp >= 0x100 && cp <= 0x17F && (cp & 1)));
}

static int ends_hyphen(const dyad_block *b)
{
    return b->len >= 2 && b->text[b->len - 1] == '-' && is_letter_byte((unsigned char)b->text[b->len - 2]);
}

/* The block stops in the middle of a sentence: on a comma or on a function word ("of", "the",
 * "and") that no sentence ends with. */
static int ends_open(const clean_data *cd, const dyad_block *b)
{
    size_t n = b->len;
    if (n && b->text[n - 1] == ',')
        return 1;
    size_t a = n;
    while (a && is_letter_byte((unsigned char)b->text[a - 1]))
        a--;
    if (a == n || n - a > 8 || (a && b->text[a - 1] != ' '))
        return 0;
    char w[8];
    for (size_t j = a; j < n; j++)
        w[j - a] = (char)(b->text[j] >= 'A' && b->text[j] <= 'Z' ? b->text[j] + 32 : b->text[j]);
    return dyad__strset_has(&cd->stop, w, n - a);
}

/* Builds the text of a chain: head followed by the JOINED blocks up to last (one allocation, so
 * that a chain of many pieces costs linear time). */
static int join_chain(dyad_doc *doc, size_t head, size_t last)
{
    dyad_block *a = &doc->blocks[head];
    size_t total = a->len;
    for (size_t k = head + 1; k <= last; k++)
        if (doc->blocks[k].drop == DYAD_DROP_JOINED)
            total += 1 + doc->blocks[k].len;
    char *t = dyad__arena_alloc(&doc->arena, total + 1);
    if (!t)
        return DYAD_NOMEM;
    memcpy(t, a->text, a->len);
    size_t o = a->len;
    for (size_t k = head + 1; k <= last; k++) {
        const dyad_block *b = &doc->blocks[k];
        if (b->drop != DYAD_DROP_JOINED)
            continue;
        if (o >= 2 && t[o - 1] == '-' && is_letter_byte((unsigned char)t[o - 2]))
            o--; /* "Ahme-" + "dabad": the continuation starts in lower case, the word goes on */
        else
            t[o++] = ' ';
        memcpy(t + o, b->text, b->len);
        o += b->len;
        a->link_bytes += b->link_bytes;
    }
    t[o] = 0;
    a->text = t;
    a->len = o;
    a->flags &= ~(uint32_t)DYAD_BF_HYPHEN_END;
    return DYAD_OK;
}

static int join_blocks(dyad_doc *doc, const clean_data *cd, feat *F)
{
    size_t n = doc->nblocks;
    size_t head = SIZE_MAX, tail = SIZE_MAX, head_len = 0;
    int gap = 0; /* a page break or a dropped header/footer lies between tail and i */
    int err = DYAD_OK;
    for (size_t i = 0; i <= n && !err; i++) {
        dyad_block *b = i < n ? &doc->blocks[i] : NULL;
        if (b && b->drop) {
            if (b->drop == DYAD_DROP_RUNNING || b->drop == DYAD_DROP_REPEAT || b->drop == DYAD_DROP_OUTSIDE ||
                b->drop == DYAD_DROP_NAV)
                gap = 1;
            continue;
        }
        if (b && (b->flags & DYAD_BF_PAGE_BREAK))
            gap = 1;
        if (b && head != SIZE_MAX) {
            const dyad_block *a = &doc->blocks[head], *z = &doc->blocks[tail];
            /* the continuation starts in lower case; or, across a page break, it starts with a
             * name ("Japan", "Prime Minister") after a line that stopped on "of", "the", a comma */
            int open = a->kind == DYAD_BLOCK_PARA && b->kind == DYAD_BLOCK_PARA && head_len >= 40 && !F[i].menu &&
                       !dyad__clean_ends_sentence(z->text, z->len) && z->text[z->len - 1] != ':' &&
                       (starts_lower(b->text, b->len) || (gap && head_len >= CLEAN_JOIN_CAPS_MIN && ends_open(cd, z)));
            unsigned char last = (unsigned char)z->text[z->len - 1];
            int midword = (last >= 'a' && last <= 'z') || last == ',' || ends_hyphen(z);
            if (open && (gap || (z->flags & DYAD_BF_HYPHEN_END) || (midword && head_len >= 100))) {
                b->drop = DYAD_DROP_JOINED;
                head_len += 1 + b->len;
                tail = i;
                gap = 0;
                continue;
            }
        }
        /* b starts a new chain: finish the previous one */
        if (head != SIZE_MAX && tail != head) {
            err = join_chain(doc, head, tail);
            if (!err)
                features(cd, &doc->blocks[head], &F[head]);
        }
        head = tail = i;
        head_len = b ? b->len : 0;
        gap = 0;
    }
    return err ? dyad__fail(doc->ctx, DYAD_NOMEM, "%s: out of memory", doc->path) : DYAD_OK;
}

int dyad_clean(dyad_ctx *ctx, dyad_doc *doc)
{
    if (doc->cleaned)
        return DYAD_OK;
    const clean_data *cd = dyad__clean_data(ctx);
    if (!cd)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory loading the cleaner's data", doc->path);
    size_t n = doc->nblocks;
    feat *F = calloc(n ? n : 1, sizeof *F);
    if (!F)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
    int err = DYAD_OK;
    size_t first_prose = n;
    int html = doc->format == DYAD_FMT_HTML;
    for (size_t i = 0; i < n; i++) {
        if (html && doc->blocks[i].drop)
            continue; /* what the reader left out needs no signals unless html_fallback runs */
        features(cd, &doc->blocks[i], &F[i]);
        if (F[i].prose && first_prose == n)
            first_prose = i;
    }
    int plain = doc->format == DYAD_FMT_TEXT || doc->format == DYAD_FMT_PDF;
    for (size_t i = 0; i < n; i++) {
        dyad_block *b = &doc->blocks[i];
        if (b->drop)
            continue; /* a reader's decision (HTML) stands */
        /* a note's own cross references ("See also: [[Quad]], [[ASEAN]]") are not a site's */
        if (doc->format == DYAD_FMT_MARKDOWN && b->len && b->link_bytes * 2 >= b->len)
            continue;
        if (phrase_hit(cd, b, &F[i]))
            b->drop = DYAD_DROP_BOILERPLATE;
        else if (plain && F[i].contact)
            b->drop = DYAD_DROP_BOILERPLATE;
    }
    if (plain) {
        drop_nav_runs(doc, F);
        drop_teasers(doc, F);
        err = drop_running(doc, F, first_prose);
        if (!err)
            err = drop_repeats(doc, 1);
        if (!err)
            err = join_blocks(doc, cd, F);
        if (!err)
            keep_region(doc, cd, F);
    } else if (doc->format == DYAD_FMT_MARKDOWN) {
        drop_md_top_links(doc, F);
        drop_link_runs(doc);
        err = trim_separators(doc);
        if (!err)
            err = drop_repeats(doc, CLEAN_REPEAT_MIN_MD);
    } else {
        if (!html_fallback(doc, cd, F))
            html_no_article(doc, F);
    }
    free(F);
    if (err)
        return err == DYAD_NOMEM ? dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", doc->path) : err;
    doc->cleaned = 1;
    doc->stage = DYAD_STAGE_CLEAN;
    doc->text = NULL;
    for (size_t i = 0; i < n; i++)
        if (!doc->blocks[i].drop)
            return DYAD_OK;
    return dyad__fail(ctx, DYAD_NOTEXT, "%s: no text left after cleaning", doc->path);
}
