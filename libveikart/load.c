/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Loading a methodology: find the document by id on the search path (or
 * among the built-in ones), read it and, for a variant, its bases and
 * overlays; parse and validate each, build the model base first with each
 * variant applied over it, check and compile the result.  Freeing it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "method.h"
#include "model.h"
#include "sha256.h"

#define NS VEIKART_METHOD_NAMESPACE
#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"

#define DEFAULT_MAX_INPUT (8u << 20)
#define DEFAULT_MAX_EXPR_LENGTH 4096
#define DEFAULT_MAX_EXPR_DEPTH 64
#define DEFAULT_MAX_ATTRIBUTES 64
#define DEFAULT_MAX_EXTENDS 8
#define MAX_ELEMENT_DEPTH 64
#define MAX_ELEMENTS 200000

/* Where methodologies are looked for by id. */
typedef struct search {
	const veikart_allocator *alloc;
	const char *const *path; /* the load option, NULL-terminated */
	unsigned int flags;
} search;

typedef struct loader {
	veikart_method *m;
	veikart_diagnostics *diags;
	search where;
	unsigned int max_extends;
	veikart__xml_limits xml_limits;
	veikart__xml docs[32];
	void *owned[32]; /* file contents we read */
	char *names[32]; /* file names we built */
	size_t ndocs;
	int code; /* the most telling failure so far */
} loader;

