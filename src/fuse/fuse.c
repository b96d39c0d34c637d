/* fuse/fuse.c — the fusion stage: event mentions into timeline entries (see dyad/fuse.h).
 *
 * Mentions are grouped by their pair key (the sorted distinct codes); each group is sorted by type
 * and date, and each mention joins the first cluster of its type that the rules of fuse.h allow, or
 * starts one. Clusters are found through two indexes, (year, month) and (year, term), so a group of
 * n mentions costs about n lookups, not n^2 comparisons. A mention's terms are the stems of the words
 * around its trigger and in its label that are not too general (data/fuse.txt) and not the names of
 * its parties.
 * Spilling: past the memory limit, mentions are written as JSON Lines to DYAD_FUSE_BUCKETS temporary
 * files by the hash of their pair key, and fused one file at a time.
 */
#include <errno.h>
#include <jansson.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/internal.h"

#define TERM_WINDOW_BEFORE 4 /* words before the trigger read for terms */
#define TERM_WINDOW_AFTER 8  /* words after it */
#define TERMS_MAX 24         /* terms kept per mention */
#define STEM_MAX 48

typedef struct rec {
    dyad_fuse_src s;         /* strings in the fuser's arena */
    const char *key;         /* pair key: codes sorted, joined by ',' */
    int year, month, day, week; /* the date; year 0 = none */
    uint32_t terms[TERMS_MAX];
    int nterms;
    uint64_t sent_hash;
    int cluster;
} rec;

typedef struct group {
    const char *key;
    rec **r;
    size_t n, cap;
} group;

struct dyad_fuser {
    dyad_ctx *ctx;
    dyad__arena arena;
    size_t limit;
    group *g;
    size_t ng, capg;
    size_t *slot;            /* hash of key -> 1 + index into g */
    size_t nslot;
    struct sb_stemmer *stemmer;
    dyad__strset generic;
    int spilled;
    int reading;             /* reading a spilled bucket back: hold everything */
    char *dir;               /* temporary folder when spilled */
    FILE *bucket[DYAD_FUSE_BUCKETS];
};

/* ---- setup ---- */

static void load_generic(dyad_fuser *f)
{
    size_t len = 0;
    const char *txt = dyad__data(f->ctx, "fuse.txt", &len);
    if (!txt)
        return;
    dyad__lineiter it;
    const char *e;
    size_t n;
    dyad__lines_init(&it, txt, len);
    while (dyad__lines_next(&it, &e, &n)) {
        if (!dyad__lines_section_is(&it, "generic"))
            continue;
        /* "a | b | c" on one line, or one a line */
        const char *p = e, *end = e + n;
        while (p < end) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            const char *a = p, *b = bar ? bar : end;
            while (a < b && (*a == ' ' || *a == '\t'))
                a++;
            while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            char w[64];
            size_t k = b > a ? dyad__fold_word(a, (size_t)(b - a), w, sizeof w) : 0;
            if (k)
                dyad__strset_add(&f->generic, w, k);
            p = bar ? bar + 1 : end;
        }
    }
}

dyad_fuser *dyad_fuser_new(dyad_ctx *ctx, size_t memory)
{
    dyad_fuser *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->ctx = ctx;
    f->limit = memory ? memory : DYAD_FUSE_MEMORY;
    dyad__arena_init(&f->arena, 0);
    f->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!f->stemmer) {
        free(f);
        return NULL;
    }
    load_generic(f);
    return f;
}

static void reset_groups(dyad_fuser *f)
{
    for (size_t i = 0; i < f->ng; i++)
        free(f->g[i].r);
    free(f->g);
    free(f->slot);
    f->g = NULL;
    f->slot = NULL;
    f->ng = f->capg = f->nslot = 0;
    dyad__arena_free(&f->arena);
    dyad__arena_init(&f->arena, 0);
}

static void close_buckets(dyad_fuser *f, int remove_files)
{
    for (int i = 0; i < DYAD_FUSE_BUCKETS; i++) {
        if (f->bucket[i])
            fclose(f->bucket[i]);
        f->bucket[i] = NULL;
        if (remove_files && f->dir) {
            char p[4096];
            snprintf(p, sizeof p, "%s/%02d.jsonl", f->dir, i);
            unlink(p);
        }
    }
    if (remove_files && f->dir) {
        rmdir(f->dir);
        free(f->dir);
        f->dir = NULL;
    }
    f->spilled = 0;
}

void dyad_fuser_free(dyad_fuser *f)
{
    if (!f)
        return;
    close_buckets(f, 1);
    reset_groups(f);
    dyad__arena_free(&f->arena);
    dyad__strset_free(&f->generic);
    sb_stemmer_delete(f->stemmer);
    free(f);
}

/* ---- a mention in ---- */

