/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Verifying a journal file as a whole: a journal with events, its chain,
 * its rules against the very methodology it was recorded on, and what the
 * host kept of it elsewhere.  Nothing in the file can turn a check off:
 * only the caller asks for the chain alone.
 */
#include <stdio.h>
#include <string.h>

#include "initiative.h"
#include "journal.h"

int veikart_verify_options_init(veikart_verify_options *opts, unsigned int version)
{
	static const veikart_verify_options defaults = VEIKART_VERIFY_OPTIONS_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_VERIFY_OPTIONS_VERSION, "veikart_verify_options");
}

/* Whether TEXT is 12 to 64 lowercase hexadecimal digits. */
static int is_head(const char *text)
{
	size_t i;

	for (i = 0; text[i] != '\0'; i++)
		if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
			return 0;
	return i >= 12 && i <= VEIKART_HASH_HEX_LENGTH;
}

/* The journal holds at least the events the host knows of, and the head it
 * kept among them: a cut or a rewrite of the whole file keeps a chain
 * intact, but not these. */
static int check_expected(const veikart_journal *j, const veikart_verify_options *o)
{
	size_t n = veikart_journal_count(j), i, len;

	if (o->expect_events > 0 && (uint64_t)n < o->expect_events)
		return veikart__error_set_at(VEIKART_ECORRUPT, veikart_journal_path(j), 0, 0,
		                             "%s holds %zu event%s, but %llu were expected: events "
		                             "have been cut off the end",
		                             veikart_journal_path(j), n, n == 1 ? "" : "s",
		                             (unsigned long long)o->expect_events);
	if (o->expect_head == NULL)
		return 0;
	len = strlen(o->expect_head);
	for (i = n; i > 0; i--)
		if (strncmp(veikart_event_hash(veikart_journal_event(j, i - 1)), o->expect_head,
		            len) == 0)
			return 0;
	return veikart__error_set_at(VEIKART_ECORRUPT, veikart_journal_path(j), 0, 0,
	                             "%s: no event has the expected head %s: the journal has "
	                             "been cut short or rewritten",
	                             veikart_journal_path(j), o->expect_head);
}

int veikart_journal_verify(const char *path, const veikart_verify_options *opts, uint64_t *events,
                           char head[65])
{
	static const veikart_verify_options defaults = VEIKART_VERIFY_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;
	veikart_method *m = NULL;
	veikart_initiative *in = NULL;
	size_t n;
	int err;

	if (events != NULL)
		*events = 0;
	if (head != NULL)
		head[0] = '\0';
	if (path == NULL || path[0] == '\0')
		return veikart__error_set(VEIKART_EINVALID, "no journal file name");
	if (opts == NULL)
		opts = &defaults;
	err = veikart__check_version(opts->version, VEIKART_VERIFY_OPTIONS_VERSION,
	                             "veikart_verify_options");
	if (err < 0)
		return err;
	if (opts->flags & ~(unsigned int)VEIKART_VERIFY_CHAIN_ONLY)
		return veikart__error_set(VEIKART_EINVALID, "unknown verify flags 0x%x",
		                          opts->flags & ~(unsigned int)VEIKART_VERIFY_CHAIN_ONLY);
	if (opts->expect_head != NULL && !is_head(opts->expect_head))
		return veikart__error_set(VEIKART_EINVALID,
		                          "the expected head `%.80s` is not 12 to 64 lowercase "
		                          "hexadecimal digits",
		                          opts->expect_head);
	if ((opts->flags & VEIKART_VERIFY_CHAIN_ONLY) && opts->method != NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "a methodology to check against, and the chain only: "
		                          "give one or the other");

	jo.flags = VEIKART_JOURNAL_READONLY;
	jo.allocator = opts->load != NULL ? opts->load->allocator : NULL;
	err = veikart_journal_open(&j, path, &jo);
	if (err < 0)
		return err;
	n = veikart_journal_count(j);
	if (events != NULL)
		*events = n;
	if (n == 0) {
		err = veikart__error_set_at(
		        VEIKART_ECORRUPT, path, 1, 0,
		        "%s holds no events%s: a journal starts with the event "
		        "that created its initiative",
		        path, veikart_journal_torn_bytes(j) > 0 ? " (only part of a header)" : "");
		goto out;
	}
	err = check_expected(j, opts);
	if (err < 0)
		goto out;
	if (!(opts->flags & VEIKART_VERIFY_CHAIN_ONLY)) {
		err = veikart_journal_method(&m, j, opts->method, opts->load, NULL);
		if (err < 0) {
			err = veikart__error_set(err,
			                         "%s: the chain is intact, but the rules cannot be "
			                         "checked: %s",
			                         path, veikart_error_last()->message);
			goto out;
		}
		err = veikart_initiative_replay(&in, m, j, NULL);
		if (err < 0) {
			err = veikart__error_set(err, "%s: the chain is intact, but %s", path,
			                         veikart_error_last()->message);
			goto out;
		}
	}
	if (head != NULL)
		memcpy(head, veikart_event_hash(veikart_journal_event(j, n - 1)),
		       VEIKART_HASH_HEX_LENGTH + 1);
out:
	veikart_initiative_free(in);
	veikart_method_free(m);
	veikart_journal_free(j);
	return err;
}
