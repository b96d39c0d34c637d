/* actors/actors_int.h — the actor dictionaries, compiled once per context (internal). */
#ifndef DYAD_ACTORS_INT_H
#define DYAD_ACTORS_INT_H

#include "core/internal.h"
#include "core/tok.h"

/* Kinds of dictionary entries (the sections and KIND fields of data/actors-*.txt). */
typedef enum {
    AK_NAME = 0, AK_ADJ, AK_CAPITAL, AK_COMBINE, /* [countries] */
    AK_NOT,                                      /* [countries] with code "-": not an actor */
    AK_ORG,                                      /* [orgs] */
    AK_GROUP,                                    /* [groups] */
    AK_PERSON,                                   /* [people] */
    AK_ORGAN,                                    /* [organs]: "navy", "foreign ministry" */
    AK_TITLE,                                    /* [titles]: "Prime Minister", "counterpart" */
    AK_PAIRNOUN,                                 /* [pair]: "sides", "countries" after "the two" */
    AK_PLACENOUN,                                /* [place-nouns]: "airport" after a capital */
    AK_COUNT
} akind;

/* How a dictionary word must be written in the text. */
enum { CASE_ANY = 0, CASE_CAP, CASE_UPPER };

typedef struct aword {
    uint32_t off;  /* folded word in dict.pool */
    uint16_t len;
    uint8_t casec; /* CASE_* */
    uint8_t hyphen;
} aword;

typedef struct aentry {
    uint8_t kind;     /* akind */
    uint8_t sector;   /* index into dyad__sectors; 0 = none */
    uint8_t office;   /* people: OFFICE_* */
    uint8_t nw;       /* words */
    uint32_t w0;      /* first word in dict.words */
    int32_t code;     /* index into dict.codes; -1 none */
    int32_t from, to; /* people: term as YYYYMMDD (to: 99999999 when still in office) */
    uint32_t file, line;
} aentry;

typedef struct acode {
    char code[16];
    const char *name;    /* display name (the first [countries] name, or the group's first phrase) */
    int group;           /* a group code */
    uint32_t m0, nm;     /* group members in dict.members (indexes into codes); nm 0 and universal */
    int universal;       /* '*': every country */
} acode;

/* A first word of entries: the word (pool offset, length) and its run in order[]. */
typedef struct afirst {
    uint32_t off, len, e0, ne;
} afirst;

/* Sectors, index 0 = none. */
extern const char *const dyad__sectors[];

typedef struct actors_dict {
    int err;              /* DYAD_OK, or the load error (kept: every use reports it) */
    char errmsg[512];
    char *pool;
    size_t pool_len, pool_cap;
    aword *words;
    size_t nwords, cap_words;
    aentry *ents;
    size_t nents, cap_ents;
    acode *codes;
    size_t ncodes, cap_codes;
    uint32_t *members;
    size_t nmembers, cap_members;
    /* first word -> entries starting with it, longest first: a hash of (pool offset, len) keys */
    uint32_t *slot_key;   /* 1 + index into `firsts`, 0 = empty */
    size_t nslots;
    afirst *firsts;
    size_t nfirsts;
    uint32_t *order;      /* entry indexes grouped by first word, longest first */
    char *files[64];      /* file names for messages */
    size_t nfiles;
} actors_dict;

/* The context's dictionaries (loaded on first use; NULL only when out of memory). Check ->err. */
const actors_dict *dyad__actors_dict(const dyad_ctx *ctx);

/* Entries whose first word is the folded word w[0..n): *count of them from the returned pointer
 * into d->order, longest first. */
const uint32_t *dyad__actors_first(const actors_dict *d, const char *w, size_t n, size_t *count);

/* Index of a code, or -1. */
int dyad__actors_code(const actors_dict *d, const char *code, size_t n);

#endif
