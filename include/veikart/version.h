/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_VERSION_H
#define VEIKART_VERSION_H

/**
 * @file veikart/version.h
 * @brief Library version, shared-object version and XML format versions.
 *
 * Three numbers are kept apart: the library release (these macros and
 * veikart_version()), the SONAME the linker sees, and the version of each
 * XML format, carried in the format's namespace.
 */

#include "common.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_version Versions
 * @{
 */

/** Major version of the library release these headers belong to. */
#define VEIKART_VERSION_MAJOR 0
/** Minor version of the library release these headers belong to. */
#define VEIKART_VERSION_MINOR 1
/** Patch version of the library release these headers belong to. */
#define VEIKART_VERSION_PATCH 0
/** The release as a string, as veikart_version() returns it. */
#define VEIKART_VERSION "0.1.0"
/** The release as one comparable number: major * 10000 + minor * 100 + patch. */
#define VEIKART_VERSION_NUMBER \
	(VEIKART_VERSION_MAJOR * 10000 + VEIKART_VERSION_MINOR * 100 + VEIKART_VERSION_PATCH)
/** True when the headers are at least version @p maj. @p min. @p pat. */
#define VEIKART_VERSION_CHECK(maj, min, pat) \
	(VEIKART_VERSION_NUMBER >= (maj)*10000 + (min)*100 + (pat))

/** Version of the methodology XML format these headers read. */
#define VEIKART_METHOD_FORMAT_VERSION 1
/** Oldest methodology format version the library still reads. */
#define VEIKART_METHOD_FORMAT_MIN_COMPATIBLE 1
/** Namespace of methodology documents in format version 1. */
#define VEIKART_METHOD_NAMESPACE "urn:veikart:methodology:1"

/** Version of the initiative snapshot format these headers read and write. */
#define VEIKART_SNAPSHOT_FORMAT_VERSION 1
/** Namespace of snapshots in format version 1. */
#define VEIKART_SNAPSHOT_NAMESPACE "urn:veikart:snapshot:1"

/**
 * The version of the library that is running, as "MAJOR.MINOR.PATCH".
 *
 * Compare it with #VEIKART_VERSION to detect a program built against other
 * headers than the shared library it loaded.
 *
 * @return A static string; never NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_version(void);

/**
 * The running library's version as one number, comparable with
 * #VEIKART_VERSION_NUMBER.
 *
 * @return major * 10000 + minor * 100 + patch.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_version_number(void);

/** @} */

VEIKART_END_DECL

#endif
