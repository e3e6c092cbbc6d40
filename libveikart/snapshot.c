/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Snapshots: an initiative's state as XML, and back.  Writing is
 * deterministic (the same state gives the same bytes), so a journal
 * replayed gives a snapshot byte-identical to the live initiative's.
 * Reading goes through the same hardened parser as methodologies, the
 * snapshot schema, and then checks every reference against the methodology.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "initiative.h"
#include "method.h"
#include "xml.h"

#define NS VEIKART_SNAPSHOT_NAMESPACE

/* ---- writing -------------------------------------------------------------------- */

static void attr_i64(veikart__buf *b, const char *name, int64_t v)
{
	veikart__buf_printf(b, " %s=\"%" PRId64 "\"", name, v);
}

static void attr_u64(veikart__buf *b, const char *name, uint64_t v)
{
	veikart__buf_printf(b, " %s=\"%" PRIu64 "\"", name, v);
}

static void indent(veikart__buf *b, int depth)
{
	veikart__buf_printf(b, "%*s", depth * 2, "");
}

static void write_decision(veikart__buf *b, const veikart_decision *d, int depth)
{
	const veikart_report *r = d->report;
	char score[VEIKART__VALUE_SHORT_SIZE];
	size_t i;

	indent(b, depth);
	veikart__buf_puts(b, "<decision");
	attr_u64(b, "seq", d->seq);
	attr_i64(b, "time", d->time);
	veikart__xml_put_attr(b, "actor", d->actor);
	veikart__xml_put_attr(b, "gate", veikart_gate_id(d->gate));
	veikart__xml_put_attr(b, "outcome",
	                      veikart_outcome_kind_name(veikart_outcome_kind_of(d->outcome)));
	veikart__xml_put_attr(b, "to", d->target ? veikart_phase_id(d->target) : NULL);
	veikart__xml_put_attr(b, "authority", veikart_role_id(d->authority));
	veikart__xml_put_attr(b, "override", d->override ? "true" : NULL);
	veikart__xml_put_attr(b, "verdict", veikart_verdict_name(veikart_report_verdict(r)));
	veikart__score_text(score, veikart_report_score(r));
	veikart__xml_put_attr(b, "score", score);
	veikart__buf_puts(b, ">\n");
	for (i = 0; i < d->nvia; i++) {
		indent(b, depth + 1);
		veikart__buf_puts(b, "<via");
		veikart__xml_put_attr(b, "phase", veikart_phase_id(d->via[i]));
		veikart__buf_puts(b, "/>\n");
	}
	indent(b, depth + 1);
	veikart__buf_puts(b, "<rationale>");
	veikart__xml_put_text(b, d->rationale);
	veikart__buf_puts(b, "</rationale>\n");
	for (i = 0; i < veikart_report_count(r); i++) {
		indent(b, depth + 1);
		veikart__buf_puts(b, "<result");
		veikart__xml_put_attr(b, "criterion",
		                      veikart_criterion_id(veikart_report_criterion(r, i)));
		veikart__xml_put_attr(b, "truth", veikart_truth_name(veikart_report_truth(r, i)));
		veikart__buf_putc(b, '>');
		veikart__xml_put_text(b, veikart_report_reason(r, i));
		veikart__buf_puts(b, "</result>\n");
	}
	for (i = 0; i < d->nconditions; i++) {
		const veikart__condition_rec *c = &d->conditions[i];
		indent(b, depth + 1);
		veikart__buf_puts(b, "<condition");
		veikart__xml_put_attr(b, "due", c->due);
		if (c->met_seq != 0) {
			attr_u64(b, "met-seq", c->met_seq);
			attr_i64(b, "met-time", c->met_time);
			veikart__xml_put_attr(b, "met-actor", c->met_actor);
		}
		veikart__buf_putc(b, '>');
		veikart__xml_put_text(b, c->text);
		veikart__buf_puts(b, "</condition>\n");
	}
	indent(b, depth);
	veikart__buf_puts(b, "</decision>\n");
}

