/*
 * veikart unit SUBCOMMAND - rollout units: add them, list them, and walk
 * each through the methodology's unit phases.
 * SPDX-License-Identifier: MIT
 *
 * set, sign, step, assign and decide are the initiative's commands run for
 * one unit (cli_run_set() and the like with per_unit); add, list and status
 * are the units' own.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);
static int run_add(int argc, char **argv);
static int run_list(int argc, char **argv);
static int run_status(int argc, char **argv);
static int run_set(int argc, char **argv);
static int run_step(int argc, char **argv);
static int run_assign(int argc, char **argv);
static int run_sign(int argc, char **argv);
static int run_decide(int argc, char **argv);

#define RECORDING_EXIT                                                           \
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n" \
	"2 for a wrong command line, 3 when the journal cannot be written.\n"

const cli_command cli_unit = {
	"unit",
	"walk rollout units (sites, teams) through their own phases",
	"usage: veikart unit SUBCOMMAND [OPTIONS] JOURNAL [UNIT] [ARGS]\n"
	"\n"
	"A rollout unit (a site, a service area, a team) walks the methodology's\n"
	"unit phases (such as preparing, training, live, established) through\n"
	"their own gates, with its own facts, steps, decisions and people.  The\n"
	"initiative's gates judge the rollout through roll-ups over the units,\n"
	"such as `ratio(in_phase('live')) ge 90%`.\n"
	"\n"
	"Subcommands:\n"
	"  add      add a rollout unit\n"
	"  list     list the units: wave, phase, days in it, next gate\n"
	"  status   show where one unit stands and what its gate needs\n"
	"  set      record the values of a unit's facts\n"
	"  step     mark a step of a unit's phase done\n"
	"  assign   give a person a role for one unit (or take it back)\n"
	"  sign     sign off a sign-off fact of a unit\n"
	"  decide   take a decision at a unit's gate\n"
	"\n"
	"    veikart unit add nattilsyn.vj site-07 --type site --wave 1 --as \"Kari Nordmann\"\n"
	"    veikart unit set nattilsyn.vj site-07 users_enabled=40 --as \"Per Olsen\"\n"
	"    veikart unit list nattilsyn.vj\n"
	"\n"
	"`veikart unit SUBCOMMAND --help` (or `veikart unit help SUBCOMMAND`)\n"
	"explains a subcommand.  `veikart status JOURNAL` shows the rollout under\n"
	"the initiative's own gate.\n"
	"\n"
	"Exit status: that of the subcommand: 0 when done, 1 when refused (the\n"
	"message says why), 2 for a wrong command line, 3 when the journal cannot\n"
	"be read or written.\n",
	run,
};

static const cli_command unit_add = {
	"unit add",
	"add a rollout unit",
	"usage: veikart unit add --as ACTOR [--title TEXT] [--type TYPE] [--parent UNIT]\n"
	"                        [--wave N] [--order N] [--method METHOD] [--path DIR]...\n"
	"                        JOURNAL UNIT\n"
	"\n"
	"Add UNIT (an id such as `site-07`, unique in the initiative) to the\n"
	"initiative kept in JOURNAL.  It starts in the methodology's first unit\n"
	"phase.  TYPE is one of the methodology's unit types (`veikart show` lists\n"
	"them); a unit whose type belongs under another type needs a --parent of\n"
	"that type.  --wave is the rollout wave the unit belongs to (1, 2, ...):\n"
	"a gate may hold a wave back until the earlier ones are live.  --order is\n"
	"its place in the rollout.  Anyone who holds a role for the whole\n"
	"initiative may add units.\n"
	"\n"
	"    veikart unit add nattilsyn.vj site-07 --title \"Sentrum sykehjem\" \\\n"
	"        --type site --parent nordby --wave 1 --order 7 --as \"Kari Nordmann\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who adds it (required)\n" CLI_HELP_KEY
	"  --title TEXT     its name as people say it (default: the id)\n"
	"  --type TYPE      its unit type\n"
	"  --parent UNIT    the unit it belongs to, added before it\n"
	"  --wave N         its rollout wave, from 1 (default: none)\n"
	"  --order N        its place in the rollout, from 1 (default: none)\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_add,
};

static const cli_command unit_list = {
	"unit list",
	"list the rollout units",
	"usage: veikart unit list [--wave N] [--phase PHASE] [--type TYPE] [--lang LANG]\n"
	"                         [--method METHOD] [--path DIR]... JOURNAL\n"
	"\n"
	"One line per unit, in rollout order (by wave, then order, then as added;\n"
	"units without a wave or an order come last): its id, title, type, parent,\n"
	"wave, phase, days in the phase (STALLED past the phase's max-days),\n"
	"status, and the verdict of its next gate.  Then how many units are in\n"
	"each unit phase, and how many were stopped.  --wave, --phase and --type\n"
	"list only the units of that wave, in that phase or of that type.\n"
	"\n"
	"    veikart unit list nattilsyn.vj --wave 2\n"
	"\n"
	"Options:\n"
	"  --wave N         only the units of wave N\n"
	"  --phase PHASE    only the units in unit phase PHASE\n"
	"  --type TYPE      only the units of type TYPE\n"
	"  --lang LANG      labels in LANG (nb, en, ...)\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW_READ "\n"
	"Exit status: 0 when the list is shown, 1 when the journal cannot be read or\n"
	"PHASE or TYPE is not the methodology's, 2 for a wrong command line.\n",
	run_list,
};

static const cli_command unit_status = {
	"unit status",
	"show where one rollout unit stands and what its gate needs",
	"usage: veikart unit status [--lang LANG] [--method METHOD] [--path DIR]...\n"
	"                           JOURNAL UNIT\n"
	"\n"
	"Show UNIT: its id and title, type, parent, wave and order, its status,\n"
	"its phase and how many days it has been in it (with a STALLED warning past\n"
	"the phase's max-days); the report of its phase's gate as `veikart status`\n"
	"shows the initiative's, with who decides for this unit; its facts with\n"
	"who recorded them; the steps of its phase, done or not; the decisions\n"
	"taken at its gates; and who may act in each role for it.\n"
	"\n"
	"    veikart unit status nattilsyn.vj site-07 --lang en\n"
	"\n"
	"Options:\n"
	"  --lang LANG      labels in LANG (nb, en, ...)\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW_READ "\n"
	"Exit status: 0 when the status is shown, 1 when the journal cannot be read\n"
	"or has no such unit, 2 for a wrong command line.\n",
	run_status,
};

static const cli_command unit_set = {
	"unit set",
	"record the values of a unit's facts",
	"usage: veikart unit set --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                        JOURNAL UNIT FACT=VALUE...\n"
	"\n"
	"Record each FACT=VALUE for UNIT, all in one go: either every value is\n"
	"accepted, or none is.  Each FACT must be one the methodology records per\n"
	"unit (scope=\"unit\", such as users_active); the initiative's own facts are\n"
	"recorded with `veikart set`.  Values are read by the fact's type, as\n"
	"`veikart set --help` lists.  Anyone who holds a role for the whole\n"
	"initiative or for this unit may record them.\n"
	"\n"
	"    veikart unit set nattilsyn.vj site-07 users_enabled=40 users_active=12 \\\n"
	"        --as \"Per Olsen\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who records it (required)\n" CLI_HELP_KEY CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_set,
};

static const cli_command unit_step = {
	"unit step",
	"mark a step of a unit's phase done",
	"usage: veikart unit step --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                         JOURNAL UNIT PHASE STEP\n"
	"\n"
	"Record that UNIT has done STEP of PHASE, the phase the unit is in.  Only a\n"
	"holder of the step's role (for the whole initiative or for this unit) may\n"
	"mark it done; the refusal says which role is needed.  A step the\n"
	"methodology puts after another (after-step) is refused until that one is\n"
	"done.\n"
	"\n"
	"    veikart unit step nattilsyn.vj site-07 training train-staff --as \"Per Olsen\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who did it (required)\n" CLI_HELP_KEY CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_step,
};

static const cli_command unit_assign = {
	"unit assign",
	"give a person a role for one unit (or take it back)",
	"usage: veikart unit assign [--remove] --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                           JOURNAL UNIT PERSON ROLE\n"
	"\n"
	"Record that PERSON holds ROLE for UNIT only: the coordinator of a site,\n"
	"the super-users of a team.  They may then act in that role for that unit\n"
	"(record its facts, sign for it, do its steps, decide at its gates when the\n"
	"role decides there), but not for the initiative or other units.  With\n"
	"--remove, record that PERSON no longer holds ROLE for UNIT.  The\n"
	"initiative's creator, or anyone who holds a role for the initiative or\n"
	"for this unit, may assign.\n"
	"\n"
	"    veikart unit assign nattilsyn.vj site-07 \"Per Olsen\" coordinator \\\n"
	"        --as \"Kari Nordmann\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who records the assignment (required)\n" CLI_HELP_KEY
	"  --remove         withdraw PERSON from ROLE for UNIT instead\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_assign,
};

static const cli_command unit_sign = {
	"unit sign",
	"sign off a sign-off fact of a unit",
	"usage: veikart unit sign --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                         JOURNAL UNIT FACT\n"
	"\n"
	"Record ACTOR's signature as UNIT's value of FACT, a sign-off the\n"
	"methodology records per unit.  Only a holder of the sign-off's role, for\n"
	"the whole initiative or for this unit, may sign; the refusal says which\n"
	"role is needed.\n"
	"\n"
	"    veikart unit sign nattilsyn.vj site-07 site_ready --as \"Per Olsen\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who signs (required)\n" CLI_HELP_KEY CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_sign,
};

static const cli_command unit_decide = {
	"unit decide",
	"take a decision at a unit's gate",
	"usage: veikart unit decide --as ACTOR --why TEXT [--to PHASE] [--gate GATE]\n"
	"                           [--override] [--condition \"YYYY-MM-DD TEXT\"]...\n"
	"                           [--method METHOD] [--path DIR]... JOURNAL UNIT OUTCOME\n"
	"\n"
	"Decide at the gate that leaves UNIT's phase, as `veikart decide` does at\n"
	"the initiative's: OUTCOME is go, conditional-go, hold, recycle, stop, skip\n"
	"or continue, as the gate offers.  The gate is evaluated for this unit (its\n"
	"own facts, wave and phase) at this moment.  Only a holder of the gate's\n"
	"authority role, for the whole initiative or for this unit, may decide;\n"
	"the methodology may make that depend on the unit (its wave, its type).\n"
	"Go, skip and continue need a ready gate; the refusal says what is missing.\n"
	"Going on anyway is an override (--override), which also needs a role that\n"
	"may override.\n"
	"\n"
	"    veikart unit decide nattilsyn.vj site-07 go --as \"Per Olsen\" \\\n"
	"        --why \"Every night shift is trained\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who decides (required)\n" CLI_HELP_KEY
	"  --why TEXT       the rationale (required)\n"
	"  --to PHASE       where to, when the gate has several outcomes of the kind\n"
	"  --gate GATE      the gate, when the phase has several\n"
	"  --override       go on against the gate's verdict\n"
	"  --condition \"YYYY-MM-DD TEXT\"\n"
	"                   a condition of a conditional go and its due date\n"
	"                   (repeatable; `veikart meet` records it as met)\n" CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when decided, 1 when refused (the message says why),\n"
	"2 for a wrong command line, 3 when the journal cannot be written.\n",
	run_decide,
};

static const cli_command *const subcommands[] = {
	&unit_add,  &unit_list,   &unit_status, &unit_set,
	&unit_step, &unit_assign, &unit_sign,   &unit_decide,
};

#define NSUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

/* The word after `unit` that names a subcommand: "add" of "unit add". */
static const char *word_of(const cli_command *sub)
{
	return sub->name + strlen(cli_unit.name) + 1;
}

