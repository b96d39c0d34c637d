/* cli/cli.h — the dyad command: one file per subcommand, all clients of the public header only.
 * Each cmd_* gets argv after the subcommand name and returns the process exit status:
 * 0 success, 1 some input failed (others went through), 2 usage error or nothing could be done. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include "dyad/dyad.h"

enum { EXIT_OK = 0, EXIT_SOME = 1, EXIT_USAGE = 2 };

/* Options every subcommand accepts. */
typedef struct cli_common {
    const char *db;       /* --db PATH, default "dyad.db" */
    const char *data_dir; /* --data DIR */
    const char *dict_dir; /* --dict DIR: the user's dictionaries, over the data folder's */
    int json;             /* --json */
    int quiet;            /* -q */
} cli_common;

/* If argv[*i] is a common option, consumes it (and its value) and returns 1; returns -1 on a
 * missing value (message printed), 0 when it is not a common option. */
int cli_common_opt(cli_common *c, int argc, char **argv, int *i);
/* A context for the options; prints a message and returns NULL on failure. */
dyad_ctx *cli_ctx(const cli_common *c);
/* Prints "dyad: MESSAGE" on stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Calls fn(ud, line) for each non-empty line of the file `from` ("-": standard input), line ends
 * (LF, CRLF) removed, until fn returns non-zero or *stop becomes non-zero (stop may be NULL).
 * Returns 0, or -1 when the file cannot be opened (message printed, prefixed with `who`). */
int cli_each_line(const char *who, const char *from, int (*fn)(void *ud, const char *line), void *ud,
                  volatile sig_atomic_t *stop);
/* Reads a whole file (for --plain), up to DYAD_DEFAULT_MAX_FILE bytes. NULL with errno set on
 * failure (EFBIG past the limit). The caller frees. */
char *cli_read_file(const char *path, size_t *len);
/* Writes s[0..n) to f as the inside of a JSON string; invalid UTF-8 becomes U+FFFD. */
void cli_json_str(FILE *f, const char *s, size_t n);
/* A path as people read it: relative to the working folder when it lies under it. The result
 * points into abs (or is "" for NULL). */
const char *cli_shown_path(const char *abs);
/* Writes a JSON string or null. */
void cli_json_strz(FILE *f, const char *s);

/* Walking the paths a user names (cli/walk.c). A folder is walked recursively (sorted, hidden
 * entries skipped, link loops and folders already entered through a link not entered again);
 * anything else is handed to `file` as a document, so that what is not one gets its message. */
#define CLI_WALK_MAX_DEPTH 128 /* deeper folders are not entered ("folders nested too deep") */
typedef struct cli_dirid {
    dev_t dev;
    ino_t ino;
    int used;
} cli_dirid;
typedef struct cli_walker {
    void (*file)(void *ud, const char *path);                  /* a document to read */
    void (*skip)(void *ud, const char *path, const char *why); /* a path that cannot be read */
    int (*stop)(void *ud);                                     /* non-zero stops the walk; may be NULL */
    void *ud;
    struct { dev_t dev; ino_t ino; } anc[CLI_WALK_MAX_DEPTH]; /* folders on the current path */
    int depth;
    cli_dirid *seen; /* folders entered through a symbolic link during this PATH */
    size_t nseen, capseen;
} cli_walker;
/* Walks one PATH; returns 1 when it was a folder, 0 when it was handed to `file`. */
int cli_walk(cli_walker *w, const char *path);
void cli_walk_free(cli_walker *w);

/* Documents from the paths a user names, each read (or, with plain, taken as clean text), run
 * through the pipeline up to `until`, and handed to fn (which returns non-zero to stop). A document
 * that fails gets its one-line message and counts in *failed. Returns 0, or -1 when a dictionary
 * has a syntax error (message printed; nothing can go through). */
typedef struct cli_docopts {
    int plain;           /* --plain: files are clean UTF-8 text, offsets into them */
    dyad_ymd dct;        /* --dct: the document date (year 0: the document's own) */
    unsigned date_flags; /* --mdy / --dmy */
    dyad_stage until;
} cli_docopts;
/* The options of commands that read documents: --plain, --dct DATE (or --dct=DATE), --mdy, --dmy.
 * Returns 1 when argv[*i] was one (its value consumed), 0 when not, -1 on a bad value (message
 * printed). */
int cli_doc_opt(cli_docopts *o, int argc, char **argv, int *i);
typedef int (*cli_doc_fn)(void *ud, dyad_doc *doc, const char *path);
int cli_each_doc(dyad_ctx *ctx, char **paths, int n, const cli_docopts *o, cli_doc_fn fn, void *ud, int *failed);

int cmd_text(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_fuse(int argc, char **argv);
/* One timeline entry as a JSON object on one line (the fields of `dyad timeline --json`). */
void cli_entry_json(FILE *f, const dyad_entry *e);
/* One event as a JSON object on one line (the fields of `dyad events`). */
void cli_print_event(FILE *f, const char *path, const char *text, const dyad_event *e);
int cmd_meta(int argc, char **argv);
int cmd_blocks(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_dates(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_docs(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