int veikart_load_options_init(veikart_load_options *opts, unsigned int version)
{
	int err;

	if (opts == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no options structure given");
	err = veikart__check_version(version, VEIKART_LOAD_OPTIONS_VERSION, "veikart_load_options");
	if (err < 0)
		return err;
	memset(opts, 0, sizeof(*opts));
	opts->version = version;
	return 0;
}

static void fail(loader *ld, int code)
{
	if (code == VEIKART_ENOMEM || ld->code == 0 || ld->code == VEIKART_EFORMAT)
		ld->code = code;
}

static void load_diag(loader *ld, const veikart__xml *x, const xmlNode *node, const char *attr,
                      const char *fmt, ...) VEIKART__PRINTF(5, 6);

static void load_diag(loader *ld, const veikart__xml *x, const xmlNode *node, const char *attr,
                      const char *fmt, ...)
{
	unsigned int line = 0, col = 0;
	va_list ap;

	if (node != NULL)
		veikart__xml_where(x, node, attr, &line, &col);
	va_start(ap, fmt);
	if (veikart__diags_vadd(ld->diags, VEIKART_SEVERITY_ERROR, x->name, line, col, fmt, ap) < 0)
		fail(ld, VEIKART_ENOMEM);
	va_end(ap);
}

/* Read a whole file ourselves (libxml2 never opens anything): a regular
 * file, no larger than the limit. */
static int read_file(loader *ld, const char *path, void **data, size_t *size)
{
	char why[160];
	uint64_t file_size;
	ssize_t n;
	size_t got = 0;
	char *buf = NULL;
	int fd, err = 0;

	*data = NULL;
	*size = 0;
	err = veikart__file_open(path, &fd, &file_size, why, sizeof(why));
	if (err < 0) {
		if (veikart__diags_add(ld->diags, VEIKART_SEVERITY_ERROR, path, 0, 0, "%s", why) <
		    0)
			err = VEIKART_ENOMEM;
		return err;
	}
	/* Refuse a file over the limit before reading a byte of it. */
	if (file_size > ld->xml_limits.max_input_bytes) {
		err = VEIKART_ELIMIT;
		if (veikart__diags_add(
		            ld->diags, VEIKART_SEVERITY_ERROR, path, 0, 0,
		            "the file is %llu bytes, more than the limit of %zu bytes (the "
		            "load option max_input_bytes)",
		            (unsigned long long)file_size, ld->xml_limits.max_input_bytes) < 0)
			err = VEIKART_ENOMEM;
		goto out;
	}
	buf = veikart__malloc(&ld->m->alloc, (size_t)file_size + 1);
	if (buf == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	while (got < (size_t)file_size) {
		n = read(fd, buf + got, (size_t)file_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != (size_t)file_size) {
		err = VEIKART_EIO;
		if (veikart__diags_add(ld->diags, VEIKART_SEVERITY_ERROR, path, 0, 0,
		                       "the file changed or could not be read while loading") < 0)
			err = VEIKART_ENOMEM;
		goto out;
	}
	*data = buf;
	*size = got;
	buf = NULL;
out:
	veikart__free(&ld->m->alloc, buf);
	close(fd);
	return err;
}

static int is_id(const char *s)
{
	size_t i;

	if (s == NULL || !veikart__is_ident_start((unsigned char)s[0]))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!veikart__is_ident_char((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
			return 0;
	return i <= 64;
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Look for DIR/NAME; on success *path_out is an allocated path. */
static int try_dir(const search *s, const char *dir, size_t dirlen, const char *name,
                   char **path_out)
{
	veikart__buf b;

	if (dirlen == 0)
		return 0;
	veikart__buf_init(&b, s->alloc);
	veikart__buf_put(&b, dir, dirlen);
	veikart__buf_printf(&b, "/%s", name);
	if (b.failed) {
		veikart__buf_dispose(&b);
		return VEIKART_ENOMEM;
	}
	if (file_exists(veikart__buf_cstr(&b))) {
		*path_out = veikart__buf_detach(&b);
		return *path_out ? 1 : VEIKART_ENOMEM;
	}
	veikart__buf_dispose(&b);
	return 0;
}

/* Look for NAME in each directory a search looks in, in order: the search
 * path, VEIKART_PATH, the installed methodologies.  1 and *path_out when
 * found, 0 when not. */
static int find_in_dirs(const search *s, const char *name, char **path_out)
{
	const char *env, *p, *end;
	size_t i;
	int rc;

	*path_out = NULL;
	for (i = 0; s->path != NULL && s->path[i] != NULL; i++) {
		rc = try_dir(s, s->path[i], strlen(s->path[i]), name, path_out);
		if (rc != 0)
			return rc;
	}
	env = (s->flags & VEIKART_LOAD_NO_ENV) ? NULL : getenv("VEIKART_PATH");
	for (p = env; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		rc = try_dir(s, p, (size_t)(end - p), name, path_out);
		if (rc != 0)
			return rc;
	}
	if (!(s->flags & VEIKART_LOAD_NO_SYSTEM))
		return try_dir(s, VEIKART_SYSTEM_PATH, strlen(VEIKART_SYSTEM_PATH), name, path_out);
	return 0;
}

/* Find a methodology by id: a file on the search path, or a built-in copy. */
static int find_by_id(const search *s, const char *id, char **path_out,
                      const veikart__blob **blob_out)
{
	char name[80];
	size_t i;
	int rc;

	*path_out = NULL;
	*blob_out = NULL;
	if ((size_t)snprintf(name, sizeof(name), "%s.xml", id) >= sizeof(name))
		return VEIKART_ENOTFOUND;
	rc = find_in_dirs(s, name, path_out);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	if (!(s->flags & VEIKART_LOAD_NO_BUILTIN)) {
		for (i = 0; i < veikart__embedded_methodologies_count; i++) {
			if (strcmp(veikart__embedded_methodologies[i].id, id) == 0) {
				*blob_out = &veikart__embedded_methodologies[i];
				return 0;
			}
		}
	}
	return VEIKART_ENOTFOUND;
}

static void describe_search(const search *s, veikart__buf *b)
{
	size_t i;

	for (i = 0; s->path != NULL && s->path[i] != NULL; i++)
		veikart__buf_printf(b, "%s, ", s->path[i]);
	if (!(s->flags & VEIKART_LOAD_NO_ENV) && getenv("VEIKART_PATH") != NULL &&
	    getenv("VEIKART_PATH")[0] != '\0')
		veikart__buf_printf(b, "VEIKART_PATH (%s), ", getenv("VEIKART_PATH"));
	if (!(s->flags & VEIKART_LOAD_NO_SYSTEM))
		veikart__buf_printf(b, "%s, ", VEIKART_SYSTEM_PATH);
	if (!(s->flags & VEIKART_LOAD_NO_BUILTIN))
		veikart__buf_puts(b, "the built-in methodologies, ");
	if (b->len >= 2)
		b->len -= 2, b->ptr[b->len] = '\0';
}

/* The root must be <methodology> in our namespace, and nothing may pull in
 * other documents. */
static int check_root(loader *ld, const veikart__xml *x)
{
	const xmlNode *root = xmlDocGetRootElement(x->doc), *n;
	const char *ns = root->ns ? (const char *)root->ns->href : NULL;
	int ok = 1;

	if (strcmp((const char *)root->name, "methodology") != 0) {
		load_diag(ld, x, root, NULL,
		          "the root element is <%s>; a methodology file has <methodology "
		          "xmlns=\"%s\">",
		          (const char *)root->name, NS);
		return 0;
	}
	if (ns == NULL) {
		load_diag(ld, x, root, NULL,
		          "<methodology> has no namespace: write <methodology xmlns=\"%s\">", NS);
		return 0;
	}
	if (strcmp(ns, NS) != 0) {
		if (strncmp(ns, "urn:veikart:methodology:", 24) == 0)
			load_diag(
			        ld, x, root, NULL,
			        "this file is in format `%s`; this library reads format version %d "
			        "(namespace %s)",
			        ns, VEIKART_METHOD_FORMAT_VERSION, NS);
		else
			load_diag(ld, x, root, NULL,
			          "<methodology> is in namespace `%s`; a methodology file uses %s",
			          ns, NS);
		return 0;
	}
	/* Depth-first over elements without recursion. */
	n = root;
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
		    strcmp((const char *)n->ns->href, XINCLUDE_NS) == 0) {
			load_diag(ld, x, n, NULL,
			          "XInclude is not supported: a methodology builds on another with "
			          "extends=\"ID\"");
			ok = 0;
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
	return ok;
}

static char *root_attr(const veikart__xml *x, const char *name)
{
	return (char *)xmlGetNoNsProp(xmlDocGetRootElement(x->doc), (const xmlChar *)name);
}

static int is_true_attr(const char *v)
{
	return v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/*
 * Find the document of methodology ID (named by attribute ATTR of X's
 * root) on the search path or among the built-ins, and read it.  Its bytes
 * and name are kept in the loader's slot for the next document.
 */
static int fetch(loader *ld, const veikart__xml *x, const char *attr_name, const char *what,
                 const char *id, const void **data, size_t *size, const char **name)
{
	const veikart__blob *blob = NULL;
	char *path = NULL;
	void *bytes = NULL;
	veikart__buf b;
	int err;

	if (ld->ndocs >= VEIKART__ARRAY_SIZE(ld->docs))
		return VEIKART_ELIMIT;
	err = find_by_id(&ld->where, id, &path, &blob);
	if (err == VEIKART_ENOTFOUND) {
		veikart__buf_init(&b, &ld->m->alloc);
		describe_search(&ld->where, &b);
		if (b.failed)
			err = VEIKART_ENOMEM;
		else
			load_diag(ld, x, xmlDocGetRootElement(x->doc), attr_name,
			          "%s `%s` not found (searched %s)", what, id,
			          veikart__buf_cstr(&b));
		veikart__buf_dispose(&b);
		return err;
	}
	if (err < 0)
		return err;
	if (path != NULL) {
		err = read_file(ld, path, &bytes, size);
		if (err < 0) {
			veikart__free(&ld->m->alloc, path);
			return err;
		}
		ld->owned[ld->ndocs] = bytes;
		ld->names[ld->ndocs] = path;
		*data = bytes;
	} else {
		veikart__buf_init(&b, &ld->m->alloc);
		veikart__buf_printf(&b, "builtin:%s", blob->name);
		ld->names[ld->ndocs] = veikart__buf_detach(&b);
		if (ld->names[ld->ndocs] == NULL)
			return VEIKART_ENOMEM;
		*data = blob->data;
		*size = blob->size;
	}
	*name = ld->names[ld->ndocs];
	return 0;
}

/* Parse and validate a document into the loader's next slot. */
static int parse_doc(loader *ld, const char *name, const void *data, size_t size,
                     veikart__xml **out)
{
	veikart__xml *x;
	int err;

	if (ld->ndocs >= VEIKART__ARRAY_SIZE(ld->docs))
		return VEIKART_ELIMIT;
	x = &ld->docs[ld->ndocs++];
	err = veikart__xml_parse(x, name, data, size, &ld->xml_limits, &ld->m->alloc, ld->diags);
	if (err < 0)
		return err;
	if (!check_root(ld, x))
		return VEIKART_EFORMAT;
	err = veikart__xml_validate(x, VEIKART__SCHEMA_METHODOLOGY, ld->diags);
	if (err < 0)
		return err;
	*out = x;
	return 0;
}

/*
 * Apply overlay ID (named in the with="..." of X) to the model.  An overlay
 * builds on nothing and is applied as a variant of what the model holds.
 * `digest` receives its digest, which covers its bytes.
 */
static int load_overlay(loader *ld, const veikart__xml *host, const char *id,
                        char digest[VEIKART__SHA256_HEX_SIZE])
{
	const xmlNode *host_root = xmlDocGetRootElement(host->doc);
	const void *data = NULL;
	const char *name = NULL, *kept;
	char *other = NULL, *overlay = NULL, *extends = NULL, *with = NULL;
	veikart__xml *x = NULL;
	size_t size = 0, i;
	int err;

	for (i = 0; i < ld->m->overlays.count; i++) {
		if (strcmp(ld->m->overlays.items[i], id) != 0)
			continue;
		load_diag(ld, host, host_root, "with", "overlay `%s` is applied twice", id);
		return VEIKART_EFORMAT;
	}
	err = fetch(ld, host, "with", "overlay", id, &data, &size, &name);
	if (err == 0)
		err = parse_doc(ld, name, data, size, &x);
	if (err < 0)
		return err;
	other = root_attr(x, "id");
	overlay = root_attr(x, "overlay");
	extends = root_attr(x, "extends");
	with = root_attr(x, "with");
	if (other == NULL || strcmp(other, id) != 0) {
		load_diag(ld, x, xmlDocGetRootElement(x->doc), "id",
		          "this file was loaded as overlay `%s`, but it declares id `%s`", id,
		          other ? other : "");
		err = VEIKART_EFORMAT;
	} else if (!is_true_attr(overlay)) {
		load_diag(ld, host, host_root, "with",
		          "`%s` is not an overlay (overlay=\"true\"): a methodology builds on "
		          "another with extends=\"%s\"",
		          id, id);
		err = VEIKART_EFORMAT;
	} else if (extends != NULL || with != NULL) {
		load_diag(ld, x, xmlDocGetRootElement(x->doc), extends ? "extends" : "with",
		          "an overlay builds on nothing: it has no extends or with, and is taken "
		          "in by the methodologies that name it in with");
		err = VEIKART_EFORMAT;
	}
	if (err == 0)
		err = veikart__model_read(ld->m, x, VEIKART__READ_OVERLAY, ld->diags);
	if (err == 0) {
		kept = veikart__arena_strdup(&ld->m->arena, id);
		if (kept == NULL ||
		    veikart__vec_push(&ld->m->arena, &ld->m->overlays, (void *)(uintptr_t)kept) < 0)
			err = VEIKART_ENOMEM;
	}
	if (err == 0)
		veikart__sha256_hex2(digest, data, size, "", 0);
	xmlFree(other);
	xmlFree(overlay);
	xmlFree(extends);
	xmlFree(with);
	return err;
}

/*
 * Load one document of the chain into the model: its base first (found by
 * id), then the overlays it takes in (with="..."), then the document itself
 * applied over them.  `digest` receives this document's digest, which
 * covers its bytes, its base's digest and its overlays' digests.
 */
static int load_doc(loader *ld, const char *name, const void *data, size_t size,
                    const char *expect_id, unsigned int depth,
                    char digest[VEIKART__SHA256_HEX_SIZE])
{
	veikart__xml *x = NULL;
	char base_digest[VEIKART__SHA256_HEX_SIZE] = "";
	char *id = NULL, *extends = NULL, *extends_version = NULL, *with = NULL, *overlay = NULL;
	const void *base_data = NULL;
	const char *base_name = NULL, *base_version;
	size_t base_size = 0, i;
	veikart__buf chain, word;
	const char *p, *start;
	int err;

	veikart__buf_init(&chain, &ld->m->alloc);
	veikart__buf_init(&word, &ld->m->alloc);
	err = parse_doc(ld, name, data, size, &x);
	if (err < 0)
		goto out;

	id = root_attr(x, "id");
	extends = root_attr(x, "extends");
	extends_version = root_attr(x, "extends-version");
	with = root_attr(x, "with");
	overlay = root_attr(x, "overlay");
	if (id == NULL || (extends == NULL && xmlHasNsProp(xmlDocGetRootElement(x->doc),
	                                                   (const xmlChar *)"extends", NULL))) {
		err = veikart__error_nomem();
		goto out;
	}
	if (expect_id != NULL && strcmp(id, expect_id) != 0) {
		load_diag(ld, x, xmlDocGetRootElement(x->doc), "id",
		          "this file was loaded as methodology `%s`, but it declares id `%s`",
		          expect_id, id);
		err = VEIKART_EFORMAT;
		goto out;
	}
	if (is_true_attr(overlay)) {
		load_diag(ld, x, xmlDocGetRootElement(x->doc), "overlay",
		          "`%s` is an overlay: it is not used on its own, but taken in by a "
		          "methodology that names it in with=\"%s\"",
		          id, id);
		err = VEIKART_EFORMAT;
		goto out;
	}

	if (extends != NULL) {
		/* A chain that comes back to a methodology already in it never ends. */
		for (i = 0; i + 1 < ld->ndocs; i++) {
			char *other = root_attr(&ld->docs[i], "id");
			int same = other != NULL && strcmp(other, extends) == 0;
			xmlFree(other);
			if (same || strcmp(extends, id) == 0) {
				load_diag(ld, x, xmlDocGetRootElement(x->doc), "extends",
				          "`%s` extends `%s`, which extends it back: the chain has "
				          "a cycle",
				          id, extends);
				err = VEIKART_EFORMAT;
				goto out;
			}
		}
		if (depth >= ld->max_extends) {
			load_diag(ld, x, xmlDocGetRootElement(x->doc), "extends",
			          "more than %u methodologies extend one another (the load option "
			          "max_extends_depth)",
			          ld->max_extends);
			err = VEIKART_ELIMIT;
			goto out;
		}
		err = fetch(ld, x, "extends", "base methodology", extends, &base_data, &base_size,
		            &base_name);
		if (err == 0)
			err = load_doc(ld, base_name, base_data, base_size, extends, depth + 1,
			               base_digest);
		if (err < 0)
			goto out;
		base_version = ld->m->version;
		if (extends_version != NULL && !veikart__streq(base_version, extends_version)) {
			load_diag(ld, x, xmlDocGetRootElement(x->doc), "extends-version",
			          "this variant is written for `%s` version %s, but the base found "
			          "is "
			          "version %s",
			          extends, extends_version, base_version ? base_version : "(none)");
			err = VEIKART_EMISMATCH;
			goto out;
		}
	}
	veikart__buf_puts(&chain, base_digest);

	/* The overlays, in the order named. */
	for (p = with; p != NULL && *p != '\0' && err == 0;) {
		char overlay_digest[VEIKART__SHA256_HEX_SIZE];
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		if (p == start)
			break;
		veikart__buf_clear(&word);
		veikart__buf_put(&word, start, (size_t)(p - start));
		if (word.failed) {
			err = VEIKART_ENOMEM;
			break;
		}
		err = load_overlay(ld, x, veikart__buf_cstr(&word), overlay_digest);
		if (err == 0)
			veikart__buf_puts(&chain, overlay_digest);
	}
	if (err < 0)
		goto out;
	if (chain.failed) {
		err = VEIKART_ENOMEM;
		goto out;
	}

	err = veikart__model_read(
	        ld->m, x, extends != NULL || with != NULL ? VEIKART__READ_VARIANT : 0, ld->diags);
	if (err < 0)
		goto out;
	/* The digest covers this document's bytes, its base's and its overlays' digests. */
	veikart__sha256_hex2(digest, data, size, veikart__buf_cstr(&chain), chain.len);
out:
	veikart__buf_dispose(&chain);
	veikart__buf_dispose(&word);
	xmlFree(id);
	xmlFree(extends);
	xmlFree(extends_version);
	xmlFree(with);
	xmlFree(overlay);
	return err;
}

/* Whether reports on the gate can explain later (see model.h), and what
 * they must keep to.  Without the memory, they explain at once. */
static void find_plain_reads(veikart_method *m, veikart_gate *g)
{
	const veikart__expr *e;
	uint32_t *slots, slot;
	size_t i, j, k, n = 0, cap = 0;

	g->plain = 0;
	for (i = 0; i < g->criteria.count; i++) {
		e = ((veikart_criterion *)g->criteria.items[i])->expr;
		if (e == NULL || !veikart__expr_is_plain(e))
			return;
		cap += veikart__expr_fact_count(e);
	}
	slots = veikart__arena_alloc(&m->arena, (cap ? cap : 1) * sizeof(*slots));
	if (slots == NULL)
		return;
	for (i = 0; i < g->criteria.count; i++) {
		e = ((veikart_criterion *)g->criteria.items[i])->expr;
		for (j = 0; j < veikart__expr_fact_count(e); j++) {
			slot = veikart__expr_fact(e, j);
			for (k = 0; k < n && slots[k] != slot; k++)
				;
			if (k == n)
				slots[n++] = slot;
		}
	}
	g->reads = slots;
	g->nreads = n;
	g->plain = 1;
}

static void finish_model(veikart_method *m)
{
	size_t i, j;
	veikart_gate *g;
	veikart_phase *p;
	veikart_criterion *c;
	veikart__authority *a;

	/* Canonical expression text replaces the source as written. */
	for (i = 0; i < m->phases.count; i++) {
		p = m->phases.items[i];
		if (p->skip_if_expr != NULL)
			p->skip_if = veikart__expr_text(p->skip_if_expr);
	}
	for (i = 0; i < m->gates.count; i++) {
		g = m->gates.items[i];
		for (j = 0; j < g->criteria.count; j++) {
			c = g->criteria.items[j];
			if (c->expr != NULL)
				c->source = veikart__expr_text(c->expr);
		}
		for (j = 0; j < g->authorities.count; j++) {
			a = g->authorities.items[j];
			if (a->expr != NULL)
				a->when = veikart__expr_text(a->expr);
		}
		find_plain_reads(m, g);
	}
	veikart__method_index_facts(m);
}

/* Forget where elements were written: the documents are about to go. */
static void forget_sources(veikart_method *m)
{
	static const veikart__src none;
	size_t i, j;
	veikart_gate *g;
	veikart_phase *p;

	m->src = none;
	m->start_src = none;
	for (i = 0; i < m->roles.count; i++)
		((veikart_role *)m->roles.items[i])->src = none;
	for (i = 0; i < m->facts.count; i++)
		((veikart_fact *)m->facts.items[i])->src = none;
	for (i = 0; i < m->unit_types.count; i++)
		((veikart_unit_type *)m->unit_types.items[i])->src = none;
	for (i = 0; i < m->scales.count; i++) {
		veikart_scale *s = m->scales.items[i];
		s->src = none;
		for (j = 0; j < s->levels.count; j++)
			((veikart__level *)s->levels.items[j])->src = none;
		for (j = 0; j < s->specials.count; j++)
			((veikart__level *)s->specials.items[j])->src = none;
	}
	for (i = 0; i < m->phases.count; i++) {
		p = m->phases.items[i];
		p->src = none;
		p->skip_if_src = none;
		for (j = 0; j < p->steps.count; j++)
			((veikart_step *)p->steps.items[j])->src = none;
	}
	for (i = 0; i < m->gates.count; i++) {
		g = m->gates.items[i];
		g->src = none;
		g->from_src = none;
		for (j = 0; j < g->criteria.count; j++) {
			((veikart_criterion *)g->criteria.items[j])->src = none;
			((veikart_criterion *)g->criteria.items[j])->body_src = none;
		}
		for (j = 0; j < g->authorities.count; j++)
			((veikart__authority *)g->authorities.items[j])->src = none;
		for (j = 0; j < g->outcomes.count; j++)
			((veikart_outcome *)g->outcomes.items[j])->src = none;
	}
}

static int load(veikart_method **out, const char *name, const void *data, size_t size,
                const char *expect_id, const veikart_load_options *opts,
                veikart_diagnostics **diags_out)
{
	const veikart_allocator *alloc =
	        veikart__allocator_or_default(opts ? opts->allocator : NULL);
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	loader ld;
	size_t i;
	int err;

	memset(&ld, 0, sizeof(ld));
	err = veikart__diags_new(&diags, alloc);
	if (err < 0)
		goto done;
	m = veikart__calloc(alloc, 1, sizeof(*m));
	if (m == NULL) {
		err = VEIKART_ENOMEM;
		goto done;
	}
	m->alloc = *veikart__allocator_or_default(alloc);
	veikart__arena_init(&m->arena, &m->alloc);
	m->max_expr_length =
	        opts && opts->max_expr_length ? opts->max_expr_length : DEFAULT_MAX_EXPR_LENGTH;
	m->max_expr_depth =
	        opts && opts->max_expr_depth ? opts->max_expr_depth : DEFAULT_MAX_EXPR_DEPTH;
	ld.m = m;
	ld.diags = diags;
	ld.where.alloc = &m->alloc;
	ld.where.path = opts ? opts->search_path : NULL;
	ld.where.flags = opts ? opts->flags : 0;
	ld.max_extends =
	        opts && opts->max_extends_depth ? opts->max_extends_depth : DEFAULT_MAX_EXTENDS;
	if (ld.max_extends >= VEIKART__ARRAY_SIZE(ld.docs))
		ld.max_extends = VEIKART__ARRAY_SIZE(ld.docs) - 1;
	ld.xml_limits.max_input_bytes =
	        opts && opts->max_input_bytes ? opts->max_input_bytes : DEFAULT_MAX_INPUT;
	ld.xml_limits.max_attributes =
	        opts && opts->max_attributes ? opts->max_attributes : DEFAULT_MAX_ATTRIBUTES;
	ld.xml_limits.max_depth = MAX_ELEMENT_DEPTH;
	ld.xml_limits.max_elements = MAX_ELEMENTS;

	if (data == NULL) {
		/* `name` is a path to read. */
		err = read_file(&ld, name, &ld.owned[0], &size);
		if (err < 0) {
			fail(&ld, err);
			goto checked;
		}
		data = ld.owned[0];
	}
	m->file = veikart__arena_strdup(&m->arena, name);
	if (m->file == NULL) {
		err = VEIKART_ENOMEM;
		goto done;
	}
	err = load_doc(&ld, m->file, data, size, expect_id, 0, m->digest);
	if (err < 0)
		fail(&ld, err);
	/* Problems found while reading leave the model consistent (the element
	 * in question is left out), so the checks still run and report the rest. */
	if (ld.code == 0) {
		err = veikart__model_check(m, diags);
		if (err < 0)
			fail(&ld, err);
	}
checked:
	veikart__diags_sort(diags);
	if (ld.code == VEIKART_ENOMEM) {
		err = veikart__error_nomem();
	} else if (ld.code != 0 || veikart_diagnostics_error_count(diags) > 0) {
		err = ld.code ? ld.code : VEIKART_EFORMAT;
		veikart__error_from_diagnostic(err, veikart__diags_first_error(diags));
	} else {
		finish_model(m);
		forget_sources(m);
		err = 0;
	}
done:
	for (i = 0; i < VEIKART__ARRAY_SIZE(ld.docs); i++) {
		if (i < ld.ndocs)
			veikart__xml_dispose(&ld.docs[i]);
		veikart__free(alloc, ld.owned[i]);
		veikart__free(alloc, ld.names[i]);
	}
	if (err < 0) {
		veikart_method_free(m);
		m = NULL;
	}
	*out = m;
	if (diags_out != NULL)
		*diags_out = diags;
	else
		veikart_diagnostics_free(diags);
	return err;
}

static int check_load_args(veikart_method **out, const void *arg, const veikart_load_options *opts,
                           veikart_diagnostics **diags)
{
	int err;

	if (diags != NULL)
		*diags = NULL;
	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the methodology (out is NULL)");
	*out = NULL;
	if (arg == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no file or data given");
	if (opts != NULL) {
		err = veikart__check_version(opts->version, VEIKART_LOAD_OPTIONS_VERSION,
		                             "veikart_load_options");
		if (err < 0)
			return err;
	}
	return veikart__global_init();
}

int veikart_method_load_file(veikart_method **out, const char *path,
                             const veikart_load_options *opts, veikart_diagnostics **diags)
{
	int err = check_load_args(out, path, opts, diags);

	if (err < 0)
		return err;
	return load(out, path, NULL, 0, NULL, opts, diags);
}

int veikart_method_load_buffer(veikart_method **out, const void *data, size_t size,
                               const char *name, const veikart_load_options *opts,
                               veikart_diagnostics **diags)
{
	int err = check_load_args(out, data, opts, diags);

	if (err < 0)
		return err;
	return load(out, name ? name : "(buffer)", data, size, NULL, opts, diags);
}

int veikart_method_load(veikart_method **out, const char *ref, const veikart_load_options *opts,
                        veikart_diagnostics **diags)
{
	const veikart__blob *blob = NULL;
	char *path = NULL;
	veikart__buf text;
	search where;
	size_t len;
	int err = check_load_args(out, ref, opts, diags);

	if (err < 0)
		return err;
	len = strlen(ref);
	if (strchr(ref, '/') != NULL || (len > 4 && strcmp(ref + len - 4, ".xml") == 0) ||
	    !is_id(ref))
		return load(out, ref, NULL, 0, NULL, opts, diags);

	where.alloc = veikart__allocator_or_default(opts ? opts->allocator : NULL);
	where.path = opts ? opts->search_path : NULL;
	where.flags = opts ? opts->flags : 0;
	veikart__buf_init(&text, where.alloc);
	err = find_by_id(&where, ref, &path, &blob);
	if (err == VEIKART_ENOTFOUND) {
		describe_search(&where, &text);
		err = text.failed ? veikart__error_nomem()
		                  : veikart__error_set(VEIKART_ENOTFOUND,
		                                       "methodology `%s` not found (searched %s)",
		                                       ref, veikart__buf_cstr(&text));
	} else if (err == 0 && path != NULL) {
		err = load(out, path, NULL, 0, ref, opts, diags);
	} else if (err == 0) {
		veikart__buf_printf(&text, "builtin:%s", blob->name);
		err = text.failed ? VEIKART_ENOMEM
		                  : load(out, veikart__buf_cstr(&text), blob->data, blob->size, ref,
		                         opts, diags);
	}
	veikart__buf_dispose(&text);
	veikart__free(where.alloc, path);
	return err;
}

int veikart__method_load_released(veikart_method **out, const char *id, const char *digest,
                                  const veikart_load_options *opts, veikart_diagnostics **diags)
{
	veikart_load_options own = VEIKART_LOAD_OPTIONS_INIT;
	const char *dirs[2] = { NULL, NULL };
	char name[200], *path = NULL;
	search where;
	size_t i;
	int err;

	*out = NULL;
	for (i = 0; digest[i] != '\0'; i++)
		if (!((digest[i] >= '0' && digest[i] <= '9') ||
		      (digest[i] >= 'a' && digest[i] <= 'f')))
			return VEIKART_ENOTFOUND;
	if (!is_id(id) || i != 64)
		return VEIKART_ENOTFOUND;
	if (opts != NULL)
		own = *opts;
	where.alloc = veikart__allocator_or_default(own.allocator);
	where.path = own.search_path;
	where.flags = own.flags;
	snprintf(name, sizeof(name), "released/%s/%s/%s.xml", id, digest, id);
	err = find_in_dirs(&where, name, &path);
	if (err <= 0)
		return err < 0 ? err : VEIKART_ENOTFOUND;
	/* The release's own directory, and only it: its base and overlays are
	 * the ones it was released with. */
	path[strlen(path) - strlen(id) - 5] = '\0';
	dirs[0] = path;
	own.search_path = dirs;
	own.flags |= VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM | VEIKART_LOAD_NO_BUILTIN;
	err = veikart_method_load(out, id, &own, diags);
	if (err == 0 && strcmp(veikart_method_digest(*out), digest) != 0) {
		err = veikart__error_set(VEIKART_EMISMATCH,
		                         "%s/%s.xml, kept as the release of %s with digest %s, has "
		                         "digest %s",
		                         path, id, id, digest, veikart_method_digest(*out));
		veikart_method_free(*out);
		*out = NULL;
	}
	veikart__free(where.alloc, path);
	return err;
}

void veikart_method_free(veikart_method *m)
{
	veikart_allocator alloc;
	veikart_phase *p;
	veikart_gate *g;
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < m->phases.count; i++) {
		p = m->phases.items[i];
		veikart__expr_free(p->skip_if_expr);
	}
	for (i = 0; i < m->gates.count; i++) {
		g = m->gates.items[i];
		for (j = 0; j < g->criteria.count; j++)
			veikart__expr_free(((veikart_criterion *)g->criteria.items[j])->expr);
		for (j = 0; j < g->authorities.count; j++)
			veikart__expr_free(((veikart__authority *)g->authorities.items[j])->expr);
	}
	alloc = m->alloc;
	veikart__arena_release(&m->arena);
	veikart__free(&alloc, m);
}

size_t veikart_builtin_count(void)
{
	return veikart__embedded_methodologies_count;
}

const char *veikart_builtin_id(size_t index)
{
	if (index >= veikart__embedded_methodologies_count)
		return NULL;
	return veikart__embedded_methodologies[index].id;
}
