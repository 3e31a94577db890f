"""Importing partner offer files into the pool: created, updated by external id, never doubled."""

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ingestion.offers import parse_offers
from ingestion.report import ImportedRecord, ImportFileError, RowOutcome
from ingestion.siret import normalise_siret, siret_problem
from ingestion.sources import Source
from webapp.accounts.organisation_models import Organisation
from webapp.companies.directory import normalise_company_name, resolve_merged
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.clock import PARIS
from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.offers.editing import add_offer, apply_values, record_event
from webapp.offers.models import Offer
from webapp.offers.values import OfferValues, changes_between, offer_problems
from webapp.reference.places import postal_code_problem

FORMATS = {"francetravail": "France Travail (Offres d'emploi v2, JSON)",
           "csv": "Tableau Passerelle : classeur Excel (.xlsx) ou CSV", "json": "JSON d'échange Passerelle"}
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_LIFETIME_SECONDS = 24 * 3600
# Fields an import never touches on an existing offer: they are the task force's own work.
KEPT_ON_UPDATE = ("positions_filled", "visibility", "contact_id")

Progress = Callable[[int, int], None]

log = logging.getLogger(__name__)


@dataclass
class OfferImportReport:
    """What an import did (or, for a preview, would do), with one French line per rejected row."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    companies_created: int = 0
    lines: list[str] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        """`lues : 11, créées : 9, mises à jour : 0, inchangées : 0, rejetées : 2`."""
        return (f"lues : {self.read}, créées : {self.created}, mises à jour : {self.updated}, "
                f"inchangées : {self.unchanged}, rejetées : {self.rejected}")


@dataclass
class _Run:
    organisation: Organisation
    actor_id: int | None
    dry_run: bool
    today: date
    report: OfferImportReport
    companies: dict[str, int | str] = field(default_factory=dict)  # key -> id, or "new" in a preview


def import_offers(source: Source, fmt: str, organisation: Organisation, *, actor_id: int | None = None,
                  dry_run: bool = False, today: date | None = None,
                  progress: Progress | None = None) -> OfferImportReport:
    """Import an offers file for `organisation`; with `dry_run`, write nothing and say what would
    happen. The caller commits (or rolls back) once: the import is whole or nothing.
    Raises Invalid when the file as a whole cannot be read."""
    try:
        parsed = parse_offers(source, fmt)
    except ImportFileError as error:
        raise Invalid(error.message, "file") from None
    report = OfferImportReport(read=parsed.report.read, rejected=parsed.report.rejected,
                               lines=[*parsed.report.problem_lines(), *parsed.report.notes])
    run = _Run(organisation, actor_id, dry_run, today or clock.today(), report)
    total = len(parsed.records)
    for done, record in enumerate(parsed.records, start=1):
        problem = _import_record(run, record)
        if problem:
            report.rejected += 1
            report.lines.append(f"{parsed.report.where(RowOutcome(record.line, record.external_id))} : {problem}")
        if progress:
            progress(done, total)
    report.written = not dry_run
    log.info("Import d'offres : organisation %s, %s lues, %s rejetées, %s", organisation.id,
             report.read, report.rejected, "écrit" if report.written else "essai à blanc")
    return report


def _import_record(run: _Run, record: ImportedRecord) -> str | None:
    """Create or update one offer; the reason it is rejected, or None."""
    if len(record.external_id) > 80:
        return "identifiant trop long (80 caractères au plus)"
    values, inferred, problem = _values(run, record)
    if problem:
        return problem
    existing = find_imported_offer(run.organisation.id, record.external_id)
    if existing is None:
        return _create(run, record, values, inferred)
    survivor = _survivor(existing)
    if survivor.organisation_id != run.organisation.id:
        run.report.unchanged += 1
        run.report.lines.append(f"{record.external_id} : déjà fusionnée dans l'offre {survivor.reference} "
                                f"({survivor.organisation.name}), non modifiée")
        return None
    return _update(run, survivor, values, inferred)


def _create(run: _Run, record: ImportedRecord, values: OfferValues, inferred: bool) -> str | None:
    if problems := offer_problems(values, today=run.today, start_date_typed=False, rome_required=False):
        return "; ".join(problems.values())
    run.report.created += 1
    if not run.dry_run:
        add_offer(run.organisation, values, actor_id=run.actor_id, status="open",
                  kind="import", note="Importée", today=run.today, rome_inferred=inferred,
                  published_at=_published_at(record.data.get("created_on")))
    return None


def _update(run: _Run, offer: Offer, values: OfferValues, inferred: bool) -> str | None:
    kept = {name: getattr(offer, name) for name in KEPT_ON_UPDATE}
    values = replace(values, **kept, company_id=values.company_id or offer.company_id,
                     postal_code=values.postal_code or offer.postal_code)
    if problems := offer_problems(values, today=run.today, start_date_typed=False,
                                  rome_required=False):
        return "; ".join(problems.values())
    changes = changes_between(offer, values)
    if not changes:
        run.report.unchanged += 1
        return None
    run.report.updated += 1
    if not run.dry_run:
        apply_values(offer, values)
        offer.rome_inferred = inferred
        event = record_event(offer, run.actor_id, "import", offer.status, "Mise à jour par import", changes)
        db.session.flush()
        event.version = offer.version
    return None


def find_imported_offer(organisation_id: int, external_ref: str) -> Offer | None:
    """The offer an organisation imported under this external id (merged or not)."""
    return db.session.scalar(select(Offer).where(
        Offer.organisation_id == organisation_id, Offer.external_ref == external_ref))


def _survivor(offer: Offer) -> Offer:
    seen = set()
    while offer.merged_into_id is not None and offer.id not in seen:
        seen.add(offer.id)
        offer = db.session.get(Offer, offer.merged_into_id)
    return offer


def _values(run: _Run, record: ImportedRecord) -> tuple[OfferValues | None, bool, str | None]:
    data = record.data
    company_id, problem = _company(run, data.get("employer"), data["commune"])
    if problem:
        return None, False, problem
    rome_code, inferred = data.get("rome_code"), False
    if not rome_code:
        rome_code, inferred = _infer_rome(data["title"]), True
    schedule = data.get("schedule") or {}
    skills = data.get("skills") or []
    values = OfferValues(
        title=data["title"].strip(), rome_code=rome_code, commune_insee=data["commune"],
        contract=data.get("contract") or "CDI", hours_per_week=data.get("hours_per_week"),
        night=bool(schedule.get("night")), weekend=bool(schedule.get("weekend")),
        early_morning=bool(schedule.get("early_morning")),
        split_shift=bool(schedule.get("split_shift")),
        requires_driving_licence=bool(data.get("requires_driving_licence")),
        requires_vehicle=bool(data.get("requires_vehicle")),
        start_date=_day(data.get("start_date")), end_date=_day(data.get("end_date")),
        positions=data.get("positions") or 1, immersion_possible=bool(data.get("immersion_possible")),
        description=(data.get("description") or "").strip(), salary=_cut(data.get("salary") or "", 120),
        skills="\n".join(skills) if isinstance(skills, list) else str(skills),
        company_id=company_id, external_ref=record.external_id,
        source_url=_source_url(data.get("source")), postal_code=_postal_code(data),
    )
    return values, inferred and rome_code is not None, None


def _postal_code(data: dict) -> str | None:
    """The record's postal code when it places the offer in its commune; a France Travail code
    that does not (a head office's, a cedex) is dropped rather than refusing the offer."""
    postal_code = data.get("postal_code")
    return postal_code if postal_code and not postal_code_problem(data["commune"], postal_code) \
        else None


def _company(run: _Run, employer: Any, commune_insee: str) -> tuple[int | str | None, str | None]:
    """The company of an imported offer: by SIRET, else same name in the same commune, else new."""
    if not isinstance(employer, dict) or not (employer.get("name") or employer.get("siret")):
        return None, None
    name, siret = (employer.get("name") or "").strip(), employer.get("siret")
    if siret:
        if problem := siret_problem(siret):
            return None, problem
        siret = normalise_siret(siret)
    key = f"siret:{siret}" if siret else f"name:{normalise_company_name(name)}:{commune_insee}"
    if key not in run.companies:
        run.companies[key] = _existing_company(name, siret, commune_insee) or _new_company(
            run, name or f"Entreprise SIRET {siret}", siret, commune_insee)
    found = run.companies[key]
    return (found if isinstance(found, int) else None), None


def _existing_company(name: str, siret: str | None, commune_insee: str) -> int | None:
    if siret:
        company = db.session.scalar(select(Company).where(Company.siret == siret).order_by(
            Company.merged_into_id.is_not(None), Company.id))
    else:
        wanted = normalise_company_name(name)
        company = next((c for c in db.session.scalars(select(Company).where(
            Company.commune_insee == commune_insee).order_by(Company.id))
            if normalise_company_name(c.name) == wanted), None)
    company = resolve_merged(company)
    return company.id if company else None


def _new_company(run: _Run, name: str, siret: str | None, commune_insee: str) -> int | str:
    run.report.companies_created += 1
    if run.dry_run:
        return "new"
    company = Company(name=_cut(name, 200), siret=siret, commune_insee=commune_insee,
                      created_by_organisation_id=run.organisation.id, updated_by_id=run.actor_id)
    db.session.add(company)
    db.session.flush()
    return company.id


def _infer_rome(title: str) -> str | None:
    """The ROME code clearly meant by a title, or None ("code ROME à confirmer")."""
    from webapp.reference.jobs import job_suggester

    return job_suggester().infer(title).code


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _published_at(created_on: Any) -> datetime | None:
    day = _day(created_on)
    return datetime.combine(day, time_of_day(12), tzinfo=PARIS) if day else None


def _source_url(source: Any) -> str:
    """The origin link as given: offer_problems() refuses anything but http(s)."""
    url = source.get("url") if isinstance(source, dict) else None
    return url.strip() if isinstance(url, str) and len(url) <= 300 else ""


def _cut(text: str, length: int) -> str:
    text = text.strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def store_upload(content: bytes, folder: Path) -> str:
    """Keep an uploaded file between preview and confirmation; the random token naming it.

    Files older than a day are removed on the way, so abandoned previews do not pile up."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.upload"):
        if time.time() - old.stat().st_mtime > UPLOAD_LIFETIME_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.upload").write_bytes(content)
    return token


def stored_upload(token: str, folder: Path) -> Path:
    """The file kept under this token; Invalid when it is gone or the token is malformed."""
    path = folder / f"{token}.upload"
    if not token or not token.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        raise Invalid("Le fichier à importer n'est plus disponible : déposez-le à nouveau.", "file")
    return path
