/* dyad/read.h — stage 1: read a file into a document.
 *
 * Takes: a path or a memory buffer (any bytes: hostile until read).
 * Gives: a dyad_doc holding the detected format, the metadata the source states (front matter, meta
 *        tags, <title>), and the text as an ordered list of blocks (paragraphs, headings, list items,
 *        lines of a plain-text page), each with the signals the cleaner needs (link text share, the
 *        source line, the HTML section it sat in).
 * Memory: a dyad_doc owns everything reachable from it (one arena); dyad_doc_free() releases it all.
 *         Strings returned by accessors live as long as the doc.
 */
#ifndef DYAD_READ_H
#define DYAD_READ_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;

typedef enum {
    DYAD_FMT_AUTO = 0,  /* detect from content (then from the file name) */
    DYAD_FMT_TEXT,
    DYAD_FMT_MARKDOWN,
    DYAD_FMT_HTML,
    DYAD_FMT_PDF
} dyad_format;

const char *dyad_format_name(dyad_format f); /* "text", "markdown", "html", "pdf", "auto" */

typedef enum {
    DYAD_BLOCK_PARA = 0, /* a paragraph, or one line of a plain-text page */
    DYAD_BLOCK_HEADING,  /* level in dyad_block.level (1-6) */
    DYAD_BLOCK_ITEM,     /* list item; level = nesting depth (1 = top) */
    DYAD_BLOCK_QUOTE,    /* block quote paragraph */
    DYAD_BLOCK_PRE,      /* preformatted / code */
    DYAD_BLOCK_CELL,     /* table cell or row text */
    DYAD_BLOCK_CAPTION   /* figure caption, image credit */
} dyad_block_kind;

/* Signals a reader sets on a block (dyad_block.flags). */
enum {
    DYAD_BF_IN_NAV      = 1u << 0, /* inside <nav>, role=navigation, a menu-like container */
    DYAD_BF_IN_HEADER   = 1u << 1, /* inside the page <header> */
    DYAD_BF_IN_FOOTER   = 1u << 2, /* inside <footer>, role=contentinfo */
    DYAD_BF_IN_ASIDE    = 1u << 3, /* inside <aside>, sidebars, comments */
    DYAD_BF_IN_FORM     = 1u << 4, /* inside <form>, buttons, inputs */
    DYAD_BF_MAIN        = 1u << 5, /* inside the element the reader judged to be the article */
    DYAD_BF_PAGE_BREAK  = 1u << 6, /* a page break (form feed) comes right before this block */
    DYAD_BF_HYPHEN_END  = 1u << 7, /* text ended in a hyphen at a line end that the reader kept */
    DYAD_BF_INDENTED    = 1u << 8, /* plain text: the line was indented */
    DYAD_BF_BLANK_BEFORE= 1u << 9  /* plain text: a blank line separates it from the previous block */
};

/* Why the cleaner dropped a block (dyad_block.drop); DYAD_DROP_NONE = kept. */
typedef enum {
    DYAD_DROP_NONE = 0,
    DYAD_DROP_BOILERPLATE, /* phrase list: cookie banner, subscribe prompt, copyright, ... */
    DYAD_DROP_NAV,         /* menu lines, link lists, breadcrumbs */
    DYAD_DROP_REPEAT,      /* a block repeated earlier in the document (article printed twice) */
    DYAD_DROP_RUNNING,     /* running page header or footer */
    DYAD_DROP_SHORT,       /* too short and isolated to be part of the article */
    DYAD_DROP_OUTSIDE,     /* outside the main content region */
    DYAD_DROP_JOINED,      /* merged into the previous block (page break, hyphen) */
    DYAD_DROP_META,        /* front matter, dateline or byline lines moved into metadata */
    DYAD_DROP_OTHER
} dyad_drop;

const char *dyad_drop_name(dyad_drop d);

typedef struct dyad_block {
    dyad_block_kind kind;
    int level;             /* heading level 1-6 or list depth; 0 otherwise */
    const char *text;      /* UTF-8, NUL-terminated, inner white space collapsed; owned by the doc */
    size_t len;            /* bytes in text */
    uint32_t line;         /* 1-based line of the source where the block starts (0 if unknown) */
    uint32_t link_bytes;   /* bytes of text inside links (HTML, Markdown) */
    uint32_t flags;        /* DYAD_BF_* */
    dyad_drop drop;        /* set by the cleaner */
} dyad_block;

/* One metadata value and where it came from ("front-matter", "meta og:title", "html title",
 * "dateline", "first heading", ...). Both NULL when unknown. */
typedef struct dyad_field {
    const char *value;
    const char *source;
} dyad_field;

typedef struct dyad_meta {
    dyad_field title;
    dyad_field author;
    dyad_field publisher;
    dyad_field date;        /* publication date, ISO 8601 at the precision stated (2010-06-29, 2024-03) */
    dyad_field updated;     /* a "last updated" date: never used as the publication date */
    dyad_field language;
    dyad_field url;
    dyad_field description;
} dyad_meta;

/* Reads and parses a file. On success *out is a new doc (caller frees with dyad_doc_free()).
 * On failure returns the error and sets dyad_errmsg(ctx) to one line naming the file and reason. */
int dyad_doc_read_file(dyad_ctx *ctx, const char *path, dyad_format hint, dyad_doc **out);

/* Same, from memory; name is used in messages and as the document's path. data is not kept. */
int dyad_doc_read_mem(dyad_ctx *ctx, const char *name, const void *data, size_t len,
                      dyad_format hint, dyad_doc **out);

/* A doc whose clean text is exactly text[0..len) (already clean UTF-8: `--plain`), ready for the
 * split stage: no blocks, no metadata, offsets of later stages are into the given text. name is
 * used in messages. DYAD_OK or DYAD_NOMEM; the caller frees *out. */
int dyad_doc_from_text(dyad_ctx *ctx, const char *name, const char *text, size_t len, dyad_doc **out);

void dyad_doc_free(dyad_doc *doc);

const char *dyad_doc_path(const dyad_doc *doc);
dyad_format dyad_doc_format(const dyad_doc *doc);
/* The character encoding the source was decoded from ("UTF-8", "WINDOWS-1252", "SHIFT_JIS", ...). */
const char *dyad_doc_encoding(const dyad_doc *doc);
/* SHA-256 of the file's bytes, 64 hex digits. */
const char *dyad_doc_hash(const dyad_doc *doc);
size_t dyad_doc_size(const dyad_doc *doc); /* bytes of the source */

size_t dyad_doc_nblocks(const dyad_doc *doc);
const dyad_block *dyad_doc_block(const dyad_doc *doc, size_t i); /* NULL when i is out of range */
const dyad_meta *dyad_doc_meta(const dyad_doc *doc);
/* The document's tags: the front matter's tags, categories and keywords (YAML lists or strings
 * separated by commas or spaces), in order, without repeats (ASCII case ignored), a leading '#'
 * dropped; at most 64 of at most 100 bytes each. *n gets the count (may be 0; n may be NULL).
 * The array and strings live as long as the doc; NULL when there are none. */
const char *const *dyad_doc_tags(const dyad_doc *doc, size_t *n);
/* One line saying why the front matter was read only in part or not at all ("line 4, column 12:
 * mapping values are not allowed in this context; the rest read line by line"), or NULL. A
 * problem in the front matter never fails the read. */
const char *dyad_doc_front_matter_error(const dyad_doc *doc);

#endif
