"""Static files served by WhiteNoise: a year in the browser's cache, compressed copies.

Every static URL carries a short hash of the file's content (`?v=…`), so a changed file has a
new URL and the year-long lifetime never serves a stale stylesheet. `.gz` copies written by
`python -m whitenoise.compress static` (done by `make run` and the deployment) are served to
browsers that accept them.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise

ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=512)
def _content_hash(path: Path, modified: float) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def version_of(static_folder: str, filename: str) -> str | None:
    """A short hash of a static file's content, None when it does not exist."""
    path = Path(static_folder) / filename
    try:
        return _content_hash(path, path.stat().st_mtime)
    except OSError:
        return None


def _nosniff(headers, path, url) -> None:
    headers["X-Content-Type-Options"] = "nosniff"


def init_app(app: Flask) -> None:
    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            version = version_of(app.static_folder, values.get("filename", ""))
            if version:
                values["v"] = version

    app.wsgi_app = WhiteNoise(
        app.wsgi_app, root=app.static_folder, prefix=app.static_url_path.strip("/") + "/",
        max_age=ONE_YEAR, autorefresh=app.debug, add_headers_function=_nosniff,
        allow_all_origins=False,
    )
