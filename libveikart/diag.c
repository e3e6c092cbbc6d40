/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Diagnostics: every problem a load found, each with file, line and column.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

struct veikart_diagnostics {
	veikart_allocator alloc;
	veikart_diagnostic *items;
	size_t count;
	size_t cap;
	size_t errors;
	veikart__arena strings;
};

int veikart__diags_new(veikart_diagnostics **out, const veikart_allocator *alloc)
{
	veikart_diagnostics *d;

	*out = NULL;
	d = veikart__calloc(alloc, 1, sizeof(*d));
	if (d == NULL)
		return VEIKART_ENOMEM;
	d->alloc = *veikart__allocator_or_default(alloc);
	veikart__arena_init(&d->strings, &d->alloc);
	*out = d;
	return 0;
}

int veikart__diags_vadd(veikart_diagnostics *d, veikart_severity severity, const char *file,
                        unsigned int line, unsigned int column, const char *fmt, va_list ap)
{
	veikart_diagnostic *item;
	veikart__buf msg;
	void *items = d->items;
	const char *stored_file = NULL;
	size_t i;

	if (veikart__grow(&d->alloc, &items, &d->cap, d->count + 1, sizeof(*d->items)) < 0)
		return VEIKART_ENOMEM;
	d->items = items;

	/* Diagnostics of one load mostly share a file name: store it once. */
	for (i = d->count; i > 0; i--) {
		if (strcmp(d->items[i - 1].file, file ? file : "(buffer)") == 0) {
			stored_file = d->items[i - 1].file;
			break;
		}
	}
	if (stored_file == NULL) {
		stored_file = veikart__arena_strdup(&d->strings, file ? file : "(buffer)");
		if (stored_file == NULL)
			return VEIKART_ENOMEM;
	}

	veikart__buf_init(&msg, &d->alloc);
	veikart__buf_vprintf(&msg, fmt, ap);
	if (msg.failed) {
		veikart__buf_dispose(&msg);
		return VEIKART_ENOMEM;
	}
	item = &d->items[d->count];
	item->message = veikart__arena_strndup(&d->strings, veikart__buf_cstr(&msg), msg.len);
	veikart__buf_dispose(&msg);
	if (item->message == NULL)
		return VEIKART_ENOMEM;
	item->severity = severity;
	item->file = stored_file;
	item->line = line;
	item->column = column;
	d->count++;
	if (severity == VEIKART_SEVERITY_ERROR)
		d->errors++;
	return 0;
}

int veikart__diags_add(veikart_diagnostics *d, veikart_severity severity, const char *file,
                       unsigned int line, unsigned int column, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = veikart__diags_vadd(d, severity, file, line, column, fmt, ap);
	va_end(ap);
	return err;
}

static size_t file_rank(const veikart_diagnostics *d, const char *file)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		if (d->items[i].file == file)
			return i;
	return d->count;
}

static int diag_before(const veikart_diagnostics *d, const veikart_diagnostic *a,
                       const veikart_diagnostic *b)
{
	size_t ra = file_rank(d, a->file), rb = file_rank(d, b->file);

	if (ra != rb)
		return ra < rb;
	if (a->line != b->line)
		return a->line < b->line;
	return a->column < b->column;
}

/* A diagnostic and the notes right after it move as one group. */
static size_t group_end(const veikart_diagnostics *d, size_t start)
{
	size_t end = start + 1;

	while (end < d->count && d->items[end].severity == VEIKART_SEVERITY_NOTE)
		end++;
	return end;
}

void veikart__diags_sort(veikart_diagnostics *d)
{
	veikart_diagnostic *sorted;
	size_t *groups = NULL, ngroups = 0, i, j, k, out = 0, tmp;

	if (d->count < 2)
		return;
	/* Sorting is a courtesy: if there is no memory for it, keep the order found. */
	groups = veikart__calloc(&d->alloc, d->count, sizeof(*groups));
	sorted = veikart__calloc(&d->alloc, d->count, sizeof(*sorted));
	if (groups == NULL || sorted == NULL)
		goto out;
	for (i = 0; i < d->count; i = group_end(d, i))
		groups[ngroups++] = i;
	/* Insertion sort keeps equal places in the order they were found. */
	for (i = 1; i < ngroups; i++) {
		tmp = groups[i];
		for (j = i; j > 0 && diag_before(d, &d->items[tmp], &d->items[groups[j - 1]]); j--)
			groups[j] = groups[j - 1];
		groups[j] = tmp;
	}
	for (i = 0; i < ngroups; i++)
		for (k = groups[i]; k < group_end(d, groups[i]); k++)
			sorted[out++] = d->items[k];
	memcpy(d->items, sorted, d->count * sizeof(*sorted));
out:
	veikart__free(&d->alloc, groups);
	veikart__free(&d->alloc, sorted);
}

const veikart_diagnostic *veikart__diags_first_error(const veikart_diagnostics *d)
{
	size_t i;

	for (i = 0; d != NULL && i < d->count; i++)
		if (d->items[i].severity == VEIKART_SEVERITY_ERROR)
			return &d->items[i];
	return NULL;
}

size_t veikart_diagnostics_count(const veikart_diagnostics *d)
{
	return d ? d->count : 0;
}

size_t veikart_diagnostics_error_count(const veikart_diagnostics *d)
{
	return d ? d->errors : 0;
}

const veikart_diagnostic *veikart_diagnostics_get(const veikart_diagnostics *d, size_t index)
{
	if (d == NULL || index >= d->count)
		return NULL;
	return &d->items[index];
}

static const char *severity_name(veikart_severity s)
{
	switch (s) {
	case VEIKART_SEVERITY_ERROR:
		return "error";
	case VEIKART_SEVERITY_WARNING:
		return "warning";
	case VEIKART_SEVERITY_NOTE:
		return "note";
	}
	return "error";
}

int veikart_diagnostic_format(char *buf, size_t size, const veikart_diagnostic *diag)
{
	int n;

	if (diag == NULL || (buf == NULL && size != 0))
		return veikart__error_set(VEIKART_EINVALID, "no diagnostic or no buffer given");
	if (diag->line != 0 && diag->column != 0)
		n = snprintf(buf, size, "%s:%u:%u: %s: %s", diag->file, diag->line, diag->column,
		             severity_name(diag->severity), diag->message);
	else if (diag->line != 0)
		n = snprintf(buf, size, "%s:%u: %s: %s", diag->file, diag->line,
		             severity_name(diag->severity), diag->message);
	else
		n = snprintf(buf, size, "%s: %s: %s", diag->file, severity_name(diag->severity),
		             diag->message);
	return n < 0 ? veikart__error_set(VEIKART_ERROR, "cannot format diagnostic") : n;
}

void veikart_diagnostics_free(veikart_diagnostics *d)
{
	veikart_allocator alloc;

	if (d == NULL)
		return;
	alloc = d->alloc;
	veikart__arena_release(&d->strings);
	veikart__free(&alloc, d->items);
	veikart__free(&alloc, d);
}
