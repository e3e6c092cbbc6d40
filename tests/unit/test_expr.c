/*
 * Unit tests of the expression compiler and evaluator, through the
 * internal API (expr.h) with a fact table of our own, so that they need
 * no methodology.  The table mirrors tests/expr/methodology.xml, which
 * lets the conformance corpus run here too; test_expr_cases.c runs the
 * same corpus through the public API and the loader.
 */
#include <stdlib.h>
#include <string.h>

#include "expr_corpus.h"
#include "support.h"

#include "expr.h"
#include "expr_impl.h"
#include "value.h"

static const char *const nasss_levels[] = { "simple", "complicated", "complex" };
static const char *const nasss_specials[] = { "unknown", "mixed", "na" };
static const char *const readiness_levels[] = { "low", "medium", "high" };
static const char *const readiness_specials[] = { "unrated" };

enum { NO_SCALE, NASSS, READINESS };

/* The facts of tests/expr/methodology.xml, in declaration order (= slot). */
#define I VEIKART_SCOPE_INITIATIVE
#define U VEIKART_SCOPE_UNIT
static const struct decl {
	const char *id;
	veikart_type type;
	int scale;
	veikart_scope scope;
} decls[] = {
	{ "a", VEIKART_TYPE_BOOL, NO_SCALE, I },
	{ "b", VEIKART_TYPE_BOOL, NO_SCALE, I },
	{ "c", VEIKART_TYPE_BOOL, NO_SCALE, I },
	{ "challenge_described", VEIKART_TYPE_BOOL, NO_SCALE, I },
	{ "i", VEIKART_TYPE_INTEGER, NO_SCALE, I },
	{ "j", VEIKART_TYPE_INTEGER, NO_SCALE, I },
	{ "users", VEIKART_TYPE_INTEGER, NO_SCALE, I },
	{ "x", VEIKART_TYPE_NUMBER, NO_SCALE, I },
	{ "y", VEIKART_TYPE_NUMBER, NO_SCALE, I },
	{ "budget", VEIKART_TYPE_NUMBER, NO_SCALE, I },
	{ "r", VEIKART_TYPE_RATIO, NO_SCALE, I },
	{ "staff_trained", VEIKART_TYPE_RATIO, NO_SCALE, U },
	{ "name", VEIKART_TYPE_TEXT, NO_SCALE, I },
	{ "note", VEIKART_TYPE_TEXT, NO_SCALE, I },
	{ "go_live", VEIKART_TYPE_DATE, NO_SCALE, I },
	{ "d1", VEIKART_TYPE_DATE, NO_SCALE, I },
	{ "tech_complexity", VEIKART_TYPE_SCALE, NASSS, I },
	{ "org_complexity", VEIKART_TYPE_SCALE, NASSS, I },
	{ "readiness_level", VEIKART_TYPE_SCALE, READINESS, I },
	{ "benefit_plan", VEIKART_TYPE_EVIDENCE, NO_SCALE, I },
	{ "dpia", VEIKART_TYPE_EVIDENCE, NO_SCALE, I },
	{ "mandate", VEIKART_TYPE_SIGNOFF, NO_SCALE, I },
	{ "closure", VEIKART_TYPE_SIGNOFF, NO_SCALE, I },
	{ "users_enabled", VEIKART_TYPE_INTEGER, NO_SCALE, U },
	{ "users_active", VEIKART_TYPE_INTEGER, NO_SCALE, U },
	{ "site_ready", VEIKART_TYPE_BOOL, NO_SCALE, U },
	{ "started_on", VEIKART_TYPE_DATE, NO_SCALE, U },
	{ "unit_readiness", VEIKART_TYPE_SCALE, READINESS, U },
};
#undef I
#undef U

/* The phases of tests/expr/methodology.xml, in order (= index). */
static const char *const phases[] = { "p1",       "rollout", "p2",         "preparing",
	                              "training", "live",    "established" };

#define NDECLS VEIKART__ARRAY_SIZE(decls)

static veikart__scale_info scale_of(int scale)
{
	veikart__scale_info info;

	memset(&info, 0, sizeof(info));
	if (scale == NASSS) {
		info.id = "nasss";
		info.levels = nasss_levels;
		info.nlevels = 3;
		info.specials = nasss_specials;
		info.nspecials = 3;
	} else if (scale == READINESS) {
		info.id = "readiness";
		info.levels = readiness_levels;
		info.nlevels = 3;
		info.specials = readiness_specials;
		info.nspecials = 1;
	}
	return info;
}

static int find_decl(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NDECLS; i++)
		if (strlen(decls[i].id) == len && memcmp(decls[i].id, name, len) == 0)
			return (int)i;
	return -1;
}

static int lookup(veikart__fact_info *out, const char *name, size_t len, void *payload)
{
	int i = find_decl(name, len);

	(void)payload;
	if (i < 0)
		return VEIKART_ENOTFOUND;
	out->id = decls[i].id;
	out->index = (uint32_t)i;
	out->type = decls[i].type;
	out->scope = decls[i].scope;
	out->scale = scale_of(decls[i].scale);
	return 0;
}

static int find_phase(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < VEIKART__ARRAY_SIZE(phases); i++)
		if (strlen(phases[i]) == len && memcmp(phases[i], name, len) == 0)
			return (int)i;
	return -1;
}

