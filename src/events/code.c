/* events/code.c — the event coder: triggers, parties, status, date and label of each sentence's events
 * (see dyad/events.h for the contract; data/events.txt for the words).
 *
 * For each sentence (tokens, folded words and actor mentions from the actors stage, temporal
 * expressions from the date stage):
 *  1. Stems of the words (Snowball, cached), the clause of each word (split at ';' and the words of
 *     [clause]), and which words lie in a mention or a temporal expression (never triggers).
 *  2. Triggers, in order of strength, each word used once: verb-object pairs of [combos] ("lifted
 *     the sanctions"); a light verb of [governors] and the noun of [objects] it governs, up to
 *     GOV_REACH words on ("signed a peace treaty", "the announcement of the ... initiative"), or
 *     before it in a passive ("the agreement was signed", "the Partnership, launched in 2018");
 *     [verbs]; [nouns]; and [objects] that a date modifies ("the 2011 CEPA", "Nuclear Deal 2016").
 *  3. Parties. Mentions joined by "and" or commas form one party. A verb's source is the nearest
 *     party before it in its clause that stands as a subject (not after a preposition other than
 *     "of", not right after another verb), else the subject of the previous sentence for "it",
 *     "he", "she"; a passive's source is its "by" party and its target the subject. A noun's source
 *     is a possessive or modifier in its noun phrase ("Koizumi's visit", "India-Japan dialogue",
 *     "Japanese aid"), or "by X", "between X and Y" after it, else the clause's subject. The target
 *     is the first party after the trigger in the clause that is not after a preposition of place.
 *     A party of the pair the document is about completes a mutual event (see events.h).
 *  4. Status from the cue words before the trigger in its clause (and [failed-after] after it),
 *     failed before hypothetical before planned; a governing date after the document's date is
 *     planned.
 *  5. Date: a date in the trigger's noun phrase; else the nearest date after the trigger in its
 *     clause, before the next verb trigger; else the nearest one before it in its clause; else the
 *     narrative or the document (events.h).
 * Cost: linear in the sentence's words with bounded look-around (GOV_REACH, COMBO_REACH words);
 * the coder allocates per document, not per sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/actors_int.h"
#include "events/events_int.h"

#define GOV_REACH 8     /* words from a light verb to the noun it governs */
#define COMBO_REACH 12  /* words from a verb to the object of a [combos] pair */
#define NP_BACK 6       /* words of a noun phrase read before its head */
#define STATUS_BACK 12  /* words before a trigger read for status cues */
#define AFTER_FAIL 14   /* words after a trigger read for [failed-after] */
#define LABEL_MAX 96    /* bytes of a label */
#define NARRATIVE_BACK 1 /* sentences back a narrative date may come from */

/* ---- names ---- */

static const char *const type_names[] = {
#define X(n) #n,
    DYAD_EVENT_TYPES(X)
#undef X
};

const char *dyad_event_type_name(dyad_event_type t)
{
    return (unsigned)t < DYAD_EV_COUNT ? type_names[t] : NULL;
}

int dyad_event_type_parse(const char *s)
{
    for (int i = 0; i < DYAD_EV_COUNT; i++)
        if (!strcasecmp(s, type_names[i]))
            return i;
    return -1;
}

dyad_quad dyad_event_quad(dyad_event_type t)
{
    switch (t) {
    case DYAD_EV_AGREE: case DYAD_EV_CONSULT: case DYAD_EV_SUPPORT: case DYAD_EV_CONCEDE: return DYAD_QUAD_VERBAL_COOP;
    case DYAD_EV_COOPERATE: case DYAD_EV_AID: case DYAD_EV_RETREAT: return DYAD_QUAD_MATERIAL_COOP;
    case DYAD_EV_REQUEST: case DYAD_EV_ACCUSE: case DYAD_EV_REJECT: case DYAD_EV_THREATEN: return DYAD_QUAD_VERBAL_CONFLICT;
    default: return DYAD_QUAD_MATERIAL_CONFLICT;
    }
}

const char *dyad_event_status_name(dyad_event_status s)
{
    static const char *const n[] = {"happened", "planned", "failed", "hypothetical"};
    return (unsigned)s < 4 ? n[s] : "happened";
}

const char *dyad_date_source_name(dyad_date_source s)
{
    static const char *const n[] = {"none", "text", "narrative", "document"};
    return (unsigned)s < 4 ? n[s] : "none";
}

/* ---- grammar words: classes of events/lex.c ---- */

#define DET WC_DET
#define AUX WC_AUX
#define BE WC_BE
#define PREP WC_PREP
#define PRONOUN_SUBJ WC_PRONSUBJ
#define PAIR_CUES WC_PAIRCUE

/* ---- the sentence being coded ---- */

typedef struct party {
    int32_t codes[DYAD_PARTY_CODES]; /* indexes into the actor dictionary's codes; -1 unused */
    int n;
    int m0, m1;  /* mentions [m0, m1) of the sentence it came from; m0 < 0: inferred */
    int pair;    /* it came from a PAIR mention (both codes of the pair) */
} party;

typedef struct trig {
    int t0, t1;    /* head words (relative to the sentence's first token) */
    int o0, o1;    /* the governed object, or -1 */
    int type;
    const char *mode;
    int flags;
    int verbal;    /* the head is used as a verb */
    int passive;
    int clause;
    int np_date;   /* a timex index (in the sentence) modifying the object/noun, or -1 */
    party src, tgt;
    int dead;
} trig;

typedef struct sent {
    const lex *L;
    const actors_dict *D;
    dyad_doc *doc;
    const char *text;
    size_t si;                /* sentence index */
    const dyad__tok *tok;     /* its tokens */
    int n;
    char (*stem)[LEX_STEM_MAX];
    int *tm;                  /* token -> mention index in ms[] or -1 */
    int *tt;                  /* token -> timex index in tx[] or -1 */
    int *clause;
    const dyad_mention *ms;   /* mentions of the sentence */
    int nm;
    int *group;               /* mention -> party group id */
    const dyad_timex *tx;     /* timexes overlapping the sentence */
    int ntx;
    trig tr[DYAD_EVENT_TRIGGERS];
    int ntr;
    unsigned char *used;
    int32_t pair[2];          /* document pair (code indexes) or -1 */
    uint32_t *wc;             /* word classes (WC_*) of each token */
    const uint32_t **ent;     /* the dictionary entries whose first word is the token's stem */
    uint32_t *nent;           /* how many */
    unsigned char *stemlen, *irreg; /* the stem's length; an irregular verb form */
    int16_t (*cue_end)[CUE_COUNT]; /* the end of the shortest cue of each class starting at a token, or -1 */
    int titlecase;            /* most words capitalised: a heading, where capitals say nothing */
    int report_clause;        /* the clause of ", X said on Friday", or -1 */
    unsigned char *inname;    /* a capitalised word of a name that is not its last word */
} sent;

static const char *W(const sent *S, int i) { return S->doc->folds + S->tok[i].f; }
static size_t WL(const sent *S, int i) { return S->tok[i].fn; }
static inline int is_n(const sent *S, int i, const char *w, size_t n)
{
    return i >= 0 && i < S->n && WL(S, i) == n && !memcmp(W(S, i), w, n);
}
/* Is token i the word w (a string literal: its length is known when compiling)? */
#define is(S, i, w) is_n((S), (i), "" w, sizeof(w) - 1)
static int isin(const sent *S, int i, uint32_t cls)
{
    return i >= 0 && i < S->n && (S->wc[i] & cls);
}
static int word(const sent *S, int i) { return i >= 0 && i < S->n && (S->tok[i].flags & DYAD__T_WORD); }
static int punct(const sent *S, int i) { return i >= 0 && i < S->n && (S->tok[i].flags & DYAD__T_PUNCT); }
static inline int ends_n(const sent *S, int i, const char *suf, size_t k)
{
    size_t n = WL(S, i);
    return n > k + 1 && !memcmp(W(S, i) + n - k, suf, k);
}
/* Does token i end in suf (a string literal), with more than one letter before it? */
#define ends(S, i, suf) ends_n((S), (i), "" suf, sizeof(suf) - 1)

/* The dictionary's index of a code the actors stage gave (a pointer into the dictionary's codes). */
static int code_index(const sent *S, const char *code)
{
    const acode *c0 = S->D->codes;
    if (code >= c0[0].code && code < c0[S->D->ncodes].code) {
        size_t k = (size_t)(code - c0[0].code) / sizeof *c0;
        if (c0[k].code == code)
            return (int)k;
    }
    return dyad__actors_code(S->D, code, strlen(code));
}

/* Is word i used as a verb (rather than a noun)? */
static int verbish(const sent *S, int i)
{
    if (i > 0 && (S->tok[i].flags & DYAD__T_CAP) && !(S->tok[i].flags & DYAD__T_UPPER) && !S->titlecase)
        return 0; /* a capitalised word inside a sentence is part of a name */
    if (S->irreg[i])
        return 1;
    int p = i - 1;
    while (p >= 0 && word(S, p) && S->tm[p] < 0 && (ends(S, p, "ly") || is(S, p, "also") || is(S, p, "jointly") ||
                                                   is(S, p, "later") || is(S, p, "then") || is(S, p, "eventually")))
        p--;
    if (p >= 0 && (S->tok[p].flags & DYAD__T_POSS))
        return 0;
    if (isin(S, p, DET) || (p >= 0 && (S->tok[p].flags & DYAD__T_NUM)))
        return 0;
    if (isin(S, p, AUX))
        return 1;
    if (ends(S, i, "ed") || ends(S, i, "ing"))
        return 1;
    if (p >= 0 && S->tm[p] >= 0 && !(S->ms[S->tm[p]].flags & DYAD_MF_POSS))
        return 1; /* right after a party: "Japan protests" */
    return 0;
}

/* Does word i look like a verb form that heads a clause (for "right after another verb")? */
static int verb_like(const sent *S, int i)
{
    if (!word(S, i) || S->tm[i] >= 0 || S->tt[i] >= 0)
        return 0;
    if (isin(S, i, PREP) || isin(S, i, DET))
        return 0;
    for (int k = 0; k < S->ntr; k++)
        if (S->tr[k].verbal && S->tr[k].t0 <= i && i < S->tr[k].t1)
            return 1;
    return (ends(S, i, "ed") || ends(S, i, "es")) && !(S->tok[i].flags & DYAD__T_CAP) && verbish(S, i);
}

/* ---- matching words of the dictionary ---- */

static int word_matches(const sent *S, const lex *L, const lword *w, int i)
{
    if (i >= S->n)
        return 0;
    if (w->stem)
        return S->stemlen[i] == w->len && !memcmp(S->stem[i], L->pool + w->off, w->len);
    return WL(S, i) == w->len && !memcmp(W(S, i), L->pool + w->off, w->len);
}

