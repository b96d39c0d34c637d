/* core/tok.c — tokens of a sentence (see tok.h). */
#include <string.h>
#include <utf8proc.h>

#include "core/internal.h"
#include "core/tok.h"

/* Character classes the tokenizer needs. */
enum { C_SPACE, C_LETTER, C_DIGIT, C_APOS, C_DOT, C_HYPHEN, C_DASH, C_QUOTE, C_PUNCT };

static int cls(const unsigned char *p, size_t n, size_t *len, int *upper, int *lower)
{
    *upper = *lower = 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *len = 1;
        if (c <= ' ' || c == 0x7f)
            return C_SPACE;
        if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            *upper = c <= 'Z';
            *lower = !*upper;
            return C_LETTER;
        }
        if (c >= '0' && c <= '9')
            return C_DIGIT;
        if (c == '\'')
            return C_APOS;
        if (c == '.')
            return C_DOT;
        if (c == '-')
            return C_HYPHEN;
        if (c == '"')
            return C_QUOTE;
        return C_PUNCT;
    }
    int32_t cp;
    size_t k = dyad__utf8_decode((const char *)p, n, &cp);
    if (!k) {
        *len = 1;
        return C_PUNCT;
    }
    *len = k;
    switch (cp) {
    case 0x2019: case 0x2018: return cp == 0x2019 ? C_APOS : C_QUOTE;
    case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: case 0x201E: return C_QUOTE;
    case 0x2010: case 0x2011: return C_HYPHEN;
    case 0x2013: return C_DASH; /* en dash: a hyphen between words, else a dash */
    case 0x00A0: case 0x2009: case 0x200A: case 0x202F: case 0x3000: return C_SPACE;
    default: break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: *upper = 1; return C_LETTER;
    case UTF8PROC_CATEGORY_LL: *lower = 1; return C_LETTER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return C_LETTER;
    case UTF8PROC_CATEGORY_ND: return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return C_SPACE;
    default: return C_PUNCT;
    }
}

typedef struct scan {
    const unsigned char *p;
    size_t i, end;
} scan;

static int peek(const scan *S, size_t at, size_t *len, int *up, int *lo)
{
    if (at >= S->end) {
        *len = 0;
        *up = *lo = 0;
        return C_SPACE;
    }
    return cls(S->p + at, S->end - at, len, up, lo);
}

