"""A small cellule emploi for the tests: pôle I, its members, a person ready to be put forward,
an employer with an open offer in the person's job."""

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pypdf import PdfReader

from tests import factories
from tests.clock import NOW
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.calendar import at_local_time
from webapp.cellule.cellules import CelluleSettings, create_cellule
from webapp.cellule.models import Cellule
from webapp.companies.models import Company
from webapp.offers.models import Offer
from webapp.profiles.models import Profile


@dataclass
class World:
    admin: User
    animateur: User
    cre: User
    other_cre: User
    ae: User
    other_ae: User
    outsider_cre: User
    ae_org: Organisation
    cellule: Cellule
    company: Company
    employer: User
    offer: Offer
    person: Profile


def person(org: Organisation, ae: User, **values) -> Profile:
    """A profile that passes the profile form's checks, consent given unless told otherwise."""
    values.setdefault("label", "Karima B.")
    values.setdefault("consent_promotion", True)
    values.setdefault("job_ready", True)
    values.setdefault("min_hours_per_week", 20)
    values.setdefault("max_hours_per_week", 35)
    values.setdefault("external_ref", "FT-123456")
    values.setdefault("barriers", {"childcare": ""})
    values.setdefault("childcare_constraint", True)
    return factories.profile(org, ae=ae, **values)


def build_world(now: datetime = NOW) -> World:
    """Pôle I's cellule (Tuesdays, twice a month), two CREs, an AE, a CRE of another pôle."""
    dept = factories.organisation(
        "Département – pôle I (test)", kind="departement_pole", pole_code="I"
    )
    ft = factories.organisation(
        "France Travail Marseille Centre (test)", kind="france_travail", pole_code="I"
    )
    far = factories.organisation(
        "France Travail Arles (test)", kind="france_travail", pole_code="VII"
    )
    admin = factories.user((dept, "admin"), name="Alice Admin")
    animateur = factories.user((dept, "animateur", "I"), name="Anne Animatrice")
    cre = factories.user((dept, "cre", "I"), name="Claire CRE")
    other_cre = factories.user((ft, "cre", "I"), name="Bruno CRE")
    ae = factories.user((ft, "ae", "I"), name="Élodie AE")
    other_ae = factories.user((ft, "ae", "I"), name="Omar AE")
    outsider_cre = factories.user((far, "cre", "VII"), name="Paul CRE d'Arles")
    cellule = create_cellule(
        admin,
        CelluleSettings(
            "Cellule emploi Marseille I (test)", (factories.pole("I").id,), place="Salle 3"
        ),
        now,
    )
    company = factories.company("Hôtel du Vieux-Port (test)", insee="13201")
    employer = factories.employer(company, name="Éric Employeur")
    offer = factories.offer(
        ft,
        insee="13201",
        rome_code="K2204",
        company_id=company.id,
        cre_id=other_cre.id,
        title="Agent d'entretien H/F",
        hours_per_week=30,
    )
    profile = person(ft, ae)
    return World(
        admin,
        animateur,
        cre,
        other_cre,
        ae,
        other_ae,
        outsider_cre,
        ft,
        cellule,
        company,
        employer,
        offer,
        profile,
    )


def moment(day: date, hour: int = 9, minute: int = 30) -> datetime:
    """A Paris wall-clock moment, stored as UTC."""
    return at_local_time(day, time(hour, minute))


def days_after(start: datetime, days: int) -> datetime:
    return start + timedelta(days=days)


def pdf_text(data: bytes) -> str:
    """The text drawn in a PDF, read back through its fonts' Unicode maps (as a reader would)."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _cellule(pole_code: str, member=None):
    from webapp.cellule.models import CelluleMember
    from webapp.extensions import db

    cellule = Cellule(name=f"Cellule {pole_code} (walk)", poles=[factories.pole(pole_code)])
    if member is not None:
        cellule.members.append(CelluleMember(user=member, role="cre"))
    db.session.add(cellule)
    db.session.flush()
    return cellule


def _promotion(profile, company, cre, cellule=None):
    from webapp.extensions import db
    from webapp.promotions.models import Promotion

    promotion = Promotion(profile=profile, company_id=company.id, cre_id=cre.id, cellule=cellule)
    db.session.add(promotion)
    db.session.flush()
    return promotion


def _event(organisation, insee: str):
    from webapp.events.models import EmploymentEvent
    from webapp.extensions import db

    event = EmploymentEvent(
        kind="forum",
        title="Forum (walk)",
        on=date(2030, 1, 8),
        commune_insee=insee,
        pole_id=factories.commune(insee).pole_id,
        organisation_id=organisation.id,
    )
    db.session.add(event)
    db.session.flush()
    return event


def permission_records(
    model, me, colleague, org_a, org_b, org_far, employer_company, other_company
):
    """(record, scopes reaching it) for the permission walk of tests/test_permissions.py."""
    from webapp.core.permissions import ALL, COMPANY, ORGANISATION, OWN, SHARED, TERRITORY
    from webapp.events.models import EmploymentEvent
    from webapp.promotions.models import Promotion

    if model is Cellule:  # its members reach it
        return [(_cellule("II", member=me), {SHARED, ALL}), (_cellule("III"), {ALL})]
    if (
        model is Promotion
    ):  # its CRE (own), the company it was sent to; shared: CRE, the AE, the cellule
        return [
            (
                _promotion(factories.profile(org_b), employer_company, me),
                {OWN, COMPANY, SHARED, ALL},
            ),
            (
                _promotion(
                    factories.profile(org_b), other_company, colleague, _cellule("IV", member=me)
                ),
                {SHARED, ALL},
            ),
            (_promotion(factories.profile(org_b, ae=me), other_company, colleague), {SHARED, ALL}),
            (_promotion(factories.profile(org_b), other_company, colleague, _cellule("V")), {ALL}),
        ]
    if model is EmploymentEvent:  # a territory's programme, whoever organises it
        return [
            (_event(org_a, "13201"), {ORGANISATION, TERRITORY, ALL}),
            (_event(org_b, "13201"), {TERRITORY, ALL}),
            (_event(org_far, "13004"), {ALL}),
        ]
    return None
