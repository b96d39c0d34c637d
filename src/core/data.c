/* core/data.c — iterating data files, and a small string set for word lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

void dyad__lines_init(dyad__lineiter *it, const char *data, size_t len)
{
    it->p = data;
    it->end = data + len;
    it->section = "";
    it->section_len = 0;
    it->line = 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int dyad__lines_next(dyad__lineiter *it, const char **entry, size_t *len)
{
    while (it->p < it->end) {
        const char *s = it->p;
        const char *nl = memchr(s, '\n', (size_t)(it->end - s));
        const char *e = nl ? nl : it->end;
        it->p = nl ? nl + 1 : it->end;
        it->line++;
        while (s < e && is_space(*s))
            s++;
        while (e > s && is_space(e[-1]))
            e--;
        if (s == e || *s == '#')
            continue;
        if (*s == '[' && e[-1] == ']') {
            it->section = s + 1;
            it->section_len = (size_t)(e - s - 2);
            continue;
        }
        *entry = s;
        *len = (size_t)(e - s);
        return 1;
    }
    return 0;
}

int dyad__lines_strict(dyad__lineiter *it, size_t max, const char **entry, size_t *len, const char **why)
{
    while (it->p < it->end) {
        const char *s = it->p;
        const char *nl = memchr(s, '\n', (size_t)(it->end - s));
        const char *e = nl ? nl : it->end;
        it->p = nl ? nl + 1 : it->end;
        it->line++;
        if ((size_t)(e - s) > max) {
            *why = "line too long";
            return -1;
        }
        while (s < e && is_space(*s))
            s++;
        while (e > s && is_space(e[-1]))
            e--;
        if (s == e || *s == '#')
            continue;
        if (dyad__utf8_check(s, (size_t)(e - s)) != (size_t)(e - s)) {
            *why = "invalid UTF-8";
            return -1;
        }
        if (*s == '[') {
            if (e[-1] != ']' || e - s < 2) {
                *why = "a section line is [name]";
                return -1;
            }
            it->section = *entry = s + 1;
            it->section_len = *len = (size_t)(e - s - 2);
            return 2;
        }
        *entry = s;
        *len = (size_t)(e - s);
        return 1;
    }
    return 0;
}

void dyad__data_label(const dyad_ctx *ctx, const char *name, char *out, size_t cap)
{
    const char *where = dyad__data_where(ctx, name);
    if (!where || !strcmp(where, "built-in"))
        snprintf(out, cap, "built-in %s", name);
    else
        snprintf(out, cap, "%s", where);
}

int dyad__lines_section_is(const dyad__lineiter *it, const char *name)
{
    size_t n = strlen(name);
    return it->section_len == n && !memcmp(it->section, name, n);
}

uint64_t dyad__hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int strset_grow(dyad__strset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    char **keys = calloc(cap, sizeof *keys);
    size_t *lens = calloc(cap, sizeof *lens);
    if (!keys || !lens) {
        free(keys);
        free(lens);
        return DYAD_NOMEM;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i])
            continue;
        size_t j = dyad__hash(s->keys[i], s->lens[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = s->keys[i];
        lens[j] = s->lens[i];
    }
    free(s->keys);
    free(s->lens);
    s->keys = keys;
    s->lens = lens;
    s->cap = cap;
    return 0;
}

int dyad__strset_has(const dyad__strset *s, const char *k, size_t n)
{
    if (!s->cap)
        return 0;
    size_t j = dyad__hash(k, n) & (s->cap - 1);
    while (s->keys[j]) {
        if (s->lens[j] == n && memcmp(s->keys[j], k, n) == 0)
            return 1;
        j = (j + 1) & (s->cap - 1);
    }
    return 0;
}

int dyad__strset_add(dyad__strset *s, const char *k, size_t n)
{
    if (dyad__strset_has(s, k, n))
        return 0;
    if ((s->n + 1) * 2 > s->cap && strset_grow(s))
        return DYAD_NOMEM;
    char *copy = malloc(n + 1);
    if (!copy)
        return DYAD_NOMEM;
    memcpy(copy, k, n);
    copy[n] = 0;
    size_t j = dyad__hash(k, n) & (s->cap - 1);
    while (s->keys[j])
        j = (j + 1) & (s->cap - 1);
    s->keys[j] = copy;
    s->lens[j] = n;
    s->n++;
    return 0;
}

void dyad__strset_free(dyad__strset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->keys[i]);
    free(s->keys);
    free(s->lens);
    memset(s, 0, sizeof *s);
}

/* ---- loading dictionaries ---- */

int dyad__dict_vfail(dyad__dicterr *e, const char *where, size_t line, const char *fmt, va_list ap)
{
    if (e->err)
        return e->err;
    int k = snprintf(e->msg, sizeof e->msg, "%s:%zu: ", where, line);
    if (k > 0 && (size_t)k < sizeof e->msg)
        vsnprintf(e->msg + k, sizeof e->msg - (size_t)k, fmt, ap);
    e->err = DYAD_DICT;
    return e->err;
}

int dyad__dict_fail(dyad__dicterr *e, const char *where, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = dyad__dict_vfail(e, where, line, fmt, ap);
    va_end(ap);
    return r;
}

int dyad__dict_oom(dyad__dicterr *e, const char *what)
{
    if (!e->err) {
        snprintf(e->msg, sizeof e->msg, "out of memory loading %s", what);
        e->err = DYAD_NOMEM;
    }
    return e->err;
}

int dyad__grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 256;
    while (c <= n)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

int dyad__pool_add(dyad__pool *p, const char *s, size_t n, uint32_t *off)
{
    if (p->len + n + 1 > p->cap) {
        size_t c = p->cap ? p->cap * 2 : 16384;
        while (c < p->len + n + 1)
            c *= 2;
        char *q = realloc(p->s, c);
        if (!q)
            return -1;
        p->s = q;
        p->cap = c;
    }
    memcpy(p->s + p->len, s, n);
    p->s[p->len + n] = 0;
    *off = (uint32_t)p->len;
    p->len += n + 1;
    return 0;
}
