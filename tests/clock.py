"""The moment every test lives at: conftest's autouse `frozen_clock` stops time there."""

from datetime import UTC, datetime

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # a Friday morning; the cellule meets on Tuesdays
TODAY = NOW.date()
