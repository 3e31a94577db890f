"""Commands: `flask import profiles`, `flask profiles export`, `flask retention purge`."""

import json
import os
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from webapp.core.errors import DomainError
from webapp.extensions import db

EXIT_BAD_INPUT = 2

profiles_cli = AppGroup("profiles", help="Profils des personnes accompagnées.")
retention_cli = AppGroup("retention", help="Durées de conservation des données personnelles.")


def _fail(error: DomainError) -> None:
    db.session.rollback()
    raise click.ClickException(error.message) from error


@click.command("profiles")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), required=True,
              help="Format du fichier.")
@click.option("--org", "organisation_name", required=True, help="Nom exact de l'organisation.")
@click.option("--ae", "ae_email", required=True, help="E-mail de l'AE référent des nouveaux profils.")
def import_profiles_command(file, fmt, organisation_name, ae_email):
    """Importer un portefeuille de profils (tout ou rien ; mise à jour par référence externe)."""
    from webapp.accounts.organisations import find_organisation
    from webapp.accounts.users import find_user_by_email
    from webapp.profiles.importing import import_profiles

    try:
        organisation = find_organisation(organisation_name)
        adviser = find_user_by_email(ae_email)
        if adviser is None:
            raise click.ClickException(f"Aucun compte pour l'adresse « {ae_email} ».")
        outcome = import_profiles(file, fmt, organisation, adviser)
    except DomainError as error:
        _fail(error)
    for line in outcome.lines(file.name):
        click.echo(line, err=not outcome.written)
    if not outcome.written:
        db.session.rollback()
        raise SystemExit(EXIT_BAD_INPUT)
    db.session.commit()


def _write_whole(path: Path, text: str) -> None:
    """Write the file whole or not at all (temporary file, then rename)."""
    handle, temporary = tempfile.mkstemp(dir=path.resolve().parent, prefix=".export-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@profiles_cli.command("export")
@click.argument("reference")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier JSON à écrire (sinon la sortie standard).")
def export_profile_command(reference, output):
    """Droit d'accès : tout ce que la plateforme détient sur un profil, en JSON."""
    from webapp.profiles.access_request import export_profile, find_profile

    try:
        profile = find_profile(reference)
    except DomainError as error:
        _fail(error)
    document = export_profile(profile, None, "flask profiles export")
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    db.session.commit()
    if output:
        _write_whole(output, text)
        click.echo(f"Export de {profile.reference} écrit dans {output}.", err=True)
    else:
        click.echo(text, nl=False)


@retention_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Lister ce qui serait supprimé, sans rien supprimer.")
def purge_command(dry_run):
    """Supprimer les profils sortis de l'accompagnement ou sans mise à jour depuis trop longtemps."""
    from webapp.profiles.retention import RetentionRule, purge_profiles

    rule = RetentionRule(months_untouched=current_app.config["RETENTION_MONTHS"],
                         days_after_exit=current_app.config["RETENTION_DAYS_AFTER_EXIT"])
    report = purge_profiles(rule, dry_run=dry_run)
    db.session.commit()
    for line in report.lines():
        click.echo(line)
    if dry_run:
        click.echo("Simulation (--dry-run) : rien n'a été supprimé.")
