"""What a load balancer asks before sending traffic: is the database answering, is the task
queue reachable, is there room on the disk. Nothing personal, no login."""

import logging
import shutil
from dataclasses import dataclass

from sqlalchemy import text

from webapp.core.queue import huey
from webapp.extensions import db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database_check() -> Check:
    try:
        db.session.execute(text("SELECT 1"))
        return Check("base_de_donnees", True, "répond")
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        db.session.rollback()
        log.warning("Santé : base de données injoignable (%s)", type(error).__name__)
        return Check("base_de_donnees", False, "ne répond pas")


def queue_check() -> Check:
    if huey.immediate:
        return Check("file_de_taches", True, "exécution immédiate")
    try:
        waiting = huey.storage.queue_size()
        return Check("file_de_taches", True, f"{waiting} tâche(s) en attente")
    except Exception as error:  # noqa: BLE001
        log.warning("Santé : file de tâches injoignable (%s)", type(error).__name__)
        return Check("file_de_taches", False, "injoignable")


def disk_check(path: str, minimum_free_mb: int) -> Check:
    free_mb = shutil.disk_usage(path).free // (1024 * 1024)
    if free_mb < minimum_free_mb:
        log.warning("Santé : %s Mo libres (minimum %s Mo)", free_mb, minimum_free_mb)
        return Check("disque", False, f"{free_mb} Mo libres, minimum {minimum_free_mb} Mo")
    return Check("disque", True, f"{free_mb} Mo libres")


def health(instance_path: str, minimum_free_mb: int) -> list[Check]:
    """Every check, in the order an operator reads them."""
    return [database_check(), queue_check(), disk_check(instance_path, minimum_free_mb)]
