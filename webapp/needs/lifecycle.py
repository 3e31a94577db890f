"""The life of a hiring need: posted by an employer, taken and qualified by a CRE of its territory.

Every step is dated and signed (a NeedEvent); the message thread is shared by both sides.
"""

from dataclasses import dataclass
from datetime import date, datetime

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.accounts.recipients import employer_user_ids, role_ids_of_pole
from webapp.companies.accounts import employer_organisation
from webapp.core.concurrency import flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.notify import notify, record_path
from webapp.core.permissions import can
from webapp.core.workflow import Move, Workflow, permission
from webapp.extensions import db
from webapp.needs.models import OPEN_NEED_STATUSES, HiringNeed, NeedEvent, NeedMessage
from webapp.offers.models import CONTRACTS, Offer
from webapp.reference.jobs import rome_exists
from webapp.reference.models import Commune
from webapp.reference.places import postal_code_problem

MIN_HOURS, MAX_HOURS = 1, 48
# Immersion is its own question on the form, not a contract.
NEED_CONTRACTS: dict[str, str] = {
    code: label for code, label in CONTRACTS.items() if code != "PMSMP"
}
CLOSED_REFUSALS = {
    "converted": "Ce besoin est déjà devenu une offre : il est clos.",
    "declined": "Ce besoin a été décliné : il est clos.",
    "withdrawn": "Ce besoin a été retiré par l'employeur : il est clos.",
}


@dataclass(frozen=True)
class NeedInput:
    """What the employer types on the short form, already parsed."""

    rome_code: str
    commune_insee: str
    positions: int
    hours_per_week: float
    contract: str
    start_date: date
    title: str = ""
    night: bool = False
    weekend: bool = False
    early_morning: bool = False
    split_shift: bool = False
    immersion_welcome: bool = False
    comment: str = ""
    postal_code: str | None = None  # a finer place inside a large commune (Arles 13129)


def need_problems(data: NeedInput, today: date) -> dict[str, str]:
    """The business-rule problems of a need, by field; empty when it is acceptable."""
    problems: dict[str, str] = {}
    if not rome_exists(data.rome_code):
        problems["rome_code"] = "Métier : choisissez un métier proposé dans la liste."
    commune = db.session.get(Commune, data.commune_insee) if data.commune_insee else None
    if commune is None or commune.pole_id is None:
        problems["commune_insee"] = (
            "Lieu : choisissez une commune des Bouches-du-Rhône dans la liste."
        )
    elif problem := postal_code_problem(data.commune_insee, data.postal_code):
        problems["postal_code"] = problem
    if data.positions is None or data.positions < 1:
        problems["positions"] = "Nombre de postes : au moins 1."
    if data.hours_per_week is None or not MIN_HOURS <= data.hours_per_week <= MAX_HOURS:
        problems["hours_per_week"] = (
            f"Heures par semaine : entre {MIN_HOURS} et {MAX_HOURS} heures."
        )
    if data.contract not in NEED_CONTRACTS:
        problems["contract"] = "Contrat : choisissez un type de contrat dans la liste."
    if data.start_date is None:
        problems["start_date"] = "Date de début : indiquez le jour où le poste commence."
    elif data.start_date < today:
        problems["start_date"] = "Date de début : elle ne peut pas être déjà passée."
    return problems


def check_need(data: NeedInput, today: date) -> None:
    """Invalid naming every problem of the typed need at once (the form's check)."""
    if problems := need_problems(data, today):
        raise Invalid(problems)


NEED_CHANGED = ("Ce besoin vient d'être modifié par quelqu'un d'autre : "
                "rechargez la page pour voir où il en est.")


def _write_event(need: HiringNeed, move: Move, from_status: str, actor: User | None,
                 at: datetime, note: str, details: dict) -> NeedEvent:
    event = NeedEvent(at=at, user_id=actor.id if actor else None, kind=move.key,
                      from_status=from_status, to_status=move.target, note=note)
    with db.session.no_autoflush:  # a concurrent change must surface in flush_or_conflict
        need.events.append(event)
    return event


