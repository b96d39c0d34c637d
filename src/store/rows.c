/* store/rows.c — events and timeline entries read back as rows, for exports, reports and the server:
 * filtered by codes, years, type and document in SQL, paged, in date order, each row with the document
 * it cites; counts by filter, by year and by pair. The tables are in store.c; dyad/store.h has the
 * contract. Only SELECTs: these run on a store opened read-only. Filter values are bound as
 * parameters, never pasted into SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define ROWS_MAX_CODES DYAD_STORE_FILTER_CODES /* codes a filter can ask for; more are refused */

int dyad_store_schema(const dyad_store *st) { return st ? st->schema : 0; }

int dyad_store_filter_codes(dyad_store_filter *f, const char *list, char *buf, size_t cap)
{
    f->ncodes = 0;
    if (!list || !*list)
        return DYAD_OK;
    size_t n = strlen(list);
    if (n + 1 > cap)
        return DYAD_ARG;
    memcpy(buf, list, n + 1);
    for (char *p = buf; *p;) {
        char *c = strchr(p, ',');
        if (c)
            *c = 0;
        size_t k = strlen(p);
        if (k < 2 || k > 15 || f->ncodes >= ROWS_MAX_CODES) {
            f->ncodes = 0;
            return DYAD_ARG;
        }
        for (size_t i = 0; i < k; i++) {
            char ch = p[i];
            if (ch >= 'a' && ch <= 'z')
                p[i] = (char)(ch - 32);
            else if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) {
                f->ncodes = 0;
                return DYAD_ARG;
            }
        }
        f->codes[f->ncodes++] = p;
        if (!c)
            break;
        p = c + 1;
    }
    return DYAD_OK;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }
static const char *col_or(sqlite3_stmt *s, int i, const char *dflt) { return col(s, i) ? col(s, i) : dflt; }

/* codes of "A,B" into out[] (pointers into buf, which is modified); how many. */
static int split_list(char *buf, const char **out, int max)
{
    int n = 0;
    for (char *p = buf; p && *p && n < max;) {
        char *c = strchr(p, ',');
        if (c)
            *c = 0;
        if (*p)
            out[n++] = p;
        p = c ? c + 1 : NULL;
    }
    return n;
}

/* ---- the filter as SQL ----
 * where() appends the WHERE clause of a filter on table alias t (columns actors, date, type; doc when
 * with_doc) and bind() binds its values; parameters are numbered from ?1 in the same order in both:
 * the codes, from, to, type, doc. page() appends LIMIT and OFFSET. */

static int where(dyad_store *st, const dyad_store_filter *f, const char *t, int with_doc, dyad__buf *sql)
{
    int n = 0;
    dyad__buf_adds(sql, " WHERE 1");
    if (!f)
        return DYAD_OK;
    if (f->ncodes < 0 || f->ncodes > ROWS_MAX_CODES)
        return dyad__fail(st->ctx, DYAD_ARG, "at most %d codes in a filter", ROWS_MAX_CODES);
    for (int i = 0; i < f->ncodes; i++)
        dyad__buf_printf(sql, " AND instr(',' || %s.actors || ',', ',' || ?%d || ',') > 0", t, ++n);
    if (f->from)
        dyad__buf_printf(sql, " AND %s.date IS NOT NULL AND CAST(substr(%s.date, 1, 4) AS INTEGER) >= ?%d", t, t, ++n);
    if (f->to)
        dyad__buf_printf(sql, " AND %s.date IS NOT NULL AND CAST(substr(%s.date, 1, 4) AS INTEGER) <= ?%d", t, t, ++n);
    if (f->type)
        dyad__buf_printf(sql, " AND %s.type = ?%d", t, ++n);
    if (with_doc && f->doc > 0)
        dyad__buf_printf(sql, " AND %s.doc = ?%d", t, ++n);
    return DYAD_OK;
}

static void bind(sqlite3_stmt *s, const dyad_store_filter *f, int with_doc)
{
    int n = 0;
    if (!f)
        return;
    for (int i = 0; i < f->ncodes; i++)
        sqlite3_bind_text(s, ++n, f->codes[i], -1, SQLITE_STATIC);
    if (f->from)
        sqlite3_bind_int(s, ++n, f->from);
    if (f->to)
        sqlite3_bind_int(s, ++n, f->to);
    if (f->type)
        sqlite3_bind_text(s, ++n, f->type, -1, SQLITE_STATIC);
    if (with_doc && f->doc > 0)
        sqlite3_bind_int64(s, ++n, f->doc);
}

