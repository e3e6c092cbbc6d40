/*
 * veikart - the command-line tool of libveikart
 * SPDX-License-Identifier: MIT
 *
 * How the tool writes what the library says, for every command that
 * shows it: times, an event as a line of the audit trail, a gate report,
 * who may act in a role, and the rollout unit by unit.
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* ---- times ------------------------------------------------------------------------- */

/* gmtime_r() into TM, or 0 when T is out of its range. */
static int utc(struct tm *tm, int64_t t)
{
	time_t tt = (time_t)t;

	return gmtime_r(&tt, tm) != NULL;
}
void cli_format_time(char *buf, size_t size, int64_t t)
{
	struct tm tm;

	if (!utc(&tm, t) || strftime(buf, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, size, "@%lld", (long long)t);
}
void cli_format_date(char *buf, size_t size, int64_t t)
{
	struct tm tm;

	if (!utc(&tm, t) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "@%lld", (long long)t);
}

/* ---- events ------------------------------------------------------------------------ */

static const char *title_or_id(const char *title, const char *id)
{
	return title != NULL ? title : id;
}

/* ---- text from journals and methodologies ------------------------------------------ */

/* The visible form of the control character at S (its bytes in *LEN), or
 * NULL: line breaks and tabs become a space, other C0 controls and DEL
 * \x1b, the C1 controls U+0080 to U+009F \u009b. */
static const char *visible(const char *s, size_t *len, char form[8])
{
	unsigned char c = (unsigned char)s[0];

	*len = 1;
	if (c == '\n' || c == '\r' || c == '\t')
		return " ";
	if (c < 0x20 || c == 0x7f) {
		snprintf(form, 8, "\\x%02x", c);
		return form;
	}
	if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f) {
		*len = 2;
		snprintf(form, 8, "\\u%04x", (unsigned char)s[1]);
		return form;
	}
	return NULL;
}

void cli_put_text(FILE *out, const char *s)
{
	const char *shown;
	char form[8];
	size_t len;

	for (; s != NULL && *s != '\0'; s += len) {
		shown = visible(s, &len, form);
		if (shown != NULL)
			fputs(shown, out);
		else
			fputc(*s, out);
	}
}

const char *cli_text(const char *s)
{
	static char bufs[4][4 * 1024 + 8];
	static unsigned next;
	char *buf = bufs[next++ % 4], form[8];
	const char *shown;
	size_t n = 0, len, k;

	if (s == NULL)
		return NULL;
	for (; *s != '\0'; s += len) {
		shown = visible(s, &len, form);
		k = shown != NULL ? strlen(shown) : 1;
		if (n + k + sizeof("…") > sizeof(bufs[0])) {
			/* Cut before the character S is in the middle of (bytes that
			 * need no escape are copied one for one), and say so. */
			while (n > 0 && ((unsigned char)*s & 0xc0) == 0x80) {
				n--;
				s--;
			}
			memcpy(buf + n, "…", sizeof("…"));
			return buf;
		}
		memcpy(buf + n, shown != NULL ? shown : s, k);
		n += k;
	}
	buf[n] = '\0';
	return buf;
}

/* Field text on one line, as it may be shown (cli_put_text()). */
static void put_flat(FILE *out, const char *s)
{
	cli_put_text(out, s);
}

