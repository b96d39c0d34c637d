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

#include "events/sent.h"

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
        dyad__ev_event_date(x, v);
        if (v[0])
            best = (long)i;
    }
    return best;
}

static int past_tense(const sent *S, const trig *t)
{
    int h = t->t0;
    if (t->verbal) {
        /* "has criticised": the present perfect tells a state up to now, not a past told in order */
        for (int i = h - 1; i >= 0 && i >= h - 3; i--) {
            if (is(S, i, "has") || is(S, i, "have"))
                return 0;
            if (!(ends(S, i, "ly") || is(S, i, "also") || is(S, i, "long") || is(S, i, "repeatedly")))
                break;
        }
        return dyad__ev_participle(S, h) && !dyad__ev_is_be_before(S, h) ? 1 : ends(S, h, "ed");
    }
    for (int i = h - 1; i >= 0 && i >= h - 6; i--)
        if (is(S, i, "was") || is(S, i, "were") || is(S, i, "had") || (ends(S, i, "ed") && verbish(S, i)))
            return 1;
    for (int i = t->t1; i < S->n && i < t->t1 + 6; i++)
        if (is(S, i, "was") || is(S, i, "were") || (ends(S, i, "ed") && verbish(S, i)))
            return 1;
    return 0;
}

/* Is every code of p a member of the one group that is q? */
static int own_group(const actors_dict *D, const party *p, const party *q)
{
    if (q->n != 1 || !p->n || q->codes[0] < 0 || !D->codes[q->codes[0]].group)
        return 0;
    const acode *g = &D->codes[q->codes[0]];
    if (g->universal)
        return 1;
    for (int i = 0; i < p->n; i++) {
        int in = 0;
        for (uint32_t k = 0; k < g->nm && !in; k++)
            in = (int32_t)D->members[g->m0 + k] == p->codes[i];
        if (!in)
            return 0;
    }
    return 1;
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
                rep = C->L->ents[c[k]].sec == LS_REPORT && dyad__ev_phrase_at(&S, &C->L->words[C->L->ents[c[k]].w0], C->L->ents[c[k]].nw, j);
            if (rep && n - j > 10)
                rep = 0; /* a report ends the sentence: ", X said last month." */
            if (rep) {
                int bump = S.clause[n - 1] + 1, was = S.clause[i];
                S.report_clause = bump;
                for (int k = i; k < n && S.clause[k] == was; k++)
                    S.clause[k] = bump;
                break;
            }
            if (verb_like(&S, j))
                break;
        }
    }
    dyad__ev_find_cues(&S);
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
            /* ", and" after a party that is no list's member starts a clause ("... on Tehran, and the
             * Nigerian senate called on Ghana"); in "Russia, France, and the US" it closes the list */
            if (!(comma && S.group[m - 1] == m - 1))
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
    dyad__ev_find_triggers(&S);
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
        dyad__ev_assign(&S, t, prev_subject);
        /* "the establishment of a dialogue" with no date and no agent names a topic, not an event */
        if (!t->dead && !t->verbal && t->o0 > t->t0 && is(&S, t->t1, "of") && dyad__ev_governing_date(&S, t) < 0 &&
            dyad__ev_find_by(&S, t->t1, t->clause) < 0)
            t->dead = 1;
        if (t->dead || !t->src.n || !t->tgt.n) {
            if (t->src.n && !subject_here.n)
                subject_here = t->src;
            continue;
        }
        if (!subject_here.n)
            subject_here = t->src;
        /* a member meeting its own group ("the Quad summit was hosted by Biden", "Indonesia, as
         * ASEAN chair, hosted the bloc's leaders") is no contact between two parties */
        if (t->type == DYAD_EV_CONSULT && (own_group(C->D, &t->src, &t->tgt) || own_group(C->D, &t->tgt, &t->src)))
            continue;
        dyad_event ev;
        memset(&ev, 0, sizeof ev);
        ev.sentence = si;
        ev.start = se->start;
        ev.end = se->end;
        ev.type = (dyad_event_type)t->type;
        ev.mode = t->mode;
        if (!ev.mode && (ev.type == DYAD_EV_COOPERATE || ev.type == DYAD_EV_AID))
            ev.mode = dyad__ev_domain_mode(&S, ev.type, t->clause);
        else if (ev.type == DYAD_EV_CONSULT && ev.mode && !strcmp(ev.mode, "meeting") &&
                 ((t->t1 == t->t0 + 1 && is(&S, t->t0, "talks")) || (t->o0 >= 0 && is(&S, t->o1 - 1, "talks")))) {
            /* "talks" are a meeting, or a negotiation where the clause says what is bargained for
             * ("trade talks", "rounds of talks", "negotiators") */
            const char *m = dyad__ev_domain_mode(&S, ev.type, t->clause);
            if (m)
                ev.mode = m;
        }
        party_out(&S, &t->src, &ev.source);
        party_out(&S, &t->tgt, &ev.target);
        ev.trigger_start = S.tok[t->t0].s;
        ev.trigger_end = S.tok[(t->o1 > t->t1 ? t->o1 : t->t1) - 1].e;
        int x = dyad__ev_governing_date(&S, t);
        if (x >= 0) {
            dyad__ev_event_date(&S.tx[x], ev.date);
            ev.date_source = DYAD_DATE_TEXT;
            ev.date_start = S.tx[x].start;
            ev.date_end = S.tx[x].end;
        } else {
            long nd = past_tense(&S, t) ? narrative_date(doc, si) : -1;
            if (nd >= 0) {
                dyad__ev_event_date(&doc->timexes[nd], ev.date);
                ev.date[4] = 0; /* the narrative dates an event to its year, no finer */
                ev.date_source = DYAD_DATE_NARRATIVE;
                ev.date_start = doc->timexes[nd].start;
                ev.date_end = doc->timexes[nd].end;
            } else if (doc->dct.year && (dyad__ev_cues_in(&S, 0, S.n) & (1u << CUE_RECENT))) {
                snprintf(ev.date, sizeof ev.date, "%04d", doc->dct.year);
                ev.date_source = DYAD_DATE_DOCUMENT;
            }
        }
        int sub_end = t->src.m0 >= 0 && t->src.m1 > 0 ? mention_tok1(&S, t->src.m1 - 1) : -1;
        ev.status = dyad__ev_status_of(&S, t, sub_end, ev.date_source == DYAD_DATE_TEXT ? ev.date : NULL);
        /* "..., the ministry said on Wednesday": a report dates what happened when nothing else does */
        if (ev.date_source != DYAD_DATE_TEXT && ev.status == DYAD_STATUS_HAPPENED && S.report_clause >= 0)
            for (int i = 0; i < S.n; i++)
                if (S.clause[i] == S.report_clause && S.tt[i] >= 0) {
                    char v[12];
                    dyad__ev_event_date(&S.tx[S.tt[i]], v);
                    if (!v[0])
                        continue;
                    memcpy(ev.date, v, sizeof ev.date);
                    ev.date_source = DYAD_DATE_TEXT;
                    ev.date_start = S.tx[S.tt[i]].start;
                    ev.date_end = S.tx[S.tt[i]].end;
                    break;
                }
        char label[LABEL_MAX];
        dyad__ev_label_of(&S, t, label, sizeof label);
        /* "India conducts a ministerial dialogue": a standing habit told in the present, with no date
         * and nothing particular named, describes the relationship; it is no event. A stance told in
         * the present ("Washington backs ...", "Seoul rejects ...") is itself what happened, and so
         * is a meeting or an agreement stated as news in the present: only practices are habits. */
        int practice = ev.type == DYAD_EV_CONSULT || dyad_event_quad(ev.type) == DYAD_QUAD_MATERIAL_COOP ||
                       dyad_event_quad(ev.type) == DYAD_QUAD_MATERIAL_CONFLICT;
        if (practice && !ev.date[0] && ev.status == DYAD_STATUS_HAPPENED && dyad__ev_habitual(&S, t) &&
            !dyad__ev_specific(&S, t, label))
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
            if (dyad__ev_cues_in(&S, a, b) & (1u << CUE_NOAGREE)) {
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
        int g = dyad__ev_find_subject(&S, S.n, 0);
        if (g >= 0)
            subject_here = dyad__ev_group_party(&S, g);
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
    if (L->e.err)
        return dyad__fail(ctx, L->e.err, "%s", L->e.msg);
    const actors_dict *D = dyad__actors_dict(ctx);
    if (!D || D->e.err)
        return dyad__fail(ctx, D ? D->e.err : DYAD_NOMEM, "%s", D ? D->e.msg : "out of memory");
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
    if (L->e.err)
        return dyad__fail(ctx, L->e.err, "%s", L->e.msg);
    return DYAD_OK;
}
