/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Fuzz target: an initiative snapshot, as a host keeps it and restores it
 * against the built-in KS Veikart.  What restores is read, its gates are
 * evaluated, and it goes round a snapshot again, which must restore and
 * give the same bytes.  Then it is restored again with one allocation
 * failing, which must fail with #VEIKART_ENOMEM or succeed, and leak nothing.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_initiative.h"

#define FUZZ_MAX_INPUT (512 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static veikart_method *method;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	veikart_load_options opts = VEIKART_LOAD_OPTIONS_INIT;

	(void)argc;
	(void)argv;
	opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	FUZZ_CHECK(veikart_method_load(&method, VEIKART_DEFAULT_METHOD, &opts, NULL) == 0);
	return 0;
}

/* Restore @p data with allocation @p fail_at failing (0: none); return the result code. */
static int restore(const uint8_t *data, size_t size, fuzz_counter *c, unsigned long fail_at,
                   int check)
{
	veikart_allocator a = fuzz_allocator(c);
	veikart_initiative_options opts = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	int rc;

	opts.allocator = &a;
	opts.clock = fuzz_clock;
	opts.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	fuzz_arm(c, fail_at);
	rc = veikart_initiative_restore(&in, method, data, size, &opts);
	if (rc != 0) {
		FUZZ_CHECK(in == NULL);
		goto out;
	}
	if (check) {
		fuzz_read_initiative(in);
		fuzz_round_trip(in, &opts);
	}

out:
	veikart_initiative_free(in);
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
	/* Count the allocations of the restore alone, not of the checks after it. */
	rc = restore(data, size, &c, 0, 0);
	calls = c.calls;
	if (rc == 0)
		(void)restore(data, size, &c, 0, 1);
	if (calls == 0)
		goto out;
	rc_failing = restore(data, size, &c, fuzz_pick(data, size, calls), 0);
	FUZZ_CHECK(rc_failing == rc || rc_failing == VEIKART_ENOMEM);

out:
	return 0;
}
