/*
 * veikart init JOURNAL - start an initiative in a new journal.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_init = {
	"init",
	"start an initiative, kept in a new journal file",
	"usage: veikart init [--method METHOD] --id ID --title TEXT --as PERSON\n"
	"                    [--path DIR]... JOURNAL\n"
	"\n"
	"Create the file JOURNAL (it must not exist) and start an initiative in it\n"
	"on METHOD (the default methodology when not given).  The first event,\n"
	"`create`, pins the methodology's id, version and digest: every later\n"
	"command checks that it works with the very same document.\n"
	"\n"
	"PERSON is recorded as the creator, who may then assign the roles:\n"
	"\n"
	"    veikart init nattilsyn.vj --id NT-1 --title \"Digitalt nattilsyn\" \\\n"
	"        --as \"Kari Nordmann\"\n"
	"    veikart assign nattilsyn.vj \"Kari Nordmann\" prosjekteier \\\n"
	"        --as \"Kari Nordmann\"\n"
	"\n"
	"Every event is written and synced to disk before the command reports it.\n"
	"\n"
	"Options:\n"
	"  --method METHOD  a methodology file, or an id on the search path\n"
	"  --id ID          the initiative's id (any text, such as a case number)\n"
	"  --title TEXT     its title\n"
	"  --as PERSON      who creates it\n" CLI_HELP_KEY
	"  --path DIR       look for methodologies in DIR first (repeatable)\n"
	"  -h, --help       show this help\n"
	"\n" CLI_HELP_NOW "\n"
	"Exit status: 0 when the initiative is created, 1 when the journal exists or\n"
	"the methodology or an argument is not valid, 2 for a wrong command line,\n"
	"3 when the file cannot be written.\n",
	run,
};

/* A name for the new journal while it is written: ".NAME.XXXXXX" beside
 * PATH, which must not exist yet. */
static int hidden_name(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t dirlen = base != NULL ? (size_t)(base - path) + 1 : 0;
	struct stat st;
	int fd;

	if (lstat(path, &st) == 0) {
		fprintf(stderr, "veikart init: %s already exists\n", path);
		return CLI_INVALID;
	}
	if ((size_t)snprintf(out, size, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen) >= size)
		return cli_usage_error(&cli_init, "the journal's name is too long");
	fd = mkstemp(out);
	if (fd < 0) {
		fprintf(stderr, "veikart init: %s cannot be created: %s\n", path,
		        errno == ENOENT ? "its directory does not exist" : strerror(errno));
		return errno == ENOENT ? CLI_INVALID : CLI_FAILED;
	}
	/* Only the name is wanted: the journal creates the file itself. */
	close(fd);
	unlink(out);
	return CLI_OK;
}

/* Give the written journal HIDDEN its name PATH, unless something has
 * taken it meanwhile, and make the name durable. */
static int put_in_place(const char *hidden, const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	int fd;

	if (link(hidden, path) < 0) {
		fprintf(stderr, "veikart init: %s %s\n", path,
		        errno == EEXIST ? "already exists" : strerror(errno));
		return errno == EEXIST ? CLI_INVALID : CLI_FAILED;
	}
	snprintf(dir, sizeof(dir), "%.*s", slash != NULL ? (int)(slash - path) + 1 : 1,
	         slash != NULL ? path : ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	return CLI_OK;
}

/* The journal's errors name the file it is written in; say PATH, the name
 * the user gave, instead of the hidden one. */
static int init_error(int code, const char *hidden, const char *path)
{
	const char *msg = veikart_error_last()->message, *at;
	size_t len = strlen(hidden);

	fprintf(stderr, "veikart init: ");
	if (msg[0] == '\0')
		msg = veikart_strerror(code);
	while (len > 0 && (at = strstr(msg, hidden)) != NULL) {
		fprintf(stderr, "%.*s%s", (int)(at - msg), msg, path);
		msg = at + len;
	}
	fprintf(stderr, "%s\n", msg);
	return cli_exit_code(code);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "title", required_argument, NULL, 't' },
		CLI_OPTION_AS,
		CLI_OPTION_KEY,
		CLI_OPTION_METHOD,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	cli_journal_args args;
	cli_session s;
	const char *id = NULL, *title = NULL, *path;
	char hidden[4096];
	int c, rc, err, created = 0;

	memset(&args, 0, sizeof(args));
	memset(&s, 0, sizeof(s));
	s.cmd = &cli_init;
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'i':
			id = optarg;
			break;
		case 't':
			title = optarg;
			break;
		default:
			rc = cli_journal_option(&cli_init, &args, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_init, "give one JOURNAL to create");
	if (id == NULL || title == NULL)
		return cli_usage_error(&cli_init, "give the initiative's --id and --title");
	rc = cli_require_actor(&cli_init, &args);
	if (rc >= 0)
		return rc;
	path = argv[optind];
	rc = cli_clock_from_env(&cli_init, &s);
	if (rc >= 0)
		return rc;
	rc = cli_load_method(&s.method, args.method != NULL ? args.method : VEIKART_DEFAULT_METHOD,
	                     &args.common);
	if (rc != CLI_OK)
		return rc;

	/* Written under a hidden name beside PATH, and linked into place only
	 * with its `create` event synced: a kill leaves nothing at PATH, or
	 * a whole journal, never a file that neither init nor set can use. */
	rc = hidden_name(path, hidden, sizeof(hidden));
	if (rc != CLI_OK)
		goto out;
	jo.flags = VEIKART_JOURNAL_CREATE;
	err = veikart_journal_open(&s.journal, hidden, &jo);
	if (err < 0) {
		rc = init_error(err, hidden, path);
		goto out;
	}
	created = 1;
	rc = cli_session_sign(&s, &args);
	if (rc != CLI_OK)
		goto out;
	io.commit = veikart_journal_commit;
	io.commit_payload = s.journal;
	cli_session_clock_options(&s, &io);
	err = veikart_initiative_create(&s.initiative, s.method, id, title, args.actor, &io);
	if (err < 0) {
		rc = init_error(err, hidden, path);
		goto out;
	}
	rc = put_in_place(hidden, path);
	if (rc != CLI_OK)
		goto out;
	cli_session_print_new(&s, NULL);
	printf("%s: initiative %s on %s %s; next, assign the roles with `veikart assign`\n", path,
	       id, veikart_method_id(s.method), veikart_method_version(s.method));
	rc = CLI_OK;
out:
	cli_session_close(&s);
	if (created)
		unlink(hidden);
	return rc;
}
