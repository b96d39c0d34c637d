/* events/lex.c — reading data/events.txt (and a user's events-*.txt) into the coder's dictionary.
 * The format is documented at the top of data/events.txt. Every word of [verbs], [nouns], [objects],
 * [governors] and [combos] is stemmed here with the Snowball English stemmer (the first word of a
 * verb phrase and every word of a noun phrase; a verb's particles stay as written), so the coder
 * compares stems. Errors name the file and line.
 */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/events_int.h"

static const char *const section_names[] = {"verbs", "nouns", "objects", "governors", "combos", "irregular",
                                            "planned", "failed", "failed-after", "hypothetical", "recent",
                                            "clause", "locative", "generic", "no-agreement", "reporting", "domain", NULL};
enum { S_VERBS, S_NOUNS, S_OBJECTS, S_GOV, S_COMBOS, S_IRREG, S_PLANNED, S_FAILED, S_FAILED_AFTER, S_HYPO,
       S_RECENT, S_CLAUSE, S_LOCATIVE, S_GENERIC, S_NOAGREE, S_REPORT, S_DOMAIN, S_NONE = -1 };

#define LEX_LINE_MAX 8192
#define LEX_PHRASE_WORDS 8

typedef struct loader {
    lex *L;
    const char *where;
    uint32_t file;
    size_t line;
} loader;

