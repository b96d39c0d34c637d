/* cli/main.c — `dyad SUBCOMMAND ...`: dispatch and help. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} cmds[] = {
    {"text", cmd_text, "FILE...           print the cleaned main text"},
    {"meta", cmd_meta, "FILE...           print the metadata as one JSON object per file"},
    {"blocks", cmd_blocks, "FILE            show every block and why the cleaner kept or dropped it"},
    {"split", cmd_split, "FILE [--plain]    print the sentences, one per line"},
    {"dates", cmd_dates, "FILE [--dct D] [--plain]  print temporal expressions as JSON Lines"},
    {"ingest", cmd_ingest, "PATH...         add files and folders to the store"},
    {"search", cmd_search, "QUERY [--json] [-n N]  best-ranked sentences in the store"},
    {"docs", cmd_docs, "[--json]            list the documents in the store"},
    {"events", cmd_events, "PATH... [--plain] [--dct D]  the events between countries, as JSON Lines"},
    {"timeline", cmd_timeline, "[PATH...] [--pair A,B] [--json]  the fused chronology"},
    {"fuse", cmd_fuse, "[FILE]           event JSON Lines in, timeline entries out"},
    {"actors", cmd_actors, "PATH... [--mentions]  the countries, organisations and people named"},
    {"report", cmd_report, "[--pair A,B] [-o FILE.html]  the chronology, chart and sources as one HTML file"},
    {"serve", cmd_serve, "[--port N] [--bind ADDR]  search, timeline and documents on a local web server"},
    {"export", cmd_export, "--format csv|jsonl|plover|gdelt [-o FILE]  events or the timeline for other tools"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad COMMAND [ARGS] [--db PATH] [--data DIR]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].help);
    fprintf(f, "\n--db PATH   the store (default dyad.db)\n--data DIR  data files (default: "
               "$DYAD_DATA, then beside the program, then built in)\n"
               "`dyad COMMAND --help` for a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("dyad %s\n", DYAD_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 2, argv + 2);
    cli_err("unknown command '%s'", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
