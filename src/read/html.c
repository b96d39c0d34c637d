/* PLACEHOLDER html reader. Replaced by the HTML owner. */
#include "read/reader.h"
int dyad__read_html(dyad_doc *doc, const char *s, size_t len)
{
    const char *u; size_t n;
    int err = dyad__decode(doc, s, len, NULL, &u, &n);
    if (err) return err;
    return dyad__read_text(doc, u, n);
}
