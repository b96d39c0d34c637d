/* store/rank.c — the FTS5 rank function "dyad_rank": BM25 times a prior on the sentence's length,
 * and a bonus for the query's words next to each other.
 *
 * Why: BM25 normalises term frequency by length (b = 0.75), which is right for documents but makes
 * a bare heading ("Yen loans", two tokens) the best hit for the words it holds, above the sentences
 * that say something about them. People search sentences for what they say, so a sentence shorter
 * than RANK_FULL_TOKENS tokens has its score scaled by (tokens / RANK_FULL_TOKENS): a two-token
 * heading keeps a fifth of its score, a sentence of ten tokens or more all of it. The set of hits
 * is unchanged (a phrase query still finds only the phrase); only the order moves.
 * tests/suite_search_rank.sh measures it on a collection with known answers (tests/search/).
 *
 * dyad_rank(P): P = 1 applies the prior and the bonus (RANK_ADJACENT), P = 0 gives exactly what FTS5's bm25() gives (k1 = 1.2,
 * b = 0.75, the same IDF; test_store.c checks they agree), for comparisons (dyad search --bm25).
 * Like bm25() it returns minus the score, so that ORDER BY rank puts the best first.
 * Columns (schema 3 on): the index has two, the sentence (text) and, for a sentence with Chinese
 * characters or kana, its spaced copy (cjk, NULL otherwise). The BM25 part counts instances and
 * tokens over both, as bm25() does. The prior takes the sentence's length from the spaced copy when
 * there is one (every such character a token, as the sentence is searched), else from the text, so
 * that no sentence is counted twice. Words are next to each other only within one column. A store
 * of schema 1 or 2 (read-only) has the text column alone.
 * Cost: the IDF of each phrase is computed once per query (one pass over its hits), then each row
 * costs its phrase instances, as for bm25().
 */
#include <math.h>
#include <string.h>

#include "store/store_int.h"

/* BM25 parameters, as FTS5's bm25() has them. */
#define RANK_K1 1.2
#define RANK_B 0.75
/* Sentences of this many tokens or more keep their whole BM25 score; shorter ones a share. */
#define RANK_FULL_TOKENS 10
/* A sentence holding the query's words next to each other, in the query's order, has its score
 * multiplied by up to this (in proportion to the pairs of neighbouring query words found next to
 * each other), so that demoting short headings does not let a long sentence with the words
 * scattered overtake one that holds them as written. */
#define RANK_ADJACENT 2.0

typedef struct rank_query {
    int nphrase;
    double avgdl; /* mean tokens per sentence in the index */
    double *idf;  /* per phrase */
    double *freq; /* per phrase, for the current row */
    int *size;    /* per phrase: its tokens */
    int *last;    /* per phrase, for the current row: offset of its last instance seen, or -1 */
    int *col;     /* per phrase, for the current row: the column of that instance */
    int *next_to; /* per phrase i >= 1, for the current row: found right after phrase i - 1 */
} rank_query;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)ud)++;
    return SQLITE_OK;
}

/* The per-query values, computed on the first row and kept as the query's auxiliary data. */
static rank_query *query_data(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
    rank_query *q = api->xGetAuxdata(fts, 0);
    if (q)
        return q;
    int np = api->xPhraseCount(fts);
    size_t k = (size_t)(np > 0 ? np : 1);
    q = sqlite3_malloc64(sizeof *q + 2 * k * sizeof(double) + 4 * k * sizeof(int));
    if (!q) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    memset(q, 0, sizeof *q);
    q->nphrase = np;
    q->idf = (double *)(q + 1);
    q->freq = q->idf + k;
    q->size = (int *)(q->freq + k);
    q->last = q->size + k;
    q->col = q->last + k;
    q->next_to = q->col + k;
    for (int i = 0; i < np; i++)
        q->size[i] = api->xPhraseSize(fts, i);
    sqlite3_int64 nrow = 0, ntok = 0;
    *rc = api->xRowCount(fts, &nrow);
    if (*rc == SQLITE_OK)
        *rc = api->xColumnTotalSize(fts, -1, &ntok);
    if (*rc == SQLITE_OK)
        q->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
    for (int i = 0; *rc == SQLITE_OK && i < np; i++) {
        sqlite3_int64 nhit = 0;
        *rc = api->xQueryPhrase(fts, i, &nhit, count_row);
        double idf = log(((double)nrow - (double)nhit + 0.5) / ((double)nhit + 0.5));
        q->idf[i] = idf > 0.0 ? idf : 1e-6; /* as bm25(): a word in most rows still counts a little */
    }
    if (*rc == SQLITE_OK)
        *rc = api->xSetAuxdata(fts, q, sqlite3_free);
    else
        sqlite3_free(q);
    return *rc == SQLITE_OK ? q : NULL;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val)
{
    int prior = nval > 0 ? sqlite3_value_int(val[0]) != 0 : 1;
    int rc = SQLITE_OK;
    rank_query *q = query_data(api, fts, &rc);
    int ninst = 0, dl = 0, len = 0;
    if (rc == SQLITE_OK)
        rc = api->xInstCount(fts, &ninst);
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &dl);
    if (rc == SQLITE_OK && api->xColumnCount(fts) > 1)
        rc = api->xColumnSize(fts, 1, &len); /* the spaced copy: 0 tokens when there is none */
    if (len == 0)
        len = dl;
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (int i = 0; i < q->nphrase; i++) {
        q->freq[i] = 0.0;
        q->last[i] = -1;
        q->col[i] = -1;
        q->next_to[i] = 0;
    }
    /* Instances come in the order of their column, then offset, so phrase i - 1 right before an
     * instance of phrase i is the last instance of i - 1 seen, in the same column: one pass, linear
     * in the instances. */
    for (int i = 0; i < ninst; i++) {
        int ip, ic, io;
        if ((rc = api->xInst(fts, i, &ip, &ic, &io)) != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
        if (ip < 0 || ip >= q->nphrase)
            continue;
        q->freq[ip] += 1.0;
        if (ip > 0 && q->last[ip - 1] >= 0 && q->col[ip - 1] == ic && q->last[ip - 1] + q->size[ip - 1] == io)
            q->next_to[ip] = 1;
        q->last[ip] = io;
        q->col[ip] = ic;
    }
    double score = 0.0, norm = RANK_K1 * (1.0 - RANK_B + RANK_B * (double)dl / q->avgdl);
    int pairs = 0;
    for (int i = 0; i < q->nphrase; i++) {
        score += q->idf[i] * (q->freq[i] * (RANK_K1 + 1.0)) / (q->freq[i] + norm);
        pairs += q->next_to[i];
    }
    if (prior && len < RANK_FULL_TOKENS)
        score *= (double)len / RANK_FULL_TOKENS;
    if (prior && q->nphrase > 1)
        score *= 1.0 + (RANK_ADJACENT - 1.0) * pairs / (q->nphrase - 1);
    sqlite3_result_double(ctx, -score);
}

int dyad__store_rank(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(s);
    }
    sqlite3_finalize(s);
    if (!api)
        return rc ? rc : SQLITE_ERROR;
    return api->xCreateFunction(api, "dyad_rank", NULL, rank_fn, NULL);
}