static const char *keep(dyad_fuser *f, const char *s)
{
    if (!s)
        return NULL;
    return dyad__arena_strdup(&f->arena, s);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The pair key of s into out: its distinct codes sorted, joined by ','. Returns the number of codes. */
static int pair_key(const dyad_fuse_src *s, char *out, size_t cap)
{
    const char *c[2 * DYAD_PARTY_CODES];
    int n = 0;
    for (int i = 0; i < s->nsource + s->ntarget; i++) {
        const char *x = i < s->nsource ? s->source[i] : s->target[i - s->nsource];
        if (!x || !*x)
            continue;
        int dup = 0;
        for (int k = 0; k < n && !dup; k++)
            dup = !strcmp(c[k], x);
        if (!dup)
            c[n++] = x;
    }
    qsort(c, (size_t)n, sizeof *c, cmp_str);
    size_t o = 0;
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        int k = snprintf(out + o, cap - o, "%s%s", i ? "," : "", c[i]);
        if (k < 0 || (size_t)k >= cap - o)
            break;
        o += (size_t)k;
    }
    return n;
}

static void parse_date(rec *r)
{
    const char *d = r->s.date;
    r->year = r->month = r->day = r->week = 0;
    if (!d || strlen(d) < 4)
        return;
    for (int i = 0; i < 4; i++)
        if (d[i] < '0' || d[i] > '9')
            return;
    r->year = atoi(d);
    if (d[4] == '-' && d[5] == 'W')
        r->week = atoi(d + 6);
    else if (d[4] == '-' && d[5] >= '0' && d[5] <= '9') {
        r->month = atoi(d + 5);
        if (d[7] == '-')
            r->day = atoi(d + 8);
    }
    if (r->month < 0 || r->month > 12)
        r->month = 0;
}

static int has_ci(const char *hay, const char *w, size_t n)
{
    if (!hay)
        return 0;
    size_t h = strlen(hay);
    for (size_t i = 0; i + n <= h; i++)
        if (!strncasecmp(hay + i, w, n))
            return 1;
    return 0;
}

static void add_term(rec *r, uint32_t h)
{
    for (int i = 0; i < r->nterms; i++)
        if (r->terms[i] == h)
            return;
    if (r->nterms < TERMS_MAX)
        r->terms[r->nterms++] = h;
}

/* Terms of the words [s, e) of text that are specific to the event. */
static void terms_of(dyad_fuser *f, rec *r, const char *text, size_t s, size_t e, int window)
{
    size_t len = strlen(text);
    if (s > len)
        s = len;
    if (e > len || e < s)
        e = len;
    dyad__tok tok[256];
    size_t n = dyad__tokenize(text, 0, len, tok, 256);
    size_t first = n, last = 0;
    for (size_t i = 0; i < n; i++)
        if (tok[i].e > s && tok[i].s < e) {
            if (first == n)
                first = i;
            last = i;
        }
    if (first == n)
        return;
    size_t a = window && first > TERM_WINDOW_BEFORE ? first - TERM_WINDOW_BEFORE : (window ? 0 : first);
    size_t b = window ? last + TERM_WINDOW_AFTER : last;
    if (b >= n)
        b = n - 1;
    for (size_t i = a; i <= b; i++) {
        const dyad__tok *t = &tok[i];
        if (!(t->flags & DYAD__T_WORD))
            continue;
        int plus = memchr(text + t->s, '+', t->e - t->s) != NULL; /* "2+2" */
        if (!(t->flags & DYAD__T_LETTER) && !plus)
            continue; /* numbers and dates are compared as dates */
        char w[STEM_MAX];
        size_t k = dyad__tok_fold(text, t, w, sizeof w);
        if (!k || (k < 3 && !plus) || dyad__strset_has(&f->generic, w, k))
            continue;
        /* the parties' own names ("India", "Japanese") say nothing about which event it is */
        if (has_ci(r->s.source_text, text + t->s, t->e - t->s) || has_ci(r->s.target_text, text + t->s, t->e - t->s))
            continue;
        const sb_symbol *st = sb_stemmer_stem(f->stemmer, (const sb_symbol *)w, (int)k);
        size_t sl = st ? (size_t)sb_stemmer_length(f->stemmer) : 0;
        if (!st || !sl)
            continue;
        if (dyad__strset_has(&f->generic, (const char *)st, sl))
            continue;
        add_term(r, (uint32_t)dyad__hash(st, sl));
    }
}

static uint64_t sentence_hash(const char *s)
{
    char buf[4096];
    size_t n = dyad__fold(s, strlen(s), buf, sizeof buf);
    return dyad__hash(buf, n);
}

static group *group_for(dyad_fuser *f, const char *key)
{
    if (f->ng * 2 + 2 > f->nslot) {
        size_t ns = f->nslot ? f->nslot * 2 : 64;
        size_t *sl = calloc(ns, sizeof *sl);
        if (!sl)
            return NULL;
        for (size_t i = 0; i < f->ng; i++) {
            size_t h = dyad__hash(f->g[i].key, strlen(f->g[i].key)) & (ns - 1);
            while (sl[h])
                h = (h + 1) & (ns - 1);
            sl[h] = i + 1;
        }
        free(f->slot);
        f->slot = sl;
        f->nslot = ns;
    }
    size_t h = dyad__hash(key, strlen(key)) & (f->nslot - 1);
    while (f->slot[h]) {
        group *g = &f->g[f->slot[h] - 1];
        if (!strcmp(g->key, key))
            return g;
        h = (h + 1) & (f->nslot - 1);
    }
    if (f->ng == f->capg) {
        size_t c = f->capg ? f->capg * 2 : 32;
        group *ng = realloc(f->g, c * sizeof *ng);
        if (!ng)
            return NULL;
        f->g = ng;
        f->capg = c;
    }
    group *g = &f->g[f->ng];
    memset(g, 0, sizeof *g);
    g->key = keep(f, key);
    if (!g->key)
        return NULL;
    f->slot[h] = ++f->ng;
    return g;
}

