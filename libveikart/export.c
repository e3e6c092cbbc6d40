/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Reports for people: what a steering group reads at a gate meeting.  The
 * report is written once, through a small writer with a Markdown and an
 * HTML form, so that the two formats always say the same things.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative.h"
#include "method.h"
#include "xml.h"

typedef struct writer {
	veikart__buf *b;
	veikart_export_format format;
	int in_table;
	int in_list;
} writer;

static const char html_head[] =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>%s</title>\n<style>\n"
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;"
        "margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}\n"
        "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;"
        "border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin-bottom:.3rem}\n"
        "table{border-collapse:collapse;width:100%%;margin:.5rem 0}"
        "th,td{border:1px solid #d0d0d0;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        "th{background:#f2f2f2}\n"
        ".met{color:#1d6b2f;font-weight:bold}.unmet{color:#a31c1c;font-weight:bold}"
        ".unknown{color:#8a6d00;font-weight:bold}\n"
        ".warn{background:#fff4e0;border-left:4px solid #d98a00;padding:.5rem .8rem}\n"
        "blockquote{margin:.3rem 0;padding:.2rem .8rem;border-left:4px solid #ccc;color:#333}\n"
        "code{font-size:.85em;word-break:break-all}\n"
        "</style>\n</head>\n<body>\n";

/* ---- the writer -------------------------------------------------------------- */

static void put_html(veikart__buf *b, const char *s)
{
	const char *nl;

	/* The XML escaper, line by line: a line feed is a <br> in a page. */
	while ((nl = strchr(s, '\n')) != NULL) {
		veikart__xml_put_text_n(b, s, (size_t)(nl - s));
		veikart__buf_puts(b, "<br>");
		s = nl + 1;
	}
	veikart__xml_put_text(b, s);
}

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Markdown: text from the journal or the methodology stays text.  It is
 * kept on its line; what HTML would read (<, >, &) is written as entities,
 * what Markdown would read (emphasis, code, links, headings, tables,
 * strike-through, images, and a list or quote marker where a line starts)
 * is escaped with a backslash; an underscore inside a word is left as it
 * is, as Markdown leaves it.  Control characters are shown as \x1b.
 */
static void put_md(veikart__buf *b, const char *s)
{
	const char *start = s, *d;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t') {
			veikart__buf_putc(b, ' ');
		} else if (c == '<' || c == '>' || c == '&') {
			veikart__buf_puts(b, c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;");
		} else if (c == '_' && s > start && is_alnum(s[-1]) && is_alnum(s[1])) {
			veikart__buf_putc(b, '_');
		} else if (strchr("\\`*_[]#|~!", c) != NULL ||
		           (s == start && (c == '-' || c == '+' || c == '='))) {
			veikart__buf_putc(b, '\\');
			veikart__buf_putc(b, (char)c);
		} else if (s == start && c == ' ') {
			veikart__buf_puts(b, "&#32;");
		} else if (c < 0x20 || c == 0x7f) {
			veikart__buf_printf(b, "\\x%02x", c);
		} else if (c == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		           (unsigned char)s[1] <= 0x9f) {
			veikart__buf_printf(b, "\\u%04x", (unsigned char)s[1]);
			s++;
		} else if (s == start && c >= '0' && c <= '9') {
			/* "1. " or "1) " would start a numbered list. */
			for (d = s; *d >= '0' && *d <= '9'; d++)
				;
			veikart__buf_put(b, s, (size_t)(d - s));
			if (*d == '.' || *d == ')')
				veikart__buf_putc(b, '\\');
			s = d - 1;
		} else {
			veikart__buf_putc(b, (char)c);
		}
	}
}

static void text(writer *w, const char *s)
{
	if (w->format == VEIKART_EXPORT_HTML)
		put_html(w->b, s);
	else
		put_md(w->b, s);
}

static void end_blocks(writer *w)
{
	if (w->in_list) {
		veikart__buf_puts(w->b, w->format == VEIKART_EXPORT_HTML ? "</ul>\n" : "\n");
		w->in_list = 0;
	}
	if (w->in_table) {
		veikart__buf_puts(w->b, w->format == VEIKART_EXPORT_HTML ? "</table>\n" : "\n");
		w->in_table = 0;
	}
}