static void put_phase(FILE *out, const veikart_method *m, const char *id, const char *lang)
{
	const veikart_phase *p = veikart_method_phase_by_id(m, id);

	if (p != NULL && strcmp(veikart_phase_title(p, lang), id) != 0)
		fprintf(out, "%s (%s)", cli_text(id), cli_text(veikart_phase_title(p, lang)));
	else
		fprintf(out, "%s", cli_text(id));
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
	veikart_decision_record d;
	size_t i;

	fprintf(out, "decide ");
	put_unit(out, ev);
	if (veikart_event_decision(ev, &d) < 0) {
		fprintf(out, "(a decision that cannot be read: %s)",
		        cli_text(veikart_error_last()->message));
		return;
	}
	fprintf(out, "at %s: %s", cli_text(d.gate), veikart_outcome_kind_name(d.outcome));
	if (d.to != NULL) {
		fprintf(out, " → ");
		put_phase(out, m, d.to, lang);
	}
	for (i = 0; i < d.via_count; i++)
		fprintf(out, "%s%s", i ? ", " : " passing over ",
		        cli_text(veikart_event_field_nth(ev, "via", i)));
	fprintf(out, "; gate %s", veikart_verdict_name(d.verdict));
	if (d.override)
		fprintf(out, ", OVERRIDE");
	for (i = 0; i < d.condition_count; i++) {
		fprintf(out, "%s%zu. ", i ? "; " : "; conditions: ", i + 1);
		put_flat(out, veikart_event_field_nth(ev, "condition", i));
	}
	fprintf(out, "; why: \"");
	put_flat(out, d.rationale);
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
		fprintf(out, "create %s \"", cli_text(veikart_event_field(ev, "id")));
		put_flat(out, veikart_event_field(ev, "title"));
		fprintf(out, "\" on %s %s, starting in ",
		        cli_text(veikart_event_field(ev, "method")),
		        cli_text(veikart_event_field(ev, "version")));
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
		        veikart_event_kind_of(ev) == VEIKART_EVENT_ASSIGN ? "as" : "from",
		        cli_text(role_id));
		if (role != NULL)
			fprintf(out, " (%s)", cli_text(veikart_role_title(role, lang)));
		break;
	case VEIKART_EVENT_SET:
		fprintf(out, "set ");
		put_unit(out, ev);
		fprintf(out, "%s = ", cli_text(fact));
		put_flat(out, veikart_event_field(ev, "value"));
		break;
	case VEIKART_EVENT_CLEAR:
		fprintf(out, "clear ");
		put_unit(out, ev);
		fprintf(out, "%s", cli_text(fact));
		break;
	case VEIKART_EVENT_ATTACH:
		fprintf(out, "attach ");
		put_unit(out, ev);
		fprintf(out, "%s ", cli_text(fact));
		put_flat(out, veikart_event_field(ev, "uri"));
		sha = veikart_event_field(ev, "sha256");
		if (sha != NULL)
			fprintf(out, " sha256:%.12s...", cli_text(sha));
		break;
	case VEIKART_EVENT_APPROVE:
	case VEIKART_EVENT_SIGN:
		fprintf(out, "%s ", veikart_event_kind_name(veikart_event_kind_of(ev)));
		put_unit(out, ev);
		fprintf(out, "%s", cli_text(fact));
		break;
	case VEIKART_EVENT_STEP:
		phase_id = veikart_event_field(ev, "phase");
		step_id = veikart_event_field(ev, "step");
		phase = veikart_method_phase_by_id(m, phase_id);
		fprintf(out, "step ");
		put_unit(out, ev);
		fprintf(out, "%s/%s done", cli_text(phase_id), cli_text(step_id));
		for (i = 0; i < veikart_phase_step_count(phase); i++)
			if (strcmp(veikart_step_id(veikart_phase_step(phase, i)), step_id) == 0)
				fprintf(out, " (%s)",
				        cli_text(title_or_id(
				                veikart_step_title(veikart_phase_step(phase, i),
				                                   lang),
				                step_id)));
		break;
	case VEIKART_EVENT_DECIDE:
		put_decision(out, ev, m, lang);
		break;
	case VEIKART_EVENT_CONDITION_MET:
		fprintf(out, "condition ");
		put_unit(out, ev);
		fprintf(out, "%s of decision #%s met",
		        cli_text(veikart_event_field(ev, "condition")),
		        cli_text(veikart_event_field(ev, "decision")));
		break;
	default:
		fprintf(out, "%s", veikart_event_kind_name(veikart_event_kind_of(ev)));
	}
}

/* ---- gate reports ------------------------------------------------------------------ */