/* Facts, steps, visits and decisions: of the initiative or of a unit. */
static void write_walk(veikart__buf *b, const veikart_initiative *in,
                       const veikart__fact_rec *const *facts, const veikart__walk *w, int depth)
{
	const veikart__fact_rec *f;
	size_t i;

	for (i = 0; i < in->nfacts; i++) {
		f = facts[i];
		if (f == NULL)
			continue;
		indent(b, depth);
		veikart__buf_puts(b, "<fact");
		veikart__xml_put_attr(b, "id", veikart_fact_id(veikart_method_fact(in->method, i)));
		attr_u64(b, "seq", f->seq);
		attr_i64(b, "time", f->time);
		veikart__xml_put_attr(b, "actor", f->actor);
		veikart__buf_putc(b, '>');
		veikart__xml_put_text(b, f->text);
		veikart__buf_puts(b, "</fact>\n");
	}
	for (i = 0; i < w->nsteps; i++) {
		indent(b, depth);
		veikart__buf_puts(b, "<step");
		veikart__xml_put_attr(b, "phase", veikart_phase_id(w->steps[i].phase));
		veikart__xml_put_attr(b, "step", veikart_step_id(w->steps[i].step));
		attr_u64(b, "seq", w->steps[i].seq);
		attr_i64(b, "time", w->steps[i].time);
		veikart__xml_put_attr(b, "actor", w->steps[i].actor);
		veikart__buf_puts(b, "/>\n");
	}
	for (i = 0; i < w->nvisits; i++) {
		indent(b, depth);
		veikart__buf_puts(b, "<visit");
		veikart__xml_put_attr(b, "phase", veikart_phase_id(w->visits[i].phase));
		attr_i64(b, "entered", w->visits[i].entered);
		if (w->visits[i].left != 0)
			attr_i64(b, "left", w->visits[i].left);
		attr_u64(b, "seq", w->visits[i].seq);
		veikart__buf_puts(b, "/>\n");
	}
	for (i = 0; i < w->ndecisions; i++)
		write_decision(b, w->decisions[i], depth);
}

static void write_unit(veikart__buf *b, const veikart_initiative *in, const veikart_unit *u)
{
	char num[16];

	veikart__buf_puts(b, "  <unit");
	veikart__xml_put_attr(b, "id", u->id);
	veikart__xml_put_attr(b, "title", strcmp(u->title, u->id) != 0 ? u->title : NULL);
	veikart__xml_put_attr(b, "type", u->type);
	veikart__xml_put_attr(b, "parent", u->parent_id);
	snprintf(num, sizeof(num), "%d", (int)u->wave);
	veikart__xml_put_attr(b, "wave", u->wave > 0 ? num : NULL);
	snprintf(num, sizeof(num), "%d", (int)u->order);
	veikart__xml_put_attr(b, "order", u->order > 0 ? num : NULL);
	veikart__xml_put_attr(b, "status", veikart_status_name(u->walk.status));
	attr_u64(b, "seq", u->seq);
	attr_i64(b, "time", u->time);
	veikart__buf_puts(b, ">\n");
	write_walk(b, in, (const veikart__fact_rec *const *)u->facts, &u->walk, 2);
	veikart__buf_puts(b, "  </unit>\n");
}

