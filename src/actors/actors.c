/* actors/actors.c — the actors stage: dictionary matches composed into mentions (dyad/actors.h).
 *
 * Two passes over the document's sentences:
 *  1. Tokenise each sentence (core/tok.h), fold every word once (kept on the doc for the event
 *     stage), and find the dictionary's phrases greedily, longest first (actors/dict.c). Count the
 *     countries named, to know which pair the document is about.
 *  2. Compose the matches of each sentence into mentions, in order:
 *     - X-Y where X and Y name countries (or people): one JOINT mention ("Indo-US", "US- Indian");
 *       a country word before a hyphen and a number ("US-2") is a product, not a country;
 *     - a country (name, adjective, or possessive) before an organ ("Indian Navy", "Japan's foreign
 *       ministry"), or an organ "of" a country: an organisation of that country, with the organ's
 *       sector;
 *     - a title with a country before it ("Indian Defense Minister", "his Japanese counterpart,")
 *       and a name after it, or a name after it that the people dictionary knows: a PERSON, and the
 *       surname is bound to the country for the rest of the document ("Gemba said");
 *     - a surname bound earlier, or an office holder's alias in office at the document's date;
 *     - a capital: a place after "in", "at", "to", "from"... (flagged); part of a name when a
 *       capitalised word follows ("the Delhi Metro": no mention);
 *     - "the two sides", "both countries", "the two Asian powers": the pair of the last sentence
 *       naming exactly two countries (this one or up to DYAD_PAIR_BACK before), else the
 *       document's pair; "they"/"their" after "X and Y" in this or the previous sentence.
 * Cost: one hash lookup per word, a bounded look-around per match; memory: tokens and folded
 * words of the document (about twice its text) and the mentions.
 */
#include <stdlib.h>
#include <string.h>

#include "actors/actors_int.h"

/* How many sentences back "the two sides" looks for a sentence naming exactly two countries. */
#define DYAD_PAIR_BACK 3
/* Surnames bound per document, at most (a document naming more people is unusual; later ones are
 * then not bound). */
#define BIND_MAX 512
/* Words of a person's name after a title, at most. */
#define NAME_WORDS 4

