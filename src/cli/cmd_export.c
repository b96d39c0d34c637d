/* cli/cmd_export.c — `dyad export --format csv|jsonl|plover|gdelt`: the store's events, timeline
 * entries or sources in files other tools read. The columns and conventions of each format are in
 * the README ("dyad export"); the CAMEO and PLOVER mappings in data/export-cameo.txt.
 *
 * csv and jsonl share one list of columns per kind of row (the col tables below), so the header of
 * one is the keys of the other: csv per RFC 4180 (CRLF, fields quoted when they hold a comma, a quote
 * or a line break), lists joined by ';'; jsonl with arrays, numbers, booleans and null.
 * Output goes to standard output, or with -o FILE to a temporary file beside FILE that is renamed
 * over it once everything is written, so a failed export never leaves half a file. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

#define EXPORT_MAP_FILE "export-cameo.txt"
#define MAP_MAX 128       /* entries of each section of the mapping file (16 types, ~20 modes) */

typedef enum { F_CSV, F_JSONL, F_PLOVER, F_GDELT } format;
typedef enum { W_EVENTS, W_TIMELINE, W_SOURCES } what;
static const char *const format_names[] = {"csv", "jsonl", "plover", "gdelt"};
static const char *const what_names[] = {"events", "timeline", "sources"};

/* ---- the mapping file ---- */

typedef struct cameo {
    char type[16], mode[24];  /* mode "" for the type's own line */
    char code[8];             /* CAMEO event code, "040" */
    int quad;
    double goldstein;
    int has_goldstein;
} cameo;

typedef struct pairmap {
    char key[24], value[24];
} pairmap;

typedef struct mapping {
    cameo types[MAP_MAX], modes[MAP_MAX];
    int ntypes, nmodes;
    pairmap sectors[MAP_MAX], contexts[MAP_MAX];
    int nsectors, ncontexts;
    char groups[256][16]; /* codes of actors-groups.txt: a group, not a country */
    int ngroups;
} mapping;

/* GDELT's quad class of a CAMEO root code (01-05 verbal coop ... 14-20 material conflict). */
static int root_quad(int root)
{
    return root >= 1 && root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : root <= 20 ? 4 : 0;
}

static int valid_code(const char *c)
{
    size_t n = strlen(c);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (c[i] < '0' || c[i] > '9')
            return 0;
    return root_quad((c[0] - '0') * 10 + (c[1] - '0')) != 0;
}

/* Splits a line into at most max fields at spaces and tabs (line is modified). */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    for (char *p = line; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (n == max)
            return max + 1;
        f[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = 0;
    }
    return n;
}

static int parse_goldstein(const char *s, cameo *c)
{
    if (!strcmp(s, "-"))
        return 1;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || !end || *end || v < -10 || v > 10)
        return 0;
    c->goldstein = v;
    c->has_goldstein = 1;
    return 1;
}

