/* present/present_int.h — pieces the report (report.c) and the server's pages (pages.c) share. */
#ifndef DYAD_PRESENT_INT_H
#define DYAD_PRESENT_INT_H

#include <stdio.h>

#include "dyad/dyad.h"
#include "dyad/present.h"

/* Where links from a chronology row lead: in the report, to sections of the same file; on the
 * server, to the document pages. */
typedef enum { PR_REPORT = 0, PR_SERVER } pr_where;

/* The page up to <main>: title (escaped here), the style sheet inline (report) or linked (server),
 * and the server's navigation (nav: "search", "timeline", "docs", "report" marks the current one). */
void pr_page_begin(FILE *f, const char *title, pr_where w, const char *nav);
/* Closes the page; the report adds its few lines of script (details opened for printing). */
void pr_page_end(FILE *f, pr_where w);

/* A code list "IND,JPN" as names for people: "India–Japan" (codes without a name stay codes). */
void pr_pair_names(FILE *f, dyad_ctx *ctx, const char *codes);
/* The same as plain text into out (cap bytes), for titles. */
void pr_pair_text(dyad_ctx *ctx, const char *codes, char *out, size_t cap);

/* The sentence start..end of a paragraph (text starting at bstart in the clean text) with the
 * sentence in <mark>, cut to a window around it. block may be NULL: then the sentence alone. */
void pr_context(FILE *f, const char *block, int64_t bstart, const char *sentence, int64_t start, int64_t end);

/* The head of the chronology table, one entry as a row (with its sources), the end.
 * Each row is <tr class="entry" id="e-ID">. *mask gets the entry's areas (areas may be NULL; so may
 * mask). */
void pr_chron_begin(FILE *f);
void pr_chron_row(FILE *f, dyad_ctx *ctx, const dyad_entry_row *r, pr_where w, const dyad_areas *areas, uint64_t *mask);
void pr_chron_end(FILE *f);

/* codes[0..n) joined by ',' into buf (cap bytes; cut to fit): the "IND,JPN" form. */
void pr_codes_join(const char *const *codes, int n, char *buf, size_t cap);

/* The documents table (every document). */
int pr_docs_table(FILE *f, dyad_store *st, pr_where w, int64_t offset, int64_t limit);

/* A date of a document or entry for people: as stored (ISO), or the word given when NULL. */
void pr_date(FILE *f, const char *date, const char *none);

/* A document's name for people: its title, else the file name of its path. */
void pr_doc_name(FILE *f, const char *title, const char *path);

/* Loads the chart of the entries that pass f (chart_out owned by the caller). */
int pr_chart_load(dyad_store *st, const dyad_store_filter *f, dyad_chart **out);

#endif
