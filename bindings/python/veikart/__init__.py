# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Python bindings for libveikart.

libveikart models a structured rollout methodology for welfare technology
and digital services (the Norwegian Veikart for tjenesteinnovasjon and its
Nordic cousins) as a phase state machine whose gates carry criteria loaded
from XML.  This package is a thin layer over the C library's API:

    >>> import veikart
    >>> m = veikart.Methodology.load("ks-veikart")
    >>> [p.id for p in m.phases]

See docs/python.md in the source tree for a walk-through.
"""

import os as _os

from ._native import ffi as _ffi, lib as _lib
from ._util import from_c as _from_c, to_c as _to_c
from .enums import (
    Aggregation,
    CriterionKind,
    DiffChange,
    DiffWhat,
    ErrorCode,
    EventKind,
    Level,
    OutcomeKind,
    PhaseKind,
    RoleKind,
    Scope,
    Severity,
    SpecialMeaning,
    Status,
    Truth,
    Type,
    Verdict,
)
from .errors import (
    CorruptError,
    DeniedError,
    Diagnostic,
    Error,
    ExistsError,
    FormatError,
    InputOutputError,
    InvalidArgumentError,
    LimitError,
    LockedError,
    MismatchError,
    NotFoundError,
    OutOfMemoryError,
    StateError,
    TypeMismatchError,
    VersionError,
    Veto,
    VetoedError,
)
from .methodology import (
    Authority,
    Criterion,
    Fact,
    Gate,
    Methodology,
    Outcome,
    Phase,
    Role,
    Scale,
    Step,
    Table,
    UnitType,
)
from .expression import Expression, Facts, Value
from .journal import DecisionRecord, Event, Journal
from .initiative import (
    Assignment,
    Condition,
    CriterionResult,
    Decision,
    Initiative,
    Report,
    Unit,
    Visit,
)
from .diff import Diff, DiffEntry, diff
from .sign import Key, Keyring, KeyPolicy, Signer
from .errors import check as _check

#: The version of the libveikart the module is running against ("0.1.0").
version = _from_c(_lib.veikart_version())
#: The same as a number: major * 10000 + minor * 100 + patch.
version_number = _lib.veikart_version_number()
#: The id of the methodology used when none is named.
DEFAULT_METHODOLOGY = _from_c(_lib.VEIKART_DEFAULT_METHOD)


def sha256(data):
    """SHA-256 of bytes (or str, as UTF-8), in 64 lowercase hex digits."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    out = _ffi.new("char[]", _lib.VEIKART_HASH_HEX_LENGTH + 1)
    _check(_lib.veikart_sha256_hex(out, data, len(data)))
    return _from_c(out)


def sha256_file(path):
    """SHA-256 of a file's bytes, in hex, as evidence attachments record it."""
    out = _ffi.new("char[]", _lib.VEIKART_HASH_HEX_LENGTH + 1)
    _check(_lib.veikart_sha256_file(out, _to_c(_os.fspath(path), "the file")))
    return _from_c(out)


__all__ = [
    # methodologies and what they define
    "Methodology",
    "Table",
    "Phase",
    "Step",
    "Gate",
    "Criterion",
    "Outcome",
    "Authority",
    "Role",
    "Fact",
    "Scale",
    "UnitType",
    # initiatives
    "Initiative",
    "Unit",
    "Report",
    "CriterionResult",
    "Decision",
    "Condition",
    "Visit",
    "Assignment",
    # events and journals
    "Event",
    "DecisionRecord",
    "Journal",
    # signatures
    "Key",
    "Keyring",
    "KeyPolicy",
    "Signer",
    # the criteria language
    "Expression",
    "Facts",
    "Value",
    # comparing methodologies
    "diff",
    "Diff",
    "DiffEntry",
    # enumerations
    "Aggregation",
    "CriterionKind",
    "DiffChange",
    "DiffWhat",
    "ErrorCode",
    "EventKind",
    "Level",
    "OutcomeKind",
    "PhaseKind",
    "RoleKind",
    "Scope",
    "Severity",
    "SpecialMeaning",
    "Status",
    "Truth",
    "Type",
    "Verdict",
    # errors
    "Error",
    "OutOfMemoryError",
    "InvalidArgumentError",
    "NotFoundError",
    "ExistsError",
    "FormatError",
    "LimitError",
    "InputOutputError",
    "TypeMismatchError",
    "DeniedError",
    "StateError",
    "MismatchError",
    "LockedError",
    "CorruptError",
    "VetoedError",
    "VersionError",
    "Veto",
    "Diagnostic",
    # the library
    "version",
    "version_number",
    "DEFAULT_METHODOLOGY",
    "sha256",
    "sha256_file",
]