/* Words [i, i + k) match words w[0..k) (each word one token). */
static int phrase_at(const sent *S, const lword *w, int k, int i)
{
    if (i + k > S->n)
        return 0;
    for (int j = 0; j < k; j++) {
        if (S->tm[i + j] >= 0 || S->tt[i + j] >= 0 || S->used[i + j])
            return 0;
        if (!word_matches(S, S->L, &w[j], i + j))
            return 0;
    }
    return 1;
}

static int pos_ok(const sent *S, const lentry *e, int i)
{
    if ((e->flags & LF_NOUN) && verbish(S, i))
        return 0;
    if ((e->flags & LF_VERB) && !verbish(S, i))
        return 0;
    return 1;
}

/* Can the words between a light verb and its object (a, b) lie inside one noun phrase? */
static int np_gap(const sent *S, int a, int b)
{
    for (int i = a; i < b; i++) {
        if (S->clause[i] != S->clause[a > 0 ? a - 1 : 0] && i > a)
            return 0;
        if (S->used[i])
            return 0;
        if (punct(S, i) && !(S->tok[i].flags & (DYAD__T_HYPHEN | DYAD__T_QUOTE)) && !is(S, i, "(") &&
            !is(S, i, ")"))
            return 0;
        if (word(S, i) && S->tm[i] < 0 && S->tt[i] < 0 && isin(S, i, PREP) && !(is(S, i, "of") && i == a))
            return 0; /* "the signing of the treaty"; not "established a foundation of cooperation" */
        for (int k = 0; k < S->ntr; k++)
            if (S->tr[k].verbal && S->tr[k].t0 <= i && i < S->tr[k].t1)
                return 0;
    }
    return 1;
}

/* Does word j start an entry of [nouns] or [objects] (an event noun)? */
static int noun_word(const sent *S, int j)
{
    if (!word(S, j) || !S->stem[j][0])
        return 0;
    size_t cnt;
    const uint32_t *c = S->ent[j];
    cnt = S->nent[j];
    for (size_t k = 0; k < cnt; k++) {
        const lentry *e = &S->L->ents[c[k]];
        if ((e->sec == LS_NOUN || e->sec == LS_OBJECT) && phrase_at(S, &S->L->words[e->w0], e->nw, j))
            return 1;
    }
    return 0;
}

/* The head of a compound: an event noun right before another ("nuclear cooperation agreement")
 * only modifies it. */
static int modifies_next(const sent *S, int j1)
{
    return j1 < S->n && noun_word(S, j1) && !S->used[j1];
}

/* A [combos] pair of the verb at gi and the object at oj, which decides the type, or NULL. */
static const lentry *combo_for(const sent *S, int gi, int oj)
{
    size_t cnt;
    const uint32_t *c = S->ent[gi];
    cnt = S->nent[gi];
    for (size_t k = 0; k < cnt; k++) {
        const lentry *e = &S->L->ents[c[k]];
        if (e->sec == LS_COMBO && phrase_at(S, &S->L->words[e->w0], e->nw, gi) &&
            phrase_at(S, &S->L->words[e->w0 + e->nw], e->nw2, oj))
            return e;
    }
    return NULL;
}

static trig *new_trig(sent *S, int t0, int t1, const lentry *e)
{
    if (S->ntr == DYAD_EVENT_TRIGGERS)
        return NULL;
    trig *t = &S->tr[S->ntr++];
    memset(t, 0, sizeof *t);
    t->t0 = t0;
    t->t1 = t1;
    t->o0 = t->o1 = -1;
    t->type = e->type;
    t->mode = dyad__lex_mode(S->L, e);
    t->flags = e->flags;
    t->clause = S->clause[t0];
    t->np_date = -1;
    t->src.m0 = t->tgt.m0 = -1;
    return t;
}

static void mark(sent *S, int a, int b)
{
    for (int i = a; i < b && i < S->n; i++)
        S->used[i] = 1;
}

static int is_be_before(const sent *S, int i)
{
    int p = i - 1;
    while (p >= 0 && (ends(S, p, "ly") || is(S, p, "also") || is(S, p, "not") || is(S, p, "jointly")))
        p--;
    return isin(S, p, BE);
}

static int participle(const sent *S, int i)
{
    return ends(S, i, "ed") || ends(S, i, "en") || S->irreg[i];
}

/* Entries of a section whose first word is the stem at i. */
static const uint32_t *entries(const sent *S, int i, size_t *cnt)
{
    *cnt = S->nent[i];
    return S->ent[i];
}

static int skip_word(const sent *S, int i)
{
    return !word(S, i) || S->tm[i] >= 0 || S->tt[i] >= 0 || S->used[i] || S->inname[i];
}

/* A timex (index) inside the noun phrase ending at head [h0, h1): before it within NP_BACK words of
 * the phrase, or right after it ("Deal 2016", "agreement of 1952"). -1 when none. */
static int np_timex(const sent *S, int h0, int h1)
{
    for (int i = h0 - 1; i >= 0 && i >= h0 - NP_BACK; i--) {
        if (S->tt[i] >= 0) {
            const dyad_timex *x = &S->tx[S->tt[i]];
            if (x->type == DYAD_TIMEX_DATE)
                return S->tt[i];
            break;
        }
        if (punct(S, i) && !(S->tok[i].flags & (DYAD__T_HYPHEN | DYAD__T_QUOTE)))
            break;
        if (isin(S, i, PREP) || verb_like(S, i))
            break;
        if (is(S, i, "the") || is(S, i, "a") || is(S, i, "an"))
            break;
    }
    int j = h1;
    if (is(S, j, "of") || is(S, j, "in"))
        j++;
    if (j < S->n && S->tt[j] >= 0 && S->tx[S->tt[j]].type == DYAD_TIMEX_DATE) {
        const dyad_timex *x = &S->tx[S->tt[j]];
        /* a bare year right after a capitalised name ("Nuclear Deal 2016"), or "agreement of 1952" */
        size_t vl = x->value ? strlen(x->value) : 0;
        if (vl == 4 && ((S->tok[h0].flags & (DYAD__T_CAP | DYAD__T_UPPER)) || j > h1))
            return S->tt[j];
    }
    return -1;
}

static void find_triggers(sent *S)
{
    const lex *L = S->L;
    /* 1. verb-object pairs: of the pairs whose verb is here, the one whose object comes first */
    for (int i = 0; i < S->n; i++) {
        if (skip_word(S, i))
            continue;
        size_t cnt;
        const uint32_t *c = entries(S, i, &cnt);
        const lentry *best = NULL;
        int best_j = -1;
        for (size_t k = 0; k < cnt; k++) {
            const lentry *e = &L->ents[c[k]];
            if (e->sec != LS_COMBO || !phrase_at(S, &L->words[e->w0], e->nw, i))
                continue;
            const lword *ow = &L->words[e->w0 + e->nw];
            int found = -1;
            for (int j = i + e->nw; j < S->n && j <= i + e->nw + COMBO_REACH; j++) {
                if (S->clause[j] != S->clause[i])
                    break;
                if (best_j >= 0 && j >= best_j && best_j > i)
                    break;
                if (phrase_at(S, ow, e->nw2, j)) {
                    found = j;
                    break;
                }
                if (punct(S, j) && (is(S, j, ".") || is(S, j, ";") || is(S, j, ":")))
                    break;
                /* the object of another verb: "agreed to push forward the deal" */
                if (is(S, j, "to") && j + 1 < S->n && word(S, j + 1) && !isin(S, j + 1, DET) && S->tm[j + 1] < 0)
                    break;
                /* another noun that events are named by: the verb's object is that one, unless it
                 * only modifies the pair's object ("its export control list") */
                if (j > i + e->nw && noun_word(S, j) && S->tm[j] < 0) {
                    int compound = 0;
                    for (int q = j + 1; q < S->n && q <= j + 3 && !compound; q++)
                        compound = phrase_at(S, ow, e->nw2, q);
                    if (!compound)
                        break;
                }
            }
            /* passive: "the sanctions were lifted" */
            if (found < 0 && participle(S, i) && is_be_before(S, i))
                for (int j = i - 2; j >= 0 && j >= i - 6; j--)
                    if (phrase_at(S, ow, e->nw2, j)) {
                        found = j;
                        break;
                    }
            if (found < 0)
                continue;
            if (!best || (found > i && (best_j < i || found < best_j))) {
                best = e;
                best_j = found;
            }
        }
        if (!best)
            continue;
        trig *t = new_trig(S, i, i + best->nw, best);
        if (!t)
            return;
        t->o0 = best_j;
        t->o1 = best_j + best->nw2;
        t->verbal = verbish(S, i) || best_j < i;
        t->passive = best_j < i;
        mark(S, i, i + best->nw);
        mark(S, t->o0, t->o1);
    }
    /* 2. a light verb and the first object it governs */
    for (int i = 0; i < S->n; i++) {
        if (skip_word(S, i))
            continue;
        size_t gc;
        const uint32_t *g = entries(S, i, &gc);
        int gov_end = -1;
        for (size_t q = 0; q < gc && gov_end < 0; q++) {
            const lentry *ge = &L->ents[g[q]];
            if (ge->sec == LS_GOVERNOR && phrase_at(S, &L->words[ge->w0], ge->nw, i))
                gov_end = i + ge->nw;
        }
        if (gov_end < 0 || !(verbish(S, i) || is(S, gov_end, "of")))
            continue; /* "signed", "the signing of"; not "Initiative" (stem of "initiate") */
        const lentry *obj = NULL;
        int oj = -1;
        for (int j = gov_end; j < S->n && j <= gov_end + GOV_REACH && !obj; j++) {
            if (!np_gap(S, gov_end, j))
                break;
            if (skip_word(S, j))
                continue;
            size_t cnt;
            const uint32_t *c = entries(S, j, &cnt);
            for (size_t k = 0; k < cnt; k++) {
                const lentry *o = &L->ents[c[k]];
                if (o->sec == LS_OBJECT && phrase_at(S, &L->words[o->w0], o->nw, j) && !modifies_next(S, j + o->nw)) {
                    obj = o;
                    oj = j;
                    break;
                }
            }
        }
        if (!obj)
            continue;
        const lentry *cb = combo_for(S, i, oj);
        trig *t = new_trig(S, i, gov_end, cb ? cb : obj);
        if (!t)
            return;
        t->o0 = oj;
        t->o1 = oj + obj->nw;
        t->verbal = verbish(S, i) || !is(S, gov_end, "of");
        t->np_date = np_timex(S, oj, oj + obj->nw);
        mark(S, i, gov_end);
        mark(S, oj, oj + obj->nw);
    }
    /* 2b. the passive: "the agreement was signed", "the Digital Partnership, launched in 2018" */
    for (int j = 0; j < S->n; j++) {
        if (skip_word(S, j))
            continue;
        size_t cnt;
        const uint32_t *c = entries(S, j, &cnt);
        for (size_t k = 0; k < cnt; k++) {
            const lentry *o = &L->ents[c[k]];
            if (o->sec != LS_OBJECT || !phrase_at(S, &L->words[o->w0], o->nw, j))
                continue;
            int i = j + o->nw;
            if (is(S, i, ","))
                i++;
            while (i < S->n && (isin(S, i, BE) || ends(S, i, "ly") || is(S, i, "also") || is(S, i, "jointly")))
                i++;
            if (!(i < S->n && !skip_word(S, i) && participle(S, i) && (is_be_before(S, i) || is(S, i - 1, ","))))
                break;
            size_t gc;
            const uint32_t *g = entries(S, i, &gc);
            int gov_end = -1;
            for (size_t q = 0; q < gc && gov_end < 0; q++) {
                const lentry *ge = &L->ents[g[q]];
                if (ge->sec == LS_GOVERNOR && phrase_at(S, &L->words[ge->w0], ge->nw, i))
                    gov_end = i + ge->nw;
            }
            if (gov_end < 0)
                break;
            const lentry *cb = combo_for(S, i, j);
            trig *t = new_trig(S, i, gov_end, cb ? cb : o);
            if (!t)
                return;
            t->o0 = j;
            t->o1 = j + o->nw;
            t->verbal = 1;
            t->passive = 1;
            t->np_date = np_timex(S, j, j + o->nw);
            mark(S, i, gov_end);
            mark(S, j, j + o->nw);
            break;
        }
    }
    /* 3. verbs, 4. event nouns (a word that is both: the noun when it is used as one) */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < S->n; i++) {
            if (skip_word(S, i))
                continue;
            size_t cnt;
            const uint32_t *c = entries(S, i, &cnt);
            const lentry *best = NULL;
            int vb = verbish(S, i);
            for (size_t k = 0; k < cnt && !best; k++) {
                const lentry *e = &L->ents[c[k]];
                /* a verb only where the word is used as one; a noun first where it is a noun */
                int want = pass == 0 ? (vb ? LS_VERB : LS_NOUN) : (vb ? LS_NOUN : -1);
                if (e->sec != want || !pos_ok(S, e, i))
                    continue;
                if (!phrase_at(S, &L->words[e->w0], e->nw, i))
                    continue;
                best = e;
            }
            if (!best)
                continue;
            trig *t = new_trig(S, i, i + best->nw, best);
            if (!t)
                return;
            t->verbal = best->sec == LS_VERB && vb;
            t->passive = t->verbal && participle(S, i) && is_be_before(S, i);
            if (!t->verbal)
                t->np_date = np_timex(S, i, i + best->nw);
            mark(S, i, i + best->nw);
        }
    }
    /* 5. objects that a date modifies */
    for (int j = 0; j < S->n; j++) {
        if (skip_word(S, j))
            continue;
        size_t cnt;
        const uint32_t *c = entries(S, j, &cnt);
        for (size_t k = 0; k < cnt; k++) {
            const lentry *o = &L->ents[c[k]];
            if (o->sec != LS_OBJECT || !phrase_at(S, &L->words[o->w0], o->nw, j) || modifies_next(S, j + o->nw))
                continue;
            int d = np_timex(S, j, j + o->nw);
            if (d < 0)
                break;
            trig *t = new_trig(S, j, j + o->nw, o);
            if (!t)
                return;
            t->np_date = d;
            mark(S, j, j + o->nw);
            break;
        }
    }
    /* in text order */
    for (int a = 1; a < S->ntr; a++) {
        trig x = S->tr[a];
        int b = a;
        while (b > 0 && S->tr[b - 1].t0 > x.t0) {
            S->tr[b] = S->tr[b - 1];
            b--;
        }
        S->tr[b] = x;
    }
}

