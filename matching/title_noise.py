"""What offer titles carry besides the job, and the abbreviations they use: one table.

`clean_words` turns the normalised words of a title (lower case, no accents, no "H/F") into
the words that can name a job: abbreviations written out ("ASH" → agent service
hospitalier), contract, schedule and urgency words, places ("Marseille 13e"), hours ("35h")
and ordinals dropped. The suggester applies it to the indexed titles and to the queries
alike, so "ASH" meets the official "Agent de service hospitalier (ASH)" word for word.
"""

from __future__ import annotations

import re

# Abbreviations of offer titles → their words (as normalize_title writes them). Each one is
# the abbreviation France Travail's own titles or the pôles' offers use for that job.
ABBREVIATIONS: dict[str, str] = {
    "ash": "agent service hospitalier",
    "advf": "assistant vie familles",
    "aes": "accompagnant educatif social",
    "aesh": "accompagnant eleves situation handicap",
    "eje": "educateur jeunes enfants",
    "atsem": "agent specialise ecoles maternelles",
    "asem": "agent specialise ecoles maternelles",
    "avs": "auxiliaire vie sociale",
    "amp": "aide medico psychologique",
    "as": "aide soignant",
    "ide": "infirmier",
    "asv": "auxiliaire specialise veterinaire",
    "aps": "agent prevention securite",
    "ssiap": "agent securite incendie",
    "pl": "poids lourd",
    "spl": "super poids lourd",
    "adv": "administration ventes",
    "rh": "ressources humaines",
    "assmat": "assistant maternel",
    "ets": "employe technique",
    "btp": "batiment",
}
# Words that say nothing about the job: contract, schedule, urgency, certificates that come
# with a job rather than name one (CACES, VL), recruitment wording.
OFFER_NOISE = frozenset({
    "h", "f", "x", "hf", "fh", "cdi", "cdd", "cdii", "interim", "interimaire", "temps",
    "partiel", "plein", "complet", "urgent", "urgence", "postes", "recrute", "recrutons",
    "recherchons", "mi", "jour", "jours", "we", "weekend", "matin", "soir", "heure", "heures",
    "hebdo", "mois", "semaine", "immediat", "asap", "debutant", "debutante", "accepte",
    "experimente", "experimentee", "confirme", "confirmee", "junior", "senior", "saisonnier",
    "saison", "alternance", "ref", "offre", "caces", "vl", "r489", "r482", "r486", "cat",
    "categorie", "permis", "b", "ehpad", "cedex", "arrondissement", "nuits", "nuit",
    "contrat", "duree", "determinee", "indeterminee", "cesu", "etudiant", "etudiante"})
# Places that offers append ("- Marseille 13e", "Aix-en-Provence"): the larger communes of
# the Bouches-du-Rhône and their usual shortenings (none of them is a word of a job title).
PLACES = frozenset({
    "marseille", "aix", "provence", "arles", "aubagne", "martigues", "istres", "vitrolles",
    "marignane", "miramas", "gardanne", "tarascon", "chateaurenard", "fos", "berre",
    "rognac", "gemenos", "rousset", "ciotat", "cassis", "allauch", "pennes", "mirabeau",
    "septemes", "vallons", "cuques", "trets", "pertuis", "meyreuil", "lambesc",
    "pelissanne", "eyguieres", "orgon", "senas", "paca", "bouches", "cabries", "bdr"})
# "13e", "1er", "2eme", "35h", "24h30", "13001": places, ranks and hours, not jobs.
_NOT_A_JOB = re.compile(r"^\d+(e|er|eme|ieme|h|h\d+|k)?$")
# The noise words of the suggester before this table (`bench-suggest`'s "before").
PREVIOUS_NOISE = frozenset({
    "h", "f", "hf", "fh", "cdi", "cdd", "cdii", "interim", "interimaire", "temps", "partiel",
    "plein", "complet", "urgent", "postes", "recrute", "recrutons", "recherchons", "mi",
    "jour", "jours", "we", "weekend", "matin", "soir", "heure", "heures", "hebdo", "mois",
    "semaine", "immediat", "asap", "debutant", "debutante", "accepte", "experimente",
    "experimentee", "confirme", "confirmee", "junior", "senior", "saisonnier", "saison",
    "alternance", "ref", "offre"})


def clean_words(words: list[str], stopwords: frozenset[str]) -> list[str]:
    """The job words of a normalised title, abbreviations written out, in order."""
    out: list[str] = []
    for word in words:
        if word in OFFER_NOISE or _NOT_A_JOB.match(word):
            continue
        expanded = ABBREVIATIONS.get(word)
        if expanded is not None:
            out.extend(expanded.split())
        elif word not in stopwords and word not in PLACES:
            out.append(word)
    return out


def previous_words(words: list[str], stopwords: frozenset[str]) -> list[str]:
    """The words the suggester kept before this table (for the before/after evaluation)."""
    return [w for w in words if w not in stopwords and w not in PREVIOUS_NOISE
            and not w.isdigit()]
