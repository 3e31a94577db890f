"""URL converters: an id in a URL beyond what the database holds is a 404, not a 500."""

from werkzeug.routing import IntegerConverter

# The largest PostgreSQL `integer` (SQLite's limit, 2**63 - 1, is higher): every id column.
MAX_INT = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that does not match values above MAX_INT (so the route answers 404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(map, fixed_digits, min, MAX_INT if max is None else max, signed)


def init_app(app) -> None:
    """Replace the default `int` converter for every route registered afterwards."""
    app.url_map.converters["int"] = BoundedIntConverter
