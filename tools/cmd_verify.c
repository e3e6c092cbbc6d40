/*
 * veikart verify JOURNAL - check a journal's hash chain and its rules.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_verify = {
	"verify",
	"check that a journal is intact and every event kept the rules",
	"usage: veikart verify [--method METHOD] [--path DIR]... [--chain-only]\n"
	"                      [--expect-head HASH] [--expect-events N]\n"
	"                      [--keyring KEYRING [--seal SEAL]] JOURNAL\n"
	"\n"
	"Read JOURNAL without changing it and check, for every event, its syntax,\n"
	"its SHA-256 hash, its number and its link to the event before: a changed\n"
	"byte, a missing, inserted or reordered event breaks the chain and is\n"
	"reported with the event and line where it breaks.  Then replay the events\n"
	"into the methodology the journal was recorded against, the very document\n"
	"(its digest must match), so that an event that breaks the rules (a\n"
	"decision by someone without the gate's role, written with freshly computed\n"
	"hashes) is reported too.  When that methodology cannot be found, or only a\n"
	"different document with its id, verify fails: give --path DIR or --method\n"
	"FILE, or --chain-only to check the chain alone and say so.\n"
	"\n"
	"    $ veikart verify nattilsyn.vj\n"
	"    nattilsyn.vj: 80 events, chain intact, head 225103ef4c29...\n"
	"    every event keeps the rules of ks-veikart 2017.1\n"
	"\n"
	"An empty file, a file with only the header and a file that is not a\n"
	"journal fail.  A journal whose last record is incomplete (a write cut\n"
	"short by a crash or a power cut, never acknowledged) is intact: verify\n"
	"warns with the number of bytes, and the next command that records cuts\n"
	"them off.  A whole last record that lacks only its final newline is an\n"
	"event like the others.\n"
	"\n"
	"Cutting whole events off the end, or rewriting the whole file, keeps a\n"
	"chain intact.  Keep the head (and the number of events) somewhere else -\n"
	"a case system, the minutes of the gate meeting - and give them here:\n"
	"\n"
	"  --expect-head HASH  fail unless the last event's hash is HASH, or HASH\n"
	"                   is the hash of an earlier event (the journal has grown\n"
	"                   since); a prefix of 12 or more hex digits will do\n"
	"  --expect-events N   fail unless the journal holds at least N events\n"
	"  --chain-only     check the chain alone, without the methodology\n"
	"\n"
	"With --keyring, check every signature against the public keys in KEYRING\n"
	"(lines of `veikart keygen`): an event changed after it was signed, signed\n"
	"with a key KEYRING does not hold or with another person's key, or not\n"
	"signed although KEYRING says its actor must sign, is reported with its\n"
	"event and line.  With --seal, check JOURNAL against a seal (`veikart\n"
	"seal`) signed by a key of KEYRING: a journal rewritten or cut since it\n"
	"was sealed is reported.\n"
	"\n"
	"  --keyring FILE   check every signature against the keys in FILE\n"
	"  --seal FILE      check the journal against the seal in FILE (needs --keyring)\n"
	"\n"
	"Options:\n" CLI_HELP_METHOD "  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when the chain is intact and every event kept the rules of\n"
	"its methodology (or, with --chain-only, the chain alone), 1 otherwise (the\n"
	"message names the event), 2 for a wrong command line, 3 when the file\n"
	"cannot be read.\n",
	run,
};

enum { OPT_CHAIN_ONLY = 1000, OPT_EXPECT_HEAD, OPT_EXPECT_EVENTS };

typedef struct verify_args {
	cli_journal_args journal;
	veikart_verify_options verify;
} verify_args;

static int verify_option(verify_args *a, int c)
{
	char *end;
	unsigned long long n;

	switch (c) {
	case OPT_CHAIN_ONLY:
		a->verify.flags |= VEIKART_VERIFY_CHAIN_ONLY;
		return -1;
	case OPT_EXPECT_HEAD:
		a->verify.expect_head = optarg;
		return -1;
	case OPT_EXPECT_EVENTS:
		errno = 0;
		n = strtoull(optarg, &end, 10);
		if (optarg[0] < '1' || optarg[0] > '9' || *end != '\0' || errno != 0)
			return cli_usage_error(&cli_verify,
			                       "--expect-events `%s` is not a number of events",
			                       optarg);
		a->verify.expect_events = (uint64_t)n;
		return -1;
	default:
		return cli_journal_option(&cli_verify, &a->journal, c);
	}
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ "keyring", required_argument, NULL, 'K' },
		{ "seal", required_argument, NULL, 'S' },
		{ "chain-only", no_argument, NULL, OPT_CHAIN_ONLY },
		{ "expect-head", required_argument, NULL, OPT_EXPECT_HEAD },
		{ "expect-events", required_argument, NULL, OPT_EXPECT_EVENTS },
		{ NULL, 0, NULL, 0 },
	};
	const char *keyring = NULL, *seal = NULL;
	veikart_journal *j = NULL;
	veikart_load_options opts;
	verify_args args;
	const char *path, *paths[33];
	char head[VEIKART_HASH_HEX_LENGTH + 1];
	uint64_t n;
	size_t i, torn;
	int c, rc, err;

	memset(&args, 0, sizeof(args));
	veikart_verify_options_init(&args.verify, VEIKART_VERIFY_OPTIONS_VERSION);
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'K' || c == 'S') {
			*(c == 'K' ? &keyring : &seal) = optarg;
			continue;
		}
		rc = verify_option(&args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_verify, "give one JOURNAL");
	if (seal != NULL && keyring == NULL)
		return cli_usage_error(&cli_verify, "--seal needs --keyring KEYRING to check the "
		                                    "seal's signature");
	path = argv[optind];
	cli_load_options(&opts, &args.journal.common, paths);
	args.verify.method = args.journal.method;
	args.verify.load = &opts;
	err = veikart_journal_verify(path, &args.verify, &n, head);
	if (err == VEIKART_EINVALID)
		return cli_usage_error(&cli_verify, "%s", cli_text(veikart_error_last()->message));
	if (err < 0) {
		fprintf(stderr, "veikart verify: %s%s\n", cli_text(veikart_error_last()->message),
		        err == VEIKART_ENOTFOUND || err == VEIKART_EMISMATCH
		                ? ".  Give --path DIR or --method FILE with the methodology it was "
		                  "recorded against, or --chain-only to check the chain alone"
		                : "");
		return err == VEIKART_EIO || (err == VEIKART_ENOTFOUND && n == 0) ? CLI_FAILED
		                                                                  : CLI_INVALID;
	}
	/* Read again for what to tell: a torn tail, where the expected head is. */
	rc = cli_journal_open(&j, &cli_verify, path, CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	torn = veikart_journal_torn_bytes(j);
	if (torn > 0)
		fprintf(stderr,
		        "veikart verify: warning: %s ends in an incomplete record of %zu bytes: "
		        "a write was cut short and never acknowledged.  The events before it are "
		        "intact; the next command that records cuts it off.\n",
		        path, torn);
	printf("%s: %llu event%s, chain intact, head %s\n", path, (unsigned long long)n,
	       n == 1 ? "" : "s", head);
	if (args.verify.flags & VEIKART_VERIFY_CHAIN_ONLY)
		printf("only the chain was checked (--chain-only), not the rules of the "
		       "methodology\n");
	else
		printf("every event keeps the rules of %s %s\n",
		       cli_text(veikart_event_field(veikart_journal_event(j, 0), "method")),
		       cli_text(veikart_event_field(veikart_journal_event(j, 0), "version")));
	for (i = 0; args.verify.expect_head != NULL && i < veikart_journal_count(j); i++)
		if (strncmp(veikart_event_hash(veikart_journal_event(j, i)),
		            args.verify.expect_head, strlen(args.verify.expect_head)) == 0 &&
		    i + 1 < veikart_journal_count(j))
			printf("the expected head is event %zu; %zu event%s recorded since\n",
			       i + 1, veikart_journal_count(j) - i - 1,
			       veikart_journal_count(j) - i - 1 == 1 ? " was" : "s were");
	rc = cli_verify_trust(path, j, keyring, seal);
	veikart_journal_free(j);
	return rc;
}
