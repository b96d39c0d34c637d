/* read/html_priv.h — what the files of the HTML reader share (read/html*.c only).
 *
 *   html_pre.c   charset sniffing on raw bytes; a fast pre-pass over the decoded UTF-8 that removes
 *                comments and raw-text elements (script, style, svg, ...), keeps only the attributes
 *                the extractor reads, repairs invalid UTF-8, bounds nesting, and collects JSON-LD.
 *   html.c       libxml2 SAX parse of the pre-pass output into a compact tree, metadata, scoring of
 *                containers, emission of blocks.
 *   html_meta.c  metadata helpers: JSON-LD fields, date normalisation.
 */
#ifndef DYAD_READ_HTML_PRIV_H
#define DYAD_READ_HTML_PRIV_H

#include "read/reader.h"

/* Bytes at the start of a page searched for a declared charset (<meta charset>, http-equiv, XML
 * declaration). Browsers look at 1024; pages with long heads declare later, so we look further. */
#define HTML_SNIFF_BYTES 16384

/* Deepest element nesting the pre-pass lets through to the parser. libxml2's HTML parser scans its
 * whole element stack for every unmatched end tag, so an unbounded stack makes hostile input
 * (100,000 open <div> then 100,000 </span>) quadratic. Real pages stay below ~100. */
#define HTML_MAX_DEPTH 256

/* JSON-LD scripts kept for metadata, and the bytes read from each. */
#define HTML_MAX_JSONLD 8
#define HTML_MAX_JSONLD_BYTES (256u << 10)

/* Finds a declared charset in the first HTML_SNIFF_BYTES of raw bytes. Writes the label into
 * out (NUL-terminated) and returns 1, or returns 0 when none is declared. */
int dyad__html_sniff_charset(const char *bytes, size_t len, char *out, size_t outsz);

typedef struct html_slice {
    const char *p;
    size_t n;
} html_slice;

typedef struct html_pre {
    dyad__buf out;                          /* the cleaned HTML, valid UTF-8, for the parser */
    html_slice jsonld[HTML_MAX_JSONLD];     /* slices of the input (not copied) */
    int njsonld;
} html_pre;

/* Runs the pre-pass over valid-or-not UTF-8 in[0..len). Errors are sticky in pre->out.err.
 * The caller frees pre->out with dyad__buf_free. */
void dyad__html_prepass(html_pre *pre, const char *in, size_t len);

/* Metadata found in JSON-LD: pointers into the doc's arena, NULL when absent. */
typedef struct html_ld {
    const char *headline, *date, *modified, *author, *publisher, *description, *url;
} html_ld;

/* Reads the fields of interest from one JSON-LD text (any nesting, @graph arrays; first value of
 * each field wins). Never recurses; bounded by the text's length. */
void dyad__html_jsonld(dyad_doc *doc, const char *s, size_t n, html_ld *ld);

/* Normalises a date string (ISO 8601, RFC 1123, "March 5, 2019", "5 March 2019", 20190305) to an
 * ISO 8601 date at the precision given: "2019-03-05", "2019-03" or "2019". Month names come from
 * the [month] section of date-words.txt. Returns the length written into out (room for at least 11
 * bytes), or 0 when s is not a date we can read. */
size_t dyad__html_date(const dyad_ctx *ctx, const char *s, size_t n, char *out);

#endif
