/* core/data.h — the data files people extend (phrase lists, abbreviations, stop words, ...).
 *
 * Format of every data file (data/ (*.txt)): UTF-8 text, one entry per line; '#' starts a comment line;
 * blank lines are ignored; leading and trailing white space is trimmed. A file may be split into
 * sections by a line "[name]". Files are read at run time from the data folder (see dyad_opts), and
 * fall back to the copy built into the library (generated from data/ by tools/embed.c).
 */
#ifndef DYAD_CORE_DATA_H
#define DYAD_CORE_DATA_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dyad__builtin {
    const char *name;
    const char *data;
    size_t len;
} dyad__builtin;

extern const dyad__builtin dyad__builtin_data[]; /* generated; ends with a NULL name */

typedef struct dyad_ctx dyad_ctx;

/* The bytes of data file `name` ("boilerplate.txt"), owned by ctx; NULL if neither on disk nor
 * built in. *len may be NULL. The first call per name reads the file; later calls are free. */
const char *dyad__data(const dyad_ctx *ctx, const char *name, size_t *len);

/* Where data file `name` was read from, for messages ("/usr/share/dyad/x.txt", "built-in x.txt");
 * call after dyad__data(). Owned by ctx. */
const char *dyad__data_where(const dyad_ctx *ctx, const char *name);

/* The names of the files of the user's dictionary folder that start with prefix and end in ".txt",
 * sorted, at most max of them, into names (each malloc'ed; the caller frees them). Returns the
 * number found (0 without a dictionary folder). */
size_t dyad__dict_extra(const dyad_ctx *ctx, const char *prefix, char **names, size_t max);

/* Iterates the entries of a data file: call with *pos = 0, then repeatedly; each call sets
 * entry/len (not NUL-terminated, trimmed) and returns 1, or returns 0 at the end. With section
 * non-NULL, only entries under "[section]" are returned; *cur_section tracks the current one. */
typedef struct dyad__lineiter {
    const char *p, *end;
    const char *section; size_t section_len; /* current section name, "" before any header */
    size_t line;                             /* the line last read, from 1 */
} dyad__lineiter;
void dyad__lines_init(dyad__lineiter *it, const char *data, size_t len);
int dyad__lines_next(dyad__lineiter *it, const char **entry, size_t *len);
/* Strict reading, for dictionaries whose errors are reported: as dyad__lines_next, but a section
 * line is returned too (2, entry = the name inside the brackets; it->section follows it), and a line
 * longer than max bytes, a line of invalid UTF-8 or a "[" line without its "]" is an error: -1 with
 * *why set (a static string) and it->line on the line. 1 for an entry, 0 at the end. */
int dyad__lines_strict(dyad__lineiter *it, size_t max, const char **entry, size_t *len, const char **why);
/* How messages name data file `name` after dyad__data(): its path, or "built-in NAME". */
void dyad__data_label(const dyad_ctx *ctx, const char *name, char *out, size_t cap);
/* Is the iterator's current section exactly `name`? */
int dyad__lines_section_is(const dyad__lineiter *it, const char *name);

/* A set of short strings (lower-cased ASCII/UTF-8 as given) with O(1) lookup. */
typedef struct dyad__strset {
    char **keys;
    size_t *lens;
    size_t cap, n;
} dyad__strset;
int dyad__strset_add(dyad__strset *s, const char *k, size_t n); /* copies; 0 ok, DYAD_NOMEM */
int dyad__strset_has(const dyad__strset *s, const char *k, size_t n);
void dyad__strset_free(dyad__strset *s);
uint64_t dyad__hash(const void *p, size_t n); /* FNV-1a 64 */

/* ---- loading dictionaries (actors-*.txt, events.txt): what every loader needs ---- */

/* A dictionary's load error: sticky (the first one stays, later ones are dropped), kept with the
 * dictionary so that every use reports it. err is DYAD_OK, DYAD_DICT or DYAD_NOMEM. */
typedef struct dyad__dicterr {
    int err;
    char msg[512];
} dyad__dicterr;
/* Sets "where:line: message" (DYAD_DICT) unless an error is set; returns the error set. */
int dyad__dict_fail(dyad__dicterr *e, const char *where, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int dyad__dict_vfail(dyad__dicterr *e, const char *where, size_t line, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* Sets "out of memory loading WHAT" (DYAD_NOMEM) unless an error is set; returns the error set. */
int dyad__dict_oom(dyad__dicterr *e, const char *what);

/* Grows array *p of *cap elements of `size` bytes (doubling from 256) so that element n fits:
 * 0, or -1 when out of memory (the array is left as it was). */
int dyad__grow(void **p, size_t *cap, size_t n, size_t size);

/* A pool of NUL-terminated strings addressed by offset (offsets stay valid as it grows). */
typedef struct dyad__pool {
    char *s;
    size_t len, cap;
} dyad__pool;
/* Copies s[0..n) with a NUL into the pool; *off gets its offset. 0, or -1 when out of memory. */
int dyad__pool_add(dyad__pool *p, const char *s, size_t n, uint32_t *off);

#endif