size_t dyad__tokenize(const char *text, size_t start, size_t end, dyad__tok *out, size_t cap)
{
    scan S = {(const unsigned char *)text, start, end};
    size_t n = 0;
    int space = 1;
    while (S.i < S.end && n < cap) {
        size_t len;
        int up, lo;
        int c = peek(&S, S.i, &len, &up, &lo);
        if (c == C_SPACE) {
            space = 1;
            S.i += len;
            continue;
        }
        dyad__tok *t = &out[n];
        t->s = (uint32_t)S.i;
        t->flags = space ? DYAD__T_SPACE : 0;
        space = 0;
        if (c == C_LETTER || c == C_DIGIT) {
            int first = 1, letters = 0, uppers = 0, lowers = 0, dots = 0;
            size_t run = 0; /* letters since the last inner full stop */
            t->flags |= DYAD__T_WORD;
            if (c == C_DIGIT)
                t->flags |= DYAD__T_NUM;
            size_t j = S.i;
            for (;;) {
                size_t l;
                int u, lw;
                int k = peek(&S, j, &l, &u, &lw);
                if (k == C_LETTER || k == C_DIGIT) {
                    if (k == C_LETTER) {
                        letters++;
                        if (first && u)
                            t->flags |= DYAD__T_CAP;
                        uppers += u;
                        lowers += lw;
                    }
                    first = 0;
                    run++;
                    j += l;
                    continue;
                }
                size_t l2;
                int u2, lw2;
                int k2 = peek(&S, j + l, &l2, &u2, &lw2);
                int prev_digit = j > S.i && S.p[j - 1] >= '0' && S.p[j - 1] <= '9';
                if (k == C_APOS) {
                    /* possessive: 's followed by a non-letter, or ' after s at a word's end */
                    if (k2 == C_LETTER && (S.p[j + l] | 32) == 's') {
                        size_t l3;
                        int u3, lw3;
                        int k3 = peek(&S, j + l + l2, &l3, &u3, &lw3);
                        if (k3 != C_LETTER && k3 != C_DIGIT)
                            break;
                    }
                    if (k2 == C_LETTER) { /* d'Ivoire, O'Brien, don't */
                        j += l;
                        continue;
                    }
                    break;
                }
                if (k == C_DOT && k2 == C_LETTER && run <= 2 && letters) {
                    /* U.S., A.K., e.g. : short letter groups joined by full stops */
                    dots = 1;
                    run = 0;
                    j += l;
                    continue;
                }
                if (k == C_DOT && dots && run <= 2) { /* the final stop of U.S. */
                    j += l;
                    break;
                }
                if ((k == C_DOT || (k == C_PUNCT && S.p[j] == ',')) && prev_digit && k2 == C_DIGIT) {
                    j += l; /* 3.5, 1,000 */
                    continue;
                }
                if (k == C_PUNCT && S.p[j] == '+' && prev_digit && k2 == C_DIGIT) {
                    j += l; /* 2+2 */
                    continue;
                }
                if (k == C_HYPHEN && j - S.i == 2 && (S.p[S.i] | 32) == 'c' && (S.p[S.i + 1] | 32) == 'o' &&
                    k2 == C_LETTER) {
                    j += l; /* co-operation is one word */
                    continue;
                }
                break;
            }
            if (dots)
                t->flags |= DYAD__T_DOTS;
            if (letters)
                t->flags |= DYAD__T_LETTER;
            if (uppers && !lowers)
                t->flags |= DYAD__T_UPPER;
            S.i = j;
        } else if (c == C_APOS && n && (out[n - 1].flags & DYAD__T_WORD) && !(t->flags & DYAD__T_SPACE)) {
            /* 's or s' after a word */
            size_t l2;
            int u2, lw2;
            int k2 = peek(&S, S.i + len, &l2, &u2, &lw2);
            if (k2 == C_LETTER && (S.p[S.i + len] | 32) == 's') {
                S.i += len + l2;
                t->flags |= DYAD__T_POSS;
            } else {
                S.i += len;
                const dyad__tok *w = &out[n - 1];
                if ((text[w->e - 1] | 32) == 's')
                    t->flags |= DYAD__T_POSS;
                else
                    t->flags |= DYAD__T_QUOTE | DYAD__T_PUNCT;
            }
        } else {
            t->flags |= DYAD__T_PUNCT;
            if (c == C_HYPHEN)
                t->flags |= DYAD__T_HYPHEN;
            else if (c == C_DASH) {
                /* an en dash between two words with no space around is a hyphen */
                size_t l2;
                int u2, lw2;
                int k2 = peek(&S, S.i + len, &l2, &u2, &lw2);
                if (!(t->flags & DYAD__T_SPACE) && (k2 == C_LETTER || k2 == C_DIGIT) && n &&
                    (out[n - 1].flags & DYAD__T_WORD))
                    t->flags |= DYAD__T_HYPHEN;
            } else if (c == C_QUOTE || c == C_APOS)
                t->flags |= DYAD__T_QUOTE;
            S.i += len;
        }
        t->e = (uint32_t)S.i;
        n++;
    }
    return n;
}

size_t dyad__fold_word(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == '-' && o == 2 && out[0] == 'c' && out[1] == 'o') { /* co-operation */
                i++;
                continue;
            }
            if (o + 1 >= cap)
                return 0;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        if (!k) {
            k = 1;
            cp = 0xFFFD;
        }
        i += k;
        if (cp == 0x2019 || cp == 0x2018)
            cp = '\'';
        else
            cp = utf8proc_tolower(cp);
        if (o + 5 >= cap)
            return 0;
        o += dyad__utf8_encode(cp, out + o);
    }
    out[o] = 0;
    return o;
}

size_t dyad__tok_fold(const char *text, const dyad__tok *t, char *out, size_t cap)
{
    return dyad__fold_word(text + t->s, t->e - t->s, out, cap);
}
