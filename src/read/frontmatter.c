/* read/frontmatter.c — YAML front matter ("---" lines around YAML or one JSON object) into metadata.
 *
 * The YAML is read with libyaml's event parser, so quoting, escapes ("\u2019"), folded and literal
 * block scalars, flow and block lists, anchors and aliases mean what YAML says. Only what the
 * metadata needs is kept: each top-level key's value as a list of strings (a scalar is a list of
 * one, a list is its scalars flattened, a mapping stands for its "name"), then the key picks the
 * field (title, author, date, ..., tags). Dates stay as written; the meta stage normalises them
 * (2015-12-12T10:00:00Z, "December 12, 2015" -> 2015-12-12).
 *
 * Hostile front matter cannot cost more than linear time and bounded memory:
 *  - FM_MAX bounds the bytes read, so every scalar, and the sum of them, is below it;
 *  - FM_DEPTH_MAX bounds nesting (libyaml's scanner takes time quadratic in flow nesting depth:
 *    60,000 '[' take 6 s to parse whole; stopping at the limit reads 16 KiB and takes no time);
 *  - aliases are never expanded recursively: a finished node's value is a list of at most
 *    FM_LIST_MAX pointers, an alias copies at most that many, and all aliases together may copy at
 *    most FM_ALIAS_ITEMS_MAX ("billion laughs" stops there); at most FM_ANCHORS_MAX anchors are kept.
 * A YAML syntax error keeps what was read before it (a value on the line of the error is dropped)
 * and reads the lines from there on as plain "key: value" lines, the way hand-written notes mean
 * them ("title: India: the next decade" is invalid YAML). A limit that is hit keeps what was read
 * and ignores the rest. Either way the read goes on and doc->fm_error says what happened, once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "read/reader.h"

/* Front matter longer than this is not front matter (a stray "---" far down the file). */
#define FM_MAX (64u << 10)
/* Nesting of lists and mappings read (the top-level mapping is 1); deeper stops the reading. */
#define FM_DEPTH_MAX 16
/* Strings one value keeps (items of a list, flattened); further items are ignored. */
#define FM_LIST_MAX DYAD__TAGS_MAX
/* Anchors remembered for aliases; later anchors resolve to nothing. */
#define FM_ANCHORS_MAX 64
/* Strings all aliases of one front matter may copy together; past it the reading stops. */
#define FM_ALIAS_ITEMS_MAX 4096
/* Longest value kept for a field; a longer one is ignored (a description pasted whole). */
#define FM_VALUE_MAX 2048
/* Longest key compared with the known ones. */
#define FM_KEY_MAX 32

/* ---- what a value means ---- */

static int key_is(const char *k, size_t n, const char *want)
{
    size_t w = strlen(want);
    if (n != w)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c == '-')
            c = '_';
        if (c != want[i])
            return 0;
    }
    return 1;
}

static int is_tag_key(const char *k, size_t n)
{
    return key_is(k, n, "tags") || key_is(k, n, "tag") || key_is(k, n, "categories") ||
           key_is(k, n, "category") || key_is(k, n, "keywords");
}

/* The field a key names, or NULL. */
static dyad_field *field_of(dyad_doc *doc, const char *k, size_t kn)
{
    dyad_meta *M = &doc->meta;
    if (key_is(k, kn, "title"))
        return &M->title;
    if (key_is(k, kn, "author") || key_is(k, kn, "authors") || key_is(k, kn, "creator") || key_is(k, kn, "by"))
        return &M->author;
    if (key_is(k, kn, "publisher") || key_is(k, kn, "source") || key_is(k, kn, "site") ||
        key_is(k, kn, "site_name"))
        return &M->publisher;
    if (key_is(k, kn, "date") || key_is(k, kn, "published") || key_is(k, kn, "pubdate") ||
        key_is(k, kn, "publish_date") || key_is(k, kn, "date_published") || key_is(k, kn, "created") ||
        key_is(k, kn, "date_created"))
        return &M->date;
    if (key_is(k, kn, "updated") || key_is(k, kn, "modified") || key_is(k, kn, "last_modified") ||
        key_is(k, kn, "lastmod") || key_is(k, kn, "date_modified"))
        return &M->updated;
    if (key_is(k, kn, "lang") || key_is(k, kn, "language"))
        return &M->language;
    if (key_is(k, kn, "url") || key_is(k, kn, "permalink") || key_is(k, kn, "canonical"))
        return &M->url;
    if (key_is(k, kn, "description") || key_is(k, kn, "summary") || key_is(k, kn, "excerpt"))
        return &M->description;
    return NULL;
}

