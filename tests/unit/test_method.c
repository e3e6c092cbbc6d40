/*
 * Loading methodologies through the public API: files, buffers, ids on the
 * search path, built-in copies, options, digests, labels, allocation.
 * The diagnostics of individual problems are covered by test_fixtures.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

static const char minimal[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"%s\" "
                              "version=\"1\" xml:lang=\"en\">\n"
                              "  <title>%s</title>\n"
                              "  <roles><role id=\"owner\"/></roles>\n"
                              "  <facts><fact id=\"ready\" type=\"bool\"/></facts>\n"
                              "  <phases>\n"
                              "    <phase id=\"start\" kind=\"needs\"/>\n"
                              "    <phase id=\"end\" kind=\"closed\" terminal=\"true\"/>\n"
                              "  </phases>\n"
                              "  <gates><gate id=\"g\" from=\"start\"><authority role=\"owner\"/>\n"
                              "    <criterion id=\"c\"><check fact=\"ready\"/></criterion>\n"
                              "    <outcome kind=\"go\" to=\"end\"/></gate></gates>\n"
                              "</methodology>\n";

/* Only the methodologies a test puts on the path, plus the built-in ones. */
static veikart_load_options isolated(const char *const *path)
{
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;

	o.search_path = path;
	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	return o;
}

