/*
 * veikart show METHOD - a methodology as readable text.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_show = {
	"show",
	"print a methodology: phases, steps, gates, criteria and who decides",
	"usage: veikart show [--lang LANG] [--path DIR]... METHOD\n"
	"\n"
	"Print the methodology as readable text: its phases in order with their\n"
	"steps, and for each gate its criteria, how they add up, who decides and\n"
	"where each outcome leads.  METHOD is a file or an id on the search path.\n"
	"\n"
	"Options:\n"
	"  --lang LANG  labels in this language (nb, nn, sv, da, en, ...); the\n"
	"               methodology's own language by default\n"
	"  --path DIR   look for methodologies in DIR first (repeatable)\n"
	"  -h, --help   show this help\n",
	run,
};

static void print_role(const veikart_role *r, const char *lang)
{
	if (r == NULL)
		return;
	printf("%s", cli_text(veikart_role_title(r, lang)));
}

static void print_aggregation(const veikart_gate *g)
{
	switch (veikart_gate_aggregation(g)) {
	case VEIKART_AGGREGATION_MUST_THEN_SCORE:
		if (veikart_gate_threshold(g) > 0)
			printf("every must criterion met, then a should-score of at least %.0f%%",
			       veikart_gate_threshold(g) * 100.0);
		else
			printf("every must criterion met");
		break;
	case VEIKART_AGGREGATION_ALL:
		printf("every must and should criterion met");
		break;
	case VEIKART_AGGREGATION_K_OF_N:
		printf("at least %u of the must and should criteria met", veikart_gate_k(g));
		break;
	case VEIKART_AGGREGATION_ADVISORY:
		printf("advisory: a profile, never blocks");
		break;
	}
}

static void print_gate(const veikart_gate *g, const char *lang)
{
	const veikart_criterion *c;
	const veikart_outcome *o;
	const char *cond;
	size_t i, j;

	printf("\n    Gate %s: %s\n", veikart_gate_id(g), cli_text(veikart_gate_title(g, lang)));
	printf("      Decided by: ");
	for (i = 0; i < veikart_gate_authority_count(g); i++) {
		if (i > 0)
			printf("; otherwise ");
		print_role(veikart_gate_authority_role(g, i), lang);
		cond = veikart_gate_authority_condition(g, i);
		if (cond != NULL)
			printf(" when %s", cond);
	}
	printf("\n      Ready when: ");
	print_aggregation(g);
	printf("\n");
	for (i = 0; i < veikart_gate_criterion_count(g); i++) {
		c = veikart_gate_criterion(g, i);
		printf("      [%-6s] %s", veikart_level_name(veikart_criterion_level(c)),
		       veikart_criterion_text(c, lang));
		if (veikart_criterion_level(c) == VEIKART_LEVEL_SHOULD &&
		    veikart_criterion_weight(c) != 1.0)
			printf(" (weight %g)", veikart_criterion_weight(c));
		printf("\n               %s\n", veikart_criterion_expression(c));
		if (veikart_criterion_tag_count(c) > 0) {
			printf("               tags:");
			for (j = 0; j < veikart_criterion_tag_count(c); j++)
				printf(" %s", cli_text(veikart_criterion_tag(c, j)));
			printf("\n");
		}
	}
	printf("      Outcomes:");
	for (i = 0; i < veikart_gate_outcome_count(g); i++) {
		o = veikart_gate_outcome(g, i);
		printf("%s %s", i ? ";" : "", cli_text(veikart_outcome_label(o, lang)));
		if (strcmp(veikart_outcome_label(o, lang),
		           veikart_outcome_kind_name(veikart_outcome_kind_of(o))) != 0)
			printf(" (%s)", veikart_outcome_kind_name(veikart_outcome_kind_of(o)));
		if (veikart_outcome_target(o) != NULL)
			printf(" -> %s",
			       cli_text(veikart_phase_title(veikart_outcome_target(o), lang)));
	}
	printf("\n");
}

static void print_phase(const veikart_phase *p, const char *lang)
{
	const veikart_step *s;
	const char *desc = veikart_phase_description(p, lang);
	size_t i;

	printf("\n%zu. %s  [%s%s%s%s%s]", veikart_phase_index(p) + 1,
	       cli_text(veikart_phase_title(p, lang)),
	       veikart_phase_kind_name(veikart_phase_kind_of(p)),
	       veikart_phase_scope(p) == VEIKART_SCOPE_UNIT ? ", per unit" : "",
	       veikart_phase_is_optional(p) ? ", optional" : "",
	       veikart_phase_is_repeatable(p) ? ", repeatable" : "",
	       veikart_phase_is_terminal(p) ? ", terminal" : "");
	if (veikart_phase_max_days(p) > 0)
		printf("  stalled after %u days", veikart_phase_max_days(p));
	printf("\n");
	if (desc != NULL) {
		printf("   ");
		cli_put_text(stdout, desc);
		printf("\n");
	}
	if (veikart_phase_skip_if(p) != NULL)
		printf("   Skipped when: %s\n", veikart_phase_skip_if(p));
	for (i = 0; i < veikart_phase_step_count(p); i++) {
		s = veikart_phase_step(p, i);
		printf("   - %s", cli_text(veikart_step_title(s, lang)));
		if (veikart_step_role(s) != NULL) {
			printf(" (");
			print_role(veikart_step_role(s), lang);
			printf(")");
		}
		if (veikart_step_produces(s) != NULL)
			printf(" -> %s", veikart_fact_id(veikart_step_produces(s)));
		if (veikart_step_after(s) != NULL)
			printf(", after: %s",
			       cli_text(veikart_step_title(veikart_step_after(s), lang)));
		printf("\n");
	}
	for (i = 0; i < veikart_phase_gate_count(p); i++)
		print_gate(veikart_phase_gate(p, i), lang);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_LANG,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	cli_common common;
	veikart_method *m = NULL;
	const veikart_role *r;
	const veikart_unit_type *t;
	const char *lang, *desc;
	size_t i, j;
	int c, rc, status;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		default:
			rc = cli_common_option(&cli_show, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_show, optind >= argc ? "which methodology? give METHOD"
		                                                 : "give one METHOD");
	status = cli_load_method(&m, argv[optind], &common);
	if (status != CLI_OK)
		return status;
	lang = common.lang;

	printf("%s\n", cli_text(veikart_method_title(m, lang)));
	printf("%s %s", veikart_method_id(m), veikart_method_version(m));
	if (veikart_method_extends(m) != NULL)
		printf(", a variant of %s", veikart_method_extends(m));
	printf("\ndigest %s\n", veikart_method_digest(m));
	desc = veikart_method_description(m, lang);
	if (desc != NULL) {
		printf("\n");
		cli_put_text(stdout, desc);
		printf("\n");
	}
	if (veikart_method_source_count(m) > 0) {
		printf("\nSources:\n");
		for (i = 0; i < veikart_method_source_count(m); i++) {
			if (veikart_method_source_title(m, i) != NULL)
				printf("  - %s\n    %s\n",
				       cli_text(veikart_method_source_title(m, i)),
				       cli_text(veikart_method_source_href(m, i)));
			else
				printf("  - %s\n", cli_text(veikart_method_source_href(m, i)));
		}
	}
	printf("\nRoles:\n");
	for (i = 0; i < veikart_method_role_count(m); i++) {
		r = veikart_method_role(m, i);
		printf("  - %s (%s%s%s)\n", cli_text(veikart_role_title(r, lang)),
		       veikart_role_id(r),
		       veikart_role_kind_of(r) == VEIKART_ROLE_BODY ? ", a body" : "",
		       veikart_role_may_override(r) ? ", may override" : "");
		printf("    assigned by");
		for (j = 0; j < veikart_role_assigner_count(r); j++)
			printf("%s %s", j ? "," : "", veikart_role_id(veikart_role_assigner(r, j)));
		printf("%s\n", veikart_role_self_assign(r) ? "; may be taken by oneself" : "");
	}
	if (veikart_method_unit_type_count(m) > 0) {
		printf("\nUnit types (for `veikart unit add --type`):\n");
		for (i = 0; i < veikart_method_unit_type_count(m); i++) {
			t = veikart_method_unit_type(m, i);
			printf("  - %s (%s", cli_text(veikart_unit_type_title(t, lang)),
			       veikart_unit_type_id(t));
			if (veikart_unit_type_parent(t) != NULL)
				printf(", within %s",
				       veikart_unit_type_id(veikart_unit_type_parent(t)));
			printf(")\n");
		}
	}
	printf("\nPhases (start: %s):\n",
	       cli_text(veikart_phase_title(veikart_method_start(m), lang)));
	for (i = 0; i < veikart_method_phase_count(m); i++)
		print_phase(veikart_method_phase(m, i), lang);
	veikart_method_free(m);
	return CLI_OK;
}