static int fail(loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(loader *ld, const char *fmt, ...)
{
    lex *L = ld->L;
    if (L->err)
        return L->err;
    int k = snprintf(L->errmsg, sizeof L->errmsg, "%s:%zu: ", ld->where, ld->line);
    va_list ap;
    va_start(ap, fmt);
    if (k > 0 && (size_t)k < sizeof L->errmsg)
        vsnprintf(L->errmsg + k, sizeof L->errmsg - (size_t)k, fmt, ap);
    va_end(ap);
    L->err = DYAD_DICT;
    return L->err;
}

static int oom(loader *ld)
{
    if (!ld->L->err) {
        snprintf(ld->L->errmsg, sizeof ld->L->errmsg, "out of memory loading the event dictionaries");
        ld->L->err = DYAD_NOMEM;
    }
    return ld->L->err;
}

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 256;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int pool_add(loader *ld, const char *s, size_t n, uint32_t *off)
{
    lex *L = ld->L;
    if (L->pool_len + n + 1 > L->pool_cap) {
        size_t c = L->pool_cap ? L->pool_cap * 2 : 16384;
        while (c < L->pool_len + n + 1)
            c *= 2;
        char *p = realloc(L->pool, c);
        if (!p)
            return oom(ld);
        L->pool = p;
        L->pool_cap = c;
    }
    memcpy(L->pool + L->pool_len, s, n);
    L->pool[L->pool_len + n] = 0;
    *off = (uint32_t)L->pool_len;
    L->pool_len += n + 1;
    return 0;
}

size_t dyad__lex_stem(const lex *L, const char *w, size_t n, char *out)
{
    if (!n || n >= LEX_STEM_MAX) {
        size_t k = n < LEX_STEM_MAX ? n : LEX_STEM_MAX - 1;
        memcpy(out, w, k);
        out[k] = 0;
        return k;
    }
    uint64_t h = dyad__hash(w, n);
    lcache *c = &L->cache[h & (LEX_CACHE - 1)];
    if (c->h == h && !strncmp(c->word, w, n) && !c->word[n]) {
        size_t k = strlen(c->stem);
        memcpy(out, c->stem, k + 1);
        return k;
    }
    /* an irregular form: its lemma */
    const char *src = w;
    size_t sn = n;
    if (dyad__strset_has(&L->irregular_forms, w, n)) {
        for (size_t i = 0; i < L->irregular_len;) {
            const char *f = L->irregular + i;
            size_t fl = strlen(f);
            const char *lm = f + fl + 1;
            size_t ll = strlen(lm);
            if (fl == n && !memcmp(f, w, n)) {
                src = lm;
                sn = ll;
                break;
            }
            i += fl + ll + 2;
        }
    }
    const sb_symbol *r = sb_stemmer_stem(L->stemmer, (const sb_symbol *)src, (int)sn);
    size_t k = r ? (size_t)sb_stemmer_length(L->stemmer) : sn;
    if (!r)
        r = (const sb_symbol *)src;
    if (k >= LEX_STEM_MAX)
        k = LEX_STEM_MAX - 1;
    memcpy(out, r, k);
    out[k] = 0;
    c->h = h;
    memcpy(c->word, w, n);
    c->word[n] = 0;
    memcpy(c->stem, out, k + 1);
    return k;
}

/* Folds a phrase into words and adds them (stemmed where asked); *nw gets the count. */
static int add_words(loader *ld, const char *s, size_t n, int stem_mode, uint8_t *nw, uint8_t *flags_out)
{
    /* stem_mode: 0 none, 1 the first word only, 2 every word */
    lex *L = ld->L;
    dyad__tok tok[LEX_PHRASE_WORDS + 1];
    const char *slash = memchr(s, '/', n);
    uint8_t flags = 0;
    size_t pn = n;
    if (slash) {
        pn = (size_t)(slash - s);
        const char *f = slash + 1, *fe = s + n;
        while (f < fe) {
            const char *nx = memchr(f, '/', (size_t)(fe - f));
            size_t k = nx ? (size_t)(nx - f) : (size_t)(fe - f);
            if (k == 3 && !memcmp(f, "rev", 3)) flags |= LF_REV;
            else if (k == 4 && !memcmp(f, "noun", 4)) flags |= LF_NOUN;
            else if (k == 4 && !memcmp(f, "verb", 4)) flags |= LF_VERB;
            else if (k == 3 && !memcmp(f, "sym", 3)) flags |= LF_SYM;
            else if (k == 3 && !memcmp(f, "obj", 3)) flags |= LF_OBJ;
            else if (k == 2 && !memcmp(f, "to", 2)) flags |= LF_TO;
            else
                return fail(ld, "unknown flag '/%.*s' (rev, noun, verb, sym, obj, to)", (int)k, f);
            f += k + (nx ? 1 : 0);
        }
    }
    size_t nt = dyad__tokenize(s, 0, pn, tok, LEX_PHRASE_WORDS + 1);
    if (!nt)
        return fail(ld, "empty phrase");
    if (nt > LEX_PHRASE_WORDS)
        return fail(ld, "phrase of more than %d words", LEX_PHRASE_WORDS);
    for (size_t i = 0; i < nt; i++) {
        char f[256], st[LEX_STEM_MAX];
        size_t k = dyad__tok_fold(s, &tok[i], f, sizeof f);
        if (!k)
            return fail(ld, "word too long");
        int do_stem = stem_mode == 2 || (stem_mode == 1 && i == 0);
        const char *w = f;
        if (do_stem && (tok[i].flags & DYAD__T_WORD)) {
            k = dyad__lex_stem(L, f, k, st);
            w = st;
        }
        if (grow((void **)&L->words, &L->cap_words, L->nwords, sizeof *L->words))
            return oom(ld);
        lword *lw = &L->words[L->nwords];
        if (pool_add(ld, w, k, &lw->off))
            return L->err;
        lw->len = (uint16_t)k;
        lw->stem = (uint8_t)(do_stem && (tok[i].flags & DYAD__T_WORD));
        lw->flags = 0;
        L->nwords++;
    }
    *nw = (uint8_t)nt;
    if (flags_out)
        *flags_out |= flags;
    return 0;
}

static int mode_index(loader *ld, const char *s, size_t n, int *flags)
{
    lex *L = ld->L;
    const char *slash = memchr(s, '/', n);
    size_t mn = slash ? (size_t)(slash - s) : n;
    *flags = 0;
    if (slash) {
        const char *f = slash + 1, *fe = s + n;
        while (f < fe) {
            const char *nx = memchr(f, '/', (size_t)(fe - f));
            size_t k = nx ? (size_t)(nx - f) : (size_t)(fe - f);
            if (k == 3 && !memcmp(f, "rev", 3)) *flags |= LF_REV;
            else if (k == 4 && !memcmp(f, "noun", 4)) *flags |= LF_NOUN;
            else if (k == 4 && !memcmp(f, "verb", 4)) *flags |= LF_VERB;
            else if (k == 3 && !memcmp(f, "sym", 3)) *flags |= LF_SYM;
            else if (k == 3 && !memcmp(f, "obj", 3)) *flags |= LF_OBJ;
            else if (k == 2 && !memcmp(f, "to", 2)) *flags |= LF_TO;
            else {
                fail(ld, "unknown flag '/%.*s' (rev, noun, verb, sym, obj, to)", (int)k, f);
                return -2;
            }
            f += k + (nx ? 1 : 0);
        }
    }
    if (mn == 1 && s[0] == '-')
        return -1;
    for (int i = 0; i < L->nmodes; i++)
        if (strlen(L->pool + L->mode_off[i]) == mn && !memcmp(L->pool + L->mode_off[i], s, mn))
            return i;
    if (L->nmodes == LEX_MODES) {
        fail(ld, "more than %d modes", LEX_MODES);
        return -2;
    }
    uint32_t off;
    if (pool_add(ld, s, mn, &off))
        return -2;
    L->mode_off[L->nmodes] = off;
    return L->nmodes++;
}

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

/* Calls each(ld, phrase, len) for every '|'-separated phrase of s[0..n). */
static int each_phrase(loader *ld, const char *s, size_t n, int (*each)(loader *, const char *, size_t, void *),
                       void *ud)
{
    if (!n)
        return fail(ld, "no words");
    while (n) {
        const char *bar = memchr(s, '|', n);
        size_t k = bar ? (size_t)(bar - s) : n;
        const char *a = s, *b = s + k;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (a == b)
            return fail(ld, "empty phrase between '|'");
        int r = each(ld, a, (size_t)(b - a), ud);
        if (r)
            return r;
        if (!bar)
            break;
        n -= k + 1;
        s = bar + 1;
    }
    return 0;
}

typedef struct entry_ctx {
    int sec, type, mode, flags;
} entry_ctx;

static int add_entry(loader *ld, const char *s, size_t n, void *ud)
{
    entry_ctx *E = ud;
    lex *L = ld->L;
    if (grow((void **)&L->ents, &L->cap_ents, L->nents, sizeof *L->ents))
        return oom(ld);
    lentry *e = &L->ents[L->nents];
    memset(e, 0, sizeof *e);
    e->type = (uint8_t)(E->type < 0 ? 0 : E->type);
    e->mode = (int16_t)E->mode;
    e->flags = (uint8_t)E->flags;
    e->w0 = (uint32_t)L->nwords;
    e->line = (uint32_t)ld->line;
    e->file = ld->file;
    int r;
    switch (E->sec) {
    case S_VERBS: e->sec = LS_VERB; r = add_words(ld, s, n, 1, &e->nw, &e->flags); break;
    case S_REPORT: e->sec = LS_REPORT; r = add_words(ld, s, n, 1, &e->nw, &e->flags); break;
    case S_DOMAIN: e->sec = LS_DOMAIN; r = add_words(ld, s, n, 0, &e->nw, &e->flags); break;
    case S_GOV: e->sec = LS_GOVERNOR; r = add_words(ld, s, n, 1, &e->nw, &e->flags); break;
    case S_NOUNS: e->sec = LS_NOUN; r = add_words(ld, s, n, 2, &e->nw, &e->flags); break;
    case S_OBJECTS: e->sec = LS_OBJECT; r = add_words(ld, s, n, 2, &e->nw, &e->flags); break;
    default: { /* combos: "verb + object" */
        e->sec = LS_COMBO;
        const char *plus = NULL;
        for (size_t i = 0; i + 2 < n && !plus; i++)
            if (s[i] == ' ' && s[i + 1] == '+' && s[i + 2] == ' ')
                plus = s + i;
        if (!plus)
            return fail(ld, "a combination is 'verb + object'");
        r = add_words(ld, s, (size_t)(plus - s), 1, &e->nw, &e->flags);
        if (!r) {
            const char *o = plus + 3;
            while (o < s + n && *o == ' ')
                o++;
            r = add_words(ld, o, (size_t)(s + n - o), 2, &e->nw2, &e->flags);
        }
    }
    }
    if (r)
        return r;
    L->nents++;
    return 0;
}

static int add_cue(loader *ld, const char *s, size_t n, void *ud)
{
    lex *L = ld->L;
    if (grow((void **)&L->cues, &L->cap_cues, L->ncues, sizeof *L->cues))
        return oom(ld);
    lcue *c = &L->cues[L->ncues];
    c->cls = (uint8_t)(uintptr_t)ud;
    c->w0 = (uint32_t)L->nwords;
    int r = add_words(ld, s, n, 0, &c->nw, NULL);
    if (r)
        return r;
    L->ncues++;
    return 0;
}

/* ---- closed-class words ---- */

static const char *const DET[] = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her",
                                  "our", "my", "your", "every", "each", "any", "some", "no", "such", "another",
                                  "first", "second", "third", "latest", "recent", "new", "annual", "regular",
                                  "several", "many", "further", "fresh", "two", "three", NULL};