static void heading(writer *w, int level, const char *s)
{
	end_blocks(w);
	if (w->format == VEIKART_EXPORT_HTML) {
		veikart__buf_printf(w->b, "<h%d>", level);
		text(w, s);
		veikart__buf_printf(w->b, "</h%d>\n", level);
	} else {
		veikart__buf_printf(w->b, "%.*s ", level, "######");
		text(w, s);
		veikart__buf_puts(w->b, "\n\n");
	}
}

/* A paragraph of label: value lines. */
static void field(writer *w, const char *label, const char *value)
{
	end_blocks(w);
	if (w->format == VEIKART_EXPORT_HTML) {
		veikart__buf_puts(w->b, "<p><strong>");
		text(w, label);
		veikart__buf_puts(w->b, ":</strong> ");
		text(w, value);
		veikart__buf_puts(w->b, "</p>\n");
	} else {
		veikart__buf_puts(w->b, "**");
		text(w, label);
		veikart__buf_puts(w->b, ":** ");
		text(w, value);
		veikart__buf_puts(w->b, "\n\n");
	}
}

static void para(writer *w, const char *s, int warning)
{
	end_blocks(w);
	if (w->format == VEIKART_EXPORT_HTML) {
		veikart__buf_puts(w->b, warning ? "<p class=\"warn\">" : "<p>");
		text(w, s);
		veikart__buf_puts(w->b, "</p>\n");
	} else {
		veikart__buf_puts(w->b, warning ? "> **Warning:** " : "");
		text(w, s);
		veikart__buf_puts(w->b, "\n\n");
	}
}

static void quote(writer *w, const char *s)
{
	end_blocks(w);
	if (w->format == VEIKART_EXPORT_HTML) {
		veikart__buf_puts(w->b, "<blockquote>");
		text(w, s);
		veikart__buf_puts(w->b, "</blockquote>\n");
	} else {
		veikart__buf_puts(w->b, "> ");
		text(w, s);
		veikart__buf_puts(w->b, "\n\n");
	}
}

static void item(writer *w, const char *s)
{
	if (w->in_table)
		end_blocks(w);
	if (!w->in_list) {
		if (w->format == VEIKART_EXPORT_HTML)
			veikart__buf_puts(w->b, "<ul>\n");
		w->in_list = 1;
	}
	veikart__buf_puts(w->b, w->format == VEIKART_EXPORT_HTML ? "<li>" : "- ");
	text(w, s);
	veikart__buf_puts(w->b, w->format == VEIKART_EXPORT_HTML ? "</li>\n" : "\n");
}

static void row(writer *w, const char *const *cells, size_t n, int header)
{
	size_t i;

	if (header)
		end_blocks(w);
	if (header && w->format == VEIKART_EXPORT_HTML)
		veikart__buf_puts(w->b, "<table>\n");
	w->in_table = 1;
	if (w->format == VEIKART_EXPORT_HTML) {
		veikart__buf_puts(w->b, "<tr>");
		for (i = 0; i < n; i++) {
			/* A result cell gets its colour from its word. */
			const char *cls = !header && (strcmp(cells[i], "met") == 0 ||
			                              strcmp(cells[i], "unmet") == 0 ||
			                              strcmp(cells[i], "unknown") == 0)
			                          ? cells[i]
			                          : NULL;
			veikart__buf_puts(w->b, header ? "<th>" : "<td>");
			if (cls != NULL)
				veikart__buf_printf(w->b, "<span class=\"%s\">", cls);
			text(w, cells[i]);
			if (cls != NULL)
				veikart__buf_puts(w->b, "</span>");
			veikart__buf_puts(w->b, header ? "</th>" : "</td>");
		}
		veikart__buf_puts(w->b, "</tr>\n");
		return;
	}
	veikart__buf_putc(w->b, '|');
	for (i = 0; i < n; i++) {
		veikart__buf_putc(w->b, ' ');
		text(w, cells[i]);
		veikart__buf_puts(w->b, " |");
	}
	veikart__buf_putc(w->b, '\n');
	if (header) {
		veikart__buf_putc(w->b, '|');
		for (i = 0; i < n; i++)
			veikart__buf_puts(w->b, "---|");
		veikart__buf_putc(w->b, '\n');
	}
}

