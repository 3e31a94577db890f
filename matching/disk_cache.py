"""Structures built from the reference files, kept on disk between runs.

Building the referential (travel table, TF-IDF model) and the title suggester (27,000 forms)
takes about 2 s of CPU; loading them back takes a tenth of that. Each is stored once per key:
a hash of the reference files, of the code of `matching/` and `reference/` that builds them,
and of the Python and numpy versions, so that a changed file or a new version rebuilds.

The folder is `$MATCHING_CACHE_DIR`, else `$XDG_CACHE_HOME/passerelle/matching`, else
`~/.cache/passerelle/matching`; `MATCHING_CACHE_DIR=off` turns the cache off. A folder that
cannot be written (a read-only image filled at build time, a locked-down home) is only read;
a file that cannot be read back is rebuilt. The files are pickles, like Python's own bytecode
cache: the folder must be as trusted as the code.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

CACHE_ENV = "MATCHING_CACHE_DIR"
DISABLED = "off"
_ROOT = Path(__file__).resolve().parent.parent
# What a cached structure is built from: the reference data and the code that reads it.
SOURCES = ("reference", "matching")
SOURCE_SUFFIXES = (".py", ".csv")
KEPT_KEYS = 3  # files kept per name: the current key and a few others (other checkouts)
Built = TypeVar("Built")


def cache_folder() -> Path | None:
    """Where built structures are kept, or None when the cache is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", DISABLED) else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "passerelle" / "matching"


@lru_cache(maxsize=1)
def sources_digest() -> str:
    """Hash of the reference files and of the building code, with the interpreter's and
    numpy's versions (a pickle is read back by the same code that wrote it, or not at all)."""
    import numpy

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}|{numpy.__version__}".encode())
    for folder in SOURCES:
        for path in sorted((_ROOT / folder).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_digest(texts: Iterable[str]) -> str:
    """Hash of the texts a structure is built from, added to sources_digest()."""
    digest = hashlib.blake2b(sources_digest().encode(), digest_size=16)
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def load_or_build(name: str, key: str, build: Callable[[], Built]) -> Built:
    """The structure `name` stored under `key`, or build() it and store it for next time."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a truncated or foreign file is rebuilt
        log.warning("cache %s illisible, reconstruit (%s)", path, exc)
    built = build()
    _store(folder, path, built)
    return built


def _store(folder: Path, path: Path, built: object) -> None:
    """Write atomically (temporary file, then rename), then drop this name's oldest keys."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # a read-only folder: the cache is only read
        log.debug("cache %s non écrit (%s)", path, exc)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        log.debug("cache %s non écrit (%s)", path, exc)
        return
    _drop_older(folder, path.name.split("-", 1)[0])


def _drop_older(folder: Path, name: str) -> None:
    """Keep the KEPT_KEYS most recent files of `name` (several checkouts may share a folder)."""
    files = sorted(folder.glob(f"{name}-*.pickle"), key=_modified, reverse=True)
    for older in files[KEPT_KEYS:]:
        older.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
