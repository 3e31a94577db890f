"""Small builders for test objects, with sensible defaults and real reference codes."""

from itertools import count

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock
from webapp.extensions import db
from webapp.reference.models import Commune, Pole

PASSWORD = "correct horse battery"
_sequence = count(1)
_password_hash: list[str] = []


def _hashed_password() -> str:
    """Hash the shared test password once (Argon2id at the test configuration's cost)."""
    if not _password_hash:
        from webapp.core.passwords import hash_password

        _password_hash.append(hash_password(PASSWORD))
    return _password_hash[0]


def pole(code: str) -> Pole:
    return db.session.scalar(select(Pole).where(Pole.code == code))


def commune(insee: str) -> Commune:
    return db.session.get(Commune, insee)


def organisation(name: str | None = None, kind: str = "france_travail", pole_code: str | None = "I",
                 **values) -> Organisation:
    org = Organisation(
        name=name or f"Organisation {next(_sequence)}",
        kind=kind,
        pole=pole(pole_code) if pole_code else None,
        **values,
    )
    db.session.add(org)
    db.session.flush()
    return org


def user(*roles: tuple, email: str | None = None, name: str | None = None, active: bool = True) -> User:
    """A user holding (organisation, role) or (organisation, role, pole_code) roles."""
    number = next(_sequence)
    person = User(
        email=email or f"personne{number}@exemple.fr",
        display_name=name or f"Personne {number}",
        active=active,
        password_hash=_hashed_password(),
    )
    db.session.add(person)
    for held in roles:
        org, role, *rest = held
        pole_code = rest[0] if rest else None
        db.session.add(
            Membership(user=person, organisation=org, role=role, pole=pole(pole_code) if pole_code else None)
        )
    db.session.flush()
    return person


def company(name: str | None = None, insee: str = "13201", **values):
    from webapp.companies.models import Company

    firm = Company(name=name or f"Entreprise {next(_sequence)}", commune_insee=insee, **values)
    db.session.add(firm)
    db.session.flush()
    return firm


def offer(org: Organisation, insee: str = "13201", rome_code: str = "K2204", **values):
    """An open offer of `org` in commune `insee`; its pôle is the commune's."""
    from webapp.offers.models import Offer

    number = next(_sequence)
    values.setdefault("title", "Agent d'entretien de locaux H/F")
    values.setdefault("status", "open")
    job = Offer(
        reference=f"O-TEST-{number:05d}",
        organisation=org,
        commune_insee=insee,
        pole_id=commune(insee).pole_id,
        rome_code=rome_code,
        **values,
    )
    db.session.add(job)
    db.session.flush()
    return job


def profile(org: Organisation, ae: User | None = None, insee: str = "13201",
            targets: tuple[str, ...] = ("K2204",), **values):
    """A profile of `org` followed by `ae`, living in `insee`."""
    from webapp.profiles.models import Profile, ProfileTarget

    number = next(_sequence)
    values.setdefault("label", f"Personne {number}.")
    values.setdefault("mobility_modes", ["walk", "public_transport"])
    person = Profile(
        reference=f"P-TEST-{number:05d}",
        organisation=org,
        ae_id=ae.id if ae else None,
        commune_insee=insee,
        pole_id=commune(insee).pole_id,
        **values,
    )
    person.targets = [ProfileTarget(rank=i + 1, rome_code=code) for i, code in enumerate(targets)]
    db.session.add(person)
    db.session.flush()
    return person


def employer(firm=None, email: str | None = None, name: str | None = None) -> User:
    """An employer account of `firm` (a new company when None), through its employer organisation."""
    firm = firm or company()
    territory = firm.commune.pole
    org = organisation(f"Employeur {firm.name} {next(_sequence)}", kind="employer",
                       pole_code=territory.code if territory else None, company_id=firm.id)
    return user((org, "employer"), email=email, name=name)


def need(org: Organisation, firm=None, insee: str = "13201", rome_code: str = "K2204", **values):
    """A hiring need posted through `org` for `firm`, in commune `insee` (its pôle)."""
    from datetime import timedelta

    from webapp.needs.models import HiringNeed

    author = values.pop("author", None) or user()
    values.setdefault("status", "waiting")
    values.setdefault("start_date", clock.today() + timedelta(days=30))
    values.setdefault("hours_per_week", 35)
    posted = HiringNeed(
        organisation=org, company_id=(firm.id if firm else org.company_id or company().id),
        author_id=author.id, commune_insee=insee, pole_id=commune(insee).pole_id,
        rome_code=rome_code, **values,
    )
    db.session.add(posted)
    db.session.flush()
    return posted


def immersion(person, firm=None, status: str = "proposed", **values):
    """An immersion of `person` at `firm` (a new company when None), Monday to Friday 9-12 and
    13-17 from next Monday for a week, written directly (no rule is checked)."""
    from datetime import timedelta

    from webapp.immersions.models import Immersion
    from webapp.immersions.schedule import office_hours

    today = clock.today()
    start = values.pop("start_date", today + timedelta(days=7 - today.weekday()))
    values.setdefault("end_date", start + timedelta(days=4))
    values.setdefault("rome_code", "K2204")
    values.setdefault("objective", "discover")
    values.setdefault("schedule", office_hours().to_json())
    record = Immersion(
        reference=f"IM-TEST-{next(_sequence):05d}", profile=person, company=firm or company(),
        organisation_id=person.organisation_id, pole_id=person.pole_id, referent_id=person.ae_id,
        start_date=start, status=status, **values,
    )
    db.session.add(record)
    db.session.flush()
    return record


def target(firm=None, lead: User | None = None, org: Organisation | None = None,
           pole_code: str = "I", stage: str = "to_prospect", **values):
    """A prospection target of `firm` in pôle `pole_code`'s plan, led by `lead` for `org`."""
    from webapp.prospection.models import ProspectionTarget

    org = org or organisation(pole_code=pole_code)
    lead = lead or user((org, "cre"))
    record = ProspectionTarget(company_id=(firm or company()).id, pole_id=pole(pole_code).id,
                               lead_id=lead.id, organisation_id=org.id, stage=stage, **values)
    db.session.add(record)
    db.session.flush()
    return record


def contact_entry(firm, author: User, org: Organisation, days_ago: int = 0, **values):
    """An exchange of the contact log, `days_ago` days before today (no rule is checked)."""
    from datetime import timedelta

    from webapp.prospection.models import CompanyContactLog

    values.setdefault("channel", "phone")
    values.setdefault("summary", "Présentation de la task force.")
    values.setdefault("outcome", "interested")
    entry = CompanyContactLog(company_id=firm.id, author_id=author.id, organisation_id=org.id,
                              contacted_on=clock.today() - timedelta(days=days_ago), **values)
    db.session.add(entry)
    db.session.flush()
    return entry
