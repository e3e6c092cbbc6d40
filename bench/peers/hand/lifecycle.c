/*
 * The lifecycle workload of issue 8 in hand-written C with a SHA-256 chain:
 * the "physical limit" peer of libveikart's benchmark
 * (bench/peers/README.md says how each rule maps).
 * SPDX-License-Identifier: MIT
 *
 *   bench_peer_hand [--seconds S | --lifecycles N | --records]
 *
 * Prints one line on stdout: hand <TAB> lifecycles <TAB> seconds <TAB>
 * events/s (with --records, the records of the first lifecycle instead).
 * Diagnostics (the self-test, the chain head of LC-1) go to stderr.
 *
 * The same work as the other implementations, written the direct way: facts
 * in an array indexed by an enum, roles as bits, each record formatted into
 * a stack buffer, hashed and copied into an in-memory log.  The hash is
 * libveikart's own veikart_sha256_hex() (the processor's SHA extensions
 * where it has them, libsodium otherwise), the one function it takes from
 * the library, so that the ratio measures everything but the hash.  Nothing is skipped: the actor's
 * roles are looked up by name for every change, every value's type is checked, every decision
 * evaluates all of its gate's criteria and records each result.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <veikart.h>

/* ---- the methodology: roles, typed facts, gates ---------------------------- */

enum role { ROLE_OWNER, ROLE_LEAD, ROLE_BOARD, ROLE_COUNT };
static const char *const role_names[ROLE_COUNT] = { "owner", "lead", "board" };

enum phase { P_NEEDS, P_PLANNING, P_PILOT, P_EVALUATION, P_ROLLOUT, P_OPERATION, P_NONE = -1 };
static const char *const phase_names[] = { "needs",      "planning", "pilot",
	                                   "evaluation", "rollout",  "operation" };

enum type { T_BOOL, T_INTEGER, T_NUMBER, T_RATIO };

enum fact {
	F_NEED_DESCRIBED,
	F_USERS_INVOLVED,
	F_ANCHORED,
	F_MANDATE_SIGNED,
	F_PROBLEM_OWNER_NAMED,
	F_PLAN_GOALS,
	F_PLAN_SCOPE,
	F_RISK_ASSESSED,
	F_BASELINE_HOURS,
	F_BUDGET_APPROVED,
	F_PARTICIPANTS,
	F_WEEKS,
	F_STAFF_TRAINED,
	F_PILOT_REPORT,
	F_ACTIVE_USE,
	F_HOURS_SAVED,
	F_EVALUATION_APPROVED,
	F_UNITS_LIVE_RATIO,
	F_SUPPORT_IN_PLACE,
	F_TRAINING_DONE,
	F_BENEFIT_REALIZED,
	F_WITHIN_BUDGET,
	F_USERS_SATISFIED,
	F_COUNT
};

