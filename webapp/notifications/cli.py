"""`flask worker` (the task queue's consumer) and `flask notifications …`."""

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from webapp.core.mail import mail_directory
from webapp.core.queue import bind_worker_app, huey, queue_label
from webapp.extensions import db

notifications_cli = AppGroup("notifications", help="Notifications et e-mails.")


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Nombre de fils d'exécution.")
@with_appcontext
def worker_command(workers):
    """Lancer le travailleur de la file de tâches (e-mails, récapitulatifs, relances, obstacles)."""
    from webapp.notifications.tasks import TASKS

    app = current_app._get_current_object()
    bind_worker_app(app)
    out = (f"SMTP {app.config['MAIL_HOST']}" if app.config.get("MAIL_HOST")
           else f"dossier {mail_directory()} (un fichier .eml par message)")
    click.echo(f"Travailleur : file {queue_label(app)} ; e-mails : {out} ; "
               f"{len(TASKS)} tâches ({', '.join(task.func.__name__ for task in TASKS)})")
    db.session.remove()
    # An idle worker polls its queue at least every second (huey's default backs off to 10 s,
    # which made an employer's answer wait up to 10 s more for the CRE's e-mail on SQLite).
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True,
                                    check_worker_health=True, max_delay=1.0)
    consumer.run()


@notifications_cli.command("send")
def send_command():
    """Envoyer maintenant les e-mails en attente dont l'heure est venue."""
    from webapp.notifications.delivery import deliver, release_stale_claims

    release_stale_claims()
    counts = deliver(None)
    click.echo(f"Envoyés : {counts['sent']} ; échecs : {counts['failed']} ; "
               f"mis en récapitulatif ou non envoyés : {counts['held']}")


@notifications_cli.command("digest")
@click.argument("frequency", type=click.Choice(["daily", "weekly"]))
def digest_command(frequency):
    """Envoyer les récapitulatifs (quotidiens ou hebdomadaires) en attente."""
    from webapp.notifications.delivery import send_digests

    click.echo(f"Récapitulatifs envoyés : {send_digests(frequency)}")


@notifications_cli.command("remind")
def remind_command():
    """Donner maintenant les relances et avis du jour (chacun une seule fois), puis les envoyer."""
    from webapp.notifications.delivery import deliver
    from webapp.notifications.reminders import run_reminders
    from webapp.notifications.scheduled_notices import NOTICES

    counts = run_reminders()
    counts.update({notice.__name__: notice() for notice in NOTICES})
    for name, count in counts.items():
        click.echo(f"{name} : {count}")
    sent = deliver(None)
    click.echo(f"Envoyés : {sent['sent']} ; échecs : {sent['failed']}")
