# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Where the tests find the source tree and the veikart tool.

tests/run.sh sets VEIKART_SOURCE_DIR and VEIKART_TOOL; run by hand, the
source tree is found from this file and the tool in build/tools/.
"""

import datetime
import os
import pathlib

import pytest

SOURCE = pathlib.Path(
    os.environ.get("VEIKART_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3])
)
TOOL = pathlib.Path(os.environ.get("VEIKART_TOOL", SOURCE / "build" / "tools" / "veikart"))


@pytest.fixture(scope="session")
def source():
    return SOURCE


@pytest.fixture(scope="session")
def tool():
    if not TOOL.exists():
        pytest.fail("the veikart tool is not built: %s" % TOOL)
    return TOOL


class Clock:
    """A clock tests move by hand: call it for the time, set `now` to move it."""

    def __init__(self, start="2026-01-05T09:00:00+00:00"):
        self.now = datetime.datetime.fromisoformat(start)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(scope="session")
def ks():
    import veikart

    return veikart.Methodology.load("ks-veikart")
