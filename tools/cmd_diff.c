/*
 * veikart diff A B - what methodology B changes relative to A.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_diff = {
	"diff",
	"show what one methodology changes relative to another",
	"usage: veikart diff [--format text|xml] [--lang LANG] [--path DIR]... A B\n"
	"\n"
	"Compare methodology B with methodology A (each a file or an id), matching\n"
	"phases, steps, gates, criteria, roles, facts, scales and unit types by id,\n"
	"authority rules by role and outcomes by kind.  Each difference is a line:\n"
	"\n"
	"    - phase evaluering: \"Evaluering\"\n"
	"    + phase forankring: \"Forankring\"\n"
	"    ~ gate g-utproving/outcome go: to: \"evaluering\" -> \"overgang-til-drift\"\n"
	"\n"
	"(- only in A, + only in B, ~ a field of an element both have), after a\n"
	"`--- A VERSION` and a `+++ B VERSION` line.  An added or removed element\n"
	"shows its title (an outcome its target, an authority rule its condition).\n"
	"Titles are compared in every language both write labels in (a language\n"
	"only one writes shows in the `languages` line); with --lang only in LANG,\n"
	"which is then also the language of the titles shown.\n"
	"Nothing is printed when the two are the same.\n"
	"\n"
	"Options:\n"
	"  --format F   text (the default) or xml (urn:veikart:diff:1, schema/diff.xsd)\n"
	"  --lang LANG  compare and show titles in this language only\n"
	"  --path DIR   look for methodologies in DIR first (repeatable)\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit status, as diff(1): 0 when the two are the same, 1 when they differ,\n"
	"2 when a methodology cannot be loaded or the command line is wrong.\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_OPTION_LANG,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_diff_options opts = VEIKART_DIFF_OPTIONS_INIT;
	veikart_diff_format format = VEIKART_DIFF_TEXT;
	veikart_method *a = NULL, *b = NULL;
	veikart_diff *diff = NULL;
	cli_common common;
	char *text = NULL;
	size_t len = 0;
	int c, rc, status;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'f') {
			if (strcmp(optarg, "text") == 0)
				format = VEIKART_DIFF_TEXT;
			else if (strcmp(optarg, "xml") == 0)
				format = VEIKART_DIFF_XML;
			else
				return cli_usage_error(&cli_diff,
				                       "--format is text or xml, not `%s`", optarg);
			continue;
		}
		rc = cli_common_option(&cli_diff, &common, c);
		if (rc >= 0)
			return rc;
	}
	if (argc - optind != 2)
		return cli_usage_error(&cli_diff, "give two methodologies, A and B");

	/* diff(1)'s convention: 2 for any trouble, 1 is reserved for "they differ". */
	status = CLI_USAGE;
	if (cli_load_method(&a, argv[optind], &common) != CLI_OK)
		goto out;
	if (cli_load_method(&b, argv[optind + 1], &common) != CLI_OK)
		goto out;
	opts.lang = common.lang;
	if (veikart_diff_methods(&diff, a, b, &opts) != 0 ||
	    veikart_diff_write(&text, &len, diff, format) != 0) {
		fprintf(stderr, "veikart diff: %s\n", cli_text(veikart_error_last()->message));
		goto out;
	}
	if (len > 0 && fwrite(text, 1, len, stdout) != len) {
		fprintf(stderr, "veikart diff: cannot write the output\n");
		goto out;
	}
	status = veikart_diff_count(diff) == 0 ? CLI_OK : CLI_INVALID;
out:
	veikart_string_free(text);
	veikart_diff_free(diff);
	veikart_method_free(b);
	veikart_method_free(a);
	return status;
}
