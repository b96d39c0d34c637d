/* date/date.c — the temporal tagger.
 *
 * One pass: a hand-written scanner turns the text into tokens (words, digit runs, punctuation) in
 * a small ring buffer; at each token a fixed set of patterns looks at most WINDOW tokens ahead and
 * LOOKBACK tokens behind, so the cost per token is bounded and the memory is constant. Words are
 * classified by one lookup in the lexicon (data/date-words.txt). A match consumes its tokens; the
 * scan resumes after it, so matches never overlap and nothing is rescanned.
 *
 * Anchoring: deictic expressions ("last year", "yesterday", "two years ago") are resolved against
 * the document date (DCT); anaphoric ones ("the following year", "two years later") against the
 * narrative reference, the last date the text stated (falling back to the DCT). A month or day
 * without a year takes the year of a date stated earlier in the same sentence, else the DCT's
 * (moved by one year when the sentence's tense says so), else the narrative's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "date/date_int.h"

/* Tokens kept in the ring: WINDOW ahead of the current one and LOOKBACK behind must fit. */
#define RING 64
#define WINDOW 24
#define LOOKBACK 12
/* Longest digit run that still has a numeric value; longer runs are never dates. */
#define NUM_MAX_DIGITS 9
/* Years the tagger accepts; outside them a number is not a year (99999, 0 AD). */
#define YEAR_MIN 1
#define YEAR_MAX 2999
/* Without a document date, a month or day with no year takes the year of a date stated at most
 * this many sentences before; further back it stays XXXX rather than guess. */
#define NARR_SENTENCES 3
/* A quarter the text reports on ("third-quarter net") stays the reporting period of comparisons
 * ("a year ago", "year-earlier") for this many sentences. */
#define PERIOD_SENTENCES 12
/* How far back (tokens) the tense of a clause is looked for. */
#define TENSE_LOOKBACK 10
/* ... and ahead, when nothing before it tells. */
#define TENSE_LOOKAHEAD 8

enum { TK_END = 0, TK_WORD, TK_NUM, TK_PUNCT };

typedef struct tok {
    size_t s, e;           /* byte span */
    size_t sent;           /* sentence number */
    uint8_t kind;
    char c;                /* punctuation, normalised: dashes '-', quotes '\'' and '"' */
    uint8_t sp;            /* white space before */
    uint8_t cap;           /* word starts with a capital */
    uint8_t allcap;        /* every letter a capital */
    uint8_t ndig;          /* digits in a number (capped at 255) */
    int32_t num;           /* value when ndig <= NUM_MAX_DIGITS, else -1 */
    const date_lexent *lx; /* lexicon entry, NULL if none */
} tok;

/* Granularities of a date value. */
enum { G_NONE = 0, G_CENT, G_DEC, G_YEAR, G_FY, G_HALF, G_QUARTER, G_SEASON, G_MONTH, G_WEEK,
       G_WEEKEND, G_WEEKDAY, G_DAY, G_TIME, G_LIT };

typedef struct res {
    int type, gran;
    int y, m, d, sub;      /* y 0: unknown; sub: quarter, half, season, week, hhmm, daypart */
    int y2, m2, d2;        /* end of a range sharing a part, y2 0: none */
    int mod, anchor;
    char lit[40];          /* the value when gran == G_LIT */
    const char *quant;
    const char *freq;
    int the_ok;            /* the pattern takes a leading "the" into its span */
    int comparison;        /* a comparison period ("a year ago" after an amount): not a reporting period */
    int named;             /* the month was named ("in June"), not computed ("last month") */
    size_t start_at;       /* when non-zero: the span starts at this token, not at the match's first */
} res;

typedef struct ref {
    int y, m, d, gran;     /* y 0: none */
    size_t sent;
    int explicit;          /* stated in full by the text, not resolved from an anchor */
    int named;             /* a month named by the text, its year resolved ("in June") */
    int sub;               /* the week of a G_WEEK reference */
} ref;

typedef struct scan {
    const date_lex *lx;
    const char *text;
    size_t len, pos;
    tok ring[RING];
    size_t ntok;           /* tokens produced */
    int eof;
    size_t sent;
    int prev_end_punct;    /* the last token was . ! ? */
    int prev_letter;       /* the last token was a one-letter word ("p" of "p.m.", an initial) */
    int prev_abbr;         /* the last token was a month word of at most four letters ("Jan", "Sept") */
    int prev_abbr_dot;     /* the last token was the full stop after one */
    tok end_tok;
    /* anchors */
    ref dct, narr;
    ref period;            /* the quarter the text reports on (m: the quarter, 1-4), see emit() */
    size_t expr_start;     /* first token of the expression being matched (for lean_at) */
    int dmy_votes, mdy_votes;
    unsigned flags;
} scan;

/* ------------------------------------------------------------------ calendar arithmetic */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 ? (y == 0 || leap(y) ? 29 : 28) : n[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian), Hinnant's algorithm. */
static long civil_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int weekday_of(long days) { return (int)(((days % 7) + 7 + 3) % 7) + 1; } /* 1970-01-01 was a Thursday */

static void iso_week(long days, int *wy, int *w)
{
    int y, m, d;
    long thu = days - weekday_of(days) + 4; /* the Thursday of this week decides the year */
    civil_from(thu, &y, &m, &d);
    *wy = y;
    *w = (int)((thu - civil_days(y, 1, 1)) / 7) + 1;
}

/* ------------------------------------------------------------------ scanner */

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Produces the next token into *t; returns 0 at the end of the text. */
static int next_token(scan *S, tok *t)
{
    const unsigned char *p = (const unsigned char *)S->text;
    size_t i = S->pos, n = S->len;
    int sp = 0, nl = 0;
    for (;;) {
        if (i >= n) {
            S->pos = i;
            return 0;
        }
        unsigned char c = p[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            sp = 1, i++;
        } else if (c == '\n') {
            sp = 1, nl++, i++;
        } else if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
            sp = 1, i += 2; /* no-break space */
        } else if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] <= 0x8A || p[i + 2] == 0xAF)) {
            sp = 1, i += 3; /* U+2000..U+200A, U+202F */
        } else
            break;
    }
    memset(t, 0, sizeof *t);
    t->s = i;
    t->sp = (uint8_t)sp;
    unsigned char c = p[i];
    if (is_alpha(c)) {
        char w[LEX_KEY];
        size_t k = 0;
        t->kind = TK_WORD;
        t->cap = c >= 'A' && c <= 'Z';
        t->allcap = 1;
        while (i < n && is_alpha(p[i])) {
            if (p[i] >= 'a')
                t->allcap = 0;
            if (k < LEX_KEY)
                w[k] = (char)(p[i] | 32);
            k++, i++;
        }
        t->lx = k < LEX_KEY ? date__lex_find(S->lx, w, k) : NULL;
    } else if (is_digit(c)) {
        size_t k = 0;
        long v = 0;
        t->kind = TK_NUM;
        while (i < n && is_digit(p[i])) {
            if (k < NUM_MAX_DIGITS)
                v = v * 10 + (p[i] - '0');
            k++, i++;
        }
        t->ndig = (uint8_t)(k > 255 ? 255 : k);
        t->num = k <= NUM_MAX_DIGITS ? (int32_t)v : -1;
    } else {
        t->kind = TK_PUNCT;
        if (c < 0x80) {
            t->c = (char)c;
            i++;
        } else {
            int32_t cp;
            size_t l = dyad__utf8_decode((const char *)p + i, n - i, &cp);
            if (l == 0)
                l = 1;
            i += l;
            if (cp >= 0x2010 && cp <= 0x2015)
                t->c = '-';
            else if (cp == 0x2018 || cp == 0x2019 || cp == 0x2032)
                t->c = '\'';
            else if (cp == 0x201C || cp == 0x201D)
                t->c = '"';
            else if (cp == 0x2212)
                t->c = '-';
            else
                t->c = '?';
        }
    }
    t->e = i;
    /* Sentence numbering: a break after . ! ? before a capital or digit, or a blank line. */
    if (nl >= 2 || (S->prev_end_punct && sp && (t->cap || t->kind != TK_WORD) && !(S->prev_abbr_dot && t->kind == TK_NUM)) ||
        (nl && S->prev_end_punct))
        S->sent++;
    t->sent = S->sent;
    /* "p.m. Friday", "J. Smith": a full stop right after a one-letter word ends no sentence */
    S->prev_end_punct = t->kind == TK_PUNCT && (t->c == '!' || t->c == '?' || (t->c == '.' && !(S->prev_letter && !t->sp)));
    /* "Jan. 2", "Sept. 30": the full stop of a month abbreviation before a number ends no sentence */
    S->prev_abbr_dot = t->kind == TK_PUNCT && t->c == '.' && !t->sp && S->prev_abbr;
    S->prev_letter = t->kind == TK_WORD && t->e - t->s == 1;
    S->prev_abbr = t->kind == TK_WORD && t->e - t->s <= 4 && t->lx && (t->lx->classes >> C_MONTH & 1u);
    S->pos = i;
    return 1;
}

/* Token number k (0-based), producing tokens as needed. Past the end: an END token. */
static const tok *tk(scan *S, size_t k)
{
    while (S->ntok <= k && !S->eof) {
        if (next_token(S, &S->ring[S->ntok % RING]))
            S->ntok++;
        else
            S->eof = 1;
    }
    if (k >= S->ntok) {
        S->end_tok.kind = TK_END;
        S->end_tok.s = S->end_tok.e = S->len;
        S->end_tok.sent = S->sent + 1;
        S->end_tok.sp = 1; /* the end separates like white space */
        return &S->end_tok;
    }
    return &S->ring[k % RING];
}

/* Token before k, or an END token when k is the first or too far back. */
static const tok *tkb(scan *S, size_t k, size_t back)
{
    if (back > k || back > LOOKBACK || k - back + RING <= S->ntok) {
        S->end_tok.kind = TK_END;
        S->end_tok.s = S->end_tok.e = 0;
        S->end_tok.sp = 1;
        return &S->end_tok;
    }
    return tk(S, k - back);
}

static int cls(const tok *t, int c) { return t->kind == TK_WORD && t->lx && (t->lx->classes >> c & 1u); }
static int val(const tok *t, int c) { return t->lx->val[c]; }
static int key(const tok *t) { return cls(t, C_KEY) ? val(t, C_KEY) : K_NONE; }
static int punct(const tok *t, char c) { return t->kind == TK_PUNCT && t->c == c; }
static int is_num(const tok *t, int mind, int maxd) { return t->kind == TK_NUM && t->ndig >= mind && t->ndig <= maxd; }
static int word_len(const tok *t) { return (int)(t->e - t->s); }