/* Tags from one string: separated by commas, else by white space ("india, japan", "india japan"). */
static void add_tags(dyad_doc *doc, const char *v, size_t n)
{
    int comma = memchr(v, ',', n) != NULL;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !(comma ? v[j] == ',' : (v[j] == ' ' || v[j] == '\t' || v[j] == '\n')))
            j++;
        dyad__doc_add_tag(doc, v + i, j - i);
        i = j + 1;
    }
}

/* The value of a top-level key: strings (NUL-terminated), in order. */
static void apply(dyad_doc *doc, const char *k, size_t kn, const char *const *v, size_t nv)
{
    if (is_tag_key(k, kn)) {
        for (size_t i = 0; i < nv; i++) {
            if (nv == 1)
                add_tags(doc, v[i], strlen(v[i]));
            else
                dyad__doc_add_tag(doc, v[i], strlen(v[i]));
        }
        return;
    }
    dyad_field *f = field_of(doc, k, kn);
    if (!f || !nv) /* a list gives its first string ("author: [A, B]" -> A) */
        return;
    size_t n = strlen(v[0]);
    if (n && n <= FM_VALUE_MAX)
        dyad__meta_set(doc, f, v[0], n, "front-matter");
}

/* ---- line by line, after a YAML error ---- */

static const char *trim(const char *s, const char *e, const char **end)
{
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    if (e - s >= 2 && ((*s == '"' && e[-1] == '"') || (*s == '\'' && e[-1] == '\''))) {
        s++;
        e--;
    } else if (e > s && (*s == '"' || *s == '\'')) {
        s++; /* a quote that never closes: the YAML error the line reader stands in for */
    }
    *end = e;
    return s;
}

/* A value read from a line: "[a, b]" is a list, anything else one string. */
static void apply_line(dyad_doc *doc, const char *k, size_t kn, const char *v, size_t vn)
{
    char buf[FM_VALUE_MAX + 1];
    if (!vn || vn > FM_VALUE_MAX)
        return;
    if (v[0] == '[') {
        const char *e = v + vn, *p = v + 1;
        if (e[-1] == ']')
            e--;
        const char *items[FM_LIST_MAX];
        size_t ni = 0, o = 0;
        while (p < e && ni < FM_LIST_MAX) {
            const char *q = memchr(p, ',', (size_t)(e - p));
            if (!q)
                q = e;
            const char *ie;
            const char *is = trim(p, q, &ie);
            if (ie > is) {
                memcpy(buf + o, is, (size_t)(ie - is));
                buf[o + (size_t)(ie - is)] = 0;
                items[ni++] = buf + o;
                o += (size_t)(ie - is) + 1;
            }
            p = q + 1;
        }
        if (is_tag_key(k, kn))
            for (size_t i = 0; i < ni; i++)
                dyad__doc_add_tag(doc, items[i], strlen(items[i]));
        else
            apply(doc, k, kn, items, ni);
        return;
    }
    memcpy(buf, v, vn);
    buf[vn] = 0;
    const char *one = buf;
    apply(doc, k, kn, &one, 1);
}

