/* clean/clean_int.h — the cleaner's compiled data (internal). */
#ifndef DYAD_CLEAN_INT_H
#define DYAD_CLEAN_INT_H

#include "core/internal.h"

typedef struct phrase {
    const char *s; /* folded (see dyad__fold), in clean_data.pool */
    size_t n;
    uint32_t next; /* 1 + index of the next phrase of its list with the same first two bytes, 0: none */
} phrase;

/* Buckets of the [contains] and [comments] phrases by their first two bytes (a power of two). */
#define CLEAN_PHRASE_BUCKETS 1024

/* The cleaner's compiled data, one per context (DYAD__SLOT_CLEAN), owned by the context. */
typedef struct clean_data {
    dyad__strset stop;   /* data/stopwords-en.txt */
    dyad__strset exact;  /* data/boilerplate.txt [exact], folded */
    phrase *contains;    /* [contains] (and entries before any section) */
    size_t ncontains;
    uint32_t bucket[CLEAN_PHRASE_BUCKETS]; /* 1 + index of the first [contains] phrase, 0: none */
    uint32_t cbucket[CLEAN_PHRASE_BUCKETS]; /* the same for the [comments] phrases */
    phrase *starts;      /* [starts] */
    size_t nstarts;
    phrase *comments;    /* [comments]: the readers' comments begin here */
    size_t ncomments;
    phrase *byline;      /* data/clean-meta.txt [byline]: "BY" alone on a line is part of the lead */
    size_t nbyline;
    char *pool;          /* the folded phrases */
    size_t pool_len, pool_cap;
} clean_data;

/* The context's compiled data, built on first use; NULL when out of memory. Owned by ctx. */
const clean_data *dyad__clean_data(const dyad_ctx *ctx);

/* Non-zero when s ends a sentence: . ! ? maybe followed by closing quotes or brackets. */
int dyad__clean_ends_sentence(const char *s, size_t n);

#endif
