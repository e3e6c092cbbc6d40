/*
 * veikart set, rate, approve, sign - record facts, ratings, approvals and
 * sign-offs.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include <getopt.h>

#include "cli.h"

static int run_set(int argc, char **argv);
static int run_rate(int argc, char **argv);
static int run_approve(int argc, char **argv);
static int run_sign(int argc, char **argv);

#define RECORDING_OPTIONS                                                             \
	"Options:\n"                                                                  \
	"  --as ACTOR       who records it (required)\n" CLI_HELP_KEY CLI_HELP_METHOD \
	"  -h, --help       show this help\n"

#define RECORDING_EXIT                                                           \
	"Exit status: 0 when recorded, 1 when refused (the message says why),\n" \
	"2 for a wrong command line, 3 when the journal cannot be written.\n"

const cli_command cli_set = {
	"set",
	"record the values of facts",
	"usage: veikart set --as ACTOR [--method METHOD] [--path DIR]... JOURNAL\n"
	"                   FACT=VALUE...\n"
	"\n"
	"Record each FACT=VALUE, all in one go: either every value is accepted and\n"
	"written with one sync, or none is.  VALUE is read by the fact's type:\n"
	"\n"
	"    bool     true, false, yes, no\n"
	"    integer  42\n"
	"    number   3.5\n"
	"    ratio    0.45 or 45%\n"
	"    date     2026-03-09\n"
	"    text     anything\n"
	"    scale    a level code (or use `veikart rate`)\n"
	"\n"
	"Evidence is attached (`veikart attach`) and sign-offs are signed (`veikart\n"
	"sign`), not set.  Anyone who holds a role in the initiative may record facts.\n"
	"Facts the methodology records per rollout unit are set with `veikart unit\n"
	"set JOURNAL UNIT FACT=VALUE...`.\n"
	"\n"
	"    veikart set nattilsyn.vj active_use_ratio=45% pilot_participants=24 \\\n"
	"        --as \"Ola Hansen\"\n"
	"\n" RECORDING_OPTIONS "\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_set,
};

const cli_command cli_rate = {
	"rate",
	"record a rating on a scale (a scale fact)",
	"usage: veikart rate --as ACTOR [--method METHOD] [--path DIR]...\n"
	"                    JOURNAL FACT LEVEL\n"
	"\n"
	"Record LEVEL, a level code of the scale of FACT (or one of its special\n"
	"codes, such as a rating that could not be given).  `veikart show` lists\n"
	"the scales and their levels.  Facts of other types are recorded with\n"
	"`veikart set`.\n"
	"\n"
	"    veikart rate nattilsyn.vj user_experience medium --as \"Ola Hansen\"\n"
	"\n" RECORDING_OPTIONS "\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_rate,
};

const cli_command cli_approve = {
	"approve",
	"approve the document attached to an evidence fact",
	"usage: veikart approve --as ACTOR [--method METHOD] [--path DIR]... JOURNAL FACT\n"
	"\n"
	"Approve the document attached to FACT.  Only a holder of the role the\n"
	"methodology names for the fact may approve it (in ks-veikart the project\n"
	"owner approves the benefits realisation plan); the refusal says which role\n"
	"is needed.  Attaching a new document takes the approval away.\n"
	"\n"
	"    veikart approve nattilsyn.vj benefit_plan --as \"Kari Nordmann\"\n"
	"\n" RECORDING_OPTIONS "\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_approve,
};

const cli_command cli_sign = {
	"sign",
	"sign off a sign-off fact",
	"usage: veikart sign --as ACTOR [--method METHOD] [--path DIR]... JOURNAL FACT\n"
	"\n"
	"Record ACTOR's signature as the value of FACT, a sign-off.  Only a holder\n"
	"of the sign-off's role may sign (in ks-veikart the project owner signs the\n"
	"project mandate); the refusal says which role is needed.  A rollout unit's\n"
	"sign-offs are signed with `veikart unit sign`.\n"
	"\n"
	"    veikart sign nattilsyn.vj project_mandate --as \"Kari Nordmann\"\n"
	"\n" RECORDING_OPTIONS "\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_sign,
};

static int run_set(int argc, char **argv)
{
	return cli_run_set(&cli_set, argc, argv, 0);
}

/* Whether any of the facts is of SCOPE: a fact recorded per unit given to
 * `veikart set`, or one of the initiative given to `veikart unit set`. */
static int any_of_scope(const veikart_method *m, const char *const *ids, size_t n,
                        veikart_scope scope)
{
	const veikart_fact *f;
	size_t i;

	for (i = 0; i < n; i++) {
		f = veikart_method_fact_by_id(m, ids[i]);
		if (f != NULL && veikart_fact_scope(f) == scope)
			return 1;
	}
	return 0;
}

