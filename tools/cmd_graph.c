/*
 * veikart graph METHOD - the phase graph in Graphviz or Mermaid.
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_graph = {
	"graph",
	"draw the phase graph with its gates and outcomes (dot or mermaid)",
	"usage: veikart graph [--format dot|mermaid] [--lang LANG] [--path DIR]... METHOD\n"
	"\n"
	"Print the phases as nodes and every gate outcome that moves as an edge,\n"
	"labelled GATE: OUTCOME.  Backward edges (recycle) are dashed and red, skips\n"
	"dotted; terminal phases are drawn with a double border; phases walked per\n"
	"unit are grouped.  Outcomes that stay (hold, continue) are not drawn.\n"
	"\n"
	"    veikart graph ks-veikart | dot -Tsvg > veikart.svg\n"
	"\n"
	"Options:\n"
	"  --format F   dot (Graphviz, the default) or mermaid\n"
	"  --lang LANG  labels in this language\n"
	"  --path DIR   look for methodologies in DIR first (repeatable)\n"
	"  -h, --help   show this help\n",
	run,
};

/* Quote for a Graphviz string: escape '"' and '\'. */
static void dot_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

/* Mermaid labels are quoted; a quote inside is written as an entity. */
static void mermaid_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputs("#quot;", stdout);
		else
			putchar(*s);
	}
	putchar('"');
}

static int is_backward(const veikart_gate *g, const veikart_phase *to)
{
	return veikart_phase_index(to) <= veikart_phase_index(veikart_gate_from(g));
}

static void edge_label(char *buf, size_t size, const veikart_gate *g, const veikart_outcome *o,
                       const char *lang)
{
	snprintf(buf, size, "%s: %s", veikart_gate_id(g), veikart_outcome_label(o, lang));
}

static int has_unit_phases(const veikart_method *m)
{
	size_t i;

	for (i = 0; i < veikart_method_phase_count(m); i++)
		if (veikart_phase_scope(veikart_method_phase(m, i)) == VEIKART_SCOPE_UNIT)
			return 1;
	return 0;
}

static void node_label(char *buf, size_t size, const veikart_phase *p, const char *lang,
                       const char *newline)
{
	snprintf(buf, size, "%s%s(%s)", veikart_phase_title(p, lang), newline,
	         veikart_phase_kind_name(veikart_phase_kind_of(p)));
}

/* The phases of one scope as Graphviz nodes. */
static void dot_nodes(const veikart_method *m, const char *lang, veikart_scope scope,
                      const char *indent)
{
	const veikart_phase *p;
	char label[512];
	size_t i;

	for (i = 0; i < veikart_method_phase_count(m); i++) {
		p = veikart_method_phase(m, i);
		if (veikart_phase_scope(p) != scope)
			continue;
		node_label(label, sizeof(label), p, lang, "\n");
		printf("%s", indent);
		dot_string(veikart_phase_id(p));
		printf(" [label=");
		dot_string(label);
		if (veikart_phase_is_terminal(p))
			printf(", peripheries=2");
		if (p == veikart_method_start(m))
			printf(", penwidth=2");
		printf("];\n");
	}
}

/* The phases of one scope as Mermaid nodes; terminal ones are circles. */
static void mermaid_nodes(const veikart_method *m, const char *lang, veikart_scope scope,
                          const char *indent)
{
	const veikart_phase *p;
	char label[512];
	size_t i;

	for (i = 0; i < veikart_method_phase_count(m); i++) {
		p = veikart_method_phase(m, i);
		if (veikart_phase_scope(p) != scope)
			continue;
		node_label(label, sizeof(label), p, lang, "<br/>");
		printf("%sp%zu%s", indent, i, veikart_phase_is_terminal(p) ? "((" : "[");
		mermaid_string(label);
		printf("%s\n", veikart_phase_is_terminal(p) ? "))" : "]");
	}
}

