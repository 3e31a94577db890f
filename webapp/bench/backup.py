"""Backup and restore at demo × N: `python -m webapp.bench.backup [--factor 10] [--database-url URL]`.

Fills a private database (PostgreSQL schema, or a SQLite file) with the demo multiplied,
writes a backup, restores it into an empty database and checks every table's row count;
prints the seconds of each step and the backup's size as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from webapp.bench.dashboard import fill
from webapp.bench.database import bench_app


def row_counts(engine) -> dict[str, int]:
    from webapp.extensions import db

    with engine.connect() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table))
                for table in db.metadata.sorted_tables if inspect(connection).has_table(table.name)}


def _empty_target(database_url: str, folder: Path) -> tuple[str, callable]:
    """An empty database to restore into, and how to remove it."""
    if not database_url:
        return f"sqlite:///{folder / 'restored.sqlite'}", lambda: None
    name = f"bench_restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    return url, drop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.backup",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; SQLite when empty")
    parser.add_argument("--factor", type=int, default=1)
    args = parser.parse_args(argv)

    from webapp.extensions import db
    from webapp.operations.backup import create_backup, restore_backup

    folder = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    with bench_app(args.database_url, "backup", False) as (app, facts):
        with app.app_context():
            fill(args.factor)
            db.session.commit()
            counts = row_counts(db.engine)
            source = app.config["SQLALCHEMY_DATABASE_URI"]
            db.session.remove()
            backup = create_backup(source, folder)
        target, drop = _empty_target(args.database_url, folder)
        try:
            started = time.perf_counter()
            restore_backup(target, backup.path)
            restore_seconds = time.perf_counter() - started
            engine = create_engine(target)
            if engine.dialect.name == "postgresql":
                schema = "bench_backup"
                engine = create_engine(target, connect_args={"options": f"-csearch_path={schema}"})
            restored = row_counts(engine)
            engine.dispose()
        finally:
            drop()
    report = {**facts, "factor": args.factor, "rows": sum(counts.values()),
              "backup_bytes": backup.size_bytes, "backup_seconds": round(backup.seconds, 1),
              "restore_seconds": round(restore_seconds, 1), "same_counts": restored == counts}
    backup.path.unlink()
    folder.rmdir() if not any(folder.iterdir()) else None
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0 if report["same_counts"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