/* A lone letter word such as "F" in "F-35" or "G" in "G20" glued to a number. */
static int letter_glued_before(scan *S, size_t k)
{
    const tok *t = tk(S, k), *p = tkb(S, k, 1);
    if (t->sp)
        return 0;
    if (p->kind == TK_WORD)
        return 1;
    if (punct(p, '-') || punct(p, '+') || punct(p, '/') || punct(p, '.') || punct(p, ',') || punct(p, '#')) {
        const tok *pp = tkb(S, k, 2);
        if (punct(p, '-') && (cls(pp, C_PART) || cls(pp, C_PARTNOUN) || key(pp) == K_PRE || key(pp) == K_POST))
            return 0; /* "mid-2009", "end-2009", "post-1959" */
        if (!p->sp && (pp->kind == TK_WORD || pp->kind == TK_NUM) && !(pp->kind == TK_NUM && pp->ndig == 4 && punct(p, '-')))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ anchors */

/* A regular past form: a lower-case word of more than four letters ending in "ed" ("closed"). */
static int regular_past(scan *S, const tok *t)
{
    return t->kind == TK_WORD && !t->lx && !t->cap && word_len(t) > 4 && S->text[t->e - 1] == 'd' &&
           S->text[t->e - 2] == 'e';
}

/* Tense of the clause around token k (regular: also from a regular past form, "closed"): -1 past,
 * 1 future, TENSE_PRESENT ("is", "are"; also "was planned"), TENSE_NONE when nothing tells. The
 * nearest finite verb before k decides, within its clause (a TENSE_CLAUSE word ends the search); a past
 * participle after "is", "be", "been" leaves it to the auxiliary before ("will be paid Dec. 14" is
 * future, "was held" past, "is expected" present). */
enum { TENSE_PRESENT = 2, TENSE_AUX = 3, TENSE_INTENT = 4, TENSE_NONE = 5, TENSE_CLAUSE = 6 };
static int tense_of(scan *S, size_t k, int regular)
{
    const tok *here = tk(S, k);
    for (size_t b = 1; b <= TENSE_LOOKBACK; b++) {
        const tok *t = tkb(S, k, b);
        if (t->kind == TK_END || t->sent != here->sent)
            break;
        int v;
        if (cls(t, C_TENSE) && val(t, C_TENSE) == TENSE_CLAUSE)
            break; /* "..., where the Aug. 7 blasts": the clause before does not tell */
        if (cls(t, C_TENSE))
            v = val(t, C_TENSE);
        else if (regular && regular_past(S, t))
            v = -1;
        else
            continue;
        if (v == TENSE_AUX)
            continue; /* "will be", "has been": the tense is further back */
        if (v == TENSE_PRESENT) {
            const tok *q = tkb(S, k, b + 1);
            if (cls(q, C_TENSE) && q->sent == here->sent && val(q, C_TENSE) == 1)
                return 1; /* "will have doubled", "could have" */
        }
        if (v == TENSE_INTENT) {
            const tok *q = tkb(S, k, b + 1);
            return cls(q, C_TENSE) && q->sent == here->sent && val(q, C_TENSE) == -1 ? TENSE_PRESENT : 1;
        }
        if (v == -1) {
            const tok *q = tkb(S, k, b + 1);
            int qv = cls(q, C_TENSE) && q->sent == here->sent ? val(q, C_TENSE) : 0;
            if (qv == TENSE_PRESENT || qv == TENSE_AUX)
                continue; /* a participle after "is", "be", "been": the auxiliary decides */
            if (qv == -1 || qv == 1)
                return qv;
        }
        return v;
    }
    /* nothing before it: the verb after it ("On Monday, the leaders will meet", "Over the weekend,
     * officials confirmed") */
    for (size_t f = 1; f <= TENSE_LOOKAHEAD; f++) {
        const tok *t = tk(S, k + f);
        if (t->kind == TK_END || t->sent != here->sent)
            break;
        if (cls(t, C_TENSE) && val(t, C_TENSE) == TENSE_CLAUSE)
            break;
        if (cls(t, C_TENSE) && val(t, C_TENSE) != TENSE_AUX && !cls(t, C_DAYWORD))
            return val(t, C_TENSE) == TENSE_INTENT ? 1 : val(t, C_TENSE);
        if (regular && regular_past(S, t))
            return -1;
    }
    return TENSE_NONE;
}

/* Which way from the DCT a date without a year (a weekday without a week) lies, for the expression
 * starting at token k: -1 the latest one (a past clause, "since"), 1 the next one (a future clause,
 * "until", "as early as"), 0 the nearest (a present clause, and a past clause that sets a deadline:
 * "was extended to Nov. 16"), LEAN_NONE when nothing tells. The word right before the expression
 * may say so (class "lean" of data/date-words.txt), else the tense of the clause. */
enum { LEAN_NONE = 5 };
static int lean_at(scan *S, size_t k)
{
    if (S->expr_start < k)
        k = S->expr_start; /* "until 5 p.m. Nov. 9": the words before the whole expression */
    size_t b = 1;
    const tok *p = tkb(S, k, b);
    while (b < 5 && (key(p) == K_THE || key(p) == K_OF || cls(p, C_PART) || cls(p, C_PARTNOUN) || punct(p, '-')))
        p = tkb(S, k, ++b); /* "until the 15th", "until mid-November", "since the end of June" */
    int lean = cls(p, C_LEAN) ? val(p, C_LEAN) : 0;
    if (lean == 1) {
        const tok *q = tkb(S, k, b + 1);
        if (q->kind == TK_END || q->sent != p->sent || punct(q, ',') || punct(q, '(') || punct(q, '"'))
            lean = 0; /* "Until Thursday, they had not ...": fronted, it says how long a state lasted */
    }
    if (key(p) == K_AS && key(tkb(S, k, b + 2)) == K_AS) {
        const tok *w = tkb(S, k, b + 1);
        if ((cls(w, C_PART) && val(w, C_PART) == DYAD_MOD_START) || (cls(w, C_REF) && val(w, C_REF) == REF_FUTURE))
            lean = 1; /* "as early as Tuesday", "as soon as next week" */
    }
    if (lean == 1 || lean == -1)
        return lean;
    int t = tense_of(S, k, 1);
    if (t == TENSE_NONE)
        return lean == 2 ? 0 : LEAN_NONE;
    if (t == TENSE_PRESENT || (lean == 2 && t < 0))
        return 0;
    return t;
}

/* Year for a month (and day, 0 when none) stated without one; sets r->anchor. 0 when there is
 * nothing to anchor to. A date stated earlier in the sentence gives its year, unless the clause is
 * in the future and that year is past; else the DCT's, moved to the latest, next or nearest such
 * month as lean_at() says; else the narrative's, when recent. */
static int year_for(scan *S, size_t k, int month, int day, res *r)
{
    const tok *t = tk(S, k);
    int lean = S->dct.y ? lean_at(S, k) : 0;
    if (S->narr.y && S->narr.sent == t->sent &&
        (S->narr.explicit || (lean == LEAN_NONE && S->narr.named && S->dct.m && month &&
                              labs((long)(S->narr.y - S->dct.y) * 12 + month - S->dct.m) <= 12)) &&
        !(lean > 0 && S->narr.y < S->dct.y)) {
        r->anchor = DYAD_ANCHOR_NARRATIVE;
        return S->narr.y;
    }
    if (lean == LEAN_NONE)
        lean = 0; /* untensed: the nearest */
    if (S->dct.y) {
        int y = S->dct.y;
        if (S->dct.m && month) {
            /* months from the DCT to that month in the DCT's year, the day breaking a tie */
            int dm = month - S->dct.m;
            int later = dm > 0 || (dm == 0 && day && S->dct.d && day > S->dct.d);
            int earlier = dm < 0 || (dm == 0 && day && S->dct.d && day < S->dct.d);
            if (lean < 0 && later)
                y--;
            else if (lean > 0 && earlier)
                y++;
            else if (lean == 0 && dm >= 6)
                y--; /* nearest: six months either way goes back, news being mostly about the past */
            else if (lean == 0 && dm < -6)
                y++;
        }
        r->anchor = DYAD_ANCHOR_DCT;
        return y;
    }
    if (S->narr.y && S->narr.explicit && t->sent - S->narr.sent <= NARR_SENTENCES) {
        r->anchor = DYAD_ANCHOR_NARRATIVE;
        return S->narr.y;
    }
    r->anchor = DYAD_ANCHOR_NONE;
    return 0;
}

static const char *unit_code(int u)
{
    switch (u) {
    case U_Y: return "Y";
    case U_M: return "M";
    case U_W: return "W";
    case U_D: return "D";
    case U_DE: return "DE";
    case U_CE: return "CE";
    case U_Q: return "Q";
    case U_WE: return "WE";
    case U_ML: return "ML";
    case U_H: return "H";
    case U_MIN: return "M";
    default: return "Y";
    }
}

/* Sets r to reference date + n units, at the unit's granularity. from: the reference.
 * Returns 0 when the unit cannot be applied to what the reference knows. */
static int shift(const ref *from, int unit, int n, res *r)
{
    int y = from->y, m = from->m, d = from->d;
    if (!y || n > 10000 || n < -10000)
        return 0;
    switch (unit) {
    case U_Y:
        r->gran = G_YEAR, r->y = y + n;
        break;
    case U_DE:
        r->gran = G_DEC, r->y = (y / 10 + n) * 10;
        break;
    case U_CE:
        r->gran = G_CENT, r->y = (y / 100 + n) * 100;
        break;
    case U_M: case U_Q: {
        if (!m)
            return 0;
        int step = unit == U_Q ? 3 * n : n;
        long mm = (long)y * 12 + (m - 1) + step;
        r->y = (int)(mm / 12), r->m = (int)(mm % 12) + 1;
        if (unit == U_Q)
            r->gran = G_QUARTER, r->sub = (r->m - 1) / 3 + 1;
        else
            r->gran = G_MONTH;
        break;
    }
    case U_W: case U_WE: case U_F: {
        if (!m || !d)
            return 0;
        long days = civil_days(y, m, d) + 7L * (unit == U_F ? 2 * n : n);
        iso_week(days, &r->y, &r->sub);
        r->gran = unit == U_WE ? G_WEEKEND : G_WEEK;
        break;
    }
    case U_D: {
        if (!m || !d)
            return 0;
        civil_from(civil_days(y, m, d) + n, &r->y, &r->m, &r->d);
        r->gran = G_DAY;
        break;
    }
    default:
        return 0;
    }
    if (r->y < YEAR_MIN || r->y > YEAR_MAX + 1000)
        return 0;
    return 1;
}

/* Resolves an offset from the DCT (deictic) or from the narrative (anaphoric); without a reference
 * the value stays relative: REF-P1Y. */
static void relative(scan *S, int anaphoric, int unit, int n, res *r)
{
    r->type = DYAD_TIMEX_DATE;
    if (anaphoric && S->narr.y && shift(&S->narr, unit, n, r)) {
        r->anchor = DYAD_ANCHOR_NARRATIVE;
        return;
    }
    if (S->dct.y && shift(&S->dct, unit, n, r)) {
        r->anchor = DYAD_ANCHOR_DCT;
        return;
    }
    r->gran = G_LIT;
    r->anchor = DYAD_ANCHOR_NONE;
    snprintf(r->lit, sizeof r->lit, "REF%cP%d%s", n < 0 ? '-' : '+', n < 0 ? -n : n, unit_code(unit));
}

/* The reporting period, when a quarter the text reports on was stated lately. */
static int period_ok(scan *S, size_t k)
{
    return S->period.y && tk(S, k)->sent - S->period.sent <= PERIOD_SENTENCES;
}

/* A comparison with an earlier figure: the word before token k (a comma skipped) is an amount, a
 * count or "from", "than", "with", "share", "period" ("up from $90.5 million a year ago", "compared
 * with a year earlier", "$1.12 a share, a year ago", "the corresponding period last year"). */
static int comparison_before(scan *S, size_t k)
{
    const tok *p = tkb(S, k, 1);
    if (punct(p, ','))
        p = tkb(S, k, 2);
    return p->kind == TK_NUM || punct(p, '%') || cls(p, C_NOTYEAR) || (cls(p, C_NUMBER) && word_len(p) > 2) ||
           key(p) == K_FROM || key(p) == K_THAN || key(p) == K_WITH || key(p) == K_SHARE || key(p) == K_PERIOD ||
           (cls(p, C_UNIT) && val(p, C_UNIT) == U_Q);
}

/* r = the reporting period n years back: "a year ago" in a report on 1989's third quarter is
 * 1988-Q3 (TimeBank's value for the comparisons of quarterly reports). */
static void period_back(scan *S, int n, res *r)
{
    r->type = DYAD_TIMEX_DATE, r->gran = G_QUARTER, r->y = S->period.y - n, r->sub = S->period.m;
    r->anchor = DYAD_ANCHOR_NARRATIVE, r->comparison = 1;
}

/* A comparison "n years" back from now: the reporting period's quarter when there is one, else the
 * year before the DCT's (not before the last date stated: "in the 1988 period ... the year-ago
 * results" is 1988). */
static void compare_back(scan *S, size_t k, int n, res *r)
{
    if (period_ok(S, k))
        period_back(S, n, r);
    else
        relative(S, 0, U_Y, -n, r);
    r->comparison = 1;
}

/* r = the narrative reference at its own granularity (a day, a month, a quarter, a year) when it
 * was stated in the sentence of token k or the one before; 0 when there is none that near. */
static int narr_value(scan *S, size_t k, res *r)
{
    if (!S->narr.y || tk(S, k)->sent - S->narr.sent > 1)
        return 0;
    r->type = DYAD_TIMEX_DATE, r->anchor = DYAD_ANCHOR_NARRATIVE, r->y = S->narr.y;
    if (S->narr.d)
        r->gran = G_DAY, r->m = S->narr.m, r->d = S->narr.d;
    else if (S->narr.gran == G_WEEK && S->narr.sub)
        r->gran = G_WEEK, r->sub = S->narr.sub;
    else if (S->narr.gran == G_QUARTER)
        r->gran = G_QUARTER, r->sub = (S->narr.m - 1) / 3 + 1;
    else if (S->narr.m)
        r->gran = G_MONTH, r->m = S->narr.m;
    else
        r->gran = G_YEAR;
    return 1;
}

/* ------------------------------------------------------------------ values */

static void format_value(const res *r, int y, int m, int d, char *out, size_t cap)
{
    char ys[16];
    if (y > 0)
        snprintf(ys, sizeof ys, "%04d", y);
    else
        snprintf(ys, sizeof ys, "XXXX");
    static const char *const seasons[] = {"SP", "SU", "FA", "WI"};
    static const char *const dayparts[] = {"MO", "AF", "EV", "NI"};
    switch (r->gran) {
    case G_LIT: snprintf(out, cap, "%s", r->lit); break;
    case G_CENT: snprintf(out, cap, "%02d", y / 100); break;
    case G_DEC: snprintf(out, cap, "%03d", y / 10); break; /* TimeML: "199" is the 1990s */
    case G_YEAR: snprintf(out, cap, "%s", ys); break;
    case G_FY: snprintf(out, cap, "FY%s", ys); break;
    case G_HALF: snprintf(out, cap, "%s-H%d", ys, r->sub); break;
    case G_QUARTER: snprintf(out, cap, "%s-Q%d", ys, r->sub); break;
    case G_SEASON: snprintf(out, cap, "%s-%s", ys, seasons[(r->sub - 1) & 3]); break;
    case G_MONTH: snprintf(out, cap, "%s-%02d", ys, m); break;
    case G_WEEK: snprintf(out, cap, "%s-W%02d", ys, r->sub); break;
    case G_WEEKEND: snprintf(out, cap, "%s-W%02d-WE", ys, r->sub); break;
    case G_WEEKDAY: snprintf(out, cap, "XXXX-WXX-%d", r->sub); break;
    case G_DAY:
        if (m)
            snprintf(out, cap, "%s-%02d-%02d", ys, m, d);
        else
            snprintf(out, cap, "%s", ys);
        break;
    case G_TIME: {
        /* the day (d < 0: a weekday with no DCT to place it, "XXXX-WXX-4"), then the time of day */
        char day[48], tod[8];
        if (y > 0 && m && d > 0)
            snprintf(day, sizeof day, "%s-%02d-%02d", ys, m, d);
        else if (d < 0)
            snprintf(day, sizeof day, "XXXX-WXX-%d", -d);
        else
            snprintf(day, sizeof day, "XXXX-XX-XX");
        if (r->sub <= -DP_NOON)
            snprintf(tod, sizeof tod, "%s", r->sub == -DP_NOON ? "12:00" : "24:00");
        else if (r->sub < 0)
            snprintf(tod, sizeof tod, "%s", dayparts[(-r->sub - 1) & 3]);
        else
            snprintf(tod, sizeof tod, "%02d:%02d", r->sub / 100 % 100, r->sub % 100);
        snprintf(out, cap, "%sT%s", day, tod);
        break;
    }
    default: snprintf(out, cap, "XXXX"); break;
    }
}

/* Years in one decade, century, millennium; 0 for other units. */
static int unit_years(int unit)
{
    return unit == U_DE ? 10 : unit == U_CE ? 100 : unit == U_ML ? 1000 : 0;
}

/* Duration value for n units and tenths more (n < 0: unstated, "several years"). Stated decades and
 * centuries are years ("two decades" P20Y, as TimeBank), quarters keep their unit (P2Q), a
 * fortnight is two weeks. */
static void duration_tenths(res *r, int n, int tenths, int unit)
{
    const char *t = (unit == U_H || unit == U_MIN) ? "T" : "";
    const char *u = unit_code(unit);
    int yrs = unit_years(unit);
    if (unit == U_F)
        u = "W", tenths *= 2, n = n < 0 ? n : n * 2 + tenths / 10, tenths %= 10;
    else if (yrs && n >= 0) {
        long v = ((long)n * 10 + tenths) * yrs / 10;
        u = "Y", n = v > 100000000 ? 100000000 : (int)v, tenths = 0;
    }
    r->type = DYAD_TIMEX_DURATION;
    r->gran = G_LIT;
    if (n < 0)
        snprintf(r->lit, sizeof r->lit, "P%sX%s", t, u);
    else if (tenths)
        snprintf(r->lit, sizeof r->lit, "P%s%d.%d%s", t, n, tenths, u);
    else
        snprintf(r->lit, sizeof r->lit, "P%s%d%s", t, n, u);
}

static void duration(res *r, int n, int unit) { duration_tenths(r, n, 0, unit); }

/* ------------------------------------------------------------------ patterns */

/* What comes before number k shows it is not a year: "page 2012", "pp. 1998", "AI 2018". */
static int bad_before(scan *S, size_t k)
{
    const tok *p = tkb(S, k, 1);
    if (p->kind == TK_WORD && cls(p, C_NOTBEFORE))
        return 1;
    if (punct(p, '.') && cls(tkb(S, k, 2), C_NOTBEFORE))
        return 1;
    if (p->kind == TK_WORD && p->allcap && word_len(p) >= 2 && word_len(p) <= 3 && !p->lx)
        return 1; /* a code: "AI 2018", "INS 1987" */
    return 0;
}

/* A count, an amount or a measure right before token k: "$5 a year", "4% a year", "500 tons a day". */
static int amount_before(scan *S, size_t k)
{
    const tok *p = tkb(S, k, 1);
    return p->kind == TK_NUM || punct(p, '%') || cls(p, C_NOTYEAR);
}

/* A year written as a number at token k (checked for contexts that make it a count or a code). */
static int plain_year(scan *S, size_t k, int loose)
{
    const tok *t = tk(S, k), *nx = tk(S, k + 1), *p = tkb(S, k, 1);
    if (t->kind != TK_NUM || t->ndig != 4 || t->num < 1000 || t->num > 2199)
        return 0;
    if (!loose && (t->num < 1800 || t->num > 2100))
        return 0;
    if (letter_glued_before(S, k) && !(p->kind == TK_WORD && key(p) == K_FY))
        return 0;
    if (bad_before(S, k))
        return 0;
    if (!t->sp && (punct(p, ':') || punct(p, '/') || punct(p, '.')) && !p->sp && tkb(S, k, 2)->kind == TK_NUM)
        return 0; /* "2018:2019", "3.2019": part of a ratio, a version or a code */
    if ((key(p) == K_THAN || key(p) == K_LEAST || (cls(p, C_APPROX) && val(p, C_APPROX) != DYAD_MOD_APPROX)) &&
        t->num % 100 == 0)
        return 0; /* "more than 2000", "nearly 1500": round counts, while "at least 2002" is a year */
    if (punct(p, '-') && !t->sp && tkb(S, k, 2)->kind == TK_NUM) {
        /* the second year of "1998-2004": the first must be a year too, and not part of a code */
        const tok *a = tkb(S, k, 2), *b = tkb(S, k, 3);
        if (a->ndig != 4 || a->num < 1000 || a->num > 2199 || bad_before(S, k - 2) ||
            ((punct(b, '-') || punct(b, '/') || punct(b, '.')) && !a->sp))
            return 0;
    }
    if (punct(p, '$') || punct(p, '?') || punct(p, '#') || (punct(p, '+') && !t->sp))
        return 0;
    if (!nx->sp && (nx->kind == TK_WORD || nx->kind == TK_NUM) && !(nx->kind == TK_WORD && key(nx) == K_S))
        return 0;
    if (!nx->sp && (punct(nx, '%') || punct(nx, '+')))
        return 0;
    if (!nx->sp && (punct(nx, ',') || punct(nx, '.') || punct(nx, ':')) && is_num(tk(S, k + 2), 1, 9) && !tk(S, k + 2)->sp)
        return 0;
    if (punct(nx, '-') && !nx->sp && tk(S, k + 2)->kind == TK_WORD && !tk(S, k + 2)->sp) {
        const tok *w = tk(S, k + 2);
        for (size_t c = w->s + 1; c < w->e && c < w->s + 32; c++)
            if (S->text[c] >= 'A' && S->text[c] <= 'Z')
                return 0; /* "2019-nCoV": a code with a mixed-case word */
    }
    if (nx->kind == TK_WORD && cls(nx, C_NOTYEAR))
        return 0;
    if (nx->kind == TK_WORD && nx->cap && !nx->lx && tk(S, k + 2)->kind == TK_WORD && cls(tk(S, k + 2), C_NOTBEFORE))
        return 0; /* "1990 Main Street" */
    if (nx->kind == TK_WORD && !nx->cap && !nx->lx && word_len(nx) > 3 && S->text[nx->e - 1] == 's' &&
        t->num % 50 == 0 && key(p) != K_THE && key(p) != K_IN && !cls(p, C_MONTHCTX) && !punct(p, '\''))
        return 0; /* "2000 workers": a round number before a plural noun is a count */
    if (nx->kind == TK_WORD && cls(nx, C_UNIT) && val(nx, C_UNIT) != U_Y &&
        !(val(nx, C_UNIT) == U_Q && word_len(nx) == 7 && key(p) == K_THE))
        return 0; /* "1000 days"; but "the 1988 quarter" */
    return 1;
}

/* Ordinal at k: "21st" / "21ST" (number + glued suffix) or a word ("first", "twenty-first").
 * Returns the value and sets *next, or 0. */
static int ordinal_at(scan *S, size_t k, size_t *next)
{
    const tok *t = tk(S, k);
    if (is_num(t, 1, 2)) {
        const tok *s = tk(S, k + 1);
        if (s->kind == TK_WORD && !s->sp && key(s) == K_ORD) {
            *next = k + 2;
            return t->num;
        }
        return 0;
    }
    if (cls(t, C_ORDINAL)) {
        *next = k + 1;
        return val(t, C_ORDINAL);
    }
    if (cls(t, C_NUMBER) && val(t, C_NUMBER) >= 20 && val(t, C_NUMBER) <= 90 && punct(tk(S, k + 1), '-') &&
        cls(tk(S, k + 2), C_ORDINAL) && val(tk(S, k + 2), C_ORDINAL) < 10) {
        *next = k + 3;
        return val(t, C_NUMBER) + val(tk(S, k + 2), C_ORDINAL);
    }
    return 0;
}

/* A cardinal at k for durations: digits (up to 4) or words ("three", "twenty-five", "a", "a few",
 * "several"). Returns 1 and sets *n (-1 for an unstated quantity) and *next. */
static int cardinal_at(scan *S, size_t k, int *n, size_t *next, int *article)
{
    const tok *t = tk(S, k);
    *article = 0;
    if (t->kind == TK_NUM) {
        if (t->ndig > 4 || letter_glued_before(S, k))
            return 0;
        const tok *nx = tk(S, k + 1);
        if (!nx->sp && (punct(nx, ',') || punct(nx, '.')) && is_num(tk(S, k + 2), 1, 9) && !tk(S, k + 2)->sp)
            return 0; /* 1,000 or 2.5 */
        *n = t->num;
        *next = k + 1;
        return 1;
    }
    if (cls(t, C_VAGUE)) {
        *n = -1;
        *next = k + 1;
        return 1;
    }
    if (cls(t, C_NUMBER)) {
        int v = val(t, C_NUMBER);
        if (v == 1 && word_len(t) <= 2) { /* "a", "an": "a few", "a couple of" */
            const tok *nx = tk(S, k + 1);
            if (cls(nx, C_VAGUE)) {
                *n = -1, *next = k + 2;
                return 1;
            }
            if (key(nx) == K_COUPLE && key(tk(S, k + 2)) == K_OF) {
                *n = 2, *next = k + 3;
                return 1;
            }
            *article = 1;
        }
        if (v == 0)
            return 0;
        if (v >= 20 && v <= 90 && punct(tk(S, k + 1), '-') && !tk(S, k + 1)->sp && cls(tk(S, k + 2), C_NUMBER) &&
            val(tk(S, k + 2), C_NUMBER) < 10 && val(tk(S, k + 2), C_NUMBER) > 0 && word_len(tk(S, k + 2)) > 2) {
            *n = v + val(tk(S, k + 2), C_NUMBER);
            *next = k + 3;
            return 1;
        }
        *n = v;
        *next = k + 1;
        return 1;
    }
    return 0;
}

/* Month word at k usable as a month here: a capitalised full name, or an abbreviation followed by
 * '.', or any when a day or year follows; "May"/"March" alone need a context word before. */
static int month_at(scan *S, size_t k, int strict)
{
    const tok *t = tk(S, k);
    if (!cls(t, C_MONTH))
        return 0;
    int m = val(t, C_MONTH);
    if (!strict)
        return m;
    if (!t->cap)
        return 0;
    if (word_len(t) <= 4 && !(m == 5 || m == 6 || m == 7) && !punct(tk(S, k + 1), '.'))
        return 0; /* "Jan", "Sat" alone are too ambiguous */
    if (m == 5 || m == 3) {
        const tok *p = tkb(S, k, 1);
        if (punct(p, '-') || punct(p, '('))
            return m;
        if (!cls(p, C_MONTHCTX) && !cls(p, C_PART) && !cls(p, C_DEICTIC))
            return 0;
    }
    return m;
}

/* A month abbreviation that may take a full stop ("Jan.", "Sept."), unlike "May." or "July.". */
static int month_abbr(const tok *t)
{
    int n = word_len(t), m = cls(t, C_MONTH) ? val(t, C_MONTH) : 0;
    return m && ((n == 3 && m != 5) || (n == 4 && m == 9));
}

static int ok_day(int y, int m, int d) { return d >= 1 && d <= mdays(y, m); }

/* A year in words at k, as spoken in broadcasts: "nineteen ninety-six", "nineteen hundred", "two
 * thousand (and) five", "twenty ten" (only after a word that makes it a date: "in", a month).
 * Returns the year and sets *next, or 0. */
static int spoken_year_at(scan *S, size_t k, size_t *next)
{
    const tok *t = tk(S, k), *n = tk(S, k + 1);
    if (!cls(t, C_NUMBER) || word_len(t) < 3)
        return 0;
    int v = val(t, C_NUMBER), y;
    size_t e = k + 2;
    if (v == 2 && key(n) == K_THOUSAND) {
        y = 2000; /* "two thousand", "two thousand (and) five" */
        size_t q = key(tk(S, e)) == K_AND ? e + 1 : e;
        const tok *u = tk(S, q);
        if (cls(u, C_NUMBER) && word_len(u) > 2 && val(u, C_NUMBER) >= 1 && val(u, C_NUMBER) <= 19)
            y += val(u, C_NUMBER), e = q + 1;
    } else if ((v == 19 || v == 20) && cls(n, C_NUMBER) && word_len(n) > 2) {
        int w = val(n, C_NUMBER);
        if (w == 100 && v == 19)
            y = 1900;
        else if (w >= 20 && w <= 90 && w % 10 == 0) {
            y = v * 100 + w;
            const tok *u = tk(S, e + 1);
            if (punct(tk(S, e), '-') && !tk(S, e)->sp && cls(u, C_NUMBER) && word_len(u) > 2 && val(u, C_NUMBER) >= 1 &&
                val(u, C_NUMBER) <= 9)
                y += val(u, C_NUMBER), e += 2; /* "ninety-six" */
        } else if (w >= 10 && w <= 19)
            y = v * 100 + w;
        else
            return 0;
        const tok *p = tkb(S, k, 1);
        if (v == 20 && !(key(p) == K_IN || cls(p, C_MONTHCTX) || cls(p, C_MONTH) || key(p) == K_YEAR))
            return 0; /* "twenty twelve-year bonds" is no year; "in twenty ten" is */
    } else
        return 0;
    const tok *a = tk(S, e);
    if (cls(a, C_NOTYEAR) || (cls(a, C_UNIT) && val(a, C_UNIT) != U_Y))
        return 0; /* "nineteen ninety people", "two thousand years" */
    *next = e;
    return y;
}

/* Optional year after a month or day-month at k: [,] YYYY | ' YY. Returns the year, sets *next. */
static int year_after(scan *S, size_t k, size_t *next)
{
    size_t j = k;
    if (punct(tk(S, j), ','))
        j++;
    if (plain_year(S, j, 1)) {
        *next = j + 1;
        return tk(S, j)->num;
    }
    if (j == k && punct(tk(S, j), '\'') && is_num(tk(S, j + 1), 2, 2) && !tk(S, j + 1)->sp) {
        int yy = tk(S, j + 1)->num;
        *next = j + 2;
        return yy < 50 ? 2000 + yy : 1900 + yy;
    }
    return spoken_year_at(S, j, next); /* "January nineteen ninety-seven" */
}

/* "this year", "last year", "next year" right after a month or a day and month ("June last year",
 * "5 May next year"): the year it names, relative to the DCT, and *next; 0 when absent or there is
 * no DCT. */
static int deictic_year_after(scan *S, size_t k, size_t *next)
{
    const tok *d = tk(S, k), *u = tk(S, k + 1);
    if (!S->dct.y || !cls(d, C_DEICTIC) || !(cls(u, C_UNIT) && val(u, C_UNIT) == U_Y && word_len(u) == 4))
        return 0;
    *next = k + 2;
    return S->dct.y + val(d, C_DEICTIC);
}

/* Day number at k (1-31, with an optional glued ordinal suffix); sets *next. */
static int day_at2(scan *S, size_t k, size_t *next, int second)
{
    const tok *t = tk(S, k);
    if (!is_num(t, 1, 2) || t->num < 1 || t->num > 31 || (!second && letter_glued_before(S, k)))
        return 0;
    const tok *s = tk(S, k + 1);
    *next = k + 1;
    if (s->kind == TK_WORD && !s->sp && key(s) == K_ORD)
        *next = k + 2;
    else if (s->kind == TK_WORD && !s->sp)
        return 0;
    if ((punct(tk(S, *next), ':') || punct(tk(S, *next), '.')) && is_num(tk(S, *next + 1), 1, 9) && !tk(S, *next + 1)->sp)
        return 0; /* "5:30", "5.30": a time or a number; "Oct. 26:" before a quotation is a date */
    return t->num;
}

static int day_at(scan *S, size_t k, size_t *next) { return day_at2(S, k, next, 0); }

/* "28-29 June", "28 and 29 June": the second day after a range connector at k. */
static int day_range_at(scan *S, size_t k, size_t *next)
{
    const tok *t = tk(S, k);
    size_t j;
    if (punct(t, '-') || punct(t, '/'))
        j = k + 1;
    else if (key(t) == K_TO || key(t) == K_AND || punct(t, '&'))
        j = k + 1;
    else
        return 0;
    return day_at2(S, j, next, 1);
}

/* Numeric dates: 2010-06-29, 2010/06/29, 29/06/2010, 06/29/2010, 29.06.2010, 10/10/14. */
static size_t numeric_date(scan *S, size_t k, res *r)
{
    const tok *a = tk(S, k), *s1 = tk(S, k + 1), *b = tk(S, k + 2), *s2 = tk(S, k + 3), *c = tk(S, k + 4);
    if (is_num(a, 1, 2) && punct(s1, '/') && !s1->sp && is_num(b, 4, 4) && !b->sp && a->num >= 1 && a->num <= 12 &&
        b->num >= 1000 && b->num <= 2199 && !letter_glued_before(S, k) &&
        !(!s2->sp && (s2->kind == TK_NUM || ((s2->c == '/' || s2->c == '-' || s2->c == '.') && c->kind == TK_NUM && !c->sp)))) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_MONTH, r->y = b->num, r->m = a->num; /* 06/2010 */
        return k + 3;
    }
    if (a->kind != TK_NUM || s1->kind != TK_PUNCT || s1->sp || b->sp || s2->sp || c->sp)
        return 0;
    if (!(s1->c == '-' || s1->c == '/' || s1->c == '.') || !punct(s2, s1->c))
        return 0;
    if (!is_num(b, 1, 2) || !(is_num(c, 1, 2) || is_num(c, 4, 4)) || letter_glued_before(S, k))
        return 0;
    const tok *after = tk(S, k + 5);
    if (!after->sp && (after->kind == TK_NUM || (after->kind == TK_PUNCT && (after->c == s1->c || after->c == '.') &&
                                                  tk(S, k + 6)->kind == TK_NUM && !tk(S, k + 6)->sp)))
        return 0; /* 1.2.3.4, a longer code */
    int y, m, d;
    if (s1->c == '.' && (a->ndig != 2 || b->ndig != 2))
        return 0; /* 2.1.2010 is a version number more often than a date */
    if (a->ndig == 4) {
        if (s1->c == '.' || c->ndig == 4)
            return 0;
        y = a->num, m = b->num, d = c->num;
    } else if (is_num(a, 1, 2)) {
        if (c->ndig == 4)
            y = c->num;
        else if (s1->c == '/')
            y = c->num < 50 ? 2000 + c->num : 1900 + c->num;
        else
            return 0;
        int x = a->num, z = b->num;
        if (x > 12 && z <= 12)
            d = x, m = z;
        else if (z > 12 && x <= 12)
            m = x, d = z;
        else if (x > 12 && z > 12)
            return k + 5; /* 13/13/2013: consumed, not a date */
        else {
            int mdy = S->mdy_votes > S->dmy_votes ? 1 : S->dmy_votes > S->mdy_votes ? 0 : (S->flags & DYAD_DATES_MDY) && !(S->flags & DYAD_DATES_DMY);
            if (mdy)
                m = x, d = z;
            else
                d = x, m = z;
        }
    } else
        return 0;
    if (y < 1000 || y > YEAR_MAX || m < 1 || m > 12 || !ok_day(y, m, d))
        return k + 5; /* the shape of a date with impossible numbers: consumed, not tagged */
    r->type = DYAD_TIMEX_DATE, r->gran = G_DAY, r->y = y, r->m = m, r->d = d;
    return k + 5;
}

/* Time of day at k: 10:27 AM, 10 a.m., 14:30 hrs, 9pm. */
static size_t weekday_at(scan *S, size_t k, res *r, int dir, size_t from);
static size_t day_first(scan *S, size_t k, res *r);
static size_t month_first(scan *S, size_t k, res *r, int strict_alone);

/* The day a clock time belongs to when a day follows it: "2 a.m. Thursday", "5 p.m. EST, Nov. 9",
 * "10 a.m. yesterday" make one expression (TimeBank's spans): returns the token after the day. After
 * "on" ("9 p.m. on Friday") the day gives the value but the expression ends before "on": returns j.
 * 0 when no day follows. from: the first token of the expression (for the weekday's lean). */
static size_t time_day_after(scan *S, size_t j, res *day, size_t from)
{
    size_t k = j, e;
    int on = key(tk(S, k)) == K_ON;
    if (on)
        k++;
    const tok *w = tk(S, k);
    memset(day, 0, sizeof *day);
    if (cls(w, C_WEEKDAY) && w->cap && word_len(w) > 4 && (e = weekday_at(S, k, day, 0, from)) &&
        (day->gran == G_DAY || (day->gran == G_TIME && day->sub < 0) || day->gran == G_WEEKDAY))
        return on ? j : e;
    size_t kd = !on && punct(w, ',') ? k + 1 : k; /* "5 p.m. EST, Nov. 6" */
    const tok *wd = tk(S, kd);
    memset(day, 0, sizeof *day);
    if (((wd->kind == TK_NUM && (e = day_first(S, kd, day))) || (cls(wd, C_MONTH) && wd->cap && (e = month_first(S, kd, day, 1)))) &&
        day->gran == G_DAY)
        return on ? j : e; /* "9.30am on 5 May", "5 p.m. Nov. 9" */
    memset(day, 0, sizeof *day);
    if (!on && cls(w, C_DAYWORD) && !cls(w, C_DAYPART)) {
        relative(S, 0, U_D, val(w, C_DAYWORD), day);
        if (day->gran == G_DAY)
            return k + 1;
    }
    return 0;
}

/* Gives time r the day found by time_day_after(). */
static void time_take_day(res *r, const res *day)
{
    if (day->gran == G_WEEKDAY) {
        r->d = -day->sub; /* no DCT: "XXXX-WXX-4T02:00" */
        return;
    }
    r->y = day->y, r->m = day->m, r->d = day->d, r->anchor = day->anchor;
}

static size_t time_at(scan *S, size_t k, res *r)
{
    const tok *h = tk(S, k);
    if (is_num(h, 4, 4) && h->num % 100 < 60 && h->num / 100 < 24 && key(tk(S, k + 1)) == K_TZ &&
        tk(S, k + 1)->allcap && !letter_glued_before(S, k) &&
        !(tk(S, k + 2)->kind != TK_END && !tk(S, k + 2)->sp && (tk(S, k + 2)->kind != TK_PUNCT || punct(tk(S, k + 2), '-')))) {
        /* "0900 GMT", "1430 GMT": the 24-hour clock of wire reports */
        r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = h->num;
        res day;
        size_t e = time_day_after(S, k + 2, &day, k);
        if (e)
            time_take_day(r, &day);
        else if (S->dct.y && S->dct.d)
            r->y = S->dct.y, r->m = S->dct.m, r->d = S->dct.d, r->anchor = DYAD_ANCHOR_DCT;
        return e ? e : k + 2;
    }
    if (!is_num(h, 1, 2) || h->num > 23 || letter_glued_before(S, k))
        return 0;
    size_t j = k + 1;
    int mm = 0, hh = h->num, has_min = 0;
    int dot = punct(tk(S, j), '.');
    if ((punct(tk(S, j), ':') || dot) && !tk(S, j)->sp && is_num(tk(S, j + 1), 2, 2) && !tk(S, j + 1)->sp && tk(S, j + 1)->num < 60) {
        mm = tk(S, j + 1)->num, has_min = 1;
        j += 2;
        if (punct(tk(S, j), ':') && is_num(tk(S, j + 1), 2, 2) && !tk(S, j + 1)->sp)
            j += 2;
    }
    const tok *t = tk(S, j);
    int ampm = 0;
    if (key(t) == K_AM || key(t) == K_PM) {
        ampm = key(t) == K_AM ? 1 : 2;
        j++;
    } else if (t->kind == TK_WORD && word_len(t) == 1 && ((S->text[t->s] | 32) == 'a' || (S->text[t->s] | 32) == 'p') &&
               punct(tk(S, j + 1), '.') && !tk(S, j + 1)->sp && tk(S, j + 2)->kind == TK_WORD &&
               word_len(tk(S, j + 2)) == 1 && (S->text[tk(S, j + 2)->s] | 32) == 'm' && !tk(S, j + 2)->sp) {
        ampm = (S->text[t->s] | 32) == 'a' ? 1 : 2;
        j += 3;
        if (punct(tk(S, j), '.') && !tk(S, j)->sp)
            j++; /* "p.m." keeps its full stop, also at the end of a sentence (TimeBank's spans) */
    } else if (!has_min && t->kind == TK_WORD && word_len(t) == 1 && (S->text[t->s] | 32) == 'o' &&
               punct(tk(S, j + 1), '\'') && !tk(S, j + 1)->sp && key(tk(S, j + 2)) == K_CLOCK && !tk(S, j + 2)->sp) {
        if (hh < 1 || hh > 12)
            return 0;
        j += 3; /* "11 o'clock": read as written (morning unless "p.m." or context says otherwise) */
        has_min = 1;
        if (key(tk(S, j)) == K_AM || key(tk(S, j)) == K_PM) {
            if (key(tk(S, j)) == K_PM && hh < 12)
                hh += 12;
            j++;
        }
        ampm = 3;
    }
    if (!ampm && hh >= 1 && hh <= 12 && key(tk(S, j)) == K_IN && key(tk(S, j + 1)) == K_THE &&
        cls(tk(S, j + 2), C_DAYPART) && val(tk(S, j + 2), C_DAYPART) < DP_NOON && !cls(tk(S, j + 2), C_DAYWORD)) {
        /* "4 in the morning", "8 in the evening" */
        int dp = val(tk(S, j + 2), C_DAYPART);
        if (dp != DP_MO && hh < 12)
            hh += 12;
        else if (dp == DP_MO && hh == 12)
            hh = 0;
        ampm = 3;
        j += 3;
    }
    if (dot && has_min && !ampm && key(tk(S, j)) != K_HRS && key(tk(S, j)) != K_TZ)
        return 0; /* 7.25 is a number; 7.25 pm a time */
    if (ampm == 3) {
        /* o'clock: done above */
    } else if (ampm) {
        if (hh > 12 || hh == 0)
            return 0;
        if (ampm == 2 && hh < 12)
            hh += 12;
        if (ampm == 1 && hh == 12)
            hh = 0;
    } else if (has_min && (key(tk(S, j)) == K_HRS || key(tk(S, j)) == K_TZ)) {
        /* kept below */
    } else if (!has_min) {
        return 0;
    } else {
        const tok *p = tkb(S, k, 1);
        if (!(key(p) == K_AT || cls(p, C_APPROX) || cls(p, C_MONTHCTX)))
            return 0;
    }
    if (key(tk(S, j)) == K_HRS)
        j++;
    if (key(tk(S, j)) == K_TZ)
        j++;
    r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = hh * 100 + mm;
    res day;
    size_t e = time_day_after(S, j, &day, k);
    if (e) {
        time_take_day(r, &day);
        j = e;
    } else if (S->narr.d && S->narr.sent == h->sent)
        r->y = S->narr.y, r->m = S->narr.m, r->d = S->narr.d, r->anchor = DYAD_ANCHOR_NARRATIVE;
    else if (S->dct.y && S->dct.d)
        r->y = S->dct.y, r->m = S->dct.m, r->d = S->dct.d, r->anchor = DYAD_ANCHOR_DCT;
    return j;
}

/* Day-first dates: "29 June 2010", "21ST NOVEMBER 2024", "28-29 June", "5th of July". */
static size_t day_first(scan *S, size_t k, res *r)
{
    size_t j, j2;
    int d = day_at(S, k, &j);
    if (!d)
        return 0;
    int d2 = day_range_at(S, j, &j2);
    if (d2 && d2 > d)
        j = j2;
    else
        d2 = 0;
    if (key(tk(S, j)) == K_OF)
        j++;
    int m = month_at(S, j, 0);
    if (!m)
        return 0;
    j++;
    if (punct(tk(S, j), '.') && month_abbr(tk(S, j - 1)) && !tk(S, j)->sp)
        j++;
    size_t jy;
    int y = year_after(S, j, &jy);
    if (y || (y = deictic_year_after(S, j, &jy)))
        j = jy, r->anchor = tk(S, j - 1)->kind == TK_NUM ? DYAD_ANCHOR_NONE : DYAD_ANCHOR_DCT;
    else
        y = year_for(S, k, m, d, r);
    if (!ok_day(y, m, d) || (d2 && !ok_day(y, m, d2)))
        return j; /* "31 February": consumed, not tagged */
    r->type = DYAD_TIMEX_DATE, r->gran = G_DAY, r->y = y, r->m = m, r->d = d, r->named = 1;
    if (d2)
        r->y2 = y ? y : -1, r->m2 = m, r->d2 = d2;
    return j;
}

/* Month-first: "June 29, 2010", "June 28-29", "Jan. 2023", "March 2024", "June of 2010", "July". */
static size_t month_first(scan *S, size_t k, res *r, int strict_alone)
{
    int m = month_at(S, k, 0);
    if (!m)
        return 0;
    size_t j = k + 1, jy;
    if (punct(tk(S, j), '.') && !tk(S, j)->sp && month_abbr(tk(S, k)))
        j++;
    int d = day_at(S, j, &jy), d2 = 0, y;
    if (d) {
        size_t j2;
        j = jy;
        d2 = day_range_at(S, j, &j2);
        if (d2 && d2 > d && !month_at(S, j2, 0))
            j = j2;
        else
            d2 = 0;
        y = year_after(S, j, &jy);
        if (y || (y = deictic_year_after(S, j, &jy)))
            j = jy, r->anchor = tk(S, j - 1)->kind == TK_NUM ? DYAD_ANCHOR_NONE : DYAD_ANCHOR_DCT;
        else
            y = year_for(S, k, m, d, r);
        if (!ok_day(y, m, d) || (d2 && !ok_day(y, m, d2)))
            return j;
        r->type = DYAD_TIMEX_DATE, r->gran = G_DAY, r->y = y, r->m = m, r->d = d, r->named = 1;
        if (d2)
            r->y2 = y ? y : -1, r->m2 = m, r->d2 = d2;
        return j;
    }
    y = year_after(S, j, &jy);
    if (!y && key(tk(S, j)) == K_OF && plain_year(S, j + 1, 1))
        y = tk(S, j + 1)->num, jy = j + 2;
    if (!y && (y = deictic_year_after(S, j, &jy)))
        r->anchor = DYAD_ANCHOR_DCT; /* "January this year", "June last year" */
    if (y) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_MONTH, r->y = y, r->m = m;
        return jy;
    }
    if (strict_alone && !month_at(S, k, 1))
        return 0;
    if (strict_alone) {
        /* "June Carter", "April Ryan": a month name before a capitalised word, with no preposition
         * or modifier before it, is a first name */
        const tok *p = tkb(S, k, 1), *nx = tk(S, j);
        if (nx->kind == TK_WORD && nx->cap && !nx->lx && !nx->allcap && j == k + 1 &&
            !(cls(p, C_MONTHCTX) || cls(p, C_PART) || cls(p, C_DEICTIC) || punct(p, '-') || cls(p, C_PARTNOUN) ||
              key(p) == K_OF))
            return 0;
    }
    /* "June-July 2010", "June and July 2010": the year comes after the second month. */
    const tok *c = tk(S, j);
    if ((punct(c, '-') || key(c) == K_AND || key(c) == K_TO || key(c) == K_OR) && month_at(S, j + 1, 0)) {
        size_t jj = j + 2;
        if (punct(tk(S, jj), '.') && month_abbr(tk(S, j + 1)))
            jj++;
        if (plain_year(S, jj, 1) || (punct(tk(S, jj), ',') && plain_year(S, jj + 1, 1))) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_MONTH, r->m = m;
            r->y = tk(S, punct(tk(S, jj), ',') ? jj + 1 : jj)->num;
            return j;
        }
    }
    r->type = DYAD_TIMEX_DATE, r->gran = G_MONTH, r->m = m, r->named = 1;
    r->y = year_for(S, k, m, 0, r);
    return j;
}