/* ---- spilling ---- */

static void json_field(dyad__buf *b, const char *name, const char *v, int comma)
{
    if (comma)
        dyad__buf_addc(b, ',');
    dyad__buf_printf(b, "\"%s\":", name);
    if (!v) {
        dyad__buf_adds(b, "null");
        return;
    }
    dyad__buf_addc(b, '"');
    dyad__buf_json(b, v, strlen(v));
    dyad__buf_addc(b, '"');
}

static void to_json(dyad__buf *b, const dyad_fuse_src *s)
{
    dyad__buf_addc(b, '{');
    json_field(b, "doc", s->doc, 0);
    json_field(b, "title", s->title, 1);
    json_field(b, "date", s->date && *s->date ? s->date : NULL, 1);
    json_field(b, "date_source", s->date_source, 1);
    for (int p = 0; p < 2; p++) {
        const char *const *c = p ? s->target : s->source;
        int n = p ? s->ntarget : s->nsource;
        dyad__buf_printf(b, ",\"%s\":{\"codes\":[", p ? "target" : "source");
        for (int i = 0; i < n; i++) {
            dyad__buf_printf(b, "%s\"", i ? "," : "");
            dyad__buf_json(b, c[i], strlen(c[i]));
            dyad__buf_addc(b, '"');
        }
        dyad__buf_adds(b, "]");
        json_field(b, "text", p ? s->target_text : s->source_text, 1);
        dyad__buf_addc(b, '}');
    }
    json_field(b, "type", s->type, 1);
    json_field(b, "mode", s->mode, 1);
    json_field(b, "status", s->status, 1);
    json_field(b, "label", s->label, 1);
    json_field(b, "sentence", s->sentence, 1);
    dyad__buf_printf(b, ",\"start\":%zu,\"end\":%zu,\"trigger\":{\"start\":%zu,\"end\":%zu}}\n", s->start, s->end,
                     s->trigger_start, s->trigger_end);
}

static int spill_one(dyad_fuser *f, const dyad_fuse_src *s, const char *key)
{
    dyad__buf b;
    dyad__buf_init(&b, 0);
    to_json(&b, s);
    if (b.err) {
        dyad__buf_free(&b);
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    }
    FILE *o = f->bucket[dyad__hash(key, strlen(key)) % DYAD_FUSE_BUCKETS];
    int bad = fwrite(b.data, 1, b.len, o) != b.len;
    dyad__buf_free(&b);
    if (bad)
        return dyad__fail(f->ctx, DYAD_IO, "fuse: cannot write a temporary file in %s: %s", f->dir, strerror(errno));
    return 0;
}

