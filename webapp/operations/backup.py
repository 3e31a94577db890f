"""Backups and restores of the whole database, the way each engine does it best.

PostgreSQL: `pg_dump --format=custom` (compressed, restorable table by table) and
`pg_restore --clean --single-transaction` (all or nothing). SQLite: the online backup API,
which copies a consistent snapshot while the site keeps running, and restores the same way.
File names carry the moment (`passerelle-20261203-021500.dump`); `prune()` keeps the newest N.
"""

import logging
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from webapp.core import clock

log = logging.getLogger(__name__)

PREFIX = "passerelle-"
SUFFIXES = {"postgresql": ".dump", "sqlite": ".sqlite"}


class BackupError(Exception):
    """A backup or restore that could not be done; the message is in French."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    seconds: float


def _engine_of(url: URL) -> str:
    if url.get_backend_name() not in SUFFIXES:
        raise BackupError(f"Base {url.get_backend_name()} : sauvegarde non prise en charge.")
    return url.get_backend_name()


def _libpq(url: URL) -> tuple[str, list[str], dict[str, str]]:
    """The libpq address, the schema option (the tests' private schemas) and the environment."""
    query = dict(url.query)
    options = query.pop("options", "")
    schema = options.split("search_path=", 1)[1] if "search_path=" in options else ""
    plain = url.set(drivername="postgresql", password=None, query=query)
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return plain.render_as_string(hide_password=False), [f"--schema={schema}"] if schema else [], \
        environment


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("Base SQLite en mémoire : rien à sauvegarder.")
    return Path(url.database)


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup: a consistent copy, pages at a time, while others write."""
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _run(command: list[str], environment: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} est introuvable (paquet postgresql-client).")
    finished = subprocess.run(command, env=environment, capture_output=True, text=True,
                              check=False)
    if finished.returncode != 0:
        log.error("%s a échoué : %s", command[0], finished.stderr.strip()[:500])
        raise BackupError(f"{command[0]} a échoué : {finished.stderr.strip()[:300]}")


def create_backup(database_url: str, directory: Path) -> BackupResult:
    """Write a backup of the database into `directory`; the file is complete or absent."""
    url = make_url(database_url)
    engine = _engine_of(url)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().astimezone(clock.PARIS).strftime("%Y%m%d-%H%M%S")
    target = directory / f"{PREFIX}{stamp}{SUFFIXES[engine]}"
    partial = target.with_name(target.name + ".partiel")
    started = time.perf_counter()
    try:
        if engine == "postgresql":
            address, schema, environment = _libpq(url)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *schema,
                  f"--file={partial}", address], environment)
        else:
            _sqlite_copy(_sqlite_path(url), partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    result = BackupResult(target, target.stat().st_size, time.perf_counter() - started)
    log.info("Sauvegarde écrite : %s (%s octets, %.1f s)", target.name, result.size_bytes,
             result.seconds)
    return result


def restore_backup(database_url: str, backup: Path) -> float:
    """Replace the database's content by the backup's, in one transaction; the seconds taken."""
    url = make_url(database_url)
    engine = _engine_of(url)
    if not backup.is_file():
        raise BackupError(f"Fichier introuvable : {backup}")
    if backup.suffix != SUFFIXES[engine]:
        raise BackupError(f"{backup.name} n'est pas une sauvegarde {engine} "
                          f"(extension attendue : {SUFFIXES[engine]}).")
    started = time.perf_counter()
    if engine == "postgresql":
        address, schema, environment = _libpq(url)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", *schema, f"--dbname={address}",
              str(backup)], environment)
    else:
        _sqlite_copy(backup, _sqlite_path(url))
    seconds = time.perf_counter() - started
    log.info("Sauvegarde restaurée : %s (%.1f s)", backup.name, seconds)
    return seconds


def backups_in(directory: Path) -> list[Path]:
    """The backups of a directory, newest first."""
    if not directory.is_dir():
        return []
    found = [path for path in directory.iterdir() if path.name.startswith(PREFIX)
             and path.suffix in SUFFIXES.values()]
    return sorted(found, key=lambda path: path.name, reverse=True)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; the files deleted."""
    removed = backups_in(directory)[max(keep, 1):]
    for path in removed:
        path.unlink()
        log.info("Ancienne sauvegarde supprimée : %s", path.name)
    return removed
