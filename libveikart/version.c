/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#include "util.h"

const char *veikart_version(void)
{
	return VEIKART_VERSION;
}

int veikart_version_number(void)
{
	return VEIKART_VERSION_NUMBER;
}