/* ---- parties ---- */

static void party_add(const sent *S, party *p, const char *code)
{
    int c = code_index(S, code);
    if (c < 0)
        return;
    for (int i = 0; i < p->n; i++)
        if (p->codes[i] == c)
            return;
    if (p->n < DYAD_PARTY_CODES)
        p->codes[p->n++] = c;
}

static int party_has(const party *p, int32_t c)
{
    for (int i = 0; i < p->n; i++)
        if (p->codes[i] == c)
            return 1;
    return 0;
}

/* The party of mention group g (mentions [m0, m1)). */
static party group_party(const sent *S, int m0)
{
    party p;
    memset(&p, 0, sizeof p);
    p.m0 = m0;
    int g = S->group[m0], m = m0;
    for (; m < S->nm && S->group[m] == g; m++) {
        const dyad_mention *x = &S->ms[m];
        for (int k = 0; k < x->ncodes; k++)
            party_add(S, &p, x->codes[k]);
        if (x->kind == DYAD_ACTOR_PAIR)
            p.pair = 1;
    }
    p.m1 = m;
    return p;
}

static int group_start(const sent *S, int m)
{
    while (m > 0 && S->group[m - 1] == S->group[m])
        m--;
    return m;
}

/* First token of the words before mention m that belong to its phrase ("the", "both"). */
static int before_group(const sent *S, int m0)
{
    int i = (int)S->ms[m0].tok_start - (int)S->doc->sent_tok[S->si] - 1;
    while (i >= 0 && (is(S, i, "the") || is(S, i, "both") || is(S, i, "then") || is(S, i, "all")))
        i--;
    return i;
}

static int mention_tok0(const sent *S, int m) { return (int)(S->ms[m].tok_start - S->doc->sent_tok[S->si]); }
static int mention_tok1(const sent *S, int m) { return (int)(S->ms[m].tok_end - S->doc->sent_tok[S->si]); }

static int is_loc_prep(const sent *S, int i)
{
    return i >= 0 && word(S, i) && isin(S, i, WC_LOC);
}

/* Does the party group starting at mention m0 stand as a subject (before verb head h)? */
static int subject_pos(const sent *S, int m0, int h)
{
    int m1 = m0;
    while (m1 + 1 < S->nm && S->group[m1 + 1] == S->group[m0])
        m1++;
    int end = mention_tok1(S, m1);
    int adjacent = end == h || (end + 1 == h && ends(S, end, "ly"));
    int p = before_group(S, m0);
    if (p < 0)
        return 1;
    if (is(S, p, "by"))
        return 0;
    /* "As Russia, France and the United States rushed to ...": a conjunction, not a preposition,
     * when a verb follows the party */
    if (isin(S, p, WC_SUBORD) && (adjacent || verb_like(S, end) || (end + 1 < S->n && verb_like(S, end + 1))))
        return 1;
    if (isin(S, p, PREP) && !is(S, p, "of"))
        return adjacent && is(S, p, "with"); /* "with Japan providing yen loans" */
    if (verb_like(S, p) && !adjacent)
        return 0; /* the object of another verb */
    return 1;
}

/* The nearest subject party before head h in its clause (search stops at clause start). */
static int find_subject(const sent *S, int h, int clause)
{
    /* "Tokyo's decision to lift ...", "India's plan to buy ...": the possessive is the subject */
    if (is(S, h - 1, "to")) {
        for (int i = h - 2; i >= 0 && i >= h - 4; i--) {
            if (S->tm[i] >= 0) {
                if (S->ms[S->tm[i]].flags & DYAD_MF_POSS)
                    return group_start(S, S->tm[i]);
                break;
            }
            if (!word(S, i) || isin(S, i, PREP) || verb_like(S, i))
                break;
        }
    }
    for (int m = S->nm - 1; m >= 0; m--) {
        if (mention_tok1(S, m) > h)
            continue;
        if (S->clause[mention_tok0(S, m)] != clause)
            break;
        if (S->ms[m].flags & DYAD_MF_PLACE)
            continue;
        int g0 = group_start(S, m);
        if (subject_pos(S, g0, h))
            return g0;
        m = g0;
    }
    return -1;
}

/* The first party after word a in the clause, before word limit; -1 none. A party after a
 * preposition of place ("in India") or a capital named as a place comes only when nothing else does,
 * and not for meetings and exercises (where it is where they happen) unless place_ok (visits).
 * A "by" party (a passive's agent) comes last too. */
static int find_after(const sent *S, int a, int limit, int clause, int place_ok, int where_ok, int exclude_g,
                      const party *src)
{
    /* a participle or relative clause after a comma starts another predicate: "..., responding to
     * Chinese actions", "..., which includes the United States" */
    for (int i = a; i + 1 < limit && i + 1 < S->n; i++)
        if (is(S, i, ",") && word(S, i + 1) && S->tm[i + 1] < 0 &&
            ((ends(S, i + 1, "ing") && !(S->tok[i + 1].flags & DYAD__T_CAP)) || is(S, i + 1, "which") ||
             is(S, i + 1, "who") || is(S, i + 1, "whose"))) {
            limit = i;
            break;
        }
    for (int pass = 0; pass < 3; pass++) {
        for (int m = 0; m < S->nm; m++) {
            int t0 = mention_tok0(S, m);
            if (t0 < a)
                continue;
            if (t0 >= limit || S->clause[t0] != clause)
                break;
            int g0 = group_start(S, m);
            if (g0 != m)
                continue;
            if (exclude_g >= 0 && S->group[m] == S->group[exclude_g])
                continue;
            if (src && src->n) { /* JICA after "Japan has provided": a party of the source's own country */
                party g = group_party(S, m);
                int inside = 1;
                for (int k = 0; k < g.n && inside; k++)
                    inside = party_has(src, g.codes[k]);
                if (inside)
                    continue;
            }
            int p = before_group(S, m);
            int by = is(S, p, "by");
            /* "aid to Manila", "talks with Delhi": a capital after these is the government */
            int placed = !(S->ms[m].flags & DYAD_MF_POSS) && /* "in Turkey's accession talks": a possessor */
                         (is_loc_prep(S, p) || ((S->ms[m].flags & DYAD_MF_PLACE) && !is(S, p, "to") &&
                                               !is(S, p, "from") && !is(S, p, "with") && !is(S, p, "toward") &&
                                               !is(S, p, "towards")));
            if (pass == 0 && (by || (placed && !place_ok)))
                continue;
            if (pass == 1 && (by || !placed || (!place_ok && (!where_ok || (S->ms[m].flags & DYAD_MF_PLACE)))))
                continue;
            if (pass == 2 && !by)
                continue;
            return m;
        }
    }
    return -1;
}

/* "by X" after word a in the clause. */
static int find_by(const sent *S, int a, int clause)
{
    for (int m = 0; m < S->nm; m++) {
        int t0 = mention_tok0(S, m);
        if (t0 < a || S->clause[t0] != clause)
            continue;
        if (is(S, before_group(S, group_start(S, m)), "by"))
            return group_start(S, m);
    }
    return -1;
}

/* "between X and Y" right after word a. */
static int find_between(const sent *S, int a, int clause)
{
    for (int i = a; i < S->n && i <= a + 3 && S->clause[i] == clause; i++)
        if (is(S, i, "between") && i + 1 < S->n) {
            for (int m = 0; m < S->nm; m++)
                if (mention_tok0(S, m) > i && mention_tok0(S, m) <= i + 2)
                    return group_start(S, m);
        }
    return -1;
}

