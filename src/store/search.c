/* store/search.c — BM25 search over sentences, the safe query translation, the document list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "store/store_int.h"

#define QUERY_MAX_BYTES 4096   /* a longer query is refused: FTS5 cost grows with its terms */
#define QUERY_MAX_TERMS 64     /* terms kept from one query; the rest are ignored */
#define SEARCH_MAX_LIMIT 10000 /* most hits one search returns */

typedef struct term {
    const char *s;   /* text of the word or phrase (without quotes, without the '*') */
    size_t n;
    int prefix;      /* word* */
    int neg;         /* -word, NOT word */
    int or_before;   /* OR between the previous term and this one */
} term;

/* A term is worth searching only if it has a letter or digit: a character the tokenizer keeps
 * (unicode61: letters, numbers, private use). A term of punctuation only ("—", "–", "©", "。")
 * would be an empty FTS5 phrase, which matches nothing and so would empty the whole AND.
 * Bytes that are not valid UTF-8 count as searchable. */
static int searchable(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                return 1;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 1;
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_CO:
            return 1;
        default:
            break;
        }
        i += k;
    }
    return 0;
}

static void add_quoted(dyad__buf *b, const char *s, size_t n)
{
    dyad__buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            dyad__buf_addc(b, '"');
        dyad__buf_addc(b, s[i]);
    }
    dyad__buf_addc(b, '"');
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char *dyad_store_query(const char *q, int *err)
{
    int dummy;
    if (!err)
        err = &dummy;
    *err = DYAD_ARG;
    if (!q)
        return NULL;
    size_t len = strlen(q);
    if (len > QUERY_MAX_BYTES)
        return NULL;
    term t[QUERY_MAX_TERMS];
    size_t nt = 0;
    int pending_or = 0, pending_not = 0;
    size_t i = 0;
    while (i < len && nt < QUERY_MAX_TERMS) {
        while (i < len && is_space(q[i]))
            i++;
        if (i >= len)
            break;
        term cur = {0};
        if (q[i] == '-' && i + 1 < len && !is_space(q[i + 1])) {
            cur.neg = 1;
            i++;
        }
        if (q[i] == '"') { /* a phrase, to the closing quote or the end */
            size_t j = ++i;
            while (j < len && q[j] != '"')
                j++;
            cur.s = q + i;
            cur.n = j - i;
            i = j < len ? j + 1 : j;
            if (i < len && q[i] == '*') {
                cur.prefix = 1;
                i++;
            }
        } else {
            size_t j = i;
            while (j < len && !is_space(q[j]) && q[j] != '"')
                j++;
            cur.s = q + i;
            cur.n = j - i;
            i = j;
            if (!cur.neg) {
                if (cur.n == 2 && !memcmp(cur.s, "OR", 2)) {
                    pending_or = nt > 0;
                    continue;
                }
                if (cur.n == 3 && !memcmp(cur.s, "AND", 3))
                    continue;
                if (cur.n == 3 && !memcmp(cur.s, "NOT", 3)) {
                    pending_not = 1;
                    continue;
                }
            }
            while (cur.n && cur.s[cur.n - 1] == '*') {
                cur.prefix = 1;
                cur.n--;
            }
        }
        if (!searchable(cur.s, cur.n))
            continue;
        cur.neg |= pending_not;
        cur.or_before = pending_or && !cur.neg;
        pending_or = pending_not = 0;
        t[nt++] = cur;
    }
    /* Positive terms: groups joined by OR, terms in a group ANDed; then NOT each negative term. */
    dyad__buf b;
    dyad__buf_init(&b, 8 * QUERY_MAX_BYTES + 256);
    int npos = 0;
    for (size_t k = 0; k < nt; k++) {
        if (t[k].neg)
            continue;
        if (npos)
            dyad__buf_adds(&b, t[k].or_before ? " OR " : " AND ");
        add_quoted(&b, t[k].s, t[k].n);
        if (t[k].prefix)
            dyad__buf_adds(&b, " *");
        npos++;
    }
    if (!npos) {
        dyad__buf_free(&b);
        return NULL; /* nothing, or only exclusions: FTS5 cannot search for "not X" alone */
    }
    if (npos > 1) { /* FTS5: AND binds tighter than OR, which is what "a b OR c" should mean */
        dyad__buf tmp;
        dyad__buf_init(&tmp, 8 * QUERY_MAX_BYTES + 256);
        dyad__buf_addc(&tmp, '(');
        dyad__buf_add(&tmp, b.data, b.len);
        dyad__buf_addc(&tmp, ')');
        dyad__buf_free(&b);
        b = tmp;
    }
    for (size_t k = 0; k < nt; k++) {
        if (!t[k].neg)
            continue;
        dyad__buf_adds(&b, " NOT ");
        add_quoted(&b, t[k].s, t[k].n);
        if (t[k].prefix)
            dyad__buf_adds(&b, " *");
    }
    if (b.err) {
        *err = b.err == DYAD_NOMEM ? DYAD_NOMEM : DYAD_ARG;
        dyad__buf_free(&b);
        return NULL;
    }
    *err = DYAD_OK;
    return dyad__buf_take(&b, NULL);
}

