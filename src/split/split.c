/* split/split.c — the sentence splitter.
 *
 * One forward pass over the text. A tokenizer cuts it into white-space separated tokens (also
 * cutting after '。'-style terminators, which need no space, and cutting any token at
 * DYAD_SPLIT_MAX_BYTES), and notes how many line breaks came before each token. The splitter
 * looks at the current token and the next one and decides whether a sentence ends between them.
 * Every look at a token is bounded (a few dozen bytes at its ends, LINE_PROBE_MAX bytes of the next
 * line), so the time is linear in the text and the memory is constant apart from the word set.
 *
 * The rules are listed in include/dyad/split.h; the word lists and what each section means are in
 * data/abbreviations.txt. The compiled word set hangs on the context (DYAD__SLOT_SPLIT); with a
 * NULL context the built-in copy is compiled for the call and freed after it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/internal.h"

/* ---- named limits ---- */
#define WORD_KEY_MAX 31        /* longest entry of the word lists; longer words are never looked up */
#define AFFIX_MAX 8            /* opening or closing quotes/brackets examined at a token's end */
#define PUNCT_RUN_MAX 16       /* terminal punctuation examined backwards ("?!", "...") */
#define LINE_PROBE_MAX 1024    /* bytes of the next line measured by the heading rule */
#define WRAP_MIN_BYTES 50      /* a line shorter than this is never taken for wrapped prose */
#define WRAP_MAX_BYTES 128     /* nor one longer than this: it is a paragraph on one line (PDF
                                * text wraps at about 100 characters, mail at 72-80) */
#define ENUM_MAX_DIGITS 3      /* "1." to "999." open a list item; "2023." does not */

/* ---- the word set: lower-cased keys with flags, open addressing ---- */
enum {
    W_TITLE = 1,   /* never ends a sentence; a name follows */
    W_ALWAYS = 2,  /* never ends a sentence */
    W_NUMBER = 4,  /* no end before a number ([before-number], [months]) */
    W_OTHER = 8,   /* ends only before a sentence starter */
    W_FINAL = 16,  /* ordinary word */
    W_STARTER = 32,
    W_JOINER = 64
};

typedef struct wslot {
    uint8_t len;
    uint8_t flags;
    char key[WORD_KEY_MAX];
} wslot;

typedef struct split_words {
    wslot *slots;
    size_t cap; /* power of two, or 0 for an empty set */
} split_words;

static unsigned char lower_ascii(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

static size_t words_find(const split_words *w, const char *k, size_t n)
{
    size_t j = dyad__hash(k, n) & (w->cap - 1);
    while (w->slots[j].len && !(w->slots[j].len == n && memcmp(w->slots[j].key, k, n) == 0))
        j = (j + 1) & (w->cap - 1);
    return j;
}

/* Flags of word s[0..n), compared without ASCII case; 0 when absent or too long. */
static unsigned words_get(const split_words *w, const char *s, size_t n)
{
    if (!w->cap || n == 0 || n > WORD_KEY_MAX)
        return 0;
    char k[WORD_KEY_MAX];
    for (size_t i = 0; i < n; i++)
        k[i] = (char)lower_ascii((unsigned char)s[i]);
    return w->slots[words_find(w, k, n)].flags;
}

static unsigned section_flag(const char *s, size_t n)
{
    static const struct { const char *name; unsigned flag; } map[] = {
        {"titles", W_TITLE}, {"always", W_ALWAYS}, {"before-number", W_NUMBER}, {"months", W_NUMBER},
        {"other", W_OTHER}, {"final", W_FINAL}, {"starters", W_STARTER}, {"joiners", W_JOINER},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].name) == n && memcmp(map[i].name, s, n) == 0)
            return map[i].flag;
    return W_OTHER;
}

static void words_free(split_words *w)
{
    if (!w)
        return;
    free(w->slots);
    w->slots = NULL;
    w->cap = 0;
}