/* ---- the report ---------------------------------------------------------------- */

static void date_of(char out[16], int64_t t)
{
	veikart__date_format(out, veikart__days_from_time(t));
}

static long days_between(int64_t from, int64_t to)
{
	return (long)(veikart__days_from_time(to) - veikart__days_from_time(from));
}

static void gate_section(writer *w, const veikart_initiative *in, const veikart_report *r,
                         const char *lang, int64_t now)
{
	const veikart_gate *g = veikart_report_gate(r);
	const veikart_role *who = veikart__initiative_authority(in, NULL, g, now);
	const veikart_criterion *c;
	char line[1024], weight[32], day[16];
	const char *cells[5];
	size_t i, missing = 0;
	int64_t due;

	snprintf(line, sizeof(line), "Gate: %s", veikart_gate_title(g, lang));
	heading(w, 2, line);
	field(w, "Verdict", veikart_report_summary(r));
	if (veikart_report_recommended(r) != NULL)
		field(w, "Recommended", veikart_outcome_label(veikart_report_recommended(r), lang));
	field(w, "Decided by",
	      who ? veikart_role_title(who, lang) : "nobody: no authority rule applies now");
	due = veikart_initiative_review_due(in, g);
	if (due != 0) {
		date_of(day, due);
		snprintf(line, sizeof(line), "%s %s (every %u days)",
		         now >= due ? "DUE since" : "next due", day, veikart_gate_every_days(g));
		field(w, "Recurring review", line);
	}
	cells[0] = "Result";
	cells[1] = "Level";
	cells[2] = "Criterion";
	cells[3] = "Reason";
	row(w, cells, 4, 1);
	for (i = 0; i < veikart_report_count(r); i++) {
		c = veikart_report_criterion(r, i);
		snprintf(weight, sizeof(weight), "%s%s",
		         veikart_level_name(veikart_criterion_level(c)),
		         veikart_criterion_level(c) == VEIKART_LEVEL_SHOULD &&
		                         veikart_criterion_weight(c) != 1.0
		                 ? " (weighted)"
		                 : "");
		cells[0] = veikart_truth_name(veikart_report_truth(r, i));
		cells[1] = weight;
		cells[2] = veikart_criterion_text(c, lang);
		cells[3] = veikart_report_reason(r, i);
		row(w, cells, 4, 0);
	}
	for (i = 0; i < veikart_report_count(r); i++) {
		c = veikart_report_criterion(r, i);
		if (veikart_report_truth(r, i) == VEIKART_MET ||
		    veikart_criterion_level(c) == VEIKART_LEVEL_INFO)
			continue;
		if (missing++ == 0)
			heading(w, 3, "What is missing");
		snprintf(line, sizeof(line), "%s (%s, %s): %s", veikart_criterion_text(c, lang),
		         veikart_level_name(veikart_criterion_level(c)),
		         veikart_truth_name(veikart_report_truth(r, i)),
		         veikart_report_reason(r, i));
		item(w, line);
	}
}

