/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The valid objects the generated misuse calls combine their bad arguments
 * with, and the checks they make (misuse.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "misuse.h"

char misuse_poison;

/* Fail the set-up, saying which step and why. */
static void ok(int rc, const char *what)
{
	if (rc != 0)
		fail_msg("misuse fixture: %s: %d %s", what, rc, veikart_error_last()->message);
}

static void *must(const void *p, const char *what)
{
	if (p == NULL)
		fail_msg("misuse fixture: %s is missing", what);
	return (void *)p;
}

/* The first fact of the methodology of TYPE and SCOPE, or NULL. */
static const char *fact_of(const veikart_method *m, veikart_type type, veikart_scope scope)
{
	size_t i;

	for (i = 0; i < veikart_method_fact_count(m); i++) {
		const veikart_fact *f = veikart_method_fact(m, i);

		if (veikart_fact_type(f) == type && veikart_fact_scope(f) == scope)
			return veikart_fact_id(f);
	}
	return NULL;
}

static void load_world(misuse_world *w, const char *id, veikart_scope scope)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	ok(veikart_method_load(&w->method, id, &lo, NULL), id);
	w->phase = scope == VEIKART_SCOPE_UNIT ? veikart_method_unit_start(w->method)
	                                       : veikart_method_start(w->method);
	must(w->phase, "the start phase");
	w->gate = must(veikart_phase_gate(w->phase, 0), "the start phase's gate");
	w->step = must(veikart_phase_step(w->phase, 0), "the start phase's first step");
	w->role = must(veikart_method_role(w->method, 0), "a role");
	w->fact_id = must(fact_of(w->method, VEIKART_TYPE_BOOL, scope), "a bool fact");
	w->fact = veikart_method_fact_by_id(w->method, w->fact_id);
	w->scale = veikart_method_scale(w->method, 0);
	w->criterion = must(veikart_gate_criterion(w->gate, 0), "a criterion");
	w->outcome = must(veikart_gate_outcome(w->gate, 0), "an outcome");
	w->unit_type = veikart_method_unit_type(w->method, 0);
	w->phase_id = veikart_phase_id(w->phase);
	w->gate_id = veikart_gate_id(w->gate);
	w->step_id = veikart_step_id(w->step);
	w->role_id = veikart_role_id(w->role);
	w->scale_id = veikart_scale_id(w->scale);
	w->criterion_id = veikart_criterion_id(w->criterion);
	w->unit_type_id = veikart_unit_type_id(w->unit_type);
	w->evidence_id = fact_of(w->method, VEIKART_TYPE_EVIDENCE, scope);
	if (w->evidence_id == NULL)
		w->evidence_id = w->fact_id;
	w->signoff_id = fact_of(w->method, VEIKART_TYPE_SIGNOFF, scope);
	if (w->signoff_id == NULL)
		w->signoff_id = w->fact_id;
	w->unit_id = scope == VEIKART_SCOPE_UNIT ? MISUSE_UNIT : NULL;
	ok(veikart_expr_compile_in(&w->expr, w->method, w->fact_id, scope), "compile");
}

