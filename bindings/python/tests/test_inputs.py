# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Untrusted input: text with a NUL byte or a control character, files that
are not regular files."""

import os
import pathlib

import pytest

import veikart


def refused(what, call):
    """`call` raises a ValueError naming `what` and the NUL byte."""
    with pytest.raises(ValueError) as raised:
        call()
    assert what in str(raised.value) and "NUL" in str(raised.value), str(raised.value)


def test_a_nul_byte_in_a_recorded_text_is_refused_not_cut_short(ks, tmp_path):
    journal = veikart.Journal.create(tmp_path / "nul.vj")
    refused("the initiative id", lambda: veikart.Initiative.create(ks, "N\0-1", "T", actor="Kari"))
    refused("the title", lambda: veikart.Initiative.create(ks, "N-1", "T\0x", actor="Kari"))
    refused("the actor", lambda: veikart.Initiative.create(ks, "N-1", "T", actor="Kari\0Mallory"))
    with veikart.Initiative.create(ks, "N-1", "NUL", actor="Kari", journal=journal) as ini:
        ini.assign("Kari", "prosjekteier", actor="Kari")
        seq, head = ini.seq, ini.head
        refused("the actor", lambda: ini.assign("Ola", "prosjekteier", actor="Kari\0Mallory"))
        refused("the person", lambda: ini.assign("Kari\0Mallory", "prosjekteier", actor="Kari"))
        refused("the role", lambda: ini.assign("Ola", "prosjekteier\0x", actor="Kari"))
        refused("the fact", lambda: ini.set("work_planned\0x", True, actor="Kari"))
        refused("the value", lambda: ini.set("work_planned", "yes\0no", actor="Kari"))
        refused(
            "the value of work_planned",
            lambda: ini.set_many({"work_planned": "true\0false"}, actor="Kari"),
        )
        refused(
            "the document address",
            lambda: ini.attach("benefit_plan", "https://a.example/\0b", actor="Kari"),
        )
        refused("the SHA-256 digest", lambda: ini.attach("benefit_plan", "u", "0\0", actor="Kari"))
        refused("the rationale", lambda: ini.decide("go", actor="Kari", rationale="Ok\0 forged"))
        refused("the gate", lambda: ini.decide("go", actor="Kari", rationale="Ok", gate="g\0"))
        refused(
            "the text of condition 1",
            lambda: ini.decide(
                "conditional-go", actor="Kari", rationale="Ok", conditions=[("a\0b", "2026-05-01")]
            ),
        )
        refused("the step", lambda: ini.step(ks.start, "s\0", actor="Kari"))
        refused("the unit id", lambda: ini.add_unit("site\0-1", actor="Kari"))
        refused("the unit title", lambda: ini.add_unit("site-1", title="S\0", actor="Kari"))
        refused("the unit id", lambda: "site\0-1" in ini.units)
        refused("the language", lambda: ini.export("markdown", lang="en\0"))
        # Nothing reached the library: nothing was recorded.
        assert (ini.seq, ini.head) == (seq, head) and len(journal) == seq
        assert [a.person for a in ini.assignments] == ["Kari"]


def test_a_nul_byte_in_a_name_the_library_looks_up_is_refused(ks, tmp_path):
    esset = tmp_path / "esset.xml"
    refused("the methodology", lambda: veikart.Methodology.load("ks-veikart\0x"))
    refused("the methodology file", lambda: veikart.Methodology.load(_Path(str(esset) + "\0")))
    refused("the file", lambda: veikart.sha256_file(str(esset) + "\0x"))
    refused("the journal file", lambda: veikart.Journal.open(str(tmp_path / "j.vj") + "\0x"))
    refused("the id", lambda: ks.phases.get("behov\0x"))
    refused("the expression", lambda: ks.compile("work_planned\0 or true"))
    refused("the fact id", lambda: veikart.Facts(ks, {"work_planned\0x": True}))
    refused("the value", lambda: veikart.Facts(ks, {"work_planned": "true\0x"}))
    with pytest.raises(ValueError):
        veikart.OutcomeKind.of("go\0x")


class _Path:
    """An os.PathLike that is not a pathlib path (which refuses NUL itself)."""

    def __init__(self, path):
        self._path = path

    def __fspath__(self):
        return self._path


def test_control_characters_in_names_are_refused_by_the_library(ks):
    with veikart.Initiative.create(ks, "C-1", "Control", actor="Kari") as ini:
        ini.assign("Kari", "prosjekteier", actor="Kari")
        seq = ini.seq
        with pytest.raises(veikart.InvalidArgumentError) as raised:
            ini.assign("Ola\x1b]0;owned\x07", "prosjekteier", actor="Kari")
        assert "the person contains a control character (U+001B) at byte 4" in str(raised.value)
        with pytest.raises(veikart.InvalidArgumentError) as raised:
            ini.set("work_planned", True, actor="Kari\tMallory")
        assert "the actor contains a control character (U+0009)" in str(raised.value)
        with pytest.raises(veikart.InvalidArgumentError) as raised:
            ini.decide("go", actor="Kari", rationale="ok\r\nforged", override=True)
        assert "the rationale contains a control character (U+000D)" in str(raised.value)
        assert ini.seq == seq


def test_a_rationale_of_white_space_is_refused(ks):
    with veikart.Initiative.create(ks, "W-1", "White space", actor="Kari") as ini:
        ini.assign("Kari", "prosjekteier", actor="Kari")
        for rationale in ("   ", "\n", " \t \n "):
            with pytest.raises(veikart.InvalidArgumentError) as raised:
                ini.decide("go", actor="Kari", rationale=rationale, override=True)
            assert "the rationale is only white space" in str(raised.value)
        assert ini.seq == 2


def test_a_name_in_a_report_is_text(ks):
    with veikart.Initiative.create(ks, "S-1", "Script", actor="Kari") as ini:
        ini.assign("Kari", "prosjekteier", actor="Kari")
        ini.assign("<script>alert(1)</script>", "prosjektleder", actor="Kari")
        for fmt in ("markdown", "html"):
            text = ini.export(fmt)
            assert "<script>" not in text
            assert "&lt;script&gt;" in text


def test_only_regular_files_are_read(tmp_path):
    fifo = tmp_path / "m.xml"
    os.mkfifo(fifo)
    for path, what in (
        (fifo, "is a FIFO, not a regular file"),
        ("/dev/zero", "is a character device, not a regular file"),
        (tmp_path, "is a directory, not a regular file"),
    ):
        with pytest.raises(veikart.InputOutputError) as raised:
            veikart.Methodology.load(pathlib.Path(path))
        assert what in str(raised.value)
        with pytest.raises(veikart.InputOutputError) as raised:
            veikart.sha256_file(path)
        assert str(raised.value).endswith("%s: %s" % (path, what))
