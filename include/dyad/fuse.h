/* dyad/fuse.h — stage 8: one timeline from the event mentions of many documents.
 *
 * Takes: event mentions, from processed documents (dyad_fuser_add_doc), from the JSON Lines that
 *        `dyad events` prints (dyad_fuser_add_json), or as records (dyad_fuser_add).
 * Gives: timeline entries: the mentions that tell the same event, as one entry with every source
 *        cited to its sentence, the dates the sources give, and whether they disagree.
 * The rule: mentions are fused when they have the same type and the same countries (the pair key:
 *        their codes sorted) and
 *          - their dates fall in the same month (one may be a day of it: "2010-06", "2010-06-28"), or
 *          - their dates are compatible at a coarser precision (a year and a month or day in it, or
 *            the same year) and they share a specific term near the trigger (a name, "nuclear",
 *            "CEPA", "2+2", "balance of payments"; data/fuse.txt lists the words too general to
 *            count), or
 *          - neither has a date and they share a specific term (undated entries stay apart from the
 *            dated ones: no date is invented), or
 *          - for a one-off act (an agreement signed), two documents give years one apart and they
 *            share a specific term: the entry keeps both dates and says that the sources disagree.
 *        Distinct events of the same type and year stay apart when nothing specific links them.
 *        A sentence already cited for the same type and pair (a duplicate document or paragraph)
 *        adds no second source.
 * Memory: mentions are held per pair; past DYAD_FUSE_MEMORY bytes they are spilled to temporary
 *        files, one per bucket of pairs, so memory is bounded by the largest pair's mentions, not
 *        by the corpus. Entries passed to callbacks are valid during the call only.
 */
#ifndef DYAD_FUSE_H
#define DYAD_FUSE_H

#include <stddef.h>

#include "dyad/events.h"

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;
typedef struct dyad_fuser dyad_fuser;

/* Bytes of mentions held before spilling to temporary files (DYAD_FUSE_BUCKETS of them). */
#define DYAD_FUSE_MEMORY ((size_t)256 << 20)
#define DYAD_FUSE_BUCKETS 64
/* The most sources one entry lists (more are counted, not listed). */
#define DYAD_FUSE_MAX_SOURCES 256

/* One event mention as fusion reads it. Strings are copied by dyad_fuser_add(). */
typedef struct dyad_fuse_src {
    const char *doc;             /* the document's path as shown */
    const char *title;           /* its title, or NULL */
    const char *date;            /* YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www; NULL or "" when none */
    const char *date_source;     /* "text", "narrative", "document", "none" */
    const char *source[DYAD_PARTY_CODES];
    int nsource;
    const char *target[DYAD_PARTY_CODES];
    int ntarget;
    const char *source_text, *target_text; /* how the parties were named, or NULL */
    const char *type;            /* PLOVER type name */
    const char *mode, *status, *label; /* mode and label may be NULL */
    const char *sentence;        /* the sentence that states it */
    size_t start, end;           /* the sentence, bytes in the document's clean text */
    size_t trigger_start, trigger_end; /* bytes in the document's clean text */
} dyad_fuse_src;

typedef struct dyad_entry {
    const char *id;              /* stable across runs for the same sources: 16 hex digits */
    const char *date;            /* the date most sources give (the most precise on a tie), or NULL */
    const char *const *dates;    /* every date the sources give, sorted */
    int ndates;
    int disagreement;            /* the sources give dates that cannot be the same day */
    const char *const *actors;   /* codes, the most frequent source first */
    int nactors;
    const char *type, *mode, *status, *label;
    const dyad_fuse_src *const *sources; /* sorted by document, then position */
    size_t nsources;             /* listed sources (at most DYAD_FUSE_MAX_SOURCES) */
    size_t nmentions;            /* all mentions fused into it */
    size_t ndocs;                /* distinct documents among the sources */
} dyad_entry;

typedef int (*dyad_entry_fn)(void *ud, const dyad_entry *e);

/* A new fuser (NULL when out of memory). memory: bytes held before spilling, 0 = DYAD_FUSE_MEMORY. */
dyad_fuser *dyad_fuser_new(dyad_ctx *ctx, size_t memory);
void dyad_fuser_free(dyad_fuser *f);

/* Adds one mention (copied). A mention with fewer than two distinct codes is ignored. DYAD_OK,
 * DYAD_NOMEM, DYAD_IO (a temporary file could not be written; message on ctx). */
int dyad_fuser_add(dyad_fuser *f, const dyad_fuse_src *s);

/* Adds the events of a processed document (those naming two or more countries). shown: the path to
 * cite (NULL: the doc's path). */
int dyad_fuser_add_doc(dyad_fuser *f, dyad_doc *doc, const char *shown);

/* Adds one line of `dyad events` output. DYAD_FORMAT when it is not such a JSON object (message on
 * ctx: what is wrong), and nothing is added; the fuser stays usable. */
int dyad_fuser_add_json(dyad_fuser *f, const char *line, size_t len);

/* Fuses everything added since the last call and calls fn for each entry, pair by pair, in date order
 * within a pair (undated last). fn's non-zero return stops and is returned. The fuser is empty after. */
int dyad_fuser_run(dyad_fuser *f, dyad_entry_fn fn, void *ud);

#endif
