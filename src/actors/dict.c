/* actors/dict.c — reading the actor dictionaries (data/actors-*.txt) into one lookup table.
 *
 * Every file: UTF-8 text, one entry a line, '#' starts a comment line, blank lines are ignored,
 * "[section]" lines switch the section. An entry is fields separated by white space, then a list
 * of phrases separated by '|':
 *   [countries]  CODE KIND phrases      KIND: name, adj, capital, combine; CODE "-" with KIND not
 *   [orgs]       CODE SECTOR phrases
 *   [people]     CODE OFFICE FROM TO phrases   OFFICE: hos, hog, fm, dm, other; FROM/TO YYYY[-MM[-DD]]
 *                                               (TO "-": still in office)
 *   [groups]     CODE MEMBERS phrases   MEMBERS: alpha-3 codes joined by ',', or '*'
 *   [organs]     SECTOR phrases         head nouns naming an organ after a country ("navy")
 *   [titles]     SECTOR phrases         titles binding a person to a country ("Prime Minister")
 *   [pair]       phrases                nouns after "the two" / "both" ("sides", "countries")
 *   [place-nouns] phrases               nouns that make a capital before them a place ("airport")
 * A standard file has a default section (actors-countries.txt: countries, actors-orgs.txt: orgs,
 * actors-people.txt: people, actors-groups.txt: groups, actors-refs.txt: pair); other files must
 * name theirs. Phrases are matched word by word (core/tok.h), case-folded, with the case written:
 * "US" (capitals) matches only "US", "Japan" matches "Japan" and "JAPAN", "navy" any case.
 * Errors name the file and line. The same phrase of the same kind for two codes is an error within
 * one file; across files the later file wins (a user's dictionary overrides the built-in one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/actors_int.h"

const char *const dyad__sectors[] = {"",      "government", "military", "business", "legislature",
                                     "judiciary", "police", "party",   "media",    "civil", NULL};

enum { OFFICE_HOS = 1, OFFICE_HOG, OFFICE_FM, OFFICE_DM, OFFICE_OTHER };
static const char *const offices[] = {"", "hos", "hog", "fm", "dm", "other", NULL};
static const char *const kinds[] = {"name", "adj", "capital", "combine", "not", NULL};

/* Longest phrase, in words; longest line handled. */
#define DICT_MAX_WORDS 24
#define DICT_LINE_MAX 8192

typedef enum { SEC_NONE, SEC_COUNTRIES, SEC_ORGS, SEC_PEOPLE, SEC_GROUPS, SEC_ORGANS, SEC_TITLES, SEC_PAIR, SEC_PLACE } section;
static const char *const sections[] = {"", "countries", "orgs", "people", "groups", "organs", "titles", "pair", "place-nouns", NULL};

static int lookup(const char *const *list, const char *s, size_t n)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !memcmp(list[i], s, n))
            return i;
    return -1;
}

typedef struct loader {
    actors_dict *d;
    const char *where; /* file name for messages */
    uint32_t file;
    size_t line;
} loader;

