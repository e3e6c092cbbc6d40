/*
 * A plain-text dump of everything the public accessors say about a
 * methodology: the golden output of the valid fixtures.
 */
#include "dump.h"

/* One line per language the methodology uses, showing what the label
 * accessor returns for it (so the fallback chain is part of the dump). */
#define LABELS(out, m, indent, what, fn, obj)                             \
	do {                                                              \
		size_t l_;                                                \
		for (l_ = 0; l_ < veikart_method_language_count(m); l_++) \
			fprintf(out, "%s%s[%s]: %s\n", indent, what,      \
			        veikart_method_language(m, l_),           \
			        fn(obj, veikart_method_language(m, l_))); \
	} while (0)

static const char *yes(int v)
{
	return v ? "yes" : "no";
}

static const char *scope_name(veikart_scope s)
{
	return s == VEIKART_SCOPE_UNIT ? "unit" : "initiative";
}

static const char *aggregation_name(veikart_aggregation a)
{
	switch (a) {
	case VEIKART_AGGREGATION_MUST_THEN_SCORE:
		return "must-then-score";
	case VEIKART_AGGREGATION_ALL:
		return "all";
	case VEIKART_AGGREGATION_K_OF_N:
		return "k-of-n";
	case VEIKART_AGGREGATION_ADVISORY:
		return "advisory";
	}
	return "?";
}

static const char *special_name(veikart_special_meaning s)
{
	switch (s) {
	case VEIKART_SPECIAL_MISSING:
		return "missing";
	case VEIKART_SPECIAL_MIXED:
		return "mixed";
	case VEIKART_SPECIAL_NOT_APPLICABLE:
		return "not-applicable";
	}
	return "?";
}