/* Reads data/export-cameo.txt (or the user's copy). 0, or -1 with a message "FILE:LINE: reason". */
static int load_mapping(dyad_ctx *ctx, mapping *m)
{
    memset(m, 0, sizeof *m);
    size_t len = 0;
    const char *data = dyad_data_file(ctx, EXPORT_MAP_FILE, &len);
    if (!data) {
        cli_err("export: the data file %s is missing", EXPORT_MAP_FILE);
        return -1;
    }
    const char *where = dyad_data_file_where(ctx, EXPORT_MAP_FILE);
    char section[32] = "";
    int lineno = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - data - at) : len - at;
        char line[512];
        lineno++;
        if (n >= sizeof line) {
            cli_err("%s:%d: line too long", where, lineno);
            return -1;
        }
        memcpy(line, data + at, n);
        line[n] = 0;
        at += n + 1;
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if (*p == '[') {
            char *close = strchr(p, ']');
            if (!close || close[1] || close - p - 1 >= (long)sizeof section) {
                cli_err("%s:%d: a section line is [name]", where, lineno);
                return -1;
            }
            *close = 0;
            snprintf(section, sizeof section, "%s", p + 1);
            if (strcmp(section, "types") && strcmp(section, "modes") && strcmp(section, "sectors") &&
                strcmp(section, "contexts")) {
                cli_err("%s:%d: unknown section [%s]", where, lineno, section);
                return -1;
            }
            continue;
        }
        char *f[6];
        int nf = fields(p, f, 5);
        if (!strcmp(section, "types") || !strcmp(section, "modes")) {
            int modes = section[0] == 'm';
            if (nf != 4) {
                cli_err("%s:%d: expected %s", where, lineno, modes ? "TYPE MODE CAMEO GOLDSTEIN" : "TYPE CAMEO QUAD GOLDSTEIN");
                return -1;
            }
            if (dyad_event_type_parse(f[0]) < 0) {
                cli_err("%s:%d: %s is not a PLOVER type", where, lineno, f[0]);
                return -1;
            }
            cameo c = {0};
            snprintf(c.type, sizeof c.type, "%s", dyad_event_type_name((dyad_event_type)dyad_event_type_parse(f[0])));
            const char *code = modes ? f[2] : f[1];
            if (!valid_code(code)) {
                cli_err("%s:%d: %s is not a CAMEO event code (2 to 4 digits, root 01-20)", where, lineno, code);
                return -1;
            }
            snprintf(c.code, sizeof c.code, "%s", code);
            if (!parse_goldstein(f[3], &c)) {
                cli_err("%s:%d: %s is not a Goldstein score (-10 to 10, or -)", where, lineno, f[3]);
                return -1;
            }
            int root_q = root_quad((code[0] - '0') * 10 + (code[1] - '0'));
            if (modes) {
                snprintf(c.mode, sizeof c.mode, "%s", f[1]);
                if (m->nmodes == MAP_MAX) {
                    cli_err("%s:%d: more than %d modes", where, lineno, MAP_MAX);
                    return -1;
                }
                m->modes[m->nmodes++] = c;
            } else {
                char *end = NULL;
                long q = strtol(f[2], &end, 10);
                if (!end || *end || q < 1 || q > 4) {
                    cli_err("%s:%d: the quad class is 1, 2, 3 or 4", where, lineno);
                    return -1;
                }
                if (q != root_q) {
                    cli_err("%s:%d: quad class %ld does not match GDELT's class %d of root code %.2s", where, lineno, q,
                            root_q, code);
                    return -1;
                }
                c.quad = (int)q;
                for (int i = 0; i < m->ntypes; i++)
                    if (!strcmp(m->types[i].type, c.type)) {
                        cli_err("%s:%d: %s has two lines", where, lineno, c.type);
                        return -1;
                    }
                if (m->ntypes == MAP_MAX) {
                    cli_err("%s:%d: more than %d types", where, lineno, MAP_MAX);
                    return -1;
                }
                m->types[m->ntypes++] = c;
            }
        } else if (!strcmp(section, "sectors") || !strcmp(section, "contexts")) {
            if (nf != 2 || strlen(f[0]) >= 24 || strlen(f[1]) >= 24) {
                cli_err("%s:%d: expected %s", where, lineno, section[0] == 's' ? "SECTOR CAMEO" : "MODE CONTEXT");
                return -1;
            }
            pairmap *pm = section[0] == 's' ? m->sectors : m->contexts;
            int *np = section[0] == 's' ? &m->nsectors : &m->ncontexts;
            if (*np == MAP_MAX) {
                cli_err("%s:%d: more than %d entries in [%s]", where, lineno, MAP_MAX, section);
                return -1;
            }
            snprintf(pm[*np].key, sizeof pm[*np].key, "%s", f[0]);
            snprintf(pm[*np].value, sizeof pm[*np].value, "%s", f[1]);
            (*np)++;
        } else {
            cli_err("%s:%d: an entry before any [section]", where, lineno);
            return -1;
        }
    }
    /* every type needs a line; every mode's code must keep its type's quad class */
    for (int t = 0; t < DYAD_EV_COUNT; t++) {
        const char *name = dyad_event_type_name((dyad_event_type)t);
        int found = -1;
        for (int i = 0; i < m->ntypes && found < 0; i++)
            if (!strcmp(m->types[i].type, name))
                found = i;
        if (found < 0) {
            cli_err("%s: no [types] line for %s", where, name);
            return -1;
        }
        for (int i = 0; i < m->nmodes; i++)
            if (!strcmp(m->modes[i].type, name)) {
                m->modes[i].quad = m->types[found].quad;
                const char *c = m->modes[i].code;
                if (root_quad((c[0] - '0') * 10 + (c[1] - '0')) != m->types[found].quad) {
                    cli_err("%s: [modes] %s %s: code %s is not in %s's quad class %d", where, name, m->modes[i].mode, c,
                            name, m->types[found].quad);
                    return -1;
                }
            }
    }
    /* the group codes, which are not countries */
    const char *g = dyad_data_file(ctx, "actors-groups.txt", &len);
    for (size_t at = 0; g && at < len && m->ngroups < 256;) {
        const char *nl = memchr(g + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - g - at) : len - at;
        size_t k = 0;
        while (k < n && (g[at + k] == ' ' || g[at + k] == '\t'))
            k++;
        size_t w = 0;
        while (k + w < n && ((g[at + k + w] >= 'A' && g[at + k + w] <= 'Z') || (g[at + k + w] >= '0' && g[at + k + w] <= '9')))
            w++;
        if (w >= 2 && w < 16 && (k + w == n || g[at + k + w] == ' ' || g[at + k + w] == '\t')) {
            memcpy(m->groups[m->ngroups], g + at + k, w);
            m->groups[m->ngroups++][w] = 0;
        }
        at += n + 1;
    }
    return 0;
}

static const cameo *map_event(const mapping *m, const char *type, const char *mode)
{
    if (mode)
        for (int i = 0; i < m->nmodes; i++)
            if (!strcmp(m->modes[i].type, type) && !strcmp(m->modes[i].mode, mode))
                return &m->modes[i];
    for (int i = 0; i < m->ntypes; i++)
        if (!strcmp(m->types[i].type, type))
            return &m->types[i];
    return NULL;
}

static const char *map_pair(const pairmap *pm, int n, const char *key)
{
    if (key)
        for (int i = 0; i < n; i++)
            if (!strcmp(pm[i].key, key))
                return pm[i].value;
    return NULL;
}

/* A country code (ISO 3166-1 alpha-3, as CAMEO mostly uses): three capitals, not a group's code. */
static int is_country(const mapping *m, const char *code)
{
    if (!code || strlen(code) != 3)
        return 0;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return 0;
    for (int i = 0; i < m->ngroups; i++)
        if (!strcmp(m->groups[i], code))
            return 0;
    return 1;
}

/* ---- values of a row: one list of columns, written as csv or as a JSON object ---- */

typedef enum { V_STR, V_INT, V_OPTINT, V_BOOL, V_LIST } vkind;
typedef struct val {
    const char *name;
    vkind kind;
    const char *s;            /* V_STR: NULL is empty (csv) or null (json) */
    long long i;              /* V_INT, V_BOOL; V_OPTINT: < 0 is empty/null */
    const char *const *list;  /* V_LIST */
    int n;
} val;
#define MAX_COLS 32

typedef struct row {
    val v[MAX_COLS];
    int n;
} row;

static void add_str(row *r, const char *name, const char *s) { r->v[r->n++] = (val){.name = name, .kind = V_STR, .s = s}; }
static void add_int(row *r, const char *name, long long i) { r->v[r->n++] = (val){.name = name, .kind = V_INT, .i = i}; }
static void add_optint(row *r, const char *name, long long i) { r->v[r->n++] = (val){.name = name, .kind = V_OPTINT, .i = i}; }
static void add_bool(row *r, const char *name, int b) { r->v[r->n++] = (val){.name = name, .kind = V_BOOL, .i = b}; }
static void add_list(row *r, const char *name, const char *const *l, int n)
{
    r->v[r->n++] = (val){.name = name, .kind = V_LIST, .list = l, .n = n};
}

