# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Build the `veikart._native` extension with cffi in API mode.

The declarations cffi needs are read from libveikart's own public headers,
so they cannot drift from the C API; the generated module is then compiled
against those same headers (`#include <veikart.h>`), and the C compiler
checks every declaration: a prototype, structure field or enum value that
does not match the real header fails the build.

Where libveikart is found, first match wins:

- VEIKART_INCLUDE_DIR and VEIKART_LIBRARY_DIR in the environment (the
  in-tree tests point them at the source tree and the build directory);
- pkg-config's `veikart` package (an installed libveikart; set
  PKG_CONFIG_PATH for a prefix pkg-config does not search).

Run directly (`python3 veikart_build.py OUTDIR`) it compiles the module
into OUTDIR; setup.py uses it through cffi's setuptools integration.
"""

import os
import shlex
import subprocess
import sys

import cffi

# The header reader is shared with the misuse test generator; cffi runs this
# file by path, so its folder is not necessarily on sys.path yet.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from veikart_headers import HEADERS, NotFound, cdef_from_header, find_header  # noqa: E402

# Callbacks the bindings route into Python (see veikart/_hooks.py).
CALLBACKS = """
extern "Python" int _veikart_commit(const veikart_event *const *, size_t, void *);
extern "Python" int64_t _veikart_clock(void *);
"""


def _pkg_config(*args):
    try:
        out = subprocess.run(
            ["pkg-config", *args, "veikart"], check=True, capture_output=True, text=True
        ).stdout
    except FileNotFoundError:
        raise NotFound("pkg-config is not installed (Debian: apt-get install pkg-config)")
    except subprocess.CalledProcessError as e:
        raise NotFound(
            "pkg-config cannot find libveikart: %s\n"
            "Install libveikart first (cmake --install), or set PKG_CONFIG_PATH "
            "to the folder holding veikart.pc." % e.stderr.strip()
        )
    return out.strip()


def locate():
    """Return (include_dirs, library_dirs) for libveikart."""
    inc = os.environ.get("VEIKART_INCLUDE_DIR")
    lib = os.environ.get("VEIKART_LIBRARY_DIR")
    if inc and lib:
        # cffi compiles in its own folder: relative paths would not hold there.
        return [os.path.abspath(inc)], [os.path.abspath(lib)]
    cflags = shlex.split(_pkg_config("--cflags-only-I"))
    include_dirs = [f[2:] for f in cflags if f.startswith("-I")]
    if not include_dirs:
        include_dirs = [_pkg_config("--variable=includedir")]
    return include_dirs, [_pkg_config("--variable=libdir")]


def cdef(include_dirs):
    """Every declaration of the public API, read from the installed headers."""
    parts = []
    for name in HEADERS:
        with open(find_header(include_dirs, name), encoding="utf-8") as f:
            parts.append(cdef_from_header(f.read()))
    return "\n".join(parts) + CALLBACKS


def make_builder():
    include_dirs, library_dirs = locate()
    builder = cffi.FFI()
    builder.cdef(cdef(include_dirs))
    builder.set_source(
        "veikart._native",
        "#include <veikart.h>\n",
        include_dirs=include_dirs,
        library_dirs=library_dirs,
        runtime_library_dirs=library_dirs,
        libraries=["veikart"],
        # A declaration that does not match the header must fail the build,
        # not become a warning nobody reads.
        extra_compile_args=[
            "-Werror=incompatible-pointer-types",
            "-Werror=int-conversion",
            "-Werror=implicit-function-declaration",
        ],
    )
    return builder


try:
    ffibuilder = make_builder()
except NotFound as e:
    sys.exit("veikart_build: %s" % e)

if __name__ == "__main__":
    ffibuilder.compile(tmpdir=sys.argv[1] if len(sys.argv) > 1 else ".", verbose=False)
