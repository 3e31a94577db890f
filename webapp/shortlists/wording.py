"""The engine's reasons as the screens say them: job and field names, never a bare code.

matching/ words its reasons with the codes (its files and command line are read by people who
know them); a screen swaps each ROME code for the job's name and puts a domaine's name where
the code and its label stood: « Métier visé : Agent / Agente d'entretien de locaux
(correspondance exacte) », « même domaine professionnel « Nettoyage et propreté » »."""

import re

from webapp.reference.referential import engine_referential

ROME_CODE = re.compile(r"\b[A-N]\d{4}\b")
DOMAIN_WITH_LABEL = re.compile(r"\b[A-N](?:\d{2})? \(([^()]+)\)")


def spoken_reason(reason: str) -> str:
    """One reason with job and domaine names instead of their codes."""
    labels = engine_referential().rome_labels
    reason = DOMAIN_WITH_LABEL.sub(lambda found: f"« {found.group(1)} »", reason)
    return ROME_CODE.sub(lambda found: labels.get(found.group(0), found.group(0)), reason)


def spoken_reasons(reasons: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Every reason of a match, as the screens say them."""
    return tuple(spoken_reason(reason) for reason in reasons)