/* One csv field: quoted when it holds a comma, a quote, CR or LF (RFC 4180), quotes doubled. */
static void csv_field(FILE *f, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

static void csv_header(FILE *f, const row *r)
{
    for (int i = 0; i < r->n; i++) {
        if (i)
            fputc(',', f);
        csv_field(f, r->v[i].name, strlen(r->v[i].name));
    }
    fputs("\r\n", f);
}

static void csv_row(FILE *f, const row *r)
{
    for (int i = 0; i < r->n; i++) {
        const val *v = &r->v[i];
        if (i)
            fputc(',', f);
        switch (v->kind) {
        case V_STR:
            if (v->s)
                csv_field(f, v->s, strlen(v->s));
            break;
        case V_INT: fprintf(f, "%lld", v->i); break;
        case V_OPTINT:
            if (v->i >= 0)
                fprintf(f, "%lld", v->i);
            break;
        case V_BOOL: fputs(v->i ? "true" : "false", f); break;
        case V_LIST: {
            /* items are codes or dates: no comma, quote or ';' inside; joined by ';' */
            int quote = 0;
            for (int k = 0; k < v->n && !quote; k++)
                quote = strpbrk(v->list[k], ",\"\r\n") != NULL;
            if (quote) {
                char buf[1024];
                size_t o = 0;
                for (int k = 0; k < v->n && o < sizeof buf; k++)
                    o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", k ? ";" : "", v->list[k]);
                csv_field(f, buf, o < sizeof buf ? o : sizeof buf - 1);
            } else
                for (int k = 0; k < v->n; k++)
                    fprintf(f, "%s%s", k ? ";" : "", v->list[k]);
            break;
        }
        }
    }
    fputs("\r\n", f);
}

static void json_vals(FILE *f, const row *r)
{
    for (int i = 0; i < r->n; i++) {
        const val *v = &r->v[i];
        fprintf(f, "%s\"%s\":", i ? "," : "", v->name);
        switch (v->kind) {
        case V_STR: cli_json_strz(f, v->s); break;
        case V_INT: fprintf(f, "%lld", v->i); break;
        case V_OPTINT:
            if (v->i >= 0)
                fprintf(f, "%lld", v->i);
            else
                fputs("null", f);
            break;
        case V_BOOL: fputs(v->i ? "true" : "false", f); break;
        case V_LIST:
            fputc('[', f);
            for (int k = 0; k < v->n; k++) {
                if (k)
                    fputc(',', f);
                cli_json_strz(f, v->list[k]);
            }
            fputc(']', f);
            break;
        }
    }
}

/* ---- the export state ---- */

typedef struct exporter {
    format fmt;
    what wh;
    FILE *out;
    dyad_ctx *ctx;
    mapping *map;          /* gdelt and plover */
    long rows;             /* written */
    long skipped;          /* gdelt: rows without a date GDELT can hold */
    int header_done;
    int gdelt_header;      /* --header: GDELT's column names first */
    char stamp[16];        /* gdelt DATEADDED fallback */
} exporter;

/* A stable id for an event: its document's hash and its number in it. */
static void event_id(const dyad_event_row *r, char *out, size_t cap)
{
    snprintf(out, cap, "%.16s-%lld", r->doc.hash, (long long)r->seq);
}

/* The trigger words, cut from the sentence (NULL when the offsets fall outside it). */
static const char *trigger_text(const char *sentence, int64_t start, int64_t ts, int64_t te, char *buf, size_t cap)
{
    size_t n = strlen(sentence);
    if (ts < start || te <= ts || (size_t)(te - start) > n || (size_t)(te - ts) >= cap)
        return NULL;
    memcpy(buf, sentence + (ts - start), (size_t)(te - ts));
    buf[te - ts] = 0;
    return buf;
}

static void event_cols(row *r, const dyad_event_row *e, char *id, char *trig, size_t trigcap)
{
    r->n = 0;
    add_str(r, "id", id);
    add_str(r, "date", e->date);
    add_str(r, "date_source", e->date_source);
    add_str(r, "type", e->type);
    add_int(r, "quad", e->quad);
    add_str(r, "mode", e->mode);
    add_str(r, "status", e->status);
    add_str(r, "label", e->label);
    add_list(r, "actors", e->actors, e->nactors);
    add_list(r, "source", e->source, e->nsource);
    add_str(r, "source_sector", e->source_sector);
    add_str(r, "source_text", e->source_text);
    add_list(r, "target", e->target, e->ntarget);
    add_str(r, "target_sector", e->target_sector);
    add_str(r, "target_text", e->target_text);
    add_str(r, "trigger", trigger_text(e->text, e->start, e->trigger_start, e->trigger_end, trig, trigcap));
    add_str(r, "sentence", e->text);
    add_int(r, "start", e->start);
    add_int(r, "end", e->end);
    add_int(r, "trigger_start", e->trigger_start);
    add_int(r, "trigger_end", e->trigger_end);
    add_str(r, "doc", e->doc.path);
    add_str(r, "title", e->doc.title);
    add_str(r, "publisher", e->doc.publisher);
    add_str(r, "doc_date", e->doc.date);
    add_str(r, "url", e->doc.url);
}

static void source_doc_cols(row *r, const dyad_source_row *s)
{
    add_str(r, "doc", s ? s->doc.path : NULL);
    add_str(r, "title", s ? s->doc.title : NULL);
    add_str(r, "publisher", s ? s->doc.publisher : NULL);
    add_str(r, "doc_date", s ? s->doc.date : NULL);
    add_str(r, "url", s ? s->doc.url : NULL);
    add_str(r, "sentence", s ? s->sentence : NULL);
    add_optint(r, "start", s ? s->start : -1);
    add_optint(r, "end", s ? s->end : -1);
}

static void entry_cols(row *r, const dyad_entry_row *e)
{
    r->n = 0;
    add_str(r, "id", e->id);
    add_str(r, "date", e->date);
    add_list(r, "dates", e->dates, e->ndates);
    add_bool(r, "disagreement", e->disagreement);
    add_str(r, "type", e->type);
    add_int(r, "quad", e->quad);
    add_str(r, "mode", e->mode);
    add_str(r, "status", e->status);
    add_str(r, "label", e->label);
    add_list(r, "actors", e->actors, e->nactors);
    add_int(r, "mentions", e->mentions);
    add_int(r, "ndocs", e->ndocs);
    add_int(r, "nsources", (long long)e->nsources);
    source_doc_cols(r, e->nsources ? &e->sources[0] : NULL);
}

static void source_cols(row *r, const dyad_entry_row *e, size_t i)
{
    r->n = 0;
    add_str(r, "entry", e->id);
    add_int(r, "seq", (long long)i);
    add_str(r, "date", e->sources[i].date);
    source_doc_cols(r, &e->sources[i]);
}

static void put_row(exporter *x, const row *r)
{
    if (x->fmt == F_CSV) {
        if (!x->header_done)
            csv_header(x->out, r);
        csv_row(x->out, r);
    } else {
        fputc('{', x->out);
        json_vals(x->out, r);
        fputs("}\n", x->out);
    }
    x->header_done = 1;
}

/* ---- PLOVER ---- */

static void plover_party(exporter *x, const char *const *codes, int n, const char *sector, const char *text)
{
    FILE *f = x->out;
    if (!n) {
        fputs("null", f);
        return;
    }
    fputs("{\"code\":", f);
    cli_json_strz(f, codes[0]);
    fputs(",\"codes\":[", f);
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        cli_json_strz(f, codes[i]);
    }
    fputs("],\"name\":", f);
    cli_json_strz(f, dyad_actor_name(x->ctx, codes[0]));
    fputs(",\"sector\":", f);
    cli_json_strz(f, sector);
    fputs(",\"text\":", f);
    cli_json_strz(f, text);
    fputc('}', f);
}