static void decisions_section(writer *w, const veikart_initiative *in, const char *lang,
                              int64_t now)
{
	const veikart_decision *d;
	const veikart_outcome *o;
	char line[1200], date[16];
	size_t i, k;

	if (in->walk.ndecisions == 0)
		return;
	heading(w, 2, "Decisions");
	for (i = 0; i < in->walk.ndecisions; i++) {
		d = in->walk.decisions[i];
		o = d->outcome;
		date_of(date, d->time);
		/* A methodology's own label for the outcome usually names where it
		 * leads; the bare kind does not. */
		if (d->target != NULL &&
		    strcmp(veikart_outcome_label(o, lang),
		           veikart_outcome_kind_name(veikart_outcome_kind_of(o))) == 0)
			snprintf(line, sizeof(line), "%s, %s: %s to %s", date,
			         veikart_gate_title(d->gate, lang), veikart_outcome_label(o, lang),
			         veikart_phase_title(d->target, lang));
		else
			snprintf(line, sizeof(line), "%s, %s: %s", date,
			         veikart_gate_title(d->gate, lang), veikart_outcome_label(o, lang));
		heading(w, 3, line);
		snprintf(line, sizeof(line), "%s, as %s (event %" PRIu64 ")%s", d->actor,
		         veikart_role_title(d->authority, lang), d->seq,
		         d->override ? "; OVERRIDE of the gate's verdict" : "");
		field(w, "Decided by", line);
		quote(w, d->rationale);
		field(w, "The gate stood", veikart_report_summary(d->report));
		for (k = 0; k < d->nconditions; k++) {
			const veikart__condition_rec *c = &d->conditions[k];
			int32_t due;
			char met[16];
			veikart__date_parse(&due, c->due, 10);
			if (c->met_seq != 0) {
				date_of(met, c->met_time);
				snprintf(line, sizeof(line),
				         "Condition %zu, due %s: %s (met %s by %s)", k + 1, c->due,
				         c->text, met, c->met_actor);
			} else {
				snprintf(line, sizeof(line), "Condition %zu, due %s: %s (%s)",
				         k + 1, c->due, c->text,
				         veikart__days_from_time(now) > due ? "OVERDUE" : "open");
			}
			item(w, line);
		}
	}
}

/* ---- the rollout ------------------------------------------------------------------ */

#define MAX_FACT_COLUMNS 6

/* The unit-scope facts worth a column: those with a value to compare. */
static size_t fact_columns(const veikart_method *m, size_t *slots)
{
	const veikart_fact *f;
	size_t i, n = 0;

	for (i = 0; i < veikart_method_fact_count(m) && n < MAX_FACT_COLUMNS; i++) {
		f = veikart_method_fact(m, i);
		if (veikart_fact_scope(f) != VEIKART_SCOPE_UNIT)
			continue;
		switch (veikart_fact_type(f)) {
		case VEIKART_TYPE_TEXT:
		case VEIKART_TYPE_EVIDENCE:
		case VEIKART_TYPE_SIGNOFF:
			continue;
		default:
			slots[n++] = i;
		}
	}
	return n;
}

/* The board: a row per wave, a column per unit phase, the units in their cells. */
static void board(writer *w, const veikart_initiative *in, const veikart_unit **units,
                  const char *lang, veikart__buf *cell)
{
	const veikart_method *m = in->method;
	const veikart_phase *phases[32];
	const char *cells[33];
	char wave[32];
	size_t np = 0, i, j, k, start;

	for (i = 0; i < veikart_method_phase_count(m) && np < VEIKART__ARRAY_SIZE(phases); i++)
		if (veikart_phase_scope(veikart_method_phase(m, i)) == VEIKART_SCOPE_UNIT)
			phases[np++] = veikart_method_phase(m, i);
	cells[0] = "Wave";
	for (j = 0; j < np; j++)
		cells[j + 1] = veikart_phase_title(phases[j], lang);
	row(w, cells, np + 1, 1);
	for (start = 0; start < in->nunits; start = i) {
		for (i = start; i < in->nunits && units[i]->wave == units[start]->wave; i++)
			;
		if (units[start]->wave > 0)
			snprintf(wave, sizeof(wave), "%d", (int)units[start]->wave);
		else
			snprintf(wave, sizeof(wave), "none");
		/* One buffer holds every cell of the row, NUL-separated. */
		veikart__buf_clear(cell);
		for (j = 0; j < np; j++) {
			size_t n = 0;
			for (k = start; k < i; k++) {
				if (units[k]->walk.phase != phases[j])
					continue;
				veikart__buf_printf(
				        cell, "%s%s%s", n++ ? ", " : "", units[k]->title,
				        units[k]->walk.status == VEIKART_STATUS_STOPPED
				                ? " (stopped)"
				        : veikart_unit_is_stalled(units[k]) ? " (stalled)"
				                                            : "");
			}
			veikart__buf_putc(cell, '\0');
		}
		if (cell->failed)
			return;
		cells[0] = wave;
		for (j = 0, k = 0; j < np; j++) {
			cells[j + 1] = veikart__buf_cstr(cell) + k;
			k += strlen(cells[j + 1]) + 1;
		}
		row(w, cells, np + 1, 0);
	}
}

