/* read/reader.h — what the format readers share (internal to the read stage).
 *
 * read.c opens the file, enforces the limits, hashes the bytes, detects the format and calls one
 * reader. A reader appends blocks to the doc (dyad__doc_add_block) and sets the metadata its format
 * states (dyad__meta_set with a source such as "front-matter" or "meta og:title"). A reader returns
 * DYAD_OK or an error after dyad__fail(doc->ctx, ...) with a one-line message naming the file.
 */
#ifndef DYAD_READ_READER_H
#define DYAD_READ_READER_H

#include "core/internal.h"

/* Decodes bytes to UTF-8. charset is the declared encoding (an HTML meta charset, an HTTP-style
 * label) or NULL to detect: a BOM, else valid UTF-8, else Windows-1252 / ISO-8859-1 when the bytes
 * fit them. On success *out points either at bytes itself (already valid UTF-8, BOM skipped) or at a
 * converted copy in the doc's arena, and doc->encoding is set. Undecodable input returns
 * DYAD_ENCODING with a message giving the byte offset. */
int dyad__decode(dyad_doc *doc, const char *bytes, size_t len, const char *charset,
                 const char **out, size_t *outlen);

/* Detects the format from the content, with the file name's extension as a tie-breaker. Returns
 * DYAD_FMT_TEXT when nothing else fits. Does not decide binary-ness: see dyad__looks_binary. */
dyad_format dyad__detect_format(const char *bytes, size_t len, const char *name);

/* Non-zero when bytes look like a binary file (NUL bytes, known binary magic numbers, many control
 * characters); *what gets a short description ("NUL bytes", "PNG image", ...). */
int dyad__looks_binary(const char *bytes, size_t len, const char **what);

/* Front matter at the start of s (read/frontmatter.c): a "---" line, YAML or one JSON object, a
 * "---" or "..." line within 64 KiB. Sets the doc's metadata, tags and fm_error; returns the bytes
 * it spans (0 when there is none) and *lines the line breaks in them. */
size_t dyad__front_matter(dyad_doc *doc, const char *s, size_t len, uint32_t *lines);

int dyad__read_text(dyad_doc *doc, const char *utf8, size_t len);     /* read/text.c */
int dyad__read_markdown(dyad_doc *doc, const char *utf8, size_t len); /* read/markdown.c */
int dyad__read_html(dyad_doc *doc, const char *bytes, size_t len);    /* read/html.c: decodes itself */
int dyad__read_pdf(dyad_doc *doc, const char *bytes, size_t len);     /* read/pdf.c: runs pdftotext */

#endif
