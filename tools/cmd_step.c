/*
 * veikart step JOURNAL PHASE STEP - mark a step of a phase done.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_step = {
	"step",
	"mark a step of a phase done",
	"usage: veikart step --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                    JOURNAL PHASE STEP\n"
	"\n"
	"Record that STEP of PHASE (ids as `veikart show` lists them) is done.  A\n"
	"step names the role responsible for it, and only a holder of that role may\n"
	"mark it done; the refusal says which role is needed.  Marking a step done\n"
	"records no fact: the facts it produces are recorded with `set`, `attach` or\n"
	"`sign`.  A step is done once, even in a phase that is visited again.\n"
	"\n"
	"    veikart step nattilsyn.vj utproving opplaering --as \"Ola Hansen\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who did it (required)\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n"
	"2 for a wrong command line, 3 when the journal cannot be written.\n",
	run,
};

static int run(int argc, char **argv)
{
	cli_journal_args args;
	cli_session s;
	int rc;

	rc = cli_parse_recording(&cli_step, &args, argc, argv, 3, 3, "JOURNAL PHASE STEP");
	if (rc >= 0)
		return rc;
	rc = cli_session_open(&s, &cli_step, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	return cli_session_done(&s, veikart_initiative_step(s.initiative, args.actor,
	                                                    argv[optind + 1], argv[optind + 2]));
}