/* Each fact: its id, its type, and the role that may record it. */
static const struct fact_def {
	const char *id;
	enum type type;
	enum role role;
} facts[F_COUNT] = {
	[F_NEED_DESCRIBED] = { "need_described", T_BOOL, ROLE_LEAD },
	[F_USERS_INVOLVED] = { "users_involved", T_BOOL, ROLE_LEAD },
	[F_ANCHORED] = { "anchored", T_BOOL, ROLE_OWNER },
	[F_MANDATE_SIGNED] = { "mandate_signed", T_BOOL, ROLE_OWNER },
	[F_PROBLEM_OWNER_NAMED] = { "problem_owner_named", T_BOOL, ROLE_OWNER },
	[F_PLAN_GOALS] = { "plan_goals", T_BOOL, ROLE_LEAD },
	[F_PLAN_SCOPE] = { "plan_scope", T_BOOL, ROLE_LEAD },
	[F_RISK_ASSESSED] = { "risk_assessed", T_BOOL, ROLE_LEAD },
	[F_BASELINE_HOURS] = { "baseline_hours", T_NUMBER, ROLE_LEAD },
	[F_BUDGET_APPROVED] = { "budget_approved", T_BOOL, ROLE_BOARD },
	[F_PARTICIPANTS] = { "participants", T_INTEGER, ROLE_LEAD },
	[F_WEEKS] = { "weeks", T_INTEGER, ROLE_LEAD },
	[F_STAFF_TRAINED] = { "staff_trained", T_RATIO, ROLE_LEAD },
	[F_PILOT_REPORT] = { "pilot_report", T_BOOL, ROLE_LEAD },
	[F_ACTIVE_USE] = { "active_use", T_RATIO, ROLE_LEAD },
	[F_HOURS_SAVED] = { "hours_saved", T_NUMBER, ROLE_LEAD },
	[F_EVALUATION_APPROVED] = { "evaluation_approved", T_BOOL, ROLE_OWNER },
	[F_UNITS_LIVE_RATIO] = { "units_live_ratio", T_RATIO, ROLE_LEAD },
	[F_SUPPORT_IN_PLACE] = { "support_in_place", T_BOOL, ROLE_LEAD },
	[F_TRAINING_DONE] = { "training_done", T_BOOL, ROLE_LEAD },
	[F_BENEFIT_REALIZED] = { "benefit_realized", T_BOOL, ROLE_OWNER },
	[F_WITHIN_BUDGET] = { "within_budget", T_BOOL, ROLE_OWNER },
	[F_USERS_SATISFIED] = { "users_satisfied", T_BOOL, ROLE_OWNER },
};

/* A value as the caller gives it: bool, integer or number. */
struct value {
	enum type type; /* T_BOOL, T_INTEGER or T_NUMBER */
	union {
		bool b;
		long long i;
		double n;
	} u;
};

/* Initialisers of the script's values. */
#define BOOL(x)                                  \
	{                                        \
		.type = T_BOOL, .u = {.b = (x) } \
	}
#define INT(x)                                      \
	{                                           \
		.type = T_INTEGER, .u = {.i = (x) } \
	}
#define NUM(x)                                     \
	{                                          \
		.type = T_NUMBER, .u = {.n = (x) } \
	}

/* A criterion: the fact is true (OP_TRUE), or fact >= / > a threshold. */
enum op { OP_TRUE, OP_GE, OP_GT };
static const char *const op_names[] = { "", "ge", "gt" };

struct criterion {
	const char *id;
	enum fact fact;
	enum op op;
	double value;
	const char *text; /* the threshold as written */
};

enum outcome { O_GO, O_RECYCLE, O_CONTINUE, O_COUNT };
static const char *const outcome_names[O_COUNT] = { "go", "recycle", "continue" };

enum gate_id { G_NEEDS, G_PLANNING, G_PILOT, G_EVALUATION, G_ROLLOUT, G_YEARLY, G_COUNT };

#define MAX_CRITERIA 5

struct gate {
	const char *id;
	enum phase from;
	enum role authority;
	enum phase to[O_COUNT]; /* P_NONE: the gate has no such outcome */
	size_t ncriteria;
	struct criterion criteria[MAX_CRITERIA];
};

#define CHECK(id, f)                    \
	{                               \
		id, f, OP_TRUE, 0, NULL \
	}
#define AT_LEAST(id, f, v, t)      \
	{                          \
		id, f, OP_GE, v, t \
	}
#define ABOVE(id, f, v, t)         \
	{                          \
		id, f, OP_GT, v, t \
	}