static int phase_lookup(const char *name, size_t len, void *payload)
{
	(void)payload;
	return find_phase(name, len);
}

/* As in methodology.xml: the first three phases are the initiative's. */
static int phase_scope(int index, void *payload)
{
	(void)payload;
	return index >= 3;
}

static veikart__expr_decls test_decls(const veikart_allocator *alloc)
{
	veikart__expr_decls d;

	memset(&d, 0, sizeof(d));
	d.lookup = lookup;
	d.phase_lookup = phase_lookup;
	d.phase_scope = phase_scope;
	d.alloc = alloc;
	return d;
}

/* Values, rollout units and the moment of evaluation. */
typedef struct world {
	veikart__arena arena;
	veikart__value values[NDECLS];
	veikart__value unit_values[CORPUS_MAX_UNITS][NDECLS];
	veikart__unit_view units[CORPUS_MAX_UNITS];
	veikart__eval_env env;
} world;

static void world_init(world *w)
{
	memset(w, 0, sizeof(*w));
	veikart__arena_init(&w->arena, NULL);
	w->env.facts = w->values;
	w->env.nfacts = NDECLS;
	w->env.now = VEIKART_TIME_UNKNOWN;
	w->env.phase_entered = VEIKART_TIME_UNKNOWN;
	w->env.units = w->units;
	w->env.phase = -1;
	w->env.phase_ids = phases;
	w->env.nphases = VEIKART__ARRAY_SIZE(phases);
}

static void world_free(world *w)
{
	veikart__arena_release(&w->arena);
}

static veikart__value *world_values(world *w, const char *unit)
{
	size_t i;

	if (unit == NULL || unit[0] == '\0')
		return w->values;
	for (i = 0; i < w->env.nunits; i++)
		if (strcmp(w->units[i].id, unit) == 0)
			return w->unit_values[i];
	fail_msg("no unit `%s`", unit);
	return NULL;
}

/* Set a fact of the initiative or of a unit from text; returns the parse
 * result and fills `why`. */
static int world_set_in(world *w, const char *unit, const char *id, const char *text, char *why,
                        size_t size)
{
	int i = find_decl(id, strlen(id));
	veikart__scale_info scale;

	if (i < 0)
		fail_msg("no fact `%s` in the test declarations", id);
	scale = scale_of(decls[i].scale);
	return veikart__value_parse(&world_values(w, unit)[i], decls[i].type, &scale, text,
	                            strlen(text), &w->arena, why, size);
}

/* The units, phase, unit at hand and moment of a parsed facts column. */
static void world_setup(world *w, const corpus_facts *parsed)
{
	const corpus_unit *u;
	char *copy;
	int i;

	w->env.now = parsed->now;
	w->env.phase_entered = parsed->entered;
	w->env.phase = parsed->phase[0] ? find_phase(parsed->phase, strlen(parsed->phase)) : -1;
	for (i = 0; i < parsed->nunits; i++) {
		u = &parsed->units[i];
		copy = veikart__arena_strdup(&w->arena, u->id);
		assert_non_null(copy);
		w->units[i].id = copy;
		w->units[i].title = copy;
		w->units[i].type = u->type[0] ? veikart__arena_strdup(&w->arena, u->type) : NULL;
		w->units[i].wave = u->wave;
		w->units[i].phase = u->phase[0] ? find_phase(u->phase, strlen(u->phase)) : -1;
		w->units[i].facts = w->unit_values[i];
	}
	w->env.nunits = (size_t)parsed->nunits;
	w->env.unit = NULL;
	for (i = 0; parsed->at[0] != '\0' && i < parsed->nunits; i++)
		if (strcmp(parsed->units[i].id, parsed->at) == 0)
			w->env.unit = &w->units[i];
}

static void world_facts(world *w, const char *facts)
{
	static corpus_facts parsed;
	char why[256];
	int i;

	corpus_parse_facts(facts, 0, &parsed);
	world_setup(w, &parsed);
	for (i = 0; i < parsed.count; i++)
		if (world_set_in(w, parsed.items[i].unit, parsed.items[i].id, parsed.items[i].value,
		                 why, sizeof(why)) != 0)
			fail_msg("cannot set %s=%s: %s", parsed.items[i].id, parsed.items[i].value,
			         why);
}

static veikart__expr *compile_ok(const char *src)
{
	veikart__expr_decls d = test_decls(NULL);
	veikart__expr_error err;
	veikart__expr *e = NULL;
	int rc = veikart__expr_compile(&e, src, strlen(src), &d, &err);

	if (rc != 0)
		fail_msg("`%s` does not compile: %s (offset %zu)", src, err.message, err.offset);
	return e;
}

static const char *type_name(unsigned int type)
{
	static const char *const names[] = { "unknown",  "bool",    "integer", "number",
		                             "ratio",    "text",    "date",    "scale",
		                             "evidence", "signoff", "duration" };

	return type < VEIKART__ARRAY_SIZE(names) ? names[type] : "?";
}