int veikart_initiative_snapshot(char **out, size_t *length, const veikart_initiative *in)
{
	veikart__buf b;
	size_t i;
	int err;

	if (out == NULL || in == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the snapshot or no initiative");
	*out = NULL;
	if (in->id == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "the initiative has not been created yet");
	veikart__buf_init(&b, &in->alloc);
	veikart__buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<initiative xmlns=\"" NS
	                      "\"");
	veikart__xml_put_attr(&b, "id", in->id);
	veikart__xml_put_attr(&b, "method", veikart_method_id(in->method));
	veikart__xml_put_attr(&b, "version", veikart_method_version(in->method));
	veikart__xml_put_attr(&b, "digest", veikart_method_digest(in->method));
	veikart__xml_put_attr(&b, "creator", in->creator);
	attr_i64(&b, "created", in->created);
	veikart__xml_put_attr(&b, "status", veikart_status_name(in->walk.status));
	attr_u64(&b, "seq", in->seq);
	veikart__xml_put_attr(&b, "head", in->head);
	attr_i64(&b, "last", in->last_time);
	if (in->creator_right_ended)
		veikart__xml_put_attr(&b, "creator-assigns", "ended");
	veikart__buf_puts(&b, ">\n  <title>");
	veikart__xml_put_text(&b, in->title);
	veikart__buf_puts(&b, "</title>\n");
	for (i = 0; i < in->nassignments; i++) {
		veikart__buf_puts(&b, "  <assignment");
		veikart__xml_put_attr(&b, "person", in->assignments[i].person);
		veikart__xml_put_attr(&b, "role", veikart_role_id(in->assignments[i].role));
		veikart__xml_put_attr(&b, "unit",
		                      in->assignments[i].unit ? in->assignments[i].unit->id : NULL);
		attr_u64(&b, "seq", in->assignments[i].seq);
		attr_i64(&b, "time", in->assignments[i].time);
		veikart__buf_puts(&b, "/>\n");
	}
	write_walk(&b, in, (const veikart__fact_rec *const *)in->facts, &in->walk, 1);
	for (i = 0; i < in->nunits; i++)
		write_unit(&b, in, in->units[i]);
	veikart__buf_puts(&b, "</initiative>\n");
	if (b.failed) {
		veikart__buf_dispose(&b);
		return veikart__error_nomem();
	}
	*out = veikart__string_new(&in->alloc, veikart__buf_cstr(&b), b.len);
	if (length != NULL)
		*length = b.len;
	err = *out != NULL ? 0 : VEIKART_ENOMEM;
	veikart__buf_dispose(&b);
	return err;
}

/* ---- reading -------------------------------------------------------------------- */

typedef struct reader {
	veikart_initiative *in;
	const veikart__xml *x;
	veikart__arena *scratch;
	int err;
} reader;

#define SNAPSHOT_NAME "snapshot"

static int bad(reader *r, const xmlNode *node, const char *attr_name, const char *fmt, ...)
        VEIKART__PRINTF(4, 5);

static int bad(reader *r, const xmlNode *node, const char *attr_name, const char *fmt, ...)
{
	unsigned int line, col;
	char msg[512];
	va_list ap;

	/* A value missing because its copy failed is not the document's fault. */
	if (r->err == VEIKART_ENOMEM)
		return r->err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	veikart__xml_where(r->x, node, attr_name, &line, &col);
	r->err = veikart__error_set_at(VEIKART_EFORMAT, SNAPSHOT_NAME, line, col, "%s", msg);
	return r->err;
}

/* An attribute's value, copied into the scratch arena; NULL when absent. */
static const char *get(reader *r, const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	const char *p;

	if (v == NULL)
		return NULL;
	p = veikart__arena_strdup(r->scratch, (const char *)v);
	xmlFree(v);
	if (p == NULL)
		r->err = VEIKART_ENOMEM;
	return p;
}

static const char *text(reader *r, const xmlNode *node)
{
	xmlChar *v = xmlNodeGetContent(node);
	const char *p;

	if (v == NULL) {
		r->err = VEIKART_ENOMEM;
		return NULL;
	}
	p = veikart__arena_strdup(r->scratch, (const char *)v);
	xmlFree(v);
	if (p == NULL)
		r->err = VEIKART_ENOMEM;
	return p;
}

/* Numbers the schema has already checked for syntax. */
static int64_t get_i64(reader *r, const xmlNode *node, const char *name)
{
	const char *v = get(r, node, name);

	return v != NULL ? (int64_t)strtoll(v, NULL, 10) : 0;
}

static uint64_t get_u64(reader *r, const xmlNode *node, const char *name)
{
	const char *v = get(r, node, name);

	return v != NULL ? (uint64_t)strtoull(v, NULL, 10) : 0;
}

static const veikart_phase *phase_attr(reader *r, const xmlNode *node, const char *name)
{
	const char *id = get(r, node, name);
	const veikart_phase *p = id ? veikart_method_phase_by_id(r->in->method, id) : NULL;

	if (id != NULL && p == NULL)
		bad(r, node, name, "the methodology has no phase `%s`", id);
	return p;
}