/* A row per unit: where it stands, its measures, and its next gate. */
static void unit_table(writer *w, const veikart_initiative *in, const veikart_unit **units,
                       const char *lang, veikart__buf *cell)
{
	const veikart_method *m = in->method;
	size_t slots[MAX_FACT_COLUMNS], nf = fact_columns(m, slots), i, j, at[MAX_FACT_COLUMNS + 6];
	const char *cells[MAX_FACT_COLUMNS + 6];
	veikart_report *r;
	const veikart_unit *u;
	const veikart__fact_rec *f;

	cells[0] = "Unit";
	cells[1] = "Type";
	cells[2] = "Wave";
	cells[3] = "Phase";
	for (j = 0; j < nf; j++)
		cells[4 + j] = veikart_fact_title(veikart_method_fact(m, slots[j]), lang);
	cells[4 + nf] = "Next gate";
	row(w, cells, nf + 5, 1);
	for (i = 0; i < in->nunits; i++) {
		u = units[i];
		veikart__buf_clear(cell);
		/* Offsets, not pointers: the buffer may move while it grows. */
		at[0] = cell->len;
		veikart__buf_printf(cell, "%s", u->title);
		if (strcmp(u->title, u->id) != 0)
			veikart__buf_printf(cell, " (%s)", u->id);
		veikart__buf_putc(cell, '\0');
		at[1] = cell->len;
		veikart__buf_printf(cell, "%s%c", u->type ? u->type : "", '\0');
		at[2] = cell->len;
		if (u->wave > 0)
			veikart__buf_printf(cell, "%d", (int)u->wave);
		veikart__buf_putc(cell, '\0');
		at[3] = cell->len;
		veikart__buf_printf(cell, "%s, %ld d%s%s", veikart_phase_title(u->walk.phase, lang),
		                    veikart_unit_days_in_phase(u),
		                    u->walk.status != VEIKART_STATUS_ACTIVE ? ", " : "",
		                    u->walk.status != VEIKART_STATUS_ACTIVE
		                            ? veikart_status_name(u->walk.status)
		                    : veikart_unit_is_stalled(u) ? " (stalled)"
		                                                 : "");
		veikart__buf_putc(cell, '\0');
		for (j = 0; j < nf; j++) {
			f = u->facts[slots[j]];
			at[4 + j] = cell->len;
			veikart__buf_printf(cell, "%s%c", f != NULL ? f->text : "not reported",
			                    '\0');
		}
		at[4 + nf] = cell->len;
		r = NULL;
		if (u->walk.status == VEIKART_STATUS_ACTIVE &&
		    veikart_phase_gate_count(u->walk.phase) == 1 &&
		    veikart_initiative_unit_evaluate(&r, in, u->id, NULL) == 0)
			veikart__buf_printf(cell, "%s: %s",
			                    veikart_gate_title(veikart_report_gate(r), lang),
			                    veikart_report_summary(r));
		veikart_report_free(r);
		veikart__buf_putc(cell, '\0');
		if (cell->failed)
			return;
		for (j = 0; j < nf + 5; j++)
			cells[j] = veikart__buf_cstr(cell) + at[j];
		row(w, cells, nf + 5, 0);
	}
}

static void rollout_section(writer *w, const veikart_initiative *in, const char *lang)
{
	const veikart_method *m = in->method;
	const veikart_unit **units;
	veikart__buf cell;
	char line[1024];
	size_t i, j, n, len = 0;

	if (in->nunits == 0)
		return;
	units = veikart__calloc(&in->alloc, in->nunits, sizeof(*units));
	if (units == NULL) {
		w->b->failed = 1;
		return;
	}
	veikart_initiative_rollout_order(in, units, in->nunits);
	heading(w, 2, "Rollout");
	len = (size_t)snprintf(line, sizeof(line), "%zu unit%s:", in->nunits,
	                       in->nunits == 1 ? "" : "s");
	for (j = 0; j < veikart_method_phase_count(m) && len < sizeof(line); j++) {
		const veikart_phase *p = veikart_method_phase(m, j);
		if (veikart_phase_scope(p) != VEIKART_SCOPE_UNIT)
			continue;
		for (i = 0, n = 0; i < in->nunits; i++)
			n += in->units[i]->walk.phase == p;
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s %zu;",
		                        veikart_phase_title(p, lang), n);
	}
	if (len > 0 && len < sizeof(line))
		line[len - 1] = '.';
	para(w, line, 0);
	veikart__buf_init(&cell, &in->alloc);
	board(w, in, units, lang, &cell);
	heading(w, 3, "Units");
	unit_table(w, in, units, lang, &cell);
	if (cell.failed)
		w->b->failed = 1;
	veikart__buf_dispose(&cell);
	veikart__free(&in->alloc, units);
}

