"""Where to prospect next in a territory: the companies and NAF activities worth prospecting
for the territory's job-ready people, each with its reason in French.

CREs do not see profiles: this page reads them as anonymous counts (per target job and trip
group), never a name, a reference or a commune of residence. The arithmetic is in
`prospection_ranking`."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, true

from matching.pools import effective_modes
from matching.weights import Thresholds
from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.formatting import date_fr, number_fr
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db
from webapp.profiles.exchange import to_exchange
from webapp.profiles.models import Profile
from webapp.prospection.models import FOLLOWED_STAGES, ProspectionTarget
from webapp.prospection.ranking import (
    ActivityRank,
    CompanyPoint,
    CompanyRank,
    ProspectRanker,
    TripGroup,
)
from webapp.prospection.solicit import marked_company_ids
from webapp.reference.models import Naf, NafRome, Pole, RomeCode
from webapp.reference.referential import engine_referential

# Job-ready people still looking: not hired, paused or gone.
READY_STATUSES = ("accompaniment", "proposed", "promoted")
TOP_COMPANIES = 30
TOP_ACTIVITIES = 15
MODE_WORDS = {
    "walk": "à pied", "bike": "à vélo", "public_transport": "en transports en commun",
    "car": "en voiture", "carpool": "en covoiturage", "two_wheeler": "en deux-roues",
}


@dataclass(frozen=True)
class ProspectLine:
    """One line of either ranking: what it is, its score and why it is there."""

    rank: int
    title: str
    detail: str
    score: float
    reason: str
    company_id: int | None = None
    target_id: int | None = None
    division: str | None = None
    out_of_reach: str = ""  # why the viewer cannot open the company's target (another plan)


@dataclass(frozen=True)
class ProspectNext:
    pole: Pole
    ready_people: int
    companies: list[ProspectLine]
    activities: list[ProspectLine]
    do_not_solicit: int


def plural(count: int, singular: str, several: str) -> str:
    """« 1 personne prête » / « 12 personnes prêtes »."""
    return f"{number_fr(count)} {singular if count == 1 else several}"


def ready_people(pole_id: int) -> tuple[list[TripGroup], list[int], list[tuple[str, ...]]]:
    """The pôle's job-ready people as (trip groups, each person's group, each one's targets)."""
    ref, default_minutes = engine_referential(), Thresholds().default_max_minutes
    profiles = db.session.scalars(select(Profile).where(
        Profile.pole_id == pole_id, Profile.job_ready.is_(True),
        Profile.status.in_(READY_STATUSES)).order_by(Profile.id))
    group_index: dict[TripGroup, int] = {}
    person_group, person_codes = [], []
    for profile in profiles:
        record = to_exchange(profile)
        codes = tuple(c for c in record.target_rome_codes if ref.has_rome(c))
        if not codes or not ref.has_commune(record.commune):
            continue
        mobility = record.mobility
        group = TripGroup(record.commune, effective_modes(record),
                          float(mobility.max_minutes or default_minutes), mobility.max_km)
        person_group.append(group_index.setdefault(group, len(group_index)))
        person_codes.append(codes)
    return list(group_index), person_group, person_codes


def _follow(target: ProspectionTarget | None) -> str:
    if target is None:
        return "free"
    if target.stage in FOLLOWED_STAGES:
        return "followed"
    return "partner" if target.stage == "regular_partner" else "dropped"


def company_points(today: date, viewer: User | None = None,
                   ) -> tuple[list[CompanyPoint], dict[int, ProspectionTarget], int]:
    """Directory companies with an activity (those the viewer may open), their targets, and
    how many are left out because they must not be solicited."""
    targets = {t.company_id: t for t in db.session.scalars(
        select(ProspectionTarget).order_by(ProspectionTarget.id.desc()))}
    marked = marked_company_ids(today)
    rows = db.session.execute(select(
        Company.id, Company.commune_insee, Company.naf_code, Company.size_band,
        Company.welcomes_immersion).where(
            Company.merged_into_id.is_(None), Company.naf_code.is_not(None),
            visible_clause(viewer, "company.view", Company) if viewer else true(),
        ).order_by(Company.id))
    points = [CompanyPoint(id_, commune, naf[:2], size, bool(welcomes),
                           _follow(targets.get(id_)))
              for id_, commune, naf, size, welcomes in rows if id_ not in marked]
    return points, targets, len(marked)


def division_codes() -> dict[str, frozenset[str]]:
    """NAF division -> the ROME codes it employs (reference data)."""
    found: dict[str, set[str]] = {}
    for division, code in db.session.execute(select(NafRome.naf_division, NafRome.rome_code)):
        found.setdefault(division, set()).add(code)
    return {division: frozenset(codes) for division, codes in found.items()}


