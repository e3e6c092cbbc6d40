# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Methodologies and the definitions they hold: phases, gates, criteria...

A Methodology owns the loaded definition.  Every object read from it (a
Phase, a Gate, a Criterion...) keeps the Methodology alive, so they can be
kept as long as they are needed.  Definitions never change once loaded and
may be shared between threads.
"""

import os
from collections.abc import Sequence

from ._native import ffi, lib
from ._util import from_c, position, to_c
from .enums import (
    Aggregation,
    CriterionKind,
    Level,
    OutcomeKind,
    PhaseKind,
    RoleKind,
    Scope,
    SpecialMeaning,
    Type,
)
from .errors import check, take_diagnostics


class Table(Sequence):
    """The phases, gates, roles... of a definition, in document order.

    Indexed by position (`m.phases[0]`) or by id (`m.phases["pilot"]`);
    `"pilot" in m.phases` tests for an id; `get(id)` returns None when
    there is no such id.
    """

    def __init__(self, owner, count, at, by_id, wrap):
        self._owner, self._count, self._at, self._by_id, self._wrap = owner, count, at, by_id, wrap

    def __len__(self):
        return self._count()

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self[i] for i in range(*key.indices(len(self)))]
        if isinstance(key, str):
            found = self.get(key)
            if found is None:
                raise KeyError(key)
            return found
        key = position(key, len(self), "index")
        return self._wrap(self._owner, self._at(key))

    def __contains__(self, key):
        if isinstance(key, str):
            return self.get(key) is not None
        return Sequence.__contains__(self, key)

    def get(self, ident, default=None):
        """The item with this id, or @p default."""
        if self._by_id is not None:
            ptr = self._by_id(to_c(ident, "the id"))
            return default if ptr == ffi.NULL else self._wrap(self._owner, ptr)
        for item in self:
            if item.id == ident:
                return item
        return default

    def ids(self):
        """The ids, in order."""
        return [item.id for item in self]

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self.ids())


class _Definition:
    """Something read from a methodology: a borrowed pointer kept valid by it."""

    __slots__ = ("_method", "_ptr")
    _prefix = None

    def __init__(self, method, ptr):
        self._method = method
        self._ptr = ptr

    @classmethod
    def _wrap(cls, method, ptr):
        return None if ptr == ffi.NULL else cls(method, ptr)

    def _call(self, name, *args):
        return getattr(lib, self._prefix + name)(self._ptr, *args)

    def _text(self, name, lang=None):
        return from_c(self._call(name, to_c(lang, "the language")))

    @property
    def methodology(self):
        """The Methodology this belongs to."""
        return self._method

    @property
    def id(self):
        return from_c(self._call("id"))

    def __eq__(self, other):
        return type(other) is type(self) and other._ptr == self._ptr

    def __hash__(self):
        return hash((type(self), int(ffi.cast("uintptr_t", self._ptr))))

    def __repr__(self):
        return "<%s %r>" % (type(self).__name__, self.id)


class _Titled(_Definition):
    """A definition with a title in each of the methodology's languages."""

    __slots__ = ()

    @property
    def title(self):
        """The title in the document's own language."""
        return self._text("title")

    def title_in(self, lang):
        return self._text("title", lang)


class _Described(_Titled):
    """A definition with a title and a description."""

    __slots__ = ()

    @property
    def description(self):
        return self._text("description")


class Role(_Described):
    """A role people (or bodies) hold in an initiative."""

    __slots__ = ()
    _prefix = "veikart_role_"

    @property
    def kind(self):
        return RoleKind(self._call("kind_of"))

    @property
    def may_override(self):
        """Whether decisions by this role may override a blocked gate."""
        return bool(self._call("may_override"))

    @property
    def assigners(self):
        """The roles whose holders may assign this role to people."""
        return [
            Role._wrap(self._method, self._call("assigner", i))
            for i in range(self._call("assigner_count"))
        ]

    def may_assign(self, role):
        """Whether holders of this role may assign ``role``."""
        if not isinstance(role, Role):
            raise TypeError("may_assign() takes a Role")
        return bool(lib.veikart_role_may_assign(self._ptr, role._ptr))

    @property
    def self_assign(self):
        """Whether someone who may assign this role may assign it to themselves."""
        return bool(self._call("self_assign"))


