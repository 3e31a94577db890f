"""`flask import offers FILE --format ... --org ORG` and `flask offers expire`."""

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from webapp.core import clock
from webapp.core.errors import DomainError
from webapp.extensions import db

EXIT_BAD_INPUT = 2
offers_cli = AppGroup("offers", help="Offres du vivier partagé.")


@click.command("offers")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True, type=click.Choice(["francetravail", "csv", "xlsx", "json"]),
              help="Format du fichier.")
@click.option("--org", "organisation_name", required=True,
              help="Nom exact de l'organisation à qui appartiennent les offres.")
@click.option("--dry-run", is_flag=True, help="Tout vérifier sans rien écrire.")
@click.option("--strict", is_flag=True, help="Si une ligne est rejetée : ne rien écrire, code 2.")
def import_offers_command(file, fmt, organisation_name, dry_run, strict):
    """Importer des offres (ré-importer met à jour par identifiant externe, sans doublon)."""
    from webapp.accounts.organisations import find_organisation
    from webapp.offers.importing import import_offers

    try:
        organisation = find_organisation(organisation_name)
        with click.progressbar(length=1, label="Import des offres", file=sys.stderr) as bar:
            def progress(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            report = import_offers(file, fmt, organisation, dry_run=dry_run, progress=progress)
    except DomainError as error:
        db.session.rollback()
        click.echo(f"{file} : {error.message}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    refused = strict and report.rejected > 0
    for line in report.lines:
        click.echo(f"{file.name}, {line}", err=True)
    if refused or dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    if report.companies_created:
        click.echo(f"entreprises créées dans l'annuaire : {report.companies_created}")
    click.echo(report.summary())
    if refused:
        click.echo("--strict : des lignes sont rejetées, rien n'a été écrit", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if dry_run:
        click.echo("--dry-run : rien n'a été écrit")


@offers_cli.command("expire")
def expire_offers_command():
    """Passer en « Expirée » les offres dont la date de fin est dépassée (à lancer chaque nuit)."""
    from webapp.offers.editing import expire_offers

    count = expire_offers(clock.today())
    db.session.commit()
    click.echo(f"offres expirées : {count}")
