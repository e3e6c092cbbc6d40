# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Exceptions raised for the C API's error codes.

Every failing call raises a subclass of `veikart.Error` chosen by its code,
carrying the library's message and, when the problem is in a file, where:
`err.file`, `err.line` and `err.column`.  A methodology that does not load
also carries every problem found, as `err.diagnostics`.
"""

from dataclasses import dataclass, field

from ._native import ffi, lib
from .enums import ErrorCode, Severity


def from_c(ptr):
    """A C string owned by the library as a str; NULL as None."""
    if ptr == ffi.NULL:
        return None
    return ffi.string(ptr).decode("utf-8", "replace")


class Error(Exception):
    """A libveikart call failed.

    Attributes: `code` (an ErrorCode), `message` (the library's words),
    `file`, `line`, `column` (where, when the problem is in a file; None or
    0 otherwise) and `diagnostics` (a tuple of Diagnostic, empty unless a
    document was being read).
    """

    def __init__(self, message, code=ErrorCode.ERROR, file=None, line=0, column=0, diagnostics=()):
        self.code = ErrorCode(code)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.diagnostics = tuple(diagnostics)
        super().__init__(str(self))

    def __str__(self):
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += ":%d" % self.line
                if self.column:
                    where += ":%d" % self.column
            where += ": "
        return where + (self.message or str(self.code))


class OutOfMemoryError(Error, MemoryError):
    """An allocation failed (ENOMEM)."""


class InvalidArgumentError(Error, ValueError):
    """An argument is missing, empty or out of range (EINVALID)."""


class NotFoundError(Error, LookupError):
    """A file, methodology or id does not exist (ENOTFOUND)."""


class ExistsError(Error):
    """Something with that id is already there (EEXISTS)."""


class FormatError(Error, ValueError):
    """A document or expression is not valid (EFORMAT); see `diagnostics`."""


class LimitError(Error):
    """Input exceeds a configured limit (ELIMIT)."""


class InputOutputError(Error, OSError):
    """Reading or writing a file failed (EIO)."""


class TypeMismatchError(Error, TypeError):
    """A value does not match its declared type (ETYPE)."""


class DeniedError(Error):
    """The actor does not hold the role the action needs (EDENIED)."""


class StateError(Error):
    """The action is not possible in the current state (ESTATE)."""


class MismatchError(Error):
    """Data belongs to another methodology id, version or digest (EMISMATCH)."""


class LockedError(Error):
    """Another writer holds the journal's lock (ELOCKED)."""


class CorruptError(Error):
    """Stored data is damaged or has been altered (ECORRUPT)."""


class VetoedError(Error):
    """The commit hook refused the events (EUSER); nothing changed."""


class VersionError(Error):
    """An options structure has a version this library does not know (EVERSION)."""


_BY_CODE = {
    ErrorCode.ENOMEM: OutOfMemoryError,
    ErrorCode.EINVALID: InvalidArgumentError,
    ErrorCode.ENOTFOUND: NotFoundError,
    ErrorCode.EEXISTS: ExistsError,
    ErrorCode.EFORMAT: FormatError,
    ErrorCode.ELIMIT: LimitError,
    ErrorCode.EIO: InputOutputError,
    ErrorCode.ETYPE: TypeMismatchError,
    ErrorCode.EDENIED: DeniedError,
    ErrorCode.ESTATE: StateError,
    ErrorCode.EMISMATCH: MismatchError,
    ErrorCode.ELOCKED: LockedError,
    ErrorCode.ECORRUPT: CorruptError,
    ErrorCode.EUSER: VetoedError,
    ErrorCode.EVERSION: VersionError,
}


class Veto(Exception):
    """Raise this from a commit hook to refuse the events with a reason.

    The call that produced the events raises VetoedError carrying the
    reason, and the initiative is left as it was.
    """


@dataclass(frozen=True)
class Diagnostic:
    """One problem found while reading a methodology."""

    severity: Severity
    file: str
    line: int
    column: int
    message: str
    text: str = field(default="", repr=False, compare=False)

    def __str__(self):
        """The library's own one-line form (veikart_diagnostic_format())."""
        return self.text or self.message


def take_diagnostics(holder):
    """Read and free the veikart_diagnostics a call handed back."""
    diags = holder[0]
    if diags == ffi.NULL:
        return ()
    try:
        found = []
        for i in range(lib.veikart_diagnostics_count(diags)):
            d = lib.veikart_diagnostics_get(diags, i)
            size = lib.veikart_diagnostic_format(ffi.NULL, 0, d) + 1
            buf = ffi.new("char[]", size)
            lib.veikart_diagnostic_format(buf, size, d)
            found.append(
                Diagnostic(
                    Severity(d.severity),
                    from_c(d.file),
                    d.line,
                    d.column,
                    from_c(d.message),
                    from_c(buf),
                )
            )
        return tuple(found)
    finally:
        lib.veikart_diagnostics_free(diags)


def error_for(code, diagnostics=()):
    """The exception for a failed call's return code, from the thread's last error."""
    last = lib.veikart_error_last()
    try:
        code = ErrorCode(code)
    except ValueError:
        code = ErrorCode.ERROR
    if last.code == code:
        message, file, line, column = (
            from_c(last.message),
            from_c(last.file),
            last.line,
            last.column,
        )
    else:
        message, file, line, column = from_c(lib.veikart_strerror(code)), None, 0, 0
    cls = _BY_CODE.get(code, Error)
    return cls(message, code, file, line, column, diagnostics)


def check(rc, diagnostics=()):
    """Raise the matching exception when a call returned a negative code."""
    if rc < 0:
        raise error_for(rc, diagnostics)
    return rc
