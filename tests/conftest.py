"""Test-wide fixtures. Builders of small economies and tiny agent tables are in
helpers.py (on the test path: `from helpers import build, households`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sim.compat import forget_all_models


@pytest.fixture(autouse=True)
def _release_models() -> Iterator[None]:
    # Mesa 3.3.1 keeps every model ever built alive through the class attribute
    # Agent._ids (fixed upstream after 3.3.1); drop them after each test.
    yield
    forget_all_models()
