/*
 * veikart - the command-line tool of libveikart
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdarg.h>
#include <string.h>

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
		fprintf(stderr, "%s\n", line);
	}
}

int cli_error(const cli_command *cmd, int code)
{
	const veikart_error *e = veikart_error_last();

	if (e->file != NULL && e->line != 0)
		fprintf(stderr, "%s:%u:%u: error: %s\n", e->file, e->line, e->column, e->message);
	else
		fprintf(stderr, "veikart %s: %s\n", cmd->name,
		        e->message[0] ? e->message : veikart_strerror(code));
	switch (code) {
	case VEIKART_ENOMEM:
	case VEIKART_EIO:
	case VEIKART_ERROR:
		return CLI_FAILED;
	default:
		return CLI_INVALID;
	}
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

int cli_load_method(veikart_method **out, const char *ref, const cli_common *common)
{
	veikart_diagnostics *diags = NULL;
	veikart_load_options opts;
	const char *paths[33];
	int err;

	cli_load_options(&opts, common, paths);
	err = veikart_method_load(out, ref, &opts, &diags);
	if (veikart_diagnostics_count(diags) > 0)
		cli_print_diagnostics(diags);
	else if (err < 0)
		fprintf(stderr, "veikart: %s\n", veikart_error_last()->message);
	veikart_diagnostics_free(diags);
	if (err == VEIKART_ENOMEM || err == VEIKART_EIO)
		return CLI_FAILED;
	return err < 0 ? CLI_INVALID : CLI_OK;
}