static const veikart_role *role_attr(reader *r, const xmlNode *node, const char *name)
{
	const char *id = get(r, node, name);
	const veikart_role *role = id ? veikart_method_role_by_id(r->in->method, id) : NULL;

	if (role == NULL)
		bad(r, node, name, "the methodology has no role `%s`", id ? id : "");
	return role;
}

static void read_assignment(reader *r, const xmlNode *node)
{
	veikart_initiative *in = r->in;
	veikart__assignment *a;
	const veikart_role *role = role_attr(r, node, "role");
	const char *person = get(r, node, "person"), *unit = get(r, node, "unit");
	const veikart_unit *u = NULL;

	if (r->err < 0)
		return;
	if (unit != NULL) {
		u = veikart__unit_find(in, unit);
		if (u == NULL) {
			bad(r, node, "unit", "the snapshot has no unit `%s`", unit);
			return;
		}
	}
	if (veikart__grow(&in->alloc, (void **)&in->assignments, &in->cap_assignments,
	                  in->nassignments + 1, sizeof(*in->assignments)) < 0) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	a = &in->assignments[in->nassignments];
	a->person = veikart__strdup(&in->alloc, person);
	if (a->person == NULL) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	a->role = role;
	a->unit = u;
	a->seq = get_u64(r, node, "seq");
	a->time = get_i64(r, node, "time");
	in->nassignments++;
}

static void read_fact(reader *r, const xmlNode *node, veikart_unit *u)
{
	veikart_initiative *in = r->in;
	veikart__fact_rec **facts = u != NULL ? u->facts : in->facts;
	veikart__value *values = u != NULL ? u->values : in->values;
	const char *id = get(r, node, "id"), *value = text(r, node), *actor = get(r, node, "actor");
	const veikart_fact *f;
	veikart__value v;
	char why[200];
	long slot;
	int err;

	if (r->err < 0)
		return;
	slot = veikart__method_fact_slot(in->method, id);
	if (slot < 0) {
		bad(r, node, "id", "the methodology declares no fact `%s`", id);
		return;
	}
	if (facts[slot] != NULL) {
		bad(r, node, "id", "fact `%s` appears twice", id);
		return;
	}
	f = veikart_method_fact(in->method, (size_t)slot);
	if ((veikart_fact_scope(f) == VEIKART_SCOPE_UNIT) != (u != NULL)) {
		bad(r, node, "id", "fact `%s` is recorded %s", id,
		    u != NULL ? "for the whole initiative, not per unit" : "per rollout unit");
		return;
	}
	err = veikart__value_parse(&v, veikart_fact_type(f),
	                           veikart__scale_info_of(veikart_fact_scale(f)), value,
	                           strlen(value), r->scratch, why, sizeof(why));
	if (err == VEIKART_ENOMEM) {
		r->err = err;
		return;
	}
	if (err < 0) {
		bad(r, node, NULL, "`%s` is not a value of fact `%s`: %s", value, id, why);
		return;
	}
	facts[slot] = veikart__fact_rec_new(in, f, &v, actor, get_i64(r, node, "time"),
	                                    get_u64(r, node, "seq"));
	if (facts[slot] == NULL) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	values[slot] = facts[slot]->value;
}

/* A phase a walk can be in: the initiative's phases, or the units'. */
static const veikart_phase *walk_phase(reader *r, const xmlNode *node, const char *name,
                                       const veikart_unit *u)
{
	const veikart_phase *p = phase_attr(r, node, name);

	if (p != NULL && (veikart_phase_scope(p) == VEIKART_SCOPE_UNIT) != (u != NULL)) {
		bad(r, node, name, "phase `%s` is walked %s", veikart_phase_id(p),
		    u != NULL ? "by the initiative, not by its units" : "per rollout unit");
		return NULL;
	}
	return p;
}

