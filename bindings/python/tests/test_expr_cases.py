# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""The shared expression conformance table, tests/expr/cases.tsv, from Python.

The table's header describes its format; this reader follows it as the C
runner (tests/unit/expr_corpus.h) does, and each case is one test.
"""

import datetime
import re

import pytest

import veikart
from conftest import SOURCE

CASES = SOURCE / "tests" / "expr" / "cases.tsv"


def expand(expr):
    """${N*TEXT}: TEXT written N times."""
    return re.sub(r"\$\{(\d+)\*([^}]*)\}", lambda m: m.group(2) * int(m.group(1)), expr)


def read_cases():
    cases = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").split("\n"), 1):
        if line == "" or line.startswith("#"):
            continue
        fields = line.split("\t", 4)
        assert len(fields) >= 4, "cases.tsv:%d: expected at least 4 fields" % number
        fields += [""] * (5 - len(fields))
        cases.append(pytest.param(number, expand(fields[0]), *fields[1:], id="line%d" % number))
    return cases


def unit_names(name):
    """`Site 1..30` stands for Site 1 ... Site 30; any other name for itself."""
    m = re.fullmatch(r"(.*?)(\d+)\.\.(\d+)", name)
    if not m:
        return [name]
    return ["%s%d" % (m.group(1), k) for k in range(int(m.group(2)), int(m.group(3)) + 1)]


def parse_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc
    )


def split_items(text):
    """`a=1; b=x\\;y`: items split at `;`, where `\\;` is a `;` and `\\\\` a `\\`."""
    items, item, i = [], "", 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1 : i + 2] in (";", "\\"):
            item += text[i + 1]
            i += 2
            continue
        if text[i] == ";":
            items.append(item)
            item = ""
        else:
            item += text[i]
        i += 1
    items.append(item)
    return [s.strip(" ") for s in items if s.strip(" ")]


class Setting:
    """The facts column of a case, read."""

    def __init__(self, text):
        self.facts = []  # (unit or None, fact, value), in order
        self.units = []  # (id, type, wave, phase)
        self.phase = None
        self.at = None
        self.unit_scope = False
        self.now = None
        self.entered = None
        if text == "-":
            return
        for item in split_items(text):
            key, _, value = item.partition("=")
            key, value = key.strip(" "), value.strip(" ")
            if key == "@now":
                self.now = parse_time(value)
            elif key == "@entered":
                self.entered = parse_time(value)
            elif key == "@phase":
                self.phase = value
            elif key == "@at":
                self.at = value
                self.unit_scope = True
            elif key == "@context":
                self.unit_scope = value == "unit"
            elif key == "@unit":
                name, *parts = value.split(",")
                spec = {"type": None, "wave": 0, "phase": None}
                for part in parts:
                    k, _, v = part.partition("=")
                    spec[k.strip(" ")] = v.strip(" ")
                for unit in unit_names(name.strip(" ")):
                    self.units.append((unit, spec["type"], int(spec["wave"]), spec["phase"]))
            elif "." in key:
                unit, _, fact = key.rpartition(".")
                for name in unit_names(unit):
                    self.facts.append((name, fact, value))
            else:
                self.facts.append((None, key, value))

    def record(self, facts):
        """Set up a Facts; returns the error of the value that does not fit, or None."""
        if self.phase:
            facts.set_phase(self.phase)
        for unit, type_, wave, phase in self.units:
            facts.add_unit(unit, type=type_, wave=wave, phase=phase)
        for unit, fact, value in self.facts:
            try:
                if unit is None:
                    facts[fact] = value
                else:
                    facts.set_unit(unit, fact, value)
            except veikart.TypeMismatchError as e:
                return e
        return None


def describe(value):
    """A result as the table writes it: met, unmet, unknown or its text."""
    if value.text is None:
        assert value.truth == veikart.Truth.UNKNOWN
        return "unknown"
    if value.type == veikart.Type.BOOL:
        assert value.text == ("true" if value.met else "false")
        return "met" if value.met else "unmet"
    assert value.truth == veikart.Truth.MET
    return value.text


@pytest.fixture(scope="module")
def corpus_methodology():
    return veikart.Methodology.load(
        SOURCE / "tests" / "expr" / "methodology.xml", no_env=True, no_system=True
    )


def test_the_table_has_its_cases():
    assert len(read_cases()) >= 650


@pytest.mark.parametrize("line,expr,facts_text,type_name,expect,reason", read_cases())
def test_case(corpus_methodology, line, expr, facts_text, type_name, expect, reason):
    m = corpus_methodology
    setting = Setting(facts_text)
    facts = veikart.Facts(m)
    bad = setting.record(facts)
    if expect == "badvalue":
        assert bad is not None, "every value was accepted"
        assert reason in bad.message
        return
    assert bad is None, "cannot set a fact: %s" % bad
    scope = veikart.Scope.UNIT if setting.unit_scope else veikart.Scope.INITIATIVE

    failure = re.fullmatch(r"(error|limit)@(\d+)", expect)
    if failure:
        expected = veikart.FormatError if failure.group(1) == "error" else veikart.LimitError
        with pytest.raises(expected) as raised:
            m.compile(expr, scope)
        assert (raised.value.line, raised.value.column) == (1, int(failure.group(2)))
        assert reason in raised.value.message
        return

    compiled = m.compile(expr, scope)
    options = dict(now=setting.now, phase_entered=setting.entered, unit=setting.at)
    value = compiled.evaluate(facts, **options)
    assert (str(compiled.type), describe(value)) == (type_name, expect), compiled.text
    assert reason in value.reason

    # The canonical text compiles to itself and means the same.
    again = m.compile(compiled.text, scope)
    assert again.text == compiled.text
    assert again.type == compiled.type
    assert again.evaluate(facts, **options) == value
