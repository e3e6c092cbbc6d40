/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The misuse test: every exported function called with NULL and invalid
 * arguments.  The calls are generated (gen_misuse.py) from tests/exports.txt
 * and the public headers; this header gives them the valid objects they
 * combine the bad arguments with, and the checks they make.
 */
#ifndef VEIKART_TEST_MISUSE_H
#define VEIKART_TEST_MISUSE_H

#include <stdint.h>

#include "support.h"

/* The person who creates each initiative and holds every role in it. */
#define MISUSE_OWNER "misuse-owner"
/* Someone the owner assigned to the world's role: for the initiative in ks-veikart, for the
 * unit in the units world. */
#define MISUSE_HOLDER "misuse-holder"
/* The rollout unit each initiative (and set of facts) of the units world has. */
#define MISUSE_UNIT "misuse-unit"
/* A well-formed SHA-256 digest (of no bytes). */
#define MISUSE_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/*
 * A methodology and the objects made over it.  Two worlds: ks-veikart for
 * everything but rollout units, which it has none of; silkeborg-ibg, which
 * has unit phases, unit facts and unit types, for the functions about units.
 */
typedef struct misuse_world {
	/* Loaded once for the whole run, never changed. */
	veikart_method *method;
	const veikart_phase *phase; /* the start phase (of units, in the units world) */
	const veikart_gate *gate;   /* the gate leaving it */
	const veikart_step *step;   /* its first step */
	const veikart_role *role;
	const veikart_fact *fact;   /* a bool fact of the world's scope, recorded */
	const veikart_scale *scale; /* NULL when the methodology has none */
	const veikart_criterion *criterion;
	const veikart_outcome *outcome;
	const veikart_unit_type *unit_type; /* NULL when it declares none */
	const char *phase_id, *gate_id, *step_id, *role_id, *fact_id, *scale_id;
	const char *criterion_id, *unit_type_id;
	const char *evidence_id; /* an evidence fact (the bool fact when there is none) */
	const char *signoff_id;  /* a sign-off fact (the bool fact when there is none) */
	const char *unit_id;     /* MISUSE_UNIT in the units world, else NULL */
	veikart_expr *expr;

	/* Made afresh for each test, which may change them. */
	char journal_path[600];
	veikart_journal *journal;       /* holds the initiative's events */
	veikart_initiative *initiative; /* the owner holds every role; its evidence is attached */
	veikart_initiative *opened;     /* opened, no event applied yet */
	char spare_path[600];
	veikart_journal *spare_journal; /* created, no event yet */
	veikart_facts *facts;
	veikart_report *report;
	veikart_value *value;
	const veikart_unit *unit; /* units world only */
	const veikart_decision *decision;
	uint64_t decision_seq;
	const veikart_event *event; /* the initiative's first event, in the journal */
	const char *event_key;
	const char *record;
	size_t record_len;
	char *bad_record;      /* the record, its sequence number made "x" */
	char *tampered_record; /* the record, its actor changed: the hash no longer matches */
	char *snapshot;
	size_t snapshot_len;
	veikart_decision_request request; /* a hold at the current gate */
	veikart_unit_spec spec;           /* a new unit */
	const veikart_event *events[1];   /* for veikart_journal_commit() */
	const char *fact_ids[1];
	const char *values[1];
	const char *unknown_fact_ids[1];
	const char *null_fact_ids[1];
	const char *null_values[1];
	const veikart_event *null_events[1];
} misuse_world;

/* Decision requests each wrong in one way, and what is wrong with them. */
#define MISUSE_BAD_REQUESTS 10
/* Unit specifications each wrong in one way. */
#define MISUSE_BAD_SPECS 7