static void page(const dyad_store_filter *f, dyad__buf *sql)
{
    if (f && f->limit > 0)
        dyad__buf_printf(sql, " LIMIT %lld", (long long)f->limit);
    if (f && f->offset > 0)
        dyad__buf_printf(sql, "%s OFFSET %lld", f->limit > 0 ? "" : " LIMIT -1", (long long)f->offset);
}

/* Prepares head + the filter's WHERE on t + tail (+ paging when paged) into *s, with the filter
 * bound. DYAD_OK, DYAD_ARG, DYAD_NOMEM, DYAD_STORE. */
static int prepare(dyad_store *st, const dyad_store_filter *f, const char *head, const char *t, int with_doc,
                   const char *tail, int paged, sqlite3_stmt **s)
{
    *s = NULL;
    dyad__buf sql;
    dyad__buf_init(&sql, 0);
    dyad__buf_adds(&sql, head);
    int err = where(st, f, t, with_doc, &sql);
    dyad__buf_adds(&sql, tail);
    if (paged)
        page(f, &sql);
    int rc;
    if (!err && sql.err)
        err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
    if (!err && (rc = sqlite3_prepare_v2(st->db, sql.data, -1, s, NULL)))
        err = dyad__store_fail(st, rc, "reading the store");
    dyad__buf_free(&sql);
    if (!err)
        bind(*s, f, with_doc);
    return err;
}

int dyad__store_each(dyad_store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *, void *), void *ud)
{
    int rc, ret = DYAD_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((ret = row(s, ud)))
            break;
    if (!ret && rc != SQLITE_DONE)
        ret = dyad__store_fail(st, rc, "reading the store");
    sqlite3_finalize(s);
    return ret;
}

int dyad__store_count_row(sqlite3_stmt *s, void *ud)
{
    *(int64_t *)ud = sqlite3_column_int64(s, 0);
    return 0;
}

/* count(*) of table (alias t) under the filter into *n. */
static int count(dyad_store *st, const dyad_store_filter *f, const char *head, const char *t, int with_doc, int64_t *n)
{
    if (n)
        *n = 0;
    if (!st || !n)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK; /* a store of dyad 0.1 has no events and no timeline */
    sqlite3_stmt *s;
    int err = prepare(st, f, head, t, with_doc, "", 0, &s);
    return err ? err : dyad__store_each(st, s, dyad__store_count_row, n);
}

typedef struct cb {
    void *fn;
    void *ud;
} cb;

/* The document columns, as selected by DOC_COLS from documents d, starting at column i. */
#define DOC_COLS "d.id, d.path, d.hash, d.title, d.publisher, d.date, d.url, d.ingested"
static void read_doc(sqlite3_stmt *s, int i, dyad_store_cite *c)
{
    c->id = sqlite3_column_int64(s, i);
    c->path = col_or(s, i + 1, "");
    c->hash = col_or(s, i + 2, "");
    c->title = col(s, i + 3);
    c->publisher = col(s, i + 4);
    c->date = col(s, i + 5);
    c->url = col(s, i + 6);
    c->ingested = col(s, i + 7);
}

static int64_t int_or(sqlite3_stmt *s, int i, int64_t dflt)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(s, i);
}

/* ---- events ---- */

