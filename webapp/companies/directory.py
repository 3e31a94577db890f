"""The employer directory: creating and editing companies, their contacts, probable duplicates."""

from dataclasses import dataclass, field, fields

from rapidfuzz import fuzz
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ingestion.siret import normalise_siret, siret_problem
from reference.text import fold
from webapp.accounts.models import User
from webapp.companies.models import COMPANY_LABELS, SIZE_BANDS, Company, CompanyContact
from webapp.core import registries
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.formatting import datetime_fr
from webapp.core.pagination import Page, paginate
from webapp.core.permissions import COMPANY, can, may, scope_for, scopes_of, visible_clause
from webapp.extensions import db
from webapp.reference.models import Commune, Naf

# Two names in the same commune at least this close (rapidfuzz token_sort_ratio, 0-100, once
# legal forms and accents are dropped) are probably the same company.
CLOSE_NAME_SCORE = 88
LEGAL_FORMS = frozenset({
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "scop", "scic", "snc", "selarl", "ei", "eirl",
    "earl", "gaec", "ets", "etablissements", "societe", "ste", "cie", "fictif",
})
COMPANY_FIELD_LABELS = {
    "name": "nom", "siret": "SIRET", "naf_code": "code NAF", "commune_insee": "commune",
    "address": "adresse", "size_band": "effectif", "notes": "notes", **{
        column: f"label « {label} »" for column, label in COMPANY_LABELS.items()},
}


