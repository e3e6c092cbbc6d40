/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Gate reports: evaluate every criterion, add them up by the gate's rule,
 * and say in one sentence what the verdict rests on.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "method.h"
#include "model.h"
#include "report.h"

/* A gate's parts, read directly: these run for every criterion of every
 * report, where the public accessors would check their arguments again. */
#define NCRITERIA(g) ((g)->criteria.count)
#define CRITERION(g, i) ((const veikart_criterion *)(g)->criteria.items[i])
#define NOUTCOMES(g) ((g)->outcomes.count)
#define OUTCOME(g, i) ((const veikart_outcome *)(g)->outcomes.items[i])

/* A report's reasons and summary, when written after the report was made. */
typedef struct report_texts {
	const char *summary;
	const char *reasons[]; /* one per criterion; the texts follow */
} report_texts;

struct veikart_report {
	veikart_allocator alloc;
	const veikart_gate *gate;
	int64_t time;
	veikart_verdict verdict;
	double score;
	const veikart_outcome *recommended;
	size_t n;
	veikart_truth *truths;
	/* Written with the report: reasons and summary are set.  Otherwise
	 * (a plain gate, see model.h) they are written when first asked for,
	 * from the values the criteria read, kept in `read`, and published
	 * once in `texts`; a report stays immutable to its readers. */
	const char **reasons;
	const char *summary;
	_Atomic(report_texts *) texts;
	const veikart__value *read; /* in the order of the gate's reads */
	size_t nfacts;
	int64_t phase_entered;
};

/* What a report says when memory runs out while writing its words late. */
static const char no_memory_text[] = "(not enough memory to write this text)";

/* Scores are sums of decimal weights; compare with a little slack. */
#define SCORE_EPSILON 1e-9

const char *veikart_verdict_name(veikart_verdict verdict)
{
	switch (verdict) {
	case VEIKART_VERDICT_READY:
		return "ready";
	case VEIKART_VERDICT_INCOMPLETE:
		return "incomplete";
	case VEIKART_VERDICT_BLOCKED:
		return "blocked";
	case VEIKART_VERDICT_ADVISORY:
		return "advisory";
	}
	return "unknown";
}

int veikart_verdict_from_name(const char *name, veikart_verdict *out)
{
	VEIKART__FROM_NAME(name, out, veikart_verdict, veikart_verdict_name, VEIKART_VERDICT_READY,
	                   VEIKART_VERDICT_ADVISORY, "a verdict");
}

const char *veikart_truth_name(veikart_truth truth)
{
	switch (truth) {
	case VEIKART_MET:
		return "met";
	case VEIKART_UNMET:
		return "unmet";
	case VEIKART_UNKNOWN:
		return "unknown";
	}
	return "unknown";
}

int veikart_truth_from_name(const char *name, veikart_truth *out)
{
	VEIKART__FROM_NAME(name, out, veikart_truth, veikart_truth_name, VEIKART_UNMET,
	                   VEIKART_UNKNOWN, "a truth value");
}

int veikart__outcome_needs_override(veikart_outcome_kind kind, veikart_verdict verdict)
{
	switch (kind) {
	case VEIKART_OUTCOME_GO:
	case VEIKART_OUTCOME_SKIP:
	case VEIKART_OUTCOME_CONTINUE:
		return verdict != VEIKART_VERDICT_READY && verdict != VEIKART_VERDICT_ADVISORY;
	case VEIKART_OUTCOME_CONDITIONAL_GO:
		return verdict == VEIKART_VERDICT_BLOCKED;
	default:
		return 0;
	}
}

/* What a gate's results add up to, before it is put into words. */
typedef struct tally {
	size_t met, unmet, unknown;      /* must and should criteria */
	size_t must_unmet, must_unknown; /* must criteria */
	double total, met_w, unknown_w;  /* weights of the should criteria */
} tally;