def where_to_prospect(pole: Pole, today: date, top_companies: int = TOP_COMPANIES,
                      top_activities: int = TOP_ACTIVITIES,
                      viewer: User | None = None) -> ProspectNext:
    """Both rankings for the pôle's ready people, best first, with their reasons; for a
    viewer, only companies they may open, and why a target of another plan is not theirs."""
    groups, person_group, person_codes = ready_people(pole.id)
    points, targets, marked = company_points(today, viewer)
    ranker = ProspectRanker(engine_referential(), groups, person_group, person_codes,
                            division_codes(), points)
    ranking = ranker.rank(top_companies, top_activities)
    labels = _Labels()
    companies = [_company_line(i, line, targets.get(line.company.id), labels, viewer)
                 for i, line in enumerate(ranking.companies, 1)]
    activities = [_activity_line(i, line, labels) for i, line in enumerate(ranking.activities, 1)]
    return ProspectNext(pole, len(person_codes), companies, activities, marked)


class _Labels:
    """ROME, NAF and company names, read once per page."""

    def __init__(self):
        self.rome = dict(db.session.execute(select(RomeCode.code, RomeCode.label)).all())
        self.naf = dict(db.session.execute(select(Naf.code, Naf.label)).all())

    def company(self, company_id: int) -> Company:
        return db.session.get(Company, company_id)


def _jobs_phrase(people: int, code_people: int, label: str, reach: str = "") -> str:
    """« 38 personnes prêtes visent « X » » or « … visent un métier de cette activité, dont
    21 « X » », with `reach` (a trip) after the people when given."""
    who = plural(people, "personne prête", "personnes prêtes") + (f" {reach}" if reach else "")
    verb = "vise" if people == 1 else "visent"
    if code_people == people:
        return f"{who} {verb} « {label} »"
    return f"{who} {verb} un métier de cette activité, dont {number_fr(code_people)} « {label} »"


def _trip_phrase(minutes: float, mode: str) -> str:
    return f"trajet médian {number_fr(round(minutes))} min, surtout {MODE_WORDS[mode]}"


def _follow_phrase(target: ProspectionTarget | None) -> str:
    if target is None:
        return "aucun suivi"
    if target.stage == "dropped":
        return (f"abandonnée le {date_fr(target.stage_changed_at)}"
                + (f" : {target.dropped_reason}" if target.dropped_reason else ""))
    if target.stage == "regular_partner":
        return f"déjà partenaire régulier, {target.followed_by}"
    return f"déjà {target.followed_by}, étape « {target.stage_label} » : proposez de la rejoindre"


def _out_of_reach(target: ProspectionTarget | None, viewer: User | None) -> str:
    """Why the viewer cannot open this target, or empty: a target of another pôle's plan."""
    if target is None or viewer is None or can(viewer, "prospection.view", target):
        return ""
    return (f"Cible du plan « {target.pole.name} », {target.followed_by} : hors de votre "
            "plan, voyez avec son pilote")


def _company_line(rank: int, line: CompanyRank, target: ProspectionTarget | None,
                  labels: _Labels, viewer: User | None = None) -> ProspectLine:
    company = labels.company(line.company.id)
    reach = f"à portée ({_trip_phrase(line.median_minutes, line.main_mode)})"
    parts = [_jobs_phrase(line.ready_people, line.top_code_people,
                          labels.rome.get(line.top_code, line.top_code), reach)]
    if company.size_label:
        parts.append(company.size_label)
    if company.welcomes_immersion:
        parts.append("entreprise accueillante (immersions)")
    out_of_reach = _out_of_reach(target, viewer)
    parts.append(_follow_phrase(target) if not out_of_reach
                 else f"déjà {target.followed_by}, étape « {target.stage_label} »")
    naf = labels.naf.get(line.company.division, "")
    return ProspectLine(rank, company.name, f"{company.commune.name} · {naf}", line.score,
                        " ; ".join(parts), company_id=company.id,
                        target_id=target.id if target and not out_of_reach else None,
                        out_of_reach=out_of_reach)


def _activity_line(rank: int, line: ActivityRank, labels: _Labels) -> ProspectLine:
    naf = labels.naf.get(line.division, line.division)
    reason = _jobs_phrase(line.ready_people, line.top_code_people,
                          labels.rome.get(line.top_code, line.top_code))
    if line.companies_in_reach:
        followed = ("aucune suivie" if not line.followed_in_reach
                    else f"dont {number_fr(line.followed_in_reach)} déjà suivie"
                    + ("s" if line.followed_in_reach > 1 else ""))
        reason += (f" ; {plural(line.companies_in_reach, 'entreprise', 'entreprises')} de "
                   f"l'annuaire à leur portée ({_trip_phrase(line.median_minutes, line.main_mode)})"
                   f", {followed}")
    else:
        reason += (" ; aucune entreprise de cette activité à leur portée dans l'annuaire : de "
                   "nouvelles pistes à chercher")
    return ProspectLine(rank, naf, f"Division NAF {line.division}", line.score, reason,
                        division=line.division)