class Scale(_Titled):
    """An ordinal scale (such as a maturity level) facts can be measured on."""

    __slots__ = ()
    _prefix = "veikart_scale_"

    @property
    def levels(self):
        """The level codes, lowest first."""
        return [from_c(self._call("level_code", i)) for i in range(self._call("level_count"))]

    def level_label(self, index, lang=None):
        return from_c(self._call("level_label", index, to_c(lang, "the language")))

    @property
    def specials(self):
        """The special codes, as (code, SpecialMeaning) pairs."""
        return [
            (
                from_c(self._call("special_code", i)),
                SpecialMeaning(self._call("special_meaning", i)),
            )
            for i in range(self._call("special_count"))
        ]

    def special_label(self, index, lang=None):
        return from_c(self._call("special_label", index, to_c(lang, "the language")))


class Fact(_Described):
    """A fact the methodology declares: what is recorded about an initiative or unit."""

    __slots__ = ()
    _prefix = "veikart_fact_"

    @property
    def type(self):
        return Type(self._call("type"))

    @property
    def scope(self):
        return Scope(self._call("scope"))

    @property
    def unit(self):
        """The unit of measurement ("days", "%"), or None."""
        return from_c(self._call("unit"))

    @property
    def scale(self):
        return Scale._wrap(self._method, self._call("scale"))

    @property
    def role(self):
        """The role that signs this sign-off or approves this evidence, or None."""
        return Role._wrap(self._method, self._call("role"))

    @property
    def recorders(self):
        """The roles that record this fact; empty when anyone with a role may."""
        return [
            Role._wrap(self._method, self._call("recorder", i))
            for i in range(self._call("recorder_count"))
        ]

    def may_record(self, role):
        """Whether holders of ``role`` may set, clear or attach this fact."""
        if not isinstance(role, Role):
            raise TypeError("may_record() takes a Role")
        return bool(self._call("may_record", role._ptr))


class UnitType(_Described):
    """A kind of rollout unit (a site, a district...)."""

    __slots__ = ()
    _prefix = "veikart_unit_type_"

    @property
    def parent(self):
        return UnitType._wrap(self._method, self._call("parent"))


class Step(_Titled):
    """A piece of work inside a phase."""

    __slots__ = ()
    _prefix = "veikart_step_"

    @property
    def role(self):
        return Role._wrap(self._method, self._call("role"))

    @property
    def produces(self):
        """The Fact this step records, or None."""
        return Fact._wrap(self._method, self._call("produces"))

    @property
    def after(self):
        """The Step that must be done first, or None."""
        return Step._wrap(self._method, self._call("after"))


class Phase(_Described):
    """A phase of the methodology."""

    __slots__ = ()
    _prefix = "veikart_phase_"

    @property
    def index(self):
        return self._call("index")

    @property
    def kind(self):
        return PhaseKind(self._call("kind_of"))

    @property
    def scope(self):
        return Scope(self._call("scope"))

    @property
    def optional(self):
        return bool(self._call("is_optional"))

    @property
    def repeatable(self):
        return bool(self._call("is_repeatable"))

    @property
    def terminal(self):
        return bool(self._call("is_terminal"))

    @property
    def max_days(self):
        """Days an initiative may stay before it counts as stalled; 0 for no limit."""
        return self._call("max_days")

    @property
    def skip_if(self):
        """The expression that skips this phase, or None."""
        return from_c(self._call("skip_if"))

    @property
    def steps(self):
        return Table(
            self._method,
            lambda: self._call("step_count"),
            lambda i: self._call("step", i),
            None,
            Step._wrap,
        )

    @property
    def gates(self):
        """The gates that leave this phase."""
        return Table(
            self._method,
            lambda: self._call("gate_count"),
            lambda i: self._call("gate", i),
            None,
            Gate._wrap,
        )