static char *make_dir(const char *name)
{
	char *dir = malloc(4096);

	assert_non_null(dir);
	snprintf(dir, 4096, "%s/veikart-test-%ld-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (long)getpid(), name);
	mkdir(dir, 0700);
	return dir;
}

static void write_in(const char *dir, const char *file, const char *id, const char *title)
{
	char path[4200], body[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(body, sizeof(body), minimal, id, title);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(body, f);
	fclose(f);
}

static void test_version_function_matches_the_headers(void **state)
{
	(void)state;
	assert_string_equal(veikart_version(), VEIKART_VERSION);
	assert_int_equal(veikart_version_number(), VEIKART_VERSION_NUMBER);
	assert_true(VEIKART_VERSION_CHECK(0, 1, 0));
	assert_false(VEIKART_VERSION_CHECK(99, 0, 0));
}

static void test_error_record_is_never_null_and_clears(void **state)
{
	veikart_method *m = (veikart_method *)1;

	(void)state;
	veikart_error_clear();
	assert_non_null(veikart_error_last());
	assert_int_equal(veikart_error_last()->code, 0);
	assert_string_equal(veikart_error_last()->message, "");
	assert_int_equal(veikart_method_load_file(&m, NULL, NULL, NULL), VEIKART_EINVALID);
	assert_null(m);
	assert_int_equal(veikart_error_last()->code, VEIKART_EINVALID);
	assert_true(strlen(veikart_error_last()->message) > 0);
	veikart_error_clear();
	assert_int_equal(veikart_error_last()->code, 0);
	assert_string_equal(veikart_strerror(VEIKART_ENOTFOUND), "not found");
	assert_string_equal(veikart_strerror(-12345), "unknown error");
}

static void test_callbacks_can_say_why(void **state)
{
	(void)state;
	assert_int_equal(veikart_error_set(VEIKART_EIO, "the disk is full"), VEIKART_EIO);
	assert_int_equal(veikart_error_last()->code, VEIKART_EIO);
	assert_string_equal(veikart_error_last()->message, "the disk is full");
	assert_null(veikart_error_last()->file);
	/* A callback may pass on the error it was given. */
	assert_int_equal(veikart_error_set(VEIKART_EUSER, veikart_error_last()->message),
	                 VEIKART_EUSER);
	assert_string_equal(veikart_error_last()->message, "the disk is full");
	assert_int_equal(veikart_error_set(VEIKART_ENOMEM, NULL), VEIKART_ENOMEM);
	assert_string_equal(veikart_error_last()->message, "out of memory");
}

static void test_sha256_of_memory_and_files(void **state)
{
	char hex[VEIKART_HASH_HEX_LENGTH + 1], *path;

	(void)state;
	/* FIPS 180-2 test vector. */
	assert_int_equal(veikart_sha256_hex(hex, "abc", 3), 0);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(veikart_sha256_hex(hex, NULL, 0), 0);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	path = test_write_temp("abc.txt", "abc", 3);
	assert_int_equal(veikart_sha256_file(hex, path), 0);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	assert_int_equal(veikart_sha256_file(hex, path), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "abc.txt"));
	assert_int_equal(veikart_sha256_file(hex, "/"), VEIKART_EIO);
	assert_int_equal(veikart_sha256_hex(NULL, "abc", 3), VEIKART_EINVALID);
	assert_int_equal(veikart_sha256_hex(hex, NULL, 3), VEIKART_EINVALID);
	assert_int_equal(veikart_sha256_file(hex, NULL), VEIKART_EINVALID);
	free(path);
}

static void test_null_arguments_are_refused(void **state)
{
	veikart_diagnostics *diags = (veikart_diagnostics *)1;
	veikart_method *m = NULL;

	(void)state;
	assert_int_equal(veikart_method_load_file(NULL, "x.xml", NULL, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_method_load_buffer(&m, NULL, 10, "x", NULL, &diags),
	                 VEIKART_EINVALID);
	assert_null(diags);
	assert_int_equal(veikart_method_load(&m, NULL, NULL, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_load_options_init(NULL, VEIKART_LOAD_OPTIONS_VERSION),
	                 VEIKART_EINVALID);
	veikart_method_free(NULL);
	veikart_diagnostics_free(NULL);
	assert_int_equal(veikart_diagnostics_count(NULL), 0);
	assert_null(veikart_diagnostics_get(NULL, 0));
	assert_int_equal(veikart_diagnostic_format(NULL, 0, NULL), VEIKART_EINVALID);
}

static void test_unknown_options_version_is_refused(void **state)
{
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_method *m = NULL;

	(void)state;
	assert_int_equal(veikart_load_options_init(&o, 0), VEIKART_EVERSION);
	assert_int_equal(veikart_load_options_init(&o, VEIKART_LOAD_OPTIONS_VERSION + 1),
	                 VEIKART_EVERSION);
	o.version = 99;
	assert_int_equal(veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, NULL),
	                 VEIKART_EVERSION);
	assert_null(m);
	assert_true(test_contains(veikart_error_last()->message, "99"));
}

static void test_default_methodology_is_built_in(void **state)
{
	veikart_load_options o = isolated(NULL);
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	size_t i, found = 0;

	(void)state;
	assert_true(veikart_builtin_count() >= 1);
	for (i = 0; i < veikart_builtin_count(); i++)
		if (strcmp(veikart_builtin_id(i), VEIKART_DEFAULT_METHOD) == 0)
			found = 1;
	assert_true(found);
	assert_null(veikart_builtin_id(veikart_builtin_count()));

	assert_int_equal(veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, &diags), 0);
	assert_int_equal(veikart_diagnostics_error_count(diags), 0);
	assert_string_equal(veikart_method_id(m), VEIKART_DEFAULT_METHOD);
	assert_string_equal(veikart_method_file(m), "builtin:ks-veikart.xml");
	assert_int_equal(strlen(veikart_method_digest(m)), 64);
	veikart_diagnostics_free(diags);
	veikart_method_free(m);
}

static void test_missing_file_and_directory(void **state)
{
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;

	(void)state;
	assert_int_equal(veikart_method_load_file(&m, "/nonexistent/m.xml", NULL, &diags),
	                 VEIKART_ENOTFOUND);
	assert_null(m);
	assert_int_equal(veikart_diagnostics_count(diags), 1);
	assert_string_equal(veikart_diagnostics_get(diags, 0)->file, "/nonexistent/m.xml");
	assert_true(test_contains(veikart_diagnostics_get(diags, 0)->message, "no such file"));
	veikart_diagnostics_free(diags);

	assert_int_equal(veikart_method_load_file(&m, "/tmp", NULL, &diags), VEIKART_EIO);
	assert_true(
	        test_contains(veikart_diagnostics_get(diags, 0)->message, "not a regular file"));
	veikart_diagnostics_free(diags);
}

static void test_input_over_the_size_limit_is_refused_unread(void **state)
{
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	char body[4096];

	(void)state;
	snprintf(body, sizeof(body), minimal, "small", "Small");
	o.max_input_bytes = 100;
	assert_int_equal(
	        veikart_method_load_buffer(&m, body, strlen(body), "small.xml", &o, &diags),
	        VEIKART_ELIMIT);
	assert_true(
	        test_contains(veikart_diagnostics_get(diags, 0)->message, "limit of 100 bytes"));
	assert_int_equal(veikart_error_last()->code, VEIKART_ELIMIT);
	veikart_diagnostics_free(diags);
	o.max_input_bytes = 0; /* back to the default */
	assert_int_equal(veikart_method_load_buffer(&m, body, strlen(body), "small.xml", &o, NULL),
	                 0);
	veikart_method_free(m);
}

static void test_buffer_name_appears_in_diagnostics(void **state)
{
	static const char bad[] = "<methodology xmlns=\"urn:veikart:methodology:1\"/>";
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;

	(void)state;
	assert_int_equal(
	        veikart_method_load_buffer(&m, bad, strlen(bad), "request body", NULL, &diags),
	        VEIKART_EFORMAT);
	assert_string_equal(veikart_diagnostics_get(diags, 0)->file, "request body");
	assert_string_equal(veikart_error_last()->file, "request body");
	assert_int_equal(veikart_error_last()->line, 1);
	veikart_diagnostics_free(diags);
	assert_int_equal(veikart_method_load_buffer(&m, bad, strlen(bad), NULL, NULL, &diags),
	                 VEIKART_EFORMAT);
	assert_string_equal(veikart_diagnostics_get(diags, 0)->file, "(buffer)");
	veikart_diagnostics_free(diags);
}

static void test_id_is_found_on_the_search_path(void **state)
{
	char *dir = make_dir("search");
	const char *path[] = { dir, NULL };
	veikart_load_options o = isolated(path);
	veikart_method *m = NULL;

	(void)state;
	write_in(dir, "local-method.xml", "local-method", "Local");
	assert_int_equal(veikart_method_load(&m, "local-method", &o, NULL), 0);
	assert_string_equal(veikart_method_title(m, NULL), "Local");
	assert_true(test_contains(veikart_method_file(m), dir));
	veikart_method_free(m);

	/* A file on the path shadows the built-in copy of the same id. */
	write_in(dir, "ks-veikart.xml", "ks-veikart", "Shadow");
	assert_int_equal(veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, NULL), 0);
	assert_string_equal(veikart_method_title(m, NULL), "Shadow");
	veikart_method_free(m);

	/* The file found must declare the id it was looked up by. */
	write_in(dir, "liar.xml", "truth", "Liar");
	assert_int_equal(veikart_method_load(&m, "liar", &o, NULL), VEIKART_EFORMAT);
	assert_true(test_contains(veikart_error_last()->message, "declares id `truth`"));
	free(dir);
}

