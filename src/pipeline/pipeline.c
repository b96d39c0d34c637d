/* pipeline/pipeline.c — the one place where the stages run, in order (see dyad/pipeline.h). */
#include <string.h>

#include "core/internal.h"

const char *dyad_stage_name(dyad_stage s)
{
    static const char *const names[] = {"read", "clean", "meta", "split", "date", "actors", "events"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* The publication date at the precision stated (2010-06-29, 2010-06 or 2010), or year 0. */
static dyad_ymd publication_date(const dyad_doc *doc)
{
    dyad_ymd d = {0, 0, 0};
    const char *v = doc->meta.date.value;
    if (!v)
        return d;
    size_t n = strlen(v);
    if (n > 10)
        n = 10;
    static const size_t cut[] = {10, 7, 4};
    for (size_t i = 0; i < 3; i++)
        if (n >= cut[i] && dyad_ymd_parse(v, cut[i], &d) == DYAD_OK)
            return d;
    memset(&d, 0, sizeof d);
    return d;
}

int dyad_run(dyad_ctx *ctx, dyad_doc *doc, dyad_stage until, const dyad_run_opts *opts)
{
    static const dyad_run_opts none;
    if (!opts)
        opts = &none;
    int err = DYAD_OK;
    while (!err && doc->stage < until) {
        switch (doc->stage) {
        case DYAD_STAGE_READ: err = dyad_clean(ctx, doc); break;
        case DYAD_STAGE_CLEAN: err = dyad_meta_complete(ctx, doc); break;
        case DYAD_STAGE_META: err = dyad_split_doc(ctx, doc); break;
        case DYAD_STAGE_SPLIT: {
            dyad_ymd dct = opts->dct.year ? opts->dct : publication_date(doc);
            err = dyad_dates_doc(ctx, doc, &dct, opts->date_flags);
            break;
        }
        case DYAD_STAGE_DATE: err = dyad_actors_doc(ctx, doc); break;
        case DYAD_STAGE_ACTORS: err = dyad_events_doc(ctx, doc); break;
        default: return dyad__fail(ctx, DYAD_ARG, "%s: no stage after '%s' yet", doc->path,
                                   dyad_stage_name(doc->stage));
        }
    }
    return err;
}

int dyad_run_file(dyad_ctx *ctx, const char *path, dyad_stage until, const dyad_run_opts *opts,
                  dyad_doc **out)
{
    *out = NULL;
    int err = dyad_doc_read_file(ctx, path, opts ? opts->format : DYAD_FMT_AUTO, out);
    if (err)
        return err;
    return dyad_run(ctx, *out, until, opts);
}