static const char *const AUX[] = {"to", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
                                  "not", "n't", "has", "have", "had", "did", "does", "do", "is", "are", "was",
                                  "were", "be", "been", "being", "he", "she", "it", "they", "we", "i", "you",
                                  "who", "which", "also", "jointly", "later", "then", "never", "already",
                                  "recently", "eventually", "finally", "once", "strongly", "repeatedly", NULL};
static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", NULL};
static const char *const PREP[] = {"in", "at", "on", "to", "from", "with", "for", "by", "of", "about", "against",
                                   "toward", "towards", "into", "onto", "over", "under", "between", "among",
                                   "amongst", "after", "before", "during", "since", "until", "through", "across",
                                   "like", "including", "than", "as", "via", "within", "without", "near", "behind",
                                   "beyond", "despite", "upon", "amid", "per", "vs", "versus", "unlike", "outside",
                                   "inside", "throughout", "around", "along", "beside", "besides", "except",
                                   "regarding", "concerning", "following", NULL};
static const char *const PRONOUN_SUBJ[] = {"it", "he", "she", NULL};
static const char *const PAIR_CUES[] = {"bilateral", "jointly", "together", "mutual", "mutually", "each", "both",
                                        "two", "their", "counterpart", "counterparts", NULL};
static const char *const SUBORD[] = {"as", "after", "before", "since", "until", "once", "because", "when", NULL};
static const char *const RECIPROCAL[] = {"each", "one", NULL};
static const char *const AUXV[] = {"will", "would", "shall", "should", "has", "have", "had", "did", "does", "do",
                                   "was", "were", "is", "are", "be", "been", "to", "can", "could", "may", "might",
                                   "must", "not", "'ll", "n't", NULL};

