/*
 * veikart assign JOURNAL PERSON ROLE - give a person a role, or take it back.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_assign = {
	"assign",
	"give a person a role in an initiative (or take it back)",
	"usage: veikart assign [--remove] --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                      JOURNAL PERSON ROLE\n"
	"\n"
	"Record that PERSON holds ROLE, one of the methodology's roles (`veikart show`\n"
	"lists them; in ks-veikart: prosjekteier, prosjektleder, styringsgruppe,\n"
	"gevinstansvarlig).  A person may hold several roles, and a role may be held\n"
	"by several people (the members of a steering group).  With --remove, record\n"
	"that PERSON no longer holds it.  A role for one rollout unit only is given\n"
	"with `veikart unit assign`.\n"
	"\n"
	"    veikart assign nattilsyn.vj \"Ingrid Berg\" styringsgruppe \\\n"
	"        --as \"Kari Nordmann\"\n"
	"\n"
	"The initiative's creator, or anyone who holds a role in it, may assign.\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who records the assignment (required)\n" CLI_HELP_KEY
	"  --remove         withdraw PERSON from ROLE instead\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n"
	"2 for a wrong command line, 3 when the journal cannot be written.\n",
	run,
};

static int run(int argc, char **argv)
{
	return cli_run_assign(&cli_assign, argc, argv, 0);
}

int cli_run_assign(const cli_command *cmd, int argc, char **argv, int per_unit)
{
	static const struct option longopts[] = {
		{ "remove", no_argument, NULL, 'r' },
		CLI_OPTION_AS,
		CLI_OPTION_KEY,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	cli_journal_args args;
	cli_session s;
	const char *unit, *person, *role;
	int c, rc, err, remove = 0;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'r') {
			remove = 1;
			continue;
		}
		rc = cli_journal_option(cmd, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 3 + (per_unit ? 1 : 0) != argc)
		return cli_usage_error(cmd, "give %s",
		                       per_unit ? "JOURNAL UNIT PERSON ROLE"
		                                : "JOURNAL PERSON ROLE");
	rc = cli_require_actor(cmd, &args);
	if (rc >= 0)
		return rc;
	unit = per_unit ? argv[optind + 1] : NULL;
	person = argv[argc - 2];
	role = argv[argc - 1];
	rc = cli_session_open(&s, cmd, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	if (per_unit && remove)
		err = veikart_initiative_unit_unassign(s.initiative, args.actor, unit, person,
		                                       role);
	else if (per_unit)
		err = veikart_initiative_unit_assign(s.initiative, args.actor, unit, person, role);
	else if (remove)
		err = veikart_initiative_unassign(s.initiative, args.actor, person, role);
	else
		err = veikart_initiative_assign(s.initiative, args.actor, person, role);
	return cli_session_done(&s, err);
}