static int event_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_event_row r;
    memset(&r, 0, sizeof r);
    char ab[256], sb[256], tb[256];
    r.id = sqlite3_column_int64(s, 0);
    r.seq = sqlite3_column_int64(s, 1);
    r.sentence = sqlite3_column_int64(s, 2);
    r.start = sqlite3_column_int64(s, 3);
    r.end = sqlite3_column_int64(s, 4);
    r.text = col_or(s, 5, "");
    r.type = col_or(s, 6, "");
    r.quad = sqlite3_column_int(s, 7);
    r.mode = col(s, 8);
    r.status = col_or(s, 9, "happened");
    r.label = col(s, 10);
    r.date = col(s, 11);
    r.date_source = col_or(s, 12, "none");
    r.date_start = int_or(s, 13, -1);
    r.date_end = int_or(s, 14, -1);
    snprintf(ab, sizeof ab, "%s", col_or(s, 15, ""));
    snprintf(sb, sizeof sb, "%s", col_or(s, 16, ""));
    snprintf(tb, sizeof tb, "%s", col_or(s, 17, ""));
    r.nactors = split_list(ab, r.actors, 2 * DYAD_PARTY_CODES);
    r.nsource = split_list(sb, r.source, DYAD_PARTY_CODES);
    r.ntarget = split_list(tb, r.target, DYAD_PARTY_CODES);
    r.source_text = col(s, 18);
    r.source_sector = col(s, 19);
    r.target_text = col(s, 20);
    r.target_sector = col(s, 21);
    r.trigger_start = sqlite3_column_int64(s, 22);
    r.trigger_end = sqlite3_column_int64(s, 23);
    read_doc(s, 24, &r.doc);
    return ((dyad_event_row_fn)c->fn)(c->ud, &r);
}

int dyad_store_event_rows(dyad_store *st, const dyad_store_filter *f, dyad_event_row_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK; /* a store of dyad 0.1 has no events */
    sqlite3_stmt *s;
    int err = prepare(st, f,
                      "SELECT e.id, e.seq, e.sentence, e.start, e.end, s.text, e.type, e.quad, e.mode, e.status, e.label,"
                      " e.date, e.date_source, e.date_start, e.date_end, e.actors, e.source, e.target, e.source_text,"
                      " e.source_sector, e.target_text, e.target_sector, e.trigger_start, e.trigger_end, " DOC_COLS
                      " FROM events e JOIN documents d ON d.id = e.doc"
                      " LEFT JOIN sentences s ON s.doc = e.doc AND s.seq = e.sentence",
                      "e", 1,
                      f && f->doc > 0 ? " ORDER BY e.seq" : " ORDER BY e.date IS NULL, e.date, d.path, e.seq", 1, &s);
    if (err)
        return err;
    cb c = {(void *)fn, ud};
    return dyad__store_each(st, s, event_row, &c);
}

int dyad_store_event_count(dyad_store *st, const dyad_store_filter *f, int64_t *n)
{
    return count(st, f, "SELECT count(*) FROM events e", "e", 1, n);
}

/* ---- sources of timeline entries ---- */

/* The sources of entry ?1. The sentence is found by its span within the document (sentences_span)
 * and its paragraph through the sentence's block, so each source costs two index look-ups however
 * many blocks the document has. A source whose document changed since the timeline was fused shows
 * the sentence now at that span, or nothing (sentence "", no paragraph). */
#define SOURCES_SQL                                                                                         \
    "SELECT ts.seq, ts.start, ts.end, ts.date, se.text, b.text, b.start, " DOC_COLS                        \
    " FROM timeline_sources ts JOIN documents d ON d.id = ts.doc"                                          \
    " LEFT JOIN sentences se ON se.doc = ts.doc AND se.start = ts.start AND se.end = ts.end"               \
    " LEFT JOIN blocks b ON b.doc = ts.doc AND b.seq = se.block"                                           \
    " WHERE ts.entry = ?1 ORDER BY ts.seq"

static void read_source(sqlite3_stmt *s, dyad_source_row *r)
{
    memset(r, 0, sizeof *r);
    r->seq = sqlite3_column_int64(s, 0);
    r->start = sqlite3_column_int64(s, 1);
    r->end = sqlite3_column_int64(s, 2);
    r->date = col(s, 3);
    r->sentence = col_or(s, 4, "");
    r->block = col(s, 5);
    r->block_start = sqlite3_column_int64(s, 6);
    read_doc(s, 7, &r->doc);
}

static int source_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_source_row r;
    read_source(s, &r);
    return ((dyad_source_row_fn)c->fn)(c->ud, &r);
}

int dyad_store_entry_sources(dyad_store *st, const char *id, dyad_source_row_fn fn, void *ud)
{
    if (!st || !id || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, SOURCES_SQL, -1, &s, NULL);
    if (rc)
        return dyad__store_fail(st, rc, "reading the timeline");
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    cb c = {(void *)fn, ud};
    return dyad__store_each(st, s, source_row, &c);
}

