# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Events and the journal: the hash-chained record of an initiative."""

import os
from dataclasses import dataclass

from ._native import ffi, lib
from ._util import from_c, position, to_c, to_time
from .enums import EventKind
from .errors import check


@dataclass(frozen=True)
class Event:
    """One recorded change: who did what, when, chained to the event before.

    `fields` holds what the event records (fact, value, gate, outcome...)
    in the order written; `record` is the event's exact text in a journal,
    which Event.parse() and Initiative.apply() read back.
    """

    seq: int
    time: object
    actor: str
    kind: EventKind
    fields: dict
    hash: str
    prev: str
    record: str
    decision: object = None
    """For a `decide` event, the DecisionRecord it holds; else None."""
    key_id: object = None
    """The id of the key that signed it; None when it is not signed."""
    signature: object = None
    """Its signature in Base64; None when it is not signed."""

    @classmethod
    def _from_c(cls, event):
        length = ffi.new("size_t *")
        record = lib.veikart_event_record(event, length)
        fields = {}
        for i in range(lib.veikart_event_field_count(event)):
            fields[from_c(lib.veikart_event_field_key(event, i))] = from_c(
                lib.veikart_event_field_value(event, i)
            )
        return cls(
            lib.veikart_event_seq(event),
            to_time(lib.veikart_event_time(event)),
            from_c(lib.veikart_event_actor(event)),
            EventKind(lib.veikart_event_kind_of(event)),
            fields,
            from_c(lib.veikart_event_hash(event)),
            from_c(lib.veikart_event_prev(event)),
            ffi.unpack(record, length[0]).decode("utf-8"),
            DecisionRecord._from_c(event)
            if lib.veikart_event_kind_of(event) == lib.VEIKART_EVENT_DECIDE
            else None,
            from_c(lib.veikart_event_key_id(event)),
            from_c(lib.veikart_event_signature(event)),
        )

    @classmethod
    def parse(cls, record):
        """Read an event from its record text, checking its syntax and hash."""
        data = record.encode("utf-8") if isinstance(record, str) else bytes(record)
        with _parsed(data) as event:
            return cls._from_c(event)

    def __getitem__(self, key):
        return self.fields[key]

    def get(self, key, default=None):
        """A field's value, or `default` when the event has no such field."""
        return self.fields.get(key, default)


@dataclass(frozen=True)
class DecisionRecord:
    """A decision as its event records it (veikart_event_decision()): read,
    not judged.  `results` are (criterion id, Truth, reason) in the gate's
    order, `conditions` (due date, what must be done)."""

    unit: object
    gate: str
    outcome: object
    to: object
    via: tuple
    authority: str
    override: bool
    verdict: object
    score: float
    results: tuple
    conditions: tuple
    rationale: str

    @classmethod
    def _from_c(cls, event):
        from .enums import OutcomeKind, Truth, Verdict

        rec = ffi.new("veikart_decision_record *")
        check(lib.veikart_event_decision(event, rec))

        def nth(key, count):
            return [from_c(lib.veikart_event_field_nth(event, key, i)) for i in range(count)]

        results = []
        for text in nth(b"result", rec.result_count):
            criterion, truth, reason = text.split(" ", 2)
            results.append((criterion, Truth.of(truth), reason))
        return cls(
            from_c(rec.unit),
            from_c(rec.gate),
            OutcomeKind(rec.outcome),
            from_c(rec.to),
            tuple(nth(b"via", rec.via_count)),
            from_c(rec.authority),
            bool(rec.override),
            Verdict(rec.verdict),
            rec.score,
            tuple(results),
            tuple((c[:10], c[11:]) for c in nth(b"condition", rec.condition_count)),
            from_c(rec.rationale),
        )


class _parsed:
    """A veikart_event parsed from a record, freed on leaving the block."""

    def __init__(self, data):
        self._data = data

    def __enter__(self):
        out = ffi.new("veikart_event **")
        check(lib.veikart_event_parse(out, self._data, len(self._data)))
        self._event = out[0]
        return self._event

    def __exit__(self, *exc):
        lib.veikart_event_free(self._event)


def parsed_event(event):
    """A C event for an Event (or record text), for the block's duration."""
    record = event.record if isinstance(event, Event) else event
    return _parsed(record.encode("utf-8") if isinstance(record, str) else bytes(record))