/* A party inside the noun phrase before head h0: a possessive, a joint form, a country adjective. */
static int np_modifier(const sent *S, int h0, int *possessive)
{
    *possessive = 0;
    for (int i = h0 - 1; i >= 0 && i >= h0 - NP_BACK; i--) {
        if (S->tm[i] >= 0) {
            int m = S->tm[i];
            if (S->ms[m].flags & DYAD_MF_PLACE)
                return -1;
            *possessive = (S->ms[m].flags & DYAD_MF_POSS) != 0;
            return group_start(S, m);
        }
        if (S->tok[i].flags & DYAD__T_POSS)
            continue;
        if (punct(S, i) && !(S->tok[i].flags & (DYAD__T_HYPHEN | DYAD__T_QUOTE)))
            return -1;
        if (isin(S, i, PREP) || verb_like(S, i) || isin(S, i, AUX))
            return -1;
        if (is(S, i, "the") || is(S, i, "a") || is(S, i, "an"))
            return -1;
    }
    return -1;
}

static int clause_has(const sent *S, int clause, uint32_t cls)
{
    for (int i = 0; i < S->n; i++)
        if (S->clause[i] == clause && isin(S, i, cls))
            return 1;
    return 0;
}

static int symmetric_type(const trig *t)
{
    if (t->flags & LF_SYM)
        return 1;
    if (t->type == DYAD_EV_CONSULT || t->type == DYAD_EV_COOPERATE)
        return 1;
    if (t->type == DYAD_EV_AGREE && !(t->mode && !strcmp(t->mode, "pledge")))
        return 1;
    return 0;
}


/* Other countries than the pair's named in the clause? */
static int clause_others(const sent *S, int clause)
{
    for (int m = 0; m < S->nm; m++) {
        if (S->clause[mention_tok0(S, m)] != clause || (S->ms[m].flags & DYAD_MF_PLACE))
            continue;
        for (int k = 0; k < S->ms[m].ncodes; k++) {
            int c = code_index(S, S->ms[m].codes[k]);
            if (c != S->pair[0] && c != S->pair[1])
                return 1;
        }
    }
    return 0;
}

static int governing_date(const sent *S, const trig *t);

static void split_party(party *src, party *tgt, int symmetric)
{
    /* a party of two or more with no other party, in a mutual event: the first is the source, the rest
     * the target */
    if (symmetric && src->n >= 2 && !tgt->n) {
        *tgt = *src;
        tgt->n = 0;
        for (int i = 1; i < src->n; i++)
            tgt->codes[tgt->n++] = src->codes[i];
        src->n = 1;
        if (src->m1 > src->m0 + 1) {
            tgt->m0 = src->m0 + 1;
            src->m1 = src->m0 + 1;
        }
    } else if (symmetric && tgt->n >= 2 && !src->n) {
        *src = *tgt;
        src->n = 1;
        for (int i = 1; i < tgt->n; i++)
            tgt->codes[i - 1] = tgt->codes[i];
        tgt->n--;
        if (tgt->m1 > tgt->m0 + 1) {
            src->m1 = src->m0 + 1;
            tgt->m0 = tgt->m0 + 1;
        }
    }
}

static void assign(sent *S, trig *t, const party *prev_subject)
{
    int h0 = t->t0, end = t->o1 >= 0 && t->o1 > t->t1 ? t->o1 : t->t1;
    int next = S->n;
    for (int k = 0; k < S->ntr; k++)
        if (&S->tr[k] != t && S->tr[k].t0 > t->t0 && S->tr[k].verbal && S->tr[k].clause == t->clause &&
            S->tr[k].dead != 2) {
            next = S->tr[k].t0;
            break;
        }
    int visit = t->mode && !strcmp(t->mode, "visit");
    int sg = -1, tg = -1;
    party src = {0}, tgt = {0};
    src.m0 = tgt.m0 = -1;
    if (t->passive) {
        sg = find_by(S, end, t->clause);
        int subj = find_subject(S, h0, t->clause);
        if (subj >= 0)
            tgt = group_party(S, subj);
        if (sg >= 0)
            src = group_party(S, sg);
        else if (symmetric_type(t)) {
            /* "the treaty, signed in 1960, ... India and Pakistan share": a mutual act needs no agent;
             * its parties are the joint subject named in the sentence */
            for (int m = 0; m < S->nm && !src.n; m++) {
                party g = group_party(S, group_start(S, m));
                if (g.n >= 2)
                    src = g;
                m = g.m1 - 1;
            }
            if (!src.n && tgt.n >= 2)
                src = tgt, tgt.n = 0;
            else if (src.n)
                tgt.n = 0;
        } else {
            t->src = src;
            t->tgt = tgt;
            t->dead = 1; /* a passive without its agent names no source */
            return;
        }
    } else {
        if (!t->verbal) {
            int poss;
            int mg = np_modifier(S, t->o0 >= 0 && t->o0 > t->t0 ? t->o0 : h0, &poss);
            if (mg < 0 && t->o0 >= 0)
                mg = np_modifier(S, h0, &poss);
            if (mg >= 0)
                sg = mg;
            if (sg < 0)
                sg = find_by(S, end, t->clause);
            if (sg < 0 && is(S, end, "from") && end + 1 < S->n && S->tm[end + 1] >= 0) {
                /* "criticism from Riyadh", "requests from Beijing": from whom; against the subject */
                sg = group_start(S, S->tm[end + 1]);
                int subj = find_subject(S, h0, t->clause);
                for (int c = t->clause; subj < 0 && c >= 0; c--)
                    subj = find_subject(S, S->n, c);
                if (subj >= 0 && S->group[subj] != S->group[sg])
                    tgt = group_party(S, subj);
            }
            int bg = find_between(S, end, t->clause);
            if (sg < 0 && bg >= 0)
                sg = bg;
            /* "Its dialogue with Delhi": the previous sentence's subject */
            if (sg < 0 && h0 > 0) {
                for (int i = h0 - 1; i >= 0 && i >= h0 - NP_BACK; i--) {
                    if (is(S, i, "its") || is(S, i, "his") || is(S, i, "her")) {
                        if (prev_subject && prev_subject->n)
                            src = *prev_subject, src.m0 = -1;
                        break;
                    }
                    if (punct(S, i) || isin(S, i, PREP))
                        break;
                }
            }
        }
        if (sg < 0 && !src.n && t->verbal) {
            /* "providing yen loans to India ..., and later assisting ...": a verb joined to the one
             * before takes its subject */
            int p = h0 - 1;
            while (p >= 0 && word(S, p) && S->tm[p] < 0 &&
                   (ends(S, p, "ly") || is(S, p, "later") || is(S, p, "then") || is(S, p, "also") || is(S, p, "eventually")))
                p--;
            if (p >= 0 && (is(S, p, "and") || is(S, p, ","))) {
                for (const trig *q = t - 1; q >= S->tr; q--) {
                    if (q->clause != t->clause || q->dead)
                        continue;
                    if (q->verbal && q->src.n) {
                        src = q->src;
                        src.m0 = q->src.m0;
                    }
                    break;
                }
            }
        }
        if (sg < 0 && !src.n) {
            sg = find_subject(S, h0, t->clause);
            if (sg < 0 && prev_subject && prev_subject->n) {
                /* "It slowly withdrew sanctions": the previous sentence's subject */
                for (int i = h0 - 1; i >= 0 && i >= h0 - 4; i--) {
                    if (isin(S, i, PRONOUN_SUBJ) && S->clause[i] == t->clause) {
                        src = *prev_subject;
                        src.m0 = -1;
                        break;
                    }
                    if (!(ends(S, i, "ly") || isin(S, i, AUX)))
                        break;
                }
            }
        }
        if (sg >= 0)
            src = group_party(S, sg);
        if (tgt.n)
            goto found_target;
        int where_ok = !(t->type == DYAD_EV_CONSULT || (t->mode && !strcmp(t->mode, "exercise")));
        /* a verb's target may come before its object ("removed India from its list") */
        int from = t->verbal && t->o0 > t->t1 ? t->t1 : end;
        tg = find_after(S, from, next, t->clause, visit, where_ok, sg, &src);
        if (tg < 0 && next < S->n)
            tg = find_after(S, from, S->n, t->clause, visit, where_ok, sg, &src);
        /* "India and Japan signed ...": a mutual event of a joint subject needs no far target */
        if (tg >= 0 && sg >= 0 && symmetric_type(t)) {
            party sp = group_party(S, sg);
            int p = before_group(S, tg);
            if (sp.n >= 2 && !(is(S, p, "with") || mention_tok0(S, tg) <= end + 1))
                tg = -1;
        }
        if (tg >= 0 && (t->flags & LF_OBJ) && mention_tok0(S, tg) > end + 2)
            tg = -1;
        /* "sent Ukraine tanks", "supplied drones to Ukraine": the recipient, not any party after */
        if (tg >= 0 && (t->flags & LF_TO) && !is(S, before_group(S, tg), "to") && mention_tok0(S, tg) > t->t1 + 1)
            tg = -1;
        if (tg >= 0)
            tgt = group_party(S, tg);
        /* "denounced it": an object pronoun stands for the target of the verb before */
        if (!tgt.n && t->verbal && (is(S, end, "it") || is(S, end, "them")))
            for (const trig *q = t - 1; q >= S->tr; q--)
                if (q->clause == t->clause && !q->dead && q->tgt.n) {
                    tgt = q->tgt;
                    break;
                }
        /* "rejected Egypt's demand": a noun whose own party is its source acts on the clause's subject */
        if (!tgt.n && !t->verbal && sg >= 0 && src.n) {
            int subj = find_subject(S, h0, t->clause);
            if (subj >= 0 && S->group[subj] != S->group[sg])
                tgt = group_party(S, subj);
        }
    found_target:
        if (t->flags & LF_REV) {
            party x = src;
            src = tgt;
            tgt = x;
        }
    }
    /* no party names a country twice */
    for (int i = 0; i < tgt.n;) {
        if (party_has(&src, tgt.codes[i])) {
            tgt.codes[i] = tgt.codes[--tgt.n];
            continue;
        }
        i++;
    }
    split_party(&src, &tgt, symmetric_type(t) || clause_has(S, t->clause, WC_RECIP)); /* each other, one another */
    /* the pair the document is about completes a mutual event */
    if (S->pair[0] >= 0) {
        /* a bare verb with an object of its own ("India has not signed the NPT") is not mutual by
         * itself: only a cue in the clause makes it so */
        int bare = t->verbal && t->o0 < 0;
        int cue = (symmetric_type(t) && !bare) || clause_has(S, t->clause, PAIR_CUES);
        int others = clause_others(S, t->clause);
        if (src.n == 1 && !tgt.n && cue && !others && (src.codes[0] == S->pair[0] || src.codes[0] == S->pair[1])) {
            tgt.codes[0] = src.codes[0] == S->pair[0] ? S->pair[1] : S->pair[0];
            tgt.n = 1;
        } else if (!src.n && tgt.n == 1 && cue && !others && (tgt.codes[0] == S->pair[0] || tgt.codes[0] == S->pair[1])) {
            src.codes[0] = tgt.codes[0] == S->pair[0] ? S->pair[1] : S->pair[0];
            src.n = 1;
        } else if (!src.n && !tgt.n && symmetric_type(t) && !others && !t->passive &&
                   (t->np_date >= 0 || governing_date(S, t) >= 0 || clause_has(S, t->clause, PAIR_CUES))) {
            src.codes[0] = S->pair[0];
            tgt.codes[0] = S->pair[1];
            src.n = tgt.n = 1;
        }
    }
    t->src = src;
    t->tgt = tgt;
}