static int start_spill(dyad_fuser *f)
{
    const char *tmp = getenv("TMPDIR");
    char tpl[4096];
    snprintf(tpl, sizeof tpl, "%s/dyad-fuse-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tpl))
        return dyad__fail(f->ctx, DYAD_IO, "fuse: cannot make a temporary folder %s: %s", tpl, strerror(errno));
    f->dir = strdup(tpl);
    if (!f->dir)
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    for (int i = 0; i < DYAD_FUSE_BUCKETS; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%02d.jsonl", f->dir, i);
        f->bucket[i] = fopen(p, "w+");
        if (!f->bucket[i]) {
            int e = errno;
            close_buckets(f, 1);
            return dyad__fail(f->ctx, DYAD_IO, "fuse: cannot make a temporary file %s: %s", p, strerror(e));
        }
    }
    f->spilled = 1;
    /* what is held goes out first */
    for (size_t i = 0; i < f->ng; i++)
        for (size_t k = 0; k < f->g[i].n; k++) {
            int err = spill_one(f, &f->g[i].r[k]->s, f->g[i].key);
            if (err)
                return err;
        }
    reset_groups(f);
    return 0;
}

/* ---- adding ---- */

static int add_held(dyad_fuser *f, const dyad_fuse_src *s, const char *key)
{
    rec *r = dyad__arena_zalloc(&f->arena, sizeof *r);
    if (!r)
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    r->s = *s;
    r->s.doc = keep(f, s->doc ? s->doc : "");
    r->s.title = keep(f, s->title);
    r->s.date = s->date && *s->date ? keep(f, s->date) : NULL;
    r->s.date_source = keep(f, s->date_source ? s->date_source : (r->s.date ? "text" : "none"));
    for (int i = 0; i < s->nsource; i++)
        r->s.source[i] = keep(f, s->source[i]);
    for (int i = 0; i < s->ntarget; i++)
        r->s.target[i] = keep(f, s->target[i]);
    r->s.source_text = keep(f, s->source_text);
    r->s.target_text = keep(f, s->target_text);
    r->s.type = keep(f, s->type);
    r->s.mode = keep(f, s->mode);
    r->s.status = keep(f, s->status ? s->status : "happened");
    r->s.label = keep(f, s->label);
    r->s.sentence = keep(f, s->sentence ? s->sentence : "");
    r->key = keep(f, key);
    if (!r->s.doc || !r->s.type || !r->s.sentence || !r->key)
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    parse_date(r);
    size_t ts = s->trigger_start >= s->start ? s->trigger_start - s->start : 0;
    size_t te = s->trigger_end >= s->start ? s->trigger_end - s->start : 0;
    terms_of(f, r, r->s.sentence, ts, te, 1);
    if (r->s.label)
        terms_of(f, r, r->s.label, 0, strlen(r->s.label), 0);
    r->sent_hash = sentence_hash(r->s.sentence);
    group *g = group_for(f, key);
    if (!g)
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    if (g->n == g->cap) {
        size_t c = g->cap ? g->cap * 2 : 16;
        rec **nr = realloc(g->r, c * sizeof *nr);
        if (!nr)
            return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
        g->r = nr;
        g->cap = c;
    }
    g->r[g->n++] = r;
    return 0;
}

int dyad_fuser_add(dyad_fuser *f, const dyad_fuse_src *s)
{
    char key[256];
    if (!s->type || pair_key(s, key, sizeof key) < 2)
        return DYAD_OK;
    if (!f->spilled && !f->reading && f->arena.total > f->limit) {
        int err = start_spill(f);
        if (err)
            return err;
    }
    if (f->spilled && !f->reading)
        return spill_one(f, s, key);
    return add_held(f, s, key);
}

int dyad_fuser_add_doc(dyad_fuser *f, dyad_doc *doc, const char *shown)
{
    size_t n;
    const dyad_event *ev = dyad_doc_events(doc, &n);
    const char *text = dyad_doc_text(doc, NULL);
    const dyad_meta *m = dyad_doc_meta(doc);
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = &ev[i];
        dyad_fuse_src s;
        memset(&s, 0, sizeof s);
        s.doc = shown ? shown : dyad_doc_path(doc);
        s.title = m->title.value;
        s.date = e->date[0] ? e->date : NULL;
        s.date_source = dyad_date_source_name(e->date_source);
        for (int k = 0; k < e->source.ncodes; k++)
            s.source[s.nsource++] = e->source.codes[k];
        for (int k = 0; k < e->target.ncodes; k++)
            s.target[s.ntarget++] = e->target.codes[k];
        char st[256] = "", tt[256] = "";
        if (e->source.end > e->source.start)
            snprintf(st, sizeof st, "%.*s", (int)(e->source.end - e->source.start), text + e->source.start);
        if (e->target.end > e->target.start)
            snprintf(tt, sizeof tt, "%.*s", (int)(e->target.end - e->target.start), text + e->target.start);
        s.source_text = st;
        s.target_text = tt;
        s.type = dyad_event_type_name(e->type);
        s.mode = e->mode;
        s.status = dyad_event_status_name(e->status);
        s.label = e->label;
        char *sent = strndup(text + e->start, e->end - e->start);
        if (!sent)
            return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
        s.sentence = sent;
        s.start = e->start;
        s.end = e->end;
        s.trigger_start = e->trigger_start;
        s.trigger_end = e->trigger_end;
        int err = dyad_fuser_add(f, &s);
        free(sent);
        if (err)
            return err;
    }
    return DYAD_OK;
}

/* ---- JSON in ---- */

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static size_t jsize(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) && json_integer_value(v) >= 0 ? (size_t)json_integer_value(v) : 0;
}

static int jparty(json_t *p, const char **codes, int *n)
{
    *n = 0;
    if (!json_is_object(p))
        return 0;
    json_t *arr = json_object_get(p, "codes");
    if (json_is_array(arr)) {
        size_t i;
        json_t *c;
        json_array_foreach(arr, i, c) {
            if (json_is_string(c) && *n < DYAD_PARTY_CODES)
                codes[(*n)++] = json_string_value(c);
        }
    } else if (json_is_string(json_object_get(p, "code")))
        codes[(*n)++] = json_string_value(json_object_get(p, "code"));
    return 0;
}