static void count(const veikart_gate *g, const veikart_truth *truths, tally *t)
{
	const veikart_criterion *c;
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < NCRITERIA(g); i++) {
		c = CRITERION(g, i);
		if (c->level == VEIKART_LEVEL_INFO)
			continue;
		t->met += truths[i] == VEIKART_MET;
		t->unmet += truths[i] == VEIKART_UNMET;
		t->unknown += truths[i] == VEIKART_UNKNOWN;
		if (c->level == VEIKART_LEVEL_MUST) {
			t->must_unmet += truths[i] == VEIKART_UNMET;
			t->must_unknown += truths[i] == VEIKART_UNKNOWN;
			continue;
		}
		t->total += c->weight;
		if (truths[i] == VEIKART_MET)
			t->met_w += c->weight;
		else if (truths[i] == VEIKART_UNKNOWN)
			t->unknown_w += c->weight;
	}
}

/* Add the results up by the gate's rule: the verdict, and the score. */
static veikart_verdict judge(const veikart_gate *g, const veikart_truth *truths, tally *t,
                             double *score)
{
	count(g, truths, t);
	*score = t->total > 0.0 ? t->met_w / t->total : 1.0;
	switch (g->aggregation) {
	case VEIKART_AGGREGATION_ADVISORY:
		return VEIKART_VERDICT_ADVISORY;
	case VEIKART_AGGREGATION_ALL:
		return t->unmet > 0     ? VEIKART_VERDICT_BLOCKED
		       : t->unknown > 0 ? VEIKART_VERDICT_INCOMPLETE
		                        : VEIKART_VERDICT_READY;
	case VEIKART_AGGREGATION_K_OF_N:
		if (t->met >= g->k)
			return VEIKART_VERDICT_READY;
		if (t->met + t->unknown >= g->k)
			return VEIKART_VERDICT_INCOMPLETE;
		return VEIKART_VERDICT_BLOCKED;
	case VEIKART_AGGREGATION_MUST_THEN_SCORE:
		break;
	}
	if (t->must_unmet > 0)
		return VEIKART_VERDICT_BLOCKED;
	if (t->must_unknown > 0)
		return VEIKART_VERDICT_INCOMPLETE;
	if (t->total == 0.0 || *score + SCORE_EPSILON >= g->threshold)
		return VEIKART_VERDICT_READY;
	if ((t->met_w + t->unknown_w) / t->total + SCORE_EPSILON >= g->threshold)
		return VEIKART_VERDICT_INCOMPLETE;
	return VEIKART_VERDICT_BLOCKED;
}

/* Criteria ids of one kind of result, for the summary: "a, b, c and 2 more". */
static void list_ids(veikart__buf *b, const veikart_gate *g, const veikart_truth *truths,
                     veikart_truth want, int scored_only, size_t count)
{
	const veikart_criterion *c;
	size_t i, shown = 0;

	veikart__buf_puts(b, " (");
	for (i = 0; i < NCRITERIA(g); i++) {
		c = CRITERION(g, i);
		if (truths[i] != want)
			continue;
		if (scored_only == 1 && c->level != VEIKART_LEVEL_MUST)
			continue;
		if (scored_only == 2 && c->level == VEIKART_LEVEL_INFO)
			continue;
		if (shown == 3) {
			veikart__buf_printf(b, " and %zu more", count - shown);
			break;
		}
		veikart__buf_printf(b, "%s%s", shown ? ", " : "", c->id);
		shown++;
	}
	veikart__buf_putc(b, ')');
}

