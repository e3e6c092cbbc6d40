/*
 * veikart eval - try an expression against a methodology's facts.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_eval = {
	"eval",
	"compile an expression against a methodology and evaluate it",
	"usage: veikart eval [--method METHOD] [--now TIME] [--entered TIME] [--path DIR]...\n"
	"                    EXPRESSION [FACT=VALUE]...\n"
	"\n"
	"Compile EXPRESSION against the facts METHOD declares (the default\n"
	"methodology when not given), record the FACT=VALUE pairs, and print the\n"
	"result with its reason: met, unmet or unknown for a condition, the value\n"
	"otherwise.  A methodology author's way to try a criterion.\n"
	"\n"
	"    veikart eval 'active_use_ratio ge 60%' active_use_ratio=0.45\n"
	"    unmet: `active_use_ratio` is 0.45, not ge 0.6\n"
	"\n"
	"TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).  --now sets today();\n"
	"with --entered as well, days_in_phase() is the days between them.\n"
	"\n"
	"An expression that does not compile is reported as\n"
	"`expression:1:COL: error: TEXT`.\n"
	"\n"
	"An expression that starts with `-` goes after `--`.\n"
	"\n"
	"Exit status: 0 when the expression compiles and every value is accepted\n"
	"(whatever the result), 1 otherwise, 2 for a wrong command line.\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "method", required_argument, NULL, 'm' },
		{ "now", required_argument, NULL, 'n' },
		{ "entered", required_argument, NULL, 'e' },
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_eval_options eo = VEIKART_EVAL_OPTIONS_INIT;
	const char *method = VEIKART_DEFAULT_METHOD;
	veikart_method *m = NULL;
	veikart_facts *facts = NULL;
	veikart_expr *expr = NULL;
	veikart_value *value = NULL;
	cli_common common;
	const char *text, *reason;
	char *eq;
	int64_t t;
	int c, rc, i, status;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'm':
			method = optarg;
			break;
		case 'n':
		case 'e':
			if (veikart_time_parse(optarg, &t) < 0)
				return cli_usage_error(&cli_eval,
				                       "`%s` is not YYYY-MM-DD or "
				                       "YYYY-MM-DDTHH:MM:SSZ",
				                       optarg);
			if (c == 'n')
				eo.now = t;
			else
				eo.phase_entered = t;
			break;
		default:
			rc = cli_common_option(&cli_eval, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cli_eval, "give an EXPRESSION");
	status = cli_load_method(&m, method, &common);
	if (status != CLI_OK)
		return status;

	status = CLI_INVALID;
	if (veikart_expr_compile(&expr, m, argv[optind]) < 0) {
		fprintf(stderr, "expression:1:%u: error: %s\n", veikart_error_last()->column,
		        cli_text(veikart_error_last()->message));
		goto out;
	}
	if (veikart_facts_new(&facts, m) < 0) {
		status = cli_error(&cli_eval, veikart_error_last()->code);
		goto out;
	}
	for (i = optind + 1; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (eq == NULL) {
			status = cli_usage_error(&cli_eval, "`%s` is not FACT=VALUE", argv[i]);
			goto out;
		}
		*eq = '\0';
		if (veikart_facts_set(facts, argv[i], eq + 1) < 0) {
			fprintf(stderr, "veikart eval: %s\n",
			        cli_text(veikart_error_last()->message));
			goto out;
		}
	}
	if (veikart_expr_evaluate(&value, expr, facts, &eo) < 0) {
		status = cli_error(&cli_eval, veikart_error_last()->code);
		goto out;
	}
	reason = veikart_value_reason(value);
	if (veikart_value_type(value) == VEIKART_TYPE_BOOL) {
		switch (veikart_value_truth(value)) {
		case VEIKART_MET:
			printf("met");
			break;
		case VEIKART_UNMET:
			printf("unmet");
			break;
		case VEIKART_UNKNOWN:
			printf("unknown");
			break;
		}
	} else {
		text = veikart_value_text(value);
		printf("%s", text != NULL ? text : "unknown");
	}
	printf("%s%s\n", reason[0] ? ": " : "", reason);
	status = CLI_OK;
out:
	veikart_value_free(value);
	veikart_facts_free(facts);
	veikart_expr_free(expr);
	veikart_method_free(m);
	return status;
}
