/*
 * veikart - the command-line tool of libveikart
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "veikart %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry `veikart %s --help`.\n", cmd->name);
	return CLI_USAGE;
}

int cli_common_option(const cli_command *cmd, cli_common *common, int c)
{
	switch (c) {
	case 'p':
		if (common->npaths + 1 >= sizeof(common->paths) / sizeof(common->paths[0]))
			return cli_usage_error(cmd, "too many --path options");
		common->paths[common->npaths++] = optarg;
		return -1;
	case 'l':
		common->lang = optarg;
		return -1;
	case 'h':
		return cli_help(cmd);
	default:
		return cli_usage_error(cmd, "unknown option");
	}
}

int cli_help(const cli_command *cmd)
{
	printf("veikart %s - %s\n\n%s", cmd->name, cmd->summary, cmd->usage);
	return CLI_OK;
}

void cli_print_diagnostics(const veikart_diagnostics *diags)
{
	char line[4096];
	size_t i;

	for (i = 0; i < veikart_diagnostics_count(diags); i++) {
		veikart_diagnostic_format(line, sizeof(line), veikart_diagnostics_get(diags, i));
		fprintf(stderr, "%s\n", cli_text(line));
	}
}

int cli_exit_code(int err)
{
	switch (err) {
	case VEIKART_ENOMEM:
	case VEIKART_EIO:
	case VEIKART_ERROR:
	/* The tool's only commit hook is the journal: a change it vetoed is
	 * one it could not write (a full disk, a failing sync). */
	case VEIKART_EUSER:
		return CLI_FAILED;
	default:
		return CLI_INVALID;
	}
}

int cli_error(const cli_command *cmd, int code)
{
	const veikart_error *e = veikart_error_last();

	if (e->file != NULL && e->line != 0 && e->column != 0)
		fprintf(stderr, "%s:%u:%u: error: %s\n", cli_text(e->file), e->line, e->column,
		        cli_text(e->message));
	else if (e->file != NULL && e->line != 0)
		fprintf(stderr, "%s:%u: error: %s\n", cli_text(e->file), e->line,
		        cli_text(e->message));
	else
		fprintf(stderr, "veikart %s: %s\n", cmd->name,
		        e->message[0] ? cli_text(e->message) : veikart_strerror(code));
	return cli_exit_code(code);
}

void cli_load_options(veikart_load_options *opts, const cli_common *common, const char **paths)
{
	size_t i;

	veikart_load_options_init(opts, VEIKART_LOAD_OPTIONS_VERSION);
	for (i = 0; i < common->npaths; i++)
		paths[i] = common->paths[i];
	paths[common->npaths] = NULL;
	opts->search_path = common->npaths ? paths : NULL;
}

int cli_load_overlaid(veikart_method **out, const char *base, const char *with, const char *name,
                      const veikart_load_options *opts, veikart_diagnostics **diags)
{
	char id[800], doc[2048];
	veikart_method *b = NULL;
	size_t i;
	int err, n;

	n = snprintf(id, sizeof(id), "%s-with-%s", base, with);
	if (n < 0 || (size_t)n >= sizeof(id))
		return veikart_error_set(VEIKART_ELIMIT, "the methodology reference is too long");
	for (i = 0; id[i] != '\0'; i++)
		if (id[i] == ' ')
			id[i] = '-';
	err = veikart_method_load(&b, base, opts, diags);
	if (err < 0)
		return err;
	n = snprintf(doc, sizeof(doc),
	             "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"%s\" version=\"%s\" "
	             "extends=\"%s\" with=\"%s\"/>",
	             id, veikart_method_version(b), base, with);
	veikart_method_free(b);
	veikart_diagnostics_free(*diags);
	*diags = NULL;
	if (n < 0 || (size_t)n >= sizeof(doc))
		return veikart_error_set(VEIKART_ELIMIT, "the methodology reference is too long");
	return veikart_method_load_buffer(out, doc, (size_t)n, name, opts, diags);
}

/* "BASE+OVERLAY[+OVERLAY...]": BASE taking in the overlays. */
static int load_with_overlays(veikart_method **out, const char *ref,
                              const veikart_load_options *opts, veikart_diagnostics **diags)
{
	const char *plus = strchr(ref, '+');
	char base[256], with[512];
	size_t i;

	if ((size_t)(plus - ref) >= sizeof(base) || strlen(plus + 1) >= sizeof(with))
		return veikart_error_set(VEIKART_ELIMIT, "the methodology reference is too long");
	snprintf(base, sizeof(base), "%.*s", (int)(plus - ref), ref);
	snprintf(with, sizeof(with), "%s", plus + 1);
	for (i = 0; with[i] != '\0'; i++)
		if (with[i] == '+')
			with[i] = ' ';
	return cli_load_overlaid(out, base, with, ref, opts, diags);
}