/* Weekday, alone or before a date ("Monday, June 28, 2010"). dir: 0 as the clause says (from: the
 * first token of the whole expression, for lean_at), -1 the last one, 1 the next one, 3 this week's. */
static size_t weekday_at(scan *S, size_t k, res *r, int dir, size_t from)
{
    const tok *t = tk(S, k);
    if (!cls(t, C_WEEKDAY) || (!t->cap && !dir))
        return 0;
    int wd = val(t, C_WEEKDAY);
    size_t j = k + 1;
    if (word_len(t) >= 7 && S->text[t->e - 1] == 's' && S->text[t->e - 2] == 'y') {
        if (!t->cap || dir)
            return 0;
        r->type = DYAD_TIMEX_SET, r->gran = G_WEEKDAY, r->sub = wd; /* "on Mondays" */
        return k + 1;
    }
    if (word_len(t) <= 4) {
        if (punct(tk(S, j), '.'))
            j++;
        else if (!punct(tk(S, j), ','))
            return 0;
    }
    size_t jd = punct(tk(S, j), ',') ? j + 1 : j;
    size_t e;
    if (!dir && ((e = day_first(S, jd, r)) || (e = month_first(S, jd, r, 1)) || (e = numeric_date(S, jd, r))) &&
        r->gran == G_DAY) {
        if (r->anchor == DYAD_ANCHOR_DCT && S->dct.d && weekday_of(civil_days(r->y, r->m, r->d)) != wd) {
            /* "Monday, Oct. 26" without a year: of the DCT's year and the ones either side, the
             * one in which that day is a Monday, nearest the DCT */
            long base = civil_days(S->dct.y, S->dct.m, S->dct.d), best = -1;
            for (int c = S->dct.y - 1; c <= S->dct.y + 1; c++) {
                if (!ok_day(c, r->m, r->d) || weekday_of(civil_days(c, r->m, r->d)) != wd)
                    continue;
                long dist = labs(civil_days(c, r->m, r->d) - base);
                if (best < 0 || dist < best)
                    best = dist, r->y = c;
            }
        }
        return e;
    }
    memset(r, 0, sizeof *r);
    if (word_len(t) <= 4 && !dir)
        return 0;
    r->type = DYAD_TIMEX_DATE;
    if (!S->dct.d) {
        r->gran = G_WEEKDAY, r->sub = wd;
        return j > k + 1 && punct(tk(S, k + 1), ',') ? k + 1 : j;
    }
    long base = civil_days(S->dct.y, S->dct.m, S->dct.d);
    int cur = weekday_of(base), off;
    int nearest = 0;
    if (dir == 0) {
        int lean = lean_at(S, from);
        if (lean == LEAN_NONE)
            lean = -1; /* untensed: the latest, as news reports what happened ("Talks Friday") */
        nearest = lean == 0; /* "the board is to vote Tuesday": the nearest Tuesday */
        dir = lean > 0 ? 2 : -2; /* 2/-2: this coming / the latest, today included */
    }
    if (nearest) {
        off = (wd - cur + 7) % 7;
        if (off > 3)
            off -= 7;
    } else if (dir == 3) {
        off = wd - cur; /* "this Monday": the one of this week */
    } else if (dir > 0) {
        off = (wd - cur + 7) % 7;
        if (off == 0 && dir == 1)
            off = 7;
    } else {
        off = -((cur - wd + 7) % 7);
        if (off == 0 && dir == -1)
            off = -7;
    }
    civil_from(base + off, &r->y, &r->m, &r->d);
    r->gran = G_DAY, r->anchor = DYAD_ANCHOR_DCT;
    size_t e2 = j > k + 1 && punct(tk(S, k + 1), ',') ? k + 1 : j;
    if (cls(tk(S, e2), C_DAYPART) && !tk(S, e2)->cap) { /* "Friday morning" */
        r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = -val(tk(S, e2), C_DAYPART);
        e2++;
    }
    return e2;
}