/* Top-level "key: value" lines of s[0..e); a key with no value takes the first "- item" below it. */
static void read_lines(dyad_doc *doc, const char *s, const char *e)
{
    const char *p = s, *pk = NULL;
    size_t pkn = 0;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        if (p < le && (*p == ' ' || *p == '\t' || *p == '-')) {
            const char *q = p;
            while (q < le && (*q == ' ' || *q == '\t'))
                q++;
            if (pk && q + 1 < le && *q == '-' && q[1] == ' ') {
                const char *ve;
                const char *v = trim(q + 2, le, &ve);
                apply_line(doc, pk, pkn, v, (size_t)(ve - v));
                if (!is_tag_key(pk, pkn))
                    pk = NULL;
            }
        } else if (p < le && *p != '#') {
            const char *c = memchr(p, ':', (size_t)(le - p));
            pk = NULL;
            if (c) {
                const char *ke;
                const char *k = trim(p, c, &ke);
                const char *ve;
                const char *v = trim(c + 1, le, &ve);
                if (ve > v && *v != '|' && *v != '>' && *v != '&' && *v != '*')
                    apply_line(doc, k, (size_t)(ke - k), v, (size_t)(ve - v));
                else if (ve == v) {
                    pk = k;
                    pkn = (size_t)(ke - k);
                }
            }
        }
        p = nl ? nl + 1 : e;
    }
}

/* ---- YAML events ---- */

/* A node being read: its strings so far; for a mapping, the key whose value comes next. */
typedef struct fm_frame {
    int map;                       /* a mapping (else a list) */
    int want_key;                  /* mapping: the next node is a key */
    const char *key;               /* mapping: the current key (NULL: not a string) */
    size_t key_len;
    size_t key_line;               /* line of the current key in the YAML */
    const char *anchor;            /* the node's anchor, or NULL */
    const char *items[FM_LIST_MAX];
    size_t n;
} fm_frame;

typedef struct fm_anchor {
    const char *name;
    const char *items[FM_LIST_MAX];
    size_t n;
} fm_anchor;

typedef struct fm_state {
    dyad_doc *doc;
    dyad__arena tmp;               /* scalars and names, freed at the end */
    fm_frame stack[FM_DEPTH_MAX];
    size_t depth;
    fm_anchor anchors[FM_ANCHORS_MAX];
    size_t nanchors;
    size_t alias_items;            /* strings copied by aliases so far */
    /* A top-level value waits for the next event before it is applied: a YAML error on its line
     * ("title: India: the next decade") means the value was not what it seemed. */
    int pending;
    const char *pkey;
    size_t pkey_len;
    size_t pkey_line, pend_line;   /* lines of the pending value's key and of its end */
    size_t end_line;               /* line where the current event ends */
    const char *const *pitems;
    size_t pn;
    const char *pitems_copy[FM_LIST_MAX];
    int oom;
} fm_state;

static const char *keep(fm_state *st, const char *s, size_t n)
{
    char *c = dyad__arena_strndup(&st->tmp, s ? s : "", s ? n : 0);
    if (!c)
        st->oom = 1;
    return c;
}

static void remember(fm_state *st, const char *anchor, const char *const *items, size_t n)
{
    if (!anchor)
        return;
    fm_anchor *a = NULL;
    for (size_t i = 0; i < st->nanchors && !a; i++)
        if (!strcmp(st->anchors[i].name, anchor))
            a = &st->anchors[i]; /* YAML lets a later anchor of the same name replace it */
    if (!a) {
        if (st->nanchors == FM_ANCHORS_MAX)
            return;
        a = &st->anchors[st->nanchors++];
        a->name = anchor;
    }
    a->n = n < FM_LIST_MAX ? n : FM_LIST_MAX;
    memcpy(a->items, items, a->n * sizeof *items);
}

static void commit(fm_state *st)
{
    if (st->pending)
        apply(st->doc, st->pkey, st->pkey_len, st->pitems, st->pn);
    st->pending = 0;
}

