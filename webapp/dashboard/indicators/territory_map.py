"""The département on a map (issue 17, "Maps"): offers published by commune (offers count
jobs, never masked), and people ready for work and people hired by pôle, each pôle's
communes shaded by the pôle's figure after the small-cell rule (a masked pôle is hatched)."""

from sqlalchemy import and_, func, select

from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.counting import people_table
from webapp.dashboard.indicators.people import READY_STATUSES
from webapp.dashboard.indicators.privacy import Shown
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.reference.maps import Figure, commune_map, map_communes
from webapp.reference.models import Commune, Pole

KEY = "territory.map"


def _offers_by_commune(ctx: Context) -> dict[str, int]:
    period = ctx.period
    conditions = [ctx.in_territory(Offer.pole_id), Offer.merged_into_id.is_(None),
                  Offer.published_at >= period.start_at, Offer.published_at < period.end_at]
    if ctx.organisation_id is not None:
        conditions.append(Offer.organisation_id == ctx.organisation_id)
    return dict(db.session.execute(select(Offer.commune_insee, func.count()).where(*conditions)
                                   .group_by(Offer.commune_insee)).all())


def people_by_pole(ctx: Context, pole_ids: list[int]) -> dict[str, dict[int, Shown]]:
    """People ready today and people hired in the period, by pôle, after the small-cell rule
    (protected across organisations and pôles, like every count of people)."""
    period = ctx.period
    ready = people_table(ctx, Profile.pole_id, pole_ids, Profile.job_ready.is_(True),
                         Profile.status.in_(READY_STATUSES))
    hired = people_table(ctx, Profile.pole_id, pole_ids,
                         and_(Profile.hired_on >= period.start, Profile.hired_on < period.end))
    return {"ready": ready.view(ctx.organisation_id), "hired": hired.view(ctx.organisation_id)}


def _pole_figures(by_pole: dict[int, Shown], pole_of: dict[str, int]) -> dict[str, Figure]:
    return {insee: Figure(by_pole[pole].value, by_pole[pole].text)
            for insee, pole in pole_of.items() if pole in by_pole}


@indicator(KEY, "offers", "Carte du département", 90, lazy=True)
def territory_map(ctx: Context) -> Result:
    """Three maps of the département and one table by pôle."""
    drawn = map_communes()
    communes = db.session.execute(select(Commune.insee, Commune.name, Commune.pole_id)).all()
    names = {insee: name for insee, name, _ in communes}
    pole_of = {insee: pole for insee, _, pole in communes if pole is not None and insee in drawn}
    poles = db.session.execute(select(Pole.id, Pole.code, Pole.name).order_by(Pole.id)).all()
    pole_ids = [pole_id for pole_id, _, _ in poles]
    offers = _offers_by_commune(ctx)
    people = people_by_pole(ctx, pole_ids)
    offers_by_pole = {pole_id: 0 for pole_id in pole_ids}
    for insee, n in offers.items():
        if insee in pole_of:
            offers_by_pole[pole_of[insee]] += n
    maps = (
        commune_map("carte-offres-publiees", "Offres publiées par commune",
                    f"{number_fr(sum(offers.values()))} offres publiées pendant la période, par "
                    "commune du lieu de travail.",
                    {insee: Figure(n, number_fr(n)) for insee, n in offers.items()}, names,
                    "Offres publiées par commune"),
        commune_map("carte-personnes-pretes", "Personnes prêtes à l'emploi par pôle",
                    "Personnes prêtes à l'emploi aujourd'hui, par pôle d'insertion ; chaque commune "
                    "porte le chiffre de son pôle ; moins de 5 personnes : masqué.",
                    _pole_figures(people["ready"], pole_of), names, "Personnes prêtes, par pôle"),
        commune_map("carte-embauches", "Personnes embauchées par pôle",
                    "Personnes embauchées pendant la période, par pôle d'insertion ; chaque commune "
                    "porte le chiffre de son pôle ; moins de 5 personnes : masqué.",
                    _pole_figures(people["hired"], pole_of), names, "Personnes embauchées, par pôle"),
    )
    rows = tuple((f"Pôle {code} – {name}", number_fr(offers_by_pole[pole_id]),
                  people["ready"][pole_id].text, people["hired"][pole_id].text)
                 for pole_id, code, name in poles)
    masked = any(shown.hidden for figures in people.values() for shown in figures.values())
    return Result(
        key=KEY, title="Carte du département",
        explanation="Où sont les offres publiées pendant la période (par commune), les personnes "
        "prêtes à l'emploi aujourd'hui et les personnes embauchées pendant la période (par pôle "
        "d'insertion). Les chiffres de personnes suivent la règle des petits effectifs.",
        headlines=(Headline("offres publiées", number_fr(sum(offers.values())), ""),),
        chart=maps[0] + maps[1] + maps[2],
        table=Table(("Pôle", "Offres publiées", "Personnes prêtes", "Personnes embauchées"), rows),
        has_masked=masked,
    )
