/* events/sent.h — internal to the event coder: the sentence being coded, its triggers and parties,
 * the small word tests every step uses, and the steps' entry points. The steps follow the data's way
 * through a sentence: trigger.c finds the triggers, parties.c their source and target, attrs.c their
 * status, date, mode and label, code.c runs them over a document and owns the memory. */
#ifndef DYAD_EVENTS_SENT_H
#define DYAD_EVENTS_SENT_H

#include <stdint.h>
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

static inline const char *W(const sent *S, int i) { return S->doc->folds + S->tok[i].f; }
static inline size_t WL(const sent *S, int i) { return S->tok[i].fn; }
static inline int is_n(const sent *S, int i, const char *w, size_t n)
{
    return i >= 0 && i < S->n && WL(S, i) == n && !memcmp(W(S, i), w, n);
}
/* Is token i the word w (a string literal: its length is known when compiling)? */
#define is(S, i, w) is_n((S), (i), "" w, sizeof(w) - 1)
static inline int isin(const sent *S, int i, uint32_t cls)
{
    return i >= 0 && i < S->n && (S->wc[i] & cls);
}
static inline int word(const sent *S, int i) { return i >= 0 && i < S->n && (S->tok[i].flags & DYAD__T_WORD); }
static inline int punct(const sent *S, int i) { return i >= 0 && i < S->n && (S->tok[i].flags & DYAD__T_PUNCT); }
static inline int ends_n(const sent *S, int i, const char *suf, size_t k)
{
    size_t n = WL(S, i);
    return n > k + 1 && !memcmp(W(S, i) + n - k, suf, k);
}
/* Does token i end in suf (a string literal), with more than one letter before it? */
#define ends(S, i, suf) ends_n((S), (i), "" suf, sizeof(suf) - 1)

/* The dictionary's index of a code the actors stage gave (a pointer into the dictionary's codes). */
static inline int code_index(const sent *S, const char *code)
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
static inline int verbish(const sent *S, int i)
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
static inline int verb_like(const sent *S, int i)
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
static inline int mention_tok0(const sent *S, int m) { return (int)(S->ms[m].tok_start - S->doc->sent_tok[S->si]); }
static inline int mention_tok1(const sent *S, int m) { return (int)(S->ms[m].tok_end - S->doc->sent_tok[S->si]); }

/* ---- the steps (trigger.c, parties.c, attrs.c) ---- */

int dyad__ev_phrase_at(const sent *S, const lword *w, int k, int i);
int dyad__ev_is_be_before(const sent *S, int i);
int dyad__ev_participle(const sent *S, int i);
void dyad__ev_find_triggers(sent *S);
party dyad__ev_group_party(const sent *S, int m0);
int dyad__ev_find_subject(const sent *S, int h, int clause);
int dyad__ev_find_by(const sent *S, int a, int clause);
void dyad__ev_assign(sent *S, trig *t, const party *prev_subject);
void dyad__ev_find_cues(sent *S);
unsigned dyad__ev_cues_in(const sent *S, int a, int b);
dyad_event_status dyad__ev_status_of(const sent *S, const trig *t, int sub_end, const char *date_value);
const char *dyad__ev_domain_mode(const sent *S, int type, int clause);
void dyad__ev_event_date(const dyad_timex *x, char out[12]);
int dyad__ev_governing_date(const sent *S, const trig *t);
void dyad__ev_label_of(sent *S, const trig *t, char *out, size_t cap);
int dyad__ev_habitual(const sent *S, const trig *t);
int dyad__ev_specific(const sent *S, const trig *t, const char *label);

#endif