/* The sentence that says what a verdict rests on. */
static void summarise(const veikart_gate *g, const veikart_truth *truths, const tally *t,
                      veikart_verdict verdict, double score, veikart__buf *why)
{
	size_t considered = t->met + t->unmet + t->unknown;
	char got[32], needs[32];

	switch (g->aggregation) {
	case VEIKART_AGGREGATION_ADVISORY:
		veikart__buf_printf(why, "advisory: %zu met, %zu unmet, %zu unknown", t->met,
		                    t->unmet, t->unknown);
		return;
	case VEIKART_AGGREGATION_ALL:
		if (verdict == VEIKART_VERDICT_BLOCKED) {
			veikart__buf_printf(why, "blocked: %zu criteri%s unmet", t->unmet,
			                    t->unmet == 1 ? "on" : "a");
			list_ids(why, g, truths, VEIKART_UNMET, 2, t->unmet);
		} else if (verdict == VEIKART_VERDICT_INCOMPLETE) {
			veikart__buf_printf(why, "incomplete: %zu criteri%s unknown", t->unknown,
			                    t->unknown == 1 ? "on" : "a");
			list_ids(why, g, truths, VEIKART_UNKNOWN, 2, t->unknown);
		} else {
			veikart__buf_puts(why, "ready: every criterion met");
		}
		return;
	case VEIKART_AGGREGATION_K_OF_N:
		if (verdict == VEIKART_VERDICT_READY) {
			veikart__buf_printf(why, "ready: %zu of %zu criteria met (needs %u)",
			                    t->met, considered, g->k);
		} else if (verdict == VEIKART_VERDICT_INCOMPLETE) {
			veikart__buf_printf(why,
			                    "incomplete: %zu of %zu criteria met (needs %u), %zu "
			                    "unknown",
			                    t->met, considered, g->k, t->unknown);
			list_ids(why, g, truths, VEIKART_UNKNOWN, 2, t->unknown);
		} else {
			veikart__buf_printf(why, "blocked: %zu of %zu criteria met (needs %u)",
			                    t->met, considered, g->k);
		}
		return;
	case VEIKART_AGGREGATION_MUST_THEN_SCORE:
		break;
	}
	if (t->must_unmet > 0) {
		veikart__buf_printf(why, "blocked: %zu must criteri%s unmet", t->must_unmet,
		                    t->must_unmet == 1 ? "on" : "a");
		list_ids(why, g, truths, VEIKART_UNMET, 1, t->must_unmet);
		return;
	}
	if (t->must_unknown > 0) {
		veikart__buf_printf(why, "incomplete: %zu must criteri%s unknown", t->must_unknown,
		                    t->must_unknown == 1 ? "on" : "a");
		list_ids(why, g, truths, VEIKART_UNKNOWN, 1, t->must_unknown);
		return;
	}
	if (t->total == 0.0) {
		veikart__buf_puts(why, "ready: every must criterion met");
		return;
	}
	/* Scores with a '.' whatever the locale, like every number written. */
	veikart__format_number(got, sizeof(got), 2, 'f', score);
	veikart__format_number(needs, sizeof(needs), 2, 'f', g->threshold);
	if (verdict == VEIKART_VERDICT_READY)
		veikart__buf_cat(why, "ready: every must criterion met; should-score ", got,
		                 " (needs ", needs, ")", NULL);
	else if (verdict == VEIKART_VERDICT_INCOMPLETE)
		veikart__buf_cat(why, "incomplete: should-score ", got, ", needs ", needs,
		                 "; criteria still unknown could make it up", NULL);
	else
		veikart__buf_cat(why, "blocked: should-score ", got, ", needs ", needs, NULL);
}

static const veikart_outcome *recommend(const veikart_gate *g, veikart_verdict verdict)
{
	static const veikart_outcome_kind when_ready[] = { VEIKART_OUTCOME_GO,
		                                           VEIKART_OUTCOME_CONDITIONAL_GO,
		                                           VEIKART_OUTCOME_CONTINUE };
	size_t i, k;

	if (verdict == VEIKART_VERDICT_ADVISORY)
		return NULL;
	for (k = 0; k < VEIKART__ARRAY_SIZE(when_ready); k++)
		for (i = 0; i < NOUTCOMES(g); i++)
			if (OUTCOME(g, i)->kind == (verdict == VEIKART_VERDICT_READY
			                                    ? when_ready[k]
			                                    : VEIKART_OUTCOME_HOLD))
				return OUTCOME(g, i);
	return NULL;
}

