/* dyad/date.h — stage 4: find temporal expressions and normalise them to TIMEX3 values.
 *
 * Takes: clean UTF-8 English text (a whole document, so that relative expressions can be anchored to
 *        the narrative), and optionally the document creation time (DCT: the publication date).
 * Gives: one dyad_timex per expression, in text order, through a callback: byte span, type, TIMEX3
 *        value ("2010-06-28", "2010-07", "199X", "P3Y", "PRESENT_REF", ...), modifier and what the
 *        value was anchored to. Without an anchor a relative expression keeps a relative value.
 * Cost:  one pass over the text; no regular expressions; memory does not grow with the text.
 * Memory: the dyad_timex passed to the callback, and its strings, are valid only during the call.
 */
#ifndef DYAD_DATE_H
#define DYAD_DATE_H

#include <stddef.h>

typedef struct dyad_ctx dyad_ctx;

typedef enum { DYAD_TIMEX_DATE = 0, DYAD_TIMEX_TIME, DYAD_TIMEX_DURATION, DYAD_TIMEX_SET } dyad_timex_type;

typedef enum {
    DYAD_MOD_NONE = 0,
    DYAD_MOD_START,
    DYAD_MOD_MID,
    DYAD_MOD_END,
    DYAD_MOD_APPROX,
    DYAD_MOD_BEFORE,
    DYAD_MOD_AFTER,
    DYAD_MOD_ON_OR_BEFORE,
    DYAD_MOD_ON_OR_AFTER,
    DYAD_MOD_LESS_THAN,
    DYAD_MOD_MORE_THAN,
    DYAD_MOD_EQUAL_OR_LESS,
    DYAD_MOD_EQUAL_OR_MORE
} dyad_timex_mod;

typedef enum { DYAD_ANCHOR_NONE = 0, DYAD_ANCHOR_DCT, DYAD_ANCHOR_NARRATIVE } dyad_timex_anchor;

const char *dyad_timex_type_name(dyad_timex_type t);     /* "DATE", "TIME", "DURATION", "SET" */
const char *dyad_timex_mod_name(dyad_timex_mod m);       /* "START", ... ; NULL for DYAD_MOD_NONE */
const char *dyad_timex_anchor_name(dyad_timex_anchor a); /* "none", "dct", "narrative" */

/* A calendar date at some precision: month and day are 0 when not known. year 0 = no date. */
typedef struct dyad_ymd {
    int year, month, day;
} dyad_ymd;

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into *out. Returns DYAD_OK or DYAD_ARG. */
int dyad_ymd_parse(const char *s, size_t len, dyad_ymd *out);

typedef struct dyad_timex {
    size_t start, end;        /* byte offsets of the expression in the text */
    dyad_timex_type type;
    const char *value;        /* TIMEX3 value, NUL-terminated */
    dyad_timex_mod mod;
    dyad_timex_anchor anchor;
    const char *quant;        /* for SET: "EACH", "EVERY", ... or NULL */
    const char *freq;         /* for SET: "1Y", ... or NULL */
} dyad_timex;

typedef int (*dyad_timex_fn)(void *ud, const dyad_timex *tx);

enum {
    DYAD_DATES_DMY = 1u << 0, /* ambiguous 10/11/2014 read day first when the text does not tell */
    DYAD_DATES_MDY = 1u << 1  /* ... month first (default when neither is set: day first) */
};

/* Tags text. dct may be NULL (no anchor). Returns DYAD_OK, or the callback's non-zero value. */
int dyad_dates(const dyad_ctx *ctx, const char *text, size_t len, const dyad_ymd *dct,
               unsigned flags, dyad_timex_fn fn, void *ud);

#endif
