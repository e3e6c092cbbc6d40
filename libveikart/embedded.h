/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Files compiled into the library by cmake/embed.cmake: the shipped
 * methodologies and the schemas.  Each array ends with a NUL byte that is
 * not counted in `size`.
 */
#ifndef VEIKART_EMBEDDED_H
#define VEIKART_EMBEDDED_H

#include <stddef.h>

typedef struct veikart__blob {
	const char *name; /* file name, e.g. "ks-veikart.xml" */
	const char *id;   /* the name without its extension: the methodology's id */
	const unsigned char *data;
	size_t size;
} veikart__blob;

extern const veikart__blob veikart__embedded_methodologies[];
extern const size_t veikart__embedded_methodologies_count;
extern const veikart__blob veikart__embedded_schemas[];
extern const size_t veikart__embedded_schemas_count;

#endif
