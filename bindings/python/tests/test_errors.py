# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Error codes become exceptions that say what and where."""

import pytest

import veikart

BROKEN = """<?xml version="1.0" encoding="UTF-8"?>
<methodology xmlns="urn:veikart:methodology:1" id="broken" version="1" xml:lang="en">
  <title>Broken</title>
  <phases>
    <phase id="a">
  </phases>
</methodology>
"""


def test_every_error_code_has_its_exception():
    for code in veikart.ErrorCode:
        if code == veikart.ErrorCode.OK:
            continue
        e = veikart.errors.error_for(code)
        assert isinstance(e, veikart.Error)
        assert e.code == code
        if code != veikart.ErrorCode.ERROR:
            assert type(e) is not veikart.Error, code
    # Where Python has a matching built-in exception, ours is one too.
    assert issubclass(veikart.NotFoundError, LookupError)
    assert issubclass(veikart.InvalidArgumentError, ValueError)
    assert issubclass(veikart.OutOfMemoryError, MemoryError)
    assert issubclass(veikart.InputOutputError, OSError)
    assert issubclass(veikart.TypeMismatchError, TypeError)


def test_a_malformed_document_says_where(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(BROKEN)
    with pytest.raises(veikart.FormatError) as raised:
        veikart.Methodology.load(path)
    e = raised.value
    assert e.code == veikart.ErrorCode.EFORMAT
    assert e.file == str(path)
    assert e.line == 6
    assert e.column > 0
    assert "phase" in e.message
    assert str(e).startswith("%s:6:%d: " % (path, e.column))
    assert e.diagnostics and e.diagnostics[0].severity == veikart.Severity.ERROR
    assert e.diagnostics[0].line == 6
    assert str(path) in str(e.diagnostics[0])

    with pytest.raises(veikart.FormatError) as raised:
        veikart.Methodology.from_string(BROKEN, "inline.xml")
    assert raised.value.file == "inline.xml" and raised.value.line == 6


def test_a_document_that_breaks_rules_lists_every_problem(source):
    case = source / "tests" / "fixtures" / "invalid" / "ids-duplicate"
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(veikart.FormatError) as raised:
        veikart.Methodology.from_string((case / "input.xml").read_bytes(), "input.xml")
    assert [str(d) for d in raised.value.diagnostics] == expected
    assert str(raised.value) == expected[0].replace(": error: ", ": ", 1)


def test_unknown_ids_and_files_are_not_found(ks, tmp_path):
    with pytest.raises(veikart.NotFoundError) as raised:
        veikart.Methodology.load("no-such-methodology")
    assert "no-such-methodology" in raised.value.message
    with pytest.raises(veikart.NotFoundError):
        veikart.Methodology.load(tmp_path / "missing.xml")
    with pytest.raises(KeyError):
        ks.phases["no-such-phase"]
    assert ks.gates.get("no-such-gate") is None
    with veikart.Initiative.create(ks, "E-1", "Errors", actor="Kari") as ini:
        ini.assign("Kari", "prosjekteier", actor="Kari")
        with pytest.raises(veikart.NotFoundError) as raised:
            ini.set("no_such_fact", True, actor="Kari")
        assert "no_such_fact" in raised.value.message
        with pytest.raises(veikart.NotFoundError):
            ini.evaluate("no-such-gate")


def test_rules_of_the_methodology_are_exceptions(ks):
    with veikart.Initiative.create(ks, "E-2", "Rules", actor="Kari") as ini:
        with pytest.raises(veikart.DeniedError):
            ini.set("challenge_described", True, actor="Kari")  # holds no role yet
        ini.assign("Kari", "prosjekteier", actor="Kari")
        with pytest.raises(veikart.TypeMismatchError) as raised:
            ini.set("challenge_described", "perhaps", actor="Kari")
        assert "challenge_described" in raised.value.message
        with pytest.raises(veikart.StateError) as raised:
            ini.decide("go", actor="Kari", rationale="Too early")
        assert raised.value.code == veikart.ErrorCode.ESTATE
        with pytest.raises(veikart.InvalidArgumentError):
            ini.decide("go", actor="Kari", rationale="")
        with pytest.raises(ValueError):
            ini.decide("onwards", actor="Kari", rationale="No such outcome")
        assert ini.seq == 2  # create, assign: nothing refused was recorded


def test_nobody_grants_themselves_authority(ks, source):
    owner = ks.roles.get("prosjekteier")
    steering = ks.roles.get("styringsgruppe")
    assert owner.may_assign(steering) and not steering.may_assign(owner)
    assert owner in steering.assigners and not steering.self_assign
    with veikart.Initiative.create(ks, "E-3", "Trust", actor="Kari") as ini:
        assert ini.creator_may_assign
        ini.assign("Kari", "prosjekteier", actor="Kari")
        assert not ini.creator_may_assign
        ini.assign("Ola Hansen", "prosjektleder", actor="Kari")
        with pytest.raises(veikart.DeniedError) as raised:
            ini.assign("Ola Hansen", "styringsgruppe", actor="Ola Hansen")
        assert "needs role `prosjekteier`" in raised.value.message
        with pytest.raises(veikart.DeniedError) as raised:
            ini.assign("Kari", "styringsgruppe", actor="Kari")
        assert "to themselves" in raised.value.message
        assert not ini.holds("Kari", "styringsgruppe")
        assert ini.seq == 3


def test_a_fact_with_owners_is_recorded_only_by_them(source):
    rules = veikart.Methodology.load(str(source / "tests" / "unit" / "rules-method.xml"))
    fact = rules.facts.get("o")
    assert [r.id for r in fact.recorders] == ["owner"]
    assert fact.may_record(rules.roles.get("owner"))
    assert not fact.may_record(rules.roles.get("lead"))
    assert rules.facts.get("a").recorders == []
    with veikart.Initiative.create(rules, "R-9", "Owned facts", actor="Eva") as ini:
        ini.assign("Eva", "owner", actor="Eva")
        ini.assign("Ola", "lead", actor="Eva")
        with pytest.raises(veikart.DeniedError) as raised:
            ini.set("o", True, actor="Ola")
        assert raised.value.message == (
            "recording fact `o` needs role `owner`; `Ola` holds lead"
        )
        ini.set("o", True, actor="Eva")
        ini.set("a", True, actor="Ola")  # a fact without owners: any role


def test_a_clock_years_ahead_is_refused_unless_declared_simulated(ks):
    far = lambda: 253402300799  # 9999-12-31T23:59:59Z
    with veikart.Initiative.create(ks, "E-4", "Clock", actor="Kari") as ini:
        pass
    with pytest.raises(veikart.StateError) as raised:
        veikart.Initiative.create(ks, "E-5", "Clock", actor="Kari", clock=far)
    assert "ahead of the system's real-time clock" in raised.value.message
    assert "9999-12-31T23:59:59Z" in raised.value.message
    with veikart.Initiative.create(
        ks, "E-6", "Clock", actor="Kari", clock=far, clock_simulated=True
    ) as ini:
        assert ini.seq == 1


def test_journal_errors(ks, tmp_path):
    path = tmp_path / "j.vj"
    with veikart.Journal.create(path, sync=False):
        with pytest.raises(veikart.LockedError):
            veikart.Journal.open(path)
    with pytest.raises(veikart.ExistsError):
        veikart.Journal.create(path)
    with pytest.raises(veikart.NotFoundError):
        veikart.Journal.open(tmp_path / "none.vj")

    with veikart.Journal.create(tmp_path / "k.vj", sync=False) as journal:
        with veikart.Initiative.create(ks, "J-1", "Journal", actor="Kari", journal=journal) as ini:
            ini.assign("Kari", "prosjekteier", actor="Kari")
    damaged = (tmp_path / "k.vj").read_text().replace("prosjekteier", "prosjektleder")
    (tmp_path / "k.vj").write_text(damaged)
    with pytest.raises(veikart.CorruptError) as raised:
        veikart.Journal.open(tmp_path / "k.vj", readonly=True)
    assert raised.value.file == str(tmp_path / "k.vj")
    assert raised.value.line == 3


def test_a_closed_object_is_refused_not_crashed(ks, tmp_path):
    ini = veikart.Initiative.create(ks, "C-1", "Closed", actor="Kari")
    unit_view = ini.units
    ini.close()
    ini.close()
    with pytest.raises(ValueError):
        ini.phase
    with pytest.raises(ValueError):
        len(unit_view)
    journal = veikart.Journal.create(tmp_path / "c.vj", sync=False)
    journal.close()
    with pytest.raises(ValueError):
        len(journal)
    # An initiative whose journal was closed refuses changes instead of losing them.
    with veikart.Journal.create(tmp_path / "d.vj", sync=False) as journal:
        ini = veikart.Initiative.create(ks, "C-2", "Closed journal", actor="Kari", journal=journal)
    with pytest.raises(veikart.VetoedError) as raised:
        ini.assign("Kari", "prosjekteier", actor="Kari")
    assert "journal is closed" in raised.value.message
    assert ini.seq == 1


def test_wrong_python_types_are_type_errors(ks):
    with veikart.Initiative.create(ks, "T-1", "Types", actor="Kari") as ini:
        ini.assign("Kari", "prosjekteier", actor="Kari")
        with pytest.raises(TypeError):
            ini.set("challenge_described", object(), actor="Kari")
        with pytest.raises(TypeError):
            ini.set("challenge_described", True, actor=42)