static const cli_command *subcommand(const char *word)
{
	size_t i;

	for (i = 0; i < NSUBCOMMANDS; i++)
		if (strcmp(word, word_of(subcommands[i])) == 0)
			return subcommands[i];
	return NULL;
}

static int run(int argc, char **argv)
{
	const cli_command *sub;

	if (argc < 2)
		return cli_usage_error(&cli_unit,
		                       "give a subcommand: add, list, status, set, step, "
		                       "assign, sign or decide");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		sub = argc > 2 ? subcommand(argv[2]) : NULL;
		return cli_help(sub != NULL ? sub : &cli_unit);
	}
	sub = subcommand(argv[1]);
	if (sub == NULL)
		return cli_usage_error(&cli_unit,
		                       "no subcommand `%s`: add, list, status, set, step, assign, "
		                       "sign or decide",
		                       argv[1]);
	/* The subcommand parses from its own name on, as a command does. */
	return sub->run(argc - 1, argv + 1);
}

/* ---- the initiative's commands, for one unit ----------------------------------- */

static int run_set(int argc, char **argv)
{
	return cli_run_set(&unit_set, argc, argv, 1);
}

static int run_step(int argc, char **argv)
{
	return cli_run_step(&unit_step, argc, argv, 1);
}

static int run_assign(int argc, char **argv)
{
	return cli_run_assign(&unit_assign, argc, argv, 1);
}

