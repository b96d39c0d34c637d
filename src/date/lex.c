/* date/lex.c — the tagger's lexicon: data/date-words.txt compiled into one hash table, so that a
 * word token costs one lookup whatever classes it belongs to. Built once per context (slot). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "date/date_int.h"

static const char *const class_names[C_NCLASS] = {
    "month", "weekday", "season", "unit", "number", "ordinal", "part", "partnoun", "approx",
    "deictic", "anaphoric", "dayword", "ref", "set", "daypart", "vague", "later", "ago", "era",
    "notyear", "tense", "notbefore", "monthctx", "key", "decade", "holiday", "lean", "lasting"};

/* Symbolic values a data file may use; a plain integer is taken as itself. Key names are offset by
 * KEY_BASE so that a key ("Q") and a unit ("Q") of the same name stay apart. */
#define KEY_BASE 10000
static const struct {
    const char *name;
    int val;
} symbols[] = {
    {"SP", 1}, {"SU", 2}, {"FA", 3}, {"WI", 4},
    {"Y", U_Y}, {"M", U_M}, {"W", U_W}, {"D", U_D}, {"H", U_H}, {"MIN", U_MIN}, {"DE", U_DE},
    {"CE", U_CE}, {"Q", U_Q}, {"F", U_F}, {"WE", U_WE}, {"ML", U_ML},
    {"START", DYAD_MOD_START}, {"MID", DYAD_MOD_MID}, {"END", DYAD_MOD_END},
    {"APPROX", DYAD_MOD_APPROX}, {"LESS_THAN", DYAD_MOD_LESS_THAN}, {"MORE_THAN", DYAD_MOD_MORE_THAN},
    {"PRESENT_REF", REF_PRESENT}, {"PAST_REF", REF_PAST}, {"FUTURE_REF", REF_FUTURE},
    {"PRESENT_NOUN", REF_NOUN + REF_PRESENT}, {"PAST_NOUN", REF_NOUN + REF_PAST},
    {"FUTURE_NOUN", REF_NOUN + REF_FUTURE},
    {"MO", DP_MO}, {"AF", DP_AF}, {"EV", DP_EV}, {"NI", DP_NI}, {"NOON", DP_NOON},
    {"MIDNIGHT", DP_MIDNIGHT},
    {"X", 1}, {"AD", 1}, {"BC", 2},
#define KEY_SYM(k) {#k, KEY_BASE + K_##k},
    DATE_KEYS(KEY_SYM)
#undef KEY_SYM
};

const char *const date__periods[DATE_NPERIODS] = {"", "P1Y", "P1M", "P1W", "P1D", "PT1H", "P2Y",
                                                   "P3M", "P2W", "P3Y", "P6M"};

static int symbol(const char *s, size_t n, int is_key, int *out)
{
    size_t i = 0;
    int neg = 0;
    long v = 0;
    if (n >= 3 && s[0] == 'E' && (s[1] == '+' || s[1] == '-')) {
        /* "E-2": days from Easter Sunday (class holiday) */
        int d = 0;
        for (size_t c = 2; c < n; c++) {
            if (s[c] < '0' || s[c] > '9' || d > 100)
                return -1;
            d = d * 10 + (s[c] - '0');
        }
        *out = HOL_EASTER + (s[1] == '-' ? -d : d);
        return 0;
    }
    if ((n == 5 || n == 6) && s[1] == '.' && s[3] == '.' && s[0] >= '1' && s[0] <= '5' && s[2] >= '1' && s[2] <= '7') {
        /* "4.4.11": the 4th Thursday of November (class holiday; 5 = the last) */
        int m = 0;
        for (size_t c = 4; c < n; c++) {
            if (s[c] < '0' || s[c] > '9')
                return -1;
            m = m * 10 + (s[c] - '0');
        }
        if (m < 1 || m > 12)
            return -1;
        *out = HOL_NTH + m * 100 + (s[0] - '0') * 10 + (s[2] - '0');
        return 0;
    }
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        for (; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || v > 100000)
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        *out = (int)(neg ? -v : v);
        return 0;
    }
    for (int k = 1; k < DATE_NPERIODS; k++)
        if (strlen(date__periods[k]) == n && !memcmp(date__periods[k], s, n)) {
            *out = k;
            return 0;
        }
    for (size_t k = 0; k < sizeof symbols / sizeof symbols[0]; k++)
        if ((symbols[k].val >= KEY_BASE) == is_key && strlen(symbols[k].name) == n && !memcmp(symbols[k].name, s, n)) {
            *out = symbols[k].val;
            return 0;
        }
    return -1;
}

static size_t slot_of(const date_lex *lx, const char *w, size_t n)
{
    size_t mask = lx->cap - 1, h = (size_t)dyad__hash(w, n) & mask;
    while (lx->tab[h].klen && !(lx->tab[h].klen == n && !memcmp(lx->tab[h].key, w, n)))
        h = (h + 1) & mask;
    return h;
}