/* Compiles the entries of abbreviations.txt. Returns 0 or DYAD_NOMEM. */
static int words_build(split_words *w, const char *data, size_t len)
{
    dyad__lineiter it;
    const char *e;
    size_t n, count = 0;
    w->slots = NULL;
    w->cap = 0;
    if (!data)
        return 0;
    dyad__lines_init(&it, data, len);
    while (dyad__lines_next(&it, &e, &n))
        count++;
    if (!count)
        return 0;
    size_t cap = 64;
    while (cap < count * 2)
        cap *= 2;
    w->slots = calloc(cap, sizeof *w->slots);
    if (!w->slots)
        return DYAD_NOMEM;
    w->cap = cap;
    dyad__lines_init(&it, data, len);
    while (dyad__lines_next(&it, &e, &n)) {
        if (n > 1 && e[n - 1] == '.')
            n--; /* "Dr." is written as "Dr" but tolerated */
        if (n > WORD_KEY_MAX)
            continue;
        char k[WORD_KEY_MAX];
        for (size_t i = 0; i < n; i++)
            k[i] = (char)lower_ascii((unsigned char)e[i]);
        size_t j = words_find(w, k, n);
        if (!w->slots[j].len) {
            memcpy(w->slots[j].key, k, n);
            w->slots[j].len = (uint8_t)n;
        }
        w->slots[j].flags |= (uint8_t)section_flag(it.section, it.section_len);
    }
    return 0;
}

static void *words_make(const dyad_ctx *ctx)
{
    split_words *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    size_t len = 0;
    const char *data = dyad__data(ctx, "abbreviations.txt", &len);
    if (words_build(w, data, len)) {
        free(w);
        return NULL;
    }
    return w;
}

static void words_destroy(void *p)
{
    words_free(p);
    free(p);
}

/* ---- characters ---- */
static int is_ascii_space(unsigned char c) { return c <= 0x20 || c == 0x7f; } /* C0 controls count */
static int is_alpha(unsigned char c) { return (unsigned char)((c | 32) - 'a') < 26; }
static int is_digit(unsigned char c) { return (unsigned char)(c - '0') < 10; }
static int is_lower(unsigned char c) { return (unsigned char)(c - 'a') < 26; }
static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Length of the UTF-8 sequence at p (n bytes left) when it is well formed in shape, else 1. */
static size_t seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t k = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
    if (k > n)
        return 1;
    for (size_t i = 1; i < k; i++)
        if (!is_cont(p[i]))
            return 1;
    return k;
}

static int m2(const unsigned char *p, size_t n, unsigned a, unsigned b) { return n >= 2 && p[0] == a && p[1] == b; }
static int m3(const unsigned char *p, size_t n, unsigned a, unsigned b, unsigned c)
{
    return n >= 3 && p[0] == a && p[1] == b && p[2] == c;
}

/* Non-ASCII white space at p: returns its length (0 if none) and adds the line breaks it makes. */
static size_t uspace_len(const unsigned char *p, size_t n, unsigned *nl)
{
    if (p[0] == 0xC2 && n >= 2) {
        if (p[1] == 0xA0) return 2;                 /* no-break space */
        if (p[1] == 0x85) { *nl += 1; return 2; }   /* NEL */
        return 0;
    }
    if (p[0] == 0xE2 && n >= 3 && p[1] == 0x80) {
        unsigned c = p[2];
        if (c >= 0x80 && c <= 0x8B) return 3;       /* U+2000..U+200B */
        if (c == 0xAF) return 3;                    /* narrow no-break space */
        if (c == 0xA8) { *nl += 1; return 3; }      /* line separator */
        if (c == 0xA9) { *nl += 2; return 3; }      /* paragraph separator */
        return 0;
    }
    if (m3(p, n, 0xE2, 0x81, 0x9F) || m3(p, n, 0xE3, 0x80, 0x80) || m3(p, n, 0xEF, 0xBB, 0xBF))
        return 3; /* medium math space, ideographic space, BOM */
    return 0;
}

/* '。' '！' '？' '｡' '।' '॥': end a sentence with or without a following space. */
static size_t cjk_term_len(const unsigned char *p, size_t n)
{
    if (m3(p, n, 0xE3, 0x80, 0x82) || m3(p, n, 0xEF, 0xBC, 0x81) || m3(p, n, 0xEF, 0xBC, 0x9F) ||
        m3(p, n, 0xEF, 0xBD, 0xA1) || m3(p, n, 0xE0, 0xA5, 0xA4) || m3(p, n, 0xE0, 0xA5, 0xA5))
        return 3;
    return 0;
}