def _following(user: User | None, need: HiringNeed) -> bool:
    return user is not None and need.cre_id == user.id


def _employer_side(user: User | None, need: HiringNeed) -> bool:
    return user is not None and is_employer_side(user, need)


def _wrong_state(need: HiringNeed, move: Move, actor: User | None) -> Exception:
    return Invalid(CLOSED_REFUSALS.get(need.status, f"« {move.label} » : impossible maintenant."),
                   "body")


# The life cycle (core.workflow): each move is also the kind of its NeedEvent.
MOVES: tuple[Move, ...] = (
    Move("taken", "Prendre en charge", OPEN_NEED_STATUSES, "in_progress", permission("need.take")),
    Move("question", "Poser une question", OPEN_NEED_STATUSES, "question", _following),
    Move("answer", "Répondre", ("question",), "in_progress", _employer_side),
    Move("declined", "Décliner", OPEN_NEED_STATUSES, "declined", _following, needs_note=True),
    Move("withdrawn", "Retirer", OPEN_NEED_STATUSES, "withdrawn", _employer_side),
    Move("converted", "Transformer en offre", OPEN_NEED_STATUSES, "converted", _following),
)
WORKFLOW = Workflow(
    MOVES, _write_event, wrong_state=_wrong_state,
    wrong_actor=lambda need, move, actor: NotAllowed("Vous ne pouvez pas faire avancer ce besoin."),
    missing_note=lambda need, move: Invalid(
        "Motif : expliquez à l'employeur pourquoi le besoin n'est pas retenu.", "reason"),
)


def _record(need: HiringNeed, actor: User, kind: str, now: datetime, note: str = "") -> None:
    WORKFLOW.advance(need, kind, actor, now, note)


def post_need(employer: User, data: NeedInput, today: date, now: datetime) -> HiringNeed:
    """A new need of the employer's company, waiting in its territory's queue."""
    organisation = employer_organisation(employer)
    if organisation is None:
        raise NotAllowed("Ce compte n'est rattaché à aucune entreprise.")
    return record_need(organisation, employer, data, today, now)


def record_need(organisation: Organisation, author: User, data: NeedInput, today: date,
                now: datetime, note: str = "") -> HiringNeed:
    """A new need of the employer organisation's company, checked like the form, waiting in its
    territory's queue; the territory's CREs are told. `note` says who posted it for the
    company when it was not the employer (a partner system through the API)."""
    if problems := need_problems(data, today):
        raise Invalid(problems)
    commune = db.session.get(Commune, data.commune_insee)
    need = HiringNeed(
        company_id=organisation.company_id,
        organisation_id=organisation.id,
        author_id=author.id,
        pole_id=commune.pole_id,
        created_at=now,
        status="waiting",
        title=data.title.strip(),
        rome_code=data.rome_code,
        commune_insee=data.commune_insee,
        postal_code=data.postal_code,
        positions=data.positions,
        hours_per_week=data.hours_per_week,
        contract=data.contract,
        start_date=data.start_date,
        night=data.night,
        weekend=data.weekend,
        early_morning=data.early_morning,
        split_shift=data.split_shift,
        immersion_welcome=data.immersion_welcome,
        comment=data.comment.strip(),
    )
    db.session.add(need)
    need.events.append(NeedEvent(at=now, user_id=author.id, kind="posted", to_status="waiting",
                                 note=note))
    db.session.flush()
    notify("need_posted", role_ids_of_pole("cre", need.pole_id), record_type="hiring_need",
           record_id=need.id, url=record_path("needs.detail", need_id=need.id),
           params={"company": organisation.name, "job": need.job_label, "commune": commune.name})
    return need


def _check_open(need: HiringNeed) -> None:
    if not need.is_open:
        raise Invalid(CLOSED_REFUSALS[need.status], "body")


def check_follower(need: HiringNeed, cre: User) -> None:
    """NotAllowed unless the need is open and followed by this CRE."""
    _check_open(need)
    if need.cre_id is None:
        raise NotAllowed("Prenez d'abord ce besoin en charge.")
    if need.cre_id != cre.id:
        raise NotAllowed(f"Ce besoin est suivi par {need.cre.display_name}.")


