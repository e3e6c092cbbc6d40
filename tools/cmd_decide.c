/*
 * veikart decide, meet - decisions at gates, and their conditions.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run_decide(int argc, char **argv);
static int run_meet(int argc, char **argv);

const cli_command cli_decide = {
	"decide",
	"take a decision at the current phase's gate",
	"usage: veikart decide --as ACTOR --why TEXT [--to PHASE] [--gate GATE]\n"
	"                      [--override] [--condition \"YYYY-MM-DD TEXT\"]...\n"
	"                      [--method METHOD] [--path DIR]... JOURNAL OUTCOME\n"
	"\n"
	"Decide at the gate that leaves the current phase.  OUTCOME is one of:\n"
	"\n"
	"    go              move on to the gate's next phase\n"
	"    conditional-go  move on, with conditions to meet by a date (--condition)\n"
	"    hold            stay in the phase and decide again later\n"
	"    recycle         go back to an earlier phase (a new pilot round)\n"
	"    stop            end the initiative\n"
	"    skip            jump over an optional phase\n"
	"    continue        a recurring review passed; carry on\n"
	"\n"
	"Only a holder of the gate's authority role may decide (the refusal names\n"
	"the role).  The gate is evaluated at this moment and its report is kept\n"
	"with the decision.  Go, skip and continue need a ready gate, a conditional\n"
	"go one that is not blocked; going on anyway is an override (--override),\n"
	"which also needs a role that may override, and is recorded as such.  Hold,\n"
	"recycle and stop are always open to the authority.  At a rollout unit's\n"
	"gate, decide with `veikart unit decide`.\n"
	"\n"
	"    veikart decide nattilsyn.vj recycle --as \"Ingrid Berg\" \\\n"
	"        --why \"Available is not adopted: 45 % active use.  New round.\"\n"
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

const cli_command cli_meet = {
	"meet",
	"record that a condition of a conditional go is met",
	"usage: veikart meet --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                    JOURNAL DECISION CONDITION\n"
	"\n"
	"Record that condition number CONDITION (from 1, in the order given) of the\n"
	"decision recorded as event DECISION (the number `veikart log` shows, with\n"
	"or without its #) is met.  A holder of the role the decision was taken in\n"
	"records it.  `veikart status` lists the conditions still open.\n"
	"\n"
	"    veikart meet nattilsyn.vj 31 1 --as \"Kari Nordmann\"\n"
	"\n"
	"Options:\n"
	"  --as ACTOR       who records it (required)\n" CLI_HELP_KEY CLI_HELP_METHOD
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n"
	"2 for a wrong command line, 3 when the journal cannot be written.\n",
	run_meet,
};

#define MAX_CONDITIONS 32

/* "YYYY-MM-DD TEXT": the date is cut off in place. */
static int condition_of(char *arg, veikart_condition *out)
{
	int64_t t;

	if (strlen(arg) < 12 || arg[10] != ' ')
		return -1;
	arg[10] = '\0';
	if (veikart_time_parse(arg, &t) < 0) {
		arg[10] = ' ';
		return -1;
	}
	out->due = arg;
	out->text = arg + 11;
	return 0;
}

static int run_decide(int argc, char **argv)
{
	return cli_run_decide(&cli_decide, argc, argv, 0);
}

/* Where the initiative, or the unit decided for, stands after a decision. */
static void put_now_in(const veikart_initiative *in, const char *unit_id)
{
	const veikart_unit *u;
	veikart_status st;

	if (unit_id == NULL) {
		printf("The initiative is now %s in %s.\n",
		       veikart_status_name(veikart_initiative_status(in)),
		       veikart_phase_id(veikart_initiative_phase(in)));
		return;
	}
	u = veikart_initiative_unit_by_id(in, unit_id);
	st = veikart_unit_status(u);
	printf("Unit %s is now in %s%s%s%s.\n", unit_id, veikart_phase_id(veikart_unit_phase(u)),
	       st != VEIKART_STATUS_ACTIVE ? " (" : "",
	       st != VEIKART_STATUS_ACTIVE ? veikart_status_name(st) : "",
	       st != VEIKART_STATUS_ACTIVE ? ")" : "");
}

