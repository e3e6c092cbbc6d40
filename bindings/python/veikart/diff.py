# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""What one methodology changes compared with another."""

from dataclasses import dataclass

from ._native import ffi, lib
from ._util import from_c, take_string, to_c
from .enums import DiffChange, DiffWhat
from .errors import check


@dataclass(frozen=True)
class DiffEntry:
    """One difference: what kind of thing (`what`), where (`path`, such as
    "gate g-pilot / criterion c2"), which `field`, and the old and new value."""

    change: DiffChange
    what: DiffWhat
    path: str
    field: str
    old: str
    new: str


class Diff(tuple):
    """The differences between two methodologies, a tuple of DiffEntry.

    text() and xml() give the library's own report forms, as
    `veikart diff` prints them.
    """

    def __new__(cls, entries, text, xml):
        self = super().__new__(cls, entries)
        self._text, self._xml = text, xml
        return self

    def text(self):
        return self._text

    def xml(self):
        return self._xml


def diff(old, new, lang=None):
    """Compare two Methodology objects; `lang` picks the language of titles."""
    lang_c = ffi.new("char[]", to_c(lang, "the language")) if lang is not None else ffi.NULL
    opts = ffi.new("veikart_diff_options *")
    check(lib.veikart_diff_options_init(opts, lib.VEIKART_DIFF_OPTIONS_VERSION))
    opts.lang = lang_c
    out = ffi.new("veikart_diff **")
    check(lib.veikart_diff_methods(out, old._ptr, new._ptr, opts))
    d = out[0]
    try:
        entries = []
        for i in range(lib.veikart_diff_count(d)):
            e = lib.veikart_diff_entry_at(d, i)
            entries.append(
                DiffEntry(
                    DiffChange(e.change),
                    DiffWhat(e.what),
                    from_c(e.path),
                    from_c(e.field),
                    from_c(e.old_value),
                    from_c(e.new_value),
                )
            )
        forms = []
        for fmt in (lib.VEIKART_DIFF_TEXT, lib.VEIKART_DIFF_XML):
            text, length = ffi.new("char **"), ffi.new("size_t *")
            check(lib.veikart_diff_write(text, length, d, fmt))
            forms.append(take_string(text, length))
        return Diff(entries, *forms)
    finally:
        lib.veikart_diff_free(d)
