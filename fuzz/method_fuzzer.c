/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Fuzz target: a methodology document, as one municipality receives it from
 * another.  The input is loaded as is, and a loaded methodology is read
 * through every accessor.  Then it is loaded again with one allocation
 * failing (which one the input's bytes choose): that load must fail with
 * #VEIKART_ENOMEM or give the first load's result, and leak nothing.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"

/* Larger documents only slow the fuzzer down; the loader's own limit is tested elsewhere. */
#define FUZZ_MAX_INPUT (256 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk_role(const veikart_method *m, const veikart_role *r, const char *lang)
{
	FUZZ_CHECK(r != NULL);
	fuzz_read(veikart_role_id(r));
	fuzz_read(veikart_role_title(r, lang));
	fuzz_read(veikart_role_description(r, lang));
	(void)veikart_role_kind_of(r);
	(void)veikart_role_may_override(r);
	FUZZ_CHECK(veikart_method_role_by_id(m, veikart_role_id(r)) == r);
}

static void walk_scale(const veikart_method *m, const veikart_scale *s, const char *lang)
{
	size_t i, n;

	FUZZ_CHECK(s != NULL);
	fuzz_read(veikart_scale_id(s));
	fuzz_read(veikart_scale_title(s, lang));
	FUZZ_CHECK(veikart_method_scale_by_id(m, veikart_scale_id(s)) == s);
	n = veikart_scale_level_count(s);
	for (i = 0; i <= n; i++) {
		fuzz_read(veikart_scale_level_code(s, i));
		fuzz_read(veikart_scale_level_label(s, i, lang));
	}
	n = veikart_scale_special_count(s);
	for (i = 0; i <= n; i++) {
		fuzz_read(veikart_scale_special_code(s, i));
		fuzz_read(veikart_scale_special_label(s, i, lang));
		(void)veikart_scale_special_meaning(s, i);
	}
}

static void walk_fact(const veikart_method *m, const veikart_fact *f, const char *lang)
{
	FUZZ_CHECK(f != NULL);
	fuzz_read(veikart_fact_id(f));
	fuzz_read(veikart_fact_title(f, lang));
	fuzz_read(veikart_fact_description(f, lang));
	fuzz_read(veikart_type_name(veikart_fact_type(f)));
	(void)veikart_fact_scope(f);
	fuzz_read(veikart_fact_unit(f));
	fuzz_read(veikart_scale_id(veikart_fact_scale(f)));
	fuzz_read(veikart_role_id(veikart_fact_role(f)));
	FUZZ_CHECK(veikart_method_fact_by_id(m, veikart_fact_id(f)) == f);
}

static void walk_unit_type(const veikart_method *m, const veikart_unit_type *t, const char *lang)
{
	FUZZ_CHECK(t != NULL);
	fuzz_read(veikart_unit_type_id(t));
	fuzz_read(veikart_unit_type_title(t, lang));
	fuzz_read(veikart_unit_type_description(t, lang));
	fuzz_read(veikart_unit_type_id(veikart_unit_type_parent(t)));
	FUZZ_CHECK(veikart_method_unit_type_by_id(m, veikart_unit_type_id(t)) == t);
}

static void walk_gate(const veikart_method *m, const veikart_gate *g, const char *lang)
{
	const veikart_criterion *c;
	const veikart_outcome *o;
	size_t i, j, n;

	FUZZ_CHECK(g != NULL);
	fuzz_read(veikart_gate_id(g));
	fuzz_read(veikart_gate_title(g, lang));
	fuzz_read(veikart_gate_description(g, lang));
	fuzz_read(veikart_phase_id(veikart_gate_from(g)));
	(void)veikart_gate_aggregation(g);
	(void)veikart_gate_threshold(g);
	(void)veikart_gate_k(g);
	(void)veikart_gate_every_days(g);
	FUZZ_CHECK(veikart_method_gate_by_id(m, veikart_gate_id(g)) == g);
	n = veikart_gate_authority_count(g);
	for (i = 0; i <= n; i++) {
		fuzz_read(veikart_role_id(veikart_gate_authority_role(g, i)));
		fuzz_read(veikart_gate_authority_condition(g, i));
	}
	n = veikart_gate_criterion_count(g);
	for (i = 0; i < n; i++) {
		c = veikart_gate_criterion(g, i);
		FUZZ_CHECK(c != NULL);
		fuzz_read(veikart_criterion_id(c));
		fuzz_read(veikart_criterion_text(c, lang));
		fuzz_read(veikart_level_name(veikart_criterion_level(c)));
		(void)veikart_criterion_weight(c);
		(void)veikart_criterion_kind_of(c);
		fuzz_read(veikart_criterion_expression(c));
		for (j = 0; j <= veikart_criterion_tag_count(c); j++)
			fuzz_read(veikart_criterion_tag(c, j));
		for (j = 0; j <= veikart_criterion_fact_count(c); j++)
			fuzz_read(veikart_fact_id(veikart_criterion_fact(c, j)));
		FUZZ_CHECK(veikart_gate_criterion_by_id(g, veikart_criterion_id(c)) == c);
	}
	FUZZ_CHECK(veikart_gate_criterion(g, n) == NULL);
	n = veikart_gate_outcome_count(g);
	for (i = 0; i < n; i++) {
		o = veikart_gate_outcome(g, i);
		FUZZ_CHECK(o != NULL);
		fuzz_read(veikart_outcome_kind_name(veikart_outcome_kind_of(o)));
		fuzz_read(veikart_phase_id(veikart_outcome_target(o)));
		fuzz_read(veikart_outcome_label(o, lang));
	}
	FUZZ_CHECK(veikart_gate_outcome(g, n) == NULL);
}

static void walk_phase(const veikart_method *m, const veikart_phase *p, const char *lang)
{
	const veikart_step *s;
	size_t i, n;

	FUZZ_CHECK(p != NULL);
	fuzz_read(veikart_phase_id(p));
	fuzz_read(veikart_phase_title(p, lang));
	fuzz_read(veikart_phase_description(p, lang));
	fuzz_read(veikart_phase_kind_name(veikart_phase_kind_of(p)));
	(void)veikart_phase_scope(p);
	(void)veikart_phase_is_optional(p);
	(void)veikart_phase_is_repeatable(p);
	(void)veikart_phase_is_terminal(p);
	(void)veikart_phase_max_days(p);
	fuzz_read(veikart_phase_skip_if(p));
	FUZZ_CHECK(veikart_method_phase(m, veikart_phase_index(p)) == p);
	FUZZ_CHECK(veikart_method_phase_by_id(m, veikart_phase_id(p)) == p);
	n = veikart_phase_step_count(p);
	for (i = 0; i < n; i++) {
		s = veikart_phase_step(p, i);
		FUZZ_CHECK(s != NULL);
		fuzz_read(veikart_step_id(s));
		fuzz_read(veikart_step_title(s, lang));
		fuzz_read(veikart_role_id(veikart_step_role(s)));
		fuzz_read(veikart_fact_id(veikart_step_produces(s)));
		fuzz_read(veikart_step_id(veikart_step_after(s)));
	}
	FUZZ_CHECK(veikart_phase_step(p, n) == NULL);
	n = veikart_phase_gate_count(p);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(veikart_gate_from(veikart_phase_gate(p, i)) == p);
}

/* Read everything a host could read, in the default language and in each declared one. */
static void walk_method(const veikart_method *m)
{
	const char *lang;
	size_t i, l, n;

	fuzz_read(veikart_method_id(m));
	fuzz_read(veikart_method_version(m));
	fuzz_read(veikart_method_digest(m));
	fuzz_read(veikart_method_extends(m));
	fuzz_read(veikart_method_file(m));
	fuzz_read(veikart_method_lang(m));
	for (i = 0; i <= veikart_method_overlay_count(m); i++)
		fuzz_read(veikart_method_overlay(m, i));
	for (i = 0; i <= veikart_method_source_count(m); i++) {
		fuzz_read(veikart_method_source_href(m, i));
		fuzz_read(veikart_method_source_title(m, i));
	}
	FUZZ_CHECK(veikart_method_start(m) != NULL);
	fuzz_read(veikart_phase_id(veikart_method_unit_start(m)));
	n = veikart_method_language_count(m);
	for (l = 0; l <= n; l++) {
		lang = veikart_method_language(m, l);
		FUZZ_CHECK(veikart_method_title(m, lang) != NULL);
		fuzz_read(veikart_method_description(m, lang));
		for (i = 0; i < veikart_method_role_count(m); i++)
			walk_role(m, veikart_method_role(m, i), lang);
		for (i = 0; i < veikart_method_scale_count(m); i++)
			walk_scale(m, veikart_method_scale(m, i), lang);
		for (i = 0; i < veikart_method_fact_count(m); i++)
			walk_fact(m, veikart_method_fact(m, i), lang);
		for (i = 0; i < veikart_method_unit_type_count(m); i++)
			walk_unit_type(m, veikart_method_unit_type(m, i), lang);
		for (i = 0; i < veikart_method_phase_count(m); i++)
			walk_phase(m, veikart_method_phase(m, i), lang);
		for (i = 0; i < veikart_method_gate_count(m); i++)
			walk_gate(m, veikart_method_gate(m, i), lang);
	}
	FUZZ_CHECK(veikart_method_role(m, veikart_method_role_count(m)) == NULL);
	FUZZ_CHECK(veikart_method_phase(m, veikart_method_phase_count(m)) == NULL);
	FUZZ_CHECK(veikart_method_gate(m, veikart_method_gate_count(m)) == NULL);
}

static void walk_diagnostics(const veikart_diagnostics *diags)
{
	const veikart_diagnostic *d;
	char line[256];
	size_t i;

	for (i = 0; i < veikart_diagnostics_count(diags); i++) {
		d = veikart_diagnostics_get(diags, i);
		FUZZ_CHECK(d != NULL && d->file != NULL && d->message != NULL);
		FUZZ_CHECK(veikart_diagnostic_format(line, sizeof(line), d) >= 0);
		fuzz_read(line);
	}
}

/* Load @p data with allocation @p fail_at failing (0: none); return the result code. */
static int load(const uint8_t *data, size_t size, fuzz_counter *c, unsigned long fail_at, int walk)
{
	veikart_allocator a = fuzz_allocator(c);
	veikart_load_options opts = VEIKART_LOAD_OPTIONS_INIT;
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	int rc;

	/* A base named by `extends` comes from the built-in ones, never from the disk. */
	opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	opts.allocator = &a;
	fuzz_arm(c, fail_at);
	rc = veikart_method_load_buffer(&m, data, size, "fuzz.xml", &opts, &diags);
	if (rc != 0) {
		FUZZ_CHECK(m == NULL);
		FUZZ_CHECK(veikart_error_last()->message != NULL);
		goto out;
	}
	FUZZ_CHECK(m != NULL);
	if (walk)
		walk_method(m);

out:
	walk_diagnostics(diags);
	veikart_method_free(m);
	veikart_diagnostics_free(diags);
	FUZZ_CHECK(c->live == 0);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_counter c = { 0, 0, 0 };
	unsigned long calls;
	int rc, rc_failing;

	if (size > FUZZ_MAX_INPUT)
		goto out;
	rc = load(data, size, &c, 0, 1);
	calls = c.calls;
	if (calls == 0)
		goto out;
	rc_failing = load(data, size, &c, fuzz_pick(data, size, calls), 0);
	FUZZ_CHECK(rc_failing == rc || rc_failing == VEIKART_ENOMEM);

out:
	return 0;
}
