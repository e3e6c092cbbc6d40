# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Read libveikart's public headers.

Shared by the Python bindings' build (veikart_build.py, which hands the
declarations to cffi) and by the misuse test generator
(tests/misuse/gen_misuse.py, which calls every exported function), so that
both see the API the same way.  Standard library only.
"""

import collections
import os
import re

# The order veikart.h includes them in; every header of the public API.
HEADERS = (
    "common",
    "version",
    "errors",
    "calendar",
    "diagnostics",
    "types",
    "method",
    "role",
    "fact",
    "unit_type",
    "phase",
    "gate",
    "expr",
    "report",
    "hash",
    "event",
    "journal",
    "initiative",
    "unit",
    "export",
    "diff",
    "sign",
)


class NotFound(Exception):
    """libveikart's headers or library could not be located."""


def find_header(include_dirs, name):
    """Path of veikart/NAME.h in the first of include_dirs that has it."""
    for d in include_dirs:
        path = os.path.join(d, "veikart", name + ".h")
        if os.path.exists(path):
            return path
    raise NotFound("veikart/%s.h is not in %s" % (name, ", ".join(include_dirs)))


def _define(name, value):
    """One #define turned into what cffi's cdef accepts, or None to skip it."""
    if name in ("VEIKART_API", "VEIKART_BEGIN_DECL", "VEIKART_END_DECL"):
        return None
    if not value or name.endswith("_H") or value.startswith("{"):
        return None  # include guards and structure initialisers
    if value.startswith('"'):
        return "static const char *const %s;" % name
    # Every other macro of the API is an integer; the compiler gives its value.
    return "#define %s ..." % name


def clean_declaration(text):
    """A declaration without the export and linkage macros, in plain C."""
    text = re.sub(r"\bVEIKART_(API|BEGIN_DECL|END_DECL)\b", "", text)
    # cffi does not read integer suffixes such as 1u.
    text = re.sub(r"\b(\d+)[uU]\b", r"\1", text)
    # Array parameters (char out[VEIKART_HASH_HEX_LENGTH + 1]) are
    # pointers to C; cffi cannot size them from a macro.
    return re.sub(r"(\w+)\s*\[[^\]]+\]", r"*\1", text)


def cdef_from_header(text):
    """The declarations of one public header, in the C subset cffi parses."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = text.replace("\\\n", " ")
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            # Conditionals in the headers only choose how VEIKART_API and the
            # C++ linkage macros are spelled; those are dropped below.
            m = re.match(r"#\s*define\s+(\w+)(\(?)\s*(.*)", stripped)
            if m and not m.group(2):
                decl = _define(m.group(1), m.group(3).strip())
                if decl:
                    out.append(decl)
            continue
        line = clean_declaration(line)
        if line.strip():
            out.append(line)
    return "\n".join(out)


Param = collections.namedtuple("Param", "type name doc")
Function = collections.namedtuple("Function", "name returns params doc returns_doc header")

# A doc comment, then the exported declaration it documents.
_DOCUMENTED = re.compile(r"/\*\*((?:(?!\*/).)*)\*/\s*(VEIKART_API\b[^;{]*);", re.S)
# Block tags only: @p and @ref are words inside the text.
_TAG = re.compile(r"(?<!\S)@(param|return|note|since|see|warning|deprecated)\s+")


def _doc_text(comment):
    """A doc comment's text: the leading stars gone, whitespace folded."""
    lines = [re.sub(r"^\s*\*\s?", "", line) for line in comment.split("\n")]
    return " ".join(" ".join(lines).split())


def _tags(doc):
    """{tag: [text, ...]} for the @tags of a doc text."""
    tags = collections.defaultdict(list)
    parts = _TAG.split(doc)
    for tag, text in zip(parts[1::2], parts[2::2]):
        tags[tag].append(text.strip())
    return tags


def _type(text):
    """A type written one way: `const veikart_method *`, `char **`."""
    return re.sub(r"\* (?=\*)", "*", " ".join(re.findall(r"\w+|\*", text)))


def _split_param(text):
    m = re.match(r"^(.*?[\s*])(\w+)$", text.strip())
    if not m:
        raise ValueError("cannot read parameter %r" % text)
    return _type(m.group(1)), m.group(2)


def functions_from_header(text, header=""):
    """Every function the header exports, in order, with its documentation.

    Returns a list of Function: its name, return type, parameters (each a
    Param of type, name and the text of its @param), the whole doc text,
    the text of its @return (or "") and the header's name.
    """
    out = []
    for m in _DOCUMENTED.finditer(text):
        decl = " ".join(clean_declaration(m.group(2)).split())
        proto = re.match(r"^(.*?)\b(\w+)\s*\((.*)\)$", decl)
        if not proto:
            raise ValueError("%s: cannot read declaration %r" % (header, decl))
        doc = _doc_text(m.group(1))
        tags = _tags(doc)
        param_docs = {}
        for p in tags.get("param", []):
            name, _, rest = p.partition(" ")
            param_docs[name] = rest
        params = []
        if proto.group(3).strip() != "void":
            for p in proto.group(3).split(","):
                ptype, pname = _split_param(p)
                params.append(Param(ptype, pname, param_docs.get(pname, "")))
        out.append(
            Function(
                proto.group(2),
                _type(proto.group(1)),
                params,
                doc,
                " ".join(tags.get("return", [])),
                header,
            )
        )
    return out


def enums_from_header(text):
    """{enum type name: [enumerator, ...]} for the enums the header defines."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    out = {}
    for m in re.finditer(r"typedef\s+enum\s+\w*\s*\{(.*?)\}\s*(\w+)\s*;", text, re.S):
        out[m.group(2)] = [e.split("=")[0].strip() for e in m.group(1).split(",") if e.strip()]
    return out


def functions(include_dirs):
    """Every exported function of the public API, header by header."""
    out = []
    for name in HEADERS:
        with open(find_header(include_dirs, name), encoding="utf-8") as f:
            out.extend(functions_from_header(f.read(), name))
    return out


def enums(include_dirs):
    """Every enum of the public API: {type name: [enumerator, ...]}."""
    out = {}
    for name in HEADERS:
        with open(find_header(include_dirs, name), encoding="utf-8") as f:
            out.update(enums_from_header(f.read()))
    return out
