/* dyad/present.h — stage 9: showing a store to people: one self-contained HTML report, and the pages
 * and JSON API of a local server (the HTTP layer itself is the `dyad serve` command's).
 *
 * Takes: an open store (dyad/store.h), read only: nothing here writes.
 * Gives: HTML and JSON written to a FILE (a file, or open_memstream for a server's response).
 * Trust: every text that comes from documents or from a request (titles, sentences, labels, paths,
 *        query words) is escaped where it is written: as HTML text or attribute value, as a JSON
 *        string, or as a URL component. A document that contains "<script>" or "</svg>" shows those
 *        characters. Invalid UTF-8 is written as U+FFFD.
 * The chart is SVG drawn here (no script): timeline entries per year, stacked by PLOVER's four quad
 *        classes, with a strip under it for the balance of cooperation and conflict each year,
 *        (coop - conflict) / (coop + conflict), from -1 (all conflict) to +1 (all cooperation).
 *        Undated entries get a column of their own at the right, so the chart counts every entry.
 * Areas: data/areas.txt (its header says the format) names the areas of a relationship and their
 *        words; an entry belongs to each area whose word is in its label or a source sentence.
 * Memory: the caller owns what it passes; dyad_areas from dyad_areas_load() is freed with
 *        dyad_areas_free(); a response body is malloc'ed (the caller frees it).
 * Threads: nothing here has global state; a dyad_areas is read-only after loading and can be shared
 *        by threads; a ctx and a store are used by one thread at a time.
 */
#ifndef DYAD_PRESENT_H
#define DYAD_PRESENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_store dyad_store;

/* ---- escaping ---- */

/* s[0..n) as HTML text or a quoted attribute value: & < > " ' become entities; control characters
 * other than tab and newline are dropped; invalid UTF-8 becomes U+FFFD. */
void dyad_html_esc(FILE *f, const char *s, size_t n);
/* The same for a NUL-terminated string (NULL writes nothing). */
void dyad_html_escz(FILE *f, const char *s);
/* s[0..n) as the inside of a JSON string (no quotes); < > & are written as \u003c ... so that the
 * JSON can sit in HTML; invalid UTF-8 becomes U+FFFD. */
void dyad_json_esc(FILE *f, const char *s, size_t n);
/* A JSON string with its quotes, or null for NULL. */
void dyad_json_strz(FILE *f, const char *s);
/* s as a URL query-string component (RFC 3986 unreserved characters kept, the rest %XX). */
void dyad_url_esc(FILE *f, const char *s);

/* ---- areas ---- */

typedef struct dyad_areas dyad_areas;
#define DYAD_AREAS_MAX 64
/* Reads data/areas.txt (the data folder's, else the built-in copy). DYAD_OK, DYAD_NOMEM, DYAD_DICT
 * (an area with no word, or more than DYAD_AREAS_MAX areas: "areas.txt:LINE: reason" on ctx). */
int dyad_areas_load(dyad_ctx *ctx, dyad_areas **out);
void dyad_areas_free(dyad_areas *a);
size_t dyad_areas_count(const dyad_areas *a);
const char *dyad_areas_name(const dyad_areas *a, size_t i);
/* The areas whose words s[0..n) contains, as a bit mask (bit i: area i). */
uint64_t dyad_areas_match(const dyad_areas *a, const char *s, size_t n);

/* ---- the chart ---- */

typedef struct dyad_chart dyad_chart;
dyad_chart *dyad_chart_new(void); /* NULL when out of memory */
void dyad_chart_free(dyad_chart *c);
/* Counts n entries of quad class quad (1..4; others are ignored) in year (0: undated). Years outside
 * 1..9999 count as undated. DYAD_OK or DYAD_NOMEM. */
int dyad_chart_add(dyad_chart *c, int year, int quad, int64_t n);
int64_t dyad_chart_total(const dyad_chart *c);
/* Writes the chart as an inline <svg> with a title for screen readers, and after it a legend and a
 * table of the same figures in a <details> (readable without the picture). With no entry, writes a
 * sentence saying so instead. Each bar segment carries data-year, data-quad and data-n. */
void dyad_chart_html(const dyad_chart *c, FILE *f);
/* The labels of the quad classes (1..4): "verbal cooperation", ... */
const char *dyad_quad_label(int quad);

/* ---- the report ---- */

typedef struct dyad_report_opts {
    const char *pair;       /* "IND,JPN": entries naming all these codes; NULL: the pair with the
                             * most entries (the report says so) */
    const dyad_areas *areas; /* NULL: loaded from the ctx's data */
    const char *store_name; /* how to name the store in the report (NULL: not named) */
} dyad_report_opts;

/* Writes the report as one HTML file (inline CSS; a few lines of script only open the sources'
 * contexts before printing): chart, chronology with sources (each opens its sentence in its
 * paragraph), areas, disagreements, documents. Runs in one read transaction. DYAD_OK, DYAD_ARG
 * (a bad pair: message on ctx), DYAD_STORE, DYAD_NOMEM, DYAD_IO (writing failed). */
int dyad_report_write(dyad_ctx *ctx, dyad_store *st, const dyad_report_opts *o, FILE *out);

/* ---- the server's pages ---- */

/* Limits of what one request may ask for (named so tests can hit them). */
#define DYAD_PRESENT_MAX_LIMIT 500      /* rows of one page of /api/timeline, /api/events, /api/docs */
#define DYAD_PRESENT_MAX_SEARCH 100     /* hits of one page of search */
#define DYAD_PRESENT_MAX_OFFSET 1000000 /* deeper paging is refused (400) */
#define DYAD_PRESENT_MAX_SEARCH_DEPTH 1000 /* offset + limit of a search (FTS ranks everything before) */
#define DYAD_PRESENT_MAX_QUERY 512      /* bytes of q */
#define DYAD_PRESENT_MAX_DOC_TEXT ((int64_t)4 << 20) /* clean text shown of one document; the rest is cut */

typedef struct dyad_request {
    const char *path;  /* decoded path, starting with '/' */
    /* The value of query argument `name` (decoded), or NULL. */
    const char *(*arg)(void *ud, const char *name);
    void *ud;
    int head;          /* a HEAD request (the body is computed all the same; the server drops it) */
    const dyad_areas *areas;
} dyad_request;

typedef struct dyad_response {
    int status;        /* 200, 400, 404, 500, ... */
    const char *type;  /* Content-Type (static) */
    char *body;        /* malloc'ed; the caller frees */
    size_t len;
} dyad_response;

/* Answers a GET: the pages
 *   /                 the store at a glance and a search box
 *   /search?q=        ranked sentences
 *   /timeline?pair=&from=&to=&type=&offset=   the chart and the chronology, filtered, 100 a page
 *   /docs, /docs/ID   the documents; one document's clean text with its events marked
 *   /report?pair=     the report (as dyad report writes it)
 *   /static/style.css the style sheet
 * and the JSON API (README): /api/timeline, /api/events, /api/search, /api/docs, /api/docs/ID.
 * Bad arguments give 400 with a message, unknown paths 404; a store failure gives 500 (message on
 * ctx). Each request is one read transaction. Returns DYAD_OK with *r filled, or DYAD_NOMEM. */
int dyad_present_get(dyad_ctx *ctx, dyad_store *st, const dyad_request *rq, dyad_response *r);

/* The style sheet the pages and the report use. */
const char *dyad_present_css(void);

#endif
