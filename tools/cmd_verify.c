/*
 * veikart verify JOURNAL - check a journal's hash chain and its rules.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_verify = {
	"verify",
	"check that a journal is intact and every event kept the rules",
	"usage: veikart verify [--method METHOD] [--path DIR]... JOURNAL\n"
	"\n"
	"Read JOURNAL without changing it and check, for every event, its syntax,\n"
	"its SHA-256 hash, its number and its link to the event before: a changed\n"
	"byte, a missing, inserted or reordered event breaks the chain and is\n"
	"reported with the event and line where it breaks.  Then replay the events\n"
	"into the methodology the journal was recorded against, so that an event\n"
	"that breaks the rules (a decision by someone without the gate's role,\n"
	"written with freshly computed hashes) is reported too.  When the\n"
	"methodology cannot be found, only the chain is checked, and verify says so.\n"
	"\n"
	"    $ veikart verify nattilsyn.vj\n"
	"    nattilsyn.vj: 80 events, chain intact, head 225103ef4c29...\n"
	"    every event keeps the rules of ks-veikart 2017.1\n"
	"\n"
	"A journal whose last record is incomplete (a write cut short by a crash or\n"
	"a power cut, never acknowledged) is intact: verify warns with the number of\n"
	"bytes, and the next command that records cuts them off.\n"
	"\n"
	"Compare the head with a copy kept elsewhere (a case system, an e-mail to\n"
	"the archive) to prove that the journal was not rewritten as a whole.\n"
	"\n"
	"Options:\n" CLI_HELP_METHOD "  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when the chain is intact and every event checked kept the\n"
	"rules, 1 otherwise (the message names the event), 2 for a wrong command\n"
	"line, 3 when the file cannot be read.\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_journal *j = NULL;
	veikart_method *m = NULL;
	veikart_initiative *in = NULL;
	const veikart_event *first;
	veikart_load_options opts;
	cli_journal_args args;
	const char *path, *head, *paths[33];
	size_t n, torn;
	int c, rc, err;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		rc = cli_journal_option(&cli_verify, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_verify, "give one JOURNAL");
	path = argv[optind];
	rc = cli_journal_open(&j, &cli_verify, path, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	n = veikart_journal_count(j);
	torn = veikart_journal_torn_bytes(j);
	if (torn > 0)
		fprintf(stderr,
		        "veikart verify: warning: %s ends in an incomplete record of %zu bytes: "
		        "a write was cut short and never acknowledged.  The events before it are "
		        "intact; the next command that records cuts it off.\n",
		        path, torn);

	first = veikart_journal_event(j, 0);
	if (n > 0) {
		cli_load_options(&opts, &args.common, paths);
		err = veikart_journal_method(&m, j, args.method, &opts, NULL);
		if (err == VEIKART_ECORRUPT) {
			fprintf(stderr, "veikart verify: %s: the chain is intact, but %s\n", path,
			        "event 1 is not a `create` event naming its methodology");
			rc = CLI_INVALID;
			goto out;
		}
	}
	if (m != NULL) {
		err = veikart_initiative_replay(&in, m, j, NULL);
		if (err < 0) {
			fprintf(stderr, "veikart verify: %s: the chain is intact, but %s\n", path,
			        cli_text(veikart_error_last()->message));
			rc = CLI_INVALID;
			goto out;
		}
	}
	head = n > 0 ? veikart_event_hash(veikart_journal_event(j, n - 1))
	             : "0000000000000000000000000000000000000000000000000000000000000000";
	printf("%s: %zu event%s, chain intact, head %s\n", path, n, n == 1 ? "" : "s", head);
	if (in != NULL)
		printf("every event keeps the rules of %s %s\n", veikart_method_id(m),
		       veikart_method_version(m));
	else if (n > 0)
		printf("only the chain was checked: methodology %s %s (digest %.12s...), which the "
		       "journal was recorded against, is not at hand (not found, or another "
		       "document); give --path DIR or --method FILE to check the rules too\n",
		       veikart_event_field(first, "method"), veikart_event_field(first, "version"),
		       veikart_event_field(first, "digest"));
	rc = CLI_OK;
out:
	veikart_initiative_free(in);
	veikart_method_free(m);
	veikart_journal_free(j);
	return rc;
}
