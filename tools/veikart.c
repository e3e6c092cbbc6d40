/*
 * veikart - the command-line tool of libveikart
 * SPDX-License-Identifier: MIT
 *
 * `veikart COMMAND [ARGS]`: validate, show and graph methodologies, try
 * expressions against them, and walk initiatives through them, each kept in
 * a journal file.
 */
#include <string.h>

#include "cli.h"

static const cli_command *const commands[] = {
	&cli_validate, &cli_show,   &cli_graph,    &cli_diff,   &cli_compare,
	&cli_eval,     &cli_init,   &cli_assign,   &cli_set,    &cli_attach,
	&cli_approve,  &cli_sign,   &cli_rate,     &cli_step,   &cli_decide,
	&cli_meet,     &cli_status, &cli_log,      &cli_verify, &cli_seal,
	&cli_keygen,   &cli_report, &cli_snapshot, &cli_unit,   &cli_demo,
};

/* Where the second group of the listing, the initiative commands, begins. */
#define FIRST_INITIATIVE_COMMAND 6

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: veikart COMMAND [ARGS]\n\n"
	             "Work with service-innovation methodologies (the KS Veikart and its\n"
	             "cousins) as phase state machines with gates.\n\n"
	             "Methodologies:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (i == FIRST_INITIATIVE_COMMAND)
			fprintf(out, "\nInitiatives, each kept in a JOURNAL file:\n");
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	}
	fprintf(out,
	        "\nMETHOD is a methodology file, or an id looked up on the search path\n"
	        "(--path DIR, then VEIKART_PATH, then the installed methodologies, then\n"
	        "the ones built into the library; `%s` is the default).\n\n"
	        "`veikart demo` walks an initiative through the default methodology and\n"
	        "leaves its journal to try the other commands on.\n\n"
	        "`veikart COMMAND --help` explains a command.  `veikart --version` prints\n"
	        "the library version.\n",
	        VEIKART_DEFAULT_METHOD);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2) {
			for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
				if (strcmp(argv[2], commands[i]->name) == 0)
					return cli_help(commands[i]);
		}
		usage(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("veikart %s (methodology format %d)\n", veikart_version(),
		       VEIKART_METHOD_FORMAT_VERSION);
		return CLI_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->run(argc - 1, argv + 1);
	fprintf(stderr, "veikart: no command `%s`\n\n", argv[1]);
	usage(stderr);
	return CLI_USAGE;
}