/* Build the report block from results and reasons (reasons laid end to end
 * in `texts`, each NUL-terminated). */
static int report_new(veikart_report **out, const veikart_gate *g, int64_t time,
                      const veikart_truth *truths, const char *const *reasons,
                      const veikart_verdict *recorded, double recorded_score,
                      const veikart_allocator *alloc)
{
	size_t n = NCRITERIA(g), i, strings = 0, len;
	veikart__buf summary;
	veikart_verdict verdict;
	char space[256];
	veikart_report *r;
	double score;
	tally t;
	char *w;

	*out = NULL;
	veikart__buf_init_on(&summary, alloc, space, sizeof(space));
	verdict = judge(g, truths, &t, &score);
	summarise(g, truths, &t, verdict, score, &summary);
	if (recorded != NULL) {
		verdict = *recorded;
		score = recorded_score;
	}
	if (summary.failed) {
		veikart__buf_dispose(&summary);
		return VEIKART_ENOMEM;
	}
	for (i = 0; i < n; i++)
		strings += strlen(reasons[i]) + 1;
	strings += summary.len + 1;
	r = veikart__malloc(alloc,
	                    sizeof(*r) + n * (sizeof(*r->truths) + sizeof(*r->reasons)) + strings);
	if (r == NULL) {
		veikart__buf_dispose(&summary);
		return VEIKART_ENOMEM;
	}
	memset(r, 0, sizeof(*r));
	atomic_init(&r->texts, NULL);
	r->alloc = *veikart__allocator_or_default(alloc);
	r->gate = g;
	r->time = time;
	r->verdict = verdict;
	r->score = score;
	r->recommended = recommend(g, verdict);
	r->n = n;
	r->reasons = (const char **)(r + 1);
	r->truths = (veikart_truth *)(r->reasons + n);
	w = (char *)(r->truths + n);
	for (i = 0; i < n; i++) {
		r->truths[i] = truths[i];
		len = strlen(reasons[i]) + 1;
		memcpy(w, reasons[i], len);
		r->reasons[i] = w;
		w += len;
	}
	memcpy(w, veikart__buf_cstr(&summary), summary.len + 1);
	r->summary = w;
	veikart__buf_dispose(&summary);
	*out = r;
	return 0;
}

/* Each criterion's reason, NUL-terminated, laid end to end in `texts`
 * (offsets[i] where the i-th starts). */
static void explain_criteria(veikart__buf *texts, size_t *offsets, const veikart_gate *g,
                             const veikart__eval_env *env, veikart_truth *truths)
{
	size_t i, n = NCRITERIA(g);
	veikart__why why;

	/* Most reasons are under 100 bytes: one allocation instead of doubling. */
	veikart__buf_reserve(texts, 128 * n);
	for (i = 0; i < n; i++) {
		const veikart__expr *e = CRITERION(g, i)->expr;
		truths[i] = veikart__expr_eval_bool(e, env, &why);
		offsets[i] = texts->len;
		veikart__expr_explain(texts, e, env, &why);
		veikart__buf_putc(texts, '\0');
	}
}

/* A report on a plain gate: results, verdict and the values the criteria
 * read; the words are written when first asked for (texts_of()). */
static int report_plain(veikart_report **out, const veikart_gate *g, const veikart__eval_env *env,
                        const uint32_t *reads, size_t nreads, const veikart_allocator *alloc)
{
	size_t n = NCRITERIA(g), i;
	veikart__value *read;
	veikart_report *r;
	tally t;

	r = veikart__malloc(alloc, sizeof(*r) + nreads * sizeof(*read) + n * sizeof(*r->truths));
	if (r == NULL)
		return veikart__error_nomem();
	memset(r, 0, sizeof(*r));
	atomic_init(&r->texts, NULL);
	read = (veikart__value *)(r + 1);
	r->truths = (veikart_truth *)(read + nreads);
	for (i = 0; i < n; i++)
		r->truths[i] = veikart__expr_eval_bool(CRITERION(g, i)->expr, env, NULL);
	for (i = 0; i < nreads; i++) {
		if (reads[i] < env->nfacts)
			read[i] = env->facts[reads[i]];
		else
			memset(&read[i], 0, sizeof(read[i]));
	}
	r->verdict = judge(g, r->truths, &t, &r->score);
	r->alloc = *veikart__allocator_or_default(alloc);
	r->gate = g;
	r->time = env->now;
	r->recommended = recommend(g, r->verdict);
	r->n = n;
	r->read = read;
	r->nfacts = env->nfacts;
	r->phase_entered = env->phase_entered;
	*out = r;
	return 0;
}

