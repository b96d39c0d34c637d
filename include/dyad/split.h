/* dyad/split.h — stage 3: split clean text into sentences.
 *
 * Takes: clean UTF-8 text (as given by dyad_doc_text(): paragraphs separated by blank lines).
 * Gives: sentence spans as byte offsets into that text, in order, through a callback. A sentence
 *        never crosses a paragraph break; a heading or list item without a full stop is a sentence.
 *        Abbreviations and initials ("Dr. Singh", "S.M. Krishna", "U.S.", "No. 7", "Jan. 2023") do
 *        not end a sentence; closing quotes and brackets stay with their sentence.
 * Memory: nothing is allocated for the caller; the text is only read.
 */
#ifndef DYAD_SPLIT_H
#define DYAD_SPLIT_H

#include <stddef.h>

typedef struct dyad_ctx dyad_ctx;

/* Called once per sentence with [start, end) byte offsets, white space trimmed. Return non-zero to
 * stop the split early (dyad_split then returns that value). */
typedef int (*dyad_sentence_fn)(void *ud, size_t start, size_t end);

/* ctx supplies the abbreviation list (data/abbreviations.txt); it may be NULL for the built-in one. */
int dyad_split(const dyad_ctx *ctx, const char *text, size_t len, dyad_sentence_fn fn, void *ud);

#endif