/* Result as the public API shows it: the literal, or unknown/met/unmet. */
static void describe(char *out, size_t size, const veikart__expr *e, const veikart__eval_env *env,
                     char *reason, size_t reason_size)
{
	veikart__value v;
	veikart__why why;
	veikart__buf buf;

	veikart__expr_eval(e, env, &v, &why);
	veikart__buf_init(&buf, NULL);
	if (v.type == 0)
		snprintf(out, size, "unknown");
	else if (v.type == VEIKART_TYPE_BOOL)
		snprintf(out, size, "%s", v.u.b ? "met" : "unmet");
	else {
		assert_int_equal(
		        veikart__expr_format_value(&buf, e, veikart__expr_result_ref(e), &v), 0);
		snprintf(out, size, "%s", veikart__buf_cstr(&buf));
	}
	veikart__buf_clear(&buf);
	assert_int_equal(veikart__expr_explain(&buf, e, env, &why), 0);
	snprintf(reason, reason_size, "%s", veikart__buf_cstr(&buf));
	veikart__buf_dispose(&buf);
}

static void check_eval(const char *src, const char *facts, const char *expect,
                       const char *reason_part)
{
	veikart__expr *e = compile_ok(src);
	char got[256], reason[512];
	world w;

	world_init(&w);
	world_facts(&w, facts);
	describe(got, sizeof(got), e, &w.env, reason, sizeof(reason));
	if (strcmp(got, expect) != 0 || !test_contains(reason, reason_part))
		fail_msg("`%s` with %s: expected %s (%s), got %s (%s)", src, facts, expect,
		         reason_part, got, reason);
	world_free(&w);
	veikart__expr_free(e);
}

/* ------------------------------------------------------------------ */

static void test_expr_should_print_canonical_text(void **state)
{
	static const char *const cases[][2] = {
		{ "r>=0.8", "r ge 0.8" },
		{ "r >= 80%", "r ge 0.8" },
		{ "i=1", "i eq 1" },
		{ "i==1", "i eq 1" },
		{ "i<>1", "i ne 1" },
		{ "i!=1", "i ne 1" },
		{ "i<1 or i>2 or i<=3 or i>=4", "i lt 1 or i gt 2 or i le 3 or i ge 4" },
		{ "(a and b) or c", "a and b or c" },
		{ "a and (b or c)", "a and (b or c)" },
		{ "a and (b and c)", "a and b and c" },
		{ "(a or b) or (c or a)", "a or b or c or a" },
		{ "not (a and b)", "not (a and b)" },
		{ "not not a", "not not a" },
		{ "not (i eq 1)", "not i eq 1" },
		{ "(i + j) * 2 eq i - (j - 1)", "(i + j) * 2 eq i - (j - 1)" },
		{ "i - j - 1", "i - j - 1" },
		{ "i / (j / 2)", "i / (j / 2)" },
		{ "- - i", "- -i" },
		{ "-(-i)", "- -i" },
		{ "-(-(i + 1))", "- -(i + 1)" },
		{ "-(i)", "-i" },
		{ "- 5", "-5" },
		{ "-(-5)", "5" },
		{ "i - -5", "i - -5" },
		{ "x * -y", "x * -y" },
		{ "3.0", "3.0" },
		{ "1.50", "1.5" },
		{ "0.1 + 0.2", "0.1 + 0.2" },
		{ "1e21", "1e+21" },
		{ "1.5e-7", "1.5e-07" },
		{ "12w", "84d" },
		{ "go_live + 2w", "go_live + 14d" },
		{ "\"it's\"", "'it\\'s'" },
		{ "'a\\\\b'", "'a\\\\b'" },
		{ "'say \\\"hi\\\"'", "'say \"hi\"'" },
		{ "tech_complexity in ('simple','complicated')",
		  "tech_complexity in ('simple', 'complicated')" },
		{ "tech_complexity not in ('complex')", "tech_complexity not in ('complex')" },
		{ "i in (1, -2, 3)", "i in (1, -2, 3)" },
		{ "days_since( go_live )>=180d", "days_since(go_live) ge 180d" },
		{ "days_in_phase ( ) ge 90d", "days_in_phase() ge 90d" },
		{ "today() gt 2026-01-01", "today() gt 2026-01-01" },
		{ "(a eq b) eq c", "(a eq b) eq c" },
		{ "((((a))))", "a" },
		{ "signed(mandate)and approved(benefit_plan)",
		  "signed(mandate) and approved(benefit_plan)" },
		{ "count ( )", "count()" },
		{ "count( in_phase( \"live\" ) )", "count(in_phase('live'))" },
		{ "count((a or b))", "count(a or b)" },
		{ "sum(users_active,in_phase('live')or(wave()=1))",
		  "sum(users_active, in_phase('live') or wave() eq 1)" },
		{ "ratio(reached('live'))>=90%", "ratio(reached('live')) ge 0.9" },
		{ "-sum(users_active)*2", "-sum(users_active) * 2" },
		{ "(mean(staff_trained)) - (min(staff_trained, (unit_type() == 'site')))",
		  "mean(staff_trained) - min(staff_trained, unit_type() eq 'site')" },
		{ "max(days_since(started_on)) le 12w", "max(days_since(started_on)) le 84d" },
		{ "initiative_reached ('rollout')", "initiative_reached('rollout')" },
		{ "phase() not in ('p1')", "phase() not in ('p1')" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < VEIKART__ARRAY_SIZE(cases); i++) {
		veikart__expr *e = compile_ok(cases[i][0]);
		veikart__expr *again;

		if (strcmp(veikart__expr_text(e), cases[i][1]) != 0)
			fail_msg("`%s` printed as `%s`, expected `%s`", cases[i][0],
			         veikart__expr_text(e), cases[i][1]);
		again = compile_ok(veikart__expr_text(e));
		assert_string_equal(veikart__expr_text(again), cases[i][1]);
		assert_int_equal(veikart__expr_type(again), veikart__expr_type(e));
		veikart__expr_free(again);
		veikart__expr_free(e);
	}
}

static void test_expr_should_report_errors_at_the_offending_token(void **state)
{
	static const struct {
		const char *src;
		int code;
		unsigned int column;
		const char *message;
	} cases[] = {
		{ "staf_trained ge 0.8", VEIKART_EFORMAT, 1, "unknown fact `staf_trained`" },
		{ "days_in_phase() ge 90", VEIKART_EFORMAT, 20,
		  "cannot compare duration with integer: write `90d` for days" },
		{ "tech_complexity eq 'complecated'", VEIKART_EFORMAT, 20,
		  "`'complecated'` is not a level of scale `nasss`, which `tech_complexity` is "
		  "rated on (levels: simple, complicated, complex; special: unknown, mixed, na)" },
		{ "a and (b or c", VEIKART_EFORMAT, 14,
		  "expected `)` to close the `(` before `b`" },
		{ "name eq 'abc", VEIKART_EFORMAT, 9, "unterminated string" },
		{ "go_live eq 2026-02-30", VEIKART_EFORMAT, 12,
		  "`2026-02-30` is not a date: there is no such day" },
		{ "foo(a)", VEIKART_EFORMAT, 1, "unknown function `foo`" },
		{ "days_since()", VEIKART_EFORMAT, 1,
		  "takes 1 argument (a date), but 0 were given" },
		{ "today(1)", VEIKART_EFORMAT, 1, "takes no arguments, but 1 was given" },
		{ "approved(mandate)", VEIKART_EFORMAT, 10,
		  "`approved()` takes an evidence fact, but `mandate` is a sign-off" },
		{ "i in (1, 'a')", VEIKART_EFORMAT, 10, "`in` list member `'a'` is text" },
		{ "a and i", VEIKART_EFORMAT, 7,
		  "`and` needs true or false, but `i` is an integer" },
		{ "ü", VEIKART_EFORMAT, 1, "unexpected character `ü`" },
		{ "i ge 1 ge 2", VEIKART_EFORMAT, 8, "comparisons cannot be chained" },
		{ "", VEIKART_EFORMAT, 1, "the expression is empty" },
	};
	veikart__expr_decls d = test_decls(NULL);
	veikart__expr_error err;
	veikart__expr *e;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < VEIKART__ARRAY_SIZE(cases); i++) {
		e = NULL;
		rc = veikart__expr_compile(&e, cases[i].src, strlen(cases[i].src), &d, &err);
		assert_null(e);
		if (rc != cases[i].code ||
		    veikart__expr_column(cases[i].src, err.offset) != cases[i].column ||
		    !test_contains(err.message, cases[i].message))
			fail_msg("`%s`: expected %d at column %u `%s`, got %d at column %u `%s`",
			         cases[i].src, cases[i].code, cases[i].column, cases[i].message, rc,
			         veikart__expr_column(cases[i].src, err.offset), err.message);
	}
}

