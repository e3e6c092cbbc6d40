# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Build and install the `veikart` Python package.

    pip install ./bindings/python

builds the cffi extension against the installed libveikart, found through
pkg-config (see veikart_build.py).  Everything it needs comes from Debian:
python3-cffi, python3-setuptools, python3-dev.  There is deliberately no
pyproject.toml: with one, pip would build in an isolated environment and
fetch setuptools and cffi from PyPI; without it, pip builds with the
packages already installed, so the install works offline.
"""

import os
import re
import subprocess

from setuptools import setup

here = os.path.dirname(os.path.abspath(__file__))


def version():
    """The package's version is the library's: from the source tree's header
    when built in it, else from pkg-config."""
    header = os.path.join(here, "..", "..", "include", "veikart", "version.h")
    if not os.path.exists(header):
        return subprocess.run(
            ["pkg-config", "--modversion", "veikart"], check=True, capture_output=True, text=True
        ).stdout.strip()
    with open(header, encoding="utf-8") as f:
        text = f.read()
    parts = [
        re.search(r"#define VEIKART_VERSION_%s (\d+)" % p, text).group(1)
        for p in ("MAJOR", "MINOR", "PATCH")
    ]
    return ".".join(parts)


setup(
    name="veikart",
    version=version(),
    description="Python bindings for libveikart, phase state machines for service "
    "innovation methodologies",
    license="MIT",
    packages=["veikart"],
    python_requires=">=3.9",
    setup_requires=["cffi>=1.15"],
    install_requires=["cffi>=1.15"],
    cffi_modules=["veikart_build.py:ffibuilder"],
    zip_safe=False,
)