static int class_add(lex *L, const char *w, size_t n, uint32_t bits)
{
    if ((L->nwclass + 1) * 2 > L->cap_wclass) {
        size_t cap = L->cap_wclass ? L->cap_wclass * 2 : 512;
        struct lwclass *t = calloc(cap, sizeof *t);
        if (!t)
            return DYAD_NOMEM;
        for (size_t i = 0; i < L->cap_wclass; i++) {
            if (!L->wclass[i].off)
                continue;
            size_t h = dyad__hash(L->pool + L->wclass[i].off - 1, L->wclass[i].len) & (cap - 1);
            while (t[h].off)
                h = (h + 1) & (cap - 1);
            t[h] = L->wclass[i];
        }
        free(L->wclass);
        L->wclass = t;
        L->cap_wclass = cap;
    }
    size_t h = dyad__hash(w, n) & (L->cap_wclass - 1);
    while (L->wclass[h].off) {
        if (L->wclass[h].len == n && !memcmp(L->pool + L->wclass[h].off - 1, w, n)) {
            L->wclass[h].bits |= bits;
            return 0;
        }
        h = (h + 1) & (L->cap_wclass - 1);
    }
    loader ld = {L, "word classes", 0, 0};
    uint32_t off;
    if (pool_add(&ld, w, n, &off))
        return DYAD_NOMEM;
    L->wclass[h].off = off + 1;
    L->wclass[h].len = (uint32_t)n;
    L->wclass[h].bits = bits;
    L->nwclass++;
    return 0;
}

