/*
 * veikart keygen --output FILE [--actor NAME] - make a signing key.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_keygen = {
	"keygen",
	"make a key to sign what you record",
	"usage: veikart keygen --output FILE [--actor NAME]\n"
	"\n"
	"Make an Ed25519 key pair and write its secret key to FILE, a new file\n"
	"only you may read (mode 0600).  With --actor, the key is NAME's, the\n"
	"person events name when NAME records them (`--as NAME`), and it signs\n"
	"only NAME's events; without, it is a host's key, which signs anyone's.\n"
	"\n"
	"Print the key's line for a keyring: give it to whoever verifies the\n"
	"journal, who keeps it in their keyring (see `veikart verify --keyring`).\n"
	"A person's key is printed `must-sign`: every event of theirs must then be\n"
	"signed.  Change it to `may-sign` to allow unsigned events of theirs.\n"
	"\n"
	"    $ veikart keygen --output kari.key --actor 'Kari Nordmann'\n"
	"    key 3f1c0d2e9a8b7c6d AbC...= must-sign Kari Nordmann\n"
	"\n"
	"Record with `--key kari.key` to sign.  Keep FILE secret: whoever reads\n"
	"it can sign in your name.\n"
	"\n"
	"Options:\n"
	"  --output FILE    where to write the secret key (required; never overwritten)\n"
	"  --actor NAME     whose key it is (default: a host's key)\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when written, 2 for a wrong command line, 3 when FILE\n"
	"cannot be written (or exists).\n",
	run,
};

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "actor", required_argument, NULL, 'n' },
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *actor = NULL;
	veikart_key *key = NULL;
	char *line = NULL;
	cli_common common;
	int c, rc, err;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'o') {
			output = optarg;
		} else if (c == 'n') {
			actor = optarg;
		} else {
			rc = cli_common_option(&cli_keygen, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind != argc)
		return cli_usage_error(&cli_keygen, "takes no operands; give --output FILE");
	if (output == NULL)
		return cli_usage_error(&cli_keygen, "give --output FILE for the secret key");
	err = veikart_key_generate(&key, actor, NULL);
	if (err < 0)
		return err == VEIKART_EINVALID
		               ? cli_usage_error(&cli_keygen, "%s", veikart_error_last()->message)
		               : cli_error(&cli_keygen, err);
	err = veikart_key_save(key, output);
	if (err == 0)
		err = veikart_key_public_line(
		        &line, key, actor != NULL ? VEIKART_KEY_MUST_SIGN : VEIKART_KEY_HOST);
	if (err < 0) {
		fprintf(stderr, "veikart keygen: %s\n", veikart_error_last()->message);
		rc = CLI_FAILED;
	} else {
		fputs(line, stdout);
		rc = CLI_OK;
	}
	veikart_string_free(line);
	veikart_key_free(key);
	return rc;
}
