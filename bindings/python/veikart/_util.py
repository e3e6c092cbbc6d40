# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Conversions between Python values and the C API's (internal)."""

import datetime
import decimal
import os

from ._native import ffi, lib
from .errors import check, from_c  # noqa: F401 (from_c is shared from here too)

UTC = datetime.timezone.utc
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)


def to_c(text, what="a string argument"):
    """A str (or bytes, or os.PathLike) as a C string; None stays NULL.

    `what` names the argument in the error: a NUL byte would end the C
    string early, so text holding one is refused, never cut short.
    """
    if text is None:
        return ffi.NULL
    if isinstance(text, os.PathLike):
        text = os.fspath(text)
    if isinstance(text, str):
        data = text.encode("utf-8")
    elif isinstance(text, bytes):
        data = text
    else:
        raise TypeError("%s: expected str, got %s" % (what, type(text).__name__))
    at = data.find(b"\0")
    if at >= 0:
        raise ValueError(
            "%s contains a NUL byte (at byte %d); the library reads text up to the "
            "first NUL, so it would be cut short" % (what, at)
        )
    return data


def freed_with(free, owner):
    """A finalizer for ffi.gc() that calls free(ptr) and keeps `owner` (the
    cdata of the methodology the object was made from) alive until then."""

    def finalize(ptr, owner=owner):
        free(ptr)

    return finalize


def take_string(out, length):
    """A string the library allocated (char ** + size_t *): read, then free it."""
    try:
        return ffi.unpack(out[0], length[0]).decode("utf-8")
    finally:
        lib.veikart_string_free(out[0])


def fact_value(value):
    """A Python value as the text veikart_initiative_set() reads.

    bool -> true/false, int and float as numbers (always with a decimal
    point, whatever the locale), dates as ISO 8601, str unchanged.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, decimal.Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.datetime):
        raise TypeError("facts hold dates, not times: pass a datetime.date")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(
        "a fact value must be str, bool, int, float, Decimal or date, not %s" % type(value).__name__
    )


def to_time(seconds):
    """Seconds since the epoch as an aware UTC datetime; 0 (unknown) as None."""
    if seconds == 0 or seconds == lib.VEIKART_TIME_UNKNOWN:
        return None
    return _EPOCH + datetime.timedelta(seconds=seconds)


def from_time(when):
    """A datetime (naive means UTC), date, number of seconds or text
    ("2026-03-01", "2026-03-01T10:00:00Z") as epoch seconds."""
    if isinstance(when, str):
        out = ffi.new("int64_t *")
        check(lib.veikart_time_parse(to_c(when, "the time"), out))
        return out[0]
    if isinstance(when, datetime.datetime):
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return int((when - _EPOCH).total_seconds())
    if isinstance(when, datetime.date):
        return from_time(datetime.datetime(when.year, when.month, when.day, tzinfo=UTC))
    if isinstance(when, (int, float)) and not isinstance(when, bool):
        return int(when)
    raise TypeError(
        "a time must be a datetime, a date or seconds since the epoch, not %s" % type(when).__name__
    )


def id_of(thing, what):
    """The id of a definition object, or the str given in its place."""
    if isinstance(thing, str):
        return thing
    ident = getattr(thing, "id", None)
    if isinstance(ident, str):
        return ident
    raise TypeError("expected a %s or its id, not %s" % (what, type(thing).__name__))


def position(index, count, what):
    """A sequence index (negative counts from the end) checked against `count`."""
    if index < 0:
        index += count
    if not 0 <= index < count:
        raise IndexError("%s %d out of range (%d)" % (what, index, count))
    return index