@dataclass(frozen=True)
class ContactValues:
    """A contact as typed in the company form; `id` names an existing contact."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CompanyValues:
    """Everything a person types about a company."""

    name: str
    commune_insee: str
    siret: str | None = None
    naf_code: str | None = None
    address: str = ""
    size_band: str | None = None
    welcomes_immersion: bool = False
    club_member: bool = False
    social_clause: bool = False
    emplois_en_provence: bool = False
    pacte_objectifs: bool = False
    notes: str = ""
    contacts: tuple[ContactValues, ...] = field(default=())


SCALAR_FIELDS = tuple(f.name for f in fields(CompanyValues) if f.name != "contacts")


class ProbableDuplicate(Conflict):
    """A company like this one already exists; `companies` are the probable duplicates."""

    def __init__(self, companies: list[Company]):
        super().__init__("Cette entreprise semble déjà enregistrée. Vérifiez avant de la créer.")
        self.companies = companies


def normalise_company_name(name: str) -> str:
    """Lower case, no accents, punctuation or legal form: `SARL Boulangerie Émile` -> `boulangerie emile`."""
    text = fold(name)
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return " ".join(w for w in words if w not in LEGAL_FORMS)


def company_problems(values: CompanyValues) -> dict[str, str]:
    """French field errors of a company, empty when it can be saved."""
    problems: dict[str, str] = {}
    if not values.name.strip():
        problems["name"] = "Indiquez le nom de l'entreprise."
    if values.siret and (problem := siret_problem(values.siret)):
        problems["siret"] = problem[0].upper() + problem[1:] + "."
    if values.naf_code and db.session.get(Naf, values.naf_code) is None:
        problems["naf_code"] = f"Code NAF inconnu : « {values.naf_code} »."
    if not values.commune_insee or db.session.get(Commune, values.commune_insee) is None:
        problems["commune_insee"] = "Commune inconnue : choisissez-la dans la liste proposée."
    if values.size_band and values.size_band not in SIZE_BANDS:
        problems["size_band"] = "Tranche d'effectif inconnue."
    for index, contact in enumerate(values.contacts):
        if not contact.name.strip() and (contact.role or contact.phone or contact.email):
            problems[f"contacts-{index}-name"] = "Indiquez le nom du contact (ou videz la ligne)."
    return problems


def find_probable_duplicates(values: CompanyValues, exclude_id: int | None = None) -> list[Company]:
    """Companies with the same SIRET, or a close name in the same commune (merged ones left out)."""
    siret = normalise_siret(values.siret) if values.siret else None
    wanted = normalise_company_name(values.name)
    statement = select(Company).where(
        Company.merged_into_id.is_(None),
        or_(Company.commune_insee == values.commune_insee,
            *( [Company.siret == siret] if siret else [])),
    )
    if exclude_id is not None:
        statement = statement.where(Company.id != exclude_id)
    found = []
    for company in db.session.scalars(statement.order_by(Company.name)):
        same_siret = siret is not None and company.siret == siret
        close = (company.commune_insee == values.commune_insee and wanted and fuzz.token_sort_ratio(
            wanted, normalise_company_name(company.name)) >= CLOSE_NAME_SCORE)
        if same_siret or close:
            found.append(company)
    return found


def _apply(company: Company, values: CompanyValues) -> dict[str, list[str]]:
    """Copy the values onto the company; {field: [before, after]} of what changed."""
    changed = {}
    for name in SCALAR_FIELDS:
        value = getattr(values, name)
        if name == "siret":
            value = normalise_siret(value) if value else None
        elif isinstance(value, str) and name not in ("naf_code", "size_band", "commune_insee"):
            value = value.strip()
        if getattr(company, name) != value:
            changed[name] = [str(getattr(company, name) or ""), str(value or "")]
            setattr(company, name, value)
    _sync_contacts(company, values.contacts)
    return changed


def _sync_contacts(company: Company, contacts: tuple[ContactValues, ...]) -> None:
    kept_ids = {c.id for c in contacts if c.id is not None and c.name.strip()}
    removed = [contact for contact in company.contacts if contact.id not in kept_ids]
    if any(contact.id is not None for contact in removed):
        from webapp.companies.merge import repoint_references

        for contact in removed:  # offers and sources naming it keep no dangling reference
            repoint_references("company_contact", contact.id, None)
    for contact in removed:
        company.contacts.remove(contact)
    by_id = {c.id: c for c in company.contacts}
    for typed in contacts:
        if not typed.name.strip():
            continue
        contact = by_id.get(typed.id) if typed.id is not None else None
        if contact is None:
            contact = CompanyContact()
            company.contacts.append(contact)
        contact.name, contact.role = typed.name.strip(), typed.role.strip()
        contact.phone, contact.email = typed.phone.strip(), typed.email.strip().lower()


def create_company(actor: User, values: CompanyValues, *, allow_duplicate: bool = False) -> Company:
    """A new company; ProbableDuplicate unless `allow_duplicate`, Invalid on bad fields."""
    if not may(actor, "company.edit"):
        raise NotAllowed("Vous ne pouvez pas créer de fiche entreprise.")
    if problems := company_problems(values):
        raise Invalid(problems)
    if not allow_duplicate and (duplicates := find_probable_duplicates(values)):
        raise ProbableDuplicate(duplicates)
    company = Company(updated_by_id=actor.id, created_by_organisation_id=_home_organisation(actor))
    db.session.add(company)
    _apply(company, values)
    db.session.flush()
    return company


def check_company(values: CompanyValues) -> None:
    """Invalid naming every problem of the typed company at once (the form's check)."""
    if problems := company_problems(values):
        raise Invalid(problems)


def _home_organisation(actor: User) -> int | None:
    ids = sorted(m.organisation_id for m in actor.memberships
                 if scope_for(m.role, "company.edit"))
    return ids[0] if ids else None


def update_company(actor: User, company: Company, values: CompanyValues, version: int) -> Company:
    """Save a company edited from `version`; Conflict (saying what differs) when it moved on."""
    if not can(actor, "company.edit", company) or company.merged_into_id is not None:
        raise NotAllowed("Vous ne pouvez pas modifier cette fiche.")
    check_version(company, version, lambda: company_conflict_message(company, values))
    if problems := company_problems(values):
        raise Invalid(problems)
    if _apply(company, values) or db.session.is_modified(company):
        company.updated_by_id = actor.id
    flush_or_conflict(
        company, "Cette fiche vient d'être modifiée par quelqu'un d'autre : rechargez-la.")
    return company


def company_conflict_message(company: Company, typed: CompanyValues) -> str:
    """What the record holds now that differs from what was typed, and who saved it last."""
    who = db.session.get(User, company.updated_by_id) if company.updated_by_id else None
    author = f"{who.display_name}, le {datetime_fr(company.updated_at)}" if who else "quelqu'un"
    differences = [
        f"{COMPANY_FIELD_LABELS.get(name, name)} : « {getattr(company, name) or '—'} »"
        for name in SCALAR_FIELDS
        if (getattr(company, name) or None) != (getattr(typed, name) or None)
    ]
    detail = " ; ".join(differences) if differences else "aucune différence sur les champs affichés"
    return (f"Fiche modifiée entre-temps par {author}. Rien n'a été enregistré. Valeurs actuelles "
            f"qui diffèrent de votre saisie — {detail}. Vérifiez puis enregistrez à nouveau.")


def resolve_merged(company: Company | None) -> Company | None:
    """The record a merged company now lives in (itself when not merged)."""
    seen = set()
    while company is not None and company.merged_into_id is not None and company.id not in seen:
        seen.add(company.id)
        company = db.session.get(Company, company.merged_into_id)
    return company


def directory_page(user: User, query: str = "", commune_insee: str = "", label: str = "",
                   number: int = 1, size: int = 25) -> Page:
    """The companies the user may see, merged ones hidden, filtered by name/SIRET, commune, label."""
    statement = select(Company).where(
        visible_clause(user, "company.view", Company), Company.merged_into_id.is_(None)
    )
    if text := query.strip():
        digits = normalise_siret(text)
        statement = statement.where(or_(
            Company.name.ilike(f"%{text}%"),
            *([Company.siret.startswith(digits)] if digits.isdigit() else []),
        ))
    if commune_insee:
        statement = statement.where(Company.commune_insee == commune_insee)
    if label in COMPANY_LABELS:
        statement = statement.where(getattr(Company, label).is_(True))
    return paginate(statement.order_by(Company.name, Company.id), number, size,
                    joinedload(Company.naf))  # the activity's name, never a bare NAF code


def own_company_id(user: User) -> int | None:
    """The one company an employer account sees, when the directory would list it alone."""
    if scopes_of(user, "company.view") != {COMPANY}:
        return None
    ids = db.session.scalars(select(Company.id).where(
        visible_clause(user, "company.view", Company), Company.merged_into_id.is_(None)
    ).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


def suggest_companies(user: User, query: str, limit: int = 8) -> list[Company]:
    """Companies whose name or SIRET starts like the query, for the employer autocomplete."""
    text = query.strip()
    if len(text) < 2:
        return []
    digits = normalise_siret(text)
    statement = select(Company).where(
        visible_clause(user, "company.view", Company), Company.merged_into_id.is_(None),
        or_(Company.name.ilike(f"%{text}%"),
            *([Company.siret.startswith(digits)] if digits.isdigit() else [])),
    )
    return list(db.session.scalars(statement.order_by(Company.name).limit(limit)))


@dataclass(frozen=True)
class CompanySection:
    """A block of the company page contributed by another area (hiring needs, prospection...)."""

    title: str
    template: str
    context: dict


def company_sections(user: User, company: Company) -> list[CompanySection]:
    """The blocks other features show on this company's page for this user: each contribution
    of `registries.company_sections` is `provider(user, company)`, a section or None."""
    return [section for provider in registries.company_sections
            if (section := provider(user, company))]