int cli_load_method(veikart_method **out, const char *ref, const cli_common *common)
{
	veikart_diagnostics *diags = NULL;
	veikart_load_options opts;
	const char *paths[33];
	int err;

	cli_load_options(&opts, common, paths);
	if (strchr(ref, '+') != NULL && access(ref, F_OK) != 0)
		err = load_with_overlays(out, ref, &opts, &diags);
	else
		err = veikart_method_load(out, ref, &opts, &diags);
	if (veikart_diagnostics_count(diags) > 0)
		cli_print_diagnostics(diags);
	else if (err < 0)
		fprintf(stderr, "veikart: %s\n", cli_text(veikart_error_last()->message));
	veikart_diagnostics_free(diags);
	if (err == VEIKART_ENOMEM || err == VEIKART_EIO)
		return CLI_FAILED;
	return err < 0 ? CLI_INVALID : CLI_OK;
}

/* ---- initiatives kept in journals ------------------------------------------ */

int cli_journal_option(const cli_command *cmd, cli_journal_args *args, int c)
{
	switch (c) {
	case 'a':
		args->actor = optarg;
		return -1;
	case 'm':
		args->method = optarg;
		return -1;
	case 'k':
		args->key = optarg;
		return -1;
	default:
		return cli_common_option(cmd, &args->common, c);
	}
}

int cli_require_actor(const cli_command *cmd, const cli_journal_args *args)
{
	if (args->actor == NULL || args->actor[0] == '\0')
		return cli_usage_error(cmd, "say who you are with --as PERSON: every event "
		                            "records who acted");
	return -1;
}

int cli_parse_recording(const cli_command *cmd, cli_journal_args *args, int argc, char **argv,
                        int min, int max, const char *what)
{
	static const struct option longopts[] = {
		CLI_OPTION_AS,   CLI_OPTION_KEY,  CLI_OPTION_METHOD,
		CLI_OPTION_PATH, CLI_OPTION_HELP, { NULL, 0, NULL, 0 },
	};
	int c, rc;

	memset(args, 0, sizeof(*args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		rc = cli_journal_option(cmd, args, c);
		if (rc >= 0)
			return rc;
	}
	if (argc - optind < min || argc - optind > max)
		return cli_usage_error(cmd, "give %s", what);
	return cli_require_actor(cmd, args);
}

int cli_clock_from_env(const cli_command *cmd, cli_session *s)
{
	const char *text = getenv("VEIKART_NOW"), *kind = getenv("VEIKART_CLOCK");

	s->now = 0;
	s->has_now = 0;
	s->simulated = 0;
	if (kind != NULL && kind[0] != '\0') {
		if (strcmp(kind, "simulated") != 0 && strcmp(kind, "real") != 0)
			return cli_usage_error(
			        cmd, "VEIKART_CLOCK=`%s` is not `simulated` or `real`", kind);
		s->simulated = strcmp(kind, "simulated") == 0;
	}
	if (text == NULL || text[0] == '\0')
		return -1;
	if (veikart_time_parse(text, &s->now) < 0)
		return cli_usage_error(
		        cmd, "VEIKART_NOW=`%s` is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", text);
	s->has_now = 1;
	return -1;
}

void cli_session_clock_options(cli_session *s, veikart_initiative_options *io)
{
	if (!s->has_now)
		return;
	io->clock = cli_session_clock;
	io->clock_payload = s;
	if (s->simulated)
		io->flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
}

int64_t cli_session_clock(void *payload)
{
	const cli_session *s = payload;

	return s->now;
}

int cli_journal_open(veikart_journal **out, const cli_command *cmd, const char *path,
                     unsigned int flags)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	size_t torn;
	int err;

	if (flags & CLI_SESSION_READONLY)
		jo.flags |= VEIKART_JOURNAL_READONLY;
	err = veikart_journal_open(out, path, &jo);
	if (err < 0) {
		/* The journal's messages name the file, the event and the line. */
		fprintf(stderr, "veikart %s: %s%s\n", cmd->name,
		        cli_text(veikart_error_last()->message),
		        err == VEIKART_ELOCKED ? "; try again when it has finished" : "");
		return cli_exit_code(err);
	}
	torn = veikart_journal_torn_bytes(*out);
	if (torn > 0 && !(flags & CLI_SESSION_READONLY))
		fprintf(stderr,
		        "veikart %s: warning: %s ended in an incomplete record (%zu bytes, a write "
		        "that was interrupted); it has been cut off, and every event before it "
		        "is intact\n",
		        cmd->name, path, torn);
	return CLI_OK;
}