static void plover_head(exporter *x, const char *id, const char *date, const char *type, const char *mode)
{
    FILE *f = x->out;
    fputs("{\"id\":", f);
    cli_json_strz(f, id);
    fputs(",\"date\":", f);
    cli_json_strz(f, date);
    fputs(",\"event\":", f);
    cli_json_strz(f, type);
    fputs(",\"mode\":", f);
    cli_json_strz(f, mode);
    fputs(",\"context\":[", f);
    const char *c = map_pair(x->map->contexts, x->map->ncontexts, mode);
    if (c)
        cli_json_strz(f, c);
    fputc(']', f);
}

static void plover_cite(FILE *f, const dyad_store_cite *d)
{
    fputs(",\"cite_info\":{\"title\":", f);
    cli_json_strz(f, d ? d->title : NULL);
    fputs(",\"publisher\":", f);
    cli_json_strz(f, d ? d->publisher : NULL);
    fputs(",\"date\":", f);
    cli_json_strz(f, d ? d->date : NULL);
    fputs(",\"url\":", f);
    cli_json_strz(f, d ? d->url : NULL);
    fputs(",\"path\":", f);
    cli_json_strz(f, d ? d->path : NULL);
    fputs(",\"sha256\":", f);
    cli_json_strz(f, d ? d->hash : NULL);
    fputc('}', f);
}

static void plover_event(exporter *x, const dyad_event_row *e)
{
    FILE *f = x->out;
    char id[64], trig[512];
    event_id(e, id, sizeof id);
    plover_head(x, id, e->date, e->type, e->mode);
    fputs(",\"actor\":", f);
    plover_party(x, e->source, e->nsource, e->source_sector, e->source_text);
    fputs(",\"recipient\":", f);
    plover_party(x, e->target, e->ntarget, e->target_sector, e->target_text);
    fputs(",\"text_info\":{\"sentence\":", f);
    cli_json_strz(f, e->text);
    fprintf(f, ",\"start\":%lld,\"end\":%lld,\"trigger\":", (long long)e->start, (long long)e->end);
    cli_json_strz(f, trigger_text(e->text, e->start, e->trigger_start, e->trigger_end, trig, sizeof trig));
    fprintf(f, ",\"trigger_start\":%lld,\"trigger_end\":%lld}", (long long)e->trigger_start, (long long)e->trigger_end);
    plover_cite(f, &e->doc);
    fprintf(f, ",\"dyad\":{\"quad\":%d,\"status\":", e->quad);
    cli_json_strz(f, e->status);
    fputs(",\"label\":", f);
    cli_json_strz(f, e->label);
    fputs(",\"date_source\":", f);
    cli_json_strz(f, e->date_source);
    fputs(",\"actors\":[", f);
    for (int i = 0; i < e->nactors; i++) {
        if (i)
            fputc(',', f);
        cli_json_strz(f, e->actors[i]);
    }
    fputs("]}}\n", f);
}

static void plover_entry(exporter *x, const dyad_entry_row *e)
{
    FILE *f = x->out;
    const dyad_source_row *s0 = e->nsources ? &e->sources[0] : NULL;
    plover_head(x, e->id, e->date, e->type, e->mode);
    fputs(",\"actor\":", f);
    plover_party(x, e->actors, e->nactors > 0 ? 1 : 0, NULL, NULL);
    fputs(",\"recipient\":", f);
    plover_party(x, e->actors + 1, e->nactors - 1, NULL, NULL);
    fputs(",\"text_info\":{\"sentence\":", f);
    cli_json_strz(f, s0 ? s0->sentence : NULL);
    if (s0)
        fprintf(f, ",\"start\":%lld,\"end\":%lld}", (long long)s0->start, (long long)s0->end);
    else
        fputs(",\"start\":null,\"end\":null}", f);
    plover_cite(f, s0 ? &s0->doc : NULL);
    fprintf(f, ",\"dyad\":{\"quad\":%d,\"status\":", e->quad);
    cli_json_strz(f, e->status);
    fputs(",\"label\":", f);
    cli_json_strz(f, e->label);
    fprintf(f, ",\"mentions\":%lld,\"ndocs\":%lld,\"disagreement\":%s,\"dates\":[", (long long)e->mentions,
            (long long)e->ndocs, e->disagreement ? "true" : "false");
    for (int i = 0; i < e->ndates; i++) {
        if (i)
            fputc(',', f);
        cli_json_strz(f, e->dates[i]);
    }
    fputs("],\"sources\":[", f);
    for (size_t i = 0; i < e->nsources; i++) {
        row r = {0};
        source_doc_cols(&r, &e->sources[i]);
        add_str(&r, "date", e->sources[i].date);
        fputs(i ? ",{" : "{", f);
        json_vals(f, &r);
        fputc('}', f);
    }
    fputs("]}}\n", f);
}