/* Write a plain report's reasons and summary, as report_evaluate() would
 * have written them when the report was made. */
static report_texts *write_texts(const veikart_report *r)
{
	size_t n = r->n, i, nreads, *offsets = NULL;
	report_texts *t = NULL;
	const uint32_t *reads;
	veikart__value *values = NULL;
	veikart_truth *truths = NULL;
	veikart__buf texts, summary;
	veikart__eval_env env;
	veikart_verdict verdict;
	double score;
	tally tl;
	char *w;

	veikart__buf_init(&texts, &r->alloc);
	veikart__buf_init(&summary, &r->alloc);
	veikart__gate_plain(r->gate, &reads, &nreads);
	values = veikart__calloc(&r->alloc, r->nfacts ? r->nfacts : 1, sizeof(*values));
	offsets = veikart__calloc(&r->alloc, n ? n : 1, sizeof(*offsets) + sizeof(*truths));
	if (values == NULL || offsets == NULL)
		goto out;
	truths = (veikart_truth *)(offsets + (n ? n : 1));
	for (i = 0; i < nreads; i++)
		if (reads[i] < r->nfacts)
			values[reads[i]] = r->read[i];
	memset(&env, 0, sizeof(env));
	env.facts = values;
	env.nfacts = r->nfacts;
	env.now = r->time;
	env.phase_entered = r->phase_entered;
	env.phase = -1;
	explain_criteria(&texts, offsets, r->gate, &env, truths);
	verdict = judge(r->gate, r->truths, &tl, &score);
	summarise(r->gate, r->truths, &tl, verdict, score, &summary);
	if (texts.failed || summary.failed)
		goto out;
	t = veikart__malloc(&r->alloc,
	                    sizeof(*t) + n * sizeof(*t->reasons) + texts.len + summary.len + 1);
	if (t == NULL)
		goto out;
	w = (char *)(t->reasons + n);
	memcpy(w, veikart__buf_cstr(&texts), texts.len);
	for (i = 0; i < n; i++)
		t->reasons[i] = w + offsets[i];
	w += texts.len;
	memcpy(w, veikart__buf_cstr(&summary), summary.len + 1);
	t->summary = w;
out:
	veikart__buf_dispose(&texts);
	veikart__buf_dispose(&summary);
	veikart__free(&r->alloc, values);
	veikart__free(&r->alloc, offsets);
	return t;
}

/* A plain report's words, written by the first reader to ask; readers on
 * other threads racing it keep whichever was published first. */
static const report_texts *texts_of(const veikart_report *r)
{
	/* The texts are a cache: writing them changes nothing a reader sees. */
	_Atomic(report_texts *) *slot = (_Atomic(report_texts *) *)&r->texts;
	report_texts *t = atomic_load_explicit(slot, memory_order_acquire), *seen = NULL;

	if (t != NULL)
		return t;
	t = write_texts(r);
	if (t == NULL)
		return NULL;
	if (!atomic_compare_exchange_strong_explicit(slot, &seen, t, memory_order_acq_rel,
	                                             memory_order_acquire)) {
		veikart__free(&r->alloc, t);
		t = seen;
	}
	return t;
}

