"""`flask backup create | restore | list`: the operator's side of backup.py."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.operations.backup import BackupError, backups_in, create_backup, prune, restore_backup

backup_cli = AppGroup("backup", help="Sauvegardes et restaurations de la base.")


def _directory(given: Path | None) -> Path:
    return given or Path(current_app.config["BACKUP_DIRECTORY"] or
                         Path(current_app.instance_path) / "sauvegardes")


@backup_cli.command("create")
@click.option("--directory", type=click.Path(file_okay=False, path_type=Path),
              help="Dossier des sauvegardes (par défaut BACKUP_DIRECTORY ou instance/sauvegardes).")
@click.option("--keep", type=click.IntRange(min=1), default=None,
              help="Ne garder que les N sauvegardes les plus récentes.")
def create_command(directory, keep):
    """Écrire une sauvegarde complète de la base."""
    folder = _directory(directory)
    try:
        result = create_backup(current_app.config["SQLALCHEMY_DATABASE_URI"], folder)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Sauvegarde : {result.path} ({result.size_bytes / 1_048_576:.1f} Mo, "
               f"{result.seconds:.1f} s)")
    for removed in prune(folder, keep) if keep else []:
        click.echo(f"Supprimée (plus de {keep} sauvegardes) : {removed.name}")


@backup_cli.command("restore")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
def restore_command(backup, yes):
    """Remplacer tout le contenu de la base par celui d'une sauvegarde."""
    if not yes:
        click.confirm(f"Remplacer tout le contenu de la base par {backup.name} ?", abort=True)
    db.session.remove()
    db.engine.dispose()  # no connection of ours holds a lock during the restore
    try:
        seconds = restore_backup(current_app.config["SQLALCHEMY_DATABASE_URI"], backup)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restaurée : {backup.name} en {seconds:.1f} s")


@backup_cli.command("list")
@click.option("--directory", type=click.Path(file_okay=False, path_type=Path))
def list_command(directory):
    """Lister les sauvegardes, la plus récente d'abord."""
    found = backups_in(_directory(directory))
    if not found:
        click.echo("Aucune sauvegarde.")
    for path in found:
        click.echo(f"{path.name}  {path.stat().st_size / 1_048_576:.1f} Mo")
