"""Turning (value, label) pairs into WTForms select choices."""

from collections.abc import Iterable

from wtforms import SelectChoice


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs, in order."""
    return [SelectChoice(value, label) for value, label in pairs]