int veikart__report_evaluate(veikart_report **out, const veikart_gate *g,
                             const veikart__eval_env *env, int words_now,
                             const veikart_allocator *alloc)
{
	size_t n = NCRITERIA(g), i, *offsets = NULL, nreads;
	const char **reasons = NULL;
	veikart_truth *truths = NULL;
	const uint32_t *reads;
	veikart__buf texts;
	int err;

	*out = NULL;
	if (!words_now && veikart__gate_plain(g, &reads, &nreads))
		return report_plain(out, g, env, reads, nreads, alloc);
	veikart__buf_init(&texts, alloc);
	/* The reasons, their offsets and the truths in one block. */
	reasons = veikart__calloc(alloc, n ? n : 1,
	                          sizeof(*reasons) + sizeof(*offsets) + sizeof(*truths));
	if (reasons == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	offsets = (size_t *)(reasons + (n ? n : 1));
	truths = (veikart_truth *)(offsets + (n ? n : 1));
	explain_criteria(&texts, offsets, g, env, truths);
	if (texts.failed) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		reasons[i] = veikart__buf_cstr(&texts) + offsets[i];
	err = report_new(out, g, env->now, truths, reasons, NULL, 0.0, alloc);
out:
	veikart__buf_dispose(&texts);
	veikart__free(alloc, reasons);
	return err == VEIKART_ENOMEM ? veikart__error_nomem() : err;
}

void veikart__gate_judge(const veikart_gate *g, const veikart__eval_env *env, veikart_truth *truths,
                         veikart_verdict *verdict)
{
	size_t i, n = NCRITERIA(g);
	double score;
	tally t;

	for (i = 0; i < n; i++)
		truths[i] = veikart__expr_eval_bool(CRITERION(g, i)->expr, env, NULL);
	*verdict = judge(g, truths, &t, &score);
}

int veikart__report_rebuild(veikart_report **out, const veikart_gate *g, int64_t time,
                            veikart_verdict verdict, double score, const veikart_truth *truths,
                            const char *const *reasons, const veikart_allocator *alloc)
{
	return report_new(out, g, time, truths, reasons, &verdict, score, alloc);
}

void veikart__report_set_score(veikart_report *r, double score)
{
	r->score = score;
}

const veikart_gate *veikart_report_gate(const veikart_report *r)
{
	return r ? r->gate : NULL;
}

int64_t veikart_report_time(const veikart_report *r)
{
	return r ? r->time : 0;
}

veikart_verdict veikart_report_verdict(const veikart_report *r)
{
	return r ? r->verdict : VEIKART_VERDICT_BLOCKED;
}

double veikart_report_score(const veikart_report *r)
{
	return r ? r->score : 0.0;
}

const veikart_outcome *veikart_report_recommended(const veikart_report *r)
{
	return r ? r->recommended : NULL;
}

const char *veikart_report_summary(const veikart_report *r)
{
	const report_texts *t;

	if (r == NULL)
		return NULL;
	if (r->summary != NULL)
		return r->summary;
	t = texts_of(r);
	return t != NULL ? t->summary : no_memory_text;
}

size_t veikart_report_count(const veikart_report *r)
{
	return r ? r->n : 0;
}

const veikart_criterion *veikart_report_criterion(const veikart_report *r, size_t i)
{
	return r && i < r->n ? veikart_gate_criterion(r->gate, i) : NULL;
}

veikart_truth veikart_report_truth(const veikart_report *r, size_t i)
{
	return r && i < r->n ? r->truths[i] : VEIKART_UNKNOWN;
}

const char *veikart_report_reason(const veikart_report *r, size_t i)
{
	const report_texts *t;

	if (r == NULL || i >= r->n)
		return NULL;
	if (r->reasons != NULL)
		return r->reasons[i];
	t = texts_of(r);
	return t != NULL ? t->reasons[i] : no_memory_text;
}

void veikart_report_free(veikart_report *r)
{
	veikart_allocator alloc;

	if (r == NULL)
		return;
	alloc = r->alloc;
	veikart__free(&alloc, atomic_load_explicit(&r->texts, memory_order_acquire));
	veikart__free(&alloc, r);
}