static int fail(loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(loader *L, const char *fmt, ...)
{
    actors_dict *d = L->d;
    if (d->err)
        return d->err;
    int k = snprintf(d->errmsg, sizeof d->errmsg, "%s:%zu: ", L->where, L->line);
    va_list ap;
    va_start(ap, fmt);
    if (k > 0 && (size_t)k < sizeof d->errmsg)
        vsnprintf(d->errmsg + k, sizeof d->errmsg - (size_t)k, fmt, ap);
    va_end(ap);
    d->err = DYAD_DICT;
    return d->err;
}

static int oom(loader *L)
{
    if (!L->d->err) {
        snprintf(L->d->errmsg, sizeof L->d->errmsg, "out of memory loading the actor dictionaries");
        L->d->err = DYAD_NOMEM;
    }
    return L->d->err;
}

#define GROW(arr, n, cap)                                                                    \
    ((n) < (cap) ? 0                                                                         \
                 : ((cap) = (cap) ? (cap) * 2 : 256,                                          \
                    ((arr) = dyad__grow((arr), (cap), sizeof *(arr))) ? 0 : -1))

static void *dyad__grow(void *p, size_t cap, size_t size)
{
    void *q = realloc(p, cap * size);
    if (!q)
        free(p);
    return q;
}

static int add_pool(loader *L, const char *s, size_t n, uint32_t *off)
{
    actors_dict *d = L->d;
    if (d->pool_len + n + 1 > d->pool_cap) {
        size_t cap = d->pool_cap ? d->pool_cap * 2 : 65536;
        while (cap < d->pool_len + n + 1)
            cap *= 2;
        char *p = realloc(d->pool, cap);
        if (!p)
            return oom(L);
        d->pool = p;
        d->pool_cap = cap;
    }
    memcpy(d->pool + d->pool_len, s, n);
    d->pool[d->pool_len + n] = 0;
    *off = (uint32_t)d->pool_len;
    d->pool_len += n + 1;
    return 0;
}

int dyad__actors_code(const actors_dict *d, const char *code, size_t n)
{
    for (size_t i = 0; i < d->ncodes; i++)
        if (strlen(d->codes[i].code) == n && !memcmp(d->codes[i].code, code, n))
            return (int)i;
    return -1;
}

static int is_alpha3(const char *s, size_t n)
{
    if (n != 3)
        return 0;
    for (size_t i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

static int is_group_code(const char *s, size_t n)
{
    if (n < 2 || n > 15)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* Finds or adds a code; -1 out of memory. */
static int intern_code(loader *L, const char *s, size_t n, int group)
{
    actors_dict *d = L->d;
    int i = dyad__actors_code(d, s, n);
    if (i >= 0)
        return i;
    if (GROW(d->codes, d->ncodes, d->cap_codes)) {
        oom(L);
        return -1;
    }
    acode *c = &d->codes[d->ncodes];
    memset(c, 0, sizeof *c);
    memcpy(c->code, s, n);
    c->group = group;
    return (int)d->ncodes++;
}

/* YYYY, YYYY-MM or YYYY-MM-DD as YYYYMMDD; missing parts are the start (end) of the period. */
static int parse_date(const char *s, size_t n, int end, int32_t *out)
{
    int y = 0, m = 0, dd = 0;
    if (n == 1 && s[0] == '-' && end) {
        *out = 99999999;
        return 0;
    }
    if (n != 4 && n != 7 && n != 10)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return -1;
        } else if (s[i] < '0' || s[i] > '9')
            return -1;
    }
    y = atoi(s);
    if (n >= 7)
        m = (s[5] - '0') * 10 + (s[6] - '0');
    if (n == 10)
        dd = (s[8] - '0') * 10 + (s[9] - '0');
    if ((n >= 7 && (m < 1 || m > 12)) || (n == 10 && (dd < 1 || dd > 31)))
        return -1;
    if (!m)
        m = end ? 12 : 1;
    if (!dd)
        dd = end ? 31 : 1;
    *out = y * 10000 + m * 100 + dd;
    return 0;
}

/* Adds one phrase as an entry. */
static int add_phrase(loader *L, akind kind, int code, int sector, int office, int32_t from, int32_t to,
                      const char *s, size_t n)
{
    actors_dict *d = L->d;
    dyad__tok tok[DICT_MAX_WORDS + 1];
    size_t nt = dyad__tokenize(s, 0, n, tok, DICT_MAX_WORDS + 1);
    if (!nt)
        return fail(L, "empty phrase");
    if (nt > DICT_MAX_WORDS)
        return fail(L, "phrase of more than %d words: '%.*s'", DICT_MAX_WORDS, (int)n, s);
    if (GROW(d->ents, d->nents, d->cap_ents))
        return oom(L);
    aentry *e = &d->ents[d->nents];
    memset(e, 0, sizeof *e);
    e->kind = (uint8_t)kind;
    e->code = code;
    e->sector = (uint8_t)sector;
    e->office = (uint8_t)office;
    e->from = from;
    e->to = to;
    e->file = L->file;
    e->line = (uint32_t)L->line;
    e->w0 = (uint32_t)d->nwords;
    e->nw = (uint8_t)nt;
    for (size_t i = 0; i < nt; i++) {
        char f[256];
        size_t k = dyad__tok_fold(s, &tok[i], f, sizeof f);
        if (!k)
            return fail(L, "word too long in '%.*s'", (int)n, s);
        if (GROW(d->words, d->nwords, d->cap_words))
            return oom(L);
        aword *w = &d->words[d->nwords];
        if (add_pool(L, f, k, &w->off))
            return d->err;
        w->len = (uint16_t)k;
        unsigned fl = tok[i].flags;
        int letters = 0;
        for (uint32_t j = tok[i].s; j < tok[i].e; j++)
            letters += ((unsigned char)s[j] | 32) >= 'a' && ((unsigned char)s[j] | 32) <= 'z';
        w->casec = (fl & DYAD__T_UPPER) && letters >= 2 ? CASE_UPPER : (fl & DYAD__T_CAP) ? CASE_CAP : CASE_ANY;
        w->hyphen = (fl & DYAD__T_HYPHEN) != 0;
        d->nwords++;
    }
    d->nents++;
    return 0;
}

/* Splits the rest of a line into phrases at '|' and adds each. */
static int add_phrases(loader *L, akind kind, int code, int sector, int office, int32_t from, int32_t to,
                       const char *s, size_t n)
{
    if (!n)
        return fail(L, "no phrases");
    while (n) {
        const char *bar = memchr(s, '|', n);
        size_t k = bar ? (size_t)(bar - s) : n;
        const char *a = s, *b = s + k;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (a == b)
            return fail(L, "empty phrase between '|'");
        int r = add_phrase(L, kind, code, sector, office, from, to, a, (size_t)(b - a));
        if (r)
            return r;
        if (kind == AK_NAME && code >= 0 && !L->d->codes[code].name) {
            uint32_t off;
            if (add_pool(L, a, (size_t)(b - a), &off))
                return L->d->err;
            L->d->codes[code].name = (const char *)(uintptr_t)(off + 1); /* fixed up when done */
        }
        if (!bar)
            break;
        n -= k + 1;
        s = bar + 1;
    }
    return 0;
}

/* The next white-space separated field of [*p, end); 0 when none. */
static int field(const char **p, const char *end, const char **f, size_t *n)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s == end)
        return 0;
    const char *e = s;
    while (e < end && *e != ' ' && *e != '\t')
        e++;
    *f = s;
    *n = (size_t)(e - s);
    *p = e;
    return 1;
}

