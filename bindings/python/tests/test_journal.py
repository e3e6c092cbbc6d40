# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Journals, replay, events and snapshots: what is written reads back the same."""

import pytest

import veikart
from conftest import SOURCE


def walk(ks, clock, **options):
    """An initiative through its first gate, into insight and idea."""
    ini = veikart.Initiative.create(ks, "R-1", "Round trip", actor="Kari", clock=clock, **options)
    ini.assign("Kari", "prosjekteier", actor="Kari")
    ini.assign("Ola", "prosjektleder", actor="Kari")
    clock.advance(days=3)
    ini.step("for-du-starter", "beskrive-utfordringsbildet", actor="Ola")
    ini.set_many(
        {
            "challenge_described": True,
            "work_planned": True,
            "anchored_in_management": True,
            "need_for_change_understood": True,
        },
        actor="Kari",
    )
    ini.sign("project_mandate", actor="Kari")
    clock.advance(days=1)
    ini.decide("go", actor="Kari", rationale="Ready to start")
    clock.advance(days=2)
    ini.attach(
        "target_picture",
        "https://example.org/target.pdf",
        veikart.sha256(b"target picture"),
        actor="Ola",
    )
    return ini


def state(ini):
    return (
        ini.id,
        ini.title,
        ini.creator,
        ini.phase,
        ini.phase_entered,
        ini.status,
        ini.seq,
        ini.head,
        ini.facts,
        ini.assignments,
        ini.decisions,
        ini.visits,
    )


def test_a_journal_replays_to_the_same_initiative(ks, clock, tmp_path):
    path = tmp_path / "r.vj"
    with veikart.Journal.create(path, sync=False) as journal:
        with walk(ks, clock, journal=journal) as ini:
            before = state(ini)
            assert ini.phase.id == "innsikt-og-ide"
            assert len(journal) == ini.seq

    with veikart.Journal.open(path, sync=False) as journal:
        assert journal.torn_bytes == 0
        events = list(journal)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        with veikart.Initiative.replay(ks, journal, clock=clock) as again:
            assert state(again) == before
            # Changes after a replay go to the same journal.
            again.set("user_insight_gathered", True, actor="Ola")
            assert len(journal) == len(events) + 1

    with veikart.Journal.open(path, readonly=True) as journal:
        assert journal[-1]["fact"] == "user_insight_gathered"
        with veikart.Initiative.replay(ks, journal) as again:
            assert again.fact("user_insight_gathered") == "true"


def test_events_apply_one_by_one_from_their_records(ks, clock, tmp_path):
    records = []
    with walk(ks, clock, on_commit=lambda events: records.extend(e.record for e in events)) as ini:
        before = state(ini)
    with veikart.Initiative.open(ks) as again:
        for record in records:
            event = veikart.Event.parse(record)
            assert event.record == record
            again.apply(event)
        assert state(again) == before
    with veikart.Initiative.open(ks) as again:
        again.apply(records[0])
        with pytest.raises(veikart.CorruptError):
            again.apply(records[2])  # the chain is broken: event 2 is missing
        assert again.seq == 1


def test_a_torn_append_is_cut_off_and_nothing_acknowledged_is_lost(ks, clock, tmp_path):
    path = tmp_path / "t.vj"
    with veikart.Journal.create(path, sync=False) as journal:
        with walk(ks, clock, journal=journal) as ini:
            head = ini.head
    whole = path.read_bytes()
    with open(path, "ab") as f:
        f.write(b"12\t1767603600\tset\tKari\tfact=chal")
    with veikart.Journal.open(path, readonly=True) as journal:
        assert journal.torn_bytes == len(b"12\t1767603600\tset\tKari\tfact=chal")
        with veikart.Initiative.replay(ks, journal) as again:
            assert again.head == head
    with veikart.Journal.open(path, sync=False) as journal:  # for writing: cut back
        assert journal.torn_bytes > 0
    assert path.read_bytes() == whole


def test_a_snapshot_restores_the_same_initiative(ks, clock):
    with walk(ks, clock) as ini:
        before = state(ini)
        xml = ini.snapshot()
    assert xml.startswith("<?xml") and "urn:veikart:snapshot:1" in xml
    with veikart.Initiative.restore(ks, xml, clock=clock) as again:
        assert state(again) == before
        assert again.snapshot() == xml
    with pytest.raises(veikart.FormatError):
        veikart.Initiative.restore(ks, xml.replace("<", "[", 3))
    other = veikart.Methodology.load("esset")
    with pytest.raises(veikart.MismatchError):
        veikart.Initiative.restore(other, xml)


def test_reports_for_people(ks, clock):
    with walk(ks, clock) as ini:
        markdown = ini.export()
        assert "Round trip" in markdown
        html = ini.export("html", lang="en")
        assert html.lstrip().lower().startswith("<!doctype html>")
        with pytest.raises(ValueError):
            ini.export("pdf")