class Criterion(_Definition):
    """One criterion of a gate."""

    __slots__ = ()
    _prefix = "veikart_criterion_"

    @property
    def text(self):
        return self._text("text")

    def text_in(self, lang):
        return self._text("text", lang)

    @property
    def level(self):
        return Level(self._call("level"))

    @property
    def weight(self):
        return self._call("weight")

    @property
    def kind(self):
        return CriterionKind(self._call("kind_of"))

    @property
    def expression(self):
        """The criterion as an expression of the criteria language."""
        return from_c(self._call("expression"))

    @property
    def tags(self):
        return [from_c(self._call("tag", i)) for i in range(self._call("tag_count"))]

    @property
    def facts(self):
        """The Facts the criterion reads."""
        return [
            Fact._wrap(self._method, self._call("fact", i)) for i in range(self._call("fact_count"))
        ]


class Outcome(_Definition):
    """A decision a gate allows: go, hold, recycle to a phase, stop..."""

    __slots__ = ()
    _prefix = "veikart_outcome_"

    @property
    def id(self):
        """Outcomes have no id of their own: the kind's name stands for it."""
        return str(self.kind)

    @property
    def kind(self):
        return OutcomeKind(self._call("kind_of"))

    @property
    def target(self):
        """The Phase the outcome leads to, or None when it stays or ends."""
        return Phase._wrap(self._method, self._call("target"))

    @property
    def label(self):
        return self._text("label")

    def label_in(self, lang):
        return self._text("label", lang)

    def __repr__(self):
        target = self.target
        return "<Outcome %s%s>" % (self.kind, " -> %s" % target.id if target else "")


class Authority:
    """A role that may decide a gate, and the condition under which it may."""

    __slots__ = ("role", "condition")

    def __init__(self, role, condition):
        self.role = role
        self.condition = condition

    def __repr__(self):
        return "<Authority %r%s>" % (
            self.role.id,
            " if %s" % self.condition if self.condition else "",
        )


class Gate(_Described):
    """A decision point between phases, with its criteria and outcomes."""

    __slots__ = ()
    _prefix = "veikart_gate_"

    @property
    def source(self):
        """The Phase the gate leaves."""
        return Phase._wrap(self._method, self._call("from"))

    @property
    def aggregation(self):
        return Aggregation(self._call("aggregation"))

    @property
    def threshold(self):
        return self._call("threshold")

    @property
    def k(self):
        return self._call("k")

    @property
    def every_days(self):
        """For a recurring review, days between reviews; 0 otherwise."""
        return self._call("every_days")

    @property
    def authorities(self):
        return [
            Authority(
                Role._wrap(self._method, self._call("authority_role", i)),
                from_c(self._call("authority_condition", i)),
            )
            for i in range(self._call("authority_count"))
        ]

    @property
    def criteria(self):
        return Table(
            self._method,
            lambda: self._call("criterion_count"),
            lambda i: self._call("criterion", i),
            lambda ident: self._call("criterion_by_id", ident),
            Criterion._wrap,
        )

    @property
    def outcomes(self):
        """The allowed outcomes; `gate.outcomes["recycle"]` finds one by kind."""
        return Table(
            self._method,
            lambda: self._call("outcome_count"),
            lambda i: self._call("outcome", i),
            None,
            Outcome._wrap,
        )


def _load_options(search_path, no_env, no_system, no_builtin, limits, keep):
    opts = ffi.new("veikart_load_options *")
    check(lib.veikart_load_options_init(opts, lib.VEIKART_LOAD_OPTIONS_VERSION))
    if search_path is not None:
        if isinstance(search_path, (str, os.PathLike)):
            search_path = [search_path]
        dirs = [ffi.new("char[]", to_c(d, "a directory of the search path")) for d in search_path]
        array = ffi.new("const char *[]", dirs + [ffi.NULL])
        keep.extend([dirs, array])
        opts.search_path = array
    opts.flags = (
        (lib.VEIKART_LOAD_NO_ENV if no_env else 0)
        | (lib.VEIKART_LOAD_NO_SYSTEM if no_system else 0)
        | (lib.VEIKART_LOAD_NO_BUILTIN if no_builtin else 0)
    )
    for name, value in limits.items():
        if not hasattr(opts, name) or name in ("version", "allocator", "search_path", "flags"):
            raise TypeError("unknown load option %r" % name)
        setattr(opts, name, value)
    return opts


