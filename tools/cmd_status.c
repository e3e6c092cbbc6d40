/*
 * veikart status JOURNAL - where an initiative stands and what its gate needs.
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_status = {
	"status",
	"show where an initiative stands and what its gate needs",
	"usage: veikart status [--lang LANG] [--what-if FACT=VALUE]... [--method METHOD]\n"
	"                      [--path DIR]... JOURNAL\n"
	"\n"
	"Show the initiative kept in JOURNAL: its id and title, the methodology, its\n"
	"status, the current phase and how many days it has been in it (with a\n"
	"STALLED warning past the phase's max-days), and the report of the phase's\n"
	"gate: the verdict, every criterion met (✓), unmet (✗) or unknown (?) with\n"
	"its reason, what is missing, the outcome the gate recommends and who\n"
	"decides.  When the initiative has rollout units, the rollout follows: a\n"
	"line per unit (its wave, phase, days in it, STALLED, and the verdict of\n"
	"its next gate) and the units per phase.  Then the open conditions of\n"
	"conditional decisions (overdue ones marked) and the people in each role.\n"
	"\n"
	"--what-if evaluates the gate as it would stand with some facts different,\n"
	"and records nothing: a steering group's \"what would it take?\".\n"
	"\n"
	"    veikart status nattilsyn.vj --what-if active_use_ratio=72%\n"
	"\n"
	"Options:\n"
	"  --lang LANG             labels in LANG (nb, en, ...)\n"
	"  --what-if FACT=VALUE    a hypothetical value (repeatable; evidence as\n"
	"                          `URI approved-by:PERSON`, a sign-off as the "
	"signer)\n" CLI_HELP_METHOD "  -h, --help              show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when the status is shown, 1 when the journal cannot be\n"
	"read or a what-if value is not valid, 2 for a wrong command line.\n",
	run,
};

static void put_conditions(const veikart_initiative *in)
{
	const veikart_decision *d;
	char today[16];
	size_t i, k, open = 0;

	cli_format_date(today, sizeof(today), veikart_initiative_now(in));
	for (i = 0; i < veikart_initiative_decision_count(in); i++) {
		d = veikart_initiative_decision(in, i);
		for (k = 0; k < veikart_decision_condition_count(d); k++) {
			if (veikart_decision_condition_met(d, k) != 0)
				continue;
			printf("%s  decision #%" PRIu64 ", condition %zu, due %s%s: %s\n",
			       open++ ? ""
			              : "\nOpen conditions (`veikart meet JOURNAL DECISION "
			                "CONDITION` when met):\n",
			       veikart_decision_seq(d), k + 1, veikart_decision_condition_due(d, k),
			       strcmp(veikart_decision_condition_due(d, k), today) < 0
			               ? " (OVERDUE)"
			               : "",
			       veikart_decision_condition_text(d, k));
		}
	}
}

static void put_people(const veikart_initiative *in, const char *lang)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_role *role;
	char who[1024];
	size_t i, k, per_unit;

	printf("\nPeople:\n");
	for (i = 0; i < veikart_method_role_count(m); i++) {
		role = veikart_method_role(m, i);
		cli_holders(who, sizeof(who), in, NULL, role);
		printf("  %s (%s): %s", veikart_role_title(role, lang), veikart_role_id(role), who);
		/* Roles given for one unit only are listed by `veikart unit status`. */
		for (k = 0, per_unit = 0; k < veikart_initiative_assignment_count(in); k++)
			if (veikart_initiative_assignment_role(in, k) == role &&
			    veikart_initiative_assignment_unit(in, k) != NULL)
				per_unit++;
		if (per_unit > 0)
			printf("; and %zu for single units", per_unit);
		printf("\n");
	}
}

static void put_heading(const veikart_initiative *in, const char *lang)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_phase *p = veikart_initiative_phase(in);
	char entered[32], now[32];
	long days = veikart_initiative_days_in_phase(in);

	cli_format_date(entered, sizeof(entered), veikart_initiative_phase_entered(in));
	cli_format_time(now, sizeof(now), veikart_initiative_now(in));
	printf("%s  %s\n", veikart_initiative_id(in), veikart_initiative_title(in));
	printf("Methodology: %s %s, %s\n", veikart_method_id(m), veikart_method_version(m),
	       veikart_method_title(m, lang));
	printf("Status:      %s, as of %s UTC\n",
	       veikart_status_name(veikart_initiative_status(in)), now);
	printf("Phase:       %s (%s), %ld day%s since %s", veikart_phase_title(p, lang),
	       veikart_phase_id(p), days, days == 1 ? "" : "s", entered);
	if (veikart_phase_max_days(p) > 0)
		printf(", at most %u", veikart_phase_max_days(p));
	printf("\n");
	if (veikart_initiative_is_stalled(in))
		printf("\nSTALLED: %ld days in %s, more than the %u the methodology allows.\n"
		       "Decide at the gate (go on, hold, recycle or stop), or find out what holds "
		       "it up.\n",
		       days, veikart_phase_title(p, lang), veikart_phase_max_days(p));
}

