"""SIRET numbers: 14 digits with a Luhn check digit (La Poste's establishments excepted)."""

from __future__ import annotations

LA_POSTE_SIREN = "356000000"


def normalise_siret(text: str) -> str:
    """The SIRET without the spaces, dots and dashes people type in it."""
    return "".join(c for c in text if c not in " .-\u00a0")


def luhn_valid(digits: str) -> bool:
    """True when a string of digits passes the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siret_problem(text: str) -> str | None:
    """Why a SIRET is invalid, in French, or None when it is valid."""
    siret = normalise_siret(text)
    if not (siret.isdigit() and len(siret) == 14):
        return f"SIRET « {text} » invalide : 14 chiffres attendus"
    # La Poste's establishments share one SIREN; INSEE checks them by digit sum instead.
    la_poste = siret.startswith(LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0
    if not (la_poste or luhn_valid(siret)):
        return f"SIRET « {text} » invalide : clé de contrôle fausse (faute de frappe ?)"
    return None
