/* core/doc.c — the document handle shared by all stages: blocks, metadata, accessors. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/internal.h"

const char *dyad_format_name(dyad_format f)
{
    switch (f) {
    case DYAD_FMT_TEXT: return "text";
    case DYAD_FMT_MARKDOWN: return "markdown";
    case DYAD_FMT_HTML: return "html";
    case DYAD_FMT_PDF: return "pdf";
    default: return "auto";
    }
}

const char *dyad_drop_name(dyad_drop d)
{
    static const char *const names[] = {"kept", "boilerplate", "nav", "repeat", "running",
                                        "short", "outside", "joined", "meta", "other"};
    return (unsigned)d < sizeof names / sizeof names[0] ? names[d] : "other";
}

dyad_doc *dyad__doc_new(dyad_ctx *ctx, const char *path)
{
    dyad_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->ctx = ctx;
    dyad__arena_init(&d->arena, 0);
    d->path = dyad__arena_strdup(&d->arena, path ? path : "-");
    d->encoding = "UTF-8";
    if (!d->path) {
        dyad__arena_free(&d->arena);
        free(d);
        return NULL;
    }
    return d;
}

void dyad_doc_free(dyad_doc *doc)
{
    if (!doc)
        return;
    free(doc->blocks);
    free(doc->sents);
    free(doc->timexes);
    free(doc->toks);
    free(doc->sent_tok);
    free(doc->folds);
    free(doc->mentions);
    free(doc->events);
    dyad__arena_free(&doc->arena);
    free(doc);
}

int dyad_doc_from_text(dyad_ctx *ctx, const char *name, const char *text, size_t len, dyad_doc **out)
{
    *out = NULL;
    dyad_doc *d = dyad__doc_new(ctx, name);
    char *t = d ? dyad__arena_alloc(&d->arena, len + 1) : NULL;
    if (!t) {
        dyad_doc_free(d);
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", name ? name : "-");
    }
    if (len)
        memcpy(t, text, len);
    t[len] = 0;
    d->format = DYAD_FMT_TEXT;
    d->size = len;
    d->text = t;
    d->text_len = len;
    d->cleaned = 1;
    d->stage = DYAD_STAGE_META;
    dyad__sha256_hex(t, len, d->hash);
    *out = d;
    return DYAD_OK;
}

dyad_stage dyad_doc_stage(const dyad_doc *doc) { return doc->stage; }
const char *dyad_doc_path(const dyad_doc *doc) { return doc->path; }
dyad_format dyad_doc_format(const dyad_doc *doc) { return doc->format; }
const char *dyad_doc_encoding(const dyad_doc *doc) { return doc->encoding; }
const char *dyad_doc_hash(const dyad_doc *doc) { return doc->hash; }
size_t dyad_doc_size(const dyad_doc *doc) { return doc->size; }
size_t dyad_doc_nblocks(const dyad_doc *doc) { return doc->nblocks; }
const dyad_meta *dyad_doc_meta(const dyad_doc *doc) { return &doc->meta; }
const char *dyad_doc_front_matter_error(const dyad_doc *doc) { return doc->fm_error; }

const char *const *dyad_doc_tags(const dyad_doc *doc, size_t *n)
{
    if (n)
        *n = doc->ntags;
    return doc->tags;
}

const dyad_block *dyad_doc_block(const dyad_doc *doc, size_t i)
{
    return i < doc->nblocks ? &doc->blocks[i] : NULL;
}

/* Is the UTF-8 sequence at s white space to collapse? Returns its length, or 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v')
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) /* U+00A0 no-break space */
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xAF || s[2] == 0xA8 || s[2] == 0xA9))
        return 3; /* U+2000..200A spaces, U+202F, line/paragraph separators */
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 ideographic space */
        return 3;
    return 0;
}

/* Zero-width characters dropped from text: U+200B, U+FEFF, U+00AD (soft hyphen). */
static size_t invisible_len(const unsigned char *s, size_t n)
{
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x8B)
        return 3;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xAD)
        return 2;
    return 0;
}

char *dyad__collapse(dyad__arena *a, const char *text, size_t n, size_t *outlen)
{
    char *out = dyad__arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)text;
    size_t o = 0, i = 0;
    int pending = 0;
    while (i < n) {
        size_t k;
        if (s[i] < 0x80 && s[i] > ' ') { /* fast path */
            if (pending && o)
                out[o++] = ' ';
            pending = 0;
            out[o++] = (char)s[i++];
            continue;
        }
        if ((k = space_len(s + i, n - i))) {
            pending = 1;
            i += k;
            continue;
        }
        if ((k = invisible_len(s + i, n - i))) {
            i += k;
            continue;
        }
        if (s[i] < 0x20 || s[i] == 0x7F) { /* other control characters */
            i++;
            continue;
        }
        if (pending && o)
            out[o++] = ' ';
        pending = 0;
        out[o++] = (char)s[i++];
    }
    out[o] = 0;
    *outlen = o;
    return out;
}

dyad_block *dyad__doc_add_block(dyad_doc *doc, dyad_block_kind kind, int level, const char *text,
                                size_t len, uint32_t line, uint32_t link_bytes, uint32_t flags)
{
    size_t n;
    char *t = dyad__collapse(&doc->arena, text, len, &n);
    if (!t) {
        doc->oom = 1;
        return NULL;
    }
    if (!n)
        return NULL;
    if (doc->nblocks == doc->cap_blocks) {
        size_t cap = doc->cap_blocks ? doc->cap_blocks * 2 : 64;
        dyad_block *b = realloc(doc->blocks, cap * sizeof *b);
        if (!b) {
            doc->oom = 1;
            return NULL;
        }
        doc->blocks = b;
        doc->cap_blocks = cap;
    }
    dyad_block *b = &doc->blocks[doc->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->text = t;
    b->len = n;
    b->line = line;
    b->link_bytes = link_bytes > n ? (uint32_t)n : link_bytes;
    b->flags = flags;
    b->drop = DYAD_DROP_NONE;
    return b;
}

void dyad__meta_force(dyad_doc *doc, dyad_field *f, const char *value, size_t len, const char *source)
{
    size_t n;
    char *v = dyad__collapse(&doc->arena, value, len, &n);
    if (!v || !n)
        return;
    f->value = v;
    f->source = source ? dyad__arena_strdup(&doc->arena, source) : NULL;
}

void dyad__doc_add_tag(dyad_doc *doc, const char *s, size_t n)
{
    while (n && (*s == '#' || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    if (!n || n > 4 * DYAD__TAG_BYTES || doc->ntags >= DYAD__TAGS_MAX)
        return;
    size_t k;
    char *t = dyad__collapse(&doc->arena, s, n, &k);
    if (!t) {
        doc->oom = 1;
        return;
    }
    if (!k || k > DYAD__TAG_BYTES)
        return;
    for (size_t i = 0; i < doc->ntags; i++)
        if (!strcasecmp(doc->tags[i], t))
            return;
    if (!doc->tags && !(doc->tags = dyad__arena_alloc(&doc->arena, DYAD__TAGS_MAX * sizeof *doc->tags))) {
        doc->oom = 1;
        return;
    }
    doc->tags[doc->ntags++] = t;
}

void dyad__meta_set(dyad_doc *doc, dyad_field *f, const char *value, size_t len, const char *source)
{
    if (!f->value)
        dyad__meta_force(doc, f, value, len, source);
}