static void read_step(reader *r, const xmlNode *node, veikart_unit *u)
{
	veikart_initiative *in = r->in;
	veikart__walk *w = u != NULL ? &u->walk : &in->walk;
	const veikart_phase *p = walk_phase(r, node, "phase", u);
	const char *id = get(r, node, "step");
	veikart__step_rec *s;
	size_t i;

	if (r->err < 0 || p == NULL)
		return;
	if (veikart__grow(&in->alloc, (void **)&w->steps, &w->cap_steps, w->nsteps + 1,
	                  sizeof(*w->steps)) < 0) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	s = &w->steps[w->nsteps];
	memset(s, 0, sizeof(*s));
	for (i = 0; i < veikart_phase_step_count(p); i++)
		if (strcmp(veikart_step_id(veikart_phase_step(p, i)), id) == 0)
			s->step = veikart_phase_step(p, i);
	if (s->step == NULL) {
		bad(r, node, "step", "phase `%s` has no step `%s`", veikart_phase_id(p), id);
		return;
	}
	s->phase = p;
	s->seq = get_u64(r, node, "seq");
	s->time = get_i64(r, node, "time");
	s->actor = veikart__strdup(&in->alloc, get(r, node, "actor"));
	if (s->actor == NULL) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	w->nsteps++;
}

static void read_visit(reader *r, const xmlNode *node, veikart_unit *u)
{
	veikart_initiative *in = r->in;
	veikart__walk *w = u != NULL ? &u->walk : &in->walk;
	const veikart_phase *p = walk_phase(r, node, "phase", u);
	veikart__visit *v;

	if (r->err < 0 || p == NULL)
		return;
	if (veikart__grow(&in->alloc, (void **)&w->visits, &w->cap_visits, w->nvisits + 1,
	                  sizeof(*w->visits)) < 0) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	v = &w->visits[w->nvisits++];
	v->phase = p;
	v->entered = get_i64(r, node, "entered");
	v->left = get_i64(r, node, "left");
	v->seq = get_u64(r, node, "seq");
}

static size_t count_children(const xmlNode *node, const char *name)
{
	const xmlNode *c;
	size_t n = 0;

	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c))
		n += veikart__xml_is(c, NS, name);
	return n;
}

