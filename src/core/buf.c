#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

static char empty_[1];

void dyad__buf_init(dyad__buf *b, size_t max)
{
    b->data = empty_;
    b->len = b->cap = 0;
    b->max = max ? max : DYAD__BUF_MAX;
    b->err = 0;
}

void dyad__buf_free(dyad__buf *b)
{
    if (b->cap)
        free(b->data);
    dyad__buf_init(b, b->max);
}

void dyad__buf_reset(dyad__buf *b)
{
    b->len = 0;
    b->err = 0;
    if (b->cap)
        b->data[0] = 0;
}

int dyad__buf_reserve(dyad__buf *b, size_t extra)
{
    if (b->err)
        return b->err;
    if (extra >= b->max || b->len + extra >= b->max) {
        b->err = DYAD_LIMIT;
        return b->err;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > b->max / 2 ? b->max : cap * 2;
    char *p = b->cap ? realloc(b->data, cap) : malloc(cap);
    if (!p) {
        b->err = DYAD_NOMEM;
        return b->err;
    }
    if (!b->cap)
        p[0] = 0;
    b->data = p;
    b->cap = cap;
    return 0;
}

void dyad__buf_add(dyad__buf *b, const void *p, size_t n)
{
    if (dyad__buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void dyad__buf_adds(dyad__buf *b, const char *s) { dyad__buf_add(b, s, strlen(s)); }

void dyad__buf_addc(dyad__buf *b, char c) { dyad__buf_add(b, &c, 1); }

void dyad__buf_vprintf(dyad__buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || dyad__buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void dyad__buf_printf(dyad__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dyad__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void dyad__buf_json(dyad__buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && !b->err) {
        size_t run = i;
        while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
            run++;
        if (run > i) {
            dyad__buf_add(b, p + i, run - i);
            i = run;
            continue;
        }
        unsigned c = p[i];
        if (c == '"') { dyad__buf_add(b, "\\\"", 2); i++; }
        else if (c == '\\') { dyad__buf_add(b, "\\\\", 2); i++; }
        else if (c == '\n') { dyad__buf_add(b, "\\n", 2); i++; }
        else if (c == '\t') { dyad__buf_add(b, "\\t", 2); i++; }
        else if (c == '\r') { dyad__buf_add(b, "\\r", 2); i++; }
        else if (c < 0x20) { dyad__buf_printf(b, "\\u%04x", c); i++; }
        else {
            int32_t cp;
            size_t k = dyad__utf8_decode(s + i, n - i, &cp);
            if (k) { dyad__buf_add(b, p + i, k); i += k; }
            else { dyad__buf_add(b, "\xEF\xBF\xBD", 3); i++; }
        }
    }
}

char *dyad__buf_take(dyad__buf *b, size_t *len)
{
    if (b->err) {
        dyad__buf_free(b);
        return NULL;
    }
    char *p = b->cap ? b->data : strdup("");
    if (len)
        *len = b->len;
    dyad__buf_init(b, b->max);
    return p;
}
