/* read/pdf.c — PDF through Poppler's pdftotext, then the plain-text reader.
 *
 * The bytes go to a private temporary file (mode 0600); pdftotext runs on it with posix_spawnp (no
 * shell; stdin is /dev/null) and its standard output is read through a pipe with a size cap and a
 * time limit, after which the child is killed. The child is always reaped and the file removed.
 * Where /proc is mounted the file is unlinked before pdftotext starts and reaches it as /dev/fd/3,
 * so a signal that ends the process mid-run cannot leave a copy of the document behind.
 * Form feeds between pages become DYAD_BF_PAGE_BREAK on the block that follows them, which the
 * cleaner uses to find running headers and to join a paragraph cut by the page break.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "read/reader.h"

extern char **environ;

/* Seconds pdftotext may run before it is killed (a hostile PDF can make it loop for long). */
#define PDF_TIMEOUT_S 60
/* Largest text taken from pdftotext: a 512 MB PDF of text gives less; more means something is wrong. */
#define PDF_MAX_OUT ((size_t)256 << 20)
/* Bytes of pdftotext's error output kept for the message. */
#define PDF_MAX_ERR 4096

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The first non-empty line of the tool's error output, trimmed, into out. */
static void first_line(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n && (s[i] == '\n' || s[i] == '\r' || s[i] == ' '))
        i++;
    while (i < n && s[i] != '\n' && s[i] != '\r' && o + 1 < cap) {
        unsigned char c = (unsigned char)s[i++];
        out[o++] = c < 0x20 ? ' ' : (char)c;
    }
    out[o] = 0;
}

typedef struct run_out {
    dyad__buf out;
    char err[PDF_MAX_ERR];
    size_t nerr;
    int status;   /* wait status */
    int timedout;
    int toobig;
} run_out;

/* Runs pdftotext on path, or on the open file tfd (as /dev/fd/3) when tfd >= 0; fills r. Returns
 * DYAD_OK (look at r->status), DYAD_NOTOOL or DYAD_IO. */
static int run_pdftotext(const char *path, int tfd, run_out *r, int *spawn_errno)
{
    int po[2] = {-1, -1}, pe[2] = {-1, -1};
    int ret = DYAD_IO;
    pid_t pid = -1;
    posix_spawn_file_actions_t fa;
    int fa_ok = 0;
    if (pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC)) {
        *spawn_errno = errno;
        goto done;
    }
    if (posix_spawn_file_actions_init(&fa)) {
        *spawn_errno = errno;
        goto done;
    }
    fa_ok = 1;
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, po[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    if (tfd >= 0) {
        posix_spawn_file_actions_adddup2(&fa, tfd, 3);
        path = "/dev/fd/3";
    }
    char *argv[] = {"pdftotext", "-enc", "UTF-8", "-eol", "unix", (char *)path, "-", NULL};
    int e = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    if (e) {
        *spawn_errno = e;
        pid = -1;
        ret = e == ENOENT || e == EACCES || e == ENOTDIR ? DYAD_NOTOOL : DYAD_IO;
        goto done;
    }
    close(po[1]);
    close(pe[1]);
    po[1] = pe[1] = -1;
    double deadline = mono() + PDF_TIMEOUT_S;
    int open_o = 1, open_e = 1;
    char tmp[65536];
    while (open_o || open_e) {
        struct pollfd fds[2];
        nfds_t nf = 0;
        int io = -1, ie = -1;
        if (open_o) {
            fds[nf].fd = po[0];
            fds[nf].events = POLLIN;
            io = (int)nf++;
        }
        if (open_e) {
            fds[nf].fd = pe[0];
            fds[nf].events = POLLIN;
            ie = (int)nf++;
        }
        double left = deadline - mono();
        if (left <= 0) {
            r->timedout = 1;
            break;
        }
        int pr = poll(fds, nf, (int)(left * 1000) + 1);
        if (pr < 0) {
            if (errno == EINTR)
                continue;
            *spawn_errno = errno;
            break;
        }
        if (io >= 0 && fds[io].revents) {
            ssize_t k = read(po[0], tmp, sizeof tmp);
            if (k > 0) {
                if (r->out.len + (size_t)k > PDF_MAX_OUT) {
                    r->toobig = 1;
                    break;
                }
                dyad__buf_add(&r->out, tmp, (size_t)k);
            } else if (k == 0 || errno != EINTR)
                open_o = 0;
        }
        if (ie >= 0 && fds[ie].revents) {
            ssize_t k = read(pe[0], tmp, sizeof tmp);
            if (k > 0) {
                size_t room = sizeof r->err - 1 - r->nerr;
                size_t take = (size_t)k < room ? (size_t)k : room;
                memcpy(r->err + r->nerr, tmp, take);
                r->nerr += take;
            } else if (k == 0 || errno != EINTR)
                open_e = 0;
        }
    }
    if (r->timedout || r->toobig || open_o || open_e)
        kill(pid, SIGKILL);
    ret = DYAD_OK;
done:
    if (pid > 0) {
        while (waitpid(pid, &r->status, 0) < 0 && errno == EINTR)
            ;
    }
    if (fa_ok)
        posix_spawn_file_actions_destroy(&fa);
    for (int k = 0; k < 2; k++) {
        if (po[k] >= 0)
            close(po[k]);
        if (pe[k] >= 0)
            close(pe[k]);
    }
    r->err[r->nerr] = 0;
    return ret;
}