static void read_decision(reader *r, const xmlNode *node, veikart_unit *u)
{
	veikart_initiative *in = r->in;
	veikart__walk *w = u != NULL ? &u->walk : &in->walk;
	const char *gate_id = get(r, node, "gate"), *outcome = get(r, node, "outcome");
	const char *verdict_s = get(r, node, "verdict"), *rationale = NULL, *ov, *score;
	const veikart_phase *target = phase_attr(r, node, "to"), *first;
	const veikart_role *role = role_attr(r, node, "authority");
	size_t nvia = count_children(node, "via"), ncond = count_children(node, "condition");
	size_t n, i;
	double score_n = 0.0;
	const veikart_gate *g;
	const veikart_outcome *o = NULL;
	veikart_truth *truths = NULL;
	const char **reasons = NULL;
	veikart_verdict verdict = VEIKART_VERDICT_BLOCKED;
	veikart_decision *d = NULL;
	const xmlNode *c;

	if (r->err < 0)
		return;
	g = veikart_method_gate_by_id(in->method, gate_id);
	if (g == NULL) {
		bad(r, node, "gate", "the methodology has no gate `%s`", gate_id);
		return;
	}
	if ((veikart_phase_scope(veikart_gate_from(g)) == VEIKART_SCOPE_UNIT) != (u != NULL)) {
		bad(r, node, "gate", "gate `%s` is passed %s", gate_id,
		    u != NULL ? "by the initiative, not by its units" : "by each rollout unit");
		return;
	}
	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c))
		if (veikart__xml_is(c, NS, "rationale"))
			rationale = text(r, c);
	for (i = VEIKART_VERDICT_READY; i <= VEIKART_VERDICT_ADVISORY; i++)
		if (strcmp(verdict_s, veikart_verdict_name((veikart_verdict)i)) == 0)
			verdict = (veikart_verdict)i;
	if (r->err < 0)
		return;
	d = veikart__decision_new(in, nvia, ncond, get(r, node, "actor"), rationale);
	n = veikart_gate_criterion_count(g);
	truths = veikart__calloc(&in->alloc, n + 1, sizeof(*truths));
	reasons = veikart__calloc(&in->alloc, n + 1, sizeof(*reasons));
	if (d == NULL || truths == NULL || reasons == NULL) {
		r->err = VEIKART_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		truths[i] = VEIKART_UNKNOWN;
		reasons[i] = "not recorded with the decision";
	}
	for (c = veikart__xml_first_child(node); c != NULL && r->err == 0;
	     c = veikart__xml_next(c)) {
		if (veikart__xml_is(c, NS, "via")) {
			const veikart_phase *p = phase_attr(r, c, "phase");
			if (p != NULL)
				d->via[d->nvia++] = p;
		} else if (veikart__xml_is(c, NS, "result")) {
			const char *cid = get(r, c, "criterion"), *truth = get(r, c, "truth");
			if (r->err < 0)
				break;
			for (i = 0; i < n; i++)
				if (strcmp(veikart_criterion_id(veikart_gate_criterion(g, i)),
				           cid) == 0)
					break;
			if (i == n) {
				bad(r, c, "criterion", "gate `%s` has no criterion `%s`", gate_id,
				    cid);
				break;
			}
			truths[i] = strcmp(truth, "met") == 0     ? VEIKART_MET
			            : strcmp(truth, "unmet") == 0 ? VEIKART_UNMET
			                                          : VEIKART_UNKNOWN;
			reasons[i] = text(r, c);
		} else if (veikart__xml_is(c, NS, "condition")) {
			veikart__condition_rec *cr = &d->conditions[d->nconditions++];
			const char *due = get(r, c, "due");
			int32_t days;
			if (due == NULL || veikart__date_parse(&days, due, strlen(due)) < 0) {
				bad(r, c, "due", "`%s` is not a date", due ? due : "");
				break;
			}
			memcpy(cr->due, due, 10);
			cr->due[10] = '\0';
			cr->text = veikart__strdup(&in->alloc, text(r, c));
			cr->met_seq = get_u64(r, c, "met-seq");
			cr->met_time = get_i64(r, c, "met-time");
			ov = get(r, c, "met-actor");
			cr->met_actor = ov ? veikart__strdup(&in->alloc, ov) : NULL;
			if (cr->text == NULL || (ov != NULL && cr->met_actor == NULL))
				r->err = VEIKART_ENOMEM;
		}
	}
	if (r->err < 0)
		goto out;
	first = d->nvia > 0 ? d->via[0] : target;
	for (i = 0; i < veikart_gate_outcome_count(g); i++)
		if (strcmp(veikart_outcome_kind_name(
		                   veikart_outcome_kind_of(veikart_gate_outcome(g, i))),
		           outcome) == 0 &&
		    veikart_outcome_target(veikart_gate_outcome(g, i)) == first)
			o = veikart_gate_outcome(g, i);
	if (o == NULL) {
		bad(r, node, "outcome", "gate `%s` has no %s outcome%s%s", gate_id, outcome,
		    first ? " to " : "", first ? veikart_phase_id(first) : "");
		goto out;
	}
	d->unit = u;
	d->seq = get_u64(r, node, "seq");
	d->time = get_i64(r, node, "time");
	d->authority = role;
	d->gate = g;
	d->outcome = o;
	d->target = target;
	ov = get(r, node, "override");
	score = get(r, node, "score");
	if (r->err < 0)
		goto out;
	d->override = ov != NULL && (strcmp(ov, "true") == 0 || strcmp(ov, "1") == 0);
	if (score == NULL || veikart__parse_number(&score_n, score, strlen(score)) < 0 ||
	    !(score_n >= 0.0 && score_n <= 1.0)) {
		bad(r, node, "score", "score `%s` is not a number between 0 and 1",
		    score ? score : "");
		goto out;
	}
	if (veikart__report_rebuild(&d->report, g, d->time, verdict, score_n, truths, reasons,
	                            &in->alloc) < 0) {
		r->err = VEIKART_ENOMEM;
		goto out;
	}
	if (w->ndecisions > 0 && w->decisions[w->ndecisions - 1]->seq >= d->seq) {
		bad(r, node, "seq", "decision %" PRIu64 " is out of order", d->seq);
		goto out;
	}
	if (veikart__grow(&in->alloc, (void **)&w->decisions, &w->cap_decisions, w->ndecisions + 1,
	                  sizeof(*w->decisions)) < 0) {
		r->err = VEIKART_ENOMEM;
		goto out;
	}
	w->decisions[w->ndecisions++] = d;
	d = NULL;
