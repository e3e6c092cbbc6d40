# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""The commit hook (which may veto) and the clock, as Python callables."""

import datetime

import pytest

import veikart


def started(ks, **options):
    ini = veikart.Initiative.create(ks, "H-1", "Hooks", actor="Kari", **options)
    return ini


def test_the_hook_sees_every_event_before_it_is_applied(ks, clock):
    seen = []
    ini = started(ks, on_commit=seen.append, clock=clock)
    assert len(seen) == 1 and seen[0][0].kind == veikart.EventKind.CREATE
    ini.assign("Kari", "prosjekteier", actor="Kari")
    clock.advance(days=1)
    ini.set_many({"challenge_described": True, "work_planned": True}, actor="Kari")
    batch = seen[-1]
    assert [e.kind for e in batch] == [veikart.EventKind.SET, veikart.EventKind.SET]
    assert [(e["fact"], e["value"]) for e in batch] == [
        ("challenge_described", "true"),
        ("work_planned", "true"),
    ]
    assert batch[0].actor == "Kari"
    assert batch[0].time == clock.now
    assert batch[1].seq == ini.seq and batch[1].hash == ini.head
    assert batch[1].prev == batch[0].hash


def test_a_veto_leaves_the_initiative_as_it_was(ks):
    refuse = {"on": False}

    def hook(events):
        if refuse["on"]:
            raise veikart.Veto("the archive is offline")

    ini = started(ks, on_commit=hook)
    ini.assign("Kari", "prosjekteier", actor="Kari")
    head, seq = ini.head, ini.seq
    refuse["on"] = True
    with pytest.raises(veikart.VetoedError) as raised:
        ini.set("challenge_described", True, actor="Kari")
    assert raised.value.message.endswith(": the archive is offline")
    assert raised.value.code == veikart.ErrorCode.EUSER
    assert (ini.head, ini.seq, ini.fact("challenge_described")) == (head, seq, None)
    refuse["on"] = False
    ini.set("challenge_described", True, actor="Kari")
    assert ini.fact("challenge_described") == "true"


def test_returning_false_vetoes(ks):
    ini = started(ks, on_commit=lambda events: events[0].kind != veikart.EventKind.ASSIGN)
    with pytest.raises(veikart.VetoedError):
        ini.assign("Kari", "prosjekteier", actor="Kari")
    assert ini.assignments == []


def test_a_vetoed_create_makes_no_initiative(ks):
    with pytest.raises(veikart.VetoedError) as raised:
        started(ks, on_commit=lambda events: False)
    assert "vetoed" in raised.value.message


def test_an_exception_in_the_hook_is_raised_from_the_call(ks):
    class Broken(Exception):
        pass

    def hook(events):
        if events[0].kind == veikart.EventKind.SET:
            raise Broken("disk on fire")

    ini = started(ks, on_commit=hook)
    ini.assign("Kari", "prosjekteier", actor="Kari")
    with pytest.raises(Broken, match="disk on fire"):
        ini.set("challenge_described", True, actor="Kari")
    assert ini.fact("challenge_described") is None
    ini.step("for-du-starter", "forankre-i-ledelsen", actor="Kari")  # still usable
    assert ini.step_done("for-du-starter", "forankre-i-ledelsen")


def test_the_clock_is_a_python_callable(ks, clock):
    ini = started(ks, clock=clock)
    assert ini.now == clock.now
    assert ini.phase_entered == clock.now
    clock.advance(days=10)
    assert ini.days_in_phase == 10
    ini.assign("Kari", "prosjekteier", actor="Kari")
    clock.advance(hours=5)
    ini.set("challenge_described", True, actor="Kari")
    assert ini.fact_time("challenge_described") == clock.now
    assert ini.fact_actor("challenge_described") == "Kari"
    # Seconds since the epoch do as well as a datetime.
    ini2 = started(ks, clock=lambda: 1767603600)
    assert ini2.now == datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.timezone.utc)


def test_a_clock_that_fails_changes_nothing(ks, clock):
    broken = {"on": False}

    def flaky():
        if broken["on"]:
            raise RuntimeError("no time server")
        return clock()

    ini = started(ks, clock=flaky)
    ini.assign("Kari", "prosjekteier", actor="Kari")
    seq = ini.seq
    broken["on"] = True
    with pytest.raises(RuntimeError, match="no time server"):
        ini.set("challenge_described", True, actor="Kari")
    assert ini.seq == seq and ini.fact("challenge_described") is None
    with pytest.raises(RuntimeError):
        ini.days_in_phase
    broken["on"] = False
    ini.set("challenge_described", True, actor="Kari")
    assert ini.seq == seq + 1