static int need(loader *L, const char **p, const char *end, const char **f, size_t *n, const char *what)
{
    if (!field(p, end, f, n))
        return fail(L, "missing %s", what);
    return 0;
}

static int entry(loader *L, section sec, const char *s, const char *end)
{
    actors_dict *d = L->d;
    const char *f;
    size_t n;
    int r;
    switch (sec) {
    case SEC_NONE:
        return fail(L, "entry before any [section] (sections: countries, orgs, people, groups, organs, titles, pair, place-nouns)");
    case SEC_COUNTRIES: {
        const char *code;
        size_t cn;
        if ((r = need(L, &s, end, &code, &cn, "CODE")) || (r = need(L, &s, end, &f, &n, "KIND")))
            return r;
        int k = lookup(kinds, f, n);
        if (k < 0)
            return fail(L, "unknown KIND '%.*s' (name, adj, capital, combine, not)", (int)n, f);
        if (k == AK_NOT) {
            if (!(cn == 1 && code[0] == '-'))
                return fail(L, "KIND not takes the code '-'");
            return add_phrases(L, AK_NOT, -1, 0, 0, 0, 0, s, (size_t)(end - s));
        }
        if (!is_alpha3(code, cn))
            return fail(L, "'%.*s' is not an ISO 3166-1 alpha-3 code", (int)cn, code);
        int c = intern_code(L, code, cn, 0);
        if (c < 0)
            return d->err;
        if (d->codes[c].group)
            return fail(L, "%.*s is a group code", (int)cn, code);
        return add_phrases(L, (akind)k, c, 0, 0, 0, 0, s, (size_t)(end - s));
    }
    case SEC_ORGS:
    case SEC_PEOPLE: {
        const char *code;
        size_t cn;
        if ((r = need(L, &s, end, &code, &cn, "CODE")))
            return r;
        int c = dyad__actors_code(d, code, cn);
        if (c < 0)
            return fail(L, "unknown code '%.*s' (not in [countries] or [groups])", (int)cn, code);
        if (sec == SEC_ORGS) {
            if ((r = need(L, &s, end, &f, &n, "SECTOR")))
                return r;
            int sct = lookup(dyad__sectors, f, n);
            if (sct <= 0)
                return fail(L, "unknown SECTOR '%.*s'", (int)n, f);
            return add_phrases(L, AK_ORG, c, sct, 0, 0, 0, s, (size_t)(end - s));
        }
        if ((r = need(L, &s, end, &f, &n, "OFFICE")))
            return r;
        int off = lookup(offices, f, n);
        if (off <= 0)
            return fail(L, "unknown OFFICE '%.*s' (hos, hog, fm, dm, other)", (int)n, f);
        int32_t from, to;
        if ((r = need(L, &s, end, &f, &n, "FROM")))
            return r;
        if (parse_date(f, n, 0, &from))
            return fail(L, "FROM '%.*s' is not YYYY, YYYY-MM or YYYY-MM-DD", (int)n, f);
        if ((r = need(L, &s, end, &f, &n, "TO")))
            return r;
        if (parse_date(f, n, 1, &to))
            return fail(L, "TO '%.*s' is not YYYY, YYYY-MM, YYYY-MM-DD or -", (int)n, f);
        if (to < from)
            return fail(L, "TO is before FROM");
        return add_phrases(L, AK_PERSON, c, 1, off, from, to, s, (size_t)(end - s));
    }
    case SEC_GROUPS: {
        const char *code;
        size_t cn;
        if ((r = need(L, &s, end, &code, &cn, "CODE")) || (r = need(L, &s, end, &f, &n, "MEMBERS")))
            return r;
        if (!is_group_code(code, cn))
            return fail(L, "group code '%.*s': 2 to 15 capital letters or digits", (int)cn, code);
        int c = dyad__actors_code(d, code, cn);
        if (c >= 0 && !d->codes[c].group)
            return fail(L, "group code %.*s is a country's code", (int)cn, code);
        if (c < 0 && (c = intern_code(L, code, cn, 1)) < 0)
            return d->err;
        acode *g = &d->codes[c];
        if (n == 1 && f[0] == '*') {
            g->universal = 1;
            g->nm = 0;
        } else {
            g->m0 = (uint32_t)d->nmembers;
            g->nm = 0;
            const char *m = f, *me = f + n;
            while (m < me) {
                const char *comma = memchr(m, ',', (size_t)(me - m));
                size_t k = comma ? (size_t)(comma - m) : (size_t)(me - m);
                int mc = dyad__actors_code(d, m, k);
                if (mc < 0 || d->codes[mc].group)
                    return fail(L, "member '%.*s' is not a country code of [countries]", (int)k, m);
                if (GROW(d->members, d->nmembers, d->cap_members))
                    return oom(L);
                d->members[d->nmembers++] = (uint32_t)mc;
                d->codes[c].nm++;
                m += k + (comma ? 1 : 0);
            }
        }
        r = add_phrases(L, AK_GROUP, c, 0, 0, 0, 0, s, (size_t)(end - s));
        if (!r && !d->codes[c].name) {
            const char *bar = memchr(s, '|', (size_t)(end - s));
            const char *a = s, *b = bar ? bar : end;
            while (a < b && (*a == ' ' || *a == '\t'))
                a++;
            while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            uint32_t off;
            if (add_pool(L, a, (size_t)(b - a), &off))
                return d->err;
            d->codes[c].name = (const char *)(uintptr_t)(off + 1);
        }
        return r;
    }
    case SEC_ORGANS:
    case SEC_TITLES: {
        if ((r = need(L, &s, end, &f, &n, "SECTOR")))
            return r;
        int sct = lookup(dyad__sectors, f, n);
        if (sct <= 0)
            return fail(L, "unknown SECTOR '%.*s'", (int)n, f);
        return add_phrases(L, sec == SEC_ORGANS ? AK_ORGAN : AK_TITLE, -1, sct, 0, 0, 0, s, (size_t)(end - s));
    }
    case SEC_PAIR:
        return add_phrases(L, AK_PAIRNOUN, -1, 0, 0, 0, 0, s, (size_t)(end - s));
    case SEC_PLACE:
        return add_phrases(L, AK_PLACENOUN, -1, 0, 0, 0, 0, s, (size_t)(end - s));
    }
    return 0;
}

