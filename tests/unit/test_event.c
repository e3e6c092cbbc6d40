/*
 * Reading a journal record into an event (veikart_event_parse()): the
 * fields a user gets back, and the records refused.
 * SPDX-License-Identifier: MIT
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#define ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

/* A record with its hash computed: BODY, prev=PREV, hash=. */
static void make_record(char *out, size_t size, const char *body, const char *prev)
{
	char hash[VEIKART_HASH_HEX_LENGTH + 1];
	int n;

	n = snprintf(out, size, "%s\tprev=%s", body, prev);
	assert_true(n > 0 && (size_t)n < size - 72);
	assert_int_equal(veikart_sha256_hex(hash, out, (size_t)n), 0);
	snprintf(out + n, size - (size_t)n, "\thash=%s\n", hash);
}

static void test_event_should_give_back_its_fields(void **state)
{
	char rec[1024];
	veikart_event *e = NULL;

	(void)state;
	make_record(rec, sizeof(rec),
	            "7\t1767603600\tset\tKari \\\\ Nordmann\tfact=staff_trained"
	            "\tx-note=line one\\nline two\\tand a tab\tvalue=0.8",
	            ZEROS);
	assert_int_equal(veikart_event_parse(&e, rec, strlen(rec)), 0);
	assert_int_equal(veikart_event_seq(e), 7);
	assert_string_equal(veikart_event_actor(e), "Kari \\ Nordmann");
	assert_int_equal(veikart_event_field_count(e), 3);
	assert_string_equal(veikart_event_field_key(e, 0), "fact");
	assert_string_equal(veikart_event_field_key(e, 1), "x-note");
	assert_string_equal(veikart_event_field_value(e, 1), "line one\nline two\tand a tab");
	assert_string_equal(veikart_event_field(e, "value"), "0.8");
	assert_string_equal(veikart_event_field(e, "x-note"), "line one\nline two\tand a tab");
	assert_null(veikart_event_field(e, "valu"));
	assert_null(veikart_event_field(e, "values"));
	veikart_event_free(e);
}

static void test_event_should_refuse_raw_line_breaks_and_bad_escapes(void **state)
{
	static const char *const bodies[] = {
		"1\t0\tcreate\tKari\tid=A\rB",  "1\t0\tcreate\tKari\tid=A\nB",
		"1\t0\tcreate\tKa\rri\tid=AB",  "1\t0\tcreate\tKari\tid=AB\\",
		"1\t0\tcreate\tKari\tid=A\\xB",
	};
	char rec[512];
	veikart_event *e = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		make_record(rec, sizeof(rec), bodies[i], ZEROS);
		assert_int_equal(veikart_event_parse(&e, rec, strlen(rec)), VEIKART_EFORMAT);
		assert_null(e);
		assert_true(test_contains(veikart_error_last()->message, "line break"));
	}
}

/* Every one of the 128 digits of prev and hash, replaced by a byte that
 * is not a lowercase hex digit, makes the record malformed; replaced by
 * another digit, a record whose hash no longer matches (or, with the hash
 * recomputed, a good one). */
static void test_event_should_check_every_hex_digit(void **state)
{
	static const char bad[] = { 'G', 'A', 'F', '/', ':', '`', 'g', ' ', '@', '\x80', '\xff' };
	char rec[512], copy[512], prev[65];
	veikart_event *e = NULL;
	size_t len, at, k, start;
	const char *hash_at, *prev_at;

	(void)state;
	make_record(rec, sizeof(rec), "1\t0\tcreate\tKari\tid=A", ZEROS);
	len = strlen(rec);
	hash_at = strstr(rec, "hash=") + 5;
	prev_at = strstr(rec, "prev=") + 5;
	for (k = 0; k < 2; k++) {
		start = (size_t)((k == 0 ? prev_at : hash_at) - rec);
		for (at = start; at < start + 64; at++) {
			size_t b;
			for (b = 0; b < sizeof(bad); b++) {
				memcpy(copy, rec, len + 1);
				copy[at] = bad[b];
				if (veikart_event_parse(&e, copy, len) != VEIKART_EFORMAT)
					fail_msg("byte 0x%02x at %zu of %s was taken for a digit",
					         (unsigned char)bad[b], at - start,
					         k == 0 ? "prev" : "hash");
			}
			memcpy(copy, rec, len + 1);
			copy[at] = copy[at] == 'e' ? '9' : 'e';
			assert_int_equal(veikart_event_parse(&e, copy, len), VEIKART_ECORRUPT);
		}
	}
	/* Every digit in every place of prev, with the hash made to match. */
	for (at = 0; at < 64; at++) {
		memcpy(prev, ZEROS, 65);
		prev[at] = "0123456789abcdef"[at % 16];
		prev[(at + 1) % 64] = "0123456789abcdef"[(at + 7) % 16];
		make_record(rec, sizeof(rec), "1\t0\tcreate\tKari\tid=A", prev);
		assert_int_equal(veikart_event_parse(&e, rec, strlen(rec)), 0);
		assert_string_equal(veikart_event_prev(e), prev);
		veikart_event_free(e);
	}
}

/* Sequence numbers up to the largest 64-bit number, and not one more;
 * times within a signed 64-bit number. */
static void test_event_should_read_numbers_to_their_limits(void **state)
{
	static const struct {
		const char *seq, *time;
		int ok;
	} cases[] = {
		{ "18446744073709551615", "0", 1 },
		{ "18446744073709551616", "0", 0 },
		{ "18446744073709551620", "0", 0 },
		{ "99999999999999999999", "0", 0 },
		{ "100000000000000000000", "0", 0 },
		{ "9999999999999999999", "0", 1 },
		{ "1", "9223372036854775807", 1 },
		{ "1", "-9223372036854775807", 1 },
		{ "1", "9223372036854775808", 0 },
		{ "1", "12a", 0 },
		{ "01", "0", 0 },
		{ "0", "0", 0 },
	};
	char body[128], rec[512];
	veikart_event *e = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(body, sizeof(body), "%s\t%s\tcreate\tKari\tid=A", cases[i].seq,
		         cases[i].time);
		make_record(rec, sizeof(rec), body, ZEROS);
		if ((veikart_event_parse(&e, rec, strlen(rec)) == 0) != cases[i].ok)
			fail_msg("seq %s, time %s: %s", cases[i].seq, cases[i].time,
			         cases[i].ok ? "refused" : "taken");
		if (e != NULL) {
			char seq[32];
			snprintf(seq, sizeof(seq), "%llu",
			         (unsigned long long)veikart_event_seq(e));
			assert_string_equal(seq, cases[i].seq);
		}
		veikart_event_free(e);
		e = NULL;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_event_should_give_back_its_fields),
		cmocka_unit_test(test_event_should_refuse_raw_line_breaks_and_bad_escapes),
		cmocka_unit_test(test_event_should_check_every_hex_digit),
		cmocka_unit_test(test_event_should_read_numbers_to_their_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