static void test_veikart_path_is_searched_unless_told_not_to(void **state)
{
	char *dir = make_dir("envpath");
	char value[4200];
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_method *m = NULL;

	(void)state;
	write_in(dir, "from-env.xml", "from-env", "From the environment");
	snprintf(value, sizeof(value), "/nonexistent:%s", dir);
	setenv("VEIKART_PATH", value, 1);
	o.flags = VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load(&m, "from-env", &o, NULL), 0);
	veikart_method_free(m);
	o.flags |= VEIKART_LOAD_NO_ENV;
	assert_int_equal(veikart_method_load(&m, "from-env", &o, NULL), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "`from-env` not found"));
	assert_true(test_contains(veikart_error_last()->message, "built-in"));
	unsetenv("VEIKART_PATH");
	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM | VEIKART_LOAD_NO_BUILTIN;
	assert_int_equal(veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, NULL),
	                 VEIKART_ENOTFOUND);
	free(dir);
}

static void test_variant_of_the_built_in_default_loads(void **state)
{
	static const char variant[] =
	        "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"my-veikart\" "
	        "version=\"1\" xml:lang=\"sv\" extends=\"ks-veikart\">\n"
	        "  <title>Min variant</title>\n"
	        "</methodology>\n";
	veikart_load_options o = isolated(NULL);
	veikart_method *base = NULL, *m = NULL;
	size_t i;

	(void)state;
	assert_int_equal(veikart_method_load(&base, VEIKART_DEFAULT_METHOD, &o, NULL), 0);
	assert_int_equal(
	        veikart_method_load_buffer(&m, variant, strlen(variant), "my.xml", &o, NULL), 0);
	assert_string_equal(veikart_method_id(m), "my-veikart");
	assert_string_equal(veikart_method_extends(m), "ks-veikart");
	assert_string_equal(veikart_method_title(m, "sv"), "Min variant");
	assert_int_equal(veikart_method_phase_count(m), veikart_method_phase_count(base));
	for (i = 0; i < veikart_method_phase_count(m); i++)
		assert_string_equal(veikart_phase_id(veikart_method_phase(m, i)),
		                    veikart_phase_id(veikart_method_phase(base, i)));
	/* The variant's digest covers its own bytes and its base. */
	assert_string_not_equal(veikart_method_digest(m), veikart_method_digest(base));
	veikart_method_free(m);
	veikart_method_free(base);
}

