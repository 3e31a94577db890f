"""Demo prospection plans: one per pôle, with targets at every stage, a contact history across
organisations, planned actions (some overdue) and a « ne pas solliciter » mark.

Everything goes through the real services, with dates in the past; it runs once (nothing is
written when a target already exists)."""

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.companies.models import Company
from webapp.extensions import db
from webapp.prospection.actions import ActionInput, plan_action
from webapp.prospection.contacts import ContactInput, log_contact
from webapp.prospection.models import ProspectionTarget
from webapp.prospection.moves import move_target
from webapp.prospection.plan import add_target, decide_request, request_access
from webapp.prospection.solicit import mark_do_not_solicit
from webapp.reference.models import Commune, NafRome, Pole

# The stages the targets of a plan reach, in order (pôle I, the demo accounts' own, gets more).
STAGES = ("to_prospect", "contacted", "need_identified", "offer_obtained", "regular_partner",
          "dropped", "contacted", "to_prospect")
EXTRA_FIRST_POLE = ("need_identified", "contacted", "offer_obtained", "to_prospect")
PATH = ("contacted", "need_identified", "offer_obtained", "regular_partner")
CHANNELS = ("phone", "phone", "visit", "email", "meeting", "event")
SUMMARIES = {
    "contacted": (
        "Premier appel à la gérante : présentation de la task force et des immersions.",
        "Rencontre au forum emploi ; rappeler après la saison.",
        "Courriel de présentation envoyé, rendez-vous pris.",
    ),
    "need_identified": (
        "Recrutement prévu au printemps, profils débutants acceptés.",
        "Deux postes à pourvoir ; l'entreprise accepte une immersion avant.",
    ),
    "offer_obtained": (
        "Offre transmise et publiée dans le vivier ; immersion de trois jours acceptée.",
    ),
    "regular_partner": (
        "Troisième recrutement réussi : l'entreprise nous appelle désormais en premier.",
    ),
    "dropped": ("Fermeture de l'établissement annoncée.",),
}
OUTCOMES = {"contacted": "interested", "need_identified": "need_detected",
            "offer_obtained": "offer_or_immersion", "regular_partner": "offer_or_immersion",
            "dropped": "not_interested"}
PEOPLE_MET = ("Mme Durand, gérante", "M. Martin, responsable RH", "Mme Roux, directrice",
              "M. Petit, chef d'équipe")


def write_demo_prospection(seed: int, today: date) -> int:
    """Write the plans unless some target exists; how many targets were written."""
    if db.session.scalar(select(ProspectionTarget.id).limit(1)) is not None:
        return 0
    rng = random.Random(seed * 11 + 7)
    cres = _cres_by_pole()
    written = 0
    for pole in db.session.scalars(select(Pole).order_by(Pole.id)):
        leads = cres.get(pole.id) or cres.get(None) or []
        stages = STAGES + (EXTRA_FIRST_POLE if written == 0 else ())
        companies = _companies_of(pole.id)
        if not leads or len(companies) < len(stages):
            continue
        chosen = sorted(rng.sample(companies, len(stages)), key=lambda c: c.id)
        targets = [_write_target(rng, pole, company, leads[i % len(leads)], stage, today,
                                 overdue=i % 3 == 0)
                   for i, (company, stage) in enumerate(zip(chosen, stages, strict=True))]
        written += len(targets)
        if len(leads) > 1:
            _cross_organisation(rng, targets, leads, today)
        _mark_one(companies, chosen, leads[0], today)
    return written


def _cres_by_pole() -> dict[int | None, list[User]]:
    found: dict[int | None, list[User]] = {}
    for membership in db.session.scalars(
            select(Membership).where(Membership.role == "cre").order_by(Membership.id)):
        found.setdefault(membership.pole_id or membership.organisation.pole_id, []).append(
            membership.user)
    return found


def _companies_of(pole_id: int) -> list[Company]:
    return list(db.session.scalars(select(Company).join(Commune).where(
        Commune.pole_id == pole_id, Company.merged_into_id.is_(None),
        Company.naf_code.is_not(None)).order_by(Company.id)))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10), UTC)


def _contact(rng: random.Random, stage: str, day: date, company: Company) -> ContactInput:
    need = None
    if stage == "need_identified":
        codes = db.session.scalars(select(NafRome.rome_code).where(
            NafRome.naf_division == (company.naf_code or "")[:2]).order_by(NafRome.rome_code))
        need = next(iter(codes), None)
    return ContactInput(contacted_on=day, channel=rng.choice(CHANNELS),
                        summary=rng.choice(SUMMARIES[stage]), outcome=OUTCOMES[stage],
                        person_met=rng.choice(PEOPLE_MET), need_rome_code=need,
                        need_positions=rng.choice((1, 2, 3)) if need else None)


def _write_target(rng: random.Random, pole: Pole, company: Company, lead: User, stage: str,
                  today: date, overdue: bool) -> ProspectionTarget:
    """A target added some weeks ago and moved, step by step, to `stage`, with an action
    planned (`overdue`: due a few days ago and not done)."""
    day = today - timedelta(days=70 + rng.randint(0, 30))
    target = add_target(lead, company, pole.id, lead.id, _moment(day))
    steps = PATH[:PATH.index(stage) + 1] if stage in PATH else (
        ("contacted", "dropped") if stage == "dropped" else ())
    for step in steps:
        day += timedelta(days=rng.randint(4, 14))
        move_target(lead, target, step, _contact(rng, step, day, company), target.version,
                    now=_moment(day), confirmed=True,
                    dropped_reason=SUMMARIES["dropped"][0] if step == "dropped" else "")
    if stage not in ("dropped", "regular_partner"):
        due = today + timedelta(days=-rng.randint(1, 6) if overdue else rng.randint(1, 12))
        plan_action(lead, target, ActionInput(rng.choice(("call", "visit", "event_invitation",
                                                          "profiles_sent")), due, lead.id),
                    min(due, today))
    return target


def _cross_organisation(rng: random.Random, targets: list[ProspectionTarget], leads: list[User],
                        today: date) -> None:
    """Another organisation's CRE: a recent exchange with a colleague's target (the
    over-solicitation warning shows), joins one target and waits on another."""
    first, other = leads[0], leads[1]
    mine = [t for t in targets if t.lead_id == first.id and t.stage != "dropped"]
    if len(mine) < 3:
        return
    recent = today - timedelta(days=4)
    log_contact(other, mine[0].company, ContactInput(
        contacted_on=recent, channel="phone", outcome="follow_up", person_met=PEOPLE_MET[1],
        summary="Appel pour une candidate en reconversion ; rappeler la semaine prochaine."),
        today=recent, confirmed=True)
    accepted = request_access(other, mine[1], "join", "Je connais bien le responsable RH.",
                              _moment(recent))
    decide_request(first, accepted, True, _moment(recent))
    request_access(other, mine[2], "join", "Nous avons deux candidates pour ce site.",
                   _moment(today - timedelta(days=1)))


def _mark_one(companies: list[Company], chosen: list[Company], cre: User, today: date) -> None:
    """One company of the pôle outside the plan asked not to be called for a while."""
    spare = next((c for c in companies if c not in chosen), None)
    if spare is not None:
        mark_do_not_solicit(cre, spare, today + timedelta(days=45),
                            "Sollicitée par plusieurs structures ce mois-ci ; recontacter après "
                            "l'été.", today)