static const struct gate gates[G_COUNT] = {
	[G_NEEDS] = { "needs-gate",
	              P_NEEDS,
	              ROLE_OWNER,
	              { P_PLANNING, P_NONE, P_NONE },
	              5,
	              { CHECK("need_described", F_NEED_DESCRIBED),
	                CHECK("users_involved", F_USERS_INVOLVED), CHECK("anchored", F_ANCHORED),
	                CHECK("mandate_signed", F_MANDATE_SIGNED),
	                CHECK("problem_owner_named", F_PROBLEM_OWNER_NAMED) } },
	[G_PLANNING] = { "planning-gate",
	                 P_PLANNING,
	                 ROLE_BOARD,
	                 { P_PILOT, P_NONE, P_NONE },
	                 5,
	                 { CHECK("plan_goals", F_PLAN_GOALS), CHECK("plan_scope", F_PLAN_SCOPE),
	                   CHECK("risk_assessed", F_RISK_ASSESSED),
	                   CHECK("budget_approved", F_BUDGET_APPROVED),
	                   ABOVE("baseline", F_BASELINE_HOURS, 0, "0") } },
	[G_PILOT] = { "pilot-gate",
	              P_PILOT,
	              ROLE_OWNER,
	              { P_EVALUATION, P_NONE, P_NONE },
	              3,
	              { AT_LEAST("participants", F_PARTICIPANTS, 10, "10"),
	                AT_LEAST("weeks", F_WEEKS, 6, "6"),
	                CHECK("pilot_report", F_PILOT_REPORT) } },
	[G_EVALUATION] = { "evaluation-gate",
	                   P_EVALUATION,
	                   ROLE_BOARD,
	                   { P_ROLLOUT, P_PILOT, P_NONE },
	                   4,
	                   { AT_LEAST("active_use", F_ACTIVE_USE, 0.6, "0.6"),
	                     AT_LEAST("staff_trained", F_STAFF_TRAINED, 0.8, "0.8"),
	                     AT_LEAST("hours_saved", F_HOURS_SAVED, 2, "2"),
	                     CHECK("evaluation_approved", F_EVALUATION_APPROVED) } },
	[G_ROLLOUT] = { "rollout-gate",
	                P_ROLLOUT,
	                ROLE_OWNER,
	                { P_OPERATION, P_NONE, P_NONE },
	                3,
	                { AT_LEAST("units_live", F_UNITS_LIVE_RATIO, 0.9, "0.9"),
	                  CHECK("support_in_place", F_SUPPORT_IN_PLACE),
	                  CHECK("training_done", F_TRAINING_DONE) } },
	[G_YEARLY] = { "yearly-review",
	               P_OPERATION,
	               ROLE_BOARD,
	               { P_NONE, P_NONE, P_OPERATION },
	               3,
	               { CHECK("benefit_realized", F_BENEFIT_REALIZED),
	                 CHECK("within_budget", F_WITHIN_BUDGET),
	                 CHECK("users_satisfied", F_USERS_SATISFIED) } },
};

static const char method_id[] = "bench-lifecycle";
static const char method_version[] = "1";
static const char method_title[] = "Lifecycle benchmark";

/* ---- the log and the clock -------------------------------------------------- */

/* The in-memory log: the records end to end, one per line. */
struct log {
	char *data;
	size_t len, cap;
	size_t records;
};

static int log_append(struct log *log, const char *s, size_t n)
{
	char *more;
	size_t cap;

	if (log->cap - log->len < n) {
		cap = log->cap ? log->cap : 4096;
		while (cap - log->len < n)
			cap *= 2;
		more = realloc(log->data, cap);
		if (more == NULL)
			return -1;
		log->data = more;
		log->cap = cap;
	}
	memcpy(log->data + log->len, s, n);
	log->len += n;
	return 0;
}

/* The host's clock: one hour per reading, from 2026-01-05T09:00:00Z. */
struct step_clock {
	int64_t t, step;
};

#define T0 INT64_C(1767603600)

static int64_t clock_now(struct step_clock *c)
{
	int64_t t = c->t;

	c->t += c->step;
	return t;
}

/* ---- the initiative ------------------------------------------------------------ */

#define MAX_PEOPLE 8
#define MAX_NAME 64
#define RECORD_MAX 2048