int dyad_store_query_check(const char *q, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    int in_phrase = 0;
    for (size_t i = 0; q && q[i]; i++) {
        char c = q[i];
        if (c == '"') {
            in_phrase = !in_phrase;
            continue;
        }
        if (in_phrase)
            continue;
        if (c == '(' || c == ')' || c == '{' || c == '}')
            *why = "parentheses and braces are FTS5 syntax: put the words in double quotes";
        else if (c == ':' && i > 0 && !is_space(q[i - 1]))
            *why = "a column filter (word:) is FTS5 syntax: put the words in double quotes";
        else if (c == '^' && (i == 0 || is_space(q[i - 1])))
            *why = "^ (start of a column) is FTS5 syntax";
        else if (!strncmp(q + i, "NEAR", 4) && (i == 0 || is_space(q[i - 1])) && q[i + 4] == '(')
            *why = "NEAR() is FTS5 syntax";
        if (*why)
            return DYAD_ARG;
    }
    if (in_phrase) {
        *why = "a double quote is left open";
        return DYAD_ARG;
    }
    return DYAD_OK;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

int dyad_store_search(dyad_store *st, const char *query, unsigned flags, int limit, dyad_hit_fn fn, void *ud)
{
    if (!st || !query || !fn)
        return DYAD_ARG;
    if (limit <= 0)
        limit = 10;
    if (limit > SEARCH_MAX_LIMIT)
        limit = SEARCH_MAX_LIMIT;
    char *fts = NULL;
    if (flags & DYAD_SEARCH_RAW) {
        if (strlen(query) > QUERY_MAX_BYTES)
            return dyad__fail(st->ctx, DYAD_ARG, "query longer than %d bytes", QUERY_MAX_BYTES);
        fts = strdup(query);
        if (!fts)
            return dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
    } else {
        int e;
        fts = dyad_store_query(query, &e);
        if (!fts) {
            if (e == DYAD_NOMEM)
                return dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
            if (strlen(query) > QUERY_MAX_BYTES)
                return dyad__fail(st->ctx, DYAD_ARG, "query longer than %d bytes", QUERY_MAX_BYTES);
            return dyad__fail(st->ctx, DYAD_ARG, "nothing to search for in '%s': no word with a letter or "
                              "digit (other than excluded ones)", query);
        }
    }
    /* CJK characters of the query spaced, as sentences.cjk has them (harmless for the old tokenizer). */
    dyad__buf q, hl;
    dyad__buf_init(&q, 0);
    dyad__buf_init(&hl, 0);
    if (dyad__store_cjk_query(fts, &q)) {
        free(fts);
        dyad__buf_free(&q);
        return dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
    }
    /* Rank inside FTS5 first (the LIMIT applies there, and highlight() runs for the winners only),
     * then fetch the rows of the winners and the sentences around them. The rank is dyad_rank()
     * (store/rank.c): BM25 with a prior against sentences of a few words. A sentence with CJK
     * characters is highlighted in its spaced copy (column 1), mapped back. */
    static const char *const sql =
        "SELECT f.rowid, f.score, f.hl, s.doc, s.block, s.start, s.end, s.text, d.path, d.title, d.date, f.hl1,"
        "       (SELECT text FROM sentences WHERE doc = s.doc AND seq = s.seq - 1),"
        "       (SELECT text FROM sentences WHERE doc = s.doc AND seq = s.seq + 1)"
        " FROM (SELECT rowid, rank AS score,"
        "              highlight(sentences_fts, 0, char(1), char(2)) AS hl,"
        "              highlight(sentences_fts, 1, char(1), char(2)) AS hl1"
        "         FROM sentences_fts WHERE sentences_fts MATCH ?1 AND rank MATCH ?3"
        "        ORDER BY rank LIMIT ?2) AS f"
        " JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc"
        " ORDER BY f.score, f.rowid";
    static const char *const sql_v2 = /* a store of schema 1 or 2 opened read-only: one column */
        "SELECT f.rowid, f.score, f.hl, s.doc, s.block, s.start, s.end, s.text, d.path, d.title, d.date, NULL,"
        "       (SELECT text FROM sentences WHERE doc = s.doc AND seq = s.seq - 1),"
        "       (SELECT text FROM sentences WHERE doc = s.doc AND seq = s.seq + 1)"
        " FROM (SELECT rowid, rank AS score, highlight(sentences_fts, 0, char(1), char(2)) AS hl"
        "         FROM sentences_fts WHERE sentences_fts MATCH ?1 AND rank MATCH ?3"
        "        ORDER BY rank LIMIT ?2) AS f"
        " JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc"
        " ORDER BY f.score, f.rowid";
    sqlite3_stmt *s = NULL;
    int err = DYAD_OK;
    int rc = sqlite3_prepare_v2(st->db, st->schema >= 3 ? sql : sql_v2, -1, &s, NULL);
    if (rc) {
        err = dyad__store_fail(st, rc, NULL);
        goto done;
    }
    sqlite3_bind_text(s, 1, q.data, (int)q.len, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, limit);
    sqlite3_bind_text(s, 3, flags & DYAD_SEARCH_BM25 ? "dyad_rank(0)" : "dyad_rank(1)", -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dyad_hit h = {0};
        h.sentence_id = sqlite3_column_int64(s, 0);
        h.score = sqlite3_column_double(s, 1);
        h.highlighted = col(s, 2);
        h.doc_id = sqlite3_column_int64(s, 3);
        h.block = sqlite3_column_int64(s, 4);
        h.start = sqlite3_column_int64(s, 5);
        h.end = sqlite3_column_int64(s, 6);
        h.sentence = col(s, 7);
        h.path = col(s, 8);
        h.title = col(s, 9);
        h.date = col(s, 10);
        h.before = col(s, 12);
        h.after = col(s, 13);
        if (!h.sentence)
            h.sentence = "";
        if (col(s, 11) && !dyad__store_cjk_unspace(col(s, 11), h.sentence, &hl))
            h.highlighted = hl.data;
        if (!h.highlighted)
            h.highlighted = h.sentence;
        if (!h.path)
            h.path = "";
        int r = fn(ud, &h);
        if (r) {
            err = r;
            goto done;
        }
    }
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_ERROR) /* FTS5 syntax: only reachable with DYAD_SEARCH_RAW */
            err = dyad__fail(st->ctx, DYAD_ARG, "bad query '%s': %s", query, sqlite3_errmsg(st->db));
        else
            err = dyad__store_fail(st, rc, NULL);
    }
