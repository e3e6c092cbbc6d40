/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Hardened XML reading for libxml2 2.9.14 and later.
 *
 * Untrusted methodology files travel between municipalities, so the parser
 * is fenced in three layers:
 *  1. our own lexical pre-scan, before libxml2 sees a byte: size limit,
 *     encoding, NUL bytes, any DOCTYPE (no DTD means no entities, no
 *     external files, no "billion laughs"), and the number of attributes
 *     per element (2.9.14 checks duplicates quadratically: 100 000
 *     attributes take seconds);
 *  2. libxml2 with safe options only (no NOENT, DTDLOAD, XINCLUDE, HUGE or
 *     RECOVER), a per-context SAX copy that refuses a DOCTYPE again and
 *     limits depth and element count, and a per-context error handler;
 *  3. the data is parsed from memory with no base URL, so nothing is
 *     resolved relative to anything.
 *
 * While parsing, every element gets its byte offset in node->_private (a
 * field reserved for applications), which later gives exact line and
 * column for elements, attributes and the text inside them.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "xml.h"

/* Everything the per-context callbacks need. */
typedef struct parse_state {
	veikart__xml *x;
	veikart_diagnostics *diags;
	const veikart__xml_limits *limits;
	unsigned int depth;
	unsigned int elements;
	int stopped; /* we stopped the parser: our diagnostic says why */
	int err;
} parse_state;

/* ---- positions ---------------------------------------------------------- */

static int build_lines(veikart__xml *x)
{
	const char *p = (const char *)x->data, *end = p + x->size, *nl;
	size_t n = 1;

	if (x->size == 0) {
		x->lines = veikart__calloc(x->alloc, 1, sizeof(*x->lines));
		x->nlines = x->lines != NULL;
		return x->lines != NULL ? 0 : VEIKART_ENOMEM;
	}

	for (nl = memchr(p, '\n', x->size); nl != NULL;
	     nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1)))
		n++;
	x->lines = veikart__calloc(x->alloc, n, sizeof(*x->lines));
	if (x->lines == NULL)
		return VEIKART_ENOMEM;
	x->lines[0] = 0;
	x->nlines = 1;
	for (nl = memchr(p, '\n', x->size); nl != NULL;
	     nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1)))
		x->lines[x->nlines++] = (size_t)(nl - p) + 1;
	return 0;
}

void veikart__xml_offset_where(const veikart__xml *x, size_t offset, unsigned int *line,
                               unsigned int *column)
{
	veikart__xml *cache = (veikart__xml *)(uintptr_t)x;
	const char *text = (const char *)x->data, *nl;
	size_t lo = 0, hi, mid, i, start = 0, col = 1;

	if (offset > x->size)
		offset = x->size;
	/* The line table is a cache, built the first time a position is asked
	 * for: a document without problems never needs one. */
	if (x->lines != NULL || build_lines(cache) == 0) {
		hi = x->nlines;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (x->lines[mid] <= offset)
				lo = mid;
			else
				hi = mid;
		}
		start = x->lines[lo];
	} else if (offset > 0) {
		/* No memory for the table: count the line feeds before offset. */
		for (nl = memchr(text, '\n', offset); nl != NULL;
		     nl = memchr(nl + 1, '\n', offset - (size_t)(nl + 1 - text))) {
			lo++;
			start = (size_t)(nl + 1 - text);
		}
	}
	/* Columns count characters, not bytes: skip UTF-8 continuation bytes. */
	for (i = start; i < offset; i++)
		if ((x->data[i] & 0xC0) != 0x80)
			col++;
	*line = (unsigned int)(lo + 1);
	*column = (unsigned int)col;
}

