"""Importing a caseload file (CSV or exchange JSON): all the rows or none, with a report."""

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ingestion.profiles import CSV_COLUMNS, parse_profiles
from ingestion.report import FieldProblem, ImportFileError, ImportReport, RowOutcome
from matching.exchange import profile_from_dict
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock
from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.profiles.editing import advisers_of, create_profile, data_from_profile, update_profile
from webapp.profiles.exchange import data_from_exchange
from webapp.profiles.models import Profile
from webapp.profiles.rules import ProfileData, check_profile_data

FORMATS = ("csv", "xlsx", "json")
# A field of ProfileData -> its exchange-format path, to name the column or key at fault.
EXCHANGE_PATHS = {
    "commune_insee": "commune", "targets": "target_rome_codes", "target_titles": "target_titles",
    "mobility_modes": "mobility.modes", "max_minutes": "mobility.max_minutes",
    "max_km": "mobility.max_km", "min_hours_per_week": "availability.min_hours_per_week",
    "max_hours_per_week": "availability.max_hours_per_week", "available_from": "available_from",
    "parcours": "parcours", "barriers": "childcare_constraint", "postal_code": "postal_code",
}
CSV_NAMES = {path: column for column, path in CSV_COLUMNS.items() if column != "commune"}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProfileImportReport:
    report: ImportReport
    created: int
    updated: int
    unchanged: int

    @property
    def written(self) -> bool:
        return self.report.rejected == 0

    def lines(self, file_name: str = "") -> list[str]:
        """Problems (prefixed with the file name), notes, what was done, the counts line last."""
        report = self.report
        prefix = f"{file_name}, " if file_name else ""
        outcome = ("Aucun profil enregistré : corrigez ces lignes puis relancez l'import "
                   "(tout ou rien)." if not self.written else "Import enregistré.")
        counts = (f"lus : {report.read}, créés : {self.created}, mis à jour : {self.updated}, "
                  f"inchangés : {self.unchanged}, rejetés : {report.rejected}")
        problems = [prefix + line for line in report.problem_lines()]
        return [*problems, *report.notes, outcome, counts]


def _source_name(field: str, kind: str) -> str:
    path = EXCHANGE_PATHS.get(field.split(".")[0], field)
    return CSV_NAMES.get(path, path) if kind == "csv" else path


def _existing(organisation: Organisation, external_ref: str) -> Profile | None:
    return db.session.scalar(select(Profile).where(
        Profile.organisation_id == organisation.id, Profile.external_ref == external_ref))


def _planned(result, organisation: Organisation, adviser: User):
    """(line -> (existing profile or None, new data)), and line -> problems of the platform rules."""
    plans, problems = {}, {}
    for record in result.records:
        existing = _existing(organisation, record.external_id)
        base = data_from_profile(existing) if existing else ProfileData(ae_id=adviser.id)
        data = data_from_exchange(profile_from_dict(record.data), base)
        try:
            check_profile_data(data)
        except Invalid as error:
            problems[record.line] = tuple(
                FieldProblem(_source_name(field, result.report.kind), message)
                for field, message in error.problems.items())
        plans[record.line] = (existing, data)
    return plans, problems


def _with_problems(report: ImportReport, problems: dict) -> ImportReport:
    rows = [RowOutcome(row.line, row.record_id, row.problems + problems.get(row.line, ()))
            for row in report.rows]
    return ImportReport(report.kind, rows, list(report.notes))


def import_profiles(path: Path, fmt: str, organisation: Organisation, adviser: User,
                    now: datetime | None = None) -> ProfileImportReport:
    """Create or update (by external reference, within the organisation) every profile of the
    file, or none when a row is bad. New profiles are followed by `adviser`."""
    if fmt not in FORMATS:
        raise Invalid(f"Format « {fmt} » inconnu (formats : {', '.join(FORMATS)}).", "format")
    if adviser.id not in {user.id for user in advisers_of(organisation.id)}:
        raise Invalid(f"{adviser.email} n'est pas accompagnateur (AE) actif de "
                      f"{organisation.name}.", "ae")
    try:
        result = parse_profiles(path, fmt)
    except ImportFileError as error:
        raise Invalid(f"{Path(path).name} : {error.message}", "file") from error
    plans, problems = _planned(result, organisation, adviser)
    report = _with_problems(result.report, problems)
    if report.rejected:
        return ProfileImportReport(report, 0, 0, 0)
    now = now or clock.now()
    created = updated = unchanged = 0
    for existing, data in plans.values():
        if existing is None:
            create_profile(data, organisation, None, now, kind="imported", source=Path(path).name)
            created += 1
        elif update_profile(existing, data, None, None, now, kind="imported",
                            source=Path(path).name):
            updated += 1
        else:
            unchanged += 1
    log.info("Import de profils : organisation %s, %s créés, %s mis à jour, %s inchangés",
             organisation.id, created, updated, unchanged)
    return ProfileImportReport(report, created, updated, unchanged)
