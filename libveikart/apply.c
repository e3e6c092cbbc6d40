/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Applying events, live or replayed, the same way:
 *
 *   event(s) -> decode and check against the rules -> prepare (allocate
 *   everything the change needs) -> the host's commit hook -> commit
 *
 * Commit cannot fail, so once the hook has accepted (and perhaps persisted)
 * the events, applying them cannot be cut short by a failed allocation.
 * A live call (live.c) builds its events from its arguments and then takes
 * this same path, so replaying a journal meets exactly the checks the live
 * calls met.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "change.h"

/* Name the event in a replay error, keeping the code. */
static int about_event(const veikart_event *ev, int err)
{
	return veikart__error_set(err, "event %" PRIu64 " (%s by `%s`): %s", ev->seq,
	                          veikart_event_kind_name(ev->kind), ev->actor,
	                          veikart_error_last()->message);
}

int veikart__initiative_apply(veikart_initiative *in, const veikart_event *const *events,
                              size_t count, int call_hook, veikart_report **live)
{
	veikart__change local[4], *changes = local;
	const char *prev = in->head;
	int64_t last = in->last_time;
	size_t k;
	int err = 0, rc;

	if (count > VEIKART__ARRAY_SIZE(local)) {
		changes = veikart__calloc(&in->alloc, count, sizeof(*changes));
		if (changes == NULL)
			return VEIKART_ENOMEM;
	}
	memset(changes, 0, count * sizeof(*changes));
	for (k = 0; k < count; k++) {
		const veikart_event *ev = events[k];
		changes[k].ev = ev;
		if (ev->seq != in->seq + k + 1 || strcmp(ev->prev, prev) != 0) {
			err = veikart__error_set(VEIKART_ECORRUPT,
			                         "event %" PRIu64 " does not follow event %" PRIu64
			                         " (expected sequence %" PRIu64 " linked to %.12s)",
			                         ev->seq, in->seq + k, in->seq + k + 1, prev);
			goto out;
		}
		if (ev->time < last) {
			err = veikart__error_set(
			        VEIKART_ECORRUPT,
			        "event %" PRIu64 " is dated before the event before it", ev->seq);
			goto out;
		}
		/* Facts in one batch are independent; decode each against the
		 * state as it stands (decisions and creation come alone). */
		err = veikart__decode(in, &changes[k], live);
		if (err < 0) {
			if (!call_hook)
				err = about_event(ev, err);
			goto out;
		}
		prev = ev->hash;
		last = ev->time;
	}
	if (call_hook && in->commit != NULL) {
		veikart_error_clear();
		rc = in->commit(events, count, in->commit_payload);
		if (rc != 0) {
			char why[900] = "";
			/* A hook that said why (with veikart_error_set(), as the
			 * journal does when it cannot write) keeps its reason. */
			if (rc < 0 && veikart_error_last()->code == rc)
				snprintf(why, sizeof(why), ": %s", veikart_error_last()->message);
			err = veikart__error_set(VEIKART_EUSER,
			                         "the change was not committed (the commit hook "
			                         "returned %d)%s",
			                         rc, why);
			goto out;
		}
	}
	for (k = 0; k < count; k++)
		veikart__commit(in, &changes[k]);
out:
	veikart__arena_release(&in->scratch);
	/* Every change, the one that failed half-prepared included; the ones
	 * never reached are zeroed, and committed ones were emptied. */
	for (k = 0; k < count; k++)
		veikart__change_release(in, &changes[k]);
	if (changes != local)
		veikart__free(&in->alloc, changes);
	return err;
}

int veikart_initiative_apply(veikart_initiative *in, const veikart_event *event)
{
	if (in == NULL || event == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no event given");
	return veikart__initiative_apply(in, &event, 1, 0, NULL);
}

int veikart_initiative_replay(veikart_initiative **out, const veikart_method *method,
                              veikart_journal *journal, const veikart_initiative_options *opts)
{
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	size_t i, n;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the initiative (out is NULL)");
	*out = NULL;
	if (journal == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no journal given");
	if (opts != NULL) {
		err = veikart__check_version(opts->version, VEIKART_INITIATIVE_OPTIONS_VERSION,
		                             "veikart_initiative_options");
		if (err < 0)
			return err;
		o = *opts;
	}
	if (o.commit == NULL) {
		o.commit = veikart_journal_commit;
		o.commit_payload = journal;
	}
	n = veikart_journal_count(journal);
	if (n == 0)
		return veikart__error_set(VEIKART_ENOTFOUND, "journal %s holds no events",
		                          veikart_journal_path(journal));
	err = veikart__initiative_init(&in, method, &o);
	if (err < 0)
		return err;
	for (i = 0; i < n; i++) {
		err = veikart_initiative_apply(in, veikart_journal_event(journal, i));
		if (err < 0) {
			veikart_initiative_free(in);
			return err;
		}
	}
	*out = in;
	return 0;
}