/* A finished node (scalar, alias, list or mapping) with its strings, handed to its parent. */
static void node_done(fm_state *st, const char *const *items, size_t n, size_t line)
{
    if (!st->depth)
        return; /* the root: only a mapping at the top means anything */
    fm_frame *f = &st->stack[st->depth - 1];
    if (!f->map) {
        for (size_t i = 0; i < n && f->n < FM_LIST_MAX; i++)
            f->items[f->n++] = items[i];
        return;
    }
    if (f->want_key) {
        f->want_key = 0;
        f->key = n == 1 && strlen(items[0]) <= FM_KEY_MAX ? items[0] : NULL; /* a list as key: ignored */
        f->key_len = f->key ? strlen(f->key) : 0;
        f->key_line = line;
        return;
    }
    f->want_key = 1;
    if (!f->key)
        return;
    if (st->depth == 1) {
        /* the top-level mapping: the value waits for the next event (see fm_state.pending) */
        st->pending = 1;
        st->pkey = f->key;
        st->pkey_len = f->key_len;
        st->pkey_line = f->key_line;
        st->pend_line = st->end_line;
        st->pn = n < FM_LIST_MAX ? n : FM_LIST_MAX;
        if (st->pn)
            memcpy(st->pitems_copy, items, st->pn * sizeof *items);
        st->pitems = st->pitems_copy;
    } else if (key_is(f->key, f->key_len, "name") && n) {
        f->items[0] = items[0]; /* a mapping stands for its name: authors: [{name: X}] */
        f->n = 1;
    }
}

/* YAML 1.1 nulls: "", "~", "null" written plain. */
static int is_null(const yaml_event_t *e)
{
    const char *v = (const char *)e->data.scalar.value;
    size_t n = e->data.scalar.length;
    if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    return n == 0 || (n == 1 && v[0] == '~') ||
           (n == 4 && (!memcmp(v, "null", 4) || !memcmp(v, "Null", 4) || !memcmp(v, "NULL", 4)));
}

/* Reads YAML y[0..n) (the front matter's inside; it starts on line `line0` of the file). */
static void read_yaml(dyad_doc *doc, const char *y, size_t n, uint32_t line0)
{
    fm_state *st = calloc(1, sizeof *st);
    yaml_parser_t p;
    if (!st || !yaml_parser_initialize(&p)) {
        free(st);
        doc->oom = 1;
        return;
    }
    st->doc = doc;
    dyad__arena_init(&st->tmp, 0);
    yaml_parser_set_input_string(&p, (const unsigned char *)y, n);
    char why[256] = "";
    size_t resume = SIZE_MAX; /* line (0-based) to read on from, line by line */
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            if (p.error == YAML_MEMORY_ERROR) {
                st->oom = 1;
                break;
            }
            /* Where the error starts: a value that ended on an earlier line stands; one that
             * ends on that line, or the top-level value being read, is read again line by line. */
            size_t line = p.problem_mark.line;
            if (p.context && p.context_mark.line < line)
                line = p.context_mark.line;
            if (st->pending && st->pend_line < line)
                commit(st);
            if (st->pending && st->pkey_line < line)
                line = st->pkey_line;
            else if (st->depth > 1 || (st->depth == 1 && !st->stack[0].want_key))
                line = st->stack[0].key_line < line ? st->stack[0].key_line : line;
            st->pending = 0;
            resume = line;
            char ctx[96] = "";
            if (p.context)
                snprintf(ctx, sizeof ctx, " (%s from line %zu)", p.context, (size_t)p.context_mark.line + line0);
            snprintf(why, sizeof why, "line %zu, column %zu: %s%s; the rest read line by line",
                     (size_t)p.problem_mark.line + line0, (size_t)p.problem_mark.column + 1,
                     p.problem ? p.problem : "not valid YAML", ctx);
            break;
        }
        yaml_event_type_t t = e.type;
        if (t != YAML_STREAM_START_EVENT && t != YAML_DOCUMENT_START_EVENT)
            commit(st);
        size_t line = e.start_mark.line;
        st->end_line = e.end_mark.line;
        if (t == YAML_SCALAR_EVENT) {
            const char *v = is_null(&e) ? NULL : keep(st, (const char *)e.data.scalar.value, e.data.scalar.length);
            const char *an = (const char *)e.data.scalar.anchor;
            remember(st, an ? keep(st, an, strlen(an)) : NULL, &v, v ? 1 : 0);
            if (st->depth && st->stack[st->depth - 1].map && st->stack[st->depth - 1].want_key && !v)
                v = ""; /* a null key is still a key */
            node_done(st, &v, v ? 1 : 0, line);
        } else if (t == YAML_ALIAS_EVENT) {
            const fm_anchor *a = NULL;
            for (size_t i = 0; i < st->nanchors && !a; i++)
                if (!strcmp(st->anchors[i].name, (const char *)e.data.alias.anchor))
                    a = &st->anchors[i];
            size_t k = a ? a->n : 0;
            st->alias_items += k ? k : 1;
            if (st->alias_items > FM_ALIAS_ITEMS_MAX) {
                snprintf(why, sizeof why, "aliases expand to more than %d values; the rest ignored",
                         FM_ALIAS_ITEMS_MAX);
                yaml_event_delete(&e);
                break;
            }
            node_done(st, a ? a->items : NULL, k, line);
        } else if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
            if (st->depth == FM_DEPTH_MAX) {
                snprintf(why, sizeof why, "line %zu: nested deeper than %d levels; the rest ignored",
                         (size_t)line + line0, FM_DEPTH_MAX);
                yaml_event_delete(&e);
                break;
            }
            const yaml_char_t *an = t == YAML_SEQUENCE_START_EVENT ? e.data.sequence_start.anchor
                                                                  : e.data.mapping_start.anchor;
            fm_frame *f = &st->stack[st->depth++];
            memset(f, 0, sizeof *f);
            f->map = t == YAML_MAPPING_START_EVENT;
            f->want_key = 1;
            f->key_line = line;
            f->anchor = an ? keep(st, (const char *)an, strlen((const char *)an)) : NULL;
        } else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
            if (st->depth) {
                fm_frame *f = &st->stack[--st->depth];
                remember(st, f->anchor, f->items, f->n);
                node_done(st, f->items, f->n, line);
            }
        }
        yaml_event_delete(&e);
        if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT || st->oom)
            break;
    }
    commit(st);
    yaml_parser_delete(&p);
    if (resume != SIZE_MAX) {
        const char *q = y, *e = y + n;
        for (size_t l = 0; l < resume && q < e; l++) {
            const char *nl = memchr(q, '\n', (size_t)(e - q));
            q = nl ? nl + 1 : e;
        }
        read_lines(doc, q, e);
    }
    if (why[0] && !doc->fm_error) {
        char msg[320];
        snprintf(msg, sizeof msg, "front matter: %s", why);
        doc->fm_error = dyad__arena_strdup(&doc->arena, msg);
    }
    if (st->oom)
        doc->oom = 1;
    dyad__arena_free(&st->tmp);
    free(st);
}