static int run_sign(int argc, char **argv)
{
	return cli_run_sign(&unit_sign, argc, argv, 1);
}

static int run_decide(int argc, char **argv)
{
	return cli_run_decide(&unit_decide, argc, argv, 1);
}

/* ---- add -------------------------------------------------------------------------- */

/* A whole number from 0 for OPTION; returns -1 to go on, or CLI_USAGE. */
static int count_option(const cli_command *cmd, const char *option, const char *text, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0 || v > INT_MAX)
		return cli_usage_error(cmd, "%s `%s` is not a whole number from 0", option, text);
	*out = (int)v;
	return -1;
}

static int run_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "type", required_argument, NULL, 'T' },
		{ "parent", required_argument, NULL, 'P' },
		{ "wave", required_argument, NULL, 'w' },
		{ "order", required_argument, NULL, 'o' },
		CLI_OPTION_AS,
		CLI_OPTION_KEY,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	cli_journal_args args;
	cli_session s;
	int c, rc;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 't':
			spec.title = optarg;
			break;
		case 'T':
			spec.type = optarg;
			break;
		case 'P':
			spec.parent = optarg;
			break;
		case 'w':
			rc = count_option(&unit_add, "--wave", optarg, &spec.wave);
			if (rc >= 0)
				return rc;
			break;
		case 'o':
			rc = count_option(&unit_add, "--order", optarg, &spec.order);
			if (rc >= 0)
				return rc;
			break;
		default:
			rc = cli_journal_option(&unit_add, &args, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 2 != argc)
		return cli_usage_error(&unit_add, "give JOURNAL UNIT");
	rc = cli_require_actor(&unit_add, &args);
	if (rc >= 0)
		return rc;
	spec.id = argv[optind + 1];
	rc = cli_session_open(&s, &unit_add, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	return cli_session_done(&s, veikart_initiative_add_unit(s.initiative, args.actor, &spec));
}

