/* dyad/pipeline.h — one call runs the stages in order and hands the document to the caller.
 *
 *   read -> clean -> meta -> split -> date -> actors -> events
 *
 * Each stage takes the doc as the previous one left it and adds its results to it (kept blocks,
 * metadata, sentences, temporal expressions, actor mentions, events); no stage calls a later one.
 * Whoever needs the results (the CLI, the store, a test) asks the pipeline for the stage it needs
 * and reads the doc: the store only stores what it is given.
 * Memory: results belong to the doc and are freed with dyad_doc_free(). Nothing outlives the doc,
 * so a corpus is processed in memory bounded by its largest document.
 */
#ifndef DYAD_PIPELINE_H
#define DYAD_PIPELINE_H

#include "dyad/read.h"
#include "dyad/date.h"

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;

typedef enum {
    DYAD_STAGE_READ = 0, /* dyad_doc_read_file() / _mem(): blocks and source metadata */
    DYAD_STAGE_CLEAN,    /* dyad_clean(): blocks kept or dropped */
    DYAD_STAGE_META,     /* dyad_meta_complete(): metadata completed from the text */
    DYAD_STAGE_SPLIT,    /* dyad_split_doc(): sentences */
    DYAD_STAGE_DATE,     /* dyad_dates_doc(): temporal expressions */
    DYAD_STAGE_ACTORS,   /* dyad_actors_doc(): countries, organisations, people, groups */
    DYAD_STAGE_EVENTS    /* dyad_events_doc(): coded events */
} dyad_stage;

/* "read", "clean", "meta", "split", "date", "actors", "events". */
const char *dyad_stage_name(dyad_stage s);

typedef struct dyad_run_opts {
    dyad_format format;  /* reading: DYAD_FMT_AUTO (0) detects it */
    dyad_ymd dct;        /* the document date; year 0: the publication date in the metadata */
    unsigned date_flags; /* DYAD_DATES_* */
} dyad_run_opts;

/* Runs the stages after the doc's current one, up to and including `until` (a doc already at or
 * past it is left as it is). opts may be NULL. Returns DYAD_OK, or the first stage's error with the
 * message on ctx (DYAD_NOTEXT when cleaning left nothing, DYAD_NOMEM, ...); the doc stays valid
 * and holds what the stages before the failing one gave. */
int dyad_run(dyad_ctx *ctx, dyad_doc *doc, dyad_stage until, const dyad_run_opts *opts);

/* Reads a file and runs the stages up to `until`. *out is the doc whenever reading succeeded, even
 * when a later stage failed (the caller frees it with dyad_doc_free()); NULL when reading failed. */
int dyad_run_file(dyad_ctx *ctx, const char *path, dyad_stage until, const dyad_run_opts *opts,
                  dyad_doc **out);

/* The last stage run on the doc. */
dyad_stage dyad_doc_stage(const dyad_doc *doc);

#endif
