/* dyad/date.h — stage 4: find temporal expressions and normalise them to TIMEX3 values.
 *
 * Takes: clean UTF-8 English text (a whole document, so that relative expressions can be anchored to
 *        the narrative), and optionally the document creation time (DCT: the publication date).
 * Gives: one dyad_timex per expression, in text order, through a callback: byte span, type, TIMEX3
 *        value ("2010-06-28", "2010-07", "199", "P3Y", "PRESENT_REF", ...), modifier and what the
 *        value was anchored to. Without an anchor a relative expression keeps a relative value.
 * Cost:  one pass over the text (a hand-written scanner, a fixed window of tokens), plus one byte
 *        scan for the document's numeric-date order; no regular expressions; memory does not grow
 *        with the text. Word lists come from data/date-words.txt.
 * Anchors: deictic expressions ("last year", "yesterday", "two years ago") use the DCT; anaphoric
 *        ones ("the following year", "two years later") the narrative, i.e. the last date the text
 *        stated (else the DCT). A month or day without a year takes the year of a date stated
 *        earlier in the same sentence (unless the clause is future and that year past), else the
 *        DCT's: the latest such month in a past clause ("was in December" in a June document is last
 *        December), the next in a future one ("will be paid Dec. 14", "would be held", "is scheduled
 *        to"), the nearest otherwise ("is payable Jan. 2" in November is next January; six months
 *        either way goes back). A past participle after "is", "be", "been" leaves the tense to its
 *        auxiliary; "until", "as early as" point forward, "since" back, and "to", "by", "through"
 *        set a deadline a past clause does not push back ("was extended to Nov. 16"); a fronted
 *        "Until Thursday," leaves it to the tense. The tense is looked for in the clause: "where",
 *        "which", "who", "because" ... start a new one. A month named earlier in the sentence gives
 *        its year to an untensed one ("a high in June from $29.75 in March"). Without a DCT,
 *        the narrative's year when it is at most three sentences back, else XXXX.
 * Memory: the dyad_timex passed to the callback, and its strings, are valid only during the call.
 *
 * Values (TIMEX3, ISO 8601 based):
 *   2010-06-28, 2010-06, 2010, 199 (the 1990s: TimeML's form), 19 (the 20th century; 05 = the 6th),
 *   2019-Q3, 2009-H1, 2019-SU (seasons SP SU FA WI), 2010-W27 (ISO week), 2010-W26-WE (weekend),
 *   2010-06-29T10:27, 2010-06-29TMO (morning; AF EV NI), PRESENT_REF, PAST_REF, FUTURE_REF.
 *   Unknown parts are X: XXXX-06-18 ("June 18" with no year to anchor it), XXXX-WXX-1 ("Monday").
 *   Fiscal years: FY2021 is the fiscal year that ENDS in 2021. That is the Indian convention
 *   (1 April 2020 - 31 March 2021 is "FY2021", "FY21", "2020-21", "FY 2020-21"). TimeBank writes
 *   "fiscal 1989" as the plain year 1989; we keep FY1989, which says which year is meant.
 *   Durations: P3Y, P6M, P2W, P10D, PT24H, P2Q (quarters), P20Y ("two decades"; "a century" P100Y,
 *   as TimeBank), PXY (an unstated number of years), PXDE ("decades"). "recent years", "the coming
 *   weeks" are durations of unstated length (PXY, PXW), as in TimeBank.
 *   Sets: value is the period (P1Y for "annual", "every year"; XXXX-WXX-1 for "every Monday").
 *   A relative expression with nothing to anchor it keeps a relative value: REF-P1Y ("last year"),
 *   REF+P1W ("next week"), REF+P0D ("today"): the offset from the reference, at the expression's
 *   granularity, with anchor DYAD_ANCHOR_NONE.
 *   A range sharing a part ("28-29 June", "2005-08" = 2005 to 2008) is one expression: value is its
 *   start, value_end its end. Ranges of whole expressions ("2010-2012", "between 2005 and 2008")
 *   are two expressions. A range of durations ("2-3 years", "two to three years") is one DURATION
 *   valued by its lower bound (P2Y); "one and a half years" is P1.5Y, "half a century" P50Y.
 * Spans follow TimeBank / TimeML 1.2.1: a leading "the" is part of the expression when it
 *   determines the temporal noun itself ("the third quarter", "the past three years", "the 1990s",
 *   "the year-earlier period", "the 15th", "the weekend") and not when it determines another noun
 *   ("the 2000 elections", "the three-year contract" -> "three-year"); modifiers that become a mod
 *   are inside ("about two weeks" APPROX, "more than a year" MORE_THAN, "late 1990s" END, "the end
 *   of June" END); prepositions never are. "p.m." keeps its full stop.
 * Weekdays without a date are the nearest such day before the DCT (today included) in a past or
 *   untensed clause (TimeBank's usage in news: "said Friday"), the next one in a future clause
 *   ("planned to leave on Thursday", "until Tuesday"), and the nearest either way in a present one
 *   or after a deadline word ("meets Tuesday" in a past clause's "was moved to Tuesday").
 *   The tense is read from the clause before the expression, else from the verb after it ("On
 *   Monday, the leaders will meet"); present forms of scheduling verbs ("meets", "opens") count as
 *   future. A quarter or half without a year ("the third quarter", "third-quarter profit") that has
 *   not begun at the DCT is last year's unless the clause is in the future tense.
 * Clock times: a day right after the time is part of the expression ("10 p.m. Wednesday", "5 p.m.
 *   EST, Nov. 9", "noon Thursday", "2:15 p.m. yesterday": TimeBank's spans) and gives its date;
 *   after "on" ("3 p.m. on Monday") the day is its own expression. Without a DCT a weekday gives
 *   "XXXX-WXX-4T02:00".
 * Narrative forms: "earlier in the week", "later in the day" (span "the week", "the day") are that
 *   period of the date stated in this or the previous sentence, else the DCT's; "at the time", "at
 *   that time", and "then" after since, until, till, by, before, back, from are that date at its
 *   granularity, else PAST_REF (FUTURE_REF in a future clause: "by then it will have ended"); "the
 *   next morning", "that evening" a part of the narrative's day; "a generation ago" PAST_REF. A bare
 *   "then" ("and then left") is not tagged.
 * Reporting periods: "for the quarter", "in the year ended June 30", "for the week" are DATEs: the
 *   period of the narrative when one was stated lately, else the DCT's last quarter, year or week.
 *   "a year earlier", "the year-ago period" after a quarter (month) in the sentence give that
 *   quarter (month) a year back: 1988-Q3. A quarter the text reports on (one of the four before the
 *   DCT's, so over by then, not itself a comparison) is the reporting period for the next 12 sentences: comparisons
 *   ("a year ago" or "a year earlier" after an amount or from/than/with, "year-ago", "year-earlier",
 *   "last year" in a comparison or "last year's quarter") are that quarter a year back, and "the
 *   latest quarter", "the latest period", "for the quarter", "the 1988 period" name it. Without one
 *   a comparison is the year before the DCT's, never a year before the last date stated (that
 *   date is often the comparison itself: "in the 1988 period ... the year-ago results" is 1988).
 *   "the fiscal first quarter" is the DCT's year's Q1; "year end", "year's end" like "year-end".
 * Seasons: "last summer" is the latest one over by the DCT ("this past spring" in October is this
 *   year's), "next summer" the next one not begun; "in/into/over the (early) summer" as a month.
 * Years in words (broadcast transcripts): "nineteen ninety-six", "the year two thousand", "January
 *   nineteen ninety-seven"; "twenty ten" only after "in" or a month. "post-1959" is 1959 AFTER.
 * Times of day: "4 in the morning" is T04:00; "in the morning" a part of the narrative's day (stated
 *   in this or the previous sentence), else of the DCT.
 * Holidays (data/date-words.txt [holiday]): fixed days (Christmas, New Year's Day / Eve, Republic
 *   Day, ...), the Nth weekday of a month (Thanksgiving, Labor Day, Mother's Day, ...), days from
 *   Easter (Good Friday, Easter Monday, Ash Wednesday, ...; computed for the year), with the year
 *   stated or resolved like a month's; "last Thanksgiving" / "next Christmas" are the latest before
 *   / the next after the DCT; "Easter week" is that ISO week. Without a year a moving holiday is
 *   XXXX-XX-XX. Names that mean different days in different countries (Independence Day) are not
 *   listed.
 * Ages are not tagged ("a 52-year-old executive", "40 years old": TimeML's corpus tags none), except
 *   the age of a state that lasts (data/date-words.txt [lasting]: "the 8-month-old truce" P8M).
 * Sets: "annually" P1Y; "every Monday", "on Mondays" XXXX-WXX-1; "$5 a year", "4% per month" (a rate
 *   after an amount) P1Y / P1M; "every other week" P2W.
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
    const char *value_end;    /* end of a range sharing a part ("28-29 June" -> 2010-06-29), or NULL */
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
/* Ambiguous numeric dates (both numbers <= 12) follow, in order: the evidence of the document's
 * earlier numeric dates (27/03/2021 shows day first), then these flags, then day first. */

/* Tags text. dct may be NULL (no anchor); a dct with year 0 counts as none. ctx supplies the word
 * lists (data/date-words.txt) and may be NULL for the built-in ones. Returns DYAD_OK, DYAD_NOMEM
 * (message on ctx when ctx is non-NULL), or the callback's non-zero value. */
int dyad_dates(const dyad_ctx *ctx, const char *text, size_t len, const dyad_ymd *dct,
               unsigned flags, dyad_timex_fn fn, void *ud);

typedef struct dyad_doc dyad_doc;

/* The date stage on a document: tags its clean text (dct may be NULL or year 0: no anchor) and keeps
 * the expressions on the doc, with their strings. DYAD_OK, DYAD_ARG (not cleaned yet), DYAD_NOMEM. */
int dyad_dates_doc(dyad_ctx *ctx, dyad_doc *doc, const dyad_ymd *dct, unsigned flags);

/* The doc's temporal expressions, in text order (NULL and *n = 0 before dyad_dates_doc()); owned by
 * the doc. */
const dyad_timex *dyad_doc_timexes(const dyad_doc *doc, size_t *n);

/* The document date the date stage anchored to (year 0 when it had none). */
dyad_ymd dyad_doc_dct(const dyad_doc *doc);

#endif
