/* events/trigger.c — the triggers of a sentence: the words of data/events.txt that make an event,
 * in order of strength, each word used once: verb-object pairs of [combos]; a light verb of
 * [governors] and the noun of [objects] it governs (or a passive: "the agreement was signed");
 * [verbs]; [nouns]; and [objects] that a date modifies ("the 2011 CEPA"). Takes a sent with its
 * per-token arrays filled (code.c); gives S->tr[0..ntr). See code.c for the whole of the coder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/sent.h"

/* ---- matching words of the dictionary ---- */

static int word_matches(const sent *S, const lex *L, const lword *w, int i)
{
    if (i >= S->n)
        return 0;
    if (w->stem)
        return S->stemlen[i] == w->len && !memcmp(S->stem[i], L->pool.s + w->off, w->len);
    return WL(S, i) == w->len && !memcmp(W(S, i), L->pool.s + w->off, w->len);
}

/* Words [i, i + k) match words w[0..k) (each word one token). */
int dyad__ev_phrase_at(const sent *S, const lword *w, int k, int i)
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
    /* a capitalised word standing alone inside a sentence is a name ("ordered Shell to cut", "the
     * Fire Brigade" is caught as a name's inner word elsewhere): no trigger */
    if (i > 0 && !S->titlecase && (S->tok[i].flags & DYAD__T_CAP) && !(S->tok[i].flags & DYAD__T_UPPER) &&
        !(S->tok[i - 1].flags & (DYAD__T_CAP | DYAD__T_PUNCT)) &&
        !(i + 1 < S->n && (S->tok[i + 1].flags & DYAD__T_CAP)))
        return 0;
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
        if ((e->sec == LS_NOUN || e->sec == LS_OBJECT) && dyad__ev_phrase_at(S, &S->L->words[e->w0], e->nw, j))
            return 1;
    }
    return 0;
}

/* Does the singular word j modify a plain lower-case noun after it ("control list")? The word after is
 * no grammar word, no name, no number and has no verb or adverb ending. */
static int compound_head(const sent *S, int j)
{
    int k = j + 1;
    if (k >= S->n || !word(S, k) || S->tm[k] >= 0 || S->tt[k] >= 0 || S->wc[k] || ends(S, j, "s") ||
        (S->tok[k].flags & (DYAD__T_CAP | DYAD__T_NUM)) || (S->tok[j].flags & DYAD__T_CAP))
        return 0;
    return !(ends(S, k, "ed") || ends(S, k, "ing") || ends(S, k, "ly") || ends(S, k, "s") || verbish(S, k));
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
        if (e->sec == LS_COMBO && dyad__ev_phrase_at(S, &S->L->words[e->w0], e->nw, gi) &&
            dyad__ev_phrase_at(S, &S->L->words[e->w0 + e->nw], e->nw2, oj))
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

int dyad__ev_is_be_before(const sent *S, int i)
{
    int p = i - 1;
    while (p >= 0 && (ends(S, p, "ly") || is(S, p, "also") || is(S, p, "not") || is(S, p, "jointly")))
        p--;
    return isin(S, p, BE);
}

int dyad__ev_participle(const sent *S, int i)
{
    return ends(S, i, "ed") || ends(S, i, "en") || S->irreg[i];
}

/* Entries of a section whose first word is the stem at i. */
static const uint32_t *entries(const sent *S, int i, size_t *cnt)
{
    *cnt = S->nent[i];
    return S->ent[i];
}

/* The end of the light verb of [governors] that starts at word i, or -1. */
static int governor_end(const sent *S, int i)
{
    size_t gc;
    const uint32_t *g = entries(S, i, &gc);
    for (size_t q = 0; q < gc; q++) {
        const lentry *ge = &S->L->ents[g[q]];
        if (ge->sec == LS_GOVERNOR && dyad__ev_phrase_at(S, &S->L->words[ge->w0], ge->nw, i))
            return i + ge->nw;
    }
    return -1;
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

void dyad__ev_find_triggers(sent *S)
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
            if (e->sec != LS_COMBO || !dyad__ev_phrase_at(S, &L->words[e->w0], e->nw, i))
                continue;
            const lword *ow = &L->words[e->w0 + e->nw];
            int found = -1;
            for (int j = i + e->nw; j < S->n && j <= i + e->nw + COMBO_REACH; j++) {
                if (S->clause[j] != S->clause[i])
                    break;
                if (best_j >= 0 && j >= best_j && best_j > i)
                    break;
                if (dyad__ev_phrase_at(S, ow, e->nw2, j)) {
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
                        compound = dyad__ev_phrase_at(S, ow, e->nw2, q);
                    if (!compound)
                        break;
                }
            }
            /* passive: "the sanctions were lifted" */
            if (found < 0 && dyad__ev_participle(S, i) && dyad__ev_is_be_before(S, i))
                for (int j = i - 2; j >= 0 && j >= i - 6; j--)
                    if (dyad__ev_phrase_at(S, ow, e->nw2, j)) {
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
        int gov_end = governor_end(S, i);
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
                if (o->sec == LS_OBJECT && dyad__ev_phrase_at(S, &L->words[o->w0], o->nw, j) && !modifies_next(S, j + o->nw)) {
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
            if (o->sec != LS_OBJECT || !dyad__ev_phrase_at(S, &L->words[o->w0], o->nw, j))
                continue;
            int i = j + o->nw;
            if (is(S, i, ","))
                i++;
            while (i < S->n && (isin(S, i, BE) || ends(S, i, "ly") || is(S, i, "also") || is(S, i, "jointly")))
                i++;
            if (!(i < S->n && !skip_word(S, i) && dyad__ev_participle(S, i) && (dyad__ev_is_be_before(S, i) || is(S, i - 1, ","))))
                break;
            int gov_end = governor_end(S, i);
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
                if (!dyad__ev_phrase_at(S, &L->words[e->w0], e->nw, i))
                    continue;
                /* "its export control list", "the embargo period": a singular event noun before a
                 * plain lower-case noun only modifies it */
                if (e->sec == LS_NOUN && compound_head(S, i + e->nw - 1))
                    continue;
                best = e;
            }
            if (!best)
                continue;
            trig *t = new_trig(S, i, i + best->nw, best);
            if (!t)
                return;
            t->verbal = best->sec == LS_VERB && vb;
            /* "was welcomed by", and the reduced relative "a ruling welcomed by Nigerian communities" */
            t->passive = t->verbal && dyad__ev_participle(S, i) &&
                         (dyad__ev_is_be_before(S, i) || (is(S, i + best->nw, "by") && i > 0 && !isin(S, i - 1, AUX) &&
                                                          !(S->tok[i - 1].flags & DYAD__T_WORD && S->tm[i - 1] >= 0)));
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
            if (o->sec != LS_OBJECT || !dyad__ev_phrase_at(S, &L->words[o->w0], o->nw, j) || modifies_next(S, j + o->nw))
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