struct initiative {
	char id[MAX_NAME];
	enum phase phase;
	struct {
		bool set;
		struct value v;
		char text[32]; /* as the records write it */
	} facts[F_COUNT];
	struct {
		char name[MAX_NAME];
		unsigned roles; /* bit r: holds role r */
	} people[MAX_PEOPLE];
	size_t npeople;
	uint64_t seq;
	char head[VEIKART_HASH_HEX_LENGTH + 1];
	int decisions;
	struct step_clock *clock;
	struct log *log;
	const char *why; /* why the last change was refused */
};

/* A record being written; `over` once it would not fit. */
struct record {
	size_t len;
	bool over;
	char buf[RECORD_MAX];
};

static void put(struct record *r, const char *s, size_t n)
{
	if (n > sizeof(r->buf) - r->len) {
		r->over = true;
		return;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

/* Text a caller gave: backslash, tab, CR and LF escaped. */
static void put_text(struct record *r, const char *s)
{
	size_t n;

	for (;;) {
		n = strcspn(s, "\\\t\n\r");
		put(r, s, n);
		s += n;
		if (*s == '\0')
			return;
		put(r, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : "\\r", 2);
		s++;
	}
}

static void put_field(struct record *r, const char *key, const char *value)
{
	put(r, "\t", 1);
	put(r, key, strlen(key));
	put(r, "=", 1);
	put_text(r, value);
}

/* Start the next record: seq, time, kind, actor. */
static void begin(struct initiative *in, struct record *r, const char *kind, const char *actor)
{
	int n = snprintf(r->buf, sizeof(r->buf), "%" PRIu64 "\t%" PRId64 "\t%s\t", in->seq + 1,
	                 clock_now(in->clock), kind);

	r->len = (size_t)n;
	r->over = false;
	put_text(r, actor);
}

/* End it with the previous hash, hash it, and append it to the log. */
static int finish(struct initiative *in, struct record *r)
{
	put(r, "\tprev=", 6);
	put(r, in->head, 64);
	if (r->over) {
		in->why = "the record is too long";
		return -1;
	}
	veikart_sha256_hex(in->head, r->buf, r->len);
	put(r, "\thash=", 6);
	put(r, in->head, 64);
	put(r, "\n", 1);
	if (r->over || log_append(in->log, r->buf, r->len) < 0) {
		in->why = "the log is full";
		return -1;
	}
	in->log->records++;
	in->seq++;
	return 0;
}

static int refuse(struct initiative *in, const char *why)
{
	in->why = why;
	return -1;
}

/* Whether `person` holds `role`: a lookup by name, every time. */
static bool holds(const struct initiative *in, const char *person, enum role role)
{
	size_t i;

	for (i = 0; i < in->npeople; i++)
		if (strcmp(in->people[i].name, person) == 0)
			return (in->people[i].roles & (1u << role)) != 0;
	return false;
}

static int ini_create(struct initiative *in, const char *id, const char *actor,
                      struct step_clock *clock, struct log *log)
{
	struct record r;

	memset(in, 0, sizeof(*in));
	if (strlen(id) >= sizeof(in->id))
		return refuse(in, "the id is too long");
	strcpy(in->id, id);
	memset(in->head, '0', 64);
	in->phase = P_NEEDS;
	in->clock = clock;
	in->log = log;
	begin(in, &r, "create", actor);
	put_field(&r, "id", id);
	put_field(&r, "title", method_title);
	put_field(&r, "method", method_id);
	put_field(&r, "version", method_version);
	put_field(&r, "phase", phase_names[in->phase]);
	return finish(in, &r);
}

static int ini_assign(struct initiative *in, const char *actor, const char *person, int role)
{
	struct record r;
	size_t i;

	if (role < 0 || role >= ROLE_COUNT)
		return refuse(in, "no such role");
	if (strlen(person) >= MAX_NAME)
		return refuse(in, "the name is too long");
	for (i = 0; i < in->npeople; i++)
		if (strcmp(in->people[i].name, person) == 0)
			break;
	if (i == MAX_PEOPLE)
		return refuse(in, "too many people");
	begin(in, &r, "assign", actor);
	put_field(&r, "person", person);
	put_field(&r, "role", role_names[role]);
	if (finish(in, &r) < 0)
		return -1;
	if (i == in->npeople) {
		strcpy(in->people[i].name, person);
		in->npeople++;
	}
	in->people[i].roles |= 1u << role;
	return 0;
}

/* A number as the records write it: the shortest text that reads back the
 * same, and always looking like a number (4.0). */
static void number_text(char out[32], double v)
{
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if (strpbrk(out, ".ein") == NULL)
		strcat(out, ".0");
}

/* The value as fact type `type` holds it, or -1 when it is the wrong type. */
static int typed(enum type type, struct value v, struct value *out)
{
	switch (type) {
	case T_BOOL:
	case T_INTEGER:
		*out = v;
		return v.type == type ? 0 : -1;
	case T_NUMBER:
	case T_RATIO:
		if (v.type == T_INTEGER) {
			v.type = T_NUMBER;
			v.u.n = (double)v.u.i;
		}
		if (v.type != T_NUMBER || v.u.n != v.u.n)
			return -1;
		if (type == T_RATIO && (v.u.n < 0 || v.u.n > 1))
			return -1;
		*out = v;
		return 0;
	}
	return -1;
}

static int ini_set(struct initiative *in, const char *actor, int fact, struct value v)
{
	struct record r;
	struct value tv;
	char text[32];

	if (fact < 0 || fact >= F_COUNT)
		return refuse(in, "no such fact");
	if (typed(facts[fact].type, v, &tv) < 0)
		return refuse(in, "the value is of the wrong type");
	if (!holds(in, actor, facts[fact].role))
		return refuse(in, "the actor does not hold the role that records this fact");
	if (tv.type == T_BOOL)
		strcpy(text, tv.u.b ? "true" : "false");
	else if (tv.type == T_INTEGER)
		snprintf(text, sizeof(text), "%lld", tv.u.i);
	else
		number_text(text, tv.u.n);
	begin(in, &r, "set", actor);
	put_field(&r, "fact", facts[fact].id);
	put_field(&r, "value", text);
	if (finish(in, &r) < 0)
		return -1;
	in->facts[fact].set = true;
	in->facts[fact].v = tv;
	memcpy(in->facts[fact].text, text, sizeof(text));
	return 0;
}

static bool criterion_met(const struct initiative *in, const struct criterion *c)
{
	const struct value *v = &in->facts[c->fact].v;
	double x;

	if (!in->facts[c->fact].set)
		return false;
	if (c->op == OP_TRUE)
		return v->type == T_BOOL && v->u.b;
	x = v->type == T_INTEGER ? (double)v->u.i : v->u.n;
	return c->op == OP_GE ? x >= c->value : x > c->value;
}

/* One criterion's result as a decision records it: "id met|unmet reason", the
 * reason written piece by piece (each piece escaped as a field value is). */
static void put_result(struct record *r, const struct initiative *in, const struct criterion *c,
                       bool met)
{
	const char *fact = facts[c->fact].id;

	put(r, "\tresult=", 8);
	put_text(r, c->id);
	put_text(r, met ? " met " : " unmet ");
	if (!in->facts[c->fact].set) {
		put_text(r, "fact `");
		put_text(r, fact);
		put_text(r, "` is not recorded");
		return;
	}
	put_text(r, "`");
	put_text(r, fact);
	put_text(r, "` is ");
	put_text(r, in->facts[c->fact].text);
	if (c->op == OP_TRUE)
		return;
	put_text(r, met ? ", " : ", not ");
	put_text(r, op_names[c->op]);
	put_text(r, " ");
	put_text(r, c->text);
}

static int ini_decide(struct initiative *in, const char *actor, int gate, int outcome,
                      const char *rationale)
{
	bool met[MAX_CRITERIA], ready = true;
	const struct gate *g;
	struct record r;
	enum phase to;
	size_t i;

	if (gate < 0 || gate >= G_COUNT || outcome < 0 || outcome >= O_COUNT)
		return refuse(in, "no such gate or outcome");
	g = &gates[gate];
	to = g->to[outcome];
	if (g->from != in->phase || to == P_NONE)
		return refuse(in, "the gate does not leave this phase that way");
	if (rationale == NULL || rationale[0] == '\0')
		return refuse(in, "a decision needs a rationale");
	if (!holds(in, actor, g->authority))
		return refuse(in, "the actor does not hold the gate's authority");
	/* Every decision evaluates the gate; a go or a continue needs it ready. */
	for (i = 0; i < g->ncriteria; i++) {
		met[i] = criterion_met(in, &g->criteria[i]);
		ready = ready && met[i];
	}
	if (!ready && outcome != O_RECYCLE)
		return refuse(in, "the gate is not ready");

	begin(in, &r, "decide", actor);
	put_field(&r, "gate", g->id);
	put_field(&r, "outcome", outcome_names[outcome]);
	put_field(&r, "to", phase_names[to]);
	put_field(&r, "authority", role_names[g->authority]);
	put_field(&r, "verdict", ready ? "ready" : "blocked");
	for (i = 0; i < g->ncriteria; i++)
		put_result(&r, in, &g->criteria[i], met[i]);
	put_field(&r, "rationale", rationale);
	if (finish(in, &r) < 0)
		return -1;
	in->phase = to;
	in->decisions++;
	return 0;
}

/* ---- the lifecycle: 40 events ---------------------------------------------------- */

enum step_kind { ASSIGN, SET, DECIDE };

struct step {
	enum step_kind kind;
	const char *by;
	const char *person;    /* ASSIGN */
	int what;              /* ASSIGN: role; SET: fact; DECIDE: gate */
	int outcome;           /* DECIDE */
	const char *rationale; /* DECIDE */
	struct value value;    /* SET */
};

/* The steps, by whom: an assignment, a fact write, a decision. */
#define A(who, p, r)                                              \
	{                                                         \
		.kind = ASSIGN, .by = who, .person = p, .what = r \
	}
#define S(who, f, v)                                          \
	{                                                     \
		.kind = SET, .by = who, .what = f, .value = v \
	}
#define RATIONALE "Decided at the gate meeting."
#define D(who, g, o)                                                                       \
	{                                                                                  \
		.kind = DECIDE, .by = who, .what = g, .outcome = o, .rationale = RATIONALE \
	}

/* After the create event: 3 assigns, 28 writes, 8 decisions. */
static const struct step script[] = {
	A("Kari", "Kari", ROLE_OWNER),
	A("Kari", "Ola", ROLE_LEAD),
	A("Kari", "Ingrid", ROLE_BOARD),
	S("Ola", F_NEED_DESCRIBED, BOOL(true)),
	S("Ola", F_USERS_INVOLVED, BOOL(true)),
	S("Kari", F_ANCHORED, BOOL(true)),
	S("Kari", F_MANDATE_SIGNED, BOOL(true)),
	S("Kari", F_PROBLEM_OWNER_NAMED, BOOL(true)),
	D("Kari", G_NEEDS, O_GO),
	S("Ola", F_PLAN_GOALS, BOOL(true)),
	S("Ola", F_PLAN_SCOPE, BOOL(true)),
	S("Ola", F_RISK_ASSESSED, BOOL(true)),
	S("Ola", F_BASELINE_HOURS, NUM(12)),
	S("Ingrid", F_BUDGET_APPROVED, BOOL(true)),
	D("Ingrid", G_PLANNING, O_GO),
	S("Ola", F_PARTICIPANTS, INT(24)),
	S("Ola", F_WEEKS, INT(10)),
	S("Ola", F_STAFF_TRAINED, NUM(0.55)),
	S("Ola", F_PILOT_REPORT, BOOL(true)),
	D("Kari", G_PILOT, O_GO),
	S("Ola", F_ACTIVE_USE, NUM(0.45)),
	S("Ola", F_HOURS_SAVED, NUM(4)),
	S("Kari", F_EVALUATION_APPROVED, BOOL(true)),
	D("Ingrid", G_EVALUATION, O_RECYCLE),
	S("Ola", F_STAFF_TRAINED, NUM(0.9)),
	S("Ola", F_WEEKS, INT(8)),
	S("Ola", F_PILOT_REPORT, BOOL(true)),
	D("Kari", G_PILOT, O_GO),
	S("Ola", F_ACTIVE_USE, NUM(0.72)),
	S("Ola", F_HOURS_SAVED, NUM(5)),
	D("Ingrid", G_EVALUATION, O_GO),
	S("Ola", F_UNITS_LIVE_RATIO, NUM(0.95)),
	S("Ola", F_SUPPORT_IN_PLACE, BOOL(true)),
	S("Ola", F_TRAINING_DONE, BOOL(true)),
	D("Kari", G_ROLLOUT, O_GO),
	S("Kari", F_BENEFIT_REALIZED, BOOL(true)),
	S("Kari", F_WITHIN_BUDGET, BOOL(true)),
	S("Kari", F_USERS_SATISFIED, BOOL(true)),
	D("Ingrid", G_YEARLY, O_CONTINUE),
};

#define NSTEPS (sizeof(script) / sizeof(script[0]))
#define EVENTS (1 + NSTEPS)
#define DECISIONS 8

static int run_step(struct initiative *in, const struct step *s)
{
	switch (s->kind) {
	case ASSIGN:
		return ini_assign(in, s->by, s->person, s->what);
	case SET:
		return ini_set(in, s->by, s->what, s->value);
	case DECIDE:
		return ini_decide(in, s->by, s->what, s->outcome, s->rationale);
	}
	return -1;
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "hand: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static int open_initiative(struct initiative *in, long n, struct step_clock *clock, struct log *log)
{
	char id[32];

	snprintf(id, sizeof(id), "LC-%ld", n);
	clock->t = T0;
	clock->step = 3600;
	log->len = 0;
	log->records = 0;
	return ini_create(in, id, "Kari", clock, log);
}

/* One lifecycle, checked; its records are left in `log`. */
static void lifecycle(long n, struct log *log)
{
	struct initiative in;
	struct step_clock clock;
	size_t i;

	if (open_initiative(&in, n, &clock, log) < 0)
		fail("%s: create refused: %s", in.id, in.why);
	for (i = 0; i < NSTEPS; i++)
		if (run_step(&in, &script[i]) < 0)
			fail("%s: refused: %s", in.id, in.why);
	if (in.phase != P_OPERATION || in.decisions != DECISIONS || log->records != EVENTS ||
	    in.seq != EVENTS)
		fail("%s ended in %s after %d decisions and %zu records", in.id,
		     phase_names[in.phase], in.decisions, log->records);
}

/* Every record's hash is the SHA-256 of what precedes it, and names the one before. */
static bool verify_chain(const struct log *log)
{
	char prev[65], hex[65];
	const char *p = log->data, *end = log->data + log->len, *nl;
	size_t len;

	memset(prev, '0', 64);
	prev[64] = '\0';
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL || nl - p < 64 + 6 + 64 + 6)
			return false;
		len = (size_t)(nl - p) - 64 - 6; /* before "\thash=" */
		if (memcmp(p + len, "\thash=", 6) != 0 || memcmp(p + len - 64, prev, 64) != 0 ||
		    memcmp(p + len - 64 - 6, "\tprev=", 6) != 0)
			return false;
		veikart_sha256_hex(hex, p, len);
		if (memcmp(hex, p + len + 6, 64) != 0)
			return false;
		memcpy(prev, hex, 64);
	}
	return true;
}

/* The rules refuse what they should, and a refusal records nothing. */
static void self_test(struct log *log)
{
	static const struct step refusals[] = {
		S("Ola", F_NEED_DESCRIBED, INT(1)),   /* wrong type */
		S("Ola", F_WEEKS, NUM(10.5)),         /* not an integer */
		S("Ola", F_STAFF_TRAINED, NUM(1.5)),  /* a ratio above 1 */
		S("Ola", F_ANCHORED, BOOL(true)),     /* anchored is the owner's */
		S("Kari", F_COUNT, BOOL(true)),       /* no such fact */
		D("Kari", G_NEEDS, O_GO),             /* criteria not met */
		D("Ingrid", G_EVALUATION, O_RECYCLE), /* not in this phase */
		A("Kari", "Ola", ROLE_COUNT),         /* no such role */
	};
	static const struct step late[] = {
		D("Ola", G_NEEDS, O_GO), /* the lead is not the owner */
		{ .kind = DECIDE,
		  .by = "Kari",
		  .what = G_NEEDS,
		  .outcome = O_GO }, /* no rationale */
	};
	struct initiative in;
	struct step_clock clock;
	size_t i, refused = 0;

	if (open_initiative(&in, 0, &clock, log) < 0)
		fail("self-test: %s", in.why);
	for (i = 0; i < 3; i++)
		run_step(&in, &script[i]);
	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		refused += run_step(&in, &refusals[i]) < 0;
	for (i = 3; i < 8; i++)
		run_step(&in, &script[i]);
	for (i = 0; i < sizeof(late) / sizeof(late[0]); i++)
		refused += run_step(&in, &late[i]) < 0;
	if (refused != sizeof(refusals) / sizeof(refusals[0]) + sizeof(late) / sizeof(late[0]) ||
	    in.seq != 9 || log->records != 9 || in.phase != P_NEEDS)
		fail("self-test: %zu refusals, %" PRIu64 " events, in %s", refused, in.seq,
		     phase_names[in.phase]);
	if (run_step(&in, &script[8]) < 0 || in.phase != P_PLANNING)
		fail("self-test: a ready gate did not let the owner go");
}

/* ---- the run ----------------------------------------------------------------- */

#define WARMUP_SECONDS 0.3

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_peer_hand [--seconds S | --lifecycles N | --records]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct log log = { NULL, 0, 0, 0 };
	double seconds = 2, start, end, elapsed;
	long count = 0, n = 1, done = 0;
	bool records = false;
	char *rest;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
			seconds = strtod(argv[++i], &rest);
			count = 0;
			if (*rest != '\0' || !(seconds > 0))
				return usage();
		} else if ((strcmp(argv[i], "--lifecycles") == 0 ||
		            strcmp(argv[i], "--count") == 0) &&
		           i + 1 < argc) {
			count = strtol(argv[++i], &rest, 10);
			if (*rest != '\0' || count < 1)
				return usage();
		} else if (strcmp(argv[i], "--records") == 0) {
			records = true;
		} else {
			return usage();
		}
	}
	self_test(&log);

	lifecycle(n, &log);
	if (records) {
		/* The records of LC-1, to compare the peers byte for byte. */
		fwrite(log.data, 1, log.len, stdout);
		free(log.data);
		return 0;
	}
	if (!verify_chain(&log))
		fail("the chain of LC-1 does not verify");
	fprintf(stderr, "hand: SHA-256 of libveikart %s; self-test ok; LC-1 head %.64s\n",
	        veikart_version(), log.data + log.len - 65);
	for (end = now() + WARMUP_SECONDS; now() < end;)
		lifecycle(++n, &log);

	start = now();
	for (;;) {
		lifecycle(++n, &log);
		done++;
		elapsed = now() - start;
		if (count > 0 ? done >= count : elapsed >= seconds)
			break;
	}
	printf("hand\t%ld\t%.6f\t%.0f\n", done, elapsed, (double)done * EVENTS / elapsed);
	free(log.data);
	return 0;
}
