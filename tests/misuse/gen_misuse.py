#!/usr/bin/env python3
# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Generate the misuse test: every exported function called with NULL and
invalid arguments, none of which may crash it.

    gen_misuse.py EXPORTS INCLUDE_DIR OUTPUT.c

For each function named in EXPORTS (tests/exports.txt) the public headers
give the prototype and the documentation, and the test calls it

  (a) with every pointer NULL and every number 0;
  (b) with each pointer NULL in turn, the other arguments valid (objects of
      the fixture, tests/misuse/fixture.c);
  (c) with invalid values: an index past the end (SIZE_MAX and the count),
      an enum value outside the enum (-1, 9999), an id that does not exist,
      an empty id, options of an unknown version, malformed requests;
  (d) then with the NULLs the header allows, and with every argument valid,
      which may succeed (ASan and valgrind then check the success paths).

What it expects comes from the header (errors.h and the conventions of
docs/architecture.md):
a function whose @return lists VEIKART_E... codes returns a negative code
(VEIKART_EINVALID for a NULL argument the header does not call optional),
explained by veikart_error_last(), leaves its out-parameters NULL and the
initiative it was to change unchanged; an accessor returns its neutral
value (NULL, 0, or what its @return says, as "#VEIKART_PHASE_CUSTOM when
@p phase is NULL"); a name function names each value of its enum with a
name its doc lists, and says "unknown" outside it; `_free(NULL)` does nothing.

A function or parameter this script cannot classify stops it with a message
naming it, and so the build: a newly exported function is covered, or the
build says how it needs to be told to call it.  Never silently skipped.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bindings", "python"))
import veikart_headers  # noqa: E402  (the header reader the Python bindings use)


class Unclassified(Exception):
    """The script does not know how to call a function or make an argument."""


# ---- which world a function runs in ---------------------------------------
#
# ks-veikart has no rollout units, so the functions about units run on
# silkeborg-ibg, which has unit phases, unit facts and unit types.


def world_of(fn):
    return "units" if "unit" in fn.name else "ks"


# ---- valid arguments ----------------------------------------------------------
#
# C expressions over the fixture `fx` and the function's world `w` (misuse.h).

VALID_BY_TYPE = {
    "const veikart_method *": "w->method",
    "const veikart_phase *": "w->phase",
    "const veikart_gate *": "w->gate",
    "const veikart_step *": "w->step",
    "const veikart_role *": "w->role",
    "const veikart_fact *": "w->fact",
    "const veikart_scale *": "w->scale",
    "const veikart_criterion *": "w->criterion",
    "const veikart_outcome *": "w->outcome",
    "const veikart_unit_type *": "w->unit_type",
    "const veikart_initiative *": "w->initiative",
    "veikart_initiative *": "w->initiative",
    "const veikart_unit *": "w->unit",
    "const veikart_decision *": "w->decision",
    "const veikart_report *": "w->report",
    "const veikart_value *": "w->value",
    "const veikart_expr *": "w->expr",
    "const veikart_facts *": "w->facts",
    "veikart_facts *": "w->facts",
    "const veikart_journal *": "w->journal",
    "veikart_journal *": "w->journal",
    "const veikart_event *": "w->event",
    "const veikart_diagnostics *": "fx->diags",
    "const veikart_diagnostic *": "fx->diagnostic",
    "const veikart_diff *": "fx->diff",
    "const veikart_load_options *": "&fx->load_opts",
    "veikart_load_options *": "&fx->load_out",
    "const veikart_initiative_options *": "&fx->init_opts",
    "const veikart_journal_options *": "&fx->journal_opts",
    "const veikart_diff_options *": "&fx->diff_opts",
    "const veikart_eval_options *": "&fx->eval_opts",
    "const veikart_verify_options *": "&fx->verify_opts",
    "veikart_verify_options *": "&fx->verify_out",
    "uint64_t *": "&fx->count_out",
    "const veikart_decision_request *": "&w->request",
    "const veikart_unit_spec *": "&w->spec",
    "const veikart_event * const *": "w->events",
    "size_t *": "&length",
    "veikart_initiative_options *": "&fx->init_out",
    "veikart_journal_options *": "&fx->journal_out",
    "veikart_diff_options *": "&fx->diff_out",
    "veikart_eval_options *": "&fx->eval_out",
    "veikart_decision_request *": "&fx->request_out",
    "veikart_unit_spec *": "&fx->spec_out",
    "veikart_decision_record *": "&fx->decision_out",
    "const veikart_unit **": "fx->unit_order",
    "int64_t *": "&fx->time_out",
    "veikart_event_kind *": "&fx->event_kind_out",
    "veikart_outcome_kind *": "&fx->outcome_kind_out",
    "veikart_verdict *": "&fx->verdict_out",
    "veikart_truth *": "&fx->truth_out",
    "veikart_phase_kind *": "&fx->phase_kind_out",
    "veikart_type *": "&fx->type_out",
    "veikart_level *": "&fx->level_out",
    "veikart_status *": "&fx->status_out",
    "const veikart_key *": "fx->key",
    "const veikart_keyring *": "fx->keyring",
    "const veikart_signer *": "fx->signer",
    "veikart_signer *": "fx->signer",
    "const veikart_sign_options *": "&fx->sign_opts",
    "veikart_sign_options *": "&fx->sign_out",
    "uint64_t *": "&fx->u64_out",
}

# Strings, told apart by the parameter's name.
VALID_STRING = {
    "actor": "MISUSE_OWNER",
    "person": '"misuse-person"',
    "role_id": "w->role_id",
    "fact_id": "w->fact_id",
    "phase_id": "w->phase_id",
    "step_id": "w->step_id",
    "unit_id": "w->unit_id",
    "key": "w->event_key",
    "lang": '"en"',
    "ref": "VEIKART_DEFAULT_METHOD",
    "name": '"misuse.xml"',
    "title": '"Misuse"',
    "uri": '"https://example.org/misuse.pdf"',
    "sha256": "MISUSE_SHA256",
    "value": '"true"',
    "message": '"misuse"',
    "type": "w->unit_type_id",
    "source": "w->fact_id",
    "record": "w->record",
}

# Numbers, by name.
VALID_NUMBER = {
    "index": "0",
    "count": "1",
    "decision_seq": "w->decision_seq",
    "wave": "1",
    "code": "VEIKART_EINVALID",
    "version": "VEIKART_LOAD_OPTIONS_VERSION",
    "n": "0",
}

# Where a function needs another value than its parameter's type or name gives.
VALID_OVERRIDE = {
    ("veikart_method_load_file", "path"): "fx->method_path",
    ("veikart_sha256_file", "path"): "fx->method_path",
    ("veikart_journal_open", "path"): "misuse_fresh_path(fx)",
    ("veikart_journal_verify", "path"): "w->journal_path",
    ("veikart_journal_verify", "head"): "fx->head_out",
    ("veikart_method_load_buffer", "data"): "fx->method_xml",
    ("veikart_method_load_buffer", "size"): "fx->method_xml_len",
    ("veikart_sha256_hex", "data"): "fx->method_xml",
    ("veikart_sha256_hex", "size"): "fx->method_xml_len",
    ("veikart_sha256_hex", "out"): "fx->digest",
    ("veikart_sha256_file", "out"): "fx->digest",
    ("veikart_initiative_restore", "data"): "w->snapshot",
    ("veikart_initiative_restore", "size"): "w->snapshot_len",
    ("veikart_event_parse", "length"): "w->record_len",
    ("veikart_diagnostic_format", "buf"): "fx->buf",
    ("veikart_diagnostic_format", "size"): "sizeof(fx->buf)",
    ("veikart_journal_commit", "journal"): "w->spare_journal",
    ("veikart_initiative_apply", "initiative"): "w->opened",
    ("veikart_initiative_unassign", "person"): "MISUSE_HOLDER",
    ("veikart_initiative_unit_unassign", "person"): "MISUSE_HOLDER",
    ("veikart_diff_methods", "a"): "w->method",
    ("veikart_diff_methods", "b"): "fx->units.method",
    ("veikart_initiative_create", "id"): '"misuse-2"',
    ("veikart_facts_add_unit", "unit_id"): '"misuse-unit-2"',
    ("veikart_initiative_set_many", "fact_ids"): "w->fact_ids",
    ("veikart_initiative_set_many", "values"): "w->values",
    ("veikart_initiative_unit_set", "fact_ids"): "w->fact_ids",
    ("veikart_initiative_unit_set", "values"): "w->values",
    ("veikart_initiative_attach", "fact_id"): "w->evidence_id",
    ("veikart_initiative_approve", "fact_id"): "w->evidence_id",
    ("veikart_initiative_sign", "fact_id"): "w->signoff_id",
    ("veikart_initiative_unit_attach", "fact_id"): "w->evidence_id",
    ("veikart_initiative_unit_approve", "fact_id"): "w->evidence_id",
    ("veikart_initiative_unit_sign", "fact_id"): "w->signoff_id",
    ("veikart_initiative_options_init", "version"): "VEIKART_INITIATIVE_OPTIONS_VERSION",
    ("veikart_journal_options_init", "version"): "VEIKART_JOURNAL_OPTIONS_VERSION",
    ("veikart_diff_options_init", "version"): "VEIKART_DIFF_OPTIONS_VERSION",
    ("veikart_eval_options_init", "version"): "VEIKART_EVAL_OPTIONS_VERSION",
    ("veikart_decision_request_init", "version"): "VEIKART_DECISION_REQUEST_VERSION",
    ("veikart_unit_spec_init", "version"): "VEIKART_UNIT_SPEC_VERSION",
    ("veikart_initiative_rollout_order", "size"): "64",
    ("veikart_time_parse", "text"): '"2026-01-05T09:00:00Z"',
    ("veikart_outcome_kind_from_name", "name"): '"go"',
    ("veikart_verdict_from_name", "name"): '"ready"',
    ("veikart_truth_from_name", "name"): '"met"',
    ("veikart_event_kind_from_name", "name"): '"decide"',
    ("veikart_phase_kind_from_name", "name"): '"pilot"',
    ("veikart_type_from_name", "name"): '"ratio"',
    ("veikart_level_from_name", "name"): '"must"',
    ("veikart_status_from_name", "name"): '"active"',
    ("veikart_sign_options_init", "version"): "VEIKART_SIGN_OPTIONS_VERSION",
    ("veikart_key_generate", "name"): "MISUSE_OWNER",
    ("veikart_key_load", "path"): "fx->key_path",
    ("veikart_key_save", "path"): "misuse_fresh_path(fx)",
    ("veikart_keyring_load", "path"): "fx->keyring_path",
    ("veikart_keyring_parse", "text"): "fx->keyring_text",
    ("veikart_keyring_parse", "length"): "fx->keyring_len",
    ("veikart_seal_make", "time"): "0",
    ("veikart_seal_check", "seal"): "fx->seal",
    ("veikart_seal_check", "length"): "fx->seal_len",
}

# `*_by_id(..., id)`: the id of an element of that kind.
BY_ID = {
    "role": "w->role_id",
    "fact": "w->fact_id",
    "scale": "w->scale_id",
    "unit_type": "w->unit_type_id",
    "phase": "w->phase_id",
    "gate": "w->gate_id",
    "criterion": "w->criterion_id",
    "unit": "w->unit_id",
}

# ---- invalid arguments -------------------------------------------------------
#
# Each a C expression and what it is; for a function that can fail, each must
# give a negative code, for an accessor its neutral value.

UNKNOWN_AND_EMPTY = ['"no-such-id"', '""']

INVALID_STRING = {
    "actor": UNKNOWN_AND_EMPTY,  # holds no role; no actor
    "person": ['""'],
    "role_id": UNKNOWN_AND_EMPTY,
    "fact_id": UNKNOWN_AND_EMPTY,
    "phase_id": UNKNOWN_AND_EMPTY,
    "step_id": UNKNOWN_AND_EMPTY,
    "unit_id": UNKNOWN_AND_EMPTY,
    "id": UNKNOWN_AND_EMPTY,
    "key": UNKNOWN_AND_EMPTY,
    "ref": UNKNOWN_AND_EMPTY,
    "path": ['"/nonexistent/misuse"', '""'],
    "sha256": ['"not-a-digest"'],
    "value": ['"not-a-bool"'],
    "type": UNKNOWN_AND_EMPTY,
    "source": ['"(("', '""', '"no_such_fact"'],
    # Of the same length as the valid record, which is what `length` says.
    "record": ["w->bad_record", "w->tampered_record"],
    "uri": ['""'],
}

# Where the id names something the call creates, an unknown id is a good one.
INVALID_OVERRIDE = {
    ("veikart_initiative_create", "id"): ['""'],
    ("veikart_initiative_create", "actor"): ['""'],
    ("veikart_facts_add_unit", "unit_id"): ['""', "MISUSE_UNIT"],
}

INVALID_BY_TYPE = {
    "const veikart_load_options *": ["&fx->bad_load_opts"],
    "const veikart_initiative_options *": ["&fx->bad_init_opts"],
    "const veikart_journal_options *": ["&fx->bad_journal_opts"],
    "const veikart_diff_options *": ["&fx->bad_diff_opts"],
    "const veikart_eval_options *": ["&fx->bad_eval_opts", "&fx->eval_unknown_unit"],
    "const veikart_verify_options *": ["&fx->bad_verify_opts"],
    "const veikart_event * const *": ["w->null_events"],
    "const veikart_sign_options *": ["&fx->bad_sign_opts"],
}

# Arrays of bad structures in the fixture: (array, count, descriptions).
INVALID_LOOPS = {
    "const veikart_decision_request *": (
        "fx->bad_requests",
        "MISUSE_BAD_REQUESTS",
        "fx->bad_request_why",
    ),
    "const veikart_unit_spec *": ("fx->bad_specs", "MISUSE_BAD_SPECS", "fx->bad_spec_why"),
}

# Arrays of strings, by name: an element NULL, an unknown fact.
INVALID_ARRAY = {
    "fact_ids": ["w->null_fact_ids", "w->unknown_fact_ids"],
    "values": ["w->null_values"],
}

INVALID_NUMBER = {
    "decision_seq": ["0", "UINT64_MAX"],
    "wave": ["-1"],
    "code": ["9999", "INT_MIN"],
    "version": ["0", "9999"],
}

# Parameters with no invalid value the library could notice: a count or a
# size larger than its array is the caller's bug (undefined behaviour), not
# a misuse a function can see; any text is a valid title, name or language.
NO_INVALID = {"count", "size", "length", "lang", "title", "name", "message"}

# ---- functions told apart by hand ----------------------------------------------------

# veikart_error_set() is not a function that fails: it returns its @p code.
RETURNS_ITS_CODE = {"veikart_error_set"}

NUMERIC = {"size_t", "int", "long", "unsigned int", "int64_t", "uint64_t", "double"}


class Api:
    def __init__(self, functions, enums, exports):
        self.by_name = {f.name: f for f in functions}
        self.enums = enums
        self.exports = exports


def resolve_returns(api, fn, seen=()):
    """The @return text, following "As veikart_x()" to the function it names."""
    text = fn.returns_doc
    m = re.match(r"As (veikart_\w+)\(\)", text)
    if m and m.group(1) in api.by_name and m.group(1) not in seen:
        text = resolve_returns(api, api.by_name[m.group(1)], seen + (fn.name,)) + " " + text
    return text


# T ** parameters that are arrays the caller provides, filled with pointers
# the library lends (veikart_initiative_rollout_order()), not objects handed
# over to be freed.
LENT_ARRAYS = {"const veikart_unit **"}


def is_out(p):
    return p.type.endswith("**") and p.type not in LENT_ARRAYS


def is_pointer(p):
    return "*" in p.type


def is_optional(p):
    """The header says NULL is a valid value for this parameter."""
    return bool(re.search(r"\bor NULL\b|If not NULL|\bNULL (for|to|reads)\b", p.doc))


def out_free(api, fn, p):
    """The function that frees what a T ** out-parameter receives."""
    base = p.type[:-2].strip()
    if base == "char":
        return "veikart_string_free"
    free = base + "_free"
    if free not in api.by_name:
        raise Unclassified(
            "%s: no %s() to free out-parameter `%s %s`" % (fn.name, free, p.type, p.name)
        )
    return free


def valid(api, fn, p):
    key = (fn.name, p.name)
    if key in VALID_OVERRIDE:
        return VALID_OVERRIDE[key]
    if p.type in VALID_BY_TYPE:
        return VALID_BY_TYPE[p.type]
    if is_out(p):
        return "&" + p.name  # a local of that name, declared by emit_case()
    if p.type == "const char *":
        m = re.match(r"veikart_\w+?_(\w+)_by_id$", fn.name)
        if p.name == "id" and m and m.group(1) in BY_ID:
            return BY_ID[m.group(1)]
        if p.name in VALID_STRING:
            return VALID_STRING[p.name]
    if p.type in NUMERIC and p.name in VALID_NUMBER:
        return VALID_NUMBER[p.name]
    if p.type in api.enums:
        return api.enums[p.type][0]
    raise Unclassified(
        "%s: no valid value for parameter `%s %s`; add one to VALID_BY_TYPE, "
        "VALID_STRING, VALID_NUMBER or VALID_OVERRIDE in %s"
        % (fn.name, p.type, p.name, os.path.basename(__file__))
    )


def count_call(api, fn, p, args):
    """For an index documented "less than veikart_x_count()": that call."""
    m = re.search(r"less than (veikart_\w+)\(\)", p.doc)
    if not m or m.group(1) not in api.by_name:
        return None
    counter = api.by_name[m.group(1)]
    mine = {q.name: a for q, a in zip(fn.params, args)}
    try:
        return "%s(%s)" % (counter.name, ", ".join(mine[q.name] for q in counter.params))
    except KeyError:
        raise Unclassified("%s: cannot call %s() for the count" % (fn.name, counter.name))


def invalid(api, fn, p, args):
    """[(C expression, loop or None)] of invalid values for one parameter."""
    key = (fn.name, p.name)
    if key in INVALID_OVERRIDE:
        return [(v, None) for v in INVALID_OVERRIDE[key]]
    if p.type in INVALID_LOOPS:
        return [(None, INVALID_LOOPS[p.type])]
    if p.type in INVALID_BY_TYPE:
        return [(v, None) for v in INVALID_BY_TYPE[p.type]]
    if p.type in api.enums:
        return [("(%s)-1" % p.type, None), ("(%s)9999" % p.type, None)]
    if p.type == "size_t" and p.name == "index":
        out = [("SIZE_MAX", None)]
        counted = count_call(api, fn, p, args)
        if counted:
            out.append((counted, None))
        return out
    if p.type in NUMERIC and p.name in INVALID_NUMBER:
        return [(v, None) for v in INVALID_NUMBER[p.name]]
    if p.type == "const char * const *" and p.name in INVALID_ARRAY:
        return [(v, None) for v in INVALID_ARRAY[p.name]]
    if p.type == "const char *" and p.name in INVALID_STRING:
        return [(v, None) for v in INVALID_STRING[p.name]]
    return []


# ---- what a call must give ------------------------------------------------------------


def classify(api, fn):
    """free, void, fails, returns-code, name or accessor."""
    if fn.name in RETURNS_ITS_CODE:
        return "returns-code"
    if fn.returns == "void":
        if fn.name.endswith("_free"):
            if len(fn.params) != 1 or not is_pointer(fn.params[0]):
                raise Unclassified("%s: a _free function with other than one pointer" % fn.name)
            return "free"
        if fn.params:
            raise Unclassified("%s: a void function with parameters; say what it must do" % fn.name)
        return "void"
    if fn.returns == "int" and "#VEIKART_E" in resolve_returns(api, fn):
        return "fails"
    if (
        fn.returns == "const char *"
        and len(fn.params) == 1
        and fn.params[0].type in api.enums
        and '"unknown"' in fn.returns_doc
    ):
        return "name"
    if fn.returns in NUMERIC or fn.returns in api.enums or fn.returns.endswith("*"):
        return "accessor"
    raise Unclassified("%s: cannot tell what it returns (%s)" % (fn.name, fn.returns))


def documented_names(fn):
    """The names a name function's doc lists: "met", "unmet" or "unknown"."""
    return re.findall(r'"([^"]+)"', fn.doc.split("@param")[0])


def neutral(api, fn):
    """(check, expected) of an accessor given NULL or an index out of range."""
    doc = fn.returns_doc
    if fn.returns.endswith("*"):
        return ("nonnull", None) if "never NULL" in doc else ("null", None)
    stated = re.findall(r"(#VEIKART_\w+|-?\d+)\s+(?:when|before)\b", doc)
    if fn.returns in api.enums:
        if not stated:
            raise Unclassified(
                '%s: its @return does not say what it gives for NULL ("#VEIKART_X when '
                '@p ... is NULL")' % fn.name
            )
        value = stated[-1].lstrip("#")
        return ("int", value)
    value = stated[-1] if stated else "0"
    if fn.returns == "double":
        return ("double", value)
    if fn.returns in ("size_t", "uint64_t", "unsigned int"):
        return ("uint", value)
    return ("int", value)


# ---- C text ------------------------------------------------------------------------------


def c_string(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


class Case:
    """One call: its arguments, what it must give, and a comment."""

    def __init__(self, why, args, expect, loop=None, loop_arg=None):
        self.why = why
        self.args = args
        self.expect = expect  # "einvalid", "error", "explained", "neutral", "none"
        self.loop = loop
        self.loop_arg = loop_arg


def cases(api, fn, kind):
    params = fn.params
    args = [valid(api, fn, p) for p in params] if kind != "free" else []
    pointers = [i for i, p in enumerate(params) if is_pointer(p)]
    fails = kind == "fails"
    out = []

    if kind == "free":
        return [Case("NULL is a no-op", ["NULL"], "none")]
    if not params:
        # Nothing to misuse; what is "never NULL" must not be.
        never_null = kind == "accessor" and neutral(api, fn)[0] == "nonnull"
        return [Case("no arguments", [], "neutral" if never_null else "none")]

    # (a) every pointer NULL, every number 0
    zeros = ["NULL" if is_pointer(p) else "0" for p in params]
    if kind == "name":
        zeros = ["(%s)0" % params[0].type]
    if pointers and all(is_optional(params[i]) for i in pointers):
        expect = "explained" if fails else "none"
    elif pointers:
        expect = "einvalid" if fails else "neutral"
    else:
        expect = "none"
    out.append(Case("every pointer NULL, every number 0", zeros, expect))

    # (b) each pointer NULL in turn.  A NULL the header allows may succeed
    # and change the fixture, so those calls come last, in (d).
    allowed = []
    if len(pointers) > 1 or (pointers and any(not is_pointer(p) for p in params)):
        for i in pointers:
            p = params[i]
            a = list(args)
            a[i] = "NULL"
            if is_optional(p):
                why = "%s NULL, which the header allows" % p.name
                allowed.append(Case(why, a, "explained" if fails else "none"))
            else:
                out.append(Case("%s NULL" % p.name, a, "einvalid" if fails else "neutral"))

    # (c) invalid values
    for i, p in enumerate(params):
        if p.name in NO_INVALID and (fn.name, p.name) not in INVALID_OVERRIDE:
            continue
        for value, loop in invalid(api, fn, p, args):
            a = list(args)
            if loop:
                a[i] = "&%s[i]" % loop[0]
                why = "%s: each of %s" % (p.name, loop[0])
                out.append(Case(why, a, "error" if fails else "neutral", loop, i))
                continue
            a[i] = value
            expect = "error" if fails else "neutral"
            if kind == "name":
                expect = "unknown"
            out.append(Case("%s %s" % (p.name, value), a, expect))
        if kind == "name":
            for member in api.enums[p.type]:
                out.append(Case("a value of the enum", [member], "name"))
    # (d) the NULLs the header allows, and every argument valid: whatever
    # the result, no crash, no leak, and a failure explained.
    out += allowed
    if fails:
        out.append(Case("every argument valid", list(args), "explained"))
    # A call made already (the NULL of (b) when the other arguments are numbers) once.
    seen = set()
    unique = []
    for case in out:
        key = (tuple(case.args), case.loop)
        if key not in seen:
            seen.add(key)
            unique.append(case)
    return unique


def emit_returns_code(fn):
    """veikart_error_set(): returns its code and sets the record, a NULL
    message being the code's veikart_strerror() text."""
    lines = []
    for code, message in (
        ("VEIKART_EIO", "NULL"),
        ("0", "NULL"),
        ("9999", "NULL"),
        ("INT_MIN", '""'),
        ("VEIKART_EINVALID", '"misuse"'),
    ):
        call = "%s(%s, %s)" % (fn.name, code, message)
        text = "veikart_strerror(%s)" % code if message == "NULL" else message
        lines.append("\tmisuse_expect_int(%s, %s, %s);" % (call, code, c_string(call)))
        lines.append(
            "\tmisuse_expect_int(veikart_error_last()->code, %s, %s);"
            % (code, c_string(call + ": veikart_error_last()->code"))
        )
        lines.append(
            "\tmisuse_expect_string(veikart_error_last()->message, %s, %s);"
            % (text, c_string(call + ": veikart_error_last()->message"))
        )
    return lines


def declare(ctype, var, init):
    sep = "" if ctype.endswith("*") else " "
    return "%s%s%s = %s;" % (ctype, sep, var, init)


def emit_case(api, fn, kind, case, neutral_check):
    params = fn.params
    decls = []
    frees = []
    call_args = list(case.args)
    for i, p in enumerate(params):
        if is_out(p) and call_args[i] != "NULL":
            var = p.name
            ctype = p.type[:-1].strip()
            # "Set to NULL on failure": start from a pointer that is not NULL.
            init = "NULL"
            if "Set to NULL on failure" in p.doc:
                init = "(%s)(void *)&misuse_poison" % ctype
            decls.append(declare(ctype, var, init))
            call_args[i] = "&" + var
            frees.append((var, out_free(api, fn, p), is_optional(p)))
        elif p.type == "size_t *" and call_args[i] != "NULL":
            decls.append("size_t length = 0;")
    call = "%s(%s)" % (fn.name, ", ".join(call_args))

    body = []
    if case.loop:
        array, count, whys = case.loop
        shown_args = [a.replace("%", "%%") for a in call_args]
        shown_args[case.loop_arg] = "<%s>"
        fmt = "%s(%s)" % (fn.name, ", ".join(shown_args))
        decls.insert(0, "char call[512];")
        shown = "call"
    else:
        shown = c_string(call)
    # A call that changes an initiative and fails must change nothing.
    changes = [
        a for p, a in zip(params, call_args) if p.type == "veikart_initiative *" and a != "NULL"
    ]
    must_fail = kind == "fails" and case.expect in ("einvalid", "error")
    if must_fail and changes:
        decls.append("uint64_t seq = veikart_initiative_seq(%s);" % changes[0])
    if kind == "fails":
        decls.append("int rc;")
    body += decls
    if decls:
        body.append("")
    if case.loop:
        body.append("snprintf(call, sizeof(call), %s, %s[i]);" % (c_string(fmt), whys))
    if kind == "fails":
        body.append("veikart_error_clear();")
        body.append("rc = %s;" % call)
        if case.expect == "einvalid":
            body.append("misuse_expect_error(rc, VEIKART_EINVALID, %s);" % shown)
        elif case.expect == "error":
            body.append("misuse_expect_error(rc, 0, %s);" % shown)
        else:
            body.append("misuse_expect_explained(rc, %s);" % shown)
        if must_fail and changes:
            body.append(
                "misuse_expect_unchanged(seq, veikart_initiative_seq(%s), %s);"
                % (changes[0], shown)
            )
        for var, _, optional in frees:
            if not optional:
                body.append("if (rc < 0)")
                body.append("\tmisuse_expect_out_null(%s, %s, %s);" % (var, shown, c_string(var)))
        for var, free, _ in frees:
            body.append("%s(%s);" % (free, var))
    elif case.expect == "none":
        body.append("%s;" % call)
    elif case.expect == "unknown":
        body.append('misuse_expect_string(%s, "unknown", %s);' % (call, shown))
    elif case.expect == "name":
        names = documented_names(fn)
        listed = c_string("|%s|" % "|".join(names)) if names else "NULL"
        body.append("misuse_expect_name(%s, %s, %s);" % (call, listed, shown))
    else:
        check, value = neutral_check
        if check in ("null", "nonnull"):
            body.append("misuse_expect_%s(%s, %s);" % (check, call, shown))
        elif check == "double":
            body.append("misuse_expect_double(%s, %s, %s);" % (call, value, shown))
        elif check == "uint":
            body.append("misuse_expect_uint(%s, %s, %s);" % (call, value, shown))
        elif value.startswith("VEIKART_"):
            shown = c_string("%s (%s)" % (call, value))
            body.append("misuse_expect_int((long long)%s, %s, %s);" % (call, value, shown))
        else:
            body.append("misuse_expect_int((long long)%s, %s, %s);" % (call, value, shown))

    lines = ["\t/* %s */" % case.why]
    if len(body) == 1:
        return lines + ["\t" + body[0]]
    lines.append("\tfor (i = 0; i < %s; i++) {" % case.loop[1] if case.loop else "\t{")
    lines += [("\t\t" + b) if b else "" for b in body]
    lines.append("\t}")
    return lines


def emit_function(api, fn):
    kind = classify(api, fn)
    lines = ["static void misuse_%s(void **state)" % fn.name, "{"]
    lines.append("\tmisuse_fixture *fx = *state;")
    lines.append("\tmisuse_world *w = &fx->%s;" % world_of(fn))
    if kind == "returns-code":
        lines.append("")
        lines += emit_returns_code(fn)
    else:
        all_cases = cases(api, fn, kind)
        check = neutral(api, fn) if kind == "accessor" else None
        if any(c.loop for c in all_cases):
            lines.append("\tint i;")
        lines.append("")
        for case in all_cases:
            lines += emit_case(api, fn, kind, case, check)
    lines.append("\t(void)fx;")
    lines.append("\t(void)w;")
    lines.append("}")
    return lines


def generate(api):
    out = [
        "/*",
        " * Generated by tests/misuse/gen_misuse.py from tests/exports.txt and the",
        " * headers in include/veikart: do not edit.  One test per exported function.",
        " */",
        "#include <limits.h>",
        "#include <stdint.h>",
        "#include <stdio.h>",
        "",
        '#include "misuse.h"',
        "",
    ]
    names = []
    for name in api.exports:
        out += emit_function(api, api.by_name[name])
        out.append("")
        names.append(name)
    out.append("int main(void)")
    out.append("{")
    out.append("\tconst struct CMUnitTest tests[] = {")
    for name in names:
        out.append(
            "\t\tcmocka_unit_test_setup_teardown(misuse_%s, misuse_setup, misuse_teardown)," % name
        )
    out.append("\t};")
    out.append("")
    out.append(
        '\treturn cmocka_run_group_tests_name("misuse", tests, misuse_group_setup, '
        "misuse_group_teardown);"
    )
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 4:
        sys.exit("usage: gen_misuse.py EXPORTS INCLUDE_DIR OUTPUT.c")
    exports_path, include_dir, output = argv[1:]
    with open(exports_path, encoding="utf-8") as f:
        exports = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    functions = veikart_headers.functions([include_dir])
    api = Api(functions, veikart_headers.enums([include_dir]), exports)
    missing = [name for name in exports if name not in api.by_name]
    if missing:
        sys.exit(
            "gen_misuse.py: exported, but declared in no public header with VEIKART_API: %s"
            % ", ".join(missing)
        )
    try:
        text = generate(api)
    except Unclassified as e:
        sys.exit("gen_misuse.py: %s" % e)
    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, output)


if __name__ == "__main__":
    main(sys.argv)
