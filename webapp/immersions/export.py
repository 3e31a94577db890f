"""Handing an immersion over to Immersion Facilitée: its convention's fields, as JSON or CSV.

The JSON keys follow Immersion Facilitée's convention (ConventionDto: dateStart, siret,
immersionObjective, immersionAppellation, schedule.complexSchedule, establishmentTutor,
signatories.beneficiary…), so nothing is typed twice. The platform holds a pseudonymous label
only: the beneficiary's full name, birth date and contact are completed in Immersion Facilitée
with the person, and the document lists them under `champsACompleter`.

Each export is written in the access log. The same module adds the person's immersions to
their access-request export and deletes them when the profile is purged.
"""

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.access_log import log_access
from webapp.core.permissions import can
from webapp.core.tabular_export import Sheet, csv_text
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.immersions.page import assessment_rows
from webapp.immersions.schedule import WEEKDAYS, WeeklySchedule
from webapp.profiles.models import Profile

EXPORT_FORMAT = "passerelle-convention-pmsmp/1"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TO_COMPLETE = (
    "signatories.beneficiary.lastName (nom complet)",
    "signatories.beneficiary.birthdate",
    "signatories.beneficiary.email",
    "signatories.beneficiary.phone",
    "signatories.establishmentRepresentative",
    "individualProtection",
    "sanitaryPrevention",
)


def _split_name(full: str) -> tuple[str, str]:
    """("Karima", "B.") from "Karima B.": first word, then the rest."""
    first, _, rest = full.strip().partition(" ")
    return first, rest


def _address(immersion: Immersion) -> str:
    company = immersion.company
    return ", ".join(part for part in (company.address, company.commune.display_name) if part)


def _schedule(immersion: Immersion) -> dict[str, Any]:
    schedule = WeeklySchedule.from_json(immersion.schedule)
    days = schedule.presence_days(immersion.start_date, immersion.end_date)
    periods = schedule.to_json()
    return {
        "totalHours": schedule.total_hours(immersion.start_date, immersion.end_date),
        "workedDays": len(days),
        "weeklyHours": schedule.hours_per_week,
        "weeklySchedule": {WEEKDAYS[weekday]: [{"start": a, "end": b} for a, b in periods[weekday]]
                           for weekday in range(7)},
        "complexSchedule": [{"date": day.isoformat(), "timePeriods": [
            {"start": a, "end": b} for a, b in periods[day.weekday()]]} for day in days],
    }


def convention_record(immersion: Immersion, with_external_ref: bool = True) -> dict[str, Any]:
    """The convention's fields, in Immersion Facilitée's shape; the person's file number at the
    adviser's structure only for those who may read it (a CRE never does)."""
    tutor_first, tutor_last = _split_name(immersion.tutor_name)
    person_first, person_last = _split_name(immersion.profile.display_label)
    referent = immersion.referent
    return {
        "internshipKind": "immersion",
        "externalId": immersion.reference,
        "conventionReference": immersion.convention_reference or None,
        "dateStart": immersion.start_date.isoformat(),
        "dateEnd": immersion.end_date.isoformat(),
        "siret": immersion.company.siret or None,
        "businessName": immersion.company.name,
        "immersionAddress": _address(immersion),
        "immersionObjective": immersion.objective_label,
        "immersionAppellation": {"romeCode": immersion.rome_code, "romeLabel": immersion.rome.label},
        "immersionActivities": immersion.activities,
        "schedule": _schedule(immersion),
        "establishmentTutor": {
            "role": "establishment-tutor", "firstName": tutor_first, "lastName": tutor_last,
            "job": immersion.tutor_role, "phone": immersion.tutor_phone, "email": immersion.tutor_email,
        },
        "signatories": {"beneficiary": {
            "role": "beneficiary", "firstName": person_first, "lastName": person_last,
            "externalReference": immersion.profile.external_ref if with_external_ref else None,
        }},
        "agency": {
            "name": immersion.organisation.name,
            "referent": {"name": referent.display_name, "email": referent.email} if referent else None,
        },
    }


def _reads_file_number(user: User, immersion: Immersion) -> bool:
    return can(user, "profile.external_ref", immersion.profile)


def export_json(immersion: Immersion, by: User, page: str,
                now: datetime | None = None) -> dict[str, Any]:
    """The JSON document, after writing the export in the access log."""
    now = now or clock.now()
    log_access(by, immersion.profile, "immersion_export", page, now)
    return {"format": EXPORT_FORMAT, "genereLe": now.isoformat(),
            "champsACompleter": list(TO_COMPLETE), **convention_record(immersion, _reads_file_number(by, immersion))}


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _columns(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """(dotted key, value) pairs: the schedule as one text per weekday, the dates' list left out."""
    record = dict(record)
    schedule = dict(record.pop("schedule"))
    schedule.pop("complexSchedule")
    weekly = schedule.pop("weeklySchedule")
    flat = _flatten({**record, "schedule": schedule})
    flat.update({f"schedule.{day}": " ".join(f"{p['start']}-{p['end']}" for p in periods)
                 for day, periods in weekly.items()})
    return list(flat.items())


def csv_columns(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(dotted key, text) pairs, as the CSV writes them."""
    return [(key, _cell(value)) for key, value in _columns(record)]


def _typed(value: Any) -> Any:
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return date.fromisoformat(value)
    return value


def export_sheet(immersion: Immersion, by: User, page: str, now: datetime | None = None,
                 typed: bool = False) -> Sheet:
    """One header line and one row (dates and numbers typed when `typed`), after logging the export."""
    now = now or clock.now()
    log_access(by, immersion.profile, "immersion_export", page, now)
    columns = _columns(convention_record(immersion, _reads_file_number(by, immersion)))
    row = [_typed(value) for _, value in columns] if typed else [_cell(value) for _, value in columns]
    return Sheet("Convention", [key for key, _ in columns], [row])


def export_csv(immersion: Immersion, by: User, page: str, now: datetime | None = None) -> str:
    """One header line and one row, `;`-separated, UTF-8 with BOM, after logging the export."""
    return csv_text(export_sheet(immersion, by, page, now))


def _immersions_of(profile: Profile) -> list[Immersion]:
    return list(db.session.scalars(select(Immersion).where(Immersion.profile_id == profile.id)
                                   .order_by(Immersion.start_date, Immersion.id)))


def access_request_section(profile: Profile) -> list[dict[str, Any]]:
    """The person's immersions in their access-request export: convention, steps, assessment."""
    return [{
        **convention_record(immersion),
        "statut": immersion.status_label,
        "etapes": [{"le": step.at.isoformat(), "etape": step.status_label,
                    "signe_par": step.signed_as, "note": step.note} for step in immersion.steps],
        "bilan": dict(assessment_rows(immersion)),
    } for immersion in _immersions_of(profile)]




def forget_immersions(profile: Profile) -> None:
    """A purged person's immersions go with them (steps and assessment cascade)."""
    for immersion in _immersions_of(profile):
        db.session.delete(immersion)
    db.session.flush()