def take_need(need: HiringNeed, cre: User, now: datetime) -> None:
    """The CRE becomes the follower of a waiting need of their territory."""
    if not can(cre, "need.take", need):
        raise NotAllowed("Ce besoin n'est pas de votre territoire.")
    _check_open(need)
    if need.cre_id is not None:
        raise Invalid(f"Ce besoin est déjà suivi par {need.cre.display_name}.")
    need.cre_id, need.taken_at = cre.id, now
    _record(need, cre, "taken", now)
    flush_or_conflict(need, NEED_CHANGED)
    _tell_employer(need, "need_taken", cre)


def is_employer_side(user: User, need: HiringNeed) -> bool:
    """True when the user writes for the need's company."""
    organisation = employer_organisation(user)
    return organisation is not None and organisation.company_id == need.company_id


def post_message(
    need: HiringNeed, author: User, body: str, now: datetime, is_question: bool = False
) -> NeedMessage:
    """A message in the thread; a CRE's question makes the need wait for the employer's answer."""
    body = body.strip()
    if not body:
        raise Invalid("Message : écrivez quelques mots.", "body")
    from_employer = is_employer_side(author, need)
    if from_employer:
        _check_open(need)
        if is_question:
            raise NotAllowed("Seul le CRE qui suit le besoin pose des questions.")
    else:
        check_follower(need, author)
    message = NeedMessage(
        at=now, author_id=author.id, from_employer=from_employer, is_question=is_question, body=body
    )
    with db.session.no_autoflush:
        need.messages.append(message)
    answered = from_employer and need.status == "question"
    if is_question:
        _record(need, author, "question", now, body)
    elif answered:
        _record(need, author, "answer", now, body)
    flush_or_conflict(need, NEED_CHANGED)
    if is_question:
        _tell_employer(need, "need_question", author)
    elif answered:
        notify("need_answered", [need.cre_id], record_type="hiring_need", record_id=need.id,
               url=record_path("needs.detail", need_id=need.id), exclude=author.id,
               params={"company": need.company.name, "job": need.job_label})
    return message


def decline_need(need: HiringNeed, cre: User, reason: str, now: datetime) -> None:
    """The following CRE closes the need without an offer, saying why."""
    check_follower(need, cre)
    reason = reason.strip()
    if not reason:
        raise Invalid(
            "Motif : expliquez à l'employeur pourquoi le besoin n'est pas retenu.", "reason"
        )
    need.decline_reason, need.closed_at = reason, now
    _record(need, cre, "declined", now, reason)
    flush_or_conflict(need, NEED_CHANGED)
    _tell_employer(need, "need_declined", cre, reason=reason)


def withdraw_need(need: HiringNeed, employer: User, now: datetime) -> None:
    """The employer closes their own need (filled elsewhere, given up...)."""
    if not is_employer_side(employer, need):
        raise NotAllowed("Seule l'entreprise qui a déposé ce besoin peut le retirer.")
    _check_open(need)
    need.closed_at = now
    _record(need, employer, "withdrawn", now)
    flush_or_conflict(need, NEED_CHANGED)


def mark_converted(need: HiringNeed, cre: User, offer: Offer, now: datetime) -> None:
    """Close the need as turned into `offer` (`offer.source_need` links back to it)."""
    check_follower(need, cre)
    need.offer, need.closed_at = offer, now
    _record(need, cre, "converted", now, offer.reference)
    flush_or_conflict(need, NEED_CHANGED)
    _tell_employer(need, "need_converted", cre, offer=offer.reference)


def _tell_employer(need: HiringNeed, kind: str, cre: User, **params: str) -> None:
    """The company's employer accounts learn of the CRE's move (the need's words only)."""
    notify(kind, employer_user_ids(need.company_id), record_type="hiring_need", record_id=need.id,
           url=record_path("employer_space.need", need_id=need.id), exclude=cre.id,
           params={"job": need.job_label, "cre": cre.display_name, **params})