int dyad_fuser_add_json(dyad_fuser *f, const char *line, size_t len)
{
    json_error_t je;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return dyad__fail(f->ctx, DYAD_FORMAT, "not JSON (%s at column %d)", je.text, je.column);
    int err = DYAD_OK;
    if (!json_is_object(o)) {
        err = dyad__fail(f->ctx, DYAD_FORMAT, "not a JSON object");
        goto done;
    }
    dyad_fuse_src s;
    memset(&s, 0, sizeof s);
    s.doc = jstr(o, "doc");
    s.title = jstr(o, "title");
    s.date = jstr(o, "date");
    s.date_source = jstr(o, "date_source");
    s.type = jstr(o, "type");
    s.mode = jstr(o, "mode");
    s.status = jstr(o, "status");
    s.label = jstr(o, "label");
    s.sentence = jstr(o, "sentence");
    s.start = jsize(o, "start");
    s.end = jsize(o, "end");
    json_t *tr = json_object_get(o, "trigger");
    if (json_is_object(tr)) {
        s.trigger_start = jsize(tr, "start");
        s.trigger_end = jsize(tr, "end");
    }
    jparty(json_object_get(o, "source"), s.source, &s.nsource);
    jparty(json_object_get(o, "target"), s.target, &s.ntarget);
    s.source_text = json_is_object(json_object_get(o, "source")) ? jstr(json_object_get(o, "source"), "text") : NULL;
    s.target_text = json_is_object(json_object_get(o, "target")) ? jstr(json_object_get(o, "target"), "text") : NULL;
    if (!s.nsource && !s.ntarget) { /* a record with only "actors" (first is the source) */
        json_t *arr = json_object_get(o, "actors");
        size_t i;
        json_t *c;
        if (json_is_array(arr))
            json_array_foreach(arr, i, c) {
                if (!json_is_string(c))
                    continue;
                if (!s.nsource)
                    s.source[s.nsource++] = json_string_value(c);
                else if (s.ntarget < DYAD_PARTY_CODES)
                    s.target[s.ntarget++] = json_string_value(c);
            }
    }
    if (!s.type || dyad_event_type_parse(s.type) < 0) {
        err = dyad__fail(f->ctx, DYAD_FORMAT, "no PLOVER \"type\"");
        goto done;
    }
    if (!s.doc || !s.sentence) {
        err = dyad__fail(f->ctx, DYAD_FORMAT, "no \"doc\" or \"sentence\"");
        goto done;
    }
    if (s.date && *s.date) {
        size_t dl = strlen(s.date);
        int ok = dl >= 4 && dl <= 10;
        for (int i = 0; i < 4 && ok; i++)
            ok = s.date[i] >= '0' && s.date[i] <= '9';
        if (!ok) {
            err = dyad__fail(f->ctx, DYAD_FORMAT, "\"date\" is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www");
            goto done;
        }
    }
    err = dyad_fuser_add(f, &s);
done:
    json_decref(o);
    return err;
}

/* ---- clustering ---- */

typedef struct cluster {
    rec **r;
    size_t n, cap;
    uint32_t terms[64];
    int nterms;
    int one_off;      /* AGREE of a treaty: years one apart from other documents may merge */
    int dated;        /* its mentions have dates (all of them or none) */
    int year[4];      /* the years its mentions give (at most three, one apart) */
    uint16_t months[4]; /* for each, the months given (bit m) */
    int nyears;
    uint64_t docs[8]; /* hashes of its first documents, for "another document" */
    int ndocs;
} cluster;

/* An index from a 64-bit key to cluster ids (chained in one array). */
typedef struct cindex {
    uint64_t *key;
    int *head;        /* first node, -1 */
    size_t cap;
    int *next_node, *node_cluster;
    size_t nn, capn;
} cindex;

static int ci_init(cindex *x, size_t expect)
{
    memset(x, 0, sizeof *x);
    x->cap = 64;
    while (x->cap < expect * 4)
        x->cap *= 2;
    x->key = calloc(x->cap, sizeof *x->key);
    x->head = malloc(x->cap * sizeof *x->head);
    if (!x->key || !x->head)
        return -1;
    for (size_t i = 0; i < x->cap; i++)
        x->head[i] = -1;
    return 0;
}

static void ci_free(cindex *x)
{
    free(x->key);
    free(x->head);
    free(x->next_node);
    free(x->node_cluster);
}

static size_t ci_slot(const cindex *x, uint64_t k)
{
    size_t h = (size_t)(k * 0x9E3779B97F4A7C15ull) & (x->cap - 1);
    while (x->head[h] != -1 && x->key[h] != k)
        h = (h + 1) & (x->cap - 1);
    return h;
}

static int ci_add(cindex *x, uint64_t k, int c)
{
    size_t h = ci_slot(x, k);
    if (x->head[h] >= 0 && x->node_cluster[x->head[h]] == c)
        return 0; /* the same cluster again (its mentions come one after another) */
    if (x->nn == x->capn) {
        size_t nc = x->capn ? x->capn * 2 : 256;
        int *a = realloc(x->next_node, nc * sizeof *a);
        if (!a)
            return -1;
        x->next_node = a;
        int *b = realloc(x->node_cluster, nc * sizeof *b);
        if (!b)
            return -1;
        x->node_cluster = b;
        x->capn = nc;
    }
    x->key[h] = k;
    x->next_node[x->nn] = x->head[h];
    x->node_cluster[x->nn] = c;
    x->head[h] = (int)x->nn++;
    return 0;
}

static int ci_first(const cindex *x, uint64_t k) { return x->head[ci_slot(x, k)]; }

static uint64_t kmonth(int y, int m) { return ((uint64_t)1 << 62) | ((uint64_t)(unsigned)y << 8) | (unsigned)m; }
static uint64_t kterm(int y, uint32_t t) { return ((uint64_t)(unsigned)(y & 0xFFFF) << 32) | t | ((uint64_t)1 << 61); }