/* ---- GDELT ---- */

static const char *const gdelt_cols[61] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL"};
enum { G_ID, G_SQLDATE, G_MONTHYEAR, G_YEAR, G_FRACTION, G_A1 = 5, G_A2 = 15, G_ROOTEVENT = 25, G_EVENTCODE,
       G_BASECODE, G_ROOTCODE, G_QUAD, G_GOLDSTEIN, G_MENTIONS, G_SOURCES, G_ARTICLES, G_TONE,
       G_DATEADDED = 59, G_URL = 60, G_NCOLS = 61 };
/* offsets inside an actor's block of ten columns */
enum { A_CODE, A_NAME, A_COUNTRY, A_GROUP, A_ETHNIC, A_REL1, A_REL2, A_TYPE1 };

typedef struct gcol {
    char v[G_NCOLS][160];          /* codes, names, numbers: short */
    char url[3 * PATH_MAX + 16];   /* SOURCEURL: a path, percent-encoded, is never cut */
} gcol;

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) /* H. Hinnant's algorithm */
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The first day of a date dyad writes (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www); 0 when it is none of these. */
static int first_day(const char *s, int *y, int *m, int *d)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    for (int i = 0; i < 4; i++)
        if (n < 4 || s[i] < '0' || s[i] > '9')
            return 0;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = *d = 1;
    if (n == 4)
        return *y > 0;
    if (s[4] != '-')
        return 0;
    if (n == 8 && s[5] == 'W' && s[6] >= '0' && s[6] <= '9' && s[7] >= '0' && s[7] <= '9') {
        int w = (s[6] - '0') * 10 + (s[7] - '0');
        if (w < 1 || w > 53)
            return 0;
        int64_t jan4 = days_from_civil(*y, 1, 4);
        int wd = (int)(((jan4 % 7) + 7 + 3) % 7); /* 0 = Monday (1970-01-01 was a Thursday) */
        civil_from_days(jan4 - wd + 7 * (w - 1), y, m, d);
        return 1;
    }
    if ((n != 7 && n != 10) || s[5] < '0' || s[5] > '1' || s[6] < '0' || s[6] > '9')
        return 0;
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    if (*m < 1 || *m > 12)
        return 0;
    if (n == 7)
        return 1;
    if (s[7] != '-' || s[8] < '0' || s[8] > '3' || s[9] < '0' || s[9] > '9')
        return 0;
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    int y2, m2, d2; /* a real day of that month */
    civil_from_days(days_from_civil(*y, (unsigned)*m, (unsigned)*d), &y2, &m2, &d2);
    return *d >= 1 && y2 == *y && m2 == *m && d2 == *d;
}

static void gset(gcol *g, int c, const char *s)
{
    char *to = c == G_URL ? g->url : g->v[c];
    size_t cap = c == G_URL ? sizeof g->url : sizeof g->v[c], o = 0;
    for (const char *p = s ? s : ""; *p && o + 1 < cap; p++) /* no tab or line break inside */
        to[o++] = *p == '\t' || *p == '\r' || *p == '\n' ? ' ' : *p;
    to[o] = 0;
}

