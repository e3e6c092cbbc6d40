/*
 * Signatures as a user sees them: a journal signed as it is written, the
 * attack the hash chain alone cannot stop (an event rewritten and every
 * hash after it recomputed, with the public hash function) caught by the
 * signatures and by a seal, a journal cut short, unsigned events of a
 * person who must sign, keys and keyrings in their files, and failed
 * allocations.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

#define T0 INT64_C(1767603600) /* 2026-01-05T09:00:00Z */
#define VEIKART__ARRAY_SIZE_TEST(a) (sizeof(a) / sizeof((a)[0]))

typedef struct signed_world {
	veikart_method *method;
	veikart_key *kari, *ola, *host;
	veikart_keyring *ring; /* Kari and Ola must sign; the host key */
	char *path;
	int64_t now;
} signed_world;

static int64_t world_clock(void *payload)
{
	return ((signed_world *)payload)->now;
}

static char *temp_path(const char *name)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(4096);

	assert_non_null(path);
	snprintf(path, 4096, "%s/veikart-test-%ld-%s", dir, (long)getpid(), name);
	unlink(path);
	return path;
}

static char *read_all(const char *path)
{
	size_t size = 0;

	return test_read_file(path, &size);
}

static void write_all(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* A keyring of the lines of KEYS (POLICIES each), in C text. */
static veikart_keyring *ring_of(veikart_key **keys, const veikart_key_policy *policies, size_t n)
{
	char text[4096] = "veikart-keyring 1\n# a comment, and a blank line\n\n", *line;
	veikart_keyring *kr = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(veikart_key_public_line(&line, keys[i], policies[i]), 0);
		strcat(text, line);
		veikart_string_free(line);
	}
	assert_int_equal(veikart_keyring_parse(&kr, text, strlen(text), NULL), 0);
	assert_int_equal(veikart_keyring_count(kr), n);
	return kr;
}

/* ks-veikart through its first gate, as the Python tests walk it: events
 * 1-3 create and assign (Kari), 4 a step (Ola), 5-8 facts and 9 the
 * mandate (Kari), 10 the decision (Kari), 11 an attachment (Ola). */