/* Decades: "1990s", "1990's", "'90s"; k at the number (or the apostrophe). */
static size_t decade_at(scan *S, size_t k, res *r)
{
    const tok *t = tk(S, k);
    if (punct(t, '\'') && is_num(tk(S, k + 1), 2, 2) && !tk(S, k + 1)->sp && tk(S, k + 1)->num % 10 == 0 &&
        key(tk(S, k + 2)) == K_S && !tk(S, k + 2)->sp) {
        int yy = tk(S, k + 1)->num;
        r->type = DYAD_TIMEX_DATE, r->gran = G_DEC, r->y = yy >= 30 ? 1900 + yy : 2000 + yy;
        return k + 3;
    }
    if (is_num(t, 2, 2) && t->num % 10 == 0 && key(tk(S, k + 1)) == K_S && !tk(S, k + 1)->sp &&
        word_len(tk(S, k + 1)) == 1) {
        /* "the 80s", "the late 90s": two digits need "the" or a part word before them */
        const tok *p = tkb(S, k, 1);
        if (punct(p, '-'))
            p = tkb(S, k, 2);
        if (key(p) == K_THE || cls(p, C_PART)) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_DEC, r->y = t->num >= 30 ? 1900 + t->num : 2000 + t->num;
            return k + 2;
        }
        return 0;
    }
    if (!is_num(t, 4, 4) || t->num % 10 || t->num < 1000 || letter_glued_before(S, k))
        return 0;
    size_t j = k + 1;
    if (punct(tk(S, j), '\'') && !tk(S, j)->sp)
        j++;
    if (key(tk(S, j)) == K_S && !tk(S, j)->sp && word_len(tk(S, j)) == 1) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_DEC, r->y = t->num;
        if (t->num % 100 == 0 && t->num < 2000)
            r->gran = G_CENT; /* "the 1800s", "the early 1900s": a century (TIMEX3 "18", "19") */
        return j + 1;
    }
    return 0;
}

/* Centuries: "6th century", "twenty-first century", "21st-century"; decades in words are not done. */
static size_t century_at(scan *S, size_t k, res *r)
{
    size_t j;
    int n = ordinal_at(S, k, &j);
    if (!n || n > 30)
        return 0;
    if (punct(tk(S, j), '-'))
        j++;
    const tok *u = tk(S, j);
    if (!cls(u, C_UNIT) || val(u, C_UNIT) != U_CE)
        return 0;
    j++;
    int bc = 0;
    if (cls(tk(S, j), C_ERA)) {
        bc = val(tk(S, j), C_ERA) == 2;
        j++;
    }
    if (bc) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_LIT, r->the_ok = 1;
        snprintf(r->lit, sizeof r->lit, "BC%02d", n - 1);
        return j;
    }
    r->the_ok = 1;
    r->type = DYAD_TIMEX_DATE, r->gran = G_CENT, r->y = (n - 1) * 100;
    if (r->y == 0) {
        r->gran = G_LIT;
        snprintf(r->lit, sizeof r->lit, "00");
    }
    return j;
}

/* Fiscal years: FY2020, FY20, FY 2020-21, fiscal 2019, fiscal year 2019-20, financial year 2020-21. */
static size_t fiscal_at(scan *S, size_t k, res *r)
{
    const tok *t = tk(S, k);
    size_t j = k + 1;
    if (key(t) == K_FISCAL) {
        if (key(tk(S, j)) == K_YEAR)
            j++;
    } else if (key(t) != K_FY)
        return 0;
    const tok *n = tk(S, j);
    if (key(t) == K_FISCAL && punct(n, '\'') && is_num(tk(S, j + 1), 2, 2) && !tk(S, j + 1)->sp &&
        !(tk(S, j + 2)->kind == TK_WORD && !tk(S, j + 2)->sp)) {
        int yy = tk(S, j + 1)->num; /* "fiscal '89" */
        r->type = DYAD_TIMEX_DATE, r->gran = G_FY, r->y = yy < 50 ? 2000 + yy : 1900 + yy;
        return j + 2;
    }
    if (n->kind != TK_NUM)
        return 0;
    if (key(t) == K_FY && !t->cap && n->sp)
        return 0;
    int y;
    if (n->ndig == 4 && n->num >= 1000 && n->num <= YEAR_MAX)
        y = n->num;
    else if (n->ndig == 2 && key(t) == K_FY)
        y = 2000 + n->num;
    else
        return 0;
    j++;
    /* 2020-21 / 2020-2021: the fiscal year ending in the second year */
    if ((punct(tk(S, j), '-') || punct(tk(S, j), '/')) && tk(S, j + 1)->kind == TK_NUM && !tk(S, j + 1)->sp) {
        const tok *e = tk(S, j + 1);
        int y2 = e->ndig == 2 ? y / 100 * 100 + e->num : e->ndig == 4 ? e->num : -1;
        if (e->ndig == 2 && y2 < y)
            y2 += 100;
        if (y2 == y + 1) {
            y = y2;
            j += 2;
        }
    }
    if (n->ndig == 2 && y > 2099)
        return 0;
    r->type = DYAD_TIMEX_DATE, r->gran = G_FY, r->y = y;
    return j;
}

/* Quarters: Q3 2019, Q3 FY2020, 3Q19? (no), "the third quarter of 2019", "Q3" alone. */
static size_t quarter_at(scan *S, size_t k, res *r, int has_the)
{
    const tok *t = tk(S, k);
    size_t j;
    int q = 0, half = 0;
    if (key(t) == K_Q || key(t) == K_H) {
        const tok *n = tk(S, k + 1);
        if (n->sp || !is_num(n, 1, 1) || n->num < 1 || n->num > (key(t) == K_Q ? 4 : 2) || !t->cap)
            return 0;
        if (!tk(S, k + 2)->sp && tk(S, k + 2)->kind != TK_PUNCT)
            return 0;
        if (key(t) == K_Q)
            q = n->num;
        else
            half = n->num;
        j = k + 2;
        const tok *p = tkb(S, k, 1), *y = tk(S, j);
        if (!(cls(p, C_MONTHCTX) || key(p) == K_IN || (y->kind == TK_NUM && y->ndig == 4) || key(y) == K_FY ||
              key(y) == K_FISCAL))
            return 0; /* "the H1 chip", "Q3 results" without a time context */
    } else {
        size_t k0 = k;
        int fiscal = 0;
        if (key(t) == K_FISCAL && !key(tk(S, k + 1))) {
            /* "the fiscal first quarter", "the fiscal-first quarter": the DCT's year, as TimeBank */
            fiscal = 1;
            k += punct(tk(S, k + 1), '-') ? 2 : 1;
            t = tk(S, k);
        }
        int o = ordinal_at(S, k, &j);
        if (!o && cls(t, C_DEICTIC) && val(t, C_DEICTIC) == -1 && has_the && !fiscal)
            o = 9, j = k + 1; /* "the last quarter" */
        if (!o || (o > 4 && o != 9))
            return 0;
        int hyphen = 0;
        if (punct(tk(S, j), '-') && !tk(S, j)->sp && !tk(S, j + 1)->sp && o != 9)
            j++, hyphen = 1; /* "third-quarter profit", "first-half sales" */
        const tok *u = tk(S, j);
        if (cls(u, C_UNIT) && val(u, C_UNIT) == U_Q && word_len(u) == 7)
            q = o == 9 ? 4 : o;
        else if (key(u) == K_HALF && o <= 2)
            half = o;
        else if (key(u) == K_HALF && o == 9)
            half = 2;
        else
            return 0;
        j++;
        if (hyphen) {
            /* an adjective: the year of a date stated in the sentence, else the DCT's (the one
             * before when that period has not begun and the clause is not in the future) */
            r->start_at = k;
            if (S->narr.y && S->narr.sent == t->sent && S->narr.explicit) {
                r->y = S->narr.y, r->anchor = DYAD_ANCHOR_NARRATIVE;
            } else if (S->dct.y) {
                r->y = S->dct.y, r->anchor = DYAD_ANCHOR_DCT;
                if (S->dct.m && tense_of(S, k, 1) != 1 && (q ? (q - 1) * 3 + 1 > S->dct.m : (half - 1) * 6 + 1 > S->dct.m))
                    r->y--;
            } else
                r->y = 0;
            goto done;
        }
        if (fiscal && key(tk(S, j)) != K_OF) {
            if (!S->dct.y)
                return 0;
            r->y = S->dct.y, r->anchor = DYAD_ANCHOR_DCT, r->start_at = has_the ? 0 : k0;
            goto done;
        }
        if (key(tk(S, j)) != K_OF) {
            const tok *p = tkb(S, k, 1);
            if (!has_the && (p->kind != TK_WORD || cls(p, C_NUMBER) || key(p) == K_EACH || key(p) == K_EVERY ||
                             cls(p, C_APPROX) || p->sent != t->sent))
                return 0; /* "its third quarter", "the seasonally slow third quarter"; not "a third quarter" */
            /* "the third quarter" alone: the DCT's year, or the one before when that quarter (half)
             * has not begun at the DCT and the clause is not in the future tense */
            if (!S->dct.y)
                return 0;
            r->y = S->dct.y, r->anchor = DYAD_ANCHOR_DCT;
            if (S->dct.m && tense_of(S, k, 1) != 1 &&
                (q ? (q - 1) * 3 + 1 > S->dct.m : (half - 1) * 6 + 1 > S->dct.m))
                r->y--;
            goto done;
        }
        j++;
        if (key(tk(S, j)) == K_THE && key(tk(S, j + 1)) == K_YEAR) {
            if (!S->dct.y)
                return 0;
            r->y = S->dct.y, r->anchor = DYAD_ANCHOR_DCT;
            j += 2;
            goto done;
        }
        if (cls(tk(S, j), C_DEICTIC) && key(tk(S, j + 1)) == K_YEAR) {
            /* "the first quarter of next year" */
            if (!S->dct.y)
                return 0;
            r->y = S->dct.y + val(tk(S, j), C_DEICTIC), r->anchor = DYAD_ANCHOR_DCT;
            j += 2;
            goto done;
        }
        if (!plain_year(S, j, 1) && !(key(tk(S, j)) == K_FY || key(tk(S, j)) == K_FISCAL))
            return 0;
    }
    {
        size_t jf;
        res fy = {0};
        if (plain_year(S, j, 1)) {
            r->y = tk(S, j)->num;
            j++;
        } else if ((jf = fiscal_at(S, j, &fy))) {
            r->y = fy.y; /* Q3 FY2020: kept on the calendar year the fiscal year ends in */
            j = jf;
        } else if (S->dct.y) {
            r->y = S->dct.y, r->anchor = DYAD_ANCHOR_DCT;
        } else
            r->y = 0;
    }
done:
    r->type = DYAD_TIMEX_DATE;
    r->gran = q ? G_QUARTER : G_HALF;
    r->sub = q ? q : half;
    return j;
}