static void test_expr_should_require_a_condition_when_asked(void **state)
{
	veikart__expr_decls d = test_decls(NULL);
	veikart__expr_error err;
	veikart__expr *e = NULL;

	(void)state;
	d.want_bool = 1;
	assert_int_equal(veikart__expr_compile(&e, "i + 1", 5, &d, &err), VEIKART_EFORMAT);
	assert_string_equal(err.message,
	                    "must be true or false (a condition), but this is an integer");
	assert_int_equal(err.offset, 0);
	assert_int_equal(veikart__expr_compile(&e, "  mandate", 9, &d, &err), VEIKART_EFORMAT);
	assert_true(test_contains(err.message, "a sign-off (use signed())"));
	assert_int_equal(err.offset, 2);
	assert_int_equal(veikart__expr_compile(&e, "i gt 1", 6, &d, &err), 0);
	assert_int_equal(veikart__expr_type(e), VEIKART_TYPE_BOOL);
	veikart__expr_free(e);
}

static void test_expr_should_enforce_length_then_depth(void **state)
{
	veikart__expr_decls d = test_decls(NULL);
	veikart__expr_error err;
	veikart__expr *e = NULL;
	char src[256];
	size_t i;

	(void)state;
	d.max_length = 10;
	/* The length is checked before anything else, even a lexical error. */
	assert_int_equal(veikart__expr_compile(&e, "'''''''''''", 11, &d, &err), VEIKART_ELIMIT);
	assert_true(test_contains(err.message, "11 bytes long; the limit is 10"));
	assert_int_equal(veikart__expr_compile(&e, "i ge 12345", 10, &d, &err), 0);
	veikart__expr_free(e);

	d = test_decls(NULL);
	d.max_depth = 3;
	assert_int_equal(veikart__expr_compile(&e, "(((a)))", 7, &d, &err), 0);
	veikart__expr_free(e);
	assert_int_equal(veikart__expr_compile(&e, "((((a))))", 9, &d, &err), VEIKART_ELIMIT);
	assert_int_equal(err.offset, 3);
	assert_true(test_contains(err.message, "nested too deeply (more than 3 levels)"));
	assert_int_equal(veikart__expr_compile(&e, "not not not a", 13, &d, &err), 0);
	veikart__expr_free(e);
	assert_int_equal(veikart__expr_compile(&e, "not not not not a", 17, &d, &err),
	                 VEIKART_ELIMIT);
	/* A long chain of + is as deep for the evaluator as nesting. */
	assert_int_equal(veikart__expr_compile(&e, "i + i + i + i", 13, &d, &err), 0);
	veikart__expr_free(e);
	assert_int_equal(veikart__expr_compile(&e, "i + i + i + i + i", 17, &d, &err),
	                 VEIKART_ELIMIT);
	/* ... but and/or chains are one level, however long. */
	src[0] = '\0';
	for (i = 0; i < 30; i++)
		strcat(src, i ? " and a" : "a");
	assert_int_equal(veikart__expr_compile(&e, src, strlen(src), &d, &err), 0);
	veikart__expr_free(e);
}