/* ---- status ---- */

static int cue_at(const sent *S, const lcue *c, int i)
{
    const lex *L = S->L;
    if (i + c->nw > S->n)
        return 0;
    for (int j = 0; j < c->nw; j++) {
        const lword *w = &L->words[c->w0 + j];
        if (WL(S, i + j) != w->len || memcmp(W(S, i + j), L->pool + w->off, w->len))
            return 0;
    }
    return 1;
}

/* For each token, where the shortest cue of each class that starts there ends (-1: none). */
static void find_cues(sent *S)
{
    for (int i = 0; i < S->n; i++) {
        for (int c = 0; c < CUE_COUNT; c++)
            S->cue_end[i][c] = -1;
        if (!WL(S, i))
            continue;
        for (uint32_t k = dyad__lex_cue_first(S->L, W(S, i), WL(S, i)); k; k = S->L->cue_next[k - 1]) {
            const lcue *c = &S->L->cues[k - 1];
            if (!cue_at(S, c, i))
                continue;
            int end = i + c->nw;
            if (S->cue_end[i][c->cls] < 0 || end < S->cue_end[i][c->cls])
                S->cue_end[i][c->cls] = (int16_t)end;
        }
    }
}

/* The cue classes found in words [a, b). */
static unsigned cues_in(const sent *S, int a, int b)
{
    unsigned found = 0;
    for (int i = a < 0 ? 0 : a; i < b && i < S->n; i++) {
        if (S->tt[i] >= 0 && !is(S, i, "next"))
            continue; /* "May 2024" is a month */
        if (is(S, i, "not") && is(S, i + 1, "only"))
            continue;
        for (int c = 0; c < CUE_COUNT; c++)
            if (S->cue_end[i][c] >= 0 && S->cue_end[i][c] <= b)
                found |= 1u << c;
    }
    return found;
}

static int ymd_cmp(const char *v, const dyad_ymd *d)
{
    /* compares a date value (YYYY[-MM[-DD]]) with d at v's precision: <0 before, 0 same, >0 after */
    int y = 0, m = 0, dd = 0;
    if (sscanf(v, "%4d-%2d-%2d", &y, &m, &dd) < 1)
        return 0;
    if (y != d->year)
        return y < d->year ? -1 : 1;
    if (!m || !d->month)
        return 0;
    if (m != d->month)
        return m < d->month ? -1 : 1;
    if (!dd || !d->day)
        return 0;
    return dd < d->day ? -1 : dd > d->day;
}

static dyad_event_status status_of(const sent *S, const trig *t, int sub_end, const char *date_value)
{
    int a = t->t0 - STATUS_BACK;
    if (sub_end > a && sub_end <= t->t0)
        a = sub_end;
    for (int i = t->t0 - 1; i >= 0 && i >= a; i--)
        if (S->clause[i] != t->clause) {
            a = i + 1;
            break;
        }
    int b = t->t0;
    unsigned c = cues_in(S, a, b);
    /* "would back Afghanistan's bid only if ...": a condition after a modal */
    if (cues_in(S, a, b) & (1u << CUE_PLANNED))
        for (int i = t->t1; i < S->n && S->clause[i] == t->clause; i++)
            if (is(S, i, "if") || is(S, i, "unless")) {
                for (int k = a; k < b; k++)
                    if (is(S, k, "would") || is(S, k, "could") || is(S, k, "might"))
                        c |= 1u << CUE_HYPO;
                break;
            }
    /* "if", "unless", "whether" govern their whole clause */
    for (int i = t->t0 - 1; i >= 0 && S->clause[i] == t->clause; i--)
        if (is(S, i, "if") || is(S, i, "unless") || is(S, i, "whether"))
            c |= 1u << CUE_HYPO;
    /* a noun's own modifiers: "the proposed agreement", "no agreement" */
    if (t->o0 >= 0 && t->o0 > t->t1)
        c |= cues_in(S, t->t1, t->o0);
    int e = t->o1 > t->t1 ? t->o1 : t->t1;
    unsigned after = cues_in(S, e, e + AFTER_FAIL < S->n ? e + AFTER_FAIL : S->n);
    if (!t->verbal) { /* a noun as subject: "the summit will be held", "the talks are likely to ..." */
        int k = e;
        while (k < S->n && k < e + 4 && !isin(S, k, BE) && !is(S, k, "will") && !is(S, k, "would"))
            k++;
        if (k < S->n && (isin(S, k, BE) || is(S, k, "will") || is(S, k, "would")))
            c |= cues_in(S, k, k + 5 < S->n ? k + 5 : S->n) & ((1u << CUE_PLANNED) | (1u << CUE_HYPO));
    }
    if (after & (1u << CUE_FAILED_AFTER))
        c |= 1u << CUE_FAILED;
    if (c & (1u << CUE_FAILED))
        return DYAD_STATUS_FAILED;
    if (c & (1u << CUE_HYPO))
        return DYAD_STATUS_HYPOTHETICAL;
    if (c & (1u << CUE_PLANNED))
        return DYAD_STATUS_PLANNED;
    if (date_value && S->doc->dct.year && ymd_cmp(date_value, &S->doc->dct) > 0) {
        /* a date after the document's is planned, unless the clause tells it in the past */
        for (int i = 0; i < S->n; i++)
            if (S->clause[i] == t->clause && word(S, i) && S->tm[i] < 0 && !(S->tok[i].flags & DYAD__T_CAP) &&
                (ends(S, i, "ed") || is(S, i, "was") || is(S, i, "were")) && !is(S, i, "planned") &&
                !is(S, i, "scheduled") && !is(S, i, "expected"))
                return DYAD_STATUS_HAPPENED;
        return DYAD_STATUS_PLANNED;
    }
    return DYAD_STATUS_HAPPENED;
}

/* The mode [domain] gives an event of type `type` from the words of its clause, or NULL. */
static const char *domain_mode(const sent *S, int type, int clause)
{
    const lex *L = S->L;
    for (int i = 0; i < S->n; i++) {
        if (S->clause[i] != clause || !word(S, i) || !WL(S, i))
            continue;
        size_t cnt;
        const uint32_t *c = dyad__lex_first(L, W(S, i), WL(S, i), &cnt);
        for (size_t k = 0; k < cnt; k++) {
            const lentry *e = &L->ents[c[k]];
            if (e->sec != LS_DOMAIN || e->type != type || i + e->nw > S->n)
                continue;
            int ok = 1;
            for (int j = 0; j < e->nw && ok; j++) {
                const lword *w = &L->words[e->w0 + j];
                ok = WL(S, i + j) == w->len && !memcmp(W(S, i + j), L->pool + w->off, w->len);
            }
            if (ok)
                return dyad__lex_mode(L, e);
        }
    }
    return NULL;
}

/* ---- dates ---- */

/* A timex value as an event date at the precision it supports ("" when it is no calendar date). */
static void event_date(const dyad_timex *x, char out[12])
{
    out[0] = 0;
    if (!x || x->type != DYAD_TIMEX_DATE || !x->value)
        return;
    const char *v = x->value;
    size_t n = strlen(v);
    int digits4 = n >= 4;
    for (int i = 0; i < 4 && digits4; i++)
        digits4 = v[i] >= '0' && v[i] <= '9';
    if (!digits4)
        return; /* XXXX-06-18, 199X (a decade), FY2021, REF-..., PRESENT_REF */
    if (n >= 10 && v[4] == '-' && v[7] == '-' && v[5] >= '0' && v[5] <= '1' && v[8] >= '0' && v[8] <= '3') {
        memcpy(out, v, 10);
        out[10] = 0;
        return;
    }
    if (n >= 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '1' && v[6] >= '0' && v[6] <= '9') {
        memcpy(out, v, 7);
        out[7] = 0;
        return;
    }
    if (n >= 8 && v[4] == '-' && v[5] == 'W' && v[6] >= '0' && v[6] <= '5' && v[7] >= '0' && v[7] <= '9') {
        memcpy(out, v, 8); /* an ISO week, 2024-W28 */
        out[8] = 0;
        return;
    }
    memcpy(out, v, 4); /* a year, a season, a quarter or half of a year: the year */
    out[4] = 0;
}

static int has_date_between(const sent *S, int a, int b)
{
    for (int i = a; i < b && i < S->n; i++)
        if (S->tt[i] >= 0)
            return 1;
    return 0;
}

/* The governing timex of t: see the file's comment. -1 none. */
static int governing_date(const sent *S, const trig *t)
{
    char v[12];
    if (t->np_date >= 0)
        return t->np_date;
    int e = t->o1 > t->t1 ? t->o1 : t->t1;
    int next = S->n;
    for (int k = 0; k < S->ntr; k++)
        if (S->tr[k].t0 >= e && S->tr[k].verbal && S->tr[k].clause == t->clause && S->tr[k].dead != 2) {
            /* "rejected the claim and protested ... in May 2014": a verb joined by "and" shares the date */
            if (is(S, S->tr[k].t0 - 1, "and") && !has_date_between(S, e, S->tr[k].t0))
                continue;
            next = S->tr[k].t0;
            break;
        }
    for (int i = e; i < next && i < S->n; i++) {
        if (S->clause[i] != t->clause)
            break;
        if (S->tt[i] >= 0) {
            event_date(&S->tx[S->tt[i]], v);
            if (!v[0])
                continue;
            /* "next week (5-6 July)": the more precise of two dates side by side */
            int x = S->tt[i], j = i;
            while (j < S->n && S->tt[j] == x)
                j++;
            if (j < S->n && (is(S, j, "(") || is(S, j, ",")) && j + 1 < S->n && S->tt[j + 1] >= 0) {
                char v2[12];
                event_date(&S->tx[S->tt[j + 1]], v2);
                if (strlen(v2) > strlen(v) && !strncmp(v2, v, 4))
                    return S->tt[j + 1];
            }
            return x;
        }
    }
    for (int i = t->t0 - 1; i >= 0; i--) {
        if (S->clause[i] != t->clause)
            break;
        if (S->tt[i] >= 0) {
            event_date(&S->tx[S->tt[i]], v);
            if (v[0])
                return S->tt[i];
        }
    }
    return -1;
}

