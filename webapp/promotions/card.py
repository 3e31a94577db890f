"""The anonymised profile card an employer receives: target jobs, experience and skills,
availability and hours, commune and travel, what the AE vouches for.

Never on it: the person's name or label, contact, platform or external reference, barrier flags
(the childcare constraint included) or anything of the accompaniment. The card is built from
an explicit list of fields, so a new profile column never leaks onto it by accident.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime

from webapp.cellule.pdf import Document
from webapp.core.clock import aware
from webapp.core.formatting import date_fr, number_fr
from webapp.profiles.models import TRAVEL_MODES, Profile
from webapp.promotions.models import Promotion

SCHEDULES = (
    ("can_night", "de nuit"),
    ("can_weekend", "le week-end"),
    ("can_early_morning", "tôt le matin"),
    ("can_split_shift", "en horaires coupés"),
)


@dataclass(frozen=True)
class CardJob:
    label: str
    experience: str
    skills: str


@dataclass(frozen=True)
class ProfileCard:
    reference: str
    headline: str
    jobs: tuple[CardJob, ...]
    qualifications: str
    languages: str
    availability: tuple[str, ...]
    mobility: tuple[str, ...]
    vouching: str
    presented_by: str
    contact: str
    sent_on: str

    @classmethod
    def from_dict(cls, values: dict) -> "ProfileCard":
        jobs = tuple(CardJob(**job) for job in values.get("jobs", ()))
        return cls(
            **{
                **values,
                "jobs": jobs,
                "availability": tuple(values.get("availability", ())),
                "mobility": tuple(values.get("mobility", ())),
            }
        )

    def to_dict(self) -> dict:
        return asdict(self)


def experience_text(months: int) -> str:
    """« Débutant(e) », « 8 mois d'expérience », « 2 ans et 6 mois d'expérience »."""
    if months <= 0:
        return "Débutant(e) dans ce métier"
    years, rest = divmod(months, 12)
    if not years:
        return f"{months} mois d'expérience"
    text = f"{years} an{'s' if years > 1 else ''}"
    return f"{text}{f' et {rest} mois' if rest else ''} d'expérience"


def _hours(profile: Profile) -> str:
    low, high = profile.min_hours_per_week, profile.max_hours_per_week
    if low and high:
        return f"Entre {number_fr(low)} et {number_fr(high)} h par semaine"
    if high:
        return f"Jusqu'à {number_fr(high)} h par semaine"
    if low:
        return f"Au moins {number_fr(low)} h par semaine"
    return "Nombre d'heures à voir avec la personne"


def availability_lines(profile: Profile, today: date) -> tuple[str, ...]:
    """When, how many hours, and which schedules the person accepts."""
    start = profile.available_from
    lines = [
        f"Disponible à partir du {date_fr(start)}"
        if start and start > today
        else "Disponible dès maintenant",
        _hours(profile),
    ]
    accepted = [label for column, label in SCHEDULES if getattr(profile, column)]
    lines.append(
        f"Accepte de travailler {', '.join(accepted)}"
        if accepted
        else "Horaires de journée, en semaine"
    )
    return tuple(lines)


def mobility_lines(profile: Profile) -> tuple[str, ...]:
    """The commune (never an address) and how far the person can travel."""
    modes = [TRAVEL_MODES.get(mode, mode).lower() for mode in profile.mobility_modes or ()]
    lines = [f"Habite : {profile.commune.display_name}"]
    reach = f"jusqu'à {profile.max_minutes} min de trajet"
    lines.append(f"Se déplace : {', '.join(modes)} ; {reach}" if modes else f"Trajet : {reach}")
    licence = ["permis B" if profile.driving_licence else "", "véhicule" if profile.vehicle else ""]
    if any(licence):
        lines.append("A le " + " et un ".join(part for part in licence if part))
    return tuple(lines)


def _headline(promotion: Promotion) -> str:
    if promotion.offer is not None:
        return f"Candidature pour votre offre « {promotion.offer.title} »"
    return f"Candidature spontanée auprès de {promotion.company.name}"


def build_card(promotion: Promotion, today: date) -> ProfileCard:
    """The card as it stands today, from the profile's allowed fields only."""
    profile = promotion.profile
    jobs = tuple(
        CardJob(target.rome.label, experience_text(target.experience_months), target.skills)
        for target in profile.targets
    )
    cre = promotion.cre
    organisation = next((m.organisation.name for m in cre.memberships if m.role == "cre"), "")
    return ProfileCard(
        reference=promotion.reference,
        headline=_headline(promotion),
        jobs=jobs,
        qualifications=profile.qualifications,
        languages=profile.languages,
        availability=availability_lines(profile, today),
        mobility=mobility_lines(profile),
        vouching=promotion.vouching,
        presented_by=f"{cre.display_name}{f', {organisation}' if organisation else ''}",
        contact=cre.email,
        sent_on=date_fr(aware(promotion.sent_at)) if promotion.sent_at else "",
    )


def card_of(promotion: Promotion, today: date) -> ProfileCard:
    """The card the employer received (frozen when sent), or today's preview before that."""
    if promotion.card:
        return ProfileCard.from_dict(promotion.card)
    return build_card(promotion, today)


def freeze_card(promotion: Promotion, now: datetime) -> None:
    """Keep the card exactly as it is sent."""
    promotion.card = build_card(promotion, now.date()).to_dict()


def card_pdf(card: ProfileCard) -> bytes:
    """The card as a one-page PDF."""
    document = Document(
        f"Profil {card.reference}", "Passerelle - task force entreprises des Bouches-du-Rhône"
    )
    document.heading(f"Profil proposé {card.reference}")
    document.paragraph(card.headline, bold=True)
    if card.sent_on:
        document.paragraph(f"Envoyé le {card.sent_on}")
    document.subheading("Métiers visés, expérience et savoir-faire")
    for job in card.jobs:
        document.paragraph(job.label, bold=True)
        document.bullets([job.experience, *([job.skills] if job.skills else [])])
    if card.qualifications or card.languages:
        document.subheading("Atouts")
        document.bullets(
            [
                text
                for text in (card.qualifications, card.languages and f"Langues : {card.languages}")
                if text
            ]
        )
    document.subheading("Disponibilités et horaires")
    document.bullets(card.availability)
    document.subheading("Lieu de vie et déplacements")
    document.bullets(card.mobility)
    if card.vouching:
        document.subheading("Ce que l'accompagnateur garantit")
        document.paragraph(card.vouching)
    document.subheading("Contact")
    document.paragraph(f"Présenté par {card.presented_by} - {card.contact}")
    document.paragraph(
        "Profil anonymisé : la task force vous met en relation avec la personne si vous "
        "êtes intéressé(e).",
        size=9,
    )
    return document.to_bytes()
