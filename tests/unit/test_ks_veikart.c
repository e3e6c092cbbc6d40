/*
 * The default methodology, KS Veikart for tjenesteinnovasjon: what the
 * library promises about it, checked against the built-in copy and the
 * shipped file.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "support.h"

static veikart_method *load_default(void)
{
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_method *m = NULL;

	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, NULL), 0);
	return m;
}

static void test_phases_follow_the_canonical_kinds(void **state)
{
	static const veikart_phase_kind kinds[] = {
		VEIKART_PHASE_NEEDS,      VEIKART_PHASE_PLANNING, VEIKART_PHASE_PILOT,
		VEIKART_PHASE_EVALUATION, VEIKART_PHASE_ROLLOUT,  VEIKART_PHASE_OPERATION,
		VEIKART_PHASE_CLOSED,
	};
	veikart_method *m = load_default();
	const veikart_phase *p;
	size_t i;

	(void)state;
	assert_int_equal(veikart_method_phase_count(m), 7);
	for (i = 0; i < 7; i++) {
		p = veikart_method_phase(m, i);
		assert_int_equal(veikart_phase_kind_of(p), kinds[i]);
		assert_int_equal(veikart_phase_scope(p), VEIKART_SCOPE_INITIATIVE);
		/* Terminal phases have no gate; every other phase has one. */
		assert_int_equal(veikart_phase_gate_count(p), veikart_phase_is_terminal(p) ? 0 : 1);
	}
	assert_ptr_equal(veikart_method_start(m), veikart_method_phase(m, 0));
	assert_string_equal(veikart_phase_title(veikart_method_phase(m, 0), "nb"),
	                    "Før du starter");
	assert_string_equal(veikart_phase_title(veikart_method_phase(m, 5), "nb"), "Ny praksis");
	/* Pilots run in rounds, and a stalled pilot or rollout is flagged. */
	assert_true(veikart_phase_is_repeatable(veikart_method_phase(m, 2)));
	assert_true(veikart_phase_max_days(veikart_method_phase(m, 2)) > 0);
	assert_true(veikart_phase_max_days(veikart_method_phase(m, 4)) > 0);
	veikart_method_free(m);
}

static const veikart_outcome *outcome(const veikart_gate *g, veikart_outcome_kind kind)
{
	size_t i;

	for (i = 0; i < veikart_gate_outcome_count(g); i++)
		if (veikart_outcome_kind_of(veikart_gate_outcome(g, i)) == kind)
			return veikart_gate_outcome(g, i);
	return NULL;
}

static void test_gates_are_decided_by_the_owner_or_the_steering_group(void **state)
{
	veikart_method *m = load_default();
	const veikart_gate *g;
	const veikart_outcome *o;
	const char *role;
	size_t i;

	(void)state;
	assert_int_equal(veikart_method_gate_count(m), 6);
	for (i = 0; i < veikart_method_gate_count(m); i++) {
		g = veikart_method_gate(m, i);
		if (veikart_gate_every_days(g) != 0)
			continue;
		assert_int_equal(veikart_gate_authority_count(g), 1);
		role = veikart_role_id(veikart_gate_authority_role(g, 0));
		assert_true(strcmp(role, "prosjekteier") == 0 ||
		            strcmp(role, "styringsgruppe") == 0);
		assert_true(veikart_gate_criterion_count(g) >= 3);
		/* Every gate can go on, hold, and stop into the closed phase. */
		o = outcome(g, VEIKART_OUTCOME_GO);
		assert_non_null(o);
		assert_int_equal(veikart_phase_index(veikart_outcome_target(o)),
		                 veikart_phase_index(veikart_gate_from(g)) + 1);
		assert_non_null(outcome(g, VEIKART_OUTCOME_HOLD));
		o = outcome(g, VEIKART_OUTCOME_STOP);
		assert_non_null(o);
		assert_int_equal(veikart_phase_kind_of(veikart_outcome_target(o)),
		                 VEIKART_PHASE_CLOSED);
	}
	/* New practice is not the end: the benefit owner reviews it every year. */
	g = veikart_method_gate_by_id(m, "g-gevinstoppfolging");
	assert_non_null(g);
	assert_int_equal(veikart_gate_every_days(g), 365);
	assert_string_equal(veikart_phase_id(veikart_gate_from(g)), "ny-praksis");
	assert_false(veikart_phase_is_terminal(veikart_gate_from(g)));
	assert_string_equal(veikart_role_id(veikart_gate_authority_role(g, 0)), "gevinstansvarlig");
	assert_non_null(outcome(g, VEIKART_OUTCOME_CONTINUE));
	assert_null(outcome(g, VEIKART_OUTCOME_GO));
	assert_true(veikart_role_may_override(veikart_method_role_by_id(m, "prosjekteier")));
	assert_int_equal(veikart_role_kind_of(veikart_method_role_by_id(m, "styringsgruppe")),
	                 VEIKART_ROLE_BODY);
	veikart_method_free(m);
}

