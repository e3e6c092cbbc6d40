/*
 * bench_memory: how much memory an initiative with 50 facts and 200 events
 * holds.
 * SPDX-License-Identifier: MIT
 *
 * A methodology with 50 facts of mixed types (bool, integer, number,
 * ratio, text, date) and a gate of five criteria over them; an initiative
 * of it: create, three assignments, every fact recorded, then updates and
 * a hold decision every tenth event (each keeps the gate's report with the
 * decision) up to 200 events.  The initiative takes its memory from a
 * counting allocator (veikart_initiative_options.allocator), the
 * methodology from another (veikart_load_options.allocator), so each is
 * counted alone.  Bytes are the bytes asked for, without the allocator's
 * own overhead; libxml2's memory during the load is not counted (it is
 * freed when the load returns).
 *
 * Usage: bench_memory [FACTS [EVENTS]]   (defaults: 50 and 200)
 * Prints: libveikart-memory, events, live bytes of the initiative, its peak
 * bytes, live bytes of the methodology, allocations live in the initiative.
 */
#include "bench.h"

#define PROGRAM "bench_memory"
#define START_TIME 1767603600 /* 2026-01-05T09:00:00Z */

/* Each block carries its size in front, so that free knows what it
 * releases. */
typedef struct counter {
	size_t live, peak, blocks;
} counter;

#define HEADER 16

static void *count_malloc(size_t size, void *payload)
{
	counter *c = payload;
	unsigned char *p = malloc(size + HEADER);

	if (p == NULL)
		return NULL;
	memcpy(p, &size, sizeof(size));
	c->live += size;
	c->blocks++;
	if (c->live > c->peak)
		c->peak = c->live;
	return p + HEADER;
}

static void count_free(void *ptr, void *payload)
{
	counter *c = payload;
	unsigned char *p;
	size_t size;

	if (ptr == NULL)
		return;
	p = (unsigned char *)ptr - HEADER;
	memcpy(&size, p, sizeof(size));
	c->live -= size;
	c->blocks--;
	free(p);
}

static void *count_realloc(void *ptr, size_t size, void *payload)
{
	counter *c = payload;
	unsigned char *p, *q;
	size_t old;

	if (ptr == NULL)
		return count_malloc(size, payload);
	p = (unsigned char *)ptr - HEADER;
	memcpy(&old, p, sizeof(old));
	q = realloc(p, size + HEADER);
	if (q == NULL)
		return NULL;
	memcpy(q, &size, sizeof(size));
	c->live = c->live - old + size;
	if (c->live > c->peak)
		c->peak = c->live;
	return q + HEADER;
}

static int64_t host_clock(void *payload)
{
	return *(const int64_t *)payload;
}

static const char *const types[] = { "bool", "integer", "number", "ratio", "text", "date" };

/* The methodology: FACTS facts f01.., one phase with a gate over five of
 * them, and a terminal phase. */
static char *methodology(int facts)
{
	static const char head[] =
	        "<methodology xmlns='urn:veikart:methodology:1' id='bench-memory' version='1' "
	        "xml:lang='en'><roles><role id='owner'/><role id='lead'/><role id='board' "
	        "kind='body'/></roles><facts>";
	static const char tail[] =
	        "</facts><phases><phase id='work' kind='pilot'/>"
	        "<phase id='done' kind='operation' terminal='true'/></phases><gates>"
	        "<gate id='g-work' from='work'><authority role='board'/>"
	        "<criterion id='c1'><check fact='f01'/></criterion>"
	        "<criterion id='c2'><threshold fact='f02' op='ge' value='10'/></criterion>"
	        "<criterion id='c3'><threshold fact='f03' op='gt' value='2.5'/></criterion>"
	        "<criterion id='c4'><threshold fact='f04' op='ge' value='80%'/></criterion>"
	        "<criterion id='c5'><expr>defined(f05) and f06 ge 2026-01-01</expr></criterion>"
	        "<outcome kind='go' to='done'/><outcome kind='hold'/></gate></gates>"
	        "</methodology>";
	size_t size = sizeof(head) + sizeof(tail) + (size_t)facts * 64;
	char *doc = malloc(size), *w;
	int i;

	if (doc == NULL)
		return NULL;
	w = doc + snprintf(doc, size, "%s", head);
	for (i = 0; i < facts; i++)
		w += snprintf(w, size - (size_t)(w - doc), "<fact id='f%02d' type='%s'/>", i + 1,
		              types[i % 6]);
	snprintf(w, size - (size_t)(w - doc), "%s", tail);
	return doc;
}

