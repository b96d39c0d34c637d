/* dyad/events.h — stage 7: who did what to whom, when, as PLOVER events.
 *
 * Takes: a doc after the actors stage (sentences, temporal expressions, actor mentions).
 * Gives: the event mentions of each sentence, in text order. Each has a PLOVER type (the 16 types as
 *        ../shared/EVENTS.md reads them) and a mode where one applies (visit, meeting, treaty,
 *        exercise, loan, ...), a source and a target (the countries or groups acting and acted on:
 *        "Japan denounced India's tests while the US stayed silent" is JPN -> IND), a status
 *        (happened, planned, failed, hypothetical), a short label taken from the text ("peace
 *        treaty", "yen loans"), the trigger words, and a date with where it came from:
 *          text       a temporal expression that governs the event ("visited India in April 2005";
 *                     "the 2011 CEPA"; "since 2006"), at its precision;
 *          narrative  no date in the sentence: the last date stated one or two sentences before, in
 *                     the same paragraph, for an event told in the past tense (year only);
 *          document   no date in the text, but the text reports recent news ("recently"): the
 *                     document's year;
 *          none       no evidence: no date. Never invented.
 * How: triggers come from data/events.txt (verbs, event nouns, nouns that a light verb or a date
 *        makes an event, verb-object pairs), compared by English stem (Snowball, libstemmer). The
 *        source is the subject of a verb trigger (a passive's "by" agent; the host of a visit is its
 *        target) or the possessive or modifier of a noun trigger ("Koizumi's visit", "India-Japan
 *        dialogue"); the target is the verb's object or the country after "with", "to", "on",
 *        "against", "between". Clauses split at "while", "but", ";" (data/events.txt [clause]), and
 *        no role crosses them. "The two sides" and "both countries" stand for the pair (actors
 *        stage); a one-sided event of the pair the document is about takes the other member as its
 *        other party when the event is mutual by nature (talks, agreements, exercises) or the clause
 *        says so ("bilateral", "jointly", "each other"). Several events of the same type between the
 *        same parties in one sentence are one event.
 * Limits: at most DYAD_EVENT_TRIGGERS triggers a sentence and DYAD_PARTY_CODES codes a party (a list of
 *        500 countries gives capped parties, not 250,000 pairs).
 * Memory: events belong to the doc; labels are in its arena; codes and modes belong to the context.
 */
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H

#include <stddef.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;

#define DYAD_EVENT_TYPES(X)                                                                         \
    X(AGREE) X(CONSULT) X(SUPPORT) X(CONCEDE) X(COOPERATE) X(AID) X(RETREAT) X(REQUEST) X(ACCUSE)   \
    X(REJECT) X(THREATEN) X(PROTEST) X(SANCTION) X(MOBILIZE) X(COERCE) X(ASSAULT)

typedef enum {
#define DYAD_X_EV(n) DYAD_EV_##n,
    DYAD_EVENT_TYPES(DYAD_X_EV)
#undef DYAD_X_EV
    DYAD_EV_COUNT
} dyad_event_type;

/* "AGREE", ...; NULL for an out-of-range value. */
const char *dyad_event_type_name(dyad_event_type t);
/* The type named s (any case), or -1. */
int dyad_event_type_parse(const char *s);

/* PLOVER's quad classes: verbal and material cooperation, verbal and material conflict. */
typedef enum { DYAD_QUAD_VERBAL_COOP = 1, DYAD_QUAD_MATERIAL_COOP, DYAD_QUAD_VERBAL_CONFLICT, DYAD_QUAD_MATERIAL_CONFLICT } dyad_quad;
dyad_quad dyad_event_quad(dyad_event_type t);

typedef enum { DYAD_STATUS_HAPPENED = 0, DYAD_STATUS_PLANNED, DYAD_STATUS_FAILED, DYAD_STATUS_HYPOTHETICAL } dyad_event_status;
const char *dyad_event_status_name(dyad_event_status s); /* "happened", "planned", "failed", "hypothetical" */

typedef enum { DYAD_DATE_NONE = 0, DYAD_DATE_TEXT, DYAD_DATE_NARRATIVE, DYAD_DATE_DOCUMENT } dyad_date_source;
const char *dyad_date_source_name(dyad_date_source s); /* "none", "text", "narrative", "document" */

/* Most codes in one party: "Russia, France and the United States" is one party of three. */
#define DYAD_PARTY_CODES 8
/* Most triggers coded in one sentence. */
#define DYAD_EVENT_TRIGGERS 64

typedef struct dyad_party {
    const char *codes[DYAD_PARTY_CODES]; /* alpha-3 or group codes */
    int ncodes;                          /* 0: no party found */
    const char *sector;                  /* of the first mention, or NULL */
    size_t start, end;                   /* the text naming it (bytes in the clean text); equal when the
                                          * party was inferred (the pair the document is about) */
} dyad_party;

typedef struct dyad_event {
    size_t sentence;               /* index into dyad_doc_sentences() */
    size_t start, end;             /* the sentence, bytes in dyad_doc_text() */
    dyad_event_type type;
    const char *mode;              /* "visit", "treaty", ... or NULL */
    dyad_event_status status;
    dyad_party source, target;
    size_t trigger_start, trigger_end; /* the trigger words (verb or noun; with a light verb's object) */
    const char *label;             /* what the event is about, from the text */
    char date[12];                 /* YYYY, YYYY-MM or YYYY-MM-DD; "" when none */
    dyad_date_source date_source;
    size_t date_start, date_end;   /* the temporal expression it came from (text, narrative), else 0 */
} dyad_event;

/* The events stage on a document (after dyad_actors_doc()). DYAD_OK, DYAD_ARG (actors not found
 * yet), DYAD_DICT (data/events.txt or an events-*.txt of --dict has an error: "FILE:LINE: reason"),
 * DYAD_NOMEM. */
int dyad_events_doc(dyad_ctx *ctx, dyad_doc *doc);

/* The doc's events, in text order (NULL and *n = 0 before the stage). Owned by the doc. */
const dyad_event *dyad_doc_events(const dyad_doc *doc, size_t *n);

/* The distinct codes of an event, source first (at most 2 * DYAD_PARTY_CODES); returns how many. */
int dyad_event_actors(const dyad_event *e, const char **out, int max);

/* Loads and checks the event dictionaries now (else on first use). DYAD_OK, DYAD_DICT, DYAD_NOMEM. */
int dyad_events_load(dyad_ctx *ctx);

#endif