static int shares(const rec *r, const cluster *c)
{
    for (int i = 0; i < r->nterms; i++)
        for (int k = 0; k < c->nterms; k++)
            if (r->terms[i] == c->terms[k])
                return 1;
    return 0;
}

static int cmp_rec(const void *a, const void *b)
{
    const rec *x = *(const rec *const *)a, *y = *(const rec *const *)b;
    int c = strcmp(x->s.type, y->s.type);
    if (c)
        return c;
    if (!x->year != !y->year)
        return x->year ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    /* the more precise first, so that a year-only mention finds the month it belongs to */
    int px = !!x->month + !!x->day, py = !!y->month + !!y->day;
    if (x->month && y->month && x->month != y->month)
        return x->month < y->month ? -1 : 1;
    if (px != py)
        return px > py ? -1 : 1;
    c = strcmp(x->s.doc, y->s.doc);
    if (c)
        return c;
    return x->s.start < y->s.start ? -1 : x->s.start > y->s.start;
}

/* May r join cluster c? (From c's aggregates: the cost does not grow with its size.) */
static int joins(const rec *r, const cluster *c, int *disagree)
{
    *disagree = 0;
    if (!r->year || !c->dated)
        return !r->year && !c->dated && shares(r, c); /* undated with undated, on a specific term */
    int year_match = -1, one_year_off = 0;
    for (int i = 0; i < c->nyears; i++) {
        int d = c->year[i] - r->year;
        if (d == 0)
            year_match = i;
        else if (d == 1 || d == -1)
            one_year_off = 1;
        else
            return 0; /* years far apart: different events */
    }
    if (year_match >= 0) {
        uint16_t mm = c->months[year_match];
        if (r->month && (mm >> r->month) & 1)
            return 1; /* the same month */
        if (!shares(r, c))
            return 0;
        /* within a year: months must agree where both give one */
        return !r->month || !(mm & ~(uint16_t)1) || ((mm >> r->month) & 1);
    }
    if (one_year_off && c->one_off && shares(r, c)) {
        uint64_t h = dyad__hash(r->s.doc, strlen(r->s.doc));
        for (int i = 0; i < c->ndocs; i++)
            if (c->docs[i] == h)
                return 0; /* a document that gives both years tells two events */
        *disagree = 1;
        return 1;
    }
    return 0;
}

static int cluster_add(cluster *c, rec *r)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 4;
        rec **nr = realloc(c->r, nc * sizeof *nr);
        if (!nr)
            return -1;
        c->r = nr;
        c->cap = nc;
    }
    c->r[c->n++] = r;
    c->dated = r->year != 0;
    if (r->year) {
        int k = 0;
        while (k < c->nyears && c->year[k] != r->year)
            k++;
        if (k == c->nyears && k < 4) {
            c->year[k] = r->year;
            c->months[k] = 0;
            c->nyears++;
        }
        if (k < 4)
            c->months[k] |= (uint16_t)(r->month ? 1u << r->month : 1u); /* bit 0: a year alone */
    }
    uint64_t dh = dyad__hash(r->s.doc, strlen(r->s.doc));
    int seen = 0;
    for (int i = 0; i < c->ndocs && !seen; i++)
        seen = c->docs[i] == dh;
    if (!seen && c->ndocs < 8)
        c->docs[c->ndocs++] = dh;
    for (int i = 0; i < r->nterms; i++) {
        int have = 0;
        for (int k = 0; k < c->nterms && !have; k++)
            have = c->terms[k] == r->terms[i];
        if (!have && c->nterms < 64)
            c->terms[c->nterms++] = r->terms[i];
    }
    return 0;
}

/* ---- entries out ---- */

static int date_prec(const char *d) { return d ? (int)strlen(d) : 0; }

static int compatible(const char *a, const char *b)
{
    size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    if (strchr(a, 'W') || strchr(b, 'W'))
        n = 4;
    return !strncmp(a, b, n);
}

static int cmp_src(const void *a, const void *b)
{
    const dyad_fuse_src *x = *(const dyad_fuse_src *const *)a, *y = *(const dyad_fuse_src *const *)b;
    int c = strcmp(x->doc, y->doc);
    if (c)
        return c;
    return x->start < y->start ? -1 : x->start > y->start;
}

static const char *most(const char **v, int n, int longest_on_tie)
{
    const char *best = NULL;
    int bc = 0;
    for (int i = 0; i < n; i++) {
        if (!v[i])
            continue;
        int c = 0;
        for (int k = 0; k < n; k++)
            c += v[k] && !strcmp(v[k], v[i]);
        if (c > bc || (c == bc && best && longest_on_tie && strlen(v[i]) > strlen(best)))
            best = v[i], bc = c;
    }
    return best;
}