/* Seasons: "summer 2019", "summer of 2019", "(in) the summer", "last winter". */
static size_t season_at(scan *S, size_t k, res *r, int has_the, int deictic_dir, int deictic, int modded)
{
    const tok *t = tk(S, k);
    if (!cls(t, C_SEASON))
        return 0;
    int s = val(t, C_SEASON);
    size_t j = k + 1;
    int y = 0;
    if (plain_year(S, j, 1))
        y = tk(S, j)->num, j++;
    else if (key(tk(S, j)) == K_OF && plain_year(S, j + 1, 1))
        y = tk(S, j + 1)->num, j += 2;
    else if (key(tk(S, j)) == K_OF && (y = spoken_year_at(S, j + 1, &j)))
        ; /* "the winter of nineteen ninety-four" */
    else if (deictic) {
        if (!S->dct.y) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "REF%cP%dY-%s", deictic_dir < 0 ? '-' : '+', deictic_dir < 0 ? 1 : deictic_dir,
                     (const char *[]){"SP", "SU", "FA", "WI"}[(s - 1) & 3]);
            return j;
        }
        y = S->dct.y + deictic_dir;
        if (S->dct.m && s != 4 && deictic_dir) {
            /* spring, summer, autumn: March-May, June-August, September-November. "last summer" is
             * the latest one over by the DCT ("this past spring" in October is this year's), "next
             * summer" the next one not begun */
            int first = 3 * s, last = 3 * s + 2;
            y = deictic_dir < 0 ? (S->dct.m > last ? S->dct.y : S->dct.y - 1) : (S->dct.m < first ? S->dct.y : S->dct.y + 1);
        }
        r->anchor = DYAD_ANCHOR_DCT;
    } else if (has_the || t->cap || modded) {
        /* "in the summer", "over the summer", "into the early summer", "in late spring" */
        size_t b = 1;
        const tok *p = tkb(S, k, b);
        while (b < 4 && (key(p) == K_THE || cls(p, C_PART) || punct(p, '-')))
            p = tkb(S, k, ++b);
        if (!(key(p) == K_IN || key(p) == K_OF || key(p) == K_OVER || cls(p, C_MONTHCTX)))
            return 0;
        y = year_for(S, k, (s & 3) == 0 ? 1 : 1 + 3 * s, 0, r); /* a month inside the season, for the tense */
    } else
        return 0;
    r->type = DYAD_TIMEX_DATE, r->gran = G_SEASON, r->y = y, r->sub = s;
    return j;
}

/* Bare years and year-led forms: 1952, 2020-21 (fiscal), 1066 AD, 500 BC. */
static size_t year_at(scan *S, size_t k, res *r, int modded)
{
    const tok *t = tk(S, k);
    if (t->kind != TK_NUM || t->ndig > 4 || t->num <= 0)
        return 0;
    const tok *nx = tk(S, k + 1);
    /* era: "1066 AD", "500 BC", "AD 1066" handled by the caller for the prefix form */
    if (cls(nx, C_ERA) && nx->cap && !letter_glued_before(S, k)) {
        int bc = val(nx, C_ERA) == 2;
        if (bc) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "BC%04d", t->num);
        } else
            r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = t->num;
        return k + 2;
    }
    if (t->ndig != 4)
        return 0;
    /* 2020-21: a fiscal year when the second number is the next year, else two years */
    if (punct(nx, '-') && !nx->sp && is_num(tk(S, k + 2), 2, 2) && !tk(S, k + 2)->sp && plain_year(S, k, 1) &&
        !(tk(S, k + 3)->kind == TK_PUNCT && !tk(S, k + 3)->sp && (tk(S, k + 3)->c == '-' || tk(S, k + 3)->c == '/') &&
          tk(S, k + 4)->kind == TK_NUM)) {
        int y2 = t->num / 100 * 100 + tk(S, k + 2)->num;
        if (y2 < t->num)
            y2 += 100;
        if (y2 == t->num + 1) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_FY, r->y = y2;
            return k + 3;
        }
        int mo = tk(S, k + 2)->num;
        if (mo >= 1 && mo <= 12 && mo < t->num % 100) {
            /* 2010-06 cannot be a range of years (it would run backwards): ISO year and month */
            r->type = DYAD_TIMEX_DATE, r->gran = G_MONTH, r->y = t->num, r->m = mo;
            return k + 3;
        }
        if (y2 > t->num + 1 && y2 < t->num / 100 * 100 + 100) {
            /* "2005-08", "1985-88": years sharing their century, one expression (value_end 2008) */
            r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = t->num, r->y2 = y2;
            return k + 3;
        }
    }
    int loose = modded;
    const tok *p = tkb(S, k, 1);
    if (key(p) == K_IN || cls(p, C_MONTHCTX) || key(p) == K_OF || key(p) == K_YEAR || (punct(p, '-') && is_num(tkb(S, k, 2), 4, 4)))
        loose = 1;
    if (!plain_year(S, k, loose))
        return 0;
    r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = t->num;
    return k + 1;
}

/* Durations and what hangs on them: "three years", "a decade", "10-day", "two years ago",
 * "a year later", "several months", "the past three years" (deictic: a duration). */
static size_t duration_at(scan *S, size_t k, res *r, int has_the)
{
    int n, article;
    size_t j;
    const tok *t = tk(S, k);
    if (t->kind == TK_NUM && t->ndig == 4 && t->num >= 1000)
        return 0;
    if (is_num(t, 1, 3) && punct(tk(S, k + 1), '.') && !tk(S, k + 1)->sp && is_num(tk(S, k + 2), 1, 1) &&
        !tk(S, k + 2)->sp && cls(tk(S, k + 3), C_UNIT) && !letter_glued_before(S, k)) {
        /* "1.5 years": P1.5Y (ISO 8601 allows a decimal in the last unit) */
        const tok *u = tk(S, k + 3);
        int unit = val(u, C_UNIT);
        if (unit == U_Q || unit == U_F || unit == U_WE)
            return 0;
        duration_tenths(r, t->num, tk(S, k + 2)->num, unit);
        return k + 4;
    }
    if (cls(t, C_UNIT) && !has_the && S->text[t->e - 1] == 's' && val(t, C_UNIT) != U_WE && word_len(t) > 3) {
        /* "for years", "in months", "over decades": a bare plural unit is an unstated quantity */
        const tok *p = tkb(S, k, 1), *nx = tk(S, k + 1);
        if (cls(nx, C_AGO)) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT; /* "years ago", "decades ago" */
            snprintf(r->lit, sizeof r->lit, "PAST_REF");
            return k + 2;
        }
        if ((key(p) == K_FOR || key(p) == K_IN || key(p) == K_OVER) && !(punct(nx, '-') || punct(nx, '\'') ||
            key(nx) == K_OF || cls(nx, C_AGO) || cls(nx, C_LATER))) {
            duration(r, -1, val(t, C_UNIT));
            return k + 1;
        }
        return 0;
    }
    if (!cardinal_at(S, k, &n, &j, &article))
        return 0;
    int recent = cls(t, C_VAGUE) && val(t, C_VAGUE) == 2, hyphen = 0;
    if (n > 0 && !article) {
        /* "2-3 years", "two to three years": a range of durations, valued by its lower bound;
         * "one and a half years": P1.5Y */
        int n2 = 0, a2;
        size_t j2 = 0;
        if (t->kind == TK_NUM && punct(tk(S, j), '-') && !tk(S, j)->sp && is_num(tk(S, j + 1), 1, 4) &&
            !tk(S, j + 1)->sp && (n2 = tk(S, j + 1)->num) > n && cls(tk(S, j + 2), C_UNIT))
            j2 = j + 2;
        else if ((key(tk(S, j)) == K_TO || key(tk(S, j)) == K_OR) && cardinal_at(S, j + 1, &n2, &j2, &a2) && !a2 &&
                 n2 > n && cls(tk(S, j2), C_UNIT) && (tk(S, j + 1)->kind == TK_NUM) == (t->kind == TK_NUM))
            ;
        else if (key(tk(S, j)) == K_AND && cls(tk(S, j + 1), C_NUMBER) && val(tk(S, j + 1), C_NUMBER) == 1 &&
                 word_len(tk(S, j + 1)) <= 2 && key(tk(S, j + 2)) == K_HALF && cls(tk(S, j + 3), C_UNIT)) {
            const tok *u = tk(S, j + 3);
            int unit = val(u, C_UNIT);
            if (unit == U_Q || unit == U_F || unit == U_WE)
                return 0;
            duration_tenths(r, n, 5, unit);
            return j + 4;
        } else
            j2 = 0;
        if (j2 && !cls(tk(S, j2 + 1), C_AGO) && !cls(tk(S, j2 + 1), C_LATER)) {
            duration(r, n, val(tk(S, j2), C_UNIT));
            return j2 + 1;
        }
    }
    if (punct(tk(S, j), '-') && !tk(S, j)->sp)
        j++, hyphen = 1;
    const tok *u = tk(S, j);
    if (!cls(u, C_UNIT) || (article && punct(tk(S, j - 1), '-')))
        return 0;
    int unit = val(u, C_UNIT);
    if (n == 0 && t->kind == TK_NUM)
        return 0;
    if (recent) {
        duration(r, -1, unit); /* "recent years": PXY, a stretch of unstated length up to now */
        return j + 1;
    }
    j++;
    const tok *a = tk(S, j);
    if (unit == U_Q && n >= 1 && n <= 3 && key(a) == K_OF && !plain_year(S, j + 1, 1) &&
        !(key(tk(S, j + 1)) == K_THE && key(tk(S, j + 2)) == K_YEAR)) {
        memset(r, 0, sizeof *r);
        return j; /* "three-quarters of its food": a fraction, consumed, not tagged */
    }
    if (cls(a, C_AGO)) {
        if (n < 0) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "PAST_REF");
        } else if (unit == U_Y && n <= 2 && period_ok(S, k) && comparison_before(S, k))
            period_back(S, n, r); /* "up from $10 million a year ago" */
        else
            relative(S, 0, unit, -n, r);
        return j + 1;
    }
    if (key(a) == K_FROM && n > 0 && cls(tk(S, j + 1), C_REF) && val(tk(S, j + 1), C_REF) == REF_PRESENT &&
        word_len(tk(S, j + 1)) == 3) {
        relative(S, 0, unit, n, r); /* "ten years from now" */
        return j + 2;
    }
    if (cls(a, C_LATER) && n > 0 && !(tk(S, j + 1)->kind == TK_WORD && key(tk(S, j + 1)) == K_THAN)) {
        if (unit == U_Y && S->narr.y && S->narr.sent == t->sent && S->narr.gran == G_QUARTER)
            relative(S, 1, U_Q, 4 * n * val(a, C_LATER), r); /* "in the third quarter ... a year earlier" */
        else if (unit == U_Y && S->narr.y && S->narr.sent == t->sent && S->narr.gran == G_MONTH)
            relative(S, 1, U_M, 12 * n * val(a, C_LATER), r); /* "in September ... a year earlier" */
        else if (unit == U_Y && n <= 2 && val(a, C_LATER) < 0 && comparison_before(S, k))
            compare_back(S, k, n, r); /* "from $58 million a year earlier" */
        else
            relative(S, 1, unit, n * val(a, C_LATER), r);
        return j + 1;
    }
    if (n > 0 && key(a) == K_AND && cls(tk(S, j + 1), C_NUMBER) && val(tk(S, j + 1), C_NUMBER) == 1 &&
        word_len(tk(S, j + 1)) <= 2 && key(tk(S, j + 2)) == K_HALF && !cls(tk(S, j + 3), C_UNIT) &&
        unit != U_Q && unit != U_F && unit != U_WE) {
        duration_tenths(r, n, 5, unit); /* "a year and a half" */
        return j + 3;
    }
    duration(r, n, unit);
    r->the_ok = has_the && !hyphen && !article; /* "the nine months", not "the three-year contract" */
    if (article && n == 1 && amount_before(S, k) && S->text[u->e - 1] != 's') {
        r->type = DYAD_TIMEX_SET; /* "$5 a year", "4% a year": a rate */
        return j;
    }
    if ((punct(a, '-') && !a->sp && key(tk(S, j + 1)) == K_OLD && !tk(S, j + 1)->sp) || key(a) == K_OLD) {
        /* an age: the age of a state that lasts ("the 8-month-old truce", class "lasting") is a
         * duration; a person's ("52-year-old", "40 years old") is no temporal expression in
         * TimeML's corpus (none of TimeBank's or AQUAINT's 38 is tagged): consumed, not tagged */
        size_t e = j + (key(a) == K_OLD ? 1 : 2);
        if (key(a) != K_OLD && cls(tk(S, e), C_LASTING))
            return e;
        memset(r, 0, sizeof *r);
        return e;
    }
    if (punct(a, '-') && key(tk(S, j + 1)) == K_LONG) {
        if (article)
            r->start_at = j - 1; /* "a week-long visit": the article belongs to "visit" */
        j += 2;
    }
    return j;
}

/* Sets: "annual", "every year", "each month", "every two years", "twice a year", "every Monday". */
static size_t set_at(scan *S, size_t k, res *r)
{
    const tok *t = tk(S, k);
    size_t j;
    if (cls(t, C_SET)) {
        int v = val(t, C_SET);
        const tok *p = tkb(S, k, 1);
        if (v < 1 || v >= DATE_NPERIODS)
            return 0;
        if (t->cap && p->sent == t->sent && p->kind == TK_WORD &&
            (!p->lx || (key(p) == K_S && punct(tkb(S, k, 2), '\''))))
            return 0; /* inside a name: "People's Daily", "Business Weekly" */
        r->type = DYAD_TIMEX_SET, r->gran = G_LIT;
        snprintf(r->lit, sizeof r->lit, "%s", date__periods[v]);
        return k + 1;
    }
    int times = 0;
    if (key(t) == K_ONCE || key(t) == K_TWICE || key(t) == K_THRICE) {
        times = key(t) == K_ONCE ? 1 : key(t) == K_TWICE ? 2 : 3;
        j = k + 1;
    } else if ((is_num(t, 1, 2) || (cls(t, C_NUMBER) && word_len(t) > 2)) && key(tk(S, k + 1)) == K_TIMES) {
        times = t->kind == TK_NUM ? t->num : val(t, C_NUMBER);
        j = k + 2;
    }
    if (times > 0) {
        const tok *a = tk(S, j);
        if (!(key(a) == K_EACH || key(a) == K_EVERY || (cls(a, C_NUMBER) && val(a, C_NUMBER) == 1 && word_len(a) <= 2)))
            return 0;
        const tok *u = tk(S, j + 1);
        if (!cls(u, C_UNIT))
            return 0;
        duration(r, 1, val(u, C_UNIT));
        r->type = DYAD_TIMEX_SET;
        r->freq = times == 1 ? "1X" : times == 2 ? "2X" : times == 3 ? "3X" : "X";
        return j + 2;
    }
    if (key(t) != K_EVERY && key(t) != K_EACH)
        return 0;
    int per = (S->text[t->s] | 32) == 'p';
    if (per && !amount_before(S, k))
        return 0; /* "per" (class EACH) makes a set only after a count or amount: "$5 per month" */
    r->quant = per ? NULL : key(t) == K_EVERY ? "EVERY" : "EACH";
    j = k + 1;
    int n = 1, article;
    size_t jn;
    if (key(tk(S, j)) == K_OTHER && key(t) == K_EVERY && cls(tk(S, j + 1), C_UNIT))
        n = 2, j++; /* "every other week" */
    else if (cardinal_at(S, j, &n, &jn, &article) && n > 0 && !article)
        j = jn;
    else
        n = 1;
    const tok *u = tk(S, j);
    if (cls(u, C_UNIT)) {
        duration(r, n, val(u, C_UNIT));
        r->type = DYAD_TIMEX_SET;
        return j + 1;
    }
    if (cls(u, C_WEEKDAY) && u->cap) {
        r->type = DYAD_TIMEX_SET, r->gran = G_WEEKDAY, r->sub = val(u, C_WEEKDAY);
        return j + 1;
    }
    if (cls(u, C_MONTH) && u->cap && word_len(u) > 3) {
        r->type = DYAD_TIMEX_SET, r->gran = G_MONTH, r->m = val(u, C_MONTH), r->y = 0;
        return j + 1;
    }
    return 0;
}

static size_t holiday_at(scan *S, size_t k, res *r, int dir);

/* Deictic and anaphoric expressions: "last year", "this month", "next week", "last June",
 * "the following year", "that day", "the same month", "yesterday", "now", "the past". */