static void test_expr_should_evaluate_and_explain(void **state)
{
	(void)state;
	check_eval("r ge 0.8", "r=0.5", "unmet", "`r` is 0.5, not ge 0.8");
	check_eval("r ge 0.8", "r=90%", "met", "`r` is 0.9, ge 0.8");
	check_eval("r ge 0.8", "-", "unknown", "fact `r` is not recorded");
	check_eval("0.8 le r", "r=0.5", "unmet", "0.8 is not le `r` (0.5)");
	check_eval("i / j gt 1", "i=1; j=0", "unknown", "division by zero in `i / j`");
	check_eval("signed(mandate) and approved(benefit_plan)",
	           "mandate=Kari Nordmann; benefit_plan=https://x/plan.pdf", "unmet",
	           "evidence `benefit_plan` attached but not approved");
	check_eval(
	        "signed(mandate) and approved(benefit_plan)",
	        "mandate=Kari Nordmann; benefit_plan=https://x/plan.pdf approved-by:Ola Nordmann",
	        "met",
	        "`mandate` signed by Kari Nordmann; evidence `benefit_plan` attached, approved "
	        "by Ola Nordmann");
	check_eval("signed(mandate)", "-", "unmet", "`mandate` is not signed");
	check_eval("has_evidence(benefit_plan)", "-", "unmet",
	           "no evidence `benefit_plan` attached");
	check_eval("days_in_phase() ge 90d", "-", "unknown",
	           "days in phase not known (no time given)");
	check_eval("days_in_phase() ge 90d", "@now=2026-11-23T10:00:00Z", "unknown",
	           "phase entry time not given");
	check_eval("days_in_phase()", "@now=2026-11-23T10:00:00Z; @entered=2026-08-25T12:00:00Z",
	           "89d", "");
	check_eval("tech_complexity le 'complicated'", "tech_complexity=mixed", "unknown",
	           "`tech_complexity` is 'mixed', a special value, so `tech_complexity le "
	           "'complicated'` cannot be decided");
	check_eval("tech_complexity", "tech_complexity=complex", "'complex'", "");
	check_eval("a or b", "a=false; b=false", "unmet", "`a` is false; `b` is false");
	check_eval("a or b", "b=true", "met", "`b` is true");
	check_eval("a and b", "b=false", "unmet", "`b` is false");
	check_eval("a and b", "b=true", "unknown", "fact `a` is not recorded");
	check_eval("not a", "a=true", "unmet", "`a` is true");
	check_eval("i * j", "i=9223372036854775807; j=2", "unknown", "integer overflow in `i * j`");
}

static void test_expr_should_list_facts_in_order_of_first_mention(void **state)
{
	veikart__expr *e = compile_ok("j gt i and i gt 0 and defined(mandate) or j eq 3");

	(void)state;
	assert_int_equal(veikart__expr_fact_count(e), 3);
	assert_int_equal(veikart__expr_fact(e, 0), find_decl("j", 1));
	assert_int_equal(veikart__expr_fact(e, 1), find_decl("i", 1));
	assert_int_equal(veikart__expr_fact(e, 2), find_decl("mandate", 7));
	veikart__expr_free(e);
}

static void test_expr_should_not_depend_on_the_source_after_compiling(void **state)
{
	char *src = strdup("tech_complexity in ('simple', 'complicated') and name eq 'Kari'");
	veikart__expr *e;
	char got[64], reason[256];
	world w;

	(void)state;
	assert_non_null(src);
	e = compile_ok(src);
	memset(src, 'X', strlen(src));
	free(src);
	world_init(&w);
	world_facts(&w, "tech_complexity=complex; name=Kari");
	describe(got, sizeof(got), e, &w.env, reason, sizeof(reason));
	assert_string_equal(got, "unmet");
	assert_string_equal(reason, "`tech_complexity` is 'complex', not in ('simple', "
	                            "'complicated')");
	world_free(&w);
	veikart__expr_free(e);
}