out:
	veikart__decision_free(in, d);
	veikart__free(&in->alloc, truths);
	veikart__free(&in->alloc, reasons);
}

static veikart_status status_of(const char *s)
{
	return strcmp(s, "stopped") == 0     ? VEIKART_STATUS_STOPPED
	       : strcmp(s, "completed") == 0 ? VEIKART_STATUS_COMPLETED
	                                     : VEIKART_STATUS_ACTIVE;
}

/* The walk stands where its last visit is. */
static void walk_finish(veikart__walk *w)
{
	w->phase = w->visits[w->nvisits - 1].phase;
	w->phase_entered = w->visits[w->nvisits - 1].entered;
}

static void read_unit(reader *r, const xmlNode *node)
{
	veikart_initiative *in = r->in;
	const char *id = get(r, node, "id"), *type = get(r, node, "type");
	const char *parent = get(r, node, "parent");
	const veikart_unit *p = NULL;
	veikart_unit *u;
	const xmlNode *c;

	if (r->err < 0)
		return;
	if (veikart__unit_find(in, id) != NULL) {
		bad(r, node, "id", "unit `%s` appears twice", id);
		return;
	}
	if (type != NULL && veikart_method_unit_type_count(in->method) > 0 &&
	    veikart_method_unit_type_by_id(in->method, type) == NULL) {
		bad(r, node, "type", "the methodology declares no unit type `%s`", type);
		return;
	}
	if (parent != NULL) {
		p = veikart__unit_find(in, parent);
		if (p == NULL) {
			bad(r, node, "parent",
			    "unit `%s` belongs to `%s`, but no unit `%s` comes before it", id,
			    parent, parent);
			return;
		}
	}
	u = veikart__unit_new(in, id, get(r, node, "title"), type, parent);
	if (u == NULL) {
		r->err = VEIKART_ENOMEM;
		return;
	}
	u->parent = p;
	u->wave = (int32_t)get_i64(r, node, "wave");
	u->order = (int32_t)get_i64(r, node, "order");
	u->seq = get_u64(r, node, "seq");
	u->time = get_i64(r, node, "time");
	u->walk.status = status_of(get(r, node, "status"));
	for (c = veikart__xml_first_child(node); c != NULL && r->err == 0;
	     c = veikart__xml_next(c)) {
		if (veikart__xml_is(c, NS, "fact"))
			read_fact(r, c, u);
		else if (veikart__xml_is(c, NS, "step"))
			read_step(r, c, u);
		else if (veikart__xml_is(c, NS, "visit"))
			read_visit(r, c, u);
		else if (veikart__xml_is(c, NS, "decision"))
			read_decision(r, c, u);
	}
	if (r->err == 0) {
		walk_finish(&u->walk);
		if (veikart__unit_push(in, u) == 0)
			return;
		r->err = VEIKART_ENOMEM;
	}
	veikart__unit_free(in, u);
}

