/*
 * veikart log JOURNAL - the audit trail, one readable line per event.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_log = {
	"log",
	"print an initiative's audit trail, one line per event",
	"usage: veikart log [--lang LANG] [--method METHOD] [--path DIR]... JOURNAL\n"
	"\n"
	"Print every event of JOURNAL, oldest first: its number, the time (UTC), who\n"
	"acted and what was recorded.  Decisions show the gate, the outcome and where\n"
	"it led, the gate's verdict at that moment, OVERRIDE when the decision went\n"
	"against it, and the rationale.  An event about a rollout unit names it in\n"
	"brackets after the verb.  The last line is the hash of the last event, the\n"
	"value to keep elsewhere to prove later that nothing was rewritten.\n"
	"\n"
	"    #12  2026-03-02 10:00  Ola Hansen  set active_use_ratio = 0.45\n"
	"    #40  2026-09-01 10:00  Per Olsen  set [site-07] users_active = 12\n"
	"    #25  2026-06-01 10:00  Ingrid Berg  decide at g-evaluering: recycle → ...\n"
	"\n"
	"The journal is read without a lock and left as it is; `veikart verify`\n"
	"checks it.  When the methodology it was recorded against is not at hand,\n"
	"the trail is printed without its labels.  The event number is what\n"
	"`veikart meet` takes as DECISION.\n"
	"\n"
	"Options:\n"
	"  --lang LANG      labels of phases, steps and roles in LANG (nb, en, "
	"...)\n" CLI_HELP_METHOD "  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when the trail is printed, 1 when the journal cannot be\n"
	"read, 2 for a wrong command line.\n",
	run,
};

static const char *title_or_id(const char *title, const char *id)
{
	return title != NULL ? title : id;
}

/* Field text on one line: line breaks and tabs become spaces. */
static void put_flat(FILE *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, out);
}

static void put_phase(FILE *out, const veikart_method *m, const char *id, const char *lang)
{
	const veikart_phase *p = veikart_method_phase_by_id(m, id);

	if (p != NULL && strcmp(veikart_phase_title(p, lang), id) != 0)
		fprintf(out, "%s (%s)", id, veikart_phase_title(p, lang));
	else
		fprintf(out, "%s", id);
}

/* The rollout unit an event is about, as "[site-07] ", or nothing. */
static void put_unit(FILE *out, const veikart_event *ev)
{
	const char *unit = veikart_event_field(ev, "unit");

	if (unit == NULL)
		return;
	fputc('[', out);
	put_flat(out, unit);
	fprintf(out, "] ");
}

/* `unit-add site-07 "Sentrum" (type site, parent nordby, wave 1, order 2),
 * starting in preparing (Preparing)` */
static void put_unit_add(FILE *out, const veikart_event *ev, const veikart_method *m,
                         const char *lang)
{
	static const char *const keys[] = { "type", "parent", "wave", "order" };
	const veikart_phase *start = veikart_method_unit_start(m);
	const char *title = veikart_event_field(ev, "title"), *v;
	size_t i, n = 0;

	fprintf(out, "unit-add ");
	put_flat(out, veikart_event_field(ev, "unit"));
	if (title != NULL) {
		fprintf(out, " \"");
		put_flat(out, title);
		fputc('"', out);
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		v = veikart_event_field(ev, keys[i]);
		if (v == NULL)
			continue;
		fprintf(out, "%s%s ", n++ ? ", " : " (", keys[i]);
		put_flat(out, v);
	}
	if (n > 0)
		fputc(')', out);
	if (start != NULL) {
		fprintf(out, ", starting in ");
		put_phase(out, m, veikart_phase_id(start), lang);
	}
}

static void put_decision(FILE *out, const veikart_event *ev, const veikart_method *m,
                         const char *lang)
{
	const char *to = veikart_event_field(ev, "to"), *key;
	size_t i, nvia = 0, ncond = 0;

	fprintf(out, "decide ");
	put_unit(out, ev);
	fprintf(out, "at %s: %s", veikart_event_field(ev, "gate"),
	        veikart_event_field(ev, "outcome"));
	if (to != NULL) {
		fprintf(out, " → ");
		put_phase(out, m, to, lang);
	}
	for (i = 0; i < veikart_event_field_count(ev); i++) {
		key = veikart_event_field_key(ev, i);
		if (strcmp(key, "via") == 0)
			fprintf(out, "%s%s", nvia++ ? ", " : " passing over ",
			        veikart_event_field_value(ev, i));
	}
	fprintf(out, "; gate %s", veikart_event_field(ev, "verdict"));
	if (veikart_event_field(ev, "override") != NULL)
		fprintf(out, ", OVERRIDE");
	for (i = 0; i < veikart_event_field_count(ev); i++) {
		key = veikart_event_field_key(ev, i);
		if (strcmp(key, "condition") != 0)
			continue;
		fprintf(out, "%s%zu. ", ncond ? "; " : "; conditions: ", ncond + 1);
		ncond++;
		put_flat(out, veikart_event_field_value(ev, i));
	}
	fprintf(out, "; why: \"");
	put_flat(out, veikart_event_field(ev, "rationale"));
	fputc('"', out);
}