const char *dyad_actor_kind_name(dyad_actor_kind k)
{
    static const char *const n[] = {"name", "adjective", "capital", "organisation", "person", "group", "joint", "pair"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : "?";
}

/* A dictionary match in a sentence. */
typedef struct match {
    uint32_t t0, t1;   /* tokens [t0, t1) */
    uint8_t kind;      /* akind of the entries */
    uint8_t sector;
    uint8_t used;      /* consumed by a composed mention */
    int32_t code;      /* dict code index, -1 none */
    uint32_t o0, no;   /* for people: the entries (indexes into d->order) that matched */
} match;

typedef struct binding {
    char name[48];
    int32_t code;
    uint8_t sector;
} binding;

typedef struct run {
    dyad_ctx *ctx;
    dyad_doc *doc;
    const actors_dict *d;
    const char *text;
    match *m;             /* matches of the whole document */
    size_t nm, cap_m;
    size_t *sent_m;       /* sentence i has matches [sent_m[i], sent_m[i + 1]) */
    size_t cap_mentions;
    size_t cap_folds;
    binding bind[BIND_MAX];
    size_t nbind;
    int32_t dct;          /* YYYYMMDD of the document date, 0 unknown */
    int32_t last_pair[2]; /* the pair "they", "the two sides" stood for last, and in which sentence */
    size_t last_pair_s;
    int32_t pair[2];      /* the document's pair (code indexes), -1 none */
    int oom;
} run;

/* ---- helpers over tokens ---- */

static const dyad__tok *T(const run *R, size_t i) { return &R->doc->toks[i]; }
static const char *F(const run *R, size_t i) { return R->doc->folds + R->doc->toks[i].f; }
static inline int is_n(const run *R, size_t i, const char *w, size_t n)
{
    const dyad__tok *t = T(R, i);
    return t->fn == n && !memcmp(F(R, i), w, n);
}
/* Is token i the word w (a string literal)? */
#define is(R, i, w) is_n((R), (i), "" w, sizeof(w) - 1)
static int is_word(const run *R, size_t i) { return (T(R, i)->flags & DYAD__T_WORD) != 0; }
static int is_cap(const run *R, size_t i)
{
    return (T(R, i)->flags & (DYAD__T_CAP | DYAD__T_UPPER)) && (T(R, i)->flags & DYAD__T_LETTER);
}

/* ---- pass 1: tokens, folds, dictionary matches ---- */

static int fold_all(run *R, size_t t0, size_t t1)
{
    dyad_doc *doc = R->doc;
    for (size_t i = t0; i < t1; i++) {
        dyad__tok *t = &doc->toks[i];
        char tmp[512];
        size_t k = dyad__tok_fold(R->text, t, tmp, sizeof tmp); /* 0 for a word too long to look up */
        if (doc->folds_len + k + 1 > R->cap_folds) {
            size_t cap = R->cap_folds ? R->cap_folds * 2 : 4096;
            while (cap < doc->folds_len + k + 1)
                cap *= 2;
            char *buf = realloc(doc->folds, cap);
            if (!buf)
                return DYAD_NOMEM;
            doc->folds = buf;
            R->cap_folds = cap;
        }
        memcpy(doc->folds + doc->folds_len, tmp, k);
        doc->folds[doc->folds_len + k] = 0;
        t->f = (uint32_t)doc->folds_len;
        t->fn = (uint32_t)k;
        doc->folds_len += k + 1;
    }
    return 0;
}

/* Does entry e match the tokens from i on (within [i, end))? */
static int entry_matches(const run *R, const aentry *e, size_t i, size_t end)
{
    const actors_dict *d = R->d;
    if (i + e->nw > end)
        return 0;
    for (size_t j = 0; j < e->nw; j++) {
        const aword *w = &d->words[e->w0 + j];
        const dyad__tok *t = T(R, i + j);
        if (t->fn != w->len || memcmp(F(R, i + j), d->pool + w->off, w->len))
            return 0;
        if (w->hyphen != ((t->flags & DYAD__T_HYPHEN) != 0))
            return 0;
        if (w->casec == CASE_UPPER && !(t->flags & DYAD__T_UPPER))
            return 0;
        if (w->casec == CASE_CAP && !(t->flags & (DYAD__T_CAP | DYAD__T_UPPER)))
            return 0;
        if (j && (t->flags & DYAD__T_PUNCT) && !(t->flags & DYAD__T_HYPHEN) && !w->hyphen &&
            strcmp(d->pool + w->off, F(R, i + j)))
            return 0;
    }
    return 1;
}

static int add_match(run *R, const match *m)
{
    if (R->nm == R->cap_m) {
        size_t cap = R->cap_m ? R->cap_m * 2 : 256;
        match *n = realloc(R->m, cap * sizeof *n);
        if (!n)
            return DYAD_NOMEM;
        R->m = n;
        R->cap_m = cap;
    }
    R->m[R->nm++] = *m;
    return 0;
}

/* The kinds that make a match when several entries of the longest length match. */
static int kind_rank(int k)
{
    switch (k) {
    case AK_NOT: return 0;
    case AK_PERSON: return 1;
    case AK_ORG: return 2;
    case AK_GROUP: return 3;
    case AK_NAME: return 4;
    case AK_TITLE: return 5;
    case AK_ORGAN: return 6;
    case AK_CAPITAL: return 7;
    case AK_ADJ: return 8;
    case AK_COMBINE: return 9;
    default: return 10;
    }
}

static int match_sentence(run *R, size_t t0, size_t t1)
{
    const actors_dict *d = R->d;
    for (size_t i = t0; i < t1;) {
        const dyad__tok *t = T(R, i);
        if (!(t->flags & (DYAD__T_WORD | DYAD__T_POSS)) || !t->fn) {
            i++;
            continue;
        }
        size_t cnt;
        const uint32_t *cand = dyad__actors_first(d, F(R, i), t->fn, &cnt);
        size_t best = 0;
        match m = {0};
        m.code = -1;
        int rank = 99;
        for (size_t k = 0; k < cnt; k++) {
            const aentry *e = &d->ents[cand[k]];
            if (best && e->nw < best)
                break;
            if (!entry_matches(R, e, i, t1))
                continue;
            if (!best) {
                best = e->nw;
                m.o0 = (uint32_t)(cand - d->order) + (uint32_t)k;
            }
            if (e->kind == AK_PERSON && m.kind == AK_PERSON && rank == kind_rank(AK_PERSON)) {
                m.no++;
                continue;
            }
            if (kind_rank(e->kind) < rank) {
                rank = kind_rank(e->kind);
                m.kind = e->kind;
                m.code = e->code;
                m.sector = e->sector;
                m.o0 = (uint32_t)(cand - d->order) + (uint32_t)k;
                m.no = 1;
            }
        }
        if (!best) {
            i++;
            continue;
        }
        m.t0 = (uint32_t)i;
        m.t1 = (uint32_t)(i + best);
        if (m.kind != AK_NOT && add_match(R, &m))
            return DYAD_NOMEM;
        i += best;
    }
    return 0;
}

static int is_countryish(const match *m)
{
    return m->kind == AK_NAME || m->kind == AK_ADJ || m->kind == AK_CAPITAL;
}

/* ---- the document's pair ---- */

static void find_pair(run *R)
{
    R->pair[0] = R->pair[1] = -1;
    size_t nc = R->d->ncodes;
    if (!nc)
        return;
    double *w = calloc(nc, sizeof *w);
    if (!w)
        return;
    double total = 0;
    size_t first_end = R->doc->nsents ? R->sent_m[1] : 0;
    for (size_t i = 0; i < R->nm; i++) {
        const match *m = &R->m[i];
        if (m->code < 0 || R->d->codes[m->code].group || m->kind == AK_COMBINE || m->kind == AK_PERSON)
            continue;
        if (!(is_countryish(m) || m->kind == AK_ORG))
            continue;
        double x = i < first_end ? 3.0 : 1.0; /* the title counts more */
        w[m->code] += x;
        total += x;
    }
    int a = -1, b = -1;
    for (size_t i = 0; i < nc; i++) {
        if (a < 0 || w[i] > w[a]) {
            b = a;
            a = (int)i;
        } else if (b < 0 || w[i] > w[b])
            b = (int)i;
    }
    if (a >= 0 && b >= 0 && w[b] >= 2 && w[b] >= 0.2 * w[a] && w[a] + w[b] >= 0.5 * total) {
        R->pair[0] = strcmp(R->d->codes[a].code, R->d->codes[b].code) < 0 ? a : b;
        R->pair[1] = R->pair[0] == a ? b : a;
    }
    free(w);
}

/* ---- pass 2: mentions ---- */

static int add_mention(run *R, size_t sent, size_t t0, size_t t1, dyad_actor_kind kind, const int32_t *codes,
                       int ncodes, int sector, unsigned flags)
{
    dyad_doc *doc = R->doc;
    if (doc->nmentions == R->cap_mentions) {
        size_t cap = R->cap_mentions ? R->cap_mentions * 2 : 64;
        dyad_mention *n = realloc(doc->mentions, cap * sizeof *n);
        if (!n)
            return DYAD_NOMEM;
        doc->mentions = n;
        R->cap_mentions = cap;
    }
    dyad_mention *m = &doc->mentions[doc->nmentions++];
    memset(m, 0, sizeof *m);
    m->start = T(R, t0)->s;
    m->end = T(R, t1 - 1)->e;
    m->sentence = sent;
    m->kind = kind;
    for (int i = 0; i < ncodes && m->ncodes < DYAD_MENTION_CODES; i++) {
        int dup = 0;
        for (int k = 0; k < m->ncodes; k++)
            dup |= m->codes[k] == R->d->codes[codes[i]].code;
        if (!dup)
            m->codes[m->ncodes++] = R->d->codes[codes[i]].code;
    }
    m->sector = sector > 0 ? dyad__sectors[sector] : NULL;
    m->flags = flags;
    if (t1 < doc->ntoks && (T(R, t1)->flags & DYAD__T_POSS))
        m->flags |= DYAD_MF_POSS;
    m->tok_start = t0;
    m->tok_end = t1;
    return 0;
}

static void bind_name(run *R, size_t tok, int32_t code, int sector)
{
    const dyad__tok *t = T(R, tok);
    if (!t->fn || t->fn >= sizeof R->bind[0].name)
        return;
    for (size_t i = 0; i < R->nbind; i++)
        if (!strcmp(R->bind[i].name, F(R, tok))) {
            R->bind[i].code = code; /* the latest binding wins */
            R->bind[i].sector = (uint8_t)sector;
            return;
        }
    if (R->nbind == BIND_MAX)
        return;
    binding *b = &R->bind[R->nbind++];
    memcpy(b->name, F(R, tok), t->fn + 1);
    b->code = code;
    b->sector = (uint8_t)sector;
}

static const binding *bound(const run *R, size_t tok)
{
    for (size_t i = 0; i < R->nbind; i++)
        if (!strcmp(R->bind[i].name, F(R, tok)))
            return &R->bind[i];
    return NULL;
}

/* Words that are capitalised at the start of a sentence or in titles but are no part of a name. */
static int name_word(const run *R, size_t i)
{
    const dyad__tok *t = T(R, i);
    if (!(t->flags & DYAD__T_WORD) || !(t->flags & DYAD__T_LETTER))
        return 0;
    if (t->flags & (DYAD__T_CAP | DYAD__T_UPPER))
        return 1;
    /* particles inside names: bin, al, van, de, da, von */
    static const char *const part[] = {"bin", "al", "van", "de", "da", "von", "der", "le", "la", "el", NULL};
    for (int k = 0; part[k]; k++)
        if (is_n(R, i, part[k], strlen(part[k])))
            return 2;
    return 0;
}

/* A person's name starting at token i (at most NAME_WORDS words, initials with their full stop);
 * returns the end token, or i when there is none. */
static size_t name_at(const run *R, size_t i, size_t end, const match *mm, size_t nmm)
{
    size_t j = i, words = 0;
    while (j < end && words < NAME_WORDS) {
        int nw = name_word(R, j);
        if (!nw)
            break;
        /* a word of another match (a country, an organisation) ends the name */
        int other = 0;
        for (size_t k = 0; k < nmm; k++)
            if (mm[k].t0 <= j && j < mm[k].t1 && mm[k].kind != AK_PERSON) {
                other = 1;
                break;
            }
        if (other)
            break;
        if (nw == 2 && (j + 1 >= end || !name_word(R, j + 1)))
            break;
        j++;
        words++;
        /* "W." : a one-letter initial keeps its full stop */
        if (j < end && T(R, j - 1)->e - T(R, j - 1)->s == 1 && is(R, j, ".") && !(T(R, j)->flags & DYAD__T_SPACE))
            j++;
    }
    /* a name ends on a word, not on an initial's stop or a particle */
    while (j > i && !(T(R, j - 1)->flags & DYAD__T_LETTER))
        j--;
    return j;
}

/* Is the person match m (a run of people entries) one country's at the document's date? Returns the
 * code or -1 when the holders disagree. */
static int32_t person_code(const run *R, const match *m)
{
    const actors_dict *d = R->d;
    int32_t code = -1;
    int any_in_term = 0;
    for (int pass = 0; pass < 2; pass++) {
        code = -1;
        for (uint32_t k = 0; k < m->no; k++) {
            const aentry *e = &d->ents[d->order[m->o0 + k]];
            if (e->kind != AK_PERSON)
                continue;
            /* first pass: only those in office at the document's date (when known) */
            if (pass == 0 && !(R->dct && e->from <= R->dct && R->dct <= e->to))
                continue;
            if (pass == 0)
                any_in_term = 1;
            if (code < 0)
                code = e->code;
            else if (code != e->code)
                return -1;
        }
        if (pass == 0 && any_in_term)
            return code;
    }
    return code;
}

static int person_sector(const run *R, const match *m)
{
    (void)R;
    (void)m;
    return 1; /* office holders of the people list act for their government */
}

/* The country match right before token i (skipping "his", "her", "the", "then", "former", and
 * one possessive 's): its index in mm, or -1. */
static long country_before(const run *R, size_t i, size_t t0, const match *mm, size_t nmm)
{
    size_t j = i;
    int skipped = 0;
    while (j > t0 && skipped < 3) {
        size_t p = j - 1;
        for (size_t k = 0; k < nmm; k++)
            if (mm[k].t1 == p + 1 && !mm[k].used && mm[k].code >= 0 &&
                (is_countryish(&mm[k]) || mm[k].kind == AK_ORG || mm[k].kind == AK_GROUP))
                return (long)k;
        if (T(R, p)->flags & DYAD__T_POSS) {
            j--;
            continue;
        }
        static const char *const skip[] = {"then", "former", "new", "incoming", "outgoing", "acting", "deputy",
                                           "vice", "senior", "top", "chief", NULL};
        int ok = 0;
        for (int k = 0; skip[k]; k++)
            ok |= is_n(R, p, skip[k], strlen(skip[k]));
        if (!ok)
            return -1;
        j--;
        skipped++;
    }
    return -1;
}

/* Prepositions before which a capital is a place, not an actor. */
static int locative(const run *R, size_t i)
{
    static const char *const w[] = {"in", "at", "to", "from", "near", "into", "across", "outside", "around",
                                    "within", "via", "toward", "towards", "through", "throughout", "inside",
                                    "visiting", "visited", "visit", "visits", NULL};
    for (int k = 0; w[k]; k++)
        if (is_n(R, i, w[k], strlen(w[k])))
            return 1;
    return 0;
}

static int32_t person_code(const run *R, const match *m);

/* The country a match names, for "the two sides": a country, an organisation or a person; -1 else. */
static int32_t country_of(const run *R, const match *m)
{
    if (m->code < 0 || R->d->codes[m->code].group)
        return -1;
    if (m->kind == AK_PERSON)
        return person_code(R, m);
    return is_countryish(m) || m->kind == AK_ORG ? m->code : -1;
}

/* The last sentence at or before s (within DYAD_PAIR_BACK) naming exactly two countries, up to
 * token `before` in sentence s: sets p[0], p[1]. 0 when none. */
static int local_pair(const run *R, size_t s, size_t before, int32_t p[2])
{
    size_t lo = s > DYAD_PAIR_BACK ? s - DYAD_PAIR_BACK : 0;
    for (size_t k = s + 1; k-- > lo;) {
        int32_t c[3] = {-1, -1, -1};
        int n = 0;
        for (size_t i = R->sent_m[k]; i < R->sent_m[k + 1]; i++) {
            const match *m = &R->m[i];
            if (k == s && m->t0 >= before)
                break;
            int32_t code = country_of(R, m);
            if (code < 0)
                continue;
            int dup = 0;
            for (int j = 0; j < n; j++)
                dup |= c[j] == code;
            if (!dup && n < 3)
                c[n++] = code;
        }
        if (n == 2) {
            p[0] = c[0];
            p[1] = c[1];
            return 1;
        }
        if (n > 2)
            return 0; /* three or more: not clear */
    }
    return 0;
}

/* Exactly two countries named in sentence s before token `before`: sets p. */
static int sentence_pair(const run *R, size_t s, size_t before, int32_t p[2])
{
    int n = 0;
    for (size_t i = R->sent_m[s]; i < R->sent_m[s + 1]; i++) {
        const match *m = &R->m[i];
        if (m->t0 >= before)
            break;
        int32_t code = country_of(R, m);
        if (code < 0)
            continue;
        if (n && p[0] == code)
            continue;
        if (n == 2 && p[1] == code)
            continue;
        if (n == 2)
            return 0;
        p[n++] = code;
    }
    return n == 2;
}

/* "X and Y" naming two countries in sentence s before token `before`: sets p. */
static int conjoined_pair(const run *R, size_t s, size_t before, int32_t p[2])
{
    for (size_t i = R->sent_m[s]; i + 1 < R->sent_m[s + 1]; i++) {
        const match *a = &R->m[i], *b = &R->m[i + 1];
        if (b->t1 > before)
            break;
        if (a->code < 0 || b->code < 0 || a->code == b->code || !is_countryish(a) || !is_countryish(b))
            continue;
        if (b->t0 == a->t1 + 1 && is(R, a->t1, "and")) {
            p[0] = a->code;
            p[1] = b->code;
            return 1;
        }
        if (b->t0 == a->t1 + 2 && (T(R, a->t1)->flags & DYAD__T_POSS) && is(R, a->t1 + 1, "and")) {
            p[0] = a->code;
            p[1] = b->code;
            return 1;
        }
    }
    return 0;
}

static int compose(run *R, size_t s)
{
    dyad_doc *doc = R->doc;
    const actors_dict *d = R->d;
    size_t t0 = doc->sent_tok[s], t1 = doc->sent_tok[s + 1];
    match *mm = R->m ? R->m + R->sent_m[s] : NULL;
    size_t nmm = R->sent_m[s + 1] - R->sent_m[s];
    size_t first_mention = doc->nmentions;
    int err = 0;
    /* a heading: most words capitalised, so capitals say nothing about names */
    int letters = 0, caps = 0;
    for (size_t i = t0; i < t1; i++)
        if ((T(R, i)->flags & DYAD__T_LETTER) && T(R, i)->e - T(R, i)->s > 3) {
            letters++;
            caps += is_cap(R, i);
        }
    int titlecase = letters >= 3 && caps * 10 >= letters * 6;

    /* 1. joint forms: X-Y(-Z) */
    for (size_t k = 0; k < nmm; k++) {
        match *a = &mm[k];
        if (a->used || a->code < 0 || !(is_countryish(a) || a->kind == AK_COMBINE || a->kind == AK_PERSON))
            continue;
        int32_t codes[DYAD_MENTION_CODES];
        int nc = 0;
        size_t j = k, end = a->t1;
        codes[nc++] = a->kind == AK_PERSON ? person_code(R, a) : a->code;
        while (j + 1 < nmm && mm[j + 1].t0 == end + 1 && (T(R, end)->flags & DYAD__T_HYPHEN)) {
            match *b = &mm[j + 1];
            if (b->code < 0 || !(is_countryish(b) || b->kind == AK_COMBINE || b->kind == AK_PERSON))
                break;
            int32_t c = b->kind == AK_PERSON ? person_code(R, b) : b->code;
            if (c < 0)
                break;
            if (nc < DYAD_MENTION_CODES)
                codes[nc++] = c;
            end = b->t1;
            j++;
        }
        if (j == k || codes[0] < 0)
            continue;
        for (size_t x = k; x <= j; x++)
            mm[x].used = 1;
        err |= add_mention(R, s, a->t0, end, DYAD_ACTOR_JOINT, codes, nc, 0, 0);
    }
    /* a combining form alone ("Indo" without a country after it) names nothing */
    for (size_t k = 0; k < nmm; k++)
        if (mm[k].kind == AK_COMBINE)
            mm[k].used = 1;
    /* a country word before a hyphen and a number or lower-case word of a product ("US-2") */
    for (size_t k = 0; k < nmm; k++) {
        match *a = &mm[k];
        if (a->used || !is_countryish(a) || a->t1 + 1 >= t1)
            continue;
        if ((T(R, a->t1)->flags & DYAD__T_HYPHEN) && !(T(R, a->t1)->flags & DYAD__T_SPACE) &&
            (T(R, a->t1 + 1)->flags & DYAD__T_NUM))
            a->used = 1;
    }

    /* 2. people: [country] title [,] name;  name , the [country] title */
    for (size_t k = 0; k < nmm; k++) {
        match *ti = &mm[k];
        if (ti->used || ti->kind != AK_TITLE)
            continue;
        long ci = country_before(R, ti->t0, t0, mm, nmm);
        size_t n0 = ti->t1;
        if (n0 < t1 && is(R, n0, ","))
            n0++;
        /* a known person right after the title */
        match *pm = NULL;
        for (size_t x = k + 1; x < nmm; x++)
            if (mm[x].t0 == n0 && mm[x].kind == AK_PERSON && !mm[x].used) {
                pm = &mm[x];
                break;
            }
        size_t n1 = pm ? pm->t1 : name_at(R, n0, t1, mm, nmm);
        int32_t code = -1;
        if (ci >= 0)
            code = mm[ci].code;
        else if (pm)
            code = person_code(R, pm);
        if (n1 == n0 || code < 0) {
            if (n1 > n0 && code < 0) { /* "Prime Minister Naoto Kan" not in the list: a bound surname? */
                const binding *b = bound(R, n1 - 1);
                if (b)
                    code = b->code;
            }
            if (n1 == n0 || code < 0)
                continue;
        }
        size_t m0 = ci >= 0 ? mm[ci].t0 : ti->t0;
        if (ci >= 0)
            mm[ci].used = 1;
        ti->used = 1;
        if (pm)
            pm->used = 1;
        err |= add_mention(R, s, m0, n1, DYAD_ACTOR_PERSON, &code, 1, ti->sector, 0);
        bind_name(R, n1 - 1, code, ti->sector);
    }
    /* the name first: "Koichiro Gemba, the Japanese foreign minister" */
    for (size_t k = 0; k < nmm; k++) {
        match *c = &mm[k];
        if (c->used || !is_countryish(c) || c->code < 0 || k + 1 >= nmm)
            continue;
        match *ti = &mm[k + 1];
        if (ti->used || ti->kind != AK_TITLE || ti->t0 != c->t1)
            continue;
        size_t j = c->t0;
        if (j >= t0 + 1 && is(R, j - 1, "the"))
            j--;
        if (j < t0 + 2 || !is(R, j - 1, ","))
            continue;
        size_t ne = j - 1, nb = ne;
        while (nb > t0 && ne - nb < NAME_WORDS && name_word(R, nb - 1) == 1)
            nb--;
        if (nb == ne)
            continue;
        c->used = ti->used = 1;
        err |= add_mention(R, s, nb, ne, DYAD_ACTOR_PERSON, &c->code, 1, ti->sector, 0);
        bind_name(R, ne - 1, c->code, ti->sector);
    }
    /* people of the list by name or alias */
    for (size_t k = 0; k < nmm; k++) {
        match *pm = &mm[k];
        if (pm->used || pm->kind != AK_PERSON)
            continue;
        int32_t code = person_code(R, pm);
        pm->used = 1;
        if (code < 0)
            continue;
        /* a one-word alias needs a capital letter (the dictionary wrote it so) and is not the first
         * word of a longer name we do not know ("Abe Lincoln") */
        err |= add_mention(R, s, pm->t0, pm->t1, DYAD_ACTOR_PERSON, &code, 1, person_sector(R, pm), 0);
        bind_name(R, pm->t1 - 1, code, 1);
    }

    /* 3. organisations (and titles without a name: "the Japanese ambassador"): country (+'s) + organ; organ + "of" + country */
    for (size_t k = 0; k < nmm; k++) {
        match *a = &mm[k];
        if (a->used || a->code < 0 || !is_countryish(a))
            continue;
        size_t j = a->t1;
        if (j < t1 && (T(R, j)->flags & DYAD__T_POSS))
            j++;
        /* "the Indian and Japanese navies": the organ after the last of a conjunction */
        size_t kk = k;
        while (kk + 1 < nmm && mm[kk + 1].t0 == j + 1 && is(R, j, "and") && is_countryish(&mm[kk + 1]) &&
               mm[kk + 1].code >= 0) {
            kk++;
            j = mm[kk].t1;
        }
        for (size_t o = kk + 1; o < nmm && mm[o].t0 <= j + 2; o++) {
            if ((mm[o].kind != AK_ORGAN && mm[o].kind != AK_TITLE) || mm[o].used || mm[o].t0 < j)
                continue;
            /* at most two words between ("Japanese defence ministry", "India's external affairs
             * ministry"), no punctuation */
            int ok = 1;
            static const char *const glue[] = {"for", "of", "in", "on", "to", "and", "or", "the", "a", "an",
                                               "with", "by", "from", "as", "at", "its", "their", NULL};
            for (size_t x = j; x < mm[o].t0; x++) {
                /* adjectives and nouns only: not "Kabul killed twelve people" */
                ok &= is_word(R, x) && !(T(R, x)->flags & DYAD__T_NUM) && !(T(R, x)->e - T(R, x)->s > 3 &&
                      R->text[T(R, x)->e - 1] == 'd' && R->text[T(R, x)->e - 2] == 'e');
                for (int g = 0; glue[g]; g++)
                    ok &= !is_n(R, x, glue[g], strlen(glue[g]));
            }
            if (!ok)
                break;
            for (size_t x = k; x <= kk; x++) {
                mm[x].used = 1;
                err |= add_mention(R, s, mm[x].t0, x == kk ? mm[o].t1 : mm[x].t1, DYAD_ACTOR_ORG, &mm[x].code, 1,
                                   mm[o].sector, 0);
            }
            mm[o].used = 1;
            break;
        }
    }
    for (size_t o = 0; o + 1 < nmm; o++) {
        match *g = &mm[o], *c = &mm[o + 1];
        if (g->used || (g->kind != AK_ORGAN && g->kind != AK_TITLE) || c->used || c->code < 0 || !is_countryish(c))
            continue;
        if (c->t0 == g->t1 + 1 && is(R, g->t1, "of")) {
            g->used = c->used = 1;
            err |= add_mention(R, s, g->t0, c->t1, DYAD_ACTOR_ORG, &c->code, 1, g->sector, 0);
        }
    }

    /* 4. countries, capitals, organisations and groups left */
    for (size_t k = 0; k < nmm; k++) {
        match *a = &mm[k];
        if (a->used || a->code < 0)
            continue;
        a->used = 1;
        unsigned flags = 0;
        dyad_actor_kind kind = DYAD_ACTOR_NAME;
        switch (a->kind) {
        case AK_NAME:
        case AK_ADJ:
            kind = a->kind == AK_NAME ? DYAD_ACTOR_NAME : DYAD_ACTOR_ADJ;
            /* part of a name: "the Korean War", "the Japan Cup", "the Israel Philharmonic" (not in a
             * heading, where every word has a capital; not before a word of another match) */
            if (!titlecase && a->t1 < t1 && is_cap(R, a->t1) && !(T(R, a->t1)->flags & (DYAD__T_POSS | DYAD__T_UPPER)) &&
                !(k + 1 < nmm && mm[k + 1].t0 == a->t1))
                continue;
            break;
        case AK_CAPITAL:
            kind = DYAD_ACTOR_CAPITAL;
            /* a place: "the Manila audience", "Athens airport", "Kyiv's metro" ([place-nouns]) */
            {
                size_t nx = a->t1 < t1 && (T(R, a->t1)->flags & DYAD__T_POSS) ? a->t1 + 1 : a->t1;
                int place_noun = 0;
                for (size_t q = k + 1; q < nmm && mm[q].t0 <= nx && !place_noun; q++)
                    place_noun = mm[q].t0 == nx && mm[q].kind == AK_PLACENOUN;
                if (place_noun)
                    continue;
            }
            /* part of a name: "the Delhi Metro", "Tokyo Declaration" (not "Tokyo's") */
            if (a->t1 < t1 && is_cap(R, a->t1) && !(T(R, a->t1)->flags & DYAD__T_POSS)) {
                int next_match = k + 1 < nmm && mm[k + 1].t0 == a->t1;
                if (!next_match)
                    continue;
            }
            if (a->t0 > t0 && locative(R, a->t0 - 1) && !(a->t1 < t1 && (T(R, a->t1)->flags & DYAD__T_POSS)))
                flags |= DYAD_MF_PLACE;
            break;
        case AK_ORG: kind = DYAD_ACTOR_ORG; break;
        case AK_GROUP: kind = DYAD_ACTOR_GROUP; break;
        default: continue;
        }
        /* a capital that acts is its government */
        int sector = a->kind == AK_ORG ? a->sector : a->kind == AK_CAPITAL && !(flags & DYAD_MF_PLACE) ? 1 : 0;
        err |= add_mention(R, s, a->t0, a->t1, kind, &a->code, 1, sector, flags);
    }

    /* 5. bound surnames and "the two sides" (words outside every match and mention) */
    size_t mi = 0;
    for (size_t i = t0; i < t1; i++) {
        while (mi < nmm && mm[mi].t1 <= i)
            mi++;
        if (mi < nmm && mm[mi].t0 <= i)
            continue; /* inside a match */
        int inside = 0;
        for (size_t k = first_mention; k < doc->nmentions && !inside; k++)
            inside = doc->mentions[k].tok_start <= i && i < doc->mentions[k].tok_end;
        if (inside)
            continue;
        const dyad__tok *t = T(R, i);
        if (!(t->flags & DYAD__T_WORD))
            continue;
        if ((t->flags & DYAD__T_CAP) && R->nbind) {
            const binding *b = bound(R, i);
            if (b && !(i + 1 < t1 && name_word(R, i + 1) == 1 && !bound(R, i + 1))) {
                int32_t c[DYAD_MENTION_CODES] = {b->code};
                int nc = 1;
                /* the first name before it belongs to the mention ("Fumio Kishida") */
                size_t st = i, en = i + 1;
                if (st > t0 && name_word(R, st - 1) == 1 && !(mi > 0 && mm[mi - 1].t1 == st))
                    st--;
                /* "the Krishna-Gemba talks": two bound names joined */
                while (en + 1 < t1 && (T(R, en)->flags & DYAD__T_HYPHEN) && (T(R, en + 1)->flags & DYAD__T_CAP)) {
                    const binding *b2 = bound(R, en + 1);
                    if (!b2)
                        break;
                    if (nc < DYAD_MENTION_CODES)
                        c[nc++] = b2->code;
                    en += 2;
                }
                err |= add_mention(R, s, st, en, nc > 1 ? DYAD_ACTOR_JOINT : DYAD_ACTOR_PERSON, c, nc,
                                   b->sector, 0);
                i = en - 1;
                continue;
            }
        }
        /* "the two sides", "both countries", "both the countries", "the two Asian powers" */
        if (is(R, i, "two") || is(R, i, "both")) {
            if (is(R, i, "two") && !(i > t0 && is(R, i - 1, "the")))
                continue;
            size_t j = i + 1;
            if (is(R, i, "both") && j < t1 && is(R, j, "the"))
                j++;
            for (size_t x = j; x < t1 && x <= j + 2; x++) {
                size_t cnt;
                const uint32_t *cand = dyad__actors_first(d, F(R, x), T(R, x)->fn, &cnt);
                int hit = 0;
                for (size_t c = 0; c < cnt && !hit; c++)
                    hit = d->ents[cand[c]].kind == AK_PAIRNOUN && d->ents[cand[c]].nw == 1;
                if (!hit) {
                    if (!is_word(R, x) || (T(R, x)->flags & DYAD__T_NUM))
                        break;
                    continue;
                }
                int32_t p[2];
                if (!local_pair(R, s, i, p) && !sentence_pair(R, s, (size_t)-1, p)) {
                    if (R->pair[0] < 0)
                        break;
                    p[0] = R->pair[0];
                    p[1] = R->pair[1];
                }
                size_t st = i > t0 && is(R, i - 1, "the") ? i - 1 : i;
                err |= add_mention(R, s, st, x + 1, DYAD_ACTOR_PAIR, p, 2, 0, 0);
                R->last_pair[0] = p[0];
                R->last_pair[1] = p[1];
                R->last_pair_s = s;
                i = x;
                break;
            }
            continue;
        }
        if (is(R, i, "they") || is(R, i, "their")) {
            /* the two countries named before it in this sentence, else "X and Y" in the previous, else
             * what "they" stood for in one of the two sentences before */
            int32_t p[2];
            if (sentence_pair(R, s, i, p) || (s > 0 && conjoined_pair(R, s - 1, (size_t)-1, p)) ||
                (R->last_pair[0] >= 0 && s >= R->last_pair_s && s - R->last_pair_s <= 2 &&
                 (p[0] = R->last_pair[0], p[1] = R->last_pair[1], 1))) {
                err |= add_mention(R, s, i, i + 1, DYAD_ACTOR_PAIR, p, 2, 0, 0);
                R->last_pair[0] = p[0];
                R->last_pair[1] = p[1];
                R->last_pair_s = s;
            }
            continue;
        }
        /* "the countries", "the nations" in a document about a pair */
        if (is(R, i, "the") && R->pair[0] >= 0 && i + 1 < t1 && (is(R, i + 1, "countries") || is(R, i + 1, "nations"))) {
            int32_t p[2] = {R->pair[0], R->pair[1]};
            err |= add_mention(R, s, i, i + 2, DYAD_ACTOR_PAIR, p, 2, 0, 0);
            i++;
            continue;
        }
    }
    if (err)
        return DYAD_NOMEM;
    /* mentions of this sentence in text order */
    size_t n = doc->nmentions - first_mention;
    dyad_mention *ms = doc->mentions ? doc->mentions + first_mention : NULL;
    for (size_t i = 1; i < n; i++) {
        dyad_mention x = ms[i];
        size_t j = i;
        while (j > 0 && ms[j - 1].start > x.start) {
            ms[j] = ms[j - 1];
            j--;
        }
        ms[j] = x;
    }
    return 0;
}

int dyad_actors_doc(dyad_ctx *ctx, dyad_doc *doc)
{
    if (doc->stage < DYAD_STAGE_SPLIT)
        return dyad__fail(ctx, DYAD_ARG, "%s: actors asked for before the sentences", doc->path);
    const actors_dict *d = dyad__actors_dict(ctx);
    if (!d)
        return dyad__fail(ctx, DYAD_NOMEM, "out of memory loading the actor dictionaries");
    if (d->err)
        return dyad__fail(ctx, d->err, "%s", d->errmsg);
    free(doc->toks);
    free(doc->sent_tok);
    free(doc->folds);
    free(doc->mentions);
    doc->toks = NULL;
    doc->sent_tok = NULL;
    doc->folds = NULL;
    doc->folds_len = 0;
    doc->mentions = NULL;
    doc->ntoks = doc->nmentions = 0;
    doc->pair[0] = doc->pair[1] = NULL;

    run R = {.ctx = ctx, .doc = doc, .d = d, .last_pair = {-1, -1}};
    R.text = dyad_doc_text(doc, NULL);
    if (doc->dct.year)
        R.dct = doc->dct.year * 10000 + (doc->dct.month ? doc->dct.month : 6) * 100 + (doc->dct.day ? doc->dct.day : 15);
    size_t ns = doc->nsents;
    doc->sent_tok = malloc((ns + 1) * sizeof *doc->sent_tok);
    R.sent_m = malloc((ns + 1) * sizeof *R.sent_m);
    dyad__tok *tmp = malloc(DYAD__TOK_MAX * sizeof *tmp);
    int err = !doc->sent_tok || !R.sent_m || !tmp ? DYAD_NOMEM : 0;
    size_t cap_toks = 0;
    for (size_t s = 0; s < ns && !err; s++) {
        doc->sent_tok[s] = doc->ntoks;
        R.sent_m[s] = R.nm;
        size_t n = dyad__tokenize(R.text, doc->sents[s].start, doc->sents[s].end, tmp, DYAD__TOK_MAX);
        if (doc->ntoks + n > cap_toks) {
            size_t cap = cap_toks ? cap_toks * 2 : 1024;
            while (cap < doc->ntoks + n)
                cap *= 2;
            dyad__tok *nt = realloc(doc->toks, cap * sizeof *nt);
            if (!nt) {
                err = DYAD_NOMEM;
                break;
            }
            doc->toks = nt;
            cap_toks = cap;
        }
        memcpy(doc->toks + doc->ntoks, tmp, n * sizeof *tmp);
        size_t a = doc->ntoks;
        doc->ntoks += n;
        err = fold_all(&R, a, doc->ntoks);
        if (!err)
            err = match_sentence(&R, a, doc->ntoks);
    }
    free(tmp);
    if (!err) {
        doc->sent_tok[ns] = doc->ntoks;
        R.sent_m[ns] = R.nm;
        find_pair(&R);
        if (R.pair[0] >= 0) {
            doc->pair[0] = d->codes[R.pair[0]].code;
            doc->pair[1] = d->codes[R.pair[1]].code;
        }
        for (size_t s = 0; s < ns && !err; s++)
            err = compose(&R, s);
    }
    free(R.m);
    free(R.sent_m);
    if (err)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory finding actors", doc->path);
    if (doc->stage < DYAD_STAGE_ACTORS)
        doc->stage = DYAD_STAGE_ACTORS;
    return DYAD_OK;
}

const dyad_mention *dyad_doc_mentions(const dyad_doc *doc, size_t *n)
{
    if (n)
        *n = doc->nmentions;
    return doc->mentions;
}

int dyad_doc_pair(const dyad_doc *doc, const char **a, const char **b)
{
    if (a)
        *a = doc->pair[0];
    if (b)
        *b = doc->pair[1];
    return doc->pair[0] != NULL;
}

int dyad_actors_load(dyad_ctx *ctx)
{
    const actors_dict *d = dyad__actors_dict(ctx);
    if (!d)
        return dyad__fail(ctx, DYAD_NOMEM, "out of memory loading the actor dictionaries");
    if (d->err)
        return dyad__fail(ctx, d->err, "%s", d->errmsg);
    return DYAD_OK;
}

const char *dyad_actor_name(dyad_ctx *ctx, const char *code)
{
    const actors_dict *d = dyad__actors_dict(ctx);
    if (!d || d->err || !code)
        return NULL;
    int i = dyad__actors_code(d, code, strlen(code));
    return i >= 0 ? d->codes[i].name : NULL;
}
