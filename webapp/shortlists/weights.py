"""The matching weights of each territory, set by administrators."""

from sqlalchemy import or_, select

from matching.weights import DEFAULT_WEIGHTS, Weights
from webapp.accounts.models import User
from webapp.core.errors import Conflict, Invalid
from webapp.core.recently_read import RecentlyRead
from webapp.extensions import db
from webapp.shortlists.models import MatchingWeights

COMPONENT_LABELS: dict[str, str] = {
    "job": "Métier",
    "reach": "Trajet",
    "hours": "Heures",
    "availability": "Disponibilité",
}


def weight_shares(weights: Weights) -> dict[str, int]:
    """Each component's share of the score in percent, by its French label."""
    return {COMPONENT_LABELS[name]: round(value / weights.total() * 100)
            for name, value in weights.to_dict().items()}


def _row(pole_id: int | None) -> MatchingWeights | None:
    return db.session.scalar(select(MatchingWeights).where(
        MatchingWeights.pole_id.is_(None) if pole_id is None else MatchingWeights.pole_id == pole_id
    ))


def weights_for(pole_id: int | None) -> Weights:
    """The territory's weights, else the département's, else the engine's defaults (one
    query for both rows)."""
    rows = {row.pole_id: row for row in db.session.execute(
        select(MatchingWeights.pole_id, MatchingWeights.job, MatchingWeights.reach,
               MatchingWeights.hours, MatchingWeights.availability)
        .where(or_(MatchingWeights.pole_id.is_(None), MatchingWeights.pole_id == pole_id)))}
    row = rows.get(pole_id) or rows.get(None)
    if row is None:
        return DEFAULT_WEIGHTS
    return Weights(job=row.job, reach=row.reach, hours=row.hours, availability=row.availability)


_recent = RecentlyRead("POOL_RECHECK_SECONDS", size=256)  # (database, pole id) -> weights


def recent_weights_for(pole_id: int | None) -> Weights:
    """`weights_for`, as this process read it at most POOL_RECHECK_SECONDS ago: the rankings
    trust their pools for as long (webapp/shortlists/inputs.py), and every ranked page asked
    for the weights again (a statement on the caseload, « à portée », the candidates)."""
    return _recent.get((str(db.engine.url), pole_id), lambda: weights_for(pole_id))


def forget_recent_weights() -> None:
    _recent.clear()


def stored_version(pole_id: int | None) -> int:
    row = _row(pole_id)
    return row.version if row else 0


def check_weights(values: dict[str, float]) -> Weights:
    """Weights from a form (the engine's own rules); Invalid with its French message."""
    try:
        return Weights(**values)
    except ValueError as error:
        raise Invalid(f"Pondération refusée : {error}.", "job") from error


def save_weights(actor: User, pole_id: int | None, weights: Weights, expected_version: int) -> None:
    """Store a territory's weights; Conflict when someone saved since the form was opened."""
    row = _row(pole_id)
    if (row.version if row else 0) != expected_version:
        raise Conflict("Quelqu'un a modifié ces pondérations entre-temps : voici les valeurs "
                       "actuelles, vérifiez-les avant d'enregistrer à nouveau.")
    if row is None:
        row = MatchingWeights(pole_id=pole_id)
        db.session.add(row)
    row.job, row.reach = weights.job, weights.reach
    row.hours, row.availability = weights.hours, weights.availability
    row.updated_by_id = actor.id
    db.session.flush()
    forget_recent_weights()  # this process ranks with them at once, the others within the delay
