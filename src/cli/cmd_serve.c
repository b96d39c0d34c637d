/* cli/cmd_serve.c — `dyad serve`: the pages and JSON API of dyad/present.h over HTTP, with
 * libmicrohttpd.
 *
 * Choices:
 *  - libmicrohttpd's internal polling (epoll) with a small pool of threads: a connection costs no
 *    thread, so slow clients holding connections open (slowloris) take a connection slot each, not a
 *    worker; they are dropped after --timeout seconds of silence, and past --max-connections new
 *    connections wait in the kernel's queue.
 *  - One read-only store connection (and one dyad_ctx, whose error message is per thread) per worker
 *    thread, in a small pool taken for the length of a request. SQLite in WAL mode gives each read
 *    transaction a snapshot, so a `dyad ingest` writing meanwhile is read consistently: one request is
 *    one read transaction (dyad_present_get).
 *  - Only GET and HEAD (others: 405). The request is checked before any store work: the decoded path
 *    must be valid UTF-8 without "..", "//" or a backslash (no file is ever opened from a path: the
 *    only static file is the style sheet, in memory), at most SERVE_MAX_ARGS arguments, each valid
 *    UTF-8. Request lines and headers are bounded by libmicrohttpd's per-connection memory
 *    (SERVE_CONN_MEMORY): a longer URL gets 414.
 *  - Nothing is ever written: the store is opened read-only, and SQLite refuses writes on such a
 *    connection.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "cli/cli.h"
#include "dyad/present.h"

#define SERVE_DEFAULT_PORT 8427
#define SERVE_THREADS 4              /* worker threads, and store connections */
#define SERVE_MAX_CONNECTIONS 256    /* open connections at once */
#define SERVE_TIMEOUT 10             /* seconds a connection may stay silent */
#define SERVE_CONN_MEMORY (64 * 1024) /* bytes for one connection's request line and headers */
#define SERVE_MAX_PATH 1024          /* bytes of the decoded path */
#define SERVE_MAX_ARGS 32            /* query arguments of one request */
#define SERVE_MAX_ARG 2048           /* bytes of one argument's value */

typedef struct slot {
    dyad_ctx *ctx;
    dyad_store *st;
    int busy;
} slot;

typedef struct server {
    slot *slots;
    int nslots;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    dyad_areas *areas;
    struct MHD_Response *css; /* made once, sent many times */
    int log;
} server;

static slot *take(server *s)
{
    pthread_mutex_lock(&s->mu);
    for (;;) {
        for (int i = 0; i < s->nslots; i++)
            if (!s->slots[i].busy) {
                s->slots[i].busy = 1;
                pthread_mutex_unlock(&s->mu);
                return &s->slots[i];
            }
        pthread_cond_wait(&s->cv, &s->mu);
    }
}

static void give(server *s, slot *sl)
{
    pthread_mutex_lock(&s->mu);
    sl->busy = 0;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Is s[0..n) well-formed UTF-8 (no overlong forms, no surrogates)? */
static int utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k;
        unsigned min, v;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) { k = 2; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 3; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 4; min = 0x10000; }
        else return 0;
        if (n - i < k)
            return 0;
        v = c & (0x7Fu >> k);
        for (size_t j = 1; j < k; j++) {
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
            v = (v << 6) | (p[i + j] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        i += k;
    }
    return 1;
}

/* Why a decoded path is refused, or NULL when it is fine. */
static const char *bad_path(const char *p)
{
    size_t n = strlen(p);
    if (n > SERVE_MAX_PATH)
        return "path too long";
    if (p[0] != '/')
        return "path must start with /";
    if (!utf8_ok(p, n))
        return "path is not valid UTF-8";
    if (strstr(p, "//") || strchr(p, '\\'))
        return "path with // or \\";
    for (const char *s = p; (s = strstr(s, "..")); s += 2)
        if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == 0))
            return "path with ..";
    for (const unsigned char *s = (const unsigned char *)p; *s; s++)
        if (*s < 0x20 || *s == 0x7F)
            return "path with a control character";
    return NULL;
}

typedef struct argcheck {
    int n;
    const char *why;
} argcheck;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    argcheck *a = cls;
    (void)kind;
    if (++a->n > SERVE_MAX_ARGS) {
        a->why = "too many query arguments";
        return MHD_NO;
    }
    if (!utf8_ok(key, strlen(key)) || (value && !utf8_ok(value, strlen(value)))) {
        a->why = "query argument is not valid UTF-8";
        return MHD_NO;
    }
    if (value && strlen(value) > SERVE_MAX_ARG) {
        a->why = "query argument too long";
        return MHD_NO;
    }
    for (const unsigned char *p = (const unsigned char *)(value ? value : ""); *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7F) {
            a->why = "query argument with a control character";
            return MHD_NO;
        }
    return MHD_YES;
}

