/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_COMMON_H
#define VEIKART_COMMON_H

/**
 * @file veikart/common.h
 * @brief Export macro, C++ guards and the allocator hook shared by every header.
 */

#include <stddef.h>

#ifdef __cplusplus
#define VEIKART_BEGIN_DECL extern "C" {
#define VEIKART_END_DECL }
#else
/** Opens a block of declarations with C linkage when compiled as C++. */
#define VEIKART_BEGIN_DECL
/** Closes a block opened with #VEIKART_BEGIN_DECL. */
#define VEIKART_END_DECL
#endif

/**
 * Marks a function as part of the public ABI.
 *
 * Everything else in the library is built with hidden visibility, so a symbol
 * is exported exactly when its declaration carries this macro.  Define
 * `VEIKART_STATIC` when linking the static library on Windows.
 */
#if defined(_WIN32) && !defined(VEIKART_STATIC)
#if defined(VEIKART_BUILDING)
#define VEIKART_API __declspec(dllexport)
#else
#define VEIKART_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define VEIKART_API __attribute__((visibility("default")))
#else
#define VEIKART_API
#endif

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_common Common types
 * @{
 */

/**
 * Memory allocation hook.
 *
 * Objects created with an allocator in their options take every byte they
 * own from it, and the objects derived from them (an initiative from its
 * methodology, a report from its initiative) use the same one.  libxml2's
 * own allocations go through libxml2's process-wide functions and are not
 * routed here: changing those is the application's business, not a
 * library's.
 *
 * `malloc` and `realloc` return NULL on failure; `free` accepts NULL.  All
 * three receive #payload as their last argument.
 *
 * They are called on the thread that makes the call needing memory.  That
 * includes reading a report's reasons or summary for the first time (see
 * #veikart_report): a report shared between threads may call its
 * allocator from any of them, so such an allocator must be thread-safe.
 *
 * @since 0.1.0
 */
typedef struct veikart_allocator {
	/** Allocate @p size bytes; return NULL on failure. */
	void *(*malloc)(size_t size, void *payload);
	/** Resize @p ptr (which may be NULL) to @p size bytes; return NULL on failure. */
	void *(*realloc)(void *ptr, size_t size, void *payload);
	/** Release @p ptr, which may be NULL. */
	void (*free)(void *ptr, void *payload);
	/** Passed unchanged to the three functions. */
	void *payload;
} veikart_allocator;

/**
 * Free a string the library returned for the caller to own (a snapshot,
 * an export, a diff in words).  It was allocated with the allocator of the
 * object that made it, and goes back to that one.
 * @param string The string; NULL is a no-op.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API void veikart_string_free(char *string);

/** @} */

VEIKART_END_DECL

#endif
