/* PLACEHOLDER, to be replaced by the owner of the store stage. */
#include "cli/cli.h"
int cmd_ingest(int argc, char **argv) { (void)argc; (void)argv; cli_err("ingest: not implemented yet"); return EXIT_USAGE; }
int cmd_search(int argc, char **argv) { (void)argc; (void)argv; cli_err("search: not implemented yet"); return EXIT_USAGE; }
int cmd_docs(int argc, char **argv) { (void)argc; (void)argv; cli_err("docs: not implemented yet"); return EXIT_USAGE; }