static int load_file(actors_dict *d, const dyad_ctx *ctx, const char *name, section dflt)
{
    size_t len = 0;
    const char *txt = dyad__data(ctx, name, &len);
    if (!txt)
        return 0; /* not there: nothing to add */
    if (d->nfiles == sizeof d->files / sizeof d->files[0])
        return 0;
    const char *where = dyad__data_where(ctx, name);
    char label[1024];
    if (!strcmp(where, "built-in"))
        snprintf(label, sizeof label, "built-in %s", name);
    else
        snprintf(label, sizeof label, "%s", where);
    d->files[d->nfiles] = strdup(label);
    if (!d->files[d->nfiles]) {
        loader L0 = {d, name, 0, 0};
        return oom(&L0);
    }
    loader L = {d, d->files[d->nfiles], (uint32_t)d->nfiles, 0};
    d->nfiles++;
    section sec = dflt;
    const char *p = txt, *end = txt + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e = nl ? nl : end;
        p = nl ? nl + 1 : end;
        L.line++;
        if ((size_t)(e - s) > DICT_LINE_MAX)
            return fail(&L, "line longer than %d bytes", DICT_LINE_MAX);
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (s == e || *s == '#')
            continue;
        if (dyad__utf8_check(s, (size_t)(e - s)) != (size_t)(e - s))
            return fail(&L, "invalid UTF-8");
        if (*s == '[') {
            if (e[-1] != ']')
                return fail(&L, "a section line is [name]");
            int k = lookup(sections, s + 1, (size_t)(e - s - 2));
            if (k <= 0)
                return fail(&L, "unknown section [%.*s] (countries, orgs, people, groups, organs, titles, pair, place-nouns)",
                            (int)(e - s - 2), s + 1);
            sec = (section)k;
            continue;
        }
        int r = entry(&L, sec, s, e);
        if (r)
            return r;
    }
    return 0;
}

