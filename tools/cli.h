/*
 * veikart - the command-line tool of libveikart
 * SPDX-License-Identifier: MIT
 *
 * What every command shares: the command table, option parsing, loading a
 * methodology with its diagnostics printed, and exit codes.
 */
#ifndef VEIKART_CLI_H
#define VEIKART_CLI_H

#include <stdio.h>

#include "veikart.h"

/* Exit codes: 0 success, 1 the input is invalid or the action was refused,
 * 2 the command line is wrong, 3 something failed (I/O, memory). */
enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2, CLI_FAILED = 3 };

typedef struct cli_command {
	const char *name;
	const char *summary;
	const char *usage; /* full help text after the first line */
	int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_validate;
extern const cli_command cli_show;
extern const cli_command cli_graph;
extern const cli_command cli_eval;

/* Common options: --path DIR (repeatable), --lang LANG.  */
typedef struct cli_common {
	const char *paths[32];
	size_t npaths;
	const char *lang;
} cli_common;

/* The long options every command that takes them spells the same way. */
#define CLI_OPTION_PATH                              \
	{                                            \
		"path", required_argument, NULL, 'p' \
	}
#define CLI_OPTION_LANG                              \
	{                                            \
		"lang", required_argument, NULL, 'l' \
	}
#define CLI_OPTION_HELP                        \
	{                                      \
		"help", no_argument, NULL, 'h' \
	}

/* Handle an option getopt_long() returned that is not the command's own:
 * --path, --lang, --help or an unknown one.  Returns -1 when parsing goes
 * on, or the exit code the command should return now. */
int cli_common_option(const cli_command *cmd, cli_common *common, int c);

/* Print `veikart CMD: message` to stderr; returns CLI_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* Print help for a command to stdout; returns CLI_OK. */
int cli_help(const cli_command *cmd);
/* Print every diagnostic to stderr as FILE:LINE:COL: severity: TEXT. */
void cli_print_diagnostics(const veikart_diagnostics *diags);
/* Print the last library error to stderr, prefixed with the command. */
int cli_error(const cli_command *cmd, int code);

/* Load METHOD (a file or an id on the search path); diagnostics go to
 * stderr.  Returns a CLI exit code. */
int cli_load_method(veikart_method **out, const char *ref, const cli_common *common);
/* Fill load options from the common options (the path array must outlive them). */
void cli_load_options(veikart_load_options *opts, const cli_common *common,
                      const char **path_array);

#endif