int cli_run_set(const cli_command *cmd, int argc, char **argv, int per_unit)
{
	cli_journal_args args;
	cli_session s;
	const char **ids = NULL, **values = NULL;
	const char *unit;
	char *pair, *eq;
	size_t n, i;
	int rc, err, first;

	rc = cli_parse_recording(cmd, &args, argc, argv, per_unit ? 3 : 2, argc,
	                         per_unit ? "JOURNAL UNIT FACT=VALUE..." : "JOURNAL FACT=VALUE...");
	if (rc >= 0)
		return rc;
	first = optind + 1 + (per_unit ? 1 : 0);
	unit = per_unit ? argv[optind + 1] : NULL;
	n = (size_t)(argc - first);
	ids = calloc(n, sizeof(*ids));
	values = calloc(n, sizeof(*values));
	if (ids == NULL || values == NULL) {
		fprintf(stderr, "veikart %s: out of memory\n", cmd->name);
		rc = CLI_FAILED;
		goto out;
	}
	for (i = 0; i < n; i++) {
		pair = argv[first + (int)i];
		eq = strchr(pair, '=');
		if (eq == NULL || eq == pair) {
			rc = cli_usage_error(cmd, "`%s` is not FACT=VALUE", pair);
			goto out;
		}
		*eq = '\0';
		ids[i] = pair;
		values[i] = eq + 1;
	}
	rc = cli_session_open(&s, cmd, argv[optind], &args, 0);
	if (rc != CLI_OK)
		goto out;
	if (per_unit)
		err = veikart_initiative_unit_set(s.initiative, args.actor, unit, n, ids, values);
	else
		err = veikart_initiative_set_many(s.initiative, args.actor, n, ids, values);
	if (err == VEIKART_ESTATE &&
	    any_of_scope(s.method, ids, n,
	                 per_unit ? VEIKART_SCOPE_INITIATIVE : VEIKART_SCOPE_UNIT)) {
		rc = cli_error(cmd, err);
		fprintf(stderr, "veikart %s: %s\n", cmd->name,
		        per_unit
		                ? "the initiative's facts are recorded with `veikart set JOURNAL "
		                  "FACT=VALUE...`"
		                : "a unit's facts are recorded with `veikart unit set JOURNAL UNIT "
		                  "FACT=VALUE...`");
		cli_session_close(&s);
		goto out;
	}
	rc = cli_session_done(&s, err);
out:
	free(ids);
	free(values);
	return rc;
}

/* "low, medium, high; special: unknown" */
static void put_levels(FILE *out, const veikart_scale *scale)
{
	size_t i;

	for (i = 0; i < veikart_scale_level_count(scale); i++)
		fprintf(out, "%s%s", i ? ", " : "", veikart_scale_level_code(scale, i));
	for (i = 0; i < veikart_scale_special_count(scale); i++)
		fprintf(out, "%s%s",
		        i ? ", " : "; special: ", veikart_scale_special_code(scale, i));
}

static int run_rate(int argc, char **argv)
{
	const veikart_fact *fact;
	cli_journal_args args;
	cli_session s;
	int rc, err;

	rc = cli_parse_recording(&cli_rate, &args, argc, argv, 3, 3, "JOURNAL FACT LEVEL");
	if (rc >= 0)
		return rc;
	rc = cli_session_open(&s, &cli_rate, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	fact = veikart_method_fact_by_id(s.method, argv[optind + 1]);
	if (fact != NULL && veikart_fact_type(fact) != VEIKART_TYPE_SCALE) {
		/* The fact belongs to the methodology: say it before closing. */
		rc = cli_usage_error(&cli_rate,
		                     "fact `%s` is %s, not a rating on a scale: record it with "
		                     "`veikart set JOURNAL %s=VALUE`",
		                     argv[optind + 1], veikart_type_name(veikart_fact_type(fact)),
		                     argv[optind + 1]);
		cli_session_close(&s);
		return rc;
	}
	err = veikart_initiative_set(s.initiative, args.actor, argv[optind + 1], argv[optind + 2]);
	if (err == VEIKART_ETYPE && fact != NULL) {
		rc = cli_error(&cli_rate, err);
		fprintf(stderr, "veikart rate: the levels of scale `%s` are: ",
		        veikart_scale_id(veikart_fact_scale(fact)));
		put_levels(stderr, veikart_fact_scale(fact));
		fprintf(stderr, "\n");
		cli_session_close(&s);
		return rc;
	}
	return cli_session_done(&s, err);
}

static int run_approve(int argc, char **argv)
{
	cli_journal_args args;
	cli_session s;
	int rc;

	rc = cli_parse_recording(&cli_approve, &args, argc, argv, 2, 2, "JOURNAL FACT");
	if (rc >= 0)
		return rc;
	rc = cli_session_open(&s, &cli_approve, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	return cli_session_done(
	        &s, veikart_initiative_approve(s.initiative, args.actor, argv[optind + 1]));
}

static int run_sign(int argc, char **argv)
{
	return cli_run_sign(&cli_sign, argc, argv, 0);
}

int cli_run_sign(const cli_command *cmd, int argc, char **argv, int per_unit)
{
	cli_journal_args args;
	cli_session s;
	const char *fact;
	int rc, err;

	rc = cli_parse_recording(cmd, &args, argc, argv, per_unit ? 3 : 2, per_unit ? 3 : 2,
	                         per_unit ? "JOURNAL UNIT FACT" : "JOURNAL FACT");
	if (rc >= 0)
		return rc;
	fact = argv[optind + 1 + (per_unit ? 1 : 0)];
	rc = cli_session_open(&s, cmd, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	if (per_unit)
		err = veikart_initiative_unit_sign(s.initiative, args.actor, argv[optind + 1],
		                                   fact);
	else
		err = veikart_initiative_sign(s.initiative, args.actor, fact);
	return cli_session_done(&s, err);
}
