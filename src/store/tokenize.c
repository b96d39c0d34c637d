/* store/tokenize.c — the FTS5 tokenizer "dyad": porter stemming over unicode61 (case and accents
 * folded), except that Chinese characters, hiragana and katakana become one token each.
 *
 * Why: unicode61 keeps a run of Japanese text without spaces as one token ("日本とインドは"), so
 * no Japanese word could ever be found. One token per character (unigrams) makes a Japanese query
 * a phrase of adjacent characters: "日本" finds 日本 inside any run, and highlight() still marks
 * the right bytes because every token keeps its offsets in the original text.
 * Cost: the store's full-text index needs this tokenizer, so the plain sqlite3 shell can read the
 * tables but not query sentences_fts ("no such tokenizer: dyad"). Changing what it emits changes
 * the index: bump DYAD_STORE_SCHEMA then.
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
