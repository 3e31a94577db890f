"""Where a later feature adds to the pages and processes of an earlier one.

The company page lists needs, cards, immersions and prospection; the cellule agenda lists
immersions and prospection actions; the home page shows every area's cards; a person's
access-request export and the retention purge reach every area's rows. Each contribution is a
plain function of the later feature; `webapp.contributions.fill_registries()`, called by
`create_app()`, puts them here in one readable list. Nothing registers itself on import.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered list of contributions, filled (again, identically) by each create_app()."""

    def __init__(self, name: str):
        self.name = name
        self._items: tuple[T, ...] = ()

    def fill(self, items: Iterable[T]) -> None:
        """Replace the contributions by `items`, in that order."""
        self._items = tuple(items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class ExportSection:
    """A section of a person's access-request export and the tables it reads about them."""

    key: str
    build: Callable[[Any], Any]  # profile -> JSON-ready value
    tables: tuple[str, ...]


@dataclass(frozen=True)
class PurgeHook:
    """What a feature deletes with a purged person, and the tables it empties of them."""

    run: Callable[[Any], None]  # profile -> None, before the profile row is deleted
    tables: tuple[str, ...]


@dataclass(frozen=True)
class NavBadge:
    """A count shown beside a menu entry (its endpoint), and what it counts (read aloud)."""

    endpoint: str
    count: Callable[[Any], int]  # user -> how many
    meaning: str  # « réponses d'employeurs »


home_cards: Registry[Callable] = Registry("home_cards")
nav_badges: Registry[NavBadge] = Registry("nav_badges")
company_sections: Registry[Callable] = Registry("company_sections")
agenda_sections: Registry[Callable] = Registry("agenda_sections")
export_sections: Registry[ExportSection] = Registry("export_sections")
purge_hooks: Registry[PurgeHook] = Registry("purge_hooks")
# What later features do when a profile's own save (its form, an import) changes its status:
# hook(actor, profile, status_before, now); a hire goes through promotions/hiring.py.
profile_status_hooks: Registry[Callable] = Registry("profile_status_hooks")
user_notices: Registry[Callable] = Registry("user_notices")  # user -> list of French warnings