void cli_holders(char *buf, size_t size, const veikart_initiative *in, const veikart_unit *unit,
                 const veikart_role *role)
{
	const veikart_unit *only;
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < veikart_initiative_assignment_count(in); i++) {
		if (veikart_initiative_assignment_role(in, i) != role)
			continue;
		/* A role given for one unit lets its holder act for that unit only. */
		only = veikart_initiative_assignment_unit(in, i);
		if (only != NULL && only != unit)
			continue;
		if (n < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s%s", n ? ", " : "",
			                      cli_text(veikart_initiative_assignment_person(in, i)),
			                      only != NULL ? " (this unit)" : "");
	}
	if (n == 0)
		snprintf(buf, size, "nobody");
}

static const char *marker(veikart_truth t)
{
	return t == VEIKART_MET ? "✓" : t == VEIKART_UNMET ? "✗" : "?";
}

/* Who decides now: the authority rule that applies with the current facts
 * (of the unit, at a unit's gate), or, when none does, every rule with its
 * condition. */
static void put_authority(FILE *out, const veikart_initiative *in, const veikart_unit *unit,
                          const veikart_gate *g, const char *lang)
{
	const veikart_role *role;
	const char *cond;
	char who[512];
	size_t i, n = veikart_gate_authority_count(g);

	if (unit != NULL)
		role = veikart_unit_authority(unit, g);
	else
		role = veikart_initiative_authority(in, g);
	if (role != NULL) {
		cli_holders(who, sizeof(who), in, unit, role);
		fprintf(out, "%s (%s): %s", cli_text(veikart_role_title(role, lang)),
		        cli_text(veikart_role_id(role)), who);
		return;
	}
	fprintf(out, "nobody: no authority rule applies now (");
	for (i = 0; i < n; i++) {
		role = veikart_gate_authority_role(g, i);
		cond = veikart_gate_authority_condition(g, i);
		fprintf(out, "%s%s when %s", i ? "; " : "", cli_text(veikart_role_id(role)),
		        cond != NULL ? cli_text(cond) : "always");
	}
	fprintf(out, ")");
}

/* A recurring review: when it is next due, or how long it has been due. */
static void put_review(FILE *out, const veikart_initiative *in, const veikart_unit *unit,
                       const veikart_gate *g)
{
	int64_t due = unit != NULL ? veikart_unit_review_due(unit, g)
	                           : veikart_initiative_review_due(in, g);
	int64_t now = veikart_initiative_now(in);
	long days;
	char date[16];

	if (due == 0)
		return;
	cli_format_date(date, sizeof(date), due);
	days = (long)((due > now ? due - now : now - due) / 86400);
	if (now >= due)
		fprintf(out, "  REVIEW DUE since %s (%ld day%s): decide continue when it passes\n",
		        date, days, days == 1 ? "" : "s");
	else
		fprintf(out, "  Recurring review every %u days; next due %s (in %ld day%s)\n",
		        veikart_gate_every_days(g), date, days, days == 1 ? "" : "s");
}