/* Closing quote or bracket at p: its length, or 0. */
static size_t closer_at(const unsigned char *p, size_t n)
{
    switch (p[0]) {
    case '"': case '\'': case ')': case ']': case '}':
        return 1;
    default:
        break;
    }
    if (m2(p, n, 0xC2, 0xBB)) return 2; /* » */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x99 || p[2] == 0x9D || p[2] == 0xBA))
        return 3; /* ’ ” › */
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 &&
        (p[2] == 0x8D || p[2] == 0x8F || p[2] == 0x91 || p[2] == 0x89 || p[2] == 0x8B || p[2] == 0x95))
        return 3; /* 」 』 】 〉 》 〕 */
    if (m3(p, n, 0xEF, 0xBC, 0x89) || m3(p, n, 0xEF, 0xBC, 0xBD) || m3(p, n, 0xEF, 0xBC, 0x82))
        return 3; /* ） ］ ＂ */
    return 0;
}

/* Closing quote or bracket ending at t[e] (exclusive), not before s: its length, or 0. */
static size_t closer_before(const unsigned char *t, size_t s, size_t e)
{
    if (e <= s)
        return 0;
    if (t[e - 1] < 0x80)
        return closer_at(t + e - 1, 1);
    for (size_t k = 2; k <= 3; k++)
        if (e - s >= k && closer_at(t + e - k, k) == k)
            return k;
    return 0;
}

/* Opening quote or bracket at p: its length, or 0. */
static size_t opener_at(const unsigned char *p, size_t n)
{
    switch (p[0]) {
    case '"': case '\'': case '(': case '[': case '{':
        return 1;
    default:
        break;
    }
    if (m2(p, n, 0xC2, 0xAB) || m2(p, n, 0xC2, 0xBF) || m2(p, n, 0xC2, 0xA1)) return 2; /* « ¿ ¡ */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x9C || p[2] == 0xB9 || p[2] == 0x9E))
        return 3; /* ‘ “ ‹ „ */
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 &&
        (p[2] == 0x8C || p[2] == 0x8E || p[2] == 0x90 || p[2] == 0x88 || p[2] == 0x8A || p[2] == 0x94))
        return 3; /* 「 『 【 〈 《 〔 */
    if (m3(p, n, 0xEF, 0xBC, 0x88) || m3(p, n, 0xEF, 0xBC, 0xBB) || m3(p, n, 0xEF, 0xBC, 0x82))
        return 3; /* （ ［ ＂ */
    return 0;
}

/* Bullet symbols that open a list item: ASCII ones only alone, the others also glued to a word. */
static size_t ubullet_len(const unsigned char *p, size_t n)
{
    if (m2(p, n, 0xC2, 0xB7)) return 2;                                   /* · */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA2 || p[2] == 0xA3 || p[2] == 0x93 || p[2] == 0x94))
        return 3;                                                          /* • ‣ – — */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x97 && (p[2] == 0x8F || p[2] == 0xA6 || p[2] == 0x8B))
        return 3;                                                          /* ● ◦ ○ */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x96 && (p[2] == 0xAA || p[2] == 0xA0 || p[2] == 0xA1 || p[2] == 0xBA || p[2] == 0xB6))
        return 3;                                                          /* ▪ ■ □ ► ▶ */
    if (m3(p, n, 0xE2, 0x9E, 0xA2) || m3(p, n, 0xE2, 0x9C, 0x93) || m3(p, n, 0xE2, 0x9C, 0x94) ||
        m3(p, n, 0xE2, 0x86, 0x92))
        return 3;                                                          /* ➢ ✓ ✔ → */
    return 0;
}

/* Character classes of a token's first significant character. */
enum { C_NONE, C_LOWER, C_UPPER, C_DIGIT, C_CASELESS };

static int cp_class(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
    case UTF8PROC_CATEGORY_LL: return C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return C_CASELESS;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return C_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: return C_CASELESS;
    default: return C_NONE;
    }
}

static int char_class(const unsigned char *p, size_t n)
{
    if (p[0] < 0x80)
        return is_lower(p[0]) ? C_LOWER : is_alpha(p[0]) ? C_UPPER : is_digit(p[0]) ? C_DIGIT : C_NONE;
    int32_t cp;
    if (!dyad__utf8_decode((const char *)p, n, &cp))
        return C_CASELESS; /* an invalid byte: a letter without case */
    return cp_class(cp);
}

/* Does t[s..e) hold a letter or a digit? */
static int has_alnum(const unsigned char *t, size_t s, size_t e)
{
    for (size_t p = s; p < e;) {
        if (t[p] < 0x80) {
            if (is_alpha(t[p]) || is_digit(t[p]))
                return 1;
            p++;
            continue;
        }
        size_t k = seq_len(t + p, e - p);
        if (char_class(t + p, k) != C_NONE)
            return 1;
        p += k;
    }
    return 0;
}