int cli_journal_method(veikart_method **out, const cli_command *cmd, const veikart_journal *j,
                       const char *method_ref, const cli_common *common, int quiet)
{
	veikart_diagnostics *diags = NULL;
	veikart_load_options opts;
	const veikart_event *first = veikart_journal_event(j, 0);
	const char *paths[33];
	int err;

	cli_load_options(&opts, common, paths);
	err = veikart_journal_method(out, j, method_ref, &opts, &diags);
	if (err < 0 && !quiet) {
		if (err == VEIKART_EMISMATCH) {
			fprintf(stderr,
			        "veikart %s: %s.  Point --path DIR or --method FILE at the one it "
			        "was "
			        "recorded against\n",
			        cmd->name, cli_text(veikart_error_last()->message));
		} else if (err == VEIKART_ECORRUPT || first == NULL) {
			fprintf(stderr, "veikart %s: %s\n", cmd->name,
			        cli_text(veikart_error_last()->message));
		} else {
			if (veikart_diagnostics_count(diags) > 0)
				cli_print_diagnostics(diags);
			else
				fprintf(stderr, "veikart %s: %s\n", cmd->name,
				        cli_text(veikart_error_last()->message));
			fprintf(stderr,
			        "veikart %s: %s was recorded against methodology %s %s; point "
			        "--path DIR or --method FILE at it\n",
			        cmd->name, veikart_journal_path(j),
			        veikart_event_field(first, "method"),
			        veikart_event_field(first, "version"));
		}
	}
	veikart_diagnostics_free(diags);
	return err < 0 ? cli_exit_code(err) : CLI_OK;
}

/* A journal whose last event is dated ahead of real time refuses every
 * change until then: say why, and how to go on. */
static void explain_future(const cli_session *s, const char *path)
{
	size_t n = veikart_journal_count(s->journal), k;
	int64_t wall = (int64_t)time(NULL), t;
	char when[40];

	if (n == 0 || s->simulated)
		return;
	t = veikart_event_time(veikart_journal_event(s->journal, n - 1));
	if (t <= wall + 300 || (s->has_now && s->now >= t))
		return;
	for (k = n; k > 0 && veikart_event_time(veikart_journal_event(s->journal, k - 1)) > wall;
	     k--)
		;
	cli_format_time(when, sizeof(when), t);
	fprintf(stderr,
	        "veikart %s: %s: its last event (#%zu) is dated %s, after the real time now, so "
	        "no change can be recorded before then: events are recorded in order.  If the "
	        "clock that dated it was wrong, keep this file as it is, and go on in a copy of "
	        "the %zu event%s before the first one dated in the future, whose chain is "
	        "intact: `head -n %zu %s > NEW.vj`, then `veikart verify NEW.vj`, and record "
	        "again what the later events said.  If the dates are right because the clock is "
	        "simulated, say so: VEIKART_CLOCK=simulated with VEIKART_NOW at or after that "
	        "time\n",
	        s->cmd->name, path, n, when, k, k == 1 ? "" : "s", k + 1, path);
}

int cli_session_open(cli_session *s, const cli_command *cmd, const char *path,
                     const cli_journal_args *args, unsigned int flags)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	int rc, err;

	memset(s, 0, sizeof(*s));
	s->cmd = cmd;
	rc = cli_clock_from_env(cmd, s);
	if (rc >= 0)
		return rc;
	rc = cli_journal_open(&s->journal, cmd, path, flags);
	if (rc != CLI_OK)
		goto out;
	s->mark = veikart_journal_count(s->journal);
	if (!(flags & CLI_SESSION_READONLY)) {
		rc = cli_session_sign(s, args);
		if (rc != CLI_OK)
			goto out;
	}
	rc = cli_journal_method(&s->method, cmd, s->journal, args->method, &args->common, 0);
	if (rc != CLI_OK)
		goto out;
	cli_session_clock_options(s, &io);
	err = veikart_initiative_replay(&s->initiative, s->method, s->journal, &io);
	if (err < 0) {
		fprintf(stderr, "veikart %s: %s: %s\n", cmd->name, path,
		        cli_text(veikart_error_last()->message));
		rc = cli_exit_code(err);
		goto out;
	}
	if (!(flags & CLI_SESSION_READONLY))
		explain_future(s, path);
	/* Recording refuses such a clock; reading only says it is odd. */
	if (s->has_now && (flags & CLI_SESSION_READONLY) && s->mark > 0 &&
	    s->now < veikart_event_time(veikart_journal_event(s->journal, s->mark - 1)))
		fprintf(stderr,
		        "veikart %s: warning: VEIKART_NOW is earlier than the last event of %s; "
		        "what follows includes every event\n",
		        cmd->name, path);
