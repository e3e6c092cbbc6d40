# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""The C API's enumerations as IntEnum classes.

Members are named after the C constants without their prefix
(VEIKART_OUTCOME_CONDITIONAL_GO is OutcomeKind.CONDITIONAL_GO) and have the
same values.  str() of a member is the name the library writes in
methodology files, journals and reports ("conditional-go"), and
`OutcomeKind.of("conditional-go")` reads one back.
"""

import enum

from ._native import ffi, lib


class _Enum(enum.IntEnum):
    def __str__(self):
        namer = type(self)._namer
        if namer is None:
            return self.name.lower().replace("_", "-")
        return ffi.string(getattr(lib, namer)(self.value)).decode("utf-8")

    @classmethod
    def of(cls, value):
        """A member from itself, its value, its library name or its Python name."""
        if isinstance(value, cls):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if isinstance(value, str):
            if cls._parser is not None:
                out = ffi.new(cls._ctype + " *")
                # A NUL would end the C string early: "go\0x" is no name.
                if "\0" not in value and getattr(lib, cls._parser)(value.encode("utf-8"), out) == 0:
                    return cls(out[0])
            for member in cls:
                if value == str(member) or value.upper().replace("-", "_") == member.name:
                    return member
            raise ValueError(
                "%r is not a %s: one of %s" % (value, cls.__name__, ", ".join(str(m) for m in cls))
            )
        raise TypeError("expected a %s, not %s" % (cls.__name__, type(value).__name__))


def _make(name, ctype, prefix, namer=None, doc=None, parser=None):
    """An IntEnum with the members of a C enum type, read from the header;
    NAMER writes a member's library name, PARSER reads one back."""
    elements = ffi.typeof(ctype).relements
    members = sorted(((n[len(prefix) :], v) for n, v in elements.items()), key=lambda m: m[1])
    cls = _Enum(name, members, module=__name__)
    cls._namer = namer
    cls._parser = parser
    cls._ctype = ctype
    cls.__doc__ = doc
    return cls


ErrorCode = _make(
    "ErrorCode",
    "veikart_error_code",
    "VEIKART_",
    "veikart_strerror",
    "Why a call failed (veikart_error_code).",
)
Severity = _make(
    "Severity", "veikart_severity", "VEIKART_SEVERITY_", doc="How serious a diagnostic is."
)
Type = _make(
    "Type",
    "veikart_type",
    "VEIKART_TYPE_",
    "veikart_type_name",
    "The type of a fact or value.",
    parser="veikart_type_from_name",
)
Scope = _make(
    "Scope",
    "veikart_scope",
    "VEIKART_SCOPE_",
    doc="Whether a fact or phase belongs to the initiative or to each unit.",
)
PhaseKind = _make(
    "PhaseKind",
    "veikart_phase_kind",
    "VEIKART_PHASE_",
    "veikart_phase_kind_name",
    "What a phase is for.",
    parser="veikart_phase_kind_from_name",
)
RoleKind = _make(
    "RoleKind", "veikart_role_kind", "VEIKART_ROLE_", doc="A role held by a person or by a body."
)
SpecialMeaning = _make(
    "SpecialMeaning",
    "veikart_special_meaning",
    "VEIKART_SPECIAL_",
    doc="What a special scale code stands for.",
)
Level = _make(
    "Level",
    "veikart_level",
    "VEIKART_LEVEL_",
    "veikart_level_name",
    "How much a criterion weighs in a gate: must, should, info.",
    parser="veikart_level_from_name",
)
Aggregation = _make(
    "Aggregation",
    "veikart_aggregation",
    "VEIKART_AGGREGATION_",
    doc="How a gate combines its criteria.",
)
OutcomeKind = _make(
    "OutcomeKind",
    "veikart_outcome_kind",
    "VEIKART_OUTCOME_",
    "veikart_outcome_kind_name",
    "What a gate decision does.",
    parser="veikart_outcome_kind_from_name",
)
CriterionKind = _make(
    "CriterionKind",
    "veikart_criterion_kind",
    "VEIKART_CRITERION_",
    doc="How a criterion is written.",
)
Truth = _make(
    "Truth",
    "veikart_truth",
    "VEIKART_",
    "veikart_truth_name",
    "Whether a criterion holds: met, unmet or unknown.",
    parser="veikart_truth_from_name",
)
Verdict = _make(
    "Verdict",
    "veikart_verdict",
    "VEIKART_VERDICT_",
    "veikart_verdict_name",
    "A gate report's verdict.",
    parser="veikart_verdict_from_name",
)
Status = _make(
    "Status",
    "veikart_status",
    "VEIKART_STATUS_",
    "veikart_status_name",
    "Where an initiative or unit stands.",
    parser="veikart_status_from_name",
)
EventKind = _make(
    "EventKind",
    "veikart_event_kind",
    "VEIKART_EVENT_",
    "veikart_event_kind_name",
    "What an event records.",
    parser="veikart_event_kind_from_name",
)
DiffChange = _make(
    "DiffChange",
    "veikart_diff_change",
    "VEIKART_DIFF_",
    "veikart_diff_change_name",
    "Added, removed or changed.",
)
DiffWhat = _make(
    "DiffWhat",
    "veikart_diff_what",
    "VEIKART_DIFF_",
    "veikart_diff_what_name",
    "What kind of thing a difference is about.",
)