/* ---- tokens ---- */
typedef struct tok {
    size_t s, e;
    unsigned nl;  /* line breaks in the white space before the token (capped at 2) */
    int term;     /* the token was cut after a '。'-style terminator */
    int closers;  /* the token is only closing quotes and brackets (set by next_tok) */
} tok;

typedef struct splitter {
    const unsigned char *t;
    size_t len, pos;
    const split_words *w;
} splitter;

/* Is t[s..e) only closing quotes and brackets (the "»" of "d'accord. »")? */
static int closers_only(const unsigned char *t, size_t s, size_t e)
{
    size_t p = s;
    if (is_alpha(t[p]) || is_digit(t[p]))
        return 0;
    for (int i = 0; i < AFFIX_MAX && p < e; i++) {
        size_t m = closer_at(t + p, e - p);
        if (!m)
            return 0;
        p += m;
    }
    return p == e;
}

static int next_tok(splitter *sp, tok *out)
{
    const unsigned char *t = sp->t;
    size_t len = sp->len, p = sp->pos;
    unsigned nl = 0;
    while (p < len) {
        unsigned char c = t[p];
        if (c < 0x80) {
            if (!is_ascii_space(c))
                break;
            if (c == '\n')
                nl++;
            p++;
            continue;
        }
        size_t k = uspace_len(t + p, len - p, &nl);
        if (!k)
            break;
        p += k;
    }
    if (p >= len) {
        sp->pos = len;
        return 0;
    }
    out->s = p;
    out->nl = nl > 2 ? 2 : nl;
    out->term = 0;
    size_t lim = len - p > DYAD_SPLIT_MAX_BYTES ? p + DYAD_SPLIT_MAX_BYTES : len;
    while (p < lim) {
        /* fast path: printable ASCII, 0x21..0x7E */
        while (p < lim && (unsigned char)(t[p] - 0x21) < 0x5E)
            p++;
        if (p >= lim)
            break;
        unsigned char c = t[p];
        if (c < 0x80)
            break; /* ASCII white space or a control character */
        unsigned dummy = 0;
        if (uspace_len(t + p, len - p, &dummy))
            break;
        size_t k = cjk_term_len(t + p, len - p);
        if (k) {
            if (p + k > lim)
                break;
            size_t q = p + k;
            int closed = 0;
            for (int i = 0; i < AFFIX_MAX && q < lim; i++) {
                size_t m = cjk_term_len(t + q, len - q);
                if (!m && (m = closer_at(t + q, len - q)) != 0)
                    closed = 1;
                if (!m || q + m > lim)
                    break;
                q += m;
            }
            p = q;
            /* 「合意した。」と述べた: a quotation followed by the quotative particle と goes on */
            if (closed && m3(t + p, len - p, 0xE3, 0x81, 0xA8))
                continue;
            out->term = 1;
            break;
        }
        k = seq_len(t + p, len - p);
        if (p + k > lim)
            break; /* the cap falls inside this character: cut before it */
        p += k;
    }
    out->e = p;
    out->closers = closers_only(t, out->s, p);
    sp->pos = p;
    return 1;
}

/* Class of a token's first character after opening quotes and brackets; *w gets that position. */
static int tok_class(const splitter *sp, const tok *k, size_t *w)
{
    const unsigned char *t = sp->t;
    size_t p = k->s;
    for (int i = 0; i < AFFIX_MAX && p < k->e; i++) {
        size_t m = opener_at(t + p, k->e - p);
        if (!m)
            break;
        p += m;
    }
    if (w)
        *w = p;
    if (p >= k->e)
        return C_NONE;
    return char_class(t + p, seq_len(t + p, k->e - p));
}

/* Is the token a sentence starter ("The", "However") of at least min_len letters? Not when it is
 * an initial ("A. K."). */
static int is_starter(const splitter *sp, const tok *k, size_t min_len)
{
    size_t p;
    tok_class(sp, k, &p);
    size_t q = p;
    while (q < k->e && q - p <= WORD_KEY_MAX && is_alpha(sp->t[q]))
        q++;
    if (q - p < min_len || q == p || q - p > WORD_KEY_MAX)
        return 0;
    if (q - p <= 2 && q < k->e && sp->t[q] == '.')
        return 0;
    if (q - p >= 2 && !is_lower(sp->t[p + 1]))
        return 0; /* "IS", "WILL": capitals throughout, as in a heading or a legal notice */
    return (words_get(sp->w, (const char *)sp->t + p, q - p) & W_STARTER) != 0;
}