const date_lexent *date__lex_find(const date_lex *lx, const char *w, size_t n)
{
    if (n == 0 || n >= LEX_KEY)
        return NULL;
    const date_lexent *e = &lx->tab[slot_of(lx, w, n)];
    return e->klen ? e : NULL;
}

void date__lex_free(void *p)
{
    date_lex *lx = p;
    if (!lx)
        return;
    free(lx->tab);
    free(lx);
}

/* Counts entries (an upper bound on distinct words) to size the table. */
static size_t count_entries(const char *data, size_t len)
{
    dyad__lineiter it;
    const char *e;
    size_t n, k = 0;
    dyad__lines_init(&it, data, len);
    while (dyad__lines_next(&it, &e, &n))
        k++;
    return k;
}

date_lex *date__lex_build(const char *data, size_t len)
{
    date_lex *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    size_t want = count_entries(data, len) * 4 + 16, cap = 64; /* two-word names add their first word */
    while (cap < want)
        cap <<= 1;
    lx->tab = calloc(cap, sizeof *lx->tab);
    if (!lx->tab) {
        free(lx);
        return NULL;
    }
    lx->cap = cap;
    dyad__lineiter it;
    const char *e;
    size_t n;
    dyad__lines_init(&it, data, len);
    while (dyad__lines_next(&it, &e, &n)) {
        int cls = -1;
        for (int c = 0; c < C_NCLASS; c++)
            if (dyad__lines_section_is(&it, class_names[c]))
                cls = c;
        size_t wl = 0;
        while (wl < n && e[wl] != ' ' && e[wl] != '\t')
            wl++;
        const char *v = e + wl;
        size_t vl = n - wl;
        while (vl && (*v == ' ' || *v == '\t'))
            v++, vl--;
        int val = 1;
        if (cls < 0 || wl == 0 || wl >= LEX_KEY || (vl && symbol(v, vl, cls == C_KEY, &val) != 0))
            continue; /* unknown section or value: skipped, the rest of the file still counts */
        if (cls == C_KEY && val >= KEY_BASE)
            val -= KEY_BASE;
        else if (cls == C_KEY || val < INT16_MIN || val > INT16_MAX)
            continue; /* a key must name a role; other values must fit the table */
        char key[LEX_KEY];
        for (size_t i = 0; i < wl; i++)
            key[i] = (char)((e[i] >= 'A' && e[i] <= 'Z') ? e[i] + 32 : e[i]);
        date_lexent *slot = &lx->tab[slot_of(lx, key, wl)];
        if (!slot->klen) {
            memcpy(slot->key, key, wl);
            slot->klen = (uint8_t)wl;
        }
        slot->classes |= 1u << cls;
        slot->val[cls] = (int16_t)val;
        /* a two-word holiday ("good_friday"): its first word is marked, so that the scanner knows to
         * look at the next word; a first word that is a holiday of its own keeps its value */
        const char *us = cls == C_HOLIDAY ? memchr(key, '_', wl) : NULL;
        if (us && us > key) {
            size_t hl = (size_t)(us - key);
            date_lexent *head = &lx->tab[slot_of(lx, key, hl)];
            if (!head->klen) {
                memcpy(head->key, key, hl);
                head->klen = (uint8_t)hl;
            }
            if (!(head->classes >> C_HOLIDAY & 1u)) {
                head->classes |= 1u << C_HOLIDAY;
                head->val[C_HOLIDAY] = HOL_HEAD;
            }
        }
    }
    /* Which words may start an expression: those of a class that does, and the function words a
     * pattern starts with ("the", "every", "at least", "then"). Tense, context and "lasting" words,
     * and most function words, never do: the scanner skips them without trying every pattern. */
    const uint32_t never = 1u << C_TENSE | 1u << C_NOTYEAR | 1u << C_NOTBEFORE | 1u << C_MONTHCTX |
                           1u << C_KEY | 1u << C_LEAN | 1u << C_LASTING | 1u << C_AGO;
    static const int start_keys[] = {K_THE, K_FY, K_FISCAL, K_Q, K_H, K_EVERY, K_EACH, K_ONCE, K_TWICE,
                                     K_THRICE, K_MORE, K_LESS, K_UP, K_AT, K_HALF, K_LONG, K_THESE,
                                     K_THOSE, K_TIME, K_THAT, K_THEN, K_GENERATION, K_LATEST, K_NEW,
                                     K_YEAR, K_WEEK, K_DAYS, K_DAY, K_PRE, K_POST};
    for (size_t i = 0; i < lx->cap; i++) {
        date_lexent *ent = &lx->tab[i];
        if (!ent->klen)
            continue;
        ent->start = (ent->classes & ~never) != 0;
        if (ent->classes >> C_KEY & 1u)
            for (size_t k = 0; k < sizeof start_keys / sizeof start_keys[0]; k++)
                if (ent->val[C_KEY] == start_keys[k])
                    ent->start = 1;
    }
    return lx;
}
