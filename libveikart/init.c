/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Once-only initialisation: libxml2's parser, its schema types (whose lazy
 * initialisation is not thread-safe in 2.9.14), libsodium, and the
 * built-in schemas, parsed once and shared read-only afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <sodium.h>

#include "embedded.h"
#include "sha256.h"
#include "util.h"
#include "xml.h"

static once_flag init_once = ONCE_FLAG_INIT;
static int init_status;
static char init_message[256];
static xmlSchemaPtr schemas[VEIKART__SCHEMA_COUNT];

static const char *const schema_files[VEIKART__SCHEMA_COUNT] = {
	"methodology.xsd",
	"snapshot.xsd",
};

/* Schema compile errors would mean a broken build; keep the first for the
 * message instead of letting libxml2 print it. */
static void schema_error(void *payload, xmlErrorPtr error)
{
	(void)payload;
	if (init_message[0] == '\0' && error != NULL && error->message != NULL)
		strncpy(init_message, error->message, sizeof(init_message) - 1);
}

static const veikart__blob *find_schema(const char *name)
{
	size_t i;

	for (i = 0; i < veikart__embedded_schemas_count; i++)
		if (strcmp(veikart__embedded_schemas[i].name, name) == 0)
			return &veikart__embedded_schemas[i];
	return NULL;
}

static void init_once_fn(void)
{
	xmlSchemaParserCtxtPtr pctxt;
	const veikart__blob *blob;
	size_t i;

	xmlInitParser();
	xmlSchemaInitTypes();
	if (sodium_init() < 0) {
		init_status = VEIKART_ERROR;
		strcpy(init_message, "libsodium could not be initialised");
		return;
	}
	for (i = 0; i < VEIKART__SCHEMA_COUNT; i++) {
		blob = find_schema(schema_files[i]);
		if (blob == NULL) {
			init_status = VEIKART_ERROR;
			strcpy(init_message, "a built-in schema is missing from this build");
			return;
		}
		pctxt = xmlSchemaNewMemParserCtxt((const char *)blob->data, (int)blob->size);
		if (pctxt == NULL) {
			init_status = VEIKART_ENOMEM;
			return;
		}
		xmlSchemaSetParserStructuredErrors(pctxt, schema_error, NULL);
		schemas[i] = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
		if (schemas[i] == NULL) {
			init_status = VEIKART_ERROR;
			return;
		}
	}
}

int veikart__global_init(void)
{
	call_once(&init_once, init_once_fn);
	if (init_status != 0)
		return veikart__error_set(init_status, "libveikart cannot start: %s",
		                          init_message[0] ? init_message
		                                          : "built-in schema invalid");
	return 0;
}

xmlSchemaPtr veikart__schema(veikart__schema_id id)
{
	if (veikart__global_init() < 0 || (int)id < 0 || id >= VEIKART__SCHEMA_COUNT)
		return NULL;
	return schemas[id];
}