class Methodology:
    """A loaded methodology definition.

    Load one with `Methodology.load(path_or_id)` or
    `Methodology.from_string(xml)`.  It is immutable and may be shared
    between threads and initiatives.  Everything read from it, and every
    initiative walking it, holds a reference to it: it is freed when the
    last of them goes away.

    Options of both loaders, all keyword-only: `search_path` (a folder or a
    list of folders to look for ids in), `no_env`, `no_system`,
    `no_builtin` (skip VEIKART_PATH, the installed share folder, the
    methodologies compiled into the library), and the limits of
    veikart_load_options: `max_input_bytes`, `max_expr_length`,
    `max_expr_depth`, `max_attributes`, `max_extends_depth`.

    A document that is not valid raises FormatError (or LimitError) with
    the location of the first error and every problem in `diagnostics`.
    """

    def __init__(self, ptr, warnings=()):
        # Freed when the last reference to the pointer goes, not in
        # __del__: objects made from the methodology keep the pointer
        # itself alive until they are freed (see freed_with()), which holds
        # even when the interpreter collects them together at exit.
        self._ptr = ffi.gc(ptr, lib.veikart_method_free)
        self.warnings = warnings
        """Diagnostics that did not stop loading (warnings and notes)."""

    @classmethod
    def _load(cls, call, options):
        keep = []
        opts = _load_options(keep=keep, **options)
        out = ffi.new("veikart_method **")
        diags = ffi.new("veikart_diagnostics **")
        rc = call(out, opts, diags)
        found = take_diagnostics(diags)
        check(rc, found)
        return cls(out[0], found)

    @classmethod
    def load(
        cls, ref, *, search_path=None, no_env=False, no_system=False, no_builtin=False, **limits
    ):
        """Load a methodology from a file, or by id.

        `ref` is a path when it contains a '/' or ends in ".xml" (or is an
        os.PathLike), otherwise an id ("ks-veikart", "esset") looked up in
        `search_path`, VEIKART_PATH, the installed share folder and the
        methodologies built into the library.
        """
        options = dict(
            search_path=search_path,
            no_env=no_env,
            no_system=no_system,
            no_builtin=no_builtin,
            limits=limits,
        )
        if isinstance(ref, os.PathLike):
            path = to_c(ref, "the methodology file")
            return cls._load(
                lambda out, opts, diags: lib.veikart_method_load_file(out, path, opts, diags),
                options,
            )
        ref = to_c(ref, "the methodology")
        return cls._load(
            lambda out, opts, diags: lib.veikart_method_load(out, ref, opts, diags), options
        )

    @classmethod
    def from_string(
        cls,
        document,
        name="<string>",
        *,
        search_path=None,
        no_env=False,
        no_system=False,
        no_builtin=False,
        **limits
    ):
        """Load a methodology from XML text (str or bytes).

        `name` is how diagnostics refer to the document.  A variant
        (`extends="..."`) finds its base as load() finds ids.
        """
        data = document.encode("utf-8") if isinstance(document, str) else bytes(document)
        name = to_c(name, "the name")
        options = dict(
            search_path=search_path,
            no_env=no_env,
            no_system=no_system,
            no_builtin=no_builtin,
            limits=limits,
        )
        return cls._load(
            lambda out, opts, diags: lib.veikart_method_load_buffer(
                out, data, len(data), name, opts, diags
            ),
            options,
        )

    @staticmethod
    def builtin():
        """The ids of the methodologies compiled into the library."""
        return [from_c(lib.veikart_builtin_id(i)) for i in range(lib.veikart_builtin_count())]

    def _call(self, name, *args):
        return getattr(lib, "veikart_method_" + name)(self._ptr, *args)

    # ---- what it is -------------------------------------------------------

    @property
    def id(self):
        return from_c(self._call("id"))

    @property
    def version(self):
        return from_c(self._call("version"))

    @property
    def digest(self):
        """SHA-256 over the documents it was built from, in hex."""
        return from_c(self._call("digest"))

    @property
    def extends(self):
        """The id of the methodology this one is a variant of, or None."""
        return from_c(self._call("extends"))

    @property
    def overlays(self):
        """The ids of the overlays applied to it."""
        return [from_c(self._call("overlay", i)) for i in range(self._call("overlay_count"))]

    @property
    def file(self):
        return from_c(self._call("file"))

    @property
    def lang(self):
        """The document's default language, or None."""
        return from_c(self._call("lang"))

    @property
    def languages(self):
        return [from_c(self._call("language", i)) for i in range(self._call("language_count"))]

    @property
    def title(self):
        return from_c(self._call("title", ffi.NULL))

    def title_in(self, lang):
        return from_c(self._call("title", to_c(lang, "the language")))

    @property
    def description(self):
        return from_c(self._call("description", ffi.NULL))

    @property
    def sources(self):
        """The sources it cites, as (href, title) pairs."""
        return [
            (from_c(self._call("source_href", i)), from_c(self._call("source_title", i)))
            for i in range(self._call("source_count"))
        ]

    # ---- what it holds ----------------------------------------------------

    def _table(self, count, at, by_id, wrap):
        ptr = self._ptr
        return Table(
            self, lambda: count(ptr), lambda i: at(ptr, i), lambda ident: by_id(ptr, ident), wrap
        )

    @property
    def phases(self):
        return self._table(
            lib.veikart_method_phase_count,
            lib.veikart_method_phase,
            lib.veikart_method_phase_by_id,
            Phase._wrap,
        )

    @property
    def gates(self):
        return self._table(
            lib.veikart_method_gate_count,
            lib.veikart_method_gate,
            lib.veikart_method_gate_by_id,
            Gate._wrap,
        )

    @property
    def roles(self):
        return self._table(
            lib.veikart_method_role_count,
            lib.veikart_method_role,
            lib.veikart_method_role_by_id,
            Role._wrap,
        )

    @property
    def facts(self):
        return self._table(
            lib.veikart_method_fact_count,
            lib.veikart_method_fact,
            lib.veikart_method_fact_by_id,
            Fact._wrap,
        )

    @property
    def scales(self):
        return self._table(
            lib.veikart_method_scale_count,
            lib.veikart_method_scale,
            lib.veikart_method_scale_by_id,
            Scale._wrap,
        )

    @property
    def unit_types(self):
        return self._table(
            lib.veikart_method_unit_type_count,
            lib.veikart_method_unit_type,
            lib.veikart_method_unit_type_by_id,
            UnitType._wrap,
        )

    @property
    def start(self):
        """The Phase an initiative starts in."""
        return Phase._wrap(self, self._call("start"))

    @property
    def unit_start(self):
        """The Phase a rollout unit starts in, or None without unit phases."""
        return Phase._wrap(self, self._call("unit_start"))

    def _lookup(self, table, thing, what):
        """A definition object from itself or its id; NotFoundError otherwise."""
        if isinstance(thing, _Definition):
            return thing
        found = table.get(thing) if isinstance(thing, str) else None
        if found is None:
            raise _not_found("%s %r is not in methodology %s" % (what, thing, self.id))
        return found

    # ---- the criteria language -------------------------------------------

    def compile(self, source, scope=Scope.INITIATIVE):
        """Compile an expression of the criteria language against this methodology."""
        from .expression import Expression

        return Expression._compile(self, source, Scope.of(scope))

    def __repr__(self):
        return "<Methodology %s %s>" % (self.id, self.version)


def _not_found(message):
    from .errors import NotFoundError
    from .enums import ErrorCode

    return NotFoundError(message, ErrorCode.ENOTFOUND)
