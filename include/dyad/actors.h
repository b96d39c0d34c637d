/* dyad/actors.h — stage 6: who is named in the text: countries, their organisations and people,
 * groups of countries, and "the two sides".
 *
 * Takes: a doc after the date stage (its sentences; the document date decides which office holder
 *        a bare surname means).
 * Gives: the actor mentions of each sentence, in text order: a byte span of the clean text, the
 *        country (ISO 3166-1 alpha-3) or group code it stands for, how it was named, and the
 *        sector of an organisation or person (government, military, business, ...).
 *        - countries by name, short form, adjective or demonym ("the US", "Britain", "Japanese");
 *        - combining forms ("Indo-US", "Sino-Indian", "India-Japan"): one JOINT mention, two codes;
 *        - capitals and seats of government: a mention when they act ("Tokyo endorsed", "talks with
 *          Delhi"); flagged DYAD_MF_PLACE when they are a place ("met in Delhi"), and no mention at
 *          all inside a name ("the Delhi Metro");
 *        - organisations with their country and sector ("Indian Navy", "JICA", "Pentagon");
 *        - people: a title with a country ("Indian Defense Minister A.K. Antony", "his Japanese
 *          counterpart, Koichiro Gemba") binds the surname to the country for the rest of the
 *          document ("Gemba said"); well-known office holders (data/actors-people.txt) by name,
 *          and by a bare surname when every holder of it in office at the document's date belongs
 *          to one country;
 *        - groups (QUAD, ASEAN, G20, ...) keep their own code;
 *        - "the two sides", "both countries": a PAIR mention of the two countries the text is
 *          about (the last sentence that named exactly two, else the document's pair), or nothing
 *          when the text does not make it clear.
 *        Not actors: phrases of the [not] list ("Indian Ocean", "Indo-Pacific", "Japanese
 *        encephalitis"), which hide the country word inside them.
 * Dictionaries: data/actors-*.txt (format in each file's header and in the README), read at run
 *        time; dyad_opts.dict_dir adds files of its own and overrides files of the same name. A
 *        syntax error is an error of the stage (message "FILE:LINE: reason"), never a silent skip.
 * Memory: mentions belong to the doc; code and sector strings belong to the context (valid while
 *        it lives).
 */
#ifndef DYAD_ACTORS_H
#define DYAD_ACTORS_H

#include <stddef.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;

typedef enum {
    DYAD_ACTOR_NAME = 0, /* a country's name or short form: "India", "the US" */
    DYAD_ACTOR_ADJ,      /* an adjective or demonym: "Japanese", "Indians" */
    DYAD_ACTOR_CAPITAL,  /* a capital or seat of government: "Tokyo", "New Delhi" */
    DYAD_ACTOR_ORG,      /* an organisation, office or organ: "JICA", "the Indian Navy" */
    DYAD_ACTOR_PERSON,   /* a person acting for a country: "Prime Minister Fumio Kishida", "Modi" */
    DYAD_ACTOR_GROUP,    /* a group of countries: "the Quad", "ASEAN" */
    DYAD_ACTOR_JOINT,    /* a combining form naming several: "India-Japan", "Indo-US" */
    DYAD_ACTOR_PAIR      /* "the two sides", "both countries": the pair the text is about */
} dyad_actor_kind;

/* "name", "adjective", "capital", "organisation", "person", "group", "joint", "pair". */
const char *dyad_actor_kind_name(dyad_actor_kind k);

/* Most codes one mention stands for ("India-Japan-US" has three). */
#define DYAD_MENTION_CODES 4

enum {
    DYAD_MF_PLACE = 1u << 0, /* a capital named as a place ("met in Delhi"), not as an actor */
    DYAD_MF_POSS = 1u << 1   /* followed by a possessive ('s): "Japan's", "India’s" */
};

typedef struct dyad_mention {
    size_t start, end;       /* bytes in dyad_doc_text() */
    size_t sentence;         /* index into dyad_doc_sentences() */
    dyad_actor_kind kind;
    const char *codes[DYAD_MENTION_CODES]; /* alpha-3 or group codes; ncodes of them */
    int ncodes;
    const char *sector;      /* "government", "military", "business", ... or NULL (the country) */
    unsigned flags;          /* DYAD_MF_* */
    size_t tok_start, tok_end; /* internal: tokens of the mention (for the event stage) */
} dyad_mention;

/* The actors stage on a document (after dyad_dates_doc()). DYAD_OK, DYAD_ARG (not split yet),
 * DYAD_DICT (a dictionary has a syntax error: message "FILE:LINE: reason"), DYAD_NOMEM. */
int dyad_actors_doc(dyad_ctx *ctx, dyad_doc *doc);

/* The doc's mentions, in text order (NULL and *n = 0 before the stage). Owned by the doc. */
const dyad_mention *dyad_doc_mentions(const dyad_doc *doc, size_t *n);

/* The two countries the document is mostly about (codes owned by the ctx), or 0 when no pair stands
 * out; a and b may be NULL. */
int dyad_doc_pair(const dyad_doc *doc, const char **a, const char **b);

/* Loads and checks the actor dictionaries now (they are otherwise loaded on first use), so that a
 * syntax error is reported before any document is read. DYAD_OK, DYAD_DICT, DYAD_NOMEM. */
int dyad_actors_load(dyad_ctx *ctx);

/* The name of a country or group code ("IND" -> "India"), owned by the ctx; NULL if unknown. */
const char *dyad_actor_name(dyad_ctx *ctx, const char *code);

#endif