/* Decodes %XX in the path and in query arguments (in place), as libmicrohttpd would, except that
 * %00 becomes DEL (0x7F) instead of ending the string early: "/api/docs/1%00.json" must not pass as
 * "/api/docs/1". Paths and arguments with control characters are then refused. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    char *w = s;
    for (const char *r = s; *r; r++) {
        int hi, lo;
        if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0) {
            char ch = (char)(hi * 16 + lo);
            *w++ = ch ? ch : '\x7f';
            r += 2;
        } else
            *w++ = *r;
    }
    *w = 0;
    return (size_t)(w - s);
}

static const char *get_arg(void *ud, const char *name)
{
    return MHD_lookup_connection_value(ud, MHD_GET_ARGUMENT_KIND, name);
}

static void headers(struct MHD_Response *r, const char *type, int cache)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'unsafe-inline'; "
                            "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache ? "max-age=3600" : "no-store");
}

/* A short plain-text answer (errors found before any page is made). */
static enum MHD_Result say(struct MHD_Connection *c, unsigned status, const char *text)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    headers(r, "text/plain; charset=utf-8", 0);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    server *s = cls;
    (void)version;
    (void)upload;
    int head = !strcmp(method, MHD_HTTP_METHOD_HEAD);
    if (strcmp(method, MHD_HTTP_METHOD_GET) && !head)
        return say(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD: this server is read-only\n");
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (*upload_size || (cl && strcmp(cl, "0")) ||
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
        *upload_size = 0; /* a GET with a body: refused rather than read */
        return say(c, MHD_HTTP_BAD_REQUEST, "a GET carries no body\n");
    }
    (void)state;
    const char *why = bad_path(url);
    if (why) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s\n", why);
        return say(c, MHD_HTTP_BAD_REQUEST, msg);
    }
    argcheck ac = {0, NULL};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_arg, &ac);
    if (ac.why) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s\n", ac.why);
        return say(c, MHD_HTTP_BAD_REQUEST, msg);
    }
    if (!strcmp(url, "/static/style.css"))
        return MHD_queue_response(c, MHD_HTTP_OK, s->css);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    slot *sl = take(s);
    dyad_request rq = {url, get_arg, c, head, s->areas};
    dyad_response res;
    int err = dyad_present_get(sl->ctx, sl->st, &rq, &res);
    if (err)
        res.status = 0;
    else if (res.status >= 500)
        cli_err("serve: %s %s: %s", method, url, dyad_errmsg(sl->ctx));
    give(s, sl);
    if (err)
        return say(c, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory\n");
    struct MHD_Response *r = MHD_create_response_from_buffer(res.len, res.body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(res.body);
        return MHD_NO;
    }
    headers(r, res.type, 0);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res.status, r);
    MHD_destroy_response(r);
    if (s->log) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        fprintf(stderr, "%s %s %d %zu %.1f ms\n", method, url, res.status, res.len,
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    }
    return ok;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad serve [--port N] [--bind ADDR] [--db PATH] [--threads N] [--max-connections N]\n"
            "                  [--timeout S] [--log]\n"
            "Serves the store, read-only, on a local web server: a search box with ranked sentences, the\n"
            "timeline filtered by pair, years and type, a page per document with its events marked, the\n"
            "report, and a JSON API (/api/timeline, /api/events, /api/search?q=, /api/docs, /api/docs/ID;\n"
            "see the README). A `dyad ingest` may write the store meanwhile: each request reads one\n"
            "consistent state of it.\n"
            "  --port N       port (default %d; 0: any free port, printed)\n"
            "  --bind ADDR    address to listen on (default 127.0.0.1: this machine only; :: or 0.0.0.0\n"
            "                 opens it to the network, with no authentication)\n"
            "  --threads N    worker threads and store connections (default %d)\n"
            "  --max-connections N  open connections at once (default %d)\n"
            "  --timeout S    seconds a connection may stay silent before it is closed (default %d)\n"
            "  --log          one line per request on stderr: method, path, status, bytes, time\n"
            "Stops on Ctrl-C or SIGTERM. Exit status: 0 when stopped; 2 on a usage or store error, or\n"
            "when the port cannot be bound.\n",
            SERVE_DEFAULT_PORT, SERVE_THREADS, SERVE_MAX_CONNECTIONS, SERVE_TIMEOUT);
}

