/*
 * veikart seal JOURNAL --key FILE - sign a journal's head; and what
 * `veikart verify --keyring --seal` checks of signatures and seals.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_seal = {
	"seal",
	"sign a journal's head, to keep elsewhere",
	"usage: veikart seal JOURNAL --key FILE [--output SEAL]\n"
	"\n"
	"Write a seal of JOURNAL: how many events it holds and the hash of the\n"
	"last, with the time, signed with the key in FILE.  Keep the seal where\n"
	"those who can write the journal cannot (the case system, the minutes of\n"
	"the gate meeting, an archive): `veikart verify --keyring KEYRING --seal\n"
	"SEAL JOURNAL` then shows whether the journal was rewritten or cut since.\n"
	"Events recorded after the seal are allowed.\n"
	"\n"
	"    $ veikart seal nattilsyn.vj --key archive.key --output nattilsyn.seal\n"
	"    nattilsyn.vj: 80 events sealed by key 0e8f294b0f8d017a into nattilsyn.seal\n"
	"\n"
	"Options:\n"
	"  --key FILE       the secret key to sign with (required; `veikart keygen`)\n"
	"  --output SEAL    write the seal to SEAL (default: standard output)\n"
	"  -h, --help       show this help\n"
	"\n"
	"The time: VEIKART_NOW=YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC) in the\n"
	"environment replaces the system clock.\n"
	"\n"
	"Exit status: 0 when written, 1 when the journal or the key is refused,\n"
	"2 for a wrong command line, 3 when a file cannot be read or written.\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_KEY,
		{ "output", required_argument, NULL, 'o' },
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	const char *key_path = NULL, *output = NULL, *path;
	veikart_journal *j = NULL;
	veikart_key *key = NULL;
	cli_common common;
	char *seal = NULL;
	cli_session clock;
	int64_t now;
	int c, rc, err;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'k') {
			key_path = optarg;
		} else if (c == 'o') {
			output = optarg;
		} else {
			rc = cli_common_option(&cli_seal, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_seal, "give one JOURNAL");
	if (key_path == NULL)
		return cli_usage_error(&cli_seal, "give --key FILE to sign the seal with");
	path = argv[optind];
	memset(&clock, 0, sizeof(clock));
	rc = cli_clock_from_env(&cli_seal, &clock);
	if (rc >= 0)
		return rc;
	now = clock.has_now ? clock.now : (int64_t)time(NULL);
	rc = cli_load_key(&key, &cli_seal, key_path);
	if (rc != CLI_OK)
		return rc;
	rc = cli_journal_open(&j, &cli_seal, path, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		goto out;
	err = veikart_seal_make(&seal, j, key, now);
	if (err < 0) {
		rc = cli_error(&cli_seal, err);
		goto out;
	}
	rc = cli_write_output(&cli_seal, output, seal, strlen(seal));
	if (rc == CLI_OK && output != NULL)
		printf("%s: %zu event%s sealed by key %s into %s\n", path, veikart_journal_count(j),
		       veikart_journal_count(j) == 1 ? "" : "s", veikart_key_id(key), output);
out:
	veikart_string_free(seal);
	veikart_journal_free(j);
	veikart_key_free(key);
	return rc;
}

/* The whole of a seal file, or NULL after saying why. */
static char *read_seal(const char *file, size_t *len)
{
	FILE *f = fopen(file, "rb");
	char *data;
	size_t got;

	if (f == NULL) {
		fprintf(stderr, "veikart verify: cannot read %s: %s\n", file, strerror(errno));
		return NULL;
	}
	/* A seal is a few hundred bytes; anything past 4 KiB is not one. */
	data = malloc(4097);
	if (data == NULL) {
		fclose(f);
		fprintf(stderr, "veikart verify: out of memory\n");
		return NULL;
	}
	got = fread(data, 1, 4097, f);
	fclose(f);
	data[got < 4097 ? got : 4096] = '\0';
	*len = got;
	return data;
}

int cli_verify_trust(const char *path, const veikart_journal *j, const char *keyring_path,
                     const char *seal_path)
{
	veikart_keyring *ring = NULL;
	char *seal = NULL;
	size_t n = veikart_journal_count(j), nsigned = 0, len = 0;
	uint64_t sealed = 0;
	int rc = CLI_OK, err;

	if (keyring_path == NULL)
		return CLI_OK;
	err = veikart_keyring_load(&ring, keyring_path, NULL);
	if (err < 0) {
		fprintf(stderr, "veikart verify: %s\n", cli_text(veikart_error_last()->message));
		return cli_exit_code(err);
	}
	err = veikart_journal_verify_signatures(j, ring, &nsigned);
	if (err < 0) {
		fprintf(stderr, "veikart verify: %s (checked against %s)\n",
		        cli_text(veikart_error_last()->message), keyring_path);
		rc = cli_exit_code(err);
		goto out;
	}
	printf("signatures: %zu of %zu event%s signed, every signature checks against %s, and "
	       "everyone who must sign did\n",
	       nsigned, n, n == 1 ? "" : "s", keyring_path);
	if (seal_path == NULL)
		goto out;
	seal = read_seal(seal_path, &len);
	if (seal == NULL) {
		rc = CLI_FAILED;
		goto out;
	}
	err = veikart_seal_check(j, seal, len, ring, &sealed);
	if (err < 0) {
		fprintf(stderr, "veikart verify: %s: %s\n", seal_path,
		        veikart_error_last()->message);
		rc = cli_exit_code(err);
		goto out;
	}
	printf("seal %s: the %llu sealed event%s are unchanged", seal_path,
	       (unsigned long long)sealed, sealed == 1 ? "" : "s");
	if (n > sealed)
		printf("; %zu recorded since", n - (size_t)sealed);
	printf("\n");
out:
	free(seal);
	veikart_keyring_free(ring);
	(void)path;
	return rc;
}
