/* read/text.c — plain text (and pdftotext output) into blocks.
 *
 * A block is a paragraph: a line, or several lines joined when the text is hard-wrapped (lines of a
 * similar width with no blank line between them). Short lines (menus, titles, addresses) stay
 * separate blocks so that the cleaner can judge each one. Per block we remember the first line,
 * whether a blank line or a page break (form feed) came before it, and whether it was indented.
 * Bulleted and numbered lines become list items; a short isolated line followed by a long
 * paragraph becomes a heading.
 *
 * Cost: two passes over the text, memory linear in it (one line record per line).
 */
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"

/* Lines longer than this (in code points) are never a hard-wrapped line: wrapped text keeps to a
 * terminal or page width. */
#define TEXT_WRAP_MAX 160
/* Shortest line that counts as evidence of hard wrapping. */
#define TEXT_WRAP_MIN 40
/* At least TEXT_WRAP_CLOSE_PCT% of the lines of TEXT_WRAP_MIN or more code points lie between
 * TEXT_WRAP_BAND_LO% and TEXT_WRAP_BAND_HI% of the wrap width in hard-wrapped text. */
#define TEXT_WRAP_BAND_LO 80
#define TEXT_WRAP_BAND_HI 110
#define TEXT_WRAP_CLOSE_PCT 60
/* A line at least this share of the wrap width may continue on the next line. */
#define TEXT_WRAP_SHARE 0.65
/* Headings: at most this many bytes, and the paragraph after at least TEXT_HEAD_NEXT bytes. */
#define TEXT_HEAD_MAX 100
#define TEXT_HEAD_NEXT 100

typedef struct line {
    size_t start, end;   /* bytes of the line's content (indent and trailing space trimmed) */
    uint32_t width;      /* code points in [start, end) */
    uint16_t indent;     /* leading columns (tab = 4) */
    uint8_t ff;          /* a form feed came before or inside the line's leading space */
    uint8_t blank;       /* nothing visible */
} line;

static int is_hspace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v'; }

/* Length of a list marker at s (bullet or "12." / "3)" / "(a)") followed by a space, or 0. *bullet
 * is set when the marker is a symbol (dropped from the text) rather than a number (kept). */
static size_t list_marker(const char *s, size_t n, int *bullet)
{
    const unsigned char *u = (const unsigned char *)s;
    *bullet = 0;
    if (n >= 2 && (u[0] == '-' || u[0] == '*' || u[0] == '+') && u[1] == ' ') {
        *bullet = 1;
        return 2;
    }
    /* • U+2022, ◦ U+25E6, ▪ U+25AA, ● U+25CF, ‣ U+2023, · U+00B7, – U+2013 */
    static const char *const syms[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA", "\xE2\x97\x8F",
                                       "\xE2\x80\xA3", "\xC2\xB7", "\xE2\x80\x93"};
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        size_t k = strlen(syms[i]);
        if (n > k && !memcmp(s, syms[i], k) && (u[k] == ' ' || u[k] == '\t' || (u[k] == 0xC2 && n > k + 1))) {
            *bullet = 1;
            return k;
        }
    }
    size_t d = 0;
    while (d < n && d < 3 && u[d] >= '0' && u[d] <= '9')
        d++;
    if (d && d < n - 1 && (u[d] == '.' || u[d] == ')') && u[d + 1] == ' ')
        return d + 2;
    return 0;
}

/* Wrap width of a hard-wrapped text, or 0 when the text is not hard-wrapped. */
static uint32_t wrap_width(const line *ls, size_t n)
{
    size_t hist[TEXT_WRAP_MAX + 1] = {0};
    size_t mid = 0, lng = 0;
    for (size_t i = 0; i < n; i++) {
        if (ls[i].blank)
            continue;
        if (ls[i].width > TEXT_WRAP_MAX)
            lng++;
        else if (ls[i].width >= TEXT_WRAP_MIN) {
            hist[ls[i].width]++;
            mid++;
        }
    }
    if (mid < 4 || mid < 3 * lng)
        return 0;
    /* the 80th percentile of the mid-length lines: most wrapped lines end near it */
    size_t want = mid * 8 / 10, seen = 0;
    uint32_t W = TEXT_WRAP_MAX;
    for (uint32_t w = TEXT_WRAP_MIN; w <= TEXT_WRAP_MAX; w++) {
        seen += hist[w];
        if (seen > want) {
            W = w;
            break;
        }
    }
    /* wrapped lines crowd just below the width; lines of copied web text (one a paragraph) spread */
    size_t close = 0;
    for (uint32_t w = W * TEXT_WRAP_BAND_LO / 100; w <= TEXT_WRAP_MAX && w <= W * TEXT_WRAP_BAND_HI / 100; w++)
        close += hist[w];
    return close * 100 >= mid * TEXT_WRAP_CLOSE_PCT ? W : 0;
}