int cli_run_decide(const cli_command *cmd, int argc, char **argv, int per_unit)
{
	static const struct option longopts[] = {
		{ "why", required_argument, NULL, 'w' },
		{ "to", required_argument, NULL, 't' },
		{ "gate", required_argument, NULL, 'g' },
		{ "override", no_argument, NULL, 'o' },
		{ "condition", required_argument, NULL, 'c' },
		CLI_OPTION_AS,
		CLI_OPTION_KEY,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_condition conditions[MAX_CONDITIONS];
	const veikart_decision *d;
	const veikart_unit *u;
	cli_journal_args args;
	cli_session s;
	const char *outcome;
	int c, rc, err;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'w':
			req.rationale = optarg;
			break;
		case 't':
			req.to = optarg;
			break;
		case 'g':
			req.gate = optarg;
			break;
		case 'o':
			req.override = 1;
			break;
		case 'c':
			if (req.condition_count == MAX_CONDITIONS)
				return cli_usage_error(cmd, "too many --condition options");
			if (condition_of(optarg, &conditions[req.condition_count]) < 0)
				return cli_usage_error(cmd,
				                       "--condition `%s` is not \"YYYY-MM-DD what "
				                       "must be done\"",
				                       optarg);
			req.condition_count++;
			break;
		default:
			rc = cli_journal_option(cmd, &args, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 2 + (per_unit ? 1 : 0) != argc)
		return cli_usage_error(cmd, "give %s",
		                       per_unit ? "JOURNAL UNIT OUTCOME" : "JOURNAL OUTCOME");
	outcome = argv[argc - 1];
	if (veikart_outcome_kind_from_name(outcome, &req.outcome) < 0)
		return cli_usage_error(cmd,
		                       "`%s` is not an outcome: go, conditional-go, hold, recycle, "
		                       "stop, skip or continue",
		                       outcome);
	rc = cli_require_actor(cmd, &args);
	if (rc >= 0)
		return rc;
	if (req.rationale == NULL || req.rationale[0] == '\0')
		return cli_usage_error(
		        cmd, "say why with --why TEXT: every decision records its rationale");
	req.actor = args.actor;
	req.conditions = req.condition_count > 0 ? conditions : NULL;
	req.unit = per_unit ? argv[optind + 1] : NULL;

	rc = cli_session_open(&s, cmd, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	err = veikart_initiative_decide(s.initiative, &req);
	if (err < 0)
		return cli_session_done(&s, err);
	cli_session_print_new(&s, NULL);
	put_now_in(s.initiative, req.unit);
	/* The decision just taken: the last at the unit's gates, or the initiative's. */
	if (req.unit != NULL) {
		u = veikart_initiative_unit_by_id(s.initiative, req.unit);
		d = veikart_unit_decision(u, veikart_unit_decision_count(u) - 1);
	} else {
		d = veikart_initiative_decision(
		        s.initiative, veikart_initiative_decision_count(s.initiative) - 1);
	}
	if (veikart_decision_condition_count(d) > 0)
		printf("When a condition is met: veikart meet %s %llu CONDITION --as PERSON\n",
		       argv[optind], (unsigned long long)veikart_decision_seq(d));
	cli_session_close(&s);
	return CLI_OK;
}

/* A positive decimal number, optionally after a '#'; 0 when it is not one. */
static unsigned long long number_of(const char *s)
{
	unsigned long long n;
	char *end;

	if (*s == '#')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	n = strtoull(s, &end, 10);
	return *end != '\0' || errno != 0 ? 0 : n;
}

static int run_meet(int argc, char **argv)
{
	unsigned long long decision, condition;
	cli_journal_args args;
	cli_session s;
	int rc;

	rc = cli_parse_recording(&cli_meet, &args, argc, argv, 3, 3, "JOURNAL DECISION CONDITION");
	if (rc >= 0)
		return rc;
	decision = number_of(argv[optind + 1]);
	condition = number_of(argv[optind + 2]);
	if (decision == 0)
		return cli_usage_error(&cli_meet, "DECISION `%s` is not an event number",
		                       argv[optind + 1]);
	if (condition == 0)
		return cli_usage_error(&cli_meet, "CONDITION `%s` is not a number from 1",
		                       argv[optind + 2]);
	rc = cli_session_open(&s, &cli_meet, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	return cli_session_done(&s, veikart_initiative_meet_condition(s.initiative, args.actor,
	                                                              decision,
	                                                              (size_t)(condition - 1)));
}
