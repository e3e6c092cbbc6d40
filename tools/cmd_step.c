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
	"`sign`.  A step is done once, even in a phase that is visited again.  The\n"
	"steps of a rollout unit's phase are marked with `veikart unit step`.\n"
	"\n"
	"    veikart step nattilsyn.vj utproving opplaering --as \"Ola Hansen\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who did it (required)\n" CLI_HELP_KEY CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n"
	"2 for a wrong command line, 3 when the journal cannot be written.\n",
	run,
};

static int run(int argc, char **argv)
{
	return cli_run_step(&cli_step, argc, argv, 0);
}

int cli_run_step(const cli_command *cmd, int argc, char **argv, int per_unit)
{
	cli_journal_args args;
	cli_session s;
	const char *phase, *step;
	int rc, err;

	rc = cli_parse_recording(cmd, &args, argc, argv, per_unit ? 4 : 3, per_unit ? 4 : 3,
	                         per_unit ? "JOURNAL UNIT PHASE STEP" : "JOURNAL PHASE STEP");
	if (rc >= 0)
		return rc;
	phase = argv[argc - 2];
	step = argv[argc - 1];
	rc = cli_session_open(&s, cmd, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	if (per_unit)
		err = veikart_initiative_unit_step(s.initiative, args.actor, argv[optind + 1],
		                                   phase, step);
	else
		err = veikart_initiative_step(s.initiative, args.actor, phase, step);
	return cli_session_done(&s, err);
}
