/*
 * veikart attach JOURNAL FACT URI - attach a document as evidence.
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_attach = {
	"attach",
	"attach a document as the value of an evidence fact",
	"usage: veikart attach --as ACTOR [--sha256 HEX | --file PATH] [--approve]\n"
	"                      [--method METHOD] [--path DIR]... JOURNAL FACT URI\n"
	"\n"
	"Record that the document at URI (an address in the archive or on the\n"
	"intranet) is the evidence FACT asks for.  Its SHA-256 digest, given with\n"
	"--sha256 or computed from a local copy with --file, is recorded with it,\n"
	"so that anyone can later check that the document is the one attached.\n"
	"A new document replaces the one before, and its approval.\n"
	"\n"
	"--approve approves it in the same command (a second event), for an actor\n"
	"who holds the role that approves the fact; if the approval is refused the\n"
	"document stays attached.\n"
	"\n"
	"    veikart attach nattilsyn.vj benefit_plan \\\n"
	"        https://arkiv.example.no/nattilsyn/gevinstplan.pdf \\\n"
	"        --file gevinstplan.pdf --as \"Siri Lund\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who attaches it (required; any role holder)\n" CLI_HELP_KEY
	"  --sha256 HEX     the document's SHA-256 digest, 64 hexadecimal digits\n"
	"  --file PATH      compute the digest from this local copy of the document\n"
	"  --approve        approve it as well\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n"
	"2 for a wrong command line, 3 when the journal or the file cannot be read\n"
	"or written.\n",
	run,
};

/* ---- SHA-256 (FIPS 180-4) --------------------------------------------------- */

static int digest_file(const char *path, char hex[65])
{
	if (veikart_sha256_file(hex, path) < 0) {
		fprintf(stderr, "veikart attach: %s\n", cli_text(veikart_error_last()->message));
		return CLI_FAILED;
	}
	return CLI_OK;
}

/* ---- the command ---------------------------------------------------------------- */

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sha256", required_argument, NULL, 's' },
		{ "file", required_argument, NULL, 'f' },
		{ "approve", no_argument, NULL, 'A' },
		CLI_OPTION_AS,
		CLI_OPTION_KEY,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	const char *sha = NULL, *file = NULL;
	char hex[65];
	cli_journal_args args;
	cli_session s;
	int c, rc, err, approve = 0;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 's':
			sha = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'A':
			approve = 1;
			break;
		default:
			rc = cli_journal_option(&cli_attach, &args, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 3 != argc)
		return cli_usage_error(&cli_attach, "give JOURNAL FACT URI");
	if (sha != NULL && file != NULL)
		return cli_usage_error(&cli_attach, "give --sha256 or --file, not both");
	rc = cli_require_actor(&cli_attach, &args);
	if (rc >= 0)
		return rc;
	if (file != NULL) {
		rc = digest_file(file, hex);
		if (rc != CLI_OK)
			return rc;
		sha = hex;
	} else if (sha != NULL && strlen(sha) == 64) {
		/* Digests are recorded in lower case, whatever tool printed them. */
		for (c = 0; c < 64; c++)
			hex[c] = (char)tolower((unsigned char)sha[c]);
		hex[64] = '\0';
		sha = hex;
	}
	rc = cli_session_open(&s, &cli_attach, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	err = veikart_initiative_attach(s.initiative, args.actor, argv[optind + 1],
	                                argv[optind + 2], sha);
	if (err == 0 && approve)
		err = veikart_initiative_approve(s.initiative, args.actor, argv[optind + 1]);
	return cli_session_done(&s, err);
}