/* ---- list ------------------------------------------------------------------------- */

typedef struct list_filter {
	int wave; /* -1: any */
	const veikart_phase *phase;
	const char *type;
} list_filter;

static int matches(const veikart_unit *u, void *payload)
{
	const list_filter *f = payload;
	const char *type = veikart_unit_type_of(u);

	if (f->wave >= 0 && veikart_unit_wave(u) != f->wave)
		return 0;
	if (f->phase != NULL && veikart_unit_phase(u) != f->phase)
		return 0;
	if (f->type != NULL && (type == NULL || strcmp(type, f->type) != 0))
		return 0;
	return 1;
}

/* "preparing, training, live" into BUF. */
static void unit_phases(char *buf, size_t size, const veikart_method *m)
{
	const veikart_phase *p;
	size_t k, n = 0;

	buf[0] = '\0';
	for (k = 0; k < veikart_method_phase_count(m) && n < size; k++) {
		p = veikart_method_phase(m, k);
		if (veikart_phase_scope(p) == VEIKART_SCOPE_UNIT)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
			                      veikart_phase_id(p));
	}
}

/* "municipality, site" into BUF. */
static void unit_types(char *buf, size_t size, const veikart_method *m)
{
	size_t k, n = 0;

	buf[0] = '\0';
	for (k = 0; k < veikart_method_unit_type_count(m) && n < size; k++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
		                      veikart_unit_type_id(veikart_method_unit_type(m, k)));
}