uint32_t dyad__lex_wclass(const lex *L, const char *w, size_t n)
{
    if (!L->cap_wclass)
        return 0;
    size_t h = dyad__hash(w, n) & (L->cap_wclass - 1);
    while (L->wclass[h].off) {
        if (L->wclass[h].len == n && !memcmp(L->pool + L->wclass[h].off - 1, w, n))
            return L->wclass[h].bits;
        h = (h + 1) & (L->cap_wclass - 1);
    }
    return 0;
}

static int add_class(loader *ld, const char *s, size_t n, void *ud)
{
    char f[256];
    size_t k = dyad__fold_word(s, n, f, sizeof f);
    if (!k)
        return fail(ld, "word too long");
    if (class_add(ld->L, f, k, (uint32_t)(uintptr_t)ud))
        return oom(ld);
    return 0;
}

static int add_grammar(lex *L)
{
    static const struct {
        const char *const *list;
        uint32_t bits;
    } g[] = {{DET, WC_DET},       {AUX, WC_AUX},       {BE, WC_BE},           {PREP, WC_PREP},
             {PRONOUN_SUBJ, WC_PRONSUBJ}, {PAIR_CUES, WC_PAIRCUE}, {SUBORD, WC_SUBORD}, {RECIPROCAL, WC_RECIP},
             {AUXV, WC_AUXV}};
    for (size_t k = 0; k < sizeof g / sizeof g[0]; k++)
        for (int i = 0; g[k].list[i]; i++)
            if (class_add(L, g[k].list[i], strlen(g[k].list[i]), g[k].bits))
                return DYAD_NOMEM;
    return 0;
}

/* cues by their first word */
static int build_cues(lex *L)
{
    L->ncue_slots = 16;
    while (L->ncue_slots < L->ncues * 2)
        L->ncue_slots *= 2;
    L->cue_slot = calloc(L->ncue_slots, sizeof *L->cue_slot);
    L->cue_next = calloc(L->ncues ? L->ncues : 1, sizeof *L->cue_next);
    if (!L->cue_slot || !L->cue_next)
        return DYAD_NOMEM;
    for (size_t i = L->ncues; i-- > 0;) {
        const lword *w = &L->words[L->cues[i].w0];
        size_t h = dyad__hash(L->pool + w->off, w->len) & (L->ncue_slots - 1);
        for (;;) {
            uint32_t c = L->cue_slot[h];
            if (!c) {
                L->cue_slot[h] = (uint32_t)i + 1;
                break;
            }
            const lword *cw = &L->words[L->cues[c - 1].w0];
            if (cw->len == w->len && !memcmp(L->pool + cw->off, L->pool + w->off, w->len)) {
                L->cue_next[i] = c; /* prepend: the chain keeps file order */
                L->cue_slot[h] = (uint32_t)i + 1;
                break;
            }
            h = (h + 1) & (L->ncue_slots - 1);
        }
    }
    return 0;
}