/* KS: "never linear": evaluation can send the work back for a new pilot
 * round, and planning back to the challenges. */
static void test_backward_moves_are_there(void **state)
{
	veikart_method *m = load_default();
	const veikart_phase *evaluation = veikart_method_phase(m, 3);
	const veikart_phase *planning = veikart_method_phase(m, 1);
	const veikart_outcome *o;

	(void)state;
	o = outcome(veikart_phase_gate(evaluation, 0), VEIKART_OUTCOME_RECYCLE);
	assert_non_null(o);
	assert_int_equal(veikart_phase_kind_of(veikart_outcome_target(o)), VEIKART_PHASE_PILOT);
	o = outcome(veikart_phase_gate(planning, 0), VEIKART_OUTCOME_RECYCLE);
	assert_non_null(o);
	assert_int_equal(veikart_phase_kind_of(veikart_outcome_target(o)), VEIKART_PHASE_NEEDS);
	veikart_method_free(m);
}

static void test_sources_are_cited(void **state)
{
	veikart_method *m = load_default();
	const char *href;
	size_t i;

	(void)state;
	assert_true(veikart_method_source_count(m) >= 5);
	for (i = 0; i < veikart_method_source_count(m); i++) {
		href = veikart_method_source_href(m, i);
		assert_true(strncmp(href, "http://", 7) == 0 || strncmp(href, "https://", 8) == 0);
		assert_non_null(veikart_method_source_title(m, i));
	}
	veikart_method_free(m);
}

/* Every element that has labels has them in bokmål and in English. */
static int has_lang(const xmlNode *parent, const xmlChar *name, const char *lang)
{
	const xmlNode *c;
	xmlChar *l;
	int found = 0;

	for (c = parent->children; c != NULL && !found; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, name))
			continue;
		l = xmlNodeGetLang(c);
		found = l != NULL && strcmp((const char *)l, lang) == 0;
		xmlFree(l);
	}
	return found;
}

static int check_labels(const xmlNode *node)
{
	static const char *const kinds[] = { "title", "text", "label", "description" };
	const xmlNode *c;
	size_t k;
	int missing = 0;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const xmlChar *name = (const xmlChar *)kinds[k];
		int nb = has_lang(node, name, "nb"), en = has_lang(node, name, "en");
		if (nb != en) {
			print_error("line %ld: <%s> has <%s> in %s only\n", xmlGetLineNo(node),
			            (const char *)node->name, kinds[k], nb ? "nb" : "en");
			missing++;
		}
	}
	for (c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			missing += check_labels(c);
	return missing;
}

