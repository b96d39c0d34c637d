/* tests/cases.h — reading the golden .cases files (tests/golden-README.md): cases are blocks of
 * "key: value" lines separated by blank lines; lines starting with '#' are comments. Shared by the
 * actor and event golden tests. */
#ifndef DYAD_TESTS_CASES_H
#define DYAD_TESTS_CASES_H

#include <stdio.h>
#include <string.h>

/* The next line of f into line (cap bytes, line ending stripped), counting *lineno: 1 for a line of
 * a case, 0 for a blank line (a case ends), -1 at the end of the file (a case ends too). */
static int cases_line(FILE *f, char *line, size_t cap, int *lineno)
{
    for (;;) {
        if (!fgets(line, (int)cap, f))
            return -1;
        ++*lineno;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = 0;
        if (!l)
            return 0;
        if (line[0] != '#')
            return 1;
    }
}

/* The keys every case file has: "text: " (several lines join with a space) and "dct: ". Returns 1
 * when line was one of them. */
static int cases_common(const char *line, char *text, size_t text_cap, char *dct, size_t dct_cap)
{
    if (!strncmp(line, "text: ", 6)) {
        size_t have = strlen(text);
        snprintf(text + have, text_cap - have, "%s%s", have ? " " : "", line + 6);
        return 1;
    }
    if (!strncmp(line, "dct: ", 5)) {
        snprintf(dct, dct_cap, "%.15s", line + 5);
        return 1;
    }
    return 0;
}

#endif
