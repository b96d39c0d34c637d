/* PLACEHOLDER, to be replaced by the owner of this stage. */
#include "cli/cli.h"
int cmd_split(int argc, char **argv) { (void)argc; (void)argv; cli_err("split: not implemented yet"); return EXIT_USAGE; }