/* Decisions at the units' gates: many and alike, so one line each. */
static void unit_decisions_section(writer *w, const veikart_initiative *in, const char *lang)
{
	const veikart_decision *d;
	const veikart_unit *u;
	const char *cells[6];
	char date[16];
	size_t i, k, n = 0;

	for (i = 0; i < in->nunits; i++)
		n += in->units[i]->walk.ndecisions;
	if (n == 0)
		return;
	heading(w, 2, "Decisions at the units' gates");
	cells[0] = "Date";
	cells[1] = "Unit";
	cells[2] = "Gate";
	cells[3] = "Outcome";
	cells[4] = "Decided by";
	cells[5] = "Rationale";
	row(w, cells, 6, 1);
	for (i = 0; i < in->nunits; i++) {
		u = in->units[i];
		for (k = 0; k < u->walk.ndecisions; k++) {
			d = u->walk.decisions[k];
			date_of(date, d->time);
			cells[0] = date;
			cells[1] = u->title;
			cells[2] = veikart_gate_title(d->gate, lang);
			cells[3] =
			        d->override ? "OVERRIDE" : veikart_outcome_label(d->outcome, lang);
			cells[4] = d->actor;
			cells[5] = d->rationale;
			row(w, cells, 6, 0);
		}
	}
}

