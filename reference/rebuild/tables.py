"""Render and write the reference CSV files in one stable format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent


def render_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a header row, '\\n' line ends and minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """Write one reference file next to the loaders and return its path."""
    path = REFERENCE_DIR / name
    path.write_text(render_csv(header, rows), encoding="utf-8")
    return path
