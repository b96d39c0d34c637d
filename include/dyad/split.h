/* dyad/split.h — stage 3: split clean text into sentences.
 *
 * Takes: clean UTF-8 text (as given by dyad_doc_text(): paragraphs separated by blank lines).
 * Gives: sentence spans as byte offsets into that text, in order, through a callback. A sentence
 *        never crosses a paragraph break; a heading or list item without a full stop is a sentence.
 *        Abbreviations and initials ("Dr. Singh", "S.M. Krishna", "U.S.", "No. 7", "Jan. 2023") do
 *        not end a sentence; closing quotes and brackets stay with their sentence.
 * Memory: nothing is allocated for the caller; the text is only read.
 *
 * The rules, in order (src/split/split.c has the details, data/abbreviations.txt the word lists):
 *  - A blank line (two line breaks with only white space between) always ends a sentence.
 *  - A single line break ends a sentence when the next line starts a list item ("- ", "• ", "1. ",
 *    "a) ", "(i) "; a bare number after a full line of prose is a wrapped "section\n7." instead).
 *    After a line without final punctuation it is a space (the sentence was wrapped) when the
 *    next line starts in lower case, or the line ends with a function word ("of", "the"), a comma
 *    or a dash; otherwise it ends the sentence when the next line starts with a capitalised
 *    sentence starter ("It", "The"), and else unless the line looks wrapped: 50 to 128 bytes
 *    long, and the next line's first word would not have fitted in the widest line around it.
 *    So headings, list items without bullets, addresses and other short lines stand alone.
 *  - '?', '!' and their runs ("?!") end a sentence unless the next word starts in lower case.
 *  - '。' '！' '？' '｡' and the Devanagari danda '।' '॥' always end a sentence, even without a
 *    following space. Closing quotes and brackets after any terminator stay in the sentence.
 *  - '.' followed by white space (after any closing quotes and brackets) ends a sentence
 *    according to the word before it: abbreviations by their section in abbreviations.txt,
 *    single-letter initials and dotted acronyms ("U.S.", "S.M.") only when the next word is a
 *    sentence starter ("The", "It", ...), any other word when the next word starts with a capital,
 *    a digit, an opening quote or bracket, or a letter without case (Japanese, Hindi).
 *    A period not followed by white space ("3.5", "v2.0", "mea.gov.in", "e.g.,") never ends one.
 *  - An ellipsis ("...", "…") ends a sentence only before a capitalised or caseless word.
 *  - A number or letter enumerator opening a sentence ("1. ", "a. ") is a list marker, not an end.
 *  - A sentence longer than DYAD_SPLIT_MAX_BYTES is cut at the last white space before the limit
 *    (inside a longer run without white space, at a UTF-8 character boundary).
 *  - Leading bullet symbols ("-", "*", "•", ...) are not part of the span; numbers ("1.") are.
 *  - A span with no letter or digit in it (a line of "***", a lone "•") is not reported.
 * Spans: start < end <= len; they do not overlap and come in order; they never start or end with
 * white space (ASCII white space, other C0 controls including NUL, no-break and other Unicode
 * spaces) and never cut a valid UTF-8 sequence. Invalid bytes are treated as letters without case.
 * Time is linear in len; memory use does not depend on len.
 */
#ifndef DYAD_SPLIT_H
#define DYAD_SPLIT_H

#include <stddef.h>

typedef struct dyad_ctx dyad_ctx;

/* Longest sentence reported, in bytes: hostile text (a 50 MB line without punctuation, 10 MB of
 * "....") is cut into spans of at most this size instead of one huge sentence. */
#define DYAD_SPLIT_MAX_BYTES 4096

/* Called once per sentence with [start, end) byte offsets, white space trimmed. Return non-zero to
 * stop the split early (dyad_split then returns that value). */
typedef int (*dyad_sentence_fn)(void *ud, size_t start, size_t end);

/* ctx supplies the abbreviation list (data/abbreviations.txt), compiled once and cached on the
 * context. It may be NULL: the built-in copy of the list is then compiled for this call alone
 * (about 20 microseconds), so pass a ctx when splitting many texts.
 * Returns 0 when every sentence was reported, the callback's non-zero value when it stopped the
 * split, DYAD_NOMEM when the abbreviation set could not be built, or DYAD_ARG when fn is NULL or
 * text is NULL with len > 0 (message on ctx, if any). */
int dyad_split(const dyad_ctx *ctx, const char *text, size_t len, dyad_sentence_fn fn, void *ud);

/* A sentence of a document: [start, end) in dyad_doc_text(), and the paragraph it is in (0, 1, ...
 * in the order of the text; for a cleaned doc, the index among its kept blocks). */
typedef struct dyad_sentence {
    size_t start, end;
    size_t block;
} dyad_sentence;

typedef struct dyad_doc dyad_doc;

/* The split stage on a document (after dyad_meta(), or on a doc from dyad_doc_from_text()): splits
 * its clean text and keeps the sentences on the doc. DYAD_OK, DYAD_ARG (not cleaned yet) or
 * DYAD_NOMEM (message on ctx). */
int dyad_split_doc(dyad_ctx *ctx, dyad_doc *doc);

/* The doc's sentences, in order (NULL and *n = 0 before dyad_split_doc()). Owned by the doc. */
const dyad_sentence *dyad_doc_sentences(const dyad_doc *doc, size_t *n);

#endif