static int num(const char *opt, const char *v, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || end == v || n < min || n > max) {
        cli_err("serve: %s %s: a number from %ld to %ld", opt, v, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    cli_common c = {0};
    long port = SERVE_DEFAULT_PORT, threads = SERVE_THREADS, maxconn = SERVE_MAX_CONNECTIONS, timeout = SERVE_TIMEOUT;
    const char *bind_addr = "127.0.0.1";
    int log = 0;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--log"))
            log = 1;
        else if (v && !strcmp(a, "--port")) {
            if (num(a, v, 0, 65535, &port))
                return EXIT_USAGE;
            i++;
        } else if (v && !strcmp(a, "--threads")) {
            if (num(a, v, 1, 64, &threads))
                return EXIT_USAGE;
            i++;
        } else if (v && !strcmp(a, "--max-connections")) {
            if (num(a, v, 1, 100000, &maxconn))
                return EXIT_USAGE;
            i++;
        } else if (v && !strcmp(a, "--timeout")) {
            if (num(a, v, 1, 3600, &timeout))
                return EXIT_USAGE;
            i++;
        } else if (v && !strcmp(a, "--bind")) {
            bind_addr = v;
            i++;
        } else {
            cli_err("serve: unexpected argument %s (dyad serve --help)", a);
            return EXIT_USAGE;
        }
    }
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    int v6 = 0;
    struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, bind_addr, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, bind_addr, &s6->sin6_addr) == 1) {
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        v6 = 1;
    } else {
        cli_err("serve: --bind %s: not an IPv4 or IPv6 address", bind_addr);
        return EXIT_USAGE;
    }

    const char *db = c.db ? c.db : "dyad.db";
    server s;
    memset(&s, 0, sizeof s);
    s.log = log;
    s.nslots = (int)threads;
    s.slots = calloc((size_t)threads, sizeof *s.slots);
    int status = EXIT_OK;
    struct MHD_Daemon *d = NULL;
    if (!s.slots) {
        cli_err("out of memory");
        return EXIT_USAGE;
    }
    pthread_mutex_init(&s.mu, NULL);
    pthread_cond_init(&s.cv, NULL);
    for (int i = 0; i < s.nslots; i++) {
        s.slots[i].ctx = cli_ctx(&c);
        if (!s.slots[i].ctx) {
            status = EXIT_USAGE;
            goto done;
        }
        if (dyad_store_open(s.slots[i].ctx, db, DYAD_STORE_READONLY, &s.slots[i].st) != DYAD_OK) {
            cli_err("%s", dyad_errmsg(s.slots[i].ctx));
            status = EXIT_USAGE;
            goto done;
        }
        (void)dyad_actor_name(s.slots[i].ctx, "IND"); /* load the names now, not in the first request */
    }
    if (dyad_areas_load(s.slots[0].ctx, &s.areas) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(s.slots[0].ctx));
        status = EXIT_USAGE;
        goto done;
    }
    s.css = MHD_create_response_from_buffer(strlen(dyad_present_css()), (void *)dyad_present_css(),
                                            MHD_RESPMEM_PERSISTENT);
    if (!s.css) {
        cli_err("out of memory");
        status = EXIT_USAGE;
        goto done;
    }
    headers(s.css, "text/css; charset=utf-8", 1);

    /* SIGINT and SIGTERM are taken by this thread (sigwait); the server's threads inherit the mask */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | (v6 ? MHD_USE_IPv6 : 0), (uint16_t)port,
                         NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)maxconn,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                         (size_t)SERVE_CONN_MEMORY, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
                         MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_END);
    if (!d) {
        cli_err("serve: cannot listen on %s port %ld (in use, or not an address of this machine)", bind_addr, port);
        status = EXIT_USAGE;
        goto done;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = info ? info->port : (unsigned)port;
    fprintf(stderr, "serve: http://%s%s%s:%u/ (store %s, read-only; Ctrl-C stops)\n", v6 ? "[" : "", bind_addr,
            v6 ? "]" : "", bound, db);
    fflush(stderr);
    int sig = 0;
    while (sigwait(&sigs, &sig) != 0)
        ;
    fprintf(stderr, "serve: stopped (%s)\n", sig == SIGINT ? "interrupt" : "terminated");
done:
    if (d)
        MHD_stop_daemon(d);
    if (s.css)
        MHD_destroy_response(s.css);
    dyad_areas_free(s.areas);
    for (int i = 0; i < s.nslots; i++) {
        dyad_store_close(s.slots[i].st);
        dyad_ctx_free(s.slots[i].ctx);
    }
    free(s.slots);
    pthread_mutex_destroy(&s.mu);
    pthread_cond_destroy(&s.cv);
    return status;
}
