/*
 * veikart compare A B... - variants side by side, stage by stage.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_compare = {
	"compare",
	"set methodologies side by side by phase kind: gates, musts, who decides",
	"usage: veikart compare [--path DIR]... METHOD METHOD...\n"
	"\n"
	"Print a table with a column per methodology and a block per canonical\n"
	"phase kind (needs, planning, pilot, evaluation, rollout, operation,\n"
	"closed, custom) that any of them has.  For each kind:\n"
	"\n"
	"  phases   the phases of that kind (`(unit)`: walked per rollout unit)\n"
	"  gate     each gate leaving those phases, in the methodology's order,\n"
	"           with `every N d` for a recurring review and `advisory` for a\n"
	"           gate that never blocks\n"
	"  must     how many of the gate's criteria must be met\n"
	"  decides  the roles of its authority rules, first rule first; `*` marks\n"
	"           a rule that applies only when its condition holds\n"
	"\n"
	"A `-` means the methodology has nothing there.  `veikart diff A B` lists\n"
	"every difference between two of them.\n"
	"\n"
	"Options:\n"
	"  --path DIR   look for methodologies in DIR first (repeatable)\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit status: 0, 1 when a methodology cannot be loaded, 2 for a wrong\n"
	"command line, 3 when memory runs out.\n",
	run,
};

#define CELL 256

/* One line of the table: a label and a cell per methodology. */
typedef struct row {
	char label[16];
	char (*cells)[CELL];
} row;

typedef struct table {
	row *rows;
	size_t count, cap;
	size_t columns;
	int failed;
} table;

/* Add a row; pointers to rows are valid only until the next add_row(). */
static row *add_row(table *t, const char *label)
{
	row *r;
	size_t i;

	if (t->failed)
		return NULL;
	if (t->count == t->cap) {
		size_t cap = t->cap == 0 ? 32 : t->cap * 2;
		row *rows = realloc(t->rows, cap * sizeof(*rows));
		if (rows == NULL) {
			t->failed = 1;
			return NULL;
		}
		t->rows = rows;
		t->cap = cap;
	}
	r = &t->rows[t->count];
	r->cells = calloc(t->columns, sizeof(*r->cells));
	if (r->cells == NULL) {
		t->failed = 1;
		return NULL;
	}
	snprintf(r->label, sizeof(r->label), "%s", label);
	for (i = 0; i < t->columns; i++)
		r->cells[i][0] = '\0';
	t->count++;
	return r;
}

/* Columns on screen: UTF-8 continuation bytes take none. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void append(char *cell, const char *s)
{
	size_t len = strlen(cell);

	snprintf(cell + len, CELL - len, "%s", s);
}

/* The gates of a methodology leaving phases of a kind, in its order. */
static size_t gates_of_kind(const veikart_method *m, veikart_phase_kind kind,
                            const veikart_gate **out, size_t max)
{
	const veikart_gate *g;
	size_t i, n = 0;

	for (i = 0; i < veikart_method_gate_count(m); i++) {
		g = veikart_method_gate(m, i);
		if (veikart_phase_kind_of(veikart_gate_from(g)) != kind)
			continue;
		if (out != NULL && n < max)
			out[n] = g;
		n++;
	}
	return n;
}

static int has_kind(const veikart_method *m, veikart_phase_kind kind)
{
	size_t i;

	for (i = 0; i < veikart_method_phase_count(m); i++)
		if (veikart_phase_kind_of(veikart_method_phase(m, i)) == kind)
			return 1;
	return 0;
}

static void phases_cell(char *cell, const veikart_method *m, veikart_phase_kind kind)
{
	const veikart_phase *p;
	size_t i;

	for (i = 0; i < veikart_method_phase_count(m); i++) {
		p = veikart_method_phase(m, i);
		if (veikart_phase_kind_of(p) != kind)
			continue;
		if (cell[0] != '\0')
			append(cell, ", ");
		append(cell, veikart_phase_id(p));
		if (veikart_phase_scope(p) == VEIKART_SCOPE_UNIT)
			append(cell, " (unit)");
	}
	if (cell[0] == '\0')
		append(cell, "-");
}

/* Rows for gate number `nth` of a kind in every methodology.  Returns
 * whether any rule was conditional. */
