/* core/tok.h — words and punctuation of a sentence, for the actor and event stages (internal).
 *
 * A token is a word (letters of any script and digits, with the connectors that belong inside a
 * word: "d'Ivoire", "U.S.", "A.K.", "3.5", "1,000", "2+2", "co-operation") or one punctuation mark.
 * The possessive ending ('s, ’s, or ' after a plural s) is a token of its own flagged POSS, so
 * "Japan’s" is Japan + ’s. Hyphens and en dashes between words ("India-Japan", "India–Japan",
 * "US- Indian") are tokens flagged HYPHEN. Offsets are bytes into the text given.
 * Cost: one pass; no allocation (the caller gives the array and its size; a sentence with more
 * tokens than that is cut, which DYAD__TOK_MAX bounds for hostile input).
 */
#ifndef DYAD_CORE_TOK_H
#define DYAD_CORE_TOK_H

#include <stddef.h>
#include <stdint.h>

enum {
    DYAD__T_WORD = 1u << 0,   /* letters or digits */
    DYAD__T_CAP = 1u << 1,    /* a word whose first letter is upper case */
    DYAD__T_UPPER = 1u << 2,  /* a word whose letters are all upper case (at least one) */
    DYAD__T_NUM = 1u << 3,    /* a word starting with a digit */
    DYAD__T_PUNCT = 1u << 4,  /* punctuation */
    DYAD__T_SPACE = 1u << 5,  /* white space right before the token */
    DYAD__T_HYPHEN = 1u << 6, /* a hyphen or an en dash joining words */
    DYAD__T_POSS = 1u << 7,   /* the possessive 's / ' */
    DYAD__T_DOTS = 1u << 8,   /* a word with inner full stops: "U.S.", "A.K." */
    DYAD__T_QUOTE = 1u << 9,  /* a quotation mark, straight or curly */
    DYAD__T_LETTER = 1u << 10 /* the word has at least one letter */
};

/* Longest sentence tokenised, in tokens: the splitter caps a sentence at 4096 bytes, so this is
 * never reached by real text; it bounds the work on anything else. */
#define DYAD__TOK_MAX 4096

typedef struct dyad__tok {
    uint32_t s, e;  /* bytes [s, e) in the text */
    uint32_t flags; /* DYAD__T_* */
    uint32_t f;     /* the folded form (dyad__tok_fold), where a stage keeps it: an offset */
    uint32_t fn;    /* and its length (0: not kept) */
} dyad__tok;

/* Tokenises text[start, end) into out (at most cap tokens); returns the number of tokens. */
size_t dyad__tokenize(const char *text, size_t start, size_t end, dyad__tok *out, size_t cap);

/* The token's text folded for lookups into out (cap bytes, NUL-terminated): lower case (any
 * script), typographic apostrophes as ', the hyphen of "co-operation" left out. Returns the
 * length, or 0 when it does not fit. */
size_t dyad__tok_fold(const char *text, const dyad__tok *t, char *out, size_t cap);

/* Folds a word given as bytes (as dyad__tok_fold does for a token). */
size_t dyad__fold_word(const char *s, size_t n, char *out, size_t cap);

#endif
