"""The demo staff: about forty accounts across roles and pôles, all with invented names."""

from dataclasses import dataclass

from webapp.demo.names import STAFF_FIRST_NAMES, STAFF_LAST_NAMES

DEMO_PASSWORD = "passerelle-demo"
DEMO_DOMAIN = "demo.passerelle.fr"
FEATURED_AE_PROFILES = 60  # the caseload of ae@, the AE account people try first

# (e-mail local part, role, organisation key, pôle of the role). A person may appear twice.
ROSTER: tuple[tuple[str, str, str, str | None], ...] = (
    ("admin", "admin", "dept", None),
    ("direction", "direction", "pole:I", "I"),
    ("direction.aix", "direction", "pole:VI", "VI"),
    ("animateur", "animateur", "pole:I", "I"),
    ("animateur.nord", "animateur", "pole:IV", "IV"),
    ("animateur.arles", "animateur", "pole:VII", "VII"),
    ("animateur.etang", "animateur", "pole:IX", "IX"),
    # CREs: the Département's service emploi, France Travail and funded partners.
    ("cre", "cre", "dept", "I"),
    ("cre.est", "cre", "dept", "III"),
    ("cre.nord", "cre", "dept", "IV"),
    ("cre.littoral", "cre", "dept", "V"),
    ("cre.aix", "cre", "dept", "VI"),
    ("cre.etang", "cre", "dept", "IX"),
    ("cre.joliette", "cre", "ft:II", "II"),
    ("cre.arles", "cre", "ft:VII", "VII"),
    ("cre.aubagne", "cre", "ft:VIII", "VIII"),
    ("cre.salon", "cre", "ft:X", "X"),
    ("cre.plie", "cre", "plie-marseille", "I"),
    ("cre.dape", "cre", "dape", "III"),
    ("cre.capemploi", "cre", "cap-emploi", None),
    # AEs: France Travail, the pôles' own référents and partners.
    ("ae", "ae", "ft:I", "I"),
    ("ae.pole1", "ae", "pole:I", "I"),
    ("ae.plie", "ae", "plie-marseille", "I"),
    ("ae.joliette", "ae", "ft:II", "II"),
    ("ae.dape", "ae", "dape", "II"),
    ("ae.est", "ae", "ft:III", "III"),
    ("ae.pole3", "ae", "pole:III", "III"),
    ("ae.nord", "ae", "ft:IV", "IV"),
    ("ae.mission-locale", "ae", "ml-marseille", "IV"),
    ("ae.littoral", "ae", "ft:V", "V"),
    ("ae.pole5", "ae", "pole:V", "V"),
    ("ae.aix", "ae", "ft:VI", "VI"),
    ("ae.plie-aix", "ae", "plie-aix", "VI"),
    ("ae.arles", "ae", "ft:VII", "VII"),
    ("ae.plie-arles", "ae", "plie-arles", "VII"),
    ("ae.aubagne", "ae", "ft:VIII", "VIII"),
    ("ae.martigues", "ae", "ft:IX", "IX"),
    ("ae.plie-ouest", "ae", "plie-ouest", "IX"),
    ("cre.capemploi", "ae", "cap-emploi", "IX"),
    ("ae.salon", "ae", "ft:X", "X"),
    # Employer accounts, in the employer organisation of a company of their pôle.
    ("employeur", "employer", "employer:I", None),
    ("employeur.aix", "employer", "employer:VI", None),
    ("employeur.aubagne", "employer", "employer:VIII", None),
    ("employeur.etang", "employer", "employer:IX", None),
)

# One memorable account per role: (role, e-mail local part, French label for the README and
# `flask demo accounts`, short enough for its 45-character column).
STABLE_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("admin", "admin", "Administrateur (tout le département)"),
    ("direction", "direction", "Direction du pôle Marseille I"),
    ("animateur", "animateur", "Animateur territorial, Marseille I"),
    ("cre", "cre", "CRE du Département, Marseille I"),
    ("cre", "cre.plie", "CRE du PLIE, Marseille I"),
    ("ae", "ae", f"AE France Travail, Marseille I ({FEATURED_AE_PROFILES} profils)"),
    ("employer", "employeur", "Employeur, entreprise de Marseille I"),
)


@dataclass(frozen=True)
class RolePlan:
    organisation: str  # organisation key
    role: str
    pole: str | None


@dataclass(frozen=True)
class StaffPlan:
    email: str
    display_name: str
    roles: tuple[RolePlan, ...]


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


def demo_staff() -> tuple[StaffPlan, ...]:
    """Every demo account with its roles, in roster order; names are "First Démo-Last"."""
    roles: dict[str, list[RolePlan]] = {}
    for local_part, role, organisation, pole in ROSTER:
        roles.setdefault(local_part, []).append(RolePlan(organisation, role, pole))
    return tuple(
        StaffPlan(demo_email(local_part), staff_name(index), tuple(person_roles))
        for index, (local_part, person_roles) in enumerate(roles.items())
    )


def staff_name(index: int) -> str:
    """An obviously invented full name, different for each index of the roster."""
    first = STAFF_FIRST_NAMES[index % len(STAFF_FIRST_NAMES)]
    last = STAFF_LAST_NAMES[(index * 7) % len(STAFF_LAST_NAMES)]
    return f"{first} Démo-{last}"


def demo_accounts() -> list[tuple[str, str]]:
    """(French label of the role and its place, e-mail) for the seven memorable demo accounts."""
    return [(label, demo_email(local_part)) for _, local_part, label in STABLE_ACCOUNTS]
