/* store/tokenize.c — CJK text and the full-text index.
 *
 * Since schema 3 the index uses SQLite's built-in tokenizer "porter unicode61 remove_diacritics 2",
 * so that the sqlite3 shell, Python's sqlite3 module and Datasette can query it without loading
 * anything of ours. unicode61 keeps a run of Japanese text without spaces as one token
 * ("日本とインドは"), so no Japanese word inside it could be found. The store therefore keeps, for a
 * sentence with Chinese characters or kana, a second copy in sentences.cjk with a space between
 * each such character and its neighbours ("日 本 と イ ン ド は"); the index covers both columns.
 * A Japanese query is then a phrase of single characters: dyad spaces the characters of a query
 * itself (dyad__store_cjk_query), a person in the shell writes MATCH '"日 本"'. Highlights of the
 * spaced column are mapped back onto the sentence (dyad__store_cjk_unspace).
 *
 * Before schema 3 the index used the custom tokenizer "dyad" below (the same tokens: porter over
 * unicode61, with one token per CJK character). It is still registered on every connection so that
 * dyad can search a store of schema 1 or 2 opened read-only, and drop its index when upgrading it.
 */
#include <string.h>

#include "store/store_int.h"

typedef struct dyad_tok {
    fts5_tokenizer inner_fn;   /* the porter tokenizer's functions */
    Fts5Tokenizer *inner;      /* its instance: porter unicode61 remove_diacritics 2 */
} dyad_tok;

typedef int (*token_fn)(void *, int, const char *, int, int, int);

