/* present/esc.c — escaping for HTML, JSON and URLs, and the areas of data/areas.txt. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "dyad/present.h"

/* Length of a well-formed UTF-8 sequence at s (n bytes left), or 0: the core's strict decoder. */
static size_t seq_len(const unsigned char *s, size_t n)
{
    int32_t cp;
    return dyad__utf8_decode((const char *)s, n, &cp);
}

void dyad_html_esc(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = p[i];
        const char *rep = NULL;
        size_t k = 1;
        if (c >= 0x80) {
            k = seq_len(p + i, n - i);
            if (k) {
                i += k;
                continue;
            }
            k = 1;
            rep = "\xEF\xBF\xBD";
        } else if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '"')
            rep = "&quot;";
        else if (c == '\'')
            rep = "&#39;";
        else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            rep = "";
        else {
            i++;
            continue;
        }
        fwrite(s + run, 1, i - run, f);
        fputs(rep, f);
        i += k;
        run = i;
    }
    fwrite(s + run, 1, n - run, f);
}

void dyad_html_escz(FILE *f, const char *s)
{
    if (s)
        dyad_html_esc(f, s, strlen(s));
}

void dyad_json_esc(FILE *f, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t k = seq_len(p + i, n - i);
            if (k) {
                i += k;
                continue;
            }
            fwrite(s + run, 1, i - run, f);
            fputs("\\ufffd", f);
            run = ++i;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0x7F) {
            i++;
            continue;
        }
        fwrite(s + run, 1, i - run, f);
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            fputs("\\u00", f);
            fputc(hex[c >> 4], f);
            fputc(hex[c & 15], f);
        }
        run = ++i;
    }
    fwrite(s + run, 1, n - run, f);
}

void dyad_json_strz(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    dyad_json_esc(f, s, strlen(s));
    fputc('"', f);
}

void dyad_url_esc(FILE *f, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~')
            fputc(c, f);
        else {
            fputc('%', f);
            fputc(hex[c >> 4], f);
            fputc(hex[c & 15], f);
        }
    }
}

/* ---- areas ---- */

typedef struct word {
    char *w;        /* lower-cased ASCII (other bytes as they are); spaces and hyphens between words */
    size_t n;
    int prefix;     /* ended in '*' */
    int area;
} word;

struct dyad_areas {
    char *names[DYAD_AREAS_MAX];
    size_t nareas;
    word *words;
    size_t nwords, cap;
};

static int is_wordc(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

/* Does a word character start at s[i]? Bytes of other scripts count as letters, except the general
 * punctuation block (U+2000..U+206F: ’ “ ” – —), which ends a word like ASCII punctuation. */
static int word_at(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2 && i + 1 < n && ((unsigned char)s[i + 1] == 0x80 || (unsigned char)s[i + 1] == 0x81))
        return 0;
    return is_wordc(c);
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

void dyad_areas_free(dyad_areas *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nareas; i++)
        free(a->names[i]);
    for (size_t i = 0; i < a->nwords; i++)
        free(a->words[i].w);
    free(a->words);
    free(a);
}

static int add_word(dyad_areas *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n)
        return DYAD_OK;
    if (a->nwords == a->cap) {
        size_t c = a->cap ? a->cap * 2 : 64;
        word *w = realloc(a->words, c * sizeof *w);
        if (!w)
            return DYAD_NOMEM;
        a->words = w;
        a->cap = c;
    }
    word *w = &a->words[a->nwords];
    w->prefix = s[n - 1] == '*';
    if (w->prefix)
        n--;
    w->w = malloc(n + 1);
    if (!w->w)
        return DYAD_NOMEM;
    for (size_t i = 0; i < n; i++)
        w->w[i] = lower(s[i]);
    w->w[n] = 0;
    w->n = n;
    w->area = (int)a->nareas - 1;
    if (n)
        a->nwords++;
    else
        free(w->w);
    return DYAD_OK;
}

int dyad_areas_load(dyad_ctx *ctx, dyad_areas **out)
{
    *out = NULL;
    dyad_areas *a = calloc(1, sizeof *a);
    if (!a)
        return dyad__fail(ctx, DYAD_NOMEM, "out of memory");
    size_t len = 0;
    const char *data = dyad__data(ctx, "areas.txt", &len);
    if (!data) {
        dyad_areas_free(a);
        return dyad__fail(ctx, DYAD_DICT, "areas.txt: not found");
    }
    dyad__lineiter it;
    dyad__lines_init(&it, data, len);
    const char *e;
    size_t n;
    const char *sec = NULL;
    size_t secn = 0;
    int err = DYAD_OK;
    while (!err && dyad__lines_next(&it, &e, &n)) {
        if (it.section != sec || it.section_len != secn) { /* a new area */
            sec = it.section;
            secn = it.section_len;
            if (a->nareas == DYAD_AREAS_MAX) {
                err = dyad__fail(ctx, DYAD_DICT, "%s: more than %d areas", dyad__data_where(ctx, "areas.txt"),
                                 DYAD_AREAS_MAX);
                break;
            }
            if (!secn) {
                err = dyad__fail(ctx, DYAD_DICT, "%s: words before the first [area] line",
                                 dyad__data_where(ctx, "areas.txt"));
                break;
            }
            a->names[a->nareas] = strndup(sec, secn);
            if (!a->names[a->nareas]) {
                err = DYAD_NOMEM;
                break;
            }
            a->nareas++;
        }
        while (n && !err) {
            const char *bar = memchr(e, '|', n);
            size_t k = bar ? (size_t)(bar - e) : n;
            err = add_word(a, e, k);
            e += k;
            n -= k;
            if (bar)
                e++, n--;
        }
    }
    if (err == DYAD_NOMEM)
        dyad__fail(ctx, DYAD_NOMEM, "out of memory");
    if (err) {
        dyad_areas_free(a);
        return err;
    }
    *out = a;
    return DYAD_OK;
}

size_t dyad_areas_count(const dyad_areas *a) { return a ? a->nareas : 0; }
const char *dyad_areas_name(const dyad_areas *a, size_t i) { return a && i < a->nareas ? a->names[i] : NULL; }

/* Does the word w match at s[i..n)? (i is at a word start.) Spaces and hyphens in w match one or
 * more spaces or hyphens in s. */
static int match_at(const word *w, const char *s, size_t n, size_t i)
{
    size_t j = 0;
    while (j < w->n) {
        if (i >= n)
            return 0;
        char a = w->w[j], b = lower(s[i]);
        if (a == ' ' || a == '-') {
            if (b != ' ' && b != '-')
                return 0;
            while (i < n && (s[i] == ' ' || s[i] == '-'))
                i++;
            j++;
            continue;
        }
        if (a != b)
            return 0;
        i++;
        j++;
    }
    return w->prefix || !word_at(s, n, i);
}

uint64_t dyad_areas_match(const dyad_areas *a, const char *s, size_t n)
{
    uint64_t m = 0;
    if (!a || !s)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!word_at(s, n, i) || (i && is_wordc((unsigned char)s[i - 1]) && (unsigned char)s[i - 1] < 0x80))
            continue;
        if (i && (unsigned char)s[i - 1] >= 0x80 && !(i >= 3 && (unsigned char)s[i - 3] == 0xE2))
            continue; /* inside a word of another script, or after a letter's continuation byte */
        char c = lower(s[i]);
        for (size_t k = 0; k < a->nwords; k++) {
            const word *w = &a->words[k];
            if (w->w[0] == c && !(m & ((uint64_t)1 << w->area)) && match_at(w, s, n, i))
                m |= (uint64_t)1 << w->area;
        }
    }
    return m;
}
