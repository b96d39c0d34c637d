/* store/events.c — the events of each stored document, and the fused timeline (schema 2; the
 * tables are in store.c and the README). The store writes what it is given: the pipeline codes the
 * events, the fusion stage fuses them; the store keeps both and reads events back in pair order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_span(sqlite3_stmt *s, int i, const char *text, size_t a, size_t b)
{
    if (b > a)
        sqlite3_bind_text(s, i, text + a, (int)(b - a), SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* codes joined by ',' into out; sorted when asked. */
static void join(const char *const *c, int n, int sort, char *out, size_t cap)
{
    const char *v[2 * DYAD_PARTY_CODES];
    int k = n < 2 * DYAD_PARTY_CODES ? n : 2 * DYAD_PARTY_CODES;
    memcpy(v, c, (size_t)k * sizeof *v);
    if (sort)
        qsort(v, (size_t)k, sizeof *v, cmp_str);
    size_t o = 0;
    out[0] = 0;
    for (int i = 0; i < k; i++) {
        int w = snprintf(out + o, cap - o, "%s%s", i ? "," : "", v[i]);
        if (w < 0 || (size_t)w >= cap - o)
            break;
        o += (size_t)w;
    }
}

int dyad__store_put_events(dyad_store *st, dyad_doc *doc, int64_t id, int *rc)
{
    size_t n, ns;
    const dyad_event *ev = dyad_doc_events(doc, &n);
    const dyad_sentence *se = dyad_doc_sentences(doc, &ns);
    const char *text = dyad_doc_text(doc, NULL);
    sqlite3_stmt *s = st->stmt[S_INS_EVENT];
    int64_t seq = 0;
    *rc = SQLITE_OK;
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = &ev[i];
        const char *a[2 * DYAD_PARTY_CODES];
        int na = dyad_event_actors(e, a, 2 * DYAD_PARTY_CODES);
        if (na < 2)
            continue; /* the store keeps events between two or more parties */
        char actors[256], pair[256], src[128], tgt[128];
        join(a, na, 0, actors, sizeof actors);
        join(a, na, 1, pair, sizeof pair);
        join(e->source.codes, e->source.ncodes, 0, src, sizeof src);
        join(e->target.codes, e->target.ncodes, 0, tgt, sizeof tgt);
        /* the sentence's number among the document's sentences */
        size_t sent = e->sentence < ns ? e->sentence : 0;
        (void)se;
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, seq);
        sqlite3_bind_int64(s, 3, (int64_t)sent);
        sqlite3_bind_int64(s, 4, (int64_t)e->start);
        sqlite3_bind_int64(s, 5, (int64_t)e->end);
        bind_str(s, 6, dyad_event_type_name(e->type));
        sqlite3_bind_int(s, 7, (int)dyad_event_quad(e->type));
        bind_str(s, 8, e->mode);
        bind_str(s, 9, dyad_event_status_name(e->status));
        bind_str(s, 10, e->date[0] ? e->date : NULL);
        bind_str(s, 11, dyad_date_source_name(e->date_source));
        if (e->date_end > e->date_start) {
            sqlite3_bind_int64(s, 12, (int64_t)e->date_start);
            sqlite3_bind_int64(s, 13, (int64_t)e->date_end);
        } else {
            sqlite3_bind_null(s, 12);
            sqlite3_bind_null(s, 13);
        }
        bind_str(s, 14, actors);
        bind_str(s, 15, pair);
        bind_str(s, 16, src[0] ? src : NULL);
        bind_span(s, 17, text, e->source.start, e->source.end);
        bind_str(s, 18, e->source.sector);
        bind_str(s, 19, tgt[0] ? tgt : NULL);
        bind_span(s, 20, text, e->target.start, e->target.end);
        bind_str(s, 21, e->target.sector);
        bind_str(s, 22, e->label);
        sqlite3_bind_int64(s, 23, (int64_t)e->trigger_start);
        sqlite3_bind_int64(s, 24, (int64_t)e->trigger_end);
        int r;
        while ((r = sqlite3_step(s)) == SQLITE_ROW)
            ;
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (r != SQLITE_DONE) {
            *rc = r;
            return DYAD_STORE;
        }
        seq++;
    }
    return DYAD_OK;
}