/* ---- labels ---- */

static void label_of(sent *S, const trig *t, char *out, size_t cap)
{
    int h0, h1;
    if (t->o0 >= 0) {
        h0 = t->o0;
        h1 = t->o1;
    } else {
        h0 = t->t0;
        h1 = t->t1;
    }
    int a = h0;
    if (!t->verbal || t->o0 >= 0) {
        /* modifiers of the noun: adjectives, nouns, names; not determiners, dates or numbers */
        while (a - 1 >= 0 && a - 1 >= h0 - NP_BACK) {
            int i = a - 1;
            if (!word(S, i) && !(S->tok[i].flags & DYAD__T_HYPHEN))
                break;
            if (S->tt[i] >= 0 || isin(S, i, DET) || isin(S, i, PREP) || isin(S, i, AUX) || verb_like(S, i) ||
                (S->tok[i].flags & DYAD__T_NUM) || (S->used[i] && (i < t->o0 || t->o0 < 0)) || is(S, i, "and"))
                break;
            if (S->tm[i] >= 0 && (S->ms[S->tm[i]].flags & DYAD_MF_POSS))
                break;
            if (S->tm[i] >= 0 && S->ms[S->tm[i]].kind != DYAD_ACTOR_JOINT && S->ms[S->tm[i]].kind != DYAD_ACTOR_ADJ)
                break;
            a = i;
        }
        /* the country words that open it are not part of what it is about */
        while (a < h0 && (S->tm[a] >= 0 || (S->tok[a].flags & DYAD__T_HYPHEN)))
            a++;
    }
    /* a named thing after it: "Declaration on Security Cooperation", "exercise ‘Veer Guardian’" */
    int b = h1;
    if ((is(S, b, "on") || is(S, b, "of")) && b + 1 < S->n && (S->tok[b + 1].flags & DYAD__T_CAP) &&
        (S->tok[h1 - 1].flags & DYAD__T_CAP)) {
        b += 2;
        while (b < S->n && b < h1 + 6 && (S->tok[b].flags & DYAD__T_CAP) && S->tm[b] < 0)
            b++;
    }
    size_t s0 = S->tok[a].s, s1 = S->tok[b - 1].e;
    if (t->verbal && t->o0 < 0) {
        s0 = S->tok[t->t0].s;
        s1 = S->tok[t->t1 - 1].e;
    }
    size_t n = s1 - s0;
    if (n >= cap)
        n = cap - 1;
    /* cut at a character boundary */
    while (n && ((unsigned char)S->text[s0 + n] & 0xC0) == 0x80)
        n--;
    memcpy(out, S->text + s0, n);
    out[n] = 0;
    /* the names an exercise list gives: "joint exercises like JIMEX, Dharma Guardian, and Malabar" */
    if (t->type == DYAD_EV_COOPERATE) {
        int i = b;
        if (is(S, i, "like") || is(S, i, "including") || (is(S, i, "such") && is(S, i + 1, "as"))) {
            i += is(S, i, "such") ? 2 : 1;
            size_t o = strlen(out);
            int first = 1;
            while (i < S->n && o + 4 < cap) {
                if (!(S->tok[i].flags & (DYAD__T_CAP | DYAD__T_UPPER)) || S->tm[i] >= 0) {
                    if (is(S, i, ",") || is(S, i, "and") || (S->tok[i].flags & DYAD__T_QUOTE)) {
                        i++;
                        continue;
                    }
                    break;
                }
                int j = i;
                while (j < S->n && (S->tok[j].flags & (DYAD__T_CAP | DYAD__T_UPPER)) && S->tm[j] < 0)
                    j++;
                size_t k = S->tok[j - 1].e - S->tok[i].s;
                if (o + k + 4 >= cap)
                    break;
                memcpy(out + o, first ? " (" : ", ", 2);
                o += 2;
                memcpy(out + o, S->text + S->tok[i].s, k);
                o += k;
                first = 0;
                i = j;
            }
            if (!first && o + 1 < cap)
                out[o++] = ')';
            out[o] = 0;
        }
    }
}

/* Is t told in the simple present ("India conducts a dialogue", "they engage in talks"): a habit or
 * a standing arrangement rather than an event? */
static int habitual(const sent *S, const trig *t)
{
    if (!t->verbal)
        return 0;
    int h = t->t0;
    if (ends(S, h, "ed") || ends(S, h, "ing") || S->irreg[h])
        return 0;
    for (int i = h - 1, k = 0; i >= 0 && k < 4; i--, k++) {
        if (isin(S, i, WC_AUXV))
            return 0;
        if (!(ends(S, i, "ly") || is(S, i, "also") || is(S, i, "too") || is(S, i, "jointly") || is(S, i, "often")))
            break;
    }
    return 1;
}

/* Does the event name something particular: a name (a capitalised word that is no party), a number,
 * a quoted name, in its label or just after its trigger? */
static int specific(const sent *S, const trig *t, const char *label)
{
    for (const char *p = label; p && *p; p++)
        if ((*p >= '0' && *p <= '9') || (p > label && p[-1] == ' ' && *p >= 'A' && *p <= 'Z'))
            return 1;
    if (label && *label >= 'A' && *label <= 'Z' && t->o0 >= 0)
        return 1; /* "Joint Declaration ...": the head noun's own capital */
    int e = t->o1 > t->t1 ? t->o1 : t->t1;
    for (int i = e; i < S->n && i < e + 6; i++) {
        if (S->tm[i] >= 0 || is(S, i, ","))
            continue;
        if ((S->tok[i].flags & (DYAD__T_CAP | DYAD__T_UPPER | DYAD__T_NUM | DYAD__T_QUOTE)) && word(S, i))
            return 1;
        if (punct(S, i) && !is(S, i, ","))
            break;
    }
    return 0;
}

/* ---- the document ---- */

typedef struct coder {
    dyad_doc *doc;
    const lex *L;
    const actors_dict *D;
    size_t cap_events;
    char (*stem)[LEX_STEM_MAX];
    int *tm, *tt, *clause, *group;
    unsigned char *used, *inname;
    uint32_t *wc;
    int16_t (*cue_end)[CUE_COUNT];
    const uint32_t **ent;
    uint32_t *nent;
    unsigned char *stemlen, *irreg;
    size_t cap_tok, cap_m;
} coder;

static int grow_arrays(coder *C, size_t n, size_t nm)
{
    if (n > C->cap_tok) {
        size_t cap = C->cap_tok ? C->cap_tok : 256;
        while (cap < n)
            cap *= 2;
        void *a = realloc(C->stem, cap * sizeof *C->stem), *b = NULL, *c = NULL, *d = NULL, *e = NULL;
        if (a)
            C->stem = a;
        if (a && (b = realloc(C->tm, cap * sizeof *C->tm)))
            C->tm = b;
        if (b && (c = realloc(C->tt, cap * sizeof *C->tt)))
            C->tt = c;
        if (c && (d = realloc(C->clause, cap * sizeof *C->clause)))
            C->clause = d;
        if (d && (e = realloc(C->used, cap)))
            C->used = e;
        void *f = e ? realloc(C->inname, cap) : NULL;
        if (f)
            C->inname = f;
        void *g = f ? realloc(C->wc, cap * sizeof *C->wc) : NULL;
        if (g)
            C->wc = g;
        void *h = g ? realloc(C->cue_end, cap * sizeof *C->cue_end) : NULL;
        if (h)
            C->cue_end = h;
        void *i1 = h ? realloc(C->ent, cap * sizeof *C->ent) : NULL;
        if (i1)
            C->ent = i1;
        void *i2 = i1 ? realloc(C->nent, cap * sizeof *C->nent) : NULL;
        if (i2)
            C->nent = i2;
        void *i3 = i2 ? realloc(C->stemlen, cap) : NULL;
        if (i3)
            C->stemlen = i3;
        void *i4 = i3 ? realloc(C->irreg, cap) : NULL;
        if (i4)
            C->irreg = i4;
        if (!i4)
            return DYAD_NOMEM;
        C->cap_tok = cap;
    }
    if (nm > C->cap_m) {
        size_t cap = C->cap_m ? C->cap_m : 64;
        while (cap < nm)
            cap *= 2;
        int *g = realloc(C->group, cap * sizeof *g);
        if (!g)
            return DYAD_NOMEM;
        C->group = g;
        C->cap_m = cap;
    }
    return 0;
}

static int add_event(coder *C, const dyad_event *e)
{
    dyad_doc *doc = C->doc;
    if (doc->nevents == C->cap_events) {
        size_t cap = C->cap_events ? C->cap_events * 2 : 32;
        dyad_event *n = realloc(doc->events, cap * sizeof *n);
        if (!n)
            return DYAD_NOMEM;
        doc->events = n;
        C->cap_events = cap;
    }
    doc->events[doc->nevents++] = *e;
    return 0;
}

static void party_out(const sent *S, const party *p, dyad_party *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < p->n; i++)
        o->codes[o->ncodes++] = S->D->codes[p->codes[i]].code;
    if (p->m0 >= 0 && p->m0 < S->nm) {
        o->start = S->ms[p->m0].start;
        o->end = S->ms[p->m1 - 1].end;
        o->sector = S->ms[p->m0].sector;
    }
}

static int same_actors(const dyad_event *a, const dyad_event *b)
{
    const char *x[2 * DYAD_PARTY_CODES], *y[2 * DYAD_PARTY_CODES];
    int nx = dyad_event_actors(a, x, 2 * DYAD_PARTY_CODES), ny = dyad_event_actors(b, y, 2 * DYAD_PARTY_CODES);
    if (nx != ny)
        return 0;
    for (int i = 0; i < nx; i++) {
        int f = 0;
        for (int j = 0; j < ny && !f; j++)
            f = !strcmp(x[i], y[j]);
        if (!f)
            return 0;
    }
    return 1;
}

int dyad_event_actors(const dyad_event *e, const char **out, int max)
{
    int n = 0;
    const dyad_party *ps[2] = {&e->source, &e->target};
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < ps[p]->ncodes; i++) {
            int dup = 0;
            for (int k = 0; k < n && !dup; k++)
                dup = !strcmp(out[k], ps[p]->codes[i]);
            if (!dup && n < max)
                out[n++] = ps[p]->codes[i];
        }
    return n;
}

/* The first DATE timex with a calendar value that ends before byte `before` in sentences
 * [s - back, s) of the same paragraph: its index in doc->timexes, or -1. */