static void gactor(exporter *x, gcol *g, int base, const char *code, const char *sector)
{
    if (!code)
        return;
    const char *role = map_pair(x->map->sectors, x->map->nsectors, sector);
    char buf[64];
    snprintf(buf, sizeof buf, "%s%s", code, role ? role : "");
    gset(g, base + A_CODE, buf);
    const char *name = dyad_actor_name(x->ctx, code);
    char up[160];
    size_t k = 0;
    for (const char *p = name ? name : ""; *p && k + 1 < sizeof up; p++)
        up[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    up[k] = 0;
    gset(g, base + A_NAME, up);
    gset(g, base + (is_country(x->map, code) ? A_COUNTRY : A_GROUP), code);
    if (role)
        gset(g, base + A_TYPE1, role);
}

/* An absolute URL ("https://..."): a scheme of letters, then "://". A page's own relative link
 * ("/india-japan/") says nothing without its site. */
static int absolute_url(const char *u)
{
    if (!u)
        return 0;
    size_t k = 0;
    while ((u[k] >= 'a' && u[k] <= 'z') || (u[k] >= 'A' && u[k] <= 'Z'))
        k++;
    return k > 0 && !strncmp(u + k, "://", 3) && u[k + 3];
}

/* SOURCEURL: the document's address when it is absolute, else its path as a file: URL. */
static void gurl(gcol *g, const dyad_store_cite *d)
{
    if (!d)
        return;
    if (absolute_url(d->url)) {
        gset(g, G_URL, d->url);
        return;
    }
    char buf[sizeof g->url];
    size_t o = (size_t)snprintf(buf, sizeof buf, "file://");
    for (const unsigned char *p = (const unsigned char *)d->path; *p && o + 4 < sizeof buf; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
            buf[o++] = (char)*p;
        else
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%%%02X", *p);
    }
    buf[o] = 0;
    gset(g, G_URL, buf);
}

/* "2024-03-01T12:00:00Z" -> "20240301120000" */
static void stamp_of(const char *iso, char *out)
{
    size_t o = 0;
    for (const char *p = iso ? iso : ""; *p && o < 14; p++)
        if (*p >= '0' && *p <= '9')
            out[o++] = *p;
    out[o] = 0;
}

/* Fills the columns every GDELT row has; 0 when the date is not one GDELT can hold (no row then). */
static int gcommon(exporter *x, gcol *g, uint64_t id, const char *date, const char *type, const char *mode)
{
    int y, m, d;
    if (!first_day(date, &y, &m, &d))
        return 0;
    memset(g, 0, sizeof *g);
    snprintf(g->v[G_ID], sizeof g->v[0], "%llu", (unsigned long long)id);
    snprintf(g->v[G_SQLDATE], sizeof g->v[0], "%04d%02d%02d", y, m, d);
    snprintf(g->v[G_MONTHYEAR], sizeof g->v[0], "%04d%02d", y, m);
    snprintf(g->v[G_YEAR], sizeof g->v[0], "%04d", y);
    int64_t doy = days_from_civil(y, (unsigned)m, (unsigned)d) - days_from_civil(y, 1, 1);
    int64_t ndays = days_from_civil(y + 1, 1, 1) - days_from_civil(y, 1, 1);
    snprintf(g->v[G_FRACTION], sizeof g->v[0], "%.4f", y + (double)doy / (double)ndays);
    const cameo *c = map_event(x->map, type, mode);
    if (c) {
        gset(g, G_EVENTCODE, c->code);
        snprintf(g->v[G_BASECODE], sizeof g->v[0], "%.3s", c->code);
        snprintf(g->v[G_ROOTCODE], sizeof g->v[0], "%.2s", c->code);
        snprintf(g->v[G_QUAD], sizeof g->v[0], "%d", c->quad);
        if (c->has_goldstein)
            snprintf(g->v[G_GOLDSTEIN], sizeof g->v[0], "%.1f", c->goldstein);
    }
    return 1;
}

static void gwrite(exporter *x, const gcol *g)
{
    if (x->gdelt_header && !x->header_done)
        for (int i = 0; i < G_NCOLS; i++)
            fprintf(x->out, "%s%s", gdelt_cols[i], i + 1 < G_NCOLS ? "\t" : "\n");
    x->header_done = 1;
    for (int i = 0; i < G_NCOLS; i++) {
        if (i)
            fputc('\t', x->out);
        fputs(i == G_URL ? g->url : g->v[i], x->out);
    }
    fputc('\n', x->out);
}

/* A 52-bit number from a string (FNV-1a): an integer id that scripts reading doubles keep exact. */
static uint64_t id52(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h & ((1ull << 52) - 1);
}

static void gdelt_event(exporter *x, const dyad_event_row *e)
{
    gcol g;
    char id[64];
    event_id(e, id, sizeof id);
    if (!gcommon(x, &g, id52(id), e->date, e->type, e->mode)) {
        x->skipped++;
        return;
    }
    const char *a1 = e->nsource ? e->source[0] : e->nactors ? e->actors[0] : NULL;
    const char *a2 = e->ntarget ? e->target[0] : NULL;
    for (int i = 0; !a2 && i < e->nactors; i++)
        if (a1 && strcmp(e->actors[i], a1))
            a2 = e->actors[i];
    gactor(x, &g, G_A1, a1, e->nsource ? e->source_sector : NULL);
    gactor(x, &g, G_A2, a2, e->ntarget ? e->target_sector : NULL);
    gset(&g, G_MENTIONS, "1");
    gset(&g, G_SOURCES, "1");
    gset(&g, G_ARTICLES, "1");
    char st[16];
    stamp_of(e->doc.ingested, st);
    gset(&g, G_DATEADDED, st[0] ? st : x->stamp);
    gurl(&g, &e->doc);
    gwrite(x, &g);
    x->rows++;
}

static void gdelt_entry(exporter *x, const dyad_entry_row *e)
{
    gcol g;
    /* the entry id is 16 hex digits; its first 13 make the integer (52 bits) */
    char hex[14];
    snprintf(hex, sizeof hex, "%.13s", e->id);
    char *end = NULL;
    uint64_t id = strtoull(hex, &end, 16);
    if (!end || *end || !*hex)
        id = id52(e->id);
    if (!gcommon(x, &g, id, e->date, e->type, e->mode)) {
        x->skipped++;
        return;
    }
    gactor(x, &g, G_A1, e->nactors > 0 ? e->actors[0] : NULL, NULL);
    gactor(x, &g, G_A2, e->nactors > 1 ? e->actors[1] : NULL, NULL);
    snprintf(g.v[G_MENTIONS], sizeof g.v[0], "%lld", (long long)e->mentions);
    snprintf(g.v[G_SOURCES], sizeof g.v[0], "%lld", (long long)e->ndocs);
    snprintf(g.v[G_ARTICLES], sizeof g.v[0], "%lld", (long long)e->ndocs);
    char st[16] = "", best[16] = "";
    for (size_t i = 0; i < e->nsources; i++) { /* the latest time one of its documents was stored */
        stamp_of(e->sources[i].doc.ingested, st);
        if (strcmp(st, best) > 0)
            memcpy(best, st, sizeof best);
    }
    gset(&g, G_DATEADDED, best[0] ? best : x->stamp);
    gurl(&g, e->nsources ? &e->sources[0].doc : NULL);
    gwrite(x, &g);
    x->rows++;
}

/* ---- callbacks ---- */

static int on_event(void *ud, const dyad_event_row *e)
{
    exporter *x = ud;
    if (x->fmt == F_PLOVER) {
        plover_event(x, e);
        x->rows++;
    } else if (x->fmt == F_GDELT)
        gdelt_event(x, e);
    else {
        row r;
        char id[64], trig[512];
        event_id(e, id, sizeof id);
        event_cols(&r, e, id, trig, sizeof trig);
        put_row(x, &r);
        x->rows++;
    }
    return ferror(x->out) ? 1 : 0;
}

static int on_entry(void *ud, const dyad_entry_row *e)
{
    exporter *x = ud;
    if (x->fmt == F_PLOVER) {
        plover_entry(x, e);
        x->rows++;
    } else if (x->fmt == F_GDELT)
        gdelt_entry(x, e);
    else if (x->wh == W_SOURCES) {
        for (size_t i = 0; i < e->nsources; i++) {
            row r;
            source_cols(&r, e, i);
            put_row(x, &r);
            x->rows++;
        }
    } else {
        row r;
        entry_cols(&r, e);
        if (x->fmt == F_JSONL) { /* the flat columns, then every source */
            fputc('{', x->out);
            json_vals(x->out, &r);
            fputs(",\"sources\":[", x->out);
            for (size_t i = 0; i < e->nsources; i++) {
                row s = {0};
                source_doc_cols(&s, &e->sources[i]);
                add_str(&s, "date", e->sources[i].date);
                fputs(i ? ",{" : "{", x->out);
                json_vals(x->out, &s);
                fputc('}', x->out);
            }
            fputs("]}\n", x->out);
        } else
            put_row(x, &r);
        x->rows++;
    }
    return ferror(x->out) ? 1 : 0;
}

/* The csv header alone, for an export with no rows: the same columns a row would have. */
static void empty_header(exporter *x)
{
    if (x->fmt == F_GDELT && x->gdelt_header && !x->header_done)
        for (int i = 0; i < G_NCOLS; i++)
            fprintf(x->out, "%s%s", gdelt_cols[i], i + 1 < G_NCOLS ? "\t" : "\n");
    if (x->fmt != F_CSV || x->header_done)
        return;
    row r = {0};
    if (x->wh == W_EVENTS) {
        dyad_event_row e;
        memset(&e, 0, sizeof e);
        e.text = "";
        char trig[8];
        event_cols(&r, &e, "", trig, sizeof trig);
    } else if (x->wh == W_TIMELINE) {
        dyad_entry_row e;
        memset(&e, 0, sizeof e);
        entry_cols(&r, &e);
    } else {
        dyad_source_row s;
        memset(&s, 0, sizeof s);
        dyad_entry_row e;
        memset(&e, 0, sizeof e);
        e.sources = &s;
        e.nsources = 1;
        source_cols(&r, &e, 0);
    }
    csv_header(x->out, &r);
}

/* ---- the command ---- */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad export --format csv|jsonl|plover|gdelt [--what events|timeline|sources] [-o FILE]\n"
            "                   [--pair A,B] [--from YEAR] [--to YEAR] [--db PATH] [--data DIR]\n"
            "Writes the store's events, timeline entries or the entries' sources for other tools (the\n"
            "columns of each format are in the README):\n"
            "  csv      RFC 4180, UTF-8, a header line; lists (actors, dates) joined by ';'\n"
            "  jsonl    one JSON object a line, the csv columns with arrays, numbers, booleans, null\n"
            "  plover   PLOVER event records as JSON Lines (id, date, event, mode, context, actor,\n"
            "           recipient, text_info, cite_info; dyad's own fields under \"dyad\")\n"
            "  gdelt    the 61 tab-separated columns of GDELT 2.0's event table, no header line (as\n"
            "           GDELT's files; --header adds one); rows need a date, so undated ones are left out\n"
            "  --what   events (each coded sentence; the default, except for gdelt), timeline (fused\n"
            "           entries; the default for gdelt), sources (csv, jsonl: one row per source of an entry)\n"
            "  -o FILE  write FILE (replaced only once the export is complete); default: standard output\n"
            "  --pair A,B   rows naming all these codes; --from YEAR, --to YEAR   rows dated in these years\n"
            "Nothing to export is not an error: a message says why, and the output has no rows (csv: the\n"
            "header). Exit status: 0; 2 on a usage error, a store that cannot be read, or a failed write.\n");
}