done:
    sqlite3_finalize(s);
    free(fts);
    dyad__buf_free(&q);
    dyad__buf_free(&hl);
    return err;
}

int dyad_store_docs(dyad_store *st, dyad_docrow_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    /* tags: schema 4 on; a value that is not JSON (changed by hand) reads as unknown */
    static const char *const sql[2] = {
        "SELECT id, path, format, encoding, hash, title, author, publisher, date, updated, date_source,"
        " bytes, nblocks, nsentences, ingested, NULL FROM documents ORDER BY path",
        "SELECT id, path, format, encoding, hash, title, author, publisher, date, updated, date_source,"
        " bytes, nblocks, nsentences, ingested, iif(json_valid(tags), tags, NULL) FROM documents ORDER BY path"};
    sqlite3_stmt *s = NULL;
    int err = DYAD_OK;
    int rc = sqlite3_prepare_v2(st->db, sql[st->schema >= 4], -1, &s, NULL);
    if (rc) {
        err = dyad__store_fail(st, rc, NULL);
        goto done;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dyad_docrow r = {0};
        r.id = sqlite3_column_int64(s, 0);
        r.path = col(s, 1);
        r.format = col(s, 2);
        r.encoding = col(s, 3);
        r.hash = col(s, 4);
        r.title = col(s, 5);
        r.author = col(s, 6);
        r.publisher = col(s, 7);
        r.date = col(s, 8);
        r.updated = col(s, 9);
        r.date_source = col(s, 10);
        r.bytes = sqlite3_column_int64(s, 11);
        r.nblocks = sqlite3_column_int64(s, 12);
        r.nsentences = sqlite3_column_int64(s, 13);
        r.ingested = col(s, 14);
        r.tags = col(s, 15);
        if (!r.path)
            r.path = "";
        if (!r.format)
            r.format = "";
        int x = fn(ud, &r);
        if (x) {
            err = x;
            goto done;
        }
    }
    if (rc != SQLITE_DONE)
        err = dyad__store_fail(st, rc, NULL);
done:
    sqlite3_finalize(s);
    return err;
}

