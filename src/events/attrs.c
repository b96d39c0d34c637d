/* events/attrs.c — what is said of each event besides its parties: status (cue words of
 * data/events.txt before and after the trigger), the date that governs it, the mode from domain words,
 * the label taken from the text, and whether it is a habit rather than an event. Reads a sent and its
 * triggers; writes nothing but what it returns. See code.c for the whole of the coder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/sent.h"

/* ---- status ---- */

static int cue_at(const sent *S, const lcue *c, int i)
{
    const lex *L = S->L;
    if (i + c->nw > S->n)
        return 0;
    for (int j = 0; j < c->nw; j++) {
        const lword *w = &L->words[c->w0 + j];
        if (WL(S, i + j) != w->len || memcmp(W(S, i + j), L->pool.s + w->off, w->len))
            return 0;
    }
    return 1;
}

/* For each token, where the shortest cue of each class that starts there ends (-1: none). */
void dyad__ev_find_cues(sent *S)
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
unsigned dyad__ev_cues_in(const sent *S, int a, int b)
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

dyad_event_status dyad__ev_status_of(const sent *S, const trig *t, int sub_end, const char *date_value)
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
    unsigned c = dyad__ev_cues_in(S, a, b);
    /* "would back Afghanistan's bid only if ...": a condition after a modal */
    if (dyad__ev_cues_in(S, a, b) & (1u << CUE_PLANNED))
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
        c |= dyad__ev_cues_in(S, t->t1, t->o0);
    int e = t->o1 > t->t1 ? t->o1 : t->t1;
    unsigned after = dyad__ev_cues_in(S, e, e + AFTER_FAIL < S->n ? e + AFTER_FAIL : S->n);
    if (!t->verbal) { /* a noun as subject: "the summit will be held", "the talks are likely to ..." */
        int k = e;
        while (k < S->n && k < e + 4 && !isin(S, k, BE) && !is(S, k, "will") && !is(S, k, "would"))
            k++;
        if (k < S->n && (isin(S, k, BE) || is(S, k, "will") || is(S, k, "would")))
            c |= dyad__ev_cues_in(S, k, k + 5 < S->n ? k + 5 : S->n) & ((1u << CUE_PLANNED) | (1u << CUE_HYPO));
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

/* The mode [domain] gives an event of type `type` from the words of its clause, or NULL. Where the
 * clause holds words of several entries, the entry listed first in the file wins ("$60 billion in
 * military assistance" is military, not economic), so the file orders the modes by how telling they are. */
const char *dyad__ev_domain_mode(const sent *S, int type, int clause)
{
    const lex *L = S->L;
    const lentry *best = NULL;
    for (int i = 0; i < S->n; i++) {
        if (S->clause[i] != clause || !word(S, i) || !WL(S, i))
            continue;
        size_t cnt;
        const uint32_t *c = dyad__lex_first(L, W(S, i), WL(S, i), &cnt);
        for (size_t k = 0; k < cnt; k++) {
            const lentry *e = &L->ents[c[k]];
            if (e->sec != LS_DOMAIN || e->type != type || i + e->nw > S->n || (best && e >= best))
                continue;
            int ok = 1;
            for (int j = 0; j < e->nw && ok; j++) {
                const lword *w = &L->words[e->w0 + j];
                ok = WL(S, i + j) == w->len && !memcmp(W(S, i + j), L->pool.s + w->off, w->len);
            }
            if (ok)
                best = e;
        }
    }
    return best ? dyad__lex_mode(L, best) : NULL;
}

/* ---- dates ---- */

/* A timex value as an event date at the precision it supports ("" when it is no calendar date). */
void dyad__ev_event_date(const dyad_timex *x, char out[12])
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
int dyad__ev_governing_date(const sent *S, const trig *t)
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
        /* "In July 2019 Japan tightened controls, and in August it removed ...": ", and" opens the
         * next conjunct, whose date is its own */
        if (is(S, i, ",") && (is(S, i + 1, "and") || is(S, i + 1, "but")))
            break;
        if (S->tt[i] >= 0) {
            dyad__ev_event_date(&S->tx[S->tt[i]], v);
            if (!v[0])
                continue;
            /* "next week (5-6 July)": the more precise of two dates side by side */
            int x = S->tt[i], j = i;
            while (j < S->n && S->tt[j] == x)
                j++;
            if (j < S->n && (is(S, j, "(") || is(S, j, ",")) && j + 1 < S->n && S->tt[j + 1] >= 0) {
                char v2[12];
                dyad__ev_event_date(&S->tx[S->tt[j + 1]], v2);
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
            dyad__ev_event_date(&S->tx[S->tt[i]], v);
            if (v[0])
                return S->tt[i];
        }
    }
    return -1;
}

/* ---- labels ---- */

void dyad__ev_label_of(sent *S, const trig *t, char *out, size_t cap)
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
int dyad__ev_habitual(const sent *S, const trig *t)
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
int dyad__ev_specific(const sent *S, const trig *t, const char *label)
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