static void test_expr_should_read_a_slot_of_the_wrong_type_as_not_recorded(void **state)
{
	veikart__expr *e = compile_ok("i gt 1");
	world w;

	(void)state;
	world_init(&w);
	w.values[find_decl("i", 1)].type = VEIKART_TYPE_NUMBER;
	w.values[find_decl("i", 1)].u.n = 5;
	assert_int_equal(veikart__expr_eval_bool(e, &w.env, NULL), VEIKART_UNKNOWN);
	w.env.nfacts = 2; /* and a slot past the end likewise */
	w.values[find_decl("i", 1)].type = VEIKART_TYPE_INTEGER;
	assert_int_equal(veikart__expr_eval_bool(e, &w.env, NULL), VEIKART_UNKNOWN);
	w.env.nfacts = NDECLS;
	assert_int_equal(veikart__expr_eval_bool(e, &w.env, NULL), VEIKART_MET);
	world_free(&w);
	veikart__expr_free(e);
}

static void test_expr_should_fail_cleanly_on_every_allocation(void **state)
{
	static const char *const sources[] = {
		"signed(mandate) and approved(benefit_plan) or tech_complexity in ('simple', "
		"'complex') and readiness_level ge 'medium' and name ne 'a\\'b' and "
		"days_since(go_live) ge 12w",
		"i + j * 2 gt 3 and x / y lt 1.5 and r ge 80%",
		"ratio(reached('live')) ge 90% and sum(users_active, in_phase('live') and "
		"unit_type() eq 'site') / sum(users_enabled) gt 0.5 or count() eq 0 or "
		"max(days_since(started_on), wave() le 2) le 400d and phase() in ('p1', 'rollout')",
	};
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart__expr_decls d = test_decls(&alloc);
	veikart__expr_error err;
	veikart__expr *e;
	size_t s;
	int rc;

	(void)state;
	for (s = 0; s < VEIKART__ARRAY_SIZE(sources); s++) {
		for (c.fail_at = 1;; c.fail_at++) {
			c.calls = 0;
			c.live = 0;
			e = NULL;
			rc = veikart__expr_compile(&e, sources[s], strlen(sources[s]), &d, &err);
			if (rc == 0)
				break;
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_int_equal(err.code, VEIKART_ENOMEM);
			assert_null(e);
			assert_int_equal(c.live, 0);
		}
		assert_true(c.fail_at > 3);
		veikart__expr_free(e);
		assert_int_equal(c.live, 0);
	}
}

static void test_expr_should_fail_cleanly_compiling_unit_expressions(void **state)
{
	static const char src[] = "earlier_waves_reached('live') and initiative_reached('rollout') "
	                          "and users_active ge mean(users_active) and "
	                          "unit_readiness ne 'unrated'";
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart__expr_decls d = test_decls(&alloc);
	veikart__expr_error err;
	veikart__expr *e;
	int rc;

	(void)state;
	d.context = VEIKART__CONTEXT_UNIT;
	for (c.fail_at = 1;; c.fail_at++) {
		c.calls = 0;
		c.live = 0;
		e = NULL;
		rc = veikart__expr_compile(&e, src, strlen(src), &d, &err);
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_null(e);
		assert_int_equal(c.live, 0);
	}
	assert_true(c.fail_at > 3);
	assert_string_equal(veikart__expr_text(e), src);
	veikart__expr_free(e);
	assert_int_equal(c.live, 0);
}

/* `n` units, Site 1 to Site n, a tenth of them not yet live; the last has
 * not recorded users_active when `gap`. */
typedef struct fleet {
	veikart__unit_view *units;
	veikart__value (*values)[NDECLS];
	char (*names)[32];
	veikart__eval_env env;
	veikart__value facts[NDECLS];
	size_t n;
} fleet;

static void fleet_init(fleet *f, size_t n, int gap)
{
	size_t i;
	int active = find_decl("users_active", 12), enabled = find_decl("users_enabled", 13);
	int started = find_decl("started_on", 10);

	memset(f, 0, sizeof(*f));
	f->n = n;
	f->units = calloc(n, sizeof(*f->units));
	f->values = calloc(n, sizeof(*f->values));
	f->names = calloc(n, sizeof(*f->names));
	assert_true(f->units != NULL && f->values != NULL && f->names != NULL);
	for (i = 0; i < n; i++) {
		snprintf(f->names[i], sizeof(f->names[i]), "Site %zu", i + 1);
		f->units[i].id = f->names[i];
		f->units[i].title = f->names[i];
		f->units[i].type = i % 3 == 0 ? "team" : "site";
		f->units[i].wave = (int32_t)(i / 100 + 1);
		f->units[i].phase = i % 10 == 9 ? find_phase("training", 8) : find_phase("live", 4);
		f->units[i].facts = f->values[i];
		f->values[i][active].type = VEIKART_TYPE_INTEGER;
		f->values[i][active].u.i = (int64_t)(i % 50);
		f->values[i][enabled].type = VEIKART_TYPE_INTEGER;
		f->values[i][enabled].u.i = 60;
		f->values[i][started].type = VEIKART_TYPE_DATE;
		f->values[i][started].u.days = 20500 + (int32_t)(i % 200);
	}
	if (gap)
		f->values[n - 1][active].type = 0;
	f->env.facts = f->facts;
	f->env.nfacts = NDECLS;
	f->env.now = 1795428000; /* 2026-11-23T10:00:00Z */
	f->env.phase_entered = VEIKART_TIME_UNKNOWN;
	f->env.units = f->units;
	f->env.nunits = n;
	f->env.phase = find_phase("rollout", 7);
	f->env.phase_ids = phases;
	f->env.nphases = VEIKART__ARRAY_SIZE(phases);
}