void cli_print_report(FILE *out, const veikart_initiative *in, const veikart_unit *unit,
                      const veikart_report *r, const char *lang)
{
	const veikart_gate *g = veikart_report_gate(r);
	const veikart_criterion *crit;
	const veikart_outcome *rec = veikart_report_recommended(r);
	veikart_verdict verdict = veikart_report_verdict(r);
	const char *name = veikart_verdict_name(verdict), *summary = veikart_report_summary(r);
	veikart_truth t;
	size_t i, n = veikart_report_count(r), missing = 0, weak = 0;

	fprintf(out, "Gate %s: %s\n  ", cli_text(veikart_gate_id(g)),
	        cli_text(veikart_gate_title(g, lang)));
	for (i = 0; name[i] != '\0'; i++)
		fputc(toupper((unsigned char)name[i]), out);
	/* The summary begins with the verdict's name: say it once. */
	if (strncmp(summary, name, i) == 0 && summary[i] == ':')
		fprintf(out, "%s\n", cli_text(summary + i));
	else
		fprintf(out, ": %s\n", cli_text(summary));
	for (i = 0; i < n; i++) {
		crit = veikart_report_criterion(r, i);
		fprintf(out, "  %s %-6s %s\n", marker(veikart_report_truth(r, i)),
		        veikart_level_name(veikart_criterion_level(crit)),
		        cli_text(veikart_criterion_text(crit, lang)));
		fprintf(out, "           %s: %s\n", cli_text(veikart_criterion_id(crit)),
		        cli_text(veikart_report_reason(r, i)));
	}
	for (i = 0; i < n; i++) {
		crit = veikart_report_criterion(r, i);
		t = veikart_report_truth(r, i);
		if (t == VEIKART_MET)
			continue;
		if (veikart_criterion_level(crit) == VEIKART_LEVEL_MUST) {
			fprintf(out, "%s    - %s (%s)\n", missing++ ? "" : "  What is missing:\n",
			        cli_text(veikart_criterion_text(crit, lang)),
			        cli_text(veikart_report_reason(r, i)));
		} else if (veikart_criterion_level(crit) == VEIKART_LEVEL_SHOULD) {
			weak++;
		}
	}
	if (missing == 0 && weak > 0 && verdict != VEIKART_VERDICT_READY &&
	    verdict != VEIKART_VERDICT_ADVISORY) {
		for (i = 0; i < n; i++) {
			crit = veikart_report_criterion(r, i);
			if (veikart_report_truth(r, i) == VEIKART_MET ||
			    veikart_criterion_level(crit) != VEIKART_LEVEL_SHOULD)
				continue;
			fprintf(out, "%s    - %s (%s)\n",
			        missing++ ? "" : "  What would raise the should-score:\n",
			        cli_text(veikart_criterion_text(crit, lang)),
			        cli_text(veikart_report_reason(r, i)));
		}
	}
	if (rec != NULL) {
		fprintf(out, "  Recommended: %s",
		        veikart_outcome_kind_name(veikart_outcome_kind_of(rec)));
		if (veikart_outcome_target(rec) != NULL)
			fprintf(out, " → %s",
			        cli_text(veikart_phase_title(veikart_outcome_target(rec), lang)));
		fprintf(out, " (%s)\n", cli_text(veikart_outcome_label(rec, lang)));
	}
	fprintf(out, "  Decided by: ");
	put_authority(out, in, unit, g, lang);
	fputc('\n', out);
	put_review(out, in, unit, g);
}

/* ---- the rollout, unit by unit ------------------------------------------------------ */

enum {
	COL_ID,
	COL_TITLE,
	COL_TYPE,
	COL_PARENT,
	COL_WAVE,
	COL_PHASE,
	COL_DAYS,
	COL_STATUS,
	COL_GATE,
	NCOLS
};

#define CELL_BYTES 320
#define MAX_TITLE_CHARS 28

typedef struct unit_row {
	char cell[NCOLS][CELL_BYTES];
} unit_row;