static int gate_rows(table *t, veikart_method *const *methods, veikart_phase_kind kind, size_t nth)
{
	const veikart_gate *gates[64], *g;
	row *rg, *rm, *rd;
	char buf[64];
	size_t i, j, musts;
	int conditional = 0;

	add_row(t, "  gate");
	add_row(t, "    must");
	add_row(t, "    decides");
	if (t->failed)
		return 0;
	rg = &t->rows[t->count - 3];
	rm = &t->rows[t->count - 2];
	rd = &t->rows[t->count - 1];
	for (i = 0; i < t->columns; i++) {
		if (gates_of_kind(methods[i], kind, gates, 64) <= nth || nth >= 64) {
			append(rg->cells[i], "-");
			append(rm->cells[i], "-");
			append(rd->cells[i], "-");
			continue;
		}
		g = gates[nth];
		append(rg->cells[i], veikart_gate_id(g));
		if (veikart_gate_every_days(g) > 0) {
			snprintf(buf, sizeof(buf), " every %u d", veikart_gate_every_days(g));
			append(rg->cells[i], buf);
		}
		if (veikart_gate_aggregation(g) == VEIKART_AGGREGATION_ADVISORY)
			append(rg->cells[i], " advisory");
		musts = 0;
		for (j = 0; j < veikart_gate_criterion_count(g); j++)
			if (veikart_criterion_level(veikart_gate_criterion(g, j)) ==
			    VEIKART_LEVEL_MUST)
				musts++;
		snprintf(buf, sizeof(buf), "%zu of %zu", musts, veikart_gate_criterion_count(g));
		append(rm->cells[i], buf);
		for (j = 0; j < veikart_gate_authority_count(g); j++) {
			if (j > 0)
				append(rd->cells[i], " / ");
			append(rd->cells[i], veikart_role_id(veikart_gate_authority_role(g, j)));
			if (veikart_gate_authority_condition(g, j) != NULL) {
				append(rd->cells[i], "*");
				conditional = 1;
			}
		}
	}
	return conditional;
}

static void print_table(const table *t, veikart_method *const *methods)
{
	size_t *widths, i, r, label = 12;

	widths = calloc(t->columns, sizeof(*widths));
	if (widths == NULL)
		return;
	for (i = 0; i < t->columns; i++) {
		widths[i] = width(veikart_method_id(methods[i]));
		for (r = 0; r < t->count; r++)
			if (width(t->rows[r].cells[i]) > widths[i])
				widths[i] = width(t->rows[r].cells[i]);
	}
	printf("%-*s", (int)label, "");
	for (i = 0; i < t->columns; i++)
		printf("  %s%*s", veikart_method_id(methods[i]),
		       i + 1 < t->columns ? (int)(widths[i] - width(veikart_method_id(methods[i])))
		                          : 0,
		       "");
	putchar('\n');
	for (r = 0; r < t->count; r++) {
		const row *rw = &t->rows[r];
		int blank = 1;

		for (i = 0; i < t->columns; i++)
			if (rw->cells[i][0] != '\0')
				blank = 0;
		if (blank) {
			printf("%s\n", rw->label);
			continue;
		}
		printf("%-*s", (int)label, rw->label);
		for (i = 0; i < t->columns; i++)
			printf("  %s%*s", rw->cells[i],
			       i + 1 < t->columns ? (int)(widths[i] - width(rw->cells[i])) : 0, "");
		putchar('\n');
	}
	free(widths);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_method **methods = NULL;
	table t;
	cli_common common;
	size_t n = 0, i, k, nth, most;
	int c, rc, status = CLI_OK, conditional = 0;

	memset(&common, 0, sizeof(common));
	memset(&t, 0, sizeof(t));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		rc = cli_common_option(&cli_compare, &common, c);
		if (rc >= 0)
			return rc;
	}
	if (argc - optind < 2)
		return cli_usage_error(&cli_compare, "give two methodologies or more");
	n = (size_t)(argc - optind);
	methods = calloc(n, sizeof(*methods));
	if (methods == NULL) {
		fprintf(stderr, "veikart compare: out of memory\n");
		return CLI_FAILED;
	}
	for (i = 0; i < n; i++) {
		status = cli_load_method(&methods[i], argv[optind + (int)i], &common);
		if (status != CLI_OK)
			goto out;
	}

	t.columns = n;
	for (k = VEIKART_PHASE_NEEDS; k <= VEIKART_PHASE_CUSTOM; k++) {
		row *r;
		int any = 0;

		most = 0;
		for (i = 0; i < n; i++) {
			if (has_kind(methods[i], (veikart_phase_kind)k))
				any = 1;
			if (gates_of_kind(methods[i], (veikart_phase_kind)k, NULL, 0) > most)
				most = gates_of_kind(methods[i], (veikart_phase_kind)k, NULL, 0);
		}
		if (!any)
			continue;
		add_row(&t, veikart_phase_kind_name((veikart_phase_kind)k));
		r = add_row(&t, "  phases");
		for (i = 0; r != NULL && i < n; i++)
			phases_cell(r->cells[i], methods[i], (veikart_phase_kind)k);
		for (nth = 0; nth < most; nth++)
			conditional |= gate_rows(&t, methods, (veikart_phase_kind)k, nth);
	}
	if (t.failed) {
		fprintf(stderr, "veikart compare: out of memory\n");
		status = CLI_FAILED;
		goto out;
	}
	print_table(&t, methods);
	if (conditional)
		printf("\n* decides only when the rule's condition holds (veikart show METHOD)\n");
out:
	for (i = 0; i < t.count; i++)
		free(t.rows[i].cells);
	free(t.rows);
	for (i = 0; i < n; i++)
		veikart_method_free(methods[i]);
	free(methods);
	return status;
}