/* ---- timeline entries with their sources ---- */

#define ROWS_MAX_SOURCES DYAD_FUSE_MAX_SOURCES /* sources read per entry (fusion lists no more) */
#define ROWS_MAX_DATES 64                      /* dates read per entry */

/* A source's strings, kept in a pool while the next sources are read: the pool moves as it grows, so
 * they are kept as offsets and turned into pointers once all are read. */
enum { SP_PATH, SP_HASH, SP_TITLE, SP_PUBLISHER, SP_DOCDATE, SP_URL, SP_INGESTED, SP_SENTENCE, SP_DATE, SP_BLOCK, SP_N };
#define NO_STR ((size_t)-1)

typedef struct src_at {
    dyad_source_row r; /* numbers; strings filled in from off[] once the pool stops moving */
    size_t off[SP_N];
} src_at;

static size_t pool_add(dyad__buf *pool, const char *s)
{
    if (!s)
        return NO_STR;
    size_t at = pool->len;
    dyad__buf_add(pool, s, strlen(s) + 1);
    return at;
}

static const char *pool_str(const dyad__buf *pool, size_t off) { return off == NO_STR ? NULL : pool->data + off; }

/* The sources of entry id, read with q (SOURCES_SQL) into src[] (at most ROWS_MAX_SOURCES), their
 * strings into pool; *n how many. */
static int read_sources(dyad_store *st, sqlite3_stmt *q, const char *id, src_at *src, size_t *n, dyad__buf *pool)
{
    *n = 0;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < ROWS_MAX_SOURCES) {
        src_at *a = &src[(*n)++];
        read_source(q, &a->r);
        const dyad_source_row *r = &a->r;
        a->off[SP_DATE] = pool_add(pool, r->date);
        a->off[SP_SENTENCE] = pool_add(pool, r->sentence);
        a->off[SP_BLOCK] = pool_add(pool, r->block);
        a->off[SP_PATH] = pool_add(pool, r->doc.path);
        a->off[SP_HASH] = pool_add(pool, r->doc.hash);
        a->off[SP_TITLE] = pool_add(pool, r->doc.title);
        a->off[SP_PUBLISHER] = pool_add(pool, r->doc.publisher);
        a->off[SP_DOCDATE] = pool_add(pool, r->doc.date);
        a->off[SP_URL] = pool_add(pool, r->doc.url);
        a->off[SP_INGESTED] = pool_add(pool, r->doc.ingested);
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return dyad__store_fail(st, rc, "reading the timeline");
    return DYAD_OK;
}