static long narrative_date(const dyad_doc *doc, size_t s)
{
    if (!s)
        return -1;
    size_t lo = s > NARRATIVE_BACK ? s - NARRATIVE_BACK : 0;
    size_t para = doc->sents[s].block;
    long best = -1;
    for (size_t i = 0; i < doc->ntimexes; i++) {
        const dyad_timex *x = &doc->timexes[i];
        if (x->start >= doc->sents[s].start)
            break;
        if (x->start < doc->sents[lo].start)
            continue;
        size_t k = lo;
        while (k + 1 < s && doc->sents[k + 1].start <= x->start)
            k++;
        if (doc->sents[k].block != para)
            continue;
        char v[12];
        event_date(x, v);
        if (v[0])
            best = (long)i;
    }
    return best;
}

static int past_tense(const sent *S, const trig *t)
{
    int h = t->t0;
    if (t->verbal)
        return participle(S, h) && !is_be_before(S, h) ? 1 : ends(S, h, "ed");
    for (int i = h - 1; i >= 0 && i >= h - 6; i--)
        if (is(S, i, "was") || is(S, i, "were") || is(S, i, "had") || (ends(S, i, "ed") && verbish(S, i)))
            return 1;
    for (int i = t->t1; i < S->n && i < t->t1 + 6; i++)
        if (is(S, i, "was") || is(S, i, "were") || (ends(S, i, "ed") && verbish(S, i)))
            return 1;
    return 0;
}

static int code_sentence(coder *C, size_t si, party *prev_subject)
{
    dyad_doc *doc = C->doc;
    size_t t0 = doc->sent_tok[si], t1 = doc->sent_tok[si + 1];
    int n = (int)(t1 - t0);
    sent S;
    memset(&S, 0, sizeof S);
    S.L = C->L;
    S.D = C->D;
    S.doc = doc;
    S.si = si;
    S.text = doc->text;
    S.tok = doc->toks ? doc->toks + t0 : NULL;
    S.n = n;
    if (!n)
        return 0;
    /* mentions of the sentence */
    size_t m0 = 0;
    while (m0 < doc->nmentions && doc->mentions[m0].sentence < si)
        m0++;
    size_t m1 = m0;
    while (m1 < doc->nmentions && doc->mentions[m1].sentence == si)
        m1++;
    S.ms = doc->mentions ? doc->mentions + m0 : NULL;
    S.nm = (int)(m1 - m0);
    if (!S.nm && !doc->pair[0])
        return 0; /* no party at all, and no pair the text is about: nothing to code */
    if (grow_arrays(C, (size_t)n, (size_t)S.nm))
        return DYAD_NOMEM;
    S.stem = C->stem;
    S.tm = C->tm;
    S.tt = C->tt;
    S.clause = C->clause;
    S.group = C->group;
    S.used = C->used;
    S.inname = C->inname;
    S.wc = C->wc;
    S.cue_end = C->cue_end;
    S.ent = C->ent;
    S.nent = C->nent;
    S.stemlen = C->stemlen;
    S.irreg = C->irreg;
    S.pair[0] = doc->pair[0] ? dyad__actors_code(C->D, doc->pair[0], strlen(doc->pair[0])) : -1;
    S.pair[1] = doc->pair[1] ? dyad__actors_code(C->D, doc->pair[1], strlen(doc->pair[1])) : -1;
    const dyad_sentence *se = &doc->sents[si];
    /* timexes overlapping the sentence */
    size_t x0 = 0;
    while (x0 < doc->ntimexes && doc->timexes[x0].end <= se->start)
        x0++;
    size_t x1 = x0;
    while (x1 < doc->ntimexes && doc->timexes[x1].start < se->end)
        x1++;
    S.tx = doc->timexes ? doc->timexes + x0 : NULL;
    S.ntx = (int)(x1 - x0);
    /* per word: stem, mention, timex, clause */
    int clause = 0, mi = 0, xi = 0;
    for (int i = 0; i < n; i++) {
        const dyad__tok *k = &S.tok[i];
        S.used[i] = 0;
        S.stem[i][0] = 0;
        S.wc[i] = k->fn ? dyad__lex_wclass(C->L, W(&S, i), WL(&S, i)) : 0;
        S.stemlen[i] = 0;
        S.irreg[i] = 0;
        S.ent[i] = NULL;
        S.nent[i] = 0;
        if ((k->flags & DYAD__T_WORD) && k->fn) {
            S.stemlen[i] = (unsigned char)dyad__lex_stem(C->L, W(&S, i), WL(&S, i), S.stem[i]);
            S.irreg[i] = (unsigned char)dyad__strset_has(&C->L->irregular_forms, W(&S, i), WL(&S, i));
            size_t cnt;
            S.ent[i] = dyad__lex_first(C->L, S.stem[i], S.stemlen[i], &cnt);
            S.nent[i] = (uint32_t)cnt;
        }
        while (mi < S.nm && (int)(S.ms[mi].tok_end - t0) <= i)
            mi++;
        S.tm[i] = mi < S.nm && (int)(S.ms[mi].tok_start - t0) <= i ? mi : -1;
        while (xi < S.ntx && S.tx[xi].end <= k->s)
            xi++;
        S.tt[i] = xi < S.ntx && S.tx[xi].start < k->e ? xi : -1;
        if (is(&S, i, ";") || (word(&S, i) && i > 0 && (S.wc[i] & WC_CLAUSE)))
            clause++;
        S.clause[i] = clause;
    }
    S.report_clause = -1;
    /* ", Greek officials hinted last month": a report about the sentence is a clause of its own (its
     * date and its speaker are not the event's) */
    for (int i = 1; i + 1 < n; i++) {
        if (!is(&S, i, ","))
            continue;
        for (int j = i + 1; j < n && j <= i + 6; j++) {
            /* a subject first ("Greek officials hinted"), or "according to"; then a short tail */
            if (j == i + 1 && !is(&S, j, "according") && !is(&S, j, "said") && !is(&S, j, "says"))
                continue;
            if (!word(&S, j) || S.tm[j] >= 0)
                continue;
            size_t cnt;
            const uint32_t *c = S.stem[j][0] ? dyad__lex_first(C->L, S.stem[j], strlen(S.stem[j]), &cnt) : NULL;
            int rep = 0;
            for (size_t k = 0; c && k < cnt && !rep; k++)
                rep = C->L->ents[c[k]].sec == LS_REPORT && phrase_at(&S, &C->L->words[C->L->ents[c[k]].w0], C->L->ents[c[k]].nw, j);
            if (rep && n - j > 10)
                rep = 0; /* a report ends the sentence: ", X said last month." */
            if (rep) {
                int bump = S.clause[n - 1] + 1;
                S.report_clause = bump;
                for (int k = i; k < n && S.clause[k] == S.clause[i]; k++)
                    S.clause[k] = bump;
                break;
            }
            if (verb_like(&S, j))
                break;
        }
    }
    find_cues(&S);
    /* headings: most words capitalised */
    int letters = 0, caps = 0;
    for (int i = 0; i < n; i++)
        if ((S.tok[i].flags & DYAD__T_LETTER) && WL(&S, i) > 3) {
            letters++;
            caps += (S.tok[i].flags & (DYAD__T_CAP | DYAD__T_UPPER)) != 0;
        }
    S.titlecase = letters >= 3 && caps * 10 >= letters * 6;
    /* names: a run of capitalised words (joined by "and", "&" or hyphens) has its head last; the
     * words before it are no triggers ("the Basic Exchange and Cooperation Agreement") */
    for (int i = 0; i < n; i++)
        S.inname[i] = 0;
    for (int i = 0; i < n && !S.titlecase;) {
        int capw = word(&S, i) && (S.tok[i].flags & DYAD__T_CAP) && S.tm[i] < 0 && S.tt[i] < 0;
        if (!capw) {
            i++;
            continue;
        }
        int j = i, last = i;
        while (j < n) {
            int cw = word(&S, j) && (S.tok[j].flags & DYAD__T_CAP) && S.tm[j] < 0 && S.tt[j] < 0;
            if (cw) {
                last = j;
                j++;
                continue;
            }
            if ((is(&S, j, "and") || is(&S, j, "&") || (S.tok[j].flags & DYAD__T_HYPHEN)) && j + 1 < n &&
                word(&S, j + 1) && (S.tok[j + 1].flags & DYAD__T_CAP) && S.tm[j + 1] < 0) {
                j++;
                continue;
            }
            break;
        }
        for (int k = i; k < last; k++)
            S.inname[k] = word(&S, k) && (S.tok[k].flags & DYAD__T_CAP);
        i = j > i ? j : i + 1;
    }
    /* party groups: mentions joined by "and", "or", "&"; commas only inside a list that "and" or "or"
     * closes ("Russia, France and the United States", not "with India, Japan seemed ...") */
    for (int m = 0; m < S.nm; m++) {
        S.group[m] = m;
        if (!m)
            continue;
        int a = mention_tok1(&S, m - 1), b = mention_tok0(&S, m);
        int conj = 0, comma = 0, other = b <= a;
        for (int i = a; i < b; i++) {
            if (is(&S, i, "and") || is(&S, i, "or") || is(&S, i, "&"))
                conj = 1;
            else if (is(&S, i, ","))
                comma = 1;
            else if (!(is(&S, i, "the") || (S.tok[i].flags & DYAD__T_POSS)))
                other = 1;
        }
        if (other || (!conj && !comma) || S.clause[a] != S.clause[b])
            continue;
        /* "India's and Japan's" join; "Japan's Navy and ..." as written */
        if ((S.ms[m - 1].flags & DYAD_MF_POSS) && !(S.ms[m].flags & DYAD_MF_POSS))
            continue;
        if (conj) {
            S.group[m] = S.group[m - 1];
            continue;
        }
        /* a comma: join when the list goes on to an "and" or "or" */
        int closes = 0;
        for (int k = m + 1; k < S.nm && !closes; k++) {
            int a2 = mention_tok1(&S, k - 1), b2 = mention_tok0(&S, k), ok = b2 > a2, c2 = 0;
            for (int i = a2; i < b2 && ok; i++) {
                if (is(&S, i, "and") || is(&S, i, "or"))
                    c2 = 1;
                else if (!(is(&S, i, ",") || is(&S, i, "the")))
                    ok = 0;
            }
            if (!ok)
                break;
            closes = c2;
        }
        if (closes)
            S.group[m] = S.group[m - 1];
    }
    /* a headline ("India Comes Calling on Japan") or a label before a colon ("Collaborating for
     * Digital Empowerment: ...") names a subject, it does not tell an event */
    if (S.titlecase && !is(&S, n - 1, ".") && n <= 16)
        for (int i = 0; i < n; i++)
            S.used[i] = 1;
    for (int i = 1; i < n && i <= 7; i++)
        if (is(&S, i, ":")) { /* in a label, verbs are a heading's ("Collaborating for ..."), nouns may name */
            for (int k = 0; k < i; k++)
                if (word(&S, k) && (ends(&S, k, "ing") || ends(&S, k, "ed")))
                    S.used[k] = 1;
            break;
        }
    find_triggers(&S);
    /* "agreed to normalise relations", "agreed to work together": what is agreed is the content of the
     * AGREE, not an event of its own; the AGREE takes its date */
    /* the same for what is asked ("urged Germany to deliver missiles"), threatened ("threatened to
     * expel the ambassador") or refused ("refused to sign the declaration") */
    for (int k = 0; k + 1 < S.ntr; k++) {
        trig *a = &S.tr[k], *b = &S.tr[k + 1];
        int content = a->type == DYAD_EV_AGREE || a->type == DYAD_EV_REQUEST || a->type == DYAD_EV_THREATEN ||
                      a->type == DYAD_EV_REJECT;
        if (!content || !a->verbal || a->o0 >= 0 || b->clause != a->clause)
            continue;
        int to = -1;
        if (is(&S, a->t1 - 1, "to") && b->t0 <= a->t1 + 1)
            to = a->t1 - 1; /* "declined to endorse" */
        for (int i = a->t1; i < b->t0 && i <= a->t1 + 8 && to < 0; i++)
            if (is(&S, i, "to")) {
                /* "to" and the trigger, or "to" and a verb and its object ("to push forward the deal
                 * negotiations") */
                int ok = 1;
                for (int q = i + 1; q < b->t0 && ok; q++)
                    ok = word(&S, q) && !(S.tok[q].flags & DYAD__T_PUNCT);
                if (ok && b->t0 <= i + 7)
                    to = i;
                break;
            }
        if (to < 0 || (a->type == DYAD_EV_AGREE && to > a->t1))
            continue;
        b->dead = 2;
        if (a->type == DYAD_EV_AGREE) {
            a->o0 = b->t0;
            a->o1 = b->o1 > b->t1 ? b->o1 : b->t1;
        }
    }
    /* "dialogues, including the 2+2 Ministerial Meeting": a noun in a list that elaborates the trigger
     * before it is part of that event, not one of its own */
    for (int k = 1; k < S.ntr; k++) {
        trig *a = &S.tr[k - 1], *b = &S.tr[k];
        if (b->verbal || b->type != a->type || b->clause != a->clause)
            continue;
        int ae = a->o1 > a->t1 ? a->o1 : a->t1;
        for (int i = ae; i < b->t0 && i <= ae + 3; i++)
            if (is(&S, i, "including") || is(&S, i, "like") || (is(&S, i, "such") && is(&S, i + 1, "as"))) {
                b->dead = 2;
                break;
            }
    }
    party subject_here = {0};
    subject_here.m0 = -1;
    size_t first_event = doc->nevents;
    for (int k = 0; k < S.ntr; k++) {
        trig *t = &S.tr[k];
        if (t->dead == 2)
            continue;
        assign(&S, t, prev_subject);
        /* "the establishment of a dialogue" with no date and no agent names a topic, not an event */
        if (!t->dead && !t->verbal && t->o0 > t->t0 && is(&S, t->t1, "of") && governing_date(&S, t) < 0 &&
            find_by(&S, t->t1, t->clause) < 0)
            t->dead = 1;
        if (t->dead || !t->src.n || !t->tgt.n) {
            if (t->src.n && !subject_here.n)
                subject_here = t->src;
            continue;
        }
        if (!subject_here.n)
            subject_here = t->src;
        dyad_event ev;
        memset(&ev, 0, sizeof ev);
        ev.sentence = si;
        ev.start = se->start;
        ev.end = se->end;
        ev.type = (dyad_event_type)t->type;
        ev.mode = t->mode;
        if (!ev.mode && (ev.type == DYAD_EV_COOPERATE || ev.type == DYAD_EV_AID))
            ev.mode = domain_mode(&S, ev.type, t->clause);
        party_out(&S, &t->src, &ev.source);
        party_out(&S, &t->tgt, &ev.target);
        ev.trigger_start = S.tok[t->t0].s;
        ev.trigger_end = S.tok[(t->o1 > t->t1 ? t->o1 : t->t1) - 1].e;
        int x = governing_date(&S, t);
        if (x >= 0) {
            event_date(&S.tx[x], ev.date);
            ev.date_source = DYAD_DATE_TEXT;
            ev.date_start = S.tx[x].start;
            ev.date_end = S.tx[x].end;
        } else {
            long nd = past_tense(&S, t) ? narrative_date(doc, si) : -1;
            if (nd >= 0) {
                event_date(&doc->timexes[nd], ev.date);
                ev.date[4] = 0; /* the narrative dates an event to its year, no finer */
                ev.date_source = DYAD_DATE_NARRATIVE;
                ev.date_start = doc->timexes[nd].start;
                ev.date_end = doc->timexes[nd].end;
            } else if (doc->dct.year && (cues_in(&S, 0, S.n) & (1u << CUE_RECENT))) {
                snprintf(ev.date, sizeof ev.date, "%04d", doc->dct.year);
                ev.date_source = DYAD_DATE_DOCUMENT;
            }
        }
        int sub_end = t->src.m0 >= 0 && t->src.m1 > 0 ? mention_tok1(&S, t->src.m1 - 1) : -1;
        ev.status = status_of(&S, t, sub_end, ev.date_source == DYAD_DATE_TEXT ? ev.date : NULL);
        /* "..., the ministry said on Wednesday": a report dates what happened when nothing else does */
        if (ev.date_source != DYAD_DATE_TEXT && ev.status == DYAD_STATUS_HAPPENED && S.report_clause >= 0)
            for (int i = 0; i < S.n; i++)
                if (S.clause[i] == S.report_clause && S.tt[i] >= 0) {
                    char v[12];
                    event_date(&S.tx[S.tt[i]], v);
                    if (!v[0])
                        continue;
                    memcpy(ev.date, v, sizeof ev.date);
                    ev.date_source = DYAD_DATE_TEXT;
                    ev.date_start = S.tx[S.tt[i]].start;
                    ev.date_end = S.tx[S.tt[i]].end;
                    break;
                }
        char label[LABEL_MAX];
        label_of(&S, t, label, sizeof label);
        /* "India conducts a ministerial dialogue": a standing habit told in the present, with no date
         * and nothing particular named, describes the relationship; it is no event */
        if (!ev.date[0] && ev.status == DYAD_STATUS_HAPPENED && habitual(&S, t) && !specific(&S, t, label))
            continue;
        ev.label = dyad__arena_strdup(&doc->arena, label);
        if (!ev.label)
            return DYAD_NOMEM;
        /* one event per type and parties in a sentence */
        int merged = 0;
        for (size_t q = first_event; q < doc->nevents && !merged; q++) {
            dyad_event *o = &doc->events[q];
            if (o->type != ev.type || !same_actors(o, &ev))
                continue;
            if (o->date[0] && ev.date[0] && strcmp(o->date, ev.date) && o->date_source == DYAD_DATE_TEXT &&
                ev.date_source == DYAD_DATE_TEXT)
                continue; /* two dates: two events ("in 2010 and again in 2012") */
            if (!o->date[0] && ev.date[0]) {
                memcpy(o->date, ev.date, sizeof o->date);
                o->date_source = ev.date_source;
                o->date_start = ev.date_start;
                o->date_end = ev.date_end;
            }
            if (!o->mode)
                o->mode = ev.mode;
            merged = 1;
        }
        if (!merged && add_event(C, &ev))
            return DYAD_NOMEM;
        /* talks "without a breakthrough", "no agreement": an AGREE that failed, between the same parties */
        if (ev.type == DYAD_EV_CONSULT) {
            int a = t->t0, b = S.n;
            while (a > 0 && S.clause[a - 1] == t->clause)
                a--;
            while (b > t->t1 && S.clause[b - 1] != t->clause)
                b--;
            if (cues_in(&S, a, b) & (1u << CUE_NOAGREE)) {
                dyad_event f = ev;
                f.type = DYAD_EV_AGREE;
                f.mode = NULL;
                f.status = DYAD_STATUS_FAILED;
                int dup = 0;
                for (size_t q = first_event; q < doc->nevents && !dup; q++)
                    dup = doc->events[q].type == DYAD_EV_AGREE && same_actors(&doc->events[q], &f);
                if (!dup && add_event(C, &f))
                    return DYAD_NOMEM;
            }
        }
    }
    /* the subject of this sentence, for "it" in the next */
    if (!subject_here.n) {
        int g = find_subject(&S, S.n, 0);
        if (g >= 0)
            subject_here = group_party(&S, g);
    }
    if (subject_here.n) {
        subject_here.m0 = -1;
        *prev_subject = subject_here;
    }
    return 0;
}

