"""Backups restore into an empty database with every row back, on both engines."""

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from tests.conftest import make_config
from webapp import create_app
from webapp.extensions import db
from webapp.operations.backup import BackupError, backups_in, create_backup, prune, restore_backup
from webapp.reference.loader import load_reference_data

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


def filled_database(url: str) -> dict[str, int]:
    """Build the schema and the reference data at `url`; the row count of every table."""
    app = create_app(make_config(url))
    with app.app_context():
        db.create_all()
        load_reference_data()
        db.session.commit()
        counts = row_counts(db.engine)
        db.engine.dispose()
    return counts


def row_counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table))
                for table in db.metadata.sorted_tables
                if inspect(connection).has_table(table.name)}


def test_a_sqlite_backup_restores_into_an_empty_database(tmp_path, frozen_clock):
    source = f"sqlite:///{tmp_path / 'live.sqlite'}"
    counts = filled_database(source)
    assert counts["commune"] > 900 and counts["rome_code"] > 1500

    backup = create_backup(source, tmp_path / "sauvegardes")
    assert backup.path.name == "passerelle-20261120-110000.sqlite"
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    restore_backup(empty, backup.path)
    engine = create_engine(empty)
    assert row_counts(engine) == counts
    engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_a_postgresql_backup_restores_into_an_empty_database(tmp_path):
    names = [f"backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    urls = [make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
            for name in names]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        counts = filled_database(urls[0])
        backup = create_backup(urls[0], tmp_path)
        assert backup.path.suffix == ".dump" and backup.size_bytes > 10_000
        restore_backup(urls[1], backup.path)
        engine = create_engine(urls[1])
        assert row_counts(engine) == counts
        engine.dispose()
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_wrong_file_is_refused_in_french(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    with pytest.raises(BackupError, match="Fichier introuvable"):
        restore_backup(url, tmp_path / "absent.sqlite")
    dump = tmp_path / "passerelle-20261120-110000.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(BackupError, match="n'est pas une sauvegarde sqlite"):
        restore_backup(url, dump)
    with pytest.raises(BackupError, match="en mémoire"):
        create_backup("sqlite://", tmp_path)


def test_prune_keeps_the_newest(tmp_path: Path):
    for day in range(1, 6):
        (tmp_path / f"passerelle-202611{day:02d}-020000.sqlite").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("kept")
    removed = prune(tmp_path, keep=2)
    assert [p.name for p in backups_in(tmp_path)] == ["passerelle-20261105-020000.sqlite",
                                                      "passerelle-20261104-020000.sqlite"]
    assert len(removed) == 3 and (tmp_path / "notes.txt").exists()


def test_the_commands_create_list_and_restore(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    counts = filled_database(url)
    app = create_app(make_config(url))
    runner = app.test_cli_runner()
    folder = tmp_path / "sauvegardes"
    created = runner.invoke(args=["backup", "create", "--directory", str(folder), "--keep", "3"])
    assert created.exit_code == 0, created.output
    assert "Sauvegarde :" in created.output
    (backup,) = backups_in(folder)
    listed = runner.invoke(args=["backup", "list", "--directory", str(folder)])
    assert backup.name in listed.output
    with app.app_context():
        db.session.execute(text("DELETE FROM naf_rome"))
        db.session.commit()
    refused = runner.invoke(args=["backup", "restore", str(backup)], input="n\n")
    assert refused.exit_code != 0
    restored = runner.invoke(args=["backup", "restore", str(backup), "--yes"])
    assert restored.exit_code == 0, restored.output
    with app.app_context():
        assert row_counts(db.engine) == counts
        db.engine.dispose()