class Journal:
    """An append-only, hash-chained file of one initiative's events.

    Open it with `Journal.open(path)` (`create=True` for a new one,
    `readonly=True` to only read), preferably in a `with` block: a journal
    open for writing holds a lock on its file until it is closed.  Every
    record is checked when it is opened; a damaged one raises
    CorruptError naming it.  The journal is a sequence of Event.
    """

    def __init__(self, ptr):
        self._ptr = ptr

    @classmethod
    def open(cls, path, *, create=False, readonly=False, sync=True):
        """Open a journal (see the class).  `sync=False` skips fsync (tests only)."""
        opts = ffi.new("veikart_journal_options *")
        check(lib.veikart_journal_options_init(opts, lib.VEIKART_JOURNAL_OPTIONS_VERSION))
        opts.flags = (
            (lib.VEIKART_JOURNAL_CREATE if create else 0)
            | (lib.VEIKART_JOURNAL_READONLY if readonly else 0)
            | (0 if sync else lib.VEIKART_JOURNAL_NO_SYNC)
        )
        out = ffi.new("veikart_journal **")
        check(lib.veikart_journal_open(out, to_c(os.fspath(path), "the journal file"), opts))
        return cls(out[0])

    @classmethod
    def create(cls, path, *, sync=True):
        """Create a new journal; ExistsError when the file is already there."""
        return cls.open(path, create=True, sync=sync)

    def _handle(self):
        if self._ptr is None:
            raise ValueError("the journal is closed")
        return self._ptr

    @property
    def closed(self):
        return self._ptr is None

    def close(self):
        """Close the file and release its lock.  Safe to call again."""
        if self._ptr is not None:
            lib.veikart_journal_free(self._ptr)
            self._ptr = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def path(self):
        return from_c(lib.veikart_journal_path(self._handle()))

    @property
    def torn_bytes(self):
        """Bytes of an incomplete last record found on opening (cut off unless read-only)."""
        return lib.veikart_journal_torn_bytes(self._handle())

    def methodology(
        self, ref=None, *, search_path=None, no_env=False, no_system=False, no_builtin=False
    ):
        """The Methodology the journal was recorded against: the id its first
        event names (or `ref`, a file or an id), found as Methodology.load()
        finds ids, with the recorded digest (MismatchError when another
        document has its id)."""
        from .methodology import Methodology

        ref_c = (
            ffi.NULL if ref is None else ffi.new("char[]", to_c(os.fspath(ref), "the methodology"))
        )
        return Methodology._load(
            lambda out, opts, diags: lib.veikart_journal_method(
                out, self._handle(), ref_c, opts, diags
            ),
            dict(
                search_path=search_path,
                no_env=no_env,
                no_system=no_system,
                no_builtin=no_builtin,
                limits={},
            ),
        )

    def sign_with(self, signer):
        """Sign every event appended from now on with a sign.Signer (None to
        stop).  The journal keeps the signer alive."""
        from . import sign

        sign.set_signer(self._handle(), signer)
        self._signer = signer

    def verify_signatures(self, keyring):
        """Check every signature against a Keyring, and that every event of
        a `must-sign` person is signed by them; CorruptError names the first
        event that fails.  Returns how many events are signed."""
        from . import sign

        return sign.verify_signatures(self._handle(), keyring)

    def seal(self, key, when=None):
        """The seal of the journal's head (its text), signed with `key`, dated
        `when` (a datetime, a date, seconds or text; default now)."""
        import time

        from . import sign
        from ._util import from_time

        return sign.seal(self._handle(), key, int(time.time()) if when is None else from_time(when))

    def check_seal(self, seal, keyring):
        """Check the journal against a seal's text: CorruptError when it was
        cut or rewritten, or the seal's signature fails.  Returns how many
        events the seal covers."""
        from . import sign

        return sign.check_seal(self._handle(), seal, keyring)

    @staticmethod
    def verify(
        path,
        *,
        method=None,
        chain_only=False,
        expect_head=None,
        expect_events=0,
        search_path=None,
        no_env=False,
        no_system=False,
        no_builtin=False,
    ):
        """Verify the journal file at `path` without changing it, as
        `veikart verify` does: a journal with events, its chain intact, every
        event keeping the rules of the very methodology it was recorded
        against (`method`, a file or an id, or the id it names, found with
        the other options as Methodology.load() finds it), and, when given,
        the head and number of events the host kept elsewhere.  Returns
        (events, head); raises the error that says what does not hold
        (NotFoundError, MismatchError, CorruptError, DeniedError...).  Only
        `chain_only=True` skips the rules."""
        from .methodology import _load_options

        keep = []
        load = _load_options(
            search_path=search_path,
            no_env=no_env,
            no_system=no_system,
            no_builtin=no_builtin,
            limits={},
            keep=keep,
        )
        opts = ffi.new("veikart_verify_options *")
        check(lib.veikart_verify_options_init(opts, lib.VEIKART_VERIFY_OPTIONS_VERSION))
        opts.flags = lib.VEIKART_VERIFY_CHAIN_ONLY if chain_only else 0
        opts.load = load
        if method is not None:
            keep.append(ffi.new("char[]", to_c(os.fspath(method))))
            opts.method = keep[-1]
        if expect_head is not None:
            keep.append(ffi.new("char[]", to_c(expect_head)))
            opts.expect_head = keep[-1]
        opts.expect_events = expect_events
        count = ffi.new("uint64_t *")
        head = ffi.new("char[65]")
        check(lib.veikart_journal_verify(to_c(os.fspath(path)), opts, count, head))
        return count[0], from_c(head)

    def __len__(self):
        return lib.veikart_journal_count(self._handle())

    def __getitem__(self, index):
        index = position(index, len(self), "event")
        return Event._from_c(lib.veikart_journal_event(self._ptr, index))

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        if self._ptr is None:
            return "<Journal (closed)>"
        return "<Journal %r, %d events>" % (self.path, len(self))