static void test_digest_follows_the_bytes(void **state)
{
	char a[4096], b[4096], c[4096];
	veikart_method *ma = NULL, *mb = NULL, *mc = NULL;
	size_t i;

	(void)state;
	snprintf(a, sizeof(a), minimal, "d", "Same");
	snprintf(b, sizeof(b), minimal, "d", "Same");
	snprintf(c, sizeof(c), minimal, "d", "Same");
	strcat(c, " "); /* one byte of white space after the root differs */
	assert_int_equal(veikart_method_load_buffer(&ma, a, strlen(a), "a", NULL, NULL), 0);
	assert_int_equal(veikart_method_load_buffer(&mb, b, strlen(b), "b", NULL, NULL), 0);
	assert_int_equal(veikart_method_load_buffer(&mc, c, strlen(c), "c", NULL, NULL), 0);
	assert_string_equal(veikart_method_digest(ma), veikart_method_digest(mb));
	assert_string_not_equal(veikart_method_digest(ma), veikart_method_digest(mc));
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", veikart_method_digest(ma)[i]));
	veikart_method_free(ma);
	veikart_method_free(mb);
	veikart_method_free(mc);
}

static void test_installed_and_built_in_copies_share_a_digest(void **state)
{
	veikart_load_options o = isolated(NULL);
	veikart_method *builtin = NULL, *file = NULL;

	(void)state;
	assert_int_equal(veikart_method_load(&builtin, VEIKART_DEFAULT_METHOD, &o, NULL), 0);
	assert_int_equal(veikart_method_load_file(&file, test_path("methodologies/ks-veikart.xml"),
	                                          &o, NULL),
	                 0);
	assert_string_equal(veikart_method_digest(builtin), veikart_method_digest(file));
	veikart_method_free(builtin);
	veikart_method_free(file);
}