/* Check the filter against the methodology: returns -1 to go on, or an exit code. */
static int check_filter(list_filter *f, const veikart_method *m, const char *phase_id)
{
	char known[1024];

	if (phase_id != NULL) {
		f->phase = veikart_method_phase_by_id(m, phase_id);
		if (f->phase == NULL || veikart_phase_scope(f->phase) != VEIKART_SCOPE_UNIT) {
			unit_phases(known, sizeof(known), m);
			fprintf(stderr,
			        "veikart unit list: --phase %s: %s has no unit phase `%s` (%s%s)\n",
			        phase_id, veikart_method_id(m), phase_id,
			        known[0] ? "its unit phases are: " : "it has none", known);
			return CLI_INVALID;
		}
	}
	if (f->type != NULL && veikart_method_unit_type_count(m) > 0 &&
	    veikart_method_unit_type_by_id(m, f->type) == NULL) {
		unit_types(known, sizeof(known), m);
		fprintf(stderr,
		        "veikart unit list: --type %s: %s declares no unit type `%s` (it has: "
		        "%s)\n",
		        f->type, veikart_method_id(m), f->type, known);
		return CLI_INVALID;
	}
	return -1;
}

static int run_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "wave", required_argument, NULL, 'w' },
		{ "phase", required_argument, NULL, 'P' },
		{ "type", required_argument, NULL, 'T' },
		CLI_OPTION_LANG,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	list_filter filter = { -1, NULL, NULL };
	const char *phase_id = NULL;
	cli_journal_args args;
	cli_session s;
	size_t shown;
	int c, rc;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'w':
			rc = count_option(&unit_list, "--wave", optarg, &filter.wave);
			if (rc >= 0)
				return rc;
			break;
		case 'P':
			phase_id = optarg;
			break;
		case 'T':
			filter.type = optarg;
			break;
		default:
			rc = cli_journal_option(&unit_list, &args, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(&unit_list, "give one JOURNAL");
	rc = cli_session_open(&s, &unit_list, argv[optind], &args, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	rc = check_filter(&filter, s.method, phase_id);
	if (rc >= 0)
		goto out;
	rc = CLI_OK;
	if (veikart_initiative_unit_count(s.initiative) == 0) {
		printf("%s has no rollout units yet; add them with `veikart unit add`\n",
		       argv[optind]);
		goto out;
	}
	shown = cli_print_units(stdout, s.initiative, matches, &filter, 1, 0);
	if (shown == (size_t)-1) {
		rc = CLI_FAILED;
		goto out;
	}
	if (shown == 0) {
		printf("No unit of the %zu matches.\n",
		       veikart_initiative_unit_count(s.initiative));
		goto out;
	}
	printf("\n%zu unit%s, by phase:\n", shown, shown == 1 ? "" : "s");
	cli_print_unit_counts(stdout, s.initiative, matches, &filter, 2, args.common.lang);
out:
	cli_session_close(&s);
	return rc;
}

/* ---- status ----------------------------------------------------------------------- */

static void put_unit_heading(const veikart_initiative *in, const veikart_unit *u, const char *lang)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_phase *p = veikart_unit_phase(u);
	const veikart_unit *parent = veikart_unit_parent(u);
	const veikart_unit_type *t = veikart_method_unit_type_by_id(m, veikart_unit_type_of(u));
	char entered[32], now[32];
	long days = veikart_unit_days_in_phase(u);

	cli_format_date(entered, sizeof(entered), veikart_unit_phase_entered(u));
	cli_format_time(now, sizeof(now), veikart_initiative_now(in));
	printf("Unit %s  %s\n", veikart_unit_id(u), veikart_unit_title(u));
	printf("Initiative:  %s  %s\n", veikart_initiative_id(in), veikart_initiative_title(in));
	if (t != NULL)
		printf("Type:        %s (%s)\n", veikart_unit_type_title(t, lang),
		       veikart_unit_type_id(t));
	else
		printf("Type:        %s\n",
		       veikart_unit_type_of(u) != NULL ? veikart_unit_type_of(u) : "none");
	if (parent != NULL)
		printf("Part of:     %s (%s)\n", veikart_unit_title(parent),
		       veikart_unit_id(parent));
	else
		printf("Part of:     none\n");
	if (veikart_unit_wave(u) > 0)
		printf("Wave:        %d", veikart_unit_wave(u));
	else
		printf("Wave:        none");
	if (veikart_unit_order(u) > 0)
		printf(", order %d\n", veikart_unit_order(u));
	else
		printf(", no order\n");
	printf("Status:      %s, as of %s UTC\n", veikart_status_name(veikart_unit_status(u)), now);
	printf("Phase:       %s (%s), %ld day%s since %s", veikart_phase_title(p, lang),
	       veikart_phase_id(p), days, days == 1 ? "" : "s", entered);
	if (veikart_phase_max_days(p) > 0)
		printf(", at most %u", veikart_phase_max_days(p));
	printf("\n");
	if (veikart_unit_is_stalled(u))
		printf("\nSTALLED: %ld days in %s, more than the %u the methodology allows.\n"
		       "Decide at the unit's gate (go on, hold, recycle or stop), or find out what "
		       "holds it up.\n",
		       days, veikart_phase_title(p, lang), veikart_phase_max_days(p));
}