static void walk(signed_world *w, veikart_journal *j)
{
	static const char *const facts[] = { "challenge_described", "work_planned",
		                             "anchored_in_management",
		                             "need_for_change_understood" };
	static const char *const yes[] = { "true", "true", "true", "true" };
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_decision_request d = VEIKART_DECISION_REQUEST_INIT;
	veikart_initiative *in = NULL;

	w->now = T0;
	io.clock = world_clock;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = j;
	assert_int_equal(
	        veikart_initiative_create(&in, w->method, "R-1", "Round trip", "Kari", &io), 0);
	assert_int_equal(veikart_initiative_assign(in, "Kari", "Kari", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_assign(in, "Kari", "Ola", "prosjektleder"), 0);
	w->now += 3 * 86400;
	assert_int_equal(
	        veikart_initiative_step(in, "Ola", "for-du-starter", "beskrive-utfordringsbildet"),
	        0);
	assert_int_equal(veikart_initiative_set_many(in, "Kari", 4, facts, yes), 0);
	assert_int_equal(veikart_initiative_sign(in, "Kari", "project_mandate"), 0);
	w->now += 86400;
	d.actor = "Kari";
	d.outcome = VEIKART_OUTCOME_GO;
	d.rationale = "Saves 6.5 hours a week";
	assert_int_equal(veikart_initiative_decide(in, &d), 0);
	w->now += 2 * 86400;
	assert_int_equal(veikart_initiative_attach(
	                         in, "Ola", "target_picture", "https://example.org/target.pdf",
	                         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c"
	                         "a495991b7852b855"),
	                 0);
	assert_int_equal(veikart_initiative_seq(in), 11);
	veikart_initiative_free(in);
}

static veikart_journal *open_journal(const char *path, unsigned int flags)
{
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;

	o.flags = flags | VEIKART_JOURNAL_NO_SYNC;
	assert_int_equal(veikart_journal_open(&j, path, &o), 0);
	return j;
}

/* Write the world's journal: unsigned (0), signed by Kari and Ola (1), or
 * by the host (HOST_SIGNED). */
#define HOST_SIGNED 2
static void write_journal(signed_world *w, int is_signed)
{
	veikart_signer *s = NULL;
	veikart_journal *j = open_journal(w->path, VEIKART_JOURNAL_CREATE);

	if (is_signed) {
		assert_int_equal(veikart_signer_new(&s, NULL), 0);
		if (is_signed == HOST_SIGNED) {
			assert_int_equal(veikart_signer_add(s, w->host), 0);
		} else {
			assert_int_equal(veikart_signer_add(s, w->kari), 0);
			assert_int_equal(veikart_signer_add(s, w->ola), 0);
		}
		assert_int_equal(veikart_journal_set_signer(j, s), 0);
	}
	walk(w, j);
	veikart_journal_free(j);
	veikart_signer_free(s);
}

static int setup(void **state)
{
	static const veikart_key_policy policies[] = { VEIKART_KEY_MUST_SIGN, VEIKART_KEY_MUST_SIGN,
		                                       VEIKART_KEY_HOST };
	signed_world *w = calloc(1, sizeof(*w));
	veikart_key *keys[3];

	assert_non_null(w);
	assert_int_equal(veikart_method_load(&w->method, VEIKART_DEFAULT_METHOD, NULL, NULL), 0);
	assert_int_equal(veikart_key_generate(&w->kari, "Kari", NULL), 0);
	assert_int_equal(veikart_key_generate(&w->ola, "Ola", NULL), 0);
	assert_int_equal(veikart_key_generate(&w->host, NULL, NULL), 0);
	keys[0] = w->kari;
	keys[1] = w->ola;
	keys[2] = w->host;
	w->ring = ring_of(keys, policies, 3);
	w->path = temp_path("signed.vj");
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	signed_world *w = *state;

	unlink(w->path);
	free(w->path);
	veikart_keyring_free(w->ring);
	veikart_key_free(w->kari);
	veikart_key_free(w->ola);
	veikart_key_free(w->host);
	veikart_method_free(w->method);
	free(w);
	return 0;
}

/* What anyone who can write the file can do: change field KEY of event SEQ
 * to VALUE and recompute the hash of that event and every one after it,
 * with the public hash function.  Signatures stay as they were. */
static void forge(const char *path, uint64_t seq, const char *key, const char *value)
{
	char *text = read_all(path), *out = calloc(1, strlen(text) + 4096), *line, *next, *p;
	char prev[VEIKART_HASH_HEX_LENGTH + 1] = "", body[8192], rest[512];
	uint64_t n;

	assert_non_null(out);
	line = strchr(text, '\n') + 1;
	strncat(out, text, (size_t)(line - text));
	for (; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		assert_non_null(next);
		*next++ = '\0';
		n = strtoull(line, NULL, 10);
		p = strstr(line, "\tprev=");
		assert_non_null(p);
		/* What follows the hash: the signature fields, if any. */
		snprintf(rest, sizeof(rest), "%s", p + 6 + 64 + 6 + 64);
		*p = '\0';
		if (n == seq) {
			char *f = strstr(line, key), *end;

			assert_non_null(f);
			end = strchr(f, '\t');
			snprintf(body, sizeof(body), "%.*s%s=%s%s", (int)(f - line), line, key,
			         value, end ? end : "");
		} else {
			snprintf(body, sizeof(body), "%s", line);
		}
		if (n >= seq) {
			if (n == seq)
				memcpy(prev, p + 6, 64);
			strcat(body, "\tprev=");
			strcat(body, prev);
			assert_int_equal(veikart_sha256_hex(prev, body, strlen(body)), 0);
			sprintf(out + strlen(out), "%s\thash=%s%s\n", body, prev, rest);
		} else {
			*p = '\t';
			sprintf(out + strlen(out), "%s%s\n", line, "");
		}
	}
	write_all(path, out);
	free(text);
	free(out);
}

static void expect_error(int rc, int code, const char *needle)
{
	assert_int_equal(rc, code);
	if (!test_contains(veikart_error_last()->message, needle))
		fail_msg("the message `%s` does not say `%s`", veikart_error_last()->message,
		         needle);
}

/* ---- the tests -------------------------------------------------------------- */

static void test_sign_should_sign_every_event_the_journal_appends(void **state)
{
	signed_world *w = *state;
	veikart_initiative *in = NULL;
	veikart_journal *j;
	const veikart_event *ev;
	char *seal = NULL;
	uint64_t sealed = 0;
	size_t i, count = 0;

	write_journal(w, 1);
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_int_equal(veikart_journal_count(j), 11);
	for (i = 0; i < 11; i++) {
		ev = veikart_journal_event(j, i);
		assert_string_equal(veikart_event_key_id(ev),
		                    veikart_key_id(strcmp(veikart_event_actor(ev), "Kari") == 0
		                                           ? w->kari
		                                           : w->ola));
		assert_int_equal(strlen(veikart_event_signature(ev)), 88);
	}
	assert_int_equal(veikart_journal_verify_signatures(j, w->ring, &count), 0);
	assert_int_equal(count, 11);
	/* Signed events replay as any other. */
	assert_int_equal(veikart_initiative_replay(&in, w->method, j, NULL), 0);
	assert_int_equal(veikart_initiative_seq(in), 11);
	veikart_initiative_free(in);
	assert_int_equal(veikart_seal_make(&seal, j, w->host, T0), 0);
	assert_int_equal(veikart_seal_check(j, seal, strlen(seal), w->ring, &sealed), 0);
	assert_int_equal(sealed, 11);
	veikart_string_free(seal);
	veikart_journal_free(j);
}

static void test_sign_should_catch_a_rewritten_rationale(void **state)
{
	signed_world *w = *state;
	veikart_journal *j;
	char *seal = NULL;

	write_journal(w, 1);
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_int_equal(veikart_seal_make(&seal, j, w->host, T0), 0);
	veikart_journal_free(j);

	forge(w->path, 10, "rationale", "Saves 65 hours a week");
	/* The chain holds: without signatures the forgery would pass. */
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_string_equal(veikart_event_field(veikart_journal_event(j, 9), "rationale"),
	                    "Saves 65 hours a week");
	expect_error(veikart_journal_verify_signatures(j, w->ring, NULL), VEIKART_ECORRUPT,
	             "event 10 (line 11): its signature by key");
	assert_true(test_contains(veikart_error_last()->message, "changed after it was signed"));
	assert_string_equal(veikart_error_last()->file, w->path);
	assert_int_equal(veikart_error_last()->line, 11);
	expect_error(veikart_seal_check(j, seal, strlen(seal), w->ring, NULL), VEIKART_ECORRUPT,
	             "rewritten at or before event 11");
	veikart_journal_free(j);

	/* Dropping the signature of the forged event does not help either:
	 * Kari must sign. */
	{
		char *text = read_all(w->path), *p = strstr(text, "\n10\t"), *k;

		assert_non_null(p);
		k = strstr(p, "\tkey=");
		memmove(k, k + 114, strlen(k + 114) + 1);
		write_all(w->path, text);
		free(text);
	}
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	expect_error(veikart_journal_verify_signatures(j, w->ring, NULL), VEIKART_ECORRUPT,
	             "event 10 (line 11): it is not signed, but the keyring says `Kari` must sign");
	veikart_journal_free(j);
	veikart_string_free(seal);
}

static void test_sign_should_catch_a_cut_journal_with_a_seal(void **state)
{
	signed_world *w = *state;
	veikart_journal *j;
	char *seal = NULL, *text, *cut;
	uint64_t sealed = 0;

	write_journal(w, 1);
	j = open_journal(w->path, 0);
	assert_int_equal(veikart_seal_make(&seal, j, w->kari, T0), 0);
	veikart_journal_free(j);

	/* Events appended after the seal are allowed. */
	text = read_all(w->path);
	cut = strstr(text, "\n10\t");
	assert_non_null(cut);
	cut[1] = '\0';
	write_all(w->path, text);
	free(text);
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_int_equal(veikart_journal_count(j), 9);
	expect_error(veikart_seal_check(j, seal, strlen(seal), w->ring, &sealed), VEIKART_ECORRUPT,
	             "holds 9 events, but the seal by key");
	assert_true(test_contains(veikart_error_last()->message, "events 10 to 11 were cut off"));
	assert_int_equal(sealed, 0);
	veikart_journal_free(j);

	/* A seal whose text was changed, or signed by a key not in the ring. */
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_int_equal(veikart_seal_make(&text, j, w->kari, T0), 0);
	assert_int_equal(veikart_seal_check(j, text, strlen(text), w->ring, &sealed), 0);
	assert_int_equal(sealed, 9);
	strstr(text, "events 9")[7] = '8';
	expect_error(veikart_seal_check(j, text, strlen(text), w->ring, NULL), VEIKART_ECORRUPT,
	             "the seal was changed");
	veikart_string_free(text);
	{
		veikart_key *stranger = NULL;

		assert_int_equal(veikart_key_generate(&stranger, NULL, NULL), 0);
		assert_int_equal(veikart_seal_make(&text, j, stranger, T0), 0);
		expect_error(veikart_seal_check(j, text, strlen(text), w->ring, NULL),
		             VEIKART_ECORRUPT, "not in the keyring");
		veikart_string_free(text);
		veikart_key_free(stranger);
	}
	expect_error(veikart_seal_check(j, "veikart-seal 1\nevents x\n", 24, w->ring, NULL),
	             VEIKART_EFORMAT, "line 2");
	veikart_journal_free(j);
	veikart_string_free(seal);
}

static void test_sign_should_hold_persons_to_their_own_keys(void **state)
{
	static const veikart_key_policy may[] = { VEIKART_KEY_MAY_SIGN };
	static const veikart_key_policy must[] = { VEIKART_KEY_MAY_SIGN, VEIKART_KEY_MUST_SIGN };
	signed_world *w = *state;
	veikart_keyring *kr;
	veikart_key *keys[2];
	veikart_journal *j;
	veikart_signer *s = NULL;
	veikart_event *copy = NULL;
	size_t count = 99;

	/* Unsigned: fine unless someone must sign. */
	write_journal(w, 0);
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_null(veikart_event_key_id(veikart_journal_event(j, 0)));
	keys[0] = w->kari;
	kr = ring_of(keys, may, 1);
	assert_int_equal(veikart_journal_verify_signatures(j, kr, &count), 0);
	assert_int_equal(count, 0);
	veikart_keyring_free(kr);
	keys[1] = w->ola;
	kr = ring_of(keys, must, 2);
	expect_error(veikart_journal_verify_signatures(j, kr, NULL), VEIKART_ECORRUPT,
	             "event 4 (line 5): it is not signed, but the keyring says `Ola` must sign");
	veikart_keyring_free(kr);

	/* The host's key signs for anyone, but does not count for a person who
	 * must sign; a person's key signs only their own events. */
	assert_int_equal(veikart_signer_new(&s, NULL), 0);
	assert_int_equal(veikart_signer_add(s, w->host), 0);
	expect_error(veikart_signer_add(s, w->host), VEIKART_EEXISTS, "host key already");
	assert_int_equal(veikart_event_sign(&copy, veikart_journal_event(j, 3), s), 0);
	assert_string_equal(veikart_event_key_id(copy), veikart_key_id(w->host));
	assert_string_equal(veikart_event_hash(copy),
	                    veikart_event_hash(veikart_journal_event(j, 3)));
	veikart_event_free(copy);
	veikart_signer_free(s);
	s = NULL;
	assert_int_equal(veikart_signer_new(&s, NULL), 0);
	assert_int_equal(veikart_signer_add(s, w->kari), 0);
	expect_error(veikart_event_sign(&copy, veikart_journal_event(j, 3), s), VEIKART_ENOTFOUND,
	             "no key for `Ola` and no host key");
	assert_null(copy);
	veikart_journal_free(j);

	/* A journal whose signer has no key for an actor records nothing of theirs. */
	unlink(w->path);
	j = open_journal(w->path, VEIKART_JOURNAL_CREATE);
	assert_int_equal(veikart_journal_set_signer(j, s), 0);
	{
		veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
		veikart_initiative *in = NULL;

		io.commit = veikart_journal_commit;
		io.commit_payload = j;
		assert_int_equal(
		        veikart_initiative_create(&in, w->method, "R-1", "Round trip", "Kari", &io),
		        0);
		assert_int_equal(veikart_initiative_assign(in, "Kari", "Ola", "prosjektleder"), 0);
		expect_error(veikart_initiative_step(in, "Ola", "for-du-starter",
		                                     "beskrive-utfordringsbildet"),
		             VEIKART_EUSER, "no key for `Ola`");
		assert_int_equal(veikart_journal_count(j), 2);
		veikart_initiative_free(in);
	}
	veikart_journal_free(j);
	veikart_signer_free(s);
}

static void test_sign_should_not_let_the_host_sign_for_who_must_sign(void **state)
{
	static const veikart_key_policy may[] = { VEIKART_KEY_MAY_SIGN, VEIKART_KEY_MAY_SIGN,
		                                  VEIKART_KEY_HOST };
	signed_world *w = *state;
	veikart_key *keys[3] = { w->kari, w->ola, w->host };
	veikart_keyring *kr = ring_of(keys, may, 3);
	veikart_journal *j;
	size_t count = 0;

	write_journal(w, HOST_SIGNED);
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	expect_error(veikart_journal_verify_signatures(j, w->ring, NULL), VEIKART_ECORRUPT,
	             "event 1 (line 2): it is signed by the host key");
	assert_true(test_contains(veikart_error_last()->message, "`Kari` must sign"));
	/* Where no one must sign, the host's signature is enough. */
	assert_int_equal(veikart_journal_verify_signatures(j, kr, &count), 0);
	assert_int_equal(count, 11);
	veikart_keyring_free(kr);
	veikart_journal_free(j);
}

static void test_sign_should_name_a_key_used_for_someone_else(void **state)
{
	signed_world *w = *state;
	veikart_keyring *kr = NULL;
	veikart_journal *j;
	veikart_key *fake = NULL;
	char text[1024], *line;

	/* A key named Kari, which the keyring says is Ola's. */
	write_journal(w, 1);
	j = open_journal(w->path, VEIKART_JOURNAL_READONLY);
	assert_int_equal(veikart_key_public_line(&line, w->kari, VEIKART_KEY_MAY_SIGN), 0);
	snprintf(text, sizeof(text), "veikart-keyring 1\n%.*s Ola\n",
	         (int)(strstr(line, " Kari") - line), line);
	veikart_string_free(line);
	assert_int_equal(veikart_keyring_parse(&kr, text, strlen(text), NULL), 0);
	expect_error(veikart_journal_verify_signatures(j, kr, NULL), VEIKART_ECORRUPT,
	             "event 1 (line 2): it is recorded as `Kari` but signed with the key of `Ola`");
	veikart_keyring_free(kr);

	/* A key the keyring does not hold. */
	assert_int_equal(veikart_key_generate(&fake, "Kari", NULL), 0);
	assert_int_equal(veikart_key_public_line(&line, fake, VEIKART_KEY_MUST_SIGN), 0);
	snprintf(text, sizeof(text), "veikart-keyring 1\n%s", line);
	veikart_string_free(line);
	assert_int_equal(veikart_keyring_parse(&kr, text, strlen(text), NULL), 0);
	expect_error(veikart_journal_verify_signatures(j, kr, NULL), VEIKART_ECORRUPT,
	             "which is not in the keyring");
	veikart_keyring_free(kr);
	veikart_key_free(fake);
	veikart_journal_free(j);
}

/* Event 3's record with everything from its `key=` replaced by TAIL. */
static char *with_signature(const char *journal, const char *tail)
{
	const char *line = strstr(journal, "\n3\t"), *key, *nl;
	char *out = calloc(1, strlen(journal) + strlen(tail) + 1);

	assert_non_null(line);
	assert_non_null(out);
	key = strstr(line, "\tkey=");
	nl = strchr(line + 1, '\n');
	memcpy(out, journal, (size_t)(key - journal));
	strcat(out, tail);
	strcat(out, nl);
	return out;
}

static void test_sign_should_report_malformed_signature_fields(void **state)
{
	signed_world *w = *state;
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;
	char *fresh, *text, tails[6][256], *sig;
	const char *why[6];
	size_t i;
	int v;

	write_journal(w, 1);
	fresh = read_all(w->path);
	sig = strstr(strstr(fresh, "\n3\t"), "\tsig=") + 5;
	snprintf(tails[0], sizeof(tails[0]), "\tkey=%.16s\tsig=AAAA", sig - 5 - 16);
	why[0] = "a signed record ends in key=<16 hex digits> and sig=<88 Base64 characters>";
	snprintf(tails[1], sizeof(tails[1]), "\tkey=%.16s", sig - 5 - 16);
	why[1] = "a signed record ends in key=";
	snprintf(tails[2], sizeof(tails[2]), "\tkey=ABCDEF0123456789\tsig=%.88s", sig);
	why[2] = "key= is not 16 lowercase hex digits";
	snprintf(tails[3], sizeof(tails[3]), "\tkey=%.16s\tsig=%.87s!", sig - 5 - 16, sig);
	why[3] = "sig= is not a signature in Base64";
	/* The same signature spelt another way: bits Base64 leaves unused set. */
	snprintf(tails[4], sizeof(tails[4]), "\tkey=%.16s\tsig=%.88s", sig - 5 - 16, sig);
	v = (int)(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
	                 tails[4][5 + 16 + 5 + 85]) -
	          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
	tails[4][5 + 16 + 5 + 85] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[v ^ 1];
	why[4] = "sig= is not a signature in Base64";
	snprintf(tails[5], sizeof(tails[5]), "\tsig=%.88s", sig);
	why[5] = "a signed record ends in key=";
	for (i = 0; i < 6; i++) {
		text = with_signature(fresh, tails[i]);
		write_all(w->path, text);
		free(text);
		o.flags = VEIKART_JOURNAL_READONLY;
		expect_error(veikart_journal_open(&j, w->path, &o), VEIKART_ECORRUPT,
		             "event 3 (line 4): the signature fields are malformed");
		if (!test_contains(veikart_error_last()->message, why[i]))
			fail_msg("%s: %s", tails[i], veikart_error_last()->message);
		assert_int_equal(veikart_error_last()->line, 4);
	}
	free(fresh);
}

static void test_sign_should_read_an_old_unsigned_journal(void **state)
{
	signed_world *w = *state;
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	veikart_method *m = NULL;
	veikart_journal *j = NULL;
	veikart_keyring *kr = NULL;
	const char *empty = "veikart-keyring 1\n";
	size_t count = 99;

	/* Recorded before signatures existed. */
	o.flags = VEIKART_JOURNAL_READONLY;
	assert_int_equal(veikart_journal_open(&j,
	                                      test_path("tests/fixtures/journal/"
	                                                "unsigned-ks-veikart.vj"),
	                                      &o),
	                 0);
	assert_int_equal(veikart_journal_count(j), 80);
	assert_int_equal(veikart_journal_method(&m, j, NULL, NULL, NULL), 0);
	assert_int_equal(veikart_initiative_replay(&in, m, j, NULL), 0);
	assert_int_equal(veikart_initiative_seq(in), 80);
	assert_int_equal(veikart_keyring_parse(&kr, empty, strlen(empty), NULL), 0);
	assert_int_equal(veikart_journal_verify_signatures(j, kr, &count), 0);
	assert_int_equal(count, 0);
	veikart_keyring_free(kr);
	veikart_initiative_free(in);
	veikart_method_free(m);
	veikart_journal_free(j);
	(void)w;
}

static void test_sign_should_keep_keys_in_files_of_their_own(void **state)
{
	signed_world *w = *state;
	char *path = temp_path("kari.key"), *text, *ring_path = temp_path("ring");
	veikart_key *again = NULL;
	veikart_keyring *kr = NULL;
	struct stat st;
	size_t i;
	static const struct {
		const char *text, *why;
	} bad_rings[] = {
		{ "veikart-keyring 2\n", "keyring:1: not a veikart keyring" },
		{ "", "keyring:1: not a veikart keyring: it is empty" },
		{ "veikart-keyring 1\nkey 0123 abc must-sign X\n", "keyring:2: a key line is" },
		{ "veikart-keyring 1\nfoo\n", "keyring:2: not a key line" },
	};

	assert_int_equal(veikart_key_save(w->kari, path), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	expect_error(veikart_key_save(w->kari, path), VEIKART_EEXISTS, "never overwritten");
	assert_int_equal(veikart_key_load(&again, path, NULL), 0);
	assert_string_equal(veikart_key_id(again), veikart_key_id(w->kari));
	assert_string_equal(veikart_key_name(again), "Kari");
	veikart_key_free(again);
	again = NULL;

	/* A key file whose key id is not its key's. */
	text = read_all(path);
	text[strlen("veikart-secret-key 1 ")] ^= 1;
	unlink(path);
	write_all(path, text);
	free(text);
	expect_error(veikart_key_load(&again, path, NULL), VEIKART_EFORMAT,
	             "the key id does not belong to the key");
	assert_null(again);
	unlink(path);
	write_all(path, "veikart-secret-key 1 0123456789abcdef short\n");
	expect_error(veikart_key_load(&again, path, NULL), VEIKART_EFORMAT,
	             "no key id and key after the version");
	unlink(path);
	expect_error(veikart_key_load(&again, path, NULL), VEIKART_ENOTFOUND, "does not exist");

	for (i = 0; i < VEIKART__ARRAY_SIZE_TEST(bad_rings); i++) {
		expect_error(veikart_keyring_parse(&kr, bad_rings[i].text,
		                                   strlen(bad_rings[i].text), NULL),
		             VEIKART_EFORMAT, bad_rings[i].why);
		assert_null(kr);
	}
	/* The same key twice, and a key id that is not its key's. */
	{
		char *line, ring[1024];

		assert_int_equal(veikart_key_public_line(&line, w->ola, VEIKART_KEY_MAY_SIGN), 0);
		snprintf(ring, sizeof(ring), "veikart-keyring 1\n%s\n%s", line, line);
		write_all(ring_path, ring);
		expect_error(veikart_keyring_load(&kr, ring_path, NULL), VEIKART_EFORMAT,
		             ":4: key ");
		assert_true(
		        test_contains(veikart_error_last()->message, "twice (first on line 2)"));
		line[5] = line[5] == '0' ? '1' : '0';
		snprintf(ring, sizeof(ring), "veikart-keyring 1\n%s", line);
		expect_error(veikart_keyring_parse(&kr, ring, strlen(ring), NULL), VEIKART_EFORMAT,
		             "keyring:2: the key id is not the one of the public key");
		veikart_string_free(line);
	}
	unlink(ring_path);
	free(ring_path);
	free(path);
}

static void test_sign_should_survive_failed_allocations(void **state)
{
	signed_world *w = *state;
	veikart_sign_options so = VEIKART_SIGN_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_keyring *kr = NULL;
	veikart_signer *s = NULL;
	veikart_journal *j = NULL;
	veikart_key *k = NULL;
	veikart_event *copy = NULL;
	char *path = temp_path("alloc.key"), *line = NULL, ring[1024], *seal = NULL;
	veikart_allocator a;
	test_counter c;
	long fail;
	int rc;

	assert_int_equal(veikart_key_save(w->kari, path), 0);
	assert_int_equal(veikart_key_public_line(&line, w->kari, VEIKART_KEY_MUST_SIGN), 0);
	snprintf(ring, sizeof(ring), "veikart-keyring 1\n%s", line);
	veikart_string_free(line);
	a = test_counting_allocator(&c);
	so.allocator = &a;

#define LOOP(call, out)                               \
	for (fail = 1;; fail++) {                     \
		long live_ = c.live;                  \
		c.fail_at = c.calls + fail;           \
		rc = (call);                          \
		c.fail_at = 0;                        \
		if (rc == 0)                          \
			break;                        \
		assert_int_equal(rc, VEIKART_ENOMEM); \
		assert_null(out);                     \
		assert_int_equal(c.live, live_);      \
		assert_true(fail < 100);              \
	}                                             \
	c.fail_at = 0

	memset(&c, 0, sizeof(c));
	LOOP(veikart_key_generate(&k, "Kari", &so), k);
	veikart_key_free(k);
	k = NULL;
	LOOP(veikart_key_load(&k, path, &so), k);
	assert_string_equal(veikart_key_id(k), veikart_key_id(w->kari));
	LOOP(veikart_key_public_line(&line, k, VEIKART_KEY_MAY_SIGN), line);
	veikart_string_free(line);
	LOOP(veikart_keyring_parse(&kr, ring, strlen(ring), &so), kr);
	veikart_keyring_free(kr);
	LOOP(veikart_signer_new(&s, &so), s);
	for (fail = 1;; fail++) {
		long live = c.live;

		c.fail_at = c.calls + fail;
		rc = veikart_signer_add(s, k);
		c.fail_at = 0;
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_int_equal(c.live, live);
	}
	veikart_key_free(k);
	assert_true(c.live > 0);

	/* Signing as the journal appends: a failure writes nothing. */
	write_journal(w, 0);
	jo.flags = VEIKART_JOURNAL_NO_SYNC;
	jo.allocator = &a;
	assert_int_equal(veikart_journal_open(&j, w->path, &jo), 0);
	assert_int_equal(veikart_journal_set_signer(j, s), 0);
	LOOP(veikart_seal_make(&seal, j, w->kari, T0), seal);
	veikart_string_free(seal);
	LOOP(veikart_event_sign(&copy, veikart_journal_event(j, 0), s), copy);
	assert_non_null(veikart_event_key_id(copy));
	veikart_event_free(copy);
	copy = NULL;
	assert_int_equal(veikart_signer_add(s, w->ola), 0);
	{
		veikart_initiative *in = NULL;
		size_t before = veikart_journal_count(j);
		long live;

		assert_int_equal(veikart_initiative_replay(&in, w->method, j, NULL), 0);
		for (fail = 1;; fail++) {
			live = c.live;
			c.fail_at = c.calls + fail;
			rc = veikart_initiative_set(in, "Ola", "user_insight_gathered", "true");
			c.fail_at = 0;
			if (rc == 0)
				break;
			assert_int_equal(rc, VEIKART_EUSER);
			assert_true(test_contains(veikart_error_last()->message, "memory"));
			assert_int_equal(veikart_journal_count(j), before);
			assert_int_equal(c.live, live);
			assert_true(fail < 100);
		}
		assert_true(fail > 2);
		assert_int_equal(veikart_journal_count(j), before + 1);
		assert_string_equal(veikart_event_key_id(veikart_journal_event(j, before)),
		                    veikart_key_id(w->ola));
		veikart_initiative_free(in);
	}
	veikart_event_free(copy);
	veikart_journal_free(j);
	veikart_signer_free(s);
	assert_int_equal(c.live, 0);
	unlink(path);
	free(path);
#undef LOOP
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		        test_sign_should_sign_every_event_the_journal_appends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_catch_a_rewritten_rationale, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_catch_a_cut_journal_with_a_seal,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_hold_persons_to_their_own_keys,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(
		        test_sign_should_not_let_the_host_sign_for_who_must_sign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_name_a_key_used_for_someone_else,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_report_malformed_signature_fields,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_read_an_old_unsigned_journal,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_keep_keys_in_files_of_their_own,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_survive_failed_allocations, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