/* codes of "A,B" into out[] (pointers into buf, which is modified). */
static int split_codes(char *buf, const char **out, int max)
{
    int n = 0;
    for (char *p = buf; p && *p && n < max;) {
        char *c = strchr(p, ',');
        if (c)
            *c = 0;
        out[n++] = p;
        p = c ? c + 1 : NULL;
    }
    return n;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

int dyad_store_events(dyad_store *st, dyad_store_event_fn fn, void *ud)
{
    if (st->schema == 1)
        return DYAD_OK; /* a store of dyad 0.1 has no events: nothing to read */
    static const char *const sql =
        "SELECT d.path, d.title, e.date, e.date_source, e.source, e.target, e.source_text, e.target_text,"
        " e.type, e.mode, e.status, e.label, e.start, e.end, e.trigger_start, e.trigger_end, s.text"
        " FROM events e JOIN documents d ON d.id = e.doc"
        " LEFT JOIN sentences s ON s.doc = e.doc AND s.seq = e.sentence"
        " ORDER BY e.pair, e.doc, e.seq";
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc)
        return dyad__store_fail(st, rc, "reading the events");
    int ret = DYAD_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dyad_fuse_src f;
        memset(&f, 0, sizeof f);
        char sb[256], tb[256];
        snprintf(sb, sizeof sb, "%s", col(s, 4) ? col(s, 4) : "");
        snprintf(tb, sizeof tb, "%s", col(s, 5) ? col(s, 5) : "");
        f.doc = col(s, 0);
        f.title = col(s, 1);
        f.date = col(s, 2);
        f.date_source = col(s, 3);
        f.nsource = split_codes(sb, f.source, DYAD_PARTY_CODES);
        f.ntarget = split_codes(tb, f.target, DYAD_PARTY_CODES);
        f.source_text = col(s, 6);
        f.target_text = col(s, 7);
        f.type = col(s, 8);
        f.mode = col(s, 9);
        f.status = col(s, 10);
        f.label = col(s, 11);
        f.start = (size_t)sqlite3_column_int64(s, 12);
        f.end = (size_t)sqlite3_column_int64(s, 13);
        f.trigger_start = (size_t)sqlite3_column_int64(s, 14);
        f.trigger_end = (size_t)sqlite3_column_int64(s, 15);
        f.sentence = col(s, 16) ? col(s, 16) : "";
        if ((ret = fn(ud, &f)))
            break;
    }
    if (!ret && rc != SQLITE_DONE)
        ret = dyad__store_fail(st, rc, "reading the events");
    sqlite3_finalize(s);
    return ret;
}

/* ---- the timeline ---- */

int dyad_store_timeline_begin(dyad_store *st)
{
    if (!st->stmt[S_BEGIN])
        return dyad__fail(st->ctx, DYAD_READONLY, "%s: the timeline is not written: the store was opened read-only",
                          st->path);
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE; DELETE FROM timeline_sources; DELETE FROM timeline;", NULL, NULL,
                          NULL);
    if (!rc)
        rc = sqlite3_prepare_v2(st->db,
                                "INSERT OR REPLACE INTO timeline(id, date, dates, disagreement, actors, pair, type,"
                                " quad, mode, status, label, mentions, ndocs) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                " ?9, ?10, ?11, ?12, ?13)",
                                -1, &st->tl_entry, NULL);
    if (!rc)
        rc = sqlite3_prepare_v2(st->db,
                                "INSERT OR REPLACE INTO timeline_sources(entry, seq, doc, start, end, date)"
                                " SELECT ?1, ?2, id, ?4, ?5, ?6 FROM documents WHERE path = ?3",
                                -1, &st->tl_source, NULL);
    if (rc) {
        int err = dyad__store_fail(st, rc, "writing the timeline");
        dyad_store_timeline_end(st, 0);
        return err;
    }
    return DYAD_OK;
}

static int step(sqlite3_stmt *s)
{
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return r == SQLITE_DONE ? SQLITE_OK : r;
}

int dyad_store_timeline_add(dyad_store *st, const dyad_entry *e)
{
    if (!st->tl_entry)
        return dyad__fail(st->ctx, DYAD_ARG, "dyad_store_timeline_add before dyad_store_timeline_begin");
    char dates[1024], actors[256], pair[256];
    size_t o = 0;
    o += (size_t)snprintf(dates, sizeof dates, "[");
    for (int i = 0; i < e->ndates && o + 16 < sizeof dates; i++)
        o += (size_t)snprintf(dates + o, sizeof dates - o, "%s\"%s\"", i ? "," : "", e->dates[i]);
    snprintf(dates + o, sizeof dates - o, "]");
    join(e->actors, e->nactors, 0, actors, sizeof actors);
    join(e->actors, e->nactors, 1, pair, sizeof pair);
    sqlite3_stmt *s = st->tl_entry;
    bind_str(s, 1, e->id);
    bind_str(s, 2, e->date);
    bind_str(s, 3, dates);
    sqlite3_bind_int(s, 4, e->disagreement);
    bind_str(s, 5, actors);
    bind_str(s, 6, pair);
    bind_str(s, 7, e->type);
    int t = dyad_event_type_parse(e->type);
    sqlite3_bind_int(s, 8, t >= 0 ? (int)dyad_event_quad((dyad_event_type)t) : 0);
    bind_str(s, 9, e->mode);
    bind_str(s, 10, e->status);
    bind_str(s, 11, e->label);
    sqlite3_bind_int64(s, 12, (int64_t)e->nmentions);
    sqlite3_bind_int64(s, 13, (int64_t)e->ndocs);
    int rc = step(s);
    for (size_t i = 0; i < e->nsources && !rc; i++) {
        const dyad_fuse_src *x = e->sources[i];
        s = st->tl_source;
        bind_str(s, 1, e->id);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        bind_str(s, 3, x->doc);
        sqlite3_bind_int64(s, 4, (int64_t)x->start);
        sqlite3_bind_int64(s, 5, (int64_t)x->end);
        bind_str(s, 6, x->date);
        rc = step(s);
    }
    if (rc)
        return dyad__store_fail(st, rc, "writing the timeline");
    return DYAD_OK;
}

int dyad_store_timeline_end(dyad_store *st, int commit)
{
    sqlite3_finalize(st->tl_entry);
    sqlite3_finalize(st->tl_source);
    st->tl_entry = st->tl_source = NULL;
    if (sqlite3_get_autocommit(st->db))
        return DYAD_OK;
    int rc = sqlite3_exec(st->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    if (rc && commit) {
        int err = dyad__store_fail(st, rc, "writing the timeline");
        (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return err;
    }
    return DYAD_OK;
}