static void test_every_label_is_in_bokmal_and_english(void **state)
{
	xmlDocPtr doc;
	size_t size;
	char *data = test_read_file(test_path("methodologies/ks-veikart.xml"), &size);

	(void)state;
	doc = xmlReadMemory(data, (int)size, NULL, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(check_labels(xmlDocGetRootElement(doc)), 0);
	xmlFreeDoc(doc);
	free(data);
}

/* Every fact is read by some criterion: nothing is recorded for nothing. */
static void test_every_fact_is_used_by_a_criterion(void **state)
{
	veikart_method *m = load_default();
	const veikart_gate *g;
	const veikart_criterion *c;
	size_t f, i, j, k;
	int used;

	(void)state;
	for (f = 0; f < veikart_method_fact_count(m); f++) {
		used = 0;
		for (i = 0; i < veikart_method_gate_count(m) && !used; i++) {
			g = veikart_method_gate(m, i);
			for (j = 0; j < veikart_gate_criterion_count(g) && !used; j++) {
				c = veikart_gate_criterion(g, j);
				for (k = 0; k < veikart_criterion_fact_count(c); k++)
					if (veikart_criterion_fact(c, k) ==
					    veikart_method_fact(m, f))
						used = 1;
			}
		}
		if (!used)
			fail_msg("fact `%s` is used by no criterion",
			         veikart_fact_id(veikart_method_fact(m, f)));
	}
	veikart_method_free(m);
}

/* The canonical text of each criterion compiles again to the same text. */
static void test_criteria_round_trip_through_the_public_api(void **state)
{
	veikart_method *m = load_default();
	const veikart_gate *g;
	const char *text;
	veikart_expr *e;
	size_t i, j;

	(void)state;
	for (i = 0; i < veikart_method_gate_count(m); i++) {
		g = veikart_method_gate(m, i);
		for (j = 0; j < veikart_gate_criterion_count(g); j++) {
			text = veikart_criterion_expression(veikart_gate_criterion(g, j));
			e = NULL;
			assert_int_equal(veikart_expr_compile(&e, m, text), 0);
			assert_string_equal(veikart_expr_text(e), text);
			assert_int_equal(veikart_expr_type(e), VEIKART_TYPE_BOOL);
			veikart_expr_free(e);
		}
	}
	veikart_method_free(m);
}

static veikart_truth evaluate(const veikart_method *m, const veikart_criterion *c,
                              const veikart_facts *facts)
{
	veikart_expr *e = NULL;
	veikart_value *v = NULL;
	veikart_truth t;

	assert_int_equal(veikart_expr_compile(&e, m, veikart_criterion_expression(c)), 0);
	assert_int_equal(veikart_expr_evaluate(&v, e, facts, NULL), 0);
	t = veikart_value_truth(v);
	veikart_value_free(v);
	veikart_expr_free(e);
	return t;
}

/* The evaluation gate holds a pilot whose service is available but little
 * used, and lets through one that is adopted. */
static void test_evaluation_gate_tells_available_from_adopted(void **state)
{
	veikart_method *m = load_default();
	const veikart_gate *g = veikart_phase_gate(veikart_method_phase(m, 3), 0);
	const veikart_criterion *adoption = NULL, *c;
	veikart_facts *facts = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < veikart_gate_criterion_count(g); i++) {
		c = veikart_gate_criterion(g, i);
		if (veikart_criterion_level(c) == VEIKART_LEVEL_MUST &&
		    veikart_criterion_fact_count(c) == 1 &&
		    strcmp(veikart_fact_id(veikart_criterion_fact(c, 0)), "active_use_ratio") == 0)
			adoption = c;
	}
	assert_non_null(adoption);
	assert_int_equal(veikart_facts_new(&facts, m), 0);
	assert_int_equal(evaluate(m, adoption, facts), VEIKART_UNKNOWN);
	assert_int_equal(veikart_facts_set(facts, "active_use_ratio", "45%"), 0);
	assert_int_equal(evaluate(m, adoption, facts), VEIKART_UNMET);
	assert_int_equal(veikart_facts_set(facts, "active_use_ratio", "0.72"), 0);
	assert_int_equal(evaluate(m, adoption, facts), VEIKART_MET);
	veikart_facts_free(facts);
	veikart_method_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phases_follow_the_canonical_kinds),
		cmocka_unit_test(test_gates_are_decided_by_the_owner_or_the_steering_group),
		cmocka_unit_test(test_backward_moves_are_there),
		cmocka_unit_test(test_sources_are_cited),
		cmocka_unit_test(test_every_label_is_in_bokmal_and_english),
		cmocka_unit_test(test_every_fact_is_used_by_a_criterion),
		cmocka_unit_test(test_criteria_round_trip_through_the_public_api),
		cmocka_unit_test(test_evaluation_gate_tells_available_from_adopted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
