"""Every kind of notification: its French texts, who receives it and their default choice.

Texts name no more than needed: an employer's name the card number and the job, never the
person; an AE's name the person by their label only (first name and initial)."""

from webapp.notifications.kind import MODES, Kind

__all__ = ["KINDS", "MODES", "Kind", "kind_of", "kinds_for"]
from webapp.notifications.more_kinds import EVENT_KINDS, REMINDER_KINDS

KINDS: dict[str, Kind] = {
    "card_received": Kind(
        "Une carte de profil m'est envoyée",
        "Un profil vous est présenté : carte {card} ({job})",
        "Un chargé de relations entreprises vous présente un profil pour le poste « {job} » "
        "(carte {card}). Ouvrez la carte pour dire si vous souhaitez rencontrer la personne.",
        ("employer",), action="Voir la carte",
    ),
    "card_answered": Kind(
        "Un employeur répond à une carte",
        "Réponse de l'employeur sur la carte {card}",
        "{company} a répondu à la carte {card} ({job}) : {answer}.",
        ("cre",), action="Voir la promotion",
    ),
    "need_posted": Kind(
        "Un nouveau besoin arrive dans la file de mon territoire",
        "Nouveau besoin de recrutement : {job} ({company})",
        "{company} a déposé un besoin de recrutement « {job} » à {commune}. Il attend d'être "
        "pris en charge dans la file de votre territoire.",
        ("cre",), action="Voir le besoin", defaults={"cre": "daily"},
    ),
    "registration_pending": Kind(
        "Une inscription employeur est à valider",
        "Inscription employeur à valider : {company}",
        "{company} ({commune}) demande un compte employeur. Vérifiez l'entreprise puis validez "
        "ou refusez l'inscription.",
        ("cre",), action="Voir l'inscription",
    ),
    "person_interested": Kind(
        "Un employeur est intéressé par une personne que j'accompagne",
        "Un employeur est intéressé par {person}",
        "Un employeur est intéressé par le profil de {person} (carte {card}) : {meeting} proposé(e) "
        "le {on}.",
        ("ae",), action="Voir la promotion",
    ),
    "person_hired": Kind(
        "Une personne que j'accompagne est embauchée",
        "Embauche de {person}",
        "Bonne nouvelle : {person} est embauché(e) à partir du {on} (carte {card}).",
        ("ae",), action="Voir la promotion",
    ),
    "password_reset": Kind(
        "Réinitialisation du mot de passe",
        "Réinitialiser votre mot de passe Passerelle",
        "Vous avez demandé à changer votre mot de passe. Ce lien est valable une heure et ne "
        "sert qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : "
        "votre mot de passe reste inchangé.",
        ("admin", "direction", "animateur", "cre", "ae", "employer"),
        action="Choisir un nouveau mot de passe", security=True, in_app=False,
    ),
}


def kind_of(name: str) -> Kind:
    return KINDS[name]


def kinds_for(roles: set[str]) -> dict[str, Kind]:
    """The kinds a user with these roles may receive and choose for (security ones left out)."""
    return {name: kind for name, kind in KINDS.items()
            if not kind.security and roles & set(kind.roles)}

KINDS.update(EVENT_KINDS)
KINDS.update(REMINDER_KINDS)