static int is_cjk(int32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) ||   /* hiragana, katakana */
           (c >= 0x31F0 && c <= 0x31FF) ||   /* katakana phonetic extensions */
           (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
           (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
           (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
           (c >= 0xFF66 && c <= 0xFF9F) ||   /* half-width katakana */
           (c >= 0x20000 && c <= 0x2FFFF);   /* CJK extensions B and later */
}

/* Length of the CJK character at s, or 0 when it is not one. */
static size_t cjk_at(const char *s, size_t n)
{
    int32_t cp;
    size_t k = dyad__utf8_decode(s, n, &cp);
    return k && is_cjk(cp) ? k : 0;
}

/* Length of the character at s (1 for a byte that is not valid UTF-8); *cjk says whether it is one. */
static size_t char_at(const char *s, size_t n, int *cjk)
{
    int32_t cp;
    size_t k = dyad__utf8_decode(s, n, &cp);
    *cjk = k && is_cjk(cp);
    return k ? k : 1;
}

int dyad__store_cjk_spaced(const char *s, size_t n, dyad__buf *out)
{
    dyad__buf_reset(out);
    int any = 0, prev_cjk = 0;
    char prev = ' ';
    for (size_t i = 0; i < n;) {
        int cjk;
        size_t k = char_at(s + i, n - i, &cjk);
        if ((cjk || prev_cjk) && prev != ' ' && s[i] != ' ' && i > 0)
            dyad__buf_addc(out, ' ');
        dyad__buf_add(out, s + i, k);
        any |= cjk;
        prev_cjk = cjk;
        prev = s[i];
        i += k;
    }
    return out->err ? -1 : any;
}

/* FTS5 query syntax: the characters of a bareword (besides any byte >= 0x80). */
static int bare_char(unsigned char c)
{
    return c >= 0x80 || c == '_' || c == 0x1A || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

int dyad__store_cjk_query(const char *q, dyad__buf *out)
{
    dyad__buf_reset(out);
    dyad__buf tmp;
    dyad__buf_init(&tmp, 0);
    size_t n = strlen(q);
    for (size_t i = 0; i < n;) {
        if (q[i] == '"') { /* a string, to its closing quote ("" inside is a quote) */
            size_t j = i + 1;
            while (j < n && !(q[j] == '"' && (j + 1 >= n || q[j + 1] != '"')))
                j += q[j] == '"' ? 2 : 1;
            dyad__store_cjk_spaced(q + i, (j < n ? j + 1 : n) - i, &tmp);
            dyad__buf_add(out, tmp.data, tmp.len);
            i = j < n ? j + 1 : n;
            continue;
        }
        if (!bare_char((unsigned char)q[i])) {
            dyad__buf_addc(out, q[i++]);
            continue;
        }
        size_t j = i;
        while (j < n && bare_char((unsigned char)q[j]))
            j++;
        int any = dyad__store_cjk_spaced(q + i, j - i, &tmp);
        if (any > 0) { /* a bareword with CJK characters: the string of its spaced form */
            dyad__buf_addc(out, '"');
            dyad__buf_add(out, tmp.data, tmp.len);
            dyad__buf_addc(out, '"');
        } else
            dyad__buf_add(out, q + i, j - i);
        i = j;
    }
    int err = tmp.err || out->err;
    dyad__buf_free(&tmp);
    return err ? -1 : 0;
}

int dyad__store_cjk_unspace(const char *hl, const char *text, dyad__buf *out)
{
    dyad__buf_reset(out);
    size_t j = 0, n = strlen(text);
    for (const char *p = hl; *p; p++) {
        if (*p == '\001' || *p == '\002')
            dyad__buf_addc(out, *p);
        else if (j < n && *p == text[j])
            dyad__buf_addc(out, text[j++]);
        else if (*p != ' ')
            return -1; /* not the spaced form of this text */
    }
    return j == n && !out->err ? 0 : -1;
}

typedef struct shift_ctx {
    void *ctx;
    token_fn fn;
    int base;
} shift_ctx;

static int shifted(void *p, int tflags, const char *tok, int n, int s, int e)
{
    shift_ctx *x = p;
    return x->fn(x->ctx, tflags, tok, n, s + x->base, e + x->base);
}

typedef struct wrap_ctx {
    dyad_tok *t;
    void *ctx;
    token_fn fn;
    const char *text;
    int flags;
} wrap_ctx;

static int wrapped(void *p, int tflags, const char *tok, int n, int s, int e)
{
    wrap_ctx *w = p;
    const char *src = w->text;
    int any = 0;
    for (int i = s; i < e;) {
        size_t k = cjk_at(src + i, (size_t)(e - i));
        if (k) {
            any = 1;
            break;
        }
        i++;
    }
    if (!any)
        return w->fn(w->ctx, tflags, tok, n, s, e);
    /* Split: each CJK character alone, the stretches between them through porter again. */
    int i = s, rc = SQLITE_OK;
    while (i < e && rc == SQLITE_OK) {
        size_t k = cjk_at(src + i, (size_t)(e - i));
        if (k) {
            rc = w->fn(w->ctx, 0, src + i, (int)k, i, i + (int)k);
            i += (int)k;
            continue;
        }
        int j = i;
        while (j < e && !cjk_at(src + j, (size_t)(e - j)))
            j++;
        shift_ctx x = {w->ctx, w->fn, i};
        rc = w->t->inner_fn.xTokenize(w->t->inner, &x, w->flags, src + i, j - i, shifted);
        i = j;
    }
    return rc;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n, token_fn fn)
{
    dyad_tok *t = (dyad_tok *)p;
    wrap_ctx w = {t, ctx, fn, text, flags};
    return t->inner_fn.xTokenize(t->inner, &w, flags, text, n, wrapped);
}

static int tok_create(void *api_ud, const char **args, int nargs, Fts5Tokenizer **out)
{
    fts5_api *api = api_ud;
    *out = NULL;
    dyad_tok *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    void *porter_ud = NULL;
    int rc = api->xFindTokenizer(api, "porter", &porter_ud, &t->inner_fn);
    if (rc == SQLITE_OK) {
        static const char *const inner_args[] = {"unicode61", "remove_diacritics", "2"};
        rc = t->inner_fn.xCreate(porter_ud, (const char **)inner_args, 3, &t->inner);
    }
    if (rc != SQLITE_OK) {
        sqlite3_free(t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    dyad_tok *t = (dyad_tok *)p;
    if (t && t->inner)
        t->inner_fn.xDelete(t->inner);
    sqlite3_free(t);
}

int dyad__store_tokenizer(sqlite3 *db)
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
    fts5_tokenizer fns = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "dyad", api, &fns, NULL);
}
