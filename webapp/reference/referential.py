"""The matching engine's referential, built once per process from the shipped reference files.

The database's reference tables are loaded from the same files (`flask reference load`), so
the engine and the screens agree on every ROME code and commune.
"""

from matching.referential import Referential


def engine_referential() -> Referential:
    """Communes, travel table, ROME levels and the title suggester (cached)."""
    return Referential.load_default()