static size_t node_offset(const xmlNode *node)
{
	uintptr_t v = (uintptr_t)node->_private;

	return v ? (size_t)(v - 1) : SIZE_MAX;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skip a quoted attribute value starting at the quote; returns the offset
 * after the closing quote, or `end` if it does not close. */
static size_t skip_quoted(const unsigned char *d, size_t i, size_t end)
{
	unsigned char q = d[i++];

	while (i < end && d[i] != q)
		i++;
	return i < end ? i + 1 : end;
}

/* Find an attribute written in the start tag at `start`: sets *name_at to
 * the attribute name and *value_at to the first byte of its value. */
static int find_attr(const veikart__xml *x, size_t start, const char *attr, size_t *name_at,
                     size_t *value_at)
{
	const unsigned char *d = x->data;
	size_t i = start + 1, n = x->size, name_start, len = strlen(attr);

	while (i < n && !is_space(d[i]) && d[i] != '>' && d[i] != '/')
		i++;
	for (;;) {
		while (i < n && is_space(d[i]))
			i++;
		if (i >= n || d[i] == '>' || d[i] == '/')
			return -1;
		name_start = i;
		while (i < n && !is_space(d[i]) && d[i] != '=' && d[i] != '>')
			i++;
		while (i < n && is_space(d[i]))
			i++;
		if (i >= n || d[i] != '=')
			return -1;
		i++;
		while (i < n && is_space(d[i]))
			i++;
		if (i >= n || (d[i] != '"' && d[i] != '\''))
			return -1;
		if (i - name_start >= len) {
			/* Match the local name, with or without a prefix. */
			size_t nlen = 0;
			while (name_start + nlen < n && d[name_start + nlen] != '=' &&
			       !is_space(d[name_start + nlen]))
				nlen++;
			if ((nlen == len && memcmp(d + name_start, attr, len) == 0) ||
			    (nlen > len && d[name_start + nlen - len - 1] == ':' &&
			     memcmp(d + name_start + nlen - len, attr, len) == 0)) {
				*name_at = name_start;
				*value_at = i + 1;
				return 0;
			}
		}
		i = skip_quoted(d, i, n);
	}
}

/* End of the start tag at `start` (offset after its '>'). */
static size_t start_tag_end(const veikart__xml *x, size_t start)
{
	const unsigned char *d = x->data;
	size_t i = start + 1;

	while (i < x->size && d[i] != '>') {
		if (d[i] == '"' || d[i] == '\'')
			i = skip_quoted(d, i, x->size);
		else
			i++;
	}
	return i < x->size ? i + 1 : x->size;
}

void veikart__xml_where(const veikart__xml *x, const xmlNode *node, const char *attr,
                        unsigned int *line, unsigned int *column)
{
	size_t start, name_at, value_at;

	*line = 0;
	*column = 0;
	if (node == NULL)
		return;
	start = node_offset(node);
	if (start == SIZE_MAX || start >= x->size) {
		*line = (unsigned int)xmlGetLineNo(node);
		return;
	}
	if (attr != NULL && find_attr(x, start, attr, &name_at, &value_at) == 0)
		start = name_at;
	veikart__xml_offset_where(x, start, line, column);
}

void veikart__xml_where_in(const veikart__xml *x, const xmlNode *node, const char *attr,
                           size_t offset, unsigned int *line, unsigned int *column)
{
	const unsigned char *d = x->data;
	size_t start, name_at, i, end;
	size_t seen = 0;

	*line = 0;
	*column = 0;
	if (node == NULL)
		return;
	start = node_offset(node);
	if (start == SIZE_MAX || start >= x->size) {
		*line = (unsigned int)xmlGetLineNo(node);
		return;
	}
	if (attr != NULL) {
		if (find_attr(x, start, attr, &name_at, &i) < 0) {
			veikart__xml_where(x, node, NULL, line, column);
			return;
		}
	} else {
		i = start_tag_end(x, start);
	}
	/* Walk the raw text and the parsed value together: an entity or
	 * character reference is one character of the value, and a CR LF pair
	 * is one newline. */
	end = x->size;
	while (i < end && seen < offset) {
		if (d[i] == '&') {
			while (i < end && d[i] != ';')
				i++;
			i++;
			seen++;
			continue;
		}
		if (d[i] == '\r' && i + 1 < end && d[i + 1] == '\n')
			i++;
		i++;
		while (i < end && (d[i] & 0xC0) == 0x80)
			i++;
		seen++;
	}
	veikart__xml_offset_where(x, i, line, column);
}

/* ---- the pre-scan --------------------------------------------------------- */

static int scan_error(parse_state *st, int code, size_t offset, const char *fmt, ...)
        VEIKART__PRINTF(4, 5);

static int scan_error(parse_state *st, int code, size_t offset, const char *fmt, ...)
{
	unsigned int line, col;
	va_list ap;
	int err;

	veikart__xml_offset_where(st->x, offset, &line, &col);
	va_start(ap, fmt);
	err = veikart__diags_vadd(st->diags, VEIKART_SEVERITY_ERROR, st->x->name, line, col, fmt,
	                          ap);
	va_end(ap);
	return err < 0 ? VEIKART_ENOMEM : code;
}

static const unsigned char *find(const unsigned char *d, size_t from, size_t n, const char *what)
{
	size_t len = strlen(what);
	const unsigned char *p;

	/* memchr to each place the first byte occurs, then compare the rest. */
	while (from + len <= n) {
		p = memchr(d + from, what[0], n - len + 1 - from);
		if (p == NULL)
			return NULL;
		if (memcmp(p, what, len) == 0)
			return p;
		from = (size_t)(p - d) + 1;
	}
	return NULL;
}

static int prescan(parse_state *st)
{
	const unsigned char *d = st->x->data, *p, *nul;
	size_t n = st->x->size, i, start, nattrs, bad;

	if (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
		return scan_error(st, VEIKART_EFORMAT, 0, "%s",
		                  "the file is encoded in UTF-16; methodology files must be UTF-8");
	/* Whichever comes first, a NUL or a byte that is not UTF-8; each found
	 * by a scan that reads words, not bytes. */
	nul = memchr(d, 0, n);
	bad = veikart__utf8_check((const char *)d, n);
	if (nul != NULL && (size_t)(nul - d) < bad)
		return scan_error(st, VEIKART_EFORMAT, (size_t)(nul - d), "%s",
		                  "the file contains a NUL byte: it is binary, not an XML text");
	if (bad != n)
		return scan_error(st, VEIKART_EFORMAT, bad, "%s",
		                  "invalid UTF-8 here; methodology files must be UTF-8 encoded");
	i = n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
	while (i < n && is_space(d[i]))
		i++;
	if (i == n)
		return scan_error(
		        st, VEIKART_EFORMAT, 0, "%s",
		        "the file is empty: a methodology file holds one <methodology> element");

	/* The XML declaration may name an encoding: only UTF-8 is read. */
	i = n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
	if (n - i >= 5 && memcmp(d + i, "<?xml", 5) == 0 && (p = find(d, i, n, "?>")) != NULL) {
		const unsigned char *enc = find(d, i, (size_t)(p - d), "encoding");
		size_t vstart, vend;
		if (enc != NULL) {
			vstart = (size_t)(enc - d) + 8;
			while (vstart < (size_t)(p - d) &&
			       (is_space(d[vstart]) || d[vstart] == '='))
				vstart++;
			if (vstart < (size_t)(p - d) && (d[vstart] == '"' || d[vstart] == '\''))
				vstart++;
			vend = vstart;
			while (vend < (size_t)(p - d) && d[vend] != '"' && d[vend] != '\'')
				vend++;
			if (!(vend - vstart == 5 && (d[vstart] == 'u' || d[vstart] == 'U') &&
			      (d[vstart + 1] == 't' || d[vstart + 1] == 'T') &&
			      (d[vstart + 2] == 'f' || d[vstart + 2] == 'F') &&
			      d[vstart + 3] == '-' && d[vstart + 4] == '8'))
				return scan_error(
				        st, VEIKART_EFORMAT, vstart,
				        "the file declares encoding `%.*s`; methodology files "
				        "must be UTF-8 (convert it, for example with iconv)",
				        (int)(vend - vstart), (const char *)d + vstart);
		}
	}

	for (i = 0; i < n; i++) {
		p = memchr(d + i, '<', n - i);
		if (p == NULL)
			break;
		i = (size_t)(p - d);
		if (n - i >= 4 && memcmp(d + i, "<!--", 4) == 0) {
			p = find(d, i + 4, n, "-->");
			if (p == NULL)
				return 0; /* libxml2 will say the comment is not closed */
			i = (size_t)(p - d) + 2;
		} else if (n - i >= 9 && memcmp(d + i, "<![CDATA[", 9) == 0) {
			p = find(d, i + 9, n, "]]>");
			if (p == NULL)
				return 0;
			i = (size_t)(p - d) + 2;
		} else if (n - i >= 2 && d[i + 1] == '?') {
			p = find(d, i + 2, n, "?>");
			if (p == NULL)
				return 0;
			i = (size_t)(p - d) + 1;
		} else if (n - i >= 2 && d[i + 1] == '!') {
			if (n - i >= 9 && memcmp(d + i, "<!DOCTYPE", 9) == 0)
				return scan_error(
				        st, VEIKART_EFORMAT, i, "%s",
				        "DOCTYPE declarations are not allowed: the format needs "
				        "no DTD, and refusing one keeps out entity expansion and "
				        "references to other files");
			return 0; /* not well-formed; libxml2 reports it */
		} else if (n - i >= 2 && d[i + 1] == '/') {
			p = find(d, i + 2, n, ">");
			if (p == NULL)
				return 0;
			i = (size_t)(p - d);
		} else {
			start = i++;
			while (i < n && !is_space(d[i]) && d[i] != '>' && d[i] != '/')
				i++;
			nattrs = 0;
			for (;;) {
				while (i < n && is_space(d[i]))
					i++;
				if (i >= n)
					return 0;
				if (d[i] == '>')
					break;
				if (d[i] == '/') {
					i++;
					break;
				}
				while (i < n && !is_space(d[i]) && d[i] != '=' && d[i] != '>')
					i++;
				while (i < n && is_space(d[i]))
					i++;
				if (i >= n || d[i] != '=')
					return 0;
				i++;
				while (i < n && is_space(d[i]))
					i++;
				if (i >= n || (d[i] != '"' && d[i] != '\''))
					return 0;
				i = skip_quoted(d, i, n);
				if (++nattrs > st->limits->max_attributes) {
					char msg[64];
					snprintf(msg, sizeof(msg), "%u",
					         st->limits->max_attributes);
					return scan_error(
					        st, VEIKART_ELIMIT, start,
					        "this element has more than %s attributes (the "
					        "load option max_attributes)",
					        msg);
				}
			}
		}
	}
	return 0;
}

/* ---- libxml2 callbacks ---------------------------------------------------- */

static void stop(xmlParserCtxtPtr ctxt, int code, const char *msg)
{
	parse_state *st = ctxt->_private;
	unsigned int line = 0, col = 0;
	long at = xmlByteConsumed(ctxt);

	if (st->stopped)
		return;
	st->stopped = 1;
	st->err = code;
	if (at >= 0)
		veikart__xml_offset_where(st->x, (size_t)at, &line, &col);
	if (veikart__diags_add(st->diags, VEIKART_SEVERITY_ERROR, st->x->name, line, col, "%s",
	                       msg) < 0)
		st->err = VEIKART_ENOMEM;
	xmlStopParser(ctxt);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid,
                               const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	stop(ctx, VEIKART_EFORMAT, "DOCTYPE declarations are not allowed");
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *st = ctxt->_private;
	long at = xmlByteConsumed(ctxt);
	size_t start = SIZE_MAX;
	char msg[128];

	if (st->stopped)
		return;
	if (++st->depth > st->limits->max_depth) {
		snprintf(msg, sizeof(msg), "elements are nested more than %u levels deep",
		         st->limits->max_depth);
		stop(ctxt, VEIKART_ELIMIT, msg);
		return;
	}
	if (++st->elements > st->limits->max_elements) {
		snprintf(msg, sizeof(msg), "the document has more than %u elements",
		         st->limits->max_elements);
		stop(ctxt, VEIKART_ELIMIT, msg);
		return;
	}
	/* The parser stands at the end of the start tag (at the end of the
	 * document when the tag is cut off there); attribute values cannot
	 * hold a raw '<', so the tag begins at the last '<' before. */
	if (at > 0 && (size_t)at <= st->x->size) {
		start = (size_t)at - 1;
		while (start > 0 && st->x->data[start] != '<')
			start--;
		if (st->x->data[start] != '<')
			start = SIZE_MAX;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
	                      nb_defaulted, attributes);
	if (ctxt->node != NULL && start != SIZE_MAX)
		ctxt->node->_private = (void *)(uintptr_t)(start + 1);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *st = ctxt->_private;

	if (st->depth > 0)
		st->depth--;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

/* libxml2 hands a SAX structured error handler ctxt->userData, which for a
 * parser context is the context itself. */
static void on_error(void *payload, xmlErrorPtr error)
{
	xmlParserCtxtPtr ctxt = payload;
	parse_state *st = ctxt->_private;
	veikart_severity sev;
	char *msg;
	size_t len;

	if (error == NULL || st->stopped)
		return;
	if (error->code == XML_ERR_USER_STOP)
		return;
	sev = error->level == XML_ERR_WARNING ? VEIKART_SEVERITY_WARNING : VEIKART_SEVERITY_ERROR;
	msg = error->message ? error->message : "not well-formed XML";
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (veikart__diags_add(st->diags, sev, st->x->name, (unsigned int)error->line,
	                       error->int2 > 0 ? (unsigned int)error->int2 : 0, "%.*s", (int)len,
	                       msg) < 0)
		st->err = VEIKART_ENOMEM;
}

/* ---- entry points --------------------------------------------------------- */

int veikart__xml_parse(veikart__xml *x, const char *name, const void *data, size_t size,
                       const veikart__xml_limits *limits, const veikart_allocator *alloc,
                       veikart_diagnostics *diags)
{
	xmlParserCtxtPtr ctxt = NULL;
	parse_state st;
	size_t before;
	int err, opts;

	memset(x, 0, sizeof(*x));
	x->alloc = alloc;
	x->name = name;
	x->data = data;
	x->size = size;
	memset(&st, 0, sizeof(st));
	st.x = x;
	st.diags = diags;
	st.limits = limits;

	err = veikart__global_init();
	if (err < 0)
		return err;
	if (size > limits->max_input_bytes) {
		err = veikart__diags_add(diags, VEIKART_SEVERITY_ERROR, name, 0, 0,
		                         "the file is %zu bytes, more than the limit of %zu bytes "
		                         "(the load option max_input_bytes)",
		                         size, limits->max_input_bytes);
		return err < 0 ? err : VEIKART_ELIMIT;
	}
	if (size > INT_MAX)
		return VEIKART_ELIMIT;
	before = veikart_diagnostics_error_count(diags);
	err = prescan(&st);
	if (err < 0)
		return err;

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return veikart__error_nomem();
	/* xmlNewParserCtxt gives this context its own copy of the SAX handler,
	 * so these overrides touch no global state. */
	ctxt->_private = &st;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = on_internal_subset;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ctxt->sax->serror = on_error;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	/* COMPACT keeps short text inside its node, one allocation less for
	 * most labels and values; the tree is only read, never changed. */
	opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	       XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;
#if LIBXML_VERSION >= 21300
	opts |= XML_PARSE_NO_XXE;
#endif
	/* Never: NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE, RECOVER. */
	/* No encoding is forced: the pre-scan has checked that the bytes are
	 * UTF-8 and that no other encoding is declared, and forcing one makes
	 * libxml2 decode through a converter, which spoils xmlByteConsumed(). */
	x->doc = xmlCtxtReadMemory(ctxt, data, (int)size, NULL, NULL, opts);
	ctxt->sax->serror = NULL;
	if (st.err == VEIKART_ENOMEM) {
		err = VEIKART_ENOMEM;
	} else if (st.stopped) {
		err = st.err;
	} else if (x->doc == NULL || !ctxt->wellFormed) {
		err = VEIKART_EFORMAT;
		if (veikart_diagnostics_error_count(diags) == before)
			err = veikart__diags_add(diags, VEIKART_SEVERITY_ERROR, name, 0, 0, "%s",
			                         "the file is not well-formed XML") < 0
			              ? VEIKART_ENOMEM
			              : VEIKART_EFORMAT;
	} else if (xmlDocGetRootElement(x->doc) == NULL) {
		err = VEIKART_EFORMAT;
	} else {
		err = 0;
	}
	if (err < 0 && x->doc != NULL) {
		xmlFreeDoc(x->doc);
		x->doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return err;
}

typedef struct validate_state {
	veikart__xml *x;
	veikart_diagnostics *diags;
	int err;
} validate_state;

/* libxml2 writes element names as {namespace}local; authors know them as
 * <local>.  Drop our namespace part and the trailing newline. */
static void tidy_message(veikart__buf *out, const char *msg)
{
	static const char *const ns[] = { "{" VEIKART_METHOD_NAMESPACE "}",
		                          "{" VEIKART_SNAPSHOT_NAMESPACE "}" };
	const char *p = msg;
	size_t i;

	while (*p != '\0') {
		for (i = 0; i < VEIKART__ARRAY_SIZE(ns); i++)
			if (strncmp(p, ns[i], strlen(ns[i])) == 0)
				break;
		if (i < VEIKART__ARRAY_SIZE(ns)) {
			p += strlen(ns[i]);
			continue;
		}
		veikart__buf_putc(out, *p++);
	}
	while (out->len > 0 && (out->ptr[out->len - 1] == '\n' || out->ptr[out->len - 1] == ' '))
		out->ptr[--out->len] = '\0';
}

static void on_validation_error(void *payload, xmlErrorPtr error)
{
	validate_state *st = payload;
	unsigned int line = 0, col = 0;
	const char *attr = NULL, *q;
	char attrname[128];
	veikart__buf msg;
	size_t n;

	if (error == NULL || st->err < 0)
		return;
	/* Point at the attribute the message is about, when it names one. */
	if (error->message != NULL && (q = strstr(error->message, "attribute '")) != NULL) {
		q += strlen("attribute '");
		n = strcspn(q, "'");
		if (n > 0 && n < sizeof(attrname)) {
			memcpy(attrname, q, n);
			attrname[n] = '\0';
			attr = strchr(attrname, '}') ? strchr(attrname, '}') + 1 : attrname;
		}
	}
	if (error->node != NULL)
		veikart__xml_where(st->x, error->node, attr, &line, &col);
	else
		line = (unsigned int)error->line;
	veikart__buf_init(&msg, st->x->alloc);
	tidy_message(&msg, error->message ? error->message : "does not match the schema");
	if (msg.failed ||
	    veikart__diags_add(st->diags,
	                       error->level == XML_ERR_WARNING ? VEIKART_SEVERITY_WARNING
	                                                       : VEIKART_SEVERITY_ERROR,
	                       st->x->name, line, col, "%s", veikart__buf_cstr(&msg)) < 0)
		st->err = VEIKART_ENOMEM;
	veikart__buf_dispose(&msg);
}

int veikart__xml_validate(veikart__xml *x, veikart__schema_id schema, veikart_diagnostics *diags)
{
	xmlSchemaPtr s = veikart__schema(schema);
	xmlSchemaValidCtxtPtr vctxt;
	validate_state st = { x, diags, 0 };
	int rc;

	if (s == NULL)
		return veikart_error_last()->code ? veikart_error_last()->code : VEIKART_ERROR;
	/* Validation contexts are not shareable; the schema is. */
	vctxt = xmlSchemaNewValidCtxt(s);
	if (vctxt == NULL)
		return veikart__error_nomem();
	xmlSchemaSetValidStructuredErrors(vctxt, on_validation_error, &st);
	rc = xmlSchemaValidateDoc(vctxt, x->doc);
	xmlSchemaFreeValidCtxt(vctxt);
	if (st.err < 0)
		return st.err;
	if (rc < 0)
		return veikart__error_set(VEIKART_ERROR, "schema validation failed internally");
	return rc == 0 ? 0 : VEIKART_EFORMAT;
}

void veikart__xml_dispose(veikart__xml *x)
{
	if (x->doc != NULL)
		xmlFreeDoc(x->doc);
	veikart__free(x->alloc, x->lines);
	x->doc = NULL;
	x->lines = NULL;
	x->nlines = 0;
}

int veikart__xml_is(const xmlNode *node, const char *ns, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	       strcmp((const char *)node->ns->href, ns) == 0 &&
	       strcmp((const char *)node->name, name) == 0;
}

const xmlNode *veikart__xml_first_child(const xmlNode *node)
{
	const xmlNode *c;

	for (c = node ? node->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

const xmlNode *veikart__xml_next(const xmlNode *node)
{
	const xmlNode *c;

	for (c = node ? node->next : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

void veikart__xml_put_text_n(veikart__buf *b, const char *s, size_t len)
{
	const char *run = s, *end = s + len;

	/* Copy runs that need nothing, and a reference for each that does. */
	for (; s < end; s++) {
		const char *ref;
		switch (*s) {
		case '&':
			ref = "&amp;";
			break;
		case '<':
			ref = "&lt;";
			break;
		case '>':
			ref = "&gt;";
			break;
		case '"':
			ref = "&quot;";
			break;
		case '\t':
			ref = "&#9;";
			break;
		case '\n':
			ref = "&#10;";
			break;
		case '\r':
			ref = "&#13;";
			break;
		default:
			continue;
		}
		veikart__buf_put(b, run, (size_t)(s - run));
		veikart__buf_puts(b, ref);
		run = s + 1;
	}
	veikart__buf_put(b, run, (size_t)(end - run));
}

void veikart__xml_put_text(veikart__buf *b, const char *s)
{
	veikart__xml_put_text_n(b, s, strlen(s));
}

void veikart__xml_put_attr(veikart__buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	veikart__buf_putc(b, ' ');
	veikart__buf_puts(b, name);
	veikart__buf_puts(b, "=\"");
	veikart__xml_put_text(b, value);
	veikart__buf_putc(b, '"');
}
