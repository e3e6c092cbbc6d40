# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""The definition objects, rollout units, diffs and the reach of the bindings."""

import ast
import datetime

import pytest

import veikart
from conftest import SOURCE

PACKAGE = SOURCE / "bindings" / "python" / "veikart"

# Functions of the C API the package does not call, and why.
NOT_WRAPPED = {
    "veikart_error_clear": "every failure raises at once; there is no error state to clear",
    "veikart_expr_compile": "Methodology.compile() calls veikart_expr_compile_in() instead",
    "veikart_diagnostics_error_count": "diagnostics are a tuple; each says its severity",
    "veikart_event_field": "Event.fields holds every field, Event.get() reads one",
    "veikart_initiative_method": "Initiative.methodology is the Methodology it was made with",
}


def test_every_function_of_the_c_api_is_reachable_from_python():
    """Each exported function is called by the package, by name or by a prefix
    (`_call("title")` on a Phase calls veikart_phase_title)."""
    literals = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.Attribute):
                literals.add(node.attr)
    prefixes = {s for s in literals if s.startswith("veikart_") and s.endswith("_")}
    exported = (SOURCE / "tests" / "exports.txt").read_text().split()
    assert len(exported) >= 300
    missing = [
        name
        for name in exported
        if name not in NOT_WRAPPED
        and name not in literals
        and not any(name.startswith(p) and name[len(p) :] in literals for p in prefixes)
    ]
    assert missing == []
    assert set(NOT_WRAPPED) <= set(exported)


def test_the_package_knows_the_library():
    assert veikart.version.count(".") == 2
    major, minor, patch = (int(p) for p in veikart.version.split("."))
    assert veikart.version_number == major * 10000 + minor * 100 + patch
    shipped = sorted(p.stem for p in (SOURCE / "methodologies").glob("*.xml"))
    assert sorted(veikart.Methodology.builtin()) == shipped
    assert veikart.DEFAULT_METHODOLOGY in shipped
    assert veikart.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert veikart.sha256_file(SOURCE / "methodologies" / "esset.xml") == veikart.sha256(
        (SOURCE / "methodologies" / "esset.xml").read_bytes()
    )


def test_a_methodology_reads_as_python(ks):
    assert ks.id == "ks-veikart" and ks.lang == "nb" and "en" in ks.languages
    assert ks.title != ks.title_in("en")
    assert len(ks.digest) == 64 and ks.extends is None and ks.overlays == []
    assert all(href.startswith("http") for href, _ in ks.sources)
    assert ks.start == ks.phases[0] and ks.start.kind == veikart.PhaseKind.NEEDS
    pilot = ks.phases["utproving"]
    assert pilot.kind == veikart.PhaseKind.PILOT and pilot.index == 2 and pilot.max_days > 0
    assert "utproving" in ks.phases and "nowhere" not in ks.phases
    assert ks.phases[-1].terminal and ks.phases[1:3] == [ks.phases[1], pilot]
    gate = pilot.gates[0]
    assert gate.source == pilot and ks.gates[gate.id] == gate
    assert gate.aggregation == veikart.Aggregation.MUST_THEN_SCORE
    assert [a.role.id for a in gate.authorities] == ["prosjekteier"]
    go = gate.outcomes["go"]
    assert go.kind == veikart.OutcomeKind.GO and go.target == ks.phases["evaluering"]
    assert go.label_in("en")
    step = pilot.steps[0]
    assert isinstance(step, veikart.Step) and step.title and step.role is not None
    for criterion in gate.criteria:
        assert criterion.text_in("en") and criterion.expression
        assert all(isinstance(f, veikart.Fact) for f in criterion.facts)
        assert ks.compile(criterion.expression).type == veikart.Type.BOOL
    fact = ks.facts["staff_trained_ratio"]
    assert fact.type == veikart.Type.RATIO and fact.scope == veikart.Scope.INITIATIVE
    review = ks.gates["g-gevinstoppfolging"]
    assert review.every_days == 365
    assert veikart.OutcomeKind.CONTINUE in [o.kind for o in review.outcomes]
    assert ks.roles["prosjekteier"].kind == veikart.RoleKind.PERSON
    assert str(veikart.OutcomeKind.CONDITIONAL_GO) == "conditional-go"
    assert veikart.OutcomeKind.of("conditional-go") == veikart.OutcomeKind.CONDITIONAL_GO


def test_load_options_reach_the_loader(tmp_path, source):
    with pytest.raises(veikart.NotFoundError):
        veikart.Methodology.load("esset", no_builtin=True, no_system=True, no_env=True)
    (tmp_path / "esset.xml").write_bytes((source / "methodologies" / "esset.xml").read_bytes())
    found = veikart.Methodology.load("esset", search_path=tmp_path, no_builtin=True)
    assert found.file == str(tmp_path / "esset.xml")
    with pytest.raises(veikart.LimitError):
        veikart.Methodology.load(tmp_path / "esset.xml", max_input_bytes=1000)
    with pytest.raises(TypeError):
        veikart.Methodology.load("esset", max_speed=3)