/* The reports of the unit's gates; returns a CLI exit code. */
static int put_unit_gates(const veikart_initiative *in, const veikart_unit *u, const char *lang)
{
	const veikart_phase *p = veikart_unit_phase(u);
	veikart_report *r = NULL;
	size_t i;
	int err;

	if (veikart_unit_status(u) != VEIKART_STATUS_ACTIVE) {
		printf("\nUnit %s has %s: it is in %s, where no gate leads on.\n",
		       veikart_unit_id(u),
		       veikart_unit_status(u) == VEIKART_STATUS_COMPLETED ? "reached its end"
		                                                          : "been stopped",
		       veikart_phase_title(p, lang));
		return CLI_OK;
	}
	if (veikart_phase_gate_count(p) == 0) {
		printf("\nPhase %s has no gate.\n", veikart_phase_id(p));
		return CLI_OK;
	}
	for (i = 0; i < veikart_phase_gate_count(p); i++) {
		err = veikart_initiative_unit_evaluate(&r, in, veikart_unit_id(u),
		                                       veikart_phase_gate(p, i));
		if (err < 0)
			return cli_error(&unit_status, err);
		printf("\n");
		cli_print_report(stdout, in, u, r, lang);
		veikart_report_free(r);
		r = NULL;
	}
	return CLI_OK;
}

static void put_unit_facts(const veikart_initiative *in, const veikart_unit *u, const char *lang)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_fact *f;
	const char *value;
	char when[32];
	size_t i, n = 0;

	for (i = 0; i < veikart_method_fact_count(m); i++) {
		f = veikart_method_fact(m, i);
		if (veikart_fact_scope(f) != VEIKART_SCOPE_UNIT)
			continue;
		if (n++ == 0)
			printf("\nFacts of the unit:\n");
		printf("  %s (%s): ", veikart_fact_title(f, lang), veikart_fact_id(f));
		value = veikart_unit_fact(u, veikart_fact_id(f));
		if (value == NULL) {
			printf("not recorded\n");
			continue;
		}
		cli_format_time(when, sizeof(when), veikart_unit_fact_time(u, veikart_fact_id(f)));
		if (veikart_fact_type(f) == VEIKART_TYPE_SIGNOFF) {
			printf("signed by %s, %s\n", veikart_unit_fact_actor(u, veikart_fact_id(f)),
			       when);
			continue;
		}
		printf("%s%s%s, by %s, %s\n", value, veikart_fact_unit(f) != NULL ? " " : "",
		       veikart_fact_unit(f) != NULL ? veikart_fact_unit(f) : "",
		       veikart_unit_fact_actor(u, veikart_fact_id(f)), when);
	}
}

static void put_unit_steps(const veikart_unit *u, const char *lang)
{
	const veikart_phase *p = veikart_unit_phase(u);
	const veikart_step *step;
	size_t i;

	if (veikart_phase_step_count(p) == 0)
		return;
	printf("\nSteps of %s (%s):\n", veikart_phase_title(p, lang), veikart_phase_id(p));
	for (i = 0; i < veikart_phase_step_count(p); i++) {
		step = veikart_phase_step(p, i);
		printf("  [%s] %s",
		       veikart_unit_step_done(u, veikart_phase_id(p), veikart_step_id(step)) ? "x"
		                                                                             : " ",
		       veikart_step_id(step));
		if (veikart_step_title(step, lang) != NULL &&
		    strcmp(veikart_step_title(step, lang), veikart_step_id(step)) != 0)
			printf(": %s", veikart_step_title(step, lang));
		if (veikart_step_role(step) != NULL)
			printf("; role %s", veikart_role_id(veikart_step_role(step)));
		if (veikart_step_after(step) != NULL)
			printf("; after %s", veikart_step_id(veikart_step_after(step)));
		printf("\n");
	}
}

