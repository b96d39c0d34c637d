/* read/read.c — open a file safely, detect its format and hand it to the right reader. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/reader.h"

static int read_all(dyad_ctx *ctx, const char *path, char **out, size_t *outlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        return dyad__fail(ctx, e == ENOENT ? DYAD_NOTFOUND : DYAD_IO, "%s: cannot open: %s", path, strerror(e));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return dyad__fail(ctx, DYAD_IO, "%s: cannot stat: %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return dyad__fail(ctx, DYAD_ARG, "%s: is a folder, not a file", path);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return dyad__fail(ctx, DYAD_ARG, "%s: not a regular file", path);
    }
    size_t max = ctx->opts.max_file;
    if ((uint64_t)st.st_size > max) {
        close(fd);
        return dyad__fail(ctx, DYAD_TOOBIG, "%s: file is %.1f MB, larger than the limit of %zu MB", path,
                          (double)st.st_size / 1e6, max >> 20);
    }
    (void)fcntl(fd, F_SETFL, 0); /* back to blocking reads */
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        close(fd);
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", path);
    }
    for (;;) {
        if (len == cap) { /* the file grew while we read it: keep going up to the limit */
            if (cap > max) {
                free(buf);
                close(fd);
                return dyad__fail(ctx, DYAD_TOOBIG, "%s: file grew past the limit of %zu MB while read", path, max >> 20);
            }
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                close(fd);
                return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            return dyad__fail(ctx, DYAD_IO, "%s: read failed: %s", path, strerror(e));
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = 0;
    *out = buf;
    *outlen = len;
    return DYAD_OK;
}

int dyad_doc_read_file(dyad_ctx *ctx, const char *path, dyad_format hint, dyad_doc **out)
{
    *out = NULL;
    char *bytes = NULL;
    size_t len = 0;
    int err = read_all(ctx, path, &bytes, &len);
    if (err)
        return err;
    err = dyad_doc_read_mem(ctx, path, bytes, len, hint, out);
    free(bytes);
    return err;
}

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
            return 0;
    return 1;
}

int dyad_doc_read_mem(dyad_ctx *ctx, const char *name, const void *data, size_t len, dyad_format hint,
                      dyad_doc **out)
{
    *out = NULL;
    const char *bytes = data;
    if (!name)
        name = "-";
    if (len > ctx->opts.max_file)
        return dyad__fail(ctx, DYAD_TOOBIG, "%s: %zu bytes, larger than the limit of %zu MB", name, len,
                          ctx->opts.max_file >> 20);
    if (len == 0 || only_space(bytes, len))
        return dyad__fail(ctx, DYAD_EMPTY, "%s: file is empty", name);
    dyad_format fmt = hint;
    if (fmt == DYAD_FMT_AUTO)
        fmt = dyad__detect_format(bytes, len, name);
    const char *what = NULL;
    if (fmt != DYAD_FMT_PDF && dyad__looks_binary(bytes, len, &what))
        return dyad__fail(ctx, DYAD_BINARY, "%s: binary file (%s), not a document", name, what);
    dyad_doc *doc = dyad__doc_new(ctx, name);
    if (!doc)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", name);
    doc->format = fmt;
    doc->size = len;
    dyad__sha256_hex(bytes, len, doc->hash);
    /* A few stray NUL bytes in a text (looks_binary let them through): dropped, as a browser drops
     * them from a page, so that no reader or C string function stops at one. The hash above is of
     * the file as it is. (Other control bytes are dropped from block text by dyad__collapse.) */
    char *copy = NULL;
    if (fmt != DYAD_FMT_PDF && memchr(bytes, 0, len)) {
        char *c = copy = malloc(len + 1);
        if (!c) {
            dyad_doc_free(doc);
            return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", name);
        }
        size_t k = 0;
        for (size_t i = 0; i < len; i++)
            if (bytes[i])
                c[k++] = bytes[i];
        c[k] = 0;
        bytes = c;
        len = k;
    }
    int err = DYAD_OK;
    const char *utf8 = NULL;
    size_t ulen = 0;
    switch (fmt) {
    case DYAD_FMT_HTML:
        err = dyad__read_html(doc, bytes, len);
        break;
    case DYAD_FMT_PDF:
        err = dyad__read_pdf(doc, bytes, len);
        break;
    case DYAD_FMT_MARKDOWN:
        err = dyad__decode(doc, bytes, len, NULL, &utf8, &ulen);
        if (!err)
            err = dyad__read_markdown(doc, utf8, ulen);
        break;
    default:
        doc->format = DYAD_FMT_TEXT;
        err = dyad__decode(doc, bytes, len, NULL, &utf8, &ulen);
        if (!err)
            err = dyad__read_text(doc, utf8, ulen);
        break;
    }
    free(copy);
    if (!err && doc->oom)
        err = dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", name);
    if (err) {
        dyad_doc_free(doc);
        return err;
    }
    *out = doc;
    return DYAD_OK;
}