/* A value of fact I's type, different for each round R. */
static void value_of(int i, long r, char *buf, size_t size)
{
	switch (i % 6) {
	case 0:
		snprintf(buf, size, "%s", r % 2 ? "false" : "true");
		break;
	case 1:
		snprintf(buf, size, "%ld", 12 + r);
		break;
	case 2:
		snprintf(buf, size, "%ld.25", 3 + r);
		break;
	case 3:
		snprintf(buf, size, "0.%02ld", 60 + r % 40);
		break;
	case 4:
		snprintf(buf, size, "Note %ld on fact %d, written by the project lead", r, i + 1);
		break;
	default:
		snprintf(buf, size, "2026-%02ld-%02d", 1 + r % 12, 1 + i % 28);
	}
}

int main(int argc, char **argv)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	int facts = argc > 1 ? atoi(argv[1]) : 50;
	long events = argc > 2 ? atol(argv[2]) : 200, k;
	counter cm = { 0, 0, 0 }, ci = { 0, 0, 0 };
	veikart_allocator am = { count_malloc, count_realloc, count_free, &cm };
	veikart_allocator ai = { count_malloc, count_realloc, count_free, &ci };
	veikart_initiative *in = NULL;
	veikart_method *m = NULL;
	int64_t now = START_TIME;
	char id[8], value[96];
	char *doc;
	int i;

	if (facts < 6 || facts > 99 || events < facts + 4) {
		fprintf(stderr,
		        "usage: %s [FACTS [EVENTS]]  (6 <= FACTS <= 99, EVENTS >= FACTS + 4)\n",
		        argv[0]);
		return 2;
	}
	doc = methodology(facts);
	if (doc == NULL)
		return 3;
	lo.allocator = &am;
	if (veikart_method_load_buffer(&m, doc, strlen(doc), "bench-memory", &lo, NULL) < 0)
		bench_die(PROGRAM, "load");
	io.allocator = &ai;
	io.clock = host_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = &now;
	if (veikart_initiative_create(&in, m, "MEM-1", "Memory", "Kari", &io) < 0)
		bench_die(PROGRAM, "create");
	now += 3600;
	if (veikart_initiative_assign(in, "Kari", "Kari", "owner") < 0)
		bench_die(PROGRAM, "assign");
	now += 3600;
	if (veikart_initiative_assign(in, "Kari", "Ola", "lead") < 0)
		bench_die(PROGRAM, "assign");
	now += 3600;
	if (veikart_initiative_assign(in, "Kari", "Ingrid", "board") < 0)
		bench_die(PROGRAM, "assign");
	for (i = 0; i < facts; i++) {
		now += 3600;
		snprintf(id, sizeof(id), "f%02d", i + 1);
		value_of(i, 0, value, sizeof(value));
		if (veikart_initiative_set(in, "Ola", id, value) < 0)
			bench_die(PROGRAM, id);
	}
	req.actor = "Ingrid";
	req.outcome = VEIKART_OUTCOME_HOLD;
	req.rationale = "Not yet: look again at the next meeting.";
	for (k = 0; (long)veikart_initiative_seq(in) < events; k++) {
		now += 3600;
		if (k % 10 == 9) {
			if (veikart_initiative_decide(in, &req) < 0)
				bench_die(PROGRAM, "hold");
			continue;
		}
		i = (int)(k % facts);
		snprintf(id, sizeof(id), "f%02d", i + 1);
		value_of(i, 1 + k / facts, value, sizeof(value));
		if (veikart_initiative_set(in, "Ola", id, value) < 0)
			bench_die(PROGRAM, id);
	}
	printf("libveikart-memory\t%llu\t%zu\t%zu\t%zu\t%zu\n",
	       (unsigned long long)veikart_initiative_seq(in), ci.live, ci.peak, cm.live,
	       ci.blocks);
	veikart_initiative_free(in);
	veikart_method_free(m);
	free(doc);
	if (ci.live != 0 || cm.live != 0) {
		fprintf(stderr, "%s: %zu bytes still held after free\n", PROGRAM,
		        ci.live + cm.live);
		return 1;
	}
	return 0;
}