static int parse_year(const char *opt, const char *v, int *out)
{
    char *end = NULL;
    errno = 0;
    long y = strtol(v, &end, 10);
    if (errno || !end || *end || y < 1 || y > 9999) {
        cli_err("%s %s: a year from 1 to 9999", opt, v);
        return -1;
    }
    *out = (int)y;
    return 0;
}

/* --pair into the filter's codes (upper-cased into buf). */
static int parse_pair(const char *v, dyad_store_filter *f, char *buf, size_t cap)
{
    if (dyad_store_filter_codes(f, v, buf, cap)) {
        cli_err("--pair %s: a list of at most %d codes like IND,JPN", v, DYAD_STORE_FILTER_CODES);
        return -1;
    }
    if (!f->ncodes) {
        cli_err("--pair needs codes, like IND,JPN");
        return -1;
    }
    return 0;
}

/* What the filters were, for the message when nothing matched. */
static void describe_filter(char *buf, size_t cap, const char *pair, int from, int to)
{
    size_t o = 0;
    buf[0] = 0;
    if (pair)
        o += (size_t)snprintf(buf + o, cap - o, " naming %s", pair);
    if (o < cap && (from || to)) {
        if (from && to)
            snprintf(buf + o, cap - o, " dated %d to %d", from, to);
        else if (from)
            snprintf(buf + o, cap - o, " dated %d or later", from);
        else
            snprintf(buf + o, cap - o, " dated %d or earlier", to);
    }
}

