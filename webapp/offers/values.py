"""What an offer is made of, the rules its fields obey, and how a change is described."""

from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select

from ingestion.urls import web_url_problem
from webapp.companies.models import Company, CompanyContact
from webapp.core.formatting import date_fr, number_fr
from webapp.extensions import db
from webapp.offers.models import CONTRACTS, VISIBILITIES, Offer
from webapp.reference.models import Commune, RomeCode
from webapp.reference.places import postal_code_problem

MAX_HOURS_PER_WEEK = 48  # legal weekly maximum (Code du travail L3121-20)
MAX_POSITIONS = 10_000

# Offer field -> its name in French messages and in the history.
FIELD_LABELS: dict[str, str] = {
    "title": "intitulé", "rome_code": "métier (code ROME)", "commune_insee": "commune",
    "contract": "contrat", "hours_per_week": "heures par semaine", "night": "travail de nuit",
    "weekend": "week-end", "early_morning": "tôt le matin", "split_shift": "horaires coupés",
    "requires_driving_licence": "permis exigé", "requires_vehicle": "véhicule exigé",
    "start_date": "date de début", "end_date": "date de fin", "positions": "nombre de postes",
    "positions_filled": "postes pourvus", "immersion_possible": "immersion possible",
    "description": "description", "salary": "salaire", "skills": "compétences attendues",
    "company_id": "entreprise", "contact_id": "contact", "visibility": "visibilité",
    "external_ref": "référence externe", "source_url": "lien vers l'offre d'origine",
    "postal_code": "code postal",
}


@dataclass(frozen=True)
class OfferValues:
    """Everything a person (or an import) says about an offer; names are Offer's columns."""

    title: str
    rome_code: str | None
    commune_insee: str
    contract: str = "CDI"
    hours_per_week: float | None = None
    night: bool = False
    weekend: bool = False
    early_morning: bool = False
    split_shift: bool = False
    requires_driving_licence: bool = False
    requires_vehicle: bool = False
    start_date: date | None = None
    end_date: date | None = None
    positions: int = 1
    positions_filled: int = 0
    immersion_possible: bool = False
    description: str = ""
    salary: str = ""
    skills: str = ""
    company_id: int | None = None
    contact_id: int | None = None
    visibility: str = "territory"
    external_ref: str | None = None
    source_url: str = ""
    postal_code: str | None = None  # a finer place inside a large commune (Arles 13129)

    def with_company(self, company_id: int | None) -> "OfferValues":
        """The same values for another company (a merged one's successor); the contact follows
        only when it belongs to that company."""
        contact = db.session.get(CompanyContact, self.contact_id) if self.contact_id else None
        keep_contact = contact is not None and contact.company_id == company_id
        return replace(self, company_id=company_id, contact_id=self.contact_id if keep_contact else None)

    @classmethod
    def of(cls, offer: Offer) -> "OfferValues":
        """The values an offer holds now."""
        return cls(**{item.name: getattr(offer, item.name) for item in fields(cls)})