typedef struct misuse_fixture {
	misuse_world ks;    /* ks-veikart */
	misuse_world units; /* silkeborg-ibg */

	veikart_diagnostics *diags; /* from loading a document that is not a methodology */
	const veikart_diagnostic *diagnostic;
	veikart_diff *diff; /* ks-veikart against silkeborg-ibg */
	char *method_xml;   /* the bytes of methodologies/ks-veikart.xml */
	size_t method_xml_len;
	const char *method_path;

	/* Options: defaults, and the same with a version no library knows. */
	veikart_load_options load_opts, bad_load_opts, load_out;
	veikart_initiative_options init_opts, bad_init_opts;
	veikart_journal_options journal_opts, bad_journal_opts; /* journal_opts creates */
	veikart_diff_options diff_opts, bad_diff_opts;
	veikart_eval_options eval_opts, bad_eval_opts, eval_unknown_unit;
	veikart_verify_options verify_opts, bad_verify_opts, verify_out; /* the chain only */
	uint64_t count_out;
	char head_out[65];

	veikart_decision_request bad_requests[MISUSE_BAD_REQUESTS];
	const char *bad_request_why[MISUSE_BAD_REQUESTS];
	veikart_unit_spec bad_specs[MISUSE_BAD_SPECS];
	const char *bad_spec_why[MISUSE_BAD_SPECS];
	veikart_condition no_text_condition;

	char dir[512];  /* a temporary directory for journals */
	unsigned fresh; /* journals created there by misuse_fresh_path() */
	char path[600]; /* the last fresh path */
	char buf[256];  /* for veikart_diagnostic_format() */
	char digest[VEIKART_HASH_HEX_LENGTH + 1];

	/* Signatures: a key of MISUSE_OWNER, saved (key_path) and in a
	 * keyring (keyring_path, keyring_text) for the whole run; per test a
	 * signer holding the key and a seal of the ks world's journal. */
	veikart_key *key;
	veikart_keyring *keyring;
	char *keyring_text;
	size_t keyring_len;
	char key_path[600], keyring_path[600];
	veikart_signer *signer;
	char *seal;
	size_t seal_len;
	veikart_sign_options sign_opts, bad_sign_opts, sign_out;
	uint64_t u64_out;

	/* What the functions that fill a structure fill. */
	veikart_initiative_options init_out;
	veikart_journal_options journal_out;
	veikart_diff_options diff_out;
	veikart_eval_options eval_out;
	veikart_decision_request request_out;
	veikart_unit_spec spec_out;
	veikart_decision_record decision_out;
	const veikart_unit *unit_order[64];
	int64_t time_out;
	veikart_event_kind event_kind_out;
	veikart_outcome_kind outcome_kind_out;
	veikart_verdict verdict_out;
	veikart_truth truth_out;
	veikart_phase_kind phase_kind_out;
	veikart_type type_out;
	veikart_level level_out;
	veikart_status status_out;
} misuse_fixture;

/* Its address: an out-parameter the header says is "set to NULL on failure" starts as it. */
extern char misuse_poison;

int misuse_group_setup(void **state);
int misuse_group_teardown(void **state);
int misuse_setup(void **state);
int misuse_teardown(void **state);

/* A path in the temporary directory where no file is yet. */
const char *misuse_fresh_path(misuse_fixture *fx);

/*
 * The checks.  CALL is the call as written in the generated test, so that
 * a failure says which call and which argument.
 */

/* The call failed: a negative code (EXPECTED, or any when 0), explained by veikart_error_last(). */
void misuse_expect_error(int rc, int expected, const char *call);
/* The call reported success or failure as documented and, if it failed, said why. */
void misuse_expect_explained(int rc, const char *call);
/* A call that failed changed nothing: the initiative's sequence number is as before. */
void misuse_expect_unchanged(uint64_t before, uint64_t after, const char *call);
void misuse_expect_null(const void *got, const char *call);
void misuse_expect_nonnull(const void *got, const char *call);
void misuse_expect_int(long long got, long long expected, const char *call);
void misuse_expect_uint(unsigned long long got, unsigned long long expected, const char *call);
void misuse_expect_double(double got, double expected, const char *call);
void misuse_expect_string(const char *got, const char *expected, const char *call);
/* An out-parameter the failed call must have left NULL. */
void misuse_expect_out_null(const void *got, const char *call, const char *param);
/* The name of a value of the enum: one of NAMES ("|met|unmet|unknown|"), the
 * names the header lists, or when it lists none, anything but "unknown". */
void misuse_expect_name(const char *got, const char *names, const char *call);

#endif
