/*
 * veikart log JOURNAL - the audit trail, one readable line per event.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_log = {
	"log",
	"print an initiative's audit trail, one line per event",
	"usage: veikart log [--lang LANG] [--method METHOD] [--path DIR]... JOURNAL\n"
	"\n"
	"Print every event of JOURNAL, oldest first: its number, the time (UTC), who\n"
	"acted and what was recorded.  Decisions show the gate, the outcome and where\n"
	"it led, the gate's verdict at that moment, OVERRIDE when the decision went\n"
	"against it, and the rationale.  An event about a rollout unit names it in\n"
	"brackets after the verb.  The last line is the hash of the last event, the\n"
	"value to keep elsewhere to prove later that nothing was rewritten.\n"
	"\n"
	"    #12  2026-03-02 10:00  Ola Hansen  set active_use_ratio = 0.45\n"
	"    #40  2026-09-01 10:00  Per Olsen  set [site-07] users_active = 12\n"
	"    #25  2026-06-01 10:00  Ingrid Berg  decide at g-evaluering: recycle → ...\n"
	"\n"
	"The journal is read without a lock and left as it is; `veikart verify`\n"
	"checks it.  When the methodology it was recorded against is not at hand,\n"
	"the trail is printed without its labels.  The event number is what\n"
	"`veikart meet` takes as DECISION.\n"
	"\n"
	"Options:\n"
	"  --lang LANG      labels of phases, steps and roles in LANG (nb, en, "
	"...)\n" CLI_HELP_METHOD "  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when the trail is printed, 1 when the journal cannot be\n"
	"read, 2 for a wrong command line.\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_LANG, CLI_OPTION_METHOD,    CLI_OPTION_PATH,
		CLI_OPTION_HELP, { NULL, 0, NULL, 0 },
	};
	cli_journal_args args;
	cli_session s;
	size_t i, n;
	int c, rc;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		rc = cli_journal_option(&cli_log, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_log, "give one JOURNAL");
	/* The trail is read as it stands, without replaying it (`verify`
	 * judges), and without labels when the methodology is not at hand. */
	memset(&s, 0, sizeof(s));
	rc = cli_journal_open(&s.journal, &cli_log, argv[optind], CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	n = veikart_journal_count(s.journal);
	if (n == 0) {
		printf("%s holds no events\n", argv[optind]);
		cli_session_close(&s);
		return CLI_OK;
	}
	if (cli_journal_method(&s.method, &cli_log, s.journal, args.method, &args.common, 1) !=
	    CLI_OK)
		fprintf(stderr,
		        "veikart log: note: the methodology %s was recorded against is not at hand "
		        "(give --path DIR or --method FILE); its labels are left out\n",
		        argv[optind]);
	for (i = 0; i < n; i++) {
		cli_print_event(stdout, veikart_journal_event(s.journal, i), s.method,
		                args.common.lang);
		fputc('\n', stdout);
	}
	printf("head %s (%zu events)\n",
	       veikart_event_hash(veikart_journal_event(s.journal, n - 1)), n);
	cli_session_close(&s);
	return CLI_OK;
}