static void test_labels_fall_back_by_language(void **state)
{
	veikart_method *m = NULL;
	const veikart_phase *p;
	const veikart_gate *g;

	(void)state;
	assert_int_equal(
	        veikart_method_load_file(&m, test_path("tests/fixtures/valid/everything/input.xml"),
	                                 NULL, NULL),
	        0);
	assert_string_equal(veikart_method_lang(m), "nb");
	assert_string_equal(veikart_method_title(m, "en"), "Everything in the format");
	assert_string_equal(veikart_method_title(m, "EN"), "Everything in the format");
	assert_string_equal(veikart_method_title(m, "en-GB"), "Everything in the format");
	assert_string_equal(veikart_method_title(m, "sv"), "Allt i formatet");
	assert_string_equal(veikart_method_title(m, "sv-FI"), "Allt i formatet");
	assert_string_equal(veikart_method_title(m, "de"), "Alt i formatet");
	assert_string_equal(veikart_method_title(m, NULL), "Alt i formatet");
	assert_string_equal(veikart_method_description(m, "nb"), "A test methodology whose text "
	                                                         "wraps over lines.");
	assert_string_equal(veikart_method_source_title(m, 0), "The method & its guide");
	assert_null(veikart_method_source_title(m, 1));
	/* Only English: every language gets the English label. */
	assert_string_equal(veikart_role_title(veikart_method_role_by_id(m, "leder"), "nb"),
	                    "Project leader");
	/* No label at all: the id. */
	assert_string_equal(veikart_role_title(veikart_method_role_by_id(m, "direktor"), "en"),
	                    "direktor");
	p = veikart_method_phase_by_id(m, "pilot");
	assert_string_equal(veikart_phase_title(p, "en"), "pilot");
	g = veikart_method_gate_by_id(m, "bp1");
	assert_string_equal(veikart_outcome_label(veikart_gate_outcome(g, 0), "en"), "Proceed");
	assert_string_equal(veikart_outcome_label(veikart_gate_outcome(g, 0), "nn"), "Gå videre");
	assert_string_equal(veikart_outcome_label(veikart_gate_outcome(g, 1), "en"), "skip");
	veikart_method_free(m);
}

static void test_accessors_are_null_safe(void **state)
{
	(void)state;
	assert_null(veikart_method_id(NULL));
	assert_null(veikart_method_title(NULL, "en"));
	assert_int_equal(veikart_method_phase_count(NULL), 0);
	assert_null(veikart_method_phase(NULL, 0));
	assert_null(veikart_method_phase_by_id(NULL, "x"));
	assert_null(veikart_method_gate_by_id(NULL, "x"));
	assert_null(veikart_method_start(NULL));
	assert_null(veikart_phase_id(NULL));
	assert_int_equal(veikart_phase_kind_of(NULL), VEIKART_PHASE_CUSTOM);
	assert_int_equal(veikart_phase_step_count(NULL), 0);
	assert_null(veikart_gate_from(NULL));
	assert_int_equal(veikart_gate_criterion_count(NULL), 0);
	assert_null(veikart_criterion_expression(NULL));
	assert_null(veikart_outcome_target(NULL));
	assert_null(veikart_fact_scale(NULL));
	assert_null(veikart_scale_level_code(NULL, 0));
	assert_null(veikart_role_title(NULL, NULL));
	assert_string_equal(veikart_type_name((veikart_type)77), "unknown");
	assert_string_equal(veikart_phase_kind_name((veikart_phase_kind)-1), "unknown");
	assert_string_equal(veikart_outcome_kind_name(VEIKART_OUTCOME_CONDITIONAL_GO),
	                    "conditional-go");
	assert_string_equal(veikart_level_name((veikart_level)9), "unknown");
}

static void test_accessors_refuse_out_of_range(void **state)
{
	veikart_method *m = NULL;
	const veikart_gate *g;

	(void)state;
	assert_int_equal(
	        veikart_method_load_file(&m, test_path("tests/fixtures/valid/everything/input.xml"),
	                                 NULL, NULL),
	        0);
	assert_null(veikart_method_phase(m, veikart_method_phase_count(m)));
	assert_null(veikart_method_role(m, 100));
	assert_null(veikart_method_fact_by_id(m, "no_such_fact"));
	g = veikart_method_gate(m, 0);
	assert_null(veikart_gate_criterion(g, veikart_gate_criterion_count(g)));
	assert_null(veikart_gate_outcome(g, 99));
	assert_null(veikart_gate_authority_role(g, 99));
	assert_null(veikart_criterion_tag(veikart_gate_criterion(g, 0), 99));
	assert_null(veikart_method_language(m, 99));
	assert_null(veikart_method_source_href(m, 99));
	veikart_method_free(m);
}

