"""What an immersion looks like to a given viewer, and what they may do with it.

Privacy: the host company's employer sees who is proposed only as "a person followed by
<organisation>" (commune, job, dates, schedule) until the convention is signed; signing a
convention with the company is the person's agreement to be introduced, so from then on the
employer also sees the person's pseudonymous label (first name and initial) and the referent.
"""

from dataclasses import dataclass

from webapp.accounts.models import User
from webapp.core.formatting import date_fr, datetime_fr, number_fr
from webapp.core.permissions import can
from webapp.core.workflow import Move
from webapp.immersions.assessment import may_assess
from webapp.immersions.lifecycle import (
    HOST_SIDE,
    PERSON_SIDE,
    available_transitions,
    sides_of,
)
from webapp.immersions.models import (
    ANSWERS,
    ATTENDANCE,
    CONVENTION_KINDS,
    TUTOR_CRITERIA,
    TUTOR_RATINGS,
    Immersion,
)
from webapp.immersions.schedule import WeeklySchedule
from webapp.offers.models import CONTRACTS
from webapp.profiles.labels import person_label, shows_person

STATUS_TONES = {"proposed": "neutral", "accepted": "neutral", "convention_signed": "good",
                "under_way": "good", "done": "good", "cancelled": "warn"}
INTRODUCED_STATUSES = frozenset({"convention_signed", "under_way", "done"})


def is_introduced(immersion: Immersion) -> bool:
    """True once the convention was signed: the person agreed to meet the company."""
    return any(step.to_status in INTRODUCED_STATUSES for step in immersion.steps)


def _met(immersion: Immersion, viewer: User) -> bool:
    """The host, once the convention is signed: the person agreed to meet them."""
    return is_introduced(immersion) and HOST_SIDE in sides_of(viewer, immersion)


def immersion_shows(immersion: Immersion, viewer: User) -> bool:
    """True when the viewer reads the person's name on the immersion (profiles/labels.py)."""
    return shows_person(immersion.profile, viewer, met=_met(immersion, viewer))


def immersion_person(immersion: Immersion, viewer: User) -> str:
    """The person as this viewer may see them: the host reads the name once the convention is
    signed; the one rule of profiles/labels.py otherwise."""
    return person_label(immersion.profile, viewer, met=_met(immersion, viewer))


@dataclass(frozen=True)
class StepLine:
    label: str
    at: str
    signed_as: str
    note: str


@dataclass(frozen=True)
class ImmersionPage:
    immersion: Immersion
    title: str
    person: str
    profile_visible: bool
    status_tone: str
    facts: tuple[tuple[str, str], ...]
    schedule_lines: tuple[str, ...]
    tutor: tuple[tuple[str, str], ...]
    steps: tuple[StepLine, ...]
    transitions: tuple[Move, ...]
    assessment: tuple[tuple[str, str], ...]
    may_edit: bool
    may_assess: bool
    may_export: bool
    host_view: bool


def _facts(immersion: Immersion, viewer: User, host_view: bool) -> list[tuple[str, str]]:
    schedule = WeeklySchedule.from_json(immersion.schedule)
    days = len(schedule.presence_days(immersion.start_date, immersion.end_date))
    facts = [
        ("Entreprise d'accueil", immersion.company.name),
        ("Métier découvert", f"{immersion.rome.label} ({immersion.rome_code})"),
        ("Objectif", immersion.objective_label),
        ("Dates", (f"du {date_fr(immersion.start_date)} au {date_fr(immersion.end_date)} "
                  f"({days} jour{'s' if days > 1 else ''} de présence)")),
        ("Durée par semaine", schedule.summary()),
        ("Organisation prescriptrice", immersion.organisation.name),
    ]
    if immersion.offer is not None:
        facts.insert(1, ("Offre", f"{immersion.offer.title} ({immersion.offer.reference})"))
    if host_view:
        facts.append(("Commune de la personne", immersion.profile.commune.display_name))
    if not host_view or is_introduced(immersion):
        referent = immersion.referent
        facts.append(("Référent", f"{referent.display_name} · {referent.email}" if referent else "—"))
    if immersion.convention_reference:
        facts.append((CONVENTION_KINDS.get(immersion.convention_kind or "", "Convention"),
                      immersion.convention_reference))
    if immersion.promotion_id and not host_view:
        facts.append(("Promotion", immersion.promotion.reference))
    if immersion.status == "cancelled" and immersion.cancel_reason:
        facts.append(("Motif de l'annulation", immersion.cancel_reason))
    return facts