def offer_problems(values: OfferValues, *, today: date, start_date_typed: bool,
                   organisation_id: int | None = None, offer_id: int | None = None,
                   rome_required: bool = True) -> dict[str, str]:
    """French field errors, empty when the offer can be saved.

    `start_date_typed`: the start date was typed now (a new offer, or changed), so it may not be
    in the past. `organisation_id`/`offer_id` let the external reference be checked for reuse."""
    problems: dict[str, str] = {}
    if not values.title.strip():
        problems["title"] = "Indiquez l'intitulé de l'offre."
    elif len(values.title.strip()) > 200:
        problems["title"] = "L'intitulé ne doit pas dépasser 200 caractères."
    if values.rome_code and db.session.get(RomeCode, values.rome_code) is None:
        problems["rome_code"] = (f"Code ROME inconnu : « {values.rome_code} ». "
                                 "Choisissez le métier dans la liste proposée.")
    elif not values.rome_code and rome_required:
        problems["rome_code"] = "Choisissez le métier dans la liste proposée."
    if not values.commune_insee or db.session.get(Commune, values.commune_insee) is None:
        problems["commune_insee"] = "Commune inconnue : choisissez-la dans la liste proposée."
    elif problem := postal_code_problem(values.commune_insee, values.postal_code):
        problems["postal_code"] = problem
    if values.contract not in CONTRACTS:
        problems["contract"] = f"Type de contrat inconnu : « {values.contract} »."
    if values.visibility not in VISIBILITIES:
        problems["visibility"] = "Visibilité inconnue."
    if values.hours_per_week is not None and not 1 <= values.hours_per_week <= MAX_HOURS_PER_WEEK:
        problems["hours_per_week"] = f"Entre 1 et {MAX_HOURS_PER_WEEK} heures par semaine."
    problems |= _position_problems(values)
    problems |= _date_problems(values, today, start_date_typed)
    problems |= _employer_problems(values)
    if url_problem := web_url_problem(values.source_url, "Lien vers l'offre d'origine"):
        problems["source_url"] = url_problem + "."
    if values.external_ref and organisation_id is not None:
        clash = db.session.scalar(select(Offer.reference).where(
            Offer.organisation_id == organisation_id, Offer.external_ref == values.external_ref,
            *([Offer.id != offer_id] if offer_id is not None else [])))
        if clash:
            problems["external_ref"] = (f"L'offre {clash} de votre organisation porte déjà "
                                        "cette référence externe.")
    return problems


def _position_problems(values: OfferValues) -> dict[str, str]:
    if not 1 <= values.positions <= MAX_POSITIONS:
        return {"positions": f"Entre 1 et {number_fr(MAX_POSITIONS)} postes."}
    if values.positions_filled < 0:
        return {"positions_filled": "Le nombre de postes pourvus ne peut pas être négatif."}
    if values.positions_filled > values.positions:
        return {"positions_filled": (
            f"{values.positions_filled} postes pourvus pour {values.positions} poste"
            f"{'s' if values.positions > 1 else ''} ouvert{'s' if values.positions > 1 else ''} : "
            "le nombre de postes pourvus ne peut pas dépasser le nombre de postes.")}
    return {}


def _date_problems(values: OfferValues, today: date, start_date_typed: bool) -> dict[str, str]:
    problems = {}
    if start_date_typed and values.start_date is not None and values.start_date < today:
        problems["start_date"] = (f"La date de début ({date_fr(values.start_date)}) est passée : "
                                  f"indiquez une date à partir du {date_fr(today)}.")
    # end_date ends the publication: it may come before the job starts (recruiting ahead)
    return problems


def _employer_problems(values: OfferValues) -> dict[str, str]:
    if values.company_id is None:
        return {"contact_id": "Choisissez d'abord l'entreprise."} if values.contact_id else {}
    company = db.session.get(Company, values.company_id)
    if company is None:
        return {"company_id": "Entreprise inconnue : choisissez-la dans la liste proposée."}
    contact = db.session.get(CompanyContact, values.contact_id) if values.contact_id else None
    if values.contact_id and (contact is None or contact.company_id not in
                              (company.id, company.merged_into_id)):
        return {"contact_id": "Ce contact n'appartient pas à l'entreprise choisie."}
    return {}


def shown(name: str, value: object) -> str:
    """A field's value as a person reads it in the history: dates, yes/no, labels, names."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date):
        return date_fr(value)
    if isinstance(value, float):
        return number_fr(value, 0 if value.is_integer() else 1)
    if name == "contract":
        return CONTRACTS.get(str(value), str(value))
    if name == "visibility":
        return VISIBILITIES.get(str(value), str(value))
    if name == "commune_insee":
        commune = db.session.get(Commune, value)
        return commune.display_name if commune else str(value)
    if name == "company_id":
        company = db.session.get(Company, value)
        return company.name if company else str(value)
    if name == "contact_id":
        contact = db.session.get(CompanyContact, value)
        return contact.name if contact else str(value)
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def changes_between(offer: Offer, values: OfferValues) -> dict[str, list[str]]:
    """{field: [before, after]} as read by people, for the fields the values change."""
    return {
        item.name: [shown(item.name, getattr(offer, item.name)), shown(item.name, getattr(values, item.name))]
        for item in fields(OfferValues)
        if _normalised(getattr(offer, item.name)) != _normalised(getattr(values, item.name))
    }


def _normalised(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value if value not in ("", None) else None