int cmd_export(int argc, char **argv)
{
    cli_common c = {0};
    const char *fmt_s = NULL, *what_s = NULL, *outpath = NULL, *pair_s = NULL;
    dyad_store_filter flt;
    memset(&flt, 0, sizeof flt);
    char codes[DYAD_STORE_FILTER_CODES * 16]; /* --pair, upper-cased; flt.codes point into it */
    int from = 0, to = 0, gdelt_header = 0;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i];
        const char **slot = NULL;
        const char *name = a;
        size_t eq = strcspn(a, "=");
        char opt[32];
        snprintf(opt, sizeof opt, "%.*s", (int)(eq < sizeof opt ? eq : sizeof opt - 1), a);
        if (!strcmp(opt, "--format"))
            slot = &fmt_s;
        else if (!strcmp(opt, "--what"))
            slot = &what_s;
        else if (!strcmp(opt, "-o") || !strcmp(opt, "--output"))
            slot = &outpath;
        else if (!strcmp(opt, "--pair"))
            slot = &pair_s;
        else if (!strcmp(opt, "--from") || !strcmp(opt, "--to")) {
            const char *v = a[eq] ? a + eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) {
                cli_err("%s needs a value", opt);
                return EXIT_USAGE;
            }
            if (parse_year(opt, v, opt[2] == 'f' ? &from : &to))
                return EXIT_USAGE;
            continue;
        } else if (!strcmp(a, "--header")) {
            gdelt_header = 1;
            continue;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_OK;
        } else {
            cli_err("%s %s (dyad export --help)", a[0] == '-' ? "unknown option" : "unexpected argument", a);
            return EXIT_USAGE;
        }
        if (a[eq])
            *slot = a + eq + 1;
        else if (i + 1 < argc)
            *slot = argv[++i];
        else {
            cli_err("%s needs a value", name);
            return EXIT_USAGE;
        }
    }
    exporter x = {0};
    if (!fmt_s) {
        cli_err("export: --format csv, jsonl, plover or gdelt is needed (dyad export --help)");
        return EXIT_USAGE;
    }
    int k;
    for (k = 0; k < 4 && strcmp(fmt_s, format_names[k]); k++)
        ;
    if (k == 4) {
        cli_err("--format %s: csv, jsonl, plover or gdelt", fmt_s);
        return EXIT_USAGE;
    }
    x.fmt = (format)k;
    x.wh = x.fmt == F_GDELT ? W_TIMELINE : W_EVENTS;
    if (what_s) {
        for (k = 0; k < 3 && strcmp(what_s, what_names[k]); k++)
            ;
        if (k == 3) {
            cli_err("--what %s: events, timeline or sources", what_s);
            return EXIT_USAGE;
        }
        x.wh = (what)k;
    }
    if (x.wh == W_SOURCES && (x.fmt == F_PLOVER || x.fmt == F_GDELT)) {
        cli_err("--what sources: only for csv and jsonl (plover and gdelt rows are events or entries)");
        return EXIT_USAGE;
    }
    if (gdelt_header && x.fmt != F_GDELT) {
        cli_err("--header: only for gdelt (csv always has its header line)");
        return EXIT_USAGE;
    }
    x.gdelt_header = gdelt_header;
    if (pair_s && parse_pair(pair_s, &flt, codes, sizeof codes))
        return EXIT_USAGE;
    flt.from = from;
    flt.to = to;
    const char *db = c.db ? c.db : "dyad.db";

    /* -o FILE must not be the store itself */
    struct stat sdb, sout;
    if (outpath && strcmp(outpath, "-") && stat(db, &sdb) == 0 && stat(outpath, &sout) == 0 &&
        sdb.st_dev == sout.st_dev && sdb.st_ino == sout.st_ino) {
        cli_err("export: -o %s is the store itself; nothing was written", outpath);
        return EXIT_USAGE;
    }
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        return EXIT_USAGE;
    x.ctx = ctx;
    int status = EXIT_OK;
    mapping *map = NULL;
    dyad_store *st = NULL;
    char *tmp = NULL;
    if (x.fmt == F_GDELT || x.fmt == F_PLOVER) {
        map = malloc(sizeof *map);
        if (!map || load_mapping(ctx, map)) {
            if (!map)
                cli_err("out of memory");
            status = EXIT_USAGE;
            goto done;
        }
        x.map = map;
        (void)dyad_actors_load(ctx); /* names of codes; a broken dictionary only loses the names */
    }
    if (dyad_store_open(ctx, db, DYAD_STORE_READONLY, &st) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(ctx));
        status = EXIT_USAGE;
        goto done;
    }
    if (outpath && strcmp(outpath, "-")) {
        size_t n = strlen(outpath);
        tmp = malloc(n + 16);
        if (!tmp) {
            cli_err("out of memory");
            status = EXIT_USAGE;
            goto done;
        }
        snprintf(tmp, n + 16, "%s.tmp-XXXXXX", outpath);
        int fd = mkstemp(tmp);
        if (fd < 0 || !(x.out = fdopen(fd, "w"))) {
            cli_err("export: cannot write %s: %s", outpath, strerror(errno));
            if (fd >= 0)
                close(fd);
            free(tmp);
            tmp = NULL;
            status = EXIT_USAGE;
            goto done;
        }
        mode_t mask = umask(0); /* the mode a new file would get (mkstemp makes it 0600) */
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    } else
        x.out = stdout;
    time_t now = time(NULL);
    struct tm tmv;
    if (gmtime_r(&now, &tmv))
        strftime(x.stamp, sizeof x.stamp, "%Y%m%d%H%M%S", &tmv);

    int err;
    if (x.wh == W_EVENTS)
        err = dyad_store_event_rows(st, &flt, on_event, &x);
    else
        err = dyad_store_timeline_rows(st, &flt, on_entry, &x);
    if (err && !ferror(x.out)) {
        cli_err("%s", dyad_errmsg(ctx));
        status = EXIT_USAGE;
    }
    if (!status && !x.header_done)
        empty_header(&x);
    const char *noun = x.wh == W_EVENTS ? "events" : x.wh == W_TIMELINE ? "timeline entries" : "sources";
    if (!status && !x.rows) {
        char why[160];
        describe_filter(why, sizeof why, pair_s, from, to);
        if (dyad_store_schema(st) < 2)
            cli_err("export: %s has no events: it was made by an older dyad (schema %d); `dyad ingest` its "
                    "documents again to code them", db, dyad_store_schema(st));
        else if (x.skipped)
            cli_err("export: no %s%s with a date GDELT can hold in %s (%ld undated left out)", noun, why, db, x.skipped);
        else
            cli_err("export: no %s%s in %s", noun, why, db);
    } else if (!status && x.skipped)
        cli_err("export: %ld undated %s left out (a GDELT row needs a date; csv, jsonl and plover keep them)",
                x.skipped, noun);
    if (x.out != stdout) {
        int bad = fflush(x.out) != 0 || ferror(x.out);
        bad |= fclose(x.out) != 0;
        x.out = NULL;
        if (!status && bad) {
            cli_err("export: cannot write %s: %s", outpath, strerror(errno));
            status = EXIT_USAGE;
        }
        if (!status && rename(tmp, outpath) != 0) {
            cli_err("export: cannot write %s: %s", outpath, strerror(errno));
            status = EXIT_USAGE;
        }
        if (status)
            unlink(tmp);
    } else if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_err("export: cannot write the output");
        status = EXIT_USAGE;
    }
done:
    free(tmp);
    free(map);
    dyad_store_close(st);
    dyad_ctx_free(ctx);
    return status;
}