uint32_t dyad__lex_cue_first(const lex *L, const char *w, size_t n)
{
    if (!L->ncue_slots)
        return 0;
    size_t h = dyad__hash(w, n) & (L->ncue_slots - 1);
    while (L->cue_slot[h]) {
        const lword *cw = &L->words[L->cues[L->cue_slot[h] - 1].w0];
        if (cw->len == n && !memcmp(L->pool + cw->off, w, n))
            return L->cue_slot[h];
        h = (h + 1) & (L->ncue_slots - 1);
    }
    return 0;
}

static int add_irregular(loader *ld, const char *s, size_t n, void *ud)
{
    (void)ud;
    lex *L = ld->L;
    const char *p = s, *end = s + n, *form, *lemma, *extra;
    size_t fn, ln, xn;
    if (!field(&p, end, &form, &fn) || !field(&p, end, &lemma, &ln) || field(&p, end, &extra, &xn))
        return fail(ld, "an irregular entry is 'FORM LEMMA'");
    char f[64], l[64];
    size_t fk = dyad__fold_word(form, fn, f, sizeof f), lk = dyad__fold_word(lemma, ln, l, sizeof l);
    if (!fk || !lk)
        return fail(ld, "word too long");
    if (dyad__strset_has(&L->irregular_forms, f, fk))
        return 0;
    if (dyad__strset_add(&L->irregular_forms, f, fk))
        return oom(ld);
    char *nb = realloc(L->irregular, L->irregular_len + fk + lk + 2);
    if (!nb)
        return oom(ld);
    L->irregular = nb;
    memcpy(nb + L->irregular_len, f, fk + 1);
    memcpy(nb + L->irregular_len + fk + 1, l, lk + 1);
    L->irregular_len += fk + lk + 2;
    return 0;
}

static int line_entry(loader *ld, int sec, const char *s, const char *end)
{
    lex *L = ld->L;
    const char *f;
    size_t n;
    switch (sec) {
    case S_NONE:
        return fail(ld, "entry before any [section]");
    case S_VERBS:
    case S_NOUNS:
    case S_OBJECTS:
    case S_DOMAIN:
    case S_COMBOS: {
        entry_ctx E = {sec, -1, -1, 0};
        if (!field(&s, end, &f, &n))
            return fail(ld, "missing TYPE");
        char t[16];
        if (n >= sizeof t || (memcpy(t, f, n), t[n] = 0, (E.type = dyad_event_type_parse(t)) < 0))
            return fail(ld, "unknown TYPE '%.*s' (one of the 16 PLOVER types)", (int)n, f);
        if (!field(&s, end, &f, &n))
            return fail(ld, "missing MODE ('-' for none)");
        E.mode = mode_index(ld, f, n, &E.flags);
        if (E.mode == -2)
            return L->err ? L->err : oom(ld);
        return each_phrase(ld, s, (size_t)(end - s), add_entry, &E);
    }
    case S_REPORT:
    case S_GOV: {
        entry_ctx E = {sec, -1, -1, 0};
        return each_phrase(ld, s, (size_t)(end - s), add_entry, &E);
    }
    case S_IRREG:
        return each_phrase(ld, s, (size_t)(end - s), add_irregular, NULL);
    case S_PLANNED: return each_phrase(ld, s, (size_t)(end - s), add_cue, (void *)(uintptr_t)CUE_PLANNED);
    case S_FAILED: return each_phrase(ld, s, (size_t)(end - s), add_cue, (void *)(uintptr_t)CUE_FAILED);
    case S_FAILED_AFTER: return each_phrase(ld, s, (size_t)(end - s), add_cue, (void *)(uintptr_t)CUE_FAILED_AFTER);
    case S_HYPO: return each_phrase(ld, s, (size_t)(end - s), add_cue, (void *)(uintptr_t)CUE_HYPO);
    case S_RECENT: return each_phrase(ld, s, (size_t)(end - s), add_cue, (void *)(uintptr_t)CUE_RECENT);
    case S_NOAGREE: return each_phrase(ld, s, (size_t)(end - s), add_cue, (void *)(uintptr_t)CUE_NOAGREE);
    case S_CLAUSE: return each_phrase(ld, s, (size_t)(end - s), add_class, (void *)(uintptr_t)WC_CLAUSE);
    case S_LOCATIVE: return each_phrase(ld, s, (size_t)(end - s), add_class, (void *)(uintptr_t)WC_LOC);
    case S_GENERIC: return 0; /* read by the fusion stage (data/fuse.txt); ignored here */
    }
    return 0;
}