/* A bullet token: one bullet symbol alone. */
static int is_bullet(const splitter *sp, const tok *k)
{
    const unsigned char *t = sp->t;
    size_t n = k->e - k->s;
    if (n == 1)
        return t[k->s] == '-' || t[k->s] == '*' || t[k->s] == '+';
    return n <= 3 && ubullet_len(t + k->s, n) == n;
}

/* Bytes of a non-ASCII bullet glued to the word it opens ("•Trade"), else 0. */
static size_t glued_bullet(const splitter *sp, const tok *k)
{
    size_t m = ubullet_len(sp->t + k->s, k->e - k->s);
    /* dashes glued to a word are punctuation, not bullets */
    if (m == 3 && sp->t[k->s + 1] == 0x80 && (sp->t[k->s + 2] == 0x93 || sp->t[k->s + 2] == 0x94))
        return 0;
    return m < k->e - k->s ? m : 0;
}

/* An enumerator: "1." "12)" "(3)" "a." "b)" "(c)" "iv." "(ii)" "A)" "(B)". */
static int is_enumerator(const splitter *sp, const tok *k)
{
    const unsigned char *t = sp->t;
    size_t s = k->s, e = k->e;
    int paren = 0;
    if (e - s < 2)
        return 0;
    if (t[s] == '(') {
        paren = 1;
        s++;
    }
    unsigned char last = t[e - 1];
    if (paren ? last != ')' : (last != '.' && last != ')'))
        return 0;
    e--;
    if (e <= s)
        return 0;
    size_t n = e - s, i;
    for (i = s; i < e && is_digit(t[i]); i++) {}
    if (i == e)
        return n <= ENUM_MAX_DIGITS;
    if (n == 1 && is_lower(t[s]))
        return 1;
    if (n == 1 && is_alpha(t[s]))
        return last == ')'; /* "A." is an initial, "A)" an item */
    for (i = s; i < e && (t[i] == 'i' || t[i] == 'v' || t[i] == 'x'); i++) {}
    return i == e && n <= 4;
}

/* Does a list item start at token k (the first on its line)? Needs more text on the same line. */
static int starts_item(const splitter *sp, const tok *k)
{
    if (glued_bullet(sp, k))
        return 1;
    if (!is_bullet(sp, k) && !is_enumerator(sp, k))
        return 0;
    size_t p = k->e;
    for (int i = 0; i < 16 && p < sp->len && (sp->t[p] == ' ' || sp->t[p] == '\t'); i++)
        p++;
    return p > k->e && p < sp->len && !is_ascii_space(sp->t[p]);
}

/* ---- the end of a token ---- */
enum { END_NONE, END_PERIOD, END_ELLIPSIS, END_QX, END_TERM };

typedef struct tail {
    int kind;
    size_t word_s, word_e; /* END_PERIOD: the word before the period (bounded, may be empty) */
    int long_word;         /* the word goes on beyond what was examined */
} tail;

static int is_qx(const unsigned char *t, size_t s, size_t e, size_t *k)
{
    if (e > s && (t[e - 1] == '?' || t[e - 1] == '!')) {
        *k = 1;
        return 1;
    }
    /* ‼ ⁇ ⁈ ⁉ */
    if (e - s >= 3 && t[e - 3] == 0xE2 &&
        ((t[e - 2] == 0x80 && t[e - 1] == 0xBC) || (t[e - 2] == 0x81 && t[e - 1] >= 0x87 && t[e - 1] <= 0x89))) {
        *k = 3;
        return 1;
    }
    return 0;
}

static int is_ellipsis_char(const unsigned char *t, size_t s, size_t e)
{
    return e - s >= 3 && t[e - 3] == 0xE2 && t[e - 2] == 0x80 && t[e - 1] == 0xA6;
}

