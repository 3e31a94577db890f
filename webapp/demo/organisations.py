"""The partner organisations of the demo territory, one of each kind and several per pôle."""

from dataclasses import dataclass

from webapp.core.errors import Invalid
from webapp.demo.context import DemoContext

DEPARTEMENT = "Département 13"
MARSEILLE = ("I", "II", "III", "IV", "V")
ALL_POLES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

FRANCE_TRAVAIL_AGENCIES = {
    "I": "Marseille Centre", "II": "Marseille Euroméditerranée", "III": "Marseille Est",
    "IV": "Marseille Nord", "V": "Marseille Littoral Nord", "VI": "Aix-en-Provence",
    "VII": "Arles", "VIII": "Aubagne", "IX": "Martigues", "X": "Salon-de-Provence",
}

# (key, kind, name, pôles worked in): the PLIE, DAPE, missions locales, Cap emploi and SIAE.
PARTNERS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("plie-marseille", "plie", "PLIE Marseille Provence", MARSEILLE),
    ("plie-aix", "plie", "PLIE du Pays d'Aix", ("VI",)),
    ("plie-arles", "plie", "PLIE du Pays d'Arles", ("VII",)),
    ("plie-aubagne", "plie", "PLIE du Pays d'Aubagne et de l'Étoile", ("VIII",)),
    ("plie-ouest", "plie", "PLIE Ouest Provence", ("IX",)),
    ("plie-martigues", "plie", "PLIE du Pays de Martigues", ("IX",)),
    ("plie-salon", "plie", "PLIE du Pays salonais", ("X",)),
    ("dape", "dape", "DAPE Bouches-du-Rhône", MARSEILLE + ("VII", "VIII", "X")),
    ("ml-marseille", "mission_locale", "Mission locale de Marseille", MARSEILLE),
    ("ml-aix", "mission_locale", "Mission locale du Pays d'Aix", ("VI",)),
    ("ml-delta", "mission_locale", "Mission locale du Delta", ("VII",)),
    ("ml-ouest", "mission_locale", "Mission locale Ouest Provence", ("IX",)),
    ("cap-emploi", "cap_emploi", "Cap emploi 13", ALL_POLES),
    ("siae-jardins", "siae", "ACI Jardins de la Sansouire (fictif)", ("VII",)),
    ("siae-recyclerie", "siae", "Recyclerie du Vallon Clair (fictif)", ("III",)),
    ("siae-etti", "siae", "ETTI Mistral Travail (fictif)", ("IX",)),
)

# The pôles where an employer account is created, on the company of that pôle with most offers.
EMPLOYER_POLES = ("I", "VI", "VIII", "IX")


@dataclass(frozen=True)
class OrganisationPlan:
    """An organisation to create, named by a stable key the other plans refer to."""

    key: str
    name: str
    kind: str
    territory: tuple[str, ...]  # the pôles it works in
    company: int | None = None  # index in the company plan, for employer organisations

    @property
    def pole(self) -> str | None:
        """The organisation's own pôle, when it works in exactly one."""
        return self.territory[0] if len(self.territory) == 1 else None


def partner_organisations(context: DemoContext) -> tuple[OrganisationPlan, ...]:
    """The Département, its pôles, France Travail agencies and the funded partners."""
    missing = [code for code in ALL_POLES if code not in context.poles]
    if missing:
        raise Invalid(f"Pôles absents des données de référence : {', '.join(missing)}.")
    plans = [
        OrganisationPlan("dept", f"{DEPARTEMENT} – service emploi", "departement_emploi", ALL_POLES)
    ]
    plans += [
        OrganisationPlan(
            f"pole:{code}", f"{DEPARTEMENT} – {context.poles[code]}", "departement_pole", (code,)
        )
        for code in ALL_POLES
    ]
    plans += [
        OrganisationPlan(f"ft:{code}", f"France Travail {place}", "france_travail", (code,))
        for code, place in FRANCE_TRAVAIL_AGENCIES.items()
    ]
    plans += [OrganisationPlan(key, name, kind, poles) for key, kind, name, poles in PARTNERS]
    return tuple(plans)


def employer_organisation(pole: str, company_index: int, company_name: str) -> OrganisationPlan:
    """The organisation through which a company's staff log in."""
    return OrganisationPlan(f"employer:{pole}", company_name, "employer", (pole,), company_index)
