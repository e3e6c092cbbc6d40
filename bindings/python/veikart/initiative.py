# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Initiatives walking a methodology: facts, steps, gates, decisions, units.

Every change is made by an actor (a person's name) who must hold a role,
and produces events.  A commit hook sees the events first and may refuse
them; a journal keeps them.  Reports, decisions and events are returned as
plain values that stay valid whatever happens to the initiative later.
"""

import time as _time
from dataclasses import dataclass

from ._native import ffi, lib
from ._util import fact_value, from_c, from_time, id_of, position, take_string, to_c, to_time
from .enums import ErrorCode, OutcomeKind, Status, Truth, Verdict
from .errors import Veto, check
from .expression import Facts
from .journal import Event, parsed_event
from .methodology import Criterion, Gate, Outcome, Phase, Role

# ---- values ---------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """How one criterion of a gate stands."""

    criterion: Criterion
    truth: Truth
    reason: str

    @property
    def met(self):
        return self.truth == Truth.MET


@dataclass(frozen=True)
class Report:
    """A gate evaluated: its verdict, score, recommended outcome and each criterion."""

    gate: Gate
    time: object
    verdict: Verdict
    score: float
    recommended: Outcome
    summary: str
    results: tuple

    @property
    def ready(self):
        return self.verdict == Verdict.READY

    def __iter__(self):
        return iter(self.results)

    def __len__(self):
        return len(self.results)

    def text(self, lang=None):
        """The report as lines of text, criteria in `lang` (None: the methodology's own)."""
        lines = [
            "%s: %s (score %.2f)%s"
            % (
                self.gate.id,
                self.verdict,
                self.score,
                " - %s" % self.summary if self.summary else "",
            )
        ]
        for r in self.results:
            mark = {Truth.MET: "+", Truth.UNMET: "-", Truth.UNKNOWN: "?"}[r.truth]
            lines.append(
                "  %s [%s] %s%s"
                % (
                    mark,
                    r.criterion.level,
                    r.criterion.text_in(lang) or r.criterion.id,
                    " (%s)" % r.reason if r.reason and not r.met else "",
                )
            )
        return "\n".join(lines)

    def __str__(self):
        return self.text()


def _read_report(method, report):
    results = tuple(
        CriterionResult(
            Criterion._wrap(method, lib.veikart_report_criterion(report, i)),
            Truth(lib.veikart_report_truth(report, i)),
            from_c(lib.veikart_report_reason(report, i)),
        )
        for i in range(lib.veikart_report_count(report))
    )
    return Report(
        Gate._wrap(method, lib.veikart_report_gate(report)),
        to_time(lib.veikart_report_time(report)),
        Verdict(lib.veikart_report_verdict(report)),
        lib.veikart_report_score(report),
        Outcome._wrap(method, lib.veikart_report_recommended(report)),
        from_c(lib.veikart_report_summary(report)),
        results,
    )


def _take_report(method, out):
    try:
        return _read_report(method, out[0])
    finally:
        lib.veikart_report_free(out[0])


@dataclass(frozen=True)
class Condition:
    """A condition of a conditional go: what, by when, and when it was met (or None)."""

    text: str
    due: str
    met: object


@dataclass(frozen=True)
class Decision:
    """A gate decision, as recorded."""

    seq: int
    time: object
    actor: str
    authority: Role
    gate: Gate
    outcome: Outcome
    target: Phase
    rationale: str
    override: bool
    report: Report
    conditions: tuple
    unit: str

    @classmethod
    def _from_c(cls, method, d):
        report = lib.veikart_decision_report(d)
        unit = lib.veikart_decision_unit(d)
        return cls(
            lib.veikart_decision_seq(d),
            to_time(lib.veikart_decision_time(d)),
            from_c(lib.veikart_decision_actor(d)),
            Role._wrap(method, lib.veikart_decision_authority(d)),
            Gate._wrap(method, lib.veikart_decision_gate(d)),
            Outcome._wrap(method, lib.veikart_decision_outcome(d)),
            Phase._wrap(method, lib.veikart_decision_target(d)),
            from_c(lib.veikart_decision_rationale(d)),
            bool(lib.veikart_decision_is_override(d)),
            None if report == ffi.NULL else _read_report(method, report),
            tuple(
                Condition(
                    from_c(lib.veikart_decision_condition_text(d, i)),
                    from_c(lib.veikart_decision_condition_due(d, i)),
                    to_time(lib.veikart_decision_condition_met(d, i)),
                )
                for i in range(lib.veikart_decision_condition_count(d))
            ),
            None if unit == ffi.NULL else from_c(lib.veikart_unit_id(unit)),
        )


@dataclass(frozen=True)
class Visit:
    """A stay in a phase: when it began and when it ended (None while it lasts)."""

    phase: Phase
    entered: object
    left: object


@dataclass(frozen=True)
class Assignment:
    """A person holding a role, for the whole initiative or one unit (its id)."""

    person: str
    role: Role
    unit: str


# ---- hooks ----------------------------------------------------------------


def _message(text):
    """A message for the library's error record, from the host's text: a NUL
    would end it early, so it is shown as \\0."""
    return text.replace("\0", "\\0").encode("utf-8", "replace")


class _Hooks:
    """What the C callbacks reach through their payload.

    Kept apart from the Initiative so that the handle given to C does not
    make a reference cycle through it.
    """

    def __init__(self, on_commit, clock, journal):
        self.on_commit = on_commit
        self.clock = clock
        self.journal = journal
        self.pending = None  # an exception raised by a callback, to raise after the call

    def commit(self, events, count):
        if self.pending is not None:
            return lib.veikart_error_set(
                ErrorCode.EUSER, b"abandoned: the clock raised an exception"
            )
        if self.on_commit is not None:
            try:
                accepted = self.on_commit([Event._from_c(events[i]) for i in range(count)])
            except Veto as e:
                return lib.veikart_error_set(
                    ErrorCode.EUSER, _message(str(e) or "vetoed by the commit hook")
                )
            except BaseException as e:  # re-raised by _Hooks.call once C returns
                self.pending = e
                return lib.veikart_error_set(
                    ErrorCode.EUSER, _message("the commit hook raised %s" % type(e).__name__)
                )
            if accepted is False:
                return lib.veikart_error_set(ErrorCode.EUSER, b"vetoed by the commit hook")
        if self.journal is not None:
            if self.journal.closed:
                return lib.veikart_error_set(
                    ErrorCode.ESTATE, b"the initiative's journal is closed"
                )
            return lib.veikart_journal_commit(events, count, self.journal._ptr)
        return 0

    def now(self):
        try:
            return from_time(self.clock())
        except BaseException as e:
            # The library cannot fail on a clock; any change made with this
            # time is refused by commit() above, and the exception raised.
            self.pending = e
            return int(_time.time())

    def call(self, rc):
        """Raise what a callback raised during the call, else check its code."""
        if self.pending is not None:
            e, self.pending = self.pending, None
            raise e
        return check(rc)


@ffi.def_extern()
def _veikart_commit(events, count, payload):
    return ffi.from_handle(payload).commit(events, count)


@ffi.def_extern()
def _veikart_clock(payload):
    return ffi.from_handle(payload).now()


def _options(hooks, handle, max_text_bytes, clock_simulated=False, max_clock_skew=0):
    opts = ffi.new("veikart_initiative_options *")
    check(lib.veikart_initiative_options_init(opts, lib.VEIKART_INITIATIVE_OPTIONS_VERSION))
    opts.max_text_bytes = max_text_bytes
    opts.flags = lib.VEIKART_INITIATIVE_SIMULATED_CLOCK if clock_simulated else 0
    opts.max_clock_skew = max_clock_skew
    opts.commit = lib._veikart_commit
    opts.commit_payload = handle
    if hooks.clock is not None:
        opts.clock = lib._veikart_clock
        opts.clock_payload = handle
    return opts


# ---- initiatives ----------------------------------------------------------


class Initiative:
    """One initiative walking a methodology.

    Make one with create(), restore() (from a snapshot), replay() (from a
    journal) or open() + apply() (from events kept elsewhere).  Keyword
    options of all four:

    - `on_commit`: a callable given the list of Event of each change before
      it is applied.  Returning False, or raising Veto("why"), refuses the
      change: the call raises VetoedError and nothing changes.  Any other
      exception also refuses it and is raised from the call.
    - `clock`: a callable returning the time now (an aware datetime, or
      seconds since the epoch), for tests, simulations and hosts with a
      clock of their own.  A change dated more than `max_clock_skew`
      seconds (0: five minutes) ahead of the system's real-time clock is
      refused with StateError, unless `clock_simulated=True` says the
      clock is simulated (tests, demonstrations, what-if tools): one event
      dated in the future would refuse every change until then.
    - `journal`: a Journal every accepted change is appended to (after
      `on_commit` accepts it).
    - `max_text_bytes`: longest text accepted in a value (0: 64 KiB).

    The initiative keeps its methodology and journal alive.  Use it in a
    `with` block, or call close(), to free it at a known point; an
    initiative belongs to one thread at a time.
    """

    def __init__(self, methodology, hooks, handle, ptr):
        self._method = methodology
        self._hooks = hooks
        self._handle_ref = handle
        self._ptr = ptr

    @classmethod
    def _make(cls, methodology, build, on_commit, clock, journal, max_text_bytes, clock_opts):
        hooks = _Hooks(on_commit, clock, journal)
        handle = ffi.new_handle(hooks)
        opts = _options(hooks, handle, max_text_bytes, **clock_opts)
        out = ffi.new("veikart_initiative **")
        try:
            hooks.call(build(out, opts))
        except BaseException:
            lib.veikart_initiative_free(out[0])
            raise
        return cls(methodology, hooks, handle, out[0])

    @classmethod
    def create(
        cls,
        methodology,
        id,
        title,
        *,
        actor,
        on_commit=None,
        clock=None,
        journal=None,
        max_text_bytes=0,
        clock_simulated=False,
        max_clock_skew=0
    ):
        """Create an initiative in the methodology's start phase, created by `actor`."""
        return cls._make(
            methodology,
            lambda out, opts: lib.veikart_initiative_create(
                out,
                methodology._ptr,
                to_c(id, "the initiative id"),
                to_c(title, "the title"),
                to_c(actor, "the actor"),
                opts,
            ),
            on_commit,
            clock,
            journal,
            max_text_bytes,
            dict(clock_simulated=clock_simulated, max_clock_skew=max_clock_skew),
        )

    @classmethod
    def open(
        cls,
        methodology,
        *,
        on_commit=None,
        clock=None,
        journal=None,
        max_text_bytes=0,
        clock_simulated=False,
        max_clock_skew=0
    ):
        """An empty initiative to apply() recorded events to."""
        return cls._make(
            methodology,
            lambda out, opts: lib.veikart_initiative_open(out, methodology._ptr, opts),
            on_commit,
            clock,
            journal,
            max_text_bytes,
            dict(clock_simulated=clock_simulated, max_clock_skew=max_clock_skew),
        )

    @classmethod
    def replay(
        cls,
        methodology,
        journal,
        *,
        on_commit=None,
        clock=None,
        max_text_bytes=0,
        clock_simulated=False,
        max_clock_skew=0
    ):
        """Rebuild an initiative from its journal; later changes go to the same journal."""
        return cls._make(
            methodology,
            lambda out, opts: lib.veikart_initiative_replay(
                out, methodology._ptr, journal._handle(), opts
            ),
            on_commit,
            clock,
            journal,
            max_text_bytes,
            dict(clock_simulated=clock_simulated, max_clock_skew=max_clock_skew),
        )

    @classmethod
    def restore(
        cls,
        methodology,
        snapshot,
        *,
        on_commit=None,
        clock=None,
        journal=None,
        max_text_bytes=0,
        clock_simulated=False,
        max_clock_skew=0
    ):
        """Rebuild an initiative from a snapshot() (str or bytes)."""
        data = snapshot.encode("utf-8") if isinstance(snapshot, str) else bytes(snapshot)
        return cls._make(
            methodology,
            lambda out, opts: lib.veikart_initiative_restore(
                out, methodology._ptr, data, len(data), opts
            ),
            on_commit,
            clock,
            journal,
            max_text_bytes,
            dict(clock_simulated=clock_simulated, max_clock_skew=max_clock_skew),
        )

    # ---- lifetime ---------------------------------------------------------

    def _h(self):
        if self._ptr is None:
            raise ValueError("the initiative is closed")
        return self._ptr

    def close(self):
        """Free the initiative now.  Safe to call again."""
        if getattr(self, "_ptr", None) is not None:
            lib.veikart_initiative_free(self._ptr)
            self._ptr = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _do(self, name, *args):
        """Call a changing function and raise what it (or a hook) failed with."""
        return self._hooks.call(getattr(lib, "veikart_initiative_" + name)(self._h(), *args))

    def _get(self, name, *args):
        result = getattr(lib, "veikart_initiative_" + name)(self._h(), *args)
        self._hooks.call(0)  # a clock that raised while reading
        return result

    # ---- what it is -------------------------------------------------------

    @property
    def methodology(self):
        return self._method

    @property
    def journal(self):
        """The Journal changes are appended to, or None."""
        return self._hooks.journal

    @property
    def id(self):
        return from_c(self._get("id"))

    @property
    def title(self):
        return from_c(self._get("title"))

    @property
    def creator(self):
        return from_c(self._get("creator"))

    @property
    def phase(self):
        return Phase._wrap(self._method, self._get("phase"))

    @property
    def phase_entered(self):
        return to_time(self._get("phase_entered"))

    @property
    def days_in_phase(self):
        return self._get("days_in_phase")

    @property
    def stalled(self):
        """Whether it has stayed in its phase longer than the phase allows."""
        return bool(self._get("is_stalled"))

    def review_due(self, gate):
        """When the recurring review `gate` is next due, or None."""
        return to_time(self._get("review_due", self._gate(gate)._ptr))

    @property
    def status(self):
        return Status(self._get("status"))

    @property
    def seq(self):
        """The sequence number of its last event."""
        return self._get("seq")

    @property
    def head(self):
        """The hash of its last event."""
        return from_c(self._get("head"))

    @property
    def now(self):
        """The time by its clock."""
        return to_time(self._get("now"))

    def _gate(self, gate):
        return self._method._lookup(self._method.gates, gate, "gate")

    # ---- people -----------------------------------------------------------

    def assign(self, person, role, *, actor):
        """Give `person` a role (a Role or its id)."""
        self._do(
            "assign",
            to_c(actor, "the actor"),
            to_c(person, "the person"),
            to_c(id_of(role, "role"), "the role"),
        )

    def unassign(self, person, role, *, actor):
        self._do(
            "unassign",
            to_c(actor, "the actor"),
            to_c(person, "the person"),
            to_c(id_of(role, "role"), "the role"),
        )

    @property
    def assignments(self):
        """Who holds which role, for the initiative or for one unit."""
        found = []
        for i in range(self._get("assignment_count")):
            unit = lib.veikart_initiative_assignment_unit(self._ptr, i)
            found.append(
                Assignment(
                    from_c(lib.veikart_initiative_assignment_person(self._ptr, i)),
                    Role._wrap(self._method, lib.veikart_initiative_assignment_role(self._ptr, i)),
                    None if unit == ffi.NULL else from_c(lib.veikart_unit_id(unit)),
                )
            )
        return found

    def holds(self, person, role):
        return bool(
            self._get("holds", to_c(person, "the person"), to_c(id_of(role, "role"), "the role"))
        )

    @property
    def creator_may_assign(self):
        """Whether the creator may still assign any role, themselves included.

        The right ends for good once every role that may assign is held;
        from then on nobody assigns a role to themselves unless the role
        says ``self-assign``.
        """
        return bool(self._get("creator_may_assign"))

    # ---- facts ------------------------------------------------------------

    def set(self, fact, value, *, actor):
        """Record a fact's value (str, bool, int, float or date)."""
        self._do(
            "set",
            to_c(actor, "the actor"),
            to_c(id_of(fact, "fact"), "the fact"),
            to_c(fact_value(value), "the value"),
        )

    def set_many(self, values, *, actor):
        """Record several facts at once: all or none, in one commit."""
        ids, texts, keep = _fact_arrays(values)
        self._do("set_many", to_c(actor, "the actor"), len(keep and keep[0]), ids, texts)

    def clear(self, fact, *, actor):
        self._do("clear", to_c(actor, "the actor"), to_c(id_of(fact, "fact"), "the fact"))

    def attach(self, fact, uri, sha256=None, *, actor):
        """Attach a document to an evidence fact, with its SHA-256 when known."""
        self._do(
            "attach",
            to_c(actor, "the actor"),
            to_c(id_of(fact, "fact"), "the fact"),
            to_c(uri, "the document address"),
            to_c(sha256, "the SHA-256 digest"),
        )

    def approve(self, fact, *, actor):
        self._do("approve", to_c(actor, "the actor"), to_c(id_of(fact, "fact"), "the fact"))

    def sign(self, fact, *, actor):
        self._do("sign", to_c(actor, "the actor"), to_c(id_of(fact, "fact"), "the fact"))

    def fact(self, fact):
        """A fact's value as text, or None when not recorded."""
        return from_c(self._get("fact", to_c(id_of(fact, "fact"), "the fact")))

    def fact_actor(self, fact):
        return from_c(self._get("fact_actor", to_c(id_of(fact, "fact"), "the fact")))

    def fact_time(self, fact):
        return to_time(self._get("fact_time", to_c(id_of(fact, "fact"), "the fact")))

    @property
    def facts(self):
        """The recorded facts of the initiative, as a dict of id to value text."""
        found = {}
        for f in self._method.facts:
            value = self.fact(f.id)
            if value is not None:
                found[f.id] = value
        return found

    # ---- steps ------------------------------------------------------------

    def step(self, phase, step, *, actor):
        """Mark a step of a phase done."""
        self._do(
            "step",
            to_c(actor, "the actor"),
            to_c(id_of(phase, "phase"), "the phase"),
            to_c(id_of(step, "step"), "the step"),
        )

    def step_done(self, phase, step):
        return bool(
            self._get(
                "step_done",
                to_c(id_of(phase, "phase"), "the phase"),
                to_c(id_of(step, "step"), "the step"),
            )
        )

    # ---- gates and decisions -----------------------------------------------

    def evaluate(self, gate=None):
        """A Report on `gate` now; None for the gate leaving the current phase."""
        out = ffi.new("veikart_report **")
        self._hooks.call(
            lib.veikart_initiative_evaluate(
                out, self._h(), ffi.NULL if gate is None else self._gate(gate)._ptr
            )
        )
        return _take_report(self._method, out)

    def what_if(self, gate, facts):
        """The Report `gate` would give with the facts changed as given (a dict or Facts)."""
        if not isinstance(facts, Facts):
            facts = Facts(self._method, facts)
        out = ffi.new("veikart_report **")
        self._hooks.call(
            lib.veikart_initiative_what_if(
                out, self._h(), ffi.NULL if gate is None else self._gate(gate)._ptr, facts._ptr
            )
        )
        return _take_report(self._method, out)

    def authority(self, gate):
        """The Role that decides `gate` for this initiative now."""
        return Role._wrap(self._method, self._get("authority", self._gate(gate)._ptr))

    def decide(
        self,
        outcome,
        *,
        actor,
        rationale,
        gate=None,
        to=None,
        override=False,
        conditions=(),
        unit=None
    ):
        """Decide a gate: `outcome` is an OutcomeKind or its name ("go", "recycle"...).

        `gate` defaults to the gate leaving the current phase; `to` names the
        target phase when the gate has several outcomes of that kind;
        `conditions` lists (text, due "YYYY-MM-DD") pairs of a conditional
        go; `override` goes on past a gate that is not ready (needs a role
        that may override); `unit` decides a rollout unit's gate.
        """
        return _decide(
            self,
            None if unit is None else id_of(unit, "unit"),
            outcome,
            actor,
            rationale,
            gate,
            to,
            override,
            conditions,
        )

    def meet_condition(self, decision_seq, index, *, actor):
        """Record that condition `index` of the decision with that seq is met."""
        self._do("meet_condition", to_c(actor, "the actor"), decision_seq, index)

    @property
    def decisions(self):
        return [
            Decision._from_c(self._method, lib.veikart_initiative_decision(self._ptr, i))
            for i in range(self._get("decision_count"))
        ]

    @property
    def visits(self):
        """Every stay in a phase, oldest first."""
        return [
            Visit(
                Phase._wrap(self._method, lib.veikart_initiative_visit_phase(self._ptr, i)),
                to_time(lib.veikart_initiative_visit_entered(self._ptr, i)),
                to_time(lib.veikart_initiative_visit_left(self._ptr, i)),
            )
            for i in range(self._get("visit_count"))
        ]

    # ---- units ------------------------------------------------------------

    def add_unit(self, id, *, actor, title=None, type=None, parent=None, wave=0, order=0):
        """Add a rollout unit (a site, a district...); returns its Unit."""
        keep = [
            ffi.new("char[]", to_c(t, what)) if t is not None else ffi.NULL
            for t, what in (
                (id, "the unit id"),
                (title, "the unit title"),
                (None if type is None else id_of(type, "unit type"), "the unit type"),
                (None if parent is None else id_of(parent, "unit"), "the parent unit"),
            )
        ]
        spec = ffi.new("veikart_unit_spec *")
        check(lib.veikart_unit_spec_init(spec, lib.VEIKART_UNIT_SPEC_VERSION))
        spec.id, spec.title, spec.type, spec.parent = keep
        spec.wave = wave
        spec.order = order
        self._hooks.call(lib.veikart_initiative_add_unit(self._h(), to_c(actor, "the actor"), spec))
        return Unit(self, id)

    @property
    def units(self):
        """The rollout units, in the order added; `units["site-1"]` finds one by id."""
        return _Units(self)

    # ---- events -----------------------------------------------------------

    def apply(self, event):
        """Apply a recorded Event (or its record text), as when it was first recorded."""
        with parsed_event(event) as c_event:
            self._do("apply", c_event)

    # ---- writing it out -----------------------------------------------------

    def snapshot(self):
        """The initiative's state as XML text, for restore()."""
        out, length = ffi.new("char **"), ffi.new("size_t *")
        check(lib.veikart_initiative_snapshot(out, length, self._h()))
        return take_string(out, length)

    def export(self, format="markdown", lang=None):
        """A report for people: "markdown" or "html" (one self-contained page)."""
        formats = {"markdown": lib.VEIKART_EXPORT_MARKDOWN, "html": lib.VEIKART_EXPORT_HTML}
        if format not in formats:
            raise ValueError("format must be 'markdown' or 'html', not %r" % (format,))
        out, length = ffi.new("char **"), ffi.new("size_t *")
        self._hooks.call(
            lib.veikart_initiative_export(
                out, length, self._h(), formats[format], to_c(lang, "the language")
            )
        )
        return take_string(out, length)

    def __repr__(self):
        if self._ptr is None:
            return "<Initiative (closed)>"
        phase = self.phase
        return "<Initiative %r in %s, %s>" % (self.id, phase.id if phase else None, self.status)


def _fact_arrays(values):
    """Fact ids and values as two C arrays of strings.

    Returns the arrays and the strings they point to: the caller keeps the
    third item alive for as long as the arrays are in use.
    """
    items = list(values.items())
    if not items:
        return ffi.NULL, ffi.NULL, ()
    ids = [ffi.new("char[]", to_c(id_of(k, "fact"), "the fact")) for k, _ in items]
    texts = [
        ffi.new("char[]", to_c(fact_value(v), "the value of %s" % id_of(k, "fact")))
        for k, v in items
    ]
    return ffi.new("const char *[]", ids), ffi.new("const char *[]", texts), (ids, texts)


def _decide(initiative, unit, outcome, actor, rationale, gate, to, override, conditions):
    keep = []

    def c(text, what):
        if text is None:
            return ffi.NULL
        s = ffi.new("char[]", to_c(text, what))
        keep.append(s)
        return s

    conds = ffi.new("veikart_condition[]", max(len(conditions), 1))
    for i, (text, due) in enumerate(conditions):
        conds[i].text = c(text, "the text of condition %d" % (i + 1))
        conds[i].due = c(
            due if isinstance(due, str) else due.isoformat(),
            "the due date of condition %d" % (i + 1),
        )
    request = ffi.new("veikart_decision_request *")
    check(lib.veikart_decision_request_init(request, lib.VEIKART_DECISION_REQUEST_VERSION))
    request.actor = c(actor, "the actor")
    request.gate = ffi.NULL if gate is None else c(id_of(gate, "gate"), "the gate")
    request.outcome = OutcomeKind.of(outcome)
    request.to = ffi.NULL if to is None else c(id_of(to, "phase"), "the target phase")
    request.rationale = c(rationale, "the rationale")
    request.override = 1 if override else 0
    request.conditions = conds if conditions else ffi.NULL
    request.condition_count = len(conditions)
    request.unit = c(unit, "the unit")
    initiative._do("decide", request)
    decisions = initiative.decisions if unit is None else Unit(initiative, unit).decisions
    return decisions[-1]


class _Units:
    """The units of an initiative: a sequence, also indexed by id."""

    def __init__(self, initiative):
        self._in = initiative

    def __len__(self):
        return lib.veikart_initiative_unit_count(self._in._h())

    def __getitem__(self, key):
        if isinstance(key, str):
            found = lib.veikart_initiative_unit_by_id(self._in._h(), to_c(key, "the unit id"))
            if found == ffi.NULL:
                raise KeyError(key)
            return Unit(self._in, key)
        key = position(key, len(self), "unit")
        return Unit(
            self._in, from_c(lib.veikart_unit_id(lib.veikart_initiative_unit(self._in._ptr, key)))
        )

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __contains__(self, key):
        found = lib.veikart_initiative_unit_by_id(self._in._h(), to_c(key, "the unit id"))
        return found != ffi.NULL

    def ids(self):
        return [u.id for u in self]

    def in_rollout_order(self):
        """The units by wave, then order, then as added (no wave or order last)."""
        n = len(self)
        out = ffi.new("const veikart_unit *[]", max(n, 1))
        check(lib.veikart_initiative_rollout_order(self._in._h(), out, n))
        return [Unit(self._in, from_c(lib.veikart_unit_id(out[i]))) for i in range(n)]

    def __repr__(self):
        return "<Units %s>" % self.ids()


class Unit:
    """A rollout unit of an initiative (a site, a district...).

    A live view: it reads the initiative each time, so it always shows the
    unit's current state.  Changes take an actor, as on the initiative.
    """

    def __init__(self, initiative, unit_id):
        self._in = initiative
        self._id = unit_id
        self._key = to_c(unit_id, "the unit id")

    def _p(self):
        ptr = lib.veikart_initiative_unit_by_id(self._in._h(), self._key)
        if ptr == ffi.NULL:
            raise KeyError(self._id)
        return ptr

    def _get(self, name, *args):
        result = getattr(lib, "veikart_unit_" + name)(self._p(), *args)
        self._in._hooks.call(0)
        return result

    def _do(self, function, actor, *args):
        """Call a veikart_initiative_unit_* function that changes the unit."""
        return self._in._hooks.call(
            function(self._in._h(), to_c(actor, "the actor"), self._key, *args)
        )

    @property
    def initiative(self):
        return self._in

    @property
    def id(self):
        return self._id

    @property
    def title(self):
        return from_c(self._get("title"))

    @property
    def type(self):
        """The id of its unit type, or None."""
        return from_c(self._get("type_of"))

    @property
    def parent(self):
        parent = self._get("parent")
        return None if parent == ffi.NULL else Unit(self._in, from_c(lib.veikart_unit_id(parent)))

    @property
    def wave(self):
        return self._get("wave")

    @property
    def order(self):
        return self._get("order")

    @property
    def seq(self):
        """The sequence number of the event that added it."""
        return self._get("seq")

    @property
    def phase(self):
        return Phase._wrap(self._in._method, self._get("phase"))

    @property
    def phase_entered(self):
        return to_time(self._get("phase_entered"))

    @property
    def days_in_phase(self):
        return self._get("days_in_phase")

    @property
    def stalled(self):
        return bool(self._get("is_stalled"))

    @property
    def status(self):
        return Status(self._get("status"))

    def review_due(self, gate):
        return to_time(self._get("review_due", self._in._gate(gate)._ptr))

    def authority(self, gate):
        return Role._wrap(self._in._method, self._get("authority", self._in._gate(gate)._ptr))

    def holds(self, person, role):
        return bool(
            self._get("holds", to_c(person, "the person"), to_c(id_of(role, "role"), "the role"))
        )

    def fact(self, fact):
        return from_c(self._get("fact", to_c(id_of(fact, "fact"), "the fact")))

    def fact_actor(self, fact):
        return from_c(self._get("fact_actor", to_c(id_of(fact, "fact"), "the fact")))

    def fact_time(self, fact):
        return to_time(self._get("fact_time", to_c(id_of(fact, "fact"), "the fact")))

    def step_done(self, phase, step):
        return bool(
            self._get(
                "step_done",
                to_c(id_of(phase, "phase"), "the phase"),
                to_c(id_of(step, "step"), "the step"),
            )
        )

    @property
    def decisions(self):
        ptr = self._p()
        return [
            Decision._from_c(self._in._method, lib.veikart_unit_decision(ptr, i))
            for i in range(lib.veikart_unit_decision_count(ptr))
        ]

    @property
    def visits(self):
        ptr = self._p()
        method = self._in._method
        return [
            Visit(
                Phase._wrap(method, lib.veikart_unit_visit_phase(ptr, i)),
                to_time(lib.veikart_unit_visit_entered(ptr, i)),
                to_time(lib.veikart_unit_visit_left(ptr, i)),
            )
            for i in range(lib.veikart_unit_visit_count(ptr))
        ]

    def set(self, fact, value, *, actor):
        self.set_many({fact: value}, actor=actor)

    def set_many(self, values, *, actor):
        ids, texts, keep = _fact_arrays(values)
        self._do(lib.veikart_initiative_unit_set, actor, len(keep and keep[0]), ids, texts)

    def clear(self, fact, *, actor):
        self._do(lib.veikart_initiative_unit_clear, actor, to_c(id_of(fact, "fact"), "the fact"))

    def attach(self, fact, uri, sha256=None, *, actor):
        self._do(
            lib.veikart_initiative_unit_attach,
            actor,
            to_c(id_of(fact, "fact"), "the fact"),
            to_c(uri, "the document address"),
            to_c(sha256, "the SHA-256 digest"),
        )

    def approve(self, fact, *, actor):
        self._do(lib.veikart_initiative_unit_approve, actor, to_c(id_of(fact, "fact"), "the fact"))

    def sign(self, fact, *, actor):
        self._do(lib.veikart_initiative_unit_sign, actor, to_c(id_of(fact, "fact"), "the fact"))

    def step(self, phase, step, *, actor):
        self._do(
            lib.veikart_initiative_unit_step,
            actor,
            to_c(id_of(phase, "phase"), "the phase"),
            to_c(id_of(step, "step"), "the step"),
        )

    def assign(self, person, role, *, actor):
        self._do(
            lib.veikart_initiative_unit_assign,
            actor,
            to_c(person, "the person"),
            to_c(id_of(role, "role"), "the role"),
        )

    def unassign(self, person, role, *, actor):
        self._do(
            lib.veikart_initiative_unit_unassign,
            actor,
            to_c(person, "the person"),
            to_c(id_of(role, "role"), "the role"),
        )

    def evaluate(self, gate=None):
        """A Report on the unit's gate (None: the one leaving its current phase)."""
        out = ffi.new("veikart_report **")
        self._in._hooks.call(
            lib.veikart_initiative_unit_evaluate(
                out,
                self._in._h(),
                self._key,
                ffi.NULL if gate is None else self._in._gate(gate)._ptr,
            )
        )
        return _take_report(self._in._method, out)

    def decide(
        self, outcome, *, actor, rationale, gate=None, to=None, override=False, conditions=()
    ):
        """Decide the unit's gate, as Initiative.decide()."""
        return _decide(
            self._in, self._id, outcome, actor, rationale, gate, to, override, conditions
        )

    def __eq__(self, other):
        return isinstance(other, Unit) and other._in is self._in and other._id == self._id

    def __hash__(self):
        return hash((id(self._in), self._id))

    def __repr__(self):
        phase = self.phase
        return "<Unit %r in %s>" % (self._id, phase.id if phase else None)