static size_t relative_at(scan *S, size_t k, res *r, int has_the)
{
    const tok *t = tk(S, k);
    if (has_the && cls(t, C_ORDINAL) && val(t, C_ORDINAL) == 1) {
        /* "the first nine months": a duration */
        int n, article;
        size_t jn;
        if (cardinal_at(S, k + 1, &n, &jn, &article) && !article && n > 1 && cls(tk(S, jn), C_UNIT)) {
            duration(r, n, val(tk(S, jn), C_UNIT));
            r->the_ok = 1;
            return jn + 1;
        }
    }
    if (has_the && cls(t, C_DAYPART) && val(t, C_DAYPART) < DP_NOON && !cls(t, C_DAYWORD) &&
        (key(tkb(S, k, 2)) == K_IN || key(tkb(S, k, 2)) == K_OVER) && key(tk(S, k + 1)) != K_OF) {
        /* "in the morning", "during the night": of the day the narrative stated in this or the
         * previous sentence, else of the DCT */
        if (S->narr.d && t->sent - S->narr.sent <= 1)
            r->y = S->narr.y, r->m = S->narr.m, r->d = S->narr.d, r->anchor = DYAD_ANCHOR_NARRATIVE;
        else if (S->dct.d)
            r->y = S->dct.y, r->m = S->dct.m, r->d = S->dct.d, r->anchor = DYAD_ANCHOR_DCT;
        r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = -val(t, C_DAYPART), r->the_ok = 1;
        return k + 1;
    }
    if (cls(t, C_DAYPART) && val(t, C_DAYPART) >= DP_NOON && !cls(t, C_DAYWORD)) {
        /* "at noon", "by midnight": the day of a date stated in the sentence, else the DCT's */
        const tok *p = tkb(S, k, has_the ? 2 : 1);
        if (!(key(p) == K_AT || cls(p, C_MONTHCTX)))
            return 0;
        r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = -val(t, C_DAYPART);
        res day;
        size_t e = time_day_after(S, k + 1, &day, has_the ? k - 1 : k);
        if (e) {
            time_take_day(r, &day); /* "at noon Thursday", "midnight Friday" */
            return e;
        }
        if (S->narr.d && S->narr.sent == t->sent)
            r->y = S->narr.y, r->m = S->narr.m, r->d = S->narr.d, r->anchor = DYAD_ANCHOR_NARRATIVE;
        else if (S->dct.d)
            r->y = S->dct.y, r->m = S->dct.m, r->d = S->dct.d, r->anchor = DYAD_ANCHOR_DCT;
        return k + 1;
    }
    if (cls(t, C_DAYWORD)) {
        int off = val(t, C_DAYWORD);
        const tok *p = tkb(S, k, 1), *nx = tk(S, k + 1);
        if (off == 0 && !cls(t, C_DAYPART) && ((key(p) == K_OF && !cls(nx, C_DAYPART)) || key(p) == K_EVEN)) {
            /* "the world of today", "even today": today in the sense of nowadays */
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "PRESENT_REF");
            return k + 1;
        }
        relative(S, 0, U_D, off, r);
        size_t j = k + 1;
        int dp = 0;
        if (cls(t, C_DAYPART))
            dp = val(t, C_DAYPART); /* tonight */
        else if (cls(tk(S, j), C_DAYPART))
            dp = val(tk(S, j), C_DAYPART), j++;
        if (dp && r->gran == G_DAY) {
            r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = -dp;
        }
        return j;
    }
    if (cls(t, C_DEICTIC) || cls(t, C_ANAPH)) {
        size_t j = k + 1;
        const tok *u = tk(S, j);
        int dv = cls(t, C_DEICTIC) ? val(t, C_DEICTIC) : 0, av = cls(t, C_ANAPH) ? val(t, C_ANAPH) : 0;
        if (cls(t, C_DEICTIC) && !cls(t, C_ANAPH) && dv == 0 && !has_the && cls(u, C_DEICTIC) && val(u, C_DEICTIC) < 0 &&
            !cls(u, C_ANAPH) && (cls(tk(S, j + 1), C_UNIT) || cls(tk(S, j + 1), C_SEASON))) {
            j++; /* "this past weekend": the last one */
            u = tk(S, j);
            dv = -1;
        }
        /* "the past three years", "the next five years", "last two decades": durations */
        const tok *pb = tkb(S, k, 1);
        int lead_ok = has_the || pb->kind == TK_END || pb->sent != t->sent || punct(pb, '(') || punct(pb, ',') ||
                      (cls(pb, C_MONTHCTX) && key(pb) != K_TO) || key(pb) == K_OVER || key(pb) == K_FOR;
        if (cls(t, C_DEICTIC) && dv != 0 && (has_the || (dv < 0 && lead_ok))) {
            int n, article;
            size_t jn;
            if (cardinal_at(S, j, &n, &jn, &article) && !article && cls(tk(S, jn), C_UNIT)) {
                duration(r, n, val(tk(S, jn), C_UNIT));
                r->the_ok = 1;
                return jn + 1;
            }
        }
        if (cls(u, C_DAYPART) && val(u, C_DAYPART) < DP_NOON && cls(t, C_ANAPH) && (has_the || !cls(t, C_DEICTIC)) &&
            !cls(u, C_DAYWORD)) {
            /* "the next morning", "the previous night", "that evening": a part of the narrative's day */
            relative(S, 1, U_D, av, r);
            if (r->gran != G_DAY)
                return 0;
            r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = -val(u, C_DAYPART), r->the_ok = 1;
            return j + 1;
        }
        if (cls(u, C_DAYPART) && cls(t, C_DEICTIC) && !has_the && dv <= 0 && (dv == 0 || val(u, C_DAYPART) == DP_NI)) {
            /* "this morning", "last night" */
            relative(S, 0, U_D, dv, r);
            if (r->gran == G_DAY)
                r->type = DYAD_TIMEX_TIME, r->gran = G_TIME, r->sub = -val(u, C_DAYPART);
            return j + 1;
        }
        if (cls(u, C_UNIT) && !(val(u, C_UNIT) == U_Q && key(tk(S, j + 1)) == K_OF)) {
            int unit = val(u, C_UNIT);
            int plural = S->text[u->e - 1] == 's' && unit != U_WE ? 1 : 0;
            if (unit == U_WE && word_len(u) > 7)
                plural = 1;
            if (unit == U_H || unit == U_MIN)
                return 0;
            if (has_the && cls(t, C_DEICTIC) && dv < 0) {
                duration(r, plural ? -1 : 1, unit); /* "the past year", "the last few years" */
                r->the_ok = 1;
                return j + 1;
            }
            if (plural) {
                /* "the coming years", "in coming months": PXY from now; "in past years": the past */
                if (dv > 0 && cls(t, C_DEICTIC) && (has_the || key(tkb(S, k, 1)) == K_IN)) {
                    duration(r, -1, unit);
                    r->the_ok = 1;
                    return j + 1;
                }
                if (dv < 0 && cls(t, C_DEICTIC) && !has_the && key(tkb(S, k, 1)) == K_IN) {
                    r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
                    snprintf(r->lit, sizeof r->lit, "PAST_REF");
                    return j + 1;
                }
                return 0;
            }
            if (has_the && dv > 0 && key(tkb(S, k, 2)) == K_OVER) {
                duration(r, 1, unit); /* "over the next decade" */
                r->the_ok = 1;
                return j + 1;
            }
            int anaphoric = (has_the && cls(t, C_ANAPH)) || (!has_the && cls(t, C_ANAPH) && !cls(t, C_DEICTIC));
            if (anaphoric && cls(t, C_ANAPH)) {
                relative(S, 1, unit == U_WE ? U_WE : unit, av, r);
                r->the_ok = 1;
                return j + 1;
            }
            if (has_the && dv > 0 && cls(t, C_DEICTIC) && !cls(t, C_ANAPH)) {
                /* "the coming week" is next week; "the coming decade" ten years from now */
                if (unit == U_DE || unit == U_CE || unit == U_ML)
                    duration(r, 1, unit);
                else
                    relative(S, 0, unit, dv, r);
                r->the_ok = 1;
                return j + 1;
            }
            if (!cls(t, C_DEICTIC) || (has_the && dv != 0))
                return 0;
            if (unit == U_Y && dv == -1 && !has_the && period_ok(S, k) &&
                (comparison_before(S, k) || (punct(tk(S, j + 1), '\'') && key(tk(S, j + 2)) == K_S)))
                period_back(S, 1, r); /* "compared with $33 million last year", "last year's quarter" */
            else
                relative(S, 0, unit, dv, r);
            r->the_ok = has_the;
            return j + 1;
        }
        if (has_the && !cls(t, C_ANAPH))
            return 0;
        if (!cls(t, C_DEICTIC))
            return 0;
        if (cls(u, C_MONTH) && month_at(S, j, 0) && (u->cap || (word_len(u) > 3 && val(u, C_MONTH) != 3))) {
            /* "last June"; not "this march" (a march) nor "this may" */
            int m = val(u, C_MONTH);
            r->type = DYAD_TIMEX_DATE, r->gran = G_MONTH, r->m = m;
            if (!S->dct.y || !S->dct.m) {
                r->gran = G_LIT;
                snprintf(r->lit, sizeof r->lit, "XXXX-%02d", m);
                return j + 1;
            }
            r->anchor = DYAD_ANCHOR_DCT;
            r->y = S->dct.y;
            if (dv < 0 && m >= S->dct.m)
                r->y--;
            if (dv > 0 && m <= S->dct.m)
                r->y++;
            return j + 1;
        }
        if (cls(u, C_WEEKDAY) && u->cap)
            return weekday_at(S, j, r, dv < 0 ? -1 : dv > 0 ? 1 : 3, j);
        if (cls(u, C_HOLIDAY) && u->cap && dv)
            return holiday_at(S, j, r, dv); /* "last Thanksgiving", "next Christmas" */
        if (cls(u, C_SEASON))
            return season_at(S, j, r, 0, dv, 1, 0);
        return 0;
    }
    return 0;
}

/* Vague references: "now", "recently", "currently"; the nouns "the past", "in future", "at present". */
static size_t ref_at(scan *S, size_t k, res *r, int has_the)
{
    const tok *t = tk(S, k), *p = tkb(S, k, has_the ? 2 : 1), *nx = tk(S, k + 1);
    if (!cls(t, C_REF))
        return 0;
    int v = val(t, C_REF), noun = v > REF_NOUN;
    if (noun) {
        v -= REF_NOUN;
        if (!(has_the || key(p) == K_IN || key(p) == K_AT || key(p) == K_NEAR))
            return 0;
        if (key(nx) == K_OF || (nx->kind == TK_WORD && !nx->lx && key(p) != K_AT) || cls(nx, C_UNIT))
            return 0; /* "the future of the deal", "the present situation", "the past year" */
    } else if (has_the || (punct(nx, '-') && !nx->sp)) {
        return 0; /* "the now-defunct firm" */
    } else if (t->cap && p->kind == TK_WORD && p->cap && p->sent == t->sent && !has_the) {
        return 0; /* inside a title: "Call Us Now" */
    } else if (v == REF_FUTURE && (key(p) == K_AS || key(nx) == K_AS || key(nx) == K_AFTER || key(nx) == K_THAN)) {
        return 0; /* "as soon as", "soon after": not a time of their own */
    }
    r->type = DYAD_TIMEX_DATE, r->gran = G_LIT, r->the_ok = has_the;
    snprintf(r->lit, sizeof r->lit, "%s", v == REF_PAST ? "PAST_REF" : v == REF_FUTURE ? "FUTURE_REF" : "PRESENT_REF");
    return k + 1;
}

/* "the 1990s", "1952", "29 June 2010", ...: the forms that do not start with a relative word. */
static size_t core_at(scan *S, size_t j, res *r, int has_the, int modded)
{
    const tok *t = tk(S, j);
    size_t e;
    if (t->kind == TK_NUM) {
        if ((e = numeric_date(S, j, r)) || (e = time_at(S, j, r)))
            return e;
        memset(r, 0, sizeof *r);
        if ((e = day_first(S, j, r)))
            return e;
        memset(r, 0, sizeof *r);
        if ((e = decade_at(S, j, r)) || (e = century_at(S, j, r)) || (e = year_at(S, j, r, modded)))
            return e;
        return 0;
    }
    if (punct(t, '\''))
        return decade_at(S, j, r);
    if (t->kind != TK_WORD || !t->lx)
        return 0;
    size_t jsy;
    int sy = cls(t, C_NUMBER) ? spoken_year_at(S, j, &jsy) : 0;
    if (sy) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = sy; /* "in nineteen ninety-one" */
        return jsy;
    }
    if (cls(t, C_DECADE) && (key(tkb(S, j, 1)) == K_THE || (cls(tkb(S, j, 1), C_PART) && key(tkb(S, j, 2)) == K_THE) ||
                             (punct(tkb(S, j, 1), '-') && cls(tkb(S, j, 2), C_PART) && key(tkb(S, j, 3)) == K_THE))) {
        /* "the nineties": the twentieth century's, as the words are used */
        r->type = DYAD_TIMEX_DATE, r->gran = G_DEC, r->y = 1900 + 10 * val(t, C_DECADE);
        return j + 1;
    }
    if (cls(t, C_MONTH) && (e = month_first(S, j, r, 1)))
        return e;
    memset(r, 0, sizeof *r);
    if (cls(t, C_WEEKDAY) && (e = weekday_at(S, j, r, 0, j)))
        return e;
    memset(r, 0, sizeof *r);
    if ((e = fiscal_at(S, j, r)) || (e = quarter_at(S, j, r, has_the)) || (e = century_at(S, j, r)))
        return e;
    if (cls(t, C_SEASON) && (e = season_at(S, j, r, has_the, 0, 0, modded)))
        return e;
    if (cls(t, C_ERA) && t->cap && val(t, C_ERA) == 1 && is_num(tk(S, j + 1), 1, 4) && tk(S, j + 1)->num > 0) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = tk(S, j + 1)->num;
        return j + 2;
    }
    return 0;
}

/* "the 15th": a day of the month in the narrative (within NARR_SENTENCES), else of the DCT's
 * month (one month back or on when the tense says so), else XXXX-XX-15. k at the number, after
 * "the"; only after a preposition ("on the 15th") and not before a noun ("the 15th floor"). */
static size_t nth_day_at(scan *S, size_t k, res *r)
{
    const tok *t = tk(S, k), *s = tk(S, k + 1), *p = tkb(S, k, 2), *n = tk(S, k + 2);
    if (!is_num(t, 1, 2) || t->num < 1 || t->num > 31 || s->kind != TK_WORD || s->sp || key(s) != K_ORD)
        return 0;
    if (!(cls(p, C_MONTHCTX) || key(p) == K_ON || key(p) == K_AT))
        return 0;
    if (n->kind == TK_WORD && (key(n) == K_OF || cls(n, C_UNIT) || !n->lx || (n->cap && n->sent == t->sent)))
        return 0; /* "the 15th floor", "the 7th Dialogue" */
    if (punct(n, '-') || punct(n, '\''))
        return 0;
    int d = t->num, y = 0, m = 0;
    if (S->narr.y && S->narr.m && t->sent - S->narr.sent <= NARR_SENTENCES) {
        y = S->narr.y, m = S->narr.m, r->anchor = DYAD_ANCHOR_NARRATIVE;
    } else if (S->dct.m) {
        y = S->dct.y, m = S->dct.m, r->anchor = DYAD_ANCHOR_DCT;
        int lean = lean_at(S, k - 1);
        if (lean == LEAN_NONE)
            lean = 0;
        if (S->dct.d && ((lean < 0 && d > S->dct.d) || (lean == 0 && d - S->dct.d > 15)))
            m--;
        else if (S->dct.d && ((lean > 0 && d < S->dct.d) || (lean == 0 && S->dct.d - d > 15)))
            m++;
        if (m < 1)
            m = 12, y--;
        if (m > 12)
            m = 1, y++;
    }
    r->type = DYAD_TIMEX_DATE, r->the_ok = 1;
    if (!m) {
        r->gran = G_LIT;
        snprintf(r->lit, sizeof r->lit, "XXXX-XX-%02d", d);
        return k + 2;
    }
    if (!ok_day(y, m, d))
        return k + 2;
    r->gran = G_DAY, r->y = y, r->m = m, r->d = d;
    return k + 2;
}

/* Easter Sunday of year y (Gregorian; the anonymous algorithm of 1876). */
static void easter(int y, int *m, int *d)
{
    int a = y % 19, b = y / 100, c = y % 100, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - b / 4 - g + 15) % 30, l = (32 + 2 * e + 2 * (c / 4) - h - c % 4) % 7;
    int q = (a + 11 * h + 22 * l) / 451, x = h + l - 7 * q + 114;
    *m = x / 31, *d = x % 31 + 1;
}

/* The month a holiday falls in (for the tense of a clause: Easter-based ones in March or April). */
static int holiday_month(int v)
{
    if (v >= HOL_EASTER - 100)
        return 4;
    if (v >= HOL_NTH)
        return (v - HOL_NTH) / 100;
    return v == 1 ? 11 : v / 100;
}

/* The day of holiday v in year y (see the class values in date_int.h); 0 when v is no holiday. */
static int holiday_date(int v, int y, int *m, int *d)
{
    if (y < YEAR_MIN || y > YEAR_MAX)
        return 0;
    if (v >= HOL_EASTER - 100) {
        int em, ed;
        easter(y, &em, &ed);
        civil_from(civil_days(y, em, ed) + (v - HOL_EASTER), &y, m, d);
        return 1;
    }
    if (v == 1)
        v = HOL_NTH + 1100 + 44; /* Thanksgiving: the 4th Thursday of November (the old value 1) */
    if (v >= HOL_NTH) {
        int mm = (v - HOL_NTH) / 100, n = (v - HOL_NTH) / 10 % 10, wd = (v - HOL_NTH) % 10;
        if (mm < 1 || mm > 12 || n < 1 || n > 5 || wd < 1 || wd > 7)
            return 0;
        int first = 1 + (wd - weekday_of(civil_days(y, mm, 1)) + 7) % 7;
        int day = first + 7 * (n - 1);
        while (day > mdays(y, mm))
            day -= 7; /* n 5: the last one */
        *m = mm, *d = day;
        return 1;
    }
    if (v < 101 || v / 100 > 12 || v % 100 < 1 || v % 100 > mdays(y, v / 100))
        return 0;
    *m = v / 100, *d = v % 100;
    return 1;
}