int misuse_group_setup(void **state)
{
	static const char not_a_methodology[] = "<methodology/>";
	misuse_fixture *fx = calloc(1, sizeof(*fx));
	veikart_method *m = NULL;
	char *line = NULL;
	FILE *f;
	int rc;

	*state = fx;
	if (fx == NULL)
		return -1;
	load_world(&fx->ks, VEIKART_DEFAULT_METHOD, VEIKART_SCOPE_INITIATIVE);
	load_world(&fx->units, "silkeborg-ibg", VEIKART_SCOPE_UNIT);

	rc = veikart_method_load_buffer(&m, not_a_methodology, sizeof(not_a_methodology) - 1,
	                                "misuse.xml", NULL, &fx->diags);
	if (rc != VEIKART_EFORMAT || veikart_diagnostics_count(fx->diags) == 0)
		fail_msg("misuse fixture: loading %s gave %d and no diagnostics", not_a_methodology,
		         rc);
	fx->diagnostic = veikart_diagnostics_get(fx->diags, 0);
	ok(veikart_diff_methods(&fx->diff, fx->ks.method, fx->units.method, NULL), "diff");
	fx->method_path = strdup(test_path("methodologies/ks-veikart.xml"));
	fx->method_xml = test_read_file(fx->method_path, &fx->method_xml_len);

	snprintf(fx->dir, sizeof(fx->dir), "%s/veikart-misuse-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(fx->dir) == NULL)
		fail_msg("misuse fixture: cannot make %s", fx->dir);

	ok(veikart_key_generate(&fx->key, MISUSE_OWNER, NULL), "key");
	snprintf(fx->key_path, sizeof(fx->key_path), "%s/misuse.key", fx->dir);
	ok(veikart_key_save(fx->key, fx->key_path), "key file");
	ok(veikart_key_public_line(&line, fx->key, VEIKART_KEY_MUST_SIGN), "key line");
	snprintf(fx->keyring_path, sizeof(fx->keyring_path), "%s/misuse.keyring", fx->dir);
	fx->keyring_len = strlen("veikart-keyring 1\n") + strlen(line);
	fx->keyring_text = malloc(fx->keyring_len + 1);
	if (fx->keyring_text == NULL)
		fail_msg("misuse fixture: out of memory");
	snprintf(fx->keyring_text, fx->keyring_len + 1, "veikart-keyring 1\n%s", line);
	veikart_string_free(line);
	f = fopen(fx->keyring_path, "w");
	if (f == NULL || fwrite(fx->keyring_text, 1, fx->keyring_len, f) != fx->keyring_len ||
	    fclose(f) != 0)
		fail_msg("misuse fixture: cannot write %s", fx->keyring_path);
	ok(veikart_keyring_parse(&fx->keyring, fx->keyring_text, fx->keyring_len, NULL), "keyring");
	return 0;
}

int misuse_group_teardown(void **state)
{
	misuse_fixture *fx = *state;
	misuse_world *worlds[] = { &fx->ks, &fx->units };
	unsigned i;

	for (i = 0; i < 2; i++) {
		veikart_expr_free(worlds[i]->expr);
		veikart_method_free(worlds[i]->method);
	}
	for (i = 0; i < fx->fresh; i++) {
		snprintf(fx->path, sizeof(fx->path), "%s/fresh-%u.vj", fx->dir, i);
		unlink(fx->path);
	}
	unlink(fx->key_path);
	unlink(fx->keyring_path);
	rmdir(fx->dir);
	veikart_key_free(fx->key);
	veikart_keyring_free(fx->keyring);
	free(fx->keyring_text);
	veikart_diagnostics_free(fx->diags);
	veikart_diff_free(fx->diff);
	free((char *)fx->method_path);
	free(fx->method_xml);
	free(fx);
	return 0;
}

const char *misuse_fresh_path(misuse_fixture *fx)
{
	snprintf(fx->path, sizeof(fx->path), "%s/fresh-%u.vj", fx->dir, fx->fresh++);
	return fx->path;
}

/* An initiative over the world's methodology, kept in a journal, where the
 * owner holds every role, one fact is recorded and one decision taken. */
/* Whether holders of R may assign some role. */
static int assigns(const veikart_method *m, const veikart_role *r)
{
	size_t i;

	for (i = 0; i < veikart_method_role_count(m); i++)
		if (veikart_role_may_assign(r, veikart_method_role(m, i)))
			return 1;
	return 0;
}

static void make_world(misuse_fixture *fx, misuse_world *w, const char *name)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	const char *values[] = { "true" };
	char *actor;
	size_t i;
	int pass;

	snprintf(w->journal_path, sizeof(w->journal_path), "%s/%s.vj", fx->dir, name);
	snprintf(w->spare_path, sizeof(w->spare_path), "%s/%s-spare.vj", fx->dir, name);
	/* Left by a test whose set-up failed half-way (cmocka then skips the teardown). */
	unlink(w->journal_path);
	unlink(w->spare_path);
	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	ok(veikart_journal_open(&w->journal, w->journal_path, &jo), "journal");
	io.commit = veikart_journal_commit;
	io.commit_payload = w->journal;
	ok(veikart_initiative_create(&w->initiative, w->method, "misuse-1", "Misuse", MISUSE_OWNER,
	                             &io),
	   "create");
	/* The owner takes every role while the creator may: the roles that
	 * assign others last, for holding them all ends that right. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < veikart_method_role_count(w->method); i++)
			if (assigns(w->method, veikart_method_role(w->method, i)) == pass)
				ok(veikart_initiative_assign(
				           w->initiative, MISUSE_OWNER, MISUSE_OWNER,
				           veikart_role_id(veikart_method_role(w->method, i))),
				   "assign");

	if (w->unit_id == NULL)
		ok(veikart_initiative_assign(w->initiative, MISUSE_OWNER, MISUSE_HOLDER,
		                             w->role_id),
		   "assign the holder");
	if (strcmp(w->evidence_id, w->fact_id) != 0)
		ok(veikart_initiative_attach(w->initiative, MISUSE_OWNER, w->evidence_id,
		                             "https://example.org/evidence.pdf", NULL),
		   "attach");

	w->request = (veikart_decision_request)VEIKART_DECISION_REQUEST_INIT;
	w->request.actor = MISUSE_OWNER;
	w->request.rationale = "misuse";
	ok(veikart_facts_new(&w->facts, w->method), "facts");
	if (w->unit_id != NULL) {
		veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;

		spec.id = MISUSE_UNIT;
		spec.type = w->unit_type_id;
		spec.wave = 1;
		ok(veikart_initiative_add_unit(w->initiative, MISUSE_OWNER, &spec), "add unit");
		w->unit = veikart_initiative_unit_by_id(w->initiative, MISUSE_UNIT);
		ok(veikart_initiative_unit_assign(w->initiative, MISUSE_OWNER, MISUSE_UNIT,
		                                  MISUSE_HOLDER, w->role_id),
		   "assign the holder for the unit");
		ok(veikart_initiative_unit_set(w->initiative, MISUSE_OWNER, MISUSE_UNIT, 1,
		                               &w->fact_id, values),
		   "unit set");
		w->request.unit = MISUSE_UNIT;
		ok(veikart_initiative_decide(w->initiative, &w->request), "unit decide");
		w->decision = veikart_unit_decision(w->unit, 0);
		ok(veikart_facts_add_unit(w->facts, MISUSE_UNIT, w->unit_type_id, 1, w->phase_id),
		   "facts unit");
		ok(veikart_facts_set_unit(w->facts, MISUSE_UNIT, w->fact_id, "true"), "facts set");
	} else {
		ok(veikart_initiative_set(w->initiative, MISUSE_OWNER, w->fact_id, "true"), "set");
		ok(veikart_initiative_decide(w->initiative, &w->request), "decide");
		w->decision = veikart_initiative_decision(w->initiative, 0);
		ok(veikart_facts_set(w->facts, w->fact_id, "true"), "facts set");
	}
	w->decision_seq = veikart_decision_seq(must(w->decision, "the decision"));
	ok(veikart_initiative_evaluate(&w->report, w->initiative, w->unit_id ? NULL : w->gate),
	   "evaluate");
	ok(veikart_expr_evaluate(&w->value, w->expr, w->facts, NULL), "value");
	ok(veikart_initiative_snapshot(&w->snapshot, &w->snapshot_len, w->initiative), "snapshot");
	w->event = must(veikart_journal_event(w->journal, 0), "the first event");
	w->event_key = veikart_event_field_key(w->event, 0);
	w->record = veikart_event_record(w->event, &w->record_len);
	w->bad_record = must(strdup(w->record), "a copy of the record");
	w->bad_record[0] = 'x';
	w->tampered_record = must(strdup(w->record), "a copy of the record");
	actor = must(strstr(w->tampered_record, MISUSE_OWNER), "the actor in the record");
	actor[0] = 'M';

	ok(veikart_initiative_open(&w->opened, w->method, NULL), "open");
	ok(veikart_journal_open(&w->spare_journal, w->spare_path, &jo), "spare journal");

	w->spec = (veikart_unit_spec)VEIKART_UNIT_SPEC_INIT;
	w->spec.id = "misuse-unit-2";
	w->spec.type = w->unit_type_id;
	w->spec.wave = 1;
	w->events[0] = w->event;
	w->fact_ids[0] = w->fact_id;
	w->values[0] = "true";
	w->unknown_fact_ids[0] = "no-such-id";
	w->null_fact_ids[0] = NULL;
	w->null_values[0] = NULL;
	w->null_events[0] = NULL;
}

static void free_world(misuse_world *w)
{
	veikart_string_free(w->snapshot);
	free(w->bad_record);
	free(w->tampered_record);
	w->bad_record = NULL;
	w->tampered_record = NULL;
	veikart_value_free(w->value);
	veikart_report_free(w->report);
	veikart_facts_free(w->facts);
	veikart_initiative_free(w->initiative);
	veikart_initiative_free(w->opened);
	veikart_journal_free(w->journal);
	veikart_journal_free(w->spare_journal);
	if (w->journal_path[0] != '\0') {
		unlink(w->journal_path);
		unlink(w->spare_path);
	}
	w->opened = NULL;
	w->spare_journal = NULL;
	w->snapshot = NULL;
	w->value = NULL;
	w->report = NULL;
	w->facts = NULL;
	w->initiative = NULL;
	w->journal = NULL;
	w->journal_path[0] = '\0';
}

static void bad_request(misuse_fixture *fx, int i, const char *why)
{
	fx->bad_requests[i] = fx->ks.request;
	fx->bad_request_why[i] = why;
}

static void bad_spec(misuse_fixture *fx, int i, const char *why)
{
	fx->bad_specs[i] = fx->units.spec;
	fx->bad_spec_why[i] = why;
}

static void make_bad_arguments(misuse_fixture *fx)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_diff_options dopts = VEIKART_DIFF_OPTIONS_INIT;
	veikart_eval_options eo = VEIKART_EVAL_OPTIONS_INIT;
	veikart_sign_options so = VEIKART_SIGN_OPTIONS_INIT;

	fx->load_opts = lo;
	fx->load_opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	fx->bad_load_opts = fx->load_opts;
	fx->bad_load_opts.version = 9999;
	fx->init_opts = io;
	fx->bad_init_opts = io;
	fx->bad_init_opts.version = 9999;
	fx->journal_opts = jo;
	fx->journal_opts.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	fx->bad_journal_opts = fx->journal_opts;
	fx->bad_journal_opts.version = 9999;
	veikart_verify_options_init(&fx->verify_opts, VEIKART_VERIFY_OPTIONS_VERSION);
	fx->verify_opts.flags = VEIKART_VERIFY_CHAIN_ONLY;
	fx->bad_verify_opts = fx->verify_opts;
	fx->bad_verify_opts.version = 9999;
	fx->diff_opts = dopts;
	fx->bad_diff_opts = dopts;
	fx->bad_diff_opts.version = 9999;
	fx->eval_opts = eo;
	fx->bad_eval_opts = eo;
	fx->bad_eval_opts.version = 9999;
	fx->sign_opts = so;
	fx->bad_sign_opts = so;
	fx->bad_sign_opts.version = 9999;
	fx->eval_unknown_unit = eo;
	fx->eval_unknown_unit.unit = "no-such-id";

	bad_request(fx, 0, "version 9999");
	fx->bad_requests[0].version = 9999;
	bad_request(fx, 1, "actor NULL");
	fx->bad_requests[1].actor = NULL;
	bad_request(fx, 2, "actor empty");
	fx->bad_requests[2].actor = "";
	bad_request(fx, 3, "rationale NULL");
	fx->bad_requests[3].rationale = NULL;
	bad_request(fx, 4, "outcome 9999");
	fx->bad_requests[4].outcome = (veikart_outcome_kind)9999;
	bad_request(fx, 5, "outcome -1");
	fx->bad_requests[5].outcome = (veikart_outcome_kind)-1;
	bad_request(fx, 6, "gate no-such-id");
	fx->bad_requests[6].gate = "no-such-id";
	bad_request(fx, 7, "unit no-such-id");
	fx->bad_requests[7].unit = "no-such-id";
	bad_request(fx, 8, "conditional go, conditions NULL, condition_count 1");
	fx->bad_requests[8].outcome = VEIKART_OUTCOME_CONDITIONAL_GO;
	fx->bad_requests[8].override = 1;
	fx->bad_requests[8].condition_count = 1;
	bad_request(fx, 9, "conditional go, a condition with text and due NULL");
	fx->no_text_condition.text = NULL;
	fx->no_text_condition.due = NULL;
	fx->bad_requests[9].outcome = VEIKART_OUTCOME_CONDITIONAL_GO;
	fx->bad_requests[9].override = 1;
	fx->bad_requests[9].conditions = &fx->no_text_condition;
	fx->bad_requests[9].condition_count = 1;

	bad_spec(fx, 0, "version 9999");
	fx->bad_specs[0].version = 9999;
	bad_spec(fx, 1, "id NULL");
	fx->bad_specs[1].id = NULL;
	bad_spec(fx, 2, "id empty");
	fx->bad_specs[2].id = "";
	bad_spec(fx, 3, "parent no-such-id");
	fx->bad_specs[3].parent = "no-such-id";
	bad_spec(fx, 4, "type no-such-id");
	fx->bad_specs[4].type = "no-such-id";
	bad_spec(fx, 5, "wave -1");
	fx->bad_specs[5].wave = -1;
	bad_spec(fx, 6, "id of a unit there already");
	fx->bad_specs[6].id = MISUSE_UNIT;
}

int misuse_setup(void **state)
{
	misuse_fixture *fx = *state;

	make_world(fx, &fx->ks, "ks");
	make_world(fx, &fx->units, "units");
	make_bad_arguments(fx);
	ok(veikart_signer_new(&fx->signer, NULL), "signer");
	ok(veikart_signer_add(fx->signer, fx->key), "signer's key");
	ok(veikart_seal_make(&fx->seal, fx->ks.journal, fx->key, 0), "seal");
	fx->seal_len = strlen(fx->seal);
	memset(fx->buf, 0, sizeof(fx->buf));
	memset(fx->digest, 0, sizeof(fx->digest));
	veikart_error_clear();
	return 0;
}

int misuse_teardown(void **state)
{
	misuse_fixture *fx = *state;

	free_world(&fx->ks);
	free_world(&fx->units);
	veikart_signer_free(fx->signer);
	veikart_string_free(fx->seal);
	fx->signer = NULL;
	fx->seal = NULL;
	return 0;
}

/* ---- checks -------------------------------------------------------------- */

static const char *error_message(void)
{
	const char *m = veikart_error_last()->message;

	return m != NULL ? m : "(NULL)";
}

void misuse_expect_error(int rc, int expected, const char *call)
{
	const veikart_error *e = veikart_error_last();

	if (rc >= 0)
		fail_msg("%s: returned %d, where a negative code (%s) was expected", call, rc,
		         expected ? veikart_strerror(expected) : "an error");
	if (expected != 0 && rc != expected)
		fail_msg("%s: returned %d (%s), expected %d (%s); the message: \"%s\"", call, rc,
		         veikart_strerror(rc), expected, veikart_strerror(expected),
		         error_message());
	if (e == NULL)
		fail_msg("%s: failed, and veikart_error_last() is NULL", call);
	if (e->code != rc)
		fail_msg("%s: returned %d, but veikart_error_last()->code is %d", call, rc,
		         e->code);
	if (e->message == NULL || e->message[0] == '\0')
		fail_msg("%s: returned %d (%s) with no message in veikart_error_last()", call, rc,
		         veikart_strerror(rc));
}

void misuse_expect_explained(int rc, const char *call)
{
	if (rc < 0)
		misuse_expect_error(rc, 0, call);
}

void misuse_expect_unchanged(uint64_t before, uint64_t after, const char *call)
{
	if (after != before)
		fail_msg("%s: failed, yet the initiative changed (its last event was %llu, now "
		         "%llu)",
		         call, (unsigned long long)before, (unsigned long long)after);
}

void misuse_expect_null(const void *got, const char *call)
{
	if (got != NULL)
		fail_msg("%s: returned %p, where the header says NULL", call, got);
}

void misuse_expect_nonnull(const void *got, const char *call)
{
	if (got == NULL)
		fail_msg("%s: returned NULL, where the header says never NULL", call);
}

void misuse_expect_int(long long got, long long expected, const char *call)
{
	if (got != expected)
		fail_msg("%s: returned %lld, where the header says %lld", call, got, expected);
}

void misuse_expect_uint(unsigned long long got, unsigned long long expected, const char *call)
{
	if (got != expected)
		fail_msg("%s: returned %llu, where the header says %llu", call, got, expected);
}

void misuse_expect_double(double got, double expected, const char *call)
{
	if (!(got == expected))
		fail_msg("%s: returned %g, where the header says %g", call, got, expected);
}

void misuse_expect_string(const char *got, const char *expected, const char *call)
{
	if (got == NULL || strcmp(got, expected) != 0)
		fail_msg("%s: returned \"%s\", where the header says \"%s\"", call,
		         got ? got : "(NULL)", expected);
}

void misuse_expect_out_null(const void *got, const char *call, const char *param)
{
	if (got != NULL)
		fail_msg("%s: failed but left %p in %s, not NULL", call, got, param);
}

void misuse_expect_name(const char *got, const char *names, const char *call)
{
	char bar[128];

	if (got == NULL)
		fail_msg("%s: returned NULL for a value of the enum", call);
	if (names == NULL) {
		if (strcmp(got, "unknown") == 0)
			fail_msg("%s: returned \"unknown\" for a value of the enum", call);
		return;
	}
	snprintf(bar, sizeof(bar), "|%s|", got);
	if (strstr(names, bar) == NULL)
		fail_msg("%s: returned \"%s\", which is not one of the names the header lists (%s)",
		         call, got, names);
}