int dyad_store_verify(dyad_store *st)
{
    if (!st)
        return DYAD_ARG;
    static const char *const checks[] = {
        "PRAGMA integrity_check",
        "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('integrity-check', 1)",
        ("SELECT 'document ' || d.id || ' counts ' || d.nsentences || ' sentences but has ' || count(s.id)"
         " FROM documents d LEFT JOIN sentences s ON s.doc = d.id GROUP BY d.id"
         " HAVING count(s.id) <> d.nsentences LIMIT 1"),
        ("SELECT 'sentence ' || s.id || ' belongs to no document' FROM sentences s"
         " LEFT JOIN documents d ON d.id = s.doc WHERE d.id IS NULL LIMIT 1"),
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (i == 1 && (st->flags & DYAD_STORE_READONLY))
            continue; /* FTS5 runs its check as a write statement: not possible read-only */
        sqlite3_stmt *s = NULL;
        int rc = sqlite3_prepare_v2(st->db, checks[i], -1, &s, NULL);
        const char *bad = NULL;
        char msg[512] = "";
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(s);
            if (rc == SQLITE_ROW) {
                const char *v = (const char *)sqlite3_column_text(s, 0);
                if (i == 0 ? (v && strcmp(v, "ok") != 0) : v != NULL) {
                    snprintf(msg, sizeof msg, "%s", v);
                    bad = msg;
                }
                rc = SQLITE_OK;
            } else if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK && !bad) {
            snprintf(msg, sizeof msg, "%s%s", i == 1 ? "the full-text index does not match the sentences: " : "",
                     sqlite3_errmsg(st->db));
            bad = msg;
        }
        sqlite3_finalize(s);
        if (bad)
            return dyad__fail(st->ctx, DYAD_STORE, "%s: store check failed: %s", st->path, bad);
    }
    return DYAD_OK;
}
