# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""The criteria language on its own: expressions, fact sets and values."""

from collections.abc import MutableMapping
from dataclasses import dataclass

from ._native import ffi, lib
from ._util import fact_value, freed_with, from_c, from_time, id_of, to_c
from .enums import Truth, Type
from .errors import check


@dataclass(frozen=True)
class Value:
    """The result of evaluating an expression.

    `truth` says whether it holds (for a yes/no result; MET or UNMET for
    others when known), `text` is the value in the library's notation (None
    when unknown) and `reason` says why it is unknown or unmet.
    """

    type: Type
    truth: Truth
    text: str
    reason: str

    @property
    def met(self):
        return self.truth == Truth.MET

    @property
    def known(self):
        return self.truth != Truth.UNKNOWN


class Facts(MutableMapping):
    """Values to evaluate expressions with, outside any initiative.

    A mutable mapping from fact id to value text, plus the rollout units
    roll-ups range over and the initiative's phase.  Values may be given
    as str, bool, int, float or date; they are read by the fact's type and
    a value that does not fit raises TypeMismatchError.
    """

    def __init__(self, methodology, values=None):
        self._method = methodology
        out = ffi.new("veikart_facts **")
        check(lib.veikart_facts_new(out, methodology._ptr))
        self._ptr = ffi.gc(out[0], freed_with(lib.veikart_facts_free, methodology._ptr))
        self._ids = []
        if values:
            self.update(values)

    @property
    def methodology(self):
        return self._method

    def __setitem__(self, fact_id, value):
        check(
            lib.veikart_facts_set(
                self._ptr, to_c(fact_id, "the fact id"), to_c(fact_value(value), "the value")
            )
        )
        if fact_id not in self._ids:
            self._ids.append(fact_id)

    def __getitem__(self, fact_id):
        value = from_c(lib.veikart_facts_get(self._ptr, to_c(fact_id, "the fact id")))
        if value is None:
            raise KeyError(fact_id)
        return value

    def __delitem__(self, fact_id):
        if fact_id not in self:
            raise KeyError(fact_id)
        check(lib.veikart_facts_unset(self._ptr, to_c(fact_id, "the fact id")))
        self._ids.remove(fact_id)

    def __iter__(self):
        return iter([i for i in self._ids if i in self])

    def __len__(self):
        return len(list(iter(self)))

    def __contains__(self, fact_id):
        return (
            isinstance(fact_id, str)
            and lib.veikart_facts_get(self._ptr, to_c(fact_id, "the fact id")) != ffi.NULL
        )

    def add_unit(self, unit_id, type=None, wave=0, phase=None):
        """Add a rollout unit that roll-ups (count(), ratio()...) range over."""
        check(
            lib.veikart_facts_add_unit(
                self._ptr,
                to_c(unit_id, "the unit id"),
                to_c(None if type is None else id_of(type, "unit type"), "the unit type"),
                wave,
                to_c(None if phase is None else id_of(phase, "phase"), "the phase"),
            )
        )

    def set_unit(self, unit_id, fact_id, value):
        """Record a unit-scope fact's value for one unit."""
        check(
            lib.veikart_facts_set_unit(
                self._ptr,
                to_c(unit_id, "the unit id"),
                to_c(fact_id, "the fact id"),
                to_c(fact_value(value), "the value"),
            )
        )

    def get_unit(self, unit_id, fact_id):
        """A unit's value of a fact, or None."""
        return from_c(
            lib.veikart_facts_get_unit(
                self._ptr, to_c(unit_id, "the unit id"), to_c(fact_id, "the fact id")
            )
        )

    def set_phase(self, phase):
        """The phase the initiative is in, for expressions that ask."""
        check(lib.veikart_facts_set_phase(self._ptr, to_c(id_of(phase, "phase"), "the phase")))


class Expression:
    """A compiled expression of the criteria language.

    Make one with Methodology.compile(); it can be evaluated any number of
    times, from any thread.
    """

    def __init__(self, methodology, ptr):
        self._method = methodology
        self._ptr = ffi.gc(ptr, freed_with(lib.veikart_expr_free, methodology._ptr))

    @classmethod
    def _compile(cls, methodology, source, scope):
        out = ffi.new("veikart_expr **")
        check(
            lib.veikart_expr_compile_in(
                out, methodology._ptr, to_c(source, "the expression"), scope
            )
        )
        return cls(methodology, out[0])

    @property
    def text(self):
        """The expression in canonical form."""
        return from_c(lib.veikart_expr_text(self._ptr))

    @property
    def type(self):
        return Type(lib.veikart_expr_type(self._ptr))

    def evaluate(self, facts=None, *, now=None, phase_entered=None, unit=None):
        """Evaluate with `facts` (a Facts, a dict of fact values, or None).

        `now` and `phase_entered` (datetime, date or epoch seconds) set the
        moment of evaluation for expressions about elapsed time; `unit`
        names the unit at hand for an expression of unit scope.
        """
        if facts is not None and not isinstance(facts, Facts):
            facts = Facts(self._method, facts)
        opts = ffi.new("veikart_eval_options *")
        check(lib.veikart_eval_options_init(opts, lib.VEIKART_EVAL_OPTIONS_VERSION))
        if now is not None:
            opts.now = from_time(now)
        if phase_entered is not None:
            opts.phase_entered = from_time(phase_entered)
        unit_c = ffi.NULL if unit is None else ffi.new("char[]", to_c(unit, "the unit"))
        opts.unit = unit_c  # unit_c lives until the call returns
        out = ffi.new("veikart_value **")
        check(
            lib.veikart_expr_evaluate(
                out, self._ptr, ffi.NULL if facts is None else facts._ptr, opts
            )
        )
        value = out[0]
        try:
            return Value(
                Type(lib.veikart_value_type(value)),
                Truth(lib.veikart_value_truth(value)),
                from_c(lib.veikart_value_text(value)),
                from_c(lib.veikart_value_reason(value)),
            )
        finally:
            lib.veikart_value_free(value)

    def __repr__(self):
        return "<Expression %r>" % self.text