static void test_diagnostic_format_is_compiler_like(void **state)
{
	veikart_diagnostic d = { VEIKART_SEVERITY_ERROR, "m.xml", 12, 7, "something is wrong" };
	char buf[128], tiny[8];

	(void)state;
	assert_int_equal(veikart_diagnostic_format(buf, sizeof(buf), &d),
	                 (int)strlen("m.xml:12:7: error: something is wrong"));
	assert_string_equal(buf, "m.xml:12:7: error: something is wrong");
	assert_int_equal(veikart_diagnostic_format(tiny, sizeof(tiny), &d), (int)strlen(buf));
	assert_string_equal(tiny, "m.xml:1");
	d.severity = VEIKART_SEVERITY_WARNING;
	d.column = 0;
	veikart_diagnostic_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "m.xml:12: warning: something is wrong");
	d.line = 0;
	veikart_diagnostic_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "m.xml: warning: something is wrong");
	assert_int_equal(veikart_diagnostic_format(NULL, 0, &d), (int)strlen(buf));
}

/* ---- allocation -------------------------------------------------------- */

static void test_every_allocation_goes_through_the_hook(void **state)
{
	test_counter c = { 0, 0, 0 };
	veikart_allocator a = test_counting_allocator(&c);
	veikart_load_options o = isolated(NULL);
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;

	(void)state;
	o.allocator = &a;
	assert_int_equal(veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, &diags), 0);
	assert_true(c.calls > 10);
	assert_true(c.live > 0);
	veikart_method_free(m);
	veikart_diagnostics_free(diags);
	assert_int_equal(c.live, 0);
}

/* Fail the 1st, 2nd, ... allocation until the load succeeds: every failure
 * must come back as an error, leave nothing allocated, and never crash.
 * `dir` holds the input and is the search path for its bases. */
static void fail_each_allocation(const char *dir)
{
	test_counter c;
	veikart_allocator a = test_counting_allocator(&c);
	char input[4200];
	const char *path[] = { dir, NULL };
	veikart_load_options o = isolated(path);
	veikart_diagnostics *diags;
	veikart_method *m;
	long n;
	int rc = -1;

	snprintf(input, sizeof(input), "%s/input.xml", dir);
	o.allocator = &a;
	for (n = 1; rc != 0; n++) {
		memset(&c, 0, sizeof(c));
		c.fail_at = n;
		m = NULL;
		diags = NULL;
		rc = veikart_method_load_file(&m, input, &o, &diags);
		if (rc != 0) {
			if (rc != VEIKART_ENOMEM)
				fail_msg("allocation %ld failed: %d %s", n, rc,
				         veikart_error_last()->message);
			assert_null(m);
		}
		veikart_method_free(m);
		veikart_diagnostics_free(diags);
		if (c.live != 0)
			fail_msg("%ld block(s) leaked when allocation %ld failed (rc %d: %s)",
			         c.live, n, rc, veikart_error_last()->message);
		assert_true(n < 100000);
	}
	assert_true(n > 20);
}

static void test_allocation_failures_are_clean(void **state)
{
	char dir[4096];
	size_t len, k;

	(void)state;
	snprintf(dir, sizeof(dir), "%s", test_path("tests/fixtures/valid/variant-chain"));
	len = strlen(dir);
	assert_true(len + 160 < sizeof(dir));
	/* The same directory spelled 0 to 150 characters longer ("dir///"), so
	 * that path buffers cross their growth steps whatever the checkout's
	 * own path is. */
	for (k = 0; k <= 150; k++) {
		memset(dir + len, '/', k);
		dir[len + k] = '\0';
		fail_each_allocation(dir);
	}
}

/* ---- threads ----------------------------------------------------------- */

