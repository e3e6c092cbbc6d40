/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Fuzz target: a signed journal, checked against a keyring.  The seeds are
 * journals signed with two fixed test keys (below): Kari Nordmann's, whom
 * the keyring says must sign, and a host's.  The input is written to a
 * file (as journal_fuzzer.c does), opened read-only, and every signature
 * checked against the keyring; an error must say why and, for an event,
 * name its line.  Each event signed again by the host parses to the same
 * hash and verifies; a seal of the journal checks against it.  The input
 * is also read as a keyring and as a seal.  Then opening, sealing and
 * reading the keyring are done with one allocation failing, which must
 * fail with #VEIKART_ENOMEM or as before, and leak nothing.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"

#define FUZZ_MAX_INPUT (256 * 1024)

/* Test keys, for fuzzing only: never use them for anything else. */
static const char kari_key[] = "veikart-secret-key 1 b18c8601d1318d8d "
                               "2c2qyD9MFbjaXTUoRxsgBSI28BpUxUiixJgq+32d/Dw= Kari Nordmann\n";
static const char host_key[] = "veikart-secret-key 1 0e8f294b0f8d017a "
                               "r/O54RpJsJtZSeXQg/6vvs5MjUtDhDCY/N6hYApJ6Ro=\n";
static const char keyring_text[] =
        "veikart-keyring 1\n"
        "key b18c8601d1318d8d Jc7sNdo69S3y/N1g1Jh/gXAfIBUFfVMWMjEofNLOSIU= must-sign "
        "Kari Nordmann\n"
        "key 0e8f294b0f8d017a iHLI0wM55FKUjuGJ+6pogCRFFQnQiFSBC54nCW1H8p8= host\n";

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];
static veikart_key *host;
static veikart_keyring *keyring;
static veikart_signer *host_signer;

