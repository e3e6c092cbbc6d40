/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Reading untrusted XML safely, and knowing where every element and
 * attribute stood in the file so that diagnostics can say line and column.
 */
#ifndef VEIKART_XML_H
#define VEIKART_XML_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "util.h"

typedef enum veikart__schema_id {
	VEIKART__SCHEMA_METHODOLOGY = 0,
	VEIKART__SCHEMA_SNAPSHOT,
	VEIKART__SCHEMA_COUNT
} veikart__schema_id;

/* The compiled built-in schema (shared, read-only), or NULL with the error raised. */
xmlSchemaPtr veikart__schema(veikart__schema_id id);

typedef struct veikart__xml_limits {
	size_t max_input_bytes;
	unsigned int max_attributes; /* per element */
	unsigned int max_depth;      /* element nesting */
	unsigned int max_elements;   /* in the whole document */
} veikart__xml_limits;

typedef struct veikart__xml {
	const veikart_allocator *alloc;
	const char *name;          /* the file name used in diagnostics */
	const unsigned char *data; /* the document's bytes, owned by the caller */
	size_t size;
	xmlDocPtr doc;
	size_t *lines; /* offset at which each line starts */
	size_t nlines;
} veikart__xml;

/*
 * Parse a document.  Refuses, with a located diagnostic: input over the size
 * limit, an empty file, UTF-16, NUL bytes, invalid UTF-8, any DOCTYPE, an
 * element with too many attributes, nesting too deep, too many elements,
 * and anything libxml2 finds not well-formed.  No DTD is read, no entity is
 * expanded, no file or network resource is opened.
 *
 * Returns 0, VEIKART_EFORMAT, VEIKART_ELIMIT or VEIKART_ENOMEM.  On success
 * x->doc is set; release with veikart__xml_dispose() in every case.
 */
int veikart__xml_parse(veikart__xml *x, const char *name, const void *data, size_t size,
                       const veikart__xml_limits *limits, const veikart_allocator *alloc,
                       veikart_diagnostics *diags);

/* Validate against a built-in schema; each problem becomes a diagnostic.
 * Returns 0 or VEIKART_EFORMAT (or VEIKART_ENOMEM). */
int veikart__xml_validate(veikart__xml *x, veikart__schema_id schema, veikart_diagnostics *diags);

void veikart__xml_dispose(veikart__xml *x);

/* Where an element starts, or where one of its attributes is written when
 * `attr` is not NULL (falling back to the element). */
void veikart__xml_where(const veikart__xml *x, const xmlNode *node, const char *attr,
                        unsigned int *line, unsigned int *column);
/* Where the character `offset` characters into an attribute's value is, or,
 * with attr NULL, into the element's text content.  Entity references and
 * CR LF pairs in the raw text are counted as the one character they stand for. */
void veikart__xml_where_in(const veikart__xml *x, const xmlNode *node, const char *attr,
                           size_t offset, unsigned int *line, unsigned int *column);
/* Line and column of a byte offset in the document. */
void veikart__xml_offset_where(const veikart__xml *x, size_t offset, unsigned int *line,
                               unsigned int *column);

/* Small DOM helpers that read only elements of our namespace. */
int veikart__xml_is(const xmlNode *node, const char *ns, const char *name);
const xmlNode *veikart__xml_first_child(const xmlNode *node);
const xmlNode *veikart__xml_next(const xmlNode *node);

/*
 * Writing XML: the one escaper the library's XML and HTML go through.  It
 * escapes & < > " and writes tab, line feed and carriage return as
 * character references, which survive the normalisation XML applies to
 * attributes, so text reads back as it was in attributes and elements
 * alike.  An attribute whose value is NULL is not written.
 */
void veikart__xml_put_text(veikart__buf *b, const char *s);
void veikart__xml_put_text_n(veikart__buf *b, const char *s, size_t len);
void veikart__xml_put_attr(veikart__buf *b, const char *name, const char *value);

#endif
