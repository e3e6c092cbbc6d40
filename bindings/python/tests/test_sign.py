# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Signatures, keyrings and seals: a rewritten journal is caught."""

import os
import stat

import pytest

import veikart
from test_journal import walk


def forge(path, seq, key, value):
    """Change field KEY of event SEQ to VALUE and recompute every hash after
    it, as anyone who can write the file can: the signatures stay as they were."""
    lines = path.read_text(encoding="utf-8").split("\n")
    prev = None
    for i in range(1, len(lines)):
        if not lines[i]:
            continue
        fields = lines[i].split("\t")
        at = next(k for k, f in enumerate(fields) if f.startswith("prev="))
        if int(fields[0]) == seq:
            fields = [key + "=" + value if f.startswith(key + "=") else f for f in fields]
        if prev is not None:
            fields[at] = "prev=" + prev
        if int(fields[0]) >= seq:
            prev = veikart.sha256("\t".join(fields[: at + 1]))
            fields[at + 1] = "hash=" + prev
        lines[i] = "\t".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def keys():
    return veikart.Key.generate("Kari"), veikart.Key.generate("Ola"), veikart.Key.generate()


def signed_journal(ks, clock, path, keys):
    kari, ola, host = keys
    with veikart.Journal.create(path, sync=False) as journal:
        journal.sign_with(veikart.Signer(kari, ola))
        with walk(ks, clock, journal=journal):
            pass
        return journal.seal(host, "2026-02-01")


def test_keys_save_load_and_their_lines(keys, tmp_path):
    kari, _, host = keys
    assert len(kari.id) == 16 and kari.name == "Kari" and host.name is None
    kari.save(tmp_path / "kari.key")
    assert stat.S_IMODE(os.stat(tmp_path / "kari.key").st_mode) == 0o600
    again = veikart.Key.load(tmp_path / "kari.key")
    assert (again.id, again.name) == (kari.id, "Kari")
    with pytest.raises(veikart.ExistsError):
        kari.save(tmp_path / "kari.key")
    assert kari.public_line().startswith("key %s " % kari.id)
    assert kari.public_line().endswith(" must-sign Kari\n")
    assert host.public_line().endswith(" host\n")
    with pytest.raises(veikart.InvalidArgumentError, match="a person's"):
        kari.public_line(veikart.KeyPolicy.HOST)


def test_every_event_is_signed_and_verifies(ks, clock, tmp_path, keys):
    kari, ola, host = keys
    path = tmp_path / "s.vj"
    seal = signed_journal(ks, clock, path, keys)
    ring = veikart.Keyring.of(kari.public_line(), ola.public_line(), host.public_line())
    assert len(ring) == 3
    with veikart.Journal.open(path, readonly=True) as journal:
        assert all(e.key_id in (kari.id, ola.id) for e in journal)
        assert journal[0].key_id == kari.id and len(journal[0].signature) == 88
        assert journal.verify_signatures(ring) == len(journal)
        assert journal.check_seal(seal, ring) == len(journal)
        with veikart.Initiative.replay(ks, journal) as again:
            assert again.phase.id == "innsikt-og-ide"


def test_a_rewritten_rationale_with_a_recomputed_chain_is_caught(ks, clock, tmp_path, keys):
    kari, ola, host = keys
    path = tmp_path / "s.vj"
    seal = signed_journal(ks, clock, path, keys)
    with veikart.Journal.open(path, readonly=True) as journal:
        decision = next(e for e in journal if e.kind == veikart.EventKind.DECIDE)
    forge(path, decision.seq, "rationale", "Saves 65 hours a week")
    ring = veikart.Keyring.of(kari.public_line(), ola.public_line(), host.public_line())
    with veikart.Journal.open(path, readonly=True) as journal:
        # The chain is intact again: only the signatures tell.
        assert journal[decision.seq - 1]["rationale"] == "Saves 65 hours a week"
        with pytest.raises(veikart.CorruptError, match="event %d .*changed" % decision.seq):
            journal.verify_signatures(ring)
        with pytest.raises(veikart.CorruptError, match="rewritten"):
            journal.check_seal(seal, ring)


def test_a_cut_journal_fails_its_seal(ks, clock, tmp_path, keys):
    kari, ola, host = keys
    path = tmp_path / "s.vj"
    seal = signed_journal(ks, clock, path, keys)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-2]), encoding="utf-8")
    ring = veikart.Keyring.of(host.public_line())
    with veikart.Journal.open(path, readonly=True) as journal:
        with pytest.raises(veikart.CorruptError, match="cut off"):
            journal.check_seal(seal, ring)


def test_an_unsigned_event_of_a_must_sign_person_is_refused(ks, clock, tmp_path, keys):
    kari, ola, _ = keys
    path = tmp_path / "u.vj"
    with veikart.Journal.create(path, sync=False) as journal:
        with walk(ks, clock, journal=journal):
            pass
        # Unsigned journals read and verify as before, with no keyring.
        assert all(e.key_id is None for e in journal)
        may = veikart.Keyring.of(kari.public_line(veikart.KeyPolicy.MAY_SIGN))
        assert journal.verify_signatures(may) == 0
        must = veikart.Keyring.of(kari.public_line(), ola.public_line(veikart.KeyPolicy.MAY_SIGN))
        with pytest.raises(veikart.CorruptError, match="event 1 .*`Kari` must sign"):
            journal.verify_signatures(must)


def test_a_signer_without_a_key_for_the_actor_refuses_the_change(ks, clock, tmp_path, keys):
    kari, _, _ = keys
    with veikart.Journal.create(tmp_path / "k.vj", sync=False) as journal:
        journal.sign_with(veikart.Signer(kari))
        with pytest.raises(veikart.VetoedError, match="no key for `Ola`"):
            walk(ks, clock, journal=journal)


def test_a_host_signs_events_itself(ks, clock, tmp_path, keys):
    kari, _, host = keys
    with veikart.Journal.create(tmp_path / "h.vj", sync=False) as journal:
        with walk(ks, clock, journal=journal):
            pass
        event = veikart.Signer(host).sign(journal[1])
        assert event.key_id == host.id and event.hash == journal[1].hash
        assert veikart.Event.parse(event.record).signature == event.signature
        by_ola = next(e for e in journal if e.actor == "Ola")
        with pytest.raises(veikart.NotFoundError, match="no key for `Ola`"):
            veikart.Signer(kari).sign(by_ola)