static void token_tail(const splitter *sp, const tok *k, tail *out)
{
    const unsigned char *t = sp->t;
    size_t s = k->s, e = k->e;
    memset(out, 0, sizeof *out);
    if (k->term) {
        out->kind = END_TERM;
        return;
    }
    if (is_alpha(t[e - 1]) || is_digit(t[e - 1]))
        return; /* most tokens: a word with nothing after it */
    /* closing quotes and brackets, and footnote marks such as "[12]" */
    for (int i = 0; i < AFFIX_MAX && e > s; i++) {
        if (t[e - 1] == ']') {
            size_t q = e - 1;
            while (q > s && e - q < 6 && (is_digit(t[q - 1]) || is_alpha(t[q - 1])))
                q--;
            if (q > s && q < e - 1 && t[q - 1] == '[') {
                e = q - 1;
                continue;
            }
        }
        size_t m = closer_before(t, s, e);
        if (!m)
            break;
        e -= m;
    }
    if (e <= s)
        return;
    /* the run of terminal punctuation */
    size_t p = e;
    int dots = 0, qx = 0, ell = 0;
    for (int i = 0; i < PUNCT_RUN_MAX && p > s; i++) {
        size_t m;
        if (t[p - 1] == '.') {
            dots++;
            p--;
        } else if (is_qx(t, s, p, &m)) {
            qx = 1;
            p -= m;
        } else if (is_ellipsis_char(t, s, p)) {
            ell = 1;
            p -= 3;
        } else
            break;
    }
    if (qx)
        out->kind = END_QX;
    else if (ell || dots >= 2)
        out->kind = END_ELLIPSIS;
    else if (dots == 1) {
        out->kind = END_PERIOD;
        /* the word: letters, digits, dots, apostrophes and non-ASCII bytes before the period */
        size_t q = p;
        while (q > s && p - q <= WORD_KEY_MAX) {
            unsigned char c = t[q - 1];
            if (!(is_alpha(c) || is_digit(c) || c == '.' || c == '\'' || c >= 0x80))
                break;
            q--;
        }
        if (p - q > WORD_KEY_MAX)
            out->long_word = 1;
        /* do not start inside a UTF-8 sequence */
        while (q < p && is_cont(t[q]))
            q++;
        out->word_s = q;
        out->word_e = p;
    }
}

/* "U.S", "S.M", "Ph.D": two or more dot-separated segments of one or two ASCII letters. */
static int dotted_acronym(const unsigned char *t, size_t s, size_t e)
{
    int segs = 0;
    size_t run = 0;
    for (size_t i = s; i < e; i++) {
        if (is_alpha(t[i])) {
            if (++run > 2)
                return 0;
        } else if (t[i] == '.') {
            if (!run)
                return 0;
            segs++;
            run = 0;
        } else
            return 0;
    }
    return run && segs >= 1;
}

/* Sentence end after an [other] abbreviation, an initial or a dotted acronym. */
static int other_rule(const splitter *sp, const tok *nxt, int cls)
{
    if (cls == C_CASELESS)
        return 1;
    if (cls != C_UPPER)
        return 0;
    return is_starter(sp, nxt, 1);
}

/* Sentence end after an ordinary word and a period: not before a lower-case word, nor before a
 * symbol that cannot open a sentence ("9.30 A.M. / 7.00 P.M.", "Rs. 5 & more", ", said"). */
static int ordinary_rule(const splitter *sp, const tok *nxt, int cls)
{
    if (cls == C_NONE && strchr("/&+=%|<>~^,;:", sp->t[nxt->s]) && sp->t[nxt->s])
        return 0;
    return cls != C_LOWER;
}

static int period_ends(const splitter *sp, const tail *tl, const tok *cur, const tok *nxt, int first)
{
    const unsigned char *t = sp->t;
    int cls = tok_class(sp, nxt, NULL);
    if (first && is_enumerator(sp, cur))
        return 0; /* "1. item", "a. item": a list marker opening the sentence */
    if (first && tl->word_e - tl->word_s == 1 && tl->word_s == cur->s && is_alpha(sp->t[cur->s]))
        return 0; /* "A. The first option", "Q. What next?": a letter opening the sentence */
    if (tl->long_word)
        return ordinary_rule(sp, nxt, cls);
    size_t s = tl->word_s, e = tl->word_e;
    if (s == e)
        return ordinary_rule(sp, nxt, cls);
    if (e - s == 1 && is_alpha(t[s]) && !is_lower(t[s]))
        return other_rule(sp, nxt, cls); /* a capital initial, even if "P" is also "p." (page) */
    unsigned f = words_get(sp->w, (const char *)t + s, e - s);
    if (!f) {
        /* "Lt.Gen", "Maj.Gen": a title after the last inner dot */
        size_t d = e;
        while (d > s && t[d - 1] != '.')
            d--;
        if (d > s && (words_get(sp->w, (const char *)t + d, e - d) & W_TITLE))
            f = W_TITLE;
    }
    if (f & (W_TITLE | W_ALWAYS))
        return 0;
    if (f & W_NUMBER) {
        if (cls == C_DIGIT)
            return 0;
        return (f & W_OTHER) ? other_rule(sp, nxt, cls) : ordinary_rule(sp, nxt, cls);
    }
    if (f & W_OTHER)
        return other_rule(sp, nxt, cls);
    if (f & W_FINAL)
        return ordinary_rule(sp, nxt, cls);
    /* general rules: an initial ("W."), a dotted acronym ("U.S.") */
    if (e - s == 1 && is_alpha(t[s]))
        return other_rule(sp, nxt, cls);
    if (dotted_acronym(t, s, e))
        return other_rule(sp, nxt, cls);
    return ordinary_rule(sp, nxt, cls);
}

