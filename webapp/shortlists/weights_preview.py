"""The weights page of a territory: its form, and a preview of the change on a sample offer.

The preview is anonymous (administrators see no profile): people are letters, ranked before
and after the change."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select, true

from matching.engine import Engine
from matching.weights import Weights
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.reference.models import Pole
from webapp.reference.referential import engine_referential
from webapp.shortlists.inputs import offer_to_exchange, profile_pool
from webapp.shortlists.weights import check_weights, stored_version, weights_for

DEPARTEMENT = "departement"
SAMPLE_OFFERS = 30
PREVIEW_SIZE = 10


@dataclass(frozen=True)
class PreviewLine:
    person: str
    score_before: float | None
    rank_before: int | None
    score_after: float
    rank_after: int

    @property
    def movement(self) -> str:
        if self.rank_before is None:
            return "nouveau"
        moved = self.rank_before - self.rank_after
        return "=" if moved == 0 else f"{'+' if moved > 0 else '−'}{abs(moved)}"


@dataclass(frozen=True)
class WeightsPage:
    pole_id: int | None
    territory_code: str
    territory_label: str
    form: object
    preview: tuple[PreviewLine, ...]
    territories: tuple[tuple[str, str], ...]
    preview_error: str = ""


def territory_or_404(code: str) -> Pole | None:
    """The pôle of a URL, None for the whole département; 404 for anything else."""
    if code == DEPARTEMENT:
        return None
    pole = db.session.scalar(select(Pole).where(Pole.code == code))
    if pole is None:
        abort(404)
    return pole


def sample_offers(pole_id: int | None) -> list[Offer]:
    in_territory = Offer.pole_id == pole_id if pole_id else true()
    return db.session.scalars(select(Offer).where(in_territory, Offer.status == "open")
                              .order_by(Offer.reference).limit(SAMPLE_OFFERS)).all()


def _ranking(weights: Weights, offer: Offer, pole_id: int | None) -> list[tuple[str, float]]:
    engine = Engine(engine_referential(), weights, today=clock.today())
    in_territory = Profile.pole_id == pole_id if pole_id else true()
    pool = profile_pool(engine, in_territory).pool
    result = engine.rank_profiles(offer_to_exchange(offer), pool, top=PREVIEW_SIZE * 3)
    return [(m.profile_id, m.score) for m in result.matches]


def preview_lines(before: Weights, after: Weights, offer: Offer, pole_id: int | None):
    """The top of the offer's shortlist after the change, with each person's old place."""
    old = {ref: (rank, score) for rank, (ref, score) in enumerate(_ranking(before, offer, pole_id), 1)}
    letters = {ref: _letter(i) for i, ref in enumerate(old)}
    lines = []
    for rank, (ref, score) in enumerate(_ranking(after, offer, pole_id)[:PREVIEW_SIZE], 1):
        letter = letters.setdefault(ref, _letter(len(letters)))
        rank_before, score_before = old.get(ref, (None, None))
        lines.append(PreviewLine(f"Personne {letter}", score_before, rank_before, score, rank))
    return tuple(lines)


def _letter(index: int) -> str:
    return chr(ord("A") + index % 26) + (str(index // 26) if index >= 26 else "")


def weights_page(form, pole: Pole | None, proposed_in_form: bool) -> WeightsPage:
    """Fill the form (with the stored values unless it carries a proposal) and preview it."""
    pole_id = pole.id if pole else None
    current = weights_for(pole_id)
    offers = sample_offers(pole_id)
    form.sample_offer.choices = choices((o.id, f"{o.title} · {o.commune.name}") for o in offers)
    if not proposed_in_form:
        for name, value in current.to_dict().items():
            getattr(form, name).data = round(value / current.total() * 100)
        form.version.data = stored_version(pole_id)
        form.sample_offer.data = offers[0].id if offers else None
    lines, error = (), ""
    sample = next((o for o in offers if o.id == form.sample_offer.data), offers[0] if offers else None)
    if sample is not None and not form.errors:
        try:
            proposed = check_weights(form.values()) if proposed_in_form else current
            lines = preview_lines(current, proposed, sample, pole_id)
        except Invalid as problem:
            error = problem.message
    label = pole.name if pole else "tout le département (par défaut)"
    territories = ((DEPARTEMENT, "Département (par défaut)"),
                   *((p.code, p.name) for p in db.session.scalars(select(Pole).order_by(Pole.id))))
    return WeightsPage(pole_id, pole.code if pole else DEPARTEMENT, label, form, lines,
                       territories, error)
