/* events/parties.c — the source and target of each trigger: mentions joined into parties, subjects,
 * "by", "between", "from" and possessive parties, targets after the trigger that are not places,
 * passives, joined verbs, and the document's pair completing a mutual event. Takes the triggers of
 * trigger.c; fills each trig's src and tgt (or marks it dead). See code.c for the whole of the coder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/sent.h"

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
party dyad__ev_group_party(const sent *S, int m0)
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
int dyad__ev_find_subject(const sent *S, int h, int clause)
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
                party g = dyad__ev_group_party(S, m);
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
int dyad__ev_find_by(const sent *S, int a, int clause)
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

void dyad__ev_assign(sent *S, trig *t, const party *prev_subject)
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
        sg = dyad__ev_find_by(S, end, t->clause);
        int subj = dyad__ev_find_subject(S, h0, t->clause);
        if (subj >= 0)
            tgt = dyad__ev_group_party(S, subj);
        if (sg >= 0)
            src = dyad__ev_group_party(S, sg);
        else if (symmetric_type(t)) {
            /* "the treaty, signed in 1960, ... India and Pakistan share": a mutual act needs no agent;
             * its parties are the joint subject named in the sentence */
            for (int m = 0; m < S->nm && !src.n; m++) {
                party g = dyad__ev_group_party(S, group_start(S, m));
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
        if (t->flags & LF_REV) {
            /* "Akufo-Addo was received by Buhari": the subject is the visitor */
            party x = src;
            src = tgt;
            tgt = x;
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
                sg = dyad__ev_find_by(S, end, t->clause);
            if (sg < 0 && is(S, end, "from") && end + 1 < S->n && S->tm[end + 1] >= 0) {
                /* "criticism from Riyadh", "requests from Beijing": from whom; against the subject */
                sg = group_start(S, S->tm[end + 1]);
                int subj = dyad__ev_find_subject(S, h0, t->clause);
                for (int c = t->clause; subj < 0 && c >= 0; c--)
                    subj = dyad__ev_find_subject(S, S->n, c);
                if (subj >= 0 && S->group[subj] != S->group[sg])
                    tgt = dyad__ev_group_party(S, subj);
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
        const trig *joined = NULL;
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
                        joined = q;
                    }
                    break;
                }
            }
        }
        if (sg < 0 && !src.n) {
            sg = dyad__ev_find_subject(S, h0, t->clause);
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
            src = dyad__ev_group_party(S, sg);
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
            party sp = dyad__ev_group_party(S, sg);
            int p = before_group(S, tg);
            if (sp.n >= 2 && !(is(S, p, "with") || mention_tok0(S, tg) <= end + 1))
                tg = -1;
        }
        if (tg >= 0 && (t->flags & LF_OBJ) && mention_tok0(S, tg) > end + 2)
            tg = -1;
        /* "sent Ukraine tanks", "supplied drones to Ukraine": the recipient, not any party after */
        if (tg >= 0 && (t->flags & LF_TO) && mention_tok0(S, tg) > t->t1 + 1) {
            /* "to Ukraine", "to drought-hit Somalia", "to neighbouring Sudan" */
            int p = before_group(S, tg), skipped = 0;
            while (skipped < 5 && p > t->t1 + 1 && S->tm[p] < 0 &&
                   ((word(S, p) && !isin(S, p, PREP | DET) && !(S->tok[p].flags & DYAD__T_CAP) &&
                     ((S->tok[p - 1].flags & DYAD__T_HYPHEN) || (S->tok[p + 1].flags & DYAD__T_HYPHEN) ||
                      ends(S, p, "ing"))) ||
                    (S->tok[p].flags & DYAD__T_HYPHEN)))
                p--, skipped++;
            if (!is(S, p, "to"))
                tg = -1;
        }
        if (tg >= 0)
            tgt = dyad__ev_group_party(S, tg);
        /* "denounced it": an object pronoun stands for the target of the verb before */
        if (!tgt.n && t->verbal && (is(S, end, "it") || is(S, end, "them")))
            for (const trig *q = t - 1; q >= S->tr; q--)
                if (q->clause == t->clause && !q->dead && q->tgt.n) {
                    tgt = q->tgt;
                    break;
                }
        /* "Tokyo condemned New Delhi and froze fresh yen loans": a joined verb with no party of its
         * own acts on the verb before's target */
        if (!tgt.n && joined && joined->tgt.n)
            tgt = joined->tgt;
        /* "rejected Egypt's demand": a noun whose own party is its source acts on the clause's subject */
        if (!tgt.n && !t->verbal && sg >= 0 && src.n) {
            int subj = dyad__ev_find_subject(S, h0, t->clause);
            if (subj >= 0 && S->group[subj] != S->group[sg])
                tgt = dyad__ev_group_party(S, subj);
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
    /* "Quad leaders met in Tokyo", "its leaders held their first summit": a group alone in a mutual
     * event is its members acting together (a group of at most DYAD_PARTY_CODES members, not one
     * that takes in every country; told by a verb or dated: "ahead of the GCC summit" is no event) */
    if (symmetric_type(t) && src.n == 1 && !tgt.n && src.codes[0] >= 0 &&
        (t->verbal || t->np_date >= 0 || dyad__ev_governing_date(S, t) >= 0)) {
        const acode *g = &S->D->codes[src.codes[0]];
        if (g->group && !g->universal && g->nm >= 2 && g->nm <= DYAD_PARTY_CODES) {
            for (uint32_t k = 0; k < g->nm; k++)
                src.codes[k] = (int32_t)S->D->members[g->m0 + k];
            src.n = (int)g->nm;
        }
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
                   (t->np_date >= 0 || dyad__ev_governing_date(S, t) >= 0 || clause_has(S, t->clause, PAIR_CUES))) {
            src.codes[0] = S->pair[0];
            tgt.codes[0] = S->pair[1];
            src.n = tgt.n = 1;
        }
    }
    t->src = src;
    t->tgt = tgt;
}