static int write_file(const char *file, const void *data, size_t size)
{
	size_t done = 0;
	ssize_t n;
	int fd, rc = -1;

	unlink(file);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		goto out;
	while (done < size) {
		n = write(fd, (const char *)data + done, size - done);
		if (n <= 0)
			goto out;
		done += (size_t)n;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static veikart_key *load_key(const char *text)
{
	veikart_key *k = NULL;

	FUZZ_CHECK(write_file(path, text, strlen(text)) == 0);
	FUZZ_CHECK(veikart_key_load(&k, path, NULL) == 0);
	unlink(path);
	return k;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("TMPDIR");
	veikart_key *kari;

	(void)argc;
	(void)argv;
	if (dir == NULL || *dir == '\0')
		dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(path, sizeof(path), "%s/veikart-fuzz-signed-%ld.vj", dir, (long)getpid());
	/* Kari's key signed the seeds; it must be the keyring's first. */
	kari = load_key(kari_key);
	FUZZ_CHECK(strstr(keyring_text, veikart_key_id(kari)) != NULL);
	veikart_key_free(kari);
	host = load_key(host_key);
	FUZZ_CHECK(veikart_keyring_parse(&keyring, keyring_text, strlen(keyring_text), NULL) == 0);
	FUZZ_CHECK(veikart_signer_new(&host_signer, NULL) == 0);
	FUZZ_CHECK(veikart_signer_add(host_signer, host) == 0);
	return 0;
}

/* A failure says why; one about an event names the journal and its line. */
static void explained(int rc, int about_event)
{
	const veikart_error *e = veikart_error_last();

	if (rc == 0)
		return;
	FUZZ_CHECK(rc < 0 && e->code == rc && e->message[0] != '\0');
	if (about_event)
		FUZZ_CHECK(e->file != NULL && e->line >= 2);
}

/* Every signature of J, and each event signed again by the host. */
static void check_signatures(const veikart_journal *j)
{
	veikart_keyring *ring = NULL;
	const veikart_event *e;
	veikart_event *again = NULL, *parsed = NULL;
	const char *record;
	size_t i, n = veikart_journal_count(j), signed_count = 0, length = 0;
	char text[512], *line = NULL;
	int rc;

	rc = veikart_journal_verify_signatures(j, keyring, &signed_count);
	explained(rc, 1);
	FUZZ_CHECK(rc != 0 || signed_count <= n);
	for (i = 0; i < n; i++) {
		e = veikart_journal_event(j, i);
		fuzz_read(veikart_event_key_id(e));
		fuzz_read(veikart_event_signature(e));
		FUZZ_CHECK((veikart_event_key_id(e) == NULL) ==
		           (veikart_event_signature(e) == NULL));
		FUZZ_CHECK(veikart_event_sign(&again, e, host_signer) == 0);
		FUZZ_CHECK(strcmp(veikart_event_hash(again), veikart_event_hash(e)) == 0);
		FUZZ_CHECK(strcmp(veikart_event_key_id(again), veikart_key_id(host)) == 0);
		record = veikart_event_record(again, &length);
		FUZZ_CHECK(veikart_event_parse(&parsed, record, length) == 0);
		FUZZ_CHECK(strcmp(veikart_event_signature(parsed),
		                  veikart_event_signature(again)) == 0);
		veikart_event_free(parsed);
		veikart_event_free(again);
		parsed = again = NULL;
	}
	/* With only the host's key in the ring, a host-signed journal verifies
	 * when no one must sign: checked through the first event. */
	FUZZ_CHECK(veikart_key_public_line(&line, host, VEIKART_KEY_HOST) == 0);
	snprintf(text, sizeof(text), "veikart-keyring 1\n%s", line);
	veikart_string_free(line);
	FUZZ_CHECK(veikart_keyring_parse(&ring, text, strlen(text), NULL) == 0);
	rc = veikart_journal_verify_signatures(j, ring, NULL);
	explained(rc, 1);
	veikart_keyring_free(ring);
}

/* Open, seal and check the seal with allocation FAIL_AT failing (0: none). */
static int open_and_seal(fuzz_counter *c, unsigned long fail_at, int check)
{
	veikart_allocator a = fuzz_allocator(c);
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_sign_options so = VEIKART_SIGN_OPTIONS_INIT;
	veikart_keyring *ring = NULL;
	veikart_journal *j = NULL;
	char *seal = NULL;
	uint64_t sealed = 0;
	int rc;

	jo.allocator = &a;
	jo.flags = VEIKART_JOURNAL_READONLY;
	so.allocator = &a;
	fuzz_arm(c, fail_at);
	rc = veikart_journal_open(&j, path, &jo);
	if (rc != 0) {
		FUZZ_CHECK(j == NULL);
		goto out;
	}
	rc = veikart_keyring_parse(&ring, keyring_text, strlen(keyring_text), &so);
	if (rc != 0) {
		FUZZ_CHECK(ring == NULL);
		goto out;
	}
	/* The seal is made with the library's default allocator (the key's). */
	FUZZ_CHECK(veikart_seal_make(&seal, j, host, 1795428000) == 0);
	FUZZ_CHECK(veikart_seal_check(j, seal, strlen(seal), ring, &sealed) == 0);
	FUZZ_CHECK(sealed == veikart_journal_count(j));
	if (check)
		check_signatures(j);
out:
	veikart_string_free(seal);
	veikart_keyring_free(ring);
	veikart_journal_free(j);
	FUZZ_CHECK(c->live == 0);
	return rc;
}

/* The input as a keyring, and as a seal of the fixed journal path's file. */
static void other_readings(const uint8_t *data, size_t size)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_keyring *ring = NULL;
	veikart_journal *j = NULL;
	int rc;

	rc = veikart_keyring_parse(&ring, (const char *)data, size, NULL);
	explained(rc, 0);
	FUZZ_CHECK((rc == 0) == (ring != NULL));
	veikart_keyring_free(ring);
	jo.flags = VEIKART_JOURNAL_READONLY;
	if (veikart_journal_open(&j, path, &jo) == 0) {
		rc = veikart_seal_check(j, (const char *)data, size, keyring, NULL);
		explained(rc, 0);
		veikart_journal_free(j);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_counter c = { 0, 0, 0 };
	unsigned long calls;
	int rc, rc_failing;

	if (size > FUZZ_MAX_INPUT)
		goto out;
	FUZZ_CHECK(write_file(path, data, size) == 0);
	rc = open_and_seal(&c, 0, 1);
	calls = c.calls;
	if (calls > 0) {
		rc_failing = open_and_seal(&c, fuzz_pick(data, size, calls), 0);
		FUZZ_CHECK(rc_failing == rc || rc_failing == VEIKART_ENOMEM);
	}
	other_readings(data, size);
out:
	unlink(path);
	return 0;
}