def test_a_journal_names_its_methodology_and_its_decisions(ks, clock, tmp_path):
    path = tmp_path / "m.vj"
    with veikart.Journal.create(path, sync=False) as journal:
        walk(ks, clock, journal=journal).close()
    with veikart.Journal.open(path, readonly=True) as journal:
        found = journal.methodology()
        assert found.id == "ks-veikart" and found.digest == ks.digest
        # Another document with the same id and version is refused.
        other = tmp_path / "other"
        other.mkdir()
        shipped = SOURCE / "methodologies" / "ks-veikart.xml"
        (other / "ks-veikart.xml").write_text(
            shipped.read_text(encoding="utf-8").replace("(KS, fem faser)", "(KS, endret)"),
            encoding="utf-8",
        )
        with pytest.raises(veikart.MismatchError) as refused:
            journal.methodology(search_path=other, no_builtin=True)
        assert "a different document" in str(refused.value) and ks.digest in str(refused.value)

        decisions = [e for e in journal if e.kind == veikart.EventKind.DECIDE]
        assert len(decisions) == 1 and decisions[0].decision is not None
        d = decisions[0].decision
        assert d.gate == "g-for-du-starter" and d.outcome == veikart.OutcomeKind.GO
        assert d.to == "innsikt-og-ide" and d.authority == "prosjekteier"
        assert d.verdict == veikart.Verdict.READY and not d.override
        assert d.rationale == "Ready to start" and d.conditions == ()
        assert [r[0] for r in d.results] == [
            c.id for c in ks.gates["g-for-du-starter"].criteria
        ]
        assert all(r[1] == veikart.Truth.MET for r in d.results)
        assert journal[0].decision is None


def test_names_and_times_read_back_through_the_library():
    assert veikart.OutcomeKind.of("conditional-go") == veikart.OutcomeKind.CONDITIONAL_GO
    assert veikart.Verdict.of("incomplete") == veikart.Verdict.INCOMPLETE
    assert veikart.EventKind.of("condition-met") == veikart.EventKind.CONDITION_MET
    with pytest.raises(ValueError):
        veikart.OutcomeKind.of("maybe")


def rechain(lines):
    """Records with every prev= and hash= recomputed, as a forger would."""
    prev, out = "0" * 64, [lines[0]]
    for line in lines[1:]:
        body = line.split("\tprev=")[0] + "\tprev=" + prev
        prev = veikart.sha256(body)
        out.append(body + "\thash=" + prev + "\n")
    return out


def test_verification_cannot_be_talked_out_of_its_work(ks, clock, tmp_path):
    path = tmp_path / "v.vj"
    with veikart.Journal.create(path, sync=False) as journal:
        with walk(ks, clock, journal=journal):
            pass
    events, head = veikart.Journal.verify(path)
    assert events == 11 and len(head) == 64
    assert veikart.Journal.verify(path, expect_head=head[:12], expect_events=11) == (11, head)
    lines = path.read_text().splitlines(keepends=True)

    # The methodology's digest zeroed and the chain recomputed.
    zeroed = tmp_path / "zeroed.vj"
    first = lines[1].split("\t")
    first = [("digest=" + "0" * 64) if f.startswith("digest=") else f for f in first]
    zeroed.write_text("".join(rechain([lines[0], "\t".join(first)] + lines[2:])))
    with pytest.raises(veikart.MismatchError) as raised:
        veikart.Journal.verify(zeroed)
    assert "the rules cannot be checked" in raised.value.message
    with pytest.raises(veikart.MismatchError):
        veikart.Journal.verify(zeroed, method="ks-veikart")
    assert veikart.Journal.verify(zeroed, chain_only=True)[0] == 11

    # A rationale rewritten: found against the head kept elsewhere.
    rewritten = tmp_path / "rewritten.vj"
    rewritten.write_text(
        "".join(rechain([line.replace("Ready to start", "Never discussed") for line in lines]))
    )
    assert veikart.Journal.verify(rewritten)[1] != head
    with pytest.raises(veikart.CorruptError) as raised:
        veikart.Journal.verify(rewritten, expect_head=head)
    assert "cut short or rewritten" in raised.value.message

    # The last record deleted; its final newline deleted.
    cut = tmp_path / "cut.vj"
    cut.write_text("".join(lines[:-1]))
    with pytest.raises(veikart.CorruptError) as raised:
        veikart.Journal.verify(cut, expect_events=11)
    assert "holds 10 events, but 11 were expected" in raised.value.message
    bare = tmp_path / "bare.vj"
    bare.write_text("".join(lines)[:-1])
    assert veikart.Journal.verify(bare, expect_head=head) == (11, head)

    # Not journals at all.
    for name, text in (("empty.vj", ""), ("header.vj", lines[0])):
        (tmp_path / name).write_text(text)
        with pytest.raises(veikart.CorruptError) as raised:
            veikart.Journal.verify(tmp_path / name)
        assert "holds no events" in raised.value.message
    with pytest.raises(veikart.FormatError):
        veikart.Journal.verify("/proc/self/status")