int dyad__read_pdf(dyad_doc *doc, const char *bytes, size_t len)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    dyad__buf path;
    dyad__buf_init(&path, 4096);
    dyad__buf_printf(&path, "%s/dyad-pdf-XXXXXX", dir);
    if (path.err) {
        dyad__buf_free(&path);
        return dyad__fail(doc->ctx, DYAD_IO, "%s: temporary folder path too long", doc->path);
    }
    int fd = mkostemp(path.data, O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        dyad__buf_free(&path);
        return dyad__fail(doc->ctx, DYAD_IO, "%s: cannot create a temporary file in %s: %s", doc->path, dir,
                          strerror(e));
    }
    int err = DYAD_OK, unlinked = 0;
    run_out r;
    memset(&r, 0, sizeof r);
    dyad__buf_init(&r.out, PDF_MAX_OUT + 1);
    if (write_all(fd, bytes, len) != 0) {
        int e = errno;
        close(fd);
        err = dyad__fail(doc->ctx, DYAD_IO, "%s: cannot write a temporary file: %s", doc->path, strerror(e));
        goto out;
    }
    /* Unlink now and hand pdftotext the open file (fd 4 or above, so the child's dup2 onto 3 comes
     * after its 0-2 are set up and never reuses them). Without /proc, the path is used instead. */
    int tfd = -1;
    if (access("/proc/self/fd", X_OK) == 0 && lseek(fd, 0, SEEK_SET) == 0) {
        tfd = fd < 4 ? fcntl(fd, F_DUPFD_CLOEXEC, 4) : fd;
        if (tfd >= 0) {
            unlink(path.data);
            unlinked = 1;
        }
    }
    if (tfd != fd)
        close(fd);
    int spawn_errno = 0;
    err = run_pdftotext(path.data, tfd, &r, &spawn_errno);
    if (tfd >= 0)
        close(tfd);
    if (err == DYAD_NOTOOL) {
        err = dyad__fail(doc->ctx, DYAD_NOTOOL, "%s: PDF needs pdftotext (apt-get install poppler-utils)", doc->path);
        goto out;
    }
    if (err) {
        err = dyad__fail(doc->ctx, DYAD_IO, "%s: cannot run pdftotext: %s", doc->path, strerror(spawn_errno));
        goto out;
    }
    if (r.timedout) {
        err = dyad__fail(doc->ctx, DYAD_TOOL, "%s: pdftotext took longer than %d s and was stopped", doc->path,
                         PDF_TIMEOUT_S);
        goto out;
    }
    if (r.toobig || r.out.err) {
        err = dyad__fail(doc->ctx, DYAD_LIMIT, "%s: pdftotext gave more than %zu MB of text", doc->path,
                         PDF_MAX_OUT >> 20);
        goto out;
    }
    if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0) {
        char line[256];
        first_line(r.err, r.nerr, line, sizeof line);
        if (WIFSIGNALED(r.status))
            err = dyad__fail(doc->ctx, DYAD_TOOL, "%s: pdftotext was killed by signal %d%s%s", doc->path,
                             WTERMSIG(r.status), *line ? ": " : "", line);
        else
            err = dyad__fail(doc->ctx, DYAD_TOOL, "%s: pdftotext failed (exit %d)%s%s", doc->path,
                             WEXITSTATUS(r.status), *line ? ": " : "", line);
        goto out;
    }
    size_t vis = 0;
    for (size_t i = 0; i < r.out.len && !vis; i++)
        vis = (unsigned char)r.out.data[i] > ' ';
    if (!vis) {
        err = dyad__fail(doc->ctx, DYAD_NOTEXT, "%s: the PDF has no text layer (a scanned image?)", doc->path);
        goto out;
    }
    const char *utf8;
    size_t ulen;
    err = dyad__decode(doc, r.out.data, r.out.len, "UTF-8", &utf8, &ulen);
    if (!err) {
        /* utf8 may point into r.out: read the text before the buffer goes */
        err = dyad__read_text(doc, utf8, ulen);
        doc->encoding = "UTF-8";
    }
out:
    if (!unlinked)
        unlink(path.data);
    dyad__buf_free(&path);
    dyad__buf_free(&r.out);
    return err;
}