static void dot(const veikart_method *m, const char *lang)
{
	const veikart_gate *g;
	const veikart_outcome *o;
	char label[512];
	size_t i, j;
	int stopped = 0;

	printf("digraph ");
	dot_string(veikart_method_id(m));
	printf(" {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
	       "  edge [fontname=\"Helvetica\", fontsize=10];\n  label=");
	dot_string(veikart_method_title(m, lang));
	printf(";\n  labelloc=t;\n");
	dot_nodes(m, lang, VEIKART_SCOPE_INITIATIVE, "  ");
	if (has_unit_phases(m)) {
		printf("  subgraph cluster_units {\n    label=\"per unit\";\n    style=dashed;\n");
		dot_nodes(m, lang, VEIKART_SCOPE_UNIT, "    ");
		printf("  }\n");
	}
	for (i = 0; i < veikart_method_gate_count(m); i++) {
		g = veikart_method_gate(m, i);
		for (j = 0; j < veikart_gate_outcome_count(g); j++) {
			o = veikart_gate_outcome(g, j);
			if (veikart_outcome_target(o) == NULL &&
			    veikart_outcome_kind_of(o) != VEIKART_OUTCOME_STOP)
				continue;
			edge_label(label, sizeof(label), g, o, lang);
			printf("  ");
			dot_string(veikart_phase_id(veikart_gate_from(g)));
			printf(" -> ");
			if (veikart_outcome_target(o) != NULL) {
				dot_string(veikart_phase_id(veikart_outcome_target(o)));
			} else {
				printf("\"(stopped)\"");
				stopped = 1;
			}
			printf(" [label=");
			dot_string(label);
			if (veikart_outcome_kind_of(o) == VEIKART_OUTCOME_SKIP)
				printf(", style=dotted");
			else if (veikart_outcome_target(o) != NULL &&
			         is_backward(g, veikart_outcome_target(o)))
				printf(", style=dashed, color=\"#b03a2e\", fontcolor=\"#b03a2e\", "
				       "constraint=false");
			else if (veikart_outcome_kind_of(o) == VEIKART_OUTCOME_STOP)
				printf(", color=\"#7f7f7f\", fontcolor=\"#7f7f7f\"");
			printf("];\n");
		}
	}
	if (stopped)
		printf("  \"(stopped)\" [shape=plaintext];\n");
	printf("}\n");
}

static void mermaid(const veikart_method *m, const char *lang)
{
	const veikart_gate *g;
	const veikart_outcome *o;
	char label[512];
	size_t i, j;
	int stopped = 0;

	printf("flowchart LR\n");
	mermaid_nodes(m, lang, VEIKART_SCOPE_INITIATIVE, "  ");
	if (has_unit_phases(m)) {
		printf("  subgraph units [per unit]\n");
		mermaid_nodes(m, lang, VEIKART_SCOPE_UNIT, "    ");
		printf("  end\n");
	}
	for (i = 0; i < veikart_method_gate_count(m); i++) {
		g = veikart_method_gate(m, i);
		for (j = 0; j < veikart_gate_outcome_count(g); j++) {
			o = veikart_gate_outcome(g, j);
			if (veikart_outcome_target(o) == NULL &&
			    veikart_outcome_kind_of(o) != VEIKART_OUTCOME_STOP)
				continue;
			edge_label(label, sizeof(label), g, o, lang);
			printf("  p%zu ", veikart_phase_index(veikart_gate_from(g)));
			if (veikart_outcome_kind_of(o) == VEIKART_OUTCOME_SKIP ||
			    (veikart_outcome_target(o) != NULL &&
			     is_backward(g, veikart_outcome_target(o))))
				printf("-.->");
			else
				printf("-->");
			printf("|");
			mermaid_string(label);
			if (veikart_outcome_target(o) != NULL) {
				printf("| p%zu\n", veikart_phase_index(veikart_outcome_target(o)));
			} else {
				printf("| stopped\n");
				stopped = 1;
			}
		}
	}
	if (stopped)
		printf("  stopped([\"(stopped)\"])\n");
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_OPTION_LANG,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	cli_common common;
	veikart_method *m = NULL;
	const char *format = "dot";
	int c, rc, status;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'f':
			format = optarg;
			break;
		default:
			rc = cli_common_option(&cli_graph, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (strcmp(format, "dot") != 0 && strcmp(format, "mermaid") != 0)
		return cli_usage_error(&cli_graph, "--format is dot or mermaid, not `%s`", format);
	if (optind + 1 != argc)
		return cli_usage_error(&cli_graph, "give one METHOD");
	status = cli_load_method(&m, argv[optind], &common);
	if (status != CLI_OK)
		return status;
	if (strcmp(format, "dot") == 0)
		dot(m, common.lang);
	else
		mermaid(m, common.lang);
	veikart_method_free(m);
	return CLI_OK;
}