size_t dyad__front_matter(dyad_doc *doc, const char *s, size_t len, uint32_t *lines)
{
    *lines = 0;
    if (len < 4 || memcmp(s, "---", 3) || (s[3] != '\n' && s[3] != '\r'))
        return 0;
    const char *body = memchr(s, '\n', len);
    if (!body)
        return 0;
    body++;
    size_t lim = len < FM_MAX ? len : FM_MAX;
    const char *p = body, *end = s + lim;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t ln = (size_t)(le - p);
        while (ln && (p[ln - 1] == '\r' || p[ln - 1] == ' '))
            ln--;
        if (ln == 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3))) {
            read_yaml(doc, body, (size_t)(p - body), 2);
            size_t total = nl ? (size_t)(nl + 1 - s) : (size_t)(le - s);
            for (size_t i = 0; i < total; i++)
                *lines += s[i] == '\n';
            return total;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    /* No closing line: a thematic break at the top of a note, or front matter cut short. Either
     * way the lines stay text; say so when they look like front matter ("key: value"). */
    const char *nl = memchr(body, '\n', (size_t)(end - body));
    const char *colon = memchr(body, ':', (size_t)((nl ? nl : end) - body));
    if (colon && !doc->fm_error) {
        char msg[160];
        snprintf(msg, sizeof msg, "front matter: no closing '---' line within %u KiB; read as text",
                 FM_MAX >> 10);
        doc->fm_error = dyad__arena_strdup(&doc->arena, msg);
    }
    return 0;
}