static void fleet_free(fleet *f)
{
	free(f->units);
	free(f->values);
	free(f->names);
}

static void test_expr_should_roll_up_without_allocating(void **state)
{
	static const char rollup[] =
	        "ratio(reached('live')) ge 90% and sum(users_active, unit_type() eq 'site') / "
	        "sum(users_enabled) lt 0.5 and mean(users_active, in_phase('live')) gt 20 and "
	        "max(days_since(started_on)) gt 30d and min(users_active) eq 0 and "
	        "count(wave() eq 3) eq 100";
	static const char unit[] = "earlier_waves_reached('training') and users_active ge 0 and "
	                           "initiative_reached('rollout') and wave() eq 3";
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart__expr_decls d = test_decls(&alloc);
	veikart__expr_error err;
	veikart__expr *e = NULL, *u = NULL;
	veikart__why why;
	veikart__buf reason;
	fleet f;
	long calls;

	(void)state;
	assert_int_equal(veikart__expr_compile(&e, rollup, strlen(rollup), &d, &err), 0);
	d.context = VEIKART__CONTEXT_UNIT;
	assert_int_equal(veikart__expr_compile(&u, unit, strlen(unit), &d, &err), 0);
	fleet_init(&f, 300, 0);
	f.env.unit = &f.units[250];
	calls = c.calls;
	assert_int_equal(veikart__expr_eval_bool(e, &f.env, &why), VEIKART_MET);
	assert_int_equal(veikart__expr_eval_bool(u, &f.env, &why), VEIKART_MET);
	assert_int_equal(c.calls, calls);
	fleet_free(&f);

	/* Unknown, with the units named only when the reason is asked for. */
	fleet_init(&f, 300, 1);
	calls = c.calls;
	assert_int_equal(veikart__expr_eval_bool(e, &f.env, &why), VEIKART_UNKNOWN);
	assert_int_equal(c.calls, calls);
	veikart__buf_init(&reason, NULL);
	assert_int_equal(veikart__expr_explain(&reason, e, &f.env, &why), 0);
	assert_string_equal(veikart__buf_cstr(&reason),
	                    "1 of 200 matching units has not recorded `users_active`: Site 300");
	veikart__buf_dispose(&reason);
	fleet_free(&f);
	veikart__expr_free(e);
	veikart__expr_free(u);
	assert_int_equal(c.live, 0);
}

/* Naming units in a reason allocates, and may fail: cleanly. */
static void test_expr_should_explain_roll_ups_under_allocation_failure(void **state)
{
	static const char src[] = "count(users_active / users_enabled gt 0.5) ge 1";
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart__expr *e = compile_ok(src);
	veikart__why why;
	veikart__buf reason;
	int rc;
	world w;

	(void)state;
	world_init(&w);
	world_facts(&w, "@unit=A; @unit=B; @unit=C; A.users_active=1; A.users_enabled=0; "
	                "C.users_enabled=1");
	assert_int_equal(veikart__expr_eval_bool(e, &w.env, &why), VEIKART_UNKNOWN);
	for (c.fail_at = 1;; c.fail_at++) {
		c.calls = 0;
		c.live = 0;
		veikart__buf_init(&reason, &alloc);
		rc = veikart__expr_explain(&reason, e, &w.env, &why);
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		veikart__buf_dispose(&reason);
		assert_int_equal(c.live, 0);
	}
	assert_true(c.fail_at > 1);
	assert_string_equal(veikart__buf_cstr(&reason),
	                    "the filter `users_active / users_enabled gt 0.5` is unknown for 3 "
	                    "units: A (division by zero in `users_active / users_enabled`), B "
	                    "(fact `users_active` is not recorded), C (fact `users_active` is not "
	                    "recorded)");
	veikart__buf_dispose(&reason);
	assert_int_equal(c.live, 0);
	world_free(&w);
	veikart__expr_free(e);
}

static void test_expr_should_not_allocate_while_evaluating(void **state)
{
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart__expr_decls d = test_decls(&alloc);
	veikart__expr_error err;
	veikart__expr *e = NULL;
	const char *src = "r ge 0.8 and signed(mandate) or name eq 'x' or "
	                  "days_since(go_live) gt 3d";
	veikart__why why;
	world w;
	long calls;

	(void)state;
	assert_int_equal(veikart__expr_compile(&e, src, strlen(src), &d, &err), 0);
	world_init(&w);
	world_facts(&w, "r=0.9; mandate=Kari; name=y; go_live=2026-01-01; "
	                "@now=2026-11-23T10:00:00Z");
	calls = c.calls;
	assert_int_equal(veikart__expr_eval_bool(e, &w.env, &why), VEIKART_MET);
	assert_int_equal(c.calls, calls);
	world_free(&w);
	veikart__expr_free(e);
	assert_int_equal(c.live, 0);
}