static int read_root(reader *r, const xmlNode *root)
{
	veikart_initiative *in = r->in;
	const veikart_method *m = in->method;
	const char *method = get(r, root, "method"), *version = get(r, root, "version");
	const char *digest = get(r, root, "digest"), *status = get(r, root, "status");
	const char *strs[3], *head;
	const xmlNode *c;
	size_t len[3], k;
	char *w;

	if (r->err < 0)
		return r->err;
	if (strcmp(method, veikart_method_id(m)) != 0 ||
	    strcmp(version, veikart_method_version(m)) ||
	    strcmp(digest, veikart_method_digest(m)) != 0)
		return veikart__error_set(VEIKART_EMISMATCH,
		                          "the snapshot is of an initiative on methodology %s %s "
		                          "(digest %.12s), not on %s %s (digest %.12s)",
		                          method, version, digest, veikart_method_id(m),
		                          veikart_method_version(m), veikart_method_digest(m));
	strs[0] = get(r, root, "id");
	strs[1] = NULL;
	strs[2] = get(r, root, "creator");
	for (c = veikart__xml_first_child(root); c != NULL; c = veikart__xml_next(c))
		if (veikart__xml_is(c, NS, "title"))
			strs[1] = text(r, c);
	if (r->err < 0)
		return r->err;
	/* id, title and creator share one block, as after a create event. */
	for (k = 0; k < 3; k++)
		len[k] = strlen(strs[k]) + 1;
	in->id = veikart__malloc(&in->alloc, len[0] + len[1] + len[2]);
	if (in->id == NULL)
		return VEIKART_ENOMEM;
	w = in->id;
	for (k = 0; k < 3; k++) {
		memcpy(w, strs[k], len[k]);
		if (k == 1)
			in->title = w;
		if (k == 2)
			in->creator = w;
		w += len[k];
	}
	in->created = get_i64(r, root, "created");
	in->seq = get_u64(r, root, "seq");
	head = get(r, root, "head");
	if (r->err < 0)
		return r->err;
	memcpy(in->head, head, 64);
	in->head[64] = '\0';
	in->last_time = get_i64(r, root, "last");
	in->walk.status = status_of(status);
	/* Units first: assignments may be for one of them. */
	for (c = veikart__xml_first_child(root); c != NULL && r->err == 0; c = veikart__xml_next(c))
		if (veikart__xml_is(c, NS, "unit"))
			read_unit(r, c);
	for (c = veikart__xml_first_child(root); c != NULL && r->err == 0;
	     c = veikart__xml_next(c)) {
		if (veikart__xml_is(c, NS, "assignment"))
			read_assignment(r, c);
		else if (veikart__xml_is(c, NS, "fact"))
			read_fact(r, c, NULL);
		else if (veikart__xml_is(c, NS, "step"))
			read_step(r, c, NULL);
		else if (veikart__xml_is(c, NS, "visit"))
			read_visit(r, c, NULL);
		else if (veikart__xml_is(c, NS, "decision"))
			read_decision(r, c, NULL);
	}
	if (r->err < 0)
		return r->err;
	walk_finish(&in->walk);
	in->creator_right_ended = veikart__streq(get(r, root, "creator-assigns"), "ended");
	veikart__creator_right_update(in);
	return r->err;
}

int veikart_initiative_restore(veikart_initiative **out, const veikart_method *method,
                               const void *data, size_t size,
                               const veikart_initiative_options *opts)
{
	static const veikart__xml_limits limits = { 64u << 20, 64, 16, 4000000 };
	veikart_diagnostics *diags = NULL;
	veikart_initiative *in = NULL;
	const xmlNode *root;
	veikart__arena scratch;
	veikart__xml x;
	reader r;
	int err;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || method == NULL || data == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place, methodology or data given");
	err = veikart__initiative_init(&in, method, opts);
	if (err < 0)
		return err;
	veikart__arena_init(&scratch, &in->alloc);
	memset(&x, 0, sizeof(x));
	err = veikart__diags_new(&diags, &in->alloc);
	if (err < 0)
		goto out;
	err = veikart__xml_parse(&x, SNAPSHOT_NAME, data, size, &limits, &in->alloc, diags);
	if (err == 0) {
		root = xmlDocGetRootElement(x.doc);
		if (!veikart__xml_is(root, NS, "initiative")) {
			err = VEIKART_EFORMAT;
			veikart__diags_add(diags, VEIKART_SEVERITY_ERROR, SNAPSHOT_NAME, 1, 1,
			                   "this is not an initiative snapshot: the root is not "
			                   "<initiative xmlns=\"%s\">",
			                   NS);
		}
	}
	if (err == 0)
		err = veikart__xml_validate(&x, VEIKART__SCHEMA_SNAPSHOT, diags);
	if (err < 0) {
		if (err != VEIKART_ENOMEM)
			veikart__error_from_diagnostic(err, veikart__diags_first_error(diags));
		goto out;
	}
	memset(&r, 0, sizeof(r));
	r.in = in;
	r.x = &x;
	r.scratch = &scratch;
	err = read_root(&r, xmlDocGetRootElement(x.doc));
out:
	if (err == VEIKART_ENOMEM)
		veikart__error_nomem();
	veikart__xml_dispose(&x);
	veikart__arena_release(&scratch);
	veikart_diagnostics_free(diags);
	if (err < 0) {
		veikart_initiative_free(in);
		return err;
	}
	*out = in;
	return 0;
}