static int load_file(lex *L, const dyad_ctx *ctx, const char *name)
{
    size_t len = 0;
    const char *txt = dyad__data(ctx, name, &len);
    if (!txt || L->nfiles == sizeof L->files / sizeof L->files[0])
        return 0;
    const char *where = dyad__data_where(ctx, name);
    char label[1024];
    snprintf(label, sizeof label, strcmp(where, "built-in") ? "%s" : "built-in %s", strcmp(where, "built-in") ? where : name);
    L->files[L->nfiles] = strdup(label);
    loader ld = {L, L->files[L->nfiles] ? L->files[L->nfiles] : name, (uint32_t)L->nfiles, 0};
    if (!L->files[L->nfiles])
        return oom(&ld);
    L->nfiles++;
    int sec = S_NONE;
    const char *p = txt, *end = txt + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e = nl ? nl : end;
        p = nl ? nl + 1 : end;
        ld.line++;
        if ((size_t)(e - s) > LEX_LINE_MAX)
            return fail(&ld, "line longer than %d bytes", LEX_LINE_MAX);
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (s == e || *s == '#')
            continue;
        if (dyad__utf8_check(s, (size_t)(e - s)) != (size_t)(e - s))
            return fail(&ld, "invalid UTF-8");
        if (*s == '[') {
            if (e[-1] != ']')
                return fail(&ld, "a section line is [name]");
            sec = S_NONE;
            for (int k = 0; section_names[k]; k++)
                if (strlen(section_names[k]) == (size_t)(e - s - 2) && !memcmp(section_names[k], s + 1, (size_t)(e - s - 2)))
                    sec = k;
            if (sec == S_NONE)
                return fail(&ld, "unknown section [%.*s]", (int)(e - s - 2), s + 1);
            continue;
        }
        int r = line_entry(&ld, sec, s, e);
        if (r)
            return r;
    }
    return 0;
}

