"""Fixtures of the matching tests: the real referential, built once per run."""

from __future__ import annotations

from datetime import date

import pytest

from matching.engine import Engine
from matching.referential import Referential

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="session")
def ref() -> Referential:
    return Referential.load_default()


@pytest.fixture(scope="session")
def engine(ref: Referential) -> Engine:
    return Engine(ref, today=TODAY)
