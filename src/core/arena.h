/* core/arena.h — a bump allocator for per-document work (internal).
 * Everything allocated from an arena dies together in dyad__arena_free(); there is no per-object
 * free. Allocation returns NULL when out of memory or past the arena's cap. */
#ifndef DYAD_CORE_ARENA_H
#define DYAD_CORE_ARENA_H

#include <stddef.h>

typedef struct dyad__chunk dyad__chunk;
typedef struct dyad__arena {
    dyad__chunk *head;
    size_t total;   /* bytes allocated from malloc so far */
    size_t max;     /* cap on total; 0 = DYAD__ARENA_MAX */
} dyad__arena;

/* 4 GiB: a document (even a 512 MiB one, whose blocks and text are copied) stays under it. */
#define DYAD__ARENA_MAX ((size_t)4 << 30)

void dyad__arena_init(dyad__arena *a, size_t max);
void dyad__arena_free(dyad__arena *a);
void *dyad__arena_alloc(dyad__arena *a, size_t n);          /* aligned to 16, uninitialised */
void *dyad__arena_zalloc(dyad__arena *a, size_t n);         /* zeroed */
char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *dyad__arena_strdup(dyad__arena *a, const char *s);

#endif
