/*
 * veikart report, snapshot - an initiative written out for people and for
 * programs.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run_report(int argc, char **argv);
static int run_snapshot(int argc, char **argv);

const cli_command cli_report = {
	"report",
	"write a report on an initiative (Markdown or HTML)",
	"usage: veikart report [--format md|html] [--lang LANG] [--output FILE]\n"
	"                      [--method METHOD] [--path DIR]... JOURNAL\n"
	"\n"
	"Write what a steering group reads at a gate meeting: where the initiative\n"
	"stands (phase, days in it, a stalled warning), who holds which role, the\n"
	"phase timeline, the current gate's report with what is missing, every\n"
	"decision with its rationale and the report it was taken on, conditions,\n"
	"the facts with who recorded them, and the hash of the last event.\n"
	"\n"
	"The HTML is one self-contained page (no scripts, no links out), fit to\n"
	"attach to the minutes or put in the archive.  The same journal at the same\n"
	"clock time always gives the same text.\n"
	"\n"
	"    veikart report nattilsyn.vj --format html --lang en --output rapport.html\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  md (Markdown, the default) or html\n"
	"  --lang LANG      labels of the methodology in LANG (the report's own\n"
	"                   words are English)\n"
	"  --output FILE    write to FILE instead of standard output\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW_READ "\n"
	"Exit status: 0 when written, 1 when the journal cannot be read, 2 for a\n"
	"wrong command line, 3 when the output cannot be written.\n",
	run_report,
};

const cli_command cli_snapshot = {
	"snapshot",
	"write an initiative's state as a snapshot (XML)",
	"usage: veikart snapshot [--output FILE] [--method METHOD] [--path DIR]...\n"
	"                        JOURNAL\n"
	"\n"
	"Write the state the events of JOURNAL build, as the library's snapshot XML\n"
	"(namespace urn:veikart:snapshot:1, schema/snapshot.xsd): the methodology's\n"
	"id, version and digest, the last event's number and hash, roles, facts,\n"
	"steps, visits and decisions.  The same events always give the same bytes,\n"
	"so two snapshots compare with `cmp`; a host can restore one with\n"
	"veikart_initiative_restore().\n"
	"\n"
	"Options:\n"
	"  --output FILE    write to FILE instead of standard output\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when written, 1 when the journal cannot be read, 2 for a\n"
	"wrong command line, 3 when the output cannot be written.\n",
	run_snapshot,
};

static int run_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		CLI_OPTION_LANG,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_export_format format = VEIKART_EXPORT_MARKDOWN;
	const char *output = NULL;
	cli_journal_args args;
	cli_session s;
	char *text = NULL;
	size_t len = 0;
	int c, rc, err;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
				format = VEIKART_EXPORT_MARKDOWN;
			else if (strcmp(optarg, "html") == 0)
				format = VEIKART_EXPORT_HTML;
			else
				return cli_usage_error(&cli_report,
				                       "--format is md or html, not `%s`", optarg);
			break;
		case 'o':
			output = optarg;
			break;
		default:
			rc = cli_journal_option(&cli_report, &args, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_report, "give one JOURNAL");
	rc = cli_session_open(&s, &cli_report, argv[optind], &args, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	err = veikart_initiative_export(&text, &len, s.initiative, format, args.common.lang);
	if (err < 0)
		rc = cli_error(&cli_report, err);
	else
		rc = cli_write_output(&cli_report, output, text, len);
	veikart_string_free(text);
	cli_session_close(&s);
	return rc;
}

static int run_snapshot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	cli_journal_args args;
	cli_session s;
	char *text = NULL;
	size_t len = 0;
	int c, rc, err;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'o') {
			output = optarg;
			continue;
		}
		rc = cli_journal_option(&cli_snapshot, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_snapshot, "give one JOURNAL");
	rc = cli_session_open(&s, &cli_snapshot, argv[optind], &args, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	err = veikart_initiative_snapshot(&text, &len, s.initiative);
	if (err < 0)
		rc = cli_error(&cli_snapshot, err);
	else
		rc = cli_write_output(&cli_snapshot, output, text, len);
	veikart_string_free(text);
	cli_session_close(&s);
	return rc;
}
