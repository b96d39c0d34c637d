/* dyad.h — the public API of libdyad, the library under the `dyad` command.
 *
 * dyad turns a folder of documents about two countries into clean text, sentences, dated
 * expressions and a searchable store. The data flows through stages, each with its own header:
 *
 *   read   (dyad/read.h)   bytes of a file   -> dyad_doc: format, source metadata, raw blocks
 *   clean  (dyad/clean.h)  dyad_doc           -> blocks marked kept or dropped, metadata completed
 *   split  (dyad/split.h)  clean UTF-8 text   -> sentence spans
 *   date   (dyad/date.h)   clean UTF-8 text   -> TIMEX3 temporal expressions
 *   store  (dyad/store.h)  dyad_doc           -> an SQLite file with FTS5 search
 *
 * Conventions for every call:
 *  - Functions that can fail return a dyad_err (DYAD_OK is 0). The message of the last failure is on
 *    the handle (dyad_errmsg(ctx)); the library never prints and never exits.
 *  - Text is UTF-8 with an explicit length; returned strings are also NUL-terminated.
 *  - Every returned pointer says who owns it. Handles have a _new/_open and a _free/_close.
 *  - There is no global mutable state: two dyad_ctx never share anything.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.2.0"

/* One error table: the enum, the names and the messages come from this list. */
#define DYAD_ERRORS(X)                                                        \
    X(OK, "success")                                                          \
    X(NOMEM, "out of memory")                                                 \
    X(IO, "cannot read or write")                                             \
    X(NOTFOUND, "no such file")                                               \
    X(EMPTY, "file is empty")                                                 \
    X(BINARY, "binary file, not a document")                                  \
    X(ENCODING, "text is not in a known character encoding")                  \
    X(TOOBIG, "file is larger than the limit")                                \
    X(FORMAT, "malformed input")                                              \
    X(NOTOOL, "a required external tool is not installed")                    \
    X(TOOL, "an external tool failed")                                        \
    X(NOTEXT, "no text left after cleaning")                                  \
    X(STORE, "store error")                                                   \
    X(NOTDB, "file is not a dyad store")                                      \
    X(READONLY, "store is read-only")                                         \
    X(ARG, "invalid argument")                                                \
    X(LIMIT, "input exceeds a limit")                                         \
    X(DICT, "a dictionary file has an error")

typedef enum {
#define DYAD_X_ENUM(name, msg) DYAD_##name,
    DYAD_ERRORS(DYAD_X_ENUM)
#undef DYAD_X_ENUM
    DYAD_ERR_COUNT
} dyad_err;

/* Static text for an error code ("out of memory"); never NULL. */
const char *dyad_strerror(dyad_err err);
/* Short name of an error code ("NOMEM"); never NULL. */
const char *dyad_errname(dyad_err err);

/* ---- Context: loaded data (phrase lists, abbreviations, ...) and the last error message. ---- */
typedef struct dyad_ctx dyad_ctx;

typedef struct dyad_opts {
    /* Folder holding the data files (boilerplate.txt, abbreviations.txt, ...). NULL: $DYAD_DATA,
     * else ../share/dyad or ../data beside the executable, else the copies built into the library.
     * A file missing from the folder falls back to its built-in copy. */
    const char *data_dir;
    /* Largest input file read, in bytes; 0 means DYAD_DEFAULT_MAX_FILE. */
    size_t max_file;
    /* A dictionary folder of the user's (NULL: none). Its data files override those of the same
     * name in the data folder, and its extra actors-*.txt and events-*.txt files are read besides
     * the standard ones. */
    const char *dict_dir;
} dyad_opts;

#define DYAD_DEFAULT_MAX_FILE ((size_t)512 << 20) /* 512 MiB: above it a file is refused, not read */

/* Creates a context. opts may be NULL. Returns NULL only when out of memory.
 * A data file that exists but cannot be parsed is reported by dyad_errmsg() and the built-in copy
 * is used instead. The caller frees with dyad_ctx_free(). */
dyad_ctx *dyad_ctx_new(const dyad_opts *opts);
void dyad_ctx_free(dyad_ctx *ctx);

/* Message of the last failure on this context ("file.html: binary file, not a document").
 * Owned by ctx, valid until the next call that fails. Empty string when there was none. */
const char *dyad_errmsg(const dyad_ctx *ctx);

/* Where the data files came from: a folder path, or "built-in". Owned by ctx. */
const char *dyad_data_source(const dyad_ctx *ctx);

/* The bytes of data file `name` (a file name such as "export-cameo.txt", no folder), from the user's
 * dictionary folder, else the data folder, else the copy built into the library; NULL when none has
 * it. For clients that keep their own tables in data files (format in the README: one entry a line,
 * '#' comments, "[section]" lines). Owned by ctx, valid while it lives; *len may be NULL.
 * dyad_data_file_where() says where it came from, for messages ("/usr/share/dyad/x.txt", "built-in"). */
const char *dyad_data_file(dyad_ctx *ctx, const char *name, size_t *len);
const char *dyad_data_file_where(const dyad_ctx *ctx, const char *name);

#ifdef __cplusplus
}
#endif

#include "dyad/read.h"
#include "dyad/clean.h"
#include "dyad/meta.h"
#include "dyad/split.h"
#include "dyad/date.h"
#include "dyad/actors.h"
#include "dyad/events.h"
#include "dyad/fuse.h"
#include "dyad/store.h"
#include "dyad/pipeline.h"

#endif