static void *load_many(void *arg)
{
	veikart_load_options o = isolated(NULL);
	veikart_method *m;
	char *digest = arg;
	int i;

	for (i = 0; i < 20; i++) {
		m = NULL;
		if (veikart_method_load(&m, VEIKART_DEFAULT_METHOD, &o, NULL) != 0)
			return (void *)1;
		if (digest[0] == '\0')
			strcpy(digest, veikart_method_digest(m));
		else if (strcmp(digest, veikart_method_digest(m)) != 0)
			return (void *)2;
		veikart_method_free(m);
	}
	return NULL;
}

static void test_threads_load_at_once(void **state)
{
	pthread_t t[4];
	char digests[4][65];
	void *rv;
	int i;

	(void)state;
	memset(digests, 0, sizeof(digests));
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, load_many, digests[i]), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &rv), 0);
		assert_null(rv);
	}
	for (i = 1; i < 4; i++)
		assert_string_equal(digests[0], digests[i]);
}

/* Every fact of every shipped methodology is found by its id, and ids
 * that are not there (a prefix, a longer name, another case) are not. */
static void test_every_fact_is_found_by_its_id(void **state)
{
	const veikart_fact *f;
	veikart_method *m;
	char other[256];
	size_t b, i, found = 0;

	(void)state;
	for (b = 0; b < veikart_builtin_count(); b++) {
		if (veikart_method_load(&m, veikart_builtin_id(b), NULL, NULL) < 0)
			continue; /* overlays load only onto a base */
		for (i = 0; i < veikart_method_fact_count(m); i++) {
			f = veikart_method_fact(m, i);
			assert_ptr_equal(veikart_method_fact_by_id(m, veikart_fact_id(f)), f);
			snprintf(other, sizeof(other), "%sx", veikart_fact_id(f));
			assert_null(veikart_method_fact_by_id(m, other));
			snprintf(other, sizeof(other), "%.*s", (int)strlen(veikart_fact_id(f)) - 1,
			         veikart_fact_id(f));
			if (veikart_method_fact_by_id(m, other) != NULL)
				assert_string_equal(
				        veikart_fact_id(veikart_method_fact_by_id(m, other)),
				        other);
			found++;
		}
		assert_null(veikart_method_fact_by_id(m, ""));
		assert_null(veikart_method_fact_by_id(m, NULL));
		veikart_method_free(m);
	}
	assert_true(found > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* Threads first: the library's once-only start-up runs inside them. */
		cmocka_unit_test(test_threads_load_at_once),
		cmocka_unit_test(test_version_function_matches_the_headers),
		cmocka_unit_test(test_error_record_is_never_null_and_clears),
		cmocka_unit_test(test_null_arguments_are_refused),
		cmocka_unit_test(test_callbacks_can_say_why),
		cmocka_unit_test(test_sha256_of_memory_and_files),
		cmocka_unit_test(test_unknown_options_version_is_refused),
		cmocka_unit_test(test_default_methodology_is_built_in),
		cmocka_unit_test(test_missing_file_and_directory),
		cmocka_unit_test(test_input_over_the_size_limit_is_refused_unread),
		cmocka_unit_test(test_buffer_name_appears_in_diagnostics),
		cmocka_unit_test(test_id_is_found_on_the_search_path),
		cmocka_unit_test(test_veikart_path_is_searched_unless_told_not_to),
		cmocka_unit_test(test_variant_of_the_built_in_default_loads),
		cmocka_unit_test(test_digest_follows_the_bytes),
		cmocka_unit_test(test_installed_and_built_in_copies_share_a_digest),
		cmocka_unit_test(test_labels_fall_back_by_language),
		cmocka_unit_test(test_accessors_are_null_safe),
		cmocka_unit_test(test_accessors_refuse_out_of_range),
		cmocka_unit_test(test_diagnostic_format_is_compiler_like),
		cmocka_unit_test(test_every_allocation_goes_through_the_hook),
		cmocka_unit_test(test_allocation_failures_are_clean),
		cmocka_unit_test(test_every_fact_is_found_by_its_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