static int ends_terminal(const char *s, size_t n)
{
    while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
        n--;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3; /* closing quote */
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' || s[n - 1] == ':' || s[n - 1] == ';' ||
                 s[n - 1] == ',');
}

/* Ends with . ! ? maybe followed by closing quotes or brackets. */
static int sentence_end(const char *s, size_t n)
{
    while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
        n--;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3;
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* Code points up to the first space. */
static uint32_t first_word_width(const char *s, size_t n)
{
    uint32_t w = 0;
    for (size_t i = 0; i < n && s[i] != ' ' && s[i] != '\t'; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static int is_lower_start(const char *s, size_t n)
{
    int32_t cp;
    size_t k = dyad__utf8_decode(s, n, &cp);
    if (!k)
        return 0;
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

static int has_ascii_visible(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7F)
            return 1;
    return 0;
}

/* Adds a block, telling "nothing visible" (fine) from out of memory. */
static int add(dyad_doc *doc, dyad_block_kind kind, int level, const char *t, size_t n, uint32_t lineno,
               uint32_t flags)
{
    size_t before = doc->nblocks;
    dyad__doc_add_block(doc, kind, level, t, n, lineno, 0, flags);
    if (doc->nblocks == before && has_ascii_visible(t, n))
        return dyad__fail(doc->ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
    return DYAD_OK;
}

int dyad__read_text(dyad_doc *doc, const char *s, size_t len)
{
    int err = DYAD_OK;
    /* Lines end at "\n", "\r\n", or a lone "\r" (old Mac files). */
    size_t nl = 1;
    for (size_t i = 0; i < len; i++)
        nl += s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'));
    line *ls = malloc(nl * sizeof *ls);
    dyad__buf para;
    dyad__buf_init(&para, 0);
    if (!ls)
        return dyad__fail(doc->ctx, DYAD_NOMEM, "%s: out of memory", doc->path);

    /* Pass 1: lines. A form feed before a line's text breaks the page before it; one after the
     * text breaks the page after it, so it is carried to the next line. */
    size_t n = 0, i = 0;
    int carry_ff = 0;
    while (i <= len && n < nl) {
        size_t end = i;
        while (end < len && s[end] != '\n' && s[end] != '\r')
            end++;
        size_t next = end + 1 + (end + 1 < len && s[end] == '\r' && s[end + 1] == '\n');
        line *L = &ls[n++];
        memset(L, 0, sizeof *L);
        L->ff = (uint8_t)carry_ff;
        carry_ff = 0;
        size_t a = i;
        unsigned col = 0;
        while (a < end && (is_hspace((unsigned char)s[a]) || s[a] == '\f')) {
            if (s[a] == '\f') {
                L->ff = 1;
                col = 0;
            } else
                col += s[a] == '\t' ? 4 : 1;
            a++;
        }
        size_t b = end;
        while (b > a && (is_hspace((unsigned char)s[b - 1]) || s[b - 1] == '\f')) {
            if (s[b - 1] == '\f')
                carry_ff = 1;
            b--;
        }
        L->start = a;
        L->end = b;
        L->indent = col > 65535 ? 65535 : (uint16_t)col;
        L->blank = a == b;
        uint32_t w = 0;
        for (size_t k = a; k < b; k++)
            w += ((unsigned char)s[k] & 0xC0) != 0x80;
        L->width = w;
        if (end >= len)
            break;
        i = next;
    }

    uint32_t W = wrap_width(ls, n);
    uint32_t join_min = W ? (uint32_t)(W * TEXT_WRAP_SHARE) : UINT32_MAX;

    /* Pass 2: paragraphs. */
    int blank_before = 0, page_before = 0;
    size_t first_block = doc->nblocks;
    for (size_t k = 0; k < n && !err; k++) {
        const line *L = &ls[k];
        if (L->ff)
            page_before = 1;
        if (L->blank) {
            blank_before = 1;
            continue;
        }
        int bullet = 0;
        size_t mk = list_marker(s + L->start, L->end - L->start, &bullet);
        dyad_block_kind kind = mk ? DYAD_BLOCK_ITEM : DYAD_BLOCK_PARA;
        uint32_t flags = (blank_before ? DYAD_BF_BLANK_BEFORE : 0) | (page_before ? DYAD_BF_PAGE_BREAK : 0) |
                         (L->indent >= 2 ? DYAD_BF_INDENTED : 0);
        size_t first = k;
        dyad__buf_reset(&para);
        size_t skip = bullet ? mk : 0;
        const char *text = s + L->start + skip;
        size_t tlen = L->end - L->start - skip;
        /* Join the following lines while this one is wrapped. */
        while (k + 1 < n && ls[k].width >= join_min && ls[k].width <= TEXT_WRAP_MAX) {
            const line *N = &ls[k + 1];
            int nb;
            if (N->blank || N->ff || N->width > TEXT_WRAP_MAX || list_marker(s + N->start, N->end - N->start, &nb))
                break;
            if (N->indent > ls[k].indent + 1 && !(k == first && ls[first].indent > N->indent))
                break;
            /* A sentence ends here and the next line's first word would have fitted after it: the
             * text was not wrapped at this line, a paragraph ends (hard-wrapped text without blank
             * lines between paragraphs). */
            if (sentence_end(s + ls[k].start, ls[k].end - ls[k].start) &&
                ls[k].width + 1 + first_word_width(s + N->start, N->end - N->start) <= W)
                break;
            if (para.len == 0)
                dyad__buf_add(&para, text, tlen);
            const char *prev = s + ls[k].start;
            size_t pl = ls[k].end - ls[k].start;
            /* "Ahme-" + "dabad": an end-of-line hyphen inside a word goes */
            if (pl >= 2 && prev[pl - 1] == '-' && prev[pl - 2] != '-' && prev[pl - 2] != ' ' &&
                is_lower_start(s + N->start, N->end - N->start) && para.len && para.data[para.len - 1] == '-')
                para.len--;
            else
                dyad__buf_addc(&para, ' ');
            dyad__buf_add(&para, s + N->start, N->end - N->start);
            k++;
        }
        if (para.len) {
            if (para.err) {
                err = dyad__fail(doc->ctx, para.err == DYAD_NOMEM ? DYAD_NOMEM : DYAD_LIMIT,
                                 "%s: paragraph at line %zu too large", doc->path, first + 1);
                break;
            }
            text = para.data;
            tlen = para.len;
        }
        if (tlen >= 2 && text[tlen - 1] == '-' && text[tlen - 2] != ' ' && text[tlen - 2] != '-')
            flags |= DYAD_BF_HYPHEN_END;
        err = add(doc, kind, kind == DYAD_BLOCK_ITEM ? 1 : 0, text, tlen, (uint32_t)(first + 1), flags);
        blank_before = 0;
        page_before = 0;
    }

    /* Headings: a short isolated line without end punctuation, before a long paragraph. */
    for (size_t b = first_block; !err && b + 1 < doc->nblocks; b++) {
        dyad_block *B = &doc->blocks[b], *N = &doc->blocks[b + 1];
        if (B->kind != DYAD_BLOCK_PARA || B->len > TEXT_HEAD_MAX || ends_terminal(B->text, B->len))
            continue;
        if (!(N->flags & (DYAD_BF_BLANK_BEFORE | DYAD_BF_PAGE_BREAK)) || N->len < TEXT_HEAD_NEXT)
            continue;
        if (b > first_block && !(B->flags & (DYAD_BF_BLANK_BEFORE | DYAD_BF_PAGE_BREAK)))
            continue;
        unsigned char c0 = (unsigned char)B->text[0];
        if ((c0 >= 'a' && c0 <= 'z') || c0 == '(' || c0 == '[' || c0 == '+')
            continue;
        B->kind = DYAD_BLOCK_HEADING;
        B->level = 2;
    }
    dyad__buf_free(&para);
    free(ls);
    return err;
}