/* The conformance corpus, through the internal API. */
static int run_case(const corpus_case *k, char *msg, size_t size)
{
	veikart__expr_decls d = test_decls(NULL);
	veikart__expr_error err;
	veikart__expr *e = NULL, *again = NULL;
	static corpus_facts facts;
	static char got[8192], reason[1024], got2[8192], reason2[1024];
	static world w;
	char why[256];
	unsigned int column;
	int i, rc, ok = 0, bad = -1;

	world_init(&w);
	corpus_parse_facts(k->facts, k->line, &facts);
	world_setup(&w, &facts);
	d.context = facts.unit_context ? VEIKART__CONTEXT_UNIT : VEIKART__CONTEXT_INITIATIVE;
	for (i = 0; i < facts.count && bad < 0; i++)
		if (world_set_in(&w, facts.items[i].unit, facts.items[i].id, facts.items[i].value,
		                 why, sizeof(why)) != 0)
			bad = i;
	if (strcmp(k->expect, "badvalue") == 0) {
		ok = bad >= 0 && test_contains(why, k->reason);
		snprintf(msg, size, "expected a bad value (%s), got %s", k->reason,
		         bad >= 0 ? why : "all values accepted");
		goto out;
	}
	if (bad >= 0) {
		snprintf(msg, size, "cannot set %s: %s", facts.items[bad].id, why);
		goto out;
	}
	rc = veikart__expr_compile(&e, k->expr, strlen(k->expr), &d, &err);
	column = rc < 0 ? veikart__expr_column(k->expr, err.offset) : 0;
	if (corpus_error_column(k->expect, "error") || corpus_error_column(k->expect, "limit")) {
		int code = k->expect[0] == 'e' ? VEIKART_EFORMAT : VEIKART_ELIMIT;
		unsigned int want =
		        corpus_error_column(k->expect, k->expect[0] == 'e' ? "error" : "limit");

		ok = rc == code && column == want && test_contains(err.message, k->reason);
		snprintf(msg, size, "expected %s `%s`, got %s", k->expect, k->reason,
		         rc == 0 ? veikart__expr_text(e) : "");
		if (rc < 0)
			snprintf(msg + strlen(msg), size - strlen(msg), "%s@%u `%s`",
			         rc == VEIKART_EFORMAT  ? "error"
			         : rc == VEIKART_ELIMIT ? "limit"
			                                : "?",
			         column, err.message);
		goto out;
	}
	if (rc < 0) {
		snprintf(msg, size, "expected %s, got error@%u `%s`", k->expect, column,
		         err.message);
		goto out;
	}
	describe(got, sizeof(got), e, &w.env, reason, sizeof(reason));
	if (strcmp(got, k->expect) != 0 || strcmp(type_name(veikart__expr_type(e)), k->type) != 0 ||
	    !test_contains(reason, k->reason)) {
		snprintf(msg, size, "expected %s %s `%s`, got %s %.300s `%s` (canonical `%s`)",
		         k->type, k->expect, k->reason, type_name(veikart__expr_type(e)), got,
		         reason, veikart__expr_text(e));
		goto out;
	}
	/* The canonical text compiles to itself and means the same. */
	rc = veikart__expr_compile(&again, veikart__expr_text(e), strlen(veikart__expr_text(e)), &d,
	                           &err);
	if (rc < 0) {
		snprintf(msg, size, "canonical `%s` does not compile: %s", veikart__expr_text(e),
		         err.message);
		goto out;
	}
	describe(got2, sizeof(got2), again, &w.env, reason2, sizeof(reason2));
	if (strcmp(veikart__expr_text(again), veikart__expr_text(e)) != 0 ||
	    strcmp(got, got2) != 0 || strcmp(reason, reason2) != 0) {
		snprintf(msg, size, "canonical `%s` reads back as `%s` giving %.300s `%s`",
		         veikart__expr_text(e), veikart__expr_text(again), got2, reason2);
		goto out;
	}
	ok = 1;
out:
	veikart__expr_free(e);
	veikart__expr_free(again);
	world_free(&w);
	return ok;
}

static void test_expr_should_pass_the_corpus(void **state)
{
	corpus c;
	corpus_case k;
	char msg[2048];
	int failures = 0, count = 0;

	(void)state;
	corpus_open(&c);
	while (corpus_next(&c, &k)) {
		count++;
		if (!run_case(&k, msg, sizeof(msg))) {
			print_error("cases.tsv:%d: `%s`: %s\n", k.line, k.expr, msg);
			failures++;
		}
		free(k.expr);
	}
	corpus_close(&c);
	assert_true(count >= 650);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expr_should_print_canonical_text),
		cmocka_unit_test(test_expr_should_report_errors_at_the_offending_token),
		cmocka_unit_test(test_expr_should_require_a_condition_when_asked),
		cmocka_unit_test(test_expr_should_enforce_length_then_depth),
		cmocka_unit_test(test_expr_should_evaluate_and_explain),
		cmocka_unit_test(test_expr_should_list_facts_in_order_of_first_mention),
		cmocka_unit_test(test_expr_should_not_depend_on_the_source_after_compiling),
		cmocka_unit_test(test_expr_should_read_a_slot_of_the_wrong_type_as_not_recorded),
		cmocka_unit_test(test_expr_should_fail_cleanly_on_every_allocation),
		cmocka_unit_test(test_expr_should_fail_cleanly_compiling_unit_expressions),
		cmocka_unit_test(test_expr_should_roll_up_without_allocating),
		cmocka_unit_test(test_expr_should_explain_roll_ups_under_allocation_failure),
		cmocka_unit_test(test_expr_should_not_allocate_while_evaluating),
		cmocka_unit_test(test_expr_should_pass_the_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