out:
	if (rc != CLI_OK)
		cli_session_close(s);
	return rc;
}

void cli_session_close(cli_session *s)
{
	/* The initiative first: it belongs to the methodology and the journal. */
	veikart_initiative_free(s->initiative);
	veikart_method_free(s->method);
	veikart_journal_free(s->journal);
	veikart_signer_free(s->signer);
	s->initiative = NULL;
	s->method = NULL;
	s->journal = NULL;
	s->signer = NULL;
}

int cli_load_key(veikart_key **out, const cli_command *cmd, const char *path)
{
	struct stat st;
	int err;

	*out = NULL;
	if (stat(path, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		fprintf(stderr,
		        "veikart %s: %s is a secret key that others may read (mode %04o): refused; "
		        "make it private with `chmod 600 %s`, or make a new key if others may "
		        "have read it\n",
		        cmd->name, path, (unsigned int)(st.st_mode & 07777), path);
		return CLI_INVALID;
	}
	err = veikart_key_load(out, path, NULL);
	if (err < 0) {
		fprintf(stderr, "veikart %s: %s\n", cmd->name,
		        cli_text(veikart_error_last()->message));
		return cli_exit_code(err);
	}
	return CLI_OK;
}

int cli_session_sign(cli_session *s, const cli_journal_args *args)
{
	veikart_key *key = NULL;
	int rc, err;

	if (args->key == NULL)
		return CLI_OK;
	rc = cli_load_key(&key, s->cmd, args->key);
	if (rc != CLI_OK)
		return rc;
	if (veikart_key_name(key) != NULL && args->actor != NULL &&
	    strcmp(veikart_key_name(key), args->actor) != 0) {
		fprintf(stderr,
		        "veikart %s: the key in %s is %s's; it cannot sign what %s records\n",
		        s->cmd->name, args->key, cli_text(veikart_key_name(key)),
		        cli_text(args->actor));
		veikart_key_free(key);
		return CLI_INVALID;
	}
	err = veikart_signer_new(&s->signer, NULL);
	if (err == 0)
		err = veikart_signer_add(s->signer, key);
	if (err == 0)
		err = veikart_journal_set_signer(s->journal, s->signer);
	veikart_key_free(key);
	return err < 0 ? cli_error(s->cmd, err) : CLI_OK;
}

void cli_session_print_new(cli_session *s, const char *lang)
{
	size_t i, n = veikart_journal_count(s->journal);

	for (i = s->mark; i < n; i++) {
		cli_print_event(stdout, veikart_journal_event(s->journal, i), s->method, lang);
		fputc('\n', stdout);
	}
	s->mark = n;
}

int cli_session_done(cli_session *s, int err)
{
	int rc = CLI_OK;

	if (err < 0)
		rc = cli_error(s->cmd, err);
	cli_session_print_new(s, NULL);
	cli_session_close(s);
	return rc;
}

/* ---- output ------------------------------------------------------------------- */

int cli_write_output(const cli_command *cmd, const char *file, const char *text, size_t len)
{
	FILE *f = stdout;
	int ok;

	if (file != NULL) {
		f = fopen(file, "wb");
		if (f == NULL) {
			fprintf(stderr, "veikart %s: cannot write %s: %s\n", cmd->name, file,
			        strerror(errno));
			return CLI_FAILED;
		}
	}
	ok = fwrite(text, 1, len, f) == len;
	if (file != NULL)
		ok = fclose(f) == 0 && ok;
	else
		ok = fflush(f) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "veikart %s: cannot write %s: %s\n", cmd->name,
		        file != NULL ? file : "standard output", strerror(errno));
		return CLI_FAILED;
	}
	return CLI_OK;
}
