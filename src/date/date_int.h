/* date/date_int.h — internals of the date stage shared by its files (not part of the public API). */
#ifndef DYAD_DATE_INT_H
#define DYAD_DATE_INT_H

#include <stddef.h>
#include <stdint.h>

/* Word classes: the section names of data/date-words.txt, in this order (see lex.c). */
enum {
    C_MONTH, C_WEEKDAY, C_SEASON, C_UNIT, C_NUMBER, C_ORDINAL, C_PART, C_PARTNOUN, C_APPROX,
    C_DEICTIC, C_ANAPH, C_DAYWORD, C_REF, C_SET, C_DAYPART, C_VAGUE, C_LATER, C_AGO, C_ERA,
    C_NOTYEAR, C_TENSE, C_NOTBEFORE, C_MONTHCTX, C_KEY, C_DECADE, C_HOLIDAY, C_LEAN, C_LASTING, C_NCLASS
};

/* Duration units (class "unit"). */
enum { U_NONE = 0, U_Y, U_M, U_W, U_D, U_H, U_MIN, U_DE, U_CE, U_Q, U_F, U_WE, U_ML };
enum { REF_PRESENT = 1, REF_PAST, REF_FUTURE, REF_NOUN = 10 }; /* REF_NOUN + x: only as a noun */
enum { DP_MO = 1, DP_AF, DP_EV, DP_NI, DP_NOON, DP_MIDNIGHT }; /* NOON and after: clock times */

/* Function words the patterns test for (class "key"; the data file names the role). */
#define DATE_KEYS(X)                                                                               \
    X(THE) X(OF) X(IN) X(AT) X(ON) X(FOR) X(OVER) X(AS) X(AND) X(TO) X(OR) X(FY) X(FISCAL) X(Q)  \
    X(H) X(EVERY) X(EACH) X(ONCE) X(TWICE) X(THRICE) X(TIMES) X(MORE) X(LESS) X(THAN) X(LEAST)   \
    X(ORD) X(S) X(AM) X(PM) X(TZ) X(HRS) X(OLD) X(LONG) X(WEEK) X(DAYS) X(YEAR) X(TIME) X(NEAR)  \
    X(COUPLE) X(HALF) X(BEFORE) X(AFTER) X(OTHER) X(CLOCK) X(NEW) X(EVE) X(DAY) X(PERIOD) X(UP) X(THESE) X(THOSE) X(EVEN) X(FROM)  \
    X(WITH) X(SHARE) X(LATEST) X(THAT)  \
    X(THEN) X(BACK) X(GENERATION) X(THOUSAND) X(PRE) X(POST)
enum {
    K_NONE = 0,
#define KEY_ENUM(k) K_##k,
    DATE_KEYS(KEY_ENUM)
#undef KEY_ENUM
    K_COUNT
};

/* Values of class "holiday" (data/date-words.txt): month*100+day for a fixed day; HOL_NTH + month*100 +
 * n*10 + weekday for the nth weekday of a month (n 5: the last); HOL_EASTER + days from Easter Sunday;
 * HOL_HEAD for the first word of a two-word name only ("good" of "good_friday"). */
enum { HOL_HEAD = -1, HOL_NTH = 20000, HOL_EASTER = 30000 };

/* Periods a word of class "set" may name ("annual P1Y"); the class value is the index. */
#define DATE_NPERIODS 11
extern const char *const date__periods[DATE_NPERIODS];

/* Longest word the lexicon holds (bytes); longer words are never temporal. */
#define LEX_KEY 24

typedef struct date_lexent {
    char key[LEX_KEY];
    uint8_t klen;            /* 0: empty slot */
    uint32_t classes;        /* bit per C_* */
    uint8_t start;           /* an expression may start with this word (see date__lex_build) */
    int16_t val[C_NCLASS];   /* value per class */
} date_lexent;

typedef struct date_lex {
    date_lexent *tab;        /* open addressing, cap a power of two, at most half full */
    size_t cap;
} date_lex;

/* Builds the lexicon from the text of date-words.txt; NULL when out of memory. Freed by date__lex_free. */
date_lex *date__lex_build(const char *data, size_t len);
void date__lex_free(void *lx);
/* Entry for lower-case word w[0..n), or NULL. */
const date_lexent *date__lex_find(const date_lex *lx, const char *w, size_t n);

#endif