static int emit(dyad_fuser *f, const char *key, cluster *c, dyad_entry_fn fn, void *ud)
{
    size_t n = c->n;
    const char **tmp = malloc((n ? n : 1) * sizeof *tmp);
    const dyad_fuse_src **srcs = malloc((n ? n : 1) * sizeof *srcs);
    if (!tmp || !srcs) {
        free(tmp);
        free(srcs);
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    }
    dyad_entry e;
    memset(&e, 0, sizeof e);
    /* sources: one per sentence (a duplicate document or paragraph adds none) */
    size_t ns = 0, ndocs = 0, hcap = 16;
    while (hcap < n * 2)
        hcap *= 2;
    uint64_t *seen = calloc(hcap, sizeof *seen);
    if (!seen) {
        free(tmp);
        free(srcs);
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t h = c->r[i]->sent_hash | 1;
        size_t j = (size_t)(h * 0x9E3779B97F4A7C15ull) & (hcap - 1);
        while (seen[j] && seen[j] != h)
            j = (j + 1) & (hcap - 1);
        if (seen[j])
            continue;
        seen[j] = h;
        srcs[ns++] = &c->r[i]->s;
    }
    free(seen);
    qsort(srcs, ns, sizeof *srcs, cmp_src);
    for (size_t i = 0; i < ns; i++)
        ndocs += !i || strcmp(srcs[i]->doc, srcs[i - 1]->doc);
    /* the summaries below read the listed sources only: their cost stays bounded */
    if (ns > DYAD_FUSE_MAX_SOURCES)
        ns = DYAD_FUSE_MAX_SOURCES;
    /* dates: the one most sources give; every one, sorted */
    const char *dates[64];
    int nd = 0;
    for (size_t i = 0; i < ns; i++) {
        const char *d = srcs[i]->date;
        if (!d)
            continue;
        int have = 0;
        for (int k = 0; k < nd && !have; k++)
            have = !strcmp(dates[k], d);
        if (!have && nd < 64)
            dates[nd++] = d;
    }
    if (nd)
        qsort(dates, (size_t)nd, sizeof *dates, cmp_str);
    for (size_t i = 0; i < ns; i++)
        tmp[i] = srcs[i]->date;
    const char *date = NULL;
    int bc = 0;
    for (int k = 0; k < nd; k++) {
        int cnt = 0;
        for (size_t i = 0; i < ns; i++)
            cnt += tmp[i] && !strcmp(tmp[i], dates[k]);
        if (cnt > bc || (cnt == bc && date_prec(dates[k]) > date_prec(date)))
            date = dates[k], bc = cnt;
    }
    int disagreement = 0;
    for (int a = 0; a < nd; a++)
        for (int b = a + 1; b < nd; b++)
            if (!compatible(dates[a], dates[b]))
                disagreement = 1;
    /* actors: the most frequent source first */
    const char *actors[2 * DYAD_PARTY_CODES];
    int na = 0;
    for (size_t i = 0; i < ns; i++)
        tmp[i] = srcs[i]->nsource ? srcs[i]->source[0] : NULL;
    const char *first = most(tmp, (int)ns, 0);
    if (first)
        actors[na++] = first;
    for (size_t i = 0; i < ns; i++)
        for (int k = 0; k < srcs[i]->nsource + srcs[i]->ntarget; k++) {
            const char *x = k < srcs[i]->nsource ? srcs[i]->source[k] : srcs[i]->target[k - srcs[i]->nsource];
            int have = 0;
            for (int q = 0; q < na && !have; q++)
                have = !strcmp(actors[q], x);
            if (!have && na < 2 * DYAD_PARTY_CODES)
                actors[na++] = x;
        }
    if (na > 1)
        qsort(actors + 1, (size_t)na - 1, sizeof *actors, cmp_str);
    for (size_t i = 0; i < ns; i++)
        tmp[i] = srcs[i]->mode;
    e.mode = most(tmp, (int)ns, 0);
    e.status = "happened";
    int happened = 0;
    for (size_t i = 0; i < ns; i++)
        happened |= !strcmp(srcs[i]->status, "happened");
    if (!happened) {
        for (size_t i = 0; i < ns; i++)
            tmp[i] = srcs[i]->status;
        e.status = most(tmp, (int)ns, 0);
    }
    for (size_t i = 0; i < ns; i++)
        tmp[i] = srcs[i]->label;
    e.label = most(tmp, (int)ns, 1);
    e.type = srcs[0]->type;
    e.date = date;
    e.dates = dates;
    e.ndates = nd;
    e.disagreement = disagreement;
    e.actors = actors;
    e.nactors = na;
    e.sources = srcs;
    e.nsources = ns;
    e.nmentions = n;
    e.ndocs = ndocs;
    char id[24];
    char idsrc[512];
    snprintf(idsrc, sizeof idsrc, "%s|%s|%s|%s|%zu", key, e.type, date ? date : "", srcs[0]->doc, srcs[0]->start);
    snprintf(id, sizeof id, "%016llx", (unsigned long long)dyad__hash(idsrc, strlen(idsrc)));
    e.id = id;
    int r = fn(ud, &e);
    free(tmp);
    free(srcs);
    return r;
}