/* ---- the index: entries grouped by their first word ---- */

static int cmp_entries(const void *a, const void *b, void *ud)
{
    const actors_dict *d = ud;
    const aentry *x = &d->ents[*(const uint32_t *)a], *y = &d->ents[*(const uint32_t *)b];
    const aword *wx = &d->words[x->w0], *wy = &d->words[y->w0];
    int c = strcmp(d->pool + wx->off, d->pool + wy->off);
    if (c)
        return c;
    if (x->nw != y->nw)
        return x->nw > y->nw ? -1 : 1;
    for (size_t i = 1; i < x->nw; i++) {
        c = strcmp(d->pool + wx[i].off, d->pool + wy[i].off);
        if (c)
            return c;
    }
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1; /* file order */
}

static uint64_t word_hash(const char *s, size_t n) { return dyad__hash(s, n); }

static int same_phrase(const actors_dict *d, const aentry *x, const aentry *y)
{
    if (x->nw != y->nw || x->kind != y->kind)
        return 0;
    for (size_t i = 0; i < x->nw; i++)
        if (strcmp(d->pool + d->words[x->w0 + i].off, d->pool + d->words[y->w0 + i].off))
            return 0;
    return 1;
}

static int build_index(actors_dict *d)
{
    loader L = {d, "actor dictionaries", 0, 0};
    d->order = malloc((d->nents ? d->nents : 1) * sizeof *d->order);
    if (!d->order)
        return oom(&L);
    for (size_t i = 0; i < d->nents; i++)
        d->order[i] = (uint32_t)i;
    qsort_r(d->order, d->nents, sizeof *d->order, cmp_entries, d);
    /* the same phrase and kind twice: an error within a file, an override across files */
    size_t o = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const aentry *e = &d->ents[d->order[i]];
        if (o) {
            aentry *prev = &d->ents[d->order[o - 1]];
            if (e->kind != AK_PERSON && same_phrase(d, prev, e)) {
                if (prev->code != e->code && prev->file == e->file) {
                    L.where = d->files[e->file];
                    L.line = e->line;
                    return fail(&L, "'%s...' already names %s (line %u)", d->pool + d->words[e->w0].off,
                                prev->code >= 0 ? d->codes[prev->code].code : "-", prev->line);
                }
                d->order[o - 1] = d->order[i]; /* the later one wins */
                continue;
            }
        }
        d->order[o++] = d->order[i];
    }
    /* distinct first words */
    d->firsts = malloc((o ? o : 1) * sizeof *d->firsts);
    if (!d->firsts)
        return oom(&L);
    d->nfirsts = 0;
    for (size_t i = 0; i < o; i++) {
        const aword *w = &d->words[d->ents[d->order[i]].w0];
        if (d->nfirsts && d->firsts[d->nfirsts - 1].len == w->len &&
            !memcmp(d->pool + d->firsts[d->nfirsts - 1].off, d->pool + w->off, w->len)) {
            d->firsts[d->nfirsts - 1].ne++;
            continue;
        }
        d->firsts[d->nfirsts].off = w->off;
        d->firsts[d->nfirsts].len = w->len;
        d->firsts[d->nfirsts].e0 = (uint32_t)i;
        d->firsts[d->nfirsts].ne = 1;
        d->nfirsts++;
    }
    d->nslots = 16;
    while (d->nslots < d->nfirsts * 2)
        d->nslots *= 2;
    d->slot_key = calloc(d->nslots, sizeof *d->slot_key);
    if (!d->slot_key)
        return oom(&L);
    for (size_t i = 0; i < d->nfirsts; i++) {
        size_t h = word_hash(d->pool + d->firsts[i].off, d->firsts[i].len) & (d->nslots - 1);
        while (d->slot_key[h])
            h = (h + 1) & (d->nslots - 1);
        d->slot_key[h] = (uint32_t)i + 1;
    }
    /* names: pool offsets to pointers, now that the pool no longer moves */
    for (size_t i = 0; i < d->ncodes; i++)
        if (d->codes[i].name)
            d->codes[i].name = d->pool + ((uintptr_t)d->codes[i].name - 1);
    return 0;
}