int veikart_initiative_export(char **out, size_t *length, const veikart_initiative *in,
                              veikart_export_format format, const char *lang)
{
	const veikart_method *m;
	const veikart__fact_rec *f;
	veikart_report *report = NULL;
	const char *cells[4];
	char line[1024], a[16], b[16] = "", days[24];
	veikart__buf buf;
	writer w;
	int64_t now;
	size_t i, j;
	int err;

	if (out == NULL || in == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the report or no initiative");
	*out = NULL;
	if (format != VEIKART_EXPORT_MARKDOWN && format != VEIKART_EXPORT_HTML)
		return veikart__error_set(VEIKART_EINVALID, "unknown report format %d",
		                          (int)format);
	if (in->id == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "the initiative has not been created yet");
	m = in->method;
	now = in->clock(in->clock_payload);
	veikart__buf_init(&buf, &in->alloc);
	memset(&w, 0, sizeof(w));
	w.b = &buf;
	w.format = format;

	if (format == VEIKART_EXPORT_HTML) {
		veikart__buf t;
		veikart__buf_init(&t, &in->alloc);
		put_html(&t, in->title);
		veikart__buf_printf(&buf, html_head, veikart__buf_cstr(&t));
		if (t.failed)
			buf.failed = 1;
		veikart__buf_dispose(&t);
	}
	snprintf(line, sizeof(line), "%s (%s)", in->title, in->id);
	heading(&w, 1, line);
	snprintf(line, sizeof(line), "%s (%s %s)", veikart_method_title(m, lang),
	         veikart_method_id(m), veikart_method_version(m));
	field(&w, "Methodology", line);
	date_of(a, in->walk.phase_entered);
	snprintf(line, sizeof(line), "%s: %s (%s) since %s, %ld day%s",
	         veikart_status_name(in->walk.status), veikart_phase_title(in->walk.phase, lang),
	         veikart_phase_kind_name(veikart_phase_kind_of(in->walk.phase)), a,
	         days_between(in->walk.phase_entered, now),
	         days_between(in->walk.phase_entered, now) == 1 ? "" : "s");
	field(&w, "Status", line);
	date_of(a, now);
	field(&w, "Report date", a);
	if (veikart_initiative_is_stalled(in)) {
		snprintf(line, sizeof(line),
		         "Stalled: %ld days in %s, which is meant to take at most %u.",
		         days_between(in->walk.phase_entered, now),
		         veikart_phase_title(in->walk.phase, lang),
		         veikart_phase_max_days(in->walk.phase));
		para(&w, line, 1);
	}

	/* Every gate of the phase: the way on, and any advisory or recurring
	 * review beside it. */
	for (j = 0; in->walk.status == VEIKART_STATUS_ACTIVE &&
	            j < veikart_phase_gate_count(in->walk.phase);
	     j++) {
		err = veikart_initiative_evaluate(&report, in,
		                                  veikart_phase_gate(in->walk.phase, j));
		if (err < 0)
			goto out;
		gate_section(&w, in, report, lang, now);
		veikart_report_free(report);
		report = NULL;
	}

	rollout_section(&w, in, lang);

	heading(&w, 2, "Timeline");
	cells[0] = "Phase";
	cells[1] = "Entered";
	cells[2] = "Left";
	cells[3] = "Days";
	row(&w, cells, 4, 1);
	for (i = 0; i < in->walk.nvisits; i++) {
		const veikart__visit *v = &in->walk.visits[i];
		int64_t end = v->left != 0 ? v->left : now;
		date_of(a, v->entered);
		if (v->left != 0)
			date_of(b, v->left);
		snprintf(days, sizeof(days), "%ld", days_between(v->entered, end));
		cells[0] = veikart_phase_title(v->phase, lang);
		cells[1] = a;
		cells[2] =
		        v->left != 0 ? b : (veikart_phase_is_terminal(v->phase) ? "" : "(current)");
		cells[3] = veikart_phase_is_terminal(v->phase) && v->left == 0 ? "" : days;
		row(&w, cells, 4, 0);
	}

	decisions_section(&w, in, lang, now);
	unit_decisions_section(&w, in, lang);

	heading(&w, 2, "People");
	cells[0] = "Role";
	cells[1] = "Person";
	row(&w, cells, 2, 1);
	for (i = 0; i < veikart_method_role_count(m); i++) {
		const veikart_role *role = veikart_method_role(m, i);
		for (j = 0; j < in->nassignments; j++) {
			if (in->assignments[j].role != role)
				continue;
			cells[0] = veikart_role_title(role, lang);
			cells[1] = in->assignments[j].person;
			if (in->assignments[j].unit != NULL) {
				snprintf(line, sizeof(line), "%s (for %s)",
				         in->assignments[j].person, in->assignments[j].unit->title);
				cells[1] = line;
			}
			row(&w, cells, 2, 0);
		}
	}

	heading(&w, 2, "Facts");
	cells[0] = "Fact";
	cells[1] = "Value";
	cells[2] = "Recorded by";
	cells[3] = "On";
	row(&w, cells, 4, 1);
	for (i = 0; i < in->nfacts; i++) {
		f = in->facts[i];
		if (f == NULL)
			continue;
		date_of(a, f->time);
		cells[0] = veikart_fact_title(veikart_method_fact(m, i), lang);
		cells[1] = f->text;
		cells[2] = f->actor;
		cells[3] = a;
		row(&w, cells, 4, 0);
	}

	heading(&w, 2, "Record");
	snprintf(line, sizeof(line), "%" PRIu64 " events; the last has hash %s", in->seq, in->head);
	para(&w, line, 0);
	snprintf(line, sizeof(line), "Methodology digest %s", veikart_method_digest(m));
	para(&w, line, 0);
	end_blocks(&w);
	if (format == VEIKART_EXPORT_HTML)
		veikart__buf_puts(&buf, "</body>\n</html>\n");
	if (buf.failed) {
		err = veikart__error_nomem();
		goto out;
	}
	*out = veikart__string_new(&in->alloc, veikart__buf_cstr(&buf), buf.len);
	if (*out == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	if (length != NULL)
		*length = buf.len;
	err = 0;
out:
	veikart_report_free(report);
	veikart__buf_dispose(&buf);
	return err;
}
