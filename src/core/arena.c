#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

struct dyad__chunk {
    dyad__chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
};

#define CHUNK_MIN ((size_t)64 << 10)

void dyad__arena_init(dyad__arena *a, size_t max)
{
    a->head = NULL;
    a->total = 0;
    a->max = max ? max : DYAD__ARENA_MAX;
}

void dyad__arena_free(dyad__arena *a)
{
    dyad__chunk *c = a->head;
    while (c) {
        dyad__chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

void *dyad__arena_alloc(dyad__arena *a, size_t n)
{
    if (n > a->max)
        return NULL;
    n = (n + 15) & ~(size_t)15;
    dyad__chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK_MIN / 2 ? n : CHUNK_MIN;
        if (c && size == CHUNK_MIN && c->size >= CHUNK_MIN && c->size < ((size_t)4 << 20))
            size = c->size * 2; /* grow chunks geometrically for big documents */
        if (a->total + size > a->max)
            return NULL;
        dyad__chunk *nc = malloc(sizeof *nc + size);
        if (!nc)
            return NULL;
        nc->used = 0;
        nc->size = size;
        a->total += size;
        if (c && n > CHUNK_MIN / 2) { /* big one-off: keep the current chunk on top */
            nc->next = c->next;
            c->next = nc;
            nc->used = n;
            return nc->mem;
        }
        nc->next = c;
        a->head = c = nc;
    }
    void *p = c->mem + c->used;
    c->used += n;
    return p;
}

void *dyad__arena_zalloc(dyad__arena *a, size_t n)
{
    void *p = dyad__arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t n)
{
    if (n == (size_t)-1)
        return NULL;
    char *p = dyad__arena_alloc(a, n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

char *dyad__arena_strdup(dyad__arena *a, const char *s) { return dyad__arena_strndup(a, s, strlen(s)); }
