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

#define RECORDING_OPTIONS                                                \
	"Options:\n"                                                     \
	"  --as ACTOR       who records it (required)\n" CLI_HELP_METHOD \
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
	"project mandate); the refusal says which role is needed.\n"
	"\n"
	"    veikart sign nattilsyn.vj project_mandate --as \"Kari Nordmann\"\n"
	"\n" RECORDING_OPTIONS "\n" CLI_HELP_NOW "\n" RECORDING_EXIT,
	run_sign,
};

static int run_set(int argc, char **argv)
{
	cli_journal_args args;
	cli_session s;
	const char **ids = NULL, **values = NULL;
	size_t n, i;
	char *eq;
	int rc, err;

	rc = cli_parse_recording(&cli_set, &args, argc, argv, 2, argc, "JOURNAL FACT=VALUE...");
	if (rc >= 0)
		return rc;
	n = (size_t)(argc - optind - 1);
	ids = calloc(n, sizeof(*ids));
	values = calloc(n, sizeof(*values));
	if (ids == NULL || values == NULL) {
		free(ids);
		free(values);
		fprintf(stderr, "veikart set: out of memory\n");
		return CLI_FAILED;
	}
	for (i = 0; i < n; i++) {
		eq = strchr(argv[optind + 1 + i], '=');
		if (eq == NULL || eq == argv[optind + 1 + i]) {
			rc = cli_usage_error(&cli_set, "`%s` is not FACT=VALUE",
			                     argv[optind + 1 + i]);
			goto out;
		}
		*eq = '\0';
		ids[i] = argv[optind + 1 + i];
		values[i] = eq + 1;
	}
	rc = cli_session_open(&s, &cli_set, argv[optind], &args, 0);
	if (rc != CLI_OK)
		goto out;
	err = veikart_initiative_set_many(s.initiative, args.actor, n, ids, values);
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
	cli_journal_args args;
	cli_session s;
	int rc;

	rc = cli_parse_recording(&cli_sign, &args, argc, argv, 2, 2, "JOURNAL FACT");
	if (rc >= 0)
		return rc;
	rc = cli_session_open(&s, &cli_sign, argv[optind], &args, 0);
	if (rc != CLI_OK)
		return rc;
	return cli_session_done(
	        &s, veikart_initiative_sign(s.initiative, args.actor, argv[optind + 1]));
}
