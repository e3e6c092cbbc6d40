/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_ERRORS_H
#define VEIKART_ERRORS_H

/**
 * @file veikart/errors.h
 * @brief Error codes and the thread-local detail of the last error.
 *
 * Functions that can fail return 0 or one of the negative codes below and
 * leave a readable explanation in veikart_error_last().  Each function's
 * documentation lists the codes a caller should expect from it.
 */

#include "common.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_errors Errors
 * @{
 */

/** Return codes.  Success is 0; every failure is negative. */
typedef enum veikart_error_code {
	VEIKART_OK = 0,          /**< Success. */
	VEIKART_ERROR = -1,      /**< A failure with no more specific code. */
	VEIKART_ENOMEM = -2,     /**< An allocation failed. */
	VEIKART_EINVALID = -3,   /**< An argument is NULL, empty or out of range. */
	VEIKART_ENOTFOUND = -4,  /**< A file, methodology or id does not exist. */
	VEIKART_EEXISTS = -5,    /**< Something with that id is already there. */
	VEIKART_EFORMAT = -6,    /**< A document or expression is not valid; see the diagnostics. */
	VEIKART_ELIMIT = -7,     /**< Input exceeds a configured limit (size, depth, count). */
	VEIKART_EIO = -8,        /**< Reading or writing a file failed. */
	VEIKART_ETYPE = -9,      /**< A value does not match the type it was declared with. */
	VEIKART_EDENIED = -10,   /**< The actor does not hold the role the action needs. */
	VEIKART_ESTATE = -11,    /**< The action is not possible in the current state. */
	VEIKART_EMISMATCH = -12, /**< Data belongs to another methodology id, version or digest. */
	VEIKART_ELOCKED = -13,   /**< Another writer holds the lock. */
	VEIKART_ECORRUPT = -14,  /**< Stored data is damaged or has been altered. */
	VEIKART_EUSER = -15, /**< A callback returned non-zero and the operation was abandoned. */
	VEIKART_EVERSION =
	        -16 /**< An options structure has a version this library does not know. */
} veikart_error_code;

/**
 * Detail of the last error raised on the calling thread.
 *
 * Strings are owned by the library and stay valid until the next call into
 * the library on the same thread.  Fields may be appended in later versions;
 * never allocate this structure yourself.
 *
 * @since 0.1.0
 */
typedef struct veikart_error {
	int code;            /**< The #veikart_error_code, or 0 when nothing failed. */
	const char *message; /**< What went wrong, in words; never NULL (may be empty). */
	const char *file;    /**< File the problem is in, or NULL when it is not about a file. */
	unsigned int line;   /**< 1-based line in #file, or 0 when unknown. */
	unsigned int column; /**< 1-based column in #file, or 0 when unknown. */
} veikart_error;

/**
 * The last error raised on the calling thread.
 *
 * The record is thread-local: errors on one thread never show on another.
 * A successful call does not clear it, so test the return code first and
 * read the detail only after a failure.
 *
 * @return The error record; never NULL.  When no error has been raised,
 *         its code is 0 and its message is empty.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_error *veikart_error_last(void);

/**
 * Forget the last error on the calling thread.
 *
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API void veikart_error_clear(void);

/**
 * Set the calling thread's error detail: for callbacks (a commit hook, a
 * clock) that want to say why they failed.
 *
 * A commit hook that refuses events can call this and return the code:
 * the library's own error (#VEIKART_EUSER) then carries the message, as in
 * `return veikart_error_set(VEIKART_EIO, sqlite3_errmsg(db));`.
 *
 * @param code A negative #veikart_error_code.
 * @param message What went wrong; copied (truncated to 1023 bytes), so it may
 *        be veikart_error_last()->message itself; NULL
 *        for the code's veikart_strerror() text.
 * @return @p code, so that a callback can return it directly.
 * @note Thread-safe: it sets the calling thread's record.
 * @since 0.1.0
 */
VEIKART_API int veikart_error_set(int code, const char *message);

/**
 * A short, fixed description of an error code ("out of memory", "not found").
 *
 * @param code A #veikart_error_code.
 * @return A static string; never NULL, also for unknown codes.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_strerror(int code);

/** @} */

VEIKART_END_DECL

#endif
