/* core/buf.h — a growable byte buffer (internal).
 *
 * Invariants: data is never NULL after dyad__buf_init (it points at a static "" until the first
 * append), always NUL-terminated, len < cap when allocated. Errors are sticky: after a failed
 * append (out of memory, or the size cap reached) further appends do nothing and `err` stays set,
 * so call sites append freely and check once at the end.
 * Memory: the buffer owns data; dyad__buf_free releases it, dyad__buf_take hands it to the caller
 * (who frees it with free()).
 */
#ifndef DYAD_CORE_BUF_H
#define DYAD_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dyad__buf {
    char *data;
    size_t len, cap;
    size_t max;  /* 0 = DYAD__BUF_MAX */
    int err;     /* dyad_err: DYAD_NOMEM or DYAD_LIMIT once an append failed */
} dyad__buf;

/* Default cap on one buffer: 1 GiB. Bounds what hostile input can make us allocate. */
#define DYAD__BUF_MAX ((size_t)1 << 30)

void dyad__buf_init(dyad__buf *b, size_t max);
void dyad__buf_free(dyad__buf *b);
void dyad__buf_reset(dyad__buf *b); /* len = 0, keeps memory, clears err */
int dyad__buf_reserve(dyad__buf *b, size_t extra);
void dyad__buf_add(dyad__buf *b, const void *p, size_t n);
void dyad__buf_adds(dyad__buf *b, const char *s);
void dyad__buf_addc(dyad__buf *b, char c);
void dyad__buf_printf(dyad__buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dyad__buf_vprintf(dyad__buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s as the inside of a JSON string (no quotes), escaping as needed; invalid UTF-8 -> U+FFFD. */
void dyad__buf_json(dyad__buf *b, const char *s, size_t n);
/* Hands over data (malloc'ed, NUL-terminated) and resets b; NULL on error. *len may be NULL. */
char *dyad__buf_take(dyad__buf *b, size_t *len);

#endif