/* Holidays: "Christmas", "Christmas Eve", "Christmas Day 1988", "New Year's Eve", "Thanksgiving",
 * "Good Friday", "Easter Monday", "Labor Day", "Mother's Day" (data/date-words.txt [holiday]); with
 * the year stated, or the DCT's as for a month, or (dir -1/1: "last Christmas", "next Easter") the
 * latest before the DCT or the next after it. A two-word name is found from its first word and the
 * next capitalised one ("Mother's Day": "mother_day"). */
static size_t holiday_at(scan *S, size_t k, res *r, int dir)
{
    const tok *t = tk(S, k);
    if (!cls(t, C_HOLIDAY) || !t->cap)
        return 0;
    int v = val(t, C_HOLIDAY), eve = 0;
    size_t j = k + 1, jn = j;
    if (punct(tk(S, jn), '\'') && key(tk(S, jn + 1)) == K_S && !tk(S, jn + 1)->sp)
        jn += 2; /* "Mother's Day" */
    const tok *n = tk(S, jn);
    size_t hl = (size_t)word_len(t), nl = (size_t)word_len(n);
    if (n->kind == TK_WORD && n->cap && n->sent == t->sent && hl + 1 + nl < LEX_KEY) {
        char w[LEX_KEY];
        for (size_t i = 0; i < hl; i++)
            w[i] = (char)(S->text[t->s + i] | 32);
        w[hl] = '_';
        for (size_t i = 0; i < nl; i++)
            w[hl + 1 + i] = (char)(S->text[n->s + i] | 32);
        const date_lexent *e = date__lex_find(S->lx, w, hl + 1 + nl);
        if (e && (e->classes >> C_HOLIDAY & 1u) && e->val[C_HOLIDAY] != HOL_HEAD) {
            const tok *p = tkb(S, k, 1);
            if (p->kind == TK_WORD && p->cap && !p->lx && p->sent == t->sent && e->val[C_HOLIDAY] == 101)
                return 0; /* "the Lunar New Year", "Chinese New Year": another calendar */
            v = e->val[C_HOLIDAY], j = jn + 1;
        }
    }
    if (v == HOL_HEAD)
        return 0; /* "Valentine", "Good", "Labor" alone */
    if (punct(tk(S, j), '\'') && key(tk(S, j + 1)) == K_S && !tk(S, j + 1)->sp && tk(S, j + 2)->cap &&
        (key(tk(S, j + 2)) == K_DAY || key(tk(S, j + 2)) == K_EVE))
        j += 2; /* "New Year's Day" */
    if (key(tk(S, j)) == K_DAY && tk(S, j)->cap)
        j++;
    else if (key(tk(S, j)) == K_EVE && tk(S, j)->cap)
        eve = 1, j++;
    int m, d, m0 = holiday_month(v), fixed = v >= 101 && v < HOL_NTH;
    if (m0 < 1 || m0 > 12)
        return 0;
    if (eve && v == 101)
        v = 1231, eve = 0, m0 = 12; /* New Year's Eve: the last day of the year named */
    size_t jy;
    int y = year_after(S, j, &jy);
    if (y)
        j = jy;
    else if (dir && S->dct.d) {
        long base = civil_days(S->dct.y, S->dct.m, S->dct.d);
        y = S->dct.y;
        if (!holiday_date(v, y, &m, &d))
            return 0;
        long at = civil_days(y, m, d) - eve;
        if (dir < 0 && at >= base)
            y--;
        else if (dir > 0 && at <= base)
            y++;
        r->anchor = DYAD_ANCHOR_DCT;
    } else
        y = year_for(S, k, m0, fixed ? v % 100 : 0, r);
    r->type = DYAD_TIMEX_DATE;
    if (!y && !fixed) {
        r->gran = G_LIT; /* a moving holiday with no year: no day to give */
        snprintf(r->lit, sizeof r->lit, "XXXX-XX-XX");
        return j;
    }
    if (!y) {
        m = v / 100, d = v % 100;
    } else if (!holiday_date(v, y, &m, &d))
        return 0;
    if (eve && y) {
        civil_from(civil_days(y, m, d) - 1, &y, &m, &d);
    } else if (eve)
        d = d > 1 ? d - 1 : d;
    r->gran = G_DAY, r->y = y, r->m = m, r->d = d;
    if (y && key(tk(S, j)) == K_WEEK && !eve) {
        iso_week(civil_days(y, m, d), &r->y, &r->sub); /* "Easter week", "Christmas week" */
        r->gran = G_WEEK;
        j++;
    }
    return j;
}

/* "then" at k is a time only after since, until, till, by, before, back, from ("since then", not
 * "and then"). */
static int then_is_time(scan *S, size_t k)
{
    const tok *p = tkb(S, k, 1);
    if (p->sent != tk(S, k)->sent || p->kind != TK_WORD)
        return 0;
    return key(p) == K_BACK || key(p) == K_FROM || key(p) == K_BEFORE ||
           (cls(p, C_LEAN) && (val(p, C_LEAN) == -1 || val(p, C_LEAN) == 1 || (val(p, C_LEAN) == 2 && word_len(p) == 2)));
}

/* Compound forms: "year-earlier", "the year-ago quarter", "year-end", "the day before yesterday",
 * "the weekend", "half a century", holidays, "the 15th". k at the first word after "the". */
static size_t compound_at(scan *S, size_t k, res *r, int has_the)
{
    const tok *t = tk(S, k);
    if (t->kind == TK_NUM)
        return has_the ? nth_day_at(S, k, r) : 0;
    if (t->kind != TK_WORD || !t->lx)
        return 0;
    if (cls(t, C_HOLIDAY))
        return holiday_at(S, k, r, 0);
    const tok *a = tk(S, k + 1), *b = tk(S, k + 2);
    if (key(t) == K_HALF && cls(a, C_NUMBER) && val(a, C_NUMBER) == 1 && word_len(a) <= 2 && cls(b, C_UNIT)) {
        int u = val(b, C_UNIT);
        r->type = DYAD_TIMEX_DURATION, r->gran = G_LIT;
        const char *v = u == U_Y ? "P6M" : u == U_CE ? "P50Y" : u == U_DE ? "P5Y" : u == U_D ? "PT12H" : u == U_H ? "PT30M" : NULL;
        if (v)
            snprintf(r->lit, sizeof r->lit, "%s", v);
        else
            snprintf(r->lit, sizeof r->lit, "P0.5%s", unit_code(u));
        return k + 3;
    }
    if (cls(t, C_UNIT) && S->text[t->e - 1] == 's' && has_the && key(tkb(S, k, 2)) == K_OVER &&
        (val(t, C_UNIT) == U_Y || val(t, C_UNIT) == U_DE || val(t, C_UNIT) == U_CE)) {
        duration(r, -1, val(t, C_UNIT)); /* "over the years", "through the decades" */
        r->the_ok = 1;
        return k + 1;
    }
    if ((key(t) == K_THESE || key(t) == K_THOSE) && cls(a, C_UNIT) && S->text[a->e - 1] == 's' &&
        (val(a, C_UNIT) == U_D || val(a, C_UNIT) == U_Y)) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_LIT; /* "these days", "in those years" */
        snprintf(r->lit, sizeof r->lit, "%s", key(t) == K_THESE ? "PRESENT_REF" : "PAST_REF");
        return k + 2;
    }
    if (((has_the && key(t) == K_TIME) || (!has_the && key(t) == K_THAT && key(a) == K_TIME)) &&
        key(tkb(S, k, has_the ? 2 : 1)) == K_AT) {
        /* "at the time", "at that time": the date the narrative stated lately, else the past */
        const tok *nx = tk(S, key(t) == K_TIME ? k + 1 : k + 2);
        if (key(nx) == K_OF || key(nx) == K_THAT || (nx->kind == TK_WORD && !nx->lx && !nx->cap && word_len(nx) > 4 &&
                                                      !memcmp(S->text + nx->s, "being", 5)))
            return 0; /* "at the time of the attack", "for the time being" */
        if (!narr_value(S, k, r)) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "PAST_REF");
        }
        r->the_ok = 1;
        return key(t) == K_TIME ? k + 1 : k + 2;
    }
    if (key(t) == K_THEN && then_is_time(S, k)) {
        /* "since then", "until then", "by then", "back then": the narrative's date, else the past
         * (the future in a future clause: "by then the talks will have ended") */
        if (!narr_value(S, k, r)) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "%s", tense_of(S, k, 1) == 1 ? "FUTURE_REF" : "PAST_REF");
        }
        return k + 1;
    }
    if (((cls(t, C_NUMBER) && val(t, C_NUMBER) == 1 && key(a) == K_GENERATION && cls(b, C_AGO)) ||
         (key(t) == K_GENERATION && word_len(t) > 10 && cls(a, C_AGO)))) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_LIT; /* "a generation ago", "generations ago" */
        snprintf(r->lit, sizeof r->lit, "PAST_REF");
        return key(t) == K_GENERATION ? k + 2 : k + 3;
    }
    if (key(t) == K_LONG && cls(a, C_AGO)) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_LIT; /* "long ago" */
        snprintf(r->lit, sizeof r->lit, "PAST_REF");
        return k + 2;
    }
    if (has_the && key(t) == K_LATEST && ((cls(a, C_UNIT) && val(a, C_UNIT) == U_Q && word_len(a) == 7) || key(a) == K_PERIOD)) {
        /* "the latest quarter", "the latest period": the quarter reported on, else the DCT's last */
        if (period_ok(S, k)) {
            r->type = DYAD_TIMEX_DATE, r->gran = G_QUARTER, r->y = S->period.y, r->sub = S->period.m;
            r->anchor = DYAD_ANCHOR_NARRATIVE;
        } else if (key(a) == K_PERIOD)
            return 0;
        else
            relative(S, 0, U_Q, -1, r);
        r->the_ok = 1;
        return k + 2;
    }
    if (!cls(t, C_UNIT) || S->text[t->e - 1] == 's')
        return 0;
    int unit = val(t, C_UNIT);
    if (has_the && key(t) == K_YEAR && plain_year(S, k + 1, 1)) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = tk(S, k + 1)->num, r->the_ok = 1; /* "the year 2000" */
        return k + 2;
    }
    size_t jsy;
    int sy = has_the && key(t) == K_YEAR ? spoken_year_at(S, k + 1, &jsy) : 0;
    if (sy) {
        r->type = DYAD_TIMEX_DATE, r->gran = G_YEAR, r->y = sy, r->the_ok = 1; /* "the year two thousand" */
        return jsy;
    }
    if (has_the && !t->cap && (unit == U_Q || unit == U_Y || unit == U_M || unit == U_W) && (key(tkb(S, k, 2)) == K_FOR || key(tkb(S, k, 2)) == K_IN ||
                                                    key(tkb(S, k, 2)) == K_OVER) &&
        (a->kind == TK_END || (a->kind == TK_PUNCT && a->c != '-' && a->c != '\'') ||
         (a->kind == TK_WORD && word_len(a) >= 5 && !memcmp(S->text + a->s, "end", 3)) || cls(a, C_TENSE) ||
         (unit == U_Q && period_ok(S, k) && a->kind == TK_WORD && key(a) != K_OF && key(a) != K_THAT))) {
        /* "for the quarter", "in the year ended June 30": the period the report is about, i.e. the
         * quarter or year of the narrative when one was stated lately, else the DCT's last quarter
         * (reports follow the quarter) or its year */
        r->type = DYAD_TIMEX_DATE, r->the_ok = 1;
        int narr_ok = S->narr.y && t->sent - S->narr.sent <= NARR_SENTENCES;
        if (unit == U_Q && period_ok(S, k)) {
            r->gran = G_QUARTER, r->y = S->period.y, r->sub = S->period.m, r->anchor = DYAD_ANCHOR_NARRATIVE;
        } else if (unit == U_Q && narr_ok && S->narr.gran == G_QUARTER) {
            r->gran = G_QUARTER, r->y = S->narr.y, r->sub = (S->narr.m - 1) / 3 + 1, r->anchor = DYAD_ANCHOR_NARRATIVE;
        } else if (unit == U_Y && narr_ok) {
            r->gran = G_YEAR, r->y = S->narr.y, r->anchor = DYAD_ANCHOR_NARRATIVE;
        } else if (unit == U_M && narr_ok && S->narr.gran == G_MONTH) {
            r->gran = G_MONTH, r->y = S->narr.y, r->m = S->narr.m, r->anchor = DYAD_ANCHOR_NARRATIVE;
        } else
            relative(S, 0, unit, unit == U_Q ? -1 : 0, r);
        return k + 1;
    }
    if (has_the && key(t) == K_DAY && (key(a) == K_BEFORE || key(a) == K_AFTER) && cls(b, C_DAYWORD) &&
        !cls(b, C_DAYPART)) {
        relative(S, 0, U_D, val(b, C_DAYWORD) + (key(a) == K_BEFORE ? -1 : 1), r);
        r->the_ok = 1;
        return k + 3;
    }
    if (has_the && unit == U_WE && word_len(t) == 7) {
        /* "over the weekend": the last one in a past-tense clause, else the coming one */
        r->type = DYAD_TIMEX_DATE, r->the_ok = 1;
        if (!S->dct.d) {
            r->gran = G_LIT;
            snprintf(r->lit, sizeof r->lit, "XXXX-WXX-WE");
            return k + 1;
        }
        long base = civil_days(S->dct.y, S->dct.m, S->dct.d);
        int cur = weekday_of(base);
        long sat = tense_of(S, k, 1) < 0 ? base - (cur - 6 + 7) % 7 : base + (6 - cur + 7) % 7;
        if (cur == 7)
            sat = base - 1;
        iso_week(sat, &r->y, &r->sub);
        r->gran = G_WEEKEND, r->anchor = DYAD_ANCHOR_DCT;
        return k + 1;
    }
    if ((unit == U_Y || unit == U_M || unit == U_Q) && !has_the) {
        /* "year end", "year's end": like "year-end" */
        size_t je = punct(a, '\'') && key(b) == K_S && !b->sp ? k + 3 : k + 1;
        const tok *w = tk(S, je);
        if (je > k + 1 || !punct(a, '-')) {
            if (cls(w, C_PARTNOUN) && val(w, C_PARTNOUN) == DYAD_MOD_END && w->kind == TK_WORD && word_len(w) == 3 &&
                key(tk(S, je + 1)) != K_OF) {
                relative(S, 0, unit, 0, r);
                r->mod = DYAD_MOD_END;
                return je + 1;
            }
        }
    }
    if (!punct(a, '-') || a->sp || b->sp || b->kind != TK_WORD)
        return 0;
    if (cls(b, C_PARTNOUN) && val(b, C_PARTNOUN) == DYAD_MOD_END && (unit == U_Y || unit == U_M || unit == U_Q)) {
        relative(S, 0, unit, 0, r); /* "year-end", "month-end" */
        r->mod = DYAD_MOD_END;
        return k + 3;
    }
    if (!((cls(b, C_LATER) && val(b, C_LATER) < 0) || cls(b, C_AGO)) || !(unit == U_Y || unit == U_M || unit == U_Q || unit == U_W))
        return 0;
    /* "year-earlier", "the year-ago quarter", "the year-earlier period": anchored like "a year earlier" */
    size_t j = k + 3;
    const tok *n = tk(S, j);
    int noun = 0;
    if ((cls(n, C_UNIT) && S->text[n->e - 1] != 's') || key(n) == K_PERIOD)
        noun = cls(n, C_UNIT) ? val(n, C_UNIT) : -1, j++;
    size_t jq;
    int oq = noun ? 0 : ordinal_at(S, j, &jq);
    if (oq >= 1 && oq <= 4 && cls(tk(S, jq), C_UNIT) && val(tk(S, jq), C_UNIT) == U_Q && unit == U_Y) {
        /* "the year-ago third quarter": that quarter of the year before the report's */
        compare_back(S, k, 1, r);
        r->gran = G_QUARTER, r->sub = oq, r->the_ok = 1;
        return jq + 1;
    }
    if (unit == U_Y && period_ok(S, k))
        period_back(S, 1, r); /* a comparison: the reporting period a year back */
    else if ((noun == U_M || noun == -1) && unit == U_Y && S->narr.gran == G_MONTH && S->narr.y &&
             tk(S, k)->sent - S->narr.sent <= NARR_SENTENCES)
        relative(S, 1, U_M, -12, r); /* "September sales ... the year-earlier month" */
    else if (unit == U_Y)
        compare_back(S, k, 1, r);
    else
        relative(S, 1, unit, -1, r);
    r->the_ok = noun != 0;
    return j;
}

/* Everything at token i: an optional "the", an optional modifier ("early", "the end of", "around",
 * "more than"), then a relative form, a set, a duration or a core date. Returns the token after the
 * match (0: none) and sets *first to the first token of the span. */
