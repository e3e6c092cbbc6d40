/*
 * veikart validate FILE... - check methodology files.
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_validate = {
	"validate",
	"check methodology files and report every problem with its place",
	"usage: veikart validate [--path DIR]... [--on BASE] [--quiet] FILE...\n"
	"\n"
	"Load each FILE as the library does: schema, references, the phase graph,\n"
	"every expression, and the bases it extends.  Each problem is one line on\n"
	"standard error:\n"
	"\n"
	"    FILE:LINE:COL: error: TEXT\n"
	"\n"
	"An overlay (overlay=\"true\") is never used on its own: it is checked by\n"
	"applying it to BASE, as a methodology naming it in with=\"...\" would.  The\n"
	"overlay is looked up by its id in its own directory, so FILE must be ID.xml.\n"
	"\n"
	"Valid files are listed on standard output unless --quiet is given.\n"
	"\n"
	"Options:\n"
	"  --path DIR   look for the bases of variants in DIR first (repeatable)\n"
	"  --on BASE    the methodology to check overlays on (default: ks-veikart)\n"
	"  -q, --quiet  say nothing about valid files\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit status: 0 when every file is valid, 1 otherwise, 2 for a wrong command line.\n",
	run,
};

/* Whether FILE's root element says overlay="true"; its id goes to ID and
 * the line of its start tag to LINE. The
 * library reads the file properly when it is loaded: this only decides how
 * to load it, from the root's start tag. */
static int is_overlay(const char *file, char *id, size_t idsize, unsigned int *line)
{
	char text[8192], *p, *end, *v;
	struct stat st;
	ssize_t got;
	size_t n = 0, len;
	/* Not a FIFO or a device: the open would wait, or the read never end.
	 * The library says what such a file is when it is loaded. */
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	while (n < sizeof(text) - 1) {
		got = read(fd, text + n, sizeof(text) - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	text[n] = '\0';
	p = text;
	for (;;) {
		p = strchr(p, '<');
		if (p == NULL)
			return 0;
		if (strncmp(p, "<!--", 4) == 0) {
			p = strstr(p + 4, "-->");
			if (p == NULL)
				return 0;
		} else if (p[1] != '?' && p[1] != '!') {
			break;
		} else {
			p++;
		}
	}
	end = strchr(p, '>');
	if (end == NULL)
		return 0;
	*line = 1;
	for (v = text; v < p; v++)
		*line += *v == '\n';
	*end = '\0';
	v = strstr(p, "overlay=");
	if (v == NULL || !isspace((unsigned char)v[-1]) || strncmp(v + 9, "true", 4) != 0)
		return 0;
	for (v = strstr(p, "id="); v != NULL; v = strstr(v + 3, "id="))
		if (isspace((unsigned char)v[-1]))
			break;
	if (v == NULL)
		return 0;
	len = strcspn(v + 4, "\"'");
	if (len == 0 || len >= idsize)
		return 0;
	memcpy(id, v + 4, len);
	id[len] = '\0';
	return 1;
}

/* Whether FILE is named ID.xml, as the search path needs. */
static int named_by_id(const char *file, const char *id)
{
	const char *name = strrchr(file, '/');
	size_t len = strlen(id);

	name = name != NULL ? name + 1 : file;
	return strncmp(name, id, len) == 0 && strcmp(name + len, ".xml") == 0;
}

/* Load the overlay FILE (id ID) applied to BASE, with FILE's directory first
 * on the search path. */
static int load_overlay(veikart_method **m, const char *file, const char *id, const char *base,
                        const veikart_load_options *opts, veikart_diagnostics **diags)
{
	veikart_load_options o = *opts;
	const char *paths[34];
	char dir[4096];
	const char *slash = strrchr(file, '/');
	size_t i = 0, k;

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - file), file);
	paths[i++] = dir;
	for (k = 0; opts->search_path != NULL && opts->search_path[k] != NULL && i < 33; k++)
		paths[i++] = opts->search_path[k];
	paths[i] = NULL;
	o.search_path = paths;
	return cli_load_overlaid(m, base, id, file, &o, diags);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTION_PATH,
		{ "on", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	cli_common common;
	veikart_load_options opts;
	veikart_diagnostics *diags;
	veikart_method *m;
	const char *paths[33], *base = "ks-veikart";
	char id[128];
	int c, rc, quiet = 0, status = CLI_OK, err, overlay;
	unsigned int line = 0;

	memset(&common, 0, sizeof(common));
	for (;;) {
		c = getopt_long(argc, argv, "qh", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		case 'o':
			base = optarg;
			break;
		default:
			rc = cli_common_option(&cli_validate, &common, c);
			if (rc >= 0)
				return rc;
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cli_validate, "no file to validate");
	cli_load_options(&opts, &common, paths);
	for (; optind < argc; optind++) {
		diags = NULL;
		m = NULL;
		overlay = is_overlay(argv[optind], id, sizeof(id), &line);
		if (overlay && !named_by_id(argv[optind], id)) {
			fprintf(stderr,
			        "%s:%u:1: error: overlay `%s` is found by its id: name the file "
			        "%s.xml\n",
			        argv[optind], line, id, id);
			status = CLI_INVALID;
			continue;
		}
		if (overlay)
			err = load_overlay(&m, argv[optind], id, base, &opts, &diags);
		else
			err = veikart_method_load_file(&m, argv[optind], &opts, &diags);
		cli_print_diagnostics(diags);
		if (err < 0) {
			if (veikart_diagnostics_count(diags) == 0)
				fprintf(stderr, "%s: error: %s\n", argv[optind],
				        cli_text(veikart_error_last()->message));
			if (status == CLI_OK || err == VEIKART_ENOMEM)
				status = err == VEIKART_ENOMEM ? CLI_FAILED : CLI_INVALID;
		} else if (!quiet && overlay) {
			printf("%s: valid overlay (%s, applied to %s: %zu phases, %zu gates)\n",
			       argv[optind], id, veikart_method_extends(m),
			       veikart_method_phase_count(m), veikart_method_gate_count(m));
		} else if (!quiet) {
			printf("%s: valid (%s %s: %zu phases, %zu gates)\n", argv[optind],
			       veikart_method_id(m), veikart_method_version(m),
			       veikart_method_phase_count(m), veikart_method_gate_count(m));
		}
		veikart_diagnostics_free(diags);
		veikart_method_free(m);
	}
	return status;
}