/* Collect the --what-if values; returns -1 to go on, or an exit code. */
static int add_what_if(veikart_facts **facts, const veikart_method *m, char *pair)
{
	char *eq = strchr(pair, '=');

	if (eq == NULL)
		return cli_usage_error(&cli_status, "--what-if `%s` is not FACT=VALUE", pair);
	if (*facts == NULL && veikart_facts_new(facts, m) < 0)
		return cli_error(&cli_status, veikart_error_last()->code);
	*eq = '\0';
	if (veikart_facts_set(*facts, pair, eq + 1) < 0) {
		*eq = '=';
		fprintf(stderr, "veikart status: --what-if %s: %s\n", pair,
		        cli_text(veikart_error_last()->message));
		return CLI_INVALID;
	}
	*eq = '=';
	return -1;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "what-if", required_argument, NULL, 'w' },
		CLI_OPTION_LANG,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	char *what_if[64];
	size_t nwhat_if = 0, i, k;
	cli_journal_args args;
	veikart_facts *facts = NULL;
	veikart_report *report = NULL;
	const veikart_phase *p;
	cli_session s;
	int c, rc, err;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'w') {
			if (nwhat_if == sizeof(what_if) / sizeof(what_if[0]))
				return cli_usage_error(&cli_status, "too many --what-if options");
			what_if[nwhat_if++] = optarg;
			continue;
		}
		rc = cli_journal_option(&cli_status, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_status, "give one JOURNAL");
	rc = cli_session_open(&s, &cli_status, argv[optind], &args, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	for (i = 0; i < nwhat_if; i++) {
		rc = add_what_if(&facts, s.method, what_if[i]);
		if (rc >= 0)
			goto out;
	}
	rc = CLI_OK;
	put_heading(s.initiative, args.common.lang);
	p = veikart_initiative_phase(s.initiative);
	if (veikart_initiative_status(s.initiative) != VEIKART_STATUS_ACTIVE) {
		printf("\nThe initiative has %s: it is in %s, where no gate leads on.\n",
		       veikart_initiative_status(s.initiative) == VEIKART_STATUS_COMPLETED
		               ? "reached its end"
		               : "been stopped",
		       veikart_phase_title(p, args.common.lang));
	} else if (veikart_phase_gate_count(p) == 0) {
		printf("\nPhase %s has no gate.\n", veikart_phase_id(p));
	} else {
		for (i = 0; i < veikart_phase_gate_count(p); i++) {
			if (facts != NULL)
				err = veikart_initiative_what_if(&report, s.initiative,
				                                 veikart_phase_gate(p, i), facts);
			else
				err = veikart_initiative_evaluate(&report, s.initiative,
				                                  veikart_phase_gate(p, i));
			if (err < 0) {
				rc = cli_error(&cli_status, err);
				goto out;
			}
			printf("\n");
			if (facts != NULL) {
				printf("WHAT-IF, nothing recorded: the gate as it would stand "
				       "with");
				for (k = 0; k < nwhat_if; k++)
					printf(" %s", what_if[k]);
				printf("\n");
			}
			cli_print_report(stdout, s.initiative, NULL, report, args.common.lang);
			veikart_report_free(report);
			report = NULL;
		}
	}
	if (veikart_initiative_unit_count(s.initiative) > 0) {
		printf("\nRollout: %zu unit%s (`veikart unit status JOURNAL UNIT` for one)\n",
		       veikart_initiative_unit_count(s.initiative),
		       veikart_initiative_unit_count(s.initiative) == 1 ? "" : "s");
		cli_print_unit_counts(stdout, s.initiative, NULL, NULL, 2, args.common.lang);
		printf("\n");
		if (cli_print_units(stdout, s.initiative, NULL, NULL, 0, 2) == (size_t)-1) {
			rc = CLI_FAILED;
			goto out;
		}
	}
	put_conditions(s.initiative);
	put_people(s.initiative, args.common.lang);
out:
	veikart_report_free(report);
	veikart_facts_free(facts);
	cli_session_close(&s);
	return rc;
}
