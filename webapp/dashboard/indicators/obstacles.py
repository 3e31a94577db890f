"""The obstacles that close the most doors across a territory: for its people still looking
and its open offers, how many offers each obstacle rules out and how many lifting it alone
would open (the matching engine's `obstacles`).

This needs the engine, which works person by person in Python: it is computed in a fragment
loaded after the page, on at most SAMPLE_SIZE people of the territory drawn in a fixed
pseudo-random order (people counts are then estimates, rounded to ten), and kept until a
profile or an offer of the territory changes. It describes the whole territory whatever
organisation is chosen; counts of people under 5 are masked."""

from dataclasses import dataclass

from sqlalchemy import BigInteger, cast, func, select

from matching.obstacles import Obstacle
from matching.obstacles import obstacles as engine_obstacles
from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import Bar, bar_chart
from webapp.dashboard.indicators.privacy import SMALL_CELL, Shown
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.shortlists.inputs import (
    RANKED_PROFILE_STATUSES,
    PoolCache,
    exchange_profiles,
    offer_pool,
)
from webapp.shortlists.live import engine_for

CACHE_SIZE = 16
SAMPLE_SIZE = 250
_cache = PoolCache(CACHE_SIZE)


@dataclass(frozen=True)
class TerritoryObstacles:
    obstacles: tuple[Obstacle, ...]
    people: int  # people still looking in the territory
    sampled: int  # people the engine looked at

    def people_figure(self, in_sample: int) -> Shown:
        """A count of people of the sample, as published: masked under 5, else scaled to the
        territory and rounded to ten when only a sample was looked at."""
        if 0 < in_sample < SMALL_CELL:
            return Shown(None, "small")
        if self.sampled >= self.people or not self.sampled:
            return Shown(in_sample)
        return Shown(int(round(in_sample * self.people / self.sampled, -1)))


def _fingerprint(ctx: Context, profiles, offers) -> tuple:
    """Changes whenever a profile or an offer of the territory is added, edited or removed."""
    rows = [db.session.execute(select(func.count(model.id), func.max(model.updated_at), func.max(model.id),
                                      func.sum(model.version)).where(condition)).one()
            for model, condition in ((Profile, profiles), (Offer, offers))]
    return (str(db.engine.url), ctx.pole_id, ctx.now.date(), *(tuple(r) for r in rows))


def territory_obstacles(ctx: Context) -> TerritoryObstacles:
    """The engine's obstacles for the territory's people still looking (a fixed sample of
    them when they are many) and its open offers."""
    profiles = ctx.in_territory(Profile.pole_id) & Profile.status.in_(RANKED_PROFILE_STATUSES)
    offers = ctx.in_territory(Offer.pole_id) & (Offer.status == "open")

    def build() -> TerritoryObstacles:
        engine = engine_for(ctx.pole_id)
        people = db.session.scalar(select(func.count(Profile.id)).where(profiles)) or 0
        shuffled = cast(Profile.id, BigInteger) * 2654435761 % 4294967296  # same order on every database
        rows = db.session.scalars(select(Profile).where(profiles).order_by(shuffled, Profile.id)
                                  .limit(SAMPLE_SIZE)).all()
        records, _ = exchange_profiles(rows)
        found = engine_obstacles(engine, records, offer_pool(engine, offers).pool)
        return TerritoryObstacles(tuple(found), people, len(rows))

    return _cache.get(_fingerprint(ctx, profiles, offers), build)


@indicator("obstacles.doors", "obstacles", "Les obstacles qui ferment le plus de portes", 10, lazy=True)
def doors(ctx: Context) -> Result:
    """Each obstacle with the offers it rules out and those lifting it would open."""
    result = territory_obstacles(ctx)
    found = result.obstacles
    rows = []
    for obstacle in found:
        people, unblocked = result.people_figure(obstacle.people), result.people_figure(obstacle.people_unblocked)
        rows.append((obstacle.label, number_fr(obstacle.offers_excluded), people.text,
                     number_fr(obstacle.offers_opened), unblocked.text))
    top = found[0] if found else None
    sample_note = "" if result.sampled >= result.people else (
        f" Calcul sur {number_fr(result.sampled)} personnes tirées au hasard parmi "
        f"{number_fr(result.people)} : les nombres de personnes sont des estimations arrondies à la dizaine.")
    return Result(
        key="obstacles.doors", title="Les obstacles qui ferment le plus de portes",
        explanation="Pour les personnes du territoire qui cherchent encore et les offres ouvertes : "
        "combien d'offres chaque obstacle écarte, et combien s'ouvriraient si on levait cet "
        "obstacle seul. Calcul sur tout le territoire, quelle que soit l'organisation choisie.",
        headlines=((Headline(f"s'ouvriraient en levant l'obstacle « {top.label} »",
                             f"{number_fr(top.offers_opened)} offres",
                             f"pour {result.people_figure(top.people_unblocked).text} personnes"),)
                   if top else ()),
        chart=bar_chart("chart-obstacles", "Offres qui s'ouvriraient en levant chaque obstacle",
                        [Bar(o.label, o.offers_opened, number_fr(o.offers_opened)) for o in found])
        if found else None,
        table=Table(("Obstacle", "Offres écartées", "Personnes concernées", "Offres ouvertes en le levant",
                     "Personnes débloquées"), tuple(rows)),
        note="Situation actuelle, quelle que soit la période choisie." + sample_note,
        has_masked=any("< 5" in row for row in rows),
    )