int dyad_store_timeline_rows(dyad_store *st, const dyad_store_filter *f, dyad_entry_row_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK; /* a store of dyad 0.1 has no timeline */
    dyad__buf pool;
    dyad__buf_init(&pool, 0);
    src_at *src = malloc(ROWS_MAX_SOURCES * sizeof *src);
    dyad_source_row *rows = malloc(ROWS_MAX_SOURCES * sizeof *rows);
    sqlite3_stmt *s = NULL, *q = NULL;
    int err = DYAD_OK, rc = SQLITE_OK;
    if (!src || !rows) {
        err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
        goto done;
    }
    if ((err = prepare(st, f,
                       "SELECT t.id, t.date, t.dates, t.disagreement, t.actors, t.type, t.quad, t.mode, t.status,"
                       " t.label, t.mentions, t.ndocs FROM timeline t",
                       "t", 0, " ORDER BY t.date IS NULL, t.date, t.type, t.id", 1, &s)))
        goto done;
    if ((rc = sqlite3_prepare_v2(st->db, SOURCES_SQL, -1, &q, NULL))) {
        err = dyad__store_fail(st, rc, "reading the timeline");
        goto done;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dyad_entry_row e;
        memset(&e, 0, sizeof e);
        e.id = col_or(s, 0, "");
        dyad__buf_reset(&pool);
        size_t n = 0;
        if ((err = read_sources(st, q, e.id, src, &n, &pool)))
            break;
        /* the dates, from the JSON array of plain strings the store keeps ("[\"1998\",\"1999\"]") */
        size_t date_off[ROWS_MAX_DATES];
        int nd = 0;
        const char *d = col_or(s, 2, "");
        for (const char *p = strchr(d, '"'); p && nd < ROWS_MAX_DATES;) {
            const char *q2 = strchr(p + 1, '"');
            if (!q2)
                break;
            date_off[nd++] = pool.len;
            dyad__buf_add(&pool, p + 1, (size_t)(q2 - p - 1));
            dyad__buf_addc(&pool, 0);
            p = strchr(q2 + 1, '"');
        }
        char ab[256];
        snprintf(ab, sizeof ab, "%s", col_or(s, 4, ""));
        const char *actors[2 * DYAD_PARTY_CODES];
        e.nactors = split_list(ab, actors, 2 * DYAD_PARTY_CODES);
        e.actors = actors;
        if (pool.err) {
            err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
            break;
        }
        const char *dates[ROWS_MAX_DATES];
        for (int i = 0; i < nd; i++)
            dates[i] = pool.data + date_off[i];
        e.dates = dates;
        e.ndates = nd;
        for (size_t i = 0; i < n; i++) {
            rows[i] = src[i].r;
            rows[i].date = pool_str(&pool, src[i].off[SP_DATE]);
            rows[i].sentence = pool_str(&pool, src[i].off[SP_SENTENCE]);
            rows[i].block = pool_str(&pool, src[i].off[SP_BLOCK]);
            rows[i].doc.path = pool_str(&pool, src[i].off[SP_PATH]);
            rows[i].doc.hash = pool_str(&pool, src[i].off[SP_HASH]);
            rows[i].doc.title = pool_str(&pool, src[i].off[SP_TITLE]);
            rows[i].doc.publisher = pool_str(&pool, src[i].off[SP_PUBLISHER]);
            rows[i].doc.date = pool_str(&pool, src[i].off[SP_DOCDATE]);
            rows[i].doc.url = pool_str(&pool, src[i].off[SP_URL]);
            rows[i].doc.ingested = pool_str(&pool, src[i].off[SP_INGESTED]);
        }
        e.sources = rows;
        e.nsources = n;
        e.date = col(s, 1);
        e.disagreement = sqlite3_column_int(s, 3);
        e.type = col_or(s, 5, "");
        e.quad = sqlite3_column_int(s, 6);
        e.mode = col(s, 7);
        e.status = col_or(s, 8, "happened");
        e.label = col(s, 9);
        e.mentions = sqlite3_column_int64(s, 10);
        e.ndocs = sqlite3_column_int64(s, 11);
        if ((err = fn(ud, &e)))
            break;
    }
    if (!err && rc != SQLITE_DONE)
        err = dyad__store_fail(st, rc, "reading the timeline");
done:
    sqlite3_finalize(s);
    sqlite3_finalize(q);
    free(src);
    free(rows);
    dyad__buf_free(&pool);
    return err;
}

int dyad_store_timeline_count(dyad_store *st, const dyad_store_filter *f, int64_t *n)
{
    return count(st, f, "SELECT count(*) FROM timeline t", "t", 0, n);
}

static int year_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    return ((dyad_year_fn)c->fn)(c->ud, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1), sqlite3_column_int64(s, 2));
}

int dyad_store_timeline_years(dyad_store *st, const dyad_store_filter *f, dyad_year_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK;
    sqlite3_stmt *s;
    int err = prepare(st, f,
                      "SELECT CASE WHEN t.date IS NULL THEN 0 ELSE CAST(substr(t.date, 1, 4) AS INTEGER) END AS y,"
                      " t.quad, count(*) FROM timeline t",
                      "t", 0, " GROUP BY y, t.quad ORDER BY y, t.quad", 0, &s);
    if (err)
        return err;
    cb c = {(void *)fn, ud};
    return dyad__store_each(st, s, year_row, &c);
}

static int pair_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    return ((dyad_pair_fn)c->fn)(c->ud, col_or(s, 0, ""), sqlite3_column_int64(s, 1));
}

int dyad_store_pairs(dyad_store *st, dyad_pair_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "SELECT pair, count(*) AS n FROM timeline GROUP BY pair ORDER BY n DESC, pair",
                                -1, &s, NULL);
    if (rc)
        return dyad__store_fail(st, rc, "reading the timeline");
    cb c = {(void *)fn, ud};
    return dyad__store_each(st, s, pair_row, &c);
}
