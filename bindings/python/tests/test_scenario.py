# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""The demo's story told again through the Python API.

`veikart demo` walks an initiative through the KS Veikart and writes its
journal.  Here every event of that journal is turned back into the call of
the Python API that makes it (set, step, attach, decide...), on a clock
set to the event's time, into a new journal.  The two journals must be
byte for byte the same: the bindings pass every argument through
faithfully, and the library does the same thing from Python as from C.
"""

import subprocess

import pytest

import veikart


@pytest.fixture(scope="module")
def demo_journal(tool, tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.vj"
    subprocess.run(
        [str(tool), "demo", "--journal", str(path)], check=True, stdout=subprocess.DEVNULL
    )
    return path


def retell(events, methodology, journal, on_gate=None):
    """Make each event again through the API; returns the initiative."""
    clock = {"now": None}
    initiative = None
    pending_sets = []  # consecutive set events of one actor and time: one call

    def flush():
        if pending_sets:
            first = pending_sets[0]
            initiative.set_many({e["fact"]: e["value"] for e in pending_sets}, actor=first.actor)
            pending_sets.clear()

    for e in events:
        if pending_sets and (
            e.kind != veikart.EventKind.SET
            or e.actor != pending_sets[0].actor
            or e.time != pending_sets[0].time
        ):
            flush()
        clock["now"] = e.time
        kind = e.kind
        if kind == veikart.EventKind.CREATE:
            initiative = veikart.Initiative.create(
                methodology,
                e["id"],
                e["title"],
                actor=e.actor,
                journal=journal,
                clock=lambda: clock["now"],
                clock_simulated=True,  # the demo's story runs ahead of today
            )
        elif kind == veikart.EventKind.ASSIGN:
            initiative.assign(e["person"], e["role"], actor=e.actor)
        elif kind == veikart.EventKind.SET:
            pending_sets.append(e)
        elif kind == veikart.EventKind.STEP:
            initiative.step(e["phase"], e["step"], actor=e.actor)
        elif kind == veikart.EventKind.ATTACH:
            initiative.attach(e["fact"], e["uri"], e.get("sha256"), actor=e.actor)
        elif kind == veikart.EventKind.APPROVE:
            initiative.approve(e["fact"], actor=e.actor)
        elif kind == veikart.EventKind.SIGN:
            initiative.sign(e["fact"], actor=e.actor)
        elif kind == veikart.EventKind.DECIDE:
            if on_gate is not None:
                on_gate(initiative, e)
            initiative.decide(
                e["outcome"],
                gate=e["gate"],
                to=e.get("to"),
                actor=e.actor,
                rationale=e["rationale"],
                override=e.get("override") == "true",
            )
        else:
            pytest.fail("the demo has a %s event the test does not know" % kind)
    flush()
    return initiative


def test_the_demo_told_through_python_writes_the_same_journal(demo_journal, tmp_path, ks):
    with veikart.Journal.open(demo_journal, readonly=True) as original:
        events = list(original)
    assert events[0].kind == veikart.EventKind.CREATE

    reports = []

    def check_gate(initiative, decision):
        # What the gate report says before each decision is what the C tool
        # recorded with the decision.
        report = initiative.evaluate(decision["gate"])
        assert str(report.verdict) == decision["verdict"]
        reports.append(report)

    path = tmp_path / "python.vj"
    with veikart.Journal.create(path, sync=False) as journal:
        with retell(events, ks, journal, check_gate) as initiative:
            assert len(journal) == len(events)
            assert initiative.seq == events[-1].seq
            assert initiative.head == events[-1].hash
            assert initiative.phase.id == "ny-praksis"
            assert initiative.status == veikart.Status.ACTIVE
            decisions = initiative.decisions
            assert [str(d.outcome.kind) for d in decisions] == [
                e["outcome"] for e in events if e.kind == veikart.EventKind.DECIDE
            ]
            # The first pilot round was blocked at evaluation and recycled.
            assert veikart.Verdict.BLOCKED in [r.verdict for r in reports]
            assert any(d.outcome.kind == veikart.OutcomeKind.RECYCLE for d in decisions)
            assert [v.phase.id for v in initiative.visits].count("utproving") == 2

    assert path.read_bytes() == demo_journal.read_bytes()


def test_the_demo_refuses_a_project_leader_approving_the_benefit_plan(demo_journal, ks):
    with veikart.Journal.open(demo_journal, readonly=True) as original:
        events = list(original)
    upto = next(
        i
        for i, e in enumerate(events)
        if e.kind == veikart.EventKind.APPROVE and e["fact"] == "benefit_plan"
    )
    with retell(events[:upto], ks, None) as initiative:
        before = initiative.head
        with pytest.raises(veikart.DeniedError) as refused:
            initiative.approve("benefit_plan", actor="Ola Hansen")
        assert "prosjekteier" in refused.value.message
        assert refused.value.code == veikart.ErrorCode.EDENIED
        assert initiative.head == before
        initiative.approve("benefit_plan", actor="Kari Nordmann")
        assert initiative.head != before


def test_gate_reports_are_objects(demo_journal, ks):
    with veikart.Journal.open(demo_journal, readonly=True) as original:
        events = list(original)
    first_decision = next(i for i, e in enumerate(events) if e.kind == veikart.EventKind.DECIDE)
    with retell(events[:first_decision], ks, None) as initiative:
        report = initiative.evaluate()
        assert report.gate == ks.gates["g-for-du-starter"]
        assert report.ready and report.verdict == veikart.Verdict.READY
        assert report.recommended.kind == veikart.OutcomeKind.GO
        assert [r.criterion.id for r in report] == ks.gates["g-for-du-starter"].criteria.ids()
        assert all(r.met for r in report)
        assert "g-for-du-starter: ready" in str(report)

        # Take the mandate's signature away in a what-if: the gate is no longer ready.
        what_if = initiative.what_if("g-for-du-starter", {"challenge_described": False})
        assert not what_if.ready
        unmet = [r for r in what_if if not r.met]
        assert [r.criterion.id for r in unmet] == ["challenge"]
        assert "challenge_described" in unmet[0].reason
        # ...and the initiative itself is unchanged.
        assert initiative.evaluate().ready