/* Does token k end with something that glues the line to the next one ("in", ",", "-")? */
static int ends_joined(const splitter *sp, const tok *k)
{
    const unsigned char *t = sp->t;
    size_t e = k->e;
    unsigned char c = t[e - 1];
    if (c == ',' || c == ';' || c == '-' || c == '/' || c == '&' || c == '+' || c == '(' || c == '=')
        return 1;
    if (e - k->s >= 3 && t[e - 3] == 0xE2 && t[e - 2] == 0x80 && (c == 0x93 || c == 0x94))
        return 1; /* – — */
    size_t q = e;
    while (q > k->s && e - q <= WORD_KEY_MAX && is_alpha(t[q - 1]))
        q--;
    if (q == e || e - q > WORD_KEY_MAX || (q > k->s && is_alpha(t[q - 1])))
        return 0;
    return (words_get(sp->w, (const char *)t + q, e - q) & W_JOINER) != 0;
}

/* Length of the line starting at byte p, up to LINE_PROBE_MAX. */
static size_t line_len(const splitter *sp, size_t p)
{
    size_t n = sp->len - p < LINE_PROBE_MAX ? sp->len - p : LINE_PROBE_MAX;
    const unsigned char *nl = memchr(sp->t + p, '\n', n);
    size_t l = nl ? (size_t)(nl - (sp->t + p)) : n;
    while (l > 0 && is_ascii_space(sp->t[p + l - 1]))
        l--;
    return l;
}

typedef struct line_state {
    size_t start;       /* first byte of the current line's first token */
    int item;           /* the line opens a list item */
    size_t widest;      /* longest line so far in this paragraph */
} line_state;

/* Does line ln (ending with token cur) look like prose wrapped at a fixed width? It must be
 * long enough (WRAP_MIN_BYTES), not longer than anyone wraps (WRAP_MAX_BYTES), and full: the next
 * line's first word would not have fitted on it within the widest line seen around it. */
static int looks_wrapped(const splitter *sp, const line_state *ln, const tok *cur, const tok *nxt)
{
    size_t cur_len = cur->e - ln->start;
    if (cur_len < WRAP_MIN_BYTES || cur_len > WRAP_MAX_BYTES)
        return 0;
    size_t widest = line_len(sp, nxt->s);
    if (ln->widest > widest)
        widest = ln->widest;
    if (cur_len > widest)
        widest = cur_len;
    return cur_len + 1 + (nxt->e - nxt->s) > widest;
}

/* Does a single line break after token cur (which has no final punctuation) end the sentence? */
static int line_break_ends(const splitter *sp, const line_state *ln, const tok *cur, const tok *nxt)
{
    if (tok_class(sp, nxt, NULL) == C_LOWER || ends_joined(sp, cur))
        return 0;
    if (is_starter(sp, nxt, 2))
        return 1; /* "...neighbouring states\nIt is ...": a capitalised starter opens the line */
    return !looks_wrapped(sp, ln, cur, nxt);
}

/* Does a list item starting on the next line end the sentence? Not when the line before is
 * wrapped prose and the item is only a number ("... under section\n7. This ..."). */
static int item_ends(const splitter *sp, const line_state *ln, const tok *cur, const tok *nxt)
{
    if (!starts_item(sp, nxt))
        return 0;
    if (!is_enumerator(sp, nxt) || !is_digit(sp->t[nxt->s]))
        return 1;
    tail tl;
    token_tail(sp, cur, &tl);
    if (tl.kind != END_NONE || sp->t[cur->e - 1] == ':')
        return 1;
    return !looks_wrapped(sp, ln, cur, nxt);
}

