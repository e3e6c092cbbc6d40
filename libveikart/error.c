/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The thread-local record behind veikart_error_last().  It uses fixed
 * buffers so that reporting never allocates, not even for out-of-memory.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

typedef struct error_state {
	veikart_error pub;
	char message[1024];
	char file[512];
} error_state;

static _Thread_local error_state last_error = { { 0, "", NULL, 0, 0 }, "", "" };

static const struct {
	int code;
	const char *text;
} error_texts[] = {
	{ VEIKART_OK, "no error" },
	{ VEIKART_ERROR, "error" },
	{ VEIKART_ENOMEM, "out of memory" },
	{ VEIKART_EINVALID, "invalid argument" },
	{ VEIKART_ENOTFOUND, "not found" },
	{ VEIKART_EEXISTS, "already exists" },
	{ VEIKART_EFORMAT, "invalid document or expression" },
	{ VEIKART_ELIMIT, "limit exceeded" },
	{ VEIKART_EIO, "input/output error" },
	{ VEIKART_ETYPE, "value of the wrong type" },
	{ VEIKART_EDENIED, "role required" },
	{ VEIKART_ESTATE, "not possible in the current state" },
	{ VEIKART_EMISMATCH, "belongs to another methodology" },
	{ VEIKART_ELOCKED, "locked by another writer" },
	{ VEIKART_ECORRUPT, "damaged or altered data" },
	{ VEIKART_EUSER, "abandoned by a callback" },
	{ VEIKART_EVERSION, "unsupported options version" },
};

const char *veikart_strerror(int code)
{
	size_t i;

	for (i = 0; i < VEIKART__ARRAY_SIZE(error_texts); i++)
		if (error_texts[i].code == code)
			return error_texts[i].text;
	return "unknown error";
}

const veikart_error *veikart_error_last(void)
{
	if (last_error.pub.message == NULL)
		last_error.pub.message = last_error.message;
	return &last_error.pub;
}

void veikart_error_clear(void)
{
	last_error.pub.code = 0;
	last_error.message[0] = '\0';
	last_error.pub.message = last_error.message;
	last_error.pub.file = NULL;
	last_error.pub.line = 0;
	last_error.pub.column = 0;
}

static int error_vset(int code, const char *file, unsigned int line, unsigned int column,
                      const char *fmt, va_list ap) VEIKART__PRINTF(5, 0);

static int error_vset(int code, const char *file, unsigned int line, unsigned int column,
                      const char *fmt, va_list ap)
{
	char message[sizeof(last_error.message)];
	char where[sizeof(last_error.file)];

	/*
	 * Format into the stack first: a caller may pass the last error's own
	 * message or file as an argument, and vsnprintf() must not write over
	 * what it reads.
	 */
	vsnprintf(message, sizeof(message), fmt, ap);
	if (file != NULL)
		snprintf(where, sizeof(where), "%s", file);
	last_error.pub.code = code;
	memcpy(last_error.message, message, strlen(message) + 1);
	last_error.pub.message = last_error.message;
	if (file != NULL) {
		memcpy(last_error.file, where, strlen(where) + 1);
		last_error.pub.file = last_error.file;
	} else {
		last_error.pub.file = NULL;
	}
	last_error.pub.line = line;
	last_error.pub.column = column;
	return code;
}

int veikart__error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int veikart__error_set_at(int code, const char *file, unsigned int line, unsigned int column,
                          const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

int veikart_error_set(int code, const char *message)
{
	return veikart__error_set(code, "%s", message != NULL ? message : veikart_strerror(code));
}

int veikart__error_nomem(void)
{
	return veikart__error_set(VEIKART_ENOMEM, "out of memory");
}

int veikart__error_from_diagnostic(int code, const veikart_diagnostic *diag)
{
	if (diag == NULL)
		return veikart__error_set(code, "%s", veikart_strerror(code));
	return veikart__error_set_at(code, diag->file, diag->line, diag->column, "%s",
	                             diag->message);
}

int veikart__check_version(unsigned int version, unsigned int max, const char *what)
{
	if (version == 0 || version > max)
		return veikart__error_set(
		        VEIKART_EVERSION,
		        "%s version %u is not supported (this library knows 1 to %u)", what,
		        version, max);
	return 0;
}

int veikart__options_init(void *opts, size_t size, const void *defaults, unsigned int version,
                          unsigned int max, const char *what)
{
	int err;

	if (opts == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no %s structure given", what);
	err = veikart__check_version(version, max, what);
	if (err < 0)
		return err;
	memcpy(opts, defaults, size);
	memcpy(opts, &version, sizeof(version)); /* every options struct starts with it */
	return 0;
}

int veikart__streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int veikart__strcaseeq(const char *a, const char *b)
{
	unsigned char ca, cb;

	if (a == NULL || b == NULL)
		return a == b;
	do {
		ca = (unsigned char)*a++;
		cb = (unsigned char)*b++;
		if (ca >= 'A' && ca <= 'Z')
			ca = (unsigned char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (unsigned char)(cb - 'A' + 'a');
	} while (ca != '\0' && ca == cb);
	return ca == cb;
}

int veikart__is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int veikart__is_ident_char(int c)
{
	return veikart__is_ident_start(c) || (c >= '0' && c <= '9');
}
