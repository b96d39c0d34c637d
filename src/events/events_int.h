/* events/events_int.h — the event coder's compiled dictionary (internal). */
#ifndef DYAD_EVENTS_INT_H
#define DYAD_EVENTS_INT_H

#include "core/internal.h"

typedef enum { LS_VERB = 0, LS_NOUN, LS_OBJECT, LS_GOVERNOR, LS_COMBO, LS_REPORT, LS_DOMAIN, LS_COUNT } lex_section;

enum {
    LF_REV = 1u << 0,  /* the subject is the target */
    LF_NOUN = 1u << 1, /* only as a noun */
    LF_VERB = 1u << 2, /* only as a verb */
    LF_SYM = 1u << 3,  /* symmetric */
    LF_OBJ = 1u << 4,  /* the target must be the direct object */
    LF_TO = 1u << 5    /* the target comes after "to" or is the verb's first object ("sent Ukraine tanks") */
};

/* Word classes of function words and cue phrases (lex.cue[]). */
enum {
    CUE_PLANNED = 0, CUE_FAILED, CUE_FAILED_AFTER, CUE_HYPO, CUE_RECENT, CUE_NOAGREE, CUE_COUNT
};

/* Classes of the closed-class words the coder reads (grammar, not extended by users; the lists are in
 * events/lex.c), and of the words of [locative] and [clause]. */
enum {
    WC_DET = 1u << 0,      /* determiners and the adjectives that stand in for one ("the", "annual") */
    WC_AUX = 1u << 1,      /* words after which a word is a verb ("to", "will", "they", "also") */
    WC_BE = 1u << 2,       /* forms of "be" (and "get") before a passive */
    WC_PREP = 1u << 3,     /* prepositions */
    WC_PRONSUBJ = 1u << 4, /* "it", "he", "she" */
    WC_PAIRCUE = 1u << 5,  /* "bilateral", "jointly", "both": the event is mutual */
    WC_SUBORD = 1u << 6,   /* "as", "after", "when": a clause of its own may follow */
    WC_RECIP = 1u << 7,    /* "each" (other), "one" (another) */
    WC_AUXV = 1u << 8,     /* auxiliaries that keep a verb out of the simple present */
    WC_LOC = 1u << 9,      /* [locative] */
    WC_CLAUSE = 1u << 10   /* [clause] */
};

/* A word of a phrase: a stem (compared with the token's stem) or a folded word (compared as is). */
typedef struct lword {
    uint32_t off; /* in lex.pool */
    uint16_t len;
    uint8_t stem; /* 1: a stem */
    uint8_t flags;
} lword;

typedef struct lentry {
    uint8_t sec;    /* lex_section */
    uint8_t type;   /* dyad_event_type */
    uint8_t flags;  /* LF_* */
    uint8_t nw;     /* words of the phrase (for combos: of the verb part) */
    uint8_t nw2;    /* combos: words of the object part */
    int16_t mode;   /* index into lex.modes, -1 none */
    uint32_t w0;    /* first word in lex.words (the object part follows the verb part) */
    uint32_t line, file;
} lentry;

/* A cue phrase: folded words. */
typedef struct lcue {
    uint8_t cls; /* CUE_* */
    uint8_t nw;
    uint32_t w0;
} lcue;

#define LEX_MODES 64
#define LEX_CACHE 16384 /* stems remembered (direct-mapped by the folded word's hash) */
#define LEX_STEM_MAX 48 /* longest word stemmed; longer ones are their own stem */

typedef struct lcache {
    uint64_t h;
    char word[LEX_STEM_MAX];
    char stem[LEX_STEM_MAX];
} lcache;

typedef struct lex {
    int err;
    char errmsg[512];
    char *pool;
    size_t pool_len, pool_cap;
    lword *words;
    size_t nwords, cap_words;
    lentry *ents;
    size_t nents, cap_ents;
    /* entries by the stem of their first word: hash slots -> run in order[] */
    uint32_t *order;
    struct lfirst { uint32_t off, len, e0, ne; } *firsts;
    size_t nfirsts;
    uint32_t *slots;
    size_t nslots;
    lcue *cues;
    size_t ncues, cap_cues;
    /* closed-class words: a hash of (pool offset + 1, class bits) */
    struct lwclass { uint32_t off, len, bits; } *wclass;
    size_t nwclass, cap_wclass;
    /* cues by their first word: slots -> 1 + index of the first in cue_order, cue_next chains */
    uint32_t *cue_slot, *cue_next;
    size_t ncue_slots;
    dyad__strset irregular_forms; /* "met" ...: the lemma is irregular_lemma[the form's index] */
    char *irregular;              /* "met\0meet\0held\0hold\0..." */
    size_t irregular_len;
    const char *modes[LEX_MODES];  /* set when loading is done (the pool moves until then) */
    uint32_t mode_off[LEX_MODES];
    int nmodes;
    char *files[16];
    size_t nfiles;
    struct sb_stemmer *stemmer;
    lcache *cache;                /* LEX_CACHE entries; mutable through a const lex (one ctx, one thread) */
} lex;

const lex *dyad__lex(const dyad_ctx *ctx);

/* The stem of a folded word into out (LEX_STEM_MAX bytes); irregular forms become their lemma first. */
size_t dyad__lex_stem(const lex *L, const char *w, size_t n, char *out);

/* Entries whose first word is the stem s: *count of them, longest first (indexes into L->ents). */
const uint32_t *dyad__lex_first(const lex *L, const char *s, size_t n, size_t *count);

/* The classes (WC_*) of a folded word; 0 for none. */
uint32_t dyad__lex_wclass(const lex *L, const char *w, size_t n);

/* The first cue starting with the folded word w (1 + index into L->cues, 0 none); the next one of the
 * same first word is L->cue_next[index]. */
uint32_t dyad__lex_cue_first(const lex *L, const char *w, size_t n);

/* The mode's name for an entry (NULL for none). */
const char *dyad__lex_mode(const lex *L, const lentry *e);

#endif
