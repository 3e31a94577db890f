"""Command-line groups: `flask --app wsgi <group> <command>`."""

import logging
from pathlib import Path

import click
from flask.cli import AppGroup

from webapp.core.errors import DomainError
from webapp.extensions import db

users_cli = AppGroup("users", help="Comptes utilisateurs.")
reference_cli = AppGroup("reference", help="Données de référence (ROME, communes, NAF, pôles).")
demo_cli = AppGroup("demo", help="Données de démonstration.")
import_cli = AppGroup("import", help="Import de fichiers partenaires (tout ou rien).")
log = logging.getLogger(__name__)


@users_cli.command("create")
@click.option("--email", required=True, help="Adresse e-mail (identifiant de connexion).")
@click.option("--name", "display_name", required=True, help="Nom affiché.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--organisation", help="Nom exact de l'organisation où donner le rôle.")
@click.option("--role", type=click.Choice(["admin", "direction", "animateur", "cre", "ae", "employer"]))
def create_user_command(email, display_name, password, organisation, role):
    """Créer un compte, avec un rôle dans une organisation."""
    from webapp.accounts.organisations import find_organisation
    from webapp.accounts.users import create_user, grant_role

    try:
        user = create_user(email, display_name, password)
        if role:
            org = find_organisation(organisation or "")
            grant_role(user, org, role, pole_id=None)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Compte créé : {user.email}")


@reference_cli.command("load")
@click.option("--directory", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Dossier des fichiers CSV (par défaut ceux livrés avec Passerelle).")
def load_reference_command(directory):
    """Charger (ou mettre à jour) les données de référence livrées avec Passerelle."""
    from reference import ReferenceDataError
    from webapp.reference.loader import load_reference_data

    try:
        counts = load_reference_data(directory, progress=lambda step: click.echo(f"… {step}"))
    except ReferenceDataError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    for line in counts.lines():
        click.echo(line)


@demo_cli.command("load")
@click.option("--seed", default=2026, show_default=True, help="Graine du générateur.")
def load_demo_command(seed):
    """Créer le territoire de démonstration (sans effet s'il existe déjà)."""
    from webapp.demo import DEMO_PASSWORD, load_demo

    try:
        with click.progressbar(length=100, label="Données de démonstration") as bar:
            summary = load_demo(seed=seed, progress=lambda done: bar.update(done - bar.pos))
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    for line in summary.lines():
        click.echo(line)
    click.echo(f"Mot de passe de tous les comptes de démonstration : {DEMO_PASSWORD}")


@demo_cli.command("accounts")
def demo_accounts_command():
    """Afficher un compte de démonstration par rôle."""
    from webapp.demo import DEMO_PASSWORD, demo_accounts

    for role_label, email in demo_accounts():
        click.echo(f"  {role_label:<45} {email}")
    click.echo(f"  Mot de passe : {DEMO_PASSWORD}")


COMMAND_GROUPS = [users_cli, reference_cli, demo_cli]

from webapp.profiles.cli import import_profiles_command, profiles_cli, retention_cli

import_cli.add_command(import_profiles_command)
COMMAND_GROUPS += [import_cli, profiles_cli, retention_cli]

from webapp.offers.cli import import_offers_command, offers_cli

import_cli.add_command(import_offers_command)
COMMAND_GROUPS += [offers_cli]

match_cli = AppGroup("match", help="Rapprochement profils-offres.")


@match_cli.command("all")
@click.option("--pole", "pole_code", help="Code du pôle (I à X) ; sans option : tout le département.")
@click.option("--file", "queued", is_flag=True,
              help="Confier le classement au travailleur (file de tâches) au lieu de l'attendre.")
def match_all_command(pole_code, queued):
    """Classer toutes les offres ouvertes d'un territoire et enregistrer les listes."""
    from sqlalchemy import select

    from webapp.reference.models import Pole
    from webapp.shortlists.batch import rank_territory

    pole = db.session.scalar(select(Pole).where(Pole.code == pole_code)) if pole_code else None
    if pole_code and pole is None:
        raise click.ClickException(f"Pôle inconnu : {pole_code} (codes I à X).")
    if queued:
        from webapp.notifications.nightly import match_all_task

        match_all_task(pole.id if pole else None)
        click.echo("Classement confié au travailleur (flask worker).")
        return
    with click.progressbar(length=1, label="Classement des offres") as bar:
        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        report = rank_territory(pole.id if pole else None, progress=progress)
    db.session.commit()
    log.info("match all (pôle %s) : %s", pole_code or "tous", " ; ".join(report.lines()))
    for line in report.lines():
        click.echo(line)


COMMAND_GROUPS += [match_cli]

from webapp.notifications.cli import notifications_cli, worker_command

COMMAND_GROUPS += [worker_command, notifications_cli]

from webapp.operations.cli import backup_cli

COMMAND_GROUPS += [backup_cli]