static int cmp_cluster(const void *a, const void *b)
{
    const cluster *x = a, *y = b;
    /* dated first, by the earliest date; then by type */
    const rec *rx = x->r[0], *ry = y->r[0];
    if (!rx->year != !ry->year)
        return rx->year ? -1 : 1;
    const char *dx = rx->s.date ? rx->s.date : "", *dy = ry->s.date ? ry->s.date : "";
    for (size_t i = 1; i < x->n; i++)
        if (x->r[i]->s.date && strcmp(x->r[i]->s.date, dx) < 0)
            dx = x->r[i]->s.date;
    for (size_t i = 1; i < y->n; i++)
        if (y->r[i]->s.date && strcmp(y->r[i]->s.date, dy) < 0)
            dy = y->r[i]->s.date;
    int c = strcmp(dx, dy);
    if (c)
        return c;
    c = strcmp(rx->s.type, ry->s.type);
    if (c)
        return c;
    c = strcmp(rx->s.doc, ry->s.doc);
    return c ? c : (rx->s.start < ry->s.start ? -1 : rx->s.start > ry->s.start);
}

static int fuse_group(dyad_fuser *f, group *g, dyad_entry_fn fn, void *ud)
{
    qsort(g->r, g->n, sizeof *g->r, cmp_rec);
    cluster *cl = calloc(g->n ? g->n : 1, sizeof *cl);
    cindex ix;
    if (!cl || ci_init(&ix, g->n)) {
        free(cl);
        ci_free(&ix);
        return dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    }
    size_t ncl = 0;
    int err = 0;
    const char *type = NULL;
    for (size_t i = 0; i < g->n && !err; i++) {
        rec *r = g->r[i];
        if (!type || strcmp(type, r->s.type)) { /* a new type: a fresh index */
            ci_free(&ix);
            if (ci_init(&ix, g->n)) {
                err = dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
                break;
            }
            type = r->s.type;
        }
        /* candidates: same month, then shared terms in this year, the years around it, or undated */
        int chosen = -1;
        int cand[256];
        int nc = 0;
        if (r->year && r->month)
            for (int n = ci_first(&ix, kmonth(r->year, r->month)); n >= 0 && nc < 256; n = ix.next_node[n])
                cand[nc++] = ix.node_cluster[n];
        for (int t = 0; t < r->nterms && nc < 256; t++)
            for (int dy = -1; dy <= 1; dy++) {
                if (!r->year && dy)
                    continue;
                int y = r->year ? r->year + dy : 0;
                for (int n = ci_first(&ix, kterm(y, r->terms[t])); n >= 0 && nc < 256; n = ix.next_node[n])
                    cand[nc++] = ix.node_cluster[n];
            }
        int disagree = 0;
        for (int k = 0; k < nc && chosen < 0; k++) {
            int d;
            if (joins(r, &cl[cand[k]], &d)) {
                chosen = cand[k];
                disagree = d;
            }
        }
        (void)disagree;
        if (chosen < 0) {
            chosen = (int)ncl++;
            cl[chosen].one_off = !strcmp(r->s.type, "AGREE") && !(r->s.mode && !strcmp(r->s.mode, "pledge"));
        }
        if (cluster_add(&cl[chosen], r)) {
            err = dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
            break;
        }
        int bad = 0;
        if (r->year && r->month)
            bad |= ci_add(&ix, kmonth(r->year, r->month), chosen);
        for (int t = 0; t < r->nterms; t++)
            bad |= ci_add(&ix, kterm(r->year, r->terms[t]), chosen);
        if (bad)
            err = dyad__fail(f->ctx, DYAD_NOMEM, "fuse: out of memory");
    }
    ci_free(&ix);
    if (!err) {
        qsort(cl, ncl, sizeof *cl, cmp_cluster);
        for (size_t k = 0; k < ncl && !err; k++)
            err = emit(f, g->key, &cl[k], fn, ud);
    }
    for (size_t k = 0; k < g->n; k++)
        free(cl[k].r);
    free(cl);
    return err;
}

static int cmp_group(const void *a, const void *b) { return strcmp(((const group *)a)->key, ((const group *)b)->key); }

static int run_held(dyad_fuser *f, dyad_entry_fn fn, void *ud)
{
    if (f->ng)
        qsort(f->g, f->ng, sizeof *f->g, cmp_group);
    int err = 0;
    for (size_t i = 0; i < f->ng && !err; i++)
        err = fuse_group(f, &f->g[i], fn, ud);
    reset_groups(f);
    return err;
}

int dyad_fuser_run(dyad_fuser *f, dyad_entry_fn fn, void *ud)
{
    if (!f->spilled)
        return run_held(f, fn, ud);
    int err = 0;
    char *line = NULL;
    size_t cap = 0;
    for (int b = 0; b < DYAD_FUSE_BUCKETS && !err; b++) {
        FILE *in = f->bucket[b];
        if (fflush(in) || fseek(in, 0, SEEK_SET)) {
            err = dyad__fail(f->ctx, DYAD_IO, "fuse: cannot read back a temporary file: %s", strerror(errno));
            break;
        }
        ssize_t n;
        f->reading = 1; /* this bucket's pairs are held in memory, whatever their size */
        while (!err && (n = getline(&line, &cap, in)) > 0)
            err = dyad_fuser_add_json(f, line, (size_t)n);
        if (!err)
            err = run_held(f, fn, ud);
        f->reading = 0;
    }
    free(line);
    close_buckets(f, 1);
    reset_groups(f);
    return err;
}