@pytest.mark.parametrize(
    "other",
    sorted(
        p.name[len("ks-veikart--") : -len(".txt")]
        for p in (SOURCE / "tests" / "diff").glob("*.txt")
        if p.name[len("ks-veikart--") : -len(".txt")] not in ("nasss", "prosjektveiviseren")
    ),
)
def test_a_diff_is_what_veikart_diff_prints(ks, other):
    expected = (SOURCE / "tests" / "diff" / ("ks-veikart--%s.txt" % other)).read_text()
    d = veikart.diff(ks, veikart.Methodology.load(other))
    assert d.text() == expected
    assert len(d) == sum(1 for line in expected.splitlines()[2:] if line[:1] in "+-~")
    assert d.xml().startswith("<?xml")


def test_facts_are_a_mapping(ks):
    facts = veikart.Facts(ks, {"work_planned": True, "staff_trained_ratio": "80%"})
    assert dict(facts) == {"work_planned": "true", "staff_trained_ratio": "0.8"}
    facts["pilot_participants"] = 24
    del facts["work_planned"]
    assert "work_planned" not in facts and facts["pilot_participants"] == "24"
    with pytest.raises(veikart.TypeMismatchError):
        facts["staff_trained_ratio"] = 1.5
    assert facts["staff_trained_ratio"] == "0.8"
    expr = ks.compile("staff_trained_ratio ge 75%")
    assert expr.evaluate(facts).met
    assert not expr.evaluate({"staff_trained_ratio": 0.5}).met
    unknown = expr.evaluate()
    assert unknown.truth == veikart.Truth.UNKNOWN and "staff_trained_ratio" in unknown.reason
    elapsed = ks.compile("days_in_phase() ge 30d")
    entered = datetime.date(2026, 1, 1)
    assert elapsed.evaluate(
        now=datetime.datetime(2026, 2, 1, tzinfo=datetime.timezone.utc), phase_entered=entered
    ).met
    assert not elapsed.evaluate(now=datetime.date(2026, 1, 10), phase_entered=entered).met
    # Times as the library reads them: a date, or a time in UTC.
    assert elapsed.evaluate(now="2026-02-01T10:00:00Z", phase_entered=entered).met
    assert not elapsed.evaluate(now="2026-01-10", phase_entered=entered).met
    with pytest.raises(veikart.InvalidArgumentError):
        elapsed.evaluate(now="2026-02-30", phase_entered=entered)


def test_rollout_units(clock):
    m = veikart.Methodology.load("silkeborg-ibg")
    clock.now = datetime.datetime(2018, 3, 5, tzinfo=datetime.timezone.utc)
    with veikart.Initiative.create(m, "IBG-1", "IBG", actor="Mette", clock=clock) as ini:
        ini.assign("Mette", "projektejer", actor="Mette")
        ini.assign("Jens", "udviklingskonsulent", actor="Mette")
        ini.assign("Lise", "leverandoer", actor="Mette")
        ini.set_many({"staff_involved": True, "supplier_involved": True}, actor="Jens")
        ini.decide("go", actor="Mette", rationale="Chosen by the staff.")
        ini.attach("implementation_plan", "https://example.org/plan.pdf", actor="Jens")
        ini.approve("implementation_plan", actor="Mette")
        ini.set("training_adapted", True, actor="Lise")
        ini.set_many({"information_plan": True, "problem_response_ready": True}, actor="Jens")
        ini.set("supplier_best_practice", True, actor="Lise")
        ini.decide("go", actor="Mette", rationale="Roll out.")
        assert ini.phase.kind == veikart.PhaseKind.ROLLOUT

        sites = [
            ini.add_unit("site-%d" % i, title="Site %d" % i, type="botilbud", wave=1, actor="Jens")
            for i in (1, 2, 3)
        ]
        assert ini.units.ids() == ["site-1", "site-2", "site-3"] and "site-2" in ini.units
        ini.add_unit("early", type="botilbud", wave=1, order=1, actor="Jens")
        ini.add_unit("none", type="botilbud", actor="Jens")
        assert [u.id for u in ini.units.in_rollout_order()] == [
            "early", "site-1", "site-2", "site-3", "none"
        ]
        site = ini.units["site-1"]
        assert site == sites[0] and site.type == "botilbud" and site.wave == 1
        assert site.phase == m.unit_start and site.status == veikart.Status.ACTIVE
        site.assign("Leder 1", "leder", actor="Jens")
        assert site.holds("Leder 1", "leder") and not ini.holds("Leder 1", "leder")
        assert ini.assignments[-1] == veikart.Assignment("Leder 1", m.roles["leder"], "site-1")

        clock.advance(days=20)
        site.set_many({"kickoff_held": True, "superusers": 2}, actor="Jens")
        assert site.fact("superusers") == "2" and site.fact_actor("superusers") == "Jens"
        decision = site.decide("go", actor="Jens", rationale="Kick-off held.")
        assert decision.unit == "site-1" and decision.gate.source == m.unit_start
        assert site.phase != m.unit_start and len(site.visits) == 2
        assert site.decisions == [decision]
        with pytest.raises(veikart.DeniedError):
            site.set("screens_up", True, actor="Leder 2")
        with pytest.raises(veikart.StateError):
            ini.units["site-2"].decide("go", actor="Jens", rationale="Too early.")
        report = ini.units["site-2"].evaluate()
        assert not report.ready and report.results
        with pytest.raises(KeyError):
            ini.units["site-9"]