static const char *kind_name(veikart_criterion_kind k)
{
	static const char *const names[] = { "expr",    "check", "threshold", "evidence",
		                             "signoff", "scale", "elapsed" };
	return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

static void dump_gate(FILE *out, const veikart_method *m, const veikart_gate *g)
{
	const veikart_criterion *c;
	const veikart_outcome *o;
	size_t i, j;

	fprintf(out, "gate %s from=%s aggregation=%s threshold=%g k=%u", veikart_gate_id(g),
	        veikart_phase_id(veikart_gate_from(g)),
	        aggregation_name(veikart_gate_aggregation(g)), veikart_gate_threshold(g),
	        veikart_gate_k(g));
	/* Only when present, so that older fixtures' dumps stay as they are. */
	if (veikart_gate_every_days(g) > 0)
		fprintf(out, " every-days=%u", veikart_gate_every_days(g));
	fputc('\n', out);
	LABELS(out, m, "  ", "title", veikart_gate_title, g);
	if (veikart_gate_description(g, NULL) != NULL)
		fprintf(out, "  description: %s\n", veikart_gate_description(g, NULL));
	for (i = 0; i < veikart_gate_authority_count(g); i++)
		fprintf(out, "  authority %s when=%s\n",
		        veikart_role_id(veikart_gate_authority_role(g, i)),
		        veikart_gate_authority_condition(g, i)
		                ? veikart_gate_authority_condition(g, i)
		                : "-");
	for (i = 0; i < veikart_gate_criterion_count(g); i++) {
		c = veikart_gate_criterion(g, i);
		fprintf(out,
		        "  criterion %s level=%s weight=%g kind=%s tags=", veikart_criterion_id(c),
		        veikart_level_name(veikart_criterion_level(c)), veikart_criterion_weight(c),
		        kind_name(veikart_criterion_kind_of(c)));
		for (j = 0; j < veikart_criterion_tag_count(c); j++)
			fprintf(out, "%s%s", j ? "," : "", veikart_criterion_tag(c, j));
		fprintf(out, "\n    expr: %s\n    facts:", veikart_criterion_expression(c));
		for (j = 0; j < veikart_criterion_fact_count(c); j++)
			fprintf(out, " %s", veikart_fact_id(veikart_criterion_fact(c, j)));
		fprintf(out, "\n");
		LABELS(out, m, "    ", "text", veikart_criterion_text, c);
	}
	for (i = 0; i < veikart_gate_outcome_count(g); i++) {
		o = veikart_gate_outcome(g, i);
		fprintf(out, "  outcome %s -> %s\n",
		        veikart_outcome_kind_name(veikart_outcome_kind_of(o)),
		        veikart_outcome_target(o) ? veikart_phase_id(veikart_outcome_target(o))
		                                  : "-");
		LABELS(out, m, "    ", "label", veikart_outcome_label, o);
	}
}

void dump_method(FILE *out, const veikart_method *m)
{
	const veikart_role *r;
	const veikart_scale *s;
	const veikart_fact *f;
	const veikart_unit_type *t;
	const veikart_phase *p;
	const veikart_step *st;
	size_t i, j;

	fprintf(out, "methodology %s %s extends=%s lang=%s start=%s\n", veikart_method_id(m),
	        veikart_method_version(m),
	        veikart_method_extends(m) ? veikart_method_extends(m) : "-",
	        veikart_method_lang(m) ? veikart_method_lang(m) : "-",
	        veikart_phase_id(veikart_method_start(m)));
	for (i = 0; i < veikart_method_overlay_count(m); i++)
		fprintf(out, "with %s\n", veikart_method_overlay(m, i));
	/* Lines that only appear when there is something to say keep the dumps
	 * of methodologies without rollout units as they were. */
	if (veikart_method_unit_start(m) != NULL)
		fprintf(out, "unit-start=%s\n", veikart_phase_id(veikart_method_unit_start(m)));
	fprintf(out, "languages:");
	for (i = 0; i < veikart_method_language_count(m); i++)
		fprintf(out, " %s", veikart_method_language(m, i));
	fprintf(out, "\n");
	LABELS(out, m, "", "title", veikart_method_title, m);
	for (i = 0; i < veikart_method_source_count(m); i++)
		fprintf(out, "source %s | %s\n", veikart_method_source_href(m, i),
		        veikart_method_source_title(m, i) ? veikart_method_source_title(m, i)
		                                          : "-");
	for (i = 0; i < veikart_method_role_count(m); i++) {
		r = veikart_method_role(m, i);
		fprintf(out, "role %s kind=%s may-override=%s\n", veikart_role_id(r),
		        veikart_role_kind_of(r) == VEIKART_ROLE_BODY ? "body" : "person",
		        yes(veikart_role_may_override(r)));
		LABELS(out, m, "  ", "title", veikart_role_title, r);
		if (veikart_role_description(r, NULL) != NULL)
			fprintf(out, "  description: %s\n", veikart_role_description(r, NULL));
	}
	for (i = 0; i < veikart_method_scale_count(m); i++) {
		s = veikart_method_scale(m, i);
		fprintf(out, "scale %s levels=", veikart_scale_id(s));
		for (j = 0; j < veikart_scale_level_count(s); j++)
			fprintf(out, "%s%s", j ? "," : "", veikart_scale_level_code(s, j));
		fprintf(out, " specials=");
		for (j = 0; j < veikart_scale_special_count(s); j++)
			fprintf(out, "%s%s:%s", j ? "," : "", veikart_scale_special_code(s, j),
			        special_name(veikart_scale_special_meaning(s, j)));
		fprintf(out, "\n");
	}
	for (i = 0; i < veikart_method_fact_count(m); i++) {
		f = veikart_method_fact(m, i);
		fprintf(out, "fact %s type=%s scope=%s unit=%s scale=%s role=%s\n",
		        veikart_fact_id(f), veikart_type_name(veikart_fact_type(f)),
		        scope_name(veikart_fact_scope(f)),
		        veikart_fact_unit(f) ? veikart_fact_unit(f) : "-",
		        veikart_fact_scale(f) ? veikart_scale_id(veikart_fact_scale(f)) : "-",
		        veikart_fact_role(f) ? veikart_role_id(veikart_fact_role(f)) : "-");
		if (veikart_fact_description(f, NULL) != NULL)
			fprintf(out, "  description: %s\n", veikart_fact_description(f, NULL));
	}
	for (i = 0; i < veikart_method_unit_type_count(m); i++) {
		t = veikart_method_unit_type(m, i);
		fprintf(out, "unit-type %s parent=%s\n", veikart_unit_type_id(t),
		        veikart_unit_type_parent(t)
		                ? veikart_unit_type_id(veikart_unit_type_parent(t))
		                : "-");
		LABELS(out, m, "  ", "title", veikart_unit_type_title, t);
	}
	for (i = 0; i < veikart_method_phase_count(m); i++) {
		p = veikart_method_phase(m, i);
		fprintf(out,
		        "phase %zu %s kind=%s scope=%s optional=%s repeatable=%s terminal=%s "
		        "max-days=%u\n",
		        veikart_phase_index(p), veikart_phase_id(p),
		        veikart_phase_kind_name(veikart_phase_kind_of(p)),
		        scope_name(veikart_phase_scope(p)), yes(veikart_phase_is_optional(p)),
		        yes(veikart_phase_is_repeatable(p)), yes(veikart_phase_is_terminal(p)),
		        veikart_phase_max_days(p));
		LABELS(out, m, "  ", "title", veikart_phase_title, p);
		if (veikart_phase_skip_if(p) != NULL)
			fprintf(out, "  skip-if: %s\n", veikart_phase_skip_if(p));
		for (j = 0; j < veikart_phase_step_count(p); j++) {
			st = veikart_phase_step(p, j);
			fprintf(out, "  step %s role=%s produces=%s", veikart_step_id(st),
			        veikart_step_role(st) ? veikart_role_id(veikart_step_role(st))
			                              : "-",
			        veikart_step_produces(st)
			                ? veikart_fact_id(veikart_step_produces(st))
			                : "-");
			if (veikart_step_after(st) != NULL)
				fprintf(out, " after-step=%s",
				        veikart_step_id(veikart_step_after(st)));
			fprintf(out, "\n");
		}
		fprintf(out, "  gates:");
		for (j = 0; j < veikart_phase_gate_count(p); j++)
			fprintf(out, " %s", veikart_gate_id(veikart_phase_gate(p, j)));
		fprintf(out, "\n");
	}
	for (i = 0; i < veikart_method_gate_count(m); i++)
		dump_gate(out, m, veikart_method_gate(m, i));
}