void cli_print_event(FILE *out, const veikart_event *ev, const veikart_method *m, const char *lang)
{
	const char *fact = veikart_event_field(ev, "fact"), *sha, *role_id, *phase_id, *step_id;
	const veikart_role *role;
	const veikart_phase *phase;
	char when[32];
	size_t i;

	cli_format_time(when, sizeof(when), veikart_event_time(ev));
	fprintf(out, "#%" PRIu64 "  %s  ", veikart_event_seq(ev), when);
	put_flat(out, veikart_event_actor(ev));
	fprintf(out, "  ");
	switch (veikart_event_kind_of(ev)) {
	case VEIKART_EVENT_CREATE:
		fprintf(out, "create %s \"", veikart_event_field(ev, "id"));
		put_flat(out, veikart_event_field(ev, "title"));
		fprintf(out, "\" on %s %s, starting in ", veikart_event_field(ev, "method"),
		        veikart_event_field(ev, "version"));
		put_phase(out, m, veikart_event_field(ev, "phase"), lang);
		break;
	case VEIKART_EVENT_UNIT_ADD:
		put_unit_add(out, ev, m, lang);
		break;
	case VEIKART_EVENT_ASSIGN:
	case VEIKART_EVENT_UNASSIGN:
		role_id = veikart_event_field(ev, "role");
		role = veikart_method_role_by_id(m, role_id);
		fprintf(out, "%s ", veikart_event_kind_name(veikart_event_kind_of(ev)));
		put_unit(out, ev);
		put_flat(out, veikart_event_field(ev, "person"));
		fprintf(out, " %s %s",
		        veikart_event_kind_of(ev) == VEIKART_EVENT_ASSIGN ? "as" : "from", role_id);
		if (role != NULL)
			fprintf(out, " (%s)", veikart_role_title(role, lang));
		break;
	case VEIKART_EVENT_SET:
		fprintf(out, "set ");
		put_unit(out, ev);
		fprintf(out, "%s = ", fact);
		put_flat(out, veikart_event_field(ev, "value"));
		break;
	case VEIKART_EVENT_CLEAR:
		fprintf(out, "clear ");
		put_unit(out, ev);
		fprintf(out, "%s", fact);
		break;
	case VEIKART_EVENT_ATTACH:
		fprintf(out, "attach ");
		put_unit(out, ev);
		fprintf(out, "%s ", fact);
		put_flat(out, veikart_event_field(ev, "uri"));
		sha = veikart_event_field(ev, "sha256");
		if (sha != NULL)
			fprintf(out, " sha256:%.12s...", sha);
		break;
	case VEIKART_EVENT_APPROVE:
	case VEIKART_EVENT_SIGN:
		fprintf(out, "%s ", veikart_event_kind_name(veikart_event_kind_of(ev)));
		put_unit(out, ev);
		fprintf(out, "%s", fact);
		break;
	case VEIKART_EVENT_STEP:
		phase_id = veikart_event_field(ev, "phase");
		step_id = veikart_event_field(ev, "step");
		phase = veikart_method_phase_by_id(m, phase_id);
		fprintf(out, "step ");
		put_unit(out, ev);
		fprintf(out, "%s/%s done", phase_id, step_id);
		for (i = 0; i < veikart_phase_step_count(phase); i++)
			if (strcmp(veikart_step_id(veikart_phase_step(phase, i)), step_id) == 0)
				fprintf(out, " (%s)",
				        title_or_id(veikart_step_title(veikart_phase_step(phase, i),
				                                       lang),
				                    step_id));
		break;
	case VEIKART_EVENT_DECIDE:
		put_decision(out, ev, m, lang);
		break;
	case VEIKART_EVENT_CONDITION_MET:
		fprintf(out, "condition ");
		put_unit(out, ev);
		fprintf(out, "%s of decision #%s met", veikart_event_field(ev, "condition"),
		        veikart_event_field(ev, "decision"));
		break;
	default:
		fprintf(out, "%s", veikart_event_kind_name(veikart_event_kind_of(ev)));
	}
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_LANG, CLI_OPTION_METHOD,    CLI_OPTION_PATH,
		CLI_OPTION_HELP, { NULL, 0, NULL, 0 },
	};
	cli_journal_args args;
	cli_session s;
	size_t i, n;
	int c, rc;

	memset(&args, 0, sizeof(args));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		rc = cli_journal_option(&cli_log, &args, c);
		if (rc >= 0)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cli_log, "give one JOURNAL");
	/* The trail is read as it stands, without replaying it (`verify`
	 * judges), and without labels when the methodology is not at hand. */
	memset(&s, 0, sizeof(s));
	rc = cli_journal_open(&s.journal, &cli_log, argv[optind], CLI_SESSION_READONLY);
	if (rc != CLI_OK)
		return rc;
	n = veikart_journal_count(s.journal);
	if (n == 0) {
		printf("%s holds no events\n", argv[optind]);
		cli_session_close(&s);
		return CLI_OK;
	}
	if (cli_journal_method(&s.method, &cli_log, s.journal, args.method, &args.common, 1) !=
	    CLI_OK)
		fprintf(stderr,
		        "veikart log: note: the methodology %s was recorded against is not at hand "
		        "(give --path DIR or --method FILE); its labels are left out\n",
		        argv[optind]);
	for (i = 0; i < n; i++) {
		cli_print_event(stdout, veikart_journal_event(s.journal, i), s.method,
		                args.common.lang);
		fputc('\n', stdout);
	}
	printf("head %s (%zu events)\n",
	       veikart_event_hash(veikart_journal_event(s.journal, n - 1)), n);
	cli_session_close(&s);
	return CLI_OK;
}