/* Characters of UTF-8 text as a terminal counts them (one column each). */
static size_t width_of(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* S into BUF, cut to MAX characters with an ellipsis. */
static void clip(char *buf, size_t size, const char *s, size_t max)
{
	size_t i, chars = 0;

	snprintf(buf, size, "%s", s);
	if (width_of(buf) <= max)
		return;
	/* Cut before the character that would be the MAX-th: the ellipsis is it. */
	for (i = 0; buf[i] != '\0'; i++) {
		if (((unsigned char)buf[i] & 0xc0) == 0x80)
			continue;
		chars++;
		if (chars == max)
			break;
	}
	if (i + sizeof("…") <= size)
		snprintf(buf + i, size - i, "…");
}

/* A cell cut short by snprintf() (it fills all SIZE bytes) may end in half
 * a character: cut it at a character and mark the cut. */
static void mend_cut(char *buf, size_t size)
{
	size_t i = strlen(buf);

	if (i + 1 < size || size < sizeof("…"))
		return;
	i = size - sizeof("…");
	while (i > 0 && ((unsigned char)buf[i] & 0xc0) == 0x80)
		i--;
	snprintf(buf + i, size - i, "…");
}

/* Line breaks and tabs become spaces, so that a row stays a line. */
static void flatten(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

/* The verdict of the unit's next gate(s), or where it ended. */
static int next_gate(char *buf, size_t size, const veikart_initiative *in, const veikart_unit *u)
{
	const veikart_phase *p = veikart_unit_phase(u);
	veikart_report *r = NULL;
	size_t i, n = 0;
	int err;

	buf[0] = '\0';
	if (veikart_unit_status(u) != VEIKART_STATUS_ACTIVE) {
		snprintf(buf, size, "%s", veikart_status_name(veikart_unit_status(u)));
		return 0;
	}
	if (veikart_phase_gate_count(p) == 0) {
		snprintf(buf, size, "no gate");
		return 0;
	}
	for (i = 0; i < veikart_phase_gate_count(p); i++) {
		err = veikart_initiative_unit_evaluate(&r, in, veikart_unit_id(u),
		                                       veikart_phase_gate(p, i));
		if (err == VEIKART_ENOMEM)
			return err;
		if (n < size && err < 0)
			n += (size_t)snprintf(buf + n, size - n, "%s%s: %s", n ? "; " : "",
			                      cli_text(veikart_gate_id(veikart_phase_gate(p, i))),
			                      cli_text(veikart_error_last()->message));
		else if (n < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s %s", n ? "; " : "",
			                      cli_text(veikart_gate_id(veikart_phase_gate(p, i))),
			                      cli_text(veikart_report_summary(r)));
		veikart_report_free(r);
		r = NULL;
	}
	flatten(buf);
	return 0;
}

static int fill_row(unit_row *row, const veikart_initiative *in, const veikart_unit *u)
{
	const veikart_unit *parent = veikart_unit_parent(u);
	const char *type = veikart_unit_type_of(u);
	size_t k;
	int err;

	snprintf(row->cell[COL_ID], CELL_BYTES, "%s", cli_text(veikart_unit_id(u)));
	clip(row->cell[COL_TITLE], CELL_BYTES, cli_text(veikart_unit_title(u)), MAX_TITLE_CHARS);
	flatten(row->cell[COL_TITLE]);
	snprintf(row->cell[COL_TYPE], CELL_BYTES, "%s", type != NULL ? cli_text(type) : "-");
	snprintf(row->cell[COL_PARENT], CELL_BYTES, "%s",
	         parent != NULL ? cli_text(veikart_unit_id(parent)) : "-");
	if (veikart_unit_wave(u) > 0)
		snprintf(row->cell[COL_WAVE], CELL_BYTES, "%d", veikart_unit_wave(u));
	else
		snprintf(row->cell[COL_WAVE], CELL_BYTES, "-");
	snprintf(row->cell[COL_PHASE], CELL_BYTES, "%s",
	         cli_text(veikart_phase_id(veikart_unit_phase(u))));
	snprintf(row->cell[COL_DAYS], CELL_BYTES, "%ld%s", veikart_unit_days_in_phase(u),
	         veikart_unit_is_stalled(u) ? " STALLED" : "");
	snprintf(row->cell[COL_STATUS], CELL_BYTES, "%s",
	         veikart_status_name(veikart_unit_status(u)));
	err = next_gate(row->cell[COL_GATE], CELL_BYTES, in, u);
	for (k = 0; k < NCOLS; k++)
		mend_cut(row->cell[k], CELL_BYTES);
	return err;
}

static void put_padded(FILE *out, const char *s, size_t width, int last)
{
	size_t w = width_of(s);

	fputs(s, out);
	if (last)
		return;
	for (; w < width + 2; w++)
		fputc(' ', out);
}

size_t cli_print_units(FILE *out, const veikart_initiative *in, cli_unit_filter filter,
                       void *payload, int wide, int indent)
{
	static const char *const heads[NCOLS] = { "UNIT",  "TITLE", "TYPE",   "PARENT",   "WAVE",
		                                  "PHASE", "DAYS",  "STATUS", "NEXT GATE" };
	static const int narrow[] = { COL_ID, COL_WAVE, COL_PHASE, COL_DAYS, COL_GATE };
	static const int all[] = { COL_ID,    COL_TITLE, COL_TYPE,   COL_PARENT, COL_WAVE,
		                   COL_PHASE, COL_DAYS,  COL_STATUS, COL_GATE };
	const int *cols = wide ? all : narrow;
	size_t ncols = wide ? sizeof(all) / sizeof(all[0]) : sizeof(narrow) / sizeof(narrow[0]);
	size_t total = veikart_initiative_unit_count(in), n = 0, i, k;
	const veikart_unit **units = NULL;
	unit_row *rows = NULL;
	size_t width[NCOLS];
	size_t shown = (size_t)-1;

	units = calloc(total + 1, sizeof(*units));
	rows = calloc(total + 1, sizeof(*rows));
	if (units == NULL || rows == NULL || veikart_initiative_rollout_order(in, units, total) < 0)
		goto nomem;
	for (i = 0; i < total; i++)
		if (filter == NULL || filter(units[i], payload))
			units[n++] = units[i];
	for (k = 0; k < NCOLS; k++)
		width[k] = width_of(heads[k]);
	for (i = 0; i < n; i++) {
		if (fill_row(&rows[i], in, units[i]) < 0)
			goto nomem;
		for (k = 0; k < NCOLS; k++)
			if (width_of(rows[i].cell[k]) > width[k])
				width[k] = width_of(rows[i].cell[k]);
	}
	if (n > 0) {
		fprintf(out, "%*s", indent, "");
		for (k = 0; k < ncols; k++)
			put_padded(out, heads[cols[k]], width[cols[k]], k + 1 == ncols);
		fputc('\n', out);
	}
	for (i = 0; i < n; i++) {
		fprintf(out, "%*s", indent, "");
		for (k = 0; k < ncols; k++)
			put_padded(out, rows[i].cell[cols[k]], width[cols[k]], k + 1 == ncols);
		fputc('\n', out);
	}
	shown = n;
	goto out;
nomem:
	fprintf(stderr, "veikart: out of memory\n");
out:
	free(rows);
	free(units);
	return shown;
}

void cli_print_unit_counts(FILE *out, const veikart_initiative *in, cli_unit_filter filter,
                           void *payload, int indent, const char *lang)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_phase *p;
	const veikart_unit *u;
	char label[512];
	size_t i, k, n, stopped = 0, width = 0;

	for (k = 0; k < veikart_method_phase_count(m); k++) {
		p = veikart_method_phase(m, k);
		if (veikart_phase_scope(p) != VEIKART_SCOPE_UNIT)
			continue;
		snprintf(label, sizeof(label), "%s (%s)", cli_text(veikart_phase_title(p, lang)),
		         cli_text(veikart_phase_id(p)));
		if (width_of(label) > width)
			width = width_of(label);
	}
	for (i = 0; i < veikart_initiative_unit_count(in); i++) {
		u = veikart_initiative_unit(in, i);
		if ((filter == NULL || filter(u, payload)) &&
		    veikart_unit_status(u) == VEIKART_STATUS_STOPPED)
			stopped++;
	}
	for (k = 0; k < veikart_method_phase_count(m); k++) {
		p = veikart_method_phase(m, k);
		if (veikart_phase_scope(p) != VEIKART_SCOPE_UNIT)
			continue;
		/* A stopped unit walks no more: it is counted as stopped only. */
		for (i = 0, n = 0; i < veikart_initiative_unit_count(in); i++) {
			u = veikart_initiative_unit(in, i);
			if ((filter == NULL || filter(u, payload)) && veikart_unit_phase(u) == p &&
			    veikart_unit_status(u) != VEIKART_STATUS_STOPPED)
				n++;
		}
		snprintf(label, sizeof(label), "%s (%s)", cli_text(veikart_phase_title(p, lang)),
		         cli_text(veikart_phase_id(p)));
		fprintf(out, "%*s", indent, "");
		put_padded(out, label, width, 0);
		fprintf(out, "%zu\n", n);
	}
	if (stopped > 0) {
		fprintf(out, "%*s", indent, "");
		put_padded(out, "stopped", width, 0);
		fprintf(out, "%zu\n", stopped);
	}
}