static int run_split(splitter *sp, dyad_sentence_fn fn, void *ud)
{
    tok cur, nxt;
    int have_cur = next_tok(sp, &cur), have_nxt;
    tok word;                /* the last token of the sentence that is not only closers */
    int have_word = 0, word_first = 0;
    int in_sent = 0, first = 0, alnum = 0;
    size_t sstart = 0;
    line_state ln = {0};
    int first_tok = 1;
    for (; have_cur; cur = nxt, have_cur = have_nxt) {
        have_nxt = next_tok(sp, &nxt);
        int same_line_next = have_nxt && nxt.nl == 0;
        /* line bookkeeping */
        if (first_tok || cur.nl > 0) {
            if (cur.nl >= 2 || first_tok)
                ln.widest = 0;
            ln.start = cur.s;
            ln.item = same_line_next && starts_item(sp, &cur);
            first_tok = 0;
        }
        /* sentence start; a bullet opening it is left out */
        if (!in_sent) {
            if (same_line_next && is_bullet(sp, &cur))
                continue;
            sstart = cur.s + glued_bullet(sp, &cur);
            in_sent = 1;
            first = 1;
            alnum = 0;
        }
        if (!alnum)
            alnum = has_alnum(sp->t, cur.s > sstart ? cur.s : sstart, cur.e);
        /* does the sentence end after cur? */
        int end = 0;
        if (!have_nxt || nxt.nl >= 2)
            end = 1;
        else if (nxt.nl == 1 && item_ends(sp, &ln, &cur, &nxt))
            end = 1;
        else if (nxt.nl == 0 && nxt.closers)
            end = 0; /* a spaced closing quote or bracket belongs to this sentence */
        else {
            /* after a spaced closer, the punctuation before it decides */
            const tok *basis = (have_word && cur.closers) ? &word : &cur;
            int first_basis = basis == &cur ? first : word_first;
            tail tl;
            token_tail(sp, basis, &tl);
            switch (tl.kind) {
            case END_TERM:
                end = 1;
                break;
            case END_QX:
                end = tok_class(sp, &nxt, NULL) != C_LOWER;
                break;
            case END_ELLIPSIS: {
                int c = tok_class(sp, &nxt, NULL);
                end = c == C_UPPER || c == C_CASELESS;
                break;
            }
            case END_PERIOD:
                end = period_ends(sp, &tl, basis, &nxt, first_basis);
                break;
            default:
                if (nxt.nl == 1 && basis == &cur)
                    end = line_break_ends(sp, &ln, &cur, &nxt);
                break;
            }
        }
        if (!end && nxt.e - sstart > DYAD_SPLIT_MAX_BYTES)
            end = 1; /* cut an over-long sentence at this white space */
        if (have_nxt && nxt.nl >= 1) {
            size_t l = cur.e - ln.start;
            if (l > ln.widest)
                ln.widest = l;
        }
        if (!cur.closers) {
            word = cur;
            word_first = first;
            have_word = 1;
        }
        first = 0;
        if (end) {
            have_word = 0;
            in_sent = 0;
            if (alnum) {
                int r = fn(ud, sstart, cur.e);
                if (r)
                    return r;
            }
        }
    }
    return 0;
}

int dyad_split(const dyad_ctx *ctx, const char *text, size_t len, dyad_sentence_fn fn, void *ud)
{
    split_words local = {0};
    const split_words *w;
    int r;
    if (!fn || (!text && len))
        return dyad__fail(ctx, DYAD_ARG, "dyad_split: no callback or no text");
    if (ctx) {
        w = dyad__slot(ctx, DYAD__SLOT_SPLIT, words_make, words_destroy);
        if (!w)
            return dyad__fail(ctx, DYAD_NOMEM, "sentence splitter: out of memory for the abbreviation list");
    } else {
        const dyad__builtin *b = dyad__builtin_data;
        while (b->name && strcmp(b->name, "abbreviations.txt") != 0)
            b++;
        if (words_build(&local, b->name ? b->data : NULL, b->name ? b->len : 0))
            return DYAD_NOMEM;
        w = &local;
    }
    splitter sp = {(const unsigned char *)text, len, 0, w};
    r = len ? run_split(&sp, fn, ud) : 0;
    words_free(&local);
    return r;
}
