/*
 * veikart validate FILE... - check methodology files.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_validate = {
	"validate",
	"check methodology files and report every problem with its place",
	"usage: veikart validate [--path DIR]... [--quiet] FILE...\n"
	"\n"
	"Load each FILE as the library does: schema, references, the phase graph,\n"
	"every expression, and the bases it extends.  Each problem is one line on\n"
	"standard error:\n"
	"\n"
	"    FILE:LINE:COL: error: TEXT\n"
	"\n"
	"Valid files are listed on standard output unless --quiet is given.\n"
	"\n"
	"Options:\n"
	"  --path DIR   look for the bases of variants in DIR first (repeatable)\n"
	"  -q, --quiet  say nothing about valid files\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit status: 0 when every file is valid, 1 otherwise, 2 for a wrong command line.\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_PATH,
		{ "quiet", no_argument, NULL, 'q' },
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	cli_common common;
	veikart_load_options opts;
	veikart_diagnostics *diags;
	veikart_method *m;
	const char *paths[33];
	int c, rc, quiet = 0, status = CLI_OK, err;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "qh", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		default:
			rc = cli_common_option(&cli_validate, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cli_validate, "no file to validate");
	cli_load_options(&opts, &common, paths);
	for (; optind < argc; optind++) {
		diags = NULL;
		m = NULL;
		err = veikart_method_load_file(&m, argv[optind], &opts, &diags);
		cli_print_diagnostics(diags);
		if (err < 0) {
			if (veikart_diagnostics_count(diags) == 0)
				fprintf(stderr, "%s: error: %s\n", argv[optind],
				        veikart_error_last()->message);
			if (status == CLI_OK || err == VEIKART_ENOMEM)
				status = err == VEIKART_ENOMEM ? CLI_FAILED : CLI_INVALID;
		} else if (!quiet) {
			printf("%s: valid (%s %s: %zu phases, %zu gates)\n", argv[optind],
			       veikart_method_id(m), veikart_method_version(m),
			       veikart_method_phase_count(m), veikart_method_gate_count(m));
		}
		veikart_diagnostics_free(diags);
		veikart_method_free(m);
	}
	return status;
}
