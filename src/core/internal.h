/* core/internal.h — definitions shared by the library's stages, not part of the public API.
 * Naming: public calls are dyad_*, cross-file internals dyad__*, file-local ones static. */
#ifndef DYAD_CORE_INTERNAL_H
#define DYAD_CORE_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/data.h"
#include "core/tok.h"
#include "dyad/dyad.h"

/* Per-stage caches on the context (compiled phrase lists, abbreviation sets...). Each stage builds
 * its own slot lazily on first use and gives a destructor; dyad_ctx_free() calls it. */
typedef enum {
    DYAD__SLOT_READ = 0,
    DYAD__SLOT_CLEAN,
    DYAD__SLOT_META,
    DYAD__SLOT_HTML,
    DYAD__SLOT_SPLIT,
    DYAD__SLOT_DATE,
    DYAD__SLOT_STORE,
    DYAD__SLOT_ACTORS,
    DYAD__SLOT_EVENTS,
    DYAD__SLOT_COUNT
} dyad__slot_id;

typedef struct dyad__datafile {
    char *name;
    char *path;        /* where it was read from, or NULL for the built-in copy */
    const char *data;
    size_t len;
    int owned; /* data was read from disk and is freed with the ctx */
} dyad__datafile;

struct dyad_ctx {
    dyad_opts opts;
    char *data_dir;            /* resolved folder, or NULL for built-in only */
    char *dict_dir;            /* the user's dictionary folder, or NULL */
    dyad__buf err;             /* last error message */
    dyad__datafile files[64];  /* data files loaded so far */
    size_t nfiles;
    void *slots[DYAD__SLOT_COUNT];
    void (*slot_free[DYAD__SLOT_COUNT])(void *);
};

/* Sets the context's message (printf-style) and returns err, so a failing path can
 * `return dyad__fail(ctx, DYAD_IO, "%s: %s", path, strerror(errno));`. ctx may be NULL. */
int dyad__fail(const dyad_ctx *ctx, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Returns the slot's value, building it with make(ctx) on first use (NULL if make fails).
 * A ctx is used by one thread at a time; slots are filled lazily even through a const ctx. */
void *dyad__slot(const dyad_ctx *ctx, dyad__slot_id id, void *(*make)(const dyad_ctx *), void (*destroy)(void *));

struct dyad_doc {
    dyad_ctx *ctx;
    dyad__arena arena;
    char *path;
    dyad_format format;
    const char *encoding;
    char hash[65];
    size_t size;
    const char *source;       /* the decoded UTF-8 source text (arena), may be NULL */
    size_t source_len;
    dyad_block *blocks;       /* malloc'ed array */
    size_t nblocks, cap_blocks;
    dyad_meta meta;
    const char **tags;        /* front-matter tags, categories, keywords (arena, DYAD__TAGS_MAX) */
    size_t ntags;
    const char *fm_error;     /* what went wrong reading the front matter (arena), or NULL */
    int oom;                  /* an allocation failed while the reader built the doc (sticky) */
    char *text;               /* cleaned text, built lazily by dyad_doc_text() (arena) */
    size_t text_len;
    int cleaned;
    dyad_stage stage;         /* the last stage run on the doc (dyad/pipeline.h) */
    /* What the later stages add (arrays malloc'ed, strings in the arena): */
    dyad_sentence *sents;     /* split */
    size_t nsents;
    dyad_timex *timexes;      /* date */
    size_t ntimexes;
    dyad_ymd dct;             /* the anchor the date stage used (year 0: none) */
    dyad__tok *toks;          /* actors: the tokens of every sentence, in order */
    size_t ntoks;
    size_t *sent_tok;         /* sentence i has tokens [sent_tok[i], sent_tok[i + 1]) */
    char *folds;              /* folded tokens (dyad__tok.f, .fn), NUL-separated */
    size_t folds_len;
    dyad_mention *mentions;   /* actors */
    size_t nmentions;
    const char *pair[2];      /* the document's pair of countries, or NULL */
    dyad_event *events;       /* events */
    size_t nevents;
};

/* Creates an empty doc for a reader. NULL when out of memory. */
dyad_doc *dyad__doc_new(dyad_ctx *ctx, const char *path);

/* Appends a block; text is copied into the doc with white space collapsed (runs of spaces, tabs,
 * newlines and no-break spaces become one space; ends trimmed). An empty result adds nothing and
 * returns NULL. Out of memory also returns NULL and sets doc->oom, a sticky flag that
 * dyad_doc_read_mem() turns into DYAD_NOMEM after the reader returns, so readers need not tell
 * the two NULLs apart. */
dyad_block *dyad__doc_add_block(dyad_doc *doc, dyad_block_kind kind, int level, const char *text,
                                size_t len, uint32_t line, uint32_t link_bytes, uint32_t flags);

/* Sets a metadata field if it is still empty (first source wins). Copies value and source.
 * The value is trimmed and white space collapsed; an empty value sets nothing. */
void dyad__meta_set(dyad_doc *doc, dyad_field *f, const char *value, size_t len, const char *source);
/* Same, replacing any value already set. */
void dyad__meta_force(dyad_doc *doc, dyad_field *f, const char *value, size_t len, const char *source);

/* Most tags kept on a doc, and the longest tag in bytes (longer ones are not tags but prose). */
#define DYAD__TAGS_MAX 64
#define DYAD__TAG_BYTES 100
/* Adds a tag: white space collapsed, a leading '#' dropped; an empty, too long or repeated tag
 * (ASCII case ignored) or one past DYAD__TAGS_MAX adds nothing. */
void dyad__doc_add_tag(dyad_doc *doc, const char *s, size_t n);

/* Copies s[0..n) into the doc's arena with white space collapsed and trimmed; *outlen gets the length. */
char *dyad__collapse(dyad__arena *a, const char *s, size_t n, size_t *outlen);

/* SHA-256 of data as 64 lowercase hex digits + NUL in out. */
void dyad__sha256_hex(const void *data, size_t len, char out[65]);
/* Tests only: 1 forces the portable SHA-256 code, 0 goes back to the CPU's SHA extensions if any. */
void dyad__sha256_portable(int on);

/* Folds s[0..n) into out (cap bytes, NUL-terminated) for phrase lookups: ASCII lower case, ‘ ’ as ',
 * white space collapsed. Returns the length written (truncated to cap - 1). (core/fold.c) */
size_t dyad__fold(const char *s, size_t n, char *out, size_t cap);

/* Adds every entry of data file `file` to set (a missing file adds nothing). 0, or DYAD_NOMEM. */
int dyad__strset_load(const dyad_ctx *ctx, dyad__strset *set, const char *file);

/* ---- UTF-8 helpers (core/utf8.c) ---- */
/* Decodes one code point at s (n bytes left); returns its length (1-4) and sets *cp, or returns 0 on
 * an invalid sequence (then *cp = U+FFFD and the caller should skip 1 byte). */
size_t dyad__utf8_decode(const char *s, size_t n, int32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t dyad__utf8_encode(int32_t cp, char *out);
/* Byte offset of the first invalid UTF-8 sequence, or len when all is valid. */
size_t dyad__utf8_check(const char *s, size_t len);

#endif