const uint32_t *dyad__actors_first(const actors_dict *d, const char *w, size_t n, size_t *count)
{
    *count = 0;
    if (!d->nslots)
        return NULL;
    size_t h = word_hash(w, n) & (d->nslots - 1);
    while (d->slot_key[h]) {
        const afirst *f = &d->firsts[d->slot_key[h] - 1];
        if (f->len == n && !memcmp(d->pool + f->off, w, n)) {
            *count = f->ne;
            return d->order + f->e0;
        }
        h = (h + 1) & (d->nslots - 1);
    }
    return NULL;
}

static void dict_free(void *p)
{
    actors_dict *d = p;
    if (!d)
        return;
    free(d->pool);
    free(d->words);
    free(d->ents);
    free(d->codes);
    free(d->members);
    free(d->slot_key);
    free(d->firsts);
    free(d->order);
    for (size_t i = 0; i < d->nfiles; i++)
        free(d->files[i]);
    free(d);
}

static const struct {
    const char *name;
    section dflt;
} standard[] = {
    {"actors-countries.txt", SEC_COUNTRIES}, {"actors-groups.txt", SEC_GROUPS},
    {"actors-orgs.txt", SEC_ORGS},           {"actors-people.txt", SEC_PEOPLE},
    {"actors-roles.txt", SEC_NONE},          {"actors-refs.txt", SEC_PAIR},
};

static void *dict_make(const dyad_ctx *ctx)
{
    actors_dict *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    int err = 0;
    for (size_t i = 0; i < sizeof standard / sizeof standard[0] && !err; i++)
        err = load_file(d, ctx, standard[i].name, standard[i].dflt);
    char *extra[32];
    size_t nx = dyad__dict_extra(ctx, "actors-", extra, 32);
    for (size_t i = 0; i < nx; i++) {
        int known = 0;
        for (size_t k = 0; k < sizeof standard / sizeof standard[0]; k++)
            known |= !strcmp(extra[i], standard[k].name);
        if (!known && !err)
            err = load_file(d, ctx, extra[i], SEC_NONE);
        free(extra[i]);
    }
    if (!err)
        err = build_index(d);
    (void)err; /* kept in d->err */
    return d;
}

const actors_dict *dyad__actors_dict(const dyad_ctx *ctx)
{
    return dyad__slot(ctx, DYAD__SLOT_ACTORS, dict_make, dict_free);
}