/* The journal's event number SEQ. */
static const veikart_event *event_by_seq(const veikart_journal *j, uint64_t seq)
{
	const veikart_event *ev;
	size_t i, n = veikart_journal_count(j);

	/* Events are numbered from 1 in journal order; search in case not. */
	if (seq >= 1 && seq <= n) {
		ev = veikart_journal_event(j, (size_t)(seq - 1));
		if (veikart_event_seq(ev) == seq)
			return ev;
	}
	for (i = 0; i < n; i++) {
		ev = veikart_journal_event(j, i);
		if (veikart_event_seq(ev) == seq)
			return ev;
	}
	return NULL;
}

static void put_unit_decisions(const cli_session *s, const veikart_unit *u, const char *lang)
{
	const veikart_decision *d;
	const veikart_event *ev;
	char today[16];
	size_t i, k;

	if (veikart_unit_decision_count(u) == 0)
		return;
	cli_format_date(today, sizeof(today), veikart_initiative_now(s->initiative));
	printf("\nDecisions at the unit's gates:\n");
	for (i = 0; i < veikart_unit_decision_count(u); i++) {
		d = veikart_unit_decision(u, i);
		ev = event_by_seq(s->journal, veikart_decision_seq(d));
		if (ev == NULL)
			continue;
		printf("  ");
		cli_print_event(stdout, ev, s->method, lang);
		printf("\n");
		for (k = 0; k < veikart_decision_condition_count(d); k++)
			if (veikart_decision_condition_met(d, k) == 0)
				printf("    open condition %zu, due %s%s: %s\n", k + 1,
				       veikart_decision_condition_due(d, k),
				       strcmp(veikart_decision_condition_due(d, k), today) < 0
				               ? " (OVERDUE)"
				               : "",
				       veikart_decision_condition_text(d, k));
	}
}

static void put_unit_people(const veikart_initiative *in, const veikart_unit *u, const char *lang)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_role *role;
	char who[1024];
	size_t i;

	printf("\nWho may act for the unit:\n");
	for (i = 0; i < veikart_method_role_count(m); i++) {
		role = veikart_method_role(m, i);
		cli_holders(who, sizeof(who), in, u, role);
		printf("  %s (%s): %s\n", veikart_role_title(role, lang), veikart_role_id(role),
		       who);
	}
}

static int run_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_LANG, CLI_OPTION_METHOD,    CLI_OPTION_PATH,
		CLI_OPTION_HELP, { NULL, 0, NULL, 0 },
	};
	const veikart_unit *u;
	cli_journal_args args;
	cli_session s;
	const char *lang;
	int c, rc;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		rc = cli_journal_option(&unit_status, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 2 != argc)
		return cli_usage_error(&unit_status, "give JOURNAL UNIT");
	lang = args.common.lang;
	rc = cli_session_open(&s, &unit_status, argv[optind], &args, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	u = veikart_initiative_unit_by_id(s.initiative, argv[optind + 1]);
	if (u == NULL) {
		fprintf(stderr,
		        "veikart unit status: the initiative has no rollout unit `%s` (`veikart "
		        "unit "
		        "list %s` lists them)\n",
		        argv[optind + 1], argv[optind]);
		rc = CLI_INVALID;
		goto out;
	}
	put_unit_heading(s.initiative, u, lang);
	rc = put_unit_gates(s.initiative, u, lang);
	if (rc != CLI_OK)
		goto out;
	put_unit_facts(s.initiative, u, lang);
	put_unit_steps(u, lang);
	put_unit_decisions(&s, u, lang);
	put_unit_people(s.initiative, u, lang);
out:
	cli_session_close(&s);
	return rc;
}