static int cmp_ents(const void *a, const void *b, void *ud)
{
    const lex *L = ud;
    const lentry *x = &L->ents[*(const uint32_t *)a], *y = &L->ents[*(const uint32_t *)b];
    int c = strcmp(L->pool + L->words[x->w0].off, L->pool + L->words[y->w0].off);
    if (c)
        return c;
    int lx = x->nw + x->nw2, ly = y->nw + y->nw2;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static int build(lex *L)
{
    loader ld = {L, "event dictionaries", 0, 0};
    L->order = malloc((L->nents ? L->nents : 1) * sizeof *L->order);
    L->firsts = malloc((L->nents ? L->nents : 1) * sizeof *L->firsts);
    if (!L->order || !L->firsts)
        return oom(&ld);
    for (size_t i = 0; i < L->nents; i++)
        L->order[i] = (uint32_t)i;
    qsort_r(L->order, L->nents, sizeof *L->order, cmp_ents, L);
    for (size_t i = 0; i < L->nents; i++) {
        const lword *w = &L->words[L->ents[L->order[i]].w0];
        if (L->nfirsts && L->firsts[L->nfirsts - 1].len == w->len &&
            !memcmp(L->pool + L->firsts[L->nfirsts - 1].off, L->pool + w->off, w->len)) {
            L->firsts[L->nfirsts - 1].ne++;
            continue;
        }
        L->firsts[L->nfirsts] = (struct lfirst){w->off, w->len, (uint32_t)i, 1};
        L->nfirsts++;
    }
    L->nslots = 16;
    while (L->nslots < L->nfirsts * 2)
        L->nslots *= 2;
    L->slots = calloc(L->nslots, sizeof *L->slots);
    if (!L->slots)
        return oom(&ld);
    for (size_t i = 0; i < L->nfirsts; i++) {
        size_t h = dyad__hash(L->pool + L->firsts[i].off, L->firsts[i].len) & (L->nslots - 1);
        while (L->slots[h])
            h = (h + 1) & (L->nslots - 1);
        L->slots[h] = (uint32_t)i + 1;
    }
    for (int i = 0; i < L->nmodes; i++)
        L->modes[i] = L->pool + L->mode_off[i];
    return 0;
}

const uint32_t *dyad__lex_first(const lex *L, const char *s, size_t n, size_t *count)
{
    *count = 0;
    if (!L->nslots)
        return NULL;
    size_t h = dyad__hash(s, n) & (L->nslots - 1);
    while (L->slots[h]) {
        const struct lfirst *f = &L->firsts[L->slots[h] - 1];
        if (f->len == n && !memcmp(L->pool + f->off, s, n)) {
            *count = f->ne;
            return L->order + f->e0;
        }
        h = (h + 1) & (L->nslots - 1);
    }
    return NULL;
}

const char *dyad__lex_mode(const lex *L, const lentry *e) { return e->mode >= 0 ? L->modes[e->mode] : NULL; }

static void lex_free(void *p)
{
    lex *L = p;
    if (!L)
        return;
    free(L->pool);
    free(L->words);
    free(L->ents);
    free(L->order);
    free(L->firsts);
    free(L->slots);
    free(L->cues);
    free(L->wclass);
    free(L->cue_slot);
    free(L->cue_next);
    dyad__strset_free(&L->irregular_forms);
    free(L->irregular);
    for (size_t i = 0; i < L->nfiles; i++)
        free(L->files[i]);
    if (L->stemmer)
        sb_stemmer_delete(L->stemmer);
    free(L->cache);
    free(L);
}

static void *lex_make(const dyad_ctx *ctx)
{
    lex *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    L->cache = calloc(LEX_CACHE, sizeof *L->cache);
    L->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!L->cache || !L->stemmer) {
        lex_free(L);
        return NULL;
    }
    /* irregular forms first: the other sections' words are stemmed through them (load_file reads
     * them again and skips those it already has) */
    int err = 0;
    size_t len = 0;
    const char *txt = dyad__data(ctx, "events.txt", &len);
    int sec_irreg = 0;
    for (const char *p = txt, *end = txt + (txt ? len : 0); txt && p < end && !err;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e = nl ? nl : end;
        p = nl ? nl + 1 : end;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (s == e || *s == '#')
            continue;
        if (*s == '[') {
            sec_irreg = (size_t)(e - s) == 11 && !memcmp(s, "[irregular]", 11);
            continue;
        }
        if (sec_irreg) {
            loader ld = {L, "events.txt", 0, 0};
            err = each_phrase(&ld, s, (size_t)(e - s), add_irregular, NULL);
        }
    }
    L->err = 0; /* an error here is met again, with its line, by load_file */
    err = load_file(L, ctx, "events.txt");
    char *extra[16];
    size_t nx = dyad__dict_extra(ctx, "events-", extra, 16);
    for (size_t i = 0; i < nx; i++) {
        if (!err)
            err = load_file(L, ctx, extra[i]);
        free(extra[i]);
    }
    if (!err)
        err = build(L);
    if (!err && (add_grammar(L) || build_cues(L))) {
        loader ld = {L, "event dictionaries", 0, 0};
        oom(&ld);
    }
    return L;
}

const lex *dyad__lex(const dyad_ctx *ctx) { return dyad__slot(ctx, DYAD__SLOT_EVENTS, lex_make, lex_free); }