def _tutor(immersion: Immersion) -> tuple[tuple[str, str], ...]:
    rows = (("Nom", immersion.tutor_name), ("Fonction", immersion.tutor_role),
            ("Téléphone", immersion.tutor_phone), ("E-mail", immersion.tutor_email))
    return tuple((label, value) for label, value in rows if value)


def assessment_rows(immersion: Immersion) -> tuple[tuple[str, str], ...]:
    """The assessment in plain French, one (label, value) per answer."""
    a = immersion.assessment
    if a is None:
        return ()
    rows = [("Présence", (f"{ATTENDANCE.get(a.attendance, a.attendance)} "
                         f"({a.days_attended if a.days_attended is not None else '?'} jour(s))"))]
    rows += [(f"Tuteur · {label}", TUTOR_RATINGS.get(getattr(a, column), ""))
             for column, label in TUTOR_CRITERIA.items()]
    rows.append(("Tuteur · prêt à embaucher", ANSWERS.get(a.tutor_would_hire, "")))
    if a.tutor_comment:
        rows.append(("Tuteur · commentaire", a.tutor_comment))
    rows.append(("La personne · le métier lui plaît", ANSWERS.get(a.person_liked_job, "")))
    if a.person_comment:
        rows.append(("La personne · commentaire", a.person_comment))
    outcome = a.outcome_label
    if a.outcome == "hired":
        outcome += (f" · {CONTRACTS.get(a.hired_contract or '', a.hired_contract)} le {date_fr(a.hired_on)}, "
                    f"{number_fr(a.hired_hours_per_week, 0 if float(a.hired_hours_per_week or 0).is_integer() else 1)} h par semaine")
    rows.append(("Suite", outcome))
    if a.outcome_note:
        rows.append(("Précisions", a.outcome_note))
    rows.append(("Bilan noté par", (f"{a.recorded_by.display_name if a.recorded_by else '—'}, "
                                   f"le {datetime_fr(a.updated_at)}")))
    return tuple(rows)


def immersion_page(immersion: Immersion, viewer: User) -> ImmersionPage:
    """Everything the immersion page shows this viewer."""
    sides = sides_of(viewer, immersion)
    host_view = HOST_SIDE in sides and PERSON_SIDE not in sides
    person = immersion_person(immersion, viewer)
    steps = tuple(StepLine(step.status_label, datetime_fr(step.at), step.signed_as, step.note)
                  for step in immersion.steps)
    return ImmersionPage(
        immersion=immersion,
        title=f"Immersion {immersion.reference}",
        person=person,
        profile_visible=can(viewer, "profile.view", immersion.profile),
        status_tone=STATUS_TONES.get(immersion.status, "neutral"),
        facts=tuple(_facts(immersion, viewer, host_view)),
        schedule_lines=tuple(WeeklySchedule.from_json(immersion.schedule).lines()),
        tutor=_tutor(immersion),
        steps=steps,
        transitions=tuple(available_transitions(viewer, immersion)),
        assessment=assessment_rows(immersion) if not host_view else (),
        may_edit=PERSON_SIDE in sides and immersion.status == "proposed",
        may_assess=may_assess(viewer, immersion),
        may_export=can(viewer, "immersion.export", immersion),
        host_view=host_view,
    )