int dyad_events_doc(dyad_ctx *ctx, dyad_doc *doc)
{
    if (doc->stage < DYAD_STAGE_ACTORS)
        return dyad__fail(ctx, DYAD_ARG, "%s: events asked for before the actors", doc->path);
    const lex *L = dyad__lex(ctx);
    if (!L)
        return dyad__fail(ctx, DYAD_NOMEM, "out of memory loading the event dictionaries");
    if (L->err)
        return dyad__fail(ctx, L->err, "%s", L->errmsg);
    const actors_dict *D = dyad__actors_dict(ctx);
    if (!D || D->err)
        return dyad__fail(ctx, D ? D->err : DYAD_NOMEM, "%s", D ? D->errmsg : "out of memory");
    free(doc->events);
    doc->events = NULL;
    doc->nevents = 0;
    coder C;
    memset(&C, 0, sizeof C);
    C.doc = doc;
    C.L = L;
    C.D = D;
    doc->text = (char *)dyad_doc_text(doc, NULL);
    party prev = {0};
    prev.m0 = -1;
    int err = 0;
    for (size_t s = 0; s < doc->nsents && !err; s++) {
        if (s && doc->sents[s].block != doc->sents[s - 1].block)
            prev.n = 0; /* "it" does not reach into another paragraph */
        err = code_sentence(&C, s, &prev);
    }
    free(C.stem);
    free(C.tm);
    free(C.tt);
    free(C.clause);
    free(C.used);
    free(C.inname);
    free(C.wc);
    free(C.cue_end);
    free(C.ent);
    free(C.nent);
    free(C.stemlen);
    free(C.irreg);
    free(C.group);
    if (err)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory coding events", doc->path);
    if (doc->stage < DYAD_STAGE_EVENTS)
        doc->stage = DYAD_STAGE_EVENTS;
    return DYAD_OK;
}

const dyad_event *dyad_doc_events(const dyad_doc *doc, size_t *n)
{
    if (n)
        *n = doc->nevents;
    return doc->events;
}

int dyad_events_load(dyad_ctx *ctx)
{
    const lex *L = dyad__lex(ctx);
    if (!L)
        return dyad__fail(ctx, DYAD_NOMEM, "out of memory loading the event dictionaries");
    if (L->err)
        return dyad__fail(ctx, L->err, "%s", L->errmsg);
    return DYAD_OK;
}