static size_t try_at(scan *S, size_t i, res *r, size_t *first)
{
    const tok *t = tk(S, i);
    if (t->kind == TK_WORD && !(t->lx && t->lx->start))
        return 0; /* the common case: a word no expression starts with */
    if (t->kind == TK_PUNCT && t->c != '\'')
        return 0;
    S->expr_start = i;
    if (cls(t, C_LATER) && (word_len(t) == 7 || word_len(t) == 5) && key(tk(S, i + 1)) == K_IN &&
        key(tk(S, i + 2)) == K_THE) {
        /* "earlier in the week", "later in the day": that period of the date the narrative stated
         * lately, else of the DCT */
        const tok *w = tk(S, i + 3);
        int unit = cls(w, C_UNIT) && S->text[w->e - 1] != 's' ? val(w, C_UNIT) : 0;
        if (unit == U_D || unit == U_W || unit == U_M || unit == U_Y || unit == U_Q) {
            memset(r, 0, sizeof *r);
            if (!(S->narr.y && t->sent - S->narr.sent <= 1 && shift(&S->narr, unit, 0, r) && (r->anchor = DYAD_ANCHOR_NARRATIVE)))
                relative(S, 0, unit, 0, r);
            r->type = DYAD_TIMEX_DATE;
            if (r->gran != G_NONE || r->lit[0]) {
                *first = i + 2; /* the span is "the week", as TimeBank's "later in the day" */
                return i + 4;
            }
        }
    }
    size_t j = i;
    /* phrase: 1 "the end of", "the first week of"; 2 a modifier word ("early", "around",
     * "more than"); 3 "earlier"/"later" before "this month" */
    int has_the = 0, mod = DYAD_MOD_NONE, half = 0, phrase = 0, dur_only = 0;
    if (key(t) == K_THE)
        has_the = 1, j++;
    const tok *u = tk(S, j);
    size_t jo;
    int o;
    if (has_the && ((o = ordinal_at(S, j, &jo)) || (cls(u, C_DEICTIC) && val(u, C_DEICTIC) < 0 && (jo = j + 1))) &&
        key(tk(S, jo + 1)) == K_OF) {
        /* "the first week of", "the last days of", "the second half of" */
        const tok *n = tk(S, jo);
        int unit = cls(n, C_UNIT) ? val(n, C_UNIT) : 0;
        if (key(n) == K_HALF && o <= 2) {
            half = o ? o : 2;
            mod = half == 1 ? DYAD_MOD_START : DYAD_MOD_END;
        } else if (unit == U_W || unit == U_D || unit == U_M) {
            mod = !o ? DYAD_MOD_END : o == 1 ? DYAD_MOD_START : o <= 3 && unit == U_W ? DYAD_MOD_MID : DYAD_MOD_END;
            if (o == 4 && unit == U_W)
                mod = DYAD_MOD_END;
        } else
            mod = 0;
        if (mod) {
            j = jo + 2;
            phrase = 1;
        }
    }
    u = tk(S, j);
    if (!phrase && cls(u, C_PARTNOUN) && key(tk(S, j + 1)) == K_OF) {
        mod = val(u, C_PARTNOUN);
        j += 2;
        phrase = 1;
    } else if (!phrase && cls(u, C_PARTNOUN) && val(u, C_PARTNOUN) == DYAD_MOD_END && punct(tk(S, j + 1), '-') &&
               !tk(S, j + 1)->sp) {
        mod = DYAD_MOD_END; /* "end-June" */
        j += 2;
        phrase = 1;
    } else if (!phrase && cls(u, C_PART)) {
        mod = val(u, C_PART);
        j++;
        if (punct(tk(S, j), '-'))
            j++;
        size_t q = j + 1;
        if (punct(tk(S, q), '-'))
            q++;
        if (key(tk(S, j)) == K_TO && cls(tk(S, q), C_PART)) {
            /* "mid-to-late", "early-to-mid": the part that is not MID (no TIMEX3 mod spans two) */
            int m2 = val(tk(S, q), C_PART);
            mod = mod == DYAD_MOD_MID ? m2 : m2 == DYAD_MOD_MID ? mod : DYAD_MOD_NONE;
            j = q + 1;
            if (punct(tk(S, j), '-'))
                j++;
        }
        phrase = 2;
    } else if (!phrase && (key(u) == K_PRE || key(u) == K_POST) && punct(tk(S, j + 1), '-') && !tk(S, j + 1)->sp &&
               tk(S, j + 2)->kind == TK_NUM && !tk(S, j + 2)->sp) {
        mod = key(u) == K_PRE ? DYAD_MOD_BEFORE : DYAD_MOD_AFTER; /* "post-1959", "pre-2008" */
        j += 2;
        phrase = 2;
    } else if (!phrase && cls(u, C_APPROX)) {
        if (val(u, C_APPROX) == DYAD_MOD_MORE_THAN && word_len(u) == 4 && amount_before(S, j))
            return 0; /* "$1.2 billion over 10 years": "over" means during */
        mod = val(u, C_APPROX);
        dur_only = mod != DYAD_MOD_APPROX;
        j++;
        phrase = 2;
    } else if (!phrase && (key(u) == K_MORE || key(u) == K_LESS) && key(tk(S, j + 1)) == K_THAN) {
        mod = key(u) == K_MORE ? DYAD_MOD_MORE_THAN : DYAD_MOD_LESS_THAN;
        dur_only = 1;
        j += 2;
        phrase = 2;
    } else if (!phrase && key(u) == K_UP && key(tk(S, j + 1)) == K_TO) {
        mod = DYAD_MOD_EQUAL_OR_LESS; /* "up to five years" */
        dur_only = 1;
        j += 2;
        phrase = 2;
    } else if (!phrase && key(u) == K_AT && key(tk(S, j + 1)) == K_LEAST) {
        mod = DYAD_MOD_EQUAL_OR_MORE;
        dur_only = 1;
        j += 2;
        phrase = 2;
    } else if (!phrase && cls(u, C_LATER) && (word_len(u) == 7 || word_len(u) == 5) && cls(tk(S, j + 1), C_DEICTIC)) {
        j++; /* "earlier this month", "later this year" */
        phrase = 3;
    }
    int the2 = 0;
    if (phrase == 1 && key(tk(S, j)) == K_THE) {
        the2 = 1;
        j++;
    }
    u = tk(S, j);
    if ((u->kind == TK_WORD && !(u->lx && u->lx->start)) || (u->kind == TK_PUNCT && u->c != '\'') || u->kind == TK_END)
        return 0; /* nothing temporal can start here: the common case, decided early */
    size_t e = 0;
    memset(r, 0, sizeof *r);
    int h2 = phrase == 1 ? the2 : (phrase ? 0 : has_the);
    if (phrase == 1 && the2) {
        /* "the end of the year", "the beginning of the month": this year, this month */
        const tok *w = tk(S, j);
        if (cls(w, C_UNIT) && S->text[w->e - 1] != 's') {
            int unit = val(w, C_UNIT);
            if (unit == U_Y || unit == U_M || unit == U_DE || unit == U_CE || unit == U_W || unit == U_Q) {
                relative(S, 0, unit, 0, r);
                e = j + 1;
            }
        }
    }
    if (!e)
        e = compound_at(S, j, r, h2 || (has_the && phrase == 2));
    if (!e) {
        memset(r, 0, sizeof *r);
        e = relative_at(S, j, r, h2 || (has_the && phrase == 2));
    }
    if (!e) {
        memset(r, 0, sizeof *r);
        e = ref_at(S, j, r, h2);
    }
    if (!e) {
        memset(r, 0, sizeof *r);
        e = set_at(S, j, r);
    }
    if (!e) {
        memset(r, 0, sizeof *r);
        e = duration_at(S, j, r, h2);
    }
    if (!e) {
        memset(r, 0, sizeof *r);
        e = core_at(S, j, r, h2, phrase != 0);
    }
    if (!e)
        return 0;
    if (r->gran == G_NONE && r->type == DYAD_TIMEX_DATE && !r->lit[0])
        return e; /* consumed, nothing to tag ("31 February") */
    if (r->gran == G_YEAR && r->y > 0 && !r->y2 && punct(tk(S, e), '\'') && key(tk(S, e + 1)) == K_S && !tk(S, e + 1)->sp) {
        /* "last year's third quarter", "1989's first half": one expression */
        size_t jq = e + 2;
        int oq = ordinal_at(S, e + 2, &jq);
        const tok *n = tk(S, oq ? jq : e + 2);
        if (oq >= 1 && oq <= 4 && cls(n, C_UNIT) && val(n, C_UNIT) == U_Q && word_len(n) == 7)
            r->gran = G_QUARTER, r->sub = oq, e = jq + 1;
        else if (oq >= 1 && oq <= 2 && key(n) == K_HALF)
            r->gran = G_HALF, r->sub = oq, e = jq + 1;
    } else if (r->gran == G_YEAR && r->y > 0 && !r->y2 && tk(S, e - 1)->kind == TK_NUM) {
        /* "the 1988 third quarter"; "the 1988 period", "the 1988 quarter" in a report on a quarter */
        size_t jq = e;
        int oq = ordinal_at(S, e, &jq);
        const tok *n = tk(S, oq ? jq : e);
        if (oq >= 1 && oq <= 4 && cls(n, C_UNIT) && val(n, C_UNIT) == U_Q && word_len(n) == 7)
            r->gran = G_QUARTER, r->sub = oq, e = jq + 1;
        else if (!oq && has_the && period_ok(S, e) && (key(n) == K_PERIOD || (cls(n, C_UNIT) && val(n, C_UNIT) == U_Q && word_len(n) == 7)))
            r->gran = G_QUARTER, r->sub = S->period.m, r->comparison = r->y != S->period.y, e++;
    }
    *first = i;
    if (phrase && mod) {
        if (dur_only && r->type != DYAD_TIMEX_DURATION) {
            *first = j; /* "over 2010": not a modifier of a date; the span starts at the date */
        } else if (half && r->gran == G_YEAR) {
            r->gran = G_HALF, r->sub = half;
        } else
            r->mod = mod;
    }
    if (has_the && !phrase && !r->the_ok && !(r->gran == G_DEC || r->gran == G_CENT || r->gran == G_QUARTER ||
                                             r->gran == G_HALF || r->gran == G_SEASON))
        *first = i + 1;
    if (has_the && phrase == 2 && !(r->gran == G_DEC || r->gran == G_CENT || r->gran == G_SEASON || r->gran == G_QUARTER ||
                                    r->gran == G_HALF || r->the_ok))
        *first = i + 1;
    if (r->start_at > *first)
        *first = r->start_at;
    return e;
}

/* ------------------------------------------------------------------ driver */

/* The document's own evidence on numeric dates: 27/03/2021 votes day first, 03/27/2021 month
 * first. One byte-level pass before tagging, so that the first ambiguous date already knows. */
static void vote_prescan(scan *S)
{
    const unsigned char *p = (const unsigned char *)S->text;
    size_t n = S->len, i = 0;
    while (i < n) {
        if (!is_digit(p[i]) || (i && (is_digit(p[i - 1]) || is_alpha(p[i - 1])))) {
            i++;
            continue;
        }
        int v[3] = {0, 0, 0}, len[3] = {0, 0, 0};
        size_t j = i;
        char sep = 0;
        int part = 0;
        for (;;) {
            while (j < n && is_digit(p[j]) && len[part] < 5)
                v[part] = v[part] * 10 + (p[j] - '0'), len[part]++, j++;
            if (part == 2 || j >= n || is_digit(p[j]))
                break;
            if (!(p[j] == '/' || p[j] == '.' || p[j] == '-') || (sep && p[j] != sep) || j + 1 >= n || !is_digit(p[j + 1]))
                break;
            sep = (char)p[j++];
            part++;
        }
        if (part == 2 && len[0] <= 2 && len[1] <= 2 && (len[2] == 4 || len[2] == 2) && (j >= n || !is_digit(p[j]))) {
            if (v[0] > 12 && v[0] <= 31 && v[1] >= 1 && v[1] <= 12)
                S->dmy_votes++;
            else if (v[1] > 12 && v[1] <= 31 && v[0] >= 1 && v[0] <= 12)
                S->mdy_votes++;
        }
        i = j > i ? j : i + 1;
    }
}

static void *make_slot(const dyad_ctx *ctx)
{
    size_t n = 0;
    const char *d = dyad__data(ctx, "date-words.txt", &n);
    if (!d)
        return NULL;
    return date__lex_build(d, n);
}

static const char *builtin_words(size_t *n)
{
    for (const dyad__builtin *b = dyad__builtin_data; b->name; b++)
        if (!strcmp(b->name, "date-words.txt")) {
            *n = b->len;
            return b->data;
        }
    *n = 0;
    return "";
}

static int emit(scan *S, size_t first, size_t last, res *r, dyad_timex_fn fn, void *ud)
{
    char value[64], vend[64];
    const tok *a = tk(S, first), *b = tk(S, last);
    dyad_timex tx = {0};
    tx.start = a->s;
    tx.end = b->e;
    tx.type = (dyad_timex_type)r->type;
    if (r->gran == G_WEEKDAY && r->type == DYAD_TIMEX_SET)
        snprintf(value, sizeof value, "XXXX-WXX-%d", r->sub);
    else
        format_value(r, r->y, r->m, r->d, value, sizeof value);
    tx.value = value;
    if (r->y2) {
        format_value(r, r->y2 > 0 ? r->y2 : 0, r->m2, r->d2, vend, sizeof vend);
        tx.value_end = vend;
    }
    tx.mod = (dyad_timex_mod)r->mod;
    tx.anchor = (dyad_timex_anchor)r->anchor;
    if (r->type == DYAD_TIMEX_SET) {
        tx.quant = r->quant;
        tx.freq = r->freq;
    }
    /* the reporting period: a quarter the text reports on, so one that is over by the DCT (one of
     * the four before the DCT's: "into the fourth quarter" in October is a forecast) */
    if (r->gran == G_QUARTER && r->y > 0 && !r->comparison && r->type == DYAD_TIMEX_DATE) {
        long q = (long)r->y * 4 + r->sub - 1, dq = (long)S->dct.y * 4 + (S->dct.m ? S->dct.m - 1 : 11) / 3;
        if (!S->dct.y || (q < dq && q >= dq - 4)) {
            S->period.y = r->y, S->period.m = r->sub, S->period.sent = b->sent;
        }
    }
    /* the narrative reference: the last date the text gave, to the day when it did */
    if ((r->type == DYAD_TIMEX_DATE || r->type == DYAD_TIMEX_TIME) && r->y > 0 && r->gran >= G_YEAR &&
        r->gran <= G_TIME && r->gran != G_FY && r->gran != G_WEEKDAY) {
        S->narr.y = r->y2 > 0 ? r->y2 : r->y;
        S->narr.m = r->gran >= G_MONTH && r->gran != G_WEEK && r->gran != G_WEEKEND ? (r->y2 > 0 ? r->m2 : r->m) : 0;
        S->narr.d = r->gran >= G_DAY ? (r->y2 > 0 ? r->d2 : r->d) : 0;
        if (r->gran == G_QUARTER)
            S->narr.m = (r->sub - 1) * 3 + 1;
        S->narr.gran = r->gran;
        S->narr.sub = r->gran == G_WEEK && !r->y2 ? r->sub : 0;
        S->narr.sent = b->sent; /* the last token: "Nov. 30" may straddle a sentence break */
        S->narr.explicit = r->anchor == DYAD_ANCHOR_NONE;
        S->narr.named = r->named;
    }
    return fn(ud, &tx);
}

int dyad_dates(const dyad_ctx *ctx, const char *text, size_t len, const dyad_ymd *dct, unsigned flags,
               dyad_timex_fn fn, void *ud)
{
    date_lex *own = NULL;
    const date_lex *lx;
    if (!fn)
        return dyad__fail(ctx, DYAD_ARG, "dates: no callback");
    if (ctx) {
        lx = dyad__slot(ctx, DYAD__SLOT_DATE, make_slot, date__lex_free);
    } else {
        size_t n;
        const char *d = builtin_words(&n);
        lx = own = date__lex_build(d, n);
    }
    if (!lx)
        return dyad__fail(ctx, DYAD_NOMEM, "dates: out of memory building the word list");
    if (!text)
        len = 0;
    scan *S = calloc(1, sizeof *S);
    if (!S) {
        date__lex_free(own);
        return dyad__fail(ctx, DYAD_NOMEM, "dates: out of memory");
    }
    S->lx = lx;
    S->text = text ? text : "";
    S->len = len;
    S->flags = flags;
    if (dct && dct->year >= YEAR_MIN && dct->year <= 9999) {
        S->dct.y = dct->year;
        if (dct->month >= 1 && dct->month <= 12) {
            S->dct.m = dct->month;
            if (dct->day >= 1 && dct->day <= mdays(dct->year, dct->month))
                S->dct.d = dct->day;
        }
        S->dct.gran = S->dct.d ? G_DAY : S->dct.m ? G_MONTH : G_YEAR;
    }
    vote_prescan(S);
    int rc = DYAD_OK;
    size_t i = 0;
    while (tk(S, i)->kind != TK_END) {
        res r;
        size_t first = i, e = try_at(S, i, &r, &first);
        if (!e || e <= i) {
            i++;
            continue;
        }
        if (r.gran != G_NONE || r.lit[0]) {
            rc = emit(S, first, e - 1, &r, fn, ud);
            if (rc)
                break;
        }
        i = e;
    }
    free(S);
    date__lex_free(own);
    return rc;
}

/* ------------------------------------------------------------------ small public helpers */

const char *dyad_timex_type_name(dyad_timex_type t)
{
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? n[t] : "DATE";
}

const char *dyad_timex_mod_name(dyad_timex_mod m)
{
    static const char *const n[] = {NULL, "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE",
                                    "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"};
    return (unsigned)m < sizeof n / sizeof n[0] ? n[m] : NULL;
}

const char *dyad_timex_anchor_name(dyad_timex_anchor a)
{
    return a == DYAD_ANCHOR_DCT ? "dct" : a == DYAD_ANCHOR_NARRATIVE ? "narrative" : "none";
}

static int digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return n > 0;
}

int dyad_ymd_parse(const char *s, size_t len, dyad_ymd *out)
{
    dyad_ymd d = {0, 0, 0};
    if (!s || !out || !(len == 4 || len == 7 || len == 10))
        return DYAD_ARG;
    if (!digits(s, 4, &d.year) || d.year < 1)
        return DYAD_ARG;
    if (len >= 7 && (s[4] != '-' || !digits(s + 5, 2, &d.month) || d.month < 1 || d.month > 12))
        return DYAD_ARG;
    if (len == 10 && (s[7] != '-' || !digits(s + 8, 2, &d.day) || d.day < 1 || d.day > mdays(d.year, d.month)))
        return DYAD_ARG;
    *out = d;
    return DYAD_OK;
}
